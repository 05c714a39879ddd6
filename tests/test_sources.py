"""Citations a reader can follow: albrel sources, numbered source notes under tables and on
the show page, and --expand sources."""

from __future__ import annotations

import json

import pytest

from albrel_cli import query
from albrel_cli.errors import InvalidQueryError

from .conftest import in_pty


def run(runner, *args: str):
    return runner.invoke(list(args))


def test_citations_count_every_record(catalog) -> None:
    cited = query.citations(catalog)
    assert [(c.type, c.id) for c in cited["seed-b"]][:3] == [
        ("country", "soviet-union"), ("period", "soviet-union#1"), ("period", "soviet-union#2")]
    uses = {u.source.id: u.cited for u in query.list_sources(catalog)}
    assert uses == {"seed-a": len(cited["seed-a"]), "seed-b": len(cited["seed-b"])}


def test_sources_filter_by_text_and_country(catalog) -> None:
    assert [u.source.id for u in query.list_sources(catalog, "source B")] == ["seed-b"]
    assert [u.source.id for u in query.list_sources(catalog, "nothing like it")] == []
    belgium = query.resolve_country(catalog, "belgium")
    assert [u.source.id for u in query.list_sources(catalog, country=belgium)] == ["seed-a"]


def test_one_source_and_an_unknown_one(catalog) -> None:
    detail = query.source_detail(catalog, "seed-a")
    assert detail.source.title == "Test source A"
    assert ("agreement", "belgium-social-protection") in {(c.type, c.id)
                                                         for c in detail.citations}
    with pytest.raises(InvalidQueryError,
                       match="no source 'seed-c'; did you mean 'seed-b', 'seed-a'"):
        query.source_detail(catalog, "seed-c")


def test_sources_command(runner) -> None:
    listed = json.loads(run(runner, "sources", "--json").stdout)
    assert [(s["id"], s["cited"]) for s in listed] == [("seed-a", 16), ("seed-b", 9)]
    assert list(listed[0]) == ["id", "title", "publisher", "url", "seed", "published", "note",
                               "cited"]
    one = json.loads(run(runner, "sources", "seed-b", "--json").stdout)
    assert one["cited_by"][0] == {"type": "country", "id": "soviet-union",
                                  "title": "Soviet Union", "countries": ["soviet-union"]}
    missing = run(runner, "sources", "seed-x")
    assert (missing.exit_code, missing.stdout) == (1, "")
    assert missing.stderr.startswith("albrel: error: no source 'seed-x'")


def test_expand_sources_writes_them_out(runner) -> None:
    events = json.loads(run(runner, "timeline", "ussr", "--json", "--expand", "sources").stdout)
    assert events[0]["source_records"] == [{
        "id": "seed-b", "title": "Test source B", "publisher": "Test publisher", "url": None,
        "seed": None, "published": None, "note": None}]
    plain = json.loads(run(runner, "timeline", "ussr", "--json").stdout)
    assert "source_records" not in plain[0]
    page = json.loads(run(runner, "show", "belgium", "--json", "--expand", "sources").stdout)
    assert [s["id"] for s in page["source_records"]] == ["seed-a"]


def test_terminal_tables_number_their_sources(tmp_path) -> None:
    import re


    def plain(text: str) -> str:
        return re.sub(r"\x1b\[[0-9;]*m", "", text).replace("\r\n", "\n")

    screen = plain(in_pty(tmp_path, "timeline", "ussr", COLUMNS="100", NO_COLOR="1"))
    assert "Src" in screen
    assert "[1] Test source B (Test publisher)" in screen
    page = plain(in_pty(tmp_path, "show", "belgium", COLUMNS="100", NO_COLOR="1"))
    assert "[1]  Test source A (Test publisher) (seed-a) https://example.org/a" in page


def test_expand_sources_with_fields(runner) -> None:
    events = json.loads(run(runner, "timeline", "ussr", "--fields", "id,title", "--json",
                            "--expand", "sources").stdout)
    assert list(events[0]) == ["id", "title", "source_records"]
    assert [s["id"] for s in events[0]["source_records"]] == ["seed-b"]
