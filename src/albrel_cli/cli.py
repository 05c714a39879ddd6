"""The command line: each command parses options, calls ``query`` and hands the result to
``render``. Nothing else happens here."""


import functools
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer._click import exceptions as click_exceptions  # typer 0.28 vendors click
from typer.core import TyperGroup

from . import query, render
from ._version import __version__
from .catalog import Catalog
from .errors import AlbrelError, DataError
from .load import check_file, data_path, open_catalog
from .model import EventKind, PartialDate, Region, Status
from .render import Format
from .render.ascii import DEGRADE

PROG = "albrel"
F = TypeVar("F", bound=Callable[..., Any])


# --------------------------------------------------------------------------- plumbing




def _prepare_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if reconfigure is not None and encoding not in ("utf8", "utf16", "utf32"):
            reconfigure(errors=DEGRADE)


def _printable(text: str) -> str:
    """Control characters (from a file name, say) escaped, so an error stays one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _error(message: str) -> None:
    typer.echo(f"{PROG}: error: {_printable(message)}", err=True)


class _LazyCommands(Mapping[str, Any]):
    """The subcommands by name, each turned into a Click command the first time it is asked
    for (Click's lazy subcommands): a run builds the one command it invokes, not all eight
    (about 2.5 ms, docs/benchmarks.md). Help and completion ask for all of them."""

    def __init__(self, typer_app: typer.Typer) -> None:
        self._app = typer_app
        self._infos = {info.name or typer.main.get_command_name(info.callback.__name__): info
                       for info in typer_app.registered_commands if info.callback}
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = typer.main.get_command_from_info(
                self._infos[name], pretty_exceptions_short=self._app.pretty_exceptions_short,
                rich_markup_mode=self._app.rich_markup_mode)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)


class AlbrelGroup(TyperGroup):
    """Reports usage errors as one line (``albrel: error: …``, exit 2) instead of a box, and
    ends quietly when the reader of a pipe goes away. Its subcommands come from ``commands``,
    built as they are needed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands(commands)  # type: ignore[assignment]

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        _prepare_streams()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode,
                                windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args,
                                **extra)
        except click_exceptions.NoArgsIsHelpError as exc:
            exc.show()
            code = 0
        except click_exceptions.ClickException as exc:
            context = getattr(exc, "ctx", None)
            command = context.command_path if context is not None else PROG
            _error(f"{exc.format_message()} (see '{command} --help')")
            code = exc.exit_code
        except typer.Abort:
            _error("aborted")
            code = 1
        sys.exit(code if isinstance(code, int) else 0)


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
        try:
            return function(*args, **kwargs)
        except AlbrelError as exc:
            _error(str(exc))
            raise typer.Exit(1) from None
        except BrokenPipeError:
            _quiet_broken_pipe()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


@dataclass(frozen=True)
class Settings:
    """Options given before the command, handed to it through the Click context."""

    data: Path | None


def _catalog(ctx: typer.Context) -> Catalog:
    """The data the command reads. A first load of a large file (minutes at a thousand
    times the data) shows its progress on stderr when that is a terminal."""
    data = ctx.obj.data if ctx.obj else None
    if not render.is_terminal(sys.stderr):
        return open_catalog(data)
    from .render.progress import Reporter  # draws (and imports Rich) only if there is work

    reporter = Reporter(sys.stderr)
    try:
        return open_catalog(data, progress=reporter)
    finally:
        reporter.close()


# --------------------------------------------------------------------------- options


class _Seen(Iterator[Any]):
    """Passes records on one at a time and counts them, so that a streamed listing can still
    say afterwards that it was empty."""

    def __init__(self, records: Iterator[Any]) -> None:
        self.records = records
        self.count = 0

    def __next__(self) -> Any:
        record = next(self.records)
        self.count += 1
        return record


class Bucket(str, Enum):
    year = "year"
    decade = "decade"


