from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from albrel_cli import query, render
from albrel_cli.load import load_dataset
from albrel_cli.render import Format, to_record

from .conftest import REPO

CONTRACT = {
    "countries": {"id", "name", "iso2", "region", "status", "established"},
    "timeline": {"date", "countries", "kind", "title", "summary", "source"},
    "agreements": {"title", "date", "countries", "kind", "status", "source"},
    "search": {"type", "date", "title", "country", "matched"},
    "orgs": {"abbr", "name", "joined"},
}


def _rows(tiny, name: str):
    return {
        "countries": (query.list_countries(tiny), render.COUNTRIES),
        "timeline": (query.timeline(tiny), render.TIMELINE),
        "agreements": (query.agreements(tiny), render.AGREEMENTS),
        "search": (query.search(tiny, "belgium"), render.SEARCH),
        "orgs": (query.organisations(tiny), render.ORGS),
    }[name]


def _emit(rows, fmt: Format, listing, tiny) -> str:
    out = io.StringIO()
    render.emit(rows, fmt, listing=listing, dataset=tiny, out=out)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_json_jsonl_and_csv_share_the_contract_keys(tiny, name: str) -> None:
    rows, listing = _rows(tiny, name)
    as_json = json.loads(_emit(rows, Format.json, listing, tiny))
    as_jsonl = [json.loads(line) for line in _emit(rows, Format.jsonl, listing, tiny)
                .splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(_emit(rows, Format.csv, listing, tiny))))
    assert as_json == as_jsonl
    assert as_json, name
    for record in as_json:
        assert CONTRACT[name] <= set(record)
        assert list(record) == list(listing.fields)
    assert [list(r) for r in as_csv] == [list(listing.fields)] * len(as_csv)
    assert len(as_csv) == len(as_json)


def test_dates_are_strings_as_precise_as_given(tiny) -> None:
    records = [to_record(e, tiny) for e in query.timeline(tiny)]
    assert [r["date"] for r in records] == ["1922-04", "1959-05", "1961-12", "2014-05-14", None]


def test_csv_joins_lists_with_semicolons(tiny) -> None:
    rows = [e for e in query.timeline(tiny) if e.id == "belgium-1924"]
    text = _emit(rows, Format.csv, render.TIMELINE, tiny)
    (record,) = csv.DictReader(io.StringIO(text))
    assert record["countries"] == "belgium; turkey"
    assert record["country"] == "Belgium, Turkey"


def test_empty_results(tiny) -> None:
    assert _emit([], Format.json, render.TIMELINE, tiny) == "[]\n"
    assert _emit([], Format.jsonl, render.TIMELINE, tiny) == ""
    assert _emit([], Format.csv, render.TIMELINE, tiny) == ",".join(render.TIMELINE.fields) + "\n"


def test_table_off_a_terminal_is_plain_tab_separated(tiny) -> None:
    text = _emit(query.list_countries(tiny), Format.table, render.COUNTRIES, tiny)
    assert text.splitlines() == [
        "id\tname\tregion\tstatus\testablished",
        "belgium\tBelgium\tEurope\tactive\t1924",
        "soviet-union\tSoviet Union\tEurope\tformer\t1924-04-07",
        "turkey\tTurkey\tAsia\tactive\t1923-12-15",
    ]
    assert "\x1b" not in text


def test_markdown_escapes_pipes(tiny) -> None:
    rows = [{"abbr": "A|B", "name": "x", "joined": None, "left": None, "status": "member",
             "role": None}]
    text = _emit(rows, Format.md, render.ORGS, tiny)
    assert text.splitlines() == [
        "| Abbr | Organisation | Joined | Left | Status |",
        "| --- | --- | --- | --- | --- |",
        "| A\\|B | x |  |  | member |",
    ]


def test_rich_table_prints_markup_literally(tiny, snapshot) -> None:
    from albrel_cli.render.records import shown_columns
    from albrel_cli.render.table import write_table

    out = io.StringIO()
    records = [to_record(e, tiny) for e in query.timeline(tiny)]
    write_table(records, shown_columns(render.TIMELINE.columns, records), out)
    text = out.getvalue()
    assert "[link=https://x]" in text
    assert text == snapshot


def test_relation_strip_marks_gaps(tiny) -> None:
    from albrel_cli.render.chart import relation_strip

    soviet = tiny.country_by_id["soviet-union"]
    strip = relation_strip(soviet, width=68, this_year=2030).plain.splitlines()
    assert strip[0] == "█" * 38 + "·" * 28 + "█" * 2
    assert strip[1].startswith("1924")
    assert "1961" in strip[1]


# --------------------------------------------------------------------------- table layout


def test_fit_widths_keeps_natural_widths_that_fit() -> None:
    from albrel_cli.render.table import fit_widths

    assert fit_widths([10, 20, 5], [4, 6, 5], 35) == [10, 20, 5]
    assert fit_widths([10, 20, 5], [4, 6, 5], 100) == [10, 20, 5]


def test_fit_widths_narrows_the_widest_first() -> None:
    from albrel_cli.render.table import fit_widths

    # 34-cell ids and names, 10/11/12-cell region, status and date columns in 74 cells.
    assert fit_widths([34, 34, 10, 11, 12], [20, 17, 10, 11, 12], 74) == [21, 20, 10, 11, 12]
    # A minimum holds even when that column is the widest.
    assert fit_widths([30, 30], [25, 2], 40) == [25, 15]
    # Minimums that do not fit: the widest give way again, down to one cell.
    assert fit_widths([10, 10, 4], [8, 8, 4], 15) == [6, 5, 4]
    assert fit_widths([3, 3], [3, 3], 1) == [1, 1]


