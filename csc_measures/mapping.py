"""A council's own column names: which template column each of its renamed headers means.

A council that renames columns in its export maps them once instead of editing every extract.
A mapping is a plain dict, list number → {the council's header: the template column it means}
(``{5: {"S47 start": "Strategy discussion initiating Section 47 Enquiry Start Date"}}``). The
template column may be written as the engine's name or any header the templates know it by;
:func:`resolve_mapping` turns it into the engine's column and refuses anything else, naming
the entry. Headers are compared after folding (:func:`~csc_measures.schema.normalise_header`),
so ``S47 start`` also maps ``S47 START``.

The web app keeps one mapping per authority; the command line reads a mapping file
(:func:`read_mapping_file`): a CSV file with the columns ``list,header,column``, or a JSON file
holding ``{"5": {"S47 start": "Strategy discussion …"}}``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from csc_measures.issues import AnnexAError, Issue
from csc_measures.schema import DUPLICATE_MARK, LISTS, normalise_header
from csc_measures.templates import header_keys

#: list number → {council's header: template column}
ColumnMap = Mapping[int, Mapping[str, str]]


def template_column(list_no: int, column: str) -> str | None:
    """The engine column a template column name (engine name or any known header) stands for,
    or None when the list has no such column (or no measure uses it)."""
    if list_no not in LISTS:
        return None
    return header_keys(LISTS[list_no]).get(normalise_header(column))


def resolve_mapping(
    mapping: ColumnMap | None, *, source: str = "column mapping"
) -> dict[int, dict[str, str]]:
    """The mapping as list number → {folded council header: engine column}. Raises
    :class:`AnnexAError` naming every entry whose list or template column is unknown."""
    resolved: dict[int, dict[str, str]] = {}
    problems: list[Issue] = []
    for list_no, entries in (mapping or {}).items():
        number = int(list_no)
        if number not in LISTS:
            problems.append(
                Issue(None, None, None, str(list_no), f"{source}: no Annex A list has this number")
            )
            continue
        for header, column in entries.items():
            key = normalise_header(header)
            engine = template_column(number, column)
            if not key:
                problems.append(Issue(number, None, None, header, f"{source}: blank header"))
            elif engine is None:
                problems.append(
                    Issue(
                        number,
                        None,
                        header,
                        column,
                        f"{source}: not a column of {LISTS[number].title} that a measure uses",
                    )
                )
            else:
                resolved.setdefault(number, {})[key] = engine
    if problems:
        raise AnnexAError(problems)
    return resolved


def read_mapping_file(path: Path) -> dict[int, dict[str, str]]:
    """Read a mapping file: CSV with the columns ``list,header,column`` (one line per renamed
    header), or JSON ``{"<list>": {"<header>": "<template column>"}}``. Returns the mapping as
    written (check it with :func:`resolve_mapping`); a file that cannot be read raises
    :class:`AnnexAError` naming the file and line."""

    def fail(reason: str, row: int | None = None) -> AnnexAError:
        return AnnexAError([Issue(None, row, None, str(path), reason)])

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"mapping file cannot be read: {exc}") from exc
    mapping: dict[int, dict[str, str]] = {}
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise fail(f"mapping file is not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise fail('mapping file: expected {"<list>": {"<header>": "<template column>"}}')
        for list_no, entries in data.items():
            if not str(list_no).strip().isdigit() or not isinstance(entries, dict):
                raise fail(f'mapping file: "{list_no}" is not a list number with its headers')
            for header, column in entries.items():
                if not isinstance(column, str):
                    raise fail(f'mapping file: the column for "{header}" is not text')
                mapping.setdefault(int(list_no), {})[header] = column
        return mapping
    reader = csv.DictReader(io.StringIO(text, newline=""))
    wanted = {"list", "header", "column"}
    found = {(f or "").strip().casefold() for f in reader.fieldnames or ()}
    if not wanted <= found:
        raise fail("mapping file: the first line must name the columns list,header,column", 1)
    for line, record in enumerate(reader, start=2):
        row = {(k or "").strip().casefold(): (v or "").strip() for k, v in record.items()}
        if not any(row.values()):
            continue
        if not row["list"].isdigit():
            raise fail(f"mapping file: list '{row['list']}' is not a list number", line)
        mapping.setdefault(int(row["list"]), {})[row["header"]] = row["column"]
    return mapping


def merge_mappings(*mappings: ColumnMap | None) -> dict[int, dict[str, str]]:
    """One mapping from several; a later one wins for a header both map."""
    merged: dict[int, dict[str, str]] = {}
    for mapping in mappings:
        for list_no, entries in (mapping or {}).items():
            merged.setdefault(int(list_no), {}).update(entries)
    return merged


@dataclass(frozen=True)
class HeaderGaps:
    """A list's headers that match no column of the list (``unrecognised``) and the columns
    measures need that no header matched (``missing``, engine names), after the mapping."""

    unrecognised: tuple[str, ...]
    missing: tuple[str, ...]


def header_gaps(
    list_no: int, headers: Sequence[str], mapping: ColumnMap | None = None
) -> HeaderGaps:
    """What a mapping could fix in one list: its unrecognised headers and missing columns."""
    spec = LISTS[list_no]
    keys = header_keys(spec)
    mapped = resolve_mapping(mapping).get(list_no, {})
    unrecognised: list[str] = []
    present: set[str] = set()
    for header in headers:
        shown = header.replace(DUPLICATE_MARK, "")
        key = normalise_header(shown)
        if not key or key.startswith("__unnamed"):
            continue
        engine = mapped.get(key, keys.get(key))
        if engine is not None:
            present.add(engine)
        elif key not in keys:
            unrecognised.append(" ".join(shown.split()))
    missing = [c.name for c in spec.columns if not c.optional and c.name not in present]
    return HeaderGaps(tuple(dict.fromkeys(unrecognised)), tuple(missing))


def columns_of(list_no: int, *, only: Collection[str] | None = None) -> list[str]:
    """The engine columns of a list that a mapping may point to (all, or those in ``only``)."""
    return [c.name for c in LISTS[list_no].columns if only is None or c.name in only]
