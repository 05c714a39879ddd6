"""The shipped dataset: it loads, its references hold, its codes are real, and the real CLI
gives back key facts of every seed document."""

from __future__ import annotations

import itertools
import json
import re

import pycountry
import pytest

from albrel_cli.load import check_file
from albrel_cli.model import Status, cited_sources

from .conftest import DATA, SHIPPED

SEEDS = {
    "seed-belgium-embassy": "000_7d2a1969c58602b8.txt",
    "seed-foreign-relations": "001_1c21bd04d7b0840f.txt",
    "seed-kazakh-mfa": "002_dd5f8f3bafd57315.txt",
    "seed-denmark": "003_0ddf009ddf089988.txt",
    "seed-russia": "004_585accfd8715a167.txt",
}
# Not in ISO 3166-1: Kosovo uses the user-assigned XK / XKX that the EU and others use.
USER_ASSIGNED = {"kosovo": ("XK", "XKX")}
NO_ISO_CODE = {"sovereign-military-order-of-malta"}  # a sovereign entity without territory


@pytest.fixture(scope="module")
def shipped():
    return check_file(SHIPPED)


@pytest.fixture
def albrel(runner, monkeypatch):
    monkeypatch.setenv("ALBREL_DATA", str(SHIPPED))

    def run(*args: str):
        result = runner.invoke(list(args))
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout) if "--json" in args else result.stdout

    return run


def test_dataset_loads_and_is_sizeable(shipped) -> None:
    assert len(shipped.countries) >= 120
    assert len(shipped.events) >= 120
    assert len(shipped.agreements) >= 20
    assert len(shipped.organisations) >= 80
    assert len(shipped.people) >= 50


def test_every_seed_is_a_source(shipped) -> None:
    for source_id, seed in SEEDS.items():
        assert shipped.source_by_id[source_id].seed == seed


def test_every_source_is_cited(shipped) -> None:
    records = [*shipped.countries, *shipped.events, *shipped.agreements,
               *shipped.organisations, *shipped.people]
    records += [part for c in shipped.countries
                for part in (*c.periods, *c.alt_dates, *c.missions, *c.figures)]
    records += [step for a in shipped.agreements for step in a.steps]
    records += [tenure for p in shipped.people for tenure in p.tenures]
    cited = {source for record in records for source in cited_sources(record)}
    uncited = {s.id for s in shipped.sources} - cited
    assert not uncited, sorted(uncited)


def test_sources_have_urls_or_seeds(shipped) -> None:
    for source in shipped.sources:
        assert source.url or source.seed, source.id
        if source.url:
            assert re.match(r"https?://", source.url), source.id


def test_iso_codes_are_real_and_consistent(shipped) -> None:
    for country in shipped.countries:
        if country.status is Status.former or country.id in NO_ISO_CODE:
            assert country.iso2 is None, country.id
            continue
        if country.id in USER_ASSIGNED:
            assert (country.iso2, country.iso3) == USER_ASSIGNED[country.id]
            continue
        assert country.iso2, f"{country.id} has no ISO code"
        record = pycountry.countries.get(alpha_2=country.iso2)
        assert record is not None, country.id
        assert record.alpha_3 == country.iso3, country.id


def test_names_resolve_to_their_own_country(shipped) -> None:
    from albrel_cli import query

    for country in shipped.countries:
        for name in query.country_names(country):
            assert query.resolve_country(shipped, name).id == country.id, name


@pytest.mark.parametrize(("typed", "expected"), [
    ("UK", "united-kingdom"), ("USA", "united-states"), ("Macedonia", "north-macedonia"),
    ("Vatican", "holy-see"), ("Czechia", "czech-republic"), ("Türkiye", "turkey"),
    ("Russian Federation", "russia"), ("Republic of Korea", "south-korea"),
    ("Burma", "myanmar"), ("Greqia", "greece"), ("Italia", "italy"), ("Rusia", "russia"),
    ("Kosova", "kosovo"), ("Shtetet e Bashkuara", "united-states"),
    ("Mbretëria e Bashkuar", "united-kingdom"), ("Mbreteria e Bashkuar", "united-kingdom"),
])
def test_names_people_type(shipped, typed: str, expected: str) -> None:
    from albrel_cli import query

    assert query.resolve_country(shipped, typed).id == expected


