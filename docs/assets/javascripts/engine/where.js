/* 述职报告检查与排版引擎（ReportEngine）：每条结果的位置说明（where）：正文写“第12行第3列”，
 * 表格里的文字写“表格第2行第1列”（文中不止一个表格时写“第2个表格第2行第1列”），
 * 而不是把表格的每一格当作一行数下去。line、col 仍是文本框里的行和列（页面据此选中文字）。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var Checker = I.Checker;

  /** 表格第2行 (第2个表格第2行 when the text has more than one table). */
  function rowWhere(table, row, tables) {
    return (tables > 1 ? "第" + table + "个" : "") + "表格第" + row + "行";
  }

  function cellWhere(cell, tables) {
    return rowWhere(cell.table, cell.row, tables) + "第" + cell.col + "列";
  }

  /** Each finding gets `where` (what page and command line print) and, in a table, `cell` {table, row, col}. */
  Checker.prototype.placeFindings = function (findings, lines) {
    var tables = {}, count = 0;
    lines.forEach(function (l) { if (l.cell && !tables[l.cell.table]) { tables[l.cell.table] = true; count++; } });
    findings.forEach(function (f) {
      var line = typeof f.line === "number" ? lines[f.line - 1] : null;
      if (line && line.cell) {
        f.cell = { table: line.cell.table, row: line.cell.row, col: line.cell.col };
        f.where = cellWhere(line.cell, count);
      } else if (typeof f.line === "number") {
        f.where = "第" + f.line + "行第" + f.col + "列";
      } else {
        f.where = "全文";
      }
    });
    return findings;
  };

  I.cellWhere = cellWhere; I.rowWhere = rowWhere;
})(typeof globalThis !== "undefined" ? globalThis : this);
