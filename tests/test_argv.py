"""The fast command-line reader (``argv``) against Typer, which it must agree with whenever it
answers at all; and the split that keeps Typer off the common path."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from albrel_cli import argv, cli, interface
from albrel_cli.argv_spec import SPEC

from .conftest import MINIMAL, REPO
from .test_examples import README_EXAMPLES


def typer_reads(args: list[str]) -> tuple[str, Path | None, dict[str, Any]] | None:
    """What Typer hands to the command for this line (the command is not run), or None when
    it does not run one (help, a usage error)."""
    seen: dict[str, Any] = {}

    def capture(name: str) -> Any:
        def command(settings: cli.Settings, **values: Any) -> None:
            seen.update(command=name, data=settings.data, values=values)
        return command

    with pytest.MonkeyPatch.context() as patch:
        for name in cli.COMMANDS:
            patch.setattr(cli, name, capture(name))
        try:
            interface.app(args, prog_name="albrel", standalone_mode=False)
        except Exception:  # click's usage errors; the test wants only what ran
            return None
    if not seen:
        return None
    return seen["command"], seen["data"], seen["values"]


def fast_reads(args: list[str]) -> tuple[str, Path | None, dict[str, Any]] | None:
    call = argv.read(args)
    if call is None:
        return None
    return call.command, Path(call.data) if call.data else None, call.values


def test_the_spec_is_derived_from_the_typer_interface() -> None:
    stored = (REPO / "src" / "albrel_cli" / "argv_spec.py").read_text(encoding="utf-8")
    assert stored == interface.argv_spec_source(), (
        "src/albrel_cli/argv_spec.py is out of date: run python tools/gen_docs.py")


def test_commands_take_what_the_interface_declares() -> None:
    declared = {info.callback.__name__: info.callback
                for info in interface.commands.registered_commands if info.callback}
    assert set(declared) == set(cli.COMMANDS) == set(SPEC["commands"])
    for name, function in cli.COMMANDS.items():
        takes = list(inspect.signature(function).parameters)[1:]
        options = list(inspect.signature(declared[name]).parameters)[1:]
        assert takes == options, name


PLAIN_LINES = [
    ["countries"], ["countries", "--json"], ["countries", "--region", "EUROPE", "-f", "csv"],
    ["countries", "--region=europe", "--since=1990", "--as-of", "1965", "--fields", "id,name"],
    ["--data", str(MINIMAL), "countries", "--status", "former"],
    [f"--data={MINIMAL}", "show", "ussr"],
    ["show", "ussr", "turkey", "--json", "--expand", "SOURCES"],
    ["timeline"], ["timeline", "ussr", "--from", "1950", "--to", "1970", "--kind", "visit",
                   "--kind", "Crisis", "--with-predecessors", "--chart", "--by", "decade"],
    ["timeline", "--org", "NATO", "--org", "EU", "-f", "jsonl"],
    ["agreements", "trade", "--country", "turkey", "--from", "1990"], ["agreements"],
    ["search", "treaty", "--type", "event,agreement", "-t", "person", "--limit", "3"],
    ["search", "Corfu Channel", "--json"],
    ["sources"], ["sources", "seed-a", "--json"], ["sources", "--text", "x", "-c", "turkey"],
    ["export", "-", "--format", "json"], ["export", "out.sqlite", "--force"],
    ["orgs", "--json"], ["stats", "--fields", "group,count"], ["validate"],
    ["validate", "file.toml"],
]


@pytest.mark.parametrize("args", PLAIN_LINES, ids=[" ".join(a) for a in PLAIN_LINES])
def test_plain_lines_are_read_as_typer_reads_them(args: list[str]) -> None:
    fast = fast_reads(args)
    assert fast is not None
    assert fast == typer_reads(args)


def test_readme_examples_take_the_fast_path() -> None:
    typer_only = ("--output", "-o", "--help", "-h", "--version")
    examples = [args for args, _ in README_EXAMPLES
                if not any(word in typer_only for word in args)]
    assert len(examples) >= 20
    for args in examples:
        fast = fast_reads(args)
        assert fast is not None, args
        assert fast == typer_reads(args), args


@pytest.mark.parametrize("args", [
    [], ["--help"], ["countries", "--help"], ["countries", "-h"], ["--version"],
    ["nosuch"], ["countries", "--nosuch"], ["countries", "--region", "Atlantis"],
    ["countries", "--json=yes"], ["countries", "--since", "-5"], ["countries", "--since"],
    ["countries", "--since", "1990", "--since", "1991"], ["countries", "extra"],
    ["countries", "--", "x"], ["countries", "-fjson"], ["show"],
    ["show", "ussr", "--output", "x.svg"], ["search", "x", "--limit", "0"],
    ["search", "x", "--limit", "many"], ["agreements", "a", "b"],
    ["countries", "--data", "x"], ["--install-completion"],
], ids=lambda args: " ".join(args) or "(nothing)")
def test_what_only_typer_reads(args: list[str]) -> None:
    assert argv.read(args) is None


def test_shell_completion_is_left_to_typer() -> None:
    assert argv.read(["countries"], {"_ALBREL_COMPLETE": "bash_complete"}) is None


def test_data_comes_from_the_environment_when_not_given() -> None:
    call = argv.read(["orgs"], {"ALBREL_DATA": "elsewhere.toml"})
    assert call is not None
    assert call.data == "elsewhere.toml"
    assert argv.read(["orgs"], {"ALBREL_DATA": ""}).data is None  # type: ignore[union-attr]


# Command lines built from the words albrel knows, mostly well-formed and sometimes not: the
# fast reader may give up on any of them, but where it answers it must answer as Typer does.
_SPELLINGS = sorted({spelling for command in SPEC["commands"].values()
                     for spelling in command["options"]} | set(SPEC["global"]["options"]))
_NOISE = st.one_of(
    st.sampled_from([*_SPELLINGS, "--", "-h", "--help", "-fjson", "--nosuch", "-", "-3", ""]),
    st.text(alphabet="ab-=, 1é", max_size=6),
)


@st.composite
def _option(draw: st.DrawFn, command: str) -> list[str]:
    """One of the command's options with a value that fits it, in one spelling or another."""
    spec = SPEC["commands"][command]
    if not spec["options"]:
        return []
    spelling = draw(st.sampled_from(sorted(spec["options"])))
    param = spec["params"][spec["options"][spelling]]
    if param.get("kind") == "flag":
        return [spelling]
    if param.get("choices"):
        choice = draw(st.sampled_from(param["choices"]))
        value = draw(st.sampled_from([choice, choice.upper(), choice.title()]))
    elif param.get("type") == "int":
        value = str(draw(st.integers(-2, 30)))
    else:
        value = draw(st.sampled_from(["1990", "1922-04", "ussr", "a b", "x,y", "", "é"]))
    return [f"{spelling}={value}"] if draw(st.booleans()) else [spelling, value]


