"""The indexed store answers as the in-memory dataset does: search ranks a bounded set of
candidates chosen in SQL (FTS5 bm25) and still shows the same hits."""

from __future__ import annotations

from pathlib import Path

import pytest

from albrel_cli import query, store
from albrel_cli.load import load_dataset

from .conftest import SHIPPED


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    dataset = load_dataset(SHIPPED, use_cache=False)
    location = Path(tmp_path_factory.mktemp("store")) / "shipped.sqlite"
    store.build(dataset, location, key="shipped")
    indexed = store.IndexedStore.open(location, dataset.origin, "shipped")
    assert indexed is not None
    return dataset, indexed


@pytest.mark.parametrize(("text", "types", "limit"), [
    ("albania", (), 20),  # matches nearly every record: more than the bound of 500
    ("treaty", (), 20), ("relations", ("event",), 10), ("corfu channel", (), 5),
    ("hoxha", ("person", "event"), 20), ("kruschev", (), 20), ("NATO", ("org",), 3),
])
def test_search_on_the_store_shows_the_same_hits(both, text: str, types, limit: int) -> None:
    dataset, indexed = both
    in_memory = query.search(dataset, text, types=types, limit=limit)
    from_store = query.search(indexed, text, types=types, limit=limit)
    assert in_memory
    words = [(word,) for word in query.fold(text).split()]
    if len(list(dataset.documents(words, types=types))) <= max(500, 25 * limit):
        # every match is a candidate: the very same hits
        assert [(h.type, h.id, h.score) for h in from_store] == [
            (h.type, h.id, h.score) for h in in_memory]
        return
    # More matches than the store ranks (a word in nearly every record): as good hits, rank
    # by rank, though records of equal score may differ; each is a true hit with its score.
    assert [h.score for h in from_store] == [h.score for h in in_memory]
    everything = {(h.type, h.id): h.score
                  for h in query.search(dataset, text, types=types, limit=None)}
    assert all(everything[h.type, h.id] == h.score for h in from_store)


def test_documents_are_bounded_on_the_store(both) -> None:
    dataset, indexed = both
    words = [("albania",)]
    everything = list(dataset.documents(words))
    assert len(everything) > 500
    bounded = list(indexed.documents(words, limit=300))
    assert len(bounded) == 300
    named = [d for d in bounded
             if any(word.startswith("albania")
                    for _, folded in d.fields[:d.names] for word in folded.split())]
    assert len(named) == 300  # the word in a name decides which are read
    assert {d.type for d in indexed.documents(words, types={"org"})} == {"org"}


def test_events_come_in_timeline_order_from_both(both) -> None:
    dataset, indexed = both
    in_memory = [e.id for e in dataset.events_in_order()]
    assert [e.id for e in indexed.events_in_order()] == in_memory
    assert [e.id for e in indexed.events_in_order({"italy", "greece"})] == [
        e.id for e in dataset.events_in_order({"italy", "greece"})]
    assert in_memory[0] == query.timeline(dataset)[0].id


def test_the_store_streams_a_timeline(both) -> None:
    """The first event comes before the rest are read: the cursor yields them one by one."""
    _, indexed = both
    events = query.iter_timeline(indexed)
    first = next(events)
    assert first.date is not None
    assert not isinstance(indexed.events_in_order(), (list, tuple))


@pytest.mark.parametrize(("region", "status"), [(None, None), ("Oceania", None),
                                                 (None, "none"), ("Europe", "former")])
def test_countries_by_region_and_status_from_both(both, region, status) -> None:
    from albrel_cli.model import Region, Status

    dataset, indexed = both
    args = (Region(region) if region else None, Status(status) if status else None)
    assert [c.id for c in indexed.countries_where(*args)] == [
        c.id for c in dataset.countries_where(*args)]
