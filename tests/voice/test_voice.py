"""Voice of children and families: the calculations, services, consent and privacy rules,
the Ambassadors' 'you said, we did' with overdue responses, and the pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.core.attention import attention_for
from sightline.core.permissions import (
    can_record_feedback,
    can_respond_to_ambassadors,
    can_view_voice,
)
from sightline.organisation.models import Authority
from sightline.voice import selectors, services
from sightline.voice.analysis import (
    quarter_of,
    theme_by_group,
    theme_frequency,
    wilson_interval,
)
from sightline.voice.demo import demo_seed
from sightline.voice.models import BoardSubmission, Feedback, ImpactStatement, Theme
from tests.voice.factories import make_feedback, make_submission

# --- pure calculations --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [(8, 10, (49.0, 94.3)), (0, 10, (0.0, 27.8)), (50, 100, (40.4, 59.6)), (1, 1, (20.7, 100.0))],
)
def test_wilson_interval_matches_published_values(
    k: int, n: int, expected: tuple[float, float]
) -> None:
    assert wilson_interval(k, n) == expected


def test_wilson_interval_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="no observations"):
        wilson_interval(0, 0)
    with pytest.raises(ValueError, match="between 0 and total"):
        wilson_interval(3, 2)


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2025, 4, 1), "2025-26 Q1"),
        (date(2025, 6, 30), "2025-26 Q1"),
        (date(2025, 12, 15), "2025-26 Q3"),
        (date(2026, 3, 31), "2025-26 Q4"),
        (date(2026, 1, 1), "2025-26 Q4"),
    ],
)
def test_financial_quarters(day: date, quarter: str) -> None:
    assert quarter_of(day) == quarter


def test_theme_frequency_by_hand() -> None:
    quarters, rows = theme_frequency(
        [
            (date(2025, 4, 2), ["Listening", "Housing"]),
            (date(2025, 5, 2), ["Listening", "Listening"]),  # counted once per comment
            (date(2025, 7, 2), ["Housing"]),
            (date(2025, 8, 2), []),
        ]
    )
    assert quarters == ["2025-26 Q1", "2025-26 Q2"]
    assert rows == [("Housing", [1, 1]), ("Listening", [2, 0])]


def test_theme_by_service_by_hand() -> None:
    groups, rows = theme_by_group(
        [
            ("North", ["Housing", "Listening"]),
            ("South", ["Housing"]),
            ("North", ["Housing", "Housing"]),
            ("Not given", []),
        ]
    )
    assert groups == ["North", "Not given", "South"]
    assert rows == [("Housing", [2, 0, 1]), ("Listening", [1, 0, 0])]


# --- permissions --------------------------------------------------------------------------


@pytest.mark.django_db
def test_voice_permissions(users: dict[str, User]) -> None:
    recorders = {n for n, u in users.items() if can_record_feedback(u)}
    assert recorders == {"director", "hos", "manager", "analyst", "qa"}
    assert {n for n, u in users.items() if not can_view_voice(u)} == {"admin"}
    responders = {n for n, u in users.items() if can_respond_to_ambassadors(u)}
    assert responders == {"director", "board"}


# --- services -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_feedback_is_recorded_with_themes_and_audit(
    demo: Authority, users: dict[str, User]
) -> None:
    row = make_feedback(demo, users["manager"], themes=["being listened to", "Housing", "housing"])
    assert sorted(t.name for t in row.themes.all()) == ["Being listened to", "Housing"]
    again = make_feedback(demo, users["manager"], themes=["Being Listened To"])
    assert Theme.objects.filter(authority=demo).count() == 2
    assert list(again.themes.all()) == [Theme.objects.get(name="Being listened to")]
    assert AuditEvent.objects.filter(action="voice.feedback_recorded").count() == 2


@pytest.mark.django_db
def test_anonymous_feedback_cannot_carry_a_name(demo: Authority, users: dict[str, User]) -> None:
    with pytest.raises(ValidationError, match="Anonymous feedback cannot have a name"):
        make_feedback(demo, users["manager"], anonymous=True, attributed_to="Jay")
    with pytest.raises(ValidationError, match="future"):
        make_feedback(demo, users["manager"], received_on=timezone.localdate() + timedelta(days=1))


@pytest.mark.django_db
def test_only_consented_words_reach_the_board(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    make_feedback(demo, users["manager"], words="Shared words, with consent.")
    make_feedback(
        demo, users["manager"], words="Private words, no consent.", consent_to_share=False
    )
    quotes = [q.words for q in selectors.quotes_for_board(authority=demo)]
    assert quotes == ["Shared words, with consent."]
    page = client_for("board").get(reverse("voice:overview")).content.decode()
    assert "Shared words, with consent." in page
    assert "Private words, no consent." not in page
    # The person recording feedback sees both in the list.
    listing = client_for("manager").get(reverse("voice:feedback_list")).content.decode()
    assert "Private words, no consent." in listing


@pytest.mark.django_db
def test_summary_positive_share_with_interval_and_suppression(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    for i in range(10):
        make_feedback(demo, users["qa"], sentiment="positive" if i < 8 else "negative")
    summary = selectors.voice_summary(authority=demo, today=timezone.localdate(), hide=False)
    overall = summary["overall"]
    assert (overall.positive, overall.total, overall.percent) == (8, 10, 80.0)  # type: ignore[attr-defined]
    assert (overall.low, overall.high) == (49.0, 94.3)  # type: ignore[attr-defined]
    hidden = selectors.voice_summary(authority=demo, today=timezone.localdate(), hide=True)
    # 8 of 10 positive gives back the 2 negative comments (10 - 8): the percentage rule
    # withholds it; the 10 comments are shown.
    assert hidden["overall"].percent is None  # type: ignore[attr-defined]
    assert hidden["total"] == 10
    assert ("Young person", 10) in hidden["sources"]  # type: ignore[operator]
    make_feedback(demo, users["qa"], source="carer")
    hidden = selectors.voice_summary(authority=demo, today=timezone.localdate(), hide=True)
    # 1 carer (primary), so the 10 young people (11 - 1) and the total are withheld too
    sources = dict(hidden["sources"])  # type: ignore[call-overload]
    assert sources["Carer"] == "Fewer than 5 (suppressed)"
    assert sources["Young person"] == "Withheld (suppressed)"
    assert hidden["total"] == 11
    page = client_for("member").get(reverse("voice:overview")).content.decode()
    assert "Fewer than 5 (suppressed)" in page


@pytest.mark.django_db
def test_impact_statements_without_consent_are_hidden_from_the_board(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    common = {
        "contributor": "A care leaver",
        "involvement": "Panel member",
        "before": "Before words",
        "after": "After words",
        "given_on": date(2025, 5, 1),
        "priority": "",
    }
    services.impact_create(
        by=users["qa"], authority=demo, title="Shared story", consent_to_share=True, **common
    )
    services.impact_create(
        by=users["qa"], authority=demo, title="Private story", consent_to_share=False, **common
    )
    board = client_for("board").get(reverse("voice:impact_list")).content.decode()
    assert "Shared story" in board
    assert "Private story" not in board
    qa = client_for("qa").get(reverse("voice:impact_list")).content.decode()
    assert "Private story" in qa
    private = ImpactStatement.objects.get(title="Private story")
    assert (
        client_for("board").get(reverse("voice:impact_edit", args=[private.pk])).status_code == 403
    )


# --- Ambassadors: you said, we did --------------------------------------------------------


@pytest.mark.django_db
def test_overdue_response_is_flagged_until_the_chair_responds(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    today = timezone.localdate()
    sub = make_submission(demo, users["director"], due=today - timedelta(days=2))
    assert sub.is_overdue(today)
    titles = [item.title for item in attention_for(users["board"])]
    assert any("overdue" in t for t in titles)
    listing = client_for("member").get(reverse("voice:submission_list")).content.decode()
    assert "Overdue since" in listing
    url = reverse("voice:submission_detail", args=[sub.pk])
    assert client_for("member").post(url, {"response": "x"}).status_code == 403
    response = client_for("board").post(
        url,
        {
            "version": sub.updated_at.isoformat(),
            "response": "Thank you. Workers will now hand over face to face.",
            "responded_on": today.strftime("%d/%m/%Y"),
            "we_did": "Handover visits are in the practice standards.",
        },
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert not sub.is_overdue(today)
    assert sub.responded_by == users["board"]
    assert not any("overdue" in item.title for item in attention_for(users["board"]))
    page = client_for("adviser").get(url).content.decode()
    assert "Handover visits are in the practice standards." in page


@pytest.mark.django_db
def test_response_before_the_meeting_is_refused(demo: Authority, users: dict[str, User]) -> None:
    sub = make_submission(demo, users["director"], due=timezone.localdate())
    with pytest.raises(ValidationError, match="before the meeting"):
        services.submission_respond(
            by=users["director"],
            submission=sub,
            seen_version=None,
            response="Early",
            responded_on=sub.meeting_date - timedelta(days=1),
        )


@pytest.mark.django_db
def test_record_feedback_through_the_page(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    response = client_for("manager").post(
        reverse("voice:feedback_create"),
        {
            "received_on": "01/10/2025",
            "source": "carer",
            "channel": "survey",
            "words": "Training for carers was really useful.",
            "themes": "Support for carers, Training",
            "sentiment": "positive",
            "anonymous": "on",
        },
    )
    assert response.status_code == 302
    row = Feedback.objects.get()
    assert row.anonymous
    assert not row.consent_to_share
    assert row.attributed_to == ""
    assert sorted(t.name for t in row.themes.all()) == ["Support for carers", "Training"]


@pytest.mark.django_db
def test_demo_voice_is_idempotent_and_has_an_overdue_response(demo: Authority) -> None:
    assert demo_seed(authority=demo, report=lambda _: None) > 100
    assert demo_seed(authority=demo, report=lambda _: None) == 0
    today = timezone.localdate()
    overdue = [s for s in BoardSubmission.objects.filter(authority=demo) if s.is_overdue(today)]
    assert len(overdue) == 1
    assert Feedback.objects.filter(consent_to_share=False).exists()


@pytest.mark.django_db
def test_participation_events_recorded_and_small_counts_hidden_from_members(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    response = client_for("qa").post(
        reverse("voice:event_create"),
        {
            "group": "Ambassadors",
            "title": "Planning the film",
            "held_on": "01/10/2025",
            "participants": "3",
            "summary": "What changes of worker feel like.",
        },
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="voice.event_recorded").exists()
    member = client_for("member").get(reverse("voice:event_list")).content.decode()
    assert "Planning the film" in member
    assert "fewer than 5" in member
    board = client_for("board").get(reverse("voice:event_list")).content.decode()
    assert "fewer than 5" not in board
    with pytest.raises(ValidationError, match="once it has been held"):
        services.participation_event_create(
            by=users["qa"],
            authority=demo,
            group="G",
            title="T",
            held_on=timezone.localdate() + timedelta(days=3),
            participants=5,
            summary="s",
            outcome="",
        )


def test_an_impact_statement_linked_to_a_plan_priority_shows_on_its_page(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    from tests.plan.factories import plan_objects

    priority = plan_objects(demo).priority
    common = {
        "contributor": "A parent",
        "involvement": "Family group conference",
        "before": "Nobody explained the plan.",
        "after": "The same worker came every week.",
        "given_on": date(2025, 5, 1),
        "priority": "",
        "plan_priority": priority,
    }
    services.impact_create(
        by=users["qa"], authority=demo, title="Same worker", consent_to_share=True, **common
    )
    services.impact_create(
        by=users["qa"], authority=demo, title="Kept private", consent_to_share=False, **common
    )
    url = reverse("plan:priority", args=[priority.pk])
    board = client_for("board").get(url).content.decode()
    assert "What children and families say" in board
    assert "The same worker came every week." in board
    assert "Kept private" not in board  # no consent: not for the board
    assert "Kept private" in client_for("director").get(url).content.decode()
    listing = client_for("board").get(reverse("voice:impact_list")).content.decode()
    assert url in listing
    # the form offers the active plan's priorities
    form = client_for("qa").get(reverse("voice:impact_create")).content.decode()
    assert f'value="{priority.pk}"' in form


def test_a_priority_of_another_authority_is_refused(
    demo: Authority, users: dict[str, User]
) -> None:
    from sightline.organisation.models import ReferenceAuthority
    from sightline.organisation.services import authority_create
    from sightline.plan.models import Plan, Priority

    other = authority_create(
        by=None, name="Elsewhere", benchmark_as=ReferenceAuthority.objects.get(dfe_code="302")
    )
    plan = Plan.objects.create(authority=other, title="Their plan", starts_on=date(2025, 4, 1))
    foreign = Priority.objects.create(plan=plan, number=1, title="Theirs")
    with pytest.raises(ValidationError):
        services.impact_create(
            by=users["qa"],
            authority=demo,
            title="x",
            contributor="A parent",
            involvement="x",
            before="x",
            after="x",
            given_on=date(2025, 5, 1),
            priority="",
            plan_priority=foreign,
            consent_to_share=True,
        )


def test_a_submission_can_name_a_recorded_board_meeting_which_then_lists_it(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    from tests.governance.factories import gov_objects

    meeting = gov_objects(demo).meeting
    response = client_for("qa").post(
        reverse("voice:submission_create"),
        {
            "group": "Ambassadors",
            "title": "Keep our workers",
            "summary": "We asked the Board to keep workers for longer.",
            "board_meeting": meeting.pk,
            "meeting": "",
            "meeting_date": "",
            "response_due": (meeting.date + timedelta(days=28)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    sub = BoardSubmission.objects.get(title="Keep our workers")
    assert sub.board_meeting == meeting
    assert (sub.meeting, sub.meeting_date) == (str(meeting), meeting.date)
    page = client_for("board").get(reverse("governance:meeting", args=[meeting.pk]))
    assert "Ambassadors: Keep our workers" in page.content.decode()
    # without a recorded meeting, the name and date are needed
    response = client_for("qa").post(
        reverse("voice:submission_create"),
        {"group": "Ambassadors", "title": "x", "summary": "y", "response_due": "01/01/2026"},
    )
    assert "Choose the meeting, or name it here." in response.content.decode()


# --- the chart of the positive share --------------------------------------------------------


def test_share_chart_plots_each_shown_quarter_with_its_interval() -> None:
    from sightline.voice.charts import BOTTOM, HEIGHT, TOP, positive_share_svg
    from sightline.voice.selectors import Share

    shares = [
        Share("2025-26 Q1", 8, 10, 80.0, 49.0, 94.3),
        Share("2025-26 Q2", None, None, None, None, None),  # withheld: small numbers
        Share("2025-26 Q3", 50, 100, 50.0, 40.4, 59.6),
    ]
    svg = str(positive_share_svg(shares))
    assert svg.count("<circle") == 2  # the withheld quarter is not plotted...
    assert svg.count("sl-voice__interval") == 2
    assert "2025-26 Q2" in svg  # ...but keeps its place on the axis
    plot = HEIGHT - TOP - BOTTOM
    assert f'cy="{round(TOP + plot * 0.2, 1)}"' in svg  # 80%
    assert f'cy="{round(TOP + plot * 0.5, 1)}"' in svg  # 50%
    assert 'aria-hidden="true"' in svg  # the table is the text alternative
    assert str(positive_share_svg(shares[:1])) == ""  # one quarter is not a chart


@pytest.mark.django_db
def test_overview_shows_the_share_chart_beside_its_table(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    demo_seed(authority=demo, report=lambda _: None)
    page = client_for("director").get(reverse("voice:overview")).content.decode()
    assert 'data-testid="share-chart"' in page
    assert 'data-testid="shares"' in page
