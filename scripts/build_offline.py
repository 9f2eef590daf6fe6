"""Build the file:// bundle: mkdocs-offline.yml → dist/guide-offline.zip.

The zip holds one folder, guide-offline/, whose index.html opens from disk
with navigation and search working and no network access.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "guide-offline"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # same input, same zip bytes


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
