#!/usr/bin/env python3
"""语言数据：把几个维护良好的包里的语言知识，在构建时变成自查引擎用的一个经典脚本。

    python scripts/build_language_data.py [-o 输出.js]      （不给 -o：打印大小和词数）

- jieba（requirements.txt 固定版本）的词典 dict.txt：词、词频、词性（ICTCLAS 标记）。
  只收全是汉字、1～4 个字、词频不低于 MIN_FREQ 的词；词频取对数后分档，词性归成几类：
  A 形容词（a、ad、an、z），D 副词（d），V 动词（v、vd、vi），P 地名（ns），N 其他。
- 指南自己推荐的文字（data/ 里的宜示例、范文、句式、规范表述全称）：用 jieba 的 HMM 新词发现切分，
  词典里没有的二至四字词（办结、提质、股室、重显绩……）作为公文领域的词，词频按 GUIDE_FREQ 计；
  “不宜”和错误写法（wrong、bad 一类的键）不读。
- pypinyin（固定版本）的汉字读音：每个字取常用读音（pypinyin 给出的第一个），按带声调的音节分组，引擎由此得到同音字。
- 形近字，来自两个包的数据（requirements-data.txt，--no-deps 安装：只读它们的数据文件，不导入）：
  pycorrector 的 data/same_stroke.txt（人工整理的形近字组，Apache-2.0）；char-similar 的 data/char_stroke.dict
  （每个字拆成的部件，MIT）：一个字由两个部件组成时，它和其中的声旁（完 → 院）、和同一声旁换了形旁的字
  （台：治、冶）算形近。只留能组成常用词的字（出现在词频不低于 SHAPE_MIN_FREQ 的双字词里）。

输出 language-data.js 定义全局变量 GUIDE_LANGUAGE_DATA（在浏览器和命令行的 V8 里都是全局的），
只由“自查与排版”页面加载（mkdocs.yml extra.engine_scripts），命令行经 scripts/engine_host.py 加载同一份。
language_data_script() 是唯一的生成函数：构建钩子和其他构建模块都调用它；结果按这些包的版本和本脚本的
内容缓存在 .build-cache/language/ 里（生成一次约需数秒）。
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".build-cache" / "language"   # not .cache/, which zensical build --clean wipes
NAME = "GUIDE_LANGUAGE_DATA"

# Words rarer than this in jieba's counts are mostly names and rare compounds: leaving them out keeps the
# data under 1.5 MB and keeps rare look-alikes from passing as "words" (a typo that happens to be one).
MIN_FREQ = 5
MAX_LEN = 4
# The guide's own words count as moderately common (a word every 600,000), so that the best split keeps them
GUIDE_FREQ = 100
# Frequency classes: round(ln(freq) * STEP) / STEP; 2 steps per e-fold is finer than the counts are sure.
STEP = 2
# A look-alike is kept only if it is a character of a two-character word this common (the engine only suggests
# a look-alike that makes a common word with its neighbour)
SHAPE_MIN_FREQ = 50
# A shared part this simple (口, 日, 十…) does not make two characters look alike
SHAPE_MIN_STROKES = 3
# Nor does a part that many characters share: that is a radical (氵, 口, 木), and 治 does not look like 汉;
# a phonetic part is shared by a few (台: 治 冶 抬 胎 始 …)
SHAPE_MAX_SERIES = 25
POS_CLASS = {"a": "A", "ad": "A", "an": "A", "z": "A", "d": "D", "v": "V", "vd": "V", "vi": "V", "ns": "P"}
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]+$")


SHAPE_PACKAGES = ("pycorrector", "char-similar")


def versions() -> dict:
    """The packages' versions (None for one not installed: build() then says which one to install)."""
    def version(name):
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None
    return {name: version(name) for name in ("jieba", "pypinyin") + SHAPE_PACKAGES}


