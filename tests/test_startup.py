"""Whole-process behaviour: imports on the JSON path, pipes, terminals and encodings."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import MINIMAL, in_pty, process_env

PROBE = """
import sys
from albrel_cli.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = sorted(m for m in ("rich", "rapidfuzz", "pydantic", "platformdirs") if m in sys.modules)
print("IMPORTED:" + ",".join(heavy), file=sys.stderr)
"""


def _imported(tmp_path: Path, *args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                            text=True, env=process_env(tmp_path), check=True)
    line = [x for x in result.stderr.splitlines() if x.startswith("IMPORTED:")][-1]
    return set(filter(None, line.removeprefix("IMPORTED:").split(",")))


@pytest.mark.parametrize("args", [
    ("countries", "--json"), ("countries", "-f", "csv"), ("timeline", "-f", "jsonl"),
    ("show", "ussr", "--json"), ("search", "treaty", "--json"), ("countries",),
])
def test_machine_paths_stay_light(tmp_path: Path, args: tuple[str, ...]) -> None:
    assert _imported(tmp_path, *args) == set()
    assert _imported(tmp_path, *args) == set()  # and again, from the cache


def test_python_dash_m_runs(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "albrel_cli", "--help"], capture_output=True,
                            text=True, env=process_env(tmp_path), check=False)
    assert result.returncode == 0
    assert "Usage: albrel" in result.stdout


def _albrel(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "albrel_cli", *args], capture_output=True,
                          env=process_env(tmp_path, **env), check=False)


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    text = MINIMAL.read_text(encoding="utf-8")
    extra = "".join(
        f'\n[[events]]\nid = "e{i}"\ndate = "1990"\ncountries = ["turkey"]\nkind = "other"\n'
        f'title = "Event {i} {"x" * 200}"\nsummary = "s"\nsource = "seed-a"\n'
        for i in range(3000))
    big.write_text(text + extra, encoding="utf-8")
    command = f"{sys.executable} -m albrel_cli timeline | head -1"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                            env=process_env(tmp_path, ALBREL_DATA=str(big)), check=False)
    assert result.stdout.decode().count("\n") == 1
    assert result.stderr == b""
    assert result.returncode == 0


def test_c_locale_output_is_readable(tmp_path: Path) -> None:
    # Python coerces the C locale to UTF-8 (PEP 538), so nothing needs degrading there.
    result = _albrel(tmp_path, "show", "turkey", LC_ALL="C", LANG="C")
    assert result.returncode == 0, result.stderr
    assert "Türkiye" in result.stdout.decode("utf-8")


def test_restricted_encodings_degrade_letters(tmp_path: Path) -> None:
    env = {"PYTHONIOENCODING": "ascii"}
    data = tmp_path / "dashes.toml"
    data.write_text(MINIMAL.read_text(encoding="utf-8").replace(
        "Relations from 1924, broken 1961", "Soviet–Albanian split – “broken” 1961"),
        encoding="utf-8")
    result = _albrel(tmp_path, "show", "turkey", ALBREL_DATA=str(data), **env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert "Turkiye" in result.stdout.decode("ascii")
    # Every character degrades on its own: no run of them collapses into one "?".
    page = _albrel(tmp_path, "show", "ussr", ALBREL_DATA=str(data), **env).stdout.decode("ascii")
    assert 'Soviet-Albanian split - "broken" 1961' in page
    strip = next(line for line in page.splitlines() if "#" in line and "relations" not in line)
    assert set(strip.strip()) == {"#", "."}
    assert "# relations  . none" in page
    chart = _albrel(tmp_path, "timeline", "--chart", "--by", "year", ALBREL_DATA=str(data),
                    **env)
    assert "1959 " + "#" * 10 in chart.stdout.decode("ascii")
    # Data formats keep the data exact: JSON escapes, CSV degrades letter by letter.
    result = _albrel(tmp_path, "countries", "--json", ALBREL_DATA=str(data), **env)
    assert b"\\u00fc" in result.stdout
    assert json.loads(result.stdout)[2]["aliases"][0] == "Türkiye"
    csv_out = _albrel(tmp_path, "countries", "-f", "csv", ALBREL_DATA=str(data), **env).stdout
    assert b"Soviet-Albanian split - \"\"broken\"\" 1961" in csv_out
    assert b"?" not in csv_out


def test_no_ansi_off_a_terminal(tmp_path: Path) -> None:
    for args in (("show", "ussr"), ("stats",), ("timeline", "--chart"), ("countries",)):
        result = _albrel(tmp_path, *args)
        assert result.returncode == 0
        assert b"\x1b" not in result.stdout, args


def test_terminal_gets_a_rich_table_and_no_color_is_honoured(tmp_path: Path) -> None:
    colored = in_pty(tmp_path, "show", "ussr", COLUMNS="80", TERM="xterm-256color")
    assert "\x1b[32m" in colored  # the green relation strip
    plain = in_pty(tmp_path, "show", "ussr", COLUMNS="80", TERM="xterm-256color", NO_COLOR="1")
    assert "Soviet Union" in plain
    assert "\x1b[32m" not in plain
    table = in_pty(tmp_path, "countries", COLUMNS="80", TERM="xterm-256color")
    assert "Country" in table
    assert "3 shown" in table


def test_narrow_terminal_is_readable(tmp_path: Path) -> None:
    out = in_pty(tmp_path, "countries", COLUMNS="30", TERM="xterm", NO_COLOR="1")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out).replace("\r", "")
    assert "Soviet Union" in plain
    assert "1924-04-07" in plain
    assert all(len(line) <= 30 for line in plain.splitlines())


def test_fields_choose_the_columns_of_a_terminal_table(tmp_path: Path) -> None:
    screen = in_pty(tmp_path, "countries", "--fields", "name,established", COLUMNS="80",
                     NO_COLOR="1")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", screen)
    heading = next(line for line in plain.splitlines() if "Country" in line)
    assert heading.split() == ["Country", "Since"]
