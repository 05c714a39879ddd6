"""Output on a terminal or pipe whose encoding cannot hold every letter (``LANG=C`` on an old
system, ``PYTHONIOENCODING=ascii``): an encoding error handler that degrades each character on
its own to a readable stand-in, registered as ``albrel-degrade``."""

from __future__ import annotations

import codecs
import unicodedata

# Stand-ins for characters that have no ASCII decomposition: dashes, quotes and the glyphs
# of the charts and the relation strip.
_STAND_INS = {
    "\u2013": "-", "\u2014": "--", "\u2012": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'",
    "\u201a": ",", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2026": "...",
    "\u2022": "*", "\u00b7": ".", "\u2588": "#", "\u2591": "?", "\u258c": "#",
    "\u2500": "-", "\u2501": "-", "\u2502": "|", "\u00d7": "x", "\u2192": "->",
    "\u2190": "<-", "\u0131": "i", "\u00f8": "o", "\u00d8": "O", "\u00e6": "ae",
    "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00df": "ss", "\u0111": "d",
    "\u0110": "D", "\u0142": "l", "\u0141": "L", "\u00fe": "th", "\u00de": "Th",
    "\u00f0": "d", "\u00d0": "D", "\u00a0": " ", "\u00ab": '"', "\u00bb": '"',
    "\u2039": "'", "\u203a": "'", "\u02bb": "'", "\u02bc": "'", "\u0259": "e",
    "\u018f": "E", "\u00b0": "o", "\u2116": "No.", "\u00a7": "S.", "\u00a9": "(c)",
}
# Currency signs as their ISO codes, set apart from an amount that follows: £843,947 ->
# GBP 843,947.
_CURRENCIES = {
    "\u00a3": "GBP", "\u20ac": "EUR", "\u00a5": "JPY", "\u20bd": "RUB", "\u20a4": "ITL",
    "\u20ba": "TRY", "\u00a2": "c",
}


def _ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    """Degrade each character the output cannot encode on its own: ë → e, – → -, █ → #,
    £ → GBP, and '?' only for a character with no readable stand-in."""
    assert isinstance(error, UnicodeEncodeError)
    plain = []
    text = error.object
    for at in range(error.start, error.end):
        char = text[at]
        code = _CURRENCIES.get(char)
        if code is not None:
            following = text[at + 1:at + 2]
            plain.append(code + (" " if following.isdigit() else ""))
            continue
        stand_in = _STAND_INS.get(char)
        if stand_in is None:
            decomposed = unicodedata.normalize("NFKD", char)
            stand_in = decomposed.encode("ascii", "ignore").decode("ascii") or "?"
        plain.append(stand_in)
    return "".join(plain), error.end


DEGRADE = "albrel-degrade"
codecs.register_error(DEGRADE, _ascii_fallback)


def degrade(text: str, encoding: str) -> str:
    """``text`` as it will read once written in ``encoding``."""
    return text.encode(encoding, DEGRADE).decode(encoding)
