from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import MINIMAL, REPO


def run(runner, *args: str, **kwargs):
    return runner.invoke(list(args), **kwargs)


def test_version(runner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert re.fullmatch(r"albrel \d+\.\d+\.\d+\n", result.stdout)


def test_no_arguments_shows_help(runner) -> None:
    result = run(runner)
    assert "Usage: albrel" in result.stdout + result.stderr
    assert "countries" in result.stdout + result.stderr


def test_countries_json_contract(runner) -> None:
    result = run(runner, "countries", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [c["id"] for c in data] == ["belgium", "soviet-union", "turkey"]
    assert set(data[1]) == set(data[0])  # every record has every key, null or not
    assert {k: data[0][k] for k in ("id", "name", "iso2", "region", "status", "established")} == {
        "id": "belgium", "name": "Belgium", "iso2": "BE", "region": "Europe", "status": "active",
        "established": "1924"}
    assert data[1]["iso2"] is None


def test_countries_filters(runner) -> None:
    result = run(runner, "countries", "--region", "asia", "--json")
    assert [c["id"] for c in json.loads(result.stdout)] == ["turkey"]
    result = run(runner, "countries", "--status", "former", "--since", "1924", "--until",
                 "1924", "-f", "csv")
    assert result.stdout.splitlines()[1].startswith("soviet-union,Soviet Union,,,Europe,former,")


def test_countries_plain_lines_when_piped(runner) -> None:
    result = run(runner, "countries")
    assert result.stdout.splitlines()[:2] == ["id\tname\tregion\tstatus\testablished",
                                              "belgium\tBelgium\tEurope\tactive\t1924"]
    bare = run(runner, "countries", "--no-header")
    assert bare.stdout.splitlines()[0] == "belgium\tBelgium\tEurope\tactive\t1924"


def test_show_json_object(runner) -> None:
    result = run(runner, "show", "Türkiye", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    for key in ("id", "name", "iso2", "region", "status", "established", "periods",
                "missions", "events", "agreements"):
        assert key in data
    assert data["established"] == "1923-12-15"
    assert [e["id"] for e in data["events"]] == ["belgium-1924", "undated"]
    assert data["alt_dates"] == [{"date": "1981", "source": "seed-b", "note": "the table's date",
                                  "period": 1, "boundary": "start"}]


def test_show_page(runner) -> None:
    result = run(runner, "show", "belgium")
    assert result.exit_code == 0
    assert "Belgium" in result.stdout
    assert "Relations since 1924 [bold]not markup[/]." in result.stdout
    assert "Albania's missions" in result.stdout


def test_unknown_country_is_one_line_exit_1(runner) -> None:
    result = run(runner, "show", "Belgum")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "albrel: error: no country matches 'Belgum'; did you mean 'Belgium'?\n"


def test_timeline_json_and_filters(runner) -> None:
    result = run(runner, "timeline", "ussr", "--from", "1959", "--to", "1959", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [e["id"] for e in data] == ["khrushchev-visit"]
    assert data[0]["people"] == ["Nikita Khrushchev"]
    assert set(data[0]) >= {"date", "countries", "kind", "title", "summary", "source"}
    result = run(runner, "timeline", "--kind", "diplomatic", "--kind", "military", "-f", "jsonl")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "belgium-1924", "soviet-break", "undated"]


def test_timeline_month_range_holds_a_day(runner) -> None:
    result = run(runner, "timeline", "--from", "2014-05", "--to", "2014-05", "--json")
    assert [e["date"] for e in json.loads(result.stdout)] == ["2014-05-14"]


def test_empty_result_is_success(runner) -> None:
    result = run(runner, "timeline", "--from", "2030", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timeline", "--from", "2014-13-45"),
         "Invalid value for '--from': '2014-13-45' is not a real date"),
        (("countries", "--since", "1922/04"),
         "Invalid value for '--since': '1922/04' is not a date"),
        (("countries", "--region", "Mars"), "Invalid value for '--region': 'Mars' is not one of"),
        (("timeline", "--bogus"), "No such option: --bogus"),
        (("search", "x", "--type", "planet"), "Invalid value for '--type': 'planet' is not one"),
        (("search", "x", "--limit", "0"), "Invalid value for '--limit': 0 is not in the range"),
        (("search", ""), "Invalid value for 'QUERY': give at least one word to search for"),
        (("search", " -- "), "Invalid value for 'QUERY': give at least one word to search for"),
        (("search", "x", "--type", "person,planet"),
         "Invalid value for '--type': 'planet' is not one"),
    ],
)
def test_usage_errors_are_one_line_exit_2(runner, args, message: str) -> None:
    result = run(runner, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"albrel: error: {message}"), result.stderr
    assert result.stderr.endswith(f"(see 'albrel {args[0]} --help')\n")


def test_search_types_as_a_comma_list_or_repeated(runner) -> None:
    listed = run(runner, "search", "khrushchev", "--type", "person,event", "--json")
    repeated = run(runner, "search", "khrushchev", "-t", "person", "-t", "event", "--json")
    hits = json.loads(listed.stdout)
    assert sorted(h["type"] for h in hits) == ["event", "person"]
    assert listed.stdout == repeated.stdout


def test_unknown_organisation_is_one_line_exit_1(runner) -> None:
    result = run(runner, "timeline", "--org", "WTO")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "albrel: error: no organisation 'WTO' in the dataset (see 'albrel orgs')\n")


