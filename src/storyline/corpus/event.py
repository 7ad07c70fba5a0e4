"""One corpus event, whole: the row the timeline gives for it, and every article's mention of it.

>>> from storyline.corpus import Corpus
>>> from storyline.corpus.event import mentions
>>> with Corpus("storyline.db") as corpus:                          # doctest: +SKIP
...     row = corpus.event("vb91f9b818d46")       # or an article's own event: "a50a45df8b8815f0.ev1"
...     print(row.type, row.date, row.date_confidence, [d.value for d in row.dates])
...     for mention in mentions(corpus, row.id):
...         print(mention.published, mention.outlet, mention.copy_of, mention.text)

An event's :class:`~storyline.corpus.rows.EventRow` lists one :class:`~storyline.corpus.rows.Source` per article;
:func:`mentions` lists every article event merged into it, with the words of the article that state it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.corpus.rows import EventRow, Row

if TYPE_CHECKING:
    from storyline.corpus import Corpus

# An article's own event is named "<article id>.<event id>" (as the web app's article page links to it).
REF_SEPARATOR = "."


@dataclass(frozen=True)
class Mention(Row):
    """One article's mention of a corpus event: where in its text, what the article says of it, and its words
    there (the event's evidence sentence). ``copy_of`` names the article this one is a near-duplicate of."""

    article_id: str
    event_id: str  # the event's id in that article's record
    start: int | None
    end: int | None
    text: str
    type: str
    status: str
    date: str | None  # the date the article gives the event
    date_source: str | None  # "expression" (stated in the text) or "publication" (the article's own date)
    published: str | None
    outlet: str | None
    title: str | None
    copy_of: str | None = None


def resolve(corpus: Corpus, ref: str) -> str | None:
    """The id of the corpus event ``ref`` names (its id, or ``<article id>.<event id>``), or None."""
    if REF_SEPARATOR in ref:
        article_id, event_id = ref.split(REF_SEPARATOR, 1)
        rows = corpus.store.query(
            "SELECT corpus_event_id FROM corpus_event_links WHERE article_id = ? AND event_id = ?",
            (article_id, event_id),
        )
        if rows:
            return str(rows[0][0])
    rows = corpus.store.query("SELECT id FROM corpus_events WHERE id = ?", (ref,))
    return str(rows[0][0]) if rows else None


def event(corpus: Corpus, ref: str) -> EventRow | None:
    """The corpus event ``ref`` names, as :meth:`~storyline.corpus.Corpus.timeline` gives it (with every
    source); None if there is none."""
    event_id = resolve(corpus, ref)
    if event_id is None:
        return None
    rows = corpus.store.query(
        "SELECT id, type, status, date, date_confidence, date_conflict, dates, participants, summary, article_id, "
        "start_char, end_char, sources + copies FROM corpus_events WHERE id = ?",
        (event_id,),
    )
    return corpus._event_rows(rows)[0] if rows else None


def mentions(corpus: Corpus, event_id: str) -> list[Mention]:
    """Every article's mention of the corpus event ``event_id``: originals first, then near-duplicate copies,
    each in order of publication (undated last)."""
    rows = corpus.store.query(
        "SELECT l.article_id, l.event_id, l.start_char, l.end_char, "
        "substr(a.text, l.start_char + 1, l.end_char - l.start_char), l.type, l.status, l.date_value, l.date_source, "
        "coalesce(l.published, a.published), a.outlet, a.title, ca.original_id FROM corpus_event_links l "
        "JOIN articles a ON a.id = l.article_id LEFT JOIN corpus_articles ca ON ca.article_id = l.article_id "
        "WHERE l.corpus_event_id = ?",
        (event_id,),
    )
    rows.sort(key=lambda r: (r[12] is not None, r[9] or "9999", r[0], r[2] if r[2] is not None else -1, r[1]))
    return [
        Mention(
            article_id=r[0], event_id=r[1], start=r[2], end=r[3], text=r[4] or "", type=r[5], status=r[6], date=r[7],
            date_source=r[8], published=r[9], outlet=r[10], title=r[11], copy_of=r[12],
        )
        for r in rows
    ]  # fmt: skip


__all__ = ["Mention", "event", "mentions", "resolve"]
