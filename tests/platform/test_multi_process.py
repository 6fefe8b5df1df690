"""More than one machine: two gunicorn servers and two job workers, sharing nothing but one
PostgreSQL database, the shared cache in it and the private-files folder (the volume every
machine would mount). An extract uploaded through one server is checked and stored by a worker
and read through the other server. PostgreSQL run only (SQLite is one machine's file)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection

from csc_measures.synth import generate_annex_a
from sightline.accounts.models import User
from sightline.organisation.models import Authority
from sightline.performance.models import AnnexAImport

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "two-machines-one-database"

pytestmark = [
    pytest.mark.once,  # real processes on the real clock, beside the pinned test process
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="several processes share one PostgreSQL database (the PostgreSQL run)",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_env(tmp_path: Path) -> dict[str, str]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "multi-process-test-" + "k" * 50,
        "DATABASE_URL": (f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SIGHTLINE_VAR_DIR": str(tmp_path / "shared-volume"),
        "SIGHTLINE_SSL_REDIRECT": "0",
        "SIGHTLINE_SECURE_COOKIES": "0",
        "SIGHTLINE_HSTS_SECONDS": "0",
        "WEB_CONCURRENCY": "1",
        "SIGHTLINE_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("REDIS_URL", None)
    return env


class Browser:
    """A person's browser: cookies, and the CSRF token from each form."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> str:
        with self.opener.open(url, timeout=30) as response:
            return str(response.read().decode())

    def post(self, url: str, fields: dict[str, str], files: dict[str, Path] | None = None) -> str:
        page = self.get(url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        fields = {"csrfmiddlewaretoken": token.group(1), **fields}
        headers = {"Referer": url}
        if files:
            boundary = uuid.uuid4().hex
            start = f"--{boundary}\r\nContent-Disposition: form-data; "
            parts = [f'{start}name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
            for name, path in files.items():
                parts.append(
                    f'{start}name="{name}"; filename="{path.name}"\r\n'
                    "Content-Type: application/octet-stream\r\n\r\n".encode()
                    + path.read_bytes()
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        with self.opener.open(request, timeout=60) as response:
            return str(response.read().decode())


@pytest.fixture
def stack(tmp_path: Path, demo: Authority) -> Iterator[tuple[str, str]]:
    env = production_env(tmp_path)
    subprocess.run(  # noqa: S603 - our own command
        [str(BIN / "sightline"), "createcachetable"], env=env, cwd=ROOT, check=True
    )
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(  # noqa: S603 - our own servers
            [
                str(BIN / "gunicorn"),
                "-c",
                "deploy/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
                "config.wsgi",
            ],
            env=env,
            cwd=ROOT,
        )
        for port in ports
    ] + [
        subprocess.Popen(  # noqa: S603 - our own workers
            [
                str(BIN / "sightline"),
                "db_worker",
                "--no-reload",
                "--interval",
                "0.2",
                "--worker-id",
                f"machine-{n}",
            ],
            env=env,
            cwd=ROOT,
        )
        for n in (1, 2)
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            for _ in range(300):
                try:
                    urllib.request.urlopen(f"{url}/healthz", timeout=2).close()  # noqa: S310
                    break
                except OSError:
                    time.sleep(0.1)
            else:
                pytest.fail(f"{url} did not start")
        yield urls[0], urls[1]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def wait_for(authority: Authority, statuses: set[str]) -> AnnexAImport:
    for _ in range(600):
        imp = AnnexAImport.objects.filter(authority=authority).order_by("-pk").first()
        if imp is not None and imp.status in statuses:
            return imp
        time.sleep(0.2)
    pytest.fail(f"the import never reached {statuses}")


def test_upload_on_one_server_computed_by_a_worker_read_on_the_other(
    stack: tuple[str, str], demo: Authority, tmp_path: Path
) -> None:
    first, second = stack
    # Production hashes passwords with Argon2 (the test settings' hasher is not accepted).
    User.objects.filter(username="analyst").update(
        password=Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    )
    extract = generate_annex_a(
        tmp_path / "annex_a_2025-04-30.xlsx",
        fmt="xlsx",
        as_of=date(2025, 4, 30),
        months=12,
        scale=0.05,
        seed=9,
        messy=False,
    )
    analyst = Browser()
    analyst.post(f"{first}/accounts/sign-in/", {"username": "analyst", "password": PASSWORD})

    # Uploaded through the first server…
    analyst.post(
        f"{first}/performance/imports/",
        {"extract_date": "30/04/2025", "period_start": ""},
        files={"file": extract},
    )
    imp = wait_for(demo, {AnnexAImport.Status.NEEDS_DECISION, AnnexAImport.Status.IMPORTED})
    if imp.status == AnnexAImport.Status.NEEDS_DECISION:
        # …accepted through the second (the session is in the shared database)…
        analyst.post(
            f"{second}/performance/imports/{imp.pk}/",
            {"decision": "accept", "confirm": "on", "reason": "First extract"},
        )
    imp = wait_for(demo, {AnnexAImport.Status.IMPORTED, AnnexAImport.Status.FAILED})
    assert imp.status == AnnexAImport.Status.IMPORTED, imp.__dict__

    # …computed by one of the workers (not by either web server)…
    from django_tasks_db.models import DBTaskResult

    workers = {w for result in DBTaskResult.objects.all() for w in result.worker_ids}
    assert workers
    assert workers <= {"machine-1", "machine-2"}

    # …and read through the second server: the dashboard, and the children behind a figure,
    # read from the Parquet file the worker wrote to the shared volume.
    dashboard = analyst.get(f"{second}/performance/")
    assert "ICPCs within 15 working days" in dashboard
    children = analyst.get(
        f"{second}/performance/measures/CP03/children/?period=2025-04&part=denominator"
    )
    assert "Child Unique ID" in children
    assert (tmp_path / "shared-volume" / "private" / imp.children_file).exists()
