"""The whole dataset out to the tools people already use: an SQLite database with normalised
tables, keys and a full-text index (for Datasette, sqlite-utils, DuckDB's sqlite_scan, pandas'
read_sql), the same tables as CSV files, or one JSON document.

Dates are TEXT at their source's precision (``1924``, ``1922-04``, ``2013-12-09``); they sort
and compare as text, so ``date >= '2000'`` keeps everything from 2000 on. Every file is written
to a temporary name first and moved into place, so a failed export leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .catalog import Catalog, Dataset, tenure_text
from .files import WriteError, replacing
from .model import Step, date_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .dyads import DyadYear


@dataclass(frozen=True, slots=True)
class Table:
    """One exported table: its columns (name and SQL declaration), its key and what it is."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]
    doc: str
    references: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)

    def ddl(self) -> str:
        lines = [f"  {name} {declaration}" for name, declaration in self.columns]
        lines.append(f"  PRIMARY KEY ({', '.join(self.key)})")
        lines += [f"  FOREIGN KEY ({column}) REFERENCES {table} ({target})"
                  for column, table, target in self.references]
        return f"CREATE TABLE {self.name} (\n" + ",\n".join(lines) + "\n);"


def _t(name: str, doc: str, columns: str, key: str,
       references: tuple[tuple[str, str, str], ...] = ()) -> Table:
    pairs = tuple(tuple(part.strip().split(" ", 1)) for part in columns.split(","))
    return Table(name, pairs, tuple(key.split()), doc, references)  # type: ignore[arg-type]


