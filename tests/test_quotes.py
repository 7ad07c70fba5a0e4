"""Who said what, one form per test, on sentences written for the tests."""

from __future__ import annotations

import pytest

from storyline import analyze
from storyline.model import Quote, Record
from storyline.pipeline.quotes import looks_like_speech, quoted_spans


def quotes_of(text: str) -> list[Quote]:
    record = analyze(text)
    assert_grounded(record)
    return record.quotes


def assert_grounded(record: Record) -> None:
    text = record.document.text
    for quote in record.quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.cue:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
        if quote.speaker and quote.speaker.mention:
            m = quote.speaker.mention
            assert text[m.start : m.end] == m.text


def speaker_name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


def only(quotes: list[Quote], containing: str) -> Quote:
    found = [q for q in quotes if containing in q.text]
    assert len(found) == 1, f"expected one quote containing {containing!r}, got {[q.text for q in quotes]}"
    return found[0]


# -- quotation marks, without the model ---------------------------------------------------------


def test_quotes_marks_straight_curly_and_angle() -> None:
    text = 'A "straight one." B “curly one.” C «angle one.»'
    assert [text[s:e] for s, e in quoted_spans(text)] == ["straight one.", "curly one.", "angle one."]


def test_quotes_marks_quote_over_paragraphs_closed_only_at_the_end() -> None:
    text = "“First paragraph goes on.\n\n“Second paragraph ends it.”\n\nAfter."
    spans = quoted_spans(text)
    assert len(spans) == 1
    s, e = spans[0]
    assert text[s:e].startswith("First") and text[s:e].endswith("ends it.")


def test_quotes_marks_unbalanced_mark_yields_nothing() -> None:
    assert quoted_spans("He said “this never closes.\n\nNext paragraph.") == []
    assert quoted_spans('"') == []
    assert quoted_spans("”backwards“") == []


def test_quotes_speech_test_rejects_scare_quotes_and_titles() -> None:
    assert not looks_like_speech("peace plan")
    assert not looks_like_speech("The Long Night")
    assert looks_like_speech("We will not back down,")
    assert looks_like_speech("This is the end of the road for the plan")


# -- direct quotes ----------------------------------------------------------------------------------

pytestmark_slow = pytest.mark.slow


@pytest.mark.slow
def test_quotes_direct_with_trailing_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of('"We will not back down," Finance Minister Dana Levi said on Monday.'), "back down")
    assert quote.kind == "direct"
    assert speaker_name(quote) == "Dana Levi"
    assert quote.cue is not None and quote.cue.text == "said"


@pytest.mark.slow
def test_quotes_direct_split_around_cue_is_one_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    quotes = quotes_of('"We will not back down," Dana Levi said, "and we never will."')
    assert len(quotes) == 1
    assert quotes[0].text.startswith("We will not") and quotes[0].text.endswith("never will.")
    assert speaker_name(quotes[0]) == "Dana Levi"


@pytest.mark.slow
def test_quotes_direct_colon_introduction(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of("Mayor Tomas Brenner said: “The bridge will reopen before winter, whatever it costs.”"), "bridge")
    assert quote.kind == "direct"
    assert speaker_name(quote) == "Tomas Brenner"


@pytest.mark.slow
def test_quotes_direct_angle_marks_and_several_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of("«The talks are over. We have nothing left to discuss,» said Ines Moreau."), "talks")
    assert "nothing left" in quote.text
    assert speaker_name(quote) == "Ines Moreau"


@pytest.mark.slow
def test_quotes_direct_over_two_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Karl Oduya, the union leader, spoke for an hour.\n\n"
        "“We asked for a fair wage and we were laughed at,” Oduya said. “Nobody listened to us.\n\n"
        "“So we will strike until they do.”\n\nThe company did not respond."
    )
    quotes = quotes_of(text)
    long_one = only(quotes, "Nobody listened")
    assert "strike until they do" in long_one.text
    assert speaker_name(long_one) == "Karl Oduya"


