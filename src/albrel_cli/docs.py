"""The reference documents, written from the record definitions: docs/json.md (the JSON
contract) and docs/dataset.md (the TOML format). ``python tools/gen_docs.py`` writes them; a
test fails when they are out of step with the code."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .model import RECORD_KINDS
from .render.contract import Key, contract

JSON_INTRO = """\
# The JSON contract

Written by `python tools/gen_docs.py` from the record definitions in `src/albrel_cli/model.py`;
`tests/test_contract.py` checks every command's real output against it. Do not edit by hand.

`--json` prints only JSON on stdout: an array of objects for listings (`[]` when nothing
matched), one object for `show`. JSON Lines (`-f jsonl`) prints the same objects one per line,
and CSV (`-f csv`) the same keys as columns (lists joined with `"; "`, objects as JSON). Keys
come in the order below. A `date` is a string at its source's precision: `1924`, `1922-04` or
`2013-12-09`. "null" says whether a key may be `null`; an array is `[]` when empty, never null.

With `--expand sources`, `show`, `timeline` and `agreements` add one key last to each object,
`source_records`: every source the object cites, with the keys of `albrel sources` but `cited`.
"""

DATASET_INTRO = """\
# The dataset format

Written by `python tools/gen_docs.py` from the record definitions in `src/albrel_cli/model.py`,
which is also where `albrel validate` takes the rules from. Do not edit by hand.

A dataset is one TOML file (`data/relations.toml`; `albrel --data FILE` reads another) with
the arrays of tables below. Every record names its source. Dates are quoted partial ISO dates:
`"1924"`, `"1922-04"` or `"2013-12-09"`, only as precise as the source. `albrel validate FILE`
lists every problem with its line and record path, and also checks that ids and ISO codes are
unique, that every reference resolves, that predecessor and successor links point both ways,
and that periods are in order.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _json_rows(keys: tuple[Key, ...], prefix: str = "") -> list[str]:
    rows = []
    for key in keys:
        allowed = f" One of: {', '.join(f'`{v}`' for v in key.values)}." if key.values else ""
        rows.append(f"| `{prefix}{key.name}` | {key.type} | {'yes' if key.nullable else 'no'} "
                    f"| {_cell(key.doc)}{allowed} |")
        rows += _json_rows(key.keys, f"{prefix}{key.name}[].")
    return rows


def json_markdown() -> str:
    parts = [JSON_INTRO]
    for command, keys in contract().items():
        shape = "one object" if command in ("show", "sources ID") else "an array of objects"
        parts.append(f"## `albrel {command} --json`\n\nPrints {shape}.\n\n"
                     "| key | type | null | meaning |\n| --- | --- | --- | --- |\n"
                     + "\n".join(_json_rows(keys)) + "\n")
    return "\n".join(parts)