def _complete_country(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the ids that start with what was typed, else the one-word names and
    aliases that do, ignoring case and accents ("belgj" -> "belgjika", which names Belgium).

    A completion must start with the typed text (Typer keeps only those), so a name is
    offered as the typed letters followed by the rest of the name."""
    try:
        data = ctx.find_root().params.get("data")
        catalog = open_catalog(data)
    except AlbrelError:
        return []
    typed = query.fold(incomplete)
    offered: dict[str, str] = {}
    for country in catalog.all_countries():
        if country.id.startswith(incomplete.lower()):
            offered.setdefault(country.id, country.name)
            continue
        names = [name for name in (country.name, *country.aliases) if " " not in name]
        exact = [name for name in names if name.startswith(incomplete)]
        folded = [name for name in names if typed and query.fold(name[:len(incomplete)]) == typed]
        if exact or folded:
            name = (exact or folded)[0]
            offered.setdefault(incomplete + name[len(incomplete):], country.name)
    return list(offered.items())


FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="Output format (table prints tab-separated lines "
                 "when stdout is not a terminal)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]


def _picture_path(value: str | None) -> str | None:
    """--output: an .svg picture or an .html page; anything else is a usage error."""
    if value is not None and Path(value).suffix.lower() not in (".svg", ".html", ".htm"):
        raise typer.BadParameter(f"{value!r} should end in .svg or .html")
    return value


OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar="FILE", callback=_picture_path,
                 help="Save the picture as an SVG image (FILE.svg) or an HTML page "
                 "(FILE.html) instead of printing it."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


def _saved(path: Path) -> None:
    typer.echo(f"{PROG}: wrote {path}")


class Expand(str, Enum):
    sources = "sources"


ExpandOption = Annotated[
    Expand | None,
    typer.Option("--expand", help="With JSON: write out the sources each record cites "
                 "(source_records), not only their ids.", case_sensitive=False),
]
CountryOption = Annotated[
    str | None,
    typer.Option("--country", "-c", help="Only this country (id, name, ISO code or alias).",
                 autocompletion=_complete_country),
]


FieldsOption = Annotated[
    str | None,
    typer.Option("--fields", metavar="KEYS", help="Only these keys, comma-separated, in this "
                 "order (JSON, JSON Lines, CSV and table columns), e.g. id,name,established."),
]


def _listing(listing: render.Listing, fields: str | None) -> render.Listing:
    """The listing, narrowed by --fields; a wrong field is a usage error naming the right."""
    if fields is None:
        return listing
    try:
        return render.select(listing, [f.strip() for f in fields.split(",") if f.strip()])
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--fields'") from None


def _format(fmt: Format, as_json: bool) -> Format:
    return Format.json if as_json else fmt


def _date(value: str | None, option: str) -> PartialDate | None:
    """A date option parsed, or a usage error naming the option and the value."""
    if value is None:
        return None
    try:
        return PartialDate.parse(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{option}'") from None


# --------------------------------------------------------------------------- app

app = typer.Typer(
    cls=AlbrelGroup,
    no_args_is_help=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Albania's bilateral relations: countries, events, agreements and organisations.\n\n"
         "Every listing prints a table on a terminal and JSON, JSON Lines, CSV or Markdown "
         "with --format (or --json).",
    context_settings={"help_option_names": ["-h", "--help"]},
)
# The subcommands are registered here rather than on ``app``, whose group (AlbrelGroup) builds
# each one only when a run asks for it.
commands = typer.Typer()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[
        str | None,  # not Path: Typer would stat it, and a NUL byte in it would escape as a crash
        typer.Option("--data", metavar="PATH", envvar="ALBREL_DATA", show_envvar=True,
                     help="Dataset file to read instead of the shipped one."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Show the version and exit."),
    ] = False,
) -> None:
    """Albania's bilateral relations: countries, events, agreements and organisations."""
    ctx.obj = Settings(Path(data) if data else None)


@commands.command()
@reports_errors
def countries(
    ctx: typer.Context,
    region: Annotated[Region | None, typer.Option(help="Only this region.",
                                                  case_sensitive=False)] = None,
    status: Annotated[Status | None, typer.Option(help="Only this status.",
                                                  case_sensitive=False)] = None,
    since: Annotated[str | None, typer.Option(metavar="DATE",
                                              help="Relations established on or after DATE.")]
    = None,
    until: Annotated[str | None, typer.Option(metavar="DATE",
                                              help="Relations established on or before DATE.")]
    = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="DATE",
        help="Only countries Albania had relations with at some time within DATE (a year, "
             "month or day), by the relation periods: breaks and suspensions count.")] = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Countries Albania has, had or lacks relations with, by name.

    \b
    Examples:
      albrel countries --region Europe --since 1990
      albrel countries --since 1990 --until 1992
      albrel countries --as-of 1965 --json | jq -r '.[].name'
      albrel countries --status former --json | jq -r '.[].name'
    """
    first, last = _date(since, "--since"), _date(until, "--until")
    moment = _date(as_of, "--as-of")
    dataset = _catalog(ctx)
    rows = query.list_countries(dataset, region=region, status=status, since=first, until=last,
                                as_of=moment)
    render.emit(rows, _format(fmt, as_json), listing=_listing(render.COUNTRIES, fields),
                dataset=dataset)
    unknown = query.unknown_on(dataset, moment, region=region, status=status) if moment else ()
    if unknown:
        typer.echo(f"{PROG}: note: left out, as their periods' dates cannot say whether "
                   f"relations held in {moment}: {', '.join(c.id for c in unknown)}", err=True)


@commands.command()
@reports_errors
def show(
    ctx: typer.Context,
    country: Annotated[list[str], typer.Argument(
        help="Id, name, ISO code or alias; several for several pages in one call.",
        autocompletion=_complete_country)],
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    expand: ExpandOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Everything about a country: periods, missions, figures, events and agreements.

    JSON prints one object for one country and an array of them for several; JSON Lines one
    object per line; CSV and Markdown each country's row, with the columns of 'albrel
    countries'. Several countries in one call save a script the start-up of each.

    \b
    Examples:
      albrel show russia
      albrel show Greqia --json | jq '.periods'
      albrel show russia --format csv
      albrel show belgium --json --expand sources
      albrel show united-kingdom --output uk-relations.svg
      albrel show italy greece serbia --json | jq -r '.[].established'
    """
    if output is not None and len(country) > 1:
        raise typer.BadParameter("a picture shows one country", param_hint="'--output'")
    dataset = _catalog(ctx)
    chosen = [query.resolve_country(dataset, name) for name in country]
    details = [query.country_detail(dataset, one) for one in chosen]
    if output is not None:  # the relation periods as a picture
        render.save_picture(details[0], Path(output), dataset=dataset, force=force)
        return _saved(Path(output))
    render.emit_pages(details, _format(fmt, as_json), dataset=dataset,
                      expand_sources=expand is Expand.sources)


