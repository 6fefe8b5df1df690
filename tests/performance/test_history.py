"""History is never lost: an extract stores only the months it covers whole."""

from __future__ import annotations

from datetime import date
from io import StringIO
from pathlib import Path

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from csc_measures import compute_catalogue, load_annex_a
from csc_measures.synth import generate_annex_a
from sightline.organisation.models import Authority
from sightline.performance import figures
from sightline.performance.models import AnnexAImport, StoredMeasureValue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path: Path) -> Path:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


def _extract(tmp_path: Path, *, as_of: date, months: int, seed: int) -> Path:
    return generate_annex_a(
        tmp_path / f"annex-{as_of}-{seed}.xlsx",
        fmt="xlsx",
        as_of=as_of,
        months=months,
        scale=0.05,
        seed=seed,
        messy=False,
    )


def _upload(
    client: Client,
    path: Path,
    *,
    extract: date,
    start: date | None = None,
    confirm_changes: bool = True,
) -> None:
    """Upload and check; a clean extract held back for its changes to history is accepted
    with a reason when ``confirm_changes`` (the extracts here come from other simulations)."""
    data = {"extract_date": f"{extract:%d/%m/%Y}"}
    if start is not None:
        data["period_start"] = f"{start:%d/%m/%Y}"
    with path.open("rb") as handle:
        client.post(
            reverse("performance:imports"),
            {"file": SimpleUploadedFile(path.name, handle.read()), **data},
        )
    call_command("db_worker", "--batch", "--no-startup-delay")
    held = AnnexAImport.objects.order_by("-pk").first()
    if confirm_changes and held and held.status == "needs_decision" and not held.issues:
        client.post(
            reverse("performance:import_detail", args=[held.pk]),
            {"decision": "accept", "confirm": "on", "reason": "another simulation"},
        )
        call_command("db_worker", "--batch", "--no-startup-delay")


def _engine_fd01(path: Path, *, as_of: date, start: date | None = None) -> dict[str, int]:
    results = compute_catalogue(load_annex_a(path, as_of=as_of, period_start=start)).results
    la = results.filter((pl.col("measure_id") == "FD01") & (pl.col("unit") == "la"))
    return dict(la.select("period", "numerator").iter_rows())


