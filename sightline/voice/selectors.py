"""Reads for the voice module, always within the user's authority. Only feedback and impact
statements with consent to share are shown to people who cannot record feedback."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from sightline.accounts.models import User
from sightline.core.permissions import can_record_feedback
from sightline.kernel.disclosure import policy
from sightline.organisation.models import Authority

from .analysis import quarter_of, theme_by_group, theme_frequency, wilson_interval
from .models import BoardSubmission, Feedback, ImpactStatement, Theme


def feedback_visible(*, user: User) -> QuerySet[Feedback]:
    """All feedback in full for those who record it; nothing for anyone else."""
    qs = Feedback.objects.filter(authority_id=user.authority_id or 0).prefetch_related("themes")
    qs = qs.select_related("team", "locality")
    return qs if can_record_feedback(user) else qs.none()


def quotes_for_board(*, authority: Authority, limit: int = 8) -> QuerySet[Feedback]:
    """Words the person agreed can be shared, newest first."""
    return (
        Feedback.objects.filter(authority=authority, consent_to_share=True)
        .select_related("team", "locality")
        .prefetch_related("themes")[:limit]
    )


def impact_visible(*, user: User) -> QuerySet[ImpactStatement]:
    """Every impact statement for those who record them; the consented ones for everyone else."""
    qs = ImpactStatement.objects.filter(authority_id=user.authority_id or 0)
    return qs if can_record_feedback(user) else qs.filter(consent_to_share=True)


def submissions_for(*, authority: Authority) -> QuerySet[BoardSubmission]:
    return BoardSubmission.objects.filter(authority=authority)


def themes_for(*, authority: Authority) -> QuerySet[Theme]:
    return Theme.objects.filter(authority=authority)


@dataclass(frozen=True)
class Share:
    label: str
    positive: int | None
    total: int | None
    percent: float | None
    low: float | None
    high: float | None


def _share(label: str, positive: int, total: int, hide: bool) -> Share:
    shown = policy(suppress=hide)
    if total == 0 or shown.hides(positive, total):
        return Share(label, shown.count(positive), shown.count(total), None, None, None)
    low, high = wilson_interval(positive, total)
    return Share(label, positive, total, round(100 * positive / total, 1), low, high)


def voice_summary(*, authority: Authority, today: date, hide: bool) -> dict[str, object]:
    """Twelve months of feedback: positive share by quarter with its interval, counts by who
    gave it and by service, and theme frequency by quarter."""
    start = date(today.year - 1, today.month, 1)
    rows = list(
        Feedback.objects.filter(authority=authority, received_on__gte=start, received_on__lte=today)
        .select_related("team__locality", "locality")
        .prefetch_related("themes")
    )
    by_quarter: dict[str, list[int]] = {}
    for row in rows:
        acc = by_quarter.setdefault(quarter_of(row.received_on), [0, 0])
        acc[1] += 1
        acc[0] += row.sentiment == Feedback.Sentiment.POSITIVE
    shown = policy(suppress=hide)
    shares = [_share(q, p, t, hide) for q, (p, t) in sorted(by_quarter.items())]
    positives = sum(1 for r in rows if r.sentiment == Feedback.Sentiment.POSITIVE)
    overall = _share("Last 12 months", positives, len(rows), hide)
    sources = Counter(r.get_source_display() for r in rows)
    services: Counter[str] = Counter()
    service_of: dict[int, str] = {}
    for r in rows:
        service = r.locality or (r.team.locality if r.team else None)
        service_of[r.pk] = service.name if service else "Not given"
        services[service_of[r.pk]] += 1
    groups, by_service = theme_by_group(
        (service_of[r.pk], [t.name for t in r.themes.all()]) for r in rows
    )
    quarters, themes = theme_frequency(
        (r.received_on, [t.name for t in r.themes.all()]) for r in rows
    )
    return {
        "total": shown.count(len(rows)),
        "overall": overall,
        "shares": shares,
        "sources": [(k, shown.count(v)) for k, v in sources.most_common()],
        "services": [(k, shown.count(v)) for k, v in sorted(services.items())],
        "quarters": quarters,
        "themes": [(name, [shown.count(c) for c in counts]) for name, counts in themes],
        "service_names": groups,
        "themes_by_service": [
            (name, [shown.count(c) for c in counts]) for name, counts in by_service
        ],
        "start": start,
    }
