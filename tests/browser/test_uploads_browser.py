"""The plan workbook import in a real browser: uploaded, checked in the background with
progress, then the report (a bad workbook) or the new plan; every page checked with axe."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.test_pages import axe_violations, sign_in
from tests.browser.test_reflow import fill_date
from tests.plan.test_plan import GOOD_ROWS, _workbook

pytestmark = pytest.mark.django_db(transaction=True)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _import(page: Page, base: str, title: str, name: str, data: bytes) -> None:
    page.goto(f"{base}/plan/import/")
    page.get_by_label("Plan title").fill(title)
    fill_date(page, "Plan starts on", "01/04/2026")
    page.get_by_label("Plan workbook (.xlsx)").set_input_files(
        {"name": name, "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator("progress#job-progress")).to_be_visible()


def test_plan_import_runs_in_the_background(live_server, demo, page: Page, axe_source: str) -> None:
    sign_in(page, live_server.url, "director")
    _import(page, live_server.url, "Broken", "our plan.xlsx", b"not a workbook at all")
    assert axe_violations(page, axe_source) == []
    call_command("db_worker", "--batch", "--no-startup-delay")
    summary = page.get_by_text("Nothing was imported: 1 problem in our plan.xlsx")
    expect(summary).to_be_visible(timeout=20000)
    assert axe_violations(page, axe_source) == []
    _import(page, live_server.url, "Good plan", "plan.xlsx", _workbook(GOOD_ROWS))
    call_command("db_worker", "--batch", "--no-startup-delay")
    expect(page.get_by_text("was imported with 3 actions")).to_be_visible(timeout=20000)
    assert axe_violations(page, axe_source) == []
