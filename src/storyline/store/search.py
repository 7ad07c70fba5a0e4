"""Full-text queries, read the same way by both stores.

A query is words, "quoted phrases", ``or`` between alternatives and ``-word`` to exclude, as web search
engines (and PostgreSQL's ``websearch_to_tsquery``) read them::

    strike port            both words
    "port strike"          the phrase
    strike or walkout      either
    strike -port           strike, but not port

SQLite's FTS5 has its own syntax, where stray punctuation is an error; :func:`fts5_query` turns a query into
it with every term quoted, so no user input can break the statement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
# A few English endings, so "strikes" finds "strike" and "negotiations" finds "negotiated" when locating a
# match in the text (the index itself stems properly).
_ENDINGS = ("ations", "ation", "ings", "ing", "ies", "ied", "es", "ed", "s")


@dataclass(frozen=True)
class SearchHit:
    """An article or a quote that matches a query. ``start``/``end`` are character offsets into the
    article's text (the quote, or the first place a query word appears; None when none can be pointed at),
    and ``text`` is that stretch of the article."""

    article_id: str
    kind: Literal["article", "quote"]
    item_id: str | None  # the quote id for a quote
    start: int | None
    end: int | None
    text: str
    score: float  # higher is better; comparable within one result list only


@dataclass(frozen=True)
class _Term:
    words: tuple[str, ...]
    negated: bool


def _terms(query: str) -> list[_Term | Literal["or"]]:
    out: list[_Term | Literal["or"]] = []
    for match in _TERM.finditer(query):
        minus, phrase, bare = match.groups()
        if bare is not None and bare.lower() == "or":
            out.append("or")
            continue
        if bare is not None:
            minus, body = ("-", bare[1:]) if bare.startswith("-") and len(bare) > 1 else ("", bare)
        else:
            body = phrase
        words = tuple(_WORD.findall(body))
        if words:
            out.append(_Term(words, negated=minus == "-"))
    return out


def fts5_query(query: str) -> str | None:
    """``query`` in SQLite FTS5 syntax, every term a quoted phrase; None when it has no word to look for.

    >>> fts5_query('strike or "port workers" -Varna')
    '"strike" OR "port workers" NOT "Varna"'
    """
    return _compose(query, lambda words: '"' + " ".join(words) + '"', "", "OR", "NOT ")


def tsquery(query: str) -> str | None:
    """``query`` as PostgreSQL ``to_tsquery`` input (same reading as :func:`fts5_query`).

    >>> tsquery('strike or "port workers" -Varna')
    'strike | port <-> workers & !Varna'
    """
    return _compose(query, " <-> ".join, "&", "|", "& !")


def _compose(query: str, phrase: Callable[[tuple[str, ...]], str], and_: str, or_: str, not_: str) -> str | None:
    """Terms joined by AND, ``or`` and exclusions, in a target syntax where exclusion binds tighter than AND
    and AND tighter than OR (true of both FTS5 and tsquery)."""
    parts: list[str] = []
    last_was_or = False
    for term in _terms(query):
        if term == "or":
            if parts and not last_was_or:
                parts.append(or_)
                last_was_or = True
            continue
        if term.negated:
            # An exclusion subtracts from what precedes it; a leading one has nothing to subtract from.
            if parts and not last_was_or:
                parts.append(not_ + phrase(term.words))
            continue
        if parts and not last_was_or and and_:
            parts.append(and_)
        parts.append(phrase(term.words))
        last_was_or = False
    if last_was_or:
        parts.pop()
    return " ".join(parts) or None


def query_words(query: str) -> list[str]:
    """The words a match may show in the text (not the excluded ones), in query order."""
    return [word for term in _terms(query) if term != "or" and not term.negated for word in term.words]


def locate(text: str, query: str) -> tuple[int, int] | None:
    """Where a query word first appears in ``text`` (the whole word), or None.

    >>> locate("Dockers began a strike on Monday.", "strikes")
    (16, 22)
    """
    best: tuple[int, int] | None = None
    for word in query_words(query):
        stem = word
        for ending in _ENDINGS:
            if word.lower().endswith(ending) and len(word) - len(ending) >= 3:
                stem = word[: -len(ending)]
                break
        found = re.search(r"\b" + re.escape(stem) + r"\w*", text, re.IGNORECASE)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), found.end())
    return best


def best_first(hits: list[SearchHit], limit: int) -> list[SearchHit]:
    """The ``limit`` best hits, best first; ties in a stable order (article, kind, position)."""
    return sorted(hits, key=lambda h: (-h.score, h.article_id, h.kind, -1 if h.start is None else h.start))[:limit]
