"""The rules that decide what is the same thing across articles: pure functions, no database.

Entities. Each article's entity gets a *key*; entities with the same key are one corpus entity:

- a person's key is first name + surname, folded (``"Donald J. Trump"`` and ``"Donald Trump"`` are
  ``"donald trump"``; accents, case, initials, titles and ``Jr.`` do not count);
- anything else (organisation, place, group...) is keyed by its folded name without a leading "the"; an
  all-capitals acronym is its own key, and a full name whose article gives its acronym (``NASA``) is keyed by
  the acronym, so "NASA" and "National Aeronautics and Space Administration (NASA)" are one entity;
- a person named by one word only ("Reker") is resolved against the people the corpus knows with that
  surname (:func:`resolve_surname`): the one named in the same article, the only one there is, or the one who
  co-occurs with this article's other entities; when that cannot be told it stays an entity of its own.

An alias file (:class:`AliasRules`) overrides these rules: names to merge, and names to split off.

Every decision carries ``how`` (a short code) and ``detail`` (a sentence), which ``Corpus.explain`` shows.

Quotes: one quote is one speaker and a normalized sentence (:func:`sentence_keys`); two quotes by the same
speaker sharing a sentence (after folding case, punctuation and typography) are one quote.

Events: same type, a shared participant and overlapping dates (:func:`day_range`) make one event (spanning a
month at most, so daily reports do not chain into one); its date is reconciled from what each source states
(:func:`reconcile_dates`).

Figures: the same thing counted (:func:`counted_key`), of the same type and unit, at dates within a week, are
one group (spanning a month at most); values whose ranges do not overlap (:func:`interval`) are a conflict.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.errors import StorylineError

PERSON = "person"
NAMED = "entity"  # organisations, places, groups, works...: keyed by their whole name

# Words before a name that are not part of it (the pipeline usually keeps them out already).
TITLES = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister secretary senator sen "
    "rep representative gov governor mayor judge justice gen general col colonel capt captain lt sgt officer "
    "chancellor king queen prince princess pope rev reverend father sister brother saint st chief ceo chair "
    "chairman chairwoman commissioner ambassador deputy former acting interim".split()
)
SUFFIXES = frozenset("jr sr ii iii iv v phd md esq".split())
# Common English short forms of first names: "Pat Carlineo" is Patrick Carlineo.
NICKNAMES = {
    short: full
    for full, shorts in {
        "alexander": "alex", "andrew": "andy drew", "anthony": "tony", "benjamin": "ben", "charles": "charlie chuck",
        "christopher": "chris", "daniel": "dan danny", "david": "dave", "edward": "ed eddie ted", "elizabeth": "liz beth betsy",
        "james": "jim jimmy jamie", "jennifer": "jen jenny", "john": "jack johnny", "jonathan": "jon", "joseph": "joe joey",
        "katherine": "kate kathy katie", "kenneth": "ken kenny", "margaret": "maggie peggy meg", "matthew": "matt",
        "michael": "mike mickey", "nicholas": "nick", "patricia": "patty trish", "patrick": "pat", "peter": "pete",
        "rebecca": "becky", "richard": "rick dick rich", "robert": "bob bobby rob", "ronald": "ron", "samuel": "sam",
        "stephen": "steve", "steven": "steve", "susan": "sue", "thomas": "tom tommy", "timothy": "tim",
        "william": "bill billy will", "zachary": "zach",
    }.items()
    for short in shorts.split()
}  # fmt: skip
_STOP = frozenset(
    "the a an of to be been being who whom which that were was is are have has had in on at by for from with as "
    "and or its their his her our".split()
)
_LETTERS = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"(?:'s|s')(?=\W|$)")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


def fold(text: str) -> str:
    """Lowercase, accents and typographic quotes removed: the form names and quotes are compared in."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_tokens(name: str) -> list[str]:
    """The words of a name, folded, without a possessive ending: ``"Levi's"`` -> ``["levi"]``."""
    return _LETTERS.findall(_POSSESSIVE.sub("", fold(name)))


def normalize_name(name: str) -> str:
    return " ".join(name_tokens(name))


def slug(key: str) -> str:
    return "-".join(key.split()) or "unnamed"


def family_of(entity_type: str) -> str:
    return PERSON if entity_type == "PERSON" else NAMED


def entity_id(family: str, key: str) -> str:
    """The corpus entity id for a key: readable and stable (``"person:tomas-reker"``)."""
    return f"{family}:{slug(key)}"


