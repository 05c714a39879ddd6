"""The library as notebooks use it: README's Python example and the package docstring run and
agree with the CLI."""

from __future__ import annotations

import contextlib
import doctest
import io
import json
import re

import albrel_cli

from .conftest import REPO, SHIPPED


def test_readme_python_example_runs_and_agrees_with_the_cli(monkeypatch, runner) -> None:
    monkeypatch.delenv("ALBREL_DATA")  # the example opens the shipped dataset
    text = (REPO / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(block, "README.md", "exec"), {})
    first, second = printed.getvalue().splitlines()
    timeline = json.loads(runner.invoke(["--data", str(SHIPPED), "timeline", "italy",
                                              "--to", "1939-12", "--json"]).stdout)
    assert first == f"{len(timeline)} {timeline[-1]['date']} {timeline[-1]['title']}"
    europe = json.loads(runner.invoke(["--data", str(SHIPPED), "countries", "--region",
                                            "Europe", "--as-of", "1965", "--json"]).stdout)
    assert second == f"{len(europe)} {europe[0]['name']} {europe[0]['established']}"


def test_package_docstring_example(monkeypatch) -> None:
    monkeypatch.delenv("ALBREL_DATA")
    result = doctest.testmod(albrel_cli, verbose=False)
    assert (result.attempted, result.failed) == (3, 0)


def test_every_public_name_resolves() -> None:
    for name in albrel_cli.__all__:
        assert getattr(albrel_cli, name) is not None, name
    assert albrel_cli.open_catalog.__module__ == "albrel_cli.load"
    assert albrel_cli.to_record.__module__ == "albrel_cli.render.records"
