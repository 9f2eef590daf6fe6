"""Shared fixtures: one strict build per session, served over plain http on a
sub-path, an offline bundle opened from file://, and real headless Chromium.

Fixtures:
  site_dir      the strict build of mkdocs.yml (Path)
  site_url      http://intranet.test:PORT/sub/path/ serving site_dir (not a secure context)
  offline_dir   dist/guide-offline.zip unpacked (Path; open offline_dir/"index.html")
  browser       Playwright Chromium (/usr/bin/chromium), intranet.test → 127.0.0.1
  page          a fresh page that records every request and console error

Helpers: search(page, query) types like a reader; clipboard_reader(context,
site_url) opens a loopback page that can read the clipboard back;
click_every_download(page, url) clicks each download link, a tab each.
"""

from __future__ import annotations

import functools
import re
import http.server
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# guide_build/ (the macros, the generated files), as `python -m pytest` from the project has it
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
MKDOCS = [PYTHON, "-m", "mkdocs"]
SUB_PATH = "/sub/path/"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    '--host-resolver-rules=MAP intranet.test 127.0.0.1',
]

# Playwright's waits are hang guards, not measurements: long enough for a machine busy
# with other work (issue 15), and a real hang still fails, after this long.
PAGE_TIMEOUT_MS = 90_000

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """`make test` runs the suite in two pytest-xdist workers (--dist loadgroup). A module's
    tests stay together on one worker, so its module fixtures (LibreOffice renders, a Zensical
    build) are made once; a test marked `spread` (a long one, in chunks) goes wherever a worker
    is free. Runs before xdist reads the groups."""
    for item in items:
        if not item.get_closest_marker("spread") and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def run_build(config: str, site_dir: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        MKDOCS + ["build", "--strict", "-f", str(ROOT / config), "-d", str(site_dir)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **env},
    )


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """The strict build, with its log, built for the intranet sub-path."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_build("mkdocs.yml", out, SITE_URL=f"http://intranet.test{SUB_PATH}")
    return out, result


@pytest.fixture(scope="session")
def site_dir(site_build):
    out, result = site_build
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def site_url(site_dir, tmp_path_factory):
    # Serve the site under a sub-path, as on http://oa.example/guide/.
    root = tmp_path_factory.mktemp("www")
    target = root / SUB_PATH.strip("/")
    target.parent.mkdir(parents=True)
    target.symlink_to(site_dir, target_is_directory=True)
    server = serve(root)
    yield f"http://intranet.test:{server.server_address[1]}{SUB_PATH}"
    server.shutdown()


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [PYTHON, str(ROOT / "scripts" / "build_offline.py"), "--dist", str(out)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "guide-offline.zip"


@pytest.fixture(scope="session")
def offline_dir(offline_zip, tmp_path_factory):
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as z:
        z.extractall(out)
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    return folder


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        # Contexts bypass the pages' Content-Security-Policy unless a test says bypass_csp=False:
        # Playwright's wait_for_function("expression") evaluates its text with eval, which the policy
        # refuses. tests/test_security_page.py runs the pages under the policy.
        new_context = b.new_context

        def patient_context(**kwargs):
            context = new_context(**{"bypass_csp": True, **kwargs})
            context.set_default_timeout(PAGE_TIMEOUT_MS)
            return context
        b.new_context = patient_context   # every context a test opens, not only the page fixture's
        yield b
        b.close()


class RecordingPage:
    """A page plus every request URL and every console error it produced."""

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def __getattr__(self, name):
        return getattr(self.page, name)

    def outside(self, origin: str) -> list[str]:
        """Requests that left the origin the page came from."""
        return [u for u in self.requests
                if not (u.startswith(origin) or u.startswith("data:") or u.startswith("blob:"))]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    rp = RecordingPage(context)
    yield rp
    context.close()


def click_every_download(page, url: str) -> list[tuple[str, str, str, bytes]]:
    """(download name the link shows, its href, the name the file saved under, its bytes) for
    every a[download] on the page at url, each clicked in a tab of its own (its requests and
    errors recorded on `page` when it is a RecordingPage). Chromium's download limiter lets a tab start one download
    freely; a further one passes only if the tab saw a user gesture since, else it waits for a
    prompt that headless Chromium never shows: 18 links clicked in one tab once waited 90 s for
    a download on a busy CI machine. These tests are about names and bytes, not the limiter."""
    page.goto(url, wait_until="domcontentloaded")
    count = page.locator("a[download]").count()
    out = []
    for k in range(count):
        tab = page.context.new_page()
        if isinstance(page, RecordingPage):
            tab.on("request", lambda r: page.requests.append(r.url))
            tab.on("pageerror", lambda e: page.errors.append(str(e)))
        try:
            tab.goto(url, wait_until="domcontentloaded")
            link = tab.locator("a[download]").nth(k)
            with tab.expect_download() as info:
                link.click()
            download = info.value
            out.append((link.get_attribute("download"), link.get_attribute("href"),
                        download.suggested_filename, Path(download.path()).read_bytes()))
        finally:
            tab.close()
    return out


def nav_pages(site_dir: Path) -> list[str]:
    """Every built page, as a path relative to the site root ('' for home)."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        if rel in ("404",) or rel.startswith("assets"):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


META = "document.querySelector('.md-search-result__meta').textContent"


def search(page, query: str) -> list[str]:
    """Type like a reader; return the result pages in order, each once."""
    page.click(".md-search__input") if page.is_visible(".md-search__input") else page.click('label[for="__search"]')
    # Clear first and wait for the empty state, so old results are never read.
    page.fill(".md-search__input", "")
    page.press(".md-search__input", "End")
    page.wait_for_function(f"{META}.includes('键入以开始搜索')")
    page.type(".md-search__input", query)
    page.press(".md-search__input", "End")  # typed Han text fires no keyup
    page.wait_for_function(f"/符合条件的结果/.test({META})")
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
    )
    pages = [re.sub(r"[?#].*$", "", h) for h in hrefs]
    return list(dict.fromkeys(pages))


def clipboard_reader(context, site_url: str):
    """A page on http://127.0.0.1 (a secure context) in the same browser, so
    a test can read back what a button on the plain-http origin copied."""
    port = site_url.split(":")[2].split("/")[0]
    origin = f"http://127.0.0.1:{port}"
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    reader = context.new_page()
    reader.goto(origin + "/", wait_until="load")
    return reader
