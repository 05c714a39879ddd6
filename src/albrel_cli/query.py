"""Pure functions over the model: resolve names, filter, build timelines, search. No printing.

They read through the ``Catalog`` protocol, so the same code serves the in-memory Dataset and
the indexed store that loads only what a query needs.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence

from .catalog import Catalog, country_names
from .errors import InvalidQueryError, UnknownCountryError
from .model import (
    NO_RELATIONS,
    Agreement,
    AgreementStatus,
    Citation,
    Country,
    CountryDetail,
    Event,
    EventCounts,
    EventKind,
    Hit,
    Holding,
    Mission,
    MissionKind,
    Office,
    Organisation,
    PartialDate,
    Person,
    PersonDetail,
    PostedMission,
    Region,
    RelationPeriod,
    Side,
    Source,
    SourceDetail,
    SourceUse,
    Stats,
    Status,
    Step,
    Topic,
    cited_sources,
    date_order,
)
from .text import fold

__all__ = [
    "SEARCH_TYPES",
    "agreements",
    "check_range",
    "citations",
    "count_events",
    "country_detail",
    "country_names",
    "fold",
    "held_on",
    "in_range",
    "lineage",
    "list_countries",
    "list_sources",
    "organisations",
    "resolve_country",
    "resolve_organisation",
    "search",
    "source_detail",
    "stats",
    "suggest_countries",
    "timeline",
    "unknown_on",
    "why_no_events",
]

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


def _period_held(period: RelationPeriod, date: PartialDate) -> bool | None:
    """Whether relations held at some time within ``date`` (taken at its widest) in this
    period: True or False, or None where the period's dates leave it open."""
    if period.start is None:
        return None
    if period.start.earliest() > date.latest():
        return False
    if period.end is not None:
        return period.end.latest() >= date.earliest()
    return None if period.ended else True


def held_on(country: Country, date: PartialDate) -> bool | None:
    """Whether Albania had relations with ``country`` at some time within ``date``: True,
    False, or None when a period's missing date leaves it unknown."""
    answers = [_period_held(period, date) for period in country.periods]
    if True in answers:
        return True
    return None if None in answers else False


def unknown_on(catalog: Catalog, date: PartialDate, *, region: Region | None = None,
               status: Status | None = None) -> tuple[Country, ...]:
    """Countries (of a region and status, if given) for which the data cannot say whether
    relations held within ``date``."""
    found = (c for c in catalog.all_countries()
             if (region is None or c.region == region) and (status is None or c.status == status)
             and held_on(c, date) is None)
    return tuple(sorted(found, key=lambda c: fold(c.name)))


# --------------------------------------------------------------------------- countries


def resolve_country(catalog: Catalog, text: str) -> Country:
    """The country named by id, name, ISO code or alias, ignoring case and accents.

    A unique prefix of a name is accepted too ("czech" finds the Czech Republic). Otherwise
    UnknownCountryError carries the closest names as suggestions.
    """
    wanted = fold(text)
    if not wanted:
        raise UnknownCountryError(text)
    lookups = [catalog.countries_named]
    if len(wanted) >= 3:
        lookups.append(catalog.countries_prefixed)
    for lookup in lookups:
        matches = lookup(wanted)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UnknownCountryError(text, sorted(c.name for c in matches))
    raise UnknownCountryError(text, suggest_countries(catalog, wanted))


def suggest_countries(catalog: Catalog, wanted: str, limit: int = 3) -> tuple[str, ...]:
    """The names closest to a misspelt one, best first."""
    from rapidfuzz import fuzz, process  # imported only on this error path

    choices: dict[str, str] = {}
    for folded, name in catalog.country_name_choices():
        choices.setdefault(folded, name)
    # 80: below it, short names match by accident ("nowhere" ~ "Eire" scores 77). WRatio
    # also scores a part of a long name ("new zeland" ~ "Papua New Guinea" 86), so a name must
    # be close as a whole too, and no weaker than the best suggestion by much.
    ranked = process.extract(wanted, list(choices), scorer=fuzz.WRatio, limit=limit * 4,
                             score_cutoff=80)
    suggestions: list[str] = []
    best = ranked[0][1] if ranked else 0
    for match, score, _index in ranked:
        name = choices[match]
        if fuzz.ratio(wanted, match) < 70 or score < best - 8:
            continue
        if name not in suggestions:
            suggestions.append(name)
    return tuple(suggestions[:limit])


