"""The fictional authority "Anyshire": localities, services, teams and social workers.

Six localities (invented English-sounding place names, not real towns) of four teams each,
and one entry for the county-wide services, thirty teams in all. Team names are written
exactly as they appear in the ``Allocated Team`` column of the synthetic Annex A.

Workers are numbered pseudonyms ("Worker 01001": team 01, worker 001), never names of people.
"""

from __future__ import annotations

from typing import Final

AUTHORITY_NAME: Final = "Anyshire County Council"

#: Name of the entry in :data:`LOCALITIES` that holds the county-wide services.
COUNTYWIDE: Final = "Countywide Services"

_LOCALITY_NAMES: Final = (
    "Amberwick",
    "Brindlemoor",
    "Cressingvale",
    "Dunmarrow",
    "Eskerfield",
    "Foxhollow Downs",
)

#: Locality (or service area) name → team names, as in ``Allocated Team``.
LOCALITIES: Final[dict[str, tuple[str, ...]]] = {
    **{
        name: (
            f"{name} Assessment Team",
            f"{name} Safeguarding Team 1",
            f"{name} Safeguarding Team 2",
            f"{name} Family Support Team",
        )
        for name in _LOCALITY_NAMES
    },
    COUNTYWIDE: (
        "Front Door and MASH",
        "Children in Care Team North",
        "Children in Care Team South",
        "Leaving Care Service",
        "Disabled Children's Team",
        "Adoption and Permanence Team",
    ),
}

#: Teams of each kind, used by the generator to route children.
FRONT_DOOR_TEAM: Final = "Front Door and MASH"
CHILDREN_IN_CARE_TEAMS: Final = ("Children in Care Team North", "Children in Care Team South")
LEAVING_CARE_TEAM: Final = "Leaving Care Service"
DISABLED_CHILDREN_TEAM: Final = "Disabled Children's Team"
ADOPTION_TEAM: Final = "Adoption and Permanence Team"

#: Early help teams (List 2 ``Allocated Team``): one per locality, not social work teams.
EARLY_HELP_TEAMS: Final[dict[str, str]] = {
    name: f"{name} Early Help Hub" for name in _LOCALITY_NAMES
}


def locality_names() -> tuple[str, ...]:
    """The six geographical localities (without the county-wide services)."""
    return _LOCALITY_NAMES


def all_teams() -> tuple[str, ...]:
    """Every social work team, locality by locality, in a stable order."""
    return tuple(team for teams in LOCALITIES.values() for team in teams)


def locality_of(team: str) -> str:
    """The locality (or ``Countywide Services``) a team belongs to.

    Raises ``KeyError`` for a team that is not in Anyshire.
    """
    for locality, teams in LOCALITIES.items():
        if team in teams:
            return locality
    for locality, hub in EARLY_HELP_TEAMS.items():
        if team == hub:
            return locality
    raise KeyError(team)


def _team_number(team: str) -> int:
    teams = all_teams()
    if team in teams:
        return teams.index(team)
    hubs = tuple(EARLY_HELP_TEAMS.values())
    if team in hubs:
        return len(teams) + hubs.index(team)
    raise KeyError(team)


def team_workers(team: str, count: int) -> tuple[str, ...]:
    """The first ``count`` social workers of ``team``: stable pseudonyms such as ``Worker 01007``.

    The number is the team's position (two digits) followed by the worker's position in the
    team (three digits, from 001), so every worker name is unique across Anyshire and the same
    team and position always give the same name. A team holds at most 999 workers.
    """
    if not 0 <= count <= 999:
        raise ValueError(f"a team holds 0 to 999 workers, not {count}")
    base = (_team_number(team) + 1) * 1000
    return tuple(f"Worker {base + i:05d}" for i in range(1, count + 1))


def personal_advisers(count: int) -> tuple[str, ...]:
    """Personal advisers of the Leaving Care Service: ``PA 001`` … (pseudonyms)."""
    if count < 0:
        raise ValueError(f"count must be non-negative, not {count}")
    return tuple(f"PA {i:03d}" for i in range(1, count + 1))
