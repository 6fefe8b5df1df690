"""Backup and restore of a whole deployment: the database and the private files, together.

A backup is one ``.tar.gz`` file holding

- ``database.json.gz``: every row (Django's ``dumpdata``, natural keys for content types),
  read in one transaction (``REPEATABLE READ`` on PostgreSQL, a read transaction on SQLite), so
  it is one consistent moment;
- ``private/…``: every private file (uploaded extracts, the children behind figures, the
  normalised lists, evidence, exports), copied *after* the database was read — files are
  written before the rows naming them are committed and never changed afterwards, so every
  file the database names is in the backup;
- ``manifest.json``: when, from which schema (each app's latest migration), and the SHA-256
  checksum and size of the database dump and of every file.

``restore`` checks every checksum and the schema before it changes anything, then loads the
rows into an empty (migrated) database, or replaces what is there with ``replace=True``, and
puts the files back. Database engines may differ (a SQLite demo restores into PostgreSQL).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from sightline.kernel.storage import private_files, private_read, private_write
from sightline.organisation.models import Authority

FORMAT = 1
DATABASE = "database.json.gz"
#: Rows that are rebuilt, not restored: content types and permissions come from migrations
#: (referred to by natural keys), sessions are signed-in browsers.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]


class BackupError(Exception):
    """A backup that cannot be restored here, with the reason."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    rows: int
    files: int


def _sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _schema() -> dict[str, str]:
    """Each app's latest applied migration."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return dict(sorted(latest.items()))


def _dump_database(target: Path) -> None:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=EXCLUDED,
            output=str(target),
            verbosity=0,
        )


def backup_create(*, path: Path) -> BackupSummary:
    """Write a backup of the database and the private files to ``path`` (.tar.gz)."""
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DATABASE
        _dump_database(dump)
        dump_bytes = dump.read_bytes()
        with gzip.open(dump, "rt", encoding="utf-8") as handle:
            rows = len(json.load(handle))
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database_vendor": connection.vendor,
            "schema": _schema(),
            "database": {"name": DATABASE, "sha256": _sha(dump_bytes), "rows": rows},
            "files": [],
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=DATABASE)
            for name in private_files():
                content = private_read(name)
                info = tarfile.TarInfo(f"private/{name}")
                info.size = len(content)
                archive.addfile(info, io.BytesIO(content))
                manifest["files"].append(
                    {"name": name, "sha256": _sha(content), "size": len(content)}
                )
            text = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(text)
            archive.addfile(info, io.BytesIO(text))
        partial.replace(path)
    return BackupSummary(path=path, rows=rows, files=len(manifest["files"]))


def _read_checked(path: Path) -> tuple[dict[str, Any], bytes, dict[str, bytes]]:
    """The manifest, the database dump and the files, every checksum checked."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file.")
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = {m.name: m for m in archive.getmembers() if m.isfile()}
            if "manifest.json" not in members:
                raise BackupError(f"{path}: not a Sightline backup (no manifest.json).")

            def read(name: str) -> bytes:
                handle = archive.extractfile(members[name])
                assert handle is not None  # noqa: S101 - a regular file
                return handle.read()

            manifest = json.loads(read("manifest.json"))
            if manifest.get("format") != FORMAT:
                raise BackupError(f"{path}: backup format {manifest.get('format')} not known.")
            dump = read(DATABASE)
            if _sha(dump) != manifest["database"]["sha256"]:
                raise BackupError(f"{path}: {DATABASE} does not match its checksum.")
            files: dict[str, bytes] = {}
            for entry in manifest["files"]:
                member = f"private/{entry['name']}"
                if member not in members:
                    raise BackupError(f"{path}: {member} is missing.")
                content = read(member)
                if _sha(content) != entry["sha256"]:
                    raise BackupError(f"{path}: {member} does not match its checksum.")
                files[entry["name"]] = content
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{path}: cannot be read ({error}).") from error
    return manifest, dump, files


def backup_restore(*, path: Path, replace: bool = False) -> BackupSummary:
    """Restore ``path`` into this deployment's database and private storage. The database
    must be migrated to the same schema as the backup, and empty of authorities unless
    ``replace`` (which deletes every row first)."""
    manifest, dump, files = _read_checked(path)
    if manifest["schema"] != _schema():
        differ = sorted(
            app
            for app in set(manifest["schema"]) | set(_schema())
            if manifest["schema"].get(app) != _schema().get(app)
        )
        raise BackupError(
            f"{path}: made with another version of Sightline (migrations differ for "
            f"{', '.join(differ)}). Restore with the version that made it, then upgrade."
        )

    if Authority.objects.exists() and not replace:
        raise BackupError(
            "This database already holds authorities: restore into an empty database, or "
            "give --replace to delete everything in it first."
        )
    with tempfile.TemporaryDirectory() as work:
        fixture = Path(work) / DATABASE
        fixture.write_bytes(dump)
        with transaction.atomic():
            # Emptied first even when it holds no authority: migrations seed some rows (the
            # inspection frameworks), which the backup holds with its own keys. Content types
            # and permissions are made again by flush's post-migrate step.
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(fixture), verbosity=0)
    for name, content in files.items():
        private_write(name, content)
    return BackupSummary(path=path, rows=manifest["database"]["rows"], files=len(files))
