"""Text folding for matching names and search words: lowercase ASCII words, accents dropped,
letters without a decomposition transliterated (``ø`` → ``o``), punctuation to spaces."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode decomposition does not reduce to ASCII.
_TRANSLITERATE = str.maketrans({
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "đ": "d",
    "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "ı": "i",
    "ŀ": "l", "ħ": "h", "’": "'", "‘": "'",
})
_NON_WORD = re.compile(r"[^0-9a-z]+")
# The same for ASCII text: apostrophes dropped, anything but a letter or digit to a space.
_ASCII_WORDS = str.maketrans({
    chr(code): None if chr(code) == "'" else chr(code) if chr(code).isalnum() else " "
    for code in range(128)
})
_COMBINING = re.compile(r"[\u0300-\u036f]")



def fold(text: str) -> str:
    """Lowercase ASCII words for matching: accents dropped, ``ø→o``, punctuation to spaces."""
    if text.isascii():  # most of the dataset's text: no decomposing, and no regex (2x faster)
        return " ".join(text.lower().translate(_ASCII_WORDS).split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    lowered = _COMBINING.sub("", decomposed).lower().replace("'", "")
    return _NON_WORD.sub(" ", lowered).strip()
