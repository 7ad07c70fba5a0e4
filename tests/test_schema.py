"""The record contract: the JSON Schema, the documented example, and the bundled sample
articles (whose records must validate and be grounded span by span)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storyline.model import Document, Entity, Quote, Record, Span, Speaker
from storyline.render import schema, to_json, validate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "storyline" / "sample"
SAMPLE_TEXTS = sorted(SAMPLE.glob("*.txt"))

TEXT = '"We will not back down," Finance Minister Dana Levi said on Monday. Officials declined to comment.'


def grounded(fragment: str, text: str = TEXT) -> Span:
    start = text.index(fragment)
    return Span(start, start + len(fragment), fragment)


def make_record() -> Record:
    content = grounded("We will not back down,")
    return Record(
        Document(id="d3891cf344796aa5", text=TEXT, source="levi.txt", published="2025-02-03",
                 published_source="argument"),
        entities=[Entity("e1", "Dana Levi", "PERSON", ["finance minister"], ["Levi"], [grounded("Dana Levi")])],
        quotes=[
            Quote("q1", "direct", content.start, content.end, content.text,
                  Speaker("Dana Levi", "e1", grounded("Dana Levi")), grounded("said"), None),
            Quote("q2", "indirect", 0, 0, "", None, None, "reporters"),
        ],
    )


def spans(value: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every span anywhere in a record dict: an object with integer start/end and a text.
    Walking generically covers the keys later stages add as well."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and "text" in value:
            yield path, value
        for key, item in value.items():
            if key != "document":
                yield from spans(item, f"{path}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from spans(item, f"{path}[{number}]")


def grounding_errors(data: dict[str, Any]) -> list[str]:
    """Every span whose text is not exactly ``document.text[start:end]``."""
    text = data["document"]["text"]
    errors = []
    for path, span in spans(data):
        start, end = span["start"], span["end"]
        if not 0 <= start <= end <= len(text):
            errors.append(f"{path}: offsets {start}:{end} outside a text of {len(text)} characters")
        elif text[start:end] != span["text"]:
            errors.append(f"{path}: text[{start}:{end}] is {text[start:end]!r}, span says {span['text']!r}")
    return errors


def reference_errors(data: dict[str, Any]) -> list[str]:
    """Ids unique per kind; every speaker's entity id names an entity of the same record."""
    entity_ids = [e["id"] for e in data["entities"]]
    quote_ids = [q["id"] for q in data["quotes"]]
    errors = []
    if len(set(entity_ids)) != len(entity_ids):
        errors.append(f"duplicate entity ids: {entity_ids}")
    if len(set(quote_ids)) != len(quote_ids):
        errors.append(f"duplicate quote ids: {quote_ids}")
    for quote in data["quotes"]:
        speaker = quote["speaker"]
        if speaker and speaker["entity"] is not None and speaker["entity"] not in entity_ids:
            errors.append(f"quote {quote['id']}: speaker entity {speaker['entity']!r} is not in entities")
    return errors


# --- the schema itself


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    loaded = schema()
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(loaded)


def test_schema_returns_a_copy() -> None:
    schema()["properties"].clear()
    assert "document" in schema()["properties"]


def test_schema_validates_a_hand_built_record() -> None:
    data = make_record().to_dict()
    validate(data)
    assert grounding_errors(data) == [] and reference_errors(data) == []


def test_schema_leaves_the_top_level_open_for_later_keys() -> None:
    data = make_record().to_dict()
    monday = grounded("on Monday")
    data["time_expressions"] = [{"id": "t1", **monday.to_dict(), "type": "DATE", "value": "2025-02-03", "anchor": None}]
    data["sentiment"] = [monday.to_dict()]
    validate(data)
    assert grounding_errors(data) == []


def _broken(change: str) -> dict[str, Any]:
    data = make_record().to_dict()
    if change == "bad kind":
        data["quotes"][0]["kind"] = "paraphrase"
    elif change == "missing document.id":
        del data["document"]["id"]
    elif change == "unknown quote field":
        data["quotes"][0]["confidence"] = 0.9
    elif change == "unknown document field":
        data["document"]["author"] = "someone"
    elif change == "published not a date":
        data["document"]["published"] = "03/02/2025"
    elif change == "published impossible date":
        data["document"]["published"] = "2025-02-30"
    elif change == "negative offset":
        data["entities"][0]["mentions"][0]["start"] = -1
    elif change == "offset as string":
        data["quotes"][0]["start"] = "1"
    elif change == "speaker without name":
        del data["quotes"][0]["speaker"]["name"]
    elif change == "cue missing text":
        del data["quotes"][0]["cue"]["text"]
    elif change == "missing quotes":
        del data["quotes"]
    elif change == "future version":
        data["version"] = 2
    elif change == "roles not strings":
        data["entities"][0]["roles"] = [1]
    else:  # pragma: no cover
        raise AssertionError(change)
    return data


