"""The formatter (docs/assets/javascripts/engine/docx-write.js) in V8: a classified
draft written into the site's template, read back with python-docx, parsed as
XML, and rendered with LibreOffice to check what a reader would see.

The 落款 is measured in the render: the 署名 ends two characters from the
right edge of the type area, and the date starts two characters right of the
署名's start (GB/T 9704-2012 7.3.5.2), or the date ends two characters in
when it is the longer.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import build_template as bt  # noqa: E402
import pagination  # noqa: E402  (tests/: printed lines → paragraphs, widows and orphans)
import render_previews as rp  # noqa: E402
from test_template import (CHAR, LEFT, PITCH, RIGHT, TOP, body_lines,  # noqa: E402
                           parse_bbox)

JS = ROOT / "docs" / "assets" / "javascripts"
EXAMPLE = yaml.safe_load((ROOT / "data" / "example_report.yml").read_text(encoding="utf-8"))
MOBAN = "downloads/shuzhi-baogao-moban.docx"
MOBAN_SYSTEM = "downloads/shuzhi-baogao-moban-xitong.docx"
FANWEN = "downloads/fanwen-xiangzhen-shuji.docx"        # a 范文 download: a model report as served
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Test-only helpers, loaded beside the .docx writer: a stand-in for ReportEngine
# (to pin down how findings become comments) and a draft with lone surrogates,
# which cannot cross from Python as JSON.
TEST_JS = r"""
var stubEngine = {
  classify: function (lines) {
    return lines.map(function (p) {
      var t = p.text.replace(/^\s+/, "");
      return { kind: t ? (p.style === "Title" ? "title" : "body") : "blank", text: t, runIn: null };
    });
  },
  check: function (lines) {
    stubEngine.seen = lines.map(function (p) { return p.text; });
    return [
      { rule: "a", level: "错误", line: 2, col: 5, length: 2, message: "“XX”未替换", suggestion: "换成实际内容" },
      { rule: "b", level: "提示", line: 3, col: 2, length: 3, message: "代码点", suggestion: null },
      { rule: "c", level: "提示", line: null, col: null, length: 0, message: "全文", suggestion: null },
      { rule: "d", level: "提示", line: 4, col: 2, length: 2, message: "软换行后", suggestion: null },
    ];
  },
};
var testing = {
  formatWithStub: function (draft, template, withComments) {
    return ReportDocx.formatLatin1(draft, { template: template, withComments: withComments, engine: stubEngine });
  },
  stubSeen: function () { return stubEngine.seen; },
  loneSurrogates: function (template) {
    return ReportDocx.writeLatin1({ template: template, paragraphs: [{ kind: "body", text: "a\ud800b\udc00c😀d\ud83d" }] });
  },
};
"""


class Formatter:
    """The .docx writer in the one V8 host (scripts/engine_host.py), beside fflate and the engine."""

    def __init__(self, tmp: Path):
        from engine_host import FORMATTER_SCRIPTS, Engine

        helpers = tmp / "formatter-test-helpers.js"
        helpers.write_text(TEST_JS, "utf-8")
        self.engine = Engine(scripts=[*FORMATTER_SCRIPTS, helpers])

    def call(self, name: str, *args):
        return self.engine.call(name, *args)

    def write(self, template: bytes, paragraphs, comments=None) -> bytes:
        options = {"template": template.decode("latin-1"), "paragraphs": paragraphs, "comments": comments}
        return self.call("ReportDocx.writeLatin1", options).encode("latin-1")

    def metrics(self, template: bytes) -> dict:
        return self.call("ReportDocx.readMetrics", template.decode("latin-1"))

    def layout(self, name: str, date: str, metrics: dict) -> dict:
        return self.call("ReportDocx.signatureLayout", name, date, metrics)


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return bt.build_documents()


@pytest.fixture(scope="module")
def fmt(tmp_path_factory) -> Formatter:
    f = Formatter(tmp_path_factory.mktemp("v8"))
    yield f
    f.engine.close()


# The 2021 example is a study text, not a download; as a test draft it gets a
# title and a 落款 (the source has neither), as a writer would add them.
EXAMPLE_TITLE = f"{EXAMPLE['year']}年度述职报告"
EXAMPLE_NAME = "XXX"
EXAMPLE_DATE = f"{EXAMPLE['year'] + 1}年1月6日"
KIND_STYLES = {"title": "Title", "salutation": "称谓", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3",
               "h4": "Heading 4", "body": "Normal", "signature": "Signature", "date": "Date"}


def example_paragraphs() -> list[dict]:
    """The guide's 2021 example with the kinds data/example_report.yml gives."""
    paras = [{"kind": "title", "text": EXAMPLE_TITLE, "runIn": None}]
    paras += [{"kind": p["kind"], "text": p["text"], "runIn": None} for p in EXAMPLE["paragraphs"]]
    paras += [{"kind": "signature", "text": EXAMPLE_NAME, "runIn": None},
              {"kind": "date", "text": EXAMPLE_DATE, "runIn": None}]
    return paras


def example_styles() -> list[tuple[str, str]]:
    """(style, text) of each paragraph of the 2021 example, from the data's kinds."""
    return [(KIND_STYLES[p["kind"]], p["text"]) for p in example_paragraphs()]


def short_report(name: str, date: str) -> list[dict]:
    """A one-page report whose 落款 is the thing under test."""
    return [
        {"kind": "title", "text": "2026年度述职报告", "runIn": None},
        {"kind": "salutation", "text": "各位领导、同志们：", "runIn": None},
        {"kind": "body", "text": "2026年，本人认真履行职责，较好完成各项工作任务。现将履职情况报告如下。", "runIn": None},
        {"kind": "h1", "text": "一、加强学习，提高素质", "runIn": None},
        {"kind": "body", "text": "（一）加强政治学习。坚持读原著、学原文、悟原理，全年参加集中学习24次。",
         "runIn": {"level": 2, "length": len("（一）加强政治学习。")}},
        {"kind": "body", "text": "以上报告，请予审议。", "runIn": None},
        {"kind": "blank", "text": "", "runIn": None},
        {"kind": "signature", "text": name, "runIn": None},
        {"kind": "date", "text": date, "runIn": None},
    ]


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def paragraphs_of(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(io.BytesIO(data)).paragraphs]


