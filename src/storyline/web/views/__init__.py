"""The routes: each page and its JSON twin call one function of :mod:`storyline.web.data` and either render
it (a template) or return it (the API model). JSON twins are registered before their pages, so that
``/articles/ID.json`` is never read as the page of an article whose id ends in ``.json``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.corpus import Corpus
from storyline.store import Store
from storyline.web.models import Error
from storyline.web.pool import Corpora
from storyline.web.templating import render_page

if TYPE_CHECKING:
    from storyline.web.app import Settings

_MEANING = {
    400: "the request is wrong (a parameter, or a text that is not a readable English article)",
    401: "the server needs an access token",
    403: "the server is read-only, or the request came from another site",
    404: "no such article, actor or event",
    413: "the upload is over the server's limit",
    503: "the store cannot be read",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, each the one envelope (:class:`~storyline.web.models.Error`)."""
    return {status: {"model": Error, "description": _MEANING[status]} for status in (400, 401, *statuses, 503)}


def settings(request: Request) -> Settings:
    value: Settings = request.app.state.settings
    return value


def route_names(request: Request) -> frozenset[str]:
    names: frozenset[str] = request.app.state.route_names
    return names


@contextmanager
def open_corpus(request: Request) -> Iterator[Corpus]:
    """The corpus, as the thread serving this request keeps it open (see :mod:`storyline.web.pool`)."""
    corpora: Corpora = request.app.state.corpora
    with corpora.corpus() as opened:
        yield opened


@contextmanager
def store(request: Request) -> Iterator[Store]:
    """The store under the corpus (the same connection)."""
    with open_corpus(request) as opened:
        yield opened.store


def html(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(render_page(template, request.scope, context), status_code=status)