@pytest.mark.slow
def test_quotes_direct_trailing_dash_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of("“Water is a right, not a privilege.” — Commissioner Ana Ruiz"), "Water")
    assert speaker_name(quote) == "Ana Ruiz"


@pytest.mark.slow
def test_quotes_uncued_follow_on_takes_the_last_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"The budget is balanced," Dana Levi told reporters on Tuesday.\n\n'
        '"We have cut waste in every ministry and we will cut more next year."'
    )
    follow_on = only(quotes_of(text), "cut waste")
    assert speaker_name(follow_on) == "Dana Levi"


@pytest.mark.slow
def test_quotes_follow_on_not_inherited_across_a_new_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"The budget is balanced," Dana Levi told reporters on Tuesday.\n\n'
        "Opposition leader Marek Hollis was unimpressed.\n\n"
        '"We have heard these promises before and they were never kept."'
    )
    follow_on = only(quotes_of(text), "heard these promises")
    assert speaker_name(follow_on) != "Dana Levi"


@pytest.mark.slow
def test_quotes_scare_quotes_titles_and_nicknames_are_not_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        'The so-called "peace dividend" never came. She starred in "The Long Night" last year. '
        'Jonas "The Hammer" Becker won again.'
    )
    assert quotes_of(text) == []


# -- indirect and mixed -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("verb", ["said", "warned", "insisted", "claimed", "argued", "announced", "acknowledged"])
def test_quotes_indirect_with_reporting_verbs(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of(f"Dana Levi {verb} that the new budget would cut the deficit by half."), "deficit")
    assert quote.kind == "indirect"
    assert speaker_name(quote) == "Dana Levi"
    assert quote.cue is not None and quote.cue.text == verb


@pytest.mark.slow
def test_quotes_indirect_told_names_the_addressee(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of("Dana Levi told the BBC that the coalition would survive the vote."), "coalition")
    assert quote.addressee == "the BBC"


@pytest.mark.slow
def test_quotes_indirect_in_a_letter_to(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(
        quotes_of("Senator Ruth Amari wrote in a letter to the commission that the rules were unlawful."), "unlawful"
    )
    assert speaker_name(quote) == "Ruth Amari"
    assert quote.addressee == "the commission"


@pytest.mark.slow
def test_quotes_according_to(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of("According to the health ministry, more than 12,000 people have been killed."), "12,000")
    assert quote.cue is not None and quote.cue.text == "According to"
    assert speaker_name(quote) is not None and "health ministry" in (speaker_name(quote) or "")


@pytest.mark.slow
def test_quotes_mixed_indirect_with_a_quoted_fragment(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of('Dana Levi said the plan was "dead and buried" and would not return.'), "dead and buried")
    assert quote.kind == "mixed"
    assert speaker_name(quote) == "Dana Levi"


@pytest.mark.slow
def test_quotes_indirect_content_before_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of("Dana Levi spoke on Monday. The deal is dead, she said."), "deal is dead")
    assert speaker_name(quote) == "Dana Levi"


# -- speakers ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_quotes_pronoun_speaker_resolves_to_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Dana Levi arrived late to the briefing. \"We have a deal on the table,\" she said."
    quote = only(quotes_of(text), "deal on the table")
    assert speaker_name(quote) == "Dana Levi"
    assert quote.speaker is not None and quote.speaker.mention is not None
    assert quote.speaker.mention.text == "she"


@pytest.mark.slow
def test_quotes_description_speaker_resolves_to_the_role_holder(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ilan Sorel, a professor of international politics at Northgate University, has studied the region. "
        "The professor said that the ceasefire would not hold past the spring."
    )
    quote = only(quotes_of(text), "ceasefire")
    assert speaker_name(quote) == "Ilan Sorel"


