"""What the web tests share: a store built from the bundled sample (plus an article full of script
payloads), the app served by uvicorn on a free 127.0.0.1 port, and Debian's headless Chromium driven by
Playwright with the flags of ../shared/NETWORK.md, so the browser contacts nothing but that server.

Import the fixtures into a test module (``from web_browser import browser, live_url, web_store``); browser
tests skip with a message saying why when Chromium or Playwright is missing (``make test`` installs Debian's
chromium when it can).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from storyline.model import Document, Record, document_id

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "storyline" / "sample"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
# ../shared/NETWORK.md: no background traffic, and every host name but the loopback ones resolves to nothing.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]

# An article whose text, title and URL carry script payloads: every one must show as text and run nothing.
HOSTILE_TEXT = (
    "Hackers post <script>alert(1)</script> on the council site\n\n"
    '"We saw <img src=x onerror=alert(1)> on the front page," council spokesman Ivo Marsh said on Monday. '
    'Visitors were told to click <a href="javascript:alert(1)">this link</a> and [here](javascript:alert(2)), '
    "officials said.\n\n"
    "Marsh said the council would restore the site by Friday and that 12 pages had been changed."
)
HOSTILE_TITLE = '<script>alert("title")</script> Council site defaced'
HOSTILE_URL = "javascript:alert(3)"


def build_records() -> list[Record]:
    """The bundled sample articles and the hostile one, analyzed."""
    from storyline.analyze import analyze, analyze_many
    from storyline.ingest import iter_inputs, read_path

    records = list(analyze_many(read_path(path) for path in iter_inputs([str(SAMPLE)])))
    hostile = Document(
        id=document_id(HOSTILE_TEXT),
        text=HOSTILE_TEXT,
        title=HOSTILE_TITLE,
        url=HOSTILE_URL,
        published="2025-02-10",
        published_source="argument",
        source="hostile.txt",
    )
    records.append(analyze(hostile))
    return records


@pytest.fixture(scope="session")
def web_records() -> list[Record]:
    return build_records()


@pytest.fixture(scope="session")
def web_store(web_records: list[Record], tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store holding the sample and the hostile article (added last: the newest)."""
    from storyline.store import open_store

    path = str(tmp_path_factory.mktemp("web") / "web.db")
    with open_store(path) as store:
        for record in web_records:
            store.add(record)
    return path


class LiveServer:
    """The app served by uvicorn in a thread, on a socket bound to 127.0.0.1 with a port the system picked."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()


@pytest.fixture(scope="session")
def live_url(web_store: str) -> Iterator[str]:
    from storyline.web import Settings, create_app

    with LiveServer(create_app(Settings(db=web_store))) as server:
        yield server.url


def chromium_missing() -> str | None:
    """Why browser tests cannot run here, or None."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} is missing: install Debian's chromium package (make test does, as root) to run browser tests"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: run make venv"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = chromium_missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def screenshot(page: Any, name: str) -> Path:
    """Save what the page shows as test-artifacts/<name>.png (the whole page)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
