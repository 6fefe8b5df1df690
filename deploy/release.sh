#!/usr/bin/env bash
# What every release runs once, before the processes start: the database schema, the shared
# cache's table, the static files, the DfE reference data and benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-config.settings.production}
.venv/bin/sightline migrate --noinput
.venv/bin/sightline createcachetable
.venv/bin/sightline collectstatic --noinput --verbosity 0
.venv/bin/sightline load_reference_data
.venv/bin/sightline load_benchmarks
