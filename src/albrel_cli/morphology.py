"""English word forms for search: the Snowball (Porter2) stem of a folded word, and its other
usual spellings. The stemmer (PyStemmer, Snowball's C code: 1 ms to import, where the pure
Python snowballstemmer takes 17) is imported only when a search first asks for a stem, so
that every other command starts as light as before."""

from __future__ import annotations

import functools
import re
from typing import Any

_STEMMERS: list[Any] = []  # the English Snowball stemmer, made on first use
# British and American spellings: -ise/-ize, -isation/-ization, -our/-or.
_ISE = re.compile(r"i([sz])(e|ed|es|er|ers|ing|ation|ations)$")
_OUR = re.compile(r"our(s|ed|ing|ite|ites)?$")


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The English stem of a folded word: ``recognises`` → ``recognis``, ``embassies`` →
    ``embassi``. Albanian words come back much as they are."""
    if not _STEMMERS:
        import Stemmer  # type: ignore[import-not-found]  # a C extension without types

        _STEMMERS.append(Stemmer.Stemmer("english"))
    stemmed: str = _STEMMERS[0].stemWord(word)
    return stemmed


def spellings(word: str) -> tuple[str, ...]:
    """The word's other usual English spellings (``liberalisation`` → ``liberalization``,
    ``labour`` → ``labor``), for a search to match both."""
    others = []
    match = _ISE.search(word)
    if match and len(word) > 5:
        other = "z" if match.group(1) == "s" else "s"
        others.append(f"{word[:match.start(1)]}{other}{word[match.end(1):]}")
    if _OUR.search(word) and len(word) > 5:
        others.append(_OUR.sub(lambda m: "or" + (m.group(1) or ""), word))
    return tuple(others)
