"""The guide's MkDocs hooks: only what MkDocs alone does.

Everything the site generates from data/ works without them (see guide_build/):
the macros, copy buttons and print notes are a Markdown extension, the Word
downloads and the checker's data scripts a pre-build step. Here:

- Chinese search: segment the index finely enough that a word inside a
  compound (自律 in 廉洁自律) is still a word start, each distinct text once,
  remembered between builds.
- The pre-build step before each build, so `mkdocs build` and `mkdocs serve`
  need no separate command; `make serve` rebuilds when data/ changes.
- The offline bundle's 404 page links relatively.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# guide_build.CACHE; not imported at start-up, when the project folder need not be on sys.path yet
CACHE = ROOT / ".build-cache"
SEARCH_WORDS = DATA / "search_words.yml"

log = logging.getLogger("mkdocs.hooks.guide")


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

    Material cuts every run of Han characters on its own, the same runs again
    and again (71,625 calls for the guide); each distinct run is cut once, and
    the cuts are kept in .build-cache/search/ for the next build, under the hash
    of what they depend on. jieba's dictionary (about a second to load) is
    loaded only when a run is not there.
    """

    def __init__(self, jieba, search_words: list[str]):
        self._jieba = jieba
        self._search_words = search_words
        self._ready = False
        self._tilings: dict[str, list[str]] = {}
        self._word_starts: set[str] = set()
        self._cuts: dict[str, list[str]] = {}
        self._used: set[str] = set()
        self._new = 0
        self._cache_file = CACHE / "search" / f"{self._cache_key()}.json"
        try:
            self._cuts = json.loads(self._cache_file.read_text("utf-8"))
        except (OSError, ValueError):
            pass

    def _cache_key(self) -> str:
        digest = hashlib.sha256(metadata.version("jieba").encode())
        digest.update(json.dumps(self._search_words, ensure_ascii=False).encode())
        digest.update(Path(__file__).read_bytes())  # the tiling below
        return digest.hexdigest()[:20]

    def _prepare(self) -> None:
        """Load jieba's dictionary (its prefix dictionary cached in .build-cache/jieba/)
        and add the words readers search that jieba lacks (述法, 述学). A lone 述 left
        in the index would make the browser cut the query 述法 to 述*, which
        matches every 述职, so a lone first character is joined to what follows."""
        if self._ready:
            return
        tmp_dir = CACHE / "jieba"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        self._jieba.dt.tmp_dir = str(tmp_dir)
        self._jieba.setLogLevel(logging.WARNING)
        for word in self._search_words:
            self._jieba.add_word(word)
            self._word_starts.add(word[0])
        self._ready = True

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

    def _cut(self, text: str):
        self._prepare()
        lone = ""
        for word in self._jieba.cut(text):
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

    def cut(self, text, *args, **kwargs):
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if args or kwargs:  # another mode than Material's: not cached
            self._prepare()
            return self._jieba.cut(text, *args, **kwargs)
        pieces = self._cuts.get(text)
        if pieces is None:
            pieces = self._cuts[text] = list(self._cut(text))
            self._new += 1
        self._used.add(text)
        return pieces

    def save(self) -> None:
        """Keep this build's cuts for the next (only the texts it used, so the
        file does not grow with every edit)."""
        if not self._new and len(self._used) == len(self._cuts):
            return
        used = {text: self._cuts[text] for text in sorted(self._used)}
        self._cache_file.parent.mkdir(parents=True, exist_ok=True)
        for old in self._cache_file.parent.glob("*.json"):  # other keys: older code or words
            if old != self._cache_file:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self._cache_file.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(used, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, self._cache_file)
        self._cuts, self._used, self._new = used, set(), 0


def on_startup(command, dirty):
    import material.plugins.search.plugin as search_plugin

    if search_plugin.jieba is None:
        raise SystemExit("中文搜索需要 jieba：请先运行 make serve 或 pip install -r requirements.txt")
    if not isinstance(search_plugin.jieba, FineSegmenter):
        words = yaml.safe_load(SEARCH_WORDS.read_text("utf-8"))["words"]
        search_plugin.jieba = FineSegmenter(search_plugin.jieba, words)


def on_post_build(config):
    import material.plugins.search.plugin as search_plugin

    if isinstance(search_plugin.jieba, FineSegmenter):
        search_plugin.jieba.save()


# ---------------------------------------------------------------------------
# The generated files (Word downloads, checker data), before each build
# ---------------------------------------------------------------------------

def on_pre_build(config):
    from guide_build import generated

    for path in generated.write(Path(config.docs_dir)):
        log.info(f"generated {path}")


# ---------------------------------------------------------------------------
# The offline bundle's 404 page
# ---------------------------------------------------------------------------

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
    # Data and build code live outside docs/: watch them for live reload.
    server.watch(str(DATA))
    server.watch(str(ROOT / "guide_build"))
    server.watch(str(ROOT / "scripts"))
    return server
