/* 述职报告检查与排版引擎（ReportEngine）：全文结构：按报告类型看各部分是否齐全、顺序、篇幅、条数、过渡句。
 * 各部分按位置和内容识别，不只看标题里的关键词（见 data/checker_rules.yml part_content）。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var CONNECTORS = I.CONNECTORS, cnToInt = I.cnToInt, roundHalfUp = I.roundHalfUp, countChars = I.countChars,
      allMatches = I.allMatches, partName = I.partName, rangeFor = I.rangeFor, Checker = I.Checker;

  /** The parts (of `parts`, default the five of sections.yml) a heading names by keyword. */
  Checker.prototype.recognise = function (heading, parts) {
    heading = heading.split("。")[0];
    parts = parts || this.parts;
    var found = [];
    heading.split(CONNECTORS).forEach(function (segment) {
      var best = null, bestKey = null;
      parts.forEach(function (part, order) {
        var hits = part.recognise.filter(function (k) { return segment.indexOf(k) >= 0; })
          .map(function (k) { return segment.indexOf(k); });
        if (!hits.length) return;
        var key = [-hits.length, Math.min.apply(null, hits), order];
        if (bestKey === null || key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && key[2] < bestKey[2])))) {
          best = part; bestKey = key;
        }
      });
      if (best !== null && found.indexOf(best) < 0) found.push(best);
    });
    return found;
  };

  function count(re, text) {
    if (!re) return 0;
    return allMatches(re, text).length;
  }

  /**
   * Headings without a keyword take the part their position leaves: between 学习 and 廉洁,
   * 二、聚焦主业，全力推动高质量发展 is 履职. Where the gap holds several missing parts and
   * the number of headings differs, the body's words (part_content) decide, in order.
   */
  Checker.prototype.byPosition = function (spans, parts, lines) {
    var order = Object.create(null), self = this, seen = Object.create(null), k, j;   // keyed by part ids
    parts.forEach(function (p, i) { order[p.id] = i; });
    spans.forEach(function (s) { s.parts.forEach(function (p) { seen[p.id] = true; }); });
    // one pass: lo is the last part met so far, hi the next recognised heading's (linear in headings)
    var lo = -1;
    for (k = 0; k < spans.length;) {
      if (spans[k].parts.length) {
        spans[k].parts.forEach(function (p) { lo = Math.max(lo, order[p.id]); });
        k++;
        continue;
      }
      var a = k;
      while (k < spans.length && !spans[k].parts.length) k++;
      var run = spans.slice(a, k), hi = parts.length;
      if (k < spans.length) spans[k].parts.forEach(function (p) { hi = Math.min(hi, order[p.id]); });
      var from = lo;
      var missing = parts.filter(function (p, i) { return i > from && i < hi && !seen[p.id]; });
      if (!missing.length) continue;
      if (missing.length === run.length) {
        run.forEach(function (s, i) { s.parts = [missing[i]]; });
      } else if (missing.length === 1) {
        run.forEach(function (s) { s.parts = [missing[0]]; });
      } else {
        var last = 0;
        run.forEach(function (s) {
          var body = spanBody(lines, s), best = -1, bestHits = 0;
          for (var i = last; i < missing.length; i++) {
            var h = count(self.partContent[missing[i].id], body);
            if (h > bestHits) { best = i; bestHits = h; }
          }
          if (best >= 0) { s.parts = [missing[best]]; last = best; }
        });
      }
      for (j = 0; j < run.length; j++) {
        run[j].parts.forEach(function (p) { seen[p.id] = true; lo = Math.max(lo, order[p.id]); });
      }
    }
  };

  /** Body text of a span (the lines under its heading). */
  function spanBody(lines, s) {
    var body = [];
    for (var b = s.start + 1; b < s.end; b++) body.push(lines[b]);
    return body.join("\n");
  }

  /**
   * A keyword can mislead: 一、笃学善思，持续提升履职本领 names 履职 but is the 学习 part. A heading
   * whose keyword part is out of place (another heading has it too, or it breaks the order) takes
   * a missing part that fits its position when its body reads more like that part (part_content).
   */
  Checker.prototype.reconsider = function (spans, parts, lines) {
    var order = Object.create(null), self = this, uses = Object.create(null), k, n = spans.length;
    parts.forEach(function (p, i) { order[p.id] = i; });
    spans.forEach(function (s) { s.parts.forEach(function (p) { uses[p.id] = (uses[p.id] || 0) + 1; }); });
    // the least part order after each heading, and the greatest before it (updated as headings change)
    var after = new Array(n + 1);
    after[n] = parts.length;
    for (k = n - 1; k >= 0; k--) {
      after[k] = after[k + 1];
      spans[k].parts.forEach(function (p) { after[k] = Math.min(after[k], order[p.id]); });
    }
    var lo = -1;
    for (k = 0; k < n; k++) {
      var s = spans[k];
      if (s.parts.length === 1) {
        var mine = s.parts[0], hi = after[k + 1];
        var inPlace = order[mine.id] > lo && order[mine.id] < hi, twice = uses[mine.id] > 1;
        if (!inPlace || twice) {
          var body = spanBody(lines, s), best = null, bestHits = count(self.partContent[mine.id], body);
          parts.forEach(function (p, i) {
            if (uses[p.id] || i <= lo || i >= hi) return;
            var h = count(self.partContent[p.id], body);
            if (h > bestHits) { best = p; bestHits = h; }
          });
          if (best) { uses[mine.id]--; uses[best.id] = 1; s.parts = [best]; }
        }
      }
      s.parts.forEach(function (p) { lo = Math.max(lo, order[p.id]); });
    }
  };

  /** The last non-blank line (0-based) before line `i`, or -1. */
  function lastTextBefore(lines, i) {
    for (var j = i - 1; j >= 0; j--) if (lines[j].trim()) return j;
    return -1;
  }

  function headingText(li) { return li.num ? li.body.slice(li.num.marker.length) : li.body; }

  Checker.prototype.structure = function (out, lines, info, kinds, partHint, typeAsked) {
    var self = this, heads = [], i, house = this.house || {};
    for (i = 0; i < info.length; i++) {
      if (kinds[i].kind === "h1" || (kinds[i].runIn && kinds[i].runIn.level === 1)) heads.push(i);
    }
    if (partHint === "opening" && !heads.length) {
      var body = [];
      for (i = 0; i < lines.length; i++) if (lines[i].trim() && kinds[i].kind !== "title" && kinds[i].kind !== "salutation") body.push(i);
      if (body.length && !this.transition.test(lines.join(""))) {
        var last = body[body.length - 1];
        this.finding(out, "opening-transition", last + 1, lines[last], 0, lines[last].length);
      }
      this.openingLength(out, lines, body);
      return;
    }
    var total = 0;
    lines.forEach(function (l) { total += countChars(l); });
    var type = this.reportType(typeAsked, lines, kinds);
    // the title and the opening tell who writes (for the length table and the number of items)
    var front = [];
    for (i = 0; i < (heads.length ? heads[0] : Math.min(lines.length, 3)); i++) front.push(lines[i]);
    var kind = this.authorKind(front.join("\n"));
    if (!type.structure) {
      // 考核登记表个人总结: no parts, no transition; only its length
      if (total) this.lengthTotal(out, lines, total, type, kind);
      return;
    }
    if (heads.length < this.cfg.full_report_min_headings || total < this.cfg.full_report_min_chars) {
      // a part on its own (the 整改措施 page's examples): its lines are the part
      if (partHint === "measures") this.rectificationDeadline(out, lines, info, kinds, lines.map(function (l, k) { return k; }));
      return;
    }
    var parts = type.parts, opening = [];
    // opening: the paragraphs before the first heading, less the title and the salutation
    for (i = 0; i < heads[0]; i++) {
      if (lines[i].trim() && kinds[i].kind !== "title" && kinds[i].kind !== "salutation") opening.push(i);
    }
    var spans = heads.map(function (h, k) {
      var end = k + 1 < heads.length ? heads[k + 1] : lines.length;
      var chars = 0;
      for (var j = h; j < end; j++) chars += countChars(lines[j]);
      return { line: h + 1, parts: self.recognise(headingText(info[h]), parts), chars: chars, start: h, end: end };
    });
    this.reconsider(spans, parts, lines);
    this.byPosition(spans, parts, lines);
    var order = Object.create(null);
    parts.forEach(function (p, k) { order[p.id] = k; });
    var present = Object.create(null);
    spans.forEach(function (s) { s.parts.forEach(function (p) { present[p.id] = true; }); });
    parts.forEach(function (part) {
      if (present[part.id]) return;
      var later = spans.filter(function (s) { return s.parts.some(function (p) { return order[p.id] > order[part.id]; }); });
      var params = { part: part.name, keyword: part.recognise[0] || part.name };
      if (later.length) {
        // where the part belongs: at the end of what comes before the next part's heading
        var at = lastTextBefore(lines, later[0].start);
        params.next = headingText(info[later[0].start]).trim();
        if (at < 0) self.finding(out, "structure-missing", later[0].line, lines[later[0].start], 0, 0, params, "before");
        else self.finding(out, "structure-missing", at + 1, lines[at], lines[at].length, lines[at].length, params, "before");
      } else {
        var end = lines.length;
        for (i = lines.length - 1; i > heads[0]; i--) {
          if (kinds[i].kind === "signature" || kinds[i].kind === "date" || kinds[i].kind === "blank") end = i;
          else break;
        }
        var at2 = lastTextBefore(lines, end);
        self.finding(out, "structure-missing", at2 + 1, lines[at2], lines[at2].length, lines[at2].length, params, "end");
      }
    });
    var top = null, orderText = parts.map(function (p) { return p.name; }).join("、");
    spans.forEach(function (s) {
      s.parts.forEach(function (p) {
        if (top !== null && order[p.id] < order[top.id]) {
          var st = info[s.line - 1].start;
          self.finding(out, "structure-order", s.line, lines[s.line - 1], st, st, { part: p.name, previous: top.name, order: orderText });
        }
        if (top === null || order[p.id] > order[top.id]) top = p;
      });
    });
    function mine(partId) {
      return spans.filter(function (s) { return s.parts.length === 1 && s.parts[0].id === partId; });
    }
    function items(partId) {
      var spansOf = mine(partId);
      if (!spansOf.length) return [0, null];
      var l2 = 0, l3 = 0, chain = 0;
      spansOf.forEach(function (s) {
        for (var j = s.start + 1; j < s.end; j++) {
          var num = info[j].num;
          if (num && num.level === 2) l2++;
          else if (num && num.level === 3) l3++;
          allMatches(self.chain, lines[j]).forEach(function (m) { chain = Math.max(chain, cnToInt(m[1])); });
        }
      });
      return [l2 || l3 || chain, spansOf[0].line];
    }
    var problems = items("problems")[0], mres = items("measures"), measures = mres[0], mline = mres[1];
    if (problems && measures && measures < problems) {
      var ms = info[mline - 1].start;
      this.finding(out, "measures-fewer", mline, lines[mline - 1], ms, ms, { measures: measures, problems: problems });
    }
    this.dutyItems(out, lines, mine("duty"), items, kind);
    var measureLines = [];
    mine("measures").forEach(function (s) { for (var j = s.start + 1; j < s.end; j++) measureLines.push(j); });
    this.rectificationDeadline(out, lines, info, kinds, measureLines);
    if (opening.length) {
      var otext = opening.map(function (k) { return lines[k]; }).join("");
      if (!this.transition.test(otext)) {
        var ol = opening[opening.length - 1];
        this.finding(out, "opening-transition", ol + 1, lines[ol], 0, lines[ol].length);
      }
      this.openingLength(out, lines, opening);
    }
    this.transitionStructure(out, lines, info, kinds, heads, opening, spans);
    this.priorRectification(out, lines, info, front.join("\n"), mine("problems"));
    this.lengthTotal(out, lines, total, type, kind);
    if (!total) return;
    var charsBy = Object.create(null), firstLine = Object.create(null), byId = Object.create(null);
    spans.forEach(function (s) {
      if (s.parts.length === 1) {
        var pid = s.parts[0].id;
        charsBy[pid] = (charsBy[pid] || 0) + s.chars;
        if (!(pid in firstLine)) firstLine[pid] = s.line;
      }
    });
    this.sections.forEach(function (sec) { byId[sec.id] = sec; });
    var shared = parts.slice();
    if (opening.length && byId.opening) {
      var oc = 0;
      opening.forEach(function (k) { oc += countChars(lines[k]); });
      charsBy.opening = oc;
      firstLine.opening = opening[0] + 1;
      shared.unshift({ id: "opening", name: partName(byId.opening), share: byId.opening.share });
    }
    var label = this.typeLabel(type, null);
    shared.forEach(function (p) {
      if (!(p.id in charsBy) || !p.share) return;
      var share = roundHalfUp(charsBy[p.id] * 100 / total);
      if (share < p.share[0] || share > p.share[1]) {
        self.finding(out, "share-part", firstLine[p.id], lines[firstLine[p.id] - 1], 0, 0,
          { part: p.name, share: share, min: p.share[0], max: p.share[1], type: label });
      }
    });
    var main = "duty" in charsBy ? "duty" : "responsibility" in charsBy ? "responsibility" : null;
    if (main && "problems" in charsBy && charsBy[main] < charsBy.problems) {
      var mainPart = parts.filter(function (p) { return p.id === main; })[0];
      var probPart = parts.filter(function (p) { return p.id === "problems"; })[0];
      this.finding(out, "balance-duty-problems", firstLine[main], lines[firstLine[main] - 1], 0, 0, {
        part: mainPart.name, length: charsBy[main], other: probPart.name, other_length: charsBy.problems });
    }
  };

  Checker.prototype.lengthTotal = function (out, lines, total, type, kind) {
    var r = this.lengthRange(type, kind);
    if (!r || !total || (r.range[0] <= total && total <= r.range[1])) return;
    this.finding(out, "length-total", 1, lines[0], 0, 0,
      { length: total, min: r.range[0], max: r.range[1], type: this.typeLabel(type, r.kind) });
  };

  /** Opening over the house rule's maximum (data/house_rules.yml opening_length). */
  Checker.prototype.openingLength = function (out, lines, opening) {
    var rule = this.house && this.house.opening_length;
    if (!rule || !opening.length) return;
    var chars = 0;
    opening.forEach(function (k) { chars += countChars(lines[k]); });
    if (chars > rule.max) {
      var first = opening[0];
      this.finding(out, "opening-length", first + 1, lines[first], 0, 0, { length: chars, max: rule.max });
    }
  };

  /** 履职 items (（一）, 1., 一是) against the house rule for the author's kind (data/house_rules.yml duty_items). */
  Checker.prototype.dutyItems = function (out, lines, dutySpans, items, kind) {
    var rule = this.house && this.house.duty_items;
    // one heading for the whole part: several 一级 headings for 履职 are items themselves
    if (!rule || dutySpans.length !== 1) return;
    var n = items("duty")[0];
    if (!n) return;
    var range = rangeFor({ leader: [rule.leader.min, rule.leader.max], staff: [rule.staff.min, rule.staff.max] }, kind);
    if (n < range[0] || n > range[1]) {
      var h = dutySpans[0].start, who = this.rules["duty-items"].who;
      this.finding(out, "duty-items", h + 1, lines[h], 0, 0,
        { count: n, min: range[0], max: range[1], who: who[kind || "any"] });
    }
  };

  /** A 德、能、勤、绩、廉 transition over a body that is not written by 德、能、勤、绩、廉. */
  Checker.prototype.transitionStructure = function (out, lines, info, kinds, heads, opening, spans) {
    var rule = this.rules["transition-structure"], house = this.house && this.house.transition_sentence;
    if (!rule || !house || !opening.length) return;
    var virtues = house.five_virtues.replace(/[、，,\s]/g, "").split("");
    var said = new RegExp(virtues.join("[、，,]?"), "u");
    var at = -1;
    for (var k = 0; k < opening.length; k++) if (said.test(lines[opening[k]])) at = opening[k];
    if (at < 0) return;
    if (!this.virtueHeading) this.virtueHeading = new RegExp(rule.virtue_heading, "u");
    var byVirtue = 0, self = this;
    heads.forEach(function (h) { if (self.virtueHeading.test(headingText(info[h]).trim())) byVirtue++; });
    for (var i = heads[0]; i < lines.length; i++) {
      if (kinds[i].kind === "body" && /^[德能勤绩廉][：:]/.test(lines[i].trim())) byVirtue++;
    }
    if (byVirtue >= rule.min_parts) return;
    var named = [];
    spans.forEach(function (s) { s.parts.forEach(function (p) { if (named.indexOf(p.name) < 0) named.push(p.name); }); });
    if (named.length < rule.min_parts) return;
    var m = said.exec(lines[at]);
    this.finding(out, "transition-structure", at + 1, lines[at], m.index, m.index + m[0].length,
      { parts: named.join("、") }, "virtues");
  };

  /** A full-year author says in 存在问题 how last year's problems were rectified (house_rules prior_rectification). */
  Checker.prototype.priorRectification = function (out, lines, info, front, problemSpans) {
    var rule = this.rules["prior-rectification"], house = this.house && this.house.prior_rectification;
    if (!rule || !house || !problemSpans.length) return;
    var year = this.houseYear;
    if (rule.since_year && (year === null || year === undefined || year < rule.since_year)) return;
    var newInPost = (house.new_in_post || []).some(function (w) { return front.indexOf(w) >= 0; });
    if (!this.priorNew) {
      this.priorNew = new RegExp(rule.new_in_post, "u");
      this.priorSaid = new RegExp(rule.mentioned, "u");
    }
    if (newInPost || this.priorNew.test(front)) return;
    var text = [];
    problemSpans.forEach(function (s) { for (var j = s.start; j < s.end; j++) text.push(lines[j]); });
    text = text.join("\n");
    if ((house.starts || []).some(function (w) { return text.indexOf(w) >= 0; }) || this.priorSaid.test(text)) return;
    var h = problemSpans[0].start, st = info[h].start;
    this.finding(out, "prior-rectification", h + 1, lines[h], st, st);
  };

  I.headingText = headingText;
})(typeof globalThis !== "undefined" ? globalThis : this);
