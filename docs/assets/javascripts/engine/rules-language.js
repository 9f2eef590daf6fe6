/* 述职报告检查与排版引擎（ReportEngine）：来自语言知识的规则：不在任何词表里的错别字（同音字换一个字就成了常用词）、
 * 重复的字（词典里没有的叠字）。词典来自 GUIDE_LANGUAGE_DATA（lexicon.js）；阈值在 data/checker_rules.yml。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var Checker = I.Checker, lexiconFor = I.lexiconFor;

  var HAN_RUN = /[\u4e00-\u9fa5]+/g;
  var DEGREE_BEFORE = /^(?:较|更|很|最|非常|十分|比较)$/;
  // 不 and one character that close a clause: 抓的不实，(not 不多/不少: 走访的不多 counts the visits, a noun use)
  var CLOSING_NOT = /^不(?![多少])[\u4e00-\u9fa5](?![\u4e00-\u9fa5])/;

  Checker.prototype.setupLanguage = function () {
    var d = this.rules["de-usage"];
    this.deRe = { light: I.rx(d.light_verbs), nounAfter: I.rx(d.noun_after), degree: I.rx(d.degree),
                  nounBefore: I.rx(d.noun_before), predicate: I.rx(d.predicate_before) };
    // real-word confusions (data/confusions.yml): the word where its context says the other one belongs
    this.confusionRes = this.confusions.map(function (c) {
      var w = I.escapeRe(c.wrong), alts = [];
      if (c.before) alts.push("(?<=" + c.before + ")" + w);
      if (c.after) alts.push(w + "(?=" + c.after + ")");
      return { c: c, re: I.rx(alts.join("|"), "g") };
    });
  };

  /** 必需/必须, 以至/以致, 权力/权利…: a real word that its context shows to be the other one. */
  Checker.prototype.confusionRules = function (out, lineno, raw) {
    if (!this.confusionRes) this.setupLanguage();
    for (var k = 0; k < this.confusionRes.length; k++) {
      var x = this.confusionRes[k], m;
      x.re.lastIndex = 0;
      while ((m = x.re.exec(raw)) !== null) {
        this.finding(out, "typo", lineno, raw, m.index, m.index + m[0].length,
          { match: m[0], right: x.c.right, replace: x.c.right }, "confusion");
      }
    }
  };

  Checker.prototype.lexicon = function () {
    return lexiconFor(this.languageData || root.GUIDE_LANGUAGE_DATA || null);
  };

  // a run's UTF-16 codes, one array reused run after run (grown for a longer run)
  var runCodes = new Uint16Array(256);
  // shapeMark[c] === shapeStamp: c is a look-alike of the character being guessed (a new stamp per character)
  var shapeMark = new Int32Array(65536), shapeStamp = 0;
  // a window with two characters replaced (guessWordTypos)
  var windowCodes = new Uint16Array(64);

  /** One pass over each line's runs of Han characters, split into words once for every rule here. */
  Checker.prototype.languageRules = function (out, lines) {
    var lex = this.lexicon();
    if (!lex) return;
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx], m, listed = this.listedTypos(raw);
      if (raw.trim()) this.confusionRules(out, idx + 1, raw);
      HAN_RUN.lastIndex = 0;
      while ((m = HAN_RUN.exec(raw)) !== null) {
        if (m[0].length < 2) continue;
        runCodes = I.codesOf(m[0], runCodes);
        var run = { text: m[0], at: m.index, codes: runCodes, seg: lex.segment(runCodes, m[0].length) };
        run.token = new Int32Array(run.text.length);
        run.seg.words.forEach(function (w, k) { for (var p = w.s; p < w.e; p++) run.token[p] = k; });
        this.doubledChars(out, idx + 1, raw, run, lex);
        this.deUsage(out, idx + 1, raw, run, lex);
        // one character first: a one-character fix is the surer suggestion, the whole-word guess takes what is left
        run.guessed = [];
        this.guessTypos(out, idx + 1, raw, run, lex, listed);
        this.guessWordTypos(out, idx + 1, raw, run, lex, listed);
      }
    }
  };

  /**
   * 的 where 地 or 得 belongs, from the parts of speech of the words around it (jieba's tags):
   * an adjective or adverb + 的 + a verb of two characters or more → 地 (认真的履行); a verb or adjective
   * + 的 + a degree word, or 不 and one character closing the clause → 得 (做的不够, 抓的不实). Noun uses stay: after a light verb (得到有效的解决),
   * before a noun (较好的完成率), after 所/要 (所做的还不够), and a relative clause after 尚未/已经 (尚未公开的统计数据).
   */
  Checker.prototype.deUsage = function (out, lineno, raw, run, lex) {
    var text = run.text, words = run.seg.words, re = this.deRe;
    if (!this.deRe) { this.setupLanguage(); re = this.deRe; }
    for (var k = 1; k + 1 < words.length; k++) {
      var w = words[k];
      if (w.e - w.s !== 1 || text.charAt(w.s) !== "的") continue;
      var left = words[k - 1], right = words[k + 1];
      var lw = text.slice(left.s, left.e), rw = text.slice(right.s, right.e);
      var lc = lex.wordClass(lw), rc = lex.wordClass(rw);
      // a one-character adjective only after a degree word (较好的完成); alone it is a noun's attribute (好的做法)
      if (lw.length === 1 && lc === "A") {
        if (k < 2 || !DEGREE_BEFORE.test(text.slice(words[k - 2].s, words[k - 2].e))) continue;
        left = { s: words[k - 2].s, e: left.e }; lw = text.slice(left.s, left.e);
      }
      var before = raw.slice(0, run.at + left.s), after = text.slice(right.s);
      var fix = null;
      if ((lc === "A" || lc === "D") && rc === "V" && rw.length > 1 && !re.light.test(before) &&
          !re.predicate.test(before) && !re.nounAfter.test(text.slice(right.e))) fix = "地";
      else if ((lc === "V" || lc === "A") && !re.nounBefore.test(before) &&
               (re.degree.test(after) || (rw === "不" && CLOSING_NOT.test(after)))) fix = "得";
      if (!fix) continue;
      var s = run.at + left.s, e = run.at + w.e, match = raw.slice(s, e);
      this.finding(out, "de-usage", lineno, raw, s, e, { match: match, fix: lw + fix, replace: lw + fix },
        fix === "得" ? "de" : "di");
    }
  };

  /** [start, end) of the list typos on a line (typos.yml), so that a guess does not repeat them. */
  Checker.prototype.listedTypos = function (raw) {
    var spans = [], m;
    if (!this.typoRe) return spans;
    this.typoRe.lastIndex = 0;
    while ((m = this.typoRe.exec(raw)) !== null) spans.push([m.index, m.index + m[0].length]);
    return spans;
  };

  /**
   * 错别字 the lists do not have: a character standing alone in the split or in an uncommon two-character word
   * which, swapped for a homophone or a look-alike (治 for 冶), makes a common two-character word with its neighbour, and the
   * swap makes the few words around it much more probable (部暑 → 部署). Only one character per word.
   * Candidates are tried as character codes on the lexicon's arrays (lexicon.js): no string per candidate.
   */
  Checker.prototype.guessTypos = function (out, lineno, raw, run, lex, listed) {
    var g = this.rules.typo.guess, codes = run.codes, n = run.text.length, words = run.seg.words;
    lex.indexShapes();
    var sound = lex.sound, syllable = lex.syllable, entryLogp = lex.entryLogp, shape = lex.shape;
    for (var i = 0; i < n; i++) {
      var w = words[run.token[i]], wl = w.e - w.s;
      if (wl > 2 || (wl === 2 && lex.logpAt(codes, w.s, 2) > g.max_word_logp)) continue;
      var ch = codes[i], best = null, base = null, chLogp = lex.charLogp(ch);
      if (chLogp > g.max_char_logp) continue;   // a common word on its own (的, 在): not a typo by sound alone
      // a character rare on its own (or unknown) needs less evidence than a common one
      var needed = chLogp === undefined || chLogp <= g.rare_char_logp ? g.min_gain_rare : g.min_gain;
      var lo = Math.max(0, i - g.window), hi = Math.min(n, i + g.window + 1);
      // ch's homophones: syllable[h0 … h0+nh); its look-alikes (a look-alike only for a character standing alone:
      // 网格 is a word, not a misspelt 网络): shape[s0 … s0+ns)
      var sch = sound[ch], h0 = lex.syllableAt[sch], nh = sch ? lex.syllableAt[sch + 1] - h0 : 0;
      var s0 = wl === 1 ? lex.shapeAt[ch] : 0, ns = wl === 1 ? lex.shapeEnd[ch] - s0 : 0;
      if (ns > 0) { shapeStamp++; for (var q = s0; q < s0 + ns; q++) shapeMark[shape.charCodeAt(q)] = shapeStamp; }
      for (var side = 0; side < 2; side++) {
        var j = side === 0 ? i - 1 : i + 1;        // the neighbour the new word is made with
        if (j < 0 || j >= n) continue;
        // the characters that make a word with the neighbour: fills[f0 … f0+nf)
        var nb = codes[j], fAt = side === 0 ? lex.afterAt : lex.beforeAt, fills = side === 0 ? lex.after : lex.before;
        var f0 = fAt[nb], nf = fAt[nb + 1] - f0;
        if (nf === 0) continue;
        // walk the shorter list: the characters that make a word with the neighbour, or ch's homophones
        // and look-alikes
        var viaHoms = nh + ns < nf, count = viaHoms ? nh + ns : nf;
        for (var k = 0; k < count; k++) {
          var h = viaHoms ? (k < nh ? syllable[h0 + k] : shape.charCodeAt(s0 + k - nh)) : fills[f0 + k], entry;
          if (h === ch) continue;
          if (viaHoms) {
            entry = side === 0 ? lex.pairEntry(nb, h) : lex.pairEntry(h, nb);
            if (entry === 0) continue;
          } else {
            if (sound[h] !== sch && (ns === 0 || shapeMark[h] !== shapeStamp)) continue;
            entry = side === 0 ? lex.pairEntry(nb, h) : lex.pairEntry(h, nb);
          }
          if (entryLogp[entry] < g.min_word_logp) continue;
          if (base === null) base = lex.score(codes, lo, hi, -1, 0);
          var gain = lex.score(codes, lo, hi, i, h) - base;
          if (gain >= needed && (!best || gain > best.gain)) best = { gain: gain, h: h, s: Math.min(i, j), word: pairWord(nb, h, side) };
        }
        // any character at all, for a rare one standing alone where one of the most common words with its
        // neighbour fits far better (柜政部 → 财政部: neither sound nor shape, a slip of the input method)
        if (wl !== 1 || !rareChar(lex, ch, g.any_char_logp)) continue;
        var top = lex.commonFills(nb, side, g.any_top);
        for (k = 0; k < top.length; k++) {
          h = top[k];
          if (h === ch) continue;
          if (base === null) base = lex.score(codes, lo, hi, -1, 0);
          gain = lex.score(codes, lo, hi, i, h) - base;
          if (gain >= g.min_gain_any && (!best || gain > best.gain)) {
            best = { gain: gain, h: h, s: Math.min(i, j), word: pairWord(nb, h, side), unsure: true };
          }
        }
      }
      // a rare character standing alone that makes a three- or four-character word in its place (办公厛 → 办公厅)
      if (!best && wl === 1 && rareChar(lex, ch, g.long_char_logp)) best = this.longerWord(run, i, lex, needed, lo, hi);
      if (!best) continue;
      var s = run.at + best.s, e = s + best.word.length;
      if (overlaps(listed, s, e) || this.placeNameAt(raw, e, best.word, lex)) continue;
      run.guessed.push([s, e]);
      // a character that neither sounds nor looks like the one it replaces: the place is sure, the word is a guess
      // (no one-click fix)
      if (best.unsure) this.finding(out, "typo", lineno, raw, s, e, { match: raw.slice(s, e), right: best.word }, "unsure");
      else this.finding(out, "typo", lineno, raw, s, e, { match: raw.slice(s, e), right: best.word, replace: best.word }, "guess");
      i = Math.max(i, best.s + best.word.length - 1);   // one finding per word
    }
  };

  /** The two-character word of the neighbour nb and h: nb + h (side 0) or h + nb. */
  function pairWord(nb, h, side) {
    return side === 0 ? String.fromCharCode(nb, h) : String.fromCharCode(h, nb);
  }

  /**
   * The best three- or four-character word that a homophone or look-alike of the run's character i makes around it,
   * or null (the window codes[lo … hi) is what its gain is measured on).
   */
  Checker.prototype.longerWord = function (run, i, lex, needed, lo, hi) {
    var g = this.rules.typo.guess, codes = run.codes, text = run.text, ch = codes[i], r = lex.sound[ch];
    // the homophones, then the look-alikes
    var h0 = lex.syllableAt[r], nh = r ? lex.syllableAt[r + 1] - h0 : 0, s0 = lex.shapeAt[ch], ns = lex.shapeEnd[ch] - s0;
    var best = null, base = null;
    for (var len = 3; len <= 4; len++) {
      for (var w0 = Math.max(0, i - len + 1); w0 <= i && w0 + len <= text.length; w0++) {
        for (var k = 0; k < nh + ns; k++) {
          var h = k < nh ? lex.syllable[h0 + k] : lex.shape.charCodeAt(s0 + k - nh);
          if (h === ch || !(lex.logpAt(codes, w0, len, i, h) >= g.min_word_logp)) continue;
          if (base === null) base = lex.score(codes, lo, hi, -1, 0);
          var gain = lex.score(codes, lo, hi, i, h) - base;
          if (gain >= needed && (!best || gain > best.gain)) {
            best = { gain: gain, h: h, s: w0, word: text.slice(w0, i) + String.fromCharCode(h) + text.slice(i + 1, w0 + len) };
          }
        }
      }
    }
    return best;
  };

  /**
   * A whole word typed as its homophone (跻吉 for 积极): two characters that stand alone in the split, one of
   * them rare, read like a common two-character word (usual readings, tones aside), and putting that word in
   * their place makes the words around them much more probable.
   */
  Checker.prototype.guessWordTypos = function (out, lineno, raw, run, lex, listed) {
    var g = this.rules.typo.guess, codes = run.codes, text = run.text, n = text.length, words = run.seg.words;
    for (var i = 0; i + 1 < n; i++) {
      var a = words[run.token[i]], b = words[run.token[i + 1]];
      if (a.e - a.s !== 1 || b.e - b.s !== 1 || !(rareChar(lex, codes[i], g.pair_rare_char_logp) ||
          rareChar(lex, codes[i + 1], g.pair_rare_char_logp))) continue;
      var alike = lex.soundAlike(codes[i], codes[i + 1], g.min_word_logp);
      if (!alike.length) continue;
      var lo = Math.max(0, i - g.window), hi = Math.min(n, i + 2 + g.window);
      // the window, in which the pair is replaced by each candidate in turn
      if (windowCodes.length < hi - lo) windowCodes = new Uint16Array(hi - lo);
      windowCodes.set(codes.subarray(lo, hi));
      var base = null, best = null;
      for (var k = 0; k < alike.length; k++) {
        var x = alike[k][0], y = alike[k][1];
        // one character changed is the single-character guess's business (guessTypos)
        if (x === codes[i] || y === codes[i + 1]) continue;
        if (base === null) base = lex.score(codes, lo, hi, -1, 0);
        windowCodes[i - lo] = x; windowCodes[i - lo + 1] = y;
        var gain = lex.score(windowCodes, 0, hi - lo, -1, 0) - base;
        if (gain >= g.min_gain_pair && (!best || gain > best.gain)) best = { gain: gain, word: String.fromCharCode(x, y) };
      }
      if (!best) continue;
      var s = run.at + i, e = s + 2;
      if (overlaps(listed, s, e) || overlaps(run.guessed, s, e) || this.placeNameAt(raw, e, best.word, lex)) continue;
      this.finding(out, "typo", lineno, raw, s, e, { match: text.substr(i, 2), right: best.word, replace: best.word }, "guess");
      i++;
    }
  };

  /**
   * Is raw[e] the start of an administrative unit (镇, 村…)? Then the characters before it are most likely a
   * place name the dictionary lacks, unless the suggested word is itself a place name (聋西县 → 陇西县).
   */
  Checker.prototype.placeNameAt = function (raw, e, suggested, lex) {
    if (!this.placeRe) this.placeRe = I.rx(this.rules.typo.guess.place_after);
    return this.placeRe.test(raw.slice(e, e + 2)) && lex.wordClass(suggested) !== "P";
  };

  /** Is the character (code) ch unknown to the dictionary, or rarer on its own than maxLogp? */
  function rareChar(lex, ch, maxLogp) {
    var lp = lex.charLogp(ch);
    return lp === undefined || lp <= maxLogp;
  }

  function overlaps(spans, s, e) {
    for (var k = 0; k < spans.length; k++) if (spans[k][0] < e && s < spans[k][1]) return true;
    return false;
  }

  /**
   * A character typed twice (的的, 了了): two equal characters side by side, each a word of its own in
   * the split. Kept: a word of the dictionary (常常, 人人, 的的确确), a character that ends one word and
   * starts or joins the next (工作作风, 学习习近平, 科科长), a measure word after 一 (一项项, 一剂剂),
   * AABB (和和美美),
   * numerals (一一对应).
   */
  Checker.prototype.doubledChars = function (out, lineno, raw, run, lex) {
    var text = run.text, words = run.seg.words, numerals = this.rules["repeat-word"].numerals;
    for (var i = 0; i + 1 < text.length; i++) {
      var ch = text.charAt(i);
      if (ch !== text.charAt(i + 1)) continue;
      var a = words[run.token[i]], b = words[run.token[i + 1]];
      if (a.e - a.s > 1 || b.e - b.s > 1) continue;
      if (numerals.indexOf(ch) >= 0 || (i > 0 && text.charAt(i - 1) === "一")) continue;
      // AABB reduplication: 和和美美, 干干净净
      if ((i + 3 < text.length && text.charAt(i + 2) === text.charAt(i + 3)) ||
          (i >= 2 && text.charAt(i - 2) === text.charAt(i - 1))) continue;
      var s = run.at + i;
      this.finding(out, "repeat-word", lineno, raw, s, s + 2, { match: ch + ch, word: ch, replace: ch });
      i++;
    }
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
