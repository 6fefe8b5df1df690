"""Private storage: uploaded files, evidence and the children behind figures.

Everything private is kept by the ``private`` entry of ``settings.STORAGES`` (never static or
media, so no web server serves it); every app asks this module for it, so where private files
live is decided once.

- By default that is a folder, ``settings.PRIVATE_STORAGE_ROOT``; with several machines it is
  a volume every machine mounts (NFS, a cloud file share), and ``private_path`` is the file.
- With S3-compatible object storage (``django-storages``; docs/deployment.md) there is no
  shared folder: ``private_path`` is then a local working copy under
  ``SIGHTLINE_VAR_DIR/private-cache``, fetched from the store (a file, or every file of a
  folder) when it is read and not here yet. Polars reads Parquet from a local path (or
  bytes), which is why reads go through a working copy rather than a stream.

Writers never remember to publish: they write inside ``with private_writing(relative) as
path:``, which publishes the file (or folder) to the store when the block succeeds and removes
it when it fails; ``private_delete`` removes a file or folder from the store and from this
machine. Names are never reused for other content (a random name, or an import's number), so a
working copy never goes stale.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def private_root() -> Path:
    """The folder of private storage (or of its local working copies, for object storage)."""
    if is_local():
        return Path(settings.PRIVATE_STORAGE_ROOT)
    return Path(settings.VAR_DIR) / "private-cache"


def is_local() -> bool:
    """Whether private storage is a folder of this machine (or a volume it mounts)."""
    backend = import_string(str(settings.STORAGES["private"]["BACKEND"]))  # type: ignore[index]
    return issubclass(backend, FileSystemStorage)


def private_storage() -> Storage:
    """The storage holding private files (a folder at ``PRIVATE_STORAGE_ROOT`` by default)."""
    if is_local():
        return FileSystemStorage(location=settings.PRIVATE_STORAGE_ROOT, base_url=None)
    return storages["private"]


def _download(storage: Storage, name: str, path: Path) -> None:
    """Copy a stored file to ``path`` through a temporary file beside it, so another thread or
    process never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    try:
        with storage.open(name, "rb") as source, partial.open("wb") as target:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                target.write(chunk)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def _stored_under(storage: Storage, folder: str) -> list[str]:
    """Every stored file under ``folder`` (none when there is no such folder)."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    names = [f"{folder}/{name}" for name in sorted(files)]
    for sub in sorted(folders):
        names.extend(_stored_under(storage, f"{folder}/{sub}"))
    return names


def _fetch(relative: str, path: Path) -> None:
    """Bring a stored file, or every file of a stored folder, to the working copy ``path``."""
    storage = private_storage()
    if storage.exists(relative):
        try:
            _download(storage, relative, path)
        except IsADirectoryError:  # a store that answers "exists" for a folder too
            pass
        else:
            return
    names = _stored_under(storage, relative.rstrip("/"))
    if not names:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # The whole folder arrives at once (a rename), so a reader never sees part of it.
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    try:
        for name in names:
            _download(storage, name, staging / Path(name).relative_to(relative))
        try:
            staging.rename(path)
        except OSError:  # another process fetched it first
            if not path.exists():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def private_path(relative: str) -> Path:
    """Where a file (or folder) of private storage is on disk (``relative`` is the name stored
    in the database, such as ``imports/12-children.parquet``). With object storage, a local
    working copy, fetched from the store when it exists there and is not here yet. To write,
    use :func:`private_writing`."""
    path = private_root() / relative
    if not is_local() and not path.exists():
        _fetch(relative, path)
    return path


def private_file(relative: str) -> Path | None:
    """The file on disk (fetched as :func:`private_path` does), or None when it is missing or
    ``relative`` points outside private storage (a name from the database is never trusted to
    stay inside)."""
    root = private_root().resolve()
    if root not in (root / relative).resolve().parents:
        return None
    path = private_path(relative)
    return path if path.is_file() else None


@contextmanager
def private_writing(relative: str) -> Iterator[Path]:
    """Write a private file, or a folder of them, at the path this yields (its parent folder
    exists): when the block ends without an exception what was written is published to the
    store (nothing more to do when private storage is a folder); when it raises, what was
    written is removed, here and from the store, and the exception goes on."""
    path = private_root() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield path
        private_publish(relative)
    except BaseException:
        try:
            private_delete(relative)
        except Exception:  # the store is unreachable: the first error is the one to report
            logger.warning("could not remove %s after a failed write", relative, exc_info=True)
        raise


def _remove_local(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def private_delete(relative: str) -> None:
    """Remove a private file, or a folder and every file in it, from the store and from this
    machine's working copy (nothing happens when it is not there)."""
    _remove_local(private_root() / relative)
    if is_local():
        return
    storage = private_storage()
    if storage.exists(relative):
        storage.delete(relative)
    for name in _stored_under(storage, relative.rstrip("/")):
        storage.delete(name)


def private_publish(relative: str) -> None:
    """Send a file written at ``private_path(relative)`` (a file, or every file of a folder) to
    the store; nothing to do when private storage is a folder. Writers use
    :func:`private_writing`, which calls this."""
    if is_local():
        return
    storage = private_storage()
    local = private_root() / relative
    files = [local] if local.is_file() else sorted(p for p in local.rglob("*") if p.is_file())
    for path in files:
        name = path.relative_to(private_root()).as_posix()
        if storage.exists(name):
            storage.delete(name)
        with path.open("rb") as handle:
            storage.save(name, File(handle))


def private_files() -> Iterator[str]:
    """Every file of private storage, by its stored name (``imports/12.xlsx``)."""
    storage = private_storage()
    if is_local():
        root = Path(settings.PRIVATE_STORAGE_ROOT)
        if root.exists():
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    yield path.relative_to(root).as_posix()
        return

    def walk(folder: str) -> Iterator[str]:
        folders, files = storage.listdir(folder)
        for name in sorted(files):
            yield f"{folder}/{name}" if folder else name
        for sub in sorted(folders):
            yield from walk(f"{folder}/{sub}" if folder else sub)

    yield from walk("")


def private_read(relative: str) -> bytes:
    """A private file's content."""
    with private_storage().open(relative, "rb") as handle:
        return bytes(handle.read())


def private_write(relative: str, content: bytes) -> None:
    """Store ``content`` under exactly ``relative`` (replacing what was there)."""
    storage = private_storage()
    if storage.exists(relative):
        storage.delete(relative)
    if is_local():
        path = Path(settings.PRIVATE_STORAGE_ROOT) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return
    from django.core.files.base import ContentFile

    # A working copy of what was there before (a restore replacing files) must not be read.
    _remove_local(private_root() / relative)
    storage.save(relative, ContentFile(content))


def sha256_of(content: bytes) -> str:
    """The SHA-256 checksum of ``content`` (hex)."""
    return hashlib.sha256(content).hexdigest()
