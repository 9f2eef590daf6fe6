"""Build the downloadable Word files: the 述职报告 template and the 范文.

Layout follows GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm,
22 lines of 28 characters, 三号仿宋 body, 二号小标宋 title, 一、 黑体, （一） 楷体,
1. and （1） 仿宋, page number 四号宋体 "— 1 —" on alternating sides.

python-docx 1.2.0 does the document model; raw XML is written only where it
has no API: East Asian fonts, the PAGE field, the document grid, character
spacing, the font table and chars-based indents.

Every file comes in two font variants:

- 标准版 names the GB fonts (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体);
  its font table gives each GB font an altName and panose of the system font
  that looks like it (仿宋, 楷体, 宋体), so a program without the GB fonts can
  substitute the right family.
- 系统字体版 names only fonts that a stock Chinese Windows 10/11 has
  (仿宋, 楷体, 黑体, and 宋体 bold for the title instead of 小标宋).

The output is byte-reproducible: fixed core properties, fixed comment dates,
no thumbnail, and a zip rewritten with fixed entry times and order.

    python scripts/build_template.py --out build/
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

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

BODY_SZ = 32                            # half-points: 三号 16 pt
TITLE_SZ = 44                           # 二号 22 pt
PAGE_NUM_SZ = 28                        # 四号 14 pt
COMMENT_SZ = 21                         # 五号 10.5 pt
CHAR_SPACING = -5                       # twentieths of a point: −0.25 pt → 28 × 15.75 pt = 441 pt ≤ 442.2 pt
INDENT_2CH = 640                        # 2 × 16 pt, the twips twin of firstLineChars="200"
PAGE_NUM_INDENT = 280                   # 1 × 14 pt ("one character in")

# Signature block (GB/T 9704 7.3.5.2, unsealed): the date is set 2 characters
# in from the right; the name starts 2 characters left of the date's start.
# The date is right-aligned, so its place is exact; the name's left indent is
# computed for a date as long as "2026年12月8日": 3 CJK characters, 7 digits
# (0.5 em in Times New Roman) and 4 CJK/digit boundaries, each of which gets
# the automatic CJK-Latin spacing (about 0.2 em; Word and WPS have it on by
# default, and LibreOffice always applies it to .docx files).
_ADVANCE_CJK = 16 * 20 + CHAR_SPACING           # 315 tw
_ADVANCE_DIGIT = 8 * 20 + CHAR_SPACING          # 155 tw
_AUTOSPACE = 64                                 # 0.2 em of 16 pt
DATE_RIGHT_INDENT = INDENT_2CH
SAMPLE_DATE_WIDTH = 3 * _ADVANCE_CJK + 7 * _ADVANCE_DIGIT + 4 * _AUTOSPACE
SIGNATURE_LEFT_INDENT = TYPE_W - DATE_RIGHT_INDENT - SAMPLE_DATE_WIDTH - 2 * _ADVANCE_CJK

# Fixed metadata, for reproducible bytes.
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0, tzinfo=dt.timezone.utc)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
AUTHOR = "年度述职报告写作指南"
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
    kind: str           # "template" / "example"
    fonts: FontSet


DOWNLOADS = [
    Download("downloads/shuzhi-baogao-moban.docx", "述职报告模板.docx", "template", STANDARD),
    Download("downloads/shuzhi-baogao-fanwen.docx", "述职报告范文.docx", "example", STANDARD),
    Download("downloads/shuzhi-baogao-moban-xitong.docx", "述职报告模板（系统字体版）.docx", "template", SYSTEM),
    Download("downloads/shuzhi-baogao-fanwen-xitong.docx", "述职报告范文（系统字体版）.docx", "example", SYSTEM),
]

TEMPLATE_TITLE = "【姓名】【年度】述职报告"
TEMPLATE_NAME = "【姓名】"
TEMPLATE_DATE = "【成文年月日】"      # 7 characters: as wide as "2026年12月8日", so the block sits right
EXAMPLE_NAME = "XXX"          # the 范文 is anonymised; never the seed's real name


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
# XML helpers
# ---------------------------------------------------------------------------

def _el(tag: str, **attrs) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def _fonts(east_asia: str, latin: str, hint_east_asia: bool = False) -> OxmlElement:
    f = _el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)
    if hint_east_asia:
        f.set(qn("w:hint"), "eastAsia")
    return f


def _rpr(east_asia: str, latin: str, sz: int, bold: bool | None = False, spacing: int | None = None,
         lang: bool = False) -> OxmlElement:
    """A w:rPr in schema order: rFonts, b, bCs, i, iCs, color, spacing, kern, sz, szCs, lang."""
    rpr = _el("w:rPr")
    rpr.append(_fonts(east_asia, latin))
    if bold is not None:
        rpr.append(_el("w:b", val=int(bold)))
        rpr.append(_el("w:bCs", val=int(bold)))
    rpr.append(_el("w:i", val=0))
    rpr.append(_el("w:iCs", val=0))
    rpr.append(_el("w:color", val="000000"))
    if spacing is not None:
        rpr.append(_el("w:spacing", val=spacing))
    rpr.append(_el("w:kern", val=0))
    rpr.append(_el("w:sz", val=sz))
    rpr.append(_el("w:szCs", val=sz))
    if lang:
        rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    return rpr


def _ppr(*, keep_next=False, keep_lines=False, widow=None, snap=None,
         before=0, after=0, line=LINE_PITCH, rule="exact", ind=None, jc=None, outline=None) -> OxmlElement:
    """A w:pPr in schema order."""
    ppr = _el("w:pPr")
    if keep_next:
        ppr.append(_el("w:keepNext"))
    if keep_lines:
        ppr.append(_el("w:keepLines"))
    if widow is not None:
        ppr.append(_el("w:widowControl", val=int(widow)))
    if snap is not None:
        ppr.append(_el("w:snapToGrid", val=int(snap)))
    ppr.append(_el("w:spacing", before=before, beforeLines=0, after=after, afterLines=0, line=line, lineRule=rule))
    if ind is not None:
        ppr.append(_el("w:ind", **ind))
    if jc is not None:
        ppr.append(_el("w:jc", val=jc))
    if outline is not None:
        ppr.append(_el("w:outlineLvl", val=outline))
    return ppr


NO_INDENT = dict(left=0, leftChars=0, right=0, rightChars=0, firstLine=0, firstLineChars=0)
BODY_INDENT = dict(firstLine=INDENT_2CH, firstLineChars=200)


def _replace_props(style_el, ppr=None, rpr=None):
    for tag in ("w:pPr", "w:rPr"):
        for old in style_el.findall(qn(tag)):
            style_el.remove(old)
    # pPr and rPr follow every other child we use (name … qFormat, rsid).
    if ppr is not None:
        style_el.append(ppr)
    if rpr is not None:
        style_el.append(rpr)


def _set_flag(style_el, tag: str, val=None):
    """Ensure a simple child (w:qFormat, w:uiPriority …) exists, in a valid position."""
    order = ["w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
             "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal",
             "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr"]
    existing = style_el.find(qn(tag))
    if existing is None:
        existing = _el(tag)
        after = order[order.index(tag) + 1:]
        for child in style_el:
            if child.tag in [qn(t) for t in after]:
                child.addprevious(existing)
                break
        else:
            style_el.append(existing)
    if val is not None:
        existing.set(qn("w:val"), str(val))
    return existing


# ---------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------

THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def _strip_theme_fonts(root):
    for rfonts in root.iter(qn("w:rFonts")):
        for a in THEME_ATTRS:
            rfonts.attrib.pop(qn(f"w:{a}"), None)
        if not len(rfonts.attrib):
            rfonts.getparent().remove(rfonts)


def _style(doc, name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
    try:
        return doc.styles[name]
    except KeyError:
        return doc.styles.add_style(name, kind)


def setup_styles(doc, fonts: FontSet):
    styles_el = doc.styles.element
    _strip_theme_fonts(styles_el)

    # docDefaults: 三号, zh-CN, no space after, the grid line.
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    for c in list(rpr_default):
        rpr_default.remove(c)
    rpr_default.append(_rpr(fonts.fangsong, fonts.latin, BODY_SZ, bold=None, lang=True))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    for c in list(ppr_default):
        ppr_default.remove(c)
    ppr_default.append(_ppr())

    def para_style(name, ppr, rpr, *, based_on="Normal", next_style="Normal", priority=None):
        st = _style(doc, name)
        if name != "Normal":
            st.base_style = doc.styles[based_on]
            st.next_paragraph_style = doc.styles[next_style]
        st.hidden = False
        st.quick_style = True
        if priority is not None:
            st.priority = priority
        st.unhide_when_used = False
        # Signature, Date, annotation text: Word's own built-in styles (签名, 日期, 批注文字),
        # which python-docx's add_style marks as custom.
        st.element.attrib.pop(qn("w:customStyle"), None)
        _replace_props(st.element, ppr, rpr)
        # Drop leftovers of the default template (borders, rsid …) are gone with pPr;
        # keep the linked character style in step.
        link = st.element.find(qn("w:link"))
        if link is not None:
            char = next((s for s in doc.styles if s.style_id == link.get(qn("w:val"))), None)
            if char is not None:
                _replace_props(char.element, None, deepcopy(rpr))
        return st

    para_style("Normal",
               _ppr(widow=False, ind=BODY_INDENT, jc="both"),
               _rpr(fonts.fangsong, fonts.latin, BODY_SZ, bold=False, spacing=CHAR_SPACING, lang=True),
               priority=0)
    # Title: off the grid, or LibreOffice gives the 22 pt line two grid lines.
    para_style("Title",
               _ppr(snap=False, after=LINE_PITCH, ind=NO_INDENT, jc="center"),
               _rpr(fonts.title, fonts.latin, TITLE_SZ, bold=fonts.title_bold, spacing=CHAR_SPACING),
               priority=10)
    heading_fonts = [fonts.heiti, fonts.kaiti, fonts.fangsong, fonts.fangsong]
    for level, east_asia in enumerate(heading_fonts, start=1):
        para_style(f"Heading {level}",
                   _ppr(keep_next=True, keep_lines=True, ind=BODY_INDENT, jc="both", outline=level - 1),
                   _rpr(east_asia, fonts.latin, BODY_SZ, bold=False, spacing=CHAR_SPACING),
                   priority=9)
    for name in ("Header", "Footer"):
        para_style(name,
                   _ppr(snap=False, line=240, rule="auto", ind=NO_INDENT),
                   _rpr(fonts.song, fonts.song, PAGE_NUM_SZ, bold=False, spacing=0),
                   priority=99)
        doc.styles[name].quick_style = False
    # Signature block (Word: 签名 / 日期). The name sits one blank line below the body.
    para_style("Signature",
               _ppr(before=LINE_PITCH, keep_next=True,
                    ind=dict(left=SIGNATURE_LEFT_INDENT, leftChars=0, right=0, rightChars=0,
                             firstLine=0, firstLineChars=0), jc="left"),
               _rpr(fonts.fangsong, fonts.latin, BODY_SZ, bold=False, spacing=CHAR_SPACING),
               priority=99)
    para_style("Date",
               _ppr(ind=dict(left=0, leftChars=0, right=DATE_RIGHT_INDENT, rightChars=200,
                             firstLine=0, firstLineChars=0), jc="right"),
               _rpr(fonts.fangsong, fonts.latin, BODY_SZ, bold=False, spacing=CHAR_SPACING),
               priority=99)
    # Comment (批注) text: 五号, single spacing, no indent, not on the grid.
    ct = para_style("annotation text",
                    _ppr(snap=False, line=240, rule="auto", ind=NO_INDENT, jc="left"),
                    _rpr(fonts.song, fonts.latin, COMMENT_SZ, bold=False, spacing=0),
                    priority=99)
    ct.quick_style = False
    ct.element.set(qn("w:styleId"), "CommentText")
    ref = _style(doc, "annotation reference", WD_STYLE_TYPE.CHARACTER)
    ref.element.set(qn("w:styleId"), "CommentReference")
    ref.element.attrib.pop(qn("w:customStyle"), None)
    ref.base_style = doc.styles["Default Paragraph Font"]
    _set_flag(ref.element, "w:uiPriority", 99)
    _set_flag(ref.element, "w:unhideWhenUsed")
    _replace_props(ref.element, None, _el("w:rPr"))
    ref.element.find(qn("w:rPr")).append(_el("w:sz", val=COMMENT_SZ))
    ref.element.find(qn("w:rPr")).append(_el("w:szCs", val=COMMENT_SZ))

    _strip_theme_fonts(styles_el)


# ---------------------------------------------------------------------------
# Settings, font table, section
# ---------------------------------------------------------------------------

def setup_settings(doc):
    doc.settings.odd_and_even_pages_header_footer = True
    s = doc.settings.element
    lang = s.find(qn("w:themeFontLang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    # The preview picture is what Word would store as a thumbnail: we ship none.
    for tag in ("w:savePreviewPicture", "w:rsids", "w:proofState"):
        for e in s.findall(qn(tag)):
            s.remove(e)
    # Chinese punctuation compression off, as in the default; no Japanese kinsoku list.


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
    sect = doc.sections[0]._sectPr
    for tag in ("w:pgSz", "w:pgMar", "w:cols", "w:docGrid"):
        for e in sect.findall(qn(tag)):
            sect.remove(e)
    sect.append(_el("w:pgSz", w=PAGE_W, h=PAGE_H))
    sect.append(_el("w:pgMar", top=MARGIN_TOP, right=MARGIN_RIGHT, bottom=MARGIN_BOTTOM, left=MARGIN_LEFT,
                    header=HEADER_DIST, footer=FOOTER_DIST, gutter=0))
    sect.append(_el("w:cols", space=720))
    sect.append(_el("w:docGrid", type="lines", linePitch=LINE_PITCH))


def _page_run(parent, fonts: FontSet, *, text=None, fld=None, instr=None):
    r = _el("w:r")
    rpr = _el("w:rPr")
    rpr.append(_fonts(fonts.song, fonts.song, hint_east_asia=True))
    r.append(rpr)
    if text is not None:
        t = _el("w:t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
    if fld is not None:
        r.append(_el("w:fldChar", fldCharType=fld))
    if instr is not None:
        it = _el("w:instrText")
        it.text = instr
        it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(it)
    parent.append(r)


def _page_number(paragraph, fonts: FontSet, side: str):
    """ "— PAGE —", one character in from the right (odd) or left (even) margin."""
    p = paragraph._p
    ppr = p.get_or_add_pPr()
    ind = dict(NO_INDENT)
    if side == "right":
        ind.update(right=PAGE_NUM_INDENT, rightChars=100)
    else:
        ind.update(left=PAGE_NUM_INDENT, leftChars=100)
    ppr.append(_el("w:ind", **ind))
    ppr.append(_el("w:jc", val=side))
    _page_run(p, fonts, text="— ")
    _page_run(p, fonts, fld="begin")
    _page_run(p, fonts, instr=" PAGE ")
    _page_run(p, fonts, fld="separate")
    _page_run(p, fonts, text="1")
    _page_run(p, fonts, fld="end")
    _page_run(p, fonts, text=" —")


def setup_footers(doc, fonts: FontSet):
    section = doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        para = footer.paragraphs[0]
        para.style = doc.styles["Footer"]
        _page_number(para, fonts, side)


# ---------------------------------------------------------------------------
# Content
# ---------------------------------------------------------------------------

H2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
H3 = re.compile(r"^\d+[.．]")
H4 = re.compile(r"^[（(]\d+[）)]")


def style_for(text: str, default: str = "Normal") -> str:
    if H2.match(text):
        return "Heading 2"
    if H4.match(text):
        return "Heading 4"
    if H3.match(text):
        return "Heading 3"
    return default


def _add(doc, text: str, style: str):
    p = doc.add_paragraph(style=doc.styles[style])
    run = p.add_run(text)
    return p, run


def _comment(doc, runs, advice: str):
    c = doc.add_comment(runs, text=advice_text(advice), author=COMMENT_AUTHOR, initials=COMMENT_INITIALS)
    c._comment_elm.date = FIXED_TIME.replace(tzinfo=None)
    return c


def fill_template(doc, fonts: FontSet):
    _add(doc, TEMPLATE_TITLE, "Title")
    for sec in load("sections"):
        runs = []
        if sec["heading"]:
            _, run = _add(doc, sec["heading"], "Heading 1")
            runs.append(run)
        for text in sec["placeholders"]:
            _, run = _add(doc, text, style_for(text))
            if not runs:
                runs.append(run)          # no heading (开头, 结尾): the comment sits on the first paragraph
        _comment(doc, runs, sec["advice"])
    _add(doc, TEMPLATE_NAME, "Signature")
    _add(doc, TEMPLATE_DATE, "Date")


def example_title(data) -> str:
    return f"{data['year']}年度述职报告"


def example_date(data) -> str:
    """A 述职 on year N is usually delivered in January of N+1. The date is ours
    (the source has none); it shows the form: Arabic numerals, no leading zero."""
    return f"{data['year'] + 1}年1月6日"


def fill_example(doc, fonts: FontSet):
    data = load("example_report")
    _add(doc, example_title(data), "Title")
    kind_style = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "h4": "Heading 4", "body": "Normal"}
    for para in data["paragraphs"]:
        _add(doc, para["text"], kind_style[para["kind"]])
    _add(doc, EXAMPLE_NAME, "Signature")
    _add(doc, example_date(data), "Date")


# ---------------------------------------------------------------------------
# Packaging
# ---------------------------------------------------------------------------

STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _drop_parts(doc):
    """No thumbnail; no stylesWithEffects (a Word 2010 copy of the styles, still
    full of theme fonts) and no webSettings."""
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
            pkg.rels._target_parts_by_rId.pop(rid, None)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in (STYLES_WITH_EFFECTS, RT.WEB_SETTINGS):
            del doc.part.rels[rid]
            doc.part.rels._target_parts_by_rId.pop(rid, None)


def _core_properties(doc, title: str):
    cp = doc.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
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
    setup_footers(doc, fonts)
    if kind == "template":
        fill_template(doc, fonts)
        title = "述职报告模板" + fonts.label
    else:
        fill_example(doc, fonts)
        title = "述职报告范文" + fonts.label
    _drop_parts(doc)
    _core_properties(doc, title)
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue())


def build_documents() -> dict[str, bytes]:
    """Site path → bytes of every downloadable Word file."""
    return {d.path: build_docx(d.kind, d.fonts) for d in DOWNLOADS}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Build the Word template and 范文 (GB/T 9704-2012 layout).")
    ap.add_argument("--out", type=Path, required=True, help="directory to write the .docx files into")
    ap.add_argument("--chinese-names", action="store_true",
                    help="name the files as the site's download attribute does (述职报告模板.docx …)")
    args = ap.parse_args(argv)
    by_path = {d.path: d for d in DOWNLOADS}
    for path, content in build_documents().items():
        name = by_path[path].filename if args.chinese_names else Path(path).name
        target = args.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        print(f"{target}  {len(content)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
