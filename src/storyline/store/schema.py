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

Version 2, the corpus tables (:mod:`storyline.corpus`): what is known across articles, derived from the item
tables and rebuilt from them at will (``Corpus.rebuild()``), so they hold nothing that cannot be recomputed::

    corpus_state         name, value: the last article merged (``merged_seq``), the alias file in force
    corpus_articles      article_id, seq, published, outlet, original_id (the article it is a near-duplicate
                         of, else NULL), similarity, signature (its MinHash, 64 x uint32)
    corpus_bands         band, article_id: the MinHash's LSH bands, to find near-duplicate candidates
    corpus_entities      id ("person:tomas-reker"), family, surname, name, type, aliases, roles (JSON),
                         articles, mentions, quotes (counted over originals), first_seen, last_seen, and the
                         first mention (article_id, start_char, end_char)
    corpus_names         name (normalized), entity: every name and alias an entity goes by, for look-ups
    corpus_entity_links  article_id, entity_id -> corpus_id, with the name (and the alias file's canonical
                         name), key, surname, roles, mention
                         count, how and why it was merged (``how``, ``detail``) and its first mention
    corpus_quotes        id, speaker_id, speaker, text, kind, first source (article_id, offsets, published),
                         sources (original articles carrying it), copies (near-duplicates carrying it)
    corpus_quote_links   article_id, quote_id -> corpus_quote_id, speaker_key, speaker_name, text, kind,
                         published, offsets
    corpus_quote_keys    key (speaker + normalized sentence), corpus_quote_id
    corpus_events        id, type, status, date (reconciled), date_confidence, date_conflict, dates (JSON:
                         each stated value and its sources), participants (JSON), summary, first source,
                         sources, copies, first_published, last_published, sort_key (date order,
                         undated last)
    corpus_event_links   article_id, event_id -> corpus_event_id, type, status, date as stated, published,
                         evidence offsets
    corpus_event_keys    type, entity, corpus_event_id, lo, hi (day ordinals of the event's date range)
    corpus_figure_groups id, key, counted, type, unit, lo, hi, figures, sources, conflict, summary (JSON)
    corpus_figure_links  article_id, figure_id -> group_id, counted, value, upper, approximation, text, who says it
                         (source, source_id), date, published, offsets
    corpus_figure_terms  term, group_id: the words of what a group counts, for ``figures --about``
    corpus_claims        article_id, item_id, kind (stance or press), actor_id, actor, target_id, target,
                         issue, polarity, evidence offsets, published: stances and pressures with actors
                         resolved to corpus entities
    corpus_edges         source, target, relation, weight, source_label, target_label, evidence (JSON): the
                         stance/pressure network, counted over originals
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

def _v2_tables(*, blob: str, real: str) -> tuple[str, ...]:
    offsets = "start_char INTEGER, end_char INTEGER"
    return (
        "CREATE TABLE corpus_state (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"""CREATE TABLE corpus_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            published TEXT,
            outlet TEXT,
            original_id TEXT,
            similarity {real},
            signature {blob}
        )""",
        "CREATE INDEX corpus_articles_original ON corpus_articles (original_id)",
        "CREATE TABLE corpus_bands (band TEXT NOT NULL, article_id TEXT NOT NULL)",
        "CREATE INDEX corpus_bands_band ON corpus_bands (band)",
        f"""CREATE TABLE corpus_entities (
            id TEXT PRIMARY KEY,
            family TEXT NOT NULL,
            surname TEXT,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL,
            roles TEXT NOT NULL,
            articles INTEGER NOT NULL,
            mentions INTEGER NOT NULL,
            quotes INTEGER NOT NULL,
            first_seen TEXT,
            last_seen TEXT,
            article_id TEXT,
            {offsets}
        )""",
        "CREATE INDEX corpus_entities_surname ON corpus_entities (surname)",
        "CREATE INDEX corpus_entities_mentions ON corpus_entities (mentions)",
        "CREATE TABLE corpus_names (name TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (name, entity))",
        "CREATE INDEX corpus_names_entity ON corpus_names (entity)",
        f"""CREATE TABLE corpus_entity_links (
            article_id TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            corpus_id TEXT NOT NULL,
            family TEXT NOT NULL,
            key TEXT NOT NULL,
            surname TEXT,
            name TEXT NOT NULL,
            canonical TEXT,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL,
            roles TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            published TEXT,
            how TEXT NOT NULL,
            detail TEXT NOT NULL,
            {offsets},
            PRIMARY KEY (article_id, entity_id)
        )""",
        "CREATE INDEX corpus_entity_links_corpus ON corpus_entity_links (corpus_id)",
        "CREATE INDEX corpus_entity_links_surname ON corpus_entity_links (surname, how)",
        f"""CREATE TABLE corpus_quotes (
            id TEXT PRIMARY KEY,
            speaker_id TEXT,
            speaker TEXT,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            article_id TEXT NOT NULL,
            {offsets},
            published TEXT,
            sources INTEGER NOT NULL,
            copies INTEGER NOT NULL
        )""",
        "CREATE INDEX corpus_quotes_speaker ON corpus_quotes (speaker_id, published)",
        "CREATE INDEX corpus_quotes_published ON corpus_quotes (published)",
        f"""CREATE TABLE corpus_quote_links (
            article_id TEXT NOT NULL,
            quote_id TEXT NOT NULL,
            corpus_quote_id TEXT NOT NULL,
            speaker_key TEXT NOT NULL,
            speaker_name TEXT,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            published TEXT,
            {offsets},
            PRIMARY KEY (article_id, quote_id)
        )""",
        "CREATE INDEX corpus_quote_links_quote ON corpus_quote_links (corpus_quote_id)",
        "CREATE TABLE corpus_quote_keys (key TEXT NOT NULL, corpus_quote_id TEXT NOT NULL)",
        "CREATE INDEX corpus_quote_keys_key ON corpus_quote_keys (key)",
        "CREATE INDEX corpus_quote_keys_quote ON corpus_quote_keys (corpus_quote_id)",
        f"""CREATE TABLE corpus_events (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            date TEXT,
            date_confidence {real},
            date_conflict INTEGER NOT NULL,
            dates TEXT NOT NULL,
            participants TEXT NOT NULL,
            summary TEXT NOT NULL,
            article_id TEXT NOT NULL,
            {offsets},
            sources INTEGER NOT NULL,
            copies INTEGER NOT NULL,
            first_published TEXT,
            last_published TEXT,
            sort_key TEXT NOT NULL
        )""",
        "CREATE INDEX corpus_events_order ON corpus_events (sort_key, id)",
        f"""CREATE TABLE corpus_event_links (
            article_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            corpus_event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            status TEXT NOT NULL,
            date_value TEXT,
            date_source TEXT,
            published TEXT,
            {offsets},
            PRIMARY KEY (article_id, event_id)
        )""",
        "CREATE INDEX corpus_event_links_event ON corpus_event_links (corpus_event_id)",
        """CREATE TABLE corpus_event_keys (
            type TEXT NOT NULL,
            entity TEXT NOT NULL,
            corpus_event_id TEXT NOT NULL,
            lo INTEGER NOT NULL,
            hi INTEGER NOT NULL
        )""",
        "CREATE INDEX corpus_event_keys_entity ON corpus_event_keys (entity, type)",
        "CREATE INDEX corpus_event_keys_event ON corpus_event_keys (corpus_event_id)",
        """CREATE TABLE corpus_figure_groups (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL,
            counted TEXT NOT NULL,
            type TEXT NOT NULL,
            unit TEXT,
            lo INTEGER NOT NULL,
            hi INTEGER NOT NULL,
            figures INTEGER NOT NULL,
            sources INTEGER NOT NULL,
            conflict INTEGER NOT NULL,
            summary TEXT NOT NULL
        )""",
        "CREATE INDEX corpus_figure_groups_key ON corpus_figure_groups (key)",
        "CREATE INDEX corpus_figure_groups_sources ON corpus_figure_groups (sources)",
        f"""CREATE TABLE corpus_figure_links (
            article_id TEXT NOT NULL,
            figure_id TEXT NOT NULL,
            group_id TEXT NOT NULL,
            counted TEXT NOT NULL,
            value {real} NOT NULL,
            upper {real},
            approximation TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT,
            source_id TEXT,
            date TEXT,
            published TEXT,
            {offsets},
            PRIMARY KEY (article_id, figure_id)
        )""",
        "CREATE INDEX corpus_figure_links_group ON corpus_figure_links (group_id)",
        "CREATE TABLE corpus_figure_terms (term TEXT NOT NULL, group_id TEXT NOT NULL)",
        "CREATE INDEX corpus_figure_terms_term ON corpus_figure_terms (term)",
        f"""CREATE TABLE corpus_claims (
            article_id TEXT NOT NULL,
            item_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            target_id TEXT NOT NULL,
            target TEXT NOT NULL,
            issue TEXT,
            polarity TEXT NOT NULL,
            {offsets},
            published TEXT,
            PRIMARY KEY (article_id, item_id)
        )""",
        "CREATE INDEX corpus_claims_issue ON corpus_claims (issue)",
        "CREATE INDEX corpus_claims_edge ON corpus_claims (actor_id, target_id)",
        """CREATE TABLE corpus_edges (
            source TEXT NOT NULL,
            target TEXT NOT NULL,
            relation TEXT NOT NULL,
            weight INTEGER NOT NULL,
            source_label TEXT NOT NULL,
            target_label TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            target_kind TEXT NOT NULL,
            evidence TEXT NOT NULL,
            PRIMARY KEY (source, target, relation)
        )""",
        "CREATE INDEX corpus_edges_weight ON corpus_edges (weight)",
    )


# Version 3: the merge finds an event or figure group by its key and a date window (``hi >= day``); indexing
# the key with ``hi`` bounds the scan to the window instead of every past row of a popular entity or phrase.
_V3_INDEXES = (
    "CREATE INDEX corpus_event_keys_window ON corpus_event_keys (entity, type, hi)",
    "CREATE INDEX corpus_figure_groups_window ON corpus_figure_groups (key, hi)",
)

# Version 4: what the web pages and capped queries read by: the first sources of each value in a figure group,
# the figures an actor is the source of, the pressures an actor receives, stances in a date window, the most
# quoted actors, and events of one type in date order.
_V4_INDEXES = (
    "CREATE INDEX corpus_entities_quotes ON corpus_entities (quotes)",
    "CREATE INDEX corpus_events_type ON corpus_events (type, sort_key)",
    "CREATE INDEX corpus_figure_links_value ON corpus_figure_links (group_id, value, published, article_id, figure_id)",
    "CREATE INDEX corpus_figure_links_source ON corpus_figure_links (source_id)",
    "CREATE INDEX corpus_claims_target ON corpus_claims (target_id)",
    "CREATE INDEX corpus_claims_published ON corpus_claims (published)",
    "CREATE INDEX corpus_claims_relation ON corpus_claims (actor_id, target_id, polarity, published)",
    "CREATE INDEX corpus_edges_target ON corpus_edges (target, weight)",
)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        version=1,
        description="articles with their records, normalized items with offsets, failures, full-text search",
        sqlite=_SQLITE_V1,
        postgres=_POSTGRES_V1,
    ),
    Migration(
        version=2,
        description="corpus tables: near-duplicates, merged entities, quotes, events, figures, stance network",
        sqlite=_v2_tables(blob="BLOB", real="REAL"),
        postgres=_v2_tables(blob="BYTEA", real="DOUBLE PRECISION"),
    ),
    Migration(
        version=3,
        description="corpus merge look-ups by key and date: event keys on (entity, type, hi), figure groups on (key, hi)",
        sqlite=_V3_INDEXES,
        postgres=_V3_INDEXES,
    ),
    Migration(
        version=4,
        description="read paths of the web pages: figure links by (group, value, date) and by source, claims by target",
        sqlite=_V4_INDEXES,
        postgres=_V4_INDEXES,
    ),
    Migration(
        version=5,
        description="an entity's running totals (corpus_entities.tally), so a merge adds a batch's mentions to them",
        sqlite=("ALTER TABLE corpus_entities ADD COLUMN tally TEXT",),
        postgres=("ALTER TABLE corpus_entities ADD COLUMN tally TEXT",),
    ),
    Migration(
        version=6,
        description="events sort and filter by their order key byte by byte on PostgreSQL too (COLLATE \"C\")",
        # SQLite compares text byte by byte already; a PostgreSQL database made with a language's collation
        # would sort "2025-02|..." after "2025-02-03|..." and undated ("~|...") events among dated ones.
        sqlite=(),
        postgres=('ALTER TABLE corpus_events ALTER COLUMN sort_key TYPE TEXT COLLATE "C"',),
    ),
)

# The corpus tables (version 2), children before parents: the order Corpus.rebuild() empties them in.
CORPUS_TABLES = (
    "corpus_edges",
    "corpus_claims",
    "corpus_figure_terms",
    "corpus_figure_links",
    "corpus_figure_groups",
    "corpus_event_keys",
    "corpus_event_links",
    "corpus_events",
    "corpus_quote_keys",
    "corpus_quote_links",
    "corpus_quotes",
    "corpus_names",
    "corpus_entity_links",
    "corpus_entities",
    "corpus_bands",
    "corpus_articles",
    "corpus_state",
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
