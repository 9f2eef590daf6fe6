/* 述职报告检查与排版引擎（ReportEngine）：读 .docx 时按 XML 里有什么封顶：元素、修订、批注、隐藏文字的个数
 * （data/checker_rules.yml limits:），超过时用中文说明拒绝；读出的结果与找到的文字成正比。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var ReadError = I.ReadError, MESSAGES = I.MESSAGES, fill = I.fill, bigNumber = I.bigNumber;

  // A .docx can be small on disk and still hold millions of empty elements (2.6 million
  // <w:ins/> fit in 31 KB): bytes alone do not bound what a reader builds. A 述职报告 has
  // a handful of revisions and comments; past these caps the file is refused with what to do.
  MESSAGES.tooManyElements = "文件中的排版标记超过 {max}个，不像是一篇述职报告；请把正文复制到新建的 Word 文档中，另存为 .docx 后再试";
  MESSAGES.tooManyRevisions = "文件中的修订超过 {max}处；请先在 Word 中处理修订（审阅 → 接受 → 接受所有修订），保存后再试";
  MESSAGES.tooManyComments = "文件中的批注超过 {max}条；请先在 Word 中删除批注（审阅 → 删除 → 删除文档中的所有批注），保存后再试";
  MESSAGES.tooManyHidden = "文件中的隐藏文字超过 {max}处；请先在 Word 中显示并删除隐藏文字，保存后再试";

  // Text the reader keeps of what is not in the paragraphs (deleted text, a comment's
  // text): the check quotes 20 or 30 characters of it; more would only cross the bridge.
  var KEPT_TEXT = 200;

  /** Counts of what one readDocx has kept, each refused past its cap (0 or missing: no cap). */
  function ReadBudget(limits) {
    limits = limits || {};
    this.caps = {
      elements: [limits.max_xml_elements, MESSAGES.tooManyElements],
      revisions: [limits.max_revisions, MESSAGES.tooManyRevisions],
      comments: [limits.max_comments, MESSAGES.tooManyComments],
      anchors: [limits.max_comments, MESSAGES.tooManyComments],
      hidden: [limits.max_hidden, MESSAGES.tooManyHidden]
    };
    this.counts = { elements: 0, revisions: 0, comments: 0, anchors: 0, hidden: 0 };
  }
  /** One more of `kind`; a ReadError (in Chinese, saying what to do) past its cap. */
  ReadBudget.prototype.take = function (kind) {
    var n = ++this.counts[kind], cap = this.caps[kind][0];
    if (cap > 0 && n > cap) throw ReadError(fill(this.caps[kind][1], { max: bigNumber(cap) }));
  };
  ReadBudget.prototype.element = function () { this.take("elements"); };

  /** s with t appended, but no longer than KEPT_TEXT UTF-16 units (never half a surrogate pair). */
  function keepText(s, t) {
    if (s.length >= KEPT_TEXT) return s;
    var out = s + t;
    if (out.length <= KEPT_TEXT) return out;
    var cut = KEPT_TEXT, c = out.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut--;
    return out.slice(0, cut);
  }

  /** A lookup table keyed by data (element names, ids): no prototype, so "__proto__" or
   *  "constructor" from a file finds nothing rather than Object.prototype's members. */
  function table(entries) {
    var t = Object.create(null);
    Object.keys(entries || {}).forEach(function (k) { t[k] = entries[k]; });
    return t;
  }

  I.table = table; I.ReadBudget = ReadBudget; I.keepText = keepText; I.KEPT_TEXT = KEPT_TEXT;
})(typeof globalThis !== "undefined" ? globalThis : this);
