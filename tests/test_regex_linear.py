"""Every regular expression the checker engine compiles from data runs in
linear time, in V8, with the flags the engine gives it.

A pattern that backtracks catastrophically froze the page and the command line
for seconds on one line of 3,000 ×. So each pattern runs on long runs of its
own characters (alone, after 全年学习 and before 个专题。, after 近 and before
%), at 3,000 and at 30,000 characters, in one process: 10× the input must cost
about 10× the time, not 100× (quadratic) or 1,000× (cubic).

The patterns are the ones the engine really compiles: RegExp is wrapped before
the engine script loads, the engine is built from the site's data and checks
the guide's example, and every RegExp(source, flags) it constructs is audited.
The measuring runs in a child process, so a pattern that never finishes fails
the test instead of hanging the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SMALL, LARGE = 3_000, 30_000
# Per-character cost at LARGE over that at SMALL: ~1 when linear, ~10 when
# quadratic. 4 leaves room for noise on a busy machine (measured twice).
MAX_COST_RATIO = 4.0
# A linear pattern scans 3,000 characters in well under a millisecond; the bound
# only catches a hang, the ratio below it is the real test (CI machines vary).
MAX_SMALL_MS = 500.0
# Below this at LARGE a case passes unmeasured: Θ(n²) steps at n = 30,000
# take far longer (0.45 s even at half a nanosecond a step).
FLOOR_MS = 3.0
CONTEXTS = [("", ""), ("全年学习", "个专题。"), ("近", "%")]
# Runs of two alternating characters: a pattern can be linear on runs of one
# character and still rescan where placeholder characters, digits and points mix.
MIXED = ["××Ｘ", "××0", "×.", "XX.", "ＸＸ个", "1 ", "十一", "，。", "（一）"]
ALWAYS = "×Ｘ（0一汉 "
CHILD_TIMEOUT_S = 240

MEASURE_JS = r"""
function runAll(re, s) {
  re.lastIndex = 0;
  if (!re.global && !re.sticky) return re.exec(s) ? 1 : 0;
  var n = 0, m;
  while ((m = re.exec(s)) !== null) { n++; if (m[0] === "") re.lastIndex++; }
  return n;
}
function once(re, s) { var t0 = Date.now(); runAll(re, s); return Date.now() - t0; }
// Milliseconds per pass: the least of five batches (another process can only
// make a batch slower), with batches long enough to time (≥ 2 ms).
function cost(re, s) {
  for (var reps = 1; ; reps *= 2) {
    var best = Infinity;
    for (var k = 0; k < 5; k++) {
      var t0 = Date.now();
      for (var j = 0; j < reps; j++) runAll(re, s);
      best = Math.min(best, Date.now() - t0);
    }
    if (best >= 2) return best / reps;
  }
}
function audit(src, flags, runs, small, large, maxRatio, maxSmallMs, floorMs) {
  var re = new __RegExp(src, flags), out = [];
  for (var i = 0; i < runs.length; i++) {
    var pre = runs[i][0], unit = runs[i][1], post = runs[i][2];
    var s1 = pre + unit.repeat(Math.ceil(small / unit.length)) + post;
    var s2 = pre + unit.repeat(Math.ceil(large / unit.length)) + post;
    var r = { pre: pre, unit: unit, post: post };
    r.smallMs = Math.min(once(re, s1), once(re, s1), once(re, s1));
    if (r.smallMs > maxSmallMs) { r.fail = "slow"; out.push(r); continue; }
    runAll(re, s2);
    if (once(re, s2) <= floorMs) { out.push(r); continue; }
    var c1 = cost(re, s1) / s1.length, c2 = cost(re, s2);
    r.largeMs = c2; r.ratio = c2 / s2.length / c1;
    if (r.ratio > maxRatio) r.fail = "superlinear";
    out.push(r);
  }
  return out;
}
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


def child() -> None:
    """Measure in this process; print one JSON line per pattern as it is done."""
    from py_mini_racer import MiniRacer

    ctx = MiniRacer()
    patterns = compiled_patterns(ctx)
    ctx.eval(MEASURE_JS)
    print(json.dumps({"patterns": patterns}, ensure_ascii=False), flush=True)
    for source, flags in patterns:
        print(json.dumps({"start": [source, flags]}, ensure_ascii=False), flush=True)
        results = ctx.call("audit", source, flags, runs_for(source), SMALL, LARGE, MAX_COST_RATIO, MAX_SMALL_MS, FLOOR_MS)
        worst = max((r.get("ratio") or 0 for r in results), default=0)
        print(json.dumps({"done": [source, flags], "worst": worst, "cases": len(results),
                          "fails": [r for r in results if r.get("fail")]}, ensure_ascii=False), flush=True)


def test_alphabet_takes_literals_ranges_and_class_members():
    assert {"×", "A", "M", "Z", "a", "m", "z", "近"} <= set(alphabet(r"(?<![A-Za-z近])×{2,}"))
    assert {"\u4e00", "\u9fff"} <= set(alphabet(r"[\u4e00-\u9fff]")) and "汉" in alphabet(r"\p{Script=Han}+")
    assert {"1", "9", "2", "0", ".", "．", "/", "-"} <= set(alphabet(r"(?:19|20)[0-9]{2}[.．/-]"))
    assert not {"?", "<", "!", ":", "{", "}"} & set(alphabet(r"(?<!x)(?:y{2,3})"))


def test_every_compiled_pattern_is_linear_in_v8():
    try:
        result = subprocess.run([sys.executable, __file__], capture_output=True, text=True,
                                timeout=CHILD_TIMEOUT_S, cwd=ROOT)
        out, err, hung = result.stdout, result.stderr, None
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        err, hung = "", True
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert lines and "patterns" in lines[0], err
    patterns = [tuple(p) for p in lines[0]["patterns"]]
    # The recording saw the engine compile every rule pattern from the data.
    import yaml

    rules = yaml.safe_load((ROOT / "data" / "checker_rules.yml").read_text("utf-8"))
    sources = {p for p, _ in patterns}
    for rule in rules["rules"]:
        for p in rule.get("patterns") or []:
            assert p.replace("{HAN}", rules["han"]).replace("{UNIT}", rules["units"]) in sources, (rule["id"], p)
    started = [tuple(x["start"]) for x in lines if "start" in x]
    done = [x for x in lines if "done" in x]
    problems = []
    if hung or len(done) < len(patterns):
        problems.append(f"never finished (> {CHILD_TIMEOUT_S} s): {started[-1] if started else '?'} {err[-500:]}")
    for d in done:
        for f in d["fails"]:
            what = f"{f['pre']}+{f['unit']!r}×N+{f['post']}"
            if f["fail"] == "slow":
                problems.append(f"/{d['done'][0]}/{d['done'][1]} on {what}: {f['smallMs']} ms at {SMALL}")
            else:
                problems.append(f"/{d['done'][0]}/{d['done'][1]} on {what}: {f['largeMs']:.0f} ms at {LARGE}, "
                                f"{f['ratio']:.1f}× the cost per character at {SMALL}")
    assert problems == []
    assert sum(d["cases"] for d in done) > 20 * len(patterns)


if __name__ == "__main__":
    child()
