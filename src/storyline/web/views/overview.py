"""``/``: the corpus at a glance: size, outlets, dates, the most quoted and mentioned actors, latest articles."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web import corpus_data, data, models
from storyline.web.views import errors, html, open_corpus, settings

router = APIRouter()


@router.get("/.json", response_model=models.Overview, responses=errors(), tags=["pages"], summary="Overview")
def overview_json(request: Request) -> models.Overview:
    """How many articles the store holds and the latest ones."""
    with open_corpus(request) as opened:
        result = data.overview(opened.store, read_only=settings(request).read_only)
        result.corpus = corpus_data.overview(opened)
    return result


@router.get("/", include_in_schema=False)
def overview_page(request: Request) -> HTMLResponse:
    with open_corpus(request) as opened:
        overview = data.overview(opened.store, read_only=settings(request).read_only)
        overview.corpus = corpus_data.overview(opened)
    return html(request, "overview.html", data=overview)
