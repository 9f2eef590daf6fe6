"""提交前自查：页面本身（粘贴、读文件、画出结果、不发请求、file://），以及页面与命令行
对同样的输入给出完全相同的结果。规则本身由 tests/test_checker.py 在 V8 中用向量测试。

Uses the shared fixtures in conftest.py: the strict build served over plain
http on a sub-path, the offline bundle from file://, and Chromium.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from check_report import read_report  # noqa: E402
import engine_host  # noqa: E402
from engine_host import Engine, engine  # noqa: E402
from test_checker import (CLI, VECTOR_CASES, _guide_items, example_report, fixture_formulations,  # noqa: E402
                          make_docx, minimal_cfb, vector_data)

# The engine in the page, with the vectors' fixed formulations (as tests/test_checker.py runs it in V8)
RUN_VECTORS = """([cases, formulations]) => {
  const D = window.GUIDE_CHECKER_DATA;
  const engine = ReportEngine.create(Object.assign({}, D, {formulations}));
  return cases.map(c => engine.check(c.text, {year: c.year ?? null, part: c.part ?? null, docx: c.docx ?? null, type: c.type ?? null}));
}"""

RUN_REAL = """(cases) => cases.map(c => ReportEngine.check(c.text, {year: c.year ?? null, part: c.part ?? null}))"""


@pytest.fixture(scope="module")
def checker_page(browser, site_url):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "checker/")
    page.wait_for_function("window.ReportEngine && window.GUIDE_CHECKER_DATA && window.GuideChecker")
    page.errors = errors
    yield page
    context.close()


# ---------------------------------------------------------------------------
# The page and the command line run one engine: same results on the same input
# ---------------------------------------------------------------------------

def test_page_engine_equals_cli_engine_on_the_vectors(checker_page):
    cases = [{"text": c["text"], "year": c.get("year"), "part": c.get("part"), "docx": c.get("docx"), "type": c.get("type")}
             for c in VECTOR_CASES]
    in_page = checker_page.evaluate(RUN_VECTORS, [cases, fixture_formulations()])
    v8 = Engine(data=vector_data())
    try:
        assert in_page == [v8.check(c["text"], year=c["year"], part=c["part"], docx=c["docx"], type=c["type"]) for c in cases]
    finally:
        v8.close()
    assert sum(len(f) for f in in_page) > 100


def _guide_texts():
    cases = []
    for section, _, item, _ in _guide_items():
        for key in ("bad", "good", "text"):
            if key in item:
                cases.append({"text": item[key].strip(), "year": 2026, "part": section})
    full, _ = example_report()
    for year in (None, 2021, 2026):
        cases.append({"text": full, "year": year, "part": None})
    return cases


def test_page_engine_equals_cli_engine_on_guide_content(checker_page):
    cases = _guide_texts()
    in_page = checker_page.evaluate(RUN_REAL, cases)
    assert in_page == [engine().check(c["text"], year=c["year"], part=c["part"]) for c in cases]
    # and the same paragraph classification (the formatter's input)
    full, _ = example_report()
    paragraphs = [{"text": t} for t in full.split("\n")]
    assert checker_page.evaluate("(p) => ReportEngine.classify(p)", paragraphs) == engine().classify(paragraphs)


def test_engine_runs_without_a_dom_in_a_worker(checker_page):
    """The engine's files touch no DOM: they run in a Web Worker, as they do in bare V8."""
    scripts = [s.as_posix().split("/docs/")[1] if s else "assets/javascripts/checker-data.js"
               for s in engine_host.SCRIPTS]
    got = checker_page.evaluate("""(scripts) => new Promise((resolve, reject) => {
        const base = new URL('../', location.href).href;
        const src = `importScripts(${scripts.map(s => JSON.stringify(base + s)).join(', ')});
                     postMessage(ReportEngine.check('来XX镇调研,认真工作。', {year: 2026}).map(f => f.rule));`;
        const w = new Worker(URL.createObjectURL(new Blob([src], {type: 'text/javascript'})));
        w.onmessage = e => resolve(e.data); w.onerror = e => reject(e.message);
    })""", scripts)
    assert got == ["placeholder", "punct-halfwidth"]


# ---------------------------------------------------------------------------
# The page
# ---------------------------------------------------------------------------

