"""What the queries read (the ``Catalog`` protocol) and its in-memory backend (``Dataset``),
beside the indexed SQLite backend in ``store``; with the search documents both build.

A Dataset is the validated content of a data file, held in memory, with lookups by id built
once. It is what the parsed-data cache pickles.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, Protocol

from .model import (
    Agreement,
    Country,
    Event,
    Organisation,
    PartialDate,
    Person,
    Region,
    SearchDocument,
    Source,
    Status,
    Tenure,
    date_order,
)
from .text import fold


class Catalog(Protocol):
    """What the queries read: the in-memory Dataset, or an indexed store on disk that loads
    only the records a query asks for."""

    @property
    def origin(self) -> str: ...

    def all_countries(self) -> Sequence[Country]: ...
    def countries_where(self, region: Region | None = None,
                        status: Status | None = None) -> Sequence[Country]: ...
    def country(self, id_: str) -> Country | None: ...
    def countries_named(self, folded: str) -> Sequence[Country]: ...
    def countries_prefixed(self, folded: str) -> Sequence[Country]: ...
    def country_name_choices(self) -> Sequence[tuple[str, str]]: ...
    def events_of(self, country_ids: Collection[str] = ()) -> Sequence[Event]: ...
    def events_in_order(self, country_ids: Collection[str] = ()) -> Iterator[Event]: ...
    def agreements_of(self, country_id: str | None = None) -> Sequence[Agreement]: ...
    def all_organisations(self) -> Sequence[Organisation]: ...
    def all_people(self) -> Sequence[Person]: ...
    def all_sources(self) -> Sequence[Source]: ...
    def person(self, id_: str) -> Person | None: ...
    def agreement(self, id_: str) -> Agreement | None: ...
    def source(self, id_: str) -> Source | None: ...
    def documents(self, words: Sequence[Sequence[str]] = (), *, types: Collection[str] = (),
                  limit: int | None = None) -> Iterable[SearchDocument]: ...
    def people_named(self, folded: str) -> Sequence[Person]: ...
    def people_in_office(self, state: str, offices: Collection[str]) -> Sequence[Person]: ...
    def vocabulary(self) -> Collection[str]: ...


def _index(records: tuple[Any, ...], key: str) -> Mapping[str, Any]:
    return MappingProxyType({getattr(record, key): record for record in records})


def _word_patterns(words: Sequence[Sequence[str]]) -> list[re.Pattern[str]]:
    """One pattern per word: any of its spellings at the start of a word."""
    return [re.compile(r"\b(?:" + "|".join(re.escape(w) for w in options) + ")")
            for options in words]


@dataclass(frozen=True)
class Dataset:
    """Everything albrel knows, held in memory, with lookups by id built once."""

    sources: tuple[Source, ...] = ()
    countries: tuple[Country, ...] = ()
    events: tuple[Event, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    people: tuple[Person, ...] = ()
    origin: str = "<memory>"
    country_by_id: Mapping[str, Country] = field(init=False, repr=False, compare=False)
    person_by_id: Mapping[str, Person] = field(init=False, repr=False, compare=False)
    source_by_id: Mapping[str, Source] = field(init=False, repr=False, compare=False)
    # Folded names and search documents, built on first use and kept for this process only.
    _derived: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "country_by_id", _index(self.countries, "id"))
        object.__setattr__(self, "person_by_id", _index(self.people, "id"))
        object.__setattr__(self, "source_by_id", _index(self.sources, "id"))
        object.__setattr__(self, "_derived", {})

    def __getstate__(self) -> dict[str, Any]:
        # The lookups are derived; pickling them (a MappingProxyType cannot be) is unnecessary.
        return {item.name: getattr(self, item.name) for item in fields(self) if item.init}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self.__post_init__()

    # ------------------------------------------------------------------ the Catalog protocol

    def all_countries(self) -> Sequence[Country]:
        return self.countries

    def country(self, id_: str) -> Country | None:
        return self.country_by_id.get(id_)

    def _folded_names(self) -> list[tuple[str, Country]]:
        if "names" not in self._derived:
            self._derived["names"] = [(fold(name), country) for country in self.countries
                                      for name in country_names(country)]
        names: list[tuple[str, Country]] = self._derived["names"]
        return names

    def _documents(self) -> list[SearchDocument]:
        if "documents" not in self._derived:
            self._derived["documents"] = search_documents(self)
        documents: list[SearchDocument] = self._derived["documents"]
        return documents

    def countries_named(self, folded: str) -> Sequence[Country]:
        return _unique(c for name, c in self._folded_names() if name == folded)

    def countries_prefixed(self, folded: str) -> Sequence[Country]:
        return _unique(c for name, c in self._folded_names() if name.startswith(folded + " "))

    def country_name_choices(self) -> Sequence[tuple[str, str]]:
        return [(fold(name), country.name) for country in self.countries
                for name in (country.name, *country.aliases)]

    def countries_where(self, region: Region | None = None,
                        status: Status | None = None) -> Sequence[Country]:
        return [c for c in self.countries if (region is None or c.region == region)
                and (status is None or c.status == status)]

    def events_in_order(self, country_ids: Collection[str] = ()) -> Iterator[Event]:
        """Events oldest first, undated last, then by id: the timeline's order."""
        return iter(sorted(self.events_of(country_ids), key=event_order))

    def events_of(self, country_ids: Collection[str] = ()) -> Sequence[Event]:
        if not country_ids:
            return self.events
        wanted = set(country_ids)
        return [event for event in self.events if wanted.intersection(event.countries)]

    def agreements_of(self, country_id: str | None = None) -> Sequence[Agreement]:
        if country_id is None:
            return self.agreements
        return [a for a in self.agreements if country_id in a.countries]

    def all_organisations(self) -> Sequence[Organisation]:
        return self.organisations

    def all_people(self) -> Sequence[Person]:
        return self.people

    def all_sources(self) -> Sequence[Source]:
        return self.sources

    def people_in_office(self, state: str, offices: Collection[str]) -> Sequence[Person]:
        """The people who held one of ``offices`` (their values) of ``state``."""
        return [p for p in self.people
                if any(t.state == state and t.office.value in offices for t in p.tenures)]

    def person(self, id_: str) -> Person | None:
        return self.person_by_id.get(id_)

    def agreement(self, id_: str) -> Agreement | None:
        if "agreements" not in self._derived:  # indexed on first use: few runs ask
            self._derived["agreements"] = {a.id: a for a in self.agreements}
        found: Agreement | None = self._derived["agreements"].get(id_)
        return found

    def source(self, id_: str) -> Source | None:
        return self.source_by_id.get(id_)

    def documents(self, words: Sequence[Sequence[str]] = (), *, types: Collection[str] = (),
                  limit: int | None = None) -> Iterable[SearchDocument]:
        """The documents holding every word (any of its spellings) at a word start, of the
        given types. In memory every document is cheap to rank, so ``limit`` is not needed."""
        patterns = _word_patterns(words)
        for document in self._documents():
            if types and document.type not in types:
                continue
            text = document.folded
            # A substring test first: most documents fail it, and it is far quicker than the
            # word-start pattern (1.2 ms for all documents against 0.04 ms here).
            if all(any(w in text for w in options) for options in words) and all(
                    p.search(text) for p in patterns) and _in_one_column(document, patterns):
                yield document

    def people_named(self, folded: str) -> Sequence[Person]:
        """The people one of whose names or aliases, folded, is ``folded``."""
        if "people" not in self._derived:
            named: dict[str, list[Person]] = {}
            for person in self.people:
                for name in dict.fromkeys(fold(n) for n in (person.name, *person.aliases)):
                    named.setdefault(name, []).append(person)
            self._derived["people"] = named
        people: dict[str, list[Person]] = self._derived["people"]
        return people.get(folded, [])

    def vocabulary(self) -> Collection[str]:
        if "vocabulary" not in self._derived:
            self._derived["vocabulary"] = frozenset(" ".join(
                [text for document in self._documents() for _, text in document.fields]).split())
        words: frozenset[str] = self._derived["vocabulary"]
        return words


