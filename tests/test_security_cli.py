"""Every text the command lines read or print (issue 20 §4), and the crafted .docx
files of §1 through the command lines: a Chinese message and a truthful exit code,
never a traceback; file names printed escaped; the output file written as the user
expects (mode, symbolic links, full disks)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import hostile  # noqa: E402

CHECK = [sys.executable, str(ROOT / "scripts" / "check_report.py")]
FORMAT = [sys.executable, str(ROOT / "scripts" / "format_report.py")]
DRAFT = "2026年度述职报告\n一年来，本人来XX镇调研，认真履行职责。\n"
# Without a title the formatter names its output after the draft's file (草稿名（公文格式）.docx),
# which is where a hostile file name reaches the output name and the messages.
UNTITLED = "一年来，本人来XX镇调研，认真履行职责。\n"
GBK_NAME = os.fsdecode("报告".encode("gbk") + b".txt")          # not UTF-8: arrives as surrogates
ESCAPED_GBK = "\\xb1\\xa8\\xb8\\xe6.txt"


def run(argv, timeout=120, **kw):
    streams = {} if "stdout" in kw else {"capture_output": True}
    return subprocess.run([os.fsencode(a) if isinstance(a, str) else a for a in argv], timeout=timeout,
                          cwd=kw.pop("cwd", ROOT), **streams, **kw)


def text(b: bytes) -> str:
    return b.decode("utf-8")   # strict: the tools print UTF-8 only


def no_traceback(r):
    assert b"Traceback" not in r.stderr and "内部出错".encode() not in r.stderr, r.stderr.decode("utf-8", "replace")


# --- file names that are not UTF-8 --------------------------------------------------------

def test_check_prints_a_non_utf8_name_escaped(tmp_path):
    path = tmp_path / GBK_NAME
    path.write_text(DRAFT, "utf-8")
    r = run(CHECK + [str(path)])
    no_traceback(r)
    assert r.returncode == 1
    assert text(r.stdout).startswith(str(tmp_path) + "/" + ESCAPED_GBK + ":2:")
    # JSON: the name as a JSON escape that gives the same bytes back
    r = run(CHECK + [str(path), "--format", "json"])
    assert r.returncode == 1
    [res] = json.loads(text(r.stdout))
    assert os.fsencode(res["path"]) == os.fsencode(str(path))


def test_missing_non_utf8_name_is_not_found(tmp_path):
    r = run(CHECK + [str(tmp_path / GBK_NAME)])
    no_traceback(r)
    assert r.returncode == 2 and text(r.stderr) == f"{tmp_path}/{ESCAPED_GBK}: 找不到这个文件\n"
    r = run(FORMAT + [str(tmp_path / GBK_NAME)])
    no_traceback(r)
    assert r.returncode == 2 and "找不到这个文件" in text(r.stderr) and ESCAPED_GBK in text(r.stderr)


def test_format_writes_and_says_so_for_a_non_utf8_name(tmp_path):
    path = tmp_path / GBK_NAME
    path.write_text(UNTITLED, "utf-8")
    r = run(FORMAT + [str(path)])
    no_traceback(r)
    assert r.returncode == 0
    out = os.fsencode(str(tmp_path)) + "/".encode() + "报告".encode("gbk") + "（公文格式）.docx".encode()
    assert Path(os.fsdecode(out)).read_bytes().startswith(b"PK\x03\x04")
    assert text(r.stdout) == f"已生成 {tmp_path}/\\xb1\\xa8\\xb8\\xe6（公文格式）.docx（标准版（仿宋_GB2312 等国标字体））\n"


# --- terminal escapes in names: one escaping for both tools ---------------------------------

def test_format_escapes_terminal_sequences_in_names(tmp_path):
    name = "报告\x1b[2J\x1b]52;c;ZWNobyBoaQ==\x07.txt"
    (tmp_path / name).write_text(UNTITLED, "utf-8")
    r = run(FORMAT + [str(tmp_path / name)])
    assert r.returncode == 0
    out = text(r.stdout)
    assert "\x1b" not in out and "\x07" not in out
    # the output is named after the draft, its control characters made harmless (issue 18's file names)
    assert "报告 [2J ]52;c;ZWNobyBoaQ==（公文格式）.docx" in out
    # errors too: the output exists already; the draft's name in the message is escaped
    r = run(FORMAT + [str(tmp_path / name)])
    assert r.returncode == 2
    err = text(r.stderr)
    assert "\x1b" not in err and "\x07" not in err and "输出文件已存在" in err and err.count("\\x1b]52") == 1
    # and the checker escapes the same name the same way
    r = run(CHECK + [str(tmp_path / name)])
    assert "报告\\x1b[2J\\x1b]52;c;ZWNobyBoaQ==\\x07.txt:1:" in text(r.stdout)


# --- &#xD800; in document.xml --------------------------------------------------------------

def test_lone_surrogate_reference_is_read_like_the_page(tmp_path):
    path = tmp_path / "d.docx"
    path.write_bytes(hostile.docx(hostile.one_paragraph("", "一年来&#xD800;本人来XX镇调研。")))
    r = run(CHECK + [str(path), "--format", "json"])
    no_traceback(r)
    assert r.returncode == 1
    assert [f["rule"] for f in json.loads(text(r.stdout))[0]["findings"]][:1] == ["placeholder"]
    r = run(FORMAT + [str(path)])
    no_traceback(r)
    assert r.returncode == 0
    from docx import Document
    doc = Document(str(tmp_path / "d（公文格式）.docx"))
    assert "一年来\ufffd本人来XX镇调研。" in [p.text for p in doc.paragraphs]


# --- the output file ----------------------------------------------------------------------

@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_mode_follows_the_umask(tmp_path, umask, mode):
    (tmp_path / "d.txt").write_text(DRAFT, "utf-8")
    r = run(FORMAT + [str(tmp_path / "d.txt"), "-o", str(tmp_path / "out.docx")], preexec_fn=lambda: os.umask(umask))
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(os.stat(tmp_path / "out.docx").st_mode) == mode
    # an existing file, overwritten, keeps its own mode
    os.chmod(tmp_path / "out.docx", 0o640)
    r = run(FORMAT + [str(tmp_path / "d.txt"), "-o", str(tmp_path / "out.docx"), "--force"],
            preexec_fn=lambda: os.umask(umask))
    assert r.returncode == 0 and stat.S_IMODE(os.stat(tmp_path / "out.docx").st_mode) == 0o640


def test_force_writes_through_a_symlink(tmp_path):
    (tmp_path / "d.txt").write_text(DRAFT, "utf-8")
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "述职报告.docx"
    real.write_bytes(b"old")
    link = tmp_path / "link.docx"
    link.symlink_to(real)
    r = run(FORMAT + [str(tmp_path / "d.txt"), "-o", str(link)])
    assert r.returncode == 2 and "已存在" in text(r.stderr)
    r = run(FORMAT + [str(tmp_path / "d.txt"), "-o", str(link), "--force"])
    assert r.returncode == 0, r.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes().startswith(b"PK\x03\x04")
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["述职报告.docx"]   # no temporary left


def test_output_name_over_255_bytes_says_to_use_o(tmp_path):
    """The default name is cut to 60 characters (ReportDocx.fileName); a name given
    with -o is the user's own and may be longer than the file system takes."""
    (tmp_path / "d.txt").write_text(UNTITLED, "utf-8")
    long = "长" * 90 + ".docx"                  # 275 bytes
    r = run(FORMAT + [str(tmp_path / "d.txt"), "-o", str(tmp_path / long)])
    no_traceback(r)
    assert r.returncode == 2 and "文件名太长" in text(r.stderr) and "-o" in text(r.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.txt"]
    stem = "长" * 80                          # a long draft name: the default output name is cut, and fits
    (tmp_path / f"{stem}.txt").write_text(UNTITLED, "utf-8")
    r = run(FORMAT + [str(tmp_path / f"{stem}.txt")])
    assert r.returncode == 0 and len(os.fsencode(next(tmp_path.glob("*.docx")).name)) <= 255


def test_full_disk_is_said_as_such(tmp_path):
    """A 16 KB tmpfs in a private mount namespace (unshare: no root needed where user
    namespaces are on): the .docx (about 9 KB) does not fit beside what is there."""
    (tmp_path / "d.txt").write_text(DRAFT * 20, "utf-8")
    disk = tmp_path / "disk"
    disk.mkdir()
    script = (f"mount -t tmpfs -o size=16k tmpfs {disk} && head -c 12288 /dev/zero > {disk}/filler && "
              f"exec {sys.executable} {ROOT / 'scripts' / 'format_report.py'} {tmp_path / 'd.txt'} -o {disk / 'out.docx'}")
    r = run(["unshare", "-rm", "sh", "-c", script])
    no_traceback(r)
    assert r.returncode == 2, r.stderr
    err = text(r.stderr)
    assert "磁盘已满" in err and "没有生成文件" in err and "Word" not in err and "WPS" not in err


def test_stdout_on_dev_full(tmp_path):
    (tmp_path / "d.txt").write_text(UNTITLED, "utf-8")
    with open("/dev/full", "wb") as full:
        r = run(FORMAT + [str(tmp_path / "d.txt")], stdout=full, stderr=subprocess.PIPE)
    no_traceback(r)
    # the file is written, and the tool says so (where it can) and exits 0
    assert (tmp_path / "d（公文格式）.docx").read_bytes().startswith(b"PK\x03\x04")
    assert r.returncode == 0 and text(r.stderr).startswith("已生成 ")
    # the checker cannot deliver its results there: it says so and fails
    with open("/dev/full", "wb") as full:
        r = run(CHECK + [str(tmp_path / "d.txt")], stdout=full, stderr=subprocess.PIPE)
    no_traceback(r)
    assert r.returncode == 2 and text(r.stderr) == "无法写出检查结果：标准输出所在的磁盘已满\n"


# --- pipes and Ctrl+C ---------------------------------------------------------------------

def test_exit_code_survives_a_reader_that_stops_early(tmp_path):
    """`check_report.py … | head -1`: more output than a pipe holds, the reader closes
    after one line; the exit code still says the draft has errors, and nothing is
    printed about the closed pipe."""
    path = tmp_path / "d.txt"
    path.write_text("全年XX次，XX次，XX次。\n" * 2_000, "utf-8")
    p = subprocess.Popen(CHECK + [str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    first = p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read()
    assert p.wait(timeout=120) == 1
    assert "placeholder" in text(first) and err == b""


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_ctrl_c_prints_one_chinese_line(tmp_path):
    small, path = tmp_path / "small.txt", tmp_path / "big.txt"
    small.write_text(DRAFT, "utf-8")
    path.write_text(hostile.realistic_text(190_000), "utf-8")
    # what starting, loading the engine and checking a short draft costs on this machine
    started = subprocess.Popen(CHECK + [str(small)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, _, usage = os.wait4(started.pid, 0)
    startup = usage.ru_utime + usage.ru_stime
    # several long drafts; the interrupt comes once the process has used a second of CPU beyond that:
    # it is then checking the long drafts, whatever the machine's load (no sleep that a busy machine outlasts)
    p = subprocess.Popen(CHECK + [str(path)] * 30, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    deadline = time.monotonic() + 300   # a hang guard only
    while cpu_seconds(p.pid) < startup + 1.0:
        assert p.poll() is None, "finished before it was busy checking"
        assert time.monotonic() < deadline, "never busy"
        time.sleep(0.05)
    assert p.poll() is None
    p.send_signal(signal.SIGINT)
    err = p.stderr.read()
    assert p.wait(timeout=30) == 130
    assert text(err) == "已中断，没有完成检查\n"


# --- §1 the crafted files through the command lines: refused, in Chinese -----------------------

@pytest.mark.parametrize("make,said", [
    (hostile.empty_insertions, "修订超过"),
    (hostile.comment_anchors, "批注超过"),
    (hostile.format_changes, "修订超过"),
])
def test_crafted_files_are_refused_by_both_tools(tmp_path, make, said):
    path = tmp_path / "crafted.docx"
    path.write_bytes(make())
    for tool in (CHECK, FORMAT):
        r = run(tool + [str(path)], timeout=120)
        no_traceback(r)
        assert r.returncode == 2 and said in text(r.stderr) and r.stdout == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crafted.docx"]


def test_proto_comment_ids_check_and_format(tmp_path):
    path = tmp_path / "proto.docx"
    path.write_bytes(hostile.proto_comment_ids())
    r = run(CHECK + [str(path), "--format", "json"])
    no_traceback(r)
    findings = json.loads(text(r.stdout))[0]["findings"]
    assert [f["rule"] for f in findings].count("docx-comment") == 3
    r = run(FORMAT + [str(path), "--with-comments"])
    no_traceback(r)
    assert r.returncode == 3                     # the draft's comments are not resolved (issue 18)
    r = run(FORMAT + [str(path), "--with-comments", "--accept-revisions"])
    no_traceback(r)
    assert r.returncode == 0 and (tmp_path / "proto（公文格式）.docx").exists()
