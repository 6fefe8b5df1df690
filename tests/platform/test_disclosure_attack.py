"""The attacker's test (issue 15, ADR 0018): figures with small counts in them, then, as an
elected member and as the DfE adviser, every output they can reach is fetched and the
arithmetic is tried: a total minus the shown cells, a share times its total, the difference
between two months, a unit as the authority minus the other units. Nothing withheld may come
back. Each attack also runs as the director, who sees everything, to show the attack works
(so the test could fail)."""

from __future__ import annotations

import io
import json
import re
from datetime import date
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sightline.accounts.models import User
from sightline.api.services import api_token_create
from sightline.audits.models import Audit
from sightline.organisation.models import Authority, Team
from sightline.performance.models import AnnexAImport, StoredMeasureValue
from tests.audits import factories as audit_factories
from tests.governance.factories import gov_objects

pytestmark = pytest.mark.django_db

READERS = ("member", "adviser")
RATE = "CP03"  # a ratio
COUNT = "LA01"  # a count
MONTHS = ("2026-08", "2026-09", "2026-10")


def _store(authority: Authority, rows: list[tuple[str, str, str, int, int | None]]) -> None:
    imp = AnnexAImport.objects.create(
        authority=authority,
        extract_date=date(2026, 10, 31),
        original_name="annex-a.xlsx",
        stored_file="imports/annex-a.xlsx",
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
            value=None if d == 0 else (round(100 * n / d, 4) if d is not None else float(n)),
        )
        for m, p, u, n, d in rows
    )


@pytest.fixture
def small(demo: Authority) -> dict[str, Any]:
    """Per month: each team's rate (some with 1-4 in the numerator, the denominator or the
    complement) and count, and the authority's, the sum of its teams. The count measure's
    authority figure falls to 3 in the last month (the "Up 8.0" attack)."""
    teams = [t.name for t in Team.objects.filter(authority=demo).order_by("name")]
    # one small team a month: only secondary suppression keeps it from being the authority
    # minus the other teams
    rate_parts = [(3, 40), (20, 30), (30, 40), (18, 28), (40, 52), (25, 35)]
    count_parts = [2, 7, 12, 6, 30, 9]
    rows: list[tuple[str, str, str, int, int | None]] = []
    truth: dict[tuple[str, str, str], tuple[int, int | None]] = {}
    for k, month in enumerate(MONTHS):
        num = den = cnt = 0
        for i, name in enumerate(teams):
            n, d = rate_parts[0] if i == 0 else rate_parts[1 + i % (len(rate_parts) - 1)]
            n, d = (n, d + k) if i == 0 else (n + k, d + k)
            c = count_parts[0] if i == 0 else count_parts[1 + (i + k) % (len(count_parts) - 1)]
            rows += [(RATE, month, f"team:{name}", n, d), (COUNT, month, f"team:{name}", c, None)]
            truth[(RATE, month, f"team:{name}")] = (n, d)
            truth[(COUNT, month, f"team:{name}")] = (c, None)
            num, den, cnt = num + n, den + d, cnt + c
        rows.append((RATE, month, "la", num, den))
        truth[(RATE, month, "la")] = (num, den)
        la_count = 3 if month == MONTHS[-1] else cnt
        rows.append((COUNT, month, "la", la_count, None))
        truth[(COUNT, month, "la")] = (la_count, None)
    _store(demo, rows)
    return {"teams": teams, "truth": truth}


def _bearer(user: User) -> Client:
    _, key = api_token_create(user=user, name="attack")
    return Client(headers={"Authorization": f"Bearer {key}"})


# --- the API: a unit as the authority minus the other units -----------------------------


def _recover_units(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], int]:
    """What the arithmetic gives back: for each measure, month and count (numerator,
    denominator), the one withheld unit as the authority minus the other units."""
    found: dict[tuple[str, str, str], int] = {}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["measure_id"], r["period"]), []).append(r)
    for (measure, period), group in groups.items():
        la = next((r for r in group if r["unit"] == "la"), None)
        teams = [r for r in group if r["unit"] != "la"]
        for field in ("numerator", "denominator"):
            if la is None or la[field] in (None, ""):
                continue
            hidden = [r for r in teams if r["suppressed"] in (True, "True")]
            if len(hidden) == 1:
                shown = sum(int(r[field] or 0) for r in teams if r not in hidden)
                found[(measure, period, hidden[0]["unit"] + ":" + field)] = int(la[field]) - shown
    return found


