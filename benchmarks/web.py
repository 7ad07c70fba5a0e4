"""The web app: latency of every page and JSON twin on a generated corpus, and throughput under concurrent load.

What is measured
    latency    ``storyline serve --read-only`` on a generated corpus (benchmarks/corpus.py build), in its own
               process on 127.0.0.1, and one keep-alive client (httpx) in this process. Each page and its
               ``.json`` twin is asked once to warm up, then ``--runs`` times, each run with other parameters
               drawn (seeded) from the corpus itself: the 200 most mentioned actors (people only for the
               timeline's actor filter), random articles and events, its issues, event types, outlets, counted
               things, and 90-day windows inside its dates. The page and its twin get the same parameters run
               by run. Median, p95 and max latency (client side, from
               sending the request to the last byte), median response size. Bar (issue 7), at 100,000
               articles: p95 < 300 ms for a page, < 150 ms for JSON. ``POST /analyze.json`` with a short text
               runs the NLP pipeline, so it is reported apart, without a bar.
    load       The same server, and a second process on loopback with --clients threads, each with its own
               keep-alive connection, asking a shuffled mix of every GET page and JSON twin above (the
               parameters of --runs runs) for --seconds; requests/s, median and p95 latency under load, errors
               and timeouts; first with 1 client (the baseline), then with --clients, and the ratio. Every
               endpoint is asked once before, to warm the caches; one whose warm-up takes over --skip-over ms
               is left out of the mix (and named), so that one slow endpoint cannot make the run a measure of
               that endpoint alone.
    Both end with the server's peak RSS (VmHWM from /proc).

A request times out when the server sends nothing for --timeout seconds (httpx's read timeout). An endpoint
that times out is not asked again (its other runs count as skipped), and the benchmark waits for the server
to go idle (it goes on computing the answer nobody waits for) before the next endpoint, so one slow endpoint
does not slow the next ones down.

The corpus is read at --cache (default /tmp/storyline-bench)/corpus-SIZE.db, or at --db. The server runs with
--read-only (it stores nothing) and this script samples the corpus through SQLite's ``mode=ro``, so the
benchmark can run beside a build of the other corpora.

Usage
    .venv/bin/python benchmarks/web.py latency --size 100000 --runs 30
    .venv/bin/python benchmarks/web.py load --size 100000 --seconds 20 --clients 8 [--workers 2]
    .venv/bin/python benchmarks/web.py latency --size 30000 --runs 10 --only timeline network
    .venv/bin/python benchmarks/web.py latency --db news.db --runs 10
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, format_table, machine_note

CACHE = Path("/tmp/storyline-bench")
SEED = 7
HOST = "127.0.0.1"  # loopback only (../shared/NETWORK.md)
PAGE_BAR_MS = 300.0
JSON_BAR_MS = 150.0

# Short texts for POST /analyze.json: made up, news-shaped, with a quote, a figure and a date.
TEXTS = (
    'Workers at the port of Varena walked out on Monday, the union said. "We will not accept another pay freeze," '
    "said Ilse Varga, who leads the dock workers. About 1,200 workers joined the strike, and 40 ships were waiting "
    "outside the harbour by Tuesday evening.",
    "The finance minister, Tomas Brenner, presented the budget to parliament on Thursday. He said spending on "
    'pensions would rise by 3 percent. "This is a budget for the people who built this country," Brenner told '
    "reporters. The opposition called the plan reckless.",
    "Negotiators from Kordania and Estravia agreed on a ceasefire late on Sunday, officials said. The agreement "
    "takes effect on Wednesday. At least 35 people were killed in the fighting last week, according to the Red "
    'Cross. "The guns must fall silent," said Anna Holm, the mediator.',
)


def _bar(kind: str) -> float:
    return PAGE_BAR_MS if kind == "page" else JSON_BAR_MS


def _percentiles(ms: list[float]) -> tuple[float, float, float]:
    """Median, p95 (nearest rank, as benchmarks/corpus.py) and max of ``ms``."""
    ordered = sorted(ms)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], ordered[-1]


# --- the server ------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _client(port: int, timeout: float) -> Any:
    import httpx

    # trust_env=False: no proxy from the environment, the requests go straight to loopback.
    return httpx.Client(base_url=f"http://{HOST}:{port}", timeout=timeout, trust_env=False)


class Server:
    """``storyline serve --read-only`` on ``db`` in a child process, on a free loopback port."""

    def __init__(self, db: Path, timeout: float, workers: int = 1) -> None:
        self.db = db
        self.timeout = timeout
        self.workers = workers
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the server; closed in __exit__)

    def __enter__(self) -> Server:
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
        )
        command = [sys.executable, "-c", "import sys; from storyline.cli import main; sys.exit(main())", "serve",
                   "--db", str(self.db), "--read-only", "--host", HOST, "--port", str(self.port),
                   "--workers", str(self.workers)]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        started = time.perf_counter()
        with _client(self.port, 5) as client:
            while True:
                if self.process.poll() is not None:
                    sys.exit(f"error: the server exited ({self.process.returncode}):\n{self.log()}")
                try:
                    if client.get("/analyze.json").status_code == 200:
                        break
                except Exception:  # not listening yet
                    pass
                if time.perf_counter() - started > 120:
                    log = self.log()
                    self.__exit__(None, None, None)
                    sys.exit(f"error: the server did not answer within 120 s:\n{log}")
                time.sleep(0.2)
        print(f"server: pid {self.process.pid}, http://{HOST}:{self.port}/, up in {time.perf_counter() - started:.1f}s",
              file=sys.stderr)  # fmt: skip
        return self

    def log(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-3000:]

    def pids(self) -> list[int]:
        """The server's process and, with --workers, the worker processes it forked."""
        assert self.process is not None
        found = [self.process.pid]
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    found.append(int(entry))
        return found

    def memory_mb(self) -> tuple[float, float]:
        """The server's peak and current resident set size (VmHWM, VmRSS), in MB: the largest of its
        processes (each worker holds its own app)."""
        peak = current = 0.0
        for pid in self.pids():
            values = {"VmHWM": 0.0, "VmRSS": 0.0}
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    key, _, value = line.partition(":")
                    if key in values:
                        values[key] = int(value.split()[0]) / 1024
            except OSError:
                pass
            peak, current = max(peak, values["VmHWM"]), max(current, values["VmRSS"])
        return peak, current

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far (all its threads and worker processes)."""
        total = 0.0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def wait_idle(self, longest: float = 600.0) -> float:
        """Wait until the server uses under 10% of a CPU over a second (an abandoned request has finished);
        how long that took."""
        started = time.perf_counter()
        before = self.cpu_seconds()
        while time.perf_counter() - started < longest:
            time.sleep(1.0)
            now = self.cpu_seconds()
            if now - before < 0.1:
                break
            before = now
        return time.perf_counter() - started

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # uvicorn shuts down cleanly on Ctrl-C
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


# --- what to ask -----------------------------------------------------------------------------------------------


@dataclass
class Samples:
    """Parameters drawn from the corpus: what a user would click on or type."""

    articles: int
    article_ids: list[str]
    actors: list[str]  # the most mentioned, people and organisations
    people: list[str]  # the most mentioned people (events have people for participants)
    events: list[tuple[str, str, str]]  # (article id, article event id, corpus event id)
    issues: list[str]
    types: list[str]
    outlets: list[str]
    counted: list[str]
    words: list[str]
    first: str
    last: str


def read_samples(db: Path, rng: random.Random) -> Samples:
    """Sample the corpus through a read-only SQLite connection."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:

        def column(sql: str, *params: Any) -> list[Any]:
            return [row[0] for row in con.execute(sql, params)]

        count = column("SELECT COUNT(*) FROM articles")[0]
        top = column("SELECT MAX(seq) FROM articles")[0] or 0
        seqs = rng.sample(range(1, top + 1), min(top, 500))
        article_ids = column(
            f"SELECT id FROM articles WHERE seq IN ({','.join(map(str, seqs))}) ORDER BY seq"
        )
        rng.shuffle(article_ids)
        actors = column("SELECT id FROM corpus_entities ORDER BY mentions DESC, id LIMIT 200")
        people = column(
            "SELECT id FROM corpus_entities WHERE type = 'PERSON' ORDER BY mentions DESC, id LIMIT 200"
        )
        top_link = column("SELECT MAX(rowid) FROM corpus_event_links")[0] or 0
        rowids = rng.sample(range(1, top_link + 1), min(top_link, 500))
        events = [tuple(row) for row in con.execute(
            f"SELECT article_id, event_id, corpus_event_id FROM corpus_event_links WHERE rowid IN ({','.join(map(str, rowids))})"
        )]  # fmt: skip
        rng.shuffle(events)
        issues = column(
            "SELECT DISTINCT issue FROM corpus_claims WHERE issue IS NOT NULL AND issue != '' ORDER BY issue"
        )
        types = column("SELECT DISTINCT type FROM corpus_events ORDER BY type")
        outlets = column(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL AND outlet != '' ORDER BY outlet"
        )
        counted = list(
            dict.fromkeys(
                column("SELECT counted FROM corpus_figure_groups ORDER BY sources DESC, id LIMIT 200")
            )
        )[:30]
        surnames = column(
            "SELECT surname FROM corpus_entities WHERE surname IS NOT NULL AND type = 'PERSON' ORDER BY mentions DESC, id LIMIT 30"
        )
        first, last = con.execute(
            "SELECT MIN(substr(published, 1, 10)), MAX(substr(published, 1, 10)) FROM articles"
        ).fetchone()
    finally:
        con.close()
    words = [w for w in dict.fromkeys([*issues, *surnames, *(c.split()[-1] for c in counted)]) if w]
    return Samples(
        count,
        article_ids,
        actors,
        people,
        events,
        issues,
        types,
        outlets,
        counted,
        words,
        first or "",
        last or "",
    )