def squeeze(text: str) -> str:
    return "".join(text.split())


# ---------------------------------------------------------------------------
# The 2021 example: the paragraphs and styles its data gives, on the template
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("template", [MOBAN, MOBAN_SYSTEM])
def test_example_gets_the_styles_of_its_kinds(fmt, built, template):
    out = fmt.write(built[template], example_paragraphs())
    assert paragraphs_of(out) == example_styles()
    # the styles, margins, grid and footers are the template's, untouched
    ours, theirs = parts(out), parts(built[template])
    for name in ("word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/footer1.xml",
                 "word/footer2.xml"):
        assert ours[name] == theirs[name], name
    sect = re.compile(rb"<w:sectPr\b.*</w:sectPr>", re.S)
    assert sect.search(ours["word/document.xml"]).group(0) == sect.search(theirs["word/document.xml"]).group(0)


def test_every_character_is_kept(fmt, built):
    paras = example_paragraphs()
    doc = Document(io.BytesIO(fmt.write(built[MOBAN], paras)))
    assert squeeze("".join(p.text for p in doc.paragraphs)) == squeeze("".join(p["text"] for p in paras))


def test_template_comments_are_not_carried_over(fmt, built):
    template = parts(built[MOBAN])
    assert "word/comments.xml" in template            # the template has its guidance comments
    out = parts(fmt.write(built[MOBAN], example_paragraphs()))
    assert not [n for n in out if "comments" in n or "people" in n]
    for name in ("word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"):
        assert b"comment" not in out[name].lower(), name
    first_advice = re.search(rb"<w:t[^>]*>([^<]{10,})</w:t>", template["word/comments.xml"]).group(1)
    assert all(first_advice not in data for data in out.values())


def test_title_is_the_document_title(fmt, built):
    out = Document(io.BytesIO(fmt.write(built[MOBAN], example_paragraphs())))
    assert out.core_properties.title == EXAMPLE_TITLE


# ---------------------------------------------------------------------------
# Styles by name, run-in headings, the eastAsia hint
# ---------------------------------------------------------------------------

def test_styles_are_looked_up_by_name(fmt, built):
    """A template whose style ids differ (as in a file saved by Chinese Word)
    gets the same styles by name."""
    files = parts(built[MOBAN])
    renames = {"Heading1": "a1", "Heading2": "a2", "Heading2Char": "a2c", "Title": "ti", "Signature": "qm",
               "Date": "rq"}
    styles = files["word/styles.xml"].decode("utf-8")
    for old, new in renames.items():
        styles = re.sub(rf'(w:styleId|<w:basedOn w:val|<w:link w:val|<w:next w:val)="{old}"', rf'\1="{new}"', styles)
    files["word/styles.xml"] = styles.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    out = fmt.write(buf.getvalue(), short_report("张三", "2026年12月18日"))
    document = parts(out)["word/document.xml"].decode("utf-8")
    for new in ("a1", "ti", "qm", "rq", "a2c"):
        assert f'w:val="{new}"' in document, new
    assert [s for s, _ in paragraphs_of(out)] == ["Title", "称谓" if "称谓" in styles else "Normal", "Normal",
                                                   "Heading 1", "Normal", "Normal", "Signature", "Date"]


def _runs(p):
    out = []
    for r in p.iter(W + "r"):
        style = r.find(f"{W}rPr/{W}rStyle")
        text = "".join(t.text or "" for t in r.iter(W + "t"))
        if text:
            out.append((None if style is None else style.get(W + "val"), text))
    return out


def test_run_in_heading_takes_the_character_style(fmt, built):
    doc = Document(io.BytesIO(fmt.write(built[MOBAN], short_report("张三", "2026年12月18日"))))
    char_id = next(s.style_id for s in doc.styles if s.name == "Heading 2 Char")
    p = next(p for p in doc.paragraphs if p.text.startswith("（一）"))
    assert p.style.name == "Normal"
    assert _runs(p._p) == [(char_id, "（一）加强政治学习。"), (None, "坚持读原著、学原文、悟原理，全年参加集中学习24次。")]
    # the character style carries the 楷体 of 标题 2
    char = doc.styles["Heading 2 Char"].element
    heading = doc.styles["Heading 2"].element
    font = lambda el: el.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia")     # noqa: E731
    assert font(char) == font(heading) == bt.STANDARD.kaiti


def test_every_text_run_has_the_east_asia_hint(fmt, built):
    """Word sets “ ” — … in the hAnsi font unless the run's hint is eastAsia (issue 11)."""
    out = fmt.write(built[MOBAN], example_paragraphs(), [{"paragraph": 3, "start": 0, "length": 4, "text": "“意见”……"}])
    for name in ("word/document.xml", "word/comments.xml"):
        root = etree.fromstring(parts(out)[name])
        runs = [r for r in root.iter(W + "r") if r.find(W + "t") is not None]
        assert runs, name
        for r in runs:
            assert r.find(f"{W}rPr/{W}rFonts").get(W + "hint") == "eastAsia", name


def test_word_sets_every_chinese_character_in_a_cjk_font(fmt, built):
    """The font-slot rule of MS-OI29500 (tests/word_fonts.py) over every run the formatter writes."""
    from word_fonts import non_cjk_characters

    paras = example_paragraphs() + short_report("张三", "2026年12月18日")
    paras.append({"kind": "body", "text": "“四个意识”——‘两个维护’……《条例》・（一）", "runIn": None})
    comments = [{"paragraph": 3, "start": 0, "length": 6, "text": "“意见”——……"}]
    for path in (MOBAN, MOBAN_SYSTEM):
        assert not non_cjk_characters(fmt.write(built[path], paras, comments)), path


# ---------------------------------------------------------------------------
# Comments (批注)
# ---------------------------------------------------------------------------

