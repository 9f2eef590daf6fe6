#!/usr/bin/env python3
"""提交前自查在语料上的准确率：每条规则的检出数、对、错、准确率（precision）和召回率（recall）。

    python scripts/checker_corpus.py [--verbose] [--json] [--check]

语料在 tests/corpus/：每篇一个文本文件（.txt、.md 或 .docx）和同名的 .yml 说明，
格式见 tests/corpus/README.md。每篇都经命令行 scripts/check_report.py --format json
检查（和用户用的是同一个入口）；检查结果与 .yml 里标注的问题按“规则、行、文字”对应：

- 对（true）：与一处标注的问题规则相同、行相同、位置与标注的文字重叠；
- 错（false）：没有对应的标注（干净的稿子上的任何一条结果都是错的，提示也算）；
- 召回：标注的问题中被找到的比例。

语料之外，还在公开的公文拼写检查基准 ECSpell（官方公文写作 odw 部分，MIT 许可）上测量“用字用词”
一组规则：句子级和字级的检出准确率、召回率、F1，正确句子上的误报率，第一个建议改对的比例。
数据不随项目发布：从环境变量 ECSPELL_ODW 或仓库上层目录的 shared/data/ecspell-odw 读取，找不到就跳过。
只用 odw.train 调整规则；odw.test 的数字照实报告。

--check：达不到目标（总准确率 ≥ 95%、召回率 ≥ 90%、每条规则准确率 ≥ 80%、
干净的稿子没有错误和警告）时以退出码 1 结束。
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import unicodedata

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
RULES = ROOT / "data" / "checker_rules.yml"
CLI = ROOT / "scripts" / "check_report.py"
TEXT_SUFFIXES = (".txt", ".md", ".docx")

TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90
TARGET_RULE_PRECISION = 0.80


def load_corpus(corpus: Path = CORPUS) -> list[dict]:
    """Every corpus entry: its sidecar fields plus ``path`` (the text file) and ``name``."""
    entries = []
    for meta in sorted(corpus.glob("*.yml")):
        texts = [p for p in meta.parent.glob(meta.stem + ".*") if p.suffix in TEXT_SUFFIXES]
        if len(texts) != 1:
            raise SystemExit(f"{meta}: 应有且只有一个同名的文本文件（{'、'.join(TEXT_SUFFIXES)}）")
        with open(meta, encoding="utf-8") as f:
            entry = yaml.safe_load(f)
        entry["name"] = meta.stem
        entry["path"] = texts[0]
        entry["flaws"] = entry.get("flaws") or []
        entries.append(entry)
    return entries


def rule_ids() -> list[str]:
    with open(RULES, encoding="utf-8") as f:
        return [r["id"] for r in yaml.safe_load(f)["rules"]]


def run_checker(entries: list[dict]) -> dict[str, list[dict]]:
    """name → findings, one CLI run per report year (--year applies to every file of a run)."""
    groups: dict[int | None, list[dict]] = defaultdict(list)
    for e in entries:
        groups[e["year"] if e.get("give_year", True) else None].append(e)
    out: dict[str, list[dict]] = {}
    for year, group in groups.items():
        cmd = [sys.executable, str(CLI), "--format", "json"]
        if year is not None:
            cmd += ["--year", str(year)]
        cmd += [str(e["path"]) for e in group]
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
        if proc.returncode not in (0, 1):
            raise SystemExit(f"检查器运行失败（退出码 {proc.returncode}）：{proc.stderr.strip()}")
        results = json.loads(proc.stdout)
        for e, res in zip(group, results):
            if res.get("error"):
                raise SystemExit(f"{e['path']}: {res['error']}")
            out[e["name"]] = res["findings"]
    return out


def lines_of(path: Path) -> list[str]:
    """The lines the checker numbers: a text file's lines, a .docx's paragraphs as the engine reads them."""
    if path.suffix == ".docx":
        try:
            sys.path.insert(0, str(ROOT / "scripts"))
            from engine_host import engine
        except ImportError:  # before the one engine: each paragraph's w:t text (insertions and hidden text too)
            import docx
            from docx.oxml.ns import qn
            body = docx.Document(str(path)).element.body
            return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
        doc = engine().read_docx(path.read_bytes())
        return engine().paragraphs_to_text(doc["paragraphs"]).split("\n")
    text = path.read_text(encoding="utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _overlaps(finding: dict, flaw: dict, lines: list[str]) -> bool:
    """Same rule, same line, and the finding's span touches the labelled text."""
    if finding["rule"] != flaw["rule"] or finding["line"] != flaw["line"]:
        return False
    text = flaw.get("text")
    if not text or not lines:
        return True
    line = lines[flaw["line"] - 1]
    start = finding["col"] - 1
    end = start + max(finding["length"], 0)
    pos = line.find(text)
    while pos >= 0:
        occ_end = pos + len(text)
        if (start < occ_end and pos < end) if end > start else (pos <= start <= occ_end):
            return True
        pos = line.find(text, pos + 1)
    return False


