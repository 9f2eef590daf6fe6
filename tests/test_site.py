"""The site as a reader meets it: intranet http on a sub-path, file:// bundle,
search, copy, dark mode, print, downloads and accessibility, in real Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, click_every_download, clipboard_reader, nav_pages, search

SEARCH_CASES = yaml.safe_load((ROOT / "tests" / "search_cases.yml").read_text(encoding="utf-8"))


def test_strict_build_passes_without_warnings(site_build):
    out, result = site_build
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log


def test_built_html_names_no_outside_address(site_dir):
    # Plain <a href> to the outside would be allowed; scripts, styles, fonts,
    # images and iframes must never point away from the server.
    # (<link rel="canonical"> names the page's own address and fetches nothing.)
    bad = re.compile(r'<(?:script|img|iframe|source|link(?![^>]*rel="canonical"))\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    offenders = [str(p.relative_to(site_dir)) for p in site_dir.rglob("*.html") if bad.search(p.read_text("utf-8"))]
    assert offenders == []


def test_every_page_over_intranet_http(page, site_dir, site_url):
    pages = nav_pages(site_dir)
    assert len(pages) >= 20
    origin = site_url.split("/sub/")[0]
    for rel in pages:
        page.goto(site_url + rel, wait_until="networkidle")
        assert page.evaluate("document.documentElement.lang") == "zh"
        assert page.evaluate("window.isSecureContext") is False
        assert page.title().endswith("年度述职报告写作指南") or rel == ""
    assert page.errors == []
    assert page.outside(origin) == []


def test_every_page_of_offline_bundle_from_file(page, offline_dir):
    htmls = sorted(p for p in offline_dir.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")
    assert len(htmls) >= 20
    for html in htmls:
        page.goto(html.as_uri(), wait_until="load")
    assert page.errors == []
    assert page.outside("file://") == []


STYLED_HEADER = "(() => { const h = getComputedStyle(document.querySelector('.md-header'));" \
                " return [h.position, h.backgroundColor]; })()"


def test_offline_404_page_is_styled_from_file(page, offline_dir):
    """Opened from disk, 404.html loads its styles and scripts beside it and its
    links lead into the bundle (MkDocs writes error pages with absolute links)."""
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto((offline_dir / "404.html").as_uri(), wait_until="load")
    assert "404" in page.inner_text(".md-content")
    position, background = page.evaluate(STYLED_HEADER)
    assert position == "sticky" and background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert failed == [] and page.errors == []
    local = [u for u in page.requests if u.startswith("file://")]
    assert local and all(u.startswith(offline_dir.as_uri()) for u in local), local
    hrefs = page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]", "els => els.map(e => e.href)")
    assert len(hrefs) >= 20
    for href in hrefs:
        target = Path(href.removeprefix("file://").split("#")[0])
        assert target.is_file() and offline_dir in target.parents, href
    page.click(".md-header__button.md-logo")
    page.wait_for_url(offline_dir.as_uri() + "/index.html")
    assert page.outside("file://") == []


def test_site_404_page_styled_at_any_missing_path(browser, site_dir):
    """On the intranet server (error_page 404 /sub/path/404.html), a mistyped
    address deep under the sub-path shows the guide's styled 404 page."""
    import functools
    import http.server
    import threading

    from conftest import SUB_PATH, QuietHandler

    class ErrorPageHandler(QuietHandler):
        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (site_dir / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def translate_path(self, path):
            rel = path.split("?")[0].removeprefix(SUB_PATH.rstrip("/"))
            return super().translate_path(rel)

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(ErrorPageHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        origin = f"http://intranet.test:{server.server_address[1]}"
        response = page.goto(origin + SUB_PATH + "sections/no-such/page/", wait_until="networkidle")
        assert response.status == 404
        position, background = page.evaluate(STYLED_HEADER)
        assert position == "sticky" and background not in ("rgba(0, 0, 0, 0)", "transparent")
        page.click(".md-header__button.md-logo")
        page.wait_for_url(origin + SUB_PATH)
    finally:
        context.close()
        server.shutdown()


def test_offline_bundle_navigation_and_search(page, offline_dir):
    page.goto((offline_dir / "index.html").as_uri())
    page.locator('.md-content a[href="overview.html"]').first.click()
    page.wait_for_url("**/overview.html")
    assert "写作总览" in page.inner_text("h1")
    page.click('.md-sidebar--primary .md-nav__link[href="sections/integrity.html"]')
    page.wait_for_url("**/sections/integrity.html")
    results = search(page, "廉洁自律")
    assert any("integrity" in href for href in results[:3]), results
    assert page.outside("file://") == []
    assert page.errors == []


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(locale="zh-CN")
    p = context.new_page()
    p.requests = []
    p.on("request", lambda r: p.requests.append(r.url))
    p.goto(site_url, wait_until="networkidle")
    yield p
    context.close()


@pytest.mark.parametrize("query,expected", [(c["query"], c["page"]) for c in SEARCH_CASES])
def test_search_finds_expected_page_in_top_3(search_page, site_url, query, expected):
    results = search(search_page, query)
    assert any(href.rstrip("/").endswith(expected.rstrip("/")) for href in results[:3]), (query, results[:5])
    origin = site_url.split("/sub/")[0]
    assert [u for u in search_page.requests if not u.startswith(origin)] == []


def test_search_index_has_no_lone_first_character_of_a_search_word(site_dir):
    # A lone 述 in the index makes Material cut the query 述法 to 述*, which
    # finds every page that says 述职 (data/search_words.yml).
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    words = yaml.safe_load((ROOT / "data" / "search_words.yml").read_text("utf-8"))["words"]
    starts = {w[0] for w in words}
    separator = re.compile(index["config"]["separator"])
    lone = {(doc["location"], token) for doc in index["docs"]
            for token in separator.split(doc["title"] + " " + doc["text"]) if token in starts}
    assert lone == set()


def test_search_cases_cover_enough_queries():
    assert len(SEARCH_CASES) >= 20
    assert {"自律", "符号", "维护"} <= {c["query"] for c in SEARCH_CASES}


def test_copy_button_copies_exact_paragraph_over_plain_http(browser, site_url):
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + "sections/study/", wait_until="networkidle")
        assert page.evaluate("window.isSecureContext") is False
        assert page.evaluate("typeof navigator.clipboard") == "undefined"
        blocks = page.query_selector_all(".copy-block")
        assert len(blocks) >= 2
        reader = clipboard_reader(context, site_url)
        for block in [blocks[0], blocks[-1]]:
            target = block.query_selector("[data-clipboard-target]").get_attribute("data-clipboard-target")
            expected = page.eval_on_selector(target, "el => el.textContent")
            block.hover()
            block.query_selector(".md-clipboard").click()
            page.wait_for_selector(".md-dialog--active")
            assert "已复制" in page.inner_text(".md-dialog")
            copied = reader.evaluate("navigator.clipboard.readText()")
            assert copied == expected.strip()
            assert copied and "\u200b" not in copied and "复制" not in copied
            page.wait_for_selector(".md-dialog--active", state="detached")
    finally:
        context.close()


def test_copy_leaves_out_annotation_markers(browser, site_url):
    # The example paragraphs carry annotation markers; Material's clipboard
    # hides them while copying, so a copy target there yields clean text.
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_url + "example/", wait_until="networkidle")
        annotated = page.query_selector(".report-sample .annotate")
        assert annotated and annotated.query_selector(".md-annotation")
        text = page.evaluate(
            """el => { el.setAttribute('data-md-copying', ''); const t = el.innerText;
                       el.removeAttribute('data-md-copying'); return t; }""",
            annotated,
        )
        assert not re.search(r"\d", text.replace("2021", "")), text
    finally:
        context.close()


