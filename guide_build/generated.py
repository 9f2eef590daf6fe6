"""The files the site serves that git does not hold, in one place.

- The Word downloads: the templates (scripts/build_template.py) and the model
  reports, the 范文 (formatted on those templates by engine/docx-write.js, the writer
  behind 一键排版, through scripts/format_report.py).
- assets/javascripts/checker-data.js: the rules data, as scripts/engine_host.py
  gives it to the engine in V8.
- assets/javascripts/report-templates.js: the templates, base64, so that the
  自查与排版 page formats a draft on the very file the 模板下载 page offers.
- assets/javascripts/language-data.js: the checker's language knowledge (jieba's
  words and parts of speech, pypinyin's readings, pycorrector's and char-similar's look-alike
  characters: scripts/build_language_data.py).

The pre-build step writes them into git-ignored paths of docs/ (see .gitignore),
where MkDocs and Zensical alike find them, and rewrites a file only when its
bytes change, so `mkdocs serve` does not rebuild in a loop:

    python -m guide_build.generated              # before `python -m zensical build`
    python -m guide_build.generated --out build/ # every Word file, for a look in Word

The MkDocs hook runs the same step in on_pre_build. The Word files take
python-docx and V8 some seconds, so they are cached by the hash of their inputs
in .build-cache/word/.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from guide_build import CACHE, DATA, DOCS, ROOT, data

import engine_host  # noqa: E402  (scripts/, see guide_build/__init__.py; light: V8 starts only when used)

# build_template and format_report (python-docx, lxml) are imported where the
# Word files are made or listed: a build whose Word files are cached spends no
# fifth of a second importing them.
SCRIPTS = ROOT / "scripts"
WORD_CACHE = CACHE / "word"
JS = DOCS / "assets" / "javascripts"
CHECKER_DATA = "assets/javascripts/checker-data.js"
REPORT_TEMPLATES = "assets/javascripts/report-templates.js"
LANGUAGE_DATA = "assets/javascripts/language-data.js"
DOWNLOADS_DIR = "downloads"

# model_download_paths() names the system-font variant "xitong"; FontSet.key says "system"
MODEL_FONTS = {"standard": "standard", "xitong": "system"}


def model_download_paths(report_id: str) -> dict[str, str]:
    """Site paths of a model report's Word files: standard and system-font."""
    return {"standard": f"{DOWNLOADS_DIR}/fanwen-{report_id}.docx",
            "xitong": f"{DOWNLOADS_DIR}/fanwen-{report_id}-xitong.docx"}


def model_downloads() -> list[build_template.Download]:
    """The model reports' Word files (the site's 范文), kind "model": site path,
    the name the download button saves it under, and the font variant."""
    import build_template

    fonts = {f.key: f for f in (build_template.STANDARD, build_template.SYSTEM)}
    out = []
    for report in data.load("model_reports"):
        for variant, path in model_download_paths(report["id"]).items():
            f = fonts[MODEL_FONTS[variant]]
            out.append(build_template.Download(path, f"{data.model_name(report)}{f.label}.docx", "model", f))
    return out


def served_downloads() -> list[build_template.Download]:
    """Every Word file the site serves: the templates, then the model reports."""
    import build_template

    return build_template.DOWNLOADS + model_downloads()


def formatted_documents(templates: dict[str, bytes]) -> dict[str, bytes]:
    """The model reports' Word files, written by the formatter on the template
    of each font variant, from the kinds the data gives."""
    import build_template
    import format_report

    by_fonts = {d.fonts.key: templates[d.path] for d in build_template.DOWNLOADS}
    out = {}
    for report in data.load("model_reports"):
        blocks = data.model_report_blocks(report)
        for variant, path in model_download_paths(report["id"]).items():
            out[path] = format_report.write_docx(by_fonts[MODEL_FONTS[variant]], blocks)
    return out


def _word_inputs() -> list[Path]:
    """What the Word files are made from: the scripts, every tracked script of
    the engine (the writer, the classifier, fflate) and every data file."""
    scripts = [SCRIPTS / "build_template.py", SCRIPTS / "format_report.py", SCRIPTS / "engine_host.py"]
    generated = {JS / Path(CHECKER_DATA).name, JS / Path(REPORT_TEMPLATES).name}
    engine = [p for p in sorted(JS.rglob("*.js")) if p not in generated]  # build_template.CODE_INPUTS among them
    return scripts + engine + sorted(DATA.rglob("*.yml"))


