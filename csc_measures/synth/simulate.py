"""Children's journeys through Anyshire's children's services, simulated day by day.

Every working day brings contacts (a Poisson number, with a gradual upward trend, school-year
seasonality and a surge some months before the extract). A contact may become a referral,
whose journey is then drawn event by event on working days: assessment, section 47 enquiry,
initial child protection conference, child protection plan, child in need plan, care
(placements and their moves), leaving care, and, for some young children in care, adoption.
Early help assessments and prospective adopters arrive on their own streams. A stock of
children already in care and of care leavers is seeded at the start, and the simulation runs
three years before the first month of the extract so that open cases carry older start dates.

Rates are set to look like an average English authority (DfE *Characteristics of children in
need* and *Children looked after* 2024-25: re-referrals about 22-26 %, about 85 % of
assessments within 45 working days, about 40 % of assessments ending without social care
support, about 78 % of ICPCs leading to a plan, 10-18 % of children in care with three or more
placements in a year). Scale 1 gives about 1,000 contacts a month.

All randomness comes from one ``random.Random(seed)``: the same seed gives the same authority.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from random import Random
from typing import Generic, TypeVar

from csc_measures.synth import layout
from csc_measures.synth.organisation import (
    CHILDREN_IN_CARE_TEAMS,
    DISABLED_CHILDREN_TEAM,
    EARLY_HELP_TEAMS,
    locality_names,
)
from csc_measures.synth.workdays import WorkingDays

CONTACTS_PER_MONTH = 1000.0
WORKING_DAYS_PER_MONTH = 21.0
BURN_IN_MONTHS = 36
YEAR = 365.25
T = TypeVar("T")


def months_before(day: date, months: int) -> date:
    """``day`` minus ``months`` calendar months, the day number clamped to the month's end."""
    year, month0 = divmod(day.year * 12 + (day.month - 1) - months, 12)
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def birthday(dob: int, years: int) -> int:
    """Ordinal of the ``years``-th birthday (29 February → 28 February)."""
    d = date.fromordinal(dob)
    try:
        return date(d.year + years, d.month, d.day).toordinal()
    except ValueError:
        return date(d.year + years, d.month, 28).toordinal()


