"""Reads of governance records, always within the user's authority."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.kernel.disclosure import SUPPRESSED, Policy
from sightline.organisation.models import Authority
from sightline.performance.dashboard import disclose, measure_row
from sightline.plan.models import Priority
from sightline.plan.selectors import SOON_DAYS, plan_current, plan_on_a_page

from .models import (
    BAND_TAG,
    Board,
    BoardMember,
    Decision,
    Inspection,
    InterventionStatus,
    Meeting,
    MeetingAction,
    Risk,
    risk_band,
)


def boards_for(*, authority: Authority) -> QuerySet[Board]:
    return Board.objects.filter(authority=authority).prefetch_related("members")


def meetings_for(*, authority: Authority) -> QuerySet[Meeting]:
    return Meeting.objects.filter(board__authority=authority).select_related("board")


def meeting_get(*, authority: Authority, pk: int) -> Meeting:
    return Meeting.objects.select_related("board").get(board__authority=authority, pk=pk)


def meeting_actions_for(
    *, authority: Authority, open_only: bool = False, overdue_on: date | None = None
) -> QuerySet[MeetingAction]:
    qs = MeetingAction.objects.filter(meeting__board__authority=authority).select_related(
        "meeting", "meeting__board", "owner"
    )
    if open_only or overdue_on is not None:
        qs = qs.filter(status=MeetingAction.Status.OPEN)
    if overdue_on is not None:
        qs = qs.filter(due_date__lt=overdue_on)
    return qs


def meeting_actions_needing_attention(
    *, user: User, today: date
) -> tuple[list[MeetingAction], list[MeetingAction]]:
    """(overdue, due within SOON_DAYS) among this person's open meeting actions."""
    if user.authority_id is None:
        return [], []
    mine = MeetingAction.objects.filter(
        owner=user,
        meeting__board__authority_id=user.authority_id,
        status=MeetingAction.Status.OPEN,
    ).select_related("meeting", "meeting__board")
    overdue = list(mine.filter(due_date__lt=today))
    soon = list(mine.filter(due_date__gte=today, due_date__lte=today + timedelta(days=SOON_DAYS)))
    return overdue, soon


def risks_for(*, authority: Authority, include_closed: bool = False) -> QuerySet[Risk]:
    qs = Risk.objects.filter(authority=authority).select_related("owner")
    if not include_closed:
        qs = qs.filter(status=Risk.Status.OPEN)
    return qs


@dataclass(frozen=True)
class HeatCell:
    likelihood: int
    impact: int
    score: int
    band: str
    tag_class: str
    risks: tuple[Risk, ...]


def heat_map(*, risks: list[Risk]) -> list[tuple[int, list[HeatCell]]]:
    """Rows of likelihood 5 (top) to 1, each with cells for impact 1 to 5."""
    rows = []
    for likelihood in range(5, 0, -1):
        cells = []
        for impact in range(1, 6):
            score = likelihood * impact
            band = risk_band(score)
            cells.append(
                HeatCell(
                    likelihood,
                    impact,
                    score,
                    band,
                    BAND_TAG[band],
                    tuple(r for r in risks if r.likelihood == likelihood and r.impact == impact),
                )
            )
        rows.append((likelihood, cells))
    return rows


def inspections_for(*, authority: Authority) -> QuerySet[Inspection]:
    return (
        Inspection.objects.filter(authority=authority)
        .select_related("framework")
        .prefetch_related("judgements__area")
    )


def interventions_for(*, authority: Authority) -> QuerySet[InterventionStatus]:
    return InterventionStatus.objects.filter(authority=authority)


def intervention_now(*, authority: Authority) -> InterventionStatus | None:
    return InterventionStatus.objects.filter(authority=authority, ended_on__isnull=True).first()


