"""Every example that README.md and the commands' --help show runs on the shipped dataset and
returns what it promises: an exit code of 0 and a result that is not empty."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from albrel_cli.cli import COMMANDS as REGISTERED

from .conftest import REPO, SHIPPED, Runner, in_pty

COMMANDS = list(REGISTERED)
STOP = {"|", ">", ";", ")", "&&", "||"}


def _albrel_parts(line: str) -> list[tuple[list[str], str]]:
    """Each ``albrel …`` command in a shell line, with the rest of the line (its pipe)."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars="|>;&()")
    lexer.whitespace_split = True
    tokens = list(lexer)
    found = []
    for start, token in enumerate(tokens):
        if token != "albrel":
            continue
        end = start + 1
        while end < len(tokens) and tokens[end] not in STOP:
            end += 1
        found.append((tokens[start + 1:end], " ".join(tokens[end:])))
    return found


def _readme_examples() -> list[tuple[list[str], str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    examples = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if "albrel" in line and not line.startswith("#"):
                examples += _albrel_parts(line)
    return examples


def _help_examples() -> list[tuple[list[str], str]]:
    examples = []
    for command in COMMANDS:
        help_text = Runner().invoke([command, "--help"]).stdout
        assert "Examples:" in help_text, command
        section = help_text.split("Examples:", 1)[1]
        for line in section.splitlines():
            line = line.strip()
            if line.startswith("albrel "):
                examples += _albrel_parts(line)
    return examples


README_EXAMPLES = _readme_examples()
HELP_EXAMPLES = _help_examples()


def _selected(records: list[dict], pipe: str) -> list:
    """The records a ``jq`` filter of the forms used in the examples keeps."""
    for key, value in re.findall(r'select\(\.(\w+) == "([^"]*)"\)', pipe):
        records = [r for r in records if r.get(key) == value]
    for key in re.findall(r"select\(\.(\w+)\)", pipe):
        records = [r for r in records if r.get(key)]
    return records


def _check(runner, args: list[str], pipe: str) -> None:
    """Run an example in a fresh directory (an export writes its file there)."""
    if any("$" in arg for arg in args):  # a shell variable: checked through its source
        return
    # a data file named for the example (my-relations.toml) stands for the user's own file
    args = [str(SHIPPED) if arg.endswith(".toml") else arg for arg in args]
    result = runner.invoke(args,
                           env={"ALBREL_DATA": str(SHIPPED), "COLUMNS": "100"})
    assert result.exit_code == 0, (args, result.stderr)
    out = result.stdout
    saved = args[args.index("--output") + 1] if "--output" in args else None
    if saved or (args[0] == "export" and args[-1] != "-" and not out):  # a file was written
        from pathlib import Path

        written = Path(saved or args[-1])
        assert written.exists(), args
        assert written.is_file() or any(written.iterdir()), args
        assert result.stderr.startswith(f"albrel: wrote {written}"), args
        return
    assert out.strip(), (args, "printed nothing")
    if "dyad-years" in args:
        assert out.startswith("ccode1,ccode2,year,DR_at_1,DR_at_2,DE"), args
        assert len(out.splitlines()) > 1, args
        return
    if "--json" in args or "json" in args:
        data = json.loads(out)
        if isinstance(data, list):
            assert _selected(data, pipe), (args, pipe, "an empty result")
    elif "csv" in args:
        assert len(out.splitlines()) > 1, (args, "a CSV header and no rows")


def test_there_are_examples_to_run() -> None:
    assert len(README_EXAMPLES) >= 25
    assert len(HELP_EXAMPLES) >= 2 * len(COMMANDS)
    assert {args[0] for args, _ in HELP_EXAMPLES} == set(COMMANDS)


EXAMPLES = ([("README", args, pipe) for args, pipe in README_EXAMPLES]
            + [("--help", args, pipe) for args, pipe in HELP_EXAMPLES])


@pytest.mark.parametrize(("where", "args", "pipe"), EXAMPLES,
                         ids=[f"{where}: {' '.join(a)}" for where, a, _ in EXAMPLES])
def test_example_returns_a_result(runner, where: str, args: list[str], pipe: str, tmp_path,
                                  monkeypatch) -> None:
    """Every example README.md and the commands' --help show."""
    monkeypatch.chdir(tmp_path)
    if args[0] == "serve":  # exports for the web and starts Datasette, here a stand-in
        _check_serve(runner, args, tmp_path, monkeypatch)
        return
    _check(runner, args, pipe)


STARTED: list[list[str]] = []


class _Server:
    """Stands in for the Datasette process: records its command line, stops at once."""

    def __init__(self, command: list[str]) -> None:
        STARTED.append(command)

    def wait(self, timeout: float | None = None) -> int:
        return 0


def _check_serve(runner, args: list[str], tmp_path, monkeypatch) -> None:
    from albrel_cli import web

    monkeypatch.setattr(web.subprocess, "Popen", _Server)
    monkeypatch.setattr(web, "default_folder", lambda: tmp_path / "web")
    STARTED.clear()
    result = runner.invoke(args, env={"ALBREL_DATA": str(SHIPPED)})
    assert result.exit_code == 0, result.stderr
    assert "albrel: serving http://127.0.0.1:" in result.stderr
    (command,) = STARTED
    assert command[command.index("serve") + 1] == str(tmp_path / "web" / "albrel.sqlite")
    assert (tmp_path / "web" / "metadata.json").exists()


def _pictures() -> list[tuple[list[str], list[str]]]:
    """README's terminal pictures, found as tools/readme_pictures.py finds them to redraw
    them, each up to a closing '…' where the picture is cut short."""

    from tools.readme_pictures import pictures

    found = []
    for args, lines, _ in pictures((REPO / "README.md").read_text(encoding="utf-8")):
        found.append((args, lines[:lines.index("…")] if "…" in lines else lines))
    return found


PICTURES = _pictures()


def test_readme_has_pictures() -> None:
    assert [args[0] for args, _ in PICTURES] == ["countries", "show", "timeline", "timeline",
                                                  "stats"]


@pytest.mark.parametrize(("args", "lines"), PICTURES, ids=[" ".join(a) for a, _ in PICTURES])
def test_readme_pictures_are_what_albrel_prints(tmp_path, args: list[str],
                                                lines: list[str]) -> None:

    printed = in_pty(tmp_path, *args, COLUMNS="90", NO_COLOR="1", TERM="dumb",
                      ALBREL_DATA=str(SHIPPED)).replace("\r\n", "\n").splitlines()
    assert [line.rstrip() for line in printed[:len(lines)]] == [line.rstrip() for line in lines]
