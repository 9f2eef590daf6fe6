/* 述职报告检查与排版引擎（ReportEngine）：上限和结果：已占用的区间、按规则和总数封顶的结果、对超长稿件的拒绝、给用户的中文消息。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var LEVEL_KEYS = I.LEVEL_KEYS, LEVELS = I.LEVELS, OMITTED_RULE = I.OMITTED_RULE, fill = I.fill;

  /**
   * Spans already taken on one line: sorted, disjoint [start, end) pairs. One pass
   * (pass → free → take → done) offers spans in increasing start order, as a regular
   * expression finds them; each pass costs O(taken + offered), not O(taken × offered).
   */
  function Taken() { this.list = []; this.added = null; this.cursor = 0; }
  Taken.prototype.pass = function () { this.added = []; this.cursor = 0; };
  Taken.prototype.free = function (s, e) {
    var list = this.list;
    I.counters.takenSteps++;
    while (this.cursor < list.length && list[this.cursor][1] <= s) { this.cursor++; I.counters.takenSteps++; }
    if (this.cursor < list.length && list[this.cursor][0] < e) return false;
    var last = this.added.length ? this.added[this.added.length - 1] : null;
    return !(last && last[1] > s);
  };
  Taken.prototype.take = function (s, e) { this.added.push([s, e]); };
  Taken.prototype.done = function () {
    var a = this.list, b = this.added, out = [], i = 0, j = 0;
    if (!b.length) return;
    I.counters.takenSteps += a.length + b.length;
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
    this.byRule = Object.create(null);   // keyed by rule ids and levels (data): no prototype to collide with
    this.rules = [];
    this.omitted = { total: 0, byLevel: Object.create(null), byRule: Object.create(null), first: null };
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

  I.Taken = Taken; I.compareAt = compareAt; I.Findings = Findings; I.measure = measure;
  I.bigNumber = bigNumber; I.checkSize = checkSize; I.ReadError = ReadError; I.MESSAGES = MESSAGES;
})(typeof globalThis !== "undefined" ? globalThis : this);
