"""Build the Word template of the 述职报告, on which every other Word file starts.

Layout follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm,
22 lines of 28 characters, 三号仿宋 body, 二号小标宋 title, 一、 黑体, （一） 楷体,
1. and （1） 仿宋, page number 四号宋体 "— 1 —" on alternating sides.

python-docx 1.2.0 does the document model: sizes, alignment, spacing,
indents, keep-with-next, margins. Raw XML is written only where it has no API:
East Asian fonts and the eastAsia hint, character spacing, language, the
*Chars indents, snapToGrid, the document grid, the PAGE field, docDefaults,
the font table and docProps/app.xml.

The style gallery holds only what a report uses (KEPT_STYLES); a formatter
that writes a .docx on this template finds its styles by w:name.

The model reports' downloads (the site's 范文) are not built here: the
formatter (engine/docx-write.js, the writer behind 一键排版) writes them on this
template, in guide_build/generated.py word_documents(), which imports this
module (never the other way round). `python -m guide_build.generated --out
build/` writes every Word file the site serves; --out here the templates only.

Every file comes in two font variants:

- 标准版 names the GB fonts (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体);
  its font table gives each GB font an altName and panose of the system font
  that looks like it (仿宋, 楷体, 宋体), so a program without the GB fonts can
  substitute the right family.
- 系统字体版 names only fonts that a stock Chinese Windows 10/11 has
  (仿宋, 楷体, 黑体, and 宋体 bold for the title instead of 小标宋).

The output is byte-reproducible: fixed core properties, fixed comment dates,
no thumbnail, and a zip rewritten with fixed entry times and order.

    python scripts/build_template.py --out build/      # the two templates
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# ---------------------------------------------------------------------------
# Numbers (twips unless stated; 1 mm = 1440 / 25.4 twips)
# ---------------------------------------------------------------------------

PAGE_W, PAGE_H = 11906, 16838           # A4
MARGIN_TOP = 2098                       # 37 mm
MARGIN_BOTTOM = 1984                    # 35 mm
MARGIN_LEFT = 1587                      # 28 mm
MARGIN_RIGHT = 1474                     # 26 mm
FOOTER_DIST = 1417                      # 25 mm: puts "— 1 —" about 7 mm below the type area
HEADER_DIST = 851                       # 15 mm (no header content)
TYPE_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT   # 8845 tw = 156 mm
TYPE_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM   # 12756 tw = 225 mm

LINE_PITCH = 579                        # 28.95 pt: 22 × 579 = 12738 ≤ 12756; 580 gives 21 lines
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

BODY_PT = 16                            # 三号
TITLE_PT = 22                           # 二号
PAGE_NUM_PT = 14                        # 四号
COMMENT_PT = 10.5                       # 五号
TABLE_PT = 14                           # 四号: a table's text
TABLE_BORDER = 4                        # eighths of a point: 0.5 pt lines
TABLE_CELL_MARGIN = 108                 # 1.9 mm, Word's default
CHAR_SPACING = -5                       # twentieths of a point: −0.25 pt → 28 × 15.75 pt = 441 pt ≤ 442.2 pt
INDENT_2CH = 640                        # 2 × 16 pt, the twips twin of firstLineChars="200"
PAGE_NUM_INDENT = 280                   # 1 × 14 pt ("one character in")

# The 落款 (GB/T 9704 7.3.5.2, unsealed) is laid out by ReportDocx.signatureLayout
# in docs/assets/javascripts/engine/docx-write.js, the formatter's one computation of it,
# run here in V8 through scripts/engine_host.py: see layout_signature().
# The code the files depend on besides data/*.yml (a build cache keys on these): this
# script and the engine's files (classification and the .docx writer).
ENGINE_JS = sorted((ROOT / "docs" / "assets" / "javascripts" / "engine").glob("*.js"))
CODE_INPUTS = [Path(__file__).resolve(), *ENGINE_JS]

# Fixed metadata, for reproducible bytes.
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
AUTHOR = "年度述职报告写作指南"          # the program that made the file (app.xml), never its author:
                                        # core.xml's author and last-modified-by stay empty, because the
                                        # file a writer hands in is theirs
COMMENT_AUTHOR = "写作指南"
COMMENT_INITIALS = "指南"

# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FontSet:
    key: str            # "standard" / "system"
    label: str          # shown in file names and on the site
    fangsong: str       # body, 1. and （1）
    kaiti: str          # （一）
    heiti: str          # 一、
    title: str          # title
    title_bold: bool    # 宋体 stands in for 小标宋 only when bold
    song: str           # page number
    latin: str          # Latin letters and digits


STANDARD = FontSet("standard", "", "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", False, "宋体", "Times New Roman")
SYSTEM = FontSet("system", "（系统字体版）", "仿宋", "楷体", "黑体", "宋体", True, "宋体", "Times New Roman")

# The font table: panose, charset, family, pitch, and for the GB fonts an
# altName naming the stock Windows font of the same design.
FONT_TABLE = {
    "仿宋_GB2312": dict(alt="仿宋", panose="02010609030101010101", charset="86", family="modern", pitch="fixed"),
    "楷体_GB2312": dict(alt="楷体", panose="02010609030101010101", charset="86", family="modern", pitch="fixed"),
    "方正小标宋简体": dict(alt="宋体", panose="02000000000000000000", charset="86", family="auto", pitch="variable"),
    "仿宋": dict(alt="FangSong", panose="02010609060101010101", charset="86", family="modern", pitch="fixed"),
    "楷体": dict(alt="KaiTi", panose="02010609060101010101", charset="86", family="modern", pitch="fixed"),
    "黑体": dict(alt="SimHei", panose="02010609060101010101", charset="86", family="modern", pitch="fixed"),
    "宋体": dict(alt="SimSun", panose="02010600030101010101", charset="86", family="auto", pitch="variable"),
    "Times New Roman": dict(alt=None, panose="02020603050405020304", charset="00", family="roman", pitch="variable"),
}

# ---------------------------------------------------------------------------
# The files
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    path: str           # ASCII site path
    filename: str       # the name the browser saves it under
    kind: str           # "template"; the model reports' files (kind "model") are the formatter's
    fonts: FontSet


DOWNLOADS = [
    Download("downloads/shuzhi-baogao-moban.docx", "述职报告模板.docx", "template", STANDARD),
    Download("downloads/shuzhi-baogao-moban-xitong.docx", "述职报告模板（系统字体版）.docx", "template", SYSTEM),
]

TEMPLATE_TITLE = "【年度】述职报告"         # the name goes in one place only: the 落款 (docs/sections/closing.md)
TEMPLATE_NAME = "【姓名】"
TEMPLATE_DATE = "【成文年月日】"      # 7 characters: about as wide as "2026年12月8日"


def load(name: str):
    with open(DATA / f"{name}.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2018-\u201d"


def advice_text(advice: str) -> str:
    """The advice as one line: YAML folding leaves a space where a line broke
    between two Chinese characters; Chinese has no such space."""
    text = " ".join(advice.split())
    return re.sub(rf"(?<=[{_CJK}]) (?=\S)|(?<=\S) (?=[{_CJK}])", "", text)


# ---------------------------------------------------------------------------
# XML helpers: only for what python-docx has no API for (East Asian fonts and
# the hint, character spacing, language, *Chars indents, snapToGrid, the
# document grid, the PAGE field, docDefaults)
# ---------------------------------------------------------------------------

def _el(tag: str, **attrs) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


# What may follow w:spacing / w:lang in a w:rPr, and w:snapToGrid in a w:pPr (schema order).
_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                      "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                      "w:eastAsianLayout", "w:specVanish", "w:oMath")
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_PPR_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                   "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                   "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def set_fonts(rpr, east_asia: str, latin: str):
    """ascii and cs take the Latin font (digits, letters); hAnsi and eastAsia the
    CJK font. Word sets General Punctuation (“ ” ‘ ’ — …) in the hAnsi font
    unless the run's hint is eastAsia (MS-OI29500, rFonts), so with hAnsi =
    Times New Roman Chinese quotes and dashes would come out Western."""
    f = rpr.get_or_add_rFonts()
    for slot, name in (("ascii", latin), ("hAnsi", east_asia), ("eastAsia", east_asia), ("cs", latin)):
        f.set(qn(f"w:{slot}"), name)


def set_char_spacing(rpr, twentieths: int):
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    rpr.insert_element_before(_el("w:spacing", val=twentieths), *_RPR_AFTER_SPACING)


def set_lang(rpr):
    rpr.insert_element_before(_el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"), *_RPR_AFTER_LANG)


def set_snap_to_grid(ppr, on: bool):
    ppr.insert_element_before(_el("w:snapToGrid", val=int(on)), *_PPR_AFTER_SNAP)


def set_chars(ppr, **chars):
    """The *Chars twins of indents python-docx set in twips (firstLineChars="200"
    next to firstLine="640"): Word measures them in characters of the font in
    use, LibreOffice reads only the twips. Where a style inherits Normal's
    firstLineChars="200", firstLineChars="0" is what cancels it in Word."""
    ind = ppr.get_or_add_ind()
    for k, v in chars.items():
        ind.set(qn(f"w:{k}"), str(v))


def hint_east_asia(run):
    """w:hint="eastAsia" on a run the builders write: Word then also sets
    ambiguous characters (General Punctuation, Latin-1 symbols) in the eastAsia font."""
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hint"), "eastAsia")


# ---------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------

# The whole style gallery (w:name). Word needs the four defaults (Normal, Default
# Paragraph Font, Normal Table, No List); the linked "Heading N Char" styles carry
# the heading fonts for run-in headings ("（一）加强学习。正文……").
HEADING_LEVELS = range(1, 5)
KEPT_STYLES = frozenset(
    ["Normal", "Title", *(f"heading {n}" for n in HEADING_LEVELS), *(f"Heading {n} Char" for n in HEADING_LEVELS),
     "称谓", "Signature", "Date", "footer", "annotation text", "annotation reference", "Table Grid", "表格文字",
     "Default Paragraph Font", "Normal Table", "No List"])
TABLE_STYLE = "Table Grid"      # Word: 网格型; the formatter writes a draft's tables in it
CELL_STYLE = "表格文字"           # the paragraphs in a table's cells
SALUTATION_STYLE = "称谓"        # 各位领导、同志们： in spoken versions; not Word's built-in "Salutation" (称呼)
LATENT_STYLE_COUNT = 376        # the built-in styles Word 2016 knows; all get the hidden, non-gallery defaults


def _prune_styles(doc):
    """Drop every style of python-docx's default template that a report does not
    use (副标题, 引用, 明显强调, about 100 table styles …), links to them, and the
    latent-style exceptions that would put Word's other built-ins in the gallery."""
    for st in list(doc.styles):
        if st.element.name_val not in KEPT_STYLES:
            st.delete()
    ids = {st.style_id for st in doc.styles}
    for st in doc.styles:
        for child in list(st.element):
            if child.tag == qn("w:rsid") or (child.tag == qn("w:link") and child.get(qn("w:val")) not in ids):
                st.element.remove(child)
    latent = doc.styles.latent_styles
    for exception in list(latent):
        exception.delete()
    latent.default_priority = 99
    latent.default_to_hidden = True
    latent.default_to_unhide_when_used = True
    latent.default_to_quick_style = False
    latent.default_to_locked = False
    latent.load_count = LATENT_STYLE_COUNT


