"""One way to fail: every error the app sends is either the API's JSON envelope or a page a person can read.

A request for a JSON twin (a path ending ``.json``) gets::

    {"ok": false, "error": "the store holds no article 0123456789abcdef", "status": 404}

with that HTTP status; any other request gets an HTML page saying the same thing and what to do next. Views
raise :class:`WebError` (or let a :class:`~storyline.errors.StorylineError` through); :func:`install` turns
each into the right response, as do the middlewares in :mod:`storyline.web.security`, through
:func:`error_response`.

    Exception                      status
    ├── WebError                   its own (400 bad input, 401 token, 403 read-only, 413 too large, ...)
    ├── HTTPException              its own (404 unknown path, 405 method)
    ├── RequestValidationError     400 (a parameter or body field is wrong; the message names it)
    ├── NotFoundError              404
    ├── TooLargeError              413
    ├── InputError                 400 (the text cannot be read as an English article)
    ├── StoreError                 503 (the store cannot be read)
    └── anything else              500 (logged with its traceback; the response says only that it failed)
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import Scope

from storyline.errors import InputError, NotFoundError, StoreError, TooLargeError

log = logging.getLogger("storyline.web")

JSON_SUFFIX = ".json"
# What the error page suggests doing next, by status.
_ADVICE = {
    400: "Check what was sent and try again.",
    401: "Open the link with ?token=... that the person who started this server gave you.",
    403: "This server does not allow that.",
    404: "Go to the overview or search for what you were looking for.",
    405: "Go to the overview and follow the links from there.",
    413: "Send a smaller file, or ask whoever runs the server to start it with a larger --max-upload.",
    500: "Something went wrong on the server; it has been logged. Try again, or go back to the overview.",
    503: "The store cannot be read just now; check that the server's --db is reachable.",
}


class WebError(Exception):
    """An error to show the client, with its HTTP status; ``headers`` go on the response."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


def wants_json(scope: Scope) -> bool:
    """Whether the client asked for a JSON twin (or the OpenAPI document): by the path, as datasette does."""
    path: str = scope.get("path", "")
    return path.endswith(JSON_SUFFIX)


def error_envelope(status: int, message: str) -> dict[str, Any]:
    """The API's one error shape."""
    return {"ok": False, "error": message, "status": status}


def error_response(scope: Scope, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """The JSON envelope for a JSON twin, else a readable error page (with the security headers: a 500 is
    answered outside the middleware that adds them to every other response)."""
    from storyline.web.security import HEADERS

    headers = {**HEADERS, **(headers or {})}
    if wants_json(scope):
        return JSONResponse(error_envelope(status, message), status_code=status, headers=headers)
    from storyline.web.templating import render_page

    title = _title(status)
    html = render_page(
        "error.html",
        scope,
        {"status": status, "title": title, "message": message, "advice": _ADVICE.get(status, ""), "json_path": None},
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _validation_message(error: RequestValidationError) -> str:
    """One line naming each wrong field: ``page: Input should be greater than or equal to 1``."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {item.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts) if parts else "invalid request"


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into the envelope or a page."""

    async def web_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, WebError)
        return error_response(request.scope, error.status, error.message, error.headers)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        message = error.detail if isinstance(error.detail, str) else _title(error.status_code)
        if error.status_code == 404 and message == "Not Found":
            message = f"there is no page at {request.url.path}"
        elif error.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request.scope, error.status_code, message, error.headers)

    async def invalid(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        return error_response(request.scope, 400, _validation_message(error))

    async def storyline_error(request: Request, error: Exception) -> Response:
        if isinstance(error, NotFoundError):
            return error_response(request.scope, 404, str(error))
        if isinstance(error, TooLargeError):
            return error_response(request.scope, 413, str(error))
        if isinstance(error, InputError):
            return error_response(request.scope, 400, str(error))
        log.error("store error on %s: %s", request.url.path, error)
        return error_response(request.scope, 503, str(error))

    async def server_error(request: Request, error: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
        return error_response(request.scope, 500, "the server failed to answer this request")

    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(InputError, storyline_error)
    app.add_exception_handler(StoreError, storyline_error)
    app.add_exception_handler(Exception, server_error)