@pytest.mark.parametrize(
    "change",
    [
        "bad kind", "missing document.id", "unknown quote field", "unknown document field",
        "published not a date", "published impossible date", "negative offset", "offset as string",
        "speaker without name", "cue missing text", "missing quotes", "future version", "roles not strings",
    ],
)
def test_schema_rejects_a_broken_record(change: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate(_broken(change))


def test_schema_grounding_check_catches_invented_text() -> None:
    data = make_record().to_dict()
    bad = copy.deepcopy(data)
    bad["quotes"][0]["text"] = "We will never back down,"
    validate(bad)  # the shape is fine ...
    assert grounding_errors(bad) == [  # ... the grounding is not
        "$.quotes[0]: text[1:23] is 'We will not back down,', span says 'We will never back down,'"
    ]


def test_schema_matches_the_example_in_docs() -> None:
    doc = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", doc, flags=re.DOTALL)
    assert blocks, "docs/record.md shows an example record"
    for block in blocks:
        data = json.loads(block)
        validate(data)
        assert grounding_errors(data) == [] and reference_errors(data) == []
        assert Record.from_dict(data).to_dict() == data


# --- the bundled sample


def test_schema_sample_is_labelled_invented() -> None:
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    assert "Invented articles written for storyline" in readme
    assert "resemblance" in readme


def test_schema_sample_articles_are_short_newswire_with_a_dateline() -> None:
    assert len(SAMPLE_TEXTS) >= 3
    for path in SAMPLE_TEXTS:
        text = path.read_text(encoding="utf-8")
        assert 250 <= len(text.split()) <= 450, path.name
        assert re.search(r"^[A-Z]+, [A-Z][a-z]{2}\.? \d{1,2}, \d{4} \(Northgate Wire\) — ", text, re.MULTILINE), path.name


def test_schema_sample_html_page_is_read_by_trafilatura() -> None:
    import trafilatura

    for path in sorted(SAMPLE.glob("*.html")):
        result = trafilatura.bare_extraction(path.read_text(encoding="utf-8"), with_metadata=True)
        assert result is not None and not isinstance(result, dict), path.name
        body = result.text or ""
        assert result.title and result.date == "2025-02-03"
        assert 250 <= len(body.split()) <= 450
        assert body.lstrip().split("\n")[1].startswith("OSTREL, Feb 3 (Northgate Wire)")


# Each form the issues ask storyline to read, as it appears somewhere in the sample: if an edit
# drops one, the demo stops showing that feature.
SAMPLE_FORMS = {
    "straight quotes": '"We were promised',
    "curly quotes": "“We have waited",
    "angle quotes": "«Both delegations",
    "quote split around its cue": 'arrangement," Varga told reporters outside parliament, "and',
    "quote over two paragraphs": "settle their differences.\n\n“That is the real risk",
    "colon introduction": 'Dana Levi said in a speech to parliament: "',
    "trailing attribution": "” — Commissioner Anton Brisk",
    "told the BBC that": "told the BBC that",
    "warned": "warned that",
    "insisted": "insisted that",
    "denied": "denied that",
    "according to": "according to the health ministry",
    "mixed quote": "would “honour every name on the list”",
    "uncued follow-on": '"Every winter we have this argument',
    "pronoun speaker": '," he said.',
    "description speaker": "the professor said",
    "anonymous sources": "A source familiar with the talks said",
    "officials said": "officials said",
    "scare quotes": 'so-called "bridge clause"',
    "title of a work": "book “Harbours and Power”",
    "nickname": "Karl “the Crane” Obst",
    "former title": "former Defense Minister Arvid Sollen",
    "US President": "US President Margaret Orlan",
    "apposition": "Mira Castell, a professor of international politics at the University of Varena,",
    "X's office said": "Levi's office said",
    "the prime minister": "the prime minister",
    "on Monday": "on Monday",
    "in November": "in November",
    "two weeks after the vote": "two weeks after the vote",
    "last year": "last year",
    "next week": "next week",
    "figure with source": "more than 12,000 people since it began in October 2023, according to the health ministry",
    "nearly": "nearly 2,000",
    "1.5 million": "1.5 million",
    "percentage": "30 percent",
    "money": "$42 million",
    "urged X to": "urged Varga to wait",
    "demand that ... be dropped": "demanded on Monday that the gas agreement with Kordania be dropped",
    "negated want": "They don't want the deal extended",
}


def test_schema_sample_exercises_every_form() -> None:
    corpus = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(SAMPLE.iterdir()) if p.suffix in (".txt", ".html")
    )
    missing = [name for name, form in SAMPLE_FORMS.items() if form not in corpus]
    assert missing == []


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLE_TEXTS, ids=lambda p: p.name)
def test_schema_sample_records_are_valid_and_grounded(nlp: Any, path: Path) -> None:
    from storyline.analyze import analyze

    assert nlp is not None  # the session fixture loads the pipeline once for every sample
    record = analyze(path.read_text(encoding="utf-8"))
    data = json.loads(to_json(record))
    validate(data)
    assert grounding_errors(data) == []
    assert reference_errors(data) == []
    assert data["entities"] and data["quotes"], "every sample article names people and quotes them"
    assert Record.from_dict(data).to_dict() == data
