"""`sightline send_audit_reminders`: the weekly email of audits and audit actions overdue or
due soon, and overdue actions escalated to managers.

Run it weekly from the scheduler (cron, a systemd timer); the demo prints the emails to the
console (console email backend)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sightline.audits.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Email auditors and action owners what is overdue or due soon, and managers what has "
        "been escalated to them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site-url", default="", help="Base URL for links in the email.")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send(today=timezone.localdate(), site_url=options["site_url"])
        self.stdout.write(self.style.SUCCESS(f"Audit reminder emails sent: {sent}."))
