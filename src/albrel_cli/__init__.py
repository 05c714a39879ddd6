"""albrel: Albania's bilateral relations as a library and a command-line tool.

The public names are imported on first use, so that ``albrel_cli.cli`` starts without loading
what a command does not need.
"""

from __future__ import annotations

from typing import Any

from ._version import __version__

_EXPORTS = {
    "AlbrelError": "errors",
    "DataError": "errors",
    "UnknownCountryError": "errors",
    "load_dataset": "load",
    "Dataset": "catalog",
    "PartialDate": "model",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
