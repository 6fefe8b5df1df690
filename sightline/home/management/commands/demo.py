"""`sightline demo`: set up the fictional authority and serve the site with a job worker."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from sightline.home.demo import (
    DATA_EXTRACTS,
    DEFAULT_PASSWORD,
    demo_import_extracts,
    demo_seed_modules,
    demo_seed_region,
    demo_setup,
)


class Command(BaseCommand):
    help = (
        "Create the demo authority Anyshire, its teams and one user per role, then serve "
        "Sightline on http://127.0.0.1:8000 with a background-job worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Set everything up, then stop.")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Address to serve on.")
        parser.add_argument(
            "--no-data",
            action="store_true",
            help="Skip the synthetic data: the 24 monthly Annex A extracts and each module's "
            "audits, plan, workforce and feedback (empty pages).",
        )
        parser.add_argument(
            "--extracts",
            type=int,
            default=DATA_EXTRACTS,
            help=f"How many monthly extracts to import (default {DATA_EXTRACTS}).",
        )
        parser.add_argument(
            "--benchmark",
            default=os.environ.get("SIGHTLINE_DEMO_BENCHMARK", "916"),
            help="DfE code of the real authority Anyshire benchmarks as (default 916).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("SIGHTLINE_DEMO_PASSWORD") or DEFAULT_PASSWORD
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference_data", stdout=self.stdout)
        call_command("load_benchmarks", stdout=self.stdout)
        result = demo_setup(password=password, benchmark_dfe_code=options["benchmark"])
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.authority.name} is ready (benchmarked as "
                f"{result.authority.benchmark_as.name})."
            )
        )
        if not options["no_data"]:
            imported = demo_import_extracts(
                authority=result.authority,
                work_dir=settings.VAR_DIR / "demo-extracts",
                extracts=options["extracts"],
                report=self.stdout.write,
            )
            self.stdout.write(f"Annex A extracts imported now: {imported}.")
            demo_seed_modules(authority=result.authority, report=self.stdout.write)
        demo_seed_region(
            authority=result.authority,
            password=password,
            work_dir=settings.VAR_DIR / "demo-extracts" / "region",
            with_data=not options["no_data"],
            report=self.stdout.write,
        )
        self.stdout.write("Demo users: " + ", ".join([*result.usernames, "regional"]))
        self.stdout.write(f"Password for every demo user: {password}")
        if options["no_serve"]:
            return
        self.stdout.write(f"Serving on http://{options['addr']}/ (Ctrl+C to stop).")
        worker = subprocess.Popen(
            [sys.executable, "-m", "config.cli_entry", "db_worker", "--no-startup-delay"],
            cwd=str(settings.BASE_DIR),
        )
        try:
            call_command("runserver", options["addr"], use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=10)
