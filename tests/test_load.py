from __future__ import annotations

import os
from pathlib import Path

import pytest

from albrel_cli import load
from albrel_cli.catalog import Dataset
from albrel_cli.errors import DataError
from albrel_cli.load import build_dataset, check_file, load_dataset, read_toml

from .conftest import MINIMAL, broken_copy


def _line_of(path: Path, needle: str) -> int:
    """The line of the last occurrence (a duplicate is reported where it repeats)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines, start=1) if needle in line]
    assert found, needle
    return found[-1]


def test_minimal_file_loads(tiny) -> None:
    assert [c.id for c in tiny.countries] == ["belgium", "soviet-union", "turkey"]
    assert str(tiny.country_by_id["soviet-union"].periods[0].end) == "1961-12"
    assert tiny.country_by_id["turkey"].established.year == 1923


@pytest.mark.parametrize(
    ("old", "new", "where", "message", "line_of"),
    [
        ('start = "1924"', 'start = "1922-13"', "countries[0](belgium).periods[0].start",
         "'1922-13' is not a real date", 'start = "1922-13"'),
        ('start = "1924"', "start = 1924", "countries[0](belgium).periods[0].start",
         'must be a date, not an integer (quote it: "1924")', "start = 1924"),
        ('countries = ["soviet-union"]\nkind = "visit"', 'countries = ["atlantis"]\nkind = "visit"',
         "events[0](khrushchev-visit).countries[0]", "names country 'atlantis', which is not "
         "defined", 'countries = ["atlantis"]'),
        ('source = "seed-b"\n\n[[events]]', 'source = "seed-zz"\n\n[[events]]',
         "events[0](khrushchev-visit).source", "names source 'seed-zz', which is not defined",
         'source = "seed-zz"'),
        ('id = "soviet-break"', 'id = "khrushchev-visit"', "events[1](khrushchev-visit).id",
         "duplicate id 'khrushchev-visit' (first used by events[0])", 'id = "khrushchev-visit"'),
        ('iso2 = "TR"', 'iso2 = "BE"', "countries[2](turkey).iso2", "duplicate iso2 'BE'",
         'iso2 = "BE"'),
        ('status = "former"', 'statu = "former"', "countries[1](soviet-union).statu",
         "unknown key for a country", 'statu = "former"'),
        ('region = "Asia"', 'region = "Atlantis"', "countries[2](turkey).region",
         "'Atlantis' is not one of: Africa, Americas, Asia, Europe, Oceania",
         'region = "Atlantis"'),
        ('end = "1961-12"', 'end = "1920"', "countries[1](soviet-union).periods[0].end",
         "ends (1920) before it starts (1924-04-07)", 'end = "1920"'),
        ('people = ["ditmir-bushati"]', 'people = ["nobody"]',
         "events[2](bushati-reynders).people[0]", "names person 'nobody'", 'people = ["nobody"]'),
        ('id = "belgium"', 'id = "Belgium!"', "countries[0](Belgium!).id", "is not an id",
         'id = "Belgium!"'),
        ('opened = "1924"', 'opened = "1900"',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).opened",
         "opens (1900) while the relation periods of 'belgium' say there were no relations",
         'opened = "1900"'),
        ('joined = "2009-04"', 'joined = "2009-04"\njoined_event = "khrushchev-visit"',
         "organisations[1](NATO).joined_event", "names event 'khrushchev-visit', which does "
         "not name 'NATO' in its orgs", 'joined_event = "khrushchev-visit"'),
        ('joined = "2009-04"', 'joined = "2009-04"\njoined_event = "no-such-event"',
         "organisations[1](NATO).joined_event", "names event 'no-such-event', which is not "
         "defined", 'joined_event = "no-such-event"'),
        ('opened = "1924"', 'opened = "1924"\nopened_event = "khrushchev-visit"',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).opened_event",
         "names event 'khrushchev-visit', which is not about 'belgium'",
         'opened_event = "khrushchev-visit"'),
        ('opened = "1924"', 'opened = "1924"\nopened_event = "belgium-1924"',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).opened_event",
         "opened is 1924 here but 1922-04 in event 'belgium-1924': date it in one place",
         'opened_event = "belgium-1924"'),
        ('closed = "1939-06"', 'closed = "1920"',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).closed",
         "closes (1920) before it opens (1924)", 'closed = "1920"'),
        ('closed = "1939-06"', 'closed = "1939-06"\nattested_from = "1930"\n'
         'attested_until = "1929"',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).attested_until",
         "is before attested_from (1930)", 'attested_until = "1929"'),
        ('closed = "1939-06"', 'closed = "1939-06"\nattested_until = "1940"',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).attested_until",
         "(1940) is after the closing (1939-06)", 'attested_until = "1940"'),
        ('closed = "1939-06"', 'closed = "1939-06"\nattested_from = "1920"',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).attested_from",
         "(1920) is before the opening (1924)", 'attested_from = "1920"'),
        ('closed = "1939-06"', 'closed = "1939-06"\nended = true',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).ended",
         "closed on 1939-06", 'ended = true'),
        ('closed = "1939-06"', 'closed = "1939-06"\nattested_source = "seed-a"',
         "countries[0](belgium).missions[1](belgium-partner-tirana-legation).attested_source",
         "has no attested_from or attested_until", 'attested_source = "seed-a"'),
    ],
)
def test_each_broken_rule_names_file_line_and_record_path(
    tmp_path: Path, old: str, new: str, where: str, message: str, line_of: str,
) -> None:
    path = broken_copy(MINIMAL, tmp_path, old, new)
    with pytest.raises(DataError) as caught:
        check_file(path)
    problem = caught.value.problems[0]
    assert problem.path == str(path)
    assert problem.where == where
    assert message in problem.message
    assert problem.line == _line_of(path, line_of)
    assert str(problem).startswith(f"{path}:{problem.line}: {where}: ")


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    path = broken_copy(MINIMAL, tmp_path, 'start = "1924"', 'start = "1924-02-30"')
    text = path.read_text(encoding="utf-8").replace('region = "Asia"', 'region = "Mars"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        check_file(path)
    assert len(caught.value.problems) == 2
    # the suggested command names the file, ready to paste
    assert f"(and 1 more problem; run 'albrel validate {path}')" in str(caught.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the data file is empty"),
        (b"  \n\n", "the data file is empty"),
        (b"\x00\x01\x02binary", "is not valid TOML"),
        (b'[[countries]]\nname = "Caf\xe9"\n', "is not UTF-8 text (byte 0xe9"),
        (b"countries = 3\n", "must be an array of tables"),
        (b'[[sources]]\nid = "a"\ntitle = "t"\npublisher = "p"\n', "defines no countries"),
    ],
)
def test_unreadable_or_wrong_shaped_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(DataError) as caught:
        check_file(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_truncated_toml_gives_the_line(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8")
    cut = text.index('summary = "A 13-day visit')
    path = tmp_path / "truncated.toml"
    path.write_text(text[: cut + 20], encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_toml(path)
    problem = caught.value.problems[0]
    assert problem.line == text[: cut].count("\n") + 1
    assert "is not valid TOML" in problem.message


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such data file"):
        check_file(tmp_path / "nope.toml")
    with pytest.raises(DataError, match="is a directory"):
        check_file(tmp_path)


def test_build_dataset_from_a_dict_without_text_has_no_lines() -> None:
    with pytest.raises(DataError) as caught:
        build_dataset({"countries": [{"id": "x"}]}, origin="inline")
    assert caught.value.problems[0].line is None
    assert "inline: countries[0](x).name: a country needs 'name'" in str(caught.value)


def test_data_path_prefers_explicit_then_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ALBREL_DATA", str(tmp_path / "env.toml"))
    assert load.data_path(tmp_path / "x.toml") == tmp_path / "x.toml"
    assert load.data_path() == tmp_path / "env.toml"
    monkeypatch.delenv("ALBREL_DATA")
    assert load.data_path() == load.default_data_path()
    assert load.default_data_path().is_file()


@pytest.mark.usefixtures("private_cache")
def test_cache_is_used_and_refreshed_when_the_file_changes(tiny_toml: Path, tmp_path) -> None:
    first = load_dataset(tiny_toml)
    entries = list((tmp_path / "cache").iterdir())
    assert len(entries) == 1
    again = load_dataset(tiny_toml)
    assert again == first
    text = tiny_toml.read_text(encoding="utf-8").replace('name = "Turkey"', 'name = "Türkiye"')
    tiny_toml.write_text(text, encoding="utf-8")
    os.utime(tiny_toml, ns=(1, 1))
    assert load_dataset(tiny_toml).country_by_id["turkey"].name == "Türkiye"


@pytest.mark.usefixtures("private_cache")
def test_corrupt_cache_entry_is_ignored(tiny_toml: Path, tmp_path: Path) -> None:
    load_dataset(tiny_toml)
    (entry,) = (tmp_path / "cache").iterdir()
    entry.write_bytes(b"not a pickle")
    assert load_dataset(tiny_toml).country_by_id["belgium"].name == "Belgium"


def test_unwritable_cache_directory_is_harmless(tiny_toml: Path, tmp_path: Path,
                                                monkeypatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ALBREL_CACHE_DIR", str(blocker / "cache"))
    assert load_dataset(tiny_toml).country_by_id["belgium"].name == "Belgium"


def test_loading_never_writes_to_the_data_file(tiny_toml: Path) -> None:
    before = (tiny_toml.read_bytes(), tiny_toml.stat().st_mtime_ns)
    load_dataset(tiny_toml)
    load_dataset(tiny_toml)
    assert (tiny_toml.read_bytes(), tiny_toml.stat().st_mtime_ns) == before


@pytest.mark.usefixtures("private_cache")
def test_large_files_are_served_from_the_indexed_store(tiny_toml: Path, tmp_path: Path,
                                                       monkeypatch) -> None:
    from albrel_cli.store import IndexedStore

    monkeypatch.setattr(load, "LARGE_DATA", 10)
    first = load.open_catalog(tiny_toml)
    assert isinstance(first, IndexedStore)
    assert sorted(p.suffix for p in (tmp_path / "cache").iterdir()) == [".sqlite"]
    again = load.open_catalog(tiny_toml)
    assert isinstance(again, IndexedStore)
    assert [c.id for c in again.all_countries()] == ["belgium", "soviet-union", "turkey"]
    text = tiny_toml.read_text(encoding="utf-8").replace('name = "Turkey"', 'name = "Turkiye"')
    tiny_toml.write_text(text, encoding="utf-8")
    assert load.open_catalog(tiny_toml).country("turkey").name == "Turkiye"


def test_small_files_and_a_disabled_cache_use_the_dataset(tiny_toml: Path, monkeypatch) -> None:
    assert isinstance(load.open_catalog(tiny_toml), Dataset)
    monkeypatch.setattr(load, "LARGE_DATA", 10)
    monkeypatch.setenv("ALBREL_NO_CACHE", "1")
    assert isinstance(load.open_catalog(tiny_toml), Dataset)


def test_unwritable_store_falls_back_to_memory(tiny_toml: Path, tmp_path: Path,
                                              monkeypatch) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ALBREL_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(load, "LARGE_DATA", 10)
    assert isinstance(load.open_catalog(tiny_toml), Dataset)


def test_a_duplicate_id_is_reported_beside_another_error(tmp_path: Path) -> None:
    path = broken_copy(MINIMAL, tmp_path, 'id = "turkey"', 'id = "belgium"')
    # the second "belgium" also has a region that does not exist, so it is not built at all
    text = path.read_text(encoding="utf-8").replace('region = "Asia"', 'region = "Mars"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        check_file(path)
    messages = [problem.message for problem in caught.value.problems]
    assert any("duplicate id 'belgium'" in m for m in messages), messages
    assert any("'Mars' is not one of" in m for m in messages), messages


@pytest.mark.usefixtures("private_cache")
def test_a_cache_from_a_differently_shaped_model_is_a_miss(tiny_toml: Path, tmp_path: Path,
                                                          runner) -> None:
    """An upgrade that changes a record class but not the version must not load old pickles:
    the key holds a fingerprint of the model, so an entry written under another one is
    rebuilt."""
    import pickle

    from albrel_cli import cache

    wanted = cache.key(tiny_toml)
    assert wanted is not None
    assert wanted[-1] == cache.model_fingerprint()
    stale = Dataset(countries=())  # what an older model would have left: no countries at all
    cache.write((*wanted[:-1], wanted[-1] ^ 1), stale)
    (entry,) = (tmp_path / "cache").iterdir()
    assert pickle.loads(entry.read_bytes())[1] == stale
    result = runner.invoke(["--data", str(tiny_toml), "show", "belgium", "--json"])
    assert result.exit_code == 0, result.stderr
    assert '"name": "Belgium"' in result.stdout


@pytest.mark.usefixtures("private_cache")
def test_a_cache_entry_that_cannot_be_unpickled_is_a_miss(tiny_toml: Path,
                                                           tmp_path: Path) -> None:
    import pickle

    load_dataset(tiny_toml)
    (entry,) = (tmp_path / "cache").iterdir()
    # a pickle naming a class the model no longer has raises AttributeError when loaded
    entry.write_bytes(pickle.dumps(0).replace(b"K\x00", b"calbrel_cli.model\nGone\n)R"))
    assert load_dataset(tiny_toml).country_by_id["belgium"].name == "Belgium"


def test_a_first_load_of_a_large_file_reports_its_progress(tiny_toml: Path, monkeypatch) -> None:
    monkeypatch.setattr(load, "LARGE_DATA", 1)
    heard: list[tuple[str, int, int]] = []
    load.open_catalog(tiny_toml, progress=lambda *report: heard.append(report))
    from albrel_cli.store import BUILD_STEPS

    assert heard[0] == ("reading", 0, 1)
    indexing = [done for stage, done, total in heard if stage == "indexing"]
    assert indexing == sorted(indexing)
    assert indexing[0] == 0
    assert indexing[-1] == BUILD_STEPS
    heard.clear()
    load.open_catalog(tiny_toml, progress=lambda *report: heard.append(report))
    assert heard == []  # the store is ready: nothing to show


def test_the_progress_bar_draws_only_when_there_is_work(tmp_path: Path, monkeypatch) -> None:
    import io

    from albrel_cli.render.progress import Reporter

    err = io.StringIO()
    reporter = Reporter(err)
    reporter.close()
    assert (reporter.progress, err.getvalue()) == (None, "")
    reporter("reading", 0, 1)
    reporter("indexing", 8, 8)
    assert reporter.tasks.keys() == {"reading", "indexing"}
    assert reporter.progress.tasks[reporter.tasks["reading"]].completed == 1
    reporter.close()


def test_the_cache_key_of_a_large_file_reads_only_its_ends(tmp_path: Path, monkeypatch) -> None:
    from albrel_cli import cache

    big = tmp_path / "big.toml"
    body = b"# " + b"x" * (3 * cache.SAMPLE) + b"\n"
    big.write_bytes(body)
    stat = big.stat()
    first = cache.key(big)
    # the same size and modification time, another beginning: another key
    big.write_bytes(b"#!" + body[2:])
    os.utime(big, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.key(big) != first
    reads: list[int] = []
    real_open = Path.open

    def counting_open(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        if self != big:
            return handle
        real_read = handle.read
        handle.read = lambda n=-1: reads.append(n) or real_read(n)
        return handle

    monkeypatch.setattr(Path, "open", counting_open)
    cache.key(big)
    assert reads == [cache.SAMPLE, cache.SAMPLE]
