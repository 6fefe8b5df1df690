"""A synthetic authority: the fictional county of Anyshire and its Annex A extracts.

Everything this package produces is invented. Child identifiers start with ``SYN`` so that a
synthetic file can never be mistaken for a real extract.

>>> from datetime import date
>>> from pathlib import Path
>>> from csc_measures.synth import generate_annex_a
>>> generate_annex_a(Path("annex_a.xlsx"), fmt="xlsx", as_of=date(2025, 10, 31),
...                  months=24, scale=1, seed=1, messy=False)  # doctest: +SKIP

Command line (``sightline synth annex-a …`` in the product)::

    python -m csc_measures.synth.cli annex-a --out PATH [--format xlsx|csv] \
        --as-of 2025-10-31 --months 24 --scale 1 --seed 1 [--messy] [--monthly N] \
        [--template 2024|2019]

The files are laid out as Ofsted's Annex A template (``template="2024"`` by default, or
``"2019"``), with its sheet names and headers taken from :mod:`csc_measures.templates`: an
.xlsx workbook as the template ships (title row ``List 1: Contacts`` in row 1, headers in row
2), or ``list_N.csv`` files as councils save them (headers in row 1). For 2019 the columns the
2019 template lacks are left out, so the measures that need them are not computable.

- :func:`generate_annex_a_series`: monthly extracts of one simulated authority (for the
  history of snapshot measures, as successive monthly imports).
- :data:`LOCALITIES`: locality (or ``Countywide Services``) → team names, exactly as in the
  ``Allocated Team`` column; :func:`team_workers` gives a team's worker pseudonyms.
- :func:`csc_measures.synth.layout.written_columns`: the headers written for each list and
  template, and the simulated field that fills each.
"""

from csc_measures.synth.generate import build_lists, generate_annex_a, generate_annex_a_series
from csc_measures.synth.organisation import (
    AUTHORITY_NAME,
    LOCALITIES,
    all_teams,
    locality_of,
    team_workers,
)

__all__ = [
    "AUTHORITY_NAME",
    "LOCALITIES",
    "all_teams",
    "build_lists",
    "generate_annex_a",
    "generate_annex_a_series",
    "locality_of",
    "team_workers",
]
