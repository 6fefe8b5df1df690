"""Read the CIN census (the DfE's children in need return, one XML file a year).

The file is streamed: each ``<Child>`` is read, turned into rows of the tables below and
dropped, so memory does not grow with the file. A file with a document type declaration
(``<!DOCTYPE``, where entities and external resources are declared) is refused before it is
parsed, so no entity is ever expanded and nothing is fetched.

Tables (polars, one row per element; columns named as the XML elements, so as the DfE's
specification and the validators name them):

- ``children``: ``LAchildID``, ``UPN``, ``FormerUPN``, ``UPNunknown``, ``PersonBirthDate``,
  ``ExpectedPersonBirthDate``, ``Sex`` (``M``/``F``/``U``; the 2023-24 ``GenderCurrent`` codes
  1/2/0/9 are translated), ``PersonDeathDate``, ``Ethnicity``;
- ``disabilities``: ``LAchildID``, ``Disability``;
- ``cin_details``: ``LAchildID``, ``CINdetailsID`` (numbered in the file), ``CINreferralDate``,
  ``ReferralSource``, ``PrimaryNeedCode``, ``CINclosureDate``, ``ReasonForClosure``,
  ``DateOfInitialCPC``, ``ReferralNFA``;
- ``assessments``: ``LAchildID``, ``CINdetailsID``, ``AssessmentID``,
  ``AssessmentActualStartDate``, ``AssessmentInternalReviewDate``,
  ``AssessmentAuthorisationDate``;
- ``factors``: ``LAchildID``, ``CINdetailsID``, ``AssessmentID``, ``AssessmentFactors``;
- ``cin_plans``: ``LAchildID``, ``CINdetailsID``, ``CINPlanStartDate``, ``CINPlanEndDate``;
- ``section47``: ``LAchildID``, ``CINdetailsID``, ``S47ActualStartDate``,
  ``InitialCPCtarget``, ``DateOfInitialCPC``, ``ICPCnotRequired``;
- ``cp_plans``: ``LAchildID``, ``CINdetailsID``, ``CPPID``, ``CPPstartDate``, ``CPPendDate``,
  ``InitialCategoryOfAbuse``, ``LatestCategoryOfAbuse``, ``NumberOfPreviousCPP``;
- ``reviews``: ``LAchildID``, ``CINdetailsID``, ``CPPID``, ``CPPreviewDate``.

Each is checked against the essentials of the year's schema (collection years 2023-24 to
2025-26, found from the header's ``ReferenceDate``): required elements present, dates
``YYYY-MM-DD``, flags ``0``/``1``/``true``/``false``, whole numbers, and codes from the year's
code lists. A value that fails is reported (file, table, child, column, value, reason) and
read as blank; the child is kept. The DfE's own validation rules (the relationships between
dates, 100+ of them) are the validators' job: ``sightline validate cin``.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Literal

import polars as pl

from csc_measures.issues import Severity
from csc_measures.returns.issues import (
    ReturnError,
    ReturnIssue,
    collection_year_label,
    issues_where,
)

CHILD = "LAchildID"
#: Collection years read, by the year they close (2024 = 2023-24).
SUPPORTED_YEARS: tuple[int, ...] = (2024, 2025, 2026)

ColumnType = Literal["text", "code", "date", "bool", "int"]

#: Table → column → type. Key columns (``LAchildID`` and the numbering) come first.
TABLES: dict[str, dict[str, ColumnType]] = {
    "children": {
        CHILD: "text",
        "UPN": "text",
        "FormerUPN": "text",
        "UPNunknown": "code",
        "PersonBirthDate": "date",
        "ExpectedPersonBirthDate": "date",
        "Sex": "code",
        "PersonDeathDate": "date",
        "Ethnicity": "code",
    },
    "disabilities": {CHILD: "text", "Disability": "code"},
    "cin_details": {
        CHILD: "text",
        "CINdetailsID": "int",
        "CINreferralDate": "date",
        "ReferralSource": "code",
        "PrimaryNeedCode": "code",
        "CINclosureDate": "date",
        "ReasonForClosure": "code",
        "DateOfInitialCPC": "date",
        "ReferralNFA": "bool",
    },
    "assessments": {
        CHILD: "text",
        "CINdetailsID": "int",
        "AssessmentID": "int",
        "AssessmentActualStartDate": "date",
        "AssessmentInternalReviewDate": "date",
        "AssessmentAuthorisationDate": "date",
    },
    "factors": {
        CHILD: "text",
        "CINdetailsID": "int",
        "AssessmentID": "int",
        "AssessmentFactors": "code",
    },
    "cin_plans": {
        CHILD: "text",
        "CINdetailsID": "int",
        "CINPlanStartDate": "date",
        "CINPlanEndDate": "date",
    },
    "section47": {
        CHILD: "text",
        "CINdetailsID": "int",
        "S47ActualStartDate": "date",
        "InitialCPCtarget": "date",
        "DateOfInitialCPC": "date",
        "ICPCnotRequired": "bool",
    },
    "cp_plans": {
        CHILD: "text",
        "CINdetailsID": "int",
        "CPPID": "int",
        "CPPstartDate": "date",
        "CPPendDate": "date",
        "InitialCategoryOfAbuse": "code",
        "LatestCategoryOfAbuse": "code",
        "NumberOfPreviousCPP": "int",
    },
    "reviews": {CHILD: "text", "CINdetailsID": "int", "CPPID": "int", "CPPreviewDate": "date"},
}

#: Elements every record must have (by table), in every supported year.
REQUIRED: dict[str, tuple[str, ...]] = {
    "children": (CHILD, "Sex", "Ethnicity"),
    "cin_details": ("CINreferralDate", "ReferralSource", "PrimaryNeedCode", "ReferralNFA"),
    "assessments": ("AssessmentActualStartDate",),
    "cin_plans": ("CINPlanStartDate",),
    "section47": ("S47ActualStartDate",),
    "cp_plans": ("CPPstartDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse"),
    "reviews": ("CPPreviewDate",),
}

_ETHNICITY = [
    "WBRI",
    "WIRI",
    "WOTH",
    "WIRT",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
]
_DISABILITY = [
    "NONE",
    "MOB",
    "HAND",
    "PC",
    "INC",
    "COMM",
    "LD",
    "HEAR",
    "VIS",
    "BEH",
    "CON",
    "AUT",
    "DDA",
]
_SOURCES = [
    "1A",
    "1B",
    "1C",
    "1D",
    "2A",
    "2B",
    "3A",
    "3B",
    "3C",
    "3D",
    "3E",
    "3F",
    "4",
    "5A",
    "5B",
    "5C",
    "5D",
    "6",
    "7",
    "8",
    "9",
    "10",
]
_NEED = [f"N{i}" for i in range(10)]
_CLOSURE = [f"RC{i}" for i in range(1, 10)]
_ABUSE = ["NEG", "PHY", "SAB", "EMO", "MUL"]
_UPN_UNKNOWN = [f"UN{i}" for i in range(1, 11)]
_FACTORS = [
    "1A",
    "1B",
    "1C",
    "2A",
    "2B",
    "2C",
    "3A",
    "3B",
    "3C",
    "4A",
    "4B",
    "4C",
    "5A",
    "5B",
    "5C",
    "6A",
    "6B",
    "6C",
    "7A",
    "8B",
    "8C",
    "8D",
    "8E",
    "8F",
    "9A",
    "10A",
    "11A",
    "12A",
    "13A",
    "14A",
    "15A",
    "16A",
    "17A",
    "18A",
    "18B",
    "18C",
    "19A",
    "19B",
    "19C",
    "20",
    "21",
    "22A",
    "23A",
    "24A",
]

#: Code lists by column, as the year's schema gives them (same in the three years read).
CODES: dict[str, tuple[str, ...]] = {
    "Ethnicity": tuple(_ETHNICITY),
    "Disability": tuple(_DISABILITY),
    "ReferralSource": tuple(_SOURCES),
    "PrimaryNeedCode": tuple(_NEED),
    "ReasonForClosure": tuple(_CLOSURE),
    "InitialCategoryOfAbuse": tuple(_ABUSE),
    "LatestCategoryOfAbuse": tuple(_ABUSE),
    "UPNunknown": tuple(_UPN_UNKNOWN),
    "AssessmentFactors": tuple(_FACTORS),
    "Sex": ("M", "F", "U"),
}
#: 2023-24 recorded ``GenderCurrent`` (1 male, 2 female, 0 not known, 9 not specified);
#: from 2024-25 the census records ``Sex`` as M, F or U.
GENDER_CURRENT = {"1": "M", "2": "F", "0": "U", "9": "U"}

_BOOL = {"1": True, "true": True, "0": False, "false": False}
_PROLOG = re.compile(rb"\s*(<\?.*?\?>|<!--.*?-->)", re.DOTALL)


@dataclass(frozen=True)
class CinCensus:
    """A CIN census read and checked. ``tables`` by name (see the module docstring)."""

    file: str
    year: int  # the closing year: 2025 for 2024-25
    reference_date: dt.date
    lea: str | None
    tables: dict[str, pl.DataFrame]
    issues: tuple[ReturnIssue, ...] = field(default=())

    @property
    def year_label(self) -> str:
        return collection_year_label(self.year)

    @property
    def year_start(self) -> dt.date:
        return dt.date(self.year - 1, 4, 1)

    @property
    def errors(self) -> tuple[ReturnIssue, ...]:
        return tuple(i for i in self.issues if i.severity == Severity.ERROR)

    def table(self, name: str) -> pl.DataFrame:
        return self.tables[name]

    def with_history(self, previous: Sequence[CinCensus]) -> CinCensus:
        """This census with the referrals (``cin_details``) and child protection plans of
        earlier censuses added, as the DfE joins earlier years: a re-referral's previous
        referral, or a child's first plan, can be in an earlier census. A record in several
        censuses is kept once, as this census has it (matched on the child and the referral or
        plan start date); earlier censuses' record numbers are moved out of this one's way."""
        tables = dict(self.tables)
        for name, date in (("cin_details", "CINreferralDate"), ("cp_plans", "CPPstartDate")):
            joined = self.tables[name]
            for k, census in enumerate(previous, start=1):
                earlier = census.tables[name]
                keys = [c for c in ("CINdetailsID", "CPPID") if c in earlier.columns]
                extra = earlier.with_columns(pl.col(c) + k * 10**9 for c in keys).join(
                    joined.select(CHILD, date), on=[CHILD, date], how="anti"
                )
                joined = pl.concat([joined, extra], how="vertical_relaxed")
            tables[name] = joined
        return replace(self, tables=tables)


def _fatal(file: str, reason: str) -> ReturnError:
    return ReturnError([ReturnIssue(file=file, table=None, child=None, column=None, value=None,
                                    reason=reason)])  # fmt: skip


def refuse_doctype(head: bytes, file: str) -> None:
    """Raise when the prolog (before the first element) declares a document type."""
    text = head.removeprefix(b"\xef\xbb\xbf")
    pos = 0
    while match := _PROLOG.match(text, pos):
        pos = match.end()
    rest = text[pos:].lstrip()
    if rest[:9].upper() == b"<!DOCTYPE" or rest[:8].upper() == b"<!ENTITY":
        raise _fatal(
            file,
            "the file declares a document type (<!DOCTYPE>): refused, as a CIN census has "
            "none and one could declare entities or fetch external files",
        )


class _Rows:
    """Columns of every table, appended to child by child."""

    def __init__(self) -> None:
        self.cols: dict[str, dict[str, list[str | int | None]]] = {
            name: {c: [] for c in cols} for name, cols in TABLES.items()
        }

    def add(self, table: str, values: dict[str, str | int | None]) -> None:
        cols = self.cols[table]
        for name, column in cols.items():
            column.append(values.get(name))


def _text(elem: ET.Element | None, tag: str) -> str | None:
    if elem is None:
        return None
    found = elem.find(tag)
    if found is None or found.text is None:
        return None
    value = found.text.strip()
    return value or None


def _read_child(child: ET.Element, rows: _Rows, counters: list[int], sex_tags: list[str]) -> None:
    ids = child.find("ChildIdentifiers")
    chars = child.find("ChildCharacteristics")
    la_id = _text(ids, CHILD)
    sex = _text(ids, "Sex")
    if sex is None:
        gender = _text(ids, "GenderCurrent")
        if gender is not None:
            sex_tags.append(la_id or "")
            sex = GENDER_CURRENT.get(gender, gender)
    rows.add(
        "children",
        {
            CHILD: la_id,
            "UPN": _text(ids, "UPN"),
            "FormerUPN": _text(ids, "FormerUPN"),
            "UPNunknown": _text(ids, "UPNunknown"),
            "PersonBirthDate": _text(ids, "PersonBirthDate"),
            "ExpectedPersonBirthDate": _text(ids, "ExpectedPersonBirthDate"),
            "Sex": sex,
            "PersonDeathDate": _text(ids, "PersonDeathDate"),
            "Ethnicity": _text(chars, "Ethnicity"),
        },
    )
    if chars is not None:
        for dis in chars.iterfind("Disabilities/Disability"):
            rows.add("disabilities", {CHILD: la_id, "Disability": (dis.text or "").strip() or None})
    for cd in child.iterfind("CINdetails"):
        counters[0] += 1
        cin_id = counters[0]
        key: dict[str, str | int | None] = {CHILD: la_id, "CINdetailsID": cin_id}
        rows.add(
            "cin_details",
            {
                **key,
                "CINreferralDate": _text(cd, "CINreferralDate"),
                "ReferralSource": _text(cd, "ReferralSource"),
                "PrimaryNeedCode": _text(cd, "PrimaryNeedCode"),
                "CINclosureDate": _text(cd, "CINclosureDate"),
                "ReasonForClosure": _text(cd, "ReasonForClosure"),
                "DateOfInitialCPC": _text(cd, "DateOfInitialCPC"),
                "ReferralNFA": _text(cd, "ReferralNFA"),
            },
        )
        for assessment in cd.iterfind("Assessments"):
            counters[1] += 1
            akey = {**key, "AssessmentID": counters[1]}
            rows.add(
                "assessments",
                {
                    **akey,
                    "AssessmentActualStartDate": _text(assessment, "AssessmentActualStartDate"),
                    "AssessmentInternalReviewDate": _text(
                        assessment, "AssessmentInternalReviewDate"
                    ),
                    "AssessmentAuthorisationDate": _text(assessment, "AssessmentAuthorisationDate"),
                },
            )
            for factor in assessment.iterfind("FactorsIdentifiedAtAssessment/AssessmentFactors"):
                value = (factor.text or "").strip() or None
                rows.add("factors", {**akey, "AssessmentFactors": value})
        for plan in cd.iterfind("CINPlanDates"):
            rows.add(
                "cin_plans",
                {
                    **key,
                    "CINPlanStartDate": _text(plan, "CINPlanStartDate"),
                    "CINPlanEndDate": _text(plan, "CINPlanEndDate"),
                },
            )
        for s47 in cd.iterfind("Section47"):
            rows.add(
                "section47",
                {
                    **key,
                    "S47ActualStartDate": _text(s47, "S47ActualStartDate"),
                    "InitialCPCtarget": _text(s47, "InitialCPCtarget"),
                    "DateOfInitialCPC": _text(s47, "DateOfInitialCPC"),
                    "ICPCnotRequired": _text(s47, "ICPCnotRequired"),
                },
            )
        for cpp in cd.iterfind("ChildProtectionPlans"):
            counters[2] += 1
            pkey = {**key, "CPPID": counters[2]}
            rows.add(
                "cp_plans",
                {
                    **pkey,
                    "CPPstartDate": _text(cpp, "CPPstartDate"),
                    "CPPendDate": _text(cpp, "CPPendDate"),
                    "InitialCategoryOfAbuse": _text(cpp, "InitialCategoryOfAbuse"),
                    "LatestCategoryOfAbuse": _text(cpp, "LatestCategoryOfAbuse"),
                    "NumberOfPreviousCPP": _text(cpp, "NumberOfPreviousCPP"),
                },
            )
            for review in cpp.iterfind("Reviews/CPPreviewDate"):
                value = (review.text or "").strip() or None
                rows.add("reviews", {**pkey, "CPPreviewDate": value})


def _typed(
    name: str, raw: dict[str, list[str | int | None]], *, file: str, issues: list[ReturnIssue]
) -> pl.DataFrame:
    """Cast a table's text columns to their types, reporting every value that fails."""
    types = TABLES[name]
    schema = {c: (pl.Int64 if c.endswith("ID") and c != CHILD else pl.String) for c in types}
    frame = pl.DataFrame(raw, schema=schema)
    casts: list[pl.Expr] = []
    for column, kind in types.items():
        col = pl.col(column)
        if kind == "date":
            cast = col.str.to_date("%Y-%m-%d", strict=False)
            reason = "not a date (YYYY-MM-DD)"
        elif kind == "bool":
            cast = col.str.to_lowercase().replace_strict(
                _BOOL, default=None, return_dtype=pl.Boolean
            )
            reason = "not a flag (0, 1, true or false)"
        elif kind == "int" and frame.schema[column] == pl.String:
            cast = col.str.strip_chars().cast(pl.Int64, strict=False)
            reason = "not a whole number"
        elif kind == "code" and column in CODES:
            cast = pl.when(col.is_in(CODES[column])).then(col).otherwise(None)
            reason = "not a code of this year's schema"
        else:
            continue
        bad = col.is_not_null() & cast.is_null()
        issues.extend(
            issues_where(frame, bad, file=file, table=name, column=column, reason=reason,
                         child_col=CHILD)
        )  # fmt: skip
        casts.append(cast.alias(column))
    for column in REQUIRED.get(name, ()):
        issues.extend(
            issues_where(frame, pl.col(column).is_null(), file=file, table=name, column=column,
                         reason="required element missing or blank", child_col=CHILD)
        )  # fmt: skip
    return frame.with_columns(casts) if casts else frame


