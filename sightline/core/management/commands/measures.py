"""`sightline measures …`: the measures engine's own command line (csc_measures.cli).

sightline measures --annex-a PATH --as-of YYYY-MM-DD [--period-start …] --out FILE.csv
sightline measures catalogue --out docs/measures.md
sightline measures templates --out docs/annex-a-templates.md
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compute the measure catalogue from an Annex A file (the engine's CLI)."

    def run_from_argv(self, argv: list[str]) -> None:
        from csc_measures.cli import main

        sys.exit(main(argv[2:], prog=f"{argv[0]} {argv[1]}"))

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError("run it from the command line: sightline measures --help")
