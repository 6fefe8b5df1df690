"""Check and type one raw Annex A list: headers, text, codes, dates, numbers, duplicates.

All work is column-wise polars expressions; Python only loops over the (few) problem rows to
describe them. The rules are copied into the catalogue (``docs/measures.md``). Rules:

- the header row is found: title, note and blank rows above it are skipped (Ofsted's template
  has a title row such as ``List 1: Contacts``); guidance and cover sheets are not read;
- a council's own headers, mapped to template columns (``csc_measures.mapping``), are matched
  first (after folding);
- headers match the known columns and the headers of Ofsted's 2019 and 2024 templates
  (``csc_measures/templates.py``) ignoring case, spacing (NBSP = space), quotes (‘ ’ ' “ ” "),
  ``(Y/N)`` and trailing punctuation; two columns matching one column is an error naming both,
  and neither is used; columns that are in no template of the list are kept and reported once
  per list, for information (never a warning, never per row);
- codes in Ofsted's code lists never warn (``c) Unknown`` is an unknown answer, ``f) Rhom`` a
  known in-touch code);
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
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

from csc_measures.issues import AnnexAError, Issue, Severity
from csc_measures.schema import (
    DOB,
    DUPLICATE_MARK,
    ColType,
    Column,
    ListSpec,
    normalise_header,
)
from csc_measures.templates import code_key, header_keys, ofsted_codes

ROW = "_row"
_TYPED = "__typed__"
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


def clean_text(expr: pl.Expr, *, has_nbsp: bool = True) -> pl.Expr:
    """NBSP → space, trimmed, empty → null."""
    if has_nbsp:
        expr = expr.str.replace_all("\u00a0", " ", literal=True)
    return expr.str.strip_chars().replace("", None)


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


def _shown(header: str) -> str:
    """A header as the user wrote it (without the mark that keeps repeated headers apart)."""
    return header.replace(DUPLICATE_MARK, "")


def _rename_headers(
    raw: pl.DataFrame,
    spec: ListSpec,
    header_row: int = 1,
    mapping: Mapping[str, str] | None = None,
) -> tuple[pl.DataFrame, list[Issue], set[str]]:
    """Give known columns their engine names. Returns the frame, the issues and the engine
    columns left out because two columns of the file match them (an error naming both).
    ``mapping`` (folded council header → engine column) is applied before the templates'
    headers."""
    lookup = header_keys(spec)
    mapped = mapping or {}
    by_mapping: set[str] = set()
    issues: list[Issue] = []
    plan: list[tuple[str, str]] = []
    matched: dict[str, list[str]] = {}
    unknown: list[str] = []
    for header in raw.columns:
        key = normalise_header(header)
        if not key or key.startswith("__unnamed"):
            # Blank header: keep only if the column holds data (reported), else ignore.
            if raw.get_column(header).drop_nulls().len() > 0:
                issues.append(
                    Issue(
                        spec.number,
                        header_row,
                        header,
                        None,
                        "column without a header ignored",
                        Severity.WARNING,
                    )
                )
            continue
        engine = mapped.get(key, lookup.get(key))
        if key in mapped:
            by_mapping.add(header)
        if engine is not None:
            matched.setdefault(engine, []).append(header)
            plan.append((header, engine))
            continue
        if key not in lookup and key not in mapped:
            unknown.append(_shown(header))
        plan.append((header, " ".join(_shown(header).split())))
    ambiguous = {name: found for name, found in matched.items() if len(found) > 1}
    for name, found in ambiguous.items():
        both = " and ".join(
            f"'{_shown(h)}'" + (" (by the column mapping)" if h in by_mapping else "")
            for h in found
        )
        issue = Issue(
            spec.number,
            header_row,
            name,
            None,
            f"{len(found)} columns match this column: {both}; neither is used",
        )
        if name == spec.id_column:
            raise AnnexAError([issue])
        issues.append(issue)
    if unknown:
        issues.append(
            Issue(
                spec.number,
                header_row,
                None,
                ", ".join(f"'{h}'" for h in unknown),
                "not a column of this list in Ofsted's Annex A templates: kept, used by no measure",
                Severity.INFO,
            )
        )
    selected: list[pl.Expr] = []
    seen: set[str] = set()
    for header, name in plan:
        if name in ambiguous:
            continue
        if name in seen:  # two columns unknown to the engine with one name: keep the first
            issues.append(
                Issue(
                    spec.number,
                    header_row,
                    _shown(header),
                    None,
                    f"header repeats column '{name}': the first one is used",
                    Severity.WARNING,
                )
            )
            continue
        seen.add(name)
        selected.append(pl.col(header).alias(name))
    return raw.select(selected), issues, set(ambiguous)


def _check_columns(
    frame: pl.DataFrame,
    raw: pl.DataFrame,
    spec: ListSpec,
    source: str,
    *,
    header_row: int = 1,
    ambiguous: set[str] | None = None,
) -> list[Issue]:
    n = spec.number
    if spec.id_column not in frame.columns:
        where = f" in {source}" if source else ""
        raise AnnexAError(
            [
                Issue(
                    n,
                    header_row,
                    spec.id_column,
                    None,
                    f"required column not found{where}; headers are: "
                    + ", ".join(f"'{_shown(c)}'" for c in raw.columns),
                )
            ]
        )
    return [
        Issue(
            n,
            header_row,
            col.name,
            None,
            "column not present: measures that need it are not computable",
            Severity.WARNING,
        )
        for col in spec.columns
        if col.name not in frame.columns and not col.optional and col.name not in (ambiguous or ())
    ]


def _prepare_rows(
    frame: pl.DataFrame, spec: ListSpec, *, may_have_nbsp: bool, header_row: int = 1
) -> tuple[pl.DataFrame, list[Issue]]:
    """Clean text, number rows, skip blank rows, drop duplicates, reject blank IDs. With
    ``may_have_nbsp`` False (the file holds none), cells are not searched for NBSP."""
    n = spec.number
    data_cols = frame.columns
    issues: list[Issue] = []
    frame = frame.with_columns(pl.col(c).cast(pl.String) for c in data_cols)
    if may_have_nbsp:
        nbsp = frame.select(
            pl.col(c).str.contains("\u00a0", literal=True).any().alias(c) for c in data_cols
        ).row(0, named=True)
    else:
        nbsp = dict.fromkeys(data_cols, False)
    frame = frame.with_columns(
        [clean_text(pl.col(c), has_nbsp=bool(nbsp[c])).alias(c) for c in data_cols]
    ).with_columns((pl.int_range(pl.len(), dtype=pl.Int32) + header_row + 1).alias(ROW))
    # Entirely blank rows are not data.
    blank = frame.select(pl.all_horizontal([pl.col(c).is_null() for c in data_cols])).to_series()
    if blank.any():  # filtering copies every column: only when there is something to drop
        frame = frame.filter(~blank)
    # Exact duplicates (after trimming): keep the first, report the others.
    duplicated = frame.select(pl.struct(data_cols).is_duplicated().alias("d")).to_series()
    if duplicated.any():
        flagged = frame.filter(duplicated).with_columns(
            pl.col(ROW).first().over(data_cols).alias("_first")
        )
        dupes = flagged.filter(pl.col(ROW) != pl.col("_first"))
        issues.extend(
            Issue(n, row, None, None, f"exact duplicate of row {first}: dropped", Severity.WARNING)
            for row, first in zip(
                dupes.get_column(ROW).to_list(), dupes.get_column("_first").to_list(), strict=True
            )
        )
        dropped = dupes.get_column(ROW).implode()
        frame = frame.filter(~pl.col(ROW).is_in(dropped))
    # A blank identifier rejects the row.
    if frame.get_column(spec.id_column).null_count():
        issues += _issues_from(
            frame.filter(pl.col(spec.id_column).is_null()),
            list_no=n,
            column=spec.id_column,
            value_col=None,
            reason="blank identifier: row rejected",
            severity=Severity.ERROR,
        )
        frame = frame.filter(pl.col(spec.id_column).is_not_null())
    return frame, issues


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


_DEDUPLICATED = frozenset({ColType.CODE, ColType.YESNO, ColType.DATE, ColType.INT})


def _typed_column(frame: pl.DataFrame, col: Column, *, spreadsheet: bool) -> pl.Expr:
    """The typed value of a column. Codes, answers, dates and numbers repeat a lot (a few
    thousand distinct dates in a million rows), so the regular expressions run once per
    distinct text and the results are mapped back onto the rows. Every parser maps blank to
    blank, so blanks need no look-up."""
    expr = _typed_expr(col, spreadsheet=spreadsheet)
    if col.type not in _DEDUPLICATED or frame.height < 2048:
        return expr
    distinct = frame.get_column(col.name).drop_nulls().unique()
    if distinct.len() * 2 > frame.height:
        return expr
    typed = distinct.to_frame().select(expr).to_series()
    return pl.col(col.name).replace_strict(distinct, typed, default=None, return_dtype=typed.dtype)


@dataclass(frozen=True)
class _Check:
    """A problem to look for in every row, as a boolean expression."""

    flag: pl.Expr
    column: str | None
    reason: str
    severity: Severity
    value: str | None  # the text column whose value is reported
    rejects: bool = False


def _typed(name: str) -> pl.Expr:
    return pl.col(f"{_TYPED}{name}")


def _column_checks(col: Column, spec: ListSpec, as_of: dt.date) -> list[_Check]:
    text, value = pl.col(col.name), _typed(col.name)
    unreadable = text.is_not_null() & value.is_null()
    if col.type is ColType.DATE:
        required = col.name in spec.required_dates
        checks = [
            _Check(
                unreadable,
                col.name,
                "date cannot be read (expected dd/mm/yyyy or yyyy-mm-dd)"
                + (": row rejected" if required else ": treated as blank"),
                Severity.ERROR,
                col.name,
                rejects=required,
            )
        ]
        if required:
            checks.append(
                _Check(
                    text.is_null(),
                    col.name,
                    "required date is blank: row rejected",
                    Severity.ERROR,
                    None,
                    rejects=True,
                )
            )
        if col.name == DOB:
            checks.append(
                _Check(
                    value > as_of,
                    col.name,
                    f"date of birth after the extract date {as_of:%d/%m/%Y} (unborn child?)",
                    Severity.WARNING,
                    col.name,
                )
            )
        else:
            checks.append(
                _Check(
                    value > as_of,
                    col.name,
                    f"date after the extract date {as_of:%d/%m/%Y}",
                    Severity.ERROR,
                    col.name,
                )
            )
        return checks
    ofsted = {code_key(c, colon_code=col.colon_code) for c in ofsted_codes(spec.number, col.name)}
    if col.type is ColType.YESNO:
        # Ofsted's own "c) Unknown" is unknown without a warning.
        unknown = sorted(ofsted - {"YES", "NO", "Y", "N"})
        if unknown:
            coded = strip_prefix(text).str.to_uppercase().is_in(unknown)
            unreadable = unreadable & ~coded
        reason = "unknown code (expected Yes or No): counted as unknown"
        return [_Check(unreadable, col.name, reason, Severity.WARNING, col.name)]
    if col.type is ColType.INT:
        reason = "not a whole number: treated as unknown"
        return [_Check(unreadable, col.name, reason, Severity.WARNING, col.name)]
    if col.type is ColType.CODE and col.known_codes:
        code = value
        if col.colon_code:
            code = code.str.split(":").list.first().str.strip_chars()
        known = sorted({k.upper() for k in col.known_codes} | ofsted)
        flag = value.is_not_null() & ~code.str.to_uppercase().is_in(known)
        return [_Check(flag, col.name, "unknown code: kept as written", Severity.WARNING, col.name)]
    return []


def _pair_checks(spec: ListSpec, present: set[str]) -> list[_Check]:
    return [
        _Check(_typed(end) < _typed(start), end, f"before '{start}'", Severity.ERROR, end)
        for start, end in spec.date_pairs
        if start in present and end in present
    ]


def _run_checks(
    work: pl.DataFrame, checks: list[_Check], list_no: int
) -> tuple[list[Issue], pl.Series]:
    """Evaluate every check in one pass; describe the (few) rows that fail one."""
    flags = work.select(
        pl.col(ROW),
        *[c.flag.fill_null(value=False).alias(f"_c{i}") for i, c in enumerate(checks)],
    )
    rejects = [f"_c{i}" for i, c in enumerate(checks) if c.rejects]
    reject = (
        flags.select(pl.any_horizontal(rejects)).to_series()
        if rejects
        else pl.repeat(value=False, n=work.height, eager=True)
    )
    if not checks:
        return [], reject
    problem = pl.any_horizontal([f"_c{i}" for i in range(len(checks))])
    bad = flags.with_columns(problem.alias("_any")).filter(pl.col("_any"))
    if bad.height == 0:
        return [], reject
    values = work.filter(pl.col(ROW).is_in(bad.get_column(ROW).implode()))
    bad = bad.join(values, on=ROW, how="left")
    issues: list[Issue] = []
    for i, check in enumerate(checks):
        hit = bad.filter(pl.col(f"_c{i}"))
        rows = hit.get_column(ROW).to_list()
        texts = hit.get_column(check.value).to_list() if check.value else [None] * len(rows)
        issues.extend(
            Issue(list_no, row, check.column, text, check.reason, check.severity)
            for row, text in zip(rows, texts, strict=True)
        )
    return issues, reject


def normalise_list(
    raw: pl.DataFrame,
    spec: ListSpec,
    *,
    as_of: dt.date,
    spreadsheet: bool,
    source: str = "",
    may_have_nbsp: bool = True,
    header_row: int = 1,
    mapping: Mapping[str, str] | None = None,
) -> tuple[pl.DataFrame, list[Issue]]:
    """Type and check one list. Raises :class:`AnnexAError` if its ID column is missing (or
    matched by two columns). ``may_have_nbsp=False`` says the source holds no non-breaking
    space (a check skipped); ``header_row`` is the header's row number in the file;
    ``mapping`` is the council's own headers for this list (folded header → engine column,
    :func:`csc_measures.mapping.resolve_mapping`)."""
    frame, issues, ambiguous = _rename_headers(raw, spec, header_row, mapping)
    issues += _check_columns(frame, raw, spec, source, header_row=header_row, ambiguous=ambiguous)
    frame, row_issues = _prepare_rows(
        frame, spec, may_have_nbsp=may_have_nbsp, header_row=header_row
    )
    issues += row_issues

    present = [c for c in spec.columns if c.name in frame.columns]
    work = frame.with_columns(
        [
            _typed_column(frame, c, spreadsheet=spreadsheet).alias(f"{_TYPED}{c.name}")
            for c in present
        ]
    )
    checks = [chk for col in present for chk in _column_checks(col, spec, as_of)]
    checks += _pair_checks(spec, {c.name for c in present})
    check_issues, reject = _run_checks(work, checks, spec.number)
    issues += check_issues

    kept = work.filter(~reject) if reject.any() else work
    typed = kept.select(
        [
            _typed(c).cast(_DTYPES[by_name[c].type]).alias(c) if c in by_name else pl.col(c)
            for by_name in [{col.name: col for col in present}]
            for c in frame.columns
        ]
    )
    issues.sort(key=lambda i: (i.row or 0, i.column or ""))
    return typed, issues


def empty_list(spec: ListSpec) -> pl.DataFrame:
    """A list with all its known columns and no rows."""
    return pl.DataFrame(
        schema={ROW: pl.Int32(), **{c.name: _DTYPES[c.type] for c in spec.columns}},
    )
