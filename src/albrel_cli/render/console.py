"""The one place a Rich console is built, so that every terminal page prints the same way:
no markup read from the data, no emoji codes, no highlighting, no soft wrapping."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console


def make_console(out: TextIO) -> Console:
    return Console(file=out, markup=False, emoji=False, highlight=False, soft_wrap=False)


def recording_console(width: int = 100) -> Console:
    """A console that draws in colour into memory, for a picture saved as SVG or HTML."""
    import io

    return Console(file=io.StringIO(), record=True, width=width, force_terminal=True,
                   color_system="truecolor", markup=False, emoji=False, highlight=False,
                   soft_wrap=False)
