"""The guide agrees with itself and with data/formulations.yml: what it
recommends never uses a form the formulations list calls wrong (or avoids),
an annotation never approves a sentence that holds a wrong form, and the
2026 wording 年度更新 recommends passes the checker."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "scripts"))

from engine_host import engine  # noqa: E402

GUIDE_YEAR = 2026
FORMULATIONS = yaml.safe_load((DATA / "formulations.yml").read_text("utf-8"))
SECTION_IDS = [s["id"] for s in yaml.safe_load((DATA / "sections.yml").read_text("utf-8"))]
QUOTES = "“”\"‘’'「」『』"


def plain(text: str) -> str:
    """As the checker compares formulations: quotes ignored."""
    return "".join(ch for ch in text if ch not in QUOTES)


def section(sid: str) -> dict:
    return yaml.safe_load((DATA / "sections" / f"{sid}.yml").read_text("utf-8"))


def rejected_forms() -> list[tuple[str, str]]:
    """(form, term) for every wrong and every avoided form."""
    out = []
    for f in FORMULATIONS:
        for form in (f.get("wrong") or []) + (f.get("avoid") or []):
            out.append((plain(form), f["term"]))
    return out


def recommended_texts() -> list[tuple[str, str]]:
    """(where, text) for everything the guide offers to be copied or followed."""
    out = []
    for sid in SECTION_IDS:
        data = section(sid)
        out += [(f"{sid} dos[{i}].good", d["good"]) for i, d in enumerate(data["dos"])]
        out += [(f"{sid} models[{i}]", m["text"]) for i, m in enumerate(data["models"])]
        out += [(f"{sid} patterns[{i}]", p["text"]) for i, p in enumerate(data["patterns"])]
    out += [(f"updates.md {where}", text) for where, text in updates_2026_wording()]
    return out


def updates_2026_wording() -> list[tuple[str, str]]:
    """The wording 年度更新 recommends for 2026: the "2026年的写法" column, the
    "2026年度报告怎么写" column and every ✅ box."""
    text = (DOCS / "updates.md").read_text("utf-8")

    def column(header: str, index: int) -> list[str]:
        assert header in text, header
        rows = []
        for line in text.split(header, 1)[1].splitlines()[2:]:
            if not line.startswith("| "):
                break
            rows.append([c.strip() for c in line.strip().strip("|").split("|")][index])
        assert rows, header
        return rows

    out = [("2026年的写法", t) for t in column("| 2021年范文的写法 | 2026年的写法 | 依据 |", 1)]
    out += [("2026年度报告怎么写", t) for t in column("| 年份 | 名称 | 依据 | 2026年度报告怎么写 |", 3)]
    boxes = re.findall(r'^!!! success "[^"]*"\n\n((?:    .*\n?)+)', text, re.M)
    assert boxes
    out += [("✅", re.sub(r"^    ", "", b, flags=re.M).strip()) for b in boxes]
    return out


def test_recommended_texts_use_no_rejected_form():
    problems = []
    for where, text in recommended_texts():
        for form, term in rejected_forms():
            if form and form in plain(text):
                problems.append(f"{where}: “{form}”（见规范表述“{term}”）")
    assert problems == []


# An annotation sentence that calls the anchored text right (写对了, 是准确的)
# while that text holds a wrong or avoided form must also say what is wrong;
# a sentence that praises another, named term (“一岗双责”写对了) is fine.
APPROVAL = re.compile(r"写对了|是准确的|写法正确|是对的")
CONTRAST = re.compile(r"但|错|不当|不能|不是|重复")


def anchored_sentence(paragraph: str, at: str) -> str:
    start = paragraph.index(at)
    left = max(paragraph.rfind(p, 0, start) for p in "。；") + 1
    ends = [i for i in (paragraph.find(p, start + len(at)) for p in "。；") if i >= 0]
    return paragraph[left:min(ends) + 1 if ends else len(paragraph)]


def approvals(note: str, held: list[tuple[str, str]]) -> list[str]:
    out = []
    for sentence in re.split(r"(?<=[。！])", note.replace("**", "")):
        if not APPROVAL.search(sentence) or CONTRAST.search(sentence):
            continue
        named = [plain(q) for q in re.findall(r"“([^”]+)”", sentence)]
        if not named or any(n in plain(term) or plain(term) in n or n in form for form, term in held for n in named):
            out.append(sentence.strip())
    return out


def test_no_annotation_approves_a_wrong_form():
    paragraphs = yaml.safe_load((DATA / "example_report.yml").read_text("utf-8"))["paragraphs"]
    problems = []
    for sid in SECTION_IDS:
        mine = [p["text"] for p in paragraphs if p["section"] == sid]
        for note in section(sid)["notes"]:
            text = next(t for t in mine if note["at"] in t)
            sentence = plain(anchored_sentence(text, note["at"]))
            held = [(form, term) for form, term in rejected_forms() if form and form in sentence]
            for claim in approvals(note["note"], held) if held else []:
                problems.append(f"{sid}: 批注“{claim}”认可了含“{held[0][0]}”的句子")
    assert problems == []


def test_approval_detection():
    held = [("执行四种形态", "监督执纪四种形态")]
    assert approvals("**规范表述写对了。**这类表述一个字都不能改。", held) == ["规范表述写对了。"]
    assert approvals("**名称写对了，动词用错了。**同一段里的“一岗双责”写对了。", held) == []
    assert approvals("党组书记是第一责任人，这样写是准确的。", [("第一责任人责任", "x")]) == ["党组书记是第一责任人，这样写是准确的。"]


def test_anchored_sentence_finds_the_clause():
    assert anchored_sentence("甲。乙丙丁；戊。", "丙") == "乙丙丁；"
    assert anchored_sentence("甲乙", "乙") == "甲乙"


def _serious(text: str) -> list[str]:
    return [f"{f['rule']} {f['level']} {f['message']}" for f in engine().check(text, year=GUIDE_YEAR) if f["level"] != "提示"]


@pytest.mark.parametrize("where,text", updates_2026_wording(), ids=lambda v: v[:24] if isinstance(v, str) else None)
def test_updates_2026_wording_passes_the_checker(where, text):
    assert _serious(text) == []


def test_checklist_and_measures_page_agree_on_one_measure_per_problem():
    from mkdocs_hooks import expand_macros   # the checklist is rendered from data/checklist.yml
    checklist = expand_macros((DOCS / "checklist.md").read_text("utf-8"))
    measures = (DOCS / "sections" / "measures.md").read_text("utf-8")
    assert "一条问题一条措施" in checklist and "不少于问题条数" not in checklist
    assert "有几条问题，这里就有几条措施" in measures


def test_facts_of_the_report_year_are_in_the_data():
    """The 2026 facts the pages teach are entries with a source and a date."""
    by_term = {f["term"]: f for f in FORMULATIONS}
    for term in ("树立和践行正确政绩观学习教育", "常态化精准帮扶", "“十五五”规划纲要", "述责述廉",
                 "推进法治建设第一责任人职责", "意识形态工作责任制", "换届纪律"):
        entry = by_term[term]
        assert re.search(r"\d{4}年", entry["source"]), term
    # The transition period's wording is dated; 2026's replaces it.
    assert by_term["巩固拓展脱贫攻坚成果同乡村振兴有效衔接"]["until"] == 2025
    updates = (DOCS / "updates.md").read_text("utf-8")
    for term in ("树立和践行正确政绩观学习教育", "常态化精准帮扶", "述责述廉", "换届纪律"):
        assert term in updates, term


@pytest.mark.parametrize("page", ["_template"] + SECTION_IDS)
def test_section_page_links_to_its_models_before_the_first_heading(page):
    """A writer in a hurry finds the copyable paragraphs from the first screen."""
    sections = {s["id"]: s["page"] for s in yaml.safe_load((DATA / "sections.yml").read_text("utf-8"))}
    path = DOCS / (sections.get(page) or f"sections/{page}.md")
    text = path.read_text("utf-8")
    opening = text.split("\n## ", 1)[0]
    assert "](#可复制的示例段落)" in opening
    assert "\n## 可复制的示例段落\n" in text
