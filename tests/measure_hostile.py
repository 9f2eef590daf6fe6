"""Time and peak memory of the command lines and the 自查与排版 page on the crafted files
of issue 20, for the closing note. Run by hand, not a test:

    nice .venv/bin/python tests/measure_hostile.py                  # the command lines
    nice .venv/bin/python tests/measure_hostile.py --page SITE      # and the page of a built site (mkdocs build -d SITE)
    nice .venv/bin/python tests/measure_hostile.py --case proto     # only the cases whose label or file name holds "proto"

Each case is written to a temporary folder by tests/hostile.py; each CLI runs in a
child whose own peak RSS comes from wait4; the page runs in headless Chromium, timed
from choosing the file (or clicking 全部替换) to the page's answer, with the JS heap used
afterwards. Prints one table row per case and tool, and the machine's load.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import hostile  # noqa: E402

CASES = {
    "2.6M empty <w:ins/> (31 KB)": ("ins.docx", hostile.empty_insertions),
    "500,000 comment anchors (1.2 MB)": ("anchors.docx", hostile.comment_anchors),
    "1.4M w:rPrChange (39 KB)": ("rprchange.docx", hostile.format_changes),
    "comment ids __proto__ … (1 KB)": ("proto.docx", hostile.proto_comment_ids),
    "&#xD800; in document.xml": ("surrogate.docx",
                                 lambda: hostile.docx(hostile.one_paragraph("", "一年来&#xD800;本人来XX镇调研。"))),
    "body is an HTML altChunk": ("altchunk.docx", lambda: hostile.alt_chunk_html()),
}
TOOLS = {"check_report.py": [], "format_report.py": ["--force", "-o"]}
# the formatter stops at exit 3 on a draft's unresolved comments: told to go on, it reaches the zipping
# that recursed without end on a comment id __proto__
FORMAT_EXTRA = {"proto.docx": ["--with-comments", "--accept-revisions"]}


def run(argv, timeout=180):
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            p.kill()
            _, status, usage = os.wait4(p.pid, 0)
            break
        time.sleep(0.02)
    out, err = p.stdout.read().decode("utf-8", "replace"), p.stderr.read().decode("utf-8", "replace")
    return (time.monotonic() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
            os.waitstatus_to_exitcode(status), (err or out).strip())


def fixable_lines(n: int) -> bytes:
    """n short lines with a sure fix (部暑 → 部署) on the first and on the last: for 全部替换."""
    lines = ["一年来，本人认真履行职责。"] * n
    lines[0] = lines[-1] = "本人认真部暑年度工作。"
    return "\n".join(lines).encode()


PAGE_CASES = {
    "2,500 short lines (.txt)": ("lines.txt", lambda: ("一年来，本人认真履行职责。\n" * 2_500).encode()),
    "5,000 short lines (.txt)": ("lines5000.txt", lambda: ("一年来，本人认真履行职责。\n" * 5_000).encode()),
    "20,000 （ in one line (.txt)": ("parens.txt", lambda: ("（" * 20_000).encode()),
    "200,000 （ in one line (.txt), refused": ("parens200k.txt", lambda: ("（" * 200_001).encode()),
    "2.6M empty <w:ins/> (31 KB)": ("ins.docx", hostile.empty_insertions),
    "comment ids __proto__ …, then 生成 twice": ("proto.docx", hostile.proto_comment_ids),
    "全部替换 on 4,000 lines (typo first and last)": ("fixall.txt", lambda: fixable_lines(4_000)),
}
# counted before any page script runs: the undoable inserts whose cost grew with the square of the lines
COUNT_EXEC = """window.__execCommands = [];
var __exec = Document.prototype.execCommand;
Document.prototype.execCommand = function (name) { window.__execCommands.push(name); return __exec.apply(this, arguments); };"""
STATE = "document.getElementById('guide-checker').dataset.state"


def wanted(label: str, name: str, only: list[str]) -> bool:
    return not only or any(o in label or o in name for o in only)


LIMIT_S = 400   # a case still busy after this long is reported as "> 400 s"


def page(site: str, only: list[str]):
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/checker/"
    print("| case | page: time s | JS heap MB after | says |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for label, (name, make) in PAGE_CASES.items():
            if not wanted(label, name, only):
                continue
            path = Path(tmp) / name
            path.write_bytes(make())
            context = browser.new_context(bypass_csp=True, accept_downloads=True)
            context.add_init_script(COUNT_EXEC)
            pg = context.new_page()
            pg.goto(url)
            pg.wait_for_function(f"window.ReportEngine && {STATE} === 'done'")
            t0 = time.monotonic()
            pg.set_input_files("#gc-file", str(path))
            try:
                pg.wait_for_function(f"['done', 'error', 'idle'].includes({STATE})"
                                     " && !document.getElementById('gc-file-status').textContent.includes('正在读取')",
                                     timeout=LIMIT_S * 1000)
                seconds = time.monotonic() - t0
                said = pg.inner_text("#gc-file-status")
                if name == "proto.docx":
                    said = generate_twice(pg)
                elif name == "fixall.txt":
                    seconds, said = replace_all(pg, path.read_text("utf-8"))
            except Exception:       # still busy: report the bound
                print(f"| {label} | > {LIMIT_S} | – | still busy |", flush=True)
                context.close()
                continue
            client = context.new_cdp_session(pg)
            client.send("HeapProfiler.collectGarbage")
            heap = client.send("Runtime.getHeapUsage")["usedSize"] / 2**20
            said = " ".join(said.split())
            print(f"| {label} | {seconds:.1f} | {heap:.0f} | {said[:100]} |", flush=True)
            context.close()
        browser.close()
    server.shutdown()


def generate_twice(pg) -> str:
    """生成 with 附带自查意见, answering the draft's comments with 接受全部修订并生成; then again for a
    later draft (after a comment id __proto__, zipSync recursed without end for every later draft)."""
    pg.check("#gc-with-comments")
    files, accepted = [], 0
    for draft in (None, "2026年度述职报告\n一年来，本人认真履行职责。"):
        if draft:
            pg.fill("#gc-text", draft)
        with pg.expect_download(timeout=LIMIT_S * 1000) as dl:
            pg.click("#gc-download")
            if pg.locator("#gc-pending").is_visible():
                pg.click("#gc-accept")
                accepted += 1
        files.append(Path(dl.value.path()).read_bytes()[:4] == b"PK\x03\x04")
    prototype = pg.evaluate("Object.getOwnPropertyNames(Object.prototype).filter(k => ['start', 'end', 'ref'].includes(k))")
    return (f"生成 twice: {sum(files)} of 2 .docx ({accepted} via 接受全部修订并生成); "
            f"Object.prototype polluted: {prototype or 'no'}")


def replace_all(pg, original: str) -> tuple[float, str]:
    """Time from clicking 全部替换 to the page's check after it; then one Ctrl+Z."""
    if pg.evaluate(STATE) != "done":
        pg.click("#gc-run")
        pg.wait_for_function(f"{STATE} === 'done'", timeout=LIMIT_S * 1000)
    t0 = time.monotonic()
    pg.click(".gc-apply-all")
    pg.wait_for_function(f"{STATE} === 'done'", timeout=LIMIT_S * 1000)
    seconds = time.monotonic() - t0
    fixed = pg.input_value("#gc-text") == original.replace("部暑", "部署")
    calls = pg.evaluate("window.__execCommands.length")
    pg.focus("#gc-text")
    pg.keyboard.press("Control+z")
    undone = pg.input_value("#gc-text") == original
    return seconds, f"fixed: {fixed}; execCommand calls: {calls}; one Ctrl+Z restores: {undone}"


