"""Figures, stances and pressures against the hand-annotated claims dev set (issue 5).

What is read
    ``benchmarks/data/claims_dev.jsonl`` holds annotations only (article ids and character offsets,
    see ``benchmarks/data/README.md``). Each article's text is ``articleBody`` in
    ``../shared/data/aeb/ground-truth.json``; the script exits with a one-line message when that
    file is absent, and refuses an article whose length differs from the annotated ``chars``.

What is run
    The trained pipeline (``storyline.analyze.load_pipeline()``) on each article body, then on the
    doc: ``find_figures`` from ``storyline.pipeline.figures`` (reported as "not available" when that
    module or function cannot be imported) and ``find_stances`` from ``storyline.pipeline.stances``,
    both given ``doc._.entities``, ``doc._.token_entity`` and ``doc._.quotes`` (figures also get
    ``doc._.time_expressions``).

How it scores
    Matching is one-to-one and greedy: every (gold, predicted) pair that qualifies is a candidate,
    candidates are taken in order of character overlap (largest first; ties by position) while both
    sides are still free. Precision = matched / predicted, recall = matched / gold, F1 their
    harmonic mean.

    figures    a pair qualifies when the spans overlap by >= 1 character.
               *Source accuracy*, on matched figures: right when both sources are null, or the
               predicted source mention overlaps the gold source span, or the last word of the
               predicted source name (case folded, possessive 's dropped) is the last word of the
               gold ``canonical`` or ``name``. A null on one side only is wrong.
    stances    a pair qualifies when the actors match and the evidence spans overlap by >= 1
               character and the polarities are equal (the *lenient* row drops the polarity).
               Actors match when the predicted mention overlaps the gold actor span, or the last
               word of the predicted name is the last word of the gold ``canonical`` or ``name``
               (the same rule as sources). Overlap for the greedy order is the evidence overlap.
               *reported_by accuracy*, on matched stances: both null, or the two actors match.
    pressures  a pair qualifies when the source actors match and the evidence spans overlap.
               *Target accuracy*, on matched pressures: both null, or the two actors match.
    issues     on the matched stances of each article, every pair of them is a pair of the same
               issue or not, in gold and in the prediction; *issue pair agreement* is the share of
               pairs where the two agree (pairs counted over all articles).

Usage
    .venv/bin/python benchmarks/claims.py               # the tables
    .venv/bin/python benchmarks/claims.py --worst 8     # plus the 8 articles with the most misses

``--worst`` prints short article snippets to the terminal: never paste them into a repository file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from timeit import default_timer
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, SHARED, format_table, import_storyline

GOLD = ROOT / "benchmarks" / "data" / "claims_dev.jsonl"
AEB = SHARED / "data" / "aeb" / "ground-truth.json"
KEYS = ("figures", "stances", "pressures")


# --- the items compared ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """An actor reduced to what the scorer compares: a span and the names to match by last word."""

    span: tuple[int, int] | None
    names: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One figure, stance or pressure, gold or predicted."""

    span: tuple[int, int]  # the figure itself, or the evidence
    who: Who | None = None  # figure source, stance actor, pressure source
    other: Who | None = None  # stance reported_by, pressure target
    polarity: str | None = None
    issue: str | None = None
    label: str = ""  # a short description for --worst


@dataclass
class Scores:
    gold: int = 0
    pred: int = 0
    matched: int = 0

    def add(self, gold: int, pred: int, matched: int) -> None:
        self.gold += gold
        self.pred += pred
        self.matched += matched

    def row(self, name: str) -> list[object]:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return [name, self.gold, self.pred, self.matched, p, r, f]


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    def cell(self) -> str:
        return f"{self.right / self.total:.3f} ({self.right}/{self.total})" if self.total else "-"


@dataclass
class ArticleMisses:
    id: str
    text: str
    missed: dict[str, list[Item]] = field(default_factory=dict)
    spurious: dict[str, list[Item]] = field(default_factory=dict)

    def count(self) -> int:
        return sum(map(len, self.missed.values())) + sum(map(len, self.spurious.values()))


# --- gold and predictions as items ----------------------------------------------------------------


def _who_from_gold(data: dict[str, Any] | None) -> Who | None:
    if not data:
        return None
    names = tuple(n for n in (data.get("canonical"), data.get("name")) if n)
    return Who((data["start"], data["end"]), names)


