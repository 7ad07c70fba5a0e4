"""An article as its page shows it: the text with every item highlighted in place, one card per item (what
hovering or selecting a highlight shows), and the briefing's sections for the side panel.

The highlighting is :func:`storyline.render.page.layered_html`, the same cutter the standalone HTML briefing
uses, fed with quote marks from :func:`storyline.render.page.quote_marks` and marks for the other layers
from here; every piece of article text in it is escaped there, so it is the one string a template may insert
as-is (``Markup``). Cards and sections are plain strings, escaped by the templates.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from markupsafe import Markup

from storyline.model import Actor, Event, Figure, Pressure, Quote, Record, Stance, TimeExpression
from storyline.render import briefing, page
from storyline.web import models, urls
from storyline.web.data import MATCH_ANCHOR, TEXT_PREFIX, summary

QUOTE_KINDS = {"direct": "Direct quote", "indirect": "Indirect quote", "mixed": "Mixed quote"}


@dataclass
class Field:
    label: str
    value: str
    href: str | None = None


@dataclass
class Card:
    """One item's record as the inspector shows it. ``key`` is ``<kind>:<id>``, as in ``data-items``."""

    key: str
    kind: str
    heading: str
    fields: list[Field]
    anchor: str | None = None
    css: str = ""


@dataclass
class Layer:
    """A kind of highlight the reader can switch off: ``css`` is the class its marks carry."""

    css: str
    label: str
    count: int


@dataclass
class QuoteLine:
    key: str
    kind: str
    text: str
    anchor: str


@dataclass
class SpeakerView:
    label: str
    css: str
    href: str | None
    quotes: list[QuoteLine] = field(default_factory=list)


@dataclass
class EntityView:
    key: str
    name: str
    type: str
    roles: str
    aliases: str
    mentions: int
    href: str
    anchor: str


@dataclass
class ArticleView:
    article: models.ArticleSummary
    meta: list[tuple[str, str]]
    text: Markup
    layers: list[Layer]
    speakers: list[SpeakerView]
    entities: list[EntityView]
    tables: list[briefing.Table]
    cards: list[Card]


def _actor_name(actor: Actor | None, record: Record) -> str:
    if actor is None:
        return ""
    entity = record.entity(actor.entity) if actor.entity else None
    return entity.name if entity is not None else actor.name


def _actor_field(label: str, actor: Actor | None, record: Record, routes: Collection[str]) -> Field | None:
    name = _actor_name(actor, record)
    if actor is None or not name:
        return None
    return Field(label, name, urls.actor_path(routes, record.document.id, actor.entity, name))


def _chars(start: int, end: int) -> str:
    return f"{start:,}–{end:,}"


def _fields(*items: Field | tuple[str, str | None] | None) -> list[Field]:
    out = []
    for item in items:
        if isinstance(item, tuple):
            label, value = item
            if value not in (None, ""):
                out.append(Field(label, str(value)))
        elif item is not None:
            out.append(item)
    return out


def _quote_card(quote: Quote, record: Record, css: str, routes: Collection[str]) -> Card:
    speaker = _actor_field("Speaker", quote.speaker, record, routes) or Field("Speaker", briefing.UNATTRIBUTED)
    return Card(
        key="quote:" + quote.id,
        kind=QUOTE_KINDS.get(quote.kind, quote.kind),
        heading=quote.text,
        fields=_fields(
            speaker,
            ("Named as", quote.speaker.mention.text if quote.speaker and quote.speaker.mention else None),
            ("Cue", quote.cue.text if quote.cue else None),
            ("To", quote.addressee),
            ("Characters", _chars(quote.start, quote.end)),
        ),
        anchor=page.anchor_id(TEXT_PREFIX, quote.id),
        css=css,
    )


def _time_card(time: TimeExpression) -> Card:
    return Card(
        key="time:" + time.id,
        kind="Time expression",
        heading=time.text,
        fields=_fields(
            ("Type", time.type),
            ("Value", time.value),
            ("Resolved against", time.anchor),
            ("Characters", _chars(time.start, time.end)),
        ),
        anchor=page.anchor_id(TEXT_PREFIX, time.id),
    )