Draw = Callable[[random.Random], tuple[str, dict[str, str]]]


def _routes(
    s: Samples, openapi_paths: set[str], event_ref: Callable[[tuple[str, str, str]], str] | None
) -> list[tuple[str, str, Draw]]:
    """(name, the JSON twin's OpenAPI path, draw: rng -> (page path, query)) for every page the app has."""
    import datetime as dt

    def window(rng: random.Random) -> dict[str, str]:
        start, end = dt.date.fromisoformat(s.first), dt.date.fromisoformat(s.last)
        since = start + dt.timedelta(days=rng.randrange(max(1, (end - start).days - 90)))
        return {"since": since.isoformat(), "until": (since + dt.timedelta(days=90)).isoformat()}

    pages = max(1, (s.articles + 19) // 20)
    routes: list[tuple[str, str, Draw]] = [
        ("/", "/.json", lambda rng: ("/", {})),
        ("/articles?page=", "/articles.json", lambda rng: ("/articles", {"page": str(rng.randint(1, pages))})),
        ("/articles/{id}", "/articles/{article_id}.json", lambda rng: ("/articles/" + rng.choice(s.article_ids), {})),
        ("/actors/{id}", "/actors/{actor_id}.json", lambda rng: ("/actors/" + quote(rng.choice(s.actors), safe=""), {})),
        ("/timeline", "/timeline.json", lambda rng: ("/timeline", {})),
        ("/timeline?actor=", "/timeline.json", lambda rng: ("/timeline", {"actor": rng.choice(s.people)})),
        ("/timeline?issue=", "/timeline.json", lambda rng: ("/timeline", {"issue": rng.choice(s.issues)})),
        ("/timeline?type=&since=&until=", "/timeline.json",
         lambda rng: ("/timeline", {"type": rng.choice(s.types), **window(rng)})),
        ("/timeline?outlet=", "/timeline.json", lambda rng: ("/timeline", {"outlet": rng.choice(s.outlets)})),
        ("/network", "/network.json", lambda rng: ("/network", {})),
        ("/network?issue=", "/network.json", lambda rng: ("/network", {"issue": rng.choice(s.issues)})),
        ("/network?issue=&since=&until=", "/network.json",
         lambda rng: ("/network", {"issue": rng.choice(s.issues), **window(rng)})),
        ("/figures", "/figures.json", lambda rng: ("/figures", {})),
        ("/figures?about=", "/figures.json", lambda rng: ("/figures", {"about": rng.choice(s.counted)})),
        ("/figures?about=&conflicts=true", "/figures.json",
         lambda rng: ("/figures", {"about": rng.choice(s.counted), "conflicts": "true"})),
        ("/search?q=", "/search.json", lambda rng: ("/search", {"q": rng.choice(s.words)})),
        ("/analyze", "/analyze.json", lambda rng: ("/analyze", {})),
    ]  # fmt: skip
    events = next(
        (p for p in sorted(openapi_paths) if p.startswith("/events/{") and p.endswith("}.json")), None
    )
    if events and event_ref and s.events:
        ref = event_ref
        routes.append(
            ("/events/{id}", events, lambda rng: ("/events/" + quote(ref(rng.choice(s.events)), safe=""), {}))
        )
    missing = [name for name, path, _ in routes if path not in openapi_paths]
    if missing:
        print(f"note: the app has no route for {', '.join(missing)}: left out", file=sys.stderr)
    return [route for route in routes if route[1] in openapi_paths]


def _url(path: str, query: dict[str, str], kind: str) -> str:
    if kind == "json":
        path = "/.json" if path == "/" else path + ".json"
    return path + ("?" + urlencode(query) if query else "")


@dataclass
class Endpoint:
    name: str
    kind: str  # "page" or "json"
    urls: list[str]  # the warm-up's first, then one per run


def _corpus_event(event: tuple[str, str, str]) -> str:
    return event[2]


def _article_event(event: tuple[str, str, str]) -> str:
    return f"{event[0]}.{event[1]}"


def plan(server: Server, samples: Samples, runs: int, only: list[str] | None) -> list[Endpoint]:
    """Every page and its twin, with ``runs + 1`` URLs each (same parameters for both, run by run)."""
    with _client(server.port, max(server.timeout, 120)) as client:  # setting up is not measured
        openapi = set(client.get("/api.json").json().get("paths", {}))
        event_ref = None
        if samples.events and any(p.startswith("/events/{") for p in openapi):
            # The event route takes a corpus event id or an article's own ``<article id>.<event id>``: use what
            # it answers (links in article pages use the second form, see storyline.web.urls).
            statuses = []
            for candidate in (_corpus_event, _article_event):
                outcome = request(
                    client, "GET", "/events/" + quote(candidate(samples.events[0]), safe="") + ".json"
                )
                statuses.append(f"HTTP {outcome.status} {outcome.error}".strip())
                if outcome.status == 200:
                    event_ref = candidate
                    break
            else:
                event_ref = _corpus_event
                print(f"note: /events/{{id}} answers neither a corpus event id ({statuses[0]}) nor ARTICLE.EVENT "
                      f"({statuses[1]}): asking with corpus event ids anyway", file=sys.stderr)  # fmt: skip
    endpoints = []
    for name, _, draw in _routes(samples, openapi, event_ref):
        if only and not any(word in name for word in only):
            continue
        rng = random.Random(f"{SEED}:{name}")
        drawn = [draw(rng) for _ in range(runs + 1)]
        for kind in ("page", "json"):
            endpoints.append(Endpoint(name, kind, [_url(path, query, kind) for path, query in drawn]))
    return endpoints


# --- latency ---------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    ms: float
    status: int  # 0: timed out, -1: the connection failed
    size: int
    error: str = ""  # the start of the answer (or the exception) when it is not a 200


def request(client: Any, method: str, url: str, **kwargs: Any) -> Outcome:
    import httpx

    started = time.perf_counter()
    try:
        response = client.request(method, url, **kwargs)
        size = len(response.content)
        status = response.status_code
    except httpx.TimeoutException:
        return Outcome((time.perf_counter() - started) * 1000, 0, 0, "timed out")
    except httpx.HTTPError as error:
        return Outcome((time.perf_counter() - started) * 1000, -1, 0, f"{type(error).__name__}: {error}")
    ms = (time.perf_counter() - started) * 1000
    if status != 200:
        # The JSON envelope's message, or the error page's text without its markup.
        text = response.text
        if "json" in response.headers.get("content-type", ""):
            with contextlib.suppress(ValueError, AttributeError):
                text = response.json().get("error", text)
        return Outcome(ms, status, size, " ".join(re.sub(r"<[^>]*>", " ", str(text)).split())[-300:])
    return Outcome(ms, status, size)


def measure(
    server: Server, client: Any, calls: list[tuple[str, str, dict[str, Any]]]
) -> tuple[list[Outcome], int]:
    """The outcomes of ``calls`` (method, url, keyword arguments): a warm-up (not counted, unless it times out),
    then the runs; and how many runs were skipped after a timeout."""
    outcomes: list[Outcome] = []
    reported = False
    for i, (method, url, kwargs) in enumerate(calls):
        outcome = request(client, method, url, **kwargs)
        if i or outcome.status == 0:
            outcomes.append(outcome)
        if outcome.status not in (0, 200) and not reported:
            print(f"  HTTP {outcome.status} on {method} {url}: {outcome.error}", file=sys.stderr)
            reported = True
        if outcome.status == 0:
            waited = server.wait_idle()
            print(f"  timeout after {outcome.ms / 1000:.1f}s on {method} {url}{' (warm-up)' if not i else ''}; "
                  f"waited {waited:.0f}s for the server to go idle", file=sys.stderr)  # fmt: skip
            return outcomes, len(calls) - 1 - i
    return outcomes, 0


def _row(
    name: str, kind: str, outcomes: list[Outcome], skipped: int, bar: float | None
) -> tuple[list[object], str | None]:
    """A table row and, when the endpoint misses its bar, why."""
    ok = [o for o in outcomes if o.status == 200]
    timeouts = sum(o.status == 0 for o in outcomes)
    errors = len(outcomes) - len(ok) - timeouts
    if ok:
        median, p95, top = _percentiles([o.ms for o in ok])
        size = statistics.median(o.size for o in ok) / 1024
        cells: list[object] = [f"{median:,.1f}", f"{p95:,.1f}", f"{top:,.1f}", f"{size:,.1f}"]
    else:
        p95 = float("inf")
        cells = ["-", "-", "-", "-"]
    problems = ", ".join(
        f"{n} {what}" for n, what in ((timeouts, "timed out"), (skipped, "skipped"), (errors, "errors")) if n
    )
    if bar is None:
        verdict = problems or ""
    elif timeouts or skipped or errors or p95 >= bar:
        verdict = "MISS" + (f" ({problems})" if problems else "")
    else:
        verdict = "ok"
    status = [str(o.status) for o in outcomes if o.status not in (0, 200)]
    if status:
        verdict += f" [HTTP {','.join(sorted(set(status)))}]"
    row = [name, kind, len(ok), *cells, f"< {bar:.0f}" if bar else "-", verdict]
    miss = (
        None
        if verdict in ("ok", "")
        else f"{name} ({kind}): "
        + (f"p95 {p95:,.0f} ms" if ok else "no answer")
        + (f", {problems}" if problems else "")
    )
    return row, miss


def latency(db: Path, runs: int, timeout: float, only: list[str] | None) -> None:
    rng = random.Random(SEED)
    samples = read_samples(db, rng)
    load = os.getloadavg()[0]
    with Server(db, timeout) as server, _client(server.port, timeout) as client:
        endpoints = plan(server, samples, runs, only)
        rows, misses = [], []
        for endpoint in endpoints:
            print(f"  {endpoint.kind} {endpoint.name} ...", file=sys.stderr)
            outcomes, skipped = measure(server, client, [("GET", url, {}) for url in endpoint.urls])
            row, miss = _row(endpoint.name, endpoint.kind, outcomes, skipped, _bar(endpoint.kind))
            rows.append(row)
            if miss:
                misses.append(miss)
        analyze_rows = []
        if not only or any("analyze" in word for word in only):
            calls = [("POST", "/analyze.json", {"json": {"text": TEXTS[i % len(TEXTS)], "title": f"Test {i}"}})
                     for i in range(runs + 1)]  # fmt: skip
            outcomes, skipped = measure(server, client, calls)
            analyze_rows.append(_row("POST /analyze.json (~50 words)", "json", outcomes, skipped, None)[0])
        peak, now = server.memory_mb()
    headers = ["endpoint", "kind", "runs", "median ms", "p95 ms", "max ms", "KB", "bar ms", "p95 vs bar"]
    print(f"{samples.articles:,} articles ({db}), storyline serve --read-only on {HOST}, one keep-alive client; "
          f"{runs} runs per endpoint after 1 warm-up, timeout {timeout:g}s")  # fmt: skip
    print(f"machine: {machine_note()}; load average at start {load:.2f}")
    print(format_table(headers, rows))
    if analyze_rows:
        print("\nPOST /analyze.json runs the NLP pipeline on the text (not stored): no bar")
        print(format_table(headers, analyze_rows))
    print(f"\nserver peak RSS {peak:,.0f} MB (now {now:,.0f} MB)")
    met = len(rows) - len(misses)
    print(f"{met} of {len(rows)} endpoints meet the bar (p95 < {PAGE_BAR_MS:.0f} ms pages, < {JSON_BAR_MS:.0f} ms JSON)"
          + (f"; MISSES: {'; '.join(misses)}" if misses else ""))  # fmt: skip


# --- load ------------------------------------------------------------------------------------------------------


def clients(
    port: int, seconds: float, count: int, timeout: float, workload: list[tuple[str, str]]
) -> dict[str, Any]:
    """``count`` threads, each with its own keep-alive connection, asking ``workload`` (shuffled per thread)
    for ``seconds``: the latency of every request and what went wrong. Runs in the second process."""
    results: list[tuple[str, Outcome]] = []
    lock = threading.Lock()
    start = threading.Barrier(count + 1)
    deadline = [0.0]

    def client_thread(index: int) -> None:
        order = workload[:]
        random.Random(f"{SEED}:{index}").shuffle(order)
        mine = []
        with _client(port, timeout) as client:
            start.wait()
            i = 0
            while time.perf_counter() < deadline[0]:
                name, url = order[i % len(order)]
                mine.append((name, request(client, "GET", url)))
                i += 1
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client_thread, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + seconds
    started = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "elapsed": elapsed,
        "results": [(name, o.ms, o.status) for name, o in results],
    }


