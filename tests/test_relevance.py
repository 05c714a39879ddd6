"""Search understands the question: realistic questions asked of the shipped dataset, in
English and Albanian, misspelt, hyphenated or partial, each with the records that must come
back near the top. The set as a whole must hold for at least 90 % of the questions; the ones
that fail are listed, so a change in the ranking shows what it cost.

Measured on the shipped data of 2026-12-04: before issue 25's search work (stems, compounds,
synonyms, phrase and proximity boosts) the set held for 28 of its 52 questions (54 %); after
it, for 50 (96 %). The two it misses: "earthquake aid from Turkey" (the record speaks of homes,
not aid) and "Soviet Albanian split" (the records that say "Soviet-Albanian split" come first,
the break of relations in 1961 sixth)."""

from __future__ import annotations

from pathlib import Path

import pytest

from albrel_cli import query, store
from albrel_cli.catalog import Catalog
from albrel_cli.load import load_dataset, open_catalog
from albrel_cli.synonyms import STOP_WORDS, SYNONYMS
from albrel_cli.text import fold

from .conftest import SHIPPED

# (question, records that must all be among the first `top` hits, top)
QUESTIONS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    # the examples of issue 25
    ("Sino-Albanian split", ("china-1978-sino-albanian-relations-end",
                             "china-1978-07-29-open-letter-relations-interrupted"), 5),
    ("visa-free for Albanians", ("eu-2010-12-15-visa-liberalisation",), 3),
    ("visa-free", ("turkey-2010-02-02-visa-free-travel",), 5),
    ("visafree travel", ("turkey-2010-02-02-visa-free-travel",), 3),
    ("visa free EU", ("eu-2010-12-15-visa-liberalisation",), 3),
    ("visa liberalization", ("eu-2010-12-15-visa-liberalisation",), 3),
    ("recognise Kosovo", ("kosovo-2008-02-18-albania-recognises-independence",
                          "kosovo-1991-10-21-albania-recognises-the-republi"), 3),
    ("recognition of Kosovo independence", (
        "kosovo-2008-02-18-albania-recognises-independence",), 3),
    ("Albania recognized South Sudan", ("south-sudan-2011-recognition",), 3),
    ("Corfu Channel", ("united-kingdom-1946-10-22-corfu-channel-mines",), 5),
    ("Corfu Channel mines", ("united-kingdom-1946-10-22-corfu-channel-mines",), 3),
    ("corfu channel compensation", (
        "united-kingdom-1949-12-15-icj-compensation-judgment",), 3),
    ("Kruschev", ("nikita-khrushchev",), 3),
    ("Hrushov", ("nikita-khrushchev",), 3),
    ("Khrushchev visits Albania", ("soviet-union-1959-05-khrushchev-visits-albania",), 3),
    ("NATO membership", ("nato-2009-04-01-membership",), 5),
    ("when did Albania join NATO", ("nato-2009-04-01-membership",), 5),
    ("NATO accession protocols", ("nato-2008-07-09-accession-protocols",), 3),
    ("Warsaw Pact", ("Warsaw Pact",), 3),
    ("Albania leaves the Warsaw Pact", ("soviet-union-1968-warsaw-pact-withdrawal",), 3),
    ("treaty of friendship Italy", ("italy-1995-10-13-friendship-cooperation-treaty",), 3),
    ("friendship treaty with Greece", (
        "albania-greece-1996-treaty-of-peace-and-friendship",), 3),
    ("embassy Tokyo", ("japan-2005-11-albanian-embassy-tokyo",), 3),
    ("Japan embassy in Tirana", ("japan-2017-01-embassy-tirana-opens",), 3),
    # splits, breaks and ruptures
    ("Tito-Stalin split", ("soviet-union-1948-hoxha-backs-stalin-in-split",), 3),
    ("Soviet Albanian split", ("soviet-union-1961-12-relations-broken",), 5),
    ("break with Yugoslavia", ("yugoslavia-1948-07-break-with-belgrade",), 3),
    ("Yugoslavia broke off relations", ("yugoslavia-1999-04-18-relations-broken",), 3),
    ("rupture with Iran", ("iran-2022-09-07-relations-suspended",), 3),
    ("Iran cyber attack", ("iran-2022-07-15-cyberattack",), 3),
    ("cyberattacks", ("iran-2022-07-15-cyberattack",), 5),
    # wars, occupations, tragedies
    ("Italy invaded Albania", ("italy-1939-04-07-invasion",), 3),
    ("Italian invasion 1939", ("italy-1939-04-07-invasion",), 3),
    ("German occupation", ("germany-1943-09-09-german-invasion",), 5),
    ("Otranto tragedy", ("italy-1997-03-28-kater-i-rades",), 3),
    ("Kater i Rades", ("italy-1997-03-28-kater-i-rades",), 3),
    ("Operation Alba", ("italy-1997-04-15-operation-alba",), 3),
    ("Vlora ship Bari", ("italy-1991-08-08-vlora-ship",), 3),
    ("earthquake aid from Turkey", ("turkey-2019-11-29-earthquake-aid-pledge",), 3),
    # organisations
    ("admission to the United Nations", ("un-1955-12-14-admission",), 3),
    ("World Trade Organisation membership", ("wto-2000-09-08-membership",), 3),
    ("EU candidate status", ("eu-2014-06-27-candidate-status",), 3),
    ("Stabilization and Association Agreement", ("eu-2006-06-12-saa-signed",), 5),
    ("readmission agreement UK", ("united-kingdom-2003-10-14-readmission-agreement",), 3),
    ("double taxation Singapore", ("singapore-2010-11-23-dta-signed",), 3),
    ("double-taxation India", ("india-2013-07-08-double-taxation-signed",), 3),
    # Albanian
    ("Pakti i Dytë i Tiranës", ("italy-1927-11-22-second-pact-of-tirana",), 3),
    ("Protokolli i Korfuzit", ("greece-1914-05-17-protocol-of-corfu",), 3),
    ("Shtetet e Bashkuara", ("united-states",), 3),
    ("Belgjika", ("belgium",), 3),
    ("Hrushovi ne Shqiperi", ("soviet-union-1959-05-khrushchev-visits-albania",), 5),
    ("Japonia ambasada Tokio", ("japan-2005-11-albanian-embassy-tokyo",), 5),
)

