"""A synthetic authority: the fictional county of Anyshire and its Annex A extracts.

Everything this package produces is invented. Child identifiers start with ``SYN`` so that a
synthetic file can never be mistaken for a real extract.
"""

from csc_measures.synth.generate import build_lists, generate_annex_a
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
    "locality_of",
    "team_workers",
]
