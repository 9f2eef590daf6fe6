#!/usr/bin/env python3
"""提交前自查（命令行）：检查述职报告草稿。

    python scripts/check_report.py 报告.docx [更多文件…] [--format text|json] [--year 2026] [--type 述职述廉]
    python scripts/check_report.py - < 报告.txt      （“-”从标准输入读取）

每条结果一行：路径:行:列: 级别 [规则] 说明 → 建议；什么也没发现时只有一行“没有发现问题”（表格里的文字在级别前写明位置，如
“表格第2行第1列”）。
行、列是页面文本框里的行和列：Word 草稿中表格的每一格、段内换行（Shift+Enter）隔开的每一部分都各占一行，
所以表格或段内换行之后的行号比在 Word 里数段落大。
退出码：0 没有错误；1 至少一处错误；2 有文件无法读取，或结果无法写出（说明写在标准错误输出）；
130 按了 Ctrl+C。结果只读了一部分就关上的管道（如 `… | head -1`）不改变退出码。
读取 .txt、.md（UTF-8，带不带 BOM 都可以；GB18030/GBK；带 BOM 的 UTF-16）和 .docx；不修改任何文件。
.md 开头的 YAML 元数据（--- 之间的几行）不是正文，不检查。只读普通文件（不读管道、设备），
最多读到大小上限多一个字节。文本输出里，草稿和文件名中的控制字符写成 \x1b 一类的转义，不会操纵终端；
不是 UTF-8 的文件名（如 GBK 编码的名字）按原来的字节写成 \xb1 一类的转义。
规则在 docs/assets/javascripts/engine/ 下的脚本里，与在线自查页面是同一个引擎
（经 scripts/engine_host.py 在 V8 中运行）；这里只读文件、解析参数、输出结果。
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_interrupt  # noqa: E402

if __name__ == "__main__":
    cli_interrupt.install("没有完成检查")

import argparse
import errno
import json
import re
import stat
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_host import EngineError, ReadError, default_data, engine, type_name_rule  # noqa: E402

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
STDIN = "-"
NOTHING_FOUND = "没有发现问题"
# What a terminal would act on rather than show: C0 (newline and tab too: a
# finding is one line), DEL, C1, and the bidi and line-separator controls.
# Lone surrogates too: a file name that is not valid UTF-8 arrives with its bytes as
# U+DC80..U+DCFF (surrogateescape) and cannot be printed as it is.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# What a text file does not hold, unless it is not text at all: C0 controls but tab, newline, form feed and
# carriage return; DEL; the replacement character (bytes that did not decode)
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
# In JSON, C0 controls inside strings are already escaped (the newlines left are its layout).
JSON_CONTROLS = re.compile("[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _limits() -> dict:
    return default_data()["rules"]["limits"]


def _decode_text(data: bytes, messages: dict) -> str:
    """.txt / .md bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (covers GBK)."""
    if data.startswith(b"\xff\xfe"):
        text = data[2:].decode("utf-16-le", errors="replace")
    elif data.startswith(b"\xfe\xff"):
        text = data[2:].decode("utf-16-be", errors="replace")
    else:
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        elif b"\x00" in data:
            raise ReadError(messages["notText"])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise ReadError(messages["encoding"]) from None
    bad = len(NOT_TEXT.findall(text))
    if bad > max(2, len(text) / 100):
        raise ReadError(messages["notText"])
    if not text.strip():
        raise ReadError(messages["empty"])
    return text


def _too_big(messages: dict, max_bytes: int) -> ReadError:
    return ReadError(messages["tooBig"].replace("{mb}", str(max_bytes // (1024 * 1024))))


def _read_bytes(path: Path, messages: dict, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes of a regular file (or of standard input for
    "-"). The file is opened without blocking and checked on the open handle,
    so a FIFO, a device or a file swapped for one never hangs the checker."""
    if str(path) == STDIN:
        if sys.stdin is None:
            raise ReadError("没有标准输入，请指定报告文件")
        if sys.stdin.isatty():
            print("请输入或粘贴报告全文，输完后另起一行按 Ctrl+D（Windows 按 Ctrl+Z 再回车）结束。", file=sys.stderr)
        return sys.stdin.buffer.read(max_bytes + 1)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ReadError("链接指向的文件不存在" if path.is_symlink() else "找不到这个文件") from None
    except IsADirectoryError:
        raise ReadError("这是一个文件夹，请指定报告文件") from None
    except PermissionError:
        raise ReadError("没有读取这个文件的权限") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReadError("链接无法解析（符号链接循环指向自身），请指定报告文件本身") from None
        if e.errno == errno.ENAMETOOLONG:
            raise ReadError("文件名或路径太长") from None
        raise ReadError("无法读取这个文件") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("这是一个文件夹，请指定报告文件")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("这不是普通文件（是管道、设备或套接字），请指定报告文件")
        if info.st_size > max_bytes:
            raise _too_big(messages, max_bytes)
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError:
        raise ReadError("无法读取这个文件") from None
    finally:
        os.close(fd)