def test_a_short_extract_keeps_the_months_it_does_not_cover(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    year = _extract(tmp_path, as_of=date(2025, 3, 31), months=12, seed=5)
    _upload(client, year, extract=date(2025, 3, 31))
    short = _extract(tmp_path, as_of=date(2025, 4, 2), months=1, seed=6)
    _upload(client, short, extract=date(2025, 4, 2), start=date(2025, 3, 1), confirm_changes=False)
    short_import = AnnexAImport.objects.get(extract_date=date(2025, 4, 2))
    # Another simulation: its March moves a lot, so it waits for a reasoned decision.
    assert short_import.status == AnnexAImport.Status.NEEDS_DECISION
    assert not short_import.issues
    assert short_import.changes["months"]
    assert {m["period"] for m in short_import.changes["months"]} <= {"2025-03", "2025-04"}
    client.post(
        reverse("performance:import_detail", args=[short_import.pk]),
        {"decision": "accept", "confirm": "on", "reason": "a new case system from March"},
    )
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert set(AnnexAImport.objects.values_list("status", flat=True)) == {"imported"}
    short_import.refresh_from_db()
    assert (short_import.covered_from, short_import.covered_to) == (
        date(2025, 3, 1),
        date(2025, 4, 2),
    )
    assert set(
        StoredMeasureValue.objects.filter(annex_import=short_import).values_list(
            "period", flat=True
        )
    ) == {"2025-03", "2025-04"}

    old = _engine_fd01(year, as_of=date(2025, 3, 31))
    new = _engine_fd01(short, as_of=date(2025, 4, 2), start=date(2025, 3, 1))
    shown = {
        p.period: p.numerator
        for p in figures.series(authority=demo, units=["la"], measure_id="FD01")["FD01"]
    }
    earlier = [f"2024-{m:02d}" for m in range(4, 13)] + ["2025-01", "2025-02"]
    assert len(earlier) == 11
    assert {p: shown[p] for p in earlier} == {p: old[p] for p in earlier}
    assert shown["2025-03"] == new["2025-03"]  # the latest extract wins where it covers
    assert shown["2025-04"] == new["2025-04"]
    assert all(shown[p] > 0 for p in earlier)

    api = client.get("/api/v1/measures.json", {"measure": "FD01", "unit": "la"}).json()
    by_period = {r["period"]: r["numerator"] for r in api["rows"]}
    assert {p: by_period[p] for p in earlier} == {p: old[p] for p in earlier}
    assert by_period["2025-03"] == new["2025-03"]


def test_a_month_the_window_enters_after_its_first_day_does_not_replace_it(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    earlier = _extract(tmp_path, as_of=date(2024, 3, 31), months=12, seed=5)
    _upload(client, earlier, extract=date(2024, 3, 31))
    later = _extract(tmp_path, as_of=date(2025, 2, 28), months=12, seed=6)
    _upload(client, later, extract=date(2025, 2, 28))  # look-back starts 29 February 2024
    later_import = AnnexAImport.objects.get(extract_date=date(2025, 2, 28))
    assert later_import.covered_from == date(2024, 2, 29)
    stored = set(
        StoredMeasureValue.objects.filter(annex_import=later_import).values_list(
            "period", flat=True
        )
    )
    assert "2024-02" not in stored
    assert "2024-03" in stored
    february = next(
        figures.latest(authority=demo, measure_ids=["FD01"], units=["la"], period="2024-02")
    )
    assert february.extract_date == date(2024, 3, 31)
    assert february.numerator == _engine_fd01(earlier, as_of=date(2024, 3, 31))["2024-02"]


def test_a_one_month_extract_read_as_a_year_waits_for_a_decision(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 3, 31), months=12, seed=5),
        extract=date(2025, 3, 31),
    )
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 4, 30), months=1, seed=6),
        extract=date(2025, 4, 30),
    )
    short = AnnexAImport.objects.get(extract_date=date(2025, 4, 30))
    assert short.status == AnnexAImport.Status.NEEDS_DECISION
    page = client.get(reverse("performance:import_detail", args=[short.pk])).content.decode()
    assert "No problems were found" not in page
    assert "the earliest Date of Contact is" in page


def test_the_check_page_and_the_list_say_what_an_extract_covers(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 2, 28), months=12, seed=6),
        extract=date(2025, 2, 28),
    )
    imp = AnnexAImport.objects.get()
    page = client.get(reverse("performance:import_detail", args=[imp.pk])).content.decode()
    assert (
        "This extract covers 29 February 2024 to 28 February 2025: "
        "figures for March 2024 to February 2025." in page
    )
    assert "It covers only part of February 2024" in page
    listing = client.get(reverse("performance:imports")).content.decode()
    assert ">Covers</th>" in listing
    assert "Mar 2024 to Feb 2025" in listing


def test_a_clean_import_records_what_it_changed(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 3, 31), months=12, seed=5),
        extract=date(2025, 3, 31),
    )
    first = AnnexAImport.objects.get()
    assert first.changes["changed"] == 0
    assert first.changes["added"] > 0
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 4, 30), months=12, seed=6),
        extract=date(2025, 4, 30),
    )
    second = AnnexAImport.objects.get(extract_date=date(2025, 4, 30))
    changes = second.changes
    assert changes["changed"] == sum(m["measures"] for m in changes["months"]) > 0
    assert {m["period"] for m in changes["months"]} <= {f"2024-{m:02d}" for m in range(5, 13)} | {
        f"2025-{m:02d}" for m in range(1, 4)
    }
    biggest = changes["largest"][0]
    assert {"measure_id", "period", "held", "new", "large"} <= set(biggest)
    assert biggest["held"] != biggest["new"]
    page = client.get(reverse("performance:import_detail", args=[second.pk])).content.decode()
    assert "What importing this extract changed" in page
    assert "The largest changes" in page


