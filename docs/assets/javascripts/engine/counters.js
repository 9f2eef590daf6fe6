/* 述职报告检查与排版引擎（ReportEngine）：工作量计数：引擎做了多少工作（扫描的字符、正则调用、生成的结果、
 * 解压出的字节、解析的 XML 元素），供测试判断“输入大十倍，工作量也只大十倍”，不必看时钟。
 * 加载顺序见 mkdocs.yml extra.engine_scripts（紧跟 core.js）；共用的函数来自 ReportEngine.internal。
 *
 * Why counts and not seconds: a test that times the engine fails whenever the machine is
 * busy (issue 15). Each count is one integer addition where the work happens, cheap enough
 * to stay on in the page and the command line. They describe the last check(), readDocx() or followEdits()
 * (each starts from zero); `calls` keeps running totals, so a page test can tell that no
 * check ran while it typed.
 *
 *   ReportEngine.stats() → {regexExec, regexChars, …, locatorSteps, editSteps, calls: {check, readDocx, followEdits}}   (a copy)
 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;

  var counters = {
    regexExec: 0,        // exec calls of the rules' global regular expressions (allMatches, eachHit)
    regexChars: 0,       // characters those calls moved over (the scan, not the line, per call)
    codePointChars: 0,   // characters read to turn UTF-16 offsets into code points (CodePoints)
    takenSteps: 0,       // spans offered to and walked over in Taken (overlap of a rule's matches)
    findingsOffered: 0,  // findings the rules found (Checker.finding), shown or not
    findingsBuilt: 0,    // findings built as objects (the rest are only counted, beyond the caps)
    inflatedBytes: 0,    // bytes the inflater handed out for the parts read (inflateLimited)
    inflateChunks: 0,    // pieces it handed them out in
    lastChunk: 0,        // the last piece: all before it were within the limit when inflating stopped
    xmlChars: 0,         // characters of XML parsed (parseXml)
    xmlElements: 0,      // start tags parsed
    locatorSteps: 0,     // paragraphs and binary-search steps to put a comment or revision on a line
    editSteps: 0         // steps of following the text box's edits on a Word file's reading (followEdits)
  };
  var calls = { check: 0, readDocx: 0, followEdits: 0 };

  /** Start counting one call of the engine (name: "check", "readDocx" or "followEdits"). */
  function startCount(name) {
    for (var k in counters) if (Object.prototype.hasOwnProperty.call(counters, k)) counters[k] = 0;
    calls[name] = (calls[name] || 0) + 1;
  }

  function stats() {
    var copy = { calls: {} }, k;
    for (k in counters) if (Object.prototype.hasOwnProperty.call(counters, k)) copy[k] = counters[k];
    for (k in calls) if (Object.prototype.hasOwnProperty.call(calls, k)) copy.calls[k] = calls[k];
    return copy;
  }

  I.counters = counters; I.startCount = startCount;
  root.ReportEngine.stats = stats;
})(typeof globalThis !== "undefined" ? globalThis : this);
