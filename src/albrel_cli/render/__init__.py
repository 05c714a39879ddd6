"""Rendering: one format switch (``emit``) over the plain records of ``render.records``.

Rich is imported only on the terminal paths (``render.table``, ``render.page`` and
``render.chart``); the machine formats are in ``render.machine``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from albrel_cli.catalog import Catalog
from albrel_cli.model import CountryDetail, EventCounts, SourceDetail, SourceUse, Stats

from .records import (
    AGREEMENTS,
    COUNTRIES,
    DECADES,
    MISSIONS,
    ORGS,
    PEOPLE,
    SEARCH,
    SOURCES,
    STATS,
    TIMELINE,
    YEARS,
    Bucket,
    Column,
    Expand,
    ExportFormat,
    Format,
    Listing,
    footnotes,
    record_keys,
    select,
    source_label,
    stats_records,
    stored_fields,
    to_record,
    with_sources,
)

__all__ = [
    "AGREEMENTS", "COUNTRIES", "DECADES", "MISSIONS", "ORGS", "PEOPLE", "SEARCH", "SOURCES",
    "STATS", "TIMELINE", "YEARS",
    "Bucket", "Column", "Expand", "ExportFormat", "Format", "Listing",
    "emit", "emit_event_counts", "emit_one", "emit_pages", "emit_stats",
    "is_terminal", "record_keys", "select", "stats_records", "stored_fields", "to_record",
]


def is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def emit(rows: Iterable[Any], fmt: Format, *, listing: Listing,
         dataset: Catalog | None = None, title: str | None = None,
         out: TextIO | None = None, expand_sources: bool = False) -> None:
    """Write a listing in the chosen format: the only place that switches on the format.

    On a terminal, a listing whose records cite sources numbers them in a column and lists
    them under the table; ``expand_sources`` writes them out in each record instead."""
    out = out or sys.stdout
    # Records are made one at a time as they are written, so a long listing starts at once
    # and never holds all its text in memory.
    records: Iterable[dict[str, Any]] = (to_record(row, dataset) for row in rows)
    if expand_sources and dataset is not None:  # from the whole record, before --fields
        records = (with_sources(record, dataset) for record in records)
        listing = Listing(listing.columns, (*listing.fields, "source_records"),
                          narrowed=listing.narrowed)
    if listing.narrowed:  # by --fields
        records = ({name: record.get(name) for name in listing.fields} for record in records)
    if fmt is Format.table and is_terminal(out):
        from . import table

        records = list(records)
        columns, notes = listing.columns, []
        if listing.cites:
            records, cited = footnotes(records)
            columns = (*columns, Column("ref", "Src", wrap=False))
            notes = [f"[{n}] {source_label(dataset, i)}" for n, i in enumerate(cited, 1)]
        table.write_table(records, columns, out, title=title, notes=notes)
    else:
        from . import machine

        writer = {
            Format.json: machine.write_json, Format.jsonl: machine.write_jsonl,
            Format.csv: machine.write_csv, Format.md: machine.write_markdown,
        }.get(fmt)
        if writer is not None:
            writer(records, out, listing=listing)
        else:
            machine.write_tsv(records, out, listing=listing)
    out.flush()


def emit_one(obj: Any, fmt: Format, *, dataset: Catalog | None = None,
             out: TextIO | None = None, expand_sources: bool = False) -> None:
    """Write one record (``show``, ``sources ID``): a JSON object, a CSV or Markdown row, or
    a terminal page."""
    out = out or sys.stdout
    if fmt in (Format.json, Format.jsonl):
        from . import machine

        record = to_record(obj, dataset)
        if expand_sources and dataset is not None:
            record = with_sources(record, dataset)
        machine.write_json_object(record, out)
    elif fmt in (Format.csv, Format.md):
        if isinstance(obj, SourceDetail):
            emit([SourceUse(obj.source, len(obj.citations))], fmt, listing=SOURCES,
                 dataset=dataset, out=out)
        else:
            country = obj.country if isinstance(obj, CountryDetail) else obj
            emit([country], fmt, listing=COUNTRIES, dataset=dataset, out=out)
        return
    else:
        from . import page

        if isinstance(obj, SourceDetail):
            page.write_source(obj, out)
        else:
            page.write_detail(obj, dataset, out)
    out.flush()


def emit_pages(details: Sequence[CountryDetail], fmt: Format, *,
               dataset: Catalog | None = None, out: TextIO | None = None,
               expand_sources: bool = False) -> None:
    """``show`` for one country or several: one JSON object, or an array of them; a JSON
    line, a CSV or Markdown row, or a terminal page for each."""
    out = out or sys.stdout
    if len(details) == 1 or fmt in (Format.jsonl, Format.table):
        for index, detail in enumerate(details):
            if index and fmt is Format.table:
                out.write("\n")
            emit_one(detail, fmt, dataset=dataset, out=out, expand_sources=expand_sources)
        return
    if fmt is Format.json:  # the whole pages, as emit writes any array of records
        emit(details, fmt, listing=COUNTRIES, dataset=dataset, out=out,
             expand_sources=expand_sources)
        return
    emit([detail.country for detail in details], fmt, listing=COUNTRIES, dataset=dataset,
         out=out)


def emit_stats(result: Stats, fmt: Format, *, out: TextIO | None = None,
               listing: Listing = STATS) -> None:
    """The ``stats`` page on a terminal; flat (group, value, count) rows in any other case."""
    out = out or sys.stdout
    if fmt is Format.table and is_terminal(out) and listing is STATS:
        from . import chart
        from .console import make_console

        chart.write_stats(result, make_console(out))
        out.flush()
    else:
        emit(stats_records(result), fmt, listing=listing, out=out)


def emit_event_counts(result: EventCounts, fmt: Format = Format.table, *,
                      out: TextIO | None = None, label: str = "") -> None:
    """Events per year or decade: a bar chart for the table format (plain characters when
    not on a terminal), and the counts as data in every machine format (``year`` or
    ``decade``, and ``count``; a last row with a null key counts the undated events), so that
    no picture ends up in a JSON stream."""
    out = out or sys.stdout
    if fmt is Format.table:
        from . import chart
        from .console import make_console

        chart.write_event_counts(result, make_console(out), label=label)
        out.flush()
        return
    rows: list[dict[str, Any]] = [{result.by: key, "count": count}
                                  for key, count in result.counts]
    if result.undated:
        rows.append({result.by: None, "count": result.undated})
    listing = YEARS if result.by == "year" else DECADES
    emit(rows, fmt, listing=listing, out=out)


def save_picture(picture: Any, path: Path, *, dataset: Catalog | None = None, label: str = "",
                 force: bool = False) -> None:
    """Draw a chart (EventCounts), the stats page (Stats) or a country's relation periods
    (CountryDetail) into an SVG file, or an HTML page when ``path`` ends in .html, through
    Rich's export. The file is written whole or not at all, and not over an existing one
    unless ``force``."""
    from albrel_cli.files import replacing

    from . import chart, page
    from .console import recording_console

    console = recording_console()
    if isinstance(picture, EventCounts):
        chart.write_event_counts(picture, console, label=label)
        title = f"albrel: events per {picture.by}" + (f" ({label})" if label else "")
    elif isinstance(picture, Stats):
        chart.write_stats(picture, console)
        title = "albrel: relations by region, status and decade"
    else:
        page.write_relations(picture, dataset, console)
        title = f"albrel: Albania's relations with {picture.country.name}"
    html = path.suffix.lower() in (".html", ".htm")
    text = console.export_html(inline_styles=True) if html else console.export_svg(title=title)
    with replacing(path, force) as staged:
        staged.write_text(text, encoding="utf-8")
