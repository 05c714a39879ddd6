"""The command line, as Typer reads it: one function a command, each parsing its values,
calling ``query`` and handing the result to ``render``. Nothing else happens here.

Every option is declared once, below, with its help and checks; Typer parses the command line.
Start-up stays light by importing only what a command needs, when it needs it: the query
layer, the catalog and the renderers are imported inside the command bodies, and Rich only on
the terminal paths of ``render``.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from ._version import __version__
from .model import (
    AgreementDetail,
    AgreementStatus,
    EventKind,
    MissionKind,
    Office,
    PartialDate,
    Region,
    Side,
    Status,
    Topic,
)
from .process import PROG, Settings, error, prepare_streams, reports_errors, say
from .render.records import Bucket, Expand, ExportFormat, Format

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from .catalog import Catalog
    from .render import Listing


# --------------------------------------------------------------------------- the group


COMMANDS: dict[str, typer.Typer] = {}
"""Each command as a Typer app of its own, by name, so that a run builds only the command it
invokes (Click's lazy subcommands): building all of them cost every run about 20 ms."""


def command(function: Callable[..., None]) -> Callable[..., None]:
    """Register ``function`` as the command of its name (its docstring is its --help)."""
    single = typer.Typer(rich_markup_mode=None, add_completion=False,
                         context_settings={"help_option_names": ["-h", "--help"]})
    single.command()(reports_errors(_refusing_conflicts(function)))
    COMMANDS[function.__name__] = single
    return function


def _refusing_conflicts(function: Callable[..., None]) -> Callable[..., None]:
    """The command, first refusing options that contradict each other or would do nothing."""

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> None:
        ctx = kwargs.get("ctx")
        if isinstance(ctx, typer.Context):
            _check_options(ctx, kwargs)
        function(*args, **kwargs)

    return checked


class _Conflict(typer.BadParameter):
    """Two options that cannot go together: the message names both (exit code 2)."""

    def format_message(self) -> str:
        return self.message


def _check_options(ctx: typer.Context, given: dict[str, Any]) -> None:
    """A usage error (exit 2) naming both options when two of a command's shared options
    conflict, or when one is inert: it would change nothing in what the others choose."""
    def typed(name: str) -> bool:  # on the command line, not a default
        source = ctx.get_parameter_source(name)
        return source is not None and source.name == "COMMANDLINE"

    fmt, as_json = given.get("fmt"), bool(given.get("as_json"))
    fmt_named = f"--format {fmt.value}" if isinstance(fmt, Format) else "--format"
    if as_json and typed("fmt") and fmt is not Format.json:
        raise _Conflict(f"--json conflicts with {fmt_named}: --json means --format json; "
                        "give one")
    printed = Format.json if as_json else fmt
    # what asked for data: --json, or a --format other than the table
    data = "--json" if as_json else fmt_named if typed("fmt") and fmt is not Format.table \
        else None
    drawn = bool(given.get("chart")) or given.get("output") is not None
    if given.get("output") is not None:
        if data:
            raise _Conflict(f"--output conflicts with {data}: --output saves a picture, "
                            f"{data} prints data; give one")
        if given.get("fields") is not None:
            raise _Conflict("--fields has no effect with --output: --output saves a picture, "
                            "--fields chooses the keys of printed data; give one")
    if given.get("by") is not None and not drawn:
        raise _Conflict("--by has no effect without --chart: it chooses the bars of the chart "
                        "(or of the picture --output saves); add --chart")
    if given.get("expand") is not None:
        if drawn:
            drawing = "--chart" if given.get("chart") else "--output"
            raise _Conflict(f"--expand has no effect with {drawing}: it writes out the sources "
                            "of each record, and a chart counts records; give one")
        if printed not in (Format.json, Format.jsonl):
            shown = f"{fmt_named} prints" if typed("fmt") else "the table shows"
            raise _Conflict(f"--expand has no effect without --json: it writes the sources "
                            f"out in JSON, and {shown} none; add --json (or --format jsonl)")
    if given.get("no_header") and printed in (Format.json, Format.jsonl, Format.md):
        has = "a Markdown table needs its own" if printed is Format.md else "JSON has none"
        raise _Conflict(f"--no-header has no effect with {data}: it drops the header row of "
                        f"tab-separated lines and CSV, and {has}")


class AlbrelContext(typer.Context):
    """Help wrapped to the terminal's width at word boundaries (``render.help``, imported
    only when help is drawn)."""

    def make_formatter(self) -> Any:
        from .render.help import WrappingHelpFormatter

        return WrappingHelpFormatter(width=self.terminal_width,
                                     max_width=self.max_content_width)


@functools.cache
def _built(name: str) -> Any:
    built = typer.main.get_command(COMMANDS[name])
    built.context_class = AlbrelContext
    return built


class AlbrelGroup(TyperGroup):
    """Reports usage errors as one line (``albrel: error: …``, exit 2) instead of a box, and
    stops quietly when the reader of a pipe goes away. Its subcommands are built from
    ``COMMANDS`` when a run asks for them."""

    context_class = AlbrelContext

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return _built(cmd_name) if cmd_name in COMMANDS else None

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        prepare_streams()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode,
                                windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args,
                                **extra)
        except typer.Abort:
            error("aborted")
            code = 1
        except KeyboardInterrupt:
            error("aborted")
            code = 1
        except Exception as exc:
            # Typer 0.28 vendors Click and exports only some of its exceptions; a usage
            # error is any exception that can format its message and carries an exit code.
            if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
                raise
            context = getattr(exc, "ctx", None)
            command = context.command_path if context is not None else PROG
            hint = self._global_hint(getattr(exc, "option_name", None),
                                     list(sys.argv[1:] if args is None else args))
            error(hint or f"{exc.format_message()} (see '{command} --help')")
            code = exc.exit_code
        sys.exit(code if isinstance(code, int) else 0)

    def _global_hint(self, option: str | None, args: list[str]) -> str | None:
        """For a global option given after the command (``albrel countries --data x.toml``):
        say so, with the command line that puts it first."""
        import shlex

        found = [p for p in self.params if option in getattr(p, "opts", ())]
        if option is None or not found:
            return None
        at = next((i for i, arg in enumerate(args)
                   if arg == option or arg.startswith(option + "=")), None)
        if at is None:
            return None
        takes_value = not getattr(found[0], "is_flag", False)
        token = args[at]
        if "=" in token:
            moved = [f"{option}={shlex.quote(token.split('=', 1)[1])}"]
            rest = args[:at] + args[at + 1:]
        elif takes_value and at + 1 < len(args):
            moved = [option, shlex.quote(args[at + 1])]
            rest = args[:at] + args[at + 2:]
        else:
            moved, rest = [option], args[:at] + args[at + 1:]
        if getattr(found[0], "is_eager", False):  # --version: the rest is never run
            rest = []
        line = " ".join([PROG, *moved, *(shlex.quote(arg) for arg in rest)])
        return f"{option} is a global option: put it before the command ({line})"