def list_countries(catalog: Catalog, *, region: Region | None = None,
                   status: Status | None = None, since: PartialDate | None = None,
                   until: PartialDate | None = None,
                   as_of: PartialDate | None = None,
                   no_relations: bool = False) -> tuple[Country, ...]:
    """Countries by name, filtered by region, status (or ``no_relations``: none, severed or
    suspended), the date relations were established, and (``as_of``) whether relations held
    at some time within a date."""
    check_range(since, until)
    found = (
        country for country in catalog.countries_where(region, status)
        if (not no_relations or country.status in NO_RELATIONS)
        and in_range(country.established, since, until)
        and (as_of is None or held_on(country, as_of) is True)
    )
    return tuple(sorted(found, key=lambda c: fold(c.name)))


def lineage(catalog: Catalog, country: Country, *,
            direction: str = "predecessors") -> tuple[Country, ...]:
    """The states before ``country`` (or after it, with ``direction="successors"``), nearest
    first, following links through every generation (Serbia <- Yugoslavia)."""
    found: dict[str, Country] = {}
    queue = list(getattr(country, direction))
    while queue:
        id_ = queue.pop(0)
        other = catalog.country(id_)
        if other is None or id_ in found or id_ == country.id:
            continue
        found[id_] = other
        queue.extend(getattr(other, direction))
    return tuple(found.values())


def country_detail(catalog: Catalog, country: Country) -> CountryDetail:
    return CountryDetail(
        country,
        timeline(catalog, (country,), with_agreements=False),  # its agreements: below
        agreements(catalog, country=country),
        lineage(catalog, country),
        lineage(catalog, country, direction="successors"),
    )


# --------------------------------------------------------------------------- events


def agreement_milestones(catalog: Catalog, countries: Sequence[Country]) -> list[Event]:
    """The signing and the entry into force of the countries' agreements as timeline entries
    (kind agreement, ids ``AGREEMENT#signed`` and ``AGREEMENT#in-force``), derived from the
    agreements, not stored twice: a signing that an event already tells (the same id, or an
    agreement event of the same day and countries) is left to that event."""
    events = catalog.events_of({country.id for country in countries})
    told = {e.id for e in events}
    told_days = {(str(e.date), frozenset(e.countries)) for e in events
                 if e.kind is EventKind.agreement and e.date}
    found: dict[str, Event] = {}
    for country in countries:
        for agreement in catalog.agreements_of(country.id):
            parties = tuple(agreement.countries)
            if agreement.date and agreement.id not in told and (
                    str(agreement.date), frozenset(parties)) not in told_days:
                found[f"{agreement.id}#signed"] = Event(
                    id=f"{agreement.id}#signed", date=agreement.date, countries=parties,
                    orgs=agreement.orgs, kind=EventKind.agreement,
                    title=f"Signed: {agreement.title}", place=agreement.place,
                    summary=agreement.summary or f"{agreement.title} is signed.",
                    people=agreement.people, source=agreement.source)
            for step in agreement.steps:
                if step.step is Step.in_force and step.date:
                    found[f"{agreement.id}#in-force"] = Event(
                        id=f"{agreement.id}#in-force", date=step.date, countries=parties,
                        orgs=agreement.orgs, kind=EventKind.agreement,
                        title=f"In force: {agreement.title}",
                        summary=step.note or f"{agreement.title} enters into force.",
                        source=step.source)
                    break
    return sorted(found.values(), key=_in_order)


def _in_order(event: Event) -> tuple[tuple[int, tuple[int, int, int]], str]:
    return (date_order(event.date), event.id)


