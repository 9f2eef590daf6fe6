"""Time and peak memory of the command lines and the 自查与排版 page on the crafted files
of issue 20, for the closing note. Run by hand, not a test:

    nice .venv/bin/python tests/measure_hostile.py            # the command lines
    nice .venv/bin/python tests/measure_hostile.py --page SITE # the page of a built site (mkdocs build -d SITE)

Each case is written to a temporary folder by tests/hostile.py; each CLI runs in a
child whose own peak RSS comes from wait4; the page runs in headless Chromium, timed
from choosing the file to the page's answer, with the JS heap used afterwards.
Prints one table row per case and tool, and the machine's load.
"""

from __future__ import annotations

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


PAGE_CASES = {
    "2,500 short lines (.txt)": ("lines.txt", lambda: ("一年来，本人认真履行职责。\n" * 2_500).encode()),
    "20,000 （ in one line (.txt)": ("parens.txt", lambda: ("（" * 20_000).encode()),
    "2.6M empty <w:ins/> (31 KB)": ("ins.docx", hostile.empty_insertions),
    "comment ids __proto__ …, then 生成 twice": ("proto.docx", hostile.proto_comment_ids),
}


LIMIT_S = 400   # a case still busy after this long is reported as "> 400 s"


def page(site: str):
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
            path = Path(tmp) / name
            path.write_bytes(make())
            context = browser.new_context(bypass_csp=True, accept_downloads=True)
            pg = context.new_page()
            pg.goto(url)
            pg.wait_for_function("window.ReportEngine && document.getElementById('guide-checker').dataset.state === 'done'")
            t0 = time.monotonic()
            pg.set_input_files("#gc-file", str(path))
            try:
                pg.wait_for_function("['done', 'error', 'idle'].includes(document.getElementById('guide-checker').dataset.state)"
                                     " && !document.getElementById('gc-file-status').textContent.includes('正在读取')",
                                     timeout=LIMIT_S * 1000)
            except Exception:       # still busy: report the bound
                print(f"| {label} | > {LIMIT_S} | – | still busy |", flush=True)
                context.close()
                continue
            seconds = time.monotonic() - t0
            said = pg.inner_text("#gc-file-status")
            if name == "proto.docx":
                pg.check("#gc-with-comments")
                for _ in range(2):
                    pg.click("#gc-download")
                    pg.wait_for_timeout(500)
                said = pg.inner_text("#gc-format-status")
            client = context.new_cdp_session(pg)
            client.send("HeapProfiler.collectGarbage")
            heap = client.send("Runtime.getHeapUsage")["usedSize"] / 2**20
            print(f"| {label} | {seconds:.1f} | {heap:.0f} | {said[:80]} |", flush=True)
            context.close()
        browser.close()
    server.shutdown()


def main():
    if sys.argv[1:2] == ["--page"]:
        page(sys.argv[2])
        print(f"load average: {os.getloadavg()}")
        return
    only = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        print("| case | tool | wall s | CPU s | peak MB | exit | says |")
        print("|---|---|---|---|---|---|---|")
        for label, (name, make) in CASES.items():
            if only and not any(o in name for o in only):
                continue
            path = Path(tmp) / name
            path.write_bytes(make())
            for tool, extra in TOOLS.items():
                argv = [sys.executable, str(ROOT / "scripts" / tool), str(path)]
                if extra:
                    argv += extra + [str(Path(tmp) / ("out-" + name))]
                seconds, cpu, peak, code, said = run(argv)
                print(f"| {label} | {tool} | {seconds:.1f} | {cpu:.1f} | {peak:.0f} | {code} | {said.splitlines()[0][:90] if said else ''} |",
                      flush=True)
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
