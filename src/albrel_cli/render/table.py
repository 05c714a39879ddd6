"""Rich tables and the ``show`` page for a terminal. Text from the data is never read as
markup or emoji codes: every cell is a ``Text``, and the console has markup and emoji off."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from .console import make_console
from .records import Column


def cell_text(value: Any) -> Text:
    if value is None:
        return Text("—", style="dim")
    if isinstance(value, list):
        return Text(", ".join(str(v) for v in value))
    return Text(str(value))


def shown_value(record: dict[str, Any], column: Column) -> Any:
    """What a table cell shows of a record: blank where it would repeat another column
    (``column.unless``), a long list of names folded to "A, B, C and 26 others"."""
    value = record.get(column.key)
    if column.unless is not None and _same(value, record.get(column.unless)):
        return ""
    if column.most:
        names = value.split(", ") if isinstance(value, str) else value
        listed = len(record.get("countries") or ()) + len(record.get("orgs") or ())
        if (isinstance(names, list) and len(names) > column.most + 1
                and listed in (0, len(names))):  # not a name with a comma in it
            rest = len(names) - column.most
            return f"{', '.join(map(str, names[:column.most]))} and {rest} others"
    return value


def _same(value: Any, other: Any) -> bool:
    def plain(text: Any) -> str:
        return " ".join(str(text).split()).casefold()

    return isinstance(value, str) and isinstance(other, str) and plain(value) == plain(other)


# A wrapping column may be narrowed to its longest word, but no further than this: one very
# long word (a 32-letter id) must not keep the other columns from fitting.
WORD_FLOOR = 18
# When even the longest words do not fit, wrapping columns fold their words down to this many
# letters before a date or an abbreviation is cut short.
FOLD_FLOOR = 5


def fit_widths(natural: Sequence[int], minimum: Sequence[int], available: int,
               weights: Sequence[int] | None = None) -> list[int]:
    """Column widths that fit in ``available`` cells.

    Every column gets its natural width if they all fit. Otherwise the widest columns give way
    first, none below its minimum, so a long id cannot squeeze the names beside it into
    fragments; a column of weight 2 (an event's title) keeps twice the width of the others
    that give way. If even the minimums do not fit, the widest give way again, down to one
    cell.
    """
    weights = weights or [1] * len(natural)
    if sum(natural) <= available:
        return list(natural)
    floor = [min(low, high) for low, high in zip(minimum, natural, strict=True)]
    if sum(floor) > available:
        ones = [1] * len(floor)
        return ones if floor == ones else fit_widths(floor, ones, available, weights)

    def widths_at(cap: int) -> list[int]:
        return [max(low, min(high, cap * weight))
                for low, high, weight in zip(floor, natural, weights, strict=True)]

    low_cap, high_cap = 0, max(natural)  # widths_at(low_cap) fit, widths_at(high_cap) do not
    while high_cap - low_cap > 1:
        middle = (low_cap + high_cap) // 2
        if sum(widths_at(middle)) <= available:
            low_cap = middle
        else:
            high_cap = middle
    widths, wider = widths_at(low_cap), widths_at(high_cap)
    spare = available - sum(widths)
    while spare:  # what is left, a cell at a time, to the columns the cap held back
        for index, width in enumerate(widths):
            if spare and width < wider[index]:
                widths[index] += 1
                spare -= 1
    return widths


class _Cell:
    """A table cell: its text with one space either side.

    A padded Rich table wraps every cell in a general-purpose ``Padding``, which lays the text
    out twice; drawing the two spaces here lays it out once.
    """

    __slots__ = ("text",)

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        text = self.text
        lines = text.wrap(console, max(options.max_width - 2, 1),
                          justify=options.justify or "left",
                          overflow=options.overflow or "fold",
                          no_wrap=bool(options.no_wrap))
        space, new_line = Segment(" "), Segment.line()
        for line in lines:
            yield space
            segments = line.render(console)
            if line.style and not line.spans:  # render() applies the style only with spans
                segments = Segment.apply_style(segments, console.get_style(line.style))
            yield from segments
            yield space
            yield new_line


class FittedTable:
    """A table whose column widths albrel chooses (``fit_widths``) for the width it is drawn
    at. Rich then draws the cells without measuring each of them, twice when the table is too
    wide, which was most of the time a 132-row table took (docs/benchmarks.md)."""

    def __init__(self, records: Sequence[dict[str, Any]], columns: Sequence[Column],
                 title: str | None = None) -> None:
        self.columns = columns
        self.title = title
        self.rows = [[cell_text(shown_value(record, column)) for column in columns]
                     for record in records]
        self.natural: list[int] = []
        self.minimum: list[int] = []  # a wrapping column's longest word
        self.least: list[int] = []  # the same, folded
        for index, column in enumerate(columns):
            texts = [Text(column.heading), *(row[index] for row in self.rows)]
            lines = [line for text in texts for line in text.plain.splitlines()]
            natural = max(cell_len(line) for line in lines) + 2
            self.natural.append(natural)
            if column.wrap:
                words = [word for line in lines for word in line.split()]
                longest = max((cell_len(word) for word in words), default=1)
                self.minimum.append(min(longest, WORD_FLOOR) + 2)
                self.least.append(min(longest, FOLD_FLOOR) + 2)
            else:
                self.minimum.append(natural)
                self.least.append(natural)
        # The simple box draws an edge either side and a rule between columns: a cell each.
        self.edges = len(columns) + 1

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(sum(self.least) + self.edges, sum(self.natural) + self.edges)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        available = options.max_width - self.edges
        weights = [column.weight for column in self.columns]
        if sum(self.minimum) <= available:
            widths = fit_widths(self.natural, self.minimum, available, weights)
        else:
            widths = fit_widths(self.minimum, self.least, available, weights)
        table = Table(box=box.SIMPLE_HEAD, title=self.title, title_justify="left",
                      expand=False, header_style="bold", padding=0)
        for column, width in zip(self.columns, widths, strict=True):
            table.add_column(_Cell(Text(column.heading)), width=width,
                             no_wrap=not column.wrap,
                             overflow="fold" if column.wrap else "ellipsis")
        for row in self.rows:
            table.add_row(*(_Cell(text) for text in row))
        yield table


def build_table(records: Sequence[dict[str, Any]], columns: Sequence[Column],
                title: str | None = None) -> FittedTable:
    return FittedTable(records, columns, title)


def write_table(records: Sequence[dict[str, Any]], columns: Sequence[Column], out: TextIO,
                *, title: str | None = None,
                notes: Sequence[tuple[str, str | None]] = ()) -> None:
    """A listing on a terminal, with its notes (the numbered sources: a label and an address)
    under it."""
    console = make_console(out)
    if not records:
        console.print(Text("Nothing matched.", style="dim"))
        return
    console.print(records_block(records, columns, console.width, title))
    console.print(Text(f"{len(records)} shown", style="dim"))
    if notes:
        console.print(Text("\nSources", style="bold"))
        for label, url in notes:
            write_note(console, Text(label, style="dim"), url)


def write_note(console: Console, label: Text, url: str | None, *,
               prefix: Text | None = None) -> None:
    """A source note: its label wrapped at spaces (under ``prefix``, which only the first
    line shows), and its address never split. The address follows the label when it fits on
    the last line, else it stands on a line of its own, running past the edge if it must, so
    that it stays one piece to click or copy."""
    indent = cell_len(prefix.plain) if prefix is not None else 0
    width = max(console.width - indent, 1)
    lines = list(label.wrap(console, width, overflow="fold"))
    if url:
        if lines and cell_len(lines[-1].plain) + 1 + cell_len(url) <= width:
            lines[-1].append(" " + url)
        else:
            lines.append(Text(url, style=label.style))
    for index, line in enumerate(lines):
        if indent:
            line = (prefix if not index and prefix is not None else Text(" " * indent)) + line
        console.print(line, no_wrap=True, overflow="ignore", crop=False)


NARROW = 60  # below this many columns a table squeezes its text away; records are stacked

def records_block(records: Sequence[dict[str, Any]], columns: Sequence[Column], width: int,
                   title: str | None = None) -> Any:
    """A table, or one stacked block per record where a table would break words: below
    ``NARROW`` columns, or when the columns' longest words do not fit side by side."""
    columns = [column for column in columns  # a column that would only repeat another
               if column.unless is None or any(shown_value(r, column) for r in records)]
    if width < NARROW:
        return _cards(records, columns)
    table = build_table(records, columns, title)
    if sum(table.minimum) + table.edges > width:
        return _cards(records, columns)
    return table


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
            value = shown_value(record, column)
            if value != "" or column.unless is None:
                grid.add_row(Text(column.heading), cell_text(value))
        blocks.append(grid)
    return Group(*blocks)
