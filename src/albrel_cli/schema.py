"""The dataset schema and its checks: walks a parsed TOML document with a record path,
converting values into the model and collecting every problem with its file, line and path.

Imported only when a data file is actually parsed (a cache miss or ``albrel validate``).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .catalog import Dataset
from .errors import DataError, Problem
from .model import (
    RECORD_KINDS,
    Agreement,
    AgreementStatus,
    Country,
    Event,
    Mission,
    MissionKind,
    Office,
    Organisation,
    PartialDate,
    Person,
    Topic,
)

_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO2_RE = re.compile(r"[A-Z]{2}")
_ISO3_RE = re.compile(r"[A-Z]{3}")
_MISSING = object()


# --------------------------------------------------------------------------- schema


@dataclass(frozen=True, slots=True)
class Field:
    """How one key of a record is checked and converted (from the model field's metadata)."""

    kind: str  # text | slug | date | texts | enum | records | iso2 | iso3 | int | bool
    required: bool = False
    enum: type[Enum] | None = None
    records: RecordSpec | None = None
    ref: str | None = None  # which kind of record the value names: sources, countries, people


@dataclass(frozen=True, slots=True)
class RecordSpec:
    """The fields of one kind of record, and the model class that builds it."""

    name: str
    build: Callable[..., Any]
    fields: dict[str, Field] = field(default_factory=dict)


def record_spec(cls: type[Any]) -> RecordSpec:
    """The schema of a record kind, read from its dataclass fields' metadata."""
    fields = {}
    for item in dataclasses.fields(cls):
        meta = item.metadata
        if "kind" not in meta:
            continue
        nested = record_spec(meta["of"]) if meta["kind"] == "records" else None
        fields[item.name] = Field(meta["kind"], meta["required"], meta["enum"], nested,
                                  meta["ref"])
    return RecordSpec(cls.TOML_NAME, cls, fields)


TOP_LEVEL = {table: record_spec(cls) for table, cls in RECORD_KINDS.items()}


# --------------------------------------------------------------------------- walker


@dataclass
class _Reference:
    """An id that must name an existing record, checked once the whole file is read."""

    kind: str
    value: str
    path: tuple[Any, ...]


class _Walker:
    """Walks the raw TOML dict, converting values and collecting problems with their paths."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.problems: list[tuple[tuple[Any, ...], str]] = []
        self.references: list[_Reference] = []

    def problem(self, path: tuple[Any, ...], message: str) -> None:
        self.problems.append((path, message))

    def records(self, raw: Any, spec: RecordSpec, path: tuple[Any, ...]) -> tuple[Any, ...]:
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.problem(path, f"must be an array of tables ([[{_dotted(path)}]])")
            return ()
        built = []
        for index, item in enumerate(raw):
            record = self.record(item, spec, (*path, index))
            if record is not None:
                built.append(record)
        return tuple(built)

    def record(self, raw: dict[str, Any], spec: RecordSpec, path: tuple[Any, ...]) -> Any:
        ok = True
        for key in raw:
            if key not in spec.fields:
                allowed = ", ".join(spec.fields)
                self.problem((*path, key), f"unknown key for a {spec.name} (allowed: {allowed}; "
                             f"see docs/dataset.md)")
                ok = False
        values: dict[str, Any] = {}
        for key, rule in spec.fields.items():
            value = raw.get(key, _MISSING)
            if value is _MISSING:
                if rule.required:
                    self.problem((*path, key), f"a {spec.name} needs '{key}'")
                    ok = False
                continue
            converted = self.value(value, rule, (*path, key))
            if converted is _MISSING:
                ok = False
            else:
                values[key] = converted
        if not ok:
            return None
        return spec.build(**values)

    def value(self, value: Any, rule: Field, path: tuple[Any, ...]) -> Any:
        kind = rule.kind
        if kind == "records":
            assert rule.records is not None
            return self.records(value, rule.records, path)
        if kind == "texts":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.problem(path, "must be an array of strings")
                return _MISSING
            texts = tuple(v.strip() for v in value)
            if any(not t for t in texts):
                self.problem(path, "holds an empty string")
                return _MISSING
            if rule.ref:
                for index, text in enumerate(texts):
                    self.references.append(_Reference(rule.ref, text, (*path, index)))
            return texts
        if kind == "bool":
            if not isinstance(value, bool):
                self.problem(path, f"must be true or false, not {_toml_type(value)}")
                return _MISSING
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                self.problem(path, f"must be a positive integer, not {_toml_type(value)}")
                return _MISSING
            return value
        if not isinstance(value, str):
            shown = "a date" if kind == "date" else "a string"
            hint = ' (quote it: "1924")' if kind == "date" else ""
            self.problem(path, f"must be {shown}, not {_toml_type(value)}{hint}")
            return _MISSING
        text = value.strip()
        if not text:
            self.problem(path, "is empty (leave the key out instead)")
            return _MISSING
        if kind == "date":
            try:
                return PartialDate.parse(text)
            except ValueError as exc:
                self.problem(path, str(exc))
                return _MISSING
        if kind == "enum":
            assert rule.enum is not None
            try:
                return rule.enum(text)
            except ValueError:
                allowed = ", ".join(member.value for member in rule.enum)
                self.problem(path, f"{text!r} is not one of: {allowed}")
                return _MISSING
        if kind == "slug" and not _SLUG_RE.fullmatch(text):
            self.problem(path, f"{text!r} is not an id (lowercase letters, digits and '-')")
            return _MISSING
        if kind == "iso2" and not _ISO2_RE.fullmatch(text):
            self.problem(path, f"{text!r} is not an ISO 3166 alpha-2 code (two capitals)")
            return _MISSING
        if kind == "iso3" and not _ISO3_RE.fullmatch(text):
            self.problem(path, f"{text!r} is not an ISO 3166 alpha-3 code (three capitals)")
            return _MISSING
        if rule.ref:
            self.references.append(_Reference(rule.ref, text, path))
        return text


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", list: "an array",
             dict: "a table"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a date/time" if hasattr(value, "isoformat") else type(value).__name__


def _dotted(path: Iterable[Any]) -> str:
    return ".".join(str(p) for p in path if not isinstance(p, int))


def format_path(path: tuple[Any, ...], raw: dict[str, Any] | None = None) -> str:
    """``countries[3].periods[0].start`` - with the record's id where it has one."""
    text = ""
    node: Any = raw
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            label = node.get("id") or node.get("abbr") if isinstance(node, dict) else None
            if isinstance(label, str) and len(path) > 1:
                text += f"({label})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text


class _Locator:
    """Finds the line of a record path by counting ``[[header]]`` lines in the text."""

    _HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.starts: dict[tuple[Any, ...], int] = {}
        top_counts: dict[str, int] = {}
        sub_counts: dict[tuple[Any, ...], int] = {}
        current: dict[str, tuple[Any, ...]] = {}
        for number, line in enumerate(self.lines, start=1):
            match = self._HEADER.match(line)
            if not match:
                continue
            parts = match[1].split(".")
            if len(parts) == 1:
                index = top_counts.get(parts[0], 0)
                top_counts[parts[0]] = index + 1
                key: tuple[Any, ...] = (parts[0], index)
                current[parts[0]] = key
            elif len(parts) == 2 and parts[0] in current:
                parent = current[parts[0]]
                index = sub_counts.get((*parent, parts[1]), 0)
                sub_counts[(*parent, parts[1])] = index + 1
                key = (*parent, parts[1], index)
            else:
                continue
            self.starts[key] = number

    def line(self, path: tuple[Any, ...]) -> int | None:
        for cut in range(len(path), 0, -1):
            start = self.starts.get(path[:cut])
            if start is None:
                continue
            rest = path[cut:]
            if rest and isinstance(rest[0], str):
                found = self._key_line(start, rest[0])
                if found is not None:
                    return found
            return start
        return None

    def _key_line(self, start: int, key: str) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start + 1, len(self.lines) + 1):
            text = self.lines[number - 1]
            if self._HEADER.match(text) or (text.lstrip().startswith("[") and "=" not in text):
                return None
            if pattern.match(text):
                return number
        return None


