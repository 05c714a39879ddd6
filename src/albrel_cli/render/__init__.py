"""Rendering: one format switch (``emit``) over the plain records of ``render.records``; the
other ``emit_*`` functions only say which records, listing and picture a result has.

Rich is imported only on the terminal paths (``render.table``, ``render.page`` and
``render.chart``); the machine formats are in ``render.machine``.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

from albrel_cli.model import (
    AgreementDetail,
    CountryDetail,
    EventCounts,
    Lookup,
    PersonDetail,
    SourceDetail,
    Stats,
)

from .records import (
    AGREEMENTS,
    COUNTRIES,
    DECADES,
    MISSIONS,
    ORGS,
    PEOPLE,
    PERSON_DETAIL,
    SEARCH,
    SOURCE_DETAIL,
    SOURCES,
    STATS,
    STEPS,
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
    shown_columns,
    source_parts,
    stats_records,
    stored_fields,
    to_record,
    with_sources,
)

__all__ = [
    "AGREEMENTS", "COUNTRIES", "DECADES", "MISSIONS", "ORGS", "PEOPLE", "PERSON_DETAIL",
    "SEARCH", "SOURCES", "SOURCE_DETAIL", "STATS", "TIMELINE", "YEARS",
    "Bucket", "Column", "Expand", "ExportFormat", "Format", "Listing",
    "counts_listing", "emit", "emit_agreement", "emit_event_counts", "emit_pages",
    "emit_person", "emit_source", "emit_stats",
    "is_terminal", "record_keys", "select", "stats_records", "stored_fields", "to_record",
]


def is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


def emit(rows: Iterable[Any], fmt: Format, *, listing: Listing,
         dataset: Lookup | None = None, title: str | None = None,
         out: TextIO | None = None, expand_sources: bool = False, single: bool = False,
         picture: Callable[[TextIO], None] | None = None, always_draw: bool = False) -> None:
    """Write records in the chosen format: the only place that switches on the format.

    ``picture`` draws what the table format shows instead of a table (a page, a chart): on a
    terminal, and off one too with ``always_draw`` (a page or a chart in plain characters).
    ``single``: JSON writes the one record as an object, not an array. On a terminal, a
    listing whose records cite sources numbers them in a column and lists them under the
    table; ``expand_sources`` writes them out in each record instead."""
    out = out or sys.stdout
    if fmt is Format.table and picture is not None and (always_draw or is_terminal(out)):
        picture(out)
        out.flush()
        return
    # Records are made one at a time as they are written, so a long listing starts at once
    # and never holds all its text in memory.
    records: Iterable[dict[str, Any]] = (to_record(row, dataset) for row in rows)
    if expand_sources and dataset is not None:  # from the whole record, before --fields
        records = (with_sources(record, dataset) for record in records)
        listing = Listing(listing.columns, (*listing.fields, "source_records"),
                          narrowed=listing.narrowed, header=listing.header)
    if listing.narrowed:  # by --fields
        records = ({name: record.get(name) for name in listing.fields} for record in records)
    if fmt is Format.table and is_terminal(out):
        from . import table

        records = list(records)
        columns, notes = shown_columns(listing.columns, records), []
        if listing.cites:
            records, cited = footnotes(records)
            columns = (*columns, Column("ref", "Src"))
            notes = [(f"[{n}] {label}", url) for n, i in enumerate(cited, 1)
                     for label, url in [source_parts(dataset, i)]]
        table.write_table(records, columns, out, title=title, notes=notes)
    else:
        from . import machine

        if fmt in (Format.table, Format.md):  # text tables: the optional columns left out
            listing = dataclasses.replace(listing, columns=shown_columns(listing.columns, None))
        if single and fmt in (Format.json, Format.jsonl):
            for record in records:
                machine.write_json_object(record, out)
        else:
            writer = {
                Format.json: machine.write_json, Format.jsonl: machine.write_jsonl,
                Format.csv: machine.write_csv, Format.md: machine.write_markdown,
            }.get(fmt, machine.write_tsv)
            writer(records, out, listing=listing)
    out.flush()


def emit_pages(details: Sequence[CountryDetail], fmt: Format, *,
               dataset: Lookup | None = None, out: TextIO | None = None,
               expand_sources: bool = False) -> None:
    """``show``: a page for each country; one JSON object for one country and an array for
    several, a JSON line each, or each country's row in CSV and Markdown."""
    def draw(out: TextIO) -> None:
        from . import page

        for index, detail in enumerate(details):
            if index:
                out.write("\n")
            page.write_detail(detail, dataset, out)

    emit(details, fmt, listing=COUNTRIES, dataset=dataset, out=out,
         expand_sources=expand_sources, single=len(details) == 1, picture=draw,
         always_draw=True)


