/* 述职报告检查与排版引擎（ReportEngine）：规范表述的近似写错，由 data/formulations.yml 自动推出：
 * 带数字的表述（四个意识、两个确立、监督执纪四种形态）写错了数字（三个意识、4个自信）或量词（四种自信），
 * 或尾词换了一个同音字（两个确力）。“一个”“一种”（形成一种意识）和“第二种形态”一类的序数不算。新加一条带数字的表述，马上就按它检查；逐条列出的错误写法（wrong）
 * 仍由 rules-formulations.js 报告，这里不重复。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var Checker = I.Checker, escapeRe = I.escapeRe;

  var NUMERAL = "[一二两三四五六七八九十]|[0-9０-９]{1,2}";
  var COUNTED = new RegExp("(" + NUMERAL + ")([个种项])([\\u4e00-\\u9fa5]{2,4})$");

  /** For each numbered term: its numeral + measure, its tail, and one pattern for any numeral and measure before the tail. */
  Checker.prototype.nearIndex = function () {
    if (this.nearIdx) return this.nearIdx;
    var self = this, seen = {}, out = [];
    var exact = Object.create(null);   // looked up by what the text holds
    this.formulationIndex().terms.forEach(function (t) { exact[t.text] = true; });
    this.formulationIndex().wrongs.forEach(function (w) { exact[w.text] = true; });
    this.formulationIndex().terms.forEach(function (t) {
      var m = COUNTED.exec(t.text);
      if (!m || seen[m[0]]) return;
      seen[m[0]] = true;
      out.push({ head: m[1] + m[2], tail: m[3], term: m[0], f: t.f,
                 re: new RegExp("(?:" + NUMERAL + ")[个种项](?:" + escapeRe(m[3]) + "|" +
                                m[3].split("").map(function (_, k) {
                                  return escapeRe(m[3].slice(0, k)) + "[\\u4e00-\\u9fa5]" + escapeRe(m[3].slice(k + 1));
                                }).join("|") + ")", "g") });
    });
    this.nearExact = exact;
    return (this.nearIdx = out);
  };

  Checker.prototype.formulationNearMisses = function (out, lines) {
    if (!this.formulations.length) return;
    var index = this.nearIndex(), exact = this.nearExact, lex = this.lexicon();
    for (var idx = 0; idx < lines.length; idx++) {
      var raw = lines[idx];
      if (!raw.trim()) continue;
      var st = this.strip(raw), text = st.text, keep = st.keep;
      for (var k = 0; k < index.length; k++) {
        var n = index[k], m;
        n.re.lastIndex = 0;
        while ((m = n.re.exec(text)) !== null) {
          var got = m[0];
          if (got === n.term || exact[got]) continue;          // the term itself, or a listed wrong form
          // 一个/一种 is "a" (形成一种意识), and 第二种形态 counts the forms one by one
          if (/^[一1１]/.test(got) || (m.index > 0 && text.charAt(m.index - 1) === "第")) continue;
          var tail = got.slice(got.length - n.tail.length);
          if (tail !== n.tail) {                                // an altered tail: one character, read alike
            var diff = -1;
            for (var c = 0; c < tail.length; c++) if (tail[c] !== n.tail[c]) diff = c;
            if (!lex || got.slice(0, got.length - n.tail.length) !== n.head || !lex.homophone(n.tail[diff], tail[diff])) continue;
          }
          var s = keep ? keep[m.index] : m.index, e = keep ? keep[m.index + got.length - 1] + 1 : m.index + got.length;
          this.finding(out, "formulation-wrong", idx + 1, raw, s, e, { match: raw.slice(s, e), term: n.f.term, replace: n.term });
        }
      }
    }
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
