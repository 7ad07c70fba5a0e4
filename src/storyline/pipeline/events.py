"""What happened: event mentions with a type, who took part, where, when, and whether it
happened at all — read off the dependency parse, grounded in the text.

An event is triggered by a verb ("met", "released", "walked out") or an event noun ("talks",
"ceasefire", "arrest warrant"); its type comes from the small ontology in ``docs/events.md``
(:data:`EVENT_TYPES`), one lexicon of lemmas per type. Reporting verbs are not events (quotes
are their stage): "announced sanctions" is a *sanction*, announced.

A noun trigger borrows a clause from the verb that carries it: a support verb ("*held* talks",
"*imposed* sanctions", "*signed* an agreement") lends its subject, its tense and its dates; an
occurrence verb ("the talks *collapsed*", "the exchange *will take place*") lends its tense and
its dates. From the trigger and that verb come

* participants with roles: agent (the subject), counterpart ("met with X", "talks with X"),
  target (the object of an attack, a sanction, an accusation), participant ("talks between X and Y");
* the location (a place in an "in"/"at" phrase);
* the date: an attached time expression, else the publication date for present-tense news;
* the status: negated > hypothetical > planned > happened, and *reported* when the event sits in
  someone's quoted or indirect speech (``reported_by`` is that speaker).

Two mentions of one real-world event become one event with two mentions (:func:`merge_mentions`).

For "Russia and Ukraine agreed on Monday to exchange prisoners in Istanbul. The exchange will take
place in three stages." the stage gives an ``agree`` event (agents Russia and Ukraine, dated by
"Monday", happened) and a ``release`` event (the same agents, target "prisoners", location
Istanbul, planned, no date of its own) with two mentions::

    doc = nlp(text)  # the pipeline with the entity, quote and time stages
    events = find_events(doc, doc._.entities, doc._.token_entity, doc._.quotes,
                         doc._.time_expressions, "2025-02-03")
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy
from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from storyline import model
from storyline.pipeline.lexicon import ANONYMOUS_SOURCE_NOUNS, COGNITION_VERBS, SPEECH_VERBS, TITLE_NOUNS
from storyline.pipeline.quotes import Resolver
from storyline.pipeline.text import text_of
from storyline.pipeline.timex import published_date

# --- the ontology ----------------------------------------------------------------------------------

EVENT_TYPES: dict[str, str] = {
    "meet": "meet or consult: meetings, summits, calls, hosting a visitor",
    "travel": "travel: visits, trips, arrivals",
    "negotiate": "negotiate: talks, negotiations, mediation",
    "agree": "agree or sign: agreements, deals, treaties, ceasefires, signing, ratifying",
    "release": "release or exchange: freeing hostages or prisoners, prisoner exchanges",
    "attack": "attack or fight: strikes, shelling, raids, clashes, killings",
    "protest": "protest or strike: demonstrations, labour strikes, walkouts, boycotts",
    "sanction": "sanction: sanctions, embargoes, tariffs, asset freezes, expulsions",
    "accuse": "accuse or legal action: accusations, criticism, arrests, charges, trials, warrants, investigations",
    "demand": "demand: demanding, urging, calling for, ultimatums",
    "threaten": "threaten: threats to act",
    "statement": "statement: announcements, declarations, speeches, press conferences, apologies",
    "vote": "vote or elect: votes, elections, referendums, vetoes",
    "appoint": "appoint or resign: appointments, nominations, dismissals, resignations, taking office",
    "aid": "aid: humanitarian, military or financial aid, donations, bailouts",
}

Rule = str | Callable[[Token, "Article"], "str | None"]

# Roles a participant can play.
AGENT, COUNTERPART, TARGET, PARTICIPANT = "agent", "counterpart", "target", "participant"

SYMMETRIC = frozenset({"meet", "negotiate", "agree"})  # "X met Y" and "Y met X" are the same meeting
TARGETED = frozenset({"attack", "sanction", "accuse", "release", "appoint", "demand", "threaten", "vote"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
NOT_ACTORS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
# Tokens inside these names are not triggers: "the Dockworkers' Union", "the Paris Agreement".
# "Election Day" is a date, "the Paris Agreement" a name.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "LAW", "WORK_OF_ART", "PRODUCT", "DATE", "TIME"})

CAPTIVES = frozenset(
    """
    hostage prisoner detainee captive inmate pow soldier journalist reporter activist dissident fighter
    militant crew sailor student worker
    national citizen civilian man woman child person people body remains opponent
    """.split()
)
LABOUR = frozenset("union worker wage pay employer picket walkout dockworker labour labor salary staff".split())
MILITARY_MODS = frozenset(
    """
    air drone missile rocket military artillery aerial retaliatory precision preemptive pre-emptive
    nuclear israeli russian ukrainian american u.s. us iranian deadly lethal overnight targeted naval
    """.split()
)
LABOUR_MODS = frozenset(
    """
    general hunger labor labour union worker workers national nationwide rail transport teacher teachers
    doctor doctors nurse nurses dockworker dockworkers port postal wildcat day-long week-long indefinite
    """.split()
)
# Common nouns that name someone who can act: "the opposition demanded", "police arrested".
PEOPLE = ANONYMOUS_SOURCE_NOUNS | frozenset(
    """
    delegation team leader official government minister president envoy troop force army soldier
    people group crowd pilgrim tourist refugee migrant fan player family couple opposition party
    union police parliament congress senate court ministry committee council board company firm
    agency administration authority regime rebel militant protester demonstrator worker farmer
    student resident voter citizen lawmaker legislator coalition alliance bloc country nation state
    side camp faction movement organization organisation association federation league prosecutor
    investigator regulator bank commission cabinet junta militia insurgent fighter man woman child
    navy guard partner member employee staff teacher doctor nurse driver dockworker official
    """.split()
)
WEAPONS = frozenset("missile rocket shell shot round drone weapon gun bullet mortar artillery salvo".split())
POSTS = frozenset("post job position government coalition cabinet office party role seat presidency".split())
MET_THINGS = frozenset(
    """
    expectation deadline demand target need requirement standard criterion criteria goal obligation
    condition cost threshold end fate payroll quota challenge estimate forecast commitment
    """.split()
)
ABSTRACT = frozenset(
    """
    policy plan decision proposal bill idea remark comment statement claim law ruling budget deal
    agreement approach strategy record handling reform measure move report
    """.split()
)
FOUGHT_THINGS = frozenset(
    """
    inflation corruption crime poverty climate change disease virus fire cancer misinformation fraud
    ban ruling case charge allegation claim law order decision bill election result
    """.split()
)
PUBLIC_ADDRESS_MODS = frozenset("televised national annual inaugural public keynote radio video farewell".split())


def _captive(token: Token, article: Article) -> bool:
    """Someone who can be held and freed: 'hostages', 'prisoners', or a person named in an
    article about captivity (not 'the MacBook Pro' of a product release)."""
    if token.lemma_.lower() in CAPTIVES:
        return True
    person = token.ent_type_ in ("PERSON", "NORP") or article.entity_type(token) == "PERSON" or token.lower_ in ("him", "her", "them")
    return person and article.captive_context


def _objects(token: Token) -> list[Token]:
    """What a verb acts on: its direct object, or its passive subject."""
    return [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]


def _prep_objects(token: Token, *preps: str) -> list[Token]:
    return [g for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in preps for g in c.children if g.dep_ == "pobj"]


def _modifiers(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")}


def _particle(token: Token) -> str | None:
    return next((c.lower_ for c in token.children if c.dep_ in ("prt", "advmod") and c.i == token.i + 1), None)


# -- rules for words with more than one sense ------------------------------------------------------


def _strike(token: Token, article: Article) -> str | None:
    mods = _modifiers(token)
    if mods & LABOUR_MODS or token.dep_ == "pobj" and token.head.lower_ == "on":  # "go on strike"
        return "protest"
    if mods & MILITARY_MODS or token.lower_ == "airstrikes":
        return "attack"
    if token.pos_ == "VERB":
        objects = [o.lemma_.lower() for o in _objects(token)]
        if any(o in ("deal", "agreement", "balance", "tone", "chord", "note", "pose", "bargain", "compromise") for o in objects):
            return None
        return "protest" if not objects and article.labour_context else "attack"
    if _prep_objects(token, "on", "against"):
        return "attack"
    agents = _prep_objects(token, "by") + [c for c in token.children if c.dep_ == "poss"]
    if any(a.lemma_.lower() in LABOUR or a.lower_.rstrip("'s’") in LABOUR_MODS for a in agents):
        return "protest"
    if any(a.ent_type_ in ("NORP", "GPE") for a in agents):
        return "attack"
    return "protest" if article.labour_context else "attack"


def _release(token: Token, article: Article) -> str | None:
    if token.pos_ == "VERB":
        objects = _objects(token)
        return "release" if objects and all(_captive(o, article) for o in objects) else None
    if _modifiers(token) & {"press", "news", "film", "album", "data", "product"}:
        return None
    released = _prep_objects(token, "of") + [c for c in token.children if c.dep_ in ("compound", "poss")]
    if not released:
        return "release" if article.captive_context and token.lower_ == "release" else None  # "before the first release"
    return "release" if any(_captive(t, article) for t in released) else None


def _exchange(token: Token, article: Article) -> str | None:
    if token.pos_ == "VERB":
        objects = _objects(token)
        if any(o.lemma_.lower() == "fire" for o in objects):
            return "attack"
        return "release" if objects and all(_captive(o, article) for o in objects) else None
    things = _prep_objects(token, "of") + [c for c in token.children if c.dep_ in ("compound", "amod")]
    if any(t.lemma_.lower() == "fire" for t in things):
        return "attack"
    if things:
        return "release" if any(_captive(t, article) for t in things) else None
    return "release" if article.captive_context else None  # "the exchange will take place ..."


def _free(token: Token, article: Article) -> str | None:
    objects = _objects(token)
    return "release" if token.pos_ == "VERB" and objects and all(_captive(o, article) for o in objects) else None


def _fire(token: Token, article: Article) -> str | None:
    if token.pos_ == "NOUN":
        prev = token.doc[token.i - 2] if token.i >= 2 else None
        if prev is not None and prev.lower_ == "cease":  # "cease-fire"
            return "agree"
        return None
    objects = _objects(token)
    if any(o.ent_type_ == "PERSON" or article.entity_type(o) == "PERSON" for o in objects):
        return "appoint"  # "fired the minister"
    if any(o.lemma_.lower() in WEAPONS for o in objects) or _prep_objects(token, "at", "on"):
        return "attack"
    return None


def _meet(token: Token, article: Article) -> str | None:
    return None if any(o.lemma_.lower() in MET_THINGS for o in _objects(token)) else "meet"


def _host(token: Token, article: Article) -> str | None:
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return "meet" if any(o.ent_type_ in ("PERSON", "ORG", "NORP") or article.entity_type(o) in ("PERSON", "ORG") for o in objects) else None


def _agree(token: Token, article: Article) -> str | None:
    # "agreed that ..." is an opinion (and a quote); "agreed to/on X", "agreed a deal" are agreements
    if any(c.dep_ == "ccomp" for c in token.children):
        return None
    if any(c.dep_ in ("xcomp", "dobj") for c in token.children) or _prep_objects(token, "to", "on", "upon"):
        return "agree"
    return None


def _deal(token: Token, article: Article) -> str | None:
    if _modifiers(token) & SALE_DEAL_MODS:
        return None  # "a big deal", "a great deal of", "the best Black Friday deals"
    return "agree"


SALE_DEAL_MODS = frozenset(
    """
    big great good huge whole real raw square better bigger lot best top hot daily early cheap exclusive
    bundle friday monday holiday price shopping sale discount
    """.split()
)


def _sign(token: Token, article: Article) -> str | None:
    if _particle(token) in ("up", "in", "out", "off"):
        return None  # "signed up for", "signed off on"
    objects = [o for o in _objects(token) if o.pos_ != "PRON"]  # "what it signed on Monday"
    if objects and not all(o.lemma_.lower() in AGREE_NOUNS for o in objects):
        return None  # "signed the bill", "signed a letter"
    return "agree"


def _announce(token: Token, article: Article) -> str | None:
    if any(c.dep_ == "ccomp" for c in token.children):
        return None  # "announced that ...": reported speech
    objects = [c for c in token.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")]
    return "statement" if objects else None


def _call(token: Token, article: Article) -> str | None:
    subject, voice = subject_of(token)
    if subject is not None and voice == "active" and not _actor_like(subject, article):
        return None  # "the script called for an anthem"
    if _prep_objects(token, "for"):
        return "demand"
    if _prep_objects(token, "on", "upon") and any(c.dep_ == "xcomp" for c in token.children):
        return "demand"  # "called on X to ..."
    return None


def _name(token: Token, article: Article) -> str | None:
    if any(c.dep_ in ("oprd", "attr") for c in token.children) or _prep_objects(token, "as"):
        return "appoint"
    return None


def _take(token: Token, article: Article) -> str | None:
    objects = [o.lemma_.lower() for o in token.children if o.dep_ == "dobj"]
    return "appoint" if any(o in ("office", "power", "helm", "oath") for o in objects) else None


def _step(token: Token, article: Article) -> str | None:
    return "appoint" if _particle(token) in ("down", "aside") else None


def _walk(token: Token, article: Article) -> str | None:
    return "protest" if _particle(token) == "out" else None


def _swear(token: Token, article: Article) -> str | None:
    return "appoint" if _particle(token) == "in" else None


def _quit(token: Token, article: Article) -> str | None:
    objects = [o.lemma_.lower() for o in token.children if o.dep_ == "dobj"]
    return "appoint" if not objects or any(o in POSTS for o in objects) else None


def _personal_object(token: Token, article: Article) -> str | None:
    """'dismissed the minister' (not 'dismissed the claims')."""
    for o in _objects(token):
        if o.ent_type_ == "PERSON" or article.entity_type(o) == "PERSON" or o.lemma_.lower() in TITLE_NOUNS:
            return "appoint"
    return None


def _charge(token: Token, article: Article) -> str | None:
    if token.pos_ == "VERB":
        passive = any(c.dep_ == "auxpass" for c in token.children)
        return "accuse" if passive or _prep_objects(token, "with") else None
    return "accuse" if token.lower_ == "charges" and _prep_objects(token, "against", "of") else None


def _sentence(token: Token, article: Article) -> str | None:
    if token.pos_ == "VERB":
        return "accuse" if _prep_objects(token, "to") or any(c.dep_ == "auxpass" for c in token.children) else None
    return "accuse" if _modifiers(token) & {"prison", "jail", "death", "life", "suspended"} else None


def _trial(token: Token, article: Article) -> str | None:
    mods = _modifiers(token) | {c.lower_ for c in token.head.children if c.dep_ == "compound"}
    if mods & {"free", "clinical", "drug", "vaccine", "beta", "pilot", "field", "weeklong", "month-long", "time"}:
        return None  # a free trial, a clinical trial
    if token.dep_ == "compound" and token.head.lower_ in ("period", "version", "run", "offer", "subscription"):
        return None
    return "accuse"


def _travel(token: Token, article: Article) -> str | None:
    """A person, a delegation or a country travels; 'the moment arrived' and 'visit our website'
    are not trips."""
    if token.pos_ == "VERB":
        subject, _ = subject_of(token)
        if subject is None:
            return None
        if subject.lower_ in ("you", "it", "this", "that", "which") or not _actor_like(subject, article):
            return None
        if token.lemma_ == "visit" and any(c.dep_ == "dobj" and not (article.is_place(c) or _actor_like(c, article)) for c in token.children):
            return None
        return "travel"
    if any(c.dep_ == "poss" for c in token.children) or _prep_objects(token, "of", "by", "to"):
        return "travel"
    if any(c.dep_ in ("amod", "compound") and (c.ent_type_ in ("NORP", "GPE") or c.lower_ in ("state", "official", "presidential", "royal", "papal")) for c in token.children):
        return "travel"
    head = token.head
    if token.dep_ in ("dobj", "nsubj", "nsubjpass") and head.lemma_.lower() in ("pay", "make", "begin", "end", "conclude", "start", "cut", "cancel", "postpone"):
        return "travel"
    return None


def _actor_like(token: Token, article: Article) -> bool:
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or article.entity_type(token) in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "we", "i", "who")
    lemma = token.lemma_.lower()
    return lemma in TITLE_NOUNS or lemma in PEOPLE or lemma in CAPTIVES


def _warrant(token: Token, article: Article) -> str | None:
    return "accuse" if "arrest" in _modifiers(token) or _prep_objects(token, "for") else None


def _attack(token: Token, article: Article) -> str | None:
    if token.pos_ == "VERB" and any(o.lemma_.lower() in ABSTRACT for o in _objects(token)):
        return "accuse"  # "attacked the government's plan": criticism
    return "attack"


def _kill(token: Token, article: Article) -> str | None:
    """'killed 20 people', 'two soldiers were killed' (not 'if it kills me')."""
    subject, voice = subject_of(token)
    if voice == "active" and subject is not None and subject.lower_ in ("it", "this", "that"):
        return None
    victims = _objects(token)
    return "attack" if not victims or any(_actor_like(v, article) or v.pos_ == "NUM" or v.lemma_.lower() == "total" for v in victims) else None


def _explosion(token: Token, article: Article) -> str | None:
    return None if _modifiers(token) & {"stellar", "supernova", "population", "cosmic", "solar", "star", "cambrian", "data"} else "attack"


def _fight(token: Token, article: Article) -> str | None:
    purpose = any(c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in token.children)
    if token.pos_ == "VERB" and (purpose or _prep_objects(token, "for")):
        return None  # "fought to get the script", "fighting for her rights": a struggle
    if token.pos_ == "VERB":
        opponents = [c for c in token.children if c.dep_ == "dobj"] + _prep_objects(token, "against")
        if any(o.lemma_.lower() in FOUGHT_THINGS or not _actor_like(o, article) for o in opponents):
            return None  # "fight inflation", "fight the ruling", "fighting dirty air"
    return "attack"


INVESTIGATED = frozenset(
    """
    incident attack death killing case allegation claim crash shooting matter complaint leak fraud
    corruption abuse bribery wrongdoing misconduct violation crime murder bombing explosion collapse
    """.split()
)


def _investigate(token: Token, article: Article) -> str | None:
    """'investigating WeWork' (not 'investigate the thickness of the ice')."""
    objects = _objects(token)
    if not objects or any(o.pos_ == "PROPN" or _actor_like(o, article) or o.lemma_.lower() in INVESTIGATED for o in objects):
        return "accuse"
    return None


def _by_someone(kind: str) -> Rule:
    """A rule for a verb whose subject must be someone: 'Varga demanded' (not 'the region demands')."""

    def rule(token: Token, article: Article) -> str | None:
        subject, voice = subject_of(token)
        return kind if subject is None or voice == "passive" or _actor_like(subject, article) else None

    return rule


def _clash(token: Token, article: Article) -> str | None:
    return None if _prep_objects(token, "over") else "attack"  # "clashed over the budget" is words


def _battle(token: Token, article: Article) -> str | None:
    return None if _modifiers(token) & {"legal", "political", "court", "custody", "bidding", "uphill", "ratings"} else "attack"


def _criticise(token: Token, article: Article) -> str | None:
    return "accuse" if any(c.dep_ == "dobj" for c in token.children) else None


def _protest(token: Token, article: Article) -> str | None:
    if token.pos_ == "VERB" and any(c.dep_ == "ccomp" for c in token.children):
        return None  # "protested that ...": reported speech
    return "protest"


def _rally(token: Token, article: Article) -> str | None:
    """'held a rally', 'told a rally' (not 'a rally in stocks')."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in ("at", "during"):
        return "protest"
    if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in ("hold", "stage", "organize", "organise", "attend", "address", "tell", "join", "lead"):
        return "protest"
    return None


