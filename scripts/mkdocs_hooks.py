"""The guide's one MkDocs hooks module.

- Chinese search: segment the index finely enough that a word inside a
  compound (自律 in 廉洁自律) is still a word start.
- Data → Markdown: ``{{ macro(arg) }}`` in a page is replaced by Markdown
  rendered from data/*.yml, so every list lives in one place.
- Copy buttons: any element with class ``copy`` gets Material's own
  ``md-clipboard`` button pointing at it.
- Generated files: the Word downloads and the checker's data script are added
  to the site in ``on_files``, never written into docs/.
"""

from __future__ import annotations

import html
import json
import logging
import re
from functools import lru_cache
from pathlib import Path

import yaml
from mkdocs.structure.files import File

import build_language_data  # noqa: E402
import build_template  # scripts/ is on sys.path while MkDocs loads this hook
import engine_host
import format_report

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

log = logging.getLogger("mkdocs.hooks.guide")


# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

@lru_cache(maxsize=None)
def load(name: str):
    with open(DATA / f"{name}.yml", encoding="utf-8") as f:
        return yaml.safe_load(f)


def section_ids() -> list[str]:
    return [s["id"] for s in load("sections")]


@lru_cache(maxsize=None)
def section_data(section: str) -> dict:
    """data/sections/<id>.yml: notes, dos, patterns and models of one part."""
    with open(DATA / "sections" / f"{section}.yml", encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    return {key: data.get(key) or [] for key in ("notes", "dos", "patterns", "models")}


# ---------------------------------------------------------------------------
# Chinese search
# ---------------------------------------------------------------------------

HAN_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class FineSegmenter:
    """Stands in for the ``jieba`` module inside Material's search plugin.

    Material joins ``jieba.cut`` words with U+200B, and the browser matches a
    query only at word starts.  Splitting each long word into the dictionary
    words that tile it (廉洁自律 → 廉洁|自律) makes inner words findable; the
    tokens still concatenate to the original text, so previews stay intact.
    Whole terms stay findable: the browser segments a query with the index's
    own vocabulary, so 廉洁自律 becomes 廉洁 + 自律.
    """

    def __init__(self, jieba):
        self._jieba = jieba
        self._tilings: dict[str, list[str]] = {}
        self._word_starts: set[str] = set()

    def add_search_words(self, words: list[str]) -> None:
        """Words readers search that jieba lacks (述法, 述学).  A lone 述 left
        in the index would make the browser cut the query 述法 to 述*, which
        matches every 述职, so a lone first character is joined to what follows."""
        for word in words:
            self._jieba.add_word(word)
            self._word_starts.add(word[0])

    def __getattr__(self, name):  # set_dictionary, load_userdict, ...
        return getattr(self._jieba, name)

    def _in_dict(self, word: str) -> bool:
        return self._jieba.dt.FREQ.get(word, 0) > 0

    def _tile(self, word: str) -> list[str]:
        if len(word) <= 2:
            return [word]
        if word not in self._tilings:
            # best[i]: finest tiling of word[i:] by dictionary words of >= 2 chars
            n = len(word)
            best: list[list[str] | None] = [None] * (n + 1)
            best[n] = []
            for i in range(n - 2, -1, -1):
                for j in range(i + 2, n + 1):
                    piece = word[i:j]
                    if best[j] is not None and (self._in_dict(piece) and (j - i) < n):
                        cand = [piece] + best[j]
                        if best[i] is None or len(cand) > len(best[i]):
                            best[i] = cand
            self._tilings[word] = best[0] or [word]
        return self._tilings[word]

    def cut(self, text, *args, **kwargs):
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        lone = ""
        for word in self._jieba.cut(text, *args, **kwargs):
            for piece in self._tile(word):
                if lone:
                    if HAN_CHAR.match(piece):
                        piece = lone + piece
                    else:
                        yield lone
                    lone = ""
                if piece in self._word_starts:
                    lone = piece
                    continue
                yield piece
        if lone:
            yield lone


def on_pre_build(config):
    # `mkdocs serve` keeps this module between rebuilds: re-read edited data.
    load.cache_clear()
    section_data.cache_clear()
    engine_host.default_data.cache_clear()


def on_startup(command, dirty):
    import material.plugins.search.plugin as search_plugin

    if search_plugin.jieba is None:
        raise SystemExit("中文搜索需要 jieba：请先运行 make serve 或 pip install -r requirements.txt")
    if not isinstance(search_plugin.jieba, FineSegmenter):
        search_plugin.jieba.setLogLevel(logging.WARNING)
        search_plugin.jieba = FineSegmenter(search_plugin.jieba)
    search_plugin.jieba.add_search_words(load("search_words")["words"])


# ---------------------------------------------------------------------------
# Macros: {{ name(arg) }} → Markdown from data
# ---------------------------------------------------------------------------

MACRO = re.compile(r"\{\{\s*(\w+)\(\s*([\w-]*)\s*\)\s*\}\}")
CN_NUM = "一二三四五六七八九十"


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line if line else line for line in text.splitlines())


