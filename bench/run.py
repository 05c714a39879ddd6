"""Start-up and scaling benchmark for albrel (run by hand, never in CI).

    python -m bench.run [--runs 15] [--data data/relations.toml] [--scale 100] [--huge 1000]

Whole-process wall time of each command, runs alternating between the commands and the floor
program, medians reported as ratios against the floor measured in the same invocation:

    python -c "import tomllib, json, sys; json.dump(tomllib.load(open(DATA, 'rb')), sys.stdout)"

albrel's modules are byte-compiled first, as they are in an installed wheel. The table
command runs under a pseudo-terminal (80 columns) so that Rich really draws. With
--scale N a synthetic dataset N times the real one is generated (bench/generate.py) and the
repeated queries are timed on both, as a ratio big/real, and the whole timeline is streamed
from the big file (time, peak memory, time to its first record). With --huge N (minutes: the
first load builds the indexed store) the bounded queries are timed on a file N times the real
one, each with its peak memory, after timing that first load. The parsed-data cache is warmed
before timing, as it is for anyone who runs albrel twice.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.terminal import read_terminal

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

ALBREL = str(Path(sys.executable).with_name("albrel"))
FLOOR = "import tomllib, json, sys; json.dump(tomllib.load(open(sys.argv[1], 'rb')), sys.stdout)"

COMMANDS = {
    "countries --json": ["countries", "--json"],
    "show russia --json": ["show", "russia", "--json"],
    "show italy --json": ["show", "italy", "--json"],
    "search treaty --json": ["search", "treaty", "--json"],
    "timeline --json": ["timeline", "--json"],
    "countries (Rich table, pty)": ["countries"],
    "show russia (Rich page, pty)": ["show", "russia"],
}
# One call for three countries against the same three as separate calls (issue 15).
SEVERAL = ["italy", "greece", "serbia"]
# Queries whose answer does not grow with the data (countries --region does: it is shown to
# say how it grows).
BOUNDED = {
    "show russia --json": ["show", "russia", "--json"],
    "timeline russia --json": ["timeline", "russia", "--json"],
    "search treaty --json": ["search", "treaty", "--json"],
    "countries --region Oceania --json": ["countries", "--region", "Oceania", "--json"],
}
SCALED = {
    "search treaty --json": ["search", "treaty", "--json"],
    "timeline russia --json": ["timeline", "russia", "--json"],
    "show russia --json": ["show", "russia", "--json"],
    "timeline --json": ["timeline", "--json"],
}


def timed(argv: list[str], env: dict[str, str], *, terminal: bool = False) -> float:
    start = time.perf_counter()
    if terminal:
        read_terminal(argv, env, columns=80)
    else:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=True)
    return time.perf_counter() - start


def observed(argv: list[str], env: dict[str, str]) -> tuple[float, float, float | None]:
    """One process: its wall time (s), its peak RSS (MB, from wait4) and when the second line
    of its output (a JSON listing's first record) arrived (s)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    first = None
    for count, _ in enumerate(process.stdout, 1):
        if count == 2:
            first = time.perf_counter() - start
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(argv)} failed")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, first


Job = tuple[list[list[str]], bool]  # processes run one after another (timed together), pty


