"""Scale on PostgreSQL: many authorities in one deployment, more workers, more web processes
(a benchmark, not a test; issue 17).

It sets up ``--authorities`` fictional authorities (default 10) in the PostgreSQL database named
by ``DATABASE_URL``, each with ``--extracts`` monthly synthetic Annex A extracts (default 24; one
simulation, uploaded to every authority), with production settings (the database cache, the
shared private folder). Then:

- **imports**: half the authorities' extracts are uploaded and imported by one job worker, the
  other half by two; imports per second for each, and the ratio (goal: close to 2);
- **dashboard**: gunicorn with one process, then two; for ``--seconds`` each, signed-in
  analysts of every authority request their dashboard, then a bare page (``/about/``) for as
  long; requests per second, and the dashboard's throughput as a share of the bare page's in
  the same run (goal: at least 40%).

    scripts/with-postgres.sh .venv/bin/python benchmarks/scale.py
    scripts/with-postgres.sh .venv/bin/python benchmarks/scale.py --authorities 4 --extracts 6
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard_load import Phase, Session, _free_port, _run, _wait_until_serving

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "Bench-password-2026"  # noqa: S105 - synthetic users on a throwaway database


def production_env(var: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "benchmark-only-" + "s" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "SIGHTLINE_VAR_DIR": str(var),
        "SIGHTLINE_SSL_REDIRECT": "0",
        "SIGHTLINE_SECURE_COOKIES": "0",
        "SIGHTLINE_HSTS_SECONDS": "0",
        "SIGHTLINE_LOG_LEVEL": "WARNING",
        "SIGHTLINE_ACCESS_LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def set_up(args: argparse.Namespace, var: Path) -> list[tuple[int, list[Path]]]:
    """The authorities (with an analyst each) and the extracts; nothing uploaded yet."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from csc_measures.synth import generate_annex_a_series
    from sightline.accounts.services import user_create
    from sightline.core.roles import Role
    from sightline.organisation.models import ReferenceAuthority
    from sightline.regional.services import authority_onboard

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_reference_data", verbosity=0)
    call_command("load_benchmarks", verbosity=0)
    started = time.monotonic()
    paths = generate_annex_a_series(
        var / "extracts",
        fmt="xlsx",
        as_of=date(2025, 10, 31),
        months=12,
        scale=args.scale,
        seed=17,
        messy=False,
        extracts=args.extracts,
    )
    print(f"simulated {len(paths)} extracts in {time.monotonic() - started:.0f} s", flush=True)
    benchmark = ReferenceAuthority.objects.get(dfe_code="916")
    made = []
    for n in range(args.authorities):
        authority = authority_onboard(
            by=None,
            name=f"Benchshire {n + 1:02d}",
            benchmark_as=benchmark,
            is_fictional=True,
            localities=["North", "South"],
            teams=[],
            admin_username=f"admin-{n}",
            admin_email=f"admin{n}@bench.example",
            effective=date(2025, 1, 1),
        ).authority
        user_create(
            by=None,
            authority=authority,
            username=f"analyst-{n}",
            role=Role.ANALYST,
            password=PASSWORD,
        )
        made.append((authority.pk, paths))
    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    return made