@pytest.mark.parametrize("reader", READERS)
def test_api_units_cannot_be_worked_out(small, users, reader: str) -> None:
    for fmt in ("json", "csv"):
        if fmt == "json":
            body = json.loads(_bearer(users[reader]).get("/api/v1/measures.json").content)
            rows = body["rows"]
        else:
            import csv

            response = _bearer(users[reader]).get("/api/v1/measures.csv")
            text = b"".join(response.streaming_content).decode("utf-8-sig")
            rows = list(csv.DictReader(io.StringIO(text)))
        withheld = [r for r in rows if r["suppressed"] in (True, "True")]
        assert withheld, "the data has small counts: something must be withheld"
        assert all(r["suppressed_rule"] for r in withheld)
        assert _recover_units(rows) == {}, fmt
        for r in rows:  # nothing shown is a small count
            for field in ("numerator", "denominator"):
                if r[field] not in (None, ""):
                    assert not 1 <= int(r[field]) <= 4, r


def test_the_attack_works_on_what_the_director_sees(small, users) -> None:
    body = json.loads(_bearer(users["director"]).get("/api/v1/measures.json").content)
    assert not any(r["suppressed"] for r in body["rows"])
    # remove one team's figure as the old policy did: the arithmetic gives it back
    rows = body["rows"]
    victim = next(r for r in rows if r["unit"] != "la" and r["measure_id"] == RATE)
    rows = [r | {"suppressed": True} if r is victim else r for r in rows]
    got = _recover_units(rows)
    assert got[(RATE, victim["period"], victim["unit"] + ":numerator")] == victim["numerator"]


# --- the dashboard and measure pages: change text, rates, limits ---------------------------


def _rows_html(page: str, measure_id: str) -> list[str]:
    """Every table row naming the measure (the overview's matrix and changes, the journey)."""
    rows = [
        chunk
        for chunk in page.split("<tr")[1:]
        if f">{measure_id}<" in chunk or f"/{measure_id}/" in chunk
    ]
    assert rows, f"{measure_id} not on the page"
    return rows


def _row_html(page: str, measure_id: str) -> str:
    """The measure's row in the child's-journey table (the last table on the dashboard)."""
    return _rows_html(page, measure_id)[-1]


@pytest.mark.parametrize("reader", READERS)
def test_dashboard_change_text_and_rates(small, client_for, reader: str) -> None:
    page = client_for(reader).get(reverse("performance:dashboard")).content.decode()
    count_row = _row_html(page, COUNT)
    assert "Fewer than 5" in count_row  # the authority's 3
    for row in _rows_html(page, COUNT):  # no "Down 33.0" (36 - 33 = 3) anywhere on the page
        assert not re.search(r"\b(Up|Down) [0-9]", row)
    rate_row = _row_html(page, RATE)
    la_num, la_den = small["truth"][(RATE, MONTHS[-1], "la")]
    assert f"{100 * la_num / la_den:.1f}%" in rate_row  # a whole-authority rate stays
    assert "<svg" in rate_row  # with its sparkline
    director = client_for("director").get(reverse("performance:dashboard")).content.decode()
    assert re.search(r"\b(Up|Down) [0-9]", _row_html(director, COUNT))  # the attack's input


@pytest.mark.parametrize("reader", READERS)
def test_measure_page_teams_and_limits(small, client_for, reader: str) -> None:
    page = client_for(reader).get(reverse("performance:measure", args=[RATE])).content.decode()
    # team table: value, numerator, denominator per team; the authority's row is on the page
    shown: dict[str, tuple[int, int]] = {}
    hidden: list[str] = []
    for chunk in page.split("<tr")[1:]:
        m = re.search(r'<th scope="row"[^>]*>([^<]+)</th>(.*)', chunk, re.S)
        if not m or m.group(1) not in small["teams"]:
            continue
        nums = re.findall(r"numeric\">(\d+)</td>", m.group(2))
        if "suppressed" in m.group(2):
            hidden.append(m.group(1))
        elif len(nums) >= 2:
            shown[m.group(1)] = (int(nums[-2]), int(nums[-1]))
    assert hidden, "small team figures are withheld"
    assert len(hidden) != 1, "one withheld team is the authority minus the others"
    assert "secondary: hidden so a withheld count cannot be worked out" in page or len(hidden) > 1
    page = client_for(reader).get(reverse("performance:measure", args=[COUNT])).content.decode()
    assert "Fewer than 5 (suppressed)" in page
    # the withheld month has no value, and the limits come from the months shown
    assert "mean and limits come from the months shown" in page