def _march(token: Token, article: Article) -> str | None:
    return "protest" if token.text.islower() else None  # "March" is a month


def _declare(token: Token, article: Article) -> str | None:
    if any(c.dep_ == "ccomp" for c in token.children):
        return None
    return "statement" if any(c.dep_ in ("dobj", "oprd") for c in token.children) else None


def _address(token: Token, article: Article) -> str | None:
    if _modifiers(token) & PUBLIC_ADDRESS_MODS or _prep_objects(token, "to"):
        return "statement"
    return None


def _conference(token: Token, article: Article) -> str | None:
    mods = _modifiers(token)
    if mods & {"press", "news"}:
        return "statement"
    return "meet" if mods & {"peace", "donor", "donors", "international"} else None


def _call_noun(token: Token, article: Article) -> str | None:
    return "meet" if _modifiers(token) & {"phone", "telephone", "video", "conference"} else None


def _vote(token: Token, article: Article) -> str | None:
    if token.pos_ == "VERB":
        return "vote"
    if any(c.dep_ == "nummod" for c in token.children) or token.head.lower_ == "by":
        return None  # "58 votes to 49", "by 12 votes": a count
    return "vote"


def _aid(token: Token, article: Article) -> str | None:
    return None if _modifiers(token) & {"first", "hearing", "visual", "teaching", "legal", "student"} else "aid"


