"""The dataset in the browser (``albrel serve``): the SQLite export, published with Datasette.

``metadata`` describes the exported database for Datasette: what the data is and where it comes
from, every table and column (the column texts come from the record definitions in ``model``,
so they are written once), facets, sort orders, label columns for foreign keys, full-text
search and canned queries with parameters. ``export_for_web`` writes the database and the
metadata into a folder, and reuses them while the data file, albrel and this module are
unchanged. ``serve`` runs Datasette on them until Ctrl-C.

Datasette is an optional dependency (``pip install 'albrel[web]'``); it is imported only by
the process that serves, never by this module.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

from . import model
from .catalog import Catalog
from .errors import AlbrelError
from .export import SEARCH_DOC, TABLES, Table, gather, write_sqlite
from .files import WriteError, replacing

DATABASE = "albrel"
"""The database's name in Datasette: the stem of the exported file."""
DATABASE_FILE = f"{DATABASE}.sqlite"
METADATA_FILE = "metadata.json"
FINGERPRINT_FILE = "fingerprint.json"
NEEDS_DATASETTE = "the web view needs Datasette: pip install 'albrel[web]'"

TABLES_BY_NAME = {table.name: table for table in TABLES}

# --------------------------------------------------------------------------- column texts

RECORDS: dict[str, type[Any]] = {
    "sources": model.Source, "countries": model.Country, "periods": model.RelationPeriod,
    "alt_dates": model.DateClaim, "missions": model.Mission, "figures": model.Figure,
    "organisations": model.Organisation, "memberships": model.Organisation,
    "people": model.Person, "tenures": model.Tenure, "events": model.Event,
    "agreements": model.Agreement, "agreement_steps": model.AgreementStep,
    "country_aliases": model.Country, "person_aliases": model.Person,
    "person_roles": model.Person, "agreement_topics": model.Agreement,
}
"""The record definition each exported table's columns come from."""

FIELDS: dict[tuple[str, str], str] = {
    ("periods", "start_date"): "start", ("periods", "end_date"): "end",
    ("tenures", "start_date"): "start", ("tenures", "end_date"): "end",
    ("memberships", "date_joined"): "joined", ("memberships", "date_left"): "left",
    ("agreements", "status"): "current_status", ("agreements", "ended"): "end_date",
    ("country_aliases", "alias"): "aliases", ("person_aliases", "alias"): "aliases",
    ("person_roles", "role"): "roles", ("agreement_topics", "topic"): "topics",
}
"""Export columns named differently from the field (or property) of the record they hold."""

EXPORT_ONLY: dict[tuple[str, str], str] = {
    ("periods", "ended"): "1 once the period is over (it has an end date, or is known to have "
                          "ended without one), else 0.",
    ("missions", "is_closed"): "1 once the mission has closed (it has a closing date, or is "
                               "known to have closed without one), else 0.",
    ("agreements", "in_force"): "When it entered into force: the date of its first in-force "
                                "step, if a source dates one.",
    ("citations", "record_type"): "What kind of record cites the source: country, period, "
                                  "alt_date, mission, figure, event, agreement, org or person.",
    ("citations", "record_id"): "The record's id (a period's is country#n, its nth period).",
}
"""Columns the export computes, which no single field of the model holds."""

SEARCH_COLUMNS = {
    "type": "What the record is: country, event, agreement, person or org.",
    "id": "Its id, in the table of that kind.",
    "title": "Its name or title.",
    "text": "The texts a search looks at: aliases, summary, place, people named ...",
}



@dataclasses.dataclass(frozen=True)
class View:
    """A view the web database adds over an exported table: some of its columns, and columns
    computed from them (name -> (SQL expression, description))."""

    name: str
    doc: str
    table: str
    columns: tuple[str, ...]
    computed: dict[str, tuple[str, str]]

    def sql(self) -> str:
        picked = [f"{self.computed[c][0]} AS {c}" if c in self.computed else c
                  for c in self.columns]
        return f"CREATE VIEW {self.name} AS SELECT {', '.join(picked)} FROM {self.table}"


VIEWS = (
    View("events_by_decade", "Every event with the decade it falls in, to count and filter "
         "events by decade (facet on decade).", "events",
         ("id", "decade", "date", "kind", "title", "place", "source_id"),
         {"decade": ("CAST(substr(date, 1, 3) AS INTEGER) * 10",
                     "The decade the event falls in, as its first year (1990 for 1990-1999); "
                     "empty for an undated event.")}),
)
"""Views added to the web database."""