def _cached_word_documents() -> tuple[dict[str, bytes], dict[str, str]]:
    """Every Word download (the templates from build_template.py, the model
    reports on them from the formatter), and the template's path for each font
    variant. Cached on disk by the hash of the inputs and python-docx's
    version, so that a rebuild costs nothing."""
    digest = hashlib.sha256(b"index 2\0" + metadata.version("python-docx").encode())
    for path in _word_inputs():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    folder = WORD_CACHE / digest.hexdigest()[:20]
    index = folder / "index.json"
    if index.is_file():
        entry = json.loads(index.read_text("utf-8"))
        return {path: (folder / path).read_bytes() for path in entry["files"]}, entry["templates"]
    import build_template

    documents = build_template.build_documents()
    documents.update(formatted_documents(documents))
    templates = {d.fonts.key: d.path for d in build_template.DOWNLOADS}
    # Each file replaced whole, the index last (it marks the entry complete): two builds at once
    # (the test workers) write the same bytes, and neither reads the other's half-written file.
    for path, content in documents.items():
        _write_if_changed(folder / path, content)
    _write_if_changed(index, json.dumps({"files": sorted(documents), "templates": templates}).encode("utf-8"))
    return documents, templates


def word_documents() -> dict[str, bytes]:
    """Site path → bytes of every Word download."""
    return _cached_word_documents()[0]


def formatter_templates_script(documents: dict[str, bytes], paths: dict[str, str]) -> str:
    """report-templates.js: the template .docx of each font variant, base64."""
    scripts = {key: base64.b64encode(documents[path]).decode("ascii") for key, path in sorted(paths.items())}
    return "var REPORT_DOCX_TEMPLATES = " + json.dumps(scripts) + ";\n"


def generated_files() -> dict[str, bytes]:
    """Site path → bytes of every generated file, read fresh from data/."""
    data.forget()
    engine_host.default_data.cache_clear()
    documents, templates = _cached_word_documents()
    files = dict(documents)
    files[REPORT_TEMPLATES] = formatter_templates_script(documents, templates).encode("ascii")
    files[CHECKER_DATA] = engine_host.data_script().encode("utf-8")
    from build_language_data import language_data_script   # jieba's words and pypinyin's readings, cached

    files[LANGUAGE_DATA] = language_data_script().encode("utf-8")
    return files


def _write_if_changed(target: Path, content: bytes) -> bool:
    try:
        if target.read_bytes() == content:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".generated-")
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    os.chmod(tmp, 0o644)  # mkstemp's 0600 would follow the file into site/
    os.replace(tmp, target)  # a watcher never sees half a file
    return True


def write(docs: Path = DOCS) -> list[str]:
    """The pre-build step: every generated file into docs/, each only if its
    bytes changed; Word files no longer generated are removed. Returns the
    site paths written or removed."""
    files = generated_files()
    changed = [path for path, content in files.items() if _write_if_changed(docs / path, content)]
    for stale in sorted((docs / DOWNLOADS_DIR).glob("*.docx")):
        path = stale.relative_to(docs).as_posix()
        if path not in files:
            stale.unlink()
            changed.append(path)
    return changed


def is_generated(path: str, docs: Path = DOCS) -> bool:
    """Whether the pre-build step has written this site path (a macro linking
    a download asks, so that a build without the step fails, not links nowhere)."""
    return (docs / path).is_file()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m guide_build.generated", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path,
                        help="write only the Word files, into this folder (default: everything into docs/)")
    parser.add_argument("--chinese-names", action="store_true",
                        help="with --out: name the files as the download buttons do (述职报告模板.docx …)")
    args = parser.parse_args(argv)
    if args.out is None:
        changed = write()
        print(f"生成的文件：{len(changed)}个有变化" + ("：" + "、".join(changed) if changed else "，未改写"))
        return 0
    names = {d.path: d.filename for d in served_downloads()}
    for path, content in word_documents().items():
        target = args.out / (names[path] if args.chinese_names else Path(path).name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        print(f"{target}  {len(content)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
