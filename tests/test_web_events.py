"""The event page, ``/events/{id}``, and its JSON twin: one corpus event with every article's mention of it, the
dates each source gives, near-duplicate copies after the originals; an unknown id is a 404 in the envelope."""

from __future__ import annotations

import copy
import re
import shutil
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from storyline.corpus import Corpus
from storyline.model import Document, Entity, Event, EventDate, Participant, Record, Span, document_id
from storyline.store import open_store
from storyline.web import Settings, create_app
from web_browser import web_records, web_store  # noqa: F401  (fixtures)

BASE = "http://127.0.0.1"
CEASEFIRE = "Kordania and rebels agree prisoner exchange"
# An article of another outlet telling the ceasefire's exchange agreement with another date, with script
# payloads in its title and in the sentence the page quotes.
RIVAL_TITLE = "<img src=x onerror=alert(1)> Courier: exchange deal"
RIVAL_TEXT = (
    "Courier report\n\n"
    'Kordania and the Southern Liberation Movement agreed on Sunday <script>alert("event")</script> to exchange '
    "prisoners, officials said."
)
RIVAL_DATE = "2025-02-02"
PAGE_FIELDS = "ok event path timeline_path dates_stated sources copies articles mentions"
MENTION_FIELDS = (
    "article_id event_id title outlet published status text start end date date_agrees copy_of path mark_path"
)


def _client(db: str) -> TestClient:
    return TestClient(create_app(Settings(db=db)), base_url=BASE)


@pytest.fixture
def client(web_store: str) -> Iterator[TestClient]:  # noqa: F811
    with _client(web_store) as c:
        yield c


def _ceasefire(records: list[Record]) -> Record:
    return next(r for r in records if (r.document.title or "").startswith(CEASEFIRE))


def _rival() -> Record:
    text = RIVAL_TEXT
    sentence = text[text.index("Kordania") :]

    def span(part: str) -> Span:
        at = text.index(part)
        return Span(at, at + len(part), part)

    document = Document(
        id=document_id(text), text=text, title=RIVAL_TITLE, published="2025-02-05", source="courier.txt"
    )
    entities = [
        Entity("e1", "Kordania", "ORG", mentions=[span("Kordania")]),
        Entity("e2", "Southern Liberation Movement", "ORG", mentions=[span("Southern Liberation Movement")]),
    ]
    event = Event(
        id="ev1",
        type="agree",
        trigger=span("agreed"),
        evidence=span(sentence),
        status="happened",
        participants=[
            Participant("agent", "Kordania", "e1"),
            Participant("counterpart", "Southern Liberation Movement", "e2"),
        ],
        date=EventDate(RIVAL_DATE, "expression"),
    )
    return Record(document=document, entities=entities, events=[event])


def _reprint(original: Record) -> Record:
    """A wire copy of ``original``: its text with a line added at the end (so every offset still holds)."""
    reprint = copy.deepcopy(original)
    reprint.document.text = original.document.text + "\n\nReporting by the Northgate desk."
    reprint.document.id = document_id(reprint.document.text)
    reprint.document.title = "Prisoner exchange agreed (reprint)"
    reprint.document.published = "2025-02-06"
    return reprint


