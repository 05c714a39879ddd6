"""Start-up and scaling benchmark for albrel (run by hand, never in CI).

    python bench/run.py [--runs 15] [--data data/relations.toml] [--scale 100]

Whole-process wall time of each command, runs alternating between the commands and the floor
program, medians reported as ratios against the floor measured in the same invocation:

    python -c "import tomllib, json, sys; json.dump(tomllib.load(open(DATA, 'rb')), sys.stdout)"

albrel's modules are byte-compiled first, as they are in an installed wheel. The table
command runs under a pseudo-terminal (80 columns) so that Rich really draws. With
--scale N a synthetic dataset N times the real one is generated (bench/generate.py) and the
repeated queries are timed on both, as a ratio big/real. The parsed-data cache is warmed
before timing, as it is for anyone who runs albrel twice.
"""

from __future__ import annotations

import argparse
import os
import platform
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ALBREL = str(Path(sys.executable).with_name("albrel"))
FLOOR = "import tomllib, json, sys; json.dump(tomllib.load(open(sys.argv[1], 'rb')), sys.stdout)"

COMMANDS = {
    "countries --json": ["countries", "--json"],
    "show russia --json": ["show", "russia", "--json"],
    "search treaty --json": ["search", "treaty", "--json"],
    "timeline --json": ["timeline", "--json"],
    "countries (Rich table, pty)": ["countries"],
    "show russia (Rich page, pty)": ["show", "russia"],
}
# One call for three countries against the same three as separate calls (issue 15).
SEVERAL = ["italy", "greece", "serbia"]
SCALED = {
    "search treaty --json": ["search", "treaty", "--json"],
    "timeline russia --json": ["timeline", "russia", "--json"],
    "show russia --json": ["show", "russia", "--json"],
    "timeline --json": ["timeline", "--json"],
}


def _run_pty(argv: list[str], env: dict[str, str]) -> None:
    main, child = pty.openpty()
    process = subprocess.Popen(argv, stdout=child, stderr=child, env=env)
    os.close(child)
    while True:
        try:
            if not os.read(main, 65536):
                break
        except OSError:
            break
    process.wait()
    os.close(main)


def timed(argv: list[str], env: dict[str, str], *, terminal: bool = False) -> float:
    start = time.perf_counter()
    if terminal:
        _run_pty(argv, env)
    else:
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       check=True)
    return time.perf_counter() - start


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--data", type=Path, default=REPO / "data" / "relations.toml")
    parser.add_argument("--scale", type=int, default=100)
    args = parser.parse_args()

    # As an installed wheel has: byte-code for albrel's modules. (This machine sets
    # PYTHONDONTWRITEBYTECODE, so an editable install would otherwise compile them every run.)
    import albrel_cli

    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(albrel_cli.__file__).parent)], check=True)

    with tempfile.TemporaryDirectory() as scratch:
        env = dict(os.environ, ALBREL_CACHE_DIR=str(Path(scratch) / "cache"), COLUMNS="80",
                   TERM="xterm-256color")
        env.pop("NO_COLOR", None)
        data = str(args.data.resolve())
        jobs: dict[str, Job] = {
            "floor (tomllib + json)": ([[sys.executable, "-c", FLOOR, data]], False)}
        for name, argv in COMMANDS.items():
            jobs[name] = ([[ALBREL, "--data", data, *argv]], name.endswith("pty)"))
        jobs[f"show {' '.join(SEVERAL)} --json (one call)"] = (
            [[ALBREL, "--data", data, "show", *SEVERAL, "--json"]], False)
        jobs[f"show {' '.join(SEVERAL)} --json (three calls)"] = (
            [[ALBREL, "--data", data, "show", one, "--json"] for one in SEVERAL], False)
        samples = measure(jobs, env, args.runs)
        floor_samples = samples["floor (tomllib + json)"]
        floor = statistics.median(floor_samples)
        print(f"## Start-up ({args.runs} rounds, medians)\n")
        print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
              f"{platform.python_version()}, data {args.data.name} "
              f"({args.data.stat().st_size // 1024} KiB)\n")
        print("The ratio of medians divides the two medians. Each round also gives a ratio of "
              "the command to the floor run just before it; the last column is the middle "
              "half of those round ratios (quartiles), which shows how much the machine "
              "moved.\n")
        print("| command | median ms | ratio of medians | round ratios, quartiles |")
        print("| --- | ---: | ---: | ---: |")
        for name, values in samples.items():
            rounds = [value / base for value, base in zip(values, floor_samples, strict=True)]
            low, _, high = statistics.quantiles(rounds, n=4, method="inclusive")
            median = statistics.median(values)
            print(f"| `{name}` | {median * 1000:.1f} | {median / floor:.2f} | "
                  f"{low:.2f}-{high:.2f} |")

        imports = import_times(args.runs)
        print(f"\n## Import time ({args.runs} runs, medians of `python -X importtime`)\n")
        print("| module | cumulative ms |")
        print("| --- | ---: |")
        for name, value in imports.items():
            print(f"| `{name}` | {value:.1f} |")

        if args.scale:
            big = Path(scratch) / f"relations-x{args.scale}.toml"
            subprocess.run([sys.executable, str(HERE / "generate.py"), data, str(big),
                            "--scale", str(args.scale)], check=True)
            scaled_jobs: dict[str, Job] = {}
            for name, argv in SCALED.items():
                scaled_jobs[f"real: {name}"] = ([[ALBREL, "--data", data, *argv]], False)
                scaled_jobs[f"x{args.scale}: {name}"] = (
                    [[ALBREL, "--data", str(big), *argv]], False)
            scaled_jobs[f"x{args.scale} floor"] = (
                [[sys.executable, "-c", FLOOR, str(big)]], False)
            scaled = {name: statistics.median(values)
                      for name, values in measure(scaled_jobs, env, args.runs).items()}
            print(f"\n## Scale: real data vs {args.scale}x synthetic data "
                  f"({big.stat().st_size // 1024} KiB), warm cache\n")
            print(f"| command | real ms | x{args.scale} ms | ratio |")
            print("| --- | ---: | ---: | ---: |")
            for name in SCALED:
                real = scaled[f"real: {name}"]
                many = scaled[f"x{args.scale}: {name}"]
                print(f"| `{name}` | {real * 1000:.1f} | {many * 1000:.1f} | {many / real:.2f} |")
            print(f"\nFloor program on the x{args.scale} file: "
                  f"{scaled[f'x{args.scale} floor'] * 1000:.0f} ms.")

            # albrel export: the whole dataset out, each format on both files (warm cache)
            rounds = max(3, args.runs // 5)
            print(f"\n## Export, real data and x{args.scale} ({rounds} rounds, medians)\n")
            print(f"| format | real ms | x{args.scale} ms |")
            print("| --- | ---: | ---: |")
            for fmt in ("sqlite", "csv", "json"):
                medians = []
                for source in (data, str(big)):
                    target = str(Path(scratch) / f"export-{fmt}")
                    argv = [ALBREL, "--data", source, "export", "--format", fmt, target,
                            "--force"]
                    medians.append(statistics.median(
                        [timed(argv, env) for _ in range(rounds + 1)][1:]))
                print(f"| `export --format {fmt}` | {medians[0] * 1000:.0f} | "
                      f"{medians[1] * 1000:.0f} |")


if __name__ == "__main__":
    main()
