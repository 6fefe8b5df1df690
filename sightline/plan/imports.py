"""Import an improvement plan kept in a spreadsheet: one row per action, columns mapped by the
person importing, every problem reported by sheet, row, column and value, all or nothing."""

from __future__ import annotations

import hashlib
import tempfile
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Q

from sightline.accounts.models import User
from sightline.jobs.models import Job
from sightline.jobs.registry import Progress, job_kind, job_lost
from sightline.jobs.services import job_start
from sightline.kernel.storage import private_delete, private_path, private_writing
from sightline.kernel.uploads import UploadError, copy_upload, read_table
from sightline.organisation.models import Authority

from .models import Brag, Plan, PlanImport
from .services import action_create, plan_create, priority_create, workstream_create

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_ISSUES = 500
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # sheet XML actually unpacked, counted while reading

#: field → (label, default column heading, required)
FIELDS: dict[str, tuple[str, str, bool]] = {
    "priority_number": ("Priority number", "Priority", True),
    "priority_title": ("Priority title", "Priority title", True),
    "workstream": ("Workstream", "Workstream", False),
    "reference": ("Action reference", "Ref", True),
    "description": ("Action description", "Action", True),
    "sro": ("Senior responsible officer (username or email)", "SRO", True),
    "lead_officer": ("Lead officer (username or email)", "Lead officer", False),
    "start_date": ("Start date", "Start date", True),
    "due_date": ("Due date", "Due date", True),
    "status": ("Status (Blue, Complete, Green, Amber, Red)", "BRAG", False),
    "percent_complete": ("Percentage complete", "% complete", False),
}
_STATUS_WORDS = {
    "blue": Brag.BLUE,
    "b": Brag.BLUE,
    "complete": Brag.COMPLETE,
    "completed": Brag.COMPLETE,
    "complete - impact not yet evidenced": Brag.COMPLETE,
    "green": Brag.GREEN,
    "g": Brag.GREEN,
    "amber": Brag.AMBER,
    "a": Brag.AMBER,
    "red": Brag.RED,
    "r": Brag.RED,
}


@dataclass(frozen=True)
class ImportIssue:
    sheet: str
    row: int | None
    column: str
    value: str
    reason: str
    file: str = ""

    def __str__(self) -> str:
        where = ", ".join(
            [
                *([self.file] if self.file else []),
                *([f"sheet {self.sheet!r}"] if self.sheet else []),
                *([f"row {self.row}"] if self.row else []),
            ]
        )
        value = f" (value {self.value!r})" if self.value else ""
        column = f", column {self.column!r}" if self.column else ""
        return f"{where}{column}{value}: {self.reason}"


class PlanImportError(Exception):
    def __init__(self, issues: list[ImportIssue]):
        super().__init__(f"{len(issues)} problems in the plan workbook")
        self.issues = issues


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\xa0", " ").strip()


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None


def _person(authority: Authority, text: str) -> User | None:
    return (
        User.objects.filter(authority=authority, is_active=True)
        .filter(Q(username__iexact=text) | Q(email__iexact=text))
        .first()
    )


