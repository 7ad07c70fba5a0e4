"""The briefing as Markdown: a document a reader can skim, paste or turn into HTML.

Article text is escaped so that what an article says never becomes Markdown (or raw HTML)
structure: ``<script>`` stays text, ``*`` stays an asterisk.
"""

from __future__ import annotations

import re

from storyline.model import Quote, Record
from storyline.render import briefing

# Backslash-escaping ASCII punctuation is always valid CommonMark; these are the characters
# that could otherwise start emphasis, code, links, raw HTML, entities or table cells anywhere.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# ...and these only matter at the start of a line (headings, lists, rules, block quotes).
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])")


def escape(text: str) -> str:
    """One line of Markdown that shows ``text`` literally (whitespace runs folded)."""
    line = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)


def _blockquote(text: str) -> list[str]:
    """A quote as a Markdown block quote, keeping its paragraphs."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()] or [""]
    lines: list[str] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            lines.append(">")
        lines.append("> " + escape(paragraph))
    return lines


def _table(columns: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    lines += ["| " + " | ".join(escape(value) for value in row) + " |" for row in rows]
    return lines


def _quote_details(quote: Quote) -> str:
    details = [f"*{quote.kind}*"]
    if quote.cue is not None:
        details.append("cue: " + escape(quote.cue.text))
    else:
        details.append("no cue")
    if quote.speaker is not None and quote.speaker.mention is not None:
        details.append("named as: " + escape(quote.speaker.mention.text))
    if quote.addressee:
        details.append("to: " + escape(quote.addressee))
    return " · ".join(details)


def to_markdown(record: Record) -> str:
    """The record as a readable Markdown briefing.

    >>> print(to_markdown(record))  # doctest: +SKIP
    # Coalition partners reject border deal
    ...
    ## Who is who
    | Name | Type | Roles | Also called | Mentions |
    ...
    """
    head = briefing.header(record)
    lines = [f"# {escape(head.title)}", ""]
    published = escape(head.published) if head.published else "unknown"
    if head.published and head.published_source:
        published += f" (from {escape(head.published_source)})"
    lines.append(f"- **Published:** {published}")
    if head.source:
        lines.append(f"- **Source:** {escape(head.source)}")
    if head.url:
        # An autolink only for a plain http(s) address; anything else is shown as text.
        autolink = re.fullmatch(r"https?://[^\s<>`]+", head.url)
        lines.append(f"- **URL:** <{head.url}>" if autolink else f"- **URL:** {escape(head.url)}")
    lines += [f"- **Document id:** `{head.document_id.replace('`', '')}`", ""]

    lines += ["## Who is who", ""]
    rows = briefing.entity_rows(record)
    if rows:
        lines += _table(
            ["Name", "Type", "Roles", "Also called", "Mentions"],
            [[r.name, r.type, "; ".join(r.roles), ", ".join(r.aliases), str(r.mentions)] for r in rows],
        )
    else:
        lines.append("*No people or organisations found.*")
    lines.append("")

    lines += ["## Who said what", ""]
    groups = briefing.speaker_groups(record)
    if not groups:
        lines += ["*No quotations found.*", ""]
    for group in groups:
        count = len(group.quotes)
        lines += [f"### {escape(group.label)} ({count} quote{'s' if count != 1 else ''})", ""]
        for quote in group.quotes:
            lines += _blockquote(quote.text)
            lines += ["", _quote_details(quote), ""]

    for table in briefing.extra_sections(record):
        lines += [f"## {table.title}", ""]
        lines += _table(table.columns, table.rows)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
