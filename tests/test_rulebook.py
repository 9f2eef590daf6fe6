"""One rulebook (issue 17 §1): every writing rule the guide states lives once in data/, and is
either a checker rule (the guide's own recommended texts pass it, its 不宜 examples are caught)
or a human check on 自查清单.

- Every model report, 宜 example, model paragraph, role paragraph and sector paragraph passes
  every engine rule: no finding at any level, 提示 included.
- Every 不宜 example is caught by some rule (`checker: flag`) or marked human judgement
  (`checker: style`, with its reason in `why`).
- Every house rule (data/house_rules.yml) is an engine rule (a checker rule with `house_rule:`)
  or a checklist item (data/checklist.yml); every checker rule is implemented (a vector finds it);
  every report type's length and parts come from the data the pages show.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT / "scripts"))

from guide_build import data as guide_data, macros  # noqa: E402
from engine_host import default_data, engine  # noqa: E402
from test_checker import VECTOR_CASES  # noqa: E402

GUIDE_YEAR = 2026


def load(name: str):
    with open(DATA / f"{name}.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


SECTION_IDS = [s["id"] for s in load("sections")]
HOUSE = load("house_rules")
RULES = default_data()["rules"]["rules"]
TYPES = default_data()["types"]


def described(findings) -> list[str]:
    return [f"{f['rule']}@{f['line']}:{f['col']} {f['level']} {f['message']}" for f in findings]


def section_data(sid: str) -> dict:
    path = DATA / "sections" / f"{sid}.yml"
    return yaml.safe_load(path.read_text("utf-8")) or {}


# ---------------------------------------------------------------------------
# What the guide recommends: each text with how the checker should read it
# ---------------------------------------------------------------------------

def type_of_kind(kind: str) -> str | None:
    """A model report's 文种 (data/model_reports.yml kind) → the checker's report type, by the
    length table's name both use (None: the checker decides from the title)."""
    for t in TYPES:
        if t.get("length") == kind:
            return t["id"]
    return None


def model_reports():
    for r in load("model_reports"):
        lines = guide_data.model_report_lines(r)
        # as a writer hands it in: signed with a name, not the placeholder
        if r.get("signature"):
            lines = lines[:-2] + ["张明", lines[-1]]
        yield r, "\n".join(lines)


def recommended_texts() -> list[tuple[str, str, str | None]]:
    """(where, text, part) for every paragraph the guide offers to be copied or followed."""
    out = []
    for sid in SECTION_IDS:
        data = section_data(sid)
        out += [(f"sections/{sid}.yml dos[{i}].good", d["good"].strip(), None) for i, d in enumerate(data.get("dos") or [])]
        out += [(f"sections/{sid}.yml models[{i}]", m["text"].strip(), sid) for i, m in enumerate(data.get("models") or [])]
    for role in load("roles"):
        out += [(f"roles.yml {role['id']} models[{i}]", m["text"].strip(), m.get("section"))
                for i, m in enumerate(role["models"])]
    if (DATA / "sectors.yml").exists():
        for sector in load("sectors"):
            model = sector.get("model")
            texts = [model] if isinstance(model, str) else [model.get("text", "")] if isinstance(model, dict) else []
            out += [(f"sectors.yml {sector['id']} model", t.strip(), (model or {}).get("section") if isinstance(model, dict) else None)
                    for t in texts if t and t.strip()]
    return out


RECOMMENDED = recommended_texts()


@pytest.mark.parametrize("where,text,part", RECOMMENDED, ids=[w for w, _, _ in RECOMMENDED])
def test_recommended_text_passes_every_engine_rule(where, text, part):
    assert described(engine().check(text, year=GUIDE_YEAR, part=part)) == []


MODELS = list(model_reports())


@pytest.mark.parametrize("report,text", MODELS, ids=[r["id"] for r, _ in MODELS])
def test_model_report_passes_every_engine_rule(report, text):
    """Checked as its 文种 (the report type chosen on the page), and as the title alone tells it."""
    asked = type_of_kind(report["kind"])
    assert described(engine().check(text, year=report["year"], type=asked)) == []
    assert described(engine().check(text, year=None, type=None)) == []