def test_relation_statuses(shipped) -> None:
    by_id = shipped.country_by_id
    assert by_id["iran"].status is Status.severed  # cut by Albania: severed, not suspended
    assert str(by_id["iran"].periods[-1].end) == "2022-09-07"
    assert by_id["soviet-union"].status is Status.former
    none = [c.id for c in shipped.countries if c.status is Status.none]
    assert {"chad", "vanuatu", "uganda", "taiwan"} <= set(none)
    # on the 2008-2009 list of states without relations, and dated since by the article's list
    assert by_id["tuvalu"].status is Status.active
    assert str(by_id["tuvalu"].established) == "2011-06-01"


def test_seed_belgian_embassy_page(albrel) -> None:
    belgium = albrel("show", "belgium", "--json")
    assert belgium["established"] == "1924"
    titles = {a["title"] for a in belgium["agreements"]}
    assert any("double taxation" in t for t in titles)
    assert any("road transport" in t.lower() for t in titles)
    social = [a for a in belgium["agreements"] if "Social" in a["title"]]
    assert social[0]["date"] == "2013-12-09"
    assert "2012-12-06" in {e["date"] for e in belgium["events"]}
    hits = albrel("search", "Flahaut", "--json")
    assert ("person", "André Flahaut") in {(h["type"], h["title"]) for h in hits}


def test_seed_foreign_relations_article(albrel) -> None:
    turkey = albrel("agreements", "--country", "turkey", "--json")
    assert [a["date"] for a in turkey if "military" in a["title"].lower()] == ["1992-07-29"]
    orgs = {o["abbr"]: o for o in albrel("orgs", "--json")}
    assert orgs["UN"]["joined"] == "1955-12-14"
    assert orgs["NATO"]["joined"].startswith("2009")
    assert len(orgs) >= 80
    japan = albrel("show", "japan", "--json")
    assert [p["start"] for p in japan["periods"]] == ["1922-04", "1981-03"]
    greece = albrel("timeline", "greece", "--from", "1994", "--to", "1994", "--json")
    assert "1994-08" in {e["date"] for e in greece}
    none = albrel("countries", "--status", "none", "--json")
    assert len(none) >= 25


def test_seed_kazakh_press_release(albrel) -> None:
    events = albrel("timeline", "kazakhstan", "--json")
    dates = {e["date"] for e in events}
    assert "2025-03-21" in dates
    assert any(d and d.startswith("2023-09") for d in dates)
    hits = albrel("search", "Vassilenko", "--json")
    assert hits[0]["type"] == "person"
    missions = albrel("show", "kazakhstan", "--json")["missions"]
    assert any(m["city"] == "Tirana" and m["kind"] == "embassy" and m["opened"] == "2024"
               for m in missions)


def test_seed_denmark_article(albrel) -> None:
    denmark = albrel("show", "Danimarkë", "--json")
    assert denmark["established"].startswith("1970")
    assert [a["date"] for a in denmark["agreements"] if "rade" in a["title"]] == ["1971-06-23"]
    assert any(f["value"] == "about 8,000" for f in denmark["figures"])
    assert "2023-03" in {e["date"] for e in denmark["events"]}


def test_seed_russia_article(albrel) -> None:
    soviet = albrel("show", "USSR", "--json")
    assert [(p["start"], p["end"]) for p in soviet["periods"]] == [
        ("1924-04-07", "1939-04-07"), ("1945-11-10", "1961-12"), ("1990", "1991-12-26")]
    # where the sources disagree on a boundary, both dates are kept with their sources
    claims = {(c["period"], c["boundary"], c["date"]) for c in soviet["alt_dates"]}
    assert {(1, "start", "1924-04-09"), (2, "end", "1961-11-25")} <= claims
    russia = albrel("show", "russia", "--json")
    assert russia["predecessors"] == ["soviet-union"]
    assert [p["start"] for p in russia["predecessor_periods"]] == ["1924-04-07", "1945-11-10",
                                                                  "1990"]
    visit = albrel("timeline", "soviet union", "--from", "1959-05", "--to", "1959-05", "--json")
    assert any("Khrushchev" in e["title"] for e in visit)
    hits = albrel("search", "Kruschev", "--json")
    assert any("Khrushchev" in h["title"] for h in hits)


