"""A Word draft as a first-time writer hands one in (issue 18), built with python-docx and
raw XML in the test, not committed as a binary: a title typed bold and centred, a 称谓,
parts 一 to 三, a key-indicator table whose row 三、四级手术占比 looks like a heading,
a paragraph with a soft line break (Shift+Enter), bold and coloured words, a comment,
a tracked change (an insertion and a deletion), and a 落款 pushed right with trailing spaces."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm, Pt, RGBColor

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TITLE = "2026年度述职述廉报告"
SIGNATURE = "王某某"
DATE = "2026年12月8日"
TABLE = [
    ["指标", "2025年", "2026年"],
    ["三、四级手术占比", "45.2%", "48.6%"],
    ["门诊患者满意度", "92.1%", "94.3%"],
    ["药占比", "28.5%", "26.1%"],
    ["床位使用率", "XX", "87.5%"],                              # a placeholder the checker finds in a cell
]
COLUMNS_CM = (6, 3, 3)
SOFT_BREAK = ("全年争取上级补助资金1826.3万元；", "落实《医疗机构工作人员廉洁从业九项准则》，开展警示教育6次。")
INSERTED, DELETED = "全面", "基本"
COMMENT = "数字请再核对"


def _body(doc, text, bold=None):
    p = doc.add_paragraph()
    if bold:
        before, word, after = text.partition(bold)
        p.add_run(before)
        p.add_run(word).bold = True
        p.add_run(after)
    else:
        p.add_run(text)
    return p


def word_draft(rows: int | None = None) -> bytes:
    """The draft's bytes; ``rows`` more indicator rows make the table cross a page."""
    doc = Document()
    title = doc.add_paragraph()
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(22)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("各位领导、同志们：")
    _body(doc, "2026年，本人在县委的坚强领导下，认真履行党委书记职责，较好完成了各项工作任务。现将履职情况报告如下。",
          bold="较好完成了各项工作任务")
    doc.add_paragraph("一、坚持党建引领，把牢医院发展方向")
    p = _body(doc, "坚持党委领导下的院长负责制，全年召开党委会24次，研究“三重一大”事项41项。")
    p.paragraph_format.space_after = Pt(12)                      # manual spacing
    doc.add_paragraph("二、聚焦主责主业，提升医疗服务能力")
    doc.add_paragraph("全年主要指标如下：")
    table = doc.add_table(rows=0, cols=3)
    table.style = doc.styles["Table Grid"]
    for column, width in zip(table.columns, COLUMNS_CM):                 # the indicator column is wider
        column.width = Cm(width)
    data = TABLE + [[f"指标{k + 1}", f"{k}.1%", f"{k}.2%"] for k in range(rows or 0)]
    for values in data:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.paragraphs[0].add_run(value)
    p = doc.add_paragraph()
    p.add_run(SOFT_BREAK[0]).add_break()                         # Shift+Enter
    p.add_run(SOFT_BREAK[1])
    p = doc.add_paragraph()
    p.add_run("医疗质量安全核心制度")
    red = p.add_run(f"{INSERTED}落实")
    red.font.color.rgb = RGBColor(0xC0, 0, 0)
    p.add_run("，全年未发生重大医疗事故。")
    # the tracked change: 全面 inserted, 基本 deleted (Word writes w:ins / w:del around runs)
    red._r.addprevious(parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="901" w:author="李四" w:date="2026-12-01T09:00:00Z">'
        f'<w:r><w:delText>{DELETED}</w:delText></w:r></w:del>'))
    ins = parse_xml(f'<w:ins xmlns:w="{W_NS}" w:id="902" w:author="李四" w:date="2026-12-01T09:00:00Z"/>')
    red._r.addprevious(ins)
    ins.append(red._r)
    doc.add_paragraph("三、严守纪律规矩，落实全面从严治党责任")
    commented = _body(doc, "全年开展廉洁谈话86人次，查处违规问题3起。")
    doc.add_comment(commented.runs, text=COMMENT, author="张三", initials="张")
    doc.add_paragraph("以上报告，请予审议。")
    doc.add_paragraph(SIGNATURE + "    ")                         # pushed right by hand
    doc.add_paragraph(DATE + "\u3000\u3000")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
