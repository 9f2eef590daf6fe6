/* 述职报告检查与排版引擎（ReportEngine）：字词、空格、标点：错别字、的地得、重复、二两、多余空格、标题句号。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var rx = I.rx, escapeRe = I.escapeRe, caseRe = I.caseRe, eachHit = I.eachHit, Taken = I.Taken,
      Checker = I.Checker;

  // de-usage comes from parts of speech (rules-language.js)
  var CASE_RULES = ["repeat-word", "er-liang", "punct-misuse"];

  Checker.prototype.setupWords = function (data) {
    var han = this.cfg.han, self = this;
    var typos = ((data.typos && data.typos.typos) || []).slice();
    typos.sort(function (a, b) { return b.wrong.length - a.wrong.length; });
    this.typoRight = Object.create(null);   // looked up by what the text holds: no prototype
    typos.forEach(function (t) { self.typoRight[t.wrong] = t.right; });
    // one alternation of literals, longest first: linear in the text
    this.typoRe = typos.length ? rx(typos.map(function (t) { return escapeRe(t.wrong); }).join("|"), "g") : null;
    this.cases = {};
    CASE_RULES.forEach(function (id) {
      self.cases[id] = self.rules[id].cases.map(function (c) { return { c: c, re: caseRe(han, c) }; });
    });
    var sp = this.rules["space-stray"], h = function (p) { return p.split("{HAN}").join(han); };
    this.space = { between: rx(h(sp.between), "g"), comma: rx(h(sp.after_comma), "g"), number: rx(h(sp.after_number)),
                   short: sp.short_line_han, han: rx("[" + han + "]", "g") };
    var y = this.cfg.report_year;
    this.yearRe = { title: rx(y.title), opening: rx(y.opening), date: rx(y.date) };
    this.idRegions = Object.create(null);
    this.rules["pii-idcard"].regions.forEach(function (r) { self.idRegions[String(r)] = true; });
    this.bankPrefix = rx(this.rules["pii-bankcard"].prefix);
    this.bankContext = rx(this.rules["pii-bankcard"].context);
    this.laterCitation = { after: rx(this.cfg.later_citation.after), before: rx(this.cfg.later_citation.before) };
    this.lookingBack = rx(this.cfg.retrospective);
  };

  Checker.prototype.wordRules = function (out, lines) {
    var self = this, sp = this.space;
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx], lineno = idx + 1, m;
      if (!raw.trim()) continue;
      if (this.typoRe) {
        this.typoRe.lastIndex = 0;
        while ((m = this.typoRe.exec(raw)) !== null) {
          this.finding(out, "typo", lineno, raw, m.index, m.index + m[0].length, { match: m[0], right: this.typoRight[m[0]], replace: this.typoRight[m[0]] });
        }
      }
      CASE_RULES.forEach(function (id) {
        var rule = self.rules[id];
        self.cases[id].forEach(function (k) {
          eachHit(k.re, raw, function (mm, s, e) {
            var match = raw.slice(s, e), params = { match: match, fix: k.c.fix || "" };
            if (id === "repeat-word") params.word = params.replace = k.c.case === "char" ? match.charAt(0) : match.slice(0, match.length / 2);
            else if (id === "er-liang") params.fix = params.replace = match.replace("二", "两");
            else if (id === "punct-misuse") params.next = match.charAt(match.length - 1);
            self.finding(out, id, lineno, raw, s, e, params, rule.messages ? k.c.case : null);
          });
        });
      });
      // stray spaces: after a heading number, after 、, between two Chinese characters
      var taken = new Taken(), num = sp.number.exec(raw);
      taken.pass();
      if (num) {
        var lead = num[0].length - num[0].replace(/^[ \t\u3000]*/, "").length;
        taken.take(num.index, num.index + num[0].length);
        this.finding(out, "space-stray", lineno, raw, num.index + lead + num[1].length, num.index + num[0].length,
          { marker: num[1] }, "after-number");
      }
      taken.done();
      taken.pass();
      sp.comma.lastIndex = 0;
      while ((m = sp.comma.exec(raw)) !== null) {
        if (!taken.free(m.index, m.index + m[0].length)) continue;
        taken.take(m.index, m.index + m[0].length);
        this.finding(out, "space-stray", lineno, raw, m.index + 1, m.index + m[0].length, {}, "after-comma");
      }
      taken.done();
      // a short line is a letter-spaced title or a name padded to width (王  伟)
      if (this.hanCount(raw) > sp.short) {
        // 《》 spans are disjoint and in order, like the taken ones: both are walked once
        var books = new Taken();
        books.list = this.bookSpans(raw);
        books.pass();
        taken.pass();
        sp.between.lastIndex = 0;
        while ((m = sp.between.exec(raw)) !== null) {
          var s = m.index, e = s + m[0].length;
          if (!taken.free(s, e) || !books.free(s, e)) continue;
          this.finding(out, "space-stray", lineno, raw, s, e, {}, "between");
        }
      }
    }
  };

  Checker.prototype.hanCount = function (t) {
    var re = this.space.han, n = 0;
    re.lastIndex = 0;
    while (re.exec(t) !== null) n++;
    return n;
  };

  /** [start, end) of every 《…》 on a line (《中共中央 国务院关于……》 keeps its space); an unclosed one runs to the end. */
  Checker.prototype.bookSpans = function (raw) {
    var out = [], open = -1;
    for (var i = 0; i < raw.length; i++) {
      if (raw[i] === "《" && open < 0) open = i;
      else if (raw[i] === "》" && open >= 0) { out.push([open, i + 1]); open = -1; }
    }
    if (open >= 0) out.push([open, raw.length]);
    return out;
  };

  /**
   * The title line (index or -1): the paragraph classify() calls the title, or a first line
   * that would be one but for a 。 at its end (which classify() does not allow in a title).
   */
  Checker.prototype.titleLine = function (lines, info, kinds) {
    for (var i = 0; i < lines.length; i++) {
      if (kinds[i].kind === "title") return i;
      var t = lines[i].trim();
      if (!t) continue;
      if (info[i].num || kinds[i].kind !== "body") return -1;
      var body = t.replace(/。$/, "");
      var more = lines.slice(i + 1).some(function (l) { return l.trim(); });
      if (more && body !== t && this.titleLike(body) && /述职|报告|总结/.test(body) && !this.transition.test(body)) return i;
      return -1;
    }
    return -1;
  };

  Checker.prototype.periodRules = function (out, lines, info, kinds) {
    var title = this.titleLine(lines, info, kinds);
    if (title >= 0) {
      var raw = lines[title], end = raw.replace(/[ \t\u3000]+$/, "").length;
      if (raw.charAt(end - 1) === "。") this.finding(out, "punct-misuse", title + 1, raw, end - 1, end, { fix: "删去句号" }, "title-period");
    }
    for (var i = 0; i < lines.length; i++) {
      if (kinds[i].kind !== "h1") continue;
      var r = lines[i], e = r.replace(/[ \t\u3000]+$/, "").length;
      if (r.charAt(e - 1) === "。") this.finding(out, "punct-misuse", i + 1, r, e - 1, e, { fix: "删去句号" }, "heading-period");
    }
  };

  I.CASE_RULES = CASE_RULES;
})(typeof globalThis !== "undefined" ? globalThis : this);
