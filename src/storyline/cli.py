"""The ``storyline`` command: thin wrappers over the library.

``storyline analyze FILE...`` reads each input lazily, streams the documents through
:func:`storyline.analyze.analyze_many`, and writes one briefing or record per input. An input that cannot be
read is reported on stderr as one line (``storyline: <source>: <reason>``) and skipped; the rest are still
analyzed, and a summary closes the run.

``storyline ingest PATH...`` reads articles, feeds, JSONL and WARC files (:mod:`storyline.ingest.sources`),
analyzes the articles the store does not hold yet, and writes each one into the store
(:mod:`storyline.store`) in its own transaction, so a run can be stopped at any moment and resumed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from storyline import __version__
from storyline.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    NoArticleBodyError,
    NotEnglishError,
    StorylineError,
    TooLargeError,
)
from storyline.ingest import (
    DEFAULT_MAX_BYTES,
    INPUT_SUFFIXES,
    STDIN,
    STDIN_SOURCE,
    iter_inputs,
    parse_date,
    read_path,
    read_stdin,
)
from storyline.model import Document, Record
from storyline.run import RUNNERS

if TYPE_CHECKING:
    from rich.console import Console

    from storyline.run.local import IngestTally

PROG = "storyline"
FORMATS = ("md", "json", "jsonl", "html")
TERMINAL = "terminal"  # the default format: a readable briefing
# With no --format, an --output file's suffix picks the format.
_FORMAT_BY_SUFFIX = {".md": "md", ".markdown": "md", ".json": "json", ".jsonl": "jsonl", ".html": "html", ".htm": "html"}
# How the summary line names each kind of failure.
_KINDS: tuple[tuple[type[InputError], str], ...] = (
    (EmptyInputError, "empty"),
    (BinaryInputError, "binary"),
    (EncodingError, "unknown encoding"),
    (TooLargeError, "too large"),
    (NoArticleBodyError, "no article body"),
    (NotEnglishError, "not English"),
)
# The summary names this many failed inputs, then counts the rest.
_SUMMARY_NAMES = 10

ANALYZE_DESCRIPTION = """\
Read news articles and print who is who and who said what, every item grounded in the article's text.

FILE may be a file, a folder, or - for standard input. Files ending .html/.htm (or .html.gz) go through
trafilatura, which finds the article body, title and publication date in the page; .txt/.text/.md files are
read as plain text; other files (and stdin) are told apart by their content. A folder is searched
recursively for .txt, .text, .md, .html and .htm files (and their .gz), in sorted order, skipping hidden
files and notes such as README.md."""

ANALYZE_EPILOG = f"""\
output formats:
  (default)  a readable briefing in the terminal, one per input
  md         a Markdown briefing per input, separated by horizontal rules
  json       the record as pretty JSON: one object for a single FILE, an array when FILE is a folder
             or there are several
  jsonl      one record per line, in input order (the format for pipelines and large corpora)
  html       one standalone page with a briefing for each input

  With --output and no --format, the file's suffix picks the format (.md, .json, .jsonl, .html).
  Records follow the contract in docs/record.md. Their document.source is the path as given on the
  command line (for a file found in a folder: the folder as given joined with the file's path inside it),
  and "{STDIN_SOURCE}" for standard input.

bad inputs:
  An input that is empty, binary, not UTF-8 (and of no encoding that can be told with confidence), over
  --max-bytes, an HTML page with no article body, or not in English is reported on stderr as one line,
  "storyline: <source>: <reason>", and skipped; the rest are still analyzed and a summary line ends the run.

exit status:
  0  every input was analyzed
  1  storyline could not run (the NLP pipeline is missing, the output cannot be written, a bug)
  2  some input could not be read, or the command line is wrong

examples:
  storyline analyze article.txt
  storyline analyze page.html --format md -o briefing.md
  storyline analyze articles/ --format jsonl > records.jsonl
  cat article.txt | storyline analyze - --published 2025-02-03 --format json
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version and usage errors: argparse has printed what to say
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (`storyline analyze ... | head`): stop quietly, as other Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except StorylineError as error:
        _error(f"error: {error}")
        return 1
    except Exception as error:  # noqa: BLE001  (one line, not a traceback; the status says it failed)
        _error(f"unexpected error: {type(error).__name__}: {error}")
        return 1
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="storyline reads the news the way a good analyst does: entities, roles, quotes and "
        "speakers, each grounded in the article's text.",
        epilog=f"Run '{PROG} COMMAND --help' (analyze, ingest, quotes, timeline, actors, figures, stances, network, search, export) for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze = commands.add_parser(
        "analyze",
        help="read articles and print who is who and who said what",
        description=ANALYZE_DESCRIPTION,
        epilog=ANALYZE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    analyze.add_argument("files", nargs="+", metavar="FILE", help="an article file, a folder of them, or -")
    analyze.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        type=_date_argument,
        help="the articles' publication date; overrides the date an HTML page gives (it anchors "
        "relative dates such as 'on Monday')",
    )
    analyze.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: a readable briefing in the terminal; see below)",
    )
    analyze.add_argument(
        "-o", "--output", metavar="PATH", type=Path, help="write the output to PATH instead of stdout"
    )
    analyze.add_argument(
        "--max-bytes",
        metavar="N",
        type=_size_argument,
        default=DEFAULT_MAX_BYTES,
        help=f"skip inputs larger than N bytes; accepts K and M suffixes (default: {DEFAULT_MAX_BYTES // 2**20}M)",
    )
    analyze.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=_positive_int,
        default=1,
        help="analyze in N processes, each loading its own pipeline (default: 1)",
    )
    analyze.set_defaults(run=run_analyze)
    _add_ingest_parser(commands)
    _add_corpus_parsers(commands)
    _add_serve_parser(commands)
    return parser


