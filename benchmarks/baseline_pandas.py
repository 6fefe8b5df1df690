"""The baseline: five catalogue measures as a council analyst would write them today.

Plain pandas, reading .xlsx with openpyxl (``pandas.read_excel``) or CSV with
``pandas.read_csv``; no Sightline code. It computes, for the whole authority and per team,
monthly over the period:

- FD04 re-referrals within 12 months (List 3),
- AS02 assessments completed within 45 working days (List 4),
- CP03 ICPCs within 15 working days of the strategy discussion (List 5),
- CP05 children subject to a CP plan at each month end (List 7),
- LA04 children in care with 3 or more placements in 12 months, at the as-of date (List 8).

It is the yardstick in ``measures_bench.py`` (the engine should be at least 10 times faster),
and a cross-check of the engine's figures on clean synthetic data.

    uv run python benchmarks/baseline_pandas.py PATH --as-of 2025-10-31
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

import holidays
import numpy as np
import pandas as pd

NBSP = "\u00a0"


def _clean_header(name: object) -> str:
    return " ".join(str(name).replace(NBSP, " ").split()).casefold()


def read_lists(path: Path, numbers: tuple[int, ...] = (3, 4, 5, 7, 8)) -> dict[int, pd.DataFrame]:
    """The lists an analyst needs, with tidy headers (lower case, single spaces)."""
    frames: dict[int, pd.DataFrame] = {}
    if path.is_dir():
        for n in numbers:
            frames[n] = pd.read_csv(path / f"list_{n}.csv", dtype=str, keep_default_na=False)
    else:
        sheets = pd.read_excel(path, sheet_name=[f"List {n}" for n in numbers], engine="openpyxl")
        frames = {int(name.split()[1]): df for name, df in sheets.items()}
    for df in frames.values():
        df.columns = [_clean_header(c) for c in df.columns]
    return frames


def _dates(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.normalize()
    return pd.to_datetime(series.astype(str).str.strip(), format="%d/%m/%Y", errors="coerce")


def _yes(series: pd.Series) -> pd.Series:
    text = series.astype(str).str.strip().str.replace(r"^[a-z]\)\s*", "", regex=True).str.lower()
    return text.isin(["yes", "y"])


def _team(df: pd.DataFrame) -> pd.Series:
    team = df["allocated team"].fillna("").astype(str).str.replace(NBSP, " ").str.strip()
    return team.where(team != "", "(unallocated)")


def _working_days(start: pd.Series, end: pd.Series, bank: list[date]) -> np.ndarray:
    """wd(A, B): working days d with A < d <= B."""
    ok = start.notna() & end.notna()
    out = np.full(len(start), -1, dtype=np.int64)
    a = (start[ok] + pd.Timedelta(days=1)).to_numpy().astype("datetime64[D]")
    b = (end[ok] + pd.Timedelta(days=1)).to_numpy().astype("datetime64[D]")
    out[ok.to_numpy()] = np.busday_count(a, b, holidays=np.array(bank, dtype="datetime64[D]"))
    return out


def _ratio(df: pd.DataFrame, month: pd.Series, flag: pd.Series, measure: str) -> pd.DataFrame:
    frame = pd.DataFrame({"period": month, "unit": "team:" + _team(df), "n": flag.astype(int)})
    la = frame.assign(unit="la")
    both = pd.concat([la, frame])
    out = both.groupby(["period", "unit"]).agg(numerator=("n", "sum"), denominator=("n", "size"))
    out["value"] = (100 * out["numerator"] / out["denominator"]).round(4)
    return out.reset_index().assign(measure_id=measure)


def fd04(lists: dict[int, pd.DataFrame], start: pd.Timestamp, as_of: pd.Timestamp) -> pd.DataFrame:
    """Re-referrals within 12 months."""
    refs = lists[3].copy()
    refs["day"] = _dates(refs["date of referral"])
    refs = refs[(refs["day"] >= start) & (refs["day"] <= as_of)].reset_index(drop=True)
    refs["row"] = np.arange(len(refs))
    pairs = refs[["row", "child unique id", "day"]].merge(
        refs[["child unique id", "day"]], on="child unique id", suffixes=("", "_other")
    )
    gap = (pairs["day"] - pairs["day_other"]).dt.days
    earlier = set(pairs.loc[(gap >= 1) & (gap <= 365), "row"])
    previous = pd.to_numeric(refs["number of referrals in last 12 months"], errors="coerce")
    flag = refs["row"].isin(earlier) | (previous.fillna(0) >= 1)
    return _ratio(refs, refs["day"].dt.strftime("%Y-%m"), flag, "FD04")


def _within(
    df: pd.DataFrame,
    *,
    columns: tuple[str, str],
    limit: int,
    window: tuple[pd.Timestamp, pd.Timestamp],
    bank: list[date],
    measure: str,
) -> pd.DataFrame:
    """Rows by their end date in the period; N = wd(start, end) <= limit."""
    df = df.copy()
    df["start"] = _dates(df[columns[0]])
    df["end"] = _dates(df[columns[1]])
    df = df[(df["end"] >= window[0]) & (df["end"] <= window[1])].reset_index(drop=True)
    wd = _working_days(df["start"], df["end"], bank)
    return _ratio(df, df["end"].dt.strftime("%Y-%m"), pd.Series((wd >= 0) & (wd <= limit)), measure)


def cp05(lists: dict[int, pd.DataFrame], start: pd.Timestamp, as_of: pd.Timestamp) -> pd.DataFrame:
    """Children on a plan at each month end (the as-of date for the last month)."""
    cp = lists[7].copy()
    cp["start"] = _dates(cp["child protection plan start date"])
    cp["end"] = _dates(cp["child protection plan end date"])
    cp["team"] = _team(cp)
    rows = []
    for month_end in pd.date_range(start, as_of, freq="ME").append(pd.DatetimeIndex([as_of])):
        day = min(month_end, as_of)
        open_ = cp[(cp["start"] <= day) & (cp["end"].isna() | (cp["end"] > day))]
        period = day.strftime("%Y-%m")
        rows.append(("CP05", period, "la", open_["child unique id"].nunique()))
        for team, group in open_.groupby("team"):
            rows.append(("CP05", period, f"team:{team}", group["child unique id"].nunique()))
    stock = pd.DataFrame(rows, columns=["measure_id", "period", "unit", "numerator"])
    stock = stock.drop_duplicates(["period", "unit"], keep="last")
    return stock.assign(denominator=np.nan, value=stock["numerator"])


def la04(lists: dict[int, pd.DataFrame], as_of: pd.Timestamp) -> pd.DataFrame:
    """Children in care at as-of with 3 or more placements in the last 12 months."""
    cla = lists[8].copy()
    cla["start"] = _dates(cla["date started to be looked after"])
    cla["end"] = _dates(cla["date ceased to be looked after"])
    cla = cla[(cla["start"] <= as_of) & (cla["end"].isna() | (cla["end"] > as_of))]
    cla = cla.reset_index(drop=True)
    placements = pd.to_numeric(cla["number of placements in the last 12 months"], errors="coerce")
    month = pd.Series(as_of.strftime("%Y-%m"), index=cla.index)
    return _ratio(cla, month, placements >= 3, "LA04")


def baseline(path: Path, *, as_of: date, period_start: date | None = None) -> pd.DataFrame:
    """The five measures, one row per (measure, period, unit)."""
    end = pd.Timestamp(as_of)
    if period_start is None:
        start = end - pd.DateOffset(months=12) + pd.Timedelta(days=1)
    else:
        start = pd.Timestamp(period_start)
    bank = list(holidays.country_holidays("GB", subdiv="ENG", years=range(2010, as_of.year + 2)))
    lists = read_lists(path)
    as02_columns = (
        "continuous assessment start date",
        "continuous assessment date of authorisation",
    )
    cp03_columns = (
        "strategy discussion initiating section 47 enquiry start date",
        "date of initial child protection conference",
    )
    out = pd.concat(
        [
            fd04(lists, start, end),
            _within(
                lists[4],
                columns=as02_columns,
                limit=45,
                window=(start, end),
                bank=bank,
                measure="AS02",
            ),
            _within(
                lists[5],
                columns=cp03_columns,
                limit=15,
                window=(start, end),
                bank=bank,
                measure="CP03",
            ),
            cp05(lists, start, end),
            la04(lists, end),
        ],
        ignore_index=True,
    )
    return out[["measure_id", "period", "unit", "numerator", "denominator", "value"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--as-of", type=date.fromisoformat, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    out = baseline(args.path, as_of=args.as_of)
    elapsed = time.perf_counter() - started
    la = out[out["unit"] == "la"]
    print(la.to_string(index=False))
    print(f"{len(out)} rows in {elapsed:.2f} s")


if __name__ == "__main__":
    main()

__all__ = ["baseline", "read_lists"]
