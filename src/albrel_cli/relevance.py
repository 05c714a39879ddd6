"""How ``query.search`` reads a question and ranks what it finds.

A question is read into groups, one for each thing it asks about: a word, or a phrase the
synonym table or a country's or person's name knows as one (``visa free``, ``Shtetet e
Bashkuara``). Each group lists the spellings that stand for it, in three tiers:

* as asked: the word itself, matched at the start of a word (``recogn`` finds
  ``recognition``), and a hyphenated or joined compound both ways (``visa-free`` ~ ``visa
  free`` ~ ``visafree``);
* variants: the words of the data with the same English stem (``embassies`` ~ ``embassy``),
  the stem itself where it is a prefix (``occupation`` → ``occup``), British and American
  spellings, and the other names of a country or person named in the question;
* synonyms, from ``synonyms.py``, and for a word the data does not hold, the data's words it
  is a likely misspelling of.

A hit holds every group that is not a stop word or a year (those only help a phrase, or a
record of that year). Only spellings the data's vocabulary holds are kept, so the in-memory
dataset and the indexed store, which share the vocabulary, pick the same candidates.

Ranking looks at each text of a record. The whole question as a phrase beats its words
close together, which beat its words anywhere in one text, which beat its words spread over
the record; a title or name counts more than a summary. A text matched only through a
variant loses a point, through a synonym three, so the words asked for come first.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .catalog import Catalog
from .model import Hit, SearchDocument
from .morphology import spellings, stem
from .synonyms import STOP_WORDS, SYNONYMS
from .text import fold

# The points a text earns, by how it matches (see the module's docstring).
EXACT_NAME = 100
PHRASE_IN_NAME, PHRASE_ELSEWHERE = 90, 70
CLOSE_IN_NAME, CLOSE_ELSEWHERE = 80, 55
ALL_IN_NAME, ALL_ELSEWHERE = 60, 45
SPREAD = 30
VARIANT_COST, SYNONYM_COST, FUZZY_COST = 1, 5, 20
CONTEXT_COST = 2  # a word found only in the record's countries
YEAR_BONUS = 3
# Words may stand this many words further apart than the question has and still be close.
CLOSE_SLACK = 3
_YEAR = re.compile(r"1[0-9]{3}|20[0-9]{2}")


@dataclass
class Group:
    """One thing the question asks about, with the spellings that stand for it by tier."""

    words: tuple[str, ...]
    asked: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    synonyms: list[str] = field(default_factory=list)
    required: bool = True
    exact: bool = False  # a stop word: matched as a whole word in a phrase
    fuzzy: bool = False
    year: int | None = None

    def options(self, tier: int = 2) -> list[str]:
        chosen = self.asked + (self.variants if tier >= 1 else []) + (
            self.synonyms if tier >= 2 else [])
        return list(dict.fromkeys(chosen))


@dataclass
class Question:
    """A question as read: its folded text and its groups in order."""

    phrase: str
    groups: list[Group]

    @property
    def required(self) -> list[Group]:
        return [g for g in self.groups if g.required]

    def alternatives(self) -> list[tuple[str, ...]]:
        """What a backend's ``documents`` is asked for: every spelling of each group a hit
        must hold."""
        return [tuple(g.options()) for g in self.required]

    @property
    def fuzzy(self) -> bool:
        return any(g.fuzzy for g in self.required)

    def every_option(self) -> list[str]:
        return [o for g in self.groups for o in g.options()]


# --------------------------------------------------------------------------- vocabulary


class Vocabulary:
    """The data's words, sorted, for prefix look-ups."""

    def __init__(self, words: Iterable[str]) -> None:
        self.sorted = sorted(set(words))
        self.known = set(self.sorted)

    def starting(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self.sorted, prefix)
        end = bisect.bisect_left(self.sorted, prefix + "\x7f")
        return self.sorted[start:end]

    def has_prefix(self, prefix: str) -> bool:
        start = bisect.bisect_left(self.sorted, prefix)
        return start < len(self.sorted) and self.sorted[start].startswith(prefix)

    def supports(self, option: str) -> bool:
        """Whether some text of the data could match ``option``: its last word as a prefix,
        the words before it whole."""
        *inner, last = option.split()
        return all(word in self.known for word in inner) and self.has_prefix(last)

    def same_stem(self, word: str) -> list[str]:
        """The data's words with the stem of ``word`` (``embassy`` for ``embassies``)."""
        root = stem(word)
        if len(root) < 4:
            return []
        # Porter2 cuts -ization deep (``liberalization`` → ``liber``, as ``liberation``): a
        # word must also share all but five letters of the longer of the two.
        return [w for w in self.starting(root[:-1]) if w != word and stem(w) == root
                and _shared(word, w) >= max(len(word), len(w)) - 5]


