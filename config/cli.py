"""The `sightline` console command.

``sightline measures …``, ``sightline synth …`` and ``sightline validate …`` run the measures
engine's own command lines (``csc_measures.cli``, ``csc_measures.synth.cli``,
``csc_measures.returns.validate``) straight away, without starting Django:
they need no database and no settings, and starting Django took most of a small run's time.
Everything else (``sightline demo``, ``sightline import``, ``sightline db_worker``,
``sightline createsuperuser`` …) is one of Django's management commands; settings default to
``config.settings.local``. ``manage.py measures`` and ``manage.py synth`` still work too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

#: Commands served by the engine alone (no Django, no database).
ENGINE_COMMANDS = ("measures", "synth", "validate")


def run_engine(command: str, argv: Sequence[str]) -> int:
    """Run ``sightline <command> <argv…>`` with the engine's command line."""
    if command == "measures":
        from csc_measures.cli import main as measures_main

        return measures_main(list(argv), prog="sightline measures")
    if command == "validate":
        from csc_measures.returns.validate import main as validate_main

        return validate_main(list(argv))
    from csc_measures.synth.cli import main as synth_main

    return synth_main(list(argv))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] in ENGINE_COMMANDS:
        return run_engine(sys.argv[1], sys.argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
    return 0
