#!/usr/bin/env python3
"""一键排版（命令行）：把述职报告草稿排成 GB/T 9704—2012 公文格式的 Word 文件。

    python scripts/format_report.py 草稿.txt -o 述职报告.docx [--fonts standard|system]
                                    [--with-comments] [--year 2026] [--force] [--accept-revisions]

读取 .txt、.md（UTF-8、GBK/GB18030、带 BOM 的 UTF-16）和 .docx（取文字和表格，
段内换行保留；不带原来的字体、字号、加粗、颜色和手动间距）。标题、称谓、各级标题、
正文、署名和日期由引擎识别，套用网站模板（scripts/build_template.py）的样式；表格套用
模板的表格样式；署名和日期按 7.3.5.2 计算位置。--with-comments 把自查意见作为批注附在
相应文字上。生成前把排版要做的事（保留了什么、去掉了什么）逐条打印出来，与页面上的说明相同。

.docx 里有没处理的修订或批注时不生成（退出码 3），除非加 --accept-revisions：
生成的文件接受全部修订、不带原批注。不写 -o 时，文件以报告标题命名
（2026年度述职述廉报告.docx），放在草稿同目录下，与页面下载的文件同名。

排版引擎是在线“自查与排版”页面用的同一份 JavaScript（engine/ 下的脚本识别
段落，engine/docx-write.js 写 .docx），经 scripts/engine_host.py 在 V8 中运行：同一
草稿、同样选项，页面下载的文件与这里生成的逐字节相同。

不修改输入文件；输出文件不能是输入文件，已存在时要加 --force 才覆盖。
退出码：0 已生成；2 无法读取输入、参数有误或无法写出；3 草稿有没处理的修订或批注
（说明都写在标准错误输出）；130 按了 Ctrl+C（没有留下写了一半的文件）。输出文件的权限按 umask
（覆盖已有文件时保留它原来的权限）；输出文件是符号链接时，写到它指向的文件，链接不变。
"""

from __future__ import annotations

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_interrupt  # noqa: E402

if __name__ == "__main__":
    cli_interrupt.install("没有生成文件")

import errno
import hashlib
import stat
import tempfile
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# the checker's reader and argument parser: same inputs, same messages
from check_report import (ChineseArgumentParser, add_type_argument, os_reason, quiet_stdout,  # noqa: E402
                          read_report, run_main, shown, year_argument)
from engine_host import EngineError, ReadError, formatter, latin1  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CACHE = ROOT / ".build-cache" / "templates"   # not .cache/: zensical build --clean wipes it
FONTS = {"standard": "标准版（仿宋_GB2312 等国标字体）", "system": "系统字体版（Windows 自带字体）"}


def template_bytes(fonts: str) -> bytes:
    """The site's template (the 模板 download) for a font variant. Building it
    takes python-docx about a second, so it is kept in .build-cache/templates/ under
    the hash of everything it is built from."""
    script = ROOT / "scripts" / "build_template.py"
    digest = hashlib.sha256(metadata.version("python-docx").encode())
    for path in [script] + sorted(DATA.rglob("*.yml")):
        digest.update(path.read_bytes())
    cached = CACHE / f"{digest.hexdigest()[:20]}-{fonts}.docx"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    import build_template as bt

    variant = bt.STANDARD if fonts == "standard" else bt.SYSTEM
    data = bt.build_docx("template", variant)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=CACHE, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, cached)
    except OSError:
        pass                                   # a read-only checkout: build each time
    return data


def format_draft(draft, fonts: str = "standard", with_comments: bool = False, year: int | None = None,
                 report_type: str | None = None) -> bytes:
    """A draft (text, or paragraphs from a .docx) → the .docx bytes, as the page makes them."""
    options = {"template": latin1(template_bytes(fonts)), "withComments": with_comments, "year": year,
               "type": report_type}
    return formatter().call("ReportDocx.formatLatin1", draft, options).encode("latin-1")


def write_docx(template: bytes, paragraphs: list[dict], comments: list[dict] | None = None) -> bytes:
    """Paragraphs whose kinds are known (data/*.yml) → .docx bytes, on a template."""
    options = {"template": latin1(template), "paragraphs": paragraphs, "comments": comments}
    return formatter().call("ReportDocx.writeLatin1", options).encode("latin-1")


def _parse_args(argv):
    parser = ChineseArgumentParser(
        prog="format_report.py",
        description="一键排版：把述职报告草稿排成 GB/T 9704—2012 公文格式的 Word 文件。",
    )
    parser.add_argument("path", metavar="草稿", help="草稿文件：.txt、.md 或 .docx")
    parser.add_argument("-o", "--output", metavar="输出.docx",
                        help="输出的 Word 文件（默认：草稿同目录下、以报告标题命名的 .docx，如“2026年度述职报告.docx”，"
                             "与页面下载的文件同名；没有标题时为“草稿名（公文格式）.docx”）")
    parser.add_argument("--fonts", choices=sorted(FONTS), default="standard",
                        help="字体：standard 国标字体（默认），system 只用 Windows 自带字体")
    parser.add_argument("--with-comments", action="store_true", help="把自查意见作为批注附在文中")
    parser.add_argument("--year", type=year_argument, metavar="YYYY", help="报告年度，用于检查有时效的表述和年份是否一致（不写时取标题或开头的年份）")
    add_type_argument(parser)
    parser.add_argument("--force", action="store_true", help="输出文件已存在时覆盖它")
    parser.add_argument("--accept-revisions", action="store_true",
                        help="草稿（.docx）有没处理的修订或批注时照样生成：接受全部修订，不带原批注")
    args = parser.parse_args(argv)
    return args


