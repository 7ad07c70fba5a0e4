"""The web app's REST API and pages through Starlette's test client: every JSON twin's shape, the one error
envelope, the access token, read-only mode, the upload limit, the security headers, and escaping."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from storyline.cli import main
from storyline.model import Record
from storyline.render import validate
from storyline.store import open_store
from storyline.web import Settings, create_app
from storyline.web.security import CSP
from web_browser import HOSTILE_TEXT, HOSTILE_TITLE, web_records, web_store  # noqa: F401  (fixtures)

BASE = "http://127.0.0.1"
ENGLISH = (
    '"We will not back down," Finance Minister Dana Levi said on Monday. '
    "The union said 3,000 workers would strike on Friday."
)
TWINS = [
    "/", "/articles", "/search?q=strike", "/analyze", "/api", "/actors/person%3Ailse-varga", "/timeline?type=vote",
    "/network?issue=gas-deal", "/figures",
]  # fmt: skip


def _client(db: str, **settings: Any) -> TestClient:
    return TestClient(create_app(Settings(db=db, **settings)), base_url=BASE)


@pytest.fixture
def client(web_store: str) -> Iterator[TestClient]:  # noqa: F811
    with _client(web_store) as c:
        yield c


@pytest.fixture
def scratch_store(web_store: str, tmp_path: Path) -> str:  # noqa: F811
    """A copy of the web store that a test may write to."""
    path = tmp_path / "scratch.db"
    shutil.copy(web_store, path)
    return str(path)


def _assert_envelope(response: Any, status: int) -> str:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    message: str = body["error"]
    return message


# --- the error envelope, pinned -------------------------------------------------------------------------


def test_web_error_envelope_is_one_shape_for_every_error(web_store: str) -> None:  # noqa: F811
    with _client(web_store) as c:
        assert "0123456789abcdef" in _assert_envelope(c.get("/articles/0123456789abcdef.json"), 404)
        assert "/nowhere.json" in _assert_envelope(c.get("/nowhere.json"), 404)
        assert "page" in _assert_envelope(c.get("/articles.json?page=0"), 400)
        assert "per_page" in _assert_envelope(c.get("/articles.json?per_page=500"), 400)
        assert "article_id" in _assert_envelope(c.get("/articles/a%20b.json"), 400)
        assert "published" in _assert_envelope(c.post("/analyze.json", json={"text": ENGLISH, "published": "2025-02-30"}), 400)
        assert "text" in _assert_envelope(c.post("/analyze.json", json={}), 400)
        assert "empty" in _assert_envelope(c.post("/analyze.json", json={"text": "   "}), 400)
        _assert_envelope(c.post("/articles.json"), 405)
    with _client(web_store, token="s3cret") as c:
        assert "token" in _assert_envelope(c.get("/.json"), 401)
    with _client(web_store, read_only=True) as c:
        assert "read-only" in _assert_envelope(c.post("/analyze.json", json={"text": ENGLISH, "store": True}), 403)
    with _client(web_store, max_upload_bytes=1000) as c:
        assert "too large" in _assert_envelope(c.post("/analyze.json", json={"text": "word " * 20_000}), 413)


def test_web_html_errors_are_pages_a_person_can_read(client: TestClient) -> None:
    response = client.get("/articles/0123456789abcdef")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>" in response.text and "404" in response.text
    assert "there is no article &#39;0123456789abcdef&#39; in the store" in response.text
    assert "Traceback" not in response.text
    assert client.get("/nowhere").status_code == 404
    bad = client.get("/articles?page=zero")
    assert bad.status_code == 400 and "page" in bad.text


# --- every JSON twin --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", TWINS)
def test_web_every_page_has_a_json_twin(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    base, _, query = path.partition("?")
    twin = client.get(("/.json" if base == "/" else base + ".json") + ("?" + query if query else ""))
    assert twin.status_code == 200 and twin.headers["content-type"].startswith("application/json")
    body = twin.json()
    assert body.get("ok") is True or "openapi" in body


def test_web_overview_json(client: TestClient, web_records: list[Record]) -> None:  # noqa: F811
    body = client.get("/.json").json()
    assert set(body) == {"ok", "articles", "latest", "read_only", "corpus"}
    corpus = body["corpus"]
    assert set(corpus) == {"outlets", "first_published", "last_published", "most_quoted", "most_mentioned"}
    assert corpus["first_published"] <= corpus["last_published"]
    assert corpus["most_quoted"][0]["name"] == "Ilse Varga"
    mentions = [a["mentions"] for a in corpus["most_mentioned"]]
    assert mentions == sorted(mentions, reverse=True)
    assert body["articles"] == len(web_records) and body["read_only"] is False
    assert [a["id"] for a in body["latest"]] == [r.document.id for r in reversed(web_records)]
    first = body["latest"][0]
    assert set(first) == {"id", "title", "published", "source", "url", "language", "counts", "path"}
    assert first["path"] == "/articles/" + first["id"]
    assert set(first["counts"]) == {"entities", "quotes", "time_expressions", "events", "figures", "stances", "pressures"}


def test_web_articles_json_pages_through_every_article_newest_first(
    client: TestClient, web_records: list[Record]  # noqa: F811
) -> None:
    seen: list[str] = []
    url: str | None = "/articles.json?per_page=2"
    while url:
        body = client.get(url).json()
        assert body["per_page"] == 2 and body["total"] == len(web_records) and body["pages"] == 3
        assert len(body["articles"]) <= 2
        seen += [a["id"] for a in body["articles"]]
        url = body["next"]
    assert seen == [r.document.id for r in reversed(web_records)]
    last = client.get("/articles.json?per_page=2&page=3").json()
    assert last["next"] is None and last["previous"] == "/articles.json?page=2&per_page=2"
    beyond = client.get("/articles.json?page=9").json()
    assert beyond["articles"] == [] and beyond["total"] == len(web_records)


def test_web_article_json_is_the_stored_record(client: TestClient, web_records: list[Record]) -> None:  # noqa: F811
    for record in web_records:
        body = client.get(f"/articles/{record.document.id}.json").json()
        assert set(body) == {"ok", "article", "record"}
        validate(body["record"])
        assert Record.from_dict(body["record"]) == record
        assert body["article"]["counts"]["quotes"] == len(record.quotes)


def test_web_search_json_finds_articles_and_quotes(client: TestClient) -> None:
    body = client.get("/search.json", params={"q": "strike"}).json()
    assert set(body) == {"ok", "query", "hits"} and body["query"] == "strike"
    kinds = {hit["kind"] for hit in body["hits"]}
    assert kinds == {"article", "quote"}
    for hit in body["hits"]:
        assert client.get(hit["path"]).status_code == 200
        if hit["kind"] == "quote":
            assert hit["speaker"] and hit["item_id"] and "#text-" in hit["path"]
        else:
            assert hit["text"].lower().startswith("strike") and "mark=" in hit["path"]
    assert client.get("/search.json", params={"q": "strike", "limit": 1}).json()["hits"][:1] == body["hits"][:1]
    assert client.get("/search.json").json()["hits"] == []
    for odd in ['"', "(", "-", "or", "NEAR(a b)", "*", "'; DROP TABLE articles; --"]:
        assert client.get("/search.json", params={"q": odd}).status_code == 200


def test_web_search_page_marks_the_match_in_the_article(client: TestClient) -> None:
    hit = next(h for h in client.get("/search.json?q=tonnes").json()["hits"] if h["kind"] == "article")
    page = client.get(hit["path"]).text
    assert re.search(r'<span id="match"></span><span class="[^"]*\bmatch\b[^"]*"[^>]*>tonnes</span>', page)


# --- analyze -------------------------------------------------------------------------------------------------


def test_web_analyze_json_reads_without_storing(client: TestClient) -> None:
    before = client.get("/.json").json()["articles"]
    body = client.post("/analyze.json", json={"text": ENGLISH, "published": "2025-02-03", "title": "Levi"}).json()
    assert set(body) == {"ok", "stored", "article", "record"} and body["stored"] is False
    record = Record.from_dict(body["record"])
    assert record.document.title == "Levi" and record.document.published == "2025-02-03"
    assert record.quotes[0].speaker is not None and record.quotes[0].speaker.name == "Dana Levi"
    assert client.get("/.json").json()["articles"] == before
    assert client.get(body["article"]["path"] + ".json").status_code == 404


def test_web_analyze_json_stores_on_request(scratch_store: str) -> None:
    with _client(scratch_store) as c:
        body = c.post("/analyze.json", json={"text": ENGLISH, "store": True}).json()
        assert body["stored"] is True
        assert c.get(body["article"]["path"] + ".json").json()["record"] == body["record"]
        assert c.get("/.json").json()["latest"][0]["id"] == body["article"]["id"]


def test_web_analyze_page_previews_then_stores(scratch_store: str) -> None:
    with _client(scratch_store) as c:
        preview = c.post("/analyze", files={"text": (None, ENGLISH), "action": (None, "analyze")})
        assert preview.status_code == 200
        assert "A preview:" in preview.text and 'class="q direct' in preview.text
        stored = c.post("/analyze", files={"text": (None, ENGLISH), "action": (None, "store")}, follow_redirects=False)
        assert stored.status_code == 303
        assert c.get(stored.headers["location"]).status_code == 200


def test_web_analyze_page_reads_an_uploaded_html_page(client: TestClient) -> None:
    page = (
        b"<html><head><title>Port talks</title></head><body><article><h1>Port talks</h1>"
        + b"<p>" + ENGLISH.encode() * 3 + b"</p></article></body></html>"
    )
    response = client.post("/analyze", files={"file": ("story.html", page, "text/html")})
    assert response.status_code == 200 and "Dana Levi" in response.text


def test_web_analyze_page_says_what_is_wrong(client: TestClient) -> None:
    empty = client.post("/analyze", files={"text": (None, "")})
    assert empty.status_code == 400 and "paste the article" in empty.text
    foreign = client.post("/analyze", files={"text": (None, "Der Hafen bleibt geschlossen, sagte die Gewerkschaft am Montag. " * 5)})
    assert foreign.status_code == 400 and "English" in foreign.text
    bad_date = client.post("/analyze", files={"text": (None, ENGLISH), "published": (None, "yesterday")})
    assert bad_date.status_code == 400 and "YYYY-MM-DD" in bad_date.text
    assert ENGLISH.split(",")[0].lstrip('"') in bad_date.text  # the form keeps what was typed


def test_web_upload_limit_is_a_clear_error(web_store: str) -> None:  # noqa: F811
    with _client(web_store, max_upload_bytes=1000) as c:
        # over the upload limit but within the request limit: the reader refuses it
        assert "1000" in _assert_envelope(c.post("/analyze.json", json={"text": "word " * 400}), 413)
        page = c.post("/analyze", files={"file": ("big.txt", b"word " * 400, "text/plain")})
        assert page.status_code == 413 and "big.txt: is over this server&#39;s limit of 1000 bytes" in page.text
        # far over: refused before the app reads the body
        huge = c.post("/analyze", files={"file": ("huge.txt", b"word " * 50_000, "text/plain")})
        assert huge.status_code == 413 and "too large" in huge.text and "1000 bytes" in huge.text
        assert c.get("/analyze.json").json()["max_upload_bytes"] == 1000


# --- read-only and the token ------------------------------------------------------------------------------


def test_web_read_only_refuses_every_write(scratch_store: str) -> None:
    with _client(scratch_store, read_only=True) as c:
        count = c.get("/.json").json()["articles"]
        assert c.get("/.json").json()["read_only"] is True
        assert c.post("/analyze.json", json={"text": ENGLISH}).json()["stored"] is False
        _assert_envelope(c.post("/analyze.json", json={"text": ENGLISH, "store": True}), 403)
        page = c.post("/analyze", files={"text": (None, ENGLISH), "action": (None, "store")})
        assert page.status_code == 403 and "read-only" in page.text
        assert "Analyze and store" not in c.get("/analyze").text
        assert c.get("/.json").json()["articles"] == count


def test_web_token_is_required_by_header_or_cookie(web_store: str) -> None:  # noqa: F811
    with _client(web_store, token="s3cret") as c:
        assert c.get("/").status_code == 401 and "token" in c.get("/").text
        assert c.get("/.json").headers["www-authenticate"].startswith("Bearer")
        _assert_envelope(c.get("/.json", headers={"Authorization": "Bearer wrong"}), 401)
        assert c.get("/.json", headers={"Authorization": "Bearer s3cret"}).json()["ok"] is True
        assert c.get("/static/app.css").status_code == 200  # no data in the styles
        _assert_envelope(c.get("/articles.json?token=wrong"), 401)
        signed = c.get("/articles?token=s3cret&page=1", follow_redirects=False)
        assert signed.status_code == 303 and signed.headers["location"] == "/articles?page=1"
        cookie = signed.headers["set-cookie"]
        assert "storyline_token=s3cret" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
        assert c.get("/articles").status_code == 200  # the client keeps the cookie
        assert c.post("/analyze.json", json={"text": ENGLISH}).status_code == 200


# --- the corpus pages --------------------------------------------------------------------------------------


def test_web_actor_json(client: TestClient) -> None:
    body = client.get("/actors/person%3Ailse-varga.json").json()
    assert set(body) == {"ok", "actor", "path", "quotes", "quotes_page", "quotes_about", "stances", "pressures_given",
                         "pressures_received", "claims_shown", "figures"}  # fmt: skip
    actor = body["actor"]
    assert actor["name"] == "Ilse Varga" and "Varga" in actor["aliases"] and actor["roles"]
    assert body["path"] == "/actors/person%3Ailse-varga"
    assert len(body["quotes"]) == actor["quotes"] and {"direct", "indirect"} <= {q["kind"] for q in body["quotes"]}
    for quote in body["quotes"]:
        assert quote["speaker_id"] == "person:ilse-varga" and quote["sources"][0]["article_id"]
    assert client.get("/actors/Varga.json").json()["actor"]["id"] == "person:ilse-varga"  # a name works too
    assert _assert_envelope(client.get("/actors/nobody-at-all.json"), 404).startswith("there is no actor")
    assert client.get("/actors/nobody-at-all").status_code == 404


def test_web_article_actor_links_open_the_actor_page(client: TestClient, web_records: list[Record]) -> None:  # noqa: F811
    record = next(r for r in web_records if "Ilse Varga" in r.document.text)
    html = client.get(f"/articles/{record.document.id}").text
    links = set(re.findall(r'href="(/actors/[^"]+)"', html))
    assert links and not re.search(r'href="/search\?q=%22Ilse', html)
    names = {client.get(link + ".json").json()["actor"]["name"] for link in links}
    assert "Ilse Varga" in names


def test_web_timeline_json_filters(client: TestClient) -> None:
    body = client.get("/timeline.json").json()
    assert set(body) == {"ok", "filters", "types", "outlets", "total", "page", "months"}
    events = [e for m in body["months"] for e in m["events"]]
    assert len(events) == body["total"] > 0
    assert {"id", "type", "date", "summary", "participants", "sources"} <= set(events[0])
    vote = client.get("/timeline.json?type=vote").json()
    assert vote["filters"] == {"type": "vote"} and 0 < vote["total"] < body["total"]
    assert all(e["type"] == "vote" for m in vote["months"] for e in m["events"])
    dated = client.get("/timeline.json?since=2025-02-01&until=2025-02-28").json()
    assert all("2025-02-01" <= e["date"][:10] <= "2025-02-28" for m in dated["months"] for e in m["events"])
    by_actor = client.get("/timeline.json?actor=Varga").json()
    assert by_actor["total"] > 0
    _assert_envelope(client.get("/timeline.json?actor=nobody-at-all"), 404)
    _assert_envelope(client.get("/timeline.json?since=yesterday"), 400)


def test_web_timeline_pages_follow_their_links(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.web import corpus_data

    everything = client.get("/timeline.json").json()
    monkeypatch.setattr(corpus_data, "EVENTS_PER_PAGE", 2)
    first = client.get("/timeline.json").json()
    assert first["total"] == everything["total"] > 2 and first["page"]["next"] == "/timeline.json?offset=2"
    seen, page = [], first
    while True:
        seen += [e["id"] for m in page["months"] for e in m["events"]]
        if not page["page"]["next"]:
            break
        page = client.get(page["page"]["next"]).json()
    assert seen == [e["id"] for m in everything["months"] for e in m["events"]]
    worded = client.get("/timeline.json?issue=strike").json()  # a full-text filter is not counted while more come
    assert worded["total"] is None or worded["page"]["next"] is None
    past = client.get("/timeline.json?offset=1000").json()
    assert past["total"] == everything["total"] and past["months"] == [] and past["page"]["next"] is None
    assert "past the last of" in client.get("/timeline?offset=1000").text


def test_web_network_json_has_weighted_edges_with_evidence(client: TestClient) -> None:
    body = client.get("/network.json").json()
    assert set(body) == {"ok", "filters", "issues", "nodes", "edges", "total_edges"}
    ids = {n["id"] for n in body["nodes"]}
    assert body["edges"] and "gas-deal" in body["issues"]
    for edge in body["edges"]:
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["relation"] in {"support", "oppose", "mixed", "press"} and edge["weight"] >= 1
        assert edge["evidence"] and edge["evidence"][0]["text"] and edge["evidence"][0]["path"].startswith("/articles/")
    gas = client.get("/network.json?issue=gas-deal").json()
    assert gas["edges"] and all("issue:gas-deal" in (e["source"], e["target"]) for e in gas["edges"])
    assert client.get("/network.json?since=2030-01-01").json()["edges"] == []
    _assert_envelope(client.get("/network.json?until=soon"), 400)


def test_web_figures_json_groups_sources_side_by_side(client: TestClient) -> None:
    body = client.get("/figures.json").json()
    assert set(body) == {"ok", "filters", "page", "groups"}
    assert body["groups"]
    for group in body["groups"]:
        assert set(group) == {"group", "counted", "conflict", "size", "figures"}
        assert group["size"] >= len(group["figures"])
        assert all(f["group"] == group["group"] for f in group["figures"])
    conflicts = client.get("/figures.json?conflicts=true").json()
    assert all(g["conflict"] for g in conflicts["groups"]) and conflicts["filters"] == {"conflicts": "true"}


@pytest.mark.parametrize("path", ["/actors/person%3Aivo-marsh", "/timeline", "/network", "/figures", "/"])
def test_web_corpus_pages_escape_the_hostile_article(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "<script>alert" not in html and not re.search(r"<img\b", html)
    assert not re.search(r"<[^>]+\son\w+\s*=", html)
    assert all(re.fullmatch(r'<script src="/static/\w+\.js" defer>', s) for s in re.findall(r"<script\b[^>]*>", html))


# --- what keeps the app safe -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/.json", "/articles/0123456789abcdef", "/static/app.css", "/api"])
def test_web_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "'unsafe-inline'" not in CSP and "frame-ancestors 'none'" in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_web_refuses_other_hosts_and_cross_site_writes(client: TestClient) -> None:
    assert client.get("/", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200
    post = {"json": {"text": ENGLISH}}
    _assert_envelope(client.post("/analyze.json", headers={"Sec-Fetch-Site": "cross-site"}, **post), 403)
    _assert_envelope(client.post("/analyze.json", headers={"Origin": "http://attacker.example"}, **post), 403)
    assert client.post("/analyze.json", headers={"Sec-Fetch-Site": "same-origin"}, **post).status_code == 200


def test_web_article_page_shows_script_payloads_as_text(client: TestClient, web_records: list[Record]) -> None:  # noqa: F811
    hostile = next(r for r in web_records if r.document.text == HOSTILE_TEXT)
    html = client.get(f"/articles/{hostile.document.id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;title&quot;)" in html
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == ['<script src="/static/article.js" defer>']  # the page's own, nothing inline
    assert not re.search(r"<img\b", html)
    assert not re.search(r"<[^>]+\son\w+\s*=", html)  # no event-handler attribute anywhere
    assert 'href="javascript:' not in html.lower()  # the record's javascript: URL is shown, not linked
    assert HOSTILE_TITLE not in html


def test_web_article_page_highlights_every_layer(client: TestClient, web_records: list[Record]) -> None:  # noqa: F811
    record = max(web_records, key=lambda r: len(r.quotes) + len(r.events) + len(r.figures))
    html = client.get(f"/articles/{record.document.id}").text
    for css in ("q", "ent", "tx", "ev", "fig", "who", "cue"):
        assert re.search(rf'class="[^"]*\b{css}\b', html), css
    for quote in record.quotes:
        assert f'id="card-quote:{quote.id}"' in html and f'data-items="quote:{quote.id}' in html
    for entity in record.entities:
        assert f'id="card-entity:{entity.id}"' in html
    assert 'data-select="quote:' in html  # the side panel selects items


def test_web_openapi_documents_every_twin_and_the_envelope(client: TestClient) -> None:
    spec = client.get("/api.json").json()
    assert set(spec["paths"]) == {
        "/.json", "/articles.json", "/articles/{article_id}.json", "/search.json", "/analyze.json",
        "/actors/{actor_id}.json", "/timeline.json", "/network.json", "/figures.json", "/events/{event_id}.json",
    }  # fmt: skip
    assert "Error" in spec["components"]["schemas"]
    for operations in spec["paths"].values():
        for operation in operations.values():
            assert "422" not in operation["responses"]
            assert operation["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    page = client.get("/api").text
    assert "/static/swagger/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


# --- storyline serve ----------------------------------------------------------------------------------------


def test_web_serve_refuses_a_missing_store_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.db"
    assert main(["serve", "--db", str(missing), "--read-only"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "no store at" in error and "storyline ingest" in error
    assert not missing.exists()
    assert main(["serve", "--port", "70000"]) == 2


def test_web_serve_with_workers_answers_from_several_processes_and_stops_on_sigterm(
    tmp_path: Path, web_records: list[Record]  # noqa: F811
) -> None:
    db = tmp_path / "web.db"
    with open_store(db) as store:
        for record in web_records[:2]:
            store.add(record)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "import sys; from storyline.cli import main; sys.exit(main(sys.argv[1:]))",
               "serve", "--db", str(db), "--port", str(port), "--workers", "2", "--read-only"]  # fmt: skip
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        deadline = time.monotonic() + 60
        while True:
            try:
                body = json.loads(opener.open(f"http://127.0.0.1:{port}/.json", timeout=5).read())
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not come up"
                time.sleep(0.2)
        assert body["articles"] == 2
        for _ in range(10):  # every process answers alike
            assert json.loads(opener.open(f"http://127.0.0.1:{port}/articles.json", timeout=5).read())["total"] == 2
        children = [p for p in os.listdir("/proc") if p.isdigit() and _parent_of(p) == server.pid]
        assert len(children) == 2
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        assert all(not os.path.exists(f"/proc/{child}") or _parent_of(child) != server.pid for child in children)
        assert "2 processes" in (server.stderr.read() if server.stderr else "")
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _parent_of(pid: str) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except OSError:
        return None
