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
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, ClassVar, Protocol

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


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


def date_text(date: PartialDate | None) -> str | None:
    """A date as its source gives it (``1922-04``), or None: what JSON, CSV and exports write."""
    return None if date is None else str(date)


def date_order(date: PartialDate | None) -> tuple[int, tuple[int, int, int]]:
    """How records sort by date: coarse before fine within a span, undated last."""
    return (1, (0, 0, 0)) if date is None else (0, date.sort_key)


class Region(str, Enum):
    africa = "Africa"
    americas = "Americas"
    asia = "Asia"
    europe = "Europe"
    oceania = "Oceania"


class Status(str, Enum):
    """The state of Albania's relations with a country today."""

    active = "active"
    severed = "severed"  # broken off by one side: the sources say severed, cut or broken
    suspended = "suspended"  # put on hold, with no break announced
    none = "none"  # never established
    former = "former"  # the state no longer exists
    unknown = "unknown"  # no source found says whether relations exist


NO_RELATIONS = (Status.none, Status.severed, Status.suspended)
"""The statuses of existing states with which Albania has no relations in force today."""


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
    suspended = "suspended"
    superseded = "superseded"
    terminated = "terminated"


class Topic(str, Enum):
    """What an agreement is about (``agreements --kind``)."""

    friendship = "friendship"
    political = "political"
    trade = "trade"
    economic = "economic"
    investment = "investment"
    taxation = "taxation"
    air_transport = "air-transport"
    road_transport = "road-transport"
    maritime = "maritime"
    social_security = "social-security"
    readmission = "readmission"
    visas = "visas"
    defence = "defence"
    culture_education = "culture-education"
    science = "science"
    police_justice = "police-justice"
    health = "health"
    energy = "energy"
    agriculture = "agriculture"
    environment = "environment"
    tourism = "tourism"
    association = "association"
    accession = "accession"
    other = "other"


class Step(str, Enum):
    """A stage of an agreement's life after its signing."""

    ratified = "ratified"
    in_force = "in-force"
    suspended = "suspended"
    superseded = "superseded"
    terminated = "terminated"


class MissionKind(str, Enum):
    embassy = "embassy"
    legation = "legation"
    consulate_general = "consulate-general"
    consulate = "consulate"
    honorary_consulate = "honorary-consulate"
    liaison_office = "liaison-office"
    interests_section = "interests-section"
    non_resident = "non-resident"  # accredited from an embassy in a third country


class Level(str, Enum):
    """The rank of a head of mission, as the Correlates of War codes it (3, 2, 1)."""

    ambassador = "ambassador"
    minister = "minister"  # envoy extraordinary and minister plenipotentiary (legations)
    charge = "charge"  # chargé d'affaires heading the mission


class Office(str, Enum):
    """An office a person held (``people --role``)."""

    head_of_state = "head-of-state"
    head_of_government = "head-of-government"
    foreign_minister = "foreign-minister"
    party_leader = "party-leader"
    ambassador = "ambassador"
    minister = "minister"
    charge = "charge"


class Side(str, Enum):
    """Whose mission it is (Albania's abroad, or the partner's serving Albania), or which
    party ratified an agreement."""

    albania = "albania"
    partner = "partner"


# --------------------------------------------------------------------------- records
#
# Each record kind is defined once, here. A field's metadata (``key``) says how it is written in
# the TOML dataset: its kind, whether it is required, which records it names, a one-line
# description and an example. The schema check (``schema``), the JSON and CSV keys
# (``render.to_record``) and the documents in docs/ are all derived from these definitions, so
# adding a field is one edit here plus its data. Fields are keyword-only, so they can stand in
# the order a reader expects (the order of the JSON keys) whether they are required or not.


def key(kind: str, doc: str, example: Any = None, *, required: bool = False,
        ref: str | None = None, enum: type[Enum] | None = None, of: type | None = None,
        detail: bool = False) -> dict[str, Any]:
    """The metadata of one field: how it is written in TOML and what it means.

    ``kind``: text, slug (an id), date, texts (an array of strings), enum, records (an array
    of tables of kind ``of``), iso2, iso3, int or bool. ``ref``: the kind of record the value
    names (sources, countries, people, organisations). ``detail``: shown by ``show`` but left
    out of listings.
    """
    return {"kind": kind, "doc": doc, "example": example, "required": required, "ref": ref,
            "enum": enum, "of": of, "detail": detail}


