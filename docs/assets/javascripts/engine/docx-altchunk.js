/* 述职报告检查与排版引擎（ReportEngine）：.docx 正文里嵌入的其他格式（w:altChunk：HTML、另一个 .docx、纯文本）：
 * 读出其中的文字；读不了的（MHT、RTF 等）用中文说明拒绝，不当作空白跳过。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var ReadError = I.ReadError, MESSAGES = I.MESSAGES, fill = I.fill, table = I.table;

  // Word shows an altChunk's content as text (and turns it into ordinary paragraphs when the
  // file is saved again); a reader that skips it would check an empty draft and say 没有发现问题.
  MESSAGES.altChunk = "文件正文中嵌入了 Word 以外格式的内容（{kind}），无法读取；请用 Word 打开后另存为 .docx（Word 会把它转成普通段落），再试";

  // Tags that end a line of text, and tags whose content is no text at all
  var BLOCK = table({ p: 1, div: 1, br: 1, li: 1, tr: 1, h1: 1, h2: 1, h3: 1, h4: 1, h5: 1, h6: 1, table: 1,
                      blockquote: 1, pre: 1, section: 1, article: 1, ul: 1, ol: 1, dt: 1, dd: 1, hr: 1 });
  var CELL = table({ td: 1, th: 1 });
  var HIDDEN = table({ script: 1, style: 1, head: 1, title: 1, template: 1, noscript: 1, xml: 1 });
  var NAMED = table({ nbsp: " ", lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'", ldquo: "\u201c", rdquo: "\u201d",
                      lsquo: "\u2018", rsquo: "\u2019", mdash: "\u2014", ndash: "\u2013", hellip: "\u2026",
                      middot: "\u00b7", times: "\u00d7", emsp: "\u2003", ensp: "\u2002", ideographicspace: "\u3000" });

  function htmlEntities(s) {
    return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,20});/g, function (m, name) {
      if (name.charAt(0) !== "#") return NAMED[name] || m;
      var code = name.charAt(1) === "x" || name.charAt(1) === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
    });
  }

  /**
   * HTML → its lines of text, in one pass over the tags (indexOf, no backtracking: linear in
   * the input): block tags end a line, cells are separated by a tab, script/style/head are
   * dropped, runs of white space are one space as a browser shows them. Every tag counts
   * against the reader's element budget.
   */
  function htmlLines(html, budget) {
    var out = [], line = "", pos = 0, n = html.length, hidden = null;
    function text(s) {
      if (hidden || !s) return;
      line += htmlEntities(s.replace(/[ \t\r\n\f]+/g, " "));
    }
    function endLine() {
      var t = line.replace(/^[ \t]+|[ \t]+$/g, "");
      if (t) out.push(t);
      line = "";
    }
    while (pos < n) {
      var lt = html.indexOf("<", pos);
      if (lt < 0) { text(html.slice(pos)); break; }
      text(html.slice(pos, lt));
      if (html.substr(lt, 4) === "<!--") {
        var c = html.indexOf("-->", lt + 4);
        pos = c < 0 ? n : c + 3;
        continue;
      }
      var gt = html.indexOf(">", lt + 1);
      if (gt < 0) break;
      if (budget) budget.element();
      var m = /^<\s*(\/?)\s*([A-Za-z][A-Za-z0-9:-]*)/.exec(html.slice(lt, Math.min(gt + 1, lt + 64)));
      pos = gt + 1;
      if (!m) continue;
      var closing = m[1] === "/", name = m[2].toLowerCase().replace(/^.*:/, "");
      if (hidden) { if (closing && name === hidden) hidden = null; continue; }
      if (!closing && HIDDEN[name] && html.charAt(gt - 1) !== "/") { hidden = name; continue; }
      if (BLOCK[name]) endLine();
      else if (CELL[name] && closing) line += "\t";
    }
    endLine();
    return out.map(function (l) { return l.replace(/\t+$/, ""); });
  }

  /**
   * For readDocx: a function that, given an altChunk element's attributes, returns the
   * paragraphs ({text, style}) it holds, or throws a ReadError naming what it could not read.
   * ctx: {rels: Map id → {target, external}, base: the main part's path, part(name) → bytes
   * or undefined, readNested(bytes) → paragraphs (null when nesting is not allowed)}.
   */
  function altChunkReader(ctx) {
    function refuse(kind) { throw ReadError(fill(MESSAGES.altChunk, { kind: kind })); }
    return function (attrs) {
      var id = null;
      Object.keys(attrs).forEach(function (k) { if (k === "id" || /:id$/.test(k)) id = attrs[k]; });
      var rel = id !== null ? ctx.rels.get(id) : null;
      if (!rel || rel.external) refuse("找不到嵌入的内容");
      var name = I.joinPath(ctx.base, rel.target), bytes = ctx.part(name);
      if (!bytes) refuse("找不到嵌入的内容");
      var ext = (/\.([A-Za-z0-9]+)$/.exec(name) || ["", ""])[1].toLowerCase();
      if (I.startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
        if (!ctx.readNested) refuse("多层嵌入的 Word 文档");
        return ctx.readNested(bytes);
      }
      if (ext === "mht" || ext === "mhtml" || ext === "rtf") refuse(ext.toUpperCase() + " 格式");
      var text;
      try { text = I.decodeXml(bytes); }
      catch (e) { if (e && e.name === "ReadError") refuse("不是 UTF-8 编码的文字"); throw e; }
      if (/^\s*(?:MIME-Version:|\{\\rtf)/i.test(text)) refuse(/^\s*\{/.test(text) ? "RTF 格式" : "MHT 格式");
      var lines = ext === "txt" ? text.split(/\r\n|\r|\n/) : /<(?:html|body|p|div|br|span|table)\b/i.test(text) || /^(?:html?|xhtml)$/.test(ext)
        ? htmlLines(text, ctx.budget) : refuse(ext ? ext.toUpperCase() + " 格式" : "未知格式");
      return lines.map(function (t) { return { text: t, style: null }; });
    };
  }

  I.htmlLines = htmlLines; I.altChunkReader = altChunkReader;
})(typeof globalThis !== "undefined" ? globalThis : this);