def blank_front_matter(text: str) -> str:
    """A .md file's YAML front matter (--- … --- or ... at the very top) is
    metadata, not prose: its lines become empty lines, so line numbers of the
    prose stay those of the file."""
    lines = text.split("\n")
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        return text
    for end in range(1, min(len(lines), 200)):
        if lines[end].rstrip() in ("---", "..."):
            return "\n".join([""] * (end + 1) + lines[end + 1:])
    return text


def _read_input(path: Path):
    """(bytes, is_docx) of a draft, refused in Chinese when too big or empty."""
    messages = engine().messages()
    max_bytes = _limits()["max_bytes"]
    data = _read_bytes(path, messages, max_bytes)
    if len(data) > max_bytes:
        raise _too_big(messages, max_bytes)
    if not data.strip():
        raise ReadError(messages["empty"])
    return data, data.startswith(OLE) or data.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx"


def _prose(path: Path, data: bytes) -> str:
    text = _decode_text(data, engine().messages())
    return blank_front_matter(text) if path.suffix.lower() in (".md", ".markdown") else text


def read_report(path: Path, whole_docx: bool = False):
    """A draft as the engine takes it: text (str) for .txt/.md, paragraphs (list) for .docx;
    with ``whole_docx``, read_docx()'s whole result for a .docx (paragraphs, and the
    comments, revisions and hidden text the checker reports). ``-`` is standard input."""
    data, is_docx = _read_input(path)
    if is_docx:
        doc = engine().read_docx(data)
        return doc if whole_docx else doc["paragraphs"]
    return _prose(path, data)


def check_file(path: Path, year: int | None = None, report_type: str | None = None) -> list[dict]:
    """The findings for one draft. A .docx is read and checked inside the engine in one
    call: only the findings cross back, not the document (issue 20)."""
    data, is_docx = _read_input(path)
    if is_docx:
        return engine().check_docx(data, year=year, type=report_type)
    return engine().check(_prose(path, data), year=year, type=report_type)


