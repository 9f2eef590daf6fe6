/* ReportDocx (ReportEngine.docx): writes a classified draft into the site's Word template.
 *
 * The engine's last file (mkdocs.yml extra.formatter_scripts): loaded after the checker's files
 * where a page or a script also writes .docx files.
 *
 * DOM-free, so the same file runs in the page and in bare V8 (mini-racer):
 * no DOM, no TextEncoder, no atob. Zips go through fflate (vendor/fflate.js),
 * which must be loaded first.
 *
 *   ReportDocx.write({template, paragraphs, comments}) → Uint8Array (.docx)
 *   ReportDocx.format(draft, {template, withComments, year}) → Uint8Array (.docx)
 *   ReportDocx.readMetrics(template)                   → {typeWidth, fontSize, charSpacing}
 *   ReportDocx.signatureLayout(name, date, metrics)    → indents of the 署名 and 日期
 *
 * Everything about the look (styles, margins, grid, fonts, footers) comes
 * from the template that scripts/build_template.py builds: styles are looked
 * up by their name in its styles.xml, the page and font metrics are read from
 * its XML, and its body is replaced. Only the 落款 indents are computed here,
 * once, for every file the site offers.
 *
 * Text that XML 1.0 cannot hold is made visible instead of dropped:
 *   C0 controls (U+0000–U+001F except tab, LF, CR)  → Control Pictures U+2400 + code (␀ … ␟)
 *   DEL U+007F                                      → ␡ U+2421
 *   lone surrogates, U+FFFE, U+FFFF                 → U+FFFD �
 * tab → <w:tab/>; LF, CR, CRLF and VT (Word's own line break) → <w:br/>;
 * FF (a page break in text copied from Word) → <w:br w:type="page"/>.
 * Everything else, C1 controls and bidi overrides included, is kept as it
 * is: XML holds it, and it is the writer's text.
 */
