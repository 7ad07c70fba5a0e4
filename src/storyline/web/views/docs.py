"""``/api``: interactive docs for the REST API (Swagger UI, served by the app itself from the
``fastapi-offline`` package, started by a static script: the Content-Security-Policy allows no inline one).
The OpenAPI document itself is ``/api.json``, the page's JSON twin."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web.views import html

router = APIRouter()


@router.get("/api", include_in_schema=False)
def api_page(request: Request) -> HTMLResponse:
    return html(request, "api.html", json_path="/api.json")
