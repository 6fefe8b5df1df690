"""Voice pages: the summary for everyone (quotations only with consent), feedback and impact
statements for those who record them, and the Ambassadors' submissions with responses."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import (
    can_record_feedback,
    can_respond_to_ambassadors,
    can_view_voice,
    must_suppress_small_numbers,
)
from sightline.kernel.disclosure import policy
from sightline.kernel.forms import form_add_service_errors

from . import selectors, services
from .charts import positive_share_svg
from .forms import EventForm, FeedbackForm, ImpactForm, ResponseForm, SubmissionForm
from .models import BoardSubmission, Feedback, ParticipationEvent


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
    hide = must_suppress_small_numbers(user_of(request))
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


def _feedback_form(request: HttpRequest, feedback: Feedback | None) -> HttpResponse:
    authority = authority_of(request)
    if request.method == "POST":
        form = FeedbackForm(request.POST, instance=feedback, authority=authority)
        if form.is_valid():
            try:
                if feedback is None:
                    services.feedback_create(
                        by=user_of(request),
                        authority=authority,
                        themes=form.theme_names(),
                        **form.service_values(),
                    )
                else:
                    services.feedback_update(
                        by=user_of(request),
                        feedback=feedback,
                        seen_version=form.cleaned_data.get("version") or None,
                        themes=form.theme_names(),
                        **form.service_values(),
                    )
            except ValidationError as exc:
                form_add_service_errors(cast("Form", form), exc)
            else:
                messages.success(request, "Feedback saved.")
                return redirect("voice:feedback_list")
    else:
        form = FeedbackForm(instance=feedback, authority=authority)
    title = "Record feedback" if feedback is None else "Change feedback"
    return render(
        request,
        "voice/edit.html",
        _context(request, form=form, title=title, back="voice:feedback_list"),
    )


@require_http_methods(["GET", "POST"])
@require(can_record_feedback)
def feedback_create(request: HttpRequest) -> HttpResponse:
    return _feedback_form(request, None)


@require_http_methods(["GET", "POST"])
@require(can_record_feedback)
def feedback_edit(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(selectors.feedback_visible(user=user_of(request)), pk=pk)
    return _feedback_form(request, feedback)


@require_GET
@require(can_view_voice)
def impact_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "voice/impact_list.html",
        _context(request, rows=selectors.impact_visible(user=user_of(request))),
    )


def _impact_form(request: HttpRequest, pk: int | None) -> HttpResponse:
    authority = authority_of(request)
    statement = (
        get_object_or_404(selectors.impact_visible(user=user_of(request)), pk=pk) if pk else None
    )
    if request.method == "POST":
        form = ImpactForm(request.POST, instance=statement, authority=authority)
        if form.is_valid():
            try:
                if statement is None:
                    services.impact_create(
                        by=user_of(request), authority=authority, **form.service_values()
                    )
                else:
                    services.impact_update(
                        by=user_of(request),
                        statement=statement,
                        seen_version=form.cleaned_data.get("version") or None,
                        **form.service_values(),
                    )
            except ValidationError as exc:
                form_add_service_errors(cast("Form", form), exc)
            else:
                messages.success(request, "Impact statement saved.")
                return redirect("voice:impact_list")
    else:
        form = ImpactForm(instance=statement, authority=authority)
    title = "Record an impact statement" if statement is None else "Change an impact statement"
    return render(
        request,
        "voice/edit.html",
        _context(request, form=form, title=title, back="voice:impact_list"),
    )


@require_http_methods(["GET", "POST"])
@require(can_record_feedback)
def impact_create(request: HttpRequest) -> HttpResponse:
    return _impact_form(request, None)


@require_http_methods(["GET", "POST"])
@require(can_record_feedback)
def impact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _impact_form(request, pk)


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
    if request.method == "POST" and form.is_valid():
        try:
            sub = services.submission_create(
                by=user_of(request), authority=authority, **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_service_errors(cast("Form", form), exc)
        else:
            messages.success(request, "Submission recorded.")
            return redirect("voice:submission_detail", pk=sub.pk)
    return render(
        request,
        "voice/edit.html",
        _context(
            request,
            form=form,
            title="Record a submission to the Board",
            back="voice:submission_list",
        ),
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
        if form.is_valid():
            try:
                services.submission_respond(
                    by=user_of(request),
                    submission=sub,
                    response=form.cleaned_data["response"],
                    responded_on=form.cleaned_data["responded_on"],
                    we_did=form.cleaned_data["we_did"],
                    seen_version=form.cleaned_data.get("version") or None,
                )
            except ValidationError as exc:
                form_add_service_errors(cast("Form", form), exc)
            else:
                messages.success(request, "Response recorded.")
                return redirect("voice:submission_detail", pk=sub.pk)
    return render(request, "voice/submission_detail.html", _context(request, sub=sub, form=form))


@require_GET
@require(can_view_voice)
def event_list(request: HttpRequest) -> HttpResponse:
    rows = ParticipationEvent.objects.filter(authority=authority_of(request))
    hide = must_suppress_small_numbers(user_of(request))
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
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_event_create(
                by=user_of(request), authority=authority, **form.cleaned_data
            )
        except ValidationError as exc:
            form_add_service_errors(cast("Form", form), exc)
        else:
            messages.success(request, "Participation event recorded.")
            return redirect("voice:event_list")
    return render(
        request,
        "voice/edit.html",
        _context(request, form=form, title="Record a participation event", back="voice:event_list"),
    )
