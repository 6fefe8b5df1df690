"""The one way Sightline makes a PDF: WeasyPrint from HTML, fetching nothing.

Only the built-in stylesheet in the page is used; any URL the HTML names (an image, a font,
a stylesheet) is refused, so a PDF cannot be made to fetch from the network or read a file.
"""

from __future__ import annotations

from typing import Any


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"Sightline's PDFs fetch nothing ({url})")


def html_to_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    return bytes(HTML(string=html, url_fetcher=_no_fetch).write_pdf())
