"""Data → Markdown: ``{{ macro(arg) }}`` in a page becomes Markdown rendered
from data/*.yml, so every list lives in one place. guide_build.extension runs
these before any other Markdown processing; a macro that fails raises
MacroError, which fails the build (MkDocs and Zensical alike)."""

from __future__ import annotations

import html
import re

from guide_build import data, generated
from guide_build.data import load, model_report, model_report_length, model_report_lines, section_data, section_ids

# {{ name(arg) }} or {{ name(arg, arg) }}: arguments are words (ids, Chinese type names, numbers), separated by
# commas; between Chinese words the full-width comma the prose linter asks for: {{ usual_length(述职报告，县处级) }}.
MACRO = re.compile(r"\{\{\s*(\w+)\(\s*([\w+-]*(?:\s*[,，]\s*[\w+-]+)*)\s*\)\s*\}\}")
# What is left after expanding looks like a call the pattern above did not take ({{ patterns(a; b) }},
# {{patterns study}}): an error too, or the page would show it as literal text
MALFORMED = re.compile(r"\{\{[^{}\n]*\}\}")
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
    return "\n".join(dodont_lines(item) for item in section_data(section)["dos"])


def dodont_lines(item: dict) -> str:
    """One 不宜 / 宜 pair, side by side, and its reason."""
    return "\n".join([
        '<div class="grid dodont" markdown>', "",
        '!!! failure "不宜"', "", _indent(item["bad"].strip()), "",
        '!!! success "宜"', "", _indent(item["good"].strip()), "",
        "</div>", "",
        f'**理由：**{item["why"].strip()}', "{ .dodont-why }", ""])


def render_dodont(pair_id: str) -> str:
    """{{ dodont(id) }}: a 不宜 / 宜 pair of a language page or 年度更新 (data/page_dos.yml)."""
    for item in load("page_dos")["pairs"]:
        if item["id"] == pair_id:
            return dodont_lines(item)
    raise ValueError(f"no pair {pair_id!r} in data/page_dos.yml")


def render_revisions(_: str = "") -> str:
    """完整范文（批注版）'s 修改示范 (data/page_dos.yml revisions): 修改前 and 修改后 tabs, then why."""
    out = []
    for r in load("page_dos")["revisions"]:
        out += [f"### {r['title']}", "", '=== "修改前"', "", _indent(r["before"].strip()), "",
                '=== "修改后"', "", _indent(r["after"].strip()), "", '!!! info "为什么这样改"', ""]
        out += [f"    - {reason.strip()}" for reason in r["reasons"]]
        out.append("")
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


def render_house_rule(key: str) -> str:
    """One rule of data/house_rules.yml, as the sentence the pages show (inline)."""
    rule = load("house_rules")[key]
    words = "".join(f"“{w}”" for w in rule.get("words", []))
    return rule["rule"].strip().replace("{words}", words)


def render_campaign_wording(_: str = "") -> str:
    """How each rank writes the year's campaign (data/house_rules.yml campaign_wording)."""
    rule = load("house_rules")["campaign_wording"]
    out = [rule["rule"].strip(), "", "| 谁 | 与学习教育的关系 | 可以这样写 |", "| --- | --- | --- |"]
    out += [f"| {r['who']} | {r['note']}" + (f"；{r['organiser']}" if r.get("organiser") else "")
            + f" | {r['write']}…… |" for r in rule["ranks"]]
    return "\n".join(out) + "\n"


def render_campaign_note(rank: str, role: str = "") -> str:
    """{{ campaign_note(乡科级) }} or {{ campaign_note(乡科级，乡镇长) }}: a model's note on how its rank
    (and, within 乡科级, its post: who organises the campaign in a 乡镇 differs from a 部门) writes the
    year's campaign (data/house_rules.yml campaign_wording), the words the model uses, inline."""
    rule = load("house_rules")["campaign_wording"]
    for r in rule["ranks"]:
        if r["rank"] == rank:
            if r.get("roles") and role not in r["roles"]:
                raise ValueError(f"{rank} needs one of its roles {list(r['roles'])}, not {role!r}")
            if role and role not in (r.get("roles") or {}):
                raise ValueError(f"no role {role!r} under {rank}")
            said = f"{r['note']}；{r['roles'][role]}" if role else r["note"]
            return f"{said}，报告里写“{r['before'][0]}”{rule['campaign']}"
    raise ValueError(f"no rank {rank!r} in campaign_wording")