def _who_from_actor(actor: Any) -> Who | None:
    if actor is None:
        return None
    mention = actor.mention
    return Who((mention.start, mention.end) if mention is not None else None, (actor.name,))


def gold_items(record: dict[str, Any]) -> dict[str, list[Item]]:
    figures = [
        Item((f["start"], f["end"]), _who_from_gold(f.get("source")), label=f["text"]) for f in record["figures"]
    ]
    stances = [
        Item(
            (s["evidence"]["start"], s["evidence"]["end"]),
            _who_from_gold(s["actor"]),
            _who_from_gold(s.get("reported_by")),
            s["polarity"],
            s["issue"],
            f"{s['actor']['name']} {s['polarity']} {s['target']!r}",
        )
        for s in record["stances"]
    ]
    pressures = [
        Item(
            (p["evidence"]["start"], p["evidence"]["end"]),
            _who_from_gold(p["source"]),
            _who_from_gold(p.get("target")),
            label=f"{p['source']['name']} -> {(p.get('target') or {}).get('name')} {p['cue']['text']!r}",
        )
        for p in record["pressures"]
    ]
    return {"figures": figures, "stances": stances, "pressures": pressures}


def predicted_items(figures: Sequence[Any] | None, stances: Sequence[Any], pressures: Sequence[Any]) -> dict[str, list[Item]]:
    items: dict[str, list[Item]] = {}
    if figures is not None:
        items["figures"] = [Item((f.start, f.end), _who_from_actor(f.source), label=f.text) for f in figures]
    items["stances"] = [
        Item(
            (s.evidence.start, s.evidence.end),
            _who_from_actor(s.actor),
            _who_from_actor(s.reported_by),
            s.polarity,
            s.issue,
            f"{s.actor.name} {s.polarity} {s.target!r}"
            + (f" (reported by {s.reported_by.name})" if s.reported_by else ""),
        )
        for s in stances
    ]
    items["pressures"] = [
        Item(
            (p.evidence.start, p.evidence.end),
            _who_from_actor(p.source),
            _who_from_actor(p.target),
            label=f"{p.source.name} -> {p.target.name if p.target else None} {p.cue.text!r} ({p.demand})",
        )
        for p in pressures
    ]
    return items


# --- matching -------------------------------------------------------------------------------------


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def last_word(name: str) -> str | None:
    words = re.findall(r"\w+", re.sub(r"['’]s?\s*$", "", name.strip()).casefold())
    return words[-1] if words else None


