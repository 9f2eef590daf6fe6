/* 自查与排版页面：文本框、读取文件、列出结果、下载排好的 Word 文件。
 *
 * 只管页面：规则、段落分类和 .docx 的读取都在 report_engine.js（ReportEngine），
 * 写 .docx 在 report_docx.js（ReportDocx），命令行（scripts/check_report.py、
 * scripts/format_report.py）在 V8 中运行的是同样的文件。页面按顺序加载
 * vendor/fflate.js、checker-data.js、report_engine.js、report-templates.js（构建时
 * 生成的模板）、report_docx.js 和本文件（overrides/checker.html）。
 *
 * 文本只在本机浏览器中检查：不发任何网络请求，不用 innerHTML 写入用户文字。
 *
 *   window.GuideChecker.readFile(file) → Promise<{text, paragraphs, docx}>
 */
(function () {
  "use strict";

  var Engine = window.ReportEngine;
  var OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

  function ReadError(message) { this.message = message; this.name = "ReadError"; }
  ReadError.prototype = Object.create(Error.prototype);

  function startsWith(bytes, sig) {
    if (bytes.length < sig.length) return false;
    for (var i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
    return true;
  }

  /** .txt / .md bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (covers GBK). */
  function decodeText(bytes) {
    var text, M = Engine.messages;
    if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
    else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
    else {
      if (startsWith(bytes, [0xef, 0xbb, 0xbf])) bytes = bytes.subarray(3);
      else if (bytes.indexOf(0) >= 0) throw new ReadError(M.notText);
      try { text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes); }
      catch (e) {
        try { text = new TextDecoder("gb18030", { fatal: true }).decode(bytes); }
        catch (e2) { throw new ReadError(M.encoding); }
      }
    }
    var bad = (text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g) || []).length;
    if (bad > Math.max(2, text.length / 100)) throw new ReadError(M.notText);
    if (!text.trim()) throw new ReadError(M.empty);
    return { text: text, paragraphs: null, docx: null };
  }

  function readDocx(bytes) {
    var docx;
    try { docx = Engine.readDocx(bytes); }
    catch (e) { throw e && e.name === "ReadError" ? new ReadError(e.message) : e; }
    return { text: Engine.paragraphsToText(docx.paragraphs), paragraphs: docx.paragraphs, docx: docx };
  }

  /** Read a File (or Blob with a name) locally: .docx, .txt or .md. */
  function readFile(file) {
    var max = Engine.limits().max_bytes;
    if (file.size > max) return Promise.reject(new ReadError(Engine.messages.tooBig.replace("{mb}", String(Math.floor(max / 1048576)))));
    if (file.size === 0) return Promise.reject(new ReadError(Engine.messages.empty));
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onerror = function () { reject(new ReadError("无法读取文件")); };
      reader.onload = function () { resolve(reader.result); };
      reader.readAsArrayBuffer(file);
    }).then(function (buf) {
      var bytes = new Uint8Array(buf);
      if (startsWith(bytes, OLE) || startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || /\.docx$/i.test(file.name || "")) return readDocx(bytes);
      return decodeText(bytes);
    });
  }

  window.GuideChecker = { readFile: readFile };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** UTF-16 offset in `text` of (line, col) in code points. */
  function offsetOf(text, line, col) {
    var off = 0;
    for (var l = 1; l < line; l++) {
      var nl = text.indexOf("\n", off);
      if (nl < 0) return text.length;
      off = nl + 1;
    }
    for (var c = 1; c < col && off < text.length; c++) {
      var code = text.charCodeAt(off);
      off += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return off;
  }

  function advance(text, off, n) {
    for (var c = 0; c < n && off < text.length; c++) {
      var code = text.charCodeAt(off);
      off += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return off;
  }

  function initPage() {
    var root = document.getElementById("guide-checker");
    if (!root) return;
    var area = document.getElementById("gc-text");
    var fileInput = document.getElementById("gc-file");
    var yearInput = document.getElementById("gc-year");
    var status = document.getElementById("gc-status");
    var fileStatus = document.getElementById("gc-file-status");
    var list = document.getElementById("gc-results");
    var filters = root.querySelectorAll("input[name=gc-level]");
    var loaded = null;   // {text, paragraphs, name} from a file, while the text is unchanged
    var download = document.getElementById("gc-download");
    var withComments = document.getElementById("gc-with-comments");
    var fontsSelect = document.getElementById("gc-fonts");
    var formatStatus = document.getElementById("gc-format-status");
    var findings = [];
    var timer = null;

    if (!yearInput.value) yearInput.value = String(new Date().getFullYear());
    try {
      if (!Engine) throw new Error("ReportEngine missing");
      Engine.check("");
    } catch (e) {
      // no rules data, or a browser too old for the rules' regular expressions
      status.textContent = window.GUIDE_CHECKER_DATA && Engine ?
        "这个浏览器版本过旧，无法运行在线自查，请换用新版浏览器。" :
        "检查规则没有加载，请刷新页面后再试。";
      root.setAttribute("data-state", "error");
      return;
    }

    function selectedLevels() {
      var on = {};
      for (var i = 0; i < filters.length; i++) if (filters[i].checked) on[filters[i].value] = true;
      return on;
    }

    function render() {
      var on = selectedLevels(), counts = { "错误": 0, "警告": 0, "提示": 0 }, shown = 0;
      findings.forEach(function (f) { counts[f.level]++; });
      while (list.firstChild) list.removeChild(list.firstChild);
      findings.forEach(function (f, i) {
        if (!on[f.level]) return;
        shown++;
        var li = el("li", "gc-finding gc-" + f.severity);
        var btn = el("button", "gc-jump");
        btn.type = "button";
        btn.setAttribute("data-index", String(i));
        btn.appendChild(el("span", "gc-level", f.level));
        btn.appendChild(el("span", "gc-where", "第" + f.line + "行第" + f.col + "列"));
        btn.appendChild(el("span", "gc-message", f.message));
        if (f.suggestion) btn.appendChild(el("span", "gc-suggestion", "→ " + f.suggestion));
        btn.appendChild(el("code", "gc-rule", f.rule));
        li.appendChild(btn);
        list.appendChild(li);
      });
      for (var k = 0; k < filters.length; k++) {
        var c = filters[k].parentNode.querySelector(".gc-count");
        if (c) c.textContent = String(counts[filters[k].value]);
      }
      if (!area.value.trim()) {
        status.textContent = "请粘贴报告全文或选择文件。";
      } else if (!findings.length) {
        status.textContent = "没有发现问题。检查工具只能发现一部分问题，提交前请再对照自查清单通读一遍。";
      } else {
        status.textContent = "共发现 " + findings.length + " 处：错误 " + counts["错误"] + " 处，警告 " + counts["警告"] +
          " 处，提示 " + counts["提示"] + " 处" + (shown < findings.length ? "（当前显示 " + shown + " 处）" : "") + "。";
      }
      root.setAttribute("data-state", "done");
      if (download) download.disabled = !area.value.trim() || !canFormat();
    }

    function year() { return yearInput.value ? parseInt(yearInput.value, 10) : null; }

    // a .docx is checked and formatted as paragraphs with their Word styles while its text is unchanged
    function draft() {
      var text = area.value;
      return loaded && loaded.paragraphs && loaded.text === text ? loaded.paragraphs : text;
    }

    function run() {
      clearTimeout(timer);
      var opts = { year: year() };
      // what the .docx keeps besides its text (批注, 修订, 隐藏文字) is reported while the text is the file's
      if (loaded && loaded.docx && loaded.text === area.value) opts.docx = loaded.docx;
      findings = area.value.trim() ? Engine.check(draft(), opts) : [];
      render();
    }

    function canFormat() { return !!(window.ReportDocx && window.REPORT_DOCX_TEMPLATES); }

    var templates = {};
    function template(key) {
      if (!templates[key]) templates[key] = window.ReportDocx.fromBase64(window.REPORT_DOCX_TEMPLATES[key]);
      return templates[key];
    }

    /** The file name: the draft's own name, or 述职报告, with （公文格式） as the command line names it. */
    function outputName() {
      var stem = loaded && loaded.name && loaded.text === area.value ? loaded.name.replace(/\.[^.]*$/, "") : "述职报告";
      return stem + "（公文格式）.docx";
    }

    function saveDocx() {
      run();
      if (!area.value.trim()) return;
      var bytes;
      try {
        bytes = window.ReportDocx.format(draft(), {
          template: template(fontsSelect.value), withComments: withComments.checked, year: year()
        });
      } catch (e) {
        formatStatus.textContent = "生成失败，请刷新页面后再试；仍不行时，把全文粘贴到模板中排版。";
        return;
      }
      var blob = new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = outputName();
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      formatStatus.textContent = "已生成 " + a.download + "（" + fontsSelect.options[fontsSelect.selectedIndex].text +
        (withComments.checked ? "，附 " + findings.length + " 条自查意见批注" : "") + "），请在下载栏中打开。文件只在本机生成，没有上传。";
    }

    function later() {
      root.setAttribute("data-state", "pending");
      clearTimeout(timer);
      timer = setTimeout(run, 300);
    }

    area.addEventListener("input", later);
    yearInput.addEventListener("input", later);
    document.getElementById("gc-run").addEventListener("click", run);
    if (download) {
      download.addEventListener("click", saveDocx);
      if (!canFormat()) formatStatus.textContent = "排版模板没有加载，请刷新页面后再试。";
    }
    document.getElementById("gc-clear").addEventListener("click", function () {
      area.value = ""; loaded = null; fileInput.value = ""; fileStatus.textContent = "";
      run(); area.focus();
    });
    for (var i = 0; i < filters.length; i++) filters[i].addEventListener("change", render);

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      root.setAttribute("data-state", "pending");
      fileStatus.textContent = "正在读取 " + file.name + " ……";
      readFile(file).then(function (res) {
        loaded = res;
        loaded.name = file.name;
        area.value = res.text;
        fileStatus.textContent = "已读取 " + file.name + "（文件只在本机读取，没有上传）。";
        run();
      }, function (err) {
        loaded = null;
        fileStatus.textContent = err instanceof ReadError ? err.message : "无法读取这个文件，请把全文复制粘贴到文本框中";
        root.setAttribute("data-state", "error");
      });
    });

    list.addEventListener("click", function (ev) {
      var btn = ev.target.closest ? ev.target.closest(".gc-jump") : null;
      if (!btn) return;
      var f = findings[parseInt(btn.getAttribute("data-index"), 10)];
      var text = area.value, start = offsetOf(text, f.line, f.col);
      var end = advance(text, start, Math.max(f.length, 1));
      var current = list.querySelector("[aria-current]");
      if (current) current.removeAttribute("aria-current");
      btn.setAttribute("aria-current", "true");
      area.focus();
      area.setSelectionRange(start, start);
      area.blur();
      area.focus();
      area.setSelectionRange(start, end);
    });

    run();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initPage);
  else initPage();
})();