def iter_timeline(catalog: Catalog, countries: Sequence[Country] = (), *,
                  since: PartialDate | None = None, until: PartialDate | None = None,
                  kinds: Iterable[EventKind] = (), orgs: Sequence[Organisation] = (),
                  with_agreements: bool = True) -> Iterator[Event]:
    """Events oldest first (undated ones last), optionally for some countries or
    organisations (an event of either counts) and kinds, one at a time: an indexed store
    reads them in order from disk, so a timeline of everything starts at once and its memory
    stays flat. ``with_agreements`` (the default) adds the countries' agreements at their
    signing and entry into force (``agreement_milestones``)."""
    check_range(since, until)
    wanted_kinds = set(kinds)
    wanted_orgs = {org.abbr for org in orgs}
    wanted_countries = {country.id for country in countries}
    pool: Iterable[Event] = catalog.events_in_order(() if orgs else wanted_countries)
    if with_agreements and countries:
        import heapq

        pool = heapq.merge(pool, agreement_milestones(catalog, countries), key=_in_order)
    for event in pool:
        if orgs and not (wanted_orgs.intersection(event.orgs)
                         or wanted_countries.intersection(event.countries)):
            continue
        if (not wanted_kinds or event.kind in wanted_kinds) and in_range(event.date, since,
                                                                           until):
            yield event


def timeline(catalog: Catalog, countries: Sequence[Country] = (), *,
             since: PartialDate | None = None, until: PartialDate | None = None,
             kinds: Iterable[EventKind] = (), orgs: Sequence[Organisation] = (),
             with_agreements: bool = True) -> tuple[Event, ...]:
    """The events of ``iter_timeline``, all at once."""
    return tuple(iter_timeline(catalog, countries, since=since, until=until, kinds=kinds,
                               orgs=orgs, with_agreements=with_agreements))