def _style(doc, name: str, kind=WD_STYLE_TYPE.PARAGRAPH, *, builtin=True, style_id=None,
           based_on="Normal", next_style=None, gallery=True, priority=99):
    """The style `name`, emptied of the default template's formatting, with its flags set."""
    try:
        st = doc.styles[name]
    except KeyError:
        st = doc.styles.add_style(name, kind, builtin=builtin)
    if style_id:
        st.element.styleId = style_id
    for tag in ("w:pPr", "w:rPr"):
        for old in st.element.findall(qn(tag)):
            st.element.remove(old)
    if based_on:
        st.base_style = doc.styles[based_on]
    if next_style:
        st.next_paragraph_style = doc.styles[next_style]
    st.hidden = False
    st.unhide_when_used = False
    st.quick_style = gallery
    st.priority = priority
    return st


def _font(st, east_asia: str, latin: str, pt: float, *, bold: bool = False, spacing: int | None = None):
    st.font.size = Pt(pt)
    if bold:
        st.font.bold = True
    rpr = st.element.get_or_add_rPr()
    set_fonts(rpr, east_asia, latin)
    if spacing is not None:
        set_char_spacing(rpr, spacing)
    return rpr


def _no_first_line_indent(st):
    st.paragraph_format.first_line_indent = Twips(0)
    set_chars(st.element.get_or_add_pPr(), firstLineChars=0)