@dataclass(frozen=True)
class PackMeasure:
    measure_id: str
    title: str
    unit: str
    period: str | None
    value: float | None
    variation_label: str | None
    #: the words of the rule that withheld the latest figure ("" when shown)
    withheld: str = ""
    withheld_text: str = ""


def pack_measures(
    *, authority: Authority, measure_ids: list[str], policy: Policy = SUPPRESSED
) -> list[PackMeasure]:
    """Latest value and SPC reading for each measure named on the agenda (empty figures when
    no performance data has been imported), as the pack's audience may see them: ``policy``
    is the disclosure rule of the person the pack is built for (withheld when nobody is)."""

    out = []
    for measure_id in measure_ids:
        spec = REGISTRY.get(measure_id)
        if spec is None:
            continue
        row = disclose(measure_row(authority=authority, measure_id=measure_id), policy)
        latest = row.latest
        withheld = row.latest_withheld
        out.append(
            PackMeasure(
                measure_id,
                spec.title,
                spec.unit,
                latest.period if latest else None,
                latest.value if latest and withheld is None else None,
                row.chart.summary.variation_label if row.chart else None,
                withheld=withheld.reason if withheld else "",
                withheld_text=withheld.text if withheld else "",
            )
        )
    return out


@dataclass
class PackItem:
    order: int
    title: str
    presenter: str
    summary: str
    document_url: str
    priorities: list[tuple[Priority, object]]
    measures: list[PackMeasure]


@dataclass
class MeetingPack:
    meeting: Meeting
    members: list[BoardMember]
    items: list[PackItem]
    decisions: list[Decision]
    actions: list[MeetingAction]
    open_actions: list[MeetingAction]
    risks: list[Risk]
    today: date
    #: the disclosure rule the pack was built under
    policy: Policy = SUPPRESSED

    @property
    def disclosure_statement(self) -> str:
        """What the pack says about small numbers (which rule applied)."""
        if not self.policy.suppress:
            return (
                "Built for a reader who may see every figure: no small numbers are withheld. "
                "Do not pass it to elected members, the public or the DfE."
            )
        rules = sorted({m.withheld for i in self.items for m in i.measures if m.withheld})
        said = "; ".join(rules) if rules else "none withheld in this pack"
        return (
            f"Counts from 1 to {self.policy.threshold - 1}, and figures from which one could "
            f"be worked out, are withheld. Rules applied: {said}."
        )


def meeting_pack(*, meeting: Meeting, today: date, policy: Policy = SUPPRESSED) -> MeetingPack:
    """Everything for the meeting's pack, assembled from the linked items, for an audience:
    ``policy`` is the disclosure rule of the person it is built for (``SUPPRESSED``, the
    safe default, when it is built for nobody in particular)."""
    authority = meeting.board.authority
    plan = plan_current(authority=authority)
    on_a_page = plan_on_a_page(plan=plan, today=today) if plan else None
    rows = {row.priority.pk: row for row in on_a_page.rows} if on_a_page else {}
    items = [
        PackItem(
            order=item.order,
            title=item.title,
            presenter=item.presenter,
            summary=item.summary,
            document_url=item.document_url,
            priorities=[(p, rows.get(p.pk)) for p in item.priorities.all()],
            measures=pack_measures(
                authority=authority, measure_ids=list(item.measure_ids), policy=policy
            ),
        )
        for item in meeting.items.prefetch_related("priorities")
    ]
    return MeetingPack(
        meeting=meeting,
        members=list(meeting.board.members.all()),
        items=items,
        decisions=list(meeting.decisions.select_related("item")),
        actions=list(meeting.actions.select_related("owner")),
        open_actions=list(
            MeetingAction.objects.filter(
                meeting__board=meeting.board, status=MeetingAction.Status.OPEN
            )
            .exclude(meeting=meeting)
            .select_related("owner", "meeting")
        ),
        risks=sorted(risks_for(authority=authority), key=lambda r: (-r.score, r.reference))[:5],
        today=today,
        policy=policy,
    )
