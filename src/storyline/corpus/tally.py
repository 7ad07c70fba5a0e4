"""An entity's summary (name, aliases, roles with dates, counts, first mention) as running totals.

A popular person is mentioned in a fixed share of all articles, so reading every mention again whenever a
batch mentions them makes merging slower as the corpus grows. The merge keeps these totals with the entity
instead: a batch adds its new mentions to them (:meth:`EntityTally.add`), and only an entity that lost a
mention (a surname moved to another person, an article that became a copy) is totalled again from all of
them. Either way the summary is the same.

>>> tally = EntityTally()
>>> tally.add([Link("Mara Tenby", "PERSON", ["Tenby"], ["union leader"], 2, "2025-02-03", "a1", 0, 10, None,
...                 "full", "Mara Tenby")])
>>> tally.add([Link("Tenby", "PERSON", [], ["Union leader"], 1, "2025-02-04", "a2", 5, 10, None, "surname", None)])
>>> row = tally.summary("person:mara-tenby")
>>> row["name"], row["aliases"], row["articles"], row["roles"][0]["dates"]
('Mara Tenby', ['Tenby'], 2, ['2025-02-03', '2025-02-04'])
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from storyline.corpus.merge import fold, normalize_name


class Link(NamedTuple):
    """One article entity's link to a corpus entity, as ``corpus_entity_links`` holds it (with its article's
    ``original_id``, set when the article is a near-duplicate copy)."""

    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    mentions: int
    published: str | None
    article_id: str
    start: int | None
    end: int | None
    original_id: str | None
    how: str
    canonical: str | None


def _top(counts: Counter[str], default: str) -> str:
    """The most frequent non-empty value (ties: the longer, then the greater), as ``merge.most_common``."""
    present = [v for v, n in counts.items() if v and n > 0]
    if not present:
        return default
    return max(present, key=lambda v: (counts[v], len(v), v))


@dataclass
class _Counts:
    """Articles, mentions and first/last publication date of a set of links."""

    articles: int = 0
    mentions: int = 0
    first: str | None = None
    last: str | None = None

    def add(self, links: list[Link]) -> None:
        # The links added together are from articles not linked to the entity before (a batch's new articles).
        self.articles += len({link.article_id for link in links})
        self.mentions += sum(int(link.mentions) for link in links)
        dates = [link.published for link in links if link.published]
        if dates:
            self.first = min([*dates, *([self.first] if self.first else [])])
            self.last = max([*dates, *([self.last] if self.last else [])])


@dataclass
class EntityTally:
    canonical: Counter[str] = field(default_factory=Counter)
    full: Counter[str] = field(default_factory=Counter)
    names: Counter[str] = field(default_factory=Counter)
    variants: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    # fold(role) -> {"role": the first spelling, "first": [published, article, start, position], "dates": [...],
    # "articles": n}: "first" orders the roles by where they are first given (two links of one article by
    # their first mention)
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    originals: _Counts = field(default_factory=_Counts)
    everything: _Counts = field(default_factory=_Counts)
    first: list[Any] | None = None  # [published or "9999", article_id, start, end]: the first mention

    def add(self, links: list[Link]) -> None:
        """Count these links in: links of articles the entity had none from (or every link, on a new tally)."""
        for link in links:
            if link.canonical:
                self.canonical[link.canonical] += 1
            if len(link.name.split()) > 1 or not link.how.startswith("surname"):
                self.full[link.name] += 1
            self.names[link.name] += 1
            for variant in [link.name, *link.aliases]:
                self.variants[variant.strip()] += 1
            self.types[link.type] += 1
            for position, role in enumerate(link.roles):
                key = fold(role)
                order = [link.published or "", link.article_id, link.start if link.start is not None else -1, position]
                entry = self.roles.get(key)
                if entry is None:
                    entry = self.roles[key] = {"role": role, "first": order, "dates": [], "articles": 0}
                elif order < entry["first"]:
                    entry["role"], entry["first"] = role, order
                entry["articles"] += 1
                if link.published and link.published not in entry["dates"]:
                    bisect.insort(entry["dates"], link.published)
            here = [link.published or "9999", link.article_id, link.start, link.end]
            if self.first is None or here[:2] < self.first[:2]:
                self.first = here
        self.originals.add([link for link in links if link.original_id is None])
        self.everything.add(links)

    def summary(self, corpus_id: str) -> dict[str, Any]:
        """The entity's row in ``corpus_entities``; ``aliases`` is every other name (longest list first)."""
        pool = self.canonical if self.canonical else self.full if self.full else self.names
        name = _top(pool, corpus_id)
        key = normalize_name(name)
        aliases = sorted(
            (v for v, n in self.variants.items() if v and n > 0 and normalize_name(v) != key),
            key=lambda v: (-self.variants[v], v),
        )
        counted = self.originals if self.originals.articles else self.everything
        first = self.first or [None, None, None, None]
        roles = sorted(self.roles.values(), key=lambda r: r["first"])
        return {
            "name": name,
            "type": _top(self.types, ""),
            "aliases": aliases,
            "roles": [{"role": r["role"], "dates": r["dates"], "articles": r["articles"]} for r in roles],
            "articles": counted.articles,
            "mentions": counted.mentions,
            "first_seen": counted.first,
            "last_seen": counted.last,
            "article_id": first[1],
            "start": first[2],
            "end": first[3],
        }

    def to_json(self) -> str:
        return json.dumps(
            {
                "canonical": self.canonical, "full": self.full, "names": self.names, "variants": self.variants,
                "types": self.types, "roles": self.roles, "originals": vars(self.originals),
                "everything": vars(self.everything), "first": self.first,
            },
            ensure_ascii=False,
        )  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> EntityTally:
        data = json.loads(text)
        return cls(
            canonical=Counter(data["canonical"]), full=Counter(data["full"]), names=Counter(data["names"]),
            variants=Counter(data["variants"]), types=Counter(data["types"]), roles=data["roles"],
            originals=_Counts(**data["originals"]), everything=_Counts(**data["everything"]), first=data["first"],
        )  # fmt: skip


__all__ = ["EntityTally", "Link"]
