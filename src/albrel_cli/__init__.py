"""albrel: Albania's bilateral relations as a library and a command-line tool.

    >>> from albrel_cli import open_catalog, query, to_record
    >>> catalog = open_catalog()                   # the shipped dataset, or open_catalog(path)
    >>> query.resolve_country(catalog, "Greqia").name
    'Greece'

The queries the commands run are the functions of ``albrel_cli.query``; ``to_record`` turns
any record or result into the plain dict the JSON output prints. The public names are imported
on first use, so that ``albrel_cli.cli`` starts without loading what a command does not need.
"""

from __future__ import annotations

from ._version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (a few ms)
if TYPE_CHECKING:
    from typing import Any

_EXPORTS = {
    "AlbrelError": "errors",
    "DataError": "errors",
    "UnknownCountryError": "errors",
    "load_dataset": "load",
    "open_catalog": "load",
    "Catalog": "catalog",
    "Dataset": "catalog",
    "PartialDate": "model",
    "Region": "model",
    "Status": "model",
    "EventKind": "model",
    "to_record": "render.records",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
