"""``/``: the corpus at a glance: size, outlets, dates, the most quoted and mentioned actors, latest articles."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web import corpus_data, data, models
from storyline.web.views import errors, html, settings, store

router = APIRouter()


@router.get("/.json", response_model=models.Overview, responses=errors(), tags=["pages"], summary="Overview")
def overview_json(request: Request) -> models.Overview:
    """How many articles the store holds and the latest ones."""
    with store(request) as opened:
        result = data.overview(opened, read_only=settings(request).read_only)
    with corpus_data.open_corpus(settings(request).db) as corpus:
        result.corpus = corpus_data.overview(corpus)
    return result


@router.get("/", include_in_schema=False)
def overview_page(request: Request) -> HTMLResponse:
    with store(request) as opened:
        overview = data.overview(opened, read_only=settings(request).read_only)
    with corpus_data.open_corpus(settings(request).db) as corpus:
        overview.corpus = corpus_data.overview(corpus)
    return html(request, "overview.html", data=overview)
