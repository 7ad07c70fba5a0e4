"""Figures: the quantities an article asserts, what they count and on whose authority.

"More than 12,000 people have been killed, according to the health ministry" holds one figure:
``more than 12,000`` (a count, ``more_than``), counting ``people killed``, sourced to the health
ministry with the cue ``according to``.

The work is split the way the other stages split it:

* :func:`parse_number` reads a number as written ("1.5 million", "a dozen", "two hundred and
  five", "two-thirds") — a pure function;
* :func:`scan` finds candidate quantities on the text alone with regular expressions: the number
  with its approximation words, currency, scale and unit, ranges ("between 10 and 20", "10-20"),
  and drops what the text shows is no claim (years, dates, clock times, ages, ordinals, list
  numbering, scores, phone numbers, "G7" and "COVID-19");
* :func:`find_figures` reads the parse around each candidate: numbers inside names ("Boeing 737",
  "Article 5"), what is counted ("hostages to be released"), what a fraction is of ("over half of
  whom"), when it holds (a time expression in the same clause) and its source. The innermost
  attribution wins: a reporting verb on the figure's own noun ("the $40 billion *touted by* X"),
  then the direct quote it sits in, an "according to" in its sentence, the indirect speech it
  sits in, a reporting verb governing its clause ("officials *said*", "the ministry *estimated* the
  damage at ..."); the source is null when the article itself asserts the figure. A pronoun
  source points at the nearest earlier full mention of whom it stands for.

The conventions follow ``benchmarks/data/README.md``: the span keeps approximation words and the
unit but not the counted noun ("more than 12,000" people); fractions are ``percent`` typed with
unit ``fraction`` ("half" -> 0.5); multipliers are ``measure`` with unit ``times``.

>>> parse_number("1.5 million")
1500000.0
>>> [(c.text, c.type, c.approximation) for c in scan("Nearly half of the 2,000 workers left.")]
[('Nearly half', 'percent', 'nearly'), ('2,000', 'count', 'exact')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from storyline import model
from storyline.pipeline.lexicon import ANONYMOUS_SOURCE_NOUNS
from storyline.pipeline.quotes import Resolver, noun_phrase, subject_of
from storyline.pipeline.text import text_of

# --- vocabulary ----------------------------------------------------------------------------------

ONES = "one two three four five six seven eight nine".split()
TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
SMALL_WORDS: dict[str, int] = (
    {w: n for n, w in enumerate(ONES, 1)}
    | {w: n for n, w in enumerate(TEENS, 10)}
    | {w: n for n, w in zip(range(20, 100, 10), TENS, strict=True)}
)
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
    "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9,
    "ninths": 9, "tenth": 10, "tenths": 10,
}

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY",
    "jpy": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "₪": "ILS", "₩": "KRW", "c$": "CAD",
    "a$": "AUD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "chf": "CHF", "cny": "CNY", "rmb": "CNY",
}
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR",
    "shekel": "ILS", "shekels": "ILS", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
}
# Currencies kept as the word the article uses: there is more than one "crown" or "franc".
OTHER_CURRENCIES = (
    "crowns kronor kroner krona krone francs franc pesos peso lira liras lire dinars dinar riyals riyal "
    "dirhams dirham rand naira hryvnias hryvnia zlotys zloty forints forint baht ringgit rupiah lei leu "
    "bitcoins bitcoin"
).split()
DURATION_UNITS: dict[str, str] = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "night": "nights",
    "week": "weeks", "fortnight": "fortnights", "month": "months", "year": "years", "decade": "decades",
    "century": "centuries", "centuries": "centuries",
}
MEASURE_UNITS: dict[str, str] = {
    "km": "km", "kilometer": "km", "kilometre": "km", "square kilometers": "km2", "square kilometres": "km2",
    "sq km": "km2", "km2": "km2", "mile": "miles", "square miles": "square miles", "meter": "m", "metre": "m",
    "cm": "cm", "mm": "mm", "foot": "feet", "feet": "feet", "ft": "feet", "inch": "inches", "inches": "inches",
    "kg": "kg", "kilogram": "kg", "kilo": "kg", "gram": "g", "ton": "tonnes", "tonne": "tonnes",
    "metric ton": "tonnes", "ounce": "ounces", "barrel": "barrels", "bpd": "barrels per day",
    "gallon": "gallons", "liter": "litres", "litre": "litres", "cubic meter": "m3", "cubic metre": "m3",
    "acre": "acres", "hectare": "hectares", "ha": "hectares", "megawatt": "MW", "mw": "MW",
    "gigawatt": "GW", "gw": "GW", "kilowatt": "kW", "kw": "kW", "kwh": "kWh", "gigawatt hour": "GWh",
    "terawatt hour": "TWh", "degree": "degrees", "mph": "mph", "km/h": "km/h", "kph": "km/h", "knot": "knots",
    "calorie": "calories", "point": "points", "basis point": "basis points", "horsepower": "hp", "hp": "hp", "time": "times",
}
APPROXIMATIONS: dict[str, model.Approximation] = {
    "more than": "more_than", "over": "more_than", "well over": "more_than", "just over": "more_than",
    "slightly more than": "more_than", "a little more than": "more_than", "a little over": "more_than",
    "upwards of": "more_than", "in excess of": "more_than", "above": "more_than", "greater than": "more_than",
    "north of": "more_than", "well above": "more_than", "more then": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "a minimum of": "at_least",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "just under": "less_than",
    "below": "less_than", "slightly less than": "less_than", "well under": "less_than", "well below": "less_than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just shy of": "nearly", "just short of": "nearly",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "some": "about",
    "an estimated": "about", "estimated": "about", "approx.": "about", "circa": "about", "an approximate": "about",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to", "at most": "up_to", "no more than": "up_to",
    "a maximum of": "up_to", "as high as": "up_to", "as few as": "up_to",
}

# --- regular expressions -------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """An alternation that tries longer words first, with spaces matching any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_SMALL = rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(ONES)}))?|{'|'.join(TEENS)}|{'|'.join(ONES)})"
_SCALE_WORD = "hundred|thousand|million|billion|trillion|lakhs?|crores?"
_WORDNUM = (
    rf"(?:(?:{_SMALL}|an?)(?:[\s-]+(?:{_SCALE_WORD}))+(?:(?:,?\s+and)?[\s-]+{_SMALL}(?:[\s-]+(?:{_SCALE_WORD}))*)*"
    rf"|{_SMALL})"
)
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_CURRENCY = r"(?:(?:US|C|A|HK|NZ|S)\$|[$€£¥₹₪₩]|(?:USD|EUR|GBP|CHF|JPY|CNY|RMB|INR|Rs\.?)\s?)"
_FRACWORD = _alt(DENOMINATORS)
_NUM_START = r"(?<![\w.,:/])(?<![A-Za-z]-)"
_NUM_END = r"(?!\w|[.,:/]\d)"

