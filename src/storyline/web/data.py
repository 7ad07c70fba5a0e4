"""What each page shows, read from the store (or the pipeline) as the API's models: the views call these and
render the result as HTML or return it as JSON, so a page and its JSON twin always agree.

The corpus pages (actors, timeline, network, figures, and the overview's corpus panel) read the Corpus API in
:mod:`storyline.web.corpus_data`; the lists here come from the :class:`~storyline.store.Store`: "newest" means
most recently added.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

from storyline.errors import NotFoundError, TooLargeError
from storyline.ingest import read_bytes
from storyline.model import Document, Record
from storyline.render import briefing, page
from storyline.store import Store
from storyline.web import models
from storyline.web.errors import WebError
from storyline.web.security import human_size

TITLE_CHARS = 120
CONTEXT_CHARS = 80
LATEST = 10
_SPACES = re.compile(r"\s+")
PASTED_SOURCE = "pasted text"
# Ids in an article page: its items' places in the text are TEXT_PREFIX-<item id>; a search match's is MATCH_ANCHOR.
TEXT_PREFIX = "text"
MATCH_ANCHOR = "match"


def article_path(article_id: str) -> str:
    return f"/articles/{article_id}"


def display_title(document: Document) -> str:
    """The title, else the article's first line when it reads as a headline, else where it came from."""
    if document.title and document.title.strip():
        return " ".join(document.title.split())
    first = document.text.strip().split("\n", 1)[0].strip()
    if first:
        return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"
    return document.source or "Untitled article"


def summary(record: Record) -> models.ArticleSummary:
    document = record.document
    return models.ArticleSummary(
        id=document.id,
        title=display_title(document),
        published=document.published,
        source=document.source,
        url=document.url,
        language=document.language,
        counts=models.Counts(
            entities=len(record.entities),
            quotes=len(record.quotes),
            time_expressions=len(record.time_expressions),
            events=len(record.events),
            figures=len(record.figures),
            stances=len(record.stances),
            pressures=len(record.pressures),
        ),
        path=article_path(document.id),
    )


def _title(title: str | None, opening: str | None, source: str | None) -> str:
    """:func:`display_title` from the article's title, the opening of its text and its source."""
    return display_title(Document(id="", text=opening or "", title=title, source=source))


