"""Reads about people's accounts, within one authority."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Q, QuerySet, Sum

from sightline.organisation.models import Authority

from .models import User


def user_list(*, authority: Authority, search: str = "", role: str = "") -> QuerySet[User]:
    qs = User.objects.filter(authority=authority).select_related("locality", "team")
    if search:
        qs = qs.filter(
            Q(username__icontains=search)
            | Q(first_name__icontains=search)
            | Q(last_name__icontains=search)
            | Q(email__icontains=search)
        )
    if role:
        qs = qs.filter(role=role)
    return qs.order_by("username")


def locked_out_usernames(*, authority: Authority) -> set[str]:
    """Usernames in this authority locked by repeated failed sign-ins."""
    usernames = set(
        AccessAttempt.objects.values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .values_list("username", flat=True)
    )  # per account, summed over every address it was tried from
    return set(
        User.objects.filter(authority=authority, username__in=usernames).values_list(
            "username", flat=True
        )
    )


def never_signed_in_count(*, authority: Authority) -> int:
    """Active accounts in this authority that have never signed in."""
    return User.objects.filter(authority=authority, is_active=True, last_login__isnull=True).count()
