"""Events: what happened, who took part, where, when and whether — on sentences written for the
tests, the bundled sample and real articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from storyline.model import Event, TimeExpression
from storyline.pipeline import events as events_module
from storyline.pipeline.events import EVENT_TYPES, date_range, find_events

PUBLISHED = "2025-02-03"  # a Monday
DOCS = Path(__file__).resolve().parent.parent / "docs" / "events.md"
# TIMEX3 calendar values: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www (a weekend, a weekday), quarters,
# halves, seasons, any digit group possibly X placeholders ("XXXX-WXX-3": a Wednesday).
VALID_DATE = re.compile(
    r"(?:\d{4}|X{4})(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-W(?:\d\d|XX)(?:-WE|-[1-7])?|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?"
)


def expression(text: str, words: str, value: str, n: int = 1, type_: str = "DATE") -> TimeExpression:
    """A time expression built by hand, as the time stage would give it."""
    start = text.index(words)
    return TimeExpression(f"t{n}", words, start, start + len(words), type_, value, "publication")  # type: ignore[arg-type]


def events_of(nlp, text: str, times: list[tuple[str, str]] = (), published: str | None = PUBLISHED) -> list[Event]:  # type: ignore[no-untyped-def, assignment]
    doc = nlp(text)
    expressions = [expression(text, words, value, n) for n, (words, value) in enumerate(times, 1)]
    found = find_events(doc, doc._.entities, doc._.token_entity, doc._.quotes, expressions, published)
    assert_grounded(text, found)
    return found


def assert_grounded(text: str, found: list[Event]) -> None:
    for event in found:
        spans = [event.trigger, event.evidence, *event.mentions]
        spans += [p.mention for p in event.participants if p.mention]
        spans += [a.mention for a in (event.location, event.reported_by) if a is not None and a.mention]
        for span in spans:
            assert text[span.start : span.end] == span.text, (event.id, span)
        assert event.mentions and event.mentions[0] == event.evidence
        assert event.type in EVENT_TYPES
        if event.date is not None:
            assert VALID_DATE.fullmatch(event.date.value), event.date


def only(found: list[Event], type_: str) -> Event:
    matching = [e for e in found if e.type == type_]
    assert len(matching) == 1, f"expected one {type_} event, got {[(e.type, e.trigger.text) for e in found]}"
    return matching[0]


def roles(event: Event) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for p in event.participants:
        result.setdefault(p.role, []).append(p.name)
    return result


# -- without the model ----------------------------------------------------------------------------


def test_events_ontology_is_documented() -> None:
    doc = DOCS.read_text(encoding="utf-8")
    for type_ in EVENT_TYPES:
        assert f"| `{type_}` |" in doc, f"event type {type_} is missing from docs/events.md"
    rules = list(events_module.VERBS.values()) + list(events_module.NOUNS.values())
    assert {r for r in rules if isinstance(r, str)} <= set(EVENT_TYPES)


def test_events_date_range_of_timex_values() -> None:
    assert date_range("2025-02-03") == (date_of("2025-02-03"), date_of("2025-02-03"))
    assert date_range("2025-02") == (date_of("2025-02-01"), date_of("2025-02-28"))
    assert date_range("2025-W06") == (date_of("2025-02-03"), date_of("2025-02-09"))
    assert date_range("2025-W06-3") == (date_of("2025-02-05"), date_of("2025-02-05"))
    assert date_range("2024-Q4") == (date_of("2024-10-01"), date_of("2024-12-31"))
    assert date_range("2024") == (date_of("2024-01-01"), date_of("2024-12-31"))
    assert date_range("XXXX-XX-XX") is None
    assert date_range("P2W") is None


def date_of(value: str):  # type: ignore[no-untyped-def]
    from datetime import date

    return date.fromisoformat(value)


def test_events_factory_sets_doc_events() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("storyline_events")
    doc = nlp("Nothing here is parsed.")
    assert Doc.has_extension("events")
    assert doc._.events == []


# -- the type families ------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_", "trigger"),
    [
        ("Chancellor Olaf Scholz met President Emmanuel Macron in Paris.", "meet", "met"),
        ("The foreign ministers held a meeting in Rome.", "meet", "meeting"),
        ("Secretary of State Antony Blinken visited Beijing.", "travel", "visited"),
        ("Israel and Hamas resumed talks in Doha.", "negotiate", "talks"),
        ("The two countries signed a trade agreement in Tokyo.", "agree", "trade agreement"),
        ("Israel and Hamas agreed to a ceasefire.", "agree", "ceasefire"),
        ("Hamas freed two Israeli hostages.", "release", "freed"),
        ("Israel launched air strikes on Gaza.", "attack", "air strikes"),
        ("Russian forces shelled Kharkiv overnight.", "attack", "shelled"),
        ("Thousands of farmers protested in Brussels.", "protest", "protested"),
        ("A strike by dockworkers closed the port.", "protest", "strike"),
        ("The United States imposed sanctions on Iranian oil companies.", "sanction", "sanctions"),
        ("The court issued an arrest warrant for Vladimir Putin.", "accuse", "arrest warrant"),
        ("Police arrested the opposition leader Ali Karimi.", "accuse", "arrested"),
        ("The opposition demanded new elections.", "demand", "demanded"),
        ("North Korea threatened to attack South Korea.", "threaten", "threatened"),
        ("The ministry announced a state of emergency.", "statement", "announced"),
        ("Parliament voted to approve the budget.", "vote", "voted"),
        ("President Joe Biden appointed Janet Yellen as treasury secretary.", "appoint", "appointed"),
        ("The prime minister resigned.", "appoint", "resigned"),
        ("Japan pledged humanitarian aid to Turkey.", "aid", "aid"),
    ],
)
def test_events_type_families(nlp, text: str, type_: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    event = only(events_of(nlp, text), type_)
    assert event.trigger.text == trigger


@pytest.mark.slow
def test_events_reporting_verbs_are_not_events(nlp) -> None:  # type: ignore[no-untyped-def]
    assert events_of(nlp, "Finance Minister Dana Levi said the budget was sound, her spokesman told reporters.") == []


@pytest.mark.slow
def test_events_other_senses_and_counts_are_not_events(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The company met expectations and issued a press release. "
        "The motion failed by 58 votes to 49. That is a big deal for investors."
    )
    assert events_of(nlp, text) == []


# -- participants and places --------------------------------------------------------------------------


@pytest.mark.slow
def test_events_participants_agent_counterpart_and_location(nlp) -> None:  # type: ignore[no-untyped-def]
    event = only(events_of(nlp, "Prime Minister Dana Levi met with President Tomas Reker in Berlin."), "meet")
    assert roles(event) == {"agent": ["Dana Levi"], "counterpart": ["Tomas Reker"]}
    assert all(p.entity is not None for p in event.participants)
    assert event.location is not None and event.location.name == "Berlin"


@pytest.mark.slow
def test_events_noun_takes_agent_and_target_from_its_support_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    found = events_of(nlp, "The European Union imposed sanctions on Russia.")
    assert len(found) == 1  # "imposed" carries the sanctions: no event of its own
    assert roles(found[0]) == {"target": ["Russia"], "agent": ["European Union"]}


@pytest.mark.slow
def test_events_announced_sanctions_are_the_sanction(nlp) -> None:  # type: ignore[no-untyped-def]
    found = events_of(nlp, "The EU announced new sanctions against Iran.")
    event = only(found, "sanction")
    assert len(found) == 1
    assert roles(event) == {"target": ["Iran"], "agent": ["EU"]}


@pytest.mark.slow
def test_events_passive_subject_is_the_target_and_by_phrase_the_agent(nlp) -> None:  # type: ignore[no-untyped-def]
    event = only(events_of(nlp, "Three prisoners were released by Hamas."), "release")
    assert roles(event) == {"target": ["Three prisoners"], "agent": ["Hamas"]}
    assert event.participants[0].entity is None  # a description, not a named entity


@pytest.mark.slow
def test_events_talks_between_two_sides_are_participants(nlp) -> None:  # type: ignore[no-untyped-def]
    event = only(events_of(nlp, "Talks between Israel and Hamas collapsed."), "negotiate")
    assert roles(event) == {"participant": ["Israel", "Hamas"]}


@pytest.mark.slow
def test_events_object_of_urge_is_who_must_act(nlp) -> None:  # type: ignore[no-untyped-def]
    found = events_of(nlp, "Labour Minister Petra Holm urged the union to accept mediation.")
    assert roles(only(found, "demand")) == {"agent": ["Petra Holm"], "target": ["union"]}
    assert only(found, "negotiate").status == "hypothetical"


# -- dates ------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_events_date_from_attached_expression_not_the_governing_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russia and Ukraine agreed on Monday to exchange prisoners in Istanbul."
    found = events_of(nlp, text, times=[("Monday", "2025-02-03")])
    agreement, exchange = only(found, "agree"), only(found, "release")
    assert agreement.date is not None and agreement.date.value == "2025-02-03"
    assert agreement.date.source == "expression" and agreement.date.time_expression == "t1"
    assert exchange.date is None  # Monday is when they agreed, not when they exchange
    assert exchange.location is not None and exchange.location.name == "Istanbul"


@pytest.mark.slow
def test_events_date_of_a_noun_from_its_occurrence_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Talks between Israel and Hamas collapsed on Sunday."
    event = only(events_of(nlp, text, times=[("Sunday", "2025-02-02")]), "negotiate")
    assert event.date is not None and event.date.value == "2025-02-02"


@pytest.mark.slow
def test_events_date_of_a_time_expression_is_its_calendar_part(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Protesters marched through the capital on Friday night."
    event = only(events_of(nlp, text, times=[("Friday night", "2025-01-31TNI")]), "protest")
    assert event.date is not None and event.date.value == "2025-01-31"


@pytest.mark.slow
def test_events_publication_date_for_present_tense_news(nlp) -> None:  # type: ignore[no-untyped-def]
    event = only(events_of(nlp, "The New York attorney general is investigating WeWork."), "accuse")
    assert event.date is not None and (event.date.value, event.date.source) == (PUBLISHED, "publication")


@pytest.mark.slow
def test_events_past_event_without_expression_has_no_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Coalition partners met on Monday.\n\nLater, Hamas released three hostages."
    event = only(events_of(nlp, text, times=[("Monday", "2025-02-03")]), "release")
    assert event.date is None


@pytest.mark.slow
def test_events_no_publication_date_means_no_fallback(nlp) -> None:  # type: ignore[no-untyped-def]
    event = only(events_of(nlp, "The attorney general is investigating WeWork.", published=None), "accuse")
    assert event.date is None


# -- status -----------------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The two sides will hold talks in Geneva next week.", "negotiate"),
        ("Prime Minister Tomas Reker is due to meet Ilse Varga on Tuesday.", "meet"),
        ("The government plans to impose tariffs on steel.", "sanction"),
        ("The summit will be held in Nairobi in March.", "meet"),
        ("The government is preparing an aid package, to be presented next week.", "aid"),
    ],
)
def test_events_status_planned(nlp, text: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    assert only(events_of(nlp, text), type_).status == "planned"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Putin did not meet Zelensky.", "meet"),
        ("Russia did not sign the agreement.", "agree"),
        ("The two sides reached no agreement.", "agree"),
        ("The government called off the talks.", "negotiate"),
        ("Hamas refused to release the hostages.", "release"),
    ],
)
def test_events_status_negated(nlp, text: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    assert only(events_of(nlp, text), type_).status == "negated"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("If the talks fail, Israel could attack Iran.", "attack"),
        ("If the talks fail, Israel could attack Iran.", "negotiate"),
        ("The party threatened to quit the coalition.", "appoint"),
        ("The union called for a ceasefire.", "agree"),
    ],
)
def test_events_status_hypothetical(nlp, text: str, type_: str) -> None:  # type: ignore[no-untyped-def]
    assert only(events_of(nlp, text), type_).status == "hypothetical"


@pytest.mark.slow
def test_events_status_reported_in_indirect_speech_with_its_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Officials said Tomas Reker and Ilse Varga would meet next week."
    event = only(events_of(nlp, text, times=[("next week", "2025-W07")]), "meet")
    assert event.status == "reported"  # "would" here is a reported "will", not a hypothetical
    assert event.reported_by is not None and event.reported_by.name == "Officials"
    assert event.date is not None and event.date.value == "2025-W07"


@pytest.mark.slow
def test_events_status_reported_in_a_direct_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    event = only(events_of(nlp, '"We signed the agreement in Oslo," Finance Minister Dana Levi said.'), "agree")
    assert event.status == "reported"
    assert event.reported_by is not None and event.reported_by.name == "Dana Levi"
    assert event.reported_by.entity is not None


@pytest.mark.slow
def test_events_negated_in_a_quote_keeps_negated_and_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    event = only(events_of(nlp, '"We did not meet," Dana Levi said.'), "meet")
    assert event.status == "negated"
    assert event.reported_by is not None and event.reported_by.name == "Dana Levi"


@pytest.mark.slow
def test_events_word_in_the_quote_cue_clause_is_the_narrators(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We have waited three years,” Obst told a rally at the gates. “Nobody here wanted this.”"
    event = only(events_of(nlp, text), "protest")
    assert event.status == "happened" and event.reported_by is None


# -- one event, several mentions ---------------------------------------------------------------------------


@pytest.mark.slow
def test_events_merge_two_mentions_of_one_exchange(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Russia and Ukraine agreed on Monday to exchange prisoners. The exchange will take place in three stages."
    exchange = only(events_of(nlp, text, times=[("Monday", "2025-02-03")]), "release")
    assert [m.text for m in exchange.mentions] == [
        "Russia and Ukraine agreed on Monday to exchange prisoners",
        "The exchange will take place in three stages",
    ]
    assert exchange.status == "planned"


@pytest.mark.slow
def test_events_merge_fills_the_date_from_a_later_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Reker survives confidence vote\n\nVARENA — Prime Minister Tomas Reker survived a confidence vote on Friday."
    event = only(events_of(nlp, text, times=[("Friday", "2025-01-31")]), "vote")
    assert len(event.mentions) == 2
    assert event.date is not None and (event.date.value, event.date.source) == ("2025-01-31", "expression")


@pytest.mark.slow
def test_events_different_targets_or_dates_stay_two_events(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Israel struck Gaza on Monday. Israel struck Rafah on Tuesday."
    found = events_of(nlp, text, times=[("Monday", "2025-02-03"), ("Tuesday", "2025-01-28")])
    assert [e.type for e in found] == ["attack", "attack"]


@pytest.mark.slow
def test_events_symmetric_meetings_with_other_people_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    found = events_of(nlp, "Xi met Putin in Moscow. Putin met Modi in Delhi. Putin and Xi met again.")
    assert len(found) == 3


@pytest.mark.slow
def test_events_ids_follow_text_order(nlp) -> None:  # type: ignore[no-untyped-def]
    found = events_of(nlp, "Hamas freed two hostages. Israel launched air strikes on Gaza. Israel and Hamas resumed talks.")
    assert [e.id for e in found] == ["ev1", "ev2", "ev3"]
    assert [e.type for e in found] == ["release", "attack", "negotiate"]


# -- the bundled sample and real articles -------------------------------------------------------------------


def parse_with_time(nlp, text: str, published: str | None) -> tuple[Doc, list[TimeExpression]]:  # type: ignore[no-untyped-def]
    """The doc and its time expressions resolved against ``published``: from the time stage in
    the pipeline when it is wired in, else from the time stage's module called directly."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    if "storyline_timex" in nlp.pipe_names:
        return doc, list(doc._.time_expressions or [])
    timex = pytest.importorskip("storyline.pipeline.timex")
    return doc, list(timex.find_time_expressions(doc))