@st.composite
def _line(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(SPEC["commands"])))
    line = draw(st.sampled_from([[], ["--data", str(MINIMAL)], [f"--data={MINIMAL}"]]))
    line.append(command)
    for _ in range(draw(st.integers(0, 5))):
        part = draw(st.one_of(
            _option(command), _option(command), _option(command),
            st.sampled_from(["ussr", "turkey", "treaty", "-"]).map(lambda word: [word]),
            _NOISE.map(lambda word: [word])))
        line.extend(part)
    return line


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(args=_line())
def test_the_fast_reader_agrees_with_typer(args: list[str]) -> None:
    fast = fast_reads(args)
    if fast is not None:
        assert fast == typer_reads(args), args


def test_a_value_typer_would_refuse_is_reported_by_typer(capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    # The fast reader passes "19x" on (it is a string option); the command refuses it and
    # Typer reads the line again to report it in its usual words.
    with pytest.raises(SystemExit) as exit_:
        cli.main(["countries", "--since", "19x"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "albrel: error: Invalid value for '--since': '19x' is not a date (use YYYY, YYYY-MM "
        "or YYYY-MM-DD) (see 'albrel countries --help')\n")


def test_an_interrupted_command_ends_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(settings: cli.Settings, **values: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "orgs", interrupted)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["orgs"])
    assert exit_.value.code == 1
    assert capsys.readouterr().err == "albrel: error: aborted\n"


def _modules_after(*statements: str) -> set[str]:
    probe = "\n".join([*statements, "import sys",
                       "print(','.join(sorted(sys.modules)), file=sys.stderr)"])
    env = dict(os.environ, ALBREL_DATA=str(MINIMAL))
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env=env, check=False)
    return set(result.stderr.strip().splitlines()[-1].split(","))


def test_importing_the_command_line_loads_nothing_heavy() -> None:
    loaded = _modules_after("import albrel_cli.cli")
    assert not {"typer", "rich", "albrel_cli.model", "albrel_cli.render", "typing",
                "dataclasses", "pathlib"} & loaded


def test_a_plain_command_runs_without_typer(tmp_path: Path) -> None:
    loaded = _modules_after(
        "import io, sys", "sys.stdout = io.StringIO()", "from albrel_cli.cli import main",
        "main(['countries', '--json'])", "sys.stdout = sys.__stdout__")
    assert "albrel_cli.model" in loaded  # the command did run
    assert "typer" not in loaded
    loaded = _modules_after("from albrel_cli.cli import main",
                            "try:\n    main(['countries', '--help'])\nexcept SystemExit:\n"
                            "    pass")
    assert "typer" in loaded