def render_length_table(_: str = "") -> str:
    """篇幅分配表 (data/lengths.yml): characters per part at each length, by
    report type, and the usual total by type and rank."""
    lengths = load("lengths")
    titles = {s["id"]: s["title"] for s in load("sections")}
    out = []
    for kind, tiers in lengths["allocation"].items():
        totals = list(tiers)
        out += [f"**{kind}**", "", "| 部分 | " + " | ".join(f"全文{t}字" for t in totals) + " |",
                "| --- |" + " --- |" * len(totals)]
        typed = next((t for t in checker_types() if t.get("length") == kind), None)
        # the type's own names (述责述廉: 履行全面从严治党责任; 述职述责述廉: 管党治党责任和廉洁自律), numbered in order
        names = dict(titles)
        if typed and typed.get("parts"):
            names = {"opening": titles["opening"]}
            for n, (pid, part) in enumerate(list(type_parts(typed["id"]).items())[1:-1], 1):
                names[pid] = f"{CN_NUM[n - 1]}、{part['name']}"
            names["closing"] = titles["closing"]
        for sid in names:
            out.append(f"| {names[sid]} | " + " | ".join(
                f"约{tiers[t][sid]}字（{round(100 * tiers[t][sid] / t)}%）" for t in totals) + " |")
        out.append("")
    out += ["**全文篇幅**", "", "| 报告类型 | 职级 | 常见篇幅 | 一般不短于、不长于 |", "| --- | --- | --- | --- |"]
    out += [f"| {row['type']} | {'、'.join(row['ranks'])} | {row['usual'][0]}～{row['usual'][1]}字 | "
            f"{row['range'][0]}～{row['range'][1]}字 |" for row in lengths["totals"]]
    return "\n".join(out) + "\n"


# Shares and lengths typed into a sentence: each from data, so a page never keeps its own copy
# (tests/test_rulebook.py fails on a share or length range typed into docs/).

def checker_type(key: str = "") -> dict:
    """A checker type (data/report_types.yml checker) by id or name; none given: the 述职 type."""
    types = checker_types()
    if not key:
        return types[0]
    for t in types:
        if key in (t["id"], t["name"]):
            return t
    raise ValueError(f"unknown report type {key!r}")


def type_parts(key: str = "") -> dict:
    """part id → {name, share} of a checker type, the opening and closing included (data/sections.yml)."""
    sections = {s["id"]: s for s in load("sections")}
    t = checker_type(key)
    out = {"opening": {"name": sections["opening"]["title"], "share": sections["opening"]["share"]}}
    for p in t.get("parts") or []:
        sec = sections.get(p.get("section"))
        out[p.get("section") or p["id"]] = {
            "name": p.get("name") or re.sub(r"^[一二三四五六七八九十]+、", "", sec["title"]),
            "share": p.get("share") or sec["share"]}
    out["closing"] = {"name": sections["closing"]["title"], "share": sections["closing"]["share"]}
    return out


def part_share(part: str, key: str = "") -> list[int]:
    """[low, high] share of a part (or parts joined by +, e.g. problems+measures) in a type."""
    parts = type_parts(key)
    lows, highs = zip(*(parts[p]["share"] for p in part.split("+")))
    return [sum(lows), sum(highs)]


def render_share(part: str, key: str = "") -> str:
    """{{ share(duty) }} → 35%～50%; {{ share(integrity, 述责述廉) }}; {{ share(problems+measures) }}."""
    lo, hi = part_share(part, key)
    return f"{lo}%～{hi}%"


def render_type_shares(part: str) -> str:
    """{{ type_shares(integrity) }}: the part's share in every type that has it."""
    out = []
    for t in checker_types():
        if t.get("structure") is False or part not in type_parts(t["id"]):
            continue
        out.append(f"{t['name']}{render_share(part, t['id'])}")
    if not out:
        raise ValueError(f"no type has part {part!r}")
    return "，".join(out)


