"""A statutory return in a real browser: uploaded, checked in the background with progress,
the report and figures, accepted, then the Statutory returns page; every page checked with axe."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from csc_measures.synth.returns import generate_ssda903
from tests.browser.test_pages import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_ssda903_return_is_uploaded_checked_and_accepted(
    live_server, demo, page: Page, axe_source: str, tmp_path: Path
) -> None:
    folder = generate_ssda903(
        tmp_path / "ssda903", as_of=date(2026, 3, 31), scale=0.02, seed=3, messy=True
    )[0]
    sign_in(page, live_server.url, "analyst")
    page.goto(f"{live_server.url}/returns/uploads/")
    assert axe_violations(page, axe_source) == []
    page.get_by_label("SSDA903").check()
    page.get_by_label("Files").set_input_files(sorted(str(p) for p in folder.glob("*.csv")))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator("progress#job-progress")).to_be_visible()
    assert axe_violations(page, axe_source) == []
    call_command("db_worker", "--batch", "--no-startup-delay")
    expect(page.get_by_role("button", name="Accept and store the figures")).to_be_visible(
        timeout=20000
    )
    expect(page.get_by_role("tab", name="By child")).to_be_visible()
    assert axe_violations(page, axe_source) == []
    page.get_by_role("tab", name="By child").click()
    assert axe_violations(page, axe_source) == []
    page.get_by_role("button", name="Accept and store the figures").click()
    expect(page.get_by_text("figures are stored")).to_be_visible()
    page.goto(f"{live_server.url}/returns/")
    expect(page.get_by_role("link", name="SSDA903 2025-26").first).to_be_visible()
    assert axe_violations(page, axe_source) == []
    page.goto(f"{live_server.url}/performance/")
    expect(page.locator("#statutory-returns")).to_contain_text("SSDA903 2025-26")
