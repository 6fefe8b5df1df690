"""Two people saving the same thing at once: one save wins, the other is told "someone else
changed this"; never "database is locked" or any other server error, on SQLite or PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test import Client
from django.urls import reverse

from config.settings.base import SQLITE_OPTIONS
from sightline.accounts.models import User
from sightline.core.concurrency import version_of
from sightline.organisation.models import Authority
from sightline.workforce.models import StaffMember
from sightline.workforce.services import STAFF_FIELDS, staff_update
from tests.workforce.factories import make_teams, make_worker

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 8


def _sqlite_file_copy(tmp_path: Path) -> dict[str, object]:
    """The in-memory test database copied to a file, opened as the demo opens its file."""
    target = tmp_path / "demo.sqlite3"
    connection.ensure_connection()
    import sqlite3

    with sqlite3.connect(target) as dest:
        connection.connection.backup(dest)
    return {**connection.settings_dict, "NAME": str(target), "OPTIONS": dict(SQLITE_OPTIONS)}


def _race(demo: Authority, users: dict[str, User], use_connection: Callable[[], None]) -> list[str]:
    """Each round: two threads save the same worker from the same page version."""
    outcomes: list[str] = []
    lock = threading.Lock()
    for round_no in range(ROUNDS):
        staff = StaffMember.objects.select_related("team", "authority").get(
            authority=demo, reference="E1"
        )
        seen = version_of(staff.updated_at)
        start = threading.Barrier(2)

        def save(
            name: str,
            staff: StaffMember = staff,
            seen: str = seen,
            start: threading.Barrier = start,
            round_no: int = round_no,
        ) -> None:
            use_connection()
            try:
                start.wait(timeout=10)
                values = {f: getattr(staff, f) for f in STAFF_FIELDS}
                values["name"] = f"{name} {round_no}"
                staff_update(
                    by=users["admin"], staff=staff, seen_version=seen, team=staff.team, **values
                )
                result = "saved"
            except ValidationError as exc:
                result = "changed" if "Someone else changed" in str(exc) else f"invalid: {exc}"
            except Exception as exc:  # the finding: OperationalError "database is locked"
                result = f"error: {type(exc).__name__}: {exc}"
            finally:
                connections["default"].close()
            with lock:
                outcomes.append(result)

        threads = [threading.Thread(target=save, args=(n,)) for n in ("Ann", "Bob")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    return outcomes


def test_simultaneous_saves_queue_and_the_loser_is_told_someone_else_changed_it(
    demo: Authority, users: dict[str, User], tmp_path: Path
) -> None:
    inside, _ = make_teams(demo, users)
    make_worker(demo, inside, reference="E1")
    if connection.vendor != "sqlite":
        outcomes = _race(demo, users, lambda: None)
    else:
        file_settings = _sqlite_file_copy(tmp_path)

        def use_connection() -> None:
            connections["default"] = SQLiteWrapper(file_settings, "default")

        test_db = connections["default"]
        use_connection()  # this thread reads from the file too
        try:
            outcomes = _race(demo, users, use_connection)
            with connections["default"].cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        finally:
            connections["default"].close()
            connections["default"] = test_db
    assert [o for o in outcomes if o.startswith(("error", "invalid"))] == []
    assert outcomes.count("saved") == ROUNDS == outcomes.count("changed")


def test_the_loser_sees_the_someone_else_changed_page_not_a_server_error(
    demo: Authority, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    inside, _ = make_teams(demo, users)
    staff = make_worker(demo, inside, reference="E1")
    url = reverse("workforce:staff_edit", args=[staff.pk])
    first, second = client_for("admin"), client_for("director")
    form = first.get(url).context["form"]
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, date):
            value = value.strftime("%d/%m/%Y")
        if value is not None:
            data[name] = value
    data.update({"name": "First Save", "team": inside.pk})
    assert data["version"]
    assert first.post(url, data).status_code == 302
    data["name"] = "Second Save"  # the second person opened the page before the first saved
    response = second.post(url, data)
    assert response.status_code == 200
    assert "Someone else changed this worker" in response.content.decode()
    assert StaffMember.objects.get(pk=staff.pk).name == "First Save"
