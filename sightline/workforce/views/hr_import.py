"""The HR spreadsheet import: upload, map the columns, apply."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sightline.core.access import authority_of, ensure, require, user_of
from sightline.core.permissions import can_import_hr
from sightline.kernel.forms import handle_form
from sightline.workforce import imports
from sightline.workforce.forms import HRUploadForm, MappingForm
from sightline.workforce.models import HRImport

from .common import page_context


@require_http_methods(["GET", "POST"])
@require(can_import_hr)
def import_upload(request: HttpRequest) -> HttpResponse:
    authority = authority_of(request)
    form = HRUploadForm(request.POST or None, request.FILES or None)
    done = handle_form(
        request,
        form,
        save=lambda data: imports.hr_upload_start(
            by=user_of(request), authority=authority, upload=data["file"]
        ),
        success="Uploaded: the spreadsheet is being read.",
        redirect_to=lambda imp: reverse("workforce:import_detail", args=[imp.pk]),
    )
    if done is not None:
        return done
    return render(
        request,
        "workforce/import_upload.html",
        page_context(
            request,
            form=form,
            past=HRImport.objects.filter(authority=authority)[:20],
            fields=imports.FIELDS,
        ),
    )


@require_http_methods(["GET", "POST"])
@require(can_import_hr)
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    authority = authority_of(request)
    imp = get_object_or_404(HRImport, pk=pk, authority=authority)
    job = imports.hr_import_job(hr_import=imp)
    busy = job is not None and not job.is_finished
    if request.method == "POST":
        ensure(imp.status != HRImport.Status.IMPORTED)
    form = MappingForm(
        request.POST if request.method == "POST" else None,
        headers=imp.headers,
        initial_map=imp.mapping,
    )
    done = handle_form(
        request,
        form,
        save=lambda _data: imports.hr_apply_start(
            by=user_of(request), hr_import=imp, mapping=form.mapping()
        ),
        success="Applying the spreadsheet in the background.",
        redirect_to=reverse("workforce:import_detail", args=[imp.pk]),
    )
    if done is not None:
        return done
    return render(
        request,
        "workforce/import_detail.html",
        page_context(request, imp=imp, form=form, job=job, busy=busy),
    )