def test_large_changes_need_a_confirmation_and_a_reason_kept_in_the_audit(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    from sightline.auditlog.models import AuditEvent

    client = client_for("analyst")
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 3, 31), months=12, seed=5),
        extract=date(2025, 3, 31),
    )
    messy = generate_annex_a(
        tmp_path / "messy.xlsx",
        fmt="xlsx",
        as_of=date(2025, 4, 30),
        months=12,
        scale=0.05,
        seed=9,
        messy=True,
    )
    _upload(client, messy, extract=date(2025, 4, 30))
    imp = AnnexAImport.objects.get(extract_date=date(2025, 4, 30))
    assert imp.status == AnnexAImport.Status.NEEDS_DECISION
    assert imp.changes["large"] > 0
    url = reverse("performance:import_detail", args=[imp.pk])
    page = client.get(url).content.decode()
    assert "What importing this extract would change" in page
    assert "I have checked these changes: the new figures are right" in page
    assert "Why these figures change" in page

    refused = client.post(url, {"decision": "accept"})
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "There is a problem" in text
    assert "Say why these figures should change." in text
    imp.refresh_from_db()
    assert imp.status == AnnexAImport.Status.NEEDS_DECISION

    client.post(url, {"decision": "accept", "confirm": "on", "reason": "March data cleanse"})
    imp.refresh_from_db()
    assert imp.status == AnnexAImport.Status.IMPORTING
    event = AuditEvent.objects.get(action="annex_a.accept")
    assert event.changes["reason"] == "March data cleanse"


def test_rolling_back_an_import_brings_back_the_figures_before_it(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    from sightline.auditlog.models import AuditEvent
    from sightline.performance.cache import figures_version

    client = client_for("analyst")
    march = _extract(tmp_path, as_of=date(2025, 3, 31), months=12, seed=5)
    _upload(client, march, extract=date(2025, 3, 31))
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 4, 30), months=12, seed=6),
        extract=date(2025, 4, 30),
    )
    april = AnnexAImport.objects.get(extract_date=date(2025, 4, 30))
    url = reverse("performance:import_detail", args=[april.pk])
    assert "?confirm=rollback" in client.get(url).content.decode()
    confirm = client.get(url, {"confirm": "rollback"}).content.decode()
    assert "Roll back the extract of 30 April 2025?" in confirm
    assert "Nothing is deleted" in confirm
    # Only a POST changes anything, and only by someone who imports.
    assert client_for("director").post(url, {"decision": "rollback"}).status_code == 403
    april.refresh_from_db()
    assert april.status == AnnexAImport.Status.IMPORTED
    before = figures_version(authority=demo)

    client.post(url, {"decision": "rollback"})
    april.refresh_from_db()
    assert april.status == AnnexAImport.Status.ROLLED_BACK
    assert april.rolled_back_at is not None
    assert StoredMeasureValue.objects.filter(annex_import=april).count() == april.figures
    assert figures_version(authority=demo) != before
    shown = {
        p.period: p.numerator
        for p in figures.series(authority=demo, units=["la"], measure_id="FD01")["FD01"]
    }
    assert shown == _engine_fd01(march, as_of=date(2025, 3, 31))
    assert {f.extract_date for f in figures.latest(authority=demo)} == {date(2025, 3, 31)}
    event = AuditEvent.objects.get(action="annex_a.rollback")
    assert event.changes["restored_import"] is None
    # Rolled back once is rolled back: a second POST changes nothing.
    again = client.post(url, {"decision": "rollback"}, follow=True).content.decode()
    assert "only an imported extract can be rolled back" in again


