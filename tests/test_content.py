"""The guide's content: data complete, every section page on the one skeleton,
the whole source example published anonymised, Chinese prose linted."""

from __future__ import annotations

import functools
import gzip
import hashlib
import html as html_lib
import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, clipboard_reader

DATA = ROOT / "data"
DOCS = ROOT / "docs"
SECTIONS = yaml.safe_load((DATA / "sections.yml").read_text("utf-8"))
SECTION_IDS = [s["id"] for s in SECTIONS]
SEED = ROOT.parent / "shared" / "seeds" / "000_c5b7daf2b89ff46a.txt"


def load(path: Path):
    return yaml.safe_load(path.read_text("utf-8"))


def skeleton_headings() -> list[str]:
    template = (DOCS / "sections" / "_template.md").read_text("utf-8")
    return re.findall(r"^## (.+)$", template, re.M)


# --- data ------------------------------------------------------------------

def test_sections_data_complete():
    assert SECTION_IDS == ["opening", "study", "duty", "integrity", "problems", "measures", "closing"]
    for s in SECTIONS:
        assert (DOCS / s["page"]).is_file(), s["page"]
        lo, hi = s["share"]
        assert 0 < lo < hi <= 60
        assert s["advice"].strip() and s["placeholders"]
        assert all("【" in p for p in s["placeholders"])
    assert sum(s["share"][0] for s in SECTIONS) < 100 < sum(s["share"][1] for s in SECTIONS)


@pytest.mark.parametrize("sid", SECTION_IDS)
def test_section_data_entries_have_required_fields(sid):
    data = load(DATA / "sections" / f"{sid}.yml")
    for note in data["notes"]:
        assert set(note) == {"at", "note"} and note["at"].strip() and note["note"].strip()
    assert len(data["dos"]) >= 4
    for pair in data["dos"]:
        assert {"bad", "good", "why", "checker"} <= set(pair), pair
        assert pair["checker"] in ("flag", "style")
        assert pair["bad"].strip() != pair["good"].strip()
    assert len([p for p in data["patterns"] if re.search(r"【[^】]+】", p["text"])]) >= 10
    assert len(data["models"]) >= 2
    for model in data["models"]:
        assert {"title", "role", "text"} <= set(model) <= {"title", "role", "text", "note"}
        assert "【" not in model["text"] and "XX" not in model["text"], model["title"]
        # A closing can be one sentence; every other model is a full paragraph.
        assert len(model["text"]) >= (10 if sid == "closing" else 80), model["title"]


def test_model_paragraphs_cover_several_roles():
    roles = {m["role"] for sid in SECTION_IDS for m in load(DATA / "sections" / f"{sid}.yml")["models"]}
    for role in ("乡镇党委书记", "县直部门负责人", "一般干部"):
        assert any(role in r for r in roles), (role, roles)


def test_formulations_entries_are_sourced():
    entries = load(DATA / "formulations.yml")
    assert len(entries) >= 12
    terms = [e["term"] for e in entries]
    assert len(terms) == len(set(terms))
    for e in entries:
        assert {"term", "full", "wrong", "source", "year", "time_sensitive", "note"} <= set(e), e
        assert isinstance(e["year"], int) and 1949 <= e["year"] <= 2026, e
        assert isinstance(e["time_sensitive"], bool)
        assert e["source"].strip() and e["full"].strip()
        for wrong in e["wrong"] or []:
            assert wrong not in e["full"], (e["term"], wrong)
    # Every formulation the 2021 example uses has an entry.
    joined = " ".join(terms)
    for term in ("四个意识", "四个自信", "两个维护", "八项规定", "四风", "四种形态", "一岗双责", "党史学习教育"):
        assert term in joined, term


# --- pages -----------------------------------------------------------------

@pytest.mark.parametrize("section", SECTIONS, ids=SECTION_IDS)
def test_section_page_follows_the_skeleton(section):
    text = (DOCS / section["page"]).read_text("utf-8")
    assert re.findall(r"^## (.+)$", text, re.M)[: len(skeleton_headings())] == skeleton_headings()
    assert f"{{{{ advice({section['id']}) }}}}" in text
    for macro in ("dos", "patterns", "models"):
        assert f"{{{{ {macro}({section['id']}) }}}}" in text, macro
    checklist = text.split("## 自查清单", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"^- \[ \] ", checklist, re.M)) >= 5


