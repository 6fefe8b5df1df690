"""Production settings pass Django's deployment check; the demo set-up is repeatable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from sightline.accounts.models import User
from sightline.home.demo import DEMO_USERS, demo_setup
from sightline.organisation.models import Locality, Team

ROOT = Path(__file__).resolve().parents[2]


def test_deploy_check_with_production_settings_reports_nothing(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-value-0123456789",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "sightline.example.gov.uk",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "config.cli_entry", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env.pop("DJANGO_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "config.cli_entry", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_demo_set_up_twice_creates_nothing_twice(reference_data: None) -> None:
    first = demo_setup(password="first-password-123")
    counts = (User.objects.count(), Locality.objects.count(), Team.objects.count())
    second = demo_setup(password="second-password-456")
    assert (User.objects.count(), Locality.objects.count(), Team.objects.count()) == counts
    assert first.created_users == len(DEMO_USERS)
    assert second.created_users == 0
    assert User.objects.get(username="analyst").check_password("second-password-456")


@pytest.mark.django_db
def test_demo_command_uses_the_password_from_the_environment(monkeypatch, capsys) -> None:
    monkeypatch.setenv("SIGHTLINE_DEMO_PASSWORD", "from-the-environment-99")
    call_command("demo", "--no-serve", "--no-data")
    out = capsys.readouterr().out
    assert "Password for every demo user: from-the-environment-99" in out
    for username in DEMO_USERS:
        assert username in out
    assert User.objects.get(username="qa").check_password("from-the-environment-99")


def test_production_refuses_to_start_without_a_database_url() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-value-0123456789",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "config.cli_entry", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set DATABASE_URL" in result.stderr
