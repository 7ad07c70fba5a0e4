"""What keeps the app safe to run beside a browser: article text is untrusted, and a server on localhost is
reachable by any page the same browser opens.

:class:`Guard`, one ASGI middleware, does for every request, in order:

1. **Host check**: a request naming a host the server was not started for is refused (400), so a web page
   that rebinds its own domain to 127.0.0.1 cannot read the app.
2. **Access token** (``--token``): a request needs ``Authorization: Bearer TOKEN`` or the cookie set by
   visiting any page with ``?token=TOKEN`` (which then redirects to the same page without it); else 401.
   Static files (styles and scripts, no data) are exempt.
3. **Cross-site writes**: a POST whose ``Sec-Fetch-Site`` or ``Origin`` says it came from another site is
   refused (403), so no other page can make the browser store articles.
4. **Body limit**: a request body over the limit (``--max-upload`` plus room for the form around it) is
   refused with 413 before the app reads it.
5. **Headers** on every response: a strict Content-Security-Policy (scripts, styles and images from the app
   itself only, no inline script, no framing), ``X-Content-Type-Options: nosniff``,
   ``Referrer-Policy: no-referrer``.

Read-only mode (``--read-only``) is enforced where the app writes, by :func:`ensure_writable`.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import Headers
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.web.errors import WebError, error_response

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
_HEADER_NAMES = frozenset(name.lower() for name in HEADERS)
TOKEN_COOKIE = "storyline_token"
TOKEN_PARAM = "token"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
# Room for the multipart framing and the form's other fields around an upload of the limit's size.
FORM_SLACK = 64 * 1024
PUBLIC_PREFIXES = ("/static/",)
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Policy:
    """What :class:`Guard` enforces. ``allowed_hosts`` empty means any host (a server bound to all
    interfaces, reached by names it cannot know)."""

    token: str | None = None
    max_body_bytes: int = 5 * 1024 * 1024 + FORM_SLACK
    allowed_hosts: frozenset[str] = field(default_factory=lambda: frozenset(LOCAL_HOSTS))


def allowed_hosts_for(bind_host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The Host names a server bound to ``bind_host`` answers: loopback names for a loopback server, any for
    0.0.0.0 or ::, else that host and the loopback names."""
    if bind_host in ("0.0.0.0", "::", ""):
        return frozenset()
    return frozenset({*LOCAL_HOSTS, bind_host, *extra})


def ensure_writable(read_only: bool) -> None:
    if read_only:
        raise WebError(403, "this server is read-only (started with --read-only): it analyzes but does not store")


def _host_name(host_header: str) -> str:
    """``example.org:8000`` -> ``example.org``; ``[::1]:8000`` -> ``::1``."""
    if host_header.startswith("["):
        return host_header[1 : host_header.find("]")] if "]" in host_header else host_header
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


class Guard:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        headers = Headers(scope=scope)
        try:
            self._check_host(headers)
            redirect = self._check_token(scope, headers)
            if redirect is not None:
                await redirect(scope, receive, send)
                return
            self._check_origin(scope, headers)
            receive = await self._limited_body(scope, headers, receive)
        except WebError as error:
            await error_response(scope, error.status, error.message, error.headers)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _check_host(self, headers: Headers) -> None:
        allowed = self.policy.allowed_hosts
        if allowed and _host_name(headers.get("host", "")).lower() not in allowed:
            raise WebError(400, "this server does not answer for that host name; open it at http://127.0.0.1")

    def _check_token(self, scope: Scope, headers: Headers) -> RedirectResponse | None:
        token = self.policy.token
        if token is None:
            return None
        query = [(k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)]
        given = next((v for k, v in query if k == TOKEN_PARAM), None)
        if given is not None and scope["method"] in ("GET", "HEAD"):
            if not _same(given, token):
                raise WebError(401, "the access token in the link is wrong", {"WWW-Authenticate": "Bearer"})
            rest = urlencode([(k, v) for k, v in query if k != TOKEN_PARAM])
            response = RedirectResponse(scope["path"] + ("?" + rest if rest else ""), status_code=303)
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
            return response
        path: str = scope["path"]
        if path.startswith(PUBLIC_PREFIXES):
            return None
        authorization = headers.get("authorization", "")
        scheme, _, credentials = authorization.partition(" ")
        if scheme.lower() == "bearer" and _same(credentials.strip(), token):
            return None
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # noqa: BLE001  (a malformed cookie header is no token)
            cookie = SimpleCookie()
        if TOKEN_COOKIE in cookie and _same(cookie[TOKEN_COOKIE].value, token):
            return None
        raise WebError(
            401,
            "this server needs an access token: send 'Authorization: Bearer TOKEN', or open a page with ?token=TOKEN",
            {"WWW-Authenticate": 'Bearer realm="storyline"'},
        )

    def _check_origin(self, scope: Scope, headers: Headers) -> None:
        if scope["method"] in _SAFE_METHODS:
            return
        site = headers.get("sec-fetch-site")
        if site is not None and site not in ("same-origin", "none"):
            raise WebError(403, "a request from another site cannot write to this server")
        origin = headers.get("origin")
        if origin and origin != "null" and urlsplit(origin).netloc.lower() != headers.get("host", "").lower():
            raise WebError(403, "a request from another site cannot write to this server")

    async def _limited_body(self, scope: Scope, headers: Headers, receive: Receive) -> Receive:
        """``receive`` for the app: the whole body read here first (it is small), refused when too large."""
        if scope["method"] in _SAFE_METHODS:
            return receive
        limit = self.policy.max_body_bytes
        too_large = WebError(
            413,
            f"the request is too large: this server accepts articles of up to {human_size(limit - FORM_SLACK)} "
            "(its --max-upload)",
        )
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                raise too_large
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        return replay


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw = [(k, v) for k, v in message.get("headers", []) if k.decode("latin-1").lower() not in _HEADER_NAMES]
            raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]
            message = {**message, "headers": raw}
        await send(message)

    return wrapped


def human_size(n: int) -> str:
    """``5242880`` -> ``'5 MB'`` (binary multiples, as the CLI's --max-bytes reads them)."""
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if n >= factor:
            value = n / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"
