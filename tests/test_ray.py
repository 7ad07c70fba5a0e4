"""The Ray runner: ``storyline ingest --runner ray`` stores what the local runner stores, exactly once, even when
a Ray worker is killed mid-job; Ray and PostgreSQL stay on 127.0.0.1.

The slow tests share one real local Ray cluster (2 CPUs), started by storyline's own local-cluster code
(:func:`storyline.run.ray.start_local_cluster`, which applies the loopback settings of ../shared/NETWORK.md
before Ray is imported), and a real PostgreSQL server (pgcluster). They skip, saying so, only when Ray cannot
be imported. The corpus is generated: invented articles in text files and a JSONL file, a copy of one
article, and two bad inputs.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import pgcluster
import storyline.run
from storyline.cli import main
from storyline.ingest.sources import Found, iter_documents
from storyline.model import Document, Record
from storyline.run import open_runner, ray_available
from storyline.run.local import UNANALYZED_KIND, IngestRun
from storyline.store import Store, open_store, rows

PEOPLE = "Dana Levi|Owen Rask|Lior Marlow|Tamsin Quell|Brenna Voss|Caspar Hale|Nadia Strand|Felix Okafor".split("|")
PLACES = "Meridale Selby Varna Harrowgate Eastmere Kilnsey".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday".split()
ARTICLES = 36  # 30 text files and 6 JSONL lines
BAD = 2  # an empty file and a JSONL line without text


def invented_article(n: int, rng: random.Random) -> str:
    name, place = rng.choice(PEOPLE), rng.choice(PLACES)
    return (
        f"The council in {place} voted on {rng.choice(DAYS)} to close {n + 2} branch libraries under plan {n}. "
        f'"This is a sad day for readers," said Councillor {name}. {name.split()[1]} added that {100 + n * 7} '
        f"people had signed a petition against plan {n} since {1990 + n % 30}."
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rng = random.Random(8)
    folder = tmp_path_factory.mktemp("corpus")
    texts = [invented_article(n, rng) for n in range(ARTICLES)]
    for n, text in enumerate(texts[:30]):
        (folder / f"{n:02d}.txt").write_text(text)
    (folder / "copy-07.txt").write_text("  " + texts[7] + "\n")  # the same article: stored once
    lines = [json.dumps({"text": text, "outlet": "Wire"}) for text in texts[30:]]
    (folder / "wire.jsonl").write_text("\n".join([*lines, '{"title": "no text"}']) + "\n")
    (folder / "empty.txt").write_text("  \n")
    return folder


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[Any]:
    if not ray_available():
        pytest.skip("Ray runner tests skipped: ray cannot be imported (pip install 'storyline[ray]')")
    from storyline.run.ray import start_local_cluster

    cluster = start_local_cluster(num_cpus=2)
    yield cluster
    cluster.stop()


def _expected(corpus: Path) -> list[Document]:
    documents: dict[str, Document] = {}
    for item in iter_documents([str(corpus)]):
        if isinstance(item, Found):
            documents.setdefault(item.document.id, item.document)
    return list(documents.values())


def _stored(store: Store) -> list[Record]:
    return [store.get(article_id) for article_id in store.ids()]


def _failures(store: Store) -> list[tuple[str, str, str, str | None]]:
    return sorted((f.path, f.input, f.reason, f.kind) for f in store.failures())


def test_ray_runner_without_ray_says_how_to_install_it_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # as if it were not installed
    assert not ray_available()
    assert main(["ingest", str(tmp_path), "--runner", "ray", "--db", str(tmp_path / "news.db")]) == 2
    err = capsys.readouterr().err
    assert err == "storyline: the ray runner needs Ray: install it with pip install 'storyline[ray]'\n"
    assert not (tmp_path / "news.db").exists()


def test_ray_runner_address_without_ray_runner_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(tmp_path), "--address", "auto", "--db", str(tmp_path / "news.db")]) == 2
    assert "--address is for the ray runner" in capsys.readouterr().err


def test_ray_runner_with_nothing_to_analyze_starts_no_cluster() -> None:
    if not ray_available():
        pytest.skip("ray cannot be imported")
    from storyline.run.ray import RayRunner

    runner = RayRunner(address="127.0.0.1:9")  # never contacted: there is nothing to analyze
    assert list(runner.analyze(iter([]))) == []
    runner.close()


def test_ray_runner_address_nobody_listens_on_fails_fast_saying_so() -> None:
    if not ray_available():
        pytest.skip("ray cannot be imported")
    import socket

    from storyline.run import RunnerError
    from storyline.run.ray import _check_reachable

    with socket.socket() as probe:  # a loopback port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(RunnerError, match=f"cannot reach the Ray cluster at 127.0.0.1:{port}"):
        _check_reachable(f"127.0.0.1:{port}")


@pytest.mark.slow
def test_ray_runner_local_cluster_listens_on_loopback_only(ray_cluster: Any) -> None:
    import ray

    assert {node["NodeManagerAddress"] for node in ray.nodes()} == {"127.0.0.1"}
    assert ray.get_runtime_context().gcs_address.startswith("127.0.0.1:")
    assert os.environ["RAY_USAGE_STATS_ENABLED"] == "0" and os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] == "0"
    assert os.environ.get("HOME") != str(ray_cluster.root / "home")  # HOME was the temp one only for ray.init
    assert ray.cluster_resources()["CPU"] == 2


@pytest.mark.slow
def test_ray_runner_stores_the_same_records_as_the_local_runner_in_postgres(
    ray_cluster: Any, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pgcluster.schema_url() as local_url, pgcluster.schema_url() as ray_url:
        assert main(["ingest", str(corpus), "--db", local_url]) == 2
        assert main(["ingest", str(corpus), "--runner", "ray", "--db", ray_url]) == 2
        err = capsys.readouterr().err
        assert "analyzing on the Ray cluster" in err and "2 analyzers" in err
        assert err.count(f"ingested {ARTICLES} new, 1 already stored, {BAD} failed") == 2
        with open_store(local_url) as local, open_store(ray_url) as distributed:
            stored = _stored(distributed)
            assert stored == _stored(local)  # the same records, in the same order
            assert len(stored) == ARTICLES
            assert sorted(r.document.id for r in stored) == sorted(d.id for d in _expected(corpus))
            assert _failures(distributed) == _failures(local) and len(_failures(local)) == BAD
            for record in stored:
                assert distributed.row_counts(record.document.id) == rows.expected_row_counts(record)
        # Idempotent: a second run analyzes nothing (no analyzer is even started) and adds nothing.
        assert main(["ingest", str(corpus), "--runner", "ray", "--db", ray_url]) == 2
        err = capsys.readouterr().err
        assert f"ingested 0 new, {ARTICLES + 1} already stored, {BAD} failed" in err
        assert "analyzing on" not in err


@pytest.mark.slow
def test_ray_runner_worker_killed_mid_job_still_stores_every_article_once(
    ray_cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    from storyline.analyze import analyze_many
    from storyline.run.ray import RayRunner

    runner = RayRunner(workers=2, batch_size=2)
    runner.start()
    before = runner.worker_pids()
    victim = before[0]
    with open_store(tmp_path / "news.db") as store, runner:
        ingest = IngestRun(store, [str(corpus)])

        def kill_once() -> None:  # from the driver, once a few articles are stored and the rest are in flight
            nonlocal victim
            if victim and ingest.tally.added == 6:
                os.kill(victim, signal.SIGKILL)
                victim = 0

        ingest.progress = kill_once
        ingest.run(runner)
        after = runner.worker_pids()
        assert after[0] != before[0] and after[1] == before[1]  # the killed analyzer was restarted
        assert (ingest.tally.added, ingest.tally.present, len(ingest.tally.failed)) == (ARTICLES, 1, BAD)
        assert store.count() == ARTICLES
        ids = list(store.ids())
        assert len(ids) == len(set(ids)) == ARTICLES
        expected = _expected(corpus)
        assert ids == [d.id for d in expected]  # stored in input order, each once
        for record in analyze_many(expected):
            assert store.get(record.document.id) == record
            assert store.row_counts(record.document.id) == rows.expected_row_counts(record)


@pytest.mark.slow
def test_ray_runner_article_that_kills_its_worker_every_time_is_recorded_as_failed(
    ray_cluster: Any, corpus: Path, tmp_path: Path
) -> None:
    poison = tmp_path / "poison.txt"
    poison.write_text(invented_article(99, random.Random(1)).replace("libraries", "POISON libraries"))
    with open_store(tmp_path / "news.db") as store, _poisoned_runner(workers=2, batch_size=4, max_task_retries=0) as runner:
        ingest = IngestRun(store, [str(corpus / "wire.jsonl"), str(poison), *map(str, sorted(corpus.glob("0*.txt"))[:6])])
        ingest.run(runner)
        assert [error.source for error in ingest.tally.failed] == [f"{corpus / 'wire.jsonl'}:7", str(poison)]
        assert "died" in ingest.tally.failed[1].reason
        assert store.count() == 6 + 6
        (failure,) = [f for f in store.failures() if f.path == str(poison)]
        assert (failure.kind, failure.input) == (UNANALYZED_KIND, str(poison))


def _poisoned_runner(**options: Any) -> Any:
    """A RayRunner whose analyzers die on any chunk holding the word POISON. (The class is local to this
    function, so Ray ships it to the workers by value: they cannot import this test module.)"""
    from storyline.run.ray import RayRunner, _Analyzer

    class Poisoned(_Analyzer):
        def analyze(self, documents: list[Document]) -> list[Record]:
            if any("POISON" in document.text for document in documents):
                os._exit(1)  # the worker process dies, as on a segfault or the OOM killer
            return super().analyze(documents)

    runner = RayRunner(**options)
    runner.analyzer = Poisoned
    return runner


def test_ray_runner_deployment_doc_covers_the_options_and_the_local_cluster_settings() -> None:
    from storyline.run.ray import LOCAL_CLUSTER_ENVIRONMENT

    doc = (Path(__file__).resolve().parent.parent / "docs" / "deployment.md").read_text(encoding="utf-8")
    for expected in ("--runner ray", "--address", "--workers", "ray start --head", "storyline[ray", *LOCAL_CLUSTER_ENVIRONMENT):
        assert expected in doc, f"docs/deployment.md does not mention {expected}"


def test_ray_runner_is_one_of_the_runners() -> None:
    assert storyline.run.RUNNERS == ("local", "ray")
    assert open_runner("local", workers=2).name == "local"
