"""Writes to the organisation: reference authorities, authorities, localities, teams, moves."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record

from .models import Authority, Locality, ReferenceAuthority, Team, TeamPlacement

_REFERENCE_FIELDS = (
    "name",
    "ons_code",
    "region_code",
    "region_name",
    "child_population",
    "population_year",
    "statistical_neighbours",
)
SN_FILE = "sn_model_2025_wide.csv"
POPULATION_FILE = "ons_mid-year_population_estimates_2012_to_2024.csv"


class ReferenceDataError(ValueError):
    """A shipped reference file is missing or not in the expected shape."""


@dataclass(frozen=True)
class ReferenceLoadResult:
    created: int
    updated: int


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ReferenceDataError(f"{path}: file not found")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def reference_authorities_load(*, data_dir: Path, by: User | None = None) -> ReferenceLoadResult:
    """Load the English authorities (DfE codes, ONS codes, regions, child population and
    statistical neighbours) from the shipped DfE files. Safe to run again: it updates."""
    sn_rows = _read_csv(data_dir / SN_FILE)
    pop_rows = _read_csv(data_dir / POPULATION_FILE)
    required = {"old_la_code", "la_name", "region_name"} | {f"SN_{i}" for i in range(1, 11)}
    missing = required - set(sn_rows[0] if sn_rows else {})
    if missing:
        raise ReferenceDataError(f"{data_dir / SN_FILE}: missing columns {sorted(missing)}")
    latest: dict[str, dict[str, str]] = {}
    # Regions by name, as the statistical neighbour model names them (London, not Inner or
    # Outer London as the population file files the boroughs).
    region_codes = {
        row["region_name"]: row["region_code"]
        for row in pop_rows
        if row.get("geographic_level") == "Regional"
    }
    for row in pop_rows:
        if row.get("geographic_level") != "Local authority":
            continue
        code = row["old_la_code"]
        if code not in latest or int(row["time_period"]) > int(latest[code]["time_period"]):
            latest[code] = row
    existing = {ref.dfe_code: ref for ref in ReferenceAuthority.objects.all()}
    to_create: list[ReferenceAuthority] = []
    to_update: list[ReferenceAuthority] = []
    for line_no, row in enumerate(sn_rows, start=2):
        code = row["old_la_code"].strip()
        pop = latest.get(code)
        if pop is None:
            raise ReferenceDataError(
                f"{data_dir / POPULATION_FILE}: no population row for DfE code {code!r} "
                f"(named in {SN_FILE} row {line_no})"
            )
        neighbours = [row[f"SN_{i}"].strip() for i in range(1, 11) if row[f"SN_{i}"].strip()]
        values = {
            "name": row["la_name"].strip(),
            "ons_code": pop["new_la_code"].strip(),
            "region_code": region_codes.get(row["region_name"].strip(), pop["region_code"]),
            "region_name": row["region_name"].strip(),
            "child_population": int(pop["population_estimate"]),
            "population_year": int(pop["time_period"]),
            "statistical_neighbours": neighbours,
        }
        ref = existing.get(code)
        if ref is None:
            to_create.append(ReferenceAuthority(dfe_code=code, **values))
        else:
            for name, value in values.items():
                setattr(ref, name, value)
            to_update.append(ref)
    ReferenceAuthority.objects.bulk_create(to_create)
    ReferenceAuthority.objects.bulk_update(to_update, fields=list(_REFERENCE_FIELDS))
    created, updated = len(to_create), len(to_update)
    audit_record(
        actor=by,
        action="reference_authorities.load",
        changes={"created": created, "updated": updated, "files": [SN_FILE, POPULATION_FILE]},
        actor_label="sightline load_reference_data",
    )
    return ReferenceLoadResult(created=created, updated=updated)


@transaction.atomic
def authority_create(
    *,
    by: User | None,
    name: str,
    benchmark_as: ReferenceAuthority,
    is_fictional: bool = False,
) -> Authority:
    """Create an authority. A real one takes its codes from the DfE list it is chosen from;
    a fictional (demo) one has no codes of its own but benchmarks as ``benchmark_as``."""
    name = name.strip()
    if Authority.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": f"An authority called {name!r} already exists."})
    authority = Authority.objects.create(
        name=name,
        slug=slugify(name)[:60],
        ons_code="" if is_fictional else benchmark_as.ons_code,
        dfe_code="" if is_fictional else benchmark_as.dfe_code,
        benchmark_as=benchmark_as,
        is_fictional=is_fictional,
    )
    audit_record(
        actor=by,
        action="authority.create",
        obj=authority,
        authority=authority,
        changes={"benchmark_as": str(benchmark_as), "is_fictional": is_fictional},
    )
    return authority


@transaction.atomic
def locality_create(
    *, by: User | None, authority: Authority, name: str, kind: str = Locality.Kind.LOCALITY
) -> Locality:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name."})
    if Locality.objects.filter(authority=authority, name__iexact=name).exists():
        raise ValidationError({"name": f"{authority} already has a locality called {name!r}."})
    locality = Locality.objects.create(authority=authority, name=name, kind=kind)
    audit_record(
        actor=by,
        action="locality.create",
        obj=locality,
        authority=authority,
        changes={"name": name, "kind": kind},
    )
    return locality


@transaction.atomic
def team_create(
    *,
    by: User | None,
    authority: Authority,
    name: str,
    locality: Locality | None,
    effective: date,
) -> Team:
    """Add a team (named as in the data's Allocated Team), optionally placed in a locality."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Enter the team's name as it appears in the data."})
    if Team.objects.filter(authority=authority, name__iexact=name).exists():
        raise ValidationError({"name": f"{authority} already has a team called {name!r}."})
    if locality is not None and locality.authority_id != authority.pk:
        raise ValidationError({"locality": "That locality belongs to another authority."})
    team = Team.objects.create(authority=authority, name=name, locality=locality)
    if locality is not None:
        TeamPlacement.objects.create(
            team=team, locality=locality, valid_from=effective, recorded_by=by
        )
    audit_record(
        actor=by,
        action="team.create",
        obj=team,
        authority=authority,
        changes={"name": name, "locality": str(locality) if locality else None},
    )
    return team


@transaction.atomic
def team_move(*, by: User | None, team: Team, to: Locality, effective: date) -> TeamPlacement:
    """Move a team to another locality from ``effective``, keeping where it was before."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    if to.authority_id != team.authority_id:
        raise ValidationError({"locality": "That locality belongs to another authority."})
    if team.locality_id == to.pk:
        raise ValidationError({"locality": f"{team} is already in {to}."})
    current = TeamPlacement.objects.filter(team=team, valid_to__isnull=True).first()
    if current is not None:
        if effective <= current.valid_from:
            raise ValidationError(
                {
                    "effective": f"The move must be after {current.valid_from:%d/%m/%Y}, "
                    f"when {team} joined {current.locality}."
                }
            )
        current.valid_to = effective
        current.save(update_fields=["valid_to"])
    placement = TeamPlacement.objects.create(
        team=team, locality=to, valid_from=effective, recorded_by=by
    )
    before = str(team.locality) if team.locality else None
    team.locality = to
    team.save(update_fields=["locality", "updated_at"])
    audit_record(
        actor=by,
        action="team.move",
        obj=team,
        authority=team.authority,
        changes={"locality": {"from": before, "to": str(to)}, "effective": effective.isoformat()},
    )
    return placement
