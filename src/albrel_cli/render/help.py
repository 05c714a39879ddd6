"""``--help`` laid out for the terminal it is read on: Click's layout, wrapped to the terminal's
width (up to ``WIDEST`` columns) at word boundaries only.

Click's own formatter wraps at 78 columns on any terminal wider than 80 and at 50 on any
narrower one, breaks words at their hyphens (``YYYY-MM-`` / ``DD``) and cuts words longer than
the line; and a long option name with its choices (``--kind <visit|meeting|…>``) stays one line
that the terminal then breaks anywhere. Here no word is ever cut: a line wraps at spaces, a list
of choices after a ``|``, and a word longer than the line stands on a line of its own. An example
block (``\\b``) keeps its lines, and only one too long for the terminal wraps, at a space, its
continuation indented under it.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:  # for the type checker only: typer 0.28 vendors Click privately
    from typer._click.formatting import HelpFormatter
else:  # at run time, Click's formatter as the public Context names it
    HelpFormatter = typer.Context.formatter_class

WIDEST = 120  # paragraphs wider than this are hard to read, whatever the terminal
NARROWEST = 20
# Below this width for the descriptions, an option's description goes under its name.
DESCRIPTION_FLOOR = 30


def terminal_width() -> int:
    """The width help is wrapped to: the terminal's (``COLUMNS`` first), less a margin."""
    return max(min(shutil.get_terminal_size().columns, WIDEST) - 1, NARROWEST)


def _wrapper(width: int, initial: str = "", subsequent: str = "") -> textwrap.TextWrapper:
    return textwrap.TextWrapper(max(width, len(subsequent) + 1), initial_indent=initial,
                                subsequent_indent=subsequent, break_long_words=False,
                                break_on_hyphens=False, replace_whitespace=False)


def _raw_lines(block: str, width: int, indent: str) -> list[str]:
    """An example block: each line as written, unless it is too long for the terminal."""
    lines = []
    for line in block.splitlines():
        body = line.lstrip()
        own = indent + line[:len(line) - len(body)]
        if len(own) + len(body) <= width:
            lines.append(own + body)
        else:
            lines += _wrapper(width, own, own + "    ").wrap(body) or [own]
    return lines


def wrap_text(text: str, width: int, indent: str = "", *, paragraphs: bool = True) -> str:
    """Click's ``wrap_text`` with its paragraphs and ``\\b`` blocks, breaking only between
    words."""
    if not paragraphs:
        return "\n".join(_wrapper(width, indent, indent).wrap(text))
    blocks: list[tuple[str, bool, str]] = []  # (extra indent, raw, text)
    buffer: list[str] = []
    extra: str | None = None

    def flush() -> None:
        if buffer:
            raw = buffer[0].strip() == "\b"
            body = "\n".join(buffer[1:]) if raw else " ".join(buffer)
            blocks.append((extra or "", raw, body))
            buffer.clear()

    for line in text.expandtabs().splitlines():
        if not line:
            flush()
            extra = None
            continue
        if extra is None:
            stripped = line.lstrip()
            extra = line[:len(line) - len(stripped)]
            line = stripped
        buffer.append(line)
    flush()
    out = []
    for more, raw, body in blocks:
        if raw:
            out.append("\n".join(_raw_lines(body, width, indent + more)))
        else:
            lead = indent + more
            out.append("\n".join(_wrapper(width, lead, lead).wrap(body)))
    return "\n\n".join(out)


def _chunks(term: str) -> list[str]:
    """An option's name and metavar in the pieces it may be broken into: words, and the
    choices of ``<a|b|c>`` each with the ``|`` after it."""
    return [piece for piece in re.split(r"(?<=\|)|(?<= )", term) if piece]


def wrap_term(term: str, width: int, indent: str) -> list[str]:
    """An option's name with its choices, over several lines when it is too long."""
    lines, line = [], indent
    for piece in _chunks(term):
        if line.strip() and len(line) + len(piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = indent + "    "
        line += piece
    lines.append(line.rstrip())
    return lines


class WrappingHelpFormatter(HelpFormatter):
    """Click's help formatter, wrapping to the terminal at word boundaries."""

    def __init__(self, indent_increment: int = 2, width: int | None = None,
                 max_width: int | None = None) -> None:
        super().__init__(indent_increment, width or terminal_width(), max_width)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = "Usage: " if prefix is None else prefix
        lead = f"{prefix:>{self.current_indent}}{prog} "
        if len(lead) + 20 <= self.width:
            wrapper = _wrapper(self.width, lead, " " * len(lead))
            self.write("\n".join(wrapper.wrap(args) or [lead.rstrip()]))
        else:
            self.write(lead.rstrip() + "\n")
            indent = " " * (max(self.current_indent, len(prefix)) + 4)
            self.write(wrap_text(args, self.width, indent, paragraphs=False))
        self.write("\n")

    def write_text(self, text: str) -> None:
        self.write(wrap_text(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = list(rows)
        widest = max((len(first) for first, _ in rows), default=0)
        indent = " " * self.current_indent
        first_col = min(widest, col_max) + col_spacing
        stacked = self.width - self.current_indent - first_col < DESCRIPTION_FLOOR
        for first, second in rows:
            terms = wrap_term(first, self.width, indent)
            if stacked:
                self._write_lines(terms)
                if second:
                    lead = indent + "    "
                    self._write_lines(wrap_text(second, self.width, lead).splitlines())
                continue
            lead = indent + " " * first_col
            text = wrap_text(second, self.width, lead).splitlines() if second else []
            if len(terms) == 1 and len(first) <= first_col - col_spacing and text:
                text[0] = terms[0].ljust(len(lead)) + text[0][len(lead):]
                self._write_lines(text)
            else:
                self._write_lines([*terms, *text])

    def _write_lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line.rstrip() + "\n")