def _event_card(event: Event, record: Record, routes: Collection[str]) -> Card:
    participants = ", ".join(
        f"{_actor_name(Actor(p.name, p.entity, p.mention), record)} ({p.role})" for p in event.participants
    )
    date = None
    if event.date is not None:
        date = event.date.value + (" (publication date)" if event.date.source == "publication" else "")
    return Card(
        key="event:" + event.id,
        kind="Event",
        heading=event.trigger.text,
        fields=_fields(
            Field("Type", event.type, urls.event_path(routes, record.document.id, event.id, event.trigger.text)),
            ("Status", event.status),
            ("Date", date),
            ("Who", participants),
            _actor_field("Where", event.location, record, routes),
            _actor_field("Reported by", event.reported_by, record, routes),
            ("Mentions", str(len(event.mentions)) if event.mentions else None),
            ("Evidence", event.evidence.text),
        ),
        anchor=page.anchor_id(TEXT_PREFIX, event.id),
    )


def _figure_card(figure: Figure, record: Record, routes: Collection[str]) -> Card:
    value = briefing.cell(figure.value)
    if figure.upper is not None:
        value += "–" + briefing.cell(figure.upper)
    if figure.unit:
        value += " " + figure.unit
    return Card(
        key="figure:" + figure.id,
        kind="Figure",
        heading=figure.text,
        fields=_fields(
            ("Value", value),
            ("Approximation", figure.approximation if figure.approximation != "exact" else None),
            ("Type", figure.type),
            ("Counts", figure.counted),
            ("Of", figure.fraction_of),
            ("When", figure.date),
            _actor_field("Source", figure.source, record, routes) or Field("Source", "the article"),
            ("Cue", figure.attribution_cue),
        ),
        anchor=page.anchor_id(TEXT_PREFIX, figure.id),
    )


def _stance_card(stance: Stance, record: Record, routes: Collection[str]) -> Card:
    return Card(
        key="stance:" + stance.id,
        kind="Stance",
        heading=f"{_actor_name(stance.actor, record)} · {stance.polarity} · {stance.target}",
        fields=_fields(
            _actor_field("Who", stance.actor, record, routes),
            ("Stance", stance.polarity),
            ("On", stance.target),
            ("Issue", stance.issue),
            _actor_field("Reported by", stance.reported_by, record, routes),
            ("From quote", stance.via),
            ("Evidence", stance.evidence.text),
        ),
        anchor=page.anchor_id(TEXT_PREFIX, stance.id),
        css="st-" + stance.polarity,
    )


def _pressure_card(pressure: Pressure, record: Record, routes: Collection[str]) -> Card:
    return Card(
        key="pressure:" + pressure.id,
        kind="Pressure",
        heading=pressure.demand,
        fields=_fields(
            _actor_field("Who", pressure.source, record, routes),
            _actor_field("Presses whom", pressure.target, record, routes),
            ("To do what", pressure.demand),
            ("Issue", pressure.issue),
            ("Cue", pressure.cue.text),
            ("Evidence", pressure.evidence.text),
        ),
        anchor=page.anchor_id(TEXT_PREFIX, pressure.id),
    )


