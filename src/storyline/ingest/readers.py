"""Files, bytes and stdin to :class:`~storyline.model.Document` objects."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Final, Literal

from storyline.errors import InputError, NotEnglishError
from storyline.ingest.decode import DEFAULT_MAX_BYTES, GZIP_MAGIC, decode, gunzip, too_large
from storyline.ingest.html import extract_article, looks_like_html
from storyline.ingest.language import not_english_reason
from storyline.model import Document, document_id

STDIN: Final = "-"
STDIN_SOURCE = "<stdin>"

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
# What a folder is searched for (a file named on the command line is read whatever its name).
INPUT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")

# Notes that sit beside articles in a folder (the sample's README.md) and are not articles themselves.
FOLDER_SKIP_STEMS = frozenset({"readme", "changelog", "changes", "license", "licence", "contributing", "notice"})

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str) -> str:
    """``value`` if it is a real YYYY-MM-DD date, else :class:`ValueError`."""
    if not _ISO_DATE.match(value):
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
    dt.date.fromisoformat(value)  # raises ValueError for 2024-02-30
    return value


def read_bytes(
    data: bytes,
    source: str,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    html: bool | None = None,
) -> Document:
    """One article from raw bytes. ``html=None`` looks at the content to tell a page from plain text.

    ``published`` (YYYY-MM-DD) overrides any date the page gives. Raises an :class:`InputError` subclass that
    names ``source`` when the bytes are not a readable English article.

    >>> read_bytes(b"Dana Levi said on Monday that the budget would pass.", "note.txt").title is None
    True
    """
    if published is not None:
        parse_date(published)
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, source, max_bytes)
    if len(data) > max_bytes:
        raise too_large(source, len(data), max_bytes)
    text = decode(data, source, html=html is not False)
    if html is None:
        html = looks_like_html(text)
    if html:
        page = extract_article(text, source)
        body, title, url = page.text, page.title, page.url
        date, date_source = page.published, "html" if page.published else None
    else:
        body, title, url, date, date_source = _plain(text), None, None, None, None
    reason = not_english_reason(body)
    if reason:
        raise NotEnglishError(source, f"{reason}; storyline reads English news only")
    if published is not None:
        date, date_source = published, "argument"
    return Document(
        id=document_id(body),
        text=body,
        source=source,
        title=title,
        published=date,
        published_source=date_source,
        url=url,
    )


def read_path(
    path: str | Path,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    source: str | None = None,
) -> Document:
    """One article from a file: ``.html``/``.htm`` through the HTML reader, ``.txt``/``.md`` as plain text,
    anything else by its content; a ``.gz`` of any of them is decompressed first.

    ``source`` (default: the path as given) is what errors and ``Document.source`` call the input.
    """
    path = Path(path)
    source = str(path) if source is None else source
    try:
        # Check the size before reading: a mistaken multi-gigabyte file should fail at once.
        size = path.stat().st_size
        if size > max_bytes:
            raise too_large(source, size, max_bytes)
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise InputError(source, "no such file; check the path") from error
    except IsADirectoryError as error:
        raise InputError(source, "is a folder; give files, or the folder itself to `storyline analyze`") from error
    except PermissionError as error:
        raise InputError(source, "permission denied; check the file's permissions") from error
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror or error}); check the file") from error
    return read_bytes(data, source, published=published, max_bytes=max_bytes, html=_is_html_name(path))


def read_stdin(
    published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, stream: BinaryIO | None = None
) -> Document:
    """One article from standard input (text or an HTML page, told apart by content); source ``'<stdin>'``."""
    stream = sys.stdin.buffer if stream is None else stream
    data = stream.read(max_bytes + 1)
    return read_bytes(data, STDIN_SOURCE, published=published, max_bytes=max_bytes)


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path | Literal["-"]]:
    """Expand ``paths`` into the inputs to read, in a stable order.

    A folder gives its article files (``.txt``, ``.text``, ``.md``, ``.html``, ``.htm`` and their ``.gz``),
    recursively, sorted by path, skipping hidden files and folders and notes such as README.md; a file is
    given as is, whatever its name (a missing one too: reading it reports the error); ``-`` stays ``-``
    (standard input).
    """
    for item in paths:
        if str(item) == STDIN:
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            yield from _folder_inputs(path)
        else:
            yield path


def is_input_name(path: Path) -> bool:
    """Whether a folder scan picks up ``path`` (by its name): an article suffix, not hidden, not a README."""
    name = path.name.lower().removesuffix(".gz")
    stem = name.split(".", 1)[0]
    return not name.startswith(".") and name.endswith(INPUT_SUFFIXES) and stem not in FOLDER_SKIP_STEMS


def _folder_inputs(folder: Path) -> list[Path]:
    found = [
        path
        for path in folder.rglob("*")
        if is_input_name(path)
        and path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _is_html_name(path: Path) -> bool | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    if not suffixes:
        return None
    if suffixes[-1] in HTML_SUFFIXES:
        return True
    if suffixes[-1] in TEXT_SUFFIXES:
        return False
    return None


def _plain(text: str) -> str:
    """Plain text as the pipeline reads it: one kind of line break, no surrounding blank space."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
