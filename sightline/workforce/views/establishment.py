"""HR details: vacancies and the establishment (posts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.workforce import selectors, services
from sightline.workforce.forms import PostForm, VacancyForm
from sightline.workforce.models import Post, Vacancy

from .common import form_page, hr, list_page, page_context, posted


@require_GET
@require(hr)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    return list_page(
        request,
        "workforce/vacancy_list.html",
        selectors.vacancies_visible(user=user_of(request)),
        name="vacancies",
        current={"filled_on__isnull": True},
    )


@require_http_methods(["GET", "POST"])
@require(hr)
def vacancy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Open a vacancy (no ``pk``) or change one."""
    return _row_page(
        request,
        pk,
        rows=selectors.vacancies_visible(user=user_of(request)),
        form_class=VacancyForm,
        create=services.vacancy_create,
        update=lambda row, **change: services.vacancy_update(vacancy=row, **change),
        titles=("Open a vacancy", "Change a vacancy"),
        back="workforce:vacancy_list",
    )


@require_GET
@require(hr)
def post_list(request: HttpRequest) -> HttpResponse:
    posts = selectors.posts_visible(user=user_of(request))
    return render(request, "workforce/post_list.html", page_context(request, posts=posts))


@require_http_methods(["GET", "POST"])
@require(hr)
def post_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a post to the establishment (no ``pk``) or change one."""
    return _row_page(
        request,
        pk,
        rows=selectors.posts_visible(user=user_of(request)),
        form_class=PostForm,
        create=services.post_create,
        update=lambda row, **change: services.post_update(post=row, **change),
        titles=("Add a post to the establishment", "Change a post"),
        back="workforce:post_list",
    )


def _row_page(
    request: HttpRequest,
    pk: int | None,
    *,
    rows: QuerySet[Vacancy] | QuerySet[Post],
    form_class: type[VacancyForm | PostForm],
    create: Callable[..., Vacancy | Post],
    update: Callable[..., Vacancy | Post],
    titles: tuple[str, str],
    back: str,
) -> HttpResponse:
    """Add a vacancy or post (no ``pk``) through ``create``, or change one of ``rows`` through
    ``update`` (given the row first); ``titles`` are the page's when adding and changing."""
    user = user_of(request)
    row = None if pk is None else get_object_or_404(rows, pk=pk)
    form = form_class(posted(request), instance=row, teams=selectors.teams_editable(user=user))

    def save(data: dict[str, Any]) -> Vacancy | Post:
        if row is None:
            return create(
                by=user, authority=authority_of(request), team=data["team"], **form.service_values()
            )
        return update(
            row,
            by=user,
            seen_version=data.get("version") or None,
            team=data["team"],
            **form.service_values(),
        )

    adding, changing = titles
    return form_page(
        request, form=form, save=save, title=adding if row is None else changing, back=back
    )
