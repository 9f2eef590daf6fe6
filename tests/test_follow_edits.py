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


def test_marks_on_one_long_edited_line_cost_once_the_line(engine):
    """Counted: comments, revisions and hidden text on one long edited line work out the line's
    change once, not once a mark: the steps stay within a multiple of the text plus the marks."""
    size, marks = 190_000, 5_000
    long = "甲" * size
    docx = {"paragraphs": [{"text": "标题"}, {"text": long}],
            "revisions": [{"type": "ins", "author": "a", "date": "", "text": "x", "paragraph": 1, "offset": i * 30}
                          for i in range(marks)],
            "hidden": [{"paragraph": 1, "offset": i * 30, "text": "h"} for i in range(marks)],
            "comments": [{"id": str(i), "text": "c", "start": {"paragraph": 1, "offset": i * 30},
                          "end": {"paragraph": 1, "offset": i * 30 + 5}} for i in range(marks)]}
    new = "标题\n" + long[:size // 2] + "乙" + long[size // 2 + 1:]
    out = follow(engine, docx, new)
    steps = engine.stats()["editSteps"]
    assert steps <= 10 * (len(new) + 4 * marks), steps
    # the marks follow the text: before the edit unmoved, after it moved by the edit's length (none)
    assert [r["offset"] for r in out["revisions"]] == [i * 30 for i in range(marks)]
    assert [c["end"]["offset"] for c in out["comments"]] == [i * 30 + 5 for i in range(marks)]


def test_an_edited_line_next_to_deleted_lines_keeps_its_own_place(engine, read, text):
    lines = text.split("\n")
    at = lines.index("全年主要指标如下：")
    assert lines[at + 1] == TABLE[0][0]
    del lines[at]
    lines[at] = TABLE[0][0] + "（改）"                         # the line before the table gone, the first cell edited
    out = follow(engine, read, "\n".join(lines))
    assert cells(out)[0] == [TABLE[0][0] + "（改）"] + TABLE[0][1:]
    assert "全年主要指标如下：" not in [p["text"] for p in out["paragraphs"]]
    assert out["edits"]["edited"] == 1 and out["edits"]["deleted"] == 1 and not out["edits"]["notices"]
    # a heading deleted and the body line after it edited: the body line stays body text
    docx = {"paragraphs": [{"text": "标题", "style": "Title"}, {"text": "一、学习", "style": "Heading 1"},
                           {"text": "正文甲。", "style": "Normal"}, {"text": "正文乙。", "style": "Normal"}]}
    out = follow(engine, docx, "标题\n正文甲改。\n正文乙。")
    assert [(p["text"], p["style"]) for p in out["paragraphs"]] == \
        [("标题", "Title"), ("正文甲改。", "Normal"), ("正文乙。", "Normal")]
    # as many lines as were there, nothing alike: each keeps its place, as before
    out = follow(engine, docx, "标题\n二、工作\n完全重写。\n正文乙。")
    assert [p["style"] for p in out["paragraphs"]] == ["Title", "Heading 1", "Normal", "Normal"]
    # fewer lines, nothing alike, a heading and body text: no style is guessed onto the new line
    out = follow(engine, docx, "标题\n完全重写。\n正文乙。")
    assert [(p["text"], p.get("style")) for p in out["paragraphs"]] == \
        [("标题", "Title"), ("完全重写。", None), ("正文乙。", "Normal")]


def cell(row, col, text):
    return {"text": text, "style": "Normal", "table": True, "cell": {"table": 1, "row": row, "col": col, "grid": [1, 1]}}


def test_lines_removed_from_one_cell_are_counted_together(engine):
    docx = {"paragraphs": [{"text": "标题"}, {"text": "正文一"}, cell(1, 1, "甲一"), cell(1, 1, "甲二"), cell(1, 1, "甲三"),
                           cell(1, 2, "乙"), cell(2, 1, "丙"), cell(2, 2, "丁"), {"text": "正文二"}]}
    text = engine.paragraphs_to_text(docx["paragraphs"])
    out = follow(engine, docx, text.replace("甲一\n", "").replace("甲三\n", ""))
    assert out["edits"]["notices"] == ["文本框中删去了表格第1行第1列中的2行，这一格只留下其余的文字。"]
    out = follow(engine, docx, text.replace("甲一\n", "甲一\n新一\n").replace("甲三\n", "甲三\n新二\n"))
    assert out["edits"]["notices"] == ["文本框中在表格第1行第1列里加了2行，放进这一格（另起一段），表格的行和列不变。"]


def test_line_breaks_at_the_end_of_the_box_add_no_paragraph(engine):
    docx = {"paragraphs": [{"text": "甲"}, {"text": "乙"}]}
    for tail in ("\n", "\n\n", "\r\n"):
        out = engine.follow_edits(docx, "甲\n乙" + tail)
        assert out["paragraphs"] == docx["paragraphs"], tail
        assert out["edits"]["inserted"] == 0
    # a file that ends in an empty paragraph keeps it; one more line break adds nothing
    docx = {"paragraphs": [{"text": "甲"}, {"text": ""}]}
    assert engine.follow_edits(docx, "甲\n\n")["paragraphs"] == docx["paragraphs"]
    assert engine.follow_edits(docx, "甲\n\n\n")["paragraphs"] == docx["paragraphs"]
    # an empty line in the middle is still a paragraph
    assert follow(engine, {"paragraphs": [{"text": "甲"}, {"text": "乙"}]}, "甲\n\n乙")["edits"]["inserted"] == 1


def test_a_comment_follows_its_text_when_a_line_is_split_or_joined(engine):
    comment = {"id": "0", "text": "c", "start": {"paragraph": 0, "offset": 2}, "end": {"paragraph": 0, "offset": 4}}
    docx = {"paragraphs": [{"text": "甲乙丙丁"}, {"text": "戊己"}], "comments": [comment]}
    (c,) = follow(engine, docx, "甲乙\n丙丁\n戊己")["comments"]
    assert (c["start"]["line"], c["start"]["col"], c["end"]["line"], c["end"]["col"]) == (2, 1, 2, 3)
    (c,) = follow(engine, docx, "新的一行\n甲乙\n丙丁\n戊己")["comments"]
    assert (c["start"]["line"], c["start"]["col"], c["end"]["line"], c["end"]["col"]) == (3, 1, 3, 3)
    # joined: a comment on the second line goes along into the joined line
    comment = {"id": "0", "text": "c", "start": {"paragraph": 1, "offset": 0}, "end": {"paragraph": 1, "offset": 2}}
    docx = {"paragraphs": [{"text": "甲乙"}, {"text": "丙丁"}, {"text": "戊己"}], "comments": [comment]}
    (c,) = follow(engine, docx, "甲乙丙丁\n戊己")["comments"]
    assert (c["start"]["line"], c["start"]["col"], c["end"]["line"], c["end"]["col"]) == (1, 3, 1, 5)