def _package_file(dist: str, path: str) -> Path:
    """A data file of an installed distribution, found without importing the package (pycorrector's
    __init__ imports torch and transformers, which the build does not install)."""
    try:
        found = Path(metadata.distribution(dist).locate_file(path))
    except metadata.PackageNotFoundError:
        raise SystemExit(f"缺少 {dist}：请先 make（pip install --no-deps -r requirements-data.txt）")
    if not found.is_file():
        raise SystemExit(f"{dist} 里没有 {path}")
    return found


def _look_alikes(word_chars: set[str]) -> str:
    """"台冶始怠怡抬治胎苔 完元园…": each character followed by its look-alikes among ``word_chars``."""
    pairs: set[tuple[str, str]] = set()
    han = re.compile(r"^[\u4e00-\u9fa5]$")
    with open(_package_file("pycorrector", "pycorrector/data/same_stroke.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            group = [c for c in line.split() if han.match(c)]
            pairs.update((a, b) for a in group for b in group if a != b)
    with open(_package_file("char-similar", "char_similar/data/char_stroke.dict"), encoding="utf-8") as f:
        parts = json.load(f)
    with open(_package_file("char-similar", "char_similar/data/char_number.dict"), encoding="utf-8") as f:
        strokes = json.load(f)
    series: dict[tuple[int, str], list[str]] = {}   # (position, shared part) → characters of two parts
    for ch, p in parts.items():
        if not han.match(ch) or len(p) != 2:
            continue
        for k in (0, 1):
            part = p[k]
            if strokes.get(part, 0) >= SHAPE_MIN_STROKES:
                series.setdefault((k, part), []).append(ch)      # 治 and 冶 (both 台 on the right)
    for (_, part), group in series.items():
        if len(group) > SHAPE_MAX_SERIES:
            continue
        pairs.update((a, b) for a in group for b in group if a != b)
        if han.match(part):
            pairs.update((a, part) for a in group)              # 完 and 院
            pairs.update((part, a) for a in group)
    out: dict[str, list[str]] = {}
    for a, b in sorted(pairs):
        if b in word_chars:
            out.setdefault(a, []).append(b)
    # one string, not an object of 11,000 keys: it parses much faster (the engine indexes it on first use)
    return " ".join(a + "".join(bs) for a, bs in out.items())


def _jieba_words():
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    total = 0
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            word, freq = parts[0], int(parts[1])
            total += freq
            if freq >= MIN_FREQ and len(word) <= MAX_LEN and HAN_WORD.match(word):
                rows.append((word, freq, parts[2] if len(parts) > 2 else ""))
    return rows, total


# Keys of data/*.yml whose text the guide recommends (what the checker must never flag)
GOOD_KEYS = {"good", "text", "full", "patterns", "title", "name", "outline"}
BAD_KEYS = {"wrong", "bad", "dont", "donts", "not_good", "avoid", "typos"}


def _guide_texts():
    import yaml

    def walk(node, good):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in BAD_KEYS:
                    yield from walk(v, good or k in GOOD_KEYS)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v, good)
        elif isinstance(node, str) and good:
            yield node

    for path in sorted((ROOT / "data").rglob("*.yml")):
        if path.name in ("typos.yml", "checker_rules.yml"):
            continue
        with open(path, encoding="utf-8") as f:
            yield from walk(yaml.safe_load(f), False)


def _guide_words(known: set[str]) -> list[str]:
    """Words of two to MAX_LEN characters of the guide's own recommended text that jieba's dictionary lacks."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    found = set()
    for text in _guide_texts():
        for run in re.findall(r"[\u4e00-\u9fa5]+", text):
            for w in jieba.cut(run, HMM=True):
                if 2 <= len(w) <= MAX_LEN and w not in known:
                    found.add(w)
    return sorted(found)


def _readings(chars: set[str], usual_only: bool = False) -> dict[str, str]:
    """Toned syllable → the characters that have that reading (a heteronym is in several groups);
    ``usual_only``: only each character's usual reading (pypinyin gives it first)."""
    from pypinyin import Style, pinyin

    groups: dict[str, list[str]] = {}
    for ch in sorted(chars):
        readings = pinyin(ch, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]
        for syl in readings[:1] if usual_only else readings:
            if syl == ch or not re.match(r"^[a-zü]+[1-5]$", syl):
                continue
            groups.setdefault(syl, []).append(ch)
    return {syl: "".join(chs) for syl, chs in sorted(groups.items())}


def build() -> dict:
    rows, total = _jieba_words()
    known = {w for w, _, _ in rows}
    rows += [(w, GUIDE_FREQ, "") for w in _guide_words(known)]
    words: dict[str, list[list[str]]] = {}
    for word, freq, pos in rows:
        key = POS_CLASS.get(pos, "N") + str(round(math.log(freq) * STEP))
        words.setdefault(key, [[] for _ in range(MAX_LEN)])[len(word) - 1].append(word)
    # readings of every character in the kept words and of the whole CJK Unified block, so that a rare
    # wrong character (菓 for 国) has its homophones too
    chars = {chr(c) for c in range(0x4E00, 0x9FA6)} | {ch for w, _, _ in rows for ch in w}
    return {
        "source": {**versions(), "min_freq": MIN_FREQ, "max_len": MAX_LEN},
        "total": total,
        "step": STEP,
        # "A12": ["好坏…", "认真积极…", "…", "…"]: class and frequency class → its words of 1, 2, 3 and 4
        # characters, each length run together (no separator: the engine reads them by a fixed stride, and
        # indexes them without making a string per word), each in jieba's order
        "words": {k: ["".join(ws) for ws in v] for k, v in sorted(words.items())},
        # each character's usual reading only: a writer mistypes what they say (补齐 is not 补给)
        "usual": _readings(chars, usual_only=True),
        # "台冶治抬… 完院…": look-alikes that make common words (a writer picks the wrong character of a list)
        "shape": _look_alikes({ch for w, f, _ in rows if len(w) == 2 and f >= SHAPE_MIN_FREQ for ch in w}),
    }


def _cache_key() -> str:
    h = hashlib.sha256(Path(__file__).read_bytes())
    h.update(json.dumps(versions(), sort_keys=True).encode())
    for path in sorted((ROOT / "data").rglob("*.yml")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def language_data_script() -> str:
    """language-data.js: a classic script defining the global GUIDE_LANGUAGE_DATA."""
    cached = CACHE / f"language-data-{_cache_key()}.js"
    try:
        return cached.read_text(encoding="utf-8")
    except OSError:
        pass
    script = ("/* 由 scripts/build_language_data.py 生成（jieba 词典、pypinyin 读音，pycorrector 与 char-similar 的形近字），"
              "不要手改。 */\n"
              f"var {NAME} = " + json.dumps(build(), ensure_ascii=False, separators=(",", ":")) + ";\n")
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        import tempfile   # here: a command that finds the cache does not import it

        # a temporary file of its own: two builds at once (the test workers) must not share one
        fd, tmp = tempfile.mkstemp(dir=CACHE, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(script)
        os.replace(tmp, cached)
    except OSError:  # a read-only checkout still builds, only slower
        pass
    return script


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="生成自查引擎的语言数据 language-data.js")
    parser.add_argument("-o", "--output", type=Path, help="写到这个文件")
    args = parser.parse_args(argv)
    script = language_data_script()
    if args.output:
        args.output.write_text(script, encoding="utf-8")
    data = json.loads(script[script.index("=") + 1:script.rindex(";")])
    n = sum(len(ws) // (k + 1) for v in data["words"].values() for k, ws in enumerate(v))
    print(f"{len(script.encode('utf-8')) / 1e6:.2f} MB，{n} 个词，{len(data['usual'])} 个音节")
    return 0


if __name__ == "__main__":
    sys.exit(main())
