"""Synthetic statutory returns for Anyshire: the CIN census (XML) and the SSDA903 (CSV tables).

Both are drawn from the same simulated authority as the synthetic Annex A
(:func:`csc_measures.synth.simulate.simulate` with the same ``as_of``, ``months``, ``scale`` and
``seed``): the same children (``SYN…`` IDs), referrals, assessments, enquiries, plans, periods
of care, placement moves, adoptions and care leavers. What the simulation does not hold (health
checks, SDQ scores, missing episodes, a care leaver's activity, review dates…) is drawn from a
random generator seeded from ``seed``: the same options give the same bytes.

The return covers the collection year ending on ``as_of`` (normally 31 March): the 12 months
up to and including it. ``messy`` adds errors the DfE's validators catch, a few of each kind
(see :data:`CIN_MESS` and :data:`SSDA903_MESS`).
"""

from __future__ import annotations

import bisect
import csv
import io
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from random import Random
from xml.sax.saxutils import escape

from csc_measures.returns.issues import collection_end_year, collection_year_label
from csc_measures.returns.ssda903 import TABLES as SSDA903_TABLES
from csc_measures.synth import layout
from csc_measures.synth.simulate import (
    YEAR,
    Authority,
    CareEpisode,
    Child,
    CinEpisode,
    birthday,
    months_before,
    simulate,
)
from csc_measures.synth.workdays import WorkingDays

#: What ``--messy`` adds to the CIN census (the validators' rule each breaks).
CIN_MESS = (
    "a referral source that is not a code (8866)",
    "a child protection plan that ends before it starts (8840)",
    "an assessment authorised before it started (8608)",
    "a child without an ethnicity (8520)",
)
#: What ``--messy`` adds to the SSDA903 return.
SSDA903_MESS = (
    "a sex that is not M, F or U (101)",
    "a placement type that is not a code (146)",
    "an episode that ends before it starts (103 family)",
    "a care leaver's in-touch code that is not a code",
)

_ABUSE = {"Neglect": "NEG", "Emotional abuse": "EMO", "Physical abuse": "PHY",
          "Sexual abuse": "SAB", "Multiple": "MUL"}  # fmt: skip
_FACTORS = ("1C", "2C", "3A", "3C", "4A", "4C", "5C", "16A", "17A", "18C", "21", "22A", "24A")
_DISABILITIES = ("MOB", "HAND", "PC", "COMM", "LD", "HEAR", "VIS", "BEH", "AUT")
_PLACES = ("U1", "U3", "U4", "U6", "K2", "P1", "R1", "U2", "U5")
_PLACE_WEIGHTS = (8.0, 6.0, 28.0, 26.0, 13.0, 6.0, 3.0, 4.0, 6.0)
_SUPPORTED_16 = {2024: "H5", 2025: "H5", 2026: "Z12"}


def _code(label: str) -> str:
    """``a) E4A: Returned home…`` → ``E4A``; ``b) Female`` → ``Female``."""
    text = label.split(") ", 1)[-1]
    return text.split(":", 1)[0].strip()


def _sex(child: Child, year: int) -> str:
    code = {"Male": "M", "Female": "F"}.get(_code(child.gender), "U")
    if year >= 2025:
        return code
    return {"M": "1", "F": "2"}.get(code, "1")


_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def _upn(child: Child) -> str:
    """A well-formed UPN: check letter, LA code 201, then 9 digits from the child's ID."""
    body = f"201{int(child.uid[3:]) * 7919 % 10**9:09d}"
    total = sum(int(ch) * weight for ch, weight in zip(body, range(2, 14), strict=True))
    return _UPN_LETTERS[total % 23] + body


class _Year:
    def __init__(self, la: Authority, as_of: date) -> None:
        self.la = la
        self.as_of = as_of.toordinal()
        self.start = months_before(as_of, 12).toordinal() + 1
        self.year = collection_end_year(as_of)

    def d(self, day: int | None) -> date | None:
        return None if day is None or day > self.as_of else date.fromordinal(day)

    def overlaps(self, start: int, end: int) -> bool:
        return start <= self.as_of and end >= self.start


