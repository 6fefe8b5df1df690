"""Read the SSDA903 return (children looked after): one CSV file per table.

Files are recognised by their headers, as the DfE's validator recognises them: a file whose
set of column names is exactly a table's is that table, whatever the file is called. Tables
(polars; columns named as in the return; ``_row`` is the line in the file, the header being
line 1):

``header``, ``episodes``, ``reviews``, ``uasc``, ``oc2``, ``oc3``, ``ad1``,
``placed_for_adoption``, ``prev_perm``, ``missing``, ``social_worker`` and, from 2025-26,
``dolo`` (deprivation of liberty orders).

Values are trimmed and upper-cased (codes), dates read as ``DD/MM/YYYY``, flags ``0``/``1``,
and codes checked against the collection year's lists: sex is ``1``/``2`` up to 2023-24 and
``M``/``F``/``U`` from 2024-25; from 2025-26 the placement types ``Z1``, ``H5`` and ``P2`` are
gone and ``Z11``-``Z14`` are new. A value that fails is reported (file, table, row, child,
column, value, reason) and read as blank. A file that cannot be read as CSV is fatal; a file
whose headers match no table, or a table given twice, is reported and left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import polars as pl

from csc_measures.issues import Severity
from csc_measures.returns.cin import CODES as CIN_CODES
from csc_measures.returns.issues import (
    ReturnError,
    ReturnIssue,
    collection_end_year,
    collection_year_label,
    issues_where,
)

CHILD = "CHILD"
ROW = "_row"
SUPPORTED_YEARS: tuple[int, ...] = (2024, 2025, 2026)

ColumnType = Literal["text", "code", "date", "bool", "int"]

TABLES: dict[str, dict[str, ColumnType]] = {
    "header": {CHILD: "text", "SEX": "code", "DOB": "date", "ETHNIC": "code", "UPN": "text",
               "MOTHER": "bool", "MC_DOB": "date"},
    "episodes": {CHILD: "text", "DECOM": "date", "RNE": "code", "LS": "code", "CIN": "code",
                 "PLACE": "code", "PLACE_PROVIDER": "code", "DEC": "date", "REC": "code",
                 "REASON_PLACE_CHANGE": "code", "HOME_POST": "text", "PL_POST": "text",
                 "URN": "text"},
    "reviews": {CHILD: "text", "DOB": "date", "REVIEW": "date", "REVIEW_CODE": "code"},
    "uasc": {CHILD: "text", "SEX": "code", "DOB": "date", "DUC": "date"},
    "oc2": {CHILD: "text", "DOB": "date", "SDQ_SCORE": "int", "SDQ_REASON": "code",
            "CONVICTED": "bool", "HEALTH_CHECK": "bool", "IMMUNISATIONS": "bool",
            "TEETH_CHECK": "bool", "HEALTH_ASSESSMENT": "bool", "SUBSTANCE_MISUSE": "bool",
            "INTERVENTION_RECEIVED": "bool", "INTERVENTION_OFFERED": "bool"},
    "oc3": {CHILD: "text", "DOB": "date", "IN_TOUCH": "code", "ACTIV": "code", "ACCOM": "code"},
    "ad1": {CHILD: "text", "DOB": "date", "DATE_INT": "date", "DATE_MATCH": "date",
            "FOSTER_CARE": "bool", "NB_ADOPTR": "int", "SEX_ADOPTR": "code",
            "LS_ADOPTR": "code"},
    "placed_for_adoption": {CHILD: "text", "DOB": "date", "DATE_PLACED": "date",
                            "DATE_PLACED_CEASED": "date", "REASON_PLACED_CEASED": "code"},
    "prev_perm": {CHILD: "text", "DOB": "date", "PREV_PERM": "code", "LA_PERM": "text",
                  "DATE_PERM": "text"},
    "missing": {CHILD: "text", "DOB": "date", "MISSING": "code", "MIS_START": "date",
                "MIS_END": "date"},
    "social_worker": {CHILD: "text", "DOB": "date", "SW_ID": "text", "SW_DECOM": "date",
                      "SW_DEC": "date", "SW_REASON": "code"},
    "dolo": {CHILD: "text", "DOB": "date", "DOLO_START": "date", "DOLO_END": "date"},
}  # fmt: skip

#: Columns that must not be blank (by table).
REQUIRED: dict[str, tuple[str, ...]] = {
    "header": (CHILD, "SEX", "DOB", "ETHNIC"),
    "episodes": (CHILD, "DECOM", "RNE", "LS", "CIN", "PLACE"),
    "reviews": (CHILD, "REVIEW"),
    "uasc": (CHILD,),
    "oc2": (CHILD,),
    "oc3": (CHILD, "IN_TOUCH"),
    "ad1": (CHILD, "DATE_INT"),
    "placed_for_adoption": (CHILD, "DATE_PLACED"),
    "prev_perm": (CHILD, "PREV_PERM"),
    "missing": (CHILD, "MISSING", "MIS_START"),
    "social_worker": (CHILD, "SW_ID", "SW_DECOM"),
    "dolo": (CHILD, "DOLO_START"),
}

_PLACE_OLD = [
    "A3",
    "A4",
    "A5",
    "A6",
    "H5",
    "K1",
    "K2",
    "K3",
    "P1",
    "P2",
    "P3",
    "R1",
    "R2",
    "R3",
    "R5",
    "S1",
    "T0",
    "T1",
    "T2",
    "T3",
    "T4",
    "U1",
    "U2",
    "U3",
    "U4",
    "U5",
    "U6",
    "Z1",
]
_PLACE_2026 = [c for c in _PLACE_OLD if c not in {"H5", "P2", "Z1"}] + ["Z11", "Z12", "Z13", "Z14"]
_ACCOM = [f"{letter}{n}" for letter in "BCDEGHKRSTUVWXYZ" for n in (1, 2)] + ["0"]
_COMMON: dict[str, tuple[str, ...]] = {
    "ETHNIC": CIN_CODES["Ethnicity"],
    "RNE": tuple("LPTSBU"),
    "LS": ("C1", "C2", "D1", "E1", "J1", "J2", "J3", "L1", "L2", "L3", "V2", "V3", "V4"),
    "CIN": tuple(f"N{i}" for i in range(1, 9)),
    "PLACE_PROVIDER": tuple(f"PR{i}" for i in range(6)),
    "REC": (
        "E11",
        "E12",
        "E13",
        "E14",
        "E15",
        "E16",
        "E17",
        "E2",
        "E3",
        "E4A",
        "E4B",
        "E41",
        "E45",
        "E46",
        "E47",
        "E48",
        "E5",
        "E6",
        "E7",
        "E8",
        "E9",
        "X1",
    ),
    "REASON_PLACE_CHANGE": (
        "CARPL",
        "CLOSE",
        "ALLEG",
        "STAND",
        "APPRR",
        "CREQB",
        "CREQO",
        "CHILD",
        "LAREQ",
        "PLACE",
        "CUSTOD",
        "OTHER",
    ),
    "REVIEW_CODE": tuple(f"PN{i}" for i in range(8)),
    "SDQ_REASON": tuple(f"SDQ{i}" for i in range(1, 6)),
    "IN_TOUCH": ("YES", "NO", "DIED", "REFU", "NREQ", "RHOM"),
    "ACTIV": ("F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"),
    "ACCOM": tuple(_ACCOM),
    "SEX_ADOPTR": ("M1", "F1", "MM", "FF", "MF"),
    "LS_ADOPTR": ("L0", "L1", "L2", "L3", "L4", "L11", "L12"),
    "REASON_PLACED_CEASED": ("E11", "E12", "RD1", "RD2", "RD3", "RD4"),
    "PREV_PERM": ("P1", "P2", "P3", "P4", "Z1"),
    "MISSING": ("M", "A"),
    "SW_REASON": (
        "MANAGE",
        "FIRSTAL",
        "CHCHOICE",
        "CHANGE",
        "STAFF",
        "LEFTROLE",
        "ORGRESTRUCT",
        "OTHER",
    ),
}


def codes_for(year: int) -> dict[str, tuple[str, ...]]:
    """The code lists of a collection year (by its closing year)."""
    codes = dict(_COMMON)
    sex = ("M", "F", "U") if year >= 2025 else ("1", "2")
    codes["SEX"] = sex
    codes["PLACE"] = tuple(_PLACE_2026 if year >= 2026 else _PLACE_OLD)
    return codes


@dataclass(frozen=True)
class Ssda903:
    """An SSDA903 return read and checked. ``tables`` by name; absent tables are absent."""

    files: tuple[str, ...]
    year: int  # the closing year: 2025 for 2024-25
    tables: dict[str, pl.DataFrame]
    issues: tuple[ReturnIssue, ...] = field(default=())
    sources: dict[str, str] = field(default_factory=dict)  # table → file

    @property
    def year_label(self) -> str:
        return collection_year_label(self.year)

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.year - 1, 4, 1)

    @property
    def reference_date(self) -> dt.date:
        return dt.date(self.year, 3, 31)

    @property
    def errors(self) -> tuple[ReturnIssue, ...]:
        return tuple(i for i in self.issues if i.severity == Severity.ERROR)

    def has(self, name: str) -> bool:
        return name in self.tables

    def table(self, name: str) -> pl.DataFrame:
        return self.tables[name]

    def with_history(self, previous: Sequence[Ssda903]) -> Ssda903:
        """This return with the episodes of earlier years' returns added, as the DfE joins
        earlier years: where a period of care or a placement started before this year's first
        episode (long-term stability, adoption timeliness). An episode in several returns is
        kept once, as this return has it (matched on ``CHILD`` and ``DECOM``)."""
        if "episodes" not in self.tables:
            return self
        episodes = self.tables["episodes"]
        for earlier in previous:
            if "episodes" in earlier.tables:
                extra = earlier.tables["episodes"].join(
                    episodes.select(CHILD, "DECOM"), on=[CHILD, "DECOM"], how="anti"
                )
                episodes = pl.concat([episodes, extra], how="vertical_relaxed")
        return replace(self, tables={**self.tables, "episodes": episodes})


def _fatal(file: str, reason: str) -> ReturnError:
    return ReturnError([ReturnIssue(file=file, table=None, child=None, column=None, value=None,
                                    reason=reason)])  # fmt: skip


def table_for(columns: Iterable[str]) -> str | None:
    """The table whose header is exactly these columns (any order, any case), or None."""
    found = {c.strip().upper() for c in columns}
    for name, cols in TABLES.items():
        if found == set(cols):
            return name
    return None


def _read_csv(path: Path) -> pl.DataFrame:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _fatal(path.name, f"cannot be opened: {exc.strerror or exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fatal(path.name, "encoded as UTF-16: save it as UTF-8 CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise _fatal(path.name, "empty file: no header row")
    try:
        return pl.read_csv(text.encode("utf-8"), infer_schema=False, truncate_ragged_lines=False)
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise _fatal(path.name, f"not a readable CSV file: {str(exc).splitlines()[0]}") from None


def _typed(
    name: str, raw: pl.DataFrame, *, file: str, year: int, issues: list[ReturnIssue]
) -> pl.DataFrame:
    types = TABLES[name]
    codes = codes_for(year)
    rename = {c: c.strip().upper() for c in raw.columns}
    frame = raw.rename(rename).with_columns(
        pl.col(c).str.strip_chars().replace("", None) for c in types
    )
    frame = frame.with_columns(
        pl.col(c).str.to_uppercase() for c, kind in types.items() if kind in {"code", "bool"}
    ).with_row_index(ROW, offset=2)
    casts: list[pl.Expr] = []
    for column, kind in types.items():
        col = pl.col(column)
        if kind == "date":
            cast = col.str.to_date("%d/%m/%Y", strict=False)
            reason = "not a date (DD/MM/YYYY)"
        elif kind == "bool":
            cast = col.replace_strict({"1": True, "0": False}, default=None,
                                      return_dtype=pl.Boolean)  # fmt: skip
            reason = "not a flag (0 or 1)"
        elif kind == "int":
            cast = col.cast(pl.Int64, strict=False)
            reason = "not a whole number"
        elif kind == "code" and column in codes:
            cast = pl.when(col.is_in(codes[column])).then(col).otherwise(None)
            reason = f"not a code of the {collection_year_label(year)} return"
            if column == "SEX":
                reason += " (sex is M, F or U from 2024-25; 1 or 2 before)"
            elif column == "PLACE" and year >= 2026:
                reason += " (Z1, H5 and P2 were replaced from 2025-26; Z11-Z14 are new)"
        else:
            continue
        bad = col.is_not_null() & cast.is_null()
        issues.extend(
            issues_where(frame, bad, file=file, table=name, column=column, reason=reason,
                         child_col=CHILD, row_col=ROW)
        )  # fmt: skip
        casts.append(cast.alias(column))
    for column in REQUIRED.get(name, ()):
        issues.extend(
            issues_where(frame, pl.col(column).is_null(), file=file, table=name, column=column,
                         reason="required value missing", child_col=CHILD, row_col=ROW)
        )  # fmt: skip
    return frame.with_columns(casts).select(ROW, *types)


def _infer_year(raw: dict[str, pl.DataFrame]) -> int:
    """The collection year of the latest episode start or end in the files."""
    episodes = raw.get("episodes")
    if episodes is None or episodes.height == 0:
        return SUPPORTED_YEARS[-1]
    dates = pl.concat(
        [
            episodes.get_column(c).str.strip_chars().str.to_date("%d/%m/%Y", strict=False)
            for c in ("DECOM", "DEC")
        ]
    ).drop_nulls()
    latest = dates.max()
    if not isinstance(latest, dt.date):
        return SUPPORTED_YEARS[-1]
    return collection_end_year(latest)


def load_ssda903(source: str | Path | Sequence[str | Path], *, year: int | None = None) -> Ssda903:
    """Read and check the SSDA903 CSV files in a folder (or the files given).

    ``year`` is the collection year by its closing year (2025 for 2024-25); by default the year
    of the latest episode date in the files. Raises :class:`ReturnError` only for a file that
    cannot be read (or no CSV file at all)."""
    if isinstance(source, str | Path):
        folder = Path(source)
        if folder.is_dir():
            paths = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
        elif folder.exists():
            paths = [folder]
        else:
            raise _fatal(str(folder), "no such file or folder")
    else:
        paths = [Path(p) for p in source]
    if not paths:
        raise _fatal(str(source), "no CSV file found")
    issues: list[ReturnIssue] = []
    raw: dict[str, pl.DataFrame] = {}
    sources: dict[str, str] = {}
    for path in paths:
        frame = _read_csv(path)
        name = table_for(frame.columns)
        if name is None:
            issues.append(
                ReturnIssue(file=path.name, table=None, child=None, column=None,
                            value=", ".join(frame.columns), row=1,
                            reason="the headers match no SSDA903 table: file left out")
            )  # fmt: skip
            continue
        if name in raw:
            issues.append(
                ReturnIssue(file=path.name, table=name, child=None, column=None, value=None,
                            reason=f"a second {name} table (first: {sources[name]}): left out")
            )  # fmt: skip
            continue
        raw[name] = frame
        sources[name] = path.name
    found = year or _infer_year(raw)
    if found not in SUPPORTED_YEARS:
        issues.append(
            ReturnIssue(file=sources.get("episodes", paths[0].name), table="episodes",
                        child=None, column=None, value=collection_year_label(found),
                        reason="collection year not read here (2023-24 to 2025-26): "
                        f"checked against {collection_year_label(SUPPORTED_YEARS[-1])}")
        )  # fmt: skip
        found = SUPPORTED_YEARS[-1]
    if "episodes" not in raw:
        issues.append(
            ReturnIssue(file=str(source) if isinstance(source, str | Path) else paths[0].name,
                        table="episodes", child=None, column=None, value=None,
                        reason="no episodes table: most measures cannot be computed")
        )  # fmt: skip
    tables = {
        name: _typed(name, frame, file=sources[name], year=found, issues=issues)
        for name, frame in raw.items()
    }
    return Ssda903(
        files=tuple(p.name for p in paths),
        year=found,
        tables=tables,
        issues=tuple(issues),
        sources=sources,
    )