def match(entry: dict, findings: list[dict]) -> tuple[list[tuple[dict, dict | None]], list[dict]]:
    """Pairs (finding, flaw or None) and the flaws no finding found."""
    lines = lines_of(entry["path"])
    free = list(entry["flaws"])
    pairs = []
    for f in findings:
        hit = next((fl for fl in free if _overlaps(f, fl, lines)), None)
        if hit is not None:
            free.remove(hit)
        pairs.append((f, hit))
    return pairs, free


def evaluate(entries: list[dict] | None = None, results: dict | None = None) -> dict:
    entries = entries if entries is not None else load_corpus()
    results = results if results is not None else run_checker(entries)
    known = rule_ids()
    stats = {r: {"findings": 0, "true": 0, "false": 0, "labelled": 0, "found": 0} for r in known}
    false_findings, missed, clean_serious = [], [], []
    for e in entries:
        pairs, free = match(e, results[e["name"]])
        for fl in e["flaws"]:
            stats.setdefault(fl["rule"], {"findings": 0, "true": 0, "false": 0, "labelled": 0, "found": 0})
            stats[fl["rule"]]["labelled"] += 1
        for f, fl in pairs:
            s = stats.setdefault(f["rule"], {"findings": 0, "true": 0, "false": 0, "labelled": 0, "found": 0})
            s["findings"] += 1
            if fl is None:
                s["false"] += 1
                false_findings.append({"file": e["name"], **f})
            else:
                s["true"] += 1
                s["found"] += 1
            if e.get("clean") and f["level"] in ("错误", "警告"):
                clean_serious.append({"file": e["name"], **f})
        missed += [{"file": e["name"], **fl} for fl in free]
    for r, s in stats.items():
        s["implemented"] = r in known
        s["precision"] = s["true"] / s["findings"] if s["findings"] else None
        s["recall"] = s["found"] / s["labelled"] if s["labelled"] else None
    total = {k: sum(s[k] for s in stats.values()) for k in ("findings", "true", "false", "labelled", "found")}
    total["precision"] = total["true"] / total["findings"] if total["findings"] else None
    total["recall"] = total["found"] / total["labelled"] if total["labelled"] else None
    return {
        "texts": len(entries),
        "clean_texts": sum(1 for e in entries if e.get("clean")),
        "rules": stats,
        "total": total,
        "false_findings": false_findings,
        "missed": missed,
        "clean_serious": clean_serious,
    }


# ---------------------------------------------------------------- ECSpell odw

# The rules that claim a wrong character or word: the benchmark scores these (a 标点 or 结构
# finding on a one-sentence "report" says nothing about its spelling).
SPELLING_GROUP = "用字用词"
ECSPELL_SPLITS = ("odw.train", "odw.test")


def ecspell_dir() -> Path | None:
    """The benchmark folder: $ECSPELL_ODW, else shared/data/ecspell-odw beside the repo or one of its
    parents (../shared from /work/main, ../../shared from a worktree in /work/wt/…); None when absent."""
    env = os.environ.get("ECSPELL_ODW")
    candidates = [Path(env)] if env else []
    candidates += [up / "shared" / "data" / "ecspell-odw" for up in ROOT.parents]
    return next((c for c in candidates if (c / "odw.train").is_file()), None)


