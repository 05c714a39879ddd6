"""Merge curated TOML fragments into one dataset file (a maintenance script, not part of albrel).

    python -m tools.merge_fragments OUT.toml FRAGMENT.toml [FRAGMENT.toml ...]

Records of the same kind are concatenated, in the order the files are given:
- a source defined twice must say the same in every key both give (one may add keys the other
  lacks); a source that differs is a conflict;
- people with the same id are merged: roles, aliases, sources and tenures united; a name or
  nationality that differs is a conflict;
- a country, mission, event or agreement whose id an earlier file already defines replaces
  that record in place (a later fragment corrects or completes it).
Conflicts are listed on stderr, one a line, and nothing is written (exit code 1). The output
is written in the stable layout of ``tools.toml_writer``, which tests and humans can diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

import tomllib

from tools.toml_writer import ORDER, write_dataset

UNITED = ("roles", "aliases", "sources", "tenures")
"""The lists two fragments' records of one person are merged by."""


def _unite(a: list, b: list) -> list:
    return a + [x for x in b if x not in a]


def _differences(kind: str, known: dict, record: dict, origin: dict[int, str],
                 path: Path, keys: tuple[str, ...] | None = None) -> list[str]:
    """One line for each key both records give with different values."""
    first = origin[id(known)]
    return [f"{path}: {kind[:-1]} {record.get('id')!r}: {key} differs from {first} "
            f"({known[key]!r} there, {value!r} here)"
            for key, value in record.items()
            if (keys is None or key in keys) and key in known and known[key] != value]


def merge(paths: list[Path]) -> tuple[dict[str, list[dict]], list[str]]:
    """The merged records of every kind, and the conflicts found (empty when none)."""
    merged: dict[str, list[dict]] = {kind: [] for kind in ORDER}
    by_id: dict[str, dict[str, dict]] = {kind: {} for kind in ORDER}
    origin: dict[int, str] = {}
    conflicts: list[str] = []
    for path in paths:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind, records in data.items():
            if kind not in merged:
                conflicts.append(f"{path}: unknown table {kind!r}")
                continue
            for record in records:
                known = by_id[kind].get(record.get("id", ""))
                if known is None:
                    if "id" in record:
                        by_id[kind][record["id"]] = record
                    origin[id(record)] = str(path)
                    merged[kind].append(record)
                elif kind == "sources":
                    conflicts += _differences(kind, known, record, origin, path)
                    for key, value in record.items():
                        known.setdefault(key, value)
                elif kind == "people":
                    conflicts += _differences(kind, known, record, origin, path,
                                              ("name", "nationality"))
                    for key in UNITED:
                        united = _unite(known.get(key, []), record.get(key, []))
                        if united:
                            known[key] = united
                    for key, value in record.items():
                        known.setdefault(key, value)
                else:
                    index = merged[kind].index(known)
                    merged[kind][index] = by_id[kind][record["id"]] = record
                    origin[id(record)] = str(path)
    return merged, conflicts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out, *fragments = args
    merged, conflicts = merge([Path(f) for f in fragments])
    for conflict in conflicts:
        print(conflict, file=sys.stderr)
    if conflicts:
        print(f"{len(conflicts)} conflicts: nothing written", file=sys.stderr)
        return 1
    write_dataset(Path(out), merged)
    return 0


if __name__ == "__main__":
    sys.exit(main())
