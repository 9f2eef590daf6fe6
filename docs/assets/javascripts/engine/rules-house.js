/* 述职报告检查与排版引擎（ReportEngine）：指南自己定下的写作规则（data/house_rules.yml）中机器看得出的部分：
 * 廉洁句子里的绝对化说法、没有出处的排名、政绩观整改的时限、个人“开展”学习教育。
 * 词表和时限只在 house_rules.yml 写一次；语境、写法这些引擎用的参数在 checker_rules.yml 对应的规则里。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var allMatches = I.allMatches, Checker = I.Checker, escapeRe = I.escapeRe;

  /** [start, end) of the clauses of a line: up to and including 。；！？ (and their half-width forms). */
  function clauses(raw, stops) {
    var out = [], s = 0;
    for (var i = 0; i < raw.length; i++) {
      if (stops.indexOf(raw[i]) >= 0) { out.push([s, i + 1]); s = i + 1; }
    }
    if (s < raw.length) out.push([s, raw.length]);
    return out;
  }

  /** The clause [start, end) holding offset i (binary search: long lines stay linear overall). */
  function clauseAt(cl, i) {
    var lo = 0, hi = cl.length - 1;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (cl[mid][1] <= i) lo = mid + 1; else hi = mid; }
    return cl[lo];
  }

  /** Per offset of a line: inside “…” or 《…》 (someone else's words, a document's name)? Built once per line. */
  function quotedMap(raw) {
    var map = new Uint8Array(raw.length), depth = 0, book = 0;
    for (var k = 0; k < raw.length; k++) {
      var c = raw[k];
      map[k] = depth > 0 || book > 0 ? 1 : 0;
      if (c === "“") depth++; else if (c === "”" && depth) depth--;
      else if (c === "《") book++; else if (c === "》" && book) book--;
    }
    return map;
  }

  Checker.prototype.setupHouse = function () {
    if (this.houseRe) return this.houseRe;
    var house = this.house || {}, rules = this.rules, re = {};
    var abs = house.absolute_words, rank = house.internal_ranking, camp = house.campaign_wording;
    if (abs && rules["absolute-word"]) {
      re.absolute = new RegExp(abs.words.map(escapeRe).join("|"), "gu");
      re.absoluteContext = new RegExp(rules["absolute-word"].context, "u");
    }
    if (rank && rules["ranking-internal"]) {
      re.ranking = new RegExp("(?:" + rank.patterns.join("|") + ")(?:[0-9一二三四五六七八九十]+[名位]?)?", "gu");
      re.published = rank.published_markers;
    }
    if (camp && rules["campaign-wording"]) {
      re.campaign = new RegExp("(?:" + camp.forbidden_before.map(escapeRe).join("|") + ")“?" + escapeRe(camp.campaign), "gu");
    }
    var dl = rules["rectification-deadline"];
    if (house.rectification_deadline && dl) {
      re.deadline = new RegExp(dl.deadline, "gu");
      re.deadlineContext = new RegExp(dl.context, "u");
    }
    return (this.houseRe = re);
  };

  Checker.prototype.houseRules = function (out, lines, info, kinds, year) {
    var re = this.setupHouse();
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx];
      if (!raw.trim()) continue;
      var cl = clauses(raw, "。；！？;!?"), ms, j;
      if (re.absolute) {
        ms = allMatches(re.absolute, raw);
        var inQuotes = ms.length ? quotedMap(raw) : null, context = {};   // per clause, tested once
        for (j = 0; j < ms.length; j++) {
          var m = ms[j], c = clauseAt(cl, m.index);
          if (!(c[0] in context)) context[c[0]] = re.absoluteContext.test(raw.slice(c[0], c[1]));
          if (!context[c[0]] || inQuotes[m.index]) continue;
          this.finding(out, "absolute-word", idx + 1, raw, m.index, m.index + m[0].length, { match: m[0] });
        }
      }
      if (re.ranking) {
        ms = allMatches(re.ranking, raw);
        // a sentence runs to 。！？ (a ranking's source may sit in the clause before it)
        var sentences = clauses(raw, "。！？!?"), sources = {};   // per sentence: names a published source?
        for (j = 0; j < ms.length; j++) {
          var r = ms[j], sc = clauseAt(sentences, r.index);
          if (!(sc[0] in sources)) {
            var sent = raw.slice(sc[0], sc[1]);
            sources[sc[0]] = re.published.some(function (w) { return sent.indexOf(w) >= 0; });
          }
          if (sources[sc[0]]) continue;
          // the pattern 中居第 needs the 中 of 在……中 to tell it from other 居; the ranking starts at 居
          var rs = r.index + (r[0].charAt(0) === "中" ? 1 : 0), rm = raw.slice(rs, r.index + r[0].length);
          this.finding(out, "ranking-internal", idx + 1, raw, rs, r.index + r[0].length, { match: rm });
        }
      }
      if (re.campaign) {
        ms = allMatches(re.campaign, raw);
        for (j = 0; j < ms.length; j++) {
          var cm = ms[j], before = raw.slice(Math.max(clauseAt(cl, cm.index)[0], cm.index - 30), cm.index);
          // 组织全局开展……: the unit runs it, which is right (looked for in the 30 characters before)
          if (/组织|带领|指导|督促|推动|部署/.test(before)) continue;
          this.finding(out, "campaign-wording", idx + 1, raw, cm.index, cm.index + cm[0].length, { match: cm[0] });
        }
      }
    }
    // the report's year, for the deadline rule that structure() runs on the 整改 part
    this.houseYear = year;
  };

  /**
   * 政绩观 rectification deadlines later than the house rule allows, in the lines of the 整改措施
   * part (`which`: 0-based line numbers). A bare month takes the year written before it in the
   * same item, else the year after the report's.
   */
  Checker.prototype.rectificationDeadline = function (out, lines, info, kinds, which) {
    var re = this.setupHouse(), house = this.house && this.house.rectification_deadline;
    if (!re.deadline || !house || !which.length) return;
    var latest = house.latest, year = this.houseYear;
    // the campaign's year only: the year before the latest deadline
    if (year !== null && year !== undefined && year !== latest.year - 1) return;
    var fallback = year ? year + 1 : latest.year, heading = "", label = latest.year + "年" + latest.month + "月底";
    for (var w = 0; w < which.length; w++) {
      var idx = which[w], raw = lines[idx];
      if (/^h[2-4]$/.test(kinds[idx].kind)) { heading = raw; continue; }
      if (!raw.trim()) continue;
      // one item each: a paragraph holds several when written 一是……二是……
      var cuts = [0];
      allMatches(this.chain, raw).forEach(function (c) { if (c.index > 0) cuts.push(c.index); });
      cuts.push(raw.length);
      for (var c = 0; c + 1 < cuts.length; c++) {
        var item = raw.slice(cuts[c], cuts[c + 1]);
        if (!re.deadlineContext.test(item) && !re.deadlineContext.test(heading)) continue;
        var ms = allMatches(re.deadline, item), y = fallback;
        for (var j = 0; j < ms.length; j++) {
          var m = ms[j], at = cuts[c] + m.index;
          if (m[1]) y = parseInt(m[1], 10);
          var month = m[2] ? parseInt(m[2], 10) : m[3] === "年中" ? 6 : 12;
          if (y > latest.year || (y === latest.year && month > latest.month)) {
            this.finding(out, "rectification-deadline", idx + 1, raw, at, at + m[0].length, { match: m[0], latest: label });
          }
        }
      }
    }
  };

  I.clauses = clauses; I.clauseAt = clauseAt;
})(typeof globalThis !== "undefined" ? globalThis : this);
