"""The Ray runner: analyzer actors on a Ray cluster, each loading the spaCy pipeline once; the driver streams
chunks of documents to them and takes the records back in the order sent.

The driver (the ``storyline ingest`` process) reads the inputs and is the store's only writer
(:class:`~storyline.run.local.IngestRun`); the actors only turn documents into records. A chunk goes to the
actor with the fewest chunks queued (at most :data:`DEPTH` each, so every actor has its next chunk waiting),
and at most :data:`WINDOW` chunks per actor are out at once, so memory stays flat on any input.

Faults. The actors are created with ``max_restarts=-1`` and ``max_task_retries``: when a worker process dies
(killed, out of memory, its node lost) Ray starts the actor again, on another node if need be, and runs its
unfinished chunks again. Analysis has no side effects and nothing is stored until the record is back on the
driver, so a chunk run twice is still stored once. A chunk whose worker dies on every try is split into
single articles; an article that still kills its worker comes back as
:class:`~storyline.run.Unanalyzed` and is recorded as a failure, not retried forever.

Network. Without an address the runner starts a private local cluster bound to 127.0.0.1. Unconfigured,
Ray picks the node's IP by opening a socket towards 8.8.8.8 and probes cloud metadata (169.254.169.254);
:func:`start_local_cluster` prevents both: before Ray is imported it sets ``RAY_USAGE_STATS_ENABLED=0``,
``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`` (the node IP becomes 127.0.0.1) and ``RAY_AUTH_MODE=disabled`` in
this process's environment, and while ``ray.init`` starts the cluster's processes it points ``HOME`` at a
temporary folder holding an empty ``ray_bootstrap_config.yaml`` (which skips the metadata probe), restoring
``HOME`` as soon as ``ray.init`` returns. These settings only hold if this module imports Ray first: a
program that imported Ray itself must set them before doing so. With an ``--address`` nothing is changed:
the cluster's own configuration applies.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from storyline.errors import PipelineError, StorylineError
from storyline.model import Document, Record
from storyline.run import RAY_INSTALL, Runner, RunnerError, RunnerMissingError, Unanalyzed

#: set before Ray is imported when starting a local cluster (see the module docstring)
LOCAL_CLUSTER_ENVIRONMENT = {
    "RAY_USAGE_STATS_ENABLED": "0",
    "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
    "RAY_AUTH_MODE": "disabled",
}
BOOTSTRAP_CONFIG = "ray_bootstrap_config.yaml"
#: documents per chunk sent to an actor
BATCH_SIZE = 16
#: chunks queued on one actor at once (one running, the next waiting)
DEPTH = 2
#: chunks out per actor at most, counting those done but waiting for an earlier one to be stored
WINDOW = 8
#: times Ray runs a chunk again after its worker died, before the chunk is split
MAX_TASK_RETRIES = 3
#: seconds to wait for a cluster's head to accept a connection
CONNECT_TIMEOUT_S = 10.0
#: seconds to wait for the analyzers to load their pipelines
START_TIMEOUT_S = 300.0


class _Analyzer:
    """A Ray actor: the pipeline, loaded once in its worker process; chunks of documents in, records out."""

    def __init__(self) -> None:
        from storyline.analyze import analyze

        analyze("The council met on Monday, the mayor said.")  # loads the pipeline and warms it up

    def pid(self) -> int:
        return os.getpid()

    def analyze(self, documents: list[Document]) -> list[Record]:
        from storyline.analyze import analyze_many

        return list(analyze_many(documents, batch_size=len(documents) or 1))


class LocalCluster:
    """A private Ray cluster on this machine, on 127.0.0.1 only; :meth:`stop` ends it and removes its files.

    >>> cluster = start_local_cluster(num_cpus=2)         # doctest: +SKIP
    """

    def __init__(self, num_cpus: int, root: Path) -> None:
        self.num_cpus = num_cpus
        self.root = root

    def stop(self) -> None:
        import ray

        ray.shutdown()
        shutil.rmtree(self.root, ignore_errors=True)


def start_local_cluster(num_cpus: int | None = None, temp_dir: str | Path | None = None) -> LocalCluster:
    """Start a local Ray cluster with ``num_cpus`` CPUs (default: this machine's) and connect this process
    to it, with the settings that keep it on 127.0.0.1 (see the module docstring)."""
    root = Path(temp_dir) if temp_dir is not None else Path(tempfile.mkdtemp(prefix="storyline-ray-"))
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    (home / BOOTSTRAP_CONFIG).write_text("{}\n", encoding="utf-8")
    os.environ.update(LOCAL_CLUSTER_ENVIRONMENT)
    num_cpus = num_cpus or os.cpu_count() or 1
    ray = _import_ray()
    try:
        with _home(home):
            ray.init(
                num_cpus=num_cpus,
                include_dashboard=False,
                _temp_dir=str(root / "ray"),
                log_to_driver=False,
                logging_level=logging.WARNING,
            )
    except Exception as error:  # noqa: BLE001  (Ray raises many kinds; the user gets one line)
        shutil.rmtree(root, ignore_errors=True)
        raise RunnerError(f"cannot start a local Ray cluster ({type(error).__name__}: {error})") from error
    return LocalCluster(num_cpus, root)


@contextlib.contextmanager
def _home(home: Path) -> Iterator[None]:
    """``HOME`` set to ``home`` for the duration only (the processes Ray starts keep it)."""
    before = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("HOME", None)
        else:
            os.environ["HOME"] = before


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as error:
        raise RunnerMissingError(f"the ray runner needs Ray: install it with {RAY_INSTALL} ({error})") from error
    return ray


_SENT = object()  # a finished chunk's ref: not None (it was sent), no longer a Ray object


@dataclass
class _Chunk:
    documents: list[Document]
    alone: bool = False  # one article, on an actor with nothing else queued
    actor: int = -1
    ref: Any = None  # ray.ObjectRef of list[Record], once sent
    done: bool = False  # finished (or failed): no longer counts against its actor's queue
    records: list[Record] = field(default_factory=list)
    error: Exception | None = None  # why it failed: its worker died on every try, or the pipeline raised

    @property
    def weight(self) -> int:
        return DEPTH if self.alone else 1


class RayRunner(Runner):
    """Analyzes on a Ray cluster: ``address`` (``auto``, ``host:port``, ``ray://host:port``) or, without
    one, a private local cluster with ``workers`` CPUs. If this process is already connected to Ray
    (``ray.init`` was called) that connection is used and left open.

    ``workers``: analyzer actors, one CPU each (default: one per CPU of the cluster). ``notice`` is told in
    one line where the work runs once the cluster is up. Nothing starts before the first document.
    """

    name = "ray"
    #: the actor class (a subclass may swap it, as the tests do to crash a worker on purpose)
    analyzer: type = _Analyzer

    def __init__(
        self,
        workers: int | None = None,
        address: str | None = None,
        *,
        batch_size: int = BATCH_SIZE,
        max_task_retries: int = MAX_TASK_RETRIES,
        notice: Callable[[str], None] | None = None,
    ) -> None:
        self.workers = workers
        self.address = address
        self.batch_size = batch_size
        self.max_task_retries = max_task_retries
        self.notice = notice
        self._cluster: LocalCluster | None = None
        self._connected = False  # ray.init was called here (and ray.shutdown is ours to call)
        self._actors: list[Any] = []

    # --- the cluster and the actors --------------------------------------------------------------------

    def start(self) -> None:
        """Connect (or start a local cluster) and wait until every analyzer has loaded its pipeline."""
        if self._actors:
            return
        ray = self._connect()
        cpus = int(ray.cluster_resources().get("CPU", 0))
        count = self.workers or max(cpus, 1)
        analyzer = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=self.max_task_retries)(self.analyzer)
        self._actors = [analyzer.remote() for _ in range(count)]
        try:
            ray.get([actor.pid.remote() for actor in self._actors], timeout=START_TIMEOUT_S)
        except ray.exceptions.GetTimeoutError:
            raise RunnerError(
                f"the {count} Ray analyzers did not start within {START_TIMEOUT_S:.0f}s: the cluster has {cpus} "
                "CPUs; give fewer --workers or add nodes"
            ) from None
        except ray.exceptions.RayActorError as error:
            raise PipelineError(f"the analyzers could not load the pipeline on the cluster: {_cause(error)}") from None
        if self._cluster is not None:
            where = "a local Ray cluster on 127.0.0.1"
        elif self.address is not None:
            where = f"the Ray cluster at {self.address}"
        else:
            where = "the Ray cluster this process is connected to"
        if self.notice:
            self.notice(f"analyzing on {where}: {count} analyzers, {cpus} CPUs")

    def _connect(self) -> Any:
        if self.address is None:
            ray_imported = _ray_if_connected()
            if ray_imported is not None:
                return ray_imported
            self._cluster = start_local_cluster(self.workers)
            self._connected = True
            return _import_ray()
        ray = _import_ray()
        if ray.is_initialized():
            return ray
        _check_reachable(self.address)
        try:
            ray.init(address=self.address, log_to_driver=False, logging_level=logging.WARNING)
        except ImportError as error:  # ray:// needs the client's extra packages
            raise RunnerMissingError(
                f"connecting to {self.address} needs Ray's client: install it with pip install 'ray[client]' ({error})"
            ) from error
        except Exception as error:  # noqa: BLE001  (ConnectionError, RuntimeError, ValueError... from Ray)
            raise RunnerError(
                f"cannot connect to the Ray cluster at {self.address} ({type(error).__name__}: {_first_line(error)}); "
                "check the address and that the cluster is running"
            ) from error
        self._connected = True
        return ray

    def worker_pids(self) -> list[int]:
        """The process id of each analyzer (a restarted analyzer has a new one)."""
        ray = _import_ray()
        return [int(pid) for pid in ray.get([actor.pid.remote() for actor in self._actors])]

    def close(self) -> None:
        if not self._actors and not self._connected:
            return
        ray = _import_ray()
        for actor in self._actors:
            with contextlib.suppress(Exception):
                ray.kill(actor)
        self._actors = []
        if self._cluster is not None:
            self._cluster.stop()
            self._cluster = None
        elif self._connected:
            ray.shutdown()
        self._connected = False

    # --- the work --------------------------------------------------------------------------------------

    def analyze(self, documents: Iterable[Document]) -> Iterator[Record | Unanalyzed]:
        stream = iter(documents)
        first = next(stream, None)
        if first is None:
            return  # nothing to analyze (everything already stored): no cluster is started
        self.start()
        yield from self._schedule(chain([first], stream))

    def _schedule(self, stream: Iterator[Document]) -> Iterator[Record | Unanalyzed]:
        ray = _import_ray()
        actors = range(len(self._actors))
        load = [0] * len(self._actors)  # chunks queued on each actor (an article tried alone fills its queue)
        recovering: dict[int, Any] = {}  # actor -> a call that returns once Ray has restarted it
        queue: deque[_Chunk] = deque()  # in the order read: results go out in this order
        window = WINDOW * len(self._actors)
        exhausted = False

        def pick(chunk: _Chunk) -> int | None:
            # An article tried alone goes to an idle actor; other chunks to the least busy one.
            room = 1 if chunk.alone else DEPTH
            free = [actor for actor in actors if actor not in recovering and load[actor] < room]
            return min(free, key=load.__getitem__, default=None)

        def send(chunk: _Chunk, actor: int) -> None:
            chunk.actor = actor
            load[actor] += chunk.weight
            chunk.ref = self._actors[actor].analyze.remote(chunk.documents)

        def finish(chunk: _Chunk) -> None:
            chunk.done = True
            load[chunk.actor] -= chunk.weight
            try:
                chunk.records = ray.get(chunk.ref)
            except (ray.exceptions.RayActorError, ray.exceptions.ObjectLostError) as error:
                chunk.error = error
                if chunk.actor not in recovering:  # no more work for it until Ray has restarted it
                    recovering[chunk.actor] = self._actors[chunk.actor].pid.options(max_task_retries=-1).remote()
            except ray.exceptions.RayTaskError as error:
                chunk.error = error
            chunk.ref = _SENT  # the records are here now: let Ray free its copy

        while True:
            # Articles to try alone (their chunk's worker kept dying) go first, in order, each to an idle
            # actor; new chunks only once none is waiting.
            waiting = [chunk for chunk in queue if chunk.ref is None]
            for chunk in waiting:
                actor = pick(chunk)
                if actor is None:
                    break
                send(chunk, actor)
            waiting = [chunk for chunk in queue if chunk.ref is None]
            while not waiting and not exhausted and len(queue) < window:
                chunk = _Chunk([])
                actor = pick(chunk)
                if actor is None:
                    break
                chunk.documents = list(islice(stream, self.batch_size))
                if not chunk.documents:
                    exhausted = True
                    break
                queue.append(chunk)
                send(chunk, actor)
            if not queue:
                return
            head = queue[0]
            if not head.done:
                running = {chunk.ref: chunk for chunk in queue if chunk.ref is not None and not chunk.done}
                pings = {ref: actor for actor, ref in recovering.items()}
                ready, _ = ray.wait([*running, *pings], num_returns=1)
                for ref in ready:
                    if ref in pings:
                        del recovering[pings[ref]]
                    else:
                        finish(running[ref])
                continue
            queue.popleft()
            if isinstance(head.error, ray.exceptions.RayTaskError):  # the pipeline raised: stop, as locally
                cause = getattr(head.error, "cause", None)
                if isinstance(cause, StorylineError):
                    raise cause from None
                raise PipelineError(f"the pipeline failed on a Ray worker: {_first_line(head.error)}") from None
            if head.error is not None:  # its worker died on every try
                if head.alone:
                    reason = f"the Ray worker analyzing it died {self.max_task_retries + 1} times ({_cause(head.error)})"
                    yield Unanalyzed(head.documents[0], reason)
                else:  # find the article that kills its worker: each alone, in its place in the order
                    queue.extendleft(reversed([_Chunk([document], alone=True) for document in head.documents]))
                continue
            yield from head.records


def _check_reachable(address: str) -> None:
    """Fail fast on a HOST:PORT nobody listens on: ray.init would retry for minutes, logging each try."""
    import socket

    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # "auto", or a form Ray itself will explain
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as error:
        raise RunnerError(
            f"cannot reach the Ray cluster at {address} ({error.strerror or error}); check the address and that "
            "the head node is running ('ray status' there)"
        ) from None


def _ray_if_connected() -> Any:
    """Ray, when this process already imported it and is connected to a cluster; else None."""
    import sys

    ray = sys.modules.get("ray")
    return ray if ray is not None and ray.is_initialized() else None


def _cause(error: BaseException) -> str:
    return _first_line(error) or type(error).__name__


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


__all__ = ["LOCAL_CLUSTER_ENVIRONMENT", "LocalCluster", "RayRunner", "start_local_cluster"]
