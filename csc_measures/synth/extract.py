"""The Annex A extract taken on the as-of date from a simulated authority.

Event lists (contacts, early help, referrals, assessments, section 47 enquiries, adoption)
hold the events of the period; case lists (children in need, child protection, children in
care, care leavers) hold every case open on the as-of date, whatever its start date, and those
closed during the period. Anything dated after the as-of date has not happened yet and is
left blank. Snapshot columns (latest visit, review, health check…) are as at the as-of date
for open cases and as at closure for closed ones.
"""

from __future__ import annotations

from datetime import date
from random import Random
from typing import TypeAlias

from csc_measures.synth import layout
from csc_measures.synth.organisation import (
    ADOPTION_TEAM,
    FRONT_DOOR_TEAM,
    LEAVING_CARE_TEAM,
    personal_advisers,
    team_workers,
)
from csc_measures.synth.simulate import (
    YEAR,
    Authority,
    CareEpisode,
    Child,
    CinEpisode,
    months_before,
)

Cell: TypeAlias = str | int | date | None
Row: TypeAlias = list[Cell]

#: Target caseload per social worker; caseloads are spread between 14 and 24.
CASELOAD_TARGET = 18.5
CASELOAD_MIN = 14
CASELOAD_MAX = 24


def _d(day: int | None) -> date | None:
    return None if day is None else date.fromordinal(day)


def _yn(flag: bool) -> str:
    return layout.YES if flag else layout.NO


