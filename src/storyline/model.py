"""The plain data model every layer shares: pipeline stages produce it, stores keep it,
the CLI and web views render it.

A :class:`Record` is the grounded reading of one article. Every span in it (a mention, a
quote, a cue) carries ``start``/``end`` character offsets into ``Record.document.text``,
and ``text[start:end] == span.text`` always holds.

Records round-trip through plain dicts (``to_dict`` / ``from_dict``) whose shape is the
JSON contract described in ``docs/record.md`` and ``storyline/schema/record.schema.json``.
Keys that later stages add (time expressions, events, figures, ...) travel in
``Record.extra`` until they get a type of their own, so older readers keep working.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed"]

RECORD_VERSION = 1


@dataclass(frozen=True)
class Span:
    """A stretch of the document text: ``document.text[start:end] == text``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(start=int(data["start"]), end=int(data["end"]), text=str(data["text"]))


@dataclass
class Document:
    """One article: its text and what is known about where it came from."""

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    published_source: str | None = None  # "argument", "html", "dateline", "field", ...
    language: str = "en"
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "published_source": self.published_source,
            "language": self.language,
            "url": self.url,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(
            id=data["id"],
            text=data["text"],
            source=data.get("source"),
            title=data.get("title"),
            published=data.get("published"),
            published_source=data.get("published_source"),
            language=data.get("language", "en"),
            url=data.get("url"),
        )


@dataclass
class Entity:
    """A person, organisation, place... as one article names it, with every mention."""

    id: str
    name: str  # canonical: the fullest form the article uses
    type: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, ...
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "roles": list(self.roles),
            "aliases": list(self.aliases),
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            name=data["name"],
            type=data["type"],
            roles=list(data.get("roles", [])),
            aliases=list(data.get("aliases", [])),
            mentions=[Span.from_dict(m) for m in data.get("mentions", [])],
        )


@dataclass
class Speaker:
    """Who a quote is attributed to. ``entity`` is an entity id, or None for sources the
    article does not name ("officials", "a source familiar with the talks")."""

    name: str
    entity: str | None = None
    mention: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entity": self.entity,
            "mention": self.mention.to_dict() if self.mention else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speaker:
        mention = data.get("mention")
        return cls(
            name=data["name"],
            entity=data.get("entity"),
            mention=Span.from_dict(mention) if mention else None,
        )


@dataclass
class Quote:
    """Reported speech: the content span, who said it, and the words that say so."""

    id: str
    kind: QuoteKind
    start: int
    end: int
    text: str
    speaker: Speaker | None = None
    cue: Span | None = None
    addressee: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "addressee": self.addressee,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        speaker = data.get("speaker")
        cue = data.get("cue")
        return cls(
            id=data["id"],
            kind=data["kind"],
            start=int(data["start"]),
            end=int(data["end"]),
            text=data["text"],
            speaker=Speaker.from_dict(speaker) if speaker else None,
            cue=Span.from_dict(cue) if cue else None,
            addressee=data.get("addressee"),
        )


@dataclass
class Record:
    """Everything storyline read in one article."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # Keys added by later stages (time_expressions, events, figures, ...), kept as plain JSON.
    extra: dict[str, Any] = field(default_factory=dict)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "version": RECORD_VERSION,
            "document": self.document.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
        }
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        known = {"version", "document", "entities", "quotes"}
        return cls(
            document=Document.from_dict(data["document"]),
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
            quotes=[Quote.from_dict(q) for q in data.get("quotes", [])],
            extra={k: v for k, v in data.items() if k not in known},
        )


_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The form two copies of one article share: NFC, whitespace folded, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def document_id(text: str) -> str:
    """A content hash, so the same article always gets the same id (re-ingesting is idempotent)."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]
