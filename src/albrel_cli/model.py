"""The data model: frozen dataclasses with no I/O and no formatting.

Records are frozen but not slotted: a slotted frozen dataclass unpickles through a Python-level
``__setstate__`` per object, which made reading the parsed-data cache several times slower
(docs/benchmarks.md); without slots, pickle restores ``__dict__`` in C. That holds for
``PartialDate`` too, the most numerous record in the cache. Every record has a docstring: it
documents the model, and spares ``@dataclass`` building one from ``inspect.signature`` at
import (about 0.2 ms a class here).
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any, Protocol

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

# Letters that Unicode decomposition does not reduce to ASCII.
_TRANSLITERATE = str.maketrans({
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "đ": "d",
    "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "ı": "i",
    "ŀ": "l", "ħ": "h", "’": "'", "‘": "'",
})
_NON_WORD = re.compile(r"[^0-9a-z]+")
# The same for ASCII text: apostrophes dropped, anything but a letter or digit to a space.
_ASCII_WORDS = str.maketrans({
    chr(code): None if chr(code) == "'" else chr(code) if chr(code).isalnum() else " "
    for code in range(128)
})
_COMBINING = re.compile(r"[\u0300-\u036f]")


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def fold(text: str) -> str:
    """Lowercase ASCII words for matching: accents dropped, ``ø→o``, punctuation to spaces."""
    if text.isascii():  # most of the dataset's text: no decomposing, and no regex (2x faster)
        return " ".join(text.lower().translate(_ASCII_WORDS).split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    lowered = _COMBINING.sub("", decomposed).lower().replace("'", "")
    return _NON_WORD.sub(" ", lowered).strip()


class Precision(str, Enum):
    """How much of a date the source gives."""

    year = "year"
    month = "month"
    day = "day"


@dataclass(frozen=True)
class PartialDate:
    """A date only as precise as its source: ``1924``, ``1922-04`` or ``2013-12-09``.

    Dates order by what they say, coarse before fine within the same span:
    ``1922 < 1922-04 < 1922-04-01 < 1923``.  ``earliest()`` and ``latest()`` give the span a
    partial date covers, which is what range filters test.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if self.day is not None:
            last = _days_in(self.year, self.month)
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} is out of range for {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError otherwise."""
        match = _DATE_RE.fullmatch(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            return cls(year, month, day)  # type: ignore[arg-type]
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date ({exc})") from None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.day
        if self.month is not None:
            return Precision.month
        return Precision.year

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def earliest(self) -> _dt.date:
        """The first day this date may mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> _dt.date:
        """The last day this date may mean."""
        if self.day is not None:
            return _dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return _dt.date(self.year, month, _days_in(self.year, month))

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key <= other.sort_key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key > other.sort_key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key >= other.sort_key


class Region(str, Enum):
    africa = "Africa"
    americas = "Americas"
    asia = "Asia"
    europe = "Europe"
    oceania = "Oceania"


class Status(str, Enum):
    """The state of Albania's relations with a country today."""

    active = "active"
    severed = "severed"
    suspended = "suspended"
    none = "none"
    former = "former"
    unknown = "unknown"  # no source found says whether relations exist


class EventKind(str, Enum):
    visit = "visit"
    meeting = "meeting"
    consultation = "consultation"
    agreement = "agreement"
    diplomatic = "diplomatic"
    crisis = "crisis"
    aid = "aid"
    membership = "membership"
    statement = "statement"
    military = "military"
    economic = "economic"
    cultural = "cultural"
    sanction = "sanction"
    expulsion = "expulsion"
    vote = "vote"
    recognition = "recognition"
    break_ = "break"
    restoration = "restoration"
    war = "war"
    occupation = "occupation"
    dispute = "dispute"
    other = "other"


class AgreementKind(str, Enum):
    treaty = "treaty"
    agreement = "agreement"
    memorandum = "memorandum"
    protocol = "protocol"
    charter = "charter"
    convention = "convention"
    other = "other"


class AgreementStatus(str, Enum):
    proposed = "proposed"
    signed = "signed"
    awaiting_ratification = "awaiting ratification"
    ratified = "ratified"
    in_force = "in force"
    terminated = "terminated"


class Side(str, Enum):
    """Whose mission an embassy is: Albania's abroad, or the partner's in Albania."""

    albania = "albania"
    partner = "partner"


@dataclass(frozen=True)
class Source:
    """A document a record rests on: its title, publisher, address and, for a seed, its file."""

    id: str
    title: str
    publisher: str
    url: str | None = None
    seed: str | None = None
    published: PartialDate | None = None
    note: str | None = None


@dataclass(frozen=True)
class RelationPeriod:
    """A span of diplomatic relations, with how it began and ended where the source says."""

    source: str
    start: PartialDate | None = None
    end: PartialDate | None = None
    start_how: str | None = None
    end_how: str | None = None
    ended: bool = False  # known to have ended, though no source dates the end

    @property
    def is_open(self) -> bool:
        """Still running: no end date, and not known to have ended."""
        return self.end is None and not self.ended


class Boundary(str, Enum):
    """Which end of a relation period a disputed date belongs to."""

    start = "start"
    end = "end"


@dataclass(frozen=True)
class DateClaim:
    """A date that another source gives for a period's start or end, kept where sources
    disagree. By default it is about the start of the first period (when relations began)."""

    date: PartialDate
    source: str
    note: str | None = None
    period: int = 1  # which period, counting from 1
    boundary: Boundary = Boundary.start


@dataclass(frozen=True)
class Embassy:
    """A diplomatic mission: Albania's abroad, or the partner's in Albania."""

    side: Side
    city: str
    kind: str
    source: str
    opened: PartialDate | None = None
    note: str | None = None


@dataclass(frozen=True)
class Figure:
    """A number a source gives: diaspora size, an aid amount, troops stationed."""

    label: str
    value: str
    source: str
    date: PartialDate | None = None


@dataclass(frozen=True)
class Country:
    """A country Albania has, had or never had relations with, and what is known of them."""

    id: str
    name: str
    region: Region
    status: Status
    summary: str
    sources: tuple[str, ...]
    iso2: str | None = None
    iso3: str | None = None
    aliases: tuple[str, ...] = ()
    periods: tuple[RelationPeriod, ...] = ()
    alt_dates: tuple[DateClaim, ...] = ()
    embassies: tuple[Embassy, ...] = ()
    figures: tuple[Figure, ...] = ()
    predecessors: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()
    list_rank: int | None = None
    searched: str | None = None

    @property
    def established(self) -> PartialDate | None:
        """When relations first began, as the first period's start says."""
        return self.periods[0].start if self.periods else None


@dataclass(frozen=True)
class Event:
    """Something that happened between Albania and one or more countries."""

    id: str
    kind: EventKind
    title: str
    summary: str
    source: str
    countries: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    date: PartialDate | None = None
    date_note: str | None = None
    people: tuple[str, ...] = ()
    place: str | None = None
    other_sources: tuple[str, ...] = ()  # e.g. one that gives another date (see date_note)


@dataclass(frozen=True)
class Agreement:
    """A treaty, accord or memorandum Albania signed with one or more countries."""

    id: str
    title: str
    kind: AgreementKind
    countries: tuple[str, ...]
    source: str
    date: PartialDate | None = None
    place: str | None = None
    status: AgreementStatus | None = None
    summary: str | None = None
    people: tuple[str, ...] = ()
    other_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Organisation:
    """An international organisation, and Albania's membership of it."""

    abbr: str
    name: str
    sources: tuple[str, ...]
    joined: PartialDate | None = None
    left: PartialDate | None = None
    role: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Person:
    """Someone named in events or agreements, with the roles the sources give."""

    id: str
    name: str
    sources: tuple[str, ...]
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    nationality: str | None = None


# --------------------------------------------------------------------------- query results


@dataclass(frozen=True)
class CountryDetail:
    """One country with everything that names it, and the states before and after it."""

    country: Country
    events: tuple[Event, ...]
    agreements: tuple[Agreement, ...]
    predecessors: tuple[Country, ...] = ()
    successors: tuple[Country, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One search result: what it is, how well it matched, and the text that matched."""

    type: str
    id: str
    title: str
    date: PartialDate | None
    countries: tuple[str, ...]
    matched: str
    score: int


@dataclass(frozen=True)
class Stats:
    """Counts over the dataset, for the ``stats`` command."""

    by_region: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    per_decade: tuple[tuple[int, int], ...]  # (first year of the decade, countries established)
    undated: int  # countries with relations whose start no source dates


@dataclass(frozen=True)
class EventCounts:
    """Dated events counted per year or per decade (``timeline --chart``)."""

    by: str  # "year" or "decade"
    counts: tuple[tuple[int, int], ...]  # (year, or first year of the decade; events)
    undated: int


@dataclass(frozen=True)
class SearchDocument:
    """One searchable record: its identity, and its texts as (original, folded) pairs, the
    title first."""

    type: str
    id: str
    title: str
    date: PartialDate | None
    countries: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]
    names: int = 1  # how many of the first fields are the record's names (title, aliases)

    @property
    def folded(self) -> str:
        return " ".join(folded for _, folded in self.fields)


class Catalog(Protocol):
    """What the queries read: the in-memory Dataset, or an indexed store on disk that loads
    only the records a query asks for."""

    @property
    def origin(self) -> str: ...

    def all_countries(self) -> Sequence[Country]: ...
    def country(self, id_: str) -> Country | None: ...
    def countries_named(self, folded: str) -> Sequence[Country]: ...
    def countries_prefixed(self, folded: str) -> Sequence[Country]: ...
    def country_name_choices(self) -> Sequence[tuple[str, str]]: ...
    def events_of(self, country_ids: Collection[str] = ()) -> Sequence[Event]: ...
    def agreements_of(self, country_id: str | None = None) -> Sequence[Agreement]: ...
    def all_organisations(self) -> Sequence[Organisation]: ...
    def person(self, id_: str) -> Person | None: ...
    def source(self, id_: str) -> Source | None: ...
    def documents(self, words: Sequence[Sequence[str]] = ()) -> Iterable[SearchDocument]: ...
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
        return {
            name: getattr(self, name)
            for name in ("sources", "countries", "events", "agreements", "organisations",
                         "people", "origin")
        }

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

    def person(self, id_: str) -> Person | None:
        return self.person_by_id.get(id_)

    def source(self, id_: str) -> Source | None:
        return self.source_by_id.get(id_)

    def documents(self, words: Sequence[Sequence[str]] = ()) -> Iterable[SearchDocument]:
        patterns = _word_patterns(words)
        for document in self._documents():
            text = document.folded
            # A substring test first: most documents fail it, and it is far quicker than the
            # word-start pattern (1.2 ms for all documents against 0.04 ms here).
            if all(any(w in text for w in options) for options in words) and all(
                    p.search(text) for p in patterns):
                yield document

    def vocabulary(self) -> Collection[str]:
        return {word for document in self._documents() for word in document.folded.split()}


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


def search_documents(dataset: Dataset) -> list[SearchDocument]:
    """Every record as a search document, with the texts a search looks at."""

    def doc(kind: str, id_: str, title: str, date: PartialDate | None,
            countries: tuple[str, ...], texts: Iterable[str | None],
            aliases: Sequence[str] = ()) -> SearchDocument:
        names = [title, *aliases]
        fields = tuple((t, fold(t)) for t in (*names, *texts) if t)
        return SearchDocument(kind, id_, title, date, countries, fields, len(names))

    def missions(country: Country) -> list[str]:
        return [f"{e.kind} in {e.city}" + (f" ({e.note})" if e.note else "")
                for e in country.embassies]

    def names(ids: Iterable[str]) -> list[str]:
        return [dataset.person_by_id[i].name for i in ids if i in dataset.person_by_id]

    docs = [
        doc("country", c.id, c.name, c.established, (c.id,),
            [c.iso2, c.iso3, c.summary, *missions(c)], c.aliases)
        for c in dataset.countries
    ]
    docs += [
        doc("event", e.id, e.title, e.date, e.countries, [e.summary, e.place, *names(e.people)])
        for e in dataset.events
    ]
    docs += [
        doc("agreement", a.id, a.title, a.date, a.countries,
            [a.summary, a.place, a.kind.value, *names(a.people)])
        for a in dataset.agreements
    ]
    docs += [
        doc("person", p.id, p.name, None, (), [*p.roles, p.nationality], p.aliases)
        for p in dataset.people
    ]
    docs += [
        doc("org", o.abbr, o.abbr, o.joined, (), [o.name, o.note, o.role])
        for o in dataset.organisations
    ]
    return docs
