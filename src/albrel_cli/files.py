"""Writing files the user named, safely: to a temporary name beside the target, moved into
place only when complete, and never over an existing file unless asked to (``--force``)."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import AlbrelError


class WriteError(AlbrelError):
    """A file that cannot be written where it was asked to go."""


@contextlib.contextmanager
def replacing(target: Path, force: bool, *, directory: bool = False) -> Iterator[Path]:
    """A temporary path beside ``target`` that becomes ``target`` when the block succeeds."""
    if target.exists() and not force:
        raise WriteError(f"{target} already exists; add --force to replace it")
    if target.exists() and directory != target.is_dir():
        kind = "a directory" if target.is_dir() else "a file"
        raise WriteError(f"{target} is {kind}; choose another name")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise WriteError(f"{parent} is not a directory")
    try:
        temporary = Path(tempfile.mkdtemp(prefix=".albrel-tmp-", dir=parent))
    except OSError as exc:
        raise WriteError(f"cannot write in {parent} ({exc.strerror or exc})") from None
    staged = temporary / target.name
    try:
        if directory:
            staged.mkdir()
        yield staged
        if directory and target.exists():
            shutil.rmtree(target)
        os.replace(staged, target)
    except OSError as exc:
        raise WriteError(f"cannot write {target} ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


