"""The show page on a terminal (render.page)."""

from __future__ import annotations

import io

from albrel_cli import query


def test_show_page_has_strip_and_sections(tiny, snapshot) -> None:
    from albrel_cli.render.page import write_detail

    out = io.StringIO()
    detail = query.country_detail(tiny, query.resolve_country(tiny, "ussr"))
    write_detail(detail, tiny, out, this_year=2026)
    text = out.getvalue()
    for expected in ("Soviet Union", "Relations", "1924", "1961", "1990", "Events (2)",
                     "Sources"):
        assert expected in text
    assert text == snapshot



def test_show_page_never_breaks_a_word(monkeypatch) -> None:
    """Where the periods table cannot give each column its longest word, the periods are
    stacked, and long figure labels wrap instead of squeezing their values."""
    from albrel_cli.model import Country, CountryDetail, Figure, Region, RelationPeriod, Status
    from albrel_cli.render.page import write_detail

    words = ("Re-established; Soviet Foreign Minister Eduard Shevardnadze asked forgiveness "
             "(Chinese-language list)")
    country = Country(
        id="x", name="X", region=Region.europe, status=Status.active, summary="s",
        sources=("rightsinrussia-1991-12-26",),
        periods=(RelationPeriod(source="zh-wiki-albania-relations-list", start=None,
                                start_how=words, end_how=words, ended=True),),
        figures=(Figure(label="Russian diplomats expelled by Albania over COVID-19 lockdown "
                              "breaches", value="two diplomats (2021-01)", source="s"),))
    for width in (64, 80, 100):
        monkeypatch.setenv("COLUMNS", str(width))
        out = io.StringIO()
        write_detail(CountryDetail(country, (), ()), None, out, this_year=2026)
        text = " ".join(out.getvalue().split())
        for word in (*words.split(), "zh-wiki-albania-relations-list", "diplomats", "(2021-01)"):
            assert f" {word} " in f" {text} ", (width, word)


def test_each_side_of_the_missions_is_labelled_once() -> None:
    from albrel_cli.model import Country, CountryDetail, Mission, MissionKind, Region, Side, Status
    from albrel_cli.render.page import write_detail

    missions = (
        Mission(id="a", side=Side.albania, city="Rome", kind=MissionKind.embassy, source="s"),
        Mission(id="b", side=Side.albania, city="Bari", kind=MissionKind.consulate_general,
                source="s"),
        Mission(id="c", side=Side.partner, city="Tirana", kind=MissionKind.embassy, source="s"),
        Mission(id="d", side=Side.partner, city="Vlora", kind=MissionKind.consulate,
                source="s"))
    country = Country(id="x", name="Italy", region=Region.europe, status=Status.active,
                      summary="s", sources=("s",), missions=missions)
    out = io.StringIO()
    write_detail(CountryDetail(country=country, events=(), agreements=()), None, out)
    lines = out.getvalue().splitlines()
    assert sum("Albania's missions" in line for line in lines) == 1
    assert sum("Italy's missions" in line for line in lines) == 1
    bari = next(line for line in lines if "consulate-general in Bari" in line)
    assert bari.split("consulate-general")[0].strip() == ""  # no label of its own
