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
                  nounBefore: I.rx(d.noun_before) };
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
        var run = { text: m[0], at: m.index, seg: lex.segment(m[0]) };
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
   * before a noun (较好的完成率), after 所/要 (所做的还不够).
   */
  Checker.prototype.deUsage = function (out, lineno, raw, run, lex) {
    var text = run.text, words = run.seg.words, re = this.deRe;
    if (!this.deRe) { this.setupLanguage(); re = this.deRe; }
    for (var k = 1; k + 1 < words.length; k++) {
      var w = words[k];
      if (w.e - w.s !== 1 || text.charAt(w.s) !== "的") continue;
      var left = words[k - 1], right = words[k + 1];
      var lw = text.slice(left.s, left.e), rw = text.slice(right.s, right.e);
      var lc = lex.cls.get(lw), rc = lex.cls.get(rw);
      // a one-character adjective only after a degree word (较好的完成); alone it is a noun's attribute (好的做法)
      if (lw.length === 1 && lc === "A") {
        if (k < 2 || !DEGREE_BEFORE.test(text.slice(words[k - 2].s, words[k - 2].e))) continue;
        left = { s: words[k - 2].s, e: left.e }; lw = text.slice(left.s, left.e);
      }
      var before = raw.slice(0, run.at + left.s), after = text.slice(right.s);
      var fix = null;
      if ((lc === "A" || lc === "D") && rc === "V" && rw.length > 1 && !re.light.test(before) &&
          !re.nounAfter.test(text.slice(right.e))) fix = "地";
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
   */
  Checker.prototype.guessTypos = function (out, lineno, raw, run, lex, listed) {
    var g = this.rules.typo.guess, text = run.text, n = text.length, words = run.seg.words;
    for (var i = 0; i < n; i++) {
      var w = words[run.token[i]];
      if (w.e - w.s > 2 || (w.e - w.s === 2 && lex.logp.get(text.slice(w.s, w.e)) > g.max_word_logp)) continue;
      var ch = text.charAt(i), best = null, base = null, chLogp = lex.logp.get(ch);
      if (chLogp > g.max_char_logp) continue;   // a common word on its own (的, 在): not a typo by sound alone
      // a character rare on its own (or unknown) needs less evidence than a common one
      var needed = chLogp === undefined || chLogp <= g.rare_char_logp ? g.min_gain_rare : g.min_gain;
      var lo = Math.max(0, i - g.window), hi = Math.min(n, i + g.window + 1), around = text.slice(lo, hi);
      for (var side = 0; side < 2; side++) {
        var j = side === 0 ? i - 1 : i + 1;        // the neighbour the new word is made with
        if (j < 0 || j >= n) continue;
        var nb = text.charAt(j), fills = side === 0 ? lex.after.get(nb) : lex.before.get(nb);
        if (!fills) continue;
        // walk the shorter list: the characters that make a word with the neighbour, or ch's homophones
        // and look-alikes
        // (a look-alike only for a character standing alone: 网格 is a word, not a misspelt 网络)
        var homs = lex.homophones(ch), shapes = w.e - w.s === 1 ? lex.lookAlikes(ch) : "", nh = homs.length;
        var viaHoms = nh + shapes.length < fills.length, count = viaHoms ? nh + shapes.length : fills.length;
        var sound = lex.sound.get(ch);
        for (var k = 0; k < count; k++) {
          var h = viaHoms ? (k < nh ? homs[k] : shapes.charAt(k - nh)) : fills[k];
          if (h === ch) continue;
          var word = side === 0 ? nb + h : h + nb;
          if (viaHoms ? !lex.logp.has(word) : lex.sound.get(h) !== sound && shapes.indexOf(h) < 0) continue;
          if (lex.logp.get(word) < g.min_word_logp) continue;
          if (base === null) base = lex.score(around);
          var gain = lex.score(around.slice(0, i - lo) + h + around.slice(i - lo + 1)) - base;
          if (gain >= needed && (!best || gain > best.gain)) best = { gain: gain, h: h, s: Math.min(i, j), word: word };
        }
        // any character at all, for a rare one standing alone where one of the most common words with its
        // neighbour fits far better (柜政部 → 财政部: neither sound nor shape, a slip of the input method)
        if (w.e - w.s !== 1 || !rareChar(lex, ch, g.any_char_logp)) continue;
        var top = lex.commonFills(nb, side, g.any_top);
        for (k = 0; k < top.length; k++) {
          h = top[k];
          if (h === ch) continue;
          if (base === null) base = lex.score(around);
          gain = lex.score(around.slice(0, i - lo) + h + around.slice(i - lo + 1)) - base;
          if (gain >= g.min_gain_any && (!best || gain > best.gain)) {
            best = { gain: gain, h: h, s: Math.min(i, j), word: side === 0 ? nb + h : h + nb, unsure: true };
          }
        }
      }
      // a rare character standing alone that makes a three- or four-character word in its place (办公厛 → 办公厅)
      if (!best && w.e - w.s === 1 && rareChar(lex, ch, g.long_char_logp)) best = this.longerWord(text, i, lex, needed, lo, around);
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

  /** The best three- or four-character word that a homophone or look-alike of text[i] makes around it, or null. */
  Checker.prototype.longerWord = function (text, i, lex, needed, lo, around) {
    var g = this.rules.typo.guess, ch = text.charAt(i), cands = lex.homophones(ch).join("") + lex.lookAlikes(ch);
    var best = null, base = null;
    for (var len = 3; len <= 4; len++) {
      for (var s0 = Math.max(0, i - len + 1); s0 <= i && s0 + len <= text.length; s0++) {
        var before = text.slice(s0, i), after = text.slice(i + 1, s0 + len);
        for (var k = 0; k < cands.length; k++) {
          var h = cands.charAt(k);
          if (h === ch || !(lex.logp.get(before + h + after) >= g.min_word_logp)) continue;
          if (base === null) base = lex.score(around);
          var gain = lex.score(around.slice(0, i - lo) + h + around.slice(i - lo + 1)) - base;
          if (gain >= needed && (!best || gain > best.gain)) best = { gain: gain, h: h, s: s0, word: before + h + after };
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
    var g = this.rules.typo.guess, text = run.text, n = text.length, words = run.seg.words;
    for (var i = 0; i + 1 < n; i++) {
      var a = words[run.token[i]], b = words[run.token[i + 1]], pair = text.substr(i, 2);
      if (a.e - a.s !== 1 || b.e - b.s !== 1 || !(rareChar(lex, pair.charAt(0), g.pair_rare_char_logp) ||
          rareChar(lex, pair.charAt(1), g.pair_rare_char_logp))) continue;
      var alike = lex.soundAlike(pair.charAt(0), pair.charAt(1), g.min_word_logp);
      if (!alike.length) continue;
      var lo = Math.max(0, i - g.window), hi = Math.min(n, i + 2 + g.window), around = text.slice(lo, hi);
      var base = null, best = null;
      for (var k = 0; k < alike.length; k++) {
        var w = alike[k];
        // one character changed is the single-character guess's business (guessTypos)
        if (w.charAt(0) === pair.charAt(0) || w.charAt(1) === pair.charAt(1)) continue;
        if (base === null) base = lex.score(around);
        var gain = lex.score(around.slice(0, i - lo) + w + around.slice(i - lo + 2)) - base;
        if (gain >= g.min_gain_pair && (!best || gain > best.gain)) best = { gain: gain, word: w };
      }
      if (!best) continue;
      var s = run.at + i, e = s + 2;
      if (overlaps(listed, s, e) || overlaps(run.guessed, s, e) || this.placeNameAt(raw, e, best.word, lex)) continue;
      this.finding(out, "typo", lineno, raw, s, e, { match: pair, right: best.word, replace: best.word }, "guess");
      i++;
    }
  };

  /**
   * Is raw[e] the start of an administrative unit (镇, 村…)? Then the characters before it are most likely a
   * place name the dictionary lacks, unless the suggested word is itself a place name (聋西县 → 陇西县).
   */
  Checker.prototype.placeNameAt = function (raw, e, suggested, lex) {
    if (!this.placeRe) this.placeRe = I.rx(this.rules.typo.guess.place_after);
    return this.placeRe.test(raw.slice(e, e + 2)) && lex.cls.get(suggested) !== "P";
  };

  /** Is ch unknown to the dictionary, or rarer on its own than maxLogp? */
  function rareChar(lex, ch, maxLogp) {
    var lp = lex.logp.get(ch);
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
