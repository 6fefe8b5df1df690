"""Private storage: uploaded files, evidence and the children behind figures.

Everything private is kept by the ``private`` entry of ``settings.STORAGES`` (never static or
media, so no web server serves it); every app asks this module for it, so where private files
live is decided once.

- By default that is a folder, ``settings.PRIVATE_STORAGE_ROOT``; with several machines it is
  a volume every machine mounts (NFS, a cloud file share), and ``private_path`` is the file.
- With S3-compatible object storage (``django-storages``; docs/deployment.md) there is no
  shared folder: ``private_path`` is then a local working copy under
  ``SIGHTLINE_VAR_DIR/private-cache``, fetched from the store when it is read, and a caller
  that wrote a file there calls ``private_publish`` to send it to the store. Polars reads
  Parquet from a local path (or bytes), which is why reads go through a working copy rather
  than a stream.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.module_loading import import_string


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


def private_path(relative: str) -> Path:
    """Where a file of private storage is on disk (``relative`` is the name stored in the
    database, such as ``imports/12-children.parquet``). With object storage, a local working
    copy, fetched from the store when it exists there and is not here yet."""
    path = private_root() / relative
    if not is_local() and not path.exists():
        storage = private_storage()
        if storage.exists(relative):
            path.parent.mkdir(parents=True, exist_ok=True)
            with storage.open(relative, "rb") as source, path.open("wb") as target:
                for chunk in iter(lambda: source.read(1024 * 1024), b""):
                    target.write(chunk)
    return path


def private_publish(relative: str) -> None:
    """Send a file written at ``private_path(relative)`` (a file, or every file of a folder) to
    the store; nothing to do when private storage is a folder."""
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

    storage.save(relative, ContentFile(content))


def sha256_of(content: bytes) -> str:
    """The SHA-256 checksum of ``content`` (hex)."""
    return hashlib.sha256(content).hexdigest()
