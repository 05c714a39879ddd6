"""albrel serve: the export for Datasette (metadata from the model, reuse of an unchanged
export), and the shipped dataset served by a real Datasette on the loopback interface."""

from __future__ import annotations

import dataclasses
import html
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from albrel_cli import export, query, web
from albrel_cli.catalog import Dataset
from albrel_cli.errors import AlbrelError
from albrel_cli.load import check_file
from albrel_cli.model import PartialDate, RelationPeriod, Side

from .conftest import MINIMAL, SHIPPED

HOST = "127.0.0.1"
STARTUP = 20.0  # seconds Datasette may take to answer


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def get_json(url: str) -> Any:
    return json.loads(get(url))


def wait_until_up(server: subprocess.Popen[bytes], base: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"Datasette exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}-/versions.json", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"Datasette did not answer within {STARTUP:.0f} s:\n{log.read_text()}")


def stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="module")
def shipped() -> Dataset:
    return check_file(SHIPPED)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, shipped: Dataset) -> Path:
    target = tmp_path_factory.mktemp("web")
    web.export_for_web(shipped, target)
    return target


@pytest.fixture(scope="module")
def base(folder: Path) -> Iterator[str]:
    """The address of a Datasette serving the shipped dataset's export, stopped at the end."""
    port = free_port()
    command = web.datasette_command(folder / web.DATABASE_FILE, folder / web.METADATA_FILE,
                                    host=HOST, port=port)
    log = folder / "datasette.log"
    with log.open("wb") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            address = web.url(HOST, port)
            wait_until_up(server, address, log)
            yield address
        finally:
            stop(server)


# --------------------------------------------------------------------------- metadata


def test_metadata_covers_every_table_and_column(shipped: Dataset) -> None:
    meta = web.metadata(shipped)
    assert meta["title"] == "Albania's bilateral relations"
    assert f"{len(shipped.countries)} states" in meta["description"]
    assert "Every fact names its source" in meta["description"]
    tables = meta["databases"][web.DATABASE]["tables"]
    for table in export.TABLES:
        described = tables[table.name]
        assert described["description"] == table.doc
        assert list(described["columns"]) == [name for name, _ in table.columns]
        assert all(text.strip() for text in described["columns"].values()), table.name
    assert set(tables) == {t.name for t in export.TABLES} | {"search", "events_by_decade"}


def test_column_texts_come_from_the_model() -> None:
    """Written once, in model.py: the metadata quotes the field's doc, and a reference names
    the table it points to."""
    tables = {t.name: t for t in export.TABLES}
    start = next(f for f in dataclasses.fields(RelationPeriod) if f.name == "start")
    assert web.column_doc(tables["periods"], "start_date") == start.metadata["doc"]
    assert web.column_doc(tables["periods"], "source_id") == \
        "The source of the period (see sources)."
    assert web.column_doc(tables["parties"], "country_id") == "The country (see countries)."
    assert web.column_doc(tables["countries"], "established").startswith("When relations first")
    odd = export.Table("odd", (("colour", "TEXT"),), ("colour",), "Things we keep.")
    assert web.column_doc(odd, "colour") == "Colour: things we keep."


def test_relations_on_follows_the_as_of_rules(tmp_path: Path, shipped: Dataset) -> None:
    """The canned query's SQL against the CLI's --as-of, on dates of every precision and on
    a period that ended at a date no source gives (whose end leaves the answer unknown)."""
    italy = shipped.country_by_id["italy"]
    undated_end = dataclasses.replace(italy.periods[-1], end=None, ended=True)
    changed = dataclasses.replace(italy, periods=(*italy.periods[:-1], undated_end))
    dataset = dataclasses.replace(shipped, countries=tuple(
        changed if c.id == "italy" else c for c in shipped.countries))
    database = tmp_path / "albrel.sqlite"
    export.write_sqlite(dataset, database)
    connection = sqlite3.connect(database)
    try:
        for date in ("1912", "1939-04", "1939-04-08", "1965", "1991-03", "2000-01-01", "2024"):
            found = {row[0] for row in connection.execute(
                web.QUERIES["relations_on"]["sql"], {"date": date})}
            expected = {c.id for c in query.list_countries(
                dataset, as_of=PartialDate.parse(date))}
            assert found == expected, date
    finally:
        connection.close()


def test_canned_queries_name_their_parameters() -> None:
    for name, canned in web.QUERIES.items():
        for param in canned.get("params", []):
            assert f":{param}" in canned["sql"], name