@dataclass(frozen=True, kw_only=True)
class Source:
    """A document a record rests on: its title, publisher, address and, for a seed, its file."""

    TOML_NAME: ClassVar[str] = "source"
    id: str = field(metadata=key("slug", "The id records cite it by.", "seed-russia",
                                 required=True))
    title: str = field(metadata=key("text", "Its title, as published.",
                                    "Albania–Russia relations", required=True))
    publisher: str = field(metadata=key("text", "Who published it.", "Wikipedia",
                                        required=True))
    url: str | None = field(default=None, metadata=key(
        "text", "Where it can be read.", "https://en.wikipedia.org/wiki/Albania%E2%80%93Russia_relations"))
    seed: str | None = field(default=None, metadata=key(
        "text", "The seed document's file name, for a seed.", "004_585accfd8715a167.txt"))
    published: PartialDate | None = field(default=None, metadata=key(
        "date", "When it was published, as precisely as it says.", "2025-03-21"))
    note: str | None = field(default=None, metadata=key(
        "text", "What albrel uses from it, in albrel's words.",
        "Gives 21 September 1993 as the start of relations."))


@dataclass(frozen=True, kw_only=True)
class RelationPeriod:
    """A span of diplomatic relations, with how it began and ended where the source says."""

    TOML_NAME: ClassVar[str] = "period"
    start: PartialDate | None = field(default=None, metadata=key(
        "date", "When relations began or were restored; left out when no source says.",
        "1924-04-07"))
    end: PartialDate | None = field(default=None, metadata=key(
        "date", "When they were broken, suspended or ended; left out while they run.",
        "1961-12"))
    ended: bool = field(default=False, metadata=key(
        "bool", "True when relations are known to have ended though no source dates the "
        "end.", True))
    start_how: str | None = field(default=None, metadata=key(
        "text", "How they began.", "Legations exchanged"))
    end_how: str | None = field(default=None, metadata=key(
        "text", "How they ended.", "Broken off by the Soviet Union"))
    source: str = field(metadata=key("slug", "The source of the period.", "seed-russia",
                                     required=True, ref="sources"))

    @property
    def is_open(self) -> bool:
        """Still running: no end date, and not known to have ended."""
        return self.end is None and not self.ended


class Boundary(str, Enum):
    """Which end of a relation period a disputed date belongs to."""

    start = "start"
    end = "end"


@dataclass(frozen=True, kw_only=True)
class DateClaim:
    """A date that another source gives for a period's start or end, kept where sources
    disagree. By default it is about the start of the first period (when relations began)."""

    TOML_NAME: ClassVar[str] = "alt_date"
    date: PartialDate = field(metadata=key("date", "The date this source gives.", "1924-04-09",
                                           required=True))
    source: str = field(metadata=key("slug", "The source that gives it.",
                                     "zh-wiki-albania-relations-list", required=True,
                                     ref="sources"))
    note: str | None = field(default=None, metadata=key(
        "text", "How it differs.", "The Chinese-language list gives 9 April 1924."))
    period: int = field(default=1, metadata=key(
        "int", "Which period it is about, counting from 1 (default 1).", 2))
    boundary: Boundary = field(default=Boundary.start, metadata=key(
        "enum", "Which end of that period (default start).", "end", enum=Boundary))