def measure(jobs: dict[str, Job], env: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Wall times of each job, the jobs interleaved round by round."""
    samples: dict[str, list[float]] = {name: [] for name in jobs}
    for processes, terminal in jobs.values():  # warm the OS and albrel's cache
        for argv in processes:
            timed(argv, env, terminal=terminal)
    for _ in range(runs):
        for name, (processes, terminal) in jobs.items():
            samples[name].append(sum(timed(argv, env, terminal=terminal)
                                     for argv in processes))
    return samples


def import_times(runs: int) -> dict[str, float]:
    """Median cumulative import time (ms, ``python -X importtime``) of ``albrel_cli.cli`` and
    of what it takes in: typer with everything it imports (in a process of its own, as it
    would be first), and albrel's own modules besides."""
    def cumulative(statement: str, module: str) -> float:
        result = subprocess.run([sys.executable, "-X", "importtime", "-c", statement],
                                capture_output=True, text=True, check=True)
        for line in result.stderr.splitlines():
            fields = [field.strip() for field in line.split("|")]
            if len(fields) == 3 and fields[2] == module:
                return int(fields[1]) / 1000
        raise SystemExit(f"no import time for {module}")

    samples: dict[str, list[float]] = {"albrel_cli.cli": [], "typer": []}
    for _ in range(runs):
        samples["albrel_cli.cli"].append(cumulative("import albrel_cli.cli", "albrel_cli.cli"))
        samples["typer"].append(cumulative("import typer", "typer"))
    return {name: statistics.median(values) for name, values in samples.items()}


def startup_section(data: str, env: dict[str, str], runs: int, size_note: str) -> None:
    """Each command against the floor program and against ``python -c pass``, interleaved."""
    jobs: dict[str, Job] = {
        "floor (tomllib + json)": ([[sys.executable, "-c", FLOOR, data]], False),
        "python -c pass": ([[sys.executable, "-c", "pass"]], False),
        # the floors under every command: what importing Typer, then albrel's records, then
        # the whole command-line module costs in a process of its own
        "python -c 'import typer'": ([[sys.executable, "-c", "import typer"]], False),
        "python -c 'import typer, albrel_cli.model'": (
            [[sys.executable, "-c", "import typer, albrel_cli.model"]], False),
        "python -c 'import albrel_cli.cli'": ([[sys.executable, "-c", "import albrel_cli.cli"]],
                                              False)}
    for name, argv in COMMANDS.items():
        jobs[name] = ([[ALBREL, "--data", data, *argv]], name.endswith("pty)"))
    jobs[f"show {' '.join(SEVERAL)} --json (one call)"] = (
        [[ALBREL, "--data", data, "show", *SEVERAL, "--json"]], False)
    jobs[f"show {' '.join(SEVERAL)} --json (three calls)"] = (
        [[ALBREL, "--data", data, "show", one, "--json"] for one in SEVERAL], False)
    samples = measure(jobs, env, runs)
    floor_samples = samples["floor (tomllib + json)"]
    floor = statistics.median(floor_samples)
    bare = statistics.median(samples["python -c pass"])
    print(f"## Start-up ({runs} rounds, medians)\n")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, {size_note}\n")
    print("The ratio of medians divides the two medians. Each round also gives a ratio of "
          "the command to the floor run just before it; the quartiles column is the middle "
          "half of those round ratios, which shows how much the machine moved. The last "
          "column is the per-call cost: the median against `python -c pass`.\n")
    print("| command | median ms | ratio to floor | round ratios, quartiles | x python -c pass |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, values in samples.items():
        rounds = [value / base for value, base in zip(values, floor_samples, strict=True)]
        low, _, high = statistics.quantiles(rounds, n=4, method="inclusive")
        median = statistics.median(values)
        print(f"| `{name}` | {median * 1000:.1f} | {median / floor:.2f} | "
              f"{low:.2f}-{high:.2f} | {median / bare:.1f} |")


def import_section(runs: int) -> None:
    imports = import_times(runs)
    print(f"\n## Import time ({runs} runs, medians of `python -X importtime`)\n")
    print("| module | cumulative ms |")
    print("| --- | ---: |")
    for name, value in imports.items():
        print(f"| `{name}` | {value:.1f} |")


def generated(data: str, scale: int, scratch: Path) -> Path:
    """A synthetic dataset ``scale`` times the real one (bench/generate.py)."""
    big = scratch / f"relations-x{scale}.toml"
    subprocess.run([sys.executable, "-m", "bench.generate", data, str(big), "--scale",
                    str(scale)], check=True, cwd=REPO)
    return big


def scale_section(data: str, big: Path, scale: int, env: dict[str, str], runs: int) -> None:
    """The repeated queries on the real and the big file, and the big timeline streamed."""
    scaled_jobs: dict[str, Job] = {}
    for name, argv in SCALED.items():
        scaled_jobs[f"real: {name}"] = ([[ALBREL, "--data", data, *argv]], False)
        scaled_jobs[f"x{scale}: {name}"] = ([[ALBREL, "--data", str(big), *argv]], False)
    scaled_jobs[f"x{scale} floor"] = ([[sys.executable, "-c", FLOOR, str(big)]], False)
    scaled = {name: statistics.median(values)
              for name, values in measure(scaled_jobs, env, runs).items()}
    print(f"\n## Scale: real data vs {scale}x synthetic data "
          f"({big.stat().st_size // 1024} KiB), warm cache\n")
    print(f"| command | real ms | x{scale} ms | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name in SCALED:
        real = scaled[f"real: {name}"]
        many = scaled[f"x{scale}: {name}"]
        print(f"| `{name}` | {real * 1000:.1f} | {many * 1000:.1f} | {many / real:.2f} |")
    print(f"\nFloor program on the x{scale} file: {scaled[f'x{scale} floor'] * 1000:.0f} ms.")
    streamed = [observed([ALBREL, "--data", str(big), "timeline", "--json"], env)
                for _ in range(3)]
    wall, rss, first = (statistics.median(values) for values in zip(*streamed, strict=True))
    print(f"\n`timeline --json` on the x{scale} file (median of 3): {wall:.2f} s, "
          f"peak RSS {rss:.0f} MB, first record after {first:.2f} s.")


def export_section(data: str, big: Path, scale: int, scratch: Path, env: dict[str, str],
                   runs: int) -> None:
    """albrel export: the whole dataset out, each format on both files (warm cache)."""
    rounds = max(3, runs // 5)
    print(f"\n## Export, real data and x{scale} ({rounds} rounds, medians)\n")
    print(f"| format | real ms | x{scale} ms |")
    print("| --- | ---: | ---: |")
    for fmt in ("sqlite", "csv", "json"):
        medians = []
        for source in (data, str(big)):
            target = str(scratch / f"export-{fmt}")
            argv = [ALBREL, "--data", source, "export", "--format", fmt, target, "--force"]
            medians.append(statistics.median([timed(argv, env) for _ in range(rounds + 1)][1:]))
        print(f"| `export --format {fmt}` | {medians[0] * 1000:.0f} | {medians[1] * 1000:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--data", type=Path, default=REPO / "data" / "relations.toml")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--huge", type=int, default=0,
                        help="also time the bounded queries on a file this many times the "
                        "real one (minutes)")
    args = parser.parse_args()

    # As an installed wheel has: byte-code for albrel's modules. (This machine sets
    # PYTHONDONTWRITEBYTECODE, so an editable install would otherwise compile them every run.)
    import albrel_cli

    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(albrel_cli.__file__).parent)], check=True)
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        env = dict(os.environ, ALBREL_CACHE_DIR=str(scratch / "cache"), COLUMNS="80",
                   TERM="xterm-256color")
        env.pop("NO_COLOR", None)
        data = str(args.data.resolve())
        startup_section(data, env, args.runs,
                        f"data {args.data.name} ({args.data.stat().st_size // 1024} KiB)")
        import_section(args.runs)
        if args.scale:
            big = generated(data, args.scale, scratch)
            scale_section(data, big, args.scale, env, args.runs)
            export_section(data, big, args.scale, scratch, env, args.runs)
        if args.huge:
            huge_section(args.huge, data, scratch, env, args.runs)


