"""Who is who: one entity per person or organisation, with the roles the article gives them."""

from __future__ import annotations

import pytest

from storyline import analyze
from storyline.model import Entity, Record
from storyline.pipeline.entities import acronym, is_part_of_name, role_heads


def entity_named(record: Record, name: str) -> Entity:
    found = [e for e in record.entities if e.name == name]
    assert len(found) == 1, f"no single entity {name!r} in {[(e.name, e.type) for e in record.entities]}"
    return found[0]


def assert_mentions_grounded(record: Record) -> None:
    for entity in record.entities:
        for m in entity.mentions:
            assert record.document.text[m.start : m.end] == m.text


def test_entities_surname_is_part_of_full_name() -> None:
    assert is_part_of_name(("levi",), ("dana", "levi"), "PERSON")
    assert not is_part_of_name(("d",), ("dana", "levi"), "PERSON")
    assert is_part_of_name(("health", "ministry"), ("the", "health", "ministry"), "ORG")


def test_entities_acronym_of_a_long_name() -> None:
    assert acronym(("united", "nations")) == "un"
    assert acronym(("european", "central", "bank")) == "ecb"


def test_entities_role_heads_give_the_nouns_a_description_uses() -> None:
    heads = role_heads(["former Finance Minister", "professor of international politics at Y"])
    assert {"minister", "finance minister", "professor"} <= heads


@pytest.mark.slow
def test_entities_name_variants_form_one_entity(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prime Minister Dana Levi arrived in Brussels on Monday. Levi met European leaders for three hours. "
        "Levi's aides said little. Later the prime minister left without comment."
    )
    record = analyze(text)
    assert_mentions_grounded(record)
    levi = entity_named(record, "Dana Levi")
    assert levi.type == "PERSON"
    texts = [m.text for m in levi.mentions]
    assert texts.count("Levi") == 2 and "Dana Levi" in texts
    assert "the prime minister" in texts
    assert "Prime Minister" in levi.roles


@pytest.mark.slow
def test_entities_cluster_outvotes_a_wrong_label(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Marta Kowalczyk won the vote. Kowalczyk thanked voters. Kowalczyk said the result was clear. "
        "Kowalczyk called her rival. Supporters of Kowalczyk celebrated. Kowalczyk will be sworn in on Friday."
    )
    record = analyze(text)
    person = entity_named(record, "Marta Kowalczyk")
    assert person.type == "PERSON"
    assert len(person.mentions) == 6
    assert not [e for e in record.entities if e.name == "Kowalczyk"]


@pytest.mark.slow
def test_entities_portfolio_words_are_not_organisations(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Finance Minister Dana Levi and Defense Minister Avi Tal met National Security Adviser Rina Bar."
    record = analyze(text)
    names = {e.name for e in record.entities}
    assert not names & {"Finance", "Defense", "National Security"}
    assert "Finance Minister" in entity_named(record, "Dana Levi").roles
    assert "Defense Minister" in entity_named(record, "Avi Tal").roles


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("US President Joe Harlan spoke on Monday.", "Joe Harlan", "US President"),
        ("Former Defense Minister Avi Tal criticised the plan.", "Avi Tal", "Former Defense Minister"),
        ("The plan was drafted by former Defense Minister Avi Tal.", "Avi Tal", "former Defense Minister"),
        ("Government spokesman Eli Dror declined to comment.", "Eli Dror", "Government spokesman"),
    ],
)
def test_entities_prenominal_titles_are_roles(nlp, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in entity_named(analyze(text), name).roles


@pytest.mark.slow
def test_entities_apposition_is_a_role(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ilan Sorel, a professor of international politics at Northgate University, disagreed."
    sorel = entity_named(analyze(text), "Ilan Sorel")
    assert "professor of international politics at Northgate University" in sorel.roles


@pytest.mark.slow
def test_entities_possessive_title_in_apposition(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Dana Levi was abroad. Levi's spokesman, Omer Dank, said the trip was private."
    dank = entity_named(analyze(text), "Omer Dank")
    assert any("spokesman" in role for role in dank.roles)


@pytest.mark.slow
def test_entities_organisation_acronym_joins_its_long_form(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The United Nations called an emergency session. The UN said it would vote on Friday."
    record = analyze(text)
    un = entity_named(record, "United Nations")
    assert "UN" in un.aliases