@dataclass(frozen=True, kw_only=True)
class Mission:
    """One spell of a diplomatic mission at one kind and level: Albania's for a partner, or
    the partner's serving Albania. A mission that closed and reopened, or a legation raised
    to an embassy, is two spells."""

    TOML_NAME: ClassVar[str] = "mission"
    id: str = field(metadata=key("slug", "A unique id.", "italy-partner-tirana-embassy",
                                 required=True))
    side: Side = field(metadata=key("enum", "Whose mission it is.", "albania", required=True,
                                    enum=Side))
    kind: MissionKind = field(metadata=key(
        "enum", "Embassy, legation, consulate, honorary consulate ... or non-resident "
        "(accredited from an embassy in a third country).", "embassy", required=True,
        enum=MissionKind))
    city: str = field(metadata=key(
        "text", "Where it sits; for a non-resident accreditation, the city of the embassy "
        "that covers the relation.", "Moscow", required=True))
    level: Level | None = field(default=None, metadata=key(
        "enum", "The head of mission's rank, where a source gives it.", "ambassador",
        enum=Level))
    opened: PartialDate | None = field(default=None, metadata=key(
        "date", "When it opened (or the accreditation began).", "2011"))
    opened_source: str | None = field(default=None, metadata=key(
        "slug", "The source of the opening date, when not the mission's own source.",
        "seed-russia", ref="sources"))
    closed: PartialDate | None = field(default=None, metadata=key(
        "date", "When it closed; left out while it is open.", "2017"))
    closed_source: str | None = field(default=None, metadata=key(
        "slug", "The source of the closing date, when not the mission's own source.",
        "seed-denmark", ref="sources"))
    ended: bool = field(default=False, metadata=key(
        "bool", "True when it is known to have closed though no source dates it.", True))
    attested_from: PartialDate | None = field(default=None, metadata=key(
        "date", "When no source dates the opening: the earliest date a source shows it open "
        "(an envoy's credentials, a report from the embassy).", "1972-12"))
    attested_until: PartialDate | None = field(default=None, metadata=key(
        "date", "When no source dates the closing: the latest date a source shows it open.",
        "1979-07"))
    attested_source: str | None = field(default=None, metadata=key(
        "slug", "The source of the attested dates, when not the mission's own source.",
        "seed-russia", ref="sources"))
    opened_event: str | None = field(default=None, metadata=key(
        "slug", "The event of its opening: its date is the opening date.",
        "japan-2005-11-albanian-embassy-tokyo"))
    closed_event: str | None = field(default=None, metadata=key(
        "slug", "The event of its closing: its date is the closing date.",
        "denmark-2017-embassy-tirana-closed"))
    searched: str | None = field(default=None, metadata=key(
        "text", "What was searched for a date that stays unknown.",
        "No source found dates the opening."))
    note: str | None = field(default=None, metadata=key(
        "text", "Anything else the source says about it.", "Reopened after the war."))
    source: str = field(metadata=key("slug", "The source.", "seed-russia", required=True,
                                     ref="sources"))
    other_sources: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "Further sources.", ["seed-foreign-relations"], ref="sources"))

    @property
    def is_closed(self) -> bool:
        return self.closed is not None or self.ended

    def open_during(self, first: _dt.date, last: _dt.date, today: _dt.date) -> bool:
        """Open at some time from ``first`` to ``last``, claiming no more than the sources:
        from its opening (else the first date a source shows it open, else the last, else
        its closing: it was open before it closed) to its closing; one known to have closed
        at an undated time, only up to the last date a source shows it open; one no source
        dates at all, only today (its sources describe it as it is now)."""
        begin = self.opened or self.attested_from or self.attested_until or self.closed
        if begin is None:
            return not self.is_closed and first <= today <= last
        if begin.earliest() > last:
            return False
        if self.closed is not None:
            return self.closed.latest() >= first
        if self.ended:
            return (self.attested_until or begin).latest() >= first
        return True


@dataclass(frozen=True, kw_only=True)
class Figure:
    """A number a source gives: diaspora size, an aid amount, troops stationed."""

    TOML_NAME: ClassVar[str] = "figure"
    label: str = field(metadata=key("text", "What is counted.", "Albanians in Denmark",
                                    required=True))
    value: str = field(metadata=key("text", "The number, as the source gives it.",
                                    "about 8,000", required=True))
    date: PartialDate | None = field(default=None, metadata=key(
        "date", "When it held.", "2020"))
    source: str = field(metadata=key("slug", "The source.", "seed-denmark", required=True,
                                     ref="sources"))