def _read(upload: UploadedFile, sheet: str) -> tuple[str, list[list[Any]], bytes]:
    """(sheet, rows with the headings first, the original bytes), read with the kernel's safe
    reader: bytes unpacked and rows counted while reading, duplicate headings refused."""
    name = Path(upload.name or "the file").name
    if not name.lower().endswith(".xlsx"):
        raise PlanImportError(
            [ImportIssue("", None, "", "", "upload an .xlsx workbook", file=name)]
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PlanImportError(
            [ImportIssue("", None, "", "", "the file is larger than 5 MB", file=name)]
        )
    with tempfile.TemporaryDirectory(prefix="sightline-plan-") as folder:
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        try:
            table = read_table(
                path,
                file=name,
                sheet=sheet or None,
                max_rows=MAX_ROWS,
                max_decompressed=MAX_UNPACKED_BYTES,
            )
        except UploadError as exc:
            raise PlanImportError([_issue_from(exc)]) from None
    return table.sheet, table.all_rows, data


def _issue_from(exc: UploadError) -> ImportIssue:
    return ImportIssue(exc.sheet, exc.row, exc.column, exc.value, exc.reason, file=exc.file)


def _int_from(value: Any) -> int | None:
    try:
        number = int(_text(value))
    except ValueError:
        return None
    return number if number >= 1 else None


def _percent(raw: Any) -> int | None:
    """0-100 from "40", "40%", 40 or Excel's 0.4 (a cell formatted as a percentage)."""
    text = _text(raw)
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        return None
    if isinstance(raw, float) and 0 < value <= 1 and not text.endswith("%"):
        value *= 100
    return round(value) if 0 <= value <= 100 else None


def _parse_row(
    authority: Authority, cells: dict[str, Any], issues: list[tuple[str, str]]
) -> dict[str, Any]:
    """One row's values; each problem is appended to ``issues`` as (field, reason)."""
    item: dict[str, Any] = {}
    for name in ("priority_title", "reference", "description"):
        item[name] = _text(cells[name])
        if not item[name]:
            issues.append((name, "this is required"))
    item["priority_number"] = _int_from(cells["priority_number"])
    if item["priority_number"] is None:
        issues.append(("priority_number", "enter a whole number from 1"))
    for name in ("start_date", "due_date"):
        item[name] = _date(cells[name])
        if item[name] is None:
            issues.append((name, "enter a date (dd/mm/yyyy)"))
    if item["start_date"] and item["due_date"] and item["due_date"] < item["start_date"]:
        issues.append(("due_date", "the due date is before the start date"))
    item["sro"] = _person(authority, _text(cells["sro"]))
    if item["sro"] is None:
        issues.append(("sro", "no active Sightline user has this username or email"))
    lead = _text(cells.get("lead_officer"))
    item["lead_officer"] = _person(authority, lead) if lead else None
    if lead and item["lead_officer"] is None:
        issues.append(("lead_officer", "no active Sightline user has this username or email"))
    item["workstream"] = _text(cells.get("workstream"))
    word = _text(cells.get("status")).casefold()
    item["status"] = _STATUS_WORDS.get(word, Brag.GREEN) if word else Brag.GREEN
    if word and word not in _STATUS_WORDS:
        issues.append(("status", "use Blue, Complete, Green, Amber or Red"))
    elif item["status"] == Brag.BLUE:
        issues.append(("status", "Blue needs evidence of impact: import as Complete, attach it"))
    percent = _percent(cells["percent_complete"]) if _text(cells.get("percent_complete")) else 0
    if percent is None:
        issues.append(("percent_complete", "enter a percentage from 0 to 100"))
    item["percent_complete"] = 100 if item["status"] == Brag.COMPLETE else (percent or 0)
    return item


def plan_import(
    *,
    by: User,
    authority: Authority,
    upload: UploadedFile,
    title: str,
    starts_on: date,
    reason: str = "",
    mapping: dict[str, str] | None = None,
    sheet: str = "",
) -> Plan:
    """Create a new plan version from the workbook, or raise :class:`PlanImportError` listing
    every problem (nothing is saved unless every row is valid)."""
    name = Path(upload.name or "plan.xlsx").name
    try:
        return _plan_import(
            by=by,
            authority=authority,
            upload=upload,
            title=title,
            starts_on=starts_on,
            reason=reason,
            mapping=mapping,
            sheet=sheet,
        )
    except PlanImportError as exc:
        raise PlanImportError([replace(i, file=i.file or name) for i in exc.issues]) from None


def _plan_import(
    *,
    by: User,
    authority: Authority,
    upload: UploadedFile,
    title: str,
    starts_on: date,
    reason: str,
    mapping: dict[str, str] | None,
    sheet: str,
) -> Plan:
    headings = {f: (mapping or {}).get(f) or default for f, (_, default, _) in FIELDS.items()}
    sheet_name, rows, data = _read(upload, sheet)
    if not rows:
        raise PlanImportError([ImportIssue(sheet_name, None, "", "", "the sheet is empty")])
    header = [_text(c).casefold() for c in rows[0]]
    issues: list[ImportIssue] = []
    column: dict[str, int] = {}
    for field_name, heading in headings.items():
        required = FIELDS[field_name][2]
        if heading.casefold() in header:
            column[field_name] = header.index(heading.casefold())
        elif required:
            issues.append(
                ImportIssue(sheet_name, 1, heading, "", "this column is missing from row 1")
            )
    if issues:
        raise PlanImportError(issues)

    parsed: list[dict[str, Any]] = []
    seen_refs: set[tuple[int, str]] = set()
    for number, row in enumerate(rows[1:], start=2):
        cells = {f: (row[i] if i < len(row) else None) for f, i in column.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        row_issues: list[tuple[str, str]] = []
        item = _parse_row(authority, cells, row_issues)
        key = (item["priority_number"] or 0, item["reference"])
        if item["reference"] and key in seen_refs:
            row_issues.append(("reference", "this reference appears twice in the same priority"))
        seen_refs.add(key)
        issues.extend(
            ImportIssue(sheet_name, number, headings[f], _text(cells.get(f)), reason_text)
            for f, reason_text in row_issues
        )
        item["_row"] = number
        parsed.append(item)
    if not parsed and not issues:
        issues.append(ImportIssue(sheet_name, None, "", "", "the sheet has no actions"))
    if issues:
        raise PlanImportError(issues)

    return _create(
        by=by,
        authority=authority,
        title=title,
        starts_on=starts_on,
        reason=reason,
        parsed=parsed,
        sheet_name=sheet_name,
        original=(upload.name or "plan.xlsx", data),
    )


def _create(
    *,
    by: User,
    authority: Authority,
    title: str,
    starts_on: date,
    reason: str,
    parsed: list[dict[str, Any]],
    sheet_name: str,
    original: tuple[str, bytes],
) -> Plan:
    current_row: int | None = None
    try:
        with transaction.atomic():
            plan = plan_create(
                by=by, authority=authority, title=title, starts_on=starts_on, reason=reason
            )
            _keep_original(by=by, plan=plan, name=original[0], data=original[1])
            priorities: dict[int, Any] = {}
            workstreams: dict[tuple[int, str], Any] = {}
            for item in parsed:
                current_row = item["_row"]
                number = item["priority_number"]
                if number not in priorities:
                    priorities[number] = priority_create(
                        by=by, plan=plan, number=number, title=item["priority_title"]
                    )
                workstream = None
                if item["workstream"]:
                    wkey = (number, item["workstream"])
                    if wkey not in workstreams:
                        workstreams[wkey] = workstream_create(
                            by=by, priority=priorities[number], title=item["workstream"]
                        )
                    workstream = workstreams[wkey]
                action_create(
                    by=by,
                    priority=priorities[number],
                    reference=item["reference"],
                    description=item["description"],
                    sro=item["sro"],
                    lead_officer=item["lead_officer"],
                    start_date=item["start_date"],
                    due_date=item["due_date"],
                    workstream=workstream,
                    status=item["status"],
                    percent_complete=item["percent_complete"],
                )
    except ValidationError as exc:  # a rule found only when saving: still all or nothing
        raise PlanImportError(
            [ImportIssue(sheet_name, current_row, "", "", " ".join(exc.messages))]
        ) from None
    return plan


def _keep_original(*, by: User, plan: Plan, name: str, data: bytes) -> PlanImport:
    """Keep the workbook as uploaded, beside the plan version it made."""
    relative = f"plan-imports/{uuid.uuid4().hex}.xlsx"
    with private_writing(relative) as target:
        target.write_bytes(data)
    return PlanImport.objects.create(
        plan=plan,
        original_name=Path(name).name[:255],
        stored_file=relative,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        imported_by=by,
    )


# --- in the background ------------------------------------------------------------------------

IMPORT_KIND = "plan_import"


def plan_import_start(
    *,
    by: User,
    authority: Authority,
    upload: UploadedFile,
    title: str,
    starts_on: date,
    reason: str = "",
    mapping: dict[str, str] | None = None,
    sheet: str = "",
) -> Job:
    """Keep the workbook (bytes counted) and check and import it in the background; the job's
    ``result`` holds either ``issues`` or the new ``plan``."""
    name = Path(upload.name or "plan.xlsx").name
    if not name.lower().endswith(".xlsx"):
        raise PlanImportError(
            [ImportIssue("", None, "", "", "upload an .xlsx workbook", file=name)]
        )
    relative = f"plan-imports/pending/{uuid.uuid4().hex}.xlsx"
    try:
        with private_writing(relative) as target:
            copy_upload(upload.chunks(), target, file=name, max_bytes=MAX_BYTES)
    except UploadError as exc:
        raise PlanImportError([_issue_from(exc)]) from None
    return job_start(
        by=by,
        kind=IMPORT_KIND,
        title=f"Import the plan workbook {name}",
        params={
            "file": relative,
            "name": name,
            "title": title,
            "starts_on": starts_on.isoformat(),
            "reason": reason,
            "mapping": mapping or {},
            "sheet": sheet,
        },
    )


@job_lost(IMPORT_KIND)
def _plan_import_lost(job: Job) -> None:
    """Nothing was saved (one transaction); remove the workbook waiting to be read."""
    private_delete(job.params["file"])


@job_kind(IMPORT_KIND)
def _plan_import_job(job: Job, progress: Progress) -> str:
    params = job.params
    path = private_path(params["file"])
    if job.created_by is None:
        raise ValueError("The person who started this import no longer exists.")
    progress(0, 2, "Reading and checking every row")
    try:
        with path.open("rb") as handle:
            plan = plan_import(
                by=job.created_by,
                authority=job.authority,
                upload=File(handle, name=params["name"]),  # type: ignore[arg-type]
                title=params["title"],
                starts_on=date.fromisoformat(params["starts_on"]),
                reason=params["reason"],
                mapping=params["mapping"],
                sheet=params["sheet"],
            )
    except PlanImportError as exc:
        Job.objects.filter(pk=job.pk).update(
            result={
                "issues": [asdict(i) for i in exc.issues[:MAX_ISSUES]],
                "total": len(exc.issues),
            }
        )
        progress(2, 2, f"{len(exc.issues)} problems: nothing was imported")
        return ""
    finally:
        private_delete(params["file"])  # the plan keeps its own copy of the original
    actions = plan.priorities.aggregate(n=Count("actions"))["n"] or 0
    Job.objects.filter(pk=job.pk).update(
        result={"plan": plan.pk, "title": str(plan), "actions": actions}
    )
    progress(2, 2, f"{plan} was imported with {actions} actions")
    return ""
