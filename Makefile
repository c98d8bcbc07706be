# Two commands do everything on a fresh clone (Python 3.10+ and make):
#   make book   set up .venv and build the website into _build/html
#   make test   set up .venv and run every test (library, notebooks, build)
# Other targets: make student, make bench, make refresh, make clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Warnings are errors; -n reports every broken cross-reference.
JB_FLAGS := --all -W -n --keep-going

.PHONY: book student test test-lib test-notebooks test-build test-browser test-student test-binder bench refresh colab-cells clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

# --- axe-core for the browser tests ------------------------------------------------
# tests/browser/test_accessibility.py runs axe-core from node_modules; its exact
# version is pinned in package.json and package-lock.json, and `npm ci` installs
# exactly that (from the npm registry, in this set-up step only).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)
test-browser: $(NODE_STAMP)
# -----------------------------------------------------------------------------------

book: $(STAMP)
	rm -rf _build/html _build/.doctrees _build/jupyter_execute
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo
	@echo "The book is built. Open it in a browser:"
	@echo "    file://$(CURDIR)/_build/html/index.html"

# The student edition: every solution removed (not collapsed), no sources, no
# download or launch buttons; then a check that no solution text is left.
student: $(STAMP)
	rm -rf _build/student
	$(BIN)/python tools/student_edition.py config _build/student_config.yml
	$(BIN)/jupyter-book build . --config _build/student_config.yml --path-output _build/student $(JB_FLAGS)
	$(BIN)/python tools/student_edition.py check _build/student/_build/html
	@echo "The student edition is in _build/student/_build/html"

test: test-lib test-notebooks test-build test-browser test-student test-binder

test-lib: $(STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser

# Re-run every notebook and compare its outputs with the committed ones.
test-notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-cell-timeout=300 \
		--nbval-sanitize-with tests/nbval_sanitize.cfg book

# A clean build with warnings as errors: fails on the first warning.
test-build: book

# The built site in headless Chromium (skipped, with a message, if Chromium is absent).
test-browser: $(STAMP)
	$(BIN)/python -m pytest tests/browser

test-student: student

# What Binder does: a fresh environment from requirements.txt, every notebook run.
test-binder:
	tools/binder_check.sh

# Time the Figure 1 pipeline (and its naive version) and how fitting scales;
# prints the figures and writes lib/cossim/data/benchmark.json for the performance appendix.
bench: $(STAMP)
	$(BIN)/python tools/bench.py

# After a deliberate change of outputs: re-execute the notebooks in place.
refresh: $(STAMP)
	$(BIN)/python tools/refresh_notebooks.py book/*.ipynb

# After changing the repository URL in _config.yml: update every notebook's Colab install cell.
colab-cells: $(STAMP)
	$(BIN)/python tools/colab_cell.py

clean:
	rm -rf _build .pytest_cache .hypothesis
