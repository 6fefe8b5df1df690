"""Each role's first screen in Chromium at a phone's 375 px: the panels that role acts on,
in order, nothing scrolling sideways, and axe clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.test_pages import axe_violations, sign_in
from tests.browser.test_reflow import WIDER_THAN_SCREEN

pytestmark = pytest.mark.django_db(transaction=True)

#: The panels each role's first screen opens with (headings, in order; a prefix is enough).
FIRST = {
    "manager": ["Measures that need attention", "Audit actions overdue in your team"],
    "hos": ["Measures that need attention", "Audit actions overdue in your locality"],
    "board": ["Where the measures stand", "The latest published report"],
    "member": ["Where the measures stand", "The latest published report"],
    "adviser": [
        "The latest DfE highlight report",
        "Improvement plan progress by Ofsted category",
    ],
    "analyst": ["Imports and data quality"],
    "director": [
        "Measures that need attention",
        "The latest DfE highlight report",
        "Improvement plan progress by Ofsted category",
        "Where the measures stand",
        "The latest published report",
        "Audit actions overdue in the authority",
        "Imports and data quality",
    ],
}


def test_each_roles_first_screen_at_375_px(
    live_server, demo, browser: Browser, axe_source: str
) -> None:
    problems: list[str] = []
    for username, titles in FIRST.items():
        context = browser.new_context(
            viewport={"width": 375, "height": 800},
            device_scale_factor=2,
            locale="en-GB",
            bypass_csp=True,
        )
        page = context.new_page()
        sign_in(page, live_server.url, username)
        page.goto(live_server.url + "/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        headings = page.locator("section.sl-home-panel h2").all_inner_texts()
        shown = [h.strip() for h in headings]
        if len(shown) != len(titles) or not all(
            h.startswith(t) for h, t in zip(shown, titles, strict=False)
        ):
            problems.append(f"{username}: panels {shown}, expected {titles}")
        # every panel says something: lines, or its empty state in words
        silent = [
            panel
            for panel in page.locator("section.sl-home-panel").all()
            if not panel.locator("li").count() and not panel.locator("p").count()
        ]
        if silent:
            problems.append(f"{username}: {len(silent)} panels with no words")
        found = page.evaluate(WIDER_THAN_SCREEN)
        if found["scroll"] > found["width"]:
            problems.append(f"{username}: scrolls sideways {found}")
        violations = axe_violations(page, axe_source)
        if violations:
            problems.append(f"{username}: axe {violations}")
        context.close()
    assert not problems, "\n".join(problems)