@pytest.mark.parametrize("section", SECTIONS, ids=SECTION_IDS)
def test_section_page_as_rendered(browser, site_url, section):
    """Counts a reader sees, and every copy button copies its own paragraph."""
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + section["page"].removesuffix(".md") + "/", wait_until="networkidle")
        count = lambda sel: page.eval_on_selector_all(sel, "els => els.length")  # noqa: E731
        h2 = page.eval_on_selector_all("article h2", "els => els.map(e => e.textContent.replace('¶', '').trim())")
        assert h2[: len(skeleton_headings())] == skeleton_headings()
        assert count(".md-annotation") >= 5
        assert count(".dodont") >= 4
        assert count(".copy-block > .pattern") >= 10
        assert count(".task-list-item") >= 5
        assert count(".copy-block > .model") >= 2

        reader = clipboard_reader(context, site_url)
        buttons = page.query_selector_all(".copy-block > .md-clipboard")
        targets = [b.get_attribute("data-clipboard-target") for b in buttons]
        assert len(targets) == len(set(targets))
        for button, target in zip(buttons, targets):
            expected = page.eval_on_selector(target, "el => el.textContent").strip()
            sibling = button.evaluate("b => '#' + b.previousElementSibling.id")
            assert sibling == target
            # A DOM click (Material's toast would cover the next button for a
            # real pointer); clipboard.js handles it exactly as a user's click.
            button.evaluate("b => b.click()")
            assert reader.evaluate("navigator.clipboard.readText()") == expected
        # A model of several paragraphs also copies whole, one paragraph a line.
        for box in page.query_selector_all(".admonition.example:has(.copy-all)"):
            paragraphs = box.eval_on_selector_all(".copy-block > .model", "els => els.map(e => e.textContent.trim())")
            box.query_selector(".copy-all").evaluate("b => b.click()")
            assert reader.evaluate("navigator.clipboard.readText()") == "\n".join(paragraphs)
    finally:
        context.close()


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


# sha256 of the whole source example, anonymised and without whitespace, for
# checkouts that do not have shared/seeds/ beside them.
SEED_SHA256 = "d082b7b401e1106cfa72efe3c86fc036cd4cc342b503218bf09119124ce797e7"


def seed_text() -> str:
    """The anonymised seed: from shared/seeds/ if present, else the data file
    once its hash proves it is the whole seed."""
    if SEED.is_file():
        text = SEED.read_text("utf-8")
        (name,) = household_names(text)  # also proves the hash below is this seed's name
        return text.replace(name, "某某")
    return "".join(p["text"] for p in load(DATA / "example_report.yml")["paragraphs"])


def test_example_data_is_the_whole_seed_anonymised():
    paragraphs = load(DATA / "example_report.yml")["paragraphs"]
    text = normalise("".join(p["text"] for p in paragraphs))
    assert text == normalise(seed_text())
    assert hashlib.sha256(text.encode()).hexdigest() == SEED_SHA256


def test_full_example_page_shows_the_whole_seed(site_dir):
    page = (site_dir / "example" / "index.html").read_text("utf-8")
    sample = page.split('<div class="report-sample">', 1)[1].split("</div>", 1)[0]
    sample = re.sub(r"<ol[^>]*>.*?</ol>", "", sample, flags=re.S)  # the notes
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", sample))
    text = re.sub(r"\(\d+\)", "", text)                              # the markers
    assert normalise(text) == normalise(seed_text())
    assert "某某户" in text


# --- privacy -----------------------------------------------------------------
# The real household name in section 二 of the source (published as 某某户) is
# not written here. A 3-character name is easy to brute-force from a fast hash,
# so a short sha256 prefix only filters candidates and a slow scrypt confirms.
HOUSEHOLD_SALT = b"nianduzhuzhi-guide/privacy"
HOUSEHOLD_FILTER = "486"                                  # sha256(salt + name)[:3]
HOUSEHOLD_SCRYPT = "55f7a48d4b17ee9501c23cf0bd32de08"     # scrypt(name, salt, n=2**14, r=8, p=1)[:16 bytes]
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}")


@functools.lru_cache(maxsize=None)   # the same three characters recur across pages, the zip and the Word files
def _is_household(gram: str) -> bool:
    data = gram.encode()
    if hashlib.sha256(HOUSEHOLD_SALT + data).hexdigest()[:3] != HOUSEHOLD_FILTER:
        return False
    return hashlib.scrypt(data, salt=HOUSEHOLD_SALT, n=2**14, r=8, p=1)[:16].hex() == HOUSEHOLD_SCRYPT


def household_names(text: str) -> set[str]:
    """Every occurrence of the name in text, however it is split or escaped:
    tags (HTML, Word runs) removed, entities and \\uXXXX escapes decoded,
    whitespace dropped. Both the raw and the tag-stripped text are searched,
    since stripping "<...>" in a script could hide what lies between."""
    decoded = html_lib.unescape(re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text))
    found = set()
    for variant in (decoded, re.sub(r"<[^>]*>", "", decoded)):
        for run in HAN_RUN.findall(re.sub(r"\s+", "", variant)):
            found |= {run[i:i + 3] for i in range(len(run) - 2) if _is_household(run[i:i + 3])}
    return found


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist())


