"""The REST API's shapes for the corpus pages (actor, timeline, network, figures): the Corpus API's rows
(:mod:`storyline.corpus.rows`) wrapped with what each page adds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from storyline.corpus.rows import ActorRow, EventRow, FigureRow, Node, QuoteRow, StanceRow


class Outlet(BaseModel):
    name: str
    articles: int


class CorpusOverview(BaseModel):
    """The corpus at a glance."""

    outlets: list[Outlet]
    first_published: str | None
    last_published: str | None
    most_quoted: list[ActorRow]
    most_mentioned: list[ActorRow]


class ActorPage(BaseModel):
    ok: Literal[True] = True
    actor: ActorRow
    path: str
    quotes: list[QuoteRow]
    stances: list[StanceRow]
    pressures_given: list[StanceRow]
    pressures_received: list[StanceRow]
    figures: list[FigureRow]


class Month(BaseModel):
    month: str  # YYYY-MM, or "undated"
    events: list[EventRow]


class Timeline(BaseModel):
    ok: Literal[True] = True
    filters: dict[str, str]
    types: list[str]
    outlets: list[str]
    total: int
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


class FigureGroup(BaseModel):
    group: str
    counted: str
    conflict: bool
    figures: list[FigureRow]


class Figures(BaseModel):
    ok: Literal[True] = True
    filters: dict[str, str]
    groups: list[FigureGroup]