def length_kind(key: str) -> str:
    """A length table type (data/lengths.yml, e.g. 述职报告) from itself or a checker type."""
    kinds = {row["type"] for row in load("lengths")["totals"]}
    if key in kinds:
        return key
    kind = checker_type(key).get("length")
    if not kind:
        raise ValueError(f"report type {key!r} has no length")
    return kind


def render_usual_length(key: str, rank: str) -> str:
    """{{ usual_length(述职报告, 县处级) }} → 2500～5000字 (data/lengths.yml totals usual)."""
    kind = length_kind(key)
    rows = [r for r in load("lengths")["totals"] if r["type"] == kind and rank in r["ranks"]]
    if len(rows) != 1:
        raise ValueError(f"no single length row for {kind} {rank}")
    lo, hi = rows[0]["usual"]
    return f"{lo}～{hi}字"


def render_part_length(part: str, total: str, key: str = "述职报告") -> str:
    """{{ part_length(duty, 3000) }} → 约1350字 (data/lengths.yml allocation)."""
    tiers = load("lengths")["allocation"][length_kind(key)]
    return f"约{tiers[int(total)][part]}字"


def render_advice(section: str) -> str:
    """The section's key advice: the same words the Word template puts in a 批注."""
    sec = next(s for s in load("sections") if s["id"] == _check_section(section))
    return f'!!! tip "要点（模板中的批注也是这段话）"\n\n{_indent(sec["advice"].strip())}\n'


def render_checker_rules() -> str:
    """The checker's rule list as a Markdown table (data/checker_rules.yml)."""
    cfg = load("checker_rules")
    out = ["| 类别 | 级别 | 规则 | 检查什么 | 编号 |", "| --- | --- | --- | --- | --- |"]
    for r in cfg["rules"]:
        level = r["level"] + (f"（未指定年度时为{r['level_without_year']}）" if r.get("level_without_year") else "")
        cells = [r["group"], level, r["title"], r["description"].strip(), f"`{r['id']}`"]
        out.append("| " + " | ".join(str(c).replace("|", "｜").replace("\n", " ") for c in cells) + " |")
    return "\n".join(out) + "\n"


# Complete model reports (data/model_reports.yml): one page each, copied whole,
# with the Word files the pre-build step generates (guide_build.generated).

def render_downloads(fonts: str) -> str:
    """模板下载: every Word file of one font variant (standard | system), the template
    first, each a button with the name it saves under and its size, from the files
    the pre-build step makes (guide_build/generated.py): a new 范文 is listed by itself."""
    from guide_build import generated

    documents = generated.word_documents()
    out = []
    for d in generated.served_downloads():
        if d.fonts.key != fonts:
            continue
        classes = ".md-button .md-button--primary" if d.kind == "template" else ".md-button"
        kb = max(1, round(len(documents[d.path]) / 1024))
        out += [f'[下载 {d.filename}]({d.path}){{ {classes} download="{d.filename}" }} 约{kb} KB', ""]
    if not out:
        raise ValueError(f"no downloads for fonts {fonts!r}")
    return "\n".join(out)


def render_checklist(_: str = "") -> str:
    """自查清单 (data/checklist.yml): a heading per group, a task item per check; the items the
    checker also looks at say so."""
    out = []
    for group in load("checklist")["groups"]:
        out += [f"## {group['name']}", ""]
        for item in group["items"]:
            text = item.get("text") or render_house_rule(item["house_rule"])
            out.append(f"- [ ] {text.strip()}" + ("（自查工具会提示）" if item.get("checker") else ""))
        out.append("")
    return "\n".join(out)


def checker_types() -> list[dict]:
    """The report types the checker knows (data/report_types.yml, each entry's checker list), as the checker reads them."""
    return generated.engine_host.default_data()["types"]


def render_report_type_names(_: str = "") -> str:
    return "、".join(t["name"] for t in checker_types())


