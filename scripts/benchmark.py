#!/usr/bin/env python3
"""The policykoll benchmark: check and audit against libyaml's own parse of the same bytes.

Usage:
    scripts/benchmark.py                      # 1,000 / 10,000 / 100,000 declarations, 3 runs each
    scripts/benchmark.py --sizes 10000 --repeat 5
    scripts/benchmark.py --smoke              # 1,000 declarations, one run, stages too: proves it still works
    scripts/benchmark.py --sizes 10000 --stages   # also: what each stage adds on one core

It builds release binaries, generates deterministic inventories (policykoll-generate, cached in
.build-bench/), compiles the floor (Benchmarks/yaml_floor.c: a C program that only pulls libyaml
events), and in one run measures, on the same files:
  floor            libyaml's bare event parse, single thread
  check (1 core)   policykoll check with the embedded pack, POLICYKOLL_THREADS=1, JSON to a file
  check            the same on every core
  audit            policykoll audit (when the command exists)
  start-up         one declaration, the embedded pack, start to exit
It runs the scenarios of a size in rounds, one run of each per round, so that a slow minute on a
shared machine slows every scenario of that round alike. It prints wall time (best and median),
declarations/s, MB/s, the ratio to the floor (the median over rounds of the scenario's time
divided by the floor's in the same round) and the peak resident memory. With --stages it also runs policykoll-stages (Benchmarks/Stages) on each
size: the single-thread time of reading the files, parsing them into nodes, loading and
validating declarations, and evaluating the embedded pack, each beside the floor.
Timings are information, never a test verdict.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".build-bench"


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


def build():
    run(["swift", "build", "-c", "release", "--product", "policykoll"], cwd=ROOT, stdout=subprocess.DEVNULL)
    run(["swift", "build", "-c", "release", "--product", "policykoll-generate"], cwd=ROOT, stdout=subprocess.DEVNULL)
    run(["swift", "build", "-c", "release", "--product", "policykoll-stages"], cwd=ROOT, stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    WORK.mkdir(exist_ok=True)
    floor = WORK / "yaml_floor"
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "yaml-0.1"], capture_output=True, text=True).stdout.split()
    run(["cc", "-O2", "-o", str(floor), str(ROOT / "Benchmarks" / "yaml_floor.c")] + (flags or ["-lyaml"]))
    return Path(bin_path), floor


def inventory(bin_path, size):
    folder = WORK / f"inventory-{size}"
    marker = folder / ".complete"
    if not marker.exists():
        run([str(bin_path / "policykoll-generate"), "--count", str(size), "--output", str(folder)], stdout=subprocess.DEVNULL)
        marker.write_text("ok\n")
    files = sorted(str(p) for p in folder.rglob("*.yaml"))
    listing = WORK / f"inventory-{size}.list"
    listing.write_text("\n".join(files) + "\n")
    size_bytes = sum(os.path.getsize(f) for f in files)
    return folder, listing, size_bytes


def stages(bin_path, listing, repeat):
    """The best single-thread seconds of each stage, from policykoll-stages."""
    with open(listing, "rb") as stdin:
        text = subprocess.run([str(bin_path / "policykoll-stages"), str(repeat)], stdin=stdin, check=True,
                              capture_output=True, text=True).stdout
    times = {}
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name in ("read", "parse", "load", "evaluate"):
            times[name] = float(value)
    return times


def measure(command, repeat, env=None, stdin_path=None, ok_codes=(0, 1, 2)):
    """Wall times of `repeat` runs and the peak RSS (KB) over them, via /usr/bin/time."""
    times, peaks = [], []
    for _ in range(repeat):
        with tempfile.NamedTemporaryFile("r") as report:
            stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
            start = time.perf_counter()
            process = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + command, stdin=stdin,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
            elapsed = time.perf_counter() - start
            if stdin_path:
                stdin.close()
            if process.returncode not in ok_codes:
                sys.exit(f"{' '.join(command)} failed ({process.returncode}): {process.stderr.decode()[-2000:]}")
            times.append(elapsed)
            text = report.read().strip().splitlines()
            peaks.append(int(text[-1]) if text and text[-1].isdigit() else 0)
    return times, max(peaks)


def measure_in_rounds(scenarios, repeat):
    """Each scenario's wall times and peak RSS, run one after another in `repeat` rounds, with
    the first scenario's (the floor's) times of the same rounds beside them."""
    times = {name: [] for name, *_ in scenarios}
    peaks = {name: 0 for name, *_ in scenarios}
    for _ in range(repeat):
        for name, command, env, stdin_path, ok_codes in scenarios:
            t, p = measure(command, 1, env=env, stdin_path=stdin_path, ok_codes=ok_codes)
            times[name] += t
            peaks[name] = max(peaks[name], p)
    floor_times = times[scenarios[0][0]]
    return [(name, times[name], peaks[name], floor_times) for name, *_ in scenarios]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="1,000 declarations, one run (with --stages)")
    parser.add_argument("--stages", action="store_true", help="also time each stage on one core (policykoll-stages)")
    args = parser.parse_args()
    sizes = [1000] if args.smoke else [int(s) for s in args.sizes.split(",")]
    repeat = 1 if args.smoke else args.repeat

    bin_path, floor = build()
    policykoll = str(bin_path / "policykoll")
    commands = subprocess.run([policykoll, "--help"], capture_output=True, text=True).stdout
    has_audit = "\n  audit" in commands
    env_one = dict(os.environ, POLICYKOLL_THREADS="1", NO_COLOR="1")
    env_all = dict(os.environ, NO_COLOR="1")
    rows = []
    stage_rows = []
    out = WORK / "report.out"
    for size in sizes:
        folder, listing, size_bytes = inventory(bin_path, size)
        check = [policykoll, "check", str(folder), "--as-of", "2026-11-26", "--format", "json", "--output", str(out)]
        scenarios = [
            ("floor (libyaml events)", [str(floor)], None, listing, (0,)),
            ("check, 1 core", check, env_one, None, (0, 1, 2)),
            ("check, all cores", check, env_all, None, (0, 1, 2)),
        ]
        if has_audit:
            audit = [policykoll, "audit", str(folder), "--as-of", "2026-11-26", "--format", "json", "--output", str(out)]
            scenarios.append(("audit, all cores", audit, env_all, None, (0,)))
        floor_times = []
        for name, times, peak, floor_times in measure_in_rounds(scenarios, repeat):
            rows.append((name, size, times, peak, size_bytes, floor_times))
        if args.stages or args.smoke:
            stage_rows.append((size, min(floor_times), stages(bin_path, listing, repeat)))

    single = WORK / "single"
    single.mkdir(exist_ok=True)
    (single / "system.yaml").write_text((ROOT / "examples" / "forskoleplats.yaml").read_text())
    t, p = measure([policykoll, "check", str(single / "system.yaml"), "--as-of", "2026-11-26"], max(10, repeat * 5), env=env_all)
    rows.append(("start-up (1 declaration)", 1, t, p, (single / "system.yaml").stat().st_size, None))

    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    print(f"machine: {os.cpu_count()} cores, {cpu}")
    print(f"{'scenario':<26}{'decls':>9}{'best s':>9}{'median s':>10}{'decl/s':>10}{'MB/s':>8}{'× floor':>9}{'peak MB':>9}")
    for name, size, times, peak, size_bytes, floor_times in rows:
        best, median = min(times), statistics.median(times)
        ratio = f"{statistics.median(t / f for t, f in zip(times, floor_times)):.2f}" if floor_times else "-"
        print(f"{name:<26}{size:>9}{best:>9.3f}{median:>10.3f}{size / best:>10.0f}{size_bytes / best / 1e6:>8.1f}{ratio:>9}{peak / 1024:>9.0f}")
    print("(× floor: the median over rounds of the scenario's time ÷ the floor's time in the same round)")
    for size, floor_best, times in stage_rows:
        print(f"\nstages on one core, {size} declarations (best of {repeat}):")
        print(f"{'stage':<26}{'s':>9}{'× floor':>9}{'adds s':>9}")
        previous = 0.0
        # Loading includes parsing; each row adds its stage to the rows above it.
        cumulative = [
            ("read files", times["read"]),
            ("+ parse into nodes", times["read"] + times["parse"]),
            ("+ validate (load)", times["read"] + times["load"]),
            ("+ evaluate the pack", times["read"] + times["load"] + times["evaluate"]),
        ]
        for name, total in cumulative:
            ratio = f"{total / floor_best:.2f}" if floor_best else "-"
            print(f"{name:<26}{total:>9.3f}{ratio:>9}{total - previous:>9.3f}")
            previous = total


if __name__ == "__main__":
    main()
