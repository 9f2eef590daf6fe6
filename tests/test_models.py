"""The 2026 model reports, report types, role adaptations and 口头述职: data
complete, every report a page copied whole, the checker agrees with them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, clipboard_reader

sys.path.insert(0, str(ROOT / "scripts"))

import mkdocs_hooks  # noqa: E402

DATA = ROOT / "data"
DOCS = ROOT / "docs"
CLI = [sys.executable, str(ROOT / "scripts" / "check_report.py")]


def load(name: str):
    return yaml.safe_load((DATA / f"{name}.yml").read_text("utf-8"))


REPORTS = load("model_reports")
ROLES = load("roles")
TYPES = load("report_types")
SECTIONS = load("sections")
PART_IDS = ["study", "duty", "integrity", "problems", "measures"]
DATE = re.compile(r"^20[0-9]{2}年(?:[1-9]|1[0-2])月(?:[1-9]|[12][0-9]|3[01])日$")
CN = "一二三四五六七八九十"


def nav_paths() -> list[str]:
    def walk(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    # mkdocs.yml has !!python tags; read only the nav block.
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    nav = yaml.safe_load(text[text.index("\nnav:"):])
    return list(walk(nav["nav"]))


def common_run(a: str, b: str) -> int:
    """Length of the longest run of characters the two strings share."""
    return max((k for i in range(len(a)) for k in range(1, len(a) - i + 1) if a[i:i + k] in b), default=0)


def parts(report: dict) -> dict[str, list[dict]]:
    """The report's paragraphs grouped by the part their 一级标题 starts."""
    recognise = {s["id"]: s["recognise"] for s in SECTIONS if s["recognise"]}
    grouped: dict[str, list[dict]] = {"opening": []}
    current = "opening"
    for para in report["paragraphs"]:
        if para["kind"] == "h1":
            current = next(sid for sid, words in recognise.items() if any(w in para["text"] for w in words))
            grouped[current] = []
        else:
            grouped[current].append(para)
    return grouped


# --- data ------------------------------------------------------------------

def test_reports_follow_the_fixed_schema():
    assert len(REPORTS) >= 3
    ids = [r["id"] for r in REPORTS]
    assert len(ids) == len(set(ids))
    for r in REPORTS:
        assert set(r) == {"id", "role", "kind", "year", "title", "salutation", "paragraphs", "signature", "date", "note"}
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r["id"]), r["id"]
        assert r["kind"] in ("述职报告", "个人年度总结") and r["year"] == 2026
        assert r["title"].startswith("2026年度") and r["kind"].removeprefix("个人年度") in r["title"]
        assert r["salutation"] is None or r["salutation"].endswith("：")
        assert all(p["kind"] in ("body", "h1", "h2", "h3", "h4") and p["text"].strip() for p in r["paragraphs"])
        assert DATE.match(r["date"]) and r["date"].startswith(("2026年12月", "2027年")), r["date"]


def test_reports_cover_the_three_roles():
    roles = " ".join(r["role"] for r in REPORTS)
    for role in ("乡镇党委书记", "县直部门主要负责人", "一般干部"):
        assert role in roles
    assert {r["kind"] for r in REPORTS} == {"述职报告", "个人年度总结"}


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_report_is_complete_and_in_order(report):
    lines = mkdocs_hooks.model_report_lines(report)
    assert 2500 <= mkdocs_hooks.model_report_length(report) <= 4000
    # 一 to 五, the five parts in the guide's order, each with content.
    h1 = [p["text"] for p in report["paragraphs"] if p["kind"] == "h1"]
    assert [t[0] for t in h1] == list(CN[:5]) and all(t[1] == "、" for t in h1)
    grouped = parts(report)
    assert list(grouped) == ["opening"] + PART_IDS
    assert all(grouped[sid] for sid in grouped)
    assert grouped["opening"][0]["text"].startswith("2026年")
    assert re.search("(?:报告|总结)如下。$", grouped["opening"][0]["text"])
    # 问题 and 措施 one to one, in the same order.
    problems = [p["text"] for p in grouped["problems"]]
    measures = [p["text"] for p in grouped["measures"] if p["kind"] == "body" and "针对" in p["text"]]
    assert [t[:2] for t in problems] == [f"{CN[i]}是" for i in range(len(problems))]
    assert len(problems) == len(measures) >= 3
    for problem, measure in zip(problems, measures):
        topic = re.match(r".是(.+?)。", problem).group(1)
        target = re.search(r"针对(.+?)的问题", measure).group(1)
        assert measure.index("针对") < 20 and common_run(topic, target) >= 4, (topic, target)
    # The name is in the 落款 only, once; figures are marked 示意 once, in the note.
    assert lines[-2] == report["signature"] and report["signature"].endswith("某某") and lines[-1] == report["date"]
    assert sum(line.count(report["signature"]) for line in lines) == 1
    assert "示意" in report["note"] and not any("示意" in line for line in lines)
    kinds = [b["kind"] for b in mkdocs_hooks.model_report_blocks(report)]
    assert kinds[0] == "title" and kinds[-2:] == ["signature", "date"]
    assert set(kinds) <= {"title", "salutation", "h1", "h2", "h3", "h4", "body", "signature", "date"}


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_report_is_current_for_2026(report):
    """The 2026 学习教育 enters a leader's report three times (学, 查, 改);
    nothing in any model uses a form data/formulations.yml rejects."""
    grouped = parts(report)
    text = {sid: "".join(p["text"] for p in paras) for sid, paras in grouped.items()}
    if report["kind"] == "述职报告":
        assert "树立和践行正确政绩观学习教育" in text["study"]
        assert "学习教育" in text["problems"] and "学习教育" in text["measures"]
        assert "常态化精准帮扶" in text["duty"] and "过渡期" not in "".join(text.values())
    assert "党的二十大和二十届历次全会精神" in text["study"]