(function (root) {
  "use strict";

  var W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  var REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
  var CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
  // The template's own comments and their companions, dropped from the output.
  var COMMENT_PART = /\/(comments|commentsExtended|commentsIds|commentsExtensible|people)$/;
  // A fixed zip time (local 1980-01-01 00:00 is DOS time 0 in any time zone): same input, same bytes.
  var ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);
  var DEFAULT_AUTHOR = { author: "写作指南", initials: "指南" };

  // Paragraph kind → style name in the template (PLAN.md). "blank" paragraphs
  // are dropped: the styles carry the spacing.
  var KIND_STYLE = {
    title: "Title",
    salutation: "称谓",
    h1: "heading 1", h2: "heading 2", h3: "heading 3", h4: "heading 4",
    body: "Normal",
    signature: "Signature",
    date: "Date",
  };
  var RUN_IN_STYLE = { 1: "Heading 1 Char", 2: "Heading 2 Char", 3: "Heading 3 Char", 4: "Heading 4 Char" };
  // A table keeps its rows and cells, in the template's table style (borders, font and size are
  // the style's); its paragraphs take the cell paragraph style (no indent, off the line grid).
  var TABLE_STYLE = "Table Grid", CELL_STYLE = "表格文字";
  // Kinds whose place is computed from their width (centred title, the 落款): trailing spaces,
  // which people type to push a name right, would shift them, so they are not written.
  var TRIM_END = { title: 1, signature: 1, date: 1 };
  var TRAILING_SPACE = /\s+$/;

  function fflateLib() {
    var lib = root.fflate;
    if (!lib || !lib.zipSync) throw new Error("ReportDocx: fflate is not loaded");
    return lib;
  }

  // ---------------------------------------------------------------------
  // Text
  // ---------------------------------------------------------------------

  // UTF-8 without TextEncoder in bare V8: fflate's own fallback encoder
  // mangles characters beyond U+FFFF (an operator-precedence slip in 0.8.3),
  // which would make the CLI's bytes differ from the page's. Strings reaching
  // here are well formed (xmlSafe), so TextEncoder, where it exists, gives
  // the same bytes.
  function utf8Encode(s) {
    if (typeof root.TextEncoder === "function") return new root.TextEncoder().encode(s);
    var out = new Uint8Array(s.length * 3);
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) {
        out[n++] = c;
      } else if (c < 0x800) {
        out[n++] = 0xc0 | (c >> 6); out[n++] = 0x80 | (c & 63);
      } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
        out[n++] = 0xf0 | (cp >> 18); out[n++] = 0x80 | ((cp >> 12) & 63);
        out[n++] = 0x80 | ((cp >> 6) & 63); out[n++] = 0x80 | (cp & 63);
      } else {
        out[n++] = 0xe0 | (c >> 12); out[n++] = 0x80 | ((c >> 6) & 63); out[n++] = 0x80 | (c & 63);
      }
    }
    return out.subarray(0, n);
  }

  function utf8Decode(bytes) {
    if (typeof root.TextDecoder === "function") return new root.TextDecoder("utf-8").decode(bytes);
    var units = [];
    var out = "";
    for (var i = 0; i < bytes.length;) {
      var b = bytes[i++];
      var c;
      if (b < 0x80) c = b;
      else if (b < 0xe0) c = ((b & 31) << 6) | (bytes[i++] & 63);
      else if (b < 0xf0) c = ((b & 15) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      else c = ((b & 7) << 18) | ((bytes[i++] & 63) << 12) | ((bytes[i++] & 63) << 6) | (bytes[i++] & 63);
      if (c > 0xffff) { c -= 0x10000; units.push(0xd800 | (c >> 10), 0xdc00 | (c & 1023)); }
      else units.push(c);
      if (units.length >= 8192) { out += String.fromCharCode.apply(null, units); units = []; }
    }
    return out + String.fromCharCode.apply(null, units);
  }

  /** The string with everything XML 1.0 cannot hold made visible (see the header). */
  function xmlSafe(s) {
    var out = "";
    var start = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      var rep = null;
      if (c < 0x20) {
        if (c !== 0x09 && c !== 0x0a && c !== 0x0d) rep = String.fromCharCode(0x2400 + c);
      } else if (c === 0x7f) {
        rep = "\u2421";
      } else if (c >= 0xd800 && c <= 0xdbff) {
        var d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; }
        rep = "\ufffd";
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        rep = "\ufffd";
      } else if (c === 0xfffe || c === 0xffff) {
        rep = "\ufffd";
      }
      if (rep !== null) {
        out += s.slice(start, i) + rep;
        start = i + 1;
      }
    }
    return start === 0 ? s : out + s.slice(start);
  }

  function escapeText(s) {
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function escapeAttr(s) {
    return escapeText(s).replace(/"/g, "&quot;");
  }

  /** The children of a w:r for text: w:t, w:tab, w:br. */
  function runContent(text) {
    var out = "";
    var parts = text.split(/(\r\n|[\t\n\r\u000b\u000c])/);
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i];
      if (!p) continue;
      if (i % 2 === 0) out += '<w:t xml:space="preserve">' + escapeText(xmlSafe(p)) + "</w:t>";
      else if (p === "\t") out += "<w:tab/>";
      else if (p === "\u000c") out += '<w:br w:type="page"/>';
      else out += "<w:br/>";
    }
    return out;
  }

  /** A w:r; the eastAsia hint makes Word set “ ” — … in the CJK font (issue 11). */
  function run(text, charStyleId) {
    var content = runContent(text);
    if (!content) return "";
    var rpr = "<w:rPr>" + (charStyleId ? '<w:rStyle w:val="' + escapeAttr(charStyleId) + '"/>' : "") +
      '<w:rFonts w:hint="eastAsia"/></w:rPr>';
    return "<w:r>" + rpr + content + "</w:r>";
  }

  // ---------------------------------------------------------------------
  // Reading the template
  // ---------------------------------------------------------------------

  function attr(tag, name) {
    var m = new RegExp("\\s" + name.replace(/:/g, "\\:") + '="([^"]*)"').exec(tag);
    return m ? m[1].replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") : null;
  }

  /** styles.xml → {byName: {lowercased name: {id, type, basedOn, xml}}, byId: {...}}. */
  function parseStyles(xml) {
    var byName = Object.create(null);   // keyed by style names and ids: no prototype to reach
    var byId = Object.create(null);
    var re = /<w:style\b[^>]*?(?:\/>|>[\s\S]*?<\/w:style>)/g;
    var m;
    while ((m = re.exec(xml))) {
      var block = m[0];
      var open = /^<w:style\b[^>]*>/.exec(block)[0];
      var nameTag = /<w:name\b[^>]*>/.exec(block);
      var basedTag = /<w:basedOn\b[^>]*>/.exec(block);
      var style = {
        id: attr(open, "w:styleId"),
        type: attr(open, "w:type") || "paragraph",
        name: nameTag ? attr(nameTag[0], "w:val") : null,
        basedOn: basedTag ? attr(basedTag[0], "w:val") : null,
        xml: block,
      };
      if (style.id) byId[style.id] = style;
      if (style.name) {
        var key = style.type + ":" + style.name.toLowerCase();
        if (!byName[key]) byName[key] = style;
      }
    }
    var defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(xml);
    return { byName: byName, byId: byId, rPrDefault: defaults ? defaults[0] : "" };
  }

  function styleId(styles, type, name) {
    var s = styles.byName[type + ":" + name.toLowerCase()];
    return s ? s.id : null;
  }

  /** A run property (w:sz, w:spacing …) of a style, following basedOn, then docDefaults. */
  function runProperty(styles, id, tag) {
    var seen = Object.create(null);
    var re = new RegExp("<" + tag + "\\b[^>]*>");
    while (id && styles.byId[id] && !seen[id]) {
      seen[id] = true;
      var st = styles.byId[id];
      var rpr = /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(st.xml.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, ""));
      var m = rpr && re.exec(rpr[0]);
      if (m) return attr(m[0], "w:val");
      id = st.basedOn;
    }
    var d = re.exec(styles.rPrDefault);
    return d ? attr(d[0], "w:val") : null;
  }

  /** The body-level w:sectPr of document.xml ("" when there is none). */
  function bodySectPr(bodyInner) {
    var at = bodyInner.lastIndexOf("<w:sectPr");
    if (at < 0) return "";
    var tail = bodyInner.slice(at);
    if (tail.indexOf("</w:p>") >= 0) return "";      // a paragraph's section break, not the body's
    return tail.replace(/\s+$/, "");
  }

  function splitBody(documentXml) {
    var open = /<w:body\b[^>]*>/.exec(documentXml);
    var close = documentXml.lastIndexOf("</w:body>");
    if (!open || close < 0) throw new Error("ReportDocx: the template has no w:body");
    var innerStart = open.index + open[0].length;
    return {
      head: documentXml.slice(0, innerStart),
      sectPr: bodySectPr(documentXml.slice(innerStart, close)),
      tail: documentXml.slice(close),
    };
  }

  /** Bytes from a Uint8Array or a latin-1 string (how bytes cross into V8, engine.md). */
  function toBytes(data) {
    if (data instanceof Uint8Array) return data;
    if (typeof data === "string") {
      var out = new Uint8Array(data.length);
      for (var i = 0; i < data.length; i++) out[i] = data.charCodeAt(i) & 0xff;
      return out;
    }
    throw new Error("ReportDocx: template must be a Uint8Array or a latin-1 string");
  }

  function toLatin1(bytes) {
    var out = "";
    for (var i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return out;
  }

  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** Base64 → bytes without atob (bare V8 has none): how the page embeds the templates. */
  function fromBase64(s) {
    s = String(s).replace(/[^A-Za-z0-9+/]/g, "");
    var out = new Uint8Array(Math.floor(s.length * 3 / 4));
    var n = 0, acc = 0, bits = 0;
    for (var i = 0; i < s.length; i++) {
      acc = (acc << 6) | B64.indexOf(s.charAt(i));
      bits += 6;
      if (bits >= 8) { bits -= 8; out[n++] = (acc >> bits) & 0xff; }
    }
    return out.subarray(0, n);
  }

  function unzipTemplate(template) {
    return fflateLib().unzipSync(toBytes(template));
  }

  function text(files, name) {
    var data = files[name];
    if (!data) throw new Error("ReportDocx: the template has no " + name);
    return utf8Decode(data);
  }

  /**
   * The numbers the 落款 needs, from the template's own XML: the type area's
   * width (sectPr pgSz − pgMar), the body font size (half-points) and
   * character spacing (twips) of the Normal style.
   * template: the .docx bytes, or {styles, document} XML strings.
   */
  function readMetrics(template) {
    var stylesXml, documentXml;
    if (template instanceof Uint8Array || typeof template === "string") {
      var files = unzipTemplate(template);
      stylesXml = text(files, "word/styles.xml");
      documentXml = text(files, "word/document.xml");
    } else {
      stylesXml = template.styles;
      documentXml = template.document;
    }
    var styles = parseStyles(stylesXml);
    return metricsOf(styles, splitBody(documentXml).sectPr);
  }

  function metricsOf(styles, sectPr) {
    var pgSz = /<w:pgSz\b[^>]*>/.exec(sectPr);
    var pgMar = /<w:pgMar\b[^>]*>/.exec(sectPr);
    if (!pgSz || !pgMar) throw new Error("ReportDocx: the template's section has no page size or margins");
    var num = function (tag, name) { return parseInt(attr(tag, name) || "0", 10); };
    var normal = styleId(styles, "paragraph", "Normal");
    var size = runProperty(styles, normal, "w:sz");
    if (!size) throw new Error("ReportDocx: the template's Normal style has no font size");
    return {
      typeWidth: num(pgSz[0], "w:w") - num(pgMar[0], "w:left") - num(pgMar[0], "w:right") -
        num(pgMar[0], "w:gutter"),
      fontSize: parseInt(size, 10),
      charSpacing: parseInt(runProperty(styles, normal, "w:spacing") || "0", 10),
    };
  }

  // ---------------------------------------------------------------------
  // The 落款 (GB/T 9704-2012 7.3.5.2, unsealed)
  // ---------------------------------------------------------------------

  function isZeroWidth(c) {
    return (c >= 0x0300 && c <= 0x036f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x206f) || c === 0xfeff;
  }

  /** Set in the CJK font at one em: ideographs, kana, full-width forms, CJK
   * punctuation, and (with the eastAsia hint) General Punctuation. */
  function isWide(c) {
    return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2010 && c <= 0x205e) || (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff01 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
  }

  function isIdeograph(c) {
    return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3fffd);
  }

  function isLatinOrDigit(c) {
    return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  }

  // The space that Word, WPS and LibreOffice put between a Chinese character
  // and a digit or Latin letter (autoSpaceDE/autoSpaceDN: on by default in
  // Word; LibreOffice applies it to every .docx). ECMA-376 leaves the amount
  // to the program; 0.215 em is LibreOffice 7.4's (3.45 pt at 三号, measured
  // by tests/test_formatter.py). It is no property of the template.
  var AUTOSPACE_EM = 0.215;

  /**
   * The width of a line of text in twips: one em (the font size) for a
   * Chinese character, half an em for a digit or other half-width character
   * (exact for Times New Roman digits; Latin letters vary around it), the
   * character spacing after each character, and the automatic space at every
   * boundary between a Chinese character and a digit or Latin letter.
   */
  function textWidth(s, metrics) {
    var em = metrics.fontSize * 10;           // half-points → twips
    var width = 0;
    var prev = null;
    for (var i = 0; i < s.length; i++) {
      var c = s.codePointAt(i);
      if (c > 0xffff) i++;
      if (isZeroWidth(c)) continue;
      width += (isWide(c) ? em : em / 2) + metrics.charSpacing;
      var kind = isIdeograph(c) ? "cjk" : isLatinOrDigit(c) ? "latin" : "other";
      if (prev && kind !== "other" && prev !== "other" && kind !== prev) width += AUTOSPACE_EM * em;
      prev = kind;
    }
    return Math.round(width);
  }

  /**
   * The indents of the 署名 and 日期 (GB/T 9704-2012 7.3.5.2): the 署名 右空二字,
   * the date's first character two characters right of the 署名's first; if
   * the date is the longer, the date 右空二字 and the 署名 moves left to keep
   * the offset. The side that is anchored is right-aligned, so its place is
   * exact; the other follows from its measured width.
   *
   * Returns {signature, date}, each {align: "left"|"right", indent: {w:ind
   * attributes}}, plus the widths in twips. Either text may be empty.
   */
  function signatureLayout(name, date, metrics) {
    // spaces typed after the name or the date are no part of its width (they would move it left)
    name = String(name || "").replace(TRAILING_SPACE, "");
    date = String(date || "").replace(TRAILING_SPACE, "");
    var em = metrics.fontSize * 10;
    // Each twips value with its *Chars twin where the styles use one, and the two
    // always agree, so Word (which prefers *Chars) and LibreOffice (which reads
    // only twips) place the text alike. No leftChars: the styles have none, and
    // a leftChars="0" beside a non-zero left is read either way by different programs.
    var rightTwo = { left: 0, right: 2 * em, rightChars: 200, firstLine: 0, firstLineChars: 0 };
    var offset = 2 * (em + metrics.charSpacing);          // two characters of text
    var wName = textWidth(name, metrics);
    var wDate = textWidth(date, metrics);
    var leftAt = function (x) {
      return { left: Math.max(0, Math.round(x)), right: 0, rightChars: 0, firstLine: 0, firstLineChars: 0 };
    };
    var layout;
    if (!date || (name && wDate <= wName)) {
      layout = {
        signature: { align: "right", indent: rightTwo },
        date: { align: "left", indent: leftAt(metrics.typeWidth - rightTwo.right - wName + offset) },
      };
    } else {
      layout = {
        signature: { align: "left", indent: leftAt(metrics.typeWidth - rightTwo.right - wDate - offset) },
        date: { align: "right", indent: rightTwo },
      };
    }
    layout.widths = { signature: wName, date: wDate };
    layout.dateIsLonger = !!date && wDate > wName;
    return layout;
  }

  // ---------------------------------------------------------------------
  // The document
  // ---------------------------------------------------------------------

  function indXml(ind) {
    var keys = ["left", "leftChars", "right", "rightChars", "firstLine", "firstLineChars"];
    var out = "<w:ind";
    for (var i = 0; i < keys.length; i++) {
      if (ind[keys[i]] !== undefined) out += " w:" + keys[i] + '="' + ind[keys[i]] + '"';
    }
    return out + "/>";
  }

  /** Positions inside a string never split a surrogate pair. */
  function clampOffset(s, n) {
    n = Math.max(0, Math.min(s.length, Math.floor(Number(n) || 0)));
    if (n > 0 && n < s.length) {
      var a = s.charCodeAt(n - 1), b = s.charCodeAt(n);
      if (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) n--;
    }
    return n;
  }

  function paragraphXml(p, styleIds, extra) {
    var ppr = "";
    if (p.styleId) ppr += '<w:pStyle w:val="' + escapeAttr(p.styleId) + '"/>';
    if (extra.keepNext) ppr += "<w:keepNext/>";
    if (extra.spacing) ppr += "<w:spacing" + (extra.spacing.before !== undefined ? ' w:before="' + extra.spacing.before + '"' : "") +
      (extra.spacing.after !== undefined ? ' w:after="' + extra.spacing.after + '"' : "") + "/>";
    if (extra.indent) ppr += indXml(extra.indent);
    if (extra.align) ppr += '<w:jc w:val="' + extra.align + '"/>';
    var t = p.text;
    // Cut the text at the run-in heading's end and at every comment boundary.
    var cuts = [0, t.length];
    var headEnd = 0;
    if (p.runIn && p.runInStyleId) {
      headEnd = clampOffset(t, p.runIn.length);
      cuts.push(headEnd);
    }
    var marks = extra.comments || [];
    for (var i = 0; i < marks.length; i++) cuts.push(marks[i].start, marks[i].end);
    cuts.sort(function (a, b) { return a - b; });
    var out = "<w:p>" + (ppr ? "<w:pPr>" + ppr + "</w:pPr>" : "");
    var emitMarks = function (at) {
      // Ends before starts at the same place, so ranges that touch stay apart;
      // a zero-length range starts and ends here.
      for (var k = 0; k < marks.length; k++) {
        var c = marks[k];
        if (c.end === at && c.start !== at) out += '<w:commentRangeEnd w:id="' + c.id + '"/>' + refRun(c.id, styleIds);
      }
      for (var k2 = 0; k2 < marks.length; k2++) {
        var c2 = marks[k2];
        if (c2.start === at) out += '<w:commentRangeStart w:id="' + c2.id + '"/>';
        if (c2.start === at && c2.end === at) out += '<w:commentRangeEnd w:id="' + c2.id + '"/>' + refRun(c2.id, styleIds);
      }
    };
    for (var j = 0; j < cuts.length; j++) {
      if (j > 0 && cuts[j] === cuts[j - 1]) continue;
      emitMarks(cuts[j]);
      var next = null;
      for (var n = j + 1; n < cuts.length; n++) if (cuts[n] > cuts[j]) { next = cuts[n]; break; }
      if (next !== null) out += run(t.slice(cuts[j], next), cuts[j] < headEnd ? p.runInStyleId : null);
    }
    return out + "</w:p>";
  }

  // Word's own limit; a crafted file's cell far to the right goes in the last column, not lost
  var MAX_COLUMNS = 63;

  /**
   * A table as the draft had it: its rows and grid columns (a cell spanning
   * columns or merged with the one above stays so), across the type area with
   * the draft's column widths in proportion, the template's table style, the header rows (those the
   * draft marks, else the first) repeated on every page the table reaches.
   * Columns the draft has no cell for (Word's gridBefore and gridAfter) become one
   * empty cell spanning them, so a crafted row number or column costs no output.
   */

  function tableXml(cells, tableStyleId, metrics, styleIds) {
    var rows = [], seen = {}, cols = 0, at = {}, header = {}, marked = false;
    cells.forEach(function (q) {
      var c = q.cell, col = Math.min(c.col, MAX_COLUMNS), key = c.row + ":" + col;
      if (!seen[c.row]) { seen[c.row] = true; rows.push(c.row); }
      cols = Math.max(cols, Math.min(col + c.span - 1, MAX_COLUMNS));
      (at[key] = at[key] || { cell: c, paragraphs: [] }).paragraphs.push(q);
      if (c.header) { header[c.row] = true; marked = true; }
    });
    // only rows that hold text (every row of a real table does): a crafted row number costs nothing
    rows.sort(function (x, y) { return x - y; });
    if (!marked && rows.length > 1) header[rows[0]] = true;
    // the draft's column widths in proportion, across the type area; else equal columns
    var grid = cells[0].cell.grid, widths = [], k, used = 0;
    var shares = grid && grid.length === cols ? grid : null;
    var total = shares ? shares.reduce(function (a, w) { return a + w; }, 0) : cols;
    for (k = 0; k < cols; k++) {
      var w = k < cols - 1 ? Math.floor(metrics.typeWidth * (shares ? shares[k] : 1) / total) : metrics.typeWidth - used;
      widths.push(w);
      used += w;
    }
    var out = '<w:tbl><w:tblPr><w:tblStyle w:val="' + escapeAttr(tableStyleId) + '"/><w:tblW w:w="' + metrics.typeWidth +
      '" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/><w:tblLayout w:type="fixed"/>' +
      '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>' +
      "</w:tblPr><w:tblGrid>";
    widths.forEach(function (w) { out += '<w:gridCol w:w="' + w + '"/>'; });
    out += "</w:tblGrid>";
    rows.forEach(function (r) {
      out += "<w:tr>" + (header[r] ? "<w:trPr><w:tblHeader/></w:trPr>" : "");
      for (var c = 1; c <= cols;) {
        var here = at[r + ":" + c], span = 1, w = 0;
        if (here) span = Math.max(1, Math.min(here.cell.span, cols - c + 1));
        else while (c + span <= cols && !at[r + ":" + (c + span)]) span++;
        for (var s = c; s < c + span; s++) w += widths[s - 1];
        out += '<w:tc><w:tcPr><w:tcW w:w="' + w + '" w:type="dxa"/>' + (span > 1 ? '<w:gridSpan w:val="' + span + '"/>' : "") +
          (here && here.cell.vMerge ? '<w:vMerge w:val="' + here.cell.vMerge + '"/>' : "") + "</w:tcPr>";
        if (here) here.paragraphs.forEach(function (q) { out += paragraphXml(q, styleIds, q.extra); });
        else out += '<w:p><w:pPr><w:pStyle w:val="' + escapeAttr(cells[0].styleId) + '"/></w:pPr></w:p>';
        out += "</w:tc>";
        c += span;
      }
      out += "</w:tr>";
    });
    return out + "</w:tbl>";
  }

  function refRun(id, styleIds) {
    var rpr = styleIds.commentReference ? '<w:rPr><w:rStyle w:val="' + escapeAttr(styleIds.commentReference) + '"/></w:rPr>' : "";
    return "<w:r>" + rpr + '<w:commentReference w:id="' + id + '"/></w:r>';
  }

  function commentsXml(list, styleIds, who) {
    var out = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="' + W_NS + '">';
    for (var i = 0; i < list.length; i++) {
      var c = list[i];
      out += '<w:comment w:id="' + c.id + '" w:author="' + escapeAttr(who.author) + '" w:initials="' +
        escapeAttr(who.initials) + '">';
      var lines = String(c.text == null ? "" : c.text).split(/\r\n|[\n\r]/);
      for (var j = 0; j < lines.length; j++) {
        out += "<w:p>" + (styleIds.commentText ? '<w:pPr><w:pStyle w:val="' + escapeAttr(styleIds.commentText) + '"/></w:pPr>' : "");
        if (j === 0) {
          out += "<w:r>" + (styleIds.commentReference ? '<w:rPr><w:rStyle w:val="' +
            escapeAttr(styleIds.commentReference) + '"/></w:rPr>' : "") + "<w:annotationRef/></w:r>";
        }
        out += run(lines[j], null) + "</w:p>";
      }
      out += "</w:comment>";
    }
    return out + "</w:comments>";
  }

  /** Author and initials of the template's own comments, so they are named once (build_template.py). */
  function commentAuthor(files) {
    var data = files["word/comments.xml"];
    if (!data) return DEFAULT_AUTHOR;
    var tag = /<w:comment\b[^>]*>/.exec(utf8Decode(data));
    if (!tag) return DEFAULT_AUTHOR;
    return { author: attr(tag[0], "w:author") || DEFAULT_AUTHOR.author,
             initials: attr(tag[0], "w:initials") || DEFAULT_AUTHOR.initials };
  }

  function resolveTarget(base, target) {
    if (target.charAt(0) === "/") return target.slice(1);
    var parts = base.split("/").slice(0, -1).concat(target.split("/"));
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      if (parts[i] === "..") out.pop();
      else if (parts[i] !== "." && parts[i] !== "") out.push(parts[i]);
    }
    return out.join("/");
  }

  /** Drops the template's comment parts from the document's rels, the
   * content types and the package; returns the rels XML and a free rId. */
  function dropTemplateComments(files) {
    var relsName = "word/_rels/document.xml.rels";
    var rels = text(files, relsName);
    var dropped = [];
    var maxId = 0;
    rels = rels.replace(/<Relationship\b[^>]*?\/>/g, function (tag) {
      var id = attr(tag, "Id") || "";
      var m = /^rId(\d+)$/.exec(id);
      if (m) maxId = Math.max(maxId, parseInt(m[1], 10));
      if (COMMENT_PART.test(attr(tag, "Type") || "")) {
        dropped.push(resolveTarget("word/document.xml", attr(tag, "Target") || ""));
        return "";
      }
      return tag;
    });
    var types = text(files, "[Content_Types].xml");
    for (var i = 0; i < dropped.length; i++) {
      delete files[dropped[i]];
      var part = "/" + dropped[i];
      types = types.replace(/<Override\b[^>]*?\/>/g, function (tag) {
        return attr(tag, "PartName") === part ? "" : tag;
      });
    }
    return { rels: rels, types: types, freeId: "rId" + (maxId + 1) };
  }

  function setCoreTitle(files, title) {
    var name = "docProps/core.xml";
    if (!files[name]) return;
    var core = utf8Decode(files[name]);
    var value = escapeText(xmlSafe(title));
    if (/<dc:title\b[^>]*\/>/.test(core)) core = core.replace(/<dc:title\b[^>]*\/>/, "<dc:title>" + value + "</dc:title>");
    else core = core.replace(/(<dc:title\b[^>]*>)[\s\S]*?(<\/dc:title>)/, function (_, a, b) { return a + value + b; });
    files[name] = utf8Encode(core);
  }

  function normaliseParagraphs(paragraphs) {
    if (!Array.isArray(paragraphs)) throw new Error("ReportDocx: paragraphs must be a list");
    return paragraphs.map(function (p) {
      var kind = p && typeof p.kind === "string" ? p.kind : "body";
      if (kind !== "blank" && !KIND_STYLE[kind]) kind = "body";
      var runIn = p && p.runIn && RUN_IN_STYLE[p.runIn.level] ? { level: p.runIn.level, length: p.runIn.length } : null;
      var q = { kind: kind, text: p && p.text != null ? String(p.text) : "", runIn: runIn };
      var cell = p && p.cell;
      if (cell && [cell.table, cell.row, cell.col].every(function (n) { return n === Math.floor(n) && n >= 1 && n < 1e6; })) {
        q.cell = { table: cell.table, row: cell.row, col: cell.col, span: cell.span > 1 && cell.span < 64 ? Math.floor(cell.span) : 1,
                   vMerge: cell.vMerge === "restart" || cell.vMerge === "continue" ? cell.vMerge : null, header: !!cell.header,
                   grid: Array.isArray(cell.grid) && cell.grid.length <= 63 &&
                     cell.grid.every(function (w) { return typeof w === "number" && w > 0 && w < 1e6; }) ? cell.grid : null };
        if (q.kind !== "blank") q.kind = "body";
        q.runIn = null;
      }
      return q;
    });
  }

  /**
   * The .docx: the template with its body replaced by the paragraphs.
   * options.template   Uint8Array, the site's template .docx
   * options.paragraphs [{kind, text, runIn}] as ReportEngine.classify gives them
   * options.comments   optional [{paragraph, start, length, text}]: Word
   *                    comments anchored at that text (UTF-16 offsets into
   *                    the paragraph's text); paragraph null → the first one.
   */
  function write(options) {
    var lib = fflateLib();
    var files = unzipTemplate(options.template);
    var styles = parseStyles(text(files, "word/styles.xml"));
    var split = splitBody(text(files, "word/document.xml"));
    var metrics = metricsOf(styles, split.sectPr);
    var required = function (name, type) {
      var id = styleId(styles, type || "paragraph", name);
      if (!id) throw new Error("ReportDocx: the template has no style named " + name);
      return id;
    };
    var styleIds = {
      commentText: styleId(styles, "paragraph", "annotation text"),
      commentReference: styleId(styles, "character", "annotation reference"),
    };
    var normalId = required("Normal");

    var input = normaliseParagraphs(options.paragraphs);
    var kept = [];          // paragraphs that are written, with their input index
    var keptIndex = {};
    var cellStyleId = null;
    input.forEach(function (p, i) {
      if (p.kind === "blank" && !p.cell) return;
      var sid;
      var salutationFallback = false;
      if (p.cell) {
        sid = cellStyleId = cellStyleId || required(CELL_STYLE);
      } else if (p.kind === "salutation") {
        sid = styleId(styles, "paragraph", KIND_STYLE.salutation);
        // A template without 称谓: Normal, flush left.
        if (!sid) { sid = normalId; salutationFallback = true; }
      } else {
        sid = required(KIND_STYLE[p.kind]);
      }
      var q = {
        kind: p.cell ? "cell" : p.kind, text: TRIM_END[p.kind] ? p.text.replace(TRAILING_SPACE, "") : p.text,
        runIn: p.kind === "body" && !p.cell ? p.runIn : null, cell: p.cell || null,
        styleId: sid === normalId ? null : sid, extra: { comments: [] },
      };
      if (salutationFallback) q.extra.indent = { firstLine: 0, firstLineChars: 0 };
      if (q.runIn) q.runInStyleId = required(RUN_IN_STYLE[q.runIn.level], "character");
      keptIndex[i] = kept.length;
      kept.push(q);
    });

    // 落款: each 署名 with the date after it, or a date on its own.
    var firstClosing = -1;
    for (var k = 0; k < kept.length; k++) {
      var p = kept[k];
      if (p.kind !== "signature" && p.kind !== "date") continue;
      if (p.kind === "date" && k > 0 && kept[k - 1].kind === "signature") continue;
      if (firstClosing < 0) firstClosing = k;
      var dateP = p.kind === "signature" && kept[k + 1] && kept[k + 1].kind === "date" ? kept[k + 1] : null;
      var layout = p.kind === "signature" ? signatureLayout(p.text, dateP ? dateP.text : "", metrics)
        : signatureLayout("", p.text, metrics);
      if (p.kind === "signature") {
        p.extra.indent = layout.signature.indent;
        p.extra.align = layout.signature.align;
        if (dateP) { dateP.extra.indent = layout.date.indent; dateP.extra.align = layout.date.align; }
      } else {
        p.extra.indent = layout.date.indent;
        p.extra.align = layout.date.align;
      }
    }
    // The paragraph before the 落款 stays on its page.
    if (firstClosing > 0) kept[firstClosing - 1].extra.keepNext = true;
    // A title over two lines, or a 署名 over two (机关 above 姓名), is one block:
    // the space after the title and the blank line above the 署名 come once.
    for (var g = 1; g < kept.length; g++) {
      if (kept[g].kind === "title" && kept[g - 1].kind === "title") kept[g - 1].extra.spacing = { after: 0 };
      if (kept[g].kind === "signature" && kept[g - 1].kind === "signature") kept[g].extra.spacing = { before: 0 };
    }

    // Comments: anchored in the paragraph they concern; one that concerns no
    // written paragraph (document-level, or a blank line) goes on the nearest.
    var comments = [];
    (options.comments || []).forEach(function (c, n) {
      if (!kept.length || !c) return;
      var at = c.paragraph;
      var whole = false;
      var target;
      if (typeof at !== "number" || !(at >= 0 && at < input.length) || keptIndex[at] === undefined) {
        whole = true;
        target = 0;
        if (typeof at === "number" && at >= 0) {
          for (var j = Math.min(Math.floor(at), input.length - 1); j >= 0; j--) {
            if (keptIndex[j] !== undefined) { target = keptIndex[j]; break; }
          }
        }
      } else {
        target = keptIndex[at];
      }
      var t = kept[target].text;
      var start = whole ? 0 : clampOffset(t, c.start);
      var end = whole ? t.length : clampOffset(t, start + Math.max(0, Number(c.length) || 0));
      var entry = { id: n, start: start, end: Math.max(start, end), text: c.text };
      kept[target].extra.comments.push(entry);
      comments.push(entry);
    });

    var body = "";
    for (var b = 0; b < kept.length; b++) {
      if (!kept[b].cell) { body += paragraphXml(kept[b], styleIds, kept[b].extra); continue; }
      var group = [];
      for (var e = b; e < kept.length && kept[e].cell && kept[e].cell.table === kept[b].cell.table; e++) group.push(kept[e]);
      body += tableXml(group, required(TABLE_STYLE, "table"), metrics, styleIds);
      b = e - 1;
      // Word wants a paragraph between a table and the section properties
      if (e === kept.length) body += "<w:p/>";
    }
    if (!body) body = "<w:p/>";              // Word wants a paragraph before the section properties

    var pkg = dropTemplateComments(files);
    if (comments.length) {
      files["word/comments.xml"] = utf8Encode(commentsXml(comments, styleIds, commentAuthor(files)));
      pkg.rels = pkg.rels.replace(/<\/Relationships>\s*$/, '<Relationship Id="' + pkg.freeId + '" Type="' +
        REL_COMMENTS + '" Target="comments.xml"/></Relationships>');
      pkg.types = pkg.types.replace(/<\/Types>\s*$/, '<Override PartName="/word/comments.xml" ContentType="' +
        CT_COMMENTS + '"/></Types>');
    }
    files["word/_rels/document.xml.rels"] = utf8Encode(pkg.rels);
    files["[Content_Types].xml"] = utf8Encode(pkg.types);
    files["word/document.xml"] = utf8Encode(split.head + body + split.sectPr + split.tail);
    setCoreTitle(files, kept.filter(function (q) { return q.kind === "title"; })
      .map(function (q) { return q.text; }).join(""));

    // Fixed entry order: content types first, then by name.
    var names = Object.keys(files).filter(function (n) { return n !== "[Content_Types].xml" && !/\/$/.test(n); }).sort();
    var ordered = {};
    ordered["[Content_Types].xml"] = files["[Content_Types].xml"];
    for (var z = 0; z < names.length; z++) ordered[names[z]] = files[names[z]];
    return lib.zipSync(ordered, { level: 6, mtime: ZIP_TIME });
  }


  // ---------------------------------------------------------------------
  // From a draft: the engine classifies, the writer writes
  // ---------------------------------------------------------------------

  var NEWLINES = /\r\n|\r|\n/;

  /** The draft as paragraphs: text one paragraph a line; a .docx's paragraphs as they are, so
   * that a soft line break (Shift+Enter) stays inside its paragraph and a cell in its table. */
  function draftParagraphs(draft) {
    if (typeof draft === "string") {
      if (draft.charAt(0) === "\ufeff") draft = draft.slice(1);
      return draft.split(NEWLINES).map(function (t) { return { text: t }; });
    }
    if (!Array.isArray(draft)) throw new Error("ReportDocx.format: the draft must be text or a list of paragraphs");
    return draft.map(function (p) {
      if (typeof p === "string") return { text: p };
      var q = { text: String(p && p.text != null ? p.text : "") };
      if (p && p.style != null) q.style = p.style;
      if (p && p.outlineLevel != null) q.outlineLevel = p.outlineLevel;
      if (p && p.cell) q.cell = p.cell;
      return q;
    });
  }

  /** A 署名 and date typed in one paragraph with Shift+Enter (王某某↵2026年12月8日) are two
   * paragraphs of the 落款 (GB/T 9704 7.3.5.2 places each): the last paragraph is split at its
   * soft line breaks when, so split, it ends in a date. Every other soft line break stays. */
  function closingApart(paragraphs, engine) {
    for (var last = paragraphs.length - 1; last >= 0 && !paragraphs[last].text.trim(); last--);
    if (last < 0 || paragraphs[last].cell || !NEWLINES.test(paragraphs[last].text)) return paragraphs;
    var p = paragraphs[last];
    var lines = p.text.split(NEWLINES).map(function (t, k) { return k ? { text: t } : { text: t, style: p.style, outlineLevel: p.outlineLevel }; });
    var split = paragraphs.slice(0, last).concat(lines, paragraphs.slice(last + 1));
    var kinds = engine.classify(split);
    for (var k = kinds.length - 1; k >= 0 && kinds[k].kind === "blank"; k--);
    return k >= 0 && kinds[k].kind === "date" ? split : paragraphs;
  }

  /** Line by line as ReportEngine.check counts lines (a soft line break starts one):
   * the paragraph each line is in and where the line starts in it (UTF-16). */
  function lineStarts(paragraphs) {
    var out = [];
    paragraphs.forEach(function (p, i) {
      var re = /\r\n|\r|\n/g, m, at = 0;
      while ((m = re.exec(p.text)) !== null) { out.push({ paragraph: i, start: at, end: m.index }); at = m.index + m[0].length; }
      out.push({ paragraph: i, start: at, end: p.text.length });
    });
    return out;
  }

  /** UTF-16 index of the n-th code point of s. */
  function unitIndex(s, n) {
    var i = 0;
    while (n > 0 && i < s.length) {
      var c = s.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
      n--;
    }
    return i;
  }

  /** The findings as comments anchored at their text: line and col count code
   * points in the raw line, the writer's offsets UTF-16 units in the
   * classified paragraph's text (leading spaces removed). */
  function findingComments(findings, paragraphs, classified) {
    var lines = lineStarts(paragraphs), out = [];
    findings.forEach(function (f) {
      var text = "【" + f.level + "】" + f.message + (f.suggestion ? "\n建议：" + f.suggestion : "");
      var i = typeof f.line === "number" ? f.line - 1 : -1;
      if (!(i >= 0 && i < lines.length)) { out.push({ paragraph: null, start: 0, length: 0, text: text }); return; }
      var at = lines[i], raw = paragraphs[at.paragraph].text, line = raw.slice(at.start, at.end);
      var cut = raw.length - classified[at.paragraph].text.length;
      var from = at.start + unitIndex(line, Math.max(0, (f.col || 1) - 1));
      var to = at.start + unitIndex(line, Math.max(0, (f.col || 1) - 1) + Math.max(0, f.length || 0));
      out.push({ paragraph: at.paragraph, start: Math.max(0, from - cut), length: Math.max(0, to - Math.max(from, cut)), text: text });
    });
    return out;
  }

  function findingsNote(count) {
    return "以下" + count + "条批注是“自查与排版”给出的自查意见，只标出可能的问题，请逐条核实后修改。" +
      "改完后请删除全部批注（审阅 → 删除 → 删除文档中的所有批注），否则打印时会一并打出。";
  }

  /**
   * A draft (text, or the paragraphs ReportEngine.readDocx gives) → .docx bytes.
   * options.template      the template .docx (Uint8Array or latin-1 string)
   * options.withComments  add the checker's findings as Word comments (批注)
   * options.year          the report's year, for the checker
   * The page and the command line both call this, so the same draft and
   * options give the same bytes.
   */
  function format(draft, options) {
    options = options || {};
    var engine = options.engine || root.ReportEngine;
    if (!engine || !engine.classify) throw new Error("ReportDocx.format: ReportEngine is not loaded");
    var paragraphs = closingApart(draftParagraphs(draft), engine);
    var classified = engine.classify(paragraphs);
    var comments = null;
    if (options.withComments) {
      var findings = engine.check(paragraphs, { year: options.year == null ? null : options.year, type: options.type || null });
      comments = findingComments(findings, paragraphs, classified);
      if (comments.length) comments.unshift({ paragraph: null, start: 0, length: 0, text: findingsNote(comments.length) });
    }
    return write({ template: options.template, paragraphs: classified, comments: comments });
  }

  // one object, two names: ReportEngine.docx in the engine's namespace, ReportDocx where callers use it
  root.ReportDocx = {
    write: write,
    format: format,
    /** write() and format() for hosts that pass bytes as latin-1 strings (scripts/engine_host.py). */
    writeLatin1: function (options) { return toLatin1(write(options)); },
    formatLatin1: function (draft, options) { return toLatin1(format(draft, options)); },
    fromBase64: fromBase64,
    draftParagraphs: draftParagraphs,
    readMetrics: readMetrics,
    signatureLayout: signatureLayout,
    textWidth: textWidth,
    xmlSafe: xmlSafe,
  };
  if (root.ReportEngine) root.ReportEngine.docx = root.ReportDocx;
})(typeof globalThis !== "undefined" ? globalThis : this);
