/* 述职报告的检查与排版引擎：规则、段落分类、读取 .docx。
 *
 * 不依赖 DOM：在线自查页面（浏览器）和命令行（scripts/engine_host.py 通过
 * mini-racer 在 V8 中运行）加载的是同一个文件。不用 TextEncoder、TextDecoder、
 * atob、DecompressionStream；zip 用 vendor/fflate.js。
 *
 * 规则数据是全局的 GUIDE_CHECKER_DATA（构建时由 data/checker_rules.yml、
 * data/formulations.yml、data/sections.yml 生成的 checker-data.js）。
 *
 *   ReportEngine.check(textOrParagraphs, {year, part}) → findings
 *   ReportEngine.classify(paragraphs) → [{kind, text, runIn}]
 *   ReportEngine.readDocx(bytes) → {paragraphs, comments, revisions, hidden}
 *   ReportEngine.create(data) → an engine with its own data (check, classify)
 *
 * paragraphs = [{text, style?}]; bytes = Uint8Array or a latin-1 string.
 * A finding: rule, level (错误/警告/提示), severity, line, col (1-based, in code
 * points), length, message, suggestion (or null).
 *
 * Limits (data/checker_rules.yml `limits:`): check and readDocx throw a ReadError
 * (name "ReadError", message in Chinese for the user) for a draft over max_chars or
 * max_lines, readDocx also for a part that inflates past max_unzipped_bytes. check
 * lists the first max_findings_per_rule of each rule and max_findings in all; when
 * it leaves some out, its last finding has rule "findings-omitted", the level of
 * the worst one left out, line/col of the first one left out, and an extra field
 * omitted: {total, byLevel: {错误: n, …}, byRule: {rule: n, …}}.
 */
