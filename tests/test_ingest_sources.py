"""Readers for many articles at once: RSS/Atom feeds, JSONL, WARC crawls, and the stream over any mix of
inputs and folders (iter_documents), with each bad article reported in its place."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.errors import EmptyInputError, NoArticleBodyError, TooLargeError
from storyline.ingest.feeds import fragment_text, read_feed
from storyline.ingest.jsonl import read_jsonl
from storyline.ingest.sources import Failed, Found, date_of, estimate_count, iter_documents, iter_sources
from storyline.ingest.warc import read_warc
from storyline.model import document_id

DATA = Path(__file__).parent / "data"
FEED_RSS = DATA / "feed.rss"
FEED_ATOM = DATA / "feed.atom"
WIRE = DATA / "wire.jsonl"
ENGLISH = (
    "The harbour board postponed a vote on buying six new cranes on Tuesday, after two members asked "
    "for an independent review of the costs. The chairman said the vote would take place next month."
)


def _found(items: list[Found | Failed]) -> list[Found]:
    return [item for item in items if isinstance(item, Found)]


def _failed(items: list[Found | Failed]) -> list[Failed]:
    return [item for item in items if isinstance(item, Failed)]


# --- feeds ----------------------------------------------------------------------------------------------


def test_ingest_feed_rss_entries_become_documents_with_link_date_and_outlet() -> None:
    items = list(read_feed(FEED_RSS))
    first, second = (item for item in items if isinstance(item, Found))
    assert first.location == first.document.source == f"{FEED_RSS}#1"
    assert first.input == str(FEED_RSS)
    assert first.outlet == "Meridale Courier"
    assert first.document.title == "Dock workers vote to strike at Port Selby"
    assert first.document.url == "https://courier.example/2025/02/03/port-strike"
    assert (first.document.published, first.document.published_source) == ("2025-02-03", "feed")
    assert first.document.id == document_id(first.document.text)
    # The full content, not the one-line description, in paragraphs.
    assert first.document.text.startswith("Dock workers at Port Selby voted on Monday to strike for three days")
    assert "\n\n\"We have waited long enough for a fair offer,\" said Mara Tenby" in first.document.text
    # An entry with only a description is read from it.
    assert second.document.text.startswith("The island ferry will run two extra crossings")
    assert second.document.published == "2025-02-04"


def test_ingest_feed_entry_without_text_is_reported_by_its_number() -> None:
    errors = [item for item in read_feed(FEED_RSS) if not isinstance(item, Found)]
    assert len(errors) == 1
    assert isinstance(errors[0], EmptyInputError)
    assert errors[0].source == f"{FEED_RSS}#3"
    assert "no content or summary" in str(errors[0])


def test_ingest_feed_atom_html_content_and_the_date_as_written() -> None:
    (found,) = _found(list(iter_documents([FEED_ATOM])))
    assert found.outlet == "Harbour Weekly"
    assert found.document.url == "https://weekly.example/sea-wall"
    # 07:45 at +01:00 is the 5th where it was published, whatever UTC says.
    assert found.document.published == "2025-02-05"
    assert found.document.text == (
        "The town council approved plans for a new sea wall on Wednesday, ending a dispute that had lasted two "
        "years.\n\nCouncillor Owen Rask said the wall would protect four hundred homes from winter storms."
    )


def test_ingest_feed_gzipped_reads_the_same(tmp_path: Path) -> None:
    packed = tmp_path / "courier.rss.gz"
    packed.write_bytes(gzip.compress(FEED_RSS.read_bytes()))
    plain = [item.document.id for item in _found(list(iter_documents([FEED_RSS])))]
    assert [item.document.id for item in _found(list(iter_documents([packed])))] == plain


def test_ingest_feed_published_argument_overrides_entry_dates() -> None:
    documents = [item.document for item in _found(list(iter_documents([FEED_RSS], published="2025-03-01")))]
    assert {(d.published, d.published_source) for d in documents} == {("2025-03-01", "argument")}


def test_ingest_feed_that_is_not_a_feed_is_one_failure(tmp_path: Path) -> None:
    junk = tmp_path / "broken.rss"
    junk.write_text("this is not a feed at all, just a sentence in a file named like one")
    (failed,) = list(iter_documents([junk]))
    assert isinstance(failed, Failed)
    assert failed.error.source == str(junk)
    assert "not an RSS or Atom feed" in str(failed.error)


def test_ingest_feed_fragment_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = "<p>One <b>bold</b> line.</p><script>track()</script><ul><li>First</li><li>Second</li></ul>Tail<br>end"
    assert fragment_text(html) == "One bold line.\n\nFirst\n\nSecond\n\nTail\n\nend"
    assert fragment_text("Plain   text,\nno tags.") == "Plain text, no tags."


# --- JSONL ----------------------------------------------------------------------------------------------


def test_ingest_jsonl_lines_become_documents_with_their_fields() -> None:
    items = list(read_jsonl(WIRE))
    first, second = (item for item in items if isinstance(item, Found))
    assert first.location == first.document.source == f"{WIRE}:1"
    assert (first.document.title, first.document.url, first.outlet) == (
        "Crane vote delayed",
        "https://wire.example/cranes",
        "Wire Example",
    )
    assert (first.document.published, first.document.published_source) == ("2025-02-04", "field")
    # A line's own "source" names the document; errors still name the line.
    assert second.location == f"{WIRE}:3"
    assert second.document.source == "wire-archive/2025/0207.txt"
    assert second.document.published == "2025-02-07"


def test_ingest_jsonl_bad_lines_are_reported_by_line_number_and_the_rest_read() -> None:
    errors = {item.source: str(item) for item in read_jsonl(WIRE) if not isinstance(item, Found)}
    assert set(errors) == {f"{WIRE}:4", f"{WIRE}:5", f"{WIRE}:6", f"{WIRE}:7"}
    assert 'no "text" string' in errors[f"{WIRE}:4"]
    assert "not valid JSON" in errors[f"{WIRE}:5"]
    assert '"text" is empty' in errors[f"{WIRE}:6"]
    assert "'next spring', not a date" in errors[f"{WIRE}:7"]


def test_ingest_jsonl_wrong_shapes_say_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "odd.jsonl"
    lines = [
        json.dumps(["a", "list"]),
        json.dumps({"text": ENGLISH, "title": 12}),
        json.dumps({"text": 42}),
        json.dumps({"text": ENGLISH, "published": "2025-02-30"}),
    ]
    path.write_text("\n".join(lines) + "\n")
    messages = [str(item) for item in read_jsonl(path)]
    assert "is not a JSON object" in messages[0]
    assert '"title" is int, not a string' in messages[1]
    assert 'no "text" string' in messages[2]
    assert "'2025-02-30', not a date" in messages[3]


def test_ingest_jsonl_gzipped_and_crlf_lines(tmp_path: Path) -> None:
    path = tmp_path / "wire.ndjson.gz"
    body = "\r\n".join(json.dumps({"text": f"{ENGLISH} Item {n}."}) for n in range(3)) + "\r\n"
    path.write_bytes(gzip.compress(body.encode()))
    found = _found(list(iter_documents([path])))
    assert [f.location for f in found] == [f"{path}:{n}" for n in (1, 2, 3)]
    assert found[2].document.text.endswith("Item 2.")


def test_ingest_jsonl_overlong_line_is_skipped_without_losing_the_next(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "word " * 5000}) + "\n" + json.dumps({"text": ENGLISH}) + "\n")
    first, second = list(read_jsonl(path, max_bytes=1000))
    assert isinstance(first, TooLargeError) and first.source == f"{path}:1"
    assert isinstance(second, Found) and second.document.text == ENGLISH


def test_ingest_jsonl_truncated_gzip_reports_the_file_after_the_good_lines(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    body = "".join(json.dumps({"text": f"{ENGLISH} Item {n}."}) + "\n" for n in range(200))
    packed = gzip.compress(body.encode())
    path.write_bytes(packed[: len(packed) // 2])
    items = list(iter_documents([path]))
    assert _found(items)
    (failed,) = _failed(items)
    assert failed.error.source == str(path)
    assert "check the file is complete" in str(failed.error)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-03", "2025-02-03"),
        ("2025-02-03T23:30:00-05:00", "2025-02-03"),
        ("2025-02-03 08:00", "2025-02-03"),
        ("Mon, 03 Feb 2025 23:30:00 -0500", "2025-02-03"),
        ("03/02/2025", None),
        ("2025-13-01", None),
    ],
)
def test_ingest_publication_dates_in_common_forms(value: str, expected: str | None) -> None:
    assert date_of(value) == expected


# --- WARC -----------------------------------------------------------------------------------------------


def _warc(path: Path, records: list[tuple[str, str, str, bytes]], compress: bool = True) -> Path:
    """A WARC file of (uri, status, content type, body) responses, plus a request record to skip."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for uri, status, content_type, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
            request = StatusAndHeaders(f"GET {uri} HTTP/1.1", [("Host", "courier.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
    return path


def _page(body: str, title: str = "Cranes vote delayed") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>"
    ).encode()


@pytest.mark.parametrize("compress", [True, False])
def test_ingest_warc_html_responses_become_documents(tmp_path: Path, compress: bool) -> None:
    path = _warc(
        tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"),
        [
            ("https://www.courier.example/cranes", "200 OK", "text/html; charset=utf-8", _page(ENGLISH)),
            ("https://www.courier.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\nnot really"),
            ("https://www.courier.example/gone", "404 Not Found", "text/html", _page(ENGLISH + " Gone.")),
            ("https://www.courier.example/tags", "200 OK", "text/html", b"<html><body><nav>Tags</nav></body></html>"),
        ],
        compress=compress,
    )
    items = list(iter_documents([path]))
    (found,) = _found(items)
    assert found.location == found.document.source == f"{path}#https://www.courier.example/cranes"
    assert found.outlet == "courier.example"
    assert found.document.url == "https://www.courier.example/cranes"
    assert found.document.title == "Cranes vote delayed"
    assert found.document.text.startswith("The harbour board postponed a vote")
    # A page with no article body is reported; images, errors and requests are not articles at all.
    (failed,) = _failed(items)
    assert failed.error.source == f"{path}#https://www.courier.example/tags"
    assert isinstance(failed.error, NoArticleBodyError)


def test_ingest_warc_that_is_not_one_is_a_failure_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_text("not a web archive\n" * 20)
    (failed,) = list(read_warc(path))
    assert failed.source == str(path)
    assert "not a readable WARC file" in str(failed)


# --- any mix of inputs ---------------------------------------------------------------------------------


def test_ingest_sources_folder_is_read_recursively_in_order_skipping_notes(tmp_path: Path) -> None:
    for name in ("b/feed.rss", "a/wire.jsonl", "a/article.txt", "README.md", ".hidden/x.txt", "sitemap.xml", "c/x.xml"):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(FEED_RSS, tmp_path / "b" / "feed.rss")
    shutil.copy(FEED_RSS, tmp_path / "c" / "x.xml")
    shutil.copy(WIRE, tmp_path / "a" / "wire.jsonl")
    (tmp_path / "a" / "article.txt").write_text(ENGLISH)
    (tmp_path / "README.md").write_text("notes")
    (tmp_path / ".hidden" / "x.txt").write_text(ENGLISH)
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    assert [p.relative_to(tmp_path).as_posix() for p in iter_sources([tmp_path])] == [  # type: ignore[union-attr]
        "a/article.txt",
        "a/wire.jsonl",
        "b/feed.rss",
        "c/x.xml",
    ]


def test_ingest_sources_unknown_names_are_told_by_content(tmp_path: Path) -> None:
    dump = tmp_path / "dump.data"
    dump.write_text(json.dumps({"text": ENGLISH}) + "\n")
    feed = tmp_path / "feed.download"
    feed.write_bytes(FEED_ATOM.read_bytes())
    crawl = _warc(tmp_path / "crawl.bin", [("https://courier.example/a", "200 OK", "text/html", _page(ENGLISH))])
    note = tmp_path / "note"
    note.write_text(ENGLISH)
    found = _found(list(iter_documents([dump, feed, crawl, note])))
    assert [f.location for f in found] == [f"{dump}:1", f"{feed}#1", f"{crawl}#https://courier.example/a", str(note)]


def test_ingest_sources_mixed_inputs_yield_every_article_and_failure_in_order(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty"
    empty.mkdir()
    items = list(iter_documents([DATA / "article.txt", missing, FEED_RSS, empty, WIRE]))
    kinds = [(type(item).__name__, item.location if isinstance(item, Found) else item.error.source) for item in items]
    assert kinds[:2] == [("Found", str(DATA / "article.txt")), ("Failed", str(missing))]
    assert ("Failed", str(empty)) in kinds
    assert [k for k in kinds if k[1].startswith(str(WIRE))][0] == ("Found", f"{WIRE}:1")
    assert len(_found(items)) == 1 + 2 + 2
    assert all(isinstance(item.input, str) for item in items)


def test_ingest_sources_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode())))
    (found,) = list(iter_documents(["-"]))
    assert isinstance(found, Found)
    assert (found.input, found.location, found.document.text) == ("-", "<stdin>", ENGLISH)


def test_ingest_sources_estimate_counts_articles_without_reading_them(tmp_path: Path) -> None:
    # article.txt, 3 feed entries, 6 non-blank JSONL lines
    assert estimate_count([DATA / "article.txt", FEED_RSS, WIRE]) == 10
    crawl = _warc(tmp_path / "crawl.warc.gz", [("https://courier.example/a", "200 OK", "text/html", _page(ENGLISH))])
    assert estimate_count([crawl]) is None