@pytest.mark.parametrize(("typed", "suggestions"), [
    ("Belgum", ("Belgium",)), ("Kazakstan", ("Kazakhstan",)), ("nowhere", ()),
    ("new zeland", ("New Zealand",)), ("mars", ()), ("narnia", ()),
])
def test_suggestions_for_misspelt_countries(shipped, typed: str, suggestions) -> None:
    from albrel_cli import query
    from albrel_cli.errors import UnknownCountryError

    with pytest.raises(UnknownCountryError) as caught:
        query.resolve_country(shipped, typed)
    assert caught.value.suggestions[:1] == suggestions  # the best first, or none at all
    if suggestions:  # a near miss does not drag in names that only share a word
        assert caught.value.suggestions == suggestions


def _un_members() -> list[str]:
    lines = (DATA / "un-members.txt").read_text(encoding="utf-8").splitlines()
    return [code for line in lines if not line.startswith("#") for code in line.split()]


UN_MEMBERS = _un_members()


def test_every_un_member_but_albania_once(shipped) -> None:
    assert len(set(UN_MEMBERS)) == 193
    codes = [c.iso3 for c in shipped.countries if c.iso3]
    assert len(codes) == len(set(codes))
    for code in UN_MEMBERS:
        expected = 0 if code == "ALB" else 1
        assert codes.count(code) == expected, code
    others = {"holy-see", "palestine", "kosovo", "taiwan", "sahrawi-arab-democratic-republic",
              "cook-islands", "niue", "sovereign-military-order-of-malta"}
    assert others <= set(shipped.country_by_id)
    assert len(shipped.countries) >= 195


def test_active_records_are_dated_or_say_what_was_searched(shipped) -> None:
    undated = [c for c in shipped.countries
               if c.status is Status.active and c.established is None]
    assert len(undated) <= 10, [c.id for c in undated]
    for country in undated:
        assert country.searched, country.id
    for country in shipped.countries:
        if country.status is Status.unknown:
            assert country.searched, country.id


def test_predecessor_links_point_both_ways(shipped) -> None:
    by_id = shipped.country_by_id
    pairs = {(before.id, after) for before in shipped.countries for after in before.successors}
    assert pairs == {(before, after.id) for after in shipped.countries
                     for before in after.predecessors}
    assert {("soviet-union", "russia"), ("yugoslavia", "serbia"),
            ("czechoslovakia", "czech-republic"), ("czechoslovakia", "slovakia"),
            ("east-germany", "germany"), ("austria-hungary", "austria"),
            ("austria-hungary", "hungary")} <= pairs
    assert {by_id[b].status for b, _ in pairs} == {Status.former}


def test_periods_are_ordered_and_do_not_overlap(shipped) -> None:
    for country in shipped.countries:
        dated = [p for p in country.periods if p.start]
        for earlier, later in itertools.pairwise(dated):
            assert earlier.start < later.start, country.id
            assert not earlier.is_open, f"{country.id}: a period before {later.start} never ends"
            if earlier.end:
                assert earlier.end <= later.start, country.id


def test_the_article_list_ranks_every_numbered_row(shipped) -> None:
    ranks = sorted(c.list_rank for c in shipped.countries if c.list_rank)
    assert ranks == list(range(1, 167))


# Hand-counted from the periods in data/relations.toml: a state is held "as of" a year when
# one of its periods covers some day of that year.
HELD_1939 = ["belgium", "bulgaria", "czechoslovakia", "france", "germany", "greece", "hungary",
             "italy", "japan", "kingdom-of-yugoslavia", "latvia", "poland", "romania",
             "soviet-union", "spain", "switzerland", "turkey", "united-kingdom",
             "united-states", "uruguay"]
