"""Private storage through STORAGES: a folder by default; with object storage (here Django's
in-memory storage standing in for S3), files written at ``private_path`` are published to the
store, and a machine without them reads them back through a local working copy."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from sightline.kernel import storage


@pytest.fixture
def object_storage(settings: Any, tmp_path: Path) -> Path:
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    settings.VAR_DIR = tmp_path / "machine-1"
    return settings.VAR_DIR


def test_by_default_private_files_are_a_folder(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    assert storage.is_local()
    storage.private_write("imports/1.xlsx", b"abc")
    assert storage.private_path("imports/1.xlsx").read_bytes() == b"abc"
    assert list(storage.private_files()) == ["imports/1.xlsx"]
    storage.private_publish("imports/1.xlsx")  # nothing to do on a folder


def test_object_storage_publishes_and_fetches_parquet(object_storage: Path, settings: Any) -> None:
    assert not storage.is_local()
    frame = pl.DataFrame({"child": ["A1", "B2"], "measure": ["CP03", "CP03"]})
    target = storage.private_path("imports/7-children.parquet")
    target.parent.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(target)
    lists = storage.private_path("imports/7-lists")
    lists.mkdir(parents=True)
    pl.DataFrame({"x": [1]}).write_parquet(lists / "list_1.parquet")
    storage.private_publish("imports/7-children.parquet")
    storage.private_publish("imports/7-lists")
    assert sorted(storage.private_files()) == [
        "imports/7-children.parquet",
        "imports/7-lists/list_1.parquet",
    ]

    # Another machine: no local copy until it reads one.
    shutil.rmtree(object_storage)
    settings.VAR_DIR = object_storage.parent / "machine-2"
    path = storage.private_path("imports/7-children.parquet")
    assert pl.read_parquet(path).equals(frame)
    assert storage.private_read("imports/7-lists/list_1.parquet")[:4] == b"PAR1"
    assert not storage.private_path("imports/unknown.parquet").exists()