@dataclass
class _Tally:
    """What became of each input, for the closing summary."""

    analyzed: int = 0
    failed: list[InputError] = field(default_factory=list)


def run_analyze(args: argparse.Namespace) -> int:
    from storyline.analyze import analyze_many

    fmt: str = args.format or _FORMAT_BY_SUFFIX.get(args.output.suffix.lower() if args.output else "", TERMINAL)
    # One object or one briefing for `analyze FILE`; a list of them as soon as there can be several.
    many = len(args.files) > 1 or any(f != STDIN and Path(f).is_dir() for f in args.files)
    tally = _Tally()
    documents = _read_all(args.files, args.published, args.max_bytes, tally)
    records = _counted(analyze_many(documents, n_process=args.jobs), tally)
    with ExitStack() as stack:
        out: TextIO = sys.stdout
        if args.output is not None:
            try:
                out = stack.enter_context(args.output.open("w", encoding="utf-8"))
            except OSError as error:
                _error(f"cannot write {args.output} ({error.strerror or error}); check the path")
                return 1
        _write(records, fmt, out, many)
    if many or tally.failed:
        _error(_summary(tally))
    return 2 if tally.failed else 0


def _read_all(files: Sequence[str], published: str | None, max_bytes: int, tally: _Tally) -> Iterator[Document]:
    """The documents, read one at a time as the pipeline asks for them; failures are reported and skipped."""
    for item in files:
        if item == STDIN:
            inputs: list[tuple[str, Path | None]] = [(STDIN_SOURCE, None)]
        elif Path(item).is_dir():
            inputs = [(str(path), Path(path)) for path in iter_inputs([item])]
            if not inputs:
                suffixes = ", ".join(INPUT_SUFFIXES)
                _fail(tally, InputError(item, f"the folder has no article files ({suffixes} or .gz of them)"))
        else:
            inputs = [(item, Path(item))]  # the path exactly as given: it becomes document.source
        for source, path in inputs:
            try:
                if path is None:
                    yield read_stdin(published=published, max_bytes=max_bytes)
                else:
                    yield read_path(path, published=published, max_bytes=max_bytes, source=source)
            except InputError as error:
                _fail(tally, error)


def _counted(records: Iterator[Record], tally: _Tally) -> Iterator[Record]:
    for record in records:
        tally.analyzed += 1
        yield record


def _write(records: Iterator[Record], fmt: str, out: TextIO, many: bool) -> None:
    if fmt == "jsonl":
        for record in records:
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            out.flush()
        return

    from storyline import render  # the renderers load rich and jsonschema: only when needed

    if fmt == "json":
        if not many:
            for record in records:
                out.write(render.to_json(record) + "\n")
            return
        out.write("[")
        for i, record in enumerate(records):
            out.write(("," if i else "") + "\n  " + render.to_json(record).replace("\n", "\n  "))
            out.flush()
        out.write("\n]\n")
    elif fmt == "md":
        for i, record in enumerate(records):
            # A blank line before the rule, or Markdown reads "---" as a heading underline.
            out.write(("\n---\n\n" if i else "") + render.to_markdown(record).rstrip("\n") + "\n")
            out.flush()
    elif fmt == "html":
        collected = list(records)
        if collected:
            out.write(render.to_html(collected))
    else:
        console = _console(out)
        for record in records:
            if many:
                console.rule(record.document.source or "", style="dim")
            render.print_briefing(record, console)


