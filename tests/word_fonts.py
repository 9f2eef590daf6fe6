"""Which font Word gives each character of a .docx: the font-slot rule of
[MS-OI29500] 2.1.88 (the notes on Part 1 §17.3.2.26 rFonts).

LibreOffice treats Chinese quotes, dashes and ellipses as Asian text, so its
renders never show what Word does with them: Word picks one of the four
rFonts slots (ascii, hAnsi, eastAsia, cs) per character by Unicode block, and
General Punctuation (“ ” ‘ ’ — …) goes to hAnsi unless the run's hint is
eastAsia. This module applies that rule to every run of a .docx, with the run
properties resolved over docDefaults, the paragraph style chain, the character
style chain and the run's own rPr, attribute by attribute.

    from word_fonts import non_cjk_characters
    assert not non_cjk_characters(docx_bytes)

The hint is taken from the run's own w:rFonts only: the notes speak of the
run's hint, and whether Word inherits one from a style is not documented, so
a file passes only if it is right under the strict reading.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# ---------------------------------------------------------------------------
# The table of MS-OI29500 2.1.88. Kinds:
#   "ascii" / "eastAsia": always that slot;
#   "hint":    hAnsi, or eastAsia when the run's hint is eastAsia;
#   "hint_zh": hAnsi, or eastAsia when the hint is eastAsia and the run's
#              East Asian language is Chinese.
# Every range not listed takes hAnsi.
# ---------------------------------------------------------------------------

BLOCKS = [
    (0x0000, 0x007F, "ascii"),        # Basic Latin
    (0x00A0, 0x00FF, "latin1"),       # Latin-1 Supplement: see LATIN1_* below
    (0x0100, 0x017F, "hint_zh"),      # Latin Extended-A
    (0x0180, 0x024F, "hint_zh"),      # Latin Extended-B
    (0x0250, 0x02AF, "hint_zh"),      # IPA Extensions
    (0x02B0, 0x02FF, "hint"),         # Spacing Modifier Letters
    (0x0300, 0x036F, "hint"),         # Combining Diacritical Marks
    (0x0370, 0x03CF, "hint"),         # Greek
    (0x0400, 0x04FF, "hint"),         # Cyrillic
    (0x0590, 0x07BF, "ascii"),        # Hebrew, Arabic, Syriac, Arabic Supplement, Thaana
    (0x1100, 0x11FF, "eastAsia"),     # Hangul Jamo
    (0x1E00, 0x1EFF, "hint_zh"),      # Latin Extended Additional
    (0x2000, 0x27BF, "hint"),         # General Punctuation … Dingbats
    (0x2E80, 0x319F, "eastAsia"),     # CJK Radicals … Kanbun (CJK Symbols and Punctuation 3000–303F)
    (0x3200, 0x33FF, "eastAsia"),     # Enclosed CJK Letters and Months, CJK Compatibility
    (0x3400, 0x4DBF, "eastAsia"),     # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FAF, "eastAsia"),     # CJK Unified Ideographs
    (0xA000, 0xA4CF, "eastAsia"),     # Yi
    (0xAC00, 0xD7AF, "eastAsia"),     # Hangul Syllables
    (0xD800, 0xDFFF, "eastAsia"),     # surrogates: every character beyond the BMP
    (0xE000, 0xF8FF, "hint"),         # Private Use Area
    (0xF900, 0xFAFF, "eastAsia"),     # CJK Compatibility Ideographs
    (0xFB00, 0xFB1C, "hint"),         # Alphabetic Presentation Forms (Latin)
    (0xFB1D, 0xFDFF, "ascii"),        # … (Hebrew), Arabic Presentation Forms-A
    (0xFE30, 0xFE6F, "eastAsia"),     # CJK Compatibility Forms, Small Form Variants
    (0xFE70, 0xFEFE, "ascii"),        # Arabic Presentation Forms-B
    (0xFF00, 0xFFEF, "eastAsia"),     # Halfwidth and Fullwidth Forms
]

# Latin-1 Supplement: hAnsi, except these with hint eastAsia …
LATIN1_HINT = {0xA1, 0xA4, 0xA7, 0xA8, 0xAA, 0xAD, 0xAF, *range(0xB0, 0xB5), *range(0xB6, 0xBB),
               *range(0xBC, 0xC0), 0xD7, 0xF7}
# … and these with hint eastAsia in a Chinese run.
LATIN1_HINT_ZH = {0xE0, 0xE1, 0xE8, 0xE9, 0xEA, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA, 0xFC}


def slot_for(ch: str, hint: str | None, chinese: bool) -> str:
    """The rFonts slot Word uses for `ch` (no cs/rtl on the run, no Times New Roman special case)."""
    cp = ord(ch)
    if cp > 0xFFFF:
        return "eastAsia"           # Word sees a surrogate pair
    east = hint == "eastAsia"
    for lo, hi, kind in BLOCKS:
        if lo <= cp <= hi:
            if kind in ("ascii", "eastAsia"):
                return kind
            if kind == "latin1":
                if east and (cp in LATIN1_HINT or (chinese and cp in LATIN1_HINT_ZH)):
                    return "eastAsia"
                return "hAnsi"
            if kind == "hint":
                return "eastAsia" if east else "hAnsi"
            return "eastAsia" if east and chinese else "hAnsi"
    return "hAnsi"


# ---------------------------------------------------------------------------
# Resolving run properties
# ---------------------------------------------------------------------------

def _on(el) -> bool:
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "off")


@dataclass
class RunFonts:
    fonts: dict          # slot → font name, or "theme:<name>" where a theme font wins
    hint: str | None
    chinese: bool        # w:lang/@w:eastAsia is zh-*
    complex_script: bool  # w:cs or w:rtl: the cs font for every character

    def font_for(self, ch: str) -> tuple[str, str | None]:
        if self.complex_script:
            slot = "cs"
        elif (self.fonts.get("eastAsia") == "Times New Roman"
              and self.fonts.get("ascii") == self.fonts.get("hAnsi")):
            slot = "ascii"
        else:
            slot = slot_for(ch, self.hint, self.chinese)
        return slot, self.fonts.get(slot)


class Styles:
    def __init__(self, styles_xml: bytes | None):
        root = etree.fromstring(styles_xml) if styles_xml else etree.Element(w("styles"))
        self.by_id = {s.get(w("styleId")): s for s in root.iter(w("style"))}
        self.default_para = next((s.get(w("styleId")) for s in root.iter(w("style"))
                                  if s.get(w("type")) == "paragraph"
                                  and s.get(w("default")) in ("1", "true", "on")), None)
        defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults = [] if defaults is None else [defaults]

    def chain(self, style_id: str | None) -> list:
        """rPr elements from the root of the basedOn chain down to `style_id`."""
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            st = self.by_id[style_id]
            rpr = st.find(w("rPr"))
            if rpr is not None:
                out.append(rpr)
            based = st.find(w("basedOn"))
            style_id = None if based is None else based.get(w("val"))
        return out[::-1]


def resolve(run, styles: Styles) -> RunFonts:
    p = next((a for a in run.iterancestors(w("p"))), None)
    pstyle = None
    if p is not None:
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        pstyle = ps.get(w("val")) if ps is not None else styles.default_para
    own = run.find(w("rPr"))
    rstyle = None if own is None or own.find(w("rStyle")) is None else own.find(w("rStyle")).get(w("val"))
    levels = styles.defaults + styles.chain(pstyle) + styles.chain(rstyle) + ([] if own is None else [own])
    fonts, lang, cs = {}, None, False
    for rpr in levels:
        rf = rpr.find(w("rFonts"))
        if rf is not None:
            for slot in SLOTS:
                theme = rf.get(w(THEME_ATTR[slot]))
                if theme is not None:
                    fonts[slot] = f"theme:{theme}"
                elif rf.get(w(slot)) is not None:
                    fonts[slot] = rf.get(w(slot))
        lg = rpr.find(w("lang"))
        if lg is not None and lg.get(w("eastAsia")):
            lang = lg.get(w("eastAsia"))
        for tag in ("cs", "rtl"):
            el = rpr.find(w(tag))
            if el is not None:
                cs = _on(el)
    own_fonts = None if own is None else own.find(w("rFonts"))
    hint = None if own_fonts is None else own_fonts.get(w("hint"))
    return RunFonts(fonts, hint, bool(lang and lang.lower().startswith("zh")), cs)


# ---------------------------------------------------------------------------
# The package
# ---------------------------------------------------------------------------

KNOWN_CJK_FONTS = {"宋体", "仿宋", "楷体", "黑体", "仿宋_GB2312", "楷体_GB2312", "方正小标宋简体", "微软雅黑",
                   "等线", "SimSun", "FangSong", "KaiTi", "SimHei", "Microsoft YaHei", "DengXian"}
CJK_CHARSETS = {"80", "81", "86", "88"}   # SHIFTJIS, HANGUL, GB2312, CHINESEBIG5 (hex, as in fontTable)
TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|comments|footnotes|endnotes)\.xml$")


@dataclass
class Char:
    part: str
    paragraph: str      # the paragraph's text, to say where
    char: str
    slot: str
    font: str | None


def _font_table(z: zipfile.ZipFile) -> dict:
    try:
        root = etree.fromstring(z.read("word/fontTable.xml"))
    except KeyError:
        return {}
    return {f.get(w("name")): (f.find(w("charset")).get(w("val")) if f.find(w("charset")) is not None else None)
            for f in root.iter(w("font"))}


def is_cjk_font(name: str | None, font_table: dict) -> bool:
    if not name or name.startswith("theme:"):
        return False
    if font_table.get(name) in CJK_CHARSETS or name in KNOWN_CJK_FONTS:
        return True
    return bool(re.search(r"[\u4e00-\u9fff]", name))


def characters(docx: bytes):
    """Every character of every w:t in the text parts, with the slot and font Word uses."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        try:
            styles_xml = z.read("word/styles.xml")
        except KeyError:
            styles_xml = None
        styles = Styles(styles_xml)
        for name in sorted(n for n in z.namelist() if TEXT_PARTS.match(n)):
            root = etree.fromstring(z.read(name))
            for p in root.iter(w("p")):
                text = "".join(t.text or "" for t in p.iter(w("t")))
                for run in p.iter(w("r")):
                    if next(run.iterancestors(w("p"))) is not p:
                        continue        # a run of a paragraph nested in this one (text box)
                    rf = resolve(run, styles)
                    for t in run.iter(w("t")):
                        for ch in t.text or "":
                            slot, font = rf.font_for(ch)
                            yield Char(posixpath.basename(name), text, ch, slot, font)


def font_table(docx: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return _font_table(z)


def non_cjk_characters(docx: bytes) -> list[str]:
    """Every non-ASCII character (Han, Chinese punctuation, quotes, dashes,
    ellipses, full-width forms …) that Word would not set in a CJK font, as
    readable problems; empty when the file is right."""
    table = font_table(docx)
    problems = []
    for c in characters(docx):
        if ord(c.char) > 0x7F and not is_cjk_font(c.font, table):
            problems.append(f"{c.part}: {c.char!r} (U+{ord(c.char):04X}) → {c.slot} = {c.font} in "
                            f"“{c.paragraph[:30]}”")
    return problems
