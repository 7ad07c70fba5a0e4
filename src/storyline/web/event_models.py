"""The REST API's shape for the event page: the corpus event as the timeline gives it
(:class:`~storyline.corpus.rows.EventRow`) and each article's mention of it, with the words that state it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from storyline.corpus.rows import EventRow


class EventMention(BaseModel):
    """One article's mention of the event. ``path`` is the article's page, ``mark_path`` that page with the
    mention marked in the text."""

    article_id: str
    event_id: str = Field(description="the event's id in that article's record")
    title: str
    outlet: str | None
    published: str | None
    status: str = Field(description="happened, planned, ... as this article reports it")
    text: str = Field(description="the article's words for the event (its evidence), whitespace collapsed")
    start: int | None
    end: int | None
    date: str | None = Field(description="the date the article's text gives the event, if it gives one")
    date_agrees: bool | None = Field(description="whether that date agrees with the reconciled date")
    copy_of: str | None = Field(
        description="the article this one is a near-duplicate of (not counted as a source)"
    )
    path: str
    mark_path: str | None


class EventPage(BaseModel):
    ok: Literal[True] = True
    event: EventRow
    path: str
    timeline_path: str = Field(description="the timeline, at the event's month")
    dates_stated: bool = Field(
        description="whether any source states a date (else dates are publication dates)"
    )
    sources: int = Field(description="original articles mentioning the event")
    copies: int = Field(description="near-duplicate articles mentioning it too")
    articles: dict[str, str] = Field(description="the title of each article the page names, by id")
    mentions: list[EventMention] = Field(description="originals first, then copies, each oldest first")
