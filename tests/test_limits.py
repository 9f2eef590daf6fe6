"""Hostile input to the engine (engine/*.js, in V8 through engine_host): bounded work
and memory, and the caps of data/checker_rules.yml `limits:` (issue 12 §1).

Work: each step must be linear, so every case runs a size and ten times that size and
fails when the larger costs more than about ten times as much (a quadratic step costs a
hundred times). The cost is what the engine counts it did (engine/counters.js:
characters its regular expressions moved over, code-point tables, overlap steps,
findings, bytes inflated, XML parsed), not seconds, so a busy machine cannot fail a
test (issue 15). Each guarantee has a mutant beside it: the engine with the old
quadratic step put back, which the same assertion must reject. A run that does not
end in HANG_S seconds fails too (a hang guard, far above any real run). Memory: the
engine runs in a V8 context with a hard heap limit, which a quadratic intermediate or
an unbounded list of findings would pass.
"""

from __future__ import annotations

import copy
import json
import struct
import sys
import time
import zlib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from engine_host import JS, Engine, ReadError, default_data, engine  # noqa: E402

LIMITS = default_data()["rules"]["limits"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OMITTED = "findings-omitted"
# 10x the input may cost this many times the work: linear work is at most 10x (setup
# counts once), a quadratic step 100x. Counts are exact, so no room for noise is needed.
MAX_RATIO = 11
# Seconds a single call may take before the test calls it a hang (a real run: well under one)
HANG_S = 60
# A second line for work no count sees: CPU seconds of this process (which other processes
# cannot add to) for a case at its larger size. Each takes 0.1-1.3 s; the quadratic steps
# the engine once had took 30 s and more.
CPU_BUDGET_S = 20
# What the engine counts (ReportEngine.stats()); each must grow linearly
WORK = ["regexExec", "regexChars", "codePointChars", "takenSteps", "findingsOffered", "findingsBuilt",
        "inflatedBytes", "xmlChars", "xmlElements", "locatorSteps"]

# Builds inputs inside V8 (no transfer of megabytes) and returns what the engine counted.
# A mutant puts back a quadratic step the engine once had, to prove a test rejects it.
PROBE = r"""
globalThis.LimitsProbe = {
  engine: function (caps) {
    var data = JSON.parse(JSON.stringify(GUIDE_CHECKER_DATA));
    if (caps === "none") data.rules.limits = {};
    else if (caps) Object.keys(caps).forEach(function (k) { data.rules.limits[k] = caps[k]; });
    return ReportEngine.create(data);
  },
  mutants: {
    // a code-point table per finding instead of per line: each finding rescans its line
    "codepoints-per-finding": function (I) {
      var saved = I.Checker.prototype.codePoints;
      I.Checker.prototype.codePoints = function (line, raw) { return new I.CodePoints(raw); };
      return function () { I.Checker.prototype.codePoints = saved; };
    },
    // the overlap check walks a line's taken spans from the start for every match
    "taken-from-start": function (I) {
      var saved = I.Taken.prototype.free;
      I.Taken.prototype.free = function (s, e) { this.cursor = 0; return saved.call(this, s, e); };
      return function () { I.Taken.prototype.free = saved; };
    }
  },
  work: function (base, repeat, caps, year, mutant) {
    var eng = this.engine(caps), text = base.repeat(repeat);
    var undo = mutant ? this.mutants[mutant](ReportEngine.internal) : null;
    try {
      var out = eng.check(text, { year: year });
      return { stats: ReportEngine.stats(), findings: out.length, chars: text.length };
    } finally { if (undo) undo(); }
  }
};
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    path = tmp_path_factory.mktemp("probe") / "probe.js"
    path.write_text(PROBE, encoding="utf-8")
    e = Engine(scripts=[path])
    yield e
    e.close()


def engine_with(limits: dict | None = None) -> Engine:
    """An engine with the site's data and these limits (None: no caps at all)."""
    data = copy.deepcopy(default_data())
    data["rules"]["limits"] = {} if limits is None else {**data["rules"]["limits"], **limits}
    return Engine(data=data)


def mutant_engine(path: str, old: str, new: str, limits: dict | None = None) -> Engine:
    """An engine whose file `path` (under engine/) has `old` replaced by `new`: a step the
    engine once got wrong, put back to prove that a test rejects it."""
    source = (JS / "engine" / path).read_text("utf-8")
    assert source.count(old) == 1, f"the mutant no longer applies to {path}: update it with the code"
    e = engine_with(limits) if limits else Engine()
    e._ctx.eval(source.replace(old, new) + "\n;void 0;")
    e.load(JS / "engine" / "api.js")   # the public API binds the internals again
    return e


@pytest.fixture(scope="module")
def uncapped():
    e = engine_with(None)
    yield e
    e.close()


def model_reports_text() -> str:
    """Realistic report text: the guide's model reports, and the test vectors (which hold errors)."""
    reports = yaml.safe_load((ROOT / "data" / "model_reports.yml").read_text("utf-8"))
    text = "\n".join((r["title"] or "") + "\n" + "\n".join(p["text"] for p in r["paragraphs"]) for r in reports) + "\n"
    for path in sorted((ROOT / "tests" / "vectors").glob("*.yml")):
        text += "\n".join(c["text"] for c in yaml.safe_load(path.read_text("utf-8"))["cases"]) + "\n"
    return text


def assert_linear(run, small: int, factor: int = 10):
    """run(n) → ReportEngine.stats() after the work for size n; every count at
    factor × n is at most MAX_RATIO / 10 × factor times the count at n."""
    at_small, at_big = run(small), run(small * factor)
    assert any(at_small[k] for k in WORK), "the case does no counted work"
    grown = {k: (at_small[k], at_big[k]) for k in WORK if at_big[k] > MAX_RATIO * factor / 10 * max(at_small[k], 1)}
    assert not grown, f"{factor}x the input: {grown}"


def check_work(probe, base, n, caps="none", mutant=None):
    return probe.call("LimitsProbe.work", base, n, caps, 2026, mutant, timeout_sec=HANG_S)["stats"]


# ---------------------------------------------------------------------------
# Work: each engine step is linear
# ---------------------------------------------------------------------------

LINEAR_CASES = {
    # position bookkeeping: one finding per second （ (was 31 s for 200,000 in V8)
    "open-parens-one-line": ("（", 20_000),
    # characters outside the BMP before each finding: columns in code points
    "astral-and-findings": ("𠀀𠀀XX,", 4_000),
    # many matches of several patterns of one rule on one line: the overlap check
    "placeholder-run": ("近XX个，XX名，××项；", 2_000),
    # personal numbers: three rules sharing taken spans
    "phone-numbers": ("电话13812345678，", 4_000),
    # formulation terms many times on one line, with a wrong variant inside each
    "formulations-one-line": ("学习贯彻习近平新时代中国特色社会主义思想主题教育，", 1_000),
    # formulation terms on many short lines (was 558 s for 5 MB: terms normalised per line)
    "short-lines": ("一是加强学习。\n", 10_000),
    # numbered headings and chains: structure and numbering checks over many lines
    "headings": ("一、加强学习\n（一）狠抓落实。一是学习，二是落实。\n", 2_000),
}


@pytest.mark.parametrize("base,small", LINEAR_CASES.values(), ids=LINEAR_CASES.keys())
def test_check_is_linear(probe, base, small):
    cpu = []

    def run(n):
        start = time.process_time()
        work = check_work(probe, base, n)
        cpu.append(time.process_time() - start)
        return work
    assert_linear(run, small)
    assert max(cpu) < CPU_BUDGET_S, cpu


# The old quadratic steps, put back: the same assertion rejects each (with the case that shows it)
# (smaller than above: the counts tell at any size, and a real quadratic step is slow)
MUTANTS = {
    "codepoints-per-finding": ("（", 1_000, "codePointChars"),
    "taken-from-start": ("近XX个，XX名，××项；", 200, "takenSteps"),
}


@pytest.mark.parametrize("mutant", MUTANTS.keys())
def test_linearity_test_rejects_a_quadratic_step(probe, mutant):
    base, small, count = MUTANTS[mutant]
    with pytest.raises(AssertionError, match=count):
        assert_linear(lambda n: check_work(probe, base, n, mutant=mutant), small)
    # and the engine itself passes on the same case
    assert_linear(lambda n: check_work(probe, base, n), small)


def test_check_is_linear_on_realistic_text(probe):
    text = model_reports_text()
    repeat = max(1, 100_000 // len(text))
    assert_linear(lambda n: check_work(probe, text, n), repeat)


def test_capped_check_is_linear_and_builds_only_the_shown_findings(probe):
    """With the site's caps, 200,000 （ (exactly max_chars) is checked; the findings past
    the caps are counted, never built."""
    assert LIMITS["max_chars"] == 200_000
    r = probe.call("LimitsProbe.work", "（", 200_000, None, 2026, None, timeout_sec=HANG_S)
    assert r["chars"] == 200_000 and r["findings"] == LIMITS["max_findings_per_rule"] + 1
    assert r["stats"]["findingsOffered"] >= 200_000
    assert r["stats"]["findingsBuilt"] <= 2 * LIMITS["max_findings_per_rule"]
    # uncapped, every finding is built: the bound above is the caps at work
    assert check_work(probe, "（", 20_000)["findingsBuilt"] >= 20_000
    assert_linear(lambda n: check_work(probe, "（", n, caps=None), 20_000)


def tracked_changes_docx(n: int) -> bytes:
    """One paragraph with n tracked insertions (numbers of one width: the input is n times a constant)."""
    runs = "".join(f'<w:ins w:id="{k:05}" w:author="甲"><w:r><w:t>改{k:05}</w:t></w:r></w:ins>' for k in range(n))
    return docx_bytes(f"<w:p><w:r><w:t>开头</w:t></w:r>{runs}</w:p>")


def read_work(e: Engine, n: int) -> dict:
    doc = e.call("ReportEngine.readDocx", tracked_changes_docx(n).decode("latin-1"), timeout_sec=HANG_S)
    assert len(doc["revisions"]) == n
    assert doc["revisions"][-1]["col"] == 1 + len("开头") + (n - 1) * len("改00000")
    return e.call("ReportEngine.stats")


def test_many_tracked_changes_in_one_paragraph_are_located_linearly():
    # without the cap on revisions (max_revisions, issue 20), to count the locating itself
    uncapped_revisions = engine_with({"max_revisions": 0})
    # the locator with its code points counted again for every revision is rejected
    mutant = mutant_engine("docx-read.js", "points[at.paragraph] || (points[at.paragraph] = new CodePoints(p.text))",
                           "new CodePoints(p.text)", limits={"max_revisions": 0})
    try:
        assert_linear(lambda n: read_work(uncapped_revisions, n), 2_000)
        with pytest.raises(AssertionError, match="codePointChars"):
            assert_linear(lambda n: read_work(mutant, n), 500)
    finally:
        uncapped_revisions.close()
        mutant.close()


# ---------------------------------------------------------------------------
# Memory: a hard V8 heap limit the old engine passed
# ---------------------------------------------------------------------------

HEAP_LIMIT = 96 << 20


@pytest.fixture()
def small_heap():
    e = Engine()
    e._ctx.set_hard_memory_limit(HEAP_LIMIT)
    yield e
    e.close()


@pytest.mark.parametrize("name", ["parens", "realistic", "short-lines", "placeholders"])
def test_check_stays_within_a_small_heap(small_heap, name):
    text = {
        "parens": "（" * LIMITS["max_chars"],
        "realistic": (model_reports_text() * 40)[: LIMITS["max_chars"]],
        "short-lines": ("一是加强学习。\n" * LIMITS["max_lines"])[:-1],
        "placeholders": ("XX、" * (LIMITS["max_chars"] // 3)),
    }[name]
    findings = small_heap.check(text, year=2026)
    assert not small_heap._ctx.was_hard_memory_limit_reached()
    assert len(findings) <= LIMITS["max_findings"] + 1


def test_zip_bomb_stays_within_a_small_heap(small_heap):
    with pytest.raises(ReadError, match="解压后过大"):
        small_heap.read_docx(bomb_docx(100 << 20, declared=1000))
    assert not small_heap._ctx.was_hard_memory_limit_reached()


# ---------------------------------------------------------------------------
# Caps on input: characters and lines, in Chinese
# ---------------------------------------------------------------------------

def test_too_many_characters_is_refused_in_chinese():
    n = LIMITS["max_chars"]
    assert engine().check("好" * n) is not None
    with pytest.raises(ReadError) as e:
        engine().check("好" * (n + 1))
    assert str(e.value).startswith("全文超过 20 万字（现有 200001 字）")
    # line breaks are not characters; a character outside the BMP is one
    engine().check("好" * (n - 10) + "\r\n" * 20)
    engine().check("𠀀" * n)
    with pytest.raises(ReadError, match="全文超过 20 万字"):
        engine().check("𠀀" * (n + 1))


def test_too_many_lines_is_refused_in_chinese():
    n = LIMITS["max_lines"]
    engine().check("\n".join(["好"] * n))
    for text in ("\n".join(["好"] * (n + 1)), "\r\n".join(["好"] * (n + 1)), "\n" * n):
        with pytest.raises(ReadError) as e:
            engine().check(text)
        assert str(e.value).startswith("全文超过 2 万行（现有 20001 行）"), str(e.value)


def test_paragraphs_are_counted_like_text():
    n = LIMITS["max_lines"]
    engine().check([{"text": "好"}] * n)
    with pytest.raises(ReadError, match="全文超过 2 万行"):
        engine().check([{"text": "好"}] * (n - 1) + [{"text": "好\n好"}])   # a soft line break is a line
    with pytest.raises(ReadError, match="全文超过 20 万字"):
        engine().check([{"text": "好" * (LIMITS["max_chars"] // 2)}, {"text": "好" * (LIMITS["max_chars"] // 2 + 1)}])


def test_small_limits_are_read_from_the_data():
    e = engine_with({"max_chars": 10, "max_lines": 3})
    try:
        e.check("一二三四五六七八九十\n\n")
        with pytest.raises(ReadError, match="^全文超过 10 字（现有 11 字）"):
            e.check("一二三四五六七八九十一")
        with pytest.raises(ReadError, match="^全文超过 3 行（现有 4 行）"):
            e.check("一\n二\n三\n四")
    finally:
        e.close()


def test_oversized_text_in_a_docx_is_refused_on_reading():
    paragraph = "<w:p><w:r><w:t>" + "好" * 10_000 + "</w:t></w:r></w:p>"
    with pytest.raises(ReadError, match="全文超过 20 万字"):
        engine().read_docx(docx_bytes(paragraph * 21))
    with pytest.raises(ReadError, match="全文超过 2 万行"):
        engine().read_docx(docx_bytes("<w:p><w:r><w:t>好</w:t></w:r></w:p>" * (LIMITS["max_lines"] + 1)))
    assert len(engine().read_docx(docx_bytes(paragraph * 20))["paragraphs"]) == 20


# ---------------------------------------------------------------------------
# Caps on findings: the first N per rule and in all, and how many were left out
# ---------------------------------------------------------------------------

def expected_capped(findings: list[dict], per_rule: int, total: int) -> list[dict]:
    """What the caps should keep of the uncapped findings (already in reading order)."""
    seen: dict[str, int] = {}
    kept = []
    for f in findings:
        seen[f["rule"]] = seen.get(f["rule"], 0) + 1
        if seen[f["rule"]] <= per_rule:
            kept.append(f)
    return kept[:total]


CAP_TEXTS = {
    "parens": "（" * 1_000,
    "realistic": model_reports_text() * 3,
    "mixed": ("全年XX次,电话13812345678；二〇二六年一月（\n1、加强学习\n" * 300),
}


@pytest.mark.parametrize("name", CAP_TEXTS.keys())
def test_caps_keep_the_first_findings_and_count_the_rest(uncapped, name):
    text = CAP_TEXTS[name]
    every = uncapped.check(text, year=2026)
    capped = engine().check(text, year=2026)
    per_rule, total = LIMITS["max_findings_per_rule"], LIMITS["max_findings"]
    shown = expected_capped(every, per_rule, total)
    assert len(every) > len(shown), "the case must exceed a cap"
    assert capped[:-1] == shown
    summary = capped[-1]
    assert summary["rule"] == OMITTED
    left_out = [f for f in every if f not in shown]
    assert summary["omitted"]["total"] == len(left_out) == len(every) - len(shown)
    by_rule: dict[str, int] = {}
    by_level: dict[str, int] = {}
    for f in left_out:
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
        by_level[f["level"]] = by_level.get(f["level"], 0) + 1
    assert summary["omitted"]["byRule"] == by_rule and summary["omitted"]["byLevel"] == by_level
    first = min(left_out, key=lambda f: (f["line"], f["col"]))
    assert (summary["line"], summary["col"], summary["length"]) == (first["line"], first["col"], 0)
    worst = next(lv for lv in ("错误", "警告", "提示") if lv in by_level)
    assert summary["level"] == worst
    assert summary["severity"] == {"错误": "error", "警告": "warning", "提示": "hint"}[worst]
    assert summary["message"].startswith(f"另有 {len(left_out)} 处没有列出（")
    assert f"每条规则最多列出前 {per_rule} 处，全文最多列出前 {total} 处" in summary["message"]
    assert summary["suggestion"] == "先改正已列出的问题，再重新检查"


def test_summary_has_the_finding_shape_and_says_which_levels():
    e = engine_with({"max_findings_per_rule": 2, "max_findings": 3})
    try:
        findings = e.check("全年XX次，XX次，XX次，XX次。\n电话13812345678", year=2026)
    finally:
        e.close()
    *shown, summary = findings
    assert [f["rule"] for f in shown] == ["placeholder-figure", "placeholder-figure", "pii-mobile"]
    assert set(summary) == set(shown[0]) | {"omitted"}
    assert summary == {
        "rule": OMITTED, "level": "错误", "severity": "error", "line": 1, "col": 11, "length": 0,
        "message": "另有 2 处没有列出（错误 2 处）：每条规则最多列出前 2 处，全文最多列出前 3 处",
        "suggestion": "先改正已列出的问题，再重新检查",
        "omitted": {"total": 2, "byLevel": {"错误": 2}, "byRule": {"placeholder-figure": 2}},
        "where": "第1行第11列",
    }


def test_errors_left_out_by_the_total_cap_still_fail_the_check():
    """The CLI's exit code counts 错误 findings: the summary carries the worst level left out."""
    e = engine_with({"max_findings_per_rule": 0, "max_findings": 2})
    try:
        findings = e.check("加强学习,提高能力,狠抓落实,\n全年XX次", year=2026)
    finally:
        e.close()
    assert [f["level"] for f in findings[:2]] != ["错误", "错误"]
    assert findings[-1]["rule"] == OMITTED and findings[-1]["level"] == "错误"
    assert findings[-1]["message"].endswith("：全文最多列出前 2 处")   # 0: no cap per rule, and none named


def test_no_summary_under_the_caps(uncapped):
    text = model_reports_text()
    assert engine().check(text, year=2026) == uncapped.check(text, year=2026)
    assert all(f["rule"] != OMITTED for f in engine().check(text, year=2026))


def test_limits_block_is_complete():
    assert set(LIMITS) >= {"max_bytes", "max_unzipped_bytes", "max_chars", "max_lines",
                           "max_findings_per_rule", "max_findings"}
    assert engine().limits() == LIMITS
    assert OMITTED not in {r["id"] for r in default_data()["rules"]["rules"]}


# ---------------------------------------------------------------------------
# Zip bombs and other hostile .docx files
# ---------------------------------------------------------------------------

def make_zip(entries: list[tuple[str, object, int | None]], method: int = 8, zip64: bool = False) -> bytes:
    """A zip from (name, bytes or iterable of byte chunks, size the directory claims or None).

    Chunks are deflated as they come, so a 100 MB entry is never held in memory.
    """
    out, central = bytearray(), bytearray()
    for name, data, declared in entries:
        if isinstance(data, Deflated):
            comp, crc, size = data
        else:
            chunks = [data] if isinstance(data, (bytes, bytearray)) else data
            deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
            comp, crc, size = [], 0, 0
            for ch in chunks:
                crc = zlib.crc32(ch, crc)
                size += len(ch)
                comp.append(deflater.compress(ch) if method == 8 else ch)
            if method == 8:
                comp.append(deflater.flush())
            comp = b"".join(comp)
        size = size if declared is None else declared
        n = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(comp), size, len(n), 0) + n + comp
        if zip64:
            extra = struct.pack("<HHQQQ", 1, 24, size, len(comp), offset)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, method, 0, 0x21, crc, 0xFFFFFFFF,
                                   0xFFFFFFFF, len(n), len(extra), 0, 0, 0, 0, 0xFFFFFFFF) + n + extra
        else:
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(comp), size,
                                   len(n), 0, 0, 0, 0, 0, offset) + n
    cd = len(out)
    out += central
    if zip64:
        eocd64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(entries), len(entries), len(central), cd)
        out += struct.pack("<IIQI", 0x07064B50, 0, eocd64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd, 0)
    return bytes(out)


def document_xml(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()


def docx_bytes(body: str, **kw) -> bytes:
    return make_zip([("word/document.xml", document_xml(body), None)], **kw)


class Deflated(tuple):
    """(deflate data, crc32, size) of an entry, made without holding the entry."""


def bomb_entry(total: int) -> Deflated:
    """document.xml of `total` bytes of short paragraphs, deflated in a fraction of a second:
    a megabyte block is deflated once after a full flush (which empties the window), so
    every further copy of the block deflates to the same bytes."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode()
    tail = b"</w:body></w:document>"
    p = "<w:p><w:r><w:t>一是加强学习，二是狠抓落实。</w:t></w:r></w:p>".encode()
    block = p * ((1 << 20) // len(p))
    copies = -(-total // len(block))
    d = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = d.compress(head) + d.flush(zlib.Z_FULL_FLUSH)
    one = d.compress(block) + d.flush(zlib.Z_FULL_FLUSH)
    assert d.compress(block) + d.flush(zlib.Z_FULL_FLUSH) == one
    last = d.compress(tail) + d.flush()
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    return Deflated((first + one * copies + last, crc, len(head) + copies * len(block) + len(tail)))


def bomb_docx(total: int, declared: int | None = None) -> bytes:
    return make_zip([("word/document.xml", bomb_entry(total), declared)])


def test_bomb_is_a_real_deflate_stream():
    entry = bomb_entry(3 << 20)
    data = zlib.decompress(entry[0], -15)
    assert len(data) == entry[2] and zlib.crc32(data) == entry[1]
    assert len(data) >= 3 << 20 and data.count(b"<w:p>") == data.count(b"</w:p>") > 40_000


def read_and_count(data: bytes, e: Engine | None = None):
    """(the engine's refusal message or None, what it counted while reading)."""
    e = e or engine()
    try:
        e.call("ReportEngine.readDocx", data.decode("latin-1"), timeout_sec=HANG_S)
        message = None
    except ReadError as err:
        message = str(err)
    return message, e.call("ReportEngine.stats")


def test_zip_bomb_of_100_mb_of_paragraphs_is_refused_at_once():
    data = bomb_docx(100 << 20)
    assert len(data) < 1 << 20
    message, work = read_and_count(data)
    assert message == engine().messages()["unzippedTooBig"] and "解压后过大" in message
    # refused from the zip directory: not a byte inflated (the lying bombs below inflate some)
    assert work["inflatedBytes"] == 0 and work["xmlChars"] == 0


@pytest.mark.parametrize("declared", [1_000, 0, LIMITS["max_unzipped_bytes"]])
def test_zip_bomb_whose_directory_lies_is_stopped_while_inflating(declared):
    """The directory claims a small document.xml; inflating stops at the first piece past
    max_unzipped_bytes: the bytes handed out before that piece are within the limit."""
    limit = LIMITS["max_unzipped_bytes"]
    message, work = read_and_count(bomb_docx(100 << 20, declared=declared))
    assert message == engine().messages()["unzippedTooBig"]
    assert work["inflatedBytes"] - work["lastChunk"] <= limit < work["inflatedBytes"], work
    # one piece is at most INFLATE_PIECE bytes of deflate data, which inflate to 1032 times as many at most
    assert work["lastChunk"] <= 16384 * 1032 and work["xmlChars"] == 0
    # stopping at the limit: five times the bomb hands out exactly as many bytes
    message_5x, work_5x = read_and_count(bomb_docx(500 << 20, declared=declared))
    assert message_5x == message
    assert work_5x == {**work, "calls": work_5x["calls"]}


def test_inflating_without_the_limit_fails_the_bomb_test():
    """The zip-bomb test's assertion rejects an inflater that checks the size only at the
    end: a document.xml three times the limit, small enough to read whole, and varied
    enough to come out of the inflater in many pieces."""
    limit = 1 << 20
    body = "".join(f"<w:p><w:r><w:t>第{k}段，编号{k * 7919 % 100_003}。</w:t></w:r></w:p>" for k in range(60_000))
    assert len(document_xml(body)) > 3 * limit
    bomb = make_zip([("word/document.xml", document_xml(body), 1_000)])
    message, work = read_and_count(bomb, e := engine_with({"max_unzipped_bytes": limit}))
    e.close()
    assert message == engine().messages()["unzippedTooBig"]
    assert work["inflatedBytes"] - work["lastChunk"] <= limit < work["inflatedBytes"]
    mutant = mutant_engine("docx-read.js", "if (total > max) throw ReadError(MESSAGES.unzippedTooBig);", "",
                           limits={"max_unzipped_bytes": limit})
    try:
        _, work = read_and_count(bomb, mutant)
    finally:
        mutant.close()
    assert work["inflatedBytes"] - work["lastChunk"] > limit


def test_lying_directory_stops_at_the_limit_not_before():
    limit = LIMITS["max_unzipped_bytes"]
    paragraph = "<w:p><w:r><w:t>一是加强学习。</w:t></w:r></w:p>"
    under = docx_bytes(paragraph + "<!--" + "x" * (limit - 4096) + "-->")
    assert len(document_xml(paragraph + "<!--" + "x" * (limit - 4096) + "-->")) <= limit
    over = make_zip([("word/document.xml", document_xml(paragraph + "<!--" + "x" * limit + "-->"), 1_000)])
    assert engine().read_docx(under)["paragraphs"] == [{"text": "一是加强学习。", "style": None}]
    with pytest.raises(ReadError, match="解压后过大"):
        engine().read_docx(over)


def test_truncated_deflate_data_is_corrupt():
    data = bytearray(docx_bytes("<w:p><w:r><w:t>" + "一是加强学习。" * 2000 + "</w:t></w:r></w:p>"))
    # cut the deflate stream short but keep the directory
    n = struct.unpack_from("<I", data, 18)[0]
    start = 30 + len("word/document.xml")
    data[start + n // 2:start + n] = b"\x00" * (n - n // 2)
    with pytest.raises(ReadError, match="文件已损坏"):
        engine().read_docx(bytes(data))


def test_stored_and_zip64_entries_are_read():
    body = "<w:p><w:r><w:t>一、加强学习</w:t></w:r></w:p>"
    for data in (docx_bytes(body, method=0), docx_bytes(body, zip64=True)):
        assert engine().read_docx(data)["paragraphs"] == [{"text": "一、加强学习", "style": None}]


def test_bad_zip_directory_is_corrupt():
    good = docx_bytes("<w:p><w:r><w:t>好</w:t></w:r></w:p>")
    for bad in (good[:-10], good[:40] + b"\x00" * (len(good) - 40), good.replace(b"PK\x01\x02", b"PK\x09\x09")):
        with pytest.raises(ReadError, match="文件已损坏"):
            engine().read_docx(bad)


def nested_docx(depth: int) -> bytes:
    return docx_bytes("<w:p><w:r><w:t>好</w:t></w:r></w:p>" + "<w:sdt>" * depth + "</w:sdt>" * depth)


def test_deeply_nested_xml_is_refused_in_bounded_work_and_memory(small_heap):
    depth = 200_000
    message, work = read_and_count(nested_docx(depth), small_heap)
    assert message and message.startswith("文件已损坏")
    # refused at the depth limit (1000), not after reading the 200,000 levels
    assert work["xmlElements"] <= 1_100, work
    assert not small_heap._ctx.was_hard_memory_limit_reached()


def test_without_the_depth_limit_the_nesting_test_fails():
    mutant = mutant_engine("docx-read.js", "var MAX_XML_DEPTH = 1000;", "var MAX_XML_DEPTH = Infinity;")
    try:
        _, work = read_and_count(nested_docx(200_000), mutant)
    finally:
        mutant.close()
    assert work["xmlElements"] > 200_000


def test_a_large_real_document_within_the_limit_reads_in_bounded_memory(small_heap):
    """15 MB of markup with a report's worth of text: read, not refused, within the small heap."""
    paragraph = "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"32\"/></w:rPr><w:t>一是加强学习。</w:t></w:r></w:p>"
    filler = "<!-- " + "排版" * 700 + " -->"
    body = (paragraph + filler) * 3_000
    data = docx_bytes(body)
    assert len(document_xml(body)) > 12 << 20
    doc = small_heap.read_docx(data)
    assert len([p for p in doc["paragraphs"] if p["text"]]) == 3_000
    assert not small_heap._ctx.was_hard_memory_limit_reached()
