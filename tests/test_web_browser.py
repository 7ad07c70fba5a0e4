"""The web app in real headless Chromium (Debian's, through Playwright, with ../shared/NETWORK.md's flags): what a
person sees and does on each page. Every test fails on a console error, an uncaught script error, a dialog
(alert) or a request to anywhere but the app; each saves a screenshot of its page under test-artifacts/."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Record
from storyline.web import Settings, create_app
from web_browser import (  # noqa: F401  (fixtures)
    HOSTILE_TEXT,
    LiveServer,
    browser,
    live_url,
    screenshot,
    web_records,
    web_store,
)

PASTED = (
    "Finance minister defends budget\n\n"
    '"We will not back down," Finance Minister Dana Levi told reporters on Monday. '
    "Opposition leader Ilse Varga said the budget would raise prices by 4 percent."
)


@dataclass
class Watch:
    """What went wrong in the page, as the browser reported it."""

    base: str
    problems: list[str] = field(default_factory=list)
    expected_statuses: set[int] = field(default_factory=set)

    def console(self, message: Any) -> None:
        if message.type != "error":
            return
        text = message.text
        if any(f"status of {status}" in text for status in self.expected_statuses):
            return
        self.problems.append(f"console error: {text}")

    def request(self, request: Any) -> None:
        url: str = request.url
        if not (url.startswith(self.base + "/") or url.startswith("data:") or url == self.base):
            self.problems.append(f"request outside the app: {url}")


@pytest.fixture
def page(browser: Any, live_url: str) -> Iterator[tuple[Any, Watch]]:  # noqa: F811
    context = browser.new_context(base_url=live_url, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = Watch(live_url)
    page.on("console", watch.console)
    page.on("pageerror", lambda error: watch.problems.append(f"script error: {error}"))
    page.on("request", watch.request)

    def dialog(d: Any) -> None:
        watch.problems.append(f"dialog: {d.type} {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    try:
        yield page, watch
        assert watch.problems == []
    finally:
        context.close()


def _record(records: list[Record], title_start: str) -> Record:
    return next(r for r in records if r.document.text.startswith(title_start) or (r.document.title or "").startswith(title_start))


def test_web_browser_overview(page: tuple[Any, Watch], web_records: list[Record]) -> None:  # noqa: F811
    p, _ = page
    p.goto("/")
    assert p.locator("h1").inner_text() == "Overview"
    assert p.locator(".stat .value").first.inner_text() == str(len(web_records))
    assert p.locator("table.articles tbody tr").count() == len(web_records)
    assert p.locator("#most-quoted li").first.inner_text().startswith("Ilse Varga")
    assert p.locator("#most-mentioned li").count() >= 5
    screenshot(p, "overview")
    p.locator("#most-quoted a").first.click()
    p.wait_for_url("**/actors/**")
    assert p.locator("h1").inner_text() == "Ilse Varga"


def test_web_browser_articles_list_opens_an_article(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/articles")
    rows = p.locator("table.articles tbody tr")
    assert rows.count() == 5
    screenshot(p, "articles")
    p.get_by_role("link", name="Dockworkers' strike shuts Port of Varena as losses mount").click()
    p.wait_for_url("**/articles/*")
    assert p.locator("h1").inner_text() == "Dockworkers' strike shuts Port of Varena as losses mount"
    assert p.locator("#article-text .q").count() > 5


def test_web_browser_article_hover_shows_the_speaker(page: tuple[Any, Watch], web_records: list[Record]) -> None:  # noqa: F811
    p, _ = page
    record = _record(web_records, "Dockworkers' strike")
    wirth = next(q for q in record.quotes if q.speaker and q.speaker.name == "Jonas Wirth")
    holm = next(q for q in record.quotes if q.speaker and q.speaker.name == "Petra Holm")
    p.goto(f"/articles/{record.document.id}")
    inspector = p.locator("#inspector")
    assert "Hover over a highlighted passage" in inspector.inner_text()

    p.locator(f'#article-text [data-items~="quote:{wirth.id}"]').first.hover()
    card = inspector.locator(".card").first
    assert "Speaker" in card.inner_text() and "Jonas Wirth" in card.inner_text()
    assert wirth.text[:30] in card.locator(".card-heading").inner_text()

    # a click keeps it while the mouse moves on; Escape lets go
    p.locator(f'#article-text [data-items~="quote:{wirth.id}"]').first.click()
    p.locator(f'#article-text [data-items~="quote:{holm.id}"]').first.hover()
    assert "Jonas Wirth" in inspector.inner_text() and "pinned" in (inspector.get_attribute("class") or "")
    assert p.locator("#article-text .is-selected").count() >= 1
    screenshot(p, "article")
    p.keyboard.press("Escape")
    p.locator(f'#article-text [data-items~="quote:{holm.id}"]').first.hover()
    assert "Petra Holm" in inspector.inner_text()

    # the side panel selects an entity; a layer can be switched off
    p.locator("aside.panel [data-select^='entity:']", has_text="Karl").first.click()
    assert "PERSON" in inspector.inner_text() and "Karl" in inspector.inner_text()
    p.locator("#layers input[value='q']").uncheck()
    assert "hide-q" in (p.locator("#article-text").get_attribute("class") or "")


def test_web_browser_search_as_you_would_type_it(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/")
    box = p.get_by_role("searchbox", name="Search articles and quotes")
    box.click()
    box.type("strike")
    box.press("Enter")
    p.wait_for_url("**/search?q=strike")
    hits = p.locator("ol.hits li")
    assert hits.count() >= 3
    assert p.locator("ol.hits .hit-quote").count() >= 1 and p.locator("ol.hits mark").count() >= 1
    screenshot(p, "search")
    p.locator("ol.hits .hit-article a").first.click()
    p.wait_for_url("**/articles/*mark=*")
    assert p.locator("#article-text .match").inner_text().lower().startswith("strike")


def test_web_browser_analyze_a_pasted_article(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/analyze")
    p.locator("#text").fill(PASTED)
    p.locator("#published").fill("2025-02-03")
    screenshot(p, "analyze")
    p.get_by_role("button", name="Analyze", exact=True).click()
    p.wait_for_selector(".preview")
    assert "A preview:" in p.locator(".preview").inner_text()
    assert p.locator("h1").inner_text() == "Finance minister defends budget"
    p.locator("#article-text .q.direct").first.hover()
    assert "Dana Levi" in p.locator("#inspector").inner_text()
    p.locator("#article-text .tx").first.hover()
    assert "2025-02-03" in p.locator("#inspector").inner_text()  # "on Monday", resolved
    screenshot(p, "analyze-result")


def test_web_browser_store_an_analyzed_article(browser: Any, web_store: str, tmp_path: Path) -> None:  # noqa: F811
    # its own server over a copy of the store: the other tests see the store as built
    scratch = tmp_path / "scratch.db"
    shutil.copy(web_store, scratch)
    with LiveServer(create_app(Settings(db=str(scratch)))) as server:
        context = browser.new_context(base_url=server.url)
        try:
            p = context.new_page()
            watch = Watch(server.url)
            p.on("console", watch.console)
            p.on("request", watch.request)
            p.goto("/analyze")
            p.locator("#text").fill(PASTED)
            p.get_by_role("button", name="Analyze", exact=True).click()
            p.get_by_role("button", name="Store this article").click()  # a same-origin form POST
            p.wait_for_url("**/articles/*")
            assert p.locator(".preview").count() == 0
            assert p.locator("h1").inner_text() == "Finance minister defends budget"
            p.goto("/")
            assert p.locator("table.articles tbody tr").first.inner_text().startswith("Finance minister defends budget")
            assert watch.problems == []
        finally:
            context.close()


def test_web_browser_script_payloads_show_as_text_and_run_nothing(
    page: tuple[Any, Watch], web_records: list[Record]  # noqa: F811
) -> None:
    p, watch = page
    record = next(r for r in web_records if r.document.text == HOSTILE_TEXT)
    p.goto(f"/articles/{record.document.id}")
    text = p.locator("#article-text")
    for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", 'href="javascript:alert(1)"'):
        assert payload in text.inner_text()
    assert p.locator("h1").inner_text().startswith('<script>alert("title")</script>')
    # hover and click everything: the cards the script shows carry the payloads as text too
    segments = text.locator("[data-items]")
    for i in range(segments.count()):
        segments.nth(i).hover()
    p.locator("#article-text .q").first.click()
    assert "<img src=x onerror=alert(1)>" in p.locator("#inspector").inner_text()
    injected = p.evaluate(
        "() => document.querySelectorAll('main script, main img, #article-text a, #inspector a[href^=\"javascript\"]').length"
    )
    assert injected == 0
    assert p.locator("a[href^='javascript']").count() == 0
    screenshot(p, "hostile-article")
    assert watch.problems == []  # no alert() ran, no error


def test_web_browser_api_docs_render_offline(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/api")
    p.wait_for_selector(".opblock")
    assert p.locator(".opblock-summary-path", has_text="/articles.json").count() == 1
    # try one: the docs call the API on the same server
    p.locator(".opblock-summary-path", has_text="/search.json").click()
    p.locator("input[placeholder='q']").fill("strike")
    p.get_by_role("button", name="Execute").click()
    status = p.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert "strike" in p.locator(".live-responses-table tbody .response-col_description").first.inner_text()
    screenshot(p, "api")


def test_web_browser_error_page(page: tuple[Any, Watch]) -> None:
    p, watch = page
    watch.expected_statuses.add(404)
    response = p.goto("/articles/0123456789abcdef")
    assert response is not None and response.status == 404
    assert "404" in p.locator("h1").inner_text()
    assert "no article" in p.locator(".message").inner_text()
    screenshot(p, "error")


def test_web_browser_article_to_actor_to_timeline_to_network(page: tuple[Any, Watch], web_records: list[Record]) -> None:  # noqa: F811
    p, _ = page
    record = _record(web_records, "Coalition partners demand")
    p.goto(f"/articles/{record.document.id}")
    # the article's speaker links open the actor's page
    p.locator("a[href^='/actors/']", has_text="Ilse Varga").first.click()
    p.wait_for_url("**/actors/**")
    assert p.locator("h1").inner_text() == "Ilse Varga"
    assert "Also called: Varga" in p.locator("main").inner_text()
    quotes = p.locator("#quote-book .quote-item")
    total = quotes.count()
    assert total >= 5
    p.locator("#quote-filter").fill("audit")
    visible = p.locator("#quote-book .quote-item:visible")
    assert 0 < visible.count() < total and "audit" in visible.first.inner_text().lower()
    screenshot(p, "actor")
    p.locator("#quote-filter").fill("")
    assert p.locator("#quote-book .quote-item:visible").count() == total

    # their events on the timeline; an event opens its mentions
    p.get_by_role("link", name="events on the timeline").click()
    p.wait_for_url("**/timeline?actor=*")
    assert p.locator(".event").count() > 0
    first = p.locator(".event details").first
    first.locator("summary").click()
    assert first.locator(".mentions a[href^='/articles/']").first.is_visible()
    p.get_by_role("link", name="clear").click()
    p.locator("select[name=type]").select_option("vote")
    p.get_by_role("button", name="Filter").click()
    p.wait_for_url("**/timeline?*type=vote*")
    assert all(t == "vote" for t in p.locator(".event .etype").all_inner_texts())
    p.goto("/timeline")
    screenshot(p, "timeline")

    # the network: clicking an edge lists its evidence sentences
    p.get_by_role("link", name="Network").first.click()
    p.wait_for_url("**/network")
    p.locator("#graph[data-ready=true]").wait_for()
    assert p.locator("#graph svg .node").count() > 3 and p.locator("#graph svg .edge").count() > 3
    assert "Click an edge" in p.locator("#evidence").inner_text()
    p.locator("#graph svg .edge .edge-line").first.dispatch_event("click")
    evidence = p.locator("#evidence .evidence-list li")
    evidence.first.wait_for()
    assert evidence.count() >= 1 and len(evidence.first.locator("blockquote").inner_text()) > 20
    assert p.locator("#graph svg .edge.selected").count() == 1
    screenshot(p, "network")
    p.locator("select[name=issue]").select_option("gas-deal")
    p.get_by_role("button", name="Filter").click()
    p.wait_for_url("**/network?issue=gas-deal*")
    p.locator("#graph[data-ready=true]").wait_for()
    assert p.locator("#graph svg text", has_text="gas-deal").count() == 1


def test_web_browser_figures_side_by_side(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/figures")
    assert p.locator("h1").inner_text().startswith("Figures")
    assert p.locator(".figure-group").count() > 3 and p.locator(".figure-card").count() >= p.locator(".figure-group").count()
    screenshot(p, "figures")


def test_web_browser_timeline_event_opens_its_page(page: tuple[Any, Watch]) -> None:
    p, _ = page
    p.goto("/timeline")
    # the prisoner exchange the ceasefire article reports, which two other articles mention
    agree = p.locator(".event").filter(has=p.locator(".etype", has_text="agree"))
    event = agree.filter(has_text="agreed on Monday to exchange nearly 2,000 prisoners").first
    event.locator("summary").click()
    event.get_by_role("link", name="Open the event").click()
    p.wait_for_url("**/events/*")
    assert p.locator("h1").inner_text().startswith("Agree")
    facts = p.locator("dl.event-facts").inner_text()
    assert "2025-02-03" in facts and "% confidence" in facts and "3 articles" in facts
    assert p.locator("ul.participants a").all_inner_texts() == ["Kordania", "Southern Liberation Movement"]
    mentions = p.locator("ul.mentions li.mention")
    assert mentions.count() == 3
    first = mentions.first
    assert first.locator("a.article").inner_text() == "Kordania and rebels agree prisoner exchange as talks resume"
    assert "exchange nearly 2,000 prisoners for 46 hostages" in first.locator("blockquote").inner_text()
    assert "gives the date 2025-02-03" in first.inner_text()
    assert p.locator("table.dates tbody tr").count() >= 1
    screenshot(p, "event")

    # a mention shows its words in the article; a participant opens the actor's page
    first.get_by_role("link", name="show in the article").click()
    p.wait_for_url("**/articles/*mark=*")
    assert "exchange nearly 2,000 prisoners" in "".join(p.locator("#article-text .match").all_inner_texts())
    p.go_back()
    p.locator("ul.participants a", has_text="Kordania").click()
    p.wait_for_url("**/actors/**")
    assert p.locator("h1").inner_text() == "Kordania"