def test_model_reports_cover_the_report_types():
    """Every type a model is written as is a type the checker knows, or a 述职报告 variant it checks as one."""
    kinds = {r["kind"] for r, _ in MODELS}
    known = {t.get("length") for t in TYPES}
    assert kinds - known <= {"个人年度总结"}, kinds - known


# ---------------------------------------------------------------------------
# What the guide calls wrong: caught, or marked human judgement with a reason
# ---------------------------------------------------------------------------

def bad_examples():
    for sid in SECTION_IDS:
        for i, d in enumerate(section_data(sid).get("dos") or []):
            yield f"sections/{sid}.yml dos[{i}]", sid, d


BAD = list(bad_examples())


@pytest.mark.parametrize("where,sid,item", BAD, ids=[w for w, _, _ in BAD])
def test_every_bad_example_is_caught_or_a_human_check(where, sid, item):
    assert item.get("checker") in ("flag", "style"), where
    if item["checker"] == "style":
        assert item.get("why", "").strip(), f"{where}: a human check says why"
        return
    bad = item["bad"].strip()
    m = re.search(r"写在(\d{4})年", bad)
    found = engine().check(bad, year=int(m.group(1)) if m else GUIDE_YEAR, part=sid)
    assert found, f"{where}: {bad[:40]}"


# ---------------------------------------------------------------------------
# Every rule: an engine rule or a checklist item; every engine rule is real
# ---------------------------------------------------------------------------

def checklist_items():
    return [item for group in load("checklist")["groups"] for item in group["items"]]


def test_every_house_rule_is_an_engine_rule_or_on_the_checklist():
    by_engine = {r["house_rule"] for r in RULES if r.get("house_rule")}
    on_checklist = {i["house_rule"] for i in checklist_items() if i.get("house_rule")}
    assert by_engine <= set(HOUSE), by_engine - set(HOUSE)
    assert on_checklist <= set(HOUSE), on_checklist - set(HOUSE)
    assert set(HOUSE) - by_engine - on_checklist == set()


def test_engine_house_rules_are_on_the_checklist_too():
    """The checker sees only part of these (a 廉洁 sentence's 任何, a ranking without 通报):
    the writer still checks them by hand, and the checklist says the tool helps."""
    on_checklist = {i["house_rule"]: i for i in checklist_items() if i.get("house_rule")}
    for r in RULES:
        if r.get("house_rule"):
            item = on_checklist.get(r["house_rule"])
            assert item and r["id"] in item.get("checker", []), r["id"]


def test_checklist_names_only_real_rules_and_renders_each_item():
    ids = {r["id"] for r in RULES}
    page = macros.render_checklist()
    for item in checklist_items():
        assert set(item.get("checker", [])) <= ids, item
        text = item.get("text") or macros.render_house_rule(item["house_rule"])
        assert f"- [ ] {text.strip()}" in page
    assert "{{" not in (ROOT / "docs" / "checklist.md").read_text("utf-8").replace("{{ checklist() }}", "")


def test_every_engine_rule_is_implemented():
    """A rule the data lists but no code runs would sit on the rule list doing nothing:
    each one is found by some vector (tests/vectors/*.yml)."""
    found = {e.split("@")[0] for c in VECTOR_CASES for e in c["expect"]}
    assert {r["id"] for r in RULES} - found == set()


def test_house_rule_words_live_once():
    """The checker reads the words, patterns and limits from house_rules.yml: the checker rules
    built on a house rule do not carry a second copy of them."""
    copies = {"words", "patterns", "published_markers", "latest", "forbidden_before", "staff", "leader", "max", "starts"}
    for r in RULES:
        if r.get("house_rule") and r["id"] != "secrecy":
            assert copies.isdisjoint(r), (r["id"], copies & set(r))
    # 保密: the house rule is a human check; the patterns are what a machine can see of it
    assert "patterns" not in HOUSE["secrecy"]


# ---------------------------------------------------------------------------
# Report types, lengths, structure: one table, read by pages and checker
# ---------------------------------------------------------------------------