def _docdefaults(doc, fonts: FontSet):
    """三号仿宋, zh-CN; no paragraph defaults (the spec's: no spacing, single lines)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    for parent in (rpr_default, ppr_default):
        for c in list(parent):
            parent.remove(c)
    rpr = OxmlElement("w:rPr")
    set_fonts(rpr, fonts.fangsong, fonts.latin)
    rpr.sz_val = Pt(BODY_PT)
    set_lang(rpr)
    rpr_default.append(rpr)


def setup_styles(doc, fonts: FontSet):
    _prune_styles(doc)
    _docdefaults(doc, fonts)

    normal = _style(doc, "Normal", based_on=None, priority=0)
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Twips(INDENT_2CH)
    set_chars(normal.element.get_or_add_pPr(), firstLineChars=200)
    pf.space_before = pf.space_after = Twips(0)
    pf.line_spacing = Twips(LINE_PITCH)          # exact 28.95 pt
    # Widow/orphan control, Word's default: no page starts or ends with one line of a longer
    # paragraph (a lone 部分。 at the top of a page is what an office fixes by hand). The price:
    # a page whose paragraph would leave one line behind has 21 lines (docs/format.md#widows).
    pf.widow_control = True
    set_lang(_font(normal, fonts.fangsong, fonts.latin, BODY_PT, spacing=CHAR_SPACING))

    # Title: off the grid, or LibreOffice gives the 22 pt line two grid lines. The
    # title font for every slot: digits in 小标宋 too, not Times New Roman.
    title = _style(doc, "Title", next_style="Normal", priority=10)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _no_first_line_indent(title)
    title.paragraph_format.space_after = Twips(LINE_PITCH)     # a blank line under the title
    set_snap_to_grid(title.element.get_or_add_pPr(), False)
    _font(title, fonts.title, fonts.title, TITLE_PT, bold=fonts.title_bold)

    heading_fonts = [fonts.heiti, fonts.kaiti, fonts.fangsong, fonts.fangsong]
    for level, east_asia in zip(HEADING_LEVELS, heading_fonts):
        h = _style(doc, f"Heading {level}", next_style="Normal", priority=9)
        h.paragraph_format.keep_with_next = True
        h.paragraph_format.keep_together = True
        h.element.get_or_add_pPr().get_or_add_outlineLvl().val = level - 1
        _font(h, east_asia, fonts.latin, BODY_PT)
        char = _style(doc, f"Heading {level} Char", WD_STYLE_TYPE.CHARACTER, based_on="Default Paragraph Font",
                      gallery=False, priority=9)
        _font(char, east_asia, fonts.latin, BODY_PT)

    salutation = _style(doc, SALUTATION_STYLE, builtin=False, style_id="Chengwei", next_style="Normal", priority=11)
    salutation.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _no_first_line_indent(salutation)

    # 落款 (Word: 签名 / 日期). The name sits one blank line below the body and keeps
    # with the date; alignment and indents come from layout_signature().
    date = _style(doc, "Date", next_style="Normal")
    _no_first_line_indent(date)

    signature = _style(doc, "Signature", next_style="Date")
    spf = signature.paragraph_format
    _no_first_line_indent(signature)
    spf.space_before = Twips(LINE_PITCH)
    spf.keep_with_next = True
    footer = _style(doc, "Footer", gallery=False)
    _no_first_line_indent(footer)
    footer.paragraph_format.line_spacing = 1.0
    set_snap_to_grid(footer.element.get_or_add_pPr(), False)
    _font(footer, fonts.song, fonts.song, PAGE_NUM_PT, spacing=0)

    setup_table_styles(doc, fonts)

    # Comment (批注) text: 五号, single spacing, no indent, not on the grid.
    comment = _style(doc, "annotation text", style_id="CommentText", gallery=False)
    comment.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _no_first_line_indent(comment)
    comment.paragraph_format.line_spacing = 1.0
    set_snap_to_grid(comment.element.get_or_add_pPr(), False)
    _font(comment, fonts.song, fonts.latin, COMMENT_PT, spacing=0)
    ref = _style(doc, "annotation reference", WD_STYLE_TYPE.CHARACTER, style_id="CommentReference",
                 based_on="Default Paragraph Font", gallery=False)
    ref.unhide_when_used = True
    ref.font.size = Pt(COMMENT_PT)


def setup_table_styles(doc, fonts: FontSet):
    """A table of the draft's (a key-indicator table): across the whole type area
    (156 mm; the formatter sets the width from the template's section), single
    0.5 pt borders, cell margins of Word's default; its text 四号 in the body font
    (31 characters fit across), centred, single spacing, off the line grid, so a
    row is as tall as its text. The header row repeats on each page: a row
    property, which the formatter writes (w:tblHeader)."""
    table = _style(doc, TABLE_STYLE, WD_STYLE_TYPE.TABLE, based_on="Normal Table", gallery=False, priority=59)
    tbl_pr = table.element.find(qn("w:tblPr"))
    if tbl_pr is not None:
        table.element.remove(tbl_pr)
    tbl_pr = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{side}", val="single", sz=TABLE_BORDER, space=0, color="auto"))
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", TABLE_CELL_MARGIN), ("bottom", 0), ("right", TABLE_CELL_MARGIN)):
        margins.append(_el(f"w:{side}", w=width, type="dxa"))
    tbl_pr.append(margins)
    # schema order: w:name, w:basedOn, … w:uiPriority, w:qFormat, … then w:pPr, w:rPr, w:tblPr
    table.element.append(tbl_pr)

    cell = _style(doc, CELL_STYLE, builtin=False, style_id="TableText", based_on=None, priority=60)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.paragraph_format.space_before = cell.paragraph_format.space_after = Twips(0)
    cell.paragraph_format.line_spacing = 1.0
    set_snap_to_grid(cell.element.get_or_add_pPr(), False)
    _font(cell, fonts.fangsong, fonts.latin, TABLE_PT, spacing=0)


# ---------------------------------------------------------------------------
# Settings, font table, section
# ---------------------------------------------------------------------------

def setup_settings(doc):
    doc.settings.odd_and_even_pages_header_footer = True
    s = doc.settings.element
    lang = s.find(qn("w:themeFontLang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    # A line ended by a soft line break (Shift+Enter) is not stretched across the line in a
    # justified paragraph (Word: 不扩展用 Shift+Enter 结束的行中的字符间距; LibreOffice reads it too).
    compat = s.find(qn("w:compat"))
    compat.insert(0, _el("w:doNotExpandShiftReturn"))
    # 15 = Word 2013 and later: below it Word opens the file in 兼容模式.
    for setting in s.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    # The preview picture is what Word would store as a thumbnail: we ship none.
    for tag in ("w:savePreviewPicture", "w:rsids", "w:proofState"):
        for e in s.findall(qn(tag)):
            s.remove(e)


def font_table_xml(fonts: FontSet) -> bytes:
    names = []
    for n in (fonts.fangsong, fonts.kaiti, fonts.heiti, fonts.title, fonts.song, fonts.latin):
        if n not in names:
            names.append(n)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    out = ["<?xml version='1.0' encoding='UTF-8' standalone='yes'?>",
           f'<w:fonts xmlns:w="{w}">']
    for n in names:
        f = FONT_TABLE[n]
        out.append(f'<w:font w:name="{n}">')
        if f["alt"]:
            out.append(f'<w:altName w:val="{f["alt"]}"/>')
        out.append(f'<w:panose1 w:val="{f["panose"]}"/><w:charset w:val="{f["charset"]}"/>'
                   f'<w:family w:val="{f["family"]}"/><w:pitch w:val="{f["pitch"]}"/></w:font>')
    out.append("</w:fonts>")
    return "".join(out).encode("utf-8")


def setup_section(doc):
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Twips(HEADER_DIST), Twips(FOOTER_DIST)
    section.gutter = Twips(0)
    sect = section._sectPr
    for e in sect.findall(qn("w:docGrid")):
        sect.remove(e)
    # Only a line grid: see docs/format.md#grid for why not "lines and characters".
    sect.append(_el("w:docGrid", type="lines", linePitch=LINE_PITCH))


def _page_number(paragraph, side: str):
    """ "— PAGE —", one character in from the right (odd) or left (even) margin."""
    pf = paragraph.paragraph_format
    if side == "right":
        pf.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        pf.right_indent = Twips(PAGE_NUM_INDENT)
        set_chars(paragraph._p.get_or_add_pPr(), rightChars=100)
    else:
        pf.alignment = WD_ALIGN_PARAGRAPH.LEFT
        pf.left_indent = Twips(PAGE_NUM_INDENT)
        set_chars(paragraph._p.get_or_add_pPr(), leftChars=100)

    def run(text=None, **child):
        r = paragraph.add_run(text)
        hint_east_asia(r)
        for tag, attrs in child.items():
            e = _el(f"w:{tag}", **attrs.get("attrs", {}))
            if "text" in attrs:
                e.text = attrs["text"]
                e.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r._r.append(e)

    run("— ")
    run(fldChar={"attrs": {"fldCharType": "begin"}})
    run(instrText={"text": " PAGE "})
    run(fldChar={"attrs": {"fldCharType": "separate"}})
    run("1")
    run(fldChar={"attrs": {"fldCharType": "end"}})
    run(" —")


def setup_footers(doc):
    section = doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        para.style = doc.styles["Footer"]
        _page_number(para, side)


# ---------------------------------------------------------------------------
# The 落款, laid out by the formatter's JavaScript
# ---------------------------------------------------------------------------

def formatter():
    """The shared engine with the .docx writer loaded (engine_host.formatter)."""
    import engine_host

    return engine_host.formatter()


def signature_layout(doc, name: str, date: str) -> dict:
    """ReportDocx.signatureLayout(name, date, metrics), with the metrics
    ReportDocx.readMetrics reads from this document's own XML: the 落款 of the
    site's files and of the formatter's output are computed by the same code."""
    xml = {"styles": etree.tostring(doc.styles.element, encoding="unicode"),
           "document": etree.tostring(doc.element, encoding="unicode")}
    js = formatter()
    return js.call("ReportDocx.signatureLayout", name, date, js.call("ReportDocx.readMetrics", xml))


_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _apply_layout(paragraph_format, ppr, part: dict):
    """One side of a layout as python-docx properties; a *Chars twin only where it
    is not zero (a zero one would make Word ignore the twips value beside it)."""
    paragraph_format.alignment = _ALIGN[part["align"]]
    ind = part["indent"]
    paragraph_format.left_indent = Twips(ind["left"])
    paragraph_format.right_indent = Twips(ind["right"])
    chars = {k: ind[k] for k in ("leftChars", "rightChars") if ind.get(k)}
    if chars:
        set_chars(ppr, **chars)


def layout_signature(doc):
    """The Signature and Date styles take the layout of the template's own 落款
    (【姓名】 over 【成文年月日】, as wide as 2026年12月8日), so that a 落款 typed
    in those styles sits right; the formatter gives a 落款 that differs its own
    layout as paragraph formatting."""
    default = signature_layout(doc, TEMPLATE_NAME, TEMPLATE_DATE)
    for name in ("signature", "date"):
        st = doc.styles[name.capitalize()]
        _apply_layout(st.paragraph_format, st.element.get_or_add_pPr(), default[name])


# ---------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------

# The template's first comment, on the title: comments print unless deleted.
COMMENTS_NOTE = ("本模板的批注是写作提示，写完后请全部删除：“审阅”→“删除”下拉→“删除文档中的所有批注”（WPS文字相同）。"
                 "不删除的话，Word默认会把批注连同页边的批注框一起打印出来。")


# The engine's paragraph kinds → the template's styles (a run-in heading is not
# used in the placeholders; the engine would say so with runIn)
KIND_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4"}


def placeholder_styles(texts: list[str]) -> list[str]:
    """The style of each placeholder paragraph, as ReportEngine.classify (the one
    classification, shared with the checker and 一键排版) reads its text."""
    kinds = formatter().classify([{"text": t} for t in texts])
    return [KIND_STYLES.get(k["kind"], "Normal") for k in kinds]


def _add(doc, text: str, style: str):
    p = doc.add_paragraph(style=doc.styles[style])
    run = p.add_run(text)
    hint_east_asia(run)
    return p, run


def _comment(doc, runs, advice: str):
    c = doc.add_comment(runs, text=advice_text(advice), author=COMMENT_AUTHOR, initials=COMMENT_INITIALS)
    c._comment_elm.date = FIXED_TIME.replace(tzinfo=None)
    for p in c.paragraphs:
        for r in p.runs:
            if r.text:
                hint_east_asia(r)
    return c


def _add_signature(doc, last_paragraph, name: str, date: str):
    """落款 (GB/T 9704 7.3.5.2); the paragraph before it keeps with it, so that no
    page holds the 落款 alone."""
    last_paragraph.paragraph_format.keep_with_next = True
    _add(doc, name, "Signature")
    _add(doc, date, "Date")


def fill_template(doc):
    _, title_run = _add(doc, TEMPLATE_TITLE, "Title")
    _comment(doc, [title_run], COMMENTS_NOTE)
    for sec in load("sections"):
        runs = []
        if sec["heading"]:
            p, run = _add(doc, sec["heading"], "Heading 1")
            runs.append(run)
        for text, style in zip(sec["placeholders"], placeholder_styles(sec["placeholders"])):
            p, run = _add(doc, text, style)
            if not runs:
                runs.append(run)          # no heading (开头, 结尾): the comment sits on the first paragraph
        _comment(doc, runs, sec["advice"])
    _add_signature(doc, p, TEMPLATE_NAME, TEMPLATE_DATE)


# Packaging
# ---------------------------------------------------------------------------

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _drop_parts(doc):
    """No thumbnail; no stylesWithEffects (a Word 2010 copy of the styles, still
    full of theme fonts), no webSettings, no numbering (the default template's
    list definitions point at the list styles the gallery no longer has; a
    report has no automatic lists) and no customXml (an empty bibliography)."""
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
            pkg.rels._target_parts_by_rId.pop(rid, None)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in (STYLES_WITH_EFFECTS, RT.WEB_SETTINGS, RT.NUMBERING, RT.CUSTOM_XML):
            del doc.part.rels[rid]
            doc.part.rels._target_parts_by_rId.pop(rid, None)


APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           f"<Application>{AUTHOR}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
           "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
           "<HyperlinksChanged>false</HyperlinksChanged></Properties>").encode("utf-8")


def _app_properties(doc):
    """docProps/app.xml names the guide, not the Word that made python-docx's
    default template, and carries no stale page or word counts."""
    for part in doc.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML
            return
    raise RuntimeError("default template has no docProps/app.xml")


def _theme_fonts(doc, fonts: FontSet):
    """The theme's heading and body fonts (Word's “主题字体”, +标题 / +正文 in the
    font list) are the title and body fonts, not Calibri, Cambria and 宋体. No
    style refers to the theme; this is what a user who picks them gets."""
    for rel in doc.part.rels.values():
        if rel.reltype == RT.THEME:
            part = rel.target_part
            xml = part.blob.decode("utf-8")
            for scheme, east_asia in (("majorFont", fonts.title), ("minorFont", fonts.fangsong)):
                def fix(m, east_asia=east_asia):
                    block = re.sub(r'<a:latin typeface="[^"]*"', f'<a:latin typeface="{fonts.latin}"', m.group(0))
                    block = re.sub(r'<a:ea typeface="[^"]*"', f'<a:ea typeface="{east_asia}"', block)
                    return re.sub(r'<a:font script="Hans" typeface="[^"]*"',
                                  f'<a:font script="Hans" typeface="{east_asia}"', block)
                xml = re.sub(rf"<a:{scheme}>.*?</a:{scheme}>", fix, xml, flags=re.S)
            part._blob = xml.encode("utf-8")
            return
    raise RuntimeError("default template has no theme")


def _core_properties(doc, title: str):
    cp = doc.core_properties
    cp.author = ""
    cp.last_modified_by = ""
    cp.title = title
    cp.subject = "年度述职报告"
    cp.keywords = "述职报告; GB/T 9704-2012"
    cp.comments = ""
    cp.category = ""
    cp.created = FIXED_TIME.replace(tzinfo=None)
    cp.modified = FIXED_TIME.replace(tzinfo=None)
    cp.revision = 1


def _font_table_part(doc):
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            return rel.target_part
    raise RuntimeError("default template has no font table")


def _normalise_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    order = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()


def build_docx(kind: str, fonts: FontSet) -> bytes:
    doc = Document()
    body = doc.element.body
    for p in list(body):
        if p.tag != qn("w:sectPr"):
            body.remove(p)
    setup_styles(doc, fonts)
    setup_settings(doc)
    setup_section(doc)
    _font_table_part(doc)._blob = font_table_xml(fonts)
    setup_footers(doc)
    if kind != "template":
        raise ValueError(f"build_template.py builds the templates only, not {kind!r}")
    fill_template(doc)
    title = "述职报告模板" + fonts.label
    layout_signature(doc)
    _drop_parts(doc)
    _app_properties(doc)
    _theme_fonts(doc, fonts)
    _core_properties(doc, title)
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue())


def build_documents() -> dict[str, bytes]:
    """Site path → bytes of each template. The model reports' Word files are the
    formatter's (engine/docx-write.js) on these: guide_build/generated.py word_documents()."""
    return {d.path: build_docx(d.kind, d.fonts) for d in DOWNLOADS}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Write the Word templates (GB/T 9704-2012 layout). Every file the "
                                             "site serves, the model reports too: python -m guide_build.generated --out DIR")
    ap.add_argument("--out", type=Path, required=True, help="directory to write the .docx files into")
    ap.add_argument("--chinese-names", action="store_true",
                    help="name the files as the site's download attribute does (述职报告模板.docx …)")
    args = ap.parse_args(argv)
    names = {d.path: d.filename for d in DOWNLOADS}
    for path, content in build_documents().items():
        name = names[path] if args.chinese_names else Path(path).name
        target = args.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        print(f"{target}  {len(content)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