def _raw_list(raw: dict[str, Any], kind: str) -> list[Any]:
    value = raw.get(kind, [])
    return value if isinstance(value, list) else []


def _check_unique(walker: _Walker, kind: str, records: list[Any], attr: str) -> None:
    """Read from the raw records, so that a duplicate is reported even where another record
    of the same kind failed its own checks."""
    seen: dict[str, int] = {}
    for index, record in enumerate(records):
        value = record.get(attr) if isinstance(record, dict) else None
        if not isinstance(value, str):
            continue
        folded = value.casefold()
        if folded in seen:
            walker.problem((kind, index, attr),
                           f"duplicate {attr} {value!r} (first used by {kind}[{seen[folded]}])")
        else:
            seen[folded] = index


def _check_dates(walker: _Walker, countries: tuple[Country, ...]) -> None:
    for c_index, country in enumerate(countries):
        previous: PartialDate | None = None
        for p_index, period in enumerate(country.periods):
            path = ("countries", c_index, "periods", p_index)
            if period.start and period.end and period.end < period.start:
                walker.problem((*path, "end"),
                               f"ends ({period.end}) before it starts ({period.start})")
            if previous and period.start and period.start < previous:
                walker.problem((*path, "start"),
                               f"starts ({period.start}) before the period before it")
            previous = period.end or period.start or previous
        for a_index, claim in enumerate(country.alt_dates):
            if claim.period > len(country.periods):
                walker.problem(("countries", c_index, "alt_dates", a_index, "period"),
                               f"names period {claim.period}, but the country has "
                               f"{len(country.periods)}")


