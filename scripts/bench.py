"""Benchmark: the guide against a bare Material build of the same Markdown.

Not a test: CI machines are noisy, so it prints medians and ratios measured
in one run on one machine. Usage: make bench  (or python scripts/bench.py --quick)
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
QUERIES = ["自律", "符号", "维护", "整改措施", "存在问题", "落款", "导语", "履职", "四个意识", "八项规定",
           "一岗双责", "批注", "模板", "仿宋", "页码", "序数", "套话", "主题教育", "数据", "标题"]
BARE_CONFIG = """site_name: bare
docs_dir: {docs}
theme:
  name: material
  language: zh
plugins:
  - search
markdown_extensions: [admonition, attr_list, md_in_html, tables, pymdownx.details, pymdownx.superfences,
                      pymdownx.tabbed, pymdownx.tasklist]
"""


# CPU seconds (user + system) of each build() here, beside its wall time: on a
# shared machine the wall time measures the neighbours as much as the build.
CPU: dict[Path, list[float]] = {}


def build(config: Path, site: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=ROOT, env=ENV, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(config, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def serve(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def launch(playwright):
    """Debian's Chromium, with no background traffic (the machine is offline)."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
        "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"])


def text_bytes(site: Path) -> int:
    total = 0
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        article = re.search(r"<article[^>]*>(.*?)</article>", html, re.S)
        if article:
            total += len(re.sub(r"<[^>]+>", "", article.group(1)).encode())
    return total


def browser_metrics(site: Path) -> tuple[int, float]:
    """First-page bytes (HTML + CSS + JS) and median search latency in ms."""
    from playwright.sync_api import sync_playwright

    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page()
            sizes = {}

            def record(response):
                if response.request.resource_type in ("document", "stylesheet", "script"):
                    try:
                        sizes[response.url] = len(response.body())
                    except Exception:  # redirects carry no body
                        pass
            page.on("response", record)
            page.goto(url, wait_until="networkidle")
            first_page = sum(sizes.values())
            page.click('.md-search__input')
            page.wait_for_function("document.querySelector('.md-search-result__meta')"
                                   " && !/正在|Initializing/.test(document.querySelector('.md-search-result__meta').textContent)")
            times = []
            for q in QUERIES:
                times.append(page.evaluate(
                    """q => new Promise(resolve => {
                        const input = document.querySelector('.md-search__input');
                        const list = document.querySelector('.md-search-result__list');
                        const meta = document.querySelector('.md-search-result__meta');
                        input.value = ''; input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
                        setTimeout(() => {
                          const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t0); });
                          obs.observe(list, {childList: true}); obs.observe(meta, {childList: true, characterData: true, subtree: true});
                          const t0 = performance.now();
                          input.value = q; input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
                        }, 50);
                    })""", q))
            browser.close()
    finally:
        server.shutdown()
    return first_page, statistics.median(times)


def big_draft() -> str:
    """A 20,000-character draft: the source example repeated."""
    import yaml

    paragraphs = yaml.safe_load((ROOT / "data" / "example_report.yml").read_text("utf-8"))["paragraphs"]
    text = "\n".join(p["text"] for p in paragraphs)
    return ("\n".join([text] * 10))[:20000]


def checker_metrics(site: Path, tmp: Path) -> dict[str, float]:
    """The 自查 checker on a 20,000-character draft: the CLI end to end (Python start,
    V8 start, reading the file, the engine), and the same engine in Chromium."""
    import docx
    from playwright.sync_api import sync_playwright

    text = big_draft()
    (tmp / "draft.txt").write_text(text, "utf-8")
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    document.save(tmp / "draft.docx")
    result = {}
    for name in ("draft.txt", "draft.docx"):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), str(tmp / name), "--year", "2026"],
                           capture_output=True, env=ENV)
            times.append(time.perf_counter() - start)
        result[name] = statistics.median(times)
    server = serve(site)
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/checker/", wait_until="networkidle")
            times = page.evaluate("""text => { const out = [];
                for (let i = 0; i < 9; i++) { const t = performance.now();
                  ReportEngine.check(text, {year: 2026}); out.push(performance.now() - t); }
                return out; }""", text)
            # the language data (jieba words, pypinyin readings): download and parse, then building the lexicon
            result["language_load"] = page.evaluate("""() => {
                const e = performance.getEntriesByType('resource').find(r => r.name.endsWith('/language-data.js'));
                return e ? e.duration : null; }""")
            result["lexicon_build"] = statistics.median(page.evaluate("""() => { const out = [];
                for (let i = 0; i < 5; i++) { const t = performance.now();
                  new ReportEngine.internal.Lexicon(GUIDE_LANGUAGE_DATA); out.push(performance.now() - t); }
                return out; }"""))
            browser.close()
    finally:
        server.shutdown()
    result["js"] = statistics.median(times)
    return result


