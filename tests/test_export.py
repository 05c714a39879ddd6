"""albrel export: SQLite with keys and a full-text index, CSV with the same columns, one JSON
document; a real question answered by a join agrees with the CLI."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from albrel_cli import export
from albrel_cli.load import load_dataset

from .conftest import SHIPPED


def run(runner, *args: str):
    return runner.invoke(["--data", str(SHIPPED), *args])


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("export") / "albrel.sqlite"
    export.write_sqlite(load_dataset(SHIPPED), target)
    return target


def test_sqlite_has_keys_and_whole_tables(exported: Path) -> None:
    dataset = load_dataset(SHIPPED)
    db = sqlite3.connect(exported)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    counts = {t.name: db.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
              for t in export.TABLES}
    assert counts["countries"] == len(dataset.countries)
    assert counts["events"] == len(dataset.events)
    assert counts["agreements"] == len(dataset.agreements)
    assert counts["sources"] == len(dataset.sources)
    assert counts["periods"] == sum(len(c.periods) for c in dataset.countries)
    assert db.execute("SELECT predecessor_id FROM successions WHERE successor_id = 'russia'"
                      ).fetchall() == [("soviet-union",)]
    keys = db.execute("PRAGMA foreign_key_list(parties)").fetchall()
    assert {(row[2], row[3], row[4]) for row in keys} == {
        ("agreements", "agreement_id", "id"), ("countries", "country_id", "id")}
    found = db.execute("SELECT type, id FROM search WHERE search MATCH 'corfu channel'"
                       ).fetchall()
    assert ("event", "united-kingdom-1946-10-22-corfu-channel-incident") in found or any(
        kind == "event" and "corfu" in id_ for kind, id_ in found)


def test_a_join_answers_what_the_cli_answers(exported: Path, runner) -> None:
    """The agreements signed with European countries since 2000."""
    db = sqlite3.connect(exported)
    joined = {row[0] for row in db.execute(
        "SELECT DISTINCT a.id FROM agreements a JOIN parties p ON p.agreement_id = a.id "
        "JOIN countries c ON c.id = p.country_id WHERE c.region = 'Europe' "
        "AND a.date >= '2000'")}
    europe = {c["id"] for c in json.loads(run(runner, "countries", "--region", "Europe",
                                              "--json").stdout)}
    since = json.loads(run(runner, "agreements", "--from", "2000", "--json").stdout)
    from_cli = {a["id"] for a in since if europe & set(a["countries"])}
    assert joined == from_cli
    assert len(joined) >= 10


def test_csv_files_have_the_sqlite_columns(tmp_path: Path, exported: Path) -> None:
    target = tmp_path / "csv"
    counts = export.write_csv(load_dataset(SHIPPED), target)
    db = sqlite3.connect(exported)
    for table in export.TABLES:
        with (target / f"{table.name}.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table.name})")]
        assert rows[0] == columns, table.name
        assert len(rows) - 1 == counts[table.name]


def test_json_document(runner) -> None:
    result = run(runner, "export", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert set(document) == {"albrel", "countries", "events", "agreements", "organisations",
                             "people", "sources"}
    russia = next(c for c in document["countries"] if c["id"] == "russia")
    assert russia["predecessors"] == ["soviet-union"]
    assert russia["periods"][0]["start"] == "1991-12-26"


def test_cli_export_writes_and_refuses_to_overwrite(runner, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "out.sqlite"
    first = run(runner, "export", str(target))
    assert first.exit_code == 0
    assert first.stdout == ""  # data on stdout, messages on stderr
    assert first.stderr.startswith(f"albrel: wrote {target} (")
    before = target.read_bytes()
    again = run(runner, "export", str(target))
    assert (again.exit_code, again.stdout) == (1, "")
    assert again.stderr == f"albrel: error: {target} already exists; add --force to replace it\n"
    assert target.read_bytes() == before
    forced = run(runner, "export", str(target), "--force")
    assert forced.exit_code == 0
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.sqlite"]  # no leftovers


@pytest.mark.parametrize(("args", "message"), [
    (["export"], "Invalid value for 'TARGET': give the file to write the sqlite export to"),
    (["export", "--format", "csv"], "give the directory to write the csv export to"),
    (["export", "--format", "xml", "x"], "Invalid value for '--format'"),
])
def test_export_usage_errors(runner, args: list[str], message: str) -> None:
    result = run(runner, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_export_into_a_missing_directory(runner, tmp_path: Path) -> None:
    result = run(runner, "export", str(tmp_path / "no" / "such" / "x.sqlite"))
    assert result.exit_code == 1
    assert result.stderr == f"albrel: error: {tmp_path / 'no' / 'such'} is not a directory\n"