def _check_section(section: str) -> str:
    if section not in section_ids():
        raise ValueError(f"unknown section {section!r}")
    return section


def example_paragraphs(section: str = "") -> list[dict]:
    """The source example's paragraphs, each with the notes anchored in it."""
    paras = [dict(p) for p in load("example_report")["paragraphs"]
             if not section or p["section"] == section]
    for sid in ([section] if section else section_ids()):
        mine = [p for p in paras if p["section"] == sid]
        for note in section_data(sid)["notes"]:
            hits = [p for p in mine if note["at"] in p["text"]]
            if len(hits) != 1 or hits[0]["text"].count(note["at"]) != 1:
                raise ValueError(f"note anchor {note['at']!r} must occur exactly once in section {sid}")
            hits[0].setdefault("anchored", []).append(note)
    for p in paras:
        p["anchored"] = sorted(p.get("anchored", []), key=lambda n: p["text"].index(n["at"]))
    return paras


def render_example(section: str = "") -> str:
    """The source example, annotated, for one section or (no arg) the whole."""
    if section:
        _check_section(section)
    out = ['<div class="report-sample" markdown>', ""]
    for para in example_paragraphs(section):
        text, notes = para["text"], para["anchored"]
        # Insert markers from the end so earlier positions stay valid.
        for n in range(len(notes), 0, -1):
            at = notes[n - 1]["at"]
            i = text.index(at) + len(at)
            text = f"{text[:i]}({n}){text[i:]}"  # no spaces: they show as gaps in Chinese
        classes = [f"report-{para['kind']}"] + (["annotate"] if notes else [])
        out += [text, "{ " + " ".join("." + c for c in classes) + " }", ""]
        for n, note in enumerate(notes, 1):
            out.append(f"{n}. " + note["note"].strip().replace("\n", "\n    "))
        if notes:
            out.append("")
    out += ["</div>", ""]
    return "\n".join(out)


def render_patterns(section: str) -> str:
    """常用句式 of one section, each a copyable paragraph."""
    _check_section(section)
    out = []
    for item in section_data(section)["patterns"]:
        out += [html.escape(item["text"], quote=False), "{ .copy .pattern }", ""]
        if item.get("tip"):
            out += [f"<small>{html.escape(item['tip'], quote=False)}</small>", "{ .pattern-tip }", ""]
    return "\n".join(out)


def render_phrase_bank(_: str = "") -> str:
    """Every phrase, with a filter by section (see assets/javascripts/guide.js)."""
    titles = {s["id"]: s["title"] for s in load("sections")}
    used = [sid for sid in section_ids() if section_data(sid)["patterns"]]
    out = ['<div class="phrase-filter" role="radiogroup" aria-label="按部分筛选">',
           '<label><input type="radio" name="phrase-filter" value="all" checked> 全部</label>']
    for sid in used:
        out.append(f'<label><input type="radio" name="phrase-filter" value="{sid}"> {html.escape(titles[sid])}</label>')
    out += ["</div>", "", '<div class="phrase-bank">']
    for sid, item in ((sid, item) for sid in used for item in section_data(sid)["patterns"]):
        out.append(
            f'<p class="copy pattern" data-section="{sid}">'
            f'<span class="phrase-tag">{html.escape(titles[sid])}</span>'
            f'<span class="phrase-text">{html.escape(item["text"], quote=False)}</span></p>'
        )
    out += ["</div>", ""]
    return "\n".join(out)


