"""Production settings: PostgreSQL, HTTPS only, secrets from the environment.

``DJANGO_SECRET_KEY``, ``DATABASE_URL`` and ``DJANGO_ALLOWED_HOSTS`` must be set.
"""

from __future__ import annotations

import importlib
import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a long random value.")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "Set DATABASE_URL to the PostgreSQL database (postgres://user:password@host:5432/name): "
        "production never falls back to a local SQLite file."
    )
SECURE_SSL_REDIRECT = env_bool("SIGHTLINE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Off only for `make serve` on one machine over plain HTTP (scripts/serve.sh).
SESSION_COOKIE_SECURE = env_bool("SIGHTLINE_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SIGHTLINE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- Logs: one JSON object a line, with the request's ID (docs/deployment.md) ---
LOG_FORMAT = os.environ.get("SIGHTLINE_LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "json" if LOG_FORMAT != "plain" else "plain"  # type: ignore[index]

# --- A cache every process shares: Redis when REDIS_URL is set, else a table in PostgreSQL
# (`sightline migrate` is followed by `sightline createcachetable`: deploy/Procfile's release).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sightline_cache",
        }
    }

# --- Private files: a folder every machine mounts (default), or S3-compatible object storage
# through django-storages (`uv sync --extra s3`) when SIGHTLINE_S3_BUCKET is set.
if os.environ.get("SIGHTLINE_S3_BUCKET"):
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["SIGHTLINE_S3_BUCKET"],
            "endpoint_url": os.environ.get("SIGHTLINE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("SIGHTLINE_S3_REGION") or None,
            "location": os.environ.get("SIGHTLINE_S3_PREFIX", "private"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": True,
        },
    }

# --- Error reporting (optional): Sentry when SENTRY_DSN is set and sentry-sdk is installed
# (`uv sync --extra sentry`); otherwise errors are in the JSON logs only.
if os.environ.get("SENTRY_DSN"):
    try:
        sentry_sdk = importlib.import_module("sentry_sdk")  # an optional extra
    except ImportError as error:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: run `uv sync --extra sentry`."
        ) from error
    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,  # never names, IDs or cookies of the people using it
        traces_sample_rate=0.0,
    )