def _assistance(token: Token, article: Article) -> str | None:
    mods = _modifiers(token)
    return "aid" if mods & {"humanitarian", "military", "financial", "economic", "security", "foreign", "emergency"} else None


def _relief(token: Token, article: Article) -> str | None:
    return "aid" if _modifiers(token) & {"humanitarian", "disaster", "emergency", "famine", "flood", "earthquake"} else None


def _talk(token: Token, article: Article) -> str | None:
    return "negotiate" if token.lower_ == "talks" else None


def _freeze(token: Token, article: Article) -> str | None:
    things = [o.lemma_.lower() for o in _objects(token)] + [m for m in _modifiers(token)]
    return "sanction" if any(t in ("asset", "assets", "account", "accounts", "fund", "reserve") for t in things) else None


def _offensive(token: Token, article: Article) -> str | None:
    return "attack" if token.pos_ == "NOUN" else None


VERBS: dict[str, Rule] = {
    "meet": _meet, "host": _host, "consult": "meet",
    "visit": _travel, "travel": _travel, "tour": _travel, "arrive": _travel,
    "negotiate": "negotiate", "mediate": "negotiate",
    "agree": _agree, "sign": _sign, "ratify": "agree",
    "release": _release, "free": _free, "exchange": _exchange, "swap": _exchange,
    "attack": _attack, "strike": _strike, "bomb": "attack", "shell": "attack", "raid": "attack", "invade": "attack",
    "kill": _kill, "shoot": "attack", "fire": _fire, "assault": "attack", "ambush": "attack", "fight": _fight,
    "clash": _clash, "storm": "attack",
    "protest": _protest, "demonstrate": _protest, "walk": _walk, "boycott": "protest", "riot": "protest", "march": _march,
    "sanction": "sanction", "embargo": "sanction", "expel": "sanction", "freeze": _freeze, "blacklist": "sanction",
    "accuse": "accuse", "blame": "accuse", "condemn": "accuse", "denounce": "accuse", "criticize": _criticise,
    "criticise": _criticise, "arrest": "accuse", "detain": "accuse", "charge": _charge, "indict": "accuse", "sue": "accuse",
    "prosecute": "accuse", "convict": "accuse", "sentence": _sentence, "jail": "accuse", "imprison": "accuse",
    "investigate": _investigate, "probe": _investigate, "extradite": "accuse", "impeach": "accuse",
    "demand": _by_someone("demand"), "urge": _by_someone("demand"), "call": _call,
    "threaten": _by_someone("threaten"),
    "announce": _announce, "declare": _declare, "apologize": "statement", "apologise": "statement",
    "vote": _vote, "elect": "vote", "re-elect": "vote", "reelect": "vote", "veto": "vote",
    "appoint": "appoint", "nominate": "appoint", "name": _name, "resign": "appoint", "quit": _quit, "step": _step,
    "dismiss": _personal_object, "sack": _personal_object, "oust": "appoint", "swear": _swear,
    "inaugurate": "appoint", "take": _take,
    "donate": "aid",
}

AGREE_NOUNS = frozenset("agreement deal accord treaty pact ceasefire truce armistice".split())

NOUNS: dict[str, Rule] = {
    "meeting": "meet", "summit": "meet", "consultation": "meet", "call": _call_noun, "conference": _conference,
    "visit": _travel, "trip": _travel, "tour": _travel, "arrival": _travel,
    "talk": _talk, "negotiation": "negotiate", "mediation": "negotiate", "dialogue": "negotiate",
    **{noun: "agree" for noun in AGREE_NOUNS}, "deal": _deal, "signing": "agree", "ratification": "agree", "fire": _fire,
    "release": _release, "exchange": _exchange, "swap": _exchange,
    "attack": "attack", "strike": _strike, "airstrike": "attack", "bombing": "attack", "bombardment": "attack",
    "shelling": "attack", "raid": "attack", "invasion": "attack", "offensive": _offensive, "assault": "attack",
    "ambush": "attack", "clash": _clash, "fighting": "attack", "battle": _battle, "shooting": "attack",
    "killing": "attack", "massacre": "attack", "explosion": _explosion, "incursion": "attack",
    "protest": "protest", "demonstration": "protest", "walkout": "protest", "boycott": "protest", "march": _march,
    "rally": _rally, "riot": "protest",
    "sanction": "sanction", "embargo": "sanction", "tariff": "sanction", "expulsion": "sanction", "freeze": _freeze,
    "accusation": "accuse", "condemnation": "accuse", "arrest": "accuse", "detention": "accuse", "charge": _charge,
    "indictment": "accuse", "lawsuit": "accuse", "trial": _trial, "conviction": "accuse", "sentence": _sentence,
    "warrant": _warrant, "investigation": "accuse", "probe": "accuse", "inquiry": "accuse",
    "extradition": "accuse", "impeachment": "accuse",
    "ultimatum": "threaten",
    "announcement": "statement", "declaration": "statement", "speech": "statement", "address": _address,
    "apology": "statement",
    "vote": _vote, "election": "vote", "referendum": "vote", "runoff": "vote", "veto": "vote",
    "appointment": "appoint", "nomination": "appoint", "resignation": "appoint", "dismissal": "appoint",
    "ouster": "appoint", "inauguration": "appoint",
    "aid": _aid, "assistance": _assistance, "donation": "aid", "bailout": "aid", "relief": _relief,
}