@dataclass(frozen=True, kw_only=True)
class Country:
    """A country Albania has, had or never had relations with, and what is known of them."""

    TOML_NAME: ClassVar[str] = "country"
    id: str = field(metadata=key("slug", "The id commands take and records cite.",
                                 "united-kingdom", required=True))
    name: str = field(metadata=key("text", "The English short name.", "United Kingdom",
                                   required=True))
    iso2: str | None = field(default=None, metadata=key(
        "iso2", "ISO 3166-1 alpha-2 code (Kosovo: XK).", "GB"))
    iso3: str | None = field(default=None, metadata=key(
        "iso3", "ISO 3166-1 alpha-3 code (Kosovo: XKX).", "GBR"))
    region: Region = field(metadata=key("enum", "The continent.", "Europe", required=True,
                                        enum=Region))
    status: Status = field(metadata=key("enum", "The state of relations today.", "active",
                                        required=True, enum=Status))
    aliases: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "Official, former and Albanian names.", ["UK", "Mbretëria e Bashkuar"]))
    summary: str = field(metadata=key("text", "The relation in a few sentences.",
                                      "Relations from 1921, broken 1939, restored 1991.",
                                      required=True))
    sources: tuple[str, ...] = field(metadata=key(
        "texts", "The sources of the record as a whole.", ["seed-foreign-relations"],
        required=True, ref="sources"))
    predecessors: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "States this one succeeded (their ids).", ["soviet-union"], ref="countries"))
    successors: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "States that succeeded this one (their ids).", ["russia"], ref="countries"))
    cow: int | None = field(default=None, metadata=key(
        "int", "Correlates of War state code (Albania: 339), for joining research data.",
        200))
    wikidata: str | None = field(default=None, metadata=key(
        "text", "Wikidata item id.", "Q145"))
    list_rank: int | None = field(default=None, metadata=key(
        "int", "Its row in the numbered list of the article 'Foreign relations of Albania'.",
        5))
    searched: str | None = field(default=None, metadata=key(
        "text", "What was searched for facts that stay unknown.",
        "No source found dates the start of relations."))
    missions_searched: str | None = field(default=None, metadata=key(
        "text", "What was searched for missions where none (or none before 1990) is recorded.",
        "The foreign ministry's embassy pages name no mission either way."))
    periods: tuple[RelationPeriod, ...] = field(default=(), metadata=key(
        "records", "Spans of relations, oldest first.", of=RelationPeriod, detail=True))
    alt_dates: tuple[DateClaim, ...] = field(default=(), metadata=key(
        "records", "Dates other sources give for a period's start or end.", of=DateClaim,
        detail=True))
    missions: tuple[Mission, ...] = field(default=(), metadata=key(
        "records", "Diplomatic missions on either side, each spell dated.", of=Mission,
        detail=True))
    figures: tuple[Figure, ...] = field(default=(), metadata=key(
        "records", "Numbers the sources give.", of=Figure, detail=True))

    @property
    def established(self) -> PartialDate | None:
        """When relations first began, as the first period's start says."""
        return self.periods[0].start if self.periods else None


@dataclass(frozen=True, kw_only=True)
class Event:
    """Something that happened between Albania and one or more countries or organisations."""

    TOML_NAME: ClassVar[str] = "event"
    id: str = field(metadata=key("slug", "A unique id.", "united-kingdom-1946-10-22-corfu",
                                 required=True))
    date: PartialDate | None = field(default=None, metadata=key(
        "date", "When it happened, as precisely as the source says.", "1946-10-22"))
    date_note: str | None = field(default=None, metadata=key(
        "text", "How the date was worked out, or why there is none.",
        "The source says 'last September'."))
    countries: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "The countries involved (ids); an event needs countries or orgs.",
        ["united-kingdom"], ref="countries"))
    orgs: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "The organisations involved (abbreviations).", ["NATO"],
        ref="organisations"))
    kind: EventKind = field(metadata=key("enum", "What sort of event it is.", "crisis",
                                         required=True, enum=EventKind))
    title: str = field(metadata=key("text", "A one-line title.",
                                    "Corfu Channel incident", required=True))
    summary: str = field(metadata=key("text", "What happened, in albrel's words.",
                                      "Two British destroyers hit mines.", required=True))
    people: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "The people involved (ids).", ["enver-hoxha"], ref="people"))
    place: str | None = field(default=None, metadata=key("text", "Where.", "Corfu Channel"))
    source: str = field(metadata=key("slug", "The source.", "ptb-kiwix-albania-uk-relations",
                                     required=True, ref="sources"))
    other_sources: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "Further sources, e.g. one giving another date (see date_note).",
        ["seed-foreign-relations"], ref="sources"))


