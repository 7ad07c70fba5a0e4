"""When: dates, times, durations and sets as the article writes them, normalized to TimeML
TIMEX3 values against the publication date.

News gives time relative to its own day ("on Monday", "last year", "two weeks ago"), so most
values depend on the publication date and, for a bare weekday or month, on the tense of the
clause: "negotiations will begin on Monday" is the coming Monday, "he said on Monday" the last one.

The work is split the way the other stages split it:

* :func:`scan` finds candidate expressions with regular expressions over the text (the extents
  follow TimeML: "the third quarter", "the past three months", "nearly two years", "Feb. 3,
  2025"; prepositions stay outside);
* each :class:`Rule`'s resolver turns a match into ``(type, value, anchor)`` given a
  :class:`Context`: the publication date, the clause's tense and the last date the article gave
  (:func:`normalize_timex` does it for one expression on its own);
* :func:`read_time_expressions` runs both over a text, asking a :class:`Reading` about the
  words around each candidate. The plain :class:`Reading` knows only the text; the spaCy
  component's :class:`DocReading` answers from the parse: tense, part of speech and named
  entities (so "may" the verb, "Theresa May", "March" the verb and "$1999" are not dates), and
  the event an anchored expression hangs on ("two weeks after *the vote*").

>>> from datetime import date
>>> normalize_timex("last year", published=date(2025, 2, 3))
('DATE', '2024', 'publication')
>>> normalize_timex("Monday", published=date(2025, 2, 5), tense="future")
('DATE', '2025-02-10', 'publication')
>>> normalize_timex("two weeks", published=None)
('DURATION', 'P2W', None)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline import model
from storyline.pipeline.text import text_of

Tense = Literal["past", "present", "future"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Grain = Literal["day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "century"]

PUBLICATION = "publication"

# --- vocabulary --------------------------------------------------------------------------------

ONES = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {w: n for n, w in enumerate(ONES, 1)} | {w: n for n, w in enumerate(TEENS, 10)}
NUMBER_WORDS |= {w: n for n, w in zip(range(20, 100, 10), TENS, strict=True)}
NUMBER_WORDS |= {"a": 1, "an": 1, "dozen": 12, "couple": 2, "hundred": 100, "thousand": 1000}
ORDINAL_WORDS = {
    w: n
    for n, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(),
        1,
    )
} | {"thirtieth": 30, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
FUZZY = {"few", "several", "some", "many", "number", "multi"}

MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        1,
    )
    for name in names
}
WEEKDAYS = {w: n for n, w in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
DECADE_WORDS = {w: n for n, w in zip(range(20, 100, 10), "twenties thirties forties fifties sixties seventies eighties nineties".split(), strict=True)}

# unit -> (TIMEX3 duration letter, is a clock unit, grain of a point N units away)
UNITS: dict[str, tuple[str, bool, Grain]] = {
    "second": ("S", True, "day"), "minute": ("M", True, "day"), "hour": ("H", True, "day"),
    "day": ("D", False, "day"), "night": ("D", False, "day"), "week": ("W", False, "day"),
    "weekend": ("WE", False, "weekend"), "fortnight": ("W", False, "day"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"), "decade": ("E", False, "year"),
    "century": ("C", False, "year"),
}
UNIT_PLURALS = {"centuries": "century"} | {u + "s": u for u in UNITS if u != "century"}

# --- regular expression fragments ---------------------------------------------------------------

_ONES = "|".join(ONES)
_NUMWORD = (
    rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{_ONES}))?|{'|'.join(TEENS)}|{_ONES}"
    rf"|(?:a|{_ONES})\s+(?:hundred|thousand)|(?:a\s+)?dozen)"
)
F = {
    "NUM": rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NUMWORD})",
    "MONTH": r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d))",
    "WEEKDAY": r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)",
    "DAY": r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)",
    "DAYWORD": rf"(?i:(?:twenty|thirty)?-?(?:{'|'.join(list(ORDINAL_WORDS)[:20])}))",
    "YEAR": r"(?<![\d$£€.,])(?:1[89]\d\d|20\d\d|2100)(?![\d%]|,\d|\.\d)",
    "YEARWORDS": rf"(?i:nineteen[- ](?:hundred\s+(?:and\s+)?)?(?:{'|'.join(TENS)})(?:[- ](?:{_ONES}))?"
    rf"|two[- ]thousand(?:(?:\s+and)?[- ](?:{'|'.join(TEENS)}|{_ONES}))?)",
    "UNIT": r"(?i:centuries|century|seconds?|minutes?|hours?|days?|nights?|weekends?|weeks?|fortnights?"
    r"|months?|quarters?|years?|decades?)",
    "UNIT_SG": r"(?i:century|second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade)",
    "APPROX": r"(?i:more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|nearly|almost|about|around"
    r"|roughly|approximately|some|only|just|barely|within|under|over|close\s+to|upwards\s+of|no\s+more\s+than"
    r"|no\s+less\s+than|well\s+over|a\s+little\s+(?:over|more\s+than|less\s+than)|the\s+better\s+part\s+of)",
    "PARTOF": r"(?i:(?:the\s+)?(?:very\s+)?(?:beginning|start|end|middle|rest|remainder|bulk|first\s+half"
    r"|second\s+half|last\s+half|latter\s+half|first\s+part|early\s+part|latter\s+part|latter\s+part)\s+of)",
    "EDGE": r"(?i:early|late|mid|middle)",
    "TZ": r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|(?i:local\s+time))",
}


def _fill(pattern: str) -> str:
    """A pattern with its %(NAME)s fragments filled in."""
    return re.sub(r"%\((\w+)\)s", lambda m: F[m.group(1)], pattern)


F["QUANT"] = _fill(
    r"(?i:%(NUM)s(?:\s+(?:to|or|-)\s+%(NUM)s)?(?:\s+and\s+a\s+half)?|(?:a\s+)?few|(?:a\s+)?couple(?:\s+of)?"
    r"|several|many|a\s+number\s+of|half\s+an?|a|an)"
)
F["CLOCK"] = (
    r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?i:a\.m\.?|p\.m\.?|am|pm)(?![\w])|(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])"
    r"|(?i:noon|midnight|midday)|(?:[01]?\d)\s+o'clock)"
)
F["DATEPART"] = _fill(r"(?:%(MONTH)s\s+%(DAY)s(?:,?\s+%(YEAR)s)?|%(WEEKDAY)s|(?i:today|yesterday|tomorrow))")

_B = r"(?<![\w'’-])"  # a word starts here
_E = r"(?![\w’]|-\w)"  # a word ends here


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(_B + _fill(pattern) + _E)


# --- calendar points ------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day if month < 11 else 31
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Point:
    """A calendar value at a granularity: a day, an ISO week, a month, a quarter, a season, a year ...

    ``day`` is the first day of the period (for a week, its Monday)."""

    grain: Grain
    day: date
    season: str | None = None

    @classmethod
    def of(cls, grain: Grain, day: date, season: str | None = None) -> Point:
        if grain in ("week", "weekend"):
            day = day - timedelta(days=day.weekday())
        elif grain == "month":
            day = day.replace(day=1)
        elif grain == "quarter":
            day = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        elif grain == "half":
            day = date(day.year, 1 if day.month <= 6 else 7, 1)
        elif grain == "year":
            day = date(day.year, 1, 1)
        elif grain == "decade":
            day = date(day.year // 10 * 10, 1, 1)
        elif grain == "century":
            day = date(max(day.year // 100 * 100, 1), 1, 1)
        elif grain == "season":
            day = date(day.year, SEASON_MONTH[season or "SU"], 1)
        return cls(grain, day, season)

    @property
    def value(self) -> str:
        d = self.day
        if self.grain == "day":
            return d.isoformat()
        if self.grain in ("week", "weekend"):
            year, week, _ = d.isocalendar()
            return f"{year:04d}-W{week:02d}" + ("-WE" if self.grain == "weekend" else "")
        if self.grain == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.grain == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.grain == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if self.grain == "season":
            return f"{d.year:04d}-{self.season}"
        if self.grain == "decade":
            return f"{d.year // 10:03d}"
        if self.grain == "century":
            return f"{d.year // 100:02d}"
        return f"{d.year:04d}"

    def shift(self, amount: int, unit: str) -> Point:
        """This point moved by ``amount`` units ("a year earlier": -1 year), keeping its grain."""
        d = self.day
        if unit in ("day", "night"):
            d += timedelta(days=amount)
        elif unit in ("week", "weekend"):
            d += timedelta(days=7 * amount)
        elif unit == "fortnight":
            d += timedelta(days=14 * amount)
        elif unit in ("month", "quarter", "half", "year", "decade", "century"):
            months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit]
            d = add_months(d, amount * months)
        else:  # clock units move a day-grain point by nothing we can express
            return self
        return Point.of(self.grain, d, self.season)


PLACEHOLDER: dict[Grain, str] = {
    "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX",
    "half": "XXXX-HX", "season": "XXXX-XX", "year": "XXXX", "decade": "XXX", "century": "XX",
}

# --- resolution -------------------------------------------------------------------------------


class Resolved(NamedTuple):
    """What one expression means: its TIMEX3 type and value, what it was resolved against, and the
    calendar point it names (None for durations, sets, X placeholders and PAST_REF-like values)."""

    type: TimexType
    value: str
    anchor: str | None = None
    point: Point | None = None
    # a look back ("a year earlier", "the year-ago quarter") does not move the time the article
    # is talking about, so it does not become the reference for the expressions after it
    look_back: bool = False


@dataclass
class Context:
    """What resolving one expression may use besides its own words."""

    published: date | None = None
    tense: Tense | None = None
    reference: tuple[str, Point] | None = None  # the last dated expression: (id, point)
    # whether that expression wrote its date out ("Aug. 12") rather than relative to the
    # publication date ("Friday"): a year before "Friday" is just last year
    reference_written: bool = True
    event: str | None = None  # the anchor of "two weeks after <the vote>"
    event_date: tuple[str | None, Point] | None = None  # that event's date (and its key), when the article gives it
    before: str = ""  # a few characters of text before the expression


def _published(ctx: Context, grain: Grain, season: str | None = None) -> Point | None:
    return Point.of(grain, ctx.published, season) if ctx.published else None


def _relative(point: Point | None, grain: Grain, placeholder: str | None = None) -> Resolved:
    """A value resolved against the publication date, or its X placeholder without one."""
    if point is None:
        return Resolved("DATE", placeholder or PLACEHOLDER[grain])
    return Resolved("DATE", point.value, PUBLICATION, point)


def _absolute(point: Point, type_: TimexType = "DATE") -> Resolved:
    return Resolved(type_, point.value, None, point)


def parse_number(text: str) -> float | None:
    """'two' -> 2, 'twenty-four' -> 24, '2 1/2' -> 2.5, 'a couple of' -> 2, 'two to three' -> 2
    (a range counts from its low end), 'several' -> None."""
    text = re.split(r"\s+(?:to|or)\s+|(?<=\d)\s*-\s*(?=\d)", text.lower())[0]
    words = text.replace("-", " ").split()
    if not words or any(w in FUZZY for w in words):
        return None
    if words[0] == "half":
        return 0.5
    try:
        total = float(words[0])
        if len(words) > 1 and words[1] == "1/2":
            total += 0.5
        return total
    except ValueError:
        pass
    if len(words) > 1 and words[0] in ("a", "an"):
        words = words[1:]  # "a couple of", "a dozen", "a hundred"
    total = 0.0
    for word in words:
        if word == "of":
            continue
        n = NUMBER_WORDS.get(word)
        if n is None:
            return None
        if n in (100, 1000):
            total = max(total, 1) * n
        else:
            total += n
    return total


def _unit(text: str) -> str:
    word = text.lower()
    return UNIT_PLURALS.get(word, word)


def duration_value(amount: float | None, unit: str) -> str:
    """P2W, PT5H, P1Y6M, PXY (an unknown number of years) ..."""
    letter, clock, _ = UNITS[unit]
    if unit == "weekend":
        letter, clock = "W", False
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    if unit == "decade":
        return f"P{_num(amount * 10)}Y"
    if unit == "century":
        return f"P{_num(amount * 100)}Y"
    if unit == "fortnight":
        amount *= 2
    whole = int(amount)
    if amount - whole == 0.5 and unit in HALVES:
        # "two and a half years" is P2Y6M, "an hour and a half" PT1H30M, "half an hour" PT30M
        big, small = HALVES[unit]
        return (f"{prefix}{whole}{letter}" if whole else prefix) + small if big else (
            f"{prefix}{whole}{letter}T{small}" if whole else f"PT{small}")
    return f"{prefix}{_num(amount)}{letter}"


# unit -> (the half stays in the same P/PT part, the half written in the next smaller unit)
HALVES = {"year": (True, "6M"), "hour": (True, "30M"), "minute": (True, "30S"), "day": (False, "12H")}


def _num(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else f"{amount:g}"


def _nearest(candidates: Iterable[tuple[date, Point]], today: date, tense: Tense | None) -> Point:
    """Of a past and a future candidate, the one the tense points at; without one, the nearer.

    The tense gives way when it points the better part of a year away while the other candidate
    is near: "the offer was extended to Nov. 16", written on Oct. 31, is this November's 16th."""
    options = sorted(candidates, key=lambda c: c[0])
    nearest = min(options, key=lambda c: (abs((c[0] - today).days), c[0] > today))
    past = [c for c in options if c[0] <= today]
    future = [c for c in options if c[0] >= today]
    chosen = past[-1] if tense == "past" and past else future[0] if tense == "future" and future else nearest
    if abs((chosen[0] - today).days) >= FAR_DAYS:
        return nearest[1]
    return chosen[1]


