# Newslens: `make report` renders the HTML report, `make test` runs the tests. Both create .venv when it is missing.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CORPUS ?=
export PATH := $(abspath $(BIN)):$(PATH)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.DEFAULT_GOAL := help
.PHONY: help install report test test-unit test-notebooks bench fuzz clean-cache clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Newslens needs Python 3.11 or newer: set PYTHON=python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,distributed]'
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install Newslens with its test tools (run by the other targets)

report: $(STAMP) ## execute every notebook and render reports/ (CORPUS=folder for another corpus)
	$(BIN)/python -m helpers.report $(if $(CORPUS),--corpus "$(CORPUS)")

test: test-unit test-notebooks ## run pytest on tests/ and nbval (strict: outputs compared) on notebooks/

test-unit: $(STAMP) ## pytest on tests/ only
	$(BIN)/python -m pytest tests

test-notebooks: $(STAMP) ## nbval strict on notebooks/ only
	$(BIN)/python -m pytest --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout 600

bench: $(STAMP) ## throughput and memory benchmark with a profile (not part of make test)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[bench]'
	$(BIN)/python -m benchmarks.pipeline --articles 200 --profile benchmarks/results/profile.txt

fuzz: $(STAMP) ## property-based ingestion tests with 10,000+ examples each
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests -k property -p no:cacheprovider

clean-cache: ## delete the parse cache (safe: it is rebuilt on demand)
	rm -rf .cache

clean: clean-cache ## delete the cache, rendered reports and .venv
	rm -rf reports $(VENV)