HELD_1965 = ["algeria", "austria", "bulgaria", "china", "cuba", "czechoslovakia",
             "east-germany", "egypt", "ethiopia", "finland", "france", "ghana", "guinea",
             "hungary", "india", "iraq", "italy", "mali", "mauritania", "mongolia", "morocco",
             "north-korea", "pakistan", "poland", "romania", "somalia", "sudan", "switzerland",
             "turkey", "uruguay", "vietnam", "yugoslavia"]


def test_as_of_against_hand_counted_periods(albrel) -> None:
    assert [c["id"] for c in albrel("countries", "--as-of", "1939", "--json")] == HELD_1939
    assert [c["id"] for c in albrel("countries", "--as-of", "1965", "--json")] == HELD_1965
    in_1992 = {c["id"] for c in albrel("countries", "--as-of", "1992", "--json")}
    assert len(in_1992) == 137
    # the Soviet Union ended in 1991; Iran's suspension came in 2022; Turkey was restored in 1981
    assert {"russia", "iran", "turkey", "united-kingdom", "yugoslavia"} <= in_1992
    assert not {"soviet-union", "east-germany", "kosovo", "montenegro"} & in_1992


MAIN_PARTNERS = [
    ("italy",), ("greece",), ("united-states",), ("united-kingdom",),
    ("germany", "east-germany"), ("france",), ("turkey",), ("china",),
    ("soviet-union", "russia"), ("yugoslavia", "serbia"), ("kosovo",), ("north-macedonia",),
    ("montenegro",), ("austria", "austria-hungary"),
]


@pytest.mark.parametrize("ids", MAIN_PARTNERS, ids=lambda ids: "+".join(ids))
def test_main_partners_have_a_dated_timeline(shipped, ids: tuple[str, ...]) -> None:
    dated = {e.id for e in shipped.events if e.date and set(ids) & set(e.countries)}
    assert len(dated) >= 12, ids


# Partners whose timelines were sourced after the main ones, each event from a named page.
SECOND_CIRCLE = [
    ("bulgaria",), ("romania",), ("hungary",), ("poland",), ("czechoslovakia", "czech-republic"),
    ("japan",), ("india",), ("egypt",), ("israel",), ("vietnam",), ("saudi-arabia",),
    ("united-arab-emirates",), ("canada",), ("netherlands",), ("switzerland",), ("sweden",),
    ("spain",), ("croatia",), ("brazil",), ("mexico",), ("cuba",), ("bosnia-and-herzegovina",),
    ("slovenia",), ("slovakia",), ("norway",), ("finland",), ("portugal",), ("iran",),
    ("iraq",), ("kuwait",), ("estonia",), ("latvia",), ("lithuania",), ("luxembourg",),
    ("cyprus",), ("ukraine",), ("azerbaijan",), ("kazakhstan",), ("north-korea",),
    ("palestine",), ("cambodia",), ("afghanistan",), ("holy-see",),
]


@pytest.mark.parametrize("ids", SECOND_CIRCLE, ids=lambda ids: "+".join(ids))
def test_second_circle_partners_have_a_dated_timeline(shipped, ids: tuple[str, ...]) -> None:
    dated = [e for e in shipped.events if e.date and set(ids) & set(e.countries)]
    assert len(dated) >= 6, ids
    assert len({e.source for e in dated}) >= 3, ids  # not one page retold


def test_organisations_have_their_accession_stages(shipped) -> None:
    for abbr, least in (("NATO", 6), ("EU", 6), ("UN", 2), ("OSCE", 2), ("CoE", 2)):
        dated = [e for e in shipped.events if abbr in e.orgs and e.date]
        assert len(dated) >= least, abbr


def test_events_are_sourced_and_not_repeated(shipped) -> None:
    seen = set()
    for event in shipped.events:
        assert event.source in shipped.source_by_id
        for country in event.countries or event.orgs:
            key = (country, str(event.date), event.title.casefold())
            assert key not in seen, key
            seen.add(key)


def test_no_page_is_two_sources(shipped) -> None:
    """A page cited twice under two ids would split its citations (albrel sources ID)."""
    seen: dict[str, str] = {}
    for source in shipped.sources:
        if not source.url:
            continue
        page = source.url.rstrip("/").replace("http://", "https://").replace("://www.", "://")
        assert page not in seen, (seen.get(page), source.id)
        seen[page] = source.id
