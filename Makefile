# Aftercare: the two commands a new user runs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test install system-deps bench lint messages shop-css run worker beat clean

## demo: install, migrate the embedded SQLite database, load demo data, serve on :8000
demo: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	@echo "Serving Aftercare on http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	$(MANAGE) runserver $(HOST):$(PORT)

## test: the whole suite (unit, integration, browser); DATABASE_URL picks the database.
## Two sessions: everything built on factories runs on a database without the demo data,
## then the journeys, browser and load_demo tests (marked demo) on one with it.
## (pytest's exit 5 means "nothing selected", e.g. PYTEST_ARGS picked one group only.)
test: install system-deps
	$(BIN)/pytest -m "not demo" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(BIN)/pytest -m demo $(PYTEST_ARGS) || [ $$? -eq 5 ]

## install: the virtualenv with pinned dependencies, nothing else
install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

## system-deps: Debian's chromium and CJK fonts for browser tests (installed when missing)
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ] || ! command -v pdftoppm >/dev/null; then \
		echo "Installing Debian packages: chromium fonts-noto-cjk poppler-utils"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; \
	fi

## bench: benchmarks under tests/bench/ (not part of make test): throughput with wrk, and
## Lighthouse (mobile) on Debian's chromium, Lighthouse pinned and installed from npm into
## var/lighthouse (never globally; without npm or the registry its test is skipped).
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE_DIR := var/lighthouse
bench: install system-deps
	@command -v wrk >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }
	@test "$$(node -p "require('./$(LIGHTHOUSE_DIR)/node_modules/lighthouse/package.json').version" 2>/dev/null)" = "$(LIGHTHOUSE_VERSION)" \
		|| npm install --prefix $(LIGHTHOUSE_DIR) --no-audit --no-fund --silent lighthouse@$(LIGHTHOUSE_VERSION) \
		|| echo "npm could not install Lighthouse $(LIGHTHOUSE_VERSION): its bench will be skipped"
	$(BIN)/pytest tests/bench -p no:cacheprovider -s -o addopts="" $(PYTEST_ARGS)

## lint: ruff, the one-way floors between apps (import-linter), no hidden cross-app imports
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python .ci/check_local_imports.py
	$(MANAGE) makemigrations --check --dry-run

## messages: refresh and compile the zh-hans catalogue
messages: install
	$(MANAGE) makemessages -l zh_Hans --ignore=.venv --ignore=var --ignore=tests
	$(MANAGE) compilemessages -l zh_Hans --ignore=.venv

## shop-css: static/css/shop-base.css, the rules of Oscar's stock stylesheet (Bootstrap 4,
## Font Awesome) that customer pages use; run after changing the shop's templates.
## PurgeCSS, pinned, from npm into var/purgecss (never installed globally).
PURGECSS := var/purgecss/node_modules/.bin/purgecss
shop-css: install
	@test -x $(PURGECSS) || npm install --prefix var/purgecss --no-audit --no-fund --silent purgecss@8.0.0
	OSCAR_DIR=$$($(BIN)/python -c 'import os, oscar; print(os.path.dirname(oscar.__file__))') \
		$(PURGECSS) --config purgecss.config.cjs --output var/purgecss/out/
	sed "1a /* Made by 'make shop-css' from django-oscar's styles.css: the rules customer pages use. Do not edit. */" \
		var/purgecss/out/styles.css > static/css/shop-base.css

## run / worker / beat: the production processes, for trying them locally
run: install
	$(BIN)/gunicorn portal.wsgi:application --bind $(HOST):$(PORT) --workers 2
worker: install
	$(BIN)/celery -A portal worker --loglevel=info
beat: install
	$(BIN)/celery -A portal beat --loglevel=info

clean:
	rm -rf var db.sqlite3 tests/browser/artifacts
