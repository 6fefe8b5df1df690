"""When the worker running an Annex A check or import is lost (killed, out of memory), the jobs
app marks its job failed and calls these (ADR 0019): the unfinished files are removed and the
upload is put back where a person can act on it. The figures held never changed: they are
stored in one transaction, and an import whose transaction committed is left as it is."""

from __future__ import annotations

from sightline.jobs.models import Job
from sightline.jobs.registry import job_lost
from sightline.kernel.storage import private_delete

from .figures import children_file_for, lists_dir_for
from .imports import CHECK_KIND, COMPUTE_KIND
from .models import AnnexAImport

_STOPPED = (
    "The worker {doing} this file stopped before it finished (it was restarted, or ran out of "
    "memory). Nothing was stored and the figures held did not change."
)


def _remove_partial_files(imp: AnnexAImport) -> None:
    children = children_file_for(imp.pk)
    private_delete(children)
    private_delete(lists_dir_for(children))


@job_lost(CHECK_KIND)
def annex_a_check_lost(job: Job) -> None:
    """A check that stopped: the upload failed, with the reason; upload it again to retry."""
    imp = AnnexAImport.objects.select_for_update().filter(pk=job.params["import_id"]).first()
    if imp is None or imp.status != AnnexAImport.Status.CHECKING:
        return
    _remove_partial_files(imp)
    imp.status = AnnexAImport.Status.FAILED
    imp.fatal = _STOPPED.format(doing="checking") + " Upload the file again to retry."
    imp.save(update_fields=["status", "fatal"])


@job_lost(COMPUTE_KIND)
def annex_a_compute_lost(job: Job) -> None:
    """An import that stopped while computing: back to 'accept or abandon' (accept retries)."""
    imp = AnnexAImport.objects.select_for_update().filter(pk=job.params["import_id"]).first()
    if imp is None or imp.status != AnnexAImport.Status.IMPORTING:
        return
    _remove_partial_files(imp)
    imp.status = AnnexAImport.Status.NEEDS_DECISION
    imp.fatal = _STOPPED.format(doing="computing the measures for") + (
        " Accept again to retry, or abandon."
    )
    imp.save(update_fields=["status", "fatal"])
