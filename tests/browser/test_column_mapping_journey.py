"""The check page offers to map a council's renamed columns; the page listing them. Both pass
axe (WCAG 2.2 AA)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from csc_measures.schema import S47_START
from csc_measures.templates import TEMPLATES
from csc_measures.tests.annex_builders import template_sheets, write_sheets
from tests.browser.test_pages import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_renamed_columns_are_mapped_from_the_check_page(
    live_server, demo, page: Page, tmp_path: Path, axe_source: str
) -> None:
    sheets = template_sheets(TEMPLATES["2024"], shipped=False)
    sheets["List 5"][0] = [
        "S47 Strat Disc Date" if h == S47_START else h for h in sheets["List 5"][0]
    ]
    workbook = write_sheets(tmp_path / "renamed.xlsx", sheets)
    base = live_server.url
    sign_in(page, base, "analyst")
    page.goto(f"{base}/performance/imports/")
    page.get_by_label("Annex A file").set_input_files(workbook)
    page.get_by_label("Date the lists were extracted").fill("31/03/2025")
    page.get_by_label("First day the lists cover (optional)").fill("01/02/2025")
    page.get_by_role("button", name="Upload and check").click()
    call_command("db_worker", "--batch", "--no-startup-delay")
    page.reload()

    select = page.get_by_label("List 5: ‘S47 Strat Disc Date’")
    expect(select).to_be_visible()
    page.get_by_text("What each list covers").click()
    assert axe_violations(page, axe_source) == []
    select.select_option(S47_START)
    page.get_by_role("button", name="Save and check again").click()
    expect(page.get_by_text("Saved for your authority: checking the file again.")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay")
    page.reload()
    expect(page.get_by_label("List 5: ‘S47 Strat Disc Date’")).to_have_count(0)

    page.goto(f"{base}/performance/imports/columns/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your renamed columns")
    expect(page.get_by_role("cell", name="S47 Strat Disc Date", exact=True)).to_be_visible()
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="Change ‘S47 Strat Disc Date’").click()
    expect(page.get_by_label("Header in your export")).to_have_value("S47 Strat Disc Date")
    assert axe_violations(page, axe_source) == []
