"""``storyline ingest``: inputs into a store, idempotent re-runs, failures recorded and retried, progress, exit
codes, both stores.

Most tests swap the NLP pipeline for a stand-in that gives each document one quote (its first sentence), so
they check the command in milliseconds; the ``slow`` one runs the trained pipeline in two processes.
"""

from __future__ import annotations

import importlib
import io
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import pgcluster
import storyline.cli
from storyline.cli import main
from storyline.ingest import read_path
from storyline.model import Document, Quote, Record, document_id
from storyline.store import open_store, rows

DATA = Path(__file__).parent / "data"
ANALYZE_MODULE = importlib.import_module("storyline.analyze")
ENGLISH = (
    "The harbour board postponed a vote on buying six new cranes on Tuesday, after two members asked "
    "for an independent review of the costs. The chairman said the vote would take place next month."
)
# tests/data: article.txt, article.html, 1 Atom entry, 2 RSS entries, 2 JSONL lines read; 7 inputs fail.
DATA_ARTICLES = 7
DATA_FAILURES = 7


class StandIn:
    """Replaces analyze_many: one quote per document (its first sentence); remembers what it was given."""

    def __init__(self) -> None:
        self.analyzed: list[str] = []
        self.n_process: list[int] = []

    def __call__(self, items: Iterable[Document], n_process: int = 1, batch_size: int = 32) -> Iterator[Record]:
        self.n_process.append(n_process)
        for document in items:
            self.analyzed.append(document.source or "")
            end = document.text.find(".") + 1 or len(document.text)
            quote = Quote(id="q1", kind="indirect", start=0, end=end, text=document.text[:end])
            yield Record(document=document, quotes=[quote])


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> StandIn:
    pipeline = StandIn()
    monkeypatch.setattr(ANALYZE_MODULE, "analyze_many", pipeline)
    return pipeline


def _folder(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)
    return root


def _summary(err: str) -> str:
    return [line for line in err.splitlines() if "ingested" in line][-1]


