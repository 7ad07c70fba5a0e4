"""The PostgreSQL store (psycopg 3): the same schema and behaviour as the SQLite one, for a corpus that
several writers share or that outgrows one file.

The connection runs in autocommit mode and every write opens its own transaction, so nothing is left
"idle in transaction" between articles. Schema changes take an advisory lock, so processes opening a new
database at once migrate it once.

>>> store = open_store("postgresql://user@127.0.0.1:5432/news")   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal

from storyline.model import Record
from storyline.store import Failure, Store, StoreError, utc_now
from storyline.store.rows import COLUMNS, JSON_COLUMNS, article_values, item_rows, record_json
from storyline.store.schema import ITEM_TABLES, MIGRATIONS, SCHEMA_VERSION
from storyline.store.search import SearchHit, best_first, locate, tsquery

CONNECT_TIMEOUT_S = 10

_INSERT = {
    table: f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('%s' for _ in columns)})"
    for table, columns in COLUMNS.items()
}
_INSERT_ARTICLE = _INSERT["articles"] + " ON CONFLICT (id) DO NOTHING RETURNING seq"
_JSON_INDEXES = {table: [i for i, c in enumerate(columns) if c in JSON_COLUMNS] for table, columns in COLUMNS.items()}
_PASSWORD = re.compile(r"(://[^:/@]+):[^@/]*@")


def redact(url: str) -> str:
    """``url`` without its password, for messages."""
    return _PASSWORD.sub(r"\1:***@", url)


class PostgresStore(Store):
    """A store in a PostgreSQL database, given as a ``postgresql://`` URL."""

    dialect: Literal["sqlite", "postgres"] = "postgres"

    def __init__(self, url: str) -> None:
        self.location = redact(url)
        try:
            import psycopg
            from psycopg.types.json import Json, Jsonb
        except ImportError as error:
            raise StoreError(
                "a postgresql:// store needs psycopg 3: install it with 'pip install \"psycopg[binary]\"'"
            ) from error
        self._psycopg = psycopg
        self._json = Json
        self._jsonb = Jsonb
        try:
            self._db = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as error:
            raise StoreError(
                f"cannot connect to PostgreSQL at {self.location} ({_first_line(error)}); check the URL and "
                "that the server is running"
            ) from error
        try:
            self._migrate()
        except psycopg.Error as error:
            self._db.close()
            raise StoreError(f"cannot set up the store {self.location} ({_first_line(error)})") from error
        except BaseException:
            self._db.close()
            raise

    # --- schema ----------------------------------------------------------------------------------------

    def _version(self) -> int:
        row = self._db.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0) if row else 0

    def _migrate(self) -> None:
        with self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(hashtext('storyline.schema.' || current_schema()))")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
            )
            current = self._version()
            if current > SCHEMA_VERSION:
                raise StoreError(
                    f"the store {self.location} has schema version {current}, newer than this storyline "
                    f"understands ({SCHEMA_VERSION}); upgrade storyline"
                )
            for migration in MIGRATIONS:
                if migration.version <= current:
                    continue
                for statement in migration.postgres:
                    self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (%s, %s, %s)",
                    (migration.version, migration.description, utc_now()),
                )

    @property
    def schema_version(self) -> int:
        return self._version()

    # --- articles --------------------------------------------------------------------------------------

    def _stored(self, table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
        indexes = _JSON_INDEXES[table]
        if not indexes:
            return row
        values = list(row)
        for i in indexes:
            values[i] = self._jsonb(values[i])
        return tuple(values)

    def add(self, record: Record, *, outlet: str | None = None) -> bool:
        document = record.document
        # The record as JSON and the time added are what the two databases store differently.
        article = (*article_values(record, outlet), self._json(record_json(record)), utc_now())
        rows = item_rows(record)
        try:
            with self._db.transaction():
                if self._db.execute(_INSERT_ARTICLE, article).fetchone() is None:
                    return False
                with self._db.cursor() as cursor:
                    for table in ITEM_TABLES:
                        if rows[table]:
                            cursor.executemany(
                                _INSERT[table],
                                [self._stored(table, row) for row in rows[table]],
                            )
        except self._psycopg.Error as error:
            raise StoreError(f"cannot store article {document.id} in {self.location} ({_first_line(error)})") from error
        return True

    # --- failures --------------------------------------------------------------------------------------

    def record_failure(self, path: str, reason: str, *, input: str | None = None, kind: str | None = None) -> None:
        self._db.execute(
            "INSERT INTO failures (path, input, reason, kind, failed_at) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (path) DO UPDATE SET input = excluded.input, reason = excluded.reason, "
            "kind = excluded.kind, failed_at = excluded.failed_at, attempts = failures.attempts + 1",
            (path, input if input is not None else path, reason, kind, utc_now()),
        )

    def failures(self) -> list[Failure]:
        rows = self._db.execute(
            "SELECT path, input, reason, kind, failed_at, attempts FROM failures ORDER BY failed_at, path"
        ).fetchall()
        return [Failure(path=p, input=i, reason=r, kind=k, failed_at=t.astimezone(dt.timezone.utc), attempts=n) for p, i, r, k, t, n in rows]

    # --- search ----------------------------------------------------------------------------------------

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        query = tsquery(text)
        if query is None or limit <= 0:
            return []
        hits: list[SearchHit] = []
        articles = self._db.execute(
            "SELECT a.id, a.text, ts_rank(a.search, q) AS rank "
            "FROM articles a, to_tsquery('english', %s) q WHERE a.search @@ q ORDER BY rank DESC, a.id LIMIT %s",
            (query, limit),
        ).fetchall()
        for article_id, article_text, rank in articles:
            where = locate(article_text, text)
            start, end = where if where else (None, None)
            snippet = article_text[start:end] if where else ""
            hits.append(SearchHit(article_id, "article", None, start, end, snippet, float(rank)))
        quotes = self._db.execute(
            "SELECT qt.article_id, qt.quote_id, qt.start_char, qt.end_char, qt.text, ts_rank(qt.search, q) AS rank "
            "FROM quotes qt, to_tsquery('english', %s) q WHERE qt.search @@ q "
            "ORDER BY rank DESC, qt.article_id, qt.position LIMIT %s",
            (query, limit),
        ).fetchall()
        for article_id, quote_id, start, end, quote_text, rank in quotes:
            hits.append(SearchHit(article_id, "quote", quote_id, start, end, quote_text, float(rank)))
        return best_first(hits, limit)

    # --- plain SQL ---------------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return list(self._db.execute(*_statement(sql, params)).fetchall())
        except self._psycopg.Error as error:
            raise StoreError(f"cannot read the store {self.location} ({_first_line(error)})") from error

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        try:
            return int(self._db.execute(*_statement(sql, params)).rowcount)
        except self._psycopg.Error as error:
            raise StoreError(f"cannot write the store {self.location} ({_first_line(error)})") from error

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        try:
            with self._db.cursor() as cursor:
                cursor.executemany(_placeholders(sql), [tuple(row) for row in rows])
        except self._psycopg.Error as error:
            raise StoreError(f"cannot write the store {self.location} ({_first_line(error)})") from error

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._db.transaction():
            yield

    def close(self) -> None:
        self._db.close()


def _placeholders(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled). Statements never hold a literal ``?``."""
    return sql.replace("%", "%%").replace("?", "%s")


def _statement(sql: str, params: Sequence[Any]) -> tuple[str, tuple[Any, ...] | None]:
    # Without parameters psycopg reads the statement as written (no placeholders, no % escaping).
    return (_placeholders(sql), tuple(params)) if params else (sql, None)


def _first_line(error: BaseException) -> str:
    return " ".join(str(error).strip().splitlines()[:1]) or type(error).__name__