def _in_one_column(document: SearchDocument, patterns: Sequence[re.Pattern[str]]) -> bool:
    """Whether each pattern matches within the document's names or within its other texts,
    as the store's full-text index (a column of each) decides it: a phrase of the query
    (``visa free``) may not run from a name into a summary. Only a phrase needs the test."""
    if not any(" " in p.pattern for p in patterns):
        return True
    names = " ".join(folded for _, folded in document.fields[:document.names])
    other = " ".join(folded for _, folded in document.fields[document.names:])
    return all(p.search(names) or p.search(other) for p in patterns)


def event_order(event: Event) -> tuple[tuple[int, tuple[int, int, int]], str]:
    """The timeline's order: by date (``date_order``), then by id."""
    return date_order(event.date), event.id


def _unique(countries: Iterable[Country]) -> list[Country]:
    seen: dict[str, Country] = {}
    for country in countries:
        seen.setdefault(country.id, country)
    return list(seen.values())


def country_names(country: Country) -> tuple[str, ...]:
    """Every name a country answers to: id, name, ISO codes and aliases."""
    names = [country.id, country.name, *country.aliases]
    names += [code for code in (country.iso2, country.iso3) if code]
    return tuple(names)


def tenure_text(tenure: Tenure) -> str:
    """An office with its years, as search shows it: ``President of the Republic (1991-1992)``."""
    start = str(tenure.start.year) if tenure.start else "?"
    end = str(tenure.end.year) if tenure.end else ("" if tenure.start else "?")
    return f"{tenure.title} ({start}-{end})" if start != end else f"{tenure.title} ({start})"


