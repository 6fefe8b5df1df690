"""The analyst's journey: upload an Annex A extract → watch it checked and imported → the
dashboard → a measure → the children behind a figure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from csc_measures.synth import generate_annex_a
from tests.browser.test_pages import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def april_extract(tmp_path: Path) -> Path:
    return generate_annex_a(
        tmp_path / "annex_a_2025-04-30.xlsx",
        fmt="xlsx",
        as_of=date(2025, 4, 30),
        months=12,
        scale=0.05,
        seed=9,
        messy=False,
    )


def test_upload_progress_dashboard_measure_and_drill_down(
    live_server, demo, page: Page, april_extract: Path, axe_source: str
) -> None:
    base = live_server.url
    sign_in(page, base, "analyst")
    page.goto(f"{base}/performance/imports/")
    page.get_by_label("Annex A file").set_input_files(april_extract)
    page.get_by_label("Date the lists were extracted").fill("30/04/2025")
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Extracted 30 April 2025")
    expect(page.locator("progress#job-progress")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay")
    # The page polls the job and reloads itself when the check has finished.
    decision = page.get_by_role("button", name="Import anyway")
    dashboard = page.get_by_role("link", name="See the dashboard with these figures")
    expect(decision.or_(dashboard)).to_be_visible(timeout=20000)
    if decision.is_visible():  # warnings, or changes to the figures held: accept them
        confirm = page.get_by_label("I have checked these changes: the new figures are right")
        if confirm.count():  # another simulation than the one imported: a reason is needed
            confirm.check()
            page.get_by_label("Why these figures change").fill("A re-extract after a cleanse")
        assert axe_violations(page, axe_source) == []
        decision.click()
        call_command("db_worker", "--batch", "--no-startup-delay")
    expect(dashboard).to_be_visible(timeout=20000)
    dashboard.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("The child's journey")
    page.get_by_role("link", name="CP03 ICPCs within 15 working days").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "ICPCs within 15 working days of the strategy discussion"
    )
    link = page.get_by_role("link", name="Children in the denominator, 2025-04")
    link.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "The children in the denominator, 2025-04"
    )
    expect(page.get_by_text("Your view of this page is recorded in the access log")).to_be_visible()
    table = page.get_by_role("table").first
    expect(table.get_by_role("columnheader", name="Child Unique ID")).to_be_visible()
    expect(
        table.get_by_role("columnheader", name="Date of Initial Child Protection Conference")
    ).to_be_visible()
    assert table.locator("tbody tr").count() >= 1
    assert axe_violations(page, axe_source) == []

    from sightline.auditlog.models import AccessLogEntry

    entry = AccessLogEntry.objects.get(username="analyst")
    assert entry.subject_ids
    assert entry.purpose == "CP03 denominator 2025-04 la"
