"""Errors the lower layers raise and the CLI reports. Every message is a sentence for a human."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class AlbrelError(Exception):
    """Base of every error albrel reports as ``albrel: error: <message>`` with exit code 1."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file: where (file, line, record path) and what."""

    path: str
    where: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        location = self.path if self.line is None else f"{self.path}:{self.line}"
        where = f" {self.where}:" if self.where else ""
        return f"{location}:{where} {self.message}"


class DataError(AlbrelError):
    """A data file that cannot be read or does not follow the schema."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            raise ValueError("DataError needs at least one problem")
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        if more:
            import shlex

            command = f"albrel validate {shlex.quote(self.problems[0].path)}"
            first += f" (and {more} more problem{'s' if more > 1 else ''}; run '{command}')"
        return first


class UnknownCountryError(AlbrelError, LookupError):
    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.suggestions:
            quoted = ", ".join(repr(s) for s in self.suggestions)
            return f"no country matches {self.name!r}; did you mean {quoted}?"
        return (f"no country {self.name!r} in the dataset (names, ISO codes and Albanian "
                f"names are accepted; 'albrel countries' lists them all)")


class InvalidQueryError(AlbrelError):
    """A query that is well-formed but cannot be answered (an inverted date range)."""

