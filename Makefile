# Two entry points on a fresh machine: `make serve` and `make test`.
# Each bootstraps .venv from pyproject.toml and is quick when nothing changed.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help

HOST ?= 127.0.0.1
PORT ?= 8000
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: help serve test build validate lint clean

help:
	@echo "make serve   set up .venv and serve the graph on http://$(HOST):$(PORT)/"
	@echo "make test    set up .venv and run lint and the test suite"
	@echo "make build   rebuild graph/ from corpus/, data/, ontology/ and shapes/"

# Says what it does: on a fresh clone this takes a minute or two.
$(STAMP): pyproject.toml
	@echo "fpkg: setting up $(VENV) from pyproject.toml (first time: a minute or two)"
	@test -x $(VENV)/bin/python || { echo "fpkg: creating the virtualenv $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@echo "fpkg: updating pip"
	@$(VENV)/bin/python -m pip install --quiet --upgrade pip
	@echo "fpkg: installing fpkg and its dependencies into $(VENV)"
	@$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	@touch $@
	@echo "fpkg: $(VENV) is ready"

serve: $(STAMP)
	@echo "fpkg: loading graph/ into a temporary store and starting the server (a few seconds)"
	$(VENV)/bin/fpkg serve --host $(HOST) --port $(PORT)

build: $(STAMP)
	$(VENV)/bin/fpkg build

validate: $(STAMP)
	$(VENV)/bin/fpkg validate

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests $(wildcard bench)
	$(VENV)/bin/ruff format --check src tests $(wildcard bench)

test: lint
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