def test_report_types_checker_knows_are_offered_on_page_and_command_line():
    names = [t["name"] for t in TYPES]
    assert names == ["述职", "述职述廉", "述责述廉", "述职述责述廉", "考核登记表个人总结"]
    assert engine().report_types() == [{"id": t["id"], "name": t["name"]} for t in TYPES]
    sys.path.insert(0, str(ROOT / "scripts"))
    import check_report
    for t in TYPES:
        assert check_report.report_type_argument(t["name"]) == t["id"]
        assert check_report.report_type_argument(t["id"]) == t["id"]


def test_each_type_length_is_in_the_length_table():
    """Every type the checker reads by parts has a length, and the length table has a row for it:
    the checker checks every such report's total length."""
    totals = {row["type"] for row in load("lengths")["totals"]}
    for t in TYPES:
        if t.get("parts"):
            assert t.get("length"), f"{t['id']}: a type checked by parts has a length"
        if t.get("length"):
            assert t["length"] in totals, t["id"]


def test_the_length_the_checker_uses_is_the_tables():
    """length-total's range for a 述职报告 is the table's range, per rank (no second copy in checker_rules.yml)."""
    assert "total_length" not in default_data()["rules"]
    rows = [r for r in load("lengths")["totals"] if r["type"] == "述职报告"]
    lo = min(r["range"][0] for r in rows)
    hi = max(r["range"][1] for r in rows)
    short = "述职报告\n\n" + "本人认真履行职责。" * 10
    text = short + "\n\n一、加强学习\n\n" + "全年学习12次。" * 40 + "\n\n二、履职尽责\n\n" + "全年办结事项40件。" * 40
    found = [f for f in engine().check(text, year=GUIDE_YEAR) if f["rule"] == "length-total"]
    assert found and f"{lo}～{hi}字" in found[0]["message"]


def headings_the_guide_recommends() -> list[tuple[str, str]]:
    """(part, heading) from the 常用句式 tips that list example headings (例：……；……。)."""
    out = []
    for sid in SECTION_IDS:
        for p in section_data(sid).get("patterns") or []:
            tip = p.get("tip") or ""
            if re.match(r"^[一二三四五]、", p["text"]) and tip.startswith("例："):
                out += [(sid, h.strip("。 ")) for h in tip[2:].split("；") if h.strip("。 ")]
    return out


BASE = next(c for c in VECTOR_CASES if c["id"].startswith("clean: 完整的干净报告（2026"))["text"]
HEADINGS = {"study": "一、加强理论学习，提高政治站位", "duty": "二、履职尽责，推动农业农村工作",
            "integrity": "三、严守纪律规矩，保持廉洁自律"}


@pytest.mark.parametrize("sid,heading", headings_the_guide_recommends())
def test_a_heading_the_guide_recommends_is_recognised(sid, heading):
    """二、聚焦主业，全力推动高质量发展 (the 履职 page's own example) is 履职, by its position."""
    assert sid in HEADINGS, sid
    number = HEADINGS[sid].split("、")[0]
    text = BASE.replace(HEADINGS[sid], f"{number}、{heading}")
    assert text != BASE
    assert [f for f in engine().check(text, year=GUIDE_YEAR) if f["rule"].startswith("structure")] == []


def test_the_duty_page_example_headings_are_found():
    assert ("duty", "聚焦主业，全力推动高质量发展") in headings_the_guide_recommends()


# ---------------------------------------------------------------------------
# 监督执纪“四种形态”: one finding, quotes nested, the verb the guide uses
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,match,fix", [
    ("坚持执纪监督“四种形态”，抓早抓小。", "执纪监督‘四种形态’", "监督执纪‘四种形态’"),
    ("坚持执纪监督四种形态，抓早抓小。", "执纪监督四种形态", "监督执纪‘四种形态’"),
    ("认真执行“四种形态”，加强日常监督。", "认真执行‘四种形态’", "精准运用监督执纪‘四种形态’"),
    ("认真执行监督执纪“四种形态”。", "认真执行监督执纪‘四种形态’", "精准运用监督执纪‘四种形态’"),
    ("严格执行“四种形态”。", "执行‘四种形态’", "运用监督执纪‘四种形态’"),
])
def test_four_forms_is_found_once_with_its_quotes(text, match, fix):
    found = [f for f in engine().check(text, year=GUIDE_YEAR) if f["rule"] == "formulation-wrong"]
    assert [(f["message"], f["suggestion"]) for f in found] == [(f"“{match}”不是规范表述", f"改为“{fix}”")]
    # the span covers the closing quote too: no half-open quote is marked
    f = found[0]
    span = text[f["col"] - 1:f["col"] - 1 + f["length"]]
    assert span.count("“") == span.count("”")


