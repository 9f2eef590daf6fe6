#!/usr/bin/env python3
"""Writes the corpus's .docx drafts (python-docx, run once; the files are committed).

    python tests/corpus/build_docx.py

Each draft is what a writer hands in from Word: a heading style, body text, and
what Word keeps in the file that the writer may have forgotten (批注, 修订, 隐藏文字).
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.oxml import OxmlElement

HERE = Path(__file__).resolve().parent
DATE = "2026-12-01T09:00:00Z"


def fixed_core(d: docx.Document) -> None:
    import datetime
    t = datetime.datetime(2026, 12, 1, 9, 0, 0)
    d.core_properties.created = t
    d.core_properties.modified = t
    d.core_properties.last_modified_by = "述职人"
    d.core_properties.author = "述职人"


def tracked(paragraph, kind: str, text: str, rev_id: int, author: str = "审核人") -> None:
    """Append a tracked insertion (w:ins) or deletion (w:del) of `text` to a paragraph."""
    wrap = OxmlElement(f"w:{kind}")
    wrap.set(qn("w:id"), str(rev_id))
    wrap.set(qn("w:author"), author)
    wrap.set(qn("w:date"), DATE)
    run = OxmlElement("w:r")
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    wrap.append(run)
    paragraph._p.append(wrap)


def clean_docx(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("2026年度述职报告", style="Title")
    d.add_paragraph("2026年，在县委的坚强领导下，本人认真履行县档案馆馆长职责，主持馆内全面工作。现将本人履职情况报告如下。")
    d.add_paragraph("加强档案资源建设", style="Heading 1")
    d.add_paragraph("全年接收进馆档案1.2万卷，完成馆藏档案数字化46万画幅，较上年增长18%。")
    d.add_paragraph("严守纪律规矩", style="Heading 1")
    d.add_paragraph("严格执行中央八项规定精神，全年没有违反纪律规矩的情况。")
    d.add_paragraph("郑某某")
    d.add_paragraph("2027年1月5日")
    fixed_core(d)
    d.save(str(path))


def leftovers_docx(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("2026年度述职报告", style="Title")
    p = d.add_paragraph()
    p.add_run("2026年，在县委的坚强领导下，本人认真履行县档案馆馆长职责。")
    r = p.add_run("全年接收进馆档案1.2万卷。")
    d.add_comment(r, text="数字请再核对一下", author="办公室", initials="BG")
    p2 = d.add_paragraph("完成馆藏档案数字化46万画幅")
    tracked(p2, "ins", "，较上年增长18%", 101)
    tracked(p2, "del", "，成效显著", 102)
    p2.add_run("。")
    p3 = d.add_paragraph()
    p3.add_run("全年没有违反纪律规矩的情况。")
    h = p3.add_run("（此句待领导审定后删除）")
    h.font.hidden = True
    d.add_paragraph("【此处写下一步打算】")
    d.add_paragraph("郑某某")
    d.add_paragraph("2027年1月5日")
    fixed_core(d)
    d.save(str(path))


if __name__ == "__main__":
    clean_docx(HERE / "c16-2026-archives-director.docx")
    leftovers_docx(HERE / "f21-2026-docx-leftovers.docx")