def titles(store: Store, ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """Each article's display title and publication date, read without loading its record (an event may
    have thousands of articles: read 500 at a time)."""
    out: dict[str, tuple[str, str | None]] = {}
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        rows = store.query(
            f"SELECT id, title, substr(text, 1, {TITLE_CHARS * 4}), source, published FROM articles "
            f"WHERE id IN ({', '.join('?' for _ in chunk)})",
            chunk,
        )
        out.update({r[0]: (_title(r[1], r[2], r[3]), r[4]) for r in rows})
    return out


def summaries(store: Store, ids: list[str]) -> list[models.ArticleSummary]:
    """Articles as lists show them, in the order of ``ids``: the columns of the articles table and the
    number of rows each item table holds, without loading the records."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = store.query(
        f"SELECT id, title, substr(text, 1, {TITLE_CHARS * 4}), source, published, url, language FROM articles "
        f"WHERE id IN ({marks})",
        ids,
    )
    found = {r[0]: r for r in rows}
    counts = {table: _counts(store, table, ids) for table in _COUNTED}
    out = []
    for article_id in ids:
        if article_id not in found:
            continue
        _, title, opening, source, published, url, language = found[article_id]
        out.append(
            models.ArticleSummary(
                id=article_id,
                title=_title(title, opening, source),
                published=published,
                source=source,
                url=url,
                language=language,
                counts=models.Counts(**{table: counts[table].get(article_id, 0) for table in _COUNTED}),
                path=article_path(article_id),
            )
        )
    return out


_COUNTED = ("entities", "quotes", "time_expressions", "events", "figures", "stances", "pressures")


def _counts(store: Store, table: str, ids: list[str]) -> dict[str, int]:
    """How many rows ``table`` holds for each of these articles (one query for the whole list)."""
    marks = ", ".join("?" for _ in ids)
    rows = store.query(f"SELECT article_id, count(*) FROM {table} WHERE article_id IN ({marks}) GROUP BY article_id", ids)
    return {r[0]: int(r[1]) for r in rows}


def _newest_ids(store: Store, limit: int, offset: int = 0) -> list[str]:
    rows = store.query("SELECT id FROM articles ORDER BY seq DESC LIMIT ? OFFSET ?", (limit, offset))
    return [r[0] for r in rows]


def overview(store: Store, *, read_only: bool) -> models.Overview:
    return models.Overview(
        articles=store.count(), latest=summaries(store, _newest_ids(store, LATEST)), read_only=read_only
    )


def article_list(store: Store, page: int, per_page: int, base: str = "/articles") -> models.ArticleList:
    total = store.count()
    pages = max(1, math.ceil(total / per_page))
    chosen = _newest_ids(store, per_page, (page - 1) * per_page)

    def link(number: int) -> str:
        return base + "?" + urlencode({"page": number, "per_page": per_page})

    return models.ArticleList(
        total=total,
        page=page,
        per_page=per_page,
        pages=pages,
        articles=summaries(store, chosen),
        next=link(page + 1) if page < pages else None,
        previous=link(min(page - 1, pages)) if page > 1 else None,
    )


def article(store: Store, article_id: str) -> tuple[Record, models.Article]:
    try:
        record = store.get(article_id)
    except NotFoundError:
        raise WebError(404, f"there is no article {article_id!r} in the store") from None
    return record, models.Article(article=summary(record), record=record.to_dict())


def _context(window: str, start: int, end: int, offset: int = 0, length: int | None = None) -> tuple[str, str]:
    """Up to :data:`CONTEXT_CHARS` characters either side of a match, cut at word boundaries. ``window`` is
    the part of the text from ``offset`` (``start``/``end`` are relative to it) of a text ``length`` long."""
    length = len(window) + offset if length is None else length
    before = window[max(0, start - CONTEXT_CHARS) : start]
    after = window[end : end + CONTEXT_CHARS]
    if offset + start > CONTEXT_CHARS and " " in before:
        before = "…" + before.split(" ", 1)[1]
    if offset + end + CONTEXT_CHARS < length and " " in after:
        after = after.rsplit(" ", 1)[0] + "…"
    return _SPACES.sub(" ", before), _SPACES.sub(" ", after)


def _speakers(store: Store, quotes: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Each quote's speaker as the article page labels it: the speaking entity's name, else the name the
    article gives, else "unattributed"."""
    out: dict[tuple[str, str], str] = {}
    for article_id, quote_id in quotes:
        rows = store.query(
            "SELECT q.speaker_name, e.name FROM quotes q LEFT JOIN entities e ON e.article_id = q.article_id "
            "AND e.entity_id = q.speaker_entity WHERE q.article_id = ? AND q.quote_id = ?",
            (article_id, quote_id),
        )
        if rows:
            out[(article_id, quote_id)] = rows[0][1] or rows[0][0] or briefing.UNATTRIBUTED
    return out


def search(store: Store, query: str, limit: int) -> models.SearchResults:
    """The matches, each with the words either side of it, read without loading the articles' records."""
    hits = store.search(query, limit=limit) if query.strip() else []
    heads = titles(store, sorted({hit.article_id for hit in hits}))
    around = [
        (hit.article_id, max(0, hit.start - CONTEXT_CHARS - 1), hit.end + CONTEXT_CHARS + 1)
        for hit in hits
        if hit.start is not None and hit.end is not None
    ]
    windows = store.snippets(around)
    speakers = _speakers(store, [(h.article_id, h.item_id) for h in hits if h.kind == "quote" and h.item_id])
    out = []
    for hit in hits:
        if hit.start is not None and hit.end is not None:
            lo, hi = max(0, hit.start - CONTEXT_CHARS - 1), hit.end + CONTEXT_CHARS + 1
            window = windows.get((hit.article_id, lo, hi), "")
            # A window read whole means the text goes on after it (one character past what _context shows).
            length = lo + len(window) + (1 if len(window) == hi - lo else 0)
            before, after = _context(window, hit.start - lo, hit.end - lo, lo, length)
            if hit.kind == "quote" and hit.item_id:
                anchor = "#" + page.anchor_id(TEXT_PREFIX, hit.item_id)
            else:
                anchor = f"?mark={hit.start}-{hit.end}#{MATCH_ANCHOR}"
        else:
            before, after, anchor = "", "", ""
        out.append(
            models.SearchHit(
                kind=hit.kind,
                article_id=hit.article_id,
                item_id=hit.item_id,
                title=heads.get(hit.article_id, (hit.article_id, None))[0],
                speaker=speakers.get((hit.article_id, hit.item_id or "")) if hit.kind == "quote" else None,
                start=hit.start,
                end=hit.end,
                before=before,
                text=hit.text,
                after=after,
                score=hit.score,
                path=article_path(hit.article_id) + anchor,
            )
        )
    return models.SearchResults(query=query, hits=out)


def read_article(
    data: bytes, source: str, *, title: str | None, published: str | None, max_bytes: int
) -> Record:
    """Read and analyze one pasted or uploaded article (plain text or an HTML page). Raises an
    :class:`~storyline.errors.InputError` naming ``source`` when it is not a readable English article."""
    from storyline.analyze import analyze

    try:
        document = read_bytes(data, source, published=published, max_bytes=max_bytes)
    except TooLargeError:
        limit = human_size(max_bytes)
        raise TooLargeError(source, f"is over this server's limit of {limit} per article (--max-upload)") from None
    if title and title.strip():
        document.title = " ".join(title.split())
    return analyze(document)

