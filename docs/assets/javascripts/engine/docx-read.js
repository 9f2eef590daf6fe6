/* 述职报告检查与排版引擎（ReportEngine）：读取 .docx：zip（fflate，限量解压）、XML、样式、批注、修订、隐藏文字。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var NEWLINES = I.NEWLINES, checkSize = I.checkSize, ReadError = I.ReadError, MESSAGES = I.MESSAGES,
      CodePoints = I.CodePoints, ReadBudget = I.ReadBudget, keepText = I.keepText, table = I.table;

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

  var ENTITIES = table({ lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" });

  function decodeEntities(s) {
    if (s.indexOf("&") < 0) return s;
    return s.replace(/&([^;&]*);?/g, function (m, name) {
      if (m.charAt(m.length - 1) !== ";") throw ReadError(MESSAGES.corrupt);
      if (ENTITIES[name]) return ENTITIES[name];
      var code = /^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]{1,7}$/.test(name) ? parseInt(name.slice(1), 10) : -1;
      if (code < 0 || code > 0x10ffff) throw ReadError(MESSAGES.corrupt);  // Word writes no other entities
      // &#xD800; is no character (XML forbids it): U+FFFD, as a browser shows it, so page and CLI agree
      return code >= 0xd800 && code <= 0xdfff ? "\ufffd" : String.fromCodePoint(code);
    });
  }

  /**
   * A small namespace-aware XML reader: calls handler.start(ns, name, attrs),
   * handler.end(ns, name), handler.text(string). One pass, linear in the input.
   * Rejects any DOCTYPE (Word never writes one; entity expansion is an attack).
   * handler.budget (a ReadBudget), when given, counts every element.
   */
  // Word nests a few dozen elements deep (tables in tables); far deeper is an attack on memory
  var MAX_XML_DEPTH = 1000;

  function parseXml(xml, handler) {
    var n = xml.length, pos = 0, top0 = Object.create(null), scopes = [top0], stack = [], budget = handler.budget;
    I.counters.xmlChars += n;
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
      I.counters.xmlElements++;
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
      if (budget) budget.element();
      // keyed by the file's attribute names: no prototype for a name like __proto__ to reach
      var el = resolve(scope, qname), attrs = Object.create(null);
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
  function readStyles(xml, budget) {
    var styles = Object.create(null), def = null, cur = null, inPPr = 0;   // keyed by the file's style ids
    parseXml(xml, {
      budget: budget,
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

  function readComments(xml, budget) {
    var list = [], cur = null, inText = false, paras = 0;
    parseXml(xml, {
      budget: budget,
      start: function (ns, name, a) {
        if (!isW(ns)) return;
        if (name === "comment") {
          if (budget) budget.take("comments");
          cur = { id: a.id, author: a.author || "", date: a.date || "", text: "" }; paras = 0;
        }
        else if (cur && name === "p") { if (paras++) cur.text = keepText(cur.text, "\n"); }
        else if (cur && name === "t") inText = true;
        else if (cur && (name === "tab")) cur.text = keepText(cur.text, "\t");
      },
      end: function (ns, name) {
        if (!isW(ns)) return;
        if (name === "comment") { list.push(cur); cur = null; }
        else if (name === "t") inText = false;
      },
      text: function (s) { if (cur && inText) cur.text = keepText(cur.text, s); }
    });
    return list;
  }

  /** The Relationship targets of a .rels part: type suffix → target. */
  function readRels(xml, budget) {
    var rels = [];
    parseXml(xml, {
      budget: budget,
      start: function (ns, name, a) { if (name === "Relationship") rels.push({ id: a.Id || "", type: a.Type || "", target: a.Target || "", external: a.TargetMode === "External" }); },
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
  // (looked up by the file's element names: no prototype, so <w:constructor> is no revision)
  var SKIP = table({ drawing: 1, pict: 1, object: 1, txbxContent: 1, instrText: 1, delInstrText: 1 });
  var REVISIONS = table({ ins: "ins", del: "del", moveFrom: "moveFrom", moveTo: "moveTo" });
  var FORMAT_CHANGES = table({ rPrChange: 1, pPrChange: 1, sectPrChange: 1, tblPrChange: 1, trPrChange: 1, tcPrChange: 1, numberingChange: 1 });

  /**
   * The paragraphs of document.xml (body, tables and content controls, in order),
   * with their Word style names; and where comments, tracked changes and hidden
   * text are. Text as python-docx's Paragraph.text gives it, with tracked
   * insertions included and deletions left out (the text as it reads when every
   * change is accepted).
   */
  function readDocument(xml, styleInfo, budget, altChunk) {
    var styles = styleInfo.styles;
    budget = budget || new ReadBudget();
    // comments: id → anchors, in a Map (an id like __proto__ must not reach Object.prototype)
    var paragraphs = [], comments = new Map(), revisions = [], hidden = [];
    var cur = null, skip = 0, tables = 0, inRun = false, inRPr = false, inPPr = false, runHidden = false;
    // where a paragraph sits in a (top-level) table: tables inside a cell count as that cell's text
    var topTables = 0, row = 0, nextCol = 1, cell = null, rowHeader = false, inTcPr = false, inTrPr = false, grid = null;
    // direct formatting the template's styles replace (said before the download, not carried over)
    var formatting = { bold: 0, italic: 0, underline: 0, color: 0, font: 0, spacing: 0 }, runFormat = null;
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
      if (deleted()) { if (rev) rev.text = keepText(rev.text, s); return; }   // not in the text: kept short
      if (runHidden) {
        var h = hidden[hidden.length - 1];
        if (h && h.paragraph === paragraphs.length && h.offset + h.length === cur.text.length) { h.length += s.length; h.text += s; }
        else { budget.take("hidden"); hidden.push({ paragraph: paragraphs.length, offset: cur.text.length, length: s.length, text: s }); }
      }
      if (rev) rev.text += s;
      cur.text += s;
    }
    function anchor(id, end) {
      var c = comments.get(id);
      if (!c) { budget.take("anchors"); comments.set(id, c = {}); }
      c[end] = here();
    }
    parseXml(xml, {
      budget: budget,
      start: function (ns, name, a) {
        var parent = stack.length ? stack[stack.length - 1] : null;
        stack.push(name);
        if (skip) { skip++; return; }
        if (ns === NS.mc && name === "Fallback") { skip = 1; return; }
        if (!isW(ns)) return;
        if (name === "body") { body = true; return; }
        if (!body) return;
        if (SKIP[name]) { skip = 1; return; }
        if (name === "altChunk") {     // content in another format (docx-altchunk.js): its paragraphs, here
          if (!cur && altChunk) altChunk(a).forEach(function (p) { paragraphs.push(p); });
          skip = 1;
          return;
        }
        if (name === "tbl") { if (!tables++) { topTables++; row = 0; grid = []; } return; }
        // the column widths (twips) the writer keeps in proportion
        if (tables === 1 && name === "gridCol" && parent === "tblGrid") { grid.push(Math.max(0, parseInt(a.w, 10) || 0)); return; }
        if (tables === 1 && name === "tr") { row++; nextCol = 1; rowHeader = false; return; }
        if (tables === 1 && name === "trPr") { inTrPr = true; return; }
        if (inTrPr && name === "gridBefore") { nextCol += Math.max(0, parseInt(a.val, 10) || 0); return; }
        if (inTrPr && name === "tblHeader") { rowHeader = onOff(a); return; }
        if (tables === 1 && name === "tc") {
          cell = { table: topTables, row: row, col: nextCol };
          if (grid.length && grid.length <= 63) cell.grid = grid;
          if (rowHeader) cell.header = true;
          return;
        }
        if (tables === 1 && name === "tcPr") { inTcPr = true; return; }
        if (inTcPr && name === "gridSpan") { var span = parseInt(a.val, 10); if (span > 1 && span < 64) cell.span = span; return; }
        if (inTcPr && name === "vMerge") { cell.vMerge = a.val === "restart" ? "restart" : "continue"; return; }
        if (name === "p") {
          if (cur) { skip = 1; return; }  // a paragraph inside a paragraph (text box): not body text
          cur = { text: "", style: null, styleId: null, outline: null, table: tables > 0, cell: tables > 0 ? cell : null,
                  direct: false };
          return;
        }
        if (REVISIONS[name] && (cur || parent === "body" || !inRun)) {
          budget.take("revisions");
          var r = { type: REVISIONS[name], author: a.author || "", date: a.date || "", paragraph: paragraphs.length,
                    offset: cur ? cur.text.length : 0, text: "" };
          revisions.push(r);
          revStack.push(r);
          if (isDeletion(r)) deletions++;
          return;
        }
        if (FORMAT_CHANGES[name]) {
          budget.take("revisions");
          var at = here();
          revisions.push({ type: "format", author: a.author || "", date: a.date || "", paragraph: at.paragraph, offset: at.offset, text: "" });
          skip = 1;   // the old properties inside are not the paragraph's
          return;
        }
        if (name === "commentRangeStart") { anchor(a.id, "start"); return; }
        if (name === "commentRangeEnd") { anchor(a.id, "end"); return; }
        if (name === "commentReference") { anchor(a.id, "ref"); return; }
        if (!cur) return;
        if (name === "pPr" && parent === "p") { inPPr = true; return; }
        if (inPPr && name === "pStyle") { cur.styleId = a.val; return; }
        if (inPPr && name === "outlineLvl") { cur.outline = parseInt(a.val, 10); return; }
        if (inPPr && parent === "pPr" && (name === "spacing" || name === "ind" || name === "jc")) { cur.direct = true; return; }
        if (name === "r") { inRun = true; runHidden = false; return; }
        if (!inRun) return;
        if (name === "rPr" && parent === "r") { inRPr = true; runFormat = {}; return; }
        if (inRPr) {
          if (name === "vanish" || name === "specVanish") runHidden = onOff(a);
          else if (name === "b" && onOff(a)) runFormat.bold = true;
          else if (name === "i" && onOff(a)) runFormat.italic = true;
          else if (name === "u" && a.val !== "none") runFormat.underline = true;
          else if ((name === "color" && a.val && a.val !== "auto" && a.val !== "000000") || name === "highlight" || name === "shd") runFormat.color = true;
          else if (name === "sz" || (name === "rFonts" && (a.ascii || a.eastAsia || a.hAnsi))) runFormat.font = true;
          return;
        }
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
        else if (name === "tc" && tables === 1) { nextCol += cell && cell.span ? cell.span : 1; cell = null; }
        else if (name === "tcPr") inTcPr = false;
        else if (name === "trPr") inTrPr = false;
        else if (name === "p" && cur) {
          var st = cur.styleId || styleInfo.def;
          var s = st && styles[st];
          var outline = cur.outline !== null && !isNaN(cur.outline) ? cur.outline : styleOutline(styles, st);
          var p = { text: cur.text, style: s ? s.name : null };
          if (outline !== null && outline >= 0 && outline < 9) p.outlineLevel = outline + 1;
          if (cur.table) p.table = true;
          if (cur.cell) p.cell = cur.cell;
          if (cur.direct && !/^(?:title|signature|date|标题|署名|签名|日期)$/i.test(p.style || "")) formatting.spacing++;
          paragraphs.push(p);
          cur = null;
        } else if (REVISIONS[name] && revStack.length && revStack[revStack.length - 1].type === REVISIONS[name]) {
          if (isDeletion(revStack.pop())) deletions--;
        }
        else if (name === "pPr") inPPr = false;
        else if (name === "r") { inRun = false; runHidden = false; }
        else if (name === "rPr" && inRPr) {
          inRPr = false;
          if (!deleted()) Object.keys(runFormat).forEach(function (k) { formatting[k]++; });
        }
        else if (name === "t" || name === "delText") inText = false;
        else if (name === "body") body = false;
      },
      text: function (s) { if (inText && !skip) add(s); }
    });
    return { paragraphs: paragraphs, comments: comments, revisions: revisions, hidden: hidden, formatting: formatting };
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
      I.counters.locatorSteps += t.length;
      while ((m = re.exec(t)) !== null) { starts.push(m.index); ends.push(m.index + m[0].length); }
      return (breaks[i] = { starts: starts, ends: ends });
    }
    return function (at) {
      var p = paragraphs[at.paragraph];
      if (!p) return { paragraph: at.paragraph, offset: at.offset, line: firstLine[at.paragraph] || line, col: 1 };
      var offset = Math.min(at.offset, p.text.length), b = breaksOf(at.paragraph), lo = 0, hi = b.starts.length;
      I.counters.locatorSteps++;
      while (lo < hi) { I.counters.locatorSteps++; var mid = (lo + hi) >> 1; if (b.starts[mid] < offset) lo = mid + 1; else hi = mid; }
      var lineStart = lo ? Math.min(b.ends[lo - 1], offset) : 0;
      var cp = points[at.paragraph] || (points[at.paragraph] = new CodePoints(p.text));
      return { paragraph: at.paragraph, offset: at.offset, line: firstLine[at.paragraph] + lo,
               col: cp.at(offset) - cp.at(lineStart) + 1 };
    };
  }

  /** The tables, each as rows of cells holding the indices of their paragraphs: [{rows: [[{col, paragraphs}]]}]. */
  function tablesOf(paragraphs) {
    var tables = [];
    paragraphs.forEach(function (p, i) {
      if (!p.cell) return;
      var t = tables[p.cell.table - 1] || (tables[p.cell.table - 1] = { rows: [] });
      var r = t.rows[p.cell.row - 1] || (t.rows[p.cell.row - 1] = []);
      var c = r.length && r[r.length - 1].col === p.cell.col ? r[r.length - 1] : null;
      if (!c) { c = { col: p.cell.col, paragraphs: [] }; r.push(c); }
      c.paragraphs.push(i);
    });
    tables.forEach(function (t) { for (var k = 0; k < t.rows.length; k++) t.rows[k] = t.rows[k] || []; });
    return tables.filter(Boolean);
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
    var n = bytes.length, e = n - 22, entries = Object.create(null);   // keyed by the file's part names
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
        var C = I.counters;
        C.inflatedBytes += chunk.length; C.inflateChunks++; C.lastChunk = chunk.length;
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

  /** A .docx (bytes or latin-1 string) → {paragraphs: [{text, style, outlineLevel?, table?, cell?}], comments,
   *  revisions, hidden, tables, formatting}. A paragraph in a table has cell {table, row, col (grid column),
   *  span?, vMerge?, header?, grid? (the table's column widths in twips)} (1-based); tables lists them as rows of cells; formatting counts the direct
   *  formatting the styles replace: runs with bold, italic, underline, colour, font or size, paragraphs
   *  with hand-set spacing, indents or alignment. */
  function readDocx(data, limits, parentBudget) {
    I.startCount("readDocx");
    var bytes = toBytes(data);
    limits = limits || (root.GUIDE_CHECKER_DATA && root.GUIDE_CHECKER_DATA.rules.limits) || {};
    var maxPart = limits.max_unzipped_bytes || 20 * 1024 * 1024;
    if (!bytes.length) throw ReadError(MESSAGES.empty);
    if (startsWith(bytes, OLE)) throw ReadError(containsUtf16(bytes, "EncryptedPackage") ? MESSAGES.encrypted : MESSAGES.oldDoc);
    var zip = root.fflate;
    if (!zip) throw new Error("fflate is not loaded");
    // a .docx inside an altChunk shares its parent's budget, and may not nest further
    var entries = zipEntries(bytes, zip), budget = parentBudget || new ReadBudget(limits), relsById = new Map();
    function unzip(wanted) {
      var parts = Object.create(null);
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
      readRels(decodeXml(rels["_rels/.rels"]), budget).forEach(function (r) { if (MAIN_REL.test(r.type) && !r.external) main = joinPath("", r.target); });
    }
    var mainRels = joinPath(main, "_rels/" + main.split("/").pop() + ".rels");
    var parts = unzip(function (name) { return name === main || name === mainRels; });
    if (!parts[main]) throw ReadError(MESSAGES.noBody);
    var targets = { styles: joinPath(main, "styles.xml"), comments: null };
    if (parts[mainRels]) {
      readRels(decodeXml(parts[mainRels]), budget).forEach(function (r) {
        relsById.set(r.id, r);
        if (r.external) return;
        if (/\/styles$/.test(r.type)) targets.styles = joinPath(main, r.target);
        else if (/\/comments$/.test(r.type)) targets.comments = joinPath(main, r.target);
      });
    }
    var extra = unzip(function (name) { return name === targets.styles || name === targets.comments; });
    var styleInfo = extra[targets.styles] ? readStyles(decodeXml(extra[targets.styles]), budget) : { styles: Object.create(null), def: null };
    var xml = decodeXml(parts[main]);
    if (!/<(?:[A-Za-z_][\w.-]*:)?body[\s>\/]/.test(xml)) throw ReadError(MESSAGES.noBody);
    var chunks = I.altChunkReader({
      rels: relsById, base: main, budget: budget,
      part: function (name) { return unzip(function (n) { return n === name; })[name]; },
      readNested: parentBudget ? null : function (nested) {
        try { return readDocx(nested, limits, budget).paragraphs; }
        catch (e) { if (e && e.message === MESSAGES.noText) return []; throw e; }
      }
    });
    var doc = readDocument(xml, styleInfo, budget, chunks);
    if (!doc.paragraphs.some(function (p) { return p.text.trim(); })) throw ReadError(MESSAGES.noText);
    checkSize(doc.paragraphs, limits);   // what check() would refuse: say so on reading, before the page shows it
    var locate = locator(doc.paragraphs);
    var texts = new Map(), ids = [];   // comment id → its text; ids: anchored ones first, then the rest
    if (targets.comments && extra[targets.comments]) {
      readComments(decodeXml(extra[targets.comments]), budget).forEach(function (c) { texts.set(c.id, c); });
    }
    doc.comments.forEach(function (at, id) { ids.push(id); });
    texts.forEach(function (c, id) { if (!doc.comments.has(id)) ids.push(id); });
    var comments = ids
      .map(function (id) {
        var at = doc.comments.get(id) || {}, c = texts.get(id) || { author: "", date: "", text: "" };
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
      }),
      tables: tablesOf(doc.paragraphs),
      formatting: doc.formatting
    };
  }

  I.NS = NS; I.OLE = OLE; I.MAIN_REL = MAIN_REL; I.toBytes = toBytes; I.startsWith = startsWith;
  I.containsUtf16 = containsUtf16; I.decodeXml = decodeXml; I.chunks = chunks; I.ENTITIES = ENTITIES;
  I.decodeEntities = decodeEntities; I.MAX_XML_DEPTH = MAX_XML_DEPTH; I.parseXml = parseXml; I.isW = isW;
  I.onOff = onOff; I.readStyles = readStyles; I.styleOutline = styleOutline; I.readComments = readComments;
  I.readRels = readRels; I.joinPath = joinPath; I.SKIP = SKIP; I.REVISIONS = REVISIONS;
  I.FORMAT_CHANGES = FORMAT_CHANGES; I.readDocument = readDocument; I.locator = locator; I.u16 = u16;
  I.u32 = u32; I.u64 = u64; I.zipEntries = zipEntries; I.INFLATE_PIECE = INFLATE_PIECE;
  I.inflateLimited = inflateLimited; I.readDocx = readDocx; I.tablesOf = tablesOf;
})(typeof globalThis !== "undefined" ? globalThis : this);