def test_chart_in_a_machine_format_is_data(runner) -> None:
    result = run(runner, "timeline", "--chart", "--by", "year", "--json")
    # every year from the first to the last, those without events as 0
    assert json.loads(result.stdout) == [
        *({"year": year, "count": int(year in (1922, 1959, 1961, 2014))}
          for year in range(1922, 2015)), {"year": None, "count": 1}]
    csv_lines = run(runner, "timeline", "--chart", "--by", "year", "-f", "csv").stdout
    assert csv_lines.splitlines()[:3] == ["year,count", "1922,1", "1923,0"]
    assert csv_lines.splitlines()[-2:] == ["2014,1", ",1"]
    # the tiny data spans 92 years: by default it is counted per decade
    decades = json.loads(run(runner, "timeline", "--chart", "--json").stdout)
    assert decades == [
        *({"decade": decade, "count": int(decade in (1920, 1950, 1960, 2010))}
          for decade in range(1920, 2020, 10)), {"decade": None, "count": 1}]
    one_country = json.loads(run(runner, "timeline", "ussr", "--chart", "--json").stdout)
    assert one_country == [{"year": 1959, "count": 1}, {"year": 1960, "count": 0},
                           {"year": 1961, "count": 1}]


def test_show_in_every_format(runner) -> None:
    whole = json.loads(run(runner, "show", "turkey", "-f", "jsonl").stdout)
    assert whole["id"] == "turkey"
    assert whole["alt_dates"][0]["date"] == "1981"
    lines = run(runner, "show", "turkey", "-f", "csv").stdout.splitlines()
    assert lines[0].startswith("id,name,iso2,iso3,region,status,established")
    assert lines[1].startswith("turkey,Turkey,TR,TUR,Asia,active,1923-12-15")
    md = run(runner, "show", "turkey", "-f", "md").stdout.splitlines()
    assert md[2] == "| turkey | Turkey | Asia | active | 1923-12-15 |"


def test_inverted_range_exit_1(runner) -> None:
    result = run(runner, "timeline", "--from", "2000", "--to", "1990")
    assert result.exit_code == 1
    assert result.stderr == "albrel: error: the range is inverted: 1990 is before 2000\n"


def test_agreements(runner) -> None:
    result = run(runner, "agreements", "--country", "belgium", "--json")
    data = json.loads(result.stdout)
    assert [a["title"] for a in data] == ["Agreement on Social Protection",
                                          "Treaty on the avoidance of double taxation"]
    assert data[0]["status"] == "awaiting ratification"
    assert set(data[0]) >= {"title", "date", "countries", "kind", "status", "source"}
    result = run(runner, "agreements", "military", "--from", "1992", "--to", "1992", "--json")
    assert [a["id"] for a in json.loads(result.stdout)] == ["turkey-military-1992"]