@dataclass(frozen=True)
class NameKey:
    """What an article's entity is keyed by. ``surname`` is set for a person named by one word (to be
    resolved against the corpus) and for every person (to find the one-word mentions that may be them)."""

    family: str
    key: str
    surname: str | None
    single: bool  # a one-word person name, to resolve with resolve_surname
    how: str
    detail: str
    canonical: str | None = None  # the name an alias file gives it

    @property
    def id(self) -> str:
        return entity_id(self.family, self.key)


# --- alias files -------------------------------------------------------------------------------------------


class AliasFileError(StorylineError):
    """An alias file cannot be read; the message names the file and what is wrong."""


@dataclass(frozen=True)
class Split:
    name: str  # normalized
    articles: frozenset[str] | None  # None: everywhere
    as_name: str | None  # None: its own entity, merged with nothing


@dataclass(frozen=True)
class AliasRules:
    """A user's corrections to the merge rules, read from a small JSON or YAML file::

        merge:                      # one entity, whatever name it goes by
          - name: Tomas Reker
            aliases: [Tom Reker, "T. Reker"]
        split:                      # undo a merge
          - name: Reker             # this name...
            articles: [3f2a9c0d1e7b4a65]   # ...in these articles (leave out: everywhere)
            as: Anna Reker          # ...is this entity instead (leave out: an entity of its own)

    Names are compared folded (case, accents and punctuation do not count).
    """

    merge: dict[str, str] = field(default_factory=dict)  # normalized variant -> canonical name
    split: tuple[Split, ...] = ()

    @classmethod
    def load(cls, path: str | Path) -> AliasRules:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise AliasFileError(f"cannot read the alias file {path} ({error.strerror or error})") from error
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, name: str = "<aliases>") -> AliasRules:
        data: Any
        try:
            data = json.loads(text) if text.lstrip().startswith("{") else _yaml(text, name)
        except ValueError as error:
            raise AliasFileError(f"the alias file {name} is not valid JSON or YAML ({error})") from error
        if data is None:
            return cls()
        if not isinstance(data, dict) or set(data) - {"merge", "split"}:
            raise AliasFileError(f"the alias file {name} must be a mapping with 'merge' and/or 'split' lists")
        merge: dict[str, str] = {}
        for i, entry in enumerate(data.get("merge") or []):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise AliasFileError(f"the alias file {name}: merge entry {i + 1} needs a 'name'")
            aliases = entry.get("aliases") or []
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise AliasFileError(f"the alias file {name}: merge entry {i + 1}: 'aliases' must be a list of names")
            for variant in [entry["name"], *aliases]:
                merge[normalize_name(variant)] = entry["name"]
        splits: list[Split] = []
        for i, entry in enumerate(data.get("split") or []):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise AliasFileError(f"the alias file {name}: split entry {i + 1} needs a 'name'")
            articles = entry.get("articles")
            if articles is not None and not (isinstance(articles, list) and all(isinstance(a, str) for a in articles)):
                raise AliasFileError(f"the alias file {name}: split entry {i + 1}: 'articles' must be a list of ids")
            as_name = entry.get("as")
            if as_name is not None and not isinstance(as_name, str):
                raise AliasFileError(f"the alias file {name}: split entry {i + 1}: 'as' must be a name")
            splits.append(Split(normalize_name(entry["name"]), frozenset(articles) if articles else None, as_name))
        return cls(merge=merge, split=tuple(splits))

    def fingerprint(self) -> str:
        """A hash of the rules: the corpus is rebuilt when the rules in force change."""
        data = {"merge": sorted(self.merge.items()), "split": [(s.name, sorted(s.articles or []), s.as_name) for s in self.split]}
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]

    def to_json(self) -> str:
        merge: dict[str, list[str]] = {}
        for variant, canonical in self.merge.items():
            merge.setdefault(canonical, []).append(variant)
        return json.dumps({
            "merge": [{"name": c, "aliases": sorted(v)} for c, v in sorted(merge.items())],
            "split": [
                {"name": s.name, **({"articles": sorted(s.articles)} if s.articles else {}), **({"as": s.as_name} if s.as_name else {})}
                for s in self.split
            ],
        })  # fmt: skip

    def __bool__(self) -> bool:
        return bool(self.merge or self.split)


def _yaml(text: str, name: str) -> Any:
    try:
        import yaml
    except ImportError as error:
        raise AliasFileError(
            f"the alias file {name} is YAML, which needs PyYAML ('pip install pyyaml'); or write it as JSON"
        ) from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(" ".join(str(error).split())) from error


# --- entity keys ---------------------------------------------------------------------------------------------


