/* 述职报告检查与排版引擎（ReportEngine）：词典与分词：由构建时生成的 GUIDE_LANGUAGE_DATA（jieba 词典的词、
 * 词频、词性，pypinyin 的读音；见 scripts/build_language_data.py）建成词典，按最大概率切分一段汉字，查同音字。
 * 自己切分而不用 Intl.Segmenter：浏览器和命令行的 ICU 版本可能不同，切分结果必须处处一样。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。
 *
 * The dictionary is kept in typed arrays indexed by UTF-16 code (every character of the data is a BMP Han
 * character), not in string-keyed Maps: the guesses of rules-language.js try thousands of candidate
 * characters per draft, and a Map lookup would first build and hash a new string for each. */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;

  var MAX_WORD = 4;
  var CODES = 65536;

  /** The next power of two ≥ n. */
  function pow2(n) { var p = 1; while (p < n) p *= 2; return p; }

  /** Hash of a word of 2–4 characters given as two 32-bit halves (c1<<16|c2, c3<<16|c4). */
  function hash(k1, k2) {
    var h = Math.imul(k1 ^ Math.imul(k2, 0x27d4eb2d), 0x9e3779b1);
    return h ^ (h >>> 15);
  }

  /**
   * data: {total, step, words: {"V12": ["做…", "完成落实…", "…", "…"]}, usual: {"bu4": "不部布…"}, shape: "台冶治… 完院…"}:
   * words lists under each class and frequency class its words of 1, 2, 3 and 4 characters, each length run together.
   * A word's entry is the data key it is listed under (the most common one, the first if under several): its log
   * probability ln(freq / total) and its class "A" 形容词, "D" 副词, "V" 动词, "P" 地名 or none ("N").
   */
  function Lexicon(data) {
    this.data = data;
    var logTotal = Math.log(data.total), step = data.step, keys = Object.keys(data.words), k, lists, words = 0, pairs = 0;
    for (k = 0; k < keys.length; k++) {
      lists = data.words[keys[k]];
      pairs += lists[1].length / 2;
      words += lists[1].length / 2 + lists[2].length / 3 + lists[3].length / 4;
    }
    // an unknown character costs less than the rarest word (so a name falls into single characters)
    this.unknown = Math.log(0.5) - logTotal;
    // per data key (entry number k + 1; 0 means "no entry"): its log probability and class
    this.entryLogp = new Float64Array(keys.length + 1);
    this.entryCls = [undefined];
    // one-character words by code: the entry, and the cost in a split (an unknown character costs `unknown`)
    this.charEntry = new Uint16Array(CODES);
    this.charCost = new Float64Array(CODES).fill(this.unknown);
    // words of 2–4 characters: open addressing (linear probing, at most half full) on the codes' two halves
    // (c1<<16|c2, c3<<16|c4); key1 0 is a free slot
    var size = pow2(2 * words);
    this.key1 = new Int32Array(size); this.key2 = new Int32Array(size); this.entry = new Uint16Array(size);
    this.mask = size - 1;
    // the two-character words in the order first met (the order the guesses try them in): x<<16|y
    this.pairs = new Int32Array(pairs);
    this.npairs = 0;
    for (k = 0; k < keys.length; k++) {
      var c = keys[k].charAt(0), entry = k + 1;
      lists = data.words[keys[k]];
      this.entryLogp[entry] = parseInt(keys[k].slice(1), 10) / step - logTotal;
      this.entryCls.push(c === "N" ? undefined : c);
      this.addChars(lists[0], entry);
      this.addPairs(lists[1], entry);
      this.addLonger(lists[2], 3, entry);
      this.addLonger(lists[3], 4, entry);
    }
    // the 2-character words with one character left out: the characters after x (after[afterAt[x] … afterAt[x+1]])
    // and before y, each list in the order the words were met (a stable counting sort of `pairs`)
    var n = this.npairs;
    this.afterAt = new Int32Array(CODES + 1); this.after = new Uint16Array(n);
    this.beforeAt = new Int32Array(CODES + 1); this.before = new Uint16Array(n);
    countBy(this.pairs, n, this.afterAt, 16); countBy(this.pairs, n, this.beforeAt, 0);
    placeBy(this.pairs, n, this.afterAt, this.after, 16, 0);
    placeBy(this.pairs, n, this.beforeAt, this.before, 0, 16);
    this.pairs = null;
    this.readings(data.usual);
  }

  /*
   * The building is split into small functions of one loop each: V8 compiles a hot loop on the fly, and a big
   * function with several loops costs more to compile (and is compiled again when a later loop runs
   * without type feedback) than the loops themselves take. The words are read by index: no string per word.
   */

  /** One-character words (a string of them) of this entry, unless listed more common under an earlier key. */
  Lexicon.prototype.addChars = function (chars, entry) {
    var lp = this.entryLogp[entry];
    for (var s = 0; s < chars.length; s++) {
      var code = chars.charCodeAt(s), had = this.charEntry[code];
      if (had === 0 || this.entryLogp[had] < lp) { this.charEntry[code] = entry; this.charCost[code] = lp; }
    }
  };

  /** Two-character words (run together) of this entry. */
  Lexicon.prototype.addPairs = function (list, entry) {
    for (var s = 0; s < list.length; s += 2) {
      var k1 = list.charCodeAt(s) << 16 | list.charCodeAt(s + 1);
      if (this.addWord(k1, 0, entry)) this.pairs[this.npairs++] = k1;
    }
  };

  /** Three- or four-character words (run together, `len` each) of this entry. */
  Lexicon.prototype.addLonger = function (list, len, entry) {
    for (var s = 0; s < list.length; s += len) {
      this.addWord(list.charCodeAt(s) << 16 | list.charCodeAt(s + 1),
                   list.charCodeAt(s + 2) << 16 | (len === 4 ? list.charCodeAt(s + 3) : 0), entry);
    }
  };

  /** Enter a word of 2–4 characters (true if new), or give it this entry if that is more common than its own. */
  Lexicon.prototype.addWord = function (k1, k2, entry) {
    var slot = this.slot(k1, k2);
    if (this.key1[slot] === 0) {
      this.key1[slot] = k1; this.key2[slot] = k2; this.entry[slot] = entry;
      return true;
    }
    if (this.entryLogp[this.entry[slot]] < this.entryLogp[entry]) this.entry[slot] = entry;
    return false;
  };

  /** CSR offsets: at[c] … at[c+1] is where the pairs whose code (pair >>> shift & 0xffff) is c go. */
  function countBy(pairs, n, at, shift) {
    for (var k = 0; k < n; k++) at[(pairs[k] >>> shift & 0xffff) + 1]++;
    for (var p = 0; p < CODES; p++) at[p + 1] += at[p];
  }

  /** Each pair's other code into its list (a stable counting sort: each list keeps the pairs' order). */
  function placeBy(pairs, n, at, list, shift, other) {
    var fill = at.slice(0, CODES);
    for (var k = 0; k < n; k++) list[fill[pairs[k] >>> shift & 0xffff]++] = pairs[k] >>> other & 0xffff;
  }

  /**
   * A character's usual reading (pypinyin's first), tones aside: a writer mistypes what they say (补齐 is not 补给).
   * sound[code] is the reading's number (0: none); the characters of reading r are syllable[syllableAt[r] …
   * syllableAt[r+1]], in the data's order.
   */
  Lexicon.prototype.readings = function (usual) {
    var sound = this.sound = new Uint16Array(CODES), ids = new Map(), groups = [null];
    Object.keys(usual).forEach(function (toned) {
      var bare = toned.replace(/[1-5]$/, ""), chars = usual[toned], id = ids.get(bare);
      if (id === undefined) { ids.set(bare, id = groups.length); groups.push([]); }
      for (var i = 0; i < chars.length; i++) { sound[chars.charCodeAt(i)] = id; groups[id].push(chars.charCodeAt(i)); }
    });
    var at = this.syllableAt = new Int32Array(groups.length + 1), chars = [];
    for (var r = 1; r < groups.length; r++) { at[r] = chars.length; chars.push.apply(chars, groups[r]); }
    at[groups.length] = chars.length;
    this.syllable = Uint16Array.from(chars);
  };

  /** The slot of a word of 2–4 characters: its own, or the free one where it would go. */
  Lexicon.prototype.slot = function (k1, k2) {
    var key1 = this.key1, key2 = this.key2, mask = this.mask;
    for (var i = hash(k1, k2) & mask; ; i = (i + 1) & mask) {
      if (key1[i] === 0 || (key1[i] === k1 && key2[i] === k2)) return i;
    }
  };

  /** The entry (0: none) of the word codes[s … s+len), with the character at `at` read as `as` (at -1: none). */
  Lexicon.prototype.entryAt = function (codes, s, len, at, as) {
    if (len > MAX_WORD) return 0;
    var c1 = s === at ? as : codes[s];
    if (len === 1) return this.charEntry[c1];
    var c2 = s + 1 === at ? as : codes[s + 1], c3 = 0, c4 = 0;
    if (len > 2) c3 = s + 2 === at ? as : codes[s + 2];
    if (len > 3) c4 = s + 3 === at ? as : codes[s + 3];
    var k1 = c1 << 16 | c2, k2 = c3 << 16 | c4, key1 = this.key1, key2 = this.key2, mask = this.mask;
    for (var i = hash(k1, k2) & mask; ; i = (i + 1) & mask) {
      var got = key1[i];
      if (got === k1 && key2[i] === k2) return this.entry[i];
      if (got === 0) return 0;
    }
  };

  /** The entry of the two-character word xy (0: none). */
  Lexicon.prototype.pairEntry = function (x, y) {
    var k1 = x << 16 | y, key1 = this.key1, key2 = this.key2, mask = this.mask;
    for (var i = hash(k1, 0) & mask; ; i = (i + 1) & mask) {
      var got = key1[i];
      if (got === k1 && key2[i] === 0) return this.entry[i];
      if (got === 0) return 0;
    }
  };

  /** The string's UTF-16 codes, in `into` if it is long enough (a scratch array reused run after run). */
  function codesOf(text, into) {
    var codes = into && into.length >= text.length ? into : new Uint16Array(text.length);
    for (var i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
    return codes;
  }
  var wordCodes = new Uint16Array(MAX_WORD);

  /** The entry of a word given as a string (0: none, or not a word of 1–4 characters). */
  Lexicon.prototype.wordEntry = function (word) {
    if (word.length < 1 || word.length > MAX_WORD) return 0;
    return this.entryAt(codesOf(word, wordCodes), 0, word.length, -1, 0);
  };

  /** ln(freq / total) of a word, or undefined for a word the dictionary lacks. */
  Lexicon.prototype.wordLogp = function (word) {
    var e = this.wordEntry(word);
    return e ? this.entryLogp[e] : undefined;
  };

  /** A word's class: "A" 形容词, "D" 副词, "V" 动词, "P" 地名, or undefined. */
  Lexicon.prototype.wordClass = function (word) {
    return this.entryCls[this.wordEntry(word)];
  };

  /** ln(freq / total) of the character `code` as a word on its own, or undefined. */
  Lexicon.prototype.charLogp = function (code) {
    var e = this.charEntry[code];
    return e ? this.entryLogp[e] : undefined;
  };

  /**
   * Index data.shape ("台冶治… 完院…": each character followed by its look-alikes) on first use (only a character
   * standing alone asks for its look-alikes): the look-alikes of `code` are this.shape[shapeAt[code] … shapeEnd[code]).
   */
  Lexicon.prototype.indexShapes = function () {
    if (this.shapeAt) return;
    var shape = this.shape = this.data.shape || "", at = this.shapeAt = new Int32Array(CODES), end = this.shapeEnd = new Int32Array(CODES);
    for (var s = 0; s < shape.length; ) {
      var e = shape.indexOf(" ", s);
      if (e < 0) e = shape.length;
      if (e > s) { at[shape.charCodeAt(s)] = s + 1; end[shape.charCodeAt(s)] = e; }   // a later entry wins
      s = e + 1;
    }
  };

  /** ln(freq / total) of the word codes[s … s+len) (the character at `at` read as `as`), or undefined. */
  Lexicon.prototype.logpAt = function (codes, s, len, at, as) {
    var e = this.entryAt(codes, s, len, at === undefined ? -1 : at, as);
    return e ? this.entryLogp[e] : undefined;
  };

  /**
   * The two-character words at least as common as ``minLogp`` whose characters read like the codes a's and b's
   * (usual readings, tones aside): 跻吉 → [积极], as [x, y] code pairs. Looked up through a's homophones, no
   * index: it is asked only for the few pairs that have a rare character.
   */
  Lexicon.prototype.soundAlike = function (a, b, minLogp) {
    var sb = this.sound[b], ra = this.sound[a], out = [];
    if (!sb || !ra) return out;
    for (var k = this.syllableAt[ra]; k < this.syllableAt[ra + 1]; k++) {
      var x = this.syllable[k];
      for (var m = this.afterAt[x]; m < this.afterAt[x + 1]; m++) {
        var y = this.after[m];
        if (this.sound[y] === sb && this.entryLogp[this.pairEntry(x, y)] >= minLogp) out.push([x, y]);
      }
    }
    return out;
  };

  /**
   * The ``k`` characters (codes) that make the most common two-character words after (side 0) or before (side 1)
   * the character nb, most common first, ties in the order the words were met (sorted on first use, then kept).
   */
  Lexicon.prototype.commonFills = function (nb, side, k) {
    var cache = side === 0 ? (this.topAfter || (this.topAfter = new Map())) : (this.topBefore || (this.topBefore = new Map()));
    var top = cache.get(nb);
    if (top === undefined) {
      var at = side === 0 ? this.afterAt : this.beforeAt, list = side === 0 ? this.after : this.before, scored = [];
      for (var m = at[nb]; m < at[nb + 1]; m++) {
        var h = list[m];
        scored.push({ h: h, lp: this.entryLogp[side === 0 ? this.pairEntry(nb, h) : this.pairEntry(h, nb)] });
      }
      scored.sort(function (x, y) { return y.lp - x.lp; });   // stable: ties keep the words' order
      top = scored.slice(0, k).map(function (x) { return x.h; });
      cache.set(nb, top);
    }
    return top;
  };

  /** Do the characters a and b (strings) have the same usual reading (tones aside)? */
  Lexicon.prototype.homophone = function (a, b) {
    if (a.length !== 1 || b.length !== 1) return false;
    var sa = this.sound[a.charCodeAt(0)];
    return sa !== 0 && sa === this.sound[b.charCodeAt(0)];
  };

  /**
   * The most probable split of a run of Han characters into words (a unigram model, like jieba's
   * own first pass): [{s, e}] in the run's offsets, and the split's log probability. ``codes``: the run's
   * UTF-16 codes (an array of at least n), or the run as a string.
   */
  Lexicon.prototype.segment = function (codes, n) {
    if (typeof codes === "string") { n = codes.length; codes = codesOf(codes); }
    var best = new Float64Array(n + 1), from = new Int32Array(n + 1), entryLogp = this.entryLogp, charCost = this.charCost;
    best[0] = 0;
    for (var e = 1; e <= n; e++) {
      // one character always fits (an unknown one at its cost)
      var top = best[e - 1] + charCost[codes[e - 1]], arg = e - 1;
      for (var len = 2; len <= MAX_WORD && len <= e; len++) {
        var entry = this.entryAt(codes, e - len, len, -1, 0);
        if (entry === 0) continue;
        var sc = best[e - len] + entryLogp[entry];
        if (sc > top) { top = sc; arg = e - len; }
      }
      best[e] = top; from[e] = arg;
    }
    var words = [];
    for (var k = n; k > 0; k = from[k]) words.push({ s: from[k], e: k });
    words.reverse();
    return { words: words, score: best[n] };
  };

  var scratch = new Float64Array(64);
  /**
   * The log probability of the best split only (for comparing two versions of a short window: no path kept) of
   * codes[lo … hi), the character at `at` read as `as` (at -1: as it is): no window string is built.
   */
  Lexicon.prototype.score = function (codes, lo, hi, at, as) {
    var n = hi - lo, best = n < 64 ? scratch : new Float64Array(n + 1), entryLogp = this.entryLogp, charCost = this.charCost;
    best[0] = 0;
    for (var e = 1; e <= n; e++) {
      var top = best[e - 1] + charCost[lo + e - 1 === at ? as : codes[lo + e - 1]];
      for (var len = 2; len <= MAX_WORD && len <= e; len++) {
        var entry = this.entryAt(codes, lo + e - len, len, at, as);
        if (entry !== 0 && best[e - len] + entryLogp[entry] > top) top = best[e - len] + entryLogp[entry];
      }
      best[e] = top;
    }
    return best[n];
  };

  // one lexicon per data object (the page and the CLI build it once, on the first check)
  var built = { data: null, lexicon: null };
  function lexiconFor(data) {
    if (!data) return null;
    if (built.data !== data) { built.lexicon = new Lexicon(data); built.data = data; }
    return built.lexicon;
  }

  I.Lexicon = Lexicon; I.lexiconFor = lexiconFor; I.codesOf = codesOf;
})(typeof globalThis !== "undefined" ? globalThis : this);
