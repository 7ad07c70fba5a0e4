"""Crash safety: a run killed with SIGKILL at any moment, then resumed, ends with every article stored exactly
once, complete, and a consistent database.

Two ways in. ``storyline ingest`` itself, with the trained pipeline, on a few hundred generated articles
(invented sentences, distinct names and numbers), killed several times once it has committed some. And a bare
writer process adding ready-made records to each store as fast as it can, so that the kills land in the
middle of a transaction most of the time.

The kill points are random; the seed is printed on failure (set STORYLINE_CRASH_SEED to replay one).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import pgcluster
from storyline.ingest.sources import Found, iter_documents
from storyline.model import Document, Entity, Quote, Record, Span, document_id
from storyline.store import open_store, rows

KILLS = 4
SEED = int(os.environ.get("STORYLINE_CRASH_SEED", time.time_ns() % 2**32))

FIRST = "Dana Mara Owen Lior Tamsin Brenna Caspar Idris Nadia Felix Oriel Wendel Sabine Ilse Joren".split()
LAST = "Levi Tenby Rask Marlow Quell Ardent Voss Hale Pemberly Strand Okafor Lindqvist Varga Morrow".split()
PLACES = "Meridale Selby Varna Harrowgate Eastmere Kilnsey Portreath Gullwick".split()
BODIES = ["the harbour board", "the dockers' union", "the port authority", "the town council", "the ferry operator"]
TITLES = ["Finance Minister", "Mayor", "union leader", "board chairman", "Councillor"]
DAYS = "Monday Tuesday Wednesday Thursday Friday".split()


def invented_article(n: int, rng: random.Random) -> str:
    """A short news-like article made of invented sentences; ``n`` makes it unique."""
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place, body = rng.choice(PLACES), rng.choice(BODIES)
    sentences = [
        f"{body.capitalize()} in {place} said on {rng.choice(DAYS)} that {100 + n} workers would join a strike "
        f"over plan number {n}.",
        f'"We will not accept offer {n}," {rng.choice(TITLES)} {name} said.',
        f"{name.split()[1]} added that talks with {rng.choice(BODIES)} would resume on {rng.choice(DAYS)}.",
        f"About {n * 3 + 7} families in {place} depend on the port, according to {body}.",
        f"The dispute began in {1990 + n % 30}, when wages were cut by {n % 40 + 2} percent.",
    ]
    return " ".join(sentences[: 3 + n % 3])


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _kill_repeatedly(command: list[str], committed: Callable[[], int], rng: random.Random, context: str) -> int:
    """Start ``command`` and SIGKILL it once it has committed a few more articles, :data:`KILLS` times; then
    run it to the end and return its exit status."""
    for attempt in range(KILLS):
        before = committed()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wanted = before + rng.randint(1, 25)
        deadline = time.monotonic() + 60
        while process.poll() is None and committed() < wanted and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.05))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert committed() >= before, f"{context}: articles vanished after kill {attempt + 1}"
    return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120).returncode


def _check_sqlite_file(db: Path) -> None:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        connection.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")


@pytest.mark.slow
def test_crash_ingest_killed_repeatedly_then_resumed_stores_each_article_once(tmp_path: Path, nlp: object) -> None:
    rng = random.Random(SEED)
    inputs = tmp_path / "in"
    inputs.mkdir()
    texts = [invented_article(n, rng) for n in range(240)]
    for n, text in enumerate(texts[:200]):
        (inputs / f"{n:03d}.txt").write_text(text)
    for n in range(0, 200, 10):  # the same article again, with other spacing: a copy, not a new article
        (inputs / f"copy-{n:03d}.txt").write_text("\n  " + texts[n].replace(" ", "  ") + "\n")
    with (inputs / "wire.jsonl").open("w") as wire:
        for text in texts[200:]:
            wire.write(json.dumps({"text": text, "outlet": "Wire"}) + "\n")
        wire.write('{"title": "a line without text"}\n')
    (inputs / "empty.txt").write_text("   \n")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "storyline.db"
    command = [sys.executable, "-m", "storyline.cli", "ingest", str(inputs), "--db", str(db)]

    status = _kill_repeatedly(command, lambda: _count(db), rng, f"seed {SEED}")

    assert status == 2, f"seed {SEED}: the last run should finish, reporting the 3 bad inputs"
    expected: dict[str, Document] = {}
    for item in iter_documents([inputs]):
        if isinstance(item, Found):  # the first of two copies is the one stored
            expected.setdefault(item.document.id, item.document)
    assert len(expected) == 240
    _check_sqlite_file(db)
    with sqlite3.connect(db) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
    assert len(ids) == len(set(ids)) == 240, f"seed {SEED}"
    assert set(ids) == set(expected)
    from storyline.analyze import analyze_many

    with open_store(db) as store:
        assert sorted(f.path for f in store.failures()) == sorted(
            [str(inputs / "binary.txt"), str(inputs / "empty.txt"), f"{inputs / 'wire.jsonl'}:41"]
        )
        for record in analyze_many(sorted(expected.values(), key=lambda d: d.id)):
            stored = store.get(record.document.id)
            assert store.row_counts(record.document.id) == rows.expected_row_counts(stored), f"seed {SEED}"
            assert (stored.entities, stored.quotes, stored.time_expressions) == (
                record.entities,
                record.quotes,
                record.time_expressions,
            ), f"seed {SEED}: {record.document.id}"


def _heavy_record(n: int) -> Record:
    """A record with many rows (a long transaction), built by hand: no pipeline needed."""
    text = " ".join(f"Speaker{n}x{i} said the talks on plan {n} would go on." for i in range(40))
    entities, quotes = [], []
    at = 0
    for i in range(40):
        name = f"Speaker{n}x{i}"
        start = text.index(name, at)
        mention = Span(start, start + len(name), name)
        entities.append(Entity(id=f"e{i}", name=name, type="PERSON", mentions=[mention]))
        q_start = text.index("the talks", start)
        q_end = text.index(".", q_start)
        quotes.append(Quote(id=f"q{i}", kind="indirect", start=q_start, end=q_end, text=text[q_start:q_end]))
        at = q_end
    return Record(document=Document(id=document_id(text), text=text, source=f"gen-{n}"), entities=entities, quotes=quotes)


WRITER = """
import json, sys
from storyline.model import Record
from storyline.store import open_store
with open_store(sys.argv[1]) as store:
    for line in open(sys.argv[2]):
        record = Record.from_dict(json.loads(line))
        if not store.has(record.document.id):
            store.add(record)
"""


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_crash_writer_killed_mid_transaction_leaves_only_whole_articles(tmp_path: Path, backend: str) -> None:
    rng = random.Random(SEED)
    records = [_heavy_record(n) for n in range(300)]
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in records))

    def run(url: str) -> None:
        with open_store(url):  # create the schema first, so the polls below always find the table
            pass

        def committed() -> int:
            if backend == "sqlite":
                return _count(Path(url))
            with open_store(url) as store:
                return store.count()

        command = [sys.executable, "-c", WRITER, url, str(source)]
        assert _kill_repeatedly(command, committed, rng, f"{backend}, seed {SEED}") == 0
        with open_store(url) as store:
            assert store.count() == len(records), f"seed {SEED}"
            for record in records:
                assert store.get(record.document.id) == record, f"seed {SEED}"
                assert store.row_counts(record.document.id) == rows.expected_row_counts(record), f"seed {SEED}"

    if backend == "sqlite":
        run(str(tmp_path / "storyline.db"))
        _check_sqlite_file(tmp_path / "storyline.db")
    else:
        with pgcluster.schema_url() as url:
            run(url)
