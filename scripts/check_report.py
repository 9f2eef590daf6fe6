#!/usr/bin/env python3
"""提交前自查（命令行）：检查述职报告草稿。

    python scripts/check_report.py 报告.docx [更多文件…] [--format text|json] [--year 2026]

每条结果一行：路径:行:列: 级别 [规则] 说明 → 建议
退出码：0 没有错误；1 至少一处错误；2 有文件无法读取（说明写在标准错误输出）。
读取 .txt、.md（UTF-8，带不带 BOM 都可以；GB18030/GBK；带 BOM 的 UTF-16）和 .docx；不修改任何文件。
规则在 docs/assets/javascripts/report_engine.js 里，与在线自查页面是同一个引擎
（经 scripts/engine_host.py 在 V8 中运行）；这里只读文件、解析参数、输出结果。
"""

from __future__ import annotations

import argparse
import json
import stat
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_host import EngineError, ReadError, default_data, engine  # noqa: E402

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\x0c") or ch in "\x7f\ufffd")
    if bad > max(2, len(text) / 100):
        raise ReadError(messages["notText"])
    if not text.strip():
        raise ReadError(messages["empty"])
    return text


def read_report(path: Path, whole_docx: bool = False):
    """A draft as the engine takes it: text (str) for .txt/.md, paragraphs (list) for .docx;
    with ``whole_docx``, read_docx()'s whole result for a .docx (paragraphs, and the
    comments, revisions and hidden text the checker reports)."""
    messages = engine().messages()
    max_bytes = _limits()["max_bytes"]
    try:
        if not path.exists():
            raise ReadError("找不到这个文件")
        if path.is_dir():
            raise ReadError("这是一个文件夹，请指定报告文件")
        if not stat.S_ISREG(path.stat().st_mode):
            raise ReadError("这不是普通文件，请指定报告文件")
        if path.stat().st_size > max_bytes:
            raise ReadError(messages["tooBig"].replace("{mb}", str(max_bytes // (1024 * 1024))))
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except ReadError:
        raise
    except PermissionError:
        raise ReadError("没有读取这个文件的权限") from None
    except OSError:
        raise ReadError("无法读取这个文件") from None
    if len(data) > max_bytes:
        raise ReadError(messages["tooBig"].replace("{mb}", str(max_bytes // (1024 * 1024))))
    if not data.strip():
        raise ReadError(messages["empty"])
    if data.startswith(OLE) or data.startswith(b"PK\x03\x04") or path.suffix.lower() == ".docx":
        doc = engine().read_docx(data)
        return doc if whole_docx else doc["paragraphs"]
    return _decode_text(data, messages)


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
    parser.add_argument("--year", type=int, metavar="YYYY", help="报告年度，用于检查有时效的表述和年份是否一致（不写时取标题或开头的年份）")
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
            draft = read_report(path, whole_docx=True)
        except EngineError as e:
            print(f"{name}: 检查引擎无法读取这个文件（{str(e).splitlines()[0][:200]}）", file=sys.stderr)
            results.append({"path": name, "error": "检查引擎无法读取这个文件", "findings": []})
            status = 2
            continue
        except ReadError as e:
            print(f"{name}: {e}", file=sys.stderr)
            results.append({"path": name, "error": str(e), "findings": []})
            status = 2
            continue
        try:
            if isinstance(draft, dict):
                findings = engine().check(draft["paragraphs"], year=args.year, docx=draft)
            else:
                findings = engine().check(draft, year=args.year)
        except EngineError as e:
            print(f"{name}: 检查引擎出错，无法检查这个文件（{str(e).splitlines()[0][:200]}）", file=sys.stderr)
            results.append({"path": name, "error": "检查引擎出错，无法检查这个文件", "findings": []})
            status = 2
            continue
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
    except ImportError as e:  # pragma: no cover - mini-racer and PyYAML are in requirements.txt
        print(f"缺少依赖（{e.name}）：请先运行 pip install -r requirements.txt", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
