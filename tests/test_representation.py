"""Missions, office-holders and agreements' life cycles: the commands on the shipped data and
on the tiny dataset."""

from __future__ import annotations

import json
import re

import pytest

from albrel_cli import query
from albrel_cli.load import open_catalog
from albrel_cli.model import Office, PartialDate, Step

from .conftest import SHIPPED


def _json(runner, *args: str) -> list[dict]:
    result = runner.invoke(["--data", str(SHIPPED), *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_missions_today_leave_out_closed_ones(runner) -> None:
    rows = runner("missions", "--json")  # the tiny dataset: an embassy open, a legation closed
    assert [m["id"] for m in json.loads(rows.stdout)] == ["belgium-albania-brussels-embassy"]
    every = json.loads(runner("missions", "--all", "--json").stdout)
    assert {m["id"]: m["is_closed"] for m in every} == {
        "belgium-albania-brussels-embassy": False, "belgium-partner-tirana-legation": True}
    then = json.loads(runner("missions", "--as-of", "1930", "--json").stdout)
    assert [(m["kind"], m["level"]) for m in then] == [("legation", "minister")]


def test_missions_all_and_as_of_conflict(runner) -> None:
    result = runner("missions", "--all", "--as-of", "1930")
    assert result.exit_code == 2
    assert "--all" in result.stderr


def test_embassies_in_tirana_today_and_in_1975(runner) -> None:
    today = _json(runner, "missions", "--side", "partner", "--city", "Tirana", "--kind",
                  "embassy")
    names = {m["country"] for m in today}
    assert {"Italy", "Greece", "United States", "Turkey", "China"} <= names
    assert not {"Cuba", "Mexico", "Iran", "Soviet Union"} & names  # closed
    assert all(not m["is_closed"] for m in today)
    in_1975 = _json(runner, "missions", "--side", "partner", "--city", "Tirana", "--as-of",
                    "1975")
    assert {"China", "Italy", "Mexico"} <= {m["country"] for m in in_1975}
    assert "United States" not in {m["country"] for m in in_1975}


def test_every_mission_is_dated_or_says_what_was_searched() -> None:
    catalog = open_catalog(SHIPPED)
    for country in catalog.all_countries():
        for mission in country.missions:
            assert mission.opened or mission.searched, mission.id


def test_every_state_with_relations_has_missions_or_says_what_was_searched() -> None:
    catalog = open_catalog(SHIPPED)
    for country in catalog.all_countries():
        if country.periods and not country.missions:
            assert country.missions_searched, country.id


def _dated_before(mission, year: int) -> bool:
    first = mission.opened or mission.attested_from
    return first is not None and first.year < year


def test_states_with_relations_before_1990_have_a_mission_then_or_say_what_was_searched(
) -> None:
    catalog = open_catalog(SHIPPED)
    for country in catalog.all_countries():
        if any(p.start is not None and p.start.year < 1990 for p in country.periods):
            assert (any(_dated_before(m, 1990) for m in country.missions)
                    or country.missions_searched), country.id


def test_a_mission_known_only_from_attested_dates_answers_for_those_years(runner) -> None:
    """Albania's embassy in Hanoi: no source dates its opening or closing, but a source shows
    it open in December 1972."""
    in_1972 = _json(runner, "missions", "--country", "vietnam", "--side", "albania",
                    "--as-of", "1972-12")
    hanoi = next(m for m in in_1972 if m["city"] == "Hanoi")
    assert hanoi["opened"] is None
    assert hanoi["attested_from"] <= "1972-12"
    assert hanoi["seen_open"].startswith(hanoi["attested_from"])
    in_1960 = _json(runner, "missions", "--country", "vietnam", "--side", "albania",
                    "--as-of", "1960")
    assert "Hanoi" not in {m["city"] for m in in_1960}


def test_head_of_state_when_relations_with_the_us_were_restored(runner) -> None:
    rows = _json(runner, "people", "--role", "head-of-state", "--as-of", "1991-03-15")
    assert [r["name"] for r in rows] == ["Ramiz Alia"]


# Years the sources found leave without a single holder (occupation, collective bodies whose
# members' dates are not all known, lists the stored pages cut short); see the issue notes.
KNOWN_GAPS = {
    Office.head_of_state: {1916, 1917, 1918},
    Office.head_of_government: {1916, 1917, 1918, 1922, 1944},
    # foreign ministers: the lists found name none for 1914-1919 and 1924-1935 (an undated
    # tenure is not stretched to a successor years later)
    Office.foreign_minister: {*range(1914, 1920), 1922, *range(1924, 1936), 1992, 2002, 2003,
                              2009},
    Office.party_leader: {1991},
}


@pytest.mark.parametrize("office", list(KNOWN_GAPS))
def test_one_holder_of_each_albanian_office_each_year(office: Office) -> None:
    catalog = open_catalog(SHIPPED)
    years = range(1945, 1992) if office is Office.party_leader else range(1913, 2027)
    gaps = set()
    for year in years:
        held = query.office_holders(catalog, roles=[office], state="albania",
                                    as_of=PartialDate(year, 7, 1))
        sole = {h.person.id for h in held if not h.tenure.shared and not h.tenure.acting}
        if len(sole) != 1 and not (not sole and any(h.tenure.shared for h in held)):
            gaps.add(year)
    assert gaps == KNOWN_GAPS[office]


def test_the_1995_italian_treaty_in_the_nineties(runner) -> None:
    rows = _json(runner, "agreements", "--country", "italy", "--from", "1990", "--to", "1999")
    assert len(rows) >= 5
    assert any("1995" in (r["date"] or "") and "riendship" in r["title"] for r in rows)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_in_force_on_in_every_format(runner, fmt: str) -> None:
    result = runner.invoke(["--data", str(SHIPPED), "agreements", "--in-force-on", "2010",
                            "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert "stabilisation" in result.stdout.lower() or "Stabilisation" in result.stdout


def test_in_force_follows_the_steps() -> None:
    catalog = open_catalog(SHIPPED)
    day = PartialDate(2025)
    in_force = [a for a in catalog.agreements_of() if a.in_force_on(day)]
    assert len(in_force) >= 20
    for agreement in in_force:
        start = agreement.step_date(Step.in_force)
        assert start is not None, agreement.id
        assert start.earliest() <= day.latest(), agreement.id
        assert agreement.end_date is None or agreement.end_date.latest() >= day.earliest()


MAIN = [("italy",), ("greece",), ("united-states",), ("united-kingdom",), ("france",),
        ("turkey",), ("china",), ("soviet-union", "russia"), ("yugoslavia", "serbia"),
        ("kosovo",), ("north-macedonia",), ("montenegro",), ("austria",), ("germany",)]


@pytest.mark.parametrize("ids", MAIN, ids=lambda ids: "+".join(ids))
def test_main_partners_have_dated_sourced_agreements(ids: tuple[str, ...]) -> None:
    catalog = open_catalog(SHIPPED)
    dated = {a.id for a in catalog.agreements_of() if set(ids) & set(a.countries) and a.date}
    assert len(dated) >= (14 if ids == ("germany",) else 15), ids


def test_no_two_agreements_share_partner_date_and_title() -> None:
    catalog = open_catalog(SHIPPED)
    seen = set()
    for a in catalog.agreements_of():
        key = (tuple(a.countries), str(a.date), a.title.casefold())
        assert key not in seen, a.id
        seen.add(key)


def test_join_keys_are_unique_but_for_states_cow_codes_as_one() -> None:
    catalog = open_catalog(SHIPPED)
    by_code: dict[int, set[str]] = {}
    for country in catalog.all_countries():
        if country.cow is not None:
            by_code.setdefault(country.cow, set()).add(country.id)
    shared = {code: ids for code, ids in by_code.items() if len(ids) > 1}
    # COW carries Serbia on Yugoslavia's code and Russia on the Soviet Union's
    assert shared == {345: {"kingdom-of-yugoslavia", "yugoslavia", "serbia"},
                      365: {"soviet-union", "russia"}}
    assert sum(1 for c in catalog.all_countries() if c.cow) >= 195
    qids = [c.wikidata for c in catalog.all_countries() if c.wikidata]
    assert len(qids) == len(set(qids)) >= 190
    assert all(q.startswith("Q") and q[1:].isdigit() for q in qids)


JOINS = re.compile(r"Albania (joins|is admitted|admitted|becomes a (full )?member)")


def test_orgs_and_the_org_timelines_agree(runner) -> None:
    """Each organisation's joining and leaving dates are those of its events: every
    accession-like event in an organisation's timeline is the one its record links."""
    orgs = {o["abbr"]: o for o in _json(runner, "orgs")}
    linked = 0
    for abbr, org in orgs.items():
        events = _json(runner, "timeline", "--org", abbr)
        for event in events:
            if event["id"] == org["joined_event"]:
                assert org["joined"] == event["date"], abbr
                linked += 1
            elif event["id"] == org["left_event"]:
                assert org["left"] == event["date"], abbr
                linked += 1
            elif (event["orgs"] == [abbr] and JOINS.match(event["title"])
                  and (abbr in event["title"] or org["name"] in event["title"])):
                assert org["joined"] == event["date"], (abbr, event["id"])
    assert linked >= 18
    assert orgs["NATO"]["joined"] == "2009-04-01"
    assert (orgs["Warsaw Pact"]["left"], orgs["Warsaw Pact"]["status"]) == ("1968-09-13", "left")


def test_a_mission_dated_by_an_event_shows_the_event_date(runner) -> None:
    japan = _json(runner, "missions", "--country", "japan", "--side", "albania", "--kind",
                  "embassy")
    assert [(m["city"], m["opened"], m["opened_event"]) for m in japan] == [
        ("Tokyo", "2005-11", "japan-2005-11-albanian-embassy-tokyo")]
    denmark = _json(runner, "missions", "--country", "denmark", "--all", "--side", "partner",
                    "--kind", "embassy")
    assert [(m["closed"], m["is_closed"]) for m in denmark] == [("2017", True)]


def test_no_relations_includes_severed_and_suspended(runner) -> None:
    rows = _json(runner, "countries", "--no-relations")
    assert {"iran", "bhutan", "taiwan"} <= {r["id"] for r in rows}
    assert {r["status"] for r in rows} <= {"none", "severed", "suspended"}


def test_one_agreement_with_its_steps(runner) -> None:
    record = _json(runner, "agreements", "italy-1995-10-13-friendship-cooperation-treaty")
    assert isinstance(record, dict)
    assert (record["date"], record["place"], record["status"]) == ("1995-10-13", "Rome",
                                                                    "ratified")
    assert [step["step"] for step in record["steps"]] == ["ratified"]
    assert record["steps"][0]["law"] == "Italian Law no. 170 of 21 May 1998"


def test_a_partner_timeline_lists_its_agreements(runner) -> None:
    rows = _json(runner, "timeline", "italy", "--from", "1995", "--to", "1999")
    ids = [r["id"] for r in rows]
    assert "italy-1995-10-13-friendship-cooperation-treaty#signed" in ids
    assert "italy-1994-12-double-taxation-convention#in-force" in ids
    assert next(r for r in rows if r["id"].endswith("#in-force"))["date"] == "1999-12-21"
    without = _json(runner, "timeline", "italy", "--from", "1995", "--to", "1999",
                    "--no-agreements")
    assert not any("#" in r["id"] for r in without)
    # an agreement an event already tells is not listed twice
    pact = _json(runner, "timeline", "italy", "--from", "1926-11", "--to", "1926-11")
    assert [r["id"] for r in pact] == ["italy-1926-11-27-pact-of-tirana"]


def test_show_a_person(runner) -> None:
    record = _json(runner, "show", "enver-hoxha")
    assert record["name"] == "Enver Hoxha"
    offices = {t["office"] for t in record["tenures"]}
    assert {"party-leader", "head-of-government", "foreign-minister"} <= offices
    assert _json(runner, "show", "germany")["id"] == "germany"  # a country comes first


def test_completion_offers_person_ids(runner) -> None:
    result = runner.invoke([], env={"_ALBREL_COMPLETE": "complete_bash",
                                    "COMP_WORDS": "albrel people enver", "COMP_CWORD": "2",
                                    "ALBREL_DATA": str(SHIPPED)})
    assert result.stdout.split() == ["enver-hoxha"]


def test_a_visit_names_albanias_leaders_that_day(runner) -> None:
    rows = _json(runner, "timeline", "united-states", "--kind", "visit", "--to", "2000")
    baker = next(r for r in rows if r["date"] == "1991-06-22")
    assert baker["in_office"] == "Head of state: Ramiz Alia; head of government: Ylli Bufi"
    # not for a date less precise than a day, nor for other kinds
    assert all(r["in_office"] is None for r in _json(runner, "timeline", "italy", "--kind",
                                                      "war"))


def test_leaders_show_on_a_terminal_only_where_there_are_some(tmp_path) -> None:
    from .conftest import in_pty

    visits = in_pty(tmp_path, "timeline", "united-states", "--kind", "visit", "--to", "2000",
                    COLUMNS="120", NO_COLOR="1", TERM="xterm", ALBREL_DATA=str(SHIPPED))
    assert "Albania's leaders" in visits
    assert "Ramiz Alia" in visits
    wars = in_pty(tmp_path, "timeline", "italy", "--kind", "war", COLUMNS="120", NO_COLOR="1",
                  TERM="xterm", ALBREL_DATA=str(SHIPPED))
    assert "Albania's leaders" not in wars


def test_the_store_and_the_dataset_find_the_same_office_holders() -> None:
    from albrel_cli.load import check_file

    store, memory = open_catalog(SHIPPED), check_file(SHIPPED)
    assert type(store).__name__ == "IndexedStore"  # the shipped data is served by the store
    wanted = ["head-of-state", "head-of-government"]
    found = [p.id for p in store.people_in_office("albania", wanted)]
    assert found == [p.id for p in memory.people_in_office("albania", wanted)]
    assert {"ramiz-alia", "enver-hoxha", "edi-rama"} <= set(found)
    assert "ditmir-bushati" not in found  # a foreign minister only


def test_an_undated_tenure_is_not_stretched_over_a_gap_in_the_lists(runner) -> None:
    # no foreign minister the sources name took office between 1924 and 1936: none is claimed
    assert _json(runner, "people", "--role", "foreign-minister", "--as-of", "1930") == []
    # Turhan Përmeti's tenure from 1914-03-17 has no end, and the next minister named took
    # office in 1920: it ended at an unknown date, and counts only within its start
    rows = _json(runner, "people", "turhan-pasha-permeti")["tenures"]
    first = next(r for r in rows if r["office"] == "foreign-minister")
    assert (first["start"], first["until"], first["ended"]) == ("1914-03-17", None, True)
    assert _json(runner, "people", "--role", "foreign-minister", "--as-of", "1917") == []
    # a short gap is closed by the next holder: Omer Nishani's two spells as head of state
    spells = [r for r in _json(runner, "people", "omer-nishani")["tenures"]
              if r["office"] == "head-of-state"]
    assert spells[0]["until"] == spells[1]["start"]


def test_the_store_and_the_dataset_find_an_agreement_by_id() -> None:
    from albrel_cli.load import check_file

    wanted = "italy-1995-10-13-friendship-cooperation-treaty"
    for catalog in (open_catalog(SHIPPED), check_file(SHIPPED)):
        found = query.find_agreement(catalog, wanted)
        assert found is not None
        assert found.id == wanted
        assert query.find_agreement(catalog, "trade") is None


def test_show_says_what_was_searched_where_no_mission_is_recorded(runner) -> None:
    result = runner.invoke(["--data", str(SHIPPED), "show", "botswana"])
    assert result.exit_code == 0, result.stderr
    page = " ".join(result.stdout.split())
    assert "Missions none recorded" in page
    catalog = open_catalog(SHIPPED)
    searched = catalog.country("botswana").missions_searched
    assert " ".join(searched.split()) in page


def test_a_mission_closed_at_an_unknown_date_says_so_in_every_listing(runner) -> None:
    rows = _json(runner, "missions", "--country", "vietnam", "--all", "--side", "partner",
                 "--kind", "embassy")
    assert [(r["closed"], r["until"], r["is_closed"]) for r in rows] == [
        (None, "unknown", True)]
    lines = runner.invoke(["--data", str(SHIPPED), "missions", "--country", "vietnam", "--all",
                           "--side", "partner", "--kind", "embassy"]).stdout.splitlines()
    assert lines[0].split("\t")[6:] == ["until", "seen_open"]
    assert lines[1].split("\t")[6:] == ["unknown", rows[0]["seen_open"]]
    assert rows[0]["seen_open"].startswith(rows[0]["attested_from"])


MISSION_EVENT = re.compile(
    r"\b(opens?|closes?|upgrades?|upgraded)\b.*\b(embassy|legation|consulates?|office|agency)\b",
    re.IGNORECASE)
# Events about a mission that no mission links, and why
UNLINKED = {
    "estonia-2010-04-ansip-visit": "no source names the honorary consulate's city",
    "ukraine-2015-06-16-kharkiv-honorary-consulate": "dates the Kharkiv consulate a fortnight "
    "before the mission's source; both are kept, the mission's note cites the event",
    "slovenia-2024-05-22-pirc-musar-visit": "new premises of an embassy already open",
    "holy-see-2025-06-30-new-embassy-premises": "new premises of an embassy already open",
    "austria-1995-ada-office-tirana": "an aid agency's office, not a diplomatic mission",
}


def test_every_event_that_opens_or_closes_a_mission_dates_that_mission() -> None:
    """One fact, one place: an event saying a mission opened, closed or was raised is the
    opened_event or closed_event of a mission record (a decision to open one is not)."""
    catalog = open_catalog(SHIPPED)
    linked = {getattr(m, key) for c in catalog.all_countries() for m in c.missions
              for key in ("opened_event", "closed_event")}
    about_missions = [e for e in catalog.events_of() if MISSION_EVENT.search(e.title)
                      and not re.search(r"\bdecid|\bdecision|\bplans?\b", e.title, re.I)]
    assert len(about_missions) >= 25
    unlinked = {e.id for e in about_missions} - linked - set(UNLINKED)
    assert not unlinked, sorted(unlinked)
