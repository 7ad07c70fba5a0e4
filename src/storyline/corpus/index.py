"""Keeping the corpus tables up to date: the merge step, run over the articles added since the last one.

:func:`update` reads the articles whose ``seq`` is above the last one merged (``corpus_state.merged_seq``), in
batches, and for each batch, in one transaction:

1. near-duplicates: MinHash signature, LSH band look-up, link to the cluster's original (earliest published,
   else first ingested) — re-pointing the cluster when a newcomer is older than its original;
2. entities: each article entity keyed (:func:`merge.entity_key`) and linked to its corpus entity; one-word
   person names resolved against the people known with that surname, again whenever a new person with that
   surname appears (their quotes and claims follow them);
3. quotes, events, figures, stances and pressures linked to their corpus items (merge rules in
   :mod:`storyline.corpus.merge`);
4. the summaries of every corpus item the batch touched recomputed from its links (names, counts over
   originals only, reconciled dates, conflicts, network edges).

So the cost of an update is that of its new articles and the items they touch, never of the whole corpus,
and queries read precomputed rows. :func:`rebuild` empties the tables and merges everything again (after
the alias file changes). The result does not depend on batch size, except that a one-word name is resolved
with the co-occurrence counts known when its surname was last touched.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.corpus import dedup
from storyline.corpus.merge import (
    PERSON,
    AliasRules,
    Candidate,
    NameKey,
    StatedDate,
    counted_key,
    counted_terms,
    day_range,
    entity_key,
    family_of,
    fold,
    has_conflict,
    interval,
    item_id,
    most_common,
    normalize_name,
    reconcile_dates,
    resolve_surname,
    sentence_keys,
    speaker_key,
)
from storyline.corpus.tally import EntityTally, Link
from storyline.model import Actor, Record
from storyline.store import Store
from storyline.store.rows import record_from_json
from storyline.store.schema import CORPUS_TABLES

BATCH = 200
# Events: an undated event is taken to have happened in the days up to its article's publication.
UNDATED_DAYS = 3
EVENT_SLACK = 1  # days two event dates may be apart and still be one event
FIGURE_SLACK = 7  # days two figures' dates may be apart and still be about the same thing
MAX_RANGE = 31  # a stated date vaguer than this (a year) does not place an event or a figure
MAX_EVENT_DAYS = 31  # the widest an event's dates may grow (else a new event starts)
MAX_GROUP_DAYS = 31  # the widest a figure group's dates may grow (else a new group starts)
SINGLE_HOWS = ("surname", "surname-only", "surname-same-article", "surname-context", "surname-role", "surname-ambiguous")
MAX_ALIASES = 25
MAX_EVIDENCE = 5

Progress = Callable[[int, int], None]


# --- state -----------------------------------------------------------------------------------------------------


def get_state(store: Store, name: str) -> str | None:
    rows = store.query("SELECT value FROM corpus_state WHERE name = ?", (name,))
    return str(rows[0][0]) if rows else None


def set_state(store: Store, name: str, value: str) -> None:
    store.execute(
        "INSERT INTO corpus_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        (name, value),
    )


def pending(store: Store) -> int:
    """How many stored articles are not merged yet."""
    last = int(get_state(store, "merged_seq") or 0)
    return int(store.query("SELECT count(*) FROM articles WHERE seq > ?", (last,))[0][0])


def rebuild(store: Store, rules: AliasRules, progress: Progress | None = None, batch: int = BATCH) -> int:
    """Empty the corpus tables and merge every article again; the number of articles merged."""
    with store.transaction():
        for table in CORPUS_TABLES:
            store.execute(f"DELETE FROM {table}")
        set_state(store, "rules", rules.to_json())
        set_state(store, "rules_fingerprint", rules.fingerprint())
    return update(store, rules, progress, batch)


def update(store: Store, rules: AliasRules, progress: Progress | None = None, batch: int = BATCH) -> int:
    """Merge the articles added since the last update; the number merged."""
    last = int(get_state(store, "merged_seq") or 0)
    total = pending(store)
    done = 0
    while True:
        rows = store.query(
            "SELECT seq, id, published, outlet, text, record FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
            (last, batch),
        )
        if not rows:
            return done
        with store.transaction():
            _Batch(store, rules, rows).run()
            last = int(rows[-1][0])
            set_state(store, "merged_seq", str(last))
        done += len(rows)
        if progress:
            progress(done, total)


# --- one batch -------------------------------------------------------------------------------------------------


@dataclass
class _Article:
    seq: int
    id: str
    published: str | None
    outlet: str | None
    record: Record


@dataclass
class _Dirty:
    entities: set[str] = field(default_factory=set)  # summed up again from all their links
    grown: set[str] = field(default_factory=set)  # only gained links, from this batch's articles
    quoted: set[str] = field(default_factory=set)  # only their quote count may have changed
    quotes: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    edges: set[tuple[str, str]] = field(default_factory=set)


def _in(values: Sequence[Any]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


def _chunks(values: Iterable[Any], size: int = 500) -> Iterable[list[Any]]:
    chunk: list[Any] = []
    for value in values:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# An entity link with what its summary needs (see storyline.corpus.tally.Link), and its corpus id last.
_LINKS = (
    "SELECT l.name, l.type, l.aliases, l.roles, l.mentions, l.published, l.article_id, l.start_char, l.end_char, "
    "ca.original_id, l.how, l.canonical, l.corpus_id FROM corpus_entity_links l "
    "JOIN corpus_articles ca ON ca.article_id = l.article_id "
)


def _link(row: Sequence[Any]) -> Link:
    return Link(row[0], row[1], json.loads(row[2]), json.loads(row[3]), int(row[4]), row[5], row[6], row[7], row[8],
                row[9], row[10], row[11])  # fmt: skip


class _Batch:
    def __init__(self, store: Store, rules: AliasRules, rows: list[tuple[Any, ...]]) -> None:
        self.store = store
        self.rules = rules
        self.articles = [
            _Article(int(seq), aid, published, outlet, record_from_json(data, text))
            for seq, aid, published, outlet, text, data in rows
        ]
        self.dirty = _Dirty()
        # (article_id, entity_id) -> corpus id, for this batch's articles and any relinked one
        self.links: dict[tuple[str, str], str] = {}

    def q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.store.query(sql, params)

    def x(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.store.execute(sql, params)

    def run(self) -> None:
        flipped: set[str] = set()
        for article in self.articles:
            flipped |= self.near_duplicates(article)
        new_surnames: set[str] = set()
        singles: set[str] = set()
        for article in self.articles:
            self.entities(article, new_surnames, singles)
        relinked = self.resolve_surnames(new_surnames, singles - new_surnames)
        old = [self.load(a) for a in sorted(relinked - {a.id for a in self.articles})]
        for article in [*self.articles, *(a for a in old if a is not None)]:
            self.quotes(article)
            self.claims(article)
        for article in self.articles:
            self.events(article)
            self.figures(article)
        self.touch_articles(flipped)
        self.summarize()

    def load(self, article_id: str) -> _Article | None:
        rows = self.q("SELECT seq, id, published, outlet, text, record FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        seq, aid, published, outlet, text, data = rows[0]
        return _Article(int(seq), aid, published, outlet, record_from_json(data, text))

    # --- 1. near-duplicates ------------------------------------------------------------------------------------

    def near_duplicates(self, article: _Article) -> set[str]:
        """Store the article's signature and link it to its original; the articles whose original changed."""
        sig = dedup.signature(article.record.document.text)
        bands = dedup.bands(sig)
        candidates = self.q(
            f"SELECT DISTINCT ca.article_id, ca.original_id, ca.signature FROM corpus_bands b "
            f"JOIN corpus_articles ca ON ca.article_id = b.article_id WHERE b.band IN {_in(bands)}",
            bands,
        )
        best: tuple[float, str] | None = None
        for other, original, data in candidates:
            if other == article.id:
                continue
            score = dedup.similarity(sig, dedup.from_bytes(data))
            if score >= dedup.THRESHOLD and (best is None or score > best[0]):
                best = (score, original or other)
        self.x(
            "INSERT INTO corpus_articles (article_id, seq, published, outlet, original_id, similarity, signature) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.seq, article.published, article.outlet, best[1] if best else None,
             best[0] if best else None, dedup.to_bytes(sig)),
        )  # fmt: skip
        self.store.executemany("INSERT INTO corpus_bands (band, article_id) VALUES (?, ?)", [(b, article.id) for b in bands])
        if best is None:
            return set()
        root = best[1]
        members = self.q(
            "SELECT article_id, published, seq FROM corpus_articles WHERE article_id = ? OR original_id = ?", (root, root)
        )
        # The original: the earliest published, else the first ingested.
        first = min(members, key=lambda m: (m[1] or "9999", m[2]))[0]
        if first == root:
            return set()
        self.x("UPDATE corpus_articles SET original_id = ? WHERE original_id = ? OR article_id = ?", (first, root, root))
        self.x("UPDATE corpus_articles SET original_id = NULL, similarity = NULL WHERE article_id = ?", (first,))
        # Similarities were measured against the old original; measure the copies against the new one.
        signatures = dict(self.q("SELECT article_id, signature FROM corpus_articles WHERE article_id = ? OR original_id = ?", (first, first)))
        reference = dedup.from_bytes(signatures.pop(first))
        self.store.executemany(
            "UPDATE corpus_articles SET similarity = ? WHERE article_id = ?",
            [(dedup.similarity(reference, dedup.from_bytes(data)), aid) for aid, data in signatures.items()],
        )
        return {root, first}

    def touch_articles(self, article_ids: set[str]) -> None:
        """Everything these articles carry is counted anew (their original/copy status changed)."""
        for chunk in _chunks(sorted(article_ids)):
            where = f"article_id IN {_in(chunk)}"
            self.dirty.entities |= {r[0] for r in self.q(f"SELECT corpus_id FROM corpus_entity_links WHERE {where}", chunk)}
            self.dirty.quotes |= {r[0] for r in self.q(f"SELECT corpus_quote_id FROM corpus_quote_links WHERE {where}", chunk)}
            self.dirty.events |= {r[0] for r in self.q(f"SELECT corpus_event_id FROM corpus_event_links WHERE {where}", chunk)}
            self.dirty.groups |= {r[0] for r in self.q(f"SELECT group_id FROM corpus_figure_links WHERE {where}", chunk)}
            self.dirty.edges |= {(r[0], r[1]) for r in self.q(f"SELECT actor_id, target_id FROM corpus_claims WHERE {where}", chunk)}

    # --- 2. entities -------------------------------------------------------------------------------------------

    def entities(self, article: _Article, new_surnames: set[str], singles: set[str]) -> None:
        rows = []
        for entity in article.record.entities:
            key: NameKey = entity_key(entity.name, entity.type, entity.aliases, article_id=article.id, rules=self.rules)
            corpus_id = key.id
            self.links[(article.id, entity.id)] = corpus_id
            first = min(entity.mentions, key=lambda m: m.start) if entity.mentions else None
            rows.append((
                article.id, entity.id, corpus_id, key.family, key.key, key.surname, entity.name, key.canonical, entity.type,
                json.dumps(entity.aliases, ensure_ascii=False), json.dumps(entity.roles, ensure_ascii=False),
                len(entity.mentions), article.published, key.how, key.detail,
                first.start if first else None, first.end if first else None,
            ))  # fmt: skip
            self.dirty.grown.add(corpus_id)
            if key.single and key.surname:
                singles.add(key.surname)
            exists = self.q("SELECT 1 FROM corpus_entities WHERE id = ?", (corpus_id,))
            if not exists:
                surname = key.surname if key.family == PERSON and not key.single else None
                self.x(
                    "INSERT INTO corpus_entities (id, family, surname, name, type, aliases, roles, articles, mentions, "
                    "quotes) VALUES (?, ?, ?, ?, ?, '[]', '[]', 0, 0, 0)",
                    (corpus_id, key.family, surname, entity.name, entity.type),
                )
                if surname:
                    new_surnames.add(surname)
        self.store.executemany(
            "INSERT INTO corpus_entity_links (article_id, entity_id, corpus_id, family, key, surname, name, canonical, "
            "type, aliases, roles, mentions, published, how, detail, start_char, end_char) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, entity_id) DO NOTHING",
            rows,
        )

    def resolve_surnames(self, candidates_changed: set[str], new_singles: set[str]) -> set[str]:
        """Resolve this batch's one-word person names; re-resolve every earlier one whose surname gained a
        candidate (a new person with that surname). The older articles whose links moved."""
        relinked: set[str] = set()
        # Twice: a one-word name resolved in the first pass ("Varga") is context for another ("Reker").
        surnames = {s: True for s in candidates_changed} | {s: False for s in new_singles}
        again = self._resolve_surnames(surnames, relinked)
        self._resolve_surnames({s: surnames[s] for s in again}, relinked)
        return relinked

    def _resolve_surnames(self, surnames: dict[str, bool], relinked: set[str]) -> set[str]:
        undecided: set[str] = set()
        batch_ids = {a.id for a in self.articles}
        batch = sorted(batch_ids)
        for surname, everywhere in sorted(surnames.items()):
            known = self.q(
                "SELECT id, name, articles, roles FROM corpus_entities WHERE surname = ? AND family = ?", (surname, PERSON)
            )
            only = "" if everywhere else f" AND article_id IN {_in(batch)}"
            singles = self.q(
                f"SELECT article_id, entity_id, corpus_id, roles FROM corpus_entity_links WHERE surname = ? "
                f"AND how IN {_in(SINGLE_HOWS)} AND family = ?{only}",
                (surname, *SINGLE_HOWS, PERSON, *([] if everywhere else batch)),
            )
            for article_id, entity_id, current, roles in singles:
                chosen, how, detail = resolve_surname(surname, self.candidates(article_id, known, json.loads(roles)))
                if how in ("surname-ambiguous", "surname-context", "surname-role"):
                    undecided.add(surname)
                target = chosen or f"{PERSON}:{surname}"
                if target != current:
                    self.dirty.entities |= {current, target}
                    if article_id not in batch_ids:
                        relinked.add(article_id)
                    if chosen is None and not self.q("SELECT 1 FROM corpus_entities WHERE id = ?", (target,)):
                        self.x(
                            "INSERT INTO corpus_entities (id, family, surname, name, type, aliases, roles, articles, "
                            "mentions, quotes) VALUES (?, ?, NULL, ?, 'PERSON', '[]', '[]', 0, 0, 0)",
                            (target, PERSON, surname.title()),
                        )
                self.x(
                    "UPDATE corpus_entity_links SET corpus_id = ?, how = ?, detail = ? WHERE article_id = ? AND entity_id = ?",
                    (target, how, detail, article_id, entity_id),
                )
                self.links[(article_id, entity_id)] = target
        return undecided

    def candidates(self, article_id: str, known: list[tuple[Any, ...]], roles: list[str]) -> list[Candidate]:
        if not known:
            return []
        context = [
            r[0]
            for r in self.q(
                "SELECT DISTINCT corpus_id FROM corpus_entity_links WHERE article_id = ? "
                "AND how NOT IN ('surname', 'surname-ambiguous')",
                (article_id,),
            )
        ]
        wanted = {fold(r) for r in roles}
        out = []
        for cid, name, articles, cand_roles in known:
            same = cid in context
            count, shared = 0, tuple[str, ...]()
            others = [c for c in context if c != cid]
            if len(known) > 1 and others and not same:
                rows = self.q(
                    f"SELECT b.corpus_id, count(DISTINCT a.article_id) FROM corpus_entity_links a "
                    f"JOIN corpus_entity_links b ON b.article_id = a.article_id "
                    f"WHERE a.corpus_id = ? AND a.article_id != ? AND b.corpus_id IN {_in(others)} GROUP BY b.corpus_id",
                    (cid, article_id, *others),
                )
                count = int(self.q(
                    f"SELECT count(DISTINCT a.article_id) FROM corpus_entity_links a JOIN corpus_entity_links b "
                    f"ON b.article_id = a.article_id WHERE a.corpus_id = ? AND a.article_id != ? AND b.corpus_id IN {_in(others)}",
                    (cid, article_id, *others),
                )[0][0]) if rows else 0  # fmt: skip
                top = sorted(rows, key=lambda r: -int(r[1]))[:3]
                shared = tuple(self.entity_name(r[0]) for r in top)
            role_match = bool(wanted) and any(fold(r["role"]) in wanted for r in json.loads(cand_roles or "[]"))
            out.append(Candidate(cid, name, int(articles), count, shared, same, role_match))
        return out

    def entity_name(self, corpus_id: str) -> str:
        rows = self.q("SELECT name FROM corpus_entities WHERE id = ?", (corpus_id,))
        return str(rows[0][0]) if rows else corpus_id

    def actor_id(self, article_id: str, actor: Actor | None) -> tuple[str, str]:
        """A speaker's or claimant's corpus id and label: its entity, else its words ("officials")."""
        if actor is None:
            return "", ""
        corpus_id = self.links.get((article_id, actor.entity)) if actor.entity else None
        if corpus_id is None and actor.entity:
            rows = self.q(
                "SELECT corpus_id FROM corpus_entity_links WHERE article_id = ? AND entity_id = ?", (article_id, actor.entity)
            )
            corpus_id = rows[0][0] if rows else None
            if corpus_id:
                self.links[(article_id, actor.entity)] = corpus_id
        return speaker_key(corpus_id, actor.name), actor.name

    # --- 3. quotes, claims, events, figures --------------------------------------------------------------------

    def quotes(self, article: _Article) -> None:
        old = self.q("SELECT DISTINCT corpus_quote_id FROM corpus_quote_links WHERE article_id = ?", (article.id,))
        if old:
            self.dirty.quotes |= {r[0] for r in old}
            self.x("DELETE FROM corpus_quote_links WHERE article_id = ?", (article.id,))
        for quote in article.record.quotes:
            skey, _ = self.actor_id(article.id, quote.speaker)
            keys = [f"{skey}|{h}" for h in sentence_keys(quote.text)]
            if not keys:
                continue
            found = sorted({r[0] for r in self.q(f"SELECT corpus_quote_id FROM corpus_quote_keys WHERE key IN {_in(keys)}", keys)})
            target = found[0] if found else item_id("q", article.id, quote.id)
            for other in found[1:]:  # this quote shows two known quotes are one
                self.x("UPDATE corpus_quote_links SET corpus_quote_id = ? WHERE corpus_quote_id = ?", (target, other))
                self.x("UPDATE corpus_quote_keys SET corpus_quote_id = ? WHERE corpus_quote_id = ?", (target, other))
                self.dirty.quotes.add(other)
            self.x(
                "INSERT INTO corpus_quote_links (article_id, quote_id, corpus_quote_id, speaker_key, speaker_name, text, "
                "kind, published, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (article_id, quote_id) DO NOTHING",
                (article.id, quote.id, target, skey, quote.speaker.name if quote.speaker else None, quote.text,
                 quote.kind, article.published, quote.start, quote.end),
            )  # fmt: skip
            known = {r[0] for r in self.q(f"SELECT key FROM corpus_quote_keys WHERE corpus_quote_id = ? AND key IN {_in(keys)}", (target, *keys))}
            self.store.executemany(
                "INSERT INTO corpus_quote_keys (key, corpus_quote_id) VALUES (?, ?)", [(k, target) for k in keys if k not in known]
            )
            self.dirty.quotes.add(target)

    def claims(self, article: _Article) -> None:
        old = self.q("SELECT actor_id, target_id FROM corpus_claims WHERE article_id = ?", (article.id,))
        if old:
            self.dirty.edges |= {(a, t) for a, t in old}
            self.x("DELETE FROM corpus_claims WHERE article_id = ?", (article.id,))
        rows: list[tuple[Any, ...]] = []
        for stance in article.record.stances:
            actor_id, actor = self.actor_id(article.id, stance.actor)
            if not actor_id:
                continue
            rows.append((article.id, stance.id, "stance", actor_id, actor, "issue:" + stance.issue, stance.target,
                         stance.issue, stance.polarity, stance.evidence.start, stance.evidence.end, article.published))  # fmt: skip
        for press in article.record.pressures:
            actor_id, actor = self.actor_id(article.id, press.source)
            target_id, target = self.actor_id(article.id, press.target)
            if not target_id and press.issue:
                target_id, target = "issue:" + press.issue, press.issue
            if not actor_id or not target_id:
                continue
            rows.append((article.id, press.id, "press", actor_id, actor, target_id, target, press.issue, "press",
                         press.evidence.start, press.evidence.end, article.published))  # fmt: skip
        self.store.executemany(
            "INSERT INTO corpus_claims (article_id, item_id, kind, actor_id, actor, target_id, target, issue, polarity, "
            "start_char, end_char, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id, item_id) DO NOTHING",
            rows,
        )
        self.dirty.edges |= {(r[3], r[5]) for r in rows}

    def events(self, article: _Article) -> None:
        published = day_range(article.published)
        for event in article.record.events:
            entities = sorted({
                cid
                for cid in (
                    *(self.links.get((article.id, p.entity)) for p in event.participants if p.entity),
                    self.links.get((article.id, event.location.entity)) if event.location and event.location.entity else None,
                )
                if cid
            })  # fmt: skip
            span = None
            if event.date and event.date.source == "expression":
                stated = day_range(event.date.value)
                if stated and stated[1] - stated[0] <= MAX_RANGE:
                    span = stated
            if span is None and published:
                span = (published[0] - UNDATED_DAYS, published[1])
            target = None
            if entities and span:
                found = self.q(
                    f"SELECT corpus_event_id, count(DISTINCT entity), min(lo) FROM corpus_event_keys "
                    f"WHERE type = ? AND entity IN {_in(entities)} AND lo <= ? AND hi >= ? GROUP BY corpus_event_id",
                    (event.type, *entities, span[1] + EVENT_SLACK, span[0] - EVENT_SLACK),
                )
                if found:
                    # An event spans a month at most: a popular actor's daily statements do not chain into one.
                    ids = sorted({r[0] for r in found})
                    extent = {
                        r[0]: (int(r[1]), int(r[2]))
                        for r in self.q(
                            f"SELECT corpus_event_id, min(lo), max(hi) FROM corpus_event_keys "
                            f"WHERE corpus_event_id IN {_in(ids)} GROUP BY corpus_event_id",
                            ids,
                        )
                    }
                    found = [
                        r for r in found
                        if max(span[1], extent[r[0]][1]) - min(span[0], extent[r[0]][0]) <= MAX_EVENT_DAYS
                    ]  # fmt: skip
                if found:
                    target = min(found, key=lambda r: (-int(r[1]), abs(int(r[2]) - span[0]), r[0]))[0]
            target = target or item_id("v", article.id, event.id)
            date = event.date
            self.x(
                "INSERT INTO corpus_event_links (article_id, event_id, corpus_event_id, type, status, date_value, "
                "date_source, published, start_char, end_char) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (article_id, event_id) DO NOTHING",
                (article.id, event.id, target, event.type, event.status, date.value if date else None,
                 date.source if date else None, article.published, event.evidence.start, event.evidence.end),
            )  # fmt: skip
            if span:
                self.store.executemany(
                    "INSERT INTO corpus_event_keys (type, entity, corpus_event_id, lo, hi) VALUES (?, ?, ?, ?, ?)",
                    [(event.type, cid, target, span[0], span[1]) for cid in entities],
                )
            self.dirty.events.add(target)

    def figures(self, article: _Article) -> None:
        published = day_range(article.published)
        for figure in article.record.figures:
            key = counted_key(figure.type, figure.unit, figure.counted)
            if key is None:
                continue  # counts nothing named: nothing to compare it with
            stated = day_range(figure.date)
            span = stated if stated and stated[1] - stated[0] <= MAX_RANGE else published
            lo, hi = span if span else (0, 0)
            found = self.q(
                "SELECT id, lo, hi FROM corpus_figure_groups WHERE key = ? AND lo <= ? AND hi >= ?",
                (key, hi + FIGURE_SLACK, lo - FIGURE_SLACK),
            ) if span else []  # fmt: skip
            # A group spans a month at most: "people killed" reported every day is not one figure for a year.
            found = [r for r in found if max(hi, int(r[2])) - min(lo, int(r[1])) <= MAX_GROUP_DAYS]
            if found:
                group, glo, ghi = min(found, key=lambda r: (abs(int(r[1]) - lo), r[0]))
                if lo < glo or hi > ghi:
                    self.x("UPDATE corpus_figure_groups SET lo = ?, hi = ? WHERE id = ?", (min(lo, glo), max(hi, ghi), group))
            else:
                group = item_id("f", article.id, figure.id)
                self.x(
                    "INSERT INTO corpus_figure_groups (id, key, counted, type, unit, lo, hi, figures, sources, conflict, "
                    "summary) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, '[]')",
                    (group, key, figure.counted or "", figure.type, figure.unit, lo, hi),
                )
                self.store.executemany(
                    "INSERT INTO corpus_figure_terms (term, group_id) VALUES (?, ?)",
                    [(t, group) for t in dict.fromkeys(counted_terms(figure.counted))],
                )
            source_id, source = self.actor_id(article.id, figure.source)
            self.x(
                "INSERT INTO corpus_figure_links (article_id, figure_id, group_id, counted, value, upper, approximation, "
                "text, source, source_id, date, published, start_char, end_char) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (article_id, figure_id) DO NOTHING",
                (article.id, figure.id, group, figure.counted or "", figure.value, figure.upper, figure.approximation,
                 figure.text, source or None, source_id or None, figure.date, article.published, figure.start, figure.end),
            )  # fmt: skip
            self.dirty.groups.add(group)

    # --- 4. summaries ------------------------------------------------------------------------------------------

    def summarize(self) -> None:
        # Quotes first: an entity's summary counts its quotes.
        for quote in sorted(self.dirty.quotes):
            self.summarize_quote(quote)
        self.summarize_entities()
        for event in sorted(self.dirty.events):
            self.summarize_event(event)
        for group in sorted(self.dirty.groups):
            self.summarize_group(group)
        for actor_id, target_id in sorted(self.dirty.edges):
            self.summarize_edges(actor_id, target_id)

    def summarize_entities(self) -> None:
        """Each touched entity's summary: the batch's new links added to its running totals, or (when it lost
        a link, or has no totals yet) totalled again from all its links; then its quote count."""
        again = set(self.dirty.entities)
        grown = self.dirty.grown - again
        tallies: dict[str, EntityTally] = {}
        for chunk in _chunks(sorted(grown)):
            for corpus_id, stored in self.q(f"SELECT id, tally FROM corpus_entities WHERE id IN {_in(chunk)}", chunk):
                if stored:
                    tallies[corpus_id] = EntityTally.from_json(stored)
        again |= grown - set(tallies)
        if tallies:
            new_links: dict[str, list[Link]] = defaultdict(list)
            for chunk in _chunks(sorted(a.id for a in self.articles)):
                for row in self.q(_LINKS + f"WHERE l.article_id IN {_in(chunk)}", chunk):
                    if row[-1] in tallies:
                        new_links[row[-1]].append(_link(row))
            for corpus_id in sorted(tallies):
                tallies[corpus_id].add(new_links.get(corpus_id, []))
        for corpus_id in sorted(again):
            links = [_link(row) for row in self.q(_LINKS + "WHERE l.corpus_id = ?", (corpus_id,))]
            if not links:
                for table, column in (("corpus_entities", "id"), ("corpus_names", "entity")):
                    self.x(f"DELETE FROM {table} WHERE {column} = ?", (corpus_id,))
                continue
            tallies[corpus_id] = EntityTally()
            tallies[corpus_id].add(links)
        for corpus_id in sorted(tallies):
            self.write_entity(corpus_id, tallies[corpus_id])
        for corpus_id in sorted(self.dirty.quoted - set(tallies) - again):
            self.x(
                "UPDATE corpus_entities SET quotes = (SELECT count(*) FROM corpus_quotes WHERE speaker_id = ?) WHERE id = ?",
                (corpus_id, corpus_id),
            )

    def write_entity(self, corpus_id: str, tally: EntityTally) -> None:
        row = tally.summary(corpus_id)
        quotes = int(self.q("SELECT count(*) FROM corpus_quotes WHERE speaker_id = ?", (corpus_id,))[0][0])
        self.x(
            "UPDATE corpus_entities SET name = ?, type = ?, aliases = ?, roles = ?, articles = ?, mentions = ?, "
            "quotes = ?, first_seen = ?, last_seen = ?, article_id = ?, start_char = ?, end_char = ?, tally = ? "
            "WHERE id = ?",
            (row["name"], row["type"], json.dumps(row["aliases"][:MAX_ALIASES], ensure_ascii=False),
             json.dumps(row["roles"], ensure_ascii=False), row["articles"], row["mentions"], quotes, row["first_seen"],
             row["last_seen"], row["article_id"], row["start"], row["end"], tally.to_json(), corpus_id),
        )  # fmt: skip
        self.x("DELETE FROM corpus_names WHERE entity = ?", (corpus_id,))
        keys = {normalize_name(v) for v in [row["name"], *row["aliases"]]} - {""}
        self.store.executemany(
            "INSERT INTO corpus_names (name, entity) VALUES (?, ?) ON CONFLICT (name, entity) DO NOTHING",
            [(k, corpus_id) for k in sorted(keys)],
        )

    def summarize_quote(self, quote_id: str) -> None:
        links = self.q(
            "SELECT l.article_id, l.speaker_key, l.speaker_name, l.text, l.kind, l.published, l.start_char, l.end_char, "
            "ca.original_id FROM corpus_quote_links l JOIN corpus_articles ca ON ca.article_id = l.article_id "
            "WHERE l.corpus_quote_id = ?",
            (quote_id,),
        )
        before = self.q("SELECT speaker_id FROM corpus_quotes WHERE id = ?", (quote_id,))
        self.dirty.quoted |= {r[0] for r in before if r[0]}
        self.x("DELETE FROM corpus_quotes WHERE id = ?", (quote_id,))
        if not links:
            self.x("DELETE FROM corpus_quote_keys WHERE corpus_quote_id = ?", (quote_id,))
            return
        first = min(links, key=lambda r: (r[8] is not None, r[5] or "9999", r[0]))
        skey = most_common([r[1] for r in links])
        speaker_id = skey if skey and not skey.startswith("name:") else None
        speaker = self.entity_name(speaker_id) if speaker_id else most_common([r[2] or "" for r in links]) or None
        sources = len({r[0] for r in links if r[8] is None})
        copies = len({r[0] for r in links if r[8] is not None})
        self.x(
            "INSERT INTO corpus_quotes (id, speaker_id, speaker, text, kind, article_id, start_char, end_char, published, "
            "sources, copies) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (quote_id, speaker_id, speaker, first[3], first[4], first[0], first[6], first[7], first[5], sources, copies),
        )
        if speaker_id:
            self.dirty.quoted.add(speaker_id)

    def summarize_event(self, event_id: str) -> None:
        links = self.q(
            "SELECT l.article_id, l.type, l.status, l.date_value, l.date_source, l.published, l.start_char, l.end_char, "
            "ca.original_id, substr(a.text, l.start_char + 1, l.end_char - l.start_char) FROM corpus_event_links l "
            "JOIN corpus_articles ca ON ca.article_id = l.article_id JOIN articles a ON a.id = l.article_id "
            "WHERE l.corpus_event_id = ?",
            (event_id,),
        )
        self.x("DELETE FROM corpus_events WHERE id = ?", (event_id,))
        if not links:
            return
        counted = [r for r in links if r[8] is None] or links
        stated = [StatedDate(r[3], r[4] or "expression", r[0]) for r in counted if r[3]]
        stated += [StatedDate(r[5], "publication", r[0]) for r in counted if not r[3] and r[5]]
        date, confidence, conflict, dates = reconcile_dates(stated)
        entities = sorted({r[0] for r in self.q("SELECT DISTINCT entity FROM corpus_event_keys WHERE corpus_event_id = ?", (event_id,))})
        participants = [{"id": e, "name": self.entity_name(e)} for e in entities]
        first = min(links, key=lambda r: (r[8] is not None, r[5] or "9999", r[0]))
        published = sorted(r[5] for r in counted if r[5])
        self.x(
            "INSERT INTO corpus_events (id, type, status, date, date_confidence, date_conflict, dates, participants, "
            "summary, article_id, start_char, end_char, sources, copies, first_published, last_published, sort_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, most_common([r[1] for r in links]), most_common([r[2] for r in counted]), date, confidence,
             int(conflict), json.dumps(dates), json.dumps(participants, ensure_ascii=False), first[9] or "", first[0],
             first[6], first[7], len({r[0] for r in links if r[8] is None}), len({r[0] for r in links if r[8] is not None}),
             published[0] if published else None, published[-1] if published else None,
             f"{date or '~'}|{published[0] if published else ''}"),
        )  # fmt: skip

    def summarize_group(self, group_id: str) -> None:
        links = self.q(
            "SELECT l.article_id, l.value, l.upper, l.approximation, l.text, l.source, l.published, ca.original_id, "
            "l.counted FROM corpus_figure_links l JOIN corpus_articles ca ON ca.article_id = l.article_id "
            "WHERE l.group_id = ?",
            (group_id,),
        )
        originals = [r for r in links if r[7] is None] or links
        ranges = [(r[0], interval(float(r[1]), r[2], r[3])) for r in originals]
        clash = has_conflict(ranges)
        claims: dict[tuple[float, str], dict[str, Any]] = {}
        for r in sorted(originals, key=lambda r: (r[6] or "", r[0])):
            entry = claims.setdefault((float(r[1]), r[3]), {"value": float(r[1]), "approximation": r[3], "text": r[4], "said_by": [], "articles": 0, "first": r[6]})
            entry["articles"] += 1
            if r[5] and r[5] not in entry["said_by"]:
                entry["said_by"].append(r[5])
        self.x(
            "UPDATE corpus_figure_groups SET counted = ?, figures = ?, sources = ?, conflict = ?, summary = ? WHERE id = ?",
            (most_common([r[8] for r in links]), len(links), len({r[0] for r in originals}), int(clash),
             json.dumps(list(claims.values())[:10], ensure_ascii=False), group_id),
        )  # fmt: skip

    def summarize_edges(self, actor_id: str, target_id: str) -> None:
        self.x("DELETE FROM corpus_edges WHERE source = ? AND target = ?", (actor_id, target_id))
        claims = self.q(
            "SELECT c.polarity, c.actor, c.target, c.article_id, c.start_char, c.end_char, c.published FROM corpus_claims c "
            "JOIN corpus_articles ca ON ca.article_id = c.article_id WHERE c.actor_id = ? AND c.target_id = ? "
            "AND ca.original_id IS NULL ORDER BY c.published, c.article_id",
            (actor_id, target_id),
        )
        by_relation: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for claim in claims:
            by_relation[claim[0]].append(claim)
        source_label = self.label(actor_id, [c[1] for c in claims])
        target_label = self.label(target_id, [c[2] for c in claims])
        rows = []
        for relation, items in sorted(by_relation.items()):
            evidence = [{"article_id": c[3], "start": c[4], "end": c[5], "published": c[6]} for c in items[:MAX_EVIDENCE]]
            rows.append((actor_id, target_id, relation, len({c[3] for c in items}), source_label, target_label,
                         _kind(actor_id), _kind(target_id), json.dumps(evidence)))  # fmt: skip
        self.store.executemany(
            "INSERT INTO corpus_edges (source, target, relation, weight, source_label, target_label, source_kind, "
            "target_kind, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def label(self, node: str, words: list[str]) -> str:
        if node.startswith("issue:"):
            return node.removeprefix("issue:")
        if node.startswith("name:"):
            return most_common(words, node.removeprefix("name:"))
        return self.entity_name(node)


def _kind(node: str) -> str:
    if node.startswith("issue:"):
        return "issue"
    if node.startswith("name:"):
        return "unnamed"
    return "person" if node.startswith(PERSON + ":") else "entity"


__all__ = ["BATCH", "family_of", "get_state", "pending", "rebuild", "set_state", "update"]
