"""A Word draft through 一键排版 (issue 18): the draft tests/word_draft.py builds (a table,
a soft line break, bold and coloured words, trailing spaces in the 落款, a comment and a
tracked change) read by the engine, checked, planned and written; the output read back
with python-docx and rendered with LibreOffice (pdftotext -bbox); the page in Chromium
and the command line make the same bytes under the same name.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_template as bt  # noqa: E402
from guide_build import generated  # noqa: E402
from conftest import click_every_download  # noqa: E402
import pagination  # noqa: E402
import render_previews as rp  # noqa: E402
from test_template import CHAR, LEFT, PITCH, RIGHT, body_lines, parse_bbox  # noqa: E402
from word_draft import (COLUMNS_CM, DATE, DELETED, INSERTED, SIGNATURE, SOFT_BREAK, TABLE,  # noqa: E402
                        TITLE, word_draft)

CLI = [sys.executable, str(ROOT / "scripts" / "format_report.py")]
CHECK_CLI = [sys.executable, str(ROOT / "scripts" / "check_report.py")]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OUTPUT_NAME = f"{TITLE}.docx"


@pytest.fixture(scope="module")
def fr():
    import format_report

    return format_report


@pytest.fixture(scope="module")
def engine(fr):
    return fr.formatter()


@pytest.fixture(scope="module")
def draft() -> bytes:
    return word_draft()


@pytest.fixture(scope="module")
def read(engine, draft) -> dict:
    return engine.read_docx(draft)


@pytest.fixture(scope="module")
def formatted(fr, read) -> bytes:
    return fr.format_draft(read["paragraphs"], year=2026)


def run(cmd, *args, cwd=None):
    return subprocess.run(cmd + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=120)


# ---------------------------------------------------------------------------
# 1. Tables: read as rows and cells, never headings, findings say where, written as a table
# ---------------------------------------------------------------------------

def test_reader_keeps_the_table_as_rows_and_cells(read):
    paragraphs = read["paragraphs"]
    (table,) = read["tables"]
    assert [[[paragraphs[i]["text"] for i in c["paragraphs"]] for c in row] for row in table["rows"]] == \
        [[[v] for v in row] for row in TABLE]
    cells = [p for p in paragraphs if p.get("cell")]
    assert [(p["cell"]["row"], p["cell"]["col"]) for p in cells] == \
        [(r + 1, c + 1) for r in range(len(TABLE)) for c in range(3)]
    # in reading order: the table sits between the sentence that introduces it and the next paragraph
    at = [p["text"] for p in paragraphs].index("全年主要指标如下：")
    assert paragraphs[at + 1]["cell"]["row"] == 1 and "cell" not in paragraphs[at + 1 + 3 * len(TABLE)]


def test_a_cell_is_never_a_heading_signature_or_date(engine, read):
    kinds = engine.classify(read["paragraphs"])
    assert {k["kind"] for k in kinds if k.get("cell")} == {"body"}
    assert [k["text"] for k in kinds if k["kind"] == "h1"] == [
        "一、坚持党建引领，把牢医院发展方向", "二、聚焦主责主业，提升医疗服务能力", "三、严守纪律规矩，落实全面从严治党责任"]
    # a table at the end whose cells read like a 署名 and a date: still the table's text
    tail = [{"text": "2026年度述职报告"}, {"text": "一、加强学习"}, {"text": "正文。"},
            *({"text": t, "cell": {"table": 1, "row": 1, "col": c}} for c, t in enumerate(["王某某", "2026年12月8日"], 1))]
    assert [k["kind"] for k in engine.classify(tail)][-2:] == ["body", "body"]
    # the checker reads the cells (the XX in one is found) but numbers no heading with 三、四级
    findings = engine.check(read["paragraphs"], year=2026, docx=read)
    assert [f["rule"] for f in findings if f.get("cell")] == ["placeholder"]
    assert not [f for f in findings if f["rule"] == "heading-sequence"]
    # the cell mark is what decides: the same short line outside a table is a heading
    # (pasted flat, 三、四级手术占比 itself is now read as a table row: tests/vectors/structure.yml)
    lines = [{"text": "2026年度述职报告"}, {"text": "一、加强学习"}, {"text": "正文。"}, {"text": "二、主要指标"}]
    assert engine.classify(lines)[-1]["kind"] == "h1"
    lines[-1] = dict(lines[-1], cell={"table": 1, "row": 1, "col": 1})
    assert engine.classify(lines)[-1]["kind"] == "body"


def test_findings_in_a_cell_say_where(engine, read, tmp_path, draft):
    findings = engine.check(read["paragraphs"], year=2026, docx=read)
    (xx,) = [f for f in findings if f["rule"] == "placeholder"]
    assert xx["where"] == "表格第5行第2列" and xx["cell"] == {"table": 1, "row": 5, "col": 2}
    comment = next(f for f in findings if f["rule"] == "docx-comment")
    assert comment["where"] == f"第{comment['line']}行第{comment['col']}列" and "cell" not in comment
    # with two tables, which one
    two = [{"text": "正文。"}, {"text": "甲", "cell": {"table": 1, "row": 1, "col": 1}},
           {"text": "乙XX", "cell": {"table": 2, "row": 3, "col": 2}}]
    assert [f["where"] for f in engine.check(two) if f["rule"] == "placeholder"] == ["第2个表格第3行第2列"]
    # the command line prints the same place
    (tmp_path / "草稿.docx").write_bytes(draft)
    result = run(CHECK_CLI, "草稿.docx", "--year", "2026", cwd=tmp_path)
    assert result.returncode == 1
    assert f"草稿.docx:{xx['line']}:{xx['col']}: 表格第5行第2列 错误 [placeholder]" in result.stdout


def test_writer_writes_the_table_in_the_template_style(formatted, fr):
    doc = Document(io.BytesIO(formatted))
    (table,) = doc.tables
    assert table.style.name == bt.TABLE_STYLE
    assert [[c.text for c in row.cells] for row in table.rows] == TABLE
    assert {p.style.name for row in table.rows for c in row.cells for p in c.paragraphs} == {bt.CELL_STYLE}
    tbl = table._tbl
    assert tbl.tblPr.find(f"{W}tblW").get(f"{W}w") == str(bt.TYPE_W)          # the 156 mm type area
    widths = [int(g.get(f"{W}w")) for g in tbl.iter(f"{W}gridCol")]
    assert sum(widths) == bt.TYPE_W
    # the draft's column widths (6 : 3 : 3 cm) in proportion
    assert [round(w / bt.TYPE_W * sum(COLUMNS_CM), 2) for w in widths] == list(COLUMNS_CM)
    rows = tbl.findall(f"{W}tr")
    assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows] == [True] + [False] * (len(TABLE) - 1)
    # in the same place: after the sentence that introduces it, before the soft-break paragraph
    body = [el for el in doc.element.body if el.tag in (f"{W}p", f"{W}tbl")]
    at = body.index(tbl)
    assert "".join(t.text for t in body[at - 1].iter(f"{W}t")) == "全年主要指标如下："
    assert "".join(t.text for t in body[at + 1].iter(f"{W}t")) == "".join(SOFT_BREAK)
    # 三、四级手术占比 stays in its cell: three parts, not four
    assert [p.text[:2] for p in doc.paragraphs if p.style.name == "Heading 1"] == ["一、", "二、", "三、"]
    # the styles the table uses are the template's, defined once in build_template.py
    template = Document(io.BytesIO(fr.template_bytes("standard")))
    grid = template.styles[bt.TABLE_STYLE].element
    borders = grid.find(f"{W}tblPr/{W}tblBorders")
    assert {b.tag[len(W):]: b.get(f"{W}val") for b in borders} == dict.fromkeys(
        ["top", "left", "bottom", "right", "insideH", "insideV"], "single")
    text_style = template.styles[bt.CELL_STYLE]
    assert text_style.font.size.pt == bt.TABLE_PT
    assert text_style.element.rPr.rFonts.get(qn("w:eastAsia")) == bt.STANDARD.fangsong


def test_table_gaps_and_crafted_cells(fr):
    """A row that skips columns gets one empty cell spanning them; a crafted row or column
    number costs no output (only rows with text are written, columns stop at Word's 63)
    and no text is lost."""
    gaps = [{"text": "甲", "cell": {"table": 1, "row": 1, "col": 1}},
            {"text": "乙", "cell": {"table": 1, "row": 1, "col": 3, "span": 2}},
            {"text": "丙", "cell": {"table": 1, "row": 2, "col": 2}}]
    table = Document(io.BytesIO(fr.format_draft(gaps))).tables[0]
    assert [[c.text for c in r.cells] for r in table.rows] == [["甲", "", "乙", "乙"], ["", "丙", "", ""]]
    assert [len(r._tr.findall(f"{W}tc")) for r in table.rows] == [3, 3]
    crafted = [{"text": f"格{r}", "cell": {"table": 1, "row": r * 997, "col": 10 ** 5 if r % 2 else 1}}
               for r in range(1, 1000)]
    out = fr.format_draft(crafted)
    assert len(out) < 200_000
    table = Document(io.BytesIO(out)).tables[0]
    assert len(table.rows) == 999 and len(table.columns) == 63
    assert sorted(c.text for r in table.rows for c in r.cells if c.text) == sorted(p["text"] for p in crafted)


# ---------------------------------------------------------------------------
# 2. Soft line breaks stay in their paragraph
# ---------------------------------------------------------------------------

def test_soft_line_break_stays_in_its_paragraph(formatted, fr):
    doc = Document(io.BytesIO(formatted))
    (p,) = [p for p in doc.paragraphs if p.text.startswith(SOFT_BREAK[0])]
    assert p.text == "\n".join(SOFT_BREAK) and p.style.name == "Normal"
    assert len(p._p.findall(f".//{W}br")) == 1
    # a line ended by Shift+Enter is not stretched across a justified line (Word and LibreOffice)
    settings = doc.settings.element
    assert settings.find(f"{W}compat/{W}doNotExpandShiftReturn") is not None
    # a 署名 and date typed in one paragraph with Shift+Enter are still the 落款's two paragraphs
    closing = [{"text": "2026年度述职报告"}, {"text": "一、加强学习"}, {"text": "正文。"},
               {"text": "王某某\n2026年12月8日"}]
    styles = [p.style.name for p in Document(io.BytesIO(fr.format_draft(closing))).paragraphs]
    assert styles == ["Title", "Heading 1", "Normal", "Signature", "Date"]


# ---------------------------------------------------------------------------
# 3. What is dropped is said; 4. trailing spaces leave the 落款 alone
# ---------------------------------------------------------------------------

def test_plan_says_what_is_kept_and_dropped(fr, read):
    steps = fr.plan(read["paragraphs"], read, "草稿.docx")
    notices = steps["notices"]
    assert any("表格（1个）保留为Word表格" in n for n in notices)
    assert any("Shift+Enter，1处" in n for n in notices)
    dropped = next(n for n in notices if n.startswith("原文的"))
    assert "加粗（2处）" in dropped and "字体颜色和底纹（1处）" in dropped and "手动设置的段落间距" in dropped
    assert any("署名或日期后面的空格（2处）" in n for n in notices)
    assert steps["pending"] == {"revisions": 2, "comments": 1}
    # plain text has no formatting to drop and no table: nothing said about them
    plain = fr.plan("2026年度述职报告\n一、加强学习\n正文。", None, "草稿.txt")["notices"]
    assert not [n for n in plain if "表格" in n or "加粗" in n or "Shift" in n]


def test_trailing_spaces_leave_the_closing_alone(fr, engine, formatted):
    metrics = engine.call("ReportDocx.readMetrics", fr.template_bytes("standard").decode("latin-1"))
    for name, date in [(SIGNATURE, DATE), ("某某县人民医院党委", "2027年1月8日")]:
        plain = engine.call("ReportDocx.signatureLayout", name, date, metrics)
        padded = engine.call("ReportDocx.signatureLayout", name + "    ", date + "\u3000\u3000", metrics)
        assert padded == plain
    paragraphs = Document(io.BytesIO(formatted)).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs[-2:]] == [("Signature", SIGNATURE), ("Date", DATE)]


# ---------------------------------------------------------------------------
# 5. Open revisions and comments: the command line refuses unless told
# ---------------------------------------------------------------------------

def test_cli_refuses_open_revisions_unless_accepted(fr, read, draft, tmp_path):
    (tmp_path / "草稿.docx").write_bytes(draft)
    refused = run(CLI, "草稿.docx", cwd=tmp_path)
    assert refused.returncode == 3, refused
    assert "2处修订、1条批注没有处理" in refused.stderr and "--accept-revisions" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["草稿.docx"]
    accepted = run(CLI, "草稿.docx", "--accept-revisions", "--year", "2026", cwd=tmp_path)
    assert accepted.returncode == 0, accepted.stderr
    said = [line[len("说明："):] for line in accepted.stdout.splitlines() if line.startswith("说明：")]
    assert said == fr.plan(read["paragraphs"], read, "草稿.docx", True)["notices"]
    assert said[0] == "已接受全部修订（2处），原文的1条批注没有带入。"
    out = (tmp_path / OUTPUT_NAME).read_bytes()            # 7. named after the title, beside the draft
    assert out == fr.format_draft(read["paragraphs"], year=2026)
    text = "".join(p.text for p in Document(io.BytesIO(out)).paragraphs)
    assert INSERTED in text and DELETED not in text
    assert "word/comments.xml" not in __import__("zipfile").ZipFile(io.BytesIO(out)).namelist()


# ---------------------------------------------------------------------------
# 7. File names; 8. document properties
# ---------------------------------------------------------------------------

FILE_NAMES = [
    ((TITLE, "草稿.docx"), OUTPUT_NAME),
    (("2026年度述职报告\n", None), "2026年度述职报告.docx"),
    (('关于"民主"生活会/述职?<报告>*|\\:', None), "关于＂民主＂生活会／述职？＜报告＞＊｜＼：.docx"),
    (("  2026年度\t述职\u202e报告. ", None), "2026年度 述职 报告.docx"),
    (("", "我的草稿.docx"), "我的草稿（公文格式）.docx"),
    ((TITLE, OUTPUT_NAME), f"{TITLE}（公文格式）.docx"),       # never the draft's own name
    (("", None), "述职报告（公文格式）.docx"),
    (("CON", None), "述职报告（公文格式）.docx"),
    (("述" * 100, None), "述" * 60 + ".docx"),
]


@pytest.mark.parametrize("args,name", FILE_NAMES)
def test_file_name_from_the_title(engine, args, name):
    assert engine.call("ReportDocx.fileName", *args) == name


@pytest.mark.parametrize("path", [d.path for d in bt.DOWNLOADS] + ["formatted", "model"])
def test_no_author_in_the_document_properties(fr, formatted, path):
    from guide_build import generated

    data = {"formatted": formatted}.get(path) or generated.word_documents()[
        path if path != "model" else generated.model_downloads()[0].path]
    core = Document(io.BytesIO(data)).core_properties
    assert core.author == "" and core.last_modified_by == ""
    # the title is the report's, the program (app.xml) still the guide
    if path == "formatted":
        assert core.title == TITLE


# ---------------------------------------------------------------------------
# Rendered by LibreOffice: table, header row, soft break, 落款, widows
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(fr, engine, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("word-draft")
    docs = {}
    for key, rows in (("draft", 0), ("long-table", 40)):
        read = engine.read_docx(word_draft(rows))
        docs[key] = fr.format_draft(read["paragraphs"], year=2026)
    files = []
    for key, data in docs.items():
        (tmp / f"{key}.docx").write_bytes(data)
        files.append(tmp / f"{key}.docx")
    out = {}
    for key, pdf in zip(docs, rp.to_pdf(files, tmp / "pdf")):
        bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        out[key] = ([body_lines(p) for p in parse_bbox(bbox)], pagination.body_texts(Document(io.BytesIO(docs[key]))))
    return out


def test_rendered_table_in_the_type_area(rendered):
    pages, _ = rendered["draft"]
    lines = [row for page in pages for row in pagination.printed_rows(page)]
    texts = [pagination.squeeze(row.text) for row in lines]
    rows = [texts.index("".join(row)) for row in TABLE]
    assert rows == list(range(rows[0], rows[0] + len(TABLE)))            # one printed line a row, in order
    body_height = lines[rows[0] - 1].height
    for i in rows:
        assert LEFT - 1 <= lines[i].x0 and lines[i].x1 <= RIGHT + 1
        assert lines[i].height < body_height - 1                             # 四号, smaller than the 三号 body
    # the table's row 三、四级… is no heading: one part 三 in print
    assert sum(t.startswith("三、") for t in texts) == 2 and texts[rows[1]].startswith("三、四级")


def test_rendered_header_row_repeats_on_the_next_page(rendered):
    pages, _ = rendered["long-table"]
    header = "".join(TABLE[0])
    starts = [n for n, page in enumerate(pages)
              if any(pagination.squeeze(row.text) == header for row in pagination.printed_rows(page))]
    assert len(starts) >= 2, starts                                        # the table goes over a page
    for n in starts[1:]:
        assert pagination.squeeze(pagination.printed_rows(pages[n])[0].text) == header                    # the header row tops the page


def test_rendered_soft_break_and_closing(rendered):
    pages, _ = rendered["draft"]
    lines = [ln for page in pages for ln in page]
    k = next(i for i, ln in enumerate(lines) if ln.text.startswith("全年争取上级补助资金"))
    assert lines[k].x0 == pytest.approx(LEFT + 2 * 16, abs=1.5)        # the paragraph's first line, indented
    assert lines[k].x1 < RIGHT - 4 * CHAR                               # ends at the break, not stretched
    assert lines[k + 1].text.startswith("落实《") and lines[k + 1].x0 == pytest.approx(LEFT, abs=1.5)
    assert lines[k + 1].y - lines[k].y == pytest.approx(PITCH, abs=0.5)
    # the 落款 per GB/T 9704 7.3.5.2, trailing spaces or not: the date (the longer) 右空二字,
    # its first character two characters right of the name's
    name, date = pages[-1][-2], pages[-1][-1]
    assert (name.text, date.text) == (SIGNATURE, DATE)
    assert RIGHT - date.x1 == pytest.approx(2 * 16, abs=1)
    assert date.x0 - name.x0 == pytest.approx(2 * CHAR, abs=1)


@pytest.mark.parametrize("key", ["draft", "long-table"])
def test_rendered_draft_has_no_widows_or_orphans(rendered, key):
    pages, texts = rendered[key]
    placed = pagination.place(pages, texts, repeats=("".join(TABLE[0]),))
    assert not pagination.widows_and_orphans(placed)


# ---------------------------------------------------------------------------
# The page: the same notices, asks before accepting revisions, the same bytes and name
# ---------------------------------------------------------------------------

def test_page_formats_the_word_draft_as_the_cli_does(page, site_url, fr, read, draft, tmp_path):
    source = tmp_path / "草稿.docx"
    source.write_bytes(draft)
    load_draft(page, site_url, source)
    # findings in the table say where; what 生成 keeps and drops is listed before the download
    assert "表格第5行第2列" in page.locator(".gc-where").all_text_contents()
    assert page.locator("#gc-format-notes li").all_text_contents() == fr.plan(read["paragraphs"], read, "草稿.docx")["notices"]
    # open revisions and comments: asked, and nothing downloaded on 取消
    page.click("#gc-download")
    assert page.is_visible("#gc-pending")
    assert "2 处修订、1 条批注" in page.text_content("#gc-pending-text")
    page.click("#gc-cancel")
    assert page.is_hidden("#gc-pending") and page.text_content("#gc-format-status").startswith("没有生成")
    page.click("#gc-download")
    with page.expect_download() as info:
        page.click("#gc-accept")
    download = info.value
    assert download.suggested_filename == OUTPUT_NAME
    data = Path(download.path()).read_bytes()
    result = run(CLI, source, "--accept-revisions", "--year", "2026")
    assert result.returncode == 0, result.stderr
    assert data == (tmp_path / OUTPUT_NAME).read_bytes()               # same bytes, same default name
    assert page.text_content("#gc-format-status").startswith(f"已生成 {OUTPUT_NAME}")
    assert not page.errors and not page.outside(site_url.split("/sub/")[0])


# ---------------------------------------------------------------------------
# The page after edits in the text box (自查 → fix a word → 生成): the Word reading follows the
# edits (ReportEngine.followEdits, tests/test_follow_edits.py), the prompt and the notices stay
# ---------------------------------------------------------------------------

def load_draft(page, site_url, source):
    page.goto(site_url + "checker/")
    page.wait_for_function("window.ReportDocx && window.REPORT_DOCX_TEMPLATES && window.GuideChecker")
    page.set_input_files("#gc-file", str(source))
    page.wait_for_function("document.querySelector('#gc-file-status').textContent.startsWith('已读取')")
    page.fill("#gc-year", "2026")
    page.click("#gc-run")
    return page.input_value("#gc-text")


def generate_after_edit(page, edited, pending=True) -> bytes:
    """Put the edited text in the box, 检查, 生成 (accepting the revisions when asked, if pending): the file's bytes."""
    page.fill("#gc-text", edited)
    page.click("#gc-run")
    with page.expect_download() as info:
        page.click("#gc-download")
        assert page.is_visible("#gc-pending") == pending
        if pending:
            assert "2 处修订、1 条批注" in page.text_content("#gc-pending-text")
            page.click("#gc-accept")
    assert info.value.suggested_filename == OUTPUT_NAME
    return Path(info.value.path()).read_bytes()


def document_xml(data: bytes) -> str:
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")


def test_page_keeps_the_word_draft_after_an_edit_in_the_box(page, site_url, fr, engine, read, draft, tmp_path):
    source = tmp_path / "草稿.docx"
    source.write_bytes(draft)
    text = load_draft(page, site_url, source)
    assert text == engine.paragraphs_to_text(read["paragraphs"])
    edited = text.replace("事项41项", "事项42项").replace("\n94.3%\n", "\n94.4%\n")
    assert edited.count("42项") == 1 and edited.count("94.4%") == 1
    mapped = engine.follow_edits(read, edited)
    page.fill("#gc-text", edited)
    page.click("#gc-run")
    # every notice is still said (bold dropped, the table, the soft break, the 落款's spaces)
    notices = page.locator("#gc-format-notes li").all_text_contents()
    assert notices == fr.plan(mapped["paragraphs"], mapped, "草稿.docx")["notices"] == \
        fr.plan(read["paragraphs"], read, "草稿.docx")["notices"]
    assert len(notices) == 4
    # the findings still say where in the table, and the comment and revisions are still reported
    assert "表格第5行第2列" in page.locator(".gc-where").all_text_contents()
    assert page.locator(".gc-rule", has_text="docx-revision").count() == 2
    data = generate_after_edit(page, edited)
    assert data == fr.format_draft(mapped["paragraphs"], year=2026)
    xml = document_xml(data)
    assert xml.count("<w:tbl>") == 1 and "<w:tblHeader/>" in xml and xml.count("<w:br/>") == 1
    doc = Document(io.BytesIO(data))
    assert "事项42项" in "".join(p.text for p in doc.paragraphs)
    assert [c.text for c in doc.tables[0].rows[2].cells] == ["门诊患者满意度", "92.1%", "94.4%"]
    assert page.text_content("#gc-format-status").endswith("已接受全部修订（2处），原文的1条批注没有带入。")
    assert not page.errors


def test_page_edits_that_add_or_remove_lines(page, site_url, fr, engine, read, draft, tmp_path):
    source = tmp_path / "草稿.docx"
    source.write_bytes(draft)
    text = load_draft(page, site_url, source)
    # a new body paragraph: a paragraph of the file, the table and the soft break stay
    added = text.replace("全年主要指标如下：", "全年主要指标如下：\n其中三、四级手术占比提高3.4个百分点。")
    data = generate_after_edit(page, added)
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    assert "其中三、四级手术占比提高3.4个百分点。" in texts
    assert [[c.text for c in r.cells] for r in doc.tables[0].rows] == TABLE
    assert document_xml(data).count("<w:br/>") == 1
    # a table cell's line deleted: the table stays, and the notice says what was done
    removed = text.replace("\n45.2%\n", "\n")
    page.fill("#gc-text", removed)
    page.click("#gc-run")
    notices = page.locator("#gc-format-notes li").all_text_contents()
    assert "文本框中删去了表格第2行第2列的文字，表格照原来的行和列生成，这一格留空。" in notices
    assert notices == fr.plan(*(lambda m: (m["paragraphs"], m))(engine.follow_edits(read, removed)), "草稿.docx")["notices"]
    data = generate_after_edit(page, removed)
    (table,) = Document(io.BytesIO(data)).tables
    assert [c.text for c in table.rows[1].cells] == ["三、四级手术占比", "", "48.6%"]
    assert "<w:tblHeader/>" in document_xml(data)
    # 清空 drops the Word reading: pasted text is formatted as text, nothing asked
    page.click("#gc-clear")
    generate_after_edit(page, removed, pending=False)
    assert not page.errors


def test_undoing_clear_brings_the_word_draft_back(page, site_url, draft, tmp_path):
    """清空 then Ctrl+Z: the text and the Word file it came from (its table, revisions and comment) come back."""
    source = tmp_path / "草稿.docx"
    source.write_bytes(draft)
    text = load_draft(page, site_url, source)
    page.click("#gc-clear")
    assert page.input_value("#gc-text") == ""
    page.focus("#gc-text")
    page.keyboard.press("Control+z")
    assert page.input_value("#gc-text") == text
    data = generate_after_edit(page, text)           # asks about the 2 revisions and the comment again
    xml = document_xml(data)
    assert xml.count("<w:tbl>") == 1 and xml.count("<w:br/>") == 1
    # and redo clears it again: plain text, nothing asked
    page.focus("#gc-text")
    page.keyboard.press("Control+y")
    assert page.input_value("#gc-text") == ""
    assert not page.errors


# ---------------------------------------------------------------------------
# 9. Downloads keep the names their links show, from file:// as over http
# ---------------------------------------------------------------------------

def test_offline_downloads_save_under_the_names_shown(page, offline_dir):
    # over http: tests/test_site.py test_every_download_saves_the_built_file_under_its_name
    names = [(shown, saved) for shown, _, saved, _ in click_every_download(page, (offline_dir / "template.html").as_uri())]
    assert len(names) == len(generated.served_downloads()) and all(shown == saved for shown, saved in names), names
    assert not [p for p in (offline_dir / "downloads").iterdir() if re.fullmatch(r"[\x00-\x7f]+", p.name)]
    assert all(u.startswith(("file://", "blob:", "data:")) for u in page.requests)


# ---------------------------------------------------------------------------
# 6 and 10: the pages say it
# ---------------------------------------------------------------------------

def test_format_page_explains_widow_control(fr):
    page = (ROOT / "docs" / "format.md").read_text("utf-8")
    section = page[page.index("{ #widows }"):]
    assert "孤行控制" in section and "21行" in section
    normal = Document(io.BytesIO(fr.template_bytes("standard"))).styles["Normal"]
    assert normal.paragraph_format.widow_control is True


# The checklist after 生成 (docs/checker.md): what a Word or WPS user may still fix by hand
CLOSING_CHECKS = [
    "标题、称谓、署名和日期是否认对了",
    "电脑上没有仿宋_GB2312等国标字体时，选“系统字体版”",
    "署名和日期的位置按字数算出（署名、日期后面手打的空格不计）",
    "原来的底纹、表头加粗和单元格里的对齐方式不带过来",
    "在文本框里的表格部分或段内换行的段落里加了行、删了行的",
]
LINE_NUMBERS = "表格的每一格、段内换行（Shift+Enter）隔开的每一部分都各占一行"


def test_checker_page_says_where_the_command_line_lives(offline_dir):
    page = (ROOT / "docs" / "checker.md").read_text("utf-8")
    assert "源码包" in page and "不在离线包里" in page
    import html

    offline = html.unescape(re.sub(r"<[^>]+>", "", (offline_dir / "checker.html").read_text("utf-8")))
    assert "不在离线包里" in offline and "python scripts/check_report.py" in offline
    # the closing checklist, item by item, in the page as built
    intro = "生成后请在 Word 或 WPS 中打开，提交前核对："
    checklist = page[page.index(intro):page.index("## 命令行")]
    items = [line[2:] for line in checklist.splitlines() if line.startswith("- ")]
    assert len(items) == len(CLOSING_CHECKS) and all(c in i for c, i in zip(CLOSING_CHECKS, items)), items
    shown = offline[offline.index(intro):]
    assert all(c in shown for c in CLOSING_CHECKS)
    # line numbers count a table's cells and a soft break's parts, as the text box does: said on the page and in --help
    assert LINE_NUMBERS in offline
    assert LINE_NUMBERS in run(CHECK_CLI, "--help").stdout.replace("\n", "")
