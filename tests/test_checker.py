"""提交前自查：引擎（engine/*.js，在 V8 中经 engine_host 运行）跑向量，段落分类，
读取 .docx，命令行（好坏输入），与指南内容的一致性。"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import engine_host  # noqa: E402
from engine_host import Engine, default_data, engine  # noqa: E402

CLI = [sys.executable, str(ROOT / "scripts" / "check_report.py")]
VECTORS = ROOT / "tests" / "vectors"
# The year the guide's own examples and model paragraphs are written for.
GUIDE_YEAR = 2026


# ---------------------------------------------------------------------------
# Vectors (shared with tests/test_checker_browser.py)
# ---------------------------------------------------------------------------

def fixture_formulations() -> list[dict]:
    with open(VECTORS / "formulations.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)["fixture_formulations"]


def vector_data() -> dict:
    """The real rules and sections, with the vectors' fixed formulations."""
    data = dict(default_data())
    data["formulations"] = fixture_formulations()
    return data


def check(text, year=None, part=None):
    """The engine with the site's own data, as the page and the CLI run it."""
    return engine().check(text, year=year, part=part)


@pytest.fixture(scope="session")
def vector_engine():
    """The engine with the vectors' fixed formulations (so vectors do not move with the data)."""
    e = Engine(data=vector_data())
    yield e
    e.close()


def load_vectors() -> list[dict]:
    cases = []
    for path in sorted(VECTORS.glob("*.yml")):
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        for case in doc["cases"]:
            case = dict(case)
            case["id"] = f"{path.stem}: {case['name']}"
            cases.append(case)
    return cases


def summarise(findings: list[dict], expect: list[str]) -> list[str]:
    """Findings as 'rule@line' (with ':level' where the expectation names one)."""
    with_level = {e.split(":")[0] for e in expect if ":" in e}
    out = []
    for f in findings:
        key = f"{f['rule']}@{f['line']}"
        out.append(f"{key}:{f['level']}" if key in with_level else key)
    return sorted(out)


VECTOR_CASES = load_vectors()


def test_enough_vectors():
    assert len(VECTOR_CASES) >= 60
    clean = [c for c in VECTOR_CASES if not c["expect"]]
    assert len(clean) >= 10
    assert any(len(c["text"]) > 1500 and not c["expect"] for c in VECTOR_CASES), "a full clean draft"


def test_every_rule_has_a_vector():
    covered = {e.split("@")[0] for c in VECTOR_CASES for e in c["expect"]}
    rules = {r["id"] for r in default_data()["rules"]["rules"]}
    assert rules - covered == set()


@pytest.mark.parametrize("case", VECTOR_CASES, ids=[c["id"] for c in VECTOR_CASES])
def test_vector(case, vector_engine):
    findings = vector_engine.check(case["text"], year=case.get("year"), part=case.get("part"), docx=case.get("docx"),
                                   type=case.get("type"))
    assert summarise(findings, case["expect"]) == sorted(case["expect"])
    for f in findings:
        assert f["level"] in ("错误", "警告", "提示")
        assert f["line"] >= 1 and f["col"] >= 1
        assert re.search(r"[\u4e00-\u9fff]", f["message"])


# ---------------------------------------------------------------------------
# Engine details
# ---------------------------------------------------------------------------

def test_finding_fields_and_columns():
    [f] = check("一年来，本人认真履行职责，共完成材料近XX篇。")
    assert f == {
        "rule": "placeholder-figure", "level": "错误", "severity": "error", "line": 1, "col": 20,
        "length": 2, "message": "数字处仍是占位符“XX”", "suggestion": "填入核实后的准确数字",
        "where": "第1行第20列",      # what page and command line print (a table's text: 表格第2行第1列)
    }


def test_columns_count_code_points():
    # 𠀀 is outside the BMP: one character, two UTF-16 units
    [f] = check("𠀀𠀀来XX镇调研")
    assert (f["col"], f["length"]) == (4, 2)


def test_suggestions_carry_the_fix():
    by_rule = {f["rule"]: f for f in check("1、加强学习,不断提高\n二〇二六年一月")}
    assert by_rule["ordinal-punct"]["suggestion"] == "改为“1.”"
    assert by_rule["punct-halfwidth"]["suggestion"] == "改为全角“，”"
    assert by_rule["number-date"]["suggestion"] == "改为“2026年1月”"


def test_pii_message_masks_the_number():
    [f] = check("电话13812345678")
    assert "13812345678" not in f["message"] and "138****5678" in f["message"]


