"""One journey in a real browser: the director adds a priority and an action, the action's
SRO reports progress with evidence, and a board member sees it on the plan."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import expect_banner, sign_in
from tests.browser.test_reflow import fill_date

pytestmark = pytest.mark.django_db(transaction=True)


def test_priority_action_update_with_evidence_then_board_view(
    live_server, demo, page: Page
) -> None:
    from sightline.accounts.models import User
    from sightline.plan.services import plan_create

    base = live_server.url
    plan_create(
        by=None,
        authority=demo,
        title="Journey plan",
        starts_on=date(2026, 1, 1),
    )
    page.context.clear_cookies()

    sign_in(page, base, "director")
    page.goto(f"{base}/plan/priorities/new/")
    page.get_by_label("Number").fill("7")
    page.get_by_label("Title").fill("Voice of care leavers")
    page.get_by_role("button", name="Add priority").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voice of care leavers")
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Reference").fill("7.1")
    page.get_by_label("Description").fill("Ambassadors review every pathway plan template")
    owner = User.objects.get(username="owner")
    page.get_by_label("Senior responsible officer").select_option(str(owner.pk))
    fill_date(page, "Start date", "01/02/2026")
    fill_date(page, "Due date", "30/09/2026")
    page.get_by_role("button", name="Save action").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 7.1")
    action_url = page.url
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base, "owner")
    page.goto(action_url)
    page.get_by_role("link", name="Report progress").click()
    page.get_by_label("Blue: complete, impact evidenced").check()
    page.get_by_label("Percentage complete").fill("100")
    page.get_by_label("Progress made").fill("Template rewritten with the Ambassadors.")
    page.get_by_label("Why this rating").fill("Care leavers rate the new plans 4.5 of 5.")
    page.get_by_label("Evidence (optional)").set_input_files(
        files=[{"name": "survey.csv", "mimeType": "text/csv", "buffer": b"q,score\nplan,4.5\n"}]
    )
    page.get_by_role("button", name="Save update").click()
    expect_banner(page, "progress update was saved")
    expect(page.get_by_role("link", name="survey.csv").first).to_be_visible()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base, "board")
    page.goto(f"{base}/plan/")
    table = page.locator("table", has_text="Plan on a page")
    expect(table).to_contain_text("Voice of care leavers")
    row = table.locator("tr", has_text="Voice of care leavers")
    expect(row.locator("td").first).to_contain_text("1")  # one Blue action
    row.get_by_role("link", name="Voice of care leavers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voice of care leavers")
    expect(page.get_by_role("link", name="Report progress")).to_have_count(0)
