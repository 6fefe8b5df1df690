"""The engine on a synthetic authority against a plain, row-by-row reference implementation.

The reference reads the CSV files with the standard library and applies the definitions of
catalogue v1 literally, one row at a time. Every monthly figure of the measures below must agree
exactly, for the authority and for every team.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import polars as pl
import pytest

from csc_measures import CatalogueResult, compute_catalogue, load_annex_a
from csc_measures.dates import age, month_end, months_back, wd
from csc_measures.shapes import months_between

AS_OF = dt.date(2025, 3, 31)
PERIOD_START = dt.date(2024, 4, 1)
MONTHS = months_between(PERIOD_START, AS_OF)
Row = dict[str, str]
Figures = dict[tuple[str, str], tuple[int, int | None]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    synth = pytest.importorskip("csc_measures.synth")
    out = tmp_path_factory.mktemp("synthetic") / "annex"
    synth.generate_annex_a(
        out, fmt="csv", as_of=AS_OF, months=12, scale=0.3, seed=20250331, messy=False
    )
    return out


@pytest.fixture(scope="module")
def result(folder: Path) -> CatalogueResult:
    annex = load_annex_a(folder, as_of=AS_OF)
    assert not annex.errors
    return compute_catalogue(annex)


def read(folder: Path, n: int) -> list[Row]:
    with (folder / f"list_{n}.csv").open(newline="", encoding="utf-8") as handle:
        rows = [
            {k.strip(): (v or "").strip() for k, v in r.items()} for r in csv.DictReader(handle)
        ]
    unique: dict[tuple[str, ...], Row] = {}
    for row in rows:
        unique.setdefault(tuple(row.values()), row)
    return list(unique.values())


def d(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None  # noqa: DTZ007


def code(text: str) -> str:
    return re.sub(r"^[A-Za-z]{1,2}\)\s*", "", text)


def yes(text: str) -> bool:
    return code(text).upper() in {"YES", "Y"}


def units(row: Row) -> list[str]:
    if "Allocated Team" not in row:
        return ["la"]
    return ["la", f"team:{row['Allocated Team'] or '(unallocated)'}"]


def engine(result: CatalogueResult, measure_id: str) -> Figures:
    frame = result.results.filter(pl.col("measure_id") == measure_id)
    return {
        (p, u): (n, den)
        for p, u, n, den in frame.select("period", "unit", "numerator", "denominator").iter_rows()
    }


def monthly_events(
    rows: Iterable[Row], date_col: str, flag: Callable[[Row], bool] | None
) -> Figures:
    numerators: dict[tuple[str, str], int] = defaultdict(int)
    denominators: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        day = d(row[date_col])
        if day is None or not MONTHS[0].start <= day <= AS_OF:
            continue
        for unit in units(row):
            key = (day.strftime("%Y-%m"), unit)
            denominators[key] += 1
            if flag is None or flag(row):
                numerators[key] += 1
    return {k: (numerators[k], None if flag is None else v) for k, v in denominators.items()}


def snapshot(
    rows: Iterable[Row], cohort: Callable[[Row], bool], flag: Callable[[Row], bool]
) -> Figures:
    numerators: dict[tuple[str, str], int] = defaultdict(int)
    denominators: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        if not cohort(row):
            continue
        for unit in units(row):
            key = (AS_OF.strftime("%Y-%m"), unit)
            denominators[key] += 1
            numerators[key] += flag(row)
    return {k: (numerators[k], v) for k, v in denominators.items()}


def is_open(row: Row, start: str, end: str, day: dt.date) -> bool:
    s, e = d(row[start]), d(row[end])
    return s is not None and s <= day and (e is None or e > day)


def assert_agrees(
    engine_figures: Figures, reference: Mapping[tuple[str, str], tuple[int, int | None]]
) -> None:
    """Every reference figure equals the engine's; engine figures absent from the reference
    (months or teams with nothing in them) are zero."""
    assert reference, "the synthetic authority should exercise this measure"
    for key, figure in reference.items():
        assert engine_figures[key] == figure, key
    for key, (numerator, denominator) in engine_figures.items():
        if key not in reference:
            assert numerator == 0, key
            assert denominator in {None, 0}, key


def test_event_measures_agree(folder: Path, result: CatalogueResult) -> None:
    referrals = read(folder, 3)
    assert_agrees(engine(result, "FD01"), monthly_events(read(folder, 1), "Date of Contact", None))
    assert_agrees(engine(result, "FD02"), monthly_events(referrals, "Date of referral", None))
    assert_agrees(
        engine(result, "FD05"),
        monthly_events(referrals, "Date of referral", lambda r: yes(r["Referral NFA?"])),
    )
    assessments = read(folder, 4)
    start, end = "Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation"

    def in_time(row: Row) -> bool:
        s, e = d(row[start]), d(row[end])
        return s is not None and e is not None and wd(s, e) <= 45

    assert_agrees(engine(result, "AS02"), monthly_events(assessments, end, in_time))
    s47 = read(folder, 5)
    icpc = "Date of Initial Child Protection Conference"

    def icpc_in_time(row: Row) -> bool:
        s = d(row["Strategy discussion initiating Section 47 Enquiry Start Date"])
        c = d(row[icpc])
        return s is not None and c is not None and wd(s, c) <= 15

    assert_agrees(engine(result, "CP03"), monthly_events(s47, icpc, icpc_in_time))


def test_fd04_re_referrals_agree(folder: Path, result: CatalogueResult) -> None:
    referrals = read(folder, 3)
    dates_by_child: dict[str, list[dt.date]] = defaultdict(list)
    for row in referrals:
        day = d(row["Date of referral"])
        assert day is not None
        dates_by_child[row["Child Unique ID"]].append(day)

    def rereferral(row: Row) -> bool:
        day = d(row["Date of referral"])
        assert day is not None
        earlier = any(
            1 <= (day - other).days <= 365 for other in dates_by_child[row["Child Unique ID"]]
        )
        count = row["Number of Referrals in Last 12 Months"]
        return earlier or (count.isdigit() and int(count) >= 1)

    assert_agrees(engine(result, "FD04"), monthly_events(referrals, "Date of referral", rereferral))


def test_stock_measures_agree(folder: Path, result: CatalogueResult) -> None:
    for measure_id, n, start, end, extra in (
        ("CP05", 7, "Child Protection Plan Start Date", "Child Protection Plan End Date", None),
        ("CN01", 6, "CIN Start Date", "CIN Closure Date", None),
        ("LA01", 8, "Date Started to be Looked After", "Date Ceased to be Looked After", None),
        (
            "AS04",
            4,
            "Continuous Assessment Start Date",
            "Continuous Assessment Date of Authorisation",
            45,
        ),
    ):
        rows = read(folder, n)
        reference: Figures = {}
        for month in MONTHS:
            ref = min(month_end(month.start), AS_OF)
            children: dict[str, set[str]] = defaultdict(set)
            for row in rows:
                if not is_open(row, start, end, ref):
                    continue
                s = d(row[start])
                if extra is not None and s is not None and wd(s, ref) <= extra:
                    continue
                for unit in units(row):
                    children[unit].add(row["Child Unique ID"])
            for unit, ids in children.items():
                reference[(month.label, unit)] = (len(ids), None)
        assert_agrees(engine(result, measure_id), reference)


def test_snapshot_measures_agree(folder: Path, result: CatalogueResult) -> None:
    plans = read(folder, 7)

    def cp_open(row: Row) -> bool:
        return is_open(
            row, "Child Protection Plan Start Date", "Child Protection Plan End Date", AS_OF
        )

    def visited(row: Row) -> bool:
        v = d(row["Date of the Last Statutory Visit"])
        return v is not None and wd(v, AS_OF) <= 10

    assert_agrees(engine(result, "CP09"), snapshot(plans, cp_open, visited))

    cla = read(folder, 8)
    start, end = "Date Started to be Looked After", "Date Ceased to be Looked After"

    def la05_cohort(row: Row) -> bool:
        dob, s = d(row["Date of Birth"]), d(row[start])
        return (
            is_open(row, start, end, AS_OF)
            and dob is not None
            and age(dob, AS_OF) < 16
            and s is not None
            and s <= months_back(AS_OF, 30)
        )

    def la05_stable(row: Row) -> bool:
        p = d(row["Start Date of Most Recent Placement"])
        return p is not None and p <= months_back(AS_OF, 24)

    assert_agrees(engine(result, "LA05"), snapshot(cla, la05_cohort, la05_stable))

    def la08_cohort(row: Row) -> bool:
        s = d(row[start])
        return is_open(row, start, end, AS_OF) and s is not None and s <= months_back(AS_OF, 12)

    def la08_in_date(row: Row) -> bool:
        h, dob = d(row["Date of Last Health Assessment"]), d(row["Date of Birth"])
        if h is None:
            return False
        under_five = dob is None or age(dob, AS_OF) < 5
        return h >= months_back(AS_OF, 6 if under_five else 12)

    assert_agrees(engine(result, "LA08"), snapshot(cla, la08_cohort, la08_in_date))

    leavers = read(folder, 9)

    def aged_19_21(row: Row) -> bool:
        dob = d(row["Date of Birth"])
        return dob is not None and 19 <= age(dob, AS_OF) <= 21

    eet = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "F3", "P3"}
    assert_agrees(
        engine(result, "CL03"),
        snapshot(
            leavers,
            aged_19_21,
            lambda r: code(r["Activity Status"]).split(":")[0].strip().upper() in eet,
        ),
    )


def test_caseload_measures_agree(folder: Path, result: CatalogueResult) -> None:
    rows = [
        r
        for r in read(folder, 6)
        if is_open(r, "CIN Start Date", "CIN Closure Date", AS_OF) and r["Allocated Worker"]
    ]
    children: dict[str, set[str]] = defaultdict(set)
    workers: dict[str, set[str]] = defaultdict(set)
    caseload: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        caseload[row["Allocated Worker"]].add(row["Child Unique ID"])
        for unit in units(row):
            children[unit].add(row["Child Unique ID"])
            workers[unit].add(row["Allocated Worker"])
    period = AS_OF.strftime("%Y-%m")
    wf01 = {(period, u): (len(children[u]), len(workers[u])) for u in children}
    assert_agrees(engine(result, "WF01"), wf01)
    wf02 = {
        (period, u): (sum(len(caseload[w]) <= 18 for w in ws), len(ws)) for u, ws in workers.items()
    }
    assert_agrees(engine(result, "WF02"), wf02)


def test_whole_catalogue_is_computable_on_the_synthetic_authority(result: CatalogueResult) -> None:
    assert result.not_computable == ()
    la = result.results.filter(pl.col("unit") == "la")
    assert set(la.get_column("measure_id").str.split(":").list.first()) == {
        "FD01", "FD02", "FD03", "FD04", "FD05", "FD06", "EH01", "AS01", "AS02", "AS03", "AS04",
        "AS05", "CP01", "CP02", "CP03", "CP04", "CP05", "CP06", "CP07", "CP08", "CP09", "CP10",
        "CN01", "CN02", "LA01", "LA02", "LA03", "LA04", "LA05", "LA06", "LA07", "LA08", "LA09",
        "LA10", "LA11", "CL01", "CL02", "CL03", "CL04", "CL05", "CL06", "WF01", "WF02", "WF03",
    }  # fmt: skip


def test_messy_synthetic_workbook_loads_with_named_issues(tmp_path: Path) -> None:
    synth = pytest.importorskip("csc_measures.synth")
    path = synth.generate_annex_a(
        tmp_path / "messy.xlsx", fmt="xlsx", as_of=AS_OF, months=12, scale=0.2, seed=7, messy=True
    )
    annex = load_annex_a(path, as_of=AS_OF)
    assert annex.issues, "the messy workbook should carry problems to report"
    for issue in annex.issues:
        assert issue.list_no is not None
        assert issue.row is not None
        assert issue.row >= 1
    for table in annex.lists.values():
        teams = table.get_column("Allocated Team") if "Allocated Team" in table.columns else None
        if teams is not None:
            assert not teams.str.contains(r"^\s|\s$").any(), "team names are trimmed"
    result = compute_catalogue(annex)
    assert result.not_computable == ()
    units = set(result.results.get_column("unit"))
    assert all(u == "la" or u.startswith("team:") for u in units)