TARGET = 0.9


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return open_catalog(SHIPPED)


def _misses(catalog: Catalog) -> list[str]:
    misses = []
    for text, wanted, top in QUESTIONS:
        found = [hit.id for hit in query.search(catalog, text, limit=top)]
        missing = [id_ for id_ in wanted if id_ not in found]
        if missing:
            misses.append(f"{text!r}: {', '.join(missing)} not in the top {top} {found}")
    return misses


def test_questions_are_numerous_and_name_real_records(shipped: Catalog) -> None:
    assert len(QUESTIONS) >= 40
    known = {hit.id for hit in query.search(shipped, "a", limit=None)} | {
        o.abbr for o in shipped.all_organisations()} | {
        c.id for c in shipped.all_countries()} | {p.id for p in shipped.all_people()}
    unknown = [id_ for _, wanted, _ in QUESTIONS for id_ in wanted if id_ not in known]
    assert not unknown


def test_search_answers_the_questions(shipped: Catalog) -> None:
    misses = _misses(shipped)
    share = 1 - len(misses) / len(QUESTIONS)
    assert share >= TARGET, (
        f"{share:.0%} of {len(QUESTIONS)} questions answered; missed:\n" + "\n".join(misses))


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    dataset = load_dataset(SHIPPED)
    location = Path(tmp_path_factory.mktemp("relevance")) / "shipped.sqlite"
    store.build(dataset, location, key="relevance")
    opened = store.IndexedStore.open(location, dataset.origin, "relevance")
    assert opened is not None
    return opened


def test_the_indexed_store_answers_the_same(shipped: Catalog, indexed: Catalog) -> None:
    """Both backends give the same hits, score for score, for every question."""
    different = []
    for text, _, top in QUESTIONS:
        in_memory = [(h.type, h.id, h.score) for h in query.search(shipped, text, limit=top)]
        from_store = [(h.type, h.id, h.score) for h in query.search(indexed, text, limit=top)]
        if in_memory != from_store:
            different.append(f"{text!r}: {in_memory} != {from_store}")
    assert not different, "\n".join(different)


@pytest.mark.parametrize(("one", "other", "top"), [
    ("visa-free", "visafree", 3), ("visa-free", "visa free", 5),
    ("cyber attack", "cyberattack", 5), ("recognise Kosovo", "recognize Kosovo", 2),
    ("liberalisation", "liberalization", 1), ("Khrushchev", "Hrushovi", 5),
])
def test_spellings_and_compounds_find_the_same_records(shipped: Catalog, one: str, other: str,
                                                       top: int) -> None:
    def found(text: str) -> set[str]:
        return {hit.id for hit in query.search(shipped, text, limit=top)}

    assert found(one) == found(other)


def test_the_synonym_table_is_folded_and_free_of_stop_words() -> None:
    for terms in SYNONYMS:
        assert len(terms) > 1
        for term in terms:
            assert term == fold(term)
            assert term not in STOP_WORDS
