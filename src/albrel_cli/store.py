"""An indexed store on disk: the validated dataset in SQLite, so that a query reads only the
records it needs and its cost stays flat as the data grows.

Records are pickled one per row; lookups (names, the countries of an event or agreement) are
indexed columns; search runs on an FTS5 table of the folded texts, which returns only the
records holding every query word at a word start, for ``query.search`` to rank. The store is
built once per data file, next to the parsed-data cache, and written atomically.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .catalog import Dataset, country_names, search_documents
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
)
from .text import fold

SCHEMA = """
CREATE TABLE meta (key BLOB NOT NULL);
CREATE TABLE countries (id TEXT PRIMARY KEY, position INTEGER, region TEXT, status TEXT,
                        blob BLOB);
CREATE INDEX countries_region ON countries (region, status);
CREATE TABLE names (folded TEXT, country TEXT);
CREATE INDEX names_folded ON names (folded);
CREATE TABLE events (id TEXT PRIMARY KEY, position INTEGER, blob BLOB, sort_key TEXT);
CREATE INDEX events_in_order ON events (sort_key, id);
CREATE TABLE event_countries (country TEXT, event TEXT);
CREATE INDEX event_countries_country ON event_countries (country);
CREATE TABLE agreements (id TEXT PRIMARY KEY, position INTEGER, blob BLOB);
CREATE TABLE agreement_countries (country TEXT, agreement TEXT);
CREATE INDEX agreement_countries_country ON agreement_countries (country);
CREATE TABLE organisations (position INTEGER, blob BLOB);
CREATE TABLE people (id TEXT PRIMARY KEY, blob BLOB);
CREATE TABLE sources (id TEXT PRIMARY KEY, blob BLOB);
CREATE TABLE documents (position INTEGER PRIMARY KEY, type TEXT, blob BLOB);
CREATE VIRTUAL TABLE document_text USING fts5 (names, other, tokenize = 'unicode61');
CREATE VIRTUAL TABLE vocabulary USING fts5vocab (document_text, row);
CREATE TABLE words (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE person_offices (state TEXT, office TEXT, person TEXT);
CREATE INDEX person_offices_office ON person_offices (state, office);
CREATE TABLE person_names (folded TEXT, person TEXT);
CREATE INDEX person_names_folded ON person_names (folded);
"""


def order_key(date: PartialDate | None) -> str:
    """A date as text that sorts as the timeline does: coarse before fine within the same
    span (1922 < 1922-04 < 1922-04-01), undated last."""
    if date is None:
        return "1"
    return f"0{date.year:04d}{date.month or 0:02d}{date.day or 0:02d}"


def _dump(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


Progress = Callable[[str, int, int], None]
"""Told (stage, steps done, steps in all) as a long load goes on: ``reading``, ``indexing``."""

BUILD_STEPS = 8


def build(dataset: Dataset, target: Path, key: Any, progress: Progress | None = None) -> None:
    """Write the store for ``dataset`` to ``target`` atomically (a temporary file, then a
    rename); raises OSError or sqlite3.Error when it cannot. ``progress`` hears of each of
    its ``BUILD_STEPS`` steps."""
    def step(done: int) -> None:
        if progress is not None:
            progress("indexing", done, BUILD_STEPS)

    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            step(0)
            connection.executescript(SCHEMA)
            connection.execute("INSERT INTO meta VALUES (?)", (_dump(key),))
            connection.executemany(
                "INSERT INTO countries VALUES (?, ?, ?, ?, ?)",
                ((c.id, i, c.region.value, c.status.value, _dump(c))
                 for i, c in enumerate(dataset.countries)))
            connection.executemany(
                "INSERT INTO names VALUES (?, ?)",
                {(fold(name), c.id) for c in dataset.countries for name in country_names(c)})
            step(1)
            linked: tuple[tuple[str, str, Sequence[Event | Agreement]], ...] = (
                ("events", "event_countries", dataset.events),
                ("agreements", "agreement_countries", dataset.agreements))
            connection.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?)",
                ((e.id, i, _dump(e), order_key(e.date)) for i, e in enumerate(dataset.events)))
            for table, link, records in linked:
                if table != "events":
                    connection.executemany(
                        f"INSERT INTO {table} VALUES (?, ?, ?)",
                        ((r.id, i, _dump(r)) for i, r in enumerate(records)))
                connection.executemany(
                    f"INSERT INTO {link} VALUES (?, ?)",
                    ((country, r.id) for r in records for country in set(r.countries)))
                step(2 if table == "events" else 3)
            connection.executemany(
                "INSERT INTO organisations VALUES (?, ?)",
                ((i, _dump(o)) for i, o in enumerate(dataset.organisations)))
            connection.executemany("INSERT INTO people VALUES (?, ?)",
                                   ((p.id, _dump(p)) for p in dataset.people))
            connection.executemany(
                "INSERT INTO person_offices VALUES (?, ?, ?)",
                {(t.state, t.office.value, p.id) for p in dataset.people for t in p.tenures})
            connection.executemany(
                "INSERT INTO person_names VALUES (?, ?)",
                {(fold(name), p.id) for p in dataset.people for name in (p.name, *p.aliases)})
            connection.executemany("INSERT INTO sources VALUES (?, ?)",
                                   ((s.id, _dump(s)) for s in dataset.sources))
            step(4)
            documents = search_documents(dataset)
            step(5)
            connection.executemany("INSERT INTO documents VALUES (?, ?, ?)",
                                   ((i, d.type, _dump(d)) for i, d in enumerate(documents)))
            step(6)
            connection.executemany(
                "INSERT INTO document_text (rowid, names, other) VALUES (?, ?, ?)",
                ((i, " ".join(f for _, f in d.fields[:d.names]),
                  " ".join(f for _, f in d.fields[d.names:])) for i, d in enumerate(documents)))
            # The words of the documents, as the in-memory vocabulary has them: a search reads
            # them whole (fts5vocab counts every posting to list them, 0.16 s at 100 times
            # the shipped data).
            connection.executemany(
                "INSERT INTO words VALUES (?)",
                ((word,) for word in sorted(set(" ".join(
                    [text for d in documents for _, text in d.fields]).split()))))
            step(7)
        connection.close()
        step(BUILD_STEPS)
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _events_query(country_ids: Collection[str], order: str) -> tuple[str, tuple[str, ...]]:
    """The events of some countries (all when none), in an order: SQL and its parameters."""
    if not country_ids:
        return f"SELECT blob FROM events ORDER BY {order}", ()
    marks = ", ".join("?" for _ in country_ids)
    return ("SELECT blob FROM events WHERE id IN (SELECT event FROM event_countries"
            f" WHERE country IN ({marks})) ORDER BY {order}", tuple(country_ids))


def _load(blob: bytes) -> Any:
    return pickle.loads(blob)


def _match(words: Sequence[Sequence[str]]) -> str:
    """An FTS5 query: every word (any of its spellings) as a prefix of some token."""
    groups = []
    for options in words:
        terms = " OR ".join(f'"{option}"*' for option in options if option)
        groups.append(f"({terms})")
    return " AND ".join(groups)


class IndexedStore:
    """The Catalog protocol over an SQLite store; nothing is read until a query asks."""

    def __init__(self, path: Path, origin: str) -> None:
        self.origin = origin
        self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        # Records read by id, kept: a listing names the same countries and people many times.
        self._by_id: dict[tuple[str, str], Any] = {}

    @classmethod
    def open(cls, path: Path, origin: str, key: Any) -> IndexedStore | None:
        """The store at ``path`` if it exists, is readable and was built for ``key``."""
        try:
            store = cls(path, origin)
            row = store._db.execute("SELECT key FROM meta").fetchone()
        except (sqlite3.Error, OSError, ValueError):
            return None
        if row is None or _load(row[0]) != key:
            store._db.close()
            return None
        return store

    def _records(self, sql: str, parameters: Iterable[Any] = ()) -> list[Any]:
        return [_load(row[0]) for row in self._db.execute(sql, tuple(parameters))]

    def _stream(self, sql: str, parameters: Iterable[Any] = ()) -> Iterator[Any]:
        """Records one at a time, as the cursor reads them: memory stays flat."""
        for row in self._db.execute(sql, tuple(parameters)):
            yield _load(row[0])

    def countries_where(self, region: Region | None = None,
                        status: Status | None = None) -> Sequence[Country]:
        conditions = [("region = ?", region.value) if region else None,
                      ("status = ?", status.value) if status else None]
        chosen = [c for c in conditions if c]
        where = " AND ".join(c[0] for c in chosen) or "1"
        return self._records(f"SELECT blob FROM countries WHERE {where} ORDER BY position",
                             [c[1] for c in chosen])

    def events_in_order(self, country_ids: Collection[str] = ()) -> Iterator[Event]:
        return self._stream(*_events_query(country_ids, "sort_key, id"))

    def all_countries(self) -> Sequence[Country]:
        return self._records("SELECT blob FROM countries ORDER BY position")

    def _one(self, table: str, id_: str) -> Any:
        key = (table, id_)
        if key not in self._by_id:
            found = self._records(f"SELECT blob FROM {table} WHERE id = ?", (id_,))
            self._by_id[key] = found[0] if found else None
        return self._by_id[key]

    def country(self, id_: str) -> Country | None:
        found: Country | None = self._one("countries", id_)
        return found

    def countries_named(self, folded: str) -> Sequence[Country]:
        return self._records(
            "SELECT blob FROM countries WHERE id IN (SELECT country FROM names WHERE folded = ?)"
            " ORDER BY position", (folded,))

    def countries_prefixed(self, folded: str) -> Sequence[Country]:
        prefix = folded + " "
        return self._records(
            "SELECT blob FROM countries WHERE id IN (SELECT country FROM names"
            " WHERE folded >= ? AND folded < ?) ORDER BY position", (prefix, prefix + "\uffff"))

    def country_name_choices(self) -> Sequence[tuple[str, str]]:
        return [(fold(name), country.name) for country in self.all_countries()
                for name in (country.name, *country.aliases)]

    def events_of(self, country_ids: Collection[str] = ()) -> Sequence[Event]:
        return self._records(*_events_query(country_ids, "position"))

    def agreements_of(self, country_id: str | None = None) -> Sequence[Agreement]:
        if country_id is None:
            return self._records("SELECT blob FROM agreements ORDER BY position")
        return self._records(
            "SELECT blob FROM agreements WHERE id IN (SELECT agreement FROM agreement_countries"
            " WHERE country = ?) ORDER BY position", (country_id,))

    def all_organisations(self) -> Sequence[Organisation]:
        return self._records("SELECT blob FROM organisations ORDER BY position")

    def all_people(self) -> Sequence[Person]:
        return self._records("SELECT blob FROM people ORDER BY rowid")

    def all_sources(self) -> Sequence[Source]:
        return self._records("SELECT blob FROM sources ORDER BY rowid")

    def person(self, id_: str) -> Person | None:
        found: Person | None = self._one("people", id_)
        return found

    def agreement(self, id_: str) -> Agreement | None:
        found: Agreement | None = self._one("agreements", id_)
        return found

    def source(self, id_: str) -> Source | None:
        found: Source | None = self._one("sources", id_)
        return found

    def documents(self, words: Sequence[Sequence[str]] = (), *, types: Collection[str] = (),
                  limit: int | None = None) -> Iterable[SearchDocument]:
        """The documents holding every word (of the given types); with ``limit``, only the
        best that many by FTS5's bm25, a match in a name counting ten times one elsewhere, so
        that ranking reads a bounded set however large the data."""
        kinds = ""
        if types:
            kinds = f" AND type IN ({', '.join('?' for _ in types)})"
        if not words:
            return self._records(f"SELECT blob FROM documents WHERE 1{kinds} ORDER BY position",
                                 tuple(types))
        best = ("SELECT rowid FROM document_text WHERE document_text MATCH ?"
                " ORDER BY bm25(document_text, 10.0, 1.0) LIMIT ?")
        if limit is None or all(len(options) == 1 for options in words):
            return self._records(
                f"SELECT blob FROM documents WHERE position IN ({best}){kinds}"
                " ORDER BY position", (_match(words), -1 if limit is None else limit, *types))
        # A word with other spellings (a stem, a synonym): bm25 weighs a rare spelling above
        # the word asked for, so the set is the best ``limit`` by the words as asked (each
        # group's first spelling) and the best half as many by every spelling.
        return self._records(
            f"SELECT blob FROM documents WHERE (position IN ({best}) OR position IN ({best}))"
            f"{kinds} ORDER BY position",
            (_match([options[:1] for options in words]), limit, _match(words),
             (limit + 1) // 2, *types))

    def people_named(self, folded: str) -> Sequence[Person]:
        try:
            return self._records(
                "SELECT blob FROM people WHERE id IN (SELECT person FROM person_names"
                " WHERE folded = ?) ORDER BY rowid", (folded,))
        except sqlite3.OperationalError:  # a store built before the table
            return [p for p in self.all_people()
                    if folded in {fold(n) for n in (p.name, *p.aliases)}]

    def people_in_office(self, state: str, offices: Collection[str]) -> Sequence[Person]:
        """The people who held one of ``offices`` of ``state``: a few rows, not every
        person."""
        marks = ", ".join("?" for _ in offices) or "NULL"
        return self._records(
            "SELECT blob FROM people WHERE id IN (SELECT person FROM person_offices"
            f" WHERE state = ? AND office IN ({marks})) ORDER BY rowid", (state, *offices))

    def vocabulary(self) -> Collection[str]:
        try:
            return [row[0] for row in self._db.execute("SELECT term FROM words")]
        except sqlite3.OperationalError:  # a store built before the table: slower, the same
            return [row[0] for row in self._db.execute("SELECT term FROM vocabulary")]
