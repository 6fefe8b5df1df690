"""Secondary suppression of the workforce counts (issue 15, ADR 0018): a team's or a
locality's count must not be the authority's (or its locality's) minus the others, nor a
headcount minus its permanent or agency workers. One verdict per unit, month-end and count,
used by every workforce page that shows a unit's counts (the overview and measure pages for
any ``?unit=``, and team stability)."""

from __future__ import annotations

from datetime import date

from sightline.kernel.disclosure import SECONDARY, Policy, Sum, Withheld, suppress_table
from sightline.organisation.models import Authority, Locality, Team
from sightline.organisation.units import Unit, locality_key, team_key, unit_of_team
from sightline.workforce.measures import Figures, OpenVacancy, Spell

from .figures import figures_series, spells_for, vacancies_for

#: The counts of people each workforce figure rests on.
COUNTS = ("headcount", "permanent", "agency", "vacancies", "leavers", "agency_early_leavers")
#: Which counts each figure of the overview rests on: withheld when any of them is.
RESTS_ON = {
    "headcount": ("headcount",),
    "fte": ("headcount",),
    "agency_rate": ("agency", "permanent"),
    "vacancy_rate": ("vacancies",),
    "turnover_rate": ("leavers",),
    "agency_early_leavers": ("agency_early_leavers",),
}

_TIED = ("headcount", "permanent", "agency")

Verdicts = dict[tuple[str, date, str], Withheld]


def _count(fig: Figures, name: str) -> int:
    return fig.headcount if name == "headcount" else int(getattr(fig, name))


def workforce_withheld(  # noqa: PLR0912 - one table per count, then the tie
    *,
    authority: Authority,
    days: list[date],
    policy: Policy,
    spells: list[Spell] | None = None,
    vacancies: list[OpenVacancy] | None = None,
) -> Verdicts:
    """(unit key, day, count) → why that count is withheld, for every unit of the authority
    (``la``, ``locality:<id>``, ``team:<name>``): the authority is its localities and the
    teams in none, each locality its teams, and each unit's headcount its permanent and
    agency workers (withheld together). Empty for a policy that withholds nothing."""
    if not policy.suppress or not days:
        return {}
    spells = spells if spells is not None else spells_for(authority=authority)
    vacancies = vacancies if vacancies is not None else vacancies_for(authority=authority)
    teams = list(Team.objects.filter(authority=authority))
    localities = list(Locality.objects.filter(authority=authority))
    units = [Unit("la", authority.name, authority, frozenset(t.pk for t in teams), ("la",))]
    units += [
        Unit(
            locality_key(loc),
            loc.name,
            loc,
            frozenset(t.pk for t in teams if t.locality_id == loc.pk),
            tuple(team_key(t) for t in teams if t.locality_id == loc.pk),
        )
        for loc in localities
    ]
    units += [unit_of_team(t) for t in teams]
    index = {u.key: i for i, u in enumerate(units)}
    top = [index[locality_key(loc)] for loc in localities]
    top += [index[team_key(t)] for t in teams if t.locality_id is None]
    series = {
        u.key: figures_series(unit=u, days=days, spells=spells, vacancies=vacancies) for u in units
    }
    out: Verdicts = {}
    for d, day in enumerate(days):
        for name in COUNTS:
            # one column at a time (fast, and the kernel protects each exactly); the three
            # tied by headcount = permanent + agency are then withheld together (below)
            values: list[int | None] = [_count(series[u.key][d], name) for u in units]
            if not any(policy.is_small(v) for v in values):
                continue
            sums = [Sum(0, tuple(top))]
            for loc in localities:
                members = [index[team_key(t)] for t in teams if t.locality_id == loc.pk]
                if members:
                    sums.append(Sum(index[locality_key(loc)], tuple(members)))
            verdicts = suppress_table(values, sums=sums, policy=policy)
            for i, u in enumerate(units):
                w = verdicts[i]
                if w is not None:
                    out[(u.key, day, name)] = w
    # headcount = permanent + agency: a unit shows all three or none of them, so none is
    # worked out from the other two (withholding more never gives anything back)
    for u in units:
        for day in days:
            tied = [out.get((u.key, day, k)) for k in _TIED]
            first = next((w for w in tied if w is not None), None)
            if first is not None:
                for k, w in zip(_TIED, tied, strict=True):
                    if w is None:
                        out[(u.key, day, k)] = Withheld(SECONDARY, policy.threshold)
    return out


def figure_withheld(verdicts: Verdicts, *, unit: str, day: date, key: str) -> Withheld | None:
    """Why the figure ``key`` (a count or an overview measure) of ``unit`` on ``day`` is
    withheld, or None."""
    for name in RESTS_ON.get(key, (key,)):
        if (unit, day, name) in verdicts:
            return verdicts[(unit, day, name)]
    return None
