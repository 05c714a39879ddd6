"""Records as plain data: the one model -> dict mapping (``to_record``), the keys each kind
shows (derived from the record definitions in ``model``), and the listings' columns.

Every machine format is built from ``to_record``, so JSON, JSON Lines, CSV, Markdown and the
plain tab-separated lines share field names and date strings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from albrel_cli.model import (
    Agreement,
    AgreementDetail,
    AgreementStep,
    Country,
    CountryDetail,
    Event,
    Hit,
    Holding,
    Lookup,
    Mission,
    Organisation,
    PartialDate,
    Person,
    PersonDetail,
    PostedMission,
    RelationPeriod,
    Source,
    SourceDetail,
    SourceUse,
    Stats,
    Step,
    Tenure,
    date_text,
)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    md = "md"


class Expand(str, Enum):
    """What ``--expand`` writes out in each JSON record."""

    sources = "sources"


class Bucket(str, Enum):
    """The bars of ``timeline --chart``."""

    year = "year"
    decade = "decade"


class ExportFormat(str, Enum):
    """What ``albrel export`` writes."""

    sqlite = "sqlite"
    json = "json"
    csv = "csv"
    dyad_years = "dyad-years"


@dataclass(frozen=True)
class Column:
    """One column of a table: the record key it shows and its heading.

    ``wrap``: long text wraps at spaces (a date or an abbreviation is never wrapped);
    ``weight``: how much of the width a column keeps when the table must give way;
    ``unless``: a key whose value the cell would repeat, left blank then (a search hit's
    matched text when it is the title); ``most``: a list of more names than this is folded
    to its first ones "and N others" (the full list stays in JSON and CSV); ``optional``:
    shown in a terminal table only when a record has a value, and left out of tab-separated
    lines and Markdown (JSON and CSV keep the key).
    """

    key: str
    heading: str
    wrap: bool = True
    weight: int = 1
    unless: str | None = None
    most: int = 0
    optional: bool = False


@dataclass(frozen=True)
class Listing:
    """What a listing shows: the table columns, and every field of its records (CSV header)."""

    columns: tuple[Column, ...]
    fields: tuple[str, ...]
    cites: bool = False  # its records cite sources: a terminal table numbers them as notes
    narrowed: bool = False  # --fields chose some of the records' keys
    header: bool = True  # tab-separated lines and CSV start with a row of the keys


def select(listing: Listing, names: Sequence[str]) -> Listing:
    """The listing narrowed to some of its fields (``--fields``), in the order given; a table
    shows them as its columns. ValueError names the fields there are when one is not."""
    if not names:
        raise ValueError(f"no field given; the fields are: {', '.join(listing.fields)}")
    unknown = [name for name in names if name not in listing.fields]
    if unknown:
        wrong = ", ".join(repr(name) for name in unknown)
        raise ValueError(f"unknown field {wrong}; the fields are: {', '.join(listing.fields)}")
    headings = {column.key: column for column in listing.columns}
    columns = tuple(headings.get(name, Column(name, name)) for name in names)
    return Listing(columns, tuple(dict.fromkeys(names)), cites=False, narrowed=True)


# --------------------------------------------------------------------------- records
#
# The keys of a record come from its model definition (the fields with TOML metadata, in their
# order), plus the few keys a record shows that it does not store: each is added after a
# given key. So a field added to the model appears in JSON, JSON Lines, CSV and docs/json.md
# without an edit here.

Extra = Callable[[Any, "Lookup | None"], Any]


@dataclass(frozen=True)
class Derived:
    """A key a record shows but does not store: where it stands, how it is worked out, and
    what it holds (for docs/json.md)."""

    name: str
    after: str  # the key it follows
    compute: Extra
    type: str
    nullable: bool
    doc: str


DERIVED: dict[type[Any], tuple[Derived, ...]] = {
    Country: (Derived("established", "status", lambda c, _: date_text(c.established), "date", True,
                      "When relations first began: the start of the first period."),),
    Event: (Derived("country", "orgs", lambda e, ds: _country_names(ds, e.countries, e.orgs),
                    "string", True, "The countries' names and the organisations, joined."),
            Derived("in_office", "people", lambda e, ds: _in_office(ds, e), "string", True,
                    "For a visit, meeting, consultation or agreement dated to the day: who "
                    "was Albania's head of state and head of government that day, unless "
                    "the event names them already (timeline and show).")),
    Agreement: (Derived("country", "orgs",
                        lambda a, ds: _country_names(ds, a.countries, a.orgs), "string", True,
                        "The parties' names and organisations, joined."),
                Derived("in_force", "status",
                        lambda a, _: date_text(a.step_date(Step.in_force)), "date", True,
                        "When it entered into force, by its dated steps."),
                Derived("ended", "in_force", lambda a, _: date_text(a.end_date), "date",
                        True, "When it was terminated or superseded, by its dated steps.")),
    Mission: (Derived("until", "closed", lambda m, _: _mission_until(m), "string", True,
                      "The closing date; 'unknown' once it has closed at a date no source "
                      "gives; null while it is open."),
              Derived("is_closed", "ended", lambda m, _: m.is_closed, "boolean", False,
                      "True once it has closed, whether or not a source dates the closing."),
              Derived("seen_open", "attested_source", lambda m, _: _seen_open(m), "string",
                      True, "The attested dates as a span: '1972-12 – 1979-07', "
                      "'1985 – ' while it is open.")),
    Organisation: (Derived("status", "left",
                           lambda o, _: "left" if o.left else (o.role or "member"), "string",
                           False, "left once Albania has left; else its role (member, "
                           "observer, partner ...)."),),
}
SHOWN: dict[tuple[type[Any], str], Extra] = {
    (RelationPeriod, "ended"): lambda p, _: not p.is_open,  # true for a dated end too
    (Event, "people"): lambda e, ds: _names(ds, e.people),
    (Agreement, "people"): lambda a, ds: _names(ds, a.people),
    (Agreement, "status"): lambda a, _: _plain(a.current_status),
}
"""Stored keys shown differently: an ended flag for every period that is over; people's
names instead of their ids; an agreement's status as its dated steps decide it."""


