"""What the corpus pages show, read through the Corpus API (:class:`storyline.corpus.Corpus`): the views call
these and render the result as HTML or return it as JSON, so a page and its JSON twin agree."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from storyline.corpus import Corpus, UnknownEntityError
from storyline.corpus.rows import ActorRow, EventRow, FigureRow, Source, StanceRow
from storyline.web import corpus_models as cm
from storyline.web.data import article_path, titles
from storyline.web.errors import WebError

TOP = 10
_MONTH = re.compile(r"^\d{4}-\d{2}(?!\d)")
QUOTES_PER_PAGE = 100
CLAIMS_SHOWN = 200
EVENTS_PER_PAGE = 200
SOURCES_PER_EVENT = 10
GROUPS_PER_PAGE = 25
FIGURES_PER_GROUP = 20
EDGES_SHOWN = 150
EVIDENCE_PER_EDGE = 5


def page(
    path: str, filters: dict[str, str], total: int | None, offset: int, limit: int, key: str = "offset",
    more: bool = False,
) -> cm.Page:
    """Where a list of ``total`` is, with the paths of its neighbouring pages (the filters kept). A total not
    counted (None) is a list with ``more`` after this page, or none."""

    def link(start: int) -> str:
        query = {**filters, **({key: str(start)} if start else {})}
        return path + ("?" + urlencode(query) if query else "")

    return cm.Page(
        total=total,
        offset=offset,
        limit=limit,
        next=link(offset + limit) if (more if total is None else offset + limit < total) else None,
        previous=link(max(0, offset - limit)) if offset > 0 else None,
    )


def actor_path(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def overview(corpus: Corpus) -> cm.CorpusOverview:
    outlets = corpus.store.query(
        "SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL AND outlet != '' "
        "GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"
    )
    dates = corpus.store.query("SELECT MIN(published), MAX(published) FROM articles")
    return cm.CorpusOverview(
        outlets=[cm.Outlet(name=r[0], articles=int(r[1])) for r in outlets],
        first_published=dates[0][0] if dates else None,
        last_published=dates[0][1] if dates else None,
        most_quoted=[_summary(a) for a in corpus.actors(by="quotes", limit=TOP) if a.quotes],
        most_mentioned=[_summary(a) for a in corpus.actors(limit=TOP)],
    )


def _summary(row: ActorRow) -> cm.ActorSummary:
    return cm.ActorSummary(id=row.id, name=row.name, type=row.type, mentions=row.mentions, quotes=row.quotes,
                           articles=row.articles, first_seen=row.first_seen, last_seen=row.last_seen,
                           path=actor_path(row.id))  # fmt: skip


def _resolve(corpus: Corpus, actor_id: str) -> str:
    """A corpus entity id from an id, a name, or ``<article id>.<entity id>`` (an article's own entity)."""
    if ":" not in actor_id and "." in actor_id:
        article_id, entity_id = actor_id.split(".", 1)
        rows = corpus.store.query(
            "SELECT corpus_id FROM corpus_entity_links WHERE article_id = ? AND entity_id = ?",
            (article_id, entity_id),
        )
        if rows:
            return str(rows[0][0])
    try:
        return corpus.entity_ids(actor_id)[0]
    except IndexError:
        raise WebError(404, f"there is no actor {actor_id!r} in the corpus") from None


def actor(
    corpus: Corpus, actor_id: str, *, about: str | None = None, offset: int = 0, suffix: str = ""
) -> cm.ActorPage:
    """One actor: the quote book a page at a time (``about``: only quotes with those words), their latest
    stances and pressures (:data:`CLAIMS_SHOWN` of each), and the figures they are the source of. ``suffix``
    is ".json" for the JSON twin, whose paging links stay JSON."""
    corpus_id = _resolve(corpus, actor_id)
    try:
        (row,) = corpus.actors(corpus_id, limit=1)
    except (UnknownEntityError, ValueError):
        raise WebError(404, f"there is no actor {actor_id!r} in the corpus") from None
    quotes = corpus.quotes(by=corpus_id, about=about or None, limit=QUOTES_PER_PAGE, offset=offset)
    total = row.quotes if not about else corpus.count_quotes(by=corpus_id, about=about)
    mine = corpus.stances(actor=corpus_id, limit=CLAIMS_SHOWN, newest_first=True)
    received = corpus.stances(target=corpus_id, limit=CLAIMS_SHOWN, newest_first=True)
    path = actor_path(corpus_id)
    return cm.ActorPage(
        actor=row,
        path=path,
        quotes=quotes,
        quotes_page=page(path + suffix, {"about": about} if about else {}, max(total, offset + len(quotes)), offset,
                         QUOTES_PER_PAGE),  # fmt: skip
        quotes_about=about or None,
        stances=sorted((c for c in mine if c.kind != "press"), key=lambda c: (c.issue or "", c.published or "")),
        pressures_given=[c for c in reversed(mine) if c.kind == "press"],
        pressures_received=[c for c in reversed(received) if c.kind == "press"],
        claims_shown=CLAIMS_SHOWN,
        figures=corpus.figures(said_by=corpus_id, per_group=FIGURES_PER_GROUP),
    )


def _month(date: str | None) -> str:
    """The month an event falls in (``YYYY-MM``), else its year, else "undated"."""
    if not date:
        return "undated"
    return date[:7] if _MONTH.match(date) else date[:4]


def timeline(
    corpus: Corpus,
    *,
    actor: str | None = None,
    issue: str | None = None,
    type: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    offset: int = 0,
    suffix: str = "",
) -> cm.Timeline:
    filters = {k: v for k, v in (("actor", actor), ("issue", issue), ("type", type), ("outlet", outlet),
                                 ("since", since), ("until", until)) if v}  # fmt: skip
    about, actor = issue or None, actor or None
    where = {"type": type or None, "outlet": outlet or None, "since": since or None, "until": until or None}
    try:
        events = corpus.timeline(about, actor, **where, limit=EVENTS_PER_PAGE + 1, offset=offset,
                                 sources_per_event=SOURCES_PER_EVENT)  # fmt: skip
        more = len(events) > EVENTS_PER_PAGE
        events = events[:EVENTS_PER_PAGE]
        total: int | None = offset + len(events)
        if more or (offset and not events):  # more to come, or a page past the end (the total is not offset)
            # Counting every event a full-text or outlet filter matches costs more than the page itself.
            total = None if about or outlet else corpus.count_events(about, actor, **where)
    except UnknownEntityError as error:
        raise WebError(404, str(error)) from None
    months: dict[str, list[EventRow]] = {}
    for event in events:
        months.setdefault(_month(event.date), []).append(event)
    return cm.Timeline(
        filters=filters,
        types=corpus.event_types(),
        outlets=corpus.outlets(),
        total=total,
        page=page("/timeline" + suffix, filters, total, offset, EVENTS_PER_PAGE, more=more),
        months=[cm.Month(month=m, events=es) for m, es in months.items()],
    )


def _evidence(corpus: Corpus, groups: list[tuple[Source, ...]]) -> list[list[cm.Evidence]]:
    """Each group's evidence sentences with its articles' titles, read for all the groups at once."""
    everything = [s for sources in groups for s in sources]
    texts = corpus.snippets([(s.article_id, s.start, s.end) for s in everything if s.start is not None and s.end is not None])
    heads = titles(corpus.store, sorted({s.article_id for s in everything}))
    out = []
    for sources in groups:
        found = []
        for source in sources:
            if source.article_id not in heads:
                continue  # an article deleted since the network was merged
            title, published = heads[source.article_id]
            text = ""
            if source.start is not None and source.end is not None:
                text = texts.get((source.article_id, source.start, source.end), "")
            found.append(
                cm.Evidence(
                    article_id=source.article_id,
                    title=title,
                    published=source.published or published,
                    text=" ".join(text.split()),
                    path=article_path(source.article_id),
                )
            )
        out.append(found)
    return out


def network(corpus: Corpus, *, issue: str | None = None, since: str | None = None, until: str | None = None) -> cm.Graph:
    """The heaviest edges (about ``issue``; weighed over the articles published from ``since`` to ``until``),
    each with its first evidence sentences."""
    issue, since, until = issue or None, since or None, until or None
    graph = corpus.network(issue=issue, since=since, until=until, limit=EDGES_SHOWN)
    evidence = _evidence(corpus, [e.evidence[:EVIDENCE_PER_EDGE] for e in graph.edges])
    edges = [
        cm.GraphEdge(source=e.source, target=e.target, relation=e.relation, weight=e.weight, evidence=found)
        for e, found in zip(graph.edges, evidence, strict=True)
    ]
    filters = {k: v for k, v in (("issue", issue), ("since", since), ("until", until)) if v}
    return cm.Graph(filters=filters, issues=corpus.issues(), nodes=list(graph.nodes), edges=edges,
                    total_edges=graph.total)  # fmt: skip


def figures(
    corpus: Corpus, *, about: str | None = None, conflicts: bool = False, offset: int = 0, suffix: str = ""
) -> cm.Figures:
    """A page of figure groups, most sourced first, each with its first sources of each value."""
    rows: list[FigureRow] = corpus.figures(
        about=about or None,
        conflicts=conflicts,
        limit=GROUPS_PER_PAGE,
        offset=offset,
        per_group=FIGURES_PER_GROUP,
    )
    groups: dict[str, list[FigureRow]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    filters = {k: v for k, v in (("about", about), ("conflicts", "true" if conflicts else None)) if v}
    total = corpus.count_figure_groups(about=about or None, conflicts=conflicts)
    return cm.Figures(
        filters=filters,
        page=page("/figures" + suffix, filters, total, offset, GROUPS_PER_PAGE),
        groups=[
            cm.FigureGroup(
                group=g,
                counted=fs[0].counted,
                conflict=any(f.conflict for f in fs),
                size=fs[0].group_size,
                figures=fs,
            )
            for g, fs in groups.items()
        ],  # fmt: skip
    )


__all__ = ["StanceRow", "actor", "actor_path", "figures", "network", "overview", "page", "timeline"]
