"""Compare albrel's dyad-years with the Correlates of War Diplomatic Exchange data for Albania
(a maintenance script: the COW file is not shipped; pass a copy of it).

    python -m tools.cow_compare Diplomatic_Exchange_2006v1.csv [--from 1920] [--until 2005]

For every row of the COW file with ccode1 = 339 (Albania) in the years chosen, the same
dyad-year is derived from albrel's missions (``albrel export --format dyad-years``), and the
script prints the share of those country-years where the DE flag agrees and where both levels
agree, then each disagreement (partner, year, COW's levels, albrel's levels).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable
from pathlib import Path

from albrel_cli.dyads import ALBANIA, dyad_years
from albrel_cli.load import open_catalog

REPO = Path(__file__).resolve().parents[1]

Levels = tuple[int, int]


def read_cow(path: Path, first: int, last: int) -> dict[tuple[int, int], Levels]:
    """COW's (partner, year) -> (DR_at_1, DR_at_2) for Albania's rows."""
    found = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if int(row["ccode1"]) == ALBANIA and first <= int(row["year"]) <= last:
                found[int(row["ccode2"]), int(row["year"])] = (int(row["DR_at_1"]),
                                                               int(row["DR_at_2"]))
    return found


def compare(cow: dict[tuple[int, int], Levels], ours: dict[tuple[int, int], Levels]
            ) -> tuple[int, int, int, list[tuple[int, int, Levels, Levels]]]:
    """(country-years, DE agreements, level agreements, the disagreements on DE)."""
    de_same = levels_same = 0
    differ = []
    for key, theirs in sorted(cow.items()):
        mine = ours.get(key, (0, 0))
        if bool(any(theirs)) == bool(any(mine)):
            de_same += 1
        else:
            differ.append((*key, theirs, mine))
        levels_same += theirs == mine
    return len(cow), de_same, levels_same, differ


def albrel_levels(data: Path, years: Iterable[int]) -> dict[tuple[int, int], Levels]:
    wanted = set(years)
    catalog = open_catalog(data)
    return {(row.ccode2, row.year): (row.dr_at_1, row.dr_at_2)
            for row in dyad_years(catalog, first=min(wanted), last=max(wanted))
            if row.ccode1 == ALBANIA and row.year in wanted}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cow", type=Path)
    parser.add_argument("--from", dest="first", type=int, default=1920)
    parser.add_argument("--until", dest="last", type=int, default=2005)
    parser.add_argument("--data", type=Path, default=REPO / "data" / "relations.toml")
    args = parser.parse_args(argv)
    cow = read_cow(args.cow, args.first, args.last)
    ours = albrel_levels(args.data, {year for _, year in cow})
    total, de_same, levels_same, differ = compare(cow, ours)
    print(f"{total} country-years {args.first}-{args.last}: DE agrees in {de_same} "
          f"({de_same / total:.1%}), both levels in {levels_same} ({levels_same / total:.1%})")
    for partner, year, theirs, mine in differ:
        print(f"{partner}\t{year}\tCOW {theirs[0]}/{theirs[1]}\talbrel {mine[0]}/{mine[1]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
