# Two commands for a newcomer: `make site` and `make test`. Everything else is installed by them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install -q --disable-pip-version-check
RUNTIME := $(VENV)/.installed-runtime
TESTING := $(VENV)/.installed-test
BENCHING := $(VENV)/.installed-bench
ZENSICAL := $(VENV)/.installed-zensical

# Same commit, same bytes: dates in the site, PDFs and zip come from the last commit unless set.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1577836800)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site site-zensical install-zensical test lint serve install install-test browser clean bench lighthouse preflight check schemas new-page new-section new-resource new-term

## System packages (python3-venv, Pango, fonts): installed with apt-get as root, else the command is printed.
preflight:
	@$(PYTHON) scripts/preflight $(if $(filter-out serve,$(or $(MAKECMDGOALS),site)),,--preview)

$(BIN)/python: | preflight
	$(PYTHON) -m venv $(VENV)

# Every package is pinned with its hashes (requirements/*.txt, written by scripts/lock-requirements from the
# .in files), and the project is built by the pinned setuptools installed from runtime.txt, not by a copy
# fetched for an isolated build.
$(RUNTIME): requirements/runtime.txt pyproject.toml | $(BIN)/python
	$(PIP) --require-hashes -r requirements/runtime.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(TESTING): requirements/test.txt $(RUNTIME)
	$(PIP) --require-hashes -r requirements/test.txt
	touch $@

$(ZENSICAL): requirements/zensical.txt $(RUNTIME)
	$(PIP) --require-hashes -r requirements/zensical.txt
	touch $@

$(BENCHING): requirements/bench.txt $(TESTING)
	$(PIP) --require-hashes -r requirements/bench.txt
	touch $@

## What make site needs (the generator); make test adds the test tools, make bench the PDF peer.
install: $(RUNTIME)
install-test: $(TESTING)
install-zensical: $(ZENSICAL)

## Build the site, the PDFs and the offline zip into site/ (a failed build leaves site/ as it was).
## V=1 also shows MkDocs' and its plugins' details.
site: install
	$(BIN)/python -m ltss_toolkit build $(if $(V),--verbose)

## The same site built by Zensical instead of MkDocs (README, "Switching to Zensical"), into site-zensical/.
site-zensical: install-zensical
	$(BIN)/python -m ltss_toolkit build --generator zensical -d site-zensical

## Live preview for editors at http://127.0.0.1:8000: a saved page shows in about a second, content errors show
## in the browser (path:line) and the page comes back by itself once fixed. No PDFs. With port 8000 taken it
## serves on the next free port; make serve PORT=8080 chooses one (HOST=0.0.0.0 in a container).
PORT ?= 8000
HOST ?= 127.0.0.1
serve: install
	$(BIN)/python -m ltss_toolkit serve --dev-addr "$(HOST):$(PORT)" $(if $(V),--verbose)

## ruff (lint and format check) and mypy --strict on the engine (settings in pyproject.toml).
lint: install-test
	$(BIN)/ruff check plugins
	$(BIN)/ruff format --check plugins
	$(BIN)/mypy --strict

## Every test: lint, the workflows (actionlint), unit, golden, end-to-end builds, and browser checks in headless
## Chromium.
test: install-test install-zensical browser lint
	$(BIN)/actionlint
	$(BIN)/python -m pytest

## Check the content for problems without building (the same checks as the build, in under a second).
check: install
	$(BIN)/python -m ltss_toolkit check

## Regenerate the JSON Schemas in schemas/content/ from the engine's field definitions.
schemas: install
	$(BIN)/python -m ltss_toolkit.editing.schemas schemas/content

## Start a new file, e.g. make new-page FOLDER=content/pathways/foundational-issues TITLE="..." SUMMARY="..."
new-page: install
	$(BIN)/python -m ltss_toolkit new page --folder "$(FOLDER)" --title "$(TITLE)" --summary "$(SUMMARY)" \
		$(if $(ID),--id "$(ID)") $(if $(TOPICS),--topics "$(TOPICS)") $(if $(RESOURCES),--resources "$(RESOURCES)")

## make new-section PARENT=content/pathways TITLE="..." SUMMARY="..."
new-section: install
	$(BIN)/python -m ltss_toolkit new section --parent "$(PARENT)" --title "$(TITLE)" --summary "$(SUMMARY)" \
		$(if $(ID),--id "$(ID)")

## make new-resource FOLDER=content/pathways/foundational-issues TITLE="..." KIND=report
##   (optional: PUBLISHER=... YEAR=... URL=... TOPICS=...)
new-resource: install
	$(BIN)/python -m ltss_toolkit new resource --folder "$(FOLDER)" --title "$(TITLE)" --kind "$(KIND)" \
		$(if $(PUBLISHER),--publisher "$(PUBLISHER)") $(if $(YEAR),--year "$(YEAR)") $(if $(URL),--url "$(URL)") \
		$(if $(TOPICS),--topics "$(TOPICS)") $(if $(ID),--id "$(ID)")

## make new-term ACRONYM=ABC EXPANSION="..." DEFINITION="..."
new-term: install
	$(BIN)/python -m ltss_toolkit new term --term "$(ACRONYM)" --expansion "$(EXPANSION)" --definition "$(DEFINITION)"

## Debian's chromium for the browser tests (installed with apt-get when missing; needs root).
browser:
	@scripts/ensure-chromium

clean:
	rm -rf site site-zensical .site.* .site-zensical.* .cache

## The five benchmarks of issue 11, as tables with the command of each. Slow (about 15-30 min); run on a quiet
## machine: figures taken while other work runs are inflated.
bench: $(BENCHING)
	@echo '$$ .venv/bin/python bench/overhead_benchmark.py --runs 5'
	@$(BIN)/python bench/overhead_benchmark.py --runs 5 2>/dev/null
	@echo
	@echo '$$ .venv/bin/python bench/pdf_benchmark.py --runs 3'
	@$(BIN)/python bench/pdf_benchmark.py --runs 3 2>/dev/null
	@echo
	@echo '$$ .venv/bin/python bench/preview_benchmark.py --runs 5'
	@$(BIN)/python bench/preview_benchmark.py --runs 5 2>/dev/null
	@echo
	@echo '$$ .venv/bin/python bench/scale_benchmark.py --copies 1 10 50'
	@$(BIN)/python bench/scale_benchmark.py --copies 1 10 50 2>/dev/null

## Lighthouse (mobile, 3 runs a page) on one page of every kind, the site built without PDFs and served
## gzip-compressed; prints a table. Lighthouse is pinned in bench/lighthouse/ and installed there with npm ci.
## Not part of `make test`: scores are noisy, and inflated while other work runs.
lighthouse: install-test browser
	$(BIN)/python bench/lighthouse/run.py --runs 3