MULTIPLIERS = {"twice": 2, "thrice": 3, "double": 2, "triple": 3, "quadruple": 4}
_TRIGGER_WORDS = _alt([*SMALL_WORDS, *MULTIPLIERS, "half"])
TRIGGER = re.compile(
    rf"[$€£¥₹₪₩]|\d[\d,.]*|\b(?i:{_TRIGGER_WORDS}|an?\s+(?:dozen|{_SCALE_WORD}|{_FRACWORD}))\b"
)
# The number itself: one alternative per shape, each with its own group.
CORE = re.compile(
    rf"""(?ix)
    {_NUM_START}
    (?:
        (?P<ratio>(?:\d{{1,3}}|{_SMALL})\s+(?:in|out\s+of)\s+(?:\d{{1,3}}|{_SMALL}|a\s+hundred)){_NUM_END}(?!\s+(?:{_SCALE_WORD}))
      | (?P<halfof>half\s+an?\s+(?:{_SCALE_WORD}|dozen)){_NUM_END}
      | (?P<dozen>(?:{_SMALL}|a|half\s+a)\s+dozen){_NUM_END}
      | (?P<frac>(?:{_SMALL}|a)[\s-]+(?:{_FRACWORD})){_NUM_END}
      | (?P<half>half){_NUM_END}
      | (?P<mult>twice|thrice|(?:double|triple|quadruple)(?=\s+(?:the|that|this|its|their|what)\b)){_NUM_END}
      | (?P<words>{_WORDNUM}){_NUM_END}
      | (?P<slash>(?:\d{{1,3}}[-\s])?\d{{1,2}}/(?:32|64|16|8)|\d{{1,3}}[-\s]1/2)(?!\w|/)
      | (?P<cur>{_CURRENCY})?(?P<digits>{_DIGITS})
        (?:(?P<abbr>bn|mn|mln|tn|trn|[kmb])(?![\w])|{_NUM_END})
        (?:\s*-?\s*(?P<scale>{_SCALE_WORD}|bn|mn|mln|tn|trn)\b)?
    )
    """
)
# What may follow a number: a percent sign or word, a currency word, a unit (with a hyphen in
# adjectival use: "a 15-month war"), "and a half".
_UNIT_WORDS = _alt(
    [*CURRENCY_WORDS, *OTHER_CURRENCIES, "pounds sterling"]
    + [w for u in DURATION_UNITS for w in (u, u + "s")]
    + [w for u in MEASURE_UNITS for w in (u, u + "s", u + "es")]
)
UNIT = re.compile(
    rf"""(?ix)
    (?P<half>(?:\s+|-)and(?:\s+|-)a(?:\s+|-)half)?
    (?:
        \s*(?P<pct>%|per\s*cent\b|percent\b|pct\b)
      | (?P<cursym>\s?[€£¥₹₪₩])
      | \s+(?P<pp>percentage[\s-]points?)\b
      | (?P<sep>\s+|-)(?P<unit>{_UNIT_WORDS})(?![\w/])
    )?
    """
)
SUFFIX = re.compile(r"(?i)\s+or\s+(?P<more>more)\b|\s+or\s+(?P<so>so)\b|(?P<plus>\+|-plus\b)")
RANGE_SEP = re.compile(r"(?i)\s*(?:(?P<dash>[-–—])|\s(?P<word>to|or|and)\s)\s*")
_APPROX_BEFORE = re.compile(rf"(?i)(?:^|(?<=[^\w-]))(?P<a>{_alt(APPROXIMATIONS)})\s+$")
_BETWEEN_BEFORE = re.compile(r"(?i)(?:^|(?<=\W))(?P<w>between|from|by)\s+$")
_CURRENCY_BEFORE = re.compile(rf"(?P<c>{_CURRENCY})$")

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
# What right before or right after a number shows it to be part of a date, a clock time, a phone
# number or an age: "Feb. 3", "5 November", "10:30", "3 p.m.", "555-1234", "aged 45", "45-year-old".
DATE_BEFORE = re.compile(
    rf"""(?x)(?:
        \b(?:{MONTHS})\s*,?\s+ | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\s*,?\s+
      | (?i:\b(?:aged?|ages|age\s+of)\s+(?:about\s+|between\s+|of\s+)?)
      | \d[:/] | \d{{4}}-\d{{1,2}}- | \(\d{{3}}\)\s* | \+\d{{1,3}}[\s-]*
    )$"""
)
DATE_AFTER = re.compile(
    rf"""(?x)
        (?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})(?!\w) | [:/]\d | \s+\d/\d\b
      | \s*(?i:[ap]\.m\.|[ap]m\b) | \s+o['’]clock | \s+(?:GMT|UTC|local\s+time)\b
      | (?i:(?:-|\s+)(?:years?|months?|weeks?|days?)(?:-|\s+)olds?\b)
      | (?<=\b\d{{3}})[\s.-]\d{{3}}[\s.-]\d{{4}}\b | (?<=\b\d{{3}})-\d{{4}}\b | \)\s*\d{{3}}-\d{{4}}
    """
)
_SPORTS = re.compile(
    r"(?i)\b(?:won|win|wins|beat|beats|beaten|defeat\w*|victory|victories|lost|loss|draw|drew|tie[sd]?"
    r"|score\w*|goals?|match|game|innings|set|halftime|half-time)\b"
)
# "a 15-month war" is a duration; "a four-door car" names a kind of thing
_COMPOUND = re.compile(r"-[^\W\d]")
_COMPOUND_OK = re.compile(r"(?i)-(?:plus|a-|per-|strong\b|member\b|nation\b|country\b|seat\b|person\b|man\b|and-a-half)")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")

# Words before a number that make it part of a name or a label: "Article 5", "No. 2", "Title 42".
DESIGNATORS = frozenset(
    """
    article section chapter clause paragraph resolution title amendment proposition prop act rule
    flight route highway interstate room floor gate terminal platform line lane bus channel page
    p. pp. fig. table item vol. volume no. no # number phase stage level category class grade type
    model version season episode week game round district ward precinct unit block lot apartment
    apt. suite box pier dock bay sector zone area camp
    """.split()
)
# Designators that label a number even in lower case: "area 55", "page 4", "phase 2".
LOWER_DESIGNATORS = frozenset(
    "article section chapter clause paragraph page area room flight route phase stage level category grade "
    "season episode ward precinct district gate terminal platform no. nr. nr # §".split()
)
MONTH_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. nov nov. "
    "dec dec. monday tuesday wednesday thursday friday saturday sunday".split()
)
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})


# --- numbers: pure ---------------------------------------------------------------------------------

_TOKENS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+|[a-z]+")


