"""Voice pages: the summary for everyone (quotations only with consent), feedback and impact
statements for those who record them, and the Ambassadors' submissions with responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import (
    can_record_feedback,
    can_respond_to_ambassadors,
    can_view_voice,
    withholds_small_numbers,
)
from sightline.kernel.disclosure import NOTE, policy
from sightline.kernel.form_pages import form_page
from sightline.kernel.forms import handle_form

from . import selectors, services
from .charts import positive_share_svg
from .forms import EventForm, FeedbackForm, ImpactForm, ResponseForm, SubmissionForm
from .models import BoardSubmission, Feedback, ImpactStatement, ParticipationEvent


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    user = user_of(request)
    return {
        "can_record": can_record_feedback(user),
        "can_respond": can_respond_to_ambassadors(user),
        "today": timezone.localdate(),
        **extra,
    }


@require_GET
@require(can_view_voice)
def overview(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    today = timezone.localdate()
    hide = withholds_small_numbers(user_of(request))
    submissions = selectors.submissions_for(authority=authority)
    overdue = [s for s in submissions if s.is_overdue(today)]
    summary = selectors.voice_summary(authority=authority, today=today, hide=hide)
    return render(
        request,
        "voice/overview.html",
        _context(
            request,
            summary=summary,
            share_chart=positive_share_svg(cast("list[selectors.Share]", summary["shares"])),
            quotes=selectors.quotes_for_board(authority=authority),
            overdue=overdue,
            suppressed=hide,
            disclosure_note=NOTE,
        ),
    )


@require_GET
@require(can_record_feedback)
def feedback_list(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    rows = selectors.feedback_visible(user=user_of(request))
    theme = request.GET.get("theme", "")
    sentiment = request.GET.get("sentiment", "")
    if theme.isdigit():
        rows = rows.filter(themes__pk=int(theme))
    if sentiment in Feedback.Sentiment.values:
        rows = rows.filter(sentiment=sentiment)
    return render(
        request,
        "voice/feedback_list.html",
        _context(
            request,
            rows=rows[:200],
            themes=selectors.themes_for(authority=authority),
            sentiments=Feedback.Sentiment.choices,
            theme=theme,
            sentiment=sentiment,
        ),
    )


def _form_page(
    request: HttpRequest,
    *,
    form: BaseForm,
    save: Callable[[dict[str, Any]], object],
    success: str,
    title: str,
    back: str,
    redirect_to: str | Callable[[Any], str] | None = None,
) -> HttpResponse:
    """Save a valid form through ``save`` and go to ``redirect_to`` (default ``back``, a URL
    name), or draw the form."""
    return form_page(
        request,
        form,
        "includes/form_page.html",
        _context(request, title=title, back=back, caption="Voice"),
        save=save,
        success=success,
        redirect_to=redirect_to or back,
    )


def _posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
@require(can_record_feedback)
def feedback_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Record feedback (no ``pk``) or change it."""
    return _row_page(
        request,
        pk,
        rows=selectors.feedback_visible(user=user_of(request)),
        form_class=FeedbackForm,
        create=services.feedback_create,
        update=lambda row, **change: services.feedback_update(feedback=row, **change),
        success="Feedback saved.",
        titles=("Record feedback", "Change feedback"),
        back="voice:feedback_list",
    )


@require_GET
@require(can_view_voice)
def impact_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "voice/impact_list.html",
        _context(request, rows=selectors.impact_visible(user=user_of(request))),
    )


@require_http_methods(["GET", "POST"])
@require(can_record_feedback)
def impact_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Record an impact statement (no ``pk``) or change one."""
    return _row_page(
        request,
        pk,
        rows=selectors.impact_visible(user=user_of(request)),
        form_class=ImpactForm,
        create=services.impact_create,
        update=lambda row, **change: services.impact_update(statement=row, **change),
        success="Impact statement saved.",
        titles=("Record an impact statement", "Change an impact statement"),
        back="voice:impact_list",
    )


def _row_page(
    request: HttpRequest,
    pk: int | None,
    *,
    rows: QuerySet[Feedback] | QuerySet[ImpactStatement],
    form_class: type[FeedbackForm | ImpactForm],
    create: Callable[..., Feedback | ImpactStatement],
    update: Callable[..., Feedback | ImpactStatement],
    success: str,
    titles: tuple[str, str],
    back: str,
) -> HttpResponse:
    """Record feedback or an impact statement (no ``pk``) through ``create``, or change one of
    ``rows`` through ``update`` (given the row first); ``titles`` are the page's when recording
    and changing."""
    authority = authority_of(request)
    user = user_of(request)
    row = None if pk is None else get_object_or_404(rows, pk=pk)
    form = form_class(_posted(request), instance=row, authority=authority)

    def save(data: dict[str, Any]) -> Feedback | ImpactStatement:
        if row is None:
            return create(by=user, authority=authority, **form.service_values())
        return update(
            row, by=user, seen_version=data.get("version") or None, **form.service_values()
        )

    adding, changing = titles
    return _form_page(
        request,
        form=form,
        save=save,
        success=success,
        title=adding if row is None else changing,
        back=back,
    )


@require_GET
@require(can_view_voice)
def submission_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.submissions_for(authority=authority_of(request))
    return render(request, "voice/submission_list.html", _context(request, rows=rows))


@require_http_methods(["GET", "POST"])
@require(can_record_feedback)
def submission_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = SubmissionForm(request.POST or None, authority=authority)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.submission_create(
            by=user_of(request), authority=authority, **data
        ),
        success="Submission recorded.",
        title="Record a submission to the Board",
        back="voice:submission_list",
        redirect_to=lambda sub: reverse("voice:submission_detail", args=[sub.pk]),
    )


@require_http_methods(["GET", "POST"])
@require(can_view_voice)
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sub: BoardSubmission = get_object_or_404(
        selectors.submissions_for(authority=authority_of(request)), pk=pk
    )
    can_respond = can_respond_to_ambassadors(user_of(request))
    form = None
    if can_respond:
        initial = {
            "version": sub.updated_at.isoformat(),
            "response": sub.response,
            "responded_on": sub.responded_on or timezone.localdate(),
            "we_did": sub.we_did,
        }
        form = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST":
        ensure(can_respond)
        assert form is not None  # noqa: S101 - can_respond
        done = handle_form(
            request,
            form,
            save=lambda data: services.submission_respond(
                by=user_of(request),
                submission=sub,
                seen_version=data.get("version") or None,
                response=data["response"],
                responded_on=data["responded_on"],
                we_did=data["we_did"],
            ),
            success="Response recorded.",
            redirect_to=reverse("voice:submission_detail", args=[sub.pk]),
        )
        if done is not None:
            return done
    return render(request, "voice/submission_detail.html", _context(request, sub=sub, form=form))


@require_GET
@require(can_view_voice)
def event_list(request: HttpRequest) -> HttpResponse:
    rows = ParticipationEvent.objects.filter(authority=authority_of(request))
    hide = withholds_small_numbers(user_of(request))
    shown = policy(suppress=hide)
    return render(
        request,
        "voice/event_list.html",
        _context(
            request,
            rows=rows,
            withheld={e.pk for e in rows if shown.hides(e.participants)},
            suppressed=hide,
        ),
    )


@require_http_methods(["GET", "POST"])
@require(can_record_feedback)
def event_create(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = EventForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.participation_event_create(
            by=user_of(request), authority=authority, **data
        ),
        success="Participation event recorded.",
        title="Record a participation event",
        back="voice:event_list",
    )
