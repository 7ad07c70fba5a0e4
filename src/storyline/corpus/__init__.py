"""The corpus: what many articles say together, asked from the store.

>>> from storyline.corpus import Corpus
>>> with Corpus("storyline.db") as corpus:                     # doctest: +SKIP
...     for quote in corpus.quotes(by="Reker", since="2025-02-01"):
...         print(quote.published, quote.speaker, quote.text, len(quote.sources))
...     print(corpus.explain("Reker"))

Opening a corpus merges the articles stored since it was last opened (:mod:`storyline.corpus.index`): the
same person across articles becomes one entity, the same quote carried by several outlets one quote with all
its sources, the same event one event with a reconciled date, figures about the same thing one group with
its conflicts, and wire copies are linked to their original so nothing is counted twice. Queries read the
merged tables, so they take milliseconds on a large corpus; a long-running reader (a web app) calls
:meth:`Corpus.update` to take in new articles.

Merges follow :mod:`storyline.corpus.merge`; an alias file (``Corpus(db, aliases="aliases.yaml")``, see
:class:`~storyline.corpus.merge.AliasRules`) corrects them. The rules in force are kept in the store, and the
corpus is merged again whenever they change.

Every row (:mod:`storyline.corpus.rows`) links back to article ids and character offsets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from storyline.corpus import index
from storyline.corpus.merge import AliasFileError, AliasRules, counted_terms, entity_key, normalize_name
from storyline.corpus.rows import (
    ActorRow,
    DateClaim,
    Edge,
    EventRow,
    Explanation,
    FigureRow,
    Network,
    Node,
    Participant,
    QuoteRow,
    Reason,
    Role,
    Row,
    SearchRow,
    Source,
    StanceRow,
    flat,
)
from storyline.errors import StorylineError
from storyline.store import Store, open_store
from storyline.store.search import fts5_query, tsquery

DEFAULT_LIMIT = 100
ISSUE_PREFIX = "issue:"  # an issue's node in the network
MANY_MATCHES = 1000  # full-text matches past which an ordered, limited query walks the order (_many_matches)


class UnknownEntityError(StorylineError, KeyError):
    """No corpus entity goes by the name asked about."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def _in(values: Sequence[Any]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