def test_ingest_cli_stores_every_article_and_records_every_failure(
    tmp_path: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "news.db"
    assert main(["ingest", str(DATA), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert f"ingested {DATA_ARTICLES} new, 0 already stored, {DATA_FAILURES} failed" in _summary(err)
    assert f"{db} holds {DATA_ARTICLES} articles" in _summary(err)
    assert f"storyline: {DATA / 'wire.jsonl'}:5: is not valid JSON" in err
    with open_store(db) as store:
        assert store.count() == DATA_ARTICLES
        failures = {f.path: f for f in store.failures()}
        assert len(failures) == DATA_FAILURES
        assert failures[f"{DATA / 'wire.jsonl'}:5"].input == str(DATA / "wire.jsonl")
        assert failures[str(DATA / "no-article.html")].kind == "no article body"
        for article_id in store.ids():
            record = store.get(article_id)
            assert store.row_counts(article_id) == rows.expected_row_counts(record)


def test_ingest_cli_second_run_analyzes_nothing_and_adds_nothing(
    tmp_path: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "news.db")
    main(["ingest", str(DATA), "--db", db])
    stand_in.analyzed.clear()
    capsys.readouterr()
    assert main(["ingest", str(DATA), "--db", db]) == 2
    assert stand_in.analyzed == []
    assert f"ingested 0 new, {DATA_ARTICLES} already stored, {DATA_FAILURES} failed" in _summary(capsys.readouterr().err)
    with open_store(db) as store:
        assert store.count() == DATA_ARTICLES
        assert {f.attempts for f in store.failures()} == {2}


def test_ingest_cli_exits_0_when_every_input_is_ingested(
    tmp_path: Path, stand_in: StandIn, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(sample_dir), "--db", str(tmp_path / "news.db")]) == 0
    assert "ingested 4 new, 0 already stored, 0 failed" in capsys.readouterr().err


def test_ingest_cli_same_text_twice_in_one_run_is_analyzed_and_stored_once(
    tmp_path: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path / "in", {"a.txt": ENGLISH, "b.txt": "  " + ENGLISH + "\n", "c.txt": ENGLISH + " More."})
    assert main(["ingest", str(folder), "--db", str(tmp_path / "news.db")]) == 0
    assert len(stand_in.analyzed) == 2
    assert "ingested 2 new, 1 already stored, 0 failed" in capsys.readouterr().err


def test_ingest_cli_keeps_outlet_and_metadata(tmp_path: Path, stand_in: StandIn) -> None:
    db = tmp_path / "news.db"
    main(["ingest", str(DATA / "feed.rss"), "--db", str(db)])
    with sqlite3.connect(db) as connection:
        stored = connection.execute("SELECT source, outlet, title, published, published_source, url FROM articles ORDER BY seq").fetchall()
    assert stored[0] == (
        f"{DATA / 'feed.rss'}#1",
        "Meridale Courier",
        "Dock workers vote to strike at Port Selby",
        "2025-02-03",
        "feed",
        "https://courier.example/2025/02/03/port-strike",
    )


def test_ingest_cli_published_overrides_input_dates(tmp_path: Path, stand_in: StandIn) -> None:
    db = tmp_path / "news.db"
    main(["ingest", str(DATA / "feed.atom"), "--db", str(db), "--published", "2025-03-01"])
    with open_store(db) as store:
        (article_id,) = store.ids()
        document = store.get(article_id).document
    assert (document.published, document.published_source) == ("2025-03-01", "argument")


def test_ingest_cli_retry_failed_reads_failed_inputs_again_and_clears_what_succeeds(
    tmp_path: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(
        tmp_path / "in",
        {"good.txt": ENGLISH, "empty.txt": "  \n", "wire.jsonl": '{"text": "' + ENGLISH + ' Wire."}\n{"title": "no text"}\n'},
    )
    db = str(tmp_path / "news.db")
    assert main(["ingest", str(folder), "--db", db]) == 2
    with open_store(db) as store:
        assert {f.path for f in store.failures()} == {str(folder / "empty.txt"), f"{folder / 'wire.jsonl'}:2"}
    # The user fixes one of the two and retries without naming any input.
    (folder / "empty.txt").write_text(ENGLISH + " Fixed.")
    stand_in.analyzed.clear()
    capsys.readouterr()
    assert main(["ingest", "--retry-failed", "--db", db]) == 2
    assert stand_in.analyzed == [str(folder / "empty.txt")]  # the good ones are not analyzed again
    summary = _summary(capsys.readouterr().err)
    assert "ingested 1 new, 1 already stored, 1 failed" in summary
    assert "1 earlier failures now ingested" in summary
    with open_store(db) as store:
        assert [f.path for f in store.failures()] == [f"{folder / 'wire.jsonl'}:2"]
        assert store.count() == 3
    (folder / "wire.jsonl").write_text('{"text": "' + ENGLISH + ' Wire."}\n{"text": "' + ENGLISH + ' Two."}\n')
    assert main(["ingest", "--retry-failed", "--db", db]) == 0
    with open_store(db) as store:
        assert store.failures() == []
        assert store.count() == 4


def test_ingest_cli_retry_failed_with_nothing_recorded_is_not_an_error(
    tmp_path: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", "--retry-failed", "--db", str(tmp_path / "news.db")]) == 0
    assert "no recorded failures to retry" in capsys.readouterr().err


def test_ingest_cli_without_inputs_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--db", str(tmp_path / "news.db")]) == 2
    assert "give the files or folders to ingest" in capsys.readouterr().err


def test_ingest_cli_workers_go_to_the_pipeline(tmp_path: Path, stand_in: StandIn, sample_dir: Path) -> None:
    assert main(["ingest", str(sample_dir), "--workers", "3", "--db", str(tmp_path / "news.db")]) == 0
    assert stand_in.n_process == [3]


def test_ingest_cli_default_store_is_storyline_db_or_the_environment(
    tmp_path: Path, stand_in: StandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    main(["ingest", str(DATA / "article.txt")])
    assert (tmp_path / "storyline.db").is_file()
    monkeypatch.setenv("STORYLINE_DB", str(tmp_path / "elsewhere.db"))
    main(["ingest", str(DATA / "article.txt")])
    with open_store(tmp_path / "elsewhere.db") as store:
        assert store.count() == 1


def test_ingest_cli_store_that_cannot_be_opened_is_one_line_and_exit_1(
    tmp_path: Path, stand_in: StandIn, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(DATA / "article.txt"), "--db", str(tmp_path / "missing" / "news.db")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("storyline: error: cannot create the store") and err.count("\n") == 1


def test_ingest_cli_prints_a_progress_line_now_and_then_when_not_on_a_terminal(
    tmp_path: Path, stand_in: StandIn, sample_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storyline.cli, "PROGRESS_INTERVAL", 0.0)
    main(["ingest", str(sample_dir), "--db", str(tmp_path / "news.db")])
    err = capsys.readouterr().err
    assert "storyline: ingest: 1 done (1 added, 0 already stored, 0 failed)" in err
    assert "articles/s" in err


def test_ingest_cli_shows_a_progress_bar_with_rate_and_eta_on_a_terminal(
    tmp_path: Path, stand_in: StandIn, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setenv("COLUMNS", "160")
    assert main(["ingest", str(sample_dir), "--db", str(tmp_path / "news.db")]) == 0
    shown = terminal.getvalue()
    assert "4/4" in shown
    assert "articles/s" in shown and "ETA" in shown
    assert "ingested 4 new" in shown


def test_ingest_cli_help_documents_inputs_resuming_failures_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--help"]) == 0
    text = capsys.readouterr().out
    for expected in ("--db", "--workers", "--retry-failed", "--published", ".jsonl", ".warc", "kill -9", "exit status"):
        assert expected in text


def test_ingest_cli_into_postgres_behaves_like_sqlite(stand_in: StandIn, capsys: pytest.CaptureFixture[str]) -> None:
    with pgcluster.schema_url() as url:
        assert main(["ingest", str(DATA), "--db", url]) == 2
        assert main(["ingest", str(DATA), "--db", url]) == 2
        with open_store(url) as store:
            assert store.count() == DATA_ARTICLES
            assert len(store.failures()) == DATA_FAILURES
    assert f"ingested 0 new, {DATA_ARTICLES} already stored" in _summary(capsys.readouterr().err)


@pytest.mark.slow
def test_ingest_cli_real_pipeline_in_two_processes_stores_what_analyze_reads(
    tmp_path: Path, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(sample_dir, folder)
    db = tmp_path / "news.db"
    assert main(["ingest", str(folder), "--workers", "2", "--db", str(db)]) == 0
    documents = [read_path(path) for path in sorted(folder.glob("*")) if path.name != "README.md"]
    from storyline.analyze import analyze_many

    with open_store(db) as store:
        assert sorted(store.ids()) == sorted(document_id(d.text) for d in documents)
        for record in analyze_many(documents):
            assert store.get(record.document.id) == record
            assert store.row_counts(record.document.id) == rows.expected_row_counts(record)
        assert store.search("strike")


def test_ingest_cli_folder_that_was_empty_is_cleared_once_it_holds_articles(
    tmp_path: Path, stand_in: StandIn
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    db = str(tmp_path / "news.db")
    assert main(["ingest", str(folder), "--db", db]) == 2
    (folder / "a.txt").write_text(ENGLISH)
    assert main(["ingest", "--retry-failed", "--db", db]) == 0
    with open_store(db) as store:
        assert (store.count(), store.failures()) == (1, [])


def test_ingest_cli_interrupted_keeps_what_was_stored_and_says_how_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(items: Iterable[Document], n_process: int = 1, batch_size: int = 32) -> Iterator[Record]:
        for n, document in enumerate(items):
            if n == 2:
                raise KeyboardInterrupt
            yield Record(document=document)

    monkeypatch.setattr(ANALYZE_MODULE, "analyze_many", interrupted)
    db = str(tmp_path / "news.db")
    assert main(["ingest", str(sample_dir), "--db", db]) == 130
    err = capsys.readouterr().err
    assert "ingested 2 new" in err and "run the same command to resume" in err
    with open_store(db) as store:
        assert store.count() == 2
