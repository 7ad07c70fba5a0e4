"""WARC web archives (``.warc``, ``.warc.gz``: what crawlers such as wget, Heritrix or Browsertrix write),
through warcio: each successful HTML response goes through the HTML reader.

Other records (requests, metadata, redirects, images, scripts, revisits) are not articles and are passed
over without a word; an HTML page with no article body in it (a section front, a tag page) is reported like
any such page. A page is named ``<file>#<target URI>``; its host is the outlet. The archive is streamed
record by record.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from storyline.errors import InputError
from storyline.ingest.decode import DEFAULT_MAX_BYTES, too_large
from storyline.ingest.readers import read_bytes
from storyline.ingest.sources import Found

HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_MAGIC = b"WARC/"


def read_warc(
    path: str | Path, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Found | InputError]:
    """Every HTML page archived in the WARC file at ``path``, as a :class:`Found` document or the
    :class:`InputError` that says why that page (or the archive) cannot be read."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    pages = 0
    try:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                uri = _html_page(record)
                if uri is None:
                    continue
                pages += 1
                location = f"{source}#{uri}"
                try:
                    yield _found(record, uri, source, location, published, max_bytes)
                except InputError as error:
                    yield error
    except FileNotFoundError:
        yield InputError(source, "no such file; check the path")
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as error:
        where = f"after {pages} pages" if pages else "at the start"
        yield InputError(source, f"is not a readable WARC file {where} ({error}); check the file is complete")


def _html_page(record: Any) -> str | None:
    """The target URI of a record that holds an HTML page, else None."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None or not str(headers.get_statuscode() or "").startswith("2"):
            return None
        content_type = headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if not content_type.lower().strip().startswith(HTML_TYPES):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    return str(uri) if uri else None


def _found(record: Any, uri: str, source: str, location: str, published: str | None, max_bytes: int) -> Found:
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(location, None, max_bytes)
    document = read_bytes(data, location, published=published, max_bytes=max_bytes, html=True)
    return Found(
        document=replace(document, url=document.url or uri),
        input=source,
        location=location,
        outlet=_host(uri),
    )


def _host(uri: str) -> str | None:
    host = urlsplit(uri).hostname
    return host.removeprefix("www.") if host else None
