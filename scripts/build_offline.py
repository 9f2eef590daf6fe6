"""Build the file:// bundle: mkdocs-offline.yml → dist/guide-offline.zip.

The zip holds one folder, guide-offline/, whose index.html opens from disk
with navigation and search working and no network access. Its Word downloads
are stored under the Chinese names their links show (chinese_download_names).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "guide-offline"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # same input, same zip bytes


_LINK = re.compile(r"<a\b[^>]*>")
_ATTR = r'\s{}="([^"]*)"'


def chinese_download_names(site: Path) -> dict[str, str]:
    """Each Word download under the name its link's download attribute shows.

    From file:// a browser takes every file as a different origin and ignores the
    download attribute (the name the link shows, 述职报告模板.docx): it saves the
    file under its URL's last part (shuzhi-baogao-moban.docx). So in the bundle
    the file itself carries the Chinese name, and every link to it points there:
    saved from disk or over http, it keeps the name the link shows. The site's
    pages (and their download attributes) stay as they are built; only the
    bundle's files are renamed. Returns old path → new path, relative to site."""
    renames: dict[str, str] = {}
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        for tag in _LINK.findall(page.read_text("utf-8")):
            href, name = re.search(_ATTR.format("href"), tag), re.search(_ATTR.format("download"), tag)
            if not href or not name or "://" in href.group(1) or not href.group(1).endswith(".docx"):
                continue
            target = (page.parent / html.unescape(href.group(1))).resolve()
            old = target.relative_to(site.resolve()).as_posix()
            new_name = html.unescape(name.group(1))
            if old not in renames and "/" not in new_name and new_name.endswith(".docx"):
                renames[old] = f"{old.rsplit('/', 1)[0]}/{new_name}" if "/" in old else new_name
    if len(set(renames.values())) != len(renames):
        raise SystemExit("离线包构建失败：两个下载文件的中文文件名相同。")
    for old, new in renames.items():
        shutil.move(site / old, site / new)
    for page in pages:
        text = page.read_text("utf-8")

        def relink(match, page=page):
            tag = match.group(0)
            href = re.search(_ATTR.format("href"), tag)
            if not href or "://" in href.group(1):
                return tag
            target = (page.parent / html.unescape(href.group(1))).resolve()
            try:
                old = target.relative_to(site.resolve()).as_posix()
            except ValueError:
                return tag
            if old not in renames:
                return tag
            new = os.path.relpath(site / renames[old], page.parent).replace(os.sep, "/")
            return tag.replace(href.group(0), f' href="{html.escape(urllib.parse.quote(new), quote=True)}"')

        page.write_text(_LINK.sub(relink, text), "utf-8")
    return renames


def build(dist: Path, config: Path = ROOT / "mkdocs-offline.yml") -> Path:
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / FOLDER
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        # No -q: it silences the warnings, and --strict fails only on warnings it sees.
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "-f", str(config), "-d", str(site)],
            cwd=ROOT, env=env,
        )
        if result.returncode != 0:
            sys.exit("离线包构建失败：mkdocs build --strict 未通过，见上方输出。")
        chinese_download_names(site)
        target = dist / "guide-offline.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", FIXED_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    z.writestr(info, path.read_bytes())
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="输出目录（默认 dist/）")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs-offline.yml",
                        help="MkDocs 配置文件（默认 mkdocs-offline.yml）")
    args = parser.parse_args()
    target = build(args.dist, args.config)
    print(f"离线包：{target}（{target.stat().st_size // 1024} KB）")


if __name__ == "__main__":
    main()
