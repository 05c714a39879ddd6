from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from albrel_cli import model
from albrel_cli.model import PartialDate, Precision


@pytest.mark.parametrize(
    ("text", "precision"),
    [("1924", Precision.year), ("1922-04", Precision.month), ("2013-12-09", Precision.day)],
)
def test_parse_keeps_the_precision_of_the_text(text: str, precision: Precision) -> None:
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert str(date) == text


@pytest.mark.parametrize(
    "text", ["", "24", "1922-4", "1922-13", "2014-13-45", "2013-02-29", "1922/04", "abc",
             "1922-04-01T00:00", "0000"],
)
def test_parse_rejects_what_is_not_a_real_partial_date(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        PartialDate.parse(text)


def test_leap_day_is_a_real_date() -> None:
    assert PartialDate.parse("2012-02-29").latest() == dt.date(2012, 2, 29)


def test_order_puts_coarse_before_fine_within_a_span() -> None:
    texts = ["1923", "1922-04-01", "1922", "1922-04", "1922-12-31", "1922-05"]
    ordered = sorted(PartialDate.parse(t) for t in texts)
    assert [str(d) for d in ordered] == [
        "1922", "1922-04", "1922-04-01", "1922-05", "1922-12-31", "1923"]


def test_span_of_each_precision() -> None:
    assert PartialDate.parse("1922").earliest() == dt.date(1922, 1, 1)
    assert PartialDate.parse("1922").latest() == dt.date(1922, 12, 31)
    assert PartialDate.parse("2024-02").latest() == dt.date(2024, 2, 29)
    assert PartialDate.parse("2013-12-09").earliest() == dt.date(2013, 12, 9)


def test_comparison_with_other_types_is_not_supported() -> None:
    with pytest.raises(TypeError):
        _ = PartialDate(1922) < "1923"  # type: ignore[operator]


partial_dates = st.dates(min_value=dt.date(1, 1, 1)).flatmap(
    lambda d: st.sampled_from([
        PartialDate(d.year), PartialDate(d.year, d.month), PartialDate(d.year, d.month, d.day),
    ])
)


@given(partial_dates)
def test_parse_and_str_round_trip(date: PartialDate) -> None:
    assert PartialDate.parse(str(date)) == date


@given(partial_dates, partial_dates)
def test_order_is_total_and_consistent_with_equality(a: PartialDate, b: PartialDate) -> None:
    assert (a < b) + (a == b) + (a > b) == 1
    assert (a <= b) == (a < b or a == b)


@given(st.lists(partial_dates, max_size=20))
def test_sorting_agrees_with_earliest_day(dates: list[PartialDate]) -> None:
    ordered = sorted(dates)
    assert [d.earliest() for d in ordered] == sorted(d.earliest() for d in dates)


@given(partial_dates)
def test_span_contains_itself(date: PartialDate) -> None:
    assert date.earliest() <= date.latest()


@given(st.integers(1, 9999), st.integers(1, 12))
def test_days_in_month_agrees_with_the_calendar(year: int, month: int) -> None:
    import calendar

    assert model._days_in(year, month) == calendar.monthrange(year, month)[1]


_years = st.integers(min_value=1900, max_value=2030)
_partial = st.builds(lambda y, m: PartialDate(y, m) if m else PartialDate(y), _years,
                     st.one_of(st.none(), st.integers(min_value=1, max_value=12)))


@st.composite
def _missions(draw: st.DrawFn) -> model.Mission:
    dates = {key: draw(st.one_of(st.none(), _partial))
             for key in ("opened", "closed", "attested_from", "attested_until")}
    return model.Mission(id="m", side=model.Side.partner, kind=model.MissionKind.embassy,
                         city="Tirana", source="s", ended=draw(st.booleans()), **dates)


@given(_missions(), st.lists(_years, min_size=4, max_size=4))
def test_a_mission_open_within_a_span_is_open_within_any_wider_one(
    mission: model.Mission, years: list[int],
) -> None:
    wide_first, first, last, wide_last = sorted(years)
    today = dt.date(2026, 6, 1)
    inner = mission.open_during(dt.date(first, 1, 1), dt.date(last, 12, 31), today)
    outer = mission.open_during(dt.date(wide_first, 1, 1), dt.date(wide_last, 12, 31), today)
    assert outer or not inner


@given(_missions(), _years)
def test_a_mission_is_never_open_before_the_first_date_a_source_gives(
    mission: model.Mission, year: int,
) -> None:
    known = [d for d in (mission.opened, mission.attested_from, mission.attested_until,
                         mission.closed) if d is not None]
    span = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    if known and mission.open_during(*span, dt.date(2026, 6, 1)):
        first = mission.opened or mission.attested_from or mission.attested_until \
            or mission.closed
        assert first is not None
        assert first.earliest() <= span[1]
        if mission.closed is not None:
            assert mission.closed.latest() >= span[0]