def parse_number(text: str) -> float | None:
    """The value of a number as written, or None when the text is no number.

    >>> [parse_number(t) for t in ("12,000", "1.5 million", "$2bn", "a dozen", "two hundred and five")]
    [12000.0, 1500000.0, 2000000000.0, 12.0, 205.0]
    >>> [parse_number(t) for t in ("half", "two-thirds", "half a million", "twenty-four", "several")]
    [0.5, 0.6666666666666666, 500000.0, 24.0, None]
    """
    words = _TOKENS.findall(text.lower().replace("-", " "))
    total = 0.0
    current: float | None = None
    seen = False
    i = 0
    while i < len(words):
        word = words[i]
        if word[0].isdigit() or word[0] == ".":
            current = (current or 0.0) + float(word.replace(",", ""))
            seen = True
        elif word in SMALL_WORDS:
            current = (current or 0.0) + SMALL_WORDS[word]
            seen = True
        elif word in ("a", "an") and i + 1 < len(words) and (words[i + 1] in SCALES or words[i + 1] in DENOMINATORS or words[i + 1] == "dozen"):
            current, seen = (current or 0.0) + 1, True
        elif word == "half" and i + 1 < len(words) and words[i + 1] in ("a", "an"):
            current, seen = 0.5, True
            i += 1  # "half a million": the article is the one being halved
        elif word in SCALES and (seen or current is not None):
            scale = SCALES[word]
            if scale == 100:
                current = (current if current is not None else 1.0) * scale
            else:
                total += (current if current is not None else 1.0) * scale
                current = None
        elif word == "dozen":
            current, seen = (current if current is not None else 1.0) * 12, True
        elif word in DENOMINATORS:
            current, seen = (current if current is not None else 1.0) / DENOMINATORS[word], True
        elif word != "and":
            return None
        i += 1
    if not seen:
        return None
    return total + (current or 0.0)


# --- scanning the text: pure -----------------------------------------------------------------------


@dataclass
class Candidate:
    """A quantity found on the text: its extent, the number's own extent inside it, and what it is."""

    start: int
    end: int
    text: str
    value: float
    type: str  # count, money, percent, duration, measure
    unit: str | None = None
    approximation: model.Approximation = "exact"
    upper: float | None = None
    number_start: int = 0  # the number and its scale, without approximation words or unit
    number_end: int = 0


@dataclass
class _Part:
    """One number with what is written right after it."""

    start: int
    end: int  # after the unit
    number_end: int
    value: float
    currency: str | None = None
    unit: str | None = None
    type: str = "count"
    scaled: bool = False
    fraction: bool = False
    kind: str = ""  # which CORE alternative matched


def _part_at(text: str, m: re.Match[str], currency_before: str | None) -> _Part | None:
    kind = next(k for k in ("ratio", "halfof", "dozen", "frac", "half", "mult", "words", "slash", "digits") if m.group(k))
    raw = m.group(0)
    if kind == "mult":
        return _Part(m.start(), m.end(), m.end(), MULTIPLIERS[raw.lower()], type="measure", unit="times", kind=kind)
    if kind == "ratio":
        a, b = re.split(r"(?i)\s+(?:in|out\s+of)\s+", raw)
        num, den = parse_number(a), parse_number(b)
        if not num or not den or num >= den:
            return None
        return _Part(m.start(), m.end(), m.end(), num / den, type="percent", unit="fraction", fraction=True, kind=kind)
    value = _slash_value(raw) if kind == "slash" else parse_number(raw)
    if value is None:
        return None
    currency = None
    if m.group("cur"):
        currency = CURRENCY_SYMBOLS.get(m.group("cur").strip().lower())
    elif currency_before:
        currency = CURRENCY_SYMBOLS.get(currency_before.strip().lower())
    scaled = bool(m.group("scale") or m.group("abbr")) or (kind == "words" and bool(re.search(_SCALE_WORD, raw, re.I)))
    if m.group("abbr") and m.group("abbr").lower() in {"m", "b", "k"} and currency is None:
        return None  # "100m" is a distance, "4k" a resolution, unless money
    part = _Part(m.start(), m.end(), m.end(), value, currency=currency, scaled=scaled, kind=kind)
    if kind == "slash" and re.search(r"/(?:32|64)$", raw):
        part.type, part.unit = "measure", "points"  # a bond price move in 32nds
    if kind in ("frac", "half"):
        part.fraction = True
        part.type, part.unit = "percent", "fraction"
        unit = UNIT.match(text, m.end())
        if unit is not None and unit.group("unit") and unit.group("unit").lower().startswith("point"):
            part.end, part.type, part.unit = unit.end(), "measure", "points"  # "a quarter-point cut"
        return part
    unit = UNIT.match(text, m.end())
    if unit is not None and unit.end() > m.end():
        if unit.group("half"):
            part.value += 0.5
        part.end = unit.end()
        if unit.group("pct"):
            part.type, part.unit = "percent", "percent"
        elif unit.group("cursym"):
            part.currency = CURRENCY_SYMBOLS[unit.group("cursym").strip()]  # "60,000₩"
            part.type, part.unit = "money", part.currency
        elif unit.group("pp"):
            part.type, part.unit = "percent", "percentage points"
        elif unit.group("unit"):
            word = re.sub(r"\s+", " ", unit.group("unit").lower())
            part.type, part.unit = _unit_type(word, text, unit.end())
        else:
            part.end = part.number_end = unit.end()  # only "and a half"
    if currency is not None and part.type == "count":
        part.type, part.unit = "money", currency
    if _COMPOUND.match(text, part.end) and not _COMPOUND_OK.match(text, part.end):
        return None  # "a four-cylinder engine", "a two-state solution": part of a word, not a quantity
    return part


def _slash_value(raw: str) -> float:
    """'7/32' -> 0.21875, '1-1/2' -> 1.5."""
    whole, _, fraction = raw.replace("-", " ").rpartition(" ")
    numerator, denominator = fraction.split("/")
    return (float(whole) if whole else 0.0) + int(numerator) / int(denominator)


def _unit_type(word: str, text: str, end: int) -> tuple[str, str]:
    """The type and the unit a unit word gives: 'euros' -> money EUR, 'weeks' -> duration weeks."""
    if word in CURRENCY_WORDS or word == "pounds sterling":
        if word.startswith("pound") and re.match(r"\s+of\b", text[end : end + 5]):
            return "measure", "pounds"  # "200 pounds of explosives" weighs
        return "money", CURRENCY_WORDS.get(word, "GBP")
    if word in OTHER_CURRENCIES:
        return "money", word
    singular = word[:-2] if word.endswith(("ches", "ies")) else word[:-1] if word.endswith("s") else word
    for form in (word, singular):
        if form in DURATION_UNITS:
            return "duration", DURATION_UNITS[form]
        if form in MEASURE_UNITS:
            return "measure", MEASURE_UNITS[form]
    return "measure", word


def _masked(text: str, cand: Candidate, first_end: int) -> bool:
    """Whether the number sits in a date, a clock time, a phone number or an age."""
    before = text[max(0, cand.number_start - 30) : cand.number_start]
    if DATE_BEFORE.search(before) is not None or DATE_AFTER.match(text, cand.number_end) is not None:
        return True
    return first_end != cand.number_end and DATE_AFTER.match(text, first_end) is not None


def _is_year(part: _Part, text: str) -> bool:
    digits = text[part.start : part.number_end].strip()
    return (
        part.type == "count"
        and part.currency is None
        and bool(re.fullmatch(r"(?:1[89]|20)\d\d", digits))
    )


