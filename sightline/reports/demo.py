"""A year of published reports for the demo authority: monthly board packs, DfE highlight
reports every six weeks (written, approved and published by the DfE adviser) and quarterly
Chair's reports, each dated from the demo's ``data_as_of`` (never the real date) and frozen
as it was approved.

Idempotent: nothing is added when the authority already has reports.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from csc_measures.dates import add_months
from sightline.accounts.models import User
from sightline.core.permissions import can_approve_report
from sightline.organisation.models import Authority

from . import services, wording
from .categories import FRAMEWORKS
from .models import Report

#: Demo plan priority number → the Ofsted reporting categories it serves.
DEMO_CATEGORIES = {
    1: ["help_protection"],
    2: ["help_protection"],
    3: ["looked_after"],
    4: ["care_leavers"],
    5: ["leadership"],
    6: ["leadership"],
}


def _month_end(day: date) -> date:
    return add_months(day.replace(day=1), 1) - timedelta(days=1)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _publish(report: Report, *, preparer: User, director: User, approved_on: date) -> None:
    """Sent for review by its preparer, approved and published by its approver: the director,
    or the DfE adviser their own highlight report."""
    approver = preparer if can_approve_report(preparer, report) else director
    services.report_submit(by=preparer, report=report)
    services.report_approve(by=approver, report=report)
    services.report_publish(by=approver, report=report)
    report.refresh_from_db()
    snapshot = dict(report.snapshot or {})
    meta = dict(snapshot.get("report", {}))
    meta["approved_on"] = wording.day_label(approved_on)
    meta["published_on"] = wording.day_label(approved_on)
    snapshot["report"] = meta
    Report.objects.filter(pk=report.pk).update(
        created_at=_at(approved_on - timedelta(days=7)),
        submitted_at=_at(approved_on - timedelta(days=3)),
        approved_at=_at(approved_on),
        published_at=_at(approved_on),
        snapshot=snapshot,
    )


def _map_priorities(authority: Authority, director: User) -> None:
    from sightline.plan.selectors import plan_current

    plan = plan_current(authority=authority)
    if plan is None:
        return
    priorities = {p.number: p.pk for p in plan.priorities.all()}
    mapping = {pk: DEMO_CATEGORIES.get(n, []) for n, pk in priorities.items()}
    for framework in FRAMEWORKS:
        services.priority_categories_set(
            by=director, authority=authority, framework=framework, mapping=mapping
        )


@transaction.atomic
def demo_seed(
    *,
    authority: Authority,
    as_of: date,
    months: int = 12,
    report: Callable[[str], None] = lambda _: None,
) -> int:
    """Seed the ``months`` of reports ending at ``as_of`` (the latest complete month of data):
    a board pack a month, a Chair's report a quarter, a DfE highlight report every six weeks.
    Returns how many reports were made. (The browser tests seed one month: each report is
    built from the data, about a second each.)"""
    if Report.objects.filter(authority=authority).exists():
        return 0
    director = User.objects.get(username="director", authority=authority)
    chair = User.objects.filter(username="board", authority=authority).first() or director
    adviser = User.objects.filter(username="adviser", authority=authority).first() or director
    _map_priorities(authority, director)
    made = 0
    last = as_of.replace(day=1)
    previous: dict[str, Report] = {}

    def make(
        kind: str, start: date, end: date, preparer: User, next_update: date | None = None
    ) -> None:
        nonlocal made
        new = services.report_create(
            by=preparer,
            authority=authority,
            type=kind,
            audience={"board_pack": "board", "dfe_highlight": "dfe"}.get(kind, "members"),
            period_start=start,
            period_end=end,
            based_on=previous.get(kind),
            next_update=next_update,
        )
        # Approved the day after its period (the latest is then still before today).
        _publish(new, preparer=preparer, director=director, approved_on=end + timedelta(days=1))
        previous[kind] = new
        made += 1

    for back in range(months - 1, -1, -1):
        month = add_months(last, -back)
        make("board_pack", month, _month_end(month), director)
        if back % 3 == 0:
            quarter_start = add_months(month, -2)
            make("chair_report", quarter_start, _month_end(month), chair)
    end = as_of
    dfe_ends = []
    while end > as_of - timedelta(days=round(months * 365 / 12)):
        dfe_ends.append(end)
        end -= timedelta(days=42)
    for end in reversed(dfe_ends):
        make(
            "dfe_highlight",
            end - timedelta(days=41),
            end,
            adviser,
            next_update=end + timedelta(days=42),
        )
    report(f"Reports seeded: {made} published board packs, Chair's and DfE highlight reports.")
    return made
