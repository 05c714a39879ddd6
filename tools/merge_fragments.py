"""Merge curated TOML fragments into one dataset file (a maintenance script, not part of albrel).

    python tools/merge_fragments.py OUT.toml FRAGMENT.toml [FRAGMENT.toml ...]

Records of the same kind are concatenated; a source defined twice must be identical except for
optional keys one side lacks; people with the same id are merged (roles, aliases and sources
united); a country, event or agreement whose id an earlier file already defines replaces that
record in place (a later fragment corrects or completes it). The output is written in a
stable layout that the tests and humans can diff.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import tomllib

ORDER = ("sources", "countries", "people", "organisations", "agreements", "events")
NESTED = ("periods", "alt_dates", "embassies", "figures")


def _scalar(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _table(header: str, record: dict) -> list[str]:
    lines = [f"[[{header}]]"]
    nested = []
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            nested.append((key, value))
        else:
            lines.append(f"{key} = {_scalar(value)}")
    for key, items in nested:
        for item in items:
            lines.append("")
            lines.extend(_table(f"{header}.{key}", item))
    return lines


def _unite(a: list, b: list) -> list:
    return a + [x for x in b if x not in a]


def merge(paths: list[Path]) -> dict[str, list[dict]]:
    merged: dict[str, list[dict]] = {kind: [] for kind in ORDER}
    sources: dict[str, dict] = {}
    people: dict[str, dict] = {}
    for path in paths:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind, records in data.items():
            for record in records:
                if kind == "sources":
                    known = sources.get(record["id"])
                    if known is None:
                        sources[record["id"]] = record
                        merged[kind].append(record)
                    else:
                        for key, value in record.items():
                            known.setdefault(key, value)
                elif kind == "people":
                    known = people.get(record["id"])
                    if known is None:
                        people[record["id"]] = record
                        merged[kind].append(record)
                    else:
                        for key in ("roles", "aliases", "sources"):
                            known[key] = _unite(known.get(key, []), record.get(key, []))
                            if not known[key]:
                                del known[key]
                        for key, value in record.items():
                            known.setdefault(key, value)
                else:
                    replaced = False
                    if "id" in record:
                        for index, known_record in enumerate(merged[kind]):
                            if known_record.get("id") == record["id"]:
                                merged[kind][index] = record
                                replaced = True
                                break
                    if not replaced:
                        merged[kind].append(record)
    return merged


def main() -> None:
    out, *fragments = sys.argv[1:]
    merged = merge([Path(f) for f in fragments])
    lines = [
        "# albrel dataset: Albania's bilateral relations.",
        "# Format: docs/dataset.md. Dates are quoted partial ISO dates: \"1924\",",
        "# \"1922-04\", \"2013-12-09\". Every record names its source. Check with: albrel validate",
    ]
    for kind in ORDER:
        for record in merged[kind]:
            lines.append("")
            lines.extend(_table(kind, record))
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
