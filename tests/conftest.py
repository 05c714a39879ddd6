from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from albrel_cli.catalog import Dataset
from albrel_cli.load import check_file

# Byte-code, as an installed albrel has it: where PYTHONDONTWRITEBYTECODE is set (this machine
# sets it), every albrel process a test starts and every worker's test modules would be
# compiled from source on each run (the suite took 23-26 s instead of 20-22 s).
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal.toml"
REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data" / "relations.toml"
# The function the installed `albrel` script calls, found as pip installed it.
ENTRY_POINT = next(e for e in entry_points(group="console_scripts") if e.name == "albrel").load()


class Runner:
    """Runs albrel as its installed script does, with its streams and exit code captured."""

    def __init__(self) -> None:
        self._runner = CliRunner()

    def invoke(self, args: list[str] | tuple[str, ...], *, input: str | None = None,
               env: dict[str, str] | None = None) -> Result:
        with self._runner.isolation(input=input, env=env) as streams:
            code, exception = 0, None
            try:
                ENTRY_POINT(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                exception = exc if code else None
            except Exception as exc:
                code, exception = 1, exc
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                out, err, both = (stream.getvalue() for stream in streams)
        return Result(self._runner, out, err, both, None, code, exception)

    def __call__(self, *args: str, **kwargs: str | dict[str, str] | None) -> Result:
        return self.invoke(args, **kwargs)  # type: ignore[arg-type]


def process_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of a whole albrel process: the tiny dataset, and the run's shared
    cache (set by ``_isolated``; a test's own folder otherwise)."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.setdefault("ALBREL_CACHE_DIR", str(tmp_path / "cache"))
    env["ALBREL_DATA"] = str(MINIMAL)
    env.update(extra)
    return env


_WARM: set[tuple[str, str]] = set()


def in_pty(tmp_path: Path, *args: str, **env: str) -> str:
    """What ``python -m albrel_cli ARGS`` draws on a pseudo-terminal of COLUMNS (80), once
    its data is loaded: a first load of a large file would draw its progress bar first (a
    terminal erases it; a capture keeps the lines it stood on), so the cache is warmed off
    the terminal before."""
    from tools.terminal import read_terminal

    environment = process_env(tmp_path, **env)
    warmed = (environment["ALBREL_DATA"], environment["ALBREL_CACHE_DIR"])
    if warmed not in _WARM:  # once a data file and cache
        subprocess.run([sys.executable, "-m", "albrel_cli", "countries", "--json"],
                       env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       check=False)
        _WARM.add(warmed)
    return read_terminal([sys.executable, "-m", "albrel_cli", *args], environment,
                         int(env.get("COLUMNS", "80")))


@pytest.fixture(scope="session")
def _shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run: the shipped dataset is parsed and validated once
    (the cache is keyed by the file's path, size, time and checksum, so it is never stale)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, _shared_cache: Path) -> None:
    """Every test reads the tiny dataset unless it names another."""
    monkeypatch.setenv("ALBREL_DATA", str(MINIMAL))
    monkeypatch.setenv("ALBREL_CACHE_DIR", str(_shared_cache))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache folder of the test's own (tmp_path/cache), for tests of the cache itself."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ALBREL_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def tiny() -> Dataset:
    return check_file(MINIMAL)


@pytest.fixture
def tiny_toml(tmp_path: Path) -> Path:
    """A writable copy of the tiny dataset, for tests that break it."""
    target = tmp_path / "relations.toml"
    shutil.copy(MINIMAL, target)
    return target


def broken_copy(source: Path, folder: Path, old: str, new: str) -> Path:
    """A copy of ``source`` in ``folder`` with ``old`` replaced by ``new`` (which must occur)."""
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    target = folder / "broken.toml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.fixture
def runner() -> Runner:
    return Runner()


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
