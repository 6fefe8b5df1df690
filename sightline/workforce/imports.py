"""Import the HR system's spreadsheet export of staff (.xlsx or .csv).

Three steps: upload (the original is kept in private storage and its header row read), column
mapping (which column holds which field; guessed from the headers, confirmed by a person),
then validate every row and import all-or-nothing. Any bad value rejects the whole file with
a report naming the file, sheet, row, column and value. Re-running a file updates the same
people (matched on employee reference). The pages store the file in the request and do the
reading and the importing in background jobs (``hr_upload_start``, ``hr_apply_start``), so a
hostile or huge file never holds a web worker; every file is opened with the kernel's safe
reader (``sightline.kernel.uploads``).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from sightline.accounts.models import User
from sightline.auditlog.services import audit_record
from sightline.jobs.models import Job
from sightline.jobs.registry import Progress, job_kind, job_lost
from sightline.jobs.services import job_recover_if_lost, job_start
from sightline.kernel.storage import private_delete, private_path, private_writing
from sightline.kernel.uploads import UploadError, copy_upload, read_table
from sightline.organisation.models import Authority, Team

from .models import HRImport, Role, StaffMember
from .services import STAFF_FIELDS, staff_create, staff_update

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # sheet XML actually unpacked, counted while reading
MAX_ISSUES = 500
READ_KIND = "hr_read"
APPLY_KIND = "hr_apply"


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    required: bool
    synonyms: tuple[str, ...]


FIELDS: tuple[Field, ...] = (
    Field(
        "reference",
        "Employee reference",
        True,
        ("employee number", "employee no", "employee id", "staff number", "payroll number", "ref"),
    ),
    Field("name", "Name", True, ("full name", "employee name", "worker")),
    Field("role", "Role", True, ("job role", "job title", "position")),
    Field("contract", "Permanent or agency", True, ("contract", "contract type", "employment")),
    Field("team", "Team", True, ("allocated team", "team name", "cost centre")),
    Field("fte", "FTE", True, ("full time equivalent", "hours fte", "wte")),
    Field("start_date", "Start date", True, ("start", "date started", "hire date")),
    Field("leave_date", "Leaving date", False, ("leave date", "end date", "date left")),
    Field("leaving_reason", "Leaving reason", False, ("reason for leaving", "reason left")),
    Field("asye_status", "ASYE status", False, ("asye", "nqsw")),
    Field("caseload", "Caseload", False, ("cases", "children allocated")),
)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}


class ImportRejectedError(Exception):
    def __init__(self, issues: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(issues)} problems")
        self.issues = issues


def _private(relative: str) -> Path:
    return private_path(relative)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _read_table(path: Path, original_name: str) -> tuple[str, list[list[Any]]]:
    """(sheet name, rows as lists, headings first) from the first sheet of a workbook, or a
    CSV file, read with the kernel's safe reader (limits, encodings, duplicate headings)."""
    table = read_table(
        path, file=original_name, max_rows=MAX_ROWS, max_decompressed=MAX_UNPACKED_BYTES
    )
    return table.sheet, table.all_rows


