"""The REST API's shapes: what each page's JSON twin returns (and the OpenAPI document at ``/api.json``
describes). Every success has ``"ok": true``; every error is :class:`Error`.

A record travels as the JSON contract of ``docs/record.md`` (``storyline.Record.to_dict()``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from storyline.ingest import parse_date
from storyline.web.corpus_models import CorpusOverview

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


class Error(BaseModel):
    """The one error shape of the API."""

    ok: Literal[False] = False
    error: str = Field(description="what went wrong, and what to do about it")
    status: int = Field(description="the HTTP status, repeated")


class Counts(BaseModel):
    """How many of each item the article's record holds."""

    entities: int
    quotes: int
    time_expressions: int
    events: int
    figures: int
    stances: int
    pressures: int


class ArticleSummary(BaseModel):
    """One article as lists show it. ``path`` is its page; add ``.json`` for its record."""

    id: str
    title: str
    published: str | None
    source: str | None
    url: str | None
    language: str
    counts: Counts
    path: str


class Overview(BaseModel):
    ok: Literal[True] = True
    articles: int = Field(description="how many articles the store holds")
    latest: list[ArticleSummary] = Field(description="the articles added last, newest first")
    read_only: bool
    corpus: CorpusOverview | None = Field(default=None, description="outlets, dates and the most quoted and mentioned actors")


class ArticleList(BaseModel):
    ok: Literal[True] = True
    total: int
    page: int
    per_page: int
    pages: int
    articles: list[ArticleSummary] = Field(description="newest first")
    next: str | None = Field(description="the next page's path, or null on the last")
    previous: str | None = Field(description="the previous page's path, or null on the first")


class Article(BaseModel):
    ok: Literal[True] = True
    article: ArticleSummary
    record: dict[str, Any] = Field(description="the article's record (docs/record.md)")


class SearchHit(BaseModel):
    """An article or a quote that matches. ``start``/``end`` are character offsets into the article's text
    (null when no single place can be pointed at); ``before``/``text``/``after`` show the match in context."""

    kind: Literal["article", "quote"]
    article_id: str
    item_id: str | None
    title: str
    speaker: str | None = Field(description="who said it, for a quote")
    start: int | None
    end: int | None
    before: str
    text: str
    after: str
    score: float
    path: str = Field(description="the article's page, at the match")


class SearchResults(BaseModel):
    ok: Literal[True] = True
    query: str
    hits: list[SearchHit]


class AnalyzeRequest(BaseModel):
    """An article to read: plain text or an HTML page (told apart by its content)."""

    text: str = Field(description="the article, as plain text or a whole HTML page")
    title: str | None = None
    published: str | None = Field(
        default=None, pattern=DATE_PATTERN, description="YYYY-MM-DD; anchors relative dates such as 'on Monday'"
    )
    store: bool = Field(default=False, description="also store the article (refused by a read-only server)")

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        return None if value is None else parse_date(value)  # 2025-02-30 is no date


class AnalyzeForm(BaseModel):
    """What the analyze page accepts."""

    ok: Literal[True] = True
    read_only: bool
    max_upload_bytes: int


class Analyzed(BaseModel):
    ok: Literal[True] = True
    stored: bool = Field(description="whether the article is in the store now (it may have been already)")
    article: ArticleSummary
    record: dict[str, Any] = Field(description="the article's record (docs/record.md)")