# How each kind of shipped file is read as text. A new kind fails the test
# until it gets a reader here.
READERS = {
    **dict.fromkeys([".html", ".js", ".json", ".css", ".txt", ".map", ".xml", ".svg", ".md", ".license", ""],
                    lambda b: b.decode("utf-8", "ignore")),
    ".gz": lambda b: gzip.decompress(b).decode("utf-8", "ignore"),
    ".docx": _docx_text,
    ".png": lambda b: b.decode("latin-1"),  # text chunks only; the name is never drawn (previews use placeholders)
}


def shipped_files(site_dir: Path, offline_zip: Path):
    for path in sorted(site_dir.rglob("*")):
        if path.is_file():
            yield f"site/{path.relative_to(site_dir).as_posix()}", path.suffix.lower(), path.read_bytes()
    with zipfile.ZipFile(offline_zip) as z:
        for name in z.namelist():
            if not name.endswith("/"):
                yield f"zip/{name}", Path(name).suffix.lower(), z.read(name)


def test_household_name_matcher_sees_through_tags_runs_and_escapes():
    name = "".join(chr(c) for c in (0x5468, 0x5FC5, 0x626C))  # built here, never shipped
    assert household_names(f"帮扶的{name}户") == {name}
    assert household_names(f"<w:r><w:t>帮扶的{name[0]}</w:t></w:r><w:r><w:t>{name[1:]}户</w:t></w:r>") == {name}
    assert household_names(f"<b>{name[:2]}</b>\n  {name[2]}") == {name}
    assert household_names("".join(f"\\u{ord(c):04x}" for c in name)) == {name}
    assert household_names("".join(f"&#x{ord(c):x};" for c in name)) == {name}
    assert household_names("某某户") == set()


def test_household_name_is_published_nowhere(site_dir, offline_zip):
    if SEED.is_file():  # where the seed is at hand, prove the hash is its name
        assert len(household_names(re.search(r"帮扶的(.{2,4})户", SEED.read_text("utf-8")).group(1))) == 1
    leaks, unread, kinds = [], set(), set()
    for where, suffix, data in shipped_files(site_dir, offline_zip):
        kinds.add(suffix)
        if suffix not in READERS:
            unread.add(suffix)
        elif household_names(READERS[suffix](data)):
            leaks.append(where)
    assert unread == set()
    assert {".html", ".js", ".json", ".css", ".map", ".gz", ".xml", ".docx"} <= kinds  # the walk saw the site
    assert leaks == []


# --- prose lint --------------------------------------------------------------

def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


@pytest.fixture(scope="module")
def autocorrect():
    import autocorrect_py

    # 公文 writes no space between Chinese and digits or Latin letters, nor
    # around a link's brackets (autocorrect would pad [链接](url) with spaces).
    autocorrect_py.load_config("rules:\n  space-word: 0\n  space-bracket: 0\n")
    return autocorrect_py


def test_pages_prose_lint_clean(autocorrect):
    problems = []
    for md in sorted(DOCS.rglob("*.md")):
        result = autocorrect.lint_for(md.read_text("utf-8"), "md")
        problems += [f"{md.relative_to(ROOT)}:{line.line}: {line.old.strip()} → {line.new.strip()}" for line in result.lines]
    assert problems == []


def test_data_prose_lint_clean(autocorrect):
    problems = []
    for path in sorted(DATA.rglob("*.yml")):
        if path.name == "checker_rules.yml":
            continue  # patterns, not prose
        data = load(path)
        if path.name == "confusions.yml":   # after/before are regular expressions, not prose
            data = [{k: v for k, v in c.items() if k not in ("after", "before")} for c in data["confusions"]]
        for value in strings(data):
            # The source example is quoted verbatim, slips included.
            if path.name == "example_report.yml":
                continue
            fixed = autocorrect.format(value)
            if fixed != value:
                problems.append(f"{path.relative_to(ROOT)}: {value.strip()[:60]} → {fixed.strip()[:60]}")
    # ❌ examples may show wrong punctuation on purpose.
    bad_examples = {pair["bad"].strip()[:60] for sid in SECTION_IDS
                    for pair in load(DATA / "sections" / f"{sid}.yml")["dos"]}
    problems = [p for p in problems if p.split(": ", 1)[1].split(" → ")[0] not in bad_examples]
    assert problems == []
