"""The one way Sightline makes a PDF with WeasyPrint: from HTML, fetching nothing.

Only the built-in stylesheet in the page is used; any URL the HTML names (an image, a font,
a stylesheet) is refused (WeasyPrint leaves the resource out), so a PDF cannot be made to fetch
from the network or read a file.

Report papers are typeset by Typst instead (``sightline/reports/render``, ADR 0021); the
``variant`` keyword makes WeasyPrint's tagged PDF/UA-1 for pages that want it.
"""

from __future__ import annotations

from typing import Any, Literal


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    class NoFetch(URLFetcher):  # type: ignore[misc]
        """Refuses every URL before any network or file access."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"Sightline's PDFs fetch nothing ({url})")

    return NoFetch(fail_on_errors=False)


def html_to_pdf(html: str, *, variant: Literal["pdf/ua-1"] | None = None) -> bytes:
    """The PDF of a self-contained HTML page.

    ``variant="pdf/ua-1"`` writes a tagged PDF/UA-1 (structure tree, headings, tables, the
    document's language and title)."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    options: dict[str, Any] = {}
    if variant is not None:
        options["pdf_variant"] = variant
    return bytes(HTML(string=html, url_fetcher=_fetcher()).write_pdf(**options))
