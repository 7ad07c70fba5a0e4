"""The text of a doc, read once.

``Doc.text`` rebuilds the string from the tokens on every access; with every stage reading it,
that alone cost several percent of the pipeline's time. Stages call :func:`text_of` instead.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "storyline.text"


def text_of(doc: Doc) -> str:
    """``doc.text``, built on the first call and kept in ``doc.user_data``."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_KEY] = text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Seed :func:`text_of` with the string the doc was made from (spaCy's tokenizer keeps every
    character, so ``doc.text == text``)."""
    doc.user_data[_KEY] = text