def formatter_metrics(site: Path, tmp: Path) -> dict[str, float]:
    """一键排版 on a 20,000-character draft: the CLI end to end (V8 start and the
    template cache included), and ReportDocx.format in Chromium on the page."""
    from playwright.sync_api import sync_playwright

    text = big_draft()
    (tmp / "format.txt").write_text(text, "utf-8")
    script = ROOT / "scripts" / "format_report.py"
    subprocess.run([sys.executable, str(script), str(tmp / "format.txt"), "-o", str(tmp / "warm.docx")],
                   capture_output=True, env=ENV, check=True)          # fills the template cache
    result = {}
    for comments in (False, True):
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, str(script), str(tmp / "format.txt"), "-o", str(tmp / "out.docx"), "--force",
                            "--year", "2026"] + (["--with-comments"] if comments else []),
                           capture_output=True, env=ENV, check=True)
            times.append(time.perf_counter() - start)
        result["cli-comments" if comments else "cli"] = statistics.median(times)
    server = serve(site)
    try:
        with sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/checker/", wait_until="networkidle")
            for comments in (False, True):
                times = page.evaluate("""([text, withComments]) => { const out = [];
                    for (let i = 0; i < 9; i++) { const t = performance.now();
                      ReportDocx.format(text, {template: ReportDocx.fromBase64(REPORT_DOCX_TEMPLATES.standard),
                                               withComments, year: 2026});
                      out.push(performance.now() - t); }
                    return out; }""", [text, comments])
                result["js-comments" if comments else "js"] = statistics.median(times)
            browser.close()
    finally:
        server.shutdown()
    return result


SEARCH_CASES = ROOT / "tests" / "search_cases.yml"


def zensical_build(site: Path) -> float:
    """The pre-build step, then `zensical build --clean` of mkdocs.yml (Zensical
    wants the config and the site inside the project folder)."""
    config = ROOT / f".bench-zensical-{os.getpid()}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {site.relative_to(ROOT).as_posix()}\n", "utf-8")
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "guide_build.generated"], cwd=ROOT, env=ENV, check=True, capture_output=True)
        subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)],
                       cwd=ROOT, env=ENV, check=True, capture_output=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        CPU.setdefault(config.parent / "zensical", []).append(
            after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return wall
    finally:
        config.unlink()


def _mkdocs_results(page, query: str) -> list[str]:
    """Material's search box, typed like a reader (as tests/conftest.py search())."""
    meta = "document.querySelector('.md-search-result__meta').textContent"
    page.click(".md-search__input")
    page.fill(".md-search__input", "")
    page.press(".md-search__input", "End")
    page.wait_for_function(f"{meta}.includes('键入以开始搜索')")
    page.type(".md-search__input", query)
    page.press(".md-search__input", "End")
    page.wait_for_function(f"/符合条件的结果|没有找到/.test({meta})")
    return page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                     "els => els.map(e => e.getAttribute('href'))")


def _zensical_results(page, query: str) -> list[str]:
    """Zensical's search dialog (in an open shadow root, which Playwright's CSS pierces)."""
    page.click(".md-search__button")
    page.fill("input[role=combobox]", query)
    page.wait_for_function("""q => { const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot
                                       && e.shadowRoot.querySelector('[role=status]'));
                                     const input = host && host.shadowRoot.querySelector('input');
                                     return input && input.value === q
                                       && /result/i.test(host.shadowRoot.querySelector('[role=status]').textContent); }""",
                           arg=query)
    # the list follows the status, and more slowly on a busy machine: read it until it holds still
    read = lambda: page.eval_on_selector_all("ol[role=listbox] a[href]", "els => els.map(e => e.getAttribute('href'))")
    last, hrefs = None, read()
    for _ in range(20):
        if hrefs == last:
            break
        page.wait_for_timeout(300)
        last, hrefs = hrefs, read()
    return hrefs


