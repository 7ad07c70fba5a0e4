"""``/``: the corpus at a glance (the Corpus API adds outlets, dates and the most quoted actors)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web import data, models
from storyline.web.views import errors, html, settings, store

router = APIRouter()


@router.get("/.json", response_model=models.Overview, responses=errors(), tags=["pages"], summary="Overview")
def overview_json(request: Request) -> models.Overview:
    """How many articles the store holds and the latest ones."""
    with store(request) as opened:
        return data.overview(opened, read_only=settings(request).read_only)


@router.get("/", include_in_schema=False)
def overview_page(request: Request) -> HTMLResponse:
    with store(request) as opened:
        overview = data.overview(opened, read_only=settings(request).read_only)
    return html(request, "overview.html", data=overview)
