#!/usr/bin/env python3
"""提交前自查在语料上的准确率：每条规则的检出数、对、错、准确率（precision）和召回率（recall）。

    python scripts/checker_corpus.py [--verbose] [--json] [--check]

语料在 tests/corpus/：每篇一个文本文件（.txt、.md 或 .docx）和同名的 .yml 说明，
格式见 tests/corpus/README.md。每篇都经命令行 scripts/check_report.py --format json
检查（和用户用的是同一个入口）；检查结果与 .yml 里标注的问题按“规则、行、文字”对应：

- 对（true）：与一处标注的问题规则相同、行相同、位置与标注的文字重叠；
- 错（false）：没有对应的标注（干净的稿子上的任何一条结果都是错的，提示也算）；
- 召回：标注的问题中被找到的比例。

--check：达不到目标（总准确率 ≥ 95%、召回率 ≥ 90%、每条规则准确率 ≥ 80%、
干净的稿子没有错误和警告）时以退出码 1 结束。
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import unicodedata

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
RULES = ROOT / "data" / "checker_rules.yml"
CLI = ROOT / "scripts" / "check_report.py"
TEXT_SUFFIXES = (".txt", ".md", ".docx")

TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90
TARGET_RULE_PRECISION = 0.80


def load_corpus(corpus: Path = CORPUS) -> list[dict]:
    """Every corpus entry: its sidecar fields plus ``path`` (the text file) and ``name``."""
    entries = []
    for meta in sorted(corpus.glob("*.yml")):
        texts = [p for p in meta.parent.glob(meta.stem + ".*") if p.suffix in TEXT_SUFFIXES]
        if len(texts) != 1:
            raise SystemExit(f"{meta}: 应有且只有一个同名的文本文件（{'、'.join(TEXT_SUFFIXES)}）")
        with open(meta, encoding="utf-8") as f:
            entry = yaml.safe_load(f)
        entry["name"] = meta.stem
        entry["path"] = texts[0]
        entry["flaws"] = entry.get("flaws") or []
        entries.append(entry)
    return entries


def rule_ids() -> list[str]:
    with open(RULES, encoding="utf-8") as f:
        return [r["id"] for r in yaml.safe_load(f)["rules"]]


def run_checker(entries: list[dict]) -> dict[str, list[dict]]:
    """name → findings, one CLI run per report year (--year applies to every file of a run)."""
    groups: dict[int | None, list[dict]] = defaultdict(list)
    for e in entries:
        groups[e["year"] if e.get("give_year", True) else None].append(e)
    out: dict[str, list[dict]] = {}
    for year, group in groups.items():
        cmd = [sys.executable, str(CLI), "--format", "json"]
        if year is not None:
            cmd += ["--year", str(year)]
        cmd += [str(e["path"]) for e in group]
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
        if proc.returncode not in (0, 1):
            raise SystemExit(f"检查器运行失败（退出码 {proc.returncode}）：{proc.stderr.strip()}")
        results = json.loads(proc.stdout)
        for e, res in zip(group, results):
            if res.get("error"):
                raise SystemExit(f"{e['path']}: {res['error']}")
            out[e["name"]] = res["findings"]
    return out


def lines_of(path: Path) -> list[str]:
    """The lines the checker numbers: a text file's lines, a .docx's paragraphs as the engine reads them."""
    if path.suffix == ".docx":
        try:
            sys.path.insert(0, str(ROOT / "scripts"))
            from engine_host import engine
        except ImportError:  # before the one engine: each paragraph's w:t text (insertions and hidden text too)
            import docx
            from docx.oxml.ns import qn
            body = docx.Document(str(path)).element.body
            return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
        doc = engine().read_docx(path.read_bytes())
        return engine().paragraphs_to_text(doc["paragraphs"]).split("\n")
    text = path.read_text(encoding="utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _overlaps(finding: dict, flaw: dict, lines: list[str]) -> bool:
    """Same rule, same line, and the finding's span touches the labelled text."""
    if finding["rule"] != flaw["rule"] or finding["line"] != flaw["line"]:
        return False
    text = flaw.get("text")
    if not text or not lines:
        return True
    line = lines[flaw["line"] - 1]
    start = finding["col"] - 1
    end = start + max(finding["length"], 0)
    pos = line.find(text)
    while pos >= 0:
        occ_end = pos + len(text)
        if (start < occ_end and pos < end) if end > start else (pos <= start <= occ_end):
            return True
        pos = line.find(text, pos + 1)
    return False


def match(entry: dict, findings: list[dict]) -> tuple[list[tuple[dict, dict | None]], list[dict]]:
    """Pairs (finding, flaw or None) and the flaws no finding found."""
    lines = lines_of(entry["path"])
    free = list(entry["flaws"])
    pairs = []
    for f in findings:
        hit = next((fl for fl in free if _overlaps(f, fl, lines)), None)
        if hit is not None:
            free.remove(hit)
        pairs.append((f, hit))
    return pairs, free