def _marks_and_cards(record: Record, routes: Collection[str]) -> tuple[list[page.Mark], list[Card], list[Layer]]:
    """Every layer's marks (quotes from the briefing page; the rest here) and a card per item."""
    Mark = page.Mark
    marks = page.quote_marks(record, TEXT_PREFIX)
    cards: list[Card] = []
    colours = briefing.speaker_index(record)
    for entity in record.entities:
        key = "entity:" + entity.id
        css = "ent-" + entity.type.lower()
        for n, mention in enumerate(entity.mentions):
            anchor = page.anchor_id(TEXT_PREFIX, entity.id) if n == 0 else None
            marks.append(Mark(mention.start, mention.end, ("ent", css), anchor, f"{entity.name} · {entity.type}", key))
        cards.append(
            Card(
                key=key,
                kind=entity.type,
                heading=entity.name,
                fields=_fields(
                    Field("Name", entity.name, urls.actor_path(routes, record.document.id, entity.id, entity.name)),
                    ("Roles", "; ".join(entity.roles)),
                    ("Also called", ", ".join(entity.aliases)),
                    ("Mentions", str(len(entity.mentions))),
                ),
                anchor=page.anchor_id(TEXT_PREFIX, entity.id),
                css=css,
            )
        )
    for quote in record.quotes:
        cards.append(_quote_card(quote, record, page.speaker_class(colours.get(quote.id)), routes))
    for time in record.time_expressions:
        marks.append(Mark(time.start, time.end, ("tx",), page.anchor_id(TEXT_PREFIX, time.id), time.value, "time:" + time.id))
        cards.append(_time_card(time))
    for event in record.events:
        trigger = event.trigger
        anchor = page.anchor_id(TEXT_PREFIX, event.id)
        marks.append(Mark(trigger.start, trigger.end, ("ev",), anchor, event.type, "event:" + event.id))
        cards.append(_event_card(event, record, routes))
    for figure in record.figures:
        anchor = page.anchor_id(TEXT_PREFIX, figure.id)
        marks.append(Mark(figure.start, figure.end, ("fig",), anchor, figure.counted, "figure:" + figure.id))
        cards.append(_figure_card(figure, record, routes))
    for stance in record.stances:
        evidence = stance.evidence
        classes = ("st", "st-" + stance.polarity)
        anchor = page.anchor_id(TEXT_PREFIX, stance.id)
        marks.append(Mark(evidence.start, evidence.end, classes, anchor, stance.polarity, "stance:" + stance.id))
        cards.append(_stance_card(stance, record, routes))
    for pressure in record.pressures:
        cue = pressure.cue
        anchor = page.anchor_id(TEXT_PREFIX, pressure.id)
        marks.append(Mark(cue.start, cue.end, ("pr",), anchor, pressure.demand, "pressure:" + pressure.id))
        cards.append(_pressure_card(pressure, record, routes))
    layers = [
        Layer(css, label, count)
        for css, label, count in (
            ("q", "Quotes", len(record.quotes)),
            ("ent", "People, organisations, places", len(record.entities)),
            ("tx", "Time expressions", len(record.time_expressions)),
            ("ev", "Events", len(record.events)),
            ("fig", "Figures", len(record.figures)),
            ("st", "Stances", len(record.stances)),
            ("pr", "Pressures", len(record.pressures)),
        )
        if count
    ]
    return marks, cards, layers


def article_view(record: Record, routes: Collection[str] = (), match: tuple[int, int] | None = None) -> ArticleView:
    """What the article page shows; ``match`` (character offsets) is a search match to mark and jump to."""
    marks, cards, layers = _marks_and_cards(record, routes)
    if match is not None:
        marks.append(page.Mark(match[0], match[1], ("match",), MATCH_ANCHOR))
    head = briefing.header(record)
    meta = [("Published", head.published or "unknown")]
    if head.published and head.published_source:
        meta[0] = ("Published", f"{head.published} (from {head.published_source})")
    if head.source:
        meta.append(("Source", head.source))
    if head.url:
        meta.append(("URL", head.url))
    meta.append(("Article id", head.document_id))

    speakers = []
    for group in briefing.speaker_groups(record):
        css = page.speaker_class(group.index)
        href = urls.actor_path(routes, record.document.id, group.entity, group.label) if group.index is not None else None
        lines = [
            QuoteLine("quote:" + q.id, q.kind, q.text, page.anchor_id(TEXT_PREFIX, q.id)) for q in group.quotes
        ]
        speakers.append(SpeakerView(group.label, css, href, lines))
    entities = [
        EntityView(
            key="entity:" + e.id,
            name=e.name,
            type=e.type,
            roles="; ".join(e.roles),
            aliases=", ".join(e.aliases),
            mentions=len(e.mentions),
            href=urls.actor_path(routes, record.document.id, e.id, e.name),
            anchor=page.anchor_id(TEXT_PREFIX, e.id),
        )
        for e in sorted(record.entities, key=lambda e: -len(e.mentions))
    ]
    return ArticleView(
        article=summary(record),
        meta=meta,
        text=Markup(page.layered_html(record.document.text, marks)),  # noqa: S704  (escaped by layered_html)
        layers=layers,
        speakers=speakers,
        entities=entities,
        tables=briefing.extra_sections(record),
        cards=cards,
    )