def test_heading_levels_from_word_styles():
    lines = ["述职报告", "勤学善思", "认真学习。", "履职尽责", "认真工作。"]
    # without styles: no headings, no structure; with Heading 1 styles: two parts found
    assert check("\n".join(lines)) == []
    body = "认真学习，努力工作，较好完成了各项任务。" * 30
    styled = [{"text": t, "style": "Heading 1" if i in (1, 3) else "Normal"} for i, t in enumerate(lines)]
    rules = {f["rule"] for f in engine().check(styled + [{"text": body, "style": "Normal"}])}
    assert "structure-missing" in rules
    # WPS writes the Chinese style names
    styled = [dict(p, style="标题 1") if p["style"] == "Heading 1" else p for p in styled]
    assert rules == {f["rule"] for f in engine().check(styled + [{"text": body}])}


def test_soft_line_breaks_in_a_paragraph_are_lines():
    [f] = engine().check([{"text": "第一段"}, {"text": "第二段第一行\n来XX镇调研", "style": "Normal"}])
    assert (f["line"], f["col"]) == (3, 2)


def test_crlf_and_bom():
    assert [f["line"] for f in check("\ufeff第一行。\r\n来XX镇。\r第三行")] == [2]


def test_real_formulations_wrong_variants_are_flagged():
    """Every wrong variant in data/formulations.yml is found; every term is not."""
    forms = default_data()["formulations"]
    for f in forms:
        assert check(f"增强{f['term']}。", year=f["year"]) == [] or all(
            x["rule"] == "formulation-dated" for x in check(f"增强{f['term']}。", year=f["year"])), f["term"]
        for w in f.get("wrong") or []:
            rules = [x["rule"] for x in check(f"坚持{w}。")]
            assert "formulation-wrong" in rules, (f["term"], w)


# ---------------------------------------------------------------------------
# Paragraph classification (the formatter's input; PLAN.md fixes the shape)
# ---------------------------------------------------------------------------

def kinds(paragraphs):
    return [(k["kind"], k["runIn"]) for k in engine().classify(paragraphs)]


def test_classify_a_whole_draft():
    draft = ["2026年度述职报告", "", "各位领导、同志们：", "　　一年来，本人认真履行职责。现将履职情况报告如下。",
             "一、加强理论学习，提高政治站位", "（一）加强政治学习。全年参加中心组学习12次，撰写心得6篇。",
             "（二）学以致用", "1.抓统筹", "（1）重落实", "一是抓统筹。二是重落实。",
             "五、整改措施", "2027年将继续努力，把各项工作做得更好。", "", "县农业农村局", "张三", "2027年1月8日"]
    got = engine().classify([{"text": t} for t in draft])
    assert [k["kind"] for k in got] == [
        "title", "blank", "salutation", "body", "h1", "body", "h2", "h3", "h4", "body",
        "h1", "body", "blank", "signature", "signature", "date"]
    assert got[5]["runIn"] == {"level": 2, "length": len("（一）加强政治学习。")}
    assert [k["runIn"] for i, k in enumerate(got) if i != 5] == [None] * (len(draft) - 1)
    # leading spaces and full-width indents typed by hand are not part of the text
    assert got[3]["text"] == "一年来，本人认真履行职责。现将履职情况报告如下。"


