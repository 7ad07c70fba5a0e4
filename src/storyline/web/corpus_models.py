"""The REST API's shapes for the corpus pages (actor, timeline, network, figures): the Corpus API's rows
(:mod:`storyline.corpus.rows`) wrapped with what each page adds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from storyline.corpus.rows import ActorRow, EventRow, FigureRow, Node, QuoteRow, StanceRow


class Page(BaseModel):
    """Where a long list is: ``total`` items match (None: not counted, as too costly), this response holds
    ``limit`` of them from ``offset``; ``next`` and ``previous`` are the paths of the neighbouring pages (None
    at either end)."""

    total: int | None
    offset: int
    limit: int
    next: str | None
    previous: str | None


class Outlet(BaseModel):
    name: str
    articles: int


class ActorSummary(BaseModel):
    """An actor as a list shows it (``path`` is their page, with roles, quotes and the rest)."""

    id: str
    name: str
    type: str
    mentions: int
    quotes: int
    articles: int
    first_seen: str | None
    last_seen: str | None
    path: str


class CorpusOverview(BaseModel):
    """The corpus at a glance."""

    outlets: list[Outlet]
    first_published: str | None
    last_published: str | None
    most_quoted: list[ActorSummary]
    most_mentioned: list[ActorSummary]


class ActorPage(BaseModel):
    ok: Literal[True] = True
    actor: ActorRow
    path: str
    quotes: list[QuoteRow]
    quotes_page: Page
    quotes_about: str | None = None
    stances: list[StanceRow]
    pressures_given: list[StanceRow]
    pressures_received: list[StanceRow]
    claims_shown: int = 200  # stances, pressures given and received: at most this many of each, the latest
    figures: list[FigureRow]


class Month(BaseModel):
    month: str  # YYYY-MM, or "undated"
    events: list[EventRow]


class Timeline(BaseModel):
    ok: Literal[True] = True
    filters: dict[str, str]
    types: list[str]
    outlets: list[str]
    total: int | None  # events matching the filters; None when not counted (a full-text or outlet filter)
    page: Page
    months: list[Month]


class Evidence(BaseModel):
    article_id: str
    title: str
    published: str | None
    text: str
    path: str


class GraphEdge(BaseModel):
    source: str
    target: str
    relation: str
    weight: int
    evidence: list[Evidence]


class Graph(BaseModel):
    ok: Literal[True] = True
    filters: dict[str, str]
    issues: list[str]
    nodes: list[Node]
    edges: list[GraphEdge]
    total_edges: int  # edges matching the filters; the heaviest ``len(edges)`` of them are here


class FigureGroup(BaseModel):
    group: str
    counted: str
    conflict: bool
    size: int  # figures in the group; ``figures`` shows the first of each value most sources give, then the oldest
    figures: list[FigureRow]


class Figures(BaseModel):
    ok: Literal[True] = True
    filters: dict[str, str]
    page: Page
    groups: list[FigureGroup]