def test_fit_widths_weight_keeps_titles_wide() -> None:
    from albrel_cli.render.table import fit_widths

    # A timeline at 80 columns: date, countries, kind, and the title of weight 2.
    assert fit_widths([12, 60, 12, 90], [12, 12, 10, 14], 75, [1, 1, 1, 2]) == [12, 17, 12, 34]


@given(st.lists(st.tuples(st.integers(1, 60), st.integers(1, 60), st.integers(1, 3)),
                min_size=1, max_size=8),
       st.integers(0, 250))
def test_fit_widths_properties(columns: list[tuple[int, int, int]], available: int) -> None:
    from albrel_cli.render.table import fit_widths

    natural = [n for n, _, _ in columns]
    minimum = [min(m, n) for n, m, _ in columns]
    widths = fit_widths(natural, [m for _, m, _ in columns], available, [w for *_, w in columns])
    assert len(widths) == len(natural)
    assert all(1 <= w <= n for w, n in zip(widths, natural, strict=True))
    if sum(natural) <= available:
        assert widths == natural
    elif sum(minimum) <= available:
        assert sum(widths) == available
        assert all(w >= m for w, m in zip(widths, minimum, strict=True))
    else:
        assert sum(widths) == max(available, len(widths))


def _plain(renderable, width: int) -> str:
    from albrel_cli.render.console import make_console

    out = io.StringIO()
    console = make_console(out)
    console.width = width
    console.print(renderable)
    return out.getvalue()


def test_fitted_table_draws_as_a_padded_rich_table(tiny) -> None:
    """albrel's cells draw their own padding; where the table fits, the result is what Rich
    draws with its own padding and measuring."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from albrel_cli.render.table import build_table

    records = [to_record(e, tiny) for e in query.timeline(tiny)]
    columns = render.TIMELINE.columns
    reference = Table(box=box.SIMPLE_HEAD, header_style="bold")
    for column in columns:
        reference.add_column(column.heading)
    for record in records:
        reference.add_row(*(Text(str(record[c.key]) if record[c.key] is not None else "—",
                                 style="" if record[c.key] is not None else "dim")
                            for c in columns))
    assert _plain(build_table(records, columns), 200) == _plain(reference, 200)


@pytest.mark.parametrize("width", [80, 100])
def test_country_names_are_not_broken_inside_words(width: int) -> None:
    """At 80 columns the 32-letter ids used to squeeze the names into fragments (Argenti/na)."""
    from albrel_cli.render.table import build_table

    dataset = load_dataset(REPO / "data" / "relations.toml")
    records = [to_record(c, dataset) for c in query.list_countries(dataset)]
    text = _plain(build_table(records, render.COUNTRIES.columns), width)
    assert max(len(line) for line in text.splitlines()) <= width
    words = {word for record in records for word in record["name"].split()}
    cells = {cell for line in text.splitlines() for cell in line.split()}
    assert words <= cells, sorted(words - cells)


def test_show_page_stacks_its_records_on_a_narrow_terminal(tiny, monkeypatch) -> None:
    """Below 60 columns the page's periods and events are blocks of lines, as listings are,
    not tables squeezed letter by letter."""
    from albrel_cli.render.page import write_detail

    monkeypatch.setenv("COLUMNS", "40")
    out = io.StringIO()
    detail = query.country_detail(tiny, query.resolve_country(tiny, "ussr"))
    write_detail(detail, tiny, out, this_year=2026)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 40
    assert any(line.split() == ["Event", "Khrushchev", "visits", "Albania"] for line in lines)
    assert any(line.split() == ["Until", "1961-12"] for line in lines)


def test_stats_stack_on_a_narrow_terminal(tiny, monkeypatch) -> None:
    from albrel_cli.render.chart import write_stats
    from albrel_cli.render.console import make_console

    monkeypatch.setenv("COLUMNS", "40")
    out = io.StringIO()
    write_stats(query.stats(tiny), make_console(out))
    lines = out.getvalue().splitlines()
    assert "…" not in out.getvalue()
    assert lines[0].split() == ["Region", "Countries"]
    assert ["Status", "Countries"] in [line.split() for line in lines]
    assert max(len(line) for line in lines) <= 40


@pytest.mark.parametrize("fmt", [Format.json, Format.jsonl, Format.csv])
def test_listings_stream_record_by_record(tiny, fmt: Format) -> None:
    """Each record is written before the next is made: a long listing starts at once and
    never holds all its text; the result is what the whole list gives."""
    events = query.timeline(tiny)
    out = io.StringIO()
    seen: list[int] = []

    def rows():
        for index, event in enumerate(events):
            if index:  # the record before is already out
                seen.append(len(out.getvalue()))
                assert events[index - 1].title.split()[0] in out.getvalue()
            yield event

    render.emit(rows(), fmt, listing=render.TIMELINE, dataset=tiny, out=out)
    assert seen == sorted(seen)
    assert len(set(seen)) == len(seen)  # output grew between records
    whole = io.StringIO()
    render.emit(list(events), fmt, listing=render.TIMELINE, dataset=tiny, out=whole)
    assert out.getvalue() == whole.getvalue()
