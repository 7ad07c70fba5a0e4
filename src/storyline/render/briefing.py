"""What a briefing says, independent of how it is drawn.

Markdown, HTML and the terminal all render the same few pieces, built here from a
:class:`~storyline.model.Record`: the article's header, "Who is who" (one row per entity),
"Who said what" (quotes grouped by speaker) and one :class:`Table` per later record key
(timeline, figures, stances, pressures). A later stage adds its section by writing a
builder and listing it in :data:`EXTRA_SECTIONS`; the three renderers pick it up unchanged.

Builders for keys that live in ``Record.extra`` read plain JSON defensively: a missing
field renders as an empty cell, never as a crash.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from storyline.model import Quote, Record

UNATTRIBUTED = "Unattributed"


@dataclass
class Header:
    title: str
    published: str | None
    published_source: str | None
    source: str | None
    url: str | None
    document_id: str
    language: str


@dataclass
class EntityRow:
    name: str
    type: str
    roles: list[str]
    aliases: list[str]
    mentions: int


@dataclass
class SpeakerGroup:
    """All quotes one speaker gave, in text order. ``index`` numbers speakers in order of
    first quote (renderers use it to pick a colour); None for unattributed quotes."""

    label: str
    entity: str | None
    index: int | None
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Table:
    """A generic section: later record keys render as one of these."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]


def header(record: Record) -> Header:
    document = record.document
    return Header(
        title=document.title or document.source or "Untitled article",
        published=document.published,
        published_source=document.published_source,
        source=document.source,
        url=document.url,
        document_id=document.id,
        language=document.language,
    )


def entity_rows(record: Record) -> list[EntityRow]:
    """One row per entity, most mentioned first (ties keep the record's order)."""
    rows = [
        EntityRow(e.name, e.type, list(e.roles), list(e.aliases), len(e.mentions)) for e in record.entities
    ]
    return sorted(rows, key=lambda row: -row.mentions)


def speaker_key(quote: Quote) -> str | None:
    """Quotes from one speaker share a key: the entity id, else the name as written."""
    speaker = quote.speaker
    if speaker is None:
        return None
    if speaker.entity:
        return "entity:" + speaker.entity
    return "name:" + speaker.name.casefold()


def speaker_groups(record: Record) -> list[SpeakerGroup]:
    """Quotes grouped by speaker, groups in order of each speaker's first quote; the
    unattributed group (if any) comes last."""
    groups: dict[str | None, SpeakerGroup] = {}
    index = 0
    for quote in sorted(record.quotes, key=lambda q: (q.start, q.end)):
        key = speaker_key(quote)
        group = groups.get(key)
        if group is None:
            if quote.speaker is None:
                group = SpeakerGroup(UNATTRIBUTED, None, None)
            else:
                entity = record.entity(quote.speaker.entity) if quote.speaker.entity else None
                label = entity.name if entity else quote.speaker.name or UNATTRIBUTED
                group = SpeakerGroup(label, quote.speaker.entity, index)
                index += 1
            groups[key] = group
        group.quotes.append(quote)
    return sorted(groups.values(), key=lambda g: (g.index is None, g.index or 0))


def speaker_index(record: Record) -> dict[str, int]:
    """Quote id -> its speaker's colour index (unattributed quotes are absent)."""
    return {
        quote.id: group.index
        for group in speaker_groups(record)
        if group.index is not None
        for quote in group.quotes
    }


# --- sections for keys later stages add (issue 4: time, events; issue 5: figures, stances, pressures)


def cell(value: Any, record: Record | None = None) -> str:
    """Any JSON value as one line of text: an actor by name, a span by its text, a list joined."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if record is not None and isinstance(value.get("entity"), str) and not value.get("name"):
            entity = record.entity(value["entity"])
            if entity is not None:
                return entity.name
        for key in ("name", "text", "value", "entity", "id"):
            if value.get(key) not in (None, ""):
                return cell(value[key], record)
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(text for text in (cell(v, record) for v in value) if text)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _items(record: Record, key: str) -> list[dict[str, Any]]:
    typed = getattr(record, key, None)
    value = [item.to_dict() for item in typed] if isinstance(typed, list) and typed else record.extra.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def _participants(event: dict[str, Any], record: Record) -> str:
    parts = []
    for participant in event.get("participants") or []:
        name = cell(participant, record)
        role = participant.get("role") if isinstance(participant, dict) else None
        if name:
            parts.append(f"{name} ({role})" if role else name)
    return ", ".join(parts)


def _date(value: Any) -> str:
    """An event's date: a TIMEX3 value, or a time expression whose value is the date."""
    if isinstance(value, dict):
        return cell(value.get("value") or value.get("text"))
    return cell(value)


def timeline(record: Record) -> Table | None:
    """Dated events in date order (undated last); without events, the time expressions."""
    events = _items(record, "events")
    if events:
        ordered = sorted(events, key=lambda e: (_date(e.get("date")) == "", _date(e.get("date"))))
        rows = [
            [
                _date(e.get("date")),
                cell(e.get("type")),
                _participants(e, record),
                cell(e.get("status")),
                cell(e.get("evidence") or e.get("text") or e.get("mentions")),
            ]
            for e in ordered
        ]
        return Table("events", "Timeline", ["Date", "Event", "Who", "Status", "Evidence"], rows)
    times = _items(record, "time_expressions")
    if times:
        rows = [[cell(t.get("text")), cell(t.get("type")), cell(t.get("value"))] for t in times]
        return Table("time_expressions", "When", ["Expression", "Type", "Value"], rows)
    return None


def figures(record: Record) -> Table | None:
    items = _items(record, "figures")
    if not items:
        return None
    rows = [
        [
            cell(f.get("text")),
            cell(f.get("value")) + (" " + cell(f.get("unit")) if f.get("unit") else ""),
            cell(f.get("counted")),
            cell(f.get("source"), record) or "the article",
            cell(f.get("attribution_cue")),
        ]
        for f in items
    ]
    return Table("figures", "Figures and their sources", ["Figure", "Value", "Counts", "Source", "Cue"], rows)


def stances(record: Record) -> Table | None:
    items = _items(record, "stances")
    if not items:
        return None
    rows = [
        [
            cell(s.get("actor"), record),
            cell(s.get("polarity")),
            cell(s.get("target")),
            cell(s.get("reported_by"), record),
            cell(s.get("evidence")),
        ]
        for s in items
    ]
    return Table(
        "stances", "Who stands where", ["Actor", "Stance", "On", "Reported by", "Evidence"], rows
    )


def pressures(record: Record) -> Table | None:
    items = _items(record, "pressures")
    if not items:
        return None
    rows = [
        [
            cell(p.get("source"), record),
            cell(p.get("target"), record),
            cell(p.get("demand")),
            cell(p.get("cue")),
            cell(p.get("evidence")),
        ]
        for p in items
    ]
    return Table(
        "pressures", "Who presses whom", ["Who", "Presses whom", "To do what", "Cue", "Evidence"], rows
    )


EXTRA_SECTIONS: list[Callable[[Record], Table | None]] = [timeline, figures, stances, pressures]


def extra_sections(record: Record) -> list[Table]:
    """The sections later stages contribute, in briefing order; absent keys give none."""
    return [table for build in EXTRA_SECTIONS if (table := build(record)) is not None]