def test_dark_mode_toggles(page, site_url):
    page.goto(site_url, wait_until="networkidle")
    before = page.get_attribute("body", "data-md-color-scheme")
    page.click('label.md-header__button[for^="__palette"]:visible')
    after = page.get_attribute("body", "data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
    bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.reload(wait_until="networkidle")  # the choice persists
    assert page.get_attribute("body", "data-md-color-scheme") == after
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == bg


def test_print_shows_text_only_with_notes(page, site_url):
    page.goto(site_url + "example/", wait_until="networkidle")
    page.emulate_media(media="print")
    for hidden in [".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"]:
        assert not page.is_visible(hidden), hidden
    assert page.eval_on_selector_all(".md-clipboard", "els => els.every(e => e.offsetParent === null)")
    # Every note is printed after its paragraph, not only those Material has
    # mounted as tooltips (it mounts the ones in view).
    markers = page.eval_on_selector_all(".report-sample .md-annotation", "els => els.length")
    notes = page.eval_on_selector_all(
        ".report-sample ol.print-notes > li",
        "els => els.map(e => e.getBoundingClientRect().height > 0 && e.innerText.trim() !== '')")
    assert markers >= 50 and len(notes) == markers and all(notes)
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF" and len(pdf) > 10_000


def test_every_download_saves_the_built_file_under_its_name(page, site_url, site_dir):
    """Over http, every download link on 模板下载 (the templates' buttons and the 范文 list) saves
    the built file under the Chinese name the link shows; the address itself stays ASCII."""
    from guide_build import generated

    saved = click_every_download(page, site_url + "template/")
    assert len(saved) == len(generated.served_downloads())
    assert sum(1 for _ in page.query_selector_all("a.md-button[download]")) >= 2
    for shown, href, name, data in saved:
        assert name == shown and name.endswith(".docx") and re.search(r"[\u4e00-\u9fff]", name)
        assert href.isascii()
        assert data == (site_dir / "template" / href).resolve().read_bytes()
    assert not page.errors and not page.outside(site_url.split("/sub/")[0])


A11Y_CHUNKS = 2
# Rules that read colours: the palette changes them, and they cost most of axe's time (color-contrast
# lays out every text node). Colours come from the theme's CSS and the kind of element, which pages of
# one kind share; so they run on one page of each kind, in both palettes, and every other rule runs on
# every page.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
EVERYTHING_BUT_COLOURS = {"resultTypes": ["violations"], "rules": {r: {"enabled": False} for r in COLOUR_RULES}}
COLOURS_ONLY = {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}}


