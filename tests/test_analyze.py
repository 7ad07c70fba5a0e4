"""The public entry points: analyze and the streaming analyze_many."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import Document, Record, analyze, analyze_many


@pytest.mark.slow
def test_analyze_many_two_processes_give_the_same_records_in_order(nlp, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("*.txt"))]
    texts += ["Dana Levi said the vote would be close.", "A short line with nothing to find."]
    one = [r.to_dict() for r in analyze_many(texts)]
    two = [r.to_dict() for r in analyze_many(texts, n_process=2, batch_size=2)]
    assert one == two
    assert [r["document"]["text"] for r in two] == texts


@pytest.mark.slow
def test_analyze_keeps_a_documents_metadata(nlp) -> None:  # type: ignore[no-untyped-def]
    document = Document(id="a1", text="Dana Levi said on Monday that the vote was close.", source="x.txt",
                        published="2025-02-04", published_source="html")
    record = analyze(document)
    assert record.document == document
    monday = next(t for t in record.time_expressions if t.text == "Monday")
    assert monday.value == "2025-02-03"
    assert Record.from_dict(record.to_dict()) == record
