"""JSON Lines files (``.jsonl``, ``.ndjson``, and their ``.gz``): one article per line.

Each line is an object with the article's ``text`` and, optionally, ``title``, ``published`` (YYYY-MM-DD, an
ISO timestamp or an RFC 2822 date), ``source``, ``url`` and ``outlet``::

    {"text": "The harbour board postponed a vote...", "title": "Vote delayed", "published": "2025-02-03",
     "url": "https://example.org/vote", "outlet": "Meridale Courier"}

A line is named ``<file>:<line number>`` in errors (and is the ``Document.source`` unless the line gives a
``source``). The file is streamed: a corpus of millions of lines never sits in memory. Blank lines are skipped.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from storyline.errors import EmptyInputError, InputError
from storyline.ingest.decode import DEFAULT_MAX_BYTES, GZIP_MAGIC, too_large
from storyline.ingest.readers import read_bytes
from storyline.ingest.sources import Found, date_of
from storyline.model import Document

# JSON escapes can make a line several times longer than its text (\u00e9 is six bytes for one letter).
LINE_SIZE_FACTOR = 6
OPTIONAL_FIELDS = ("title", "source", "url", "outlet")


def read_jsonl(
    path: str | Path, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Found | InputError]:
    """Every line of the JSONL file at ``path``, as a :class:`Found` document or the :class:`InputError`
    naming the line (or the file) that cannot be read; ``published`` overrides the lines' dates."""
    source = str(path)
    number = 0
    try:
        with _open(path) as stream:
            for number, line in _lines(stream, max_bytes * LINE_SIZE_FACTOR):
                location = f"{source}:{number}"
                if line is None:
                    yield too_large(location, None, max_bytes * LINE_SIZE_FACTOR, what="the line is")
                    continue
                if not line.strip():
                    continue
                try:
                    document, outlet = _document(line, location, published, max_bytes)
                except InputError as error:
                    yield error
                    continue
                yield Found(document=document, input=source, location=location, outlet=outlet)
    except FileNotFoundError:
        yield InputError(source, "no such file; check the path")
    except (OSError, EOFError, zlib.error) as error:
        where = f"after line {number}" if number else "at the start"
        yield InputError(source, f"cannot be read {where} ({error}); check the file is complete")


def _open(path: str | Path) -> IO[bytes]:
    stream: IO[bytes] = open(path, "rb")  # noqa: SIM115  (returned to a with block)
    if stream.read(2) == GZIP_MAGIC:
        stream.seek(0)
        return gzip.GzipFile(fileobj=stream)  # type: ignore[return-value]
    stream.seek(0)
    return stream


def _lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines, None for a line longer than ``limit`` (skipped without reading it into memory)."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _document(line: bytes, location: str, published: str | None, max_bytes: int) -> tuple[Document, str | None]:
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(
            location, f"is not valid JSON ({error.msg} at column {error.colno}); each line must be one JSON object"
        ) from error
    except UnicodeDecodeError as error:
        raise InputError(location, "is not UTF-8; save the file as UTF-8") from error
    if not isinstance(data, dict):
        raise InputError(location, 'is not a JSON object; each line must be an object such as {"text": "..."}')
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError(location, 'has no "text" string; each line needs the article as {"text": "..."}')
    if not text.strip():
        raise EmptyInputError(location, 'the "text" is empty')
    fields: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = data.get(name)
        if value is not None and not isinstance(value, str):
            raise InputError(location, f'"{name}" is {type(value).__name__}, not a string')
        fields[name] = (value.strip() or None) if isinstance(value, str) else None
    date = None if published is not None else _date(data.get("published"), location)
    document = read_bytes(text.encode("utf-8"), location, published=published, max_bytes=max_bytes, html=False)
    document = replace(
        document,
        source=fields["source"] or location,
        title=fields["title"],
        url=fields["url"],
        published=date if date is not None else document.published,
        published_source="field" if date is not None else document.published_source,
    )
    return document, fields["outlet"]


def _date(value: object, location: str) -> str | None:
    """A line's ``published`` value as YYYY-MM-DD."""
    if value is None or value == "":
        return None
    date = date_of(value) if isinstance(value, str) else None
    if date is None:
        raise InputError(
            location, f'"published" is {value!r}, not a date (give YYYY-MM-DD, an ISO timestamp or an RFC 2822 date)'
        )
    return date
