/* 述职报告检查与排版引擎（ReportEngine）：检查器：由规则数据构造，按行定位（码位），生成一条结果，依次运行各组规则。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var LEVEL_KEYS = I.LEVEL_KEYS, SURROGATE = I.SURROGATE, rx = I.rx, intToCn = I.intToCn, fill = I.fill,
      toLines = I.toLines, Findings = I.Findings, checkSize = I.checkSize;

  // ------------------------------------------------------------------ engine

  function Checker(data) {
    var cfg = this.cfg = data.rules;
    this.formulations = data.formulations || [];
    this.confusions = (data.confusions && data.confusions.confusions) || [];
    this.sections = data.sections;
    var han = cfg.han, self = this;
    // keyed by rule ids (data): no prototype for an id to collide with
    this.rules = Object.create(null); this.order = Object.create(null); this.patterns = Object.create(null);
    this.ruleIds = [];
    cfg.rules.forEach(function (r, i) {
      self.rules[r.id] = r;
      self.order[r.id] = i;
      self.ruleIds.push(r.id);
      self.patterns[r.id] = (r.patterns || []).map(function (p) {
        return rx(p.split("{HAN}").join(han).split("{UNIT}").join(cfg.units || ""), "g");
      });
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
    this.house = data.house || {};
    this.setupTypes(data);
  }

  /**
   * UTF-16 offset → code points before it, for one line. Built once per line (only
   * when the line has characters outside the BMP), so that each finding costs O(1)
   * instead of rescanning the line's prefix.
   */
  function CodePoints(raw) {
    I.counters.codePointChars += raw.length;
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
    I.counters.findingsOffered++;
    if (!out.admit(ruleId, level, line, col)) return;   // beyond the caps: counted, not built
    I.counters.findingsBuilt++;
    params = params || {};
    var template = kase ? rule.messages[kase] : rule.message;
    var f = {
      rule: ruleId,
      level: level,
      severity: LEVEL_KEYS[level],
      line: line,
      col: col,
      length: cp.at(e) - cp.at(s),
      message: fill(template, params),
      suggestion: fill((kase && rule.suggestions && rule.suggestions[kase]) || rule.suggestion, params)
    };
    // one sure correction: the text that replaces the finding's span (the page applies it in one click)
    if (typeof params.replace === "string") f.fix = params.replace;
    out.add(f);
  };

  Checker.prototype.label = function (label, n) {
    return label.replace("{cn}", intToCn(n)).replace("{n}", String(n));
  };

  Checker.prototype.check = function (input, opts) {
    I.startCount("check");
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
    this.languageRules(out, lines);
    this.periodRules(out, lines, info, kinds);
    this.pii(out, lines);
    this.pairs(out, lines, info);
    this.numberingRules(out, lines, info);
    this.formulationRules(out, lines, year);
    this.formulationNearMisses(out, lines);
    this.congress(out, lines, year);
    this.yearRules(out, lines, marks, year, given);
    if (opts.docx) this.docxRules(out, opts.docx);
    this.houseRules(out, lines, info, kinds, year);
    this.structure(out, lines, info, kinds, opts.part || null, opts.type || null);
    this.cpCache = null;
    this.clauseCache = null;
    return this.placeFindings(out.result(), paragraphs);
  };

  I.Checker = Checker; I.CodePoints = CodePoints;
})(typeof globalThis !== "undefined" ? globalThis : this);
