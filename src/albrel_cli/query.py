"""Pure functions over the model: resolve names, filter, build timelines, search. No printing."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .errors import InvalidQueryError, UnknownCountryError
from .model import (
    Agreement,
    Country,
    CountryDetail,
    Dataset,
    Event,
    EventKind,
    Hit,
    Organisation,
    PartialDate,
    Person,
    Region,
    Stats,
    Status,
)

# Letters that Unicode decomposition does not reduce to ASCII.
_TRANSLITERATE = str.maketrans({
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss", "đ": "d",
    "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "ı": "i",
    "ŀ": "l", "ħ": "h", "’": "'", "‘": "'",
})
_NON_WORD = re.compile(r"[^0-9a-z]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lowercase ASCII words for matching: accents dropped, ``ø→o``, punctuation to spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    lowered = _COMBINING.sub("", decomposed).lower().replace("'", "")
    return _NON_WORD.sub(" ", lowered).strip()


# --------------------------------------------------------------------------- dates


def check_range(since: PartialDate | None, until: PartialDate | None) -> None:
    """Reject a range that ends before it starts."""
    if since and until and until.latest() < since.earliest():
        raise InvalidQueryError(f"the range is inverted: {until} is before {since}")


def in_range(date: PartialDate | None, since: PartialDate | None,
             until: PartialDate | None) -> bool:
    """Whether a (partial) date may fall inside [since, until], both taken at their widest.

    ``1922-04`` lies inside ``1922..1922``; ``2014-05-14`` inside ``2014-05..2014-05``. A record
    with no date matches only when no bound is given.
    """
    if since is None and until is None:
        return True
    if date is None:
        return False
    if since is not None and date.latest() < since.earliest():
        return False
    return not (until is not None and date.earliest() > until.latest())


def _date_order(date: PartialDate | None) -> tuple[int, tuple[int, int, int]]:
    return (1, (0, 0, 0)) if date is None else (0, date.sort_key)


# --------------------------------------------------------------------------- countries


def country_names(country: Country) -> tuple[str, ...]:
    """Every name a country answers to: id, name, ISO codes and aliases."""
    names = [country.id, country.name, *country.aliases]
    names += [code for code in (country.iso2, country.iso3) if code]
    return tuple(names)


def resolve_country(dataset: Dataset, text: str) -> Country:
    """The country named by id, name, ISO code or alias, ignoring case and accents.

    A unique prefix of a name is accepted too ("czech" finds the Czech Republic). Otherwise
    UnknownCountryError carries the closest names as suggestions.
    """
    wanted = fold(text)
    if not wanted:
        raise UnknownCountryError(text)
    exact: dict[str, Country] = {}
    prefix: dict[str, Country] = {}
    for country in dataset.countries:
        for name in country_names(country):
            folded = fold(name)
            if folded == wanted:
                exact[country.id] = country
            elif len(wanted) >= 3 and folded.startswith(wanted + " "):
                prefix[country.id] = country
    for matches in (exact, prefix):
        if len(matches) == 1:
            return next(iter(matches.values()))
        if len(matches) > 1:
            raise UnknownCountryError(text, sorted(c.name for c in matches.values()))
    raise UnknownCountryError(text, suggest_countries(dataset, wanted))


def suggest_countries(dataset: Dataset, wanted: str, limit: int = 3) -> tuple[str, ...]:
    """The names closest to a misspelt one, best first."""
    from rapidfuzz import fuzz, process  # imported only on this error path

    choices: dict[str, str] = {}
    for country in dataset.countries:
        for name in (country.name, *country.aliases):
            choices.setdefault(fold(name), country.name)
    ranked = process.extract(wanted, list(choices), scorer=fuzz.WRatio, limit=limit * 4,
                             score_cutoff=70)
    suggestions: list[str] = []
    for match, _score, _index in ranked:
        name = choices[match]
        if name not in suggestions:
            suggestions.append(name)
    return tuple(suggestions[:limit])


def list_countries(dataset: Dataset, *, region: Region | None = None,
                   status: Status | None = None, since: PartialDate | None = None,
                   until: PartialDate | None = None) -> tuple[Country, ...]:
    """Countries by name, filtered by region, status and the date relations were established."""
    check_range(since, until)
    found = (
        country for country in dataset.countries
        if (region is None or country.region == region)
        and (status is None or country.status == status)
        and in_range(country.established, since, until)
    )
    return tuple(sorted(found, key=lambda c: fold(c.name)))


def country_detail(dataset: Dataset, country: Country) -> CountryDetail:
    return CountryDetail(
        country,
        timeline(dataset, (country,)),
        agreements(dataset, country=country),
    )


# --------------------------------------------------------------------------- events


def timeline(dataset: Dataset, countries: Sequence[Country] = (), *,
             since: PartialDate | None = None, until: PartialDate | None = None,
             kinds: Iterable[EventKind] = ()) -> tuple[Event, ...]:
    """Events oldest first (undated ones last), optionally for some countries and kinds."""
    check_range(since, until)
    ids = {country.id for country in countries}
    wanted_kinds = set(kinds)
    found = (
        event for event in dataset.events
        if (not ids or ids.intersection(event.countries))
        and (not wanted_kinds or event.kind in wanted_kinds)
        and in_range(event.date, since, until)
    )
    return tuple(sorted(found, key=lambda e: (_date_order(e.date), e.id)))


def agreements(dataset: Dataset, text: str | None = None, *, country: Country | None = None,
               since: PartialDate | None = None,
               until: PartialDate | None = None) -> tuple[Agreement, ...]:
    """Agreements oldest first (undated last), matching every word of ``text`` if given."""
    check_range(since, until)
    words = fold(text).split() if text else []
    found = []
    for agreement in dataset.agreements:
        if country is not None and country.id not in agreement.countries:
            continue
        if not in_range(agreement.date, since, until):
            continue
        if words:
            haystack = fold(" ".join(_agreement_texts(dataset, agreement)))
            if not all(re.search(rf"\b{re.escape(word)}", haystack) for word in words):
                continue
        found.append(agreement)
    return tuple(sorted(found, key=lambda a: (_date_order(a.date), a.id)))


def _agreement_texts(dataset: Dataset, agreement: Agreement) -> list[str]:
    texts = [agreement.title, agreement.kind.value, agreement.summary or "",
             agreement.place or "", agreement.status.value if agreement.status else ""]
    texts += [dataset.country_by_id[c].name for c in agreement.countries
              if c in dataset.country_by_id]
    return texts


def organisations(dataset: Dataset) -> tuple[Organisation, ...]:
    return tuple(sorted(dataset.organisations, key=lambda o: o.abbr.casefold()))


# --------------------------------------------------------------------------- search

SEARCH_TYPES = ("country", "event", "agreement", "person", "org")


@dataclass(frozen=True, slots=True)
class _Document:
    type: str
    id: str
    title: str
    date: PartialDate | None
    countries: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]  # (original text, folded text), the title first


def _documents(dataset: Dataset) -> list[_Document]:
    def doc(kind: str, id_: str, title: str, date: PartialDate | None,
            countries: tuple[str, ...], texts: Iterable[str | None]) -> _Document:
        fields = tuple((t, fold(t)) for t in (title, *texts) if t)
        return _Document(kind, id_, title, date, countries, fields)

    def names(ids: Iterable[str]) -> list[str]:
        return [dataset.person_by_id[i].name for i in ids if i in dataset.person_by_id]

    docs = [
        doc("country", c.id, c.name, c.established, (c.id,),
            [*c.aliases, c.iso2, c.iso3, c.summary])
        for c in dataset.countries
    ]
    docs += [
        doc("event", e.id, e.title, e.date, e.countries,
            [e.summary, e.place, *names(e.people)])
        for e in dataset.events
    ]
    docs += [
        doc("agreement", a.id, a.title, a.date, a.countries,
            [a.summary, a.place, a.kind.value, *names(a.people)])
        for a in dataset.agreements
    ]
    docs += [
        doc("person", p.id, p.name, None, (), [*p.aliases, *p.roles, p.nationality])
        for p in dataset.people
    ]
    docs += [
        doc("org", o.abbr, o.abbr, o.joined, (), [o.name, o.note, o.role])
        for o in dataset.organisations
    ]
    return docs


def _expand_misspelt(words: list[str], vocabulary: set[str]) -> list[tuple[str, ...]]:
    """For each query word missing from the data, the data's words it is a likely typo of."""
    from rapidfuzz import fuzz, process  # imported only when a word is not found as typed

    expanded = []
    for word in words:
        if word in vocabulary or any(v.startswith(word) for v in vocabulary):
            expanded.append((word,))
            continue
        close = process.extract(word, list(vocabulary), scorer=fuzz.ratio, score_cutoff=75,
                                limit=5)
        expanded.append((word, *(match for match, _score, _index in close)))
    return expanded