def _example(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if value is not None else ""


def _dataset_section(table: str, cls: type[Any]) -> list[str]:
    rows, nested = [], []
    for item in dataclasses.fields(cls):
        meta = item.metadata
        if "kind" not in meta:
            continue
        if meta["kind"] == "records":
            nested.append((f"{table}.{item.name}", meta["of"], meta["doc"]))
            continue
        kind = meta["kind"]
        if meta["enum"] is not None:
            kind += ": " + ", ".join(f"`{member.value}`" for member in meta["enum"])
        if meta["ref"]:
            kind += f" (names {meta['ref']})"
        rows.append(f"| `{item.name}` | {kind} | {'yes' if meta['required'] else 'no'} | "
                    f"{_cell(meta['doc'])} | `{_cell(_example(meta['example']))}` |")
    summary = " ".join((cls.__doc__ or "").split())
    lines = [f"## `[[{table}]]`\n", f"{summary}\n",
             "| key | type | required | meaning | example |",
             "| --- | --- | --- | --- | --- |", *rows, ""]
    for name, nested_cls, _doc in nested:
        lines += _dataset_section(name, nested_cls)
    return lines


KIND_NOTES = """\
Kinds: `text` is a non-empty string; `slug` an id of lowercase letters, digits and `-`; `date`
a quoted partial date; `texts` an array of strings; `enum` one of the listed values; `iso2` and
`iso3` two or three capitals; `int` a positive whole number; `bool` `true` or `false`.
"""


EXPORT_INTRO = """\
# The export

Written by `python tools/gen_docs.py` from the table definitions in
`src/albrel_cli/export.py`. Do not edit by hand.

`albrel export FILE` writes an SQLite database; `albrel export --format csv DIR` one CSV file
per table below, with the same columns; `albrel export --format json` one JSON document with
the records as `albrel show` and the listings print them (docs/json.md). Dates are TEXT at their
source's precision (`1924`, `1922-04`, `2013-12-09`); as text they sort in time order, so
`date >= '2000'` keeps everything from 2000 on. Ids are the ids the commands take.

```sh
albrel export albrel.sqlite
datasette albrel.sqlite                      # or: sqlite-utils tables albrel.sqlite
sqlite3 albrel.sqlite "SELECT a.date, a.title FROM agreements a
  JOIN parties p ON p.agreement_id = a.id JOIN countries c ON c.id = p.country_id
  WHERE c.region = 'Europe' AND a.date >= '2000' ORDER BY a.date"
sqlite3 albrel.sqlite "SELECT type, id, title FROM search WHERE search MATCH 'corfu'"
```

In DuckDB: `SELECT * FROM sqlite_scan('albrel.sqlite', 'countries')`; in pandas:
`pandas.read_sql('SELECT * FROM events', sqlite3.connect('albrel.sqlite'))`.
"""


def export_markdown() -> str:
    from .export import DYAD_COLUMNS, DYAD_DOC, SEARCH_DDL, SEARCH_DOC, TABLES

    parts = [EXPORT_INTRO]
    for table in TABLES:
        parts.append(f"## `{table.name}`\n\n{table.doc}\n\n```sql\n{table.ddl()}\n```\n")
    parts.append(f"## `search`\n\n{SEARCH_DOC}\n\n```sql\n{SEARCH_DDL}\n```\n")
    parts.append("## Dyad-years (`albrel export --format dyad-years`)\n\nAlbania's diplomatic "
                 "representation year by year, in the layout of the Correlates of War "
                 "Diplomatic Exchange data (v2006.1, Bayer 2006), so that COW and peacesciencer "
                 "users can merge it directly: one CSV row for each direction of each dyad and "
                 "year, from 1912 (or --from) to this year (or --until).\n\n"
                 "| column | how it is derived |\n| --- | --- |\n"
                 + "".join(f"| `{name}` | {DYAD_DOC[name]} |\n" for name in DYAD_COLUMNS))
    return "\n".join(parts)


ONE_FACT_RULES = (
    ("when relations began", "the first period's `start`", "`established` is derived from it"),
    ("an organisation's joining and leaving", "the event named by `joined_event` / "
     "`left_event`", "`joined` / `left` are taken from it; a date also written on the "
     "organisation must agree"),
    ("a mission's opening and closing", "the event named by `opened_event` / `closed_event`, "
     "or `opened` / `closed`", "taken from the event; a date written in both places must "
     "agree; the shipped data's tests require every event that opens, closes or raises a "
     "mission to be linked from that mission (tests/test_representation.py)"),
    ("when a mission was open", "`opened` / `closed`, else the dates a source shows it open "
     "(`attested_from` / `attested_until`)", "`missions --as-of` and the dyad-years read them "
     "the same way (`Mission.open_during`); attested dates must lie in order within opening "
     "and closing, and `ended` is refused beside a closing date"),
    ("whether relations held when a mission opened", "the periods (and `alt_dates`)",
     "an embassy or legation may not open while no period (nor another source's start date) "
     "holds"),
    ("where an agreement stands", "its dated `steps`", "`status` follows the furthest step; "
     "a stored status behind the steps is reported"),
    ("an agreement's signing and entry into force in a timeline", "the agreement",
     "listed by `timeline` from it, unless an event already tells the signing"),
    ("who held an office on a date", "the tenures", "`people --as-of` and a timeline's "
     "`in_office` are derived from them; overlapping holders of one of Albania's single-holder "
     "offices are reported unless shared or acting"),
)
"""What is stated once and derived elsewhere, or checked by validate (docs/dataset.md)."""

ONE_FACT = ("## One fact, one place\n\nA fact that two records could both state is stated "
            "once and derived, or checked by\n`albrel validate`, which names both places "
            "when they disagree:\n\n| fact | stated in | derived or checked |\n"
            "| --- | --- | --- |\n"
            + "".join(f"| {fact} | {where} | {how} |\n" for fact, where, how in ONE_FACT_RULES))


def dataset_markdown() -> str:
    lines = [DATASET_INTRO, ONE_FACT, KIND_NOTES]
    for table, cls in RECORD_KINDS.items():
        lines += _dataset_section(table, cls)
    return "\n".join(lines)
