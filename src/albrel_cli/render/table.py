"""Rich tables and the ``show`` page for a terminal. Text from the data is never read as
markup or emoji codes: every cell is a ``Text``, and the console has markup and emoji off."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from albrel_cli.model import Catalog, CountryDetail

from . import Column, to_record
from .chart import relation_strip


def make_console(out: TextIO) -> Console:
    return Console(file=out, markup=False, emoji=False, highlight=False, soft_wrap=False)


def _text(value: Any) -> Text:
    if value is None:
        return Text("—", style="dim")
    if isinstance(value, list):
        return Text(", ".join(str(v) for v in value))
    return Text(str(value))


def build_table(records: Sequence[dict[str, Any]], columns: Sequence[Column],
                title: str | None = None) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", expand=False,
                  header_style="bold")
    for column in columns:
        table.add_column(column.heading, no_wrap=not column.wrap,
                         overflow="fold" if column.wrap else "ellipsis")
    for record in records:
        table.add_row(*(_text(record.get(column.key)) for column in columns))
    return table


def write_table(records: Sequence[dict[str, Any]], columns: Sequence[Column], out: TextIO,
                *, title: str | None = None) -> None:
    console = make_console(out)
    if not records:
        console.print(Text("Nothing matched.", style="dim"))
        return
    if console.width < NARROW:
        console.print(_cards(records, columns))
    else:
        console.print(build_table(records, columns, title))
    console.print(Text(f"{len(records)} shown", style="dim"))


NARROW = 60  # below this many columns a table squeezes its text away; records are stacked


def _cards(records: Sequence[dict[str, Any]], columns: Sequence[Column]) -> Group:
    """One block of ``heading  value`` lines per record, for narrow terminals."""
    blocks: list[Any] = []
    for record in records:
        if blocks:
            blocks.append(Text(""))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for column in columns:
            grid.add_row(Text(column.heading), _text(record.get(column.key)))
        blocks.append(grid)
    return Group(*blocks)


def _facts(pairs: Sequence[tuple[str, Any]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in pairs:
        if value not in (None, "", []):
            grid.add_row(Text(label), _text(value))
    return grid


def _section(title: str, body: Any) -> Group:
    return Group(Text(""), Text(title, style="bold underline"), Padding(body, (0, 0, 0, 2)))


def write_detail(detail: CountryDetail, dataset: Catalog | None, out: TextIO, *,
                 this_year: int | None = None) -> None:
    """The ``show`` page: facts, the relation strip, periods, missions, figures, events,
    agreements and sources."""
    from . import AGREEMENTS, TIMELINE

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
        ]),
        Text(""),
        Text(country.summary),
    ]
    if country.periods:
        strip = relation_strip(country, width=min(console.width, 100) - 4, this_year=this_year)
        parts.append(_section("Relations", strip))
        periods = Table(box=box.SIMPLE_HEAD, header_style="bold")
        for heading in ("From", "How", "Until", "How", "Source"):
            periods.add_column(heading, overflow="fold")
        for period in record["periods"]:
            periods.add_row(*(_text(period[key]) for key in
                              ("start", "start_how", "end", "end_how", "source")))
        parts.append(Padding(periods, (0, 0, 0, 2)))
    if country.alt_dates:
        parts.append(_section("Other dates given for the start of relations", _facts([
            (claim["date"], f"{claim['source']}" + (f" — {claim['note']}" if claim["note"]
                                                    else ""))
            for claim in record["alt_dates"]
        ])))
    if country.embassies:
        missions = [
            ("Albania's missions" if e["side"] == "albania" else f"{country.name}'s missions",
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
                              build_table(record["events"], TIMELINE.columns)))
    if record["agreements"]:
        parts.append(_section(f"Agreements ({len(record['agreements'])})",
                              build_table(record["agreements"], AGREEMENTS.columns)))
    parts.append(_section("Sources", _facts([
        (source_id, _source_label(dataset, source_id)) for source_id in country.sources
    ])))
    console.print(Group(*parts))


def _source_label(dataset: Catalog | None, source_id: str) -> str:
    source = dataset.source(source_id) if dataset else None
    if source is None:
        return source_id
    return f"{source.title} ({source.publisher})" + (f" {source.url}" if source.url else "")