# Verbs that carry an event noun without adding an event of their own: "*held* talks",
# "*imposed* sanctions", "*announced* a ceasefire". Their subject is the event's agent.
SUPPORT_VERBS = frozenset(
    """
    hold have conduct reach strike seal clinch broker finalize finalise conclude sign launch carry stage
    mount impose announce declare call begin start resume open attend join host win survive lose order
    unleash issue give deliver make pay organize organise lead participate engage take go approve
    agree unveil extend renew lift tighten expand introduce enter file bring press level face request
    accept resume
    """.split()
)
# Prepositions by which a verb carries an event noun: "took part *in* talks", "went *on* strike".
SUPPORT_PREPS: dict[str, frozenset[str]] = {
    "agree": frozenset({"to", "on", "upon"}), "take": frozenset({"in"}), "participate": frozenset({"in"}),
    "engage": frozenset({"in"}), "go": frozenset({"on"}), "enter": frozenset({"into"}), "join": frozenset({"in"}),
    "vote": frozenset({"in"}), "win": frozenset({"in"}), "return": frozenset({"to"}),
}
# Verbs an event noun can be the subject of, lending their tense and dates: "talks *collapsed* on
# Sunday", "the exchange *will take place* ...", "strikes *killed* 20 people on Monday".
OCCURRENCE_VERBS = frozenset(
    """
    happen occur begin start resume continue end conclude collapse fail stall break kill wound injure
    hit destroy damage target close shut leave last proceed open follow erupt unfold get
    """.split()
)

# Verbs an event is the complement of, and what they make of it: "plans to meet", "refused to meet",
# "called for a ceasefire", "threatened to quit".
PLANNING = frozenset(
    """
    plan schedule set due expect prepare agree intend aim decide vow promise pledge poise slate ready
    arrange commit postpone delay reschedule announce propose to
    """.split()
)
DESIRE = frozenset(
    """
    demand urge call ask seek want hope push press suggest offer consider threaten wish need request
    recommend advocate favor favour insist discuss float
    """.split()
)
# Verbs whose object does what their complement says: "urged *Varga* to wait".
OBJECT_CONTROL = frozenset("urge call ask press persuade convince force order tell invite allow encourage pressure".split())
# Nouns whose object is wanted, not yet had: "talks on a ceasefire", "a push for a deal".
SEEKING_NOUNS = frozenset("talk negotiation dialogue mediation proposal plan push call demand bid effort hope".split())
NEGATING = frozenset("fail refuse decline cancel deny avoid reject scrap".split())
NEGATING_PARTICLES = {"call": "off", "rule": "out"}
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "must", "can", "would", "'d", "’d", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
CONDITIONS = frozenset({"if", "unless", "whether"})
HABITUAL = frozenset("typically usually often always generally sometimes rarely normally regularly routinely".split())
PLANNED_MODS = frozenset("planned upcoming scheduled next forthcoming expected proposed future coming".split())
HYPOTHETICAL_MODS = frozenset("possible potential hypothetical eventual prospective".split())
FRESH_MODS = frozenset("another new fresh second third further separate other earlier later previous".split())
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
REPORTING = SPEECH_VERBS | COGNITION_VERBS
# Nouns whose "of" phrase is who acts ("the visit of the president"), not who is acted on.
OF_AGENT_TYPES = frozenset({"travel", "meet", "negotiate", "statement", "protest"})
POSS_TARGET_NOUNS = frozenset(
    """
    arrest detention indictment conviction extradition impeachment appointment nomination dismissal
    ouster election inauguration trial release
    """.split()
)
# Objects that are part of a verb trigger's words: "took *office*", "took *place*".
PART_OF_TRIGGER = frozenset({"office", "power", "helm", "oath", "place"})
# Nouns that head a compound trigger and stand for it: "aid *package*", "sanctions *regime*".
FRAME_NOUNS = frozenset({"package", "programme", "program", "regime", "measure"})
SPEECH_NOUN_PREPS = frozenset({"in", "at", "during"})
CAPTIVE_CONTEXT = frozenset(
    "hostage prisoner detainee captive pow inmate prison jail custody detention detain arrest kidnap abduct captivity".split()
)

ALL_LEMMAS = frozenset(VERBS) | frozenset(NOUNS)
TIMEX_VALUE = re.compile(
    r"(?:\d{4}|X{4})(?:-(?:\d{2}|XX)(?:-(?:\d{2}|XX))?|-W(?:\d{2}|XX)(?:-WE|-[1-7])?|-Q[1-4X]|-H[12X]|-(?:SP|SU|FA|WI))?"
)


# --- the article --------------------------------------------------------------------------------


class Article:
    """One doc and what this stage reads from it more than once (``Doc.text`` rebuilds the string
    on every access; lemma sets are computed on the lemma array)."""

    def __init__(
        self,
        doc: Doc,
        entities: list[model.Entity],
        token_entity: dict[int, str],
        quotes: list[model.Quote],
        time_expressions: list[model.TimeExpression],
        published: date | None,
    ) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.entities = {e.id: e for e in entities}
        self.token_entity = token_entity
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.quote_starts = [q.start for q in self.quotes]
        self.time_expressions = time_expressions
        self.published = published
        self.lemmas = doc.to_array("LEMMA") if len(doc) else numpy.zeros(0, dtype="uint64")
        self.resolver = Resolver(doc, self.entities, token_entity)

    def entity_type(self, token: Token) -> str | None:
        eid = self.token_entity.get(token.i)
        entity = self.entities.get(eid) if eid else None
        return entity.type if entity else None

    def is_place(self, token: Token) -> bool:
        return token.ent_type_ in PLACES or self.entity_type(token) in PLACES

    def has_lemma(self, lemmas: Iterable[str]) -> bool:
        strings = self.doc.vocab.strings
        wanted = [strings[w] for w in lemmas if w in strings]
        return bool(wanted) and bool(numpy.isin(self.lemmas, numpy.array(wanted, dtype=self.lemmas.dtype)).any())

    @functools.cached_property
    def labour_context(self) -> bool:
        return self.has_lemma(LABOUR)

    @functools.cached_property
    def captive_context(self) -> bool:
        return self.has_lemma(CAPTIVE_CONTEXT)

    @functools.cached_property
    def lead_sentence(self) -> tuple[int, int]:
        """Token range of the article's first full sentence (a headline has no final stop)."""
        if not self.doc.has_annotation("SENT_START"):
            return 0, 0
        for n, sent in enumerate(self.doc.sents):
            words = sum(1 for t in sent if t.is_alpha)
            last = next((t for t in reversed(sent) if not t.is_space), None)
            if words >= 6 and last is not None and last.text in {".", "!", "?", '"', "”", "’", "'"}:
                return sent.start, sent.end
            if n > 4:
                break
        return 0, 0

    def quote_at(self, token: Token) -> model.Quote | None:
        """The innermost quote whose content holds a token, unless the token belongs to the
        quote's own cue clause ('"...," Obst told a rally, "..."': the rally is the narrator's)."""
        char = token.idx
        best: model.Quote | None = None
        i = bisect.bisect_right(self.quote_starts, char)
        for quote in self.quotes[:i]:
            if quote.start <= char < quote.end and (best is None or quote.end - quote.start < best.end - best.start):
                best = quote
        if best is not None and best.cue is not None and best.start <= best.cue.start < best.end:
            cue = self.doc.char_span(best.cue.start, best.cue.end, alignment_mode="expand")
            if cue is not None and len(cue) and _in_clause_of(token, cue[0]):
                return None
        return best

    def actor(self, token: Token) -> model.Actor | None:
        """Who a token names, resolved as quote speakers are ('he' -> the person meant); None for
        what names no one (a date, an unresolved pronoun, a relative pronoun)."""
        if token.ent_type_ in NOT_ACTORS or token.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            return None
        dummy = token.tag_ in ("WDT", "EX") or token.dep_ == "expl" or token.lower_ in ("what", "which", "that", "there", "this")
        if dummy and not (token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl"):
            return None
        previous = self.quotes[: bisect.bisect_right(self.quote_starts, token.idx)]
        actor = self.resolver.speaker(token, [q for q in previous if q.end <= token.idx])
        if actor.entity is None and token.pos_ == "PRON":
            return None
        mention = actor.mention
        if (
            mention is not None and token.i not in self.token_entity and token.pos_ != "PRON"
            and actor.name == mention.text and mention.start <= token.idx < mention.end
        ):
            # a description, not a name: its words up to the noun ("coalition partners", not
            # "coalition partners of Prime Minister Tomas Reker")
            start = token.left_edge.i
            while start < token.i and (self.doc[start].is_punct or self.doc[start].pos_ == "DET"):
                start += 1
            s, e = self.doc[start].idx, token.idx + len(token.text)
            actor = model.Actor(self.text[s:e], actor.entity, model.Span(s, e, self.text[s:e]))
        return actor


def _in_clause_of(token: Token, verb: Token) -> bool:
    """Whether a token hangs on a verb without passing through a clause of its own."""
    current = token
    for _ in range(12):
        if current.i == verb.i:
            return True
        if current.dep_ in ("ccomp", "parataxis", "advcl", "conj") or current.head.i == current.i:
            return False
        current = current.head
    return False


# --- finding triggers ------------------------------------------------------------------------------


_LEXICON_IDS: list[numpy.ndarray] = []


def _lexicon_ids(strings: StringStore) -> numpy.ndarray:
    """Hash ids of every lexicon lemma as the lemma array holds them (lower case, and as a
    headline capitalises them); string hashes are the same in every vocab, so once per process."""
    if not _LEXICON_IDS:
        forms: set[str] = set()
        for lemma in ALL_LEMMAS:
            forms.update((lemma, lemma.capitalize(), lemma.upper(), lemma.capitalize() + "s"))
        _LEXICON_IDS.append(numpy.array(sorted(strings.add(f) for f in forms), dtype="uint64"))
    return _LEXICON_IDS[0]


def candidate_indexes(article: Article) -> list[int]:
    """Indexes of tokens whose lemma is in the lexicon, found on the lemma array (a Python loop
    over every token costs more than every rule after it)."""
    if not len(article.doc):
        return []
    wanted = _lexicon_ids(article.doc.vocab.strings)
    return [int(i) for i in numpy.nonzero(numpy.isin(article.lemmas, wanted))[0]]


def trigger_type(token: Token, article: Article) -> str | None:
    """The ontology type of a trigger word, or None when it is not one here."""
    if token.ent_type_ in NAME_LABELS or article.entity_type(token) is not None:
        return None
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        if token.dep_ in ("amod", "compound", "nmod"):
            return None  # "the convicted man", "elected officials": an adjective
        rule = VERBS.get(lemma)
    elif token.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "nummod" for c in token.children) or token.head.lower_ == "by" and token.dep_ == "pobj" and token.tag_ == "NNS":
            return None  # "15 meetings", "by 58 votes": a count, not an event
        if token.dep_ == "compound" and token.head.lemma_.lower() not in FRAME_NOUNS and token.head.lemma_.lower() not in NOUNS:
            return None  # "election cycle", "veto points", "strike price": a modifier
        if token.pos_ == "PROPN" and lemma not in NOUNS and lemma.endswith("s"):
            lemma = lemma[:-1]  # a headline's "Talks"
        rule = NOUNS.get(lemma)
    else:
        return None
    if rule is None:
        return None
    return rule if isinstance(rule, str) else rule(token, article)


