# hkanalysis: `make report` renders the reports from the bundled corpus, `make test` runs the tests.
# Both set everything up on a machine that has only Python 3.11 and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help setup report lab lint format test test-fast browser fonts bench clean clean-cache

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv and install the package with its test tools

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

report: setup fonts ## Render the report notebooks on the bundled corpus into reports/<timestamp>/ (and reports/latest)
	$(BIN)/hkanalysis summary
	$(BIN)/hkanalysis render

lab: setup ## Open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/

lint: setup ## Check lint and format with ruff (configured in pyproject.toml); fails on any finding
	$(BIN)/ruff check hkanalysis tests bench notebooks
	$(BIN)/ruff format --check hkanalysis tests bench notebooks

format: setup ## Format the code and fix what ruff can fix by itself
	$(BIN)/ruff check --fix hkanalysis tests bench notebooks
	$(BIN)/ruff format hkanalysis tests bench notebooks

test: setup lint browser ## Lint, then run the whole test suite (tests that need ../shared or Chromium skip without them)
	$(BIN)/python -m pytest

browser: fonts ## Install Debian's Chromium for the browser test, where we may (root with apt-get)
	@bash .ci/install-chromium

fonts: ## Install a system font for Chinese text in report pages (Debian's fonts-noto-cjk), where we may
	@bash .ci/install-cjk-fonts

test-fast: setup lint ## Lint, then run the tests not marked slow (notebooks, browsers, clusters, whole corpora)
	$(BIN)/python -m pytest -m "not slow"

bench: setup ## Print the extraction, load and analysis benchmarks (needs ../shared/corpora)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/page_text.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/ingest_limits.py
	$(BIN)/python bench/analyses.py
	$(BIN)/python bench/render.py
	$(BIN)/python bench/explore.py
	$(BIN)/python bench/scale.py

clean-cache: ## Delete the loader's cache (.cache/)
	rm -rf .cache

clean: clean-cache ## Delete the cache, .venv and build leftovers
	rm -rf $(VENV) build *.egg-info .pytest_cache
