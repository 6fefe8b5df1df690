#!/usr/bin/env bash
# `make serve`: the production stack on one machine — gunicorn, two job workers and the
# scheduler, supervised by honcho from deploy/Procfile, with production settings.
#
# With DATABASE_URL set it serves that PostgreSQL database (running deploy/release.sh first;
# SIGHTLINE_SERVE_DEMO=1 also sets up the demo authorities in it). Without it, it starts a
# throwaway PostgreSQL server under /tmp (scripts/with-postgres.sh), sets up the demo there and
# removes it all on Ctrl+C. Served over plain HTTP on http://127.0.0.1:8000 (no TLS on one
# machine: the secure-cookie and HTTPS-redirect settings are relaxed for 127.0.0.1 only).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then
  export SIGHTLINE_SERVE_DEMO=1
  exec scripts/with-postgres.sh "$0" "$@"
fi

export DJANGO_SETTINGS_MODULE=config.settings.production
export SIGHTLINE_VAR_DIR=${SIGHTLINE_VAR_DIR:-$PWD/var/serve}
mkdir -p "$SIGHTLINE_VAR_DIR"
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
  [ -s "$SIGHTLINE_VAR_DIR/secret-key" ] || .venv/bin/python -c \
    "import secrets; print(secrets.token_urlsafe(50))" > "$SIGHTLINE_VAR_DIR/secret-key"
  DJANGO_SECRET_KEY=$(cat "$SIGHTLINE_VAR_DIR/secret-key")
  export DJANGO_SECRET_KEY
fi
export DJANGO_ALLOWED_HOSTS=${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}
export SIGHTLINE_BIND=${SIGHTLINE_BIND:-127.0.0.1:8000}
# Plain HTTP on this machine only: a council's server sits behind TLS and keeps the defaults.
export SIGHTLINE_SSL_REDIRECT=${SIGHTLINE_SSL_REDIRECT:-0}
export SIGHTLINE_SECURE_COOKIES=${SIGHTLINE_SECURE_COOKIES:-0}
export SIGHTLINE_HSTS_SECONDS=${SIGHTLINE_HSTS_SECONDS:-0}
export DJANGO_EMAIL_BACKEND=${DJANGO_EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}

deploy/release.sh
if [ "${SIGHTLINE_SERVE_DEMO:-0}" = "1" ]; then
  .venv/bin/sightline demo --no-serve "$@"
fi
echo "Serving the production stack on http://$SIGHTLINE_BIND/ (Ctrl+C stops every process)."
exec .venv/bin/honcho -f deploy/Procfile -d . start -c worker=2