_STORED: dict[tuple[type[Any], bool], tuple[str, ...]] = {}


def stored_fields(cls: type[Any], *, detail: bool = False) -> tuple[str, ...]:
    """The fields of a record kind that a file stores, in order (``detail``: with the nested
    tables that only ``show`` prints). Asked once per record written, so remembered."""
    fields = _STORED.get((cls, detail))
    if fields is None:
        fields = _STORED[cls, detail] = tuple(
            f.name for f in dataclasses.fields(cls)
            if "kind" in f.metadata and (detail or not f.metadata["detail"]))
    return fields


def record_keys(cls: type[Any], *, detail: bool = False) -> tuple[str, ...]:
    """The keys of a record kind in JSON, JSON Lines and CSV, in order."""
    keys = list(stored_fields(cls, detail=detail))
    for derived in DERIVED.get(cls, ()):
        keys.insert(keys.index(derived.after) + 1, derived.name)
    return tuple(keys)


def _mission_until(mission: Mission) -> str | None:
    return date_text(mission.closed) or ("unknown" if mission.ended else None)


def _seen_open(mission: Mission) -> str | None:
    if mission.attested_from is None and mission.attested_until is None:
        return None
    return (f"{date_text(mission.attested_from) or '?'} – "
            f"{date_text(mission.attested_until) or ''}").rstrip()


def _plain(value: Any) -> Any:
    if value is None or type(value) is str:  # most values: nothing to convert
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return model_record(value, None, detail=False)
    return value


_DERIVED_AFTER: dict[type[Any], dict[str, list[tuple[str, Extra]]]] = {}


def _derived_after(cls: type[Any]) -> dict[str, list[tuple[str, Extra]]]:
    """The derived keys of a record kind, by the stored key they follow, a derived key
    following another in a chain (remembered)."""
    if cls not in _DERIVED_AFTER:
        chains: dict[str, list[tuple[str, Extra]]] = {}
        for d in DERIVED.get(cls, ()):
            anchor = d.after
            while anchor not in stored_fields(cls, detail=True) and anchor not in chains:
                anchor = next(e.after for e in DERIVED[cls] if e.name == anchor)
            chains.setdefault(anchor, []).append((d.name, d.compute))
        _DERIVED_AFTER[cls] = chains
    return _DERIVED_AFTER[cls]


def model_record(obj: Any, dataset: Lookup | None, *, detail: bool) -> dict[str, Any]:
    cls = type(obj)
    record: dict[str, Any] = {}
    extras = _derived_after(cls)
    for name in stored_fields(cls, detail=detail):
        shown = SHOWN.get((cls, name))
        record[name] = shown(obj, dataset) if shown else _plain(getattr(obj, name))
        for key_name, extra in extras.get(name, ()):
            record[key_name] = extra(obj, dataset)
    return record


