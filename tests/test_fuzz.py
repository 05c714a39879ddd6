"""Property-based: whatever the arguments and whatever the data file, albrel answers with its
result or one error line and a documented exit code, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import MINIMAL, Runner

COMMANDS = ["countries", "show", "timeline", "agreements", "search", "orgs", "stats",
            "validate", "nope"]
WORDS = ["belgium", "ussr", "Türkiye", "BE", "treaty", "Khrushchev", "kruschev", "", " ",
         "[bold]", "--", "-", "1924", "1922-04", "2014-13-45", "0000", "9999-12-31", "x" * 200,
         "\u0000", "ñ", "😀", "-1", "0", "3", "europe", "Asia", "former", "none", "visit",
         "json", "csv", "md", "jsonl", "table", "person", "org", "country", "event"]
OPTIONS = ["--json", "--format", "-f", "--from", "--to", "--since", "--until", "--region",
           "--status", "--kind", "--type", "-t", "--limit", "--country", "-c", "--chart",
           "--help", "--version", "--data", "--bogus", "--as-of", "--org", "--with-predecessors",
           "--by", "NATO", "decade", "year"]

argument = st.one_of(st.sampled_from(WORDS), st.sampled_from(OPTIONS),
                     st.text(max_size=12))
argv = st.tuples(st.sampled_from(COMMANDS), st.lists(argument, max_size=6)).map(
    lambda parts: [parts[0], *parts[1]])

TEXT = MINIMAL.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)


@st.composite
def data_files(draw) -> bytes:
    kind = draw(st.sampled_from(["drop", "replace", "truncate", "bytes", "intact"]))
    if kind == "drop":
        index = draw(st.integers(0, len(LINES) - 1))
        return "".join(LINES[:index] + LINES[index + 1:]).encode()
    if kind == "replace":
        index = draw(st.integers(0, len(LINES) - 1))
        line = LINES[index]
        if "=" in line:
            key = line.split("=", 1)[0]
            value = draw(st.one_of(st.text(max_size=10).map(json.dumps),
                                   st.sampled_from(['"1922-13"', "1924", "[]", '"x"', "{}",
                                                    '["nobody"]', "true", '"" '])))
            line = f"{key}= {value}\n"
        return "".join([*LINES[:index], line, *LINES[index + 1:]]).encode()
    if kind == "truncate":
        return TEXT.encode()[: draw(st.integers(0, len(TEXT)))]
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    return TEXT.encode()


def _check(result, args: list[str]) -> None:
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args, repr(result.exception))
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code != 0:
        assert result.stderr.strip(), args
        last = result.stderr.splitlines()[-1]
        assert last.startswith("albrel: error: ") or "--help" in last, result.stderr
    is_json = "--json" in args or any(
        a in ("--format", "-f") and i + 1 < len(args) and args[i + 1] == "json"
        for i, a in enumerate(args))
    if is_json and result.exit_code == 0 and "--help" not in args and "--version" not in args \
            and args[0] not in ("validate",):
        json.loads(result.stdout)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv)
def test_random_arguments_never_crash(args: list[str]) -> None:
    _check(Runner().invoke(args), args)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data_files(), st.sampled_from([
    ["countries", "--json"], ["show", "belgium", "--json"], ["timeline", "--json"],
    ["search", "treaty", "--json"], ["validate"], ["stats", "--json"], ["orgs"],
]))
def test_random_data_files_never_crash(tmp_path: Path, content: bytes,
                                       args: list[str]) -> None:
    path = tmp_path / "fuzz.toml"  # rewritten for every example: the cache must notice
    path.write_bytes(content)
    result = Runner().invoke(["--data", str(path), *args])
    _check(result, args)
    if result.exit_code == 1:
        assert str(path) in result.stderr