class Corpus:
    """The articles of a store, merged. ``source`` is a store path or URL (as :func:`open_store` takes), or an
    open :class:`Store` (left open on :meth:`close`).

    ``aliases`` (a file path, or :class:`AliasRules`) replaces the alias rules kept in the store; the corpus is
    merged again when they differ. ``update=False`` skips merging new articles on opening.
    """

    def __init__(
        self,
        source: str | Path | Store = "storyline.db",
        *,
        aliases: str | Path | AliasRules | None = None,
        update: bool = True,
        progress: index.Progress | None = None,
    ) -> None:
        self._owned = not isinstance(source, Store)
        self.store: Store = source if isinstance(source, Store) else open_store(source)
        try:
            stored = index.get_state(self.store, "rules")
            self.rules = AliasRules.parse(stored) if stored else AliasRules()
            if aliases is not None:
                rules = aliases if isinstance(aliases, AliasRules) else AliasRules.load(aliases)
                if rules.fingerprint() != (
                    index.get_state(self.store, "rules_fingerprint") or AliasRules().fingerprint()
                ):
                    self.rules = rules
                    self.rebuild(progress)
            if update:
                self.update(progress)
        except BaseException:
            self.close()
            raise

    # --- keeping up ----------------------------------------------------------------------------------------

    def update(self, progress: index.Progress | None = None) -> int:
        """Merge the articles stored since the last update; how many there were."""
        return index.update(self.store, self.rules, progress)

    def rebuild(self, progress: index.Progress | None = None) -> int:
        """Merge every article again, from scratch (with the current alias rules)."""
        return index.rebuild(self.store, self.rules, progress)

    def pending(self) -> int:
        """How many stored articles are not merged yet."""
        return index.pending(self.store)

    # --- entities ------------------------------------------------------------------------------------------

    def entity_ids(self, name: str) -> list[str]:
        """The corpus entities going by ``name`` (an id, a name, an alias, or a surname), most mentioned first."""
        if ":" in name and self.store.query("SELECT 1 FROM corpus_entities WHERE id = ?", (name,)):
            return [name]
        key = normalize_name(name)
        if not key:
            return []
        # The ids the name's own key gives ("Donald J. Trump" finds person:donald-trump), then names and aliases.
        keyed = [
            entity_key(name, "PERSON", rules=self.rules).id,
            entity_key(name, "ORG", rules=self.rules).id,
        ]
        rows = self.store.query(
            "SELECT e.id FROM corpus_names n JOIN corpus_entities e ON e.id = n.entity WHERE n.name = ? "
            "UNION SELECT id FROM corpus_entities WHERE surname = ? AND articles > 0 "
            "UNION SELECT id FROM corpus_entities WHERE id IN (?, ?) AND articles > 0",
            (key, key, *keyed),
        )
        ids = [r[0] for r in rows]
        if not ids:
            return []
        ranked = self.store.query(
            f"SELECT id FROM corpus_entities WHERE id IN {_in(ids)} ORDER BY mentions DESC, id", ids
        )
        return [r[0] for r in ranked]

    def _require(self, name: str) -> list[str]:
        ids = self.entity_ids(name)
        if not ids:
            raise UnknownEntityError(
                f"no one in the corpus goes by {name!r}; 'storyline actors' lists who does"
            )
        return ids

    def actors(
        self,
        name: str | None = None,
        *,
        type: str | None = None,
        by: str = "mentions",
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
    ) -> list[ActorRow]:
        """Corpus entities, most mentioned first (``by="quotes"``: most quoted first): canonical name, aliases,
        roles with dates, counts. ``offset`` skips that many, for paging."""
        if by not in ("mentions", "quotes"):
            raise ValueError(f"actors can be ordered by mentions or quotes, not {by!r}")
        where, params = ["articles > 0"], []
        if name is not None:
            ids = self._require(name)
            where.append(f"id IN {_in(ids)}")
            params.extend(ids)
        if type is not None:
            where.append("type = ?")
            params.append(type.upper())
        rows = self.store.query(
            "SELECT id, name, type, aliases, roles, mentions, quotes, articles, first_seen, last_seen, article_id, "
            f"start_char, end_char FROM corpus_entities WHERE {' AND '.join(where)} ORDER BY {by} DESC, id"
            + _limit(limit, offset),
            params,
        )
        return [
            ActorRow(
                id=r[0], name=r[1], type=r[2], aliases=tuple(json.loads(r[3])),
                roles=tuple(Role(x["role"], tuple(x["dates"]), int(x["articles"])) for x in json.loads(r[4])),
                mentions=int(r[5]), quotes=int(r[6]), articles=int(r[7]), first_seen=r[8], last_seen=r[9],
                article_id=r[10], start=r[11], end=r[12],
            )
            for r in rows
        ]  # fmt: skip

    def explain(self, entity: str) -> Explanation:
        """Why the corpus entity going by ``entity`` holds the mentions it holds: each name its articles use,
        how many articles use it, and the rule (or alias file entry) that merged it."""
        corpus_id = self._require(entity)[0]
        rows = self.store.query(
            "SELECT name, how, detail, article_id FROM corpus_entity_links WHERE corpus_id = ? ORDER BY name, article_id",
            (corpus_id,),
        )
        grouped: dict[tuple[str, str, str], list[str]] = {}
        for name, how, detail, article_id in rows:
            grouped.setdefault((name, how, detail), []).append(article_id)
        reasons = sorted(
            (
                Reason(name, how, detail, len(ids), tuple(ids[:3]))
                for (name, how, detail), ids in grouped.items()
            ),
            key=lambda r: (-r.articles, r.name, r.detail),
        )
        (label,) = self.store.query("SELECT name FROM corpus_entities WHERE id = ?", (corpus_id,))[0]
        return Explanation(corpus_id, label, tuple(reasons))

    # --- quotes --------------------------------------------------------------------------------------------

    def quotes(
        self,
        by: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
        *,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
    ) -> list[QuoteRow]:
        """Quotes, each once with every article carrying it, oldest first. ``by`` is a speaker (a name, alias
        or surname), ``about`` a full-text query on the quote's words, ``since``/``until`` dates (YYYY-MM-DD)
        the first source's publication falls within; ``offset`` skips that many, for paging."""
        found = self._quote_filter(by, about, since, until, ordered=limit is not None)
        if found is None:
            return []
        where, params = found
        rows = self.store.query(
            "SELECT q.id, coalesce(e.name, q.speaker), q.speaker_id, q.text, q.kind, q.published, q.article_id, "
            "q.start_char, q.end_char, q.copies FROM corpus_quotes q LEFT JOIN corpus_entities e ON e.id = q.speaker_id"
            + _where(where)
            + " ORDER BY q.published, q.id"
            + _limit(limit, offset),
            params,
        )
        sources = self._sources("corpus_quote_links", "corpus_quote_id", [r[0] for r in rows])
        return [
            QuoteRow(
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], tuple(sources.get(r[0], ())), int(r[9])
            )
            for r in rows
        ]

    def count_quotes(
        self,
        by: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        """How many quotes :meth:`quotes` finds with no limit."""
        return self._count("corpus_quotes q", self._quote_filter(by, about, since, until))

    def _quote_filter(
        self, by: str | None, about: str | None, since: str | None, until: str | None, *, ordered: bool = False
    ) -> tuple[list[str], list[Any]] | None:
        """The WHERE conditions on ``corpus_quotes q`` and their parameters; None when nothing can match.
        ``ordered``: for a limited query in date order (a first page), not for a count."""
        where: list[str] = []
        params: list[Any] = []
        if by is not None:
            ids = self._require(by)
            where.append(f"q.speaker_id IN {_in(ids)}")
            params.extend(ids)
        if about is not None:
            sql, arg = self._quote_match(about)
            if sql is None:
                return None
            if ordered and self._many_matches("quotes_fts", arg):
                # Walk the quotes in order and test each against the matches (read once), rather than read
                # every match and sort them: the first page comes after a few hundred rows.
                where.append(
                    "EXISTS (SELECT 1 FROM corpus_quote_links l WHERE l.corpus_quote_id = q.id AND l.article_id || ' ' "
                    "|| l.quote_id IN (SELECT qt.article_id || ' ' || qt.quote_id FROM quotes_fts JOIN quotes qt ON "
                    "qt.seq = quotes_fts.rowid WHERE quotes_fts MATCH ?))"
                )
            else:
                where.append(f"q.id IN ({sql})")
            params.append(arg)
        if since:
            where.append("q.published >= ?")
            params.append(since)
        if until:
            where.append("q.published <= ?")
            params.append(until + "\uffff")  # "2025-02" takes in the whole month
        return where, params

    def _quote_match(self, about: str) -> tuple[str | None, str]:
        if self.store.dialect == "sqlite":
            query = fts5_query(about)
            sql = (
                "SELECT l.corpus_quote_id FROM quotes_fts JOIN quotes qt ON qt.seq = quotes_fts.rowid "
                "JOIN corpus_quote_links l ON l.article_id = qt.article_id AND l.quote_id = qt.quote_id "
                "WHERE quotes_fts MATCH ?"
            )
        else:
            query = tsquery(about)
            sql = (
                "SELECT l.corpus_quote_id FROM quotes qt JOIN corpus_quote_links l ON l.article_id = qt.article_id "
                "AND l.quote_id = qt.quote_id WHERE qt.search @@ to_tsquery('english', ?)"
            )
        return (sql if query else None), query or ""

    def _many_matches(self, fts_table: str, query: str) -> bool:
        """Whether a full-text query matches so much that an ordered, limited query should walk its rows in
        order and test each against the matches (SQLite only: PostgreSQL plans by its statistics)."""
        if self.store.dialect != "sqlite":
            return False
        found = self.store.query(f"SELECT count(*) FROM (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH ? LIMIT ?)",
                                 (query, MANY_MATCHES))  # fmt: skip
        return int(found[0][0]) >= MANY_MATCHES

    def _article_match(self, about: str) -> tuple[str | None, str]:
        if self.store.dialect == "sqlite":
            query = fts5_query(about)
            sql = "SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?"
        else:
            query = tsquery(about)
            sql = "SELECT id FROM articles WHERE search @@ to_tsquery('english', ?)"
        return (sql if query else None), query or ""

    def _sources(
        self, table: str, column: str, ids: list[str], per_item: int | None = None
    ) -> dict[str, list[Source]]:
        """The articles carrying each merged item, originals first, oldest first; ``per_item`` keeps the
        oldest few of each (picked on the link table's own dates, before reading the articles)."""
        out: dict[str, list[Source]] = {}
        if not ids:
            return out
        columns = f"SELECT l.{column}, l.article_id, l.start_char, l.end_char, a.published, a.outlet, ca.original_id"
        joins = "JOIN articles a ON a.id = l.article_id LEFT JOIN corpus_articles ca ON ca.article_id = l.article_id"
        if per_item is None:
            rows = self.store.query(f"{columns} FROM {table} l {joins} WHERE l.{column} IN {_in(ids)}", ids)
        else:
            rows = self.store.query(
                f"{columns} FROM (SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY {column} ORDER BY "
                f"published IS NULL, published, article_id, start_char) AS nth FROM {table} WHERE {column} IN "
                f"{_in(ids)}) ranked WHERE nth <= ?) l "
                + joins,
                [*ids, per_item],
            )
        seen: set[tuple[str, str]] = set()
        for r in sorted(rows, key=lambda r: (r[6] is not None, r[4] or "9999", r[1], r[2] or 0)):
            if (r[0], r[1]) not in seen:  # one source per article (an article may repeat a quote)
                seen.add((r[0], r[1]))
                out.setdefault(r[0], []).append(Source(r[1], r[2], r[3], r[4], r[5], r[6]))
        return out

    # --- events --------------------------------------------------------------------------------------------

    def timeline(
        self,
        about: str | None = None,
        actor: str | None = None,
        *,
        type: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
        sources_per_event: int | None = None,
    ) -> list[EventRow]:
        """Events, each once with all its sources, in date order (undated last). ``about`` keeps events from
        articles matching a full-text query; ``actor`` those with that participant; ``type`` those of one
        event type; ``outlet`` those one outlet reports; ``since``/``until`` (YYYY, YYYY-MM or YYYY-MM-DD)
        dated events in that window. ``offset`` skips that many, for paging; ``sources_per_event`` keeps the
        oldest sources of each event (and as many articles per stated date; ``source_count`` has them all)."""
        found = self._event_filter(about, actor, type, outlet, since, until, ordered=limit is not None)
        if found is None:
            return []
        where, params = found
        rows = self.store.query(
            "SELECT v.id, v.type, v.status, v.date, v.date_confidence, v.date_conflict, v.dates, v.participants, "
            "v.summary, v.article_id, v.start_char, v.end_char, v.sources + v.copies FROM corpus_events v"
            + _where(where)
            + " ORDER BY v.sort_key, v.id"
            + _limit(limit, offset),
            params,
        )
        return self._event_rows(rows, sources_per_event)

    def count_events(
        self,
        about: str | None = None,
        actor: str | None = None,
        *,
        type: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> int:
        """How many events :meth:`timeline` finds with no limit."""
        return self._count("corpus_events v", self._event_filter(about, actor, type, outlet, since, until))

    def _count(self, table: str, found: tuple[list[str], list[Any]] | None) -> int:
        """How many rows of ``table`` (with its alias) the conditions of a ``_*_filter`` keep."""
        if found is None:
            return 0
        where, params = found
        return int(self.store.query(f"SELECT count(*) FROM {table}{_where(where)}", params)[0][0])

    def event_types(self) -> list[str]:
        """The types of the corpus's events, alphabetically."""
        return _distinct(self.store, "corpus_events", "type")

    def outlets(self) -> list[str]:
        """The outlets of the stored articles, alphabetically."""
        return [o for o in _distinct(self.store, "articles", "outlet") if o]

    def _event_filter(
        self,
        about: str | None,
        actor: str | None,
        type: str | None,
        outlet: str | None,
        since: str | None,
        until: str | None,
        *,
        ordered: bool = False,
    ) -> tuple[list[str], list[Any]] | None:
        """The WHERE conditions on ``corpus_events v`` and their parameters; None when nothing can match.
        ``ordered``: for a limited query in date order (a first page), not for a count."""
        where: list[str] = []
        params: list[Any] = []
        if type:
            where.append("v.type = ?")
            params.append(type)
        if outlet:
            where.append(
                "v.id IN (SELECT l.corpus_event_id FROM corpus_event_links l JOIN articles a ON a.id = l.article_id "
                "WHERE a.outlet = ?)"
            )
            params.append(outlet)
        if since or until:
            # The order key starts with the event's date, so a window is a range of it (undated events sort last).
            where.append("v.date IS NOT NULL")
        if since:
            where.append("v.sort_key >= ?")
            params.append(since)
        if until:
            where.append("v.sort_key <= ?")
            params.append(until + "|\uffff")
        if actor is not None:
            ids = self._require(actor)
            where.append(
                f"v.id IN (SELECT corpus_event_id FROM corpus_event_keys WHERE entity IN {_in(ids)})"
            )
            params.extend(ids)
        if about is not None:
            sql, arg = self._article_match(about)
            if sql is None:
                return None
            where.append(
                f"EXISTS (SELECT 1 FROM corpus_event_links l WHERE l.corpus_event_id = v.id AND l.article_id IN ({sql}))"
                if ordered and self._many_matches("articles_fts", arg)  # as for quotes (_quote_filter)
                else f"v.id IN (SELECT corpus_event_id FROM corpus_event_links WHERE article_id IN ({sql}))"
            )
            params.append(arg)
        return where, params

    def _event_rows(self, rows: list[tuple[Any, ...]], per_event: int | None = None) -> list[EventRow]:
        """Rows of ``corpus_events`` (the columns :meth:`timeline` reads) as :class:`EventRow`."""
        sources = self._sources(
            "corpus_event_links", "corpus_event_id", [r[0] for r in rows], per_item=per_event
        )
        names = self._names({p["id"] for r in rows for p in json.loads(r[7])})
        cut = slice(None, per_event)
        return [
            EventRow(
                id=r[0], type=r[1], status=r[2], date=r[3], date_confidence=float(r[4] or 0.0), date_conflict=bool(r[5]),
                dates=tuple(DateClaim(d["value"], int(d["sources"]), tuple(d["articles"][cut]), bool(d["agrees"])) for d in json.loads(r[6])),
                participants=tuple(Participant(p["id"], names.get(p["id"], p["name"])) for p in json.loads(r[7])),
                summary=r[8], article_id=r[9], start=r[10], end=r[11], sources=tuple(sources.get(r[0], ())),
                source_count=int(r[12]) if len(r) > 12 else len(sources.get(r[0], ())),
            )
            for r in rows
        ]  # fmt: skip

    def event(self, event_id: str) -> EventRow:
        """One event with all its sources, as :meth:`timeline` gives it. ``event_id`` is its id, or an article's
        own event as ``<article id>.<event id>``; :func:`storyline.corpus.event.mentions` lists its mentions."""
        from storyline.corpus.event import event
        from storyline.errors import NotFoundError

        row = event(self, event_id)
        if row is None:
            raise NotFoundError(
                f"there is no event {event_id!r} in the corpus; 'storyline timeline' lists the events"
            )
        return row

    def _names(self, ids: set[str]) -> dict[str, str]:
        if not ids:
            return {}
        listed = sorted(ids)
        return {
            r[0]: r[1]
            for r in self.store.query(
                f"SELECT id, name FROM corpus_entities WHERE id IN {_in(listed)}", listed
            )
        }

    # --- figures -------------------------------------------------------------------------------------------

    def figures(
        self,
        about: str | None = None,
        conflicts: bool = False,
        *,
        said_by: str | None = None,
        limit: int | None = 25,
        offset: int = 0,
        per_group: int | None = 20,
    ) -> list[FigureRow]:
        """Figures grouped by what they count (groups with the most sources first; in a group, oldest first).
        ``about`` matches the words of what is counted ("people killed"); ``conflicts`` keeps only groups
        whose sources give figures that do not agree; ``said_by`` (a name or corpus id) keeps the figures
        that actor is the source of. ``limit`` counts groups; ``per_group`` caps the rows of a group, keeping
        the first source of each different value before the rest, so a conflict stays visible in a group of
        thousands (each row's ``group_size`` says how many the group holds; ``None`` returns them all).
        ``offset`` skips that many groups, for paging."""
        found = self._figure_filter(about, conflicts, said_by)
        if found is None:
            return []
        where, params = found
        speakers = self._require(said_by) if said_by is not None else []
        link_where = f" AND l.source_id IN {_in(speakers)}" if speakers else ""
        link_params: list[Any] = list(speakers)
        groups = self.store.query(
            "SELECT g.id, g.counted, g.conflict, g.figures FROM corpus_figure_groups g"
            + _where(where)
            + " ORDER BY g.sources DESC, g.id"
            + _limit(limit, offset),
            params,
        )
        if not groups:
            return []
        info = {g[0]: g for g in groups}
        ids = list(info)
        columns = (
            "SELECT l.group_id, l.counted, l.value, l.upper, l.approximation, l.text, l.source, l.source_id, l.date, "
            "l.published, ca.outlet, l.article_id, l.start_char, l.end_char, ca.original_id FROM corpus_figure_links l "
            "JOIN corpus_articles ca ON ca.article_id = l.article_id "  # its outlet too: no need to read the article
        )
        if per_group is None:
            rows = self.store.query(
                columns + f"WHERE l.group_id IN {_in(ids)}{link_where}", [*ids, *link_params]
            )
        else:
            keys = [key for gid in ids for key in self._figure_picks(gid, per_group, link_where, link_params)]
            rows = []
            for chunk in range(0, len(keys), 300):
                part = keys[chunk : chunk + 300]
                rows += self.store.query(
                    columns + "WHERE " + " OR ".join("(l.article_id = ? AND l.figure_id = ?)" for _ in part),
                    [v for key in part for v in key],
                )
        position = {gid: i for i, gid in enumerate(ids)}
        rows.sort(key=lambda r: (position[r[0]], r[14] is not None, r[9] or "9999", r[11], r[12]))
        return [
            FigureRow(
                group=r[0], counted=r[1], value=float(r[2]), upper=r[3], approximation=r[4], text=r[5], said_by=r[6],
                said_by_id=r[7] if r[7] and not r[7].startswith("name:") else None, date=r[8], published=r[9],
                outlet=r[10], article_id=r[11], start=int(r[12]), end=int(r[13]), conflict=bool(info[r[0]][2]),
                copy_of=r[14], group_size=int(info[r[0]][3]),
            )
            for r in rows
        ]  # fmt: skip

    def _figure_picks(
        self, group_id: str, count: int, link_where: str, link_params: list[Any]
    ) -> list[tuple[str, str]]:
        """The (article_id, figure_id) of the figures of a group to show: the oldest source of each value, the
        values most sources give first, then more sources of those values. Index seeks on (group, value,
        published): a group of thousands is not read in full."""
        values = self.store.query(
            f"SELECT l.value, COUNT(*) FROM corpus_figure_links l WHERE l.group_id = ?{link_where} "
            "GROUP BY l.value ORDER BY COUNT(*) DESC, l.value LIMIT ?",
            [group_id, *link_params, count],
        )
        picks: list[tuple[str, str]] = []
        for round_size, skip in ((1, 0), (count, 1)):  # first one of each value, then the rest of each
            for value, support in values:
                if len(picks) >= count or support <= skip:
                    continue
                picks += self.store.query(
                    f"SELECT l.article_id, l.figure_id FROM corpus_figure_links l WHERE l.group_id = ? AND l.value = ?"
                    # Undated last and ties broken alike on both databases: the two rounds must agree.
                    f"{link_where} ORDER BY l.published IS NULL, l.published, l.article_id, l.figure_id LIMIT ? OFFSET ?",
                    [group_id, value, *link_params, min(round_size, count - len(picks)), skip],
                )
        return picks

    def count_figure_groups(
        self, about: str | None = None, conflicts: bool = False, *, said_by: str | None = None
    ) -> int:
        """How many groups :meth:`figures` finds with no limit."""
        return self._count("corpus_figure_groups g", self._figure_filter(about, conflicts, said_by))

    def _figure_filter(
        self, about: str | None, conflicts: bool, said_by: str | None
    ) -> tuple[list[str], list[Any]] | None:
        """The WHERE conditions on ``corpus_figure_groups g`` and their parameters; None when nothing can match."""
        where: list[str] = []
        params: list[Any] = []
        if about is not None:
            terms = list(dict.fromkeys(counted_terms(about)))
            if not terms:
                return None
            where.append(
                f"g.id IN (SELECT group_id FROM corpus_figure_terms WHERE term IN {_in(terms)} "
                "GROUP BY group_id HAVING count(DISTINCT term) = ?)"
            )
            params.extend([*terms, len(terms)])
        if conflicts:
            where.append("g.conflict = 1")
        if said_by is not None:
            speakers = self._require(said_by)
            where.append(
                f"g.id IN (SELECT group_id FROM corpus_figure_links WHERE source_id IN {_in(speakers)})"
            )
            params.extend(speakers)
        return where, params

    # --- stances and the network ---------------------------------------------------------------------------

    def stances(
        self,
        issue: str | None = None,
        *,
        actor: str | None = None,
        target: str | None = None,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[StanceRow]:
        """Who stands where on an issue, and who presses whom about it, oldest first (near-duplicate articles
        left out). ``issue`` is an issue key ("strike"), or words found in one; ``actor`` keeps the stances
        and pressures of one actor (a name or corpus id), ``target`` the pressures on one; ``newest_first``
        turns the order round (the latest ``limit`` of them)."""
        where = ["ca.original_id IS NULL"]
        params: list[Any] = []
        for column, name in (("c.actor_id", actor), ("c.target_id", target)):
            if name is not None:
                ids = self._require(name)
                where.append(f"{column} IN {_in(ids)}")
                params.extend(ids)
        if issue is not None:
            issues = self._issues(issue)
            if not issues:
                return []
            where.append(f"c.issue IN {_in(issues)}")
            params.extend(issues)
        order = "c.published IS NULL, c.published, c.article_id, c.start_char"  # undated last on both databases
        if newest_first:
            order = "c.published IS NULL, c.published DESC, c.article_id DESC, c.start_char DESC"
        rows = self.store.query(
            "SELECT c.kind, c.actor, c.actor_id, c.polarity, c.issue, c.target, c.published, a.outlet, c.article_id, "
            "c.start_char, c.end_char, e.name FROM corpus_claims c JOIN corpus_articles ca ON ca.article_id = c.article_id "
            "JOIN articles a ON a.id = c.article_id LEFT JOIN corpus_entities e ON e.id = c.actor_id "
            f"WHERE {' AND '.join(where)} ORDER BY {order}"
            + _limit(limit, offset),
            params,
        )
        return [
            StanceRow(r[0], r[11] or r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], int(r[9]), int(r[10]))
            for r in rows
        ]

    def _issues(self, issue: str) -> list[str]:
        exact = self.store.query("SELECT DISTINCT issue FROM corpus_claims WHERE issue = ?", (issue,))
        if exact:
            return [exact[0][0]]
        words = normalize_name(issue).split()
        if not words:
            return []
        like = " AND ".join("lower(issue) LIKE ?" for _ in words)
        rows = self.store.query(
            f"SELECT DISTINCT issue FROM corpus_claims WHERE {like}", [f"%{w}%" for w in words]
        )
        return sorted(r[0] for r in rows if r[0])

    def network(
        self,
        *,
        issue: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_weight: int = 1,
        limit: int | None = 200,
    ) -> Network:
        """The stance/pressure graph: actors and issues as nodes; support, oppose, mixed and press edges
        weighted by the original articles stating them, heaviest first, each with a few of its sources.
        ``issue`` (an issue key) keeps the edges to and from that issue; ``since``/``until`` (YYYY-MM-DD)
        weigh each edge by the articles published in that window only."""
        if since or until:
            # Weighed again over the window: every edge stated in it is counted (for ``total``), the
            # heaviest kept, each with its first sources in the window.
            sql, params = self._dated_edges(issue, since, until, min_weight)
            found = self.store.query(sql + " ORDER BY weight DESC, source, target, relation", params)
            total = len(found)
            rows = []
            for source, target, relation, weight in found[:limit]:
                labels = self.store.query(
                    "SELECT source_label, target_label, source_kind, target_kind FROM corpus_edges "
                    "WHERE source = ? AND target = ? AND relation = ?",
                    (source, target, relation),
                )
                evidence = self._dated_evidence(source, target, relation, since, until)
                if labels:  # else merged away since the claim was read
                    rows.append((source, target, relation, weight, *labels[0], json.dumps(evidence)))
        else:
            where, params = self._edge_filter(issue, min_weight)
            rows = self.store.query(
                "SELECT source, target, relation, weight, source_label, target_label, source_kind, target_kind, "
                f"evidence FROM corpus_edges WHERE {where} ORDER BY weight DESC, source, target, relation"
                + _limit(limit),
                params,
            )
            total = len(rows) if limit is None or len(rows) < limit else self.count_edges(issue=issue, min_weight=min_weight)
        names = self._names({n for r in rows for n in (r[0], r[1]) if not n.startswith((ISSUE_PREFIX, "name:"))})
        nodes: dict[str, list[Any]] = {}
        edges = []
        for source, target, relation, weight, source_label, target_label, source_kind, target_kind, evidence in rows:
            for node, label, kind in ((source, source_label, source_kind), (target, target_label, target_kind)):
                entry = nodes.setdefault(node, [names.get(node, label), kind, 0])
                entry[2] += int(weight)
            edges.append(Edge(source, target, relation, int(weight), tuple(
                Source(e["article_id"], e["start"], e["end"], e.get("published")) for e in json.loads(evidence)
            )))  # fmt: skip
        ordered = sorted(nodes.items(), key=lambda kv: (-kv[1][2], kv[0]))
        return Network(
            tuple(Node(node, label, kind, weight) for node, (label, kind, weight) in ordered), tuple(edges), total
        )

    def count_edges(
        self,
        *,
        issue: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_weight: int = 1,
    ) -> int:
        """How many edges :meth:`network` finds with no limit."""
        if since or until:
            sql, params = self._dated_edges(issue, since, until, min_weight)
            return int(self.store.query(f"SELECT count(*) FROM ({sql}) edges", params)[0][0])
        where, params = self._edge_filter(issue, min_weight)
        return int(self.store.query(f"SELECT count(*) FROM corpus_edges WHERE {where}", params)[0][0])

    @staticmethod
    def _claim_window(since: str | None, until: str | None) -> tuple[str, list[Any]]:
        where, params = [], []
        if since:
            where.append("c.published >= ?")
            params.append(since)
        if until:
            where.append("c.published <= ?")
            params.append(until + "\uffff")  # "2025-02" takes in the whole month
        return " AND ".join(where), params

    def _dated_edges(
        self, issue: str | None, since: str | None, until: str | None, min_weight: int
    ) -> tuple[str, list[Any]]:
        """The edges as the claims published in a window state them (source, target, relation, weight): the
        weight counted again over that window's original articles."""
        window, params = self._claim_window(since, until)
        if issue is not None:
            window += " AND (c.actor_id = ? OR c.target_id = ?)"
            params += [ISSUE_PREFIX + issue] * 2
        sql = (
            "SELECT c.actor_id AS source, c.target_id AS target, c.polarity AS relation, "
            "COUNT(DISTINCT c.article_id) AS weight FROM corpus_claims c "
            "JOIN corpus_articles ca ON ca.article_id = c.article_id "
            # coalesce(): not a look-up by original_id (most articles have none), so the window's index leads
            f"WHERE coalesce(ca.original_id, '') = '' AND {window} GROUP BY c.actor_id, c.target_id, c.polarity "
            "HAVING COUNT(DISTINCT c.article_id) >= ?"
        )
        return sql, [*params, min_weight]

    def _dated_evidence(
        self, source: str, target: str, relation: str, since: str | None, until: str | None
    ) -> list[dict[str, Any]]:
        window, params = self._claim_window(since, until)
        rows = self.store.query(
            "SELECT c.article_id, c.start_char, c.end_char, c.published FROM corpus_claims c JOIN corpus_articles ca "
            "ON ca.article_id = c.article_id WHERE c.actor_id = ? AND c.target_id = ? AND c.polarity = ? AND "
            f"ca.original_id IS NULL AND {window} ORDER BY c.published, c.article_id LIMIT ?",
            [source, target, relation, *params, index.MAX_EVIDENCE],
        )
        return [{"article_id": r[0], "start": r[1], "end": r[2], "published": r[3]} for r in rows]

    @staticmethod
    def _edge_filter(issue: str | None, min_weight: int) -> tuple[str, list[Any]]:
        if issue is None:
            return "weight >= ?", [min_weight]
        node = ISSUE_PREFIX + issue
        return "weight >= ? AND (source = ? OR target = ?)", [min_weight, node, node]

    def issues(self) -> list[str]:
        """The issues actors take stances on, alphabetically."""
        return _distinct(self.store, "corpus_claims", "issue")

    # --- the words of the articles ----------------------------------------------------------------------

    def snippets(self, spans: Sequence[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
        """The text of each ``(article_id, start, end)`` span (see :meth:`Store.snippets`)."""
        return self.store.snippets(spans)

    # --- search --------------------------------------------------------------------------------------------

    def search(self, text: str, *, limit: int = 20) -> list[SearchRow]:
        """Articles and quotes matching a full-text query (see :mod:`storyline.store.search`), best first."""
        hits = self.store.search(text, limit=limit)
        ids = sorted({h.article_id for h in hits})
        meta = {
            r[0]: r[1:]
            for r in (self.store.query(
                "SELECT a.id, a.title, a.published, a.outlet, ca.original_id FROM articles a "
                f"LEFT JOIN corpus_articles ca ON ca.article_id = a.id WHERE a.id IN {_in(ids)}", ids,
            ) if ids else [])
        }  # fmt: skip
        return [
            SearchRow(
                h.article_id,
                h.kind,
                h.item_id,
                h.start,
                h.end,
                h.text,
                h.score,
                *meta.get(h.article_id, (None,) * 4),
            )
            for h in hits
        ]

    def duplicates(self) -> list[tuple[str, str, float]]:
        """Every near-duplicate article: ``(article_id, original_id, similarity)``."""
        rows = self.store.query(
            "SELECT article_id, original_id, similarity FROM corpus_articles WHERE original_id IS NOT NULL ORDER BY seq"
        )
        return [(r[0], r[1], float(r[2])) for r in rows]

    def original(self, article_id: str) -> str:
        """The article ``article_id`` is a near-duplicate of, or itself."""
        rows = self.store.query("SELECT original_id FROM corpus_articles WHERE article_id = ?", (article_id,))
        return str(rows[0][0]) if rows and rows[0][0] else article_id

    # --- whole tables, for exports -------------------------------------------------------------------------

    def tables(self) -> Iterator[tuple[str, Callable[[], Iterator[Row]]]]:
        """Each exportable table's name and a function streaming all its rows."""
        yield "actors", lambda: iter(self.actors(limit=None))
        yield "quotes", lambda: iter(self.quotes(limit=None))
        yield "events", lambda: iter(self.timeline(limit=None))
        yield "figures", lambda: iter(self.figures(limit=None, per_group=None))
        yield "stances", lambda: iter(self.stances(limit=None))
        network = self.network(limit=None)
        yield "nodes", lambda: iter(network.nodes)
        yield "edges", lambda: iter(network.edges)

    # --- lifetime ------------------------------------------------------------------------------------------

    def close(self) -> None:
        if self._owned and hasattr(self, "store"):
            self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Corpus {self.store.location}>"


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def _distinct(store: Store, table: str, column: str) -> list[str]:
    """The distinct non-null values of an indexed column, one index seek per value (not a scan of the table)."""
    rows = store.query(
        f"WITH RECURSIVE v(x) AS (SELECT MIN({column}) FROM {table} UNION ALL "
        f"SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > v.x) FROM v WHERE v.x IS NOT NULL) "
        "SELECT x FROM v WHERE x IS NOT NULL"
    )
    return [r[0] for r in rows]


def _limit(limit: int | None, offset: int = 0) -> str:
    rows = "" if limit is None else f" LIMIT {max(0, int(limit))}"
    if offset > 0:
        # SQLite takes an OFFSET only after a LIMIT, and PostgreSQL has no "LIMIT -1": the largest integer.
        rows = (rows or f" LIMIT {2**63 - 1}") + f" OFFSET {int(offset)}"
    return rows


__all__ = [
    "ActorRow",
    "AliasFileError",
    "AliasRules",
    "Corpus",
    "DateClaim",
    "Edge",
    "EventRow",
    "Explanation",
    "FigureRow",
    "Network",
    "Node",
    "Participant",
    "QuoteRow",
    "Reason",
    "Role",
    "SearchRow",
    "Source",
    "StanceRow",
    "UnknownEntityError",
    "flat",
]
