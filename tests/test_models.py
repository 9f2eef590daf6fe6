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

from conftest import ROOT, click_every_download, clipboard_reader

sys.path.insert(0, str(ROOT / "scripts"))

from guide_build import data, generated  # noqa: E402
from guide_build.macros import expand_macros  # noqa: E402

DATA = ROOT / "data"
DOCS = ROOT / "docs"
CLI = [sys.executable, str(ROOT / "scripts" / "check_report.py")]


def load(name: str):
    return yaml.safe_load((DATA / f"{name}.yml").read_text("utf-8"))


REPORTS = load("model_reports")
LENGTHS = load("lengths")
SECTORS = load("sectors")
ROLES = load("roles")
TYPES = load("report_types")
SECTIONS = load("sections")
PART_IDS = ["study", "duty", "integrity", "problems", "measures"]
DATE = re.compile(r"^20[0-9]{2}年(?:[1-9]|1[0-2])月(?:[1-9]|[12][0-9]|3[01])日$")
CN = "一二三四五六七八九十"
# A 考核登记表 个人总结 fills the form's box: no title, no parts, 德、能、勤、绩、廉 blocks.
FORM = "考核登记表个人总结"
FULL = [r for r in REPORTS if r["kind"] != FORM]


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
        assert set(r) == {"id", "role", "kind", "rank", "year", "title", "salutation", "paragraphs", "signature",
                          "date", "note"}
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r["id"]), r["id"]
        assert r["kind"] in {row["type"] for row in LENGTHS["totals"]} and r["year"] == 2026
        assert r["rank"] in ("县处级", "乡科级", "一般干部")
        if r["kind"] == FORM:
            assert r["title"] is None and r["salutation"] is None
        else:
            assert r["title"].startswith("2026年度") and r["kind"].removeprefix("个人年度") in r["title"]
        assert r["salutation"] is None or r["salutation"].endswith("：")
        assert all(p["kind"] in ("body", "h1", "h2", "h3", "h4") and p["text"].strip() for p in r["paragraphs"])
        assert DATE.match(r["date"]) and r["date"].startswith(("2026年12月", "2027年")), r["date"]


def test_reports_cover_the_three_roles():
    roles = " ".join(r["role"] for r in REPORTS)
    for role in ("乡镇党委书记", "县直部门主要负责人", "一般干部"):
        assert role in roles
    assert {r["kind"] for r in REPORTS} >= {"述职报告", "个人年度总结"}


def test_reports_cover_the_roles_writers_asked_for():
    """Issue 17 §3: the roles a 县政府办 writer is asked to write for, a short
    leader model and a 考核登记表 entry."""
    by_role = {r["role"]: r for r in REPORTS}
    wanted = {"副县长": "述职述廉报告", "县政府办公室主任": "述职报告", "公立医院党委书记": "述职述责述廉报告",
              "1500字": "述职报告", "一般干部": FORM}
    for role, kind in wanted.items():
        assert any(role in name and r["kind"] == kind for name, r in by_role.items()), (role, kind)
    short = next(r for r in REPORTS if "1500字" in r["role"])
    assert 1500 <= data.model_report_length(short) <= 1700 and short["rank"] != "一般干部"
    form = next(r for r in REPORTS if r["kind"] == FORM)
    assert 300 <= data.model_report_length(form) <= 800


def length_range(report: dict) -> list[int]:
    rows = [row for row in LENGTHS["totals"] if row["type"] == report["kind"] and report["rank"] in row["ranks"]]
    assert len(rows) == 1, (report["id"], rows)
    return rows[0]["range"]