class Extract:
    def __init__(self, la: Authority, seed: int, *, on: date | None, months: int | None) -> None:
        self.la = la
        self.as_of = la.as_of if on is None else on.toordinal()
        if months is None:
            start = la.period_start
        else:
            start = months_before(date.fromordinal(self.as_of), months).toordinal() + 1
        # Event lists start on the first day of their first month, which the engine reports
        # whole: an extract taken on 28 February the year after a leap year would otherwise
        # list a single day of the February 12 months back (its 12 months start on the 29th),
        # and that one-day month would replace the full figure of earlier extracts.
        self.start = date.fromordinal(start).replace(day=1).toordinal()
        self.rng = Random(seed * 7919 + 17 + self.as_of)
        self.cal = la.calendar
        self.workers: dict[str, tuple[str, ...]] = {}
        self.child_worker: dict[str, str] = {}
        self.people: dict[str, tuple[str, str, str, date, int]] = {}
        # children in care with an adoption decision, not yet adopted: the adoption team's
        self.awaiting_adoption = {
            a.child.uid
            for a in la.adoptions
            if a.decision <= self.as_of
            and (a.order is None or a.order > self.as_of)
            and (a.reversed_on is None or a.reversed_on > self.as_of)
        }

    # ---- common -----------------------------------------------------------------------

    def age(self, child: Child, on: int) -> int:
        d, b = date.fromordinal(on), date.fromordinal(child.dob)
        return d.year - b.year - ((d.month, d.day) < (b.month, b.day))

    def person(self, child: Child) -> Row:
        cells = self.people.get(child.uid)
        if cells is None:
            cells = self.people[child.uid] = (
                child.uid,
                child.gender,
                child.ethnicity,
                date.fromordinal(child.dob),
                self.age(child, self.as_of),
            )
        return list(cells)

    def in_period(self, day: int | None) -> bool:
        return day is not None and self.start <= day <= self.as_of

    def known(self, day: int | None) -> date | None:
        """The date if it has happened by the as-of date, else blank."""
        return None if day is None or day > self.as_of else date.fromordinal(day)

    def worker(self, team: str, pick: int) -> str:
        roster = self.workers.get(team)
        if not roster:
            roster = team_workers(team, 3)
        return roster[pick % len(roster)]

    def back_wd(self, ref: int, lo: int, hi: int, floor: int) -> int:
        """A working day ``lo``-``hi`` working days before ``ref``, not before ``floor``."""
        day = self.cal.add(self.cal.on_or_before(ref), -self.rng.randint(lo, hi))
        return max(day, self.cal.on_or_after(floor))

    # ---- lists --------------------------------------------------------------------------

    def build(self) -> dict[int, list[Row]]:
        lists: dict[int, list[Row]] = {}
        lists[6] = self.list6()  # first: it allocates the social workers
        referrals = sum(1 for r in self.la.referrals if self.in_period(r.day))
        months = max(1.0, (self.as_of - self.start) / 30.44)
        self.workers[FRONT_DOOR_TEAM] = team_workers(
            FRONT_DOOR_TEAM, min(999, max(3, round(referrals / months / 30)))
        )
        lists[1] = self.list1()
        lists[2] = self.list2()
        lists[3] = self.list3()
        lists[4] = self.list4()
        lists[5] = self.list5()
        lists[7] = self.list7()
        lists[8] = self.list8()
        lists[9] = self.list9()
        lists[10] = self.list10()
        lists[11] = self.list11()
        return dict(sorted(lists.items()))

    def list1(self) -> list[Row]:
        return [
            [*self.person(c.child), _d(c.day), layout.SOURCES[c.source]]
            for c in self.la.contacts
            if self.in_period(c.day)
        ]

    def list2(self) -> list[Row]:
        rows: list[Row] = []
        for e in self.la.early_help:
            if e.start > self.as_of:
                continue
            if not (self.in_period(e.start) or self.in_period(e.end) or e.end > self.as_of):
                continue
            rows.append(
                [
                    *self.person(e.child),
                    _yn(e.child.disabled),
                    _d(e.start),
                    self.known(e.end),
                    e.organisation,
                ]
            )
        return rows

    def list3(self) -> list[Row]:
        return [
            [
                *self.person(r.child),
                _yn(r.child.disabled),
                _d(r.day),
                layout.SOURCES[r.source],
                _yn(r.nfa),
                r.previous_12m,
                FRONT_DOOR_TEAM,
                self.worker(FRONT_DOOR_TEAM, r.worker),
            ]
            for r in self.la.referrals
            if self.in_period(r.day)
        ]

    def list4(self) -> list[Row]:
        rows: list[Row] = []
        for a in self.la.assessments:
            if a.start > self.as_of:
                continue
            if not (self.in_period(a.start) or self.in_period(a.end) or a.end > self.as_of):
                continue
            done = a.end <= self.as_of
            rows.append(
                [
                    *self.person(a.child),
                    _yn(a.child.disabled),
                    _d(a.start),
                    _yn(a.seen) if done or a.seen else None,
                    self.known(a.end),
                    _yn(a.support) if done else None,
                    a.team,
                    self.child_worker.get(a.child.uid) or self.worker(a.team, a.worker),
                ]
            )
        return rows

    def list5(self) -> list[Row]:
        rows: list[Row] = []
        for s in self.la.section47s:
            if not self.in_period(s.start):
                continue
            held = s.conference is not None and s.conference <= self.as_of
            rows.append(
                [
                    *self.person(s.child),
                    _yn(s.child.disabled),
                    _d(s.start),
                    _yn(s.conference_unnecessary),
                    self.known(s.conference),
                    _yn(s.plan) if held else None,
                    s.previous_s47,
                    s.previous_icpc,
                    s.team,
                    self.worker(s.team, s.worker),
                ]
            )
        return rows

    def cin_rows(self) -> list[tuple[CinEpisode, int]]:
        return [
            (e, min(e.end, self.as_of))
            for e in self.la.cin
            if e.start <= self.as_of and (e.end > self.as_of or self.in_period(e.end))
        ]

    def phase_at(self, e: CinEpisode, day: int) -> tuple[str, str]:
        status, team = e.phases[0].status, e.phases[0].team
        for p in e.phases:
            if p.start <= day:
                status, team = p.status, p.team
        if status == layout.CASE_LOOKED_AFTER and e.child.uid in self.awaiting_adoption:
            team = ADOPTION_TEAM
        return status, team

    def allocate(self, open_by_team: dict[str, list[str]]) -> None:
        """Share each team's open children among enough workers for caseloads of 14 to 24."""
        rng = self.rng
        for team, children in open_by_team.items():
            n = len(children)
            w = max(1, round(n / CASELOAD_TARGET))
            while w > 1 and n / w < CASELOAD_MIN:
                w -= 1
            while n / w > CASELOAD_MAX:
                w += 1
            sizes = [n // w + (1 if i < n % w else 0) for i in range(w)]
            for _ in range(4 * w):
                i, j = rng.randrange(w), rng.randrange(w)
                k = rng.randint(1, 3)
                if i != j and sizes[i] - k >= CASELOAD_MIN and sizes[j] + k <= CASELOAD_MAX:
                    sizes[i] -= k
                    sizes[j] += k
            roster = team_workers(team, w)
            self.workers[team] = roster
            order = list(children)
            rng.shuffle(order)
            pos = 0
            for name, size in zip(roster, sizes, strict=True):
                for uid in order[pos : pos + size]:
                    self.child_worker[uid] = name
                pos += size

    def list6(self) -> list[Row]:
        episodes = self.cin_rows()
        open_by_team: dict[str, list[str]] = {}
        for e, ref in episodes:
            if e.end > self.as_of:
                _, team = self.phase_at(e, ref)
                open_by_team.setdefault(team, []).append(e.child.uid)
        self.allocate(open_by_team)
        rows: list[Row] = []
        for e, ref in episodes:
            is_open = e.end > self.as_of
            status, team = self.phase_at(e, ref)
            if status == layout.CASE_CIN_PLAN:
                in_time = self.rng.random() < 0.89
            else:
                in_time = self.rng.random() < 0.93
            seen = (
                self.back_wd(ref, 0, 20, e.start) if in_time else self.back_wd(ref, 21, 60, e.start)
            )
            if is_open:
                worker = self.child_worker[e.child.uid]
            else:
                worker = self.worker(team, self.rng.randrange(99))
            rows.append(
                [
                    *self.person(e.child),
                    _yn(e.child.disabled),
                    _d(e.start),
                    e.need,
                    _d(seen),
                    None if is_open else _d(e.end),
                    None if is_open else e.reason,
                    status if is_open else layout.CASE_CLOSED,
                    team,
                    worker,
                ]
            )
        return rows

    def list7(self) -> list[Row]:
        rng = self.rng
        rows: list[Row] = []
        for p in self.la.cp:
            if p.start > self.as_of or not (p.end > self.as_of or self.in_period(p.end)):
                continue
            is_open = p.end > self.as_of
            ref = min(p.end, self.as_of)
            in_time = rng.random() < 0.9
            visit = (
                self.back_wd(ref, 0, 10, p.start) if in_time else self.back_wd(ref, 11, 35, p.start)
            )
            review = self.latest_review(p.start, ref, first_months=3, every_months=6, late=0.05)
            worker = (
                self.child_worker.get(p.child.uid)
                if is_open
                else self.worker(p.team, rng.randrange(99))
            )
            rows.append(
                [
                    *self.person(p.child),
                    _yn(p.child.disabled),
                    _d(p.start),
                    p.initial_category,
                    p.latest_category,
                    _d(visit),
                    _yn(rng.random() < 0.78),
                    _d(review),
                    None if is_open else _d(p.end),
                    "Y" if p.epo else "N",
                    p.previous,
                    p.team,
                    worker or self.worker(p.team, rng.randrange(99)),
                ]
            )
        return rows

    def latest_review(
        self, start: int, ref: int, *, first_months: int, every_months: int, late: float
    ) -> int | None:
        """The latest review on or before ``ref``: first after ``first_months``, then every
        ``every_months``; a few slip by up to two months, which can leave them out of date."""
        latest: int | None = None
        k = 0
        while True:
            months = first_months + k * every_months
            due = _months_after(start, months)
            if self.rng.random() < late:
                due += self.rng.randint(20, 70)
            due = self.cal.on_or_after(due)
            if due > ref:
                return latest
            latest = due
            k += 1

    def list8(self) -> list[Row]:
        rows: list[Row] = []
        for c in self.la.care:
            if c.start > self.as_of or not (c.end > self.as_of or self.in_period(c.end)):
                continue
            rows.append(self.care_row(c))
        return rows

    def care_row(self, c: CareEpisode) -> Row:
        rng = self.rng
        is_open = c.end > self.as_of
        ref = min(c.end, self.as_of)
        child = c.child
        age = (ref - child.dob) / YEAR
        placements = [p for p in c.placements if p <= ref]
        count12 = sum(
            1
            for i, p in enumerate(placements)
            if (placements[i + 1] if i + 1 < len(placements) else ref + 1) > ref - 365
        )
        latest_placement = placements[-1]
        review = self.latest_review(c.start, ref, first_months=1, every_months=6, late=0.05)
        if review is None and self.cal.between(c.start, ref) > 20:
            review = self.cal.add(c.start, 20)
        visit_gap = rng.randint(0, 41) if rng.random() < 0.95 else rng.randint(43, 110)
        visit = max(self.cal.on_or_before(ref - visit_gap), c.start)
        iro = max(self.cal.on_or_before(ref - rng.randint(0, 150)), c.start)
        limit = 183 if age < 5 else 365
        in_date = rng.random() < 0.9
        gap = rng.randint(0, limit - 10) if in_date else rng.randint(limit + 5, limit + 200)
        health: int | None = self.cal.on_or_before(ref - gap)
        if health is not None and health < c.start:
            first = self.cal.add(c.start, 20)
            health = first if first <= ref else None
        dental_gap = rng.randint(0, 350) if rng.random() < 0.8 else rng.randint(370, 800)
        dental: int | None = self.cal.on_or_before(ref - dental_gap)
        if age < 1:
            dental = None
        p_missing = 0.22 if age >= 13 else 0.06 if age >= 10 else 0.01
        missing = 0
        if rng.random() < p_missing:
            missing = 1 + int(rng.expovariate(0.45))
        absences = rng.randint(1, 3) if rng.random() < 0.04 else 0
        offered = accepted = None
        if missing:
            was_offered = rng.random() < 0.84
            offered = _yn(was_offered)
            accepted = _yn(rng.random() < 0.62) if was_offered else None
        adoption = c.adoption
        if adoption is not None and adoption.placed is not None and adoption.placed <= ref:
            placement_type = layout.PLACEMENT_TYPES[7]
            latest_placement = max(latest_placement, adoption.placed)
        elif age >= 16 and rng.random() < 0.45:
            placement_type = layout.PLACEMENT_TYPES[6]
        else:
            placement_type = rng.choices(layout.PLACEMENT_TYPES, weights=layout.PLACEMENT_WEIGHTS)[
                0
            ]
        provider = rng.choices(layout.PLACEMENT_PROVIDERS, weights=(45, 5, 40, 8, 2))[0]
        legal_start = c.start
        legal = c.legal_status
        if legal == layout.LEGAL_STATUSES[1] and ref - c.start > 200:
            legal_start = self.cal.on_or_after(c.start + rng.randint(90, 200))
        team = ADOPTION_TEAM if is_open and child.uid in self.awaiting_adoption else c.team
        worker = (self.child_worker.get(child.uid) if is_open else None) or self.worker(
            team, rng.randrange(99)
        )
        return [
            *self.person(child),
            _yn(child.disabled),
            _yn(child.uasc),
            _d(c.start),
            c.need,
            _yn(c.subsequent),
            _d(legal_start),
            legal,
            _d(review),
            _d(visit),
            c.permanence,
            _d(iro),
            _d(health),
            _d(dental),
            count12,
            None if is_open else _d(c.end),
            None if is_open else c.reason,
            _d(latest_placement),
            placement_type,
            provider,
            rng.choices(layout.PLACEMENT_LOCATIONS, weights=(62, 38))[0],
            missing,
            absences,
            offered,
            accepted,
            team,
            worker,
        ]

    def list9(self) -> list[Row]:
        rng = self.rng
        rows: list[Row] = []
        advisers = personal_advisers(max(3, round(len(self.la.leavers) / 60)))
        leaving_care = team_workers(LEAVING_CARE_TEAM, max(2, round(len(advisers) / 3)))
        # eligible children: in care on the as-of date, aged 16 or 17, 13 weeks or more
        for c in self.la.care:
            if c.start > self.as_of or c.end <= self.as_of:
                continue
            age = self.age(c.child, self.as_of)
            if age < 16 or self.as_of - c.start < 91:
                continue
            activity = (
                rng.choices(layout.ACTIVITY_EET, weights=layout.ACTIVITY_EET_WEIGHTS)[0]
                if rng.random() < 0.72
                else rng.choices(layout.ACTIVITY_NEET, weights=layout.ACTIVITY_NEET_WEIGHTS)[0]
            )
            rows.append(
                [
                    *self.person(c.child),
                    _yn(c.child.disabled),
                    _yn(c.child.uasc),
                    c.team,
                    self.child_worker.get(c.child.uid) or self.worker(c.team, 0),
                    advisers[rng.randrange(len(advisers))] if rng.random() < 0.85 else None,
                    layout.ELIGIBILITY[0],
                    layout.YES,
                    _d(self.back_wd(self.as_of, 0, 110, c.start)),
                    _d(self.back_wd(self.as_of, 0, 30, c.start)),
                    None,
                    None,
                    activity,
                ]
            )
        for lv in self.la.leavers:
            child = lv.child
            if lv.left_care > self.as_of:
                continue
            age = self.age(child, self.as_of)
            if age > 25 or (age >= 22 and rng.random() > 0.08):
                continue
            in_touch = rng.random() < 0.93
            if in_touch:
                accommodation = rng.choices(
                    layout.ACCOMMODATION, weights=layout.ACCOMMODATION_WEIGHTS
                )[0]
                unsuitable = accommodation[3] in "TUVR"
                suitability = (
                    layout.UNSUITABLE if unsuitable or rng.random() < 0.08 else layout.SUITABLE
                )
                eet_share = 0.70 if age < 19 else 0.59
                activity = (
                    rng.choices(layout.ACTIVITY_EET, weights=layout.ACTIVITY_EET_WEIGHTS)[0]
                    if rng.random() < eet_share
                    else rng.choices(layout.ACTIVITY_NEET, weights=layout.ACTIVITY_NEET_WEIGHTS)[0]
                )
                contact = self.back_wd(self.as_of, 0, 40, lv.left_care)
            else:
                accommodation = layout.ACCOMMODATION[-1]
                suitability = "c) Not known"
                activity = layout.NOT_IN_TOUCH_ACTIVITY
                contact = self.back_wd(self.as_of, 60, 250, lv.left_care)
            review = (
                self.back_wd(self.as_of, 0, 120, lv.left_care)
                if rng.random() < 0.89
                else self.back_wd(self.as_of, 135, 260, lv.entered_care)
            )
            eligibility = layout.ELIGIBILITY[1] if age < 18 else layout.ELIGIBILITY[2]
            if age >= 21 and rng.random() < 0.3:
                eligibility = layout.ELIGIBILITY[3]
            rows.append(
                [
                    *self.person(child),
                    _yn(child.disabled),
                    _yn(child.uasc),
                    LEAVING_CARE_TEAM,
                    leaving_care[rng.randrange(len(leaving_care))] if age < 18 else None,
                    advisers[rng.randrange(len(advisers))] if rng.random() < 0.97 else None,
                    eligibility,
                    layout.YES
                    if in_touch
                    else rng.choice((layout.NO, "c) Young person refuses contact")),
                    _d(review),
                    _d(contact),
                    accommodation,
                    suitability,
                    activity,
                ]
            )
        return rows

    def list10(self) -> list[Row]:
        rows: list[Row] = []
        for a in self.la.adoptions:
            if a.decision > self.as_of:
                continue
            adopted_in_period = self.in_period(a.order)
            waiting = (a.order is None or a.order > self.as_of) and (
                a.reversed_on is None or a.reversed_on > self.as_of
            )
            reversed_in_period = self.in_period(a.reversed_on)
            if not (adopted_in_period or waiting or reversed_in_period):
                continue
            reversed_known = a.reversed_on is not None and a.reversed_on <= self.as_of
            child = a.child
            rows.append(
                [
                    child.uid,
                    a.family,
                    child.gender,
                    child.ethnicity,
                    date.fromordinal(child.dob),
                    self.age(child, self.as_of),
                    _yn(child.disabled),
                    _d(a.entered_care),
                    _d(a.decision),
                    self.known(a.placement_order),
                    self.known(a.matched),
                    self.known(a.placed),
                    self.known(a.order),
                    self.known(a.reversed_on),
                    a.reversal_reason if reversed_known else None,
                    self.known(a.ffa),
                ]
            )
        return rows

    def list11(self) -> list[Row]:
        rows: list[Row] = []
        for a in self.la.adopters:
            if a.enquiry > self.as_of:
                continue
            dates = (
                a.enquiry,
                a.stage1_start,
                a.stage1_end,
                a.stage2_start,
                a.stage2_end,
                a.application,
                a.approved,
                a.matched,
                a.placed,
                a.order,
                a.left,
            )
            finished = a.left if a.left is not None else a.order
            active = finished is None or finished > self.as_of
            if not (active or any(self.in_period(d) for d in dates)):
                continue
            placed_known = a.placed is not None and a.placed <= self.as_of
            left_known = a.left is not None and a.left <= self.as_of
            rows.append(
                [
                    a.uid,
                    a.gender,
                    a.ethnicity,
                    _yn(a.disabled),
                    _yn(a.ffa),
                    _d(a.enquiry),
                    self.known(a.stage1_start),
                    self.known(a.stage1_end),
                    self.known(a.stage2_start),
                    self.known(a.stage2_end),
                    self.known(a.application),
                    self.known(a.approved),
                    self.known(a.matched),
                    self.known(a.placed),
                    a.children_placed if placed_known else None,
                    self.known(a.order),
                    self.known(a.left),
                    a.left_reason if left_known else None,
                ]
            )
        return rows


def _months_after(day: int, months: int) -> int:
    return months_before(date.fromordinal(day), -months).toordinal()


def extract(
    la: Authority, *, seed: int, on: date | None = None, months: int | None = None
) -> dict[int, list[Row]]:
    """Rows of every Annex A list (1-11) for the authority, as at its as-of date, or as at an
    earlier date ``on`` with event lists covering the ``months`` months to it (from the first
    day of the first of those months)."""
    if on is not None and not la.calendar.first <= on.toordinal() <= la.as_of:
        raise ValueError(f"cannot extract on {on}: the simulation ends on the as-of date")
    return Extract(la, seed, on=on, months=months).build()


__all__ = ["Cell", "Row", "extract"]