# --- the parts of one mention ------------------------------------------------------------------


@dataclass
class Mention:
    """One place the article refers to an event, with what this place says about it."""

    type: str
    token: Token  # the trigger's head word
    trigger: model.Span
    frame: Token  # the noun the event's own modifiers hang on, or the trigger verb
    head: Token | None  # the verb lending its clause: the trigger itself, a support or occurrence verb
    chain: list[Token]  # head (or the noun) and the verbs it is the complement of: [meet, agree]
    evidence: model.Span
    participants: list[model.Participant] = field(default_factory=list)
    location: model.Actor | None = None
    date: model.EventDate | None = None
    status: model.EventStatus = "happened"
    reported_by: model.Actor | None = None
    quoted: str | None = None  # kind of the quote the mention sits in
    anaphoric: bool = False  # "the talks", "this agreement"
    bare: bool = False  # a determinerless singular noun: "impeachment", "mediation"
    fresh: bool = False  # "another attack", "a new round"


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def support_head(noun: Token, kind: str, triggers: dict[int, str]) -> Token | None:
    """The verb carrying an event noun: a support verb it is the object of, a verb of the same
    type, a verb+preposition ('took part in talks'), or an occurrence verb it is the subject of."""
    head = noun.head
    if head.i == noun.i:
        return None
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and is_verb(head):
        lemma = head.lemma_.lower()
        if lemma in NEGATING or _negating_particle(head):
            return None  # "called off the talks": a governor that cancels them
        if lemma in SUPPORT_VERBS or triggers.get(head.i) == kind:
            return head
        if noun.dep_ == "nsubjpass" and lemma in OCCURRENCE_VERBS:
            return head
    if noun.dep_ == "pobj" and head.dep_ in ("prep", "agent") and head.head.i != head.i and is_verb(head.head):
        verb = head.head
        lemma = verb.lemma_.lower()
        if head.lower_ in SUPPORT_PREPS.get(lemma, ()) or (triggers.get(verb.i) == kind and head.lower_ in ("on", "to", "in", "for")):
            return verb
        if kind == "statement" and head.lower_ in SPEECH_NOUN_PREPS and lemma in REPORTING:
            return verb  # "said in a speech": the speaker gave the speech
    if noun.dep_ == "nsubj" and is_verb(head):
        lemma = head.lemma_.lower()
        if lemma in OCCURRENCE_VERBS or _occurs(head):
            return head
    if noun.dep_ in ("nsubj", "nsubjpass") and is_verb(head):
        # "talks are due to resume next week", "the vote is expected to take place in March"
        current = head
        for _ in range(3):
            step = next((c for c in current.children if c.dep_ in ("xcomp", "acomp") and c.i > current.i), None)
            if step is None:
                break
            current = step
            if is_verb(current) and (current.lemma_.lower() in OCCURRENCE_VERBS or _occurs(current)):
                return current
    for clause in noun.children:
        # "talks that resumed in Varena last week": the relative clause says what the talks did
        if clause.dep_ == "relcl" and is_verb(clause):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.tag_ in ("WDT", "WP") and (clause.lemma_.lower() in OCCURRENCE_VERBS or _occurs(clause)):
                return clause
    return None


def _occurs(verb: Token) -> bool:
    """'take place', 'go ahead', 'break down', 'come into force', 'be held', 'is in November'."""
    lemma = verb.lemma_.lower()
    if lemma == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)
    if lemma == "go":
        return _particle(verb) == "ahead"
    if lemma == "come":
        return bool(_prep_objects(verb, "into"))
    if lemma == "be":
        return any(c.dep_ in ("prep", "npadvmod") for c in verb.children)
    return False


def governor(token: Token) -> Token | None:
    """The verb a verb or noun is the complement of: 'agree' for 'meet' in 'agreed to meet',
    'call' for 'ceasefire' in 'called for a ceasefire', 'cancel' for 'cancelled the talks'."""
    head = token.head
    if head.i == token.i:
        return None
    if token.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX", "ADJ"):
        return head  # "is due to meet": the adjective governs
    if token.dep_ == "conj" and is_verb(head) and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in token.children):
        return head  # "will travel to X and meet Y": the shared auxiliary
    if token.dep_ in ("dobj", "nsubjpass") and is_verb(head):
        lemma = head.lemma_.lower()
        if lemma in PLANNING or lemma in DESIRE or lemma in NEGATING or _negating_particle(head):
            return head
    if token.dep_ == "pobj" and head.dep_ == "prep" and is_verb(head.head) and head.lower_ in ("for", "to", "on"):
        lemma = head.head.lemma_.lower()
        if lemma in PLANNING or lemma in DESIRE:
            return head.head
    return None


def complement_chain(token: Token) -> list[Token]:
    chain = [token]
    current = token
    for _ in range(5):
        gov = governor(current)
        if gov is None or gov in chain:
            break
        chain.append(gov)
        current = gov
    return chain


def clause_head(token: Token) -> Token:
    """The verb whose clause a token belongs to, climbing complements ('to exchange' -> 'agreed')."""
    current = token
    for _ in range(8):
        if is_verb(current) and current.dep_ != "xcomp":
            return current
        if current.head.i == current.i:
            return current
        current = current.head
    return current


def evidence_span(article: Article, token: Token, subject: Token | None) -> model.Span:
    doc = article.doc
    head = clause_head(token)
    start, end = head.left_edge.i, head.right_edge.i + 1
    if subject is not None and subject.left_edge.i < start:
        start = subject.left_edge.i
    sent = token.sent
    start, end = max(start, sent.start), min(end, sent.end)
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space) and doc[start].i != token.i:
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in "”\"»’":
        end -= 1
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return model.Span(s, e, article.text[s:e])


def trigger_span(article: Article, token: Token) -> tuple[model.Span, Token]:
    """The words naming the event ('arrest warrant', 'walked out', 'aid package') and the noun
    that heads them."""
    doc = article.doc
    start, end, frame = token.i, token.i + 1, token
    prev = doc[start - 1] if start > 0 else None
    hyphenated = start >= 2 and doc[start - 2].text in ("-", "‑")
    if prev is not None and prev.dep_ == "compound" and prev.head.i == token.i and prev.pos_ == "NOUN" and prev.i not in article.token_entity and not hyphenated:
        start -= 1  # "arrest warrant", "peace talks", "air strikes"
    elif prev is not None and prev.text in ("-", "‑") and start >= 2 and doc[start - 2].lower_ == "cease":
        start -= 2  # "cease-fire"
    if token.dep_ == "compound" and token.head.i == token.i + 1 and token.head.lemma_.lower() in FRAME_NOUNS:
        frame = token.head
        end = frame.i + 1
    particle = _particle(token)
    if is_verb(token) and particle in ("out", "down", "aside", "in", "off") and end == token.i + 1:
        end += 1
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return model.Span(s, e, article.text[s:e]), frame