def test_length_table_adds_up_and_agrees_with_the_part_shares():
    """Each tier's parts add up to its total; every share lies in the range the
    checker uses (data/sections.yml), 整改措施 counted with 结尾 and 落款 as
    the checker counts it; the opening stays one short paragraph."""
    from guide_build import macros

    assert set(LENGTHS["allocation"]["述职报告"]) == {1500, 2000, 3000, 5000}
    for kind, tiers in LENGTHS["allocation"].items():
        assert kind in {row["type"] for row in LENGTHS["totals"]}
        typed = next((t for t in macros.checker_types() if t.get("length") == kind), None)
        # the type's own parts and shares (述责述廉: 履行全面从严治党责任 instead of 学习 and 履职)
        share = {pid: p["share"] for pid, p in macros.type_parts(typed["id"] if typed else "").items()}
        for total, parts_ in tiers.items():
            assert list(parts_) == list(share) and sum(parts_.values()) == total, (kind, total)
            merged = dict(parts_, measures=parts_["measures"] + parts_.pop("closing"))
            for sid, chars in merged.items():
                lo, hi = share[sid]
                assert lo <= round(100 * chars / total) <= hi, (kind, total, sid)
            assert merged["opening"] <= 200
    for row in LENGTHS["totals"]:
        assert row["range"][0] <= row["usual"][0] < row["usual"][1] <= row["range"][1]


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_report_length_is_in_the_length_table(report):
    low, high = length_range(report)
    assert low <= data.model_report_length(report) <= high


@pytest.mark.parametrize("report", [r for r in FULL if "1500字" not in r["role"]], ids=lambda r: r["id"])
def test_full_length_model_is_in_the_usual_range(report):
    """The 写作总览 table's usual length covers the full-length models (the 1500-character one is
    the short version a notice's limit asks for)."""
    rows = [row for row in LENGTHS["totals"] if row["type"] == report["kind"] and report["rank"] in row["ranks"]]
    low, high = rows[0]["usual"]
    assert low <= data.model_report_length(report) <= high, (report["id"], rows[0]["usual"])


@pytest.mark.parametrize("report", [r for r in REPORTS if r["kind"] == FORM], ids=lambda r: r["id"])
def test_form_entry_is_what_the_box_takes(report):
    """No title, 称谓, headings or 过渡句; 德、能、勤、绩、廉 in that order;
    the closing paragraph says how last year's 不足 went, then a dated step."""
    lines = data.model_report_lines(report)
    assert all(p["kind"] == "body" for p in report["paragraphs"])
    assert not re.search("报告如下|总结如下|请予评议", "".join(lines))
    starts = [p["text"][:2] for p in report["paragraphs"]]
    assert [s for s in starts if s[1:] == "："] == ["德：", "能：", "勤：", "绩：", "廉："]
    achievements = next(p["text"] for p in report["paragraphs"] if p["text"].startswith("绩："))
    items = re.findall("([一二三四])是", achievements)
    assert items == list("一二三四")[:len(items)] and 2 <= len(items) <= 4  # ordinary staff: 2–4
    last = report["paragraphs"][-1]["text"]
    assert last.startswith("上年总结") and re.search("[0-9]{4}年[0-9]{1,2}月", last)
    assert lines[-2:] == [report["signature"], report["date"]]


@pytest.mark.parametrize("report", FULL, ids=[r["id"] for r in FULL])
def test_report_is_complete_and_in_order(report):
    lines = data.model_report_lines(report)
    # 一 to 五, the five parts in the guide's order, each with content.
    h1 = [p["text"] for p in report["paragraphs"] if p["kind"] == "h1"]
    assert [t[0] for t in h1] == list(CN[:5]) and all(t[1] == "、" for t in h1)
    grouped = parts(report)
    assert list(grouped) == ["opening"] + PART_IDS
    assert all(grouped[sid] for sid in grouped)
    assert grouped["opening"][0]["text"].startswith("2026年")
    assert re.search("(?:报告|总结)如下。$", grouped["opening"][0]["text"])
    # 问题 and 措施 one to one, in the same order; the part may open with last
    # year's 整改 status (data/house_rules.yml prior_rectification), which is no 问题.
    starts = tuple(load("house_rules")["prior_rectification"]["starts"])
    problems = [p["text"] for p in grouped["problems"] if not p["text"].startswith(starts)]
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
    kinds = [b["kind"] for b in data.model_report_blocks(report)]
    assert kinds[0] == "title" and kinds[-2:] == ["signature", "date"]
    assert set(kinds) <= {"title", "salutation", "h1", "h2", "h3", "h4", "body", "signature", "date"}


