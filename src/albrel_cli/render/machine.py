"""Formats for scripts and documents: JSON, JSON Lines, CSV, Markdown and plain tab-separated
lines. Standard library only, all built on the records of ``to_record``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from .records import Listing


def json_encoder(out: TextIO) -> json.JSONEncoder:
    """A JSON encoder that keeps the data exact: letters as they are on a UTF output, and
    as ``\\u`` escapes where the output's encoding could not hold them."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
    return json.JSONEncoder(ensure_ascii=not encoding.startswith("utf"))


def write_json(records: Iterable[dict[str, Any]], out: TextIO, *, listing: Listing) -> None:
    """A JSON array with one record per line (``[]`` when nothing matched), written as the
    records come.

    Each record is encoded on its own by the C encoder, which ``indent`` would turn off.
    """
    encode = json_encoder(out).encode
    opening = "[\n"
    for record in records:
        out.write(opening)
        out.write(encode(record))
        opening = ",\n"
    out.write("[]\n" if opening == "[\n" else "\n]\n")


def write_json_object(record: dict[str, Any], out: TextIO) -> None:
    """One JSON object on one line (the C encoder; ``jq .`` pretty-prints it)."""
    out.write(json_encoder(out).encode(record))
    out.write("\n")


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO, *, listing: Listing) -> None:
    """One JSON object per line, the same keys as the JSON array."""
    encode = json_encoder(out).encode
    for record in records:
        out.write(encode(record))
        out.write("\n")


def _cell(value: Any, separator: str) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if any(isinstance(item, (dict, list)) for item in value):
            return json.dumps(value, ensure_ascii=False)
        return separator.join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_csv(records: Iterable[dict[str, Any]], out: TextIO, *, listing: Listing) -> None:
    """A header and one row per record with the JSON keys; lists joined with ``"; "``."""
    import csv  # only this format needs it

    encoding = (getattr(out, "encoding", None) or "utf-8").lower()
    if encoding.replace("-", "").startswith("utf"):
        def cell(value: Any) -> str:
            return _cell(value, "; ")
    else:  # degrade before quoting, so that a stand-in quote mark is quoted too
        from .ascii import degrade

        def cell(value: Any) -> str:
            return degrade(_cell(value, "; "), encoding)
    writer = csv.writer(out, lineterminator="\n")
    if listing.header:
        writer.writerow(listing.fields)
    for record in records:
        writer.writerow([cell(record.get(key)) for key in listing.fields])


def _plain(value: Any) -> str:
    return " ".join(_cell(value, ", ").split())


def write_tsv(records: Iterable[dict[str, Any]], out: TextIO, *, listing: Listing) -> None:
    """The table format when stdout is not a terminal: a header row of the columns' keys
    (unless ``listing.header`` is off: --no-header), then one tab-separated line per record,
    the table's columns, no styling and nothing cut, so cut, awk and grep work."""
    if listing.header:
        out.write("\t".join(c.key for c in listing.columns))
        out.write("\n")
    for record in records:
        out.write("\t".join(_plain(record.get(c.key)) for c in listing.columns))
        out.write("\n")


def write_markdown(records: Iterable[dict[str, Any]], out: TextIO, *, listing: Listing) -> None:
    """A GitHub-flavoured Markdown table of the listing's columns."""

    def escape(value: Any) -> str:
        return _plain(value).replace("\\", "\\\\").replace("|", "\\|")

    out.write("| " + " | ".join(c.heading for c in listing.columns) + " |\n")
    out.write("|" + "|".join(" --- " for _ in listing.columns) + "|\n")
    for record in records:
        out.write("| " + " | ".join(escape(record.get(c.key)) for c in listing.columns) + " |\n")