# -- participants --------------------------------------------------------------------------------


def with_conjuncts(token: Token) -> Iterator[Token]:
    yield token
    for child in token.children:
        if child.dep_ == "conj":
            yield from with_conjuncts(child)


def subject_of(verb: Token) -> tuple[Token | None, str]:
    """The subject of a verb's clause and its voice: the verb's own, or the one it shares as a
    complement or conjunct ('Russia and Ukraine agreed to exchange ...' -> Russia)."""
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "nsubj":
                return child, "active"
            if child.dep_ == "nsubjpass":
                return child, "passive"
        if current.dep_ in ("xcomp", "conj") or (current.dep_ == "advcl" and current.tag_ == "VBG"):
            complement = current.dep_ == "xcomp"
            current = current.head
            if current.pos_ == "ADJ":  # "is due to meet": the subject of "is"
                current = current.head
            if complement and current.lemma_.lower() in OBJECT_CONTROL:
                # "urged Varga to wait", "called on both sides to accept": the object acts
                pressed = [c for c in current.children if c.dep_ == "dobj"] or _prep_objects(current, "on", "upon")
                if pressed:
                    return pressed[0], "active"
        else:
            break
    return None, "active"


class Roles:
    """Participants of one mention, in the order found, without repeats."""

    def __init__(self, article: Article, mention_type: str, skip: set[int]) -> None:
        self.article = article
        self.type = mention_type
        self.skip = skip
        self.found: list[model.Participant] = []
        self.tokens: list[Token] = []

    def add(self, role: str, token: Token) -> None:
        for t in with_conjuncts(token):
            if t.i in self.skip:
                continue
            actor = self.article.actor(t)
            if actor is None:
                continue
            key = (role, actor.entity or actor.name.lower())
            if any((p.role, p.entity or p.name.lower()) == key for p in self.found):
                continue
            self.found.append(model.Participant(role, actor.name, actor.entity, actor.mention))
            self.tokens.append(t)


def read_participants(article: Article, m: Mention, triggers: dict[int, str]) -> tuple[list[model.Participant], list[Token]]:
    roles = Roles(article, m.type, set(triggers))
    kind = m.type
    verbs = [m.head] if m.head is not None else []
    if m.head is None and len(m.chain) > 1 and m.chain[0].i == m.frame.i and m.chain[1].lemma_.lower() in PLANNING:
        verbs = [m.chain[1]]  # "Japan pledged aid to Turkey": who pledges gives
    if m.frame.pos_ in ("NOUN", "PROPN"):
        _noun_roles(article, m.frame, kind, roles)
    for verb in verbs:
        subject, voice = subject_of(verb)
        carried = verb.i != m.token.i  # a support verb: its subject acts, its object is the event
        if subject is not None and subject.i != m.frame.i:
            if voice == "active" or carried:
                roles.add(AGENT, subject)
            elif kind in TARGETED:
                roles.add(TARGET, subject)  # "three prisoners were released"
            elif kind in SYMMETRIC and _actor_like(subject, article):
                roles.add(COUNTERPART, subject)  # "he was met by X"; not "a discount was negotiated"
        for child in verb.children:
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        roles.add(AGENT, obj)
            elif child.dep_ == "dobj" and child.i != m.frame.i and child.i not in triggers:
                if child.lemma_.lower() in PART_OF_TRIGGER or verb.lemma_.lower() in ("quit", "resign", "leave"):
                    continue  # "took office", "quit his post": the post is no participant
                if carried and not (kind == "attack" and verb.lemma_.lower() in OCCURRENCE_VERBS):
                    continue  # "took place", "held talks": the object is the event or nothing
                if kind == "travel" and article.is_place(child):
                    continue  # the destination: a location
                if kind in SYMMETRIC or kind in ("travel", "aid"):
                    if _actor_like(child, article) or child.pos_ == "PRON":
                        roles.add(COUNTERPART, child)  # "met Zelensky" (not "agreed the first result")
                elif kind in TARGETED:
                    roles.add(TARGET, child)
            elif child.dep_ == "prep":
                _prep_roles(article, child, kind, roles, noun=False)
    return roles.found, roles.tokens


def _noun_roles(article: Article, noun: Token, kind: str, roles: Roles) -> None:
    lemma = noun.lemma_.lower()
    for child in noun.children:
        dep = child.dep_
        if dep == "poss":
            target = kind == "release" or lemma in POSS_TARGET_NOUNS
            roles.add(TARGET if target else AGENT, child)
        elif dep in ("amod", "compound", "nmod") and (child.ent_type_ in ("NORP", "GPE", "ORG") or article.entity_type(child) in ("NORP", "GPE", "ORG")):
            roles.add(PARTICIPANT if kind in SYMMETRIC or kind in ("release", "vote", "appoint") else AGENT, child)
        elif dep == "prep":
            _prep_roles(article, child, kind, roles, noun=True)


def _prep_roles(article: Article, prep: Token, kind: str, roles: Roles, noun: bool) -> None:
    word = prep.lower_
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        if word == "with":
            if kind == "attack" and not (obj.ent_type_ or obj.lemma_.lower() in ("police", "troops", "force", "protester", "soldier", "militant", "army", "rebel")):
                continue  # "attacked with drones": an instrument
            if kind not in ("accuse", "aid", "statement", "vote"):
                roles.add(COUNTERPART, obj)
        elif word == "between":
            roles.add(PARTICIPANT, obj)
        elif word in ("on", "against") and kind in ("attack", "sanction", "protest", "accuse", "threaten", "demand"):
            if word == "on" and kind == "demand" and prep.head.lemma_.lower() != "call":
                continue  # "called on X" presses X; "demanded action on X" does not
            roles.add(TARGET, obj)
        elif word == "by" and noun:
            roles.add(AGENT, obj)
        elif word == "to" and kind in ("aid", "statement", "travel", "release", "meet"):
            if kind == "travel" and article.is_place(obj):
                continue
            roles.add(COUNTERPART, obj)
        elif word == "of" and noun:
            if kind in OF_AGENT_TYPES or prep.head.lemma_.lower() == "resignation":
                roles.add(AGENT, obj)
            elif kind in TARGETED and (_actor_like(obj, article) or article.is_place(obj)):
                roles.add(TARGET, obj)  # "the arrest of X" (not "a vote of confidence")
        elif word == "for" and kind in ("accuse", "aid") and (obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or obj.i in article.token_entity or kind == "aid"):
            roles.add(TARGET if kind == "accuse" else COUNTERPART, obj)
        elif word == "from" and kind == "aid" and noun:
            roles.add(AGENT, obj)


def read_location(article: Article, m: Mention, participant_tokens: list[Token]) -> model.Actor | None:
    """A place in an 'in'/'at' phrase on the trigger, its verb or a participant ('met with X in
    Berlin': the small parser often hangs the place on X); a travel's destination."""
    hosts = [m.frame] + ([m.head] if m.head is not None and m.head.i != m.frame.i else []) + participant_tokens
    if m.token.i != m.frame.i:
        hosts.append(m.token)
    for host in hosts:
        for child in host.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "outside"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and article.is_place(obj):
                        return place_actor(article, obj)
    if m.type == "travel":
        for host in hosts[:2]:
            for child in host.children:
                if child.dep_ == "dobj" and article.is_place(child):
                    return place_actor(article, child)
                if child.dep_ == "prep" and child.lower_ == "to":
                    where = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if where is not None and article.is_place(where):
                        return place_actor(article, where)
    return None


def place_actor(article: Article, token: Token) -> model.Actor:
    if token.i in article.token_entity:
        span = article.resolver.entity_span(token)
        entity = article.entities[article.token_entity[token.i]]
        return model.Actor(entity.name, entity.id, model.Span(span.start_char, span.end_char, span.text))
    start = token.i
    while start > 0 and token.doc[start - 1].ent_type_ == token.ent_type_ and token.doc[start - 1].ent_iob_ != "O" and token.ent_iob_ != "B":
        start -= 1
        if token.doc[start].ent_iob_ == "B":
            break
    s, e = token.doc[start].idx, token.idx + len(token.text)
    return model.Actor(article.text[s:e], None, model.Span(s, e, article.text[s:e]))


# -- status ------------------------------------------------------------------------------------------


def _negating_particle(verb: Token) -> bool:
    """'called off', 'ruled out'."""
    particle = NEGATING_PARTICLES.get(verb.lemma_.lower())
    return particle is not None and any(c.dep_ in ("prt", "advmod") and c.lower_ == particle for c in verb.children)


def _aux_words(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _negated_noun(noun: Token) -> bool:
    if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "never") for c in noun.children):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ == "without"


def _conditional(verbs: list[Token]) -> bool:
    """In an if-clause, or the main clause of one ('If the talks fail, Israel could attack')."""
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in child.children):
                return True
    current = verbs[-1]
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in current.children):
            return True
        if current.head.i == current.i:
            break
        current = current.head
    return False


