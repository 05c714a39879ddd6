"""The command line: ``main`` and the commands, each parsing its values, calling ``query`` and
handing the result to ``render``. Nothing else happens here.

The options, their help and their checks are declared once, for Typer, in ``interface``.
Importing Typer (with the click it vendors) cost a plain command about 25 ms, a quarter of
its run (docs/benchmarks.md), so ``main`` first tries ``argv.read``: a plain command line (known
options, well-formed values) is read from ``argv_spec``, which is derived from ``interface``
and checked against it by the tests. Everything else (help, completion, a mistake, an
unusual spelling) goes to Typer, which reads the line afresh. Both call the functions below
with the same values. Nothing heavy is imported before a command knows it needs it.
"""

from __future__ import annotations

import functools
import sys
from enum import Enum

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a few ms)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from typing import Any, TypeVar

    from .catalog import Catalog
    from .model import EventKind, PartialDate, Region, Status
    from .render import Format, Listing

    F = TypeVar("F", bound=Callable[..., Any])

PROG = "albrel"


class UsageError(Exception):
    """A command-line value the command cannot use (a date that is not one, an unknown field).

    The commands raise it; ``interface`` reports it as a usage error of the option named
    by ``hint`` (``albrel: error: Invalid value for '--since': …``, exit code 2).
    """

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


# --------------------------------------------------------------------------- plumbing


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


def _quiet_broken_pipe() -> None:
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
            _quiet_broken_pipe()
            sys.exit(0)

    return wrapper  # type: ignore[return-value]


class Settings:
    """Options given before the command (``--data``), handed to every command."""

    __slots__ = ("data",)

    def __init__(self, data: Path | None) -> None:
        self.data = data


def _catalog(settings: Settings) -> Catalog:
    """The data the command reads. A first load of a large file (minutes at a thousand
    times the data) shows its progress on stderr when that is a terminal."""
    from .load import open_catalog
    from .render import is_terminal

    if not is_terminal(sys.stderr):
        return open_catalog(settings.data)
    from .render.progress import Reporter  # draws (and imports Rich) only if there is work

    reporter = Reporter(sys.stderr)
    try:
        return open_catalog(settings.data, progress=reporter)
    finally:
        reporter.close()


class _Seen:
    """Passes records on one at a time and counts them, so that a streamed listing can still
    say afterwards that it was empty."""

    def __init__(self, records: Iterator[Any]) -> None:
        self.records = records
        self.count = 0

    def __iter__(self) -> _Seen:
        return self

    def __next__(self) -> Any:
        record = next(self.records)
        self.count += 1
        return record


class Bucket(str, Enum):
    year = "year"
    decade = "decade"


class Expand(str, Enum):
    sources = "sources"


class ExportFormat(str, Enum):
    sqlite = "sqlite"
    json = "json"
    csv = "csv"


def _listing(listing: Listing, fields: str | None) -> Listing:
    """The listing, narrowed by --fields; a wrong field is a usage error naming the right."""
    from .render import select

    if fields is None:
        return listing
    try:
        return select(listing, [f.strip() for f in fields.split(",") if f.strip()])
    except ValueError as exc:
        raise UsageError(str(exc), "'--fields'") from None


def _format(fmt: Format, as_json: bool) -> Format:
    from .render import Format

    return Format.json if as_json else fmt


def _date(value: str | None, option: str) -> PartialDate | None:
    """A date option parsed, or a usage error naming the option and the value."""
    from .model import PartialDate

    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise UsageError(str(exc), f"'{option}'") from None


def _saved(path: str | Path) -> None:
    print(f"{PROG}: wrote {path}")


def _save_picture(result: Any, output: str, *, force: bool, **options: Any) -> None:
    """--output: the picture of ``result`` saved as FILE.svg or FILE.html, then said so."""
    from pathlib import Path

    from .render import save_picture

    save_picture(result, Path(output), force=force, **options)
    _saved(output)


# --------------------------------------------------------------------------- commands
# Their options and help: ``interface``. Each takes every option as a keyword.


