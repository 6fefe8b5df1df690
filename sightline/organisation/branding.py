"""The council's brand colour and logo: the colour checked for contrast; the logo checked on
upload, kept in the database, shown beside the service name on every page and on the front
of every report.

A logo is a PNG, or an SVG with nothing active in it: an SVG that holds a script, an event
handler, an embedded HTML or plugin element, a document type declaration or any reference to
something outside itself (a link, an image, a style sheet, a font) is refused with the reason
(it is not quietly cleaned, so what is shown is exactly what was uploaded). It is served only by
:func:`logo` to people of its own authority, with caching headers (the URL names its version).
Kept in its own module (checks, service, selector, views) beside the organisation pages.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from xml.etree import ElementTree as ET

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.core.access import authority_of, require, user_of
from sightline.core.permissions import can_edit_organisation, in_authority
from sightline.kernel.forms import form_add_service_errors

from .models import Authority, AuthorityLogo

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MAX_LOGO_BYTES = 512 * 1024
MAX_SIDE = 4000  # pixels: a header logo is 40 high; anything larger is a mistake or a bomb
PNG = "image/png"
SVG = "image/svg+xml"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_SVG_NS = "{http://www.w3.org/2000/svg}"
#: Elements that run code, embed other documents or play media.
_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video", "handler"}
_HREF = re.compile(r"(^|})href$")
_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(px)?\s*$")


@dataclass(frozen=True)
class CheckedLogo:
    content: bytes
    content_type: str
    width: int
    height: int


def _human(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def _png_size(name: str, data: bytes) -> tuple[int, int]:
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ValidationError({"logo": f"{name}: this is not a readable PNG image."})
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _outside(what: str) -> str:
    return f"{what}; a logo must not refer to anything outside itself"


def _attribute_problem(local: str, attribute: str, value: str) -> str | None:
    attr = attribute.rsplit("}", 1)[-1]
    if attr.lower().startswith("on"):
        return f"it has an event handler ({attr}) on <{local}>; scripts are refused"
    if _HREF.search(attribute) and not value.strip().startswith("#"):
        return _outside(f"<{local}> refers to {value.strip()[:60]!r}")
    if "javascript:" in value.lower():
        return f"<{local}> {attr} holds a javascript: address; scripts are refused"
    return None


def _style_problem(text: str) -> str | None:
    if "@import" in text.lower():
        return _outside("its style imports a style sheet")
    for found in _URL.findall(text):
        if not found.startswith("#"):
            return _outside(f"its style refers to {found[:60]!r}")
    return None


def _svg_problem(root: ET.Element, raw: str) -> str | None:
    """Why an SVG may not be shown, or None."""
    if root.tag != f"{_SVG_NS}svg":
        return "this is not an SVG image (its outer element is not <svg>)"
    if "<?xml-stylesheet" in raw:
        return _outside("it links a style sheet")
    for element in root.iter():
        local = str(element.tag).rsplit("}", 1)[-1]
        if local.lower() in _ACTIVE:
            return f"it contains a <{local}> element; scripts and embedded content are refused"
        problems = [_attribute_problem(local, a, v) for a, v in element.attrib.items()]
        problems.append(_style_problem(element.attrib.get("style", "")))
        if local == "style":
            problems.append(_style_problem(element.text or ""))
        found = next((p for p in problems if p), None)
        if found:
            return found
    return None


def _svg_size(root: ET.Element) -> tuple[int, int]:
    width, height = (_NUMBER.match(root.attrib.get(k, "")) for k in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = root.attrib.get("viewBox", "").replace(",", " ").split()
    try:
        return round(float(box[2])), round(float(box[3]))
    except (IndexError, ValueError):
        return 0, 0


def logo_check(*, upload: UploadedFile) -> CheckedLogo:
    """A PNG or a passive SVG of at most 512 KB, or ``ValidationError`` naming the file and
    the reason."""
    name = PurePosixPath(upload.name or "logo").name
    size = upload.size or 0
    if size > MAX_LOGO_BYTES:
        raise ValidationError(
            {
                "logo": f"{name} is {_human(size)}; a logo must be {_human(MAX_LOGO_BYTES)} or "
                "smaller (save it at the size it is shown, about 300 pixels wide)."
            }
        )
    data = upload.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            {"logo": f"{name}: a logo must be {_human(MAX_LOGO_BYTES)} or smaller."}
        )
    suffix = PurePosixPath(name).suffix.lower()
    if data.startswith(_PNG_MAGIC):
        width, height = _png_size(name, data)
        content_type = PNG
    elif suffix == ".svg":
        try:
            raw = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ValidationError(
                {"logo": f"{name}: this SVG is not UTF-8 text; save it again as UTF-8."}
            ) from None
        if re.search(r"<!\s*(DOCTYPE|ENTITY)", raw, re.IGNORECASE):
            raise ValidationError(
                {"logo": f"{name}: the SVG has a document type declaration, which is refused."}
            )
        try:
            root = ET.fromstring(raw)  # noqa: S314 - no DOCTYPE/ENTITY (checked above)
        except ET.ParseError as exc:
            raise ValidationError({"logo": f"{name}: this SVG cannot be read ({exc})."}) from None
        problem = _svg_problem(root, raw)
        if problem:
            raise ValidationError({"logo": f"{name} was refused: {problem}."})
        width, height = _svg_size(root)
        content_type = SVG
    else:
        raise ValidationError({"logo": f"{name}: choose a PNG or SVG image."})
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise ValidationError(
            {
                "logo": f"{name}: the image is {width} by {height}; a logo must be between 1 and "
                f"{MAX_SIDE} pixels each way (an SVG needs a width and height or a viewBox)."
            }
        )
    return CheckedLogo(data, content_type, width, height)


@transaction.atomic
def authority_logo_set(
    *, by: User | None, authority: Authority, upload: UploadedFile | None, alt: str
) -> Authority:
    """Set the logo (``upload``) and its text alternative, or only the text when ``upload`` is
    None and there is a logo already (audited)."""
    alt = " ".join(alt.split())
    if not alt:
        raise ValidationError({"alt": "Enter the logo's text alternative (what the logo says)."})
    if len(alt) > 150:
        raise ValidationError({"alt": "The text alternative must be 150 characters or fewer."})
    changes: dict[str, Any] = {"alt": {"before": authority.logo_alt, "after": alt}}
    if upload is not None:
        checked = logo_check(upload=upload)
        AuthorityLogo.objects.update_or_create(
            authority=authority,
            defaults={
                "content": checked.content,
                "content_type": checked.content_type,
                "width": checked.width,
                "height": checked.height,
            },
        )
        authority.logo_sha256 = hashlib.sha256(checked.content).hexdigest()
        changes["logo"] = {
            "type": checked.content_type,
            "bytes": len(checked.content),
            "sha256": authority.logo_sha256,
        }
    elif not authority.logo_sha256:
        raise ValidationError({"logo": "Choose the logo, a PNG or SVG image."})
    authority.logo_alt = alt
    authority.save(update_fields=["logo_alt", "logo_sha256", "updated_at"])
    audit_record(
        actor=by, action="authority.logo_set", obj=authority, authority=authority, changes=changes
    )
    return authority


@transaction.atomic
def authority_logo_remove(*, by: User | None, authority: Authority) -> Authority:
    """Take the logo away (audited); the header shows the service name alone."""
    AuthorityLogo.objects.filter(authority=authority).delete()
    before = authority.logo_sha256
    authority.logo_sha256 = ""
    authority.logo_alt = ""
    authority.save(update_fields=["logo_alt", "logo_sha256", "updated_at"])
    audit_record(
        actor=by,
        action="authority.logo_remove",
        obj=authority,
        authority=authority,
        changes={"sha256": before},
    )
    return authority


def logo_for_report(*, authority: Authority) -> dict[str, Any] | None:
    """The logo as a report snapshot carries it (``report.authority.logo``): plain data the
    renderers read, frozen with the snapshot. None without a logo."""
    if not authority.logo_sha256:
        return None
    logo = AuthorityLogo.objects.filter(authority=authority).first()
    if logo is None:
        return None
    return {
        "type": logo.content_type,
        "data": base64.b64encode(bytes(logo.content)).decode("ascii"),
        "alt": authority.logo_alt,
        "width": logo.width,
        "height": logo.height,
    }


# --- the brand colour ---------------------------------------------------------------------------


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of white text on ``colour`` (#rrggbb)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


@transaction.atomic
def authority_brand_set(*, by: User | None, authority: Authority, colour: str) -> Authority:
    """Set the authority's brand colour (empty: Sightline's own): white text on it must pass
    WCAG AA (4.5:1). Audited."""
    colour = colour.strip().lower()
    if colour and not COLOUR.match(colour):
        raise ValidationError({"brand_colour": f"{colour!r}: enter a colour as #rrggbb."})
    ratio = contrast_with_white(colour) if colour else 21.0
    if ratio < 4.5:
        raise ValidationError(
            {
                "brand_colour": f"{colour}: white text on it has a contrast of {ratio:.1f}:1; "
                "choose a darker colour (4.5:1 or more)."
            }
        )
    before = authority.brand_colour
    authority.brand_colour = colour
    authority.save(update_fields=["brand_colour", "updated_at"])
    audit_record(
        actor=by,
        action="authority.brand_set",
        obj=authority,
        authority=authority,
        changes={"colour": {"before": before, "after": colour}},
    )
    return authority


@login_not_required
@require_GET
def brand_css(request: HttpRequest) -> HttpResponse:
    """The signed-in person's authority's brand colour for the compiled stylesheet (empty
    for everyone else: Sightline's own colour)."""
    authority = getattr(request.user, "authority", None)
    colour = authority.brand_colour if authority is not None else ""
    css = f":root {{ --govuk-brand-colour: {colour}; }}\n" if COLOUR.match(colour) else ""
    return HttpResponse(css, content_type="text/css; charset=utf-8")


# --- pages --------------------------------------------------------------------------------------


class BrandingForm(forms.Form):
    brand_colour = forms.CharField(
        required=False,
        max_length=7,
        label="Brand colour",
        help_text="As #rrggbb, such as #1d4f91: the header band, cards and reports. White text "
        "on it must be readable (contrast 4.5:1 or more). Blank: Sightline's own colour.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    logo = forms.FileField(
        required=False,
        label="Logo",
        help_text="A PNG or SVG image of at most 512 KB, shown about 40 pixels high. An SVG "
        "with scripts or links to anything outside itself is refused.",
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.svg,image/png,image/svg+xml"}),
    )
    alt = forms.CharField(
        label="Text alternative",
        max_length=150,
        required=False,
        help_text="What the logo says, for people who cannot see it, such as "
        "“Anyshire County Council”.",
    )
    remove = forms.BooleanField(required=False, label="Remove the logo")


@require(can_edit_organisation)
@require_http_methods(["GET", "POST"])
def branding_edit(request: HttpRequest) -> HttpResponse:
    """Organisation → Branding: the brand colour, the council's logo and its text
    alternative."""
    authority = authority_of(request)
    form = BrandingForm(
        request.POST or None,
        request.FILES or None,
        initial={"alt": authority.logo_alt, "brand_colour": authority.brand_colour},
    )
    if request.method == "POST" and form.is_valid():
        data, by = form.cleaned_data, user_of(request)
        colour = data["brand_colour"].strip().lower()
        done: list[str] = []
        try:
            with transaction.atomic():  # the colour and the logo together, or neither
                if colour != authority.brand_colour:
                    authority_brand_set(by=by, authority=authority, colour=colour)
                    done.append("The brand colour was saved.")
                if data["remove"]:
                    authority_logo_remove(by=by, authority=authority)
                    done.append("The logo was removed.")
                elif data["logo"] or " ".join(data["alt"].split()) != authority.logo_alt:
                    authority_logo_set(
                        by=by, authority=authority, upload=data["logo"] or None, alt=data["alt"]
                    )
                    done.append("The logo was saved.")
        except ValidationError as exc:
            authority.refresh_from_db()
            form_add_service_errors(form, exc)
        else:
            messages.success(request, " ".join(done) or "Nothing was changed.")
            return redirect("organisation:branding")
    return render(
        request,
        "organisation/branding.html",
        {"form": form, "title": "Branding", "has_logo": bool(authority.logo_sha256)},
    )


@require_GET
def logo(request: HttpRequest, pk: int) -> HttpResponse:
    """An authority's logo, for people of that authority only; cached for a year by their
    browser (the page asks for ``?v=<checksum>``, so a new logo is a new address)."""
    authority = get_object_or_404(Authority, pk=pk)
    if not in_authority(user_of(request), authority):
        raise PermissionDenied
    stored = AuthorityLogo.objects.filter(authority=authority).first()
    if stored is None or not authority.logo_sha256:
        raise Http404("This authority has no logo.")
    etag = f'"{authority.logo_sha256}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
        response["Content-Length"] = str(len(stored.content))
    response["ETag"] = etag
    versioned = request.GET.get("v") == authority.logo_sha256[:12]
    response["Cache-Control"] = (
        "private, max-age=31536000, immutable" if versioned else "private, max-age=300"
    )
    response.sightline_may_cache = True  # type: ignore[attr-defined] # a logo, nothing private
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, an SVG can do nothing (nothing active is accepted in the first place).
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