def entity_key(
    name: str, entity_type: str, aliases: Sequence[str] = (), *, article_id: str = "", rules: AliasRules | None = None
) -> NameKey:
    """How one article's entity is keyed (see the module docstring).

    >>> entity_key("Donald J. Trump", "PERSON").key
    'donald trump'
    >>> entity_key("Reker", "PERSON").single
    True
    >>> entity_key("National Aeronautics and Space Administration", "ORG", ["NASA"]).key
    'nasa'
    """
    family = family_of(entity_type)
    normalized = normalize_name(name)
    if rules:
        for split in rules.split:
            if split.name == normalized and (split.articles is None or article_id in split.articles):
                where = "in this article" if split.articles else "everywhere"
                if split.as_name is None:
                    return NameKey(family, f"{normalized} (split)", None, False, "alias-file", f"the alias file splits {name!r} off {where}")
                inner = entity_key(split.as_name, entity_type)
                return NameKey(inner.family, inner.key, inner.surname, False, "alias-file",
                               f"the alias file says {name!r} is {split.as_name} {where}", split.as_name)  # fmt: skip
        canonical = rules.merge.get(normalized)
        if canonical is None:
            canonical = next((rules.merge[n] for n in map(normalize_name, aliases) if n in rules.merge), None)
        if canonical is not None:
            inner = entity_key(canonical, entity_type)
            return NameKey(inner.family, inner.key, inner.surname, False, "alias-file",
                           f"the alias file lists {name!r} under {canonical}", canonical)  # fmt: skip
    if family == PERSON:
        return _person_key(name)
    return _named_key(name, aliases)


def _person_key(name: str) -> NameKey:
    tokens = name_tokens(name)
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in SUFFIXES:
        tokens = tokens[:-1]
    if len(tokens) > 2:  # middle names and initials do not count
        tokens = [tokens[0], tokens[-1]]
    if len(tokens) == 2 and len(tokens[0]) == 1:  # "J. Smith": an initial is not a first name
        tokens = tokens[1:]
    if not tokens:
        return NameKey(PERSON, "unnamed", None, False, "name", "no letters in the name")
    if len(tokens) == 1:
        return NameKey(PERSON, tokens[0], tokens[0], True, "surname", f"named by one word ({name!r})")
    tokens[0] = NICKNAMES.get(tokens[0], tokens[0])
    key = " ".join(tokens)
    same = normalize_name(name) == key
    detail = "same name" if same else f"{name!r} read as {key.title()} (titles, initials and middle names do not count)"
    return NameKey(PERSON, key, tokens[-1], False, "name", detail)


def _named_key(name: str, aliases: Sequence[str]) -> NameKey:
    tokens = name_tokens(name)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    key = " ".join(tokens) or fold(name).strip() or "unnamed"
    initials = "".join(t[0] for t in tokens if t not in _STOP)
    for alias in aliases:
        if _is_acronym(alias) and fold(alias) == initials and len(tokens) > 1:
            return NameKey(NAMED, initials, None, False, "acronym", f"{name!r} is known by its acronym {alias}")
    return NameKey(NAMED, key, None, False, "name", "same name" if normalize_name(name) == key else f"{name!r} read as {key}")


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


@dataclass(frozen=True)
class Candidate:
    """A person the corpus knows, who may be the one an article names by surname only."""

    id: str
    name: str
    articles: int  # how many articles name them
    cooccurrences: int  # articles naming them together with this article's other entities
    shared: tuple[str, ...] = ()  # the names of those other entities
    same_article: bool = False  # this article names them in full
    role_match: bool = False  # a role of theirs is this mention's role


def resolve_surname(surname: str, candidates: Sequence[Candidate]) -> tuple[str | None, str, str]:
    """Who a one-word person name is: ``(corpus id or None, how, detail)``. None keeps it an entity of its own.

    >>> resolve_surname("reker", [Candidate("person:tomas-reker", "Tomas Reker", 4, 0)])
    ('person:tomas-reker', 'surname-only', 'the only person surnamed Reker in the corpus: Tomas Reker')
    """
    shown = surname.title()
    if not candidates:
        return None, "surname", f"named by surname only, and the corpus knows no one else surnamed {shown}"
    same = [c for c in candidates if c.same_article]
    if len(same) == 1:
        return same[0].id, "surname-same-article", f"the same article names {same[0].name} in full"
    if len(candidates) == 1:
        only = candidates[0]
        return only.id, "surname-only", f"the only person surnamed {shown} in the corpus: {only.name}"
    ranked = sorted(candidates, key=lambda c: (-c.cooccurrences, -int(c.role_match), -c.articles, c.id))
    best, second = ranked[0], ranked[1]
    if best.cooccurrences > second.cooccurrences:
        with_ = ", ".join(best.shared[:3]) or "this article's other entities"
        return best.id, "surname-context", (
            f"{shown} could be {', '.join(c.name for c in ranked[:4])}; {best.name} appears with {with_} in "
            f"{best.cooccurrences} other article{'s' if best.cooccurrences != 1 else ''}"
        )
    roles = [c for c in ranked if c.role_match]
    if len(roles) == 1:
        return roles[0].id, "surname-role", f"{shown} could be {', '.join(c.name for c in ranked[:4])}; only {roles[0].name} holds the role this article gives"
    names = ", ".join(c.name for c in ranked[:4])
    return None, "surname-ambiguous", f"{shown} could be {names}, and nothing in the article tells which; an alias file can say"