def page_kind(rel: str) -> str:
    """'' (home), 'checker', 'models' (the list), 'models/*' (a model report), 'sections/*'…"""
    parts = rel.strip("/").split("/")
    return parts[0] + ("/*" if len(parts) > 1 else "")


def a11y_plan(site_dir: Path) -> list[tuple[str, bool]]:
    """(page, with the colour rules) for every page: the first page of each kind gets them."""
    seen, plan = set(), []
    for rel in nav_pages(site_dir):
        plan.append((rel, page_kind(rel) not in seen))
        seen.add(page_kind(rel))
    return plan


def test_every_kind_of_page_gets_the_colour_rules(site_dir):
    plan = a11y_plan(site_dir)
    kinds = {page_kind(rel) for rel, _ in plan}
    assert {"", "checker", "models/*", "sections/*", "roles/*", "language/*", "template"} <= kinds
    assert sorted(page_kind(rel) for rel, colour in plan if colour) == sorted(kinds)


def test_the_audit_catches_faint_text_and_an_unlabelled_button(browser, site_url):
    """The same axe options, on a page given two faults: each is reported (the audit can fail)."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(locale="zh-CN", color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_url + "checker/", wait_until="load")
        page.evaluate("""() => {
            const p = document.createElement('p'); p.textContent = '浅色文字'; p.style.color = '#3a3d4a';
            const b = document.createElement('button');
            document.querySelector('.md-content article').append(p, b);
        }""")
        found = set()
        for options in (EVERYTHING_BUT_COLOURS, COLOURS_ONLY):
            found |= {v["id"] for v in Axe().run(page, options=options).response["violations"]}
        assert {"color-contrast", "button-name"} <= found
    finally:
        context.close()


@pytest.mark.spread
@pytest.mark.parametrize("chunk", range(A11Y_CHUNKS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_accessibility_violations(browser, site_dir, site_url, scheme, chunk):
    """axe-core: light, every rule on every page (colours on one page of each kind); dark, the colour
    rules on one page of each kind. Half of the pages per test, so that two workers share them."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    # The reader's system setting picks the palette (default or slate).
    context = browser.new_context(locale="zh-CN", color_scheme=scheme)
    try:
        page = context.new_page()
        plan = a11y_plan(site_dir)
        assert len(plan) >= 20
        for rel, with_colours in plan[chunk::A11Y_CHUNKS]:
            runs = ([EVERYTHING_BUT_COLOURS] if scheme == "light" else []) + ([COLOURS_ONLY] if with_colours else [])
            if not runs:
                continue
            page.goto(site_url + rel, wait_until="load")
            expected = {"light": "default", "dark": "slate"}[scheme]
            assert page.get_attribute("body", "data-md-color-scheme") == expected
            for options in runs:
                results = axe.run(page, options=options)
                bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in results.response["violations"]
                       if v["impact"] in ("serious", "critical")]
                if bad:
                    found.setdefault(rel or "/", []).extend(bad)
    finally:
        context.close()
    assert found == {}