SEARCHABLE = {"countries": ("name", "summary"), "events": ("title", "summary", "place"),
              "agreements": ("title", "summary", "place")}
"""Tables with a full-text index of their own in the web database (``<table>_fts``)."""


def _clean(text: str) -> str:
    return " ".join(text.split())


def _record_doc(cls: type[Any] | None, name: str) -> str | None:
    """The description model.py gives a field (its ``doc``) or a property (its docstring)."""
    if cls is None:
        return None
    for item in dataclasses.fields(cls):
        if item.name == name:
            doc = item.metadata.get("doc")
            return _clean(doc) if isinstance(doc, str) else None
    attribute = getattr(cls, name, None)
    if isinstance(attribute, property) and attribute.__doc__:
        return _clean(attribute.__doc__)
    return None


def column_doc(table: Table, column: str) -> str:
    """What a column of an exported table holds, in the model's words where the model has a
    field for it; a reference says which table it points to."""
    if (table.name, column) in EXPORT_ONLY:
        return EXPORT_ONLY[table.name, column]
    targets = {name: other for name, other, _ in table.references}
    cls = RECORDS.get(table.name)
    field = FIELDS.get((table.name, column), column)
    doc = _record_doc(cls, field)
    if doc is None and column.endswith("_id"):
        doc = _record_doc(cls, column.removesuffix("_id"))  # source_id -> source
    if column in targets:
        noun = column.rsplit("_", 1)[0].replace("_", " ")
        return f"{(doc or f'The {noun}').rstrip('.')} (see {targets[column]})."
    if doc is not None:
        return doc
    if column == "position" and table.key[0].endswith("_id"):
        owner = table.key[0].removesuffix("_id")
        return f"Numbered from 1 within each {owner}, in the order of the data."
    return f"{column.replace('_', ' ').capitalize()}: {table.doc[0].lower()}{table.doc[1:]}"


# --------------------------------------------------------------------------- metadata

COUNTRY_MATCH = (
    "(c.id = lower(trim(:country)) OR lower(c.name) = lower(trim(:country)) "
    "OR upper(trim(:country)) IN (c.iso2, c.iso3) OR c.id IN (SELECT country_id FROM "
    "country_aliases WHERE lower(alias) = lower(trim(:country))))"
)
"""A country named by id, English name, ISO code or alias (ASCII case ignored)."""

# Dates are text at their source's precision, so a bound is compared at its widest: text
# starting with the date sorts before date || '~' ('~' follows every digit and '-'), which makes
# start <= :date || '~' "began by the end of :date" and end || '~' >= :date "ended no earlier
# than the start of :date" -- the rules of ``albrel countries --as-of``.
QUERIES: dict[str, dict[str, Any]] = {
    "relations_on": {
        "title": "Relations in force on a date",
        "description": "The states Albania had relations with at some time within a date "
                       "(1965, 1991-03 or 1991-03-15), as albrel countries --as-of answers. "
                       "A period whose start is undated, or that ended at a date no source "
                       "gives, leaves the answer unknown and is not listed.",
        "sql": "SELECT c.id, c.name, c.region, c.status, min(p.start_date) AS period_start, "
               "p.end_date AS period_end FROM countries c "
               "JOIN periods p ON p.country_id = c.id "
               "WHERE p.start_date IS NOT NULL AND p.start_date <= :date || '~' "
               "AND ((p.end_date IS NULL AND p.ended = 0) OR p.end_date || '~' >= :date) "
               "GROUP BY c.id ORDER BY c.name",
        "params": ["date"],
    },
    "missions_open_in_tirana": {
        "title": "Missions open in Tirana",
        "description": "The partners' embassies and other missions in Tirana that are open "
                       "today (albrel missions --side partner --city Tirana).",
        "sql": "SELECT m.id, c.name AS country, m.kind, m.level, m.opened, m.note, "
               "m.source_id FROM missions m JOIN countries c ON c.id = m.country_id "
               "WHERE m.city = 'Tirana' AND m.side = 'partner' AND m.is_closed = 0 "
               "ORDER BY c.name, m.opened",
    },
    "agreements_in_decade": {
        "title": "Agreements with a partner in a decade",
        "description": "Treaties, agreements and memoranda a country (id, name, ISO code or "
                       "alias) signed with Albania in a decade (1990, or any year in it).",
        "sql": "SELECT a.date, a.title, a.kind, a.status, a.id FROM agreements a "
               "JOIN parties p ON p.agreement_id = a.id "
               "JOIN countries c ON c.id = p.country_id "
               f"WHERE {COUNTRY_MATCH} AND substr(a.date, 1, 3) = substr(trim(:decade), 1, 3) "
               "ORDER BY a.date, a.id",
        "params": ["country", "decade"],
    },
    "events_of_country": {
        "title": "Events of a country",
        "description": "Everything that happened between Albania and a country (id, name, "
                       "ISO code or alias), oldest first, undated events last.",
        "sql": "SELECT e.date, e.kind, e.title, e.place, e.id FROM events e "
               "JOIN event_countries ec ON ec.event_id = e.id "
               "JOIN countries c ON c.id = ec.country_id "
               f"WHERE {COUNTRY_MATCH} ORDER BY e.date IS NULL, e.date, e.id",
        "params": ["country"],
    },
}
"""Canned queries: questions albrel's commands answer, as SQL with parameters."""

