"""Mark failed every running job whose worker was lost, and tidy up after it (ADR 0019).

Run it every few minutes (systemd timer or cron); the job pages also check the job they show.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sightline.jobs.services import jobs_recover_lost


class Command(BaseCommand):
    help = "Mark failed the running jobs whose worker was lost (lease expired), tidying up."

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = jobs_recover_lost()
        for job in recovered:
            self.stdout.write(f"{job.pk} {job.kind}: worker lost at {job.done}/{job.total}")
        self.stdout.write(f"{len(recovered)} jobs recovered")