def test_models_use_no_rejected_form():
    from test_consistency import plain, rejected_forms

    texts = [(r["id"], p["text"]) for r in REPORTS for p in r["paragraphs"]]
    texts += [(role["id"], m["text"]) for role in ROLES for m in role["models"]]
    found = [(where, form, term) for where, text in texts for form, term in rejected_forms() if form in plain(text)]
    assert found == []


def check_cli(tmp_path: Path, name: str, text: str) -> list[dict]:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, "utf-8")
    done = subprocess.run(CLI + ["--year", "2026", "--format", "json", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)[0]["findings"]


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_checker_passes_the_report(report, tmp_path):
    """As published (signed with a fictitious 某某 name) and as a writer signs
    it, the checker reports nothing at any level."""
    lines = mkdocs_hooks.model_report_lines(report)
    assert check_cli(tmp_path, "as-published", "\n".join(lines) + "\n") == []
    signed = "\n".join(lines[:-2] + ["张明", lines[-1]]) + "\n"
    assert check_cli(tmp_path, "signed", signed) == []


def test_every_report_role_and_type_has_its_page_in_nav():
    nav = nav_paths()
    for path in ["models/index.md", "types.md", "roles/index.md", "oral.md"]:
        assert path in nav and (DOCS / path).is_file()
    for r in REPORTS:
        page = DOCS / "models" / f"{r['id']}.md"
        assert f"models/{r['id']}.md" in nav
        assert f"{{{{ model_report({r['id']}) }}}}" in page.read_text("utf-8")
    for role in ROLES:
        assert f"roles/{role['id']}.md" in nav
        assert f"{{{{ role({role['id']}) }}}}" in (DOCS / "roles" / f"{role['id']}.md").read_text("utf-8")


def test_roles_data_complete():
    ids = [r["id"] for r in ROLES]
    names = " ".join(r["name"] for r in ROLES)
    for role in ("村（社区）党组织书记", "学校", "医院", "国有企业", "副职", "乡镇长"):
        assert role in names
    assert len(ids) == len(set(ids))
    section_ids = {s["id"] for s in SECTIONS}
    for role in ROLES:
        assert len(role["indicators"]) >= 4 and len(role["risks"]) >= 3
        assert len(role["models"]) >= 2
        for model in role["models"]:
            assert model["section"] in section_ids and len(model["text"]) >= 80
            assert "【" not in model["text"] and "XX" not in model["text"]


def test_report_types_data_complete():
    names = " ".join(t["name"] for t in TYPES)
    for name in ("述职报告", "述责述廉", "述学", "抓基层党建", "任期述职", "民主生活会", "组织生活会", "考核登记表"):
        assert name in names, name
    for t in TYPES:
        assert re.fullmatch(r"[a-z]+", t["id"])
        assert t["who"].strip() and t["basis"].strip()
        assert len(t["structure"]) >= 3 and t["differs"] and len(t["outline"]) >= 3
    # The 考核登记表 length is the notice's call, and the page says so.
    form = next(t for t in TYPES if t["id"] == "dengjibiao")
    assert "通知" in form["basis"] and "字数" in form["basis"]


def test_oral_budgets_add_up():
    oral = load("oral")
    section_ids = [s["id"] for s in SECTIONS]
    assert [b["minutes"] for b in oral["budgets"]] == [5, 8, 10]
    for budget in oral["budgets"]:
        assert list(budget["shares"]) == section_ids and sum(budget["shares"].values()) == 100
    low, high = oral["range"]
    assert low < oral["rate"] < high


# --- pages, in the browser -------------------------------------------------

def page_text(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.textContent.trim())")


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_model_report_page_copies_the_whole_report(browser, site_url, site_dir, report):
    lines = mkdocs_hooks.model_report_lines(report)
    context = browser.new_context(locale="zh-CN", accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}models/{report['id']}/", wait_until="networkidle")
        # Shown in full, one paragraph per line, title to date.
        assert page_text(page, f"#report-{report['id']} > p") == lines
        assert "示意" in page.inner_text(".admonition.info")
        reader = clipboard_reader(context, site_url)
        button = page.locator("button.copy-all")
        assert button.count() == 1 and "复制全文" in button.inner_text()
        button.click()
        page.wait_for_selector(".md-dialog--active")
        assert "已复制" in page.inner_text(".md-dialog")
        assert reader.evaluate("navigator.clipboard.readText()") == "\n".join(lines)
        # Word files: linked once the formatter makes them; until then the page says how to get one.
        links = page.query_selector_all("a.md-button[download]")
        if mkdocs_hooks.FORMATTER.is_file():
            paths = mkdocs_hooks.model_download_paths(report["id"])
            assert sorted(a.get_attribute("href").removeprefix("../../") for a in links) == sorted(paths.values())
            for link in links:
                with page.expect_download() as info:
                    link.click()
                built = (site_dir / "models" / report["id"] / link.get_attribute("href")).resolve()
                assert Path(info.value.path()).read_bytes() == built.read_bytes()
                assert info.value.suggested_filename == link.get_attribute("download")
                # The Word file holds the same report, paragraph for paragraph.
                import docx

                text = [p.text for p in docx.Document(str(built)).paragraphs if p.text.strip()]
                assert text == lines
        else:
            assert links == [] and "复制全文" in page.inner_text(".admonition.note")
    finally:
        context.close()


def test_models_index_lists_every_report(page, site_url):
    page.goto(site_url + "models/", wait_until="networkidle")
    hrefs = page.eval_on_selector_all("article table a", "els => els.map(e => e.getAttribute('href'))")
    assert [h.strip("./").removesuffix("/") for h in hrefs] == [r["id"] for r in REPORTS]


@pytest.mark.parametrize("role", ROLES, ids=[r["id"] for r in ROLES])
def test_role_page_has_copyable_models(browser, site_url, role):
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{site_url}roles/{role['id']}/", wait_until="networkidle")
        models = page_text(page, ".copy-block > .model")
        assert models == [m["text"].strip() for m in role["models"]] and len(models) >= 2
        h2 = page.eval_on_selector_all("article h2", "els => els.map(e => e.textContent.replace('¶', '').trim())")
        assert h2 == ["职务怎么写", "评审的人看什么", "廉洁风险点", "可复制的示例段落"]
        reader = clipboard_reader(context, site_url)
        for block in page.query_selector_all(".copy-block:has(> .model)"):
            block.query_selector(".md-clipboard").evaluate("b => b.click()")
            expected = block.query_selector(".model").text_content().strip()
            assert reader.evaluate("navigator.clipboard.readText()") == expected
    finally:
        context.close()


def test_types_page_has_every_type(page, site_url):
    page.goto(site_url + "types/", wait_until="networkidle")
    for t in TYPES:
        heading = page.locator(f"h2#{t['id']}")
        assert heading.count() == 1 and t["name"] in heading.inner_text()
    assert page.locator("details.example").count() == len(TYPES)


def test_oral_page_budgets_and_secrecy(page, site_url):
    page.goto(site_url + "oral/", wait_until="networkidle")
    oral = load("oral")
    header = page_text(page, "article table thead th")
    assert header[1:] == [f"{b['minutes']}分钟（约{b['minutes'] * oral['rate']}字）" for b in oral["budgets"]]
    assert page.locator("h2#baomi").count() == 1
    assert page.locator(".copy-block > .model").count() >= 2
    # The spoken example copies whole, one paragraph a line.
    reader = clipboard_reader(page.context, site_url)
    box = page.locator(".admonition.example:has(.copy-all)")
    assert box.count() == 1
    box.locator(".copy-all").evaluate("b => b.click()")
    assert reader.evaluate("navigator.clipboard.readText()") == "\n".join(oral["example"]["paragraphs"])


def test_report_text_stays_out_of_search(site_dir):
    """The full reports repeat the guide's own wording; indexed, they push the
    section pages down the results. The page is found by its title and notes."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    for report in REPORTS:
        docs = [d for d in index["docs"] if d["location"].startswith(f"models/{report['id']}/")]
        assert docs, report["id"]
        text = "".join(d["text"] for d in docs).replace("\u200b", "")
        body = [p["text"] for p in report["paragraphs"] if p["kind"] == "body" and len(p["text"]) > 40]
        assert not any(para[:30] in text for para in body)
        assert "写法说明" in "".join(d["title"] for d in docs).replace("\u200b", "")


def test_oral_example_fits_its_minutes():
    oral = load("oral")
    example = oral["example"]
    report = next(r for r in REPORTS if r["id"] == example["report"])
    length = sum(len(re.sub(r"\s", "", p)) for p in example["paragraphs"])
    budget = example["minutes"] * oral["rate"]
    assert 0.75 * budget <= length <= 0.9 * budget  # the page says: stay a tenth under
    assert example["paragraphs"][0] == "各位领导、同志们：" and "谢谢大家" in example["paragraphs"][-1]
    # Every figure in the spoken version is one the written report states.
    written = "".join(mkdocs_hooks.model_report_lines(report))
    for number in re.findall(r"[0-9]+(?:\.[0-9]+)?", "".join(example["paragraphs"][1:])):
        assert number in written, number
