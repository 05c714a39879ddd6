"""The command-line interface as Typer declares it: every command's options, help text and
shell completion, and how usage errors read. Each command hands its values to the function of
the same name in ``cli``, which does the work.

``cli.main`` reads a plain command line without importing this module (``argv``, from the
table ``argv_spec`` that ``argv_spec()`` below derives); Typer reads the rest.
"""

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click import exceptions as click_exceptions  # typer 0.28 vendors click
from typer.core import TyperGroup

from . import cli
from ._version import __version__
from .argv import PARAM_DEFAULTS
from .cli import (
    PROG,
    Bucket,
    Expand,
    ExportFormat,
    Settings,
    UsageError,
    error,
    prepare_streams,
)
from .errors import AlbrelError
from .model import EventKind, Region, Status
from .render import Format

# --------------------------------------------------------------------------- plumbing


def _command_infos(typer_app: typer.Typer) -> dict[str, Any]:
    """The commands registered on ``typer_app``, by the name a command line gives them."""
    return {info.name or typer.main.get_command_name(info.callback.__name__): info
            for info in typer_app.registered_commands if info.callback}


class _LazyCommands(Mapping[str, Any]):
    """The subcommands by name, each turned into a Click command the first time it is asked
    for (Click's lazy subcommands): a run builds the one command it invokes, not all ten
    (about 2.5 ms, docs/benchmarks.md). Help and completion ask for all of them."""

    def __init__(self, typer_app: typer.Typer) -> None:
        self._app = typer_app
        self._infos = _command_infos(typer_app)
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
        prepare_streams()
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
            error(f"{exc.format_message()} (see '{command} --help')")
            code = exc.exit_code
        except typer.Abort:
            error("aborted")
            code = 1
        sys.exit(code if isinstance(code, int) else 0)


def _run(ctx: typer.Context, command: Callable[..., None], values: dict[str, Any]) -> None:
    """Call the command of ``cli`` with the values Typer read (all but the context)."""
    settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings(None)
    try:
        command(settings, **{name: value for name, value in values.items() if name != "ctx"})
    except UsageError as exc:
        raise typer.BadParameter(exc.message, param_hint=exc.hint) from None


# --------------------------------------------------------------------------- options


def _complete_country(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: the ids that start with what was typed, else the one-word names and
    aliases that do, ignoring case and accents ("belgj" -> "belgjika", which names Belgium).

    A completion must start with the typed text (Typer keeps only those), so a name is
    offered as the typed letters followed by the rest of the name."""
    from .load import open_catalog
    from .text import fold

    try:
        data = ctx.find_root().params.get("data")
        catalog = open_catalog(data)
    except AlbrelError:
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
def global_options(
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
    _run(ctx, cli.countries, locals())


@commands.command()
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
    _run(ctx, cli.show, locals())


@commands.command()
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
    _run(ctx, cli.timeline, locals())


@commands.command()
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
    _run(ctx, cli.agreements, locals())


@commands.command()
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
    _run(ctx, cli.search, locals())


@commands.command()
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
    _run(ctx, cli.sources, locals())


@commands.command()
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
    _run(ctx, cli.export, locals())


@commands.command()
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
    _run(ctx, cli.orgs, locals())


@commands.command()
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
    _run(ctx, cli.stats, locals())


@commands.command()
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
    _run(ctx, cli.validate, locals())


# --------------------------------------------------------------------------- argv_spec


def argv_spec() -> dict[str, Any]:
    """What ``argv`` needs to read a plain command line: every command's options (each
    spelling), arguments in order, types, choices and the defaults Typer passes. Written to
    ``argv_spec.py`` by tools/gen_docs.py; a test keeps that file equal to this."""
    group = typer.main.get_group(app)
    spec: dict[str, Any] = {"global": _spec_of(group, global_options), "commands": {}}
    for name, info in _command_infos(commands).items():
        spec["commands"][name] = _spec_of(group.commands[name], info.callback)
    return spec


def _spec_of(command: Any, function: Callable[..., Any]) -> dict[str, Any]:
    from typer._click import types as click_types
    from typer._types import TyperChoice
    from typer.utils import get_params_from_function

    annotations = {name: meta.annotation
                   for name, meta in get_params_from_function(function).items()}
    spelled: dict[str, str] = {}
    params: dict[str, dict[str, Any]] = {}
    arguments: list[str] = []
    for param in command.params:
        kind = ("argument" if param.param_type_name == "argument"
                else "flag" if param.is_flag else "option")
        typed, low, choices = "str", None, None
        typer_only = bool(param.callback or param.is_eager or param.nargs not in (1, -1)
                          or getattr(param, "count", False) or param.secondary_opts
                          or (kind == "flag" and not param.is_bool_flag))
        if isinstance(param.type, TyperChoice):
            typed, choices = "choice", [str(choice) for choice in param.type.choices]
        elif isinstance(param.type, click_types.IntRange):
            typed, low = "int", param.type.min
            typer_only |= bool(param.type.max is not None or param.type.min_open
                               or param.type.clamp)
        elif param.type is click_types.INT:
            typed = "int"
        elif kind != "flag" and param.type is not click_types.STRING:
            typer_only = True
        if getattr(param, "envvar", None) and typed != "str":
            typer_only = True  # a value from the environment would need Typer's conversion
        default = None if param.multiple or param.nargs == -1 else param.default
        enum = _enum_in(annotations.get(param.name))
        described = {
            "kind": kind, "type": typed, "choices": choices,
            "case_sensitive": getattr(param.type, "case_sensitive", True), "min": low,
            "multiple": bool(param.multiple), "nargs": param.nargs,
            "required": bool(param.required),
            "default": default.value if isinstance(default, Enum) else default,
            "enum": f"{enum.__module__}:{enum.__qualname__}" if enum else None,
            "envvar": getattr(param, "envvar", None), "typer_only": typer_only,
        }
        # Only what differs from the usual, so that the table stays readable.
        params[param.name] = {key: value for key, value in described.items()
                              if PARAM_DEFAULTS[key] != value}
        if kind == "argument":
            arguments.append(param.name)
        for spelling in (*param.opts, *param.secondary_opts):
            if kind != "argument":
                spelled[spelling] = param.name
    return {"options": spelled, "arguments": arguments, "params": params}


def _enum_in(annotation: Any) -> type[Enum] | None:
    """The Enum in ``Region | None`` or ``list[EventKind] | None``, if there is one."""
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation
    return next((found for arg in get_args(annotation) if (found := _enum_in(arg))), None)


def argv_spec_source() -> str:
    """The text of ``argv_spec.py``."""
    from pprint import pformat

    return ('"""The command-line options ``argv`` reads, derived from ``interface`` by\n'
            '``interface.argv_spec()``. Generated by tools/gen_docs.py: do not edit."""\n\n'
            "from __future__ import annotations\n\n"
            "TYPE_CHECKING = False\n"
            "if TYPE_CHECKING:\n"
            "    from typing import Any\n\n"
            f"SPEC: dict[str, Any] = {pformat(argv_spec(), width=96, sort_dicts=False)}\n")
