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
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk -F':.*?## ' '{printf "  %-14s %s\n", $$1, $$2}'

.PHONY: demo
demo: install assets ## Set up the demo authority and serve it on http://127.0.0.1:8000 (ARGS=--no-serve to only set up)
	$(BIN)/sightline demo $(ARGS)

.PHONY: serve
serve: install assets ## The production stack on one machine: gunicorn, 2 job workers, scheduler, PostgreSQL (docs/deployment.md)
	scripts/serve.sh $(ARGS)

# The days `make test-dates` runs the suite on: month ends, a year end and 29 February.
TEST_DATES := 2026-12-31 2027-02-28 2028-02-29 2030-06-30
# The two of them CI runs (the year end, on SQLite, and the leap day), to stay under 25 minutes
# on two CPUs; `make test-dates` runs all four (ADR 0017).
CI_SQLITE_DATE := 2026-12-31
CI_DATE := 2028-02-29

.PHONY: test
test: install assets browser lint ## Every check and test (what CI runs)
	@# PostgreSQL (browser tests included, on the default clock) beside SQLite on a year end
	@# and then the suite on 29 February; each run's output is printed whole.
	$(MAKE) --no-print-directory --output-sync=target -j2 test-postgres test-sqlite-dated

.PHONY: test-sqlite-dated
test-sqlite-dated:
	@echo "The suite on SQLite with the clock on $(CI_SQLITE_DATE):"
	$(BIN)/pytest -m "not browser and not once" -q -p no:cacheprovider --clock=$(CI_SQLITE_DATE) $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-date-$(CI_DATE)

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
