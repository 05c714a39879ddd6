"""A parsed-data cache, so repeated runs skip TOML parsing and validation.

One file per data path in the user cache directory (XDG), holding the validated Dataset and the
key it was built for: the data file's resolved path, size, mtime and checksum, albrel's version
and Python's. The cache is an optimisation only: an entry that is missing, unreadable, corrupt or
stale is ignored, and a directory that cannot be written is not an error. Writes are atomic.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import Any

from ._version import __version__

DISABLE_ENV = "ALBREL_NO_CACHE"
DIR_ENV = "ALBREL_CACHE_DIR"


def cache_dir() -> Path:
    explicit = os.environ.get(DIR_ENV)
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "albrel"
    if sys.platform.startswith("linux"):  # the XDG default, without importing platformdirs
        return Path.home() / ".cache" / "albrel"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("albrel", appauthor=False))


def model_fingerprint() -> int:
    """A checksum of the record definitions, of the Dataset that holds them and of the indexed
    store's tables, so that a cache written by a differently shaped model or store (an upgrade
    that kept the version number) is a miss rather than a broken object."""
    here = Path(__file__).parent
    return zlib.crc32(b"".join((here / name).read_bytes()
                               for name in ("model.py", "catalog.py", "store.py")))


SAMPLE = 1024 * 1024


def _checksum(path: Path, size: int) -> int:
    """A CRC of the file; of a large one, of its first and last MiB only, so that a query on
    a file of hundreds of megabytes neither reads nor holds all of it on every run."""
    with path.open("rb") as handle:
        if size <= 2 * SAMPLE:
            return zlib.crc32(handle.read())
        head = zlib.crc32(handle.read(SAMPLE))
        handle.seek(size - SAMPLE)
        return zlib.crc32(handle.read(SAMPLE), head)


def key(data: Path) -> tuple[Any, ...] | None:
    """What the cached object depends on. The checksum catches a rewrite of the same size
    within the file system's timestamp granularity, which size and mtime alone would miss
    (for a large file, a rewrite of its beginning or end)."""
    try:
        resolved = data.resolve()
        stat = resolved.stat()
        checksum = _checksum(resolved, stat.st_size)
        fingerprint = model_fingerprint()
    except OSError:
        return None
    return (str(resolved), stat.st_size, stat.st_mtime_ns, checksum, __version__,
            sys.version_info[:2], fingerprint)


def entry(key: tuple[Any, ...], suffix: str = ".pickle") -> Path:
    """The cache file for a data file. Only a name: the full key is stored inside the entry
    and checked on reading."""
    raw = key[0].encode("utf-8", "surrogatepass")
    digest = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}"
    return cache_dir() / f"dataset-{digest}{suffix}"


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


def read(wanted: tuple[Any, ...]) -> Any | None:
    """The object cached under ``wanted`` (from ``key``), or None when there is no usable
    entry."""
    try:
        with entry(wanted).open("rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # any unreadable or corrupt entry is simply a miss
        return None
    return value if stored_key == wanted else None


def write(wanted: tuple[Any, ...], value: Any) -> None:
    """Store ``value`` under ``wanted``; silently does nothing when that is not possible."""
    import tempfile

    target = entry(wanted)
    temporary: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".tmp-", delete=False) as tmp:
            temporary = tmp.name
            pickle.dump((wanted, value), tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
    except Exception:  # a cache that cannot be written is not an error
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
