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

.PHONY: book test test-lib test-notebooks test-build refresh clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	rm -rf _build/html _build/.doctrees _build/jupyter_execute
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo
	@echo "The book is built. Open it in a browser:"
	@echo "    file://$(CURDIR)/_build/html/index.html"

test: test-lib test-notebooks test-build

test-lib: $(STAMP)
	$(BIN)/python -m pytest tests

# Re-run every notebook and compare its outputs with the committed ones.
test-notebooks: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env --nbval-cell-timeout=300 \
		--nbval-sanitize-with tests/nbval_sanitize.cfg book

# A clean build with warnings as errors: fails on the first warning.
test-build: book

# After a deliberate change of outputs: re-execute the notebooks in place.
refresh: $(STAMP)
	$(BIN)/python tools/refresh_notebooks.py book/*.ipynb

clean:
	rm -rf _build .pytest_cache .hypothesis