def same_actor(gold: Who | None, pred: Who | None) -> bool:
    """Both absent, or the predicted mention overlaps the gold span, or the last words agree."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if gold.span is not None and pred.span is not None and overlap(gold.span, pred.span) > 0:
        return True
    gold_words = {last_word(n) for n in gold.names} - {None}
    return any(last_word(n) in gold_words for n in pred.names)


Rule = Callable[[Item, Item], bool]


def match(golds: Sequence[Item], preds: Sequence[Item], rule: Rule) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greedy by span overlap."""
    candidates = sorted(
        (-overlap(g.span, p.span), i, j)
        for i, g in enumerate(golds)
        for j, p in enumerate(preds)
        if overlap(g.span, p.span) > 0 and rule(g, p)
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return sorted(pairs)


RULES: dict[str, Rule] = {
    "figures": lambda g, p: True,
    "stances": lambda g, p: same_actor(g.who, p.who) and g.polarity == p.polarity,
    "stances (lenient)": lambda g, p: same_actor(g.who, p.who),
    "pressures": lambda g, p: same_actor(g.who, p.who),
}


# --- running ---------------------------------------------------------------------------------------


def load_gold() -> list[tuple[dict[str, Any], str]]:
    if not AEB.is_file():
        sys.exit(
            f"error: {AEB} not found. benchmarks/claims.py reads the article texts from ../shared/data/aeb "
            "beside the project root (they are never copied into the repository)."
        )
    truth = json.loads(AEB.read_text(encoding="utf-8"))
    pairs = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        body = (truth.get(record["id"]) or {}).get("articleBody")
        if body is None or len(body) != record["chars"]:
            sys.exit(f"error: article {record['id'][:10]} is missing from {AEB} or differs from the annotated copy")
        pairs.append((record, body))
    return pairs


def figure_finder() -> Callable[..., Any] | None:
    try:
        from storyline.pipeline.figures import find_figures
    except ImportError:
        return None
    return find_figures


def snippet(text: str, span: tuple[int, int], width: int = 110) -> str:
    piece = " ".join(text[span[0] : span[1]].split())
    return piece if len(piece) <= width else piece[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--worst", type=int, default=0, help="print the N articles with the most misses")
    args = parser.parse_args(argv)

    articles = load_gold()
    import_storyline()
    from storyline.analyze import load_pipeline
    from storyline.pipeline.stances import find_stances

    find_figures = figure_finder()
    nlp = load_pipeline()

    totals = {key: Scores() for key in ("figures", *RULES) if key != "figures" or find_figures is not None}
    source_acc, reported_acc, target_acc, issue_agree = Ratio(), Ratio(), Ratio(), Ratio()
    misses: list[ArticleMisses] = []
    seconds = {"pipeline": 0.0, "figures": 0.0, "stances": 0.0}
    for record, body in articles:
        t0 = default_timer()
        doc = nlp(body)
        t1 = default_timer()
        entities, token_entity, quotes = doc._.entities, doc._.token_entity, doc._.quotes
        figures = None
        if find_figures is not None:
            figures = find_figures(doc, entities, token_entity, quotes, doc._.time_expressions or ())
        t2 = default_timer()
        stances, pressures = find_stances(doc, entities, token_entity, quotes)
        t3 = default_timer()
        seconds["pipeline"] += t1 - t0
        seconds["figures"] += t2 - t1
        seconds["stances"] += t3 - t2

        gold = gold_items(record)
        pred = predicted_items(figures, stances, pressures)
        article = ArticleMisses(record["id"], body)
        for key, rule in (("figures", RULES["figures"]), *((k, r) for k, r in RULES.items() if k != "figures")):
            base = key.split(" ")[0]
            if base not in pred:
                continue
            pairs = match(gold[base], pred[base], rule)
            totals[key].add(len(gold[base]), len(pred[base]), len(pairs))
            if key == "stances (lenient)":
                continue
            golds, preds = gold[base], pred[base]
            for i, j in pairs:
                if base == "figures":
                    source_acc.add(same_actor(golds[i].who, preds[j].who))
                elif base == "stances":
                    reported_acc.add(same_actor(golds[i].other, preds[j].other))
                else:
                    target_acc.add(same_actor(golds[i].other, preds[j].other))
            if base == "stances":
                for a, (i, j) in enumerate(pairs):
                    for k, m in pairs[a + 1 :]:
                        issue_agree.add((golds[i].issue == golds[k].issue) == (preds[j].issue == preds[m].issue))
            matched_gold = {i for i, _ in pairs}
            matched_pred = {j for _, j in pairs}
            article.missed[base] = [g for i, g in enumerate(golds) if i not in matched_gold]
            article.spurious[base] = [p for j, p in enumerate(preds) if j not in matched_pred]
        misses.append(article)

    print(f"claims dev: {len(articles)} articles ({GOLD.relative_to(ROOT)})")
    print(
        f"time: pipeline {seconds['pipeline']:.1f}s, figures {seconds['figures']:.2f}s, stances {seconds['stances']:.2f}s"
    )
    if find_figures is None:
        print("figures: not available (storyline.pipeline.figures.find_figures cannot be imported)")
    print()
    headers = ["key", "gold", "pred", "match", "P", "R", "F1"]
    print(format_table(headers, [totals[key].row(key) for key in totals]))
    print()
    extra = [
        ["figure source accuracy (matched figures)", source_acc.cell() if find_figures is not None else "not available"],
        ["stance reported_by accuracy (matched stances)", reported_acc.cell()],
        ["stance issue pair agreement (matched stances)", issue_agree.cell()],
        ["pressure target accuracy (matched pressures)", target_acc.cell()],
    ]
    print(format_table(["measure", "value"], extra))

    if args.worst:
        print(f"\nThe {args.worst} articles with the most misses (snippets for error analysis: keep out of the repo)")
        for article in sorted(misses, key=lambda a: -a.count())[: args.worst]:
            print(f"\n== {article.id[:10]}: {article.count()} misses")
            for key in KEYS:
                for item in article.missed.get(key, []):
                    print(f"  MISSED   {key[:-1]:8} {item.label} | {snippet(article.text, item.span)}")
                for item in article.spurious.get(key, []):
                    print(f"  SPURIOUS {key[:-1]:8} {item.label} | {snippet(article.text, item.span)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