def _check_successions(walker: _Walker, countries: tuple[Country, ...]) -> None:
    """Predecessor and successor links name other states and point both ways; list ranks
    are unique."""
    by_id = {country.id: country for country in countries}
    for index, country in enumerate(countries):
        for key, back in (("predecessors", "successors"), ("successors", "predecessors")):
            for position, other_id in enumerate(getattr(country, key)):
                other = by_id.get(other_id)
                if other_id == country.id:
                    walker.problem(("countries", index, key, position),
                                   f"{country.id!r} cannot be its own {key[:-1]}")
                elif other is not None and country.id not in getattr(other, back):
                    walker.problem(("countries", index, key, position),
                                   f"names {other_id!r}, whose {back} do not name "
                                   f"{country.id!r} (links point both ways)")
    ranks: dict[int, int] = {}
    for index, country in enumerate(countries):
        if country.list_rank is None:
            continue
        if country.list_rank in ranks:
            walker.problem(("countries", index, "list_rank"),
                           f"duplicate list_rank {country.list_rank} "
                           f"(first used by countries[{ranks[country.list_rank]}])")
        else:
            ranks[country.list_rank] = index


_RESIDENT = (MissionKind.embassy, MissionKind.legation)


def _opens_without_relations(country: Country, opened: PartialDate) -> bool:
    """An embassy or legation that opens within no relation period, where no other source's
    date for a period's start (``alt_dates``) would put it within one."""
    def within(start: PartialDate | None, end: PartialDate | None) -> bool:
        return ((start is None or start.earliest() <= opened.latest())
                and (end is None or end.latest() >= opened.earliest()))

    if not country.periods:
        return False
    for index, period in enumerate(country.periods, 1):
        if (period.ended and period.end is None) or within(period.start, period.end):
            return False
        for claim in country.alt_dates:
            if claim.period == index and claim.boundary.value == "start" \
                    and within(claim.date, period.end):
                return False
    return True


