"""View helpers that apply the permission layer (so views stay thin and uniform)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

if TYPE_CHECKING:
    from sightline.accounts.models import User
    from sightline.organisation.models import Authority

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


def require(predicate: Callable[[User], bool]) -> Callable[[ViewFunc], ViewFunc]:
    """Deny (403) unless ``predicate(request.user)`` holds. Anonymous users never get here:
    the login-required middleware sends them to sign-in first."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not predicate(cast("User", request.user)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.sightline_predicate = predicate  # type: ignore[attr-defined]
        return cast(ViewFunc, wrapped)

    return decorator


def ensure(allowed: bool) -> None:
    """Raise 403 unless ``allowed`` (for checks that need an object, e.g. a unit)."""
    if not allowed:
        raise PermissionDenied


def user_of(request: HttpRequest) -> User:
    """The signed-in user (the login-required middleware lets no one else reach a view)."""
    return cast("User", request.user)


def authority_of(request: HttpRequest) -> Authority:
    """The signed-in user's authority; 403 for an account without one (a system
    administrator, say), which no authority's page is for."""
    authority = user_of(request).authority
    ensure(authority is not None)
    assert authority is not None  # noqa: S101 - ensured above
    return authority
