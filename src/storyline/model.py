"""The plain data model every layer shares: pipeline stages produce it, stores keep it,
the CLI and web views render it.

A :class:`Record` is the grounded reading of one article. Every span in it (a mention, a
quote, a cue, an event's evidence) carries ``start``/``end`` character offsets into
``Record.document.text``, and ``text[start:end] == span.text`` always holds.

Records round-trip through plain dicts (``to_dict`` / ``from_dict``) whose shape is the
JSON contract described in ``docs/record.md`` and ``storyline/schema/record.schema.json``.
Keys this version does not know travel in ``Record.extra``, so older readers keep working.
"""

from __future__ import annotations

import hashlib
import re
import types
import typing
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Literal, TypeVar

QuoteKind = Literal["direct", "indirect", "mixed"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EventStatus = Literal["happened", "planned", "reported", "negated", "hypothetical"]
Approximation = Literal["exact", "more_than", "at_least", "less_than", "nearly", "about", "up_to", "range"]
Polarity = Literal["support", "oppose", "mixed"]

RECORD_VERSION = 1

M = TypeVar("M", bound="Model")


class Model:
    """Plain-dict conversion shared by every record type: fields in declaration order, nested
    models and lists of them converted both ways."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in _field_names(type(self))}

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        converters = _converters(cls)
        return cls(**{
            name: value if value is None or (convert := converters[name]) is None else convert(value)
            for name, value in data.items()
            if name in converters
        })  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


Converter = Callable[[Any], Any]
_CONVERTERS: dict[type, dict[str, Converter | None]] = {}


def _converters(cls: type) -> dict[str, Converter | None]:
    """For each field of a model, how to build it from its plain value (None: as it is), worked out once per
    class from its type hints: records are read back by the thousand."""
    if cls not in _CONVERTERS:
        hints = typing.get_type_hints(cls)
        _CONVERTERS[cls] = {f.name: _converter(hints[f.name]) for f in fields(cls)}
    return _CONVERTERS[cls]


def _converter(hint: Any) -> Converter | None:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _converter(options[0]) if len(options) == 1 else None
    if origin is list:
        (item,) = typing.get_args(hint)
        convert = _converter(item)
        if convert is None:
            return list  # a list of its own, not the caller's
        return lambda values: [None if v is None else convert(v) for v in values]
    if isinstance(hint, type) and issubclass(hint, Model):
        return hint.from_dict
    return None


@dataclass(frozen=True)
class Span(Model):
    """A stretch of the document text: ``document.text[start:end] == text``."""

    start: int
    end: int
    text: str


@dataclass
class Document(Model):
    """One article: its text and what is known about where it came from."""

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    published_source: str | None = None  # "argument", "html", "dateline", "field", ...
    language: str = "en"
    url: str | None = None


@dataclass
class Entity(Model):
    """A person, organisation, place... as one article names it, with every mention."""

    id: str
    name: str  # canonical: the fullest form the article uses
    type: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, FAC, ...
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Actor(Model):
    """Someone who speaks, stands somewhere or presses someone. ``entity`` is an entity id, or
    None for sources the article does not name ("officials", "a source familiar with the talks");
    ``mention`` is where the text refers to them (a name, a pronoun, a description)."""

    name: str
    entity: str | None = None
    mention: Span | None = None
    # For a collective actor ("coalition partners, including X and Y"): its named members' entity ids.
    members: list[str] = field(default_factory=list)


# A quote's speaker is an actor; the name says what it is for.
Speaker = Actor


@dataclass
class Quote(Model):
    """Reported speech: the content span, who said it, and the words that say so."""

    id: str
    kind: QuoteKind
    start: int
    end: int
    text: str
    speaker: Actor | None = None
    cue: Span | None = None
    addressee: str | None = None


@dataclass
class TimeExpression(Model):
    """A date, time, duration or set as written, normalized to a TimeML TIMEX3 value.

    ``value`` is resolved against the publication date where the text is relative ("on Monday"
    -> "2025-02-03"); it keeps X placeholders when it cannot be ("XXXX-XX-XX", "XXXX-11").
    ``anchor`` says what a relative value was resolved against: "publication" (the document
    date), the id of another time expression ("t2"), or the text of an event anchor that is not
    dated in the article ("the vote"); None for absolute expressions.
    """

    id: str
    text: str
    start: int
    end: int
    type: TimexType
    value: str
    anchor: str | None = None


@dataclass
class Participant(Model):
    """An actor in an event, and the part it plays: agent, counterpart, target or participant."""

    role: str
    name: str
    entity: str | None = None
    mention: Span | None = None


@dataclass
class EventDate(Model):
    """When an event happened or will: a TIMEX3 value, and where it came from — an attached time
    expression (``time_expression`` is its id) or the publication date."""

    value: str
    source: Literal["expression", "publication"]
    time_expression: str | None = None


@dataclass
class Event(Model):
    """Something that happened or will: a meeting, an attack, an agreement, a release...

    ``mentions`` holds every place the article refers to the same event; ``trigger`` and
    ``evidence`` are those of the first.
    """

    id: str
    type: str  # from the ontology in docs/events.md
    trigger: Span
    evidence: Span
    status: EventStatus
    participants: list[Participant] = field(default_factory=list)
    location: Actor | None = None
    date: EventDate | None = None
    reported_by: Actor | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Figure(Model):
    """A quantity the article asserts, what it counts and on whose authority."""

    id: str
    text: str
    start: int
    end: int
    value: float
    type: str  # count, money, percent, duration, measure
    unit: str | None = None
    approximation: Approximation = "exact"
    upper: float | None = None  # the top of a range ("between 10 and 20")
    counted: str | None = None  # "people killed", "hostages to be released"
    fraction_of: str | None = None  # "over half of whom"
    date: str | None = None  # TIMEX3 value of when it holds, if stated
    source: Actor | None = None
    attribution_cue: str | None = None  # "according to", "said", ...


@dataclass
class Stance(Model):
    """An actor's position on an issue, proposal or other actor."""

    id: str
    actor: Actor
    target: str  # the issue, proposal or actor as a short phrase
    issue: str  # a stable key grouping targets that are the same issue in other words
    polarity: Polarity
    evidence: Span
    via: str | None = None  # the quote id it comes from
    reported_by: Actor | None = None


@dataclass
class Pressure(Model):
    """One actor pressing another to act: "X urged Y to raise the issue"."""

    id: str
    source: Actor
    target: Actor | None
    demand: str  # what the target is pressed to do
    cue: Span
    evidence: Span
    issue: str | None = None


@dataclass
class Record(Model):
    """Everything storyline read in one article."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    time_expressions: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    pressures: list[Pressure] = field(default_factory=list)
    # Keys this version does not know (from a newer writer), kept as plain JSON.
    extra: dict[str, Any] = field(default_factory=dict)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": RECORD_VERSION}
        data.update(super().to_dict())
        extra = data.pop("extra")
        data.update(extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        known = {f.name for f in fields(cls)} - {"extra"}
        record = super().from_dict({k: v for k, v in data.items() if k in known})
        record.extra = {k: v for k, v in data.items() if k not in known and k != "version"}
        return record


_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The form two copies of one article share: NFC, whitespace folded, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def document_id(text: str) -> str:
    """A content hash, so the same article always gets the same id (re-ingesting is idempotent)."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]
