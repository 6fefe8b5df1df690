"""Each role's first screen shows what that role acts on (issue 19): a team manager their
team's measures needing attention and the team's overdue audit actions, a head of service
their locality's, the board and elected members the Making Data Count summary and the latest
report they may read, the DfE adviser the latest DfE highlight report and the plan by Ofsted
category, the analyst the imports, the director all of it in brief."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sightline.accounts.models import User
from sightline.audits.models import RemedialAction
from sightline.organisation.models import Authority
from sightline.performance.models import StoredMeasureValue
from sightline.plan import services as plan_services
from sightline.reports.models import Report
from sightline.reports.services import priority_categories_set
from tests.audits import factories as audit_factories
from tests.reports import factories as report_factories

pytestmark = pytest.mark.django_db

#: Steady around 80%, then 40% in the latest month: a special cause of concern.
FALLING = [80, 82, 79, 81, 80, 78, 82, 80, 79, 81, 80, 40]
STEADY = [60, 62, 59, 61, 60, 58, 62, 60, 59, 61, 60, 61]


def _home(client_for, username: str) -> str:
    response = client_for(username).get(reverse("home:home"))
    assert response.status_code == 200
    return response.content.decode()


def _panel(page: str, title: str) -> str:
    """The HTML of the panel whose heading starts with ``title`` ("" when absent)."""
    for match in re.finditer(r"<section class=\"sl-home-panel\".*?</section>", page, re.S):
        heading = re.search(r"<h2[^>]*>(.*?)</h2>", match.group(0), re.S)
        if heading and heading.group(1).strip().startswith(title):
            return match.group(0)
    return ""


def _store_figures(demo: Authority, users: dict[str, User]) -> None:
    """AS02 falls in the manager's team (and so in their locality and the authority);
    AS01 is steady everywhere."""
    imp = report_factories.store(
        demo,
        {
            "AS02": report_factories.percent_series(FALLING),
            "AS01": report_factories.percent_series(STEADY),
        },
    )
    team = users["manager"].team
    assert team is not None
    StoredMeasureValue.objects.bulk_create(
        StoredMeasureValue(
            annex_import=imp,
            authority=demo,
            measure_id=measure_id,
            period=period,
            unit=f"team:{team.name}",
            numerator=num,
            denominator=den,
            value=value,
        )
        for measure_id, values in (("AS02", FALLING), ("AS01", STEADY))
        for period, num, den, value in report_factories.percent_series(values)
    )


def _overdue_action(users: dict[str, User]) -> RemedialAction:
    team = users["manager"].team
    assert team is not None
    framework = audit_factories.framework(team.authority)
    audit = audit_factories.audit(framework=framework, team=team, auditor=users["auditor"])
    action = audit_factories.action(
        audit, by=users["qa"], owner=users["manager"], description="Record the child's wishes."
    )
    RemedialAction.objects.filter(pk=action.pk).update(
        due_date=timezone.localdate() - timedelta(days=9)
    )
    return action


def _plan(demo: Authority, users: dict[str, User]) -> None:
    """A plan under way whatever the day: started 240 days ago, its actions due in 120."""
    today = timezone.localdate()
    started, due = today - timedelta(days=240), today + timedelta(days=120)
    plan = plan_services.plan_create(
        by=None, authority=demo, title="Improving together", starts_on=started
    )
    priority = plan_services.priority_create(
        by=None, plan=plan, number=1, title="Timely assessments"
    )
    for ref, status in (("1.1", "red"), ("1.2", "green")):
        plan_services.action_create(
            by=None,
            priority=priority,
            reference=ref,
            description="Do it.",
            sro=users["director"],
            start_date=started,
            due_date=due,
            status=status,
        )
    priority_categories_set(
        by=None, authority=demo, framework="ILACS-2026", mapping={priority.pk: ["help_protection"]}
    )


@pytest.fixture
def world(demo: Authority, users: dict[str, User]) -> None:
    _store_figures(demo, users)
    _overdue_action(users)
    _plan(demo, users)
    report_factories.published(report_factories.new_report(demo, type="board_pack"))
    report_factories.published(report_factories.new_report(demo, type="dfe_highlight"))


def test_a_team_manager_sees_their_teams_measures_and_overdue_actions(
    world: None, client_for, users
) -> None:
    page = _home(client_for, "manager")
    team = users["manager"].team
    assert team is not None
    needs = _panel(page, "Measures that need attention")
    assert team.name in needs
    assert "AS02" in needs
    assert "Concern" in needs
    assert "AS01" not in needs  # steady: nothing to act on
    assert "Latest month Oct 2026" in needs
    assert "Latest: 40.0% (Oct 2026)" in needs
    assert f"?unit=team:{team.name}" in needs
    actions = _panel(page, "Audit actions overdue in your team")
    assert "Record the child" in actions
    assert "9 days overdue" in actions
    for other in ("Where the measures stand", "The latest DfE highlight", "Imports and data"):
        assert not _panel(page, other), other


def test_a_head_of_service_sees_their_locality(world: None, client_for, users) -> None:
    page = _home(client_for, "hos")
    locality = users["hos"].locality
    assert locality is not None
    needs = _panel(page, "Measures that need attention")
    assert locality.name in needs
    assert "AS02" in needs
    assert "Record the child" in _panel(page, "Audit actions overdue in your locality")


@pytest.mark.parametrize("username", ["board", "member"])
def test_board_and_members_see_the_matrix_counts_and_the_latest_report(
    username: str, world: None, client_for
) -> None:
    page = _home(client_for, username)
    matrix = _panel(page, "Where the measures stand")
    assert "1 measure: special cause: concerning" in matrix
    assert "1 measure: common cause" in matrix
    assert not _panel(page, "Measures that need attention")
    assert not _panel(page, "Audit actions overdue")
    latest = _panel(page, "The latest published report")
    if username == "board":  # every published report: the newest is the highlight report
        dfe = Report.objects.get(type="dfe_highlight")
        assert f'href="{reverse("reports:report", args=[dfe.pk])}"' in latest
    else:  # the board pack is not a members' paper
        assert "No report has been published for you to read yet." in latest


def test_the_dfe_adviser_sees_the_highlight_report_and_the_plan_by_category(
    world: None, client_for
) -> None:
    page = _home(client_for, "adviser")
    highlight = _panel(page, "The latest DfE highlight report")
    dfe = Report.objects.get(type="dfe_highlight")
    assert f'href="{reverse("reports:report", args=[dfe.pk])}"' in highlight
    assert dfe.title in highlight
    plan = _panel(page, "Improvement plan progress by Ofsted category")
    assert "children who need help and protection" in plan
    assert "2 actions: 0 complete, 1 off track, 0 at risk, 0 overdue." in plan
    assert "Off track" in plan
    assert not _panel(page, "Measures that need attention")
    assert not _panel(page, "Where the measures stand")


def test_the_analyst_sees_the_imports(world: None, client_for) -> None:
    page = _home(client_for, "analyst")
    imports = _panel(page, "Imports and data quality")
    assert "Annex A extracted 05/11/2026: Imported" in imports
    assert "0 errors and 0 warnings" in imports
    assert not _panel(page, "Measures that need attention")


def test_the_director_sees_all_of_it_in_brief(world: None, client_for) -> None:
    page = _home(client_for, "director")
    for title in (
        "Measures that need attention",
        "Where the measures stand",
        "Audit actions overdue in the authority",
        "The latest published report",
        "The latest DfE highlight report",
        "Improvement plan progress by Ofsted category",
        "Imports and data quality",
    ):
        panel = _panel(page, title)
        assert panel, title
        assert panel.count("<li>") <= 3, title
    assert "The first 3 of 7." in _panel(page, "Where the measures stand")


@pytest.mark.parametrize(
    ("username", "title", "words"),
    [
        ("manager", "Measures that need attention", "No Annex A figures have been imported yet."),
        ("manager", "Audit actions overdue", "No audit action in your team is past its due date."),
        ("board", "The latest published report", "No report has been published for you to read"),
        ("board", "Where the measures stand", "No Annex A figures have been imported yet."),
        ("adviser", "The latest DfE highlight report", "No DfE highlight report has been"),
        ("adviser", "Improvement plan progress", "There is no improvement plan yet."),
        ("analyst", "Imports and data quality", "No Annex A extract has been uploaded yet."),
    ],
)
def test_empty_states_are_said_in_words(
    username: str, title: str, words: str, demo: Authority, client_for
) -> None:
    panel = _panel(_home(client_for, username), title)
    assert panel, title
    assert words in panel
    assert "<li>" not in panel


def test_the_first_screen_stays_light(world: None, client_for) -> None:
    """Cached figures: a second visit reads no stored figure and makes few queries."""
    client = client_for("director")
    client.get(reverse("home:home"))
    with CaptureQueriesContext(connection) as second:
        assert client.get(reverse("home:home")).status_code == 200
    assert not any("performance_storedmeasurevalue" in q["sql"] for q in second.captured_queries)
    assert len(second) <= 40, [q["sql"][:80] for q in second.captured_queries]