def test_classify_run_in_length_counts_utf16_units_of_the_stripped_text():
    [k] = engine().classify([{"text": "\t　（三）𠀀强化纪律：纪律是带电的高压线。"}])
    assert k["kind"] == "body" and k["text"].startswith("（三）")
    assert k["runIn"] == {"level": 2, "length": len("（三）𠀀强化纪律：".encode("utf-16-le")) // 2}
    assert k["text"].encode("utf-16-le")[:2 * k["runIn"]["length"]].decode("utf-16-le") == "（三）𠀀强化纪律："


def test_classify_long_numbered_paragraphs_are_body():
    long = "1." + "认真学习贯彻党的路线方针政策，" * 5 + "取得明显成效。"
    assert kinds([long]) == [("body", None)]
    assert kinds(["1.认真学习。"]) == [("h3", None)]


def test_classify_word_styles_win():
    paragraphs = [{"text": "述职", "style": "Title"}, {"text": "勤学善思", "style": "Heading 1"},
                  {"text": "加强政治学习", "style": "标题 2"}, {"text": "各位领导：", "style": "称谓"},
                  {"text": "一、这一段是正文", "style": "Normal"},
                  {"text": "正文", "style": "Normal", "outlineLevel": 3},
                  {"text": "张三", "style": "Signature"}, {"text": "2027年1月8日", "style": "Date"}]
    assert [k["kind"] for k in engine().classify(paragraphs)] == [
        "title", "h1", "h2", "salutation", "h1", "h3", "signature", "date"]


def test_classify_fragments_and_sentences_are_not_titles():
    assert kinds(["一年来，本人认真履行职责。"]) == [("body", None)]
    assert kinds(["来XX镇调研"]) == [("title", None)]          # a short line alone reads as a title
    assert kinds(["关于2026年度履行职责情况的", "述职报告", "正文。"])[:2] == [("title", None)] * 2
    # a date only closes a draft: in the middle it is body
    assert kinds(["述职报告", "2027年1月8日", "一、加强学习", "正文。"])[1] == ("body", None)


def test_structure_checks_use_the_classification():
    """A 一、 heading the classifier calls body is not a part of the report either."""
    text, year = example_report()
    lines = text.split("\n")
    assert check(text, year=year) == check("\n".join(lines), year=year)
    heads = [i for i, k in enumerate(engine().classify(lines)) if k["kind"] == "h1"]
    assert len(heads) == 5
    # demote the 五、 heading to a long numbered paragraph: 整改措施 is no longer found
    lines[heads[4]] = lines[heads[4]] + "，" + "认真抓好各项整改，" * 6 + "确保取得实效"
    rules = {f["rule"] for f in check("\n".join(lines), year=year)}
    assert "structure-missing" in rules


# ---------------------------------------------------------------------------
# Reading .docx in the engine
# ---------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(build) -> bytes:
    import io

    import docx

    d = docx.Document()
    build(d)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_read_docx_paragraphs_styles_and_breaks():
    def build(d):
        d.add_paragraph("述职报告", style="Title")
        d.add_paragraph("勤学善思", style="Heading 1")
        p = d.add_paragraph("第一行")
        run = p.add_run()
        run.add_break()
        run.add_text("第二行\t制表")
        d.add_paragraph("带链接")
        table = d.add_table(rows=1, cols=1)
        table.cell(0, 0).text = "表格中的XX"
    doc = engine().read_docx(docx_bytes(build))
    # style names as styles.xml writes them (w:name), which is how the template's are looked up
    assert [(p["text"], p["style"]) for p in doc["paragraphs"]] == [
        ("述职报告", "Title"), ("勤学善思", "heading 1"), ("第一行\n第二行\t制表", "Normal"),
        ("带链接", "Normal"), ("表格中的XX", "Normal")]
    assert doc["paragraphs"][4]["table"] is True
    assert doc["comments"] == doc["revisions"] == doc["hidden"] == []


def test_read_docx_reports_comments_tracked_changes_and_hidden_text():
    from docx.oxml import parse_xml

    def build(d):
        d.add_paragraph("述职报告", style="Title")
        p = d.add_paragraph("一年来，")
        commented = p.add_run("认真学习")
        d.add_comment([commented], text="请补充具体数字", author="审核人")
        hidden = p.add_run("（内部备注）")
        hidden.font.hidden = True
        p.add_run("。")
        p2 = d.add_paragraph("全年撰写心得")
        p2._p.append(parse_xml(
            f'<w:ins xmlns:w="{W}" w:id="91" w:author="张三" w:date="2026-12-01T00:00:00Z">'
            f'<w:r><w:t>6篇</w:t></w:r></w:ins>'))
        p2._p.append(parse_xml(
            f'<w:del xmlns:w="{W}" w:id="92" w:author="张三" w:date="2026-12-01T00:00:00Z">'
            f'<w:r><w:delText>XX篇</w:delText></w:r></w:del>'))
        p2.add_run("。")
    doc = engine().read_docx(docx_bytes(build))
    texts = [p["text"] for p in doc["paragraphs"]]
    # the text as it reads with every change accepted; hidden text kept (it is in the file)
    assert texts == ["述职报告", "一年来，认真学习（内部备注）。", "全年撰写心得6篇。"]
    [c] = doc["comments"]
    assert (c["author"], c["text"]) == ("审核人", "请补充具体数字")
    assert (c["start"]["paragraph"], c["start"]["offset"], c["end"]["offset"]) == (1, 4, 8)
    assert (c["start"]["line"], c["start"]["col"]) == (2, 5)
    assert [(r["type"], r["author"], r["text"], r["paragraph"], r["offset"], r["line"]) for r in doc["revisions"]] == [
        ("ins", "张三", "6篇", 2, 6, 3), ("del", "张三", "XX篇", 2, 8, 3)]
    assert [(h["text"], h["paragraph"], h["offset"], h["line"], h["col"]) for h in doc["hidden"]] == [
        ("（内部备注）", 1, 8, 2, 9)]


@pytest.mark.parametrize("xml, message", [
    ('<!DOCTYPE w:document [<!ENTITY a "XX">]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p></w:body></w:document>', "损坏"),
    ('<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>未闭合</w:t></w:r></w:body></w:document>', "损坏"),
    ('<w:document xmlns:w="{W}"><w:body></w:body></w:document>', "没有文字"),
    ('<w:document xmlns:w="{W}"></w:document>', "缺少正文"),
])
def test_read_docx_rejects_bad_xml_in_chinese(xml, message):
    import io

    good = docx_bytes(lambda d: d.add_paragraph("正文"))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = xml.replace("{W}", W).encode() if item.filename == "word/document.xml" else src.read(item)
            dst.writestr(item, data)
    with pytest.raises(engine_host.ReadError, match=message):
        engine().read_docx(out.getvalue())


def test_read_docx_any_namespace_prefix_and_strict_ooxml():
    import io

    xml = ('<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body>'
           '<x:p><x:r><x:t xml:space="preserve">严格 &amp; 前缀</x:t></x:r></x:p></x:body></x:document>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", xml)
    assert engine().read_docx(out.getvalue())["paragraphs"] == [{"text": "严格 & 前缀", "style": None}]


def test_read_docx_checks_unzipped_sizes_before_inflating():
    import io

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * (default_data()["rules"]["limits"]["max_unzipped_bytes"] + 1))
    assert len(out.getvalue()) < 100_000
    with pytest.raises(engine_host.ReadError, match="解压后过大"):
        engine().read_docx(out.getvalue())


def test_engine_script_uses_no_browser_api():
    """Bare V8 has none of these: the engine must not touch them (the page script may)."""
    source = "\n".join(p.read_text("utf-8") for p in engine_host.SCRIPTS + engine_host.FORMATTER_SCRIPTS
                        if p is not None and p.parent.name == "engine")
    code = re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', source)     # "word/document.xml" is a name, not the DOM
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", code, flags=re.S)
    assert "root.fflate" in code and "function parseXml(" in code
    for name in ("window", "document", "TextDecoder", "TextEncoder", "atob", "btoa", "DOMParser",
                 "DecompressionStream", "Blob", "fetch", "XMLHttpRequest", "navigator", "localStorage"):
        assert not re.search(rf"(?<![.\w$]){name}\b", code), name   # template.document is a property


def test_rules_may_use_full_javascript_regular_expressions():
    data = vector_data()
    rules = dict(data["rules"])
    extra = {"id": "demo-han-after", "level": "警告", "group": "标点", "title": "演示", "description": "演示",
             "message": "“{match}”", "patterns": [r"(?<=\p{Script=Han})[A-Z]{2}(?=\p{Script=Han})"]}
    rules["rules"] = rules["rules"] + [extra]
    e = Engine(data=dict(data, rules=rules))
    try:
        assert [(f["rule"], f["col"]) for f in e.check("𠀀𠀀AB县，AB")] == [("demo-han-after", 3)]
    finally:
        e.close()


# ---------------------------------------------------------------------------
# Consistency with the guide's own content
# ---------------------------------------------------------------------------

def _section_files():
    return sorted((ROOT / "data" / "sections").glob("*.yml"))


def _guide_items():
    for path in _section_files():
        with open(path, encoding="utf-8") as f:
            data = yaml.safe_load(f) or {}
        for i, item in enumerate(data.get("dos") or []):
            yield path.stem, f"dos[{i}]", item, data
        for i, item in enumerate(data.get("models") or []):
            yield path.stem, f"models[{i}]", item, data


def _year_of(text: str) -> int:
    m = re.search(r"写在(\d{4})年", text)
    return int(m.group(1)) if m else GUIDE_YEAR


def _described(findings):
    return [f"{f['rule']}@{f['line']}:{f['col']} {f['level']} {f['message']}" for f in findings]


def test_guide_good_examples_and_models_are_clean():
    """Every 宜 example and every model paragraph: no finding at any level, 提示 included.
    A model paragraph is a whole part (an opening is checked as one); a 宜 example often
    shows one point of a part (the 总体评价 of an opening), so it is checked as text."""
    problems = []
    for section, where, item, _ in _guide_items():
        texts = [item["good"]] if "good" in item else [item["text"]]
        for text in texts:
            found = _described(check(text.strip(), year=GUIDE_YEAR, part=None if "good" in item else section))
            if found:
                problems.append(f"data/sections/{section}.yml {where}: {found}")
    assert problems == []


def test_guide_patterns_have_only_their_placeholders():
    """The 常用句式 are templates: their 【】 prompts are findings, nothing else is."""
    problems = []
    for path in _section_files():
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        for i, item in enumerate(data.get("patterns") or []):
            found = [f for f in check(item["text"].strip(), year=GUIDE_YEAR) if f["rule"] != "placeholder-bracket"]
            if found:
                problems.append(f"{path.name} patterns[{i}]: {_described(found)}")
    assert problems == []


def test_updates_2026_wording_gives_no_finding():
    """What 年度更新 recommends for 2026 reports: no finding at any level."""
    from test_consistency import updates_2026_wording

    problems = [f"{where}: {text[:30]} {_described(check(text, year=GUIDE_YEAR))}"
                for where, text in updates_2026_wording() if check(text, year=GUIDE_YEAR)]
    assert problems == []


def _model_reports():
    from guide_build import data

    reports = yaml.safe_load((ROOT / "data" / "model_reports.yml").read_text("utf-8"))
    for r in reports:
        lines = data.model_report_lines(r)
        # as a writer hands it in: signed with a name instead of the placeholder
        yield r, lines[:-2] + ["张明", lines[-1]]


@pytest.mark.parametrize("given", [True, False], ids=["year given", "year from the title"])
def test_model_reports_give_no_finding(given):
    problems = []
    for r, lines in _model_reports():
        found = check("\n".join(lines), year=r["year"] if given else None)
        if found:
            problems.append(f"{r['id']}: {_described(found)}")
    assert problems == []


def test_role_models_give_no_finding():
    roles = yaml.safe_load((ROOT / "data" / "roles.yml").read_text("utf-8"))
    problems = [f"{role['id']} models[{i}]: {_described(check(m['text'].strip(), year=GUIDE_YEAR))}"
                for role in roles for i, m in enumerate(role["models"]) if check(m["text"].strip(), year=GUIDE_YEAR)]
    assert problems == []


# ❌ examples marked `checker: flag` that describe a whole report instead of
# quoting text, so no checker can flag them as they stand (reported to the
# content's owner).  Keyed by the start of the text: an edited entry is checked again.
def test_guide_flagged_bad_examples_are_flagged():
    missed = []
    for section, where, item, _ in _guide_items():
        if item.get("checker") != "flag":
            continue
        bad = item["bad"].strip()
        if not check(bad, year=_year_of(bad), part=section):
            missed.append(f"data/sections/{section}.yml {where}: {bad[:40]}")
    assert missed == []


# ---------------------------------------------------------------------------
# 错别字表 data/typos.yml
# ---------------------------------------------------------------------------

TYPOS = yaml.safe_load((ROOT / "data" / "typos.yml").read_text("utf-8"))


def test_typos_file_is_well_formed():
    head = (ROOT / "data" / "typos.yml").read_text("utf-8").split("typos:")[0]
    assert "来源" in head and "咬文嚼字" in head, "the header names the source of the list"
    entries = TYPOS["typos"]
    assert len(entries) >= 60
    wrongs = [t["wrong"] for t in entries]
    assert len(wrongs) == len(set(wrongs))
    for t in entries:
        assert set(t) == {"wrong", "right"} and t["wrong"] != t["right"] and len(t["wrong"]) >= 2, t
        # a wrong form is never part of its own correct form, nor of any other entry's
        assert not any(t["wrong"] in u["right"] for u in entries), t
    # 规范表述写错 lives in formulations.yml only: one finding, not two
    forms = {w for f in default_data()["formulations"] for w in f.get("wrong") or []}
    assert forms.isdisjoint(wrongs)


def test_every_typo_is_found_and_its_correct_form_is_not():
    for t in TYPOS["typos"]:
        found = [f for f in check(f"一年来，本人{t['wrong']}。") if f["rule"] == "typo"]
        assert [(f["col"], f["length"]) for f in found] == [(7, len(t["wrong"]))], t
        assert f"“{t['right']}”" in found[0]["suggestion"]
        assert not [f for f in check(f"一年来，本人{t['right']}。") if f["rule"] == "typo"], t


def test_the_guide_has_none_of_the_typos():
    """Pages and data the guide publishes (the 不宜 examples aside) hold no listed typo."""
    wrongs = [t["wrong"] for t in TYPOS["typos"]]
    texts = [(p.relative_to(ROOT), p.read_text("utf-8")) for p in sorted((ROOT / "docs").rglob("*.md"))]
    texts += [(p.relative_to(ROOT), p.read_text("utf-8")) for p in sorted((ROOT / "data").glob("*.yml"))
              if p.name not in ("typos.yml", "checker_rules.yml")]
    for path in _section_files():
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        for d in data.get("dos") or []:
            d.pop("bad", None)
        texts.append((path.relative_to(ROOT), yaml.safe_dump(data, allow_unicode=True)))
    found = [(str(p), w) for p, text in texts for w in wrongs if w in text]
    assert found == []


def example_report() -> tuple[str, int]:
    """The source example as one draft, one paragraph a line, and its year."""
    with open(ROOT / "data" / "example_report.yml", encoding="utf-8") as f:
        example = yaml.safe_load(f)
    return "\n".join(p["text"] for p in example["paragraphs"]), example["year"]


def test_source_example_is_checked_as_a_full_report():
    text, year = example_report()
    rules = Counter(f["rule"] for f in check(text, year=year))
    assert rules["placeholder"] + rules["placeholder-figure"] >= 10
    assert rules["ordinal-punct"] == 1      # (四)
    assert "structure-missing" not in rules


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def run_cli(*args, cwd=None):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300, cwd=cwd, env=env)


