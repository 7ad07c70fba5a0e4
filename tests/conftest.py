"""Shared fixtures. Tests that need ../shared (real corpora) skip with a message when it is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data beside the project root, or a clean skip."""
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"{data} is absent: real-corpus tests need the shared data folder beside the project")
    return data


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The trained pipeline with storyline's components, loaded once for the whole run."""
    from storyline.analyze import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return ROOT / "src" / "storyline" / "sample"


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where a fresh, empty store lives: a SQLite file, or a schema of its own on the test PostgreSQL
    server (which the tests start themselves; see tests/pgcluster.py)."""
    if request.param == "sqlite":
        yield str(tmp_path / "storyline.db")
    else:
        import pgcluster

        with pgcluster.schema_url() as url:
            yield url


@pytest.fixture
def store(store_url: str) -> Iterator[object]:
    """An open store at ``store_url``, closed after the test."""
    from storyline.store import open_store

    with open_store(store_url) as opened:
        yield opened
