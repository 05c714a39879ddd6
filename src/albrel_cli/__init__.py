"""albrel: Albania's bilateral relations as a library and a command-line tool."""

from ._version import __version__
from .errors import AlbrelError, DataError, UnknownCountryError
from .load import load_dataset
from .model import Dataset, PartialDate

__all__ = [
    "AlbrelError",
    "DataError",
    "Dataset",
    "PartialDate",
    "UnknownCountryError",
    "__version__",
    "load_dataset",
]
