"""Hostile inputs for the robustness tests, generated at test time (never
committed as files): zip bombs, entity expansion, huge and pathological text.

Each is small on disk and what a careless reader would make huge in memory or
time. The sizes are the ones the security sweep used (issue 12).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')


def example_paragraphs() -> list[str]:
    doc = yaml.safe_load((ROOT / "data" / "example_report.yml").read_text("utf-8"))
    return [p["text"] for p in doc["paragraphs"]]


def paragraph_xml(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx(document_parts, *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx; document_parts is the document.xml as one bytes or an
    iterable of chunks (streamed into the zip, so 100 MB never sits in memory)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w") as f:
            for chunk in ([document_parts] if isinstance(document_parts, bytes) else document_parts):
                f.write(chunk)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def paragraph_bomb(inflated: int = 100 * 1024 * 1024) -> bytes:
    """A .docx whose document.xml inflates to `inflated` bytes of paragraphs
    (100 MB from about 300 KB), honestly declared in the zip directory."""
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'.encode()
    para = paragraph_xml("一年来，本人认真履行职责，共完成综合材料近XX篇。").encode()
    block = para * (1024 * 1024 // len(para))

    def chunks():
        yield head
        written = len(head)
        while written + len(block) < inflated:
            yield block
            written += len(block)
        yield b"</w:body></w:document>"
    return docx(chunks())


def lying_bomb(inflated: int = 100 * 1024 * 1024, declared: int = 4096) -> bytes:
    """The same bomb, but the zip directory (local header and central
    directory) claims document.xml inflates to only `declared` bytes."""
    data = bytearray(paragraph_bomb(inflated))
    name = b"word/document.xml"
    for sig, size_at, name_len_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = 0
        while (pos := data.find(sig, pos)) >= 0:
            n = struct.unpack_from("<H", data, pos + name_len_at)[0]
            if data[pos + name_at:pos + name_at + n] == name:
                if struct.unpack_from("<I", data, pos + size_at)[0] == 0xFFFFFFFF:
                    raise ValueError("zip64 sizes: make the bomb smaller than 4 GB")
                struct.pack_into("<I", data, pos + size_at, declared)
            pos += 4
    return bytes(data)


def doctype_docx(references: int = 20_000) -> bytes:
    """1 KB on disk: an internal entity referenced 20,000 times (Word never
    writes a DOCTYPE; a reader that expands entities freezes)."""
    entity = "述职报告" * 8
    body = f"<w:p><w:r><w:t>{'&e;' * references}</w:t></w:r></w:p>"
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY e "{entity}">]>'
           f'<w:document {W}><w:body>{body}</w:body></w:document>')
    return docx(xml.encode())


def realistic_text(size: int = 1024 * 1024) -> str:
    """About `size` characters of report prose (the guide's example, with its
    XX placeholders, again and again): tens of thousands of findings."""
    text = "\n".join(example_paragraphs()) + "\n"
    return (text * (size // len(text) + 1))[:size]


def short_lines(size: int = 5 * 1024 * 1024) -> str:
    """5 MB of short lines: per-line work that is not linear shows here."""
    line = "坚持“四个意识”，一是学习。\n"
    return line * (size // len(line.encode()))


def open_parens(count: int = 200_000) -> str:
    """One line of 200,000 （: as many findings as characters, on one line."""
    return "一年来" + "（" * count + "。"


def controls_text() -> str:
    """A draft whose text would drive a terminal through the findings that
    quote it (a 【】 hint): clear the screen and fake a clean result, write the
    clipboard (OSC 52), C1 CSI, DEL and a bidi override."""
    return ("一年来，本人认真履行职责。【\x1b[2J\x1b[H没有发现问题\x1b]52;c;ZWNobyBoaQ==\x07】\n"
            "【\x9b31m红字\x7f\u202e反向】\n"
            + "\n".join(example_paragraphs()) + "\n")


# --- issue 20: small files whose XML holds far more than a report -----------------------

def one_paragraph(inner: str, text: str = "一年来，本人认真履行职责。") -> bytes:
    """document.xml with one paragraph: some text, then `inner` (markup, no text)."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>'
            f'<w:p><w:r><w:t>{text}</w:t></w:r>{inner}</w:p></w:body></w:document>').encode()


def empty_insertions(count: int = 2_600_000) -> bytes:
    """31 KB: one paragraph holding `count` empty <w:ins/> (just under the 20 MB part limit)."""
    return docx(one_paragraph("<w:ins/>" * count))


def comment_anchors(count: int = 500_000) -> bytes:
    """About 1 MB: `count` comment anchors, each with its own id, none with a comment."""
    return docx(one_paragraph("".join(f'<w:commentRangeStart w:id="{k}"/>' for k in range(count))))


def format_changes(count: int = 1_400_000) -> bytes:
    """`count` w:rPrChange (tracked formatting changes) in one run's properties."""
    return docx(one_paragraph("<w:r><w:rPr>" + "<w:rPrChange/>" * count + "</w:rPr><w:t>。</w:t></w:r>"))


def proto_comment_ids() -> bytes:
    """985 bytes: comments whose ids are the names of Object.prototype's own members."""
    anchors = "".join(f'<w:commentRangeStart w:id="{i}"/><w:r><w:t>{i}</w:t></w:r><w:commentRangeEnd w:id="{i}"/>'
                      f'<w:r><w:commentReference w:id="{i}"/></w:r>'
                      for i in ("__proto__", "constructor", "hasOwnProperty"))
    return docx(one_paragraph(anchors))


def alt_chunk_html(html: str = "<html><body><p>2026年度述职报告</p><p>一年来，本人来XX镇调研。</p></body></html>") -> bytes:
    """A .docx whose body is one altChunk: an HTML page Word shows as the document's text."""
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    document = (f'<?xml version="1.0"?><w:document {W} {r}><w:body><w:altChunk r:id="rId9"/>'
                '</w:body></w:document>').encode()
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"'
            ' Target="afchunk.htm"/></Relationships>')
    return docx(document, extra={"word/_rels/document.xml.rels": rels, "word/afchunk.htm": html.encode()})
