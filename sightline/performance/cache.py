"""Cache what the performance pages compute, keyed by a version of the figures.

Working out the dashboard (every measure's series, targets, SPC and comparators) takes far
longer than serving it, and its inputs change only when someone imports an extract, sets a
target, rebases a chart, loads benchmarks or changes the organisation. The version below
changes with each of those, so a cached answer is never stale: a new version simply misses.
See docs/adr/0008-dashboard-cache.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Count, F, Max, Min, QuerySet, Subquery, Sum, Value
from django.utils import timezone

from sightline.organisation.models import Authority, Locality, Team, TeamPlacement

from .models import AnnexAImport, BenchmarkLoad, SpcRebase, Target

T = TypeVar("T")
TIMEOUT = 60 * 60


def _one(queryset: QuerySet[Any], **aggregates: Any) -> dict[str, Subquery]:
    """Each aggregate over ``queryset`` as a scalar subquery (one row, grouped by nothing)."""
    base = queryset.order_by().annotate(_all=Value(1)).values("_all")
    return {
        name: Subquery(base.annotate(**{name: expr}).values(name)[:1])
        for name, expr in aggregates.items()
    }


def figures_version(*, authority: Authority) -> str:
    """Changes whenever anything the performance pages show could have changed.

    One query (scalar subqueries over imports, targets, rebases, benchmark loads, localities,
    teams and team moves): it runs on every request to a performance page."""
    imports = AnnexAImport.objects.filter(authority=authority)
    in_use = imports.filter(status=AnnexAImport.Status.IMPORTED)
    parts = Authority.objects.filter(pk=authority.pk).annotate(
        **_one(imports, i_n=Count("pk"), i_last=Max("imported_at"), i_dec=Max("decided_at")),
        # Which imports are in use: a rollback changes this without a new import.
        **_one(
            in_use,
            u_n=Count("pk"),
            u_sum=Sum("pk"),
            u_sq=Sum(F("pk") * F("pk")),
            u_min=Min("pk"),
            u_max=Max("pk"),
        ),
        **_one(Target.objects.filter(authority=authority), t_n=Count("pk"), t_last=Max("set_at")),
        **_one(SpcRebase.objects.filter(authority=authority), r_n=Count("pk"), r_last=Max("pk")),
        **_one(BenchmarkLoad.objects.all(), b_last=Max("pk")),
        **_one(Locality.objects.filter(authority=authority), l_n=Count("pk"), l_last=Max("pk")),
        **_one(Team.objects.filter(authority=authority), m_n=Count("pk"), m_last=Max("pk")),
        **_one(
            TeamPlacement.objects.filter(team__authority=authority),
            p_n=Count("pk"),
            p_last=Max("pk"),
        ),
    )
    names: tuple[str, ...] = (
        "i_n",
        "i_last",
        "i_dec",
        "u_n",
        "u_sum",
        "u_sq",
        "u_min",
        "u_max",
        "t_n",
    )
    names += ("t_last", "r_n", "r_last", "b_last", "l_n", "l_last", "m_n", "m_last", "p_n")
    names += ("p_last", "benchmark_as_id")
    values = parts.values_list(*names).first()
    # targets take effect from a date
    key = [timezone.localdate().isoformat(), values]
    return hashlib.sha256(repr(key).encode()).hexdigest()[:16]


def cached(version: str, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()``'s answer for ``key`` at ``version``, from the cache when it is there."""
    full = "perf:" + version + ":" + hashlib.sha256(repr(key).encode()).hexdigest()[:24]
    found = cache.get(full)
    if found is None:
        found = compute()
        cache.set(full, found, TIMEOUT)
    return found  # type: ignore[no-any-return]
