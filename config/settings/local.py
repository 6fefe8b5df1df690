"""Settings for the demo and for development on one machine (SQLite under var/)."""

from __future__ import annotations

import os

from .base import *

SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "local-only-not-secret-0c1b2f9e6a4d4f0b8d3e7a5c9b1e2f3a"
)
DEBUG = env_bool("DJANGO_DEBUG", default=False)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