# --------------------------------------------------------------------------- export


def test_an_unchanged_export_is_reused(folder: Path, shipped: Dataset) -> None:
    files = [folder / web.DATABASE_FILE, folder / web.METADATA_FILE]
    before = [(f.stat().st_mtime_ns, f.stat().st_ino) for f in files]
    assert web.export_for_web(shipped, folder) == files[0]
    assert [(f.stat().st_mtime_ns, f.stat().st_ino) for f in files] == before
    assert json.loads(files[1].read_text(encoding="utf-8")) == web.metadata(shipped)


def test_a_changed_data_file_or_fingerprint_rewrites_the_export(tmp_path: Path,
                                                                tiny_toml: Path) -> None:
    folder = tmp_path / "web"
    database = web.export_for_web(check_file(tiny_toml), folder)
    first = database.stat().st_ino
    with tiny_toml.open("a", encoding="utf-8") as out:
        out.write("\n# edited\n")
    web.export_for_web(check_file(tiny_toml), folder)
    second = database.stat().st_ino
    assert second != first
    (folder / web.FINGERPRINT_FILE).write_text("[]", encoding="utf-8")
    web.export_for_web(check_file(tiny_toml), folder)
    assert database.stat().st_ino != second
    assert sorted(p.name for p in folder.iterdir()) == [
        web.DATABASE_FILE, web.FINGERPRINT_FILE, web.METADATA_FILE]


# --------------------------------------------------------------------------- serve


def test_serve_without_datasette_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny: Dataset) -> None:
    monkeypatch.setitem(sys.modules, "datasette", None)  # not importable
    with pytest.raises(AlbrelError, match=r"needs Datasette: pip install 'albrel\[web\]'"):
        web.serve(tiny, host=HOST, port=8001, folder=tmp_path / "web")
    assert not (tmp_path / "web").exists()


@pytest.mark.parametrize(("interrupted", "code"), [(True, 0), (False, 3)])
def test_serve_runs_datasette_and_returns_its_code(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
        tiny: Dataset, interrupted: bool, code: int) -> None:
    """Ctrl-C that reaches only albrel (not the server) stops the server too."""
    started: list[FakeServer] = []

    class FakeServer:
        def __init__(self, command: list[str]) -> None:
            self.command, self.waits, self.stopped = command, 0, False
            started.append(self)

        def wait(self, timeout: float | None = None) -> int:
            self.waits += 1
            if interrupted and self.waits == 1:
                raise KeyboardInterrupt
            if interrupted and not self.stopped:
                raise subprocess.TimeoutExpired(self.command, timeout or 0)
            return 3

        def terminate(self) -> None:
            self.stopped = True

        kill = terminate

    monkeypatch.setattr(web.subprocess, "Popen", FakeServer)
    folder = tmp_path / "web"
    assert web.serve(tiny, host=HOST, port=8123, folder=folder) == code
    [server] = started
    assert server.command == web.datasette_command(
        folder / web.DATABASE_FILE, folder / web.METADATA_FILE, host=HOST, port=8123)
    assert server.stopped is interrupted
    assert capsys.readouterr().err == "albrel: serving http://127.0.0.1:8123/ (Ctrl-C stops)\n"


def test_ctrl_c_stops_albrel_serve_and_datasette(tmp_path: Path) -> None:
    """A terminal's Ctrl-C: SIGINT to albrel and Datasette alike; albrel exits with 0."""
    port = free_port()
    script = ("import sys; from pathlib import Path; from albrel_cli import web; "
              "from albrel_cli.load import check_file; "
              f"sys.exit(web.serve(check_file(Path({str(MINIMAL)!r})), host={HOST!r}, "
              f"port={port}, folder=Path({str(tmp_path / 'web')!r})))")
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-c", script], stdout=out, stderr=out,
                                  start_new_session=True)
        try:
            wait_until_up(server, web.url(HOST, port), log)
            os.killpg(server.pid, signal.SIGINT)
            assert server.wait(timeout=10) == 0
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    assert f"albrel: serving http://{HOST}:{port}/ (Ctrl-C stops)" in log.read_text()
    with pytest.raises(ConnectionRefusedError), socket.create_connection((HOST, port), timeout=1):
        pass


# --------------------------------------------------------------------------- the web view