COUNTRIES = Listing(
    (Column("id", "ID"), Column("name", "Country"), Column("region", "Region"),
     Column("status", "Status"), Column("established", "Since", wrap=False)),
    record_keys(Country),
)
TIMELINE = Listing(
    (Column("date", "Date", wrap=False), Column("country", "Countries", most=3),
     Column("kind", "Kind"), Column("title", "Event", weight=2),
     Column("in_office", "Albania's leaders", optional=True)),
    record_keys(Event),
    cites=True,
)
AGREEMENTS = Listing(
    (Column("date", "Signed", wrap=False), Column("country", "Countries", most=3),
     Column("kind", "Kind"), Column("title", "Agreement", weight=2), Column("status", "Status")),
    record_keys(Agreement),
    cites=True,
)
STEPS = Listing(
    (Column("step", "Step"), Column("date", "Date", wrap=False), Column("party", "Party"),
     Column("law", "Law"), Column("note", "Note", weight=2)),
    record_keys(AgreementStep),
    cites=True,
)
MISSIONS = Listing(
    (Column("country", "Country"), Column("side", "Side", wrap=False),
     Column("kind", "Kind"), Column("city", "City"), Column("level", "Level"),
     Column("opened", "Opened", wrap=False), Column("until", "Closed", wrap=False),
     Column("seen_open", "Seen open")),
    ("country_id", "country", *record_keys(Mission)),
    cites=True,
)
PEOPLE = Listing(
    (Column("start", "From", wrap=False), Column("until", "Until", wrap=False),
     Column("name", "Name"), Column("office", "Office"), Column("title", "Title", weight=2),
     Column("state", "State", wrap=False), Column("posted_to", "Posted to", wrap=False)),
    ("person", "name", *record_keys(Tenure), "until", "ended"),
    cites=True,
)
SOURCES = Listing(
    (Column("id", "ID", wrap=False), Column("title", "Title", weight=2),
     Column("publisher", "Publisher"), Column("cited", "Cited", wrap=False)),
    (*record_keys(Source), "cited"),
)
SOURCE_DETAIL = Listing(SOURCES.columns, (*SOURCES.fields, "cited_by"))
"""``sources ID``: the source and every record that cites it."""
PERSON_DETAIL = Listing(
    (Column("id", "ID", wrap=False), Column("name", "Name"), Column("roles", "Roles")),
    (*record_keys(Person), "tenures", "events"),
)
"""``people PERSON`` in a machine format: the person with their tenures and events."""
SEARCH = Listing(
    (Column("type", "Type"), Column("date", "Date", wrap=False), Column("title", "Title", weight=2),
     Column("country", "Country", most=3), Column("matched", "Matched", weight=2, unless="title")),
    ("type", "id", "date", "title", "country", "countries", "matched", "score"),
)
ORGS = Listing(
    (Column("abbr", "Abbr", wrap=False), Column("name", "Organisation", weight=2),
     Column("joined", "Joined", wrap=False), Column("left", "Left", wrap=False),
     Column("status", "Status")),
    record_keys(Organisation),
)
YEARS = Listing(
    (Column("year", "Year", wrap=False), Column("count", "Events", wrap=False)),
    ("year", "count"),
)
DECADES = Listing(
    (Column("decade", "Decade", wrap=False), Column("count", "Events", wrap=False)),
    ("decade", "count"),
)
STATS = Listing(
    (Column("group", "Group"), Column("value", "Value"), Column("count", "Countries")),
    ("group", "value", "count"),
)


def shown_columns(columns: Sequence[Column], records: Sequence[dict[str, Any]] | None
                  ) -> tuple[Column, ...]:
    """The columns a table shows: an optional one only when a record has a value for it
    (with no records at hand, never)."""
    return tuple(c for c in columns if not c.optional
                 or (records is not None and any(r.get(c.key) for r in records)))


def _in_office(dataset: Lookup | None, event: Event) -> str | None:
    """Albania's office-holders on the event's day, when the lookup knows them (a
    ``query.Context``; a bare catalog does not)."""
    known = getattr(dataset, "in_office", None)
    return known(event) if known is not None else None


def _names(dataset: Lookup | None, ids: Iterable[str]) -> list[str]:
    people = [(i, dataset.person(i) if dataset else None) for i in ids]
    return [person.name if person else i for i, person in people]


def _country_names(dataset: Lookup | None, ids: Iterable[str],
                   orgs: Iterable[str] = ()) -> str | None:
    """The countries' names (and organisations' abbreviations), joined for a table cell."""
    countries = [(i, dataset.country(i) if dataset else None) for i in ids]
    names = [country.name if country else i for i, country in countries] + list(orgs)
    return ", ".join(names) if names else None


