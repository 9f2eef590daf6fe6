/* 述职报告检查与排版引擎（ReportEngine）：规范表述：错误写法、过时提法、党代会届次。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var cnToInt = I.cnToInt, intToCn = I.intToCn, allMatches = I.allMatches, Checker = I.Checker;

  /** A line without the quote marks formulations ignore; keep[i] = raw offset of text[i] (null: same offsets). */
  Checker.prototype.strip = function (raw) {
    if (!this.ignoreRe.test(raw)) return { text: raw, keep: null };
    var keep = [], parts = [];
    for (var i = 0; i < raw.length; i++) {
      if (this.ignore.indexOf(raw[i]) < 0) { keep.push(i); parts.push(raw[i]); }
    }
    return { text: parts.join(""), keep: keep };
  };

  Checker.prototype.stripTerm = function (t) {
    var ig = this.ignore;
    return Array.prototype.filter.call(t, function (ch) { return ig.indexOf(ch) < 0; }).join("");
  };

  /** The formulations' terms and wrong variants, stripped once per engine (not on every line). */
  Checker.prototype.formulationIndex = function () {
    if (this.formIndex) return this.formIndex;
    var self = this, terms = [], wrongs = [];
    this.formulations.forEach(function (f) {
      [f.term].concat(f.match || []).forEach(function (t0) {
        var t = self.stripTerm(t0);
        if (t) terms.push({ text: t, f: f });
      });
    });
    var seen = {};
    this.formulations.forEach(function (f) {
      (f.wrong || []).forEach(function (w0) {
        var w = self.stripTerm(w0);
        // 执纪监督“四种形态” and 执纪监督四种形态 are one wrong form once quotes are ignored: one finding
        if (!w || seen[w]) return;
        seen[w] = true;
        var fix = f.corrections && f.corrections[w0];
        wrongs.push({ text: w, f: f, fix: fix || f.term });
      });
    });
    // longest first, so that a wrong form inside a longer one already found is not found again
    wrongs.sort(function (a, b) { return b.text.length - a.text.length; });
    return (this.formIndex = { terms: terms, wrongs: wrongs });
  };

  /** Whether [s, e) lies inside one of the spans (sorted by start, with running maximum ends). */
  function inside(starts, maxEnds, s, e) {
    var lo = 0, hi = starts.length;       // first span starting after s
    while (lo < hi) { var mid = (lo + hi) >> 1; if (starts[mid] <= s) lo = mid + 1; else hi = mid; }
    return lo > 0 && maxEnds[lo - 1] >= e;
  }

  /** [s, e) widened to the quote marks that belong to it: 执纪监督“四种形态” with its closing ” (the
   *  comparison ignores quotes, so a match ends before it), never a quote half-open. */
  function quoteSpan(raw, s, e) {
    var text = raw.slice(s, e), open = text.split("“").length - text.split("”").length;
    if (open > 0 && raw[e] === "”") e++;
    else if (open < 0 && s > 0 && raw[s - 1] === "“") s--;
    return [s, e];
  }

  /** Text quoted inside a message's “{match}”: its own double quotes become single ones (GB/T 15834). */
  function nested(text) { return String(text).replace(/“/g, "‘").replace(/”/g, "’"); }

  Checker.prototype.formulationRules = function (out, lines, year) {
    if (!this.formulations.length) return;
    var rule = this.rules["formulation-dated"], index = this.formulationIndex();
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx];
      if (!raw.trim()) continue;
      var st = this.strip(raw), text = st.text, keep = st.keep, terms = [], k, start;
      for (k = 0; k < index.terms.length; k++) {
        var t = index.terms[k].text;
        for (start = text.indexOf(t); start >= 0; start = text.indexOf(t, start + 1)) terms.push([start, start + t.length, index.terms[k].f]);
      }
      if (!terms.length && !index.wrongs.length) continue;
      // longest first among terms that start together; the sort is stable
      var sorted = terms.slice().sort(function (a, b) { return a[0] - b[0] || (b[1] - b[0]) - (a[1] - a[0]); });
      var starts = [], maxEnds = [];
      for (k = 0; k < sorted.length; k++) {
        starts.push(sorted[k][0]);
        maxEnds.push(k ? Math.max(maxEnds[k - 1], sorted[k][1]) : sorted[k][1]);
      }
      var reported = [];
      for (k = 0; k < index.wrongs.length; k++) {
        var w = index.wrongs[k].text, fix = index.wrongs[k].fix;
        for (start = text.indexOf(w); start >= 0; start = text.indexOf(w, start + 1)) {
          var end = start + w.length;
          if (inside(starts, maxEnds, start, end)) continue;
          if (reported.some(function (r) { return r[0] <= start && end <= r[1]; })) continue;
          reported.push([start, end]);
          var span = quoteSpan(raw, keep ? keep[start] : start, keep ? keep[end - 1] + 1 : end);
          this.finding(out, "formulation-wrong", idx + 1, raw, span[0], span[1],
            { match: nested(raw.slice(span[0], span[1])), term: nested(fix) });
        }
      }
      if (year === null || year === undefined) continue;
      var doneEnd = -1;   // accepted terms are disjoint and come in start order: only the last can overlap
      for (k = 0; k < sorted.length; k++) {
        var ts = sorted[k][0], te = sorted[k][1], f = sorted[k][2];
        if (!f.time_sensitive || ts < doneEnd) continue;
        doneEnd = te;
        var since = parseInt(f.year, 10), until = f.until, campaign = this.campaign.test(f.term);
        if ((until === undefined || until === null) && campaign) until = since + this.cfg.campaign_years;
        // current until its last year; after it only a later citation (巩固拓展……成果) is right
        if (until === undefined || until === null || year <= parseInt(until, 10)) continue;
        var ds = keep ? keep[ts] : ts, de = keep ? keep[te - 1] + 1 : te;
        if (campaign && this.citedLater(raw, ds, de)) continue;
        if (this.retrospective(raw, ds, de, parseInt(until, 10))) continue;
        this.finding(out, "formulation-dated", idx + 1, raw, ds, de, {
          term: f.term, since: since, until: until, year: year,
          advice: campaign ? "引用时写作“巩固拓展" + f.term + "成果”，以最新中央文件表述为准" : "以最新中央文件表述为准"
        }, campaign ? "campaign" : "expired");
      }
    }
  };

  Checker.prototype.congress = function (out, lines, year) {
    if (year === null || year === undefined) return;
    var c = this.cfg.congress, pats = this.patterns["congress-dated"];
    for (var idx = 0; idx < lines.length; idx++) {
      for (var p = 0; p < pats.length; p++) {
        var ms = allMatches(pats[p], lines[idx]);
        for (var j = 0; j < ms.length; j++) {
          var m = ms[j], n = cnToInt(m[1]);
          var nextYear = c.base_year + (n + 1 - c.base_number) * c.interval;
          if (year > nextYear) {
            this.finding(out, "congress-dated", idx + 1, lines[idx], m.index, m.index + m[0].length,
              { match: m[0], year: year, next: intToCn(n + 1) });
          }
        }
      }
    }
  };

  I.inside = inside; I.nested = nested;
})(typeof globalThis !== "undefined" ? globalThis : this);
