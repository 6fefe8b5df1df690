"""The audit grades page chooses its months with the GOV.UK month and year boxes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from sightline.audits import selectors
from sightline.audits.models import Framework
from sightline.organisation.models import Authority

from . import factories
from .test_audits import complete_many, fw, own_team  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_months(fw: Framework, complete_many: Callable[..., None]) -> None:  # noqa: F811
    for month, grade in ((1, "good"), (2, "inadequate"), (3, "good")):
        complete_many([grade], programme=factories.programme(fw, month=date(2026, month, 1)))


def test_the_page_draws_month_and_year_boxes(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    page = client_for("qa").get(reverse("audits:analytics")).content.decode()
    for name in ("from_month", "from_year", "to_month", "to_year"):
        assert f'name="{name}"' in page
    assert 'class="govuk-date-input"' in page
    assert "<legend" in page
    assert "From month" in page
    assert 'type="month"' not in page
    assert 'name="from" ' not in page


def test_the_boxes_choose_the_months_and_the_download_follows(
    demo: Authority, three_months: None, client_for: Callable[[str], Client]
) -> None:
    client = client_for("qa")
    query = {"by": "month", "from_month": "2", "from_year": "2026", "to_month": "3"}
    page = client.get(reverse("audits:analytics"), query | {"to_year": "2026"})
    assert page.context["period"] == selectors.Period(date(2026, 2, 1), date(2026, 3, 1))
    assert [r.label for r in page.context["rows"]] == ["Feb 2026", "Mar 2026"]
    text = page.content.decode()
    assert 'name="from_month" type="text" value="2"' in text or 'value="2"' in text
    assert "February 2026 to March 2026" in text
    assert "There is a problem" not in text
    export = client.get(reverse("audits:export_summary"), query | {"to_year": "2026"})
    assert export.status_code == 200
    # older links with one value per end still work
    old = client.get(reverse("audits:analytics"), {"from": "2026-03"})
    assert old.context["period"] == selectors.Period(date(2026, 3, 1), None)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from_month": "13", "from_year": "2026"}, "From month: enter a month from 1 to 12"),
        ({"from_month": "2", "from_year": ""}, "From month: enter the year"),
        (
            {"from_month": "Feb", "from_year": "2026"},
            "From month: the month must be real numbers: check the month",
        ),
        ({"to_month": "3", "to_year": "26"}, "To month: enter the year as 4 digits"),
        (
            {"from_month": "3", "from_year": "2026", "to_month": "1", "to_year": "2026"},
            "The to month must be the same as or after the from month",
        ),
    ],
)
def test_wrong_boxes_say_what_is_wrong_and_leave_that_end_open(
    query: dict[str, str],
    message: str,
    demo: Authority,
    three_months: None,
    client_for: Callable[[str], Client],
) -> None:
    page = client_for("qa").get(reverse("audits:analytics"), query)
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem" in text
    assert "<title>Error: Audit grades" in text
    assert message in text
    assert 'class="govuk-error-summary"' in text
    assert "govuk-form-group--error" in text
    # the figures are still shown, for the months that were given rightly
    assert len(page.context["rows"]) >= 1