def to_record(obj: Any, dataset: Lookup | None = None) -> dict[str, Any]:
    """The one mapping from a model or query result to plain JSON-ready data.

    ``dataset`` lets ids of people and countries be shown with their names.
    """
    if isinstance(obj, CountryDetail):
        record = model_record(obj.country, dataset, detail=True)
        record["predecessor_periods"] = [
            {"country": before.id, **model_record(p, dataset, detail=False)}
            for before in obj.predecessors for p in before.periods]
        record["events"] = [to_record(e, dataset) for e in obj.events]
        record["agreements"] = [to_record(a, dataset) for a in obj.agreements]
        return record
    if isinstance(obj, PostedMission):
        return {"country_id": obj.country.id, "country": obj.country.name,
                **model_record(obj.mission, dataset, detail=False)}
    if isinstance(obj, Holding):
        return {"person": obj.person.id, "name": obj.person.name,
                **model_record(obj.tenure, dataset, detail=False),
                "until": date_text(obj.until), "ended": obj.ended}
    if isinstance(obj, AgreementDetail):
        return model_record(obj.agreement, dataset, detail=True)
    if isinstance(obj, PersonDetail):
        record = model_record(obj.person, dataset, detail=False)
        record["tenures"] = [to_record(h, dataset) for h in obj.holdings]
        record["events"] = [to_record(e, dataset) for e in obj.events]
        return record
    if isinstance(obj, Hit):
        return {
            "type": obj.type, "id": obj.id, "date": date_text(obj.date), "title": obj.title,
            "country": _country_names(dataset, obj.countries), "countries": list(obj.countries),
            "matched": obj.matched, "score": obj.score,
        }
    if isinstance(obj, SourceUse):
        return {**model_record(obj.source, dataset, detail=False), "cited": obj.cited}
    if isinstance(obj, SourceDetail):
        return {**model_record(obj.source, dataset, detail=False), "cited": len(obj.citations),
                "cited_by": [{"type": c.type, "id": c.id, "title": c.title,
                              "countries": list(c.countries)} for c in obj.citations]}
    if isinstance(obj, dict):
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type) and hasattr(obj, "TOML_NAME"):
        return model_record(obj, dataset, detail=False)
    raise TypeError(f"no record mapping for {type(obj).__name__}")


# --------------------------------------------------------------------------- citations


def cited_ids(record: Any) -> list[str]:
    """The source ids a plain record cites (``source``, ``sources``, ``other_sources``, at any
    depth), in order of appearance, each once."""
    found: dict[str, None] = {}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                if name in ("source", "opened_source", "closed_source") and isinstance(item, str):
                    found.setdefault(item)
                elif name in ("sources", "other_sources") and isinstance(item, list):
                    for source in item:
                        found.setdefault(source)
                elif name != "source_records":
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(record)
    return list(found)


def source_parts(dataset: Lookup | None, source_id: str) -> tuple[str, str | None]:
    """A source as a reader cites it: "title (publisher)", and its address if it has one."""
    source = dataset.source(source_id) if dataset else None
    if source is None:
        return source_id, None
    return f"{source.title} ({source.publisher})", source.url or None


def source_label(dataset: Lookup | None, source_id: str) -> str:
    """A source as a reader cites it: title (publisher) address."""
    label, url = source_parts(dataset, source_id)
    return label + (f" {url}" if url else "")


def with_sources(record: dict[str, Any], dataset: Lookup) -> dict[str, Any]:
    """The record with the sources it cites written out in full (``--expand sources``)."""
    sources = [dataset.source(i) for i in cited_ids(record)]
    return {**record, "source_records": [model_record(s, dataset, detail=False)
                                         for s in sources if s is not None]}


def footnotes(records: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Records with a ``ref`` key numbering the sources each cites ([1], [1, 3]) and the
    numbered source ids, in order of first appearance."""
    numbers: dict[str, int] = {}
    numbered = []
    for record in records:
        refs = [numbers.setdefault(i, len(numbers) + 1) for i in cited_ids(record)]
        numbered.append({**record, "ref": "[" + ", ".join(map(str, refs)) + "]"})
    return numbered, list(numbers)


def stats_records(result: Stats) -> list[dict[str, Any]]:
    """Stats as flat rows (group, value, count) so every listing format can carry them."""
    rows = [{"group": "region", "value": k, "count": v} for k, v in result.by_region]
    rows += [{"group": "status", "value": k, "count": v} for k, v in result.by_status]
    rows += [{"group": "decade", "value": f"{d}s", "count": v} for d, v in result.per_decade]
    rows.append({"group": "established", "value": "unknown", "count": result.undated})
    return rows