# --- quotes ----------------------------------------------------------------------------------------------------

MIN_SENTENCE_WORDS = 4


def quote_words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def sentence_keys(text: str) -> list[str]:
    """The normalized sentences of a quote that can identify it (four words or more; the whole quote when it
    is shorter), hashed.

    >>> sentence_keys('We will not accept this offer.') == sentence_keys('“We will NOT accept this offer,”')
    True
    """
    keys = []
    for sentence in _SENTENCE.split(text):
        words = quote_words(sentence)
        if len(words) >= MIN_SENTENCE_WORDS:
            keys.append(_hash(" ".join(words)))
    if not keys:
        words = quote_words(text)
        if words:
            keys.append(_hash(" ".join(words)))
    return list(dict.fromkeys(keys))


def speaker_key(corpus_id: str | None, name: str | None) -> str:
    """Who a quote is by, for matching: the corpus entity, else the speaker's words ("officials"), else ''."""
    if corpus_id:
        return corpus_id
    return "name:" + normalize_name(name) if name and normalize_name(name) else ""


def _hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def item_id(prefix: str, *parts: str) -> str:
    """A corpus item's id, from the first observation that founded it: stable as articles are added."""
    return prefix + hashlib.blake2b("\x1f".join(parts).encode(), digest_size=6).hexdigest()


# --- dates -----------------------------------------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


