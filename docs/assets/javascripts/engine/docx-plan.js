/* ReportDocx.plan: what 一键排版 will do with a draft, said before the file is made, and the
 * file's name. The page shows it above the download button, the command line
 * (scripts/format_report.py) prints it: one wording, written once here.
 *
 *   ReportDocx.plan(draft, {docx, sourceName, acceptRevisions})
 *     → {fileName, title, pending: {revisions, comments}, notices: [string]}
 *   ReportDocx.fileName(title, sourceName) → "2026年度述职述廉报告.docx"
 *
 * draft: what ReportDocx.format takes (text, or ReportEngine.readDocx's paragraphs);
 * docx: readDocx's whole result when the draft is a Word file (its revisions, comments,
 * tables and direct formatting; after edits in the page's text box, ReportEngine.followEdits's
 * result, whose edits.notices are said too). pending counts the tracked changes and comments nobody
 * has resolved: generating accepts every change and leaves the comments out, so the
 * page asks first and the command line wants --accept-revisions.
 *
 * Loaded after engine/docx-write.js (mkdocs.yml extra.formatter_scripts).
 */
(function (root) {
  "use strict";

  var ReportDocx = root.ReportDocx;
  var NEWLINES = /\r\n|\r|\n/g;
  // Characters Windows, macOS or Linux refuse in a file name → their full-width forms
  var FILE_NAME_CHARS = { "<": "＜", ">": "＞", ":": "：", "\"": "＂", "/": "／", "\\": "＼", "|": "｜", "?": "？", "*": "＊" };
  var RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;
  var MAX_NAME = 60;        // code points before .docx: far under 255 bytes of UTF-8 (Linux) or 255 units (Windows)
  var FALLBACK = "述职报告";
  var FORMAT_LABELS = [
    ["bold", "加粗"], ["italic", "倾斜"], ["underline", "下划线"], ["color", "字体颜色和底纹"], ["font", "手动设置的字体字号"]
  ];

  /** A title as a file name: one line, no character a file system refuses, not too long. */
  function safeName(s) {
    var t = String(s || "").replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, " ")
      .replace(/[<>:"\/\\|?*]/g, function (c) { return FILE_NAME_CHARS[c]; })
      .replace(/\s+/g, " ").trim();
    t = Array.from(t).slice(0, MAX_NAME).join("").replace(/^[.\s]+|[.\s]+$/g, "");
    return RESERVED.test(t) ? "" : t;
  }

  /** The report's title as the file name; the draft's own name with （公文格式） when there is no
   *  title or it would be the draft's own file name; 述职报告（公文格式）.docx when there is neither. */
  function fileName(title, sourceName) {
    var stem = safeName(title);
    var source = String(sourceName || "").split(/[\\\/]/).pop();
    if (stem && (stem + ".docx").toLowerCase() !== source.toLowerCase()) return stem + ".docx";
    var own = safeName(source.replace(/\.[^.]*$/, ""));
    return (own || FALLBACK) + "（公文格式）.docx";
  }

  function plan(draft, options) {
    options = options || {};
    var engine = options.engine || root.ReportEngine, docx = options.docx || null;
    var paragraphs = ReportDocx.draftParagraphs(draft);
    var kinds = engine.classify(paragraphs);
    var title = kinds.filter(function (k) { return k.kind === "title"; })
      .map(function (k) { return k.text.replace(/\s+$/, ""); }).join("").replace(NEWLINES, "");
    var notices = [];
    var pending = { revisions: docx && docx.revisions ? docx.revisions.length : 0,
                    comments: docx && docx.comments ? docx.comments.length : 0 };
    if (options.acceptRevisions && (pending.revisions || pending.comments)) {
      notices.push((pending.revisions ? "已接受全部修订（" + pending.revisions + "处）" : "") +
        (pending.revisions && pending.comments ? "，" : "") +
        (pending.comments ? "原文的" + pending.comments + "条批注没有带入" : "") + "。");
    }
    var tables = {};
    paragraphs.forEach(function (p) { if (p.cell) tables[p.cell.table] = true; });
    var tableCount = Object.keys(tables).length;
    if (tableCount) {
      notices.push("表格（" + tableCount + "个）保留为Word表格，放在原来的位置，套用模板的表格样式（仿宋四号、加框线，跨页时重复表头）。");
    }
    var breaks = 0;
    paragraphs.forEach(function (p) { if (typeof draft !== "string") breaks += (p.text.match(NEWLINES) || []).length; });
    if (breaks) notices.push("段落内的换行（Shift+Enter，" + breaks + "处）保留为段内换行，没有拆成新的段落。");
    // lines added or removed in the text box inside a table or a soft-broken paragraph (ReportEngine.followEdits)
    if (docx && docx.edits) notices = notices.concat(docx.edits.notices || []);
    var f = docx && docx.formatting, dropped = [];
    if (f) {
      FORMAT_LABELS.forEach(function (l) { if (f[l[0]]) dropped.push(l[1] + "（" + f[l[0]] + "处）"); });
      if (f.spacing) dropped.push("手动设置的段落间距、缩进和对齐（" + f.spacing + "段）");
    }
    if (dropped.length) notices.push("原文的" + dropped.join("、") + "不带过来：公文的字体、字号和段落格式由模板的样式统一规定。");
    var indented = 0;
    paragraphs.forEach(function (p) { if (/^[ \t\u3000\u00a0]+\S/.test(p.text)) indented++; });
    if (indented) notices.push("段首手打的空格（" + indented + "段）删掉，改由样式缩进两字。");
    var padded = 0;
    kinds.forEach(function (k) { if ((k.kind === "signature" || k.kind === "date" || k.kind === "title") && /\S\s+$/.test(k.text)) padded++; });
    if (padded) notices.push("标题、署名或日期后面的空格（" + padded + "处）删掉：落款位置按GB/T 9704—2012第7.3.5.2条计算，不靠空格。");
    return { fileName: fileName(title, options.sourceName), title: title, pending: pending, notices: notices };
  }

  ReportDocx.plan = plan;
  ReportDocx.fileName = fileName;
})(typeof globalThis !== "undefined" ? globalThis : this);
