"""The publication date a wire story states in its dateline."""

from __future__ import annotations

import pytest

from storyline import analyze
from storyline.ingest.dateline import dateline_date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("VARENA, Feb. 3, 2025 (Northgate Wire) — Coalition partners demanded...", "2025-02-03"),
        ("Coalition split\n\nVARENA, Feb. 3, 2025 (Northgate Wire) — Coalition partners...", "2025-02-03"),
        ("LONDON, 3 February 2025 (Reuters) - Prices rose.", "2025-02-03"),
        ("NEW YORK, Sept. 30, 2024 -- Stocks fell.", "2024-09-30"),
    ],
)
def test_dateline_full_dates_are_read(text: str, date: str) -> None:
    assert dateline_date(text) == date


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON, Feb. 3 (AP) -- No year, so no date.",
        "Prices rose on Feb. 3, 2025, officials said.",
        "VARENA, Feb. 30, 2025 — an impossible day.",
        "",
    ],
)
def test_dateline_without_a_full_date_gives_none(text: str) -> None:
    assert dateline_date(text) is None


@pytest.mark.slow
def test_dateline_becomes_the_publication_date_unless_one_is_given(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "VARENA, Feb. 3, 2025 (Northgate Wire) — Dana Levi said on Monday that the budget would pass."
    record = analyze(text)
    assert (record.document.published, record.document.published_source) == ("2025-02-03", "dateline")
    assert analyze(text, published="2025-02-05").document.published_source == "argument"
