"""What the site builds from data/, independent of the site generator.

The arrows go one way, data → documents → site:

- ``guide_build.data``       reads data/*.yml (the one source).
- ``guide_build.generated``  the files the site serves but git does not hold:
  the Word downloads (templates and 范文) and the checker's data scripts (rules, templates, language data),
  written into git-ignored paths of docs/ by a pre-build step
  (``python -m guide_build.generated``), only when their bytes change.
- ``guide_build.macros``     data → Markdown: ``{{ patterns(study) }}`` and the rest.
- ``guide_build.extension``  the Python-Markdown extension (listed in
  mkdocs.yml's markdown_extensions) that expands the macros and adds the copy
  buttons and print notes. MkDocs and Zensical both run it.

scripts/mkdocs_hooks.py keeps only what MkDocs alone does (Chinese search
segmentation, the offline 404 page, watching data/ in ``make serve``).

Run the site tools as ``python -m mkdocs`` / ``python -m zensical`` from the
project folder, so that this package is importable.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOCS = ROOT / "docs"
# Build caches (Word files, jieba's dictionary, search segmentation). Not .cache/:
# `zensical build --clean` wipes that folder.
CACHE = ROOT / ".build-cache"

# The command-line scripts in scripts/ (the Word template, the engine host, the
# formatter) import each other as top-level modules; so does this package.
_SCRIPTS = str(ROOT / "scripts")
if _SCRIPTS not in sys.path:
    sys.path.append(_SCRIPTS)