@dataclass(frozen=True, kw_only=True)
class AgreementStep:
    """One dated stage of an agreement after its signing, with its source."""

    TOML_NAME: ClassVar[str] = "step"
    step: Step = field(metadata=key("enum", "Which stage.", "in-force", required=True,
                                    enum=Step))
    date: PartialDate | None = field(default=None, metadata=key(
        "date", "When, as precisely as the source says.", "1996-05-09"))
    party: Side | None = field(default=None, metadata=key(
        "enum", "For a ratification: which side ratified (both when left out).", "albania",
        enum=Side))
    law: str | None = field(default=None, metadata=key(
        "text", "The Albanian law that ratified it.", "Law No. 8108 of 28.3.1996"))
    superseded_by: str | None = field(default=None, metadata=key(
        "slug", "For superseded: the agreement that replaced it (its id).",
        "eu-2006-06-12-stabilisation-association-agreement"))
    source: str = field(metadata=key("slug", "The source.", "seed-russia", required=True,
                                     ref="sources"))
    note: str | None = field(default=None, metadata=key("text", "Anything else.",
                                                        "Applied provisionally from 2007."))


@dataclass(frozen=True, kw_only=True)
class Agreement:
    """A treaty, accord or memorandum Albania signed with one or more countries."""

    TOML_NAME: ClassVar[str] = "agreement"
    id: str = field(metadata=key("slug", "A unique id.", "italy-1926-11-27-pact-of-tirana",
                                 required=True))
    title: str = field(metadata=key("text", "Its title.", "Pact of Tirana", required=True))
    aliases: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "Its titles in the parties' languages, as sources spell them.",
        ["Pakti i Tiranës", "Patto di Tirana"]))
    date: PartialDate | None = field(default=None, metadata=key(
        "date", "When it was signed.", "1926-11-27"))
    countries: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "The parties (ids); an agreement needs countries or orgs.", ["italy"],
        ref="countries"))
    orgs: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "Organisations that are parties (abbreviations).", ["EU"],
        ref="organisations"))
    kind: AgreementKind = field(metadata=key("enum", "What form it takes.",
                                             "treaty", required=True, enum=AgreementKind))
    topics: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "What it is about: " + ", ".join(t.value for t in Topic) + ".",
        ["friendship", "defence"]))
    status: AgreementStatus | None = field(default=None, metadata=key(
        "enum", "Where it stands, when no dated step says (the steps decide otherwise).",
        "in force", enum=AgreementStatus))
    registration: str | None = field(default=None, metadata=key(
        "text", "Its number in a treaty series.", "UNTS vol. 2001, I-34345"))
    place: str | None = field(default=None, metadata=key("text", "Where it was signed.",
                                                         "Tirana"))
    summary: str | None = field(default=None, metadata=key(
        "text", "What it does, in albrel's words.", "Italy and Albania agree to ..."))
    people: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "The signatories (ids).", ["ahmet-zogu"], ref="people"))
    source: str = field(metadata=key("slug", "The source.", "pta-wiki-albania-italy",
                                     required=True, ref="sources"))
    other_sources: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "Further sources.", ["seed-foreign-relations"], ref="sources"))
    note: str | None = field(default=None, metadata=key(
        "text", "What sources disagree on, or anything else worth knowing.",
        "Another source dates the signing a day later."))
    steps: tuple[AgreementStep, ...] = field(default=(), metadata=key(
        "records", "Its life after signing: ratifications, entry into force, end.",
        of=AgreementStep, detail=True))

    def step_date(self, step: Step) -> PartialDate | None:
        """The date of the first step of this kind, if a source dates one."""
        return next((s.date for s in self.steps if s.step is step and s.date), None)

    @property
    def stepped_status(self) -> AgreementStatus | None:
        """The furthest stage its steps record, if any."""
        reached = {s.step for s in self.steps}
        for step, status in ((Step.terminated, AgreementStatus.terminated),
                             (Step.superseded, AgreementStatus.superseded),
                             (Step.suspended, AgreementStatus.suspended),
                             (Step.in_force, AgreementStatus.in_force),
                             (Step.ratified, AgreementStatus.ratified)):
            if step in reached:
                return status
        return None

    @property
    def current_status(self) -> AgreementStatus | None:
        """Where it stands: the furthest of its steps and its stored status (a source can
        say it ended without a date), else signed when it has a signing date."""
        known = [s for s in (self.stepped_status, self.status) if s is not None]
        if known:
            order = list(AgreementStatus)
            return max(known, key=order.index)
        return AgreementStatus.signed if self.date else None

    @property
    def end_date(self) -> PartialDate | None:
        """When it was terminated or superseded, if a step dates it."""
        ends = [s.date for s in self.steps
                if s.date and s.step in (Step.terminated, Step.superseded)]
        return min(ends) if ends else None

    def in_force_on(self, day: PartialDate) -> bool:
        """In force at some time within ``day``: entered into force by then and not ended
        before it began."""
        start, end = self.step_date(Step.in_force), self.end_date
        if start is None or start.earliest() > day.latest():
            return False
        return end is None or end.latest() >= day.earliest()