app = typer.Typer(
    cls=AlbrelGroup,
    invoke_without_command=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Albania's bilateral relations: countries, events, agreements, missions, people "
         "and organisations.\n\n"
         "Every listing prints a table on a terminal and JSON, JSON Lines, CSV or Markdown "
         "with --format (or --json).",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@functools.cache
def _command() -> Any:
    """The Click command Typer builds from ``app``, built once a process."""
    return typer.main.get_command(app)


def main(args: list[str] | None = None) -> None:
    """``albrel``: the installed script and ``python -m albrel_cli``."""
    _command().main(sys.argv[1:] if args is None else args, prog_name=PROG)


# --------------------------------------------------------------------------- options


def _date(text: str) -> PartialDate:
    """A date option: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _completion_catalog(ctx: typer.Context) -> Catalog | None:
    """The data a shell completion offers from (--data if given), or None when it cannot be
    read: a completion never prints an error."""
    from .errors import AlbrelError
    from .load import open_catalog

    try:
        return open_catalog(ctx.find_root().params.get("data"))
    except AlbrelError:
        return None


def _complete_country(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the ids that start with what was typed, else the one-word names and
    aliases that do, ignoring case and accents ("belgj" -> "belgjika", which names Belgium).

    A completion must start with the typed text (Typer keeps only those), so a name is
    offered as the typed letters followed by the rest of the name."""
    from .text import fold

    catalog = _completion_catalog(ctx)
    if catalog is None:
        return []
    typed = fold(incomplete)
    offered: dict[str, str] = {}
    for country in catalog.all_countries():
        if country.id.startswith(incomplete.lower()):
            offered.setdefault(country.id, country.name)
            continue
        names = [name for name in (country.name, *country.aliases) if " " not in name]
        exact = [name for name in names if name.startswith(incomplete)]
        folded = [name for name in names if typed and fold(name[:len(incomplete)]) == typed]
        if exact or folded:
            name = (exact or folded)[0]
            offered.setdefault(incomplete + name[len(incomplete):], country.name)
    return list(offered.items())


def _complete_person(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the ids of the people whose id starts with what was typed."""
    catalog = _completion_catalog(ctx)
    if catalog is None:
        return []
    return [(p.id, p.name) for p in catalog.all_people() if p.id.startswith(incomplete.lower())]


def _picture_path(value: str | None) -> str | None:
    """--output: an .svg picture or an .html page; anything else is a usage error."""
    if value is not None and Path(value).suffix.lower() not in (".svg", ".html", ".htm"):
        raise typer.BadParameter(f"{value!r} should end in .svg or .html")
    return value


FormatOption = Annotated[Format, typer.Option(
    "--format", "-f", help="Output format (table prints tab-separated lines under a header "
    "row of the keys when stdout is not a terminal).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
FieldsOption = Annotated[str | None, typer.Option(
    "--fields", metavar="KEYS", help="Only these keys, comma-separated, in this order (JSON, "
    "JSON Lines, CSV and table columns), e.g. id,name,established.")]
NoHeaderOption = Annotated[bool, typer.Option(
    "--no-header", help="No header row of column keys in the tab-separated lines printed "
    "when stdout is not a terminal, nor in CSV.")]
ExpandOption = Annotated[Expand | None, typer.Option(
    "--expand", case_sensitive=False, help="With JSON: write out the sources each record "
    "cites (source_records), not only their ids.")]
OutputOption = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="FILE", callback=_picture_path,
    help="Save the picture as an SVG image (FILE.svg) or an HTML page (FILE.html) instead "
    "of printing it.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
CountryOption = Annotated[str | None, typer.Option(
    "--country", "-c", autocompletion=_complete_country,
    help="Only this country (id, name, ISO code or alias).")]
FromOption = Annotated[PartialDate | None, typer.Option(
    "--from", metavar="DATE", parser=_date, help="On or after DATE (YYYY, YYYY-MM or "
    "YYYY-MM-DD).")]
ToOption = Annotated[PartialDate | None, typer.Option(
    "--to", metavar="DATE", parser=_date, help="On or before DATE.")]
AsOfOption = Annotated[PartialDate | None, typer.Option(
    "--as-of", metavar="DATE", parser=_date, help="At some time within DATE (a year, month "
    "or day).")]


# --------------------------------------------------------------------------- helpers


def _settings(ctx: typer.Context) -> Settings:
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings(None)


def _catalog(ctx: typer.Context) -> Catalog:
    """The data the command reads. A first load of a large file (minutes at a thousand
    times the data) shows its progress on stderr when that is a terminal."""
    from .load import open_catalog
    from .render import is_terminal

    data = _settings(ctx).data
    if not is_terminal(sys.stderr):
        return open_catalog(data)
    from .render.progress import Reporter  # draws (and imports Rich) only if there is work

    reporter = Reporter(sys.stderr)
    try:
        return open_catalog(data, progress=reporter)
    finally:
        reporter.close()


def _listing(listing: Listing, fields: str | None, no_header: bool = False) -> Listing:
    """The listing, narrowed by --fields (a wrong field is a usage error naming the right),
    without its header row for --no-header."""
    import dataclasses

    from .render import select

    if fields is not None:
        try:
            listing = select(listing, [f.strip() for f in fields.split(",") if f.strip()])
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--fields'") from None
    return dataclasses.replace(listing, header=False) if no_header else listing


def _format(fmt: Format, as_json: bool) -> Format:
    return Format.json if as_json else fmt


def _saved(path: str | Path, detail: str = "") -> None:
    """Say on stderr what was written: stdout is for data only."""
    say(f"{PROG}: wrote {path}" + (f" ({detail})" if detail else ""))


def _save_picture(result: Any, output: str, *, force: bool, **options: Any) -> None:
    """--output: the picture of ``result`` saved as FILE.svg or FILE.html, then said so."""
    from .render import save_picture

    save_picture(result, Path(output), force=force, **options)
    _saved(output)


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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


# --------------------------------------------------------------------------- commands


@app.callback()
def global_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,  # not Path: Typer would stat it, and a NUL byte in it would escape as a crash
        typer.Option("--data", metavar="PATH", envvar="ALBREL_DATA", show_envvar=True,
                     help="Dataset file to read instead of the shipped one."),
    ] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")]
    = False,
) -> None:
    """Albania's bilateral relations: countries, events, agreements, missions, people and
    organisations."""
    ctx.obj = Settings(Path(data) if data else None)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


@command
def countries(
    ctx: typer.Context,
    region: Annotated[Region | None, typer.Option(help="Only this region.",
                                                  case_sensitive=False)] = None,
    status: Annotated[Status | None, typer.Option(help="Only this status.",
                                                  case_sensitive=False)] = None,
    no_relations: Annotated[bool, typer.Option(
        "--no-relations", help="States with no relations in force today: status none, "
        "severed or suspended (former states are left out).")] = False,
    since: Annotated[PartialDate | None, typer.Option(
        metavar="DATE", parser=_date, help="Relations established on or after DATE.")] = None,
    until: Annotated[PartialDate | None, typer.Option(
        metavar="DATE", parser=_date, help="Relations established on or before DATE.")] = None,
    as_of: Annotated[PartialDate | None, typer.Option(
        "--as-of", metavar="DATE", parser=_date,
        help="Only countries Albania had relations with at some time within DATE (a year, "
             "month or day), by the relation periods: breaks and suspensions count.")] = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Countries Albania has, had or lacks relations with, by name.

    \b
    Examples:
      albrel countries --region Europe --since 1990
      albrel countries --since 1990 --until 1992
      albrel countries --as-of 1965 --json | jq -r '.[].name'
      albrel countries --status former --json | jq -r '.[].name'
      albrel countries --no-relations
    """
    from . import query, render

    if no_relations and status is not None:
        raise typer.BadParameter("--status names one status; --no-relations the three "
                                 "without relations: give one", param_hint="'--no-relations'")
    listing = _listing(render.COUNTRIES, fields, no_header)
    dataset = _catalog(ctx)
    rows = query.list_countries(dataset, region=region, status=status, since=since,
                                until=until, as_of=as_of, no_relations=no_relations)
    render.emit(rows, _format(fmt, as_json), listing=listing, dataset=dataset)
    unknown = query.unknown_on(dataset, as_of, region=region, status=status) if as_of else ()
    if unknown:
        say(f"{PROG}: note: left out, as their periods' dates cannot say whether relations "
            f"held in {as_of}: {', '.join(c.id for c in unknown)}")


@command
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
    """Everything about a country: periods, missions, figures, events and agreements. A
    person's id or name shows that person, as 'albrel people PERSON' does.

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
      albrel show enver-hoxha
    """
    from . import query, render

    if output is not None and len(country) > 1:
        raise typer.BadParameter("a picture shows one country", param_hint="'--output'")
    dataset = _catalog(ctx)
    if len(country) == 1 and output is None:
        person = query.person_named(dataset, country[0])
        if person is not None:  # show PERSON: as people PERSON
            render.emit_person(query.person_detail(dataset, person), _format(fmt, as_json),
                               listing=render.PERSON_DETAIL, dataset=dataset)
            return
    chosen = [query.resolve_country(dataset, name) for name in country]
    details = [query.country_detail(dataset, one) for one in chosen]
    if output is not None:  # the relation periods as a picture
        return _save_picture(details[0], output, dataset=dataset, force=force)
    render.emit_pages(details, _format(fmt, as_json), dataset=query.Context(dataset),
                      expand_sources=expand is Expand.sources)


@command
def timeline(
    ctx: typer.Context,
    country: Annotated[list[str] | None, typer.Argument(
        help="Countries (id, name, ISO code or alias); all when none.",
        autocompletion=_complete_country)] = None,
    since: FromOption = None,
    until: ToOption = None,
    kind: Annotated[list[EventKind] | None, typer.Option(
        help="Only events of this kind (repeatable).", case_sensitive=False)] = None,
    org: Annotated[list[str] | None, typer.Option(
        "--org", metavar="ABBR", help="Events of this organisation, e.g. NATO (repeatable).")]
    = None,
    no_agreements: Annotated[bool, typer.Option(
        "--no-agreements", help="Leave out the countries' agreements, which a country's "
        "timeline lists at their signing and entry into force.")] = False,
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
    no_header: NoHeaderOption = False,
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
    from . import query, render

    drawing = chart or output is not None  # counts per year or decade: their own keys
    listing = _listing(render.TIMELINE, fields, no_header) if not drawing else render.TIMELINE
    dataset = _catalog(ctx)
    chosen = [query.resolve_country(dataset, name) for name in country or ()]
    if with_predecessors:
        chosen += [before for c in chosen for before in query.lineage(dataset, c)]
    orgs = [query.resolve_organisation(dataset, name) for name in org or ()]
    events = _Seen(query.iter_timeline(dataset, chosen, since=since, until=until,
                                       kinds=kind or (), orgs=orgs,
                                       with_agreements=not no_agreements))
    if drawing:
        counts = query.count_events(events, by.value if by else None)
        label = ", ".join([c.name for c in chosen] + [o.abbr for o in orgs])
        if output is not None:
            return _save_picture(counts, output, label=label, force=force)
        render.emit_event_counts(counts, _format(fmt, as_json), label=label,
                                 listing=_listing(render.counts_listing(counts), fields,
                                                  no_header))
        return
    render.emit(events, _format(fmt, as_json), listing=listing,
                dataset=query.Context(dataset), expand_sources=expand is Expand.sources)
    if not events.count and chosen:
        hint = query.why_no_events(dataset, chosen, since=since, until=until, kinds=kind or ())
        if hint:
            say(f"{PROG}: note: nothing matched; {hint}")


@command
def agreements(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(
        metavar="[QUERY]", help="Words the agreement must mention, or one agreement's id "
        "(that agreement with its dates, steps and sources).")] = None,
    country: CountryOption = None,
    since: Annotated[PartialDate | None, typer.Option(
        "--from", "--signed-from", metavar="DATE", parser=_date,
        help="Signed on or after DATE.")] = None,
    until: Annotated[PartialDate | None, typer.Option(
        "--to", "--signed-to", metavar="DATE", parser=_date,
        help="Signed on or before DATE.")] = None,
    in_force_on: Annotated[PartialDate | None, typer.Option(
        "--in-force-on", metavar="DATE", parser=_date,
        help="In force at some time within DATE, by the dated steps (entry into force, "
             "termination).")] = None,
    status: Annotated[list[AgreementStatus] | None, typer.Option(
        help="Only this status, as the dated steps decide it (repeatable).",
        case_sensitive=False)] = None,
    kind: Annotated[list[Topic] | None, typer.Option(
        help="Only agreements about this subject (repeatable).", case_sensitive=False)]
    = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_header: NoHeaderOption = False,
    expand: ExpandOption = None,
) -> None:
    """Treaties, agreements, memoranda and protocols, oldest first (undated ones last).

    \b
    Examples:
      albrel agreements --country belgium
      albrel agreements trade --from 1940 --to 1999 --format csv
      albrel agreements --country italy --from 1990 --to 1999
      albrel agreements --country greece --in-force-on 2010 --json
      albrel agreements --kind taxation --status "in force"
      albrel agreements italy-1995-10-13-friendship-cooperation-treaty
    """
    from . import query, render

    listing = _listing(render.AGREEMENTS, fields, no_header)
    dataset = _catalog(ctx)
    one = query.find_agreement(dataset, text) if text else None
    if one is not None:  # an agreement's id: that agreement with its life cycle
        render.emit_agreement(AgreementDetail(one), _format(fmt, as_json), listing=listing,
                              dataset=dataset)
        return
    chosen = query.resolve_country(dataset, country) if country else None
    rows = query.filter_agreements(
        query.agreements(dataset, text, country=chosen, since=since, until=until),
        statuses=status or (), topics=kind or (), in_force_on=in_force_on)
    render.emit(rows, _format(fmt, as_json), listing=listing, dataset=dataset,
                expand_sources=expand is Expand.sources)


@command
def missions(
    ctx: typer.Context,
    country: CountryOption = None,
    side: Annotated[Side | None, typer.Option(
        help="albania: Albania's missions; partner: the partners' missions serving Albania.",
        case_sensitive=False)] = None,
    city: Annotated[str | None, typer.Option(help="Only missions in this city.")] = None,
    kind: Annotated[list[MissionKind] | None, typer.Option(
        help="Only this kind of mission (repeatable).", case_sensitive=False)] = None,
    as_of: Annotated[PartialDate | None, typer.Option(
        "--as-of", metavar="DATE", parser=_date,
        help="Missions open at some time within DATE (default: open today). Where no "
             "source dates an opening or closing, a mission counts only between the first "
             "and last dates a source shows it open ('seen open'); one no source dates at "
             "all, only today.")] = None,
    everything: Annotated[bool, typer.Option(
        "--all", help="Every mission, closed ones too, with their dates.")] = False,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Diplomatic missions both ways: embassies, legations, consulates and accreditations
    from a third country, each with its opening and closing dates.

    \b
    Examples:
      albrel missions --side partner --city Tirana
      albrel missions --side partner --city Tirana --as-of 1975
      albrel missions --country italy --all
      albrel missions --kind non-resident --side partner --json | jq -r '.[].city'
    """
    from . import query, render

    if everything and as_of is not None:
        raise typer.BadParameter("--all lists every mission; --as-of those open on a date: "
                                 "give one", param_hint="'--all'")
    listing = _listing(render.MISSIONS, fields, no_header)
    dataset = _catalog(ctx)
    chosen = query.resolve_country(dataset, country) if country else None
    rows = query.list_missions(dataset, country=chosen, side=side, city=city, kinds=kind or (),
                               as_of=as_of, everything=everything)
    render.emit(rows, _format(fmt, as_json), listing=listing, dataset=dataset)


@command
def people(
    ctx: typer.Context,
    person: Annotated[str | None, typer.Argument(
        metavar="[PERSON]", autocompletion=_complete_person,
        help="One person (id, name or alias): offices, events, sources.")]
    = None,
    role: Annotated[list[Office] | None, typer.Option(
        help="Only this office (repeatable).", case_sensitive=False)] = None,
    country: Annotated[str | None, typer.Option(
        "--country", "-c", autocompletion=_complete_country,
        help="Offices of this state or envoys posted to it (albania for Albania's own).")]
    = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Who held which office, when: Albania's heads of state and government, foreign
    ministers and party leaders, and the envoys between Albania and its partners.

    \b
    Examples:
      albrel people --role head-of-state --as-of 1991-03-15
      albrel people --role head-of-government --country albania --as-of 1950
      albrel people --role ambassador --country united-states
      albrel people ramiz-alia --json
    """
    from . import query, render

    # one person in a machine format is one record with its tenures and events: its own keys
    one_record = person is not None and _format(fmt, as_json) is not Format.table
    listing = _listing(render.PERSON_DETAIL if one_record else render.PEOPLE, fields, no_header)
    dataset = _catalog(ctx)
    if person is not None:
        detail = query.person_detail(dataset, query.resolve_person(dataset, person))
        render.emit_person(detail, _format(fmt, as_json), listing=listing, tenures=listing,
                           events=_listing(render.TIMELINE, None, no_header), dataset=dataset)
        return
    state = query.resolve_state(dataset, country) if country else None
    rows = query.office_holders(dataset, roles=role or (), state=state, as_of=as_of)
    render.emit(rows, _format(fmt, as_json), listing=listing, dataset=dataset)


@command
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="QUERY", help="Words or a phrase.")],
    type_: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Only these kinds: country, event, agreement, person, org "
        "(repeat the option, or give a comma list: --type person,event).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many hits.")] = 20,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Search countries, events, agreements, people and organisations, best match first.

    \b
    Examples:
      albrel search Khrushchev
      albrel search "social protection" --type agreement --json
    """
    from . import query, render

    types = [name.strip() for given in type_ or () for name in given.split(",") if name.strip()]
    for name in types:
        if name not in query.SEARCH_TYPES:
            raise typer.BadParameter(f"{name!r} is not one of: {', '.join(query.SEARCH_TYPES)}",
                                     param_hint="'--type'")
    if not query.fold(text):
        raise typer.BadParameter("give at least one word to search for", param_hint="'QUERY'")
    listing = _listing(render.SEARCH, fields, no_header)
    dataset = _catalog(ctx)
    hits = query.search(dataset, text, types=types, limit=limit)
    render.emit(hits, _format(fmt, as_json), listing=listing, dataset=dataset)


@command
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
    no_header: NoHeaderOption = False,
) -> None:
    """The sources the data rests on, with how many records cite each.

    \b
    Examples:
      albrel sources --country belgium
      albrel sources --text wikipedia --json | jq -r '.[].url'
      albrel sources seed-belgium-embassy
    """
    from . import query, render

    listing = _listing(render.SOURCE_DETAIL if source else render.SOURCES, fields, no_header)
    dataset = _catalog(ctx)
    if source is not None:
        render.emit_source(query.source_detail(dataset, source), _format(fmt, as_json),
                           dataset=dataset, listing=listing)
        return
    chosen = query.resolve_country(dataset, country) if country else None
    rows = query.list_sources(dataset, text, country=chosen)
    render.emit(rows, _format(fmt, as_json), listing=listing, dataset=dataset)


@command
def export(
    ctx: typer.Context,
    target: Annotated[str | None, typer.Argument(
        metavar="[TARGET]", help="The file to write (a directory for csv); for json, '-' or "
        "nothing writes to stdout.")] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False,
                                              help="sqlite, json, csv or dyad-years.")]
    = ExportFormat.sqlite,
    first: Annotated[int | None, typer.Option(
        "--from", metavar="YEAR", min=1800, max=2100,
        help="dyad-years: the first year (default 1912).")] = None,
    last: Annotated[int | None, typer.Option(
        "--until", metavar="YEAR", min=1800, max=2100,
        help="dyad-years: the last year (default this year).")] = None,
    every: Annotated[int | None, typer.Option(
        metavar="N", min=1, max=50,
        help="dyad-years: only the years divisible by N (5 gives COW's snapshot years).")]
    = None,
    force: Annotated[bool, typer.Option("--force", help="Replace TARGET if it exists.")]
    = False,
) -> None:
    """The whole dataset for other tools: an SQLite database (keys and a full-text index),
    one CSV file per table, one JSON document, or Albania's dyad-years of diplomatic
    representation in the layout of the Correlates of War Diplomatic Exchange data (COW
    codes, levels 0-3 and 9, both directions). Tables and columns: docs/export.md.

    \b
    Examples:
      albrel export albrel.sqlite
      albrel export --format csv albrel-csv
      albrel export --format json | jq '.countries | length'
      albrel export --format dyad-years --from 1920 --until 2005 --every 5 dyads.csv
      albrel export --format dyad-years - | head -3
    """
    import datetime

    from . import export as exporter

    dyads = fmt is ExportFormat.dyad_years
    if not dyads and (first, last, every) != (None, None, None):
        raise typer.BadParameter("--from, --until and --every choose the years of "
                                 "--format dyad-years", param_hint="'--format'")
    if target in (None, "-") and fmt not in (ExportFormat.json, ExportFormat.dyad_years):
        raise typer.BadParameter(
            f"give the {'directory' if fmt is ExportFormat.csv else 'file'} to write the "
            f"{fmt.value} export to", param_hint="'TARGET'")
    start, end = first or 1912, last or datetime.date.today().year
    if start > end:
        raise typer.BadParameter(f"--from {start} is after --until {end}",
                                 param_hint="'--from'")
    dataset = _catalog(ctx)
    if dyads:
        from .dyads import dyad_years

        rows = dyad_years(dataset, first=start, last=end, every=every or 1)
        if target in (None, "-"):
            exporter.write_dyad_years(rows, sys.stdout)
            return
        written = exporter.write_dyad_years_file(rows, Path(target), force=force)
        _saved(target, f"{written} dyad-years")
        return
    if target in (None, "-"):
        exporter.write_json(dataset, sys.stdout)
        return
    path = Path(target)
    if fmt is ExportFormat.json:
        exporter.write_json_file(dataset, path, force=force)
        return _saved(path)
    write = exporter.write_sqlite if fmt is ExportFormat.sqlite else exporter.write_csv
    counts = write(dataset, path, force=force)
    _saved(path, f"{sum(counts.values())} rows in {len(counts)} tables")


@command
def orgs(
    ctx: typer.Context,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """International organisations Albania belongs or belonged to.

    \b
    Examples:
      albrel orgs
      albrel orgs --json | jq -r '.[] | select(.joined) | "\\(.abbr) \\(.joined)"'
    """
    from . import query, render

    listing = _listing(render.ORGS, fields, no_header)
    dataset = _catalog(ctx)
    render.emit(query.organisations(dataset), _format(fmt, as_json), listing=listing,
                dataset=dataset)


@command
def stats(
    ctx: typer.Context,
    fmt: FormatOption = Format.table,
    as_json: JsonOption = False,
    fields: FieldsOption = None,
    no_header: NoHeaderOption = False,
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
    from . import query, render

    listing = _listing(render.STATS, fields, no_header)
    result = query.stats(_catalog(ctx))
    if output is not None:
        return _save_picture(result, output, force=force)
    render.emit_stats(result, _format(fmt, as_json), listing=listing)


@command
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")]
    = 8001,
) -> None:
    """Browse the whole dataset in a web browser, with Datasette: tables with facets, full-text
    search, sources as links, canned queries, JSON and CSV for every view. Needs the web
    extra: pip install 'albrel[web]'. The export is kept in the cache and reused while the
    data has not changed. Ctrl-C stops the server.

    \b
    Examples:
      albrel serve
      albrel serve --port 8002
    """
    from . import web

    code = web.serve(_catalog(ctx), host=host, port=port, folder=web.default_folder())
    if code:
        sys.exit(code)


@command
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
    from .errors import DataError
    from .load import check_file, data_path
    from .process import printable

    target = data_path(path or _settings(ctx).data)
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
