"""Units: the parts of an authority a page, a figure or a permission is about.

One key names a unit everywhere (a ``?unit=`` in a link, a stored figure, a workforce page,
a report): ``la`` for the whole authority, ``locality:<id>`` for a locality and
``team:<name>`` for a team, as the Annex A extracts name teams and as the figure store keeps
them. A team may be in the data without being in the organisation (renamed, closed, or
never set up here): it is still a unit, read by name, and permissions treat it as the whole
authority's (only people who see the whole authority see it).

:class:`Unit` is the one value type; :data:`Scope` is the organisation object a permission
predicate is asked about (``sightline.core.permissions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sightline.organisation.models import Authority, Locality, Team

if TYPE_CHECKING:
    from sightline.accounts.models import User

#: The part of the organisation a permission is checked against.
Scope = Authority | Locality | Team

TEAM = "team:"
LOCALITY = "locality:"


@dataclass(frozen=True)
class Unit:
    key: str
    """``la``, ``locality:<id>`` or ``team:<name>``."""
    name: str
    scope: Scope
    """What a permission is asked about (a team only in the data: its authority)."""
    team_ids: frozenset[int]
    """The organisation's teams it covers (none for a team only in the data)."""
    figure_units: tuple[str, ...]
    """The stored units its figures are read from (``la``, or its teams' ``team:<name>``)."""

    @property
    def kind(self) -> str:
        """``la``, ``locality`` or ``team``."""
        return self.key.partition(":")[0]


def team_key(team: Team | str) -> str:
    """A team's unit key (from the team, or from a team name in the data)."""
    return TEAM + (team if isinstance(team, str) else team.name)


def locality_key(locality: Locality | int) -> str:
    return LOCALITY + str(locality if isinstance(locality, int) else locality.pk)


def unit_resolve(*, authority: Authority, key: str) -> Unit | None:
    """The unit a key names in this authority, or None (an unknown locality, a malformed key).

    A ``team:<name>`` that is not one of the organisation's teams is still a unit: a team of
    the data, whose figures are read by that name."""
    teams = Team.objects.filter(authority=authority)
    if key == "la":
        ids = frozenset(teams.values_list("pk", flat=True))
        return Unit("la", authority.name, authority, ids, ("la",))
    if key.startswith(LOCALITY):
        raw = key.removeprefix(LOCALITY).strip()
        locality = (
            Locality.objects.filter(authority=authority, pk=int(raw)).first()
            if raw.isdigit()
            else None
        )
        if locality is None:
            return None
        members = list(teams.filter(locality=locality))
        return Unit(
            locality_key(locality),
            locality.name,
            locality,
            frozenset(t.pk for t in members),
            tuple(team_key(t) for t in members),
        )
    if key.startswith(TEAM) and key.removeprefix(TEAM):
        name = key.removeprefix(TEAM)
        team = teams.filter(name=name).first()
        if team is None:
            return Unit(key, name, authority, frozenset(), (key,))
        return Unit(key, team.name, team, frozenset({team.pk}), (key,))
    return None


def figure_units(*, authority: Authority, key: str) -> tuple[str, ...] | None:
    """The stored units a key's figures are read from, as ``unit_resolve(...).figure_units``
    gives them, without reading the organisation for the authority or a team (the figure
    store asks this on every uncached page); None for a key that names no unit."""
    if key == "la" or (key.startswith(TEAM) and key.removeprefix(TEAM)):
        return (key,)
    found = unit_resolve(authority=authority, key=key)
    return found.figure_units if found is not None else None


def unit_of_team(team: Team) -> Unit:
    """A team of the organisation as a unit (no query)."""
    key = team_key(team)
    return Unit(key, team.name, team, frozenset({team.pk}), (key,))


def unit_default(*, user: User) -> str:
    """The unit a person starts on: their team or locality if their role has one, else the
    authority."""
    if user.team_id is not None and user.team is not None:
        return team_key(user.team)
    if user.locality_id is not None:
        return locality_key(user.locality_id)
    return "la"


def unit_choices(*, authority: Authority) -> list[tuple[str, str]]:
    """The authority, its active localities and its active teams, as (key, label)."""
    choices = [("la", f"{authority.name} (whole authority)")]
    choices.extend(
        (locality_key(locality), locality.name)
        for locality in Locality.objects.filter(authority=authority, is_active=True)
    )
    choices.extend(
        (team_key(team), f"Team: {team.name}")
        for team in Team.objects.filter(authority=authority, is_active=True)
    )
    return choices
