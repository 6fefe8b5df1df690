"""Speed of the measures engine on synthetic Annex A extracts (a benchmark, not a test).

For each dataset it reports, each step in its own process:

- **read**: the time merely to read the files with the engine's reader (the floor);
- **catalogue**: ``load_annex_a`` + ``compute_catalogue`` (every measure, every month, the
  authority and each team, with the IDs of the children behind every figure, as the web
  import keeps them), wall time and peak memory (maximum resident set size);
- **figures**: the same without listing the IDs (``with_ids=False``), as ``sightline
  measures`` computes its results CSV;
- **five**: ``load_annex_a`` + ``compute_catalogue(measure_ids=..., with_ids=False)`` on only
  the five measures of the baseline (FD04, AS02, CP03, CP05, LA04), figures only like the
  baseline: the like-for-like comparison;
- **baseline**: the plain pandas + openpyxl implementation of five measures in
  ``baseline_pandas.py``, as an analyst would write it today.

Datasets (generated once with the synthetic authority, cached under ``var/bench``):
scale 1 and scale 10 (the largest English authority), as .xlsx and as CSV; and a pooled
national size: 150 authorities at scale 1 in CSV (identifiers and teams prefixed per
authority; ``--distinct`` different simulated authorities are reused round-robin), computed
with polars limited to 2 threads.

Each step runs ``--repeat`` times (default 3), interleaved; the run with the median time is
reported (with the fastest and slowest in the JSON) and the highest peak memory of all runs.

Goals (issue 3): scale 10 in at most 3 x the read time and at least 10 x faster than the
baseline, peak memory under 2 GB; the national size under 60 s on 2 cores.

Whole processes (``--tables whole``; issue "Real Annex A"): the command a person runs,
``sightline measures --annex-a PATH --as-of … --out FILE.csv`` (the whole catalogue, figures
only, without Django), timed from start to exit, against ``typed_read.py`` on the same files
(CSV: polars reads every list, trims every cell and parses every date column; xlsx: the
calamine read of every sheet). Both run ``--repeat`` times, in turn (A B A B …); the median
wall time of each, and the median of the pair-by-pair ratios, are reported, with each process's
peak memory. Goals: at most 2.5 x the typed read (CSV) and 1.5 x the calamine read (xlsx), at
scale 1 and scale 10.

    uv run python benchmarks/measures_bench.py            # everything (several minutes)
    uv run python benchmarks/measures_bench.py --quick    # scale 1 only
    uv run python benchmarks/measures_bench.py --datasets s10x,nat
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

AS_OF = date(2025, 10, 31)
MONTHS = 12
# The five measures of the pandas baseline, for a like-for-like comparison.
BASELINE_MEASURES = ("FD04", "AS02", "CP03", "CP05", "LA04")
ROOT = Path(__file__).resolve().parent.parent
NATIONAL_THREADS = 2


Figures = dict[str, float | int | str]


@dataclass(frozen=True)
class Dataset:
    key: str
    name: str
    path: Path
    threads: int | None = None


# ---- worker (runs in a child process) -------------------------------------------------


def _peak_mb() -> float:
    """Peak resident memory of this process. ``VmHWM`` is reset by exec, unlike
    ``ru_maxrss``, which Linux carries over from the parent that forked us."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="utf-8").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_task(task: str, path: Path) -> dict[str, float | int | str]:
    """One measured step; imports happen before the clock starts."""
    if task == "read":
        from csc_measures.ingest.readers import read_annex_a

        started = time.perf_counter()
        raw, _ = read_annex_a(path)
        seconds = time.perf_counter() - started
        rows = sum(r.frame.height for r in raw.values())
        return {"seconds": seconds, "rows": rows, "peak_mb": _peak_mb()}
    if task in ("catalogue", "figures", "five"):
        from csc_measures import compute_catalogue, load_annex_a

        ids = BASELINE_MEASURES if task == "five" else None
        started = time.perf_counter()
        annex = load_annex_a(path, as_of=AS_OF)
        loaded = time.perf_counter()
        result = compute_catalogue(annex, measure_ids=ids, with_ids=task == "catalogue")
        done = time.perf_counter()
        rows = sum(frame.height for frame in annex.lists.values())
        return {
            "seconds": done - started,
            "load_seconds": loaded - started,
            "compute_seconds": done - loaded,
            "rows": rows,
            "values": result.results.height,
            "issues": len(annex.issues),
            "peak_mb": _peak_mb(),
        }
    if task == "baseline":
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from baseline_pandas import baseline

        started = time.perf_counter()
        out = baseline(path, as_of=AS_OF)
        seconds = time.perf_counter() - started
        return {"seconds": seconds, "values": len(out), "peak_mb": _peak_mb()}
    raise ValueError(f"unknown task {task!r}")


