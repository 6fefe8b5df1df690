"""`sightline scheduler`: run the weekly reminders, once a week, from a long-running process.

Every Monday from 07:00 (London time) it runs ``send_action_reminders`` and
``send_audit_reminders``, once each per week however many machines run a scheduler: before
sending, it claims the week in the shared cache (``cache.add`` succeeds for one process only;
the database cache or Redis in production). At every tick it also marks failed any job whose
worker was lost (its lease expired: ADR 0019), so an import never waits for ever. ``--once``
runs what is due now and stops (for cron or a systemd timer instead of this loop).
"""

from __future__ import annotations

import logging
import signal
import time
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sightline.jobs.services import jobs_recover_lost

logger = logging.getLogger("sightline.scheduler")

#: The weekly commands: (command, weekday — Monday is 0, hour in London time).
WEEKLY = (("send_action_reminders", 0, 7), ("send_audit_reminders", 0, 7))


def due(*, now: datetime) -> list[tuple[str, str]]:
    """The weekly commands due at ``now`` (local time) with the key claiming this week's run."""
    year, week, _ = now.isocalendar()
    return [
        (command, f"scheduler:{command}:{year}-W{week:02d}")
        for command, weekday, hour in WEEKLY
        if (now.weekday(), now.hour) >= (weekday, hour)
    ]


def run_due(*, now: datetime, site_url: str) -> list[str]:
    """Run each weekly command due at ``now`` that no scheduler has run this week yet."""
    ran = []
    for command, key in due(now=now):
        # Kept for two weeks: long enough that this week's claim outlives the week.
        if not cache.add(key, now.isoformat(), timeout=14 * 24 * 60 * 60):
            continue
        logger.info("scheduler: running %s", command)
        try:
            call_command(command, site_url=site_url)
        except Exception:
            logger.exception("scheduler: %s failed", command)
            cache.delete(key)  # try again at the next tick
            continue
        ran.append(command)
    return ran


class Command(BaseCommand):
    help = "Run the weekly reminder emails on Monday mornings (a long-running process)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site-url", default="", help="Base URL for links in the emails.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks.")
        parser.add_argument("--once", action="store_true", help="Run what is due, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = {"now": False}

        def stop(signum: int, frame: object) -> None:
            stopping["now"] = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        logger.info("scheduler: started (weekly reminders on Mondays from 07:00)")
        while True:
            for job in jobs_recover_lost():
                logger.warning(
                    "scheduler: job %s (%s) lost its worker; marked failed", job.pk, job.kind
                )
            ran = run_due(now=timezone.localtime(), site_url=options["site_url"])
            if options["once"]:
                self.stdout.write(f"Ran: {', '.join(ran) or 'nothing due'}.")
                return
            for _ in range(options["interval"]):
                if stopping["now"]:
                    logger.info("scheduler: stopped")
                    return
                time.sleep(1)