def render_models(section: str) -> str:
    """Model paragraphs of one section, each in an example box with a copy button."""
    _check_section(section)
    out = []
    n = 0
    for item in section_data(section)["models"]:
        n += 1
        label = CN_NUM[n - 1] if n <= len(CN_NUM) else str(n)
        out += [f'!!! example "示例{label}　{item["title"]}（适用：{item["role"]}）"', ""]
        paras = [p.strip() for p in item["text"].strip().split("\n") if p.strip()]
        for para in paras:
            out += ["    " + para, "    { .copy .model }", ""]
        if len(paras) > 1:  # one click for the whole example, one paragraph a line
            whole = html.escape("\n".join(paras), quote=True).replace("\n", "&#10;")
            out += [f'    <button class="md-button copy-all" type="button" data-clipboard-text="{whole}">'
                    f"复制全部{len(paras)}段</button>", ""]
        if item.get("note"):  # guidance about the model, not part of it: not copyable
            out += ["    " + item["note"].strip(), "    { .model-note }", ""]
    return "\n".join(out)


def render_dos(section: str) -> str:
    """不宜 / 宜 pairs of one section, side by side, each with its reason.
    The admonition icons (✗ red, ✓ green) mark them; no emoji font needed."""
    _check_section(section)
    out = []
    for item in section_data(section)["dos"]:
        out += [
            '<div class="grid dodont" markdown>', "",
            '!!! failure "不宜"', "", _indent(item["bad"].strip()), "",
            '!!! success "宜"', "", _indent(item["good"].strip()), "",
            "</div>", "",
            f'**理由：** {item["why"].strip()}', "{ .dodont-why }", "",
        ]
    return "\n".join(out)


