"""The DfE adviser prepares the DfE highlight report and an elected member the scrutiny
dashboard, each for their own audience only (``forced_report_audience``): the form offers no
other, the service refuses another, and by tampering with URLs neither reaches a figure their
audience may not read. The adviser approves and publishes their own paper; the director the
council's."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import docx
import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from sightline.accounts.models import User
from sightline.core.permissions import (
    can_approve_report,
    can_edit_report,
    can_prepare_report_for,
    can_prepare_report_type,
    can_read_report,
    forced_report_audience,
)
from sightline.home.demo import DEMO_USERS
from sightline.organisation.models import Authority
from sightline.reports import services
from sightline.reports.hooks import reports_to_approve
from sightline.reports.models import Report
from sightline.reports.types import AUDIENCES, TYPES

from .factories import OCTOBER, count_series, new_report, store

#: What each demo user may prepare (written out, not computed from the permissions).
EVERY_TYPE = frozenset(TYPES)
PREPARES: dict[str, frozenset[str]] = {
    "director": EVERY_TYPE,
    "analyst": EVERY_TYPE,
    "hos": EVERY_TYPE,
    "board": frozenset({"chair_report"}),
    "adviser": frozenset({"dfe_highlight"}),
    "member": frozenset({"scrutiny_dashboard"}),
}
FORCED = {"adviser": "dfe", "member": "members"}
#: The paper each forced preparer writes, and a section of it with hand-written text.
OWN_TYPE = {"adviser": "dfe_highlight", "member": "scrutiny_dashboard"}

#: CP05 (a count): its October figure is 3, a small number.
CP05 = [40, 38, 41, 39, 40, 42, 41, 40, 39, 41, 40, 42, 12, 3]
SMALL = re.compile(r"^[1-4](?: \([A-Z][a-z]{2} \d{4}\))?$")
SECRET = "Officers' note for the Board only: 3 children moved in October."


def _create(user: User, authority: Authority, report_type: str, audience: str) -> Report:
    return services.report_create(
        by=user,
        authority=authority,
        type=report_type,
        audience=audience,
        period_start=OCTOBER[0],
        period_end=OCTOBER[1],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", list(DEMO_USERS))
def test_who_prepares_which_type_for_which_audience(demo: Authority, username: str) -> None:
    """Every role × every type × every audience: the predicates, and the service refusing
    what they refuse (with nothing created) and accepting what they allow."""
    user = User.objects.get(username=username)
    allowed_types = PREPARES.get(username, frozenset())
    forced = FORCED.get(username)
    assert forced_report_audience(user) == forced
    for report_type in TYPES:
        may_type = report_type in allowed_types
        assert can_prepare_report_type(user, report_type) is may_type, report_type
        for audience in AUDIENCES:
            expected = may_type and forced in (None, audience)
            assert can_prepare_report_for(user, report_type, audience) is expected, (
                report_type,
                audience,
            )
            if expected:
                continue
            with pytest.raises(ValidationError) as refused:
                _create(user, demo, report_type, audience)
            field = "type" if not may_type else "audience"
            assert field in refused.value.message_dict, refused.value.message_dict
            if field == "audience":
                assert "you cannot prepare one for" in str(refused.value)
    assert not Report.objects.exists()
    for report_type in sorted(allowed_types):
        audience = forced or TYPES[report_type].audience
        report = _create(user, demo, report_type, audience)
        assert report.audience == audience
        assert can_edit_report(user, report)
        assert can_read_report(user, report)


@pytest.mark.django_db
def test_the_advisers_paper_is_theirs_to_approve_the_members_the_directors(
    demo: Authority,
) -> None:
    adviser, member, director = (
        User.objects.get(username=u) for u in ("adviser", "member", "director")
    )
    own = new_report(demo, type="dfe_highlight", by="adviser")
    officers = new_report(demo, type="dfe_highlight", by="analyst")
    scrutiny = new_report(demo, type="scrutiny_dashboard", by="member")
    # The adviser approves their own DfE report; the director does not approve it, but
    # approves the officers' DfE report and the member's scrutiny dashboard.
    assert [can_approve_report(adviser, r) for r in (own, officers, scrutiny)] == [
        True,
        False,
        False,
    ]
    assert [can_approve_report(director, r) for r in (own, officers, scrutiny)] == [
        False,
        True,
        True,
    ]
    assert not any(can_approve_report(member, r) for r in (own, officers, scrutiny))
    # The adviser co-writes the officers' DfE report (same audience) and the director
    # reads the adviser's (to check its facts) and may correct it while in review.
    assert can_edit_report(adviser, officers)
    assert can_read_report(director, own)
    services.report_submit(by=adviser, report=own)
    services.report_submit(by=director, report=officers)
    # Each approver's home page lists the reports waiting for them, and only those.
    assert [i.url for i in reports_to_approve(adviser)] == [_url(own)]
    assert [i.url for i in reports_to_approve(director)] == [_url(officers)]
    with pytest.raises(ValidationError, match="cannot be approved by you"):
        services.report_approve(by=director, report=own)
    services.report_approve(by=adviser, report=own)
    own = services.report_publish(by=adviser, report=own)
    assert (own.status, own.approved_by, own.published_by) == ("published", adviser, adviser)
    services.report_submit(by=member, report=scrutiny)
    with pytest.raises(ValidationError, match="cannot be approved by you"):
        services.report_approve(by=member, report=scrutiny)
    assert services.report_approve(by=director, report=scrutiny).approved_by == director
    # A deactivated adviser's paper falls to the director.
    officers_by_adviser = new_report(demo, type="dfe_highlight", by="adviser")
    User.objects.filter(pk=adviser.pk).update(is_active=False)
    officers_by_adviser = Report.objects.get(pk=officers_by_adviser.pk)
    assert can_approve_report(director, officers_by_adviser)


def _url(report: Report) -> str:
    return reverse("reports:report", args=[report.pk])


def _cells(body: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(body))
    return [c.text.strip() for t in document.tables for row in t.rows for c in row.cells]


def _cp05_latest(html: str) -> str:
    """The latest figure in CP05's scorecard row of a page (its first cell's text)."""
    found = re.search(r"CP05</span>.*?<td[^>]*>([^<]*)<", html, flags=re.DOTALL)
    assert found, "no CP05 row"
    return found.group(1).strip()


def _board_version(demo: Authority, report_type: str) -> Report:
    """An officer's draft of ``report_type`` written for the board: a scorecard with CP05 (3
    in October, shown to the board) and a hand-written note."""
    report = new_report(demo, type=report_type, audience="board", by="analyst")
    analyst = User.objects.get(username="analyst")
    section = services.section_add(by=analyst, report=report, kind="scorecard", title="Counts")
    services.section_update(by=analyst, section=section, seen_version=None, measures=["CP05"])
    note = services.section_add(by=analyst, report=report, kind="narrative", title="Note")
    services.section_update(by=analyst, section=note, seen_version=None, narrative=SECRET)
    return report


@pytest.mark.django_db
@pytest.mark.parametrize("reader", ["adviser", "member"])
def test_tampering_never_reaches_an_unsuppressed_figure(
    demo: Authority, client_for: Callable[[str], Client], reader: str
) -> None:
    store(demo, {"CP05": count_series(CP05)})
    report_type = OWN_TYPE[reader]
    board = _board_version(demo, report_type)
    director, attacker = client_for("director"), client_for(reader)
    # The attack would work: the director's Word copy of the board version shows the 3.
    cells = _cells(director.get(reverse("reports:download_docx", args=[board.pk])).content)
    assert [c for c in cells if SMALL.match(c)], cells
    preview = director.get(reverse("reports:preview", args=[board.pk])).content.decode()
    assert _cp05_latest(preview) == "3"

    # 1. Opening the officer's board version, its sections and its downloads: refused.
    section = board.sections.get(title="Counts")
    gets = [
        reverse(name, args=[board.pk])
        for name in (
            "reports:report",
            "reports:preview",
            "reports:report_edit",
            "reports:download_pdf",
            "reports:download_docx",
            "reports:download_xlsx",
            "reports:download_html",
        )
    ] + [reverse("reports:section_edit", args=[section.pk])]
    for url in gets:
        assert attacker.get(url).status_code == 403, url
    posts = [
        (reverse("reports:section_edit", args=[section.pk]), {"title": "x", "narrative": "x"}),
        (reverse("reports:section_add", args=[board.pk]), {"kind": "scorecard"}),
        (reverse("reports:section_move", args=[section.pk]), {"direction": "up"}),
        (reverse("reports:section_remove", args=[section.pk]), {}),
        (reverse("reports:submit", args=[board.pk]), {}),
        (reverse("reports:approve", args=[board.pk]), {}),
        (reverse("reports:publish", args=[board.pk]), {}),
        (reverse("reports:return", args=[board.pk]), {"reason": "x"}),
    ]
    for url, data in posts:
        assert attacker.post(url, data).status_code == 403, url
    # The services refuse it too, whoever calls them.
    by = User.objects.get(username=reader)
    with pytest.raises(ValidationError, match="You cannot edit this report"):
        services.section_update(by=by, section=section, seen_version=None, measures=["CP05"])
    with pytest.raises(ValidationError, match="cannot be sent for review by you"):
        services.report_submit(by=by, report=board)
    assert attacker.get(reverse("reports:index")).content.decode().count(board.title) == 0

    # 2. Starting a report for the board (POST audience=board), from the last of its type:
    # the form offers no audience, so the report is for the reader's own audience, and it
    # does not start from the officer's board version (nor copy its note).
    page = attacker.get(reverse("reports:report_create")).content.decode()
    assert 'name="audience"' not in page
    assert "a count from 1 to 4 is always withheld" in page
    response = attacker.post(
        reverse("reports:report_create"),
        {
            "type": report_type,
            "audience": "board",
            "period_start": "01/10/2026",
            "period_end": "31/10/2026",
            "start_from_last": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    own = Report.objects.exclude(pk=board.pk).get()
    assert own.audience == FORCED[reader]
    caption = {"adviser": "DfE highlight report for the DfE", "member": "for elected members"}
    page = attacker.get(reverse("reports:report", args=[own.pk])).content.decode()
    assert caption[reader] in page
    assert own.based_on_id is None
    assert SECRET not in " ".join(own.sections.values_list("narrative", flat=True))
    # Another type: refused by the form.
    other = "board_pack"
    refused = attacker.post(
        reverse("reports:report_create"),
        {"type": other, "period_start": "01/10/2026", "period_end": "31/10/2026"},
    )
    assert refused.status_code == 200
    assert Report.objects.count() == 2

    # 3. In their own report they add the count to a scorecard: it reads [c] everywhere.
    attacker.post(reverse("reports:section_add", args=[own.pk]), {"kind": "scorecard"})
    added = own.sections.get(kind="scorecard", title__startswith="Scorecard")
    saved = attacker.post(
        reverse("reports:section_edit", args=[added.pk]),
        {"title": "Counts", "narrative": "", "measures": ["CP05"]},
    )
    assert saved.status_code == 302
    cells = _cells(attacker.get(reverse("reports:download_docx", args=[own.pk])).content)
    assert "[c]" in " ".join(cells)
    assert not [c for c in cells if SMALL.match(c)], cells
    for name in ("reports:preview", "reports:download_html"):
        body = attacker.get(reverse(name, args=[own.pk])).content.decode()
        assert _cp05_latest(body) == "[c]", name
        assert SECRET not in body, name
