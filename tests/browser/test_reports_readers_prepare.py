"""Readers who prepare their own paper, in a real browser: the DfE adviser their DfE highlight
report (seed 002), an elected member the scrutiny committee's dashboard (seeds 001, 003).

Each signs in, starts their paper from /reports/ in a few clicks (the page says it is for
their own audience and offers no other), edits a narrative (the adviser also rates a
category R/A/G), previews it, downloads the PDF (text and tags checked) and the Word
document (read back), with axe on every page; a count from 1 to 4 never shows. The adviser
then approves and publishes their own report; the member's goes to the director.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_pages import expect_banner, sign_in
from tests.browser.test_reports_each_type import SMALL_COUNT, _axe, _download
from tests.reports.factories import count_series, store
from tests.reports.test_render_pdf import structure

pytestmark = pytest.mark.django_db(transaction=True)

#: who → (their one type of report, the audience the start page names)
PAPERS = {
    "adviser": ("DfE highlight report", "the DfE"),
    "member": ("Scrutiny dashboard", "elected members"),
}
CATEGORY = "The experiences and progress of children who need help and protection"


def _start(page: Page, base: str, axe: str, demo: Any, who: str) -> None:
    """CP05's newest month is 3 (the board would read it; the DfE and members read [c]);
    ``who`` signs in and fills the form to start their paper."""
    type_label, phrase = PAPERS[who]
    store(demo, {"CP05": count_series([14, 12, 9, 11, 12, 3])})
    sign_in(page, base, who)
    page.goto(f"{base}/reports/")
    page.get_by_role("link", name="Start a report").click()
    expect(page.locator(".govuk-inset-text")).to_contain_text(
        f"The reports you prepare are for {phrase}"
    )
    expect(page.get_by_label("Who it is for")).to_have_count(0)
    expect(page.get_by_role("radio")).to_have_count(1)  # their one type of report
    _axe(page, axe)
    page.get_by_role("radio", name=type_label, exact=True).check()
    page.get_by_label("Period from").fill("01/09/2026")
    page.get_by_label("Period to").fill("31/10/2026")


def _write(page: Page, axe: str, *, section: str, narrative: str) -> None:
    page.get_by_role("link", name=f"Edit {section}", exact=True).click()
    _axe(page, axe)
    page.get_by_label("Text").fill(narrative)
    page.get_by_role("button", name="Save the section").click()
    expect_banner(page, "saved")


def _preview_and_download(page: Page, axe: str, narrative: str, folder: Path) -> tuple[str, Any]:
    page.get_by_role("link", name="Preview the report").click()
    expect(page.get_by_text(narrative)).to_be_visible()
    _axe(page, axe)
    page.get_by_role("link", name="Back to the report").click()
    _axe(page, axe)
    pdf = _download(page, "PDF (to print or publish)", folder)
    word = _download(page, "Word document (to edit as a committee paper)", folder)
    assert pdf.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
    )
    counts, headings, _alts = structure(pdf)
    assert headings[0] == "/H1", headings
    assert "/H2" in headings
    assert counts["/Table"], counts
    assert counts["/TR"], counts
    assert counts["/TH"], counts
    assert narrative in text
    document = docx.Document(io.BytesIO(word))
    assert narrative in "\n".join(p.text for p in document.paragraphs)
    cells = [c.text.strip() for t in document.tables for row in t.rows for c in row.cells]
    assert not [c for c in cells if SMALL_COUNT.match(c)], "a count from 1 to 4 in the .docx"
    return text, document


def _send_for_review(page: Page) -> None:
    page.get_by_role("button", name="Send for review").click()
    expect_banner(page, "sent for review")


def _approve(page: Page) -> None:
    page.get_by_role("button", name="Approve and freeze the figures").click()
    expect(page.get_by_text("Its figures were frozen")).to_be_visible()


def test_the_dfe_adviser_prepares_and_publishes_their_highlight_report(
    live_server: Any, demo: Any, *, page: Page, axe_source: str, tmp_path: Path
) -> None:
    base = live_server.url
    _start(page, base, axe_source, demo, "adviser")
    page.get_by_label("Date of next update (DfE highlight report)").fill("12/12/2026")
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "6-weekly adviser highlight report"
    )
    _axe(page, axe_source)

    # R/A/G for one Ofsted reporting category, with its summary.
    page.get_by_role("link", name="Edit Detailed assessment", exact=True).click()
    _axe(page, axe_source)
    rating = page.get_by_role("group", name=re.compile(re.escape(f"{CATEGORY}: progress")))
    rating.get_by_role("radio", name="Red", exact=True).check()
    summary = "Re-referrals are still too high: the front door review reports in January."
    page.get_by_label(f"{CATEGORY}: summary").fill(summary)
    page.get_by_role("button", name="Save the section").click()
    expect_banner(page, "saved")

    narrative = "The council is making steady progress; the Minister may wish to note it."
    _write(page, axe_source, section="Headline messages for the Minister", narrative=narrative)
    text, document = _preview_and_download(page, axe_source, narrative, tmp_path)
    assert summary in text
    rows = [[c.text.strip() for c in row.cells] for t in document.tables for row in t.rows]
    rated = next(r for r in rows if r and r[0].startswith(CATEGORY))
    assert any(c.startswith("Red") for c in rated), rated

    # Their own paper: they send it for review, approve and publish it.
    _send_for_review(page)
    _approve(page)
    page.get_by_role("button", name="Publish to its audience").click()
    expect_banner(page, "published")
    _axe(page, axe_source)


def test_an_elected_member_prepares_the_scrutiny_dashboard(
    live_server: Any, demo: Any, *, page: Page, axe_source: str, tmp_path: Path
) -> None:
    base = live_server.url
    _start(page, base, axe_source, demo, "member")
    expect(page.get_by_label("Date of next update (DfE highlight report)")).to_have_count(0)
    page.get_by_role("button", name="Start the report").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Children's services performance and improvement plan update"
    )
    page.get_by_role("link", name="Edit Performance dashboard", exact=True).click()
    page.get_by_role("checkbox", name=re.compile(r"^CP05\b")).check()
    page.get_by_role("button", name="Save the section").click()
    expect_banner(page, "saved")
    narrative = "The committee asked for the re-referral figures by locality next month."
    _write(page, axe_source, section="Introduction", narrative=narrative)
    text, document = _preview_and_download(page, axe_source, narrative, tmp_path)
    cells = [c.text.strip() for t in document.tables for row in t.rows for c in row.cells]
    assert any(c.startswith("[c]") for c in cells), "CP05's 3 is withheld"
    assert "[c]" in text

    # The director approves it (as the Chair's report); the member cannot.
    _send_for_review(page)
    expect(page.get_by_role("button", name="Approve and freeze the figures")).to_have_count(0)
    report_url = page.url
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, base, "director")
    page.goto(report_url)
    _approve(page)