@pytest.mark.parametrize("report", REPORTS, ids=[r["id"] for r in REPORTS])
def test_report_is_current_for_2026(report):
    """The 2026 学习教育 enters a leader's report three times (学, 查, 改);
    帮扶 is 常态化精准帮扶 where the role has it; nothing in any model uses a
    form data/formulations.yml rejects."""
    whole = "".join(p["text"] for p in report["paragraphs"])
    assert "党的二十大和二十届历次全会精神" in whole and "过渡期" not in whole
    assert "树立和践行正确政绩观学习教育" in whole
    if report["kind"] == FORM:
        return
    grouped = parts(report)
    text = {sid: "".join(p["text"] for p in paras) for sid, paras in grouped.items()}
    assert "党的二十大和二十届历次全会精神" in text["study"]
    assert "树立和践行正确政绩观学习教育" in text["study"]
    if report["rank"] != "一般干部":
        assert "学习教育" in text["problems"] and "学习教育" in text["measures"]
    if re.search("乡镇|镇长|农业农村", report["role"]):
        assert "常态化精准帮扶" in text["duty"]


def test_models_use_no_rejected_form():
    from test_consistency import plain, rejected_forms

    texts = [(r["id"], p["text"]) for r in REPORTS for p in r["paragraphs"]]
    texts += [(role["id"], m["text"]) for role in ROLES for m in role["models"]]
    found = [(where, form, term) for where, text in texts for form, term in rejected_forms() if form in plain(text)]
    assert found == []


# The guide's own rules (data/house_rules.yml), which every model must follow.
HOUSE = load("house_rules")
ABSOLUTE = HOUSE["absolute_words"]["words"]
RANKING = re.compile("|".join(HOUSE["internal_ranking"]["patterns"]))
CAMPAIGN = HOUSE["campaign_wording"]
# 树立和践行正确政绩观学习教育 by rank: 县处级 are its focus, 乡科级 take part as 县委 deploys, staff as the 支部 arranges.
CAMPAIGN_BY_RANK = {r["rank"]: r["before"] for r in CAMPAIGN["ranks"]}
DEADLINE = re.compile(r"([0-9]{4})年([0-9]{1,2})月(?:底|[0-9]{1,2}日)?前")


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r["id"])
def test_model_follows_the_guides_own_rules(report):
    """What the pages teach, the model shows: the 履职 items data/house_rules.yml duty_items allows,
    last year's 整改 first in part 四, no absolute words or internal rankings,
    the 政绩观 campaign worded for the writer's rank, a 过渡句 that promises
    the structure the body has, deadlines no later than March 2027."""
    whole = "".join(data.model_report_lines(report))
    assert [w for w in ABSOLUTE if w in whole] == [] and not RANKING.search(whole)
    campaign = CAMPAIGN["campaign"]
    assert any(before + campaign in whole for before in CAMPAIGN_BY_RANK[report["rank"]])
    assert not any(verb + campaign in whole for verb in CAMPAIGN["forbidden_before"])
    assert "德、能、勤、绩、廉情况" not in whole and "德、能、勤、绩、廉方面" not in whole
    dates = [(int(y), int(m)) for y, m in DEADLINE.findall(whole)]
    assert dates and all((2026, 12) <= d <= (2027, 3) for d in dates), dates
    if report["kind"] == FORM:
        return
    grouped = parts(report)
    items = re.findall("(?:^|。)([一二三四五六七])是", "".join(p["text"] for p in grouped["duty"]))
    limits = HOUSE["duty_items"]["staff" if report["rank"] == "一般干部" else "leader"]   # the rule the pages show
    low, high = limits["min"], limits["max"]
    assert items == list(CN[:len(items)]) and low <= len(items) <= high, items
    assert grouped["problems"][0]["text"].startswith(tuple(HOUSE["prior_rectification"]["starts"]))
    opening = grouped["opening"][0]["text"]
    transition = load("checker_rules")["opening_transition"]   # the checker's own 过渡句 rule
    assert len(opening) <= HOUSE["opening_length"]["max"] and re.search(f"现将.+(?:{transition})。$", opening)


