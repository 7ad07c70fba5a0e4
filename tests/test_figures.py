"""Which figures an article asserts, what they count and on whose authority — one form per test,
on sentences written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Figure, TimeExpression
from storyline.pipeline.figures import FiguresComponent, find_figures, parse_number, scan


def figures_of(nlp, text: str, times: list[TimeExpression] | None = None) -> list[Figure]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    figures = find_figures(doc, doc._.entities, doc._.token_entity, doc._.quotes, times or ())
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
        if figure.source is not None and figure.source.mention is not None:
            m = figure.source.mention
            assert text[m.start : m.end] == m.text
    return figures


def only(figures: list[Figure], text: str) -> Figure:
    found = [f for f in figures if f.text == text]
    assert len(found) == 1, f"expected one figure {text!r}, got {[f.text for f in figures]}"
    return found[0]


def texts(text: str) -> list[str]:
    return [c.text for c in scan(text)]


# -- numbers, without the model ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("12,000", 12000), ("1.5 million", 1_500_000), ("$2bn", 2e9), ("3.2 billion", 3.2e9), ("0.25", 0.25),
        ("two", 2), ("twenty-four", 24), ("a dozen", 12), ("two dozen", 24), ("half a dozen", 6),
        ("two hundred and five", 205), ("a hundred", 100), ("three million", 3e6), ("half a million", 500_000),
        ("one hundred and twenty-five thousand", 125_000),
    ],
)
def test_figures_parse_number_digits_words_and_scales(written: str, value: float) -> None:
    assert parse_number(written) == pytest.approx(value)


def test_figures_parse_number_fractions() -> None:
    assert parse_number("half") == 0.5
    assert parse_number("two-thirds") == pytest.approx(2 / 3)
    assert parse_number("a quarter") == 0.25


def test_figures_parse_number_vague_words_have_no_value() -> None:
    assert parse_number("several") is None
    assert parse_number("dozens") is None
    assert parse_number("many") is None


# -- forms on the text, without the model ----------------------------------------------------------


def test_figures_scan_number_forms_in_digits_and_words() -> None:
    found = scan("Rescuers freed 1.5 million people, a dozen soldiers and 2,000 workers over two weeks.")
    assert [(c.text, c.value) for c in found] == [
        ("1.5 million", 1_500_000), ("a dozen", 12), ("2,000", 2000), ("two weeks", 2),
    ]


@pytest.mark.parametrize(
    ("text", "figure", "approximation"),
    [
        ("More than 12,000 people fled.", "More than 12,000", "more_than"),
        ("The army sent over 300 troops.", "over 300", "more_than"),
        ("At least 40 people died.", "At least 40", "at_least"),
        ("Fewer than 20 boats came back.", "Fewer than 20", "less_than"),
        ("Nearly 2,000 homes were hit.", "Nearly 2,000", "nearly"),
        ("Almost half the budget is gone.", "Almost half", "nearly"),
        ("About 300 delegates arrived.", "About 300", "about"),
        ("An estimated 40,000 people marched.", "An estimated 40,000", "about"),
        ("Up to 250 million crowns will be paid.", "Up to 250 million crowns", "up_to"),
        ("As many as 80 firms applied.", "As many as 80", "up_to"),
        ("It employs 500 or more people.", "500 or more", "at_least"),
        ("They hired 1,000-plus guards.", "1,000-plus", "more_than"),
        ("The board fined 14 banks.", "14", "exact"),
    ],
)
def test_figures_scan_approximations(text: str, figure: str, approximation: str) -> None:
    (found,) = scan(text)
    assert (found.text, found.approximation) == (figure, approximation)


@pytest.mark.parametrize(
    ("text", "figure", "low", "high"),
    [
        ("Between 10 and 20 soldiers were wounded.", "Between 10 and 20", 10, 20),
        ("Some 10-20 villages were cut off.", "10-20", 10, 20),
        ("The talks could take two or three days.", "two or three days", 2, 3),
        ("Output may fall 10 to 15 million tonnes.", "10 to 15 million tonnes", 10e6, 15e6),
        ("Losses reached between $1 and $2 billion.", "between $1 and $2 billion", 1e9, 2e9),
    ],
)
def test_figures_scan_ranges_keep_both_ends(text: str, figure: str, low: float, high: float) -> None:
    (found,) = scan(text)
    assert (found.text, found.approximation, found.value, found.upper) == (figure, "range", low, high)


def test_figures_scan_change_from_one_value_to_another_is_two_figures() -> None:
    found = scan("Turnout rose from 10 to 20 percent, and the fleet shrank by 30 to 126.")
    assert [(c.text, c.type, c.approximation) for c in found] == [
        ("10", "percent", "exact"), ("20 percent", "percent", "exact"), ("30", "count", "exact"), ("126", "count", "exact"),
    ]


def test_figures_scan_range_shares_currency_and_scale() -> None:
    (found,) = scan("Purchases of $40-50 billion a year were promised.")
    assert (found.text, found.type, found.unit, found.value, found.upper) == ("$40-50 billion", "money", "USD", 40e9, 50e9)


@pytest.mark.parametrize(
    ("text", "figure", "type_", "unit", "value"),
    [
        ("The fund lost $1.5 billion.", "$1.5 billion", "money", "USD", 1.5e9),
        ("The bank holds €3.2bn.", "€3.2bn", "money", "EUR", 3.2e9),
        ("The club paid £500m.", "£500m", "money", "GBP", 5e8),
        ("It costs 400 million crowns a year.", "400 million crowns", "money", "crowns", 4e8),
        ("Aid worth 18 million euros arrived.", "18 million euros", "money", "EUR", 18e6),
        ("Bills rise by 30 percent.", "30 percent", "percent", "percent", 30),
        ("Support fell to 41%.", "41%", "percent", "percent", 41),
        ("Rates rose 0.25 percentage points.", "0.25 percentage points", "percent", "percentage points", 0.25),
        ("One in five voters stayed home.", "One in five", "percent", "fraction", 0.2),
        ("Nearly two-thirds of the seats changed hands.", "Nearly two-thirds", "percent", "fraction", 2 / 3),
        ("The strike lasted two weeks.", "two weeks", "duration", "weeks", 2),
        ("The 15-month war ended.", "15-month", "duration", "months", 15),
        ("The queue was 3 km long.", "3 km", "measure", "km", 3),
        ("Exports reached 5 million barrels.", "5 million barrels", "measure", "barrels", 5e6),
        ("He spent Rs 24 lakh on the trip.", "Rs 24 lakh", "money", "INR", 2.4e6),
        ("Seats cost 60,000₩ each.", "60,000₩", "money", "KRW", 60000),
        ("Deaths were nine times higher.", "nine times", "measure", "times", 9),
        ("Staff were cut at about twice the rate.", "about twice", "measure", "times", 2),
        ("The bank cut rates by a quarter-point.", "a quarter-point", "measure", "points", 0.25),
        ("The 10-year note rose 7/32 in price.", "7/32", "measure", "points", 7 / 32),
        ("She lost by five-and-a-half points.", "five-and-a-half points", "measure", "points", 5.5),
    ],
)
def test_figures_scan_money_percent_duration_and_measure_typed(text: str, figure: str, type_: str, unit: str, value: float) -> None:
    (found,) = scan(text)
    assert (found.text, found.type, found.unit) == (figure, type_, unit)
    assert found.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1994.",  # a year
        "Talks resume on Feb. 3, 2025, and end on 5 November.",  # dates
        "The vote opens at 10:30 a.m. and closes at 6 p.m.",  # clock times
        "The 45-year-old minister resigned.",  # an age
        "Dana Levi, 45, resigned.",  # an age in apposition
        "Workers aged 45 and over retire.",  # an age
        "She finished 28th in the 3rd round.",  # ordinals
        "1. Open the file\n2. Close the file",  # list numbering
        "Call 555-1234 for details.",  # a phone number
        "The hosts won 3-1 at home.",  # a score
        "COVID-19 hit the F-35 program.",  # numbers inside names
        "The 1990s were calm, and mid-2020 was not.",  # a decade, a year
        "Two years ago the mine closed.",  # when, not how long
        "One of them left. No one stayed.",  # "one" as a pronoun
        "He ordered a four-cylinder engine for the two-state talks.",  # a number inside a word
        "The second half of the season opened, and a third term began.",  # ordinals, not fractions
        "Yields on 10-year notes fell, and the five-year plan stalled.",  # durations that name a thing
        "The two sides met, and the world's two largest economies talked.",  # restatements
        "One campaign video aired, and at one point one chapter closed while another opened.",  # "one" not a count
        "Price 225.86 -12.99 -5.44% and 113.40 -1.62 -1.41%",  # a ticker table
        "Alarms ring constantly [1], the study says.",  # a footnote mark
        "Callers could not make 911 calls.",  # an emergency number
    ],
)
def test_figures_scan_traps_are_not_figures(text: str) -> None:
    assert texts(text) == []


def test_figures_scan_one_before_a_noun_is_a_count() -> None:
    assert texts("The cell held 155 men with only one toilet.") == ["155", "one"]


# -- on the parse (the trained pipeline) -------------------------------------------------------------


@pytest.mark.slow
def test_figures_counted_noun_with_participle(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "More than 12,000 people have been killed in the fighting.")
    figure = only(figures, "More than 12,000")
    assert (figure.value, figure.type, figure.approximation) == (12000, "count", "more_than")
    assert figure.counted == "people killed"
    assert figure.unit == "people"


@pytest.mark.slow
def test_figures_counted_noun_with_infinitive_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "The deal provides for 46 hostages to be released in stages.")
    assert only(figures, "46").counted == "hostages to be released"


@pytest.mark.slow
def test_figures_counted_noun_with_its_adjectives(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "The government freed a dozen Kordanian prisoners on Sunday.")
    figure = only(figures, "a dozen")
    assert figure.value == 12
    assert figure.counted == "Kordanian prisoners"


@pytest.mark.slow
def test_figures_fraction_of_whom_takes_the_group_before(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "The deal frees 46 hostages to be released over two weeks, over half of whom are children.")
    half = only(figures, "over half")
    assert (half.value, half.approximation, half.unit) == (0.5, "more_than", "fraction")
    assert half.fraction_of == "46 hostages to be released"
    assert only(figures, "two weeks").type == "duration"


@pytest.mark.slow
def test_figures_fraction_of_a_named_group(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "Nearly half of the plant's 2,000 workers were laid off.")
    half = only(figures, "Nearly half")
    assert half.fraction_of == "the plant's 2,000 workers"
    assert half.counted == "workers laid off"
    assert only(figures, "2,000").counted == "workers laid off"


@pytest.mark.slow
def test_figures_source_from_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "More than 12,000 people have been killed, according to the Health Ministry.")
    figure = only(figures, "More than 12,000")
    assert figure.source is not None and "Health Ministry" in figure.source.name
    assert figure.attribution_cue == "according to"


@pytest.mark.slow
def test_figures_source_from_according_to_at_sentence_start(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "According to the grid operator, imports covered 38 percent of demand, up from 21 percent."
    figures = figures_of(nlp, text)
    for figure in (only(figures, "38 percent"), only(figures, "21 percent")):
        assert figure.source is not None and figure.source.name.endswith("grid operator")
        assert figure.attribution_cue == "According to"


@pytest.mark.slow
def test_figures_source_from_a_direct_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We lost 40 percent of our members in a year," Ilse Varga told reporters.'
    figure = only(figures_of(nlp, text), "40 percent")
    assert figure.source is not None and figure.source.name == "Ilse Varga"
    assert figure.source.entity is not None
    assert figure.attribution_cue == "told"
    assert figure.fraction_of == "our members"


@pytest.mark.slow
def test_figures_source_from_indirect_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Finance Minister Dana Levi said on Monday that the deal would cost $2 billion."
    figure = only(figures_of(nlp, text), "$2 billion")
    assert figure.source is not None and figure.source.name == "Dana Levi"
    assert figure.attribution_cue == "said"


@pytest.mark.slow
def test_figures_source_from_a_reporting_verb_with_the_figure_as_object(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry estimated the damage at $2 billion."
    figure = only(figures_of(nlp, text), "$2 billion")
    assert figure.source is not None and figure.source.name.lower().endswith("ministry")
    assert figure.attribution_cue == "estimated"


@pytest.mark.slow
def test_figures_source_from_a_trailing_reporting_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    figure = only(figures_of(nlp, "About 300 people were evacuated, officials said."), "About 300")
    assert figure.source is not None and figure.source.name == "officials"
    assert figure.attribution_cue == "said"


@pytest.mark.slow
def test_figures_source_is_null_when_the_article_asserts_it(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "The government spent $5 billion on the reconstruction. About 3,400 dockers walked out.")
    assert [(f.text, f.source, f.attribution_cue) for f in figures] == [
        ("$5 billion", None, None), ("About 3,400", None, None),
    ]


@pytest.mark.slow
def test_figures_numbers_describing_the_source_are_not_figures(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The bank will cut 4,000 jobs, according to two people familiar with the plan."
    assert [f.text for f in figures_of(nlp, text)] == ["4,000"]


@pytest.mark.slow
def test_figures_traps_on_the_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The airline bought Boeing 737 jets in 2019. Article 5 of the treaty applies. "
        "Leaders met at the G7 summit, where the 45-year-old president spoke for the first time. "
        "The hosts won 2-0 on Sunday."
    )
    assert figures_of(nlp, text) == []


@pytest.mark.slow
def test_figures_date_from_a_time_expression_in_the_same_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Imports covered 38 percent of demand last year, up from 21 percent in 2022."
    times = [
        TimeExpression("t1", "last year", text.index("last year"), text.index("last year") + 9, "DATE", "2024"),
        TimeExpression("t2", "2022", text.index("2022"), text.index("2022") + 4, "DATE", "2022"),
    ]
    figures = figures_of(nlp, text, times)
    assert only(figures, "38 percent").date == "2024"
    assert only(figures, "21 percent").date == "2022"
    assert only(figures_of(nlp, text), "38 percent").date is None  # no time stage, no date


@pytest.mark.slow
def test_figures_source_is_null_for_a_negated_or_agentless_reporting_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "The camp population is estimated at around 40,000. The firm did not report the 600 job cuts.")
    assert [(f.text, f.source) for f in figures] == [("around 40,000", None), ("600", None)]


@pytest.mark.slow
def test_figures_source_skips_background_relative_clauses(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Her office said she would attend a meeting of the association, which gave $5.9 million to her campaign."
    assert only(figures_of(nlp, text), "$5.9 million").source is None


@pytest.mark.slow
def test_figures_source_from_a_participle_on_the_figure_wins_over_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "One trade expert said that reaching the $40-50 billion in farm purchases touted by Trump would be hard."
    figure = only(figures_of(nlp, text), "$40-50 billion")
    assert figure.source is not None and figure.source.name == "Trump"
    assert figure.attribution_cue == "touted"


@pytest.mark.slow
def test_figures_pronoun_source_points_at_the_full_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Meteorologist Scott Strenfel studied the data. The region saw 5 inches of rain, he said."
    figure = only(figures_of(nlp, text), "5 inches")
    assert figure.source is not None and figure.source.name == "Scott Strenfel"
    assert figure.source.mention is not None and figure.source.mention.text == "Scott Strenfel"


@pytest.mark.slow
def test_figures_respondents_share_sourced_to_the_poll(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A new Gallup poll shows broad support for the plan. Fifty-one percent say it should pass."
    figure = only(figures_of(nlp, text), "Fifty-one percent")
    assert figure.source is not None and figure.source.name.endswith("poll")


@pytest.mark.slow
def test_figures_model_numbers_are_names(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The airline ordered 30 of the 787-9 jets. Its 787 fleet now numbers 40 planes."
    assert [f.text for f in figures_of(nlp, text)] == ["30", "40"]


@pytest.mark.slow
def test_figures_ids_in_text_order(nlp) -> None:  # type: ignore[no-untyped-def]
    figures = figures_of(nlp, "Some 40 trucks carried 300 tonnes of food to 12 towns.")
    assert [(f.id, f.text) for f in figures] == [("f1", "Some 40"), ("f2", "300 tonnes"), ("f3", "12")]


@pytest.mark.slow
def test_figures_component_sets_doc_extension(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = FiguresComponent()(nlp("Nearly 60 ships were waiting."))
    assert [f.text for f in doc._.figures] == ["Nearly 60"]


@pytest.mark.slow
def test_figures_grounded_on_sample_articles(nlp, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    total = 0
    for path in sorted(sample_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        figures = figures_of(nlp, text)
        total += len(figures)
        assert [f.id for f in figures] == [f"f{n}" for n in range(1, len(figures) + 1)]
        assert [f.start for f in figures] == sorted(f.start for f in figures)
        for figure in figures:
            assert text[figure.start : figure.end] == figure.text
    assert total >= 10