FAR_DAYS = 300


def weekday_point(today: date, weekday: int, tense: Tense | None, which: str = "") -> Point:
    """The Monday (``weekday`` 0) an article published on ``today`` means.

    "last Monday" is the latest one before today, "next Monday" the first one after; a bare
    "Monday" is today when today is a Monday, else the last one in a past-tense clause, the
    coming one in a future-tense clause, and the nearer one otherwise."""
    back = (today.weekday() - weekday) % 7
    ahead = (weekday - today.weekday()) % 7
    if which in ("last", "this past", "past", "previous"):
        return Point.of("day", today - timedelta(days=back or 7))
    if which in ("next", "this coming", "coming", "following"):
        return Point.of("day", today + timedelta(days=ahead or 7))
    if back == 0:
        return Point.of("day", today)
    before, after = today - timedelta(days=back), today + timedelta(days=ahead)
    return _nearest([(before, Point.of("day", before)), (after, Point.of("day", after))], today, tense)


def month_point(today: date, month: int, day: int | None, tense: Tense | None, which: str = "") -> Point | None:
    """A month ("November") or a month and day ("Nov. 6") without a year, placed by tense."""
    options = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            when = date(year, month, day or 1)
        except ValueError:
            continue
        options.append((when if day else date(year, month, 1), Point.of("day" if day else "month", when)))
    if not options:
        return None
    anchor_day = today if day else today.replace(day=1)
    if which in ("last", "this past", "past") and not day:
        # "last May" said in October is this year's May; said in June (or May), last year's
        return Point.of("month", date(today.year if month < today.month - 1 else today.year - 1, month, 1))
    if which in ("next", "this coming", "coming") and not day:
        return Point.of("month", date(today.year if month > today.month + 1 else today.year + 1, month, 1))
    if which in ("last", "this past", "past"):
        earlier = [o for o in options if o[0] < anchor_day]
        return earlier[-1][1] if earlier else None
    if which in ("next", "this coming", "coming"):
        later = [o for o in options if o[0] > anchor_day]
        return later[0][1] if later else None
    if which == "this":
        return next((p for d, p in options if d.year == today.year), None)
    return _nearest(options, anchor_day, tense)


# One resolver per rule: (match, context) -> Resolved, or None to reject the match.
Resolver = Callable[[re.Match[str], Context], "Resolved | None"]


def _g(match: re.Match[str], *names: str) -> str:
    """The first of the named groups that matched, stripped and lower-cased ('' if none did)."""
    return next((match.group(n).strip().lower() for n in names if match.group(n)), "")


def _year(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    words = text.replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(sum(NUMBER_WORDS.get(w, 0) for w in rest))
    if words and words[0] == "nineteen":
        rest = [w for w in words[1:] if w not in ("hundred", "and")]
        return 1900 + int(sum(NUMBER_WORDS.get(w, 0) for w in rest))
    return None


def _edge(text: str) -> str:
    """'early', 'late', 'mid' or a part-of phrase, reduced to one word of what it says."""
    text = text.lower()
    for word in ("first half", "second half", "last half", "latter half"):
        if word in text:
            return "h1" if word.startswith("first") else "h2"
    return text.split()[-2] if text.endswith(" of") and len(text.split()) > 1 else text.strip(" -")


def resolve_full_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = MONTHS[_g(m, "m1").rstrip(".") or _g(m, "m2").rstrip(".")]
    day_text = _g(m, "d1") or _g(m, "d2")
    day = int(re.sub(r"\D", "", day_text)) if re.search(r"\d", day_text) else _ordinal(day_text)
    if not day:
        return None
    year_text = _g(m, "y")
    if year_text:
        try:
            return _absolute(Point.of("day", date(int(year_text), month, day)))
        except ValueError:
            return None
    if ctx.published is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}")
    point = month_point(ctx.published, month, day, ctx.tense, _g(m, "pre"))
    if point is None:
        return None
    return Resolved("DATE", point.value, PUBLICATION, point)


def _ordinal(text: str) -> int | None:
    words = text.lower().replace("-", " ").split()
    total = 0
    for word in words:
        if word in ORDINAL_WORDS:
            total += ORDINAL_WORDS[word]
        elif word in ("twenty", "thirty"):
            total += NUMBER_WORDS[word]
        else:
            return None
    return total if 1 <= total <= 31 else None