def type_check_line(entry: dict) -> list[str]:
    """For 报告类型: how 自查与排版 checks this type (its parts and shares, its length)."""
    sections = {s["id"]: s for s in load("sections")}
    lengths = load("lengths")
    out = []
    for c in entry.get("checker") or []:
        if c.get("structure") is False:
            parts = "不分部分"
        else:
            named = []
            for p in c["parts"]:
                sec = sections.get(p.get("section"))
                name = p.get("name") or re.sub(r"^[一二三四五六七八九十]+、", "", sec["title"])
                share = p.get("share") or sec["share"]
                named.append(f"{name}（{share[0]}%～{share[1]}%）")
            parts = "、".join(named)
        rows = [r for r in lengths["totals"] if c.get("length") and r["type"] == c["length"]]
        size = "，".join(f"{'、'.join(r['ranks'])}{r['range'][0]}～{r['range'][1]}字" for r in rows)
        out.append(f"- **{c['name']}**：{parts}" + (f"；全文一般不短于、不长于：{size}" if size else "") + "。")
    if not out:
        return []
    return ["", "**自查怎样检查：**在[自查与排版](checker.md)选这个报告类型（命令行 `--type`），或标题写明，就按下面的结构和篇幅检查：", ""] + out


def render_model_downloads(report: dict) -> str:
    paths = generated.model_download_paths(report["id"])
    missing = [p for p in paths.values() if not generated.is_generated(p)]
    if missing:
        raise ValueError(f"these Word files were not generated: {', '.join(missing)} "
                         "(the pre-build step python -m guide_build.generated writes them)")
    name = data.model_name(report)
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
    out += [f'<p class="report-{block["kind"]}">{html.escape(block["text"])}</p>' for block in data.model_report_blocks(report)]
    out += ["</div>", ""]
    return "\n".join(out)


def render_model_index(_: str = "") -> str:
    """Table of the complete model reports."""
    out = ["| 范文 | 适用 | 文种 | 字数 |", "| --- | --- | --- | --- |"]
    for r in load("model_reports"):
        name = r["title"] or f"{r['year']}年度{r['kind']}"
        out.append(f"| [{name}]({r['id']}.md) | {r['role']} | {r['kind']} | 约{round(model_report_length(r), -2)}字 |")
    return "\n".join(out) + "\n"


def render_type_name_rule(_: str = "") -> str:
    """述职述廉 or 述责述廉: which structure a notice's name means and which type to check it as
    (data/report_types.yml, the 述责述廉 type's name_rule), said once."""
    return generated.engine_host.type_name_rule()   # the CLI's --type help says the same


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
        if t.get("name_rule"):
            out += ["", f"**{t['name_rule']['title']}：**{html.escape(t['name_rule']['text'].strip(), quote=False)}"]
        out += type_check_line(t)
        out += ["", '??? example "提纲示例"', ""]
        out += [f"    {html.escape(line, quote=False)}" + ("" if n == len(t["outline"]) else "<br>")
                for n, line in enumerate(t["outline"], 1)]
        out.append("")
        if t.get("notice"):
            out += [f'!!! note "{t["notice"]["title"]}"', "", _indent(t["notice"]["text"].strip()), ""]
        out += [render_copyable_sample(sample) for sample in t.get("samples") or []]
    return "\n".join(out)


def render_huanjie(_: str = "") -> str:
    """Who writes a line on 换届纪律 (data/huanjie.yml), under the notice as
    data/formulations.yml names it, with copyable sentences."""
    notice = next(f for f in load("formulations") if f["term"] == "换届纪律")
    data_ = load("huanjie")
    out = [f"{notice['note'].split('，')[0]}，{notice['source']}列出十条换届纪律（全文见"
           "[年度更新](updates.md#党政主要负责人述法意识形态工作和换届纪律)）。年度述职报告里要不要写、写多少，本指南的建议是：", ""]
    out += [f"- **{w['who']}**" + (f"（{w['scope']}）" if w["scope"] else "") + f"：{w['write']}" for w in data_["who"]]
    out += ["", "一句就够，不逐条抄录十条“严禁”；写的是本人怎么做的，不写“坚决拥护”一类表态。"
            "述职要求以本级组织部门的通知为准。下面两句可以复制后改写：", ""]
    for sentence in data_["samples"]:
        out += [html.escape(sentence.strip(), quote=False), "{ .copy .model }", ""]
    return "\n".join(out)


