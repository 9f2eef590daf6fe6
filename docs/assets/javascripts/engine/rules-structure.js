/* 述职报告检查与排版引擎（ReportEngine）：全文结构：各部分是否齐全、顺序、篇幅、措施条数、过渡句。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var CONNECTORS = I.CONNECTORS, cnToInt = I.cnToInt, roundHalfUp = I.roundHalfUp, countChars = I.countChars,
      allMatches = I.allMatches, Checker = I.Checker;

  Checker.prototype.recognise = function (heading) {
    heading = heading.split("。")[0];
    var found = [], parts = this.parts;
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

  function partName(part) { return part.title.replace(/^[一二三四五六七八九十]+、/, ""); }

  Checker.prototype.structure = function (out, lines, info, kinds, partHint) {
    var self = this, heads = [], i;
    for (i = 0; i < info.length; i++) {
      if (kinds[i].kind === "h1" || (kinds[i].runIn && kinds[i].runIn.level === 1)) heads.push(i);
    }
    if (partHint === "opening" && !heads.length) {
      var body = [];
      for (i = 0; i < lines.length; i++) if (lines[i].trim()) body.push(i);
      if (body.length && !this.transition.test(lines.join(""))) {
        var last = body[body.length - 1];
        this.finding(out, "opening-transition", last + 1, lines[last], 0, lines[last].length);
      }
      return;
    }
    var total = 0;
    lines.forEach(function (l) { total += countChars(l); });
    if (heads.length < this.cfg.full_report_min_headings || total < this.cfg.full_report_min_chars) return;
    var opening = [];
    // opening: the paragraphs before the first heading, less the title
    for (i = 0; i < heads[0]; i++) if (lines[i].trim() && kinds[i].kind !== "title") opening.push(i);
    var spans = heads.map(function (h, k) {
      var end = k + 1 < heads.length ? heads[k + 1] : lines.length, li = info[h];
      var text = li.num ? li.body.slice(li.num.marker.length) : li.body;
      var chars = 0;
      for (var j = h; j < end; j++) chars += countChars(lines[j]);
      return { line: h + 1, parts: self.recognise(text), chars: chars, start: h, end: end };
    });
    var order = {};
    this.parts.forEach(function (p, k) { order[p.id] = k; });
    var present = {};
    spans.forEach(function (s) { s.parts.forEach(function (p) { present[p.id] = true; }); });
    this.parts.forEach(function (part) {
      if (present[part.id]) return;
      var later = spans.filter(function (s) { return s.parts.some(function (p) { return order[p.id] > order[part.id]; }); });
      var line = later.length ? later[0].line : lines.length;
      while (line > 1 && !lines[line - 1].trim()) line--;
      self.finding(out, "structure-missing", line, lines[line - 1], 0, 0, { part: partName(part), keyword: part.recognise[0] });
    });
    var top = null;
    spans.forEach(function (s) {
      s.parts.forEach(function (p) {
        if (top !== null && order[p.id] < order[top.id]) {
          var st = info[s.line - 1].start;
          self.finding(out, "structure-order", s.line, lines[s.line - 1], st, st, { part: partName(p), previous: partName(top) });
        }
        if (top === null || order[p.id] > order[top.id]) top = p;
      });
    });
    function items(partId) {
      var mine = spans.filter(function (s) { return s.parts.length === 1 && s.parts[0].id === partId; });
      if (!mine.length) return [0, null];
      var l2 = 0, l3 = 0, chain = 0;
      mine.forEach(function (s) {
        for (var j = s.start + 1; j < s.end; j++) {
          var num = info[j].num;
          if (num && num.level === 2) l2++;
          else if (num && num.level === 3) l3++;
          allMatches(self.chain, lines[j]).forEach(function (m) { chain = Math.max(chain, cnToInt(m[1])); });
        }
      });
      return [l2 || l3 || chain, mine[0].line];
    }
    var problems = items("problems")[0], mres = items("measures"), measures = mres[0], mline = mres[1];
    if (problems && measures && measures < problems) {
      var ms = info[mline - 1].start;
      this.finding(out, "measures-fewer", mline, lines[mline - 1], ms, ms, { measures: measures, problems: problems });
    }
    if (opening.length) {
      var otext = opening.map(function (k) { return lines[k]; }).join("");
      if (!this.transition.test(otext)) {
        var ol = opening[opening.length - 1];
        this.finding(out, "opening-transition", ol + 1, lines[ol], 0, lines[ol].length);
      }
    }
    var lo = this.cfg.total_length[0], hi = this.cfg.total_length[1];
    if (total && !(lo <= total && total <= hi)) this.finding(out, "length-total", 1, lines[0], 0, 0, { length: total, min: lo, max: hi });
    if (!total) return;
    var charsBy = {}, firstLine = {}, byId = {};
    spans.forEach(function (s) {
      if (s.parts.length === 1) {
        var pid = s.parts[0].id;
        charsBy[pid] = (charsBy[pid] || 0) + s.chars;
        if (!(pid in firstLine)) firstLine[pid] = s.line;
      }
    });
    this.sections.forEach(function (sec) { byId[sec.id] = sec; });
    if (opening.length && byId.opening) {
      var oc = 0;
      opening.forEach(function (k) { oc += countChars(lines[k]); });
      charsBy.opening = oc;
      firstLine.opening = opening[0] + 1;
    }
    this.sections.forEach(function (sec) {
      var pid = sec.id;
      if (!(pid in charsBy)) return;
      var share = roundHalfUp(charsBy[pid] * 100 / total);
      if (share < sec.share[0] || share > sec.share[1]) {
        self.finding(out, "share-part", firstLine[pid], lines[firstLine[pid] - 1], 0, 0,
          { part: partName(sec), share: share, min: sec.share[0], max: sec.share[1] });
      }
    });
    if ("duty" in charsBy && "problems" in charsBy && charsBy.duty < charsBy.problems) {
      this.finding(out, "balance-duty-problems", firstLine.duty, lines[firstLine.duty - 1], 0, 0, {
        part: partName(byId.duty), length: charsBy.duty, other: partName(byId.problems), other_length: charsBy.problems });
    }
  };

  I.partName = partName;
})(typeof globalThis !== "undefined" ? globalThis : this);
