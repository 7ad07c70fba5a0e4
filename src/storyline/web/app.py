"""The web app: one FastAPI application over a store, with every page's JSON twin as its REST API.

>>> from storyline.web import Settings, create_app
>>> app = create_app(Settings(db="storyline.db", read_only=True))
>>> # uvicorn.run(app, host="127.0.0.1", port=8000)   (what `storyline serve` does)

Pages: ``/`` (overview), ``/articles``, ``/articles/{id}``, ``/actors/{id}``, ``/timeline``, ``/events/{id}``,
``/network``, ``/figures``, ``/search``, ``/analyze``, ``/api`` (the API's
docs); each has its twin at the same path with ``.json`` (``/.json`` for the overview, ``/api.json`` is the
OpenAPI document). Static files (styles, scripts, the docs' Swagger UI) are served under ``/static``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.staticfiles import StaticFiles

from storyline import __version__
from storyline.ingest import DEFAULT_MAX_BYTES
from storyline.render.page import HIGHLIGHT_STYLE
from storyline.store import DEFAULT_PATH
from storyline.web import errors, security
from storyline.web.pool import Corpora
from storyline.web.views import analyze, articles, corpus, docs, events, overview, search

DESCRIPTION = """\
storyline's REST API: each page of the web app has a JSON twin at the same path with `.json`.
Every error is `{"ok": false, "error": "...", "status": N}`. With `--token`, send `Authorization: Bearer TOKEN`.
"""


@dataclass(frozen=True)
class Settings:
    """How the app runs. ``db`` is a SQLite path or a ``postgresql://`` URL; ``host`` is where the server
    listens (it decides which Host names requests may carry); ``token``, when set, is required of every
    request; ``max_upload_bytes`` caps an article sent to ``/analyze``."""

    db: str = DEFAULT_PATH
    read_only: bool = False
    token: str | None = None
    max_upload_bytes: int = DEFAULT_MAX_BYTES
    host: str = "127.0.0.1"
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)


def _static_dir(package: str, folder: str) -> Path:
    return Path(str(files(package) / folder))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        title="storyline",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api.json",
        docs_url=None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.settings = settings
    app.state.corpora = Corpora(settings.db, merge=not settings.read_only)
    errors.install(app)
    app.add_middleware(
        security.Guard,
        policy=security.Policy(
            token=settings.token,
            max_body_bytes=settings.max_upload_bytes + security.FORM_SLACK,
            allowed_hosts=security.allowed_hosts_for(settings.host, settings.allowed_hosts),
        ),
    )
    for module in (overview, articles, corpus, events, search, analyze, docs):
        app.include_router(module.router)

    @app.get("/static/briefing.css", include_in_schema=False)
    def briefing_css() -> Response:
        # The speaker palette and quote marks of the standalone briefing, so both show a speaker alike.
        return Response(HIGHLIGHT_STYLE, media_type="text/css")

    app.mount("/static/swagger", StaticFiles(directory=_static_dir("fastapi_offline", "static")), name="swagger")
    app.mount("/static", StaticFiles(directory=_static_dir("storyline.web", "static")), name="static")
    app.state.route_names = route_names(app.routes)
    _document_errors_as_envelopes(app)
    return app


def _document_errors_as_envelopes(app: FastAPI) -> None:
    """FastAPI documents a 422 with its own error shape for every route that takes parameters; this app
    answers a wrong parameter with a 400 in the one envelope (documented per route), so the 422s go."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            for operations in schema.get("paths", {}).values():
                for operation in operations.values():
                    operation.get("responses", {}).pop("422", None)
            schemas = schema.get("components", {}).get("schemas", {})
            for name in ("HTTPValidationError", "ValidationError"):
                schemas.pop(name, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def route_names(routes: list[BaseRoute]) -> frozenset[str]:
    """The names of the app's routes: links to pages that a later version adds appear when their route does."""
    names: set[str] = set()
    for route in routes:
        if name := getattr(route, "name", None):
            names.add(name)
        included = getattr(route, "original_router", None)  # an included router (newer FastAPI keeps it whole)
        if included is not None:
            names |= route_names(list(included.routes))
    return frozenset(names)
