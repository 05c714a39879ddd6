"""The JSON contract: every command's output keys, their types and whether they may be null.

Derived from the record definitions (``model``) and the shown-but-not-stored keys
(``render.DERIVED``), so it cannot drift from what the commands print. docs/json.md is written
from it (``python tools/gen_docs.py``), and the tests check real output against it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from albrel_cli.model import (
    Agreement,
    Country,
    Event,
    Mission,
    Organisation,
    Person,
    RelationPeriod,
    Source,
    Tenure,
)

from .records import DERIVED, SHOWN, record_keys, stored_fields

TYPES = {
    "text": "string", "slug": "string", "iso2": "string", "iso3": "string", "enum": "string",
    "date": "date", "texts": "array of strings", "records": "array of objects",
    "int": "integer", "bool": "boolean",
}
"""JSON types by TOML kind; a ``date`` is a string at its source's precision (1924, 1922-04,
2013-12-09)."""


@dataclass(frozen=True, slots=True)
class Key:
    """One key of a command's output."""

    name: str
    type: str
    nullable: bool
    doc: str
    values: tuple[str, ...] = ()  # the allowed values of an enum
    keys: tuple[Key, ...] = ()  # the keys of each object in an array of objects


def record_contract(cls: type[Any], *, detail: bool = False) -> tuple[Key, ...]:
    """The keys of a record kind as JSON shows it."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    derived = {d.name: d for d in DERIVED.get(cls, ())}
    stored = set(stored_fields(cls, detail=detail))
    keys = []
    for name in record_keys(cls, detail=detail):
        if name not in stored:
            d = derived[name]
            keys.append(Key(name, d.type, d.nullable, d.doc))
            continue
        meta = fields[name].metadata
        doc = meta["doc"]
        if (cls, name) in SHOWN and name == "people":
            doc = doc.replace("(ids)", "(their names)")
        if cls is RelationPeriod and name == "ended":
            doc = "True once relations are over, whether or not a source dates the end."
        nested = record_contract(meta["of"]) if meta["kind"] == "records" else ()
        values = tuple(member.value for member in meta["enum"]) if meta["enum"] else ()
        keys.append(Key(name, TYPES[meta["kind"]], fields[name].default is None, doc, values,
                        nested))
    return tuple(keys)


def _key(name: str, type_: str, doc: str, *, nullable: bool = False,
         keys: tuple[Key, ...] = ()) -> Key:
    return Key(name, type_, nullable, doc, (), keys)


SEARCH_KEYS = (
    _key("type", "string", "country, event, agreement, person or org."),
    _key("id", "string", "The record's id (an organisation's abbreviation)."),
    _key("date", "date", "The record's date, or when relations began.", nullable=True),
    _key("title", "string", "The record's title or name."),
    _key("country", "string", "The countries' names, joined.", nullable=True),
    _key("countries", "array of strings", "The countries' ids."),
    _key("matched", "string", "The text that matched, shortened around the words."),
    _key("score", "integer", "How well it matched: 100 for an exact name, less for mentions."),
)
STATS_KEYS = (
    _key("group", "string", "region, status, decade or established."),
    _key("value", "string", "The region, status or decade (1990s); unknown for established."),
    _key("count", "integer", "How many countries."),
)


def _chart_keys(by: str) -> tuple[Key, ...]:
    return (_key(by, "integer", f"The {by} (its first year); null for the undated events.",
                 nullable=True),
            _key("count", "integer", "How many events."))


def show_contract() -> tuple[Key, ...]:
    period = record_contract(RelationPeriod)
    return (*record_contract(Country, detail=True),
            _key("predecessor_periods", "array of objects",
                 "The periods of the states this one succeeded.",
                 keys=(_key("country", "string", "The predecessor's id."), *period)),
            _key("events", "array of objects", "Its events, as timeline prints them.",
                 keys=record_contract(Event)),
            _key("agreements", "array of objects", "Its agreements, as agreements prints them.",
                 keys=record_contract(Agreement)))


PEOPLE_KEYS = (
    _key("person", "string", "The holder's id."),
    _key("name", "string", "The holder's name."),
    *record_contract(Tenure),
    _key("until", "date", "When the tenure ended: its own end, or for one of Albania's "
         "single-holder offices with no end given, the next holder's start when that comes "
         "within five years.", nullable=True),
    _key("ended", "boolean", "True when a later tenure shows it ended though no source dates "
         "the end (until is null then, and the tenure counts only within its start)."),
)
CITED_BY = (
    _key("type", "string", "country, period, alt_date, mission, figure, event, agreement, org "
         "or person."),
    _key("id", "string", "The citing record's id (a period: country#n)."),
    _key("title", "string", "Its title or name."),
    _key("countries", "array of strings", "The countries it is about."),
)
EXPANDED = _key("source_records", "array of objects",
                "Only with --expand sources: every source the record cites, in full.",
                keys=record_contract(Source))


def contract() -> dict[str, tuple[Key, ...]]:
    """Every command's JSON keys. ``show`` prints one object; the others an array of them."""
    return {
        "countries": record_contract(Country),
        "show": show_contract(),
        "timeline": record_contract(Event),
        "timeline --chart --by year": _chart_keys("year"),
        "timeline --chart --by decade": _chart_keys("decade"),
        "agreements": record_contract(Agreement),
        "agreements ID": record_contract(Agreement, detail=True),
        "search": SEARCH_KEYS,
        "sources": (*record_contract(Source),
                    _key("cited", "integer", "How many records cite it.")),
        "sources ID": (*record_contract(Source),
                       _key("cited", "integer", "How many records cite it."),
                       _key("cited_by", "array of objects", "Every record that cites it.",
                            keys=CITED_BY)),
        "orgs": record_contract(Organisation),
        "stats": STATS_KEYS,
        "missions": (_key("country_id", "string", "The partner's id."),
                     _key("country", "string", "The partner's name."),
                     *record_contract(Mission)),
        "people": PEOPLE_KEYS,
        "people ID": (*record_contract(Person),
                      _key("tenures", "array of objects", "Offices held, as people prints "
                           "them.", keys=PEOPLE_KEYS),
                      _key("events", "array of objects", "The events that name the person, "
                           "as timeline prints them.", keys=record_contract(Event))),
    }


def problems(record: Any, keys: tuple[Key, ...], where: str = "") -> list[str]:
    """How a JSON object departs from its contract (nothing when it keeps it)."""
    if not isinstance(record, dict):
        return [f"{where or 'the record'} is not an object"]
    found: list[str] = []
    if list(record) != [key.name for key in keys]:
        found.append(f"{where}keys {list(record)} != {[key.name for key in keys]}")
        return found
    for key in keys:
        value: Any = record[key.name]
        path = f"{where}{key.name}"
        if value is None:
            if not key.nullable:
                found.append(f"{path} is null")
            continue
        expected: type[Any] = {"string": str, "date": str, "integer": int, "boolean": bool,
                               "array of strings": list, "array of objects": list}[key.type]
        if not isinstance(value, expected) or (key.type == "integer" and isinstance(value, bool)):
            found.append(f"{path} is {type(value).__name__}, not {key.type}")
            continue
        if key.values and value not in key.values:
            found.append(f"{path} is {value!r}, not one of {key.values}")
        if key.type == "array of strings" and not all(isinstance(v, str) for v in value):
            found.append(f"{path} holds something other than strings")
        if key.type == "array of objects":
            for index, item in enumerate(value):
                found += problems(item, key.keys, f"{path}[{index}].")
    return found
