"""The event page, ``/events/{id}``: one corpus event with every article's mention of it, and its ``.json``
twin; both call :func:`storyline.web.event_data.event`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from starlette.requests import Request
from starlette.responses import HTMLResponse

from storyline.web import event_data, event_models
from storyline.web.views import errors, html, open_corpus

router = APIRouter()

EventId = Annotated[
    str,
    Path(
        pattern=r"^[0-9A-Za-z_.-]{1,200}$",
        description="a corpus event id (as the timeline gives it), or ARTICLE.EVENT: an article's own event",
    ),
]


def _event(request: Request, event_id: str) -> event_models.EventPage:
    with open_corpus(request) as corpus:
        return event_data.event(corpus, event_id)


@router.get("/events/{event_id}.json", response_model=event_models.EventPage, responses=errors(404), tags=["pages"],
            summary="Event")  # fmt: skip
def event_json(request: Request, event_id: EventId) -> event_models.EventPage:
    """One event across the corpus: type, status, reconciled date, the dates each source gives, participants,
    and every article's mention of it with its words (near-duplicate copies last)."""
    return _event(request, event_id)


@router.get("/events/{event_id}", include_in_schema=False, name="event")
def event_page(request: Request, event_id: EventId) -> HTMLResponse:
    return html(request, "event.html", data=_event(request, event_id))
