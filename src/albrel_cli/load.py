"""TOML -> model: where the dataset is, reading it, and the parsed-data cache.

The schema and its checks live in ``schema``, imported only when a file is actually parsed,
so that a run served from the cache loads neither tomllib nor the validator.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import cache
from .catalog import Catalog, Dataset
from .errors import DataError, Problem

DATA_ENV = "ALBREL_DATA"
# Above this size a data file is served from the indexed store (``store``), which reads only
# what a query needs; below it, unpickling the whole cached dataset is faster. The shipped
# data (1.9 MB) is above it: `show italy --json` 9.7x python -c pass through the store against
# 12.1x by unpickling everything (docs/benchmarks.md).
LARGE_DATA = 1024 * 1024


def default_data_path() -> Path:
    """The dataset shipped in the wheel, or the repository's file in a source checkout."""
    packaged = Path(__file__).parent / "data" / "relations.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "relations.toml"


def data_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data`` wins, then ``$ALBREL_DATA``, then the shipped dataset."""
    chosen = explicit or os.environ.get(DATA_ENV)
    if not chosen:
        return default_data_path()
    if "\0" in os.fspath(chosen):  # no file can have this name; the OS would refuse it
        raise DataError([Problem(repr(os.fspath(chosen)), "", "no file name has a NUL byte")])
    return Path(chosen)


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; every failure becomes a one-problem DataError naming the file."""
    return _read_document(path)[0]


def _read_document(path: Path) -> tuple[dict[str, Any], str]:
    shown = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem(shown, "", "no such data file")]) from None
    except IsADirectoryError:
        raise DataError([Problem(shown, "", "is a directory, not a data file")]) from None
    except OSError as exc:
        raise DataError([Problem(shown, "", f"cannot be read ({exc.strerror})")]) from None
    if not raw.strip():
        raise DataError([Problem(shown, "", "the data file is empty")])
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)"
        raise DataError([Problem(shown, "", message, line)]) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise DataError([_toml_problem(shown, exc, text)]) from None


def _toml_problem(shown: str, exc: Exception, text: str) -> Problem:
    message = str(exc)
    if message.endswith("(at end of document)"):
        detail = message.removesuffix("(at end of document)").strip()
        return Problem(shown, "", f"is not valid TOML: {detail} (the file ends too early)",
                       text.count("\n") + (0 if text.endswith("\n") else 1))
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    if match is None:
        return Problem(shown, "", f"is not valid TOML: {message}")
    detail = message[: match.start()].strip()
    return Problem(shown, "", f"is not valid TOML: {detail} (column {match[2]})", int(match[1]))


def check_file(path: Path) -> Dataset:
    """Read, parse and validate a file with no cache involved (``albrel validate``)."""
    raw, text = _read_document(path)
    return build_dataset(raw, origin=str(path), text=text)


def build_dataset(raw: dict[str, Any], *, origin: str = "<memory>",
                  text: str | None = None) -> Dataset:
    """Check a parsed TOML document against the schema and build the Dataset.

    Raises DataError listing every problem; ``text`` (the file's text) lets problems carry
    line numbers.
    """
    from .schema import build_dataset as build

    return build(raw, origin=origin, text=text)


def load_dataset(path: str | os.PathLike[str] | None = None, *, use_cache: bool = True) -> Dataset:
    """Load the dataset at ``path`` (or the default), through the parsed-data cache."""
    resolved = data_path(path)
    key = cache.key(resolved) if use_cache and cache.enabled() else None
    if key is not None:
        cached = cache.read(key)
        if isinstance(cached, Dataset):
            return cached
    dataset = check_file(resolved)
    if key is not None:
        cache.write(key, dataset)
    return dataset


def open_catalog(path: str | os.PathLike[str] | None = None, *,
                 progress: Callable[[str, int, int], None] | None = None) -> Catalog:
    """What the commands query: for a large file the indexed store, built on first use; the
    cached in-memory Dataset for a small one, and whenever the store cannot be had.

    ``progress`` hears how a first load of a large file goes: ``reading`` the file, then
    ``indexing`` (steps done, steps in all); nothing at all when the store is ready."""
    resolved = data_path(path)
    return _indexed_store(resolved, progress) or load_dataset(resolved)


def _indexed_store(resolved: Path,
                   progress: Callable[[str, int, int], None] | None = None) -> Catalog | None:
    """The indexed store of a large file (building it if need be), or None: for a small file,
    with the cache turned off, or when the store cannot be read or written."""
    try:
        large = resolved.stat().st_size > LARGE_DATA
    except OSError:
        return None
    key = cache.key(resolved) if large and cache.enabled() else None
    if key is None:
        return None
    import sqlite3

    from . import store

    location = cache.entry(key, ".sqlite")
    opened = store.IndexedStore.open(location, str(resolved), key)
    if opened is None:
        if progress is not None:
            progress("reading", 0, 1)
        dataset = check_file(resolved)
        try:
            store.build(dataset, location, key, progress)
        except (OSError, sqlite3.Error):  # a store that cannot be written is not an error
            return None
        opened = store.IndexedStore.open(location, str(resolved), key)
    return opened
