"""Dyad-years of representation (``albrel export --format dyad-years``), COW's layout."""

from __future__ import annotations

import csv
import io

import pytest

from albrel_cli.dyads import dyad_years, mission_level, open_in
from albrel_cli.export import DYAD_COLUMNS
from albrel_cli.model import Level, Mission, MissionKind, PartialDate, Side


def _rows(runner, *args: str) -> list[dict[str, str]]:
    result = runner("export", "--format", "dyad-years", *args, "-")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_a_legation_and_an_embassy_give_cow_levels(runner) -> None:
    # the tiny dataset: Belgium's legation in Tirana 1924-1939 (a minister), Albania's embassy
    # in Brussels from 1994 (an ambassador)
    rows = _rows(runner, "--from", "1930", "--until", "1930")
    assert list(rows[0]) == list(DYAD_COLUMNS)
    assert rows == [
        {"ccode1": "339", "ccode2": "211", "year": "1930", "DR_at_1": "2", "DR_at_2": "0",
         "DE": "1", "relations": "1", "iso3_1": "ALB", "iso3_2": "BEL",
         "albrel_ids": "belgium"},
        {"ccode1": "211", "ccode2": "339", "year": "1930", "DR_at_1": "0", "DR_at_2": "2",
         "DE": "1", "relations": "1", "iso3_1": "BEL", "iso3_2": "ALB",
         "albrel_ids": "belgium"}]
    later = _rows(runner, "--from", "1994", "--until", "1995")
    assert [(r["year"], r["DR_at_1"], r["DR_at_2"]) for r in later if r["ccode1"] == "339"] == [
        ("1994", "0", "3"), ("1995", "0", "3")]


def test_every_five_years_keeps_cow_snapshot_years(runner) -> None:
    years = {r["year"] for r in _rows(runner, "--from", "1921", "--until", "1940", "--every",
                                      "5")}
    assert years == {"1925", "1930", "1935", "1940"}


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "sqlite", "--from", "1920", "x.sqlite"], "--from, --until and --every"),
    (["--format", "dyad-years", "--from", "1990", "--until", "1980", "-"], "after --until"),
])
def test_year_options_are_checked(runner, args: list[str], message: str) -> None:
    result = runner("export", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_levels_follow_the_rank_or_the_kind() -> None:
    def mission(kind: MissionKind, level: Level | None = None) -> Mission:
        return Mission(id="m", side=Side.partner, kind=kind, city="Tirana", level=level,
                       source="s")

    assert mission_level(mission(MissionKind.embassy)) == 3
    assert mission_level(mission(MissionKind.embassy, Level.charge)) == 1
    assert mission_level(mission(MissionKind.legation)) == 2
    assert mission_level(mission(MissionKind.interests_section)) == 9
    assert mission_level(mission(MissionKind.consulate)) == 0
    assert mission_level(mission(MissionKind.non_resident, Level.ambassador)) == 0


def test_undated_missions_count_only_for_this_year() -> None:
    undated = Mission(id="m", side=Side.partner, kind=MissionKind.embassy, city="Tirana",
                      source="s")
    assert open_in(undated, 2026, 2026)
    assert not open_in(undated, 1990, 2026)
    closed = Mission(id="m", side=Side.partner, kind=MissionKind.embassy, city="Tirana",
                     opened=PartialDate(1974), closed=PartialDate(1979), source="s")
    assert [open_in(closed, y, 2026) for y in (1973, 1974, 1979, 1980)] == [
        False, True, True, False]


def test_only_states_with_a_cow_code_are_listed(tiny) -> None:
    rows = list(dyad_years(tiny, first=1930, last=1930))
    assert {(r.ccode1, r.ccode2) for r in rows} == {(339, 211), (211, 339)}


def test_the_shipped_data_merges_states_cow_codes_as_one() -> None:
    from albrel_cli.load import open_catalog

    from .conftest import SHIPPED

    rows = [r for r in dyad_years(open_catalog(SHIPPED), first=1995, last=1995)
            if r.ccode1 == 339]
    assert len({r.ccode2 for r in rows}) == len(rows)
    yugoslavia = next(r for r in rows if r.ccode2 == 345)
    assert set(yugoslavia.country_ids) == {"serbia", "yugoslavia", "kingdom-of-yugoslavia"}
    assert next(r for r in rows if r.ccode2 == 710).de == 1  # China: embassies both ways


def test_a_mission_known_from_attested_dates_counts_only_where_attested() -> None:
    def seen(**dates) -> Mission:
        return Mission(id="m", side=Side.albania, kind=MissionKind.embassy, city="Hanoi",
                       source="s", **dates)

    ended = seen(attested_from=PartialDate(1972, 12), attested_until=PartialDate(1979, 7),
                 ended=True)
    assert [open_in(ended, y, 2026) for y in (1971, 1972, 1979, 1980, 2026)] == [
        False, True, True, False, False]
    still_open = seen(attested_from=PartialDate(1985))  # no closing: open today
    assert [open_in(still_open, y, 2026) for y in (1984, 1985, 2000, 2026)] == [
        False, True, True, True]
    closed = seen(attested_from=PartialDate(1985), closed=PartialDate(2009))
    assert [open_in(closed, y, 2026) for y in (1984, 1985, 2009, 2010)] == [
        False, True, True, False]
    # an opening with an undated closing: open up to the last attested date, else its year
    opened = seen(opened=PartialDate(1957), attested_until=PartialDate(1959), ended=True)
    assert [open_in(opened, y, 2026) for y in (1957, 1959, 1960)] == [True, True, False]
    assert [open_in(seen(opened=PartialDate(1957), ended=True), y, 2026)
            for y in (1957, 1958)] == [True, False]
    # no opening, but a closing: it was open in the year it closed, not before
    closed_only = seen(closed=PartialDate(1992))
    assert [open_in(closed_only, y, 2026) for y in (1991, 1992, 1993, 2026)] == [
        False, True, False, False]
    # only a last sighting, still open: from that sighting on
    seen_late = seen(attested_until=PartialDate(2018, 3, 13))
    assert [open_in(seen_late, y, 2026) for y in (2017, 2018, 2026)] == [False, True, True]
