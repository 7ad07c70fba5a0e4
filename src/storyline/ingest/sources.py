"""Any mix of inputs to a stream of documents: article files, folders, feeds, JSONL and WARC files, stdin.

>>> for item in iter_documents(["articles/", "wire.jsonl", "feeds/world.rss", "crawl.warc.gz"]):  # doctest: +SKIP
...     if isinstance(item, Found):
...         print(item.location, item.document.id)
...     else:
...         print("failed:", item.error)

One input can hold many articles (a feed, a JSONL file, a crawl), and any one of them, or the whole file, can
fail: each failure comes as a :class:`Failed` in the stream, in its place, and the stream goes on. What a file
is comes from its name (``.txt .text .md .html .htm .jsonl .ndjson .rss .atom .xml .warc``, each also
``.gz``) or, for other names given on the command line, from its first bytes.

A folder is searched recursively in sorted order for those names, skipping hidden files and folders, notes
such as README.md, and ``.xml`` files that are not feeds.
"""

from __future__ import annotations

import codecs
import email.utils
import gzip
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from storyline.errors import InputError
from storyline.ingest.decode import DEFAULT_MAX_BYTES, GZIP_MAGIC
from storyline.ingest.readers import (
    FOLDER_SKIP_STEMS,
    HTML_SUFFIXES,
    STDIN,
    STDIN_SOURCE,
    TEXT_SUFFIXES,
    parse_date,
    read_path,
    read_stdin,
)
from storyline.model import Document

Kind = Literal["article", "jsonl", "feed", "warc"]

_SUFFIX_KINDS: dict[str, Kind] = {
    **{suffix: "article" for suffix in (*TEXT_SUFFIXES, *HTML_SUFFIXES)},
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
}
SOURCE_SUFFIXES = tuple(sorted(_SUFFIX_KINDS))
_SNIFF_BYTES = 4096
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")


@dataclass(frozen=True)
class Found:
    """A document read from an input."""

    document: Document
    input: str  # the file it was read from ("-" for standard input): what to read again to retry
    location: str  # where in it, as errors name it: the path, "file.jsonl:12", "feed.rss#3", "crawl.warc#<url>"
    outlet: str | None = None  # the publication, when the input says (a feed's title, a JSONL field, a host)


@dataclass(frozen=True)
class Failed:
    """An input, or one article in it, that cannot be read. ``error.source`` is its location."""

    error: InputError
    input: str