def test_comments_are_anchored_at_their_text(fmt, built):
    paras = short_report("张三", "2026年12月18日")
    comments = [
        {"paragraph": 2, "start": 3, "length": 4, "text": "第一条意见"},
        {"paragraph": 4, "start": 0, "length": 10, "text": "跨过小标题的意见\n第二段"},
        {"paragraph": 4, "start": 8, "length": 6, "text": "与上一条重叠"},
        {"paragraph": None, "start": 0, "length": 0, "text": "全文的意见"},
        {"paragraph": 6, "start": 0, "length": 0, "text": "空行上的意见"},
    ]
    out = fmt.write(built[MOBAN], paras, comments)
    files = parts(out)
    assert b"comments+xml" in files["[Content_Types].xml"]
    doc = Document(io.BytesIO(out))
    texts = {c.comment_id: c.text for c in doc.comments}
    assert texts == {0: "第一条意见", 1: "跨过小标题的意见\n第二段", 2: "与上一条重叠", 3: "全文的意见", 4: "空行上的意见"}
    assert {c.author for c in doc.comments} == {bt.COMMENT_AUTHOR}
    assert {c.initials for c in doc.comments} == {bt.COMMENT_INITIALS}
    anchored = anchored_text(files["word/document.xml"])
    assert anchored[0] == paras[2]["text"][3:7]
    assert anchored[1] == paras[4]["text"][:10]
    assert anchored[2] == paras[4]["text"][8:14]
    assert anchored[3] == paras[0]["text"]                 # no paragraph: the whole first one
    assert anchored[4] == paras[5]["text"]                 # a blank line: the paragraph before it
    # the text reads the same with the comment marks in it
    assert paragraphs_of(out) == paragraphs_of(fmt.write(built[MOBAN], paras))


def anchored_text(document_xml: bytes) -> dict[int, str]:
    """comment id → the text between its range marks."""
    root = etree.fromstring(document_xml)
    open_ids: set[int] = set()
    out: dict[int, str] = {}
    for el in root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t"):
        if el.tag == W + "commentRangeStart":
            open_ids.add(int(el.get(W + "id")))
            out.setdefault(int(el.get(W + "id")), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(int(el.get(W + "id")))
        else:
            for i in open_ids:
                out[i] += el.text or ""
    return out


# ---------------------------------------------------------------------------
# Reproducible bytes
# ---------------------------------------------------------------------------

def test_byte_identical_twice(fmt, built, tmp_path):
    paras = example_paragraphs()
    comments = [{"paragraph": 2, "start": 0, "length": 3, "text": "意见"}]
    first = fmt.write(built[MOBAN], paras, comments)
    assert fmt.write(built[MOBAN], paras, comments) == first
    fresh = Formatter(tmp_path)
    try:
        assert fresh.write(built[MOBAN], paras, comments) == first          # a fresh V8, too
    finally:
        fresh.engine.close()
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        infos = z.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_the_output_is_a_valid_zip(fmt, built):
    out = fmt.write(built[MOBAN], example_paragraphs())
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))


# ---------------------------------------------------------------------------
# Hostile text
# ---------------------------------------------------------------------------

C0 = "".join(chr(c) for c in range(0x20) if c not in (0x09, 0x0A, 0x0B, 0x0C, 0x0D))
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
HOSTILE = [
    '<script>alert("x")</script>',
    "<w:p><w:r><w:t>注入</w:t></w:r></w:p>]]><!--",
    "&amp; &lt; &#0; &#x1; & < > \" ' \\",
    "控制字符" + C0 + "\x7f" + C1 + "结束",
    "从右到左" + BIDI + "‮覆盖‬",
    "tab\t换行\n回车\r\n竖\x0b分页\x0c",
    "\ufffe\uffff\ufeff𠀀😀",
]


def test_hostile_text_stays_literal(fmt, built):
    paras = [{"kind": "title", "text": HOSTILE[0], "runIn": None}]
    paras += [{"kind": k, "text": t, "runIn": None} for k, t in zip(["body", "h1", "h2", "h3", "h4", "body"], HOSTILE[1:])]
    paras += [{"kind": "signature", "text": "<b>署名</b>", "runIn": None}, {"kind": "date", "text": "&日期\x00", "runIn": None}]
    out = fmt.write(built[MOBAN], paras, [{"paragraph": 1, "start": 0, "length": 5, "text": "</w:t>\x01<x>"}])
    files = parts(out)
    for name in ("word/document.xml", "word/comments.xml", "docProps/core.xml"):
        etree.fromstring(files[name])                 # well-formed, with no recovery
    doc = Document(io.BytesIO(out))
    got = [p.text for p in doc.paragraphs]
    assert len(got) == len(paras)

    def visible(t):
        """What the writer promises: XML-illegal characters as Control Pictures or U+FFFD."""
        t = "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 and c not in "\t\n\x0b\x0c\r" else c for c in t)
        return t.replace("\x7f", "\u2421").replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")

    for p, text in zip(paras, got):
        assert squeeze(text) == squeeze(visible(p["text"])), p["text"]
    assert got[0] == '<script>alert("x")</script>'
    assert "␀" in got[-1] and "␁" in got[3] and "\x85" in got[3] and "\u202e" in got[4]
    assert [c.text for c in doc.comments] == ["</w:t>␁<x>"]
    # line, page breaks and tabs are Word's own elements
    root = etree.fromstring(files["word/document.xml"])
    assert root.find(f".//{W}br[@{W}type='page']") is not None
    assert root.find(f".//{W}tab") is not None
    assert not root.findall(f".//{W}script") and not root.findall(f".//{W}b")


def test_lone_surrogates_become_replacement_characters(fmt, built):
    """JavaScript strings may hold lone surrogates (a cut emoji); UTF-8 cannot."""
    out = fmt.call("testing.loneSurrogates", built[MOBAN].decode("latin-1"))
    doc = Document(io.BytesIO(out.encode("latin-1")))
    assert doc.paragraphs[0].text == "a\ufffdb\ufffdc😀d\ufffd"