# --- the audit Excel: a total minus the other grades, a share times the total ------------------


def _solve_grade_row(cells: list[Any]) -> list[int]:
    """Given a "By team" row (audits, 4 grades, good or better share + interval, inadequate
    share + interval), the withheld grade counts the arithmetic gives back."""
    total, grades = cells[1], cells[2:6]
    good_share, inadequate_share = cells[6], cells[9]
    known: dict[int, int] = {i: g for i, g in enumerate(grades) if isinstance(g, int)}
    t = total if isinstance(total, int) else None
    equations: list[tuple[tuple[int, ...], int]] = []
    if t is not None:
        equations.append(((0, 1, 2, 3), t))
        if isinstance(good_share, float):
            equations.append(((0, 1), round(good_share * t)))
        if isinstance(inadequate_share, float):
            equations.append(((3,), round(inadequate_share * t)))
    recovered: list[int] = []
    changed = True
    while changed:
        changed = False
        for parts, value in equations:
            unknown = [p for p in parts if p not in known]
            if len(unknown) == 1:
                known[unknown[0]] = value - sum(known[p] for p in parts if p in known)
                recovered.append(unknown[0])
                changed = True
    return [i for i in recovered if grades[i] == "[c]"]


@pytest.fixture
def audits(demo: Authority, users: dict[str, User]) -> None:
    fw = audit_factories.framework(demo)
    teams = list(Team.objects.filter(authority=demo).order_by("name"))
    grade_sets = [
        ["good"] * 6 + ["inadequate"],  # 7 audits, 1 inadequate: total - good, share x total
        ["good"] * 5 + ["requires_improvement"] * 3,
        ["outstanding"] + ["good"] * 9,
    ]
    for team, grades in zip(teams, grade_sets, strict=False):
        audit_factories.completed_many(fw, team=team, auditor=users["auditor"], grades=grades)
    assert Audit.objects.filter(status="completed").count() == 25


@pytest.mark.parametrize("reader", READERS)
def test_audit_excel_cannot_be_worked_back(audits, client_for, reader: str) -> None:
    import openpyxl

    def rows(username: str) -> list[list[Any]]:
        content = client_for(username).get(reverse("audits:export_summary")).content
        book = openpyxl.load_workbook(io.BytesIO(content))
        return [
            [c.value for c in row]
            for name in ("By team", "By month", "By locality")
            for row in book[name].iter_rows(min_row=2)
        ]

    mine = rows(reader)
    marks = sum(v == "[c]" for row in mine for v in row)
    assert marks, "small grade counts are withheld"
    assert [r for r in mine if _solve_grade_row(r)] == []
    for row in mine:
        if "[c]" in row[1:6]:
            assert row[-1], "the row says which rule hid its figures"
    # the same attack on the director's workbook, with a cell blanked as the old policy did
    director = rows("director")
    first = next(r for r in director if r[5] == 1)
    first[5] = "[c]"
    assert _solve_grade_row(first) == [3]


# --- the meeting pack: built for its audience ----------------------------------------------


@pytest.mark.parametrize("reader", READERS)
def test_meeting_pack_is_built_for_its_reader(
    small, demo, client_for, monkeypatch, reader: str
) -> None:
    from sightline.governance.views import packs

    objs = gov_objects(demo)
    objs.meeting.items.create(order=1, title="Performance", measure_ids=[COUNT, RATE])
    seen: list[str] = []
    real = packs.html_to_pdf

    def keep(html: str) -> bytes:
        seen.append(html)
        return real(html)

    monkeypatch.setattr(packs, "html_to_pdf", keep)
    pdf = client_for(reader).get(reverse("governance:meeting_pack_pdf", args=[objs.meeting.pk]))
    assert pdf.content.startswith(b"%PDF")
    text = re.sub(r"<[^>]+>", " ", seen[-1])
    assert "Fewer than 5 (suppressed)" in text
    assert "primary: a count from 1 to 4" in text  # the pack says which rule applied
    assert re.search(r"\b3\.0\b", text) is None  # the authority's 3 children
    page = client_for("director").get(reverse("governance:meeting_pack", args=[objs.meeting.pk]))
    assert "no small numbers are withheld" in page.content.decode()