@commands.command()
@reports_errors
def timeline(
    ctx: typer.Context,
    country: Annotated[list[str] | None, typer.Argument(
        help="Countries (id, name, ISO code or alias); all when none.",
        autocompletion=_complete_country)] = None,
    since: Annotated[str | None, typer.Option("--from", metavar="DATE",
                                              help="Events on or after DATE.")] = None,
    until: Annotated[str | None, typer.Option("--to", metavar="DATE",
                                              help="Events on or before DATE.")] = None,
    kind: Annotated[list[EventKind] | None, typer.Option(
        help="Only events of this kind (repeatable).", case_sensitive=False)] = None,
    org: Annotated[list[str] | None, typer.Option(
        "--org", metavar="ABBR", help="Events of this organisation, e.g. NATO (repeatable).")]
    = None,
    with_predecessors: Annotated[bool, typer.Option(
        "--with-predecessors",
        help="Add the events of the countries' predecessor states (Russia: the Soviet "
             "Union).")] = False,
    chart: Annotated[bool, typer.Option(
        "--chart", help="Draw events per year or decade (counts as data with --json).")]
    = False,
    by: Annotated[Bucket | None, typer.Option(
        "--by", help="With --chart: count per year or per decade (default: decades when the "
        "events span more than forty years).", case_sensitive=False)] = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    expand: ExpandOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Events between Albania and other countries, oldest first (undated ones last).

    With --output the chart of --chart is saved as a picture.

    \b
    Examples:
      albrel timeline soviet-union --from 1955 --to 1962
      albrel timeline russia --with-predecessors --from 1955 --to 1962
      albrel timeline --org NATO
      albrel timeline --kind visit --json | jq -r '.[] | "\\(.date) \\(.title)"'
      albrel timeline --chart
      albrel timeline italy --chart --by decade
      albrel timeline greece --chart --output greece.svg
    """
    first, last = _date(since, "--from"), _date(until, "--to")
    dataset = _catalog(ctx)
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
            render.save_picture(counts, Path(output), label=label, force=force)
            return _saved(Path(output))
        render.emit_event_counts(counts, _format(fmt, as_json), label=label)
        return
    render.emit(events, _format(fmt, as_json), listing=_listing(render.TIMELINE, fields),
                dataset=dataset,
                expand_sources=expand is Expand.sources)
    if not events.count and chosen:
        hint = query.why_no_events(dataset, chosen, since=first, until=last, kinds=kind or ())
        if hint:
            typer.echo(f"{PROG}: note: nothing matched; {hint}", err=True)


@commands.command()
@reports_errors
def agreements(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(metavar="[QUERY]",
                                               help="Words the agreement must mention.")]
    = None,
    country: CountryOption = None,
    since: Annotated[str | None, typer.Option("--from", metavar="DATE",
                                              help="Signed on or after DATE.")] = None,
    until: Annotated[str | None, typer.Option("--to", metavar="DATE",
                                              help="Signed on or before DATE.")] = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    expand: ExpandOption = None,
) -> None:
    """Treaties, agreements, memoranda and protocols, oldest first (undated ones last).

    \b
    Examples:
      albrel agreements --country belgium
      albrel agreements trade --from 1940 --to 1999 --format csv
    """
    first, last = _date(since, "--from"), _date(until, "--to")
    dataset = _catalog(ctx)
    chosen = query.resolve_country(dataset, country) if country else None
    rows = query.agreements(dataset, text, country=chosen, since=first, until=last)
    render.emit(rows, _format(fmt, as_json), listing=_listing(render.AGREEMENTS, fields),
                dataset=dataset,
                expand_sources=expand is Expand.sources)


@commands.command()
@reports_errors
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="QUERY", help="Words or a phrase.")],
    type_: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Only these kinds: country, event, agreement, person, org "
        "(repeat the option, or give a comma list: --type person,event).",
        click_type=None)] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many hits.")] = 20,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """Search countries, events, agreements, people and organisations, best match first.

    \b
    Examples:
      albrel search Khrushchev
      albrel search "social protection" --type agreement --json
    """
    types = [name.strip() for given in type_ or () for name in given.split(",") if name.strip()]
    for name in types:
        if name not in query.SEARCH_TYPES:
            raise typer.BadParameter(
                f"{name!r} is not one of: {', '.join(query.SEARCH_TYPES)}",
                param_hint="'--type'")
    if not query.fold(text):
        raise typer.BadParameter("give at least one word to search for", param_hint="'QUERY'")
    dataset = _catalog(ctx)
    hits = query.search(dataset, text, types=types, limit=limit)
    render.emit(hits, _format(fmt, as_json), listing=_listing(render.SEARCH, fields),
                dataset=dataset)


@commands.command()
@reports_errors
def sources(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="One source, with every record that cites it.")] = None,
    text: Annotated[str | None, typer.Option(
        "--text", "-s", metavar="WORDS", help="Only sources whose title, publisher, address "
        "or note mention every word.")] = None,
    country: CountryOption = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """The sources the data rests on, with how many records cite each.

    \b
    Examples:
      albrel sources --country belgium
      albrel sources --text wikipedia --json | jq -r '.[].url'
      albrel sources seed-belgium-embassy
    """
    dataset = _catalog(ctx)
    if source is not None:
        render.emit_one(query.source_detail(dataset, source), _format(fmt, as_json),
                        dataset=dataset)
        return
    chosen = query.resolve_country(dataset, country) if country else None
    rows = query.list_sources(dataset, text, country=chosen)
    render.emit(rows, _format(fmt, as_json), listing=_listing(render.SOURCES, fields),
                dataset=dataset)


class ExportFormat(str, Enum):
    sqlite = "sqlite"
    json = "json"
    csv = "csv"


@commands.command()
@reports_errors
def export(
    ctx: typer.Context,
    target: Annotated[str | None, typer.Argument(
        metavar="[TARGET]", help="The file to write (a directory for csv); for json, '-' or "
        "nothing writes to stdout.")] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False,
                                              help="sqlite, json or csv.")]
    = ExportFormat.sqlite,
    force: Annotated[bool, typer.Option("--force", help="Replace TARGET if it exists.")]
    = False,
) -> None:
    """The whole dataset for other tools: an SQLite database (keys and a full-text index),
    one CSV file per table, or one JSON document. Tables and columns: docs/export.md.

    \b
    Examples:
      albrel export albrel.sqlite
      albrel export --format csv albrel-csv
      albrel export --format json | jq '.countries | length'
    """
    from . import export as exporter

    dataset = _catalog(ctx)
    if fmt is ExportFormat.json and target in (None, "-"):
        exporter.write_json(dataset, sys.stdout)
        return
    if target in (None, "-"):
        raise typer.BadParameter(f"give the {'directory' if fmt is ExportFormat.csv else 'file'}"
                                 f" to write the {fmt.value} export to", param_hint="'TARGET'")
    path = Path(target)
    if fmt is ExportFormat.json:
        exporter.write_json_file(dataset, path, force=force)
        typer.echo(f"{PROG}: wrote {path}")
        return
    write = exporter.write_sqlite if fmt is ExportFormat.sqlite else exporter.write_csv
    counts = write(dataset, path, force=force)
    typer.echo(f"{PROG}: wrote {path} ({sum(counts.values())} rows in {len(counts)} tables)")


@commands.command()
@reports_errors
def orgs(
    ctx: typer.Context,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
) -> None:
    """International organisations Albania belongs or belonged to.

    \b
    Examples:
      albrel orgs
      albrel orgs --json | jq -r '.[] | select(.joined) | "\\(.abbr) \\(.joined)"'
    """
    dataset = _catalog(ctx)
    render.emit(query.organisations(dataset), _format(fmt, as_json),
                listing=_listing(render.ORGS, fields),
                dataset=dataset)


@commands.command()
@reports_errors
def stats(
    ctx: typer.Context,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Countries by region and status, and relations established per decade.

    \b
    Examples:
      albrel stats
      albrel stats --json | jq '.[] | select(.group == "region")'
      albrel stats --output stats.html
    """
    result = query.stats(_catalog(ctx))
    if output is not None:
        render.save_picture(result, Path(output), force=force)
        return _saved(Path(output))
    render.emit_stats(result, _format(fmt, as_json), listing=_listing(render.STATS, fields))


@commands.command()
@reports_errors
def validate(
    ctx: typer.Context,
    path: Annotated[str | None, typer.Argument(
        help="Dataset file to check (default: --data, $ALBREL_DATA or the shipped one).")]
    = None,
) -> None:
    """Check a dataset file and list every problem with its line or record path.

    \b
    Examples:
      albrel validate
      albrel validate my-relations.toml
    """
    target = data_path(path or (ctx.obj.data if ctx.obj else None))
    try:
        dataset = check_file(target)
    except DataError as exc:
        if len(exc.problems) == 1:
            raise
        for problem in exc.problems:
            typer.echo(_printable(str(problem)), err=True)
        _error(f"{len(exc.problems)} problems in {target} (the format is described in "
               f"docs/dataset.md)")
        raise typer.Exit(1) from None
    typer.echo(
        f"{target}: ok ({len(dataset.countries)} countries, {len(dataset.events)} events, "
        f"{len(dataset.agreements)} agreements, {len(dataset.organisations)} organisations, "
        f"{len(dataset.people)} people, {len(dataset.sources)} sources)"
    )
