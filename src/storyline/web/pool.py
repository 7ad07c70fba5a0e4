"""The app's one corpus, opened once per server thread instead of once per request.

A request is served in one of the server's worker threads, and a SQLite connection belongs to the thread that
opened it; so each thread keeps its own :class:`~storyline.corpus.Corpus` over its own connection, made on the
thread's first request and reused by every later one. Opening a corpus per request would cost a connection,
the schema check and the merge check every time.

Articles stored since the last request (by ``storyline ingest``, or ``/analyze`` with "store") are merged
before a request reads the corpus, by one thread at a time; a read-only server never merges.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from storyline.corpus import Corpus, index
from storyline.errors import StoreError
from storyline.store import is_postgres_url


class Corpora:
    """The corpus of the store at ``db``, one per thread; ``merge`` merges newly stored articles first."""

    def __init__(self, db: str, *, merge: bool = True) -> None:
        self.db = db
        self.merge = merge
        self._local = threading.local()
        self._merging = threading.Lock()

    def _identity(self) -> tuple[int, int] | None:
        """Which file the path names now: a store deleted and made again at the same path is another store."""
        if is_postgres_url(self.db):
            return None
        try:
            stat = os.stat(self.db.removeprefix("sqlite:///"))
        except OSError:
            return None
        return stat.st_dev, stat.st_ino

    def _rules(self, corpus: Corpus) -> str | None:
        """The fingerprint of the alias rules the store's corpus was merged with (another process may change
        them: ``storyline ... --aliases`` rebuilds it); a query on every request, which on PostgreSQL also
        finds a connection the server dropped (a restart, an idle timeout) before a page needs it."""
        return index.get_state(corpus.store, "rules_fingerprint")

    def _open(self) -> Corpus:
        corpus: Corpus | None = getattr(self._local, "corpus", None)
        if corpus is not None and self._local.identity == self._identity():
            try:
                if self._rules(corpus) == self._local.rules:
                    return corpus
            except StoreError:
                pass  # a dropped connection: open another
        self._forget()
        corpus = Corpus(self.db, update=False)
        self._local.corpus, self._local.identity, self._local.rules = corpus, self._identity(), self._rules(corpus)
        return corpus

    def _forget(self) -> None:
        corpus: Corpus | None = getattr(self._local, "corpus", None)
        self._local.corpus = None
        if corpus is not None:
            with suppress(StoreError):
                corpus.close()

    @contextmanager
    def corpus(self) -> Iterator[Corpus]:
        """This thread's corpus, up to date; a store error drops it, so the next request opens it afresh
        (a restarted database server, a replaced file)."""
        try:
            corpus = self._open()
            if self.merge and corpus.pending():
                with self._merging:
                    corpus.update()
            yield corpus
        except StoreError:
            self._forget()
            raise