def measure(task: str, dataset: Dataset) -> dict[str, float | int | str]:
    env = dict(os.environ)
    if dataset.threads:
        env["POLARS_MAX_THREADS"] = str(dataset.threads)
    started = time.perf_counter()
    proc = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        [sys.executable, __file__, "--task", task, "--path", str(dataset.path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        print(f"  {task} on {dataset.name} failed: {last}", file=sys.stderr, flush=True)
        return {"failed": last}
    result: dict[str, float | int | str] = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - started
    return result


# ---- whole processes ----------------------------------------------------------------------

BENCH = Path(__file__).resolve().parent
#: The goals: the catalogue's process at most this many times the floor's.
WHOLE_GOALS = {"csv": 2.5, "xlsx": 1.5}


def whole_commands(path: Path, out: Path) -> dict[str, list[str]]:
    """The two processes compared: the command a person runs, and the read it is held to."""
    sightline = Path(sys.executable).parent / "sightline"
    return {
        "catalogue": [
            str(sightline),
            "measures",
            "--annex-a",
            str(path),
            "--as-of",
            AS_OF.isoformat(),
            "--out",
            str(out),
        ],
        "floor": [sys.executable, str(BENCH / "typed_read.py"), str(path)],
    }


def run_process(command: list[str]) -> Figures:
    """Wall time, CPU time and peak memory of one whole process, from start to exit."""
    started = time.perf_counter()
    with subprocess.Popen(  # noqa: S603 - our own commands, fixed arguments
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    ) as proc:
        assert proc.stderr is not None
        errors = proc.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        last = (errors.strip().splitlines() or ["(no message)"])[-1]
        print(f"  {command[1]} failed: {last}", file=sys.stderr, flush=True)
        return {"failed": last}
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
    }


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


WHOLE_HEADER = (
    "| dataset | floor | floor s (min–max) | floor peak MB | sightline measures s (min–max) "
    "| peak MB | x floor (median of pairs) | goal | met? |"
)


def whole_row(ds: Dataset, repeat: int, work: Path) -> tuple[str, Figures]:
    """One warm-up of each, then ``repeat`` counted runs in turn (A B A B …)."""
    commands = whole_commands(ds.path, work / "figures.csv")
    runs: dict[str, list[Figures]] = {"catalogue": [], "floor": []}
    for counted in [False] + [True] * max(1, repeat):
        for key, command in commands.items():
            figures = run_process(command)
            if counted:
                runs[key].append(figures)
    done = {key: [r for r in got if "failed" not in r] for key, got in runs.items()}
    kind = "xlsx" if ds.path.suffix == ".xlsx" else "csv"
    floor_name = "calamine read" if kind == "xlsx" else "typed read"
    if not done["catalogue"] or not done["floor"]:
        return f"| {ds.name} | {floor_name} | failed | | | | | | |", {"failed": "see above"}
    secs = {key: [float(r["seconds"]) for r in got] for key, got in done.items()}
    pairs = [
        float(c["seconds"]) / float(f["seconds"])
        for c, f in zip(runs["catalogue"], runs["floor"], strict=True)
        if "failed" not in c and "failed" not in f
    ]
    ratio, goal = _median(pairs), WHOLE_GOALS[kind]
    summary: Figures = {
        "floor": floor_name,
        "floor_seconds": _median(secs["floor"]),
        "floor_peak_mb": max(float(r["peak_mb"]) for r in done["floor"]),
        "catalogue_seconds": _median(secs["catalogue"]),
        "catalogue_peak_mb": max(float(r["peak_mb"]) for r in done["catalogue"]),
        "ratio": ratio,
        "goal": goal,
        "runs": len(pairs),
    }

    def spread(key: str) -> str:
        return f"{_median(secs[key]):.2f} ({min(secs[key]):.2f}–{max(secs[key]):.2f})"

    row = (
        f"| {ds.name} | {floor_name} | {spread('floor')} | {summary['floor_peak_mb']:.0f} "
        f"| {spread('catalogue')} | {summary['catalogue_peak_mb']:.0f} | {ratio:.2f} "
        f"| ≤ {goal:g} | {'met' if ratio <= goal else 'not met'} |"
    )
    return row, summary


# ---- data -------------------------------------------------------------------------------


def generate(cache: Path, *, scale: float, fmt: str, seed: int) -> Path:
    from csc_measures.synth import generate_annex_a

    name = f"scale{scale:g}_seed{seed}_{MONTHS}m" + (".xlsx" if fmt == "xlsx" else "_csv")
    target = cache / name
    if target.exists():
        return target
    print(f"  generating {name} …", flush=True)
    tmp = cache / f"tmp_{name}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.unlink(missing_ok=True)
    generate_annex_a(tmp, fmt=fmt, as_of=AS_OF, months=MONTHS, scale=scale, seed=seed, messy=False)  # type: ignore[arg-type]
    tmp.rename(target)
    return target


def national(cache: Path, *, authorities: int, distinct: int) -> Path:
    """``authorities`` pooled into one CSV extract, from ``distinct`` simulated ones."""
    import polars as pl

    target = cache / f"national_{authorities}x_scale1_{MONTHS}m_csv"
    if target.exists():
        return target
    sources = [generate(cache, scale=1, fmt="csv", seed=100 + k) for k in range(distinct)]
    print(f"  pooling {authorities} authorities …", flush=True)
    tmp = cache / f"tmp_{target.name}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for n in range(1, 12):
        frames = []
        for i in range(authorities):
            df = pl.read_csv(sources[i % distinct] / f"list_{n}.csv", infer_schema=False)
            prefix = f"LA{i + 1:03d}-"
            renames = [
                pl.concat_str(pl.lit(prefix), pl.col(c)).alias(c)
                for c in df.columns
                if c in ("Child Unique ID", "Individual adopter identifier", "Family identifier")
                or c in ("Allocated Team", "Allocated Worker", "Allocated Personal Advisor")
            ]
            frames.append(df.with_columns(renames))
        pl.concat(frames).write_csv(tmp / f"list_{n}.csv")
    tmp.rename(target)
    return target


# ---- report -----------------------------------------------------------------------------


def _fmt(seconds: float) -> str:
    return f"{seconds:.2f}"


HEADER = (
    "| dataset | rows | read (floor) s | catalogue with IDs s (load + compute) | x read "
    "| peak MB | figures only s (load + compute) | x read | peak MB | 5 measures s "
    "| baseline (5 measures) s | x faster (figures only) | x faster (5 measures) |"
)


def _row(ds: Dataset, runs: dict[str, Figures]) -> str:
    read, base = runs["read"], runs["baseline"]

    def secs(f: Figures, key: str = "seconds") -> str:
        return "failed" if "failed" in f else _fmt(float(f[key]))

    def ratio(top: Figures, bottom: Figures) -> str:
        if "failed" in top or "failed" in bottom:
            return "—"
        return f"{float(top['seconds']) / max(float(bottom['seconds']), 1e-9):.1f}"

    def run(f: Figures) -> str:
        if "failed" in f:
            return "failed"
        return f"{secs(f)} ({secs(f, 'load_seconds')} + {secs(f, 'compute_seconds')})"

    def peak(f: Figures) -> str:
        return "—" if "failed" in f else f"{float(f['peak_mb']):.0f}"

    cat, fig, five = runs["catalogue"], runs["figures"], runs["five"]
    rows = f"{int(read['rows']):,}" if "rows" in read else "?"
    return (
        f"| {ds.name} | {rows} | {secs(read)} | {run(cat)} | {ratio(cat, read)} | {peak(cat)} "
        f"| {run(fig)} | {ratio(fig, read)} | {peak(fig)} | {secs(five)} | {secs(base)} "
        f"| {ratio(base, fig)} | {ratio(base, five)} |"
    )


TASKS = ("read", "catalogue", "figures", "five", "baseline")


def median_run(runs: list[Figures]) -> Figures:
    """The run with the median time (a shared virtual machine's timings vary from run to
    run), with the spread of the times and the highest peak memory of all runs."""
    done = [r for r in runs if "failed" not in r]
    if not done:
        return runs[0]
    ordered = sorted(done, key=lambda r: float(r["seconds"]))
    chosen = dict(ordered[(len(ordered) - 1) // 2])
    chosen["runs"] = len(done)
    chosen["min_seconds"] = float(ordered[0]["seconds"])
    chosen["max_seconds"] = float(ordered[-1]["seconds"])
    chosen["peak_mb"] = max(float(r["peak_mb"]) for r in done)
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the measures engine.")
    parser.add_argument("--task", choices=TASKS)
    parser.add_argument("--path", type=Path)
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--quick", action="store_true", help="scale 1 only")
    parser.add_argument("--authorities", type=int, default=150)
    parser.add_argument("--distinct", type=int, default=10)
    parser.add_argument(
        "--datasets", help="comma-separated subset of s1x,s1c,s10x,s10c,nat (default: all)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument(
        "--tables",
        choices=("steps", "whole", "all"),
        default="all",
        help="steps: each step in its own process, timed inside it; whole: whole processes "
        "(sightline measures against the typed or calamine read); all: both (default)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each step (interleaved); the run with the median time is reported",
    )
    args = parser.parse_args(argv)

    if args.task:
        print(json.dumps(run_task(args.task, args.path)))
        return 0

    cache: Path = args.cache
    cache.mkdir(parents=True, exist_ok=True)
    wanted = set(args.datasets.split(",")) if args.datasets else None
    if args.quick:
        wanted = {"s1x", "s1c"}
    print("Preparing data (cached in", cache, ")", flush=True)
    plan = [
        ("s1x", "scale 1 xlsx", lambda: generate(cache, scale=1, fmt="xlsx", seed=1), None),
        ("s1c", "scale 1 CSV", lambda: generate(cache, scale=1, fmt="csv", seed=1), None),
        ("s10x", "scale 10 xlsx", lambda: generate(cache, scale=10, fmt="xlsx", seed=1), None),
        ("s10c", "scale 10 CSV", lambda: generate(cache, scale=10, fmt="csv", seed=1), None),
        (
            "nat",
            f"national ({args.authorities} x scale 1) CSV, {NATIONAL_THREADS} threads",
            lambda: national(cache, authorities=args.authorities, distinct=args.distinct),
            NATIONAL_THREADS,
        ),
    ]
    datasets = [
        Dataset(key, name, make(), threads)
        for key, name, make, threads in plan
        if wanted is None or key in wanted
    ]

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"CPUs available: {os.cpu_count()}; Python {sys.version.split()[0]}; "
        f"load average before the runs: {load}\n",
        flush=True,
    )
    figures: list[dict[str, object]] = []
    if args.tables in ("whole", "all"):
        print("Whole processes, seconds from start to exit (median of the runs):\n")
        print(WHOLE_HEADER)
        print("|" + "---|" * WHOLE_HEADER.count(" |"))
        with tempfile.TemporaryDirectory(prefix="measures-bench-") as work:
            for ds in datasets:
                if ds.threads:  # the pooled national size is not a file a person imports
                    continue
                row, summary = whole_row(ds, args.repeat, Path(work))
                print(row, flush=True)
                figures.append({"dataset": ds.name, "whole": summary})
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"\nload average after: {load}\n", flush=True)
    if args.tables == "whole":
        if args.json:
            args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
        return 0
    print(HEADER)
    print("|" + "---|" * HEADER.count(" |"))
    for ds in datasets:
        runs: dict[str, list[Figures]] = {task: [] for task in TASKS}
        for _ in range(max(1, args.repeat)):
            for task in TASKS:
                runs[task].append(measure(task, ds))
        chosen = {task: median_run(runs[task]) for task in TASKS}
        print(_row(ds, chosen), flush=True)
        figures.append({"dataset": ds.name, **chosen})
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
