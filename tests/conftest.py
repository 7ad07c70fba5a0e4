"""Shared fixtures. Tests that need ../shared (real corpora) skip with a message when it is absent."""

from __future__ import annotations

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
