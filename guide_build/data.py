"""data/*.yml, read once per build: the one source of every list the site,
the Word files, the checker and the tests show."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from guide_build import DATA

# libyaml's parser where PyYAML has it: the same data, a tenth of the time
# (reading data/ was the largest item of a build's profile after search).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_LOADER)


@lru_cache(maxsize=None)
def load(name: str):
    return _read(DATA / f"{name}.yml")


def section_ids() -> list[str]:
    return [s["id"] for s in load("sections")]


@lru_cache(maxsize=None)
def section_data(section: str) -> dict:
    """data/sections/<id>.yml: notes, dos, patterns and models of one part."""
    data = _read(DATA / "sections" / f"{section}.yml") or {}
    return {key: data.get(key) or [] for key in ("notes", "dos", "patterns", "models")}


def forget() -> None:
    """Read the files again (`mkdocs serve` keeps modules between rebuilds)."""
    load.cache_clear()
    section_data.cache_clear()


# ---------------------------------------------------------------------------
# Complete model reports (data/model_reports.yml): one page each, copied whole,
# downloaded as Word files that the formatter makes at build time.
# ---------------------------------------------------------------------------

def model_report(report_id: str) -> dict:
    for report in load("model_reports"):
        if report["id"] == report_id:
            return report
    raise ValueError(f"unknown model report {report_id!r}")


def model_report_blocks(report: dict) -> list[dict]:
    """The report paragraph by paragraph, each with its kind in the engine's
    classification vocabulary (title, salutation, h1..h4, body, signature, date),
    so the .docx formatter can lay it out without guessing."""
    # A 考核登记表 个人总结 goes into the form's box: no title of its own.
    blocks = [{"kind": "title", "text": report["title"]}] if report.get("title") else []
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


def model_name(report: dict) -> str:
    """The name a model report's Word file is saved under, without the font label."""
    return f"{report['year']}年度{report['kind']}范文（{report['role'].split('（')[0]}）"
