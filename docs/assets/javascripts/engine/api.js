/* 述职报告检查与排版引擎（ReportEngine）：公开接口 ReportEngine：create、check、classify、readDocx……。
 * 加载顺序见 mkdocs.yml extra.engine_scripts；共用的函数来自 ReportEngine.internal。 */
(function (root) {
  "use strict";

  var I = root.ReportEngine.internal;
  var paragraphsToText = I.paragraphsToText, ReadError = I.ReadError, MESSAGES = I.MESSAGES,
      Checker = I.Checker, readDocx = I.readDocx;

  // ------------------------------------------------------------------ API

  var engines = { data: null, checker: null };
  function defaultEngine() {
    var data = root.GUIDE_CHECKER_DATA;
    if (!data) throw new Error("GUIDE_CHECKER_DATA missing");
    if (engines.data !== data) { engines.checker = new Checker(data); engines.data = data; }
    return engines.checker;
  }

  var api = {
    create: function (data) { return new Checker(data); },
    check: function (input, opts) { return defaultEngine().check(input, opts); },
    classify: function (paragraphs) { return defaultEngine().classify(paragraphs); },
    reportTypes: function () { return defaultEngine().reportTypes(); },
    readDocx: function (bytes) { return readDocx(bytes); },
    // read and check in one call: a host gets the findings only, not the whole document
    checkDocx: function (bytes, opts) {
      var doc = readDocx(bytes), o = Object.assign({}, opts || {}, { docx: doc });
      return defaultEngine().check(doc.paragraphs, o);
    },
    paragraphsToText: paragraphsToText,
    // a ReadError (in Chinese) for a draft over limits.max_chars or max_lines: the page asks before the text reaches its box
    checkSize: function (input) { I.checkSize(input, api.limits()); },
    limits: function () { return (root.GUIDE_CHECKER_DATA && root.GUIDE_CHECKER_DATA.rules.limits) || {}; },
    messages: MESSAGES,
    ReadError: ReadError,
    Checker: Checker
  };
  // add to the namespace the first file made (ReportEngine.internal stays)
  Object.keys(api).forEach(function (k) { root.ReportEngine[k] = api[k]; });
})(typeof globalThis !== "undefined" ? globalThis : this);