class Weighted(Generic[T]):
    """A fixed weighted choice, drawn in O(log n) from precomputed cumulative weights."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = tuple(items)
        self.cum = tuple(accumulate(weights))
        self.total = self.cum[-1]

    def draw(self, rng: Random) -> T:
        return self.items[bisect_right(self.cum, rng.random() * self.total)]


def poisson(rng: Random, lam: float) -> int:
    """A Poisson draw (Knuth below 30, normal approximation above)."""
    if lam <= 0:
        return 0
    if lam < 30:
        limit = math.exp(-lam)
        k, p = 0, rng.random()
        while p > limit:
            k += 1
            p *= rng.random()
        return k
    return max(0, round(rng.gauss(lam, math.sqrt(lam))))


# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Child:
    uid: str
    gender: str
    ethnicity: str
    dob: int
    disabled: bool
    locality: int
    safeguarding_team: int
    with_disabled_team: bool
    uasc: bool = False
    busy_until: int = 0
    referrals: list[int] = field(default_factory=list)
    s47s: list[int] = field(default_factory=list)
    icpcs: list[int] = field(default_factory=list)
    cp_plans: int = 0
    prior_cp_plans: int = 0
    care_ended: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Contact:
    child: Child
    day: int
    source: int


@dataclass(slots=True)
class EarlyHelp:
    child: Child
    start: int
    end: int
    organisation: str


@dataclass(slots=True)
class Referral:
    child: Child
    day: int
    source: int
    nfa: bool
    previous_12m: int
    worker: int


@dataclass(slots=True)
class Assessment:
    child: Child
    start: int
    end: int
    seen: bool
    support: bool
    team: str
    worker: int


@dataclass(slots=True)
class Section47:
    child: Child
    start: int
    conference_unnecessary: bool
    conference: int | None
    plan: bool
    previous_s47: int
    previous_icpc: int
    team: str
    worker: int


@dataclass(slots=True)
class Phase:
    start: int
    status: str
    team: str


@dataclass(slots=True)
class CinEpisode:
    child: Child
    start: int
    end: int
    reason: str
    need: str
    phases: list[Phase]


@dataclass(slots=True)
class CpPlan:
    child: Child
    start: int
    end: int
    previous: int
    initial_category: str
    latest_category: str
    team: str
    epo: bool


@dataclass(slots=True)
class Adoption:
    child: Child
    family: str
    entered_care: int
    decision: int
    placement_order: int | None
    matched: int | None
    placed: int | None
    order: int | None
    reversed_on: int | None
    reversal_reason: str
    ffa: int | None


@dataclass(slots=True)
class CareEpisode:
    child: Child
    start: int
    end: int
    reason: str
    placements: list[int]
    legal_status: str
    need: str
    permanence: str
    subsequent: bool
    team: str
    adoption: Adoption | None
    stability: float


@dataclass(slots=True)
class Leaver:
    child: Child
    left_care: int
    entered_care: int


@dataclass(slots=True)
class Adopter:
    uid: str
    gender: str
    ethnicity: str
    disabled: bool
    ffa: bool
    enquiry: int
    stage1_start: int | None
    stage1_end: int | None
    stage2_start: int | None
    stage2_end: int | None
    application: int | None
    approved: int | None
    matched: int | None
    placed: int | None
    children_placed: int | None
    order: int | None
    left: int | None
    left_reason: str


@dataclass(slots=True)
class Authority:
    """Everything that happened in Anyshire up to (and a little beyond) the extract date."""

    as_of: int
    period_start: int
    calendar: WorkingDays
    contacts: list[Contact] = field(default_factory=list)
    early_help: list[EarlyHelp] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    section47s: list[Section47] = field(default_factory=list)
    cin: list[CinEpisode] = field(default_factory=list)
    cp: list[CpPlan] = field(default_factory=list)
    care: list[CareEpisode] = field(default_factory=list)
    leavers: list[Leaver] = field(default_factory=list)
    adoptions: list[Adoption] = field(default_factory=list)
    adopters: list[Adopter] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# Simulation
# --------------------------------------------------------------------------------------

_SEASON = (1.05, 1.0, 1.05, 0.93, 1.02, 1.03, 0.98, 0.78, 1.04, 1.08, 1.07, 0.88)
_LOCALITY_WEIGHTS = (0.20, 0.18, 0.17, 0.16, 0.15, 0.14)
_BANDS = ((0, 1), (1, 5), (5, 10), (10, 16), (16, 18))
_AGE_AT_REFERRAL = Weighted(_BANDS, (9.0, 20.0, 25.0, 37.0, 9.0))
_AGE_IN_CARE = Weighted(_BANDS, (5.0, 14.0, 18.0, 37.0, 26.0))
_AGE_LEAVER = Weighted(((18, 22),), (1.0,))
_AGE_UASC = Weighted(((15, 18),), (1.0,))
_GENDER = Weighted(layout.GENDERS, layout.GENDER_WEIGHTS)
_ETHNICITY = Weighted(layout.ETHNICITIES, layout.ETHNICITY_WEIGHTS)
_LOCALITY = Weighted(range(6), _LOCALITY_WEIGHTS)
_SOURCE = Weighted(range(len(layout.SOURCES)), layout.SOURCE_WEIGHTS)
_NEED = Weighted(layout.PRIMARY_NEED, layout.PRIMARY_NEED_WEIGHTS)
_EH_ORGANISATION = Weighted(layout.EH_ORGANISATIONS, layout.EH_ORGANISATION_WEIGHTS)


class Simulation:
    def __init__(self, *, as_of: date, months: int, scale: float, seed: int) -> None:
        self.rng = Random(seed)
        self.scale = scale
        period_start = months_before(as_of, months).toordinal() + 1
        self.start = months_before(as_of, months + BURN_IN_MONTHS).toordinal()
        self.as_of = as_of.toordinal()
        first = date.fromordinal(self.start - 3 * 366)
        last = date.fromordinal(self.as_of + 2 * 366)
        self.cal = WorkingDays(first, last)
        self.out = Authority(as_of=self.as_of, period_start=period_start, calendar=self.cal)
        self.next_id = 1
        self.localities = locality_names()
        self.recent_referred: list[Child] = []
        self.contact_only: list[Child] = []
        self.known: list[Child] = []
        self.adopter_id = 1
        self.family_id = 1
        self.sequences: dict[str, float] = {}

    def share(self, key: str, p: float) -> bool:
        """True with long-run frequency ``p``, spread evenly (a golden-ratio sequence from a
        random start), so that headline rates hold even for a small authority."""
        u = self.sequences.get(key)
        if u is None:
            u = self.rng.random()
        u = (u + 0.6180339887498949) % 1.0
        self.sequences[key] = u
        return u < p

    # ---- helpers ------------------------------------------------------------------

    def months_ago(self, day: int) -> float:
        return (self.as_of - day) / 30.44

    def new_child(self, day: int, ages: Weighted[tuple[int, int]]) -> Child:
        rng = self.rng
        lo, hi = ages.draw(rng)
        age_days = rng.randint(int(lo * YEAR), int(hi * YEAR) - 1)
        disabled = rng.random() < 0.09
        child = Child(
            uid=f"SYN{self.next_id:07d}",
            gender=_GENDER.draw(rng),
            ethnicity=_ETHNICITY.draw(rng),
            dob=day - age_days,
            disabled=disabled,
            locality=_LOCALITY.draw(rng),
            safeguarding_team=rng.randint(1, 2),
            with_disabled_team=disabled and rng.random() < 0.4,
        )
        self.next_id += 1
        return child

    def team(self, child: Child, status: str) -> str:
        loc = self.localities[child.locality]
        if status == layout.CASE_CP_PLAN:
            return f"{loc} Safeguarding Team {child.safeguarding_team}"
        if child.with_disabled_team:
            return DISABLED_CHILDREN_TEAM
        if status == layout.CASE_OPEN_ASSESSMENT:
            return f"{loc} Assessment Team"
        if status == layout.CASE_LOOKED_AFTER:
            return CHILDREN_IN_CARE_TEAMS[0 if child.locality < 3 else 1]
        return f"{loc} Family Support Team"

    def contact_rate(self, day: int) -> float:
        mb = self.months_ago(day)
        trend = 1.0 - 0.004 * mb
        surge = 1.22 if 7.0 <= mb < 9.0 else 1.0
        season = _SEASON[date.fromordinal(day).month - 1]
        return CONTACTS_PER_MONTH / WORKING_DAYS_PER_MONTH * self.scale * trend * surge * season

    def p_rereferral(self, day: int) -> float:
        # improving gradually: about 26 % two years back, 22 % now
        return 0.24 + 0.002 * min(self.months_ago(day), 24.0)

    def p_assessment_in_time(self, day: int) -> float:
        mb = self.months_ago(day)
        if 3.0 <= mb < 5.5:
            return 0.70  # staffing shock: agency workers left the assessment teams
        return 0.885

    def p_icpc_in_time(self, day: int) -> float:
        return 0.80 + 0.05 * (1.0 - min(self.months_ago(day), 24.0) / 24.0)

    # ---- run ------------------------------------------------------------------------

    def run(self) -> Authority:
        self.seed_stock()
        rng = self.rng
        cal = self.cal
        for day in cal.days:
            if day < self.start:
                continue
            if day > self.as_of:
                break
            for _ in range(poisson(rng, self.contact_rate(day))):
                self.contact(day)
            for _ in range(poisson(rng, 0.27 * self.contact_rate(day))):
                self.early_help(day)
            if rng.random() < 2.2 * self.scale / WORKING_DAYS_PER_MONTH:
                self.uasc_arrival(day)
            for _ in range(poisson(rng, 5.0 * self.scale / WORKING_DAYS_PER_MONTH)):
                self.adopter(day)
            if len(self.recent_referred) > 4000 * self.scale + 1000:
                self.recent_referred = [
                    c for c in self.recent_referred if c.referrals[-1] > day - 365
                ]
        return self.out

    def seed_stock(self) -> None:
        """Children already in care, and care leavers, on the first simulated day."""
        rng = self.rng
        day = self.start
        for _ in range(round(600 * self.scale)):
            child = self.new_child(day, _AGE_IN_CARE)
            self.known.append(child)
            age_days = day - child.dob
            started = self.cal.on_or_before(day - rng.randint(0, min(age_days, int(9 * YEAR))))
            phases = [self.phase(child, started, layout.CASE_LOOKED_AFTER)]
            end = self.care(child, started, settled=True)
            self.close(
                child,
                start=started,
                end=end,
                phases=phases,
                need=layout.PRIMARY_NEED[0],
                reason=layout.CLOSURE_REASONS[6],
            )
        # older care leavers (the simulation itself produces those aged 21 or under)
        for _ in range(round(60 * self.scale)):
            child = self.new_child(day, _AGE_LEAVER)
            left = min(birthday(child.dob, 18), day - rng.randint(1, 200))
            entered = left - rng.randint(200, 3000)
            self.out.leavers.append(Leaver(child, left, entered))

    def contact(self, day: int) -> None:
        rng = self.rng
        source = _SOURCE.draw(rng)
        becomes_referral = rng.random() < layout.SOURCE_CONVERSION[source] * 0.83
        child: Child | None = None
        if becomes_referral:
            if rng.random() < self.p_rereferral(day):
                child = self.pick(self.recent_referred, day, recent=True)
            elif rng.random() < 0.3:
                child = self.pick(self.contact_only, day, recent=False)
        elif rng.random() < 0.2 and self.known:
            child = self.known[rng.randrange(len(self.known))]
            if day - child.dob >= 17.5 * YEAR:
                child = None
        if child is None:
            child = self.new_child(day, _AGE_AT_REFERRAL)
            self.known.append(child)
            if not becomes_referral:
                self.contact_only.append(child)
        self.out.contacts.append(Contact(child, day, source))
        if becomes_referral and child.busy_until <= day:
            self.referral(child, day, source)

    def pick(self, pool: list[Child], day: int, *, recent: bool) -> Child | None:
        rng = self.rng
        for _ in range(6):
            if not pool:
                return None
            child = pool[rng.randrange(len(pool))]
            if child.busy_until > day or day - child.dob > 17 * YEAR:
                continue
            if recent and not (child.referrals and 7 <= day - child.referrals[-1] <= 365):
                continue
            if not recent and child.referrals and day - child.referrals[-1] <= 365:
                continue
            return child
        return None

    def early_help(self, day: int) -> None:
        rng = self.rng
        child = self.known[rng.randrange(len(self.known))] if self.known else None
        if child is None or rng.random() >= 0.25 or day - child.dob >= 17.5 * YEAR:
            child = self.new_child(day, _AGE_AT_REFERRAL)
        duration = rng.randint(5, 40) if rng.random() < 0.88 else rng.randint(41, 130)
        org = _EH_ORGANISATION.draw(rng)
        if org == layout.EH_ORGANISATIONS[0]:
            org = EARLY_HELP_TEAMS[self.localities[child.locality]]
        self.out.early_help.append(EarlyHelp(child, day, self.cal.add(day, duration), org))

    def referral(self, child: Child, day: int, source: int) -> None:
        rng = self.rng
        cal = self.cal
        previous = sum(1 for d in child.referrals if 1 <= day - d <= 365)
        child.referrals.append(day)
        self.recent_referred.append(child)
        nfa = rng.random() < 0.065
        self.out.referrals.append(Referral(child, day, source, nfa, previous, rng.randrange(99)))
        if nfa:
            child.busy_until = day + 1
            return
        team = self.team(child, layout.CASE_OPEN_ASSESSMENT)
        asm_start = cal.add(day, rng.choice((0, 0, 0, 1, 1, 2, 3)))
        if self.share("assessment in time", self.p_assessment_in_time(day)):
            duration = round(rng.triangular(3, 45, 33))
        else:
            duration = 46 + int(rng.expovariate(1 / 15))
        asm_end = cal.add(asm_start, duration)
        icpc, plan, no_support = self.section47(child, day)
        support = plan or not self.share(f"no support {no_support}", no_support)
        seen = rng.random() < 0.965
        self.out.assessments.append(
            Assessment(child, asm_start, asm_end, seen, support, team, rng.randrange(99))
        )
        self.after_assessment(
            child,
            day=day,
            phases=[Phase(day, layout.CASE_OPEN_ASSESSMENT, team)],
            asm_end=asm_end,
            support=support,
            icpc=icpc if plan else None,
        )

    def section47(self, child: Child, day: int) -> tuple[int | None, bool, float]:
        """Maybe a section 47 enquiry: (ICPC day, plan?, chance the assessment ends in NFA)."""
        rng = self.rng
        cal = self.cal
        if rng.random() >= 0.36:
            return None, False, 0.49
        icpc: int | None = None
        plan = False
        no_support = 0.35
        strategy = cal.add(day, rng.choice((0, 0, 0, 1, 1, 2, 3, 5, 8)))
        unnecessary = rng.random() < 0.58
        if not unnecessary:
            in_time = self.share("icpc in time", self.p_icpc_in_time(day))
            gap = rng.randint(5, 15) if in_time else 16 + int(rng.expovariate(1 / 7))
            icpc = cal.add(strategy, gap)
            plan = self.share("plan", 0.78)
            no_support = 0.0 if plan else 0.2
        prev_s47 = sum(1 for d in child.s47s if 0 < strategy - d <= 365)
        prev_icpc = sum(1 for d in child.icpcs if 0 < strategy - d <= 365)
        child.s47s.append(strategy)
        if icpc is not None:
            child.icpcs.append(icpc)
        self.out.section47s.append(
            Section47(
                child,
                strategy,
                unnecessary,
                icpc,
                plan,
                prev_s47,
                prev_icpc,
                self.team(child, layout.CASE_CP_PLAN),
                rng.randrange(99),
            )
        )
        return icpc, plan, no_support

    def after_assessment(
        self,
        child: Child,
        *,
        day: int,
        phases: list[Phase],
        asm_end: int,
        support: bool,
        icpc: int | None,
    ) -> None:
        """The rest of the episode: care, closure, a child protection plan or a CIN plan."""
        rng = self.rng
        cal = self.cal
        need = _NEED.draw(rng)
        reason = layout.CLOSURE_REASONS[6]
        baby = 3.0 if day - child.dob < YEAR else 1.0
        if rng.random() < 0.028 * baby * (1.0 if support else 0.3):
            # emergency: the child comes into care during the assessment
            cla_start = cal.add(day, rng.randint(0, 12))
            phases.append(self.phase(child, cla_start, layout.CASE_LOOKED_AFTER))
            end = self.care(child, cla_start) + rng.randint(0, 40)
        elif not support:
            end = cal.add(asm_end, rng.randint(0, 4))
            reason = layout.CLOSURE_REASONS[8] if rng.random() < 0.4 else layout.CLOSURE_REASONS[7]
        elif icpc is not None:
            if asm_end < icpc:
                phases.append(self.phase(child, asm_end, layout.CASE_CIN_PLAN))
            phases.append(self.phase(child, icpc, layout.CASE_CP_PLAN))
            end = self.cp_plan(child, icpc)
            r = rng.random()
            if r < 0.12 * baby:
                phases.append(self.phase(child, end, layout.CASE_LOOKED_AFTER))
                end = self.care(child, end) + rng.randint(0, 40)
            elif r < 0.62 + 0.12 * (baby - 1):
                phases.append(self.phase(child, end, layout.CASE_CIN_PLAN))
                end += rng.randint(30, 200)
        else:
            phases.append(self.phase(child, asm_end, layout.CASE_CIN_PLAN))
            length = 30 + int(rng.expovariate(1 / 190))
            end = asm_end + length
            if rng.random() < 0.045:
                cla_start = cal.on_or_after(asm_end + rng.randint(1, length))
                phases.append(self.phase(child, cla_start, layout.CASE_LOOKED_AFTER))
                end = self.care(child, cla_start) + rng.randint(0, 40)
            reasons = layout.CLOSURE_REASONS
            reason = rng.choices(
                (reasons[6], reasons[2], reasons[3], reasons[4]), weights=(90, 3, 3, 4)
            )[0]
        self.close(child, start=day, end=end, phases=phases, need=need, reason=reason)

    def phase(self, child: Child, start: int, status: str) -> Phase:
        return Phase(start, status, self.team(child, status))

    def close(
        self, child: Child, *, start: int, end: int, phases: list[Phase], need: str, reason: str
    ) -> None:
        end = self.cal.on_or_after(max(end, start + 1))
        eighteen = birthday(child.dob, 18)
        if end > eighteen and phases[-1].status != layout.CASE_LOOKED_AFTER:
            end = max(start + 1, eighteen)
        child.busy_until = end
        self.out.cin.append(CinEpisode(child, start, end, reason, need, phases))

    def cp_plan(self, child: Child, start: int) -> int:
        rng = self.rng
        r = rng.random()
        if r < 0.14:
            days = rng.randint(50, 120)
        elif r < 0.80:
            days = rng.randint(121, 450)
        elif r < 0.965:
            days = rng.randint(451, 729)
        else:
            days = rng.randint(730, 1100)
        end = self.cal.on_or_after(start + days)
        if child.cp_plans == 0 and rng.random() < 0.2:
            child.prior_cp_plans = 1 if rng.random() < 0.8 else 2
        previous = child.cp_plans + child.prior_cp_plans
        child.cp_plans += 1
        initial = rng.choices(layout.ABUSE_CATEGORIES, weights=layout.ABUSE_WEIGHTS)[0]
        latest = (
            initial
            if rng.random() < 0.9
            else rng.choices(layout.ABUSE_CATEGORIES, weights=layout.ABUSE_WEIGHTS)[0]
        )
        self.out.cp.append(
            CpPlan(
                child,
                start,
                end,
                previous,
                initial,
                latest,
                self.team(child, layout.CASE_CP_PLAN),
                rng.random() < 0.04,
            )
        )
        return end

    def uasc_arrival(self, day: int) -> None:
        child = self.new_child(day, _AGE_UASC)
        child.uasc = True
        child.gender = layout.GENDERS[0] if self.rng.random() < 0.92 else layout.GENDERS[1]
        child.ethnicity = self.rng.choice(("p) BOTH", "m) AOTH", "r) OOTH", "o) BAFR"))
        self.known.append(child)
        start = self.cal.on_or_after(day)
        phases = [self.phase(child, start, layout.CASE_LOOKED_AFTER)]
        end = self.care(child, start)
        self.close(
            child,
            start=start,
            end=end,
            phases=phases,
            need=layout.PRIMARY_NEED[7],
            reason=layout.CLOSURE_REASONS[6],
        )

    def care(self, child: Child, start: int, *, settled: bool = False) -> int:
        """A period of care from ``start``: returns the day it ends (maybe after as-of)."""
        rng = self.rng
        age = (start - child.dob) / YEAR
        eighteen = birthday(child.dob, 18)
        end, reason, permanence, adoption = self.care_course(child, start, settled=settled)
        if end < eighteen:
            end = self.cal.on_or_after(end)
        end = max(min(end, eighteen), start + 1)
        if reason == layout.CEASED_AGE_18 and end < eighteen:
            reason = layout.CEASED_INDEPENDENT
        stability = 2.6 if self.share("unsettled", 0.18) else 0.7 if rng.random() < 0.2 else 0.05
        if age >= 12:
            stability *= 1.5
        subsequent = bool(child.care_ended) and 0 < start - child.care_ended[-1] <= 365
        child.care_ended.append(end)
        legal = rng.choices(layout.LEGAL_STATUSES, weights=(14, 50, 4, 28, 2, 2))[0]
        need = rng.choices(layout.CATEGORY_OF_NEED, weights=layout.PRIMARY_NEED_WEIGHTS)[0]
        if adoption is not None:
            legal = layout.LEGAL_STATUSES[2]
        if child.uasc:
            legal, need = layout.LEGAL_STATUSES[3], layout.CATEGORY_OF_NEED[7]
        self.out.care.append(
            CareEpisode(
                child,
                start,
                end,
                reason,
                self.placements(start, min(end, self.as_of + 1), stability),
                legal,
                need,
                permanence,
                subsequent,
                self.team(child, layout.CASE_LOOKED_AFTER),
                adoption,
                stability,
            )
        )
        if end - start >= 91 and (end - child.dob) / YEAR >= 16:
            self.out.leavers.append(Leaver(child, end, start))
        return end

    def care_course(
        self, child: Child, start: int, *, settled: bool
    ) -> tuple[int, str, str, Adoption | None]:
        """How a period of care ends: (end day, reason ceased, permanence plan, adoption)."""
        rng = self.rng
        age = (start - child.dob) / YEAR
        eighteen = birthday(child.dob, 18)
        r = rng.random()
        if settled:
            r = 0.6 + 0.4 * r  # seeded stock: settled, long-term children in care
        if age >= 16 or child.uasc:
            end = eighteen if rng.random() < 0.75 else start + rng.randint(60, 500)
            reason = layout.CEASED_AGE_18 if end >= eighteen else layout.CEASED_INDEPENDENT
            return end, reason, layout.PERMANENCE_PLANS[5], None
        if r < 0.33:
            end = start + 10 + int(rng.expovariate(1 / 110))
            return end, layout.CEASED_RETURNED_HOME, layout.PERMANENCE_PLANS[0], None
        if age < 4 and rng.random() < 0.55:
            adoption, end = self.adoption_path(child, start)
            reason = layout.CEASED_ADOPTED if adoption.order is not None else layout.CEASED_SGO
            return end, reason, layout.PERMANENCE_PLANS[1], adoption
        if r < 0.62:
            end = start + rng.randint(180, 900)
            reason = rng.choice((layout.CEASED_SGO, layout.CEASED_CAO, layout.CEASED_RETURNED_HOME))
            return end, reason, layout.PERMANENCE_PLANS[3], None
        end = min(eighteen, start + int(rng.expovariate(0.08 / YEAR)))
        reason = (
            layout.CEASED_AGE_18
            if end >= eighteen
            else rng.choice((layout.CEASED_SGO, layout.CEASED_OTHER))
        )
        return end, reason, layout.PERMANENCE_PLANS[4], None

    def placements(self, start: int, horizon: int, stability: float) -> list[int]:
        """Start days of the placements: moves arrive at ``stability`` a year."""
        rng = self.rng
        days = [start]
        t = float(start)
        while len(days) < 60:
            t += rng.expovariate(stability / YEAR)
            if t >= horizon:
                break
            days.append(self.cal.on_or_after(int(t)))
        return days

    def adoption_path(self, child: Child, start: int) -> tuple[Adoption, int]:
        rng = self.rng
        cal = self.cal
        decision = cal.on_or_after(start + rng.randint(90, 270))
        order_of_court = cal.on_or_after(decision + rng.randint(20, 120))
        ffa = cal.on_or_after(start + rng.randint(10, 80)) if rng.random() < 0.12 else None
        self.family_id += 1
        family = f"SYNF{self.family_id:06d}"
        if rng.random() < 0.09:
            reversed_on = cal.on_or_after(decision + rng.randint(120, 480))
            reason = rng.choice(layout.ADOPTION_REVERSAL_REASONS)
            adoption = Adoption(
                child, family, start, decision, order_of_court, None, None, None,
                reversed_on, reason, ffa,
            )  # fmt: skip
            end = reversed_on + rng.randint(150, 600)
        else:
            matched = cal.on_or_after(order_of_court + rng.randint(40, 300))
            placed = cal.on_or_after(matched + rng.randint(7, 35))
            order = cal.on_or_after(placed + rng.randint(110, 320))
            adoption = Adoption(
                child, family, start, decision, order_of_court, matched, placed, order,
                None, "", ffa,
            )  # fmt: skip
            end = order
        self.out.adoptions.append(adoption)
        return adoption, end

    def adopter(self, day: int) -> None:
        rng = self.rng
        cal = self.cal
        uid = f"SYNA{self.adopter_id:06d}"
        self.adopter_id += 1
        dates: list[int | None] = [None] * 9
        left: int | None = None
        reason = ""
        t = day
        # stage 1 start, stage 1 end, stage 2 start, stage 2 end, application, approval,
        # matched, placed, adoption order
        steps = ((5, 40), (40, 70), (0, 30), (90, 130), (-30, -5), (20, 45), (30, 300), (7, 35))
        carry_on = (0.5, 0.9, 0.92, 0.95, 1.0, 0.93, 0.85, 0.98, 0.97)
        for stage in range(9):
            if rng.random() > carry_on[stage]:
                left = cal.on_or_after(t + rng.randint(5, 60))
                reason = rng.choice(layout.ADOPTER_LEAVING_REASONS)
                break
            if stage == 4:
                dates[4] = cal.on_or_after(t + rng.randint(-30, -5))
                continue
            lo, hi = steps[stage] if stage < 8 else (110, 320)
            t = cal.on_or_after(t + rng.randint(lo, hi))
            dates[stage] = t
        placed_children = rng.choice((1, 1, 1, 2)) if dates[7] is not None else None
        self.out.adopters.append(
            Adopter(
                uid,
                rng.choices(layout.GENDERS[:2], weights=(0.45, 0.55))[0],
                rng.choices(layout.ETHNICITIES, weights=layout.ETHNICITY_WEIGHTS)[0],
                rng.random() < 0.03,
                rng.random() < 0.1,
                day,
                dates[0],
                dates[1],
                dates[2],
                dates[3],
                dates[4],
                dates[5],
                dates[6],
                dates[7],
                placed_children,
                dates[8],
                left,
                reason,
            )
        )


def simulate(*, as_of: date, months: int, scale: float, seed: int) -> Authority:
    """Run the simulation and return every record (including events after ``as_of``)."""
    return Simulation(as_of=as_of, months=months, scale=scale, seed=seed).run()
