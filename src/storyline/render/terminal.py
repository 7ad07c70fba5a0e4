"""The briefing in the terminal, drawn with rich.

Every string that comes from an article is wrapped in :class:`rich.text.Text`, which rich
never parses for markup: an article that says ``[bold]`` prints ``[bold]``.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from storyline.model import Quote, Record
from storyline.render import briefing

# One colour per speaker, cycling; matches the order of the HTML palette.
SPEAKER_STYLES = ("dark_orange", "dodger_blue2", "green4", "orchid", "yellow4", "dark_cyan", "medium_purple", "red3")


def _speaker_style(index: int | None) -> str:
    return "grey50" if index is None else SPEAKER_STYLES[index % len(SPEAKER_STYLES)]


def _header(record: Record) -> Panel:
    head = briefing.header(record)
    lines = Text()
    published = head.published or "unknown"
    if head.published and head.published_source:
        published += f" (from {head.published_source})"
    rows = [("Published", published)]
    if head.source:
        rows.append(("Source", head.source))
    if head.url:
        rows.append(("URL", head.url))
    rows.append(("Document id", head.document_id))
    for number, (label, value) in enumerate(rows):
        if number:
            lines.append("\n")
        lines.append(f"{label}: ", style="bold")
        lines.append(value)
    return Panel(lines, title=Text(head.title, style="bold"), title_align="left", box=box.HEAVY)


def _entities(record: Record) -> Table | Text:
    rows = briefing.entity_rows(record)
    if not rows:
        return Text("No people or organisations found.", style="dim italic")
    table = Table(title="Who is who", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Name", style="bold", ratio=3)
    table.add_column("Type", no_wrap=True)
    table.add_column("Roles", ratio=3)
    table.add_column("Also called", ratio=3)
    table.add_column("Mentions", justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            Text(row.name), Text(row.type), Text("; ".join(row.roles)), Text(", ".join(row.aliases)),
            Text(str(row.mentions)),
        )
    return table


def _quote_cell(quote: Quote) -> Text:
    """The quote, then one dim line saying how the article attributes it."""
    details = [f"cue: {quote.cue.text}" if quote.cue else "no cue"]
    if quote.speaker is not None and quote.speaker.mention is not None:
        details.append(f"named as: {quote.speaker.mention.text}")
    if quote.addressee:
        details.append(f"to: {quote.addressee}")
    cell = Text(quote.text)
    cell.append("\n" + " · ".join(details), style="dim")
    return cell


def _quotes(record: Record) -> Table | Text:
    groups = briefing.speaker_groups(record)
    if not groups:
        return Text("No quotations found.", style="dim italic")
    table = Table(title="Who said what", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    table.add_column("Speaker", ratio=1)
    table.add_column("Kind", no_wrap=True)
    table.add_column("Quote", ratio=4)
    for group in groups:
        style = _speaker_style(group.index)
        for number, quote in enumerate(group.quotes):
            speaker = Text(group.label, style=f"bold {style}") if number == 0 else Text("")
            kind = Text(quote.kind, style="" if quote.kind == "direct" else "italic")
            table.add_row(speaker, kind, _quote_cell(quote), end_section=number == len(group.quotes) - 1)
    return table


def _extra(section: briefing.Table) -> Table:
    table = Table(title=section.title, title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    for column in section.columns:
        table.add_column(column)
    for row in section.rows:
        table.add_row(*(Text(value) for value in row))
    return table


def print_briefing(record: Record, console: Console) -> None:
    """Print the record's briefing: a header panel, then one table per section."""
    console.print(_header(record))
    console.print(_entities(record))
    console.print(_quotes(record))
    for section in briefing.extra_sections(record):
        console.print(_extra(section))