def _console(out: TextIO) -> Console:
    from rich.console import Console

    # On a terminal rich picks the width and colours; into a file it writes plain text.
    return Console(file=out) if out is sys.stdout else Console(file=out, width=100, no_color=True)


def _fail(tally: _Tally, error: InputError) -> None:
    tally.failed.append(error)
    _error(_one_line(str(error)))


def _summary(tally: _Tally) -> str:
    text = f"analyzed {tally.analyzed}, skipped {len(tally.failed)}"
    if tally.failed:
        names = [f"{error.source} ({_kind(error)})" for error in tally.failed[:_SUMMARY_NAMES]]
        more = len(tally.failed) - _SUMMARY_NAMES
        text += ": " + ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return text


def _kind(error: InputError) -> str:
    return next((name for cls, name in _KINDS if isinstance(error, cls)), "unreadable")


def _error(message: str) -> None:
    sys.stderr.write(f"{PROG}: {_one_line(message)}\n")
    sys.stderr.flush()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _date_argument(value: str) -> str:
    try:
        return parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


_MULTIPLIERS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)(?:i?b)?\s*$", re.IGNORECASE)


def _size_argument(value: str) -> int:
    """``'5000000'``, ``'500K'``, ``'5M'`` (binary multiples) as a number of bytes."""
    match = _SIZE.match(value)
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size; give a number of bytes such as 500K or 5M")
    return int(match.group(1)) * _MULTIPLIERS[match.group(2).lower()]


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


# --- storyline ingest ----------------------------------------------------------------------------------

INGEST_DESCRIPTION = """\
Analyze articles into a store: a SQLite file (storyline.db by default) or a PostgreSQL database. Each
article is stored with its whole record and its items (entities, quotes, time expressions, events, figures,
stances, pressures) as rows pointing at character offsets, in one transaction per article.

PATH may be a file, a folder (searched recursively), or - for standard input. Files are read by their names:
.txt/.text/.md as plain text, .html/.htm through trafilatura, .rss/.atom/.xml as RSS or Atom feeds (one
article per entry: its full content, or its summary), .jsonl/.ndjson as one JSON object per line
({"text": ..., "title", "published", "source", "url", "outlet"}), .warc as a web crawl (each HTML page), and
any of them .gz-compressed; a file with another name is told by its content."""

INGEST_EPILOG = """\
resuming and re-running:
  An article's id is a hash of its text, and articles already in the store are skipped before they are
  analyzed: ingesting the same input twice adds nothing, and a run that was stopped (Ctrl-C, kill -9, a
  crash) picks up where it left off when run again. No article is ever half-written.

bad inputs:
  An input (or one article in a feed, JSONL or WARC file) that cannot be read is reported on stderr as one
  line, recorded in the store's failures table (path, reason, time), and skipped; the rest are still
  ingested and a summary ends the run. --retry-failed reads the recorded failures' files again and clears
  each failure that now succeeds.

progress:
  On a terminal a progress bar shows articles/s and the time left; otherwise a line every 30 seconds.

runners:
  local  (the default) analyzes on this machine, in --workers processes.
  ray    analyzes on a Ray cluster (pip install 'storyline[ray]'): the cluster at --address (auto, host:port
         or ray://host:port), or without one a private local cluster on 127.0.0.1 with --workers CPUs; one
         analyzer per CPU unless --workers says. Either way this process reads the inputs and writes the
         store, one transaction per article, so the results and the guarantees above are the same; a Ray
         worker that dies is restarted and its articles analyzed again. See docs/deployment.md.

exit status:
  0  every input was ingested (or was already in the store)
  1  storyline could not run (the store cannot be opened, the NLP pipeline is missing, a bug)
  2  some input could not be read, or the command line is wrong

examples:
  storyline ingest articles/ feeds/world.rss wire.jsonl.gz crawl.warc.gz
  storyline ingest archive/ --db postgresql://user@127.0.0.1/news --workers 2
  storyline ingest archive/ --db postgresql://user@db.internal/news --runner ray --address auto
  storyline ingest --retry-failed
"""

# Seconds between progress lines when stderr is not a terminal.
PROGRESS_INTERVAL = 30.0