def test_search(runner) -> None:
    result = run(runner, "search", "Kruschev", "--json")
    data = json.loads(result.stdout)
    assert {"nikita-khrushchev", "khrushchev-visit"} <= {h["id"] for h in data}
    assert set(data[0]) >= {"type", "date", "title", "country", "matched"}
    result = run(runner, "search", "belgium", "--type", "country", "--limit", "1", "--json")
    assert [(h["type"], h["id"], h["country"]) for h in json.loads(result.stdout)] == [
        ("country", "belgium", "Belgium")]


def test_orgs_and_markdown(runner) -> None:
    result = run(runner, "orgs", "--json")
    rows = json.loads(result.stdout)
    assert rows[0] == {
        "abbr": "NATO", "name": "North Atlantic Treaty Organization", "joined": "2009-04",
        "left": None, "status": "member", "joined_event": None, "left_event": None,
        "role": None, "note": None, "sources": ["seed-a"]}
    assert (rows[-1]["abbr"], rows[-1]["left"], rows[-1]["status"]) == (
        "Warsaw Pact", "1968-09-13", "left")
    result = run(runner, "orgs", "-f", "md")
    lines = result.stdout.splitlines()
    assert lines[0] == "| Abbr | Organisation | Joined | Left | Status |"
    assert lines[2] == "| NATO | North Atlantic Treaty Organization | 2009-04 |  | member |"
    assert lines[-1] == (
        "| Warsaw Pact | Warsaw Treaty Organization | 1955-05-14 | 1968-09-13 | left |")


def test_stats_rows(runner) -> None:
    result = run(runner, "stats", "--json")
    rows = json.loads(result.stdout)
    assert {"group": "decade", "value": "1920s", "count": 3} in rows
    assert {"group": "status", "value": "former", "count": 1} in rows


def test_timeline_chart(runner) -> None:
    result = run(runner, "timeline", "--chart", "--by", "year")
    assert result.exit_code == 0
    assert "Events per year" in result.stdout
    assert "1959" in result.stdout
    assert "4 dated events in 4 of 93 years; 1 without a date" in result.stdout
    assert re.search(r"^1923 +0$", result.stdout, flags=re.M)  # a year without events


