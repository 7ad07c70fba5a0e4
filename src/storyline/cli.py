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
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

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

if TYPE_CHECKING:
    from rich.console import Console

    from storyline.ingest.sources import Found
    from storyline.store import Store

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
        epilog=f"Run '{PROG} COMMAND --help' (analyze, ingest) for the options of a command.",
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

exit status:
  0  every input was ingested (or was already in the store)
  1  storyline could not run (the store cannot be opened, the NLP pipeline is missing, a bug)
  2  some input could not be read, or the command line is wrong

examples:
  storyline ingest articles/ feeds/world.rss wire.jsonl.gz crawl.warc.gz
  storyline ingest archive/ --db postgresql://user@127.0.0.1/news --workers 2
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
        default=1,
        help="analyze in N processes, each loading its own pipeline; one process writes (default: 1)",
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


@dataclass
class _IngestTally:
    """What became of each article, for the progress line and the closing summary."""

    added: int = 0
    present: int = 0  # already in the store (or twice in this run)
    cleared: int = 0  # failures recorded by an earlier run that have now succeeded
    failed: list[InputError] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.added + self.present + len(self.failed)


def run_ingest(args: argparse.Namespace) -> int:
    import time

    from storyline.analyze import analyze_many
    from storyline.store import open_store

    started = time.monotonic()
    with open_store(args.db) as store:
        run = _IngestRun(store, args)
        if not run.inputs:
            if args.retry_failed:
                _error(f"no recorded failures to retry in {store.location}")
                return 0
            _error("give the files or folders to ingest (or --retry-failed); see 'storyline ingest --help'")
            return 2
        try:
            with _ingest_progress(run.inputs, run.tally) as progress:
                run.progress = progress
                for record in analyze_many(run.documents(), n_process=args.workers):
                    run.store_record(record)
        except KeyboardInterrupt:
            _error(_ingest_summary(run.tally, store.location, store.count(), time.monotonic() - started))
            _error("interrupted: every article stored so far is complete; run the same command to resume")
            raise
        _error(_ingest_summary(run.tally, store.location, store.count(), time.monotonic() - started))
    return 2 if run.tally.failed else 0


class _IngestRun:
    """One ``storyline ingest``: reads the inputs, sends the articles the store lacks to the pipeline, stores
    what comes back (in the order sent), and keeps the failures table up to date."""

    def __init__(self, store: Store, args: argparse.Namespace) -> None:
        self.store = store
        self.published: str | None = args.published
        self.max_bytes: int = args.max_bytes
        self.tally = _IngestTally()
        self.progress: Callable[[], None] = lambda: None
        # Failures recorded by earlier runs, cleared as their articles get stored.
        self.earlier = {failure.path for failure in store.failures()}
        self.inputs: list[str] = list(args.paths)
        if args.retry_failed:
            retry = (f.input for f in store.failures() if f.input != STDIN and f.input not in self.inputs)
            self.inputs.extend(dict.fromkeys(retry))
        self.pending: deque[Found] = deque()  # sent to the pipeline, in order, not stored yet
        self.in_flight: set[str] = set()

    def documents(self) -> Iterator[Document]:
        """The documents to analyze: failures are recorded, articles already stored skipped (before any NLP)."""
        from storyline.ingest.sources import Failed, iter_documents, iter_sources

        for name in self.inputs:  # a folder recorded as empty that now holds inputs
            if name in self.earlier and Path(name).is_dir() and next(iter(iter_sources([name])), None):
                self.store.clear_failure(name)
                self.earlier.discard(name)
                self.tally.cleared += 1
        for item in iter_documents(self.inputs, published=self.published, max_bytes=self.max_bytes):
            if isinstance(item, Failed):
                error = item.error
                self.store.record_failure(error.source, error.reason, input=item.input, kind=_kind(error))
                self.earlier.discard(error.source)  # failed again: no article of this run clears it
                self.tally.failed.append(error)
                _error(_one_line(str(error)))
                self.progress()
            elif item.document.id in self.in_flight or self.store.has(item.document.id):
                self.tally.present += 1
                self._settle(item)
                self.progress()
            else:
                self.in_flight.add(item.document.id)
                self.pending.append(item)
                yield item.document

    def store_record(self, record: Record) -> None:
        found = self.pending.popleft()
        if self.store.add(record, outlet=found.outlet):
            self.tally.added += 1
        else:
            self.tally.present += 1
        self.in_flight.discard(found.document.id)
        self._settle(found)
        self.progress()

    def _settle(self, found: Found) -> None:
        """The article is in the store: an earlier failure of it (or of its whole file) is over."""
        for key in (found.location, found.input):
            if key in self.earlier:
                self.store.clear_failure(key)
                self.earlier.discard(key)
                self.tally.cleared += 1


@contextmanager
def _ingest_progress(inputs: Sequence[str], tally: _IngestTally) -> Iterator[Callable[[], None]]:
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


def _ingest_summary(tally: _IngestTally, location: str, total: int, seconds: float) -> str:
    rate = f", {tally.done / seconds:.1f} articles/s" if seconds > 0 and tally.done else ""
    text = f"ingested {tally.added} new, {tally.present} already stored, {len(tally.failed)} failed"
    if tally.failed:
        names = [f"{error.source} ({_kind(error)})" for error in tally.failed[:_SUMMARY_NAMES]]
        more = len(tally.failed) - _SUMMARY_NAMES
        text += " (" + ", ".join(names) + (f" and {more} more" if more > 0 else "") + ")"
    if tally.cleared:
        text += f"; {tally.cleared} earlier failures now ingested"
    return f"{text} in {seconds:.1f}s{rate}; {location} holds {total} articles"


if __name__ == "__main__":
    sys.exit(main())
