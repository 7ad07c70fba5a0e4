"""The store's schema, as numbered migrations applied in order when a store is opened.

One migration is one transaction: its statements and its row in ``schema_version`` commit together, so a
database is always at a whole version. A migration, once released, is never edited: a change to the schema is
a new migration with the next number, written for both dialects. :data:`SCHEMA_VERSION` is the newest.

Version 1, the tables (every item row carries its ``article_id`` and the character offsets of its spans into
``articles.text``; ``position`` is the item's index in its list in the record, so a row can always be put
back where it came from)::

    schema_version    version, description, applied_at
    articles          seq (integer key), id (the content hash), source, outlet, title, published,
                      published_source, language, url, text, record_version, record (the record as JSON,
                      without document.text, which is the text column; PostgreSQL's json type, kept as
                      written), added_at
    entities          article_id, position, entity_id, name, type, roles (JSON list), aliases (JSON list)
    mentions          article_id, position (over the article's mentions), entity_id, start_char, end_char, text
    quotes            seq, article_id, position, quote_id, kind, start_char, end_char, text,
                      speaker_name, speaker_entity, speaker_start, speaker_end, cue_start, cue_end, cue_text,
                      addressee
    time_expressions  article_id, position, timex_id, type, value, anchor, start_char, end_char, text
    events            article_id, position, event_id, type, status, trigger_*, evidence_start/end, date_value,
                      date_source, date_timex, location_*, reported_by_*
    event_participants article_id, position, event_id, role, name, entity, mention_start, mention_end
    event_mentions    article_id, position, event_id, start_char, end_char, text
    figures           article_id, position, figure_id, start_char, end_char, text, value, type, unit,
                      approximation, upper, counted, fraction_of, date, source_*, attribution_cue
    stances           article_id, position, stance_id, actor_*, target, issue, polarity, evidence_start/end,
                      via, reported_by_*
    pressures         article_id, position, pressure_id, source_*, target_*, demand, issue, cue_*,
                      evidence_start/end
    failures          path (the input as errors name it), input (the file it is read from), reason, kind,
                      failed_at, attempts

An actor (a speaker, a figure's source...) is four columns: ``<role>_name``, ``<role>_entity`` (an entity id
of the same article, or NULL for unnamed sources), ``<role>_start``/``<role>_end`` (where the text refers to
it). Full-text search: SQLite keeps FTS5 indexes over article title and text (``articles_fts``) and quote text
(``quotes_fts``), kept in step by triggers; PostgreSQL keeps a generated ``search`` tsvector column with a GIN
index on ``articles`` and ``quotes``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One step of the schema: the same change written for each dialect."""

    version: int
    description: str
    sqlite: tuple[str, ...]
    postgres: tuple[str, ...]


