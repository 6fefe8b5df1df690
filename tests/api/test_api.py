"""The measures API for BI tools: tokens, latest extract wins, suppression, formats."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from sightline.accounts.models import User
from sightline.api.models import ApiToken
from sightline.api.services import api_token_create, api_token_revoke
from sightline.auditlog.models import AuditEvent
from sightline.organisation.models import Authority
from sightline.performance.models import AnnexAImport, StoredMeasureValue

pytestmark = pytest.mark.django_db
CSV = "/api/v1/measures.csv"
JSON = "/api/v1/measures.json"


def _import(authority: Authority, extract: date, values: list[tuple]) -> AnnexAImport:
    imp = AnnexAImport.objects.create(
        authority=authority,
        extract_date=extract,
        original_name="a.xlsx",
        stored_file="imports/a.xlsx",
        size=1,
        sha256="0" * 64,
        status=AnnexAImport.Status.IMPORTED,
    )
    StoredMeasureValue.objects.bulk_create(
        StoredMeasureValue(
            annex_import=imp,
            authority=authority,
            measure_id=m,
            period=p,
            unit=u,
            numerator=n,
            denominator=d,
            value=v,
        )
        for m, p, u, n, d, v in values
    )
    return imp


@pytest.fixture
def figures(demo: Authority, users: dict[str, User]) -> Authority:
    manager_team = f"team:{users['manager'].team.name}"  # type: ignore[union-attr]
    _import(
        demo,
        date(2025, 2, 28),
        [
            ("CP03", "2025-02", "la", 40, 50, 80.0),
            ("CP03", "2025-01", "la", 30, 40, 75.0),  # replaced by the March extract
        ],
    )
    _import(
        demo,
        date(2025, 3, 31),
        [
            ("CP03", "2025-01", "la", 31, 40, 77.5),
            ("CP03", "2025-03", "la", 45, 50, 90.0),
            ("CP03", "2025-03", manager_team, 3, 4, 75.0),
            ("CP03", "2025-03", "team:Elsewhere", 2, 9, 22.2222),
            ("LA01", "2025-03", "la", 120, None, 120.0),
            ("FD06:=HYPERLINK(1)", "2025-03", "la", 7, 70, 10.0),
        ],
    )
    return demo


def _bearer(user: User) -> Client:
    _, key = api_token_create(user=user, name="Power BI")
    return Client(headers={"Authorization": f"Bearer {key}"})


def _rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_no_token_or_a_bad_one_is_refused(figures: Authority, users) -> None:
    assert Client().get(CSV).status_code == 401
    response = Client(headers={"Authorization": "Bearer sl_nope"}).get(JSON)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    token, key = api_token_create(user=users["analyst"], name="Excel")
    api_token_revoke(by=users["analyst"], token=token)
    assert Client(headers={"Authorization": f"Bearer {key}"}).get(CSV).status_code == 401


def test_the_latest_extract_wins_and_every_figure_is_there(figures: Authority, users) -> None:
    rows = _rows(_bearer(users["analyst"]).get(CSV))
    got = {(r["measure_id"], r["period"], r["unit"]): r for r in rows}
    assert got[("CP03", "2025-01", "la")]["numerator"] == "31"
    assert got[("CP03", "2025-01", "la")]["extract_date"] == "2025-03-31"
    assert got[("CP03", "2025-02", "la")]["value"] == "80.0"
    assert got[("LA01", "2025-03", "la")]["denominator"] == ""
    assert len(rows) == 7  # 8 stored, one month replaced by the later extract
    assert ApiToken.objects.get(user=users["analyst"]).last_used_at is not None


def test_small_numbers_are_withheld_by_the_disclosure_policy(figures: Authority, users) -> None:
    manager_team = f"team:{users['manager'].team.name}"

    def by_unit(username: str) -> dict[str, dict]:
        body = json.loads(_bearer(users[username]).get(JSON, {"measure": "CP03"}).content)
        return {r["unit"]: r for r in body["rows"] if r["period"] == "2025-03"}

    director = by_unit("director")
    assert director[manager_team]["numerator"] == 3
    assert director[manager_team]["suppressed"] is False
    member = by_unit("member")
    assert member[manager_team] | {"numerator": None} == member[manager_team]
    assert member[manager_team]["value"] is None
    assert member[manager_team]["suppressed"] is True
    assert member["team:Elsewhere"]["suppressed"] is True  # 2 of 9
    assert member["la"]["numerator"] == 45  # not small
    assert member[manager_team]["suppressed_rule"] == "primary: a count from 1 to 4"
    manager = by_unit("manager")
    assert manager[manager_team]["numerator"] == 3  # their own team's children
    # one disclosure setting for every page and output: a manager is not withheld from
    assert manager["team:Elsewhere"]["numerator"] == 2


def test_filters_and_their_errors(figures: Authority, users) -> None:
    client = _bearer(users["analyst"])
    rows = _rows(client.get(CSV, {"measure": "CP03", "unit": "la", "from": "2025-02"}))
    assert [(r["period"], r["unit"]) for r in rows] == [("2025-02", "la"), ("2025-03", "la")]
    response = client.get(CSV, {"from": "March"})
    assert response.status_code == 400
    assert "YYYY-MM" in response.json()["error"]


def test_contact_sources_come_through_as_sub_measures(figures: Authority, users) -> None:
    rows = _rows(_bearer(users["analyst"]).get(CSV, {"measure": "FD06:=HYPERLINK(1)"}))
    assert [(r["measure_id"], r["title"], r["numerator"]) for r in rows] == [
        ("FD06:=HYPERLINK(1)", "Contacts by source", "7")
    ]


def test_a_signed_in_browser_needs_no_token_but_the_administrator_is_refused(
    figures: Authority, client_for
) -> None:
    assert client_for("board").get(JSON).status_code == 200
    assert client_for("admin").get(JSON).status_code == 403


def test_the_token_page_shows_a_new_token_once_and_revokes(client_for, users) -> None:
    client = client_for("analyst")
    response = client.post(reverse("api:tokens"), {"name": "Power BI board pack"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=users["analyst"])
    page = response.content.decode()
    assert "Copy it now" in page
    assert token.prefix in page
    assert "Copy it now" not in client.get(reverse("api:tokens")).content.decode()
    assert AuditEvent.objects.filter(action="api_token.create").exists()
    client.post(reverse("api:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    # someone else's token cannot be revoked through the page
    other, _ = api_token_create(user=users["director"], name="x")
    assert client.post(reverse("api:token_revoke", args=[other.pk])).status_code == 404


def test_a_token_needs_a_name_and_at_most_five_are_active(client_for, users) -> None:
    client = client_for("analyst")
    response = client.post(reverse("api:tokens"), {"name": ""})
    assert "Enter what the token is for" in response.content.decode()
    assert not ApiToken.objects.exists()
    for n in range(5):
        api_token_create(user=users["analyst"], name=f"t{n}")
    response = client.post(reverse("api:tokens"), {"name": "sixth"})
    assert "revoke one you no longer use" in response.content.decode()
