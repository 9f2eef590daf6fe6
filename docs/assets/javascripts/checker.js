/* 在线自查：述职报告草稿的浏览器检查引擎和页面。
 *
 * 规则来自 window.GUIDE_CHECKER_DATA（构建时由 data/checker_rules.yml、
 * data/formulations.yml、data/sections.yml 生成的 checker-data.js），
 * 与命令行的 scripts/report_checker.py 是同一套规则、同一套测试向量
 * （tests/vectors/*.yml）。这里的每个函数在 report_checker.py 里都有同名的孪生函数。
 *
 * 文本只在本机浏览器中检查：不发任何网络请求，不用 innerHTML 写入用户文字。
 *
 *   window.GuideChecker.check(text, {year, part, headingLevels}) → findings
 *   window.GuideChecker.readFile(file) → Promise<{text, headingLevels}>
 */
(function () {
  "use strict";

  var CN_DIGITS = { "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var CN_NUMS = "一二三四五六七八九";
  var LEVEL_KEYS = { "错误": "error", "警告": "warning", "提示": "hint" };
  var WHITESPACE = /[ \t\u3000\u00a0\ufeff]/g;
  var CONNECTORS = /以及|和|及|与|并/;
  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var ID_CHECK = "10X98765432";
  // the mark before 二是、三是…: which separators count as the same
  var SEPARATORS = { "；": "；", ";": "；", "。": "。", "，": "，", ",": "，" };
  var SURROGATE = /[\ud800-\udbff]/;
  var MAX_BYTES = 5 * 1024 * 1024;

  // ------------------------------------------------------------------ helpers

  function cnToInt(s) {
    var i = s.indexOf("十");
    if (i < 0) {
      var n = 0;
      for (var k = 0; k < s.length; k++) n = n * 10 + CN_DIGITS[s[k]];
      return n;
    }
    var tens = s.slice(0, i), ones = s.slice(i + 1);
    return (tens ? CN_DIGITS[tens] : 1) * 10 + (ones ? CN_DIGITS[ones] : 0);
  }

  function intToCn(n) {
    if (n <= 0) return String(n);
    if (n < 10) return CN_NUMS[n - 1];
    if (n < 20) return "十" + (n > 10 ? CN_NUMS[n - 11] : "");
    if (n < 100) return CN_NUMS[Math.floor(n / 10) - 1] + "十" + (n % 10 ? CN_NUMS[n % 10 - 1] : "");
    return String(n);
  }

  function roundHalfUp(x) { return Math.floor(x + 0.5); }

  function fill(template, params) {
    if (template === undefined || template === null) return null;
    return template.replace(/\{(\w+)\}/g, function (m, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m;
    });
  }

  /** Length in code points (Python's len). */
  function cpLen(s) {
    if (!SURROGATE.test(s)) return s.length;
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }

  function countChars(s) { return cpLen(s.replace(WHITESPACE, "")); }

  function maskNumber(s) {
    var d = s.replace(/[ -]/g, "");
    return d.length > 7 ? d.slice(0, 3) + "*".repeat(d.length - 7) + d.slice(-4) : d;
  }

  function idcardValid(s) {
    var total = 0;
    for (var i = 0; i < 17; i++) total += (s.charCodeAt(i) - 48) * ID_WEIGHTS[i];
    return ID_CHECK[total % 11] === s[17].toUpperCase();
  }

  function luhnValid(d) {
    var total = 0;
    for (var i = 0; i < d.length; i++) {
      var x = d.charCodeAt(d.length - 1 - i) - 48;
      if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; }
      total += x;
    }
    return total % 10 === 0;
  }

  /** 26年12月8日 → 2026年12月8日; 2026.12.8 / 2026-12-08 → 2026年12月8日 */
  function fixDate(s) {
    if (s.indexOf("年") >= 0) return "20" + s;
    var p = s.split(/[.．\/-]/);
    return p[0] + "年" + parseInt(p[1], 10) + "月" + parseInt(p[2], 10) + "日";
  }

  function convertDate(s) {
    return s.replace(/[〇零一二三四五六七八九十]+/g, function (m) { return String(cnToInt(m)); });
  }

  function allMatches(re, text) {
    var out = [], m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === "") { re.lastIndex++; continue; }
      out.push(m);
    }
    return out;
  }

  function overlaps(list, s, e) {
    for (var i = 0; i < list.length; i++) if (s < list[i][1] && list[i][0] < e) return true;
    return false;
  }

  // ------------------------------------------------------------------ engine

  function Checker(data) {
    var cfg = this.cfg = data.rules;
    this.formulations = data.formulations || [];
    this.sections = data.sections;
    var han = cfg.han, self = this;
    this.rules = {}; this.order = {}; this.patterns = {};
    this.ruleIds = [];
    cfg.rules.forEach(function (r, i) {
      self.rules[r.id] = r;
      self.order[r.id] = i;
      self.ruleIds.push(r.id);
      self.patterns[r.id] = (r.patterns || []).map(function (p) { return new RegExp(p.split("{HAN}").join(han), "g"); });
    });
    this.hasHan = new RegExp("[" + han + "]");
    this.prefix = new RegExp(cfg.line_prefix);
    this.numbering = cfg.numbering.map(function (n) { return { level: n.level, re: new RegExp(n.pattern), label: n.label }; });
    this.chain = new RegExp(cfg.chain_pattern, "g");
    this.markers = this.rules["ordinal-punct"].markers.map(function (m) {
      return { re: new RegExp(m.pattern), fix: m.fix, unless: m.unless ? new RegExp(m.unless) : null };
    });
    this.transition = new RegExp(cfg.opening_transition);
    this.ignore = cfg.formulation_ignore;
    this.parts = this.sections.filter(function (s) { return s.recognise && s.recognise.length; });
    this.campaign = new RegExp(cfg.campaign_pattern);
  }

  /** A finding at [s, e) of line text `raw` (UTF-16 offsets; reported in code points). */
  Checker.prototype.finding = function (out, ruleId, line, raw, s, e, params, kase, level) {
    var rule = this.rules[ruleId];
    params = params || {};
    var template = kase ? rule.messages[kase] : rule.message;
    level = level || rule.level;
    out.push({
      rule: ruleId,
      level: level,
      severity: LEVEL_KEYS[level],
      line: line,
      col: cpLen(raw.slice(0, s)) + 1,
      length: cpLen(raw.slice(s, e)),
      message: fill(template, params),
      suggestion: fill(rule.suggestion, params)
    });
  };

  Checker.prototype.label = function (label, n) {
    return label.replace("{cn}", intToCn(n)).replace("{n}", String(n));
  };

  Checker.prototype.analyse = function (lines, headingLevels) {
    var info = [];
    for (var i = 0; i < lines.length; i++) {
      var raw = lines[i];
      var start = this.prefix.exec(raw)[0].length;
      var body = raw.slice(start), num = null;
      for (var k = 0; k < this.numbering.length; k++) {
        var nb = this.numbering[k], m = nb.re.exec(body);
        if (m) {
          var g = m[1];
          num = { level: nb.level, n: /^[0-9]+$/.test(g) ? parseInt(g, 10) : cnToInt(g), marker: m[0], label: nb.label };
          break;
        }
      }
      var style = headingLevels && headingLevels[i + 1] ? headingLevels[i + 1] : null;
      info.push({ start: start, body: body, num: num, style: style });
    }
    return info;
  };

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
        var seen = { '"': 0, "＂": 0, "'": 0 }, taken = [];
        for (var p = 0; p < pats.length; p++) {
          var ms = allMatches(pats[p], text);
          for (var j = 0; j < ms.length; j++) {
            var m = ms[j], match = m[0], s = m.index, e = s + match.length;
            if (overlaps(taken, s, e)) continue;
            taken.push([s, e]);
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
        }
      }
    }
  };

  Checker.prototype.pii = function (out, lines) {
    var ids = ["pii-idcard", "pii-bankcard", "pii-mobile"];
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx];
      if (!/[0-9]/.test(raw)) continue;
      var taken = [];
      for (var r = 0; r < ids.length; r++) {
        var ruleId = ids[r], pats = this.patterns[ruleId];
        for (var p = 0; p < pats.length; p++) {
          var ms = allMatches(pats[p], raw);
          for (var j = 0; j < ms.length; j++) {
            var m = ms[j], s = m.index, e = s + m[0].length;
            if (overlaps(taken, s, e)) continue;
            var digits = m[0].replace(/[ -]/g, "");
            if (ruleId === "pii-idcard" && !idcardValid(digits)) continue;
            if (ruleId === "pii-bankcard" && !(digits.length >= 16 && digits.length <= 19 && luhnValid(digits))) continue;
            taken.push([s, e]);
            this.finding(out, ruleId, idx + 1, raw, s, e, { masked: maskNumber(m[0]) });
          }
        }
      }
    }
  };

  Checker.prototype.pairs = function (out, lines) {
    var rule = this.rules["pair-unbalanced"];
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx];
      for (var q = 0; q < rule.pairs.length; q++) {
        var pair = rule.pairs[q], o = pair.open, c = pair.close;
        if (raw.indexOf(o) < 0 && raw.indexOf(c) < 0) continue;
        var stack = [], params = { open: o, close: c };
        for (var pos = 0; pos < raw.length; pos++) {
          var ch = raw[pos];
          if (ch === o) {
            if (stack.length && !pair.nest) {
              // most often a mistyped closing mark: report it once
              this.finding(out, "pair-unbalanced", idx + 1, raw, pos, pos + 1, { mark: o, open: o, close: c }, "nested");
              stack.pop();
            } else {
              stack.push(pos);
            }
          } else if (ch === c) {
            if (stack.length) stack.pop();
            else this.finding(out, "pair-unbalanced", idx + 1, raw, pos, pos + 1, { mark: c, open: o, close: c }, "close");
          }
        }
        for (var k = 0; k < stack.length; k++) {
          this.finding(out, "pair-unbalanced", idx + 1, raw, stack[k], stack[k] + 1, { mark: o, open: o, close: c }, "open");
        }
      }
    }
  };

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

  Checker.prototype.strip = function (raw) {
    var keep = [], text = "";
    for (var i = 0; i < raw.length; i++) {
      if (this.ignore.indexOf(raw[i]) < 0) { keep.push(i); text += raw[i]; }
    }
    return { text: text, keep: keep };
  };

  Checker.prototype.stripTerm = function (t) {
    var ig = this.ignore;
    return Array.prototype.filter.call(t, function (ch) { return ig.indexOf(ch) < 0; }).join("");
  };

  Checker.prototype.formulationRules = function (out, lines, year) {
    if (!this.formulations.length) return;
    var rule = this.rules["formulation-dated"], self = this;
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx];
      if (!raw.trim()) continue;
      var st = this.strip(raw), text = st.text, keep = st.keep, terms = [];
      this.formulations.forEach(function (f) {
        [f.term].concat(f.match || []).forEach(function (t0) {
          var t = self.stripTerm(t0);
          if (!t) return;
          var start = text.indexOf(t);
          while (start >= 0) { terms.push([start, start + t.length, f]); start = text.indexOf(t, start + 1); }
        });
      });
      this.formulations.forEach(function (f) {
        (f.wrong || []).forEach(function (w0) {
          var w = self.stripTerm(w0);
          if (!w) return;
          var start = text.indexOf(w);
          while (start >= 0) {
            var end = start + w.length;
            var inside = terms.some(function (t) { return t[0] <= start && end <= t[1]; });
            if (!inside) {
              var s = keep[start], e = keep[end - 1] + 1;
              self.finding(out, "formulation-wrong", idx + 1, raw, s, e, { match: raw.slice(s, e), term: f.term });
            }
            start = text.indexOf(w, start + 1);
          }
        });
      });
      var sorted = terms.slice().sort(function (a, b) { return a[0] - b[0] || (b[1] - b[0]) - (a[1] - a[0]); });
      var done = [];
      for (var k = 0; k < sorted.length; k++) {
        var ts = sorted[k][0], te = sorted[k][1], f = sorted[k][2];
        if (!f.time_sensitive || overlaps(done, ts, te)) continue;
        var since = parseInt(f.year, 10), until = f.until;
        if ((until === undefined || until === null) && this.campaign.test(f.term)) until = since + this.cfg.campaign_years;
        var params = { term: f.term, since: since, source: f.source || "", year: year || "" }, kase, level;
        if (year === null || year === undefined) { kase = "unknown"; level = rule.level_without_year; }
        else if (until !== undefined && until !== null && year > parseInt(until, 10)) { kase = "expired"; level = rule.level; }
        else if (year > since) { kase = "later"; level = rule.level_without_year; }
        else continue;
        done.push([ts, te]);
        this.finding(out, "formulation-dated", idx + 1, raw, keep[ts], keep[te - 1] + 1, params, kase, level);
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

  Checker.prototype.structure = function (out, lines, info, partHint) {
    var self = this, heads = [], i;
    for (i = 0; i < info.length; i++) {
      if ((info[i].num && info[i].num.level === 1) || info[i].style === 1) heads.push(i);
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
    for (i = 0; i < heads[0]; i++) if (lines[i].trim()) opening.push(i);
    if (opening.length) {
      var first = lines[opening[0]].trim();
      if (cpLen(first) <= 40 && first.indexOf("。") < 0 && (first.indexOf("述职") >= 0 || first.indexOf("报告") >= 0)) opening = opening.slice(1);
    }
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

  Checker.prototype.check = function (text, opts) {
    opts = opts || {};
    var year = opts.year === undefined || opts.year === null || opts.year === "" ? null : parseInt(opts.year, 10);
    if (isNaN(year)) year = null;
    if (text.charAt(0) === "\ufeff") text = text.slice(1);
    var lines = text.replace(/\r\n/g, "\n").replace(/\r/g, "\n").split("\n");
    var info = this.analyse(lines, opts.headingLevels || null);
    var out = [];
    this.patternRules(out, lines, info);
    this.pii(out, lines);
    this.pairs(out, lines);
    this.numberingRules(out, lines, info);
    this.formulationRules(out, lines, year);
    this.congress(out, lines, year);
    this.structure(out, lines, info, opts.part || null);
    var order = this.order;
    out.sort(function (a, b) { return a.line - b.line || a.col - b.col || order[a.rule] - order[b.rule]; });
    return out;
  };

  // ------------------------------------------------------------------ files

  function ReadError(message) { this.message = message; this.name = "ReadError"; }
  ReadError.prototype = Object.create(Error.prototype);

  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

  function startsWith(bytes, sig) {
    if (bytes.length < sig.length) return false;
    for (var i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
    return true;
  }

  function containsUtf16(bytes, word) {
    var pat = [];
    for (var i = 0; i < word.length; i++) pat.push(word.charCodeAt(i), 0);
    outer: for (var p = 0; p + pat.length <= bytes.length; p++) {
      for (var k = 0; k < pat.length; k++) if (bytes[p + k] !== pat[k]) continue outer;
      return true;
    }
    return false;
  }

  function inflateRaw(bytes) {
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new ReadError("这个浏览器不能读取 .docx，请把全文复制粘贴到文本框中"));
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  /** The named entries of a zip archive (stored or deflated), as bytes. */
  function unzip(buf, names) {
    var dv = new DataView(buf), n = buf.byteLength, eocd = -1;
    for (var i = n - 22; i >= Math.max(0, n - 65557); i--) {
      if (dv.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
    }
    if (eocd < 0) throw new ReadError("文件已损坏或不完整，无法作为 .docx 读取");
    var count = dv.getUint16(eocd + 10, true), p = dv.getUint32(eocd + 16, true), found = {};
    var utf8 = new TextDecoder("utf-8");
    for (var k = 0; k < count; k++) {
      if (p + 46 > n || dv.getUint32(p, true) !== 0x02014b50) throw new ReadError("文件已损坏或不完整，无法作为 .docx 读取");
      var method = dv.getUint16(p + 10, true), csize = dv.getUint32(p + 20, true);
      var nlen = dv.getUint16(p + 28, true), xlen = dv.getUint16(p + 30, true), clen = dv.getUint16(p + 32, true);
      var lho = dv.getUint32(p + 42, true);
      var name = utf8.decode(new Uint8Array(buf, p + 46, nlen));
      p += 46 + nlen + xlen + clen;
      if (names.indexOf(name) >= 0) found[name] = { method: method, csize: csize, lho: lho };
    }
    var result = {};
    return Promise.all(names.map(function (name) {
      var f = found[name];
      if (!f) return null;
      if (f.lho + 30 > n || dv.getUint32(f.lho, true) !== 0x04034b50) throw new ReadError("文件已损坏或不完整，无法作为 .docx 读取");
      var start = f.lho + 30 + dv.getUint16(f.lho + 26, true) + dv.getUint16(f.lho + 28, true);
      if (start + f.csize > n) throw new ReadError("文件已损坏或不完整，无法作为 .docx 读取");
      var data = new Uint8Array(buf, start, f.csize);
      var done = f.method === 0 ? Promise.resolve(data.slice()) :
        f.method === 8 ? inflateRaw(data) : Promise.reject(new ReadError("不支持这种压缩方式，请另存为 .docx 后再试"));
      return done.then(function (bytes) { result[name] = bytes; }, function (e) {
        throw e instanceof ReadError ? e : new ReadError("文件已损坏或不完整，无法作为 .docx 读取");
      });
    })).then(function () { return result; });
  }

  function parseXml(bytes) {
    var doc = new DOMParser().parseFromString(new TextDecoder("utf-8").decode(bytes), "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new ReadError("文件已损坏或不完整，无法作为 .docx 读取");
    return doc;
  }

  function isW(el, name) { return el.namespaceURI === W && el.localName === name; }

  function runText(r) {
    var s = "";
    for (var c = r.firstElementChild; c; c = c.nextElementSibling) {
      if (c.namespaceURI !== W) continue;
      switch (c.localName) {
        case "t": s += c.textContent; break;
        case "tab": case "ptab": s += "\t"; break;
        case "cr": s += "\n"; break;
        case "noBreakHyphen": s += "-"; break;
        case "br":
          var t = c.getAttributeNS(W, "type");
          s += !t || t === "textWrapping" ? "\n" : "";
          break;
      }
    }
    return s;
  }

  /** Paragraph text as python-docx's Paragraph.text gives it. */
  function paragraphText(p) {
    var s = "";
    for (var c = p.firstElementChild; c; c = c.nextElementSibling) {
      if (isW(c, "r")) s += runText(c);
      else if (isW(c, "hyperlink")) {
        for (var r = c.firstElementChild; r; r = r.nextElementSibling) if (isW(r, "r")) s += runText(r);
      }
    }
    return s;
  }

  function headingLevel(styleName) {
    var m = /^(?:heading|标题)\s*([1-9])$/i.exec(styleName || "");
    return m ? parseInt(m[1], 10) : null;
  }

  function readDocx(buf) {
    return unzip(buf, ["word/document.xml", "word/styles.xml"]).then(function (parts) {
      if (!parts["word/document.xml"]) throw new ReadError("文件不是有效的 .docx（缺少正文），请用 Word 另存为 .docx 后再试");
      var styles = {};
      if (parts["word/styles.xml"]) {
        var sdoc = parseXml(parts["word/styles.xml"]), list = sdoc.getElementsByTagNameNS(W, "style");
        for (var i = 0; i < list.length; i++) {
          var nameEl = list[i].getElementsByTagNameNS(W, "name")[0];
          styles[list[i].getAttributeNS(W, "styleId")] = nameEl ? nameEl.getAttributeNS(W, "val") : "";
        }
      }
      var doc = parseXml(parts["word/document.xml"]);
      var body = doc.getElementsByTagNameNS(W, "body")[0];
      if (!body) throw new ReadError("文件不是有效的 .docx（缺少正文），请用 Word 另存为 .docx 后再试");
      var lines = [], headingLevels = {};
      for (var p = body.firstElementChild; p; p = p.nextElementSibling) {
        if (!isW(p, "p")) continue;
        var text = paragraphText(p), level = null;
        var pPr = p.getElementsByTagNameNS(W, "pPr")[0];
        if (pPr && pPr.parentNode === p) {
          var ps = pPr.getElementsByTagNameNS(W, "pStyle")[0];
          if (ps) level = headingLevel(styles[ps.getAttributeNS(W, "val")]);
        }
        if (level) headingLevels[lines.length + 1] = level;
        text.split("\n").forEach(function (l) { lines.push(l); });
      }
      var text2 = lines.join("\n");
      if (!text2.trim()) throw new ReadError("文档中没有文字");
      return { text: text2, headingLevels: headingLevels };
    });
  }

  function decodeText(bytes) {
    var text;
    if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = new TextDecoder("utf-8").decode(bytes.subarray(3));
    else if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
    else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
    else {
      if (bytes.indexOf(0) >= 0) throw new ReadError("这不是文本文件，无法检查");
      try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); }
      catch (e) {
        try { text = new TextDecoder("gb18030", { fatal: true }).decode(bytes); }
        catch (e2) { throw new ReadError("无法识别文件的编码（不是 UTF-8 或 GBK/GB18030），无法检查"); }
      }
    }
    var bad = (text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g) || []).length;
    if (bad > Math.max(2, text.length / 100)) throw new ReadError("这不是文本文件，无法检查");
    if (!text.trim()) throw new ReadError("文件是空的");
    return { text: text, headingLevels: {} };
  }

  /** Read a File (or Blob with a name) locally: .docx, .txt or .md. */
  function readFile(file) {
    if (file.size > MAX_BYTES) return Promise.reject(new ReadError("文件超过 5 MB，不像是一篇述职报告，请只保留正文后再试"));
    if (file.size === 0) return Promise.reject(new ReadError("文件是空的"));
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onerror = function () { reject(new ReadError("无法读取文件")); };
      reader.onload = function () { resolve(reader.result); };
      reader.readAsArrayBuffer(file);
    }).then(function (buf) {
      var bytes = new Uint8Array(buf);
      if (startsWith(bytes, OLE)) {
        if (containsUtf16(bytes, "EncryptedPackage")) throw new ReadError("这个 .docx 设置了打开密码，请在 Word 中取消密码后另存，再来检查");
        throw new ReadError("这是旧版 Word 文档（.doc），请另存为 .docx 后再检查");
      }
      if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || /\.docx$/i.test(file.name || "")) return readDocx(buf);
      return decodeText(bytes);
    });
  }

  // ------------------------------------------------------------------ page

  var checker = null;
  function engine() {
    if (!checker) {
      if (!window.GUIDE_CHECKER_DATA) throw new Error("GUIDE_CHECKER_DATA missing");
      checker = new Checker(window.GUIDE_CHECKER_DATA);
    }
    return checker;
  }

  var GuideChecker = {
    check: function (text, opts) { return engine().check(text, opts); },
    readFile: readFile,
    Checker: Checker
  };
  window.GuideChecker = GuideChecker;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** UTF-16 offset in `text` of (line, col) in code points. */
  function offsetOf(text, line, col) {
    var off = 0;
    for (var l = 1; l < line; l++) {
      var nl = text.indexOf("\n", off);
      if (nl < 0) return text.length;
      off = nl + 1;
    }
    for (var c = 1; c < col && off < text.length; c++) {
      var code = text.charCodeAt(off);
      off += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return off;
  }

  function advance(text, off, n) {
    for (var c = 0; c < n && off < text.length; c++) {
      var code = text.charCodeAt(off);
      off += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return off;
  }

  function initPage() {
    var root = document.getElementById("guide-checker");
    if (!root) return;
        var area = document.getElementById("gc-text");
    var fileInput = document.getElementById("gc-file");
    var yearInput = document.getElementById("gc-year");
    var status = document.getElementById("gc-status");
    var fileStatus = document.getElementById("gc-file-status");
    var list = document.getElementById("gc-results");
    var filters = root.querySelectorAll("input[name=gc-level]");
    var loaded = null;   // {text, headingLevels} from a .docx, while the text is unchanged
    var findings = [];
    var timer = null;

    if (!yearInput.value) yearInput.value = String(new Date().getFullYear());
    try {
      engine();
    } catch (e) {
      // no rules data, or a browser too old for the rules' regular expressions
      status.textContent = window.GUIDE_CHECKER_DATA ?
        "这个浏览器版本过旧，无法运行在线自查，请换用新版浏览器。" :
        "检查规则没有加载，请刷新页面后再试。";
      root.setAttribute("data-state", "error");
      return;
    }

    function selectedLevels() {
      var on = {};
      for (var i = 0; i < filters.length; i++) if (filters[i].checked) on[filters[i].value] = true;
      return on;
    }

    function render() {
      var on = selectedLevels(), counts = { "错误": 0, "警告": 0, "提示": 0 }, shown = 0;
      findings.forEach(function (f) { counts[f.level]++; });
      while (list.firstChild) list.removeChild(list.firstChild);
      findings.forEach(function (f, i) {
        if (!on[f.level]) return;
        shown++;
        var li = el("li", "gc-finding gc-" + f.severity);
        var btn = el("button", "gc-jump");
        btn.type = "button";
        btn.setAttribute("data-index", String(i));
        btn.appendChild(el("span", "gc-level", f.level));
        btn.appendChild(el("span", "gc-where", "第" + f.line + "行第" + f.col + "列"));
        btn.appendChild(el("span", "gc-message", f.message));
        if (f.suggestion) btn.appendChild(el("span", "gc-suggestion", "→ " + f.suggestion));
        btn.appendChild(el("code", "gc-rule", f.rule));
        li.appendChild(btn);
        list.appendChild(li);
      });
      for (var k = 0; k < filters.length; k++) {
        var c = filters[k].parentNode.querySelector(".gc-count");
        if (c) c.textContent = String(counts[filters[k].value]);
      }
      if (!area.value.trim()) {
        status.textContent = "请粘贴报告全文或选择文件。";
      } else if (!findings.length) {
        status.textContent = "没有发现问题。检查工具只能发现一部分问题，提交前请再对照自查清单通读一遍。";
      } else {
        status.textContent = "共发现 " + findings.length + " 处：错误 " + counts["错误"] + " 处，警告 " + counts["警告"] +
          " 处，提示 " + counts["提示"] + " 处" + (shown < findings.length ? "（当前显示 " + shown + " 处）" : "") + "。";
      }
      root.setAttribute("data-state", "done");
    }

    function run() {
      clearTimeout(timer);
      var text = area.value;
      var opts = { year: yearInput.value ? parseInt(yearInput.value, 10) : null };
      if (loaded && loaded.text === text) opts.headingLevels = loaded.headingLevels;
      findings = text.trim() ? GuideChecker.check(text, opts) : [];
      render();
    }

    function later() {
      root.setAttribute("data-state", "pending");
      clearTimeout(timer);
      timer = setTimeout(run, 300);
    }

    area.addEventListener("input", later);
    yearInput.addEventListener("input", later);
    document.getElementById("gc-run").addEventListener("click", run);
    document.getElementById("gc-clear").addEventListener("click", function () {
      area.value = ""; loaded = null; fileInput.value = ""; fileStatus.textContent = "";
      run(); area.focus();
    });
    for (var i = 0; i < filters.length; i++) filters[i].addEventListener("change", render);

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      root.setAttribute("data-state", "pending");
      fileStatus.textContent = "正在读取 " + file.name + " ……";
      readFile(file).then(function (res) {
        loaded = res;
        area.value = res.text;
        fileStatus.textContent = "已读取 " + file.name + "（文件只在本机读取，没有上传）。";
        run();
      }, function (err) {
        loaded = null;
        fileStatus.textContent = err instanceof ReadError ? err.message : "无法读取这个文件，请把全文复制粘贴到文本框中";
        root.setAttribute("data-state", "error");
      });
    });

    list.addEventListener("click", function (ev) {
      var btn = ev.target.closest ? ev.target.closest(".gc-jump") : null;
      if (!btn) return;
      var f = findings[parseInt(btn.getAttribute("data-index"), 10)];
      var text = area.value, start = offsetOf(text, f.line, f.col);
      var end = advance(text, start, Math.max(f.length, 1));
      var current = list.querySelector("[aria-current]");
      if (current) current.removeAttribute("aria-current");
      btn.setAttribute("aria-current", "true");
      area.focus();
      area.setSelectionRange(start, start);
      area.blur();
      area.focus();
      area.setSelectionRange(start, end);
    });

    run();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
  else initPage();
})();
