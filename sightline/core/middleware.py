"""Responses to signed-in people are never stored by a browser or a proxy.

Sightline's pages for signed-in people hold children's IDs, staff names and figures built on
them; ``Cache-Control: no-store, private`` keeps them out of shared caches and off the disk
of a shared computer (the back button then asks the server again). Static files are served
before this middleware runs (WhiteNoise) and keep their long cache lifetimes; a view may mark a
response that holds nothing private (the council's logo) ``sightline_may_cache = True`` to keep
its own caching headers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from sightline.kernel.logs import request_id_from, request_id_var


class PrivateNoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not getattr(response, "sightline_may_cache", False)
        ):
            patch_cache_control(response, no_store=True, private=True)
        return response


class RequestIdMiddleware:
    """Gives each request an ID for the logs (``sightline.kernel.logs``) and returns it in the
    ``X-Request-ID`` response header, so a person reporting a problem can quote it and the
    logs of every process that served it can be found."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get("X-Request-ID"))
        # Not reset on the way out: Django's "Not Found" and gunicorn's access line are logged
        # after the middleware returns, in the same thread, and should carry this ID too;
        # the thread's next request sets its own.
        request_id_var.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response