def test_the_pages_show_the_title_and_table_descriptions(base: str) -> None:
    assert "Albania's bilateral relations" in html.unescape(get(base))
    assert get_json(f"{base}-/metadata.json")["title"] == "Albania's bilateral relations"
    for name in ("countries", "missions", "events"):
        doc = next(t.doc for t in export.TABLES if t.name == name)
        assert doc in html.unescape(get(f"{base}albrel/{name}?_size=1")), name


def test_a_country_page_and_foreign_key_labels(base: str) -> None:
    page = html.unescape(get(f"{base}albrel/countries/italy"))
    assert "Italy" in page
    assert "/albrel/missions?country_id=italy" in page  # links from other tables
    missions = get(f"{base}albrel/missions?country_id=italy")
    assert '<a href="/albrel/countries/italy">Italy</a>' in missions
    rows = get_json(f"{base}albrel/missions.json?country_id=italy&_labels=on&_shape=array")
    assert rows
    assert all(row["country_id"] == {"value": "italy", "label": "Italy"} for row in rows)


def test_source_addresses_are_links(base: str) -> None:
    assert '<a href="https://' in get(f"{base}albrel/sources?url__startswith=https")


def test_full_text_search_finds_corfu(base: str) -> None:
    found = get_json(f"{base}albrel/search.json?_search=Corfu&_shape=array")
    assert any(row["type"] == "event" and "Corfu" in row["title"] for row in found)
    events = get_json(f"{base}albrel/events.json?_search=Corfu&_shape=array")
    assert events
    assert all("corfu" in f"{e['title']} {e['summary']} {e['place']}".lower() for e in events)
    assert "Corfu" in get(f"{base}albrel/events?_search=corfu")


def test_facets_by_region_status_and_decade(base: str, shipped: Dataset) -> None:
    data = get_json(f"{base}albrel/countries.json?_size=1")
    regions = {r["value"]: r["count"] for r in data["facet_results"]["region"]["results"]}
    assert sum(regions.values()) == len(shipped.countries)
    assert regions["Europe"] == sum(c.region.value == "Europe" for c in shipped.countries)
    assert "status" in data["facet_results"]
    asked = get_json(f"{base}albrel/events.json?_facet=kind&_size=1")
    assert asked["facet_results"]["kind"]["results"]
    decades = get_json(f"{base}albrel/events_by_decade.json?_size=1")["facet_results"]
    counted = {r["value"]: r["count"] for r in decades["decade"]["results"]}
    assert counted[1990] == sum(1 for e in shipped.events if e.date and 1990 <= e.date.year < 2000)


def test_canned_queries_answer_what_the_cli_answers(base: str, shipped: Dataset) -> None:
    def ids(name: str, **params: str) -> set[str]:
        query_string = urllib.parse.urlencode({**params, "_shape": "array"})
        return {row["id"] for row in get_json(f"{base}albrel/{name}.json?{query_string}")}

    tirana = ids("missions_open_in_tirana")
    assert tirana
    assert tirana == {p.mission.id for p in query.list_missions(
        shipped, side=Side.partner, city="Tirana")}
    for date in ("1965", "1991-03", "2000-01-01"):
        expected = {c.id for c in query.list_countries(shipped, as_of=PartialDate.parse(date))}
        assert ids("relations_on", date=date) == expected, date
    italy = shipped.country_by_id["italy"]
    nineties = ids("agreements_in_decade", country="Italy", decade="1990")
    assert nineties
    assert nineties == {a.id for a in query.agreements(
        shipped, country=italy, since=PartialDate(1990), until=PartialDate(1999))}
    assert ids("events_of_country", country="GB") == {
        e.id for e in shipped.events if "united-kingdom" in e.countries}


def test_the_json_api_returns_rows(base: str, shipped: Dataset) -> None:
    data = get_json(f"{base}albrel/events.json?_shape=objects&_size=5")
    assert len(data["rows"]) == 5
    assert data["filtered_table_rows_count"] == len(shipped.events)
    dates = [row["date"] for row in data["rows"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    countries = get_json(f"{base}albrel/countries.json?_shape=array&region=Europe")
    assert {"italy", "greece"} <= {row["id"] for row in countries}


def test_serve_without_datasette_says_what_to_install(runner, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "datasette" else real(name, *a))
    result = runner("serve", "--port", "8123")
    assert result.exit_code == 1
    assert result.stderr == ("albrel: error: the web view needs Datasette: pip install "
                             "'albrel[web]'\n")


def test_serve_refuses_a_port_out_of_range(runner) -> None:
    result = runner("serve", "--port", "70000")
    assert result.exit_code == 2
    assert "--port" in result.stderr