(function (root) {
  "use strict";

  var CN_DIGITS = { "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var CN_NUMS = "一二三四五六七八九";
  var LEVEL_KEYS = { "错误": "error", "警告": "warning", "提示": "hint" };
  var LEVELS = ["错误", "警告", "提示"];
  // the finding that says how many were left out (data/checker_rules.yml limits)
  var OMITTED_RULE = "findings-omitted";
  var WHITESPACE = /[ \t\u3000\u00a0\ufeff]/g;
  var LEADING_SPACE = /^\s+/;
  var NEWLINES = /\r\n|\r|\n/;
  var CONNECTORS = /以及|和|及|与|并/;
  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var ID_CHECK = "10X98765432";
  // the mark before 二是、三是…: which separators count as the same
  var SEPARATORS = { "；": "；", ";": "；", "。": "。", "，": "，", ",": "，" };
  var SURROGATE = /[\ud800-\udbff]/;
  // Word style names that fix a paragraph's kind (English names as in styles.xml, Chinese as WPS writes them)
  var STYLE_KINDS = {
    "title": "title", "标题": "title",
    "称谓": "salutation", "salutation": "salutation",
    "signature": "signature", "署名": "signature", "签名": "signature",
    "date": "date", "日期": "date"
  };
  var HEADING_STYLE = /^(?:heading|标题)\s*([1-9])$/i;

  /** Every pattern in the rules file is a JavaScript regular expression with the u flag. */
  function rx(source, flags) { return new RegExp(source, "u" + (flags || "")); }

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

  /**
   * Spans already taken on one line: sorted, disjoint [start, end) pairs. One pass
   * (pass → free → take → done) offers spans in increasing start order, as a regular
   * expression finds them; each pass costs O(taken + offered), not O(taken × offered).
   */
  function Taken() { this.list = []; this.added = null; this.cursor = 0; }
  Taken.prototype.pass = function () { this.added = []; this.cursor = 0; };
  Taken.prototype.free = function (s, e) {
    var list = this.list;
    while (this.cursor < list.length && list[this.cursor][1] <= s) this.cursor++;
    if (this.cursor < list.length && list[this.cursor][0] < e) return false;
    var last = this.added.length ? this.added[this.added.length - 1] : null;
    return !(last && last[1] > s);
  };
  Taken.prototype.take = function (s, e) { this.added.push([s, e]); };
  Taken.prototype.done = function () {
    var a = this.list, b = this.added, out = [], i = 0, j = 0;
    if (!b.length) return;
    while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i][0] < b[j][0]) ? a[i++] : b[j++]);
    this.list = out;
    this.added = null;
  };

  function compareAt(a, b) { return a.line - b.line || a.col - b.col; }

  /**
   * The findings of one check, capped as data/checker_rules.yml `limits:` says: the
   * first max_findings_per_rule of each rule and the first max_findings in all, in
   * reading order. The rest are only counted (admit → false before a finding is
   * built), so a hostile draft costs memory for the shown findings only.
   */
  function Findings(order, limits) {
    this.order = order;
    this.perRule = limits.max_findings_per_rule > 0 ? limits.max_findings_per_rule : Infinity;
    this.total = limits.max_findings > 0 ? limits.max_findings : Infinity;
    this.byRule = {};
    this.rules = [];
    this.omitted = { total: 0, byLevel: {}, byRule: {}, first: null };
  }
  Findings.prototype.drop = function (rule, level, line, col) {
    var o = this.omitted;
    o.total++;
    o.byLevel[level] = (o.byLevel[level] || 0) + 1;
    o.byRule[rule] = (o.byRule[rule] || 0) + 1;
    if (!o.first || compareAt({ line: line, col: col }, o.first) < 0) o.first = { line: line, col: col };
  };
  Findings.prototype.admit = function (rule, level, line, col) {
    var b = this.byRule[rule];
    if (!b) { b = this.byRule[rule] = { list: [], last: null }; this.rules.push(rule); }
    // once the rule has its N, a finding after the N-th cannot be shown
    if (b.last && compareAt({ line: line, col: col }, b.last) >= 0) { this.drop(rule, level, line, col); return false; }
    return true;
  };
  Findings.prototype.add = function (f) {
    var b = this.byRule[f.rule];
    b.list.push(f);
    if (b.list.length >= 2 * this.perRule) this.trim(b);
  };
  /** Keep a rule's first N (a stable sort keeps equal positions in the order found). */
  Findings.prototype.trim = function (b) {
    if (b.list.length <= this.perRule) return;
    b.list.sort(compareAt);
    for (var i = this.perRule; i < b.list.length; i++) {
      var f = b.list[i];
      this.drop(f.rule, f.level, f.line, f.col);
    }
    b.list.length = this.perRule;
    b.last = b.list[this.perRule - 1];
  };
  /** The shown findings in reading order, then (when some were left out) one that says how many. */
  Findings.prototype.result = function () {
    var all = [], order = this.order, self = this;
    this.rules.forEach(function (r) { self.trim(self.byRule[r]); all = all.concat(self.byRule[r].list); });
    all.sort(function (a, b) { return a.line - b.line || a.col - b.col || order[a.rule] - order[b.rule]; });
    for (var i = this.total; i < all.length; i++) this.drop(all[i].rule, all[i].level, all[i].line, all[i].col);
    if (all.length > this.total) all.length = this.total;
    var o = this.omitted;
    if (o.total) all.push(this.summary(all.length));
    return all;
  };
  /** 每条规则最多列出前 200 处，全文最多列出前 1000 处 (the caps in force). */
  Findings.prototype.caps = function () {
    var caps = [];
    if (this.perRule < Infinity) caps.push(fill(MESSAGES.omittedPerRule, { n: this.perRule }));
    if (this.total < Infinity) caps.push(fill(MESSAGES.omittedTotal, { n: this.total }));
    return caps.join("，");
  };
  Findings.prototype.summary = function (shown) {
    var o = this.omitted, level = null, parts = [];
    LEVELS.forEach(function (lv) {
      if (!o.byLevel[lv]) return;
      if (!level) level = lv;
      parts.push(lv + " " + o.byLevel[lv] + " 处");
    });
    return {
      rule: OMITTED_RULE,
      level: level,
      severity: LEVEL_KEYS[level],
      line: o.first.line,
      col: o.first.col,
      length: 0,
      message: fill(MESSAGES.omitted, { count: o.total, levels: parts.join("，"), shown: shown, caps: this.caps() }),
      suggestion: MESSAGES.omittedSuggestion,
      omitted: { total: o.total, byLevel: o.byLevel, byRule: o.byRule }
    };
  };

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
      self.patterns[r.id] = (r.patterns || []).map(function (p) { return rx(p.split("{HAN}").join(han), "g"); });
    });
    this.hasHan = rx("[" + han + "]");
    this.prefix = rx(cfg.line_prefix);
    this.numbering = cfg.numbering.map(function (n) { return { level: n.level, re: rx(n.pattern), label: n.label }; });
    this.chain = rx(cfg.chain_pattern, "g");
    this.markers = this.rules["ordinal-punct"].markers.map(function (m) {
      return { re: rx(m.pattern), fix: m.fix, unless: m.unless ? rx(m.unless) : null };
    });
    this.transition = rx(cfg.opening_transition);
    this.ignore = cfg.formulation_ignore;
    this.ignoreRe = new RegExp("[" + this.ignore.replace(/[\\\]\[^-]/g, "\\$&") + "]");
    this.parts = this.sections.filter(function (s) { return s.recognise && s.recognise.length; });
    this.campaign = rx(cfg.campaign_pattern);
    var c = this.classifyCfg = cfg.classify;
    this.salutation = rx(c.salutation);
    this.date = rx(c.date);
    this.titleStop = rx(c.title_stop);
    this.signatureStop = rx(c.signature_stop);
    this.runInEnd = rx(c.run_in_end);
    this.setupWords(data);
  }

  /**
   * UTF-16 offset → code points before it, for one line. Built once per line (only
   * when the line has characters outside the BMP), so that each finding costs O(1)
   * instead of rescanning the line's prefix.
   */
  function CodePoints(raw) {
    this.raw = raw;
    this.before = null;
    if (SURROGATE.test(raw)) {
      var before = this.before = new Int32Array(raw.length + 1), n = 0;
      for (var i = 0; i < raw.length; i++) {
        before[i] = n;
        var c = raw.charCodeAt(i);
        if (c < 0xd800 || c > 0xdbff) n++;
      }
      before[raw.length] = n;
    }
  }
  CodePoints.prototype.at = function (i) { return this.before ? this.before[i] : i; };

  Checker.prototype.codePoints = function (line, raw) {
    var cp = this.cpCache;
    if (!cp || cp.line !== line || cp.raw !== raw) { cp = this.cpCache = new CodePoints(raw); cp.line = line; }
    return cp;
  };

  /** A finding at [s, e) of line text `raw` (UTF-16 offsets; reported in code points). */
  Checker.prototype.finding = function (out, ruleId, line, raw, s, e, params, kase, level) {
    var rule = this.rules[ruleId];
    level = level || rule.level;
    var cp = this.codePoints(line, raw), col = cp.at(s) + 1;
    if (!out.admit(ruleId, level, line, col)) return;   // beyond the caps: counted, not built
    params = params || {};
    var template = kase ? rule.messages[kase] : rule.message;
    out.add({
      rule: ruleId,
      level: level,
      severity: LEVEL_KEYS[level],
      line: line,
      col: col,
      length: cp.at(e) - cp.at(s),
      message: fill(template, params),
      suggestion: fill(rule.suggestion, params)
    });
  };

  Checker.prototype.label = function (label, n) {
    return label.replace("{cn}", intToCn(n)).replace("{n}", String(n));
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
    this.formulations.forEach(function (f) {
      (f.wrong || []).forEach(function (w0) {
        var w = self.stripTerm(w0);
        if (w) wrongs.push({ text: w, f: f });
      });
    });
    return (this.formIndex = { terms: terms, wrongs: wrongs });
  };

  /** Whether [s, e) lies inside one of the spans (sorted by start, with running maximum ends). */
  function inside(starts, maxEnds, s, e) {
    var lo = 0, hi = starts.length;       // first span starting after s
    while (lo < hi) { var mid = (lo + hi) >> 1; if (starts[mid] <= s) lo = mid + 1; else hi = mid; }
    return lo > 0 && maxEnds[lo - 1] >= e;
  }

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
      for (k = 0; k < index.wrongs.length; k++) {
        var w = index.wrongs[k].text, wf = index.wrongs[k].f;
        for (start = text.indexOf(w); start >= 0; start = text.indexOf(w, start + 1)) {
          var end = start + w.length;
          if (inside(starts, maxEnds, start, end)) continue;
          var s = keep ? keep[start] : start, e = keep ? keep[end - 1] + 1 : end;
          this.finding(out, "formulation-wrong", idx + 1, raw, s, e, { match: raw.slice(s, e), term: wf.term });
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


  // ------------------------------------------------------------------ words, spaces, punctuation (issue 10)

  function escapeRe(t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /** A rule case: skip alternatives first (text they match is not checked), then (?<hit>pattern). */
  function caseRe(han, c) {
    var hit = "(?<hit>" + c.pattern.split("{HAN}").join(han) + ")";
    return rx(c.skip ? "(?:" + c.skip.split("{HAN}").join(han) + ")|" + hit : hit, "g");
  }

  /** Each hit of a case regex: fn(match, start, end); (?<at>…) at the end of a hit narrows the span. */
  function eachHit(re, text, fn) {
    var m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === "") { re.lastIndex++; continue; }
      if (m.groups && m.groups.hit !== undefined) {
        var part = m.groups.at !== undefined ? m.groups.at : m.groups.hit;
        var e = m.index + m[0].length;
        fn(m, e - part.length, e);
      }
    }
  }

  function daysIn(y, m) {
    return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  function toInt(t) { return /^[0-9]+$/.test(t) ? parseInt(t, 10) : cnToInt(t); }

  var CLAUSE_END = /[。；！？]/;
  var YEAR_IN_TEXT = /((?:19|20)[0-9]{2})年/g;
  var CASE_RULES = ["de-usage", "repeat-word", "er-liang", "punct-misuse"];
  var REVISION_KINDS = { ins: "插入", del: "删除", moveFrom: "移走", moveTo: "移入", format: "格式修改" };

  Checker.prototype.setupWords = function (data) {
    var han = this.cfg.han, self = this;
    var typos = ((data.typos && data.typos.typos) || []).slice();
    typos.sort(function (a, b) { return b.wrong.length - a.wrong.length; });
    this.typoRight = {};
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
    this.idRegions = {};
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
          this.finding(out, "typo", lineno, raw, m.index, m.index + m[0].length, { match: m[0], right: this.typoRight[m[0]] });
        }
      }
      CASE_RULES.forEach(function (id) {
        var rule = self.rules[id];
        self.cases[id].forEach(function (k) {
          eachHit(k.re, raw, function (mm, s, e) {
            var match = raw.slice(s, e), params = { match: match, fix: k.c.fix || "" };
            if (id === "de-usage") params.fix = match.replace("的", k.c.case === "de" ? "得" : "地");
            else if (id === "repeat-word") params.word = k.c.case === "char" ? match.charAt(0) : match.slice(0, match.length / 2);
            else if (id === "er-liang") params.fix = match.replace("二", "两");
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

  // ------------------------------------------------------------------ what a .docx keeps (issue 10)

  function clip(t, n) { t = String(t || "").replace(/\s+/g, " ").trim(); return cpLen(t) > n ? Array.from(t).slice(0, n).join("") + "……" : t; }

  /** A finding at a (line, col) the .docx reader located, `length` code points long. */
  Checker.prototype.findingAt = function (out, ruleId, line, col, length, params, kase) {
    var rule = this.rules[ruleId], template = kase ? rule.messages[kase] : rule.message;
    if (!out.admit(ruleId, rule.level, line, col)) return;   // beyond the caps: counted, not built
    out.add({ rule: ruleId, level: rule.level, severity: LEVEL_KEYS[rule.level], line: line, col: col, length: length,
              message: fill(template, params), suggestion: fill(rule.suggestion, params) });
  };

  Checker.prototype.docxRules = function (out, docx) {
    var self = this;
    (docx.comments || []).forEach(function (c) {
      var at = c.start || c.end || { line: 1, col: 1 }, end = c.end || at;
      var length = end.line === at.line ? Math.max(end.col - at.col, 0) : 0;
      self.findingAt(out, "docx-comment", at.line, at.col, length,
        { comment: clip(c.text, 30), author: c.author || "" }, c.author ? "by" : null);
    });
    (docx.revisions || []).forEach(function (r) {
      var inserted = r.type === "ins" || r.type === "moveTo";
      self.findingAt(out, "docx-revision", r.line, r.col, inserted ? cpLen(r.text) : 0,
        { kind: REVISION_KINDS[r.type] || "修订", text: clip(r.text, 20) }, r.text ? null : "format");
    });
    (docx.hidden || []).forEach(function (h) {
      if (!h.text.trim()) return;
      self.findingAt(out, "docx-hidden", h.line, h.col, cpLen(h.text), { text: clip(h.text, 30) });
    });
  };

  // ------------------------------------------------------------------ classification

  function headingStyleLevel(style) {
    var m = HEADING_STYLE.exec(style || "");
    return m ? parseInt(m[1], 10) : null;
  }

  /** A paragraph's level from its Word style (heading N) or outline level, else null. */
  function styleLevel(p) {
    var level = headingStyleLevel(p.style);
    if (!level && p.outlineLevel >= 1 && p.outlineLevel <= 9) level = p.outlineLevel;
    return level;
  }

  Checker.prototype.numberOf = function (body) {
    for (var k = 0; k < this.numbering.length; k++) {
      var nb = this.numbering[k], m = nb.re.exec(body);
      if (m) {
        var g = m[1];
        return { level: nb.level, n: /^[0-9]+$/.test(g) ? parseInt(g, 10) : cnToInt(g), marker: m[0], label: nb.label };
      }
    }
    return null;
  };

  /** Per line: prefix length, body, numbering (level, number, marker text), style level. */
  Checker.prototype.analyse = function (paragraphs) {
    var info = [];
    for (var i = 0; i < paragraphs.length; i++) {
      var raw = paragraphs[i].text;
      var start = this.prefix.exec(raw)[0].length;
      var body = raw.slice(start);
      info.push({ start: start, body: body, num: this.numberOf(body), style: styleLevel(paragraphs[i]) });
    }
    return info;
  };

  function normaliseParagraphs(input) {
    if (typeof input === "string") {
      if (input.charAt(0) === "\ufeff") input = input.slice(1);
      return input.split(NEWLINES).map(function (t) { return { text: t }; });
    }
    return (input || []).map(function (p) {
      return typeof p === "string" ? { text: p } : p;
    });
  }

  /** Paragraphs → one paragraph a line (a soft line break starts a new line; the style stays on the first). */
  function toLines(input) {
    if (typeof input === "string") return normaliseParagraphs(input);
    var lines = [];
    normaliseParagraphs(input).forEach(function (p) {
      String(p.text || "").split(NEWLINES).forEach(function (t, k) {
        lines.push(k ? { text: t } : { text: t, style: p.style, outlineLevel: p.outlineLevel });
      });
    });
    return lines;
  }

  /** The text a reader sees for these paragraphs, one line each (what the page shows in its text box). */
  function paragraphsToText(input) {
    return toLines(input).map(function (p) { return p.text; }).join("\n");
  }

  /**
   * The kind of each paragraph: title, salutation, h1..h4, body, signature, date, blank.
   * runIn: for a body paragraph that opens with a heading number and a short heading
   * sentence (（一）加强政治学习。正文…): {level, length of the heading part in UTF-16 units}.
   */
  Checker.prototype.classify = function (input) {
    var paragraphs = normaliseParagraphs(input), cfg = this.classifyCfg, self = this;
    var info = this.analyse(paragraphs);
    var out = paragraphs.map(function (p, i) {
      var raw = String(p.text || ""), text = raw.replace(LEADING_SPACE, "");
      var r = { kind: "body", text: text, runIn: null };
      if (!text.trim()) { r.kind = "blank"; return r; }
      var byStyle = STYLE_KINDS[String(p.style || "").toLowerCase()];
      var level = info[i].style;
      if (byStyle) r.kind = byStyle;
      else if (level && level <= 4) r.kind = "h" + level;
      else if (info[i].num) self.numbered(r, raw.length - text.length, info[i]);
      r.fixed = !!(byStyle || level);   // kind given by the Word style
      return r;
    });
    var firstHeading = out.length;
    for (var i = 0; i < out.length; i++) if (/^h[1-4]$/.test(out[i].kind) || out[i].runIn) { firstHeading = i; break; }
    var hasTitle = out.some(function (r) { return r.kind === "title"; });
    var hasSalutation = out.some(function (r) { return r.kind === "salutation"; });
    // the opening: title (first paragraph, or two when the first breaks off), then a salutation
    var seen = 0;
    for (i = 0; i < firstHeading; i++) {
      var r = out[i];
      if (r.kind === "blank") continue;
      if (r.fixed) { seen++; continue; }
      var body = info[i].body;
      if (!hasTitle && seen === 0 && r.kind === "body" && this.titleLike(body)) {
        r.kind = "title";
        // a title broken over two lines: 关于……的 / 述职报告, or 关于2026年度个人 / 述职报告
        // (a short second line that is only the 文种, under a first line that has none)
        var next = this.nextText(out, i);
        if (next >= 0 && next < firstHeading && !out[next].fixed && this.titleLike(info[next].body) &&
            (/(?:的|关于|和|与|及|暨)$/u.test(body.trim()) || this.titleTail(body, info[next].body))) {
          out[next].kind = "title";
          i = next;
        }
        hasTitle = true; seen++;
        continue;
      }
      if (!hasSalutation && r.kind === "body" && this.salutation.test(body.trim())) {
        r.kind = "salutation"; hasSalutation = true;
      }
      seen++;
      if (seen > 3) break;
    }
    // the close: a date, and up to two signature lines above it
    var last = -1;
    for (i = out.length - 1; i >= 0; i--) if (out[i].kind !== "blank") { last = i; break; }
    var hasDate = out.some(function (x) { return x.kind === "date"; });
    if (last > firstHeading || (last >= 0 && firstHeading === out.length)) {
      if (!hasDate && !out[last].fixed && !info[last].num && this.date.test(out[last].text.trim())) out[last].kind = "date";
      if (out[last].kind === "date" && !out.some(function (x) { return x.kind === "signature"; })) {
        var signed = 0;
        for (i = last - 1; i > 0 && signed < cfg.signature_lines; i--) {
          if (out[i].kind === "blank") continue;
          if (out[i].fixed || out[i].kind !== "body" || info[i].num || !this.signatureLike(out[i].text)) break;
          out[i].kind = "signature"; signed++;
        }
      }
    }
    return out.map(function (x) { return { kind: x.kind, text: x.text, runIn: x.runIn }; });
  };

  Checker.prototype.nextText = function (out, i) {
    for (var k = i + 1; k < out.length; k++) if (out[k].kind !== "blank") return k;
    return -1;
  };

  /** The second line of a broken title: a short line ending in the 文种 (述职报告, 工作总结),
   *  under a first line that does not end in one itself (so 2026年度述职报告 / 王某某 stays apart). */
  var GENRE_END = /(?:报告|总结|材料)$/u;
  Checker.prototype.titleTail = function (first, second) {
    var t = second.trim();
    return cpLen(t) <= 12 && GENRE_END.test(t) && !GENRE_END.test(first.trim());
  };

  Checker.prototype.titleLike = function (body) {
    var t = body.trim();
    return cpLen(t) <= this.classifyCfg.title_max_chars && !this.titleStop.test(t) && !this.numberOf(t) && !this.date.test(t);
  };

  Checker.prototype.signatureLike = function (text) {
    var t = text.trim();
    return cpLen(t) <= this.classifyCfg.signature_max_chars && !this.signatureStop.test(t);
  };

  /** A numbered paragraph: a heading, a run-in heading at the start of a body paragraph, or body. */
  Checker.prototype.numbered = function (r, indent, li) {
    var cfg = this.classifyCfg, rest = li.body.slice(li.num.marker.length);
    var restTrim = rest.replace(/\s+$/, "");
    var inner = restTrim.slice(0, -1);
    if (cpLen(restTrim) <= cfg.heading_max_chars && !this.runInEnd.test(inner)) {
      r.kind = "h" + li.num.level;
      return;
    }
    var m = this.runInEnd.exec(rest);
    if (m && cpLen(rest.slice(0, m.index + 1)) <= cfg.run_in_max_chars && rest.slice(m.index + m[0].length).trim()) {
      r.runIn = { level: li.num.level, length: li.start - indent + li.num.marker.length + m.index + m[0].length };
    }
  };

  // ------------------------------------------------------------------ checking

  /**
   * Characters (code points, line breaks not counted) and lines of a draft, counted
   * without splitting or copying it, so that an oversized input is refused cheaply.
   */
  function measure(input) {
    var chars = 0, lines = 0;
    function count(t) {
      lines++;
      for (var i = 0; i < t.length; i++) {
        var c = t.charCodeAt(i);
        if (c === 10 || c === 13) {
          if (!(c === 13 && t.charCodeAt(i + 1) === 10)) lines++;
        } else if (c < 0xdc00 || c > 0xdfff) chars++;
      }
    }
    if (typeof input === "string") count(input.charAt(0) === "\ufeff" ? input.slice(1) : input);
    else (input || []).forEach(function (p) { count(String(typeof p === "string" ? p : (p && p.text) || "")); });
    return { chars: chars, lines: lines };
  }

  /** 200000 → "20 万", 1500 → "1500 " (the message puts 字 or 行 straight after). */
  function bigNumber(n) { return n >= 10000 && n % 10000 === 0 ? n / 10000 + " 万" : n + " "; }

  /** Refuse (ReadError, in Chinese) a draft over limits.max_chars or limits.max_lines. */
  function checkSize(input, limits) {
    if (!(limits.max_chars > 0) && !(limits.max_lines > 0)) return;
    var size = measure(input);
    if (limits.max_chars > 0 && size.chars > limits.max_chars) {
      throw ReadError(fill(MESSAGES.tooManyChars, { max: bigNumber(limits.max_chars), count: size.chars }));
    }
    if (limits.max_lines > 0 && size.lines > limits.max_lines) {
      throw ReadError(fill(MESSAGES.tooManyLines, { max: bigNumber(limits.max_lines), count: size.lines }));
    }
  }

  Checker.prototype.check = function (input, opts) {
    opts = opts || {};
    var year = opts.year === undefined || opts.year === null || opts.year === "" ? null : parseInt(opts.year, 10);
    if (isNaN(year)) year = null;
    var limits = this.cfg.limits || {};
    checkSize(input, limits);
    var paragraphs = toLines(input);
    var lines = paragraphs.map(function (p) { return String(p.text || ""); });
    var info = this.analyse(paragraphs);
    var kinds = this.classify(paragraphs);
    var marks = this.yearMarks(lines, info, kinds), given = year !== null;
    if (!given) year = marks.title ? marks.title.year : marks.opening ? marks.opening.year : null;
    var out = new Findings(this.order, limits);
    this.cpCache = null;
    this.patternRules(out, lines, info);
    this.wordRules(out, lines);
    this.periodRules(out, lines, info, kinds);
    this.pii(out, lines);
    this.pairs(out, lines, info);
    this.numberingRules(out, lines, info);
    this.formulationRules(out, lines, year);
    this.congress(out, lines, year);
    this.yearRules(out, lines, marks, year, given);
    if (opts.docx) this.docxRules(out, opts.docx);
    this.structure(out, lines, info, kinds, opts.part || null);
    this.cpCache = null;
    this.clauseCache = null;
    return out.result();
  };

  // ------------------------------------------------------------------ .docx

  /** An input the engine cannot read; the message is for the user, in Chinese. */
  function ReadError(message) {
    var e = new Error(message);
    e.name = "ReadError";
    return e;
  }

  var MESSAGES = {
    corrupt: "文件已损坏或不完整，无法作为 .docx 读取；请用 Word 打开后另存为 .docx 再试",
    noBody: "文件已损坏或不是有效的 .docx（缺少正文），请用 Word 另存为 .docx 后再试",
    compression: "不支持这种压缩方式，请用 Word 另存为 .docx 后再试",
    unzippedTooBig: "文件解压后过大，不像是一篇述职报告，请只保留正文后再试",
    oldDoc: "这是旧版 Word 文档（.doc），请另存为 .docx 后再检查",
    encrypted: "这个 .docx 设置了打开密码，请在 Word 中取消密码后另存，再来检查",
    noText: "文档中没有文字",
    empty: "文件是空的",
    notText: "这不是文本文件，无法检查",
    encoding: "无法识别文件的编码（不是 UTF-8、GBK/GB18030 或带 BOM 的 UTF-16），无法检查",
    tooBig: "文件超过 {mb} MB，不像是一篇述职报告，请只保留正文后再试",
    tooManyChars: "全文超过 {max}字（现有 {count} 字），不像是一篇述职报告，请只保留正文后再试",
    tooManyLines: "全文超过 {max}行（现有 {count} 行），不像是一篇述职报告，请只保留正文后再试",
    omitted: "另有 {count} 处没有列出（{levels}）：{caps}",
    omittedPerRule: "每条规则最多列出前 {n} 处",
    omittedTotal: "全文最多列出前 {n} 处",
    omittedSuggestion: "先改正已列出的问题，再重新检查"
  };

  var NS = {
    w: ["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"],
    mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
    rels: "http://schemas.openxmlformats.org/package/2006/relationships"
  };
  var OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  var MAIN_REL = /\/officeDocument$/;

  function toBytes(data) {
    if (typeof data !== "string") return data instanceof Uint8Array ? data : new Uint8Array(data);
    var out = new Uint8Array(data.length);
    for (var i = 0; i < data.length; i++) out[i] = data.charCodeAt(i) & 0xff;
    return out;
  }

  function startsWith(bytes, sig) {
    if (bytes.length < sig.length) return false;
    for (var i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
    return true;
  }

  function containsUtf16(bytes, word) {
    var first = word.charCodeAt(0);
    outer: for (var p = 0; p + word.length * 2 <= bytes.length; p++) {
      if (bytes[p] !== first || bytes[p + 1] !== 0) continue;
      for (var k = 1; k < word.length; k++) {
        if (bytes[p + 2 * k] !== word.charCodeAt(k) || bytes[p + 2 * k + 1] !== 0) continue outer;
      }
      return true;
    }
    return false;
  }

  /** Strict UTF-8 (or UTF-16 with a BOM, which XML allows) → string, in pure JS so both hosts agree. */
  function decodeXml(b) {
    if (b[0] === 0xff && b[1] === 0xfe || b[0] === 0xfe && b[1] === 0xff) {
      var le = b[0] === 0xff, s16 = new Uint16Array((b.length - 2) >> 1), m = 0;
      for (var j = 2; j + 1 < b.length; j += 2) s16[m++] = le ? b[j] | b[j + 1] << 8 : b[j] << 8 | b[j + 1];
      return chunks(s16, m);
    }
    // UTF-16 units are never more than UTF-8 bytes: one typed array, no array of numbers
    var out = new Uint16Array(b.length), o = 0, i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0, n = b.length;
    while (i < n) {
      var c = b[i++];
      if (c < 0x80) { out[o++] = c; continue; }
      var need = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
      if (need < 0 || i + need > n) throw ReadError(MESSAGES.corrupt);
      var cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
      for (var k = 0; k < need; k++) {
        var x = b[i++];
        if ((x & 0xc0) !== 0x80) throw ReadError(MESSAGES.corrupt);
        cp = cp << 6 | x & 0x3f;
      }
      if (cp > 0x10ffff || (need === 2 && cp < 0x800) || (need === 3 && cp < 0x10000) || (cp >= 0xd800 && cp <= 0xdfff)) {
        throw ReadError(MESSAGES.corrupt);
      }
      if (cp >= 0x10000) { cp -= 0x10000; out[o++] = 0xd800 + (cp >> 10); out[o++] = 0xdc00 + (cp & 0x3ff); }
      else out[o++] = cp;
    }
    return chunks(out, o);
  }

  function chunks(codes, length) {
    var parts = [];
    for (var i = 0; i < length; i += 8192) parts.push(String.fromCharCode.apply(null, codes.subarray(i, Math.min(i + 8192, length))));
    return parts.join("");
  }

  var ENTITIES = { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" };

  function decodeEntities(s) {
    if (s.indexOf("&") < 0) return s;
    return s.replace(/&([^;&]*);?/g, function (m, name) {
      if (m.charAt(m.length - 1) !== ";") throw ReadError(MESSAGES.corrupt);
      if (ENTITIES.hasOwnProperty(name)) return ENTITIES[name];
      var code = /^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]{1,7}$/.test(name) ? parseInt(name.slice(1), 10) : -1;
      if (code < 0 || code > 0x10ffff) throw ReadError(MESSAGES.corrupt);  // Word writes no other entities
      return String.fromCodePoint(code);
    });
  }

  /**
   * A small namespace-aware XML reader: calls handler.start(ns, name, attrs),
   * handler.end(ns, name), handler.text(string). One pass, linear in the input.
   * Rejects any DOCTYPE (Word never writes one; entity expansion is an attack).
   */
  // Word nests a few dozen elements deep (tables in tables); far deeper is an attack on memory
  var MAX_XML_DEPTH = 1000;

  function parseXml(xml, handler) {
    var n = xml.length, pos = 0, top0 = Object.create(null), scopes = [top0], stack = [];
    top0.xml = "http://www.w3.org/XML/1998/namespace";
    function bad() { throw ReadError(MESSAGES.corrupt); }
    function resolve(scope, qname) {
      var c = qname.indexOf(":"), prefix = c < 0 ? "" : qname.slice(0, c);
      return { ns: scope[prefix] || (prefix ? bad() : ""), local: c < 0 ? qname : qname.slice(c + 1) };
    }
    while (pos < n) {
      var lt = xml.indexOf("<", pos);
      if (lt < 0) lt = n;
      if (lt > pos) {
        if (stack.length) handler.text(decodeEntities(xml.slice(pos, lt)));
        else if (xml.slice(pos, lt).trim()) bad();
      }
      if (lt >= n) break;
      var c1 = xml.charAt(lt + 1), end;
      if (c1 === "?") {
        end = xml.indexOf("?>", lt + 2); if (end < 0) bad(); pos = end + 2; continue;
      }
      if (c1 === "!") {
        if (xml.substr(lt, 4) === "<!--") { end = xml.indexOf("-->", lt + 4); if (end < 0) bad(); pos = end + 3; continue; }
        if (xml.substr(lt, 9) === "<![CDATA[") {
          end = xml.indexOf("]]>", lt + 9); if (end < 0 || !stack.length) bad();
          handler.text(xml.slice(lt + 9, end)); pos = end + 3; continue;
        }
        bad();   // <!DOCTYPE and anything else
      }
      if (c1 === "/") {
        end = xml.indexOf(">", lt + 2); if (end < 0) bad();
        var closing = xml.slice(lt + 2, end).trim(), top = stack.pop();
        if (!top || top.qname !== closing) bad();
        handler.end(top.ns, top.local);
        scopes.pop();
        pos = end + 1; continue;
      }
      // a start tag: name, then attributes
      var p = lt + 1;
      while (p < n && !/[\s\/>]/.test(xml.charAt(p))) p++;
      var qname = xml.slice(lt + 1, p), raw = [], self = false;
      if (!qname) bad();
      for (;;) {
        while (p < n && /\s/.test(xml.charAt(p))) p++;
        if (p >= n) bad();
        var ch = xml.charAt(p);
        if (ch === ">") { p++; break; }
        if (ch === "/") { if (xml.charAt(p + 1) !== ">") bad(); self = true; p += 2; break; }
        var eq = xml.indexOf("=", p);
        if (eq < 0) bad();
        var aname = xml.slice(p, eq).trim();
        p = eq + 1;
        while (p < n && /\s/.test(xml.charAt(p))) p++;
        var q = xml.charAt(p);
        if (q !== "\"" && q !== "'") bad();
        var close = xml.indexOf(q, p + 1);
        if (close < 0 || !aname) bad();
        raw.push([aname, decodeEntities(xml.slice(p + 1, close))]);
        p = close + 1;
      }
      var parent = scopes[scopes.length - 1], scope = parent;
      raw.forEach(function (a) {
        if (a[0] === "xmlns" || a[0].slice(0, 6) === "xmlns:") {
          if (scope === parent) scope = Object.create(parent);
          scope[a[0] === "xmlns" ? "" : a[0].slice(6)] = a[1];
        }
      });
      var el = resolve(scope, qname), attrs = {};
      raw.forEach(function (a) {
        if (a[0] === "xmlns" || a[0].slice(0, 6) === "xmlns:") return;
        if (a[0].indexOf(":") < 0) { attrs[a[0]] = a[1]; return; }
        var an = resolve(scope, a[0]);
        attrs[isW(an.ns) ? an.local : a[0]] = a[1];
      });
      handler.start(el.ns, el.local, attrs);
      if (self) handler.end(el.ns, el.local);
      else {
        if (stack.length >= MAX_XML_DEPTH) bad();
        stack.push({ qname: qname, ns: el.ns, local: el.local }); scopes.push(scope);
      }
      pos = p;
    }
    if (stack.length) bad();
  }

  function isW(ns) { return ns === NS.w[0] || ns === NS.w[1]; }

  function onOff(attrs) {
    var v = attrs.val;
    return v === undefined || !/^(?:0|false|off)$/i.test(v);
  }

  /** styleId → {name, basedOn, outline}; and the default paragraph style's id. */
  function readStyles(xml) {
    var styles = {}, def = null, cur = null, inPPr = 0;
    parseXml(xml, {
      start: function (ns, name, a) {
        if (!isW(ns)) return;
        if (name === "style" && (a.type || "paragraph") === "paragraph") {
          cur = styles[a.styleId] = { name: "", basedOn: null, outline: null };
          if (onOff({ val: a["default"] || "0" })) def = a.styleId;
        } else if (cur && name === "name") cur.name = a.val || "";
        else if (cur && name === "basedOn") cur.basedOn = a.val;
        else if (cur && name === "pPr") inPPr++;
        else if (cur && inPPr && name === "outlineLvl") cur.outline = parseInt(a.val, 10);
      },
      end: function (ns, name) {
        if (!isW(ns)) return;
        if (name === "style") cur = null;
        else if (name === "pPr" && inPPr) inPPr--;
      },
      text: function () {}
    });
    return { styles: styles, def: def };
  }

  function styleOutline(styles, id) {
    for (var k = 0; id && styles[id] && k < 20; k++) {
      if (styles[id].outline !== null && !isNaN(styles[id].outline)) return styles[id].outline;
      id = styles[id].basedOn;
    }
    return null;
  }

  function readComments(xml) {
    var list = [], cur = null, inText = false, paras = 0;
    parseXml(xml, {
      start: function (ns, name, a) {
        if (!isW(ns)) return;
        if (name === "comment") { cur = { id: a.id, author: a.author || "", date: a.date || "", text: "" }; paras = 0; }
        else if (cur && name === "p") { if (paras++) cur.text += "\n"; }
        else if (cur && name === "t") inText = true;
        else if (cur && (name === "tab")) cur.text += "\t";
      },
      end: function (ns, name) {
        if (!isW(ns)) return;
        if (name === "comment") { list.push(cur); cur = null; }
        else if (name === "t") inText = false;
      },
      text: function (s) { if (cur && inText) cur.text += s; }
    });
    return list;
  }

  /** The Relationship targets of a .rels part: type suffix → target. */
  function readRels(xml) {
    var rels = [];
    parseXml(xml, {
      start: function (ns, name, a) { if (name === "Relationship") rels.push({ type: a.Type || "", target: a.Target || "", external: a.TargetMode === "External" }); },
      end: function () {}, text: function () {}
    });
    return rels;
  }

  function joinPath(base, target) {
    if (target.charAt(0) === "/") return target.slice(1);
    var parts = base.split("/");
    parts.pop();
    target.split("/").forEach(function (s) {
      if (s === "..") parts.pop(); else if (s && s !== ".") parts.push(s);
    });
    return parts.join("/");
  }

  // Elements whose content is not part of the paragraph's text
  var SKIP = { drawing: 1, pict: 1, object: 1, txbxContent: 1, instrText: 1, delInstrText: 1 };
  var REVISIONS = { ins: "ins", del: "del", moveFrom: "moveFrom", moveTo: "moveTo" };
  var FORMAT_CHANGES = { rPrChange: 1, pPrChange: 1, sectPrChange: 1, tblPrChange: 1, trPrChange: 1, tcPrChange: 1, numberingChange: 1 };

  /**
   * The paragraphs of document.xml (body, tables and content controls, in order),
   * with their Word style names; and where comments, tracked changes and hidden
   * text are. Text as python-docx's Paragraph.text gives it, with tracked
   * insertions included and deletions left out (the text as it reads when every
   * change is accepted).
   */
  function readDocument(xml, styleInfo) {
    var styles = styleInfo.styles;
    var paragraphs = [], comments = {}, revisions = [], hidden = [];
    var cur = null, skip = 0, tables = 0, inRun = false, inRPr = false, inPPr = false, runHidden = false;
    var inText = false, stack = [], revStack = [];
    var body = false;
    function here() {
      return cur ? { paragraph: paragraphs.length, offset: cur.text.length } : { paragraph: paragraphs.length, offset: 0 };
    }
    function revision() { return revStack.length ? revStack[revStack.length - 1] : null; }
    var deletions = 0;   // open del/moveFrom elements in revStack, counted rather than searched for each piece of text
    function deleted() { return deletions > 0; }
    function isDeletion(r) { return r.type === "del" || r.type === "moveFrom"; }
    function add(s) {
      if (!cur || !s) return;
      var rev = revision();
      if (deleted()) { if (rev) rev.text += s; return; }
      if (runHidden) {
        var h = hidden[hidden.length - 1];
        if (h && h.paragraph === paragraphs.length && h.offset + h.length === cur.text.length) { h.length += s.length; h.text += s; }
        else hidden.push({ paragraph: paragraphs.length, offset: cur.text.length, length: s.length, text: s });
      }
      if (rev) rev.text += s;
      cur.text += s;
    }
    parseXml(xml, {
      start: function (ns, name, a) {
        var parent = stack.length ? stack[stack.length - 1] : null;
        stack.push(name);
        if (skip) { skip++; return; }
        if (ns === NS.mc && name === "Fallback") { skip = 1; return; }
        if (!isW(ns)) return;
        if (name === "body") { body = true; return; }
        if (!body) return;
        if (SKIP[name]) { skip = 1; return; }
        if (name === "tbl") { tables++; return; }
        if (name === "p") {
          if (cur) { skip = 1; return; }  // a paragraph inside a paragraph (text box): not body text
          cur = { text: "", style: null, styleId: null, outline: null, table: tables > 0 };
          return;
        }
        if (REVISIONS[name] && (cur || parent === "body" || !inRun)) {
          var r = { type: REVISIONS[name], author: a.author || "", date: a.date || "", paragraph: paragraphs.length,
                    offset: cur ? cur.text.length : 0, text: "" };
          revisions.push(r);
          revStack.push(r);
          if (isDeletion(r)) deletions++;
          return;
        }
        if (FORMAT_CHANGES[name]) {
          var at = here();
          revisions.push({ type: "format", author: a.author || "", date: a.date || "", paragraph: at.paragraph, offset: at.offset, text: "" });
          skip = 1;   // the old properties inside are not the paragraph's
          return;
        }
        if (name === "commentRangeStart") { comments[a.id] = comments[a.id] || {}; comments[a.id].start = here(); return; }
        if (name === "commentRangeEnd") { comments[a.id] = comments[a.id] || {}; comments[a.id].end = here(); return; }
        if (name === "commentReference") { comments[a.id] = comments[a.id] || {}; comments[a.id].ref = here(); return; }
        if (!cur) return;
        if (name === "pPr" && parent === "p") { inPPr = true; return; }
        if (inPPr && name === "pStyle") { cur.styleId = a.val; return; }
        if (inPPr && name === "outlineLvl") { cur.outline = parseInt(a.val, 10); return; }
        if (name === "r") { inRun = true; runHidden = false; return; }
        if (!inRun) return;
        if (name === "rPr" && parent === "r") { inRPr = true; return; }
        if (inRPr) { if (name === "vanish" || name === "specVanish") runHidden = onOff(a); return; }
        if (parent !== "r") return;
        switch (name) {
          case "t": case "delText": inText = true; break;
          case "tab": case "ptab": add("\t"); break;
          case "cr": add("\n"); break;
          case "br": if (!a.type || a.type === "textWrapping") add("\n"); break;
          case "noBreakHyphen": add("-"); break;
        }
      },
      end: function (ns, name) {
        stack.pop();
        if (skip) { skip--; return; }
        if (!isW(ns) || !body) return;
        if (name === "tbl") tables--;
        else if (name === "p" && cur) {
          var st = cur.styleId || styleInfo.def;
          var s = st && styles[st];
          var outline = cur.outline !== null && !isNaN(cur.outline) ? cur.outline : styleOutline(styles, st);
          var p = { text: cur.text, style: s ? s.name : null };
          if (outline !== null && outline >= 0 && outline < 9) p.outlineLevel = outline + 1;
          if (cur.table) p.table = true;
          paragraphs.push(p);
          cur = null;
        } else if (REVISIONS[name] && revStack.length && revStack[revStack.length - 1].type === REVISIONS[name]) {
          if (isDeletion(revStack.pop())) deletions--;
        }
        else if (name === "pPr") inPPr = false;
        else if (name === "r") { inRun = false; runHidden = false; }
        else if (name === "rPr") inRPr = false;
        else if (name === "t" || name === "delText") inText = false;
        else if (name === "body") body = false;
      },
      text: function (s) { if (inText && !skip) add(s); }
    });
    return { paragraphs: paragraphs, comments: comments, revisions: revisions, hidden: hidden };
  }

  /** Line and column (1-based, code points) of a paragraph offset, in paragraphsToText's text. */
  function locator(paragraphs) {
    var firstLine = [], line = 1, breaks = {}, points = {};
    paragraphs.forEach(function (p) { firstLine.push(line); line += p.text.split(NEWLINES).length; });
    firstLine.push(line);
    // per paragraph, once: where its line breaks start and end, and its code points
    // (so that many comments or tracked changes in one long paragraph cost a binary search each)
    function breaksOf(i) {
      if (breaks[i]) return breaks[i];
      var t = paragraphs[i].text, starts = [], ends = [], re = /\r\n|\r|\n/g, m;
      while ((m = re.exec(t)) !== null) { starts.push(m.index); ends.push(m.index + m[0].length); }
      return (breaks[i] = { starts: starts, ends: ends });
    }
    return function (at) {
      var p = paragraphs[at.paragraph];
      if (!p) return { paragraph: at.paragraph, offset: at.offset, line: firstLine[at.paragraph] || line, col: 1 };
      var offset = Math.min(at.offset, p.text.length), b = breaksOf(at.paragraph), lo = 0, hi = b.starts.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (b.starts[mid] < offset) lo = mid + 1; else hi = mid; }
      var lineStart = lo ? Math.min(b.ends[lo - 1], offset) : 0;
      var cp = points[at.paragraph] || (points[at.paragraph] = new CodePoints(p.text));
      return { paragraph: at.paragraph, offset: at.offset, line: firstLine[at.paragraph] + lo,
               col: cp.at(offset) - cp.at(lineStart) + 1 };
    };
  }

  function u16(b, i) { return b[i] | b[i + 1] << 8; }
  function u32(b, i) { return (b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24) >>> 0; }
  function u64(b, i) { return u32(b, i) + 4294967296 * u32(b, i + 4); }

  /**
   * A zip's central directory: name → {compression, size, originalSize, start}
   * (start: where the entry's data begins). Read here rather than by
   * fflate.unzipSync, which inflates every chosen entry in full whatever its size.
   */
  function zipEntries(bytes, zip) {
    function bad() { throw ReadError(MESSAGES.corrupt); }
    var n = bytes.length, e = n - 22, entries = {};
    for (; e >= 0 && u32(bytes, e) !== 0x06054b50; e--) if (n - e > 65557) bad();
    if (e < 0) bad();
    var count = u16(bytes, e + 10), p = u32(bytes, e + 16);
    if (e >= 20 && u32(bytes, e - 20) === 0x07064b50) {   // zip64
      var z = u64(bytes, e - 12);
      if (z + 56 <= n && u32(bytes, z) === 0x06064b50) { count = u64(bytes, z + 32); p = u64(bytes, z + 48); }
    }
    for (var k = 0; k < count; k++) {
      if (p + 46 > n || u32(bytes, p) !== 0x02014b50) bad();
      var flags = u16(bytes, p + 8), nameLen = u16(bytes, p + 28), extraLen = u16(bytes, p + 30);
      var size = u32(bytes, p + 20), originalSize = u32(bytes, p + 24), local = u32(bytes, p + 42);
      var x = p + 46 + nameLen, xEnd = x + extraLen;
      if (xEnd > n) bad();
      if (size === 0xffffffff || originalSize === 0xffffffff || local === 0xffffffff) {
        for (; x + 4 <= xEnd; x += 4 + u16(bytes, x + 2)) {
          if (u16(bytes, x) !== 1) continue;
          var q = x + 4;
          if (originalSize === 0xffffffff) { originalSize = u64(bytes, q); q += 8; }
          if (size === 0xffffffff) { size = u64(bytes, q); q += 8; }
          if (local === 0xffffffff) local = u64(bytes, q);
          break;
        }
      }
      var name = zip.strFromU8(bytes.subarray(p + 46, p + 46 + nameLen), !(flags & 0x800));
      if (local + 30 > n || u32(bytes, local) !== 0x04034b50) bad();
      var start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
      if (start + size > n) bad();
      entries[name] = { compression: u16(bytes, p + 10), size: size, originalSize: originalSize, start: start };
      p = xEnd + u16(bytes, p + 32);
    }
    return entries;
  }

  /**
   * Inflate a zip entry, counting the bytes that come out and stopping past `max`:
   * the directory's sizes can lie. Fed in small pieces, so at most about a piece
   * times deflate's largest ratio (1032) is produced past the limit.
   */
  var INFLATE_PIECE = 16384;
  function inflateLimited(zip, data, max) {
    var pieces = [], total = 0, ended = false;
    try {
      var inflater = new zip.Inflate(function (chunk, final) {
        total += chunk.length;
        if (total > max) throw ReadError(MESSAGES.unzippedTooBig);
        pieces.push(chunk);
        if (final) ended = true;
      });
      for (var i = 0; i < data.length && !ended; i += INFLATE_PIECE) {
        inflater.push(data.subarray(i, i + INFLATE_PIECE), i + INFLATE_PIECE >= data.length);
      }
    } catch (e) {
      throw e && e.name === "ReadError" ? e : ReadError(MESSAGES.corrupt);
    }
    if (!ended) throw ReadError(MESSAGES.corrupt);
    var out = new Uint8Array(total), at = 0;
    pieces.forEach(function (c) { out.set(c, at); at += c.length; });
    return out;
  }

  /** A .docx (bytes or latin-1 string) → {paragraphs: [{text, style, outlineLevel?, table?}], comments, revisions, hidden}. */
  function readDocx(data, limits) {
    var bytes = toBytes(data);
    limits = limits || (root.GUIDE_CHECKER_DATA && root.GUIDE_CHECKER_DATA.rules.limits) || {};
    var maxPart = limits.max_unzipped_bytes || 20 * 1024 * 1024;
    if (!bytes.length) throw ReadError(MESSAGES.empty);
    if (startsWith(bytes, OLE)) throw ReadError(containsUtf16(bytes, "EncryptedPackage") ? MESSAGES.encrypted : MESSAGES.oldDoc);
    var zip = root.fflate;
    if (!zip) throw new Error("fflate is not loaded");
    var entries = zipEntries(bytes, zip);
    function unzip(wanted) {
      var parts = {};
      Object.keys(entries).forEach(function (name) {
        if (!wanted(name)) return;
        var f = entries[name];
        // the directory's own sizes first: refuse before inflating anything
        if (f.originalSize > maxPart) throw ReadError(MESSAGES.unzippedTooBig);
        if (f.compression !== 0 && f.compression !== 8) throw ReadError(MESSAGES.compression);
        var data = bytes.subarray(f.start, f.start + f.size);
        if (f.compression === 0) {
          if (data.length > maxPart) throw ReadError(MESSAGES.unzippedTooBig);
          parts[name] = data;
        } else {
          parts[name] = inflateLimited(zip, data, maxPart);
        }
      });
      return parts;
    }
    var rels = unzip(function (name) { return name === "_rels/.rels"; });
    var main = "word/document.xml";
    if (rels["_rels/.rels"]) {
      readRels(decodeXml(rels["_rels/.rels"])).forEach(function (r) { if (MAIN_REL.test(r.type) && !r.external) main = joinPath("", r.target); });
    }
    var mainRels = joinPath(main, "_rels/" + main.split("/").pop() + ".rels");
    var parts = unzip(function (name) { return name === main || name === mainRels; });
    if (!parts[main]) throw ReadError(MESSAGES.noBody);
    var targets = { styles: joinPath(main, "styles.xml"), comments: null };
    if (parts[mainRels]) {
      readRels(decodeXml(parts[mainRels])).forEach(function (r) {
        if (r.external) return;
        if (/\/styles$/.test(r.type)) targets.styles = joinPath(main, r.target);
        else if (/\/comments$/.test(r.type)) targets.comments = joinPath(main, r.target);
      });
    }
    var extra = unzip(function (name) { return name === targets.styles || name === targets.comments; });
    var styleInfo = extra[targets.styles] ? readStyles(decodeXml(extra[targets.styles])) : { styles: {}, def: null };
    var xml = decodeXml(parts[main]);
    if (!/<(?:[A-Za-z_][\w.-]*:)?body[\s>\/]/.test(xml)) throw ReadError(MESSAGES.noBody);
    var doc = readDocument(xml, styleInfo);
    if (!doc.paragraphs.some(function (p) { return p.text.trim(); })) throw ReadError(MESSAGES.noText);
    checkSize(doc.paragraphs, limits);   // what check() would refuse: say so on reading, before the page shows it
    var locate = locator(doc.paragraphs);
    var texts = {};
    if (targets.comments && extra[targets.comments]) {
      readComments(decodeXml(extra[targets.comments])).forEach(function (c) { texts[c.id] = c; });
    }
    var comments = Object.keys(doc.comments).concat(Object.keys(texts).filter(function (id) { return !(id in doc.comments); }))
      .map(function (id) {
        var at = doc.comments[id] || {}, c = texts[id] || { author: "", date: "", text: "" };
        var start = at.start || at.ref || at.end, end = at.end || at.ref || at.start;
        return { id: id, author: c.author, date: c.date, text: c.text,
                 start: start ? locate(start) : null, end: end ? locate(end) : null };
      });
    return {
      paragraphs: doc.paragraphs,
      comments: comments,
      revisions: doc.revisions.map(function (r) {
        var at = locate(r);
        return { type: r.type, author: r.author, date: r.date, text: r.text, paragraph: at.paragraph, offset: at.offset, line: at.line, col: at.col };
      }),
      hidden: doc.hidden.map(function (h) {
        var at = locate(h);
        return { text: h.text, length: h.length, paragraph: at.paragraph, offset: at.offset, line: at.line, col: at.col };
      })
    };
  }

  // ------------------------------------------------------------------ API

  var engines = { data: null, checker: null };
  function defaultEngine() {
    var data = root.GUIDE_CHECKER_DATA;
    if (!data) throw new Error("GUIDE_CHECKER_DATA missing");
    if (engines.data !== data) { engines.checker = new Checker(data); engines.data = data; }
    return engines.checker;
  }

  root.ReportEngine = {
    create: function (data) { return new Checker(data); },
    check: function (input, opts) { return defaultEngine().check(input, opts); },
    classify: function (paragraphs) { return defaultEngine().classify(paragraphs); },
    readDocx: function (bytes) { return readDocx(bytes); },
    paragraphsToText: paragraphsToText,
    limits: function () { return (root.GUIDE_CHECKER_DATA && root.GUIDE_CHECKER_DATA.rules.limits) || {}; },
    messages: MESSAGES,
    ReadError: ReadError,
    Checker: Checker
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
