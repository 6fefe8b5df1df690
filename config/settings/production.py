"""Production settings: PostgreSQL, HTTPS only, secrets from the environment.

``DJANGO_SECRET_KEY``, ``DATABASE_URL`` and ``DJANGO_ALLOWED_HOSTS`` must be set.
"""

from __future__ import annotations

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
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SIGHTLINE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
