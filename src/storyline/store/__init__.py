"""The corpus store: every analyzed article's record, kept whole and as normalized rows, in SQLite (the
default, one file) or PostgreSQL (a server several writers can share), with the same schema and behaviour.

>>> from storyline.store import open_store
>>> with open_store("storyline.db") as store:          # doctest: +SKIP
...     if not store.has(record.document.id):
...         store.add(record)                           # one transaction: the whole article or nothing
...     store.get(record.document.id) == record
True

``open_store`` takes a path (``storyline.db``, ``sqlite:///path/to.db``, ``:memory:``) or a
``postgresql://`` URL. The schema is versioned (:mod:`storyline.store.schema`) and migrated when a store is
opened. An article's id is the content hash of its text (:func:`storyline.model.document_id`), so adding the
same article twice stores it once.

Errors: :class:`StoreError` (a :class:`~storyline.errors.StorylineError`) when a store cannot be opened or
written, with what to do; :class:`NotFoundError` (also a ``KeyError``) for an id the store does not hold.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from storyline.errors import NotFoundError, StoreError
from storyline.model import Record
from storyline.store.rows import record_from_json
from storyline.store.schema import ITEM_TABLES, SCHEMA_VERSION
from storyline.store.search import SearchHit

_PAGE = 10_000  # article ids read per query by Store.ids

DEFAULT_PATH = "storyline.db"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


@dataclass(frozen=True)
class Failure:
    """An input that could not be ingested: ``path`` names it as errors do (a file, ``file.jsonl:12``,
    ``feed.xml#3``), ``input`` is the file to read again to retry it."""

    path: str
    input: str
    reason: str
    kind: str | None
    failed_at: dt.datetime
    attempts: int


class Store(ABC):
    """What every store does. Use it as a context manager, or call :meth:`close`."""

    #: where the store lives, for messages (a path, or a URL without its password)
    location: str
    #: the SQL dialect :meth:`query` and :meth:`execute` speak
    dialect: Literal["sqlite", "postgres"]

    @abstractmethod
    def add(self, record: Record, *, outlet: str | None = None) -> bool:
        """Store ``record`` (its document, every item row and its JSON) in one transaction.

        Returns False, writing nothing, when an article with its id is already stored."""

    # The same SQL in both dialects, so written once here over :meth:`query`.

    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored."""
        return bool(self.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def get(self, article_id: str) -> Record:
        """The stored record, equal to the one added; :class:`NotFoundError` when absent."""
        rows = self.query("SELECT record, text FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"the store {self.location} holds no article {article_id}")
        return record_from_json(rows[0][0], rows[0][1])

    def count(self) -> int:
        """How many articles are stored."""
        return int(self.query("SELECT count(*) FROM articles")[0][0])

    def ids(self) -> Iterator[str]:
        """Every stored article id, in the order they were added."""
        # Pages by key rather than one open cursor, so the caller may use the store while iterating.
        last = 0
        while True:
            page = self.query("SELECT seq, id FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last, _PAGE))
            for _, article_id in page:
                yield article_id
            if len(page) < _PAGE:
                return
            last = page[-1][0]

    def row_counts(self, article_id: str) -> dict[str, int]:
        """How many rows each item table holds for an article (see :func:`rows.expected_row_counts`)."""
        return {
            table: int(self.query(f"SELECT count(*) FROM {table} WHERE article_id = ?", (article_id,))[0][0])
            for table in ITEM_TABLES
        }

    @abstractmethod
    def record_failure(self, path: str, reason: str, *, input: str | None = None, kind: str | None = None) -> None:
        """Record (or update, counting the attempt) that ``path`` could not be ingested."""

    @abstractmethod
    def failures(self) -> list[Failure]:
        """Every recorded failure, oldest first."""

    def snippets(self, spans: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """The text of each ``(article_id, start, end)`` span, read without loading the articles' records
        (a span past the end of its text is cut short; an article not stored is left out)."""
        wanted = list(dict.fromkeys(spans))
        out: dict[tuple[str, int, int], str] = {}
        for chunk in range(0, len(wanted), 200):
            part = wanted[chunk : chunk + 200]
            values = ", ".join("(?, ?, ?)" for _ in part)
            rows = self.query(
                f"WITH span (article_id, lo, hi) AS (VALUES {values}) SELECT span.article_id, span.lo, span.hi, "
                "substr(a.text, CAST(span.lo AS INTEGER) + 1, CAST(span.hi AS INTEGER) - CAST(span.lo AS INTEGER)) "
                "FROM span JOIN articles a ON a.id = span.article_id",
                [v for span in part for v in span],
            )
            out.update({(r[0], int(r[1]), int(r[2])): r[3] or "" for r in rows})
        return out

    def clear_failure(self, path: str) -> bool:
        """Forget the failure of ``path`` (it has since succeeded); False when none was recorded."""
        return self.execute("DELETE FROM failures WHERE path = ?", (path,)) > 0

    @abstractmethod
    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Articles and quotes matching ``text`` (see :mod:`storyline.store.search`), best first."""

    # --- plain SQL, for the layers above (storyline.corpus keeps its derived tables with these) -----------

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of one statement. Placeholders are ``?`` in both dialects."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement (``?`` placeholders); the number of rows it changed."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement (``?`` placeholders) for each row."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A context in which every statement commits together, or none does (it is rolled back on an
        exception). Not re-entrant."""

    @property
    @abstractmethod
    def schema_version(self) -> int:
        """The schema version of the open database."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection; an unfinished transaction is rolled back."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location}>"


def is_postgres_url(url_or_path: str | Path) -> bool:
    return isinstance(url_or_path, str) and url_or_path.startswith(POSTGRES_SCHEMES)


def open_store(url_or_path: str | Path = DEFAULT_PATH) -> Store:
    """The store at ``url_or_path``, created and migrated to the current schema as needed.

    A ``postgresql://`` URL opens PostgreSQL (psycopg 3); anything else is a SQLite file path (a
    ``sqlite:///`` prefix is allowed; ``:memory:`` is a throwaway store).
    """
    if is_postgres_url(url_or_path):
        from storyline.store.postgres import PostgresStore

        return PostgresStore(str(url_or_path))
    from storyline.store.sqlite import SqliteStore

    path = str(url_or_path)
    return SqliteStore(path.removeprefix("sqlite:///") if path.startswith("sqlite:///") else path)


def utc_now() -> dt.datetime:
    """Now, in UTC, to the second (both stores keep timestamps at this precision)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


__all__ = [
    "DEFAULT_PATH",
    "SCHEMA_VERSION",
    "Failure",
    "NotFoundError",
    "SearchHit",
    "Store",
    "StoreError",
    "open_store",
]
