"""The one Python host of the JavaScript engine (docs/assets/javascripts/engine/*.js).

It loads, into one V8 context (PyPI package mini-racer), what the 自查与排版
page loads, in the same order: mkdocs.yml extra.engine_scripts (vendor/fflate.js,
the rules data the site embeds as checker-data.js, the engine's files), and on
demand the .docx writer (extra.formatter_scripts). Python scripts
(check_report.py, the formatter, build scripts) call the engine through it:

    from engine_host import engine, ReadError
    findings = engine().check("草稿全文", year=2026)
    kinds = engine().classify([{"text": "一、加强学习"}])
    doc = engine().read_docx(Path("报告.docx").read_bytes())   # raises ReadError

Bytes cross as latin-1 strings (bytes.decode("latin-1") / str.encode("latin-1")).
"""

from __future__ import annotations

import asyncio
import atexit
import json
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
JS = ROOT / "docs" / "assets" / "javascripts"
DOCS = ROOT / "docs"
# Scripts the build generates (their content comes from Python, not from a file)
GENERATED = {"assets/javascripts/checker-data.js", "assets/javascripts/report-templates.js",
             "assets/javascripts/language-data.js"}


class GeneratedScript(type(Path())):
    """A generated script's place in docs/ (where the site serves it); read_text() generates it
    (scripts/build_language_data.py for language-data.js, cached on disk by package versions)."""

    def read_text(self, encoding=None, errors=None):
        if self.name == "language-data.js":
            from build_language_data import language_data_script

            return language_data_script()
        raise FileNotFoundError(self)


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """mkdocs.yml as plain data: its !ENV and !!python tags read as None (libyaml's parser when PyYAML
    has it: the pure-Python one takes a tenth of a second's share of every command's start)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _config_extra() -> dict:
    """mkdocs.yml's extra section (read once: both script lists come from it)."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        return yaml.load(f, Loader=_ConfigLoader)["extra"]


_EXTRA = _config_extra()


# What the page loads, in the page's order (mkdocs.yml extra.engine_scripts; None: the rules data)
SCRIPTS = [None if s == "assets/javascripts/checker-data.js" else GeneratedScript(DOCS / s) if s in GENERATED
           else DOCS / s for s in _EXTRA["engine_scripts"]]
# The .docx writer, loaded on demand after the engine (the templates come as an argument, not as a script)
FORMATTER_SCRIPTS = [DOCS / s for s in _EXTRA["formatter_scripts"] if s not in GENERATED]

# Calls go through one JS function, so that a ReadError thrown by the engine
# arrives as a value (with its Chinese message) and results cross as one JSON string.
_CALL = r"""
globalThis.__engineHostCall = function (name, args) {
  var fn = globalThis, self = null, path = name.split("."), result;
  for (var i = 0; i < path.length; i++) { self = fn; fn = fn == null ? undefined : fn[path[i]]; }
  if (typeof fn !== "function") return JSON.stringify({ failed: "no function " + name });
  try { result = fn.apply(self, args); }
  catch (e) { return JSON.stringify(e && e.name === "ReadError" ? { readError: e.message } : { failed: String(e && e.stack || e) }); }
  return JSON.stringify({ ok: result === undefined ? null : result });
};
"""


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class ReadError(Exception):
    """An input the engine cannot read; the message is for the user, in Chinese."""


class EngineError(RuntimeError):
    """A bug: the engine threw something other than a ReadError."""


def _read_yaml(path: Path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=1)
def default_data() -> dict:
    """The rules data, as the site embeds it (checker-data.js) and the CLI loads it."""
    return {
        "rules": _read_yaml(DATA / "checker_rules.yml"),
        "formulations": _read_yaml(DATA / "formulations.yml") or [],
        "sections": _read_yaml(DATA / "sections.yml"),
        "typos": _read_yaml(DATA / "typos.yml"),
        # the guide's own writing rules, the report types' structures and the length table
        "house": _read_yaml(DATA / "house_rules.yml"),
        "types": [c for t in _read_yaml(DATA / "report_types.yml") for c in t.get("checker") or []],
        "lengths": _read_yaml(DATA / "lengths.yml"),
        "confusions": _read_yaml(DATA / "confusions.yml"),
    }


def type_name_rule() -> str:
    """Which structure a notice's 述职述廉 or 述责述廉 means and which --type to give
    (data/report_types.yml, the name_rule of the one type that has it): the CLI help says it."""
    rules = [t["name_rule"] for t in _read_yaml(DATA / "report_types.yml") if t.get("name_rule")]
    if len(rules) != 1:
        raise ValueError(f"data/report_types.yml: one type has a name_rule, not {len(rules)}")
    return rules[0]["text"].strip()


