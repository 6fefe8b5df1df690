"""Pages that show background jobs and their progress (the page survives a reload)."""

from __future__ import annotations

from uuid import UUID

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sightline.core.access import require, user_of
from sightline.core.permissions import can_run_jobs
from sightline.kernel.storage import private_file

from .models import Job
from .selectors import jobs_visible_to
from .services import job_recover_if_lost


def _job(request: HttpRequest, pk: UUID) -> Job:
    """The job, after checking it still has a worker (a lost one is marked failed now)."""
    job = get_object_or_404(jobs_visible_to(user=user_of(request)), pk=pk)
    if job.status == Job.Status.RUNNING and job_recover_if_lost(job=job):
        job.refresh_from_db()
    return job


@require(can_run_jobs)
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(jobs_visible_to(user=user_of(request)), 25).get_page(request.GET.get("page"))
    return render(request, "jobs/list.html", {"page": page})


@require(can_run_jobs)
@require_GET
def job_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    return render(request, "jobs/detail.html", {"job": _job(request, pk)})


@require(can_run_jobs)
@never_cache
@require_GET
def job_status(request: HttpRequest, pk: UUID) -> JsonResponse:
    job = _job(request, pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "done": job.done,
            "total": job.total,
            "percent": job.percent,
            "message": job.message,
            "finished": job.is_finished,
        }
    )


@require(can_run_jobs)
@require_GET
def job_download(request: HttpRequest, pk: UUID) -> FileResponse:
    """The file a job made, always as a download (never rendered inline)."""
    job = _job(request, pk)
    if job.status != Job.Status.SUCCEEDED or not job.result_file:
        raise Http404("This job has no file to download.")
    path = private_file(job.result_file)
    if path is None:
        raise Http404("The file is no longer available.")
    response = FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
