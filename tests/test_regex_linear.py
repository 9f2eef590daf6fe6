"""Every regular expression the checker engine compiles from data runs in
linear time, in V8, with the flags the engine gives it.

A pattern that backtracks catastrophically froze the page and the command line
for seconds on one line of 3,000 ×. So each pattern runs on long runs of its
own characters (alone, after 全年学习 and before 个专题。, after 近 and before
%), at 30,000 and at 300,000 characters.

Only time can tell backtracking inside one RegExp, so the test makes the signal
dwarf the noise (issue 15): it reads the CPU time of its own process (another
process on the machine cannot add to it), takes the least of a few runs, and
uses sizes where the two cases are far apart. A linear pattern scans 300,000
characters in milliseconds (the slowest, with a match at every character, in
under 0.1 s); a quadratic one needs tens of seconds, a cubic or exponential one
never ends. A pattern fails when 30,000 characters cost more than SLOW_SMALL_S,
or when 300,000 cost more than SLOW_LARGE_S *and* over MAX_RATIO times the cost
of 30,000 (linear: 10; quadratic: 100). A pattern that spends HANG_CPU_S of CPU
on one scan is stopped and fails. Known-bad patterns (nested quantifiers, a
quadratic lookahead) go through the same audit and must be reported.

The patterns are the ones the engine really compiles: RegExp is wrapped before
the engine script loads, the engine is built from the site's data and checks
the guide's example, and every RegExp(source, flags) it constructs is audited.
The measuring runs in a child process, so a pattern that never finishes fails
the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL, LARGE = 30_000, 300_000
# CPU seconds. A linear pattern takes milliseconds at SMALL; the engine's slowest took 0.08 s at
# LARGE (on a machine with a load of 15); a quadratic one about 1 s at SMALL and 100 s at LARGE.
SLOW_SMALL_S = 0.25
SLOW_LARGE_S = 1.0
# LARGE over SMALL: ~10 when linear, ~100 when quadratic
MAX_RATIO = 30
# below this, SMALL's cost is taken as this (a ratio of two tiny readings means nothing)
SMALL_FLOOR_S = 0.005
# A single scan that uses this much CPU is stopped (a linear one uses under 0.1 s at LARGE;
# the known-bad ones would run for minutes)
HANG_CPU_S = 2.0
# The whole audit, wall time, however busy the machine: a last guard against a hang
AUDIT_TIMEOUT_S = 900
CONTEXTS = [("", ""), ("全年学习", "个专题。"), ("近", "%")]
# Runs of two alternating characters: a pattern can be linear on runs of one
# character and still rescan where placeholder characters, digits and points mix.
MIXED = ["××Ｘ", "××0", "×.", "XX.", "ＸＸ个", "1 ", "十一", "，。", "（一）"]
ALWAYS = "×Ｘ（0一汉 "
# Patterns the audit must reject, to prove it can: nested quantifiers (exponential on
# a run of a) and a lookahead that rescans to the end at every position (quadratic, 5 s
# and more at SMALL), both stopped by the watchdog; a greedy run that must be followed by
# a character that never comes (quadratic, about 1 s at SMALL: reported as slow); and
# one it must pass: the pattern issue 15 saw reported at 5 ms on a busy machine.
KNOWN_BAD = [["(a+)+b", "u"], ["年(?=.*度)", "ug"], ["1+2", "ug"]]
KNOWN_GOOD = [["[\"＂']", "ug"]]

MEASURE_JS = r"""
function runAll(re, s) {
  re.lastIndex = 0;
  if (!re.global && !re.sticky) return re.exec(s) ? 1 : 0;
  var n = 0, m;
  while ((m = re.exec(s)) !== null) { n++; if (m[0] === "") re.lastIndex++; }
  return n;
}
var __audited = null;
function audit(src, flags) { __audited = new __RegExp(src, flags); return true; }
function scan(pre, unit, post, n) { return runAll(__audited, pre + unit.repeat(Math.ceil(n / unit.length)) + post); }
"""

# The engine, loaded in bare V8 as scripts/engine_host.py loads it, with
# RegExp wrapped first so that every pattern it compiles is recorded.
RECORD_JS = r"""
var __compiled = [], __RegExp = RegExp;
RegExp = new Proxy(__RegExp, {
  construct: function (target, args) {
    var src = args[0] instanceof __RegExp ? args[0].source : String(args[0]);
    __compiled.push([src, args[1] === undefined ? "" : String(args[1])]);
    return Reflect.construct(target, args);
  }
});
"""


def example_paragraphs() -> list[str]:
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "example_report.yml").read_text("utf-8"))
    return [p["text"] for p in doc["paragraphs"]]


def compiled_patterns(ctx) -> list[tuple[str, str]]:
    """Load the engine with RegExp recorded; every (source, flags) it builds
    while it checks and classifies the guide's example."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import engine_host

    ctx.eval(RECORD_JS)
    for path in engine_host.SCRIPTS:
        ctx.eval(engine_host.data_script() if path is None else path.read_text("utf-8"))
    paragraphs = example_paragraphs()
    ctx.eval("void ReportEngine.check(" + json.dumps("\n".join(paragraphs), ensure_ascii=False) + ", {year: 2026});")
    ctx.eval("void ReportEngine.classify(" + json.dumps([{"text": t} for t in paragraphs], ensure_ascii=False) + ");")
    return list(dict.fromkeys(tuple(p) for p in json.loads(ctx.eval("JSON.stringify(__compiled)"))))