def read_ecspell(path: Path) -> list[tuple[str, str]]:
    """(text, correct text) pairs; lines whose two versions differ in length are left out
    (character positions would not line up: one in odw.train)."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and len(parts[1]) == len(parts[2]):
            pairs.append((parts[1], parts[2]))
    return pairs


def spelling_rules() -> set[str]:
    with open(RULES, encoding="utf-8") as f:
        return {r["id"] for r in yaml.safe_load(f)["rules"] if r.get("group") == SPELLING_GROUP}


def score_ecspell(pairs: list[tuple[str, str]], findings_of) -> dict:
    """Detection figures for one split. ``findings_of(text)`` → the engine's findings for one sentence.

    Sentence level: a sentence is flagged when any 用字用词 finding falls in it.
    Character level: a finding is right when its span covers a wrong character; a wrong character
    is found when a finding covers it; its first suggestion is right when the finding's ``fix``
    puts the correct character there."""
    rules = spelling_rules()
    s = {"sentences": len(pairs), "with_errors": 0, "flagged": 0, "flagged_right": 0, "false_alarms": 0,
         "correct_sentences": 0, "findings": 0, "findings_right": 0, "wrong_chars": 0, "chars_found": 0,
         "fixes_right": 0, "examples": []}
    for text, right in pairs:
        wrong = {i for i, (a, b) in enumerate(zip(text, right)) if a != b}
        found = [f for f in findings_of(text) if f["rule"] in rules]
        s["with_errors"] += bool(wrong)
        s["correct_sentences"] += not wrong
        s["wrong_chars"] += len(wrong)
        if found:
            s["flagged"] += 1
            s["flagged_right"] += bool(wrong)
            s["false_alarms"] += not wrong
        covered = set()
        for f in found:
            start = f["col"] - 1          # one line, BMP text in this data: code points = str indices
            span = set(range(start, start + max(f["length"], 1)))
            s["findings"] += 1
            if span & wrong:
                s["findings_right"] += 1
                covered |= span & wrong
                fix = f.get("fix")
                if fix is not None and len(fix) == f["length"]:
                    s["fixes_right"] += sum(1 for i in span & wrong if fix[i - start] == right[i])
            elif len(s["examples"]) < 400:
                s["examples"].append({"text": text, "finding": f})
        s["chars_found"] += len(covered)

    def prf(p_num, p_den, r_num, r_den):
        p = p_num / p_den if p_den else None
        r = r_num / r_den if r_den else None
        f1 = 2 * p * r / (p + r) if p and r else None
        return {"precision": p, "recall": r, "f1": f1}

    s["sentence"] = prf(s["flagged_right"], s["flagged"], s["flagged_right"], s["with_errors"])
    s["char"] = prf(s["findings_right"], s["findings"], s["chars_found"], s["wrong_chars"])
    s["false_alarm_rate"] = s["false_alarms"] / s["correct_sentences"] if s["correct_sentences"] else None
    s["first_suggestion"] = s["fixes_right"] / s["chars_found"] if s["chars_found"] else None
    return s


def evaluate_ecspell(folder: Path | None = None) -> dict | None:
    """Both splits, or None when the benchmark is not on this machine."""
    folder = folder or ecspell_dir()
    if folder is None:
        return None
    sys.path.insert(0, str(ROOT / "scripts"))
    from engine_host import engine

    def findings_of(text):
        return engine().check(text)
    return {split: score_ecspell(read_ecspell(folder / split), findings_of) for split in ECSPELL_SPLITS}


def ecspell_table(bench: dict | None) -> str:
    if bench is None:
        return "ECSpell odw：没有找到基准数据（ECSPELL_ODW 或 ../shared/data/ecspell-odw），跳过"
    rows = [("ECSpell odw", "句数", "有错", "句准确率", "句召回率", "句F1", "字准确率", "字召回率", "字F1",
             "误报率", "首选建议对")]
    for split, s in bench.items():
        rows.append((split, s["sentences"], s["with_errors"], _pct(s["sentence"]["precision"]),
                     _pct(s["sentence"]["recall"]), _pct(s["sentence"]["f1"]), _pct(s["char"]["precision"]),
                     _pct(s["char"]["recall"]), _pct(s["char"]["f1"]), _pct(s["false_alarm_rate"]),
                     _pct(s["first_suggestion"])))
    widths = [max(_width(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for k, row in enumerate(rows):
        lines.append("  ".join(_pad(c, widths[i], i == 0) for i, c in enumerate(row)))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("（“用字用词”一组规则；字级：结果覆盖错字为对；误报率：正确句子中被标出的比例）")
    return "\n".join(lines)


def failures(report: dict) -> list[str]:
    """The targets this report misses, in words."""
    out = []
    t = report["total"]
    if t["precision"] is not None and t["precision"] < TARGET_PRECISION:
        out.append(f"总准确率 {t['precision']:.1%} < {TARGET_PRECISION:.0%}")
    if t["recall"] is not None and t["recall"] < TARGET_RECALL:
        out.append(f"召回率 {t['recall']:.1%} < {TARGET_RECALL:.0%}")
    for r, s in report["rules"].items():
        if s["precision"] is not None and s["precision"] < TARGET_RULE_PRECISION:
            out.append(f"{r} 准确率 {s['precision']:.1%} < {TARGET_RULE_PRECISION:.0%}")
    if report["clean_serious"]:
        out.append(f"干净的稿子上有 {len(report['clean_serious'])} 条错误或警告")
    return out


def _width(s: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s, width: int, left: bool) -> str:
    s = str(s)
    fill = " " * (width - _width(s))
    return s + fill if left else fill + s


def _pct(x):
    return "—" if x is None else f"{x:.1%}"


def table(report: dict) -> str:
    rows = [("规则", "检出", "对", "错", "准确率", "标注", "找到", "召回率")]
    for r, s in report["rules"].items():
        name = r if s["implemented"] else f"{r}（未实现）"
        rows.append((name, s["findings"], s["true"], s["false"], _pct(s["precision"]),
                     s["labelled"], s["found"], _pct(s["recall"])))
    t = report["total"]
    rows.append(("合计", t["findings"], t["true"], t["false"], _pct(t["precision"]),
                 t["labelled"], t["found"], _pct(t["recall"])))
    widths = [max(_width(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = [f"语料 {report['texts']} 篇（其中干净的 {report['clean_texts']} 篇）", ""]
    for k, row in enumerate(rows):
        cells = [_pad(c, widths[i], i == 0) for i, c in enumerate(row)]
        lines.append("  ".join(cells))
        if k == 0 or k == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def details(report: dict) -> str:
    out = []
    for f in report["false_findings"]:
        out.append(f"错  {f['file']}:{f['line']}:{f['col']} {f['level']} [{f['rule']}] {f['message']}")
    for fl in report["missed"]:
        out.append(f"漏  {fl['file']}:{fl['line']} [{fl['rule']}] {fl.get('text') or ''}")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="提交前自查在 tests/corpus 上的准确率和召回率")
    parser.add_argument("--verbose", action="store_true", help="列出每条错报和漏报")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--check", action="store_true", help="达不到目标时退出码为 1")
    parser.add_argument("--no-ecspell", action="store_true", help="不跑 ECSpell odw 基准")
    parser.add_argument("--ecspell-only", action="store_true", help="只跑 ECSpell odw 基准（--verbose 列出误报）")
    args = parser.parse_args(argv)
    if args.ecspell_only:
        bench = evaluate_ecspell()
        if args.json:
            json.dump(bench, sys.stdout, ensure_ascii=False, indent=2)
            print()
            return 0
        print(ecspell_table(bench))
        if args.verbose and bench:
            for ex in bench["odw.train"]["examples"]:
                f = ex["finding"]
                print(f"错  {f['col']}+{f['length']} [{f['rule']}] {f['message']}  {ex['text']}")
        return 0
    report = evaluate()
    bench = None if args.no_ecspell else evaluate_ecspell()
    if args.json:
        json.dump({**report, "ecspell": bench}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(table(report))
        if not args.no_ecspell:
            print()
            print(ecspell_table(bench))
        if args.verbose and (report["false_findings"] or report["missed"]):
            print()
            print(details(report))
        missed = failures(report)
        print()
        print("目标：" + ("全部达到" if not missed else "未达到 — " + "；".join(missed)))
    return 1 if args.check and failures(report) else 0


if __name__ == "__main__":
    try:
        sys.stdout.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError):  # pragma: no cover
        pass
    sys.exit(main())
