"""The store: the same cases on SQLite and on a real PostgreSQL server (started for the session on 127.0.0.1,
see tests/pgcluster.py; those cases skip with a message only when PostgreSQL cannot be found)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import pgcluster
from storyline.model import (
    Actor,
    Document,
    Entity,
    Event,
    EventDate,
    Figure,
    Participant,
    Pressure,
    Quote,
    Record,
    Span,
    Stance,
    TimeExpression,
    document_id,
)
from storyline.store import NotFoundError, Store, StoreError, open_store, rows, schema
from storyline.store.schema import ITEM_TABLES, SCHEMA_VERSION
from storyline.store.search import fts5_query, locate, tsquery
from test_model import records

TEXT = (
    '"We will not accept this offer," union leader Mara Tenby said on Monday in Selby. '
    "About 1,200 dockers walked out at the port, according to the union. "
    "Tenby urged the port authority to reopen talks. The authority opposes the strike."
)
BACKENDS = ["sqlite", "postgres"]


def _span(text: str, part: str, start: int = 0) -> Span:
    at = text.index(part, start)
    return Span(at, at + len(part), part)


def full_record(text: str = TEXT, **document: Any) -> Record:
    """A record with an item of every kind, every one grounded in ``text``."""
    tenby = _span(text, "Mara Tenby")
    quote = _span(text, "We will not accept this offer,")
    said = _span(text, "said")
    monday = _span(text, "Monday")
    walked = _span(text, "walked out")
    figure = _span(text, "About 1,200 dockers")
    urged = _span(text, "urged")
    speaker = Actor(name="Mara Tenby", entity="e1", mention=tenby)
    return Record(
        document=Document(id=document_id(text), text=text, **document),
        entities=[
            Entity(
                id="e1",
                name="Mara Tenby",
                type="PERSON",
                roles=["union leader"],
                aliases=["Tenby"],
                mentions=[tenby, _span(text, "Tenby", tenby.end)],
            ),
            Entity(id="e2", name="Selby", type="GPE", mentions=[_span(text, "Selby")]),
            Entity(id="e3", name="the port authority", type="ORG", mentions=[_span(text, "the port authority")]),
        ],
        quotes=[Quote(id="q1", kind="direct", start=quote.start, end=quote.end, text=quote.text, speaker=speaker, cue=said)],
        time_expressions=[
            TimeExpression(id="t1", text="Monday", start=monday.start, end=monday.end, type="DATE", value="2025-02-03", anchor="publication")
        ],
        events=[
            Event(
                id="ev1",
                type="strike",
                trigger=walked,
                evidence=_span(text, "About 1,200 dockers walked out at the port"),
                status="happened",
                participants=[Participant(role="agent", name="dockers")],
                location=Actor(name="Selby", entity="e2"),
                date=EventDate(value="2025-02-03", source="publication"),
                reported_by=Actor(name="the union"),
                mentions=[walked, _span(text, "the strike")],
            )
        ],
        figures=[
            Figure(
                id="f1",
                text=figure.text,
                start=figure.start,
                end=figure.end,
                value=1200.0,
                type="count",
                approximation="about",
                counted="dockers walked out",
                source=Actor(name="the union"),
                attribution_cue="according to",
            )
        ],
        stances=[
            Stance(
                id="s1",
                actor=Actor(name="the port authority", entity="e3"),
                target="the strike",
                issue="strike",
                polarity="oppose",
                evidence=_span(text, "The authority opposes the strike."),
            )
        ],
        pressures=[
            Pressure(
                id="p1",
                source=speaker,
                target=Actor(name="the port authority", entity="e3"),
                demand="reopen talks",
                cue=urged,
                evidence=_span(text, "Tenby urged the port authority to reopen talks."),
            )
        ],
        extra={"from_a_newer_writer": {"kept": [1, 2.5, None]}},
    )


def small_record(text: str) -> Record:
    return Record(document=Document(id=document_id(text), text=text))


def _query(store: Store, sql: str) -> list[tuple[Any, ...]]:
    """Raw SQL (no parameters) on the store's own connection, for checks the API does not cover."""
    return list(store._db.execute(sql).fetchall())  # type: ignore[attr-defined]


# --- articles -------------------------------------------------------------------------------------------


def test_store_get_returns_exactly_the_record_added(store: Store) -> None:
    record = full_record(source="port.txt", title="Dockers strike", published="2025-02-03", published_source="argument")
    assert store.add(record) is True
    assert store.get(record.document.id) == record


def test_store_add_twice_stores_the_article_once(store: Store) -> None:
    record = full_record()
    assert store.add(record) is True
    assert store.add(record) is False
    assert store.count() == 1
    assert store.row_counts(record.document.id) == rows.expected_row_counts(record)


