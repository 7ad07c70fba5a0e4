"""The corpus commands (quotes, timeline, actors, figures, stances, network, search, export) on both stores,
and exports read back with the tools they are for."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import pgcluster
from storyline.cli import main
from storyline.store import open_store
from test_corpus import courier, gazette, herald, other


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store holding the hand-built strike story, as a --db argument."""
    if request.param == "sqlite":
        url = str(tmp_path / "storyline.db")
        _fill(url)
        yield url
    else:
        with pgcluster.schema_url() as url:
            _fill(url)
            yield url


def _fill(url: str) -> None:
    with open_store(url) as store:
        for article, outlet in ((gazette(), "Gazette"), (courier(), "Courier"), (herald(), "Herald"), (other(), "Ferry News")):
            store.add(article.record, outlet=outlet)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


ASK = [
    ("quotes", "--by", "Tenby"),
    ("timeline", "--actor", "Mara Tenby"),
    ("actors",),
    ("figures", "--about", "workers"),
    ("stances", "--issue", "strike"),
    ("network",),
    ("search", "strike"),
]


@pytest.mark.parametrize("command", ASK, ids=[c[0] for c in ASK])
def test_corpus_cli_commands_answer_in_every_format(db: str, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    status, table, err = run(capsys, *command, "--db", db)
    assert status == 0, err
    assert table.strip()
    status, out, _ = run(capsys, *command, "--db", db, "--format", "json")
    assert status == 0
    data = json.loads(out)
    rows = data["edges"] if command[0] == "network" else data
    assert rows, command
    status, out, _ = run(capsys, *command, "--db", db, "--format", "jsonl")
    assert [json.loads(line) for line in out.splitlines()] == rows
    status, out, _ = run(capsys, *command, "--db", db, "--format", "csv")
    parsed = list(csv.DictReader(io.StringIO(out)))
    assert len(parsed) == len(rows)
    if command[0] not in ("actors", "network"):
        assert all(r["article_id"] and r["start"] != "" for r in parsed)  # every row points into an article


def test_corpus_cli_quotes_table_shows_speaker_and_outlets(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "quotes", "--by", "Tenby", "--db", db)
    assert status == 0
    assert "Mara Tenby" in out and "Gazette" in out
    assert "merging 4 new articles into the corpus" in err
    status, _, err = run(capsys, "quotes", "--by", "Tenby", "--db", db)
    assert "merging" not in err  # already merged


def test_corpus_cli_explain_and_unknown_names(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "actors", "Wirth", "--explain", "--db", db)
    assert status == 0
    assert "Jonas Wirth (person:jonas-wirth)" in out and "the only person surnamed Wirth" in out
    status, out, err = run(capsys, "quotes", "--by", "Nobody", "--db", db)
    assert status == 1 and out == ""
    assert err.strip() == "storyline: error: no one in the corpus goes by 'Nobody'; 'storyline actors' lists who does"
    status, _, err = run(capsys, "actors", "--explain", "--db", db)
    assert status == 2 and "--explain needs a NAME" in err


def test_corpus_cli_figures_conflicts_and_limits(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "figures", "--conflicts", "--db", db, "--format", "json")
    assert status == 0 and json.loads(out) == []
    status, out, _ = run(capsys, "actors", "--db", db, "--format", "json", "--limit", "2")
    assert sorted(a["name"] for a in json.loads(out)) == ["Jonas Wirth", "Mara Tenby"]
    status, out, _ = run(capsys, "actors", "--db", db, "--format", "json", "--all")
    assert len(json.loads(out)) == 5


def test_corpus_cli_filters_timeline_figures_stances_and_network(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    def rows(*argv: str) -> list[dict[str, object]]:
        status, out, err = run(capsys, *argv, "--db", db, "--format", "json")
        assert status == 0, err
        return list(json.loads(out)) if argv[0] != "network" else list(json.loads(out)["edges"])

    assert len(rows("timeline", "--type", "protest", "--outlet", "Herald", "--since", "2025-02-01")) == 1
    assert rows("timeline", "--type", "meet") == [] and rows("timeline", "--until", "2025-01-31") == []
    assert [f["text"] for f in rows("figures", "--about", "workers walked out", "--per-group", "1")] == [
        "More than 12,000 workers"
    ]
    assert {r["kind"] for r in rows("stances", "--actor", "Tenby")} == {"press"}
    assert [r["actor"] for r in rows("stances", "--target", "Wirth")] == ["Mara Tenby"]
    assert [(e["relation"], e["weight"]) for e in rows("network", "--since", "2025-02-04")] == [("oppose", 1)]
    assert {e["relation"] for e in rows("network", "--issue", "strike")} == {"oppose"}
    status, _, err = run(capsys, "figures", "--by", "Nobody Anyone", "--db", db)
    assert status != 0 and "no one in the corpus goes by 'Nobody Anyone'" in err


def test_corpus_cli_aliases_option(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    aliases = tmp_path / "aliases.json"
    aliases.write_text(json.dumps({"split": [{"name": "Wirth", "as": "Karl Wirth"}]}))
    status, out, _ = run(capsys, "actors", "--db", db, "--aliases", str(aliases), "--format", "json", "--all")
    assert status == 0
    assert "Karl Wirth" in [a["name"] for a in json.loads(out)]
    aliases.write_text("merge: [")
    status, _, err = run(capsys, "actors", "--db", db, "--aliases", str(aliases))
    assert status == 1 and "is not valid JSON or YAML" in err


def test_corpus_cli_export_tables_read_back(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    status, _, err = run(capsys, "export", "--format", "parquet", "--out", str(tmp_path / "pq"), "--db", db)
    assert status == 0, err
    quotes = pq.read_table(tmp_path / "pq" / "quotes.parquet").to_pylist()
    assert [q["speaker"] for q in quotes] == ["Mara Tenby"]
    assert json.loads(quotes[0]["sources"])[0]["outlet"] == "Gazette"
    actors = pq.read_table(tmp_path / "pq" / "actors.parquet")
    assert actors.schema.field("mentions").type == "int64"
    for name in ("events", "figures", "stances", "nodes", "edges"):
        assert pq.read_table(tmp_path / "pq" / f"{name}.parquet").num_rows > 0

    assert run(capsys, "export", "--format", "csv", "--out", str(tmp_path / "csv"), "--db", db)[0] == 0
    with (tmp_path / "csv" / "figures.csv").open(encoding="utf-8") as lines:
        figures = list(csv.DictReader(lines))
    assert {f["text"] for f in figures} >= {"More than 12,000 workers", "9,500 workers"}

    assert run(capsys, "export", "--format", "jsonl", "--out", str(tmp_path / "jsonl"), "--db", db)[0] == 0
    events = [json.loads(line) for line in (tmp_path / "jsonl" / "events.jsonl").read_text().splitlines()]
    assert events[0]["date"] == "2025-02-03" and len(events[0]["sources"]) == 3


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_corpus_cli_export_graph_reads_back_in_networkx(db: str, fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import networkx as nx

    path = tmp_path / f"network.{fmt}"
    status, _, err = run(capsys, "export", "--format", fmt, "--out", str(path), "--db", db)
    assert status == 0, err
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.nodes["person:jonas-wirth"]["label"] == "Jonas Wirth"
    weights = {(u, v, d["relation"]): int(d["weight"]) for u, v, d in graph.edges(data=True)}
    assert weights[("person:jonas-wirth", "issue:strike", "oppose")] == 3
    evidence = next(json.loads(d["evidence"]) for _, _, d in graph.edges(data=True))
    assert evidence[0]["article_id"]


def test_corpus_cli_export_into_a_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.db")
    _fill(db)
    (tmp_path / "taken").write_text("x")
    status, _, err = run(capsys, "export", "--format", "csv", "--out", str(tmp_path / "taken"), "--db", db)
    assert status == 1 and "it is a file; give a folder" in err
