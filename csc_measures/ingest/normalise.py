"""Check and type one raw Annex A list: headers, text, codes, dates, numbers, duplicates.

All work is column-wise polars expressions; Python only loops over the (few) problem rows to
describe them. Rules (see ``docs/measures.md``):

- headers match the known columns case- and whitespace-insensitively (NBSP = space, a trailing
  ``?`` ignored, a few aliases); a header appearing twice keeps its first column;
- text is trimmed, NBSP counts as a space, empty text is blank (null);
- entirely blank rows (trailing rows of a spreadsheet) are skipped silently;
- rows that duplicate an earlier row exactly (after trimming) are dropped, and reported;
- a blank ``Child Unique ID`` rejects the row;
- coded values lose a leading ``x) `` prefix; Yes/No/Y/N in any case become true/false, anything
  else is unknown (null, reported once per row as an unknown code);
- dates are ``dd/mm/yyyy`` (or ``d/m/yyyy``), ISO ``yyyy-mm-dd``, or spreadsheet dates; an
  unparseable date is reported and, in the list's key date column (for example ``Date of
  Contact``), rejects the row; elsewhere the value becomes blank but is reported as an error;
- a blank key date rejects the row;
- a date after the extract date, or an end date before its start date, is reported as an error
  (the row is kept); a date of birth after the extract date (an unborn child) is a warning;
- whole numbers accept ``3`` or ``3.0``; anything else is unknown (null) and reported.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from csc_measures.issues import AnnexAError, Issue, Severity
from csc_measures.schema import (
    DOB,
    ColType,
    Column,
    ListSpec,
    header_lookup,
    normalise_header,
)

ROW = "_row"
_PREFIX = r"^[A-Za-z]{1,2}\)\s*"
_EXCEL_EPOCH = dt.date(1899, 12, 30)

_DTYPES: dict[ColType, pl.DataType] = {
    ColType.ID: pl.String(),
    ColType.TEXT: pl.String(),
    ColType.CODE: pl.String(),
    ColType.YESNO: pl.Boolean(),
    ColType.DATE: pl.Date(),
    ColType.INT: pl.Int64(),
}


def clean_text(expr: pl.Expr) -> pl.Expr:
    """NBSP → space, trimmed, empty → null."""
    text = expr.str.replace_all("\u00a0", " ", literal=True).str.strip_chars()
    return pl.when(text.str.len_chars() > 0).then(text).otherwise(None)


def strip_prefix(expr: pl.Expr) -> pl.Expr:
    """Remove a leading ``x) `` code prefix (``a) Yes`` → ``Yes``)."""
    return expr.str.replace(_PREFIX, "").str.strip_chars()


def yes_no(expr: pl.Expr) -> pl.Expr:
    """Yes/Y → true, No/N → false (any case, prefix already stripped), else null."""
    upper = expr.str.to_uppercase()
    return (
        pl.when(upper.is_in(["YES", "Y"]))
        .then(pl.lit(value=True))
        .when(upper.is_in(["NO", "N"]))
        .then(pl.lit(value=False))
        .otherwise(pl.lit(None, dtype=pl.Boolean))
    )


def parse_date(expr: pl.Expr, *, spreadsheet: bool) -> pl.Expr:
    """Parse UK ``d/m/yyyy``, ISO ``yyyy-mm-dd`` (optionally with a time) and, from a
    spreadsheet, date serial numbers. Impossible dates (31/02/2024) and 2-digit years give null."""
    uk = expr.str.extract(r"^(\d{1,2}/\d{1,2}/\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
    iso = expr.str.extract(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
    parsed = pl.coalesce(
        uk.str.to_date("%d/%m/%Y", strict=False),
        iso.str.to_date("%Y-%m-%d", strict=False),
    )
    if spreadsheet:
        serial = expr.str.extract(r"^(\d{5})(?:\.0+)?$").cast(pl.Int64, strict=False)
        from_serial = (
            pl.when(serial.is_between(20000, 80000))
            .then(pl.lit(_EXCEL_EPOCH) + pl.duration(days=serial))
            .otherwise(None)
        )
        parsed = pl.coalesce(parsed, from_serial.cast(pl.Date))
    return parsed


def parse_int(expr: pl.Expr) -> pl.Expr:
    whole = expr.str.extract(r"^([+-]?\d+)(?:\.0+)?$")
    return whole.cast(pl.Int64, strict=False)


def _issues_from(
    frame: pl.DataFrame,
    *,
    list_no: int,
    column: str | None,
    value_col: str | None,
    reason: str,
    severity: Severity,
) -> list[Issue]:
    if frame.height == 0:
        return []
    rows = frame.get_column(ROW).to_list()
    values = frame.get_column(value_col).to_list() if value_col else [None] * len(rows)
    return [
        Issue(list_no, row, column, None if value is None else str(value), reason, severity)
        for row, value in zip(rows, values, strict=True)
    ]


def _rename_headers(raw: pl.DataFrame, spec: ListSpec) -> tuple[pl.DataFrame, list[Issue]]:
    lookup = header_lookup(spec)
    issues: list[Issue] = []
    selected: list[pl.Expr] = []
    seen: set[str] = set()
    for header in raw.columns:
        key = normalise_header(header)
        if not key or key.startswith("__unnamed"):
            # Blank header: keep only if the column holds data (reported), else ignore.
            if raw.get_column(header).drop_nulls().len() > 0:
                issues.append(
                    Issue(
                        spec.number,
                        1,
                        header,
                        None,
                        "column without a header ignored",
                        Severity.WARNING,
                    )
                )
            continue
        name = lookup.get(key, " ".join(header.replace("\xa0", " ").split()))
        if name in seen:
            issues.append(
                Issue(
                    spec.number,
                    1,
                    header,
                    None,
                    f"header repeats column '{name}': the first one is used",
                    Severity.WARNING,
                )
            )
            continue
        seen.add(name)
        selected.append(pl.col(header).alias(name))
    return raw.select(selected), issues


def _check_columns(
    frame: pl.DataFrame, raw: pl.DataFrame, spec: ListSpec, source: str
) -> list[Issue]:
    n = spec.number
    if spec.id_column not in frame.columns:
        where = f" in {source}" if source else ""
        raise AnnexAError(
            [
                Issue(
                    n,
                    1,
                    spec.id_column,
                    None,
                    f"required column not found{where}; headers are: "
                    + ", ".join(f"'{c}'" for c in raw.columns),
                )
            ]
        )
    return [
        Issue(
            n,
            1,
            col.name,
            None,
            "column not present: measures that need it are not computable",
            Severity.WARNING,
        )
        for col in spec.columns
        if col.name not in frame.columns and not col.optional
    ]


def _prepare_rows(frame: pl.DataFrame, spec: ListSpec) -> tuple[pl.DataFrame, list[Issue]]:
    """Clean text, number rows, skip blank rows, drop duplicates, reject blank IDs."""
    n = spec.number
    data_cols = frame.columns
    issues: list[Issue] = []
    frame = frame.with_columns(
        [clean_text(pl.col(c).cast(pl.String)).alias(c) for c in data_cols]
    ).with_columns((pl.int_range(pl.len(), dtype=pl.Int32) + 2).alias(ROW))
    # Entirely blank rows are not data.
    frame = frame.filter(~pl.all_horizontal([pl.col(c).is_null() for c in data_cols]))
    # Exact duplicates (after trimming): keep the first, report the others.
    if frame.height:
        flagged = frame.with_columns(pl.col(ROW).first().over(data_cols).alias("_first"))
        dupes = flagged.filter(pl.col(ROW) != pl.col("_first"))
        issues.extend(
            Issue(n, row, None, None, f"exact duplicate of row {first}: dropped", Severity.WARNING)
            for row, first in zip(
                dupes.get_column(ROW).to_list(), dupes.get_column("_first").to_list(), strict=True
            )
        )
        frame = flagged.filter(pl.col(ROW) == pl.col("_first")).drop("_first")
    # A blank identifier rejects the row.
    issues += _issues_from(
        frame.filter(pl.col(spec.id_column).is_null()),
        list_no=n,
        column=spec.id_column,
        value_col=None,
        reason="blank identifier: row rejected",
        severity=Severity.ERROR,
    )
    return frame.filter(pl.col(spec.id_column).is_not_null()), issues


def _typed_expr(col: Column, *, spreadsheet: bool) -> pl.Expr:
    src = pl.col(col.name)
    if col.type is ColType.CODE:
        return strip_prefix(src)
    if col.type is ColType.YESNO:
        return yes_no(strip_prefix(src))
    if col.type is ColType.DATE:
        return parse_date(src, spreadsheet=spreadsheet)
    if col.type is ColType.INT:
        return parse_int(src)
    return src


def _date_issues(
    both: pl.DataFrame, col: Column, spec: ListSpec, as_of: dt.date
) -> tuple[list[Issue], bool]:
    """Issues of one date column; True when the column is a key date (bad rows rejected)."""
    n = spec.number
    required = col.name in spec.required_dates
    issues = _issues_from(
        both.filter(pl.col("text").is_not_null() & pl.col("value").is_null()),
        list_no=n,
        column=col.name,
        value_col="text",
        reason="date cannot be read (expected dd/mm/yyyy or yyyy-mm-dd)"
        + (": row rejected" if required else ": treated as blank"),
        severity=Severity.ERROR,
    )
    if required:
        issues += _issues_from(
            both.filter(pl.col("text").is_null()),
            list_no=n,
            column=col.name,
            value_col=None,
            reason="required date is blank: row rejected",
            severity=Severity.ERROR,
        )
    if col.name == DOB:
        reason = f"date of birth after the extract date {as_of:%d/%m/%Y} (unborn child?)"
        severity = Severity.WARNING
    else:
        reason, severity = f"date after the extract date {as_of:%d/%m/%Y}", Severity.ERROR
    issues += _issues_from(
        both.filter(pl.col("value") > as_of),
        list_no=n,
        column=col.name,
        value_col="text",
        reason=reason,
        severity=severity,
    )
    return issues, required


def _code_issues(both: pl.DataFrame, col: Column, list_no: int) -> list[Issue]:
    unreadable = pl.col("text").is_not_null() & pl.col("value").is_null()
    if col.type is ColType.YESNO:
        return _issues_from(
            both.filter(unreadable),
            list_no=list_no,
            column=col.name,
            value_col="text",
            reason="unknown code (expected Yes or No): counted as unknown",
            severity=Severity.WARNING,
        )
    if col.type is ColType.INT:
        return _issues_from(
            both.filter(unreadable),
            list_no=list_no,
            column=col.name,
            value_col="text",
            reason="not a whole number: treated as unknown",
            severity=Severity.WARNING,
        )
    if col.type is ColType.CODE and col.known_codes:
        code = pl.col("value")
        if col.colon_code:
            code = code.str.split(":").list.first().str.strip_chars()
        known = [k.upper() for k in col.known_codes]
        return _issues_from(
            both.filter(pl.col("value").is_not_null() & ~code.str.to_uppercase().is_in(known)),
            list_no=list_no,
            column=col.name,
            value_col="text",
            reason="unknown code: kept as written",
            severity=Severity.WARNING,
        )
    return []


def _pair_issues(typed: pl.DataFrame, spec: ListSpec) -> list[Issue]:
    issues: list[Issue] = []
    for start, end in spec.date_pairs:
        if start in typed.columns and end in typed.columns:
            bad = typed.filter(pl.col(end) < pl.col(start)).select(
                ROW, pl.col(end).dt.strftime("%d/%m/%Y").alias("v")
            )
            issues += _issues_from(
                bad,
                list_no=spec.number,
                column=end,
                value_col="v",
                reason=f"before '{start}'",
                severity=Severity.ERROR,
            )
    return issues


def normalise_list(
    raw: pl.DataFrame,
    spec: ListSpec,
    *,
    as_of: dt.date,
    spreadsheet: bool,
    source: str = "",
) -> tuple[pl.DataFrame, list[Issue]]:
    """Type and check one list. Raises :class:`AnnexAError` if its ID column is missing."""
    frame, issues = _rename_headers(raw, spec)
    issues += _check_columns(frame, raw, spec, source)
    frame, row_issues = _prepare_rows(frame, spec)
    issues += row_issues

    present = [c for c in spec.columns if c.name in frame.columns]
    typed = frame.with_columns(
        [_typed_expr(c, spreadsheet=spreadsheet).alias(c.name) for c in present]
    )
    # Problems in typed values, found by comparing each with its text.
    reject = pl.lit(value=False)
    for col in present:
        both = pl.DataFrame(
            {
                ROW: frame.get_column(ROW),
                "text": frame.get_column(col.name),
                "value": typed.get_column(col.name),
            }
        )
        if col.type is ColType.DATE:
            date_issues, required = _date_issues(both, col, spec, as_of)
            issues += date_issues
            if required:
                reject = reject | pl.col(col.name).is_null()
        else:
            issues += _code_issues(both, col, spec.number)
    issues += _pair_issues(typed, spec)

    typed = typed.filter(~reject).with_columns(
        [pl.col(c.name).cast(_DTYPES[c.type]) for c in present]
    )
    issues.sort(key=lambda i: (i.row or 0, i.column or ""))
    return typed, issues


def empty_list(spec: ListSpec) -> pl.DataFrame:
    """A list with all its known columns and no rows."""
    return pl.DataFrame(
        schema={ROW: pl.Int32(), **{c.name: _DTYPES[c.type] for c in spec.columns}},
    )