def _shared(one: str, other: str) -> int:
    """How many letters two words share at their start."""
    count = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        count += 1
    return count


# --------------------------------------------------------------------------- synonyms


def _stems(term: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in term.split())


_BY_START: dict[str, list[tuple[str, tuple[str, ...]]]] = {}


def _synonym_sets(run: Sequence[str]) -> list[tuple[str, ...]]:
    """The synonym sets holding a term of the run's words and stems: only the terms that
    begin as the run does are stemmed, so a search stems a handful of words, not the table."""
    if not _BY_START:
        for terms in SYNONYMS:
            for term in terms:
                _BY_START.setdefault(term[:3], []).append((term, terms))
    text = " ".join(run)
    wanted = tuple(stem(word) for word in run)
    return [terms for term, terms in _BY_START.get(text[:3], ())
            if len(term.split()) == len(run) and _stems(term) == wanted]


def _longest_synonym(words: Sequence[str], start: int) -> int:
    """How many words from ``start`` make a phrase of the synonym table (0 if none)."""
    for size in (3, 2):
        if start + size <= len(words) and _synonym_sets(words[start:start + size]):
            return size
    return 0


def _stem_prefix(word: str, root: str) -> bool:
    """Whether a word's stem may stand for it as a prefix: one that is a prefix of it, of
    four letters at least, cutting five at most (``occupation`` → ``occup`` finds
    ``occupied``, but ``liberalization`` → ``liber`` would find ``liberation``)."""
    return len(root) >= 4 and word.startswith(root) and len(word) - len(root) <= 5


def _as_prefix(term: str) -> str:
    """A term's last word cut to its stem where that is a prefix of it, so that the term
    matches its other forms (``visa liberalisation`` → ``visa liberalis``)."""
    *inner, last = term.split()
    root = stem(last)
    if _stem_prefix(last, root):
        last = root
    return " ".join((*inner, last))


def _synonyms_of(words: tuple[str, ...]) -> list[str]:
    found: list[str] = []
    for terms in _synonym_sets(words):
        for term in terms:
            found += [term, _as_prefix(term)]
    return found


# --------------------------------------------------------------------------- names


def _person_names(catalog: Catalog, run: str) -> list[str]:
    """The names and surname of each person one of whose names is ``run``."""
    found: list[str] = []
    for person in catalog.people_named(run):
        names = [fold(n) for n in (person.name, *person.aliases)]
        found += [*names, names[0].split()[-1]]
    return found


def _names(catalog: Catalog, words: Sequence[str], start: int) -> tuple[int, list[str]]:
    """The longest run of words from ``start`` that is a country's or person's name or
    alias, and that record's other names."""
    for size in (4, 3, 2, 1):
        if start + size > len(words):
            continue
        run = " ".join(words[start:start + size])
        if len(run) < 3 or run in STOP_WORDS:
            continue
        others: list[str] = []
        for country in catalog.countries_named(run):
            others += [fold(n) for n in (country.name, *country.aliases)]
        others += _person_names(catalog, run)
        others = [o for o in others if len(o) >= 3 and o != run]
        if others:
            return size, others
    return 0, []


# --------------------------------------------------------------------------- reading


def _is_year(word: str) -> bool:
    return bool(_YEAR.fullmatch(word))


def read(catalog: Catalog, text: str) -> Question:
    """The question in ``text`` as groups (see the module's docstring)."""
    phrase = fold(text)
    words = phrase.split()
    vocabulary = Vocabulary(catalog.vocabulary())
    groups: list[Group] = []
    position = 0
    while position < len(words):
        size = _longest_synonym(words, position)
        name_size, others = _names(catalog, words, position)
        if name_size > size:
            size = name_size
        else:
            others = []
        size = max(size, 1)
        run = tuple(words[position:position + size])
        groups.append(_group(run, others, vocabulary,
                             words[position + size] if position + size < len(words) else None))
        position += size
    question = Question(phrase, groups)
    if not question.required:  # a question of stop words only asks for them
        for group in groups:
            group.required = True
    for group in question.required:
        if not group.options():
            group.fuzzy = True
            group.synonyms = _misspelt(group.words, vocabulary)
    return question


