/* 述职报告检查与排版引擎（ReportEngine）：逐行规则：规则文件中的正则、个人信息、成对的标点。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var cpLen = I.cpLen, maskNumber = I.maskNumber, idcardValid = I.idcardValid, luhnValid = I.luhnValid,
      fixDate = I.fixDate, convertDate = I.convertDate, allMatches = I.allMatches, daysIn = I.daysIn,
      Taken = I.Taken, Checker = I.Checker;

  Checker.prototype.patternRules = function (out, lines, info) {
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx];
      if (!raw.trim()) continue;
      var lineno = idx + 1, masked = null;
      var hanLine = this.hasHan.test(raw);
      for (var r = 0; r < this.ruleIds.length; r++) {
        var ruleId = this.ruleIds[r], pats = this.patterns[ruleId];
        if (!pats.length || ruleId.indexOf("pii-") === 0 || ruleId === "congress-dated") continue;
        var rule = this.rules[ruleId], text = raw;
        if (rule.skip_marker && info[idx].num) {
          if (masked === null) {
            var s0 = info[idx].start, ml = info[idx].num.marker.length;
            masked = raw.slice(0, s0) + " ".repeat(ml) + raw.slice(s0 + ml);
          }
          text = masked;
        }
        if (ruleId === "quote-halfwidth" && !hanLine) continue;
        var seen = { '"': 0, "＂": 0, "'": 0 }, taken = new Taken();
        for (var p = 0; p < pats.length; p++) {
          var ms = allMatches(pats[p], text);
          taken.pass();
          for (var j = 0; j < ms.length; j++) {
            var m = ms[j], match = m[0], s = m.index, e = s + match.length;
            if (!taken.free(s, e)) continue;
            taken.take(s, e);
            var params = { match: match };
            if (ruleId === "punct-halfwidth") {
              var mark = match.trim();
              params.mark = mark; params.fix = rule.map[mark];
            } else if (ruleId === "quote-halfwidth") {
              var k = seen[match]; seen[match]++;
              params.fix = (match === "'" ? "‘’" : "“”")[k % 2];
            } else if (ruleId === "number-date") {
              params.fix = convertDate(match);
            } else if (ruleId === "date-zero-pad") {
              params.fix = match.slice(1);
            } else if (ruleId === "date-format") {
              params.fix = fixDate(match);
            }
            this.finding(out, ruleId, lineno, raw, s, e, params);
          }
          taken.done();
        }
      }
    }
  };

  Checker.prototype.idcardPlausible = function (d) {
    if (!this.idRegions[d.slice(0, 2)]) return false;
    var y = parseInt(d.slice(6, 10), 10), m = parseInt(d.slice(10, 12), 10), day = parseInt(d.slice(12, 14), 10);
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && day >= 1 && day <= daysIn(y, m);
  };

  Checker.prototype.pii = function (out, lines) {
    var ids = ["pii-idcard", "pii-bankcard", "pii-mobile"];
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx];
      if (!/[0-9]/.test(raw)) continue;
      var taken = new Taken();
      for (var r = 0; r < ids.length; r++) {
        var ruleId = ids[r], pats = this.patterns[ruleId];
        for (var p = 0; p < pats.length; p++) {
          var ms = allMatches(pats[p], raw);
          taken.pass();
          for (var j = 0; j < ms.length; j++) {
            var m = ms[j], s = m.index, e = s + m[0].length;
            if (!taken.free(s, e)) continue;
            var digits = m[0].replace(/[ -]/g, ""), kase = null;
            if (ruleId === "pii-idcard") {
              // a region code and a birth date make it a 身份证号码; a mistyped check digit does not make it less personal
              if (!this.idcardPlausible(digits)) continue;
              if (!idcardValid(digits)) kase = "checksum";
            }
            if (ruleId === "pii-bankcard") {
              if (!(digits.length >= 16 && digits.length <= 19 && luhnValid(digits))) continue;
              // a UnionPay number, or a number the text calls a card or an account
              if (!this.bankPrefix.test(digits) && !this.bankContext.test(raw.slice(Math.max(0, s - 12), s))) continue;
            }
            taken.take(s, e);
            this.finding(out, ruleId, idx + 1, raw, s, e, { masked: maskNumber(m[0]) }, kase);
          }
          taken.done();
        }
      }
    }
  };

  /** Lines a PDF copy broke: a line that ends mid-sentence continues on the next (not a heading). */
  Checker.prototype.paragraphs = function (lines, info) {
    var groups = [], cur = null;
    for (var i = 0; i < lines.length; i++) {
      var t = lines[i].replace(/[ \t\u3000]+$/, "");
      if (!t.trim()) { cur = null; continue; }
      if (cur && !info[i].num) cur.push(i);
      else { cur = [i]; groups.push(cur); }
      if (/[。！？；：]$/.test(t) || (info[i].num && cpLen(t) < 40)) cur = null;
    }
    return groups;
  };

  Checker.prototype.pairs = function (out, lines, info) {
    var rule = this.rules["pair-unbalanced"], self = this;
    this.paragraphs(lines, info).forEach(function (group) {
      rule.pairs.forEach(function (pair) {
        var o = pair.open, c = pair.close;
        if (!group.some(function (i) { return lines[i].indexOf(o) >= 0 || lines[i].indexOf(c) >= 0; })) return;
        var stack = [], reported = {};
        var report = function (i, pos, kase, mark) {
          reported[i + ":" + pos] = true;
          self.finding(out, "pair-unbalanced", i + 1, lines[i], pos, pos + 1, { mark: mark, open: o, close: c }, kase);
        };
        // the next mark of this pair after (g, pos) in the paragraph: o, c or ""
        var nextMark = function (g, pos) {
          for (var k = g; k < group.length; k++) {
            var t = lines[group[k]];
            for (var q = k === g ? pos + 1 : 0; q < t.length; q++) if (t[q] === o || t[q] === c) return t[q];
          }
          return "";
        };
        group.forEach(function (i, g) {
          var raw = lines[i];
          for (var pos = 0; pos < raw.length; pos++) {
            var ch = raw[pos];
            if (ch === o) {
              if (stack.length && !pair.nest) {
                // report it once; then this mark was a mistyped closing one (“黄线“、不越“红线”),
                // or the previous one was never closed (“甲，做到“乙”): the next mark tells which
                report(i, pos, "nested", o);
                stack.pop();
                if (nextMark(g, pos) === c) stack.push([i, pos]);
              } else {
                stack.push([i, pos]);
              }
            } else if (ch === c) {
              if (stack.length) stack.pop();
              else report(i, pos, "close", c);
            }
          }
        });
        stack.forEach(function (at) { if (!reported[at[0] + ":" + at[1]]) report(at[0], at[1], "open", o); });
      });
    });
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
