"""The words a search treats as the same, for the subjects of this dataset: each set lists
terms (words or phrases, folded: lowercase ASCII) any of which stands for the others.

A query word belongs to a set when its stem is the stem of one of the set's words, so each set
need name only one form of a word (``recognise`` stands for ``recognised``, ``recognises``).
A phrase of the query (``visa free``, from ``visa-free``) is looked up as a whole before its
words. Matching a synonym counts slightly less than matching the word asked for.

Keep the sets narrow: a set joins everything in it, so a word that means something else in
other records (``end``, ``open``) makes every search for the others noisier.
"""

from __future__ import annotations

SYNONYMS: tuple[tuple[str, ...], ...] = (
    # relations begun, broken, resumed
    ("recognise", "recognize", "recognition"),
    ("split", "break", "broke", "broken", "rupture", "sever", "severance", "cut",
     "breach", "interrupted", "breakdown", "alliance end", "relations end"),
    ("restore", "resume", "reestablish", "re establish", "renew"),
    ("establish", "set up", "open"),
    ("leave", "quit", "withdraw", "withdrawal", "exit"),
    ("join", "accession", "accede", "admission", "admitted", "member", "membership",
     "enter", "entry"),
    # travel
    ("visa free", "visafree", "visa liberalisation", "visa liberalization", "visa waiver",
     "visa exemption", "without a visa", "without visas"),
    ("visa waiver", "visa exemption", "visa free", "abolishing visas", "visas abolished"),
    # war and peace
    ("invade", "invasion", "invades", "invaded"),
    ("occupy", "occupation", "occupied", "occupies"),
    ("war", "warfare", "hostilities"),
    ("treaty", "pact", "accord"),
    ("agreement", "accord", "convention", "deal"),
    ("friendship", "friendly relations"),
    ("aid", "assistance", "help", "donation"),
    ("cyberattack", "cyber attack", "hacking"),
    ("migration", "migrants", "refugees", "asylum"),
    # places and peoples: adjectives and old forms
    ("sino", "china", "chinese", "prc"),
    ("soviet", "ussr"),
    ("italy", "italian"),
    ("greece", "greek", "hellenic"),
    ("turkey", "turkish", "turkiye", "ottoman"),
    ("britain", "british", "uk", "united kingdom"),
    ("france", "french"),
    ("germany", "german"),
    ("yugoslavia", "yugoslav"),
    ("serbia", "serbian"),
    ("macedonia", "macedonian"),
    ("kosovo", "kosova", "kosovar", "kosoves"),
    ("japan", "japanese", "japonia"),
    ("tokyo", "tokio"),
    ("usa", "united states", "american", "washington"),
    ("eu", "european union", "european community", "eec"),
    ("un", "united nations"),
    ("organisation", "organization"),
    # Albanian words a question may use, with their English
    ("shqiperi", "shqiperia", "shqiperise", "albania"),
    ("ambasada", "ambasade", "ambasaden", "embassy"),
    ("marreveshje", "marreveshja", "agreement"),
    ("traktat", "traktati", "treaty"),
    ("miqesi", "miqesise", "friendship"),
    ("njohje", "njohja", "njeh", "recognition"),
    ("vizite", "vizita", "visit"),
    ("pavaresi", "pavaresia", "pavaresise", "independence"),
    ("anetaresim", "anetaresimi", "membership"),
    ("lufta", "luftes", "war"),
)
"""Sets of terms a search treats as one; see the module's docstring."""

STOP_WORDS = frozenset((
    # English
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "and",
    "or", "as", "is", "are", "was", "were", "be", "been", "did", "do", "does", "has", "have",
    "had", "its", "it", "this", "that", "these", "those", "when", "what", "who", "whom",
    "which", "where", "why", "how", "about", "there", "their", "any", "all",
    # Albanian
    "e", "i", "te", "ne", "dhe", "me", "per", "nga", "se", "si", "nje", "u", "ka", "kur", "cfare",
))
"""Words a question is made of rather than about: not required of a hit, though they still
count in a phrase ("treaty of friendship")."""
