"""``storyline serve``: check the store, listen, and run the app under uvicorn until Ctrl-C."""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path

from storyline.errors import StoreError, StorylineError
from storyline.store import is_postgres_url, open_store
from storyline.web.app import Settings, create_app
from storyline.web.security import LOCAL_HOSTS


class ServeError(StorylineError):
    """The server cannot start: the store cannot be read, or the address cannot be listened on."""


def check_store(db: str, *, read_only: bool) -> int:
    """Open the store once (creating and migrating it as needed, unless read-only) and return its size."""
    if read_only and not is_postgres_url(db):
        path = db.removeprefix("sqlite:///")
        if path != ":memory:" and not Path(path).is_file():
            raise ServeError(
                f"there is no store at {path}: build one with 'storyline ingest PATH --db {path}', or leave out --read-only"
            )
    try:
        with open_store(db) as store:
            return store.count()
    except StoreError as error:
        raise ServeError(str(error)) from error


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port`` (so a busy port is a one-line error, not a traceback)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named: asyncio turns Nagle's algorithm off only on sockets that say they are TCP; without it
    # a kept-alive connection waits ~40 ms for the client's delayed ACK before each response body.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port} ({error.strerror or error}); pick another --port") from error
    return sock


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else ("[::1]" if host == "::" else host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def serve(settings: Settings, port: int, *, workers: int = 1) -> int:
    """Run the app until interrupted; messages go to stderr as the rest of the CLI's do. ``workers`` > 1
    runs that many server processes on the one listening socket (the kernel hands each connection to one),
    since one Python process answers one request at a time however many threads it has."""
    count = check_store(settings.db, read_only=settings.read_only)
    sock = listen(settings.host, port)
    url = url_for(settings.host, port)
    mode = (", read-only" if settings.read_only else "") + (f", {workers} processes" if workers > 1 else "")
    _say(f"serving {settings.db} ({count:,} articles{mode}) at {url}  (Ctrl-C stops)")
    if settings.token:
        _say(f"open {url}?token={settings.token} once in a browser to sign it in; API clients send 'Authorization: Bearer TOKEN'")
    if settings.host not in LOCAL_HOSTS:
        warning = "anyone who can reach this machine can use it" if not settings.token else "the token guards it"
        _say(f"warning: listening beyond this machine ({settings.host}): {warning}")
    try:
        if workers == 1:
            _run(settings, sock)
        else:
            _run_processes(settings, sock, workers)
    finally:
        sock.close()
    return 0


def _run(settings: Settings, sock: socket.socket) -> None:
    import uvicorn

    config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


def _run_processes(settings: Settings, sock: socket.socket, workers: int) -> None:
    """``workers`` forked processes serving the inherited socket, each with its own app (and its own
    database connections, made after the fork); Ctrl-C reaches them all, and each stops gracefully."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_run, args=(settings, sock), name=f"storyline-serve-{i}") for i in range(workers)]
    for process in processes:
        process.start()
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a service manager's stop, as Ctrl-C
    try:
        for process in processes:
            process.join()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for process in processes:
            if process.is_alive():
                process.terminate()  # uvicorn stops gracefully on SIGTERM (Ctrl-C has reached them already)
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _say(message: str) -> None:
    sys.stderr.write(f"storyline: {message}\n")
    sys.stderr.flush()