# --- content-level role × URL: inside the responses ----------------------------------------


def _outputs(demo: Authority, small: dict[str, Any]) -> list[str]:
    team = small["teams"][0]
    urls = [
        reverse("performance:dashboard"),
        reverse("performance:measure", args=[RATE]),
        reverse("performance:measure", args=[COUNT]),
        reverse("audits:analytics"),
        reverse("audits:themes"),
        reverse("workforce:overview"),
        reverse("voice:overview"),
    ]
    units = ["la", f"team:{team}", "team:(unallocated)", "locality:999999", "team:Nowhere"]
    urls += [f"{reverse('performance:dashboard')}?unit={u}" for u in units]
    urls += [f"{reverse('performance:measure', args=[COUNT])}?unit={u}" for u in units]
    return urls


@pytest.mark.parametrize("reader", READERS)
def test_no_child_ids_staff_names_or_small_counts_inside_responses(  # noqa: PLR0917 - pytest fixtures
    small, audits, demo, users, client_for, reader: str
) -> None:
    from sightline.organisation.models import ReferenceAuthority
    from sightline.organisation.services import authority_create

    other = authority_create(
        by=None,
        name="Elsewhere Council",
        benchmark_as=ReferenceAuthority.objects.get(dfe_code="302"),
    )
    other_team = Team.objects.create(authority=other, name="Secret Team Zeta")
    _store(other, [(COUNT, "2026-10", f"team:{other_team.name}", 37, None)])
    client = client_for(reader)
    child_ids = [f"G{i}" for i in range(10)]
    staff = [u.get_full_name() for u in User.objects.filter(role="auditor") if u.get_full_name()]
    for url in _outputs(demo, small):
        response = client.get(url)
        body = response.content.decode(errors="replace")
        for child in child_ids:
            assert f">{child}<" not in body, (url, child)
        for name in staff:
            assert name not in body, (url, name)
        assert "Secret Team Zeta" not in body, url
        assert "team:Secret" not in body, url
        post = client.post(url)
        assert post.status_code in (403, 405), (url, post.status_code)
    other_url = f"{reverse('performance:dashboard')}?unit=team:{other_team.name}"
    assert "Secret Team Zeta" not in client.get(other_url).content.decode()
    api = json.loads(_bearer(users[reader]).get("/api/v1/measures.json").content)
    assert all(r["unit"] != f"team:{other_team.name}" for r in api["rows"])


@pytest.mark.parametrize("reader", READERS)
def test_a_team_is_not_the_authority_minus_the_other_teams_pages(
    small, client_for, reader: str
) -> None:
    """Every team's dashboard (``?unit=``) and the authority's: the count measure's latest
    month for each team, shown or withheld; one withheld team alone would be the authority
    minus the others."""
    month = MONTHS[1]  # the authority's count is not small that month
    hidden, shown = [], {}
    for team in small["teams"]:
        url = reverse("performance:measure", args=[COUNT])
        page = client_for(reader).get(url, {"unit": f"team:{team}"}).content.decode()
        # no monthly table at all: too few months can be shown, so none is
        chunk = next((c for c in page.split("<tr")[1:] if f">{month}" in c), "suppressed")
        if "suppressed" in chunk:
            hidden.append(team)
        else:
            shown[team] = small["truth"][(COUNT, month, f"team:{team}")][0]
    assert hidden, "a small team is withheld"
    assert len(hidden) != 1, "a lone withheld team is the authority minus the others"


# --- the regional view: an authority-wide rate whose complement is small -------------------