# Version 1's tables (frozen with it). Column types differ by dialect only in these few places; the rest of
# each table is written once.
def _v1_tables(
    *, key: str, json: str, record: str, real: str, time: str, search: str, quote_search: str
) -> tuple[str, ...]:
    actor = "{0}_name TEXT, {0}_entity TEXT, {0}_start INTEGER, {0}_end INTEGER"
    item = "article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE, position INTEGER NOT NULL"
    return (
        f"""CREATE TABLE articles (
            seq {key},
            id TEXT NOT NULL UNIQUE,
            source TEXT,
            outlet TEXT,
            title TEXT,
            published TEXT,
            published_source TEXT,
            language TEXT NOT NULL,
            url TEXT,
            text TEXT NOT NULL,
            record_version INTEGER NOT NULL,
            record {record} NOT NULL,
            added_at {time} NOT NULL{search}
        )""",
        "CREATE INDEX articles_published ON articles (published)",
        "CREATE INDEX articles_outlet ON articles (outlet)",
        f"""CREATE TABLE entities (
            {item},
            entity_id TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            roles {json} NOT NULL,
            aliases {json} NOT NULL,
            PRIMARY KEY (article_id, position)
        )""",
        "CREATE INDEX entities_name ON entities (name)",
        "CREATE INDEX entities_entity ON entities (article_id, entity_id)",
        f"""CREATE TABLE mentions (
            {item},
            entity_id TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )""",
        "CREATE INDEX mentions_entity ON mentions (article_id, entity_id)",
        f"""CREATE TABLE quotes (
            seq {key},
            {item},
            quote_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            {actor.format("speaker")},
            cue_start INTEGER,
            cue_end INTEGER,
            cue_text TEXT,
            addressee TEXT,
            UNIQUE (article_id, position){quote_search}
        )""",
        "CREATE INDEX quotes_speaker_name ON quotes (speaker_name)",
        "CREATE INDEX quotes_speaker_entity ON quotes (article_id, speaker_entity)",
        f"""CREATE TABLE time_expressions (
            {item},
            timex_id TEXT NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            anchor TEXT,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )""",
        "CREATE INDEX time_expressions_value ON time_expressions (value)",
        f"""CREATE TABLE events (
            {item},
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger_text TEXT NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            date_value TEXT,
            date_source TEXT,
            date_timex TEXT,
            {actor.format("location")},
            {actor.format("reported_by")},
            PRIMARY KEY (article_id, position)
        )""",
        "CREATE INDEX events_type ON events (type)",
        "CREATE INDEX events_date ON events (date_value)",
        f"""CREATE TABLE event_participants (
            {item},
            event_id TEXT NOT NULL,
            role TEXT NOT NULL,
            name TEXT NOT NULL,
            entity TEXT,
            mention_start INTEGER,
            mention_end INTEGER,
            PRIMARY KEY (article_id, position)
        )""",
        "CREATE INDEX event_participants_event ON event_participants (article_id, event_id)",
        f"""CREATE TABLE event_mentions (
            {item},
            event_id TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )""",
        f"""CREATE TABLE figures (
            {item},
            figure_id TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            value {real} NOT NULL,
            type TEXT NOT NULL,
            unit TEXT,
            approximation TEXT NOT NULL,
            upper {real},
            counted TEXT,
            fraction_of TEXT,
            date TEXT,
            {actor.format("source")},
            attribution_cue TEXT,
            PRIMARY KEY (article_id, position)
        )""",
        "CREATE INDEX figures_counted ON figures (counted)",
        f"""CREATE TABLE stances (
            {item},
            stance_id TEXT NOT NULL,
            {actor.format("actor")},
            target TEXT NOT NULL,
            issue TEXT NOT NULL,
            polarity TEXT NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            via TEXT,
            {actor.format("reported_by")},
            PRIMARY KEY (article_id, position)
        )""",
        "CREATE INDEX stances_issue ON stances (issue)",
        f"""CREATE TABLE pressures (
            {item},
            pressure_id TEXT NOT NULL,
            {actor.format("source")},
            {actor.format("target")},
            demand TEXT NOT NULL,
            issue TEXT,
            cue_start INTEGER NOT NULL,
            cue_end INTEGER NOT NULL,
            cue_text TEXT NOT NULL,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            PRIMARY KEY (article_id, position)
        )""",
        f"""CREATE TABLE failures (
            path TEXT PRIMARY KEY,
            input TEXT NOT NULL,
            reason TEXT NOT NULL,
            kind TEXT,
            failed_at {time} NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1
        )""",
        "CREATE INDEX failures_input ON failures (input)",
    )


_SQLITE_V1 = _v1_tables(
    key="INTEGER PRIMARY KEY",
    json="TEXT",
    record="TEXT",
    real="REAL",
    time="TEXT",
    search="",
    quote_search="",
) + (
    # External-content FTS5 tables: the index only, the text stays in articles and quotes. Porter stemming,
    # as PostgreSQL's english configuration stems.
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='seq', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text) VALUES (new.seq, new.text);
    END""",
    """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.seq, old.text);
    END""",
)

_POSTGRES_V1 = _v1_tables(
    key="BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
    json="JSONB",
    # json, not jsonb: the text is kept as written, so every number comes back exactly (jsonb would return
    # 1e+20 as an integer) and the record round-trips exactly.
    record="JSON",
    real="DOUBLE PRECISION",
    time="TIMESTAMPTZ",
    search=",\n            search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || text)) STORED",
    quote_search=",\n            search tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED",
) + (
    "CREATE INDEX articles_search ON articles USING GIN (search)",
    "CREATE INDEX quotes_search ON quotes USING GIN (search)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        version=1,
        description="articles with their records, normalized items with offsets, failures, full-text search",
        sqlite=_SQLITE_V1,
        postgres=_POSTGRES_V1,
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

# The tables holding one article's items, in the order they are written (parents before children).
ITEM_TABLES = (
    "entities",
    "mentions",
    "quotes",
    "time_expressions",
    "events",
    "event_participants",
    "event_mentions",
    "figures",
    "stances",
    "pressures",
)