def scan(text: str) -> list[Candidate]:
    """Candidate figures of a text, in order, from the text alone.

    >>> [(c.text, c.value, c.upper, c.approximation) for c in scan("Between 10 and 20 people died in 2023.")]
    [('Between 10 and 20', 10.0, 20.0, 'range')]
    """
    found: list[Candidate] = []
    pos = 0
    # Searching for a cheap trigger and matching the full pattern only there is several times
    # faster than searching with the full pattern.
    while (trigger := TRIGGER.search(text, pos)) is not None:
        m = CORE.match(text, trigger.start())
        at = trigger.start()
        if m is not None and at >= 2 and text[at - 1] == "-" and text[at - 2].isalnum():
            m = None  # "A350-900", "787-9": a model's variant, not a quantity
        if m is None:
            pos = trigger.end()
            continue
        pos = m.end()
        before = text[max(0, m.start() - 40) : m.start()]
        cur_before = _CURRENCY_BEFORE.search(before) if not m.group("cur") else None
        first = _part_at(text, m, cur_before.group("c") if cur_before else None)
        if first is None:
            continue
        start = m.start() - (len(cur_before.group("c")) if cur_before and first.kind == "digits" else 0)
        parts = [first]
        sep = RANGE_SEP.match(text, first.end)
        if sep is not None and not first.fraction:
            nxt = CORE.match(text, sep.end())
            second = _part_at(text, nxt, None) if nxt is not None else None
            if second is not None and not second.fraction:
                parts.append(second)
        cand = _candidate(text, start, parts, sep)
        if cand is None:
            pos = max(pos, parts[-1].end)
            continue
        pos = max(pos, cand.end)
        if _masked(text, cand, parts[0].number_end) or _not_a_claim(text, cand, parts):
            continue
        found.append(cand)
    return found


def _candidate(text: str, start: int, parts: list[_Part], sep: re.Match[str] | None) -> Candidate | None:
    first = parts[0]
    before = text[max(0, start - 40) : start]
    offset = start - len(before)
    approximation: model.Approximation = "exact"
    span_start = start
    upper: float | None = None
    between = _BETWEEN_BEFORE.search(before)
    opener = between.group("w").lower() if between is not None else ""
    if len(parts) == 2 and sep is not None:
        second = parts[1]
        word = (sep.group("word") or "").lower()
        joined = (
            (word == "and" and opener == "between")
            or (word in ("to", "or") and opener not in ("from", "by"))  # "rose from 10 to 20": two figures
            or sep.group("dash") is not None
        )
        lower = first.value
        if not first.scaled and second.scaled and first.value < _unscaled(text, second):
            lower = first.value * second.value / _unscaled(text, second)  # "between 1 and 2 million"
        same_unit = first.unit is None or second.unit is None or first.unit == second.unit
        if joined and same_unit and lower < second.value:
            approximation, upper = "range", second.value
            if opener == "between":
                span_start = offset + between.start() if between is not None else start
            currency = first.currency or second.currency
            first = _Part(
                first.start, second.end, second.number_end, lower, currency, second.unit if first.unit is None else first.unit,
                second.type if first.type == "count" else first.type, second.scaled, False, first.kind,
            )
            if currency is not None and first.type == "count":
                first.type, first.unit = "money", currency
        elif sep.group("dash") is not None and first.value >= second.value and first.type == second.type == "count":
            return None  # "won 3-1", "voted 6-3": a score or a tally, not a range
        elif opener == "from" and word == "to" and first.type == "count" and first.unit is None and second.type != "count":
            # "rose from 10 to 20 percent": both ends are percentages
            first = _Part(first.start, first.end, first.number_end, lower, second.currency, second.unit, second.type,
                          first.scaled, False, first.kind)
    if approximation != "range":
        approx = _APPROX_BEFORE.search(before)
        if approx is not None:
            phrase = re.sub(r"\s+", " ", approx.group("a").lower())
            # "over two weeks" and "under two years" are periods, not bounds
            if not (phrase in ("over", "under", "above", "below", "some") and first.type == "duration"):
                approximation = APPROXIMATIONS[phrase]
                span_start = offset + approx.start()
    end = first.end
    suffix = SUFFIX.match(text, end)
    if suffix is not None and approximation == "exact":
        approximation = "at_least" if suffix.group("more") else "about" if suffix.group("so") else "more_than"
        end = suffix.end()
    return Candidate(
        start=span_start, end=end, text=text[span_start:end], value=first.value, type=first.type, unit=first.unit,
        approximation=approximation, upper=upper, number_start=start, number_end=first.number_end,
    )


def _unscaled(text: str, part: _Part) -> float:
    """The number of a scaled part before its scale: 2 in "2 million"."""
    m = re.match(r"[^\d]*(\d[\d,]*(?:\.\d+)?)", text[part.start : part.number_end])
    if m:
        return float(m.group(1).replace(",", ""))
    words = re.split(r"[\s-]+", text[part.start : part.number_end].lower())
    return parse_number(" ".join(w for w in words if w not in SCALES)) or part.value


_AFTER_HALF = re.compile(r"(?i)\s+(?:of|the|its|their|his|her|our|all|them|these|those|that|this)\b")
_ORDINAL_BEFORE = re.compile(r"(?i)\b(?:first|second|third|last|latter|other|one)\s+$")
_OF_AFTER = re.compile(r"(?i)\s+of\b")
_NAME_COMMA_BEFORE = re.compile(r"[A-Z][\w.]*\s*,\s*$")
_COMMA_AFTER = re.compile(r"\s*,")
_NUMBER_BEFORE = re.compile(r"(?:[-+]?\d[\d.,]*[%)]?\s+){1,2}[-+]?$")
_NUMBER_AFTER = re.compile(r"(?:\s+[-+]?\d[\d.,]*%?){1,2}")


def _in_number_row(text: str, cand: Candidate) -> bool:
    """Whether the number stands in a run of three or more bare numbers ("5040 5 1 17 27")."""
    before = _NUMBER_BEFORE.search(text, max(0, cand.number_start - 40), cand.number_start)
    after = _NUMBER_AFTER.match(text, cand.end)
    count = 1 + (len(before.group(0).split()) if before else 0) + (len(after.group(0).split()) if after else 0)
    return count >= 3
