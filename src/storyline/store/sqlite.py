"""The SQLite store: one file (``storyline.db``), the default.

The file runs in WAL mode: readers (a web view, a query) never block the one writer, and a writer killed at
any moment leaves the database at its last commit. ``synchronous=NORMAL`` keeps commits cheap (no fsync per
article); a power cut may lose the last few commits, never consistency, and a re-run ingests them again.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from storyline.model import Record
from storyline.store import Failure, Store, StoreError, utc_now
from storyline.store.rows import COLUMNS, JSON_COLUMNS, article_values, item_rows, record_json
from storyline.store.schema import ITEM_TABLES, MIGRATIONS, SCHEMA_VERSION
from storyline.store.search import SearchHit, best_first, fts5_query, locate

# How long a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_MS = 30_000

_INSERT = {
    table: f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    for table, columns in COLUMNS.items()
}
_INSERT_ARTICLE = _INSERT["articles"] + " ON CONFLICT (id) DO NOTHING"
_JSON_INDEXES = {table: [i for i, c in enumerate(columns) if c in JSON_COLUMNS] for table, columns in COLUMNS.items()}


def _as_stored(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    indexes = _JSON_INDEXES[table]
    if not indexes:
        return row
    values = list(row)
    for i in indexes:
        values[i] = json.dumps(values[i], ensure_ascii=False)
    return tuple(values)


class SqliteStore(Store):
    """A store in a SQLite file (``":memory:"`` for a throwaway one)."""

    dialect: Literal["sqlite", "postgres"] = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.location = str(path)
        memory = self.location == ":memory:"
        if not memory:
            parent = Path(self.location).parent
            if not parent.is_dir():
                raise StoreError(f"cannot create the store {self.location}: the folder {parent} does not exist")
            if Path(self.location).is_dir():
                raise StoreError(f"cannot open the store {self.location}: it is a folder; give a file name")
        try:
            # Autocommit mode: every write below opens its own transaction explicitly.
            self._db = sqlite3.connect(self.location, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the store {self.location} ({error}); check the path") from error
        try:
            if not memory:
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._migrate()
        except sqlite3.Error as error:
            self._db.close()
            if isinstance(error, sqlite3.OperationalError):  # locked, read-only, disk full...
                raise StoreError(f"cannot open the store {self.location} ({error}); check the file") from error
            raise StoreError(
                f"cannot open the store {self.location} ({error}): it is not a storyline database; "
                "give another --db path"
            ) from error
        except BaseException:
            self._db.close()
            raise

    # --- schema ----------------------------------------------------------------------------------------

    def _version(self) -> int:
        row = self._db.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        if self._version() > SCHEMA_VERSION:
            raise StoreError(
                f"the store {self.location} has schema version {self._version()}, newer than this storyline "
                f"understands ({SCHEMA_VERSION}); upgrade storyline"
            )
        for migration in MIGRATIONS:
            if migration.version <= self._version():
                continue
            # IMMEDIATE takes the write lock first, so two processes opening a new file migrate it once.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if migration.version > self._version():
                    for statement in migration.sqlite:
                        self._db.execute(statement)
                    self._db.execute(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                        (migration.version, migration.description, utc_now().isoformat()),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return self._version()

    # --- articles --------------------------------------------------------------------------------------

    def add(self, record: Record, *, outlet: str | None = None) -> bool:
        document = record.document
        article = (*article_values(record, outlet), json.dumps(record_json(record), ensure_ascii=False),
                   utc_now().isoformat())  # fmt: skip
        rows = item_rows(record)
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self._db.execute(_INSERT_ARTICLE, article).rowcount == 0:
                    self._db.execute("ROLLBACK")
                    return False
                for table in ITEM_TABLES:
                    if rows[table]:
                        self._db.executemany(_INSERT[table], [_as_stored(table, row) for row in rows[table]])
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise StoreError(f"cannot store article {document.id} in {self.location} ({error})") from error
        return True

    # --- failures --------------------------------------------------------------------------------------

    def record_failure(self, path: str, reason: str, *, input: str | None = None, kind: str | None = None) -> None:
        self._db.execute(
            "INSERT INTO failures (path, input, reason, kind, failed_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET input = excluded.input, reason = excluded.reason, "
            "kind = excluded.kind, failed_at = excluded.failed_at, attempts = failures.attempts + 1",
            (path, input if input is not None else path, reason, kind, utc_now().isoformat()),
        )

    def failures(self) -> list[Failure]:
        rows = self._db.execute(
            "SELECT path, input, reason, kind, failed_at, attempts FROM failures ORDER BY failed_at, path"
        )
        return [
            Failure(path=p, input=i, reason=r, kind=k, failed_at=dt.datetime.fromisoformat(t), attempts=n)
            for p, i, r, k, t, n in rows
        ]

    # --- search ----------------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        query = fts5_query(text)
        if query is None or limit <= 0:
            return []
        hits: list[SearchHit] = []
        articles = self._db.execute(
            "SELECT a.id, a.text, bm25(articles_fts) FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ?",
            (query, limit),
        )
        for article_id, article_text, rank in articles:
            where = locate(article_text, text)
            start, end = where if where else (None, None)
            snippet = article_text[start:end] if where else ""
            hits.append(SearchHit(article_id, "article", None, start, end, snippet, -float(rank)))
        quotes = self._db.execute(
            "SELECT q.article_id, q.quote_id, q.start_char, q.end_char, q.text, bm25(quotes_fts) "
            "FROM quotes_fts JOIN quotes q ON q.seq = quotes_fts.rowid "
            "WHERE quotes_fts MATCH ? ORDER BY bm25(quotes_fts), q.article_id, q.position LIMIT ?",
            (query, limit),
        )
        for article_id, quote_id, start, end, quote_text, rank in quotes:
            hits.append(SearchHit(article_id, "quote", quote_id, start, end, quote_text, -float(rank)))
        return best_first(hits, limit)

    # --- plain SQL ---------------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._db.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as error:
            raise StoreError(f"cannot read the store {self.location} ({error})") from error

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            return int(self._db.execute(sql, tuple(params)).rowcount)
        except sqlite3.Error as error:
            raise StoreError(f"cannot write the store {self.location} ({error})") from error

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            self._db.executemany(sql, (tuple(row) for row in rows))
        except sqlite3.Error as error:
            raise StoreError(f"cannot write the store {self.location} ({error})") from error

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