def _open(page, url):
    page.goto(url)
    page.wait_for_function("window.GuideChecker && window.ReportEngine && document.getElementById('guide-checker')")
    page.wait_for_load_state("networkidle")


def _paste(page, text):
    page.fill("#gc-text", text)
    page.click("#gc-run")
    page.wait_for_function("document.getElementById('guide-checker').dataset.state === 'done'")


def test_report_type_select_comes_from_the_data_and_decides_the_parts(page, site_url):
    """报告类型: the options are the data's types; 述责述廉 expects no 学习 part, as --type does."""
    from test_rulebook import BASE
    _open(page, site_url + "checker/")
    options = page.eval_on_selector_all("#gc-type option", "els => els.map(e => [e.value, e.textContent])")
    assert options == [["", "按标题判断"]] + [[t["id"], t["name"]] for t in engine_host.default_data()["types"]]
    page.fill("#gc-year", "2026")
    text = BASE.replace(BASE[BASE.index("一、加强理论学习"):BASE.index("二、履职尽责")], "")
    _paste(page, text)
    assert page.locator("#gc-results li", has_text="没有找到").count() == 1
    page.select_option("#gc-type", "shuzeshulian")
    page.wait_for_function("document.getElementById('guide-checker').dataset.state === 'done'")
    assert page.locator("#gc-results li", has_text="没有找到").count() == 0
    in_page = page.evaluate("(t) => ReportEngine.check(t, {year: 2026, type: 'shuzeshulian'})", text)
    assert in_page == engine().check(text, year=2026, type="shuzeshulian")


def test_page_lists_findings_highlights_and_filters(page, site_url):
    _open(page, site_url + "checker/")
    before = len(page.requests)
    page.fill("#gc-year", "2026")
    _paste(page, "述职报告\n一年来,本人认真履行职责。\n共完成材料近XX篇，联系电话13812345678。\n一是学习。三是工作。")
    status = page.locator("#gc-status")
    assert status.get_attribute("aria-live") == "polite"
    assert re.search(r"共发现 4 处：错误 2 处，警告 2 处，提示 0 处", status.inner_text())
    items = page.locator("#gc-results li")
    assert items.count() == 4
    assert "第2行第4列" in items.nth(0).inner_text()
    # click a finding: the spot is selected in the text
    target = page.locator("#gc-results li", has_text="占位符")
    target.locator("button").click()
    sel = page.evaluate("""() => { const a = document.getElementById('gc-text');
        return a.value.slice(a.selectionStart, a.selectionEnd); }""")
    assert sel == "XX"
    assert page.evaluate("document.activeElement.id") == "gc-text"
    # filter by level
    page.uncheck("input[name=gc-level][value=警告]")
    assert items.count() == 2
    assert "当前显示 2 处" in status.inner_text()
    page.uncheck("input[name=gc-level][value=错误]")
    assert items.count() == 0
    page.check("input[name=gc-level][value=警告]")
    assert items.count() == 2
    # nothing left the page after load
    assert page.requests[before:] == []
    assert page.errors == []


def test_page_applies_a_sure_fix_in_one_click_and_all_at_once_undoably(page, site_url):
    """错别字, 的地得 and 叠字 findings name their correction; 改为“…” applies one, 全部替换 all, and
    Ctrl+Z takes each back (the box's own undo, like 清空 and 选择文件)."""
    _open(page, site_url + "checker/")
    draft = "认真部暑年度重点工作，他认真的履行了职责。\n会议研究了了重点任务，工作抓的很实。"
    _paste(page, draft)
    items = page.locator("#gc-results li")
    assert items.count() == 4
    assert "“部暑”疑为“部署”之误" in items.nth(0).inner_text()
    fix = items.nth(0).locator(".gc-apply")
    assert fix.inner_text() == "改为“部署”"
    fix.click()
    page.wait_for_function("document.getElementById('guide-checker').dataset.state === 'done'")
    assert page.input_value("#gc-text") == draft.replace("部暑", "部署")
    assert items.count() == 3
    page.keyboard.press("Control+z")
    assert page.input_value("#gc-text") == draft
    page.click("#gc-run")
    page.wait_for_function("document.getElementById('guide-checker').dataset.state === 'done'")
    apply_all = page.locator(".gc-apply-all")
    assert apply_all.is_visible() and "4 处" in apply_all.inner_text()
    apply_all.click()
    page.wait_for_function("document.getElementById('guide-checker').dataset.state === 'done'")
    assert page.input_value("#gc-text") == "认真部署年度重点工作，他认真地履行了职责。\n会议研究了重点任务，工作抓得很实。"
    assert "没有发现问题" in page.inner_text("#gc-status")
    assert not apply_all.is_visible()
    page.keyboard.press("Control+z")
    assert page.input_value("#gc-text") == draft
    assert page.errors == []