_AGO = re.compile(r"(?i)\s+ago\b")
# "one" counts when a noun follows it ("one woman", "only one toilet"), not as a pronoun or in idioms
_ONE_IDIOM_AFTER = re.compile(
    r"(?i)(?:\s+(?:of|another|day|time|point|way|hand|side|thing|more|by|or|and|in|on|at|to|with|for|that|who"
    r"|which|is|was|has|had|would|will|can|could|should|must|may|might|case|instance|occasion|example)\b(?!-)"
    r"|\s*[^\w\s]|\s*$)"
)
_ONE_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:no|any|the|this|that|every|each|which|someone|anyone|no-)\s*$")
# "the two sides", "the world's two largest economies": a restatement of what the reader knows
_ANAPHORIC_BEFORE = re.compile(r"(?i)(?:\b(?:the|these|those|both|its|their|his|her|our|whose)|['’]s)\s+$")
_EMERGENCY_NUMBER = re.compile(r"(?i)(?:911|999|112)\s+(?:calls?|lines?|operators?|dispatch\w*|emergency)")
# "10-year notes", "three-month aluminum", "a five-year plan": the duration names a kind of thing
_LABEL_AFTER = re.compile(
    r"(?i)(?:-|\s+)(?:treasury\s+|government\s+|benchmark\s+)?(?:notes?|bonds?|yields?|treasur(?:y|ies)|bills?|gilts?"
    r"|bunds?|paper|aluminum|aluminium|copper|nickel|zinc|futures|libor|mortgages?|swaps?|plan|average|window|horizon)\b"
)


def number_text_capitalised(text: str, cand: Candidate) -> bool:
    return text[cand.number_start].isupper()


def _not_a_claim(text: str, cand: Candidate, parts: list[_Part]) -> bool:
    """What the text alone shows is no claim: years, list numbers, a lone "one", ages, scores,
    restatements ("the two sides"), labels ("10-year notes")."""
    first = parts[0]
    lowered = text[cand.number_start : cand.number_end].lower()
    if any(_is_year(p, text) for p in parts) and cand.type == "count" and cand.unit is None:
        return True
    before = text[max(0, cand.number_start - 30) : cand.number_start]
    after = text[cand.end : cand.end + 30]
    if _LINE_START.search(before) and re.match(r"[.)]\s", after):
        return True  # "1. First item", "2) Second"
    if before.endswith("[") and after.startswith("]"):
        return True  # a footnote mark "[1]"
    if first.kind in ("digits", "slash") and _in_number_row(text, cand):
        return True  # a row of a table or a ticker ("225.86 -12.99 -5.44%"), not prose
    if len(parts) == 1 and first.kind == "words" and lowered in ("one", "a", "an"):
        rest = text[cand.number_end : cand.number_end + 120]
        sentence_rest = re.split(r"[.!?;]\s", rest, maxsplit=1)[0]
        if (
            lowered != "one" or number_text_capitalised(text, cand) or _ONE_IDIOM_AFTER.match(rest)
            or _ONE_DETERMINER_BEFORE.search(before) or re.search(r"(?i)\banother\b", sentence_rest)
        ):
            return True  # "One campaign video showed", "at one point", "one chapter is over, another begun"
    if first.kind == "half" and cand.approximation == "exact" and not _AFTER_HALF.match(after):
        return True  # "cut in half", "the second half"
    if first.kind in ("half", "frac") and _ORDINAL_BEFORE.search(before):
        return True
    if first.kind == "frac" and cand.type == "percent" and re.match(r"(?i)(?:a|one)\s+\w+$", lowered) and not _OF_AFTER.match(after):
        return True  # "a third term", "a quarter century"
    if first.kind == "words" and first.value <= 10 and cand.approximation == "exact" and cand.type == "count" and _ANAPHORIC_BEFORE.search(before):
        return True
    small_count = cand.type == "count" and len(parts) == 1 and first.value <= 120 and first.kind == "digits"
    if small_count and _NAME_COMMA_BEFORE.search(before) and _COMMA_AFTER.match(after):
        return True  # "Dana Levi, 45, said"
    if small_count and re.search(r"\(\s*$", before) and re.match(r"\s*\)", after):
        return True  # "Levi (45)"
    if cand.type == "duration" and (_AGO.match(after) or _LABEL_AFTER.match(text, cand.end)):
        return True  # "four years ago" says when, not how long
    if _EMERGENCY_NUMBER.match(text, cand.number_start):
        return True
    if re.search(r"-\s*$", before) and re.match(r"(?:[-–]\d|\s*[-–]\s*\d)", text[cand.end : cand.end + 3]):
        return True
    if re.match(r"\s*[-–]\s*\d", after) or cand.approximation == "range" and re.search(r"[-–]", cand.text):
        window = text[max(0, cand.start - 80) : cand.end + 80]
        if _SPORTS.search(window):
            return True  # "lost 1-2", "a 24-27 defeat"
    return False


# --- reading the parse -----------------------------------------------------------------------------


class _Article:
    """A doc with its text and token offsets read once (``Doc.text`` rebuilds the string)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []

    def tokens(self, start: int, end: int) -> list[Token]:
        """The tokens overlapping ``[start, end)``."""
        if not self.starts or start >= end:
            return []
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        j = bisect.bisect_left(self.starts, end)
        return [self.doc[k] for k in range(i, max(j, i + 1))]


def in_name(doc: Doc, first: Token, number: list[Token], token_entity: dict[int, str]) -> bool:
    """Whether a number is part of a name or a label: 'Boeing 737', 'Article 5', 'No. 2', 'area 55',
    'Windows 10', '10 Downing Street' (the model tags it, or a proper noun or a designator word
    comes right before it). ``first`` is the first token of the figure, ``number`` its numerals."""
    if any(t.ent_type_ in NAME_LABELS or t.i in token_entity for t in number):
        return True
    if first.i == 0 or first.i != number[0].i:
        return False  # "Rs 24 lakh": a currency comes first
    prev = doc[first.i - 1]
    lower = prev.lower_
    if lower in {"no.", "#"} or lower in LOWER_DESIGNATORS:
        return True
    if lower in MONTH_WORDS or prev.is_sent_start or prev.is_punct or not any(c.isupper() for c in prev.text):
        return False
    return lower in DESIGNATORS or prev.tag_ in {"NNP", "NNPS"}


def _number_tokens(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.like_num or t.pos_ == "NUM" or t.lower_ in SCALES or t.lower_ in DENOMINATORS or t.lower_ == "dozen"]


_NOUNS = frozenset({"NOUN", "PROPN"})
_MODIFIERS = frozenset({"ADJ", "NOUN", "PROPN", "VERB"})
_RELATIVE = frozenset({"who", "that", "which"})
_AUXILIARIES = frozenset({"to", "be", "been", "being", "have", "has", "had", "were", "was", "are", "is", "will", "would", "not"})
_NOT_COUNTED = frozenset(DURATION_UNITS) | frozenset(DURATION_UNITS.values()) | {"percent", "%", "times", "time", "of"}


def counted_noun(doc: Doc, number: Token, end_token: int) -> Token | None:
    """The noun a count modifies: '12,000 *people*', 'a dozen *prisoners*', '14 of the 61 *seats*'."""
    head = number
    while head.head.i != head.i and head.dep_ in {"compound", "quantmod", "nummod"} and (
        head.head.like_num or head.head.lower_ in SCALES or head.head.lower_ == "dozen"
    ):
        head = head.head
    noun: Token | None = None
    if head.dep_ in {"nummod", "quantmod", "amod", "compound", "nmod"} and head.head.i > head.i and head.head.pos_ in _NOUNS:
        noun = head.head
    elif end_token < len(doc) and doc[end_token].tag_ in {"NNS", "NNPS"}:
        noun = doc[end_token]  # the parse attached the number elsewhere, the noun follows it
    else:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        objects = [g for g in of.children if g.dep_ == "pobj"] if of is not None else []
        if objects and objects[0].pos_ in _NOUNS:
            noun = objects[0]
    if noun is None or noun.lower_ in _NOT_COUNTED or noun.i - number.i > 6:
        return None
    return noun


def counted_phrase(doc: Doc, text: str, noun: Token, after: int) -> str:
    """The counted noun with its modifiers after the number, and a participle or relative clause
    that says what happened to it: 'Palestinian prisoners', 'people killed', 'hostages to be
    released', 'people who were wounded'."""
    start = noun.idx
    i = noun.i - 1
    while i >= 0 and doc[i].idx >= after and doc[i].pos_ in _MODIFIERS and doc[i].dep_ in {"amod", "compound", "nmod"}:
        start = doc[i].idx
        i -= 1
    words = text[start : noun.idx + len(noun.text)]
    j = noun.i + 1
    stretch: list[Token] = []
    if j < len(doc) and doc[j].lower_ in _RELATIVE and doc[j].tag_ in {"WP", "WDT"}:
        stretch.append(doc[j])
        j += 1
    while j < len(doc) and doc[j].lower_ in _AUXILIARIES and len(stretch) < 4:
        stretch.append(doc[j])
        j += 1
    if j < len(doc) and doc[j].pos_ == "VERB":
        verb = doc[j]
        # "hostages to be released" and "people who died" as written; "people have been killed"
        # as "people killed"; an active verb ("people attended the rally") says nothing of what is counted
        written = bool(stretch) and (stretch[0].lower_ in _RELATIVE or stretch[0].lower_ == "to")
        passive = verb.tag_ == "VBN" and (not stretch or any(t.lemma_ == "be" for t in stretch))
        if written or passive:
            first = stretch[0] if written else verb
            last = doc[j + 1] if j + 1 < len(doc) and doc[j + 1].dep_ == "prt" and doc[j + 1].head.i == verb.i else verb
            return words + " " + text[first.idx : last.idx + len(last.text)]
    if noun.dep_ == "nsubjpass" and noun.head.tag_ == "VBN" and noun.head.i > noun.i:
        verb = noun.head
        prt = next((c for c in verb.children if c.dep_ == "prt"), None)
        return words + " " + verb.text + (" " + prt.text if prt is not None else "")
    return words


