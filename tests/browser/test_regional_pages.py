"""The regional pages in a real browser, checked with axe-core: the regional viewer's
comparison, an authority's sharing form and the deployment administrator's "Add an authority"."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sightline.accounts.models import User
from sightline.organisation.models import Authority, ReferenceAuthority
from sightline.performance.imports import annex_a_import_now
from sightline.regional.services import (
    authority_onboard,
    region_create,
    region_grant_set,
    region_viewer_add,
    regional_viewer_create,
)
from tests.browser.test_pages import axe_violations
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def test_regional_pages_pass_axe(
    live_server, demo: Authority, synthetic_extract: Path, page: Page, axe_source: str
) -> None:
    region = region_create(by=None, name="Westmoor alliance")
    bramble = authority_onboard(
        by=None,
        name="Bramblewick",
        benchmark_as=ReferenceAuthority.objects.get(dfe_code="865"),
        is_fictional=True,
        localities=["North"],
        teams=[],
        admin_username="admin-b",
        admin_email="a@b.example",
        region=region,
        effective=date(2026, 11, 1),
    ).authority
    annex_a_import_now(
        by=None, authority=bramble, path=synthetic_extract, extract_date=date(2025, 3, 31)
    )
    region_grant_set(by=None, authority=demo, region=region, measure_ids=["FD01", "CP03", "AS02"])
    region_grant_set(by=None, authority=bramble, region=region, measure_ids=["FD01", "CP05"])
    region_viewer_add(
        by=None,
        region=region,
        viewer=regional_viewer_create(by=None, username="regional", password=DEMO_PASSWORD),
    )
    base = live_server.url

    sign_in(page, base, "regional")
    page.goto(f"{base}/regional/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Authorities in your region")
    expect(page.get_by_role("columnheader", name="Bramblewick")).to_be_visible()
    assert axe_violations(page, axe_source) == []

    page.context.clear_cookies()
    sign_in(page, base, "director")
    page.goto(f"{base}/regional/sharing/")
    assert axe_violations(page, axe_source) == []
    page.get_by_role("link", name="Change what is shared with Westmoor alliance").click()
    expect(page.get_by_label("FD01", exact=False).first).to_be_checked()
    assert axe_violations(page, axe_source) == []

    page.context.clear_cookies()
    root = User.objects.create_superuser("root", "root@example.org", DEMO_PASSWORD)
    assert root.is_superuser
    page.goto(f"{base}/accounts/sign-in/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/regional/authorities/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Add an authority")
    assert axe_violations(page, axe_source) == []