def test_four_forms_written_as_the_guide_says_is_clean():
    assert engine().check("精准运用监督执纪“四种形态”，抓早抓小、防微杜渐。", year=GUIDE_YEAR) == []


def test_formatter_command_line_takes_the_same_type(tmp_path):
    """format_report.py shares the checker's --type: the Word comments follow the chosen type."""
    import io
    import subprocess

    from docx import Document

    text = BASE.replace(BASE[BASE.index("一、加强理论学习"):BASE.index("二、履职尽责")], "")
    draft = tmp_path / "草稿.txt"
    draft.write_text(text, encoding="utf-8")
    cli = [sys.executable, str(ROOT / "scripts" / "format_report.py"), str(draft), "--with-comments", "--year", "2026"]

    def comments(*extra) -> list[str]:
        out = tmp_path / f"out{len(extra)}.docx"
        r = subprocess.run(cli + ["-o", str(out), *extra], capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert r.returncode == 0, r.stderr
        return [c.text for c in Document(io.BytesIO(out.read_bytes())).comments]

    assert any("没有找到" in c for c in comments())
    assert not any("没有找到" in c for c in comments("--type", "述责述廉"))
    bad = subprocess.run(cli + ["--type", "年终总结"], capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert bad.returncode == 2 and "不是可选的报告类型" in bad.stderr and "Traceback" not in bad.stderr


def test_the_length_tables_allocations_fit_the_checkers_shares():
    """写作总览's 篇幅分配表 (data/lengths.yml allocation) gives each part a share the checker accepts
    for that type: the page never recommends what share-part would flag."""
    sections = {s["id"]: s for s in load("sections")}
    lengths = load("lengths")
    checked = 0
    for t in TYPES:
        tiers = (lengths.get("allocation") or {}).get(t.get("length"))
        if not tiers or t.get("structure") is False:
            continue
        shares = {"opening": sections["opening"]["share"]}
        for p in t["parts"]:
            pid = p.get("section") or p["id"]
            shares[pid] = p.get("share") or sections[pid]["share"]
        for total, parts in tiers.items():
            chars = dict(parts)
            # the checker counts the closing and the signature with the last part (整改措施)
            chars["measures"] = chars.get("measures", 0) + chars.pop("closing", 0)
            for pid, n in chars.items():
                share = round(n * 100 / total)
                assert shares[pid][0] <= share <= shares[pid][1], (t["id"], total, pid, share, shares[pid])
            checked += 1
    assert checked >= 3 or not lengths.get("allocation")


# ---------------------------------------------------------------------------
# Shares and lengths on the pages: rendered from data, never typed
# ---------------------------------------------------------------------------

TYPED_SHARE_OR_LENGTH = re.compile(
    r"\d+%?\s*[～~至到-]\s*\d+%"                          # 35%～50%, 35～50%
    r"|\d+\s*[～~至到-]\s*\d+字"                            # 1200～1500字
    r"|[一二三四五六七八九两]成\s*[到至～~-]\s*[一二三四五六七八九十]成"  # 两成到三成
    r"|占(?:全文(?:的)?)?约?[一二三四五六七八九两]成")          # 约占一成篇幅
# What a page may show as it is: how to write a range (the punctuation page's example).
TYPED_ALLOWED = {"language/punctuation.md": ["| 15～30% | 15%～30% |"]}
DOCS = ROOT / "docs"


def typed_shares(path: Path) -> list[str]:
    rel = path.relative_to(DOCS).as_posix()
    text = path.read_text("utf-8")
    for allowed in TYPED_ALLOWED.get(rel, []):
        text = text.replace(allowed, "")
    text = macros.MACRO.sub("", text)   # what a macro renders comes from data
    return [m.group(0) for m in TYPED_SHARE_OR_LENGTH.finditer(text)]


def test_no_share_or_length_range_is_typed_into_a_page():
    """Part shares (data/sections.yml, data/report_types.yml) and lengths (data/lengths.yml) are
    rendered by {{ share(…) }}, {{ type_shares(…) }}, {{ part_length(…) }}, {{ usual_length(…) }}:
    a page that types its own copy drifts from the checker (35%～50% on one page, 四成 on another)."""
    found = {p.relative_to(DOCS).as_posix(): hits for p in sorted(DOCS.rglob("*.md"))
             if p.name != "changelog.md" and (hits := typed_shares(p))}
    assert found == {}


def test_the_typed_share_pattern_sees_each_form(tmp_path):
    for typed in ["占全文的35%～50%", "写1200～1500字", "约占两成到三成", "约占一成篇幅", "12～20%"]:
        assert TYPED_SHARE_OR_LENGTH.search(typed), typed
    for fine in ["{{ share(duty) }}", "限定1500字左右", "宁可比表中少一成", "较上年增长6.8%"]:
        assert not TYPED_SHARE_OR_LENGTH.search(macros.MACRO.sub("", fine)), fine


def test_share_and_length_macros_render_the_data():
    sections = {s["id"]: s for s in load("sections")}
    lo, hi = sections["duty"]["share"]
    assert macros.expand_macros("{{ share(duty) }}") == f"{lo}%～{hi}%"
    p, m = sections["problems"]["share"], sections["measures"]["share"]
    assert macros.expand_macros("{{ share(problems+measures) }}") == f"{p[0] + m[0]}%～{p[1] + m[1]}%"
    zeren = next(t for t in TYPES if t["name"] == "述责述廉")
    share = next(p["share"] for p in zeren["parts"] if p.get("section") == "integrity")
    assert macros.expand_macros("{{ share(integrity, 述责述廉) }}") == f"{share[0]}%～{share[1]}%"
    assert f"述责述廉{share[0]}%～{share[1]}%" in macros.expand_macros("{{ type_shares(integrity) }}")
    row = next(r for r in load("lengths")["totals"] if r["type"] == "述职报告" and "一般干部" in r["ranks"])
    assert macros.expand_macros("{{ usual_length(述职报告, 一般干部) }}") == f"{row['usual'][0]}～{row['usual'][1]}字"
    n = load("lengths")["allocation"]["述职报告"][3000]["duty"]
    assert macros.expand_macros("{{ part_length(duty, 3000) }}") == f"约{n}字"


# ---------------------------------------------------------------------------
# 述职述廉 or 述责述廉: one answer, on every page that explains the choice
# ---------------------------------------------------------------------------

def test_shuzhi_shulian_or_shuze_shulian_is_said_once_and_shown_where_the_type_is_chosen():
    rules = [t["name_rule"] for t in load("report_types") if t.get("name_rule")]
    assert len(rules) == 1
    rule = rules[0]["text"].strip()
    assert "哪怕" not in rule
    # on 报告类型 under its own lead-in, not as one of the 与年度述职报告的不同 items
    assert all(isinstance(item, str) for t in load("report_types") for item in t["differs"])
    assert f"**{rules[0]['title']}：**{rule}" in macros.render_report_types()
    for page in ["overview.md", "checker.md", "sections/integrity.md"]:
        text = (DOCS / page).read_text("utf-8")
        assert "{{ type_name_rule() }}" in text, page
        assert "照通知写" not in text.replace("{{ type_name_rule() }}", ""), page
    assert (DOCS / "checker.md").read_text("utf-8").count("{{ type_name_rule() }}") >= 2   # the select and --type
    assert rule in macros.render_report_types()
    import subprocess
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_report.py"), "--help"],
                         capture_output=True, text=True, encoding="utf-8", timeout=120).stdout
    assert "".join(rule.split()) in "".join(out.split())   # argparse wraps the help


# ---------------------------------------------------------------------------
# The pairs on the language pages, 年度更新 and the annotated example (data/page_dos.yml)
# ---------------------------------------------------------------------------

PAGE_DOS = load("page_dos")
# A 宜 keeps the template's slots (【数量】) for the writer to fill: checked filled, as handed in.
SLOT_VALUES = {"数量": "12", "百分比": "95%", "名次": "3", "事项": "管护制度建设", "文稿名称": "年中经济形势分析报告"}
SECTION_BY_TITLE = {s["title"]: s["id"] for s in load("sections")}


def filled(text: str) -> str:
    import html as html_

    def slot(m):
        assert m.group(1) in SLOT_VALUES, f"a slot the test cannot fill: {m.group(0)}"
        return SLOT_VALUES[m.group(1)]
    return re.sub(r"【([^】]+)】", slot, html_.unescape(text.strip()))


def by_part(text: str) -> list[tuple[str | None, str]]:
    """A revision that shows parts 四 and 五 under bold headings (**四、存在问题**): each part on its own."""
    chunks = re.split(r"^\*\*(.+?)\*\*$", text, flags=re.M)
    if len(chunks) == 1:
        return [(None, text)]
    assert not chunks[0].strip(), chunks[0]
    return [(SECTION_BY_TITLE[title], body.strip()) for title, body in zip(chunks[1::2], chunks[2::2])]


def page_pairs():
    for item in PAGE_DOS["pairs"]:
        yield f"page_dos {item['id']} ({item['page']})", item, item["bad"], item["good"]
    for item in PAGE_DOS["revisions"]:
        yield f"page_dos revisions {item['id']} (example.md)", item, item["before"], item["after"]


PAIRS = list(page_pairs())


@pytest.mark.parametrize("where,item,bad,good", PAIRS, ids=[w for w, *_ in PAIRS])
def test_page_good_example_passes_every_engine_rule(where, item, bad, good):
    year = item.get("year", GUIDE_YEAR)
    for part, text in by_part(filled(good)):
        found = engine().check(text, year=year, part=part or item.get("part"))
        if item.get("excerpt"):   # the omitted levels (（二）（三）, 三、四、) are not a gap in numbering
            found = [f for f in found if f["rule"] != "heading-sequence"]
        assert described(found) == [], where


@pytest.mark.parametrize("where,item,bad,good", PAIRS, ids=[w for w, *_ in PAIRS])
def test_page_bad_example_is_caught_or_a_human_check_on_the_checklist(where, item, bad, good):
    assert item.get("checker") in ("flag", "style"), where
    if item["checker"] == "flag":
        assert engine().check(filled(bad), year=item.get("year", GUIDE_YEAR), part=item.get("part")), where
        return
    assert item.get("human", "").strip(), f"{where}: a human check says why the checker cannot see it"
    on_checklist = [i.get("text", "") for i in checklist_items()] + [i["house_rule"] for i in checklist_items() if i.get("house_rule")]
    assert any(item["checklist"] in c for c in on_checklist), f"{where}: {item['checklist']} is not on 自查清单"


def test_page_pairs_are_rendered_where_they_were_typed():
    """Each pair shows on its page, once, through {{ dodont(id) }}; no page types a 宜/不宜 box or a
    修改前/修改后 tab of its own."""
    for item in PAGE_DOS["pairs"]:
        assert (DOCS / item["page"]).read_text("utf-8").count(f"{{{{ dodont({item['id']}) }}}}") == 1, item["id"]
    assert (DOCS / "example.md").read_text("utf-8").count("{{ revisions() }}") == 1
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text("utf-8")
        assert '!!! failure "不宜"' not in text and '=== "修改前"' not in text, page


def test_page_pairs_render_as_before():
    page = macros.expand_macros("{{ dodont(quanjiao) }}")
    assert '!!! failure "不宜"' in page and '!!! success "宜"' in page and "{ .dodont-why }" in page
    tabs = macros.render_revisions()
    assert tabs.count('=== "修改前"') == tabs.count('=== "修改后"') == len(PAGE_DOS["revisions"])
