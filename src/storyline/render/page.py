"""The briefing as one standalone HTML page.

The page loads nothing (no scripts, fonts, images or style sheets from elsewhere; a
Content-Security-Policy says so) and carries no script at all. Everything that comes
from an article -- its text, names, quotes, ids -- goes through :func:`html.escape`.

Each article is shown with its quotations highlighted in place, straight from the
record's offsets: one colour per speaker (CSS classes ``spk-0`` ... ``spk-7``, cycling),
direct quotes filled, indirect ones underlined, cues in italics, the words naming the
speaker underlined in the speaker's colour.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass

from storyline.model import Quote, Record
from storyline.render import briefing

PALETTE_SIZE = 8

_LAYOUT_STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: #1d1d1f; background: #fafaf7;
       margin: 0 auto; max-width: 62rem; padding: 1.5rem; }
h1, h2, h3, h4, th, .meta, .details, nav, .legend { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.4rem; color: #555; }
article.record { border-top: 3px solid #1d1d1f; margin-top: 2rem; padding-top: .5rem; }
.meta { color: #555; font-size: .9rem; }
.meta dt { display: inline; font-weight: 600; }
.meta dd { display: inline; margin: 0 1rem 0 .25rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid #ddd; }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #555; }
td.num { text-align: right; }
.empty { color: #777; font-style: italic; }
.article-text { white-space: pre-wrap; background: #fff; border: 1px solid #e3e3e0; padding: 1rem 1.25rem; }
ul.quotes { list-style: none; padding: 0; }
ul.quotes li { border-left: 4px solid var(--fg); padding: .1rem 0 .1rem .8rem; margin: .6rem 0; }
ul.quotes blockquote { margin: 0; white-space: pre-wrap; }
.details { font-size: .85rem; color: #555; }
"""

# The highlight rules on their own (speaker colours, quote, cue and speaker marks, swatches): the web app
# serves them as a style sheet, so a speaker has the same colour in a saved briefing and in the browser.
HIGHLIGHT_STYLE = """
.swatch { display: inline-block; width: .9em; height: .9em; background: var(--bg);
          border: 2px solid var(--fg); vertical-align: -.1em; margin-right: .3em; }
.legend span.swatch { margin-left: .8em; }
.q { background: var(--bg); }
.q.indirect { background: none; border-bottom: 2px dashed var(--fg); }
.q.mixed { border-bottom: 2px dashed var(--fg); }
.who { border-bottom: 2px solid var(--fg); font-weight: 600; }
.cue { font-style: italic; text-decoration: underline dotted #555; }
.spk-none { --bg: #e9e9e9; --fg: #777; }
.spk-0 { --bg: #fde2c8; --fg: #c05600; }
.spk-1 { --bg: #d7e8fb; --fg: #1d5fa8; }
.spk-2 { --bg: #d9f2d9; --fg: #2e7d32; }
.spk-3 { --bg: #f6d6ee; --fg: #9c2a84; }
.spk-4 { --bg: #fff3b0; --fg: #8a6d00; }
.spk-5 { --bg: #d2f1f1; --fg: #00777a; }
.spk-6 { --bg: #e6dcfb; --fg: #5b3aa8; }
.spk-7 { --bg: #f9d3d3; --fg: #b3261e; }
"""

_STYLE = _LAYOUT_STYLE + HIGHLIGHT_STYLE

_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def anchor_id(prefix: str, item_id: str) -> str:
    """An HTML id for an item of one record: ids from different articles never clash."""
    return prefix + "-" + re.sub(r"[^A-Za-z0-9_-]", "-", item_id)


def speaker_class(index: int | None) -> str:
    return "spk-none" if index is None else f"spk-{index % PALETTE_SIZE}"


@dataclass
class Mark:
    """A stretch of text to wrap: its CSS classes, an HTML id placed where it starts (``anchor``), a
    tooltip (``title``) and the key of the record item it shows (``item``, e.g. ``"quote:q1"``; the
    segments it covers list it in ``data-items``, innermost item first)."""

    start: int
    end: int
    classes: tuple[str, ...]
    anchor: str | None = None
    title: str | None = None
    item: str | None = None


def quote_marks(record: Record, prefix: str) -> list[Mark]:
    """Each quote (coloured by speaker), its cue and the words naming its speaker, keyed ``quote:<id>``."""
    colours = briefing.speaker_index(record)
    labels = {q.id: g.label for g in briefing.speaker_groups(record) for q in g.quotes}
    marks: list[Mark] = []
    for quote in record.quotes:
        colour = speaker_class(colours.get(quote.id))
        title = f"{labels.get(quote.id, briefing.UNATTRIBUTED)} · {quote.kind}"
        item = "quote:" + quote.id
        marks.append(
            Mark(quote.start, quote.end, ("q", quote.kind, colour), anchor_id(prefix, quote.id), title, item)
        )
        if quote.cue is not None:
            marks.append(Mark(quote.cue.start, quote.cue.end, ("cue",), item=item))
        if quote.speaker is not None and quote.speaker.mention is not None:
            mention = quote.speaker.mention
            marks.append(Mark(mention.start, mention.end, ("who", colour), item=item))
    return marks


def highlighted_text(record: Record, prefix: str = "r0") -> str:
    """The article text as escaped HTML with every quote, cue and speaker mention wrapped
    in place (see :func:`layered_html`)."""
    return layered_html(record.document.text, quote_marks(record, prefix))