@pytest.fixture(scope="module")
def wider_store(web_store: str, web_records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> str:  # noqa: F811
    """The web store plus a reprint of the ceasefire article and a rival report giving its agreement another date."""
    path = str(tmp_path_factory.mktemp("events") / "events.db")
    shutil.copy(web_store, path)
    with open_store(path) as store:
        store.add(_reprint(_ceasefire(web_records)), outlet="Reprint")
        store.add(_rival(), outlet="Courier")
        with Corpus(store):  # merged now, as the app would on its first request
            pass
    return path


@pytest.fixture
def wider(wider_store: str) -> Iterator[TestClient]:
    with _client(wider_store) as c:
        yield c


def _events(client: TestClient) -> list[dict[str, Any]]:
    return [e for m in client.get("/timeline.json").json()["months"] for e in m["events"]]


def _envelope(response: Any, status: int) -> str:
    assert response.status_code == status and response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"} and body["ok"] is False and body["status"] == status
    message: str = body["error"]
    return message


# --- the JSON twin -----------------------------------------------------------------------------------------


def test_web_event_json_gives_the_event_and_every_mention_with_its_words(
    client: TestClient,
    web_records: list[Record],  # noqa: F811
) -> None:
    texts = {r.document.id: r.document.text for r in web_records}
    listed = max(_events(client), key=lambda e: len(e["sources"]))
    body = client.get(f"/events/{listed['id']}.json").json()
    assert set(body) == set(PAGE_FIELDS.split())
    assert body["ok"] is True and body["event"] == listed  # the row the timeline gives, whole
    assert body["path"] == f"/events/{listed['id']}"
    month = listed["date"][:7]
    assert body["timeline_path"] == f"/timeline?since={month}&until={month}#month-{month}"
    assert body["sources"] == len(listed["sources"]) >= 2 and body["copies"] == 0
    mentions = body["mentions"]
    assert [m["article_id"] for m in mentions] == [s["article_id"] for s in listed["sources"]]  # oldest first
    assert [m["published"] for m in mentions] == sorted(m["published"] for m in mentions)
    for m in mentions:
        assert set(m) == set(MENTION_FIELDS.split())
        assert m["text"] and m["text"] == " ".join(texts[m["article_id"]][m["start"] : m["end"]].split())
        assert m["title"] == body["articles"][m["article_id"]] and m["copy_of"] is None
        assert m["path"] == f"/articles/{m['article_id']}"
        assert m["mark_path"] == f"/articles/{m['article_id']}?mark={m['start']}-{m['end']}#match"
    # an untitled article goes by its first line, not by where it came from
    assert all(title and not title.startswith("/") for title in body["articles"].values())


def test_web_event_an_articles_own_event_opens_its_corpus_event(
    client: TestClient,
    web_records: list[Record],  # noqa: F811
) -> None:
    record = _ceasefire(web_records)
    body = client.get(f"/events/{record.document.id}.{record.events[0].id}.json").json()
    mentioned = {(m["article_id"], m["event_id"]) for m in body["mentions"]}
    assert (record.document.id, record.events[0].id) in mentioned
    # the article page's event cards link there
    html = client.get(f"/articles/{record.document.id}").text
    links = set(re.findall(r'href="(/events/[^"]+)"', html))
    assert len(links) == len(record.events)
    for link in links:
        assert client.get(link).status_code == 200 and client.get(link + ".json").json()["ok"] is True


def test_web_event_unknown_is_a_404_in_the_one_envelope(client: TestClient) -> None:
    message = _envelope(client.get("/events/v000000000000.json"), 404)
    assert message == "there is no event 'v000000000000' in the corpus"
    assert "0123456789abcdef.ev99" in _envelope(client.get("/events/0123456789abcdef.ev99.json"), 404)
    assert "event_id" in _envelope(client.get("/events/a%20b.json"), 400)
    page = client.get("/events/v000000000000")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "there is no event &#39;v000000000000&#39; in the corpus" in page.text
    assert "Traceback" not in page.text


def test_web_event_json_is_documented_in_the_openapi_document(client: TestClient) -> None:
    responses = client.get("/api.json").json()["paths"]["/events/{event_id}.json"]["get"]["responses"]
    schema = {
        status: responses[status]["content"]["application/json"]["schema"]["$ref"]
        for status in ("200", "404")
    }
    assert schema["200"].endswith("/EventPage") and schema["404"].endswith("/Error")


# --- copies and conflicting dates --------------------------------------------------------------------------


def _wider_event(wider: TestClient) -> dict[str, Any]:
    rival = _rival().document.id
    body: dict[str, Any] = wider.get(f"/events/{rival}.ev1.json").json()
    return body


def test_web_event_lists_copies_after_the_originals(wider: TestClient, web_records: list[Record]) -> None:  # noqa: F811
    original = _ceasefire(web_records)
    reprint = _reprint(original).document.id
    body = _wider_event(wider)
    mentions = body["mentions"]
    assert original.document.id in [m["article_id"] for m in mentions]
    assert mentions[-1]["article_id"] == reprint and mentions[-1]["copy_of"] == original.document.id
    assert all(m["copy_of"] is None for m in mentions[:-1])
    assert (body["sources"], body["copies"]) == (len(mentions) - 1, 1)
    assert (mentions[-1]["outlet"], mentions[-1]["title"]) == (
        "Reprint",
        "Prisoner exchange agreed (reprint)",
    )

    html = wider.get(body["path"]).text
    originals, copies = html.split('<h2 id="copies">')
    assert f'id="mention-{reprint}-' in copies and f'id="mention-{reprint}-' not in originals
    assert f'id="mention-{original.document.id}-' in originals
    assert '<span class="badge">copy</span> of <a href="/articles/' + original.document.id in copies


def test_web_event_shows_which_dates_agree_and_which_conflict(
    wider: TestClient,
    web_records: list[Record],  # noqa: F811
) -> None:
    original = _ceasefire(web_records).document.id
    body = _wider_event(wider)
    event = body["event"]
    assert event["date_conflict"] is True and body["dates_stated"] is True
    claims = {d["value"]: d for d in event["dates"]}
    assert {RIVAL_DATE, "2025-02-03"} <= set(claims)
    assert sorted(d["agrees"] for d in claims.values()) == [False, True]
    by_article = {m["article_id"]: m for m in body["mentions"] if m["copy_of"] is None}
    rival, theirs = by_article[_rival().document.id], by_article[original]
    assert (rival["date"], theirs["date"]) == (RIVAL_DATE, "2025-02-03")
    assert {rival["date_agrees"], theirs["date_agrees"]} == {True, False}

    html = wider.get(body["path"]).text
    # a badge on each date no source agrees with, and on each mention giving one
    conflicts = sum(not d["agrees"] for d in event["dates"]) + sum(
        m["date_agrees"] is False for m in body["mentions"]
    )
    assert (
        "dates disagree" in html
        and html.count('<span class="badge conflict">conflicts</span>') == conflicts >= 2
    )
    assert f"{int(event['date_confidence'] * 100 + 0.5)}% confidence" in html


def test_web_event_page_shows_script_payloads_as_text(wider: TestClient) -> None:
    body = _wider_event(wider)
    assert any('<script>alert("event")</script>' in m["text"] for m in body["mentions"])
    html = wider.get(body["path"]).text
    assert "&lt;script&gt;alert(&#34;event&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; Courier: exchange deal" in html
    assert "<script" not in html.split("<main", 1)[1] and not re.search(r"<img\b", html)
    assert not re.search(r"<[^>]+\son\w+\s*=", html)


# --- the page ----------------------------------------------------------------------------------------------


def test_web_event_page_shows_what_the_json_gives(client: TestClient) -> None:
    listed = max(_events(client), key=lambda e: (len(e["participants"]), len(e["sources"])))
    body = client.get(f"/events/{listed['id']}.json").json()
    page = client.get(f"/events/{listed['id']}")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert f"<h1>{listed['type'].capitalize()}</h1>" in html
    assert f'href="/events/{listed["id"]}.json"' in html  # the footer's link to the twin
    assert f'href="{escape(body["timeline_path"])}"' in html
    for p in listed["participants"]:
        assert f'href="/actors/{p["id"].replace(":", "%3A")}">' in html
    assert html.count('<li class="quote-item mention"') == len(body["mentions"])
    for m in body["mentions"]:
        assert f'<a class="article" href="{m["path"]}">' in html
        assert f'href="{m["mark_path"]}"' in html.replace("&amp;", "&")


def test_web_timeline_links_each_event_to_its_page(client: TestClient) -> None:
    html = client.get("/timeline").text
    links = re.findall(r'<a class="event-link" href="(/events/[^"]+)"', html)
    assert links and len(links) == html.count('<li class="event">') == len(set(links))
    assert {link.removeprefix("/events/") for link in links} <= {e["id"] for e in _events(client)}
    assert client.get(links[0]).status_code == 200


def test_web_event_twin_of_every_listed_event_answers(client: TestClient) -> None:
    for event in _events(client):
        body = client.get(f"/events/{event['id']}.json").json()
        assert body["event"]["id"] == event["id"] and body["mentions"], event["id"]


def test_web_event_is_its_own_route(tmp_path: Path) -> None:
    from storyline.web.app import route_names

    assert "event" in route_names(create_app(Settings(db=str(tmp_path / "none.db"))).routes)


def test_web_event_reads_alike_from_either_store(store_url: str, web_records: list[Record]) -> None:  # noqa: F811
    with open_store(store_url) as store:
        for record in web_records:
            store.add(record)
    with _client(store_url) as c:
        record = _ceasefire(web_records)
        body = c.get(f"/events/{record.document.id}.{record.events[0].id}.json").json()
        first = body["mentions"][0]
        assert first["article_id"] == record.document.id and first["title"].startswith(CEASEFIRE)
        assert first["text"] == " ".join(record.events[0].evidence.text.split())
        assert len(body["mentions"]) == len(body["event"]["sources"]) >= 2
        assert all(title and not title.startswith("/") for title in body["articles"].values())
