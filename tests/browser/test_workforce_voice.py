"""One journey per module in a real browser: the HR import with a bad then a good file
(workforce), and feedback recorded by a team manager reaching the Board, who answers the
Ambassadors (voice). Each page on the way is checked with axe-core."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from sightline.organisation.models import Team
from tests.browser.test_pages import axe_violations, sign_in
from tests.browser.test_reflow import fill_date

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "Employee No,Full Name,Job Title,Contract Type,Team Name,WTE,Start Date"


def _upload(page: Page, name: str, text: str) -> None:
    page.get_by_label("HR spreadsheet").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode()}
    )
    page.get_by_role("button", name="Upload").click()


def test_workforce_hr_import_journey(live_server, demo, page: Page, axe_source: str) -> None:
    team = Team.objects.filter(authority=demo).order_by("name")[0].name
    sign_in(page, live_server.url, "director")
    page.get_by_role("link", name="Workforce").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Workforce measures")
    expect(page.get_by_test_id("workforce-latest")).to_contain_text("Agency rate")
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="HR import").click()
    bad = f"{HEADER}\nZ1,Kai Dunlin,Social worker,Permanent,Nowhere Team,1,01/04/2024\n"
    _upload(page, "hr_bad.csv", bad)
    # The file is read in the background: the page shows progress, then reloads itself.
    expect(page.locator("progress#job-progress")).to_be_visible()
    assert axe_violations(page, axe_source) == []
    call_command("db_worker", "--batch", "--no-startup-delay")
    mapping = page.get_by_role("heading", name="Which column holds which field?")
    expect(mapping).to_be_visible(timeout=20000)
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator("progress#job-progress")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay")
    report = page.get_by_test_id("issues")
    expect(report).to_contain_text("hr_bad.csv", timeout=20000)
    expect(report).to_contain_text("Nowhere Team")
    expect(report).to_contain_text("Team Name")
    expect(page.get_by_test_id("import-status")).to_have_text("Rejected: nothing imported")
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="Back to HR import").click()
    good = f"{HEADER}\nZ1,Kai Dunlin,Social worker,Agency,{team},1,01/04/2024\n"
    _upload(page, "hr_good.csv", good)
    expect(page.locator("progress#job-progress")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay")
    expect(mapping).to_be_visible(timeout=20000)
    page.get_by_role("button", name="Check and import").click()
    expect(page.locator("progress#job-progress")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay")
    expect(page.get_by_text("1 added, 0 updated")).to_be_visible(timeout=20000)
    assert axe_violations(page, axe_source) == []
    page.goto(f"{live_server.url}/workforce/staff/")
    expect(page.get_by_test_id("staff")).to_contain_text("Kai Dunlin")


def test_voice_feedback_to_board_journey(live_server, demo, page: Page, axe_source: str) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from sightline.voice.models import BoardSubmission

    today = timezone.localdate()
    BoardSubmission.objects.create(
        authority=demo,
        title="More say in our reviews",
        summary="We asked to chair part of our own reviews.",
        meeting="Improvement Board",
        meeting_date=today - timedelta(days=40),
        response_due=today - timedelta(days=5),
    )
    sign_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/voice/feedback/new/")
    assert axe_violations(page, axe_source) == []
    fill_date(page, "Date given", today.strftime("%d/%m/%Y"))
    page.get_by_label("Young person", exact=True).check()
    page.get_by_label("Conversation", exact=True).check()
    page.get_by_label("Their words", exact=True).fill(
        "I finally got to meet my new worker before the old one left."
    )
    page.get_by_label("Themes", exact=True).fill("Changes of social worker")
    page.get_by_label("Positive", exact=True).check()
    page.get_by_label("They agreed their words can be shared with the Board").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("feedback")).to_contain_text("I finally got to meet my new worker")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "board")
    page.goto(f"{live_server.url}/voice/")
    expect(page.get_by_test_id("quote").first).to_contain_text(
        "I finally got to meet my new worker"
    )
    expect(page.get_by_test_id("overdue")).to_contain_text("More say in our reviews")
    assert axe_violations(page, axe_source) == []
    page.get_by_test_id("overdue").get_by_role("link", name="More say in our reviews").click()
    page.get_by_label("The Chair's response").fill("Yes: from April you can chair the first part.")
    page.get_by_label("What we did (optional)").fill(
        "Review guidance now offers it to every child."
    )
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_test_id("response")).to_contain_text("you can chair the first part")
    assert axe_violations(page, axe_source) == []
