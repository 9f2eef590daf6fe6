"""The same source built with Zensical (pinned in requirements-dev.txt), which
reads mkdocs.yml but never runs hooks: the data macros, copy buttons and print
notes (a Markdown extension) and the generated files (the pre-build step) must
not need them. MkDocs stays the production build; this keeps the way to
Zensical open (README: 目录结构 lists what a switch still lacks)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PYTHON, ROOT, nav_pages, serve

from guide_build import generated

ZENSICAL = [PYTHON, "-m", "zensical"]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
DRAFT = "述职报告\n一年来,本人认真履行职责。\n共完成材料近XX篇，联系电话13812345678。\n一是学习。三是工作。"


def zensical_build(config_text: str, tmp_name: str) -> tuple[subprocess.CompletedProcess, Path]:
    """Zensical wants its config and site inside the project folder: both go
    in place for the build and are removed after it (the site by the caller)."""
    config = ROOT / f".zensical-{tmp_name}-{os.getpid()}.yml"
    config.write_text(config_text, "utf-8")
    try:
        result = subprocess.run(ZENSICAL + ["build", "--clean", "-f", str(config)],
                                cwd=ROOT, capture_output=True, text=True, timeout=600)
    finally:
        config.unlink()
    result.stdout, result.stderr = ANSI.sub("", result.stdout), ANSI.sub("", result.stderr)
    return result, config


@pytest.fixture(scope="module")
def zensical_site():
    """The pre-build step, then `zensical build --clean` of mkdocs.yml."""
    step = subprocess.run([PYTHON, "-m", "guide_build.generated"], cwd=ROOT, capture_output=True, text=True)
    assert step.returncode == 0, step.stdout + step.stderr
    site = ROOT / "build" / f"zensical-site-{os.getpid()}"
    result, _ = zensical_build(f"INHERIT: mkdocs.yml\nsite_dir: {site.relative_to(ROOT).as_posix()}\n", "site")
    try:
        log = result.stdout + result.stderr
        assert result.returncode == 0, log
        assert "No issues found" in log and "Warning" not in log, log
        yield site
    finally:
        shutil.rmtree(site, ignore_errors=True)


def test_no_page_shows_a_macro(zensical_site, site_dir):
    pages = nav_pages(zensical_site)
    assert sorted(pages) == sorted(nav_pages(site_dir))
    shown = {p: re.findall(r"\{\{[^}]*\}\}", (zensical_site / p / "index.html").read_text("utf-8")) for p in pages}
    assert {p: calls for p, calls in shown.items() if calls} == {}
    # what the macros and the extension make is there: copy buttons, print notes, the model report's text
    study = (zensical_site / "sections" / "study" / "index.html").read_text("utf-8")
    assert study.count('class="md-clipboard md-icon copy-button"') == \
        (site_dir / "sections" / "study" / "index.html").read_text("utf-8").count('class="md-clipboard md-icon copy-button"') > 5
    # (Zensical drops data-search-exclude from the page once its index has left the element out)
    notes = [(site / "example" / "index.html").read_text("utf-8").count('<ol class="print-notes"')
             for site in (zensical_site, site_dir)]
    assert notes[0] == notes[1] > 10


def test_every_download_is_the_mkdocs_builds_byte_for_byte(zensical_site, site_dir):
    served = [d.path for d in generated.served_downloads()]
    assert sorted(p.relative_to(zensical_site).as_posix() for p in (zensical_site / "downloads").iterdir()) == sorted(served)
    for path in served + [generated.CHECKER_DATA, generated.REPORT_TEMPLATES, generated.LANGUAGE_DATA]:
        assert (zensical_site / path).read_bytes() == (site_dir / path).read_bytes(), path
    # and every page links them as MkDocs's does
    for page in ["template/", "models/xiangzhen-shuji/"]:
        links = re.findall(r'href="([^"]+\.docx)"', (zensical_site / page / "index.html").read_text("utf-8"))
        assert links and links == re.findall(r'href="([^"]+\.docx)"', (site_dir / page / "index.html").read_text("utf-8"))


def _check_and_format(page, url: str) -> tuple[list[str], bytes]:
    page.goto(url)
    page.wait_for_function("window.GuideChecker && window.ReportEngine && window.ReportDocx && window.REPORT_DOCX_TEMPLATES")
    page.fill("#gc-text", DRAFT)
    page.fill("#gc-year", "2026")
    page.click("#gc-run")
    page.wait_for_function("document.getElementById('guide-checker').dataset.state === 'done'")
    findings = page.locator("#gc-results li").all_inner_texts()
    with page.expect_download() as info:
        page.click("#gc-download")
    return findings, Path(info.value.path()).read_bytes()


def test_checker_page_checks_and_formats_as_in_the_mkdocs_build(browser, zensical_site, site_url):
    server = serve(zensical_site)
    try:
        context = browser.new_context(locale="zh-CN", accept_downloads=True)
        try:
            page = context.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            findings, docx = _check_and_format(page, f"http://127.0.0.1:{server.server_address[1]}/checker/")
            want_findings, want_docx = _check_and_format(context.new_page(), site_url + "checker/")
        finally:
            context.close()
    finally:
        server.shutdown()
    assert len(findings) >= 3 and any("XX" in f for f in findings)
    assert findings == want_findings
    assert docx[:2] == b"PK" and docx == want_docx
    assert errors == []


def test_a_macro_error_fails_the_zensical_build():
    docs = ROOT / "build" / f"zensical-bad-docs-{os.getpid()}"
    site = ROOT / "build" / f"zensical-bad-site-{os.getpid()}"
    docs.mkdir(parents=True)
    try:
        (docs / "index.md").write_text("# 测试\n\n{{ patterns(no-such-section) }}\n", "utf-8")
        result, _ = zensical_build(f"INHERIT: mkdocs.yml\ndocs_dir: {docs.relative_to(ROOT).as_posix()}\n"
                                   f"site_dir: {site.relative_to(ROOT).as_posix()}\nnav:\n  - index.md\n", "bad")
        assert result.returncode != 0
        assert "patterns(no-such-section)" in result.stdout + result.stderr
    finally:
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
