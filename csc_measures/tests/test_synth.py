"""The synthetic authority: determinism, layout, realistic rates, mess, command line."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from pathlib import Path

import holidays
import openpyxl
import polars as pl
import pytest

from csc_measures import compute_catalogue, load_annex_a
from csc_measures.synth import (
    LOCALITIES,
    all_teams,
    generate_annex_a,
    generate_annex_a_series,
    layout,
    locality_of,
    team_workers,
)
from csc_measures.synth.cli import main
from csc_measures.synth.simulate import months_before
from csc_measures.synth.workdays import WorkingDays
from csc_measures.templates import TEMPLATES

AS_OF = date(2025, 10, 31)
PERIOD_START = date(2024, 11, 1)
NBSP = "\u00a0"


def _digest(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and contents, in name order)."""
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    h = hashlib.sha256()
    for f in sorted(path.iterdir()):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def clean_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean CSV extract: half a mid-sized county, 12 months."""
    out = tmp_path_factory.mktemp("clean")
    return generate_annex_a(out, fmt="csv", as_of=AS_OF, months=12, scale=0.5, seed=11, messy=False)


@pytest.fixture(scope="module")
def clean(clean_dir: Path) -> dict[int, pl.DataFrame]:
    return {n: _read_csv(clean_dir / f"list_{n}.csv") for n in range(1, 12)}


def _read_csv(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False)


def _dates(df: pl.DataFrame, column: str) -> pl.Series:
    return df[column].str.to_date("%d/%m/%Y", strict=True)


_BANK = list(holidays.country_holidays("GB", subdiv="ENG", years=range(2015, 2028)))


def _wd(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """wd(A, B): working days d with A < d <= B."""
    return pl.business_day_count(
        start + pl.duration(days=1), end + pl.duration(days=1), holidays=_BANK
    )


# ---- organisation ---------------------------------------------------------------------


def test_anyshire_has_six_localities_and_about_thirty_teams() -> None:
    localities = [name for name in LOCALITIES if name != "Countywide Services"]
    assert len(localities) == 6
    assert all(4 <= len(LOCALITIES[name]) <= 6 for name in localities)
    teams = all_teams()
    assert 28 <= len(teams) <= 34
    assert len(set(teams)) == len(teams)
    assert all(locality_of(t) in LOCALITIES for t in teams)
    workers = team_workers(teams[0], 5)
    assert len(set(workers)) == 5
    assert team_workers(teams[0], 5) == workers
    assert not set(workers) & set(team_workers(teams[1], 5))
    with pytest.raises(KeyError):
        locality_of("Not a team")


# ---- layout ---------------------------------------------------------------------------


def _headers(year: str, n: int) -> tuple[str, ...]:
    return tuple(col.header for col in TEMPLATES[year].by_number[n].columns)


def test_every_list_is_written_with_the_2024_template_headers(
    clean: dict[int, pl.DataFrame],
) -> None:
    for n in range(1, 12):
        assert tuple(clean[n].columns) == _headers("2024", n)
        assert clean[n].height > 0, f"List {n} is empty"


def test_every_field_is_written_except_those_the_template_lacks() -> None:
    for year, left_out in (
        ("2024", {2: {"Disability"}, 3: {"Disability"}}),
        (
            "2019",
            {
                2: {"Disability"},
                3: {"Disability"},
                9: {
                    "Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over",
                    "Allocated Personal Advisor",
                    "Latest Pathway Plan Review Date",
                    "Latest Date of Contact",
                },
            },
        ),
    ):
        for n, fields in layout.FIELDS.items():
            written = {f for _, f in layout.written_columns(year, n) if f is not None}  # type: ignore[arg-type]
            assert {fields[f] for f in set(range(len(fields))) - written} == left_out.get(n, set())


def test_xlsx_has_the_template_sheets_title_rows_and_real_dates(tmp_path: Path) -> None:
    path = generate_annex_a(
        tmp_path / "annex.xlsx",
        fmt="xlsx",
        as_of=AS_OF,
        months=12,
        scale=0.1,
        seed=3,
        messy=False,
    )
    sheets = pl.read_excel(path, sheet_id=0, engine="calamine", read_options={"header_row": 1})
    assert list(sheets) == [f"List {n}" for n in range(1, 12)]
    contacts = sheets["List 1"]
    assert tuple(contacts.columns) == _headers("2024", 1)
    assert contacts.schema["Date of Contact"] == pl.Date
    assert contacts.schema["Date of Birth"] == pl.Date
    # a second, independent reader accepts the package and sees dates as dates
    workbook = openpyxl.load_workbook(path, read_only=True)
    assert workbook.sheetnames == [f"List {n}" for n in range(1, 12)]
    title, header, first = list(
        workbook["List 8"].iter_rows(min_row=1, max_row=3, values_only=True)
    )
    assert title[0] == "List 8: Children in care"
    assert header == _headers("2024", 8)
    assert isinstance(first[header.index("Date Started to be Looked After")], datetime)
    assert workbook.properties.created == datetime(2000, 1, 1)  # noqa: DTZ001
    workbook.close()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_2019_template_layout_leaves_out_what_it_lacks(tmp_path: Path, fmt: str) -> None:
    as_of = date(2025, 3, 31)
    path = generate_annex_a(
        tmp_path / ("a.xlsx" if fmt == "xlsx" else "a"),
        fmt=fmt,  # type: ignore[arg-type]
        as_of=as_of,
        months=3,
        scale=0.1,
        seed=4,
        messy=False,
        template="2019",
    )
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(path, read_only=True)
        assert workbook.sheetnames == [f"List_{n}" for n in range(1, 12)]
        title, header = list(workbook["List_9"].iter_rows(min_row=1, max_row=2, values_only=True))
        workbook.close()
        assert title[0] == "List 9: Care leavers"
    else:
        header = tuple(_read_csv(path / "list_9.csv").columns)
    assert header == _headers("2019", 9)
    result = compute_catalogue(load_annex_a(path, as_of=as_of), with_ids=False)
    assert {x.measure_id for x in result.not_computable} == {"CL05", "CL06"}


def test_the_2024_layout_gives_the_same_figures_as_xlsx_and_csv(tmp_path: Path) -> None:
    as_of = date(2025, 3, 31)
    options = {"as_of": as_of, "months": 3, "scale": 0.1, "seed": 9, "messy": False}
    book = generate_annex_a(tmp_path / "a.xlsx", fmt="xlsx", **options)  # type: ignore[arg-type]
    folder = generate_annex_a(tmp_path / "a", fmt="csv", **options)  # type: ignore[arg-type]
    figures = [
        compute_catalogue(load_annex_a(p, as_of=as_of), with_ids=False).results
        for p in (book, folder)
    ]
    assert figures[0].height > 0
    assert figures[0].equals(figures[1])


def test_generator_refuses_an_unknown_template(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="template must be one of 2024, 2019"):
        generate_annex_a(
            tmp_path / "a",
            fmt="csv",
            as_of=AS_OF,
            months=1,
            scale=0.1,
            seed=1,
            messy=False,
            template="2023",  # type: ignore[arg-type]
        )


def test_ids_are_synthetic_and_events_fall_in_the_period(
    clean: dict[int, pl.DataFrame],
) -> None:
    for n in range(1, 11):
        assert clean[n]["Child Unique ID"].str.starts_with("SYN").all()
    contacts = _dates(clean[1], "Date of Contact")
    assert contacts.min() >= PERIOD_START  # type: ignore[operator]
    assert contacts.max() <= AS_OF  # type: ignore[operator]
    referrals = _dates(clean[3], "Date of referral")
    assert referrals.min() >= PERIOD_START  # type: ignore[operator]


def test_events_happen_on_working_days(clean: dict[int, pl.DataFrame]) -> None:
    for n, column in (
        (1, "Date of Contact"),
        (3, "Date of referral"),
        (8, "Date Started to be Looked After"),
    ):
        days = _dates(clean[n], column)
        assert not days.is_in(_BANK).any(), column
        assert (days.dt.weekday() <= 5).all(), column


def test_open_cases_keep_their_older_start_dates(clean: dict[int, pl.DataFrame]) -> None:
    care = clean[8].with_columns(
        start=_dates(clean[8], "Date Started to be Looked After"),
    )
    open_care = care.filter(pl.col("Date Ceased to be Looked After").is_null())
    assert (open_care["start"] < PERIOD_START - timedelta(days=365)).sum() > 10
    cp = clean[7].filter(pl.col("Child Protection Plan End Date").is_null())
    assert cp.height > 50


# ---- realistic rates ----------------------------------------------------------------


def test_re_referrals_are_about_a_quarter(clean: dict[int, pl.DataFrame]) -> None:
    refs = (
        clean[3]
        .with_row_index("row")
        .with_columns(
            day=_dates(clean[3], "Date of referral"),
            previous=pl.col("Number of Referrals in Last 12 Months").cast(pl.Int64),
        )
    )
    pairs = refs.join(refs, on="Child Unique ID", suffix="_other").filter(
        (pl.col("row") != pl.col("row_other"))
        & ((pl.col("day") - pl.col("day_other")).dt.total_days().is_between(1, 365))
    )
    rereferred = set(pairs["row"].to_list()) | set(
        refs.filter(pl.col("previous") >= 1)["row"].to_list()
    )
    share = 100 * len(rereferred) / refs.height
    assert 20 <= share <= 28, share


def test_assessments_mostly_within_45_working_days_and_40pc_nfa(
    clean: dict[int, pl.DataFrame],
) -> None:
    asm = (
        clean[4]
        .with_columns(
            start=_dates(clean[4], "Continuous Assessment Start Date"),
            end=_dates(clean[4], "Continuous Assessment Date of Authorisation"),
        )
        .filter(pl.col("end") >= PERIOD_START)
    )
    within = asm.select((_wd(pl.col("start"), pl.col("end")) <= 45).mean()).item()
    assert 0.80 <= within <= 0.90, within
    nfa = (
        asm["Was the child assessed as requiring LA children's social care support?"] == layout.NO
    ).mean()
    assert nfa is not None
    assert 0.34 <= nfa <= 0.46, nfa


def test_most_icpcs_lead_to_a_plan(clean: dict[int, pl.DataFrame]) -> None:
    held = clean[5].filter(pl.col("Date of Initial Child Protection Conference").is_not_null())
    share = (
        held["Did the Initial Child Protection Conference Result in a Child Protection Plan"]
        == layout.YES
    ).mean()
    assert share is not None
    assert 0.72 <= share <= 0.84, share


def test_placement_stability_like_england(clean: dict[int, pl.DataFrame]) -> None:
    in_care = clean[8].filter(pl.col("Date Ceased to be Looked After").is_null())
    assert 150 <= in_care.height <= 400  # about 275 at half a mid-sized county
    share = (in_care["Number of Placements in the Last 12 months"].cast(pl.Int64) >= 3).mean()
    assert share is not None
    assert 0.08 <= share <= 0.20, share


def test_caseloads_between_14_and_24(clean: dict[int, pl.DataFrame]) -> None:
    open_cin = clean[6].filter(pl.col("CIN Closure Date").is_null())
    assert open_cin["Allocated Worker"].null_count() == 0
    loads = open_cin.group_by("Allocated Team", "Allocated Worker").len()
    assert loads["len"].max() <= 24  # type: ignore[operator]
    team_sizes = open_cin.group_by("Allocated Team").len(name="team")
    # a team of n children can give every worker 14 to 24 only if 14w <= n <= 24w for some w
    feasible = [n for n in team_sizes["team"] if any(14 * w <= n <= 24 * w for w in range(1, 99))]
    shared = loads.join(team_sizes, on="Allocated Team").filter(pl.col("team").is_in(feasible))
    assert shared.height > 0.5 * loads.height
    assert shared["len"].min() >= 14  # type: ignore[operator]
    mean = open_cin.height / loads.height
    assert 14 <= mean <= 24, mean
    assert set(open_cin["Allocated Team"].unique()) <= set(all_teams())


def test_care_leavers_and_adoption_lists_are_plausible(clean: dict[int, pl.DataFrame]) -> None:
    leavers = clean[9].with_columns(age=pl.col("Age of Child (Years)").cast(pl.Int64))
    assert leavers.filter(pl.col("age").is_between(19, 21)).height > 40
    in_touch = (leavers["LA in Touch"] == layout.YES).mean()
    assert in_touch is not None
    assert in_touch > 0.85
    assert clean[10].height >= 5
    assert clean[11]["Individual adopter identifier"].str.starts_with("SYN").all()


# ---- determinism --------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    def run(name: str, fmt: str, seed: int) -> str:
        path = generate_annex_a(
            tmp_path / name,
            fmt=fmt,  # type: ignore[arg-type]
            as_of=AS_OF,
            months=12,
            scale=0.1,
            seed=seed,
            messy=True,
        )
        return _digest(path)

    assert run("a.xlsx", "xlsx", 5) == run("b.xlsx", "xlsx", 5)
    assert run("a.xlsx", "xlsx", 5) != run("c.xlsx", "xlsx", 6)
    assert run("csv_a", "csv", 5) == run("csv_b", "csv", 5)


# ---- messy mode ---------------------------------------------------------------------


def test_messy_mode_adds_the_mess_it_claims(tmp_path: Path) -> None:
    out = generate_annex_a(
        tmp_path / "messy", fmt="csv", as_of=AS_OF, months=12, scale=0.3, seed=2, messy=True
    )
    lists = {n: _read_csv(out / f"list_{n}.csv") for n in range(1, 12)}

    def canonical(name: str) -> str:
        return " ".join(name.replace(NBSP, " ").split()).casefold()

    odd_headers = 0
    for n, df in lists.items():
        headers = _headers("2024", n)
        assert [canonical(c) for c in df.columns] == [canonical(c) for c in headers]
        odd_headers += sum(c not in headers for c in df.columns)
    assert odd_headers >= 5

    assert sum(df.is_duplicated().sum() for df in lists.values()) > 0

    values = pl.concat([df.select(pl.all().cast(pl.String)).unpivot() for df in lists.values()])[
        "value"
    ].drop_nulls()
    assert values.is_in(["Yes", "Y", "yes", "No", "N", "no"]).any()
    assert values.str.contains(NBSP).any()
    assert (values != values.str.strip_chars(" ")).any()
    assert values.is_in(["6: Police"]).any()

    team = next(c for c in lists[6].columns if canonical(c) == "allocated team")
    assert lists[6][team].fill_null("").str.strip_chars().eq("").any()

    bad = 0
    for n in (1, 3, 4, 5, 6, 7, 8):
        for column in lists[n].columns:
            if "date" not in column.casefold() or "birth" in column.casefold():
                continue
            col = lists[n][column].drop_nulls()
            parsed = col.str.strip_chars().str.to_date("%d/%m/%Y", strict=False)
            bad += parsed.null_count()
    assert bad > 0

    # the measures engine reports that mess instead of failing on it
    annex = load_annex_a(out, as_of=AS_OF)
    reasons = " ".join(issue.reason.casefold() for issue in annex.issues)
    assert "duplicate" in reasons
    assert "date" in reasons


def test_the_measures_engine_reads_the_clean_extract_without_issues(clean_dir: Path) -> None:
    annex = load_annex_a(clean_dir, as_of=AS_OF)
    assert [issue.describe() for issue in annex.issues] == []
    result = compute_catalogue(annex)
    assert not result.not_computable
    assert result.results.height > 0


def test_clean_mode_has_no_mess(clean: dict[int, pl.DataFrame]) -> None:
    for df in clean.values():
        assert df.is_duplicated().sum() == 0
    assert clean[6]["Allocated Team"].null_count() == 0


# ---- command line -------------------------------------------------------------------


def test_cli_writes_the_files(tmp_path: Path) -> None:
    code = main(
        [
            "annex-a",
            "--out",
            str(tmp_path / "out"),
            "--format",
            "csv",
            "--as-of",
            "2025-10-31",
            "--months",
            "3",
            "--scale",
            "0.05",
            "--seed",
            "1",
        ]
    )
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"list_{n}.csv" for n in range(1, 12)
    )
    assert tuple(_read_csv(tmp_path / "out" / "list_9.csv").columns) == _headers("2024", 9)


def test_cli_writes_the_2019_template(tmp_path: Path) -> None:
    argv = ["annex-a", "--out", str(tmp_path / "a.xlsx"), "--as-of", "2025-10-31"]
    argv += ["--months", "3", "--scale", "0.05", "--seed", "1", "--template", "2019"]
    assert main(argv) == 0
    workbook = openpyxl.load_workbook(tmp_path / "a.xlsx", read_only=True)
    assert workbook.sheetnames == [f"List_{n}" for n in range(1, 12)]
    workbook.close()


@pytest.mark.parametrize(
    "bad",
    [
        ["--as-of", "31/10/2025"],
        ["--months", "0"],
        ["--scale", "0"],
        ["--scale", "lots"],
        ["--format", "pdf"],
        ["--seed", "x"],
        ["--template", "2023"],
    ],
)
def test_cli_refuses_bad_arguments(tmp_path: Path, bad: list[str]) -> None:
    args = {
        "--out": str(tmp_path / "x.xlsx"),
        "--as-of": "2025-10-31",
        "--months": "3",
        "--scale": "0.05",
        "--seed": "1",
    }
    args[bad[0]] = bad[1]
    argv = ["annex-a", *[item for pair in args.items() for item in pair]]
    assert main(argv) != 0
    assert not (tmp_path / "x.xlsx").exists()


def test_cli_requires_its_arguments(tmp_path: Path) -> None:
    assert main(["annex-a", "--out", str(tmp_path / "x.xlsx")]) != 0
    assert main([]) != 0


# ---- building blocks ----------------------------------------------------------------


def test_working_days_skip_weekends_and_english_bank_holidays() -> None:
    cal = WorkingDays(date(2024, 1, 1), date(2025, 12, 31))
    good_friday, easter_monday = date(2025, 4, 18), date(2025, 4, 21)
    thursday = date(2025, 4, 17).toordinal()
    assert cal.add(thursday, 1) == date(2025, 4, 22).toordinal()
    assert cal.on_or_after(good_friday.toordinal()) == date(2025, 4, 22).toordinal()
    assert cal.on_or_before(easter_monday.toordinal()) == thursday
    # wd(A, B) counts working days d with A < d <= B
    assert cal.between(thursday, date(2025, 4, 22).toordinal()) == 1
    assert cal.between(thursday, thursday) == 0
    assert cal.add(date(2025, 4, 22).toordinal(), -1) == thursday


def test_months_back_clamp_to_the_end_of_the_month() -> None:
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2025, 10, 31), 12) == date(2024, 10, 31)
    assert months_before(date(2025, 1, 15), -1) == date(2025, 2, 15)


@pytest.mark.parametrize(
    ("months", "scale"), [(0, 1.0), (121, 1.0), (12, 0.0), (12, -1.0), (12, 51.0)]
)
def test_generator_refuses_bad_sizes(tmp_path: Path, months: int, scale: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        generate_annex_a(
            tmp_path / "x.xlsx",
            fmt="xlsx",
            as_of=AS_OF,
            months=months,
            scale=scale,
            seed=1,
            messy=False,
        )
    assert not (tmp_path / "x.xlsx").exists()


def test_monthly_extracts_observe_one_authority(tmp_path: Path) -> None:
    paths = generate_annex_a_series(
        tmp_path,
        fmt="csv",
        as_of=AS_OF,
        months=12,
        scale=0.2,
        seed=4,
        messy=False,
        extracts=3,
    )
    assert [p.name for p in paths] == [
        "annex_a_2025-08-31",
        "annex_a_2025-09-30",
        "annex_a_2025-10-31",
    ]
    care = [_read_csv(p / "list_8.csv") for p in paths]
    for earlier, later, on in zip(
        care[:-1], care[1:], (date(2025, 8, 31), date(2025, 9, 30)), strict=True
    ):
        assert _dates(earlier, "Date Started to be Looked After").max() <= on  # type: ignore[operator]
        # a child in care at one month end is in the next extract with the same period of
        # care (ceased during the month, or still looked after)
        in_care = earlier.filter(pl.col("Date Ceased to be Looked After").is_null())
        still = in_care.join(
            later, on=["Child Unique ID", "Date Started to be Looked After"], how="inner"
        )
        assert still.height == in_care.height  # ceased within the month: still listed
        assert still["Date Ceased to be Looked After_right"].is_not_null().mean() < 0.1
        assert (still["Date of Birth"] == still["Date of Birth_right"]).all()
    contacts = [_dates(_read_csv(p / "list_1.csv"), "Date of Contact") for p in paths]
    assert [c.max() for c in contacts] == [date(2025, 8, 29), date(2025, 9, 30), AS_OF]
    assert contacts[0].min() >= date(2024, 9, 1)  # type: ignore[operator]


def test_an_extract_s_first_month_is_listed_whole(tmp_path: Path) -> None:
    """Taken on 28 February 2025, an extract's 12 months start on 29 February 2024; the measures
    report February 2024 whole, so its events are listed from 1 February (a one-day month
    would replace the January extract's figure on the dashboard)."""
    paths = generate_annex_a_series(
        tmp_path,
        fmt="csv",
        as_of=date(2025, 2, 28),
        months=12,
        scale=0.1,
        seed=3,
        messy=False,
        extracts=2,
    )
    contacts = _dates(_read_csv(paths[1] / "list_1.csv"), "Date of Contact")
    assert contacts.min() == date(2024, 2, 1)  # type: ignore[operator]
    figures = []
    for path, on in zip(paths, (date(2025, 1, 31), date(2025, 2, 28)), strict=True):
        results = compute_catalogue(load_annex_a(path, as_of=on), measure_ids=["FD01", "FD02"])
        figures.append(
            results.results.filter((pl.col("period") == "2024-02") & (pl.col("unit") == "la"))
            .sort("measure_id")
            .select("measure_id", "numerator")
            .rows()
        )
    assert figures[0] == figures[1]
    assert figures[0][0][1] > 50  # contacts in February 2024: a whole month


def test_cli_writes_monthly_extracts(tmp_path: Path) -> None:
    argv = [
        "annex-a",
        "--out",
        str(tmp_path / "series"),
        "--as-of",
        "2025-10-31",
        "--months",
        "2",
        "--scale",
        "0.05",
        "--seed",
        "2",
        "--monthly",
        "2",
    ]
    assert main(argv) == 0
    assert sorted(p.name for p in (tmp_path / "series").iterdir()) == [
        "annex_a_2025-09-30.xlsx",
        "annex_a_2025-10-31.xlsx",
    ]