def test_page_shows_pasted_html_as_text(page, site_url):
    _open(page, site_url + "checker/")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    evil = '【<img src=x onerror=alert(1)>】<script>alert(2)</script><b>粗体</b>'
    _paste(page, evil)
    root = page.locator("#guide-checker")
    assert root.locator("script, img, b").count() == 0
    assert "【<img src=x onerror=alert(1)>】" in page.locator("#gc-results").inner_text()
    page.wait_for_timeout(200)
    assert dialogs == []


def test_page_is_labelled(page, site_url):
    _open(page, site_url + "checker/")
    for label in ("报告全文", "或选择文件（.docx、.txt）", "报告年度"):
        assert page.get_by_label(label).count() == 1
    assert page.locator("fieldset.gc-filter legend").inner_text() == "按级别筛选"
    # looks like Material: the primary button uses the theme's colour
    color = page.evaluate("getComputedStyle(document.getElementById('gc-run')).backgroundColor")
    primary = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim()")
    assert primary and color not in ("rgba(0, 0, 0, 0)", "")


@pytest.fixture(scope="module")
def upload_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("upload")
    make_docx(d / "report.docx", [
        ("述职报告", "Title"),
        ("2026年度，本人认真履行职责。现将履职情况报告如下。", None),
        ("勤学善思", "Heading 1"),
        ("一年来,本人认真学习，共撰写心得XX篇。", None),
        ("履职尽责", "Heading 1"),
        ("一是抓统筹。三是重落实。", None),
        ("联系电话：13812345678", None),
    ])
    (d / "gbk.txt").write_bytes("一年来，本人来XX镇调研，䶮。".encode("gb18030"))
    (d / "utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + "第一行\n来XX镇调研".encode("utf-8"))
    (d / "utf16.txt").write_bytes("\ufeff第一行\n来XX镇调研，认真工作。".encode("utf-16-le"))
    full = (d / "report.docx").read_bytes()
    (d / "broken.docx").write_bytes(full[: len(full) // 2])
    (d / "old.doc").write_bytes(minimal_cfb(["WordDocument", "1Table"]) + b"\x00" * 512)
    (d / "locked.docx").write_bytes(minimal_cfb(["EncryptionInfo", "EncryptedPackage"]) + b"\x00" * 512)
    (d / "empty.txt").write_bytes(b"")
    (d / "junk.txt").write_bytes(bytes(range(256)) * 20)
    return d


def _upload(page, path):
    page.set_input_files("#gc-file", str(path))
    page.wait_for_function("['done', 'error'].includes(document.getElementById('guide-checker').dataset.state)"
                           " && !document.getElementById('gc-file-status').textContent.startsWith('正在读取')")


def _js_read(page, year=2026):
    return page.evaluate("""(year) => GuideChecker.readFile(document.getElementById('gc-file').files[0])
        .then(r => ({text: r.text, paragraphs: r.paragraphs,
                     findings: ReportEngine.check(r.paragraphs || r.text, {year})}))""", year)


def run_cli_json(path, year=2026):
    r = subprocess.run(CLI + [str(path), "--format", "json", "--year", str(year)], capture_output=True,
                       text=True, encoding="utf-8", timeout=300)
    assert r.returncode in (0, 1), r.stderr
    [res] = json.loads(r.stdout)
    return res["findings"]


def _assert_docx_like_cli(page, path):
    _upload(page, path)
    paragraphs = read_report(path)
    text = engine().paragraphs_to_text(paragraphs)
    assert page.input_value("#gc-text") == text
    got = _js_read(page)
    assert got["text"] == text
    assert got["paragraphs"] == paragraphs
    assert got["findings"] == run_cli_json(path)
    rules = {f["rule"] for f in got["findings"]}
    assert {"placeholder-figure", "chain-sequence", "pii-mobile", "punct-halfwidth"} <= rules
    assert "已读取" in page.inner_text("#gc-file-status")
    # what the page lists is what the CLI prints
    shown = page.locator("#gc-results li .gc-where").all_inner_texts()
    assert shown == [f"第{f['line']}行第{f['col']}列" for f in got["findings"]]


def test_page_reads_docx_and_text_files_locally(page, site_url, upload_files):
    _open(page, site_url + "checker/")
    before = len(page.requests)
    _assert_docx_like_cli(page, upload_files / "report.docx")
    for name in ("gbk.txt", "utf8bom.txt", "utf16.txt"):
        _upload(page, upload_files / name)
        text = read_report(upload_files / name)
        assert page.input_value("#gc-text") == text.lstrip("\ufeff")
        assert "placeholder" in page.inner_text("#gc-results")
        assert _js_read(page)["findings"] == run_cli_json(upload_files / name)
    assert page.requests[before:] == []
    assert page.errors == []


def test_page_reports_what_a_docx_keeps(page, site_url):
    """批注, 修订 and 隐藏文字 left in a Word file: listed in the page as the CLI prints them."""
    path = ROOT / "tests" / "corpus" / "f21-2026-docx-leftovers.docx"
    _open(page, site_url + "checker/")
    _upload(page, path)
    cli = run_cli_json(path)
    assert {"docx-comment", "docx-revision", "docx-hidden"} <= {f["rule"] for f in cli}
    shown = list(zip(page.locator("#gc-results li .gc-where").all_inner_texts(),
                     page.locator("#gc-results li .gc-rule").all_inner_texts()))
    assert shown == [(f"第{f['line']}行第{f['col']}列", f["rule"]) for f in cli]
    # an edit in the box is followed on the file (ReportEngine.followEdits): still reported, at their places
    text = page.input_value("#gc-text")
    page.fill("#gc-text", text + "\n")
    page.click("#gc-run")
    assert list(zip(page.locator("#gc-results li .gc-where").all_inner_texts(),
                    page.locator("#gc-results li .gc-rule").all_inner_texts())) == shown
    # a paste over the whole text is another text: only the text is checked
    page.evaluate("""(text) => {
      const area = document.getElementById("gc-text"), data = new DataTransfer();
      data.setData("text/plain", text);
      area.focus(); area.select();
      area.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
    }""", text)
    page.fill("#gc-text", text)
    page.click("#gc-run")
    assert "docx-comment" not in page.locator("#gc-results").inner_text()
    assert page.errors == []


@pytest.mark.parametrize("name, message", [
    ("broken.docx", "损坏"),
    ("old.doc", "请另存为 .docx"),
    ("locked.docx", "密码"),
    ("empty.txt", "空"),
    ("junk.txt", "不是文本文件"),
])
def test_page_explains_files_it_cannot_read(page, site_url, upload_files, name, message):
    _open(page, site_url + "checker/")
    _upload(page, upload_files / name)
    assert message in page.inner_text("#gc-file-status")
    assert page.errors == []


def test_checker_works_from_file_in_offline_bundle(page, offline_dir, upload_files):
    html = offline_dir / "checker.html"
    if not html.exists():
        html = offline_dir / "checker" / "index.html"
    url = html.as_uri()
    _open(page, url)
    _paste(page, "来XX镇调研,认真工作。")
    assert page.locator("#gc-results li").count() == 2
    # The pasted text is the user's own: the page asks before the file replaces it.
    asked = []
    page.once("dialog", lambda d: (asked.append(d.type), d.accept()))
    _assert_docx_like_cli(page, upload_files / "report.docx")
    assert asked == ["confirm"]
    assert [u for u in page.requests if not u.startswith(("file:", "data:", "blob:"))] == []
    assert page.errors == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_checker_has_no_serious_accessibility_violations(page, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    _open(page, site_url + "checker/")
    page.evaluate("(s) => document.body.setAttribute('data-md-color-scheme', s)", scheme)
    _paste(page, "述职报告\n一年来,本人认真履行职责。\n共完成材料近XX篇。\n通过党史学习教育，把自己摆进去。")
    page.locator("#gc-results button").first.click()
    results = Axe().run(page, context="#guide-checker")
    bad = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results.response["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == []
