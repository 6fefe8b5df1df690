"""The workforce measure definitions, each with a small hand-computed case."""

from __future__ import annotations

from datetime import date

import pytest

from sightline.workforce.measures import (
    OpenVacancy,
    Spell,
    add_months,
    agency_rate,
    caseload_summary,
    children_with_many_workers,
    figures_on,
    month_end,
    turnover_rate,
    vacancy_rate,
)

DAY = date(2025, 3, 31)


def spell(staff_id: int, *, agency: bool = False, fte: float = 1.0, start: date = date(2024, 1, 1),
          end: date | None = None, left: date | None = None, engaged: date | None = None,
          team: int = 1) -> Spell:  # fmt: skip
    return Spell(staff_id, team, agency, fte, start, end, engaged or start, left)


def test_rates_follow_the_dfe_definitions() -> None:
    # 2 agency FTE beside 8 employed: 2 / 10 = 20%.
    assert agency_rate(agency_fte=2, employed_fte=8) == 20.0
    # 1.5 vacancy FTE beside 8.5 employed: 1.5 / 10 = 15%.
    assert vacancy_rate(vacancy_fte=1.5, employed_fte=8.5) == 15.0
    # 3 leavers' FTE over 12 months, 12 employed FTE in post: 25%.
    assert turnover_rate(leavers_fte=3, employed_fte=12) == 25.0


def test_rates_with_nothing_to_divide_by_are_not_computable_not_zero() -> None:
    assert agency_rate(agency_fte=0, employed_fte=0) is None
    assert turnover_rate(leavers_fte=1, employed_fte=0) is None


def test_figures_on_a_day_by_hand() -> None:
    spells = [
        spell(1, fte=1.0),  # permanent, in post
        spell(2, fte=0.5),  # permanent part-time, in post
        spell(3, agency=True, fte=1.0),  # agency, in post
        # permanent who left on 31/12/2024 (within 12 months): a leaver, not in post
        spell(4, fte=0.8, end=date(2025, 1, 1), left=date(2024, 12, 31)),
        # permanent who left on 31/01/2024: more than 12 months ago, not counted
        spell(5, fte=1.0, start=date(2020, 1, 1), end=date(2024, 2, 1), left=date(2024, 1, 31)),
        # agency who started 01/11/2024 and left 15/01/2025: under 3 months, an early leaver
        spell(
            6, agency=True, start=date(2024, 11, 1), end=date(2025, 1, 16), left=date(2025, 1, 15)
        ),
        # agency who stayed 4 months: a leaver but not early
        spell(
            7, agency=True, start=date(2024, 6, 1), end=date(2024, 10, 2), left=date(2024, 10, 1)
        ),
        # moved team on 01/03/2025: their old spell ends but they did not leave
        spell(8, start=date(2023, 1, 1), end=date(2025, 3, 1), team=2),
        # starts tomorrow: not in post yet
        spell(9, start=date(2025, 4, 1)),
    ]
    vacancies = [
        OpenVacancy(1, 1.0, date(2025, 1, 1), None, True),  # open, covered by agency
        OpenVacancy(1, 0.5, date(2025, 2, 1), date(2025, 3, 31), False),  # filled on the day
        OpenVacancy(1, 1.0, date(2024, 1, 1), date(2024, 6, 1), False),  # filled long ago
    ]
    fig = figures_on(spells=spells, vacancies=vacancies, day=DAY)
    assert (fig.permanent, fig.permanent_fte) == (2, 1.5)
    assert (fig.agency, fig.agency_fte) == (1, 1.0)
    assert fig.headcount == 3
    assert fig.fte == 2.5
    assert (fig.vacancies, fig.vacancy_fte, fig.vacancies_covered) == (1, 1.0, 1)
    assert (fig.leavers, fig.leavers_fte) == (1, 0.8)
    assert (fig.agency_leavers, fig.agency_early_leavers) == (2, 1)
    assert fig.agency_rate == 40.0  # 1 / (1 + 1.5)
    assert fig.vacancy_rate == 40.0  # 1 / (1 + 1.5)
    assert fig.turnover_rate == 53.33  # 0.8 / 1.5


def test_a_worker_in_post_is_counted_once_even_with_two_spells_on_the_day() -> None:
    spells = [spell(1, end=date(2025, 4, 1)), spell(1, start=date(2025, 3, 1))]
    assert figures_on(spells=spells, vacancies=[], day=DAY).headcount == 1


def test_caseload_summary_by_hand() -> None:
    # Workers holding 10, 18, 20, 22 and 30 children (0 is not a caseload).
    summary = caseload_summary([10, 18, 20, 22, 30, 0])
    assert summary.workers == 5
    assert summary.children == 100
    assert summary.average == 20.0
    assert summary.at_or_under_18 == 40.0  # 10 and 18
    assert summary.at_or_under_22 == 80.0  # and 20, 22
    assert caseload_summary([]).average is None


def test_children_with_three_or_more_workers() -> None:
    workers = {
        "A": ["W1", "W2", "W3"],  # three: counted
        "B": ["W1", "W1", "W2"],  # two distinct
        "C": ["W4"],
        "D": ["", ""],  # never allocated: not in the denominator
    }
    assert children_with_many_workers(workers) == (1, 3)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2025, 1, 15), -12, date(2024, 1, 15)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_month_end() -> None:
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2025, 12) == date(2025, 12, 31)


def test_suppress_hides_one_to_four_only_when_asked() -> None:
    from sightline.kernel.disclosure import policy

    assert [policy(suppress=True).count(n) for n in (0, 1, 4, 5)] == [0, None, None, 5]
    assert policy(suppress=False).count(3) == 3


def test_caseload_bands_by_hand() -> None:
    from sightline.workforce.measures import caseload_bands

    counts = [0, 1, 12, 13, 18, 19, 22, 23, 26, 27, 40]
    assert caseload_bands(counts) == [
        ("1 to 12", 2),
        ("13 to 18", 2),
        ("19 to 22", 2),
        ("23 to 26", 2),
        ("27 or more", 2),
    ]