def test_store_has_count_and_ids_in_the_order_added(store: Store) -> None:
    texts = [f"Article number {n} says the vote was delayed." for n in (3, 1, 2)]
    for text in texts:
        store.add(small_record(text))
    assert [store.has(document_id(t)) for t in texts] == [True, True, True]
    assert store.has("0000000000000000") is False
    assert store.count() == 3
    assert list(store.ids()) == [document_id(t) for t in texts]


def test_store_get_of_an_unknown_id_raises_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no article 0000000000000000") as caught:
        store.get("0000000000000000")
    assert isinstance(caught.value, KeyError)


def test_store_writes_one_row_per_item_with_its_offsets(store: Store) -> None:
    record = full_record()
    store.add(record, outlet="Selby Gazette")
    counts = store.row_counts(record.document.id)
    assert counts == rows.expected_row_counts(record)
    assert counts == {
        "entities": 3,
        "mentions": 4,
        "quotes": 1,
        "time_expressions": 1,
        "events": 1,
        "event_participants": 1,
        "event_mentions": 2,
        "figures": 1,
        "stances": 1,
        "pressures": 1,
    }
    (quote,) = _query(store, "SELECT article_id, start_char, end_char, text, speaker_entity, cue_text FROM quotes")
    assert quote[0] == record.document.id
    assert TEXT[quote[1] : quote[2]] == quote[3] == record.quotes[0].text
    assert quote[4:] == ("e1", "said")
    for start, end, text in _query(store, "SELECT start_char, end_char, text FROM mentions"):
        assert TEXT[start:end] == text
    assert _query(store, "SELECT outlet FROM articles") == [("Selby Gazette",)]


def test_store_keeps_records_with_repeated_item_ids(store: Store) -> None:
    # Ids are the pipeline's business; the store keeps whatever record it is given, as given.
    record = full_record()
    record.entities[1].id = "e1"
    assert store.add(record)
    assert store.get(record.document.id) == record


def test_store_write_failing_halfway_leaves_no_trace_of_the_article(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = full_record()
    real_rows = rows.item_rows

    def broken(record: Record) -> dict[str, list[rows.Row]]:
        out = real_rows(record)
        out["pressures"] = [(record.document.id, 0, "p1", *([None] * 15))]  # NOT NULL columns left empty
        return out

    module = "storyline.store.sqlite" if "Sqlite" in type(store).__name__ else "storyline.store.postgres"
    monkeypatch.setattr(f"{module}.item_rows", broken)
    with pytest.raises(StoreError, match=f"cannot store article {record.document.id}"):
        store.add(record)
    assert not store.has(record.document.id)
    assert store.count() == 0
    assert set(store.row_counts(record.document.id).values()) == {0}
    monkeypatch.setattr(f"{module}.item_rows", real_rows)
    assert store.add(record) is True


def test_store_columns_written_are_the_columns_of_the_tables(store: Store) -> None:
    for table, columns in rows.COLUMNS.items():
        if "Sqlite" in type(store).__name__:
            actual = [row[1] for row in _query(store, f"PRAGMA table_info({table})")]
        else:
            actual = [
                row[0]
                for row in _query(
                    store,
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                    f"AND table_name = '{table}'",
                )
            ]
        assert set(columns) <= set(actual), table
        assert set(actual) - set(columns) <= {"seq", "search"}, table
    assert set(rows.COLUMNS) == {"articles", *ITEM_TABLES}


# --- schema -------------------------------------------------------------------------------------------


def test_store_schema_is_migrated_once_and_recorded(store_url: str) -> None:
    with open_store(store_url) as store:
        assert store.schema_version == SCHEMA_VERSION
        store.add(small_record("The vote was delayed again on Friday."))
    with open_store(store_url) as store:  # reopening keeps the data and applies nothing twice
        assert store.count() == 1
        assert _query(store, "SELECT version FROM schema_version") == [(m.version,) for m in schema.MIGRATIONS]


def test_store_refuses_a_database_written_by_a_newer_storyline(store_url: str) -> None:
    with open_store(store_url) as store:
        store._db.execute(  # type: ignore[attr-defined]
            "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'future', '2099-01-01')"
        )
    with pytest.raises(StoreError, match="schema version 999, newer than this storyline"):
        open_store(store_url)


def test_store_sqlite_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a storyline database"):
        open_store(path)


def test_store_sqlite_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "storyline.db")


def test_store_postgres_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL at postgresql://someone:\\*\\*\\*@127.0.0.1:9/"):
        open_store("postgresql://someone:secret@127.0.0.1:9/news?connect_timeout=2")


def test_store_sqlite_file_is_consistent_after_many_articles(tmp_path: Path) -> None:
    path = tmp_path / "storyline.db"
    with open_store(path) as store:
        for n in range(50):
            store.add(full_record(TEXT + f" Story {n}."))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").rowcount != 0