def _group(run: tuple[str, ...], others: list[str], vocabulary: Vocabulary,
           following: str | None) -> Group:
    term = " ".join(run)
    group = Group(run)
    if len(run) == 1 and term in STOP_WORDS:
        group.required, group.exact = False, True
        group.asked = [term]
        return group
    if len(run) == 1 and _is_year(term):
        group.required, group.year = False, int(term)
    asked = [term]
    if len(run) == 2:
        asked.append("".join(run))  # visa free ~ visafree
    if following is not None and len(run) == 1 and following not in STOP_WORDS:
        joined = term + following
        if joined in vocabulary.known:  # cyber attack ~ cyberattack
            asked.append(joined)
    variants: list[str] = list(others)
    if len(run) == 1:
        word = run[0]
        root = stem(word)
        if _stem_prefix(word, root):
            variants.append(root)
        variants += spellings(word)
        variants += vocabulary.same_stem(word)
        for spelt in spellings(word):
            variants += vocabulary.same_stem(spelt)
        if len(word) >= 6 and not vocabulary.has_prefix(word):
            variants += _split_compound(word, vocabulary)
    synonyms = _synonyms_of(run)
    for spelt in spellings(term) if len(run) == 1 else ():
        synonyms += _synonyms_of((spelt,))
    group.asked = [o for o in dict.fromkeys(asked) if vocabulary.supports(o)]
    group.variants = [o for o in dict.fromkeys(variants) if vocabulary.supports(o)]
    group.synonyms = [o for o in dict.fromkeys(synonyms) if vocabulary.supports(o)]
    if not group.required and not group.options():
        group.asked = [term]  # a year: kept for the phrase and the record's date
    return group


def _split_compound(word: str, vocabulary: Vocabulary) -> list[str]:
    """A joined word the data spells in two (``visafree`` → ``visa free``)."""
    return [f"{word[:cut]} {word[cut:]}" for cut in range(3, len(word) - 2)
            if word[:cut] in vocabulary.known and vocabulary.has_prefix(word[cut:])]


def _misspelt(words: tuple[str, ...], vocabulary: Vocabulary) -> list[str]:
    """The data's words that the (last) word of a group is a likely misspelling of."""
    from rapidfuzz import fuzz, process  # imported only when a word is not found as typed

    close = process.extract(words[-1], vocabulary.sorted, scorer=fuzz.ratio, score_cutoff=75,
                            limit=5)
    return [match for match, _score, _index in close]


# --------------------------------------------------------------------------- ranking


def _alternation(options: Iterable[str]) -> str:
    return "|".join(re.escape(o) for o in sorted(options, key=len, reverse=True))


@dataclass
class _Tier:
    """The patterns of one tier of spellings: each required group, and the whole phrase."""

    groups: list[re.Pattern[str]]
    phrase: re.Pattern[str]
    cost: int
    any: re.Pattern[str]  # any spelling of any group: a text without one scores nothing

    @classmethod
    def of(cls, question: Question, tier: int, cost: int) -> _Tier:
        groups = []
        for group in question.required:
            options = group.options(tier)
            groups.append(re.compile(rf"\b(?:{_alternation(options)})") if options
                          else re.compile(r"(?!x)x"))
        parts = []
        for group in question.groups:
            options = group.options(tier) or list(group.words)
            # as asked, the phrase is of whole words; its variants may end otherwise
            tail = r"\b" if group.exact or tier == 0 else "[a-z0-9]*"
            parts.append(f"(?:{_alternation(options)}){tail}")
        phrase = re.compile(r"\b" + " ".join(parts))
        every = [o for group in question.required for o in group.options(tier)]
        return cls(groups, phrase, cost, re.compile(rf"\b(?:{_alternation(every)})"))


def _close(patterns: Sequence[re.Pattern[str]], text: str, width: int) -> bool:
    """Whether one match of every pattern lies within ``width`` words of the text."""
    places: list[tuple[int, int]] = []
    for index, pattern in enumerate(patterns):
        for match in pattern.finditer(text):
            places.append((text.count(" ", 0, match.start()), index))
    places.sort()
    wanted = len(patterns)
    seen: dict[int, int] = {}
    left = 0
    for place, index in places:
        seen[index] = seen.get(index, 0) + 1
        while len(seen) == wanted:
            if place - places[left][0] + 1 <= width:
                return True
            first = places[left][1]
            seen[first] -= 1
            if not seen[first]:
                del seen[first]
            left += 1
    return False