COUNTRY = (("country_id", "countries", "id"),)
SOURCE = (("source_id", "sources", "id"),)
TABLES = (
    _t("sources", "Every document the data rests on.",
       "id TEXT NOT NULL, title TEXT NOT NULL, publisher TEXT NOT NULL, url TEXT, seed TEXT, "
       "published TEXT, note TEXT", "id"),
    _t("countries", "Every state, with its status today and when relations began.",
       "id TEXT NOT NULL, name TEXT NOT NULL, iso2 TEXT, iso3 TEXT, cow INTEGER, wikidata TEXT, "
       "region TEXT NOT NULL, status TEXT NOT NULL, established TEXT, summary TEXT NOT NULL, "
       "list_rank INTEGER, searched TEXT", "id"),
    _t("country_aliases", "Other names of a country (official, former, Albanian).",
       "country_id TEXT NOT NULL, alias TEXT NOT NULL", "country_id alias", COUNTRY),
    _t("successions", "Which state succeeded which (the Soviet Union -> Russia).",
       "predecessor_id TEXT NOT NULL, successor_id TEXT NOT NULL", "predecessor_id successor_id",
       (("predecessor_id", "countries", "id"), ("successor_id", "countries", "id"))),
    _t("periods", "Spans of relations, numbered from 1 per country; ended is 1 once over.",
       "country_id TEXT NOT NULL, position INTEGER NOT NULL, start_date TEXT, end_date TEXT, "
       "ended INTEGER NOT NULL, start_how TEXT, end_how TEXT, source_id TEXT NOT NULL",
       "country_id position", (*COUNTRY, *SOURCE)),
    _t("alt_dates", "Dates other sources give for the start or end of a period.",
       "country_id TEXT NOT NULL, position INTEGER NOT NULL, date TEXT NOT NULL, "
       "period INTEGER NOT NULL, boundary TEXT NOT NULL, note TEXT, source_id TEXT NOT NULL",
       "country_id position", (*COUNTRY, *SOURCE)),
    _t("missions", "Missions, one row a spell: side is albania (Albania's for the partner) or "
       "partner (the partner's serving Albania); closed is 1 once it has closed.",
       "id TEXT NOT NULL, country_id TEXT NOT NULL, side TEXT NOT NULL, kind TEXT NOT NULL, "
       "city TEXT NOT NULL, level TEXT, opened TEXT, closed TEXT, is_closed INTEGER NOT NULL, "
       "note TEXT, source_id TEXT NOT NULL", "id", (*COUNTRY, *SOURCE)),
    _t("figures", "Numbers the sources give, as they give them.",
       "country_id TEXT NOT NULL, position INTEGER NOT NULL, label TEXT NOT NULL, "
       "value TEXT NOT NULL, date TEXT, source_id TEXT NOT NULL", "country_id position",
       (*COUNTRY, *SOURCE)),
    _t("organisations", "International organisations Albania belongs or belonged to.",
       "abbr TEXT NOT NULL, name TEXT NOT NULL", "abbr"),
    _t("memberships", "Albania's membership of each organisation.",
       "organisation_abbr TEXT NOT NULL, date_joined TEXT, date_left TEXT, role TEXT, "
       "note TEXT", "organisation_abbr", (("organisation_abbr", "organisations", "abbr"),)),
    _t("people", "People named in events and agreements.",
       "id TEXT NOT NULL, name TEXT NOT NULL, nationality TEXT", "id"),
    _t("person_aliases", "Other spellings of a person's name.",
       "person_id TEXT NOT NULL, alias TEXT NOT NULL", "person_id alias",
       (("person_id", "people", "id"),)),
    _t("person_roles", "Roles as events describe them.",
       "person_id TEXT NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL",
       "person_id position", (("person_id", "people", "id"),)),
    _t("tenures", "Offices held, one row a tenure: state is albania or a country id; an "
       "envoy's posted_to likewise.",
       "person_id TEXT NOT NULL, position INTEGER NOT NULL, office TEXT NOT NULL, "
       "title TEXT NOT NULL, state TEXT NOT NULL, posted_to TEXT, start_date TEXT, "
       "end_date TEXT, acting INTEGER NOT NULL, shared INTEGER NOT NULL, note TEXT, "
       "source_id TEXT NOT NULL", "person_id position",
       (("person_id", "people", "id"), *SOURCE)),
    _t("events", "What happened, with its main source.",
       "id TEXT NOT NULL, date TEXT, date_note TEXT, kind TEXT NOT NULL, title TEXT NOT NULL, "
       "summary TEXT NOT NULL, place TEXT, source_id TEXT NOT NULL", "id", SOURCE),
    _t("event_countries", "The countries an event involves.",
       "event_id TEXT NOT NULL, country_id TEXT NOT NULL", "event_id country_id",
       (("event_id", "events", "id"), *COUNTRY)),
    _t("event_organisations", "The organisations an event involves.",
       "event_id TEXT NOT NULL, organisation_abbr TEXT NOT NULL",
       "event_id organisation_abbr",
       (("event_id", "events", "id"), ("organisation_abbr", "organisations", "abbr"))),
    _t("event_people", "The people an event names.",
       "event_id TEXT NOT NULL, person_id TEXT NOT NULL", "event_id person_id",
       (("event_id", "events", "id"), ("person_id", "people", "id"))),
    _t("agreements", "Treaties, agreements and memoranda, with their main source.",
       "id TEXT NOT NULL, title TEXT NOT NULL, date TEXT, kind TEXT NOT NULL, status TEXT, "
       "in_force TEXT, ended TEXT, place TEXT, registration TEXT, summary TEXT, "
       "source_id TEXT NOT NULL", "id", SOURCE),
    _t("agreement_steps", "Each agreement's life after signing: ratified (by party), "
       "in-force, suspended, superseded, terminated.",
       "agreement_id TEXT NOT NULL, position INTEGER NOT NULL, step TEXT NOT NULL, date TEXT, "
       "party TEXT, law TEXT, superseded_by TEXT, note TEXT, source_id TEXT NOT NULL",
       "agreement_id position", (("agreement_id", "agreements", "id"), *SOURCE)),
    _t("agreement_topics", "What each agreement is about (friendship, trade, taxation ...).",
       "agreement_id TEXT NOT NULL, topic TEXT NOT NULL", "agreement_id topic",
       (("agreement_id", "agreements", "id"),)),
    _t("agreement_organisations", "The organisations party to an agreement.",
       "agreement_id TEXT NOT NULL, organisation_abbr TEXT NOT NULL",
       "agreement_id organisation_abbr",
       (("agreement_id", "agreements", "id"), ("organisation_abbr", "organisations", "abbr"))),
    _t("parties", "The countries party to an agreement.",
       "agreement_id TEXT NOT NULL, country_id TEXT NOT NULL", "agreement_id country_id",
       (("agreement_id", "agreements", "id"), *COUNTRY)),
    _t("agreement_people", "The people who signed an agreement.",
       "agreement_id TEXT NOT NULL, person_id TEXT NOT NULL", "agreement_id person_id",
       (("agreement_id", "agreements", "id"), ("person_id", "people", "id"))),
    _t("citations", "Every record that cites each source (record_id of a period: country#n).",
       "source_id TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL",
       "source_id record_type record_id", SOURCE),
)
SEARCH_DDL = ("CREATE VIRTUAL TABLE search USING fts5 (type, id UNINDEXED, title, text, "
              "tokenize = 'unicode61 remove_diacritics 2');")