def _decode(source: str):
    """(char, in_class, class_id) for each literal character of a pattern."""
    i, cls, cls_id, out = 0, False, 0, []
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            nxt = source[i + 1]
            if nxt == "u" and source[i + 2:i + 3] == "{":
                end = source.index("}", i)
                out.append((chr(int(source[i + 3:end], 16)), cls, cls_id)); i = end + 1; continue
            if nxt == "u":
                out.append((chr(int(source[i + 2:i + 6], 16)), cls, cls_id)); i += 6; continue
            if nxt in "pP" and source[i + 2:i + 3] == "{":
                out.append(("汉", cls, cls_id)); i = source.index("}", i) + 1; continue
            out.append(({"d": "0", "D": "a", "w": "a", "W": "，", "s": " ", "S": "a", "t": "\t",
                         "n": "\n", "b": None, "B": None}.get(nxt, nxt), cls, cls_id))
            i += 2
            continue
        if cls:
            if ch == "]":
                cls = False
            elif ch == "^" and source[i - 1] == "[":
                pass
            else:
                out.append((ch, True, cls_id))
            i += 1
            continue
        if ch == "[":
            cls, cls_id = True, cls_id + 1
        elif ch == "{" and source[i + 1:i + 2].isdigit():
            i = source.index("}", i)
        elif ch == "(" and source[i + 1:i + 2] == "?":
            i += 3 if source[i + 2] in ":=!" else 4  # (?: (?= (?! (?<= (?<!
            continue
        elif ch == ".":
            out.append(("a", False, 0))
        elif ch not in "()|?*+^$":
            out.append((ch, False, 0))
        i += 1
    return out