def test_a_megabyte_of_text(fmt, built):
    unit = "全年共办理群众来信来访XX件，<办结率>100%。&"
    block = unit * 40
    n = 1024 * 1024 // len(block.encode("utf-8")) + 1
    paras = [{"kind": "body", "text": block, "runIn": None} for _ in range(n)]
    paras.append({"kind": "body", "text": unit * (1024 * 1024 // len(unit.encode("utf-8")) + 1), "runIn": None})
    assert sum(len(p["text"].encode("utf-8")) for p in paras) > 2 * 1024 * 1024
    out = fmt.write(built[MOBAN], paras)
    doc = Document(io.BytesIO(out))
    assert [p.text for p in doc.paragraphs] == [p["text"] for p in paras]


def test_bad_options_raise_clear_errors(fmt, built):
    from engine_host import EngineError

    with pytest.raises(EngineError, match="Uint8Array or a latin-1 string"):
        fmt.call("ReportDocx.writeLatin1", {"template": 42, "paragraphs": []})
    with pytest.raises(EngineError, match="paragraphs must be a list"):
        fmt.write(built[MOBAN], "not a list")
    # unknown kinds and missing fields fall back to body text, nothing is lost
    out = fmt.write(built[MOBAN], [{"kind": "poem", "text": "正文"}, {"text": 12}, {}])
    assert paragraphs_of(out) == [("Normal", "正文"), ("Normal", "12"), ("Normal", "")]
    # nothing to write: still one (empty) paragraph, as Word expects
    assert paragraphs_of(fmt.write(built[MOBAN], [{"kind": "blank", "text": " "}])) == [("Normal", "")]


# ---------------------------------------------------------------------------
# The 落款: metrics from the template, the layout, keep-with-next
# ---------------------------------------------------------------------------

def test_metrics_come_from_the_template(fmt, built):
    for path in (MOBAN, MOBAN_SYSTEM):
        doc = Document(io.BytesIO(built[path]))
        section, normal = doc.sections[0], doc.styles["Normal"]
        spacing = normal.element.find(f"{W}rPr/{W}spacing")
        assert fmt.metrics(built[path]) == {
            "typeWidth": section.page_width.twips - section.left_margin.twips - section.right_margin.twips,
            "fontSize": round(normal.font.size.pt * 2),
            "charSpacing": int(spacing.get(W + "val")),
        }
        assert fmt.metrics(built[path])["typeWidth"] == 8845           # 156 mm, GB/T 9704


def test_signature_layout_rules(fmt, built):
    m = fmt.metrics(built[MOBAN])
    em = m["fontSize"] * 10
    two = 2 * (em + m["charSpacing"])
    # a person's name and a date: the date is the longer
    a = fmt.layout("张三", "2026年12月18日", m)
    assert a["dateIsLonger"]
    assert a["date"] == {"align": "right", "indent": {"left": 0, "right": 2 * em, "rightChars": 200,
                                                      "firstLine": 0, "firstLineChars": 0}}
    date_start = m["typeWidth"] - 2 * em - a["widths"]["date"]
    assert a["signature"]["align"] == "left"
    assert a["signature"]["indent"]["left"] == date_start - two
    # a December date is wider than a January one: the name moves left with it
    b = fmt.layout("张三", "2027年1月8日", m)
    assert b["signature"]["indent"]["left"] - a["signature"]["indent"]["left"] == \
        a["widths"]["date"] - b["widths"]["date"] > 0
    # an office's name, longer than the date: the name 右空二字, the date follows it
    c = fmt.layout("某某县人民政府办公室", "2027年1月8日", m)
    assert not c["dateIsLonger"]
    assert c["signature"] == {"align": "right", "indent": a["date"]["indent"]}
    assert c["date"]["align"] == "left"
    assert c["date"]["indent"]["left"] == m["typeWidth"] - 2 * em - c["widths"]["signature"] + two
    # widths: CJK one em, digits half an em, character spacing, and the CJK/digit autospace
    assert fmt.layout("张三", "", m)["widths"]["signature"] == 2 * (em + m["charSpacing"])
    w = fmt.layout("", "2026年12月18日", m)["widths"]["date"]
    assert w == round(3 * (em + m["charSpacing"]) + 8 * (em // 2 + m["charSpacing"]) + 5 * 0.215 * em)


def test_paragraph_before_the_closing_keeps_with_it(fmt, built):
    doc = Document(io.BytesIO(fmt.write(built[MOBAN], short_report("张三", "2026年12月18日"))))
    paras = doc.paragraphs
    i = next(n for n, p in enumerate(paras) if p.style.name == "Signature")
    assert paras[i - 1].paragraph_format.keep_with_next
    assert not any(p.paragraph_format.keep_with_next for p in paras[:i - 1] if p.style.name == "Normal")


def test_indents_agree_in_twips_and_characters(fmt, built):
    """Word prefers the *Chars attributes, LibreOffice reads only twips: wherever
    both are written they give the same indent (one character = the body size)."""
    em = fmt.metrics(built[MOBAN])["fontSize"] * 10
    for name, date in [*CLOSINGS.values(), ("张三", ""), ("", "2027年1月8日")]:
        root = etree.fromstring(parts(fmt.write(built[MOBAN], short_report(name, date)))["word/document.xml"])
        for ind in root.iter(W + "ind"):
            for side in ("left", "right", "firstLine"):
                chars = ind.get(W + side + "Chars")
                if chars is not None:
                    assert int(chars) * em // 100 == int(ind.get(W + side)), etree.tostring(ind)
            assert ind.get(W + "leftChars") is None


def test_two_line_title_and_signature_are_one_block(fmt, built):
    paras = short_report("张三", "2027年1月8日")
    paras[0:1] = [{"kind": "title", "text": "关于2026年度履行职责情况的", "runIn": None},
                  {"kind": "title", "text": "述职报告", "runIn": None}]
    paras[-2:-1] = [{"kind": "signature", "text": "某某县人民政府办公室", "runIn": None},
                    {"kind": "signature", "text": "张三", "runIn": None}]
    doc = Document(io.BytesIO(fmt.write(built[MOBAN], paras)))
    p = doc.paragraphs
    assert [x.style.name for x in p[:2]] == ["Title", "Title"]
    assert p[0].paragraph_format.space_after == 0 and p[1].paragraph_format.space_after is None
    assert doc.core_properties.title == "关于2026年度履行职责情况的述职报告"
    names = [x for x in p if x.style.name == "Signature"]
    assert names[0].paragraph_format.space_before is None and names[1].paragraph_format.space_before == 0


# ---------------------------------------------------------------------------
# Rendered by LibreOffice
# ---------------------------------------------------------------------------

CLOSINGS = {
    "person-december": ("张三", "2026年12月18日"),          # short name, long date
    "person-january": ("李四", "2027年1月8日"),
    "office": ("某某县人民政府办公室", "2027年1月8日"),       # long 署名, short date
}


# A long model report whose pages, rendered without widow/orphan control, leave a paragraph's
# first or last line alone on a page (six of the eight models did when this was written)
WIDOWS_MODEL = "model-zhengfuban-zhuren"
WIDOWS_OFF = "widows-off"


def widow_control_off(data: bytes) -> bytes:
    """The .docx with <w:widowControl w:val="0"/> in the Normal style (the template turns it on there)."""
    import zipfile

    src, buf = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            part = src.read(item.filename)
            if item.filename == "word/styles.xml":
                normal = part.index(b'w:styleId="Normal"')
                assert part.count(b"<w:widowControl/>") == 1 and part.index(b"<w:widowControl/>") > normal
                part = part.replace(b"<w:widowControl/>", b'<w:widowControl w:val="0"/>')
            out.writestr(item, part)
    return buf.getvalue()


@pytest.fixture(scope="module")
def rendered(fmt, built, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("formatted")
    docs = {"example": fmt.write(built[MOBAN], example_paragraphs())}
    for key, (name, date) in CLOSINGS.items():
        docs[key] = fmt.write(built[MOBAN], short_report(name, date))
    from guide_build import data as guide_data, generated

    for report in guide_data.load("model_reports"):        # the model reports' downloads, as served
        docs[f"model-{report['id']}"] = generated.word_documents()[generated.model_download_paths(report["id"])["standard"]]
    # planted fault, in the same LibreOffice run: one long model with widow/orphan control off
    docs[WIDOWS_OFF] = widow_control_off(docs[WIDOWS_MODEL])
    files = []
    for key, data in docs.items():
        (tmp / f"{key}.docx").write_bytes(data)
        files.append(tmp / f"{key}.docx")
    pdfs = rp.to_pdf(files, tmp / "pdf")
    out = {}
    for key, pdf in zip(docs, pdfs):
        import subprocess

        bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                              text=True).stdout
        out[key] = parse_bbox(bbox)
    return out


REPORTS = yaml.safe_load((ROOT / "data" / "model_reports.yml").read_text("utf-8"))
MODELS = [f"model-{r['id']}" for r in REPORTS]
# The page-grid test needs two full pages: a 1,500-character model ends on its
# third page and a 考核登记表 entry (no title: it goes into the form's box) fits on one.
LONG_MODELS = [f"model-{r['id']}" for r in REPORTS
               if sum(len(re.sub(r"\s", "", p["text"])) for p in r["paragraphs"]) >= 2500]
TITLED_MODELS = [f"model-{r['id']}" for r in REPORTS if r["title"]]


HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")


def rendered_source(fmt, built, key) -> list[str]:
    """The paragraphs (table cells included) of the document rendered under `key`."""
    if key == "example":
        data = fmt.write(built[MOBAN], example_paragraphs())
    else:
        from guide_build import generated

        data = generated.word_documents()[generated.model_download_paths(key[len("model-"):])["standard"]]
    return pagination.body_texts(Document(io.BytesIO(data)))


@pytest.mark.parametrize("key", ["example", *LONG_MODELS])
def test_rendered_example_has_22_lines_on_full_pages(fmt, built, rendered, key):
    pages = [body_lines(p) for p in rendered[key]]
    counts = [len(p) for p in pages]
    assert len(pages) >= 3
    assert max(counts) == 22 and counts.count(22) >= 2, counts
    # A page between the first and the last is full, unless the next one starts with what
    # is kept with the text after it (a heading, or the paragraph before the 落款: LibreOffice
    # moves such a paragraph whole; Word, by ECMA-376 §17.3.1.14, keeps only its end with the
    # 落款), or widow/orphan control moved one line over (tests/pagination.py).
    placed = pagination.place(pages, rendered_source(fmt, built, key))
    assert not pagination.short_pages(placed), (key, counts)
    grid = [ln.y for ln in pages[1]]
    for a, b in zip(grid, grid[1:]):
        assert b - a == pytest.approx(PITCH, abs=0.25)


@pytest.mark.parametrize("key", ["example", *MODELS])
def test_rendered_pages_have_no_widows_or_orphans(fmt, built, rendered, key):
    """No page starts with the last line of a longer paragraph or ends with its first
    (widow/orphan control, Word's default, on in the template's Normal style)."""
    placed = pagination.place([body_lines(p) for p in rendered[key]], rendered_source(fmt, built, key))
    assert not pagination.widows_and_orphans(placed), key


def test_widow_detector_finds_lines_left_alone_with_control_off(fmt, built, rendered):
    """Planted fault for the test above: the same model report with widow/orphan control off in
    Normal is rendered with at least one page starting or ending with a lone line, and
    tests/pagination.py says so."""
    placed = pagination.place([body_lines(p) for p in rendered[WIDOWS_OFF]], rendered_source(fmt, built, WIDOWS_MODEL))
    found = pagination.widows_and_orphans(placed)
    assert found and all("lone" in f for f in found), found


@pytest.mark.parametrize("key", ["example", *CLOSINGS, *TITLED_MODELS])
def test_rendered_title_centred(rendered, key):
    title = body_lines(rendered[key][0])[0]
    assert (title.x0 + title.x1) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=2)
    assert TOP <= title.y and title.height > 26


def test_rendered_salutation_flush_left_and_run_in_heading(rendered):
    lines = body_lines(rendered["office"][0])
    salutation = next(ln for ln in lines if ln.text.startswith("各位领导"))
    assert salutation.x0 == pytest.approx(LEFT, abs=1)
    heading = next(ln for ln in lines if ln.text.startswith("（一）"))
    assert heading.x0 == pytest.approx(LEFT + 2 * 16, abs=1.5)


@pytest.mark.parametrize("key", ["example", *CLOSINGS, *MODELS])
def test_rendered_closing_per_gbt_9704(rendered, key):
    lines = body_lines(rendered[key][-1])
    name, date, body = lines[-2], lines[-1], lines[-3]
    # on consecutive grid lines, one blank line above (a Latin name's glyph box sits lower)
    assert date.y - name.y == pytest.approx(PITCH, abs=1.5)
    assert name.y - body.y == pytest.approx(2 * PITCH, abs=1.5)
    # the date's first character two characters right of the 署名's first
    assert date.x0 - name.x0 == pytest.approx(2 * CHAR, abs=1)
    longer = key != "office"
    if longer:
        assert RIGHT - date.x1 == pytest.approx(2 * 16, abs=1)               # the date 右空二字
    else:
        assert RIGHT - name.x1 == pytest.approx(2 * 16, abs=1)               # the 署名 右空二字
        assert RIGHT - date.x1 > 2 * 16
    assert date.x1 <= RIGHT and name.x0 >= LEFT


# ---------------------------------------------------------------------------
# format(): the engine's findings become comments at their text
# ---------------------------------------------------------------------------

def test_format_anchors_findings_at_their_text(fmt, built):
    draft = [{"text": "述职报告", "style": "Title"}, {"text": "\u3000\u3000全年XX件"}, {"text": "𠀀𠀁𠀂𠀃正文\n软换行"}]
    out = fmt.call("testing.formatWithStub", draft, built[MOBAN].decode("latin-1"), True).encode("latin-1")
    # the checker gets the paragraphs (it counts a soft line break as a new line, as the page's box shows it)
    assert fmt.call("testing.stubSeen") == ["述职报告", "\u3000\u3000全年XX件", "𠀀𠀁𠀂𠀃正文\n软换行"]
    doc = Document(io.BytesIO(out))
    # a soft line break stays inside its paragraph (issue 18)
    assert [(p.style.name, p.text) for p in doc.paragraphs] == [
        ("Title", "述职报告"), ("Normal", "全年XX件"), ("Normal", "𠀀𠀁𠀂𠀃正文\n软换行")]
    texts = [c.text for c in doc.comments]
    assert texts[0].startswith("以下4条批注是“自查与排版”给出的自查意见") and "删除文档中的所有批注" in texts[0]
    assert texts[1:] == ["【错误】“XX”未替换\n建议：换成实际内容", "【提示】代码点", "【提示】全文", "【提示】软换行后"]
    anchored = anchored_text(parts(out)["word/document.xml"])
    assert anchored[1] == "XX"                     # col counts the raw line, with its full-width indent
    assert anchored[2] == "𠀁𠀂𠀃"                    # code points, not UTF-16 units
    assert anchored[0] == anchored[3] == "述职报告"   # the note and document-level findings: on the title
    assert anchored[4] == "换行"                    # line 4 is the soft-broken paragraph's second line
    # without comments: the same paragraphs, no comments part
    plain = fmt.call("testing.formatWithStub", draft, built[MOBAN].decode("latin-1"), False).encode("latin-1")
    assert paragraphs_of(plain) == paragraphs_of(out)
    assert "word/comments.xml" not in parts(plain)


# ---------------------------------------------------------------------------
# The same bytes in Chromium (TextEncoder, the page's V8) and in bare V8
# ---------------------------------------------------------------------------

def test_chromium_writes_the_same_bytes(fmt, built, page):
    import base64

    page.goto("about:blank")
    page.add_script_tag(content=(JS / "vendor" / "fflate.js").read_text(encoding="utf-8"))
    page.add_script_tag(content=(JS / "engine" / "docx-write.js").read_text(encoding="utf-8"))
    paras = example_paragraphs() + [{"kind": "body", "text": t, "runIn": None} for t in HOSTILE]
    comments = [{"paragraph": 3, "start": 2, "length": 5, "text": "意见😀\x01"}]
    got = page.evaluate("""([b64, paragraphs, comments]) => {
        const out = ReportDocx.write({template: ReportDocx.fromBase64(b64), paragraphs, comments});
        let s = ""; for (const b of out) s += String.fromCharCode(b);
        return btoa(s);
    }""", [base64.b64encode(built[MOBAN]).decode(), paras, comments])
    assert base64.b64decode(got) == fmt.write(built[MOBAN], paras, comments)
    assert page.evaluate("typeof TextEncoder") == "function"       # the page took the other UTF-8 path
    assert not page.errors and not page.outside("about:")


# ---------------------------------------------------------------------------
# The engine classifies, the command line writes (scripts/format_report.py)
# ---------------------------------------------------------------------------

CLI = [sys.executable, str(ROOT / "scripts" / "format_report.py")]


def example_draft() -> str:
    """The 2021 example as a writer would type it: one paragraph a line."""
    return "\n".join(p["text"] for p in example_paragraphs())


def run_cli(*args, cwd=None):
    import subprocess

    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def format_report():
    import format_report as fr

    return fr


@pytest.mark.parametrize("fonts,template", [("standard", MOBAN), ("system", MOBAN_SYSTEM)])
def test_engine_classifies_the_example_as_its_data(format_report, built, fonts, template):
    """The 2021 example as plain text, one paragraph a line, through ReportEngine.classify
    and the writer: paragraph by paragraph the kinds data/example_report.yml gives."""
    out = format_report.format_draft(example_draft(), fonts)
    assert paragraphs_of(out) == example_styles()
    assert parts(out)["word/styles.xml"] == parts(built[template])["word/styles.xml"]


TWO_LINE_TITLES = [
    (["关于2026年度个人", "述职报告"], True),                 # the first line breaks off without 的
    (["关于2026年度履行职责情况的", "述职报告"], True),
    (["2026年度个人工作", "总结"], True),
    (["2026年度述职报告", "王某某"], False),                  # a name under a whole title stays apart
    (["2026年度述职报告", "述职报告"], False),                # a first line with its own 文种 is whole
]


@pytest.mark.parametrize("lines,joined", TWO_LINE_TITLES, ids=["no-de", "de", "zongjie", "name-apart", "whole-first"])
def test_a_title_broken_over_two_lines_is_one_title(format_report, lines, joined):
    """Pasted as plain text, a title on two lines is formatted as one two-line title."""
    draft = "\n".join(lines + ["各位领导、同志们：", "2026年，本人认真履行职责。现将履职情况报告如下。",
                                "一、加强学习，提高素质", "坚持读原著、学原文、悟原理。", "王某某", "2027年1月8日"])
    out = format_report.format_draft(draft)
    styles = [style for style, _ in paragraphs_of(out)]
    if joined:
        assert styles[:3] == ["Title", "Title", "称谓"], styles
        assert Document(io.BytesIO(out)).core_properties.title == "".join(lines)
    else:
        assert styles[0] == "Title" and styles[1] != "Title", styles
    assert styles[-2:] == ["Signature", "Date"]


@pytest.fixture(scope="module")
def served():
    """The Word files the site serves (guide_build/generated.py word_documents())."""
    from guide_build import generated

    return generated, generated.word_documents()


def test_served_files_are_the_templates_and_the_formatted_model_reports(built, served):
    """One source of bytes: the templates as build_template.py builds them, and
    every other Word file the formatter's output on them (the 范文 are the model
    reports; the 2021 example is no download)."""
    hooks, documents = served
    assert sorted(documents) == sorted(d.path for d in hooks.served_downloads())
    for d in bt.DOWNLOADS:
        assert documents[d.path] == built[d.path], d.path
    models = {d.path for d in hooks.model_downloads()}
    assert set(documents) == set(built) | models and not set(built) & models


def test_every_model_report_formats_from_its_plain_text(format_report, built, served):
    """Each model report's download has the styles its data gives, and the engine,
    given the report as plain text (as 复制全文 copies it), classifies it the same."""
    hooks, documents = served
    styles = {"title": "Title", "salutation": "称谓", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3",
              "h4": "Heading 4", "body": "Normal", "signature": "Signature", "date": "Date"}
    from guide_build import data as guide_data

    reports = guide_data.load("model_reports")
    assert reports
    for report in reports:
        blocks = guide_data.model_report_blocks(report)
        want = [(styles[b["kind"]], b["text"]) for b in blocks]
        for variant, path in hooks.model_download_paths(report["id"]).items():
            assert paragraphs_of(documents[path]) == want, path
            fonts = hooks.MODEL_FONTS[variant]
            assert documents[path] == format_report.write_docx(format_report.template_bytes(fonts), blocks)
            plain = format_report.format_draft("\n".join(guide_data.model_report_lines(report)), fonts)
            assert plain == documents[path], f"{path}: the engine classifies the plain text differently"


def test_cli_txt_to_docx(format_report, tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text("\ufeff" + "\r\n".join("\u3000\u3000" + line for line in example_draft().split("\n")), "utf-8")
    before = draft.read_bytes(), draft.stat().st_mtime_ns
    result = run_cli(draft.name, "-o", "述职报告.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "已生成" in result.stdout and not result.stderr
    out = (tmp_path / "述职报告.docx").read_bytes()
    assert (draft.read_bytes(), draft.stat().st_mtime_ns) == before                 # the input is untouched
    assert paragraphs_of(out) == paragraphs_of(format_report.format_draft(example_draft()))
    # hand-typed indents are gone, every other character is kept
    assert squeeze("".join(p for _, p in paragraphs_of(out))) == squeeze(example_draft())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["草稿.txt", "述职报告.docx"]   # no temporary file left


def test_cli_reads_every_input_kind(fmt, format_report, built, tmp_path):
    text = example_draft()
    inputs = {
        "gbk.txt": text.encode("gbk"),
        "utf16.txt": text.encode("utf-16"),                 # with its BOM
        "draft.md": text.encode("utf-8"),
        "范文.docx": fmt.write(built[MOBAN], example_paragraphs()),
    }
    want = example_styles()
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
        result = run_cli(name, "-o", f"{name}.out.docx", cwd=tmp_path)
        assert result.returncode == 0, (name, result.stderr)
        assert paragraphs_of((tmp_path / f"{name}.out.docx").read_bytes()) == want, name
    # a formatted file, formatted again, is the same file
    again = run_cli("范文.docx.out.docx", "-o", "again.docx", cwd=tmp_path)
    assert again.returncode == 0
    assert (tmp_path / "again.docx").read_bytes() == (tmp_path / "范文.docx.out.docx").read_bytes()


def test_cli_options(format_report, built, tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text(example_draft().replace("较好完成各项工作任务", "较好完成各项工作任务，XX件"), "utf-8")
    result = run_cli(draft, "-o", tmp_path / "a.docx", "--fonts", "system", "--with-comments", "--year", "2021")
    assert result.returncode == 0, result.stderr
    out = (tmp_path / "a.docx").read_bytes()
    assert parts(out)["word/styles.xml"] == parts(built[MOBAN_SYSTEM])["word/styles.xml"]
    comments = [c.text for c in Document(io.BytesIO(out)).comments]
    assert comments[0].startswith("以下") and "删除文档中的所有批注" in comments[0]
    assert any("XX" in c for c in comments[1:])
    anchored = anchored_text(parts(out)["word/document.xml"])
    assert "XX" in anchored.values()
    # the default output name sits beside the draft: the report's title, as the page names its download
    result = run_cli(draft)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / f"{EXAMPLE_TITLE}.docx").is_file()


@pytest.mark.parametrize("case", ["same", "exists", "not-docx", "no-folder", "empty", "binary", "missing", "old-doc",
                                  "bad-year"])
def test_cli_bad_input_is_a_chinese_message_and_exit_2(tmp_path, case):
    draft = tmp_path / "草稿.txt"
    draft.write_text("述职报告\n正文。", "utf-8")
    existing = tmp_path / "已有.docx"
    existing.write_bytes(b"my own file")
    args = {
        "same": [draft, "-o", draft],
        "exists": [draft, "-o", existing],
        "not-docx": [draft, "-o", tmp_path / "out.txt"],
        "no-folder": [draft, "-o", tmp_path / "没有这个文件夹" / "out.docx"],
        "empty": [tmp_path / "empty.txt", "-o", tmp_path / "out.docx"],
        "binary": [tmp_path / "binary.txt", "-o", tmp_path / "out.docx"],
        "missing": [tmp_path / "没有.txt", "-o", tmp_path / "out.docx"],
        "old-doc": [tmp_path / "old.doc", "-o", tmp_path / "out.docx"],
        "bad-year": [draft, "--year", "99"],
    }[case]
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    inputs = {p: p.read_bytes() for p in tmp_path.iterdir()}
    result = run_cli(*args)
    assert result.returncode == 2, result
    assert re.search(r"[\u4e00-\u9fff]", result.stderr) and "Traceback" not in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == inputs        # nothing written, nothing changed


# ---------------------------------------------------------------------------
# The 自查与排版 page: the downloaded file is the CLI's, byte for byte
# ---------------------------------------------------------------------------

def page_download(page, url: str, *, text: str | None = None, file: Path | None = None, fonts: str = "standard",
                  comments: bool = False, year: int = 2026) -> tuple[str, bytes]:
    page.goto(url)
    page.wait_for_function("window.ReportDocx && window.REPORT_DOCX_TEMPLATES && window.GuideChecker")
    if file is not None:
        page.set_input_files("#gc-file", str(file))
        page.wait_for_function("document.querySelector('#gc-file-status').textContent.startsWith('已读取')")
    else:
        page.fill("#gc-text", text)
    page.fill("#gc-year", str(year))
    page.click("#gc-run")
    page.select_option("#gc-fonts", fonts)
    page.set_checked("#gc-with-comments", comments)
    assert page.is_enabled("#gc-download")
    with page.expect_download() as info:
        page.click("#gc-download")
    download = info.value
    assert page.text_content("#gc-format-status").startswith("已生成")
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_page_button_waits_for_text(page, site_url):
    page.goto(site_url + "checker/")
    page.wait_for_function("window.ReportDocx && window.GuideChecker")
    assert page.is_disabled("#gc-download")
    assert page.title().startswith("自查与排版")
    page.fill("#gc-text", "2026年度述职报告")
    page.click("#gc-run")
    assert page.is_enabled("#gc-download")
    assert not page.errors


@pytest.mark.parametrize("fonts,comments", [("standard", False), ("system", True)])
def test_page_download_equals_cli_output(page, site_url, tmp_path, fonts, comments):
    draft = tmp_path / "草稿.txt"
    text = example_draft().replace("较好完成各项工作任务", "较好完成各项工作任务，共XX件")
    draft.write_text(text, "utf-8")
    name, data = page_download(page, site_url + "checker/", text=text, fonts=fonts, comments=comments)
    assert name == f"{EXAMPLE_TITLE}.docx"                     # the report's title (issue 18)
    args = [draft, "-o", tmp_path / "cli.docx", "--fonts", fonts, "--year", "2026"] + (["--with-comments"] if comments else [])
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert data == (tmp_path / "cli.docx").read_bytes()
    assert bool(list(Document(io.BytesIO(data)).comments)) is comments
    assert not page.errors and not page.outside(site_url.split("/sub/")[0])


@pytest.fixture(scope="module")
def fanwen(served) -> bytes:
    return served[1][FANWEN]


def hooks_title(data: bytes) -> str:
    return Document(io.BytesIO(data)).core_properties.title


def test_page_formats_a_docx_file_as_the_cli_does(page, site_url, fanwen, tmp_path):
    source = tmp_path / "我的草稿.docx"
    source.write_bytes(fanwen)
    name, data = page_download(page, site_url + "checker/", file=source, comments=True)
    assert name == f"{hooks_title(fanwen)}.docx"
    result = run_cli(source, "-o", tmp_path / "cli.docx", "--with-comments", "--year", "2026")
    assert result.returncode == 0, result.stderr
    assert data == (tmp_path / "cli.docx").read_bytes()
    assert paragraphs_of(data) == paragraphs_of(fanwen)
    assert not page.errors and not page.outside(site_url.split("/sub/")[0])


def test_offline_bundle_formats_from_file_url(page, offline_dir, tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text(example_draft(), "utf-8")
    _, data = page_download(page, (offline_dir / "checker.html").as_uri(), text=example_draft())
    result = run_cli(draft, "-o", tmp_path / "cli.docx", "--year", "2026")
    assert result.returncode == 0, result.stderr
    assert data == (tmp_path / "cli.docx").read_bytes()
    assert not page.errors
    assert all(u.startswith(("file://", "blob:", "data:")) for u in page.requests), page.requests


def test_checker_page_documents_the_cli_commands_that_work(tmp_path, fanwen):
    """Every format_report.py command on the page runs as written."""
    page_md = (ROOT / "docs" / "checker.md").read_text(encoding="utf-8")
    commands = re.findall(r"^python scripts/format_report\.py .*$", page_md, re.M)
    assert len(commands) >= 2
    (tmp_path / "草稿.txt").write_text(example_draft(), "utf-8")
    (tmp_path / "草稿.docx").write_bytes(fanwen)
    import shlex

    for command in commands:
        args = shlex.split(command)[2:]
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
        out = Path(tmp_path / args[args.index("-o") + 1])
        want = example_styles() if args[0].endswith(".txt") else paragraphs_of(fanwen)
        assert paragraphs_of(out.read_bytes()) == want, command


def test_formatter_scripts_load_only_on_the_checker_page(site_dir, built):
    """The templates (both variants, base64) cost about 30 KB: only 自查与排版 loads them."""
    import base64

    for html in site_dir.rglob("*.html"):
        page = html.read_text("utf-8")
        on_checker = html.relative_to(site_dir).as_posix() == "checker/index.html"
        for script in ("report-templates.js", "docx-write.js"):
            assert (script in page) is on_checker, (html, script)
    script = (site_dir / "assets" / "javascripts" / "report-templates.js").read_text("ascii")
    templates = dict(re.findall(r'"(standard|system)": "([A-Za-z0-9+/=]+)"', script))
    assert base64.b64decode(templates["standard"]) == built[MOBAN]
    assert base64.b64decode(templates["system"]) == built[MOBAN_SYSTEM]
