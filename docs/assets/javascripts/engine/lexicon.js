/* 述职报告检查与排版引擎（ReportEngine）：词典与分词：由构建时生成的 GUIDE_LANGUAGE_DATA（jieba 词典的词、
 * 词频、词性，pypinyin 的读音；见 scripts/build_language_data.py）建成词典，按最大概率切分一段汉字，查同音字。
 * 自己切分而不用 Intl.Segmenter：浏览器和命令行的 ICU 版本可能不同，切分结果必须处处一样。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;

  var MAX_WORD = 4;

  /**
   * data: {total, step, words: {"V12": "完成 落实 …"}, usual: {"bu4": "不部布…"}, shape: "台冶治… 完院…"}.
   * logp: word → ln(freq / total); cls: word → "A" 形容词, "D" 副词, "V" 动词, "P" 地名 (other words have none).
   */
  function Lexicon(data) {
    this.data = data;
    var logTotal = Math.log(data.total), step = data.step, logp = this.logp = new Map(), cls = this.cls = new Map();
    // the 2-character words with one character left out: after.get("部") → ["署", "门", …], before.get("署") → ["部", …]
    // (arrays, not strings grown one character at a time: ropes are slow to read)
    var before = this.before = new Map(), after = this.after = new Map();
    var keys = Object.keys(data.words);
    for (var k = 0; k < keys.length; k++) {
      var c = keys[k].charAt(0), lp = parseInt(keys[k].slice(1), 10) / step - logTotal, list = data.words[keys[k]].split(" ");
      for (var i = 0; i < list.length; i++) {
        var w = list[i], had = logp.get(w);
        if (had !== undefined && had >= lp) continue;
        logp.set(w, lp);
        if (c !== "N") cls.set(w, c); else if (had !== undefined) cls.delete(w);
        if (had !== undefined || w.length !== 2) continue;
        var x = w.charAt(0), y = w.charAt(1), ax = after.get(x), by = before.get(y);
        if (ax) ax.push(y); else after.set(x, [y]);
        if (by) by.push(x); else before.set(y, [x]);
      }
    }
    // an unknown character costs less than the rarest word (so a name falls into single characters)
    this.unknown = Math.log(0.5) - logTotal;
    // a character's usual reading (pypinyin's first), tones aside: a writer mistypes what they say (补齐 is not 补给)
    var sound = this.sound = new Map(), bySyllable = this.bySyllable = new Map();
    Object.keys(data.usual).forEach(function (toned) {
      var bare = toned.replace(/[1-5]$/, ""), chars = data.usual[toned], list = bySyllable.get(bare);
      if (!list) bySyllable.set(bare, list = []);
      for (var i = 0; i < chars.length; i++) { sound.set(chars.charAt(i), bare); list.push(chars.charAt(i)); }
    });
  }

  var NONE = [];
  /** The characters that look like a (data.shape: same_stroke groups and shared parts), as a string. */
  Lexicon.prototype.lookAlikes = function (a) {
    if (!this.shape) {
      var shape = this.shape = new Map(), entries = (this.data.shape || "").split(" ");
      for (var k = 0; k < entries.length; k++) if (entries[k]) shape.set(entries[k].charAt(0), entries[k].slice(1));
    }
    return this.shape.get(a) || "";
  };

  /** The characters whose usual reading is a's (tones aside), a included. */
  Lexicon.prototype.homophones = function (a) {
    var s = this.sound.get(a);
    return s === undefined ? NONE : this.bySyllable.get(s);
  };

  /**
   * The two-character words at least as common as ``minLogp`` whose characters read like a's and b's
   * (usual readings, tones aside): 跻吉 → [积极]. Looked up through a's homophones, no index: it is asked
   * only for the few pairs that have a rare character.
   */
  Lexicon.prototype.soundAlike = function (a, b, minLogp) {
    var sb = this.sound.get(b), homs = this.homophones(a), out = NONE;
    if (sb === undefined) return out;
    for (var k = 0; k < homs.length; k++) {
      var x = homs[k], fills = this.after.get(x);
      if (!fills) continue;
      for (var m = 0; m < fills.length; m++) {
        var y = fills[m];
        if (this.sound.get(y) !== sb || !(this.logp.get(x + y) >= minLogp)) continue;
        if (out === NONE) out = [];
        out.push(x + y);
      }
    }
    return out;
  };

  /**
   * The ``k`` characters that make the most common two-character words after (side 0) or before (side 1) the
   * character nb, most common first (sorted on first use, then kept).
   */
  Lexicon.prototype.commonFills = function (nb, side, k) {
    var cache = side === 0 ? (this.topAfter || (this.topAfter = new Map())) : (this.topBefore || (this.topBefore = new Map()));
    var top = cache.get(nb);
    if (top === undefined) {
      var fills = (side === 0 ? this.after : this.before).get(nb) || NONE, logp = this.logp;
      var scored = fills.map(function (h) { return { h: h, lp: logp.get(side === 0 ? nb + h : h + nb) }; });
      scored.sort(function (x, y) { return y.lp - x.lp; });
      top = scored.slice(0, k).map(function (x) { return x.h; });
      cache.set(nb, top);
    }
    return top;
  };

  /** Do a and b have the same usual reading (tones aside)? */
  Lexicon.prototype.homophone = function (a, b) {
    var sa = this.sound.get(a);
    return sa !== undefined && sa === this.sound.get(b);
  };

  /**
   * The most probable split of a run of Han characters into words (a unigram model, like jieba's
   * own first pass): [{s, e}] in the run's offsets, and the split's log probability.
   */
  Lexicon.prototype.segment = function (text) {
    var n = text.length, best = new Float64Array(n + 1), from = new Int32Array(n + 1), logp = this.logp;
    best[0] = 0;
    for (var e = 1; e <= n; e++) {
      var top = -Infinity, arg = e - 1;
      for (var len = 1; len <= MAX_WORD && len <= e; len++) {
        var lp = logp.get(text.slice(e - len, e));
        if (lp === undefined) { if (len > 1) continue; lp = this.unknown; }
        var sc = best[e - len] + lp;
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
  /** The log probability of the best split only (for comparing two versions of a short window: no path kept). */
  Lexicon.prototype.score = function (text) {
    var n = text.length, best = n < 64 ? scratch : new Float64Array(n + 1), logp = this.logp;
    best[0] = 0;
    for (var e = 1; e <= n; e++) {
      var top = -Infinity;
      for (var len = 1; len <= MAX_WORD && len <= e; len++) {
        var lp = logp.get(text.slice(e - len, e));
        if (lp === undefined) { if (len > 1) continue; lp = this.unknown; }
        if (best[e - len] + lp > top) top = best[e - len] + lp;
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

  I.Lexicon = Lexicon; I.lexiconFor = lexiconFor;
})(typeof globalThis !== "undefined" ? globalThis : this);