def paragraphs_to_check() -> list[tuple[str, str]]:
    """Every copyable paragraph these pages add: sector cards and report-type samples."""
    out = [(f"sectors {c['id']}", c["model"]["text"].strip()) for c in SECTORS]
    # Paragraph by paragraph: a 民主生活会 对照检查材料 is not a 述职报告, and the
    # engine's structure and length rules are for the latter until it learns
    # the report types (issue 17 §1); every other rule must pass.
    out += [(f"types {t['id']} {sample['title']} [{n}]", para)
            for t in TYPES for sample in t.get("samples") or [] for n, para in enumerate(sample["paragraphs"])]
    out += [(f"huanjie [{n}]", sentence) for n, sentence in enumerate(load("huanjie")["samples"])]
    return out


@pytest.mark.parametrize("where,text", paragraphs_to_check(), ids=lambda v: v[:30] if isinstance(v, str) else None)
def test_copyable_paragraph_passes_the_checker(where, text):
    from engine_host import engine

    assert engine().check(text, year=2026) == []
    assert [w for w in ABSOLUTE if w in text] == [] and not RANKING.search(text)
    assert "【" not in text and "××" not in text and "XX" not in text


def test_sectors_data_complete():
    names = [c["name"] for c in SECTORS]
    for name in ("教育", "卫生健康", "公安", "财政", "自然资源", "住房城乡建设", "应急管理", "市场监管"):
        assert name in names, name
    ids = [c["id"] for c in SECTORS]
    assert len(ids) == len(set(ids)) and all(re.fullmatch("[a-z]+", i) for i in ids)
    for c in SECTORS:
        assert c["titles"] and len(c["indicators"]) >= 4 and len(c["risks"]) >= 3
        assert re.search("学年|自然年|1—11月|截至", c["period"]), c["id"]
        assert c["model"]["section"] in {s["id"] for s in SECTIONS}
        for w in c["wording"]:
            # Each wording has its source with a date, or says plainly that it is to be checked against the original.
            assert w["text"] and w["checked"]
            assert re.search("[0-9]{4}年|以原文为准|以最新中央文件表述为准|见规范表述表", w["source"] + w["checked"]), w
    health = next(c for c in SECTORS if c["id"] == "weijian")
    said = "".join(w["text"] for w in health["wording"])
    for term in ("党委领导下的院长负责制", "医疗机构工作人员廉洁从业九项准则", "医药领域腐败问题集中整治"):
        assert term in said


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
    lines = data.model_report_lines(report)
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
    lines = data.model_report_lines(report)
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
        # Word files: the formatter's, generated before the build; a page without them fails the build.
        paths = generated.model_download_paths(report["id"])
        saved = click_every_download(page, f"{site_url}models/{report['id']}/")
        assert sorted(href.removeprefix("../../") for _, href, _, _ in saved) == sorted(paths.values())
        for shown, href, name, content in saved:
            built = (site_dir / "models" / report["id"] / href).resolve()
            assert content == built.read_bytes() and name == shown
            # The Word file holds the same report, paragraph for paragraph.
            import docx

            text = [p.text for p in docx.Document(str(built)).paragraphs if p.text.strip()]
            assert text == lines
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


def test_sector_page_has_every_card_and_copies_its_paragraph(browser, site_url):
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{site_url}roles/xianzhi/", wait_until="networkidle")
        for c in SECTORS:
            assert page.locator(f"h2#{c['id']}").count() == 1
        models = page_text(page, ".copy-block > .model")
        assert models == [c["model"]["text"].strip() for c in SECTORS]
        reader = clipboard_reader(context, site_url)
        block = page.query_selector_all(".copy-block:has(> .model)")[-1]
        block.query_selector(".md-clipboard").evaluate("b => b.click()")
        assert reader.evaluate("navigator.clipboard.readText()") == SECTORS[-1]["model"]["text"].strip()
        # Each card's wording table names its sources.
        assert page.locator("article table").count() == 1 + len(SECTORS)
    finally:
        context.close()


