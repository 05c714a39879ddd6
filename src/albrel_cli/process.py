"""Process plumbing for the command line: the output streams, error lines, settings.

It imports only two leaf modules (``errors``, ``render.ascii``), so that ``cli`` (the
commands) sits above it and nothing points back.
"""

from __future__ import annotations

import functools
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a few ms)
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any, TypeVar

    F = TypeVar("F", bound=Callable[..., Any])

PROG = "albrel"


def prepare_streams() -> None:
    """Characters the output's encoding lacks degrade (``ü`` -> ``u``) instead of failing."""
    from .render.ascii import DEGRADE

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None and encoding not in ("utf8", "utf16", "utf32"):
            reconfigure(errors=DEGRADE)


def printable(text: str) -> str:
    """Control characters (from a file name, say) escaped, so an error stays one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def say(message: str) -> None:
    """A line for the person at the terminal (notes, errors), on stderr."""
    print(message, file=sys.stderr, flush=True)


def error(message: str) -> None:
    say(f"{PROG}: error: {printable(message)}")


def quiet_broken_pipe() -> None:
    """The reader went away (``albrel timeline | head -1``): stop without a word.

    Later writes (and the flush at exit) go to the null device instead of raising again.
    """
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (under a test runner)
        pass


def reports_errors(function: F) -> F:
    """Turn AlbrelError into ``albrel: error: <message>`` on stderr and exit code 1."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from .errors import AlbrelError

        try:
            return function(*args, **kwargs)
        except AlbrelError as exc:
            error(str(exc))
            sys.exit(1)
        except BrokenPipeError:
            quiet_broken_pipe()
            sys.exit(0)

    return wrapper  # type: ignore[return-value]


class Settings:
    """Options given before the command (``--data``), handed to every command."""

    __slots__ = ("data",)

    def __init__(self, data: Path | None) -> None:
        self.data = data