def _header(root_header: ET.Element | None) -> dict[str, str | None]:
    if root_header is None:
        return {}
    return {
        "Collection": _text(root_header, "CollectionDetails/Collection"),
        "Year": _text(root_header, "CollectionDetails/Year"),
        "ReferenceDate": _text(root_header, "CollectionDetails/ReferenceDate"),
        "LEA": _text(root_header, "Source/LEA"),
    }


def _year_from(
    header: dict[str, str | None], *, file: str, year: int | None, issues: list[ReturnIssue]
) -> tuple[int, dt.date]:
    def issue(column: str, value: str | None, reason: str) -> None:
        issues.append(ReturnIssue(file=file, table="header", child=None, column=column,
                                  value=value, reason=reason))  # fmt: skip

    text = header.get("ReferenceDate")
    reference: dt.date | None = None
    if text is None:
        issue("ReferenceDate", None, "required element missing or blank")
    else:
        try:
            reference = dt.date.fromisoformat(text)
        except ValueError:
            issue("ReferenceDate", text, "not a date (YYYY-MM-DD)")
    if header.get("Collection") not in (None, "CIN"):
        issue("Collection", header.get("Collection"), "not a CIN census (Collection is not CIN)")
    found = year or (reference.year if reference else None) or SUPPORTED_YEARS[-1]
    if found not in SUPPORTED_YEARS:
        issue(
            "ReferenceDate",
            text,
            f"collection year {collection_year_label(found)} is not one read here "
            f"({collection_year_label(SUPPORTED_YEARS[0])} to "
            f"{collection_year_label(SUPPORTED_YEARS[-1])}); checked against "
            f"{collection_year_label(SUPPORTED_YEARS[-1])}",
        )
        found = SUPPORTED_YEARS[-1]
    return found, reference or dt.date(found, 3, 31)