def date_of(value: str) -> str | None:
    """A publication date as YYYY-MM-DD, from YYYY-MM-DD, an ISO timestamp or an RFC 2822 date (the date as
    written, in the publisher's time zone); None when ``value`` is none of these.

    >>> date_of("Mon, 03 Feb 2025 23:30:00 -0500"), date_of("2025-02-03T10:00:00Z"), date_of("soon")
    ('2025-02-03', '2025-02-03', None)
    """
    value = value.strip()
    try:
        if _ISO_DAY.match(value):
            return parse_date(value[:10])
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def kind_of(path: Path) -> Kind | None:
    """What the file is, by its name (a ``.gz`` is what it holds); None for a name that does not say."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return _SUFFIX_KINDS.get(suffixes[-1]) if suffixes else None


def sniff(path: Path) -> Kind | None:
    """What the file is, by its first bytes; None when unreadable (reading it will report why)."""
    from storyline.ingest.feeds import looks_like_feed

    try:
        with open(path, "rb") as stream:
            head = stream.read(_SNIFF_BYTES)
            if head.startswith(GZIP_MAGIC):
                stream.seek(0)
                with gzip.GzipFile(fileobj=stream) as unzipped:
                    head = unzipped.read(_SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return None
    if head.startswith(b"WARC/"):
        return "warc"
    stripped = head.lstrip().removeprefix(codecs.BOM_UTF8).lstrip()
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"<") and looks_like_feed(head) and not re.search(rb"<html\b", head, re.IGNORECASE):
        return "feed"
    return "article"


def is_source_name(path: Path) -> bool:
    """Whether a folder scan reads ``path``, by its name."""
    name = path.name.lower()
    return not name.startswith(".") and kind_of(path) is not None and name.split(".", 1)[0] not in FOLDER_SKIP_STEMS


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | Literal["-"]]:
    """``paths`` with folders expanded into the input files in them (recursively, sorted); a file is given as
    is, whatever its name, a missing one too (reading it reports the error); ``-`` stays ``-``."""
    for item in paths:
        if str(item) == STDIN:
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            yield from _folder_sources(path)
        else:
            yield path


def _folder_sources(folder: Path) -> list[Path]:
    found = [
        path
        for path in folder.rglob("*")
        if is_source_name(path)
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.is_file()
        and (kind_of(path) != "feed" or sniff(path) == "feed")  # a sitemap or a config file is no feed
    ]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def iter_documents(
    paths: Iterable[str | Path], published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Found | Failed]:
    """Every article in ``paths``, read lazily one at a time, each a :class:`Found` or a :class:`Failed`.

    ``published`` (YYYY-MM-DD) overrides the dates inputs give; ``max_bytes`` limits one article's size.
    """
    for item in paths:
        if str(item) != STDIN and Path(item).is_dir():
            files = _folder_sources(Path(item))
            if not files:
                suffixes = ", ".join(SOURCE_SUFFIXES)
                error = InputError(str(item), f"the folder has no input files ({suffixes} or .gz of them)")
                yield Failed(error, str(item))
            for path in files:
                yield from _read(path, published, max_bytes)
        else:
            yield from _read(STDIN if str(item) == STDIN else Path(item), published, max_bytes)


def _read(source: Path | Literal["-"], published: str | None, max_bytes: int) -> Iterator[Found | Failed]:
    if source == STDIN:
        try:
            yield Found(read_stdin(published=published, max_bytes=max_bytes), STDIN, STDIN_SOURCE)
        except InputError as error:
            yield Failed(error, STDIN)
        return
    name = str(source)
    kind = kind_of(source) or sniff(source)
    if kind == "feed" and source.is_file() and sniff(source) != "feed":
        yield Failed(InputError(name, "is not an RSS or Atom feed; give feeds, articles, JSONL or WARC files"), name)
        return
    if kind == "jsonl":
        from storyline.ingest.jsonl import read_jsonl

        items: Iterator[Found | InputError] = read_jsonl(source, published, max_bytes)
    elif kind == "feed":
        from storyline.ingest.feeds import read_feed

        items = read_feed(source, published, max_bytes)
    elif kind == "warc":
        from storyline.ingest.warc import read_warc

        items = read_warc(source, published, max_bytes)
    else:
        items = _article(source, published, max_bytes)
    for found in items:
        yield Failed(found, name) if isinstance(found, InputError) else found


def _article(path: Path, published: str | None, max_bytes: int) -> Iterator[Found | InputError]:
    try:
        yield Found(read_path(path, published=published, max_bytes=max_bytes), str(path), str(path))
    except InputError as error:
        yield error


def estimate_count(paths: Iterable[str | Path]) -> int | None:
    """About how many articles ``paths`` hold, cheaply (for a progress bar's total): one per article file, one
    per non-blank line of a JSONL file, one per ``<item>``/``<entry>`` of a feed. None when a WARC file is
    among them (counting its pages means reading it all)."""
    total = 0
    for source in iter_sources(paths):
        if source == STDIN:
            total += 1
            continue
        kind = kind_of(source) or sniff(source)
        if kind == "warc":
            return None
        if kind == "article":
            total += 1
        else:
            total += _count(source, rb"\n[ \t\r]*\S" if kind == "jsonl" else rb"<(?:item|entry)[\s>]")
    return total


def _count(path: Path, pattern: bytes) -> int:
    found = 0
    tail = b"\n"
    try:
        with open(path, "rb") as raw:
            stream = gzip.GzipFile(fileobj=raw) if raw.read(2) == GZIP_MAGIC else raw
            raw.seek(0)
            while chunk := stream.read(1 << 20):
                # Keep a little of the previous chunk so a match across the boundary counts once.
                text = tail + chunk
                found += len(re.findall(pattern, text)) - len(re.findall(pattern, tail))
                tail = text[-64:]
    except (OSError, EOFError, zlib.error):
        pass
    return found

