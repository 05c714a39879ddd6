"""Text folding (albrel_cli.text)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from albrel_cli import text


def _fold_every_step(value: str) -> str:
    """``fold`` without its shortcut for ASCII text."""
    decomposed = unicodedata.normalize("NFKD", value.translate(text._TRANSLITERATE))
    lowered = re.sub(r"[\u0300-\u036f]", "", decomposed).lower().replace("'", "")
    return re.sub(r"[^0-9a-z]+", " ", lowered).strip()


@given(st.text() | st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_shortcut_for_ascii_changes_nothing(value: str) -> None:
    assert text.fold(value) == _fold_every_step(value)


def test_fold_examples() -> None:
    assert text.fold("Møller") == "moller"
    assert text.fold("Shqipërisë") == "shqiperise"
    assert text.fold("Côte d'Ivoire") == "cote divoire"
