/* 自查与排版页面：文本框、读取文件、列出结果、下载排好的 Word 文件。
 *
 * 只管页面：规则、段落分类和 .docx 的读写都在 engine/ 下的脚本里（ReportEngine，
 * 写 .docx 的是 ReportDocx），命令行（scripts/check_report.py、scripts/format_report.py）
 * 在 V8 中运行的是同样的文件。页面按 mkdocs.yml extra.engine_scripts 和
 * formatter_scripts 的顺序加载它们，最后加载本文件（overrides/checker.html）。
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

  /** A .md file's YAML front matter (--- … --- or ... at the very top) is metadata, not prose:
   *  its lines are checked as empty lines, as the command line does (check_report.py). */
  function blankFrontMatter(text) {
    var lines = text.split("\n");
    if (lines[0].replace(/^\ufeff/, "").replace(/\s+$/, "") !== "---") return text;
    for (var end = 1; end < Math.min(lines.length, 200); end++) {
      var l = lines[end].replace(/\s+$/, "");
      if (l === "---" || l === "...") {
        for (var k = 0; k <= end; k++) lines[k] = "";
        return lines.join("\n");
      }
    }
    return text;
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
      var res = decodeText(bytes);
      fits(res.text);   // over the limits: refused here, before the text reaches the box
      // the box shows the file as it is; the checker and formatter see the prose
      if (/\.(md|markdown)$/i.test(file.name || "")) res.prose = blankFrontMatter(res.text);
      return res;
    });
  }

  /** A ReadError (in Chinese) for text over the character or line limit: such text is never put in the
   *  box, where laying out a long run of full-width punctuation alone can keep the tab busy for minutes. */
  function fits(text) {
    try { Engine.checkSize(text); }
    catch (e) { throw e && e.name === "ReadError" ? new ReadError(e.message) : e; }
  }

  /**
   * The box's undo, all of it on the page's own stack: typing, pasting, a file's text, 清空 and the
   * fixes. The browser's own undoable insert (execCommand("insertText")) costs about the square of
   * the number of lines it inserts (2,500 lines froze the page for 18 s, 全部替换 over 4,000 lines
   * 91 s), so the page sets the value; but setting it clears the browser's undo history, so what the
   * browser had recorded would be lost. So every change to the box is recorded here as the stretch
   * it replaced (not two copies of the text), and Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z (or the browser's
   * 撤销 and 重做) go through this stack only. Typing is one step while it goes on where it left
   * off (as the browser does it: characters typed in a row, or deleted in a row, an input method's
   * composition); a move of the caret, a selection, pasting, a fix or a file begins a new step, and
   * so does typing after a line break. An input method's composition (pinyin being typed) is one
   * step with the word it commits: Ctrl+Z takes back 报告, never leaves bao'ga in the text.
   * Each step also keeps what the page knew of the text before and after it (state(): the Word file
   * the text came from), so undoing 清空 or a paste brings back the Word draft, not only its text.
   */
  function TextUndo(area, changed, state, setState) {
    // at most LIMIT steps, and at most KEPT characters in them all (ten texts at the 20万字 limit: each file
    // loaded keeps the text it replaced), so that a morning of loading drafts cannot grow the page's memory
    var done = [], undone = [], last = area.value, caretAt = -1, goesOn = false, LIMIT = 100, KEPT = 2000000;
    var composing = 0, lastState = state();   // composing: 1 after compositionstart, 2 once it has put text
    area.addEventListener("compositionstart", function () { composing = 1; });
    area.addEventListener("compositionend", function () { composing = 0; });
    function kindOf(type) {
      if (/^(insertText|insertCompositionText|insertFromComposition|deleteCompositionText|deleteByComposition|insertLineBreak|insertParagraph)$/.test(type || "")) return "type";
      if (/^delete(Content|Word|SoftLine|HardLine)/.test(type || "")) return "delete";
      return null;
    }
    /** What changed from before to after: {at, del, ins}, or null. */
    function change(before, after) {
      if (before === after) return null;
      var n = Math.min(before.length, after.length), pre = 0, suf = 0;
      while (pre < n && before.charCodeAt(pre) === after.charCodeAt(pre)) pre++;
      while (suf < n - pre && before.charCodeAt(before.length - 1 - suf) === after.charCodeAt(after.length - 1 - suf)) suf++;
      return { at: pre, del: before.slice(pre, before.length - suf), ins: after.slice(pre, after.length - suf) };
    }
    function record(step) {
      step.state = [lastState, lastState = state()];
      done.push(step);
      var kept = 0;
      for (var k = done.length - 1; k >= 0; k--) {
        kept += done[k].del.length + done[k].ins.length;
        if (kept > KEPT && k < done.length - 1) { done.splice(0, k + 1); break; }   // the newest step stays
      }
      if (done.length > LIMIT) done.splice(0, done.length - LIMIT);
      undone = [];
    }
    function swap(from, to, back) {
      var top = from[from.length - 1], v = area.value;
      if (!top) return;
      var gone = back ? top.ins : top.del, put = back ? top.del : top.ins;
      if (v.substr(top.at, gone.length) !== gone) { done = []; undone = []; return; }   // not what was recorded
      from.pop();
      to.push(top);
      area.value = last = v.slice(0, top.at) + put + v.slice(top.at + gone.length);
      goesOn = false;
      caretAt = -1;
      setState(lastState = top.state[back ? 0 : 1]);
      // a fix: the caret where the fixes start (undo) or after the last one (redo); a whole new text
      // (a file, 清空): the top; typing, pasting: after what is put back
      var at = top.caret ? (back ? top.caret[0] : top.caret[1]) : top.whole ? 0 : top.at + put.length;
      area.setSelectionRange(at, at);
      if (top.whole) area.scrollTop = 0;
      changed();
    }
    area.addEventListener("beforeinput", function (ev) {
      if (ev.inputType === "historyUndo" || ev.inputType === "historyRedo") {
        ev.preventDefault();
        swap(ev.inputType === "historyUndo" ? done : undone, ev.inputType === "historyUndo" ? undone : done,
          ev.inputType === "historyUndo");
        return;
      }
      var top = done[done.length - 1];
      if (composing && ev.inputType === "insertCompositionText") {
        // while composing, the browser selects the pinyin it replaces: the first update begins a step,
        // the rest of the composition joins it
        goesOn = composing > 1 && !!(top && top.kind === "type" && area.value === last);
        composing = 2;
        return;
      }
      goesOn = !!(top && top.kind && top.kind === kindOf(ev.inputType) && area.value === last &&
        area.selectionStart === area.selectionEnd && area.selectionStart === caretAt &&
        !(top.kind === "type" && /\n$/.test(top.ins)));
    });
    area.addEventListener("input", function (ev) {
      // the browser's own 撤销/重做 from a menu arrives as input alone (no beforeinput): its history was
      // cleared when the page set the text, so it changed nothing; take the step from this stack instead
      if ((ev.inputType === "historyUndo" || ev.inputType === "historyRedo") && area.value === last) {
        var back = ev.inputType === "historyUndo";
        swap(back ? done : undone, back ? undone : done, back);
        return;
      }
      var v = area.value, step = change(last, v), top = done[done.length - 1];
      if (step) {
        step.kind = kindOf(ev.inputType);
        var a1 = top && top.at, e1 = top && top.at + top.ins.length;
        if (goesOn && step.kind === top.kind && step.at <= e1 && step.at + step.del.length >= a1) {
          // one step with the typing before it: the stretch both replaced, in the text before each
          var lo = Math.min(a1, step.at), hi = Math.max(e1, step.at + step.del.length);
          top.del = last.slice(lo, a1) + top.del + last.slice(e1, hi);
          top.ins = v.slice(lo, hi - step.del.length + step.ins.length);
          top.at = lo;
          top.state[1] = lastState = state();
          undone = [];
        } else record(step);
      }
      last = v;
      caretAt = area.selectionEnd;
      goesOn = false;
    });
    area.addEventListener("keydown", function (ev) {
      var key = (ev.key || "").toLowerCase();
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
      var undo = key === "z" && !ev.shiftKey, redo = key === "y" || (key === "z" && ev.shiftKey);
      if (!undo && !redo) return;
      ev.preventDefault();
      if (undo) swap(done, undone, true);
      else swap(undone, done, false);
    });
    return {
      /** Replace the box's text as a step of its own. caret: [where undo puts it, where redo puts it] (else the top). */
      set: function (text, caret) {
        var step = change(area.value, text);
        if (!step) { lastState = state(); return; }
        step.kind = null;
        step.caret = caret || null;
        step.whole = !caret;
        area.value = last = text;
        record(step);
        goesOn = false;
        caretAt = -1;
      }
    };
  }

  window.GuideChecker = { readFile: readFile };

  // Drawing tens of thousands of results froze the page: list a few hundred, more on request.
  var LIST_STEP = 300;
  // Above this many characters the check runs on 检查 only, so typing in a long text stays responsive.
  var AUTO_CHECK_MAX_CHARS = 100000;

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
    // 报告类型: the options come from the data (ReportEngine.reportTypes), the first one is “按标题判断”
    var typeSelect = document.getElementById("gc-type");
    if (typeSelect) {
      Engine.reportTypes().forEach(function (t) {
        var o = document.createElement("option");
        o.value = t.id; o.textContent = t.name;
        typeSelect.appendChild(o);
      });
    }
    var status = document.getElementById("gc-status");
    var fileStatus = document.getElementById("gc-file-status");
    var list = document.getElementById("gc-results");
    var filters = root.querySelectorAll("input[name=gc-level]");
    var loaded = null;   // {text, paragraphs, docx, name} from a file; a Word file's reading follows the box's edits
    var download = document.getElementById("gc-download");
    var withComments = document.getElementById("gc-with-comments");
    var fontsSelect = document.getElementById("gc-fonts");
    var formatStatus = document.getElementById("gc-format-status");
    var formatNotes = document.getElementById("gc-format-notes");
    var pendingBox = document.getElementById("gc-pending");
    var pendingText = document.getElementById("gc-pending-text");
    var findings = [];
    var timer = null;
    var listed = 0;        // findings drawn so far: the first LIST_STEP, then LIST_STEP more per click
    var lastRunMs = 0;     // how long the last check took: the pause before the next one scales with it
    var more = el("button", "md-button gc-more");
    more.type = "button";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    var checkedText = null;   // the text the findings are for: a fix applies only while the box still holds it
    // 全部替换: every finding with one sure correction (错别字, 的地得, 叠字…), as one edit Ctrl+Z takes back
    var applyAll = el("button", "md-button gc-apply-all");
    applyAll.type = "button";
    applyAll.hidden = true;
    list.parentNode.insertBefore(applyAll, list);

    // no default year: in January the calendar year is not the report's year; left empty,
    // the engine takes it from the title or the opening (2026年度述职报告)
    try {
      if (!Engine) throw new Error("ReportEngine missing");
      Engine.check("");
    } catch (e) {
      // no rules data, or a browser too old for the rules' regular expressions
      status.textContent = window.GUIDE_CHECKER_DATA && Engine ?
        "这个浏览器版本过旧，无法运行自查与排版，请换用新版浏览器。" :
        "检查规则没有加载，请刷新页面后再试。";
      root.setAttribute("data-state", "error");
      return;
    }

    function selectedLevels() {
      var on = {};
      for (var i = 0; i < filters.length; i++) if (filters[i].checked) on[filters[i].value] = true;
      return on;
    }

    function findingItem(f, i) {
      var li = el("li", "gc-finding gc-" + f.severity);
      var btn = el("button", "gc-jump");
      btn.type = "button";
      btn.setAttribute("data-index", String(i));
      btn.appendChild(el("span", "gc-level", f.level));
      // where: 第12行第3列, or 表格第2行第1列 for a table's text (the engine's wording, as the command line prints it)
      btn.appendChild(el("span", "gc-where", f.where || "第" + f.line + "行第" + f.col + "列"));
      btn.appendChild(el("span", "gc-message", f.message));
      if (f.suggestion) btn.appendChild(el("span", "gc-suggestion", "→ " + f.suggestion));
      btn.appendChild(el("code", "gc-rule", f.rule));
      li.appendChild(btn);
      if (typeof f.fix === "string") {
        var fix = el("button", "md-button gc-apply", f.fix ? "改为“" + f.fix + "”" : "删去");
        fix.type = "button";
        fix.setAttribute("data-index", String(i));
        li.appendChild(fix);
      }
      return li;
    }

    function visible() {
      var on = selectedLevels();
      return findings.map(function (f, i) { return i; }).filter(function (i) { return on[findings[i].level]; });
    }

    /** Draw the visible findings up to `upto`, appending to what is drawn. */
    function drawUpTo(upto) {
      var shown = visible(), frag = document.createDocumentFragment();
      for (var k = listed; k < Math.min(upto, shown.length); k++) frag.appendChild(findingItem(findings[shown[k]], shown[k]));
      list.appendChild(frag);
      listed = Math.min(upto, shown.length);
      var left = shown.length - listed;
      more.hidden = left <= 0;
      more.textContent = "显示更多（还有 " + left + " 处）";
      return shown.length;
    }

    function render() {
      var counts = { "错误": 0, "警告": 0, "提示": 0 };
      findings.forEach(function (f) { counts[f.level]++; });
      while (list.firstChild) list.removeChild(list.firstChild);
      listed = 0;
      var shown = drawUpTo(LIST_STEP);
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
          " 处，提示 " + counts["提示"] + " 处" + (shown < findings.length ? "（当前显示 " + shown + " 处）" : "") +
          (listed < shown ? "，下面先列出前 " + listed + " 处" : "") + "。";
      }
      var fixable = findings.filter(function (f) { return typeof f.fix === "string"; }).length;
      applyAll.hidden = fixable < 1;
      applyAll.textContent = "全部替换（" + fixable + " 处有唯一改法）";
      root.setAttribute("data-state", "done");
      if (download) download.disabled = !area.value.trim() || !canFormat();
    }

    function year() { return yearInput.value ? parseInt(yearInput.value, 10) : null; }
    function reportType() { return typeSelect && typeSelect.value ? typeSelect.value : null; }

    // A loaded .docx is checked and formatted as its paragraphs (Word styles, tables, soft line breaks),
    // and after the box's text is edited, as those paragraphs with the edits (ReportEngine.followEdits):
    // the Word reading goes only when the text is another text (清空, a new file, a paste over all of it).
    var followed = { from: null, text: null, docx: null };
    function following() {
      if (!loaded || !loaded.docx) return null;
      if (loaded.text === area.value) return loaded.docx;
      if (followed.from !== loaded || followed.text !== area.value) {
        followed = { from: loaded, text: area.value, docx: Engine.followEdits(loaded.docx, area.value) };
      }
      return followed.docx;
    }

    /** The loaded Word file's reading for the box's text (null: the text is not the file's). */
    function loadedDocx() { var d = following(); return d && d.paragraphs ? d : null; }

    function draft() {
      var text = area.value;
      if (!loaded) return text;
      if (loaded.text === text) return loaded.paragraphs || loaded.prose || text;
      var d = loadedDocx();
      return d ? d.paragraphs : text;
    }

    function run() {
      clearTimeout(timer);
      var opts = { year: year(), type: reportType() };
      // what the .docx keeps besides its text (批注, 修订, 隐藏文字) is reported while the text is the file's, edited or not
      var docx = loadedDocx();
      if (docx) opts.docx = docx;
      var t0 = Date.now();
      checkedText = area.value;
      try {
        findings = area.value.trim() ? Engine.check(draft(), opts) : [];
      } catch (e) {
        if (!e || e.name !== "ReadError") throw e;
        // over the character or line limit: say so; the text box is left as it is
        findings = [];
        lastRunMs = Date.now() - t0;
        render();
        status.textContent = e.message;
        return;
      }
      lastRunMs = Date.now() - t0;
      render();
      showPlan();
    }

    /** What 生成 will do with this draft (ReportDocx.plan: kept, dropped, the file name), said before the download. */
    function plan(acceptRevisions) {
      var docx = loadedDocx();
      return window.ReportDocx.plan(draft(), { docx: docx, sourceName: docx || (loaded && loaded.text === area.value) ? loaded.name : null,
                                               acceptRevisions: !!acceptRevisions });
    }

    function showPlan() {
      if (!formatNotes) return;
      while (formatNotes.firstChild) formatNotes.removeChild(formatNotes.firstChild);
      pendingBox.hidden = true;
      var notices = [];
      try { notices = area.value.trim() && canFormat() ? plan(false).notices : []; } catch (e) { notices = []; }
      // edits too many to follow on the Word file: said, and the box's text is formatted as it is
      var f = following();
      if (f && !f.paragraphs && area.value.trim()) notices = f.edits.notices.concat(notices);
      notices.forEach(function (n) { formatNotes.appendChild(el("li", null, n)); });
      formatNotes.hidden = !notices.length;
    }

    function canFormat() { return !!(window.ReportDocx && window.REPORT_DOCX_TEMPLATES); }

    var templates = {};
    function template(key) {
      if (!templates[key]) templates[key] = window.ReportDocx.fromBase64(window.REPORT_DOCX_TEMPLATES[key]);
      return templates[key];
    }

    /** 生成: a Word draft with tracked changes or comments nobody resolved is not decided for its
     *  writer: say how many, and generate only on 接受全部修订并生成. */
    function saveDocx() {
      run();
      if (!area.value.trim()) return;
      var steps;
      try { steps = plan(false); } catch (e) { steps = null; }
      if (steps && (steps.pending.revisions || steps.pending.comments)) {
        var open = [steps.pending.revisions ? steps.pending.revisions + " 处修订" : "",
                    steps.pending.comments ? steps.pending.comments + " 条批注" : ""].filter(Boolean).join("、");
        pendingText.textContent = "这份草稿中有 " + open + " 没有处理。生成的文件会接受全部修订，不带原来的批注。" +
          "要自己逐条处理的，请取消，在 Word 中用“审阅”处理后再选择文件。";
        pendingBox.hidden = false;
        formatStatus.textContent = "";
        document.getElementById("gc-accept").focus();
        return;
      }
      generate(steps);
    }

    function generate(steps) {
      pendingBox.hidden = true;
      var bytes;
      try {
        bytes = window.ReportDocx.format(draft(), {
          template: template(fontsSelect.value), withComments: withComments.checked, year: year(), type: reportType()
        });
      } catch (e) {
        // over the character or line limit: say so and what to do (a reload would not help)
        formatStatus.textContent = e && e.name === "ReadError" ? "没有生成：" + e.message + "。" :
          "生成失败，请刷新页面后再试；仍不行时，把全文粘贴到模板中排版。";
        return;
      }
      var blob = new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" });
      var url = URL.createObjectURL(blob);
      var a = document.createElement("a");
      a.href = url;
      a.download = steps ? steps.fileName : window.ReportDocx.fileName("", null);
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      formatStatus.textContent = "已生成 " + a.download + "（" + fontsSelect.options[fontsSelect.selectedIndex].text +
        (withComments.checked ? "，附 " + findings.length + " 条自查意见批注" : "") + "），请在下载栏中打开。文件只在本机生成，没有上传。" +
        (steps && steps.pending.revisions + steps.pending.comments ? steps.notices[0] : "");
    }

    // Check once typing pauses: longer pauses for texts that take longer to check, and
    // for a very long text only on 检查, so that no keystroke waits for a check.
    function later() {
      clearTimeout(timer);
      if (area.value.length > AUTO_CHECK_MAX_CHARS) {
        root.setAttribute("data-state", "idle");
        status.textContent = "文本较长（" + area.value.length + " 字符），输入时不自动检查；改好后请点“检查”，" +
          "或直接点“生成公文格式Word文件”（生成前会先检查）。";
        if (download) download.disabled = !canFormat();   // 生成 checks first: no need to wait for 检查
        return;
      }
      root.setAttribute("data-state", "pending");
      timer = setTimeout(run, Math.max(300, Math.min(3000, 2 * lastRunMs)));
    }

    /** Put text in the box as an edit of its own, so that Ctrl+Z brings back what was there. */
    // each step keeps which Word file the text came from: undoing 清空 brings the draft back whole
    var undo = TextUndo(area, later, function () { return loaded; }, function (was) { loaded = was; });
    function setText(text) {
      area.focus();
      undo.set(text);
      area.setSelectionRange(0, 0);
      area.scrollTop = 0;
    }

    /** Text the user typed or changed, which no file on disk holds. */
    function ownText() { return area.value.trim() && !(loaded && loaded.text === area.value); }

    area.addEventListener("input", later);
    // Pasted or dropped text over the limits is refused before it reaches the box (see fits)
    function refuseOverLimit(ev, inserted, verb) {
      if (!inserted) return;
      var next = area.value.slice(0, area.selectionStart) + inserted + area.value.slice(area.selectionEnd);
      try { fits(next); }
      catch (e) {
        if (!(e instanceof ReadError)) throw e;
        ev.preventDefault();
        clearTimeout(timer);   // a check still pending would write over the message
        root.setAttribute("data-state", "error");
        status.textContent = "没有" + verb + "：" + e.message + "。";
      }
    }
    // A paste over the whole text (or a drop into an empty box) is another text: the file it came from is no longer followed
    function replacesAll() { return area.selectionStart === 0 && area.selectionEnd === area.value.length; }
    area.addEventListener("paste", function (ev) {
      refuseOverLimit(ev, ev.clipboardData && ev.clipboardData.getData("text/plain"), "粘贴");
      if (!ev.defaultPrevented && replacesAll()) loaded = null;
    });
    area.addEventListener("drop", function (ev) {
      refuseOverLimit(ev, ev.dataTransfer && ev.dataTransfer.getData("text/plain"), "放入");
      if (!ev.defaultPrevented && !area.value.trim()) loaded = null;
    });
    yearInput.addEventListener("input", later);
    if (typeSelect) typeSelect.addEventListener("change", run);
    document.getElementById("gc-run").addEventListener("click", run);
    if (download) {
      download.addEventListener("click", saveDocx);
      document.getElementById("gc-accept").addEventListener("click", function () {
        var steps;
        try { steps = plan(true); } catch (e) { steps = null; }
        generate(steps);
      });
      document.getElementById("gc-cancel").addEventListener("click", function () {
        pendingBox.hidden = true;
        formatStatus.textContent = "没有生成：草稿中的修订和批注留给您在 Word 中处理。";
        download.focus();
      });
      if (!canFormat()) formatStatus.textContent = "排版模板没有加载，请刷新页面后再试。";
    }
    document.getElementById("gc-clear").addEventListener("click", function () {
      loaded = null; setText(""); fileInput.value = "";
      fileStatus.textContent = area.value ? "" : "已清空；按 Ctrl+Z 可以恢复。";
      run(); area.focus();
    });
    for (var i = 0; i < filters.length; i++) filters[i].addEventListener("change", render);
    more.addEventListener("click", function () { drawUpTo(listed + LIST_STEP); });

    // Nothing is stored anywhere: leaving the page with text in the box would lose it, so ask.
    window.addEventListener("beforeunload", function (ev) {
      if (!area.value.trim()) return;
      ev.preventDefault();
      ev.returnValue = "";
    });

    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      if (!file) return;
      root.setAttribute("data-state", "pending");
      fileStatus.textContent = "正在读取 " + file.name + " ……";
      readFile(file).then(function (res) {
        if (ownText() && area.value !== res.text &&
            !window.confirm("文本框中已有内容。用“" + file.name + "”的内容替换吗？替换后可以按 Ctrl+Z 恢复原来的内容。")) {
          fileInput.value = "";
          fileStatus.textContent = "没有替换：文本框中仍是原来的内容。";
          root.setAttribute("data-state", "done");
          return;
        }
        loaded = res;
        loaded.name = file.name;
        setText(res.text);
        loaded.text = area.value;  // as the box holds it (a textarea keeps \n for \r\n)
        fileStatus.textContent = "已读取 " + file.name + "（文件只在本机读取，没有上传）" +
          (res.prose && res.prose !== res.text ? "；开头的 YAML 元数据不检查" : "") + "。";
        if (res.text.length > AUTO_CHECK_MAX_CHARS) later();
        else run();
      }, function (err) {
        loaded = null;
        fileStatus.textContent = err instanceof ReadError ? err.message : "无法读取这个文件，请把全文复制粘贴到文本框中";
        root.setAttribute("data-state", "error");
      });
    });

    /** [start, end) in the box of a finding, and its correction. */
    function fixRange(f) {
      var start = offsetOf(checkedText, f.line, f.col);
      return { start: start, end: advance(checkedText, start, f.length), text: f.fix };
    }

    /** Replace ranges (disjoint) of the checked text as one edit, so that Ctrl+Z takes it back; then check again. */
    function applyFixes(ranges) {
      if (area.value !== checkedText) { run(); return; }   // typed since the check: check first, fix nothing
      ranges.sort(function (a, b) { return b.start - a.start; });
      var text = area.value, last = Infinity, first = Infinity, lastEnd = 0;
      ranges = ranges.filter(function (r) { var ok = r.end <= last; if (ok) last = r.start; return ok; });
      if (!ranges.length) return;
      ranges.forEach(function (r) { first = Math.min(first, r.start); lastEnd = Math.max(lastEnd, r.end); });
      var span = text.slice(first, lastEnd), shift = first;
      ranges.forEach(function (r) { span = span.slice(0, r.start - shift) + r.text + span.slice(r.end - shift); });
      var end = first + span.length;
      area.focus();
      // the box's own undo, like typing, 清空 and 选择文件: one Ctrl+Z takes back every fix of one click
      undo.set(text.slice(0, first) + span + text.slice(lastEnd), [first, end]);
      area.setSelectionRange(end, end);
      run();
    }

    applyAll.addEventListener("click", function () {
      applyFixes(findings.filter(function (f) { return typeof f.fix === "string"; }).map(fixRange));
    });

    list.addEventListener("click", function (ev) {
      var apply = ev.target.closest ? ev.target.closest(".gc-apply") : null;
      if (apply) { applyFixes([fixRange(findings[parseInt(apply.getAttribute("data-index"), 10)])]); return; }
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