@dataclass(frozen=True, kw_only=True)
class Organisation:
    """An international organisation, and Albania's membership of it."""

    TOML_NAME: ClassVar[str] = "organisation"
    abbr: str = field(metadata=key("text", "Its abbreviation, which events cite.", "NATO",
                                   required=True))
    name: str = field(metadata=key("text", "Its full name.",
                                   "North Atlantic Treaty Organization", required=True))
    joined: PartialDate | None = field(default=None, metadata=key(
        "date", "When Albania joined; taken from joined_event when that is given.",
        "2009-04-01"))
    left: PartialDate | None = field(default=None, metadata=key(
        "date", "When Albania left; taken from left_event when that is given.", "1968-09-13"))
    joined_event: str | None = field(default=None, metadata=key(
        "slug", "The event of Albania's joining, whose date is the joining date.",
        "nato-2009-04-01-membership"))
    left_event: str | None = field(default=None, metadata=key(
        "slug", "The event of Albania's leaving, whose date is the leaving date.",
        "soviet-union-1968-warsaw-pact-withdrawal"))
    role: str | None = field(default=None, metadata=key("text", "Member, observer ...",
                                                        "member"))
    note: str | None = field(default=None, metadata=key(
        "text", "Anything else the sources say.", "Member since the Bucharest invitation."))
    sources: tuple[str, ...] = field(metadata=key(
        "texts", "The sources.", ["seed-foreign-relations"], required=True, ref="sources"))


@dataclass(frozen=True, kw_only=True)
class Tenure:
    """One spell of one office: who held it for which state, from when to when."""

    TOML_NAME: ClassVar[str] = "tenure"
    office: Office = field(metadata=key("enum", "The office.", "head-of-state",
                                        required=True, enum=Office))
    title: str = field(metadata=key("text", "The office as styled then.",
                                    "Chairman of the Presidium of the People's Assembly",
                                    required=True))
    state: str = field(metadata=key("slug", "Whose office: albania, or a country's id.",
                                    "albania", required=True))
    posted_to: str | None = field(default=None, metadata=key(
        "slug", "For an envoy: where accredited (a country's id, or albania).", "italy"))
    start: PartialDate | None = field(default=None, metadata=key(
        "date", "When it began.", "1982-11-22"))
    end: PartialDate | None = field(default=None, metadata=key(
        "date", "When it ended; left out while the office is held.", "1991-04-30"))
    acting: bool = field(default=False, metadata=key("bool", "An acting or interim holder.",
                                                     True))
    shared: bool = field(default=False, metadata=key(
        "bool", "Held together with others (a regency council, a collective presidency).",
        True))
    source: str = field(metadata=key("slug", "The source.", "seed-russia", required=True,
                                     ref="sources"))
    note: str | None = field(default=None, metadata=key(
        "text", "What the sources disagree on, or anything else.",
        "Another list dates the start a day later."))

    def held_on(self, day: PartialDate) -> bool:
        """Held at some time within ``day`` (an open end runs to today)."""
        if self.start is None or self.start.earliest() > day.latest():
            return False
        return self.end is None or self.end.latest() >= day.earliest()


@dataclass(frozen=True, kw_only=True)
class Person:
    """Someone named in events or agreements, with the roles the sources give."""

    TOML_NAME: ClassVar[str] = "person"
    id: str = field(metadata=key("slug", "The id events cite.", "enver-hoxha", required=True))
    name: str = field(metadata=key("text", "The name as usually written in English.",
                                   "Enver Hoxha", required=True))
    aliases: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "Other spellings, Albanian ones among them.", ["Nikita Hrushovi"]))
    nationality: str | None = field(default=None, metadata=key("text", "Whose citizen.",
                                                               "Albania"))
    roles: tuple[str, ...] = field(default=(), metadata=key(
        "texts", "Roles as events describe them, with years.",
        ["First Secretary of the Party of Labour"]))
    sources: tuple[str, ...] = field(metadata=key("texts", "The sources.", ["seed-russia"],
                                                  required=True, ref="sources"))
    tenures: tuple[Tenure, ...] = field(default=(), metadata=key(
        "records", "Offices held, each with its dates and source.", of=Tenure, detail=True))