def _read(path: Path, original_name: str) -> tuple[str, list[list[Any]]]:
    try:
        return _read_table(path, original_name)
    except UploadError as exc:
        raise ValidationError({"file": exc.describe()}) from None


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Field key → header, for headers that name a field or one of its usual synonyms."""
    mapping: dict[str, str] = {}
    normalised = {_norm(h): h for h in headers if h}
    for field in FIELDS:
        for candidate in (field.label, field.key.replace("_", " "), *field.synonyms):
            header = normalised.get(_norm(candidate))
            if header is not None:
                mapping[field.key] = header
                break
    return mapping


def hr_store(*, by: User, authority: Authority, upload: UploadedFile) -> HRImport:
    """Keep the original in private storage (counting its bytes); nothing is read yet."""
    name = Path(upload.name or "upload").name
    suffix = Path(name).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ValidationError({"file": f"{name}: choose an .xlsx or .csv file."})
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError({"file": f"{name}: the file is larger than 5 MB."})
    relative = f"workforce/{uuid.uuid4()}{suffix}"
    try:
        with private_writing(relative) as target:
            copy_upload(upload.chunks(), target, file=name, max_bytes=MAX_BYTES)
            digest = hashlib.sha256(target.read_bytes())
    except UploadError as exc:
        raise ValidationError({"file": exc.describe()}) from None
    with transaction.atomic():
        imp = HRImport.objects.create(
            authority=authority,
            original_name=name,
            stored_file=relative,
            sha256=digest.hexdigest(),
            uploaded_by=by,
        )
        audit_record(actor=by, action="workforce.hr_uploaded", obj=imp, authority=authority)
    return imp


def hr_read(*, hr_import: HRImport) -> HRImport:
    """Read the heading row (the whole file is opened safely) and guess the mapping; a file that
    cannot be read is rejected with the reason, and its stored copy removed."""
    imp = hr_import
    problem: UploadError | None = None
    try:
        sheet, rows = _read_table(_private(imp.stored_file), imp.original_name)
    except UploadError as exc:
        problem = exc
    else:
        headers = [str(h).strip() for h in rows[0]] if rows else []
        if not any(headers):
            problem = UploadError(
                "the first row should hold the column names", file=imp.original_name, row=1
            )
    if problem is not None:
        private_delete(imp.stored_file)
        imp.status = HRImport.Status.REJECTED
        imp.issues = [problem.as_issue()]
        imp.save(update_fields=["status", "issues", "updated_at"])
        return imp
    imp.sheet, imp.headers, imp.mapping = sheet, headers, guess_mapping(headers)
    imp.save(update_fields=["sheet", "headers", "mapping", "updated_at"])
    return imp


def hr_upload(*, by: User, authority: Authority, upload: UploadedFile) -> HRImport:
    """Store and read at once (the command line and tests); a file that cannot be read raises
    :class:`ValidationError` and leaves nothing behind. The pages use :func:`hr_upload_start`."""
    imp = hr_read(hr_import=hr_store(by=by, authority=authority, upload=upload))
    if imp.status == HRImport.Status.REJECTED:
        message = UploadError(**imp.issues[0]).describe()
        imp.delete()
        raise ValidationError({"file": message})
    return imp


def hr_upload_start(*, by: User, authority: Authority, upload: UploadedFile) -> HRImport:
    """Store the file now; read it in the background (never in the web request)."""
    with transaction.atomic():
        imp = hr_store(by=by, authority=authority, upload=upload)
        job_start(
            by=by,
            kind=READ_KIND,
            title=f"Read the HR file {imp.original_name}",
            params={"hr_import": imp.pk},
        )
    return imp


def hr_import_job(*, hr_import: HRImport) -> Job | None:
    """The latest background job reading or importing this file (a job whose worker was lost
    is marked failed here, so the page never waits for ever)."""
    job = (
        Job.objects.filter(
            authority_id=hr_import.authority_id,
            kind__in=(READ_KIND, APPLY_KIND),
            params__hr_import=hr_import.pk,
        )
        .order_by("-created_at")
        .first()
    )
    if job is not None and job.status == Job.Status.RUNNING and job_recover_if_lost(job=job):
        job.refresh_from_db()
    return job


@job_lost(READ_KIND)
def _hr_read_lost(job: Job) -> None:
    imp = HRImport.objects.filter(pk=job.params["hr_import"]).first()
    if imp is None or imp.status != HRImport.Status.MAPPING:
        return
    private_delete(imp.stored_file)
    imp.status = HRImport.Status.REJECTED
    imp.issues = [
        UploadError(
            "reading the file stopped before it finished (the server may not have the memory "
            "it needs); nothing was imported: upload it again, or a smaller file",
            file=imp.original_name,
        ).as_issue()
    ]
    imp.save(update_fields=["status", "issues", "updated_at"])


@job_kind(READ_KIND)
def _hr_read_job(job: Job, progress: Progress) -> str:
    progress(0, 1, "Reading the file")
    imp = hr_read(hr_import=HRImport.objects.get(pk=job.params["hr_import"]))
    if imp.status == HRImport.Status.REJECTED:
        progress(1, 1, "The file cannot be read: nothing was imported")
    else:
        progress(1, 1, f"Read {len(imp.headers)} columns: check which holds which field")
    return ""


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise ValueError("not a date (use dd/mm/yyyy)")


def _choice(value: str, choices: list[tuple[str, str]], extra: dict[str, str]) -> str:
    key = _norm(value)
    for code, label in choices:
        if key in (_norm(code), _norm(label)):
            return code
    if key in extra:
        return extra[key]
    allowed = ", ".join(label for code, label in choices if code)
    raise ValueError(f"not one of: {allowed}")


def _parse(key: str, value: Any, teams: dict[str, Team]) -> Any:  # noqa: PLR0911, PLR0912
    blank = value is None or str(value).strip() == ""
    if blank:
        if FIELDS_BY_KEY[key].required:
            raise ValueError("is blank but required")
        return None if key in ("leave_date", "caseload") else ""
    text = str(value).strip()
    if key in ("start_date", "leave_date"):
        return _as_date(value)
    if key == "fte":
        try:
            fte = Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation as exc:
            raise ValueError("not a number") from exc
        if not Decimal("0.01") <= fte <= Decimal("1.5"):
            raise ValueError("FTE must be between 0.01 and 1.5")
        return fte
    if key == "caseload":
        try:
            number = float(text)
        except ValueError as exc:
            raise ValueError("not a whole number") from exc
        if number < 0 or number != int(number) or number > 200:
            raise ValueError("not a whole number between 0 and 200")
        return int(number)
    if key == "team":
        team = teams.get(_norm(text))
        if team is None:
            raise ValueError("no team of that name in Sightline (add it under Organisation)")
        return team
    if key == "role":
        return _choice(
            text, Role.choices, {"sw": Role.SOCIAL_WORKER, "ap": "advanced_practitioner"}
        )
    if key == "contract":
        return _choice(
            text,
            StaffMember.Contract.choices,
            {"employed": "permanent", "perm": "permanent", "locum": "agency", "interim": "agency"},
        )
    if key == "leaving_reason":
        return _choice(text, StaffMember.LeavingReason.choices, {})
    if key == "asye_status":
        return _choice(text, StaffMember.Asye.choices, {"no": "", "n a": "", "none": ""})
    return text[:120]


def validate_rows(
    *, rows: list[list[Any]], mapping: dict[str, str], teams: dict[str, Team], file: str, sheet: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(parsed records, issues). Row numbers are as the spreadsheet shows them (header = 1)."""
    headers = [str(h).strip() for h in rows[0]]
    index = {key: headers.index(header) for key, header in mapping.items() if header in headers}
    records: list[dict[str, Any]] = []
    issues: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        record: dict[str, Any] = {"_row": number}
        for key, col in index.items():
            value = row[col] if col < len(row) else None
            try:
                record[key] = _parse(key, value, teams)
            except ValueError as exc:
                issues.append(
                    {
                        "file": file,
                        "sheet": sheet,
                        "row": number,
                        "column": headers[col],
                        "value": "" if value is None else str(value)[:80],
                        "reason": str(exc),
                    }
                )
        ref = record.get("reference")
        if ref:
            if ref in seen:
                issues.append(
                    {
                        "file": file,
                        "sheet": sheet,
                        "row": number,
                        "column": mapping["reference"],
                        "value": ref,
                        "reason": f"the same reference is on row {seen[ref]}",
                    }
                )
            seen[ref] = number
        leave, start = record.get("leave_date"), record.get("start_date")
        if isinstance(leave, date) and isinstance(start, date) and leave < start:
            issues.append(
                {
                    "file": file,
                    "sheet": sheet,
                    "row": number,
                    "column": mapping["leave_date"],
                    "value": str(leave),
                    "reason": "leaving date is before the start date",
                }
            )
        records.append(record)
    return records, issues


