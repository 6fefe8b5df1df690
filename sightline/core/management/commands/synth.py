"""`sightline synth annex-a …`: write a synthetic Annex A (csc_measures.synth.cli).

sightline synth annex-a --out PATH [--format xlsx|csv] --as-of DATE --months N
                        --scale S --seed K [--messy]
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Generate synthetic Annex A data for the fictional authority Anyshire."

    def run_from_argv(self, argv: list[str]) -> None:
        from csc_measures.synth.cli import main

        sys.exit(main(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError("run it from the command line: sightline synth --help")