RECORD_KINDS: dict[str, type[Any]] = {
    "sources": Source, "countries": Country, "events": Event, "agreements": Agreement,
    "organisations": Organisation, "people": Person,
}
"""The top-level tables of a dataset file and the record kind each holds."""


def cited_sources(record: Any) -> tuple[str, ...]:
    """The ids of the sources a record cites in its own fields (each nested record cites its
    own), once each, in field order: every field whose metadata refers to sources."""
    import dataclasses

    found: list[str] = []
    for one in dataclasses.fields(record):
        if one.metadata.get("ref") != "sources":
            continue
        value = getattr(record, one.name)
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, tuple):
            found.extend(value)
    return tuple(dict.fromkeys(found))


class Lookup(Protocol):
    """What rendering may ask of the data: the records behind ids, for names and sources.
    Every catalog is one; render depends on this, not on the catalog."""

    def country(self, id_: str) -> Country | None: ...

    def person(self, id_: str) -> Person | None: ...

    def source(self, id_: str) -> Source | None: ...


# --------------------------------------------------------------------------- query results
#
# Plain classes: no generated __eq__ or __repr__ and not frozen. Results are built and read,
# never compared or hashed, and each method ``dataclasses`` generates is compiled when the
# module is imported (about 5 ms of every run for these twelve); the records above keep theirs.


@dataclass(eq=False, repr=False)
class CountryDetail:
    """One country with everything that names it, and the states before and after it."""

    country: Country
    events: tuple[Event, ...]
    agreements: tuple[Agreement, ...]
    predecessors: tuple[Country, ...] = ()
    successors: tuple[Country, ...] = ()


@dataclass(eq=False, repr=False)
class PostedMission:
    """A mission with the country it concerns (``albrel missions``)."""

    country: Country
    mission: Mission


@dataclass(eq=False, repr=False)
class Holding:
    """One tenure with its holder (``albrel people``). ``until`` is the end the sources give,
    or for one of Albania's single-holder offices the start of the next holder's tenure;
    ``ended``: a later tenure of the office shows it ended, at a date no source gives."""

    person: Person
    tenure: Tenure
    until: PartialDate | None
    ended: bool = False


@dataclass(eq=False, repr=False)
class AgreementDetail:
    """One agreement with its whole life cycle (``agreements ID``)."""

    agreement: Agreement


@dataclass(eq=False, repr=False)
class PersonDetail:
    """A person, the offices they held and the events that name them."""

    person: Person
    holdings: tuple[Holding, ...]
    events: tuple[Event, ...]


@dataclass(eq=False, repr=False)
class Citation:
    """A record that cites a source: its kind, id and title, and the countries it is about."""

    type: str  # country, period, alt_date, mission, figure, event, agreement, org, person
    id: str
    title: str
    countries: tuple[str, ...] = ()


@dataclass(eq=False, repr=False)
class SourceUse:
    """A source and how many records cite it (``albrel sources``)."""

    source: Source
    cited: int


@dataclass(eq=False, repr=False)
class SourceDetail:
    """A source and every record that cites it (``albrel sources ID``)."""

    source: Source
    citations: tuple[Citation, ...]


@dataclass(eq=False, repr=False)
class Hit:
    """One search result: what it is, how well it matched, and the text that matched."""

    type: str
    id: str
    title: str
    date: PartialDate | None
    countries: tuple[str, ...]
    matched: str
    score: int


@dataclass(eq=False, repr=False)
class Stats:
    """Counts over the dataset, for the ``stats`` command."""

    by_region: tuple[tuple[str, int], ...]
    by_status: tuple[tuple[str, int], ...]
    per_decade: tuple[tuple[int, int], ...]  # (first year of the decade, countries established)
    undated: int  # countries with relations whose start no source dates


@dataclass(eq=False, repr=False)
class EventCounts:
    """Dated events counted per year or per decade (``timeline --chart``)."""

    by: str  # "year" or "decade"
    counts: tuple[tuple[int, int], ...]  # (year, or first year of the decade; events)
    undated: int


@dataclass(eq=False, repr=False)
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
