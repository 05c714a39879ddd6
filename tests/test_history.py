"""History queries: --as-of by the relation periods, predecessor links, organisation events
(tests/data/lineage.toml)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from albrel_cli import query
from albrel_cli.errors import DataError, InvalidQueryError
from albrel_cli.load import check_file
from albrel_cli.model import PartialDate

from .conftest import DATA, broken_copy

LINEAGE = DATA / "lineage.toml"
D = PartialDate.parse


@pytest.fixture
def history():
    return check_file(LINEAGE)


@pytest.mark.parametrize(
    ("moment", "held"),
    [
        ("1930", ["soviet-union", "united-kingdom"]),  # Belgium's first period has no end date
        ("1939-10-25", ["soviet-union", "united-kingdom"]),  # the day the UK broke relations
        ("1939-10-26", ["soviet-union"]),
        ("1961-11", ["soviet-union"]),
        ("1965", []),
        ("1990", ["soviet-union"]),
        ("1991-06", ["belgium", "soviet-union", "united-kingdom"]),
        ("1991-12", ["belgium", "russia", "soviet-union", "united-kingdom"]),
        ("1992", ["belgium", "russia", "united-kingdom"]),
    ],
)
def test_as_of_follows_breaks_and_restorations(history, moment: str, held: list[str]) -> None:
    found = query.list_countries(history, as_of=D(moment))
    assert [c.id for c in found] == held


def test_as_of_names_what_the_dates_cannot_decide(history) -> None:
    # Belgium's pre-war period ended at a date no source gives; Chile has no date at all.
    assert [c.id for c in query.unknown_on(history, D("1930"))] == ["belgium", "chile"]
    assert [c.id for c in query.unknown_on(history, D("1992"))] == ["chile"]


def test_held_on_is_three_valued(history) -> None:
    belgium = history.country("belgium")
    assert query.held_on(belgium, D("1930")) is None
    assert query.held_on(belgium, D("1920")) is False
    assert query.held_on(belgium, D("2000")) is True


def test_lineage_both_ways(history) -> None:
    russia = history.country("russia")
    assert [c.id for c in query.lineage(history, russia)] == ["soviet-union"]
    soviet = history.country("soviet-union")
    assert [c.id for c in query.lineage(history, soviet, direction="successors")] == ["russia"]
    detail = query.country_detail(history, russia)
    assert [c.id for c in detail.predecessors] == ["soviet-union"]


def test_timeline_of_an_organisation(history) -> None:
    nato = query.resolve_organisation(history, "nato")
    assert [e.id for e in query.timeline(history, orgs=[nato])] == ["nato-2009-04-01-accession"]
    with pytest.raises(InvalidQueryError, match="no organisation 'WTO'"):
        query.resolve_organisation(history, "WTO")


def _run(runner, *args: str):
    return runner.invoke(["--data", str(LINEAGE), *args])


def test_cli_as_of_in_every_format(runner) -> None:
    result = _run(runner, "countries", "--as-of", "1965", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    result = _run(runner, "countries", "--as-of", "1992", "--format", "csv")
    assert [line.split(",")[0] for line in result.stdout.splitlines()] == [
        "id", "belgium", "russia", "united-kingdom"]
    result = _run(runner, "countries", "--as-of", "1992", "-f", "jsonl")
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        "belgium", "russia", "united-kingdom"]
    assert "left out, as their periods' dates cannot say" in result.stderr
    assert "chile" in result.stderr


def test_cli_as_of_rejects_a_bad_date(runner) -> None:
    result = _run(runner, "countries", "--as-of", "1965-13")
    assert result.exit_code == 2
    assert "--as-of" in result.stderr


def test_cli_predecessors(runner) -> None:
    alone = _run(runner, "timeline", "russia", "--json")
    assert [e["id"] for e in json.loads(alone.stdout)] == ["russia-2001-visit"]
    both = _run(runner, "timeline", "russia", "--with-predecessors", "--json")
    assert [e["id"] for e in json.loads(both.stdout)] == [
        "soviet-union-1959-visit", "russia-2001-visit"]
    shown = json.loads(_run(runner, "show", "russia", "--json").stdout)
    assert shown["predecessors"] == ["soviet-union"]
    assert [(p["country"], p["start"], p["end"]) for p in shown["predecessor_periods"]] == [
        ("soviet-union", "1924-04-07", "1961-12"), ("soviet-union", "1990-07-30", "1991-12-26")]
    former = json.loads(_run(runner, "show", "soviet-union", "--json").stdout)
    assert former["successors"] == ["russia"]
    page = _run(runner, "show", "russia").stdout
    assert "predecessors  Soviet Union" in page


def test_cli_periods_say_whether_they_ended(runner) -> None:
    shown = json.loads(_run(runner, "show", "belgium", "--json").stdout)
    assert [(p["end"], p["ended"]) for p in shown["periods"]] == [(None, True), (None, False)]


def test_cli_timeline_org(runner) -> None:
    result = _run(runner, "timeline", "--org", "NATO", "--json")
    events = json.loads(result.stdout)
    assert [(e["id"], e["orgs"], e["country"]) for e in events] == [
        ("nato-2009-04-01-accession", ["NATO"], "NATO")]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('successors = ["russia"]\n', "",
         "names 'soviet-union', whose successors do not name 'russia'"),
        ('predecessors = ["soviet-union"]', 'predecessors = ["russia"]',
         "'russia' cannot be its own predecessor"),
        ('predecessors = ["soviet-union"]', 'predecessors = ["prussia"]',
         "names country 'prussia', which is not defined"),
        ('orgs = ["NATO"]', 'orgs = ["NAT"]', "names organisation 'NAT', which is not defined"),
        ('orgs = ["NATO"]\n', "", "an event needs 'countries' or 'orgs'"),
        ("ended = true", "ended = 1", "must be true or false, not an integer"),
        ('searched = "Nothing found."', "list_rank = 0", "must be a positive integer"),
    ],
)
def test_broken_links_and_flags(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        check_file(broken_copy(LINEAGE, tmp_path, old, new))
    assert any(message in str(problem) for problem in caught.value.problems)


def test_an_empty_timeline_says_where_the_events_are(history) -> None:
    russia, soviet = history.country("russia"), history.country("soviet-union")
    assert query.why_no_events(history, [russia], until=D("1990")) == (
        "1 such event is filed under its predecessor Soviet Union: 'albrel timeline "
        "soviet-union' (or add --with-predecessors)")
    assert query.why_no_events(history, [soviet], since=D("2000")) == (
        "1 such event is filed under its successor Russia: 'albrel timeline russia'")
    assert query.why_no_events(history, [history.country("chile")]) == (
        "the dataset holds no dated events for Chile")
    assert query.why_no_events(history, [soviet], since=D("1960"), until=D("1960")) == (
        "Soviet Union's dated events run from 1959-05 to 1959-05")


def test_cli_empty_timeline_note(runner) -> None:
    result = _run(runner, "timeline", "russia", "--to", "1990", "--json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")
    assert result.stderr == (
        "albrel: note: nothing matched; 1 such event is filed under its predecessor Soviet "
        "Union: 'albrel timeline soviet-union' (or add --with-predecessors)\n")


def test_stats_count_as_undated_only_states_with_relations(history) -> None:
    # Chile (active, no start date) counts; a state without relations would not
    assert query.stats(history).undated == 1