def main():
    ap = argparse.ArgumentParser(
        description="Time and peak memory of the command lines and the page on issue 20's crafted files "
                    "(by hand, for the closing note; not a test).")
    ap.add_argument("--case", action="append", default=[], metavar="TEXT",
                    help="only cases whose label or file name contains TEXT (repeatable; default: all)")
    ap.add_argument("--page", metavar="SITE", help="also measure the page of a site built into SITE (mkdocs build -d SITE)")
    ap.add_argument("--no-cli", action="store_true", help="skip the command lines (with --page: the page only)")
    args = ap.parse_args()
    if not args.no_cli:
        cli(args.case)
    if args.page:
        page(args.page, args.case)
    print(f"load average: {os.getloadavg()}")


def cli(only: list[str]):
    with tempfile.TemporaryDirectory() as tmp:
        print("| case | tool | wall s | CPU s | peak MB | exit | says |")
        print("|---|---|---|---|---|---|---|")
        for label, (name, make) in CASES.items():
            if not wanted(label, name, only):
                continue
            path = Path(tmp) / name
            path.write_bytes(make())
            for tool, extra in TOOLS.items():
                argv = [sys.executable, str(ROOT / "scripts" / tool), str(path)]
                if extra:
                    argv += FORMAT_EXTRA.get(name, []) + extra + [str(Path(tmp) / ("out-" + name))]
                seconds, cpu, peak, code, said = run(argv)
                print(f"| {label} | {tool} | {seconds:.1f} | {cpu:.1f} | {peak:.0f} | {code} | {said.splitlines()[0][:90] if said else ''} |",
                      flush=True)


if __name__ == "__main__":
    main()
