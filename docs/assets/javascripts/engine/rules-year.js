/* 述职报告检查与排版引擎（ReportEngine）：报告年度：标题、开头、落款的年份，回顾性表述。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var toInt = I.toInt, Checker = I.Checker;

  var CLAUSE_END = /[。；！？]/;
  var YEAR_IN_TEXT = /((?:19|20)[0-9]{2})年/g;

  // ------------------------------------------------------------------ the report's year (issue 10)

  function yearOf(m) { return toInt(m[2] || m[1]); }   // a range (2021—2025年): the later year

  /** Title year, opening year and 落款 date, where the draft has them: {line, s, e, year}. */
  Checker.prototype.yearMarks = function (lines, info, kinds) {
    var marks = {}, title = this.titleLine(lines, info, kinds), m;
    if (title >= 0 && (m = this.yearRe.title.exec(lines[title]))) {
      marks.title = { line: title, s: m.index, e: m.index + m[0].length, year: yearOf(m) };
    }
    // the opening: the first paragraph after the title that is not a salutation; without
    // a title only a paragraph that reads as an opening (not 2027年，本人将……)
    for (var i = title + 1; i < lines.length; i++) {
      var k = kinds[i].kind;
      if (k === "blank" || k === "salutation" || k === "title") continue;
      if (k !== "body" || kinds[i].runIn) break;
      var opening = title >= 0 || this.transition.test(lines[i]) || /领导下/.test(lines[i]);
      var start = lines[i].length - lines[i].replace(/^[ \t\u3000]+/, "").length;
      if (opening && (m = this.yearRe.opening.exec(lines[i].slice(start)))) {
        marks.opening = { line: i, s: start + m.index, e: start + m.index + m[0].length, year: yearOf(m) };
      }
      break;
    }
    for (i = lines.length - 1; i >= 0; i--) {
      if (kinds[i].kind === "blank") continue;
      if (kinds[i].kind === "date" && (m = this.yearRe.date.exec(lines[i]))) {
        var st = lines[i].length - lines[i].replace(/^[ \t\u3000]+/, "").length;
        marks.date = { line: i, s: st, e: lines[i].replace(/[ \t\u3000]+$/, "").length, year: toInt(m[1]), month: toInt(m[2]) };
      }
      break;
    }
    return marks;
  };

  Checker.prototype.yearRules = function (out, lines, marks, year, given) {
    if (year === null) return;
    var self = this, rule = this.rules["year-mismatch"];
    ["title", "opening"].forEach(function (k) {
      var mk = marks[k];
      // without a given year the title's year is the report's
      if (!mk || mk.year === year || (k === "title" && !given)) return;
      self.finding(out, "year-mismatch", mk.line + 1, lines[mk.line], mk.s, mk.e, { found: mk.year, year: year, next: year + 1 }, k);
    });
    var d = marks.date;
    if (d && !(d.year === year || (d.year === year + 1 && d.month <= rule.date_months_after))) {
      this.finding(out, "year-mismatch", d.line + 1, lines[d.line], d.s, d.e, { found: d.year, year: year, next: year + 1 }, "date");
    }
  };

  /** 巩固拓展……成果, 推动……常态化长效化: how a later report cites a campaign. */
  /** The clause around [s, e) looks back: 过渡期、以来…, or names a year up to `until` (2020年以前，……精准扶贫). */
  Checker.prototype.retrospective = function (raw, s, e, until) {
    // the clause ends of a line are found once and each clause is judged once per `until`,
    // so a long line with many dated terms stays linear
    var c = this.clauseCache;
    if (!c || c.raw !== raw) {
      var ends = [];
      for (var i = 0; i < raw.length; i++) if (CLAUSE_END.test(raw[i])) ends.push(i);
      c = this.clauseCache = { raw: raw, ends: ends, seen: {} };
    }
    var lo = 0, hi = c.ends.length;        // first clause end at or after s
    while (lo < hi) { var mid = (lo + hi) >> 1; if (c.ends[mid] < s) lo = mid + 1; else hi = mid; }
    if (lo < c.ends.length && c.ends[lo] < e) return this.clauseLooksBack(raw.slice(s, e), until);
    var a = lo > 0 ? c.ends[lo - 1] + 1 : 0, b = lo < c.ends.length ? c.ends[lo] : raw.length;
    var key = lo + ":" + until;
    if (!(key in c.seen)) c.seen[key] = this.clauseLooksBack(raw.slice(a, b), until);
    return c.seen[key];
  };

  Checker.prototype.clauseLooksBack = function (clause, until) {
    var m;
    if (this.lookingBack.test(clause)) return true;
    YEAR_IN_TEXT.lastIndex = 0;
    while ((m = YEAR_IN_TEXT.exec(clause)) !== null) if (parseInt(m[1], 10) <= until) return true;
    return false;
  };

  Checker.prototype.citedLater = function (raw, s, e) {
    return this.laterCitation.after.test(raw.slice(e, e + 8)) || this.laterCitation.before.test(raw.slice(Math.max(0, s - 8), s));
  };

  I.CLAUSE_END = CLAUSE_END; I.YEAR_IN_TEXT = YEAR_IN_TEXT; I.yearOf = yearOf;
})(typeof globalThis !== "undefined" ? globalThis : this);