def data_script(data: dict | None = None) -> str:
    """checker-data.js: a classic script that defines the global GUIDE_CHECKER_DATA
    (a top-level var is a global in the browser and in bare V8 alike)."""
    return "var GUIDE_CHECKER_DATA = " + json.dumps(default_data() if data is None else data,
                                                    ensure_ascii=False) + ";\n"


def latin1(data: bytes) -> str:
    return data.decode("latin-1")


class Engine:
    """One V8 context holding fflate, the data and the engine (and any extra scripts)."""

    def __init__(self, data: dict | None = None, scripts: list[Path] = ()):
        from py_mini_racer import MiniRacer

        self._ctx = MiniRacer()
        for path in SCRIPTS:
            self._ctx.eval(data_script(data) if path is None else path.read_text("utf-8"))
        for path in scripts:
            self.load(path)
        self._ctx.eval(_CALL)

    def load(self, path: Path) -> None:
        """Evaluate another script in this context (e.g. the .docx writer)."""
        self._ctx.eval(Path(path).read_text("utf-8") + "\n;void 0;")

    def call(self, name: str, *args, timeout_sec: float | None = None):
        """Call a global JS function by dotted name with JSON-serialisable args."""
        source = f"__engineHostCall({json.dumps(name)}, {json.dumps(list(args), ensure_ascii=False)})"
        if timeout_sec is not None and _loop_running():
            # mini-racer cannot time a call made on a running event loop (a host that also drives
            # Playwright's sync API has one; a context made in another thread crashes at close):
            # there the call runs untimed, and the caller's own guards (CPU budgets) stand
            timeout_sec = None
        answer = json.loads(self._ctx.eval(source, timeout_sec=timeout_sec))
        if "readError" in answer:
            raise ReadError(answer["readError"])
        if "failed" in answer:
            raise EngineError(answer["failed"])
        return answer["ok"]

    # -- the engine's API ---------------------------------------------------

    def check(self, text_or_paragraphs, year: int | None = None, part: str | None = None,
              docx: dict | None = None, type: str | None = None) -> list[dict]:
        """Findings; ``docx`` is read_docx()'s result for a Word file (its comments, revisions, hidden text);
        ``type`` the report type (an id or name of data/report_types.yml's checker entries; None: from the title)."""
        return self.call("ReportEngine.check", text_or_paragraphs,
                         {"year": year, "part": part, "docx": docx, "type": type})

    def report_types(self) -> list[dict]:
        """[{id, name}] of the report types the checker knows, in the page's order."""
        return self.call("ReportEngine.reportTypes")

    def classify(self, paragraphs: list) -> list[dict]:
        return self.call("ReportEngine.classify", paragraphs)

    def check_docx(self, data: bytes, year: int | None = None, part: str | None = None,
                   type: str | None = None) -> list[dict]:
        """Read and check a .docx in one call: only the findings cross back (ReadError if unreadable)."""
        return self.call("ReportEngine.checkDocx", latin1(data), {"year": year, "part": part, "type": type})

    def read_docx(self, data: bytes) -> dict:
        """{paragraphs: [{text, style, ...}], comments, revisions, hidden}; ReadError if unreadable."""
        return self.call("ReportEngine.readDocx", latin1(data))

    def follow_edits(self, docx: dict, text: str) -> dict | None:
        """read_docx()'s result for ``text``, the file's text as edited in the page's text box (tables,
        soft line breaks and styles kept, comments and revisions moved); see engine/docx-edits.js."""
        return self.call("ReportEngine.followEdits", docx, text)

    def stats(self) -> dict:
        """The engine's work counts for its last call (engine/counters.js)."""
        return self.call("ReportEngine.stats")

    def paragraphs_to_text(self, paragraphs: list) -> str:
        return self.call("ReportEngine.paragraphsToText", paragraphs)

    def limits(self) -> dict:
        return self.call("ReportEngine.limits")

    def messages(self) -> dict:
        """The engine's messages for unreadable input, so both hosts say the same."""
        return json.loads(self._ctx.eval("JSON.stringify(ReportEngine.messages)"))

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.close()
            self._ctx = None


_shared: Engine | None = None


def engine() -> Engine:
    """The shared engine with the site's own data, started on first use (about 0.1 s)."""
    global _shared
    if _shared is None:
        _shared = Engine()
    return _shared


def formatter() -> Engine:
    """The shared engine with the .docx writer (extra.formatter_scripts) loaded, once per process: the
    build's Word files (build_template.py) and the 一键排版 command line (format_report.py) both use it."""
    shared = engine()
    if not getattr(shared, "docx_writer_loaded", False):
        for script in FORMATTER_SCRIPTS:
            shared.load(script)
        shared.docx_writer_loaded = True
    return shared


@atexit.register
def _close() -> None:
    # An open V8 context can keep the interpreter from exiting: close it first.
    global _shared
    if _shared is not None:
        _shared.close()
        _shared = None
