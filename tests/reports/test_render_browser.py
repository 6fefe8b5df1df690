"""The standalone HTML of every report type, opened in Debian's chromium and checked with axe;
it asks for nothing outside itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, sync_playwright

from sightline.reports.render import html

from . import snapshots

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.mark.parametrize("report_type", list(snapshots.TYPE_SECTIONS))
def test_every_report_type_passes_axe(chromium: Browser, report_type: str) -> None:
    context = chromium.new_context(bypass_csp=True, java_script_enabled=True)
    page = context.new_page()
    # nothing outside the document is ever requested
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_content(html(snapshots.example(report_type)))  # type: ignore[arg-type]
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
    ]
    context.close()

    assert violations == []
    assert [url for url in requested if not url.startswith(("about:", "data:"))] == []
