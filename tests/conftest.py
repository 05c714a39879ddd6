from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from albrel_cli.catalog import Dataset
from albrel_cli.load import check_file

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal.toml"
REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data" / "relations.toml"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test reads the tiny dataset and keeps its cache in its own folder."""
    monkeypatch.setenv("ALBREL_DATA", str(MINIMAL))
    monkeypatch.setenv("ALBREL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def tiny() -> Dataset:
    return check_file(MINIMAL)


@pytest.fixture
def tiny_toml(tmp_path: Path) -> Path:
    """A writable copy of the tiny dataset, for tests that break it."""
    target = tmp_path / "relations.toml"
    shutil.copy(MINIMAL, target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(params=["memory", "store"])
def catalog(request, tiny: Dataset, tmp_path: Path):
    """The tiny dataset as each Catalog: in memory, and as the indexed store on disk."""
    if request.param == "memory":
        return tiny
    from albrel_cli import store

    location = tmp_path / "tiny.sqlite"
    store.build(tiny, location, key="tiny")
    opened = store.IndexedStore.open(location, tiny.origin, "tiny")
    assert opened is not None
    return opened