class OutputError(Exception):
    """The output cannot be written; the message is for the user, in Chinese."""


class PendingError(Exception):
    """The draft has tracked changes or comments nobody has resolved; the message is for the user."""


def plan(draft, docx: dict | None, source_name: str, accept_revisions: bool = False) -> dict:
    """ReportDocx.plan: the file name, the revisions and comments left open, and what the
    formatting will do, in the words the page shows."""
    options = {"docx": docx, "sourceName": source_name, "acceptRevisions": accept_revisions}
    return formatter().call("ReportDocx.plan", draft, options)


def pending_message(pending: dict) -> str:
    parts = [f"{pending['revisions']}处修订" if pending["revisions"] else "",
             f"{pending['comments']}条批注" if pending["comments"] else ""]
    return (f"草稿中有{'、'.join(p for p in parts if p)}没有处理，没有生成文件。生成的文件会接受全部修订、"
            "不带原批注：请先在 Word 中处理（审阅 → 接受/拒绝修订，删除批注），"
            "或加 --accept-revisions 接受全部修订并生成")


# A file name's longest length on Linux and macOS file systems (NAME_MAX), in bytes
NAME_MAX = 255


def output_path(source: Path, output: str | None, force: bool, name: str | None = None) -> Path:
    target = Path(output) if output else source.with_name(name or f"{source.stem}（公文格式）.docx")
    if len(os.fsencode(target.name)) > NAME_MAX:
        raise OutputError(f"输出文件名太长（超过 {NAME_MAX} 字节）：请用 -o 指定一个短一些的文件名，如 -o 述职报告.docx")
    try:
        same = target.exists() and source.exists() and os.path.samefile(source, target)
    except OSError:
        same = False
    if same or target.resolve() == source.resolve():
        raise OutputError("输出文件不能是草稿本身：请用 -o 指定另一个文件名")
    if target.suffix.lower() != ".docx":
        raise OutputError(f"输出文件应以 .docx 结尾：{target}")
    if target.is_dir():
        raise OutputError(f"输出位置是一个文件夹：{target}")
    if not target.parent.is_dir():
        raise OutputError(f"输出文件夹不存在：{target.parent}")
    if target.exists() and not force:
        raise OutputError(f"输出文件已存在：{target}（加 --force 覆盖）")
    return target


def _new_file_mode(target: Path) -> int:
    """The mode the file gets: an existing file's own, else what the umask leaves of 0666
    (mkstemp's 0600 would hide the report from colleagues a shared folder is meant for)."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomically(target: Path, data: bytes) -> None:
    """Into a temporary file beside the target, then renamed: never a half-written .docx.
    A target that is a symbolic link is written through: the file it points to is
    replaced, the link stays."""
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".format_report-", suffix=".docx")
    except OSError as e:
        raise OutputError(f"无法在这个文件夹里写文件：{target.parent}（{os_reason(e)}）") from None
    cli_interrupt.PARTIAL.append(tmp)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), _new_file_mode(target))
            f.write(data)
        os.replace(tmp, target)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if e.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY) and target.exists():
            reason = "没有写入权限，或文件正在 Word 或 WPS 中打开"
        else:
            reason = os_reason(e)
        raise OutputError(f"无法写出文件：{target}（{reason}），没有生成文件") from None
    finally:
        cli_interrupt.PARTIAL.remove(tmp)


def main(argv=None) -> int:
    args = _parse_args(argv)
    source = Path(args.path)
    try:
        if args.output:
            output_path(source, args.output, args.force)     # a wrong -o is said before the draft is read
        doc = read_report(source, whole_docx=True)
        docx = doc if isinstance(doc, dict) else None
        draft = docx["paragraphs"] if docx else doc
        # a name that is not UTF-8 (GBK on a shared disk) reaches the engine with U+FFFD for its odd bytes
        name = source.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        steps = plan(draft, docx, name, args.accept_revisions)
        if (steps["pending"]["revisions"] or steps["pending"]["comments"]) and not args.accept_revisions:
            raise PendingError(pending_message(steps["pending"]))
        file_name = steps["fileName"]
        if not steps["title"] and name != source.name:
            file_name = f"{source.stem}（公文格式）.docx"   # named after the draft: keep its own bytes
        target = output_path(source, args.output, args.force, file_name)
        data = format_draft(draft, args.fonts, args.with_comments, args.year, args.type)
        write_atomically(target, data)
    except PendingError as e:
        print(f"{shown(args.path)}: {e}", file=sys.stderr)
        return 3
    except (ReadError, OutputError) as e:
        print(shown(f"{args.path}: {e}"), file=sys.stderr)
        return 2
    except EngineError as e:
        print(shown(f"{args.path}: 排版引擎无法处理这个文件（{str(e).splitlines()[0][:200]}）"), file=sys.stderr)
        return 2
    notices = [shown(f"说明：{notice}") for notice in steps["notices"]]
    done = shown(f"已生成 {target}（{FONTS[args.fonts]}{'，附自查意见批注' if args.with_comments else ''}）")
    try:
        for notice in notices:
            print(notice)
        print(done)
        sys.stdout.flush()
    except OSError:              # stdout closed or on a full disk: the file is there all the same; say so where we can
        quiet_stdout()
        print(done, file=sys.stderr)
    return 0


if __name__ == "__main__":
    run_main(main, "排版工具内部出错，没有生成文件")
