"""Statutory returns in the app: upload, background check, report, accept or abandon."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from csc_measures.returns import load_cin, load_ssda903
from csc_measures.returns.compute import compute_returns
from csc_measures.synth.returns import generate_cin, generate_ssda903
from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.organisation.models import Authority
from sightline.returns.models import ReturnFigure, ReturnImport

pytestmark = pytest.mark.django_db(transaction=True)
AS_OF = date(2026, 3, 31)


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path: Path) -> Path:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return settings.PRIVATE_STORAGE_ROOT


def _cin(tmp_path: Path, *, messy: bool = False) -> Path:
    return generate_cin(
        tmp_path / f"cin-{messy}.xml", as_of=AS_OF, scale=0.02, seed=3, messy=messy
    )[0]


def _903(tmp_path: Path, *, messy: bool = False) -> Path:
    return generate_ssda903(
        tmp_path / f"ssda903-{messy}", as_of=AS_OF, scale=0.02, seed=3, messy=messy
    )[0]


def _files(*paths: Path) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]


def _upload(client: Client, kind: str, files: list[SimpleUploadedFile]):
    return client.post(reverse("returns:imports"), {"kind": kind, "upload": files})


def _worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay")


def test_a_cin_census_is_checked_then_accepted_whole(
    tmp_path: Path, client_for, demo: Authority, users: dict[str, User], private_storage
) -> None:
    path = _cin(tmp_path)
    client = client_for("analyst")
    response = _upload(client, "cin", _files(path))
    imp = ReturnImport.objects.get()
    assert response["Location"] == reverse("returns:import_detail", args=[imp.pk])
    assert imp.status == ReturnImport.Status.CHECKING
    assert (private_storage / imp.stored_folder / path.name).read_bytes() == path.read_bytes()
    _worker()
    imp.refresh_from_db()
    assert imp.status == ReturnImport.Status.CHECKED, imp.fatal
    assert imp.year == 2026
    assert not ReturnFigure.objects.exists()  # nothing stored before the decision
    engine = compute_returns(cin=load_cin(path), with_ids=False).results
    page = client.get(reverse("returns:import_detail", args=[imp.pk])).content.decode()
    assert "Figures on the DfE&#x27;s definitions" in page or "Figures on the DfE's" in page
    assert "DC01" in page

    client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "accept"})
    imp.refresh_from_db()
    assert imp.status == ReturnImport.Status.ACCEPTED
    stored = dict(ReturnFigure.objects.values_list("measure_id", "numerator"))
    assert stored == dict(engine.select("measure_id", "numerator").iter_rows())
    assert set(ReturnFigure.objects.values_list("period", flat=True)) == {AS_OF}
    assert AuditEvent.objects.filter(action="returns.accept", actor=users["analyst"]).exists()

    figures_page = client.get(reverse("returns:figures")).content.decode()
    assert "CIN census 2025-26" in figures_page
    assert "DC01" in figures_page


def test_an_ssda903_zip_checked_and_abandoned_stores_nothing(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    folder = _903(tmp_path)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for csv in sorted(folder.glob("*.csv")):
            archive.write(csv, f"export/{csv.name}")
    client = client_for("analyst")
    _upload(client, "ssda903", [SimpleUploadedFile("ssda903.zip", buffer.getvalue())])
    _worker()
    imp = ReturnImport.objects.get()
    assert imp.status == ReturnImport.Status.CHECKED, imp.fatal
    assert imp.source == "SSDA903 2025-26"
    engine = compute_returns(ssda903=load_ssda903(folder), with_ids=False).results
    assert {f["measure_id"] for f in imp.report["figures"]} == set(engine["measure_id"])
    client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "abandon"})
    imp.refresh_from_db()
    assert imp.status == ReturnImport.Status.ABANDONED
    assert not ReturnFigure.objects.exists()
    assert AuditEvent.objects.filter(action="returns.abandon").exists()
    # abandoned: it cannot be accepted afterwards
    client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "accept"})
    assert not ReturnFigure.objects.exists()


def test_a_messy_903_report_names_file_child_table_column_and_value(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    folder = _903(tmp_path, messy=True)
    expected = load_ssda903(folder).issues
    assert expected
    client = client_for("analyst")
    _upload(client, "ssda903", _files(*sorted(folder.glob("*.csv"))))
    _worker()
    imp = ReturnImport.objects.get()
    assert imp.status == ReturnImport.Status.CHECKED
    assert imp.errors + imp.warnings == len(expected)
    first = expected[0]
    page = client.get(reverse("returns:import_detail", args=[imp.pk])).content.decode()
    for text in (first.file, first.child, first.table, first.column, first.value):
        assert text
        assert text in page
    assert "By rule" in page
    assert "By child" in page
    assert "By table" in page


def test_a_messy_cin_report_names_the_child_and_value(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    path = _cin(tmp_path, messy=True)
    expected = [i for i in load_cin(path).issues if i.value]
    client = client_for("analyst")
    _upload(client, "cin", _files(path))
    _worker()
    imp = ReturnImport.objects.get()
    page = client.get(reverse("returns:import_detail", args=[imp.pk])).content.decode()
    assert path.name in page
    assert expected[0].child in page
    assert expected[0].value in page


def test_an_unreadable_file_fails_and_stores_nothing(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(client, "cin", [SimpleUploadedFile("census.xml", b"this is not xml")])
    _worker()
    imp = ReturnImport.objects.get()
    assert imp.status == ReturnImport.Status.FAILED
    assert "census.xml" in imp.fatal
    response = client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "accept"})
    assert response.status_code == 302
    assert not ReturnFigure.objects.exists()


def test_wrong_files_are_refused_naming_them(tmp_path: Path, client_for, demo: Authority) -> None:
    client = client_for("analyst")
    response = _upload(client, "cin", [SimpleUploadedFile("census.csv", b"a,b\n")])
    assert response.status_code == 200
    assert "Choose one CIN census XML file" in response.content.decode()
    response = _upload(client, "ssda903", [SimpleUploadedFile("notes.txt", b"x")])
    assert "notes.txt" in response.content.decode()
    assert not ReturnImport.objects.exists()


def test_only_the_analyst_uploads_or_decides(tmp_path: Path, client_for, demo: Authority) -> None:
    path = _cin(tmp_path)
    assert _upload(client_for("director"), "cin", _files(path)).status_code == 403
    assert _upload(client_for("manager"), "cin", _files(path)).status_code == 403
    assert not ReturnImport.objects.exists()
    _upload(client_for("analyst"), "cin", _files(path))
    _worker()
    imp = ReturnImport.objects.get()
    director = client_for("director")
    assert director.get(reverse("returns:import_detail", args=[imp.pk])).status_code == 200
    response = director.post(
        reverse("returns:import_detail", args=[imp.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
    assert not ReturnFigure.objects.exists()


def test_accepting_a_second_upload_of_the_year_replaces_the_first(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    path = _cin(tmp_path)
    client = client_for("analyst")
    for _ in range(2):
        _upload(client, "cin", _files(path))
        _worker()
        imp = ReturnImport.objects.order_by("-pk").first()
        assert imp is not None
        client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "accept"})
    statuses = list(ReturnImport.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["replaced", "accepted"]
    page = client.get(reverse("returns:figures")).content.decode()
    assert page.count(">DC01 ") == 1


def test_the_dashboard_links_to_the_returns_figures(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(client, "cin", _files(_cin(tmp_path)))
    _worker()
    imp = ReturnImport.objects.get()
    client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "accept"})
    page = client.get(reverse("performance:dashboard")).content.decode()
    assert 'id="statutory-returns"' in page
    assert "CIN census 2025-26" in page
    assert reverse("returns:figures") in page
    # a reader without sight of the uploads sees no line
    manager_page = client_for("manager").get(reverse("performance:dashboard")).content.decode()
    assert 'id="statutory-returns"' not in manager_page


def _checked_903(tmp_path: Path, client: Client) -> ReturnImport:
    folder = _903(tmp_path, messy=True)
    _upload(client, "ssda903", _files(*sorted(folder.glob("*.csv"))))
    _worker()
    return ReturnImport.objects.get()


@pytest.mark.once
def test_the_dfe_rules_run_in_the_background_and_show_by_rule_code(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    imp = _checked_903(tmp_path, client)
    client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "rules"})
    imp.refresh_from_db()
    assert imp.rules_job is not None
    _worker()
    imp.refresh_from_db()
    rules = imp.dfe_rules["rules"]
    assert imp.dfe_rules["validator"].startswith("csc-validator-be-903")
    assert rules
    page = client.get(reverse("returns:import_detail", args=[imp.pk])).content.decode()
    first = rules[0]
    assert f"Rule {first['rule']}" in page
    assert first["errors"][0]["child"] in page
    assert ReturnImport.objects.get().status == ReturnImport.Status.CHECKED  # nothing decided


def test_without_the_validators_the_page_says_they_were_not_run(
    tmp_path: Path, client_for, demo: Authority, monkeypatch
) -> None:
    monkeypatch.setenv("SIGHTLINE_VALIDATORS_PYTHON", str(tmp_path / "no-such-python"))
    client = client_for("analyst")
    imp = _checked_903(tmp_path, client)
    assert (
        client_for("director")
        .post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "rules"})
        .status_code
        == 403
    )
    client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "rules"})
    _worker()
    imp.refresh_from_db()
    assert "not installed" in imp.dfe_rules["not_run"]
    page = client.get(reverse("returns:import_detail", args=[imp.pk])).content.decode()
    assert "were not run" in page


def test_a_check_whose_worker_was_lost_fails_the_upload(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from sightline.jobs.models import Job
    from sightline.jobs.services import jobs_recover_lost

    _upload(client_for("analyst"), "cin", _files(_cin(tmp_path)))
    imp = ReturnImport.objects.get()
    assert imp.job is not None
    past = timezone.now() - timedelta(hours=1)
    Job.objects.filter(pk=imp.job.pk).update(
        status=Job.Status.RUNNING, started_at=past, lease_until=past
    )
    assert [j.pk for j in jobs_recover_lost()] == [imp.job.pk]
    imp.refresh_from_db()
    assert imp.status == ReturnImport.Status.FAILED
    assert "upload the return again" in imp.fatal
    assert not ReturnFigure.objects.exists()


def test_a_checked_upload_waits_on_the_analysts_home_page(
    tmp_path: Path, client_for, demo: Authority
) -> None:
    client = client_for("analyst")
    _upload(client, "cin", _files(_cin(tmp_path)))
    _worker()
    imp = ReturnImport.objects.get()
    home = client.get(reverse("home:home")).content.decode()
    assert "CIN census 2025-26 checked: accept or abandon" in home
    assert reverse("returns:import_detail", args=[imp.pk]) in home
    client.post(reverse("returns:import_detail", args=[imp.pk]), {"decision": "accept"})
    assert "checked: accept or abandon" not in client.get(reverse("home:home")).content.decode()