def test_cli_type_decides_the_expected_parts(tmp_path):
    """--type 述责述廉: no 学习 part expected, the 廉洁 part may be long; a wrong type is a usage error."""
    from test_rulebook import BASE
    text = BASE.replace("述职报告", "2026年度报告", 1)
    text = text.replace(text[text.index("一、加强理论学习"):text.index("二、履职尽责")], "")
    path = tmp_path / "报告.txt"
    path.write_text(text, encoding="utf-8")
    as_shuzhi = {f["rule"] for f in json.loads(run_cli(path, "--format", "json", "--year", "2026").stdout)[0]["findings"]}
    r = run_cli(path, "--format", "json", "--year", "2026", "--type", "述责述廉")
    as_shuzeshulian = {f["rule"] for f in json.loads(r.stdout)[0]["findings"]}
    assert "structure-missing" in as_shuzhi and "structure-missing" not in as_shuzeshulian
    assert run_cli(path, "--type", "shuzeshulian").returncode == run_cli(path, "--type", "述责述廉").returncode
    bad = run_cli(path, "--type", "述职报告书")
    assert bad.returncode == 2 and "不是可选的报告类型" in bad.stderr and "述责述廉" in bad.stderr
    assert "Traceback" not in bad.stderr


def make_docx(path: Path, paragraphs: list[tuple[str, str | None]]):
    import docx
    d = docx.Document()
    for text, style in paragraphs:
        d.add_paragraph(text, style=style)
    d.save(str(path))