def emit_person(detail: PersonDetail, fmt: Format, *, listing: Listing,
                tenures: Listing = PEOPLE, events: Listing = TIMELINE,
                dataset: Lookup | None = None, out: TextIO | None = None) -> None:
    """``people PERSON``: the offices held and the events that name the person, as two
    listings (``tenures`` and ``events``), or one record with both (``listing``)."""
    def draw(out: TextIO) -> None:
        emit(detail.holdings, Format.table, listing=tenures, dataset=dataset, out=out,
             title=detail.person.name)
        emit(detail.events, Format.table, listing=events, dataset=dataset, out=out)

    emit([detail], fmt, listing=listing, dataset=dataset, out=out, single=True, picture=draw,
         always_draw=True)


def emit_agreement(detail: AgreementDetail, fmt: Format, *, listing: Listing,
                   dataset: Lookup | None = None, out: TextIO | None = None) -> None:
    """``agreements ID``: the agreement and its dated steps, or one record with both."""
    def draw(out: TextIO) -> None:
        emit([detail.agreement], Format.table, listing=listing, dataset=dataset, out=out,
             title=detail.agreement.title)
        if detail.agreement.steps:
            emit(detail.agreement.steps, Format.table, listing=STEPS, dataset=dataset,
                 out=out)

    emit([detail], fmt, listing=listing, dataset=dataset, out=out, single=True, picture=draw,
         always_draw=True)


def emit_source(detail: SourceDetail, fmt: Format, *, dataset: Lookup | None = None,
                out: TextIO | None = None, listing: Listing = SOURCE_DETAIL) -> None:
    """``sources ID``: the source and every record that cites it, as a page or one record
    (the keys chosen by --fields: a table of them instead of the page)."""
    def draw(out: TextIO) -> None:
        from . import page

        page.write_source(detail, out)

    emit([detail], fmt, listing=listing, dataset=dataset, out=out, single=True,
         picture=None if listing.narrowed else draw, always_draw=True)


def emit_stats(result: Stats, fmt: Format, *, out: TextIO | None = None,
               listing: Listing = STATS) -> None:
    """The ``stats`` page on a terminal; flat (group, value, count) rows in any other case."""
    def draw(out: TextIO) -> None:
        from . import chart
        from .console import make_console

        chart.write_stats(result, make_console(out))

    emit(stats_records(result), fmt, listing=listing, out=out,
         picture=None if listing.narrowed else draw)


def counts_listing(result: EventCounts) -> Listing:
    """The listing of events per year or per decade, as ``result`` counts them."""
    return YEARS if result.by == "year" else DECADES


def without_gaps(result: EventCounts) -> EventCounts:
    """The counts with every year or decade between the first and the last, those without
    events counted as 0, so that a chart shows its quiet stretches."""
    if not result.counts:
        return result
    step = 10 if result.by == "decade" else 1
    counted = dict(result.counts)
    keys = range(min(counted), max(counted) + 1, step)
    return EventCounts(result.by, tuple((key, counted.get(key, 0)) for key in keys),
                       result.undated)


def emit_event_counts(result: EventCounts, fmt: Format = Format.table, *,
                      out: TextIO | None = None, label: str = "",
                      listing: Listing | None = None) -> None:
    """Events per year or decade, every one between the first and the last (0 for those
    without events): a bar chart for the table format (plain characters when not on a
    terminal), and the counts as data in every machine format (``year`` or ``decade``, and
    ``count``; a last row with a null key counts the undated events), so that no picture
    ends up in a JSON stream. ``listing``: the keys chosen by --fields (a table of them
    instead of the chart)."""
    result = without_gaps(result)

    def draw(out: TextIO) -> None:
        from . import chart
        from .console import make_console

        chart.write_event_counts(result, make_console(out), label=label)

    rows: list[dict[str, Any]] = [{result.by: key, "count": count}
                                  for key, count in result.counts]
    if result.undated:
        rows.append({result.by: None, "count": result.undated})
    listing = listing or counts_listing(result)
    emit(rows, fmt, listing=listing, out=out, picture=None if listing.narrowed else draw,
         always_draw=True)


def save_picture(picture: Any, path: Path, *, dataset: Lookup | None = None, label: str = "",
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
        picture = without_gaps(picture)
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
