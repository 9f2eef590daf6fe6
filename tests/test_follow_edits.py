"""Edits in the text box after loading a Word draft (issue 18): ReportEngine.followEdits
(docs/assets/javascripts/engine/docx-edits.js) maps the box's lines onto the file's reading,
run in V8 through scripts/engine_host.py. The page's side is in tests/test_word_draft.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from engine_host import Engine  # noqa: E402
from word_draft import SOFT_BREAK, TABLE, word_draft  # noqa: E402

MAX_EDITS = 400   # engine/docx-edits.js


@pytest.fixture(scope="module")
def engine():
    e = Engine()
    yield e
    e.close()


@pytest.fixture(scope="module")
def read(engine) -> dict:
    return engine.read_docx(word_draft())


@pytest.fixture(scope="module")
def text(engine, read) -> str:
    return engine.paragraphs_to_text(read["paragraphs"])


def follow(engine, docx, text):
    out = engine.follow_edits(docx, text)
    if out and out["paragraphs"] is not None:
        # findings' lines are the box's lines
        assert engine.paragraphs_to_text(out["paragraphs"]) == text
        assert len(out["revisions"]) == len(docx.get("revisions") or [])
        assert len(out["comments"]) == len(docx.get("comments") or [])
    return out


def cells(out) -> list[list[str]]:
    """The table as rows of cell texts, as the writer groups them."""
    paragraphs = out["paragraphs"]
    (table,) = out["tables"]
    return [["\n".join(paragraphs[i]["text"] for i in c["paragraphs"]) for c in row] for row in table["rows"]]


def test_unchanged_text_is_the_file(engine, read, text):
    out = follow(engine, read, text)
    assert out["paragraphs"] == read["paragraphs"]
    assert out["edits"] == {"kept": text.count("\n") + 1, "edited": 0, "inserted": 0, "deleted": 0, "notices": []}
    assert [r["line"] for r in out["revisions"]] == [r["line"] for r in read["revisions"]]


def test_edited_lines_keep_their_place(engine, read, text):
    edited = text.replace("事项41项", "事项42项").replace("94.3%", "94.4%").replace("1826.3万元", "1826.4万元")
    out = follow(engine, read, edited)
    assert out["edits"]["edited"] == 3 and not out["edits"]["notices"]
    assert [(p.get("style"), p.get("cell")) for p in out["paragraphs"]] == \
        [(p.get("style"), p.get("cell")) for p in read["paragraphs"]]
    assert cells(out)[2] == ["门诊患者满意度", "92.1%", "94.4%"]                  # the cell stays that cell
    broken = next(p for p in out["paragraphs"] if p["text"].startswith("全年争取"))
    assert broken["text"] == "全年争取上级补助资金1826.4万元；\n" + SOFT_BREAK[1]     # the part stays that part
    # the revisions, comment and formatting go along; the check finds the cell's XX where it is
    assert out["formatting"] == read["formatting"]
    findings = engine.check(out["paragraphs"], year=2026, docx=out)
    assert [f["where"] for f in findings if f["rule"] == "placeholder"] == ["表格第5行第2列"]
    assert sum(f["rule"] == "docx-revision" for f in findings) == 2
    assert sum(f["rule"] == "docx-comment" for f in findings) == 1


def test_inserted_and_deleted_body_lines_are_paragraphs(engine, read, text):
    lines = text.split("\n")
    at = lines.index("全年主要指标如下：")
    lines[at:at] = ["新加的一段。"]
    lines.remove("以上报告，请予审议。")
    out = follow(engine, read, "\n".join(lines))
    assert out["edits"] == {"kept": len(lines) - 1, "edited": 0, "inserted": 1, "deleted": 1, "notices": []}
    new = [p for p in out["paragraphs"] if p["text"] == "新加的一段。"]
    assert new == [{"text": "新加的一段。"}]                                         # a body paragraph, styled by its text
    assert "以上报告，请予审议。" not in [p["text"] for p in out["paragraphs"]]
    assert cells(out) == TABLE
    # the comment and the tracked changes after the new line move down with their text
    old_comment, comment = read["comments"][0], out["comments"][0]
    assert (comment["start"]["line"], comment["start"]["col"]) == (old_comment["start"]["line"] + 1, old_comment["start"]["col"])
    assert [r["line"] for r in out["revisions"]] == [r["line"] + 1 for r in read["revisions"]]
    kinds = engine.classify(out["paragraphs"])
    assert [k["kind"] for k in kinds if k["text"] == "新加的一段。"] == ["body"]


def test_lines_removed_in_a_table_keep_the_table(engine, read, text):
    lines = text.split("\n")
    one = lines[:]
    one.remove("45.2%")
    out = follow(engine, read, "\n".join(one))
    assert cells(out)[1] == ["三、四级手术占比", "48.6%"]
    row = out["tables"][0]["rows"][1]
    assert [c["col"] for c in row] == [1, 3]                                        # column 2 left empty
    assert out["edits"]["notices"] == ["文本框中删去了表格第2行第2列的文字，表格照原来的行和列生成，这一格留空。"]
    # a whole row: left out, the rows after it numbered again
    row = [v for v in lines if v not in TABLE[3]]
    out = follow(engine, read, "\n".join(row))
    assert cells(out) == TABLE[:3] + TABLE[4:]
    assert out["edits"]["notices"] == ["文本框中删去了表格第4行的全部文字，生成的表格不含这一行。"]
    findings = engine.check(out["paragraphs"], year=2026, docx=out)
    assert [f["where"] for f in findings if f["rule"] == "placeholder"] == ["表格第4行第2列"]


def test_lines_added_in_a_table_or_a_soft_broken_paragraph(engine, read, text):
    out = follow(engine, read, text.replace("\n45.2%\n", "\n45.2%\n（同比）\n"))
    assert cells(out)[1] == ["三、四级手术占比", "45.2%\n（同比）", "48.6%"]
    added = next(p for p in out["paragraphs"] if p["text"] == "（同比）")
    assert added["cell"]["row"] == 2 and added["cell"]["col"] == 2
    assert out["edits"]["notices"] == ["文本框中在表格第2行第2列里加了1行，放进这一格（另起一段），表格的行和列不变。"]
    out = follow(engine, read, text.replace(SOFT_BREAK[0] + "\n", SOFT_BREAK[0] + "\n另有一行。\n"))
    (broken,) = [p for p in out["paragraphs"] if p["text"].startswith(SOFT_BREAK[0])]
    assert broken["text"] == "\n".join([SOFT_BREAK[0], "另有一行。", SOFT_BREAK[1]])
    line = text.split("\n").index(SOFT_BREAK[0]) + 1
    assert out["edits"]["notices"] == [
        f"文本框中在一段有段内换行（Shift+Enter）的文字（第{line}行起）里增删了行，仍排成一段，行与行之间是段内换行。"]
    # added after the table's last cell or after the paragraph: a body paragraph of its own
    out = follow(engine, read, text.replace("\n87.5%\n", "\n87.5%\n表后一段。\n"))
    assert {"text": "表后一段。"} in out["paragraphs"] and not out["edits"]["notices"]


def test_another_text_drops_the_reading(engine, read, text):
    assert follow(engine, read, "完全不同的一篇\n另一行") is None
    assert follow(engine, read, "") is None
    # more edits than the diff follows: said, and the box's text is formatted as it is
    many = "\n".join(f"第{i}行" for i in range(MAX_EDITS + 1)) + "\n" + text
    out = follow(engine, read, many)
    assert out["paragraphs"] is None and "相差太多" in out["edits"]["notices"][0]


def test_work_stays_bounded(engine):
    """Counted, not timed: the diff's steps (ReportEngine.stats().editSteps) for a draft at the
    line limit stay within (N + M) · (MAX_EDITS + 2) plus the characters read, far from N · M,
    however the edits are spread; one edited line costs in proportion to the text."""
    n = engine.limits()["max_lines"]
    old = [f"第{i:05d}段" for i in range(n)]   # one length: the text grows with the lines
    docx = {"paragraphs": [{"text": t} for t in old]}
    chars = sum(len(t) + 1 for t in old)
    for every in (25, 100, 1000):                       # beyond, at and under the edit bound
        new = [t if i % every else t + "改" for i, t in enumerate(old)]
        engine.follow_edits(docx, "\n".join(new))
        steps = engine.stats()["editSteps"]
        assert steps <= 2 * n * (MAX_EDITS + 2) + (MAX_EDITS + 1) ** 2 + 3 * chars, every
        assert steps < n * n / 100, every
    alternating = (["甲", "乙"] * n)[:n]
    engine.follow_edits({"paragraphs": [{"text": t} for t in alternating]}, "\n".join(["乙", "甲"] * (n // 2)))
    assert engine.stats()["editSteps"] <= 2 * n * (MAX_EDITS + 2) + (MAX_EDITS + 1) ** 2 + 3 * chars

    def one_edit(size):
        lines = old[:size]
        engine.follow_edits({"paragraphs": [{"text": t} for t in lines]},
                            "\n".join(t if i != size // 2 else t + "改" for i, t in enumerate(lines)))
        return engine.stats()["editSteps"]

    small, large = one_edit(n // 8), one_edit(n)
    assert large <= 8.5 * small