def resolve_numeric_date(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = int(_g(m, "y", "y_"))
    try:
        return _absolute(Point.of("day", date(year, int(_g(m, "m", "m_")), int(_g(m, "d", "d_")))))
    except ValueError:
        return None


def resolve_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    month = MONTHS[_g(m, "m").rstrip(".")]
    year_text, rel, which = _g(m, "y"), _g(m, "rel"), _g(m, "which")
    if year_text:
        year = _year(year_text)
        return _absolute(Point.of("month", date(year, month, 1))) if year else None
    if rel:
        if ctx.published is None:
            return Resolved("DATE", f"XXXX-{month:02d}")
        year = ctx.published.year + {"this": 0, "last": -1, "next": 1}[rel]
        return _relative(Point.of("month", date(year, month, 1)), "month")
    if ctx.published is None:
        return Resolved("DATE", f"XXXX-{month:02d}")
    point = month_point(ctx.published, month, None, ctx.tense, which)
    return _relative(point, "month") if point else None


def resolve_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    year = _year(m.group("y"))
    if year is None or not 1000 <= year <= 2999:
        return None
    if m.group("y").lower().startswith("two") and not re.search(r"(?i)\b(?:year|in|since|by|until)\s*$", ctx.before + _g(m, "pre")):
        return None  # "two thousand" is a number unless it reads as a year
    if "half" in _g(m, "pre"):
        return _absolute(Point.of("half", date(year, 1 if _edge(_g(m, "pre")) == "h1" else 7, 1)))
    return _absolute(Point.of("year", date(year, 1, 1)))


def resolve_decade(m: re.Match[str], ctx: Context) -> Resolved | None:
    text = _g(m, "dec")
    if text in DECADE_WORDS:
        year = 1900 + DECADE_WORDS[text]
    else:
        digits = re.sub(r"\D", "", text)
        if len(digits) == 4:
            year = int(digits)
        else:
            year = 1900 + int(digits)
            if ctx.published and year + 100 <= ctx.published.year:
                year += 100
    return _absolute(Point.of("decade", date(year, 1, 1)))


def resolve_century(m: re.Match[str], ctx: Context) -> Resolved | None:
    which, ordinal = _g(m, "which"), _g(m, "n")
    if ordinal:
        n = int(re.sub(r"\D", "", ordinal)) if ordinal[0].isdigit() else _ordinal(ordinal)
        if not n or n > 21:
            return None
        return _absolute(Point.of("century", date(max((n - 1) * 100, 1), 1, 1)))
    point = _published(ctx, "century")
    if point and which in ("last", "past", "previous"):
        point = point.shift(-1, "century")
    elif point and which == "next":
        point = point.shift(1, "century")
    return _relative(point, "century")


def resolve_season(m: re.Match[str], ctx: Context) -> Resolved | None:
    season = SEASONS[_g(m, "s")]
    year_text, rel, which = _g(m, "y"), _g(m, "rel"), _g(m, "which")
    if not which and not year_text and not rel and not re.search(r"(?i)\b(?:in|during|over|since|until|by|through)\s*$", ctx.before):
        return None  # a bare "spring"/"fall" is as likely a verb as a season
    if year_text:
        year = _year(year_text)
        return _absolute(Point.of("season", date(year, 1, 1), season)) if year else None
    if ctx.published is None:
        return Resolved("DATE", f"XXXX-{season}")
    today = ctx.published
    if rel:
        return _relative(Point.of("season", date(today.year + {"this": 0, "last": -1, "next": 1}[rel], 1, 1), season), "season")
    order = ["WI", "SP", "SU", "FA"]
    now = order[(today.month % 12) // 3]
    this_year = Point.of("season", date(today.year, 1, 1), season)
    if which in ("last", "this past", "past"):
        point = this_year if order.index(season) < order.index(now) else this_year.shift(-1, "year")
    elif which in ("next", "this coming", "coming"):
        point = this_year if order.index(season) > order.index(now) else this_year.shift(1, "year")
    elif which in ("this", "") or season == now:
        point = this_year
        if ctx.tense == "past" and order.index(season) > order.index(now):
            point = this_year.shift(-1, "year")
        elif ctx.tense == "future" and order.index(season) < order.index(now):
            point = this_year.shift(1, "year")
    else:
        point = this_year
    return _relative(point, "season")


def resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved | None:
    weekday = WEEKDAYS[_g(m, "wd")]
    which, part = _g(m, "which"), _g(m, "part")
    type_: TimexType = "TIME" if part else "DATE"
    suffix = "T" + DAY_PARTS[part] if part else ""
    if which.startswith("the "):
        which = which[4:]
    if which in ("previous", "following", "same") and ctx.reference and ctx.reference[1].grain == "day":
        ref_id, ref = ctx.reference
        if which == "same":
            day = ref.day
        else:
            day = weekday_point(ref.day, weekday, None, "last" if which == "previous" else "next").day
        return Resolved(type_, day.isoformat() + suffix, ref_id, Point.of("day", day))
    if ctx.published is None:
        return Resolved(type_, f"XXXX-WXX-{weekday + 1}" + suffix)
    point = weekday_point(ctx.published, weekday, ctx.tense, which)
    return Resolved(type_, point.value + suffix, PUBLICATION, point)


DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def resolve_deictic(m: re.Match[str], ctx: Context) -> Resolved | None:
    word, part = _g(m, "day", "day_", "day__"), _g(m, "part", "part_")
    if word == "last":  # "last night"
        offset = -1
    elif word == "this":
        offset = 0
    elif word.startswith("the day"):
        offset = -2 if "before" in word else 2
    else:
        offset = DEICTIC_DAYS[word]
    if word == "tonight":
        part = "tonight"
    type_: TimexType = "TIME" if part else "DATE"
    suffix = "T" + DAY_PARTS[part] if part else ""
    if ctx.published is None:
        return Resolved(type_, "XXXX-XX-XX" + suffix)
    point = Point.of("day", ctx.published + timedelta(days=offset))
    return Resolved(type_, point.value + suffix, PUBLICATION, point)


def _period_point(ctx: Context, period: str, which: str) -> tuple[Point | None, str | None]:
    """'this year', 'last week', 'the past month', 'the year' (as the article's current year) ..."""
    grain: Grain = "weekend" if period == "weekend" else "year" if period in ("fiscal year", "year") else period  # type: ignore[assignment]
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "preceding": -1, "this past": -1, "next": 1,
            "coming": 1, "following": 1, "this coming": 1}.get(which, 0)
    anaphoric = which in ("same", "that", "previous", "following", "prior", "preceding")
    if anaphoric and ctx.reference and _coarser_or_equal(grain, ctx.reference[1].grain):
        ref_id, ref = ctx.reference
        return Point.of(grain, ref.day).shift(step, period.split()[-1]), ref_id
    if anaphoric and which in ("same", "that"):
        return None, None
    point = _published(ctx, grain)
    if point is None:
        return None, None
    if grain == "weekend" and which in ("", "the", "this"):
        # "the weekend": the last one in a past clause, the coming one otherwise
        point = point.shift(-1, "week") if ctx.tense == "past" and ctx.published and ctx.published.weekday() < 5 else point
        return point, PUBLICATION
    return point.shift(step, period.split()[-1]), PUBLICATION


GRAIN_ORDER: list[Grain] = ["day", "week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century"]


def _coarser_or_equal(grain: Grain, than: Grain) -> bool:
    return GRAIN_ORDER.index(grain) >= GRAIN_ORDER.index(than)


def resolve_period(m: re.Match[str], ctx: Context) -> Resolved | None:
    period = re.sub(r"\s+", " ", _g(m, "period"))
    which = re.sub(r"^(?:the|this)\s+(?=past|coming)|^the\s+", "", re.sub(r"\s+", " ", _g(m, "which")))
    if which == "the":
        which = ""
    if period in SEASONS:
        return None  # seasons have a rule of their own
    if period in ("decade", "century") and which in ("", "this", "current", "present"):
        which = "this"
    if period in ("year", "fiscal year") and which in ("", "fiscal") and re.match(r"\s+(?:ended|ending)\b", m.string[m.end() :]):
        return Resolved("DURATION", "P1Y")  # "for the year ended Sept. 30": a reporting period
    point, anchor = _period_point(ctx, period, which)
    grain: Grain = "weekend" if period == "weekend" else "year" if "year" in period else period  # type: ignore[assignment]
    if point is None:
        return Resolved("DATE", PLACEHOLDER.get(grain, "XXXX"))
    return Resolved("DATE", point.value, anchor, point)


_ENDED = re.compile(_fill(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends)\s+(%(MONTH)s)\s+(\d{1,2})(?:,?\s+(%(YEAR)s))?"))


def resolve_quarter(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'the third quarter', 'third-quarter', 'the year-ago quarter', 'the first half of 1990',
    'the latest period', 'the quarter ended Sept. 30', 'the year-earlier nine months' ...

    Without a year, an ordinal quarter is the publication year's; a quarter the text does not
    number is the one the article last named, else the last one completed before publication."""
    mods = re.sub(r"[\s-]+", " ", _g(m, "mods")).strip()
    unit = re.sub(r"\s+", " ", _g(m, "unit"))
    words = mods.split()
    if unit in ("nine months", "six months"):
        return Resolved("DURATION", f"P{NUMBER_WORDS[unit.split()[0]]}M")
    if unit == "quarters" or words in (["a"], ["the"]) and unit in ("half", "period") or words == ["a"]:
        return None  # "a quarter of the shares", "the half", "the period"
    grain: Grain = "half" if unit == "half" else "quarter"
    ordinal = next((ORDINAL_WORDS[w] for w in words if ORDINAL_WORDS.get(w, 9) <= 4), None)
    shift_year = -1 if re.search(r"year (?:ago|earlier|before)|prior year|last year's", mods) or _g(m, "tail") else 0
    shift_year += 1 if "next year's" in mods else 0
    explicit = re.search(r"\b(1[89]\d\d|20\d\d)\b", mods + " " + _g(m, "ofy"))
    year = int(explicit.group(1)) if explicit else None
    of_year = _g(m, "ofy").split()[0] if _g(m, "ofy") and not explicit else ""
    if of_year and ctx.published:
        year = ctx.published.year + {"last": -1, "next": 1}.get(of_year, 0)
    anchor: str | None = None if explicit else PUBLICATION
    look_back = shift_year < 0
    if unit == "half":
        if ordinal not in (1, 2) and not re.search(r"\b(?:last|latter)\b", mods):
            return None
        month = 1 if ordinal == 1 else 7
        if year is None and ctx.published is None:
            return Resolved("DATE", f"XXXX-H{1 if month == 1 else 2}")
        year = year if year is not None else ctx.published.year if ctx.published else 0
        point = Point.of("half", date(year + (0 if explicit else shift_year), month, 1))
        return Resolved("DATE", point.value, anchor, point, look_back)
    ended = _ENDED.match(m.string, m.end())
    if ended is not None and ordinal is None:
        month, day = MONTHS[ended.group(1).lower().rstrip(".")], int(ended.group(2))
        if ended.group(3):
            year, anchor = int(ended.group(3)), None
        elif year is None and ctx.published is not None:
            past = month_point(ctx.published, month, min(day, 28), "past")
            year = past.day.year if past else ctx.published.year
        if year is not None:
            point = Point.of(grain, date(year, month, 1)).shift(0 if explicit else shift_year, "year")
            return Resolved("DATE", point.value, anchor, point, look_back)
    if ordinal is not None:
        if year is None:
            if ctx.published is None:
                return Resolved("DATE", f"XXXX-Q{ordinal}")
            year = ctx.published.year + shift_year
            current = (ctx.published.month - 1) // 3 + 1
            if ctx.tense == "future" and not shift_year and ordinal < current - 1:
                year += 1  # "will report a loss in the first quarter", said in November
        point = Point.of("quarter", date(year, ordinal * 3 - 2, 1))
        return Resolved("DATE", point.value, anchor, point, look_back)
    # no ordinal: the quarter (or reporting period) the article is talking about
    if unit == "period" and not (shift_year or year or re.search(r"latest|comparable|corresponding|same|current|previous|prior|recent", mods)):
        return None
    reference = ctx.reference if ctx.reference and ctx.reference[1].grain == "quarter" else None
    if reference and ctx.published and reference[1].day > Point.of("quarter", ctx.published).shift(-1, "quarter").day:
        reference = None  # a quarter still to come ("expects a loss in the fourth quarter") is not what "the quarter" reports
    if reference is not None:
        anchor, point = reference
    elif ctx.published is not None:
        point = Point.of("quarter", ctx.published)
        point = point if re.search(r"\b(?:current|this)\b", mods) else point.shift(-1, "quarter")
        anchor = PUBLICATION
    else:
        return Resolved("DATE", "XXXX-QX")
    if year is not None:
        point = Point.of("quarter", date(year, point.day.month, 1))
        anchor = None if explicit else anchor
    if shift_year:
        point = point.shift(shift_year, "year")
    elif re.search(r"\b(?:previous|prior|last)\b", mods):
        point, look_back = point.shift(-1, "quarter"), True
    elif re.search(r"\bnext\b", mods):
        point = point.shift(1, "quarter")
    return Resolved("DATE", point.value, anchor, point, look_back)


def resolve_fiscal_year(m: re.Match[str], ctx: Context) -> Resolved | None:
    which = _g(m, "which")
    step = {"last": -1, "previous": -1, "prior": -1, "latest": -1, "next": 1, "new": 1, "coming": 1}.get(which, 0)
    point = _published(ctx, "year")
    return _relative(point.shift(step, "year") if point else None, "year")


def resolve_year_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'year-ago', 'year-earlier' as modifiers: the reference period a year before."""
    if ctx.reference and ctx.reference[1].grain in ("quarter", "half", "month", "year"):
        point = ctx.reference[1].shift(-1, "year")
        return Resolved("DATE", point.value, ctx.reference[0], point, look_back=True)
    this_year = _published(ctx, "year")
    return _relative(this_year.shift(-1, "year") if this_year else None, "year")._replace(look_back=True)


def resolve_year_end(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'year-end', "year's end": Dec. 31 of this year, of last year in a past clause or after 'since'."""
    if ctx.published is None:
        return Resolved("DATE", "XXXX-12-31")
    year = ctx.published.year - (1 if ctx.tense == "past" or re.search(r"(?i)\bsince\s*$", ctx.before) else 0)
    return _relative(Point.of("day", date(year, 12, 31)), "day")


def resolve_ago(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'two weeks ago' (from the publication date), 'a year earlier' (from the last date the
    article gave), 'three days later', 'two years from now'.

    A year-scale look back from a quarter the article is reporting on stays a quarter: "profit
    rose to $5 million from $4 million a year ago" after "the third quarter" is last year's third
    quarter."""
    unit = _unit(_g(m, "unit"))
    direction = _g(m, "dir")
    q = _g(m, "q")
    amount = parse_number(q) if q else None
    if unit == "second" and q in ("a", "an", "one"):
        return None
    _, clock, grain = UNITS[unit]
    sign = 1 if direction in ("later", "from now", "hence") else -1
    if amount is None or amount != int(amount):
        if direction in ("ago", "from now", "hence"):
            return Resolved("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
        return Resolved("DATE", PLACEHOLDER[grain])
    steps = sign * int(amount)
    reference = ctx.reference
    if reference and not clock and (
        direction in ("earlier", "later") or (unit == "year" and reference[1].grain in ("quarter", "half"))
    ):
        base = reference[1]
        if unit == "year" and base.grain == "day" and not ctx.reference_written:
            base = Point.of("year", base.day)
        point = base.shift(steps, unit)
        return Resolved("DATE", point.value, reference[0], point, look_back=sign < 0)
    if clock:  # "two hours ago" is today
        return _relative(_published(ctx, "day") if direction in ("ago", "from now", "hence") else None, "day")
    if unit in ("decade", "century"):
        steps, unit = steps * (10 if unit == "decade" else 100), "year"
    here = _published(ctx, grain)
    return _relative(here.shift(steps, unit) if here else None, grain)


def resolve_anchored(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'two weeks after the vote', 'the day before the summit', 'shortly after being sworn in',
    'a week after Jan. 5'.

    Resolved when the anchor's date is known (``ctx.event_date``); otherwise a duration keeps its
    duration value and the rest an X placeholder, with the anchor's words as ``anchor``."""
    q, lead = _g(m, "q"), _g(m, "lead")
    sign = -1 if _g(m, "signal") in ("before", "prior to") else 1
    if lead.startswith("the "):  # "the day after" is one day after
        unit: str | None = {"night": "day", "morning": "day", "evening": "day"}.get(lead.split()[1], lead.split()[1])
        amount: float | None = 1.0
    else:
        unit = _unit(_g(m, "unit")) if _g(m, "unit") else None
        amount = parse_number(q) if q else None
    if unit == "second" and q in ("a", "an", "one", ""):
        return None
    exact = unit is not None and amount is not None and amount == int(amount) and not UNITS[unit][1]
    if ctx.event_date is not None:
        key, when = ctx.event_date
        if exact and unit is not None and amount is not None:
            point = when.shift(sign * int(amount), unit)
            return Resolved("DATE", point.value, key, point)
        if lead in ("shortly", "soon", "just", "immediately", "right", "moments", "minutes", "hours") or (unit and UNITS[unit][1]):
            return Resolved("DATE", when.value, key, when)
        return Resolved("DATE", PLACEHOLDER[when.grain], key)
    if unit and not lead.startswith("the "):
        return Resolved("DURATION", duration_value(amount, unit), ctx.event)
    return Resolved("DATE", "XXXX-XX-XX", ctx.event)


RATE = re.compile(r"(?i)(?:\d[\d,.]*%?|\b(?:million|billion|thousand|hundred|dozen|percent))\s+(?:[\w-]+\s+){0,2}$")


def resolve_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    unit = _unit(_g(m, "unit"))
    q = _g(m, "q")
    if unit == "second" and q in ("a", "an", "one", "the"):
        return None  # "a second term", "one second round"
    if unit == "quarter" and (q in ("a", "an") or re.match(r"\s+of\b", m.string[m.end() :])):
        return None  # "a quarter of the shares"
    amount = parse_number(q) if q else None
    if _g(m, "half"):
        amount = (amount or 1) + 0.5
    if amount is None and q and q not in FUZZY and not re.search(r"few|several|some|many|number|couple", q):
        return None
    if q in ("a", "an") and RATE.search(ctx.before):
        return None  # a rate, "$5 million a year", "400 million crowns a year", not a time
    if q in ("a", "an", "one") and unit in ("weekend", "night"):
        return None
    return Resolved("DURATION", duration_value(amount, unit))


def resolve_adjectival_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'two-week', '10-year', 'several-year' as a modifier ('a 10-year note')."""
    unit = _unit(_g(m, "unit"))
    if unit == "second":
        return None
    return Resolved("DURATION", duration_value(parse_number(_g(m, "q")), unit))


def resolve_vague_duration(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'years', 'recent weeks', 'the coming months', 'decades': an unknown number of units."""
    unit = _unit(_g(m, "unit"))
    if unit in ("second", "night", "weekend"):
        return None
    return Resolved("DURATION", duration_value(None, unit))


REFS = {
    "PRESENT_REF": ("now", "right now", "currently", "nowadays", "these days"),
    "PAST_REF": ("recently", "more recently", "most recently", "very recently", "lately", "the past",
                 "the recent past", "the distant past"),
    "FUTURE_REF": ("the future", "the near future", "the distant future", "the foreseeable future",
                   "the immediate future", "the near term", "the short term", "the long term", "the medium term",
                   "a later date", "as soon as possible"),
}
REF_OF = {phrase: ref for ref, phrases in REFS.items() for phrase in phrases}


def resolve_ref(m: re.Match[str], ctx: Context) -> Resolved | None:
    text = re.sub(r"\s+", " ", m.group(0).lower())
    value = REF_OF.get(text)
    if value is None:
        value = "FUTURE_REF" if re.search(r"coming|ahead|future", text) else "PAST_REF"
    return Resolved("DATE", value)


SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
             "monthly": "P1M", "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
             "semiannually": "P6M", "biannually": "P6M"}


def resolve_set(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'daily', 'each week', 'every other month', 'twice a year' (P1Y: how often is not the
    value), 'every Monday', 'on Tuesday nights', 'each July'."""
    word = _g(m, "word")
    if word:
        return Resolved("SET", SET_WORDS[word])
    weekday = _g(m, "days", "day")
    if weekday:
        part = _g(m, "parts", "parts_").rstrip("s")
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[weekday] + 1}" + ("T" + DAY_PARTS[part] if part else ""))
    what = _g(m, "what")
    if what in WEEKDAYS:
        return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[what] + 1}")
    if what.rstrip(".") in MONTHS:
        return Resolved("SET", f"XXXX-{MONTHS[what.rstrip('.')]:02d}")
    if what in SEASONS:
        return Resolved("SET", f"XXXX-{SEASONS[what]}")
    if what in DAY_PARTS:
        return Resolved("SET", f"XXXX-XX-XXT{DAY_PARTS[what]}")
    every = _g(m, "every")
    amount = parse_number(every) if every else 2.0 if _g(m, "other") else 1.0
    return Resolved("SET", duration_value(amount, _unit(what)))


def resolve_clock(m: re.Match[str], ctx: Context) -> Resolved | None:
    clock = _g(m, "clock")
    if clock in ("noon", "midday"):
        hour, minute = 12, 0
    elif clock == "midnight":
        hour, minute = 24, 0
    else:
        digits = re.match(r"(\d{1,2})(?::(\d\d))?", clock)
        if digits is None:
            return None
        hour, minute = int(digits.group(1)), int(digits.group(2) or 0)
        if "p" in clock and hour < 12:
            hour += 12
        elif "a" in clock and hour == 12:
            hour = 0
    day_text = _g(m, "date")
    day: Point | None = None
    anchor: str | None = None
    if day_text:
        inner = read_time_expressions(m.group("date"), ctx.published, Reading(tense=ctx.tense))
        if inner and inner[0].value[:4].isdigit() and len(inner[0].value) >= 10:
            day = Point.of("day", date.fromisoformat(inner[0].value[:10]))
            anchor = inner[0].anchor
    elif ctx.reference and ctx.reference[1].grain == "day":
        day, anchor = ctx.reference[1], ctx.reference[0]
    elif ctx.published:
        day, anchor = Point.of("day", ctx.published), PUBLICATION
    stamp = f"T{hour:02d}:{minute:02d}"
    return Resolved("TIME", (day.value if day else "XXXX-XX-XX") + stamp, anchor, day)


def resolve_day_part(m: re.Match[str], ctx: Context) -> Resolved | None:
    part = _g(m, "part")
    if ctx.reference and ctx.reference[1].grain == "day":
        return Resolved("TIME", ctx.reference[1].value + "T" + DAY_PARTS[part], ctx.reference[0], ctx.reference[1])
    if ctx.published is None:
        return Resolved("TIME", "XXXX-XX-XXT" + DAY_PARTS[part])
    point = Point.of("day", ctx.published)
    return Resolved("TIME", point.value + "T" + DAY_PARTS[part], PUBLICATION, point)


def resolve_day_anaphor(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'that day', 'the same day', 'the next day', 'the previous day': a day from the last date."""
    which = _g(m, "which")
    step = {"next": 1, "following": 1, "previous": -1, "prior": -1, "preceding": -1}.get(which, 0)
    if ctx.reference and ctx.reference[1].grain == "day":
        ref_id, ref = ctx.reference
        point = ref.shift(step, "day")
        return Resolved("DATE", point.value, ref_id, point)
    if m.group("which__") and ctx.published:  # "later in the day": the day of the news
        return _relative(Point.of("day", ctx.published), "day")
    return None  # "that day" with no day before it to be


def resolve_day_of_month(m: re.Match[str], ctx: Context) -> Resolved | None:
    """'on the 28th': that day of this month, or of the month before or after, by tense."""
    day = int(m.group("d"))
    if ctx.published is None:
        return Resolved("DATE", f"XXXX-XX-{day:02d}")
    options = []
    for step in (-1, 0, 1):
        first = add_months(ctx.published.replace(day=1), step)
        try:
            when = first.replace(day=day)
        except ValueError:
            continue
        options.append((when, Point.of("day", when)))
    return _relative(_nearest(options, ctx.published, ctx.tense), "day") if options else None


# --- the rules --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One kind of expression: a pattern over the text and the resolver that reads a match."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver


_WHICH = r"(?P<which>(?i:this\s+past|this\s+coming|this|last|next|coming|past))\s+"
_PERIODS = r"(?i:week|weekend|month|year|decade|century|fiscal\s+year)"
_QMOD = (
    r"(?i:(?:this|last|next)\s+year's|%(YEAR)s(?:'s)?|fiscal|calendar|year[\s-]ago|year[\s-]earlier|year[\s-]before"
    r"|prior[\s-]year|a\s+year\s+earlier|comparable|corresponding|same|latest|current|previous|prior|recent|just[\s-]ended"
    r"|flat|final|first|second|third|fourth|1st|2nd|3rd|4th|last|next|this|that|the|a|latter)"
)

RULES: list[Rule] = [
    Rule("full_date", _rx(
        r"(?:(?P<pre>(?i:this\s+coming|this\s+past|last|next|this))\s+)?(?:%(WEEKDAY)s,?\s+(?:the\s+)?)?"
        r"(?:(?:%(EDGE)s)[\s-]+)?(?:(?P<m1>%(MONTH)s)\s+(?P<d1>%(DAY)s|%(DAYWORD)s)|(?P<d2>%(DAY)s)\s+(?:of\s+)?(?P<m2>%(MONTH)s))"
        r"(?:,?\s+(?P<y>%(YEAR)s))?"
    ), resolve_full_date),
    Rule("numeric_date", _rx(
        r"(?:(?P<y>%(YEAR)s)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
        r"|(?P<m_>1[0-2]|0?[1-9])/(?P<d_>3[01]|[12]\d|0?[1-9])/(?P<y_>%(YEAR)s))"
    ), resolve_numeric_date),
    Rule("month", _rx(
        r"(?:%(PARTOF)s\s+|(?:%(EDGE)s)[\s-]+|" + _WHICH + r")?(?P<m>%(MONTH)s)"
        r"(?:,?\s+(?:of\s+)?(?P<y>%(YEAR)s|%(YEARWORDS)s)|\s+(?P<rel>(?i:this|last|next))\s+(?i:year))?(?!\s+\d)"
    ), resolve_month),
    Rule("season", _rx(
        r"(?:%(PARTOF)s\s+|(?:%(EDGE)s)[\s-]+)?(?:(?P<which>(?i:this\s+past|this\s+coming|this|last|next|that|the))\s+)?"
        r"(?:(?i:early|late|mid)[\s-]+)?(?P<s>(?i:spring|summer|fall|autumn|winter))"
        r"(?:,?\s+(?:of\s+)?(?P<y>%(YEAR)s|%(YEARWORDS)s)|\s+(?P<rel>(?i:this|last|next))\s+(?i:year))?(?!\s+of\s+(?!\d))"
    ), resolve_season),
    Rule("year", _rx(
        r"(?P<pre>%(PARTOF)s\s+|(?:%(EDGE)s)[\s-]+|mid-|(?i:fiscal|calendar|model)\s+(?:(?i:year)\s+)?|(?i:the\s+)?(?i:year)\s+)?"
        r"(?P<y>%(YEAR)s|%(YEARWORDS)s)(?!'?s\b|’s\b)"
    ), resolve_year),
    Rule("decade", _rx(
        r"(?:%(PARTOF)s\s+)?(?:(?i:the)\s+)?(?:(?:%(EDGE)s)[\s-]+)?"
        r"(?P<dec>(?:1[89]|20)\d0(?:'|’)?s|(?:'|’)\d0s|(?<=the\s)(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
        r"|(?<=the\searly\s)(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
        r"|(?<=the\slate\s)(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
        r"|(?<=the\smid-)(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"
    ), resolve_decade),
    Rule("century", _rx(
        r"(?i:the\s+)?(?:(?P<n>\d{1,2}(?:st|nd|rd|th)|%(DAYWORD)s)[\s-]+(?i:century)"
        r"|(?P<which>(?i:this|last|next|past|previous))\s+(?i:century))"
    ), resolve_century),
    Rule("weekday", _rx(
        r"(?:(?:(?i:early|late|earlier|later|mid)[\s-]+)?"
        r"(?P<which>(?i:this\s+coming|this\s+past|last|next|this|coming|the\s+(?:previous|following|next|same|last)))\s+"
        r"|(?i:early|late|earlier|later)\s+)?(?P<wd>%(WEEKDAY)s)(?:\s+(?P<part>(?i:morning|afternoon|evening|night))(?!s))?"
    ), resolve_weekday),
    Rule("deictic", _rx(
        r"(?:(?i:early|late|earlier|later|mid)[\s-]+)?(?:(?P<day>(?i:today|yesterday|tomorrow|tonight))"
        r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"
        r"|(?P<day_>(?i:this|last))\s+(?P<part_>(?i:morning|afternoon|evening|night))"
        r"|(?P<day__>(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))))"
    ), resolve_deictic),
    Rule("period", _rx(
        r"(?:(?:%(PARTOF)s|(?i:earlier\s+in|later\s+in))\s+|(?i:early|late|earlier|later|mid)[\s-]+)?"
        r"(?P<which>(?i:this\s+past|this\s+coming|this|last|next|that|the(?:\s+(?:past|last|previous|prior|next|coming"
        r"|following|current|same|present|preceding))?))\s+(?P<period>" + _PERIODS + r")(?![\s-](?i:old|ago|earlier|later))"
    ), resolve_period),
    Rule("quarter", _rx(
        r"(?P<mods>(?:" + _QMOD + r"[\s-]+){1,4})(?P<unit>(?i:quarters?|half|period|nine\s+months|six\s+months))"
        r"(?:\s+(?i:of)\s+(?P<ofy>%(YEAR)s|(?i:fiscal\s+)%(YEAR)s|(?i:this|last|next|the)\s+(?i:year)))?"
        r"(?P<tail>\s+(?i:last\s+year|a\s+year\s+(?:ago|earlier)))?"
    ), resolve_quarter),
    Rule("fiscal_year", _rx(
        r"(?i:the|its|their)\s+(?:(?P<which>(?i:current|latest|previous|prior|last|next|new|coming|full|this))\s+)?(?i:fiscal\s+year|full\s+year)"
    ), resolve_fiscal_year),
    Rule("year_ago", _rx(r"(?i:year[\s-](?:ago|earlier|before))(?=\s+\w)"), resolve_year_ago),
    Rule("year_end", _rx(r"(?i:year[\s-]end|year(?:'|’)s\s+end)"), resolve_year_end),
    Rule("ago", _rx(
        r"(?:%(APPROX)s\s+)?(?P<q>%(QUANT)s\s+)?(?P<unit>%(UNIT)s)(?:\s+(?i:and\s+a\s+half))?(?:\s+(?i:or\s+so))?\s+"
        r"(?P<dir>(?i:ago|earlier|later|from\s+now|hence))"
    ), resolve_ago),
    Rule("anchored", _rx(
        r"(?P<lead>(?:%(APPROX)s\s+)?(?P<q>%(QUANT)s)\s+(?P<unit>%(UNIT)s)|(?i:shortly|soon|just|immediately|right|moments|minutes"
        r"|hours|days|weeks|months|years|not\s+long)|(?i:the\s+(?:day|night|morning|evening|week|weekend|month|year)))\s+"
        r"(?P<signal>(?i:after|before|following|prior\s+to))(?=\s+[\w$\"“])"
    ), resolve_anchored),
    Rule("duration", _rx(
        r"(?:%(APPROX)s\s+(?!(?i:the|its|their|his|her)\s))?(?:(?i:the|its|their|his|her|each\s+of\s+the|an?\s+additional|another)\s+)?"
        r"(?:(?i:past|last|next|first|previous|coming|following|final|latest|remaining|ensuing|preceding|initial|other)\s+)?"
        r"(?P<q>%(QUANT)s|(?i:few|couple\s+of))\s+(?:(?i:more|additional|extra|full|straight|consecutive|long|trading|business"
        r"|working|calendar)\s+)?(?P<unit>%(UNIT)s)(?P<half>\s+(?i:and\s+a\s+half))?(?![\s-](?i:old|olds)\b)"
    ), resolve_duration),
    Rule("adjectival_duration", _rx(
        r"(?P<q>%(NUM)s|(?i:several|multi|few))-(?P<unit>%(UNIT_SG)s)(?:-long)?"
    ), resolve_adjectival_duration),
    Rule("vague_duration", _rx(
        r"(?:(?i:recent|the\s+past|the\s+last|the\s+coming|coming|the\s+next|past|the)\s+)?"
        r"(?P<unit>(?i:years|months|weeks|days|decades|centuries|hours|minutes|quarters))(?!\s+(?i:ago|of\s+age|old))"
    ), lambda m, ctx: resolve_vague(m, ctx)),
    Rule("ref", _rx(
        r"(?i:(?:right\s+)?now|currently|nowadays|these\s+days|(?:more|most|very)\s+recently|recently|lately"
        r"|the\s+(?:recent\s+|distant\s+)?past|the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future"
        r"|the\s+(?:near|short|long|medium)\s+term|a\s+later\s+date|as\s+soon\s+as\s+possible"
        r"|(?:future|coming)\s+(?:years|quarters|months|weeks|days|decades|generations)"
        r"|the\s+(?:days|weeks|months|years)\s+ahead)"
        r"(?![\s-](?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|twelve|year|month|week|day|decade|quarter|century))"
    ), resolve_ref),
    Rule("set", _rx(
        r"(?:(?P<word>(?i:daily|nightly|weekly|biweekly|fortnightly|monthly|quarterly|annually|yearly|hourly|semiannually|biannually))"
        r"|(?:(?i:once|twice|%(NUM)s\s+times)\s+(?i:a|per|each|every)|(?i:every|each))\s+(?:(?P<other>(?i:other))\s+|(?i:single)\s+)?"
        r"(?:(?P<every>%(NUM)s|(?i:few|several))\s+)?(?P<what>%(WEEKDAY)s|%(MONTH)s|(?i:spring|summer|fall|autumn|winter|morning|afternoon"
        r"|evening|night)|%(UNIT)s)"
        r"|(?P<days>%(WEEKDAY)s)s(?:\s+(?P<parts>(?i:mornings|afternoons|evenings|nights)))?"
        r"|(?P<day>%(WEEKDAY)s)\s+(?P<parts_>(?i:mornings|afternoons|evenings|nights)))"
    ), resolve_set),
    Rule("clock", _rx(
        r"(?:(?i:around|about|at\s+about|shortly\s+(?:before|after)|just\s+(?:before|after)|approximately|roughly)\s+)?"
        r"(?P<clock>%(CLOCK)s)(?:\s+(?:%(TZ)s))?(?:(?:,\s+|\s+(?i:on\s+)?)(?P<date>%(DATEPART)s))?"
    ), resolve_clock),
    Rule("clock_first", _rx(
        r"(?P<date>%(WEEKDAY)s|(?i:today|yesterday|tomorrow))(?:\s+(?i:at))\s+(?P<clock>%(CLOCK)s)(?:\s+(?:%(TZ)s))?"
    ), resolve_clock),
    Rule("day_part", _rx(
        r"(?:(?i:the|early|late|mid|mid-)\s*)(?P<part>(?i:morning|afternoon|evening))(?!\s+(?i:of|newspaper|paper|session|show|news|rush|prayers?))"
    ), resolve_day_part),
    Rule("day_of_month", _rx(
        r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\buntil\s))(?i:the)\s+(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?!\s+(?:of\s+)?\w)"
    ), resolve_day_of_month),
    Rule("day_anaphor", _rx(
        r"(?i:that\s+(?P<which_>day)|the\s+(?P<which>same|next|following|previous|prior|preceding)\s+day"
        r"|(?:(?<=[Ee]arlier\sin\s)|(?<=[Ll]ater\sin\s))(?P<which__>the)\s+day)"
    ), resolve_day_anaphor),
]
RULE_BY_NAME = {rule.name: rule for rule in RULES}


def resolve_vague(m: re.Match[str], ctx: Context) -> Resolved | None:
    text = m.group(0).lower()
    if re.match(r"(?:the\s+)?(?:coming|next)\b", text):
        return Resolved("DATE", "FUTURE_REF")
    if re.match(r"past\b", text):
        return Resolved("DATE", "PAST_REF")
    if re.match(r"the\s+(?!past|last)", text) and not re.search(r"(?i)\b(?:over|through|across|throughout)\s*$", ctx.before):
        return None  # "the days of ..." reads as a noun; "over the years" as a duration
    return resolve_vague_duration(m, ctx)


# --- scanning ------------------------------------------------------------------------------


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


# Each rule only looks near words its expressions must contain: running two dozen patterns over
# every position of a long article would cost more than the parse. One pass over the words finds
# the trigger words of each class; a rule then searches WINDOW_BEFORE characters before and
# WINDOW_AFTER after each trigger of its class.
_TRIGGER_WORDS = {
    "month": "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec",
    "weekday": "monday tuesday wednesday thursday friday saturday sunday",
    "unit": "second seconds minute minutes hour hours day days night nights week weeks weekend weekends fortnight "
    "fortnights month months quarter quarters year years decade decades century centuries half period",
    "year": "nineteen thousand twenties thirties forties fifties sixties seventies eighties nineties",
    "day": "today yesterday tomorrow tonight morning afternoon evening night",
    "season": "spring summer fall autumn winter",
    "ref": "now currently nowadays days recently lately past future term date possible coming ahead",
    "set": "daily nightly weekly biweekly fortnightly monthly quarterly annually yearly hourly semiannually biannually "
    "every each once twice times mondays tuesdays wednesdays thursdays fridays saturdays sundays",
    "signal": "after before following prior",
    "clock": "noon midnight midday clock",
}
TRIGGER_CLASSES: dict[str, tuple[str, ...]] = {}
for _class, _words in _TRIGGER_WORDS.items():
    for _word in _words.split():
        TRIGGER_CLASSES[_word] = (*TRIGGER_CLASSES.get(_word, ()), _class)
_WORD = re.compile(r"\w+")
_CLOCK_AFTER = re.compile(r"\s*[apAP]\.?[mM]\b|:\d\d")
_NTH = re.compile(r"\d{1,2}(?:st|nd|rd|th)")
TRIGGER_OF = {
    "full_date": "month", "numeric_date": "year", "month": "month", "season": "season", "year": "year",
    "decade": "year", "century": "unit", "weekday": "weekday", "deictic": "day", "period": "unit",
    "quarter": "unit", "fiscal_year": "unit", "year_ago": "unit", "year_end": "unit", "ago": "unit",
    "anchored": "signal", "duration": "unit", "adjectival_duration": "unit", "vague_duration": "unit",
    "ref": "ref", "set": "set", "clock": "clock", "clock_first": "clock", "day_part": "day",
    "day_of_month": "nth", "day_anaphor": "unit",
}
WINDOW_BEFORE, WINDOW_AFTER = 64, 48


def _triggers(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where the trigger words of each class are: {'month': [(start, end), ...], ...}."""
    found: dict[str, list[tuple[int, int]]] = {}
    for word in _WORD.finditer(text):
        token = word.group().lower()
        classes = TRIGGER_CLASSES.get(token, ())
        if token[0].isdigit():
            if len(token) >= 3 and (token.isdigit() or token.endswith("s")):
                classes = ("year",)  # 1998, the 1990s, '80s
            elif _NTH.fullmatch(token):
                classes = ("nth", "month")  # "the 28th", "3rd of March"
            elif _CLOCK_AFTER.match(text, word.end()):
                classes = ("clock",)
        for name in classes:
            found.setdefault(name, []).append(word.span())
    return found


def _windows(text: str, hits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for hit_start, hit_end in hits:
        start, end = max(0, hit_start - WINDOW_BEFORE), min(len(text), hit_end + WINDOW_AFTER)
        while end < len(text) and text[end].isalnum():
            end += 1  # never cut a word in two
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def scan(text: str) -> list[Candidate]:
    """Every candidate expression in ``text``, longest first where two overlap, in text order."""
    triggers = _triggers(text)
    windows = {name: _windows(text, hits) for name, hits in triggers.items()}
    found: list[Candidate] = []
    for rule in RULES:
        for start, end in windows.get(TRIGGER_OF[rule.name], ()):
            found.extend(Candidate(m.start(), m.end(), rule, m) for m in rule.pattern.finditer(text, start, end))
    found.sort(key=lambda c: (c.start - c.end, c.start))
    taken: list[Candidate] = []
    starts: list[int] = []
    for cand in found:
        i = bisect.bisect_left(starts, cand.start)
        if i > 0 and taken[i - 1].end > cand.start:
            continue
        if i < len(taken) and taken[i].start < cand.end:
            continue
        taken.insert(i, cand)
        starts.insert(i, cand.start)
    return taken


def normalize_timex(
    text: str, published: date | None = None, tense: Tense | None = None
) -> tuple[TimexType, str, str | None] | None:
    """``(type, value, anchor)`` of one expression read on its own, or None when ``text`` is not
    (all) a time expression. ``tense`` is the tense of the clause it stands in.

    >>> normalize_timex("two weeks ago", published=date(2025, 2, 3))
    ('DATE', '2025-01-20', 'publication')
    >>> normalize_timex("November", published=date(2025, 2, 3), tense="past")
    ('DATE', '2024-11', 'publication')
    >>> normalize_timex("second round", published=date(2025, 2, 3)) is None
    True
    """
    found = read_time_expressions(text, published, Reading(tense))
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text.rstrip()):
        return None
    return found[0].type, found[0].value, found[0].anchor


# --- reading a whole text ------------------------------------------------------------------


# up to five words after "after"/"before", to the next punctuation or conjunction
_ANCHOR_WORDS = re.compile(r"\s+((?:[\w'’$-]+\s?){1,5}?)(?=[,.;:!?)\"”]|\s+(?:and|but|or|when|which|that|as)\b|$)")


@dataclass
class Reading:
    """What the resolver may ask about the words around an expression. This plain version knows
    only the text (and a tense to assume everywhere); :class:`DocReading` answers from spaCy's
    parse."""

    tense: Tense | None = None

    def keep(self, cand: Candidate, text: str) -> bool:
        return True

    def tense_at(self, start: int, end: int) -> Tense | None:
        return self.tense

    def anchor_span(self, cand: Candidate, text: str) -> tuple[int, int] | None:
        """Where the event an anchored expression hangs on is written ('the vote')."""
        match = _ANCHOR_WORDS.match(text, cand.end)
        return match.span(1) if match else None

    def event_date(self, anchor: tuple[int, int], text: str, dated: list[Dated]) -> tuple[str | None, Point] | None:
        return None


# "effective Feb. 1", "payable Dec. 1": a date things take effect is ahead, whatever the tense
DEADLINE = re.compile(r"(?i)\b(?:effective|payable|due|starting|beginning)\s+(?:on\s+|as\s+of\s+)?$")


class Dated(NamedTuple):
    """An expression already read that names a calendar point (what later ones may hang on)."""

    key: str  # "@<start offset>" until ids are given out
    start: int
    end: int
    point: Point


def read_time_expressions(text: str, published: date | None = None, reading: Reading | None = None) -> list[model.TimeExpression]:
    """Every time expression in ``text``, resolved against ``published``, ids t1, t2 ... in order.

    >>> [(t.text, t.value) for t in read_time_expressions("Talks resume on Monday.", date(2025, 2, 5))]
    [('Monday', '2025-02-03')]
    """
    reading = reading or Reading()
    candidates = [c for c in scan(text) if reading.keep(c, text)]
    found: list[tuple[int, int, Resolved]] = []
    dated: list[Dated] = []
    deferred: list[tuple[Candidate, tuple[int, int], Context]] = []
    reference: tuple[str, Point] | None = None
    reference_written = True
    skip_before = -1

    def context(cand: Candidate) -> Context:
        before = text[max(0, cand.start - 24) : cand.start]
        tense = "future" if DEADLINE.search(before) else reading.tense_at(cand.start, cand.end)
        return Context(published, tense, reference, reference_written, before=before)

    for n, cand in enumerate(candidates):
        if cand.start < skip_before:
            continue
        ctx = context(cand)
        if cand.rule.name == "anchored":
            span = reading.anchor_span(cand, text)
            if span is None:  # no anchor after all: "two weeks before." is two weeks
                lead = RULE_BY_NAME["duration"].pattern.fullmatch(text, cand.start, cand.match.end("lead"))
                resolved = resolve_duration(lead, ctx) if lead else None
                if resolved is not None:
                    found.append((cand.start, cand.match.end("lead"), resolved))
                continue
            inner = next((c for c in candidates[n + 1 :] if c.start < span[1]), None)
            if inner is not None:  # "two weeks after Jan. 5", "a day after the March 3 vote"
                date_of = inner.rule.resolve(inner.match, context(inner))
                span = (span[0], max(span[1], inner.end))
                skip_before = span[1]
                if date_of is not None and date_of.point is not None:
                    ctx.event, ctx.event_date = text[span[0] : span[1]], (date_of.anchor, date_of.point)
                    resolved = resolve_anchored(cand.match, ctx)
                    if resolved is not None:
                        found.append((cand.start, span[1], resolved._replace(anchor=date_of.anchor)))
                    continue
            deferred.append((cand, span, ctx))
            continue
        resolved = cand.rule.resolve(cand.match, ctx)
        if resolved is None:
            continue
        found.append((cand.start, cand.end, resolved))
        if resolved.point is not None and resolved.type in ("DATE", "TIME"):
            dated.append(Dated(f"@{cand.start}", cand.start, cand.end, resolved.point))
            if not resolved.look_back and cand.rule.name not in ("clock", "day_part"):
                reference = (f"@{cand.start}", resolved.point)
                reference_written = resolved.anchor != PUBLICATION
    # anchored expressions last: the event they hang on may be dated further down the article
    for cand, span, ctx in deferred:
        ctx.event = text[span[0] : span[1]]
        ctx.event_date = reading.event_date(span, text, dated)
        resolved = resolve_anchored(cand.match, ctx)
        if resolved is not None:
            found.append((cand.start, span[1], resolved))
    found.sort(key=lambda item: item[0])
    ids = {f"@{start}": f"t{n}" for n, (start, _, _) in enumerate(found, 1)}
    return [
        model.TimeExpression(
            id=f"t{n}", text=text[start:end], start=start, end=end, type=r.type, value=r.value,
            anchor=ids.get(r.anchor, r.anchor) if r.anchor else None,
        )
        for n, (start, end, r) in enumerate(found, 1)
    ]


# --- the spaCy component ---------------------------------------------------------------------

FUTURE_AUX = {"will", "'ll", "’ll", "shall", "wo", "would", "’d"}
FUTURE_LEMMAS = {
    "plan", "expect", "schedule", "set", "due", "hope", "intend", "want", "aim", "prepare", "agree", "promise",
    "vow", "threaten", "seek", "propose", "decide", "going", "go", "likely", "poise", "slate", "try", "need",
    "will", "about", "able", "ready", "scheduled", "expected", "forecast", "project", "predict", "suppose",
    "supposed", "anticipate", "begin", "start", "continue", "hop", "wish", "mean", "ask", "urge", "call",
}
MODALS = {"could", "might", "may", "should", "must", "can", "ought"}
VERB_MONTHS = {"may", "march"}  # also verbs, so a bare one must read as a month
# words after which a bare "May" or "March" is the month
MONTH_CONTEXT = {"in", "since", "by", "until", "till", "through", "from", "to", "of", "during", "before", "after",
                 "last", "next", "this", "early", "late", "mid", "between", "and", "or", "for", "on", "around",
                 "throughout", "the", "into", "end", "beginning", "start", "middle", "every", "each"}


def tense_of(token: Token) -> Tense | None:
    """The tense of the clause a token belongs to, read off its nearest verb and that verb's
    auxiliaries: 'will begin' future, 'said' past, 'has met' past, 'plans to meet' future.

    A date that modifies a noun ("a June agreement") takes no tense from the clause around it."""
    if token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.pos_ in ("NOUN", "PROPN"):
        return None
    verb = _clause_verb(token)
    return _verb_tense(verb, 0) if verb is not None else None


def _clause_verb(token: Token) -> Token | None:
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.tag_ in ("VBD", "VBN", "VBZ", "VBP", "VB", "VBG", "MD"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token, depth: int) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX:
        return "future"
    if words & MODALS:
        return "past" if "have" in words else "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if any(a.lower_ in ("has", "have", "'ve", "’ve") for a in auxes):
        return "past"
    if verb.tag_ == "VBG" and (verb.lower_ == "going" or words & {"is", "are", "am", "'s", "’s", "'re", "’re"}):
        return "future"  # "is going to", "are meeting on Monday"
    if "to" in words or (verb.tag_ == "VB" and not auxes):
        # an infinitive: "plans to meet on Monday" looks ahead, "was expected to arrive" may not
        governor = _clause_verb(verb.head) if verb.head is not verb else None
        if governor is None or depth > 3:
            return "future"  # a headline's "Ministers to meet Monday"
        outer = _verb_tense(governor, depth + 1)
        if verb.head.lemma_.lower() in FUTURE_LEMMAS or governor.lemma_.lower() in FUTURE_LEMMAS:
            return None if outer == "past" else "future"
        return outer
    if verb.tag_ == "VBN":
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_ == "be" and any(c.dep_ == "xcomp" and c.tag_ == "VB" for c in verb.children):
            return "future"  # "is to meet"
        return "present"
    return None


BLOCKING_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC"}


def _title_case(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)


class DocReading(Reading):
    """Answers the resolver's questions from a parsed :class:`Doc`."""

    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc

    def _span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def keep(self, cand: Candidate, text: str) -> bool:
        """False for what only looks like a time: a name ("Theresa May", "This Week With David
        Brinkley", "USA Today"), a verb ("may", "March on", "spring"), an amount ("$1999", "1990
        shares"), an age."""
        span = self._span(cand.start, cand.end)
        if span is None or not len(span):
            return False
        if all(t.ent_type_ in BLOCKING_ENTS for t in span):
            return False
        first, last, name = span[0], span[-1], cand.rule.name
        nxt = self.doc[span.end] if span.end < len(self.doc) else None
        prev = self.doc[span.start - 1] if span.start > 0 else None
        if name == "month" and len(span) == 1:
            if first.pos_ in ("AUX", "VERB", "ADJ") or first.tag_ == "MD":
                return False
            if first.lower_ in VERB_MONTHS and (prev is None or prev.lower_ not in MONTH_CONTEXT):
                return False
        elif name in ("year", "decade"):
            if last.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
                return False
            if nxt is not None and nxt.lower_ in ("%", "percent", "per", "points"):
                return False
            if prev is not None and prev.lower_ in ("no.", "#", "number", "flight", "route", "model", "room", "$", "page"):
                return False
        elif name == "season":
            season = next((t for t in span if t.lower_ in SEASONS), last)
            if season.pos_ in ("VERB", "AUX"):
                return False
        elif name == "period" and last.text[:1].isupper() and not last.is_upper and last.i != last.sent.start:
            return _title_case(last.sent)  # "This Week" the programme, unless a headline capitalizes every word
        elif name == "set" and first.lower_ in ("quarterly", "monthly", "weekly", "yearly", "annually", "hourly", "daily"):
            return first.pos_ != "ADJ"  # "a quarterly dividend" is a payment, not a time
        return True

    def tense_at(self, start: int, end: int) -> Tense | None:
        span = self._span(start, end)
        if span is None or not len(span):
            return None
        return tense_of(span.root)

    def anchor_span(self, cand: Candidate, text: str) -> tuple[int, int] | None:
        """'the vote' in 'two weeks after the vote in which ...', 'being sworn in' in 'shortly
        after being sworn in': the signal's object, or the clause it introduces, cut short."""
        signal = self._span(cand.match.start("signal"), cand.match.end("signal"))
        if signal is None or signal.end >= len(self.doc):
            return None
        last = signal[-1]
        objects = [c for c in last.children if c.dep_ in ("pobj", "pcomp")]
        head = objects[0] if objects else last.head if last.head.i > last.i else None
        if head is None:
            return None
        left = self.doc[last.i + 1]
        if head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            right = head
            for child in head.rights:  # "the vote on the budget", "the March 3 vote"
                if child.i == right.i + 1 and child.dep_ == "prep" and child.lower_ in ("of", "on", "over", "for"):
                    right = child.right_edge if child.right_edge.i - left.i < 8 else right
                    break
        else:
            right = self.doc[min(head.right_edge.i, left.i + 7)]
        stop = next((t for t in self.doc[left.i : right.i + 1] if t.is_punct and t.text not in ("'s", "’s", "-")), None)
        if stop is not None:
            right = self.doc[stop.i - 1]
        if right.i < left.i:
            return None
        return left.idx, right.idx + len(right.text)

    def event_date(self, anchor: tuple[int, int], text: str, dated: list[Dated]) -> tuple[str | None, Point] | None:
        """The date of the anchor event when the article dates that event elsewhere: 'two weeks
        after the vote' and 'parliament voted on March 3' (or 'the vote on March 3', 'the March 3
        vote') -> March 3. The date must hang on a word of the event's lemma, not merely share a
        sentence with one."""
        span = self._span(*anchor)
        if span is None or not len(span) or span.root.pos_ == "PRON":
            return None
        lemma = span.root.lemma_.lower()
        for item in dated:
            if item.point.grain not in ("day", "month") or anchor[0] <= item.start < anchor[1]:
                continue
            where = self._span(item.start, item.end)
            if where is None:
                continue
            token = where.root
            for _ in range(4):
                if token.head is token:
                    break
                token = token.head
                if token.lemma_.lower() == lemma and token.pos_ in ("NOUN", "VERB", "PROPN") and not (
                    anchor[0] <= token.idx < anchor[1]
                ):
                    return item.key, item.point
        return None


def published_date(value: object) -> date | None:
    """The publication date from ``doc._.published``: a date, or an ISO string ('2025-02-03', '2025-02-03T10:00')."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def find_time_expressions(doc: Doc) -> list[model.TimeExpression]:
    """The time expressions of a parsed doc, resolved against ``doc._.published``."""
    return read_time_expressions(text_of(doc), published_date(doc._.published), DocReading(doc))


@Language.factory("storyline_timex", assigns=["doc._.time_expressions"], requires=["doc.ents", "token.dep"])
def create_timex_component(nlp: Language, name: str) -> TimexComponent:
    return TimexComponent()


class TimexComponent:
    """spaCy component: sets ``doc._.time_expressions`` from the text and ``doc._.published``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.time_expressions = find_time_expressions(doc)
        return doc


__all__ = [
    "Context", "DocReading", "Point", "Reading", "Resolved", "Rule", "TimexComponent", "duration_value",
    "find_time_expressions", "month_point", "normalize_timex", "parse_number", "published_date",
    "read_time_expressions", "scan", "tense_of", "weekday_point",
]
