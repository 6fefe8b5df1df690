"""The council's logo on the front of a report, from the snapshot (``report.authority.logo``:
``{"type": "image/png" | "image/svg+xml", "data": <base64>, "alt", "width", "height"}``, checked
when it was uploaded; ``sightline.organisation.branding.logo_for_report`` makes it). Each
renderer takes the form it can hold: a data URI for HTML, SVG for Typst (a PNG wrapped in one),
a PNG for Word (an SVG drawn by Typst)."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape

PNG = "image/png"
SVG = "image/svg+xml"


@dataclass(frozen=True)
class Logo:
    content_type: str
    content: bytes
    alt: str
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        return f"data:{self.content_type};base64,{base64.b64encode(self.content).decode()}"

    def svg(self) -> str:
        """The logo as SVG text (a PNG inside an SVG of its size)."""
        if self.content_type == SVG:
            return self.content.decode("utf-8")
        w, h = self.width, self.height
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}"><image width="{w}" height="{h}" '
            f'href="{escape(self.data_uri)}"/></svg>'
        )

    def png(self, *, height_px: int = 160) -> bytes:
        """The logo as a PNG (an SVG drawn by Typst, ``height_px`` high)."""
        if self.content_type == PNG:
            return self.content
        import typst

        source = (
            "#set page(width: auto, height: auto, margin: 0pt, fill: none)\n"
            f'#image(bytes(sys.inputs.logo), format: "svg", height: {height_px}pt)\n'
        )
        return bytes(
            typst.compile(source.encode(), format="png", ppi=72, sys_inputs={"logo": self.svg()})
        )


def logo_of(report: Any) -> Logo | None:
    """The report's logo, or None when it has none (or what it has is not a logo)."""
    found = dict(report.get("authority", {})).get("logo")
    if not isinstance(found, dict) or found.get("type") not in (PNG, SVG):
        return None
    try:
        content = base64.b64decode(str(found.get("data", "")), validate=True)
        width, height = int(found.get("width") or 0), int(found.get("height") or 0)
    except (binascii.Error, ValueError, TypeError):
        return None
    alt = str(found.get("alt") or "").strip()
    if not content or not alt or width <= 0 or height <= 0:
        return None
    return Logo(str(found["type"]), content, alt, width, height)
