"""The ingest loop every runner is driven by, and the local runner (``analyze_many`` in N processes).

>>> with open_store("news.db") as store, LocalRunner(workers=2) as runner:    # doctest: +SKIP
...     ingest = IngestRun(store, ["articles/", "wire.jsonl"])
...     ingest.run(runner)
...     ingest.tally.added, [error.source for error in ingest.tally.failed]
(118, ['articles/empty.txt'])
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.errors import InputError
from storyline.ingest.decode import DEFAULT_MAX_BYTES
from storyline.ingest.readers import STDIN
from storyline.model import Document, Record
from storyline.run import Runner, Unanalyzed

if TYPE_CHECKING:
    from storyline.ingest.sources import Found
    from storyline.store import Store

#: the kind recorded for an article its workers kept dying on (see :class:`~storyline.run.Unanalyzed`)
UNANALYZED_KIND = "analysis failed"


class UnanalyzedError(InputError):
    """An article the runner gave up on: its worker died on every try."""


@dataclass
class IngestTally:
    """What became of each article, for the progress line and the closing summary."""

    added: int = 0
    present: int = 0  # already in the store (or twice in this run)
    cleared: int = 0  # failures recorded by an earlier run that have now succeeded
    failed: list[InputError] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.added + self.present + len(self.failed)


def _no_kind(error: InputError) -> str | None:
    return UNANALYZED_KIND if isinstance(error, UnanalyzedError) else None


class IngestRun:
    """One ``storyline ingest``: reads the inputs, sends the articles the store lacks to the runner, stores
    what comes back (in the order sent), and keeps the failures table up to date.

    It is the store's only writer, and it runs in the calling process whatever the runner: each article is
    committed in its own transaction when its record arrives, so a run killed at any moment and started
    again ends with every article stored exactly once.

    ``kind`` names a failure's kind for the failures table; ``report`` is told of each failure as it
    happens; ``progress`` is called after each article.
    """

    def __init__(
        self,
        store: Store,
        paths: Sequence[str],
        *,
        published: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retry_failed: bool = False,
        kind: Callable[[InputError], str | None] = _no_kind,
        report: Callable[[InputError], None] = lambda error: None,
    ) -> None:
        self.store = store
        self.published = published
        self.max_bytes = max_bytes
        self.kind = kind
        self.report = report
        self.tally = IngestTally()
        self.progress: Callable[[], None] = lambda: None
        # Failures recorded by earlier runs, cleared as their articles get stored.
        self.earlier = {failure.path for failure in store.failures()}
        self.inputs: list[str] = list(paths)
        if retry_failed:
            retry = (f.input for f in store.failures() if f.input != STDIN and f.input not in self.inputs)
            self.inputs.extend(dict.fromkeys(retry))
        self.pending: deque[Found] = deque()  # sent to the pipeline, in order, not stored yet
        self.in_flight: set[str] = set()

    def run(self, runner: Runner) -> None:
        """Analyze and store every article of the inputs that the store lacks."""
        for result in runner.analyze(self.documents()):
            if isinstance(result, Record):
                self.store_record(result)
            else:
                self.record_unanalyzed(result)

    def documents(self) -> Iterator[Document]:
        """The documents to analyze: failures are recorded, articles already stored skipped (before any NLP)."""
        from storyline.ingest.sources import Failed, iter_documents, iter_sources

        for name in self.inputs:  # a folder recorded as empty that now holds inputs
            if name in self.earlier and Path(name).is_dir() and next(iter(iter_sources([name])), None):
                self.store.clear_failure(name)
                self.earlier.discard(name)
                self.tally.cleared += 1
        for item in iter_documents(self.inputs, published=self.published, max_bytes=self.max_bytes):
            if isinstance(item, Failed):
                self._fail(item.error, item.input)
            elif item.document.id in self.in_flight or self.store.has(item.document.id):
                self.tally.present += 1
                self._settle(item)
                self.progress()
            else:
                self.in_flight.add(item.document.id)
                self.pending.append(item)
                yield item.document

    def store_record(self, record: Record) -> None:
        """Store the record of the oldest document sent (records come back in the order sent)."""
        found = self.pending.popleft()
        if self.store.add(record, outlet=found.outlet):
            self.tally.added += 1
        else:
            self.tally.present += 1
        self.in_flight.discard(found.document.id)
        self._settle(found)
        self.progress()

    def record_unanalyzed(self, result: Unanalyzed) -> None:
        """The runner gave up on the oldest document sent: record it as a failure, to retry later."""
        found = self.pending.popleft()
        self.in_flight.discard(found.document.id)
        self._fail(UnanalyzedError(found.location, result.reason), found.input)

    def _fail(self, error: InputError, input: str) -> None:
        self.store.record_failure(error.source, error.reason, input=input, kind=self.kind(error))
        self.earlier.discard(error.source)  # failed again: no article of this run clears it
        self.tally.failed.append(error)
        self.report(error)
        self.progress()

    def _settle(self, found: Found) -> None:
        """The article is in the store: an earlier failure of it (or of its whole file) is over."""
        for key in (found.location, found.input):
            if key in self.earlier:
                self.store.clear_failure(key)
                self.earlier.discard(key)
                self.tally.cleared += 1


class LocalRunner(Runner):
    """``analyze_many`` on this machine: in this process, or in ``workers`` processes that each load the
    pipeline."""

    name = "local"

    def __init__(self, workers: int = 1, batch_size: int = 32) -> None:
        self.workers = workers
        self.batch_size = batch_size

    def analyze(self, documents: Iterable[Document]) -> Iterator[Record | Unanalyzed]:
        from storyline.analyze import analyze_many  # looked up at each run: tests swap in a stand-in

        yield from analyze_many(documents, n_process=self.workers, batch_size=self.batch_size)


__all__ = ["UNANALYZED_KIND", "IngestRun", "IngestTally", "LocalRunner", "UnanalyzedError"]
