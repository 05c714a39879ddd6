"""The ``show`` page on a terminal: facts, the relation strip, periods (and the predecessor's),
other dates, missions, figures, events, agreements and sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from albrel_cli.catalog import Catalog
from albrel_cli.model import CountryDetail

from .chart import relation_strip
from .console import make_console
from .records import AGREEMENTS, TIMELINE, Column, to_record
from .table import cell_text, records_block

PERIODS = (Column("start", "From", wrap=False), Column("start_how", "How"),
           Column("end", "Until", wrap=False), Column("end_how", "How"),
           Column("source", "Source", wrap=False))  # an id is never folded


def _facts(pairs: Sequence[tuple[str, Any]]) -> Table:
    """Label and value pairs. A long label wraps rather than squeezing its value: the label
    keeps at most a third of the width, and the value has room for its words."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", ratio=1, overflow="fold")
    grid.add_column(ratio=2, min_width=20)
    for label, value in pairs:
        if value not in (None, "", []):
            grid.add_row(Text(label), cell_text(value))
    return grid


def _section(title: str, body: Any) -> Group:
    return Group(Text(""), Text(title, style="bold underline"), Padding(body, (0, 0, 0, 2)))


def write_detail(detail: CountryDetail, dataset: Catalog | None, out: TextIO, *,
                 this_year: int | None = None) -> None:
    """The ``show`` page: facts, the relation strip, periods, missions, figures, events,
    agreements and sources."""
    console = make_console(out)
    country = detail.country
    record = to_record(detail, dataset)
    codes = " / ".join(code for code in (country.iso2, country.iso3) if code) or None
    parts: list[Any] = [
        Text(country.name, style="bold"),
        _facts([
            ("id", country.id), ("ISO", codes), ("aliases", list(country.aliases)),
            ("region", country.region.value), ("status", country.status.value),
            ("established", record["established"]),
            ("predecessors", [c.name for c in detail.predecessors]),
            ("successors", [c.name for c in detail.successors]),
            ("list rank", country.list_rank),
            ("searched", country.searched),
        ]),
        Text(""),
        Text(country.summary),
    ]
    strip_width = min(console.width, 100) - 4
    ascii_only = not (console.encoding or "").lower().startswith("utf")
    if country.periods:
        strip = relation_strip(country, width=strip_width, this_year=this_year,
                               ascii_only=ascii_only)
        parts.append(_section("Relations", strip))
        parts.append(Padding(records_block(_shown_periods(record["periods"]), PERIODS,
                                            console.width), (0, 0, 0, 2)))
    for before in detail.predecessors:
        if before.periods:
            periods = [to_record(p) for p in before.periods]
            parts.append(_section(f"Relations with the predecessor state, {before.name}",
                                  relation_strip(before, width=strip_width,
                                                 this_year=this_year, ascii_only=ascii_only)))
            parts.append(Padding(records_block(_shown_periods(periods), PERIODS,
                                                console.width), (0, 0, 0, 2)))
    if country.alt_dates:
        parts.append(_section("Other dates the sources give", _facts([
            (claim["date"], f"{_claim_label(claim)}, {claim['source']}"
             + (f" — {claim['note']}" if claim["note"] else ""))
            for claim in record["alt_dates"]
        ])))
    if country.embassies:
        missions = [
            ("Albania's missions" if e["side"] == "albania"
             else f"{_possessive(country.name)} missions",
             f"{e['kind']} in {e['city']}" + (f", opened {e['opened']}" if e["opened"] else "")
             + (f" ({e['note']})" if e["note"] else ""))
            for e in record["embassies"]
        ]
        parts.append(_section("Missions", _facts(missions)))
    if country.figures:
        parts.append(_section("Figures", _facts([
            (f["label"], f"{f['value']}" + (f" ({f['date']})" if f["date"] else ""))
            for f in record["figures"]
        ])))
    if record["events"]:
        parts.append(_section(f"Events ({len(record['events'])})",
                              records_block(record["events"], TIMELINE.columns,
                                             console.width)))
    if record["agreements"]:
        parts.append(_section(f"Agreements ({len(record['agreements'])})",
                              records_block(record["agreements"], AGREEMENTS.columns,
                                             console.width)))
    parts.append(_section("Sources", _facts([
        (source_id, _source_label(dataset, source_id)) for source_id in country.sources
    ])))
    console.print(Group(*parts))


def _claim_label(claim: dict[str, Any]) -> str:
    """What a disputed date is about: "start of relations", "end of period 2"."""
    if claim["period"] == 1 and claim["boundary"] == "start":
        return "start of relations"
    return f"{claim['boundary']} of period {claim['period']}"


def _possessive(name: str) -> str:
    """"Greece's", but "United States'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _shown_periods(periods: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Periods for the page: an end that is known to have come, though undated, says so."""
    return [{**p, "end": "ended, undated"} if p["ended"] and not p["end"] else p
            for p in periods]


def _source_label(dataset: Catalog | None, source_id: str) -> str:
    source = dataset.source(source_id) if dataset else None
    if source is None:
        return source_id
    return f"{source.title} ({source.publisher})" + (f" {source.url}" if source.url else "")
