"""Draw a seeded random sample of records for a maintainer to check against their sources.

    python -m tools.spot_check [--seed 2026] [--count 40] [--data data/relations.toml]

Each record is printed with the facts to check (date, parties, title, places) and the address
of every source it cites, so that a reviewer can open each source and tick or correct the
record. The same seed draws the same sample from the same data. Kinds are drawn in proportion
to how many records each has: events, agreements (and their steps), missions, tenures and
relation periods.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

from albrel_cli.catalog import Dataset
from albrel_cli.load import check_file

REPO = Path(__file__).resolve().parents[1]


def records(dataset: Dataset) -> Iterator[tuple[str, str, list[str]]]:
    """Every checkable record: its kind, a one-line statement of its facts, its source ids."""
    for e in dataset.events:
        yield ("event", f"{e.id}: {e.date or 'undated'} {e.title} [{e.kind.value}] "
               f"({', '.join(e.countries + e.orgs)})", [e.source, *e.other_sources])
    for a in dataset.agreements:
        steps = "; ".join(f"{s.step.value} {s.date or '?'}" for s in a.steps)
        yield ("agreement", f"{a.id}: signed {a.date or '?'} {a.place or ''} {a.title} "
               f"({', '.join(a.countries + a.orgs)}) {steps}",
               [a.source, *a.other_sources, *(s.source for s in a.steps)])
    for c in dataset.countries:
        for n, p in enumerate(c.periods, 1):
            yield ("period", f"{c.id} period {n}: {p.start or '?'} - "
                   f"{p.end or ('ended, undated' if p.ended else 'running')}", [p.source])
        for m in c.missions:
            sources = [m.source, m.opened_source, m.closed_source, *m.other_sources]
            yield ("mission", f"{m.id}: {m.side.value} {m.kind.value} in {m.city} "
                   f"{m.opened or '?'} - {m.closed or ('closed' if m.is_closed else 'open')}"
                   f"{' ' + m.level.value if m.level else ''}", [s for s in sources if s])
    for person in dataset.people:
        for t in person.tenures:
            yield ("tenure", f"{person.name}: {t.title} ({t.office.value}, {t.state}"
                   f"{' -> ' + t.posted_to if t.posted_to else ''}) {t.start or '?'} - "
                   f"{t.end or 'open'}", [t.source])


def sample(dataset: Dataset, count: int, seed: int) -> list[tuple[str, str, list[str]]]:
    every = list(records(dataset))
    return random.Random(seed).sample(every, min(count, len(every)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--data", type=Path, default=REPO / "data" / "relations.toml")
    args = parser.parse_args(argv)
    dataset = check_file(args.data)
    for number, (kind, facts, source_ids) in enumerate(
            sample(dataset, args.count, args.seed), 1):
        print(f"{number}. [{kind}] {facts}")
        for source_id in dict.fromkeys(source_ids):
            source = dataset.source_by_id[source_id]
            print(f"     {source_id}: {source.url or source.title}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