def huge_section(scale: int, data: str, scratch: Path, env: dict[str, str], runs: int) -> None:
    """The bounded queries on a file ``scale`` times the real one: time and peak memory."""
    start = time.perf_counter()
    huge = generated(data, scale, scratch)
    made = time.perf_counter() - start
    load_wall, load_rss, _ = observed([ALBREL, "--data", str(huge), "show", "russia",
                                       "--json"], env)
    times: dict[str, list[float]] = {}
    peaks: dict[str, float] = {}
    for _ in range(runs):
        for name, argv in BOUNDED.items():
            for label, source in (("real", data), ("huge", str(huge))):
                wall, rss, _ = observed([ALBREL, "--data", source, *argv], env)
                times.setdefault(f"{label}: {name}", []).append(wall)
                peaks[f"{label}: {name}"] = max(peaks.get(f"{label}: {name}", 0), rss)
    print(f"\n## x{scale}: {huge.stat().st_size // 2**20} MiB of TOML ({runs} rounds, "
          "medians)\n")
    print(f"Generated in {made:.0f} s. First load (parse, validate, build the indexed "
          f"store): {load_wall:.0f} s, peak RSS {load_rss:.0f} MB.\n")
    print(f"| query | real ms | x{scale} ms | ratio | peak RSS real MB | peak RSS x{scale} MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in BOUNDED:
        real = statistics.median(times[f"real: {name}"])
        many = statistics.median(times[f"huge: {name}"])
        print(f"| `{name}` | {real * 1000:.0f} | {many * 1000:.0f} | {many / real:.2f} | "
              f"{peaks[f'real: {name}']:.0f} | {peaks[f'huge: {name}']:.0f} |")


if __name__ == "__main__":
    main()
