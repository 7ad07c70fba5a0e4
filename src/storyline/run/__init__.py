"""Runners: where ``storyline ingest`` runs the NLP pipeline, behind one small interface.

::

    Runner                 documents in, records out, in the order given; never touches the store
    ├── LocalRunner        this machine: analyze_many in N processes               (run/local.py)
    └── RayRunner          a Ray cluster: actors that each hold a loaded pipeline   (run/ray.py)

Whatever the runner, one loop drives it, :class:`~storyline.run.local.IngestRun`, in the process that runs
the command (the *driver*): it reads the inputs, skips the articles the store already holds before any NLP,
hands the rest to the runner, and is the store's only writer, committing each article in its own transaction
as its record comes back. So what is stored, and the guarantees (idempotent, resumable after a kill at any
moment, every article exactly once, bad inputs recorded), are the same for every runner.

>>> from storyline.run import open_runner
>>> from storyline.run.local import IngestRun
>>> with open_store("news.db") as store, open_runner("ray") as runner:     # doctest: +SKIP
...     IngestRun(store, ["articles/"]).run(runner)

Errors: :class:`RunnerError` (a :class:`~storyline.errors.StorylineError`) when a runner cannot start (the
cluster cannot be reached), and its subclass :class:`RunnerMissingError` when the runner is not installed
(``pip install 'storyline[ray]'``).
"""

from __future__ import annotations

import importlib.util
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType

from storyline.errors import StorylineError
from storyline.model import Document, Record

RUNNERS = ("local", "ray")
RAY_INSTALL = "pip install 'storyline[ray]'"


class RunnerError(StorylineError):
    """A runner cannot start or run (a cluster that cannot be reached); the message says what to do."""


class RunnerMissingError(RunnerError):
    """The runner asked for is not installed; the message says how to install it."""


@dataclass(frozen=True)
class Unanalyzed:
    """A document the runner gave up on: the worker analyzing it died on every try (a crash or out of
    memory in the pipeline). The ingest loop records it as a failure and goes on."""

    document: Document
    reason: str


class Runner(ABC):
    """Analyzes a stream of documents. Use it as a context manager, or call :meth:`close`."""

    #: the runner's name, as ``--runner`` takes it
    name: str

    @abstractmethod
    def analyze(self, documents: Iterable[Document]) -> Iterator[Record | Unanalyzed]:
        """One result per document, in the order given.

        ``documents`` is read lazily, in the calling thread, and only a bounded window of it is in flight:
        the ingest loop's reader consults the store as it goes, and a huge input never sits in memory."""

    def close(self) -> None:  # noqa: B027  (a runner that starts nothing has nothing to release)
        """Release what the runner started (worker processes, a local cluster)."""

    def __enter__(self) -> Runner:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def ray_available() -> bool:
    """Whether Ray can be imported (checked without importing it: importing Ray has to wait until the
    local-cluster settings are in the environment, see :mod:`storyline.run.ray`)."""
    try:
        return importlib.util.find_spec("ray") is not None
    except (ImportError, ValueError):  # a broken install, or ray blocked in sys.modules
        return False


def open_runner(
    name: str = "local",
    *,
    workers: int | None = None,
    address: str | None = None,
    notice: Callable[[str], None] | None = None,
) -> Runner:
    """The runner called ``name`` (one of :data:`RUNNERS`).

    ``workers``: processes (local) or analyzer actors (Ray; default: one per CPU of the cluster).
    ``address``: the Ray cluster to join (``auto``, ``host:port``, ``ray://host:port``); without it a
    private local cluster is started on 127.0.0.1. Nothing starts until there is a document to analyze.
    ``notice`` is told in one line where the work runs, once that is known.
    """
    if name == "local":
        if address is not None:
            raise RunnerError("--address is for the ray runner; add --runner ray")
        from storyline.run.local import LocalRunner

        return LocalRunner(workers=workers or 1)
    if name == "ray":
        if not ray_available():
            raise RunnerMissingError(f"the ray runner needs Ray: install it with {RAY_INSTALL}")
        from storyline.run.ray import RayRunner

        return RayRunner(workers=workers, address=address, notice=notice)
    raise RunnerError(f"unknown runner {name!r}: choose one of {', '.join(RUNNERS)}")


__all__ = [
    "RAY_INSTALL",
    "RUNNERS",
    "Runner",
    "RunnerError",
    "RunnerMissingError",
    "Unanalyzed",
    "open_runner",
    "ray_available",
]