def _add_ingest_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from storyline.store import DEFAULT_PATH

    ingest = commands.add_parser(
        "ingest",
        help="analyze articles, feeds, JSONL and WARC files into a store, resumably",
        description=INGEST_DESCRIPTION,
        epilog=INGEST_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ingest.add_argument(
        "paths", nargs="*", metavar="PATH", help="a file (article, feed, JSONL, WARC), a folder of them, or -"
    )
    ingest.add_argument(
        "--db",
        metavar="PATH|URL",
        default=os.environ.get("STORYLINE_DB") or DEFAULT_PATH,
        help=f"the store: a SQLite file, or a postgresql:// URL (default: $STORYLINE_DB or {DEFAULT_PATH})",
    )
    ingest.add_argument(
        "-j",
        "--workers",
        metavar="N",
        type=_positive_int,
        default=None,
        help="analyze in N processes (local) or N Ray actors (ray), each loading its own pipeline; this "
        "process writes (default: 1 local, one per CPU of the cluster with ray)",
    )
    ingest.add_argument(
        "--runner",
        choices=RUNNERS,
        default="local",
        help="where the articles are analyzed: this machine, or a Ray cluster (default: local)",
    )
    ingest.add_argument(
        "--address",
        metavar="ADDRESS",
        help="with --runner ray: the cluster to join (auto, host:port, ray://host:port); without it a "
        "private local cluster on 127.0.0.1 is started",
    )
    ingest.add_argument(
        "--retry-failed",
        action="store_true",
        help="also read again the inputs of the failures recorded in the store, clearing those that succeed",
    )
    ingest.add_argument(
        "--published",
        metavar="YYYY-MM-DD",
        type=_date_argument,
        help="the articles' publication date; overrides the dates inputs give",
    )
    ingest.add_argument(
        "--max-bytes",
        metavar="N",
        type=_size_argument,
        default=DEFAULT_MAX_BYTES,
        help=f"skip articles larger than N bytes; accepts K and M suffixes (default: {DEFAULT_MAX_BYTES // 2**20}M)",
    )
    ingest.set_defaults(run=run_ingest)


def run_ingest(args: argparse.Namespace) -> int:
    import time

    from storyline.run import RunnerError, open_runner
    from storyline.run.local import IngestRun
    from storyline.store import open_store

    started = time.monotonic()
    try:
        runner = open_runner(args.runner, workers=args.workers, address=args.address, notice=_error)
    except RunnerError as error:  # not installed, or options that do not go together: a usage error
        _error(str(error))
        return 2
    with runner, open_store(args.db) as store:
        run = IngestRun(
            store,
            args.paths,
            published=args.published,
            max_bytes=args.max_bytes,
            retry_failed=args.retry_failed,
            kind=_ingest_kind,
            report=lambda error: _error(_one_line(str(error))),
        )
        if not run.inputs:
            if args.retry_failed:
                _error(f"no recorded failures to retry in {store.location}")
                return 0
            _error("give the files or folders to ingest (or --retry-failed); see 'storyline ingest --help'")
            return 2
        try:
            with _ingest_progress(run.inputs, run.tally) as progress:
                run.progress = progress
                run.run(runner)
        except KeyboardInterrupt:
            _error(_ingest_summary(run.tally, store.location, store.count(), time.monotonic() - started))
            _error("interrupted: every article stored so far is complete; run the same command to resume")
            raise
        _error(_ingest_summary(run.tally, store.location, store.count(), time.monotonic() - started))
    return 2 if run.tally.failed else 0


def _ingest_kind(error: InputError) -> str:
    from storyline.run.local import UNANALYZED_KIND, UnanalyzedError

    return UNANALYZED_KIND if isinstance(error, UnanalyzedError) else _kind(error)


@contextmanager
def _ingest_progress(inputs: Sequence[str], tally: IngestTally) -> Iterator[Callable[[], None]]:
    """A callable to call after each article: it moves a progress bar on a terminal, and writes a line every
    :data:`PROGRESS_INTERVAL` seconds elsewhere."""
    import time

    if not sys.stderr.isatty():
        started = last = time.monotonic()

        def line() -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL:
                last = now
                rate = tally.done / (now - started) if now > started else 0.0
                _error(
                    f"ingest: {tally.done} done ({tally.added} added, {tally.present} already stored, "
                    f"{len(tally.failed)} failed), {rate:.1f} articles/s"
                )

        yield line
        return

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    from storyline.ingest.sources import estimate_count

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")

    bar = Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        Rate(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )
    task = bar.add_task("ingest", total=estimate_count(inputs))
    with bar:
        yield lambda: bar.update(task, completed=tally.done)


def _ingest_summary(tally: IngestTally, location: str, total: int, seconds: float) -> str:
    rate = f", {tally.done / seconds:.1f} articles/s" if seconds > 0 and tally.done else ""
    text = f"ingested {tally.added} new, {tally.present} already stored, {len(tally.failed)} failed"
    if tally.failed:
        names = [f"{error.source} ({_ingest_kind(error)})" for error in tally.failed[:_SUMMARY_NAMES]]
        more = len(tally.failed) - _SUMMARY_NAMES
        text += " (" + ", ".join(names) + (f" and {more} more" if more > 0 else "") + ")"
    if tally.cleared:
        text += f"; {tally.cleared} earlier failures now ingested"
    return f"{text} in {seconds:.1f}s{rate}; {location} holds {total} articles"


# --- storyline serve -----------------------------------------------------------------------------------

SERVE_DESCRIPTION = """\
Serve the store as a web app and REST API: the overview, the articles (each with its quotes, speakers,
entities, dates, events, figures, stances and pressures highlighted in place), each actor across the corpus
(roles over time, quote book, stances, pressures, figures), the timeline and each event with all its
mentions, the stance/pressure network, the figures with their conflicts, full-text search, and a page to
analyze a pasted or uploaded article. Long lists come a page at a time. Every page has a JSON twin at the
same path with .json; the API's docs are at /api and its OpenAPI document at /api.json. Everything the
pages use is served by the app itself: it works offline. Articles stored since the last request (by
'storyline ingest', which merges them itself, or by /analyze) are merged into the corpus before a page
reads it."""

SERVE_EPILOG = """\
security:
  The server listens on 127.0.0.1 (this machine only) unless --host says otherwise. Article text is shown
  escaped under a strict Content-Security-Policy. With --token, every request needs the token: a browser
  opens any page once with ?token=TOKEN (a cookie keeps it signed in), an API client sends
  'Authorization: Bearer TOKEN'. --read-only refuses to store anything (analyzing still works).

examples:
  storyline serve                                   # storyline.db at http://127.0.0.1:8000/
  storyline serve --db news.db --port 8080 --read-only
  storyline serve --db news.db --workers 4           # four processes: more users at once
  STORYLINE_TOKEN=s3cret storyline serve --host 0.0.0.0 --db postgresql://user@127.0.0.1/news
"""


def _add_serve_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from storyline.store import DEFAULT_PATH

    serve = commands.add_parser(
        "serve",
        help="serve the store as a web app and REST API (http://127.0.0.1:8000/)",
        description=SERVE_DESCRIPTION,
        epilog=SERVE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument(
        "--db",
        metavar="PATH|URL",
        default=os.environ.get("STORYLINE_DB") or DEFAULT_PATH,
        help=f"the store: a SQLite file, or a postgresql:// URL (default: $STORYLINE_DB or {DEFAULT_PATH})",
    )
    serve.add_argument("--host", default="127.0.0.1", help="the address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="the port to listen on (default: 8000)")
    serve.add_argument("--workers", metavar="N", type=_positive_int, default=1,
                       help="server processes sharing the port, for many users at once (default: 1; about one "
                            "per core)")  # fmt: skip
    serve.add_argument("--read-only", action="store_true",
                       help="never store or merge anything (analyzing still works)")  # fmt: skip
    serve.add_argument(
        "--token",
        default=os.environ.get("STORYLINE_TOKEN") or None,
        help="require this access token of every request (default: $STORYLINE_TOKEN; none)",
    )
    serve.add_argument(
        "--max-upload",
        metavar="N",
        type=_size_argument,
        default=DEFAULT_MAX_BYTES,
        help=f"the largest article /analyze accepts; K and M suffixes (default: {DEFAULT_MAX_BYTES // 2**20}M)",
    )
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from storyline.web.app import Settings
    from storyline.web.serve import serve

    settings = Settings(
        db=args.db, read_only=args.read_only, token=args.token, max_upload_bytes=args.max_upload, host=args.host
    )
    return serve(settings, args.port, workers=args.workers)


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1-65535)")
    return int(value)


# --- corpus questions: quotes, timeline, actors, figures, stances, network, search, export ---------------------

CORPUS_FORMATS = ("table", "json", "jsonl", "csv")

CORPUS_EPILOG = """\
the corpus:
  These commands read a store filled by 'storyline ingest'. Opening it first merges the articles stored
  since the last question (a message says how many): the same person across articles becomes one entity,
  the same quote carried by several outlets one quote with all its sources, the same event one event with a
  reconciled date, figures about the same thing one group with its conflicts, and near-duplicate articles
  (wire copies) are linked to their original so that nothing is counted twice.

  --aliases FILE corrects the merges with a small YAML or JSON file, kept in the store for later commands:
    merge:                       # one entity, whatever name it goes by
      - name: Tomas Reker
        aliases: [Tom Reker, T. Reker]
    split:                       # undo a merge
      - name: Reker              # this name...
        articles: [3f2a9c0d1e7b4a65]   # ...in these articles (leave out: everywhere)
        as: Anna Reker           # ...is this entity instead (leave out: an entity of its own)
  'storyline actors --explain NAME' says why an entity holds the names it holds.

output:
  table  a table in the terminal (the default)
  json   one JSON array of rows (network: {"nodes": [...], "edges": [...]})
  jsonl  one JSON row per line (network: its edges)
  csv    one row per line, nested values as JSON text (network: its edges)
  Every row names its article (article_id) and character offsets (start, end) into the article's text.
"""


def _add_corpus_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from storyline.store import DEFAULT_PATH

    def command(name: str, help: str, description: str) -> argparse.ArgumentParser:
        parser = commands.add_parser(
            name, help=help, description=description, epilog=CORPUS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        parser.add_argument(
            "--db",
            metavar="PATH|URL",
            default=os.environ.get("STORYLINE_DB") or DEFAULT_PATH,
            help=f"the store: a SQLite file, or a postgresql:// URL (default: $STORYLINE_DB or {DEFAULT_PATH})",
        )
        parser.add_argument("--aliases", metavar="FILE", type=Path, help="an alias/split file correcting merges (see below)")
        if name != "export":
            parser.add_argument("-f", "--format", choices=CORPUS_FORMATS, default="table", help="output format (default: table)")
            parser.add_argument("-n", "--limit", metavar="N", type=_positive_int, default=None, help="at most N rows")
            parser.add_argument("--all", action="store_true", help="every row (no limit)")
        return parser

    quotes = command("quotes", "quotes from the corpus, each once with every outlet carrying it",
                     "Quotes across the corpus, oldest first; a quote several articles carry is one row listing them all.")  # fmt: skip
    quotes.add_argument("--by", metavar="NAME", help="the speaker: a name, alias or surname")
    quotes.add_argument("--about", metavar="TEXT", help="a full-text query on the quote's words")
    quotes.add_argument("--since", metavar="YYYY-MM-DD", type=_date_argument, help="published on or after")
    quotes.add_argument("--until", metavar="YYYY-MM-DD", type=_date_argument, help="published on or before")
    quotes.set_defaults(run=run_corpus, ask="quotes")

    timeline = command("timeline", "events in date order, merged across articles, dates reconciled",
                       "Events in date order; an event several articles report is one row with all its sources, its date "
                       "reconciled (confidence grows with agreeing sources; disagreement is kept and shown).")  # fmt: skip
    timeline.add_argument("--about", metavar="TEXT", help="events from articles matching a full-text query")
    timeline.add_argument("--actor", metavar="NAME", help="events with this participant")
    timeline.add_argument("--type", metavar="TYPE", help="events of this type (meet, protest, attack, ...)")
    timeline.add_argument("--outlet", metavar="NAME", help="events this outlet reports")
    timeline.add_argument("--since", metavar="YYYY-MM-DD", type=_date_argument, help="dated on or after")
    timeline.add_argument("--until", metavar="YYYY-MM-DD", type=_date_argument, help="dated on or before")
    timeline.set_defaults(run=run_corpus, ask="timeline")

    actors = command("actors", "people and organisations: names, roles over time, quote and mention counts",
                     "The corpus's entities, most mentioned first: canonical name, aliases, roles with the dates of the "
                     "articles that state them, and how many mentions, quotes and articles they have.")  # fmt: skip
    actors.add_argument("name", nargs="?", metavar="NAME", help="only the entity going by NAME")
    actors.add_argument("--type", metavar="TYPE", help="only entities of this type (PERSON, ORG, GPE, ...)")
    actors.add_argument("--explain", action="store_true", help="with NAME: why each of its names was merged into it")
    actors.set_defaults(run=run_corpus, ask="actors")

    figures = command("figures", "figures grouped by what they count, conflicts flagged",
                      "Figures grouped by what they count (same thing, type, unit, dates within a week); a group whose "
                      "sources give figures that do not agree is a conflict: who says what, and when.")  # fmt: skip
    figures.add_argument("--about", metavar="TEXT", help="words of what is counted (\"people killed\")")
    figures.add_argument("--conflicts", action="store_true", help="only groups whose figures disagree")
    figures.add_argument("--by", metavar="NAME", help="only figures this actor is the source of")
    figures.add_argument("--per-group", metavar="N", type=_positive_int, default=20,
                         help="at most N figures of a group: the first source of each value most sources give, then "
                              "the oldest (default: 20; --all shows every one)")  # fmt: skip
    figures.set_defaults(run=run_corpus, ask="figures")

    stances = command("stances", "who stands where on an issue, and who presses whom",
                      "Stances (support, oppose, mixed) and pressures on an issue, oldest first, near-duplicates left out.")  # fmt: skip
    stances.add_argument("--issue", metavar="TEXT", help="an issue key, or words found in one")
    stances.add_argument("--actor", metavar="NAME", help="only this actor's stances and pressures")
    stances.add_argument("--target", metavar="NAME", help="only the pressures on this actor")
    stances.set_defaults(run=run_corpus, ask="stances")

    network = command("network", "the stance/pressure graph: actors, issues, weighted edges with evidence",
                      "The stance and pressure network: actors and issues as nodes, support/oppose/mixed/press edges "
                      "weighted by the articles stating them, heaviest first. 'storyline export --format gexf' writes it "
                      "for Gephi.")  # fmt: skip
    network.add_argument("--min-weight", metavar="N", type=_positive_int, default=1, help="edges stated by N articles or more")
    network.add_argument("--issue", metavar="KEY", help="only the edges to and from this issue")
    network.add_argument("--since", metavar="YYYY-MM-DD", type=_date_argument,
                         help="weigh edges by the articles published on or after")  # fmt: skip
    network.add_argument("--until", metavar="YYYY-MM-DD", type=_date_argument,
                         help="weigh edges by the articles published on or before")  # fmt: skip
    network.set_defaults(run=run_corpus, ask="network")

    search = command("search", "full-text search over articles and quotes",
                     "Articles and quotes matching a query, best first: words, \"quoted phrases\", 'or', -excluded.")  # fmt: skip
    search.add_argument("text", metavar="TEXT", help="the query")
    search.set_defaults(run=run_corpus, ask="search")

    export = command("export", "write the corpus for pandas, spreadsheets and Gephi",
                     "Write the corpus tables (actors, quotes, events, figures, stances, nodes, edges) as Parquet, CSV or "
                     "JSONL files in a folder, or the stance/pressure network as GraphML or GEXF.")  # fmt: skip
    from storyline.corpus.export import FORMATS as EXPORT_FORMATS

    export.add_argument("-f", "--format", choices=EXPORT_FORMATS, required=True, help="the file format")
    export.add_argument("-o", "--out", metavar="DIR|FILE", type=Path, default=None,
                        help="a folder for tables (default: ./export), a file for graphs (default: ./network.FORMAT)")  # fmt: skip
    export.set_defaults(run=run_export)


def _open_corpus(args: argparse.Namespace) -> Any:
    from storyline.corpus import Corpus
    from storyline.corpus.index import pending
    from storyline.store import open_store

    store = open_store(args.db)
    try:
        waiting = pending(store)
        if waiting:
            _error(f"merging {waiting} new article{'s' if waiting != 1 else ''} into the corpus")
        return Corpus(store, aliases=args.aliases)
    except BaseException:
        store.close()
        raise


def run_corpus(args: argparse.Namespace) -> int:
    from storyline.corpus import Network

    corpus = _open_corpus(args)
    try:
        limit = None if args.all else args.limit
        limit_args = {} if limit is None and not args.all else {"limit": limit}
        ask = args.ask
        result: Any
        if ask == "quotes":
            result = corpus.quotes(by=args.by, about=args.about, since=args.since, until=args.until, **limit_args)
        elif ask == "timeline":
            result = corpus.timeline(about=args.about, actor=args.actor, type=args.type, outlet=args.outlet,
                                     since=args.since, until=args.until, **limit_args)  # fmt: skip
        elif ask == "actors":
            if args.explain:
                if not args.name:
                    _error("--explain needs a NAME: storyline actors NAME --explain")
                    return 2
                explanation = corpus.explain(args.name)
                if args.format == "table":
                    sys.stdout.write(str(explanation) + "\n")
                else:
                    _write_rows([explanation], args.format, "explain")
                return 0
            result = corpus.actors(args.name, type=args.type, **limit_args)
        elif ask == "figures":
            per_group = None if args.all else args.per_group
            result = corpus.figures(about=args.about, conflicts=args.conflicts, said_by=args.by, per_group=per_group,
                                    **limit_args)  # fmt: skip
        elif ask == "stances":
            result = corpus.stances(issue=args.issue, actor=args.actor, target=args.target, **limit_args)
        elif ask == "network":
            result = corpus.network(issue=args.issue, since=args.since, until=args.until, min_weight=args.min_weight,
                                    **limit_args)  # fmt: skip
        else:
            result = corpus.search(args.text, **({"limit": limit} if limit else {"limit": 10**9} if args.all else {}))
        if isinstance(result, Network):
            if args.format == "json":
                sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
            else:
                _write_rows(list(result.edges), args.format, "network", nodes={n.id: n.label for n in result.nodes})
        else:
            _write_rows(result, args.format, ask)
    finally:
        corpus.close()
        corpus.store.close()
    return 0


def run_export(args: argparse.Namespace) -> int:
    from storyline.corpus.export import GRAPH_FORMATS, export

    out = args.out or (Path(f"network.{args.format}") if args.format in GRAPH_FORMATS else Path("export"))
    corpus = _open_corpus(args)
    try:
        written = export(corpus, args.format, out)
    finally:
        corpus.store.close()
    _error(f"wrote {', '.join(str(p) for p in written)}")
    return 0


def _write_rows(rows: Sequence[Any], fmt: str, ask: str, nodes: dict[str, str] | None = None) -> None:
    from storyline.corpus import flat

    if fmt == "json":
        sys.stdout.write(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        import csv

        if not rows:
            return
        writer = csv.DictWriter(sys.stdout, fieldnames=list(flat(rows[0])), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(flat(row))
    else:
        _print_table(rows, ask, nodes or {})


def _sources_cell(sources: Sequence[Any]) -> str:
    originals = [s for s in sources if s.copy_of is None]
    outlets = sorted({s.outlet for s in originals if s.outlet})
    text = f"{len(originals)}" + (f" ({', '.join(outlets[:3])}{', ...' if len(outlets) > 3 else ''})" if outlets else "")
    copies = len(sources) - len(originals)
    return text + (f" +{copies} cop{'ies' if copies != 1 else 'y'}" if copies else "")


def _where(article_id: str | None, start: int | None, end: int | None) -> str:
    return f"{(article_id or '')[:8]}:{start}-{end}" if article_id else ""


def _print_table(rows: Sequence[Any], ask: str, nodes: dict[str, str]) -> None:
    from rich.table import Table

    columns: dict[str, tuple[str, ...]] = {
        "quotes": ("published", "speaker", "quote", "sources", "where"),
        "timeline": ("date", "confidence", "event", "participants", "what", "sources"),
        "actors": ("name", "type", "mentions", "quotes", "articles", "roles", "aliases"),
        "figures": ("counted", "figure", "said by", "date", "outlet", "where"),
        "stances": ("published", "actor", "stance", "issue / target", "where"),
        "network": ("source", "relation", "target", "weight"),
        "search": ("kind", "published", "title", "text", "where"),
    }
    table = Table(show_lines=False, header_style="bold")
    for name in columns[ask]:
        table.add_column(name, overflow="fold", justify="right" if name in ("mentions", "quotes", "articles", "weight", "confidence") else "left")
    for row in rows:
        if ask == "quotes":
            table.add_row(row.published or "", row.speaker or "?", row.text, _sources_cell(row.sources), _where(row.article_id, row.start, row.end))
        elif ask == "timeline":
            dates = ", ".join(f"{d.value} ({d.sources})" for d in row.dates if not d.agrees)
            date = (row.date or "undated") + (f" [conflict: {dates}]" if row.date_conflict else "")
            table.add_row(date, f"{row.date_confidence:.2f}", f"{row.type} ({row.status})",
                          ", ".join(p.name for p in row.participants), row.summary, _sources_cell(row.sources))  # fmt: skip
        elif ask == "actors":
            roles = "; ".join(f"{r.role} ({r.dates[0]}{' – ' + r.dates[-1] if len(r.dates) > 1 else ''})" if r.dates else r.role for r in row.roles)
            table.add_row(row.name, row.type, str(row.mentions), str(row.quotes), str(row.articles), roles, ", ".join(row.aliases[:5]))
        elif ask == "figures":
            mark = "⚠ " if row.conflict else ""
            table.add_row(mark + row.counted, row.text, row.said_by or "", row.date or row.published or "", row.outlet or "",
                          _where(row.article_id, row.start, row.end) + (" (copy)" if row.copy_of else ""))  # fmt: skip
        elif ask == "stances":
            table.add_row(row.published or "", row.actor, row.polarity, f"{row.issue or ''} / {row.target}", _where(row.article_id, row.start, row.end))
        elif ask == "network":
            table.add_row(nodes.get(row.source, row.source), row.relation, nodes.get(row.target, row.target), str(row.weight))
        else:
            table.add_row(row.kind, row.published or "", row.title or row.outlet or "", row.text, _where(row.article_id, row.start, row.end))
    _console(sys.stdout).print(table)
    if not rows:
        _error("no rows")


if __name__ == "__main__":
    sys.exit(main())
