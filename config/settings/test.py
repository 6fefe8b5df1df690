"""Settings for the test suite: SQLite in memory unless DATABASE_URL names PostgreSQL."""

from __future__ import annotations

import os

from .base import *

SECRET_KEY = "test-only-not-secret-4b7e1d2c9a8f4e3b"  # noqa: S105
DEBUG = False
if "DATABASE_URL" not in os.environ:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast in tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
ALLOWED_HOSTS = ["*"]