def evaluate(entries: list[dict] | None = None, results: dict | None = None) -> dict:
    entries = entries if entries is not None else load_corpus()
    results = results if results is not None else run_checker(entries)
    known = rule_ids()
    stats = {r: {"findings": 0, "true": 0, "false": 0, "labelled": 0, "found": 0} for r in known}
    false_findings, missed, clean_serious = [], [], []
    for e in entries:
        pairs, free = match(e, results[e["name"]])
        for fl in e["flaws"]:
            stats.setdefault(fl["rule"], {"findings": 0, "true": 0, "false": 0, "labelled": 0, "found": 0})
            stats[fl["rule"]]["labelled"] += 1
        for f, fl in pairs:
            s = stats.setdefault(f["rule"], {"findings": 0, "true": 0, "false": 0, "labelled": 0, "found": 0})
            s["findings"] += 1
            if fl is None:
                s["false"] += 1
                false_findings.append({"file": e["name"], **f})
            else:
                s["true"] += 1
                s["found"] += 1
            if e.get("clean") and f["level"] in ("错误", "警告"):
                clean_serious.append({"file": e["name"], **f})
        missed += [{"file": e["name"], **fl} for fl in free]
    for r, s in stats.items():
        s["implemented"] = r in known
        s["precision"] = s["true"] / s["findings"] if s["findings"] else None
        s["recall"] = s["found"] / s["labelled"] if s["labelled"] else None
    total = {k: sum(s[k] for s in stats.values()) for k in ("findings", "true", "false", "labelled", "found")}
    total["precision"] = total["true"] / total["findings"] if total["findings"] else None
    total["recall"] = total["found"] / total["labelled"] if total["labelled"] else None
    return {
        "texts": len(entries),
        "clean_texts": sum(1 for e in entries if e.get("clean")),
        "rules": stats,
        "total": total,
        "false_findings": false_findings,
        "missed": missed,
        "clean_serious": clean_serious,
    }


def failures(report: dict) -> list[str]:
    """The targets this report misses, in words."""
    out = []
    t = report["total"]
    if t["precision"] is not None and t["precision"] < TARGET_PRECISION:
        out.append(f"总准确率 {t['precision']:.1%} < {TARGET_PRECISION:.0%}")
    if t["recall"] is not None and t["recall"] < TARGET_RECALL:
        out.append(f"召回率 {t['recall']:.1%} < {TARGET_RECALL:.0%}")
    for r, s in report["rules"].items():
        if s["precision"] is not None and s["precision"] < TARGET_RULE_PRECISION:
            out.append(f"{r} 准确率 {s['precision']:.1%} < {TARGET_RULE_PRECISION:.0%}")
    if report["clean_serious"]:
        out.append(f"干净的稿子上有 {len(report['clean_serious'])} 条错误或警告")
    return out


def _width(s: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s, width: int, left: bool) -> str:
    s = str(s)
    fill = " " * (width - _width(s))
    return s + fill if left else fill + s


def _pct(x):
    return "—" if x is None else f"{x:.1%}"


def table(report: dict) -> str:
    rows = [("规则", "检出", "对", "错", "准确率", "标注", "找到", "召回率")]
    for r, s in report["rules"].items():
        name = r if s["implemented"] else f"{r}（未实现）"
        rows.append((name, s["findings"], s["true"], s["false"], _pct(s["precision"]),
                     s["labelled"], s["found"], _pct(s["recall"])))
    t = report["total"]
    rows.append(("合计", t["findings"], t["true"], t["false"], _pct(t["precision"]),
                 t["labelled"], t["found"], _pct(t["recall"])))
    widths = [max(_width(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = [f"语料 {report['texts']} 篇（其中干净的 {report['clean_texts']} 篇）", ""]
    for k, row in enumerate(rows):
        cells = [_pad(c, widths[i], i == 0) for i, c in enumerate(row)]
        lines.append("  ".join(cells))
        if k == 0 or k == len(rows) - 2:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def details(report: dict) -> str:
    out = []
    for f in report["false_findings"]:
        out.append(f"错  {f['file']}:{f['line']}:{f['col']} {f['level']} [{f['rule']}] {f['message']}")
    for fl in report["missed"]:
        out.append(f"漏  {fl['file']}:{fl['line']} [{fl['rule']}] {fl.get('text') or ''}")
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="提交前自查在 tests/corpus 上的准确率和召回率")
    parser.add_argument("--verbose", action="store_true", help="列出每条错报和漏报")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--check", action="store_true", help="达不到目标时退出码为 1")
    args = parser.parse_args(argv)
    report = evaluate()
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(table(report))
        if args.verbose and (report["false_findings"] or report["missed"]):
            print()
            print(details(report))
        missed = failures(report)
        print()
        print("目标：" + ("全部达到" if not missed else "未达到 — " + "；".join(missed)))
    return 1 if args.check and failures(report) else 0


if __name__ == "__main__":
    try:
        sys.stdout.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError):  # pragma: no cover
        pass
    sys.exit(main())