def test_rolling_back_a_replacement_restores_the_upload_it_replaced(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    first_file = _extract(tmp_path, as_of=date(2025, 3, 31), months=12, seed=5)
    _upload(client, first_file, extract=date(2025, 3, 31))
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 3, 31), months=12, seed=6),
        extract=date(2025, 3, 31),
    )
    first, second = AnnexAImport.objects.order_by("pk")
    assert (first.status, first.replaced_by) == ("replaced", second)
    url = reverse("performance:import_detail", args=[second.pk])
    assert first.original_name in client.get(url, {"confirm": "rollback"}).content.decode()
    client.post(url, {"decision": "rollback"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("imported", "rolled_back")
    assert first.replaced_by is None
    shown = {
        p.period: p.numerator
        for p in figures.series(authority=demo, units=["la"], measure_id="FD01")["FD01"]
    }
    assert shown == _engine_fd01(first_file, as_of=date(2025, 3, 31))


def test_the_measure_table_says_which_extract_each_month_came_from(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 3, 31), months=12, seed=5),
        extract=date(2025, 3, 31),
    )
    _upload(
        client,
        _extract(tmp_path, as_of=date(2025, 4, 2), months=1, seed=6),
        extract=date(2025, 4, 2),
        start=date(2025, 3, 1),
    )
    sources = figures.extract_dates(authority=demo, measure_id="FD01", units=["la"])
    assert sources["2025-02"] == date(2025, 3, 31)
    assert sources["2025-03"] == sources["2025-04"] == date(2025, 4, 2)
    page = client.get(reverse("performance:measure", args=["FD01"])).content.decode()
    assert "from the extract of 31 Mar 2025" in page
    assert "from the extract of 2 Apr 2025" in page


