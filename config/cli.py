"""The `sightline` console command: Django's management commands for this project.

``sightline demo``, ``sightline measures …``, ``sightline synth …``, ``sightline db_worker``,
``sightline createsuperuser`` … Settings default to ``config.settings.local``.
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
    return 0
