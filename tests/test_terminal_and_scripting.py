"""What a person sees on a terminal of 40, 80 and 100 columns, and what a script gets: text
wrapped at word boundaries and never cut off, addresses kept whole, charts without holes,
conflicting options refused, piped listings with a header row, and README's claims true."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from albrel_cli.model import EventKind

from .conftest import REPO, SHIPPED, in_pty, process_env


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for this module's terminal runs: the shipped data is indexed once."""
    return tmp_path_factory.mktemp("terminal-cache")


def screen(cache: Path, *args: str, columns: int = 80, **env: str) -> list[str]:
    """The lines ``albrel ARGS`` draws on a terminal of ``columns`` on the shipped data, its
    styles taken out (a "dumb" terminal would be drawn 80 columns wide whatever its size)."""
    settings = {"COLUMNS": str(columns), "TERM": "xterm", "NO_COLOR": "1",
                "ALBREL_DATA": str(SHIPPED), "ALBREL_CACHE_DIR": str(cache), **env}
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", in_pty(cache, *args, **settings))
    return [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]


def shipped(runner, *args: str, **env: str):
    return runner.invoke(list(args), env={"ALBREL_DATA": str(SHIPPED), **env})


def _section(lines: list[str], heading: str) -> list[str]:
    """The lines of a page section, from its heading to the next unindented line."""
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i] and lines[i][0] != " "),
               len(lines))
    return lines[start:end]


# --------------------------------------------------------------------------- layout


def test_show_wraps_mission_lines_at_40_columns(cache: Path) -> None:
    """Mission lines used to be cut at the edge ("consulate-general i", "[6")."""
    lines = screen(cache, "show", "italy", columns=40)
    # only a web address, kept whole, may run past the edge
    assert [ln for ln in lines if len(ln) > 40 and not ln.split()[-1].startswith("http")] == []
    missions = _section(lines, "Missions")
    words = " ".join(missions).split()
    for word in ("consulate-general", "in", "Bari,", "Milan,", "agrees.)", "[6]"):
        assert word in words
    assert "i" not in words
    refs = [w for w in words if w.startswith("[")]
    assert refs
    assert all(w.endswith(("]", ",")) for w in refs), refs


def _help_words_whole(lines: list[str], width: int) -> None:
    assert all(len(line) <= width for line in lines), [ln for ln in lines if len(ln) > width]


def test_timeline_help_keeps_choices_whole_at_80_columns(cache: Path) -> None:
    lines = screen(cache, "timeline", "--help", columns=80)
    _help_words_whole(lines, 80)
    words = set(re.split(r"[\s|<>]+", "\n".join(lines)))
    assert {kind.value for kind in EventKind} <= words
    assert "YYYY-MM-DD)." in "\n".join(lines).split()  # not broken at its hyphens


@pytest.mark.parametrize("columns", [40, 80, 100])
def test_show_help_wraps_to_the_terminal(cache: Path, columns: int) -> None:
    lines = screen(cache, "show", "--help", columns=columns)
    _help_words_whole(lines, columns)
    text = " ".join(lines).split()
    for word in ("(source_records),", "countries'.", "'.[].established'"):
        assert word in text
    if columns == 100:  # the text uses the width it has, not Click's 80
        assert max(len(line) for line in lines) > 80


def _urls(runner, ids: list[str]) -> list[str]:
    sources = json.loads(shipped(runner, "sources", "--json").stdout)
    by_id = {s["id"]: s["url"] for s in sources}
    return [by_id[i] for i in ids if by_id.get(i)]


def test_timeline_source_addresses_are_never_split(cache: Path, runner) -> None:
    lines = screen(cache, "timeline", "united-kingdom", "--from", "1949-12", "--to", "1949-12")
    url = ("https://discovery.researcher.life/article/international-court-of-justice/"
           "6dd76847705f3b56b959de3292952648")
    assert url in lines[-2] or url in "\n".join(lines).split()


