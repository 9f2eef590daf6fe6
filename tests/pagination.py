"""Rendered pages read back (LibreOffice → PDF → pdftotext -bbox, tests/test_template.py
parse_bbox) against the document's paragraphs: which paragraph each printed line
belongs to, and whether a page starts or ends with a lone line of a longer
paragraph (a widow or an orphan; widow/orphan control is on in the template's
styles, docs/format.md#widows)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from docx.oxml.ns import qn

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
LINES_PER_PAGE = 22


def squeeze(text: str) -> str:
    return "".join(text.split())


def body_texts(doc) -> list[str]:
    """Every paragraph of a python-docx Document in reading order, table cells included."""
    out = []
    for el in doc.element.body.iter(qn("w:p")):
        out.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
    return out


@dataclass
class Row:
    text: str
    x0: float
    x1: float
    y: float
    height: float


def printed_rows(page: list) -> list[Row]:
    """A page's printed lines (parse_bbox Lines) with the cells of a table row as one line: a
    cell's digits sit a few points off their Chinese neighbours' line (Liberation Serif's
    ascent), which parse_bbox takes for another line. Lines of text are 28.95 pt apart."""
    groups: list[list] = []
    for ln in sorted(page, key=lambda ln: ln.y):
        if groups and ln.y - groups[-1][0].y < 4:
            groups[-1].append(ln)
        else:
            groups.append([ln])
    return [Row("".join(ln.text for ln in sorted(g, key=lambda ln: ln.x0)), min(ln.x0 for ln in g),
                max(ln.x1 for ln in g), g[0].y, max(ln.height for ln in g)) for g in groups]


@dataclass
class Placed:
    text: str
    paragraph: int          # the paragraph the line starts in
    first: bool             # the paragraph's first line
    last: bool              # the paragraph's last line (the line ends it)
    lines: int = 0          # how many lines that paragraph has


def place(pages: list[list], paragraphs: list[str], repeats: tuple[str, ...] = ()) -> list[list[Placed]]:
    """Each printed line (pages of parse_bbox Lines, body only) matched to the paragraphs' text in order.

    parse_bbox orders a line's words by their height, so a Latin word in a Chinese line
    can come out of place, and punctuation hanging in the margin can go to the line next
    to it: a line is matched by its characters, allowing a shift of up to two. `repeats`:
    texts printed again where they are not in the stream (a table's header row on a new
    page); such a line is left out."""
    stream, owner, ends = "", [], set()
    for k, text in enumerate(squeeze(p) for p in paragraphs):
        stream += text
        owner += [k] * len(text)
        if text:
            ends.add(len(stream))
    at = 0
    out: list[list[Placed]] = []
    counts: dict[int, int] = {}
    for page in pages:
        placed = []
        for line in printed_rows(page):
            t = squeeze(line.text)
            if t in repeats and sorted(stream[at:at + len(t)]) != sorted(t):
                continue
            for shift in (0, 1, -1, 2, -2):
                s0 = at + shift
                if 0 <= s0 and sorted(stream[s0:s0 + len(t)]) == sorted(t):
                    break
            else:
                raise AssertionError(f"printed line {line.text!r} is not the text that follows: {stream[at:at + len(t)]!r}")
            start, end = s0, s0 + len(t)
            at = end
            paragraph = owner[min(start, len(owner) - 1)]
            first = start == 0 or owner[start - 1] != paragraph
            placed.append(Placed(line.text, paragraph, first, end in ends or end >= len(stream)))
            counts[paragraph] = counts.get(paragraph, 0) + 1
        out.append(placed)
    for page in out:
        for p in page:
            p.lines = counts[p.paragraph]
    return out


def widows_and_orphans(placed: list[list[Placed]]) -> list[str]:
    """A page that starts with the last line of a longer paragraph, or ends with the first."""
    problems = []
    for n, page in enumerate(placed, 1):
        if not page:
            continue
        top, bottom = page[0], page[-1]
        if n > 1 and top.last and not top.first and top.lines >= 2:
            problems.append(f"page {n} starts with the lone last line of a paragraph: {top.text}")
        if n < len(placed) and bottom.first and not bottom.last and bottom.lines >= 2:
            problems.append(f"page {n} ends with the lone first line of a paragraph: {bottom.text}")
    return problems


def moved_over(page: list[Placed], nxt: list[Placed], missing: int) -> bool:
    """Whether widow/orphan control explains `missing` lines at the foot of `page`: two lines at
    least stay on either side of a page break (Word and LibreOffice alike), so one line goes over
    to join the paragraph's last one, or a paragraph goes over whole because its first line would
    end the page alone (two lines when it has three: 1 + 2 is no split)."""
    top = nxt[0]
    widow = top.paragraph == page[-1].paragraph and not top.first and missing == 1
    orphan = top.first and ((top.lines >= 2 and missing == 1) or (top.lines == 3 and missing == 2))
    return widow or orphan


def short_pages(placed: list[list[Placed]]) -> list[str]:
    """Pages between the first and the last with fewer than 22 lines that the text does not explain.
    Explained: the next page starts with a heading (kept with its text) or is the 落款's page
    (the paragraph before it keeps with it), or widow/orphan control moved lines over."""
    problems = []
    for n in range(1, len(placed) - 1):
        page, nxt = placed[n], placed[n + 1]
        if len(page) >= LINES_PER_PAGE:
            continue
        top = nxt[0]
        if HEADING.match(top.text) or n + 1 == len(placed) - 1:
            continue
        if moved_over(page, nxt, LINES_PER_PAGE - len(page)):
            continue
        problems.append(f"page {n + 1} has {len(page)} lines; page {n + 2} starts with {top.text}")
    return problems