@reports_errors
def countries(settings: Settings, *, region: Region | None, status: Status | None,
              since: str | None, until: str | None, as_of: str | None, fmt: Format,
              as_json: bool, fields: str | None) -> None:
    from . import query, render

    first, last = _date(since, "--since"), _date(until, "--until")
    moment = _date(as_of, "--as-of")
    listing = _listing(render.COUNTRIES, fields)
    dataset = _catalog(settings)
    rows = query.list_countries(dataset, region=region, status=status, since=first, until=last,
                                as_of=moment)
    render.emit(rows, _format(fmt, as_json), listing=listing, dataset=dataset)
    unknown = query.unknown_on(dataset, moment, region=region, status=status) if moment else ()
    if unknown:
        say(f"{PROG}: note: left out, as their periods' dates cannot say whether relations "
            f"held in {moment}: {', '.join(c.id for c in unknown)}")


@reports_errors
def show(settings: Settings, *, country: list[str], fmt: Format, as_json: bool,
         expand: Expand | None, output: str | None, force: bool) -> None:
    from . import query, render

    if output is not None and len(country) > 1:
        raise UsageError("a picture shows one country", "'--output'")
    dataset = _catalog(settings)
    chosen = [query.resolve_country(dataset, name) for name in country]
    details = [query.country_detail(dataset, one) for one in chosen]
    if output is not None:  # the relation periods as a picture
        return _save_picture(details[0], output, dataset=dataset, force=force)
    render.emit_pages(details, _format(fmt, as_json), dataset=dataset,
                      expand_sources=expand is Expand.sources)


@reports_errors
def timeline(settings: Settings, *, country: list[str] | None, since: str | None,
             until: str | None, kind: list[EventKind] | None, org: list[str] | None,
             with_predecessors: bool, chart: bool, by: Bucket | None, fmt: Format,
             as_json: bool, fields: str | None, expand: Expand | None, output: str | None,
             force: bool) -> None:
    from . import query, render

    first, last = _date(since, "--from"), _date(until, "--to")
    listing = _listing(render.TIMELINE, fields)
    dataset = _catalog(settings)
    chosen = [query.resolve_country(dataset, name) for name in country or ()]
    if with_predecessors:
        chosen += [before for c in chosen for before in query.lineage(dataset, c)]
    orgs = [query.resolve_organisation(dataset, name) for name in org or ()]
    events = _Seen(query.iter_timeline(dataset, chosen, since=first, until=last,
                                       kinds=kind or (), orgs=orgs))
    if chart or output is not None:
        counts = query.count_events(events, by.value if by else None)
        label = ", ".join([c.name for c in chosen] + [o.abbr for o in orgs])
        if output is not None:
            return _save_picture(counts, output, label=label, force=force)
        render.emit_event_counts(counts, _format(fmt, as_json), label=label)
        return
    render.emit(events, _format(fmt, as_json), listing=listing, dataset=dataset,
                expand_sources=expand is Expand.sources)
    if not events.count and chosen:
        hint = query.why_no_events(dataset, chosen, since=first, until=last, kinds=kind or ())
        if hint:
            say(f"{PROG}: note: nothing matched; {hint}")


@reports_errors
def agreements(settings: Settings, *, text: str | None, country: str | None,
               since: str | None, until: str | None, fmt: Format, as_json: bool,
               fields: str | None, expand: Expand | None) -> None:
    from . import query, render

    first, last = _date(since, "--from"), _date(until, "--to")
    listing = _listing(render.AGREEMENTS, fields)
    dataset = _catalog(settings)
    chosen = query.resolve_country(dataset, country) if country else None
    rows = query.agreements(dataset, text, country=chosen, since=first, until=last)
    render.emit(rows, _format(fmt, as_json), listing=listing, dataset=dataset,
                expand_sources=expand is Expand.sources)


@reports_errors
def search(settings: Settings, *, text: str, type_: list[str] | None, limit: int,
           fmt: Format, as_json: bool, fields: str | None) -> None:
    from . import query, render

    types = [name.strip() for given in type_ or () for name in given.split(",") if name.strip()]
    for name in types:
        if name not in query.SEARCH_TYPES:
            raise UsageError(f"{name!r} is not one of: {', '.join(query.SEARCH_TYPES)}",
                             "'--type'")
    if not query.fold(text):
        raise UsageError("give at least one word to search for", "'QUERY'")
    listing = _listing(render.SEARCH, fields)
    dataset = _catalog(settings)
    hits = query.search(dataset, text, types=types, limit=limit)
    render.emit(hits, _format(fmt, as_json), listing=listing, dataset=dataset)