def _check_missions(walker: _Walker, countries: tuple[Country, ...]) -> None:
    """Mission ids are unique across countries; a mission closes after it opens; an embassy
    or legation does not open while the relation periods say there were no relations."""
    seen: dict[str, tuple[Any, ...]] = {}
    for c_index, country in enumerate(countries):
        for m_index, mission in enumerate(country.missions):
            path = ("countries", c_index, "missions", m_index)
            if mission.id in seen:
                walker.problem((*path, "id"), f"duplicate mission id {mission.id!r} (first "
                               f"used by {format_path(seen[mission.id])})")
            seen.setdefault(mission.id, path)
            if (mission.opened and mission.closed
                    and mission.closed.latest() < mission.opened.earliest()):
                walker.problem((*path, "closed"), f"closes ({mission.closed}) before it "
                               f"opens ({mission.opened})")
            _check_attested(walker, path, mission)
            if (mission.opened and mission.kind in _RESIDENT
                    and _opens_without_relations(country, mission.opened)):
                walker.problem((*path, "opened"), f"opens ({mission.opened}) while the "
                               f"relation periods of {country.id!r} say there were no "
                               f"relations: date one of them, or keep the other date in "
                               f"alt_dates")


def _check_attested(walker: _Walker, path: tuple[Any, ...], mission: Mission) -> None:
    """Dates a source shows a mission open are in order and lie within its opening and
    closing; ``ended`` stands for a closing no source dates, so not beside a dated one; an
    ``attested_source`` needs attested dates."""
    seen_from, seen_until = mission.attested_from, mission.attested_until
    if seen_from and seen_until and seen_until.latest() < seen_from.earliest():
        walker.problem((*path, "attested_until"), f"is before attested_from ({seen_from})")
    for key, seen in (("attested_from", seen_from), ("attested_until", seen_until)):
        if seen is None:
            continue
        if mission.opened and seen.latest() < mission.opened.earliest():
            walker.problem((*path, key), f"({seen}) is before the opening ({mission.opened})")
        if mission.closed and seen.earliest() > mission.closed.latest():
            walker.problem((*path, key), f"({seen}) is after the closing ({mission.closed})")
    if mission.ended and mission.closed:
        walker.problem((*path, "ended"), "is for a closing no source dates, but this mission "
                       f"closed on {mission.closed}")
    if mission.attested_source and not (seen_from or seen_until):
        walker.problem((*path, "attested_source"), "has no attested_from or attested_until")


_TOPICS = {topic.value for topic in Topic}
_RANK = {status: rank for rank, status in enumerate(AgreementStatus)}


def _check_agreements(walker: _Walker, agreements: tuple[Agreement, ...]) -> None:
    """Parties given, topics known, steps after the signing, a stored status that its dated
    steps do not contradict, and replacements that exist."""
    ids = {agreement.id for agreement in agreements}
    for index, agreement in enumerate(agreements):
        path = ("agreements", index)
        if not agreement.countries and not agreement.orgs:
            walker.problem((*path, "countries"), "an agreement needs 'countries' or 'orgs'")
        for position, topic in enumerate(agreement.topics):
            if topic not in _TOPICS:
                walker.problem((*path, "topics", position),
                               f"{topic!r} is not one of: {', '.join(sorted(_TOPICS))}")
        for s_index, step in enumerate(agreement.steps):
            where = (*path, "steps", s_index)
            if step.date and agreement.date and step.date.latest() < agreement.date.earliest():
                walker.problem((*where, "date"), f"{step.step.value} ({step.date}) comes "
                               f"before the signing ({agreement.date})")
            if step.superseded_by and step.superseded_by not in ids:
                walker.problem((*where, "superseded_by"), f"names agreement "
                               f"{step.superseded_by!r}, which is not defined")
        stored, reached = agreement.status, agreement.stepped_status
        if stored is not None and reached is not None and _RANK[stored] < _RANK[reached]:
            walker.problem((*path, "status"), f"says {stored.value!r}, but its dated steps "
                           f"say {reached.value!r} (leave status out: the steps decide)")