def render_copyable_sample(sample: dict) -> str:
    """An example box: each paragraph copyable, one button for all, then its note."""
    paras = [p.strip() for p in sample["paragraphs"]]
    out = [f'!!! example "{sample["title"]}"', ""]
    for para in paras:
        out += ["    " + html.escape(para, quote=False), "    { .copy .model }", ""]
    if len(paras) > 1:
        whole = html.escape("\n".join(paras), quote=True).replace("\n", "&#10;")
        out += [f'    <button class="md-button copy-all" type="button" data-clipboard-text="{whole}">'
                f"复制全部{len(paras)}段</button>", ""]
    if sample.get("note"):
        out += ["    " + sample["note"].strip(), "    { .model-note }", ""]
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


def render_sectors(_: str = "") -> str:
    """县直部门 by sector (data/sectors.yml): titles, indicators, data period,
    current wording with its source, 廉洁 risks and one copyable paragraph."""
    titles = {s["id"]: s["title"] for s in load("sections")}
    out = ["| 行业 | 职务的写法 |", "| --- | --- |"]
    out += [f"| [{c['name']}](#{c['id']}) | {c['titles'][0]} |" for c in load("sectors")]
    out.append("")
    for c in load("sectors"):
        out += [f"## {c['name']}（{c['topics']}） {{ #{c['id']} }}", "", "**职务怎么写：**", ""]
        out += [f"- {item}" for item in c["titles"]]
        out += ["", "**评审的人看什么：**", ""]
        out += [f"- {html.escape(item, quote=False)}" for item in c["indicators"]]
        out += ["", f"**数据口径：**{c['period'].strip()}", "", "**本行业的提法和出处：**", "",
                "| 提法 | 出处 |", "| --- | --- |"]
        out += [f"| {html.escape(w['text'], quote=False)} | {html.escape(w['source'], quote=False)} |"
                for w in c["wording"]]
        out += ["", "**局一级的廉洁风险点：**", ""]
        out += [f"- {html.escape(item, quote=False)}" for item in c["risks"]]
        model = c["model"]
        out += ["", f'!!! example "示例段落（用于：{titles[_check_section(model["section"])]}）"', "",
                "    " + html.escape(model["text"].strip(), quote=False), "    { .copy .model }", ""]
    return "\n".join(out)


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
    out += ["", f"按每分钟{rate}字计，本指南的{len(load('model_reports'))}篇完整范文念完分别需要：", ""]
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
    "dodont": render_dodont,
    "revisions": render_revisions,
    "formulations": render_formulations,
    "skeleton": render_skeleton,
    "advice": render_advice,
    "example_shares": render_example_shares,
    "house_rule": render_house_rule,
    "campaign_wording": render_campaign_wording,
    "campaign_note": render_campaign_note,
    "length_table": render_length_table,
    "checker_rules": lambda _: render_checker_rules(),
    "model_report": render_model_report,
    "model_index": render_model_index,
    "report_types": render_report_types,
    "huanjie": render_huanjie,
    "role": render_role,
    "role_index": render_role_index,
    "sectors": render_sectors,
    "oral_budget": render_oral_budget,
    "oral_example": render_oral_example,
    "checklist": render_checklist,
    "downloads": render_downloads,
    "report_type_names": render_report_type_names,
    "type_name_rule": render_type_name_rule,
    "share": render_share,
    "type_shares": render_type_shares,
    "usual_length": render_usual_length,
    "part_length": render_part_length,
}


class MacroError(ValueError):
    """A macro that is unknown or cannot render: the build stops on it."""


def expand_macros(markdown: str, where: str = "") -> str:
    """Every macro call in a page replaced by its Markdown. `where` names the
    page in the error (MkDocs names it too: "Error reading page …")."""
    prefix = f"{where}: " if where else ""

    def expand(match):
        name, args = match.group(1), [a.strip() for a in re.split("[,，]", match.group(2))]
        if name not in MACROS:
            raise MacroError(f"{prefix}unknown macro {match.group(0)}")
        try:
            return MACROS[name](*args)
        except (ValueError, KeyError, StopIteration, TypeError) as e:
            raise MacroError(f"{prefix}{match.group(0)} failed: {e!r}") from e

    expanded = MACRO.sub(expand, markdown)
    left = MALFORMED.search(expanded)
    if left:
        raise MacroError(f"{prefix}malformed macro {left.group(0)} (write {{{{ name(argument) }}}})")
    return expanded
