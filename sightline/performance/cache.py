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
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from sightline.organisation.models import Authority, Locality, Team, TeamPlacement

from .models import AnnexAImport, BenchmarkLoad, SpcRebase, Target

T = TypeVar("T")
TIMEOUT = 60 * 60


def figures_version(*, authority: Authority) -> str:
    """Changes whenever anything the performance pages show could have changed."""
    parts = [
        timezone.localdate().isoformat(),  # targets take effect from a date
        AnnexAImport.objects.filter(authority=authority).aggregate(
            n=Count("pk"), last=Max("imported_at"), decided=Max("decided_at")
        ),
        # Which imports are in use: a rollback changes this without a new import.
        list(
            AnnexAImport.objects.filter(
                authority=authority, status=AnnexAImport.Status.IMPORTED
            ).values_list("pk", flat=True)
        ),
        Target.objects.filter(authority=authority).aggregate(n=Count("pk"), last=Max("set_at")),
        SpcRebase.objects.filter(authority=authority).aggregate(n=Count("pk"), last=Max("pk")),
        BenchmarkLoad.objects.aggregate(last=Max("pk")),
        Locality.objects.filter(authority=authority).aggregate(n=Count("pk"), last=Max("pk")),
        Team.objects.filter(authority=authority).aggregate(n=Count("pk"), last=Max("pk")),
        TeamPlacement.objects.filter(team__authority=authority).aggregate(
            n=Count("pk"), last=Max("pk")
        ),
        authority.benchmark_as_id,
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def cached(version: str, key: tuple[object, ...], compute: Callable[[], T]) -> T:
    """``compute()``'s answer for ``key`` at ``version``, from the cache when it is there."""
    full = "perf:" + version + ":" + hashlib.sha256(repr(key).encode()).hexdigest()[:24]
    found = cache.get(full)
    if found is None:
        found = compute()
        cache.set(full, found, TIMEOUT)
    return found  # type: ignore[no-any-return]
