from __future__ import annotations

import pytest

from albrel_cli import query
from albrel_cli.errors import InvalidQueryError, UnknownCountryError
from albrel_cli.model import EventKind, PartialDate, Region, Status

D = PartialDate.parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("belgium", "belgium"), ("Belgium", "belgium"), ("BE", "belgium"), ("bel", "belgium"),
        ("Kingdom of Belgium", "belgium"), ("Belgjika", "belgium"), ("  belgium ", "belgium"),
        ("TUR", "turkey"), ("Türkiye", "turkey"), ("turkiye", "turkey"), ("TURKIYE", "turkey"),
        ("ussr", "soviet-union"), ("Soviet Union", "soviet-union"),
        ("soviet-union", "soviet-union"),
        ("soviet", "soviet-union"),
    ],
)
def test_resolve_country_by_every_name(catalog, text: str, expected: str) -> None:
    assert query.resolve_country(catalog, text).id == expected


def test_unknown_country_suggests_the_closest(catalog) -> None:
    with pytest.raises(UnknownCountryError) as caught:
        query.resolve_country(catalog, "Belgum")
    assert caught.value.suggestions[0] == "Belgium"
    assert str(caught.value) == "no country matches 'Belgum'; did you mean 'Belgium'?"


def test_unknown_country_without_any_close_name(catalog) -> None:
    with pytest.raises(UnknownCountryError) as caught:
        query.resolve_country(catalog, "qqqqqqqq")
    assert str(caught.value) == (
        "no country 'qqqqqqqq' in the dataset (names, ISO codes and Albanian names are "
        "accepted; 'albrel countries' lists them all)")


@pytest.mark.parametrize(("text", "folded"), [
    ("Møller", "moller"), ("Xhaçka", "xhacka"), ("Shqipërisë", "shqiperise"),
    ("Søvndal", "sovndal"), ("Türkiye", "turkiye"), ("Đukanović", "dukanovic"),
    ("  Albania–Russia  ", "albania russia"), ("Hoxha's", "hoxhas"),
])
def test_fold_transliterates(text: str, folded: str) -> None:
    assert query.fold(text) == folded


def test_list_countries_filters(catalog) -> None:
    assert [c.id for c in query.list_countries(catalog)] == ["belgium", "soviet-union", "turkey"]
    assert [c.id for c in query.list_countries(catalog, region=Region.asia)] == ["turkey"]
    assert [c.id for c in query.list_countries(catalog, status=Status.former)] == ["soviet-union"]
    assert [c.id for c in query.list_countries(catalog, since=D("1924"))] == [
        "belgium", "soviet-union"]
    assert [c.id for c in query.list_countries(catalog, until=D("1923"))] == ["turkey"]


def test_range_follows_precision() -> None:
    assert query.in_range(D("1922-04"), D("1922"), D("1922"))
    assert query.in_range(D("2014-05-14"), D("2014-05"), D("2014-05"))
    assert not query.in_range(D("2014-06-01"), D("2014-05"), D("2014-05"))
    assert query.in_range(D("1922"), D("1922-06"), None)  # the year may include June
    assert not query.in_range(None, D("1922"), None)
    assert query.in_range(None, None, None)


def test_inverted_range_is_an_error(catalog) -> None:
    with pytest.raises(InvalidQueryError, match="1990 is before 2000"):
        query.timeline(catalog, since=D("2000"), until=D("1990"))


def test_timeline_orders_oldest_first_and_undated_last(catalog) -> None:
    assert [e.id for e in query.timeline(catalog)] == [
        "belgium-1924", "khrushchev-visit", "soviet-break", "bushati-reynders", "undated"]


def test_timeline_filters_by_country_kind_and_dates(catalog) -> None:
    soviet = query.resolve_country(catalog, "ussr")
    belgium = query.resolve_country(catalog, "belgium")
    assert [e.id for e in query.timeline(catalog, [soviet])] == ["khrushchev-visit", "soviet-break"]
    assert [e.id for e in query.timeline(catalog, [soviet, belgium], kinds=[EventKind.diplomatic])
            ] == ["belgium-1924", "soviet-break"]
    assert [e.id for e in query.timeline(catalog, since=D("1959"), until=D("1961"))] == [
        "khrushchev-visit", "soviet-break"]


def test_agreements_match_words_country_and_dates(catalog) -> None:
    belgium = query.resolve_country(catalog, "belgium")
    assert [a.id for a in query.agreements(catalog, country=belgium)] == [
        "belgium-social-protection", "belgium-double-taxation"]
    assert [a.id for a in query.agreements(catalog, "social")] == ["belgium-social-protection"]
    assert [a.id for a in query.agreements(catalog, "treaty")] == ["belgium-double-taxation"]
    assert [a.id for a in query.agreements(catalog, since=D("1990"), until=D("1999"))] == [
        "turkey-military-1992"]


def test_search_ranks_title_phrase_first(catalog) -> None:
    hits = query.search(catalog, "Khrushchev")
    assert [(h.type, h.id) for h in hits][:2] == [("person", "nikita-khrushchev"),
                                                  ("event", "khrushchev-visit")]


def test_search_tolerates_misspelt_names(catalog) -> None:
    hits = query.search(catalog, "Kruschev")
    assert {h.id for h in hits} >= {"nikita-khrushchev", "khrushchev-visit"}


def test_search_is_accent_insensitive_and_types_and_limit(catalog) -> None:
    assert [h.id for h in query.search(catalog, "turkiye", types=["country"])] == ["turkey"]
    assert [h.type for h in query.search(catalog, "un", types=["org"])] == ["org"]
    assert len(query.search(catalog, "a", limit=2)) == 2


def test_search_finds_people_through_their_events(catalog) -> None:
    hits = query.search(catalog, "bushati", types=["event"])
    assert [h.id for h in hits] == ["bushati-reynders"]


def test_empty_search_is_an_error(catalog) -> None:
    with pytest.raises(InvalidQueryError):
        query.search(catalog, " ?! ")


def test_stats_counts(catalog) -> None:
    result = query.stats(catalog)
    assert dict(result.by_region)["Europe"] == 2
    assert dict(result.by_status) == {"active": 2, "severed": 0, "suspended": 0, "none": 0,
                                      "former": 1, "unknown": 0}
    assert result.per_decade == ((1920, 3),)
    assert result.undated == 0


def test_country_detail_collects_events_and_agreements(catalog) -> None:
    detail = query.country_detail(catalog, query.resolve_country(catalog, "turkey"))
    assert [e.id for e in detail.events] == ["belgium-1924", "undated"]
    assert [a.id for a in detail.agreements] == ["turkey-military-1992"]


def test_search_finds_missions_by_city(catalog) -> None:
    hits = query.search(catalog, "embassy Brussels", types=["country"])
    assert [(h.id, h.matched) for h in hits] == [("belgium", "embassy in Brussels")]


def test_a_record_named_exactly_comes_before_mentions(catalog) -> None:
    hits = query.search(catalog, "Nikita Khrushchev")
    assert (hits[0].type, hits[0].id, hits[0].score) == ("person", "nikita-khrushchev", 100)
    assert all(h.score < 100 for h in hits[1:])
    # an alias names a country as well as its name does
    assert query.search(catalog, "Belgjika")[0].id == "belgium"
