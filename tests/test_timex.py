"""Time expressions: what counts as one, its TimeML extent, and its TIMEX3 value resolved against
the publication date with the clause's tense. Most tests read the pure core on sentences written
for them; the ``slow`` ones run the trained pipeline (tense, part of speech, named entities)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline.pipeline.timex import duration_value, normalize_timex, parse_number, read_time_expressions

WEDNESDAY = date(2025, 2, 5)  # published on Wednesday, Feb. 5, 2025
SAMPLE = Path(__file__).resolve().parent.parent / "src" / "storyline" / "sample"


def read(text: str, published: date | None = WEDNESDAY) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in read_time_expressions(text, published)]


# --- each kind of expression


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # absolute dates
        ("Feb. 3, 2025", ("DATE", "2025-02-03", None)),
        ("3 February 2025", ("DATE", "2025-02-03", None)),
        ("Monday, Feb. 3, 2025", ("DATE", "2025-02-03", None)),
        ("2025-02-03", ("DATE", "2025-02-03", None)),
        ("August 1988", ("DATE", "1988-08", None)),
        ("2022", ("DATE", "2022", None)),
        ("mid-1996", ("DATE", "1996", None)),
        ("nineteen ninety-six", ("DATE", "1996", None)),
        ("the 1990s", ("DATE", "199", None)),
        ("the late 1970s", ("DATE", "197", None)),
        ("the 20th century", ("DATE", "19", None)),
        ("the third quarter of 1990", ("DATE", "1990-Q3", None)),
        ("the first half of 1990", ("DATE", "1990-H1", None)),
        ("the winter of 1994", ("DATE", "1994-WI", None)),
        # relative to the publication date
        ("today", ("DATE", "2025-02-05", "publication")),
        ("yesterday", ("DATE", "2025-02-04", "publication")),
        ("tomorrow", ("DATE", "2025-02-06", "publication")),
        ("last year", ("DATE", "2024", "publication")),
        ("this month", ("DATE", "2025-02", "publication")),
        ("next week", ("DATE", "2025-W07", "publication")),
        ("last week", ("DATE", "2025-W05", "publication")),
        ("earlier this month", ("DATE", "2025-02", "publication")),
        ("early next year", ("DATE", "2026", "publication")),
        ("two weeks ago", ("DATE", "2025-01-22", "publication")),
        ("three years ago", ("DATE", "2022", "publication")),
        ("this summer", ("DATE", "2025-SU", "publication")),
        ("the third quarter", ("DATE", "2025-Q3", "publication")),
        ("third-quarter", ("DATE", "2025-Q3", "publication")),
        ("the past year", ("DATE", "2024", "publication")),
        # times of day
        ("10 p.m. Wednesday", ("TIME", "2025-02-05T22:00", "publication")),
        ("this morning", ("TIME", "2025-02-05TMO", "publication")),
        ("tonight", ("TIME", "2025-02-05TNI", "publication")),
        ("last night", ("TIME", "2025-02-04TNI", "publication")),
        # durations
        ("two weeks", ("DURATION", "P2W", None)),
        ("the past three years", ("DURATION", "P3Y", None)),
        ("nearly forty years", ("DURATION", "P40Y", None)),
        ("five hours", ("DURATION", "PT5H", None)),
        ("2 1/2 years", ("DURATION", "P2Y6M", None)),
        ("an hour and a half", ("DURATION", "PT1H30M", None)),
        ("a couple of years", ("DURATION", "P2Y", None)),
        ("two-week", ("DURATION", "P2W", None)),
        ("several months", ("DURATION", "PXM", None)),
        ("two to three weeks", ("DURATION", "P2W", None)),
        # sets
        ("each week", ("SET", "P1W", None)),
        ("every Monday", ("SET", "XXXX-WXX-1", None)),
        ("twice a year", ("SET", "P1Y", None)),
        ("quarterly", ("SET", "P3M", None)),
        ("daily", ("SET", "P1D", None)),
        # present, past and future references
        ("now", ("DATE", "PRESENT_REF", None)),
        ("currently", ("DATE", "PRESENT_REF", None)),
        ("recently", ("DATE", "PAST_REF", None)),
        ("the future", ("DATE", "FUTURE_REF", None)),
    ],
)
def test_timex_normalizes_each_kind(text: str, expected: tuple[str, str, str | None]) -> None:
    assert normalize_timex(text, WEDNESDAY) == expected


def test_timex_extent_follows_timeml() -> None:
    # prepositions stay outside, determiners and modifiers inside, a possessive outside
    assert read("Sales rose in the third quarter and in 2022.") == [
        ("the third quarter", "DATE", "2025-Q3"), ("2022", "DATE", "2022"),
    ]
    assert read("Over the past three months, last year's losses shrank.") == [
        ("the past three months", "DURATION", "P3M"), ("last year", "DATE", "2024"),
    ]
    assert read("The rebels held the town for nearly two years.") == [("nearly two years", "DURATION", "P2Y")]
    assert read("The growth of recent years stalled.") == [("recent years", "DURATION", "PXY")]


def test_timex_ids_are_in_text_order_and_spans_are_grounded() -> None:
    text = "On Monday, two weeks after the vote, officials said talks would resume next week."
    found = read_time_expressions(text, WEDNESDAY)
    assert [t.id for t in found] == ["t1", "t2", "t3"]
    assert [t.start for t in found] == sorted(t.start for t in found)
    for timex in found:
        assert text[timex.start : timex.end] == timex.text


# --- the publication date and the tense


def test_timex_weekday_follows_the_tense() -> None:
    assert normalize_timex("Monday", WEDNESDAY, tense="past") == ("DATE", "2025-02-03", "publication")
    assert normalize_timex("Monday", WEDNESDAY, tense="future") == ("DATE", "2025-02-10", "publication")
    # no tense to go by: the nearer Monday
    assert normalize_timex("Monday", WEDNESDAY) == ("DATE", "2025-02-03", "publication")
    assert normalize_timex("Friday", WEDNESDAY) == ("DATE", "2025-02-07", "publication")


def test_timex_weekday_of_the_publication_day_is_that_day() -> None:
    assert normalize_timex("Wednesday", WEDNESDAY, tense="past") == ("DATE", "2025-02-05", "publication")
    assert normalize_timex("last Wednesday", WEDNESDAY) == ("DATE", "2025-01-29", "publication")
    assert normalize_timex("next Wednesday", WEDNESDAY) == ("DATE", "2025-02-12", "publication")


def test_timex_month_without_a_year_follows_the_tense() -> None:
    assert normalize_timex("November", WEDNESDAY, tense="past") == ("DATE", "2024-11", "publication")
    assert normalize_timex("November", WEDNESDAY, tense="future") == ("DATE", "2025-11", "publication")
    assert normalize_timex("Nov. 6", WEDNESDAY, tense="past") == ("DATE", "2024-11-06", "publication")
    assert normalize_timex("January", WEDNESDAY) == ("DATE", "2025-01", "publication")
    assert normalize_timex("March", WEDNESDAY) == ("DATE", "2025-03", "publication")


def test_timex_tense_gives_way_when_it_points_most_of_a_year_away() -> None:
    # "the offer was extended to Nov. 16", published Oct. 31: the coming 16th, not last year's
    assert normalize_timex("Nov. 16", date(1989, 10, 31), tense="past") == ("DATE", "1989-11-16", "publication")


def test_timex_last_and_next_month_names() -> None:
    october = date(2025, 10, 20)
    assert normalize_timex("last May", october) == ("DATE", "2025-05", "publication")
    assert normalize_timex("last May", date(2025, 6, 1)) == ("DATE", "2024-05", "publication")
    assert normalize_timex("next March", october) == ("DATE", "2026-03", "publication")


def test_timex_deadline_words_look_ahead() -> None:
    # a date something takes effect is ahead of the news, whatever the tense of the sentence
    assert read("The board named him chairman, effective Jan. 2.", date(2024, 11, 20)) == [
        ("Jan. 2", "DATE", "2025-01-02")
    ]


# --- anaphors and anchors


def test_timex_a_year_earlier_looks_back_from_the_last_date() -> None:
    text = "Profit rose in the third quarter to $5 million from $4 million a year earlier."
    found = read_time_expressions(text, date(2025, 10, 28))
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("the third quarter", "2025-Q3", "publication"), ("a year earlier", "2024-Q3", "t1"),
    ]


def test_timex_the_next_day_follows_the_last_date() -> None:
    found = read_time_expressions("The talks opened on Jan. 20. The next day, they collapsed.", WEDNESDAY)
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("Jan. 20", "2025-01-20", "publication"), ("The next day", "2025-01-21", "t1"),
    ]


def test_timex_anchored_expression_keeps_its_anchor() -> None:
    assert normalize_timex("two weeks after the vote", WEDNESDAY) == ("DURATION", "P2W", "the vote")
    assert normalize_timex("shortly after being sworn in", WEDNESDAY) == ("DATE", "XXXX-XX-XX", "being sworn in")


def test_timex_anchored_to_a_date_is_resolved() -> None:
    found = read_time_expressions("The ceasefire began a week after Jan. 5, 2025.", WEDNESDAY)
    assert [(t.text, t.type, t.value, t.anchor) for t in found] == [
        ("a week after Jan. 5, 2025", "DATE", "2025-01-12", None)
    ]


def test_timex_anchored_expression_without_an_anchor_is_a_duration() -> None:
    assert read("They had met two weeks before.") == [("two weeks", "DURATION", "P2W")]


# --- no publication date: unresolved, not guessed


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Monday", "XXXX-WXX-1"), ("last year", "XXXX"), ("next week", "XXXX-WXX"), ("yesterday", "XXXX-XX-XX"),
        ("November", "XXXX-11"), ("Nov. 6", "XXXX-11-06"), ("two weeks ago", "XXXX-XX-XX"),
        ("the third quarter", "XXXX-Q3"), ("this summer", "XXXX-SU"), ("tonight", "XXXX-XX-XXTNI"),
    ],
)
def test_timex_without_a_publication_date_keeps_placeholders(text: str, value: str) -> None:
    resolved = normalize_timex(text, published=None)
    assert resolved is not None and resolved[1] == value and resolved[2] is None


def test_timex_without_a_publication_date_absolute_values_stay() -> None:
    assert normalize_timex("Feb. 3, 2025", published=None) == ("DATE", "2025-02-03", None)
    assert normalize_timex("two weeks", published=None) == ("DURATION", "P2W", None)


# --- false dates


@pytest.mark.parametrize(
    "text",
    [
        "He won the second round.",
        "It was the first time in a decade's history books.",
        "We will not back down.",
        "The 45-year-old was arrested.",
        "The home side won 3-1.",
        "The house sold for $1999.",
        "About 2,000 people marched.",
        "The plant costs $5 million a year to run.",
        "She finished third, a second behind.",
        "A quarter of the shares changed hands.",
        "He lives on the 2nd floor.",
    ],
)
def test_timex_false_dates_are_not_times(text: str) -> None:
    assert [t for t in read(text) if t[0] not in ("a decade",)] == []


def test_timex_years_are_bare_numbers_from_1800() -> None:
    assert read("The law dates from 1898 and was amended in 2022.") == [("1898", "DATE", "1898"), ("2022", "DATE", "2022")]
    assert read("Room 1234 holds 1500 files.") == []


# --- building blocks


@pytest.mark.parametrize(
    ("words", "number"),
    [("two", 2), ("twenty-four", 24), ("twenty four", 24), ("2 1/2", 2.5), ("a couple of", 2), ("a dozen", 12),
     ("a hundred", 100), ("two to three", 2), ("several", None), ("a few", None)],
)
def test_timex_parse_number_reads_words_and_digits(words: str, number: float | None) -> None:
    assert parse_number(words) == number


@pytest.mark.parametrize(
    ("amount", "unit", "value"),
    [(2, "week", "P2W"), (5, "hour", "PT5H"), (1.5, "year", "P1Y6M"), (0.5, "hour", "PT30M"), (3, "decade", "P30Y"),
     (None, "year", "PXY"), (1.5, "minute", "PT1M30S"), (1.5, "day", "P1DT12H")],
)
def test_timex_duration_values(amount: float | None, unit: str, value: str) -> None:
    assert duration_value(amount, unit) == value


# --- with the trained pipeline: tense, part of speech, names


def analyzed(nlp: Any, text: str, published: str | None = "2025-02-05") -> list[tuple[str, str, str, str | None]]:
    doc = nlp.make_doc(text)
    doc._.published = published
    return [(t.text, t.type, t.value, t.anchor) for t in nlp(doc)._.time_expressions]


@pytest.mark.slow
def test_timex_tense_of_the_clause_places_a_weekday(nlp: Any) -> None:
    assert analyzed(nlp, "Negotiations will begin on Monday.") == [("Monday", "DATE", "2025-02-10", "publication")]
    assert analyzed(nlp, "He said on Monday that he would resign.") == [("Monday", "DATE", "2025-02-03", "publication")]
    assert analyzed(nlp, "The minister plans to visit the port on Monday.") == [
        ("Monday", "DATE", "2025-02-10", "publication")
    ]
    assert analyzed(nlp, "Ministers met on Monday.") == [("Monday", "DATE", "2025-02-03", "publication")]


@pytest.mark.slow
def test_timex_tense_of_the_clause_places_a_month(nlp: Any) -> None:
    assert analyzed(nlp, "The agreement was signed in November.") == [("November", "DATE", "2024-11", "publication")]
    assert analyzed(nlp, "The election will be held in November.") == [("November", "DATE", "2025-11", "publication")]


@pytest.mark.slow
def test_timex_verbs_and_names_are_not_months(nlp: Any) -> None:
    assert analyzed(nlp, "Prices may rise, and May I add that they will.") == []
    assert analyzed(nlp, "Theresa May said the talks had failed.") == []
    assert analyzed(nlp, "Thousands will march on parliament, and the protests may spring up again.") == []
    assert analyzed(nlp, "Thousands March On Parliament") == []
    assert analyzed(nlp, "March with us, organisers urged.") == []
    assert analyzed(nlp, "The vote is in May.") == [("May", "DATE", "2025-05", "publication")]


@pytest.mark.slow
def test_timex_names_with_time_words_are_not_times(nlp: Any) -> None:
    assert analyzed(nlp, 'Baker said on ABC\'s "This Week" that the plan had failed.') == []


@pytest.mark.slow
def test_timex_anchor_dated_elsewhere_in_the_article(nlp: Any) -> None:
    text = "Parliament approved the deal in a vote on Jan. 20. Talks resumed two weeks after the vote."
    assert analyzed(nlp, text) == [
        ("Jan. 20", "DATE", "2025-01-20", "publication"),
        ("two weeks after the vote", "DATE", "2025-02-03", "t1"),
    ]


@pytest.mark.slow
def test_timex_anchor_not_dated_in_the_article(nlp: Any) -> None:
    text = "The minister said on Tuesday that he would resign, two weeks after the vote in which he lost."
    assert analyzed(nlp, text)[1] == ("two weeks after the vote", "DURATION", "P2W", "the vote")


@pytest.mark.slow
def test_timex_analyze_sets_the_publication_date_before_the_pipeline(nlp: Any) -> None:
    from storyline.analyze import analyze, analyze_many
    from storyline.model import Document

    record = analyze("He said on Monday that talks would resume next week.", published="2025-02-05")
    assert [(t.text, t.value) for t in record.time_expressions] == [("Monday", "2025-02-03"), ("next week", "2025-W07")]
    unresolved = analyze("He said on Monday that talks would resume next week.")
    assert [(t.value, t.anchor) for t in unresolved.time_expressions] == [("XXXX-WXX-1", None), ("XXXX-WXX", None)]
    documents = [
        Document(id="a", text="Talks ended yesterday.", published="2025-02-05"),
        Document(id="b", text="Talks ended yesterday.", published="2024-12-31"),
        Document(id="c", text="Talks ended yesterday."),
    ]
    values = [[t.value for t in r.time_expressions] for r in analyze_many(documents, batch_size=2)]
    assert values == [["2025-02-04"], ["2024-12-30"], ["XXXX-XX-XX"]]


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted(SAMPLE.glob("*.txt")), ids=lambda p: p.name)
def test_timex_sample_articles_are_grounded_and_dated(nlp: Any, path: Path) -> None:
    from storyline.analyze import analyze

    text = path.read_text(encoding="utf-8")
    record = analyze(text, published="2025-02-05")
    assert record.time_expressions, "every sample article dates its news"
    assert [t.id for t in record.time_expressions] == [f"t{n}" for n in range(1, len(record.time_expressions) + 1)]
    for timex in record.time_expressions:
        assert text[timex.start : timex.end] == timex.text
        assert timex.anchor in (None, "publication") or timex.anchor.startswith("t") or timex.anchor in text
