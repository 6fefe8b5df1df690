"""HR details: vacancies and the establishment (posts)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, require, user_of
from sightline.workforce import selectors, services
from sightline.workforce.forms import PostForm, VacancyForm
from sightline.workforce.models import Post, Vacancy

from .common import edit_page, hr, page_context


@require_GET
@require(hr)
def vacancy_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.vacancies_visible(user=user_of(request))
    if request.GET.get("show") != "all":
        rows = rows.filter(filled_on__isnull=True)
    return render(
        request,
        "workforce/vacancy_list.html",
        page_context(request, vacancies=rows, show_all=request.GET.get("show") == "all"),
    )


@require_http_methods(["GET", "POST"])
@require(hr)
def vacancy_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Open a vacancy (no ``pk``) or change one."""
    authority = authority_of(request)
    vacancy: Vacancy | None = None
    if pk is not None:
        vacancy = get_object_or_404(selectors.vacancies_visible(user=user_of(request)), pk=pk)

    def save(form: VacancyForm) -> None:
        if vacancy is None:
            services.vacancy_create(
                by=user_of(request),
                authority=authority,
                team=form.cleaned_data["team"],
                **form.service_values(),
            )
        else:
            services.vacancy_update(
                by=user_of(request),
                vacancy=vacancy,
                seen_version=form.cleaned_data.get("version") or None,
                team=form.cleaned_data["team"],
                **form.service_values(),
            )

    return edit_page(
        request,
        form_class=VacancyForm,
        instance=vacancy,
        save=save,
        template_title="Open a vacancy" if vacancy is None else "Change a vacancy",
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
    authority = authority_of(request)
    post: Post | None = None
    if pk is not None:
        post = get_object_or_404(selectors.posts_visible(user=user_of(request)), pk=pk)

    def save(form: PostForm) -> None:
        if post is None:
            services.post_create(
                by=user_of(request),
                authority=authority,
                team=form.cleaned_data["team"],
                **form.service_values(),
            )
        else:
            services.post_update(
                by=user_of(request),
                post=post,
                seen_version=form.cleaned_data.get("version") or None,
                team=form.cleaned_data["team"],
                **form.service_values(),
            )

    return edit_page(
        request,
        form_class=PostForm,
        instance=post,
        save=save,
        template_title="Add a post to the establishment" if post is None else "Change a post",
        back="workforce:post_list",
    )