def count_events(events: Iterable[Event], by: str | None = None) -> EventCounts:
    """Dated events per year or per decade. Without ``by``, decades when the years span more
    than forty, so that a chart of a century stays a screenful."""
    events = list(events)
    years = [event.date.year for event in events if event.date]
    if by is None:
        by = "decade" if years and max(years) - min(years) > 40 else "year"
    keys = Counter(year // 10 * 10 if by == "decade" else year for year in years)
    return EventCounts(by, tuple(sorted(keys.items())), len(events) - len(years))


def why_no_events(catalog: Catalog, countries: Sequence[Country], *,
                  since: PartialDate | None = None, until: PartialDate | None = None,
                  kinds: Iterable[EventKind] = ()) -> str | None:
    """Why a timeline of these countries came back empty, when the data can say: the events
    sit under a predecessor or successor state, or lie outside the asked span."""
    kinds = tuple(kinds)
    reasons = []
    for country in countries:
        for direction, word in (("predecessors", "predecessor"), ("successors", "successor")):
            for other in lineage(catalog, country, direction=direction):
                found = timeline(catalog, (other,), since=since, until=until, kinds=kinds)
                if found:
                    option = " (or add --with-predecessors)" if word == "predecessor" else ""
                    reasons.append(
                        f"{len(found)} such {'events are' if len(found) > 1 else 'event is'} "
                        f"filed under its {word} {other.name}: 'albrel timeline {other.id}'"
                        f"{option}")
        if not reasons:
            dated = [e.date for e in timeline(catalog, (country,)) if e.date]
            if not dated:
                reasons.append(f"the dataset holds no dated events for {country.name}")
            elif since or until:
                reasons.append(f"{country.name}'s dated events run from {min(dated)} to "
                               f"{max(dated)}")
    return "; ".join(reasons) or None


def agreements(catalog: Catalog, text: str | None = None, *, country: Country | None = None,
               since: PartialDate | None = None,
               until: PartialDate | None = None) -> tuple[Agreement, ...]:
    """Agreements oldest first (undated last), matching every word of ``text`` if given."""
    check_range(since, until)
    words = fold(text).split() if text else []
    patterns = [re.compile(rf"\b{re.escape(word)}") for word in words]
    found = []
    for agreement in catalog.agreements_of(country.id if country else None):
        if not in_range(agreement.date, since, until):
            continue
        if patterns:
            haystack = fold(" ".join(_agreement_texts(catalog, agreement)))
            if not all(p.search(haystack) for p in patterns):
                continue
        found.append(agreement)
    return tuple(sorted(found, key=lambda a: (date_order(a.date), a.id)))


def filter_agreements(rows: tuple[Agreement, ...], *, statuses: Collection[AgreementStatus] = (),
                      topics: Collection[Topic] = (),
                      in_force_on: PartialDate | None = None) -> tuple[Agreement, ...]:
    """Narrow agreements by status (as the steps decide it), topic and date in force."""
    wanted = {topic.value for topic in topics}
    return tuple(
        a for a in rows
        if (not statuses or a.current_status in statuses)
        and (not wanted or wanted & set(a.topics))
        and (in_force_on is None or a.in_force_on(in_force_on)))


def _mission_open_on(mission: Mission, day: PartialDate | None) -> bool:
    """Open at some time within ``day``; with no day, open today (not known to have closed).
    A past date is answered by ``Mission.open_during``, which claims no more than the
    sources: a mission no source dates is not placed in the past."""
    if day is None:
        return not mission.is_closed
    return mission.open_during(day.earliest(), day.latest(), _dt.date.today())


def list_missions(catalog: Catalog, *, country: Country | None = None,
                  side: Side | None = None, city: str | None = None,
                  kinds: Collection[MissionKind] = (), as_of: PartialDate | None = None,
                  everything: bool = False) -> tuple[PostedMission, ...]:
    """Missions open on ``as_of`` (default today), or all of them with ``everything``,
    by country name, Albania's side first, then opening date."""
    place = fold(city) if city else None
    found = []
    for one in ([country] if country else catalog.all_countries()):
        for mission in one.missions:
            if side is not None and mission.side is not side:
                continue
            if place is not None and fold(mission.city) != place:
                continue
            if kinds and mission.kind not in kinds:
                continue
            if not everything and not _mission_open_on(mission, as_of):
                continue
            found.append(PostedMission(one, mission))
    return tuple(sorted(found, key=lambda p: (fold(p.country.name), p.mission.side.value,
                                              date_order(p.mission.opened), p.mission.id)))


NEXT_HOLDER_YEARS = 5
"""How far the next holder's start may lie for it to end an undated tenure."""

SOLE_OFFICES = (Office.head_of_state, Office.head_of_government, Office.foreign_minister,
                Office.party_leader)


def holdings(catalog: Catalog, people: Sequence[Person] | None = None
             ) -> tuple[Holding, ...]:
    """Every tenure (of ``people``, or of everyone) with its effective end, oldest first: for
    Albania's single-holder offices an undated end is the next tenure's start, when that comes
    within ``NEXT_HOLDER_YEARS`` (the lists found have holes: a longer gap stays unknown)."""
    chosen = catalog.all_people() if people is None else people
    rows = [(person, tenure) for person in chosen for tenure in person.tenures]
    rows.sort(key=lambda row: (date_order(row[1].start), row[0].id))
    # the holders who can end an undated tenure, per office, oldest first
    successors: dict[Office, list[tuple[PartialDate, str]]] = {}
    for person, tenure in rows:
        if tenure.state == "albania" and tenure.office in SOLE_OFFICES and tenure.start \
                and not tenure.shared and not tenure.acting:
            successors.setdefault(tenure.office, []).append((tenure.start, person.id))
    result = []
    for person, tenure in rows:
        until, ended = tenure.end, False
        if until is None and tenure.state == "albania" and tenure.office in SOLE_OFFICES \
                and tenure.start is not None:
            until = next((start for start, _ in successors.get(tenure.office, ())
                          if start > tenure.start), None)
            if until is not None and until.year - tenure.start.year > NEXT_HOLDER_YEARS:
                until, ended = None, True
        result.append(Holding(person, tenure, until, ended))
    return tuple(result)


class Context:
    """The catalog as rendering asks it (a ``model.Lookup``: records by id), which also
    knows who held Albania's offices on an event's day, so that a timeline can name them."""

    HELPFUL = (EventKind.visit, EventKind.meeting, EventKind.consultation,
               EventKind.agreement)

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        # Albania's heads of state and government grouped by office and span, so that a day
        # is looked up against each distinct span once, however many events share it
        self._spans: list[tuple[Office, _dt.date, _dt.date, list[tuple[str, str]]]] | None = None
        self._on: dict[PartialDate, list[tuple[Office, list[tuple[str, str]]]]] = {}

    def country(self, id_: str) -> Country | None:
        return self.catalog.country(id_)

    def person(self, id_: str) -> Person | None:
        return self.catalog.person(id_)

    def source(self, id_: str) -> Source | None:
        return self.catalog.source(id_)

    def in_office(self, event: Event) -> str | None:
        """``Head of state: X; head of government: Y`` on the event's day, leaving out those
        the event names; None for other kinds, or a date less precise than a day."""
        if event.kind not in self.HELPFUL or event.date is None or event.date.day is None:
            return None
        if self._spans is None:
            self._spans = self._leaders_spans()
        day = event.date
        if day not in self._on:  # many events share a day: who held office that day, once
            first, last = day.earliest(), day.latest()
            self._on[day] = [(office, people) for office, begin, end, people in self._spans
                             if begin <= last and end >= first]
        return self._text(self._on[day], event.people)

    def _leaders_spans(self) -> list[tuple[Office, _dt.date, _dt.date, list[tuple[str, str]]]]:
        """Albania's heads of state and government as (office, first day, last day, holders),
        one entry per distinct span; the days as ``_held_on`` reads a holding."""
        grouped: dict[tuple[Office, str, str], tuple[Holding, list[tuple[str, str]]]] = {}
        offices = (Office.head_of_state, Office.head_of_government)
        leaders = self.catalog.people_in_office("albania", [o.value for o in offices])
        for h in holdings(self.catalog, leaders):
            if h.tenure.state == "albania" and h.tenure.office in offices:
                span = (h.tenure.office, str(h.tenure.start), str(h.until))
                grouped.setdefault(span, (h, []))[1].append((h.person.id, h.person.name))
        spans = []
        for (office, _, _), (h, people) in grouped.items():
            start = h.tenure.start
            if start is None:
                continue
            if h.until is not None:
                end = h.until.latest()
            else:
                end = start.latest() if h.ended else _dt.date.max
            spans.append((office, start.earliest(), end, people))
        return spans

    @staticmethod
    def _text(held: list[tuple[Office, list[tuple[str, str]]]], left_out: Sequence[str]
              ) -> str | None:
        named = []
        for office, label in ((Office.head_of_state, "head of state"),
                              (Office.head_of_government, "head of government")):
            names = sorted({name for kind, people in held if kind is office
                            for person_id, name in people if person_id not in left_out})
            if names:
                named.append(f"{label}: {', '.join(names)}")
        text = "; ".join(named)
        return text[:1].upper() + text[1:] if text else None


def _held_on(holding: Holding, day: PartialDate) -> bool:
    """Held at some time within ``day``; a tenure that ended at an unknown date only within
    its start, so that an answer never claims more than the sources."""
    start = holding.tenure.start
    if start is None or start.earliest() > day.latest():
        return False
    if holding.until is None and holding.ended:
        return start.latest() >= day.earliest()
    return holding.until is None or holding.until.latest() >= day.earliest()


def office_holders(catalog: Catalog, *, roles: Collection[Office] = (),
                   state: str | None = None, as_of: PartialDate | None = None,
                   person: Person | None = None) -> tuple[Holding, ...]:
    """Tenures by office, by the state whose office it is or where an envoy was posted
    (``albania`` for Albania's own), by the date they were held on, or of one person."""
    return tuple(
        h for h in holdings(catalog)
        if (not roles or h.tenure.office in roles)
        and (state is None or state in (h.tenure.state, h.tenure.posted_to))
        and (as_of is None or _held_on(h, as_of))
        and (person is None or h.person.id == person.id))


def person_named(catalog: Catalog, text: str) -> Person | None:
    """The person whose id, name or alias is exactly ``text`` (ignoring case and accents), if
    no country is: ``show`` shows a country first."""
    if catalog.country(text) is not None or catalog.countries_named(fold(text)):
        return None
    return _person_exactly(catalog, text)


def _person_exactly(catalog: Catalog, text: str) -> Person | None:
    """The person whose id is ``text``, else the first whose name or alias it is."""
    named = catalog.person(text) or next(iter(catalog.people_named(fold(text))), None)
    return named


def find_agreement(catalog: Catalog, text: str) -> Agreement | None:
    """The agreement whose id is ``text``, if one is."""
    return catalog.agreement(text)


def resolve_person(catalog: Catalog, text: str) -> Person:
    """A person by id, name or alias, ignoring case and accents."""
    found = _person_exactly(catalog, text)
    if found is not None:
        return found
    folded = fold(text)
    close = [p for p in catalog.all_people() if folded and folded in fold(p.name)]
    hint = f"; did you mean {', '.join(repr(p.name) for p in close[:3])}?" if close else ""
    raise InvalidQueryError(f"no person matches {text!r}{hint}")


def person_detail(catalog: Catalog, person: Person) -> PersonDetail:
    events = [e for e in catalog.events_of() if person.id in e.people]
    return PersonDetail(person, office_holders(catalog, person=person),
                        tuple(sorted(events, key=lambda e: (date_order(e.date), e.id))))


def resolve_state(catalog: Catalog, text: str) -> str:
    """A state as tenures name it: ``albania`` for Albania, else a country's id."""
    if fold(text) in ("albania", "shqiperia", "al", "alb"):
        return "albania"
    return resolve_country(catalog, text).id


def _agreement_texts(catalog: Catalog, agreement: Agreement) -> list[str]:
    texts = [agreement.title, agreement.kind.value, agreement.summary or "",
             agreement.place or "", agreement.status.value if agreement.status else ""]
    for country_id in agreement.countries:
        country = catalog.country(country_id)
        if country is not None:
            texts.append(country.name)
    return texts


def organisations(catalog: Catalog) -> tuple[Organisation, ...]:
    """Organisations by abbreviation, their joining and leaving dated by the linked events
    (one fact, one place: ``timeline --org`` shows the same dates)."""
    linked = {i for o in catalog.all_organisations() for i in (o.joined_event, o.left_event)
              if i}
    dates = {e.id: e.date for e in catalog.events_of() if e.id in linked} if linked else {}
    rows = [dataclasses.replace(o, joined=dates.get(o.joined_event or "") or o.joined,
                                left=dates.get(o.left_event or "") or o.left)
            for o in catalog.all_organisations()]
    return tuple(sorted(rows, key=lambda o: o.abbr.casefold()))


def resolve_organisation(catalog: Catalog, text: str) -> Organisation:
    """The organisation named by its abbreviation or full name, ignoring case and accents."""
    wanted = fold(text)
    for org in catalog.all_organisations():
        if wanted in (fold(org.abbr), fold(org.name)):
            return org
    raise InvalidQueryError(f"no organisation {text!r} in the dataset (see 'albrel orgs')")


# --------------------------------------------------------------------------- search

SEARCH_TYPES = ("country", "event", "agreement", "person", "org")


def search(catalog: Catalog, text: str, *, types: Iterable[str] = (),
           limit: int | None = 20) -> tuple[Hit, ...]:
    """Ranked hits across countries, events, agreements, people and organisations.

    The question is read as ``relevance`` describes: words match at word starts, ignoring
    case and accents, and by their English stem, other spellings, synonyms and, for a word the
    data lacks, its likely correction; a compound matches hyphenated, spaced or joined. A whole
    phrase beats words close together, which beat words apart, and a match in a title or name
    beats one in a summary.
    """
    from .relevance import rank, read

    if not fold(text).split():
        raise InvalidQueryError("the search text is empty")
    wanted_types = set(types)
    question = read(catalog, text)

    # On a large store only the best candidates by FTS5's bm25 are ranked here: a bounded
    # set, however large the data. When a query matches more records than that (a word in
    # nearly every record, such as "albania"), the hits are as good, score for score, but
    # records of equal score may differ from those the whole dataset would show.
    bound = max(500, 25 * limit) if limit else None
    alternatives = question.alternatives()
    if not all(alternatives):
        return ()
    hits = rank(catalog, catalog.documents(alternatives, types=wanted_types, limit=bound),
                question)
    hits.sort(key=lambda h: (-h.score, date_order(h.date), h.type, h.title))
    return tuple(hits[:limit] if limit else hits)


# --------------------------------------------------------------------------- sources


def citations(catalog: Catalog) -> dict[str, list[Citation]]:
    """Every record that cites each source, by source id, in the order of the data."""
    cited: dict[str, list[Citation]] = {}

    def add(source: str, citation: Citation) -> None:
        cited.setdefault(source, []).append(citation)

    for c in catalog.all_countries():
        own = (c.id,)
        for source in cited_sources(c):
            add(source, Citation("country", c.id, c.name, own))
        for index, period in enumerate(c.periods, start=1):
            for source in cited_sources(period):
                add(source, Citation("period", f"{c.id}#{index}",
                                     f"{c.name}: relations from {period.start or '?'}", own))
        for claim in c.alt_dates:
            for source in cited_sources(claim):
                add(source, Citation("alt_date", c.id, f"{c.name}: {claim.date}", own))
        for mission in c.missions:
            for source in cited_sources(mission):
                add(source, Citation("mission", mission.id,
                                     f"{c.name}: {mission.kind.value} in {mission.city}", own))
        for figure in c.figures:
            for source in cited_sources(figure):
                add(source, Citation("figure", c.id, f"{c.name}: {figure.label}", own))
    for event in catalog.events_of():
        for source in cited_sources(event):
            add(source, Citation("event", event.id, event.title, event.countries))
    for agreement in catalog.agreements_of():
        steps = [source for step in agreement.steps for source in cited_sources(step)]
        for source in dict.fromkeys((*cited_sources(agreement), *steps)):
            add(source, Citation("agreement", agreement.id, agreement.title,
                                 agreement.countries))
    for org in catalog.all_organisations():
        for source in cited_sources(org):
            add(source, Citation("org", org.abbr, org.name))
    for person in catalog.all_people():
        tenures = [source for tenure in person.tenures for source in cited_sources(tenure)]
        for source in dict.fromkeys((*cited_sources(person), *tenures)):
            add(source, Citation("person", person.id, person.name))
    return cited


def list_sources(catalog: Catalog, text: str | None = None, *,
                 country: Country | None = None) -> tuple[SourceUse, ...]:
    """Sources in the order of the data with how many records cite them; only those whose
    title, publisher, address, note or id mention every word of ``text``, and only those
    cited about ``country``."""
    cited = citations(catalog)
    words = fold(text).split() if text else []
    found = []
    for source in catalog.all_sources():
        uses = cited.get(source.id, [])
        if country is not None and not any(country.id in c.countries for c in uses):
            continue
        if words:
            haystack = fold(" ".join(t for t in (source.id, source.title, source.publisher,
                                                 source.url, source.note) if t))
            if not all(re.search(rf"\b{re.escape(word)}", haystack) for word in words):
                continue
        found.append(SourceUse(source, len(uses)))
    return tuple(found)


def source_detail(catalog: Catalog, id_: str) -> SourceDetail:
    """One source and every record that cites it."""
    source = catalog.source(id_.strip())
    if source is None:
        import difflib

        close = difflib.get_close_matches(id_, [s.id for s in catalog.all_sources()], n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else (
            "; 'albrel sources' lists them all")
        raise InvalidQueryError(f"no source {id_!r}{hint}")
    return SourceDetail(source, tuple(citations(catalog).get(source.id, ())))


# --------------------------------------------------------------------------- stats


def stats(catalog: Catalog) -> Stats:
    """Counts by region and status, and how many relations began in each decade."""
    countries = catalog.all_countries()
    regions = Counter(country.region.value for country in countries)
    statuses = Counter(country.status.value for country in countries)
    decades = Counter(
        country.established.year // 10 * 10
        for country in countries if country.established is not None
    )
    # undated: states Albania has or had relations with, whose start no source dates
    undated = sum(1 for country in countries if country.established is None
                  and country.status not in (Status.none, Status.unknown))
    span = range(min(decades), max(decades) + 10, 10) if decades else range(0)
    return Stats(
        tuple((r.value, regions[r.value]) for r in Region),
        tuple((s.value, statuses[s.value]) for s in Status),
        tuple((decade, decades.get(decade, 0)) for decade in span),
        undated,
    )