def _escape(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:            # a byte of a name that is not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def shown(text: str) -> str:
    """Text for a terminal, the one escaping both command lines use for whatever
    they print (findings, file names, messages): control characters written as
    escapes, so they cannot clear the screen, fake a result or write the
    clipboard; a file name's bytes that are not UTF-8 as \\xb1."""
    return CONTROLS.sub(lambda m: _escape(m.group()), str(text))


def json_shown(text: str) -> str:
    """JSON output: json.dumps escapes C0 controls; escape the rest too (DEL, C1, bidi)."""
    return JSON_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# argparse's own messages, in Chinese (it looks every message up through gettext).
ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选 %(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的取值 %(value)r",
    "expected one argument": "需要一个取值",
    "expected at least one argument": "至少需要一个取值",
    "expected at most one argument": "最多只能有一个取值",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要参数 %s 中的一个",
    "ignored explicit argument %r": "忽略了多余的取值 %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：参数有误：%(message)s\n",
}


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose messages, help included, are all Chinese; a
    usage error exits with code 2 after one Chinese line."""

    def __init__(self, *args, **kwargs):
        argparse._ = lambda message: ARGPARSE_ZH.get(message, message)
        argparse.ngettext = lambda singular, plural, n: ARGPARSE_ZH.get(singular if n == 1 else plural,
                                                                          singular if n == 1 else plural)
        super().__init__(*args, **kwargs)

    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"参数有误：{message}", file=sys.stderr)
        sys.exit(2)


def year_argument(value: str) -> int:
    if not re.fullmatch(r"\s*[0-9]{4}\s*", value) or not 2000 <= int(value) <= 2100:
        raise argparse.ArgumentTypeError(f"“{value}”不是 2000 到 2100 之间的四位年份，如 --year 2026")
    return int(value)


def report_type_argument(value: str) -> str:
    """--type: a report type's name (述职述廉) or id (shuzhishulian) → its id."""
    types = default_data()["types"]
    for t in types:
        if value.strip() in (t["id"], t["name"]):
            return t["id"]
    raise argparse.ArgumentTypeError(f"“{value}”不是可选的报告类型，可选：{'、'.join(t['name'] for t in types)}")


def add_type_argument(parser: argparse.ArgumentParser) -> None:
    """--type, shared by the checker and the formatter: the report type decides the expected parts and lengths."""
    names = "、".join(t["name"] for t in default_data()["types"])
    parser.add_argument("--type", type=report_type_argument, metavar="类型",
                        help=f"报告类型：{names}；决定应有哪几部分、各占多少篇幅（不写时看标题，看不出时按述职报告）。"
                        f"述职述廉还是述责述廉：{type_name_rule()}")


# What 路径:行:列 counts, for --help (the module docstring says the same)
LINE_NUMBERS = ("行、列是页面文本框里的行和列：Word 草稿中表格的每一格、段内换行（Shift+Enter）隔开的每一部分都各占一行，"
                "所以表格或段内换行之后的行号比在 Word 里数段落大；表格里的文字另写明“表格第2行第1列”。")


def _parse_args(argv):
    parser = ChineseArgumentParser(
        prog="check_report.py",
        description="提交前自查：检查述职报告草稿中的占位符、序号、标点、规范表述、结构、篇幅和个人信息。",
        epilog=LINE_NUMBERS,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件：.docx、.txt 或 .md；“-”从标准输入读取")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    parser.add_argument("--year", type=year_argument, metavar="YYYY", help="报告年度，用于检查有时效的表述和年份是否一致（不写时取标题或开头的年份）")
    add_type_argument(parser)
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = _parse_args(argv)
    results = []
    status = 0
    for name in args.paths:
        path = Path(name)
        try:
            findings = check_file(path, args.year, args.type)
        except EngineError as e:
            print(f"{shown(name)}: 检查引擎无法读取这个文件（{shown(str(e).splitlines()[0][:200])}）", file=sys.stderr)
            results.append({"path": name, "error": "检查引擎无法读取这个文件", "findings": []})
            status = 2
            continue
        except ReadError as e:   # unreadable, or over a limit: said in Chinese, nothing checked
            print(f"{shown(name)}: {shown(e)}", file=sys.stderr)
            results.append({"path": name, "error": str(e), "findings": []})
            status = 2
            continue
        except EngineError as e:
            print(f"{shown(name)}: 检查引擎出错，无法检查这个文件（{shown(str(e).splitlines()[0][:200])}）", file=sys.stderr)
            results.append({"path": name, "error": "检查引擎出错，无法检查这个文件", "findings": []})
            status = 2
            continue
        results.append({"path": name, "findings": findings})
        if any(f["level"] == "错误" for f in findings) and status == 0:
            status = 1
    try:
        if args.format == "json":
            sys.stdout.write(json_shown(json.dumps(results, ensure_ascii=False, indent=2)) + "\n")
        else:
            for res in results:
                if not res["findings"] and not res.get("error"):   # one line, as the page says it
                    print(NOTHING_FOUND if len(results) == 1 else shown(f"{res['path']}: {NOTHING_FOUND}"))
                for f in res["findings"]:
                    # a finding in a table says where in the table (表格第2行第1列), as the page does
                    place = f"{f['where']} " if f.get("cell") else ""
                    line = f"{res['path']}:{f['line']}:{f['col']}: {place}{f['level']} [{f['rule']}] {f['message']}"
                    if f["suggestion"]:
                        line += f" → {f['suggestion']}"
                    print(shown(line))
        sys.stdout.flush()
    except BrokenPipeError:      # `… | head -1`: the reader had enough; the exit code still says what was found
        quiet_stdout()
    except OSError as e:         # stdout on a full disk or /dev/full: the results were not written
        quiet_stdout()
        print(f"无法写出检查结果：标准输出{os_reason(e)}", file=sys.stderr)
        return 2
    return status


# Why the system refused a write, in Chinese (the rest by number: rare, and for the maintainer).
OS_REASONS = {
    errno.ENOSPC: "所在的磁盘已满", errno.EDQUOT: "所在的磁盘已满（超出配额）", errno.EROFS: "所在的磁盘是只读的",
    errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限", errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "读写出错（磁盘或网络盘故障）",
}


def os_reason(e: OSError) -> str:
    return OS_REASONS.get(e.errno, f"无法写入（系统错误 {e.errno}）")


def quiet_stdout() -> None:
    """Standard output can take nothing more (a closed pipe, a full disk): point it at
    /dev/null, so that the flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # pragma: no cover
        pass


def run_main(main, failed: str) -> None:
    """Run a command-line main(): UTF-8 output, an exit code for every ending and
    never a traceback (`failed` says in Chinese what did not get done)."""
    try:
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError):  # pragma: no cover
        pass
    try:
        sys.exit(main())
    except ImportError as e:  # pragma: no cover - the packages are in requirements.txt
        print(f"缺少依赖（{e.name}）：请先运行 pip install -r requirements.txt", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:     # only when cli_interrupt's handler is not installed (run from another script)
        _interrupted(failed)
    except BrokenPipeError:
        quiet_stdout()
        sys.exit(141)            # 128 + SIGPIPE, as a shell reports a pipe closed early
    except Exception as e:  # a bug: say so in one Chinese line, never a traceback
        print(f"{failed}（{shown(type(e).__name__ + ': ' + str(e))[:200]}），请把这一行报告给维护者", file=sys.stderr)
        sys.exit(2)


def _interrupted(failed: str) -> None:
    """Ctrl+C where cli_interrupt's handler is not installed: the same line and exit code
    (已中断，没有完成检查; 130), and the same immediate end (see cli_interrupt)."""
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    cli_interrupt.interrupt(failed.split("，", 1)[-1])


if __name__ == "__main__":
    run_main(main, "检查工具内部出错，没有完成检查")
