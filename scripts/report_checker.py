"""提交前自查的 Python 引擎：文本 → 检查结果。

Pure functions over the rules in data/checker_rules.yml, the formulations in
data/formulations.yml and the parts in data/sections.yml.  The browser engine
(docs/assets/javascripts/checker.js) implements the same rules from the same
data; tests/vectors/*.yml keep the two in agreement.

    from report_checker import check
    findings = check(text, year=2026)

Each finding is a dict: rule, level (错误/警告/提示), line, col (1-based, in
characters), length, message, suggestion (or None).

Columns count Unicode code points.  Lines are split on \\n, \\r\\n and \\r.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMS = "一二三四五六七八九"
LEVEL_KEYS = {"错误": "error", "警告": "warning", "提示": "hint"}
WHITESPACE = re.compile(r"[ \t\u3000\u00a0\ufeff]")
CONNECTORS = re.compile(r"以及|和|及|与|并")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# the mark before 二是、三是…: which separators count as the same
SEPARATORS = {"；": "；", ";": "；", "。": "。", "，": "，", ",": "，"}


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

def _read_yaml(path: Path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def default_data() -> dict:
    """The same dict the site embeds as window.GUIDE_CHECKER_DATA."""
    return {
        "rules": _read_yaml(DATA / "checker_rules.yml"),
        "formulations": _read_yaml(DATA / "formulations.yml") or [],
        "sections": _read_yaml(DATA / "sections.yml"),
    }


# ---------------------------------------------------------------------------
# Small helpers (each has a twin in checker.js)
# ---------------------------------------------------------------------------

def cn_to_int(s: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; 二〇二六 → 2026 (digit by digit)."""
    if "十" not in s:
        n = 0
        for ch in s:
            n = n * 10 + CN_DIGITS[ch]
        return n
    tens, _, ones = s.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def int_to_cn(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return CN_NUMS[n - 1]
    if n < 20:
        return "十" + (CN_NUMS[n - 11] if n > 10 else "")
    if n < 100:
        return CN_NUMS[n // 10 - 1] + "十" + (CN_NUMS[n % 10 - 1] if n % 10 else "")
    return str(n)


def round_half_up(x: float) -> int:
    import math
    return int(math.floor(x + 0.5))


def fill(template: str | None, params: dict) -> str | None:
    if template is None:
        return None
    return re.sub(r"\{(\w+)\}", lambda m: str(params.get(m.group(1), m.group(0))), template)


def count_chars(s: str) -> int:
    return len(WHITESPACE.sub("", s))


def mask_number(s: str) -> str:
    digits = re.sub(r"[ -]", "", s)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:] if len(digits) > 7 else digits


def idcard_valid(s: str) -> bool:
    total = sum(int(c) * w for c, w in zip(s[:17], ID_WEIGHTS))
    return ID_CHECK[total % 11] == s[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def fix_date(s: str) -> str:
    """26年12月8日 → 2026年12月8日; 2026.12.8 / 2026-12-08 → 2026年12月8日."""
    if "年" in s:
        return "20" + s
    y, m, d = re.split(r"[.．/-]", s)
    return f"{y}年{int(m)}月{int(d)}日"


def convert_date(s: str) -> str:
    """二〇二六年一月 → 2026年1月 (runs of Chinese numerals → Arabic)."""
    return re.sub(r"[〇零一二三四五六七八九十]+", lambda m: str(cn_to_int(m.group(0))), s)


# ---------------------------------------------------------------------------
# The engine
# ---------------------------------------------------------------------------

class Checker:
    def __init__(self, data: dict | None = None):
        data = data or default_data()
        self.cfg = data["rules"]
        self.formulations = data.get("formulations") or []
        self.sections = data["sections"]
        han = self.cfg["han"]
        self.rules = {r["id"]: r for r in self.cfg["rules"]}
        self.order = {r["id"]: i for i, r in enumerate(self.cfg["rules"])}
        self.patterns = {
            r["id"]: [re.compile(p.replace("{HAN}", han)) for p in r.get("patterns") or []]
            for r in self.cfg["rules"]
        }
        self.has_han = re.compile(f"[{han}]")
        self.prefix = re.compile(self.cfg["line_prefix"])
        self.numbering = [(n["level"], re.compile(n["pattern"]), n["label"]) for n in self.cfg["numbering"]]
        self.chain = re.compile(self.cfg["chain_pattern"])
        self.markers = [
            (re.compile(m["pattern"]), m["fix"], re.compile(m["unless"]) if m.get("unless") else None)
            for m in self.rules["ordinal-punct"]["markers"]
        ]
        self.transition = re.compile(self.cfg["opening_transition"])
        self.ignore = set(self.cfg["formulation_ignore"])
        self.parts = [s for s in self.sections if s.get("recognise")]
        self.campaign = re.compile(self.cfg["campaign_pattern"])

    # -- findings ----------------------------------------------------------

    def _finding(self, out, rule_id, line, col, length, params=None, case=None, level=None):
        rule = self.rules[rule_id]
        params = params or {}
        template = rule["messages"][case] if case else rule["message"]
        level = level or rule["level"]
        out.append({
            "rule": rule_id,
            "level": level,
            "severity": LEVEL_KEYS[level],
            "line": line,
            "col": col,
            "length": length,
            "message": fill(template, params),
            "suggestion": fill(rule.get("suggestion"), params),
        })

    # -- line analysis -----------------------------------------------------

    def _analyse(self, lines, heading_levels):
        """Per line: prefix length, numbering (level, number, marker text), style level."""
        info = []
        for i, raw in enumerate(lines):
            start = self.prefix.match(raw).end()
            body = raw[start:]
            num = None
            for level, pattern, label in self.numbering:
                m = pattern.match(body)
                if m:
                    g = m.group(1)
                    n = int(g) if g.isdigit() else cn_to_int(g)
                    num = {"level": level, "n": n, "marker": m.group(0), "label": label}
                    break
            style = heading_levels.get(i + 1) if heading_levels else None
            info.append({"start": start, "body": body, "num": num, "style": style})
        return info

    @staticmethod
    def _label(label: str, n: int) -> str:
        return label.replace("{cn}", int_to_cn(n)).replace("{n}", str(n))

    # -- pattern rules -----------------------------------------------------

    def _pattern_rules(self, out, lines, info):
        for idx, raw in enumerate(lines):
            if not raw.strip():
                continue
            lineno = idx + 1
            masked = None
            han_line = bool(self.has_han.search(raw))
            for rule_id, pats in self.patterns.items():
                if not pats or rule_id.startswith("pii-") or rule_id == "congress-dated":
                    continue
                rule = self.rules[rule_id]
                text = raw
                if rule.get("skip_marker") and info[idx]["num"]:
                    if masked is None:
                        s, m = info[idx]["start"], len(info[idx]["num"]["marker"])
                        masked = raw[:s] + " " * m + raw[s + m:]
                    text = masked
                if rule_id == "quote-halfwidth" and not han_line:
                    continue
                seen = {'"': 0, "＂": 0, "'": 0}
                taken: list[tuple[int, int]] = []
                for pat in pats:
                    for m in pat.finditer(text):
                        match = m.group(0)
                        s, e = m.start(), m.end()
                        if not match or any(s < te and ts < e for ts, te in taken):
                            continue
                        taken.append((s, e))
                        params = {"match": match}
                        if rule_id == "punct-halfwidth":
                            mark = match.strip()
                            params.update(mark=mark, fix=rule["map"][mark])
                        elif rule_id == "quote-halfwidth":
                            kind = "'" if match == "'" else '"'
                            k = seen[match]
                            seen[match] += 1
                            params["fix"] = ("‘’" if kind == "'" else "“”")[k % 2]
                        elif rule_id == "number-date":
                            params["fix"] = convert_date(match)
                        elif rule_id == "date-zero-pad":
                            params["fix"] = match[1:]
                        elif rule_id == "date-format":
                            params["fix"] = fix_date(match)
                        self._finding(out, rule_id, lineno, m.start() + 1, len(match), params)

    def _pii(self, out, lines):
        for idx, raw in enumerate(lines):
            if not any(c.isdigit() for c in raw):
                continue
            taken = []
            for rule_id in ("pii-idcard", "pii-bankcard", "pii-mobile"):
                for pat in self.patterns[rule_id]:
                    for m in pat.finditer(raw):
                        s, e = m.start(), m.end()
                        if any(s < te and ts < e for ts, te in taken):
                            continue
                        digits = re.sub(r"[ -]", "", m.group(0))
                        if rule_id == "pii-idcard" and not idcard_valid(digits):
                            continue
                        if rule_id == "pii-bankcard" and not (16 <= len(digits) <= 19 and luhn_valid(digits)):
                            continue
                        taken.append((s, e))
                        self._finding(out, rule_id, idx + 1, s + 1, e - s, {"masked": mask_number(m.group(0))})

    # -- pairs ---------------------------------------------------------------

    def _pairs(self, out, lines):
        rule = self.rules["pair-unbalanced"]
        for idx, raw in enumerate(lines):
            for pair in rule["pairs"]:
                o, c = pair["open"], pair["close"]
                if o not in raw and c not in raw:
                    continue
                stack = []
                for pos, ch in enumerate(raw):
                    if ch == o:
                        if stack and not pair["nest"]:
                            # most often a mistyped closing mark: report it once
                            self._finding(out, "pair-unbalanced", idx + 1, pos + 1, 1,
                                          {"mark": o, "open": o, "close": c}, case="nested")
                            stack.pop()
                        else:
                            stack.append(pos)
                    elif ch == c:
                        if stack:
                            stack.pop()
                        else:
                            self._finding(out, "pair-unbalanced", idx + 1, pos + 1, 1,
                                          {"mark": c, "open": o, "close": c}, case="close")
                for pos in stack:
                    self._finding(out, "pair-unbalanced", idx + 1, pos + 1, 1,
                                  {"mark": o, "open": o, "close": c}, case="open")

    # -- numbering -----------------------------------------------------------

    @staticmethod
    def _sequence(prev: int, n: int):
        """None if n follows prev; else the case: gap / repeat / order."""
        if n == prev + 1:
            return None
        if n == prev:
            return "repeat"
        if n > prev + 1:
            return "gap"
        return "order"

    def _numbering(self, out, lines, info):
        counters = {1: 0, 2: 0, 3: 0, 4: 0}
        labels = {lvl: label for lvl, _, label in self.numbering}
        stack: list[int] = []
        l3_sep = None
        chains: dict[str, int] = {}
        seps: dict[str, str] = {}
        seen_text = False          # any line before this one
        seen_heading = False       # any heading before this one
        seen_levels: set[int] = set()
        for idx, raw in enumerate(lines):
            lineno = idx + 1
            li = info[idx]
            num = li["num"]
            if num or li["style"]:
                chains = {}
            if num:
                level, n = num["level"], num["n"]
                col = li["start"] + 1
                found = self._label(labels[level], n)
                # ordinal punctuation
                body = li["body"]
                flagged = False
                for pat, fix, unless in self.markers:
                    m = pat.match(body)
                    if m and not (unless and unless.match(body)):
                        fixed = fix.replace("{1}", m.group(1))
                        self._finding(out, "ordinal-punct", lineno, col, len(m.group(0)),
                                      {"match": m.group(0), "fix": fixed})
                        flagged = True
                        break
                if level == 3 and not flagged:
                    sep = num["marker"][-1]
                    if l3_sep is None:
                        l3_sep = sep
                    elif sep != l3_sep:
                        self._finding(out, "ordinal-punct", lineno, col, len(num["marker"]),
                                      {"match": num["marker"], "previous": f"1{l3_sep}",
                                       "fix": num["marker"][:-1] + l3_sep}, case="mixed")
                # levels out of order
                if stack and stack[-1] > level and level not in stack:
                    inner = stack[-1]
                    self._finding(out, "heading-level", lineno, col, len(num["marker"]),
                                  {"found": found, "inner": self._label(labels[inner], 1)})
                while stack and stack[-1] >= level:
                    stack.pop()
                stack.append(level)
                # sequence
                prev = counters[level]
                case = self._sequence(prev, n)
                # a text that starts inside a list (a pasted fragment) is not a gap
                if case == "gap" and prev == 0 and not (
                        seen_text if level == 1 else any(lv < level for lv in seen_levels)):
                    case = None
                if case:
                    self._finding(out, "heading-sequence", lineno, col, len(num["marker"]), {
                        "found": found,
                        "expected": self._label(labels[level], prev + 1),
                        "previous": self._label(labels[level], prev) if prev else "",
                    }, case=case)
                counters[level] = max(prev, n)
                for deeper in range(level + 1, 5):
                    counters[deeper] = 0
                seen_levels.add(level)
            elif li["style"]:
                stack = []
                seen_levels.add(li["style"])
            # 一是、二是 chains (the text after the marker)
            seps = {}
            for m in self.chain.finditer(raw):
                suffix = m.group(2)
                n = cn_to_int(m.group(1))
                prev = chains.get(suffix, 0)
                if n == 1:
                    chains[suffix] = 1
                    seps.pop(suffix, None)
                    continue
                before = SEPARATORS.get(raw[m.start() - 1]) if m.start() > 0 else None
                if before:
                    first = seps.setdefault(suffix, before)
                    if before != first:
                        self._finding(out, "chain-punct", lineno, m.start(), 1, {
                            "found": m.group(0), "mark": raw[m.start() - 1], "previous": first})
                case = "gap" if prev == 0 else self._sequence(prev, n)
                if case == "gap" and prev == 0 and not seen_heading:
                    case = None
                if case:
                    self._finding(out, "chain-sequence", lineno, m.start() + 1, len(m.group(0)), {
                        "found": m.group(0),
                        "expected": int_to_cn(prev + 1) + suffix,
                        "previous": int_to_cn(prev) + suffix if prev else "",
                        "suffix": suffix,
                    }, case=case)
                chains[suffix] = max(prev, n)
            if raw.strip():
                seen_text = True
            if num or li["style"]:
                seen_heading = True

    # -- formulations ----------------------------------------------------------

    def _strip(self, raw):
        keep = [i for i, ch in enumerate(raw) if ch not in self.ignore]
        return "".join(raw[i] for i in keep), keep

    def _formulations(self, out, lines, year):
        if not self.formulations:
            return
        rule = self.rules["formulation-dated"]
        for idx, raw in enumerate(lines):
            if not raw.strip():
                continue
            text, keep = self._strip(raw)
            terms = []
            for f in self.formulations:
                for t in [f["term"]] + list(f.get("match") or []):
                    t = "".join(ch for ch in t if ch not in self.ignore)
                    start = text.find(t)
                    while t and start >= 0:
                        terms.append((start, start + len(t), f))
                        start = text.find(t, start + 1)

            def span(s, e):
                return keep[s], keep[e - 1] + 1

            for f in self.formulations:
                for w in f.get("wrong") or []:
                    w = "".join(ch for ch in w if ch not in self.ignore)
                    start = text.find(w)
                    while w and start >= 0:
                        end = start + len(w)
                        if not any(ts <= start and end <= te for ts, te, _ in terms):
                            s, e = span(start, end)
                            self._finding(out, "formulation-wrong", idx + 1, s + 1, e - s,
                                          {"match": raw[s:e], "term": f["term"]})
                        start = text.find(w, start + 1)
            done = set()
            for ts, te, f in sorted(terms, key=lambda t: (t[0], -(t[1] - t[0]))):
                if not f.get("time_sensitive") or any(ts < de and ds < te for ds, de in done):
                    continue
                since = int(f["year"])
                until = f.get("until")
                if until is None and self.campaign.search(f["term"]):
                    until = since + self.cfg["campaign_years"]
                params = {"term": f["term"], "since": since, "source": f.get("source", ""), "year": year or ""}
                if year is None:
                    case, level = "unknown", rule["level_without_year"]
                elif until is not None and year > int(until):
                    case, level = "expired", rule["level"]
                elif year > since:
                    case, level = "later", rule["level_without_year"]
                else:
                    continue
                done.add((ts, te))
                s, e = span(ts, te)
                self._finding(out, "formulation-dated", idx + 1, s + 1, e - s, params, case=case, level=level)

    def _congress(self, out, lines, year):
        if year is None:
            return
        c = self.cfg["congress"]
        for idx, raw in enumerate(lines):
            for pat in self.patterns["congress-dated"]:
                for m in pat.finditer(raw):
                    n = cn_to_int(m.group(1))
                    next_year = c["base_year"] + (n + 1 - c["base_number"]) * c["interval"]
                    if year > next_year:
                        self._finding(out, "congress-dated", idx + 1, m.start() + 1, len(m.group(0)),
                                      {"match": m.group(0), "year": year, "next": int_to_cn(n + 1)})

    # -- structure and balance ---------------------------------------------------

    def _recognise(self, heading: str) -> list[dict]:
        heading = heading.split("。")[0]
        found = []
        for segment in CONNECTORS.split(heading):
            best, best_key = None, None
            for order, part in enumerate(self.parts):
                hits = [segment.find(k) for k in part["recognise"] if k in segment]
                if not hits:
                    continue
                key = (-len(hits), min(hits), order)
                if best_key is None or key < best_key:
                    best, best_key = part, key
            if best is not None and best not in found:
                found.append(best)
        return found

    @staticmethod
    def _part_name(part) -> str:
        return re.sub(r"^[一二三四五六七八九十]+、", "", part["title"])

    def _structure(self, out, lines, info, part_hint):
        heads = [i for i, li in enumerate(info)
                 if (li["num"] and li["num"]["level"] == 1) or li["style"] == 1]
        if part_hint == "opening" and not heads:
            body = [i for i, line in enumerate(lines) if line.strip()]
            if body and not self.transition.search("".join(lines)):
                self._finding(out, "opening-transition", body[-1] + 1, 1, len(lines[body[-1]]))
            return
        total = sum(count_chars(line) for line in lines)
        if len(heads) < self.cfg["full_report_min_headings"] or total < self.cfg["full_report_min_chars"]:
            return
        # opening: lines before the first heading, less a title line
        opening = [i for i in range(heads[0]) if lines[i].strip()]
        if opening:
            first = lines[opening[0]].strip()
            if len(first) <= 40 and "。" not in first and ("述职" in first or "报告" in first):
                opening = opening[1:]
        # the parts, in order
        spans = []
        for k, h in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else len(lines)
            li = info[h]
            text = li["body"][len(li["num"]["marker"]):] if li["num"] else li["body"]
            parts = self._recognise(text)
            chars = sum(count_chars(lines[i]) for i in range(h, end))
            spans.append({"line": h + 1, "parts": parts, "chars": chars, "start": h, "end": end})
        order = {p["id"]: i for i, p in enumerate(self.parts)}
        present = {p["id"] for s in spans for p in s["parts"]}
        # missing parts
        for part in self.parts:
            if part["id"] in present:
                continue
            later = [s["line"] for s in spans if any(order[p["id"]] > order[part["id"]] for p in s["parts"])]
            line = later[0] if later else len(lines)
            while line > 1 and not lines[line - 1].strip():
                line -= 1
            self._finding(out, "structure-missing", line, 1, 0,
                          {"part": self._part_name(part), "keyword": part["recognise"][0]})
        # order
        top = None
        for s in spans:
            for p in s["parts"]:
                if top is not None and order[p["id"]] < order[top["id"]]:
                    self._finding(out, "structure-order", s["line"], info[s["line"] - 1]["start"] + 1, 0,
                                  {"part": self._part_name(p), "previous": self._part_name(top)})
                if top is None or order[p["id"]] > order[top["id"]]:
                    top = p
        # measures vs problems
        def items(part_id):
            mine = [s for s in spans if [p["id"] for p in s["parts"]] == [part_id]]
            if not mine:
                return 0, None
            lvl2 = lvl3 = chain = 0
            for s in mine:
                for i in range(s["start"] + 1, s["end"]):
                    num = info[i]["num"]
                    if num and num["level"] == 2:
                        lvl2 += 1
                    elif num and num["level"] == 3:
                        lvl3 += 1
                    for m in self.chain.finditer(lines[i]):
                        chain = max(chain, cn_to_int(m.group(1)))
            return (lvl2 or lvl3 or chain), mine[0]["line"]
        problems, _ = items("problems")
        measures, mline = items("measures")
        if problems and measures and measures < problems:
            self._finding(out, "measures-fewer", mline, info[mline - 1]["start"] + 1, 0,
                          {"measures": measures, "problems": problems})
        # opening transition
        if opening:
            text = "".join(lines[i] for i in opening)
            if not self.transition.search(text):
                self._finding(out, "opening-transition", opening[-1] + 1, 1, len(lines[opening[-1]]))
        # balance
        lo, hi = self.cfg["total_length"]
        if total and not lo <= total <= hi:
            self._finding(out, "length-total", 1, 1, 0, {"length": total, "min": lo, "max": hi})
        if not total:
            return
        chars_by_part: dict[str, int] = {}
        first_line: dict[str, int] = {}
        for s in spans:
            if len(s["parts"]) == 1:
                pid = s["parts"][0]["id"]
                chars_by_part[pid] = chars_by_part.get(pid, 0) + s["chars"]
                first_line.setdefault(pid, s["line"])
        by_id = {sec["id"]: sec for sec in self.sections}
        if opening and "opening" in by_id:
            chars_by_part["opening"] = sum(count_chars(lines[i]) for i in opening)
            first_line["opening"] = opening[0] + 1
        for sec in self.sections:
            pid = sec["id"]
            if pid not in chars_by_part:
                continue
            share = round_half_up(chars_by_part[pid] * 100 / total)
            lo, hi = sec["share"]
            if share < lo or share > hi:
                self._finding(out, "share-part", first_line[pid], 1, 0, {
                    "part": self._part_name(sec), "share": share, "min": lo, "max": hi})
        if "duty" in chars_by_part and "problems" in chars_by_part \
                and chars_by_part["duty"] < chars_by_part["problems"]:
            self._finding(out, "balance-duty-problems", first_line["duty"], 1, 0, {
                "part": self._part_name(by_id["duty"]), "length": chars_by_part["duty"],
                "other": self._part_name(by_id["problems"]), "other_length": chars_by_part["problems"]})

    # -- entry point ---------------------------------------------------------------

    def check(self, text: str, year: int | None = None, part: str | None = None,
              heading_levels: dict[int, int] | None = None) -> list[dict]:
        if text.startswith("\ufeff"):
            text = text[1:]
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        info = self._analyse(lines, heading_levels)
        out: list[dict] = []
        self._pattern_rules(out, lines, info)
        self._pii(out, lines)
        self._pairs(out, lines)
        self._numbering(out, lines, info)
        self._formulations(out, lines, year)
        self._congress(out, lines, year)
        self._structure(out, lines, info, part)
        out.sort(key=lambda f: (f["line"], f["col"], self.order[f["rule"]]))
        return out


@lru_cache(maxsize=1)
def _default_checker() -> Checker:
    return Checker()


def check(text: str, year: int | None = None, part: str | None = None,
          heading_levels: dict[int, int] | None = None, data: dict | None = None) -> list[dict]:
    """Check a draft; see the module docstring.  ``data`` overrides the data files."""
    checker = Checker(data) if data is not None else _default_checker()
    return checker.check(text, year=year, part=part, heading_levels=heading_levels)


def rules_markdown(data: dict | None = None) -> str:
    """The rule list as a Markdown table, for a ``{{ checker_rules() }}`` macro."""
    cfg = (data or default_data())["rules"]
    out = ["| 类别 | 级别 | 规则 | 检查什么 | 编号 |", "| --- | --- | --- | --- | --- |"]
    for r in cfg["rules"]:
        level = r["level"] + (f"（未指定年度时为{r['level_without_year']}）" if r.get("level_without_year") else "")
        cells = [r["group"], level, r["title"], r["description"].strip(), f"`{r['id']}`"]
        out.append("| " + " | ".join(str(c).replace("|", "｜").replace("\n", " ") for c in cells) + " |")
    return "\n".join(out) + "\n"
