"""Render the first two pages of the template and of one model report to small PNGs.

    python scripts/render_previews.py            # refresh docs/assets/previews/
    python scripts/render_previews.py --check    # exit 1 if the previews are stale

The bytes are the site's own (guide_build/generated.py word_documents()): the
standard template and the standard 范文 of PREVIEW_MODEL. LibreOffice
(soffice --headless) converts each .docx to PDF, pdftoppm turns pages 1–2 into
PNGs, and docs/assets/previews/sources.json records the sha256, size and page
count of the .docx the images came from; tests/test_template.py fails when
that sha256 differs from the current build.

Rendering uses tests/fontconfig/fonts.conf, which shows LibreOffice only
Noto CJK (standing in for the GB fonts 仿宋_GB2312 …) and Liberation Serif
(for Times New Roman), whatever else is installed: install fonts-noto-cjk,
fonts-liberation, libreoffice-writer and poppler-utils (make system-deps).
soffice runs with a throw-away HOME and user profile, so it neither clashes
with a running LibreOffice nor with a parallel test run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import build_template  # noqa: E402
from guide_build import generated  # noqa: E402

PREVIEWS = ROOT / "docs" / "assets" / "previews"
SOURCES = PREVIEWS / "sources.json"
FONTCONFIG = ROOT / "tests" / "fontconfig" / "fonts.conf"
# The font files the fontconfig above points at, by the package that installs them.
FONT_FILES = {
    "fonts-noto-cjk": [Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
                       Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")],
    "fonts-liberation": [Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")],
}
PAGES = 2
PREVIEW_MODEL = "xiangzhen-shuji"      # data/model_reports.yml: the 乡镇党委书记's report
SCALE_TO = 420          # pixels on the long side of the page: small, still legible as a layout


def preview_downloads():
    """The files shown on the 模板下载 page: the standard template and one model report."""
    model = generated.model_download_paths(PREVIEW_MODEL)["standard"]
    return [d for d in generated.served_downloads()
            if d.fonts is build_template.STANDARD and (d.kind == "template" or d.path == model)]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def soffice() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("soffice not found: apt-get install libreoffice-writer-nogui")


def render_env(home: Path) -> dict:
    env = dict(os.environ)
    env["HOME"] = str(home)
    env["FONTCONFIG_FILE"] = str(FONTCONFIG)
    env.pop("DISPLAY", None)
    return env


def missing_fonts() -> list[str]:
    return [pkg for pkg, files in FONT_FILES.items() if not all(f.is_file() for f in files)]


def to_pdf(docx_files: list[Path], outdir: Path, timeout: int = 600) -> list[Path]:
    """Convert .docx files to PDF in one soffice run with a private profile."""
    missing = missing_fonts()
    if missing:
        raise SystemExit(f"fonts for rendering not installed: {', '.join(missing)} (run `make system-deps`)")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-home-") as home:
        profile = Path(home) / "profile"
        cmd = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)]
        subprocess.run(cmd, env=render_env(Path(home)), check=True, timeout=timeout,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    pdfs = [outdir / (f.stem + ".pdf") for f in docx_files]
    missing = [p for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"soffice produced no PDF for {missing}")
    return pdfs


def page_count(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise RuntimeError(f"pdfinfo gave no page count for {pdf}")


def to_png(pdf: Path, prefix: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-gray", "-f", "1", "-l", str(PAGES), "-scale-to", str(SCALE_TO),
                    str(pdf), str(prefix)], check=True)
    # pdftoppm names pages prefix-1.png or prefix-01.png depending on the page count
    pngs = sorted(prefix.parent.glob(prefix.name + "-*.png"))
    return pngs


def render(out: Path = PREVIEWS) -> dict:
    documents = generated.word_documents()
    sources = {}
    with tempfile.TemporaryDirectory(prefix="previews-") as tmp:
        tmp = Path(tmp)
        docx_files = []
        for d in preview_downloads():
            f = tmp / Path(d.path).name
            f.write_bytes(documents[d.path])
            docx_files.append(f)
        pdfs = to_pdf(docx_files, tmp / "pdf")
        out.mkdir(parents=True, exist_ok=True)
        for d, docx, pdf in zip(preview_downloads(), docx_files, pdfs):
            stem = docx.stem
            for old in out.glob(stem + "-*.png"):
                old.unlink()
            images = []
            (tmp / "png").mkdir(exist_ok=True)
            for n, png in enumerate(to_png(pdf, tmp / "png" / stem), 1):
                target = out / f"{stem}-{n}.png"
                shutil.copyfile(png, target)
                images.append(target.name)
            data = documents[d.path]
            sources[Path(d.path).name] = {
                "path": d.path,
                "filename": d.filename,
                "sha256": sha256(data),
                "bytes": len(data),
                "pages": page_count(pdf),
                "images": images,
            }
    kept = {img for info in sources.values() for img in info["images"]}
    for old in out.glob("*.png"):
        if old.name not in kept:
            old.unlink()                    # a file the site no longer shows
    text = json.dumps(sources, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (out / SOURCES.name).write_text(text, encoding="utf-8")
    return sources


def stale() -> list[str]:
    """Names of preview sources whose recorded sha256 differs from the current build."""
    try:
        recorded = json.loads(SOURCES.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ["sources.json missing"]
    documents = generated.word_documents()
    problems = []
    for d in preview_downloads():
        name = Path(d.path).name
        if recorded.get(name, {}).get("sha256") != sha256(documents[d.path]):
            problems.append(name)
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check that the previews match the current build")
    args = ap.parse_args(argv)
    if args.check:
        problems = stale()
        if problems:
            print("previews are stale for: " + ", ".join(problems) + " — run `make previews`", file=sys.stderr)
            return 1
        print("previews up to date")
        return 0
    for name, info in render().items():
        print(f"{name}: {info['bytes']} bytes, {info['pages']} pages, sha256 {info['sha256'][:12]}…, "
              f"{', '.join(info['images'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
