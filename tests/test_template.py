"""The downloadable Word files, as the site serves them (the templates and the
model reports formatted on them): read back with python-docx, rendered with
LibreOffice, byte-reproducible, and the site's previews and sizes current.

Rendering needs soffice, pdfinfo/pdftotext (poppler-utils) and fonts-noto-cjk;
tests/fontconfig/fonts.conf maps the GB font names to Noto CJK SC.  What
LibreOffice cannot show (Word's font slots, 兼容模式, the style gallery) is
checked in the XML against Word's documented rules (tests/word_fonts.py).
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_template as bt  # noqa: E402
from guide_build import data as guide_data, generated as hooks  # noqa: E402
import render_previews as rp  # noqa: E402
import pagination  # noqa: E402  (tests/: printed lines → paragraphs, widows and orphans)
import word_fonts  # noqa: E402  (tests/: the font-slot rule, shared with the formatter's tests)

SECTIONS = yaml.safe_load((ROOT / "data" / "sections.yml").read_text(encoding="utf-8"))

# Every Word file the site serves; the 范文 is a model report (data/model_reports.yml),
# the one the 模板下载 page previews.
SERVED = hooks.served_downloads()
MODELS = [d for d in SERVED if d.kind == "model"]
MOBAN = "downloads/shuzhi-baogao-moban.docx"
MOBAN_XITONG = "downloads/shuzhi-baogao-moban-xitong.docx"
FANWEN = hooks.model_download_paths(rp.PREVIEW_MODEL)["standard"]
FANWEN_XITONG = hooks.model_download_paths(rp.PREVIEW_MODEL)["xitong"]
RENDERED = [d for d in SERVED if d.path in (MOBAN, MOBAN_XITONG, FANWEN, FANWEN_XITONG)]

PT_PER_TW = 1 / 20
PAGE_H_PT = bt.PAGE_H * PT_PER_TW
LEFT = bt.MARGIN_LEFT * PT_PER_TW                       # 79.35
RIGHT = (bt.PAGE_W - bt.MARGIN_RIGHT) * PT_PER_TW       # 521.6
TOP = bt.MARGIN_TOP * PT_PER_TW                         # 104.9
BOTTOM = (bt.PAGE_H - bt.MARGIN_BOTTOM) * PT_PER_TW     # 742.7
CHAR = 16 - 0.25                                        # advance of one 三号 character
PITCH = bt.LINE_PITCH * PT_PER_TW                       # 28.95
MM = 72 / 25.4

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2018-\u201d]")


# ---------------------------------------------------------------------------
# Fixtures: build once, render once
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return hooks.word_documents()


@pytest.fixture(scope="module")
def docs(built):
    return {path: Document(io.BytesIO(data)) for path, data in built.items()}


@dataclass
class Line:
    y: float
    x0: float
    x1: float
    height: float
    text: str


def parse_bbox(xhtml: str) -> list[list[Line]]:
    pages = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", xhtml, re.S):
        words = [(float(a), float(b), float(c), float(d), unescape(t)) for a, b, c, d, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)]
        lines: list[Line] = []
        for x0, y0, x1, y1, t in sorted(words, key=lambda w: (round(w[1]), w[0])):
            if lines and abs(lines[-1].y - y0) < 3:
                ln = lines[-1]
                ln.x0, ln.x1, ln.text = min(ln.x0, x0), max(ln.x1, x1), ln.text + t
            else:
                lines.append(Line(y0, x0, x1, y1 - y0, t))
        pages.append(lines)
    return pages


@dataclass
class Rendered:
    pages: list[list[Line]]
    page_count: int
    fonts: str


@pytest.fixture(scope="module")
def rendered(built, tmp_path_factory) -> dict[str, Rendered]:
    tmp = tmp_path_factory.mktemp("render")
    files = []
    for d in RENDERED:
        f = tmp / Path(d.path).name
        f.write_bytes(built[d.path])
        files.append(f)
    pdfs = rp.to_pdf(files, tmp / "pdf")
    out = {}
    for path, pdf in zip((d.path for d in RENDERED), pdfs):
        bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
        out[path] = Rendered(parse_bbox(bbox), rp.page_count(pdf), fonts)
    return out


def body_lines(page: list[Line]) -> list[Line]:
    return [ln for ln in page if TOP - 2 <= ln.y and ln.y + ln.height <= BOTTOM + 2]


def footer_lines(page: list[Line]) -> list[Line]:
    return [ln for ln in page if ln.y > BOTTOM]


def style_xml(doc, name):
    return doc.styles[name].element


def east_asia(style_el) -> str | None:
    f = style_el.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return None if f is None else f.get(qn("w:eastAsia"))


# ---------------------------------------------------------------------------
# The set of files
# ---------------------------------------------------------------------------

def test_site_paths_are_ascii_docx(built):
    assert sorted(built) == sorted(d.path for d in SERVED)
    assert MOBAN in built and FANWEN in built
    for path, data in built.items():
        assert path.isascii() and path.startswith("downloads/") and path.endswith(".docx")
        assert data[:2] == b"PK"
    # the 2021 example is a study text, not a download
    assert not [p for p in built if "shuzhi-baogao-fanwen" in p]
    names = [d.filename for d in SERVED]
    assert "述职报告模板.docx" in names and "2026年度述职报告范文（乡镇党委书记）.docx" in names
    assert len(MODELS) == 2 * len(guide_data.load("model_reports")) >= 6
    assert len(set(names)) == len(names)


# ---------------------------------------------------------------------------
# Read-back with python-docx
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_page_and_margins(docs, path):
    doc = docs[path]
    assert len(doc.sections) == 1
    s = doc.sections[0]
    expected_mm = dict(page_width=210, page_height=297, top_margin=37, bottom_margin=35,
                       left_margin=28, right_margin=26)
    for attr, mm in expected_mm.items():
        assert abs(getattr(s, attr).mm - mm) < 0.05, attr
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"
    # 22 lines fit in the type area, 23 do not
    type_h = bt.PAGE_H - bt.MARGIN_TOP - bt.MARGIN_BOTTOM
    assert 22 * 579 <= type_h < 23 * 579


def _expected_styles(fonts: bt.FontSet):
    # name: (eastAsia font, size pt, bold, outline level)
    return {
        "Normal": (fonts.fangsong, 16, False, None),
        "Title": (fonts.title, 22, fonts.title_bold, None),
        "Heading 1": (fonts.heiti, 16, False, 0),
        "Heading 2": (fonts.kaiti, 16, False, 1),
        "Heading 3": (fonts.fangsong, 16, False, 2),
        "Heading 4": (fonts.fangsong, 16, False, 3),
        "Signature": (fonts.fangsong, 16, False, None),
        "Date": (fonts.fangsong, 16, False, None),
        "Footer": (fonts.song, 14, False, None),
    }


@pytest.mark.parametrize("download", SERVED, ids=lambda d: d.path)
def test_styles(docs, download):
    doc = docs[download.path]
    for name, (font, size, bold, outline) in _expected_styles(download.fonts).items():
        st = doc.styles[name]
        chain = [st]                       # the style and what it is based on, nearest first
        while chain[-1].base_style is not None:
            chain.append(chain[-1].base_style)
        assert next(f for f in map(lambda s: east_asia(s.element), chain) if f) == font, name
        assert next(s.font.size for s in chain if s.font.size).pt == size, name
        assert bool(st.font.bold) is bold, name
        assert st.font.italic in (None, False), name
        lvl = st.element.find(qn("w:pPr") + "/" + qn("w:outlineLvl"))
        assert (None if lvl is None else int(lvl.get(qn("w:val")))) == outline, name
        assert not st.hidden, name
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert download.fonts.fangsong.endswith("_GB2312") is (download.fonts is bt.STANDARD)


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_paragraph_formats(docs, path):
    doc = docs[path]
    normal = doc.styles["Normal"]
    pf = normal.paragraph_format
    assert pf.line_spacing.pt == pytest.approx(28.95)
    assert pf.space_before == 0 and pf.space_after == 0
    ind = normal.element.find(qn("w:pPr") + "/" + qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200" and ind.get(qn("w:firstLine")) == "640"
    spacing = normal.element.find(qn("w:rPr") + "/" + qn("w:spacing"))
    assert spacing.get(qn("w:val")) == "-5"          # −0.25 pt: 28 characters a line
    lang = normal.element.find(qn("w:rPr") + "/" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"
    # title centred with no indent; the styles that must not inherit the body indent
    assert doc.styles["Title"].paragraph_format.alignment == 1
    for name in ("Title", "Footer", "Signature", "Date"):
        ind = doc.styles[name].element.find(qn("w:pPr") + "/" + qn("w:ind"))
        assert ind.get(qn("w:firstLine")) == "0" and ind.get(qn("w:firstLineChars")) == "0", name
    for level in range(1, 5):
        h = doc.styles[f"Heading {level}"]
        assert h.paragraph_format.keep_with_next
        assert h.base_style.name == "Normal"
    date = doc.styles["Date"].element.find(qn("w:pPr") + "/" + qn("w:ind"))
    assert date.get(qn("w:rightChars")) == "200"
    assert doc.styles["Signature"].paragraph_format.space_before.pt == pytest.approx(28.95)


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_no_theme_fonts_and_chinese_theme_language(built, path):
    with zipfile.ZipFile(io.BytesIO(built[path])) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
        document = z.read("word/document.xml").decode("utf-8")
        names = z.namelist()
    for attr in ("eastAsiaTheme", "asciiTheme", "hAnsiTheme", "cstheme"):
        assert attr not in styles and attr not in document, attr
    assert "word/stylesWithEffects.xml" not in names
    m = re.search(r"<w:themeFontLang [^>]*/>", settings)
    assert 'w:eastAsia="zh-CN"' in m.group(0)
    assert "ja-JP" not in settings and "ja-JP" not in styles
    assert "<w:evenAndOddHeaders" in settings


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_styles_are_unique_and_builtin(docs, path):
    doc = docs[path]
    names = [s.name for s in doc.styles]
    assert len(names) == len(set(names))
    localised = {"正文", "标题", "签名", "日期", "批注文字"} | {f"标题 {n}" for n in range(1, 10)}
    assert not localised & set(names)
    by_id = {s.style_id: s for s in doc.styles}
    for sid in ("Normal", "Title", "Heading1", "Heading2", "Heading3", "Heading4", "Signature", "Date"):
        assert sid in by_id
        assert by_id[sid].element.get(qn("w:customStyle")) is None, sid
        assert by_id[sid].quick_style, sid


# The whole gallery, by w:name: what a report uses, the linked character styles the
# formatter uses for run-in headings, and the four styles Word itself requires.
ALLOWED_STYLES = {
    "Normal", "Title", "heading 1", "heading 2", "heading 3", "heading 4",
    "Heading 1 Char", "Heading 2 Char", "Heading 3 Char", "Heading 4 Char",
    "称谓", "Signature", "Date", "footer", "annotation text", "annotation reference",
    "Default Paragraph Font", "Normal Table", "No List",
    "Table Grid", "表格文字",              # a draft's table, as 一键排版 writes it (issue 18)
}


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_style_gallery_holds_only_the_reports_styles(built, path):
    styles = _part(built[path], "word/styles.xml")
    names = re.findall(r'<w:style [^>]*>\s*<w:name w:val="([^"]+)"/>', styles)
    assert len(names) == styles.count("<w:style ")
    assert sorted(names) == sorted(ALLOWED_STYLES)
    # no latent style exception puts another built-in (副标题, 引用 …) into the gallery
    latent = re.search(r"<w:latentStyles [^>]*?(/>|>.*?</w:latentStyles>)", styles, re.S).group(0)
    assert "lsdException" not in latent and 'w:defQFormat="0"' in latent
    assert len(styles.encode()) < 10_000, len(styles.encode())


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_salutation_style(docs, path):
    st = docs[path].styles["称谓"]
    assert st.type == 1 and st.base_style.name == "Normal" and st.quick_style
    assert st.paragraph_format.alignment == 0                    # flush left
    ind = st.element.find(qn("w:pPr") + "/" + qn("w:ind"))
    assert ind.get(qn("w:firstLine")) == "0" and ind.get(qn("w:firstLineChars")) == "0"
    assert st.element.find(qn("w:rPr")) is None                  # the body font, from Normal


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_heading_character_styles_carry_the_heading_fonts(docs, path):
    doc = docs[path]
    for level in range(1, 5):
        para, char = doc.styles[f"Heading {level}"], doc.styles[f"Heading {level} Char"]
        assert char.type == 2
        assert para.element.find(qn("w:link")).get(qn("w:val")) == char.style_id
        assert east_asia(char.element) == east_asia(para.element)
        assert char.font.size == para.font.size


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_word_opens_without_compatibility_mode(built, path):
    settings = _part(built[path], "word/settings.xml")
    assert re.findall(r'<w:compatSetting w:name="compatibilityMode"[^>]*w:val="(\d+)"', settings) == ["15"]


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_app_properties_name_the_guide(built, path):
    app = _part(built[path], "docProps/app.xml")
    assert "Microsoft" not in app and "Macintosh" not in app
    assert f"<Application>{bt.AUTHOR}</Application>" in app
    assert "<Pages>" not in app                                  # no stale statistics


@pytest.mark.parametrize("download", SERVED, ids=lambda d: d.path)
def test_theme_fonts_are_the_reports(built, download):
    """Word's 主题字体 (+标题, +正文) in the font list: the title and body fonts, not Calibri and 宋体."""
    theme = _part(built[download.path], "word/theme/theme1.xml")
    for scheme, east_asia in (("majorFont", download.fonts.title), ("minorFont", download.fonts.fangsong)):
        block = re.search(rf"<a:{scheme}>.*?</a:{scheme}>", theme, re.S).group(0)
        assert f'<a:latin typeface="{download.fonts.latin}"' in block
        assert f'<a:ea typeface="{east_asia}"' in block
        assert f'<a:font script="Hans" typeface="{east_asia}"' in block


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_every_chinese_character_in_a_cjk_font_in_word(built, path):
    """Word's font-slot rule over every run of every part: Han characters,
    Chinese punctuation, quotes, dashes and ellipses all get a CJK font."""
    chars = list(word_fonts.characters(built[path]))
    assert {"“", "”", "—", "。", "，"} <= {c.char for c in chars} or "moban" in path
    assert word_fonts.non_cjk_characters(built[path]) == []


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_styles_alone_put_punctuation_in_the_cjk_font(built, path):
    """Text a user types or pastes has no hint: the styles' hAnsi must carry it."""
    src = zipfile.ZipFile(io.BytesIO(built[path]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name.endswith(".xml"):
                data = data.replace(b' w:hint="eastAsia"', b"")
            dst.writestr(name, data)
    stripped = zipfile.ZipFile(out)
    assert b'w:hint="eastAsia"' not in b"".join(stripped.read(n) for n in stripped.namelist())
    assert word_fonts.non_cjk_characters(out.getvalue()) == []


def test_font_slot_rule_catches_western_quotes():
    """The check can fail: hAnsi = Times New Roman without a hint puts “ ” — in Times New Roman."""
    assert word_fonts.slot_for("“", None, True) == "hAnsi"
    assert word_fonts.slot_for("—", "eastAsia", True) == "eastAsia"
    assert word_fonts.slot_for("。", None, False) == "eastAsia"
    assert word_fonts.slot_for("2", "eastAsia", True) == "ascii"
    assert word_fonts.slot_for("·", None, True) == "hAnsi" and word_fonts.slot_for("·", "eastAsia", True) == "eastAsia"
    data = bytearray(hooks.word_documents()[FANWEN])
    src = zipfile.ZipFile(io.BytesIO(bytes(data)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            blob = src.read(name).replace(b' w:hint="eastAsia"', b"")
            if name == "word/styles.xml":
                blob = re.sub(rb'w:hAnsi="[^"]+"', b'w:hAnsi="Times New Roman"', blob)
            dst.writestr(name, blob)
    problems = word_fonts.non_cjk_characters(out.getvalue())
    assert problems and all("Times New Roman" in p for p in problems)
    assert {p.split("'")[1] for p in problems} <= {"“", "”", "‘", "’", "—", "…", "·"}


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_runs_written_carry_the_east_asia_hint(built, path):
    for name in ("word/document.xml", "word/footer1.xml", "word/footer2.xml", "word/comments.xml"):
        try:
            xml = _part(built[path], name)
        except KeyError:
            continue
        for run in re.findall(r"<w:r>.*?</w:r>", xml, re.S):
            if "<w:t" in run:
                assert '<w:rFonts w:hint="eastAsia"/>' in run, (name, run[:120])


@pytest.mark.parametrize("download", SERVED, ids=lambda d: d.path)
def test_digits_and_letters(built, download):
    """Digits and letters in the body: Times New Roman (ascii); in the title: the title font."""
    chars = list(word_fonts.characters(built[download.path]))
    # a 考核登记表 个人总结 (a model with no title) starts with its body
    untitled = {p for r in guide_data.load("model_reports") if not r.get("title")
                for p in hooks.model_download_paths(r["id"]).values()}
    title = None if download.path in untitled else chars[0].paragraph
    for c in chars:
        if c.part == "document.xml" and c.char.isascii() and c.char.isalnum():
            expected = download.fonts.title if c.paragraph == title else download.fonts.latin
            assert c.font == expected, (c.paragraph[:20], c.char, c.font)
    assert any(c.char.isdigit() and c.paragraph == title for c in chars) or download.kind == "template" or title is None


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_no_zero_chars_or_lines_twins(built, path):
    """*Chars and *Lines win over the twips value in Word: a leftChars="0" next to
    left="5289" would put the signature at the margin. A zero twin appears only
    beside a zero twips value, where it cancels an inherited one (Normal's
    firstLineChars="200"; the formatter's rightChars="0" on a moved 署名)."""
    for part in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        xml = _part(built[path], part)
        assert "beforeLines" not in xml and "afterLines" not in xml, part
        for ind in re.findall(r"<w:ind [^>]*/>", xml):
            for side, chars in re.findall(r'w:(left|right|firstLine)Chars="(\d+)"', ind):
                twips = re.search(rf'w:{side}="(\d+)"', ind)
                assert twips, (part, ind)
                if chars == "0":
                    assert twips.group(1) == "0", (part, ind)
                else:
                    assert int(twips.group(1)) > 0, (part, ind)


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_signature_layout_is_the_formatters(built, docs, path):
    """The 落款 sits where ReportDocx.signatureLayout (engine/docx-write.js, the formatter's
    one computation of GB/T 9704 7.3.5.2) puts it, with the metrics it reads from the file."""
    js = bt.formatter()
    metrics = js.call("ReportDocx.readMetrics", {"styles": _part(built[path], "word/styles.xml"),
                                                 "document": _part(built[path], "word/document.xml")})
    assert metrics == {"typeWidth": bt.TYPE_W, "fontSize": 2 * bt.BODY_PT, "charSpacing": bt.CHAR_SPACING}
    name, date = docs[path].paragraphs[-2:]
    layout = js.call("ReportDocx.signatureLayout", name.text, date.text, metrics)
    for p, side in ((name, "signature"), (date, "date")):
        want = layout[side]
        own, style = p.paragraph_format, p.style.paragraph_format
        effective = lambda attr: getattr(own, attr) if getattr(own, attr) is not None else getattr(style, attr)  # noqa: E731
        assert effective("alignment") == {"left": 0, "right": 2}[want["align"]], side
        assert (effective("left_indent") or 0) == want["indent"]["left"] * 635, side      # twips → EMU
        assert (effective("right_indent") or 0) == want["indent"]["right"] * 635, side
    assert layout["dateIsLonger"] and layout["date"]["indent"]["rightChars"] == 200


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_paragraph_before_the_signature_keeps_with_it(docs, path):
    paras = docs[path].paragraphs
    assert [p.style.name for p in paras[-2:]] == ["Signature", "Date"]
    assert paras[-3].paragraph_format.keep_with_next
    assert paras[-2].style.paragraph_format.keep_with_next


def _runs_text(p) -> list[tuple[str, str]]:
    """(kind, value) for each run child of a footer paragraph."""
    out = []
    for r in p.iter(qn("w:r")):
        for child in r:
            if child.tag == qn("w:t"):
                out.append(("t", child.text))
            elif child.tag == qn("w:fldChar"):
                out.append(("fld", child.get(qn("w:fldCharType"))))
            elif child.tag == qn("w:instrText"):
                out.append(("instr", child.text.strip()))
    return out


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_odd_and_even_footers_hold_page_field(built, docs, path):
    doc = docs[path]
    assert doc.settings.odd_and_even_pages_header_footer
    s = doc.sections[0]
    expected = [("t", "— "), ("fld", "begin"), ("instr", "PAGE"), ("fld", "separate"), ("t", "1"),
                ("fld", "end"), ("t", " —")]
    for footer, side in ((s.footer, "right"), (s.even_page_footer, "left")):
        assert not footer.is_linked_to_previous
        paras = footer.paragraphs
        assert len(paras) == 1
        p = paras[0]
        assert p.style.name == "Footer"
        assert _runs_text(p._p) == expected
        ppr = p._p.pPr
        assert ppr.find(qn("w:jc")).get(qn("w:val")) == side
        ind = ppr.find(qn("w:ind"))
        assert ind.get(qn(f"w:{side}Chars")) == "100" and ind.get(qn(f"w:{side}")) == "280"
    fonts = {(c.char, c.font) for c in word_fonts.characters(built[path]) if c.part.startswith("footer")}
    assert fonts == {("—", "宋体"), (" ", "宋体"), ("1", "宋体")}      # 四号半角宋体, dashes included


def _comment_anchors(doc) -> dict:
    """comment id → the paragraph its range starts in."""
    out = {}
    for p in doc.paragraphs:
        for start in p._p.iter(qn("w:commentRangeStart")):
            out[int(start.get(qn("w:id")))] = p
    return out


@pytest.mark.parametrize("path", [d.path for d in bt.DOWNLOADS if d.kind == "template"])
def test_comments_carry_each_sections_advice(docs, path):
    doc = docs[path]
    comments = list(doc.comments)
    assert len(comments) == 1 + len(SECTIONS)
    anchors = _comment_anchors(doc)
    for comment, sec in zip(comments[1:], SECTIONS):
        p = anchors[comment.comment_id]
        if sec["heading"]:
            assert p.text == sec["heading"] and p.style.name == "Heading 1"
        else:
            assert p.text == sec["placeholders"][0], sec["id"]
        # same words as data/sections.yml; only YAML's line-folding spaces dropped
        assert comment.text == bt.advice_text(sec["advice"])
        assert re.sub(r"\s", "", comment.text) == re.sub(r"\s", "", sec["advice"])
        assert not re.search(r"[\u4e00-\u9fff，。、；：）]\s|\s[\u4e00-\u9fff，。、；：（]", comment.text)
        assert comment.author and comment.timestamp == bt.FIXED_TIME


@pytest.mark.parametrize("path", [d.path for d in bt.DOWNLOADS if d.kind == "template"])
def test_comment_paragraphs_use_the_comment_style(built, path):
    with zipfile.ZipFile(io.BytesIO(built[path])) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert comments.count('<w:pStyle w:val="CommentText"/>') == 1 + len(SECTIONS)


@pytest.mark.parametrize("path", [d.path for d in bt.DOWNLOADS if d.kind == "template"])
def test_first_comment_says_how_to_delete_all_comments(docs, path):
    """Word prints comments by default: the first one, on the title, says so and how to remove them all."""
    doc = docs[path]
    first = list(doc.comments)[0]
    assert _comment_anchors(doc)[first.comment_id].style.name == "Title"
    text = first.text
    assert "“审阅”→“删除”" in text and "删除文档中的所有批注" in text
    assert "打印" in text


@pytest.mark.parametrize("path", [d.path for d in MODELS])
def test_model_reports_have_no_comments(docs, path):
    assert len(list(docs[path].comments)) == 0


@pytest.mark.parametrize("path", [d.path for d in bt.DOWNLOADS if d.kind == "template"])
def test_template_structure_and_placeholders(docs, path):
    doc = docs[path]
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paras[0] == ("Title", "【年度】述职报告")
    # the name in one place only (结尾与落款: 不在标题下和文末重复署名): the 落款
    assert [t for _, t in paras if "姓名" in t] == [bt.TEMPLATE_NAME]
    expected = []
    for sec in SECTIONS:
        if sec["heading"]:
            expected.append(("Heading 1", sec["heading"]))
        for text in sec["placeholders"]:
            expected.append(("Heading 2" if re.match(r"（[一二三四五六七八九十]+）", text) else "Normal", text))
    assert paras[1:-2] == expected
    assert paras[-2] == ("Signature", bt.TEMPLATE_NAME) and paras[-1] == ("Date", bt.TEMPLATE_DATE)
    bodies = [t for s, t in paras if s == "Normal"]
    for marker in ("一是", "二是", "三是"):
        assert any(t.startswith(marker) for t in bodies)
    for _, text in paras:
        assert not re.search(r"[\[\]×]", text), text          # no half-width brackets or ×
        assert text.count("【") == text.count("】")
        assert re.fullmatch(r"(?:[^【】]|【[^【】]+】)*", text), text
    assert sum(t.count("【") for _, t in paras) >= 40


KIND_STYLES = {"title": "Title", "salutation": "称谓", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3",
               "h4": "Heading 4", "body": "Normal", "signature": "Signature", "date": "Date"}


@pytest.mark.parametrize("report", guide_data.load("model_reports"), ids=lambda r: r["id"])
def test_model_report_text_and_styles(docs, report):
    """Each 范文 download holds its report's paragraphs, in the styles the data's kinds name."""
    want = [(KIND_STYLES[b["kind"]], b["text"]) for b in guide_data.model_report_blocks(report)]
    for path in hooks.model_download_paths(report["id"]).values():
        paras = [(p.style.name, p.text) for p in docs[path].paragraphs]
        assert paras == want, path
        assert (paras[0] == ("Title", report["title"]) if report.get("title") else paras[0][0] == "Normal")
        assert not re.search(r"【|】|XX", "".join(t for _, t in paras))
        (s_style, name), (d_style, date) = paras[-2:]
        assert (s_style, d_style) == ("Signature", "Date") and name == report["signature"]
        assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", date)      # Arabic numerals, no leading zero


# ---------------------------------------------------------------------------
# Reproducibility
# ---------------------------------------------------------------------------

def test_byte_reproducible(built):
    """Built again, not from the build cache: the templates, and the model reports on them."""
    again = bt.build_documents()
    again.update(hooks.formatted_documents(again))
    assert {p: hashlib.sha256(b).hexdigest() for p, b in again.items()} == \
           {p: hashlib.sha256(b).hexdigest() for p, b in built.items()}


@pytest.mark.parametrize("path", [d.path for d in SERVED])
def test_package_is_normalised(built, docs, path):
    with zipfile.ZipFile(io.BytesIO(built[path])) as z:
        infos = z.infolist()
        rels = z.read("_rels/.rels").decode()
    assert infos[0].filename == "[Content_Types].xml"
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)
    assert not any("thumbnail" in i.filename for i in infos) and "thumbnail" not in rels
    # only what a report uses: no list definitions, no empty bibliography, no web settings
    names = {i.filename for i in infos}
    assert not names & {"word/numbering.xml", "word/webSettings.xml", "word/stylesWithEffects.xml"}
    assert not any(n.startswith("customXml/") for n in names)
    cp = docs[path].core_properties
    assert cp.created == cp.modified == bt.FIXED_TIME
    # the file a writer hands in is theirs: no author, no last-modified-by (issue 18)
    assert cp.author == "" and cp.last_modified_by == "" and cp.revision == 1


def test_cli_writes_the_same_bytes(built, tmp_path):
    """python -m guide_build.generated --out writes every served Word file;
    scripts/build_template.py --out the templates, the same bytes."""
    every, templates = tmp_path / "every", tmp_path / "templates"
    subprocess.run([sys.executable, "-m", "guide_build.generated", "--out", str(every)],
                   cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_template.py"), "--out", str(templates)],
                   check=True, capture_output=True)
    assert sorted(f.name for f in every.iterdir()) == sorted(Path(p).name for p in built)
    assert sorted(f.name for f in templates.iterdir()) == sorted(Path(d.path).name for d in bt.DOWNLOADS)
    for path, content in built.items():
        assert (every / Path(path).name).read_bytes() == content
    for d in bt.DOWNLOADS:
        assert (templates / Path(d.path).name).read_bytes() == built[d.path]


# ---------------------------------------------------------------------------
# Rendered by LibreOffice
# ---------------------------------------------------------------------------

def _pdf_fonts(listing: str) -> set[str]:
    """Font names in `pdffonts` output, without the subset tag (ABCDEF+)."""
    return {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in listing.splitlines()[2:] if line.strip()}


# What tests/fontconfig/fonts.conf lets LibreOffice use. Noto CJK's fonts share one
# CFF table, so the PDF names every face after its first (jp); the glyphs are SC's.
RENDER_FONTS = re.compile(r"(NotoSerifCJK\w*-(Regular|Bold)|NotoSansCJK\w*-Regular)(-VKana)?|LiberationSerif")


@pytest.mark.parametrize("download", RENDERED, ids=lambda d: d.path)
def test_rendered_with_the_fonts_the_tests_assume(rendered, download):
    """The layout tests measure Noto CJK for the GB fonts and Liberation Serif
    (Times New Roman's metrics) for digits: nothing else may have been used,
    whatever else the machine has installed."""
    fonts = _pdf_fonts(rendered[download.path].fonts)
    assert all(RENDER_FONTS.fullmatch(f) for f in fonts), fonts
    assert any(f.startswith("NotoSerifCJK") for f in fonts) and any(f.startswith("NotoSansCJK") for f in fonts)
    bold = any("-Bold" in f for f in fonts)
    assert bold is download.fonts.title_bold, fonts          # only the system variant's 宋体 title is bold
    if download.kind == "model":
        assert "LiberationSerif" in fonts, fonts            # the digits of the body


def _has_cjk(line: Line) -> bool:
    return bool(CJK.search(line.text))


def _grid_tolerance(line: Line) -> float:
    """A line of only Latin letters and digits ("XXX") sits on its grid line by
    Liberation Serif's ascent and descent, not Noto CJK's: about 1 pt higher."""
    return 0.25 if _has_cjk(line) else 1.5


HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def test_22_lines_per_page(built, rendered):
    r = rendered[FANWEN]
    assert r.page_count >= 4
    pages = [body_lines(page) for page in r.pages]
    counts = [len(p) for p in pages]
    assert max(counts) == 22, counts
    assert counts.count(22) >= 3, counts
    # every line sits on the 28.95 pt grid
    grid = [ln.y for ln in pages[1]]
    assert len(grid) == 22
    for a, b in zip(grid, grid[1:]):
        assert b - a == pytest.approx(PITCH, abs=0.25)
    for n, page in enumerate(pages[1:], 2):
        for ln in page:
            assert min(abs(ln.y - g) for g in grid) < _grid_tolerance(ln), (n, ln)
    # a page between the first and the last is full, unless the next one starts with a
    # heading kept with its text, or widow/orphan control moved a line (tests/pagination.py)
    placed = pagination.place(pages, pagination.body_texts(Document(io.BytesIO(built[FANWEN]))))
    assert not pagination.short_pages(placed), counts
    assert not pagination.widows_and_orphans(placed), counts
    # page 1: the title on grid line 1, a blank line, then text from grid line 3 on
    first = pages[0]
    assert [ln.y for ln in first[1:]] == pytest.approx(grid[2:2 + len(first) - 1], abs=0.25)
    assert len(first) == 21 or pagination.moved_over(placed[0], placed[1], 21 - len(first)), len(first)


def _cjk_count(line: Line) -> int:
    n = len(CJK.findall(line.text))
    if line.x1 > RIGHT + 1 and CJK.match(line.text[-1]):
        n -= 1                                          # closing punctuation hanging in the margin
    return n


def test_28_characters_per_line(rendered):
    r = rendered[FANWEN]
    lines = [ln for page in r.pages for ln in body_lines(page)]
    continuation = [ln for ln in lines if abs(ln.x0 - LEFT) < 1]
    pure = [ln for ln in continuation if len(CJK.findall(ln.text)) == len(ln.text)]
    full = [ln for ln in pure if ln.x1 >= RIGHT - CHAR]
    assert len(full) >= 20          # a 2026 report is full of figures: most lines hold digits
    counts = Counter(_cjk_count(ln) for ln in full)
    assert counts.most_common(1)[0][0] == 28, counts
    assert max(counts) == 28, counts
    # a full line is 28 advances of 15.75 pt: it ends at the right margin, not past it
    assert all(ln.x0 + 28 * CHAR <= RIGHT + 0.5 for ln in full)
    # first lines: 2 characters indent, 26 characters
    firsts = [ln for ln in lines if abs(ln.x0 - (LEFT + 32)) < 1.5 and ln.x1 >= RIGHT - CHAR
              and len(CJK.findall(ln.text)) == len(ln.text)]
    assert firsts and Counter(_cjk_count(ln) for ln in firsts).most_common(1)[0][0] == 26


@pytest.mark.parametrize("path", [MOBAN, FANWEN])
def test_page_numbers_alternate_sides(rendered, path):
    r = rendered[path]
    assert r.page_count >= 2
    for n, page in enumerate(r.pages, 1):
        foot = footer_lines(page)
        assert len(foot) == 1, (n, foot)
        ln = foot[0]
        assert ln.text == f"—{n}—"
        if n % 2:
            assert ln.x1 == pytest.approx(RIGHT - 14, abs=1.5), n      # odd: right, one 四号 character in
        else:
            assert ln.x0 == pytest.approx(LEFT + 14, abs=1.5), n       # even: left, one character in
        middle = (ln.y + ln.y + ln.height) / 2
        assert 5 * MM < middle - BOTTOM < 9 * MM                        # about 7 mm below the type area


@pytest.mark.parametrize("path", [MOBAN, FANWEN])
def test_title_centred(rendered, path):
    title = body_lines(rendered[path].pages[0])[0]
    centre = (LEFT + RIGHT) / 2
    assert (title.x0 + title.x1) / 2 == pytest.approx(centre, abs=2)
    assert title.height > 26                               # 二号 22 pt, taller than the 三号 body
    assert TOP <= title.y and title.y + title.height <= TOP + PITCH + 3   # on the first grid line


@pytest.mark.parametrize("path", [MOBAN, FANWEN])
def test_signature_block(rendered, path):
    lines = body_lines(rendered[path].pages[-1])
    name, date = lines[-2], lines[-1]
    body = lines[-3]
    tol = _grid_tolerance(name) + 0.05
    assert date.y - name.y == pytest.approx(PITCH, abs=tol)
    assert name.y - body.y == pytest.approx(2 * PITCH, abs=tol)            # one blank line
    assert RIGHT - date.x1 == pytest.approx(2 * 16, abs=2)                 # date: 2 characters in from the right
    assert date.x0 - name.x0 == pytest.approx(2 * CHAR, abs=CHAR / 2 + 1)  # starts 2 characters right of the name


def test_page_counts(rendered):
    assert rendered[MOBAN].page_count == 2
    assert rendered[MOBAN_XITONG].page_count == rendered[MOBAN].page_count
    assert rendered[FANWEN_XITONG].page_count == rendered[FANWEN].page_count


# ---------------------------------------------------------------------------
# The site: previews and stated sizes
# ---------------------------------------------------------------------------

def test_previews_up_to_date(built, rendered):
    stale = rp.stale()
    assert not stale, f"docs/assets/previews/ is stale for {stale}: run `make previews`"
    import json
    recorded = json.loads(rp.SOURCES.read_text(encoding="utf-8"))
    for name, info in recorded.items():
        assert info["pages"] == rendered[info["path"]].page_count, "run `make previews`"
        for img in info["images"]:
            png = rp.PREVIEWS / img
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert png.stat().st_size < 120_000


def test_template_page_states_sizes_and_buttons(built):
    from guide_build.macros import expand_macros   # the buttons come from {{ downloads(…) }}

    page = expand_macros((ROOT / "docs" / "template.md").read_text(encoding="utf-8"))
    for d in SERVED:
        m = re.search(r"\[[^\]]*\]\(" + re.escape(d.path) + r"\)\{([^}]*)\}", page)
        assert m, f"no button for {d.path}"
        attrs = m.group(1)
        assert ".md-button" in attrs and f'download="{d.filename}"' in attrs
        size = re.search(r"约(\d+) KB", page[m.end():m.end() + 200])
        assert size, f"no size after the {d.path} button"
        kb = len(built[d.path]) / 1024
        assert abs(kb - int(size.group(1))) <= 0.5, \
            f"{d.path} is {kb:.1f} KB; docs/template.md says 约{size.group(1)} KB"
    assert "shuzhi-baogao-fanwen" not in page and "直接在上面改" not in page
    for img in ("shuzhi-baogao-moban-1.png", f"{Path(FANWEN).stem}-1.png"):
        assert re.search(r"!\[[^\]]+\]\(assets/previews/" + img + r"\)", page), img


def test_pages_state_the_rendered_page_counts(rendered):
    template_page = (ROOT / "docs" / "template.md").read_text(encoding="utf-8")
    format_page = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    moban, fanwen = rendered[MOBAN].page_count, rendered[FANWEN].page_count
    assert f"模板第1页（共{moban}页）" in template_page
    assert f"范文第1页（共{fanwen}页）" in template_page
    assert f"范文共{fanwen}页，模板共{moban}页" in format_page