SEARCH_DOC = ("The full-text index (FTS5): one row for every country, event, agreement, person "
              "and organisation, with its type, id, title and texts.")


def _v(value: Any) -> Any:
    return None if value is None else getattr(value, "value", value)


def gather(catalog: Catalog) -> Dataset:
    """Every record of a catalog, read once (an indexed store reads each table once)."""
    if isinstance(catalog, Dataset):
        return catalog
    return Dataset(sources=tuple(catalog.all_sources()),
                   countries=tuple(catalog.all_countries()),
                   events=tuple(catalog.events_of()), agreements=tuple(catalog.agreements_of()),
                   organisations=tuple(catalog.all_organisations()),
                   people=tuple(catalog.all_people()), origin=catalog.origin)


def table_rows(catalog: Catalog) -> dict[str, list[tuple[Any, ...]]]:
    """Every exported table's rows, in the order of the data."""
    from .query import citations

    catalog = gather(catalog)
    rows: dict[str, list[tuple[Any, ...]]] = {table.name: [] for table in TABLES}
    rows["sources"] = [(s.id, s.title, s.publisher, s.url, s.seed, date_text(s.published), s.note)
                       for s in catalog.all_sources()]
    for c in catalog.all_countries():
        rows["countries"].append((c.id, c.name, c.iso2, c.iso3, c.cow, c.wikidata,
                                  c.region.value, c.status.value,
                                  date_text(c.established), c.summary, c.list_rank, c.searched))
        rows["country_aliases"] += [(c.id, alias) for alias in dict.fromkeys(c.aliases)]
        rows["successions"] += [(c.id, after) for after in c.successors]
        rows["periods"] += [(c.id, n, date_text(p.start), date_text(p.end), int(not p.is_open),
                             p.start_how, p.end_how, p.source)
                            for n, p in enumerate(c.periods, 1)]
        rows["alt_dates"] += [(c.id, n, str(a.date), a.period, a.boundary.value, a.note,
                               a.source) for n, a in enumerate(c.alt_dates, 1)]
        rows["missions"] += [(m.id, c.id, m.side.value, m.kind.value, m.city, _v(m.level),
                              date_text(m.opened), date_text(m.closed), int(m.is_closed),
                              m.note, m.source) for m in c.missions]
        rows["figures"] += [(c.id, n, f.label, f.value, date_text(f.date), f.source)
                            for n, f in enumerate(c.figures, 1)]
    for o in catalog.all_organisations():
        rows["organisations"].append((o.abbr, o.name))
        rows["memberships"].append((o.abbr, date_text(o.joined), date_text(o.left), o.role, o.note))
    for p in catalog.all_people():
        rows["people"].append((p.id, p.name, p.nationality))
        rows["person_aliases"] += [(p.id, alias) for alias in dict.fromkeys(p.aliases)]
        rows["person_roles"] += [(p.id, n, role) for n, role in enumerate(p.roles, 1)]
        rows["tenures"] += [(p.id, n, t.office.value, t.title, t.state, t.posted_to,
                             date_text(t.start), date_text(t.end), int(t.acting),
                             int(t.shared), t.note, t.source)
                            for n, t in enumerate(p.tenures, 1)]
    for e in catalog.events_of():
        rows["events"].append((e.id, date_text(e.date), e.date_note, e.kind.value, e.title,
                               e.summary, e.place, e.source))
        rows["event_countries"] += [(e.id, c) for c in dict.fromkeys(e.countries)]
        rows["event_organisations"] += [(e.id, o) for o in dict.fromkeys(e.orgs)]
        rows["event_people"] += [(e.id, p) for p in dict.fromkeys(e.people)]
    for a in catalog.agreements_of():
        rows["agreements"].append((a.id, a.title, date_text(a.date), a.kind.value,
                                   _v(a.current_status),
                                   date_text(a.step_date(Step.in_force)),
                                   date_text(a.end_date), a.place, a.registration, a.summary,
                                   a.source))
        rows["agreement_steps"] += [(a.id, n, s.step.value, date_text(s.date), _v(s.party),
                                     s.law, s.superseded_by, s.note, s.source)
                                    for n, s in enumerate(a.steps, 1)]
        rows["agreement_topics"] += [(a.id, t) for t in dict.fromkeys(a.topics)]
        rows["agreement_organisations"] += [(a.id, o) for o in dict.fromkeys(a.orgs)]
        rows["parties"] += [(a.id, c) for c in dict.fromkeys(a.countries)]
        rows["agreement_people"] += [(a.id, p) for p in dict.fromkeys(a.people)]
    rows["citations"] = list(dict.fromkeys(
        (source, c.type, c.id) for source, cited in citations(catalog).items() for c in cited))
    return rows


