"""The ``storyline`` command: thin wrappers over the library.

``storyline analyze FILE...`` reads each input lazily, streams the documents through
:func:`storyline.analyze.analyze_many`, and writes one briefing or record per input. An input that cannot be
read is reported on stderr as one line (``storyline: <source>: <reason>``) and skipped; the rest are still
analyzed, and a summary closes the run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
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
        epilog=f"Run '{PROG} analyze --help' for the options of the analyze command.",
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


if __name__ == "__main__":
    sys.exit(main())