_SOLE_OFFICES = (Office.head_of_state, Office.head_of_government, Office.foreign_minister,
                 Office.party_leader)


def _check_tenures(walker: _Walker, people: tuple[Person, ...], states: set[str]) -> None:
    """States named exist; a tenure ends after it begins; two holders of one of Albania's
    single-holder offices do not overlap unless one is shared or acting. A tenure with no end
    that a later one follows ended (at the latest) when that one began: only dated ends can
    overlap."""
    held: dict[Office, list[tuple[PartialDate, PartialDate | None, tuple[Any, ...], str]]] = {}
    for p_index, person in enumerate(people):
        for t_index, tenure in enumerate(person.tenures):
            path = ("people", p_index, "tenures", t_index)
            for key in ("state", "posted_to"):
                value = getattr(tenure, key)
                if value is not None and value != "albania" and value not in states:
                    walker.problem((*path, key), f"names {value!r}, which is neither albania "
                                   f"nor a country id")
            if tenure.start and tenure.end and tenure.end.latest() < tenure.start.earliest():
                walker.problem((*path, "end"), f"ends ({tenure.end}) before it starts "
                               f"({tenure.start})")
            if (tenure.state == "albania" and tenure.office in _SOLE_OFFICES
                    and tenure.start and not tenure.shared and not tenure.acting):
                held.setdefault(tenure.office, []).append(
                    (tenure.start, tenure.end, path, person.id))
    for office, spells in held.items():
        spells.sort(key=lambda spell: spell[0].sort_key)
        for before, after in itertools.pairwise(spells):
            end = before[1]
            if end is not None and end.earliest() > after[0].latest():
                walker.problem((*after[2], "start"), f"{office.value} from {after[0]} "
                               f"overlaps {before[3]}'s tenure ({before[0]} – "
                               f"{end or 'open'}); mark one shared or acting if the source "
                               f"says so")


def _event_link_problem(event_id: str, event: Event | None, about_it: bool, not_about: str,
                        written: PartialDate | None, what: str) -> str | None:
    """What is wrong with a record's link to the event that dates it: no such event, an event
    about something else, or a date written on the record too that the event contradicts."""
    if event is None:
        return f"names event {event_id!r}, which is not defined"
    if not about_it:
        return f"names event {event_id!r}, which {not_about}"
    if written is not None and event.date is not None and written != event.date:
        return (f"{what} is {written} here but {event.date} in event {event_id!r}: date it in "
                f"one place")
    return None


def _check_memberships(walker: _Walker, organisations: tuple[Organisation, ...],
                       events: tuple[Event, ...]) -> None:
    """An organisation's joining and leaving are dated once: by the linked event, which must
    exist, name the organisation and agree with a date also written on the organisation."""
    by_id = {event.id: event for event in events}
    for index, org in enumerate(organisations):
        for key, date in (("joined_event", org.joined), ("left_event", org.left)):
            event_id = getattr(org, key)
            if event_id is None:
                continue
            event = by_id.get(event_id)
            problem = _event_link_problem(
                event_id, event, event is not None and org.abbr in event.orgs,
                f"does not name {org.abbr!r} in its orgs", date, key.split("_")[0])
            if problem:
                walker.problem(("organisations", index, key), problem)