# ------------------------------------------------------------------------------------------
# CIN census
# ------------------------------------------------------------------------------------------


def _el(tag: str, value: object | None) -> str:
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return f"<{tag}>{escape(text)}</{tag}>"


def cin_xml(  # noqa: PLR0912, PLR0915 - one pass over the simulation, census order
    la: Authority, *, as_of: date, seed: int, messy: bool = False, lea: str = "999"
) -> str:
    """The CIN census for the year ending ``as_of``, as XML text."""
    yr = _Year(la, as_of)
    rng = Random(seed * 31 + 7)
    episodes: dict[str, list[CinEpisode]] = defaultdict(list)
    for e in la.cin:
        episodes[e.child.uid].append(e)
    for eps in episodes.values():
        eps.sort(key=lambda e: e.start)
    by_child: dict[str, Child] = {}
    details: dict[str, list[dict[str, object]]] = defaultdict(list)

    def owner(uid: str, day: int) -> int | None:
        eps = episodes.get(uid, [])
        i = bisect.bisect_right([e.start for e in eps], day) - 1
        return i if i >= 0 and day <= eps[i].end else None

    sources = {(r.child.uid, r.day): r for r in la.referrals}
    nested: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in la.assessments:
        i = owner(a.child.uid, a.start)
        if i is not None and a.start <= yr.as_of and a.end >= yr.start:
            factors = rng.sample(_FACTORS[:-3], k=rng.randint(1, 3)) if a.support else ["21"]
            nested[(a.child.uid, i)]["a"].append(
                "<Assessments>"
                + _el("AssessmentActualStartDate", yr.d(a.start))
                + _el("AssessmentAuthorisationDate", yr.d(a.end))
                + "<FactorsIdentifiedAtAssessment>"
                + "".join(_el("AssessmentFactors", f) for f in factors)
                + "</FactorsIdentifiedAtAssessment></Assessments>"
            )
    for s in la.section47s:
        i = owner(s.child.uid, s.start)
        if (
            i is not None
            and s.start <= yr.as_of
            and (s.start >= yr.start or (s.conference is not None and s.conference >= yr.start))
        ):
            nested[(s.child.uid, i)]["s"].append(
                "<Section47>"
                + _el("S47ActualStartDate", yr.d(s.start))
                + _el("InitialCPCtarget", date.fromordinal(la.calendar.add(s.start, 15)))
                + _el("DateOfInitialCPC", yr.d(s.conference))
                + _el("ICPCnotRequired", "true" if s.conference_unnecessary else "false")
                + "</Section47>"
            )
    for p in la.cp:
        i = owner(p.child.uid, p.start)
        if i is None or not yr.overlaps(p.start, p.end):
            continue
        reviews = []
        review = la.calendar.add(p.start, 63)  # first within three months, then every six
        while review <= min(p.end - 1, yr.as_of):
            if review >= yr.start:
                reviews.append(_el("CPPreviewDate", date.fromordinal(review)))
            review = la.calendar.on_or_after(review + 182)
        nested[(p.child.uid, i)]["p"].append(
            "<ChildProtectionPlans>"
            + _el("CPPstartDate", yr.d(p.start))
            + _el("CPPendDate", yr.d(p.end))
            + _el("InitialCategoryOfAbuse", _ABUSE[_code(p.initial_category)])
            + _el("LatestCategoryOfAbuse", _ABUSE[_code(p.latest_category)])
            + _el("NumberOfPreviousCPP", p.previous)
            + ("<Reviews>" + "".join(reviews) + "</Reviews>" if reviews else "")
            + "</ChildProtectionPlans>"
        )
    for uid, eps in episodes.items():
        for i, e in enumerate(eps):
            if not yr.overlaps(e.start, e.end):
                continue
            by_child[uid] = e.child
            ref = sources.get((uid, e.start))
            source = _code(layout.SOURCES[ref.source]) if ref else "10"
            closed = e.end <= yr.as_of
            plans = [
                (ph.start, eps_end)
                for j, ph in enumerate(e.phases)
                if ph.status == layout.CASE_CIN_PLAN
                for eps_end in [e.phases[j + 1].start if j + 1 < len(e.phases) else e.end]
                if yr.overlaps(ph.start, eps_end)
            ]
            parts = nested.get((uid, i), {})
            details[uid].append(
                {
                    "day": e.start,
                    "xml": "<CINdetails>"
                    + _el("CINreferralDate", yr.d(e.start))
                    + _el("ReferralSource", source)
                    + _el("PrimaryNeedCode", _code(e.need))
                    + _el("CINclosureDate", yr.d(e.end) if closed else None)
                    + _el("ReasonForClosure", _code(e.reason) if closed else None)
                    + "".join(parts.get("a", []))
                    + "".join(
                        "<CINPlanDates>"
                        + _el("CINPlanStartDate", yr.d(s))
                        + _el("CINPlanEndDate", yr.d(t))
                        + "</CINPlanDates>"
                        for s, t in plans
                    )
                    + "".join(parts.get("s", []))
                    + _el("ReferralNFA", "0")
                    + "".join(parts.get("p", []))
                    + "</CINdetails>",
                }
            )
    for r in la.referrals:
        if r.nfa and yr.start <= r.day <= yr.as_of:
            by_child[r.child.uid] = r.child
            details[r.child.uid].append(
                {
                    "day": r.day,
                    "xml": "<CINdetails>"
                    + _el("CINreferralDate", yr.d(r.day))
                    + _el("ReferralSource", _code(layout.SOURCES[r.source]))
                    + _el("PrimaryNeedCode", "N9")
                    + _el("CINclosureDate", yr.d(r.day))
                    + _el("ReasonForClosure", "RC8")
                    + _el("ReferralNFA", "1")
                    + "</CINdetails>",
                }
            )
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<Message>\n<Header><CollectionDetails>')
    out.write(_el("Collection", "CIN") + _el("Year", yr.year))
    out.write(_el("ReferenceDate", as_of) + "</CollectionDetails><Source>")
    out.write(_el("SourceLevel", "L") + _el("LEA", lea) + _el("SoftwareCode", "Sightline synth"))
    out.write(_el("Release", "1") + _el("SerialNo", "001"))
    out.write(_el("DateTime", f"{as_of.isoformat()}T09:00:00") + "</Source></Header>\n<Children>\n")
    messes = _mess_plan(sorted(by_child), rng, len(CIN_MESS)) if messy else {}
    for uid in sorted(by_child):
        child = by_child[uid]
        rows = sorted(details[uid], key=lambda x: x["day"])  # type: ignore[arg-type, return-value]
        xml = "".join(str(r["xml"]) for r in rows)
        ethnicity = _code(child.ethnicity)
        mess = messes.get(uid)
        if mess == 0:
            xml = xml.replace("<ReferralSource>", "<ReferralSource>9", 1)
        elif mess == 1 and "<CPPendDate>" in xml:
            head, tag, tail = xml.partition("<CPPendDate>")
            xml = head + tag + "2000-01-01" + tail[10:]
        elif mess == 2 and "<AssessmentAuthorisationDate>" in xml:
            head, tag, tail = xml.partition("<AssessmentAuthorisationDate>")
            xml = head + tag + "2000-01-01" + tail[10:]
        elif mess == 3:
            ethnicity = ""
        sex = _sex(child, yr.year)
        sex_el = _el("Sex", sex) if yr.year >= 2025 else _el("GenderCurrent", sex)
        disabilities = (
            rng.sample(_DISABILITIES, k=rng.randint(1, 2)) if child.disabled else ["NONE"]
        )
        out.write(
            "<Child><ChildIdentifiers>"
            + _el("LAchildID", uid)
            + _el("UPN", _upn(child))
            + _el("PersonBirthDate", date.fromordinal(child.dob))
            + sex_el
            + "</ChildIdentifiers><ChildCharacteristics>"
            + (_el("Ethnicity", ethnicity) if ethnicity else "")
            + "<Disabilities>"
            + "".join(_el("Disability", d) for d in disabilities)
            + "</Disabilities></ChildCharacteristics>"
            + xml
            + "</Child>\n"
        )
    out.write("</Children>\n</Message>\n")
    return out.getvalue()


