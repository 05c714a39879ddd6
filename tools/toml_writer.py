"""Write dataset records as TOML in albrel's stable layout (the dataset has no TOML writer of
its own: albrel only reads). Shared by tools/merge_fragments.py and bench/generate.py."""

from __future__ import annotations

import json
from pathlib import Path

ORDER = ("sources", "countries", "people", "organisations", "missions", "agreements", "events")
"""The top-level tables, in the order the file holds them."""

HEADER = (
    "# albrel dataset: Albania's bilateral relations.",
    "# Format: docs/dataset.md. Dates are quoted partial ISO dates: \"1924\",",
    "# \"1922-04\", \"2013-12-09\". Every record names its source. Check with: albrel validate",
)


def scalar(value: object) -> str:
    """A TOML value: strings as JSON strings (a subset of TOML's basic strings)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def table(header: str, record: dict) -> list[str]:
    """One ``[[header]]`` table, its nested arrays of tables after its own keys."""
    lines = [f"[[{header}]]"]
    nested = []
    for key, value in record.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            nested.append((key, value))
        else:
            lines.append(f"{key} = {scalar(value)}")
    for key, items in nested:
        for item in items:
            lines.append("")
            lines.extend(table(f"{header}.{key}", item))
    return lines


def dataset_text(records: dict[str, list[dict]]) -> str:
    """A whole dataset file: the header, then every kind in ``ORDER``."""
    lines = list(HEADER)
    for kind in ORDER:
        for record in records.get(kind, []):
            lines.append("")
            lines.extend(table(kind, record))
    return "\n".join(lines) + "\n"


def write_dataset(path: Path, records: dict[str, list[dict]]) -> None:
    path.write_text(dataset_text(records), encoding="utf-8")