def read_article(nlp, text: str, published: str | None) -> list[Event]:  # type: ignore[no-untyped-def]
    doc, expressions = parse_with_time(nlp, text, published)
    found = find_events(doc, doc._.entities, doc._.token_entity, doc._.quotes, expressions, published)
    assert_grounded(text, found)
    ids = {t.id for t in expressions}
    for event in found:
        if event.date is not None and event.date.source == "expression":
            assert event.date.time_expression in ids
    return found


SAMPLE_DATES = {"coalition.txt": "2025-02-03", "confidence-vote.txt": "2025-02-07", "port-strike.txt": "2025-02-05"}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SAMPLE_DATES))
def test_events_bundled_sample_grounded_with_participants_and_dates(nlp, sample_dir: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    found = read_article(nlp, (sample_dir / name).read_text(encoding="utf-8"), SAMPLE_DATES[name])
    assert len(found) >= 5
    assert any(e.date is not None for e in found)
    assert any(p.entity is not None for e in found for p in e.participants)


@pytest.mark.slow
def test_events_bundled_sample_reads_the_coalition_story(nlp, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    found = read_article(nlp, (sample_dir / "coalition.txt").read_text(encoding="utf-8"), "2025-02-03")
    meeting = only(found, "meet")
    assert {p.name for p in meeting.participants} == {"Tomas Reker", "Ilse Varga"}
    assert meeting.status == "reported" and meeting.reported_by is not None
    accusation = only(found, "accuse")
    assert roles(accusation)["agent"] == ["Ilse Varga"]


@pytest.mark.slow
def test_events_real_articles_grounded_with_valid_dates(nlp, shared_data: Path) -> None:  # type: ignore[no-untyped-def]
    path = shared_data / "aeb" / "ground-truth.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    articles = list(json.loads(path.read_text(encoding="utf-8")).values())
    bodies = [a for a in articles if len(a.get("articleBody") or "") > 1500][:20]
    assert len(bodies) == 20
    total = dated = 0
    for article in bodies:
        # the URL's date where it has one (/2019/11/19/), else no publication date at all
        match = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", article.get("url") or "")
        published = "-".join(match.groups()) if match else None
        found = read_article(nlp, article["articleBody"], published)
        total += len(found)
        dated += sum(1 for e in found if e.date is not None)
    assert total > 40 and dated > 0
