"""Writing the extract as an .xlsx workbook or a folder of CSV files, optionally messy."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from random import Random

from csc_measures import schema as s
from csc_measures.synth import layout
from csc_measures.synth.extract import Row
from csc_measures.synth.layout import TemplateYear
from csc_measures.synth.xlsx import write_workbook

NBSP = "\u00a0"
#: Fixed document properties: the same seed gives the same bytes.
_PROPERTIES = {
    "title": "Annex A (synthetic) - Anyshire County Council",
    "subject": "Synthetic Ofsted Annex A extract: no real child is described",
    "author": "Sightline synthetic authority generator",
    "company": "Anyshire (fictional)",
    "comments": "Synthetic data only. Child Unique IDs start with SYN.",
    "created": "2000-01-01T00:00:00Z",
}

#: Date columns (by list, as the engine names them) that messy mode may spoil.
_MESSY_DATE_COLUMNS: dict[int, tuple[str, ...]] = {
    1: (s.CONTACT_DATE,),
    3: (s.REFERRAL_DATE,),
    4: (s.ASSESS_START, s.ASSESS_AUTHORISED),
    5: (s.S47_START,),
    6: (s.CIN_START, s.CIN_LAST_SEEN),
    7: (s.CP_START, s.CP_LAST_VISIT),
    8: (s.LA_START, s.LA_LAST_VISIT),
}


def shape(
    lists: dict[int, list[Row]], template: TemplateYear
) -> tuple[dict[int, list[str]], dict[int, list[Row]]]:
    """The extract's rows laid out as ``template``'s lists: its headers, in its order; fields
    the template lacks left out, template columns the simulation does not model left blank."""
    headers: dict[int, list[str]] = {}
    shaped: dict[int, list[Row]] = {}
    for n, rows in lists.items():
        columns = layout.written_columns(template, n)
        headers[n] = [header for header, _ in columns]
        fields = [field for _, field in columns]
        shaped[n] = [[None if f is None else row[f] for f in fields] for row in rows]
    return headers, shaped


def uk_date(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def make_messy(
    lists: dict[int, list[Row]], headers: dict[int, list[str]], seed: int, template: TemplateYear
) -> dict[int, list[str]]:
    """Add the mess of real exports to lists laid out as ``template`` (:func:`shape`), in
    place; returns the (messy) headers of each list.

    - headers: a trailing space, a non-breaking space, different case;
    - values: Yes/No written as ``Yes``, ``Y``, ``no``…; a few prefixes dropped
      (``6: Police``); stray leading/trailing spaces and non-breaking spaces;
    - a few blank ``Allocated Team`` cells;
    - a few impossible or textual dates (``31/02/2024``, ``TBC``) in key date columns;
    - exact duplicate rows.
    """
    rng = Random(seed * 104729 + 3)
    messy: dict[int, list[str]] = {}
    for n, rows in lists.items():
        clean = headers[n]
        names = list(clean)
        messy[n] = names
        for k in rng.sample(range(len(names)), k=min(2, len(names))):
            style = rng.randrange(3)
            if style == 0:
                names[k] = names[k] + " "
            elif style == 1 and " " in names[k]:
                names[k] = names[k].replace(" ", NBSP, 1)
            else:
                names[k] = names[k].upper()
        team_col = clean.index(s.TEAM) if s.TEAM in clean else -1
        engine = [col.engine for col in layout.template_list(template, n).columns]
        date_cols = [engine.index(c) for c in _MESSY_DATE_COLUMNS.get(n, ()) if c in engine]
        for row in rows:
            for i, value in enumerate(row):
                if isinstance(value, str) and value:
                    row[i] = _mess_text(rng, value)
            if team_col >= 0 and rng.random() < 0.015:
                row[team_col] = rng.choice((None, "", " "))
            if date_cols and rng.random() < 0.002:
                col = rng.choice(date_cols)
                value = row[col]
                year = value.year if isinstance(value, date) else 2024
                row[col] = rng.choice((f"31/02/{year}", f"30/02/{year}", "TBC", "00/00/0000"))
        if n <= 8 and rows:
            extra = max(1, round(len(rows) * 0.005))
            for k in sorted(rng.sample(range(len(rows)), k=min(extra, len(rows))), reverse=True):
                rows.insert(k + 1, list(rows[k]))
    return messy


def _mess_text(rng: Random, value: str) -> str:
    r = rng.random()
    if value in (layout.YES, layout.NO) and r < 0.12:
        yes = value == layout.YES
        return rng.choice(("Yes", "Y", "yes", "YES") if yes else ("No", "N", "no", "NO"))
    if r < 0.03 and len(value) > 3 and value[1:3] == ") ":
        return value[3:]
    if r > 0.985:
        return rng.choice((" ", NBSP, "  ")) + value
    if r > 0.97:
        return value + rng.choice((" ", NBSP, "  "))
    return value


def write_xlsx(
    path: Path,
    lists: dict[int, list[Row]],
    headers: dict[int, list[str]],
    template: TemplateYear,
) -> None:
    """One sheet per list, named as ``template`` names it, with its title row (``List 1:
    Contacts``) above the headers, as Ofsted ships the template."""
    tables = []
    for n, rows in lists.items():
        listed = layout.template_list(template, n)
        tables.append((listed.sheet, headers[n], rows, listed.title))
    write_workbook(path, tables, _PROPERTIES)


def write_csv(folder: Path, lists: dict[int, list[Row]], headers: dict[int, list[str]]) -> None:
    """``list_N.csv`` per list, headers in row 1 (no title row), as councils save them."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, rows in lists.items():
        with (folder / layout.CSV_NAMES[n]).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(headers[n])
            writer.writerows(
                ["" if v is None else uk_date(v) if isinstance(v, date) else v for v in row]
                for row in rows
            )