@pytest.mark.parametrize("columns", [40, 80])
def test_show_source_addresses_are_never_split(cache: Path, runner, columns: int) -> None:
    from albrel_cli.render.records import cited_ids

    record = json.loads(shipped(runner, "show", "united-kingdom", "--json").stdout)
    urls = _urls(runner, cited_ids(record))
    assert len(urls) > 5
    words = set("\n".join(screen(cache, "show", "united-kingdom", columns=columns)).split())
    assert [url for url in urls if url not in words] == []


def test_chart_shows_empty_decades_and_years(runner, cache: Path) -> None:
    decades = json.loads(shipped(runner, "timeline", "--chart", "--json").stdout)
    keys = [row["decade"] for row in decades if row["decade"] is not None]
    assert keys == list(range(keys[0], keys[-1] + 10, 10))
    assert {"decade": 1890, "count": 0} in decades
    years = json.loads(shipped(runner, "timeline", "italy", "--chart", "--by", "year",
                               "--json").stdout)
    keys = [row["year"] for row in years if row["year"] is not None]
    assert keys == list(range(keys[0], keys[-1] + 1))
    assert any(row["count"] == 0 for row in years)
    lines = screen(cache, "timeline", "--chart")
    assert any(re.fullmatch(r"1890s\s+0", line) for line in lines)


def test_search_table_does_not_repeat_the_title(cache: Path, runner) -> None:
    lines = screen(cache, "search", "Khrushchev")
    assert " ".join(lines).split().count("Butrint") == 1
    hits = json.loads(shipped(runner, "search", "Khrushchev", "--json").stdout)
    assert all("matched" in hit for hit in hits)


def test_long_country_lists_fold_in_tables(cache: Path, runner) -> None:
    lines = screen(cache, "timeline", "tuvalu")
    rows = lines[lines.index(next(ln for ln in lines if "Countries" in ln)) + 2:]
    rows = rows[:rows.index("")]
    assert len(rows) <= 4, rows
    assert "and 26 others" in " ".join(" ".join(rows).split())
    (event,) = json.loads(shipped(runner, "timeline", "tuvalu", "--json").stdout)
    assert len(event["countries"]) == 29
    assert event["country"].count(", ") == 28
    csv = shipped(runner, "timeline", "tuvalu", "--format", "csv").stdout
    assert "Uganda, Vanuatu" in csv


# --------------------------------------------------------------------------- scripting


@pytest.mark.parametrize(("args", "named"), [
    (["countries", "--json", "--format", "csv"], ("--json", "--format")),
    (["show", "belgium", "--json", "--output", "i.svg"], ("--json", "--output")),
    (["show", "belgium", "--format", "csv", "--output", "i.svg"], ("--format", "--output")),
    (["timeline", "--by", "year"], ("--by", "--chart")),
    (["timeline", "belgium", "--expand", "sources"], ("--expand", "--json")),
    (["agreements", "--expand", "sources", "--format", "csv"], ("--expand", "--format")),
    (["countries", "--json", "--no-header"], ("--no-header", "--json")),
    (["stats", "--fields", "value", "--output", "s.svg"], ("--fields", "--output")),
    (["timeline", "--chart", "--json", "--expand", "sources"], ("--expand", "--chart")),
])
def test_conflicting_or_inert_options_are_usage_errors(runner, tmp_path, monkeypatch,
                                                       args: list[str],
                                                       named: tuple[str, ...]) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    for option in named:
        assert option in result.stderr
    assert not (tmp_path / "i.svg").exists()


