"""Evidence files: what may be uploaded, where it is kept, and how it is served.

Files are checked by extension *and* by their first bytes, stored under
``PRIVATE_STORAGE_ROOT`` (never under static or media, so the web server cannot serve them),
and downloaded only as attachments with a content type chosen here, never the browser's:
nothing uploaded can ever be rendered inline as HTML in Sightline's origin.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from sightline.kernel.storage import private_file, private_root, private_writing

MAX_BYTES = 10 * 1024 * 1024
SUBDIR = "plan-evidence"

_ZIP = (b"PK\x03\x04",)


@dataclass(frozen=True)
class Kind:
    content_type: str
    magic: tuple[bytes, ...] | None  # None: plain text, checked otherwise


#: extension → the content type we serve it with, and the bytes it must start with.
ALLOWED: dict[str, Kind] = {
    "pdf": Kind("application/pdf", (b"%PDF-",)),
    "docx": Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP),
    "xlsx": Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    "pptx": Kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", _ZIP),
    "odt": Kind("application/vnd.oasis.opendocument.text", _ZIP),
    "ods": Kind("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    "png": Kind("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": Kind("image/jpeg", (b"\xff\xd8\xff",)),
    "txt": Kind("text/plain; charset=utf-8", None),
    "csv": Kind("text/csv; charset=utf-8", None),
}
_MARKUP = (b"<html", b"<!doctype", b"<script", b"<svg", b"<?xml", b"<iframe", b"<body")


@dataclass(frozen=True)
class CheckedFile:
    original_name: str
    extension: str
    content_type: str
    data: bytes
    sha256: str


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip() or "evidence"
    return "".join(c if c.isalnum() or c in "._- ()" else "_" for c in base)[:200]


def evidence_check(*, upload: UploadedFile) -> CheckedFile:
    """Refuse a file of the wrong type, too large, or whose content does not match its name."""
    name = _safe_name(upload.name or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            {
                "file": f"{name}: files of this type cannot be attached. Use one of: "
                + ", ".join(sorted(ALLOWED))
                + "."
            }
        )
    if (upload.size or 0) > MAX_BYTES:
        raise ValidationError({"file": f"{name} is larger than 10 MB."})
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": f"{name} is larger than 10 MB."})
    if not data:
        raise ValidationError({"file": f"{name} is empty."})
    kind = ALLOWED[extension]
    if kind.magic is not None:
        if not data.startswith(kind.magic):
            raise ValidationError(
                {"file": f"{name} is not a real .{extension} file (its content does not match)."}
            )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": f"{name} is not plain text (UTF-8)."}) from None
        head = text[:2048].lower().encode()
        if any(marker in head for marker in _MARKUP):
            raise ValidationError({"file": f"{name} contains web page markup and was refused."})
    return CheckedFile(
        original_name=name,
        extension=extension,
        content_type=kind.content_type,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def evidence_root() -> Path:
    return private_root() / SUBDIR


def evidence_store(*, checked: CheckedFile) -> str:
    """Write the file under a random name; returns its path relative to the private root."""
    relative = f"{SUBDIR}/{uuid.uuid4().hex}.{checked.extension}"
    with private_writing(relative) as target:
        target.write_bytes(checked.data)
    return relative


def evidence_path(*, stored_file: str) -> Path | None:
    """The file on disk, or None if missing or outside the private root."""
    return private_file(stored_file)
