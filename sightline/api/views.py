"""The API for BI tools, and the page where people manage their tokens.

``/api/v1/measures.csv`` and ``/api/v1/measures.json`` answer a personal token in the
``Authorization: Bearer …`` header (Power BI: *Web* source, advanced, header), or a signed-in
browser session. Aggregates only; small numbers suppressed where the person may not see the
children behind them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import (
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sightline.accounts.models import User
from sightline.core.access import require, user_of
from sightline.core.permissions import can_use_api, can_view_aggregates
from sightline.kernel.exports import neutralise
from sightline.kernel.forms import form_add_service_errors
from sightline.performance.models import PERIOD_RE

from .forms import TokenForm
from .models import ApiToken
from .selectors import FIELDS, Filters, measure_values
from .services import api_token_create, api_token_revoke, api_token_user


class _Echo:
    def write(self, value: str) -> str:
        return value


def _api_user(request: HttpRequest) -> User | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return api_token_user(header.removeprefix("Bearer ").strip())
    user = request.user
    return user if user.is_authenticated else None


def _error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="sightline"'
    return response


def _filters(request: HttpRequest) -> Filters:
    def many(name: str) -> frozenset[str]:
        return frozenset(
            part.strip()
            for value in request.GET.getlist(name)
            for part in value.split(",")
            if part.strip()
        )

    bounds = {}
    for name in ("from", "to"):
        value = request.GET.get(name, "").strip()
        if value and not PERIOD_RE.match(value):
            raise ValueError(f"'{name}' must be a month written YYYY-MM (got {value!r})")
        bounds[name] = value or None
    return Filters(
        measures=many("measure"),
        units=many("unit"),
        period_from=bounds["from"],
        period_to=bounds["to"],
    )


def _answer(request: HttpRequest) -> tuple[User, Filters] | JsonResponse:
    user = _api_user(request)
    if user is None:
        return _error(401, "Send a personal API token: 'Authorization: Bearer <token>'.")
    if user.authority is None or not can_view_aggregates(user, user.authority):
        return _error(403, "Your role cannot see the authority's figures.")
    try:
        return user, _filters(request)
    except ValueError as exc:
        return _error(400, str(exc))


@login_not_required
@require_GET
def measures_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    answer = _answer(request)
    if isinstance(answer, JsonResponse):
        return answer
    user, filters = answer
    authority = user.authority
    assert authority is not None  # noqa: S101 - checked in _answer

    def lines() -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(FIELDS)
        for row in measure_values(user=user, authority=authority, filters=filters):
            values = row.as_dict()
            yield writer.writerow([neutralise(values[f]) for f in FIELDS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sightline-measures.csv"'
    response["Cache-Control"] = "no-store"
    return response


@login_not_required
@require_GET
def measures_json(request: HttpRequest) -> HttpResponse:
    answer = _answer(request)
    if isinstance(answer, JsonResponse):
        return answer
    user, filters = answer
    assert user.authority is not None  # noqa: S101 - checked in _answer
    body = {
        "authority": user.authority.name,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "fields": list(FIELDS),
        "suppression": "Where your authority withholds small numbers from your role, counts "
        "of 1 to 4 are withheld (null, suppressed: true), and so are the figures from which one "
        "could be worked out; suppressed_rule says which rule hid each.",
        "rows": [
            r.as_dict()
            for r in measure_values(user=user, authority=user.authority, filters=filters)
        ],
    }
    response = HttpResponse(json.dumps(body), content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


@require(can_use_api)
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_key = api_token_create(user=user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": ApiToken.objects.filter(user=user),
            "csv_url": request.build_absolute_uri("/api/v1/measures.csv"),
        },
    )


@require(can_use_api)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    token = get_object_or_404(ApiToken, pk=pk, user=user)
    api_token_revoke(by=user, token=token)
    messages.success(request, f"Token “{token.name}” revoked: it no longer works.")
    return redirect("api:tokens")
