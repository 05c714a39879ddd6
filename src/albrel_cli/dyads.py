"""Albania's diplomatic representation as dyad-years, in the layout of the Correlates of War
Diplomatic Exchange data (Bayer 2006): for each partner and year, the level of each side's
representative in the other's capital, derived from the dated missions and relation periods.

COW's levels: 0 none, 1 chargé d'affaires, 2 minister, 3 ambassador, 9 other. ``DR_at_1`` is
the level of state 2's representative in state 1 (Albania's row 339 -> partner: the partner's
envoy in Tirana), ``DR_at_2`` the level of state 1's in state 2, ``DE`` 1 when either is not 0.
A query layer module: it reads the catalog and returns plain rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from .catalog import Catalog
from .model import Country, Level, Mission, MissionKind, PartialDate, Side
from .query import held_on

ALBANIA = 339
"""Albania's COW state code."""

LEVELS = {Level.ambassador: 3, Level.minister: 2, Level.charge: 1}
KIND_LEVELS = {MissionKind.embassy: 3, MissionKind.legation: 2,
               MissionKind.liaison_office: 9, MissionKind.interests_section: 9}
"""A resident mission's level when no source gives its head's rank: an embassy is headed by
an ambassador, a legation by a minister; a liaison office or interests section is "other"."""


@dataclass(frozen=True)
class DyadYear:
    """One directed dyad-year: COW's columns and albrel's own."""

    ccode1: int
    ccode2: int
    year: int
    dr_at_1: int
    dr_at_2: int
    relations: bool | None  # a relation period held that year (None: the data cannot say)
    iso3_1: str | None
    iso3_2: str | None
    country_ids: tuple[str, ...]  # the albrel states behind the partner's code

    @property
    def de(self) -> int:
        return int(bool(self.dr_at_1 or self.dr_at_2))


def mission_level(mission: Mission) -> int:
    """The COW level a mission stands for: 0 for consulates and accreditations from a third
    capital (COW counts envoys resident in the capital)."""
    if mission.kind not in KIND_LEVELS:
        return 0
    return LEVELS[mission.level] if mission.level else KIND_LEVELS[mission.kind]


def open_in(mission: Mission, year: int, this_year: int) -> bool:
    """Open at some time in ``year``, as ``Mission.open_during`` reads the sources (a mission
    no source dates counts only in the current year)."""
    return mission.open_during(datetime.date(year, 1, 1), datetime.date(year, 12, 31),
                               datetime.date(this_year, 1, 1))


def levels(countries: list[Country], year: int, this_year: int) -> tuple[int, int]:
    """(the partner's level in Albania, Albania's level in the partner), highest of the year."""
    at_albania = at_partner = 0
    for country in countries:
        for mission in country.missions:
            if not open_in(mission, year, this_year):
                continue
            level = mission_level(mission)
            if mission.side is Side.partner:
                at_albania = max(at_albania, level, key=_rank)
            else:
                at_partner = max(at_partner, level, key=_rank)
    return at_albania, at_partner


def _rank(level: int) -> int:
    """Order of levels: none < other < chargé < minister < ambassador."""
    return {0: 0, 9: 1, 1: 2, 2: 3, 3: 4}[level]


def dyad_years(catalog: Catalog, *, first: int, last: int, every: int = 1,
               this_year: int | None = None) -> Iterator[DyadYear]:
    """Albania's dyads with every state that has a COW code, both directions, for the years
    from ``first`` to ``last`` (with ``every`` 5: the years divisible by 5, COW's snapshot
    years). States COW codes as one (Serbia on Yugoslavia's code, Russia on the Soviet
    Union's) are merged into one partner, taking the highest level."""
    this_year = this_year or datetime.date.today().year
    partners: dict[int, list[Country]] = {}
    for country in catalog.all_countries():
        if country.cow is not None and country.cow != ALBANIA:
            partners.setdefault(country.cow, []).append(country)
    for code in sorted(partners):
        states = partners[code]
        iso3 = next((c.iso3 for c in states if c.iso3), None)
        ids = tuple(c.id for c in states)
        for year in range(first, last + 1):
            if every > 1 and year % every:
                continue
            at_albania, at_partner = levels(states, year, this_year)
            held = [held_on(c, PartialDate(year)) for c in states]
            relations = True if True in held else (None if None in held else False)
            yield DyadYear(ALBANIA, code, year, at_albania, at_partner, relations, "ALB", iso3,
                           ids)
            yield DyadYear(code, ALBANIA, year, at_partner, at_albania, relations, iso3, "ALB",
                           ids)