def _score(text: str, *, named: bool, question: Question, tier: _Tier, width: int,
           context: Sequence[bool]) -> int:
    """What one text earns; ``context`` tells which groups the record's countries hold,
    which a text need not name again ("treaty of friendship Italy" for a treaty with Italy
    whose title says "the Italian Republic")."""
    phrase = question.phrase
    if named and text == phrase:
        return EXACT_NAME
    if not tier.any.search(text):
        return 0
    # the more of a title the question covers, the better it names the record
    cover = min(9, round(9 * len(phrase) / max(len(text), 1)))
    if tier.phrase.search(text):
        return (PHRASE_IN_NAME + cover if named else PHRASE_ELSEWHERE) - tier.cost
    present = [bool(p.search(text)) for p in tier.groups]
    if not any(present) or not all(h or c for h, c in zip(present, context, strict=True)):
        return 0
    if not all(present):  # helped by the record's countries: never more than all words
        return (ALL_IN_NAME if named else ALL_ELSEWHERE) - tier.cost - CONTEXT_COST
    if len(tier.groups) > 1 and _close(tier.groups, text, width):
        return (CLOSE_IN_NAME + cover if named else CLOSE_ELSEWHERE) - tier.cost
    return (ALL_IN_NAME if named else ALL_ELSEWHERE) - tier.cost


def rank(catalog: Catalog, docs: Iterable[SearchDocument], question: Question) -> list[Hit]:
    """Each document as a hit scored by the best of its texts (see the module docstring)."""
    names: dict[str, str] = {}

    def countries_of(doc: SearchDocument) -> str:
        for id_ in doc.countries:
            if id_ not in names:
                country = catalog.country(id_)
                names[id_] = fold(country.name) if country is not None else ""
        return " ".join(names[id_] for id_ in doc.countries)

    tiers = [_Tier.of(question, 0, 0), _Tier.of(question, 1, VARIANT_COST),
             _Tier.of(question, 2, SYNONYM_COST)]
    width = len(question.phrase.split()) + CLOSE_SLACK
    years = {g.year for g in question.groups if g.year is not None}
    shown_words = question.every_option()
    hits = []
    for doc in docs:
        best = 0
        matched = ""
        around = countries_of(doc)
        context = [[bool(around) and bool(p.search(around)) for p in tier.groups]
                   for tier in tiers]
        for position, (original, folded) in enumerate(doc.fields):
            named = position < doc.names
            # the widest tier first: a text it misses, the narrower ones miss too
            score = _score(folded, named=named, question=question, tier=tiers[-1],
                           width=width, context=context[-1])
            if score:
                score = max(score, *(
                    _score(folded, named=named, question=question, tier=tier, width=width,
                           context=held) for tier, held in zip(tiers[:-1], context[:-1],
                                                               strict=True)))
            if score > best:
                best, matched = score, original
        if not best:  # every group somewhere in the record, though not in one text
            best, matched = SPREAD, doc.fields[1][0] if len(doc.fields) > 1 else doc.title
        if years and best < EXACT_NAME and (
                (doc.date is not None and doc.date.year in years)
                or any(str(y) in doc.folded for y in years)):
            best = min(best + YEAR_BONUS, EXACT_NAME - 1)
        if question.fuzzy:
            best = max(1, best - FUZZY_COST)
        if doc.type == "person" and matched in (f for f, _ in doc.fields[:doc.names]):
            # a person found by name: show the offices held, with their years
            matched = "; ".join(f for f, _ in doc.fields[doc.names:doc.names + 3]) or matched
        hits.append(Hit(doc.type, doc.id, doc.title, doc.date, doc.countries,
                        snippet(matched, shown_words), best))
    return hits


def snippet(text: str, folded_words: Sequence[str], width: int = 140) -> str:
    if len(text) <= width:
        return text
    lowered = fold(text)
    position = min((lowered.find(w) for w in folded_words if w in lowered), default=0)
    # fold() keeps lengths close to the original for Latin text; this is a best-effort window.
    start = max(0, min(position - width // 3, len(text) - width))
    clipped = text[start:start + width].strip()
    return ("…" if start else "") + clipped + ("…" if start + width < len(text) else "")