def _search_rows(dataset: Dataset) -> Iterator[tuple[str, str, str, str]]:
    """One row a record for the full-text index: its type, id, title and the texts a search
    looks at (FTS5 folds case and accents itself)."""
    def joined(*texts: str | None) -> str:
        return " ".join(text for text in texts if text)

    def names(ids: tuple[str, ...]) -> list[str]:
        return [dataset.person_by_id[i].name for i in ids if i in dataset.person_by_id]

    for c in dataset.countries:
        missions = [f"{m.kind.value} in {m.city} {m.note or ''}" for m in c.missions]
        yield "country", c.id, c.name, joined(*c.aliases, c.iso2, c.iso3, c.summary, *missions)
    for e in dataset.events:
        yield "event", e.id, e.title, joined(e.summary, e.place, *names(e.people))
    for a in dataset.agreements:
        yield "agreement", a.id, a.title, joined(a.summary, a.place, *names(a.people))
    for p in dataset.people:
        yield "person", p.id, p.name, joined(*p.aliases, *map(tenure_text, p.tenures),
                                             *p.roles, p.nationality)
    for o in dataset.organisations:
        yield "org", o.abbr, o.abbr, joined(o.name, o.note, o.role)


def write_sqlite(catalog: Catalog, target: Path, *, force: bool = False) -> dict[str, int]:
    """The dataset as an SQLite database at ``target``; returns the rows per table."""
    import sqlite3

    dataset = gather(catalog)
    rows = table_rows(dataset)
    with replacing(target, force) as staged:
        connection = sqlite3.connect(staged)
        try:
            # a staged file that nobody else reads: no journal, no waiting for the disk
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            with connection:
                for table in TABLES:
                    connection.execute(table.ddl())
                for table in TABLES:
                    marks = ", ".join("?" for _ in table.columns)
                    connection.executemany(f"INSERT INTO {table.name} VALUES ({marks})",
                                           rows[table.name])
                connection.execute(SEARCH_DDL)
                connection.executemany("INSERT INTO search VALUES (?, ?, ?, ?)",
                                       _search_rows(dataset))
        except sqlite3.Error as exc:
            raise WriteError(f"cannot write {target} ({exc})") from None
        finally:
            connection.close()
    return {name: len(table) for name, table in rows.items()}


