"""Reads for the voice module, always within the user's authority. Only feedback and impact
statements with consent to share are shown to people who cannot record feedback."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from sightline.accounts.models import User
from sightline.core.permissions import can_record_feedback
from sightline.kernel.disclosure import Sum, Withheld, policy, suppress_figures, suppress_table
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
    positive: int | str | None
    total: int | str | None
    """The count, or the words saying it is withheld (and by which rule)."""
    percent: float | None
    low: float | None
    high: float | None


class _Table:
    """The counts of the voice summary in one table, with the sums that tie them, so that
    one ``suppress_table`` call protects them together (secondary suppression)."""

    def __init__(self) -> None:
        self.values: list[int | None] = []
        self.published: list[bool] = []
        self.sums: list[Sum] = []

    def add(self, value: int, *, published: bool = True) -> int:
        self.values.append(value)
        self.published.append(published)
        return len(self.values) - 1

    def tie(self, total: int, parts: list[int]) -> None:
        self.sums.append(Sum(total, tuple(parts)))


def _shown(value: int, withheld: Withheld | None) -> int | str:
    return value if withheld is None else withheld.text


def _share(
    label: str, positive: int, total: int, counted: Withheld | None, rate: Withheld | None
) -> Share:
    """A share is shown when its total is shown (``counted``) and the percentage rule, with
    secondary suppression across the quarters, allows it (``rate``)."""
    if total == 0 or counted is not None or rate is not None:
        return Share(label, None, _shown(total, counted), None, None, None)
    low, high = wilson_interval(positive, total)
    return Share(label, positive, total, round(100 * positive / total, 1), low, high)


def voice_summary(*, authority: Authority, today: date, hide: bool) -> dict[str, object]:
    """Twelve months of feedback: positive share by quarter with its interval, counts by who
    gave it and by service, and theme frequency by quarter and by service.

    With ``hide``, counts of 1 to 4 are withheld (primary) and so is any count from which a
    withheld one could be worked out (secondary): the total is the sum of the quarters, of
    the sources and of the services; a share is shown when its total is and the percentage
    rule allows it (its positives and the rest protected across the quarters);
    a theme's quarters and its services add up to the same number."""
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
    positives = sum(1 for r in rows if r.sentiment == Feedback.Sentiment.POSITIVE)
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

    # the counts: all feedback = its quarters = its sources = its services
    table = _Table()
    total_i = table.add(len(rows))
    ordered = sorted(by_quarter.items())
    quarter_i = [table.add(t) for _, (_, t) in ordered]
    table.tie(total_i, quarter_i)
    source_i = [(name, table.add(n)) for name, n in sources.most_common()]
    table.tie(total_i, [i for _, i in source_i])
    service_i = [(name, table.add(n)) for name, n in sorted(services.items())]
    table.tie(total_i, [i for _, i in service_i])
    verdicts = suppress_table(
        table.values, sums=table.sums, policy=shown, published=table.published
    )
    # the shares: a share times its total gives back the positives and the rest, so each is
    # protected across the quarters as well (the year's = the sum of its quarters')
    rates = suppress_figures(
        [(positives, len(rows)), *((p, t) for _, (p, t) in ordered)],
        policy=shown,
        sums=[Sum(0, tuple(range(1, len(ordered) + 1)))],
    )

    # each theme: its quarters and its services add up to the same (unshown) number
    theme_rows: list[tuple[str, list[int | str]]] = []
    service_rows: list[tuple[str, list[int | str]]] = []
    for_service = dict(by_service)
    for name, counts in themes:
        per_service = for_service.get(name, [])
        theme = _Table()
        whole = theme.add(sum(counts), published=False)
        q_i = [theme.add(c) for c in counts]
        s_i = [theme.add(c) for c in per_service]
        theme.tie(whole, q_i)
        theme.tie(whole, s_i)
        w = suppress_table(theme.values, sums=theme.sums, policy=shown, published=theme.published)
        theme_rows.append((name, [_shown(counts[k], w[i]) for k, i in enumerate(q_i)]))
        service_rows.append((name, [_shown(per_service[k], w[i]) for k, i in enumerate(s_i)]))
    order = [name for name, _ in by_service]
    service_rows.sort(key=lambda r: order.index(r[0]))
    return {
        "total": _shown(len(rows), verdicts[total_i]),
        "overall": _share("Last 12 months", positives, len(rows), verdicts[total_i], rates[0]),
        "shares": [
            _share(q, p, t, verdicts[i], rates[k + 1])
            for k, ((q, (p, t)), i) in enumerate(zip(ordered, quarter_i, strict=True))
        ],
        "sources": [(k, _shown(table.values[i] or 0, verdicts[i])) for k, i in source_i],
        "services": [(k, _shown(table.values[i] or 0, verdicts[i])) for k, i in service_i],
        "quarters": quarters,
        "themes": theme_rows,
        "service_names": groups,
        "themes_by_service": service_rows,
        "withheld": [w for w in verdicts if w is not None],
        "start": start,
    }
