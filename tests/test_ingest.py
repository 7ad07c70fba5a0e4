"""Readers: text and HTML files (and their .gz), bytes, stdin, folders, and every kind of bad input."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from storyline.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    NoArticleBodyError,
    NotEnglishError,
    TooLargeError,
)
from storyline.ingest import (
    DEFAULT_MAX_BYTES,
    iter_inputs,
    parse_date,
    read_bytes,
    read_path,
    read_stdin,
)
from storyline.ingest.language import not_english_reason
from storyline.model import document_id

DATA = Path(__file__).parent / "data"
ARTICLE_TXT = DATA / "article.txt"
ARTICLE_HTML = DATA / "article.html"

ENGLISH = (
    "The harbour board postponed a vote on buying six new cranes on Tuesday, after two members asked "
    "for an independent review of the costs. The chairman said the vote would take place next month."
)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- plain text ---------------------------------------------------------------------------------


def test_ingest_text_file_reads_the_whole_text_without_a_title() -> None:
    document = read_path(ARTICLE_TXT)
    assert document.text == ARTICLE_TXT.read_text(encoding="utf-8").strip()
    assert document.text.startswith("Harbour board delays vote on new cranes\n\nMERIDALE")
    assert document.id == document_id(document.text)
    assert document.source == str(ARTICLE_TXT)
    assert document.title is None
    assert document.published is None and document.published_source is None
    assert document.language == "en"


def test_ingest_text_windows_line_endings_become_newlines(tmp_path: Path) -> None:
    path = _write(tmp_path / "crlf.txt", b"First paragraph here.\r\n\r\nSecond paragraph.\r\n")
    assert read_path(path).text == "First paragraph here.\n\nSecond paragraph."


def test_ingest_source_is_what_the_caller_names_it() -> None:
    assert read_path(ARTICLE_TXT, source="./data/article.txt").source == "./data/article.txt"


def test_ingest_same_text_gets_same_id_whatever_the_file(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", ENGLISH.encode())
    b = _write(tmp_path / "b.txt", (ENGLISH + "\n\n").encode())
    assert read_path(a).id == read_path(b).id


def test_ingest_published_argument_is_recorded_as_argument() -> None:
    document = read_path(ARTICLE_TXT, published="2024-03-05")
    assert (document.published, document.published_source) == ("2024-03-05", "argument")


@pytest.mark.parametrize("value", ["2024-3-5", "05/03/2024", "2024-02-30", "yesterday"])
def test_ingest_published_must_be_a_real_iso_date(value: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD|day is out of range"):
        read_path(ARTICLE_TXT, published=value)


def test_ingest_parse_date_returns_a_valid_date_unchanged() -> None:
    assert parse_date("2024-02-29") == "2024-02-29"


def test_ingest_file_with_other_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "article.story", ENGLISH.encode())
    assert read_path(path).text == ENGLISH


# --- HTML -----------------------------------------------------------------------------------


def test_ingest_html_page_gives_body_title_date_and_url() -> None:
    document = read_path(ARTICLE_HTML)
    assert document.title == "Harbour board delays vote on new cranes"
    assert (document.published, document.published_source) == ("2024-03-05", "html")
    assert document.url == "https://news.example.org/2024/03/05/harbour-cranes"
    assert document.text.startswith("MERIDALE, March 4 (Test Wire)")
    assert document.id == document_id(document.text)


def test_ingest_html_body_leaves_out_menus_footer_and_repeated_headline() -> None:
    text = read_path(ARTICLE_HTML).text
    for boilerplate in ("Subscribe now", "Privacy policy", "All rights reserved", "Harbour board delays"):
        assert boilerplate not in text


def test_ingest_html_paragraphs_are_separated_by_a_blank_line() -> None:
    paragraphs = read_path(ARTICLE_HTML).text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith('"We are not against the cranes')
    assert all("\n" not in p for p in paragraphs)


def test_ingest_published_argument_overrides_the_page_date() -> None:
    document = read_path(ARTICLE_HTML, published="2024-03-04")
    assert (document.published, document.published_source) == ("2024-03-04", "argument")


def test_ingest_html_without_article_body_raises_no_article_body() -> None:
    with pytest.raises(NoArticleBodyError, match=r"no-article\.html: the HTML page has no article body"):
        read_path(DATA / "no-article.html")


def test_ingest_html_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    page = ARTICLE_HTML.read_text(encoding="utf-8").replace('charset="utf-8"', 'charset="windows-1252"')
    page = page.replace("Olga Petrin", "Olga Petrín")
    path = _write(tmp_path / "legacy.html", page.encode("cp1252"))
    assert "Olga Petrín" in read_path(path).text


def test_ingest_bytes_that_look_like_a_page_go_through_the_html_reader() -> None:
    document = read_bytes(ARTICLE_HTML.read_bytes(), "page")
    assert document.title == "Harbour board delays vote on new cranes"
    assert "<p>" not in document.text


def test_ingest_text_mentioning_a_tag_stays_text() -> None:
    text = ENGLISH + " The page used a <body> tag."
    assert read_bytes(text.encode(), "note").text == text


# --- compressed ---------------------------------------------------------------------------------


def test_ingest_gzipped_text_and_html_are_decompressed(tmp_path: Path) -> None:
    txt = _write(tmp_path / "article.txt.gz", gzip.compress(ARTICLE_TXT.read_bytes()))
    html = _write(tmp_path / "article.html.gz", gzip.compress(ARTICLE_HTML.read_bytes()))
    assert read_path(txt).text == read_path(ARTICLE_TXT).text
    assert read_path(html).title == "Harbour board delays vote on new cranes"


def test_ingest_corrupt_gzip_raises_binary_input(tmp_path: Path) -> None:
    path = _write(tmp_path / "broken.txt.gz", gzip.compress(ENGLISH.encode())[:20])
    with pytest.raises(BinaryInputError, match="cannot be decompressed"):
        read_path(path)


def test_ingest_gzip_that_inflates_past_the_limit_raises_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path / "bomb.txt.gz", gzip.compress(b"a " * 50_000))
    assert path.stat().st_size < 1_000
    with pytest.raises(TooLargeError, match="decompresses to more than"):
        read_path(path, max_bytes=10_000)


# --- encodings -----------------------------------------------------------------------------------


def test_ingest_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path / "bom.txt", codecs.BOM_UTF8 + ENGLISH.encode())
    assert read_path(path).text == ENGLISH


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_ingest_utf16_with_byte_order_mark_is_decoded(tmp_path: Path, encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    path = _write(tmp_path / "wide.txt", bom + ENGLISH.encode(encoding))
    assert read_path(path).text == ENGLISH


def test_ingest_legacy_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    text = "\u201cWe will not back down,\u201d the caf\u00e9 owner said \u2014 twice. " + ENGLISH
    path = _write(tmp_path / "legacy.txt", text.encode("cp1252"))
    assert read_path(path).text == text


def test_ingest_utf8_with_a_stray_windows_1252_byte_keeps_the_utf8(tmp_path: Path) -> None:
    # Text pasted together from a UTF-8 and a Windows-1252 source: \x92 is a right single quote there.
    data = ("\u201cWe will not back down,\u201d she said. " + ENGLISH).encode() + b" It\x92s over."
    text = read_path(_write(tmp_path / "mixed.txt", data)).text
    assert text.startswith("\u201cWe will not back down,\u201d")
    assert text.endswith("It\u2019s over.")


def test_ingest_undecodable_bytes_raise_encoding_error(tmp_path: Path) -> None:
    rng = random.Random(0)
    path = _write(tmp_path / "noise.txt", bytes(rng.randrange(0x80, 0x100) for _ in range(2_000)))
    with pytest.raises(EncodingError, match=r"noise\.txt: is not UTF-8 .*save it as UTF-8"):
        read_path(path)


# --- empty, binary, too large ---------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_ingest_empty_or_whitespace_file_raises_empty_input(tmp_path: Path, content: bytes) -> None:
    path = _write(tmp_path / "blank.txt", content)
    with pytest.raises(EmptyInputError, match=r"blank\.txt: is empty"):
        read_path(path)


def test_ingest_gzipped_empty_file_raises_empty_input(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError):
        read_path(_write(tmp_path / "blank.txt.gz", gzip.compress(b"")))


def test_ingest_nul_bytes_raise_binary_input(tmp_path: Path) -> None:
    path = _write(tmp_path / "data.txt", b"Some text\x00\x00\x01 and more")
    with pytest.raises(BinaryInputError, match="NUL bytes"):
        read_path(path)


def test_ingest_many_control_bytes_raise_binary_input(tmp_path: Path) -> None:
    path = _write(tmp_path / "data.txt", b"ab\x01\x02\x03\x04cd\x05\x06\x07\x08" * 50)
    with pytest.raises(BinaryInputError, match="control bytes"):
        read_path(path)


def test_ingest_known_binary_format_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "article.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    with pytest.raises(BinaryInputError, match="is a PDF document"):
        read_path(path)


def test_ingest_file_over_the_limit_raises_too_large_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "big.txt", ENGLISH.encode() * 100)

    def refuse_to_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although stat() already showed it is too large")

    monkeypatch.setattr(Path, "open", refuse_to_open)
    with pytest.raises(TooLargeError, match=r"big\.txt: is 1\d\.\d KB, over the 1\.0 KB limit"):
        read_path(path, max_bytes=1024)


def test_ingest_default_size_limit_is_five_megabytes() -> None:
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024


def test_ingest_bytes_over_the_limit_raise_too_large() -> None:
    with pytest.raises(TooLargeError):
        read_bytes(ENGLISH.encode(), "memory", max_bytes=10)


def test_ingest_missing_file_raises_input_error() -> None:
    with pytest.raises(InputError, match=r"nowhere\.txt: no such file; check the path"):
        read_path("nowhere.txt")


# --- language ------------------------------------------------------------------------------------


def test_ingest_foreign_language_text_raises_not_english() -> None:
    with pytest.raises(NotEnglishError, match=r"not-english\.txt: does not look like English"):
        read_path(DATA / "not-english.txt")


def test_ingest_non_latin_script_raises_not_english(tmp_path: Path) -> None:
    greek = "Η λιμενική αρχή ανέβαλε σήμερα την ψηφοφορία για την αγορά έξι νέων γερανών."
    with pytest.raises(NotEnglishError, match="Latin"):
        read_path(_write(tmp_path / "greek.txt", greek.encode()))


@pytest.mark.parametrize(
    "text",
    [
        "Minister resigns",
        "Levi: Budget will pass",
        # A box score: English with hardly any function words.
        (
            "Palm Grove d. Riverside 70-44. Palm Grove: Tolan 25 points, Davis 17 points, Burke 10 points, "
            "Moreno 10 points, Bean 5 points, Moore 3 points. Riverside: Blake 15 points, Devon 2 points, "
            "Baker 6 points, Brown 4 points, Upton 3 points."
        ),
        # English quoting a little of another language.
        (
            'The protesters chanted "queremos agua limpia para todos" as the minister said she would '
            "not resign, and her office said that the plan was still on the table for the vote."
        ),
    ],
)
def test_ingest_short_english_and_english_lists_are_not_rejected(text: str) -> None:
    assert not_english_reason(text) is None


# --- stdin and folders -----------------------------------------------------------------------------


def test_ingest_stdin_is_named_stdin_and_sniffed_for_html() -> None:
    text = read_stdin(stream=io.BytesIO(ENGLISH.encode()))
    page = read_stdin(stream=io.BytesIO(ARTICLE_HTML.read_bytes()), published="2024-01-01")
    assert (text.source, text.text, text.title) == ("<stdin>", ENGLISH, None)
    assert (page.title, page.published_source) == ("Harbour board delays vote on new cranes", "argument")


def test_ingest_empty_stdin_raises_empty_input() -> None:
    with pytest.raises(EmptyInputError, match="<stdin>: is empty"):
        read_stdin(stream=io.BytesIO(b""))


def test_ingest_iter_inputs_expands_folders_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in [
        "b.txt", "a.html", "sub/c.md", "sub/deeper/d.htm.gz", "A.TEXT", "e.txt.gz",
        "notes.pdf", "image.png", ".hidden.txt", ".git/x.txt", "README.md",
    ]:  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path]) if isinstance(p, Path)]
    assert found == ["A.TEXT", "a.html", "b.txt", "e.txt.gz", "sub/c.md", "sub/deeper/d.htm.gz"]


def test_ingest_iter_inputs_keeps_files_stdin_and_order_as_given(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "x.txt").write_text("x")
    inputs = list(iter_inputs(["z.notes", "-", str(folder), "missing.txt"]))
    assert inputs == [Path("z.notes"), "-", folder / "x.txt", Path("missing.txt")]


# --- every error: one line, naming the input, saying what to do -----------------------------------


def test_ingest_error_messages_are_one_line_naming_the_input(tmp_path: Path) -> None:
    rng = random.Random(1)
    bad = {
        "empty.txt": b"",
        "binary.txt": b"\x00\x01\x02",
        "noise.txt": bytes(rng.randrange(0x80, 0x100) for _ in range(2_000)),
        "large.txt": ENGLISH.encode() * 3,
        "nobody.html": (DATA / "no-article.html").read_bytes(),
        "german.txt": (DATA / "not-english.txt").read_bytes(),
    }
    for name, data in bad.items():
        path = _write(tmp_path / name, data)
        with pytest.raises(InputError) as caught:
            read_path(path, max_bytes=500)
        message = str(caught.value)
        assert message.startswith(f"{path}: ")
        assert caught.value.source == str(path)
        assert "\n" not in message
        assert ";" in message, f"{name}: the message should say what to do: {message}"


# --- real pages ----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def _token_f1(predicted: str, gold: str) -> float:
    p, g = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(gold.lower()))
    common = sum((p & g).values())
    return 0.0 if not common else 2 * common / (sum(p.values()) + sum(g.values()))


@pytest.mark.slow
def test_ingest_aeb_pages_give_english_articles_close_to_the_ground_truth(shared_data: Path) -> None:
    aeb = shared_data / "aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    index = {item["id"]: item for item in json.loads((aeb / "aeb_index.json").read_text(encoding="utf-8"))}
    scores, dated, rejected = [], 0, 0
    for page_id, gold in truth.items():
        try:
            document = read_path(aeb / "html" / f"{page_id}.html.gz")
        except NotEnglishError:
            rejected += 1
            continue
        assert document.text and "\n\n\n" not in document.text
        dated += document.published is not None
        if not index[page_id]["truncated"]:
            scores.append(_token_f1(document.text, gold["articleBody"]))
    # 181 pages, 20 of them in other languages; none of the English ones may be turned away.
    assert rejected <= 20 and len(scores) >= 150
    assert sum(scores) / len(scores) >= 0.95
    assert dated >= 0.9 * len(scores)
