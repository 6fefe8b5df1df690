"""The dashboard and measure pages cached whole: per figures version, unit, disclosure policy
and the reader's rights; never shared between readers who may see different figures."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sightline.organisation.models import Authority
from sightline.performance.imports import annex_a_import_now
from sightline.performance.models import SpcRebase, StoredMeasureValue

pytestmark = pytest.mark.django_db


def _import(demo: Authority, path: Path) -> None:
    annex_a_import_now(
        by=None,
        authority=demo,
        path=path,
        extract_date=date.fromisoformat(path.stem.removeprefix("annex_a_")),
    )


def _main(page: bytes) -> str:
    """The page's main content without what differs per request (CSRF tokens, nonces)."""
    text = page.decode()
    main = text[text.index("<main") : text.index("</main>")]
    return re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+', r"\1", main)


def _small_team(demo: Authority) -> str:
    """A team with a small count in its latest month (so members see it withheld)."""
    return (
        StoredMeasureValue.objects.filter(
            authority=demo,
            measure_id="CP03",
            unit__startswith="team:",
            numerator__gte=1,
            numerator__lt=5,
        )
        .values_list("unit", flat=True)
        .first()
    )


@pytest.mark.parametrize("first", ["director", "board"])
@pytest.mark.parametrize("page", ["dashboard", "measure"])
def test_a_member_after_a_director_gets_the_withheld_page(
    page: str, first: str, demo: Authority, extracts: list[Path], client_for
) -> None:
    """The board has the member's rights but not their disclosure rule (by default)."""
    for path in extracts:
        _import(demo, path)
    url = (
        reverse("performance:dashboard")
        if page == "dashboard"
        else reverse("performance:measure", args=["CP03"])
    )
    team = _small_team(demo)
    assert team is not None
    for query in ({}, {"unit": team}):
        cache.clear()
        member_alone = _main(client_for("member").get(url, query).content)
        cache.clear()
        director = _main(client_for(first).get(url, query).content)
        member_after = _main(client_for("member").get(url, query).content)
        assert member_after == member_alone  # nothing of the director's page is reused
        assert director != member_after
        if page == "dashboard":
            assert "Counts of 1 to 4 are not shown" in member_after
        elif query:
            assert "Some figures on this page are withheld" in member_after
        assert "Counts of 1 to 4 are not shown" not in director
        assert "Fewer than 5" not in director
    # and the other way round: the member's entry is not served to the director
    cache.clear()
    director_alone = _main(client_for(first).get(url, {"unit": team}).content)
    cache.clear()
    client_for("member").get(url, {"unit": team})
    assert _main(client_for(first).get(url, {"unit": team}).content) == director_alone


def test_a_new_import_shows_at_once(demo: Authority, extracts: list[Path], client_for) -> None:
    for path in extracts[:2]:
        _import(demo, path)
    client = client_for("director")
    first = client.get(reverse("performance:dashboard")).content.decode()
    assert client.get(reverse("performance:dashboard")).content.decode().count("Performance, to")
    latest = re.search(r"Performance, to (\d{4}-\d{2})", first)
    assert latest is not None
    _import(demo, extracts[2])
    again = client.get(reverse("performance:dashboard")).content.decode()
    now = re.search(r"Performance, to (\d{4}-\d{2})", again)
    assert now is not None
    assert now.group(1) > latest.group(1)


def test_a_cached_page_does_not_work_the_figures_out_again(
    demo: Authority, extracts: list[Path], client_for
) -> None:
    for path in extracts:
        _import(demo, path)
    client = client_for("board")
    for url in (reverse("performance:dashboard"), reverse("performance:measure", args=["AS02"])):
        with CaptureQueriesContext(connection) as first:
            client.get(url)
        with CaptureQueriesContext(connection) as second:
            assert client.get(url).status_code == 200
        assert len(second) < len(first) / 2, (url, len(first), len(second))
        assert not any(
            "performance_storedmeasurevalue" in q["sql"] for q in second.captured_queries
        )


def test_the_rebasing_form_carries_each_readers_own_token(
    demo: Authority, extracts: list[Path], client_for, users
) -> None:
    for path in extracts:
        _import(demo, path)
    url = reverse("performance:measure", args=["AS02"])
    client_for("analyst").get(url)  # fills the cache
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["analyst"])
    page = client.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    period = re.search(r'<option value="(\d{4}-\d{2})"', page)
    assert token is not None
    assert period is not None
    response = client.post(
        reverse("performance:rebase_add", args=["AS02"]),
        {"csrfmiddlewaretoken": token.group(1), "period": period.group(1), "reason": "New team"},
    )
    assert response.status_code == 302
    assert SpcRebase.objects.filter(reason="New team").exists()
    # the page now shows it, to a reader who may not rebase, with no form
    board = client_for("board").get(url).content.decode()
    assert "New team" in board
    assert "Start a new baseline" not in board