FACETS = {"countries": ["region", "status"], "events": ["kind"], "missions": ["side", "kind"],
          "agreements": ["kind", "status"], "events_by_decade": ["decade", "kind"],
          "search": ["type"]}
# Newest first: SQLite sorts NULL lowest, so an ascending sort would open on the undated.
SORT_DESC = {"events": "date", "agreements": "date", "events_by_decade": "date"}
LABELS = {"sources": "title", "countries": "name", "organisations": "name", "people": "name",
          "events": "title", "agreements": "title"}


def _table_metadata(name: str, description: str, columns: dict[str, str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"description": description, "columns": columns}
    if name in FACETS:
        entry["facets"] = FACETS[name]
    if name in SORT_DESC:
        entry["sort_desc"] = SORT_DESC[name]
    if name in LABELS:
        entry["label_column"] = LABELS[name]
    if name in SEARCHABLE:
        entry["fts_table"] = f"{name}_fts"
        entry["fts_pk"] = "rowid"
    return entry


def metadata(catalog: Catalog) -> dict[str, Any]:
    """Datasette's metadata for the database ``export_for_web`` writes (``albrel.sqlite``)."""
    from ._version import __version__

    dataset = gather(catalog)
    origin = Path(dataset.origin).name
    description = (
        f"Albania's bilateral relations: {len(dataset.countries)} states with the periods of "
        f"relations, missions and figures, {len(dataset.events)} events, "
        f"{len(dataset.agreements)} agreements, {len(dataset.organisations)} organisations and "
        f"{len(dataset.people)} people. Every fact names its source: the {len(dataset.sources)} "
        "public documents in the sources table (ministries, embassies, archives, the press, "
        "encyclopedia articles). Dates are text at their source's precision (1924, 1922-04, "
        f"2013-12-09). Exported by albrel {__version__} from {origin}."
    )
    tables = {table.name: _table_metadata(
        table.name, table.doc, {column: column_doc(table, column) for column, _ in table.columns})
        for table in TABLES}
    tables["search"] = _table_metadata(
        "search", f"{SEARCH_DOC} Searches match whole words, accents ignored; add "
        "_searchmode=raw for FTS5 syntax (corfu*, \"corfu channel\", NEAR).", SEARCH_COLUMNS)
    for view in VIEWS:
        tables[view.name] = _table_metadata(view.name, view.doc, {
            column: view.computed[column][1] if column in view.computed
            else column_doc(TABLES_BY_NAME[view.table], column) for column in view.columns})
    return {
        "title": "Albania's bilateral relations",
        "description": description,
        "source": "The public documents each record cites (the sources table)",
        "source_url": f"/{DATABASE}/sources",
        "databases": {DATABASE: {"description": description, "tables": tables,
                                 "queries": QUERIES}},
    }


# --------------------------------------------------------------------------- export


def _add_web_tables(database: Path) -> None:
    """The views and per-table full-text indexes the web view adds to the export."""
    import sqlite3

    connection = sqlite3.connect(database)
    try:
        with connection:
            for view in VIEWS:
                connection.execute(view.sql())
            for table, columns in SEARCHABLE.items():
                connection.execute(
                    f"CREATE VIRTUAL TABLE {table}_fts USING fts5 ({', '.join(columns)}, "
                    f"content=\"{table}\", tokenize = 'unicode61 remove_diacritics 2')")
                connection.execute(f"INSERT INTO {table}_fts ({table}_fts) VALUES ('rebuild')")
    except sqlite3.Error as exc:
        raise WriteError(f"cannot write {database} ({exc})") from None
    finally:
        connection.close()


def fingerprint(catalog: Catalog) -> list[Any] | None:
    """What the web export depends on: the data file (path, size, mtime, checksum), albrel's
    version, Python's and the model (``cache.key``), and the code that writes the export. None
    when the catalog has no file behind it."""
    from . import cache

    key = cache.key(Path(catalog.origin)) if catalog.origin != "<memory>" else None
    if key is None:
        return None
    here = Path(__file__).parent
    code = zlib.crc32((here / "web.py").read_bytes() + (here / "export.py").read_bytes())
    found: list[Any] = json.loads(json.dumps([*key, code]))
    return found


def export_for_web(catalog: Catalog, folder: Path) -> Path:
    """Write ``albrel.sqlite`` and ``metadata.json`` into ``folder`` (made if need be) and
    return the database's path. An export whose fingerprint matches the data is reused as it
    is; otherwise both files are rewritten, each atomically, and the fingerprint last."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot make {folder} ({exc.strerror or exc})") from None
    database, meta = folder / DATABASE_FILE, folder / METADATA_FILE
    marker = folder / FINGERPRINT_FILE
    wanted = fingerprint(catalog)
    if wanted is not None and database.is_file() and meta.is_file():
        try:
            if json.loads(marker.read_text(encoding="utf-8")) == wanted:
                return database
        except (OSError, ValueError):
            pass
    marker.unlink(missing_ok=True)
    dataset = gather(catalog)
    with replacing(database, True) as staged:
        write_sqlite(dataset, staged)
        _add_web_tables(staged)
    with replacing(meta, True) as staged, staged.open("w", encoding="utf-8") as out:
        json.dump(metadata(dataset), out, indent=2, ensure_ascii=False)
        out.write("\n")
    if wanted is not None:
        with replacing(marker, True) as staged:
            staged.write_text(json.dumps(wanted) + "\n", encoding="utf-8")
    return database


def default_folder() -> Path:
    """Where ``albrel serve`` keeps its export: ``web`` in albrel's cache directory."""
    from .cache import cache_dir

    return cache_dir() / "web"


# --------------------------------------------------------------------------- serving


def datasette_command(database: Path, meta: Path, *, host: str, port: int) -> list[str]:
    """The command that serves ``database`` with ``meta`` (``python -m datasette serve``)."""
    return [sys.executable, "-m", "datasette", "serve", str(database), "--metadata", str(meta),
            "--host", host, "--port", str(port)]


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(catalog: Catalog, *, host: str, port: int, folder: Path) -> int:
    """Export the catalog into ``folder`` and serve it with Datasette until the server stops
    or Ctrl-C; returns Datasette's exit code (0 after Ctrl-C).

    Raises AlbrelError when Datasette is not installed."""
    import importlib.util

    from .process import say

    if importlib.util.find_spec("datasette") is None:
        raise AlbrelError(NEEDS_DATASETTE)
    database = export_for_web(catalog, folder)
    command = datasette_command(database, folder / METADATA_FILE, host=host, port=port)
    say(f"albrel: serving {url(host, port)} (Ctrl-C stops)")
    try:
        server = subprocess.Popen(command)
    except OSError as exc:
        raise AlbrelError(f"cannot start Datasette ({exc.strerror or exc})") from None
    try:
        return server.wait()
    except KeyboardInterrupt:
        # Ctrl-C at a terminal reaches Datasette too (same process group); give it time to
        # stop, then stop it ourselves.
        _stop(server)
        return 0


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Wait for the server to stop; terminate it, then kill it, if it does not."""
    for stop in (None, server.terminate, server.kill):
        if stop is not None:
            stop()
        try:
            server.wait(timeout=5)
            return
        except subprocess.TimeoutExpired:
            continue
        except KeyboardInterrupt:  # a second Ctrl-C: stop waiting politely
            continue
