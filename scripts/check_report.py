#!/usr/bin/env python3
"""提交前自查（命令行）：检查述职报告草稿。

    python scripts/check_report.py 报告.docx [更多文件…] [--format text|json] [--year 2026]

每条结果一行：路径:行:列: 级别 [规则] 说明 → 建议
退出码：0 没有错误；1 至少一处错误；2 有文件无法读取（说明写在标准错误输出）。
读取 .txt、.md（UTF-8，带不带 BOM 都可以；GB18030/GBK）和 .docx；不修改任何文件。
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_checker import check  # noqa: E402

MAX_BYTES = 5 * 1024 * 1024
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class ReadError(Exception):
    """A file we cannot check; the message is for the user, in Chinese."""


def _decode_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    elif data.startswith(b"\xff\xfe"):
        text = data[2:].decode("utf-16-le", errors="replace")
    elif data.startswith(b"\xfe\xff"):
        text = data[2:].decode("utf-16-be", errors="replace")
    else:
        if b"\x00" in data:
            raise ReadError("这不是文本文件，无法检查")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise ReadError("无法识别文件的编码（不是 UTF-8 或 GBK/GB18030），无法检查") from None
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\x0c") or ch in "\x7f\ufffd")
    if bad > max(2, len(text) / 100):
        raise ReadError("这不是文本文件，无法检查")
    if not text.strip():
        raise ReadError("文件是空的")
    return text


def _heading_level(style_name: str) -> int | None:
    import re
    m = re.match(r"^(?:heading|标题)\s*([1-9])$", style_name or "", re.I)
    return int(m.group(1)) if m else None


def _read_docx(path: Path) -> tuple[str, dict[int, int]]:
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a project requirement
        raise ReadError("读取 .docx 需要 python-docx：pip install -r requirements.txt") from None
    try:
        document = docx.Document(str(path))
        # style id → name once (Paragraph.style looks the styles part up on every call)
        names = {s.style_id: s.name for s in document.styles}
        lines: list[str] = []
        levels: dict[int, int] = {}
        for para in document.paragraphs:
            level = _heading_level(names.get(para._p.style) or "")
            if level:
                levels[len(lines) + 1] = level
            lines.extend(para.text.split("\n"))
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, Exception):
        raise ReadError("文件已损坏或不完整，无法作为 .docx 读取；请用 Word 打开后另存为 .docx 再试") from None
    text = "\n".join(lines)
    if not text.strip():
        raise ReadError("文档中没有文字")
    return text, levels


def read_report(path: Path) -> tuple[str, dict[int, int]]:
    """The text of a draft and the heading levels its Word styles give."""
    if not path.exists():
        raise ReadError("找不到这个文件")
    if path.is_dir():
        raise ReadError("这是一个文件夹，请指定报告文件")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError("文件超过 5 MB，不像是一篇述职报告，请只保留正文后再试")
        with open(path, "rb") as f:
            data = f.read()
    except ReadError:
        raise
    except PermissionError:
        raise ReadError("没有读取这个文件的权限") from None
    except OSError:
        raise ReadError("无法读取这个文件") from None
    if not data.strip():
        raise ReadError("文件是空的")
    if data.startswith(OLE):
        if ENCRYPTED in data:
            raise ReadError("这个 .docx 设置了打开密码，请在 Word 中取消密码后另存，再来检查")
        raise ReadError("这是旧版 Word 文档（.doc），请另存为 .docx 后再检查")
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        return _read_docx(path)
    return _decode_text(data), {}


def _parse_args(argv):
    class Parser(argparse.ArgumentParser):
        def error(self, message):
            self.print_usage(sys.stderr)
            print(f"参数有误：{message}", file=sys.stderr)
            sys.exit(2)

    parser = Parser(
        prog="check_report.py",
        description="提交前自查：检查述职报告草稿中的占位符、序号、标点、规范表述、结构、篇幅和个人信息。",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件：.docx、.txt 或 .md")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    parser.add_argument("--year", type=int, metavar="YYYY", help="报告年度，用于检查有时效的表述")
    args = parser.parse_args(argv)
    if args.year is not None and not 2000 <= args.year <= 2100:
        parser.error("--year 应为 2000 到 2100 之间的年份")
    return args


def main(argv=None) -> int:
    args = _parse_args(argv)
    results = []
    status = 0
    for name in args.paths:
        path = Path(name)
        try:
            text, levels = read_report(path)
        except ReadError as e:
            print(f"{name}: {e}", file=sys.stderr)
            results.append({"path": name, "error": str(e), "findings": []})
            status = 2
            continue
        findings = check(text, year=args.year, heading_levels=levels)
        results.append({"path": name, "findings": findings})
        if any(f["level"] == "错误" for f in findings) and status == 0:
            status = 1
    if args.format == "json":
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for res in results:
            for f in res["findings"]:
                line = f"{res['path']}:{f['line']}:{f['col']}: {f['level']} [{f['rule']}] {f['message']}"
                if f["suggestion"]:
                    line += f" → {f['suggestion']}"
                print(line)
    return status


if __name__ == "__main__":
    try:
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    except (AttributeError, ValueError):  # pragma: no cover
        pass
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