def test_regional_viewer_gets_no_small_complement(demo: Authority) -> None:
    """A regional viewer sees each authority's latest authority-wide figure. 46 of 48 is
    95.8%: with the denominator (on the authority's own published figures, or the DfE's) it
    gives back the 2 children it leaves out, so it is withheld by the percentage rule;
    320 of 400 (80.0%) is shown. Before: the rate was shown (only its count and denominator
    were checked)."""
    from sightline.regional.services import (
        region_create,
        region_grant_set,
        region_viewer_add,
        regional_viewer_create,
    )

    _store(
        demo,
        [
            (RATE, "2026-10", "la", 46, 48),  # complement 2
            ("AS02", "2026-10", "la", 320, 400),
            (COUNT, "2026-10", "la", 3, None),  # a small count
        ],
    )
    region = region_create(by=None, name="Westmoor alliance")
    region_grant_set(by=None, authority=demo, region=region, measure_ids=[RATE, "AS02", COUNT])
    viewer = regional_viewer_create(by=None, username="regional")
    region_viewer_add(by=None, region=region, viewer=viewer)
    client = Client()
    client.force_login(viewer)
    html = client.get(reverse("regional:overview")).content.decode()
    assert "80.0%" in html  # a rate on a large denominator stays
    assert "95.8%" not in html  # 48 - 46 = 2 children: withheld
    assert html.count("[c]") >= 2  # the rate and the count of 3
    assert not re.search(r">\s*3\s*<", html)


# --- voice: feedback counts beside their total ---------------------------------------------


@pytest.fixture
def voice(demo: Authority, users: dict[str, User]) -> None:
    """14 comments in the last 12 months: 12 from young people and 2 from carers; 12 in one
    locality and 2 in another; every one tagged "Being listened to", 3 also "Feeling safe"."""
    from sightline.organisation.models import Locality
    from tests.voice.factories import make_feedback

    big, little = Locality.objects.filter(authority=demo).order_by("name")[:2]
    for i in range(14):
        make_feedback(
            demo,
            users["qa"],
            source="carer" if i < 2 else "young_person",
            locality=little if i < 2 else big,
            sentiment="negative" if i % 2 else "positive",
            themes=["Being listened to", "Feeling safe"] if i < 3 else ["Being listened to"],
        )


def _cells(fragment: str) -> list[list[str]]:
    return [
        [
            " ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr.*?</tr>", fragment, re.S)
    ]


def _voice_figures(html: str) -> dict[str, Any]:
    total = re.search(r"(\d+|Withheld \(suppressed\)|Fewer than 5 \(suppressed\)) comments", html)
    after = html[html.index("Who it came from") :]
    split = after.index("By service")
    pair = (
        r'<dt class="govuk-summary-list__key">(.*?)</dt>'
        r'<dd class="govuk-summary-list__value">(.*?)</dd>'
    )
    sources = re.findall(pair, after[:split])
    services = re.findall(pair, after[split:])
    tables = {
        name: _cells(html[html.index(f'data-testid="{name}"') :].split("</table>", maxsplit=1)[0])
        for name in ("shares", "themes", "themes-by-service")
    }
    return {
        "total": total.group(1) if total else None,
        "sources": sources,
        "services": services,
        "quarters": [row[1] for row in tables["shares"][1:]],
        "themes": {row[0]: row[1:] for row in tables["themes"][1:]},
        "themes_by_service": {row[0]: row[1:] for row in tables["themes-by-service"][1:]},
    }


def _recover_voice(f: dict[str, Any]) -> list[str]:
    """Each withheld count that is the total minus the shown ones beside it, or a theme's
    quarters minus its shown services (both add up to the comments mentioning it)."""
    found = []
    if f["total"] and f["total"].isdigit():
        for name, cells in (
            ("sources", [v for _, v in f["sources"]]),
            ("services", [v for _, v in f["services"]]),
            ("quarters", f["quarters"]),
        ):
            hidden = [v for v in cells if not v.isdigit()]
            if len(hidden) == 1:
                found.append(
                    f"{name}: {int(f['total']) - sum(int(v) for v in cells if v.isdigit())}"
                )
    for theme, by_quarter in f["themes"].items():
        by_service = f["themes_by_service"].get(theme, [])
        for a, b in ((by_quarter, by_service), (by_service, by_quarter)):
            if all(v.isdigit() for v in b) and sum(not v.isdigit() for v in a) == 1:
                found.append(f"{theme}: {sum(map(int, b)) - sum(int(v) for v in a if v.isdigit())}")
    return found