def _mess_plan(ids: list[str], rng: Random, kinds: int) -> dict[str, int]:
    """A few children (about 1 in 200, at least 2 of each kind) for each kind of mess."""
    if not ids:
        return {}
    per_kind = max(2, len(ids) // 200)
    picked = rng.sample(ids, k=min(len(ids), per_kind * kinds))
    return {uid: i % kinds for i, uid in enumerate(picked)}


# ------------------------------------------------------------------------------------------
# SSDA903
# ------------------------------------------------------------------------------------------


def _dmy(day: int | date | None) -> str:
    if day is None:
        return ""
    d = date.fromordinal(day) if isinstance(day, int) else day
    return d.strftime("%d/%m/%Y")


def ssda903_tables(
    la: Authority, *, as_of: date, seed: int, messy: bool = False
) -> dict[str, list[list[str]]]:
    """The SSDA903 tables (rows of text, in the columns of :data:`SSDA903_TABLES`)."""
    yr = _Year(la, as_of)
    rng = Random(seed * 53 + 11)
    cal = la.calendar
    t: dict[str, list[list[str]]] = {name: [] for name in SSDA903_TABLES if name != "dolo"}
    in_year = [c for c in la.care if yr.overlaps(c.start, c.end)]
    children: dict[str, Child] = {}
    for c in sorted(in_year, key=lambda c: (c.child.uid, c.start)):
        children[c.child.uid] = c.child
        t["episodes"].extend(_episodes(c, yr, seed))
        t["reviews"].extend(_reviews(c, yr, cal))
        t["missing"].extend(_missing(c, yr, rng))
        if c.start >= yr.start:
            t["prev_perm"].append([c.child.uid, _dmy(c.child.dob), "Z1", "", ""])
        t["social_worker"].append(
            [c.child.uid, _dmy(c.child.dob), f"SW{rng.randrange(1, 240):04d}",
             _dmy(max(c.start, yr.start)), "", "FIRSTAL"]
        )  # fmt: skip
        _oc2(c, yr, rng, t["oc2"])
        _adoption(c, yr, rng, t)
    _oc3(la, yr, rng, t["oc3"], children)
    for uid, child in sorted(children.items()):
        sex = _sex(child, yr.year)
        girl = sex in {"F", "2"} and (yr.as_of - child.dob) >= 11 * YEAR
        t["header"].append(
            [
                uid,
                sex,
                _dmy(child.dob),
                _code(child.ethnicity),
                _upn(child),
                "0" if girl else "",
                "",
            ]
        )
        if child.uasc:
            eighteen = birthday(child.dob, 18)
            t["uasc"].append([uid, sex, _dmy(child.dob), _dmy(yr.d(eighteen))])
    if messy:
        _mess_903(t, rng)
    return t


def _episodes(c: CareEpisode, yr: _Year, seed: int) -> Iterator[list[str]]:
    # two moves on one day stay two episodes (the validators flag the day-long one: rule 355)
    starts = [p for p in c.placements if p <= yr.as_of]
    adoption = c.adoption
    if adoption is not None and adoption.placed is not None and adoption.placed <= yr.as_of:
        starts = [p for p in starts if p < adoption.placed] + [adoption.placed]
    legal = _code(c.legal_status)
    need = _code(c.need).replace("N9", "N8")  # the 903 has no N9
    age16 = birthday(c.child.dob, 16)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else c.end
        if end < yr.start:
            continue
        last = i + 1 == len(starts)
        # drawn from the placement itself: the same episode looks the same in every year's return
        rng = Random(f"{seed}:{c.child.uid}:{start}")
        if adoption is not None and adoption.placed == start:
            place = "A5"
        elif start >= age16 and rng.random() < 0.4:
            place = _SUPPORTED_16.get(yr.year, "H5")
        else:
            place = rng.choices(_PLACES, weights=_PLACE_WEIGHTS)[0]
        provider = "PR0" if place == "P1" else rng.choice(("PR1", "PR1", "PR4", "PR4", "PR5"))
        ended = end <= yr.as_of
        rec = (_code(c.reason) if last else "X1") if ended else ""
        change = "CARPL" if ended and not last else ""
        yield [
            c.child.uid, _dmy(start), "S" if i == 0 else "P", legal, need, place, provider,
            _dmy(end) if ended else "", rec, change, "", "", "",
        ]  # fmt: skip


def _reviews(c: CareEpisode, yr: _Year, cal: WorkingDays) -> Iterator[list[str]]:
    review = cal.add(c.start, 20)
    n = 0
    while review <= min(c.end, yr.as_of):
        if review >= yr.start:
            under4 = review - c.child.dob < 4 * YEAR
            yield [c.child.uid, _dmy(c.child.dob), _dmy(review), "PN0" if under4 else "PN1"]
        review = cal.on_or_after(review + (91 if n == 0 else 182))
        n += 1


def _missing(c: CareEpisode, yr: _Year, rng: Random) -> Iterator[list[str]]:
    lo, hi = max(c.start, yr.start), min(c.end, yr.as_of)
    if hi <= lo:
        return
    age = (hi - c.child.dob) / YEAR
    p = 0.22 if age >= 13 else 0.06 if age >= 10 else 0.01
    if rng.random() >= p:
        return
    for _ in range(1 + int(rng.expovariate(0.45))):
        start = rng.randint(lo, hi)
        end = start + rng.choice((0, 1, 1, 2, 3))
        kind = "M" if rng.random() < 0.9 else "A"
        yield [c.child.uid, _dmy(c.child.dob), kind, _dmy(start), _dmy(yr.d(end))]


def _oc2(c: CareEpisode, yr: _Year, rng: Random, rows: list[list[str]]) -> None:
    """Children looked after for 12 months or more at the year's end."""
    if not (c.start <= yr.start - 1 and c.end > yr.as_of):
        return
    age = (yr.as_of - c.child.dob) / YEAR
    sdq = str(rng.randint(4, 30)) if 4 <= age < 17 and rng.random() < 0.78 else ""
    reason = "SDQ2" if not sdq and 4 <= age < 17 else ""
    rows.append(
        [
            c.child.uid, _dmy(c.child.dob), sdq, reason,
            ("1" if rng.random() < 0.02 else "0") if age >= 10 else "",
            "1" if rng.random() < 0.9 else "0",
            "1" if rng.random() < 0.85 else "0",
            "1" if rng.random() < 0.78 else "0",
            ("1" if rng.random() < 0.9 else "0") if age < 5 else "",
            ("0" if age >= 10 else ""), "", "",
        ]
    )  # fmt: skip


def _adoption(c: CareEpisode, yr: _Year, rng: Random, t: dict[str, list[list[str]]]) -> None:
    a = c.adoption
    if a is None:
        return
    dob = _dmy(c.child.dob)
    if a.decision <= yr.as_of and (a.reversed_on is None or a.reversed_on >= yr.start):
        ceased = a.reversed_on is not None and a.reversed_on <= yr.as_of
        t["placed_for_adoption"].append(
            [c.child.uid, dob, _dmy(a.decision), _dmy(a.reversed_on) if ceased else "",
             "RD1" if ceased else ""]
        )  # fmt: skip
    if a.order is not None and yr.start <= c.end <= yr.as_of and a.matched is not None:
        t["ad1"].append(
            [c.child.uid, dob, _dmy(a.decision), _dmy(a.matched),
             "1" if a.ffa is not None else "0", "2" if rng.random() < 0.8 else "1",
             "MF", "L0"]
        )  # fmt: skip


def _oc3(
    la: Authority, yr: _Year, rng: Random, rows: list[list[str]], children: dict[str, Child]
) -> None:
    """Care leavers whose 17th to 21st birthday fell in the year (listed in the header too)."""
    seen: set[str] = set()
    for leaver in sorted(la.leavers, key=lambda x: x.child.uid):
        child = leaver.child
        if child.uid in seen:
            continue
        for age in range(17, 22):
            day = birthday(child.dob, age)
            if yr.start <= day <= yr.as_of and leaver.left_care <= day:
                seen.add(child.uid)
                in_touch = "YES" if rng.random() < 0.91 else rng.choice(("NO", "REFU"))
                eet = rng.random() < (0.66 if age < 19 else 0.56)
                activ = rng.choice(("F2", "F4", "P4", "F1", "F5")) if eet else "G5"
                accom = rng.choice("BDEKS") + ("1" if rng.random() < 0.89 else "2")
                if in_touch != "YES":
                    activ, accom = "0", "0"
                rows.append([child.uid, _dmy(child.dob), in_touch, activ, accom])
                children.setdefault(child.uid, child)
                break


def _mess_903(t: dict[str, list[list[str]]], rng: Random) -> None:
    def some(rows: list[list[str]]) -> list[list[str]]:
        return rng.sample(rows, k=min(len(rows), max(2, len(rows) // 200)))

    for row in some(t["header"]):
        row[1] = "X"
    for row in some(t["episodes"]):
        row[5] = "ZZ"
    for row in some([r for r in t["episodes"] if r[7]]):
        start = date(int(row[1][6:]), int(row[1][3:5]), int(row[1][:2]))
        row[7] = _dmy(start - timedelta(days=10))
    for row in some(t["oc3"]):
        row[2] = "MAYBE"


# ------------------------------------------------------------------------------------------
# Files
# ------------------------------------------------------------------------------------------

SSDA903_FILES = {
    "header": "header.csv", "episodes": "episodes.csv", "reviews": "reviews.csv",
    "uasc": "uasc.csv", "oc2": "oc2.csv", "oc3": "oc3.csv", "ad1": "ad1.csv",
    "placed_for_adoption": "placed_for_adoption.csv", "prev_perm": "previous_permanence.csv",
    "missing": "missing.csv", "social_worker": "sw_episodes.csv",
}  # fmt: skip


def _earlier(as_of: date, years: int) -> list[date]:
    return [as_of.replace(year=as_of.year - k, day=min(as_of.day, 28 if as_of.month == 2 else 31))
            for k in range(1, years + 1)]  # fmt: skip


def generate_cin(
    out: Path,
    *,
    as_of: date,
    months: int = 12,
    scale: float,
    seed: int,
    messy: bool = False,
    previous_years: int = 0,
) -> list[Path]:
    """Write the synthetic CIN census for the year ending ``as_of`` to ``out`` and, with
    ``previous_years``, the earlier years' censuses of the same authority beside it
    (``<name>_2023-24.xml`` …)."""
    la = simulate(as_of=as_of, months=max(months, 12), scale=scale, seed=seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(cin_xml(la, as_of=as_of, seed=seed, messy=messy), encoding="utf-8")
    paths = [out]
    for day in _earlier(as_of, previous_years):
        label = collection_year_label(collection_end_year(day))
        path = out.with_name(f"{out.stem}_{label}{out.suffix}")
        path.write_text(cin_xml(la, as_of=day, seed=seed), encoding="utf-8")
        paths.append(path)
    return paths


def generate_ssda903(
    out: Path,
    *,
    as_of: date,
    months: int = 12,
    scale: float,
    seed: int,
    messy: bool = False,
    previous_years: int = 0,
) -> list[Path]:
    """Write the synthetic SSDA903 tables (one CSV each) into the folder ``out`` and, with
    ``previous_years``, the earlier years' returns of the same authority into the folders
    ``<out>_2023-24`` …; returns the folders written."""
    la = simulate(as_of=as_of, months=max(months, 12), scale=scale, seed=seed)
    folders = [(out, as_of, messy)] + [
        (out.with_name(f"{out.name}_{collection_year_label(collection_end_year(d))}"), d, False)
        for d in _earlier(as_of, previous_years)
    ]
    for folder, day, mess in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in ssda903_tables(la, as_of=day, seed=seed, messy=mess).items():
            with (folder / SSDA903_FILES[name]).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(SSDA903_TABLES[name])
                writer.writerows(rows)
    return [folder for folder, _, _ in folders]
