"""Jinja2 templates, autoescaped: article text is untrusted, so nothing reaches a page unescaped except HTML
that :mod:`storyline.render.page` built with every piece of text escaped (marked safe in
:mod:`storyline.web.present`)."""

from __future__ import annotations

import functools
from typing import Any

import jinja2
from starlette.types import Scope

from storyline import __version__


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("storyline.web", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.filters["thousands"] = lambda n: f"{n:,}"
    # Only web addresses become links: a record's URL is untrusted and may say javascript:.
    env.tests["http_url"] = lambda value: isinstance(value, str) and value.lower().startswith(("http://", "https://"))
    return env


def render_page(template: str, scope: Scope, context: dict[str, Any]) -> str:
    """``template`` rendered with ``context`` and what every page shows (the server's mode, the current path)."""
    app = scope.get("app")
    settings = getattr(getattr(app, "state", None), "settings", None)
    path: str = scope.get("path", "/")
    query = scope.get("query_string", b"").decode("latin-1")
    page = {
        "read_only": bool(getattr(settings, "read_only", False)),
        "path": path,
        # The page's JSON twin (an error page has none).
        "json_path": ("/.json" if path == "/" else path + ".json") + ("?" + query if query else ""),
        "preview": None,
        "query": query,
    }
    page.update(context)
    return environment().get_template(template).render(page)