# --- failures -----------------------------------------------------------------------------------------


def test_store_failures_are_recorded_updated_and_cleared(store: Store) -> None:
    store.record_failure("wire.jsonl:4", 'has no "text" string', input="wire.jsonl", kind="unreadable")
    store.record_failure("empty.txt", "is empty", kind="empty")
    store.record_failure("empty.txt", "is still empty", kind="empty")
    failures = {f.path: f for f in store.failures()}
    assert set(failures) == {"wire.jsonl:4", "empty.txt"}
    assert failures["wire.jsonl:4"].input == "wire.jsonl"
    assert failures["empty.txt"].input == "empty.txt"
    assert (failures["empty.txt"].reason, failures["empty.txt"].attempts) == ("is still empty", 2)
    assert failures["empty.txt"].failed_at.tzinfo is not None
    assert store.clear_failure("empty.txt") is True
    assert store.clear_failure("empty.txt") is False
    assert [f.path for f in store.failures()] == ["wire.jsonl:4"]


# --- search -------------------------------------------------------------------------------------------


def _search_corpus(store: Store) -> dict[str, str]:
    texts = {
        "strike": full_record().document.text,
        "ferry": "The island ferry will run two extra crossings on weekdays, the operator said.",
        "wall": '"The wall will protect four hundred homes," Councillor Owen Rask said of the new sea wall.',
    }
    store.add(full_record())
    store.add(small_record(texts["ferry"]))
    wall = small_record(texts["wall"])
    quote = _span(texts["wall"], "The wall will protect four hundred homes,")
    wall.quotes.append(Quote(id="q1", kind="direct", start=quote.start, end=quote.end, text=quote.text))
    store.add(wall)
    return {name: document_id(text) for name, text in texts.items()}


def test_store_search_finds_articles_and_quotes_pointing_at_the_text(store: Store) -> None:
    ids = _search_corpus(store)
    hits = store.search("homes")
    assert {(h.article_id, h.kind) for h in hits} == {(ids["wall"], "article"), (ids["wall"], "quote")}
    wall = store.get(ids["wall"]).document.text
    for hit in hits:
        assert hit.start is not None and hit.end is not None
        assert wall[hit.start : hit.end] == hit.text
    assert next(h for h in hits if h.kind == "quote").item_id == "q1"
    assert next(h for h in hits if h.kind == "article").text == "homes"


def test_store_search_stems_words(store: Store) -> None:
    ids = _search_corpus(store)
    assert {h.article_id for h in store.search("crossing")} == {ids["ferry"]}
    assert {h.article_id for h in store.search("strikes")} == {ids["strike"]}


def test_store_search_reads_phrases_or_and_exclusions(store: Store) -> None:
    ids = _search_corpus(store)
    assert {h.article_id for h in store.search('"sea wall"')} == {ids["wall"]}
    assert store.search('"wall sea"') == []
    assert {h.article_id for h in store.search("ferry or dockers", limit=10)} == {ids["ferry"], ids["strike"]}
    assert {h.article_id for h in store.search("said -ferry", limit=10)} == {ids["wall"], ids["strike"]}
    assert len(store.search("said", limit=2)) == 2


def test_store_search_takes_any_text_without_error(store: Store) -> None:
    _search_corpus(store)
    for query in ('"unclosed', "a:b*", "NEAR(", "-", "OR", "'; DROP TABLE articles; --", "(", "^", ""):
        store.search(query)
    assert store.count() == 3


def test_store_search_queries_read_the_same_in_both_syntaxes() -> None:
    query = 'strike or "port workers" -Varna'
    assert fts5_query(query) == '"strike" OR "port workers" NOT "Varna"'
    assert tsquery(query) == "strike | port <-> workers & !Varna"
    assert fts5_query("-only excluded") == '"excluded"'
    assert fts5_query("  ") is None and tsquery(":*") is None
    assert locate("Talks were negotiated overnight.", "negotiations") == (11, 21)


# --- any record -----------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records())
def test_store_any_record_round_trips_through_sqlite(record: Record) -> None:
    with open_store(":memory:") as store:
        assert store.add(record)
        assert store.get(record.document.id) == record
        assert store.row_counts(record.document.id) == rows.expected_row_counts(record)


@pytest.fixture
def postgres_server() -> str:
    """The test server's URL, or a skip before hypothesis starts drawing examples."""
    return pgcluster.server_url()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record=records())
def test_store_any_record_round_trips_through_postgres(postgres_server: str, record: Record) -> None:
    # PostgreSQL text cannot hold NUL characters; readers never produce them.
    if "\\u0000" in json.dumps(record.to_dict()):
        return
    with pgcluster.schema_url() as url, open_store(url) as store:
        assert store.add(record)
        assert store.get(record.document.id) == record
