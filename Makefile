# Sightline — the two set-up commands are `make demo` and `make test`.
# Everything else here is what they are made of. `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
UV := $(PYTHON) -m uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export DJANGO_ALLOW_ASYNC_UNSAFE := true
# Run apt as root directly, or through sudo when there is one.
SUDO := $(shell [ "$$(id -u)" = "0" ] || command -v sudo)

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  %-22s %s\n", $$1, $$2}'

.PHONY: demo
demo: install assets ## Set up the demo authority and serve it on http://127.0.0.1:8000 (ARGS=--no-serve to only set up)
	$(BIN)/sightline demo $(ARGS)

.PHONY: serve
serve: install assets ## The production stack on one machine: gunicorn, 2 job workers, scheduler, PostgreSQL (docs/deployment.md)
	scripts/serve.sh $(ARGS)

# The days `make test-dates` runs the suite on: month ends, a year end and 29 February.
TEST_DATES := 2026-12-31 2027-02-28 2028-02-29 2030-06-30
# The two of them CI runs (the year end, on PostgreSQL, and the leap day, on SQLite), to stay
# well under 25 minutes on two CPUs; `make test-dates` runs all four (ADR 0017).
CI_POSTGRES_DATE := 2026-12-31
CI_DATE := 2028-02-29
# The two throwaway PostgreSQL servers `make test` starts side by side: below 32768, since Linux
# gives outgoing connections ports from 32768 up and one of them could hold the port.
PG_PORT_BROWSER ?= 25329
PG_PORT_DATED ?= 25330

.PHONY: test
test: install assets browser lint ## Every check and test (what CI runs)
	@# Three runs side by side, each printed whole when it ends (ADR 0017): the browser and
	@# once-only tests on PostgreSQL on the default clock; the rest on a second PostgreSQL on
	@# 31 December 2026; the rest less clock-free tests on SQLite on 29 February 2028.
	$(MAKE) --no-print-directory --output-sync=target -j3 test-postgres-browser test-postgres-dated test-date-$(CI_DATE)

.PHONY: test-postgres-browser
test-postgres-browser: ## The browser tests and the slow end-to-end (once) tests on PostgreSQL
	@echo "The browser and once-only tests on PostgreSQL, on the default clock:"
	SIGHTLINE_PG_PORT=$(PG_PORT_BROWSER) scripts/with-postgres.sh $(BIN)/pytest -m "browser or once" -q -p no:cacheprovider $(PYTEST_ARGS)

.PHONY: test-postgres-dated
test-postgres-dated: ## Every other test on PostgreSQL, with the clock on CI_POSTGRES_DATE
	@echo "The suite less browser and once-only tests on PostgreSQL, with the clock on $(CI_POSTGRES_DATE):"
	SIGHTLINE_PG_PORT=$(PG_PORT_DATED) scripts/with-postgres.sh $(BIN)/pytest -m "not browser and not once" -q -p no:cacheprovider --clock=$(CI_POSTGRES_DATE) $(PYTEST_ARGS)

.PHONY: install
install: ## Python dependencies from uv.lock into .venv
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	$(UV) sync --frozen --quiet
	@$(MAKE) --no-print-directory validators || echo "warning: the DfE validators were not installed: 'sightline validate' will run the schema checks only (make validators)" >&2

.PHONY: validators
validators: ## The DfE's CIN and SSDA903 validators (pandas < 2) in their own .venv-validators (ADR 0022)
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	cd validators && UV_PROJECT_ENVIRONMENT=../.venv-validators $(UV) sync --frozen --quiet --python 3.11

.PHONY: assets
assets: ## GOV.UK Frontend and axe-core from package-lock.json, compiled into sightline/static/build
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build

.PHONY: browser
browser: ## Debian's chromium for the browser tests (installed with apt when missing)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

.PHONY: lint
lint: ## ruff, mypy, import-linter and the migrations check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy config sightline csc_measures
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

.PHONY: test-sqlite
test-sqlite: ## The test suite on SQLite (the browser and slow end-to-end tests run once, on PostgreSQL)
	$(BIN)/pytest -m "not browser and not once" $(PYTEST_ARGS)

.PHONY: test-postgres
test-postgres: ## The whole test suite, browser tests included, on a throwaway PostgreSQL 15 server under /tmp
	scripts/with-postgres.sh $(BIN)/pytest $(PYTEST_ARGS)

.PHONY: test-dates
test-dates: install ## The suite (less browser, slow and clock-free tests) with the clock on each of TEST_DATES
	$(MAKE) --no-print-directory --output-sync=target -j2 $(addprefix test-date-,$(TEST_DATES))

.PHONY: $(addprefix test-date-,$(TEST_DATES))
$(addprefix test-date-,$(TEST_DATES)): test-date-%:
	@echo "The suite with the clock on $*:"
	$(BIN)/pytest -m "not browser and not once and not clock_free" -q -p no:cacheprovider --clock=$* $(PYTEST_ARGS)

.PHONY: clean
clean: ## Remove the demo database and built assets (keeps .venv and node_modules)
	rm -rf var sightline/static/build staticfiles