def load_cin(
    source: str | Path | IO[bytes], *, year: int | None = None, name: str | None = None
) -> CinCensus:
    """Read and check a CIN census XML file (a path or a binary file object).

    ``year`` (the closing year, 2025 for 2024-25) overrides the header's ``ReferenceDate``.
    Raises :class:`ReturnError` only when the file cannot be read as a CIN census at all."""
    file = name or (str(source) if isinstance(source, str | Path) else "cin.xml")
    if isinstance(source, str | Path):
        try:
            handle: IO[bytes] = Path(source).open("rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise _fatal(file, f"cannot be opened: {exc.strerror or exc}") from None
        close: Callable[[], None] = handle.close
    else:
        handle, close = source, lambda: None
    try:
        head = handle.read(65536)
        refuse_doctype(head, file)
        handle.seek(0)
        return _parse(handle, file=file, year=year)
    finally:
        close()


def _parse(handle: IO[bytes], *, file: str, year: int | None) -> CinCensus:
    rows = _Rows()
    counters = [0, 0, 0]
    issues: list[ReturnIssue] = []
    sex_tags: list[str] = []
    header: dict[str, str | None] = {}
    root: ET.Element | None = None
    parent: ET.Element | None = None
    try:
        # The prolog was checked for a DOCTYPE first: without one no entity can be declared.
        for event, elem in ET.iterparse(handle, events=("start", "end")):  # noqa: S314
            if event == "start":
                if root is None:
                    root = elem
                    if elem.tag != "Message":
                        raise _fatal(file, f"not a CIN census: the root element is <{elem.tag}>, "
                                           "not <Message>")  # fmt: skip
                elif elem.tag == "Children":
                    parent = elem
                continue
            if elem.tag == "Child":
                _read_child(elem, rows, counters, sex_tags)
                elem.clear()
                if parent is not None:
                    parent.clear()  # read children are dropped: memory stays flat
            elif elem.tag == "Header":
                header = _header(elem)
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":")[0]
        raise _fatal(
            file, f"not well-formed XML at line {line}, column {column}: {message}"
        ) from None
    if root is None:
        raise _fatal(file, "empty file")
    if not header:
        issues.append(ReturnIssue(file=file, table="header", child=None, column="Header",
                                  value=None, reason="the census has no <Header>"))  # fmt: skip
    found_year, reference = _year_from(header, file=file, year=year, issues=issues)
    tables = {name: _typed(name, raw, file=file, issues=issues) for name, raw in rows.cols.items()}
    if sex_tags and found_year >= 2025:
        issues.append(
            ReturnIssue(
                file=file, table="children", child=sex_tags[0], column="GenderCurrent",
                value=None, severity=Severity.WARNING,
                reason=f"{len(sex_tags)} child(ren) recorded with <GenderCurrent>, which the "
                f"census replaced with <Sex> (M, F, U) from 2024-25: codes translated",
            )
        )  # fmt: skip
    issues.extend(_duplicates(tables["children"], file))
    issues.extend(_births(tables["children"], file))
    return CinCensus(
        file=file,
        year=found_year,
        reference_date=reference,
        lea=header.get("LEA"),
        tables=tables,
        issues=tuple(issues),
    )


def _duplicates(children: pl.DataFrame, file: str) -> list[ReturnIssue]:
    dup = children.filter(pl.col(CHILD).is_not_null() & pl.col(CHILD).is_duplicated())
    return [
        ReturnIssue(file=file, table="children", child=child, column=CHILD, value=child,
                    reason="the same LAchildID is used for more than one <Child>")
        for child in dup.get_column(CHILD).unique(maintain_order=True).to_list()
    ]  # fmt: skip


def _births(children: pl.DataFrame, file: str) -> list[ReturnIssue]:
    bad = pl.col("PersonBirthDate").is_null() & pl.col("ExpectedPersonBirthDate").is_null()
    return issues_where(
        children, bad, file=file, table="children", column="PersonBirthDate",
        reason="neither PersonBirthDate nor ExpectedPersonBirthDate is given", child_col=CHILD,
    )  # fmt: skip
