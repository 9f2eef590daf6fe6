"""Crafted .docx files against the engine's reader (issue 20 §1, §3, §5): bounded by
what the XML holds, data never reaching object internals, nothing silently lost.

Every file is generated here or by tests/hostile.py. What is measured is what the
reader kept or refused (counts), never a wall-clock reading.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402
from engine_host import FORMATTER_SCRIPTS, Engine, ReadError, default_data, engine  # noqa: E402

LIMITS = default_data()["rules"]["limits"]
W = hostile.W
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PROTO_NAMES = ["__proto__", "constructor", "hasOwnProperty", "toString", "valueOf"]
KEPT_TEXT = 200   # engine/docx-limits.js: what is kept of text outside the paragraphs


def engine_with(**limits) -> Engine:
    data = copy.deepcopy(default_data())
    data["rules"]["limits"].update(limits)
    return Engine(data=data)


def read(data: bytes, e: Engine | None = None) -> dict:
    return (e or engine()).call("ReportEngine.readDocx", data.decode("latin-1"))


def body(xml: str) -> bytes:
    return hostile.docx(f'<?xml version="1.0" encoding="UTF-8"?><w:document {W} {R}><w:body>{xml}</w:body>'
                        '</w:document>'.encode())


def para(text: str, inner: str = "") -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r>{inner}</w:p>"


def prototype_is_clean(e: Engine) -> bool:
    return e._ctx.eval("Object.getOwnPropertyNames(Object.prototype).filter(function (k) {"
                       " return ['start', 'end', 'ref', 'name', 'basedOn', 'outline'].indexOf(k) >= 0; }).length") == 0


# ---------------------------------------------------------------------------
# §1 Bounded by what the XML holds
# ---------------------------------------------------------------------------

def test_limits_for_the_reader_live_in_the_data():
    assert {"max_xml_elements", "max_revisions", "max_comments", "max_hidden"} <= set(LIMITS)
    assert engine().limits() == LIMITS


def test_millions_of_empty_insertions_are_refused_at_the_revision_cap():
    data = hostile.empty_insertions()
    assert len(data) < 40_000
    with pytest.raises(ReadError) as e:
        read(data)
    assert str(e.value).startswith(f"文件中的修订超过 {LIMITS['max_revisions']} 处") and "接受所有修订" in str(e.value)


def test_revisions_are_kept_up_to_the_cap_and_refused_past_it():
    small = engine_with(max_revisions=10)
    try:
        ten = body(para("一年来", "<w:ins/>" * 9 + "<w:r><w:rPr><w:rPrChange/></w:rPr><w:t>。</w:t></w:r>"))
        doc = read(ten, small)
        assert len(doc["revisions"]) == 10
        assert [r["type"] for r in doc["revisions"]].count("format") == 1
        with pytest.raises(ReadError, match="^文件中的修订超过 10 处"):
            read(body(para("一年来", "<w:ins/>" * 11)), small)
        with pytest.raises(ReadError, match="^文件中的修订超过 10 处"):
            read(body(para("一年来", "<w:r><w:rPr>" + "<w:rPrChange/>" * 11 + "</w:rPr></w:r>")), small)
    finally:
        small.close()


def test_millions_of_format_changes_are_refused():
    with pytest.raises(ReadError, match=f"^文件中的修订超过 {LIMITS['max_revisions']} 处"):
        read(hostile.format_changes())


def test_half_a_million_comment_anchors_are_refused_at_the_comment_cap():
    data = hostile.comment_anchors()
    with pytest.raises(ReadError) as e:
        read(data)
    assert str(e.value).startswith(f"文件中的批注超过 {LIMITS['max_comments']} 条") and "删除文档中的所有批注" in str(e.value)


def test_comments_are_kept_up_to_the_cap():
    small = engine_with(max_comments=5)
    try:
        anchors = "".join(f'<w:commentRangeStart w:id="{k}"/>' for k in range(5))
        # the same id anchored again and again is one comment
        again = '<w:commentRangeStart w:id="0"/><w:commentRangeEnd w:id="0"/>' * 1000
        doc = read(body(para("一年来", anchors + again)), small)
        assert len(doc["comments"]) == 5
        with pytest.raises(ReadError, match="^文件中的批注超过 5 条"):
            read(body(para("一年来", anchors + '<w:commentRangeStart w:id="5"/>')), small)
        comments = ('<w:comments ' + W + '>' + "".join(
            f'<w:comment w:id="{k}"><w:p><w:r><w:t>意见{k}</w:t></w:r></w:p></w:comment>' for k in range(6)) + '</w:comments>')
        with pytest.raises(ReadError, match="^文件中的批注超过 5 条"):
            read(with_comments(para("一年来"), comments), small)
    finally:
        small.close()


def test_hidden_text_pieces_are_capped():
    small = engine_with(max_hidden=3)
    try:
        hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐</w:t></w:r><w:r><w:t>显</w:t></w:r>'
        assert len(read(body(para("一年来", hidden * 3)), small)["hidden"]) == 3
        with pytest.raises(ReadError, match="^文件中的隐藏文字超过 3 处"):
            read(body(para("一年来", hidden * 4)), small)
    finally:
        small.close()


def test_elements_are_capped():
    small = engine_with(max_xml_elements=200)
    try:
        # _rels/.rels: Relationships, Relationship; document.xml: w:document, w:body, w:p, w:r, w:t;
        # then empty runs
        assert read(body(para("一年来", "<w:r/>" * 193)), small)["paragraphs"][0]["text"] == "一年来"
        with pytest.raises(ReadError, match="^文件中的排版标记超过 200 个"):
            read(body(para("一年来", "<w:r/>" * 194)), small)
    finally:
        small.close()
    # at the site's cap: a million and one empty runs (6 MB of XML, 25 KB zipped)
    with pytest.raises(ReadError, match="^文件中的排版标记超过 100 万个"):
        read(body(para("一年来", "<w:r/>" * LIMITS["max_xml_elements"])))


def test_text_outside_the_paragraphs_is_kept_short():
    """Deleted text and a comment's text do not count towards max_chars: the reader keeps
    KEPT_TEXT characters of each (the check quotes 20 or 30), so its output stays
    proportional to the text it found."""
    deleted = "删" * 100_000
    comment = ('<w:comments ' + W + '><w:comment w:id="1" w:author="甲"><w:p><w:r><w:t>' + "批" * 100_000 +
               '</w:t></w:r></w:p></w:comment></w:comments>')
    xml = para("一年来", f'<w:del w:author="甲"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>'
                      '<w:commentRangeStart w:id="1"/><w:r><w:t>认真</w:t></w:r><w:commentRangeEnd w:id="1"/>')
    doc = read(with_comments(xml, comment))
    assert [len(r["text"]) for r in doc["revisions"]] == [KEPT_TEXT]
    assert [len(c["text"]) for c in doc["comments"]] == [KEPT_TEXT]
    assert len(json.dumps(doc, ensure_ascii=False)) < 2_000
    # a character outside the BMP is never cut in half
    doc = read(body(para("一年来", '<w:del><w:r><w:delText>' + "甲" + "𠀀" * 200 + '</w:delText></w:r></w:del>')))
    kept = doc["revisions"][0]["text"]
    assert kept == "甲" + "𠀀" * 99   # 199 UTF-16 units: the 200th would be half of a pair


def test_check_docx_returns_the_same_findings_as_read_then_check():
    xml = (para("2026年度述职报告") + para("一年来，本人来XX镇调研。",
           '<w:ins w:author="甲"><w:r><w:t>新增</w:t></w:r></w:ins>'))
    data = body(xml)
    doc = engine().read_docx(data)
    assert engine().check_docx(data, year=2026) == engine().check(doc["paragraphs"], year=2026, docx=doc)


def with_comments(document_body: str, comments_xml: str) -> bytes:
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"'
            ' Target="comments.xml"/></Relationships>')
    doc = f'<?xml version="1.0"?><w:document {W}><w:body>{document_body}</w:body></w:document>'.encode()
    return hostile.docx(doc, extra={"word/_rels/document.xml.rels": rels, "word/comments.xml": comments_xml})


# ---------------------------------------------------------------------------
# §3 Data from the file never reaches object internals
# ---------------------------------------------------------------------------

@pytest.fixture()
def fresh():
    """A fresh engine with the .docx writer: pollution from one test cannot hide in another."""
    e = Engine()
    for script in FORMATTER_SCRIPTS:
        e.load(script)
    yield e
    e.close()


def test_comment_ids_that_name_object_members_are_comments_like_any_other(fresh):
    doc = read(hostile.proto_comment_ids(), fresh)
    assert prototype_is_clean(fresh)
    assert [c["id"] for c in doc["comments"]] == ["__proto__", "constructor", "hasOwnProperty"]
    # each anchored on its own word: 一年来，本人认真履行职责。 is 13 characters, then the three ids
    starts = [c["start"]["col"] for c in doc["comments"]]
    ends = [c["end"]["col"] for c in doc["comments"]]
    assert starts == [14, 14 + 9, 14 + 9 + 11] and ends == [14 + 9, 14 + 9 + 11, 14 + 9 + 11 + 14]
    # and the writer still zips: 生成 works after such a file (it recursed without end before)
    from format_report import template_bytes
    for _ in range(2):
        out = fresh.call("ReportDocx.formatLatin1", doc["paragraphs"], {
            "template": template_bytes("standard").decode("latin-1"), "withComments": True, "year": 2026})
        assert out.encode("latin-1").startswith(b"PK\x03\x04")


@pytest.mark.parametrize("name", PROTO_NAMES)
def test_style_ids_and_names_that_name_object_members(fresh, name):
    styles = (f'<w:styles {W}>'
              f'<w:style w:type="paragraph" w:styleId="{name}"><w:name w:val="{name}"/>'
              f'<w:basedOn w:val="{name}"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
              f'<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="{name.lower()}"/></w:style></w:styles>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"'
            ' Target="styles.xml"/></Relationships>')
    xml = (f'<w:p><w:pPr><w:pStyle w:val="{name}"/></w:pPr><w:r><w:t>一、{name}</w:t></w:r></w:p>'
           f'<w:p><w:pPr><w:pStyle w:val="Plain"/></w:pPr><w:r><w:t>正文{name}。</w:t></w:r></w:p>'
           f'<w:p><w:pPr><w:pStyle w:val="NoSuchStyle"/></w:pPr><w:r><w:t>又一段。</w:t></w:r></w:p>'
           f'<w:p><w:{name}><w:r><w:t>元素{name}</w:t></w:r></w:{name}></w:p>')
    doc = f'<?xml version="1.0"?><w:document {W}><w:body>{xml}</w:body></w:document>'.encode()
    data = hostile.docx(doc, extra={"word/_rels/document.xml.rels": rels, "word/styles.xml": styles})
    got = read(data, fresh)
    assert prototype_is_clean(fresh)
    assert [p["text"] for p in got["paragraphs"]] == [f"一、{name}", f"正文{name}。", "又一段。", f"元素{name}"]
    assert [p["style"] for p in got["paragraphs"]] == [name, name.lower(), None, None]
    assert got["paragraphs"][0].get("outlineLevel") == 1 and "outlineLevel" not in got["paragraphs"][1]
    assert got["revisions"] == [] and got["comments"] == []
    kinds = fresh.call("ReportEngine.classify", got["paragraphs"])
    assert all(isinstance(k["kind"], str) for k in kinds)
    # a style named like an object member fixes no kind: the paragraph is classified as if it had no style
    plain = [dict(p, style=None) if i == 1 else p for i, p in enumerate(got["paragraphs"])]
    assert kinds == fresh.call("ReportEngine.classify", plain)


@pytest.mark.parametrize("name", PROTO_NAMES)
def test_text_that_names_object_members_is_checked_and_formatted(fresh, name):
    text = f"2026年度述职报告\n一、{name}\n{name}：{name}。一是{name}，二是{name}。\n{name}，共完成XX篇。\n"
    findings = fresh.check(text, year=2026)
    assert prototype_is_clean(fresh)
    assert any(f["rule"].startswith("placeholder") and f["line"] == 4 for f in findings)
    from format_report import template_bytes
    out = fresh.call("ReportDocx.formatLatin1", text, {
        "template": template_bytes("standard").decode("latin-1"), "withComments": True, "year": 2026})
    assert out.encode("latin-1").startswith(b"PK\x03\x04") and prototype_is_clean(fresh)


@pytest.mark.parametrize("name", PROTO_NAMES)
def test_report_types_named_like_object_members_are_unknown_types(fresh, name):
    """check(text, {type: "constructor"}) dropped the structure, length and share findings (7 became 1):
    such a name is a type the data does not have, which falls back to the title like any other."""
    from test_rulebook import BASE
    text = BASE.replace(BASE[BASE.index("二、履职尽责"):BASE.index("三、")], "")
    unknown = fresh.check(text, year=2026, type="没有这个类型")
    assert {"structure-missing", "share-part", "length-total"} <= {f["rule"] for f in unknown}
    assert fresh.check(text, year=2026, type=name) == unknown == fresh.check(text, year=2026)
    # an unknown name leaves the type to the title: a 述责述廉报告 expects no 学习 part
    titled = text.replace(text.split("\n")[0], "2026年度述责述廉报告", 1)
    assert fresh.check(titled, year=2026, type=name) == fresh.check(titled, year=2026, type="没有这个类型") \
        == fresh.check(titled, year=2026) != unknown
    assert prototype_is_clean(fresh)


def test_lone_surrogate_reference_reads_as_replacement_character():
    doc = engine().read_docx(body(para("一年来&#xD800;本人&#xDFFF;认真&#x20000;履职。")))
    assert doc["paragraphs"][0]["text"] == "一年来\ufffd本人\ufffd认真\U00020000履职。"


# ---------------------------------------------------------------------------
# §5 Nothing silently lost: altChunk
# ---------------------------------------------------------------------------

def alt_chunk_docx(target: str, data: bytes | None, before: str = "") -> bytes:
    """A .docx whose body holds an altChunk pointing at word/<target> (None: no such part)."""
    doc = (f'<?xml version="1.0"?><w:document {W} {R}><w:body>{before}<w:altChunk r:id="rId9"/>'
           '</w:body></w:document>').encode()
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"'
            f' Target="{target}"/></Relationships>')
    extra = {"word/_rels/document.xml.rels": rels}
    if data is not None:
        extra[f"word/{target}"] = data
    return hostile.docx(doc, extra=extra)


CHUNK_HTML = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>标题栏</title><style>p{margin:0}</style>"
              "<script>var x = '<p>不是正文</p>';</script></head><body>"
              "<h1>2026年度述职报告</h1><p>一年来，本人来XX镇&nbsp;调研，&ldquo;走访&rdquo;群众&#x34;0户。</p>"
              "<!-- <p>注释</p> --><div>二、<b>存在的</b>不足<br>下一行</div>"
              "<table><tr><td>指标</td><td>完成</td></tr></table></body></html>")


def test_html_alt_chunk_is_read_as_text():
    doc = engine().read_docx(alt_chunk_docx("afchunk.htm", CHUNK_HTML.encode(), para("开头一段。")))
    assert [p["text"] for p in doc["paragraphs"]] == [
        "开头一段。", "2026年度述职报告", "一年来，本人来XX镇 调研，“走访”群众40户。", "二、存在的不足", "下一行", "指标\t完成"]
    # and it is checked: 没有发现问题 is no longer said of it
    findings = engine().check_docx(alt_chunk_docx("afchunk.htm", CHUNK_HTML.encode()), year=2026)
    assert any(f["rule"] == "placeholder" for f in findings)


def test_nested_docx_alt_chunk_is_read():
    nested = body(para("嵌入的文档里有XX。"))
    doc = engine().read_docx(alt_chunk_docx("chunk.docx", nested, para("开头。")))
    assert [p["text"] for p in doc["paragraphs"]] == ["开头。", "嵌入的文档里有XX。"]
    # a docx in a docx in a docx is refused, not skipped
    deeper = alt_chunk_docx("inner.docx", alt_chunk_docx("chunk.docx", nested))
    with pytest.raises(ReadError, match="多层嵌入"):
        engine().read_docx(deeper)


@pytest.mark.parametrize("target,data,said", [
    ("afchunk.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\n", "MHT"),
    ("chunk.rtf", b"{\\rtf1\\ansi \xd2\xbb\xc4\xea\xc0\xb4}", "RTF"),
    ("chunk.htm", "<p>一年来</p>".encode("gb18030"), "不是 UTF-8"),
    ("missing.htm", None, "找不到嵌入的内容"),
])
def test_unreadable_alt_chunk_is_refused_in_chinese(target, data, said):
    doc = alt_chunk_docx(target, data)   # None: the relationship points at a part that is not there
    with pytest.raises(ReadError) as e:
        engine().read_docx(doc)
    assert str(e.value).startswith("文件正文中嵌入了 Word 以外格式的内容") and said in str(e.value)
    assert "另存为 .docx" in str(e.value)


def test_html_alt_chunk_tags_count_against_the_element_cap():
    small = engine_with(max_xml_elements=100)
    try:
        with pytest.raises(ReadError, match="排版标记超过 100 个"):
            read(alt_chunk_docx("a.htm", ("<p>一</p>" * 60).encode()), small)
    finally:
        small.close()
