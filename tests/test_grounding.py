"""Every item of every record points at the exact characters it came from, on real articles and
on arbitrary text."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline import analyze, analyze_many
from storyline.model import Record


def grounding_errors(record: Record) -> list[str]:
    text = record.document.text
    errors = []

    def check(what: str, start: int, end: int, value: str) -> None:
        if not (0 <= start <= end <= len(text)) or text[start:end] != value:
            errors.append(f"{what} [{start}:{end}] {value!r} != {text[start:end]!r}")

    for entity in record.entities:
        for m in entity.mentions:
            check(f"entity {entity.id}", m.start, m.end, m.text)
    for quote in record.quotes:
        check(f"quote {quote.id}", quote.start, quote.end, quote.text)
        if quote.cue:
            check(f"cue of {quote.id}", quote.cue.start, quote.cue.end, quote.cue.text)
        if quote.speaker and quote.speaker.mention:
            m = quote.speaker.mention
            check(f"speaker of {quote.id}", m.start, m.end, m.text)
        if quote.speaker and quote.speaker.entity:
            assert record.entity(quote.speaker.entity) is not None
    return errors


@pytest.mark.slow
def test_grounding_on_real_political_news(shared_data: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = shared_data / "polnear" / "polnear_dev_single_annotator.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()[:40]]
    records = list(analyze_many(texts))
    assert len(records) == len(texts)
    assert sum(len(r.quotes) for r in records) > 100
    for record in records:
        assert grounding_errors(record) == []


@pytest.mark.slow
def test_grounding_on_real_web_articles(shared_data: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    truth = json.loads((shared_data / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = [item["articleBody"] for item in list(truth.values())[:40] if item.get("articleBody")]
    for record in analyze_many(bodies):
        assert grounding_errors(record) == []


@pytest.mark.slow
def test_grounding_html_pages_through_extraction(shared_data: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline.ingest import read_bytes

    pages = sorted((shared_data / "aeb" / "html").glob("*.html.gz"))[:10]
    for page in pages:
        try:
            document = read_bytes(gzip.decompress(page.read_bytes()), source=page.name)
        except Exception as error:  # noqa: BLE001 - a page with no body is reported, not analyzed
            assert page.name in str(error)
            continue
        assert grounding_errors(analyze(document)) == []


PIECES = list("abc XYZ.,;:!?'\"“”«»„‘’—-\n\t") + ["said", " he ", "Dana Levi", "according to ", "\n\n“"]
text_with_marks = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=200), text_with_marks))
def test_grounding_arbitrary_text_never_crashes(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    record = analyze(text)
    assert grounding_errors(record) == []
