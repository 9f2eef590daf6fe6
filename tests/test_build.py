"""The build itself: strict means strict, macros fail loudly, the generated
files are rewritten only when they change, imports go one way (data →
documents → site), and the hook holds only what MkDocs alone does."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from conftest import PYTHON, ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from guide_build import generated  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@pytest.fixture
def one_page_config(tmp_path):
    """A config beside mkdocs.yml (custom_dir and hooks resolve against it) that
    inherits `parent` and builds one page from a folder in tmp_path."""
    made = []

    def make(parent: str, page: str):
        docs = tmp_path / "docs"
        docs.mkdir()
        (docs / "index.md").write_text(page, "utf-8")
        config = ROOT / f".test-build-{os.getpid()}-{len(made)}.yml"
        config.write_text(f"INHERIT: {parent}\ndocs_dir: {docs}\nnav:\n  - index.md\n", "utf-8")
        made.append(config)
        return config

    yield make
    for config in made:
        config.unlink()


def test_offline_build_fails_on_a_warning(one_page_config, tmp_path):
    """build_offline.py runs mkdocs build --strict without -q, which hid the
    warnings from --strict: a broken link passed."""
    config = one_page_config("mkdocs-offline.yml", "# 测试\n\n[断链](no-such-page.md)\n")
    result = subprocess.run([PYTHON, str(ROOT / "scripts" / "build_offline.py"), "--dist", str(tmp_path / "dist"),
                             "--config", str(config)], cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr and "离线包构建失败" in result.stderr
    assert not (tmp_path / "dist" / "guide-offline.zip").exists()


@pytest.mark.parametrize("call", ["{{ patterns(no-such-section) }}", "{{ no_such_macro() }}",
                                  "{{ patterns(study; duty) }}", "{{patterns study}}"])
def test_a_macro_error_fails_the_build_even_without_strict(one_page_config, tmp_path, call):
    config = one_page_config("mkdocs.yml", f"# 测试\n\n{call}\n")
    result = subprocess.run([PYTHON, "-m", "mkdocs", "build", "-f", str(config), "-d", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert result.returncode != 0
    assert "Error reading page 'index.md'" in result.stderr and call in result.stderr


def test_generated_files_are_written_only_when_they_change(tmp_path):
    docs = tmp_path / "docs"
    first = generated.write(docs)
    assert sorted(first) == sorted([d.path for d in generated.served_downloads()]
                                   + [generated.CHECKER_DATA, generated.REPORT_TEMPLATES, generated.LANGUAGE_DATA])
    stamps = {p: (docs / p).stat().st_mtime_ns for p in first}
    assert generated.write(docs) == []
    assert {p: (docs / p).stat().st_mtime_ns for p in first} == stamps
    # a changed file is put right, a Word file no longer generated goes
    (docs / generated.CHECKER_DATA).write_text("var GUIDE_CHECKER_DATA = {};\n", "utf-8")
    (docs / "downloads" / "old-name.docx").write_bytes(b"PK")
    assert sorted(generated.write(docs)) == sorted([generated.CHECKER_DATA, "downloads/old-name.docx"])
    assert not (docs / "downloads" / "old-name.docx").exists()
    script = (docs / generated.CHECKER_DATA).read_text("utf-8")
    assert json.loads(re.fullmatch(r"var GUIDE_CHECKER_DATA = (.*);\n", script, re.S).group(1))["rules"]["rules"]


def _project_imports() -> dict[str, set[str]]:
    """Module → the project's modules it imports (at any depth in the file)."""
    files = {p.stem: p for p in (ROOT / "scripts").glob("*.py")}
    files |= {f"guide_build.{p.stem}": p for p in (ROOT / "guide_build").glob("*.py") if p.stem != "__init__"}
    graph = {}
    for name, path in files.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
                found |= {f"{node.module}.{a.name}" for a in node.names}
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def test_imports_go_one_way():
    graph = _project_imports()
    # data → documents → site: the Word and engine scripts know nothing of the site
    for documents in ("build_template", "format_report", "engine_host", "check_report"):
        assert not {m for m in graph[documents] if m.startswith("guide_build") or m == "mkdocs_hooks"}, documents
    assert "mkdocs_hooks" not in set().union(*graph.values())
    assert graph["guide_build.data"] == set()
    # and no circle anywhere
    def visit(node, path):
        assert node not in path, " → ".join(path + [node])
        for nxt in graph[node]:
            visit(nxt, path + [node])
    for node in graph:
        visit(node, [])


def test_the_hook_holds_only_what_mkdocs_alone_does():
    tree = ast.parse((ROOT / "scripts" / "mkdocs_hooks.py").read_text("utf-8"))
    events = {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("on_")}
    assert events == {"on_startup", "on_pre_build", "on_post_build", "on_template_context", "on_serve"}
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert re.search(r"^  - guide_build\.extension$", config, re.M)


def test_search_segmentation_cache_gives_the_same_cuts_without_loading_jieba(tmp_path, monkeypatch, site_dir):
    import jieba
    import mkdocs_hooks

    monkeypatch.setattr(mkdocs_hooks, "CACHE", tmp_path)
    words = yaml.safe_load((ROOT / "data" / "search_words.yml").read_text("utf-8"))["words"]
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    texts = sorted({run for doc in index["docs"][:40]
                    for run in re.findall(r"[\u4e00-\u9fff]+", (doc["title"] + doc["text"]).replace("\u200b", ""))})
    assert len(texts) > 200
    cold = mkdocs_hooks.FineSegmenter(jieba, words)
    cuts = {t: list(cold.cut(t.encode("utf-8"))) for t in texts}
    assert cold._ready and all("".join(cut) == t for t, cut in cuts.items())
    assert any(cuts[t] != [t] for t in texts)
    cold.save()
    warm = mkdocs_hooks.FineSegmenter(jieba, words)
    assert {t: list(warm.cut(t.encode("utf-8"))) for t in texts} == cuts
    assert not warm._ready          # jieba's dictionary never loaded
    warm.cut("从未见过的一段话".encode("utf-8"))
    assert warm._ready