def search_documents(dataset: Dataset) -> list[SearchDocument]:
    """Every record as a search document, with the texts a search looks at."""

    folded: dict[str, str] = {}  # texts that recur (countries, people, places), folded once

    def doc(kind: str, id_: str, title: str, date: PartialDate | None,
            countries: tuple[str, ...], texts: Iterable[str | None],
            aliases: Sequence[str] = ()) -> SearchDocument:
        names = [title, *aliases]
        fields = []
        for text in (*names, *texts):
            if text:
                if text not in folded:
                    folded[text] = fold(text)
                fields.append((text, folded[text]))
        return SearchDocument(kind, id_, title, date, countries, tuple(fields), len(names))

    def missions(country: Country) -> list[str]:
        return [f"{m.kind.value} in {m.city}" + (f" ({m.note})" if m.note else "")
                for m in country.missions]

    def names(ids: Iterable[str]) -> list[str]:
        return [dataset.person_by_id[i].name for i in ids if i in dataset.person_by_id]

    def countries(ids: Iterable[str]) -> list[str]:
        """The names of the countries a record concerns: a question names them even where
        its texts do not ("treaty of friendship Italy" for "the Italian Republic")."""
        return [dataset.country_by_id[i].name for i in ids if i in dataset.country_by_id]

    docs = [
        doc("country", c.id, c.name, c.established, (c.id,),
            [c.iso2, c.iso3, c.summary, *missions(c)], c.aliases)
        for c in dataset.countries
    ]
    docs += [
        doc("event", e.id, e.title, e.date, e.countries,
            [e.summary, e.place, *names(e.people), *countries(e.countries)])
        for e in dataset.events
    ]
    docs += [
        doc("agreement", a.id, a.title, a.date, a.countries,
            [a.summary, a.place, a.kind.value, *names(a.people), *countries(a.countries)])
        for a in dataset.agreements
    ]
    docs += [
        doc("person", p.id, p.name, None, tuple(sorted({t.posted_to or t.state
                                                        for t in p.tenures} - {"albania"})),
            [*map(tenure_text, p.tenures), *p.roles, p.nationality], p.aliases)
        for p in dataset.people
    ]
    docs += [
        doc("org", o.abbr, o.abbr, o.joined, (), [o.name, o.note, o.role])
        for o in dataset.organisations
    ]
    return docs