def search_cases_missed(site: Path, results, *, segmenter: bool = True) -> list[str]:
    """The tests/search_cases.yml queries that do not find their page among the first 3."""
    import yaml
    from playwright.sync_api import sync_playwright

    cases = yaml.safe_load(SEARCH_CASES.read_text("utf-8"))
    server = serve(site)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    missed = []
    try:
        with sync_playwright() as p:
            browser = launch(p)
            # wait_for_function evaluates its text, which the pages' Content-Security-Policy refuses
            context = browser.new_context(locale="zh-CN", bypass_csp=True)
            if not segmenter:  # a browser without Intl.Segmenter, in the page and in the search worker
                context.add_init_script("delete Intl.Segmenter;")

                def strip(route):
                    body = route.fetch().text()
                    route.fulfill(body="delete Intl.Segmenter;\n" + body, content_type="text/javascript")
                context.route(re.compile(r"/workers/.*\.js$|/search.*worker.*\.js$"), strip)
            page = context.new_page()
            for case in cases:
                page.goto(url, wait_until="networkidle")
                hrefs = [re.sub(r"^https?://[^/]+/|^(\.\./)+|^\./|[?#].*$", "", h) for h in results(page, case["query"])]
                top = list(dict.fromkeys(hrefs))[:3]
                if not any(h.rstrip("/") == case["page"].rstrip("/") for h in top):
                    missed.append(case["query"])
            browser.close()
    finally:
        server.shutdown()
    return missed


def zensical_metrics(ours_site: Path, runs: int) -> None:
    """What a switch to Zensical would cost, measured (README: 目录结构)."""
    import yaml

    total = len(yaml.safe_load(SEARCH_CASES.read_text("utf-8")))
    site = ROOT / "build" / f"bench-zensical-{os.getpid()}"
    try:
        times = [zensical_build(site) for _ in range(runs)]
        print(f"\n{'Zensical 0.0.73, same source':36} {'value':>10}")
        print(f"{'build wall time (s, median)':36} {statistics.median(times):10.3f}  (pre-build step included)")
        print(f"{'build CPU time (s, median)':36} {statistics.median(CPU[ROOT / 'zensical']):10.3f}  (all threads)")
        for name, built, results, segmenter in [
                ("search cases in top 3, MkDocs", ours_site, _mkdocs_results, True),
                ("search cases in top 3, Zensical", site, _zensical_results, True),
                ("  … without Intl.Segmenter", site, _zensical_results, False)]:
            missed = search_cases_missed(built, results, segmenter=segmenter)
            print(f"{name:36} {total - len(missed):6d}/{total}  " + (f"missed: {'、'.join(missed)}" if missed else ""))
    finally:
        shutil.rmtree(site, ignore_errors=True)


def synthetic_build(pages: int, tmp: Path) -> float:
    """Build the guide with `pages` extra copies of a long section page."""
    docs = tmp / f"docs-{pages}"
    shutil.copytree(ROOT / "docs", docs)
    body = (ROOT / "docs" / "sections" / "duty.md").read_text("utf-8")
    body = re.sub(r"^---.*?---\n", "", body, flags=re.S)
    (docs / "synthetic").mkdir()
    for i in range(pages):
        (docs / "synthetic" / f"p{i:04d}.md").write_text(body.replace("# ", f"# 合成页{i} ", 1), "utf-8")
    # Beside mkdocs.yml, because custom_dir and hooks resolve against it.
    config = ROOT / f".bench-{pages}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {docs}\nvalidation:\n  omitted_files: ignore\n", "utf-8")
    try:
        return build(config, tmp / f"site-{pages}")
    finally:
        config.unlink()