def of_phrase(token: Token) -> Token | None:
    """The object of 'of' after a fraction or percentage: 'half of *its workers*'."""
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return None
    return next((g for g in of.children if g.dep_ == "pobj"), None)


def phrase_text(text: str, token: Token) -> str:
    """A noun phrase's text, cut before a relative clause or an apposition."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    for child in token.children:
        if child.i > token.i and child.dep_ in {"relcl", "appos", "punct", "acl", "cc", "conj"}:
            end = min(end, child.left_edge.i)
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]


def _clause(token: Token) -> Token:
    """The verb heading the clause a token sits in."""
    current = token
    for _ in range(12):
        if current.pos_ in {"VERB", "AUX"} or current.head.i == current.i:
            return current
        current = current.head
    return current


def date_of(art: _Article, token: Token, cand: Candidate, times: Sequence[model.TimeExpression]) -> str | None:
    """The TIMEX3 value of a date in the figure's clause: '38 percent of consumption *last year*'."""
    sent = token.sent
    lo, hi = sent.start_char, sent.end_char
    clause = _clause(token).i
    best: tuple[int, str] | None = None
    for time in times:
        if time.type not in ("DATE", "TIME") or time.end <= lo or time.start >= hi:
            continue
        if time.start < cand.end and cand.start < time.end:
            continue
        tokens = art.tokens(time.start, time.end)
        if not tokens or _clause(tokens[-1]).i != clause:
            continue
        distance = time.start - cand.end if time.start >= cand.end else cand.start - time.end
        if best is None or distance < best[0]:
            best = (distance, time.value)
    return best[1] if best else None


