"""``/articles`` (newest first, paginated) and ``/articles/{id}`` (the article with everything read in it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web import data, models, present
from storyline.web.views import errors, html, route_names, store

router = APIRouter()

Page = Annotated[int, Query(ge=1, le=1_000_000, description="which page, from 1")]
PerPage = Annotated[int, Query(ge=1, le=100, description="articles per page")]
# Ids are content hashes (16 hex digits); anything else is no article, and never reaches the store.
ArticleId = Annotated[str, Path(pattern=r"^[0-9A-Za-z_-]{1,64}$", description="the article's id")]
MarkRange = Annotated[
    str | None, Query(pattern=r"^\d{1,9}-\d{1,9}$", description="START-END: character offsets to mark (a search match)")
]


@router.get("/articles.json", response_model=models.ArticleList, responses=errors(), tags=["pages"], summary="Articles")
def articles_json(request: Request, page: Page = 1, per_page: PerPage = 20) -> models.ArticleList:
    """The stored articles, most recently added first, a page at a time."""
    with store(request) as opened:
        return data.article_list(opened, page, per_page, base="/articles.json")


@router.get("/articles", include_in_schema=False)
def articles_page(request: Request, page: Page = 1, per_page: PerPage = 20) -> HTMLResponse:
    with store(request) as opened:
        listing = data.article_list(opened, page, per_page)
    return html(request, "articles.html", data=listing)


@router.get(
    "/articles/{article_id}.json", response_model=models.Article, responses=errors(404), tags=["pages"], summary="Article"
)
def article_json(request: Request, article_id: ArticleId) -> models.Article:
    """One article's summary and its whole record (docs/record.md)."""
    with store(request) as opened:
        return data.article(opened, article_id)[1]


@router.get("/articles/{article_id}", include_in_schema=False)
def article_page(request: Request, article_id: ArticleId, mark: MarkRange = None) -> HTMLResponse:
    with store(request) as opened:
        record, _ = data.article(opened, article_id)
    match = tuple(int(n) for n in mark.split("-")) if mark else None
    view = present.article_view(record, route_names(request), match=(match[0], match[1]) if match else None)
    return html(request, "article.html", view=view)
