"""Reading a plain command line without Typer, from the options ``interface`` declares.

Importing Typer (with its click) is about a quarter of a short command's run. Most command
lines are plain: a command, its arguments, long or short options each with its value
(``--region europe``, ``--from=1990``, ``-f json``), flags. ``read`` takes those, from the
table in ``argv_spec`` that ``interface.argv_spec()`` derives from the Typer declarations, and
gives the values Typer would give. It gives up (returns None) on anything else: help, shell
completion, options Typer checks with a callback, a value that starts with a dash, an option
given twice, ``--``, a value Typer would refuse. Typer then reads the whole line and answers or
reports it. The tests compare both readers over generated command lines.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .argv_spec import SPEC

COMPLETION_VARIABLE = "_ALBREL_COMPLETE"  # set by the shell when it asks for completions
# A parameter in SPEC gives only what differs from these.
PARAM_DEFAULTS: dict[str, Any] = {
    "kind": "option", "type": "str", "choices": None, "case_sensitive": True, "min": None,
    "multiple": False, "nargs": 1, "required": False, "default": None,
    "enum": None, "envvar": None, "typer_only": False,
}


@dataclass(frozen=True)
class Call:
    """A command line, read: the command, ``--data`` and every option's value."""

    command: str
    data: str | None
    values: dict[str, Any]


def read(args: Sequence[str], environ: Mapping[str, str] = os.environ) -> Call | None:
    """The command line as Typer would read it, or None where Typer must read it."""
    if COMPLETION_VARIABLE in environ:
        return None
    glob = SPEC["global"]
    given: dict[str, Any] = {}
    position = _options(args, 0, glob, given, positionals=None)
    if position is None or position >= len(args):
        return None
    command = SPEC["commands"].get(args[position])
    if command is None:
        return None
    values: dict[str, Any] = {}
    positionals: list[str] = []
    if _options(args, position + 1, command, values, positionals) is None:
        return None
    if not _arguments(command, positionals, values):
        return None
    data = _completed(glob, given, environ)["data"]
    return Call(args[position], data, _completed(command, values, environ))


def _param(spec: Mapping[str, Any], key: str) -> dict[str, Any]:
    """A parameter's whole description: SPEC gives only what differs from PARAM_DEFAULTS."""
    return {**PARAM_DEFAULTS, **spec["params"][key]}


def _options(args: Sequence[str], start: int, spec: Mapping[str, Any],
             values: dict[str, Any], positionals: list[str] | None) -> int | None:
    """Read options from ``start`` into ``values``: up to the command name (``positionals``
    None) or to the end, keeping the arguments. The index reached, or None to give up."""
    index = start
    while index < len(args):
        token = args[index]
        index += 1
        if token == "--":
            return None
        if not token.startswith("-") or token == "-":
            if positionals is None:
                return index - 1  # the command
            positionals.append(token)
            continue
        name, value = token, None
        if token.startswith("--") and "=" in token:
            name, value = token.split("=", 1)
        key = spec["options"].get(name)
        if key is None:
            return None
        param = _param(spec, key)
        if param["typer_only"]:
            return None
        if param["kind"] == "flag":
            if value is not None:
                return None
            values[key] = True  # a flag only says yes (there are no --no-x spellings)
            continue
        if value is None:
            if index >= len(args) or (args[index].startswith("-") and args[index] != "-"):
                return None
            value = args[index]
            index += 1
        converted = _convert(param, value)
        if converted is None:
            return None
        if param["multiple"]:
            values.setdefault(key, []).append(converted)
        elif key in values:
            return None
        else:
            values[key] = converted
    return index


def _arguments(spec: Mapping[str, Any], positionals: list[str],
               values: dict[str, Any]) -> bool:
    """Hand the positional words to the command's arguments in order, as click does."""
    for key in spec["arguments"]:
        param = _param(spec, key)
        if param["nargs"] == -1:
            taken, positionals = positionals, []
            if taken:
                values[key] = taken
        elif positionals:
            values[key] = positionals.pop(0)
        if param["required"] and key not in values:
            return False
    return not positionals


def _convert(param: Mapping[str, Any], value: str) -> Any:
    """A value as Typer's type would convert it, or None where that type would refuse it."""
    kind = param["type"]
    if kind == "str":
        return value
    if kind == "int":
        try:
            number = int(value)
        except ValueError:
            return None
        low = param["min"]
        return None if low is not None and number < low else number
    choices: list[str] = param["choices"]
    if param["case_sensitive"]:
        return value if value in choices else None
    folded = value.casefold()
    return next((choice for choice in choices if choice.casefold() == folded), None)


def _completed(spec: Mapping[str, Any], values: dict[str, Any],
               environ: Mapping[str, str]) -> dict[str, Any]:
    """Every parameter's value: as given, else from its environment variable if that is set
    and not empty (click's rule), else its default; enums as their members."""
    complete: dict[str, Any] = {}
    for key in spec["params"]:
        param = _param(spec, key)
        if key in values:
            value = values[key]
        else:
            value = (param["envvar"] and environ.get(param["envvar"])) or param["default"]
        if param["enum"] and value is not None:
            enum = _enum(param["enum"])
            value = [enum(v) for v in value] if isinstance(value, list) else enum(value)
        complete[key] = value
    return complete


def _enum(path: str) -> Any:
    from importlib import import_module

    module, name = path.split(":")
    return getattr(import_module(module), name)