def layered_html(text: str, marks: list[Mark]) -> str:
    """``text`` as escaped HTML with every mark wrapped in place. Overlapping or nested spans
    are cut into flat segments, so the markup is always well formed; offsets outside the text
    are clipped, never trusted."""
    length = len(text)
    clipped = []
    for mark in marks:
        start, end = max(0, min(mark.start, length)), max(0, min(mark.end, length))
        if start < end:
            clipped.append(Mark(start, end, mark.classes, mark.anchor, mark.title, mark.item))
    marks = sorted(clipped, key=lambda m: (m.start, -m.end))
    cuts = sorted({0, length, *(m.start for m in marks), *(m.end for m in marks)})

    out: list[str] = []
    active: list[Mark] = []
    pending = 0
    for start, end in itertools.pairwise(cuts):
        while pending < len(marks) and marks[pending].start <= start:
            active.append(marks[pending])
            pending += 1
        active = [m for m in active if m.end > start]
        for mark in active:
            if mark.anchor and mark.start == start:
                out.append(f'<span id="{_e(mark.anchor)}"></span>')
        segment = _e(text[start:end])
        if not active:
            out.append(segment)
            continue
        classes = list(dict.fromkeys(c for m in active for c in m.classes))
        title = next((m.title for m in active if m.title), None)
        title_attr = f' title="{_e(title)}"' if title else ""
        items = list(dict.fromkeys(m.item for m in sorted(active, key=lambda m: m.end - m.start) if m.item))
        items_attr = f' data-items="{_e(" ".join(items))}"' if items else ""
        out.append(f'<span class="{_e(" ".join(classes))}"{title_attr}{items_attr}>{segment}</span>')
    return "".join(out)


def _table(columns: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{_e(v)}</td>' if i in numeric else f"<td>{_e(v)}</td>" for i, v in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _quote_item(quote: Quote, colour: str, prefix: str) -> str:
    details = [f"<b>{_e(quote.kind)}</b>"]
    details.append(f"cue: <i>{_e(quote.cue.text)}</i>" if quote.cue else "no cue")
    if quote.speaker is not None and quote.speaker.mention is not None:
        details.append(f"named as: {_e(quote.speaker.mention.text)}")
    if quote.addressee:
        details.append(f"to: {_e(quote.addressee)}")
    details.append(f'<a href="#{_e(anchor_id(prefix, quote.id))}">in the text</a>')
    return (
        f'<li class="{colour}"><blockquote>{_e(quote.text)}</blockquote>'
        f'<div class="details">{" · ".join(details)}</div></li>'
    )


def _record_section(record: Record, prefix: str) -> str:
    head = briefing.header(record)
    parts = [f'<article class="record" id="{_e(prefix)}" lang="{_e(head.language)}">']
    parts.append(f"<h2>{_e(head.title)}</h2>")

    meta = [("Published", head.published or "unknown")]
    if head.published and head.published_source:
        meta[0] = ("Published", f"{head.published} (from {head.published_source})")
    if head.source:
        meta.append(("Source", head.source))
    if head.url:
        meta.append(("URL", head.url))
    meta.append(("Document id", head.document_id))
    parts.append('<dl class="meta">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in meta) + "</dl>")

    parts.append("<section><h3>Who is who</h3>")
    rows = briefing.entity_rows(record)
    if rows:
        parts.append(
            _table(
                ["Name", "Type", "Roles", "Also called", "Mentions"],
                [[r.name, r.type, "; ".join(r.roles), ", ".join(r.aliases), str(r.mentions)] for r in rows],
                numeric={4},
            )
        )
    else:
        parts.append('<p class="empty">No people or organisations found.</p>')
    parts.append("</section>")

    parts.append("<section><h3>Who said what</h3>")
    groups = briefing.speaker_groups(record)
    if not groups:
        parts.append('<p class="empty">No quotations found.</p>')
    for group in groups:
        colour = speaker_class(group.index)
        count = len(group.quotes)
        parts.append(
            f'<h4><span class="swatch {colour}"></span>{_e(group.label)} '
            f'<small>({count} quote{"s" if count != 1 else ""})</small></h4><ul class="quotes">'
        )
        parts += [_quote_item(q, colour, prefix) for q in group.quotes]
        parts.append("</ul>")
    parts.append("</section>")

    for table in briefing.extra_sections(record):
        parts.append(f'<section class="{_e(table.key)}"><h3>{_e(table.title)}</h3>')
        parts.append(_table(table.columns, table.rows))
        parts.append("</section>")

    legend = "".join(
        f'<span class="swatch {speaker_class(g.index)}"></span>{_e(g.label)}' for g in groups
    )
    parts.append("<section><h3>The article</h3>")
    if legend:
        parts.append(f'<p class="legend">Speakers:{legend}</p>')
    parts.append(f'<div class="article-text">{highlighted_text(record, prefix)}</div></section>')
    parts.append("</article>")
    return "\n".join(parts)


def to_html(records: list[Record]) -> str:
    """One self-contained HTML page with a briefing for each record, in order."""
    if len(records) == 1:
        page_title = briefing.header(records[0]).title
    else:
        page_title = f"storyline briefing: {len(records)} articles"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="storyline">',
        f"<title>{_e(page_title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header><h1>storyline briefing</h1>",
    ]
    if len(records) > 1:
        items = "".join(
            f'<li><a href="#r{i}">{_e(briefing.header(r).title)}</a></li>' for i, r in enumerate(records)
        )
        parts.append(f"<nav><ol>{items}</ol></nav>")
    parts.append("</header>")
    if not records:
        parts.append('<p class="empty">No articles.</p>')
    parts += [_record_section(record, f"r{i}") for i, record in enumerate(records)]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
