"""The production stack's pieces: systemd units, gunicorn's configuration, the Procfile, the
request ID and JSON logs, the shared cache, and the scheduler's weekly reminders."""

from __future__ import annotations

import json
import logging
import os
import runpy
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client

from sightline.core.management.commands.scheduler import run_due
from sightline.kernel.logs import JsonFormatter, RequestIdFilter, request_id_var

ROOT = Path(__file__).resolve().parents[2]
LONDON = ZoneInfo("Europe/London")
SYSTEMD = ROOT / "deploy" / "systemd"


def test_systemd_units_pass_systemd_analyze_verify(tmp_path: Path) -> None:
    """Each unit is checked as it would be installed (/opt/sightline is this checkout), with
    the worker template instantiated; unknown keys and missing programs fail the check."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (Debian: apt-get install systemd)")
    units = sorted(SYSTEMD.iterdir())
    assert {u.name for u in units} >= {
        "sightline-web.service",
        "sightline-worker@.service",
        "sightline-scheduler.service",
        "sightline-release.service",
        "sightline.target",
    }
    for unit in units:
        text = unit.read_text().replace("/opt/sightline", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    (tmp_path / "sightline-worker@1.service").write_text(
        (tmp_path / "sightline-worker@.service").read_text()
    )
    checked = [
        str(tmp_path / name)
        for name in (
            "sightline-web.service",
            "sightline-worker@1.service",
            "sightline-scheduler.service",
            "sightline-release.service",
            "sightline.target",
        )
    ]
    result = subprocess.run(  # noqa: S603 - our own unit files
        ["systemd-analyze", "verify", *checked],  # noqa: S607 - wherever Debian puts it
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    problems = [line for line in result.stderr.splitlines() if "sightline" in line]
    assert result.returncode == 0, result.stderr
    assert problems == []


def test_gunicorn_configuration_sets_workers_timeouts_and_json_access_log(monkeypatch) -> None:
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    conf = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert conf["workers"] == 3
    assert conf["timeout"] == 60
    assert conf["accesslog"] == "-"
    assert conf["logconfig_dict"]["formatters"]["json"]["()"] == (
        "sightline.kernel.logs.JsonFormatter"
    )


def test_procfile_runs_web_worker_and_scheduler() -> None:
    lines = [
        line.split(":", 1)
        for line in (ROOT / "deploy" / "Procfile").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    processes = {name: command.strip() for name, command in lines}
    assert set(processes) == {"web", "worker", "scheduler"}
    assert "gunicorn -c deploy/gunicorn.conf.py config.wsgi" in processes["web"]
    assert "db_worker" in processes["worker"]
    assert "sightline scheduler" in processes["scheduler"]


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client: Client) -> None:
    first = client.get("/healthz")
    second = client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]
    # A proxy's plausible ID is kept; anything else is replaced.
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == (
        "lb-1234abcd"
    )
    odd = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert odd != "<script>"
    assert len(odd) == 32


def test_json_log_lines_carry_the_request_id_and_extra_fields() -> None:
    token = request_id_var.set("req-0001abcd")
    try:
        record = logging.LogRecord(
            "sightline.x", logging.WARNING, __file__, 1, "hi %s", ("you",), None
        )
        record.job = 12
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["message"] == "hi you"
    assert line["level"] == "WARNING"
    assert line["request_id"] == "req-0001abcd"
    assert line["job"] == 12


def test_gunicorn_access_lines_become_fields() -> None:
    atoms = {
        "h": "10.0.0.1",
        "m": "GET",
        "U": "/healthz",
        "s": "200",
        "B": "34",
        "M": 3,
        "a": "curl",
        "{x-request-id}o": "abc123def456",
    }
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(h)s", (atoms,), None
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["status"] == 200
    assert line["path"] == "/healthz"
    assert line["request_id"] == "abc123def456"


def _production(env_extra: dict[str, str], code: str, tmp_path: Path) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env_extra,
    }
    if "REDIS_URL" not in env_extra:
        env.pop("REDIS_URL", None)
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; " + code,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_production_shares_a_cache_in_the_database_or_redis(tmp_path: Path) -> None:
    show = "print(settings.CACHES['default']['BACKEND'])"
    assert _production({}, show, tmp_path) == "django.core.cache.backends.db.DatabaseCache"
    assert _production({"REDIS_URL": "redis://127.0.0.1:6379/0"}, show, tmp_path) == (
        "django.core.cache.backends.redis.RedisCache"
    )


def test_production_logs_json_and_can_keep_private_files_in_object_storage(tmp_path: Path) -> None:
    code = (
        "print(settings.LOGGING['handlers']['console']['formatter']); "
        "print(settings.STORAGES['private']['BACKEND'])"
    )
    assert _production({}, code, tmp_path).splitlines() == [
        "json",
        "django.core.files.storage.FileSystemStorage",
    ]
    assert _production(
        {"SIGHTLINE_S3_BUCKET": "sightline-private"}, code, tmp_path
    ).splitlines() == ["json", "storages.backends.s3.S3Storage"]


@pytest.mark.django_db
def test_scheduler_sends_the_weekly_reminders_once_a_week() -> None:
    cache.clear()
    sunday = datetime(2026, 11, 15, 23, 0, tzinfo=LONDON)
    monday_early = datetime(2026, 11, 16, 6, 59, tzinfo=LONDON)
    monday = datetime(2026, 11, 16, 7, 0, tzinfo=LONDON)
    assert run_due(now=sunday, site_url="") == ["send_action_reminders", "send_audit_reminders"]
    assert run_due(now=monday_early, site_url="") == []  # the new week is not due yet
    assert run_due(now=monday, site_url="") == ["send_action_reminders", "send_audit_reminders"]
    # A second scheduler (or the next tick) finds this week claimed.
    assert run_due(now=monday.replace(hour=9), site_url="") == []
    assert run_due(now=datetime(2026, 11, 20, 12, 0, tzinfo=LONDON), site_url="") == []


def test_error_reporting_is_configured_by_environment(tmp_path: Path) -> None:
    """SENTRY_DSN turns Sentry on when sentry-sdk is installed (the `sentry` extra), and
    otherwise stops the start with a message saying what to install."""
    import importlib.util

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 60,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SENTRY_DSN": "https://public@sentry.example.invalid/1",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if importlib.util.find_spec("sentry_sdk") is None:
        assert result.returncode != 0
        assert "sentry-sdk is not installed: run `uv sync --extra sentry`" in result.stderr
    else:
        assert result.stdout.strip() == "started", result.stderr
