/* 述职报告检查与排版引擎（ReportEngine）：段落分类：标题、称谓、各级标题、正文、署名、日期（检查和排版共用）。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var rx = I.rx, LEADING_SPACE = I.LEADING_SPACE, STYLE_KINDS = I.STYLE_KINDS, cnToInt = I.cnToInt, cpLen = I.cpLen,
      styleLevel = I.styleLevel, normaliseParagraphs = I.normaliseParagraphs, Checker = I.Checker;

  Checker.prototype.numberOf = function (body) {
    for (var k = 0; k < this.numbering.length; k++) {
      var nb = this.numbering[k], m = nb.re.exec(body);
      if (m) {
        var g = m[1], n = /^[0-9]+$/.test(g) ? parseInt(g, 10) : cnToInt(g);
        if (nb.level === 1 && this.notHeading(body.slice(m[0].length), n)) return null;
        return { level: nb.level, n: n, marker: m[0], label: nb.label };
      }
    }
    return null;
  };

  /** 三、四级手术占比 (三级和四级), a pasted table row ending in a number: body, not a heading (classify.not_heading). */
  Checker.prototype.notHeading = function (rest, n) {
    var nh = this.cfg.not_heading;
    if (!nh) return false;
    if (!this.notHeadingRe) this.notHeadingRe = { next: rx(nh.next_numeral), cell: rx(nh.cell) };
    var m = this.notHeadingRe.next.exec(rest);
    return !!(m && cnToInt(m[1]) === n + 1) || this.notHeadingRe.cell.test(rest);
  };

  /** Per line: prefix length, body, numbering (level, number, marker text), style level. */
  Checker.prototype.analyse = function (paragraphs) {
    var info = [];
    for (var i = 0; i < paragraphs.length; i++) {
      var raw = paragraphs[i].text;
      var start = this.prefix.exec(raw)[0].length;
      var body = raw.slice(start);
      // a table cell (三、四级手术占比) or the line after a soft line break is never numbered like a heading
      var free = !fixedBody(paragraphs[i]);
      info.push({ start: start, body: body, num: free ? this.numberOf(body) : null, style: free ? styleLevel(paragraphs[i]) : null });
    }
    return info;
  };

  /**
   * The kind of each paragraph: title, salutation, h1..h4, body, signature, date, blank.
   * runIn: for a body paragraph that opens with a heading number and a short heading
   * sentence (（一）加强政治学习。正文…): {level, length of the heading part in UTF-16 units}.
   */
  Checker.prototype.classify = function (input) {
    var paragraphs = normaliseParagraphs(input), cfg = this.classifyCfg, self = this;
    var info = this.analyse(paragraphs);
    var out = paragraphs.map(function (p, i) {
      var raw = String(p.text || ""), text = raw.replace(LEADING_SPACE, "");
      var r = { kind: "body", text: text, runIn: null };
      if (p.cell) r.cell = p.cell;
      if (!text.trim()) { r.kind = "blank"; return r; }
      if (fixedBody(p)) { r.fixed = true; return r; }   // body text, whatever it looks like
      var byStyle = STYLE_KINDS[String(p.style || "").toLowerCase()];
      var level = info[i].style;
      if (byStyle) r.kind = byStyle;
      else if (level && level <= 4) r.kind = "h" + level;
      else if (info[i].num) self.numbered(r, raw.length - text.length, info[i]);
      r.fixed = !!(byStyle || level);   // kind given by the Word style
      return r;
    });
    var firstHeading = out.length;
    for (var i = 0; i < out.length; i++) if (/^h[1-4]$/.test(out[i].kind) || out[i].runIn) { firstHeading = i; break; }
    var hasTitle = out.some(function (r) { return r.kind === "title"; });
    var hasSalutation = out.some(function (r) { return r.kind === "salutation"; });
    // the opening: title (first paragraph, or two when the first breaks off), then a salutation
    var seen = 0;
    for (i = 0; i < firstHeading; i++) {
      var r = out[i];
      if (r.kind === "blank") continue;
      if (r.fixed) { seen++; continue; }
      var body = info[i].body;
      if (!hasTitle && seen === 0 && r.kind === "body" && this.titleLike(body)) {
        r.kind = "title";
        // a title broken over two lines: 关于……的 / 述职报告, or 关于2026年度个人 / 述职报告
        // (a short second line that is only the 文种, under a first line that has none)
        var next = this.nextText(out, i);
        if (next >= 0 && next < firstHeading && !out[next].fixed && this.titleLike(info[next].body) &&
            (/(?:的|关于|和|与|及|暨)$/u.test(body.trim()) || this.titleTail(body, info[next].body))) {
          out[next].kind = "title";
          i = next;
        }
        hasTitle = true; seen++;
        continue;
      }
      if (!hasSalutation && r.kind === "body" && this.salutation.test(body.trim())) {
        r.kind = "salutation"; hasSalutation = true;
      }
      seen++;
      if (seen > 3) break;
    }
    // the close: a date, and up to two signature lines above it
    var last = -1;
    for (i = out.length - 1; i >= 0; i--) if (out[i].kind !== "blank") { last = i; break; }
    var hasDate = out.some(function (x) { return x.kind === "date"; });
    if (last > firstHeading || (last >= 0 && firstHeading === out.length)) {
      if (!hasDate && !out[last].fixed && !info[last].num && this.date.test(out[last].text.trim())) out[last].kind = "date";
      if (out[last].kind === "date" && !out.some(function (x) { return x.kind === "signature"; })) {
        var signed = 0;
        for (i = last - 1; i > 0 && signed < cfg.signature_lines; i--) {
          if (out[i].kind === "blank") continue;
          if (out[i].fixed || out[i].kind !== "body" || info[i].num || !this.signatureLike(out[i].text)) break;
          out[i].kind = "signature"; signed++;
        }
      }
    }
    return out.map(function (x) {
      var r = { kind: x.kind, text: x.text, runIn: x.runIn };
      if (x.cell) r.cell = x.cell;
      return r;
    });
  };

  /** A table cell's text, or a line after a soft line break (Shift+Enter): read as body text,
   *  never taken for a title, heading, 署名 or date. */
  function fixedBody(p) { return !!(p && (p.cell || p.continued)); }

  Checker.prototype.nextText = function (out, i) {
    for (var k = i + 1; k < out.length; k++) if (out[k].kind !== "blank") return k;
    return -1;
  };

  /** The second line of a broken title: a short line ending in the 文种 (述职报告, 工作总结),
   *  under a first line that does not end in one itself (so 2026年度述职报告 / 王某某 stays apart). */
  var GENRE_END = /(?:报告|总结|材料)$/u;
  Checker.prototype.titleTail = function (first, second) {
    var t = second.trim();
    return cpLen(t) <= 12 && GENRE_END.test(t) && !GENRE_END.test(first.trim());
  };

  Checker.prototype.titleLike = function (body) {
    var t = body.trim();
    return cpLen(t) <= this.classifyCfg.title_max_chars && !this.titleStop.test(t) && !this.numberOf(t) && !this.date.test(t);
  };

  Checker.prototype.signatureLike = function (text) {
    var t = text.trim();
    return cpLen(t) <= this.classifyCfg.signature_max_chars && !this.signatureStop.test(t);
  };

  /** A numbered paragraph: a heading, a run-in heading at the start of a body paragraph, or body. */
  Checker.prototype.numbered = function (r, indent, li) {
    var cfg = this.classifyCfg, rest = li.body.slice(li.num.marker.length);
    var restTrim = rest.replace(/\s+$/, "");
    var inner = restTrim.slice(0, -1);
    if (cpLen(restTrim) <= cfg.heading_max_chars && !this.runInEnd.test(inner)) {
      r.kind = "h" + li.num.level;
      return;
    }
    var m = this.runInEnd.exec(rest);
    if (m && cpLen(rest.slice(0, m.index + 1)) <= cfg.run_in_max_chars && rest.slice(m.index + m[0].length).trim()) {
      r.runIn = { level: li.num.level, length: li.start - indent + li.num.marker.length + m.index + m[0].length };
    }
  };

  I.GENRE_END = GENRE_END; I.fixedBody = fixedBody;
})(typeof globalThis !== "undefined" ? globalThis : this);