@pytest.mark.parametrize("args", [
    ["countries", "--json", "--format", "json"],  # the same thing twice
    ["timeline", "--chart", "--by", "year", "--json"],
    ["timeline", "--by", "decade", "--output", "chart.svg"],  # --output draws the chart
    ["timeline", "--json", "--expand", "sources"],
    ["timeline", "-f", "jsonl", "--expand", "sources"],
])
def test_options_that_agree_are_accepted(runner, tmp_path, monkeypatch,
                                         args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(args)
    assert result.exit_code == 0, result.stderr


def test_fields_follow_the_output_chosen(runner) -> None:
    result = runner.invoke(["timeline", "--chart", "--json", "--fields", "count"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    assert all(list(row) == ["count"] for row in rows)
    wrong = runner.invoke(["timeline", "--chart", "--json", "--fields", "title"])
    assert wrong.exit_code == 2
    assert "count" in wrong.stderr
    # one person, one source: a record of their own keys, not the listing's
    person = runner.invoke(["people", "nikita-khrushchev", "--json", "--fields", "name,events"])
    assert person.exit_code == 0, person.stderr
    assert list(json.loads(person.stdout)) == ["name", "events"]
    assert runner.invoke(["people", "nikita-khrushchev", "--json", "--fields",
                          "office"]).exit_code == 2
    source = runner.invoke(["sources", "seed-a", "--json", "--fields", "id,cited_by"])
    assert source.exit_code == 0, source.stderr
    assert list(json.loads(source.stdout)) == ["id", "cited_by"]


@pytest.mark.parametrize("given", ["", ",", " , "])
def test_fields_with_no_field_say_so(runner, given: str) -> None:
    result = runner.invoke(["countries", "--json", "--fields", given])
    assert result.exit_code == 2
    assert "no field given" in result.stderr
    assert "none" not in result.stderr


@pytest.mark.parametrize(("args", "hint"), [
    (["countries", "--data", "x.toml"], "(albrel --data x.toml countries)"),
    (["countries", "--region", "Europe", "--data=my data.toml"],
     "(albrel --data='my data.toml' countries --region Europe)"),
    (["show", "italy", "--version"], "(albrel --version)"),
])
def test_a_global_option_after_the_command_gets_a_hint(runner, args: list[str],
                                                       hint: str) -> None:
    result = runner.invoke(args)
    assert result.exit_code == 2
    option = "--version" if "--version" in args else "--data"
    assert f"{option} is a global option: put it before the command {hint}" in result.stderr


@pytest.mark.parametrize(("args", "header"), [
    (["countries"], "id\tname\tregion\tstatus\testablished"),
    (["timeline"], "date\tcountry\tkind\ttitle"),
    (["countries", "--fields", "name,id"], "name\tid"),
    (["stats", "--fields", "value,count"], "value\tcount"),
])
def test_piped_listings_print_a_header_row(runner, args: list[str], header: str) -> None:
    lines = runner.invoke(args).stdout.splitlines()
    assert lines[0] == header
    assert lines[1:]
    assert all("\t" in line for line in lines[1:])
    bare = runner.invoke([*args, "--no-header"]).stdout.splitlines()
    assert bare == lines[1:]


# --------------------------------------------------------------------------- README


def _readme() -> str:
    return " ".join((REPO / "README.md").read_text(encoding="utf-8").split())


def test_readme_claims_about_output_hold(runner) -> None:
    readme = _readme()
    # "`Turkiye` finds Turkey (whose aliases include Türkiye)"
    assert "`Turkiye` finds Turkey (whose aliases include Türkiye)" in readme
    turkey = json.loads(shipped(runner, "show", "Turkiye", "--json").stdout)
    assert turkey["name"] == "Turkey"
    assert "Türkiye" in turkey["aliases"]
    # other names people type
    for typed, country in [("united-kingdom", "United Kingdom"), ("GB", "United Kingdom"),
                           ("GBR", "United Kingdom"), ("Greqia", "Greece"),
                           ("Shtetet e Bashkuara", "United States")]:
        assert f"`{typed}`" in readme
        assert json.loads(shipped(runner, "show", typed, "--json").stdout)["name"] == country
    # "in a pipe the same commands print tab-separated lines with a header row"
    assert "tab-separated lines under a header row of the keys" in readme
    assert "--no-header" in readme
    lines = shipped(runner, "countries", "--region", "Oceania").stdout.splitlines()
    assert lines[0].split("\t") == ["id", "name", "region", "status", "established"]
    assert len(lines) == 17
    assert all(line.count("\t") == 4 for line in lines)
    # "did you mean …"
    assert "`did you mean …`" in readme
    wrong = shipped(runner, "show", "Belgum")
    assert wrong.exit_code == 1
    assert wrong.stderr == "albrel: error: no country matches 'Belgum'; did you mean " \
                           "'Belgium'?\n"
    # the global option's hint
    assert "Global options come before the command (given after it, albrel says where it " \
           "goes)" in readme
    moved = shipped(runner, "countries", "--data", "my.toml")
    assert "put it before the command (albrel --data my.toml countries)" in moved.stderr
    # completion: "`albrel timeline Tür<Tab>` offers `Türkiye` and `Türkmenistan`"
    assert "`albrel timeline Tür<Tab>` offers `Türkiye` and `Türkmenistan`" in readme
    offered = runner.invoke([], env={"ALBREL_DATA": str(SHIPPED),
                                     "_ALBREL_COMPLETE": "complete_bash",
                                     "COMP_WORDS": "albrel timeline Tür", "COMP_CWORD": "2"})
    assert offered.stdout.split() == ["Türkiye", "Türkmenistan"]


def test_readme_claims_about_encodings_and_pipes_hold(tmp_path) -> None:
    readme = _readme()
    assert "(`PYTHONIOENCODING=ascii`: `Türkiye` → `Turkiye`, `£` → `GBP`)" in readme
    env = process_env(tmp_path, ALBREL_DATA=str(SHIPPED), PYTHONIOENCODING="ascii")
    albrel = [sys.executable, "-m", "albrel_cli"]
    page = subprocess.run([*albrel, "show", "turkey"], env=env, capture_output=True,
                          check=True).stdout.decode("ascii")
    assert "Turkiye" in page
    # "stops quietly with exit code 0" when the reader of a pipe goes away
    assert "`albrel timeline | head -1`" in readme
    pipe = subprocess.run(" ".join([*albrel, "timeline"]) + " | head -1", shell=True,
                          env=env, capture_output=True, check=False, executable="/bin/sh")
    assert pipe.returncode == 0
    assert pipe.stderr == b""
    assert pipe.stdout.decode("ascii").count("\n") == 1


def test_ascii_output_transliterates_symbols_and_names_each_alias_once(tmp_path) -> None:
    env = process_env(tmp_path, ALBREL_DATA=str(SHIPPED), PYTHONIOENCODING="ascii",
                      COLUMNS="80")
    albrel = [sys.executable, "-m", "albrel_cli"]
    events = subprocess.run([*albrel, "timeline", "united-kingdom", "--from", "1949-12",
                             "--to", "1949-12", "--json"], env=env, capture_output=True,
                            check=True).stdout.decode("ascii")
    assert "\\u00a3843,947" in events  # JSON keeps the data exact
    listed = subprocess.run([*albrel, "timeline", "united-kingdom", "--from", "1949-12",
                             "--to", "1949-12"], env=env, capture_output=True,
                            check=True).stdout.decode("ascii")
    assert "GBP 843,947" in listed
    assert "?" not in listed
    page = subprocess.run([*albrel, "show", "turkey"], env=env, capture_output=True,
                          check=True).stdout.decode("ascii")
    (aliases,) = [line for line in page.splitlines() if line.startswith("aliases")]
    names = [name.strip() for name in aliases.removeprefix("aliases").split(",")]
    assert len(names) == len(set(names)), names
    assert "Turkiye" in names
    assert "Republic of Turkiye" in names


def test_ascii_stand_ins() -> None:
    from albrel_cli.render.ascii import degrade

    assert degrade("£843,947 and €5 million", "ascii") == "GBP 843,947 and EUR 5 million"
    assert degrade("5 € or 3 £", "ascii") == "5 EUR or 3 GBP"
    assert degrade("Türkiye, Korçë, Đakovo", "ascii") == "Turkiye, Korce, Dakovo"
    assert degrade("«Zëri i Popullit»", "ascii") == '"Zeri i Popullit"'
