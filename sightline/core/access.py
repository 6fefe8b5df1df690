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
