"""Paragraph breaks are sentence breaks.

News text puts a headline, a dateline and each paragraph on lines of their own, often without a
full stop; left to itself the parser joins a headline to the first sentence and reads a name
across the break. This component runs before the parser and marks the token after every line
break as a sentence start, which the parser then respects.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from storyline.pipeline.text import text_of

# "VARENA, Feb. 3, 2025 (Northgate Wire) — " / "WASHINGTON (AP) -- ": a place in capitals, maybe a
# date and an agency, then a dash. What follows is the first sentence proper.
DATELINE = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}(?:,[^\n—–]{0,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--|-)\s*")


def dateline_end(text: str, start: int) -> int | None:
    """Where the text after a dateline begins, for a paragraph starting at ``start``."""
    match = DATELINE.match(text[start : start + 120])
    return start + match.end() if match else None


@Language.component("storyline_paragraphs")
def mark_paragraph_starts(doc: Doc) -> Doc:
    text = text_of(doc)
    for start in [0] + [m.end() for m in re.finditer(r"\n\s*", text)][:5]:
        end = dateline_end(text, start)
        if end is not None:
            after = doc.char_span(end, end + 1, alignment_mode="expand")
            if after is not None and len(after) and after[0].i > 0:
                after[0].is_sent_start = True
    after_break = False
    for token in doc:
        if token.is_space and "\n" in token.text:
            after_break = True
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_ and not token.is_space
        if after_break and token.i + 1 < len(doc):
            doc[token.i + 1].is_sent_start = True
            after_break = False
    return doc
