"""What corpus queries return: small frozen dataclasses, each pointing back into the articles.

Every row carries ``article_id`` with ``start``/``end`` character offsets into that article's text (its first
source); rows merged from several articles list each one as a :class:`Source`. :func:`flat` turns a row into a
dict of plain values (lists and nested rows as JSON text) for CSV files and terminal tables; ``to_dict`` gives
the nested form for JSON.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any


class Row:
    """Conversions every result row shares."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]


@dataclass(frozen=True)
class Source(Row):
    """One article carrying a merged item, and where in its text. ``copy_of`` names the article it is a
    near-duplicate of (a wire copy), in which case it is not counted as a source of its own."""

    article_id: str
    start: int | None
    end: int | None
    published: str | None = None
    outlet: str | None = None
    copy_of: str | None = None


@dataclass(frozen=True)
class Role(Row):
    """A role an actor is given, with the publication dates of the articles that give it."""

    role: str
    dates: tuple[str, ...]
    articles: int


@dataclass(frozen=True)
class ActorRow(Row):
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]
    mentions: int
    quotes: int
    articles: int
    first_seen: str | None
    last_seen: str | None
    article_id: str | None  # the first mention
    start: int | None
    end: int | None


@dataclass(frozen=True)
class QuoteRow(Row):
    id: str
    speaker: str | None
    speaker_id: str | None
    text: str
    kind: str
    published: str | None  # of the first source
    article_id: str
    start: int | None
    end: int | None
    sources: tuple[Source, ...]  # originals first, then copies
    copies: int  # near-duplicate articles carrying it (not counted as sources)


@dataclass(frozen=True)
class DateClaim(Row):
    """A date some sources give for an event."""

    value: str
    sources: int
    articles: tuple[str, ...]
    agrees: bool  # with the reconciled date


@dataclass(frozen=True)
class Participant(Row):
    id: str
    name: str


@dataclass(frozen=True)
class EventRow(Row):
    id: str
    type: str
    status: str
    date: str | None  # reconciled
    date_confidence: float
    date_conflict: bool  # sources state dates that do not agree
    dates: tuple[DateClaim, ...]
    participants: tuple[Participant, ...]
    summary: str  # the evidence sentence of the first source
    article_id: str
    start: int | None
    end: int | None
    sources: tuple[Source, ...]
    source_count: int = 0  # articles carrying it, copies included (``sources`` may hold only the first few)


@dataclass(frozen=True)
class FigureRow(Row):
    """One source's figure, in its group of figures about the same thing."""

    group: str
    counted: str
    value: float
    upper: float | None
    approximation: str
    text: str
    said_by: str | None
    said_by_id: str | None
    date: str | None  # when the figure holds, if stated
    published: str | None
    outlet: str | None
    article_id: str
    start: int
    end: int
    conflict: bool  # the group holds figures that do not agree
    copy_of: str | None = None
    group_size: int = 0  # figures in the whole group (a query may return fewer of them)


@dataclass(frozen=True)
class StanceRow(Row):
    """An actor's stance on an issue (``kind`` "stance"), or pressure on another actor ("press")."""

    kind: str
    actor: str
    actor_id: str
    polarity: str  # support, oppose, mixed; "press" for pressure
    issue: str | None
    target: str
    published: str | None
    outlet: str | None
    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Node(Row):
    id: str  # a corpus entity id, "issue:<issue>", or "name:<words>" for an unnamed actor
    label: str
    kind: str  # person, entity, unnamed, issue
    weight: int  # articles behind its edges


@dataclass(frozen=True)
class Edge(Row):
    source: str
    target: str
    relation: str  # support, oppose, mixed, press
    weight: int  # original articles stating it
    evidence: tuple[Source, ...]


@dataclass(frozen=True)
class Network(Row):
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    total: int = 0  # edges matching the query; ``edges`` holds the heaviest of them when it was limited


@dataclass(frozen=True)
class SearchRow(Row):
    article_id: str
    kind: str  # article or quote
    item_id: str | None
    start: int | None
    end: int | None
    text: str
    score: float
    title: str | None
    published: str | None
    outlet: str | None
    copy_of: str | None


@dataclass(frozen=True)
class Reason(Row):
    """One way an entity's articles name it, and why those mentions were merged into it."""

    name: str
    how: str
    detail: str
    articles: int
    examples: tuple[str, ...]  # a few article ids


@dataclass(frozen=True)
class Explanation(Row):
    id: str
    name: str
    reasons: tuple[Reason, ...]

    def __str__(self) -> str:
        lines = [f"{self.name} ({self.id})"]
        for reason in self.reasons:
            lines.append(f"  {reason.name!r} in {reason.articles} article{'s' if reason.articles != 1 else ''}: {reason.detail}")
        return "\n".join(lines)


def flat(row: Row) -> dict[str, Any]:
    """The row as plain values: numbers and strings as they are, anything nested as JSON text."""
    out: dict[str, Any] = {}
    for f in fields(row):  # type: ignore[arg-type]
        value = getattr(row, f.name)
        if isinstance(value, tuple):
            value = json.dumps([v.to_dict() if isinstance(v, Row) else v for v in value], ensure_ascii=False)
        out[f.name] = value
    return out
