"""Export the audit trail to CSV as a background job (large trails take a while)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.db.models import QuerySet

from sightline.jobs.models import Job
from sightline.jobs.registry import Progress, job_kind
from sightline.kernel.exports import neutralise
from sightline.kernel.storage import private_writing

from .models import AuditEvent

EXPORT_KIND = "audit_trail_export"
_CHUNK = 500


@job_kind(EXPORT_KIND)
def audit_trail_export(job: Job, progress: Progress) -> str:
    """Write every audit event of the job's authority to a CSV file in private storage."""
    events = AuditEvent.objects.filter(authority=job.authority).order_by("at", "id")
    total = events.count()
    relative = f"exports/audit-trail-{job.pk}.csv"
    progress(0, total, "Starting")
    with private_writing(relative) as target:
        _write_csv(target, events, total, progress)
    progress(total, total, f"{total:,} records written")
    return relative


def _write_csv(target: Path, events: QuerySet[AuditEvent], total: int, progress: Progress) -> None:
    partial = target.with_suffix(".partial")
    with partial.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["when", "who", "action", "object type", "object id", "object", "changes"])
        done = 0
        for done, event in enumerate(events.iterator(chunk_size=_CHUNK), start=1):
            writer.writerow(
                [
                    neutralise(value)
                    for value in (
                        event.at.isoformat(),
                        event.actor_username,
                        event.action,
                        event.object_type,
                        event.object_id,
                        event.object_repr,
                        json.dumps(event.changes, ensure_ascii=False, sort_keys=True),
                    )
                ]
            )
            if done % _CHUNK == 0:
                progress(done, total, f"{done:,} of {total:,} records written")
    partial.replace(target)
