"""``/search?q=``: full text over articles and quotes (the store's index)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web import data, models
from storyline.web.views import errors, html, store

router = APIRouter()

Text = Annotated[
    str,
    Query(max_length=500, description='words, "quoted phrases", or between alternatives, -word to exclude'),
]
Limit = Annotated[int, Query(ge=1, le=100, description="at most this many matches")]


@router.get("/search.json", response_model=models.SearchResults, responses=errors(), tags=["pages"], summary="Search")
def search_json(request: Request, q: Text = "", limit: Limit = 20) -> models.SearchResults:
    """Articles and quotes matching ``q``, best first; an empty query matches nothing."""
    with store(request) as opened:
        return data.search(opened, q, limit)


@router.get("/search", include_in_schema=False)
def search_page(request: Request, q: Text = "", limit: Limit = 20) -> HTMLResponse:
    with store(request) as opened:
        results = data.search(opened, q, limit)
    return html(request, "search.html", data=results)