def render_formulations(_: str = "") -> str:
    """规范表述 table."""
    out = [
        "| 规范表述 | 全称或完整表述 | 常见错误写法 | 出处 | 出处年份 | 时效 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for f in load("formulations"):
        wrong = "、".join(f"~~{w}~~" for w in f.get("wrong") or []) or "—"
        timely = "⚠️ 以最新中央文件表述为准" if f.get("time_sensitive") else "稳定"
        if f.get("until"):
            timely = f"⚠️ {f['until']}年以后不再作为当年提法"
        cells = [f"**{f['term']}**", f["full"], wrong, f["source"], f"{f['year']}年", timely]
        out.append("| " + " | ".join(str(c).replace("|", "｜").replace("\n", " ") for c in cells) + " |")
    return "\n".join(out) + "\n"


def render_skeleton(_: str = "") -> str:
    """The report's parts with their usual share (for a page at docs/ root)."""
    out = [
        "| 部分 | 写什么 | 篇幅占比 | 详见 |",
        "| --- | --- | --- | --- |",
        "| 标题 | 如“2026年度述职报告”，写法见下文 | — | [标题的写法](#标题的写法) |",
    ]
    for s in load("sections"):
        lo, hi = s["share"]
        advice = s["advice"].split("。")[0] + "。"
        out.append(f"| {s['title']} | {advice} | {lo}%～{hi}% | [{s['title']}]({s['page']}) |")
    return "\n".join(out) + "\n"


def render_example_shares(_: str = "") -> str:
    """How long each part of the source example is, against the usual share."""
    paras = load("example_report")["paragraphs"]
    counts = {s["id"]: sum(len(re.sub(r"\s", "", p["text"])) for p in paras if p["section"] == s["id"])
              for s in load("sections")}
    total = sum(counts.values())
    out = ["| 部分 | 范文字数 | 范文占比 | 一般占比 |", "| --- | --- | --- | --- |"]
    for s in load("sections"):
        lo, hi = s["share"]
        out.append(f"| {s['title']} | {counts[s['id']]} | {round(100 * counts[s['id']] / total)}% | {lo}%～{hi}% |")
    return "\n".join(out) + "\n"


def render_length_example(total: str) -> str:
    """Characters per part for a report of `total` characters: the mid-range
    shares, scaled to add up to 100%, rounded to 50 characters."""
    words = int(total)
    mids = {s["id"]: sum(s["share"]) / 2 for s in load("sections")}
    scale = sum(mids.values())
    parts = [f"{s['title']}约{int(round(mids[s['id']] / scale * words / 50) * 50)}字" for s in load("sections")]
    return f"以一篇{words}字的报告为例，按各部分占比的中间值折算，大致是：" + "，".join(parts) + "。\n"


def render_advice(section: str) -> str:
    """The section's key advice: the same words the Word template puts in a 批注."""
    sec = next(s for s in load("sections") if s["id"] == _check_section(section))
    return f'!!! tip "要点（模板中的批注也是这段话）"\n\n{_indent(sec["advice"].strip())}\n'


def render_checker_rules() -> str:
    """The checker's rule list as a Markdown table (data/checker_rules.yml)."""
    cfg = engine_host.default_data()["rules"]
    out = ["| 类别 | 级别 | 规则 | 检查什么 | 编号 |", "| --- | --- | --- | --- | --- |"]
    for r in cfg["rules"]:
        level = r["level"] + (f"（未指定年度时为{r['level_without_year']}）" if r.get("level_without_year") else "")
        cells = [r["group"], level, r["title"], r["description"].strip(), f"`{r['id']}`"]
        out.append("| " + " | ".join(str(c).replace("|", "｜").replace("\n", " ") for c in cells) + " |")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Complete model reports (data/model_reports.yml): one page each, copied whole,
# downloaded as Word files that the formatter makes at build time.
# ---------------------------------------------------------------------------

# Set while a page's macros expand, so a macro can ask whether a generated file exists.
BUILD: dict = {"files": None}
# The .docx formatter (docs/assets/javascripts/engine/docx-write.js). Once it is in the
# repository, a model report without its Word files is a build error, not a quiet gap.
FORMATTER = ROOT / "docs" / "assets" / "javascripts" / "engine" / "docx-write.js"


def model_report(report_id: str) -> dict:
    for report in load("model_reports"):
        if report["id"] == report_id:
            return report
    raise ValueError(f"unknown model report {report_id!r}")


def model_report_blocks(report: dict) -> list[dict]:
    """The report paragraph by paragraph, each with its kind in the engine's
    classification vocabulary (title, salutation, h1..h4, body, signature, date),
    so the .docx formatter can lay it out without guessing."""
    blocks = [{"kind": "title", "text": report["title"]}]
    if report.get("salutation"):
        blocks.append({"kind": "salutation", "text": report["salutation"]})
    blocks += [{"kind": p["kind"], "text": p["text"].strip()} for p in report["paragraphs"]]
    return blocks + [{"kind": "signature", "text": report["signature"]}, {"kind": "date", "text": report["date"]}]


def model_report_lines(report: dict) -> list[str]:
    """The report as a writer pastes it into Word: title, 称谓, body, 落款, one line each.
    The copy-all button, the checker test and the Word files all use these lines."""
    return [block["text"] for block in model_report_blocks(report)]


def model_report_length(report: dict) -> int:
    """Characters without whitespace, title and 落款 included."""
    return sum(len(re.sub(r"\s", "", line)) for line in model_report_lines(report))


def model_download_paths(report_id: str) -> dict[str, str]:
    """Site paths reserved for a model report's Word files: standard and system-font."""
    return {"standard": f"downloads/fanwen-{report_id}.docx", "xitong": f"downloads/fanwen-{report_id}-xitong.docx"}


def _model_name(report: dict) -> str:
    return f"{report['year']}年度{report['kind']}范文（{report['role'].split('（')[0]}）"


def render_model_downloads(report: dict) -> str:
    paths = model_download_paths(report["id"])
    files = BUILD["files"]
    missing = [p for p in paths.values() if files is not None and files.get_file_from_path(p) is None]
    if missing and FORMATTER.is_file():
        raise ValueError(f"the formatter is in, but these Word files were not generated: {', '.join(missing)}")
    if missing:
        return ('!!! note "Word版"\n\n    这篇范文的Word文件随排版工具一起提供。现在可以点“复制全文”，'
                "粘贴到[述职报告模板](../template.md)中，用“只保留文本”的方式粘贴，再套用样式。\n")
    name = _model_name(report)
    return (f'[下载 {name}.docx](../{paths["standard"]}){{ .md-button .md-button--primary download="{name}.docx" }} '
            f'[下载 系统字体版](../{paths["xitong"]}){{ .md-button download="{name}（系统字体版）.docx" }}\n\n'
            "Word文件按GB/T 9704—2012排版，与[模板](../template.md)的样式相同；"
            "系统字体版只用Windows自带的字体。\n")


def render_model_report(report_id: str) -> str:
    """One complete model report: the note, the downloads, a copy-all button and the text."""
    report = model_report(report_id)
    lines = model_report_lines(report)
    whole = html.escape("\n".join(lines), quote=True).replace("\n", "&#10;")
    out = [f'!!! info "说明"\n\n    {report["note"].strip()}\n', render_model_downloads(report),
           f'<button class="md-button copy-all" type="button" data-clipboard-text="{whole}" '
           f'aria-label="复制全文：标题、正文和落款，共{len(lines)}段">复制全文（{len(lines)}段）</button>', "",
           f'<div class="report-sample model-report" id="report-{report["id"]}" data-search-exclude>']
    out += [f'<p class="report-{block["kind"]}">{html.escape(block["text"])}</p>' for block in model_report_blocks(report)]
    out += ["</div>", ""]
    return "\n".join(out)


def render_model_index(_: str = "") -> str:
    """Table of the complete model reports."""
    out = ["| 范文 | 适用 | 文种 | 字数 |", "| --- | --- | --- | --- |"]
    for r in load("model_reports"):
        out.append(f"| [{r['title']}]({r['id']}.md) | {r['role']} | {r['kind']} | 约{round(model_report_length(r), -2)}字 |")
    return "\n".join(out) + "\n"


def render_report_types(_: str = "") -> str:
    """Each report type (data/report_types.yml): who, basis, structure, how it differs, an outline."""
    types = load("report_types")
    out = ["| 类型 | 谁写、什么场合 |", "| --- | --- |"]
    out += [f"| [{t['name']}](#{t['id']}) | {t['who'].split('。')[0]}。 |" for t in types]
    out.append("")
    for t in types:
        out += [f"## {t['name']} {{ #{t['id']} }}", "", f"**谁写、什么场合：**{t['who'].strip()}", "",
                f"**依据：**{t['basis'].strip()}", "", "**一般结构：**", ""]
        out += [f"- {html.escape(item, quote=False)}" for item in t["structure"]]
        out += ["", "**与年度述职报告的不同：**", ""]
        out += [f"- {html.escape(item, quote=False)}" for item in t["differs"]]
        out += ["", '??? example "提纲示例"', ""]
        out += [f"    {html.escape(line, quote=False)}" + ("" if n == len(t["outline"]) else "<br>")
                for n, line in enumerate(t["outline"], 1)]
        out.append("")
    return "\n".join(out)


def role_data(role_id: str) -> dict:
    for role in load("roles"):
        if role["id"] == role_id:
            return role
    raise ValueError(f"unknown role {role_id!r}")


def render_role(role_id: str) -> str:
    """One role (data/roles.yml): its title, what reviewers look for, 廉洁 risks, copyable models."""
    role = role_data(role_id)
    titles = {s["id"]: s["title"] for s in load("sections")}
    out = ["## 职务怎么写", "", role["title"].strip(), "", "## 评审的人看什么", "", role["focus"].strip(), "",
           "履职部分最好有这些方面的数字，每个数字都有基数或对比：", ""]
    out += [f"- {html.escape(item, quote=False)}" for item in role["indicators"]]
    out += ["", "## 廉洁风险点", "", "廉洁部分要写到这些环节上本人是怎么做的，写可核对的事实，不写表态：", ""]
    out += [f"- {html.escape(item, quote=False)}" for item in role["risks"]]
    out += ["", "## 可复制的示例段落", "", "示例中的数字均为示意，使用时换成本人核实后的数字。", ""]
    for n, item in enumerate(role["models"], 1):
        label = CN_NUM[n - 1] if n <= len(CN_NUM) else str(n)
        out += [f'!!! example "示例{label}　{item["title"]}（用于：{titles[_check_section(item["section"])]}）"', "",
                "    " + html.escape(item["text"].strip(), quote=False), "    { .copy .model }", ""]
    return "\n".join(out)


def render_role_index(_: str = "") -> str:
    out = ["| 岗位 | 与乡镇、部门负责人报告的主要不同 |", "| --- | --- |"]
    out += [f"| [{r['name']}]({r['id']}.md) | {r['focus'].split('。')[0]}。 |" for r in load("roles")]
    return "\n".join(out) + "\n"


def render_oral_budget(_: str = "") -> str:
    """口头述职: characters per part for 5, 8 and 10 minutes, from data/oral.yml."""
    oral = load("oral")
    rate, (slow, fast) = oral["rate"], oral["range"]
    sections = load("sections")
    out = [f"口头语速因人而异，常见的说法在每分钟150到250字之间，并没有统一的标准。本指南按**每分钟{rate}字**估算，"
           f"这是念稿时不急不慢的中等语速；说得慢的人按{slow}字算，说得快的按{fast}字算。最可靠的办法是自己计时："
           "拿一段500字的稿子，用平时开会发言的速度念一遍，看用了多少秒，再按下表调整。", ""]
    head = "| 部分 | " + " | ".join(f"{b['minutes']}分钟（约{b['minutes'] * rate}字）" for b in oral["budgets"]) + " |"
    out += [head, "| --- |" + " --- |" * len(oral["budgets"])]
    for s in sections:
        cells = [f"约{int(round(b['minutes'] * rate * b['shares'][s['id']] / 100 / 10) * 10)}字" for b in oral["budgets"]]
        out.append(f"| {s['title']} | " + " | ".join(cells) + " |")
    out.append("| 语速快慢时的总字数 | " + " | ".join(
        f"{b['minutes'] * slow}～{b['minutes'] * fast}字" for b in oral["budgets"]) + " |")
    out += ["", "**各时长留下什么：**", ""]
    out += [f"- **{b['minutes']}分钟：**{b['keep'].strip()}" for b in oral["budgets"]]
    out += ["", f"按每分钟{rate}字计，本指南的三篇完整范文念完分别需要：", ""]
    out += [f"- [{r['role'].split('（')[0]}的{r['kind']}](models/{r['id']}.md)：{model_report_length(r)}字，"
            f"约{model_report_length(r) / rate:.0f}分钟" for r in load("model_reports")]
    return "\n".join(out) + "\n"


def render_oral_example(_: str = "") -> str:
    """A complete model report cut to a spoken version (data/oral.yml example), copyable."""
    oral = load("oral")
    example = oral["example"]
    report = model_report(example["report"])
    paras = [p.strip() for p in example["paragraphs"]]
    length = sum(len(re.sub(r"\s", "", p)) for p in paras)
    whole = html.escape("\n".join(paras), quote=True).replace("\n", "&#10;")
    out = [f"把[{report['role']}的完整范文](models/{report['id']}.md)（{model_report_length(report)}字）压缩成"
           f"{example['minutes']}分钟的口头稿：共{length}字，按每分钟{oral['rate']}字念约"
           f"{length / oral['rate']:.1f}分钟，留有余地。数字与书面稿一致。", "",
           f'!!! example "示范：{example["minutes"]}分钟口头稿"', ""]
    for para in paras:
        out += ["    " + html.escape(para, quote=False), "    { .copy .model }", ""]
    out += [f'    <button class="md-button copy-all" type="button" data-clipboard-text="{whole}">'
            f"复制全部{len(paras)}段</button>", ""]
    return "\n".join(out)


MACROS = {
    "example": render_example,
    "patterns": render_patterns,
    "phrase_bank": render_phrase_bank,
    "models": render_models,
    "dos": render_dos,
    "formulations": render_formulations,
    "skeleton": render_skeleton,
    "advice": render_advice,
    "example_shares": render_example_shares,
    "length_example": render_length_example,
    "checker_rules": lambda _: render_checker_rules(),
    "model_report": render_model_report,
    "model_index": render_model_index,
    "report_types": render_report_types,
    "role": render_role,
    "role_index": render_role_index,
    "oral_budget": render_oral_budget,
    "oral_example": render_oral_example,
}


def expand_macros(markdown: str, where: str = "") -> str:
    def expand(match):
        name, arg = match.group(1), match.group(2)
        if name not in MACROS:
            log.warning(f"{where}: unknown macro {name}()")
            return match.group(0)
        try:
            return MACROS[name](arg)
        except (ValueError, KeyError, StopIteration, TypeError) as e:
            log.warning(f"{where}: {name}({arg}) failed: {e}")
            return match.group(0)

    return MACRO.sub(expand, markdown)


def on_page_markdown(markdown, page, config, files):
    BUILD["files"] = files
    return expand_macros(markdown, page.file.src_uri)


# ---------------------------------------------------------------------------
# Copy buttons: Material's clipboard component, pointed at the paragraph
# ---------------------------------------------------------------------------

COPYABLE = re.compile(r'<(p|div)\b([^>]*\bclass="(?:[^"]*\s)?copy(?:\s[^"]*)?"[^>]*)>(.*?)</\1>', re.S)


def on_page_content(html_text, page, config, files):
    count = 0

    def wrap(match):
        nonlocal count
        tag, attrs, inner = match.groups()
        count += 1
        id_match = re.search(r'\bid="([^"]+)"', attrs)
        if id_match:
            ident = id_match.group(1)
        else:
            ident = f"copy-{count}"
            attrs += f' id="{ident}"'
        return (
            f'<div class="copy-block"><{tag}{attrs}>{inner}</{tag}>'
            f'<button class="md-clipboard md-icon copy-button" type="button" '
            f'data-clipboard-target="#{ident}" title="复制这一段" aria-label="复制这一段"></button></div>'
        )

    html_text = COPYABLE.sub(wrap, html_text)
    html_text = ANNOTATED.sub(add_print_notes, html_text)
    return TASK_ITEM.sub(label_checkbox, html_text)


# Material keeps annotation notes in memory and mounts only those in view, so
# printing would lose most of them. A print-only copy of each note list goes
# after it, left out of the search index.
ANNOTATED = re.compile(r'(<(p|div)\b[^>]*\bclass="[^"]*\bannotate\b[^"]*"[^>]*>.*?</\2>\s*)(<ol>.*?</ol>)', re.S)


def add_print_notes(match):
    notes = match.group(3).replace("<ol>", '<ol class="print-notes" data-search-exclude>', 1)
    return match.group(1) + match.group(3) + "\n" + notes


# Checklist boxes: pymdownx.tasklist wraps each in an empty <label>, so screen
# readers announce "checkbox" with no name. Name it after its item's text.
TASK_ITEM = re.compile(r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
                       r'([^>]*>.*?</label>)(.*?)(?=</li>|<ul|<ol)', re.S)


def label_checkbox(match):
    text = html.unescape(re.sub(r"<[^>]+>", "", match.group(3))).strip()
    return f'{match.group(1)} aria-label="{html.escape(text[:120])}"{match.group(2)}{match.group(3)}'


# ---------------------------------------------------------------------------
# Generated files
# ---------------------------------------------------------------------------

CACHE = ROOT / ".cache" / "downloads"


JS = ROOT / "docs" / "assets" / "javascripts"


# model_download_paths() names the system-font variant "xitong"; FontSet.key says "system"
MODEL_FONTS = {"standard": "standard", "xitong": "system"}


def model_downloads() -> list[build_template.Download]:
    """The model reports' Word files (the site's 范文), kind "model": site path,
    the name the download button saves it under, and the font variant."""
    fonts = {f.key: f for f in (build_template.STANDARD, build_template.SYSTEM)}
    out = []
    for report in load("model_reports"):
        for variant, path in model_download_paths(report["id"]).items():
            f = fonts[MODEL_FONTS[variant]]
            out.append(build_template.Download(path, f"{_model_name(report)}{f.label}.docx", "model", f))
    return out


def served_downloads() -> list[build_template.Download]:
    """Every Word file the site serves: the templates, then the model reports."""
    return build_template.DOWNLOADS + model_downloads()


def formatted_documents(templates: dict[str, bytes]) -> dict[str, bytes]:
    """The model reports' Word files, written by the formatter (engine/docx-write.js,
    the writer behind 一键排版) on the template of each font variant, from the
    kinds the data gives."""
    by_fonts = {d.fonts.key: templates[d.path] for d in build_template.DOWNLOADS}
    out = {}
    for report in load("model_reports"):
        blocks = model_report_blocks(report)
        for variant, path in model_download_paths(report["id"]).items():
            out[path] = format_report.write_docx(by_fonts[MODEL_FONTS[variant]], blocks)
    return out


def word_documents() -> dict[str, bytes]:
    """Every Word download: the templates from build_template.py, the model
    reports (the 范文) from the formatter on them. Cached on disk by the hash
    of the inputs (the scripts, the writer and fflate, every data file,
    python-docx's version), so that a rebuild costs nothing."""
    import hashlib
    from importlib import metadata

    inputs = build_template.CODE_INPUTS + [ROOT / "scripts" / "format_report.py", JS / "vendor" / "fflate.js"]
    inputs += sorted(DATA.rglob("*.yml"))
    digest = hashlib.sha256(metadata.version("python-docx").encode())
    for path in inputs:
        digest.update(path.read_bytes())
    key = digest.hexdigest()[:20]
    folder = CACHE / key
    index = folder / "index.json"
    if index.is_file():
        return {path: (folder / path).read_bytes() for path in json.loads(index.read_text("utf-8"))}
    documents = build_template.build_documents()
    documents.update(formatted_documents(documents))
    for path, content in documents.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(content)
    index.write_text(json.dumps(sorted(documents)), "utf-8")  # written last: marks the entry complete
    return documents


def formatter_templates_script(documents: dict[str, bytes]) -> str:
    """report-templates.js for the 自查与排版 page: the template .docx of each
    font variant, base64, so that the page formats a draft on the very file
    the 模板下载 page offers, offline and without a request."""
    import base64

    paths = {d.fonts.key: d.path for d in build_template.DOWNLOADS}
    data = {key: base64.b64encode(documents[path]).decode("ascii") for key, path in sorted(paths.items())}
    return "var REPORT_DOCX_TEMPLATES = " + json.dumps(data) + ";\n"


def on_files(files, config):
    documents = word_documents()
    for path, content in documents.items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, "assets/javascripts/report-templates.js",
                                content=formatter_templates_script(documents)))
    # The same data object scripts/engine_host.py gives the engine in V8
    files.append(File.generated(config, "assets/javascripts/checker-data.js", content=engine_host.data_script()))
    # The engine's language knowledge (jieba words, pypinyin readings), for the same page and the CLI
    files.append(File.generated(config, "assets/javascripts/language-data.js",
                                content=build_language_data.language_data_script()))
    return files


def _offline(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def on_template_context(context, template_name, config):
    # MkDocs gives error pages absolute links, right for a server that serves
    # 404.html at any path. The offline bundle has no server: its 404.html is
    # only ever opened from disk, beside index.html, so link it relatively.
    if template_name == "404.html" and _offline(config):
        from mkdocs.utils import normalize_url

        context["base_url"] = "."
        context["extra_css"] = [normalize_url(path, None, ".") for path in config.extra_css]
        context["extra_javascript"] = [normalize_url(str(path), None, ".") for path in config.extra_javascript]
    return context


def on_serve(server, config, builder):
    # Data and build glue live outside docs/: watch them for live reload.
    server.watch(str(DATA))
    server.watch(str(ROOT / "scripts"))
    return server