def test_types_page_samples_copy_whole_and_the_notice_box_is_there(browser, site_url):
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(f"{site_url}types/", wait_until="networkidle")
        minzhu = next(t for t in TYPES if t["id"] == "minzhu")
        assert minzhu["notice"]["title"] in page.inner_text("article")
        assert "以当次通知为准" in minzhu["notice"]["text"]
        reader = clipboard_reader(context, site_url)
        samples = [s for t in TYPES for s in t.get("samples") or [] if len(s["paragraphs"]) > 1]
        buttons = page.locator("article .admonition.example button.copy-all")
        assert buttons.count() == len(samples) >= 2
        for n, sample in enumerate(samples):
            buttons.nth(n).evaluate("b => b.click()")
            assert reader.evaluate("navigator.clipboard.readText()") == "\n".join(sample["paragraphs"])
        assert page.locator("h2#huanjie").count() == 1
        # The notice is named as data/formulations.yml names it, once for the whole guide.
        notice = next(f for f in load("formulations") if f["term"] == "换届纪律")
        section = page.inner_text("article")
        assert notice["source"] in section
        for sentence in load("huanjie")["samples"]:
            assert sentence in page_text(page, ".copy-block > .model")
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
    written = "".join(data.model_report_lines(report))
    for number in re.findall(r"[0-9]+(?:\.[0-9]+)?", "".join(example["paragraphs"][1:])):
        assert number in written, number


def test_model_notes_render_the_campaign_wording_for_their_rank():
    """A model page's note on the 政绩观 campaign is {{ campaign_note(rank) }} (data/house_rules.yml
    campaign_wording), for the model's own rank: never typed by hand."""
    campaign = load("house_rules")["campaign_wording"]["campaign"]
    for report in REPORTS:
        page = (DOCS / "models" / f"{report['id']}.md").read_text("utf-8")
        calls = re.findall(r"\{\{ campaign_note\((\w+)(?:[,，]\s*(\w+))?\) \}\}", page)
        notes = re.sub(r"\{\{ campaign_note\([^)]*\) \}\}", "", page)
        assert not re.search(rf"写“[^”]*参加[^”]*”{campaign}", notes), report["id"]
        assert report["rank"] in [rank for rank, _ in calls], (report["id"], calls)
        # 乡科级: who organises the campaign differs by post (a 乡镇's 党委书记 organises it, the 乡镇长 takes part)
        for rank, role in calls:
            if rank == "乡科级":
                assert role == next(r for words, r in CAMPAIGN_ROLES if all(w in report["role"] for w in words)), report["id"]
        rendered = expand_macros("\n".join(line for line in page.splitlines() if "campaign_note" in line))
        assert "一般是乡科级主要负责人，一般不是" not in rendered and "，一般不是通知明确的重点对象" not in rendered
        if "乡镇长" in report["role"]:
            assert "乡镇长作为党委副书记参加" in rendered and "乡镇长是" in rendered
            assert not re.search("乡镇长[^。]*是本单位学习教育的组织者", rendered)


# a model's post → its key under campaign_wording 乡科级 roles
CAMPAIGN_ROLES = [(("乡镇党委书记",), "乡镇党委书记"), (("乡镇长",), "乡镇长"), (("医院", "党委书记"), "医院党委书记"),
                  (("县直部门",), "部门党组书记"), (("县政府办公室主任",), "部门党组书记")]


def test_campaign_note_needs_the_post_where_the_rank_has_several():
    """Planted: 乡科级 without a post, or with a post the data does not know, stops the build."""
    from guide_build.macros import MacroError
    for bad in ("{{ campaign_note(乡科级) }}", "{{ campaign_note(乡科级，村支书) }}", "{{ campaign_note(县处级，乡镇长) }}"):
        with pytest.raises(MacroError):
            expand_macros(bad)
    assert "党委书记牵头" in expand_macros("{{ campaign_note(乡科级，乡镇长) }}")
