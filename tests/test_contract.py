"""The JSON contract (docs/json.md) and the dataset format (docs/dataset.md) follow from the
record definitions; real output keeps the contract; a field added to a record needs no other
edit to reach the schema, the JSON keys and the documents."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from albrel_cli import query, render
from albrel_cli.docs import dataset_markdown, export_markdown, json_markdown
from albrel_cli.model import Organisation, PartialDate, key
from albrel_cli.render.contract import contract, problems, record_contract
from albrel_cli.schema import record_spec

from .conftest import REPO, SHIPPED, Runner

CONTRACT = contract()


def test_docs_are_written_from_the_code() -> None:
    assert (REPO / "docs" / "json.md").read_text(encoding="utf-8") == json_markdown(), (
        "docs/json.md is out of date: run python -m tools.gen_docs")
    assert (REPO / "docs" / "dataset.md").read_text(encoding="utf-8") == dataset_markdown(), (
        "docs/dataset.md is out of date: run python -m tools.gen_docs")
    assert (REPO / "docs" / "export.md").read_text(encoding="utf-8") == export_markdown(), (
        "docs/export.md is out of date: run python -m tools.gen_docs")


def test_every_toml_key_is_documented() -> None:
    text = (REPO / "docs" / "dataset.md").read_text(encoding="utf-8")
    from albrel_cli.schema import TOP_LEVEL

    def walk(table: str, spec) -> None:
        assert f"## `[[{table}]]`" in text
        section = text.split(f"## `[[{table}]]`", 1)[1].split("\n## ", 1)[0]
        for name, rule in spec.fields.items():
            if rule.records is not None:
                walk(f"{table}.{name}", rule.records)
            else:
                assert f"| `{name}` |" in section, (table, name)

    for table, spec in TOP_LEVEL.items():
        walk(table, spec)


@pytest.fixture(scope="module")
def outputs():
    runner = Runner()

    def run(*args: str):
        result = runner.invoke(["--data", str(SHIPPED), *args, "--json"])
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return run


@pytest.mark.parametrize(("command", "args"), [
    ("countries", ["countries"]),
    ("timeline", ["timeline"]),
    ("timeline --chart --by year", ["timeline", "--chart", "--by", "year"]),
    ("timeline --chart --by decade", ["timeline", "--chart", "--by", "decade"]),
    ("agreements", ["agreements"]),
    ("search", ["search", "Hoxha"]),
    ("search", ["search", "Corfu"]),
    ("orgs", ["orgs"]),
    ("sources", ["sources"]),
    ("stats", ["stats"]),
    ("missions", ["missions", "--all"]),
    ("people", ["people"]),
])
def test_listings_keep_the_contract(outputs, command: str, args: list[str]) -> None:
    records = outputs(*args)
    assert records
    for record in records:
        assert problems(record, CONTRACT[command]) == [], record


@pytest.mark.parametrize("country", ["russia", "soviet-union", "united-kingdom", "belgium",
                                     "kazakhstan", "haiti", "chad", "south-sudan"])
def test_show_keeps_the_contract(outputs, country: str) -> None:
    assert problems(outputs("show", country), CONTRACT["show"]) == []


def test_one_source_and_expanded_sources_keep_the_contract(outputs) -> None:
    from albrel_cli.render.contract import EXPANDED

    assert problems(outputs("sources", "seed-russia"), CONTRACT["sources ID"]) == []
    for event in outputs("timeline", "denmark", "--expand", "sources"):
        assert problems(event, (*CONTRACT["timeline"], EXPANDED)) == []
    page = outputs("show", "denmark", "--expand", "sources")
    assert problems(page, (*CONTRACT["show"], EXPANDED)) == []


def test_every_country_page_keeps_the_contract() -> None:
    from albrel_cli.load import load_dataset

    dataset = load_dataset(SHIPPED)
    for country in dataset.countries:
        record = render.to_record(query.country_detail(dataset, country), dataset)
        assert problems(record, CONTRACT["show"]) == [], country.id


def test_the_contract_catches_a_broken_record() -> None:
    good = {"group": "region", "value": "Europe", "count": 3}
    assert problems(good, CONTRACT["stats"]) == []
    assert problems({**good, "count": None}, CONTRACT["stats"]) == ["count is null"]
    assert problems({**good, "count": "3"}, CONTRACT["stats"]) == [
        "count is str, not integer"]
    assert problems({"group": "region", "count": 3}, CONTRACT["stats"]) != []


@dataclass(frozen=True, kw_only=True)
class _Trial(Organisation):
    """An organisation with one field more, as a contributor would add it."""

    founded: PartialDate | None = field(default=None, metadata=key(
        "date", "When the organisation was founded.", "1949-04-04"))


def test_a_new_field_needs_one_edit() -> None:
    spec = record_spec(_Trial)
    assert spec.fields["founded"].kind == "date"
    trial = _Trial(abbr="NATO", name="North Atlantic Treaty Organization", sources=("s",),
                   founded=PartialDate.parse("1949-04-04"))
    record = render.to_record(trial)
    assert record["founded"] == "1949-04-04"
    assert "founded" in render.record_keys(_Trial)
    assert [k.name for k in record_contract(_Trial)][-1] == "founded"
    assert problems(record, record_contract(_Trial)) == []


def test_one_person_keeps_the_contract(outputs) -> None:
    assert problems(outputs("people", "ramiz-alia"), CONTRACT["people ID"]) == []


def test_one_agreement_keeps_the_contract(outputs) -> None:
    record = outputs("agreements", "italy-1995-10-13-friendship-cooperation-treaty")
    assert problems(record, CONTRACT["agreements ID"]) == []
