/* 述职报告检查与排版引擎（ReportEngine）：报告类型：应有哪几部分、各占多少篇幅、全文多长、作者是谁。
 * 类型（述职、述职述廉、述责述廉、述职述责述廉、考核登记表个人总结）来自 data/report_types.yml 各项的
 * checker，篇幅表来自 data/lengths.yml；页面上选的、命令行 --type 给的类型优先，没有时看标题。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var rx = I.rx, Checker = I.Checker, escapeRe = I.escapeRe;

  function partName(part) { return part.title.replace(/^[一二三四五六七八九十]+、/, ""); }

  /** Called once by the constructor: the types with their parts resolved against sections.yml. */
  Checker.prototype.setupTypes = function (data) {
    // maps keyed by names from the data or the caller (type: "constructor") have no prototype to reach
    var cfg = this.cfg, byId = Object.create(null), self = this;
    this.sections.forEach(function (s) { byId[s.id] = s; });
    function part(p) {
      var sec = p.section ? byId[p.section] : null;
      return {
        id: p.section || p.id,
        name: p.name || (sec ? partName(sec) : p.id),
        recognise: p.recognise || (sec ? sec.recognise : []),
        share: p.share || (sec ? sec.share : null)
      };
    }
    var types = data.types && data.types.length ? data.types : [{
      // without types in the data: the five parts of sections.yml, as before
      id: cfg.default_type || "shuzhi", name: "述职",
      parts: this.parts.map(function (s) { return { section: s.id }; })
    }];
    this.types = types.map(function (t) {
      return {
        id: t.id, name: t.name, length: t.length || null,
        title: t.title && t.title.length ? rx(t.title.map(escapeRe).join("|"), "g") : null,
        structure: t.structure !== false, parts: (t.parts || []).map(part)
      };
    });
    this.typeByKey = Object.create(null);
    this.types.forEach(function (t) { self.typeByKey[t.id] = t; self.typeByKey[t.name] = t; });
    this.defaultType = this.typeByKey[cfg.default_type] || this.types[0];
    this.lengths = data.lengths || null;
    this.partContent = Object.create(null);
    Object.keys(cfg.part_content || {}).forEach(function (k) { self.partContent[k] = rx(cfg.part_content[k], "g"); });
    var ak = cfg.author_kind || {};
    this.authorStaff = ak.staff ? rx(ak.staff) : null;
    this.authorLeader = ak.leader ? rx(ak.leader) : null;
    this.rankKinds = ak.ranks || {};
  };

  /** The type to check against: the one asked for (id or name), else the title's, else the default. */
  Checker.prototype.reportType = function (asked, lines, kinds) {
    if (asked && this.typeByKey[asked]) return this.typeByKey[asked];
    var title = [];
    for (var i = 0; i < kinds.length; i++) if (kinds[i].kind === "title") title.push(lines[i]);
    title = title.join("");
    var best = null, bestLen = 0;
    this.types.forEach(function (t) {
      if (!t.title || !title) return;
      t.title.lastIndex = 0;
      var m;
      while ((m = t.title.exec(title)) !== null) {
        if (m[0].length > bestLen) { best = t; bestLen = m[0].length; }
        if (!m[0].length) t.title.lastIndex++;
      }
    });
    return best || this.defaultType;
  };

  /** The author's kind from the title and the opening: "staff", "leader" or null (cannot tell). */
  Checker.prototype.authorKind = function (text) {
    var staff = this.authorStaff && this.authorStaff.test(text), leader = this.authorLeader && this.authorLeader.test(text);
    return staff === leader ? null : staff ? "staff" : "leader";
  };

  /** [min, max] of a kind's entry in a table {leader: [..], staff: [..]}; without a kind, the union. */
  function rangeFor(table, kind) {
    if (!table) return null;
    if (kind && table[kind]) return table[kind];
    var lo = Infinity, hi = -Infinity;
    Object.keys(table).forEach(function (k) {
      if (!Array.isArray(table[k])) return;
      lo = Math.min(lo, table[k][0]); hi = Math.max(hi, table[k][1]);
    });
    return lo <= hi ? [lo, hi] : null;
  }

  /** A type's acceptable total length (data/lengths.yml totals: range) per author kind, as {leader, staff}. */
  Checker.prototype.lengthTable = function (type) {
    var rows = this.lengths && this.lengths.totals ? this.lengths.totals : [], kinds = this.rankKinds, table = null;
    rows.forEach(function (row) {
      if (!type.length || row.type !== type.length) return;
      Object.keys(kinds).forEach(function (kind) {
        if (!row.ranks.some(function (r) { return kinds[kind].indexOf(r) >= 0; })) return;
        table = table || {};
        var r = table[kind];
        table[kind] = r ? [Math.min(r[0], row.range[0]), Math.max(r[1], row.range[1])] : row.range.slice();
      });
    });
    return table;
  };

  /** The acceptable total length of a type, for the author's kind when known: {range, kind} or null. */
  Checker.prototype.lengthRange = function (type, kind) {
    var table = this.lengthTable(type);
    if (!table) return null;
    var known = kind && table[kind] ? kind : null;
    return { range: rangeFor(table, known), kind: known };
  };

  /** How findings name the type: 述职报告, 一般干部的述职报告, 考核登记表个人总结. */
  Checker.prototype.typeLabel = function (type, kind) {
    var who = kind ? this.rules["duty-items"].who[kind] : "";
    var name = /总结$/.test(type.name) ? type.name : type.name + "报告";
    return (who ? who + "的" : "") + name;
  };

  /** The types for the page's select and the CLI's --type: [{id, name}]. */
  Checker.prototype.reportTypes = function () {
    return this.types.map(function (t) { return { id: t.id, name: t.name }; });
  };

  I.partName = partName; I.rangeFor = rangeFor;
})(typeof globalThis !== "undefined" ? globalThis : this);