# Reporting verbs that put a figure in their clause on the subject's authority. Verbs of demand and
# promise ("urged", "pledged") are left out: "X pledged $5 billion" is the article's claim about X.
ASSERTION_VERBS = frozenset(
    """
    say tell add state warn insist claim argue note acknowledge announce explain reply respond write
    tweet declare assert maintain contend suggest predict report reveal disclose admit concede
    confirm remark comment observe allege boast stress emphasize emphasise reiterate repeat
    testify affirm mention indicate estimate forecast conclude caution complain believe think expect
    recount
    """.split()
)
# Verbs that source a figure that is their object too: "the ministry *estimated* the damage at $2
# billion", "analysts *were expecting* $2.52 a share". Wants and plans ("Beijing wants Trump to
# lift the 15% tariffs") are left out: the figures in them are mostly the article's description.
FIGURE_VERBS = frozenset(
    """
    estimate report put count tally record show find calculate project forecast cite say announce
    expect tout identify recommend propose predict anticipate
    """.split()
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
OBJECT_DEPS = frozenset({"dobj", "prep", "pobj", "attr", "oprd", "npadvmod", "dative", "advmod", "xcomp", "conj", "ccomp"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "me", "who", "which", "that"})


def _is_source_verb(verb: Token, child: Token) -> bool:
    """Whether ``verb`` reports what the clause through ``child`` says."""
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = verb.lemma_.lower()
    if lemma == "see":  # "Home Depot sees growth of 1.8 percent" forecasts; "saw" only reports
        return verb.tag_ in {"VBZ", "VBP"} and child.dep_ in OBJECT_DEPS
    return (lemma in ASSERTION_VERBS and child.dep_ in CLAUSE_DEPS) or (lemma in FIGURE_VERBS and child.dep_ in OBJECT_DEPS)


def source_subject(verb: Token) -> Token | None:
    """Who a reporting verb puts it on: its subject, or the agent of a passive ('was estimated by
    the UN'); nobody for a negated verb or a passive with no agent ('is estimated at 40,000')."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return None
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in children) or (verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl"}):
        agent = next((c for c in children if c.dep_ == "agent"), None)
        return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if verb.dep_ == "relcl":
        # "the $53 million figure McKinley cited": the relative clause's own subject, not the noun
        return next((c for c in children if c.dep_ == "nsubj" and c.tag_ not in {"WP", "WDT"}), None)
    return subject_of(verb)


def attached_verb(token: Token) -> tuple[Token, Token] | None:
    """A reporting verb on the figure's own noun phrase, and who it names: 'the six priorities
    *identified* by the ministry', 'the $53 million figure McKinley *cited*', '$40-50 billion in
    purchases *touted* by Trump'. It is the innermost attribution, so it wins over a quote around."""
    current = token
    for _ in range(8):
        for verb in _phrase_clauses(current):
            if verb.lemma_.lower() in FIGURE_VERBS | ASSERTION_VERBS and verb.i != token.i:
                subject = source_subject(verb)
                if subject is not None and not (subject.left_edge.i <= token.i <= subject.right_edge.i):
                    return verb, subject
        if current.head.i == current.i or current.head.pos_ in {"VERB", "AUX"}:
            return None
        current = current.head
    return None


_PHRASE_DEPS = frozenset({"prep", "pobj", "compound", "amod", "nmod", "appos"})


def _phrase_clauses(token: Token) -> list[Token]:
    """The participle and relative clauses inside a noun phrase, through its prepositions:
    "touted" in "$40-50 billion in purchases of farm goods touted by Trump"."""
    found, stack = [], [token]
    for _ in range(40):
        if not stack:
            break
        current = stack.pop()
        for child in current.children:
            if child.dep_ in {"acl", "relcl"}:
                found.append(child)
            elif child.dep_ in _PHRASE_DEPS:
                stack.append(child)
    return found


def _background(relcl: Token) -> bool:
    """Whether a relative clause only tells more about what it hangs on ("the association, which
    gave $5.9 million, ..."), unlike one that goes on about a figure ("964,000 people, who
    account for 0.4 percent")."""
    return not any(c.dep_ == "nummod" for c in relcl.head.children)


def governing_verb(token: Token) -> tuple[Token, Token] | None:
    """A reporting verb whose clause holds the figure, and its subject: 'Officials *said* 300 people
    died', 'the ministry *estimated* the damage at $2 billion', '300 died, officials *said*'."""
    child, head = token, token.head
    crossed = False  # whether the path passed through another clause's verb
    for _ in range(14):
        if head.i == child.i:
            break
        if child.dep_ == "relcl" and _background(child):
            return None  # "X, which gave $5 million, said": the article tells more about X itself
        if child.dep_ in SUBJECT_DEPS:
            pass  # "30 people said": the figure is who speaks
        elif _is_source_verb(head, child) and not (crossed and child.dep_ not in CLAUSE_DEPS):
            subject = source_subject(head)
            if subject is not None:
                return head, subject
            if head.lemma_.lower() in FIGURE_VERBS:
                return None  # "is estimated at 40,000": reported, but by nobody named
        # "cited the uncertainty over whether they could end a 1-1/2 year war": an object deep in
        # another clause is not what the verb reports
        if head.pos_ in {"VERB", "AUX"} and head.dep_ not in {"xcomp", "conj"} | CLAUSE_DEPS:
            crossed = True
        child, head = head, head.head
    root = child
    for c in root.children:
        if c.dep_ == "parataxis" and c.lemma_.lower() in ASSERTION_VERBS and c.i > token.i:
            subject = source_subject(c)
            if subject is not None:
                return c, subject
    return None


def _in_relative_clause(token: Token, quote: model.Quote) -> bool:
    """Whether the figure sits in a background relative clause inside the reported speech: "his
    office said the association, which gave $5.9 million, ..." tells more on the article's authority."""
    current = token
    for _ in range(14):
        if current.dep_ == "relcl" and _background(current):
            return True
        head = current.head
        if head.i == current.i or not (quote.start <= head.idx < quote.end):
            return False
        current = head
    return False


POLL_NOUNS = frozenset({"poll", "polls", "survey", "surveys"})


def _respondents(token: Token) -> bool:
    """Whether a share is the subject of 'say', 'think', 'want'...: '51 percent say'."""
    current = token
    for _ in range(4):
        if current.dep_ in SUBJECT_DEPS:
            return current.head.lemma_.lower() in ASSERTION_VERBS | {"want", "support", "oppose", "favor", "approve"}
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def poll_of(token: Token) -> Token | None:
    """The poll a respondents' share comes from ("A new poll shows ... 51 percent say ..."): a poll
    noun in the figure's sentence, else in the sentence before."""
    sent = token.sent
    doc = token.doc
    sentences = [sent]
    if sent.start > 0:
        sentences.append(doc[sent.start - 1].sent)
    for span in sentences:
        for t in span:
            if t.lower_ in POLL_NOUNS:
                return t
    return None


def _negated(doc: Doc, starts: list[int], char: int) -> bool:
    i = bisect.bisect_right(starts, char) - 1
    return i >= 0 and any(c.dep_ == "neg" for c in doc[i].children)


def _copy(actor: model.Actor) -> model.Actor:
    return model.Actor(actor.name, actor.entity, actor.mention)


@dataclass
class _Sources:
    """Where a figure's source is read from: the quotes, the "according to" cues, the parse."""

    quotes: list[model.Quote]
    resolver: Resolver

    def __post_init__(self) -> None:
        doc = self.resolver.doc
        self.starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        self.by_start = sorted(self.quotes, key=lambda q: q.start)
        self.according = [q for q in self.quotes if q.cue is not None and q.cue.text.lower().startswith("according") and q.speaker]

    def of(self, cand: Candidate, token: Token) -> tuple[model.Actor | None, str | None]:
        """The source of a figure and the cue, in order of strength: a reporting verb on its own
        noun, the direct quote it sits in, an "according to" in its sentence, the indirect speech
        it sits in, a reporting verb governing its clause."""
        attached = attached_verb(token)
        if attached is not None:
            return self._from_verb(cand, *attached)
        holding = [
            q for q in self.by_start
            if q.speaker is not None and q.start <= cand.start and cand.end <= q.end + 1
            and not (q.cue is not None and _negated(self.resolver.doc, self.starts, q.cue.start))
        ]
        direct = [q for q in holding if q.kind == "direct"]
        if direct:
            return self._from_quote(min(direct, key=lambda q: q.end - q.start))
        if self.according:
            sent = token.sent
            for quote in self.according:
                assert quote.cue is not None
                if sent.start_char <= quote.cue.start < sent.end_char:
                    return self._from_quote(quote)
        holding = [q for q in holding if not _in_relative_clause(token, q)]
        if holding:
            return self._from_quote(min(holding, key=lambda q: q.end - q.start))
        found = governing_verb(token)
        if found is not None:
            return self._from_verb(cand, *found)
        return None, None

    def _from_verb(self, cand: Candidate, verb: Token, subject: Token) -> tuple[model.Actor | None, str | None]:
        earlier = [q for q in self.by_start if q.end <= cand.start]
        return self._informative(self.resolver.speaker(subject, earlier)), verb.text

    def poll(self, token: Token) -> tuple[model.Actor | None, str | None]:
        """'Fifty-one percent say ...' after 'A new ABC News poll shows ...': the poll."""
        noun = poll_of(token)
        if noun is None:
            return None, None
        np = noun_phrase(noun)
        eid = next((self.resolver.token_entity[t.i] for t in np if t.i in self.resolver.token_entity), None)
        verb = noun.head if noun.dep_ in SUBJECT_DEPS else noun
        return model.Actor(np.text, eid, model.Span(np.start_char, np.end_char, np.text)), verb.text

    def _from_quote(self, quote: model.Quote) -> tuple[model.Actor | None, str | None]:
        assert quote.speaker is not None
        return self._informative(_copy(quote.speaker)), quote.cue.text if quote.cue is not None else None

    def _informative(self, actor: model.Actor) -> model.Actor:
        """A pronoun source points at the nearest earlier full mention of whom it stands for ("he"
        -> "Scott Strenfel"), so the mention names the source."""
        mention = actor.mention
        if mention is None or actor.entity is None or mention.text.lower() not in PRONOUNS:
            return actor
        entity = self.resolver.entities.get(actor.entity)
        earlier = [m for m in entity.mentions if m.start < mention.start] if entity is not None else []
        if earlier:
            actor.mention = earlier[-1]
        return actor


def find_figures(
    doc: Doc,
    entities: list[model.Entity],
    token_entity: dict[int, str],
    quotes: list[model.Quote],
    time_expressions: Sequence[model.TimeExpression] = (),
) -> list[model.Figure]:
    """The figures of one parsed doc, in text order, with ids f1, f2, ..."""
    art = _Article(doc)
    text = art.text
    sources = _Sources(list(quotes), Resolver(doc, {e.id: e for e in entities}, token_entity))
    speakers = [(q.speaker.mention.start, q.speaker.mention.end) for q in quotes if q.speaker and q.speaker.mention]
    found: list[tuple[Candidate, list[Token]]] = []
    labels: set[str] = set()  # numbers the article uses as names: "737" once it wrote "Boeing 737"
    for cand in scan(text):
        tokens = art.tokens(cand.number_start, cand.number_end)
        number = _number_tokens(tokens) or tokens
        if not number:
            continue
        if in_name(doc, tokens[0], number, token_entity):
            labels.add(text[cand.number_start : cand.number_end])
            continue
        found.append((cand, number))
    figures: list[model.Figure] = []
    for cand, number in found:
        bare = text[cand.number_start : cand.number_end]
        if cand.type == "count" and bare.isdigit() and (bare in labels or _model_number(text, bare)):
            continue
        last = number[-1]
        counted: str | None = None
        fraction_of: str | None = None
        unit = cand.unit
        if cand.type == "count":
            end_token = art.tokens(cand.end - 1, cand.end)[-1].i + 1
            noun = counted_noun(doc, last, end_token)
            if any(s <= cand.start and cand.end <= e for s, e in speakers) and (noun is None or noun.lemma_.lower() in SOURCE_NOUNS):
                continue  # "according to two people familiar with the talks" counts the sources
            if noun is not None:
                counted = counted_phrase(doc, text, noun, cand.end)
                unit = unit or (noun.lower_ if noun.pos_ != "PROPN" else noun.text)
            elif cand.approximation == "exact" and not any(c.isdigit() for c in cand.text):
                continue  # "the two were on the ground", "seating for four": a pronoun, not a count
        elif cand.type == "percent":
            counted, fraction_of = _fraction(doc, text, last, cand, figures)
        source, cue = sources.of(cand, last)
        if source is not None and source.mention is not None and source.mention.start < cand.end and cand.start < source.mention.end:
            source, cue = None, None  # "44 percent of Americans say": the figure is who speaks ...
        if source is None and cand.type == "percent" and _respondents(last):
            source, cue = sources.poll(last)  # ... and the poll is the source
        figures.append(
            model.Figure(
                id=f"f{len(figures) + 1}",
                text=cand.text,
                start=cand.start,
                end=cand.end,
                value=cand.value,
                type=cand.type,
                unit=unit,
                approximation=cand.approximation,
                upper=cand.upper,
                counted=counted,
                fraction_of=fraction_of,
                date=date_of(art, last, cand, time_expressions) if time_expressions else None,
                source=source,
                attribution_cue=cue,
            )
        )
    return figures


SOURCE_NOUNS = ANONYMOUS_SOURCE_NOUNS | {"person", "individual", "individuals", "official"}


def _model_number(text: str, number: str) -> bool:
    """Whether the article writes the number as a model with a variant: '787-9', '737-800', '777X'."""
    if len(number) < 3:
        return False
    return re.search(rf"(?<![\d,.]){number}(?:-\d|[A-Za-z]\b)", text) is not None


def _fraction(doc: Doc, text: str, last: Token, cand: Candidate, earlier: list[model.Figure]) -> tuple[str | None, str | None]:
    """What a fraction or percentage counts and what it is a fraction of: 'over half of *whom*'
    takes the group the relative pronoun points back to."""
    head = last
    if head.head.i != head.i and head.head.lower_ in {"percent", "%", "pct", "cent", "points"}:
        head = head.head
    target = of_phrase(head)
    if target is None:
        return None, None
    if target.lower_ in {"whom", "which", "them", "these", "those"}:
        fraction_of = _antecedent(doc, text, head, cand, earlier)
    else:
        fraction_of = phrase_text(text, target)
    counted: str | None = None
    if head.dep_ in {"nsubj", "nsubjpass"}:
        verb = head.head
        attr = next((c for c in verb.children if c.dep_ == "attr" and c.pos_ in _NOUNS), None)
        if verb.lemma_ == "be" and attr is not None:
            counted = attr.text  # "over half of whom are children"
        elif head.dep_ == "nsubjpass" and target.pos_ in _NOUNS:
            prt = next((c for c in verb.children if c.dep_ == "prt"), None)
            counted = f"{target.text} {verb.text}" + (f" {prt.text}" if prt is not None else "")
    return counted, fraction_of


def _antecedent(doc: Doc, text: str, head: Token, cand: Candidate, earlier: list[model.Figure]) -> str | None:
    """The group 'of whom' refers to: the last counted figure earlier in the sentence ('46 hostages
    to be released, over half of whom ...'), else the noun the relative clause hangs on."""
    sent = head.sent
    for figure in reversed(earlier):
        if figure.start < sent.start_char:
            break
        if figure.counted:
            return f"{figure.text} {figure.counted}"
    current = head
    for _ in range(6):
        if current.dep_ == "relcl" and current.head.pos_ in _NOUNS:
            return phrase_text(text, current.head)
        if current.head.i == current.i:
            break
        current = current.head
    comma = text.rfind(",", sent.start_char, cand.start)
    before = [t for t in sent if t.idx < comma and t.pos_ in _NOUNS]
    return before[-1].text if before else None


# --- the component -------------------------------------------------------------------------------

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)


@Language.factory("storyline_figures", assigns=["doc._.figures"], requires=["doc._.entities", "doc._.quotes", "token.dep"])
def create_figures_component(nlp: Language, name: str) -> FiguresComponent:
    return FiguresComponent()


class FiguresComponent:
    """spaCy component: sets ``doc._.figures`` from the parse, ``doc._.entities`` and ``doc._.quotes``
    (and ``doc._.time_expressions`` when the time stage runs before it)."""

    def __call__(self, doc: Doc) -> Doc:
        times = doc._.time_expressions if Doc.has_extension("time_expressions") else None
        doc._.figures = find_figures(doc, doc._.entities or [], doc._.token_entity or {}, doc._.quotes or [], times or ())
        return doc