def day_range(value: str | None) -> tuple[int, int] | None:
    """The days (as ordinals) a TIMEX3 date value covers; None for what is not a calendar date.

    >>> day_range("2025-02") == (dt.date(2025, 2, 1).toordinal(), dt.date(2025, 2, 28).toordinal())
    True
    """
    if not value:
        return None
    try:
        if match := _DAY.match(value):
            day = dt.date(int(match[1]), int(match[2]), int(match[3])).toordinal()
            return day, day
        if match := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1).toordinal()
            return monday, monday + 6
        if match := _MONTH.match(value):
            first = dt.date(int(match[1]), int(match[2]), 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first.toordinal(), following.toordinal() - 1
        if match := _YEAR.match(value):
            return dt.date(int(match[1]), 1, 1).toordinal(), dt.date(int(match[1]), 12, 31).toordinal()
    except ValueError:
        return None
    return None


def ordinal_date(day: int) -> str:
    return dt.date.fromordinal(day).isoformat()


def overlaps(a: tuple[int, int], b: tuple[int, int], slack: int = 0) -> bool:
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


@dataclass(frozen=True)
class StatedDate:
    value: str
    source: str  # "expression" (the article states it) or "publication"
    article_id: str


def reconcile_dates(stated: Iterable[StatedDate]) -> tuple[str | None, float, bool, list[dict[str, Any]]]:
    """One event's date from what its sources say: ``(date, confidence, conflict, per-value summary)``.

    The value stated by most sources wins (a more precise value before a vaguer one it falls within: "February
    3" and "February" agree); confidence grows with agreeing sources and falls with disagreeing ones; dates
    only inferred from publication count when no source states one. Disagreement is kept in the summary.

    >>> date, confidence, conflict, _ = reconcile_dates([StatedDate("2025-02-03", "expression", "a"),
    ...                                                  StatedDate("2025-02-03", "expression", "b")])
    >>> date, confidence, conflict
    ('2025-02-03', 0.75, False)
    """
    items = list(stated)
    told = [s for s in items if s.source == "expression" and day_range(s.value)]
    pool = told or [s for s in items if day_range(s.value)]
    if not pool:
        return None, 0.0, False, []
    by_value: dict[str, set[str]] = {}
    for s in pool:
        by_value.setdefault(s.value, set()).add(s.article_id)

    def support(value: str) -> set[str]:
        span = day_range(value)
        assert span is not None
        return {a for v, arts in by_value.items() if overlaps(span, day_range(v) or (0, -1)) for a in arts}

    def width(value: str) -> int:
        span = day_range(value)
        return span[1] - span[0] if span else 10**6

    best = min(by_value, key=lambda v: (-len(support(v)), width(v), v))
    articles = {s.article_id for s in pool}
    agree = len(support(best))
    confidence = agree / len(articles) * (1 - 0.5**agree)
    if not told:
        confidence *= 0.5  # nobody states it: inferred from when the articles appeared
    conflict = bool(told) and agree < len(articles)
    summary = [
        {"value": v, "sources": len(arts), "articles": sorted(arts), "agrees": v == best or overlaps(day_range(v) or (0, -1), day_range(best) or (0, -1))}
        for v, arts in sorted(by_value.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]  # fmt: skip
    return best, round(confidence, 3), conflict, summary


# --- figures ---------------------------------------------------------------------------------------------------


def counted_terms(counted: str | None) -> list[str]:
    """The words of what a figure counts, folded and singular: ``"people killed"`` -> ``["people", "kill"]``."""
    if not counted:
        return []
    return [_stem(w) for w in quote_words(counted) if w not in _STOP and not w.isdigit()]


def _stem(word: str) -> str:
    for ending, keep in (("ies", "y"), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) >= 3 and not word.endswith("ss"):
            return word[: -len(ending)] + keep
    return word


def counted_key(figure_type: str, unit: str | None, counted: str | None) -> str | None:
    """What makes two figures about the same thing: type, unit and counted words (None: counts nothing named)."""
    terms = counted_terms(counted)
    if not terms:
        return None
    return f"{figure_type}|{fold(unit or '')}|{' '.join(terms)}"


def interval(value: float, upper: float | None, approximation: str) -> tuple[float, float]:
    """The values a figure allows: "about 12,000" is 10,800-13,200, "more than 12,000" is 12,000 and up."""
    if approximation == "range" and upper is not None:
        return (min(value, upper), max(value, upper))
    if approximation in ("about",):
        return (value * 0.9, value * 1.1)
    if approximation == "nearly":
        return (value * 0.9, value)
    if approximation in ("more_than", "at_least"):
        return (value, float("inf"))
    if approximation in ("less_than", "up_to"):
        return (0.0, value)
    return (value, value)


def agree(a: tuple[float, float], b: tuple[float, float], tolerance: float = 0.01) -> bool:
    """Whether two figures' ranges overlap (within 1%: rounding is not a conflict)."""
    lo = min(abs(a[0]), abs(b[0]))
    slack = tolerance * (lo if lo else 1.0)
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def conflicts(figures: Sequence[tuple[str, tuple[float, float]]]) -> list[tuple[int, int]]:
    """The pairs (by index) of figures from different articles whose ranges do not overlap."""
    out = []
    for i, (article_a, range_a) in enumerate(figures):
        for j in range(i + 1, len(figures)):
            article_b, range_b = figures[j]
            if article_a != article_b and not agree(range_a, range_b):
                out.append((i, j))
    return out


def has_conflict(figures: Iterable[tuple[str, tuple[float, float]]]) -> bool:
    """Whether :func:`conflicts` finds any pair, without comparing every pair of figures: a group of a popular
    counted phrase holds thousands of figures but few distinct ranges, so the pairs compared are the distinct
    ranges' (a range against itself too: a negative "about" figure does not agree with itself).

    >>> has_conflict([("a", (1.0, 1.0)), ("a", (5.0, 5.0)), ("b", (1.0, 1.0))])
    True
    """
    articles: dict[tuple[float, float], set[str]] = {}
    for article, span in figures:
        articles.setdefault(span, set()).add(article)
    spans = list(articles)
    # The likeliest clash first, the ranges starting highest against those ending lowest: a large group that
    # has a conflict is answered without the quadratic pass below.
    high = sorted(spans, key=lambda s: -s[0])[:8]
    low = sorted(spans, key=lambda s: s[1])[:8]
    for a in high:
        for b in low:
            if a != b and not agree(a, b) and len(articles[a] | articles[b]) > 1:
                return True
    for i, a in enumerate(spans):
        for b in spans[i:]:
            if agree(a, b):
                continue
            # Two figures from different articles: possible unless both ranges come from one same article.
            if a == b:
                if len(articles[a]) > 1:
                    return True
            elif len(articles[a] | articles[b]) > 1:
                return True
    return False


def most_common(values: Iterable[str], default: str = "") -> str:
    counts = Counter(v for v in values if v)
    if not counts:
        return default
    return max(counts, key=lambda v: (counts[v], len(v), v))
