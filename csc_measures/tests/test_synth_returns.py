"""The synthetic CIN census and SSDA903: same authority as the Annex A, read back cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from csc_measures.returns import load_cin, load_ssda903
from csc_measures.synth.cli import main
from csc_measures.synth.generate import build_lists

#: Fixed inputs, no dates from the clock: not rerun by `make test-dates` (ADR 0017).
pytestmark = pytest.mark.clock_free

AS_OF = dt.date(2025, 3, 31)
OPTIONS = ["--as-of", "2025-03-31", "--scale", "0.1", "--seed", "3"]


def test_synth_cin_is_read_back_without_issues_and_is_deterministic(tmp_path: Path) -> None:
    assert main(["cin", "--out", str(tmp_path / "a.xml"), *OPTIONS]) == 0
    assert main(["cin", "--out", str(tmp_path / "b.xml"), *OPTIONS]) == 0
    assert (tmp_path / "a.xml").read_bytes() == (tmp_path / "b.xml").read_bytes()
    census = load_cin(tmp_path / "a.xml")
    assert census.issues == ()
    assert census.year == 2025
    assert census.table("children").height > 100
    assert census.table("cp_plans").height > 5
    # the same children as the Annex A of the same options
    _, lists = build_lists(as_of=AS_OF, months=12, scale=0.1, seed=3)
    referred = {row[0] for row in lists[3]}
    in_census = set(census.table("children").get_column("LAchildID"))
    assert referred <= in_census


def test_synth_903_is_read_back_and_matches_the_annex_a(tmp_path: Path) -> None:
    assert main(["ssda903", "--out", str(tmp_path / "903"), *OPTIONS]) == 0
    ret = load_ssda903(tmp_path / "903")
    assert ret.issues == ()
    assert ret.year == 2025
    assert set(ret.tables) == {
        "header", "episodes", "reviews", "uasc", "oc2", "oc3", "ad1", "placed_for_adoption",
        "prev_perm", "missing", "social_worker",
    }  # fmt: skip
    assert set(ret.table("header").get_column("SEX").unique()) <= {"M", "F", "U"}
    headers, lists = build_lists(as_of=AS_OF, months=12, scale=0.1, seed=3)
    ceased = headers[8].index("Date Ceased to be Looked After")
    looked_after_at_end = {row[0] for row in lists[8] if row[ceased] is None}
    open_episodes = ret.table("episodes").filter(pl.col("DEC").is_null())
    assert set(open_episodes.get_column("CHILD")) == looked_after_at_end


def test_messy_returns_carry_the_errors_the_reader_sees(tmp_path: Path) -> None:
    assert main(["cin", "--out", str(tmp_path / "m.xml"), "--messy", *OPTIONS]) == 0
    assert main(["ssda903", "--out", str(tmp_path / "m903"), "--messy", *OPTIONS]) == 0
    cin_columns = {i.column for i in load_cin(tmp_path / "m.xml").issues}
    assert {"ReferralSource", "Ethnicity"} <= cin_columns
    ret_columns = {i.column for i in load_ssda903(tmp_path / "m903").issues}
    assert {"SEX", "PLACE", "IN_TOUCH"} <= ret_columns
