"""The council's logo: uploaded on Organisation → Branding (audited), refused when it is active
or too large, shown beside the service name on every page, served only to its own authority,
and on the front of the report as HTML, PDF (an image with its text alternative) and Word."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from datetime import date
from typing import Any

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from sightline.accounts.models import User
from sightline.auditlog.models import AuditEvent
from sightline.organisation.branding import authority_logo_set, logo_for_report
from sightline.organisation.models import Authority, AuthorityLogo, ReferenceAuthority
from sightline.regional.services import authority_onboard
from sightline.reports import render
from tests.reports import snapshots

ALT = "Anyshire County Council"
CLEAN_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">'
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#00703c"/></linearGradient></defs>'
    '<rect width="120" height="40" fill="url(#g)"/>'
    '<text x="8" y="26" font-size="16" fill="#fff">Anyshire</text></svg>'
)


def png(width: int = 60, height: int = 20) -> bytes:
    """A small red PNG, written by hand (no imaging library needed)."""
    raw = b"".join(b"\x00" + b"\xd4\x35\x1c" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _post(client: Client, name: str, content: bytes, alt: str = ALT) -> Any:
    return client.post(
        reverse("organisation:branding"),
        {"logo": SimpleUploadedFile(name, content), "alt": alt},
    )


@pytest.mark.django_db
def test_the_administrator_uploads_a_logo_shown_beside_the_service_name(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    admin = client_for("admin")
    response = _post(admin, "logo.png", png())
    assert response.status_code == 302
    demo.refresh_from_db()
    assert demo.logo_alt == ALT
    assert bytes(AuthorityLogo.objects.get(authority=demo).content) == png()
    event = AuditEvent.objects.get(action="authority.logo_set")
    assert event.changes["logo"]["type"] == "image/png"

    # Every page's header, for everyone in the authority.
    url = reverse("organisation:logo", args=[demo.pk])
    page = client_for("analyst").get(reverse("home:home")).content.decode()
    assert f'<img class="sl-header-logo" src="{url}?v={demo.logo_sha256[:12]}" alt="{ALT}"' in page
    served = client_for("member").get(f"{url}?v={demo.logo_sha256[:12]}")
    assert served.status_code == 200
    assert served.content == png()
    assert served["Content-Type"] == "image/png"
    assert served["Cache-Control"] == "private, max-age=31536000, immutable"
    assert served["X-Content-Type-Options"] == "nosniff"
    again = client_for("member").get(url, HTTP_IF_NONE_MATCH=served["ETag"])
    assert again.status_code == 304

    # The text alternative alone can change; without it nothing is saved.
    assert admin.post(reverse("organisation:branding"), {"alt": "Anyshire"}).status_code == 302
    demo.refresh_from_db()
    assert demo.logo_alt == "Anyshire"
    refused = admin.post(reverse("organisation:branding"), {"alt": " "})
    assert "Enter the logo&#x27;s text alternative" in refused.content.decode()

    # Removing it leaves the service name alone.
    admin.post(reverse("organisation:branding"), {"remove": "on", "alt": ""})
    assert not AuthorityLogo.objects.filter(authority=demo).exists()
    # a good colour with a refused logo: the colour is not kept either (one save, or none)
    scripted = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    again = client_for("admin").post(
        reverse("organisation:branding"),
        {"brand_colour": "#1d4f91", "logo": SimpleUploadedFile("logo.svg", scripted), "alt": ALT},
    )
    assert again.status_code == 200
    demo.refresh_from_db()
    assert demo.brand_colour == ""
    assert not AuditEvent.objects.filter(action="authority.brand_set").exists()
    assert "sl-header-logo" not in client_for("analyst").get(reverse("home:home")).content.decode()
    assert client_for("analyst").get(url).status_code == 404


@pytest.mark.django_db
def test_the_logo_is_served_only_to_its_own_authority(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    authority_logo_set(
        by=users["admin"],
        authority=demo,
        upload=SimpleUploadedFile("logo.svg", CLEAN_SVG.encode()),
        alt=ALT,
    )
    other = authority_onboard(
        by=None,
        name="Bramblewick",
        benchmark_as=ReferenceAuthority.objects.get(dfe_code="865"),
        localities=["North"],
        teams=[("Duty", "North")],
        admin_username="bramble-admin",
        admin_email="admin@bramblewick.example",
        effective=date(2026, 4, 1),
    )
    outsider = Client()
    outsider.force_login(other.administrator)
    assert outsider.get(reverse("organisation:logo", args=[demo.pk])).status_code == 403
    mine = client_for("director").get(reverse("organisation:logo", args=[demo.pk]))
    assert mine.status_code == 200
    assert mine["Content-Type"] == "image/svg+xml"
    assert "sandbox" in mine["Content-Security-Policy"]


SCRIPTED = {
    "script.svg": (
        (
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            "<script>alert(document.cookie)</script></svg>"
        ),
        "script.svg was refused: it contains a &lt;script&gt; element",
    ),
    "onload.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"/>',
        "onload.svg was refused: it has an event handler (onload)",
    ),
    "remote.svg": (
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'width="10" height="10"><image xlink:href="https://tracker.example/p.png"/></svg>'
        ),
        "remote.svg was refused: &lt;image&gt; refers to &#x27;https://tracker.example/p.png&#x27;",
    ),
    "styled.svg": (
        (
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            "<style>@import url(https://fonts.example/a.css);</style></svg>"
        ),
        "styled.svg was refused: its style imports a style sheet",
    ),
    "entity.svg": (
        (
            '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
            '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
        ),
        "entity.svg: the SVG has a document type declaration, which is refused",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SCRIPTED))
def test_an_active_svg_is_refused_with_the_reason(
    name: str, demo: Authority, client_for: Callable[[str], Client]
) -> None:
    content, message = SCRIPTED[name]
    response = _post(client_for("admin"), name, content.encode())
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AuthorityLogo.objects.exists()
    assert not AuditEvent.objects.filter(action="authority.logo_set").exists()


@pytest.mark.django_db
def test_a_ten_megabyte_file_and_a_file_that_is_not_an_image_are_refused(
    demo: Authority, client_for: Callable[[str], Client]
) -> None:
    admin = client_for("admin")
    big = _post(admin, "huge.png", png() + b"\0" * (10 * 1024 * 1024))
    assert "huge.png is 10.0 MB; a logo must be 512 KB or smaller" in big.content.decode()
    text = _post(admin, "logo.gif", b"GIF89a....")
    assert "logo.gif: choose a PNG or SVG image." in text.content.decode()
    assert not AuthorityLogo.objects.exists()


@pytest.mark.django_db
def test_only_the_administrator_edits_the_branding(client_for: Callable[[str], Client]) -> None:
    assert client_for("director").get(reverse("organisation:branding")).status_code == 403
    assert client_for("admin").get(reverse("organisation:branding")).status_code == 200


# --- the front of the report --------------------------------------------------------------------


@pytest.fixture
def branded_snapshot(demo: Authority, users: dict[str, User]) -> Callable[[bytes, str], Any]:
    def make(content: bytes, name: str) -> Any:
        authority_logo_set(
            by=users["admin"], authority=demo, upload=SimpleUploadedFile(name, content), alt=ALT
        )
        demo.refresh_from_db()
        snapshot = snapshots.example(charts=1)
        snapshot["report"]["authority"]["logo"] = logo_for_report(authority=demo)  # type: ignore[typeddict-unknown-key]
        return snapshot

    return make


def _figure_alts(document: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(document))
    alts: list[str] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if str(node.get("/S")) == "/Figure":
            alts.append(str(node.get("/Alt", "")))
        kids = node.get("/K")
        if kids is not None:
            kids = kids.get_object()
            for kid in kids if isinstance(kids, list) else [kids]:
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return alts


@pytest.mark.django_db
def test_the_logo_is_on_the_front_of_the_pdf_word_and_html_report(
    branded_snapshot: Callable[[bytes, str], Any],
) -> None:
    snapshot = branded_snapshot(png(), "logo.png")

    document = render.pdf(snapshot)
    first = pypdf.PdfReader(io.BytesIO(document)).pages[0]
    assert len(first.images) == 1  # the logo: the charts are vector drawings
    assert ALT in _figure_alts(document)

    word = Document(io.BytesIO(render.docx(snapshot)))
    shapes = word.inline_shapes
    assert shapes[0]._inline.docPr.get("descr") == ALT
    body = word.element.body
    first_drawing = body.find(".//{*}drawing")
    assert first_drawing is not None
    assert word.paragraphs[0]._p.find(".//{*}drawing") is not None  # at the very top

    html = render.html(snapshot)
    assert '<img class="sl-r__logo" src="data:image/png;base64,' in html
    assert f'alt="{ALT}"' in html


@pytest.mark.django_db
def test_an_svg_logo_is_drawn_in_word_and_pdf(
    branded_snapshot: Callable[[bytes, str], Any],
) -> None:
    snapshot = branded_snapshot(CLEAN_SVG.encode(), "logo.svg")
    assert ALT in _figure_alts(render.pdf(snapshot))
    word = Document(io.BytesIO(render.docx(snapshot)))
    assert word.inline_shapes[0]._inline.docPr.get("descr") == ALT
    picture = word.inline_shapes[0]._inline.graphic.graphicData.pic
    blob = word.part.related_parts[picture.blipFill.blip.embed].blob
    assert blob.startswith(b"\x89PNG")


def test_a_snapshot_without_a_logo_renders_as_before() -> None:
    snapshot = snapshots.example(charts=1)
    assert '<img class="sl-r__logo"' not in render.html(snapshot)
    assert not pypdf.PdfReader(io.BytesIO(render.pdf(snapshot))).pages[0].images


# --- the brand colour, on the same page ---------------------------------------------------------


@pytest.mark.django_db
def test_the_administrator_sets_the_brand_colour_the_header_and_reports_use(
    client_for: Callable[[str], Client], demo: Authority
) -> None:
    admin = client_for("admin")
    saved = admin.post(reverse("organisation:branding"), {"brand_colour": "#1D4F91", "alt": ""})
    assert saved.status_code == 302
    demo.refresh_from_db()
    assert demo.brand_colour == "#1d4f91"
    event = AuditEvent.objects.get(action="authority.brand_set", authority=demo)
    assert event.changes == {"colour": {"before": "", "after": "#1d4f91"}}
    css = admin.get(reverse("organisation:brand_css")).content.decode()
    assert css == ":root { --govuk-brand-colour: #1d4f91; }\n"
    page = admin.get(reverse("organisation:branding")).content.decode()
    assert 'value="#1d4f91"' in page


@pytest.mark.django_db
def test_a_pale_colour_is_refused_and_nothing_on_the_page_is_saved(
    client_for: Callable[[str], Client], demo: Authority
) -> None:
    refused = client_for("admin").post(
        reverse("organisation:branding"),
        {"brand_colour": "#f3f2f1", "logo": SimpleUploadedFile("logo.png", png()), "alt": ALT},
    )
    assert refused.status_code == 200
    assert "white text on it has a contrast of 1.1:1" in refused.content.decode()
    demo.refresh_from_db()
    assert (demo.brand_colour, demo.logo_sha256) == ("", "")  # neither the colour nor the logo
    assert not AuthorityLogo.objects.filter(authority=demo).exists()
    # a good colour with a refused logo: the colour is not kept either (one save, or none)
    scripted = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    again = client_for("admin").post(
        reverse("organisation:branding"),
        {"brand_colour": "#1d4f91", "logo": SimpleUploadedFile("logo.svg", scripted), "alt": ALT},
    )
    assert again.status_code == 200
    demo.refresh_from_db()
    assert demo.brand_colour == ""
    assert not AuditEvent.objects.filter(action="authority.brand_set").exists()


@pytest.mark.django_db
def test_a_report_carries_the_authoritys_colour_and_logo_frozen_at_approval(
    demo: Authority, users: dict[str, User]
) -> None:
    from sightline.organisation.branding import authority_brand_set, authority_logo_remove
    from sightline.reports.build import snapshot_build
    from tests.reports.factories import new_report, published

    report = new_report(demo, type="chair_report", by="board")
    plain = snapshot_build(report=report)["report"]["authority"]
    assert (plain["brand_colour"], plain.get("logo")) == ("#1d70b8", None)

    authority_brand_set(by=users["admin"], authority=demo, colour="#1d4f91")
    authority_logo_set(
        by=users["admin"], authority=demo, upload=SimpleUploadedFile("l.png", png()), alt=ALT
    )
    report.authority.refresh_from_db()
    report = published(report)
    frozen = report.snapshot["report"]["authority"]
    assert frozen["brand_colour"] == "#1d4f91"
    assert frozen["logo"]["alt"] == ALT
    assert frozen["logo"]["type"] == "image/png"
    # a later change of logo does not change a paper the board has read
    authority_logo_remove(by=users["admin"], authority=demo)
    report.refresh_from_db()
    assert report.snapshot["report"]["authority"]["logo"]["alt"] == ALT
    assert ALT in _figure_alts(render.pdf(report.snapshot))  # the approved paper keeps it