@pytest.mark.slow
@pytest.mark.parametrize("source", ["Officials", "A source familiar with the talks"])
def test_quotes_anonymous_sources_stay_anonymous(nlp, source: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Dana Levi met the envoy on Monday. {source} said that the meeting had gone badly."
    quote = only(quotes_of(text), "meeting had gone badly")
    assert quote.speaker is not None
    assert quote.speaker.entity is None
    assert quote.speaker.name == source


@pytest.mark.slow
def test_quotes_office_speaks_for_its_holder(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Prime Minister Dana Levi stayed silent. Levi's office said that the trip was postponed."
    record = analyze(text)
    quote = only(record.quotes, "trip was postponed")
    assert quote.speaker is not None and quote.speaker.name == "Levi's office"
    levi = next(e for e in record.entities if e.name == "Dana Levi")
    assert quote.speaker.entity == levi.id


@pytest.mark.slow
def test_quotes_never_crash_on_odd_marks(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in ['"', '""', "“”", '«"»', 'He said "', '" " " said he', "„Ja“, sagte er.", "\n\n“\n\n”"]:
        assert_grounded(analyze(text))


@pytest.mark.slow
def test_quotes_headline_colon_gives_the_name_its_words(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of("Dana Levi: Budget will pass without new cuts\n\nThe vote is on Friday."), "Budget")
    assert speaker_name(quote) == "Dana Levi"


@pytest.mark.slow
def test_quotes_pronoun_skips_a_person_of_the_other_gender(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Maria Keller said her party would decide on Friday. "
        "Arvid Sollen said the vote had settled nothing, and he repeated it twice.\n\n"
        'Later, she said: "We are not afraid of an election."'
    )
    quote = only(quotes_of(text), "not afraid")
    assert speaker_name(quote) == "Maria Keller"


def test_quotes_marks_doubled_apostrophes_are_quotation_marks() -> None:
    text = "''It is more tinkering,'' said Alan Cole. ''I wouldn't call it reform.''"
    assert [text[s:e] for s, e in quoted_spans(text)] == ["It is more tinkering,", "I wouldn't call it reform."]


@pytest.mark.slow
def test_quotes_one_turn_continues_after_the_cue_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"This country needs a leader," he said. "We need a leader with integrity."'
    quotes = quotes_of("Norm Hale spoke first. " + text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("This country") and quotes[0].text.endswith("integrity.")


@pytest.mark.slow
def test_quotes_relative_pronoun_speaker_is_the_person_it_describes(nlp) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of("It was a blow to Dana Levi, who said that the vote had been rigged."), "rigged")
    assert speaker_name(quote) == "Dana Levi"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("Dana Levi accused the government of hiding the true cost of the deal.", "the government of hiding"),
        ("Dana Levi urged voters to stay at home on Sunday.", "voters to stay at home"),
        ("Dana Levi warned of a long and costly recession.", "a long and costly recession"),
    ],
)
def test_quotes_speech_acts_with_an_object_are_indirect(nlp, sentence: str, content: str) -> None:  # type: ignore[no-untyped-def]
    quote = only(quotes_of(sentence), content)
    assert quote.kind == "indirect"
    assert speaker_name(quote) == "Dana Levi"


@pytest.mark.slow
def test_quotes_plain_actions_are_not_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    assert quotes_of("Dana Levi directed the film and posted the photos on Monday.") == []


@pytest.mark.slow
def test_quotes_call_on_and_tell_to_carry_speech_but_not_told_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    assert only(quotes_of("Dana Levi called on the minister to resign before Friday."), "the minister to resign")
    assert only(quotes_of("Dana Levi told her aides to prepare for an early election."), "her aides to prepare")
    assert quotes_of("Dana Levi told the BBC.") == []


def test_quotes_titles_with_a_comma_inside_the_marks_are_not_speech() -> None:
    assert not looks_like_speech("Face the Nation,")
    assert not looks_like_speech("Contract with America.")
    assert looks_like_speech("No, never.")