def _load_round(
    server: Server, seconds: float, count: int, timeout: float, workload: list[tuple[str, str]]
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as spec:
        json.dump(workload, spec)
    try:
        command = [sys.executable, __file__, "_clients", "--port", str(server.port), "--seconds", str(seconds),
                   "--clients", str(count), "--timeout", str(timeout), "--workload", spec.name]  # fmt: skip
        cpu = server.cpu_seconds()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(f"error: the client process failed ({done.returncode}):\n{done.stderr[-3000:]}")
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        result["server_cpu"] = server.cpu_seconds() - cpu
        return result
    finally:
        os.unlink(spec.name)


def load(
    db: Path, runs: int, seconds: float, count: int, timeout: float, skip_over: float, only: list[str] | None,
    workers: int = 1,
) -> None:
    samples = read_samples(db, random.Random(SEED))
    loadavg = os.getloadavg()[0]
    with Server(db, timeout, workers) as server:
        endpoints = plan(server, samples, runs, only)
        slow = []
        with _client(server.port, timeout) as client:
            for endpoint in endpoints:
                warm = request(client, "GET", endpoint.urls[0])
                if warm.status == 0:
                    server.wait_idle()
                if warm.status == 0 or warm.ms > skip_over:
                    slow.append(
                        f"{endpoint.name} ({endpoint.kind}, {warm.ms / 1000:.1f}s{' timeout' if warm.status == 0 else ''})"
                    )
                    endpoint.urls = []
        workload = [(f"{e.name} {e.kind}", url) for e in endpoints for url in e.urls[1:]]
        if not workload:
            sys.exit("error: every endpoint is over --skip-over: nothing to load the server with")
        rows = []
        rates = {}
        slowest: list[tuple[str, list[float]]] = []
        for n in dict.fromkeys((1, count)):
            print(f"  {n} client(s) for {seconds:.0f}s ...", file=sys.stderr)
            result = _load_round(server, seconds, n, timeout, workload)
            server.wait_idle()
            outcomes = result["results"]
            ok = [ms for _, ms, status in outcomes if status == 200]
            timeouts = sum(status == 0 for _, _, status in outcomes)
            errors = len(outcomes) - len(ok) - timeouts
            rates[n] = len(ok) / result["elapsed"]
            median, p95, top = _percentiles(ok) if ok else (float("nan"),) * 3
            rows.append([n, len(outcomes), f"{result['elapsed']:.1f}", f"{rates[n]:,.1f}", f"{median:,.1f}", f"{p95:,.1f}",
                         f"{top:,.1f}", errors, timeouts, f"{result['server_cpu'] / result['elapsed']:.2f}"])  # fmt: skip
            if n == count:
                by_name: dict[str, list[float]] = {}
                for name, ms, status in outcomes:
                    if status == 200:
                        by_name.setdefault(name, []).append(ms)
                slowest = sorted(by_name.items(), key=lambda item: -statistics.median(item[1]))[:5]
        peak, now = server.memory_mb()
    print(f"{samples.articles:,} articles ({db}), storyline serve --read-only --workers {workers} on {HOST}; clients in a second process, "
          f"{len({e.name for e in endpoints if e.urls})} pages and their JSON twins x {runs} parameter sets, "
          f"shuffled per client; timeout {timeout:g}s")  # fmt: skip
    print(f"machine: {machine_note()}; load average at start {loadavg:.2f}")
    if slow:
        print(f"left out of the mix (warm-up over {skip_over:,.0f} ms): {'; '.join(slow)}")
    print(format_table(["clients", "requests", "seconds", "req/s", "median ms", "p95 ms", "max ms", "errors",
                        "timeouts", "server CPUs"], rows))  # fmt: skip
    if count != 1:
        print(f"\n{count} clients: {rates[count] / rates[1]:.2f}x the requests/s of 1 client")
        print(
            "slowest under load (median ms): "
            + "; ".join(f"{name} {statistics.median(ms):,.0f}" for name, ms in slowest)
        )
    print(f"server peak RSS {peak:,.0f} MB (now {now:,.0f} MB)")


# --- command line ----------------------------------------------------------------------------------------------


def _db(args: argparse.Namespace) -> Path:
    path: Path = args.db or args.cache / f"corpus-{args.size}.db"
    if not path.is_file():
        sys.exit(f"error: {path} not found; build it with: benchmarks/corpus.py build --sizes {args.size}")
    return path


def _require_httpx() -> None:
    try:
        import httpx  # noqa: F401
    except ModuleNotFoundError:
        sys.exit("error: the web benchmark needs httpx (pip install httpx, or the project's dev extras)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cache", type=Path, default=CACHE, help=f"where generated corpora live (default {CACHE})"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser, runs: int) -> None:
        p.add_argument("--size", type=int, default=100_000, help="the generated corpus: CACHE/corpus-SIZE.db")
        p.add_argument(
            "--db", type=Path, default=None, help="another SQLite store instead (served --read-only)"
        )
        p.add_argument("--runs", type=int, default=runs, help="runs (parameter sets) per endpoint")
        p.add_argument(
            "--timeout",
            type=float,
            default=60.0,
            help="seconds without an answer before a request times out (default 60)",
        )
        p.add_argument(
            "--only", nargs="+", default=None, metavar="WORD", help="only endpoints whose path has WORD"
        )

    p = sub.add_parser("latency", help="median and p95 latency of every page and JSON twin")
    common(p, 30)
    p = sub.add_parser("load", help="throughput under concurrent clients from a second process")
    common(p, 10)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--workers", type=int, default=1, help="server processes (storyline serve --workers)")
    p.add_argument("--skip-over", type=float, default=5000.0, metavar="MS",
                   help="leave out of the mix an endpoint whose warm-up takes longer (default 5000)")  # fmt: skip
    p = sub.add_parser("_clients")  # the second process of `load`
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--clients", type=int, required=True)
    p.add_argument("--timeout", type=float, required=True)
    p.add_argument("--workload", type=Path, required=True)
    args = parser.parse_args(argv)
    _require_httpx()
    if args.command == "latency":
        latency(_db(args), args.runs, args.timeout, args.only)
    elif args.command == "load":
        load(_db(args), args.runs, args.seconds, args.clients, args.timeout, args.skip_over, args.only, args.workers)
    else:
        workload = [(name, url) for name, url in json.loads(args.workload.read_text())]
        print(json.dumps(clients(args.port, args.seconds, args.clients, args.timeout, workload)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