@pytest.mark.parametrize("reader", READERS)
def test_voice_counts_cannot_be_worked_out(voice, client_for, reader: str) -> None:
    f = _voice_figures(client_for(reader).get(reverse("voice:overview")).content.decode())
    shown = [v for _, v in f["sources"] + f["services"]] + f["quarters"]
    shown += [v for row in (*f["themes"].values(), *f["themes_by_service"].values()) for v in row]
    assert any(not v.isdigit() for v in shown), "2 carers: something must be withheld"
    assert not [v for v in shown if v.isdigit() and 1 <= int(v) <= 4]
    assert _recover_voice(f) == []
    # the attack works on the director's page with the small cells blanked (as primary only)
    d = _voice_figures(client_for("director").get(reverse("voice:overview")).content.decode())
    d["sources"] = [(k, "[c]" if v.isdigit() and 1 <= int(v) <= 4 else v) for k, v in d["sources"]]
    assert "sources: 2" in _recover_voice(d)


# --- workforce: team counts beside the authority's and the locality's ----------------------


@pytest.fixture
def workforce(demo: Authority, users: dict[str, User]) -> dict[str, Any]:
    """Permanent social workers: 2 in one team, 8 in a second team of the same locality, 7 in
    a team of another locality; nobody else."""
    from datetime import timedelta

    from sightline.workforce import selectors as wf
    from tests.workforce.factories import make_worker

    first = Team.objects.filter(authority=demo, locality__isnull=False).order_by("pk")[0]
    sibling = Team.objects.filter(locality=first.locality).exclude(pk=first.pk).order_by("pk")[0]
    other = Team.objects.filter(authority=demo).exclude(locality=first.locality).order_by("pk")[0]
    day = wf.month_ends(day=date(2026, 11, 18))[-1]
    n = 0
    for team, count in ((first, 2), (sibling, 8), (other, 7)):
        for _ in range(count):
            n += 1
            make_worker(demo, team, reference=f"W{n}", start_date=day - timedelta(days=400))
    return {"small": first, "sibling": sibling, "other": other, "locality": first.locality}


def _headcount(html: str) -> str:
    table = html[html.index('data-testid="workforce-latest"') :].split("</table>", maxsplit=1)[0]
    row = next(r for r in _cells(table) if r and r[0].startswith("Social workers in post"))
    return row[1]


def _recover_teams(teams: dict[str, tuple[str, str]], whole: str, members: list[str]) -> list[int]:
    """``whole`` (a headcount) minus the shown permanent and agency workers of ``members``,
    when exactly one of their counts is withheld."""
    cells = [v for name in members for v in teams[name]]
    hidden = [v for v in cells if not v.isdigit()]
    if not whole.isdigit() or len(hidden) != 1:
        return []
    return [int(whole) - sum(int(v) for v in cells if v.isdigit())]


@pytest.mark.parametrize("reader", READERS)
def test_workforce_team_counts_cannot_be_worked_out(workforce, client_for, reader: str) -> None:
    def look(who: str) -> tuple[dict[str, tuple[str, str]], str, str]:
        client = client_for(who)
        html = client.get(reverse("workforce:teams")).content.decode()
        table = html[html.index('data-testid="team-stability"') :].split("</table>", 1)[0]
        teams = {}
        for row in _cells(table)[1:]:
            name = next(t.name for t in Team.objects.all() if row[0].startswith(t.name))
            teams[name] = (row[1], row[2])
        overview = reverse("workforce:overview")
        la = _headcount(client.get(f"{overview}?unit=la").content.decode())
        loc = _headcount(
            client.get(f"{overview}?unit=locality:{workforce['locality'].pk}").content.decode()
        )
        return teams, la, loc

    teams, la, loc = look(reader)
    everyone = list(teams)
    in_locality = [t.name for t in Team.objects.filter(locality=workforce["locality"])]
    assert teams[workforce["small"].name][0] == "fewer than 5"
    shown = [v for pair in teams.values() for v in pair if v.isdigit()]
    assert not [v for v in shown if 1 <= int(v) <= 4]
    assert _recover_teams(teams, la, everyone) == []
    assert _recover_teams(teams, loc, in_locality) == []
    # the attack works on the director's figures with the small team blanked
    teams, la, loc = look("director")
    assert la == "17"
    teams[workforce["small"].name] = ("[c]", teams[workforce["small"].name][1])
    assert _recover_teams(teams, la, everyone) == [2]
    assert _recover_teams(teams, loc, in_locality) == [2]