def write_csv(catalog: Catalog, target: Path, *, force: bool = False) -> dict[str, int]:
    """The dataset as one CSV file per table (the SQLite columns) in the directory
    ``target``; returns the rows per table."""
    import csv

    rows = table_rows(catalog)
    with replacing(target, force, directory=True) as staged:
        for table in TABLES:
            with (staged / f"{table.name}.csv").open("w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow([name for name, _ in table.columns])
                writer.writerows(rows[table.name])
    return {name: len(table) for name, table in rows.items()}


DYAD_COLUMNS = ("ccode1", "ccode2", "year", "DR_at_1", "DR_at_2", "DE", "relations",
                "iso3_1", "iso3_2", "albrel_ids")
"""The dyad-year CSV's columns: COW Diplomatic Exchange's, then albrel's (docs/export.md)."""
DYAD_DOC = {
    "ccode1": "COW state code of side 1 (Albania is 339). Each dyad-year appears twice, once "
              "from each side, as in COW's file.",
    "ccode2": "COW state code of side 2. States COW codes as one are merged: Serbia and the "
              "Kingdom of Yugoslavia under Yugoslavia's 345, Russia under the Soviet Union's 365.",
    "year": "The year; --every 5 keeps COW's snapshot years (1920, 1925 ...).",
    "DR_at_1": "Level of side 2's representative at side 1's capital: 3 ambassador, 2 minister, "
               "1 chargé d'affaires, 9 other, 0 none. From the missions of that side open at "
               "some time in the year: a mission's level where a source gives it, else 3 for "
               "an embassy, 2 for a legation, 9 for a liaison office or interests section. "
               "Consulates and accreditations from a third capital count 0, as COW counts "
               "envoys resident in the capital. A mission counts from its opening, or where no "
               "source dates that, from the first date a source shows it open "
               "(attested_from; else attested_until; else the year it closed), to its "
               "closing; one closed at an undated time only up to the last date a source shows "
               "it open (attested_until), else its first year; one no source dates at all only "
               "for the current year.",
    "DR_at_2": "Level of side 1's representative at side 2's capital, derived the same way.",
    "DE": "1 when either level is not 0 (diplomatic exchange), else 0.",
    "relations": "albrel's own: 1 when a relation period held at some time in the year, 0 when "
                 "none did, empty when a period's missing date leaves it unknown.",
    "iso3_1": "ISO 3166 alpha-3 code of side 1.",
    "iso3_2": "ISO 3166 alpha-3 code of side 2.",
    "albrel_ids": "The albrel ids of the partner's states behind the code, joined by ';'.",
}
"""How each dyad-year column is derived (docs/export.md is written from it)."""


def write_dyad_years(rows: Iterable[DyadYear], out: TextIO) -> int:
    """Dyad-years as CSV in COW's layout plus albrel's columns; returns the rows written."""
    import csv

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DYAD_COLUMNS)
    count = 0
    for row in rows:
        relations = "" if row.relations is None else int(row.relations)
        writer.writerow((row.ccode1, row.ccode2, row.year, row.dr_at_1, row.dr_at_2, row.de,
                         relations, row.iso3_1 or "", row.iso3_2 or "",
                         ";".join(row.country_ids)))
        count += 1
    return count


def write_dyad_years_file(rows: Iterable[DyadYear], target: Path, *,
                          force: bool = False) -> int:
    with replacing(target, force) as staged, staged.open("w", encoding="utf-8",
                                                          newline="") as out:
        return write_dyad_years(rows, out)


def dataset_document(catalog: Catalog) -> dict[str, Any]:
    """The dataset as one JSON-ready document: the records as ``show`` and the listings
    print them, countries with their periods, dates, missions and figures."""
    from . import __version__
    from .render.records import model_record

    catalog = gather(catalog)
    return {
        "albrel": __version__,
        "countries": [model_record(c, catalog, detail=True) for c in catalog.all_countries()],
        "events": [model_record(e, catalog, detail=False) for e in catalog.events_of()],
        "agreements": [model_record(a, catalog, detail=False)
                       for a in catalog.agreements_of()],
        "organisations": [model_record(o, catalog, detail=False)
                          for o in catalog.all_organisations()],
        "people": [model_record(p, catalog, detail=False) for p in catalog.all_people()],
        "sources": [model_record(s, catalog, detail=False) for s in catalog.all_sources()],
    }


def write_json(catalog: Catalog, out: TextIO) -> None:
    from .render.machine import json_encoder

    out.write(json_encoder(out).encode(dataset_document(catalog)))
    out.write("\n")


def write_json_file(catalog: Catalog, target: Path, *, force: bool = False) -> None:
    with replacing(target, force) as staged, staged.open("w", encoding="utf-8") as out:
        write_json(catalog, out)
