# The two set-up commands of the README: `make run` and `make test`.
# Both work on a fresh Debian machine: they create .venv and install what they need.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-deps stack-test install system-deps node-deps engine-deps lint format migrate demo messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet ".[test]"
	touch $(STAMP)

install: $(STAMP)

## run: the demo site on the embedded defaults (SQLite under var/, inline tasks), its search
## powered by the local Elasticsearch (search/engine) when a JDK and Maven are present: built
## on first use, started on SEARCH_RUN_PORT, stopped with `make run` (Ctrl-C), whatever
## happens (trap). Without them the site says so and searches its database instead.
SEARCH_RUN_PORT ?= 9201
SEARCH_RUN_VAR := $(CURDIR)/var/elasticsearch
run: install
	mkdir -p var
	$(PY) manage.py migrate --no-input
	@export SEARCH_ENGINE_VAR_DIR="$(SEARCH_RUN_VAR)"; \
	stop_engine() { $(PY) search/engine_runner.py stop >/dev/null; }; \
	if $(PY) search/engine_runner.py start --port $(SEARCH_RUN_PORT); then \
		trap stop_engine EXIT; trap 'exit 130' INT TERM; \
		export ELASTICSEARCH_URL=http://127.0.0.1:$(SEARCH_RUN_PORT); \
		echo "站内搜索：本地 Elasticsearch $$ELASTICSEARCH_URL（停止 make run 时一并停止）"; \
	else \
		echo "站内搜索：未能启动本地 Elasticsearch（需要 JDK 17+ 和 Maven：sudo apt-get install default-jdk-headless maven），使用数据库检索；管理后台首页同样提示。"; \
	fi; \
	$(PY) manage.py seed_demo || exit 1; \
	if [ -n "$$ELASTICSEARCH_URL" ]; then $(PY) manage.py search_index rebuild --only elasticsearch || exit 1; fi; \
	echo "网站地址: http://$(HOST):$(PORT)/    管理后台: http://$(HOST):$(PORT)/admin/"; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## test: the whole suite (lint, Django checks, unit, integration and real-browser tests)
# The search tests need a real Elasticsearch: the local node (search/engine, built from Maven
# Central on first use) starts before pytest on its own port and data directory, and is
# stopped afterwards whatever happens (trap). Tests get its URL from
# SEARCH_TEST_ELASTICSEARCH_URL and fail, rather than skip, when it is missing here.
SEARCH_TEST_PORT ?= 9250
# Extra pytest arguments, e.g. PYTEST_ARGS='-m "not browser"' (CI's PostgreSQL run).
PYTEST_ARGS ?=
SEARCH_TEST_VAR ?= $(CURDIR)/var/elasticsearch-test
test: test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@export SEARCH_ENGINE_VAR_DIR="$(SEARCH_TEST_VAR)"; \
	stop_engine() { $(PY) search/engine_runner.py stop >/dev/null; }; \
	trap stop_engine EXIT; trap 'exit 130' INT TERM; \
	stop_engine; rm -rf "$(SEARCH_TEST_VAR)/data"; \
	$(PY) search/engine_runner.py start --port $(SEARCH_TEST_PORT) || exit 1; \
	SEARCH_TEST_ELASTICSEARCH_URL=http://127.0.0.1:$(SEARCH_TEST_PORT) \
	SEARCH_TEST_REQUIRE_ELASTICSEARCH=1 $(PY) -m pytest $(PYTEST_ARGS)

# Everything `make test` needs, installed once (CI installs first, then runs the SQLite and
# PostgreSQL suites side by side, each with its own SEARCH_TEST_PORT and SEARCH_TEST_VAR).
test-deps: install system-deps node-deps engine-deps
	$(PY) search/engine_runner.py build

## stack-test: the production shape (deploy/) on this machine: nginx with self-signed TLS, two
## gunicorn app servers, PostgreSQL, a two-node Elasticsearch cluster and a task worker, with
## one app server and one node stopped under load (tests/stack/run.py). nginx and PostgreSQL
## come from Debian, installed when missing; everything started is stopped by pid.
stack-test: install engine-deps
	$(PY) tests/stack/run.py

# Maven builds the local Elasticsearch (search/engine), installed when missing (as root, like CI).
engine-deps:
	@if ! command -v mvn >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven; \
		else \
			echo "需要 Maven 构建本地 Elasticsearch：sudo apt-get install maven" >&2; exit 1; \
		fi; \
	fi

# Debian packages the tests need, installed when missing (as root, like CI).
# Debian's chromium for the browser tests, and a Chinese font so their screenshots (and the
# layout checks that measure text) render Chinese rather than empty boxes; tesseract with its
# Simplified Chinese model and poppler-utils (pdftoppm) for the OCR of scanned attachments
# (core/ocr.py), whose tests draw their scans with that font.
SYSTEM_PACKAGES := chromium fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim poppler-utils
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim poppler-utils >/dev/null 2>&1; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
		else \
			echo "需要 Debian 的 $(SYSTEM_PACKAGES)：sudo apt-get install $(SYSTEM_PACKAGES)" >&2; exit 1; \
		fi; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

node-deps: node_modules/.installed

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## messages: compile the project's translations (locale/zh_Hans/*.po) into the committed .mo
# files, with Django's compilemessages (it runs msgfmt from Debian's gettext package).
messages: install
	@command -v msgfmt >/dev/null 2>&1 || { echo "需要 gettext：sudo apt-get install gettext" >&2; exit 1; }
	cd locale && ../$(PY) ../manage.py compilemessages --locale zh_Hans

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py seed_demo

clean:
	rm -rf $(VENV) node_modules
