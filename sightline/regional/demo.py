"""The demo's region: two more fictional authorities beside Anyshire, each sharing what it
chooses with one fictional regional improvement alliance, and a regional viewer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from csc_measures import REGISTRY
from sightline.accounts.models import User
from sightline.accounts.services import user_set_password
from sightline.organisation.branding import authority_brand_set, authority_logo_set
from sightline.organisation.models import Authority, ReferenceAuthority
from sightline.performance.imports import annex_a_import_now
from sightline.performance.models import AnnexAImport

from .services import (
    authority_onboard,
    region_create,
    region_grant_set,
    region_viewer_add,
    regional_viewer_create,
)

REGION = "Westmoor Regional Improvement Alliance (fictional)"
VIEWER = "regional"
#: name → (DfE code it benchmarks as, synthetic seed, scale, localities)
AUTHORITIES: dict[str, tuple[str, int, float, tuple[str, ...]]] = {
    "Bramblewick": ("865", 3101, 0.6, ("Bramblewick North", "Bramblewick South")),
    "Fenmarsh": ("933", 4202, 0.35, ("Fenmarsh Town", "Fenmarsh Rural")),
}
#: Each fictional authority's own colour in the header (white text on each passes WCAG AA).
COLOURS = {"Bramblewick": "#00703c", "Fenmarsh": "#1d70b8"}
#: Each decides what it shares: Anyshire the front door and child protection; Bramblewick
#: everything; Fenmarsh the front door only.
SHARES: dict[str, list[str]] = {
    "Anyshire": [m for m in REGISTRY if m.startswith(("FD", "CP"))],
    "Bramblewick": list(REGISTRY),
    "Fenmarsh": [m for m in REGISTRY if m.startswith("FD")],
}
#: The demo's logo: a shield in the authority's colour on a white disc (shown on the coloured
#: header and on the white front page of a report alike).
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">'
    '<circle cx="20" cy="20" r="19" fill="#ffffff"/>'
    '<path d="M20 6 L31 11 V21 C31 28 26 32 20 34 C14 32 9 28 9 21 V11 Z" fill="{colour}"/>'
    "</svg>"
)
EXTRACTS = 3  # the comparison shows the latest month; a few extracts keep the demo quick


def _dressed(*, authority: Authority, name: str, password: str) -> None:
    """The authority's colour and logo, where it has none yet, and the demo's password for its
    administrator (who would otherwise set one from an email), to show the branding."""
    admin = User.objects.filter(username=f"admin-{name.lower()}").first()
    if admin is not None and not admin.check_password(password):
        user_set_password(by=None, user=admin, password=password)
    if not authority.brand_colour:
        authority = authority_brand_set(by=None, authority=authority, colour=COLOURS[name])
    if not authority.logo_sha256:
        svg = LOGO.replace("{colour}", authority.brand_colour or COLOURS[name])
        upload = SimpleUploadedFile(f"{name.lower()}.svg", svg.encode(), "image/svg+xml")
        authority_logo_set(by=None, authority=authority, upload=upload, alt=f"{name} Council")


def demo_seed(
    *,
    anyshire: Authority,
    password: str,
    work_dir: Path,
    as_of: date,
    with_data: bool = True,
    report: Callable[[str], None] = lambda _: None,
) -> None:
    """Idempotent: what exists is kept."""
    from csc_measures.synth import generate_annex_a_series

    region = region_create(by=None, name=REGION)
    authorities = {"Anyshire": anyshire}
    for name, (code, seed, scale, localities) in AUTHORITIES.items():
        authority = Authority.objects.filter(name=name).first()
        if authority is None:
            benchmark = ReferenceAuthority.objects.filter(dfe_code=code).first()
            if benchmark is None:
                benchmark = anyshire.benchmark_as
            authority = authority_onboard(
                by=None,
                name=name,
                benchmark_as=benchmark,
                is_fictional=True,
                localities=list(localities),
                teams=[],
                admin_username=f"admin-{name.lower()}",
                admin_email=f"admin@{name.lower()}.example",
                region=region,
                brand_colour=COLOURS[name],
                effective=as_of,
            ).authority
        _dressed(authority=authority, name=name, password=password)
        authorities[name] = authority
        done = AnnexAImport.objects.filter(
            authority=authority, status=AnnexAImport.Status.IMPORTED
        ).count()
        if with_data and done < EXTRACTS:
            report(f"Simulating {EXTRACTS} monthly extracts of {name}…")
            paths = generate_annex_a_series(
                work_dir / name.lower(),
                fmt="xlsx",
                as_of=as_of,
                months=12,
                scale=scale,
                seed=seed,
                messy=False,
                extracts=EXTRACTS,
            )
            for path in paths:
                extract_date = date.fromisoformat(path.stem.removeprefix("annex_a_"))
                if not AnnexAImport.objects.filter(
                    authority=authority, extract_date=extract_date
                ).exists():
                    annex_a_import_now(
                        by=None, authority=authority, path=path, extract_date=extract_date
                    )
    for name, authority in authorities.items():
        grant = region.grants.filter(authority=authority).first()
        if grant is None or grant.measure_ids != sorted(SHARES[name]):
            region_grant_set(by=None, authority=authority, region=region, measure_ids=SHARES[name])
    viewer = User.objects.filter(username=VIEWER).first()
    if viewer is None:
        viewer = regional_viewer_create(
            by=None,
            username=VIEWER,
            first_name="Rhian",
            last_name="Okafor",
            email="regional@westmoor.example",
            job_title="Regional improvement adviser",
            password=password,
        )
    elif not viewer.check_password(password):
        user_set_password(by=None, user=viewer, password=password)
    if not region.viewers.filter(pk=viewer.pk).exists():
        region_viewer_add(by=None, region=region, viewer=viewer)
    admins = ", ".join(f"admin-{name.lower()}" for name in AUTHORITIES)
    report(
        f"{REGION}: {', '.join(authorities)}; regional viewer '{VIEWER}'; administrators {admins}."
    )