def alphabet(source: str) -> list[str]:
    """The pattern's own characters: every literal, the ends and middle of
    each range, each member of a small class (first, middle and last of a
    large one)."""
    decoded = [d for d in _decode(source) if d[0]]
    chars: list[str] = []
    classes: dict[int, list[str]] = {}
    k = 0
    while k < len(decoded):
        ch, in_class, cid = decoded[k]
        if in_class and k + 2 < len(decoded) and decoded[k + 1][0] == "-" and decoded[k + 2][2] == cid \
                and decoded[k + 2][1]:
            lo, hi = ord(ch), ord(decoded[k + 2][0])
            chars += [chr(lo), chr((lo + hi) // 2), chr(hi)]
            k += 3
            continue
        if in_class:
            classes.setdefault(cid, []).append(ch)
        else:
            chars.append(ch)
        k += 1
    for members in classes.values():
        chars += members if len(members) <= 8 else [members[0], members[len(members) // 2], members[-1]]
    return list(dict.fromkeys(chars + list(ALWAYS)))


def runs_for(source: str) -> list[list[str]]:
    units = alphabet(source) + MIXED
    return [[pre, unit, post] for unit in units for pre, post in CONTEXTS]


class Watchdog(threading.Thread):
    """Ends the child when one scan has used HANG_CPU_S of CPU (the process's own time,
    which a busy machine does not inflate), after saying which scan it was."""

    def __init__(self):
        super().__init__(daemon=True)
        self.began, self.what = None, None

    def watch(self, what):
        self.what, self.began = what, time.process_time()

    def run(self):
        while True:
            time.sleep(0.1)
            began = self.began
            if began is not None and time.process_time() - began > HANG_CPU_S:
                print(json.dumps({"hung": self.what}, ensure_ascii=False), flush=True)
                os._exit(3)


def least(ctx, dog, run, n, tries, good_enough):
    """The least CPU time of up to `tries` scans of the run at size n (fewer when one is good enough)."""
    best = float("inf")
    for _ in range(tries):
        dog.watch(run + [n])
        t = time.process_time()
        ctx.call("scan", *run, n)
        best = min(best, time.process_time() - t)
        dog.began = None
        if good_enough(best):
            break
    return best


def audit_pattern(ctx, dog, source, flags) -> list[dict]:
    ctx.call("audit", source, flags)
    out = []
    for run in runs_for(source):
        r = {"pre": run[0], "unit": run[1], "post": run[2]}
        small = least(ctx, dog, run, SMALL, 3, lambda t: t <= SLOW_SMALL_S)
        r["small"] = small
        if small > SLOW_SMALL_S:
            r["fail"] = "slow"
            out.append(r)
            break   # one failing run is enough to fix the pattern; the rest would cost seconds each
        base = max(small, SMALL_FLOOR_S)
        large = least(ctx, dog, run, LARGE, 2, lambda t: t <= SLOW_LARGE_S or t <= MAX_RATIO * base)
        r["large"], r["ratio"] = large, large / base
        out.append(r)
        if large > SLOW_LARGE_S and large > MAX_RATIO * base:
            r["fail"] = "superlinear"
            break
    return out


def child(which: str, first: int) -> None:
    """Audit patterns[first:] in this process; one JSON line per pattern as it is done."""
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    if which == "engine":
        patterns = compiled_patterns(ctx)
    else:
        ctx.eval("var __RegExp = RegExp;")
        patterns = [tuple(p) for p in KNOWN_BAD + KNOWN_GOOD]
    ctx.eval(MEASURE_JS)
    dog = Watchdog()
    dog.start()
    print(json.dumps({"patterns": patterns}, ensure_ascii=False), flush=True)
    for index in range(first, len(patterns)):
        source, flags = patterns[index]
        print(json.dumps({"start": [source, flags], "index": index}, ensure_ascii=False), flush=True)
        results = audit_pattern(ctx, dog, source, flags)
        print(json.dumps({"done": [source, flags], "cases": len(results),
                          "worst": max((r.get("ratio") or 0 for r in results), default=0),
                          "slowest": max((r.get("large") or r["small"] for r in results), default=0),
                          "fails": [r for r in results if r.get("fail")]}, ensure_ascii=False), flush=True)


def audit(which: str):
    """Run the audit in children (a new one after a pattern that hung): the patterns, the
    per-pattern results, and the problems found, one line each."""
    deadline = time.monotonic() + AUDIT_TIMEOUT_S
    patterns, done, problems, first = None, [], [], 0
    while True:
        try:
            result = subprocess.run([sys.executable, __file__, which, str(first)], capture_output=True, text=True,
                                    timeout=max(1, deadline - time.monotonic()), cwd=ROOT)
            out, err, timed_out = result.stdout, result.stderr, False
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            err, timed_out = "", True
        lines = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert lines and "patterns" in lines[0], err
        patterns = patterns or [tuple(p) for p in lines[0]["patterns"]]
        done += [x for x in lines if "done" in x]
        started = [x for x in lines if "start" in x]
        if timed_out:
            problems.append(f"the audit did not end in {AUDIT_TIMEOUT_S} s (wall): at {started[-1] if started else '?'}")
            break
        hung = [x["hung"] for x in lines if "hung" in x]
        if hung:
            src, flags = started[-1]["start"]
            problems.append(f"/{src}/{flags} on {hung[0][0]}+{hung[0][1]!r}×N+{hung[0][2]} (N = {hung[0][3]}): "
                            f"still running after {HANG_CPU_S} s of CPU")
            first = started[-1]["index"] + 1
            if first < len(patterns):
                continue
            break
        assert result.returncode == 0, err[-2000:]
        break
    for d in done:
        for f in d["fails"]:
            what = f"/{d['done'][0]}/{d['done'][1]} on {f['pre']}+{f['unit']!r}×N+{f['post']}"
            if f["fail"] == "slow":
                problems.append(f"{what}: {f['small']:.2f} s of CPU at {SMALL}")
            else:
                problems.append(f"{what}: {f['large']:.2f} s of CPU at {LARGE}, {f['ratio']:.0f}× the time at {SMALL}")
    return patterns, done, problems


def test_alphabet_takes_literals_ranges_and_class_members():
    assert {"×", "A", "M", "Z", "a", "m", "z", "近"} <= set(alphabet(r"(?<![A-Za-z近])×{2,}"))
    assert {"\u4e00", "\u9fff"} <= set(alphabet(r"[\u4e00-\u9fff]")) and "汉" in alphabet(r"\p{Script=Han}+")
    assert {"1", "9", "2", "0", ".", "．", "/", "-"} <= set(alphabet(r"(?:19|20)[0-9]{2}[.．/-]"))
    assert not {"?", "<", "!", ":", "{", "}"} & set(alphabet(r"(?<!x)(?:y{2,3})"))


def test_every_compiled_pattern_is_linear_in_v8():
    patterns, done, problems = audit("engine")
    # The recording saw the engine compile every rule pattern from the data.
    import yaml

    rules = yaml.safe_load((ROOT / "data" / "checker_rules.yml").read_text("utf-8"))
    sources = {p for p, _ in patterns}
    for rule in rules["rules"]:
        for p in rule.get("patterns") or []:
            assert p.replace("{HAN}", rules["han"]).replace("{UNIT}", rules["units"]) in sources, (rule["id"], p)
    assert problems == []
    assert len(done) == len(patterns)
    assert sum(d["cases"] for d in done) > 20 * len(patterns)
    slowest = max(done, key=lambda d: d["slowest"])
    print(f"{len(patterns)} patterns, slowest run {slowest['slowest'] * 1000:.0f} ms of CPU: /{slowest['done'][0]}/")


def test_the_audit_reports_known_bad_patterns():
    """The same audit, on patterns that backtrack: each is reported; the good one is not."""
    _, done, problems = audit("known-bad")
    for source, flags in KNOWN_BAD:
        assert any(p.startswith(f"/{source}/{flags} on ") for p in problems), (source, problems)
    for source, flags in KNOWN_GOOD:
        assert not any(p.startswith(f"/{source}/{flags} on ") for p in problems), (source, problems)
        assert any(d["done"] == [source, flags] for d in done)


if __name__ == "__main__":
    child(sys.argv[1], int(sys.argv[2]))
