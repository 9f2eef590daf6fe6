/* 述职报告检查与排版引擎（ReportEngine）：Word 文件里留下的东西：批注、修订、隐藏文字。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var LEVEL_KEYS = I.LEVEL_KEYS, fill = I.fill, cpLen = I.cpLen, clip = I.clip, Checker = I.Checker;

  var REVISION_KINDS = { ins: "插入", del: "删除", moveFrom: "移走", moveTo: "移入", format: "格式修改" };


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

  I.REVISION_KINDS = REVISION_KINDS;
})(typeof globalThis !== "undefined" ? globalThis : this);