@reports_errors
def sources(settings: Settings, *, source: str | None, text: str | None, country: str | None,
            fmt: Format, as_json: bool, fields: str | None) -> None:
    from . import query, render

    listing = _listing(render.SOURCES, fields)
    dataset = _catalog(settings)
    if source is not None:
        render.emit_one(query.source_detail(dataset, source), _format(fmt, as_json),
                        dataset=dataset)
        return
    chosen = query.resolve_country(dataset, country) if country else None
    rows = query.list_sources(dataset, text, country=chosen)
    render.emit(rows, _format(fmt, as_json), listing=listing, dataset=dataset)


@reports_errors
def export(settings: Settings, *, target: str | None, fmt: ExportFormat, force: bool) -> None:
    from pathlib import Path

    from . import export as exporter

    if target in (None, "-") and fmt is not ExportFormat.json:
        raise UsageError(f"give the {'directory' if fmt is ExportFormat.csv else 'file'} to "
                         f"write the {fmt.value} export to", "'TARGET'")
    dataset = _catalog(settings)
    if target in (None, "-"):
        exporter.write_json(dataset, sys.stdout)
        return
    path = Path(target)
    if fmt is ExportFormat.json:
        exporter.write_json_file(dataset, path, force=force)
        return _saved(path)
    write = exporter.write_sqlite if fmt is ExportFormat.sqlite else exporter.write_csv
    counts = write(dataset, path, force=force)
    print(f"{PROG}: wrote {path} ({sum(counts.values())} rows in {len(counts)} tables)")


@reports_errors
def orgs(settings: Settings, *, fmt: Format, as_json: bool, fields: str | None) -> None:
    from . import query, render

    listing = _listing(render.ORGS, fields)
    dataset = _catalog(settings)
    render.emit(query.organisations(dataset), _format(fmt, as_json), listing=listing,
                dataset=dataset)


@reports_errors
def stats(settings: Settings, *, fmt: Format, as_json: bool, fields: str | None,
          output: str | None, force: bool) -> None:
    from . import query, render

    listing = _listing(render.STATS, fields)
    result = query.stats(_catalog(settings))
    if output is not None:
        return _save_picture(result, output, force=force)
    render.emit_stats(result, _format(fmt, as_json), listing=listing)


@reports_errors
def validate(settings: Settings, *, path: str | None) -> None:
    from .errors import DataError
    from .load import check_file, data_path

    target = data_path(path or settings.data)
    try:
        dataset = check_file(target)
    except DataError as exc:
        if len(exc.problems) == 1:
            raise
        for problem in exc.problems:
            say(printable(str(problem)))
        error(f"{len(exc.problems)} problems in {target} (the format is described in "
              f"docs/dataset.md)")
        sys.exit(1)
    print(f"{target}: ok ({len(dataset.countries)} countries, {len(dataset.events)} events, "
          f"{len(dataset.agreements)} agreements, {len(dataset.organisations)} organisations, "
          f"{len(dataset.people)} people, {len(dataset.sources)} sources)")


COMMANDS: dict[str, Callable[..., None]] = {
    "countries": countries, "show": show, "timeline": timeline, "agreements": agreements,
    "search": search, "sources": sources, "export": export, "orgs": orgs, "stats": stats,
    "validate": validate,
}


# --------------------------------------------------------------------------- entry point


def main(args: list[str] | None = None) -> None:
    """``albrel``: run the command line, read by ``argv`` when it can, else by Typer."""
    from .argv import read

    prepare_streams()
    line = sys.argv[1:] if args is None else args
    call = read(line)
    if call is not None:
        from pathlib import Path

        try:
            COMMANDS[call.command](Settings(Path(call.data) if call.data else None),
                                   **call.values)
        except UsageError:
            pass  # nothing is written before this; Typer reads the line and reports it
        except KeyboardInterrupt:  # as Typer reports it (interface.AlbrelGroup)
            error("aborted")
            sys.exit(1)
        else:
            return
    from .interface import app

    app(line, prog_name=PROG)