def _in_reported_clause(top: Token) -> bool:
    """'Officials said X would meet': 'would' is a reported 'will'."""
    current = top
    for _ in range(3):
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in REPORTING:
            return True
        if current.head.i == current.i or current.dep_ not in ("conj", "ccomp", "xcomp"):
            return False
        current = current.head
    return False


def tense(verb: Token) -> str | None:
    """present / past / perfect / future for a verb with its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX:
        return "future"
    if words & HYPOTHETICAL_AUX:
        return None
    if any(a.lemma_ == "have" for a in auxes):
        return "past" if any(a.tag_ == "VBD" for a in auxes) else "perfect"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def read_status(article: Article, m: Mention) -> model.EventStatus:
    """negated > hypothetical > planned > happened (reported is laid over this by the caller)."""
    noun = m.frame if m.frame.pos_ in ("NOUN", "PROPN") else None
    verbs = [t for t in m.chain if is_verb(t) or t.pos_ == "ADJ"]
    # verbs it is the complement of ("agreed to meet"); a conjunct only shares its auxiliaries
    governors = [gov for below, gov in zip(m.chain, m.chain[1:], strict=False) if below.dep_ != "conj"]
    if noun is not None and _negated_noun(noun):
        return "negated"
    for verb in verbs:
        if any(c.dep_ == "neg" for c in verb.children) or "wo" in _aux_words(verb) and any(c.dep_ == "neg" for c in verb.children):
            return "negated"
    for gov in governors:
        lemma = gov.lemma_.lower()
        if lemma in NEGATING or _negating_particle(gov):
            return "negated"
    auxes = set().union(*(_aux_words(v) for v in verbs)) if verbs else set()
    reported_would = m.quoted is not None or (bool(verbs) and _in_reported_clause(verbs[-1]))
    hypothetical_aux = auxes & HYPOTHETICAL_AUX
    if reported_would:
        hypothetical_aux -= {"would", "'d", "’d"}
    if hypothetical_aux and not ("have" in auxes and "would" in auxes and reported_would):
        return "hypothetical"
    if any(g.lemma_.lower() in DESIRE for g in governors):
        return "hypothetical"
    if noun is not None and (_modifiers(noun) & HYPOTHETICAL_MODS or (m.head is None and (_desired(noun) or _sought(noun)))):
        return "hypothetical"
    if verbs and _conditional(verbs):
        return "hypothetical"
    if auxes & (FUTURE_AUX | {"would", "'d", "’d"}) and reported_would or auxes & FUTURE_AUX:
        return "planned"
    if any(g.lemma_.lower() in PLANNING for g in governors):
        return "planned"
    if noun is not None and (_modifiers(noun) & PLANNED_MODS or _infinitive_modifier(noun)):
        return "planned"
    if verbs and _bare_infinitive(verbs[-1]):
        return "planned"  # "Ministers to meet Monday"; "is to meet"; "going to meet"
    return "happened"


def _desired(noun: Token) -> bool:
    """A bare event noun in a clause someone wants to happen: 'called on both sides to ... return
    to talks'. A definite one ('drop the deal') names something that exists already."""
    if any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in noun.children):
        return False
    current = noun
    for _ in range(4):
        if current.head.i == current.i:
            return False
        current = current.head
        if is_verb(current) or current.dep_ in ("xcomp", "conj"):
            break
    return any(g.lemma_.lower() in DESIRE for g in complement_chain(current)[1:])


def _sought(noun: Token) -> bool:
    """What talks are about, or a push is for: 'talks on a permanent ceasefire', 'a push for a deal'."""
    prep = noun.head
    return (
        noun.dep_ == "pobj" and prep.lower_ in ("on", "over", "about", "for", "toward", "towards")
        and prep.head.lemma_.lower() in SEEKING_NOUNS
    )


