"""The corpus on real reading: the bundled sample (one invented story in several articles) and real pairs
of articles from ../shared/data/aeb where several outlets cover one story. Slow: they run the trained
pipeline (once per module); the store and merge parts run on both stores."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

import pgcluster
from storyline.corpus import Corpus
from storyline.model import Document, Record, document_id
from storyline.store import Store, open_store

pytestmark = pytest.mark.slow

# aeb ids (their first ten characters) of stories covered by several outlets
SOUTH_DAKOTA = ("3f65af7b6b", "156770d676", "776a1c0467", "c13b9c0e04")  # "Meth. We're on it."
OMAR = ("6ebac05f63", "7a457a4f71")  # a New York man pleads guilty to threatening Rep. Ilhan Omar
WEWORK = ("06e5123e4e", "1ace8c85aa")  # New York's attorney general investigates WeWork


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        with open_store(tmp_path / "storyline.db") as opened:
            yield opened
    else:
        with pgcluster.schema_url() as url, open_store(url) as opened:
            yield opened


def _analyze(documents: list[Document]) -> list[Record]:
    from storyline.analyze import analyze_many

    return list(analyze_many(documents))


@pytest.fixture(scope="module")
def sample_records(sample_dir: Path) -> list[Record]:
    from storyline.ingest import iter_inputs, read_path

    return _analyze([read_path(path) for path in iter_inputs([str(sample_dir)])])


@pytest.fixture(scope="module")
def aeb_records(shared_data: Path) -> dict[str, Record]:
    from storyline.ingest import read_path

    ids = (*SOUTH_DAKOTA, *OMAR, *WEWORK)
    paths = {i: next((shared_data / "aeb" / "html").glob(f"{i}*.html.gz")) for i in ids}
    documents = [read_path(path) for path in paths.values()]
    # A wire-style copy of one story: another outlet's light edit, published a day later.
    original = documents[len(SOUTH_DAKOTA)]
    paragraphs = original.text.split("\n")
    edited = "\n".join(paragraphs[:-1]).replace("pleaded guilty", "has pleaded guilty") + "\n(Reporting by staff.)"
    documents.append(Document(id=document_id(edited), text=edited, title=original.title, published="2019-11-20"))
    records = _analyze(documents)
    return dict(zip([*ids, "copy"], records, strict=True))


def _corpus(store: Store, records: list[Record], outlets: list[str] | None = None) -> Corpus:
    for i, record in enumerate(records):
        store.add(record, outlet=outlets[i] if outlets else None)
    return Corpus(store)


def test_corpus_sample_merges_its_people_and_events(store: Store, sample_records: list[Record]) -> None:
    corpus = _corpus(store, sample_records)
    for name in ("Tomas Reker", "Ilse Varga", "Dana Levi", "Arvid Sollen"):
        (actor,) = corpus.actors(name)
        assert actor.articles == 2, name  # coalition.txt and confidence-vote.txt
    (reker,) = corpus.actors("Reker")
    assert [(r.role, r.dates) for r in reker.roles] == [("Prime Minister", ("2025-02-03", "2025-02-07"))]
    meetings = [e for e in corpus.timeline(actor="Reker") if e.type == "meet"]
    (meeting,) = meetings
    assert len(meeting.sources) == 2 and {p.name for p in meeting.participants} == {"Tomas Reker", "Ilse Varga"}
    assert meeting.date == "2025-02-11" and not meeting.date_conflict  # "next week" and "Tuesday" agree
    assert corpus.duplicates() == []
    for quote in corpus.quotes(by="Varga", limit=None):
        text = store.get(quote.article_id).document.text
        assert text[quote.start : quote.end] == quote.text


def test_corpus_real_pairs_merge_the_same_people(store: Store, aeb_records: dict[str, Record]) -> None:
    records = [r for key, r in aeb_records.items() if key != "copy"]
    corpus = _corpus(store, records)
    assert corpus.actors("Kristi Noem")[0].articles >= 3  # the Spokane article is about the ad agencies
    assert corpus.actors("South Dakota")[0].articles >= 3
    assert corpus.actors("Ilhan Omar")[0].articles == 2
    carlineo = corpus.explain("Patrick Carlineo")
    assert sum(r.articles for r in carlineo.reasons) >= 2
    assert any(r.name == "Pat Carlineo" for r in carlineo.reasons)  # a nickname, read as the full name
    assert corpus.actors("Adam Neumann")[0].articles == 2
    assert corpus.actors("WeWork")[0].articles == 2


def test_corpus_real_pairs_merge_the_same_quote(store: Store, aeb_records: dict[str, Record]) -> None:
    records = [r for key, r in aeb_records.items() if key != "copy"]
    corpus = _corpus(store, records)
    slogans = [q for q in corpus.quotes(about="meth", limit=None) if "on it" in q.text and len(q.text) < 25]
    assert slogans
    assert max(len(q.sources) for q in slogans) >= 2
    for quote in slogans:
        for source in quote.sources:
            assert "on it" in store.get(source.article_id).document.text[source.start : source.end]


def test_corpus_real_near_duplicate_is_linked_and_not_double_counted(store: Store, aeb_records: dict[str, Record]) -> None:
    pair = [aeb_records[OMAR[0]], aeb_records[OMAR[1]]]
    corpus = _corpus(store, pair)
    before = corpus.actors("Ilhan Omar")[0]
    quotes_before = {q.id: len(q.sources) for q in corpus.quotes(by="Omar", limit=None)}
    store.add(aeb_records["copy"], outlet="Reprint")
    corpus.update()
    assert corpus.duplicates()[0][:2] == (aeb_records["copy"].document.id, pair[0].document.id)
    after = corpus.actors("Ilhan Omar")[0]
    assert (after.articles, after.mentions) == (before.articles, before.mentions)
    quotes_after = corpus.quotes(by="Omar", limit=None)
    assert {q.id: len([s for s in q.sources if s.copy_of is None]) for q in quotes_after} == quotes_before
    assert any(q.copies == 1 for q in quotes_after)


def test_corpus_real_records_are_plain_dataclasses(aeb_records: dict[str, Record]) -> None:
    # Guard: the merge reads records as the pipeline writes them (entities with mentions, quotes with offsets).
    record = aeb_records[OMAR[0]]
    assert dataclasses.is_dataclass(record) and record.entities and record.quotes
