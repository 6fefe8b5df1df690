"""Small reports fixtures: figures stored as an import would store them, and reports made by
the real services."""

from __future__ import annotations

from datetime import date

from csc_measures.dates import add_months
from sightline.accounts.models import User
from sightline.organisation.models import Authority
from sightline.performance.models import AnnexAImport, StoredMeasureValue
from sightline.reports import services
from sightline.reports.models import Report

OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


def months_to(last: str, n: int) -> list[str]:
    """The ``n`` months ending at ``last`` (``2026-10``), oldest first."""
    year, month = (int(x) for x in last.split("-"))
    end = date(year, month, 1)
    return [f"{add_months(end, -back):%Y-%m}" for back in range(n - 1, -1, -1)]


def store(
    authority: Authority,
    figures: dict[str, list[tuple[str, int, int | None, float | None]]],
    *,
    extract_date: date = date(2026, 11, 5),
) -> AnnexAImport:
    """One imported extract holding ``measure → [(period, numerator, denominator, value)]``."""
    imp = AnnexAImport.objects.create(
        authority=authority,
        extract_date=extract_date,
        original_name="a.xlsx",
        stored_file="imports/a.xlsx",
        size=1,
        sha256="0" * 64,
        status=AnnexAImport.Status.IMPORTED,
    )
    StoredMeasureValue.objects.bulk_create(
        StoredMeasureValue(
            annex_import=imp,
            authority=authority,
            measure_id=measure_id,
            period=period,
            unit="la",
            numerator=num,
            denominator=den,
            value=value,
        )
        for measure_id, rows in figures.items()
        for period, num, den, value in rows
    )
    return imp


def percent_series(values: list[float], last: str = "2026-10", denominator: int = 200):
    """Percentages as stored (numerator out of ``denominator``)."""
    return [
        (period, round(v * denominator / 100), denominator, v)
        for period, v in zip(months_to(last, len(values)), values, strict=True)
    ]


def count_series(values: list[int], last: str = "2026-10"):
    return [
        (period, v, None, float(v))
        for period, v in zip(months_to(last, len(values)), values, strict=True)
    ]


def new_report(
    authority: Authority,
    *,
    type: str = "board_pack",  # noqa: A002
    audience: str | None = None,
    by: str = "director",
    based_on: Report | None = None,
) -> Report:
    from sightline.reports.types import TYPES

    return services.report_create(
        by=User.objects.get(username=by),
        authority=authority,
        type=type,
        audience=audience or TYPES[type].audience,
        period_start=OCTOBER[0],
        period_end=OCTOBER[1],
        based_on=based_on,
    )


def published(report: Report) -> Report:
    director = User.objects.get(username="director")
    services.report_submit(by=director, report=report)
    services.report_approve(by=director, report=report)
    return services.report_publish(by=director, report=report)
