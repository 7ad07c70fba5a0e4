"""RSS and Atom feed files (through feedparser): one document per entry.

An entry's text is its full content (Atom ``<content>``, RSS ``<content:encoded>``) when the feed carries it,
else its summary or description; HTML in it is turned into paragraphs. The entry's title, link and date, and
the feed's own title as the outlet, come along. Each entry is named ``<file>#<n>`` (n counts entries from 1),
in errors and as ``Document.source``.

>>> [found.document.title for found in read_feed("news.rss")]   # doctest: +SKIP
['Harbour board delays vote on new cranes', ...]

The feed is parsed from bytes already read, so feedparser never fetches anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from storyline.errors import EmptyInputError, InputError
from storyline.ingest.decode import DEFAULT_MAX_BYTES, GZIP_MAGIC, gunzip, too_large
from storyline.ingest.readers import read_bytes
from storyline.ingest.sources import Found, date_of
from storyline.model import Document

# A feed file holds many articles: allow it this many times the one-article limit.
FEED_SIZE_FACTOR = 20

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(?:rss|feed|RDF)\b")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre section article header footer figure figcaption "
    "table tr td th hr dd dt".split()
)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file are an RSS, RDF or Atom document."""
    return bool(_FEED_ROOT.search(head[:4096]))


def read_feed(
    path: str | Path, published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Found | InputError]:
    """Every entry of the feed file at ``path``, as a :class:`Found` document or the :class:`InputError`
    that says why that entry (or the whole file) cannot be read; ``published`` overrides entry dates."""
    source = str(path)
    limit = max_bytes * FEED_SIZE_FACTOR
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as error:
        yield _unreadable(source, error)
        return
    try:
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, source, limit)
        if len(data) > limit:
            raise too_large(source, None, limit)
        yield from _entries(data, source, published, max_bytes)
    except InputError as error:
        yield error


def _unreadable(source: str, error: OSError) -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError(source, "no such file; check the path")
    return InputError(source, f"cannot be read ({error.strerror or error}); check the file")


def _entries(data: bytes, source: str, published: str | None, max_bytes: int) -> Iterator[Found | InputError]:
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data))  # a stream: feedparser never treats it as a URL
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            problem = parsed.get("bozo_exception")
            raise InputError(source, f"is not an RSS or Atom feed ({problem}); check the file")
        raise EmptyInputError(source, "the feed has no entries")
    outlet = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        location = f"{source}#{number}"
        try:
            yield Found(
                document=_document(entry, location, published, max_bytes),
                input=source,
                location=location,
                outlet=outlet,
            )
        except InputError as error:
            yield error


def _document(entry: Any, location: str, published: str | None, max_bytes: int) -> Document:
    body = _entry_text(entry)
    if not body:
        raise EmptyInputError(location, "the feed entry has no content or summary")
    document = read_bytes(body.encode("utf-8"), location, published=published, max_bytes=max_bytes, html=False)
    date = None if published else _entry_date(entry)
    return replace(
        document,
        title=_clean(entry.get("title")),
        url=_clean(entry.get("link")),
        published=document.published if published or date is None else date,
        published_source=document.published_source if published or date is None else "feed",
    )


def _entry_text(entry: Any) -> str:
    """The entry's longest text: full content when there is some, else the summary."""
    candidates: list[tuple[str, str]] = [
        (str(c.get("value") or ""), str(c.get("type") or "")) for c in entry.get("content") or []
    ]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((str(entry.get("summary")), str(detail.get("type") or "text/html")))
    texts = [fragment_text(value) if "html" in kind else _paragraphs(value) for value, kind in candidates]
    return max(texts, key=len, default="")


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, a blank line between blocks (paragraphs, list items, headings...).

    >>> fragment_text("<p>One <b>bold</b> line.</p><p>Two.</p>")
    'One bold line.\\n\\nTwo.'
    """
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in html:
        return _paragraphs(html)
    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _paragraphs(re.sub(r"<[^>]*>", " ", html))
    for element in list(root.iter("script", "style", "noscript")):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
            if element.tag.lower() != "br":
                element.text = "\n\n" + (element.text or "")
    return _paragraphs(root.text_content())


def _paragraphs(text: str) -> str:
    blocks = (_SPACE.sub(" ", block.replace("\n", " ")).strip() for block in re.split(r"\n\s*\n", text))
    return "\n\n".join(block for block in blocks if block)


def _entry_date(entry: Any) -> str | None:
    """The entry's date as written (the publisher's day), else as feedparser normalized it (UTC)."""
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        if isinstance(value, str) and (date := date_of(value)):
            return date
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.timezone.utc).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACE.sub(" ", value.replace("\n", " ")).strip()
    return value or None
