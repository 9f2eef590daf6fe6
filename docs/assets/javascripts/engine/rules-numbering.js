/* 述职报告检查与排版引擎（ReportEngine）：层次序数和“一是、二是”。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var SEPARATORS = I.SEPARATORS, cnToInt = I.cnToInt, intToCn = I.intToCn, allMatches = I.allMatches,
      Checker = I.Checker;

  function sequenceCase(prev, n) {
    if (n === prev + 1) return null;
    if (n === prev) return "repeat";
    if (n > prev + 1) return "gap";
    return "order";
  }

  Checker.prototype.numberingRules = function (out, lines, info) {
    var counters = { 1: 0, 2: 0, 3: 0, 4: 0 }, labels = {}, self = this;
    this.numbering.forEach(function (n) { labels[n.level] = n.label; });
    var stack = [], l3sep = null, chains = {}, seps = {};
    var seenText = false, seenHeading = false, seenLevels = {};
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx], lineno = idx + 1, li = info[idx], num = li.num;
      if (num || li.style) chains = {};
      if (num) {
        var level = num.level, n = num.n, s = li.start, found = this.label(labels[level], n);
        var body = li.body, flagged = false;
        for (var k = 0; k < this.markers.length; k++) {
          var mk = this.markers[k], m = mk.re.exec(body);
          if (m && !(mk.unless && mk.unless.test(body))) {
            this.finding(out, "ordinal-punct", lineno, raw, s, s + m[0].length, { match: m[0], fix: mk.fix.replace("{1}", m[1]) });
            flagged = true;
            break;
          }
        }
        if (level === 3 && !flagged) {
          var sep = num.marker[num.marker.length - 1];
          if (l3sep === null) l3sep = sep;
          else if (sep !== l3sep) {
            this.finding(out, "ordinal-punct", lineno, raw, s, s + num.marker.length,
              { match: num.marker, previous: "1" + l3sep, fix: num.marker.slice(0, -1) + l3sep }, "mixed");
          }
        }
        if (stack.length && stack[stack.length - 1] > level && stack.indexOf(level) < 0) {
          var inner = stack[stack.length - 1];
          this.finding(out, "heading-level", lineno, raw, s, s + num.marker.length, { found: found, inner: this.label(labels[inner], 1) });
        }
        while (stack.length && stack[stack.length - 1] >= level) stack.pop();
        stack.push(level);
        var prev = counters[level], kase = sequenceCase(prev, n);
        // a text that starts inside a list (a pasted fragment) is not a gap
        if (kase === "gap" && prev === 0) {
          var context = level === 1 ? seenText : Object.keys(seenLevels).some(function (lv) { return +lv < level; });
          if (!context) kase = null;
        }
        if (kase) {
          this.finding(out, "heading-sequence", lineno, raw, s, s + num.marker.length, {
            found: found,
            expected: this.label(labels[level], prev + 1),
            previous: prev ? this.label(labels[level], prev) : ""
          }, kase);
        }
        counters[level] = Math.max(prev, n);
        for (var d = level + 1; d < 5; d++) counters[d] = 0;
        seenLevels[level] = true;
      } else if (li.style) {
        stack = [];
        seenLevels[li.style] = true;
      }
      var cm = allMatches(this.chain, raw);
      seps = {};
      for (var j = 0; j < cm.length; j++) {
        var c = cm[j], suffix = c[2], cn = cnToInt(c[1]);
        var cprev = chains[suffix] || 0;
        if (cn === 1) { chains[suffix] = 1; delete seps[suffix]; continue; }
        var before = c.index > 0 ? SEPARATORS[raw[c.index - 1]] : undefined;
        if (before) {
          if (!(suffix in seps)) seps[suffix] = before;
          if (before !== seps[suffix]) {
            this.finding(out, "chain-punct", lineno, raw, c.index - 1, c.index,
              { found: c[0], mark: raw[c.index - 1], previous: seps[suffix] });
          }
        }
        var ck = cprev === 0 ? "gap" : sequenceCase(cprev, cn);
        if (ck === "gap" && cprev === 0 && !seenHeading) ck = null;
        if (ck) {
          this.finding(out, "chain-sequence", lineno, raw, c.index, c.index + c[0].length, {
            found: c[0],
            expected: intToCn(cprev + 1) + suffix,
            previous: cprev ? intToCn(cprev) + suffix : "",
            suffix: suffix
          }, ck);
        }
        chains[suffix] = Math.max(cprev, cn);
      }
      if (raw.trim()) seenText = true;
      if (num || li.style) seenHeading = true;
    }
  };

  I.sequenceCase = sequenceCase;
})(typeof globalThis !== "undefined" ? globalThis : this);