def _snippet(text: str, folded_words: Sequence[str], width: int = 140) -> str:
    if len(text) <= width:
        return text
    lowered = fold(text)
    position = min((lowered.find(w) for w in folded_words if w in lowered), default=0)
    # fold() keeps lengths close to the original for Latin text; this is a best-effort window.
    start = max(0, min(position - width // 3, len(text) - width))
    snippet = text[start:start + width].strip()
    return ("…" if start else "") + snippet + ("…" if start + width < len(text) else "")


def search(dataset: Dataset, text: str, *, types: Iterable[str] = (),
           limit: int | None = 20) -> tuple[Hit, ...]:
    """Ranked hits across countries, events, agreements, people and organisations.

    A whole phrase beats separate words, a match in a title or name beats one in a summary,
    and words are matched at word starts, ignoring case and accents. A word that does not
    occur in the data is widened to the data's words it is a likely misspelling of.
    """
    phrase = fold(text)
    words = phrase.split()
    if not words:
        raise InvalidQueryError("the search text is empty")
    wanted_types = set(types)
    docs = [d for d in _documents(dataset) if not wanted_types or d.type in wanted_types]

    alternatives: list[tuple[str, ...]] = [(w,) for w in words]
    hits = _rank(docs, phrase, alternatives)
    if not hits:
        vocabulary = {w for d in docs for _, folded in d.fields for w in folded.split()}
        alternatives = _expand_misspelt(words, vocabulary)
        if any(len(options) > 1 for options in alternatives):
            hits = _rank(docs, None, alternatives, fuzzy=True)
    hits.sort(key=lambda h: (-h.score, _date_order(h.date), h.type, h.title))
    return tuple(hits[:limit] if limit else hits)


def _rank(docs: list[_Document], phrase: str | None, alternatives: list[tuple[str, ...]],
          *, fuzzy: bool = False) -> list[Hit]:
    patterns = [re.compile(r"\b(?:" + "|".join(re.escape(o) for o in options) + ")")
                for options in alternatives]
    phrase_re = re.compile(rf"\b{re.escape(phrase)}\b") if phrase else None
    hits = []
    for doc in docs:
        best = 0
        matched = ""
        for position, (original, folded) in enumerate(doc.fields):
            in_title = position == 0
            score = 0
            if phrase_re is not None and phrase_re.search(folded):
                # the more of a title the phrase covers, the better it names the record
                cover = round(9 * len(phrase) / max(len(folded), 1))
                score = 100 if folded == phrase else (90 + cover if in_title else 70)
            elif all(p.search(folded) for p in patterns):
                score = 60 if in_title else 45
            if score > best:
                best, matched = score, original
        if not best:
            # every word somewhere in the record, though not in one field
            joined = " ".join(folded for _, folded in doc.fields)
            if all(p.search(joined) for p in patterns):
                best, matched = 30, doc.fields[1][0] if len(doc.fields) > 1 else doc.title
        if best:
            if fuzzy:
                best = max(1, best - 20)
            shown = _snippet(matched, [o for options in alternatives for o in options])
            hits.append(Hit(doc.type, doc.id, doc.title, doc.date, doc.countries, shown, best))
    return hits


# --------------------------------------------------------------------------- people, stats


def people_of(dataset: Dataset, ids: Iterable[str]) -> tuple[Person, ...]:
    return tuple(dataset.person_by_id[i] for i in ids if i in dataset.person_by_id)


def stats(dataset: Dataset) -> Stats:
    """Counts by region and status, and how many relations began in each decade."""
    regions = Counter(country.region.value for country in dataset.countries)
    statuses = Counter(country.status.value for country in dataset.countries)
    decades = Counter(
        country.established.year // 10 * 10
        for country in dataset.countries if country.established is not None
    )
    undated = sum(1 for country in dataset.countries if country.established is None)
    span = range(min(decades), max(decades) + 10, 10) if decades else range(0)
    return Stats(
        tuple((r.value, regions[r.value]) for r in Region),
        tuple((s.value, statuses[s.value]) for s in Status),
        tuple((decade, decades.get(decade, 0)) for decade in span),
        undated,
    )