def import_phase(
    authorities: list[tuple[int, list[Path]]], workers: int, env: dict[str, str]
) -> dict[str, float]:
    """Upload every extract of these authorities, then let ``workers`` job workers import them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sightline.accounts.models import User
    from sightline.organisation.models import Authority
    from sightline.performance.imports import annex_a_accept, annex_a_upload
    from sightline.performance.models import AnnexAImport

    pks = [pk for pk, _ in authorities]
    for pk, paths in authorities:
        authority = Authority.objects.get(pk=pk)
        analyst = User.objects.get(authority=authority, role="analyst")
        for path in paths:
            annex_a_upload(
                by=analyst,
                authority=authority,
                upload=SimpleUploadedFile(path.name, path.read_bytes()),
                extract_date=date.fromisoformat(path.stem.removeprefix("annex_a_")),
            )
    total = sum(len(paths) for _, paths in authorities)
    started = time.monotonic()
    processes = [
        subprocess.Popen(  # noqa: S603 - our own worker
            [
                str(BIN / "sightline"),
                "db_worker",
                "--no-reload",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--worker-id",
                f"bench-{workers}-{n}",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(workers)
    ]
    try:
        while True:
            rows = AnnexAImport.objects.filter(authority_id__in=pks)
            for imp in rows.filter(status=AnnexAImport.Status.NEEDS_DECISION):
                annex_a_accept(
                    by=imp.uploaded_by, annex_import=imp, confirmed=True, reason="benchmark"
                )
            done = rows.filter(
                status__in=[AnnexAImport.Status.IMPORTED, AnnexAImport.Status.REPLACED]
            ).count()
            failed = rows.filter(status=AnnexAImport.Status.FAILED).count()
            if done + failed >= total:
                break
            time.sleep(0.2)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
    from django.db.models import Max, Min

    from sightline.jobs.models import Job

    # From the first job's start to the last one's end: the workers' own start-up (loading
    # Django, seconds on a busy machine) is not import throughput.
    span = Job.objects.filter(authority_id__in=pks).aggregate(
        a=Min("started_at"), b=Max("finished_at")
    )
    seconds = (span["b"] - span["a"]).total_seconds() if span["a"] else time.monotonic() - started
    return {
        "workers": workers,
        "imports": total,
        "failed": failed,
        "seconds": round(seconds, 1),
        "imports_per_s": round(total / seconds, 3),
    }


def web_phase(
    processes: int, authorities: int, users: int, seconds: float, env: dict[str, str]
) -> dict[str, object]:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - gunicorn from our venv
        [
            str(BIN / "gunicorn"),
            "-c",
            "deploy/gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(processes),
            "config.wsgi",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_until_serving(port)
        sessions = [Session(port, f"analyst-{i % authorities}") for i in range(users)]
        for s in sessions:
            s.sign_in()
            s.get("/performance/")  # warm: the shared cache holds each authority's dashboard
        results: dict[str, object] = {"processes": processes}
        for name, paths in (("dashboard", ["/performance/"]), ("bare", ["/about/"])):
            phase = Phase(name)
            _run(phase, sessions, paths, seconds)
            results[name] = phase.report()
        ratio = results["dashboard"]["rps"] / results["bare"]["rps"]  # type: ignore[index]
        results["dashboard_share_of_bare"] = round(ratio, 2)
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--authorities", type=int, default=10)
    parser.add_argument("--extracts", type=int, default=24)
    parser.add_argument(
        "--scale", type=float, default=0.25, help="size of each simulated authority"
    )
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Run it under scripts/with-postgres.sh (PostgreSQL).", file=sys.stderr)
        return 2
    var = Path(tempfile.mkdtemp(prefix="sightline-scale-"))
    env = production_env(var)
    os.environ.update(env)
    authorities = set_up(args, var)
    half = len(authorities) // 2
    one = import_phase(authorities[:half], 1, env)
    print("imports, 1 worker:", one, flush=True)
    two = import_phase(authorities[half:], 2, env)
    print("imports, 2 workers:", two, flush=True)
    web1 = web_phase(1, args.authorities, args.users, args.seconds, env)
    print("web, 1 process:", web1, flush=True)
    web2 = web_phase(2, args.authorities, args.users, args.seconds, env)
    print("web, 2 processes:", web2, flush=True)
    report = {
        "settings": {k: v for k, v in vars(args).items() if k != "json"},
        "imports_1_worker": one,
        "imports_2_workers": two,
        "import_speed_up": round(two["imports_per_s"] / one["imports_per_s"], 2),
        "web_1_process": web1,
        "web_2_processes": web2,
        "dashboard_speed_up": round(
            web2["dashboard"]["rps"] / web1["dashboard"]["rps"],
            2,  # type: ignore[index]
        ),
        "cpus": os.cpu_count(),
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
