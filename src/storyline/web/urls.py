"""Where links to actors and events point.

Actor and event pages come with the Corpus API (cross-article entities and events). Until the app has a route
named ``actor`` (``/actors/{actor_id}``) or ``event`` (``/events/{event_id}``), a link to one is a search for
its name, which already finds every article and quote that mentions it; once the route exists, links go to it,
with the article-scoped reference ``<article id>.<item id>`` that the route resolves to the corpus item.
"""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import quote, urlencode


def item_ref(article_id: str, item_id: str) -> str:
    return f"{article_id}.{item_id}"


def search_path(text: str) -> str:
    return "/search?" + urlencode({"q": f'"{text}"' if " " in text else text})


def actor_path(routes: Collection[str], article_id: str, entity_id: str | None, name: str) -> str:
    if "actor" in routes and entity_id:
        return "/actors/" + quote(item_ref(article_id, entity_id), safe="")
    return search_path(name)


def event_path(routes: Collection[str], article_id: str, event_id: str, words: str) -> str:
    if "event" in routes:
        return "/events/" + quote(item_ref(article_id, event_id), safe="")
    return search_path(words)
