"""One journey in a real browser: the Independent Chair produces a Chair's report in a few
clicks (each page checked with axe), the director approves and publishes it, and an elected
member reads it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import axe_violations, expect_banner, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _axe(page: Page, axe_source: str) -> None:
    assert axe_violations(page, axe_source) == [], page.url


def test_the_chair_produces_a_chairs_report(live_server, demo, page: Page, axe_source: str) -> None:
    base = live_server.url
    sign_in(page, base, "board")
    page.goto(f"{base}/reports/")
    _axe(page, axe_source)
    page.get_by_role("link", name="Start a report").click()
    _axe(page, axe_source)
    page.get_by_label("Chair's report").check()
    page.get_by_label("Period from").fill("01/08/2026")
    page.get_by_label("Period to").fill("31/10/2026")
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Report from the Independent Chair of the Improvement Board"
    )
    _axe(page, axe_source)
    page.get_by_role("link", name="Edit 1. Introduction").click()
    expect(page.get_by_text("Draft written from the figures")).to_be_visible()
    _axe(page, axe_source)
    page.get_by_label("Text").fill("The Board met six times this quarter.")
    page.get_by_role("button", name="Save the section").click()
    expect_banner(page, "saved")
    page.get_by_role("button", name="Move down 1. Introduction").click()
    expect(page.locator("ol li").nth(1)).to_contain_text("1. Introduction")
    page.get_by_role("link", name="Preview the report").click()
    expect(page.get_by_text("The Board met six times this quarter.")).to_be_visible()
    _axe(page, axe_source)
    page.get_by_role("link", name="Back to the report").click()
    _axe(page, axe_source)
    page.get_by_role("button", name="Send for review").click()
    expect_banner(page, "sent for review")
    report_url = page.url
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base, "director")
    page.goto(report_url)
    page.get_by_role("button", name="Approve and freeze the figures").click()
    expect(page.get_by_text("Its figures were frozen")).to_be_visible()
    page.get_by_role("button", name="Publish to its audience").click()
    expect_banner(page, "published")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base, "member")
    page.goto(report_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Independent Chair")
    page.get_by_role("link", name="Preview").click()
    expect(page.get_by_text("The Board met six times this quarter.")).to_be_visible()
    _axe(page, axe_source)


def test_the_director_maps_priorities_and_rates_the_dfe_categories(
    live_server, demo, page: Page, axe_source: str
) -> None:
    base = live_server.url
    sign_in(page, base, "director")
    page.goto(f"{base}/reports/")
    page.get_by_role("link", name="Map plan priorities to the Ofsted reporting categories").click()
    _axe(page, axe_source)
    page.get_by_role("button", name="Save the mapping").click()
    expect_banner(page, "mapped")
    page.goto(f"{base}/reports/new/")
    page.get_by_role("radio", name="DfE highlight report").check()
    page.get_by_label("Period from").fill("01/09/2026")
    page.get_by_label("Period to").fill("12/10/2026")
    page.get_by_label("Date of next update (DfE highlight report)").fill("23/11/2026")
    page.get_by_role("button", name="Start the report").click()
    page.get_by_role("link", name="Edit Detailed assessment").click()
    _axe(page, axe_source)
    group = page.get_by_role(
        "group", name="The experiences and progress of care leavers: progress R/A/G"
    )
    group.get_by_label("Red").check()
    page.get_by_role("button", name="Save the section").click()
    expect_banner(page, "saved")
    page.get_by_role("link", name="Preview the report").click()
    expect(page.get_by_role("heading", name="Detailed assessment")).to_be_visible()
    _axe(page, axe_source)
