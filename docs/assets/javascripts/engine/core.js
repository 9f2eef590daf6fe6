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
 *   ReportEngine.readDocx(bytes) → {paragraphs, comments, revisions, hidden, tables, formatting}
 *   ReportEngine.create(data) → an engine with its own data (check, classify)
 *
 * paragraphs = [{text, style?, cell?}]; bytes = Uint8Array or a latin-1 string.
 * A finding: rule, level (错误/警告/提示), severity, line, col (1-based, in code
 * points, in the text as the page's box shows it: one line a paragraph, a table cell's
 * paragraph a line), length, message, suggestion (or null), where (what page and command
 * line print: 第12行第3列, or 表格第2行第1列 for a table's text) and, in a table, cell
 * {table, row, col}. A table cell, or a line after a soft line break, is never taken for
 * a title, heading, 署名 or date.
 *
 * Limits (data/checker_rules.yml `limits:`): check and readDocx throw a ReadError
 * (name "ReadError", message in Chinese for the user) for a draft over max_chars or
 * max_lines, readDocx also for a part that inflates past max_unzipped_bytes. check
 * lists the first max_findings_per_rule of each rule and max_findings in all; when
 * it leaves some out, its last finding has rule "findings-omitted", the level of
 * the worst one left out, line/col of the first one left out, and an extra field
 * omitted: {total, byLevel: {错误: n, …}, byRule: {rule: n, …}}.
 *
 * 引擎分成若干个小文件，按关注点划分，都是经典脚本（不用 ES 模块：file:// 下加载不了），
 * 依次向同一个命名空间 ReportEngine 添加内容；页面和 scripts/engine_host.py 按 mkdocs.yml
 * extra.engine_scripts 的顺序加载。内部共用的函数放在 ReportEngine.internal。
 */
(function (root) {
  "use strict";

  var ReportEngine = root.ReportEngine = root.ReportEngine || {};
  var I = ReportEngine.internal = ReportEngine.internal || {};

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
  // Word style names that fix a paragraph's kind (English names as in styles.xml, Chinese as WPS writes them);
  // looked up by the file's style names, so without a prototype (a style named constructor is no kind)
  var STYLE_KINDS = Object.assign(Object.create(null), {
    "title": "title", "标题": "title",
    "称谓": "salutation", "salutation": "salutation",
    "signature": "signature", "署名": "signature", "签名": "signature",
    "date": "date", "日期": "date"
  });
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
    var out = [], m, C = I.counters, from = 0;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      C.regexExec++; C.regexChars += re.lastIndex - from; from = re.lastIndex;
      if (m[0] === "") { re.lastIndex++; continue; }
      out.push(m);
    }
    C.regexExec++; C.regexChars += text.length - from;
    return out;
  }


  // ------------------------------------------------------------------ words, spaces, punctuation (issue 10)

  function escapeRe(t) { return String(t).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /** A rule case: skip alternatives first (text they match is not checked), then (?<hit>pattern). */
  function caseRe(han, c) {
    var hit = "(?<hit>" + c.pattern.split("{HAN}").join(han) + ")";
    return rx(c.skip ? "(?:" + c.skip.split("{HAN}").join(han) + ")|" + hit : hit, "g");
  }

  /** Each hit of a case regex: fn(match, start, end); (?<at>…) at the end of a hit narrows the span. */
  function eachHit(re, text, fn) {
    var m, C = I.counters, from = 0;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      C.regexExec++; C.regexChars += re.lastIndex - from; from = re.lastIndex;
      if (m[0] === "") { re.lastIndex++; continue; }
      if (m.groups && m.groups.hit !== undefined) {
        var part = m.groups.at !== undefined ? m.groups.at : m.groups.hit;
        var e = m.index + m[0].length;
        fn(m, e - part.length, e);
      }
    }
    C.regexExec++; C.regexChars += text.length - from;
  }

  function daysIn(y, m) {
    return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  }

  function toInt(t) { return /^[0-9]+$/.test(t) ? parseInt(t, 10) : cnToInt(t); }

  // ------------------------------------------------------------------ what a .docx keeps (issue 10)

  function clip(t, n) { t = String(t || "").replace(/\s+/g, " ").trim(); return cpLen(t) > n ? Array.from(t).slice(0, n).join("") + "……" : t; }

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

  function normaliseParagraphs(input) {
    if (typeof input === "string") {
      if (input.charAt(0) === "\ufeff") input = input.slice(1);
      return input.split(NEWLINES).map(function (t) { return { text: t }; });
    }
    return (input || []).map(function (p) {
      return typeof p === "string" ? { text: p } : p;
    });
  }

  /** Paragraphs → one paragraph a line (a soft line break starts a new line; the style stays on the
   *  first, the lines after it are marked continued; a table cell's place stays on every line). */
  function toLines(input) {
    if (typeof input === "string") return normaliseParagraphs(input);
    var lines = [];
    normaliseParagraphs(input).forEach(function (p) {
      String(p.text || "").split(NEWLINES).forEach(function (t, k) {
        var line = k ? { text: t, continued: true } : { text: t, style: p.style, outlineLevel: p.outlineLevel };
        if (p.cell) line.cell = p.cell;
        lines.push(line);
      });
    });
    return lines;
  }

  /** The text a reader sees for these paragraphs, one line each (what the page shows in its text box). */
  function paragraphsToText(input) {
    return toLines(input).map(function (p) { return p.text; }).join("\n");
  }

  I.CN_DIGITS = CN_DIGITS; I.CN_NUMS = CN_NUMS; I.LEVEL_KEYS = LEVEL_KEYS; I.LEVELS = LEVELS;
  I.OMITTED_RULE = OMITTED_RULE; I.WHITESPACE = WHITESPACE; I.LEADING_SPACE = LEADING_SPACE;
  I.NEWLINES = NEWLINES; I.CONNECTORS = CONNECTORS; I.ID_WEIGHTS = ID_WEIGHTS; I.ID_CHECK = ID_CHECK;
  I.SEPARATORS = SEPARATORS; I.SURROGATE = SURROGATE; I.STYLE_KINDS = STYLE_KINDS;
  I.HEADING_STYLE = HEADING_STYLE; I.rx = rx; I.cnToInt = cnToInt; I.intToCn = intToCn;
  I.roundHalfUp = roundHalfUp; I.fill = fill; I.cpLen = cpLen; I.countChars = countChars;
  I.maskNumber = maskNumber; I.idcardValid = idcardValid; I.luhnValid = luhnValid; I.fixDate = fixDate;
  I.convertDate = convertDate; I.allMatches = allMatches; I.escapeRe = escapeRe; I.caseRe = caseRe;
  I.eachHit = eachHit; I.daysIn = daysIn; I.toInt = toInt; I.clip = clip;
  I.headingStyleLevel = headingStyleLevel; I.styleLevel = styleLevel;
  I.normaliseParagraphs = normaliseParagraphs; I.toLines = toLines; I.paragraphsToText = paragraphsToText;
})(typeof globalThis !== "undefined" ? globalThis : this);
