"""Sign in as each demo user in a real browser, walk every page they can reach, and check
each with axe-core (WCAG 2.2 AA), at 200% zoom for reflow, and for CSP errors."""

from __future__ import annotations

from collections import Counter, deque
from typing import Any
from urllib.parse import urldefrag, urlparse

import pytest
from django.urls import resolve
from playwright.sync_api import Page, expect

from sightline.home.demo import DEMO_USERS
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: Links a crawler must not follow: they change state or download files.
SKIP = ("/accounts/sign-out/", "/download/", "/jobs/", "/status/")
MAX_PAGES = 40
#: Pages of one URL pattern share a template: checking two of each is enough.
PER_PATTERN = 2


#: The controls and structures of a page, as a signature: two pages of one URL pattern with the
#: same signature differ only in their text, so axe and the reflow check need to see one of them
#: (across every user of the run). A role that sees other buttons, forms or tables gets checked.
PAGE_SHAPE = """() => [...document.querySelectorAll(
  'main form, main input, main select, main textarea, main button, main table, main details,'
  + ' main svg, main .govuk-tag, main .govuk-error-summary, main .govuk-warning-text')]
  .map(e => e.tagName + ':' + (e.getAttribute('name') || e.getAttribute('type') || ''))
  .join(',')"""
CHECKED: set[tuple[str, str]] = set()


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def expect_banner(page: Page, text: str) -> None:
    """A notification banner (success or important) says ``text``."""
    expect(page.locator(".govuk-notification-banner", has_text=text)).to_be_visible()


def axe_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    page.wait_for_load_state("load")  # the page a click led to, whole, not the one before
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def same_site_links(page: Page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "a[href]:not([download])", "els => els.map(e => e.href)"
    )  # links marked `download` fetch files (CSV, PDF), not pages
    host = urlparse(base).netloc
    urls = [urldefrag(href).url for href in hrefs]
    return [
        url
        for url in urls
        if urlparse(url).netloc == host and not any(s in urlparse(url).path for s in SKIP)
    ]


@pytest.mark.parametrize("username", sorted(DEMO_USERS))
def test_every_reachable_page_passes_axe_and_reflows_at_200_percent(
    username: str, live_server, demo, page: Page, axe_source: str
) -> None:
    base = live_server.url
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    sign_in(page, base, username)
    seen: set[str] = set()
    per_pattern: Counter[str] = Counter()
    queue = deque([f"{base}/"])
    problems: list[str] = []
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        pattern = resolve(urlparse(url).path).view_name
        if per_pattern[pattern] >= PER_PATTERN:
            continue
        per_pattern[pattern] += 1
        seen.add(url)
        response = page.goto(url)
        assert response is not None
        if response.status >= 400:
            # Links to pages outside the role's access would be a bug in the navigation.
            problems.append(f"{url}: HTTP {response.status}")
            continue
        shape = (pattern, page.evaluate(PAGE_SHAPE))
        if shape not in CHECKED:  # this template, with these controls, not yet checked
            CHECKED.add(shape)
            problems.extend(f"{url}: axe {v}" for v in axe_violations(page, axe_source))
            # 200% zoom on a 1280px-wide screen: 640 CSS pixels, and nothing scrolls sideways.
            page.set_viewport_size({"width": 640, "height": 900})
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                problems.append(f"{url}: scrolls sideways by {overflow}px at 200% zoom")
            page.set_viewport_size({"width": 1280, "height": 900})
        queue.extend(link for link in same_site_links(page, base) if link not in seen)
    assert len(seen) >= 4, f"{username} reached only {sorted(seen)}"
    assert problems == [], "\n".join(problems)
    assert csp_errors == [], csp_errors


def test_govuk_javascript_runs_under_the_content_security_policy(
    live_server, demo, page: Page
) -> None:
    sign_in(page, live_server.url, "director")
    # The nonce'd inline script ran, and GOV.UK Frontend initialised the components.
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    page.set_viewport_size({"width": 400, "height": 800})
    toggle = page.get_by_role("button", name="Menu")
    menu_link = page.get_by_role("navigation", name="Menu").get_by_role("link", name="Organisation")
    expect(toggle).to_be_visible()
    expect(menu_link).to_be_hidden()
    toggle.click()
    expect(menu_link).to_be_visible()


def test_keyboard_users_can_skip_to_the_main_content(live_server, demo, page: Page) -> None:
    sign_in(page, live_server.url, "board")
    # GOV.UK Frontend marks the skip link once its script has set it up (it moves the focus).
    page.locator("a.govuk-skip-link[data-govuk-skip-link-init]").wait_for(state="attached")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_anonymous_visitor_is_sent_to_sign_in(live_server, demo, page: Page) -> None:
    page.goto(f"{live_server.url}/organisation/")
    expect(page).to_have_url(f"{live_server.url}/accounts/sign-in/?next=/organisation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Sightline")


def test_wrong_password_shows_an_error_summary_linked_to_the_form(
    live_server, demo, page: Page
) -> None:
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill("director")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter a correct username and password")
    assert page.title().startswith("Error:")


def test_audit_export_progress_page_finishes_and_offers_the_file(
    live_server, demo, page: Page
) -> None:
    from django.core.management import call_command

    sign_in(page, live_server.url, "admin")
    page.goto(f"{live_server.url}/audit-trail/")
    page.get_by_role("button", name="Export all changes as CSV").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Export of the audit trail (CSV)")
    expect(page.get_by_text("Waiting for the background worker")).to_be_visible()
    call_command("db_worker", "--batch", "--no-startup-delay")
    # The page polls the job's status and reloads itself when the job has finished.
    expect(page.get_by_role("link", name="Download the file")).to_be_visible(timeout=15000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file").click()
    assert download.value.suggested_filename.startswith("audit-trail-")
