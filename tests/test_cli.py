"""The ``storyline`` command: options, output formats, exit codes and one-line errors.

Most tests swap the NLP pipeline for a stand-in that returns an empty record per document, so they check
the command itself in milliseconds; the ``slow`` ones run the trained pipeline end to end.
"""

from __future__ import annotations

import importlib
import io
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import storyline
from storyline.cli import main
from storyline.errors import PipelineError
from storyline.model import Document, Record

DATA = Path(__file__).parent / "data"
ARTICLE_TXT = str(DATA / "article.txt")
ARTICLE_HTML = str(DATA / "article.html")
# The package exports the function `analyze`, which hides the module of that name from attribute access.
ANALYZE_MODULE = importlib.import_module("storyline.analyze")
SENTENCE = '"We will not back down," Finance Minister Dana Levi said on Monday.'


def _stand_in_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace analyze_many with one that returns bare records; returns the sources it was given."""
    seen: list[str] = []

    def analyze_many(items: Iterable[Document], n_process: int = 1, batch_size: int = 32) -> Iterator[Record]:
        for document in items:
            seen.append(document.source or "")
            yield Record(document=document)

    monkeypatch.setattr(ANALYZE_MODULE, "analyze_many", analyze_many)
    return seen


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def _folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return tmp_path


# --- the command line itself -------------------------------------------------------------------------


def test_cli_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"storyline {storyline.__version__}"


def test_cli_analyze_help_documents_formats_sources_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--help"]) == 0
    help_text = capsys.readouterr().out
    for expected in ("--published", "--format", "--max-bytes", "--output", "jsonl", "<stdin>", "exit status"):
        assert expected in help_text


def test_cli_without_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "analyze" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value"), [("--published", "2024-02-30"), ("--published", "5 March"), ("--max-bytes", "lots")]
)
def test_cli_invalid_option_value_exits_2(capsys: pytest.CaptureFixture[str], option: str, value: str) -> None:
    assert main(["analyze", ARTICLE_TXT, option, value]) == 2
    assert option in capsys.readouterr().err


# --- reading and reporting ---------------------------------------------------------------------------


def test_cli_jsonl_gives_one_line_per_input_in_order_with_source_as_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    assert main(["analyze", ARTICLE_HTML, ARTICLE_TXT, "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in _lines(capsys.readouterr().out)]
    assert [r["document"]["source"] for r in records] == [ARTICLE_HTML, ARTICLE_TXT]
    assert records[0]["document"]["title"] == "Harbour board delays vote on new cranes"


def test_cli_folder_inputs_are_sorted_and_named_folder_plus_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    folder = _folder(tmp_path, {"b.txt": SENTENCE, "a/z.txt": SENTENCE + " Again.", "c.md": SENTENCE + "!"})
    assert main(["analyze", str(folder), "--format", "jsonl"]) == 0
    sources = [json.loads(line)["document"]["source"] for line in _lines(capsys.readouterr().out)]
    assert sources == [str(folder / "a" / "z.txt"), str(folder / "b.txt"), str(folder / "c.md")]


def test_cli_bad_input_is_one_line_on_stderr_and_the_rest_still_analyzed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    status = main(["analyze", ARTICLE_TXT, str(empty), str(binary), ARTICLE_HTML, "--format", "jsonl"])
    captured = capsys.readouterr()
    assert status == 2
    assert [json.loads(line)["document"]["source"] for line in _lines(captured.out)] == [ARTICLE_TXT, ARTICLE_HTML]
    errors = _lines(captured.err)
    assert errors[0].startswith(f"storyline: {empty}: is empty;")
    assert errors[1].startswith(f"storyline: {binary}: contains NUL bytes")
    assert errors[-1] == f"storyline: analyzed 2, skipped 2: {empty} (empty), {binary} (binary)"
    assert len(errors) == 3


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("noarticle.html", (DATA / "no-article.html").read_bytes(), "no article body"),
        ("german.txt", (DATA / "not-english.txt").read_bytes(), "not English"),
        ("latin.txt", bytes(range(0x80, 0x100)) * 8, "unknown encoding"),
        ("missing.txt", None, "unreadable"),
    ],
)
def test_cli_each_kind_of_bad_input_exits_2_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    kind: str,
) -> None:
    _stand_in_pipeline(monkeypatch)
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["analyze", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    errors = _lines(captured.err)
    assert errors[0].startswith(f"storyline: {path}: ")
    assert errors[-1] == f"storyline: analyzed 0, skipped 1: {path} ({kind})"


def test_cli_max_bytes_skips_larger_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    assert main(["analyze", ARTICLE_TXT, "--max-bytes", "100", "--format", "jsonl"]) == 2
    assert "over the 100 bytes limit" in capsys.readouterr().err
    assert main(["analyze", ARTICLE_TXT, "--max-bytes", "1K", "--format", "jsonl"]) == 0


def test_cli_empty_folder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    assert main(["analyze", str(tmp_path), "--format", "jsonl"]) == 2
    assert f"storyline: {tmp_path}: the folder has no article files" in capsys.readouterr().err


def test_cli_stdin_is_read_for_dash_and_named_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    _stdin(monkeypatch, SENTENCE.encode())
    assert main(["analyze", "-", "--format", "jsonl", "--published", "2025-02-03"]) == 0
    (record,) = [json.loads(line) for line in _lines(capsys.readouterr().out)]
    assert record["document"]["source"] == "<stdin>"
    assert record["document"]["text"] == SENTENCE
    assert (record["document"]["published"], record["document"]["published_source"]) == ("2025-02-03", "argument")


def test_cli_published_overrides_the_page_date(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    assert main(["analyze", ARTICLE_HTML, "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["document"]["published"] == "2024-03-05"
    assert main(["analyze", ARTICLE_HTML, "--format", "jsonl", "--published", "2024-03-04"]) == 0
    assert json.loads(capsys.readouterr().out)["document"]["published"] == "2024-03-04"


def test_cli_documents_are_read_lazily_as_the_pipeline_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[str] = []

    def analyze_many(items: Iterable[Document], n_process: int = 1, batch_size: int = 32) -> Iterator[Record]:
        for document in items:
            seen.append(document.source or "")
            # The next file must not have been read yet.
            assert len(seen) == 1 or not Path(document.source or "").name.startswith("never")
            yield Record(document=document)
            return

    monkeypatch.setattr(ANALYZE_MODULE, "analyze_many", analyze_many)
    folder = _folder(tmp_path, {"a.txt": SENTENCE, "never.txt": b""})
    # A stream that stops after one record never touches the empty second file, so nothing fails.
    assert main(["analyze", str(folder), "--format", "jsonl"]) == 0
    assert "skipped 0" in capsys.readouterr().err


# --- output formats -----------------------------------------------------------------------------------


def test_cli_json_is_one_object_for_one_file_and_an_array_for_several(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    assert main(["analyze", ARTICLE_TXT, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["document"]["source"] == ARTICLE_TXT
    assert main(["analyze", ARTICLE_TXT, ARTICLE_HTML, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["document"]["source"] for r in records] == [ARTICLE_TXT, ARTICLE_HTML]


def test_cli_json_array_is_valid_when_every_input_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    (tmp_path / "a.txt").write_bytes(b"")
    assert main(["analyze", str(tmp_path), "--format", "json"]) == 2
    assert json.loads(capsys.readouterr().out) == []


def test_cli_markdown_separates_briefings_with_a_rule(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    assert main(["analyze", ARTICLE_TXT, ARTICLE_HTML, "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n\n---\n\n") == 1
    assert "Harbour board delays vote on new cranes" in out.split("\n\n---\n\n")[1]


def test_cli_html_is_one_standalone_page_for_all_inputs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    assert main(["analyze", ARTICLE_TXT, ARTICLE_HTML, "--format", "html"]) == 0
    page = capsys.readouterr().out
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert page.lower().count("<html") == 1


def test_cli_default_format_prints_a_briefing_per_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    assert main(["analyze", ARTICLE_TXT, ARTICLE_HTML]) == 0
    out = capsys.readouterr().out
    assert ARTICLE_TXT in out and "Harbour board delays vote on new cranes" in out


def test_cli_output_file_takes_its_format_from_the_suffix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    target = tmp_path / "records.jsonl"
    assert main(["analyze", ARTICLE_TXT, ARTICLE_HTML, "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2


def test_cli_unwritable_output_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _stand_in_pipeline(monkeypatch)
    assert main(["analyze", ARTICLE_TXT, "-o", str(tmp_path / "no" / "such" / "dir.json")]) == 1
    assert capsys.readouterr().err.startswith("storyline: cannot write ")


# --- failures that are not the input's fault ------------------------------------------------------------


def test_cli_pipeline_error_is_one_line_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def analyze_many(items: Iterable[Document], n_process: int = 1, batch_size: int = 32) -> Iterator[Record]:
        raise PipelineError("cannot load the spaCy pipeline 'x': install it")
        yield  # pragma: no cover

    monkeypatch.setattr(ANALYZE_MODULE, "analyze_many", analyze_many)
    assert main(["analyze", ARTICLE_TXT, "--format", "jsonl"]) == 1
    assert _lines(capsys.readouterr().err) == ["storyline: error: cannot load the spaCy pipeline 'x': install it"]


def test_cli_unexpected_error_is_one_line_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def analyze_many(items: Iterable[Document], n_process: int = 1, batch_size: int = 32) -> Iterator[Record]:
        raise RuntimeError("boom\nwith a second line")
        yield  # pragma: no cover

    monkeypatch.setattr(ANALYZE_MODULE, "analyze_many", analyze_many)
    assert main(["analyze", ARTICLE_TXT, "--format", "jsonl"]) == 1
    assert _lines(capsys.readouterr().err) == ["storyline: unexpected error: RuntimeError: boom with a second line"]


# --- end to end with the trained pipeline -------------------------------------------------------------


@pytest.mark.slow
def test_cli_analyzes_files_end_to_end_and_continues_after_a_bad_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    status = main(["analyze", ARTICLE_TXT, str(empty), ARTICLE_HTML, "--format", "jsonl"])
    captured = capsys.readouterr()
    assert status == 2
    records = [Record.from_dict(json.loads(line)) for line in _lines(captured.out)]
    assert [r.document.source for r in records] == [ARTICLE_TXT, ARTICLE_HTML]
    for record in records:
        speakers = {q.speaker.name for q in record.quotes if q.speaker}
        assert "Olga Petrin" in speakers
        for quote in record.quotes:
            assert record.document.text[quote.start : quote.end] == quote.text
    assert _lines(captured.err)[-1] == f"storyline: analyzed 2, skipped 1: {empty} (empty)"


@pytest.mark.slow
def test_cli_reads_stdin_in_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "storyline.cli", "analyze", "-", "--format", "jsonl"],
        input=SENTENCE.encode(),
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    assert record["document"]["source"] == "<stdin>"
    assert record["quotes"][0]["speaker"]["name"] == "Dana Levi"


@pytest.mark.slow
def test_cli_analyzes_the_bundled_sample(sample_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(sample_dir), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in _lines(capsys.readouterr().out)]
    sources = [Path(r["document"]["source"]).name for r in records]
    assert "README.md" not in sources and len(sources) >= 4
    assert all(r["quotes"] for r in records)
