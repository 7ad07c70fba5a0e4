"""The data model: records round-trip through plain dicts and JSON, and document ids are
content hashes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from storyline.model import (
    RECORD_VERSION,
    Document,
    Entity,
    Quote,
    Record,
    Span,
    Speaker,
    TimeExpression,
    document_id,
    normalize_text,
)
from storyline.render import to_json, validate

KNOWN_KEYS = {"version", "document", "entities", "quotes", "time_expressions", "events", "figures", "stances", "pressures"}


def make_record() -> Record:
    text = 'Levi said: "No." Officials said talks would resume.'
    return Record(
        Document(id=document_id(text), text=text, source="a.txt", title="T", published="2025-02-03",
                 published_source="argument", url="https://example.invalid/a"),
        entities=[Entity("e1", "Dana Levi", "PERSON", ["finance minister"], ["Levi"], [Span(0, 4, "Levi")])],
        quotes=[
            Quote("q1", "direct", 12, 15, "No.", Speaker("Dana Levi", "e1", Span(0, 4, "Levi")),
                  Span(5, 9, "said"), "reporters"),
            Quote("q2", "indirect", 32, 51, "talks would resume.", Speaker("officials"), None),
            Quote("q3", "mixed", 12, 15, "No.", None, None),
        ],
        time_expressions=[TimeExpression("t1", "No.", 12, 15, "DATE", "XXXX-XX-XX")],
        extra={"sentiment": [{"text": "x", "start": 0, "end": 1}]},
    )


def test_model_record_round_trips_through_a_dict() -> None:
    record = make_record()
    data = record.to_dict()
    assert data["version"] == RECORD_VERSION
    assert list(data)[:4] == ["version", "document", "entities", "quotes"]
    assert data["sentiment"] == [{"text": "x", "start": 0, "end": 1}]
    assert data["time_expressions"][0]["value"] == "XXXX-XX-XX"
    assert Record.from_dict(data) == record
    assert Record.from_dict(data).to_dict() == data


def test_model_record_round_trips_through_json() -> None:
    record = make_record()
    assert Record.from_dict(json.loads(to_json(record))) == record


def test_model_to_dict_writes_every_field_even_when_empty() -> None:
    data = Record(Document(id="x", text="")).to_dict()
    assert data == {
        "version": RECORD_VERSION,
        "document": {"id": "x", "source": None, "title": None, "published": None, "published_source": None,
                     "language": "en", "url": None, "text": ""},
        "entities": [],
        "quotes": [],
        "time_expressions": [],
        "events": [],
        "figures": [],
        "stances": [],
        "pressures": [],
    }
    validate(data)


def test_model_from_dict_fills_defaults_for_optional_fields() -> None:
    record = Record.from_dict({"document": {"id": "x", "text": "t"}})
    assert record.document.language == "en" and record.entities == [] and record.quotes == []
    assert record.extra == {}
    quote = Quote.from_dict({"id": "q", "kind": "direct", "start": 0, "end": 1, "text": "t"})
    assert quote.speaker is None and quote.cue is None and quote.addressee is None


def test_model_record_finds_entities_by_id() -> None:
    record = make_record()
    assert record.entity("e1") is record.entities[0]
    assert record.entity("nope") is None


def test_model_document_id_is_a_content_hash() -> None:
    text = "Ministers met on Monday.\n\nThey agreed."
    assert document_id(text) == document_id(text)
    assert len(document_id(text)) == 16 and int(document_id(text), 16) >= 0
    # two copies of one article differing only in whitespace or Unicode composition share an id
    assert document_id("  Ministers met on Monday. They agreed.\n") == document_id(text)
    assert document_id("Caf\u00e9 talks") == document_id("Cafe\u0301 talks")
    assert document_id("Ministers met on Tuesday.") != document_id("Ministers met on Monday.")
    assert normalize_text(" a \n\t b ") == "a b"


# --- hypothesis: any record, grounded or not, survives the round trip


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span(start, end, text[start:end])


@st.composite
def records(draw: st.DrawFn) -> Record:
    """Records whose every span is grounded in the generated text (so the schema holds too)."""
    text = draw(st.text(max_size=80))
    names = st.text(max_size=12)
    optional = st.none() | names
    entities = draw(
        st.lists(
            st.builds(
                Entity,
                id=st.uuids().map(str),
                name=names,
                type=st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]),
                roles=st.lists(names, max_size=2),
                aliases=st.lists(names, max_size=2),
                mentions=st.lists(spans(text), max_size=3),
            ),
            max_size=3,
            unique_by=lambda e: e.id,
        )
    )
    entity_ids = st.none() | st.sampled_from([e.id for e in entities]) if entities else st.none()
    speakers = st.none() | st.builds(Speaker, name=names, entity=entity_ids, mention=st.none() | spans(text))
    quotes = []
    for number in range(draw(st.integers(0, 3))):
        content = draw(spans(text))
        quotes.append(
            Quote(
                id=f"q{number}",
                kind=draw(st.sampled_from(["direct", "indirect", "mixed"])),
                start=content.start,
                end=content.end,
                text=content.text,
                speaker=draw(speakers),
                cue=draw(st.none() | spans(text)),
                addressee=draw(optional),
            )
        )
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | names,
        lambda children: st.lists(children, max_size=3) | st.dictionaries(names, children, max_size=3),
        max_leaves=8,
    )
    extra: dict[str, Any] = draw(
        st.dictionaries(names.filter(lambda k: k not in KNOWN_KEYS), json_values, max_size=3)
    )
    document = Document(
        id=document_id(text),
        text=text,
        source=draw(optional),
        title=draw(optional),
        published=draw(st.none() | st.dates().map(lambda d: d.isoformat()).filter(lambda d: len(d) == 10)),
        published_source=draw(optional),
        language="en",
        url=draw(optional),
    )
    return Record(document, entities, quotes, extra=extra)


@given(records())
def test_model_any_record_round_trips_through_dict_and_json(record: Record) -> None:
    data = record.to_dict()
    assert Record.from_dict(data) == record
    assert Record.from_dict(json.loads(json.dumps(data, ensure_ascii=False))) == record
    assert Record.from_dict(json.loads(to_json(record))).to_dict() == data


@given(records())
def test_model_any_record_matches_the_schema_and_stays_grounded(record: Record) -> None:
    data = record.to_dict()
    validate(data)
    text = data["document"]["text"]
    every_span = [m for e in data["entities"] for m in e["mentions"]]
    for quote in data["quotes"]:
        every_span.append(quote)
        if quote["cue"]:
            every_span.append(quote["cue"])
        if quote["speaker"] and quote["speaker"]["mention"]:
            every_span.append(quote["speaker"]["mention"])
    for span in every_span:
        assert text[span["start"]:span["end"]] == span["text"]
