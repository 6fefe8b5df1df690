# ruff: noqa: E501  (the synthetic sentences read better whole)
"""Synthetic voice data for the demo authority: a year of feedback in plain words, impact
statements, and the Ambassadors' submissions with the Chair's responses (one overdue).
Every word is invented; no real person is described."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from csc_measures.dates import next_working_day
from sightline.auditlog.services import audit_record
from sightline.organisation.models import Authority, Team

if TYPE_CHECKING:
    from sightline.plan.models import Priority

from sightline.plan.models import Plan, Priority

from .models import BoardSubmission, Feedback, ImpactStatement, ParticipationEvent, Theme

#: (source, sentiment, themes, words)
SAYINGS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "child",
        "positive",
        ("Being listened to",),
        "My social worker listens to me and writes down what I say.",
    ),
    (
        "child",
        "negative",
        ("Changes of social worker",),
        "I have had three social workers this year and I have to tell my story again every time.",
    ),
    (
        "young_person",
        "positive",
        ("Being listened to", "Having a say in plans"),
        "I got to say what I wanted at my review and they actually changed the plan.",
    ),
    (
        "young_person",
        "negative",
        ("Changes of social worker",),
        "Nobody told me my worker was leaving. She just stopped coming.",
    ),
    (
        "young_person",
        "mixed",
        ("Contact with family",),
        "Seeing my brother is better now but it keeps getting cancelled.",
    ),
    (
        "care_leaver",
        "positive",
        ("Support leaving care",),
        "My personal adviser helped me sort out my flat and my bank account.",
    ),
    (
        "care_leaver",
        "negative",
        ("Support leaving care", "Housing"),
        "I was moved into a flat on my own with no furniture for two weeks.",
    ),
    (
        "care_leaver",
        "mixed",
        ("Support leaving care",),
        "The money help is good but I never know who to call out of hours.",
    ),
    (
        "parent",
        "positive",
        ("Being treated with respect",),
        "The worker explained everything and did not talk down to me.",
    ),
    (
        "parent",
        "negative",
        ("Communication",),
        "I left four messages and nobody rang me back for a week.",
    ),
    (
        "parent",
        "mixed",
        ("Communication", "Being treated with respect"),
        "The meeting was fair, but the report used words I did not understand.",
    ),
    (
        "carer",
        "positive",
        ("Support for carers",),
        "Our supervising social worker is always there when we need her.",
    ),
    (
        "carer",
        "negative",
        ("Support for carers", "Changes of social worker"),
        "The child in our care has had so many workers he has stopped trusting them.",
    ),
    (
        "carer",
        "mixed",
        ("Contact with family",),
        "Contact arrangements have improved, though the travel is still hard for him.",
    ),
    (
        "child",
        "positive",
        ("Having a say in plans",),
        "I liked choosing where we met. The park was better than the office.",
    ),
    (
        "parent",
        "positive",
        ("Communication",),
        "I always know what is happening now and what I need to do next.",
    ),
)
CHANNELS = ("survey", "conversation", "complaint", "compliment", "participation")

IMPACT = (
    (
        "From meetings about us to meetings with us",
        "A care-experienced parent",
        "Co-designed the family meeting guide",
        "Meetings felt like they were about us, not with us. I stayed quiet because I thought nothing I said would count.",
        "I helped write the guide that workers now send before every family meeting. Other parents tell me they felt ready for the first time.",
        "Children's voice and participation",
    ),
    (
        "Being heard about moving on",
        "A care leaver, 19",
        "Ambassador; helped redesign the leaving-care pathway",
        "I found out I was moving into my own flat two weeks before it happened.",
        "Pathway plans now start at 16 and I sat on the panel that agreed it. My younger friends have had months to get ready.",
        "Care leavers",
    ),
    (
        "One worker I could trust",
        "A young person, 15",
        "Participation group member",
        "I had four social workers in a year and told my story every time.",
        "I shared my story with the Board. My worker has now stayed for over a year and I have stopped dreading visits.",
        "Workforce stability",
    ),
    (
        "Carers as part of the team",
        "A foster carer",
        "Carers' forum representative",
        "We were told decisions after they had been made.",
        "Carers now attend the care planning meetings. The plan for the children we look after makes sense to them.",
        "",
    ),
    (
        "Words we understand",
        "A parent",
        "Reviewed letters and reports with the quality team",
        "Reports were full of words I had to look up.",
        "The new report template has a plain-language summary at the top. I can read it with my children.",
        "Quality of practice",
    ),
)

SUBMISSIONS = (
    (
        "Stop changing our social workers",
        "We made a short film about what it feels like to have a new social worker every few months, and asked the Board to make keeping workers a priority.",
        330,
        300,
        "Thank you for your powerful film. The Board has made workforce stability a standing item and asked for a report every quarter on how many children have had three or more workers.",
        "We now report the number of children with three or more social workers in a year to every Board meeting, and agency workers are asked to commit to at least six months.",
    ),
    (
        "Our rooms, our say",
        "The Ambassadors asked for family time rooms that do not feel like offices, and presented their designs.",
        240,
        210,
        "The Board agreed with you. Two rooms will be redecorated to your designs, with your group choosing the furniture.",
        "Two family time rooms were redecorated in the spring to the Ambassadors' designs.",
    ),
    (
        "Tell us when our worker is leaving",
        "Young people asked that they are told, face to face, when their social worker is leaving, and meet the new worker before the old one goes.",
        150,
        120,
        "This is a fair request and the Director has written it into practice standards.",
        "Practice standards now require a handover visit with both workers. Team managers check this in supervision.",
    ),
    (
        "Pocket money and savings",
        "Children in care asked why pocket money differs between placements, and for clear rules.",
        45,
        14,
        "",
        "",
    ),
)

EVENTS = (
    (
        "Ambassadors",
        "Planning the film for the Board",
        150,
        9,
        "What it feels like when your social worker changes.",
        "A five-minute film shown to the Improvement Board.",
    ),
    (
        "Children in Care Council",
        "Pocket money across placements",
        60,
        12,
        "Why pocket money and savings differ between foster and residential homes.",
        "A submission to the Board asking for one clear policy.",
    ),
    (
        "Care leavers' forum",
        "Your first flat",
        200,
        7,
        "What helped and what did not when moving into a first home.",
        "Ideas passed to the housing pathway review.",
    ),
    (
        "Parents' forum",
        "Letters and reports in plain words",
        260,
        6,
        "Which words in reports parents found hard.",
        "A plain-language summary added to the report template.",
    ),
    (
        "Ambassadors",
        "Family time rooms",
        280,
        4,
        "Designs for rooms that do not feel like offices.",
        "Two rooms redecorated to the designs.",
    ),
)


def demo_seed(*, authority: Authority, report: Callable[[str], None] = print) -> int:
    """Create the demo voice data once; returns the number of feedback rows created."""
    if Feedback.objects.filter(authority=authority).exists():
        return 0
    rng = random.Random(11)  # noqa: S311 - synthetic data, not security
    today = timezone.localdate()
    teams = list(Team.objects.filter(authority=authority).select_related("locality"))
    with transaction.atomic():
        themes: dict[str, Theme] = {}
        count = 0
        for days_ago in range(360, 0, -1):
            for _ in range(rng.choices([0, 1, 2], weights=[5, 4, 1])[0]):
                source, sentiment, tags, words = rng.choice(SAYINGS)
                # Later in the year, a little more positive (the improvement work shows).
                if sentiment == "negative" and days_ago < 150 and rng.random() < 0.3:
                    continue
                team = rng.choice(teams) if teams and rng.random() < 0.7 else None
                channel = (
                    "complaint"
                    if sentiment == "negative" and rng.random() < 0.3
                    else "compliment"
                    if sentiment == "positive" and rng.random() < 0.3
                    else rng.choice(CHANNELS[:2] + CHANNELS[4:])
                )
                row = Feedback.objects.create(
                    authority=authority,
                    received_on=today - timedelta(days=days_ago),
                    source=source,
                    channel=channel,
                    team=team,
                    locality=team.locality if team else None,
                    words=words,
                    sentiment=sentiment,
                    consent_to_share=rng.random() < 0.6,
                    anonymous=True,
                )
                for tag in tags:
                    if tag not in themes:
                        themes[tag], _ = Theme.objects.get_or_create(authority=authority, name=tag)
                row.themes.set([themes[t] for t in tags])
                count += 1
        for i, (title, who, involvement, before, after, priority) in enumerate(IMPACT):
            ImpactStatement.objects.create(
                plan_priority=_plan_priority(authority, priority),
                authority=authority,
                title=title,
                contributor=who,
                involvement=involvement,
                before=before,
                after=after,
                given_on=next_working_day(today - timedelta(days=40 + 60 * i)),
                priority=priority,
                consent_to_share=i != 3,
            )
        for title, summary, meeting_ago, due_ago, response, we_did in SUBMISSIONS:
            meeting_date = next_working_day(today - timedelta(days=meeting_ago))
            BoardSubmission.objects.create(
                authority=authority,
                group="Ambassadors",
                title=title,
                summary=summary,
                meeting=f"Improvement Board, {meeting_date:%-d %B %Y}",
                meeting_date=meeting_date,
                response_due=next_working_day(today - timedelta(days=due_ago)),
                response=response,
                responded_on=(
                    next_working_day(meeting_date + timedelta(days=20)) if response else None
                ),
                we_did=we_did,
            )
        for group, title, days_ago, people, summary, outcome in EVENTS:
            ParticipationEvent.objects.create(
                authority=authority,
                group=group,
                title=title,
                held_on=next_working_day(today - timedelta(days=days_ago)),
                participants=people,
                summary=summary,
                outcome=outcome,
            )
        audit_record(
            actor=None,
            action="voice.demo_seeded",
            authority=authority,
            actor_label="demo",
            changes={"feedback": count},
        )
    report(f"Voice: {count} pieces of feedback, {len(IMPACT)} impact statements (synthetic).")
    return count


#: The demo's free-text priorities → words in the titles of the demo improvement plan's
#: priorities (linked when the plan module's demo data is there).
_PLAN_WORDS = {
    "Care leavers": "Care leavers",
    "Workforce stability": "Workforce",
    "Quality of practice": "Practice fundamentals",
}


def _plan_priority(authority: Authority, text: str) -> Priority | None:

    words = _PLAN_WORDS.get(text)
    if not words:
        return None
    return Priority.objects.filter(
        plan__authority=authority,
        plan__status=Plan.Status.ACTIVE,
        title__startswith=words,
    ).first()
