"""A throwaway PostgreSQL cluster for the test session, on 127.0.0.1 only (see ../shared/NETWORK.md).

:func:`server_url` starts it on first use (initdb as the ``postgres`` user when running as root, a free port,
its unix socket in the temporary folder, ``fsync=off``) and an exit hook stops it when the test process ends.
``STORYLINE_TEST_POSTGRES_URL`` points the tests at an existing server instead. When PostgreSQL is not
installed the tests that need it skip with a message saying so (``make test`` installs it when it can).

:func:`schema_url` gives each test a schema of its own in that server, so tests never see each other's rows.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

URL_VARIABLE = "STORYLINE_TEST_POSTGRES_URL"
DATABASE = "storyline_test"


class Unavailable(Exception):
    """PostgreSQL cannot be run here; the message says why."""


def _bin_dir() -> Path:
    versions = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")]
    if versions:
        # The newest: /usr/lib/postgresql/<major>/bin
        return max(versions, key=lambda b: int(b.parent.name) if b.parent.name.isdigit() else 0)
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(os.path.realpath(on_path)).parent
    raise Unavailable(
        "PostgreSQL is not installed (no pg_ctl in /usr/lib/postgresql/*/bin or on PATH); `make test` installs "
        "Debian's postgresql package when run as root, or set STORYLINE_TEST_POSTGRES_URL"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """One initdb'd data folder and the server running on it."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self.port = _free_port()
        self.running = False
        self._run("initdb", "-D", str(self.root / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "server.log"), "-w", "-t", "30", "-o", options, "start")
        self.running = True
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", DATABASE)
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=self.root)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise Unavailable(f"{program} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()} {tail}")

    def stop(self) -> None:
        if self.running:
            with contextlib.suppress(Exception):
                self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)


@functools.lru_cache(maxsize=1)
def _server() -> str | Unavailable:
    if os.environ.get(URL_VARIABLE):
        return os.environ[URL_VARIABLE]
    try:
        cluster = Cluster()
    except Unavailable as error:
        return error
    except (OSError, subprocess.SubprocessError, KeyError, LookupError) as error:
        return Unavailable(f"the test PostgreSQL server could not be started: {type(error).__name__}: {error}")
    atexit.register(cluster.stop)
    return cluster.url


def server_url() -> str:
    """The session's PostgreSQL URL, starting the server on first use; skips the test when it cannot."""
    url = _server()
    if isinstance(url, Unavailable):
        pytest.skip(f"PostgreSQL store tests skipped: {url}")
    return url


@contextlib.contextmanager
def schema_url() -> Iterator[str]:
    """A URL whose connections work in a fresh, empty schema, dropped afterwards."""
    import psycopg

    url = server_url()
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {name}")
    try:
        separator = "&" if "?" in url else "?"
        yield f"{url}{separator}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {name} CASCADE")