def _infinitive_modifier(noun: Token) -> bool:
    """'an aid package ..., to be presented next week'."""
    return any(c.dep_ in ("acl", "relcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in noun.children)


def _bare_infinitive(verb: Token) -> bool:
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children)
    head = verb.head
    if head.i == verb.i:
        return True  # a headline
    return head.lemma_ in ("be", "go") and verb.dep_ == "xcomp"


# -- dates ---------------------------------------------------------------------------------------------


def date_range(value: str) -> tuple[date, date] | None:
    """The days a TIMEX3 value covers, or None when it is not a calendar point we can place."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})(-WE|-[1-7])?|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?", value)
    if m is None:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return day, day
        if m.group(2):
            month = int(m.group(2))
            first = date(year, month, 1)
            return first, (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        if m.group(4):
            monday = date.fromisocalendar(year, int(m.group(4)), 1)
            if m.group(5) and m.group(5) != "-WE":
                day = monday + timedelta(days=int(m.group(5)[1:]) - 1)
                return day, day
            return monday, monday + timedelta(days=6)
        if m.group(6):
            q = int(m.group(6))
            return date(year, 3 * q - 2, 1), (date(year + q // 4, (3 * q) % 12 + 1, 1) - timedelta(days=1))
        if m.group(7):
            return (date(year, 1, 1), date(year, 6, 30)) if m.group(7) == "1" else (date(year, 7, 1), date(year, 12, 31))
        if m.group(8):
            start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(8)]
            first = date(year, start, 1)
            return first, first + timedelta(days=91)
    except ValueError:
        return None
    return date(year, 1, 1), date(year, 12, 31)


def event_date_value(timex: model.TimeExpression) -> str | None:
    """The calendar part of a time expression's value when it can date an event ('2025-02-03'
    from '2025-02-03TEV'); None for durations, sets and PAST_REF-like values."""
    if timex.type not in ("DATE", "TIME"):
        return None
    value = timex.value.split("T", 1)[0] if "T" in timex.value[4:] else timex.value
    return value if TIMEX_VALUE.fullmatch(value) else None


def _grain(value: str) -> int:
    return {10: 0, 8: 1, 7: 2, 4: 3}.get(len(value), 2)


def attachment(article: Article, timex: model.TimeExpression) -> Token | None:
    """The word a time expression modifies: 'met' for 'on Monday' in 'met on Monday',
    'election' for "last year's" in "last year's election"."""
    span = article.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    current = span.root
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return None
        if span.start <= head.i < span.end or (head.dep_ in ("prep", "agent") and head.pos_ == "ADP") or head.ent_type_ in ("DATE", "TIME"):
            current = head  # through prepositions and the rest of a time phrase ("for a third day on Wednesday")
            continue
        return head
    return None


def read_date(
    article: Article, m: Mention, attached: dict[int, list[model.TimeExpression]], status: model.EventStatus
) -> model.EventDate | None:
    hosts = [m.frame.i, m.token.i] + ([m.head.i] if m.head is not None else [])
    options = [(t, v) for h in dict.fromkeys(hosts) for t in attached.get(h, []) if (v := event_date_value(t)) is not None]
    if options:
        timex, value = min(options, key=lambda o: (_grain(o[1]), abs(o[0].start - m.trigger.start)))
        return model.EventDate(value, "expression", timex.id)
    present_ref = any(t.value == "PRESENT_REF" for h in hosts for t in attached.get(h, []))
    if article.published is None or m.head is None or m.quoted == "direct" or status != "happened":
        return None
    verb_tense = tense(m.head)
    if any(c.dep_ == "advmod" and c.lower_ in HABITUAL for c in m.head.children):
        return None  # "is typically negotiated": a habit, not today's news
    lead = article.lead_sentence
    if present_ref or verb_tense == "present" or (verb_tense == "perfect" and lead[0] <= m.token.i < lead[1]):
        return model.EventDate(article.published.isoformat(), "publication")
    return None


def _future_date(article: Article, m: Mention) -> bool:
    if m.date is None or m.date.source != "expression" or article.published is None:
        return False
    span = date_range(m.date.value)
    return span is not None and span[0] > article.published


# --- one mention, then the article -------------------------------------------------------------------


def read_mention(article: Article, token: Token, kind: str, triggers: dict[int, str], attached: dict[int, list[model.TimeExpression]]) -> Mention:
    trigger, frame = trigger_span(article, token)
    if is_verb(token):
        head: Token | None = token
    else:
        head = support_head(frame, kind, triggers)
    chain = complement_chain(head if head is not None else frame)
    if head is None and frame.i != token.i:
        chain = complement_chain(frame)
    subject = subject_of(head)[0] if head is not None else None
    evidence = evidence_span(article, head if head is not None else frame, subject)
    m = Mention(kind, token, trigger, frame, head, chain, evidence)
    quote = article.quote_at(token)
    if quote is not None:
        m.quoted = quote.kind
        m.reported_by = replace(quote.speaker) if quote.speaker is not None else None
    m.participants, tokens = read_participants(article, m, triggers)
    m.location = read_location(article, m, tokens)
    status = read_status(article, m)
    m.date = read_date(article, m, attached, status)
    if status == "happened" and _future_date(article, m) and (head is None or tense(head) in ("present", None, "future")):
        status = "planned"  # "are meeting on Monday" (a Monday to come)
    if quote is not None and status in ("happened", "planned") and not _self_announced(article, m, quote):
        status = "reported"
    m.status = status
    if is_verb(frame):
        m.fresh = any(c.lower_ in ("again", "anew") for c in frame.children)  # "met again": another meeting
    else:
        dets = {c.lower_ for c in frame.children if c.dep_ in ("det", "poss")}
        m.anaphoric = bool(dets & DEFINITE) or any(c.dep_ == "poss" for c in frame.children)
        m.fresh = bool(_modifiers(frame) & FRESH_MODS or "another" in dets)
        m.bare = not dets and frame.tag_ in ("NN", "NNP") and not any(c.dep_ == "nummod" for c in frame.children)
    return m


def _self_announced(article: Article, m: Mention, quote: model.Quote) -> bool:
    """'The EU announced it would impose sanctions': the announcement is the news, so the event
    keeps its own status (the announcer is still ``reported_by``)."""
    if quote.cue is None or quote.speaker is None or quote.speaker.entity is None:
        return False
    cue = quote.cue.text.lower()
    if not cue.startswith(("announc", "declar", "confirm", "unveil")):
        return False
    return any(p.role == AGENT and p.entity == quote.speaker.entity for p in m.participants)


def find_mentions(article: Article) -> list[Mention]:
    doc = article.doc
    triggers: dict[int, str] = {}
    for i in candidate_indexes(article):
        kind = trigger_type(doc[i], article)
        if kind is not None:
            triggers[i] = kind
    if not triggers:
        return []
    # A verb carrying an event noun is part of that event ("signed an agreement"); a compound
    # noun before an event noun names the same event ("ceasefire talks").
    carried: set[int] = set()
    for i in list(triggers):
        token = doc[i]
        if token.pos_ in ("NOUN", "PROPN"):
            if token.dep_ == "compound" and token.head.i in triggers and token.head.pos_ in ("NOUN", "PROPN"):
                carried.add(i)
                continue
            _, frame = trigger_span(article, token)
            head = support_head(frame, triggers[i], triggers)
            if head is not None and head.i in triggers and head.i != i:
                carried.add(head.i)
    attached: dict[int, list[model.TimeExpression]] = {}
    for timex in article.time_expressions:
        host = attachment(article, timex)
        if host is not None:
            attached.setdefault(host.i, []).append(timex)
    return [read_mention(article, doc[i], kind, triggers, attached) for i, kind in sorted(triggers.items()) if i not in carried]


# --- one event per real-world event ---------------------------------------------------------------


def participant_key(p: model.Participant | model.Actor) -> str:
    """An entity id, or the head word of a description ('dockworkers' = "Dockworkers'")."""
    if p.entity:
        return p.entity
    words = re.findall(r"[a-z]+", p.name.lower().replace("'s", "").replace("’s", ""))
    return (words[-1].removesuffix("s") if words else p.name.lower()) or p.name.lower()


def _keys(participants: list[model.Participant], roles: Iterable[str]) -> set[str]:
    wanted = set(roles)
    return {participant_key(p) for p in participants if p.role in wanted}


def _compatible_sets(a: set[str], b: set[str], symmetric: bool) -> bool:
    if not a or not b:
        return True
    return a <= b or b <= a if symmetric else bool(a & b)


def compatible(event: Mention, m: Mention) -> bool:
    """Could two mentions be one event: the same type, no participant, place or date that
    contradicts, and neither negated while the other is not."""
    if event.type != m.type or (event.status == "negated") != (m.status == "negated"):
        return False
    if event.type in SYMMETRIC:
        sides = (AGENT, COUNTERPART, PARTICIPANT)
        if not _compatible_sets(_keys(event.participants, sides), _keys(m.participants, sides), True):
            return False
    else:
        for role in (AGENT, TARGET):
            if not _compatible_sets(_keys(event.participants, [role]), _keys(m.participants, [role]), False):
                return False
    if event.location is not None and m.location is not None and participant_key(event.location) != participant_key(m.location):
        return False
    if event.date is not None and m.date is not None and event.date.source == m.date.source == "expression":
        a, b = date_range(event.date.value), date_range(m.date.value)
        if a is not None and b is not None and (a[1] < b[0] or b[1] < a[0]):
            return False
    return True


def _shares_participant(event: Mention, m: Mention) -> bool:
    return bool(_keys(event.participants, (AGENT, COUNTERPART, TARGET, PARTICIPANT)) & _keys(m.participants, (AGENT, COUNTERPART, TARGET, PARTICIPANT)))


@dataclass
class Merged:
    """One event: the mentions that refer to it and what they say together."""

    first: Mention
    mentions: list[Mention]
    strong: bool  # whether the status comes from a mention with a verb of its own


def merge_mentions(mentions: list[Mention], headline_end: int = 0, lead: tuple[int, int] = (0, 0)) -> list[Merged]:
    """Fold each mention into the latest earlier event it can be the same as: of the same type,
    :func:`compatible`, and either referring back ('the exchange', 'the talks': a definite noun,
    not 'another' or 'a new' one), sharing a participant with it, or restating in the lead
    sentence an event of the headline (tokens before ``headline_end``)."""
    events: list[Merged] = []
    for m in mentions:
        target: Merged | None = None
        in_lead = lead[0] <= m.token.i < lead[1]
        if not m.fresh:
            for event in reversed(events):
                first = event.first
                if first.type != m.type or not compatible(first, m):
                    continue
                restated = in_lead and first.token.i < headline_end and len(event.mentions) == 1
                same_word = m.bare and any(e.token.lemma_.lower() == m.token.lemma_.lower() for e in event.mentions)
                if m.anaphoric or restated or same_word or _shares_participant(first, m):
                    target = event
                    break
        if target is None:
            events.append(Merged(m, [m], m.head is not None))
            continue
        _absorb(target, m)
        target.mentions.append(m)
    return events


def _absorb(event: Merged, m: Mention) -> None:
    """What a later mention adds: participants, a place, a date from an expression (over one
    taken from the publication date); its status when it has a verb of its own and the event's
    status came from a bare noun, or when the narrator says it happened."""
    first = event.first
    seen = {(p.role, participant_key(p)) for p in first.participants}
    for p in m.participants:
        if (p.role, participant_key(p)) not in seen:
            first.participants.append(p)
            seen.add((p.role, participant_key(p)))
    if first.location is None:
        first.location = m.location
    if m.date is not None and (first.date is None or (first.date.source == "publication" and m.date.source == "expression")):
        first.date = m.date
    strong = m.head is not None
    if strong and (not event.strong or (m.status == "happened" and m.quoted is None)):
        first.status, event.strong = m.status, True
        first.reported_by = m.reported_by or first.reported_by
    elif first.reported_by is None:
        first.reported_by = m.reported_by


# --- entry points ----------------------------------------------------------------------------------


def find_events(
    doc: Doc,
    entities: list[model.Entity],
    token_entity: dict[int, str],
    quotes: list[model.Quote],
    time_expressions: list[model.TimeExpression] | None = None,
    published: str | date | None = None,
) -> list[model.Event]:
    """The events of one parsed doc, ids ev1, ev2 ... in the order of their first mention.

    ``time_expressions`` (from the time stage) date events; ``published`` (YYYY-MM-DD) dates
    present-tense news that has no date of its own.
    """
    article = Article(doc, entities, token_entity, quotes, list(time_expressions or []), published_date(published))
    events = []
    mentions = find_mentions(article)
    if not mentions:
        return []
    lead = article.lead_sentence
    for n, merged in enumerate(merge_mentions(mentions, lead[0], lead), start=1):
        first = merged.first
        events.append(
            model.Event(
                id=f"ev{n}",
                type=first.type,
                trigger=first.trigger,
                evidence=first.evidence,
                status=first.status,
                participants=first.participants,
                location=first.location,
                date=first.date,
                reported_by=first.reported_by,
                mentions=[m.evidence for m in merged.mentions],
            )
        )
    return events


if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@Language.factory(
    "storyline_events",
    assigns=["doc._.events"],
    requires=["doc._.entities", "doc._.token_entity", "doc._.quotes", "token.dep", "token.lemma"],
)
def create_events_component(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent()


class EventsComponent:
    """spaCy component: sets ``doc._.events`` from the parse, the entities, the quotes and, when
    the time stage ran, ``doc._.time_expressions`` and ``doc._.published``."""

    def __call__(self, doc: Doc) -> Doc:
        timexes = doc._.time_expressions if Doc.has_extension("time_expressions") else None
        published = doc._.published if Doc.has_extension("published") else None
        doc._.events = find_events(doc, doc._.entities or [], doc._.token_entity or {}, doc._.quotes or [], timexes or [], published)
        return doc


__all__ = [
    "EVENT_TYPES", "EventsComponent", "Mention", "compatible", "date_range", "find_events", "merge_mentions",
    "read_status", "trigger_type",
]