def hostile_metrics() -> dict[str, float]:
    """The engine in V8 on tests/test_limits.py's hostile inputs, at the larger of each
    case's two sizes: the seconds those tests no longer assert (they count work, issue 15)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import test_limits as limits
    from engine_host import Engine

    result = {}
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "probe.js"
        probe.write_text(limits.PROBE, "utf-8")
        engine = Engine(scripts=[probe])
        for name, (base, small) in limits.LINEAR_CASES.items():
            start = time.process_time()
            limits.check_work(engine, base, small * 10)
            result[name] = time.process_time() - start
        engine.close()
    for size in (100 << 20, 500 << 20):
        bomb = limits.bomb_docx(size, declared=1_000)
        start = time.process_time()
        limits.read_and_count(bomb)
        result[f"zip bomb, {size >> 20} MB"] = time.process_time() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="skip the 1,000-page build")
    parser.add_argument("--zensical-only", action="store_true",
                        help="only the Zensical build time and search cases, against one MkDocs build")
    args = parser.parse_args()
    if args.zensical_only:
        with tempfile.TemporaryDirectory() as tmp_name:
            site = Path(tmp_name) / "ours"
            print(f"MkDocs build wall time (s, median of {args.runs}): "
                  f"{statistics.median([build(ROOT / 'mkdocs.yml', site) for _ in range(args.runs)]):.3f}, "
                  f"CPU time {statistics.median(CPU[ROOT / 'mkdocs.yml']):.3f}")
            zensical_metrics(site, args.runs)
        return

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        # The same Markdown, with the data macros expanded (so both sites hold
        # the same text) and without the page template only the guide has.
        sys.path.insert(0, str(ROOT))
        from guide_build import generated, macros

        generated.write()  # the model report pages link the Word files

        bare_docs = tmp / "bare-docs"
        shutil.copytree(ROOT / "docs", bare_docs)
        (bare_docs / "sections" / "_template.md").unlink()  # excluded from the site too
        for md in bare_docs.rglob("*.md"):
            text = macros.expand_macros(md.read_text("utf-8"), str(md))
            md.write_text(re.sub(r"^template: .*\n", "", text, flags=re.M), "utf-8")
        bare_config = tmp / "bare.yml"
        bare_config.write_text(BARE_CONFIG.format(docs=bare_docs), "utf-8")
        ours_site, bare_site = tmp / "ours", tmp / "bare"
        ours = [build(ROOT / "mkdocs.yml", ours_site) for _ in range(args.runs)]
        bare = [build(bare_config, bare_site) for _ in range(args.runs)]

        ours_first, ours_search = browser_metrics(ours_site)
        bare_first, bare_search = browser_metrics(bare_site)
        ours_index = (ours_site / "search" / "search_index.json").stat().st_size
        bare_index = (bare_site / "search" / "search_index.json").stat().st_size

        rows = [
            ("build wall time (s, median)", statistics.median(ours), statistics.median(bare), "≤ 1.3×"),
            ("build CPU time (s, median)", statistics.median(CPU[ROOT / "mkdocs.yml"]), statistics.median(CPU[bare_config]),
             "≤ 1.3×"),
            ("first page HTML+CSS+JS (KB)", ours_first / 1024, bare_first / 1024, "≤ 1.15×"),
            ("search index / page text", ours_index / text_bytes(ours_site), bare_index / text_bytes(bare_site), "—"),
            ("search latency (ms, median of 20)", ours_search, bare_search, "≤ 100 ms"),
        ]
        print(f"{'measure':36} {'guide':>10} {'bare':>10} {'ratio':>7}  target")
        for name, a, b, target in rows:
            print(f"{name:36} {a:10.3f} {b:10.3f} {a / b:6.2f}×  {target}")

        checker = checker_metrics(ours_site, tmp)
        print(f"\n{'自查 checker, 20,000 characters':36} {'median':>10}  target")
        print(f"{'CLI end to end, .txt (s)':36} {checker['draft.txt']:10.3f}  ≤ 1 s")
        print(f"{'CLI end to end, .docx (s)':36} {checker['draft.docx']:10.3f}  ≤ 1 s")
        print(f"{'engine in Chromium (ms)':36} {checker['js']:10.1f}  ≤ 200 ms")
        language = ours_site / "assets" / "javascripts" / "language-data.js"
        print(f"{'language-data.js (MB, uncompressed)':36} {language.stat().st_size / 1e6:10.2f}  ≤ 2 MB")
        if checker["language_load"] is not None:
            print(f"{'language-data.js load (ms, local http)':36} {checker['language_load']:10.1f}")
        print(f"{'lexicon build in Chromium (ms)':36} {checker['lexicon_build']:10.1f}  (once, on page load)")

        formatter = formatter_metrics(ours_site, tmp)
        print(f"\n{'一键排版, 20,000 characters':36} {'median':>10}  target")
        print(f"{'CLI end to end, .txt (s)':36} {formatter['cli']:10.3f}  ≤ 1 s")
        print(f"{'CLI, with 自查 comments (s)':36} {formatter['cli-comments']:10.3f}  ≤ 1 s")
        print(f"{'format in Chromium (ms)':36} {formatter['js']:10.1f}  ≤ 300 ms")
        print(f"{'format in Chromium, comments (ms)':36} {formatter['js-comments']:10.1f}  ≤ 300 ms")

        zensical_metrics(ours_site, args.runs)
        hostile = hostile_metrics()
        print(f"\n{'engine on hostile input (CPU s)':36} {'seconds':>10}  (test_limits.py counts the work)")
        for name, seconds in hostile.items():
            print(f"{name:36} {seconds:10.3f}")

        sizes = [100, 300] if args.quick else [100, 300, 1000]
        print(f"\n{'synthetic pages':36} {'seconds':>10} {'s/page':>10}")
        base = statistics.median(ours)
        for n in sizes:
            seconds = synthetic_build(n, tmp)
            print(f"{n:<36} {seconds:10.2f} {(seconds - base) / n:10.4f}")
        print("\n(s/page subtracts the guide's own build time; a flat s/page means linear.)")


if __name__ == "__main__":
    main()
