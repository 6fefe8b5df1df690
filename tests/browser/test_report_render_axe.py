"""The standalone HTML of every report type, opened in Debian's chromium and checked with axe;
it asks for nothing outside itself."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from sightline.reports.render import html
from tests.reports import snapshots

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("report_type", list(snapshots.TYPE_SECTIONS))
def test_every_report_type_passes_axe(browser: Browser, axe_source: str, report_type: str) -> None:
    context = browser.new_context(bypass_csp=True, java_script_enabled=True)
    page = context.new_page()
    # nothing outside the document is ever requested
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_content(html(snapshots.example(report_type)))  # type: ignore[arg-type]
    page.evaluate(axe_source)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]
    context.close()

    assert violations == []
    assert [url for url in requested if not url.startswith(("about:", "data:"))] == []