def _check_mapping(hr_import: HRImport, mapping: dict[str, str]) -> dict[str, str]:
    name = hr_import.original_name
    missing = [f.label for f in FIELDS if f.required and not mapping.get(f.key)]
    if missing:
        raise ValidationError(f"{name}: choose a column for: " + ", ".join(missing) + ".")
    unknown = [h for h in mapping.values() if h and h not in hr_import.headers]
    if unknown:
        raise ValidationError(
            f"{name}: no column called {unknown[0]!r} in row 1 (the columns are "
            + ", ".join(repr(h) for h in hr_import.headers if h)
            + ")."
        )
    return {k: v for k, v in mapping.items() if v}


def hr_apply_start(*, by: User, hr_import: HRImport, mapping: dict[str, str]) -> Job:
    """Check the mapping now; validate and import every row in the background."""
    mapping = _check_mapping(hr_import, mapping)
    if hr_import.status == HRImport.Status.IMPORTED:
        raise ValidationError(f"{hr_import.original_name} is already imported.")
    running = hr_import_job(hr_import=hr_import)
    if running is not None and not running.is_finished:
        raise ValidationError(f"{hr_import.original_name} is being read or imported already.")
    return job_start(
        by=by,
        kind=APPLY_KIND,
        title=f"Import the HR file {hr_import.original_name}",
        params={"hr_import": hr_import.pk, "mapping": mapping},
    )


