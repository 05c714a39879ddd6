"""Pictures for the terminal: the relation strip of ``show``, events per year of
``timeline --chart`` and the ``stats`` page."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from albrel_cli.model import Country, EventCounts, Stats


def _blocks(console: Console) -> tuple[str, str]:
    """A full and an empty cell: block characters where the output can encode them."""
    encoding = (console.encoding or "").lower()
    return ("█", "·") if encoding.startswith("utf") else ("#", ".")


def relation_strip(country: Country, *, width: int = 72, this_year: int | None = None,
                   ascii_only: bool = False) -> Text:
    """One line across the years: ``█`` while relations held, ``·`` while they did not,
    with the years of every change beneath."""
    this_year = this_year or _dt.date.today().year
    if country.status.value == "former" and country.periods and country.periods[-1].end:
        this_year = country.periods[-1].end.year  # a state that ended has no "today"
    starts = [p.start.year for p in country.periods if p.start]
    first = min(starts, default=this_year)
    span = max(this_year - first + 1, 1)
    width = max(min(width, 100), 20)
    full, empty, unsure = ("#", ".", "?") if ascii_only else ("█", "·", "░")
    cells = [empty] * width

    def edge(year: int) -> int:
        """The first cell of a year; a year spans up to the next year's edge."""
        return min(width, max(0, (year - first) * width // span))

    marks: list[tuple[int, str]] = []
    periods = country.periods if country.status.value != "none" else ()
    for index, period in enumerate(periods):
        begin = period.start.year if period.start else first
        later = periods[index + 1].start if index + 1 < len(periods) else None
        if period.end:
            end, fill = period.end.year, full
        elif later is not None or period.ended:  # it ended, but the source says not when
            end, fill = (later.year - 1 if later is not None else this_year), unsure
        else:
            end, fill = this_year, full
        for cell in range(min(edge(begin), width - 1), max(edge(begin) + 1, edge(end + 1))):
            if cells[cell] != full:
                cells[cell] = fill
        marks.append((min(edge(begin), width - 1), str(begin)))
        if period.end:
            marks.append((min(edge(end), width - 1), str(end)))
    strip = Text("".join(cells), style="green")
    axis = [" "] * (width + 4)
    for position, label in sorted(marks):
        if all(c == " " for c in axis[position:position + len(label) + 1]):
            axis[position:position + len(label)] = label
    axis_text = "".join(axis).rstrip()
    legend = f"{full} relations  {empty} none"
    if unsure in cells:
        legend += f"  {unsure} ended, date unknown"
    legend += f"   ({first}–{this_year})"
    return Text.assemble(strip, "\n", axis_text, "\n", Text(legend, style="dim"))


def _bar(count: int, biggest: int, width: int, full: str) -> str:
    if not count:
        return ""
    return full * max(1, round(count * width / max(biggest, 1)))


def write_event_counts(result: EventCounts, console: Console, *, label: str = "") -> None:
    """A bar per year or decade (undated events are counted apart); ``label``
    names what is counted (the countries) in the heading."""
    full, _ = _blocks(console)
    if not result.counts:
        console.print(Text("No dated events to chart.", style="dim"))
        return
    biggest = max(count for _, count in result.counts)
    width = max(10, min(console.width, 100) - 14)
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", style="bold")
    table.add_column()
    table.add_column(justify="right")
    suffix = "s" if result.by == "decade" else ""
    for key, count in result.counts:
        table.add_row(f"{key}{suffix}", Text(_bar(count, biggest, width, full), style="cyan"),
                      str(count))
    heading = f"Events per {result.by}" + (f": {label}" if label else "")
    console.print(Text(heading, style="bold underline"))
    console.print(table)
    total = sum(count for _, count in result.counts)
    busy = sum(1 for _, count in result.counts if count)
    spans = f"{busy} of {len(result.counts)}" if busy < len(result.counts) else str(busy)
    note = f"{total} dated events in {spans} {result.by}s"
    if result.undated:
        note += f"; {result.undated} without a date"
    console.print(Text(note, style="dim"))


def write_stats(result: Stats, console: Console) -> None:
    """Counts by region and status, and a bar chart of relations established per decade."""
    full, _ = _blocks(console)

    def counts(title: str, rows: Sequence[tuple[str, int]]) -> Table:
        table = Table(box=None, padding=(0, 1), header_style="bold underline")
        table.add_column(title, style="bold")
        table.add_column("Countries", justify="right")
        for label, count in rows:
            table.add_row(Text(label), str(count))
        table.add_row(Text("total", style="dim"), Text(str(sum(c for _, c in rows)),
                                                       style="dim"))
        return table

    regions, statuses = counts("Region", result.by_region), counts("Status", result.by_status)
    side: Table | Group
    if console.width >= 60:
        side = Table.grid(padding=(0, 6))
        side.add_row(regions, statuses)
    else:  # side by side they would cut their headings short: one above the other
        side = Group(regions, Text(""), statuses)
    biggest = max((count for _, count in result.per_decade), default=0)
    width = max(10, min(console.width, 100) - 16)
    decades = Table.grid(padding=(0, 1))
    decades.add_column(justify="right", style="bold")
    decades.add_column()
    decades.add_column(justify="right")
    for decade, count in result.per_decade:
        decades.add_row(f"{decade}s", Text(_bar(count, biggest, width, full), style="cyan"),
                        str(count))
    parts = [side, Text(""), Text("Relations established per decade", style="bold underline"),
             decades]
    if result.undated:
        noun = "country" if result.undated == 1 else "countries"
        parts.append(Text(f"{result.undated} {noun} with relations of unknown start",
                          style="dim"))
    console.print(Group(*parts))
