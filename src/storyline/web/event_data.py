"""What the event page shows, read through the Corpus API (:meth:`storyline.corpus.Corpus.event` and
:func:`storyline.corpus.event.mentions`): the view renders it as HTML or returns it as JSON, so both agree."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote

from storyline.corpus import Corpus
from storyline.corpus.event import Mention, mentions
from storyline.errors import NotFoundError
from storyline.web import event_models as em
from storyline.web.data import MATCH_ANCHOR, article_path
from storyline.web.data import titles as read_titles
from storyline.web.errors import WebError

_MONTH = re.compile(r"^\d{4}-\d{2}(?!\d)")


def event_path(event_id: str) -> str:
    return "/events/" + quote(event_id, safe="")


def timeline_path(date: str | None) -> str:
    """The timeline at the month an event falls in (the timeline's sections are months, else years, else
    "undated")."""
    if not date:
        return "/timeline#month-undated"
    month = date[:7] if _MONTH.match(date) else date[:4]
    # Filtered to that month (or year): the timeline comes a page at a time, and the month may be far in.
    return f"/timeline?since={month}&until={month}#month-{month}"


def _titles(corpus: Corpus, found: list[Mention], originals: Iterable[str]) -> dict[str, str]:
    """Each article's title as the article pages show it (an untitled article's first line, read without
    loading its record: an event may have thousands of mentions)."""
    titles = {m.article_id: " ".join(m.title.split()) for m in found if m.title and m.title.strip()}
    missing = sorted({*(m.article_id for m in found), *originals} - set(titles))
    titles.update({article_id: title for article_id, (title, _) in read_titles(corpus.store, missing).items()})
    for article_id in missing:
        titles.setdefault(article_id, article_id)  # an original no longer stored
    return titles


def _mark_path(mention: Mention) -> str | None:
    if mention.start is None or mention.end is None or mention.end <= mention.start:
        return None
    return f"{article_path(mention.article_id)}?mark={mention.start}-{mention.end}#{MATCH_ANCHOR}"


def event(corpus: Corpus, event_id: str) -> em.EventPage:
    try:
        row = corpus.event(event_id)
    except NotFoundError:
        raise WebError(404, f"there is no event {event_id!r} in the corpus") from None
    found = mentions(corpus, row.id)
    originals = [m for m in found if m.copy_of is None]
    titles = _titles(corpus, found, {m.copy_of for m in found if m.copy_of})
    agrees = {claim.value: claim.agrees for claim in row.dates}

    def stated(mention: Mention) -> str | None:
        """The date the article's text gives the event (not the publication date it was given for want of one)."""
        return mention.date if mention.date_source != "publication" else None

    return em.EventPage(
        event=row,
        path=event_path(row.id),
        timeline_path=timeline_path(row.date),
        # The dates were reconciled from the originals (from every mention when only copies carry the event).
        dates_stated=any(stated(m) for m in originals or found),
        sources=len({m.article_id for m in originals}),
        copies=len({m.article_id for m in found if m.copy_of is not None}),
        articles=titles,
        mentions=[
            em.EventMention(
                article_id=m.article_id,
                event_id=m.event_id,
                title=titles[m.article_id],
                outlet=m.outlet,
                published=m.published,
                status=m.status,
                text=" ".join(m.text.split()),
                start=m.start,
                end=m.end,
                date=stated(m),
                date_agrees=agrees.get(date) if (date := stated(m)) else None,
                copy_of=m.copy_of,
                path=article_path(m.article_id),
                mark_path=_mark_path(m),
            )
            for m in found
        ],
    )


__all__ = ["event", "event_path", "timeline_path"]
