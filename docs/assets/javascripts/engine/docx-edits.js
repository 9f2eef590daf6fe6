/* 述职报告检查与排版引擎（ReportEngine）：读取 Word 文件后，在文本框里改了字，仍按这份 Word 文件的结构
 * （表格、段内换行、样式、修订和批注的位置）检查和排版：把文本框的改动对到文件读出的段落上。
 * 加载顺序见 mkdocs.yml extra.engine_scripts（在 docx-read.js 之后）；共用的函数来自 ReportEngine.internal。
 *
 *   ReportEngine.followEdits(docx, text)
 *     → readDocx's result for the box's text: {paragraphs, comments, revisions, hidden, tables, formatting,
 *        edits: {kept, edited, inserted, deleted, notices: [string]}}
 *     → {paragraphs: null, edits: {notices: [string]}} when the edits are too many to follow (said why)
 *     → null when the text shares no line with the file (a different text: the Word reading is dropped)
 *
 * The box shows the file one line a paragraph, a table cell's paragraph, or one part of a paragraph
 * with soft line breaks (ReportEngine.paragraphsToText). The file's lines and the box's lines are
 * compared (Myers' line diff after the common beginning and end, at most MAX_EDITS lines inserted or
 * deleted, its steps counted in ReportEngine.stats().editSteps):
 * - an unchanged line keeps where it came from;
 * - in a stretch of replaced lines, lines alike (the same start or end) are one line edited: it keeps
 *   its place with its new text (an edited cell stays that cell; an edited part of a soft-broken
 *   paragraph stays that part); between them, where as many lines were replaced as were there, each
 *   keeps its place; fewer or more, the first are paired only if the old lines are all body text of
 *   one style or all cells of one table, the rest are deleted or added (see pairHunk);
 * - lines added or removed between body paragraphs add or remove body paragraphs;
 * - lines added or removed inside a table or a soft-broken paragraph keep the table (a cell whose lines
 *   are all gone is left empty, a row whose cells are all gone is left out, an added line is another
 *   paragraph of the cell before it) and the paragraph (an added line is another soft-broken part),
 *   and edits.notices says so, one sentence each.
 * paragraphsToText(result.paragraphs) is the box's text (but for line breaks at its end, which add no
 * paragraph), so findings' lines are the box's lines. Comments, tracked changes and hidden text move
 * with their text: on an edited line by the common start and end (worked out once a line), over a
 * line split in two or two lines joined onto the part that holds their text.
 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var NEWLINES = /\r\n|\r|\n/;

  // Lines inserted plus lines deleted the diff follows. A writer fixing words after 自查 changes a few
  // lines; past this the text is a different text, and the diff's work (at most (N+M)·MAX_EDITS steps,
  // N+M the lines left after the common beginning and end) stays bounded whatever the text.
  var MAX_EDITS = 400;

  var MESSAGES = {
    tooMany: "文本框里的文字与读取的 Word 文件相差太多（增删超过 {max} 行），按文本框里的文字排版：原文件的表格、段内换行和样式不再带入。",
    rowsGone: "文本框中删去了{rows}的全部文字，生成的表格不含这{n}行。",
    cellEmptied: "文本框中删去了{cell}的文字，表格照原来的行和列生成，这一格留空。",
    cellShorter: "文本框中删去了{cell}中的{n}行，这一格只留下其余的文字。",
    cellLonger: "文本框中在{cell}里加了{n}行，放进这一格（另起一段），表格的行和列不变。",
    partsChanged: "文本框中在一段有段内换行（Shift+Enter）的文字（第{line}行起）里增删了行，仍排成一段，行与行之间是段内换行。"
  };

  var fill = I.fill;

  /** Myers' greedy diff of a[a0..a1) and b[b0..b1) (interned line ids), at most maxD edits:
   *  for each old index in the range the new index it is kept as (match[i]), or null past maxD. */
  function diff(a, b, a0, a1, b0, b1, maxD, match) {
    var C = I.counters, n = a1 - a0, m = b1 - b0, max = Math.min(n + m, maxD), off = max + 1;
    var v = new Int32Array(2 * max + 3), trace = [], d, k, x, y, found = -1;
    for (d = 0; d <= max && found < 0; d++) {
      for (k = -d; k <= d; k += 2) {
        C.editSteps++;
        x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
        y = x - k;
        while (x < n && y < m && a[a0 + x] === b[b0 + y]) { x++; y++; C.editSteps++; }
        v[off + k] = x;
        if (x >= n && y >= m) { found = d; break; }
      }
      trace.push(v.slice(off - d, off + d + 1));   // k = -d … d, kept to walk back
      C.editSteps += 2 * d + 1;
    }
    if (found < 0) return null;
    x = n; y = m;
    for (d = found; d >= 0; d--) {
      k = x - y;
      var px, py, sx;
      if (d === 0) { px = 0; py = 0; sx = 0; }
      else {
        var prev = trace[d - 1], down = k === -d || (k !== d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]);
        var pk = down ? k + 1 : k - 1;
        px = prev[pk + d - 1]; py = px - pk;
        sx = down ? px : px + 1;
      }
      for (var i = x - 1; i >= sx; i--) { match[a0 + i] = b0 + i - k; C.editSteps++; }   // the snake: kept lines
      x = px; y = py;
    }
    return match;
  }

  /** How long s and t agree at the start and at the end (not overlapping), in UTF-16 units. */
  function agree(s, t) {
    var C = I.counters, n = Math.min(s.length, t.length), pre = 0, suf = 0;
    while (pre < n && s.charCodeAt(pre) === t.charCodeAt(pre)) pre++;
    while (suf < n - pre && s.charCodeAt(s.length - 1 - suf) === t.charCodeAt(t.length - 1 - suf)) suf++;
    C.editSteps += pre + suf + 1;
    return { pre: pre, suf: suf };
  }

  // Two lines are one line edited when they agree at the start and the end over half the shorter
  // one, or over SIMILAR characters: only that far is looked at, so comparing two is a few steps.
  var SIMILAR = 8;
  function similarity(s, t) {
    var C = I.counters, n = Math.min(s.length, t.length), lim = Math.min(n, SIMILAR), pre = 0, suf = 0;
    while (pre < lim && s.charCodeAt(pre) === t.charCodeAt(pre)) pre++;
    while (suf < lim && suf < n - pre && s.charCodeAt(s.length - 1 - suf) === t.charCodeAt(t.length - 1 - suf)) suf++;
    C.editSteps += pre + suf + 1;
    return pre + suf >= Math.max(1, Math.min(SIMILAR, Math.ceil(n / 2))) ? pre + suf : 0;
  }

  /** The file's lines i … i+k-1 and the box's lines j … j+m-1 replaced between kept lines: which
   *  old line became which new one. Lines alike (similarity) are paired first, most alike in order
   *  (at most k·m comparisons, k + m ≤ MAX_EDITS); between them, as many old lines as new keep
   *  their places; else, where the old lines are all body text of one style or all cells of one
   *  table, the first of each are paired; the rest are deleted and inserted, so that an edited line
   *  never takes a cell or a style from a line it is not. → [[old or -1, new or -1], …] in order. */
  function pairHunk(oldText, neu, kind, i, k, j, m) {
    var C = I.counters, ops = [], x, y, w = m + 1;
    var best = new Int32Array((k + 1) * (m + 1)), sim = new Int32Array(k * m);
    for (x = k - 1; x >= 0; x--) {
      for (y = m - 1; y >= 0; y--) {
        C.editSteps++;
        var s = sim[x * m + y] = similarity(oldText[i + x], neu[j + y]);
        var v = Math.max(best[(x + 1) * w + y], best[x * w + y + 1]);
        best[x * w + y] = s ? Math.max(v, s + best[(x + 1) * w + y + 1]) : v;
      }
    }
    function gap(x0, x1, y0, y1) {
      var gk = x1 - x0, gm = y1 - y0, q, same = gk === gm;
      if (!same && gk && gm) {
        same = true;
        for (q = x0 + 1; q < x1 && same; q++) { C.editSteps++; same = kind(i + q) === kind(i + x0); }
      }
      var pair = same ? Math.min(gk, gm) : 0;
      for (q = 0; q < pair; q++) ops.push([i + x0 + q, j + y0 + q]);
      for (q = pair; q < gk; q++) ops.push([i + x0 + q, -1]);
      for (q = pair; q < gm; q++) ops.push([-1, j + y0 + q]);
    }
    var gx = 0, gy = 0;
    x = 0; y = 0;
    while (x < k && y < m) {
      C.editSteps++;
      var here = best[x * w + y], s2 = sim[x * m + y];
      if (s2 && here === s2 + best[(x + 1) * w + y + 1]) {
        gap(gx, x, gy, y);
        ops.push([i + x, j + y]);
        x++; y++; gx = x; gy = y;
      } else if (here === best[(x + 1) * w + y]) x++;
      else y++;
    }
    gap(gx, k, gy, m);
    return ops;
  }

  function followEdits(docx, text) {
    I.startCount("followEdits");
    if (!docx || !Array.isArray(docx.paragraphs) || typeof text !== "string") return null;
    var limits = (root.GUIDE_CHECKER_DATA && root.GUIDE_CHECKER_DATA.rules.limits) || {};
    if (limits.max_lines > 0 && I.measure(text).lines > limits.max_lines) return null;   // check() says why
    var C = I.counters, paragraphs = docx.paragraphs;

    // the file's lines: where each comes from (paragraph, part, its offset in the paragraph)
    var old = [], oldText = [], firstLine = [];
    paragraphs.forEach(function (p, i) {
      firstLine.push(old.length);
      var at = 0, parts = String(p.text || "").split(NEWLINES), re = /\r\n|\r|\n/g, m, t = String(p.text || "");
      parts.forEach(function (s, k) {
        old.push({ p: i, k: k, n: parts.length, start: at });
        oldText.push(s);
        m = re.exec(t);
        at = m ? m.index + m[0].length : t.length;
      });
      C.editSteps += t.length + 1;
    });
    firstLine.push(old.length);
    var neu = (text.charAt(0) === "\ufeff" ? text.slice(1) : text).split(NEWLINES);
    C.editSteps += text.length + 1;
    // line breaks at the end of the box (beyond the file's own empty last paragraphs) add no paragraph
    var emptyTail = 0;
    while (emptyTail < oldText.length && oldText[oldText.length - 1 - emptyTail] === "") emptyTail++;
    var boxTail = 0;
    while (boxTail < neu.length && neu[neu.length - 1 - boxTail] === "") boxTail++;
    if (boxTail < neu.length) neu.length -= Math.max(0, boxTail - emptyTail);

    // lines as ids, so that comparing two is one step
    var ids = new Map(), a = new Int32Array(oldText.length), b = new Int32Array(neu.length);
    function id(s) { var v = ids.get(s); if (v === undefined) ids.set(s, v = ids.size); return v; }
    oldText.forEach(function (s, i) { a[i] = id(s); });
    neu.forEach(function (s, j) { b[j] = id(s); });

    // not one line of the file's text left (a different text): the Word reading is dropped
    var inBox = new Uint8Array(ids.size);
    b.forEach(function (v) { inBox[v] = 1; });
    if (!oldText.some(function (s, i) { return inBox[a[i]] && s.trim(); })) return null;
    C.editSteps += a.length + b.length;

    var match = new Array(a.length).fill(null), lo = 0, hiA = a.length, hiB = b.length;
    while (lo < hiA && lo < hiB && a[lo] === b[lo]) { match[lo] = lo; lo++; C.editSteps++; }
    while (hiA > lo && hiB > lo && a[hiA - 1] === b[hiB - 1]) { hiA--; hiB--; match[hiA] = hiB; C.editSteps++; }
    if (!diff(a, b, lo, hiA, lo, hiB, MAX_EDITS, match)) {
      return { paragraphs: null, edits: { notices: [fill(MESSAGES.tooMany, { max: MAX_EDITS })] } };
    }

    // Walk the file's and the box's lines together: kept lines, then each hunk between them
    var items = [], counts = { kept: 0, edited: 0, inserted: 0, deleted: 0 };
    var i = 0, j = 0;
    function sameParagraph(x, y) { return x >= 0 && y < old.length && old[x].p === old[y].p; }
    function sameTable(x, y) {
      if (x < 0 || y >= old.length) return false;
      var c = paragraphs[old[x].p].cell, e = paragraphs[old[y].p].cell;
      return !!(c && e && c.table === e.table);
    }
    function kind(x) {   // a cell of which table, or body text of which style
      var p = paragraphs[old[x].p];
      return p.cell ? "cell:" + p.cell.table : "body:" + (p.style || "");
    }
    while (i < a.length || j < b.length) {
      if (i < a.length && j < neu.length && match[i] === j) { items.push({ old: i, text: neu[j] }); counts.kept++; i++; j++; continue; }
      var i1 = i, j1 = j;
      while (i1 < a.length && match[i1] === null) i1++;
      j1 = i1 < a.length ? match[i1] : neu.length;
      C.editSteps += i1 - i + j1 - j + 1;
      var ops = pairHunk(oldText, neu, kind, i, i1 - i, j, j1 - j), after = i - 1, nextOld = [], r, next = i1;
      for (r = ops.length - 1; r >= 0; r--) { nextOld[r] = next; if (ops[r][0] >= 0) next = ops[r][0]; }
      ops.forEach(function (op, q) {
        C.editSteps++;
        if (op[0] >= 0 && op[1] >= 0) { items.push({ old: op[0], text: neu[op[1]], edited: true }); counts.edited++; }
        else if (op[0] >= 0) { items.push({ old: op[0], deleted: true }); counts.deleted++; }
        else {
          // a line added after old line `after`, before the next old one: inside a paragraph or a
          // table when both sides are
          var before = nextOld[q];
          var inside = sameParagraph(after, before) ? "part" : sameTable(after, before) ? "cell" : null;
          items.push({ text: neu[op[1]], inserted: true, inside: inside, after: after });
          counts.inserted++;
        }
        if (op[0] >= 0) after = op[0];
      });
      i = i1; j = j1;
    }

    // The paragraphs again, in the box's order, each with its lines
    var out = [], oldToNew = new Array(a.length).fill(-1), newLine = [], lineOf = [], cur = null, curFrom = -1;
    var touched = {};   // per file paragraph: lines added or removed (notices)
    function open(from, props) {
      cur = { parts: [], props: props };
      curFrom = from;
      out.push(cur);
    }
    function openFrom(pi) {   // a paragraph of the file: everything it had but its text
      var src = paragraphs[pi], keep = {};
      Object.keys(src).forEach(function (key) { if (key !== "text") keep[key] = src[key]; });
      open(pi, keep);
    }
    function note(pi, what) { (touched[pi] = touched[pi] || { gone: 0, added: 0 })[what]++; }
    items.forEach(function (it) {
      C.editSteps++;
      if (it.deleted) {
        note(old[it.old].p, "gone");
        return;
      }
      if (it.inserted) {
        var anchor = it.after >= 0 ? old[it.after] : null;
        if (it.inside === "part") {
          note(anchor.p, "added");
          if (!cur || curFrom !== anchor.p) openFrom(anchor.p);
        } else if (it.inside === "cell") {
          var from = paragraphs[anchor.p];
          note(anchor.p, "added");
          var props = { cell: from.cell, table: true };
          if (from.style != null) props.style = from.style;
          open(-1, props);
        } else {
          open(-1, {});
        }
        newLine.push({ paragraph: out.length - 1, part: cur.parts.length });
        cur.parts.push(it.text);
        return;
      }
      var o = old[it.old];
      if (!cur || curFrom !== o.p) openFrom(o.p);
      oldToNew[it.old] = newLine.length;
      lineOf.push(it.old);
      newLine.push({ paragraph: out.length - 1, part: cur.parts.length, old: it.old });
      cur.parts.push(it.text);
    });
    var result = out.map(function (p) {
      var q = { text: p.parts.join("\n") };
      Object.keys(p.props).forEach(function (key) { q[key] = p.props[key]; });
      return q;
    });

    // What is left of each cell (before rows are numbered again)
    var cellsLeft = new Map();
    result.forEach(function (p) {
      if (!p.cell) return;
      var key = p.cell.table + ":" + p.cell.row + ":" + p.cell.col;
      cellsLeft.set(key, (cellsLeft.get(key) || "") + p.text);
    });

    // Rows whose cells all went: left out, the rows after them numbered again (表格第N行 is the generated table's)
    var notices = [], tableCount = 0, seenTables = {};
    paragraphs.forEach(function (p) { if (p.cell && !seenTables[p.cell.table]) { seenTables[p.cell.table] = 1; tableCount++; } });
    var rowsLeft = {}, goneRows = {}, renumber = {};
    result.forEach(function (p) { if (p.cell) rowsLeft[p.cell.table + ":" + p.cell.row] = true; });
    paragraphs.forEach(function (p) {
      if (p.cell && !rowsLeft[p.cell.table + ":" + p.cell.row]) (goneRows[p.cell.table] = goneRows[p.cell.table] || {})[p.cell.row] = true;
    });
    Object.keys(goneRows).forEach(function (t) {
      var rows = Object.keys(goneRows[t]).map(Number).sort(function (x, y) { return x - y; });
      var names = rows.map(function (r) { return I.rowWhere(t, r, tableCount); });
      notices.push(fill(MESSAGES.rowsGone, { rows: names.join("、"), n: rows.length === 1 ? "一" : rows.length }));
      renumber[t] = rows;
    });
    if (Object.keys(renumber).length) {
      var copies = new Map();
      result.forEach(function (p) {
        var gone = p.cell && renumber[p.cell.table];
        if (!gone) return;
        var c = copies.get(p.cell);
        if (!c) {
          c = Object.assign({}, p.cell);
          c.row -= gone.filter(function (r) { return r < p.cell.row; }).length;
          copies.set(p.cell, c);
        }
        p.cell = c;
      });
    }

    // What happened inside tables and soft-broken paragraphs, one sentence each
    var cellTouched = new Map(), order = Object.keys(touched).map(Number).sort(function (x, y) { return x - y; });
    order.forEach(function (pi) {   // a cell's lines added and removed, over all its paragraphs
      var p = paragraphs[pi];
      if (!p.cell) return;
      var key = p.cell.table + ":" + p.cell.row + ":" + p.cell.col, sum = cellTouched.get(key);
      if (!sum) cellTouched.set(key, sum = { gone: 0, added: 0, first: pi });
      sum.gone += touched[pi].gone; sum.added += touched[pi].added;
    });
    order.forEach(function (pi) {
      var p = paragraphs[pi];
      if (p.cell) {
        var key = p.cell.table + ":" + p.cell.row + ":" + p.cell.col, where = I.cellWhere(p.cell, tableCount);
        var t = cellTouched.get(key);
        if (t.first !== pi) return;   // said once for the cell
        if (goneRows[p.cell.table] && goneRows[p.cell.table][p.cell.row]) return;   // said with its row
        if (t.gone) notices.push(cellsLeft.has(key) && cellsLeft.get(key).trim() ?
          fill(MESSAGES.cellShorter, { cell: where, n: t.gone }) : fill(MESSAGES.cellEmptied, { cell: where }));
        if (t.added) notices.push(fill(MESSAGES.cellLonger, { cell: where, n: t.added }));
      } else if ((p.text || "").split(NEWLINES).length > 1) {
        var first = null;
        for (var l = firstLine[pi]; l < firstLine[pi + 1] && first === null; l++) if (oldToNew[l] >= 0) first = oldToNew[l];
        if (first !== null) notices.push(fill(MESSAGES.partsChanged, { line: first + 1 }));
      }
    });

    // Comments, tracked changes and hidden text: the same count, each at its place in the box's text
    var newStart = [];
    result.forEach(function () { newStart.push([]); });
    newLine.forEach(function (nl, n) {
      var s = nl.part ? newStart[nl.paragraph][nl.part - 1] + neu[n - 1].length + 1 : 0;
      newStart[nl.paragraph].push(s);
    });
    // An edited line, with the lines deleted next to it and the lines added next to its new line
    // where that agrees better (a line split in two, two lines joined): how the old text maps onto
    // the new, worked out once a line (not once a comment or a revision)
    var newToOld = new Int32Array(neu.length).fill(-1), groupOf = new Array(a.length);
    oldToNew.forEach(function (n, l) { if (n >= 0) newToOld[n] = l; });
    function joined(from, to, texts) {
      var starts = [], s = "";
      for (var x = from; x <= to; x++) { starts.push(s.length); s += texts[x]; }
      C.editSteps += s.length + to - from + 1;
      return { from: from, text: s, starts: starts };
    }
    oldToNew.forEach(function (n, l) {
      if (n < 0 || oldText[l] === neu[n]) return;
      var lb = l, lf = l, nb = n, nf = n;
      while (lb > 0 && oldToNew[lb - 1] < 0) lb--;
      while (lf + 1 < a.length && oldToNew[lf + 1] < 0) lf++;
      while (nb > 0 && newToOld[nb - 1] < 0) nb--;
      while (nf + 1 < neu.length && newToOld[nf + 1] < 0) nf++;
      var olds = [joined(l, l, oldText)], news = [joined(n, n, neu)], best = null;
      if (lb < l || lf > l) olds.push(joined(lb, lf, oldText));
      if (nf > n) news.push(joined(n, nf, neu));
      if (nb < n) news.push(joined(nb, n, neu));
      if (nb < n && nf > n) news.push(joined(nb, nf, neu));
      olds.forEach(function (o) {
        news.forEach(function (w) {
          var g = agree(o.text, w.text);
          if (!best || g.pre + g.suf > best.pre + best.suf) best = { pre: g.pre, suf: g.suf, old: o, neu: w };
        });
      });
      for (var x = best.old.from; x < best.old.from + best.old.starts.length; x++) if (x === l || !groupOf[x]) groupOf[x] = best;
    });
    function move(at, isEnd) {
      if (!at || typeof at.paragraph !== "number") return at;
      var pi = Math.max(0, Math.min(at.paragraph, paragraphs.length - 1));
      var loL = firstLine[pi], hiL = firstLine[pi + 1] - 1, offset = Math.max(0, at.offset || 0);
      if (at.paragraph >= paragraphs.length) { loL = hiL = old.length - 1; offset = Infinity; }
      while (loL < hiL) { C.editSteps++; var mid = (loL + hiL + 1) >> 1; if (old[mid].start <= offset) loL = mid; else hiL = mid - 1; }
      var line = loL, inLine = Math.min(offset - old[line].start, oldText[line].length), n = oldToNew[line];
      var g = groupOf[line];
      if (g) {   // through the group: the place in the old lines joined, then in the new lines joined
        var pos = g.old.starts[line - g.old.from] + inLine, oldLen = g.old.text.length, newLen = g.neu.text.length;
        pos = pos <= g.pre ? pos : pos >= oldLen - g.suf ? pos + newLen - oldLen : g.pre;
        var st = g.neu.starts, lo = 0, hi = st.length - 1;
        // at the seam of two lines a start goes to the later line, an end stays on the earlier
        while (lo < hi) {
          C.editSteps++;
          var mid = isEnd ? (lo + hi) >> 1 : (lo + hi + 1) >> 1;
          if (isEnd) { if (st[mid] + neu[g.neu.from + mid].length >= pos) hi = mid; else lo = mid + 1; }
          else if (st[mid] <= pos) lo = mid; else hi = mid - 1;
        }
        n = g.neu.from + lo;
        inLine = pos - st[lo];
      } else if (n < 0) {   // its line was deleted: the next line kept, at its start, else the end of the box
        for (var l = line + 1; l < old.length && n < 0; l++) { C.editSteps++; n = oldToNew[l]; }
        if (n < 0) { n = newLine.length - 1; inLine = Infinity; } else inLine = 0;
      }
      if (n < 0) return { paragraph: 0, offset: 0 };
      inLine = Math.max(0, Math.min(inLine, neu[n].length));
      var nl = newLine[n];
      return { paragraph: nl.paragraph, offset: newStart[nl.paragraph][nl.part] + inLine };
    }
    var locate = I.locator(result);
    function place(x, isEnd) {
      var at = move(x, isEnd);
      if (!at) return at;
      var l = locate(at), r = Object.assign({}, x);
      r.paragraph = l.paragraph; r.offset = l.offset; r.line = l.line; r.col = l.col;
      return r;
    }
    return {
      paragraphs: result,
      comments: (docx.comments || []).map(function (c) {
        return Object.assign({}, c, { start: c.start ? place(c.start) : null, end: c.end ? place(c.end, true) : null });
      }),
      revisions: (docx.revisions || []).map(function (r) { return place(r); }),
      hidden: (docx.hidden || []).map(function (h) { return place(h); }),
      tables: I.tablesOf(result),
      formatting: docx.formatting,
      edits: { kept: counts.kept, edited: counts.edited, inserted: counts.inserted, deleted: counts.deleted, notices: notices }
    };
  }

  I.MAX_EDITS = MAX_EDITS; I.lineDiff = diff; I.EDIT_MESSAGES = MESSAGES;
  root.ReportEngine.followEdits = followEdits;
})(typeof globalThis !== "undefined" ? globalThis : this);
