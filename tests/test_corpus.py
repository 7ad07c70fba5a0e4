"""The corpus: merging across articles, near-duplicates, and every question, on hand-built records (no NLP),
the same cases on SQLite and on the test PostgreSQL server (see tests/pgcluster.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from storyline.corpus import AliasRules, Corpus, UnknownEntityError, dedup, flat, merge
from storyline.model import (
    Actor,
    Document,
    Entity,
    Event,
    EventDate,
    Figure,
    Participant,
    Pressure,
    Quote,
    Record,
    Span,
    Stance,
    document_id,
)
from storyline.store import Store

BACKENDS = ["sqlite", "postgres"]


# --- building records by hand --------------------------------------------------------------------------------


def _span(text: str, part: str, after: int = 0) -> Span:
    at = text.index(part, after)
    return Span(at, at + len(part), part)


class Article:
    """A record built from its text: items are named by the words they cover."""

    def __init__(self, text: str, published: str | None = None, title: str | None = None) -> None:
        self.record = Record(document=Document(id=document_id(text), text=text, published=published, title=title))
        self.text = text

    @property
    def id(self) -> str:
        return self.record.document.id

    def entity(self, name: str, type: str = "PERSON", *, aliases: tuple[str, ...] = (), roles: tuple[str, ...] = ()) -> str:
        eid = f"e{len(self.record.entities) + 1}"
        mentions = [_span(self.text, n) for n in (name, *aliases) if n in self.text]
        self.record.entities.append(Entity(eid, name, type, list(roles), list(aliases), mentions))
        return eid

    def actor(self, name: str) -> Actor:
        entity = next((e for e in self.record.entities if name in (e.name, *e.aliases)), None)
        return Actor(name=name, entity=entity.id if entity else None, mention=_span(self.text, name) if name in self.text else None)

    def quote(self, words: str, speaker: str | None) -> Article:
        span = _span(self.text, words)
        qid = f"q{len(self.record.quotes) + 1}"
        self.record.quotes.append(
            Quote(qid, "direct", span.start, span.end, span.text, self.actor(speaker) if speaker else None)
        )
        return self

    def event(self, trigger: str, type: str, participants: tuple[str, ...], date: str | None = None) -> Article:
        span = _span(self.text, trigger)
        self.record.events.append(
            Event(
                id=f"ev{len(self.record.events) + 1}",
                type=type,
                trigger=span,
                evidence=span,
                status="happened",
                participants=[Participant("agent", p, self.actor(p).entity) for p in participants],
                date=EventDate(date, "expression") if date else None,
                mentions=[span],
            )
        )
        return self

    def figure(self, words: str, value: float, counted: str, source: str | None, approximation: Any = "exact") -> Article:
        span = _span(self.text, words)
        self.record.figures.append(
            Figure(f"f{len(self.record.figures) + 1}", span.text, span.start, span.end, value, "count",
                   approximation=approximation, counted=counted, source=self.actor(source) if source else None)
        )  # fmt: skip
        return self

    def stance(self, actor: str, issue: str, polarity: Any, evidence: str) -> Article:
        self.record.stances.append(
            Stance(f"s{len(self.record.stances) + 1}", self.actor(actor), issue, issue, polarity, _span(self.text, evidence))
        )
        return self

    def press(self, source: str, target: str, demand: str, evidence: str, issue: str | None = None) -> Article:
        cue = _span(self.text, evidence)
        self.record.pressures.append(
            Pressure(f"p{len(self.record.pressures) + 1}", self.actor(source), self.actor(target), demand, cue, cue, issue)
        )
        return self


# A story three outlets cover, and an unrelated one.
GAZETTE = (
    "Dockers strike at Varena port. Union leader Mara Tenby said on Monday: \"We will not accept this offer. "
    "The port cannot run without us.\" More than 12,000 workers walked out, according to the union. "
    "Harbour chief Jonas Wirth opposes the strike. Tenby urged Wirth to reopen talks."
)
COURIER = (
    "Varena port shut by strike. \u201cWe will NOT accept this offer,\u201d said Tenby, who leads the union. "
    "Police counted 9,500 workers at the walkout on Monday. Jonas Wirth, who runs the harbour, opposes the strike."
)
HERALD = (
    "Strike at Varena enters its second day. Mara Tenby, the union leader, repeated: \"The port cannot run without "
    "us.\" About 12,000 workers stayed out, the union said. Wirth rejected the demands."
)
OTHER = "A ferry to Ostrel will add two crossings on weekdays, the operator Hana Brenn said on Friday."


def gazette() -> Article:
    a = Article(GAZETTE, "2025-02-03", "Dockers strike at Varena port")
    a.entity("Mara Tenby", aliases=("Tenby",), roles=("Union leader",))
    a.entity("Jonas Wirth", aliases=("Wirth",), roles=("Harbour chief",))
    a.entity("Varena", "GPE")
    a.quote("We will not accept this offer. The port cannot run without us.", "Mara Tenby")
    a.event("walked out", "protest", ("Mara Tenby",), "2025-02-03")
    a.figure("More than 12,000 workers", 12000, "workers walked out", "the union", "more_than")
    a.stance("Jonas Wirth", "strike", "oppose", "Harbour chief Jonas Wirth opposes the strike.")
    a.press("Tenby", "Wirth", "reopen talks", "Tenby urged Wirth to reopen talks.", "strike")
    return a


def courier() -> Article:
    a = Article(COURIER, "2025-02-03", "Varena port shut by strike")
    a.entity("Tenby", roles=("union leader",))
    a.entity("Jonas Wirth")
    a.entity("VARENA", "ORG")
    a.quote("We will NOT accept this offer,", "Tenby")
    a.event("walkout", "protest", ("Tenby",), "2025-02-03")
    a.figure("9,500 workers", 9500, "workers at the walkout", "Police")
    a.stance("Jonas Wirth", "strike", "oppose", "Jonas Wirth, who runs the harbour, opposes the strike.")
    return a


def herald() -> Article:
    a = Article(HERALD, "2025-02-04", "Strike at Varena enters its second day")
    a.entity("Mara Tenby", roles=("union leader",))
    a.entity("Wirth")
    a.entity("Varena", "GPE")
    a.quote("The port cannot run without us.", "Mara Tenby")
    a.event("stayed out", "protest", ("Mara Tenby",), "2025-02-02")
    a.figure("About 12,000 workers", 12000, "workers stayed out", "the union", "about")
    a.stance("Wirth", "strike", "oppose", "Wirth rejected the demands.")
    return a


def other() -> Article:
    a = Article(OTHER, "2025-03-01")
    a.entity("Hana Brenn", roles=("operator",))
    a.entity("Ostrel", "GPE")
    return a


def fill(store: Store, *articles: Article, outlets: tuple[str, ...] = ()) -> dict[str, str]:
    for i, article in enumerate(articles):
        store.add(article.record, outlet=outlets[i] if i < len(outlets) else None)
    return {a.record.document.title or a.text[:10]: a.id for a in articles}


def story(store: Store) -> Corpus:
    fill(store, gazette(), courier(), herald(), other(), outlets=("Gazette", "Courier", "Herald", "Ferry News"))
    return Corpus(store)


# --- entities ------------------------------------------------------------------------------------------------


def test_corpus_merges_a_person_across_articles_and_name_forms(store: Store) -> None:
    corpus = story(store)
    (tenby,) = corpus.actors("Mara Tenby")
    assert tenby.id == "person:mara-tenby"
    assert tenby.articles == 3
    assert "Tenby" in tenby.aliases
    assert corpus.entity_ids("tenby") == ["person:mara-tenby"]
    roles = {r.role.lower(): r.dates for r in tenby.roles}
    assert roles["union leader"] == ("2025-02-03", "2025-02-04")
    # the first mention points into the text
    text = store.get(tenby.article_id or "").document.text
    assert text[tenby.start : tenby.end] == "Mara Tenby"


def test_corpus_surname_only_mention_is_explained(store: Store) -> None:
    corpus = story(store)
    explanation = corpus.explain("Wirth")
    assert explanation.id == "person:jonas-wirth"
    reasons = {r.name: r for r in explanation.reasons}
    assert reasons["Wirth"].how == "surname-only"
    assert "the only person surnamed Wirth" in reasons["Wirth"].detail
    assert reasons["Jonas Wirth"].articles == 2
    assert "Jonas Wirth" in str(explanation)


def test_corpus_surname_is_told_apart_by_who_else_the_article_names(store: Store) -> None:
    first = Article("Anna Reker met Ilse Varga in Varena.", "2025-01-01")
    first.entity("Anna Reker")
    first.entity("Ilse Varga")
    second = Article("Tomas Reker spoke to Dana Levi.", "2025-01-02")
    second.entity("Tomas Reker")
    second.entity("Dana Levi")
    third = Article("Reker and Varga disagreed again.", "2025-01-03")
    third.entity("Reker")
    third.entity("Varga")
    fourth = Article("Reker was not available.", "2025-01-04")
    fourth.entity("Reker")
    fill(store, first, second, third, fourth)
    corpus = Corpus(store)
    assert corpus.entity_ids("Ilse Varga") == ["person:ilse-varga"]
    reasons = {(r.how, r.examples[0]): r for r in corpus.explain("Anna Reker").reasons}
    context = reasons[("surname-context", third.id)]
    assert "Ilse Varga" in context.detail
    # nothing tells which Reker the fourth article means: it stays apart, and says why
    (alone,) = [r for r in corpus.explain("person:reker").reasons]
    assert alone.how == "surname-ambiguous"
    assert "Anna Reker" in alone.detail and "Tomas Reker" in alone.detail


def test_corpus_surname_seen_before_the_full_name_is_merged_when_it_arrives(store: Store) -> None:
    early = Article("Varga spoke first.", "2025-01-01")
    early.entity("Varga")
    store.add(early.record)
    corpus = Corpus(store)
    assert corpus.entity_ids("Varga") == ["person:varga"]
    late = Article("Ilse Varga spoke later.", "2025-01-02")
    late.entity("Ilse Varga")
    store.add(late.record)
    assert corpus.update() == 1
    assert corpus.entity_ids("Varga") == ["person:ilse-varga"]
    assert corpus.actors("Varga")[0].articles == 2
    assert corpus.actors(limit=None) == corpus.actors(limit=10)  # the stand-in entity is gone


def test_corpus_name_keys_fold_titles_initials_accents_nicknames_and_acronyms() -> None:
    assert merge.entity_key("Donald J. Trump", "PERSON").id == merge.entity_key("donald trump", "PERSON").id
    assert merge.entity_key("Pat Carlineo", "PERSON").key == "patrick carlineo"
    assert merge.entity_key("José Pérez", "PERSON").key == "jose perez"
    assert merge.entity_key("Levi's", "PERSON").key == "levi"
    assert merge.entity_key("The National Renewal Party", "ORG").key == "national renewal party"
    assert merge.entity_key("National Aeronautics and Space Administration", "ORG", ["NASA"]).key == "nasa"
    assert merge.entity_key("Kordania", "GPE").id == merge.entity_key("Kordania", "ORG").id == "entity:kordania"


def test_corpus_alias_file_merges_and_splits_and_is_kept_in_the_store(store: Store, tmp_path: Path) -> None:
    story(store).close()
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text(
        "merge:\n  - name: Varena\n    aliases: [Varena port]\n"
        f"split:\n  - name: Tenby\n    articles: [{courier().id}]\n    as: Maria Tenby\n"
    )
    corpus = Corpus(store, aliases=aliases)
    assert corpus.actors("Mara Tenby")[0].articles == 2
    (maria,) = corpus.actors("Maria Tenby")
    assert maria.articles == 1
    (reason,) = corpus.explain("Maria Tenby").reasons
    assert reason.how == "alias-file" and "Maria Tenby" in reason.detail
    # the courier's quote now belongs to Maria Tenby
    assert [q.speaker for q in corpus.quotes(by="Maria Tenby")] == ["Maria Tenby"]
    corpus.close()
    assert Corpus(store).actors("Maria Tenby")  # the rules stay in force without --aliases
    # an empty rule set undoes the split
    restored = Corpus(store, aliases=AliasRules())
    assert restored.actors("Mara Tenby")[0].articles == 3
    with pytest.raises(UnknownEntityError, match="Maria Tenby"):
        restored.actors("Maria Tenby")


def test_corpus_alias_file_json_and_errors(tmp_path: Path) -> None:
    rules = AliasRules.parse('{"merge": [{"name": "Tomas Reker", "aliases": ["Tom Reker"]}], "split": [{"name": "Jordan"}]}')
    assert rules.merge == {"tomas reker": "Tomas Reker", "tom reker": "Tomas Reker"}
    assert merge.entity_key("Jordan", "PERSON", rules=rules).how == "alias-file"
    assert AliasRules.parse(rules.to_json()) == rules
    with pytest.raises(merge.AliasFileError, match="needs a 'name'"):
        AliasRules.parse('{"merge": [{"aliases": ["x"]}]}')
    with pytest.raises(merge.AliasFileError, match="'merge' and/or 'split'"):
        AliasRules.parse("- just a list")
    with pytest.raises(merge.AliasFileError, match="cannot read"):
        AliasRules.load(tmp_path / "missing.yaml")


# --- quotes --------------------------------------------------------------------------------------------------


def test_corpus_quote_carried_by_several_outlets_is_one_quote_with_its_sources(store: Store) -> None:
    corpus = story(store)
    quotes = corpus.quotes(by="Tenby")
    assert len(quotes) == 1
    (quote,) = quotes
    assert quote.speaker == "Mara Tenby"
    assert [s.outlet for s in quote.sources] == ["Gazette", "Courier", "Herald"]
    for source in quote.sources:
        text = store.get(source.article_id).document.text
        assert "cannot run" in text[source.start : source.end] or "accept" in text[source.start : source.end]
    assert corpus.actors("Tenby")[0].quotes == 1


def test_corpus_same_words_by_another_speaker_are_another_quote(store: Store) -> None:
    a = Article('"We will not accept this offer," said Tenby.', "2025-02-03")
    a.entity("Tenby")
    a.quote("We will not accept this offer,", "Tenby")
    b = Article('"We will not accept this offer," said Wirth.', "2025-02-03")
    b.entity("Wirth")
    b.quote("We will not accept this offer,", "Wirth")
    fill(store, a, b)
    assert len(Corpus(store).quotes()) == 2


def test_corpus_quotes_filter_by_dates_and_words(store: Store) -> None:
    corpus = story(store)
    assert corpus.quotes(since="2025-02-04") == []
    assert len(corpus.quotes(until="2025-02-03")) == 1
    assert len(corpus.quotes(about="offer")) == 1
    assert corpus.quotes(about="ferry") == []
    assert corpus.quotes(by="Tenby", about="") == []
    with pytest.raises(UnknownEntityError, match="no one in the corpus goes by 'Nobody'"):
        corpus.quotes(by="Nobody")


def test_corpus_sentence_keys_fold_typography() -> None:
    assert merge.sentence_keys("We will not accept this offer.") == merge.sentence_keys("\u201cWe will NOT accept this offer,\u201d")
    assert len(merge.sentence_keys("We will not accept this offer. The port cannot run without us.")) == 2
    assert merge.sentence_keys("No.") == merge.sentence_keys("no")


# --- near-duplicates -----------------------------------------------------------------------------------------

WIRE = (
    "VARENA (Northgate Wire) - Dockworkers at the port of Varena walked out on Monday after talks over pay broke "
    "down, leaving dozens of ships at anchor. Union leader Mara Tenby said the strike would last until the company "
    "improved its offer. The company said it regretted the walkout and remained open to talks. Exporters warned "
    "that every day of the strike would cost them millions, and the government urged both sides to return to the "
    "table by Friday."
)


def test_corpus_near_duplicate_is_linked_to_the_earliest_original_and_not_counted_twice(store: Store) -> None:
    copy = WIRE.replace("dozens of ships", "about 40 ships") + " Reporting by the Northgate desk."
    first = Article(WIRE, "2025-02-03")
    first.entity("Mara Tenby")
    first.quote("the strike would last until the company improved its offer", "Mara Tenby")
    second = Article(copy, "2025-02-04")
    second.entity("Mara Tenby")
    second.quote("the strike would last until the company improved its offer", "Mara Tenby")
    store.add(second.record, outlet="Reprint")  # ingested first, published later
    store.add(first.record, outlet="Wire")
    corpus = Corpus(store)
    assert corpus.duplicates() == [(second.id, first.id, pytest.approx(dedup.similarity(dedup.signature(WIRE), dedup.signature(copy))))]
    assert corpus.original(second.id) == first.id
    (tenby,) = corpus.actors("Tenby")
    assert (tenby.articles, tenby.mentions) == (1, 1)
    (quote,) = corpus.quotes()
    assert [(s.outlet, s.copy_of) for s in quote.sources] == [("Wire", None), ("Reprint", first.id)]
    assert quote.copies == 1


def test_corpus_dedup_tells_rewrites_from_other_stories() -> None:
    a = dedup.signature(WIRE)
    assert dedup.is_near_duplicate(a, dedup.signature(WIRE.replace("Monday", "Tuesday")))
    assert not dedup.is_near_duplicate(a, dedup.signature(OTHER * 3))
    assert dedup.from_bytes(dedup.to_bytes(a)).tolist() == a.tolist()
    assert len(dedup.bands(a)) == dedup.BANDS


# --- events --------------------------------------------------------------------------------------------------


def test_corpus_event_reported_by_several_articles_is_one_with_its_date_reconciled(store: Store) -> None:
    corpus = story(store)
    (event,) = corpus.timeline(actor="Tenby")
    assert event.type == "protest"
    assert len(event.sources) == 3
    assert event.date == "2025-02-03"
    assert event.date_conflict  # the Herald says the 2nd
    assert {(d.value, d.sources, d.agrees) for d in event.dates} == {("2025-02-03", 2, True), ("2025-02-02", 1, False)}
    assert 0 < event.date_confidence < 0.75
    assert [p.name for p in event.participants] == ["Mara Tenby"]


def test_corpus_reconciled_dates_gain_confidence_when_sources_agree() -> None:
    one = merge.reconcile_dates([merge.StatedDate("2025-02-03", "expression", "a")])
    two = merge.reconcile_dates([merge.StatedDate("2025-02-03", "expression", "a"), merge.StatedDate("2025-02", "expression", "b")])
    split = merge.reconcile_dates([merge.StatedDate("2025-02-03", "expression", "a"), merge.StatedDate("2025-03-09", "expression", "b")])
    assert one[1] < two[1] and not two[2]
    assert split[2] and split[1] < one[1]
    assert merge.reconcile_dates([merge.StatedDate("2025-02-03", "publication", "a")])[1] < one[1]


def test_corpus_events_do_not_chain_past_a_month(store: Store) -> None:
    # A statement every five days overlaps the one before (undated: the days up to publication), but ten of
    # them are not one event: an event's dates span a month at most.
    start = dt.date(2025, 1, 1)
    for i in range(10):
        article = Article(f"Day {i}: Mara Tenby spoke to reporters again.", (start + dt.timedelta(days=4 * i)).isoformat())
        article.entity("Mara Tenby")
        store.add(article.event("spoke", "statement", ("Mara Tenby",)).record)
    events = Corpus(store).timeline(actor="Mara Tenby", limit=None)
    assert 1 < len(events) < 10
    for event in events:
        days = sorted(dt.date.fromisoformat(s.published or "") for s in event.sources)
        assert (days[-1] - days[0]).days <= 31


def test_corpus_events_far_apart_in_time_stay_apart(store: Store) -> None:
    a = Article("Tenby led a walkout.", "2025-02-03")
    a.entity("Tenby")
    a.event("walkout", "protest", ("Tenby",), "2025-02-03")
    b = Article("Tenby led another walkout.", "2025-06-03")
    b.entity("Tenby")
    b.event("walkout", "protest", ("Tenby",), "2025-06-01")
    fill(store, a, b)
    assert [e.date for e in Corpus(store).timeline()] == ["2025-02-03", "2025-06-01"]


def test_corpus_timeline_about_reads_the_articles(store: Store) -> None:
    corpus = story(store)
    assert len(corpus.timeline(about="strike")) == 1
    assert corpus.timeline(about="ferry") == []


# --- figures -------------------------------------------------------------------------------------------------


def test_corpus_figures_about_the_same_thing_are_grouped_and_conflicts_flagged(store: Store) -> None:
    corpus = story(store)
    rows = corpus.figures(about="workers")
    assert len({r.group for r in rows}) == 3  # "walked out", "at the walkout", "stayed out" count different things
    walked = corpus.figures(about="workers walked out")
    assert [r.text for r in walked] == ["More than 12,000 workers"]
    a = Article("Police counted 9,500 workers who walked out.", "2025-02-04")
    a.figure("9,500 workers", 9500, "workers who walked out", "Police")
    store.add(a.record, outlet="Daily")
    corpus.update()
    clash = corpus.figures(about="walked out", conflicts=True)
    assert [(r.text, r.said_by, r.published, r.conflict) for r in clash] == [
        ("More than 12,000 workers", "the union", "2025-02-03", True),
        ("9,500 workers", "Police", "2025-02-04", True),
    ]
    assert corpus.figures(about="stayed out", conflicts=True) == []


def test_corpus_figure_ranges_agree_when_they_overlap() -> None:
    about = merge.interval(12000, None, "about")
    assert merge.agree(about, merge.interval(11500, None, "exact"))
    assert not merge.agree(merge.interval(12000, None, "more_than"), merge.interval(9500, None, "exact"))
    assert merge.agree(merge.interval(10, 20, "range"), merge.interval(15, None, "exact"))
    assert merge.conflicts([("a", (1.0, 1.0)), ("a", (5.0, 5.0)), ("b", (1.0, 1.0))]) == [(1, 2)]


def test_corpus_figure_groups_do_not_grow_past_a_month(store: Store) -> None:
    # The same thing counted every week chains from one week to the next; a group stops at a month's span.
    start = dt.date(2025, 1, 1)
    weeks = []
    for i in range(10):
        week = Article(f"Week {i}: 500 people were arrested, the police said.", (start + dt.timedelta(days=7 * i)).isoformat())
        week.entity("police", "ORG")
        weeks.append(week.figure("500 people", 500, "people arrested", "police"))
    fill(store, *weeks)
    rows = Corpus(store).figures(about="people arrested", limit=None)
    assert len(rows) == 10
    groups: dict[str, list[str]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row.published or "")
    assert len(groups) > 1
    for dates in groups.values():
        assert (dt.date.fromisoformat(max(dates)) - dt.date.fromisoformat(min(dates))).days <= 31


def test_corpus_has_conflict_agrees_with_the_pairwise_conflicts() -> None:
    # has_conflict compares distinct ranges only (a large group's figures repeat a few values): it must say
    # exactly what comparing every pair says, negative "about" figures (which disagree with themselves) included.
    import random

    rng = random.Random(6)
    kinds = ("exact", "about", "nearly", "more_than", "less_than", "range")
    for _ in range(2000):
        figures = [
            (rng.choice("abc"), merge.interval(rng.choice([-10.0, 0.0, 9.0, 10.0, 12.0, 100.0]), rng.choice([None, 11.0]), rng.choice(kinds)))
            for _ in range(rng.randint(0, 6))
        ]
        assert merge.has_conflict(figures) == bool(merge.conflicts(figures)), figures


# --- stances and the network ---------------------------------------------------------------------------------


def test_corpus_stances_on_an_issue_name_the_merged_actor(store: Store) -> None:
    corpus = story(store)
    rows = corpus.stances(issue="strike")
    assert [(r.actor, r.polarity, r.kind) for r in rows] == [
        ("Jonas Wirth", "oppose", "stance"),
        ("Mara Tenby", "press", "press"),
        ("Jonas Wirth", "oppose", "stance"),
        ("Jonas Wirth", "oppose", "stance"),
    ]
    text = store.get(rows[0].article_id).document.text
    assert text[rows[0].start : rows[0].end] == "Harbour chief Jonas Wirth opposes the strike."
    assert corpus.stances(issue="stri") == rows
    assert corpus.stances(issue="ferry") == []


def test_corpus_network_weighs_edges_by_articles(store: Store) -> None:
    corpus = story(store)
    network = corpus.network()
    edges = {(e.source, e.target, e.relation): e for e in network.edges}
    assert edges[("person:jonas-wirth", "issue:strike", "oppose")].weight == 3
    press = edges[("person:mara-tenby", "person:jonas-wirth", "press")]
    assert press.weight == 1 and press.evidence[0].article_id == gazette().id
    nodes = {n.id: n for n in network.nodes}
    assert nodes["issue:strike"].kind == "issue"
    assert nodes["person:jonas-wirth"].label == "Jonas Wirth"
    assert corpus.network(min_weight=2).edges == (edges[("person:jonas-wirth", "issue:strike", "oppose")],)


def test_corpus_network_in_a_date_window_weighs_again_over_that_window(store: Store) -> None:
    corpus = story(store)
    opposed = ("person:jonas-wirth", "issue:strike", "oppose")
    day_one = corpus.network(since="2025-02-03", until="2025-02-03")
    edges = {(e.source, e.target, e.relation): e for e in day_one.edges}
    assert edges[opposed].weight == 2 and day_one.total == len(day_one.edges) == 2
    assert {s.published for s in edges[opposed].evidence} == {"2025-02-03"}
    day_two = corpus.network(since="2025-02-04")
    assert [(e.source, e.target, e.relation, e.weight) for e in day_two.edges] == [(*opposed, 1)]
    assert corpus.network(issue="strike", until="2025-02-03").total == 1  # the pressure is not about the issue itself
    assert corpus.count_edges(since="2025-02-04") == 1 and corpus.count_edges() == corpus.network().total == 2
    assert corpus.network(since="2026-01-01").edges == ()


def test_corpus_network_until_a_month_or_year_takes_in_all_of_it(store: Store) -> None:
    corpus = story(store)
    assert corpus.count_edges(until="2025-02") == corpus.count_edges(until="2025") == corpus.count_edges(until="2025-02-28") == 2
    assert corpus.count_edges(until="2025-01") == 0 and len(corpus.quotes(until="2025-02")) == 1


# --- what the web pages read: pages, counts, filters -----------------------------------------------------------


def test_corpus_lists_page_with_offset_and_count_what_they_would_list(store: Store) -> None:
    corpus = story(store)
    quotes = corpus.quotes(limit=None)
    assert corpus.quotes(limit=1, offset=0) == quotes[:1] and corpus.quotes(offset=len(quotes)) == []
    assert corpus.count_quotes() == len(quotes) and corpus.count_quotes(by="Tenby", about="port") == 1
    assert corpus.count_quotes(about="ferry") == 0
    events = corpus.timeline(limit=None)
    assert corpus.count_events() == len(events) and corpus.timeline(offset=len(events)) == []
    actors = corpus.actors(limit=None)
    assert corpus.actors(limit=2, offset=1) == actors[1:3]
    assert corpus.event_types() == ["protest"] and corpus.outlets() == ["Courier", "Ferry News", "Gazette", "Herald"]
    assert corpus.issues() == ["strike"]
    by_quotes = corpus.actors(by="quotes", limit=1)
    assert by_quotes[0].name == "Mara Tenby"
    with pytest.raises(ValueError, match="mentions or quotes"):
        corpus.actors(by="age")


@pytest.mark.parametrize("words", ["port", "strike", "cannot run", "ferry", "Tenby"])
def test_corpus_full_text_filters_walk_in_order_when_they_match_much_and_agree(
    store: Store, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.corpus as corpus_module

    corpus = story(store)
    few = (corpus.quotes(about=words), corpus.timeline(about=words), corpus.quotes(by="Tenby", about=words))
    monkeypatch.setattr(corpus_module, "MANY_MATCHES", 1)  # every match counts as many: the other plan
    assert (corpus.quotes(about=words), corpus.timeline(about=words), corpus.quotes(by="Tenby", about=words)) == few
    assert corpus.count_events(about=words) == len(corpus.timeline(about=words, limit=None))


def test_corpus_timeline_filters_by_type_outlet_and_dates(store: Store) -> None:
    corpus = story(store)
    (event,) = corpus.timeline()
    assert corpus.timeline(type="protest") == [event] and corpus.timeline(type="meet") == []
    assert corpus.timeline(outlet="Herald") == [event] and corpus.timeline(outlet="Ferry News") == []
    assert corpus.timeline(since="2025-02-01", until="2025-02-28") == [event]
    assert corpus.timeline(since="2025-02") == [event] and corpus.timeline(until="2025-01-31") == []
    assert corpus.count_events(outlet="Ferry News") == 0
    (capped,) = corpus.timeline(sources_per_event=1)
    assert len(capped.sources) == 1 and capped.source_count == len(event.sources) == 3
    assert capped.sources[0] == event.sources[0]
    assert all(len(d.articles) <= 1 for d in capped.dates)


def test_corpus_stances_of_one_actor_and_pressures_on_one(store: Store) -> None:
    corpus = story(store)
    assert {(r.actor, r.kind) for r in corpus.stances(actor="Wirth")} == {("Jonas Wirth", "stance")}
    assert [(r.actor, r.target) for r in corpus.stances(target="Jonas Wirth")] == [("Mara Tenby", "Wirth")]
    assert corpus.stances(actor="Tenby", target="Wirth")[0].kind == "press"
    assert len(corpus.stances(actor="Wirth", limit=1, offset=1)) == 1


def test_corpus_figures_cap_a_big_group_keeping_every_value_most_given_first(store: Store) -> None:
    # One thing counted by many articles: 6 say 500, 3 say 900, 1 says 2,000; a cap of 4 shows each value's
    # first source (most given value first, then the oldest of the rest) and says how big the group is.
    start = dt.date(2025, 1, 1)
    articles = []
    for i, value in enumerate([500, 500, 900, 500, 2000, 500, 900, 500, 900, 500]):
        a = Article(f"Day {i}: {value:,} people were arrested, the police said.", (start + dt.timedelta(days=i)).isoformat())
        a.entity("police", "ORG")
        articles.append(a.figure(f"{value:,} people", value, "people arrested", "police"))
    fill(store, *articles)
    corpus = Corpus(store)
    everything = corpus.figures(about="people arrested", per_group=None)
    assert len(everything) == 10 and {r.group_size for r in everything} == {10}
    capped = corpus.figures(about="people arrested", per_group=4)
    assert len(capped) == 4 and {r.value for r in capped} == {500, 900, 2000}
    assert [r.published for r in capped] == sorted(r.published or "" for r in capped)  # shown oldest first
    assert {r.published for r in capped if r.value == 500} == {"2025-01-01", "2025-01-02"}
    assert corpus.count_figure_groups(about="people arrested") == 1 == corpus.count_figure_groups(conflicts=True)
    assert corpus.figures(about="people arrested", offset=1) == []


def test_corpus_capped_sources_and_figures_are_the_same_on_both_databases(store: Store) -> None:
    # Same-day figures tie on the date: the cap's two rounds (first of each value, then the rest) must agree
    # on the order on both databases, or a figure is picked twice and the group comes back short.
    articles = []
    for i in range(200):
        a = Article(f"Report {i}: {300 + 100 * (i % 2)} people were arrested, the police said.", "2025-01-05")
        articles.append(a.figure(f"{300 + 100 * (i % 2)} people", 300 + 100 * (i % 2), "people arrested", "police"))
    fill(store, *articles)
    corpus = Corpus(store)
    for cap in (1, 3, 5, 10, 20):
        rows = corpus.figures(about="people arrested", per_group=cap)
        assert len(rows) == cap and len({r.article_id for r in rows}) == cap
        assert cap == 1 or {r.value for r in rows} == {300, 400}  # each value's first source before the rest


def test_corpus_events_order_byte_by_byte_on_postgresql(store: Store) -> None:
    if store.dialect != "postgres":
        pytest.skip("SQLite compares text byte by byte already")
    rows = store.query(
        "SELECT collation_name FROM information_schema.columns WHERE table_name = 'corpus_events' AND column_name = 'sort_key'"
    )
    assert rows == [("C",)]


def test_corpus_figures_said_by_one_actor(store: Store) -> None:
    a = Article("About 40 ferries were cancelled, Hana Brenn said, and 3 ports closed, the agency said.", "2025-03-02")
    a.entity("Hana Brenn")
    a.figure("About 40 ferries", 40, "ferries cancelled", "Hana Brenn", "about").figure("3 ports", 3, "ports closed", "the agency")
    fill(store, a, other())
    corpus = Corpus(store)
    (row,) = corpus.figures(said_by="Brenn")
    assert (row.text, row.said_by_id) == ("About 40 ferries", "person:hana-brenn")
    assert corpus.count_figure_groups(said_by="Hana Brenn") == 1 and len(corpus.figures()) == 2
    with pytest.raises(UnknownEntityError):
        corpus.figures(said_by="Nobody Anyone")


def test_corpus_snippets_read_spans_without_the_records(store: Store) -> None:
    corpus = story(store)
    ids = fill(store)  # nothing new
    assert ids == {}
    rows = corpus.stances(limit=None)
    spans = [(r.article_id, r.start, r.end) for r in rows] + [("no-such-article", 0, 4)]
    texts = corpus.snippets(spans)
    for r in rows:
        assert texts[(r.article_id, r.start, r.end)] == store.get(r.article_id).document.text[r.start : r.end]
    assert ("no-such-article", 0, 4) not in texts


# --- search, updates -----------------------------------------------------------------------------------------


def test_corpus_search_rows_carry_article_metadata(store: Store) -> None:
    corpus = story(store)
    hits = corpus.search("ferry")
    assert [(h.kind, h.outlet, h.published) for h in hits] == [("article", "Ferry News", "2025-03-01")]


def test_corpus_updates_incrementally_to_what_a_rebuild_gives(store: Store) -> None:
    store.add(gazette().record)
    corpus = Corpus(store)
    for article in (herald(), courier(), other()):
        store.add(article.record)
        assert corpus.pending() == 1
        corpus.update()
    asked = (corpus.actors(limit=None), corpus.quotes(limit=None), corpus.timeline(limit=None),
             corpus.figures(limit=None), corpus.stances(limit=None), corpus.network())  # fmt: skip
    corpus.rebuild()
    assert asked == (corpus.actors(limit=None), corpus.quotes(limit=None), corpus.timeline(limit=None),
                     corpus.figures(limit=None), corpus.stances(limit=None), corpus.network())  # fmt: skip
    assert corpus.update() == 0


def test_corpus_entity_totals_kept_across_updates_equal_a_rebuild(store: Store) -> None:
    # Many small updates add each batch's mentions to the entities' running totals (names, aliases, roles with
    # dates, counts, first mention), and reprints arrive as copies: the summaries must equal a rebuild's.
    # (Full names only: which person a lone surname is depends on who the corpus knew when it arrived.)
    import random

    rng = random.Random(7)
    people = [("Mara Tenby", "union leader"), ("Jonas Wirth", "harbour chief"), ("Ilse Tenby", "mayor"),
              ("Karl Wirth", "minister"), ("Hana Brenn", "operator")]  # fmt: skip
    texts: list[Article] = []
    for i in range(30):
        day = (dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(60))).isoformat()
        if texts and rng.random() < 0.2:
            source = rng.choice(texts)
            copy = Article(source.text + " (Reprinted.)", day)
            for entity in source.record.entities:
                copy.entity(entity.name, entity.type, aliases=tuple(entity.aliases), roles=tuple(entity.roles))
            texts.append(copy)
            continue
        chosen = rng.sample(people, 2)
        a = Article(" ".join(f"{rng.choice(['', role.title() + ' '])}{name} spoke on day {i}; {name.split()[1]} left."
                             for name, role in chosen), day if rng.random() < 0.9 else None)  # fmt: skip
        for name, role in chosen:
            a.entity(name, aliases=(name.split()[1],), roles=(rng.choice([role, role.title()]),) if rng.random() < 0.7 else ())
        texts.append(a)
    corpus = Corpus(store)
    for start in range(0, len(texts), 4):
        for article in texts[start : start + 4]:
            store.add(article.record)
        corpus.update()
    incremental = corpus.actors(limit=None)
    corpus.rebuild()
    assert incremental == corpus.actors(limit=None)
    assert any(corpus.duplicates()) and sum(len(a.roles) for a in incremental) >= 5


def test_corpus_rows_flatten_for_csv(store: Store) -> None:
    corpus = story(store)
    row = flat(corpus.quotes()[0])
    assert isinstance(row["sources"], str) and json.loads(row["sources"])[0]["outlet"] == "Gazette"
    assert all(not isinstance(v, (list, tuple, dict)) for v in row.values())
