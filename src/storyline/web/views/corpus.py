"""The corpus pages: ``/actors/{id}``, ``/timeline``, ``/network`` and ``/figures``, each with its ``.json``
twin; each calls one function of :mod:`storyline.web.corpus_data`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web import corpus_data, corpus_models
from storyline.web.views import errors, html, open_corpus

router = APIRouter()

ActorId = Annotated[
    str,
    Path(
        pattern=r"^[^/]{1,200}$",
        description="a corpus entity id (person:ilse-varga), a name, or ARTICLE.ENTITY",
    ),
]
Date = Annotated[
    str | None,
    Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD (empty: any)"),
]
Text = Annotated[str | None, Query(max_length=200)]
Offset = Annotated[
    int, Query(ge=0, le=10_000_000, description="skip this many (the page's `next` link sets it)")
]


def _actor(request: Request, actor_id: str, about: str | None, offset: int, suffix: str = "") -> corpus_models.ActorPage:
    with open_corpus(request) as opened:
        return corpus_data.actor(opened, actor_id, about=about, offset=offset, suffix=suffix)


@router.get("/actors/{actor_id}.json", response_model=corpus_models.ActorPage, responses=errors(404), tags=["pages"],
            summary="Actor")  # fmt: skip
def actor_json(request: Request, actor_id: ActorId, about: Text = None, offset: Offset = 0) -> corpus_models.ActorPage:
    """One actor across the corpus: names, roles, quote book (a page at a time; ``about``: quotes with those
    words), their latest stances and pressures, and figures."""
    return _actor(request, actor_id, about, offset, ".json")


@router.get("/actors/{actor_id}", include_in_schema=False, name="actor")
def actor_page(request: Request, actor_id: ActorId, about: Text = None, offset: Offset = 0) -> HTMLResponse:
    return html(request, "actor.html", data=_actor(request, actor_id, about, offset))


def _timeline(request: Request, offset: int, suffix: str = "", **filters: str | None) -> corpus_models.Timeline:
    with open_corpus(request) as opened:
        return corpus_data.timeline(opened, offset=offset, suffix=suffix, **filters)


@router.get("/timeline.json", response_model=corpus_models.Timeline, responses=errors(404), tags=["pages"],
            summary="Timeline")  # fmt: skip
def timeline_json(
    request: Request, actor: Text = None, issue: Text = None, type: Text = None, outlet: Text = None,
    since: Date = None, until: Date = None, offset: Offset = 0,
) -> corpus_models.Timeline:  # fmt: skip
    """Corpus events by month, filtered by participant, issue (full text), type, outlet and date, a page at a
    time."""
    return _timeline(request, offset, ".json", actor=actor, issue=issue, type=type, outlet=outlet, since=since,
                     until=until)  # fmt: skip


@router.get("/timeline", include_in_schema=False)
def timeline_page(
    request: Request, actor: Text = None, issue: Text = None, type: Text = None, outlet: Text = None,
    since: Date = None, until: Date = None, offset: Offset = 0,
) -> HTMLResponse:  # fmt: skip
    data = _timeline(request, offset, actor=actor, issue=issue, type=type, outlet=outlet, since=since, until=until)
    return html(request, "timeline.html", data=data)


def _network(request: Request, issue: str | None, since: str | None, until: str | None) -> corpus_models.Graph:
    with open_corpus(request) as opened:
        return corpus_data.network(opened, issue=issue, since=since, until=until)


@router.get("/network.json", response_model=corpus_models.Graph, responses=errors(), tags=["pages"], summary="Network")
def network_json(request: Request, issue: Text = None, since: Date = None, until: Date = None) -> corpus_models.Graph:
    """Who supports, opposes and presses whom: nodes, the heaviest weighted edges and each edge's first
    evidence sentences."""
    return _network(request, issue, since, until)


@router.get("/network", include_in_schema=False)
def network_page(request: Request, issue: Text = None, since: Date = None, until: Date = None) -> HTMLResponse:
    return html(request, "network.html", data=_network(request, issue, since, until))


def _figures(
    request: Request, about: str | None, conflicts: bool, offset: int, suffix: str = ""
) -> corpus_models.Figures:
    with open_corpus(request) as opened:
        return corpus_data.figures(opened, about=about, conflicts=conflicts, offset=offset, suffix=suffix)


@router.get("/figures.json", response_model=corpus_models.Figures, responses=errors(), tags=["pages"], summary="Figures")
def figures_json(
    request: Request, about: Text = None, conflicts: bool = False, offset: Offset = 0
) -> corpus_models.Figures:
    """Figures grouped by what they count, a page of groups at a time, each group's sources side by side
    (the first of each value most sources give, then the oldest), conflicts flagged."""
    return _figures(request, about, conflicts, offset, ".json")


@router.get("/figures", include_in_schema=False)
def figures_page(request: Request, about: Text = None, conflicts: bool = False, offset: Offset = 0) -> HTMLResponse:
    return html(request, "figures.html", data=_figures(request, about, conflicts, offset))
