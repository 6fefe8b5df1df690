"""One case-file audit from start to finish in a real browser: the QA lead sets up a
programme and assigns the case, the auditor fills it in (autosave, resume, complete), the QA
lead moderates and raises an action, and the team manager closes it with evidence."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_pages import axe_violations, sign_in
from tests.browser.test_reflow import fill_date

pytestmark = pytest.mark.django_db(transaction=True)


def _as(browser: Browser, base: str, username: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    sign_in(page, base, username)
    return page


def test_assign_audit_with_autosave_moderate_raise_and_close_an_action(
    live_server: Any, demo: Any, browser: Browser, axe_source: str
) -> None:
    from sightline.accounts.models import User
    from sightline.audits.models import Audit, RemedialAction

    base = live_server.url
    team = User.objects.get(username="manager").team
    assert team is not None

    qa = _as(browser, base, "qa")
    _qa_sets_up_and_assigns(qa, base, team.name)
    audit = Audit.objects.get(child_id="JOURNEY1")
    _auditor_autosaves_resumes_and_completes(
        _as(browser, base, "auditor"), base, audit.pk, axe_source
    )
    audit.refresh_from_db()
    assert audit.status == "completed"
    assert audit.started_at is not None
    assert audit.completed_at is not None
    _qa_moderates_and_raises_an_action(qa, base, audit.pk)
    _manager_closes_the_action(_as(browser, base, "manager"), base)
    action = RemedialAction.objects.get(audit=audit)
    assert action.status == "closed"
    assert action.evidence == "Partner assessed on 20 November."


def _qa_sets_up_and_assigns(qa: Page, base: str, team_name: str) -> None:
    """A programme of one case, every audit moderated; assigned to the auditor."""
    qa.goto(f"{base}/audits/programmes/new/")
    fill_date(qa, "Month", "11/2026")
    qa.get_by_label("Cases per team").fill("1")
    fill_date(qa, "Audits due by", "15/12/2030")
    qa.get_by_label("Share moderated (%)").fill("100")
    qa.get_by_label("Children to sample from").fill(f"{team_name}, JOURNEY1")
    qa.get_by_role("button", name="Pick the cases").click()
    expect(qa.get_by_role("heading", level=1)).to_contain_text("Practice Fundamentals")
    qa.get_by_role("link", name="Assign child JOURNEY1").click()
    auditor_option = qa.get_by_label("Auditor").locator("option", has_text="Aled Dorsey")
    assert "Malik Evans" not in qa.get_by_label("Auditor").inner_text()
    qa.get_by_label("Auditor").select_option(auditor_option.get_attribute("value"))
    qa.get_by_role("button", name="Assign").click()
    expect(qa.get_by_text("Audit assigned to Aled Dorsey")).to_be_visible()


def _auditor_autosaves_resumes_and_completes(
    auditor: Page, base: str, pk: int, axe_source: str
) -> None:
    auditor.goto(f"{base}/audits/{pk}/edit/")
    assert axe_violations(auditor, axe_source) == []
    auditor.get_by_label("Summary of findings").fill("Purposeful visits; plan has drifted.")
    auditor.get_by_label("Practitioner (allocated social worker)").focus()
    expect(auditor.locator("#autosave-status")).to_contain_text("Saved automatically")
    auditor.reload()
    expect(auditor.get_by_label("Summary of findings")).to_have_value(
        "Purposeful visits; plan has drifted."
    )
    for area in ("supervision", "visiting", "assessment", "planning", "recording"):
        auditor.locator(f"#id_area_{area}_2").check()  # Requires improvement
    auditor.locator("#id_q_voice_0").check()
    auditor.locator("#id_overall_grade_2").check()
    auditor.get_by_role("button", name="Complete audit").click()
    expect(auditor.get_by_text("Audit completed")).to_be_visible()


def _qa_moderates_and_raises_an_action(qa: Page, base: str, pk: int) -> None:
    """Regrade with a reason, then raise an action for the team manager."""
    qa.goto(f"{base}/audits/moderation/")
    qa.get_by_role("link", name="Moderate child JOURNEY1").click()
    qa.get_by_label("I would grade it differently").check()
    qa.get_by_label("Your overall grade (if different)").select_option("inadequate")
    qa.get_by_label("Reason").fill("Risks from the new partner were not assessed.")
    qa.get_by_role("button", name="Record moderation").click()
    expect(qa.get_by_text("Moderation recorded")).to_be_visible()
    qa.goto(f"{base}/audits/{pk}/")
    expect(qa.get_by_text("Risks from the new partner were not assessed.")).to_be_visible()
    qa.get_by_role("link", name="Raise an action").click()
    qa.get_by_label("What needs to be done").fill("Assess the new partner within 10 days.")
    owner = qa.get_by_label("Owner").locator("option", has_text="Malik Evans")
    qa.get_by_label("Owner").select_option(owner.get_attribute("value"))
    fill_date(qa, "Due by", "01/12/2030")
    qa.get_by_role("button", name="Raise action").click()
    expect(qa.get_by_text("Action raised")).to_be_visible()


def _manager_closes_the_action(manager: Page, base: str) -> None:
    """The owner sees the action on the home page and closes it with evidence."""
    expect(manager.get_by_text("open audit action")).to_be_visible()
    manager.goto(f"{base}/audits/actions/")
    manager.get_by_role("link", name="Close action: Assess the new partner").click()
    manager.get_by_label("Evidence that it was done").fill("Partner assessed on 20 November.")
    manager.get_by_role("button", name="Close action").click()
    expect(manager.get_by_text("Action closed with its evidence")).to_be_visible()
