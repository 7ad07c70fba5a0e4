"""Who stands where and who presses whom, one form per test, on sentences written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Actor, Pressure, Span, Stance
from storyline.pipeline.stances import StancesComponent, actor_members, find_stances, slug


def read(nlp, text: str) -> tuple[list[Stance], list[Pressure]]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    stances, pressures = find_stances(doc, doc._.entities, doc._.token_entity, doc._.quotes)
    for error in grounding_errors(text, stances, pressures):
        pytest.fail(error)
    return stances, pressures


def grounding_errors(text: str, stances: list[Stance], pressures: list[Pressure]) -> list[str]:
    errors = []

    def check(what: str, span: Span | None) -> None:
        if span is not None and (not 0 <= span.start <= span.end <= len(text) or text[span.start : span.end] != span.text):
            errors.append(f"{what} [{span.start}:{span.end}] {span.text!r} != {text[span.start : span.end]!r}")

    def check_actor(what: str, actor: Actor | None) -> None:
        if actor is not None:
            check(what, actor.mention)

    for s in stances:
        check(f"evidence of {s.id}", s.evidence)
        check_actor(f"actor of {s.id}", s.actor)
        check_actor(f"reported_by of {s.id}", s.reported_by)
    for p in pressures:
        check(f"evidence of {p.id}", p.evidence)
        check(f"cue of {p.id}", p.cue)
        check_actor(f"source of {p.id}", p.source)
        check_actor(f"target of {p.id}", p.target)
    return errors


def only(items: list, **wanted: str) -> Stance | Pressure:  # type: ignore[type-arg]
    assert len(items) == 1, f"expected one item, got {items}"
    return items[0]  # type: ignore[no-any-return]


def stance_of(stances: list[Stance], actor: str) -> Stance:
    found = [s for s in stances if s.actor.name.endswith(actor)]
    assert len(found) == 1, f"expected one stance held by {actor!r}, got {[(s.actor.name, s.target) for s in stances]}"
    return found[0]


# -- without the model ----------------------------------------------------------------------------


def test_stances_slug_is_a_stable_key() -> None:
    assert slug("Dana Levi") == "dana-levi"
    assert slug("the Kordania’s gas deal") == "the-kordanias-gas-deal"


# -- verbs, nouns and adjectives of support and opposition ----------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("verb", ["backed", "endorsed", "praised", "welcomed", "supported", "defended"])
def test_stances_support_verbs(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, f"Finance Minister Dana Levi {verb} the gas deal on Monday.")
    stance = stance_of(stances, "Dana Levi")
    assert stance.polarity == "support"
    assert stance.target == "the gas deal"
    assert stance.actor.entity is not None and stance.reported_by is None


@pytest.mark.slow
@pytest.mark.parametrize("verb", ["opposed", "rejected", "criticized", "condemned", "denounced", "slammed"])
def test_stances_oppose_verbs(nlp, verb: str) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, f"Opposition leader Hana Brenn {verb} the gas deal on Monday.")
    stance = stance_of(stances, "Hana Brenn")
    assert stance.polarity == "oppose"
    assert stance.target == "the gas deal"


@pytest.mark.slow
def test_stances_verbs_with_prepositions_and_passives(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, "The farmers' union objected to the tariff.")
    assert stance_of(stances, "union").polarity == "oppose"
    stances, _ = read(nlp, "The pension reform was criticized by the teachers' union.")
    stance = stance_of(stances, "union")
    assert (stance.polarity, stance.target) == ("oppose", "The pension reform")


@pytest.mark.slow
def test_stances_negated_support_opposes_and_negated_opposition_is_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, "The Finance Ministry does not support the merger.")
    assert stance_of(stances, "Finance Ministry").polarity == "oppose"
    stances, _ = read(nlp, "The Finance Ministry did not oppose the merger.")
    assert stances == []


@pytest.mark.slow
def test_stances_nouns_of_support_and_opposition(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, "The dockworkers' union voiced strong opposition to the pension reform.")
    stance = stance_of(stances, "union")
    assert (stance.polarity, stance.target) == ("oppose", "the pension reform")
    stances, _ = read(nlp, "The pension reform drew criticism from the dockworkers' union.")
    stance = stance_of(stances, "union")
    assert (stance.polarity, stance.target) == ("oppose", "The pension reform")


@pytest.mark.slow
def test_stances_holder_nouns_and_adjectives(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, "Senator Kay Ruiz is a vocal critic of the pipeline.")
    assert stance_of(stances, "Kay Ruiz").polarity == "oppose"
    stances, _ = read(nlp, "The farmers are opposed to the new tariff.")
    assert stance_of(stances, "farmers").target == "the new tariff"


@pytest.mark.slow
def test_stances_refusals_oppose_and_negated_acceptance_opposes(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, "Senator Kay Ruiz refused to endorse the pipeline bill.")
    stance = stance_of(stances, "Kay Ruiz")  # one stance: the refusal, not an endorsement
    assert (stance.polarity, stance.target) == ("oppose", "endorse the pipeline bill")
    stances, _ = read(nlp, "Customs officials did not accept the offer of free vaccines.")
    assert stance_of(stances, "officials").polarity == "oppose"


# -- wants, quotes and what is reported of others ------------------------------------------------


@pytest.mark.slow
def test_stances_negated_want_with_they_resolved(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The National Renewal Party met on Monday. They don't want the gas deal extended."
    stances, _ = read(nlp, text)
    stance = stance_of(stances, "National Renewal Party")
    assert stance.polarity == "oppose"
    assert stance.actor.mention is not None and stance.actor.mention.text == "They"
    assert stance.issue == "gas-deal"


@pytest.mark.slow
def test_stances_a_wanted_end_opposes_and_is_reported_by_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, "Analysts say ministers want the deal scrapped.")
    stance = stance_of(stances, "ministers")
    assert (stance.polarity, stance.target) == ("oppose", "the deal")
    assert stance.reported_by is not None and stance.reported_by.name == "Analysts"
    assert stance.via is not None


@pytest.mark.slow
def test_stances_quote_supporting_what_it_asks_for(nlp) -> None:  # type: ignore[no-untyped-def]
    text = '"We must keep the bases open," Defense Minister Arvid Sollen said on Monday.'
    doc = nlp(text)
    stances, _ = find_stances(doc, doc._.entities, doc._.token_entity, doc._.quotes)
    stance = stance_of(stances, "Arvid Sollen")
    assert (stance.polarity, stance.target) == ("support", "keep the bases open")
    assert stance.via == doc._.quotes[0].id
    assert stance.reported_by is None


@pytest.mark.slow
def test_stances_speaker_describing_others_is_reported_by_not_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, '"The farmers oppose the new tariff," Finance Minister Dana Levi said.')
    stance = only(stances)
    assert isinstance(stance, Stance)
    assert stance.actor.name == "The farmers"
    assert stance.reported_by is not None and stance.reported_by.name == "Dana Levi"


@pytest.mark.slow
def test_stances_speaker_judging_something_holds_the_stance(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, "Renewal party leader Ilse Varga said the gas agreement was unacceptable.")
    stance = stance_of(stances, "Ilse Varga")
    assert (stance.polarity, stance.target) == ("oppose", "the gas agreement")
    stances, _ = read(nlp, "The White House called the impeachment inquiry a sham.")
    stance = stance_of(stances, "White House")
    assert (stance.polarity, stance.target) == ("oppose", "the impeachment inquiry")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The minister met the delegation on Monday and discussed the gas deal.",
        "The gas deal was signed in November and covers deliveries until 2030.",
        "The minister may back the gas deal next week.",
        "If the party backs the gas deal, the government survives.",
        "Will the minister back the gas deal?",
        "Officials said the minister is expected to back the gas deal.",
        "A poll shows that most voters want the parliament to approve the deal.",
    ],
)
def test_stances_none_from_neutral_reporting_predictions_and_conditions(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    stances, pressures = read(nlp, text)
    assert stances == [] and pressures == []


# -- pressures -------------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Ilse Varga urged Prime Minister Tomas Reker to drop the gas deal.", "urged"),
        ("Ilse Varga pressed Prime Minister Tomas Reker to drop the gas deal.", "pressed"),
        ("Ilse Varga called on Prime Minister Tomas Reker to drop the gas deal.", "called on"),
        ("Ilse Varga asked Prime Minister Tomas Reker to drop the gas deal.", "asked"),
        ("Ilse Varga pushed Prime Minister Tomas Reker to drop the gas deal.", "pushed"),
        ("Ilse Varga demanded that Prime Minister Tomas Reker drop the gas deal.", "demanded"),
        ("Ilse Varga insisted that Prime Minister Tomas Reker must drop the gas deal.", "insisted"),
    ],
)
def test_stances_pressure_cues(nlp, text: str, cue: str) -> None:  # type: ignore[no-untyped-def]
    _, pressures = read(nlp, text)
    pressure = only(pressures)
    assert isinstance(pressure, Pressure)
    assert pressure.source.name == "Ilse Varga"
    assert pressure.target is not None and pressure.target.name == "Tomas Reker"
    assert pressure.cue.text == cue
    assert "drop the gas deal" in pressure.demand


@pytest.mark.slow
def test_stances_pressure_threat_without_a_named_target(nlp) -> None:  # type: ignore[no-untyped-def]
    _, pressures = read(nlp, "The National Renewal Party threatened to quit the coalition over the gas deal.")
    pressure = only(pressures)
    assert isinstance(pressure, Pressure)
    assert (pressure.source.name, pressure.target, pressure.cue.text) == ("National Renewal Party", None, "threatened")
    assert pressure.demand.startswith("quit the coalition")


@pytest.mark.slow
def test_stances_pressure_in_a_quote_with_must(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, pressures = read(nlp, '"The regime must end this crackdown," said Amnesty director Philip Luther.')
    pressure = only(pressures)
    assert isinstance(pressure, Pressure)
    assert pressure.source.name == "Philip Luther" and pressure.cue.text == "must"
    assert pressure.target is not None and pressure.target.name == "The regime"
    assert stance_of(stances, "Philip Luther").polarity == "oppose"


@pytest.mark.slow
def test_stances_pressure_named_as_someones_attempt(nlp) -> None:  # type: ignore[no-untyped-def]
    _, pressures = read(nlp, "Critics condemned Reker's attempt to coerce the auditors into changing their report.")
    pressure = only(pressures)
    assert isinstance(pressure, Pressure)
    assert pressure.source.name == "Reker" and pressure.cue.text == "coerce"
    assert pressure.target is not None and pressure.target.name == "the auditors"


@pytest.mark.slow
def test_stances_demand_that_something_be_abandoned_opposes_it(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, pressures = read(nlp, "Hard-line coalition partners demanded that the gas deal be abandoned.")
    stance = stance_of(stances, "partners")
    assert (stance.polarity, stance.target) == ("oppose", "the gas deal")
    pressure = only(pressures)
    assert isinstance(pressure, Pressure)
    assert pressure.cue.text == "demanded" and pressure.issue == stance.issue


@pytest.mark.slow
def test_stances_collective_source_linked_to_named_members(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Coalition partners, including the Green Party and the Farmers Union, demanded that the deal be dropped."
    doc = nlp(text)
    _, pressures = find_stances(doc, doc._.entities, doc._.token_entity, doc._.quotes)
    pressure = only(pressures)
    assert isinstance(pressure, Pressure)
    assert pressure.source.name == "Coalition partners" and pressure.source.entity is None
    members = actor_members(doc, doc._.token_entity, [pressure.source])
    assert pressure.source.mention is not None
    names = {e.id: e.name for e in doc._.entities}
    assert [names[m] for m in members[(pressure.source.mention.start, pressure.source.mention.end)]] == [
        "Green Party",
        "Farmers Union",
    ]


@pytest.mark.slow
def test_stances_conjoined_named_actors_hold_one_stance_each(nlp) -> None:  # type: ignore[no-untyped-def]
    stances, _ = read(nlp, "Egypt and Jordan sharply criticized the decision.")
    assert sorted(s.actor.name for s in stances) == ["Egypt", "Jordan"]


# -- issues, ids, grounding --------------------------------------------------------------------------


@pytest.mark.slow
def test_stances_issue_groups_one_deal_in_other_words(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Finance Minister Dana Levi backed the gas deal on Monday. "
        "Ilse Varga rejected the agreement with Kordania. "
        "Hana Brenn criticized the deal. "
        "Arvid Sollen praised the oil deal."
    )
    stances, _ = read(nlp, text)
    assert [s.id for s in stances] == ["s1", "s2", "s3", "s4"]
    assert [s.issue for s in stances] == ["gas-deal", "gas-deal", "gas-deal", "oil-deal"]


@pytest.mark.slow
def test_stances_component_sets_doc_extensions(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = StancesComponent()(nlp("Ilse Varga urged Tomas Reker to drop the gas deal, which Dana Levi backed."))
    assert [(p.id, p.demand, p.issue) for p in doc._.pressures] == [("p1", "drop the gas deal", "gas-deal")]
    # urging to drop the deal opposes it; "which" is the deal Levi backed
    assert [(s.id, s.actor.name, s.polarity, s.target) for s in doc._.stances] == [
        ("s1", "Ilse Varga", "oppose", "the gas deal"),
        ("s2", "Dana Levi", "support", "the gas deal"),
    ]
    assert doc._.actor_members == {}


@pytest.mark.slow
def test_stances_grounded_on_the_samples(nlp, sample_dir: Path) -> None:  # type: ignore[no-untyped-def]
    found = 0
    for path in sorted(sample_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = nlp(text)
        stances, pressures = find_stances(doc, doc._.entities, doc._.token_entity, doc._.quotes)
        assert grounding_errors(text, stances, pressures) == []
        entity_ids = {e.id for e in doc._.entities}
        for actor in [s.actor for s in stances] + [p.source for p in pressures]:
            assert actor.entity is None or actor.entity in entity_ids
        assert [s.id for s in stances] == [f"s{n}" for n in range(1, len(stances) + 1)]
        assert [p.id for p in pressures] == [f"p{n}" for n in range(1, len(pressures) + 1)]
        found += len(stances) + len(pressures)
    assert found > 5


@pytest.mark.slow
def test_stances_collective_actor_in_the_record_names_its_members(nlp) -> None:  # type: ignore[no-untyped-def]
    from storyline import analyze

    text = (
        "Coalition partners, including the Green Party and the Farmers Union, demanded that the "
        "gas agreement be dropped."
    )
    record = analyze(text)
    names = {e.id: e.name for e in record.entities}
    members = {names[m] for p in record.pressures for m in p.source.members}
    members |= {names[m] for s in record.stances for m in s.actor.members}
    assert {"Green Party", "Farmers Union"} <= members
