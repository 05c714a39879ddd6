"""The ``show`` page on a terminal: facts, the relation strip, periods (and the predecessor's),
other dates, missions, figures, events, agreements and sources."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from albrel_cli.model import CountryDetail, Lookup, SourceDetail

from .chart import relation_strip
from .console import make_console
from .records import (
    AGREEMENTS,
    TIMELINE,
    Column,
    cited_ids,
    shown_columns,
    source_label,
    source_parts,
    to_record,
)
from .table import cell_text, records_block, write_note

SOURCE_NOTE = Column("ref", "Src", wrap=False)  # the numbers of the sources listed below
PERIODS = (Column("start", "From", wrap=False), Column("start_how", "How"),
           Column("end", "Until", wrap=False), Column("end_how", "How"), SOURCE_NOTE)
CITATIONS = (Column("type", "Type", wrap=False), Column("id", "ID", wrap=False),
             Column("title", "Title", weight=2))


class _Facts:
    """Label and value pairs. A long label wraps rather than squeezing its value: the label
    keeps at most a third of the width, and the value the rest, wrapped at its spaces, so
    that nothing runs past the edge and is cut off."""

    def __init__(self, pairs: Sequence[tuple[str, Any]]) -> None:
        self.rows = [(Text(label), cell_text(value)) for label, value in pairs
                     if value not in (None, "", [])]

    @staticmethod
    def _widest(texts: Sequence[Text]) -> int:
        return max((cell_len(line) for text in texts for line in text.plain.splitlines()),
                   default=1)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Table]:
        space = 2
        available = max(options.max_width - space, 2)
        labels = min(self._widest([label for label, _ in self.rows]), max(available // 3, 1))
        values = max(min(self._widest([value for _, value in self.rows]), available - labels),
                     1)
        grid = Table.grid(padding=(0, space))
        grid.add_column(style="bold", width=labels, overflow="fold")
        grid.add_column(width=values, overflow="fold")
        for label, value in self.rows:
            grid.add_row(label, value)
        yield grid


def _facts(pairs: Sequence[tuple[str, Any]]) -> _Facts:
    return _Facts(pairs)


def _section(title: str, body: Any) -> Group:
    return Group(Text(""), Text(title, style="bold underline"), Padding(body, (0, 0, 0, 2)))


class _Notes:
    """The sources of a page, numbered in order of first appearance: [1], [2] ..."""

    def __init__(self, *records: Any) -> None:
        self.numbers: dict[str, int] = {}
        for record in records:
            self.add(record)

    def add(self, record: Any) -> None:
        for source in cited_ids(record):
            self.numbers.setdefault(source, len(self.numbers) + 1)

    def refs(self, item: dict[str, Any]) -> str:
        return "[" + ", ".join(str(self.numbers[i]) for i in cited_ids(item)
                               if i in self.numbers) + "]"

    def numbered(self, items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**item, "ref": self.refs(item)} for item in items]

    def section(self, dataset: Lookup | None) -> Group:
        """The Sources section of a picture (SVG, HTML), whose lines cannot run past its
        edge: each source with its address folded to the width."""
        return _section("Sources", _facts([
            (f"[{n}]", f"{source_label(dataset, source_id)} ({source_id})")
            for source_id, n in self.numbers.items()]))

    def write(self, dataset: Lookup | None, console: Console) -> None:
        """The Sources section: each source's title, publisher and id, and its address on a
        line of its own when it does not fit after them, never split."""
        console.print(Text(""))
        console.print(Text("Sources", style="bold underline"))
        width = max((len(f"[{n}]") for n in self.numbers.values()), default=3)
        for source_id, n in self.numbers.items():
            label, url = source_parts(dataset, source_id)
            prefix = Text.assemble("  ", (f"[{n}]".ljust(width), "bold"), "  ")
            write_note(console, Text(f"{label} ({source_id})"), url, prefix=prefix)


def _relations(detail: CountryDetail, record: dict[str, Any], notes: _Notes,
               console: Console, this_year: int | None) -> list[Any]:
    """The relation strip and periods of a country, and of the states before it."""
    parts: list[Any] = []
    strip_width = min(console.width, 100) - 4
    ascii_only = not (console.encoding or "").lower().startswith("utf")
    country = detail.country
    if country.periods:
        strip = relation_strip(country, width=strip_width, this_year=this_year,
                               ascii_only=ascii_only)
        parts.append(_section("Relations", strip))
        parts.append(Padding(records_block(notes.numbered(_shown_periods(record["periods"])),
                                           PERIODS, console.width), (0, 0, 0, 2)))
    for before in detail.predecessors:
        if before.periods:
            periods = [to_record(p) for p in before.periods]
            notes.add(periods)
            parts.append(_section(f"Relations with the predecessor state, {before.name}",
                                  relation_strip(before, width=strip_width,
                                                 this_year=this_year, ascii_only=ascii_only)))
            parts.append(Padding(records_block(notes.numbered(_shown_periods(periods)),
                                               PERIODS, console.width), (0, 0, 0, 2)))
    return parts


def _mission_line(m: dict[str, Any]) -> str:
    """``embassy in Rome (ambassador), 1991 – open`` or ``... 1922 – 1939-04 (closed)``."""
    where = (f"accredited from its embassy in {m['city']}" if m["kind"] == "non-resident"
             else f"{m['kind']} in {m['city']}")
    level = f" ({m['level']})" if m["level"] else ""
    closed = m["closed"] or ("closed, date unknown" if m["is_closed"] else "open")
    span = f", {m['opened'] or '?'} – {closed}"
    seen = f"; seen open {m['seen_open']}" if m["seen_open"] else ""
    return where + level + span + seen + (f" ({m['note']})" if m["note"] else "")


def write_relations(detail: CountryDetail, dataset: Lookup | None, console: Console, *,
                    this_year: int | None = None) -> None:
    """A country's relation strip and periods (and its predecessors'), with their sources:
    the picture ``show --output`` saves."""
    record = to_record(detail, dataset)
    notes = _Notes(record["periods"])
    parts = [Text(f"Albania and {detail.country.name}", style="bold"),
             *_relations(detail, record, notes, console, this_year), notes.section(dataset)]
    console.print(Group(*parts))


def write_detail(detail: CountryDetail, dataset: Lookup | None, out: TextIO, *,
                 this_year: int | None = None) -> None:
    """The ``show`` page: facts, the relation strip, periods, missions, figures, events,
    agreements and sources."""
    console = make_console(out)
    country = detail.country
    record = to_record(detail, dataset)
    notes = _Notes(record)
    codes = " / ".join(code for code in (country.iso2, country.iso3) if code) or None
    parts: list[Any] = [
        Text(country.name, style="bold"),
        _facts([
            ("id", country.id), ("ISO", codes),
            ("aliases", _distinct(country.aliases, console.encoding, country.name)),
            ("region", country.region.value), ("status", country.status.value),
            ("established", record["established"]),
            ("predecessors", [c.name for c in detail.predecessors]),
            ("successors", [c.name for c in detail.successors]),
            ("list rank", country.list_rank),
            ("searched", country.searched),
        ]),
        Text(""),
        Text(country.summary),
        *_relations(detail, record, notes, console, this_year),
    ]
    if country.alt_dates:
        parts.append(_section("Other dates the sources give", _facts([
            (claim["date"], f"{_claim_label(claim)} {notes.refs(claim)}"
             + (f" — {claim['note']}" if claim["note"] else ""))
            for claim in record["alt_dates"]
        ])))
    if country.missions:
        missions, shown = [], None
        ordered = sorted(record["missions"], key=lambda m: (m["side"] != "albania",
                                                            m["is_closed"]))
        for m in ordered:  # each side's label once, over its missions; open ones first
            label = ("Albania's missions" if m["side"] == "albania"
                     else f"{_possessive(country.name)} missions")
            missions.append(("" if label == shown else label, _mission_line(m)
                             + f" {notes.refs(m)}"))
            shown = label
        if country.missions_searched:
            missions.append(("searched", country.missions_searched))
        parts.append(_section("Missions", _facts(missions)))
    elif country.missions_searched:
        parts.append(_section("Missions", _facts([
            ("none recorded", country.missions_searched)])))
    if country.figures:
        parts.append(_section("Figures", _facts([
            (f["label"], f"{f['value']}" + (f" ({f['date']})" if f["date"] else "")
             + f" {notes.refs(f)}")
            for f in record["figures"]
        ])))
    if record["events"]:
        parts.append(_section(f"Events ({len(record['events'])})",
                              records_block(notes.numbered(record["events"]),
                                            (*shown_columns(TIMELINE.columns, record["events"]),
                                             SOURCE_NOTE), console.width)))
    if record["agreements"]:
        parts.append(_section(f"Agreements ({len(record['agreements'])})",
                              records_block(notes.numbered(record["agreements"]),
                                            (*AGREEMENTS.columns, SOURCE_NOTE),
                                            console.width)))
    console.print(Group(*parts))
    notes.write(dataset, console)


def _distinct(names: Sequence[str], encoding: str, *shown: str) -> list[str]:
    """The names as the output will spell them, each once and none that is already
    ``shown``: where the encoding lacks a letter, "Türkiye" and "Turkiye" read the same."""
    from .ascii import degrade

    seen = {degrade(name, encoding).casefold() for name in shown}
    kept = []
    for name in names:
        spelt = degrade(name, encoding)
        if spelt.casefold() not in seen:
            seen.add(spelt.casefold())
            kept.append(spelt)
    return kept


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


def write_source(detail: SourceDetail, out: TextIO) -> None:
    """``albrel sources ID``: the source, and every record that cites it."""
    console = make_console(out)
    source = detail.source
    parts: list[Any] = [
        Text(source.title, style="bold"),
        _facts([("id", source.id), ("publisher", source.publisher), ("url", source.url),
                ("seed", source.seed),
                ("published", str(source.published) if source.published else None),
                ("note", source.note), ("cited by", f"{len(detail.citations)} records")]),
    ]
    if detail.citations:
        rows = [{"type": c.type, "id": c.id, "title": c.title} for c in detail.citations]
        parts.append(_section("Cited by", records_block(rows, CITATIONS, console.width)))
    console.print(Group(*parts))