def test_a_list_exported_over_a_shorter_period_keeps_only_its_months(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    """Per-list windows: List 1 exported from October only; FD01 (List 1) keeps October to
    March, FD02 (List 3) the whole year, FD03 (Lists 1 and 3) only the months both cover."""
    as_of = date(2025, 3, 31)
    path = _extract(tmp_path, as_of=as_of, months=12, seed=3)
    call_command(
        "import",
        "annex-a",
        str(path),
        "--authority",
        demo.name,
        "--as-of",
        as_of.isoformat(),
        "--list-start",
        "1=2024-10-01",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    imp = AnnexAImport.objects.get()
    assert imp.status == AnnexAImport.Status.IMPORTED, (imp.fatal, imp.issues)
    assert imp.list_starts == {"1": "2024-10-01"}

    def months(measure_id: str) -> list[str]:
        return sorted(
            StoredMeasureValue.objects.filter(annex_import=imp, measure_id=measure_id, unit="la")
            .values_list("period", flat=True)
            .distinct()
        )

    assert months("FD01") == [f"2024-{m}" for m in ("10", "11", "12")] + [
        f"2025-0{m}" for m in (1, 2, 3)
    ]
    assert months("FD03") == months("FD01")
    assert months("FD02")[0] == "2024-04"
    assert len(months("FD02")) == 12
    page = client_for("analyst").get(reverse("performance:import_detail", args=[imp.pk]))
    text = page.content.decode()
    assert "What each list covers" in text
    assert "1 Oct 2024 to 31 Mar 2025" in text
    assert "Shorter" in text


def test_a_same_date_upload_covering_less_never_drops_history_without_confirmation(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    """An upload of the same extract date replaces the earlier one whole: the months it does
    not cover would lose their figures. That goes through the compare and confirm path."""
    as_of = date(2025, 3, 31)
    client = client_for("analyst")
    _upload(client, _extract(tmp_path, as_of=as_of, months=12, seed=3), extract=as_of)
    first = AnnexAImport.objects.get()
    assert first.status == AnnexAImport.Status.IMPORTED
    before = _shown_fd01(demo)
    assert len(before) == 12

    short = _extract(tmp_path, as_of=as_of, months=1, seed=3)
    _upload(client, short, extract=as_of, start=date(2025, 3, 1), confirm_changes=False)
    second = AnnexAImport.objects.exclude(pk=first.pk).get()
    assert second.status == AnnexAImport.Status.NEEDS_DECISION, second.issues
    assert not second.issues  # a clean file, held only for what it would drop
    lost = second.changes["lost"]
    assert lost > 0
    assert second.changes["large"] >= lost
    dropped = [c for c in second.changes["largest"] if c.get("lost")]
    assert dropped
    assert all(c["new"] is None and c["period"] < "2025-03" for c in dropped)
    page = client.get(reverse("performance:import_detail", args=[second.pk])).content.decode()
    assert "An earlier upload of this extract date is in use" in page
    # Nothing changed yet; accepting without the confirmation is refused.
    assert _shown_fd01(demo) == before
    url = reverse("performance:import_detail", args=[second.pk])
    client.post(url, {"decision": "accept"})
    second.refresh_from_db()
    assert second.status == AnnexAImport.Status.NEEDS_DECISION
    first.refresh_from_db()
    assert first.status == AnnexAImport.Status.IMPORTED
    assert _shown_fd01(demo) == before

    client.post(url, {"decision": "accept", "confirm": "on", "reason": "March only, on purpose"})
    call_command("db_worker", "--batch", "--no-startup-delay")
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status) == ("replaced", "imported")
    assert set(_shown_fd01(demo)) == {"2025-03"}
    # Rolled back: the earlier upload, and its twelve months, are back.
    client.post(url, {"decision": "rollback"})
    assert _shown_fd01(demo) == before


def test_the_command_refuses_a_same_date_upload_covering_less_without_confirm_changes(
    tmp_path: Path, demo: Authority
) -> None:
    as_of = date(2025, 3, 31)
    base = ["import", "annex-a"]
    where = ["--authority", demo.name, "--as-of", as_of.isoformat()]
    out = {"stdout": StringIO(), "stderr": StringIO()}
    call_command(*base, str(_extract(tmp_path, as_of=as_of, months=12, seed=3)), *where, **out)
    before = _shown_fd01(demo)
    short = str(_extract(tmp_path, as_of=as_of, months=1, seed=4))
    with pytest.raises(CommandError, match="would no longer be used"):
        call_command(*base, short, *where, "--period-start", "2025-03-01", **out)
    assert _shown_fd01(demo) == before
    call_command(*base, short, *where, "--period-start", "2025-03-01", "--confirm-changes", **out)
    assert set(_shown_fd01(demo)) == {"2025-03"}


def _shown_fd01(authority: Authority) -> dict[str, int]:
    return {
        f.period: f.numerator
        for f in figures.latest(authority=authority, measure_ids=["FD01"], units=["la"])
    }


def test_the_upload_page_takes_lists_exported_over_a_shorter_period(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    as_of = date(2025, 3, 31)
    path = _extract(tmp_path, as_of=as_of, months=12, seed=3)
    client = client_for("analyst")
    url = reverse("performance:imports")
    with path.open("rb") as handle:
        content = handle.read()
    # Ticked lists need their first day.
    missing = client.post(
        url,
        {
            "file": SimpleUploadedFile(path.name, content),
            "extract_date": "31/03/2025",
            "short_lists": ["1"],
        },
    )
    assert "Enter the first day the ticked lists cover." in missing.content.decode()
    assert not AnnexAImport.objects.exists()
    client.post(
        url,
        {
            "file": SimpleUploadedFile(path.name, content),
            "extract_date": "31/03/2025",
            "short_lists": ["1", "2"],
            "short_start": "01/10/2024",
        },
    )
    call_command("db_worker", "--batch", "--no-startup-delay")
    imp = AnnexAImport.objects.get()
    assert imp.list_starts == {"1": "2024-10-01", "2": "2024-10-01"}
    assert imp.status == AnnexAImport.Status.IMPORTED, (imp.fatal, imp.issues)
    fd01 = set(
        StoredMeasureValue.objects.filter(annex_import=imp, measure_id="FD01", unit="la")
        .values_list("period", flat=True)
        .distinct()
    )
    assert min(fd01) == "2024-10"