@job_kind(APPLY_KIND)
def _hr_apply_job(job: Job, progress: Progress) -> str:
    imp = HRImport.objects.get(pk=job.params["hr_import"])
    if job.created_by is None:
        raise ValueError("The person who started this import no longer exists.")
    imp = hr_apply(
        by=job.created_by, hr_import=imp, mapping=job.params["mapping"], progress=progress
    )
    outcome = (
        f"{imp.created} added, {imp.updated} updated"
        if imp.status == HRImport.Status.IMPORTED
        else f"{len(imp.issues)} problems: nothing was imported"
    )
    progress(3, 3, outcome)
    return ""


def _save_issues(
    exc: ValidationError, *, hr_import: HRImport, row: int, mapping: dict[str, str]
) -> list[dict[str, Any]]:
    """A rule the service found while saving a row, as issues naming the row and, where the
    rule is about one field, the column that holds it."""
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    return [
        {
            "file": hr_import.original_name,
            "sheet": hr_import.sheet,
            "row": row,
            "column": mapping.get(field, ""),
            "value": "",
            "reason": "; ".join(messages),
        }
        for field, messages in fields.items()
    ]


def hr_apply(
    *,
    by: User,
    hr_import: HRImport,
    mapping: dict[str, str],
    progress: Progress | None = None,
) -> HRImport:
    """Validate every row with this mapping and import them all, or none (report kept)."""
    mapping = _check_mapping(hr_import, mapping)
    step = progress or (lambda done, total, message="": None)
    step(0, 3, "Reading the file")
    authority = hr_import.authority
    _sheet, rows = _read(_private(hr_import.stored_file), hr_import.original_name)
    step(1, 3, f"Checking {len(rows) - 1:,} rows")
    teams = {_norm(t.name): t for t in Team.objects.filter(authority=authority)}
    records, issues = validate_rows(
        rows=rows,
        mapping=mapping,
        teams=teams,
        file=hr_import.original_name,
        sheet=hr_import.sheet,
    )
    created = updated = 0
    try:
        if issues:
            raise ImportRejectedError(issues)  # noqa: TRY301
        step(2, 3, f"Saving {len(records):,} people")
        with transaction.atomic():
            existing = {s.reference: s for s in StaffMember.objects.filter(authority=authority)}
            for record in records:
                number = record.pop("_row")
                team = record.pop("team")
                values = dict(record.items())
                staff = existing.get(values["reference"])
                try:
                    if staff is None:
                        staff_create(by=by, authority=authority, team=team, **values)
                        created += 1
                    else:
                        merged = {f: getattr(staff, f) for f in STAFF_FIELDS}
                        merged.update(values)
                        staff_update(by=by, staff=staff, seen_version=None, team=team, **merged)
                        updated += 1
                except ValidationError as exc:
                    raise ImportRejectedError(
                        _save_issues(exc, hr_import=hr_import, row=number, mapping=mapping)
                    ) from exc
            hr_import.status = HRImport.Status.IMPORTED
            hr_import.mapping = mapping
            hr_import.issues = []
            hr_import.created, hr_import.updated = created, updated
            hr_import.save()
            audit_record(
                actor=by,
                action="workforce.hr_imported",
                obj=hr_import,
                authority=authority,
                changes={"created": created, "updated": updated},
            )
    except ImportRejectedError as rejected:
        with transaction.atomic():
            hr_import.status = HRImport.Status.REJECTED
            hr_import.mapping = mapping
            hr_import.issues = rejected.issues[:MAX_ISSUES]
            hr_import.created = hr_import.updated = 0
            hr_import.save()
            audit_record(
                actor=by,
                action="workforce.hr_rejected",
                obj=hr_import,
                authority=authority,
                changes={"problems": len(rejected.issues)},
            )
    return hr_import
