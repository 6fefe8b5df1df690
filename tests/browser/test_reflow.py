"""Reflow (WCAG 1.4.10): the main pages at a phone's 375 px and at 1280 px with 400% zoom
(a 320 CSS-pixel viewport), as a few roles: nothing makes the page scroll sideways (wide
tables scroll inside their focusable sl-table-wrapper), and each page passes axe."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from sightline.plan.models import Action
from tests.browser.test_pages import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

#: (name, viewport in CSS pixels, device scale): a phone, and a desktop at 400% zoom.
WIDTHS = (("phone 375 px", 375, 2), ("1280 px at 400%", 320, 4))

WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    if (e.parentElement && e.parentElement.closest('.sl-table-wrapper')) return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1;
  }).slice(0, 5).map(e => e.tagName + '.' + e.className);
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


def _pages(username: str, demo: Any) -> list[str]:
    from sightline.plan.models import Priority

    pages = [
        "/",
        "/performance/",
        "/performance/measures/CP03/",
        "/performance/measures/FD02/localities/",
    ]
    if username in ("member", "director"):
        pages.append("/plan/")
    if username in ("manager", "hos"):
        pages.append("/performance/workers/")
    action = Action.objects.filter(priority__plan__authority=demo).first()
    if username == "director" and action is not None:
        pages.append(f"/plan/actions/{action.pk}/due-date/")
        priority = Priority.objects.filter(plan__authority=demo).first()
        if priority is not None:
            pages.append(f"/plan/priorities/{priority.pk}/actions/new/")
    if username == "director":
        pages.append("/audits/")
        pages.append("/audits/analytics/")
        pages.append("/audits/analytics/?from_month=13&from_year=2026&to_month=3&to_year=26")
    return pages


def fill_date(page: Page, legend: str, value: str) -> None:
    """Fill a GOV.UK date input (``dd/mm/yyyy``) or month input (``mm/yyyy``) by its legend."""
    group = page.get_by_role("group", name=legend, exact=True)
    parts = value.split("/")
    names = ("Day", "Month", "Year")[-len(parts) :]
    for name, part in zip(names, parts, strict=True):
        group.get_by_label(name, exact=True).fill(part)


def _check(page: Page, url: str, axe_source: str, label: str) -> list[str]:
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    problems = []
    found = page.evaluate(WIDER_THAN_SCREEN)
    if found["scroll"] > found["width"]:
        problems.append(
            f"{label} {url}: scrolls sideways "
            f"({found['scroll']} > {found['width']}: {found['wide']})"
        )
    for wrapper in page.locator(".sl-table-wrapper").all():
        assert wrapper.get_attribute("tabindex") == "0", url
        assert wrapper.get_attribute("role") == "region", url
    violations = axe_violations(page, axe_source)
    if violations:
        problems.append(f"{label} {url}: axe {violations}")
    return problems


@pytest.mark.parametrize("username", ["manager", "hos", "member", "director"])
def test_main_pages_reflow_at_375_px_and_at_400_percent(
    username: str, live_server, demo, browser: Browser, axe_source: str
) -> None:
    problems: list[str] = []
    for label, width, scale in WIDTHS:
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            device_scale_factor=scale,
            locale="en-GB",
            bypass_csp=True,
        )
        page = context.new_page()
        sign_in(page, live_server.url, username)
        for path in _pages(username, demo):
            problems += _check(page, live_server.url + path, axe_source, f"{username} {label}")
        context.close()
    assert not problems, "\n".join(problems)


def test_the_date_input_is_three_boxes_not_a_picker(
    live_server, demo, page: Page, axe_source: str
) -> None:
    action = Action.objects.filter(priority__plan__authority=demo).first()
    assert action is not None
    sign_in(page, live_server.url, "director")
    page.goto(f"{live_server.url}/plan/actions/{action.pk}/due-date/")
    group = page.get_by_role("group", name="New due date")
    expect(group.get_by_label("Day")).to_be_visible()
    expect(group.get_by_label("Month")).to_be_visible()
    expect(group.get_by_label("Year")).to_be_visible()
    assert page.locator('input[type="date"], input[type="month"]').count() == 0
