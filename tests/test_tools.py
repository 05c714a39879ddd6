"""The maintenance scripts in tools/: merging fragments and drawing a spot-check sample."""

from __future__ import annotations

from pathlib import Path

import tomllib
from tools.merge_fragments import main as merge_main
from tools.merge_fragments import merge
from tools.spot_check import main as spot_main
from tools.spot_check import sample

from albrel_cli.load import check_file

from .conftest import MINIMAL


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_conflicting_duplicate_source_is_reported_and_nothing_written(tmp_path, capsys) -> None:
    first = _write(tmp_path, "a.toml", '[[sources]]\nid = "s"\ntitle = "One"\npublisher = "P"\n')
    second = _write(tmp_path, "b.toml", '[[sources]]\nid = "s"\ntitle = "Two"\npublisher = "P"\n')
    merged, conflicts = merge([first, second])
    assert len(merged["sources"]) == 1
    assert conflicts == [f"{second}: source 's': title differs from {first} ('One' there, "
                         "'Two' here)"]
    out = tmp_path / "out.toml"
    assert merge_main([str(out), str(first), str(second)]) == 1
    assert not out.exists()
    assert "1 conflicts: nothing written" in capsys.readouterr().err


def test_people_are_united_and_later_records_replace_earlier_ones(tmp_path) -> None:
    first = _write(tmp_path, "a.toml", '[[people]]\nid = "p"\nname = "P"\naliases = ["Q"]\n'
                   'sources = ["s"]\n\n[[events]]\nid = "e"\ntitle = "old"\n')
    second = _write(tmp_path, "b.toml", '[[people]]\nid = "p"\nname = "P"\naliases = ["R"]\n'
                    'sources = ["t"]\n\n[[events]]\nid = "e"\ntitle = "new"\n')
    merged, conflicts = merge([first, second])
    assert conflicts == []
    assert merged["people"] == [{"id": "p", "name": "P", "aliases": ["Q", "R"],
                                 "sources": ["s", "t"]}]
    assert merged["events"] == [{"id": "e", "title": "new"}]
    out = tmp_path / "out.toml"
    assert merge_main([str(out), str(first), str(second)]) == 0
    assert tomllib.loads(out.read_text(encoding="utf-8"))["events"][0]["title"] == "new"


def test_the_spot_check_sample_is_seeded(capsys) -> None:
    dataset = check_file(MINIMAL)
    assert sample(dataset, 5, 7) == sample(dataset, 5, 7)
    assert len(sample(dataset, 5, 7)) == 5
    assert spot_main(["--data", str(MINIMAL), "--count", "3", "--seed", "1"]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("1. [")
    assert "seed-a" in printed
