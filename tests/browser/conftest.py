"""Browser tests: Playwright drives Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make test does)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext, monkeypatch: pytest.MonkeyPatch) -> Page:
    """A page whose clicks wait, as a person does, for the page to finish loading. After a form
    is saved, GOV.UK Frontend's script (a module, run once the page has loaded its files) moves
    the focus to the success banner, which scrolls the page: a click made just before could
    press a link and release the mouse elsewhere, and be lost (seen once on CI)."""
    for name in ("click", "check"):
        action = getattr(Locator, name)

        def when_loaded(self: Locator, *args: Any, _action: Any = action, **kwargs: Any) -> Any:
            self.page.wait_for_load_state("load")
            return _action(self, *args, **kwargs)

        monkeypatch.setattr(Locator, name, when_loaded)
    return context.new_page()


@pytest.fixture(scope="session")
def synthetic_extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from datetime import date

    from csc_measures.synth import generate_annex_a

    return generate_annex_a(
        tmp_path_factory.mktemp("annex") / "annex_a.xlsx",
        fmt="xlsx",
        as_of=date(2025, 3, 31),
        months=12,
        scale=0.05,
        seed=4,
        messy=False,
    )


@pytest.fixture
def demo(demo: Any, synthetic_extract: Path, settings: Any, tmp_path: Path) -> Any:
    """The demo authority with the DfE benchmarks and one Annex A extract loaded, so the
    crawl checks full dashboards, as `make demo` has them."""
    from datetime import date

    from sightline.home.demo import demo_seed_modules
    from sightline.performance.imports import annex_a_import_now
    from sightline.performance.services import benchmark_figures_load

    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    benchmark_figures_load(data_dir=settings.SIGHTLINE_DFE_DATA_DIR)
    annex_a_import_now(
        by=None, authority=demo, path=synthetic_extract, extract_date=date(2025, 3, 31)
    )
    # One month of published reports (a board pack, a Chair's report, a DfE highlight report)
    # so the crawl reads each kind; a year would cost ~25 s in every browser test.
    demo_seed_modules(authority=demo, report_months=1)
    return demo
