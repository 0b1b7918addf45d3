# kehoach: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: audit load test-slow run serve install test test-fast lint bench messages system-deps clean

$(STAMP): requirements.lock pyproject.toml package.json package-lock.json
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	npm ci --no-audit --no-fund --loglevel=error
	@$(MAKE) --no-print-directory system-deps
	cd kehoach && ../$(PY) -m django compilemessages --settings=kehoach.settings -v 0
	@touch $(STAMP)

install: $(STAMP) ## the environment only: .venv, Python and npm packages, compiled translations

system-deps: ## Debian packages the tools need (gettext for translations)
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }

run: install ## migrate, load the demo once, print the demo logins, serve on http://$(HOST):$(PORT)
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --no-input -v 0
	DEBUG=1 $(PY) manage.py createcachetable
	DEBUG=1 $(PY) manage.py load_demo --if-empty
	@# Served with DEBUG off so a visitor meets the product's own 404/500 pages, not Django's.
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input -v 0
	$(SERVE_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# Plain HTTP on this machine unless HTTPS=1 (behind nginx with TLS the secure defaults stay on).
HTTPS ?= 0
SERVE_ENV := DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-$(HOST),localhost,127.0.0.1} \
	$(if $(filter 0,$(HTTPS)),SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0)

serve: install ## production mode on one machine: migrate, collectstatic, gunicorn + task worker + scheduler on $(HOST):$(PORT)
	@mkdir -p var
	$(SERVE_ENV) $(PY) manage.py serve --host $(HOST) --port $(PORT)

load: install ## 50 users for 60 s (locust) against make serve on PostgreSQL: p50/p95/p99 per request (docs/performance.md)
	$(PY) scripts/load/run.py

test: install ## the test suite (browser tests included, slow ones apart: make test-slow), then the JavaScript tests
	$(VENV)/bin/pytest -n 2 -q -m "not slow"
	node --test kehoach/

test-slow: install ## the slow tests: make serve end to end, the crawl, round trips, the replica router
	$(VENV)/bin/pytest -n 2 -q -m slow

test-fast: install
	$(VENV)/bin/pytest -n 2 -q -m "not browser and not slow"
	node --test kehoach/

lint: install ## ruff, mypy, import contracts (layers, no cycles), migrations up to date
	$(VENV)/bin/ruff check kehoach
	$(VENV)/bin/mypy kehoach
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	@$(MAKE) --no-print-directory audit

audit: install ## known vulnerabilities: pip-audit and npm audit (says NOT AUDITED when the advisory data cannot be had)
	$(PY) scripts/audit_dependencies.py

messages: install ## refresh the .po files after changing user-facing text
	cd kehoach && ../$(PY) -m django makemessages -l en -l vi --no-obsolete --settings=kehoach.settings -i "static/*" -v 0
	cd kehoach && ../$(PY) -m django compilemessages --settings=kehoach.settings -v 0

bench: install ## performance figures on SQLite and PostgreSQL (docs/performance.md)
	DATABASE_URL=$${BENCH_SQLITE_URL:-sqlite:////tmp/kehoach-bench.sqlite3} $(PY) manage.py bench
	-psql -h 127.0.0.1 -U postgres -qc 'create database bench' 2>/dev/null
	DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bench} $(PY) manage.py bench

clean:
	rm -rf $(VENV) node_modules var/static