def minimal_cfb(stream_names: list[str]) -> bytes:
    """A small Compound File Binary: header, one FAT sector, one directory sector.

    Enough for anything that reads the directory (Office, olefile) to see the
    named streams; an encrypted .docx is such a file holding EncryptionInfo and
    EncryptedPackage.
    """
    sector = 512
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)          # FAT sectors
    struct.pack_into("<I", header, 0x30, 1)          # first directory sector
    struct.pack_into("<I", header, 0x38, 4096)       # mini stream cutoff
    struct.pack_into("<I", header, 0x3C, 0xFFFFFFFE)  # no mini FAT
    struct.pack_into("<I", header, 0x44, 0xFFFFFFFE)  # no DIFAT sectors
    struct.pack_into("<I", header, 0x4C, 0)          # DIFAT[0] = FAT at sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)  # FAT sector, directory end
    directory = bytearray(sector)

    def entry(i, name, kind, child=0xFFFFFFFF, right=0xFFFFFFFF):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        off = i * 128
        directory[off:off + len(raw)] = raw
        struct.pack_into("<HBB", directory, off + 64, len(raw), kind, 1)
        struct.pack_into("<III", directory, off + 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<II", directory, off + 116, 0xFFFFFFFE, 0)

    entry(0, "Root Entry", 5, child=1)
    for k, name in enumerate(stream_names[:3], start=1):
        entry(k, name, 2, right=k + 1 if k < len(stream_names[:3]) else 0xFFFFFFFF)
    return bytes(header + fat + directory)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    text = "述职报告\n一年来，本人认真履行职责，共完成材料近XX篇。\n"
    (d / "utf8.txt").write_text(text, encoding="utf-8")
    (d / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (d / "gbk.txt").write_bytes(text.encode("gbk"))
    (d / "gb18030.md").write_bytes(("# 述职报告\n\n来XX镇调研，䶮。\n").encode("gb18030"))
    (d / "clean.txt").write_text("一年来，本人认真履行职责，较好完成了各项工作任务。\n", encoding="utf-8")
    (d / "warn.txt").write_text("一年来,本人认真履行职责。\n", encoding="utf-8")
    make_docx(d / "report.docx", [("述职报告", "Title"), ("勤学善思", "Heading 1"),
                                  ("一年来，本人认真学习，共撰写心得XX篇。", None),
                                  ("履职尽责", "Heading 1"), ("一是抓统筹。三是重落实。", None)])
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\n")
    (d / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (d / "junk.docx").write_bytes(os.urandom(3000))
    full = (d / "report.docx").read_bytes()
    (d / "truncated.docx").write_bytes(full[: len(full) // 2])
    (d / "old.doc").write_bytes(minimal_cfb(["WordDocument", "1Table"]) + b"\x00" * 512)
    (d / "locked.docx").write_bytes(minimal_cfb(["EncryptionInfo", "EncryptedPackage"]) + b"\x00" * 512)
    (d / "big.txt").write_bytes(("一年来，本人认真履行职责。\n" * 200000).encode("utf-8"))
    (d / "folder").mkdir()
    with zipfile.ZipFile(d / "nodoc.docx", "w") as z:
        z.writestr("hello.txt", "hi")
    return d


@pytest.mark.parametrize("name", ["utf8.txt", "bom.txt", "gbk.txt"])
def test_cli_text_encodings(files, name):
    r = run_cli(files / name)
    assert r.returncode == 1, r.stderr
    assert r.stdout.strip() == (
        f"{files / name}:2:20: 错误 [placeholder-figure] 数字处仍是占位符“XX” → 填入核实后的准确数字")
    assert r.stderr == ""


def test_cli_gb18030_markdown(files):
    r = run_cli(files / "gb18030.md", "--format", "json")
    assert r.returncode == 1
    [res] = json.loads(r.stdout)
    assert [(f["rule"], f["line"], f["col"]) for f in res["findings"]] == [("placeholder", 3, 2)]


def test_cli_docx_headings_from_styles(files):
    r = run_cli(files / "report.docx", "--format", "json", "--year", "2026")
    assert r.returncode == 1, r.stderr
    [res] = json.loads(r.stdout)
    got = [(f["rule"], f["line"]) for f in res["findings"]]
    assert ("placeholder-figure", 3) in got and ("chain-sequence", 5) in got


def test_cli_exit_codes_and_text_format(files):
    r = run_cli(files / "clean.txt")
    assert r.returncode == 0
    assert r.stdout == "没有发现问题\n"     # one line, as the page says it
    r = run_cli(files / "warn.txt")
    assert r.returncode == 0
    assert re.fullmatch(r".*warn\.txt:1:4: 警告 \[punct-halfwidth\] 中文里用了半角标点“,” → 改为全角“，”\n", r.stdout)
    r = run_cli(files / "clean.txt", files / "utf8.txt")
    assert r.returncode == 1


def test_cli_json(files):
    r = run_cli(files / "utf8.txt", files / "clean.txt", "--format", "json")
    data = json.loads(r.stdout)
    assert [d["path"] for d in data] == [str(files / "utf8.txt"), str(files / "clean.txt")]
    assert data[0]["findings"][0]["rule"] == "placeholder-figure"
    assert data[1]["findings"] == []


BAD_INPUTS = {
    "empty.txt": "空",
    "blank.txt": "空",
    "junk.txt": "不是文本文件",
    "junk.docx": "损坏",
    "truncated.docx": "损坏",
    "nodoc.docx": "损坏",
    "old.doc": "请另存为 .docx",
    "locked.docx": "密码",
    "big.txt": "5 MB",
    "folder": "文件夹",
    "missing.txt": "找不到",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_cli_bad_input(files, name):
    before = {p.name: p.stat().st_mtime_ns for p in files.iterdir()}
    r = run_cli(files / name)
    assert r.returncode == 2
    assert BAD_INPUTS[name] in r.stderr
    assert re.search(r"[\u4e00-\u9fff]", r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    assert {p.name: p.stat().st_mtime_ns for p in files.iterdir()} == before


def test_cli_unreadable_wins_over_errors(files):
    r = run_cli(files / "utf8.txt", files / "missing.txt")
    assert r.returncode == 2
    assert "placeholder-figure" in r.stdout


def test_cli_bad_year():
    r = run_cli("x.txt", "--year", "26")
    assert r.returncode == 2 and "年份" in r.stderr and "Traceback" not in r.stderr


def test_cli_does_not_alter_input(files):
    path = files / "gbk.txt"
    before = path.read_bytes()
    run_cli(path)
    assert path.read_bytes() == before


def test_cli_checks_a_20000_character_draft(tmp_path):
    # Speed is measured by scripts/bench.py, not asserted here (CI is noisy).
    clean = yaml.safe_load((VECTORS / "clean.yml").read_text(encoding="utf-8"))["cases"][0]["text"]
    big = (clean * 14)[:20000]
    (tmp_path / "big.txt").write_text(big, encoding="utf-8")
    make_docx(tmp_path / "big.docx", [(line, None) for line in big.split("\n")])
    outputs = []
    for name in ("big.txt", "big.docx"):
        r = run_cli(tmp_path / name, "--year", "2026", "--format", "json")
        assert r.returncode in (0, 1), r.stderr
        outputs.append(json.loads(r.stdout)[0]["findings"])
    assert outputs[0] == outputs[1]


def test_rules_file_is_complete():
    cfg = default_data()["rules"]
    ids = [r["id"] for r in cfg["rules"]]
    assert len(ids) == len(set(ids))
    for r in cfg["rules"]:
        assert r["level"] in cfg["levels"], r["id"]
        assert r.get("message") or r.get("messages"), r["id"]
        for key in ("group", "title", "description"):
            assert re.search(r"[\u4e00-\u9fff]", r[key]), (r["id"], key)
    assert set(cfg["limits"]) >= {"max_bytes", "max_unzipped_bytes", "max_chars", "max_lines",
                                  "max_findings_per_rule", "max_findings"}
    assert all(isinstance(v, int) and v > 0 for v in cfg["limits"].values())


def test_rules_markdown_lists_every_rule():
    from guide_build import macros

    table = macros.render_checker_rules()
    for r in default_data()["rules"]["rules"]:
        assert f"`{r['id']}`" in table


def test_punctuation_rule_covers_autocorrect_fullwidth():
    """autocorrect-py's fullwidth rule is the reference for half-width marks next to
    Chinese.  The engine uses its own pattern instead (it runs in the browser, where
    autocorrect is not available, and autocorrect skips ';' and some '!' and rewrites
    spaces), so this checks that every mark autocorrect would make full-width is
    flagged by us too."""
    pytest.importorskip("autocorrect_py")
    rng = __import__("random").Random(5)
    alphabet = list("中文学习工作年ab1 ,.:;?!（）“”") + ["Word", "2026", "。"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 15))) for _ in range(3000)]
    # autocorrect's configuration is process-wide: run it in a child process
    script = (
        "import json, sys, autocorrect_py as ac\n"
        "off = ['space-word', 'space-punctuation', 'space-bracket', 'space-backticks', 'space-dash',"
        " 'space-dollar', 'no-space-fullwidth', 'no-space-fullwidth-quote', 'halfwidth-word',"
        " 'halfwidth-punctuation', 'spellcheck']\n"
        "ac.load_config('rules:\\n' + ''.join(f'  {r}: 0\\n' for r in off) + '  fullwidth: 1\\n')\n"
        "json.dump([ac.format(t) for t in json.load(sys.stdin)], sys.stdout)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True,
                          text=True, encoding="utf-8", check=True)
    formatted = json.loads(done.stdout)
    full = {"，": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!"}
    missed = []
    compared = 0
    for text, new in zip(texts, formatted):
        spans = [(f["col"], f["col"] + f["length"]) for f in check(text)
                 if f["rule"] in ("punct-halfwidth", "ordinal-punct")]
        i = j = 0
        while i < len(text) and j < len(new):
            a, b = text[i], new[j]
            if a == b:
                i, j = i + 1, j + 1
            elif full.get(b) == a:
                compared += 1
                if not any(s <= i + 1 < e for s, e in spans):
                    missed.append((text, new, i + 1))
                i, j = i + 1, j + 1
            elif a == " ":
                i += 1
            elif b == " ":
                j += 1
            else:
                break
    assert compared > 300
    assert missed == []


def test_cli_reports_what_a_docx_keeps():
    """批注, 修订, 隐藏文字 and a 【】 prompt left in a Word file, each where it is."""
    path = ROOT / "tests" / "corpus" / "f21-2026-docx-leftovers.docx"
    r = run_cli(path, "--format", "json")
    assert r.returncode == 1, r.stderr
    [res] = json.loads(r.stdout)
    got = [(f["rule"], f["line"], f["col"], f["length"]) for f in res["findings"]]
    assert got == [("docx-comment", 2, 32, 14), ("docx-revision", 3, 15, 9), ("docx-revision", 3, 24, 0),
                   ("docx-hidden", 4, 15, 12), ("placeholder-bracket", 5, 1, 10)]
    comment = res["findings"][0]
    assert "数字请再核对一下" in comment["message"] and "办公室" in comment["message"]
    # the same file without them gives nothing
    r = run_cli(ROOT / "tests" / "corpus" / "c16-2026-archives-director.docx", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)[0]["findings"] == []




def _apply_fixes(text: str, findings: list[dict]) -> str:
    """Replace each finding's span by its fix, last first (one line, BMP text: columns are indices)."""
    for f in sorted((f for f in findings if "fix" in f), key=lambda f: f["col"], reverse=True):
        text = text[:f["col"] - 1] + f["fix"] + text[f["col"] - 1 + f["length"]:]
    return text


@pytest.mark.parametrize("wrong, right", [
    ("认真部暑年度重点工作。", "认真部署年度重点工作。"),
    ("坚决反对行式主义。", "坚决反对形式主义。"),
    ("会议研究了了重点任务。", "会议研究了重点任务。"),
    ("他认真的履行了职责，工作抓的很实。", "他认真地履行了职责，工作抓得很实。"),
    ("下一步将再接再励。", "下一步将再接再厉。"),
])
def test_spelling_findings_carry_the_one_sure_fix(wrong, right):
    """错别字, 叠字 and 的地得 findings name their correction, and applying every fix gives the right text,
    which then gives no such finding."""
    findings = check(wrong)
    assert findings and all("fix" in f and f["fix"] in f["suggestion"] for f in findings)
    assert _apply_fixes(wrong, findings) == right
    assert check(right) == []


def test_a_campaign_written_by_its_slogan_is_dated_like_the_campaign():
    """formulations.yml match: a campaign's 总要求 or 目标 used as its short name is checked by the campaign's dates."""
    slogans = {f["term"]: m for f in default_data()["formulations"] for m in f.get("match") or [] if "、" in m}
    assert len(slogans) >= 2
    for term, slogan in slogans.items():
        found = [f for f in check(f"本人深入践行{slogan}，推动工作落地见效。", year=2026) if f["rule"] == "formulation-dated"]
        assert len(found) == 1 and term in found[0]["message"], (term, found)
        since = next(f["year"] for f in default_data()["formulations"] if f["term"] == term)
        assert [f for f in check(f"本人深入践行{slogan}。", year=since) if f["rule"] == "formulation-dated"] == []
        assert [f for f in check(f"{since}年，按照{slogan}的要求开展学习。", year=2026)
                if f["rule"] == "formulation-dated"] == []