def _date_missions_by_events(walker: _Walker, countries: tuple[Country, ...],
                             events: tuple[Event, ...]) -> tuple[Country, ...]:
    """A mission's opening or closing linked to an event takes the event's date (one fact,
    one place); the event must exist and name the mission's country, and a date also written
    on the mission must agree with it."""
    by_id = {event.id: event for event in events}
    dated = []
    for c_index, country in enumerate(countries):
        missions = []
        for m_index, mission in enumerate(country.missions):
            changes: dict[str, Any] = {}
            for key, date_key in (("opened_event", "opened"), ("closed_event", "closed")):
                event_id = getattr(mission, key)
                if event_id is None:
                    continue
                event = by_id.get(event_id)
                problem = _event_link_problem(
                    event_id, event, event is not None and country.id in event.countries,
                    f"is not about {country.id!r}", getattr(mission, date_key), date_key)
                if problem:
                    walker.problem(("countries", c_index, "missions", m_index, key), problem)
                elif event is not None and event.date is not None:
                    changes[date_key] = event.date
            missions.append(dataclasses.replace(mission, **changes) if changes else mission)
        dated.append(dataclasses.replace(country, missions=tuple(missions))
                     if missions != list(country.missions) else country)
    return tuple(dated)


def build_dataset(raw: dict[str, Any], *, origin: str = "<memory>",
                  text: str | None = None) -> Dataset:
    """Check a parsed TOML document against the schema and build the Dataset.

    Raises DataError listing every problem; ``text`` (the file's text) lets problems carry
    line numbers.
    """
    walker = _Walker(origin)
    if not isinstance(raw, dict):
        raise DataError([Problem(origin, "", "must be a TOML table")])
    for key in raw:
        if key not in TOP_LEVEL:
            walker.problem((key,), f"unknown top-level key (allowed: {', '.join(TOP_LEVEL)})")
    if not raw.get("countries"):
        walker.problem(("countries",), "the file defines no countries ([[countries]])")
    built = {key: walker.records(raw.get(key, []), spec, (key,))
             for key, spec in TOP_LEVEL.items()}

    def complete(kind: str) -> bool:  # every record built, so indexes line up with the file
        return len(built[kind]) == len(_raw_list(raw, kind))

    for kind, attr in (("sources", "id"), ("countries", "id"), ("countries", "iso2"),
                       ("countries", "iso3"), ("countries", "wikidata"), ("events", "id"),
                       ("agreements", "id"),
                       ("organisations", "abbr"), ("people", "id")):
        _check_unique(walker, kind, _raw_list(raw, kind), attr)
    if complete("events") and complete("countries"):
        built["countries"] = _date_missions_by_events(walker, built["countries"],
                                                      built["events"])
    if complete("countries"):
        _check_dates(walker, built["countries"])
        _check_successions(walker, built["countries"])
        _check_missions(walker, built["countries"])
    if complete("agreements"):
        _check_agreements(walker, built["agreements"])
    if complete("people"):
        states = {c["id"] for c in _raw_list(raw, "countries")
                  if isinstance(c, dict) and isinstance(c.get("id"), str)}
        _check_tenures(walker, built["people"], states)
    if complete("events") and complete("organisations"):
        _check_memberships(walker, built["organisations"], built["events"])
    if complete("events"):
        for index, event in enumerate(built["events"]):
            if not event.countries and not event.orgs:
                walker.problem(("events", index, "countries"),
                               "an event needs 'countries' or 'orgs' (or both)")

    # Ids of records that failed their own checks still count, so that one broken record
    # does not also report every reference to it.
    known = {
        kind: {item[key] for item in _raw_list(raw, kind)
               if isinstance(item, dict) and isinstance(item.get(key), str)}
        for kind, key in (("sources", "id"), ("countries", "id"), ("people", "id"),
                          ("organisations", "abbr"))
    }
    for reference in walker.references:
        if reference.value not in known[reference.kind]:
            singular = {"sources": "source", "countries": "country", "people": "person",
                        "organisations": "organisation"}
            walker.problem(reference.path,
                           f"names {singular[reference.kind]} {reference.value!r}, "
                           f"which is not defined")

    if walker.problems:
        locator = _Locator(text) if text is not None else None
        problems = [
            Problem(origin, format_path(path, raw), message,
                    locator.line(path) if locator else None)
            for path, message in walker.problems
        ]
        raise DataError(problems)
    return Dataset(origin=origin, **built)
