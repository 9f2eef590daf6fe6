"""提交前自查在 tests/corpus 上的准确率和召回率（issue 10 §3）。"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import checker_corpus  # noqa: E402
from checker_corpus import evaluate, failures, load_corpus, rule_ids  # noqa: E402

ENTRIES = load_corpus()


@pytest.fixture(scope="module")
def report():
    return evaluate(ENTRIES)


def test_corpus_size_and_spread():
    assert len(ENTRIES) >= 30
    clean = [e for e in ENTRIES if e["clean"]]
    flawed = [e for e in ENTRIES if not e["clean"]]
    assert len(clean) >= 10 and len(flawed) >= 10
    assert {e["year"] for e in clean} >= set(range(2021, 2027)), "clean reports of every year 2021–2026"
    assert len({e["role"] for e in clean}) >= 8, "clean reports of several roles"
    assert sum(1 for e in clean if len("".join(checker_corpus.lines_of(e["path"]))) > 1500) >= 4, "complete reports"
    assert any(e["path"].suffix == ".docx" for e in clean) and any(e["path"].suffix == ".docx" for e in flawed)
    for e in clean:
        assert e["flaws"] == [], e["name"]
    for e in flawed:
        assert e["flaws"], f"{e['name']}: a flawed text states its flaws"
        assert e["name"].startswith("f") and e["name"][1:3].isdigit()


def test_labels_point_at_their_text():
    for e in ENTRIES:
        lines = checker_corpus.lines_of(e["path"])
        for fl in e["flaws"]:
            assert set(fl) == {"rule", "line", "text"}, (e["name"], fl)
            assert 1 <= fl["line"] <= len(lines), (e["name"], fl)
            if fl["text"] is not None:
                assert fl["text"] in lines[fl["line"] - 1], (e["name"], fl)


def test_every_rule_is_exercised_and_every_label_names_a_rule():
    labelled = {fl["rule"] for e in ENTRIES for fl in e["flaws"]}
    known = set(rule_ids())
    assert known - labelled == set(), "every rule has a labelled flaw in the corpus"
    assert labelled - known == set()


def test_clean_texts_have_no_errors_or_warnings(report):
    assert report["clean_serious"] == []


def test_precision_and_recall_targets(report):
    assert failures(report) == [], checker_corpus.details(report)


def test_matching_counts_a_finding_once():
    """Two findings on one labelled flaw: one true, one false; an unlabelled finding is false."""
    entry = {"name": "x", "path": ROOT / "tests" / "corpus" / "f12-2022-punctuation.txt",
             "flaws": [{"rule": "ellipsis", "line": 3, "text": "..."}], "clean": False}
    line = entry["path"].read_text(encoding="utf-8").split("\n")[2]
    col = line.index("...") + 1
    f = {"rule": "ellipsis", "level": "警告", "line": 3, "col": col, "length": 3, "message": "", "suggestion": ""}
    other = dict(f, col=1, length=1)
    r = evaluate([entry], {"x": [f, dict(f), other]})
    s = r["rules"]["ellipsis"]
    assert (s["findings"], s["true"], s["false"], s["found"]) == (3, 1, 2, 1)