def test_validate_clean_and_broken(runner, tmp_path: Path) -> None:
    result = run(runner, "validate", str(MINIMAL))
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{MINIMAL}: ok (3 countries, 5 events")
    broken = tmp_path / "broken.toml"
    broken.write_text(MINIMAL.read_text(encoding="utf-8")
                      .replace('start = "1924"', 'start = "1924-13"')
                      .replace('region = "Asia"', 'region = "Mars"'), encoding="utf-8")
    result = run(runner, "validate", str(broken))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{broken}:")
    assert "countries[0](belgium).periods[0].start" in lines[0]
    assert "countries[2](turkey).region" in lines[1]
    assert lines[2] == (f"albrel: error: 2 problems in {broken} (the format is described in "
                        "docs/dataset.md)")


def test_broken_data_via_option_is_one_line(runner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[[countries]]\nid = \n", encoding="utf-8")
    result = run(runner, "--data", str(broken), "countries")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"albrel: error: {broken}:2: is not valid TOML")


def test_missing_data_file_via_environment(runner, tmp_path: Path) -> None:
    result = run(runner, "countries", env={"ALBREL_DATA": str(tmp_path / "none.toml")})
    assert result.exit_code == 1
    assert result.stderr == f"albrel: error: {tmp_path / 'none.toml'}: no such data file\n"


@pytest.mark.parametrize("args", [("validate", "a\0b"), ("--data", "a\0b", "countries")])
def test_nul_byte_in_a_file_name_is_one_line(runner, args: tuple[str, ...]) -> None:
    # Found by test_fuzz: Typer's Path type stats the name and Python refuses the NUL byte.
    result = run(runner, *args)
    assert result.exit_code == 1
    assert result.stderr == "albrel: error: 'a\\x00b': no file name has a NUL byte\n"


def _commands() -> list[str]:
    from albrel_cli.cli import COMMANDS

    return list(COMMANDS)


def test_the_command_list_is_the_one_users_see(runner) -> None:
    section = run(runner, "--help").stdout.split("Commands:", 1)[1]
    assert [line.split()[0] for line in section.strip().splitlines()] == _commands()
    assert len(_commands()) >= 10


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_with_examples(runner, command: str) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"albrel {command}" in result.stdout


def test_readme_shows_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in _commands():
        assert f"albrel {command}" in readme
    assert "| jq" in readme


@pytest.mark.parametrize(("words", "expected"), [
    ("albrel show tu", ["turkey"]),
    ("albrel show tur", ["turkey"]),  # by name and alias (Türkiye, Turqia) too, once
    ("albrel show Belgj", ["Belgjika"]),  # an Albanian name, which show accepts
    ("albrel show belgj", ["belgjika"]),  # in the case it was typed
    ("albrel timeline so", ["soviet-union"]),
    ("albrel timeline belgium tu", ["turkey"]),  # every country argument of timeline
    ("albrel show zz", []),
])
def test_completion_offers_country_ids(runner, words: str, expected: list[str]) -> None:
    result = runner.invoke([], env={
        "_ALBREL_COMPLETE": "complete_bash", "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1)})
    assert result.exit_code == 0
    assert result.stdout.split() == expected
    for value in expected:  # every completion names the country it offers
        assert run(runner, "show", value, "--json").exit_code == 0


def test_ci_runs_the_test_command_the_readme_shows() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    install_and_run, install_and_test = blocks[0], blocks[1]
    assert "pip install ." in install_and_run
    assert install_and_run.endswith("albrel countries")
    assert install_and_test in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize(("command", "fields"), [
    (["countries"], "name,id"), (["timeline"], "date,title"), (["agreements"], "id,status"),
    (["search", "treaty"], "type,title"), (["sources"], "id,cited"), (["orgs"], "abbr,left"),
    (["stats"], "value,count"),
])
def test_fields_narrow_every_listing(runner, command: list[str], fields: str) -> None:
    keys = fields.split(",")
    as_json = json.loads(run(runner, *command, "--fields", fields, "--json").stdout)
    assert as_json
    assert all(list(record) == keys for record in as_json)
    lines = run(runner, *command, "--fields", fields, "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    csv_lines = run(runner, *command, "--fields", fields, "-f", "csv").stdout.splitlines()
    assert csv_lines[0] == fields
    assert len(csv_lines) == len(as_json) + 1
    md = run(runner, *command, "--fields", fields, "-f", "md").stdout.splitlines()
    assert md[0].count("|") == len(keys) + 1


def test_a_wrong_field_names_the_right_ones(runner) -> None:
    result = run(runner, "orgs", "--fields", "abbr,joind")
    assert result.exit_code == 2
    assert result.stderr == (
        "albrel: error: Invalid value for '--fields': unknown field 'joind'; the fields are: "
        "abbr, name, joined, left, status, joined_event, left_event, role, note, sources (see "
        "'albrel orgs --help')\n")


def test_show_several_countries_equals_separate_calls(runner) -> None:
    separate = [json.loads(run(runner, "show", name, "--json").stdout)
                for name in ("belgium", "ussr", "turkey")]
    together = json.loads(run(runner, "show", "belgium", "ussr", "turkey", "--json").stdout)
    assert together == separate
    lines = run(runner, "show", "belgium", "ussr", "turkey", "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == separate
    csv_rows = run(runner, "show", "belgium", "turkey", "-f", "csv").stdout.splitlines()
    assert [row.split(",")[0] for row in csv_rows] == ["id", "belgium", "turkey"]
    missing = run(runner, "show", "belgium", "atlantis", "--json")
    assert (missing.exit_code, missing.stdout) == (1, "")
    picture = run(runner, "show", "belgium", "turkey", "--output", "x.svg")
    assert picture.exit_code == 2
    assert "a picture shows one country" in picture.stderr
