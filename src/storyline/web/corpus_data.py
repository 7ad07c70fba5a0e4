"""What the corpus pages show, read through the Corpus API (:class:`storyline.corpus.Corpus`): the views call
these and render the result as HTML or return it as JSON, so a page and its JSON twin agree."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from storyline.corpus import Corpus, UnknownEntityError
from storyline.corpus.rows import EventRow, FigureRow, Source, StanceRow
from storyline.errors import NotFoundError
from storyline.web import corpus_models as cm
from storyline.web.data import article_path, display_title
from storyline.web.errors import WebError

TOP = 10
_MONTH = re.compile(r"^\d{4}-\d{2}(?!\d)")
ALL = 10_000


@contextmanager
def open_corpus(db: str) -> Iterator[Corpus]:
    """The corpus of the store at ``db``, with the articles stored since the last request merged in."""
    with Corpus(db) as corpus:
        yield corpus


def actor_path(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def overview(corpus: Corpus) -> cm.CorpusOverview:
    outlets = corpus.store.query(
        "SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL AND outlet != '' "
        "GROUP BY outlet ORDER BY COUNT(*) DESC, outlet"
    )
    dates = corpus.store.query("SELECT MIN(published), MAX(published) FROM articles")
    actors = corpus.actors(limit=ALL)
    quoted = sorted((a for a in actors if a.quotes), key=lambda a: (-a.quotes, a.id))[:TOP]
    return cm.CorpusOverview(
        outlets=[cm.Outlet(name=r[0], articles=int(r[1])) for r in outlets],
        first_published=dates[0][0] if dates else None,
        last_published=dates[0][1] if dates else None,
        most_quoted=quoted,
        most_mentioned=actors[:TOP],
    )


def _resolve(corpus: Corpus, actor_id: str) -> str:
    """A corpus entity id from an id, a name, or ``<article id>.<entity id>`` (an article's own entity)."""
    if ":" not in actor_id and "." in actor_id:
        article_id, entity_id = actor_id.split(".", 1)
        rows = corpus.store.query(
            "SELECT corpus_id FROM corpus_entity_links WHERE article_id = ? AND entity_id = ?", (article_id, entity_id)
        )
        if rows:
            return str(rows[0][0])
    try:
        return corpus.entity_ids(actor_id)[0]
    except IndexError:
        raise WebError(404, f"there is no actor {actor_id!r} in the corpus") from None


def actor(corpus: Corpus, actor_id: str) -> cm.ActorPage:
    corpus_id = _resolve(corpus, actor_id)
    try:
        (row,) = corpus.actors(corpus_id, limit=1)
    except (UnknownEntityError, ValueError):
        raise WebError(404, f"there is no actor {actor_id!r} in the corpus") from None
    names = {row.name.lower(), *(a.lower() for a in row.aliases)}
    claims = corpus.stances(limit=None)
    mine = [c for c in claims if c.actor_id == corpus_id]
    return cm.ActorPage(
        actor=row,
        path=actor_path(corpus_id),
        quotes=corpus.quotes(by=corpus_id, limit=None),
        stances=sorted((c for c in mine if c.kind != "press"), key=lambda c: (c.issue or "", c.published or "")),
        pressures_given=[c for c in mine if c.kind == "press"],
        pressures_received=[c for c in claims if c.kind == "press" and c.target.lower() in names],
        figures=[f for f in corpus.figures(limit=None) if f.said_by_id == corpus_id],
    )


def _month(date: str | None) -> str:
    """The month an event falls in (``YYYY-MM``), else its year, else "undated"."""
    if not date:
        return "undated"
    return date[:7] if _MONTH.match(date) else date[:4]


def _outlets(event: EventRow) -> set[str]:
    return {s.outlet for s in event.sources if s.outlet}


def timeline(
    corpus: Corpus,
    *,
    actor: str | None = None,
    issue: str | None = None,
    type: str | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> cm.Timeline:
    try:
        events = corpus.timeline(about=issue or None, actor=actor or None, limit=None)
    except UnknownEntityError as error:
        raise WebError(404, str(error)) from None
    types = sorted({e.type for e in events})
    outlets = sorted({o for e in events for o in _outlets(e)})
    if type:
        events = [e for e in events if e.type == type]
    if outlet:
        events = [e for e in events if outlet in _outlets(e)]
    if since:
        events = [e for e in events if e.date and e.date[:10] >= since]
    if until:
        events = [e for e in events if e.date and e.date[:10] <= until]
    months: dict[str, list[EventRow]] = {}
    for event in events:
        months.setdefault(_month(event.date), []).append(event)
    filters = {k: v for k, v in (("actor", actor), ("issue", issue), ("type", type), ("outlet", outlet),
                                 ("since", since), ("until", until)) if v}  # fmt: skip
    return cm.Timeline(
        filters=filters,
        types=types,
        outlets=outlets,
        total=len(events),
        months=[cm.Month(month=m, events=es) for m, es in months.items()],
    )


def _evidence(corpus: Corpus, sources: tuple[Source, ...]) -> list[cm.Evidence]:
    out = []
    for source in sources:
        try:
            document = corpus.store.get(source.article_id).document
        except NotFoundError:
            continue
        text = document.text[source.start : source.end] if source.start is not None and source.end is not None else ""
        out.append(
            cm.Evidence(
                article_id=source.article_id,
                title=display_title(document),
                published=source.published or document.published,
                text=" ".join(text.split()),
                path=article_path(source.article_id),
            )
        )
    return out


def network(corpus: Corpus, *, issue: str | None = None, since: str | None = None, until: str | None = None) -> cm.Graph:
    graph = corpus.network(limit=None)
    labels = {n.id: n for n in graph.nodes}
    issues = sorted(n.id.removeprefix("issue:") for n in graph.nodes if n.id.startswith("issue:"))
    edges = []
    for edge in graph.edges:
        if issue and f"issue:{issue}" not in (edge.source, edge.target):
            continue
        evidence = tuple(
            s for s in edge.evidence
            if (not since or (s.published or "") >= since) and (not until or (s.published or "9999")[:10] <= until)
        )  # fmt: skip
        if (since or until) and not evidence:
            continue
        weight = edge.weight if not (since or until) else len(evidence)
        edges.append(cm.GraphEdge(source=edge.source, target=edge.target, relation=edge.relation, weight=weight,
                                  evidence=_evidence(corpus, evidence)))  # fmt: skip
    used = {n for e in edges for n in (e.source, e.target)}
    filters = {k: v for k, v in (("issue", issue), ("since", since), ("until", until)) if v}
    return cm.Graph(filters=filters, issues=issues, nodes=[labels[n] for n in labels if n in used], edges=edges)


def figures(corpus: Corpus, *, about: str | None = None, conflicts: bool = False) -> cm.Figures:
    rows: list[FigureRow] = corpus.figures(about=about or None, conflicts=conflicts, limit=None)
    groups: dict[str, list[FigureRow]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    filters = {k: v for k, v in (("about", about), ("conflicts", "true" if conflicts else None)) if v}
    return cm.Figures(
        filters=filters,
        groups=[cm.FigureGroup(group=g, counted=fs[0].counted, conflict=any(f.conflict for f in fs), figures=fs)
                for g, fs in groups.items()],  # fmt: skip
    )


__all__ = ["StanceRow", "actor", "actor_path", "figures", "network", "open_corpus", "overview", "timeline"]
