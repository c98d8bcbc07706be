# Two commands do everything on a fresh clone (Python 3.11+, make and npm):
#   make book   set up .venv and build the website into _build/html
#   make test   set up .venv and run every test (library, notebooks, build, ...)
# Other targets: make pdf, slides, student, student-notebooks, execute, lite-times, bench, refresh, colab-cells, set-repository, clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# Notebooks executed side by side (nbval workers, `make execute`).
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
# Their kernels use one BLAS thread each: JOBS kernels fill the cores, and
# OpenBLAS's extra threads would only wait on each other (see lib/cossim/_blas.py).
# Outputs do not depend on it (nbval compares them with the committed ones).
# They do depend, in chapter 16 only, on which of OpenBLAS's CPU kernels runs:
# its nonlinear model trains for thousands of L-BFGS steps, and the last-bit
# rounding differences between the AVX-512 and the AVX2 kernels grow into other
# printed digits. So every x86 machine runs the AVX2 (Haswell) kernels, which
# any x86 CPU of the last decade has; elsewhere OpenBLAS ignores the setting.
KERNEL_ENV := OPENBLAS_NUM_THREADS=1 OPENBLAS_CORETYPE=Haswell
# Warnings are errors; -n reports every broken cross-reference.
JB_FLAGS := --all -W -n --keep-going
# The stages of `make test`, in order; each also runs alone (`make test-lib`, ...).
TEST_STAGES := test-lib test-notebooks test-build test-print test-browser test-student test-binder

.PHONY: book pdf slides chapter-times student student-notebooks execute lite-times test $(TEST_STAGES) bench refresh colab-cells set-repository clean

# A fresh environment, exactly as Binder makes it: a new venv, then
# `pip install -r requirements.txt`. The stamp records what it was made from
# (tools/binder_check.py checks that against the working copy).
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = sys.version_info; sys.exit(0 if v >= (3, 11) else f"Python 3.11 or newer is needed (NumPy 2.4 has no wheels for older ones); $(PYTHON) is {v.major}.{v.minor}: run make PYTHON=python3.11")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python tools/binder_check.py stamp > $(STAMP)

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

# --- the in-browser edition (tools/lite_site.py) --------------------------------------
# JupyterLite with Pyodide, built into the site. Pyodide's runtime comes from npm
# (node_modules/pyodide, pinned in package.json), its packages from a pinned PyPI
# wheel (requirements.txt), and the two pure-Python wheels it lacks (comm,
# ipywidgets, the versions requirements.txt pins) are downloaded here, in the
# set-up step; the build itself downloads nothing.
LITE_WHEELS := $(VENV)/lite-wheels/.downloaded
$(LITE_WHEELS): $(STAMP)
	$(BIN)/python tools/lite_site.py download-wheels $(VENV)/lite-wheels
	touch $(LITE_WHEELS)
LITE_SETUP := $(NODE_STAMP) $(LITE_WHEELS)
# Run every chapter of the built in-browser edition in headless Chromium and record
# the times (tools/lite/running_times.json, quoted in each chapter's "Run this chapter" box).
lite-times: $(STAMP)
	$(BIN)/python tools/lite_run.py _build/html
# -----------------------------------------------------------------------------------

# Execute every notebook once, $(JOBS) at a time, into the jupyter-cache both
# builds read (_build/.jupyter_cache, emptied whenever anything in lib/ or book/,
# the pins or the execution settings change). A notebook that raises fails here.
execute: $(STAMP)
	$(KERNEL_ENV) $(BIN)/python tools/notebook_cache.py execute --jobs $(JOBS)

book: execute pdf slides $(LITE_SETUP)
	rm -rf _build/html _build/.doctrees _build/jupyter_execute
	$(BIN)/python tools/notebook_cache.py config _build/book_config.yml
	$(BIN)/jupyter-book build . --config _build/book_config.yml $(JB_FLAGS)
	$(BIN)/python tools/print_book.py publish _build/html
	cp -R _build/slides _build/html/slides
	$(BIN)/python tools/lite_site.py build book _build/html/lite book
	$(BIN)/python tools/lite_site.py sizes _build/html _build/html/lite
	@echo
	@echo "The book is built. Open it in a browser:"
	@echo "    file://$(CURDIR)/_build/html/index.html"

# The printed book: _build/pdf/cossim-book.pdf (solutions in an appendix) and
# cossim-book-student.pdf (none), each a singlehtml build from the same cache
# printed by Chromium (tools/print_book.py), and from the student edition the
# problem-set hand-outs problem-set-week-N.pdf (book/problem_sets.yml). An edition whose PDF was printed
# from the same notebooks, configuration and print files is not printed again.
pdf: execute
	$(BIN)/python tools/print_book.py all

# How long each notebook takes to run, read from the cache `make execute` filled:
# tools/running_times.json (commit it; a test checks every chapter has a time).
chapter-times: execute
	JOBS=$(JOBS) $(BIN)/python tools/chapter_times.py

