"""The council's logo in a real browser: uploaded on Organisation → Branding, drawn in the header
(the image loads under the site's Content Security Policy), and the page and its error state
pass axe (WCAG 2.2 AA)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from sightline.organisation.models import Authority
from tests.browser.conftest import (  # noqa: F401 - the browser tests' fixtures
    axe_source,
    browser_type_launch_args,
    context,
    page,
)
from tests.browser.test_pages import axe_violations, sign_in
from tests.platform.test_branding import ALT, png

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_logo_is_uploaded_and_shown_in_the_header(
    page: Page,  # noqa: F811
    live_server: Any,
    demo: Authority,
    axe_source: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server.url, "admin")
    page.goto(f"{live_server.url}/organisation/branding/")
    assert axe_violations(page, axe_source) == []

    scripted = tmp_path / "scripted.svg"
    scripted.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>1</script></svg>'
    )
    page.get_by_label("Logo", exact=True).set_input_files(str(scripted))
    page.get_by_label("Text alternative").fill(ALT)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("scripted.svg was refused")
    assert axe_violations(page, axe_source) == []

    logo = tmp_path / "logo.png"
    logo.write_bytes(png(120, 40))
    page.get_by_label("Logo", exact=True).set_input_files(str(logo))
    page.get_by_label("Text alternative").fill(ALT)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The logo was saved")
    header = page.locator("header img.sl-header-logo")
    expect(header).to_have_attribute("alt", ALT)
    assert header.evaluate("img => img.complete && img.naturalWidth") == 120
    assert axe_violations(page, axe_source) == []
    assert not [e for e in errors if "Content Security Policy" in e]
