"""Annex A uploads: the list, and one upload with its validation report and decision."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import (
    can_import_data,
    can_view_imports,
)
from sightline.kernel.form_pages import upload_page
from sightline.kernel.forms import form_add_service_errors
from sightline.performance.forms import (
    AnnexAAcceptForm,
    AnnexAUploadForm,
    ColumnMappingForm,
    HeaderMappingForm,
)
from sightline.performance.imports import (
    annex_a_abandon,
    annex_a_accept,
    annex_a_map_columns,
    annex_a_rollback,
    annex_a_upload,
)
from sightline.performance.models import AnnexAImport
from sightline.performance.selectors import column_mappings as column_mappings_of
from sightline.performance.services import column_mapping_delete, column_mapping_set


@require(can_view_imports)
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    user, authority = user_of(request), authority_of(request)
    return upload_page(
        request,
        form_class=AnnexAUploadForm,
        may_upload=can_import_data(user),
        uploads=AnnexAImport.objects.filter(authority=authority).select_related("uploaded_by"),
        template="performance/imports.html",
        upload=lambda form: annex_a_upload(
            by=user,
            authority=authority,
            upload=form.cleaned_data["file"],
            extract_date=form.cleaned_data["extract_date"],
            period_start=form.cleaned_data["period_start"],
            list_starts=form.list_starts(),
        ),
        url_name="performance:import_detail",
    )


@require(can_view_imports)
@require_http_methods(["GET", "POST"])
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    imp = get_object_or_404(AnnexAImport, pk=pk, authority=user.authority)
    decision = request.POST.get("decision")
    accept_form = AnnexAAcceptForm(request.POST if decision == "accept" else None)
    mapping_form = HeaderMappingForm(request.POST if decision == "map" else None, gaps=imp.headers)
    if request.method == "POST" and decision == "map":
        ensure(can_import_data(user))
        if mapping_form.is_valid():
            try:
                annex_a_map_columns(by=user, annex_import=imp, choices=mapping_form.choices())
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Saved for your authority: checking the file again.")
            return redirect("performance:import_detail", pk=imp.pk)
    elif request.method == "POST":
        ensure(can_import_data(user))
        try:
            if decision == "accept":
                accept_form.is_valid()
                annex_a_accept(
                    by=user,
                    annex_import=imp,
                    confirmed=bool(accept_form.cleaned_data.get("confirm")),
                    reason=accept_form.cleaned_data.get("reason") or "",
                )
                messages.success(request, "Importing: the figures will replace this extract's.")
            elif decision == "abandon":
                annex_a_abandon(by=user, annex_import=imp)
                messages.success(request, "Abandoned: the figures are as they were.")
            elif decision == "rollback":
                annex_a_rollback(by=user, annex_import=imp)
                messages.success(request, "Rolled back: this extract's figures are not used.")
        except ValidationError as exc:
            if decision != "accept" or not hasattr(exc, "error_dict"):
                messages.error(request, " ".join(exc.messages))
                return redirect("performance:import_detail", pk=imp.pk)
            form_add_service_errors(accept_form, exc)
        else:
            return redirect("performance:import_detail", pk=imp.pk)
    if request.GET.get("confirm") == "rollback":
        ensure(can_import_data(user))
        return render(
            request,
            "performance/import_rollback.html",
            {
                "imp": imp,
                "restores": imp.replaced.filter(status=AnnexAImport.Status.REPLACED).first(),
            },
        )
    issues = Paginator(imp.issues, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "performance/import_detail.html",
        {
            "imp": imp,
            "page": issues,
            "can_decide": can_import_data(user),
            "form": accept_form,
            "mapping_form": mapping_form
            if mapping_form.targets
            and imp.status in (AnnexAImport.Status.NEEDS_DECISION, AnnexAImport.Status.FAILED)
            else None,
            "header_gaps": _gaps(imp.headers),
        },
    )


def _gaps(headers: dict[str, dict[str, list[str]]]) -> list[tuple[int, list[str], list[str]]]:
    """(list, unrecognised headers, missing columns), by list."""
    return [
        (int(n), gap.get("unrecognised", []), gap.get("missing", []))
        for n, gap in sorted(headers.items(), key=lambda item: int(item[0]))
    ]


@require(can_import_data)
@require_http_methods(["GET", "POST"])
def column_mappings(request: HttpRequest) -> HttpResponse:
    """The authority's renamed columns: add, change, remove."""
    user = user_of(request)
    assert user.authority is not None  # noqa: S101 - can_import_data implies an authority
    mappings = column_mappings_of(authority=user.authority)
    editing = None
    if "edit" in request.GET:
        editing = get_object_or_404(mappings, pk=request.GET.get("edit"))
    if request.method == "POST" and request.POST.get("remove"):
        removed = get_object_or_404(mappings, pk=request.POST["remove"])
        column_mapping_delete(by=user, mapping=removed)
        messages.success(request, f"Removed: ‘{removed.header}’ in List {removed.list_no}.")
        return redirect("performance:column_mappings")
    initial = (
        {"header": editing.header, "column": f"{editing.list_no}|{editing.column}"}
        if editing
        else None
    )
    form = ColumnMappingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        list_no, column = form.list_and_column()
        try:
            column_mapping_set(
                by=user,
                authority=user.authority,
                list_no=list_no,
                header=form.cleaned_data["header"],
                column=column,
                replaces=editing,
            )
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, "Saved: the next check of an upload reads it.")
            return redirect("performance:column_mappings")
    return render(
        request,
        "performance/column_mappings.html",
        {"mappings": mappings, "form": form, "editing": editing},
    )