# The student edition: every solution removed (not collapsed), no sources or
# download buttons, launch buttons that open the student notebooks; then a
# check that no solution text is left. Its pages' outputs come from the same
# cache as the full edition's. The student notebooks (solutions cut out,
# outputs cleared) go to _build/student/notebooks, are checked for solution
# text, and must equal the committed copy in student/book that Binder and
# Colab open (else: run `make student-notebooks` and commit student/).
# The notebooks come first, so that a stale committed copy stops the build at
# once; the student site's in-browser edition (lite/) is built from them.
student: execute pdf slides $(LITE_SETUP)
	rm -rf _build/student
	$(BIN)/python tools/student_edition.py notebooks _build/student/notebooks
	$(BIN)/python tools/student_edition.py check-notebooks _build/student/notebooks
	$(BIN)/python tools/student_edition.py stale _build/student/notebooks
	$(BIN)/python tools/student_edition.py config _build/student_config.yml
	$(BIN)/jupyter-book build . --config _build/student_config.yml --path-output _build/student $(JB_FLAGS)
	cp -R _build/slides _build/student/_build/html/slides
	$(BIN)/python tools/lite_site.py build _build/student/notebooks _build/student/_build/html/lite student/book
	$(BIN)/python tools/student_edition.py check _build/student/_build/html
	$(BIN)/python tools/print_book.py publish _build/student/_build/html
	@echo "The student edition is in _build/student/_build/html, its notebooks in _build/student/notebooks"

# The slide decks, one per week of the instructor guide, from the notebook cells
# tagged `slide` (tools/slides.py; which chapters make which deck: tools/slides/decks.yml),
# into _build/slides; reads the committed outputs, runs no kernel. `make book` and
# `make student` copy them into their sites (slides/week-1.html, ...).
slides: $(STAMP) $(NODE_STAMP)
	$(BIN)/python tools/slides.py build _build/slides
test-lib: $(NODE_STAMP)  # tests/test_slides.py builds the decks

# After editing book/: regenerate the committed student notebooks (student/book).
student-notebooks: $(STAMP)
	$(BIN)/python tools/student_edition.py notebooks

# Every stage in order, each timed; stops at the first that fails (with
# KEEP_GOING=1 it runs them all and then fails if any failed).
test:
	@set -e; total=$$(date +%s); failed=""; \
	start=$$(date +%s); $(MAKE) --no-print-directory $(STAMP); \
	echo "==> install: done in $$(( $$(date +%s) - start )) s"; \
	for stage in $(TEST_STAGES); do \
		start=$$(date +%s); echo "==> $$stage: started $$(date +%T)"; \
		if $(MAKE) --no-print-directory $$stage; then \
			echo "==> $$stage: passed in $$(( $$(date +%s) - start )) s"; \
		else \
			echo "==> $$stage: FAILED after $$(( $$(date +%s) - start )) s"; failed="$$failed $$stage"; \
			[ "$(KEEP_GOING)" = 1 ] || break; \
		fi; \
	done; \
	if [ -n "$$failed" ]; then echo "==> make test: failed:$$failed ($$(( $$(date +%s) - total )) s)"; exit 1; fi; \
	echo "==> make test: every stage passed in $$(( $$(date +%s) - total )) s"

# Unit and property tests of lib/, notebook hygiene, the tools. In one process:
# measured here, two xdist workers took longer (each imports and collects everything).
test-lib: $(STAMP)
	$(BIN)/python -m pytest -p no:xdist tests --ignore=tests/browser --ignore=tests/student --ignore=tests/print

# Re-run every notebook and compare its outputs with the committed ones;
# one notebook's cells stay together on one worker (--dist loadfile).
test-notebooks: $(STAMP)
	$(KERNEL_ENV) $(BIN)/python -m pytest -n $(JOBS) --dist loadfile \
		--nbval --nbval-current-env --nbval-cell-timeout=300 \
		--nbval-sanitize-with tests/nbval_sanitize.cfg book

# A clean build with warnings as errors: fails on the first warning.
test-build: book

# The PDFs read back: page count, chapter titles, exercise numbers, no raw TeX,
# solutions in the full edition's appendix and nowhere in the student one.
test-print: pdf
	$(BIN)/python -m pytest -p no:xdist tests/print

# The built site in headless Chromium (skipped, with a message, if Chromium is
# absent; .ci/run sets REQUIRE_CHROMIUM=1 so that CI fails instead).
test-browser: $(STAMP)
	@test -f _build/html/index.html || { echo "no site in _build/html: run 'make book' (or 'make test-build') first"; exit 1; }
	$(BIN)/python -m pytest -n 2 --dist loadfile tests/browser

# The student edition, then every student notebook run top to bottom on a fresh
# kernel (each self-check says "not implemented yet"; no solution text anywhere).
test-student: student
	$(KERNEL_ENV) $(BIN)/python -m pytest -n $(JOBS) tests/student

# What Binder checks: .venv is a fresh `pip install -r requirements.txt` of
# this checkout with exactly the pinned versions, and Jupyter's python3 kernel
# imports cossim from book/. (nbval and the build executed every notebook.)
test-binder: $(STAMP)
	$(BIN)/python tools/binder_check.py check

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

# Point the book at another repository (a fork): repository.url (and branch) in
# _config.yml and every Colab install cell. The Pages workflow runs it.
set-repository: $(STAMP)
	@test -n "$(URL)" || { echo "usage: make set-repository URL=https://github.com/OWNER/NAME [BRANCH=main]"; exit 2; }
	$(BIN)/python tools/set_repository.py "$(URL)" $(if $(BRANCH),--branch "$(BRANCH)")

clean:
	rm -rf _build .pytest_cache .hypothesis
