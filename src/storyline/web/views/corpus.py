"""The corpus pages: ``/actors/{id}``, ``/timeline``, ``/network`` and ``/figures``, each with its ``.json``
twin; each calls one function of :mod:`storyline.web.corpus_data`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web import corpus_data, corpus_models
from storyline.web.views import errors, html, settings

router = APIRouter()

ActorId = Annotated[
    str,
    Path(pattern=r"^[^/]{1,200}$", description="a corpus entity id (person:ilse-varga), a name, or ARTICLE.ENTITY"),
]
Date = Annotated[str | None, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD (empty: any)")]
Text = Annotated[str | None, Query(max_length=200)]


def _actor(request: Request, actor_id: str) -> corpus_models.ActorPage:
    with corpus_data.open_corpus(settings(request).db) as corpus:
        return corpus_data.actor(corpus, actor_id)


@router.get("/actors/{actor_id}.json", response_model=corpus_models.ActorPage, responses=errors(404), tags=["pages"],
            summary="Actor")  # fmt: skip
def actor_json(request: Request, actor_id: ActorId) -> corpus_models.ActorPage:
    """One actor across the corpus: names, roles, quote book, stances, pressures and figures."""
    return _actor(request, actor_id)


@router.get("/actors/{actor_id}", include_in_schema=False, name="actor")
def actor_page(request: Request, actor_id: ActorId) -> HTMLResponse:
    return html(request, "actor.html", data=_actor(request, actor_id))


def _timeline(request: Request, **filters: str | None) -> corpus_models.Timeline:
    with corpus_data.open_corpus(settings(request).db) as corpus:
        return corpus_data.timeline(corpus, **filters)


@router.get("/timeline.json", response_model=corpus_models.Timeline, responses=errors(404), tags=["pages"],
            summary="Timeline")  # fmt: skip
def timeline_json(
    request: Request, actor: Text = None, issue: Text = None, type: Text = None, outlet: Text = None,
    since: Date = None, until: Date = None,
) -> corpus_models.Timeline:  # fmt: skip
    """Corpus events by month, filtered by participant, issue (full text), type, outlet and date."""
    return _timeline(request, actor=actor, issue=issue, type=type, outlet=outlet, since=since, until=until)


@router.get("/timeline", include_in_schema=False)
def timeline_page(
    request: Request, actor: Text = None, issue: Text = None, type: Text = None, outlet: Text = None,
    since: Date = None, until: Date = None,
) -> HTMLResponse:  # fmt: skip
    data = _timeline(request, actor=actor, issue=issue, type=type, outlet=outlet, since=since, until=until)
    return html(request, "timeline.html", data=data)


def _network(request: Request, issue: str | None, since: str | None, until: str | None) -> corpus_models.Graph:
    with corpus_data.open_corpus(settings(request).db) as corpus:
        return corpus_data.network(corpus, issue=issue, since=since, until=until)


@router.get("/network.json", response_model=corpus_models.Graph, responses=errors(), tags=["pages"], summary="Network")
def network_json(request: Request, issue: Text = None, since: Date = None, until: Date = None) -> corpus_models.Graph:
    """Who supports, opposes and presses whom: nodes, weighted edges and each edge's evidence sentences."""
    return _network(request, issue, since, until)


@router.get("/network", include_in_schema=False)
def network_page(request: Request, issue: Text = None, since: Date = None, until: Date = None) -> HTMLResponse:
    return html(request, "network.html", data=_network(request, issue, since, until))


def _figures(request: Request, about: str | None, conflicts: bool) -> corpus_models.Figures:
    with corpus_data.open_corpus(settings(request).db) as corpus:
        return corpus_data.figures(corpus, about=about, conflicts=conflicts)


@router.get("/figures.json", response_model=corpus_models.Figures, responses=errors(), tags=["pages"], summary="Figures")
def figures_json(request: Request, about: Text = None, conflicts: bool = False) -> corpus_models.Figures:
    """Figures grouped by what they count, each group's sources side by side, conflicts flagged."""
    return _figures(request, about, conflicts)


@router.get("/figures", include_in_schema=False)
def figures_page(request: Request, about: Text = None, conflicts: bool = False) -> HTMLResponse:
    return html(request, "figures.html", data=_figures(request, about, conflicts))
