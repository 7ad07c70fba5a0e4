"""Who stands where and who presses whom: stances and pressures with their actors.

A *stance* is an actor's explicit support for or opposition to an issue, a proposal or another
actor; a *pressure* is one actor pressing another to act. Both are read off the parse, cue by cue
(:func:`drafts_at`), then given actors, ids and issue keys (:func:`assemble`):

* verbs of support and opposition ("backed", "condemned", "objected to", "voted against"), their
  nouns ("X's support for", "voiced opposition to", "a critic of", "drew criticism from") and
  adjectives ("opposed to", "pleased with", "reluctant to");
* wants and commitments ("wants Trump to eliminate the tariffs"; "They don't want the deal extended"
  opposes; "want the deal scrapped" opposes the deal; "promised to protect Medicaid" supports it);
* judgements ("called the process a sham", "described the call as improper", "X said the call was
  inappropriate"; in a quote with no saying verb, the speaker holds them);
* what a quoted speaker says must be done: "We must keep the bases open" supports keeping them
  open; "The regime must end the crackdown" presses the regime and opposes the crackdown;
* pressing cues: urged, pressed, pressured, demanded, called on / called for, asked, pushed, begged,
  pleaded with, implored, ordered, told ... to, forced, coerced, threatened, insisted that, put
  pressure on, X's demands / call for / attempt to coerce. A demand to end something opposes it.

**Actors** are resolved as quote speakers are (:class:`storyline.pipeline.quotes.Resolver`): names to
their entity; he/she/it/they to the subject of the saying verb above them, the speaker of the
indirect speech they sit in, or the subject they continue (gender the article shows respected);
"I"/"we" inside quotation marks to the quote's speaker. Collective actors ("hard-line coalition
partners") stay actors; :func:`actor_members` links them to their named members ("including X and
Y", an apposition, "Iran, Russia and Syria"). Named conjuncts hold a stance each ("Egypt and Jordan
criticised ..."). A stance inside someone's quote whose holder is a third party is *reported by*
that speaker ("Analysts say ministers want the deal scrapped": actor ministers, reported_by analysts),
unless the speaker speaks for the holder ("The United States does not support ...", said by the U.S.
commander). ``via`` is the id of the quote the stance sits in or is cued by.

**Precision first** (a wrong stance costs more than a missing one): no stance without a resolved
actor; none from questions, conditions, predictions ("may back", "is expected to back"),
perceptions ("a feeling that X doesn't want"), polls ("a poll shows most voters want"), refusals
read as their opposite ("refused to endorse" is one opposing stance), or what someone is urged to do;
negation only flips support ("did not support" opposes; "did not oppose" and "cannot defend" are
nothing).

**Issue keys.** Targets that are the same issue in other words share ``issue`` within one article.
The key is read off the target's head: a named entity gives its canonical name ("dana-levi"); a noun
gives its lemma, folded to a small synonym set (agreement, accord, pact, treaty -> deal), plus its
first compound or adjective modifier ("the gas deal" -> "gas-deal"); a verb phrase that keeps or
ends something ("keep the bases open", "the deal extended") is keyed by its object, any other verb
by verb and object ("investigate-biden"); "it"/"this" takes the issue last keyed in its sentence or
the one before. A key without a modifier joins the most recent issue with the same head noun ("the
agreement with Kordania" and "the deal" after "the gas deal" -> "gas-deal"); a different modifier
starts a new issue ("the oil deal" -> "oil-deal"). A pressure's ``issue`` is set when its demand is
about a stance's issue ("urged Reker to drop the gas deal" -> "gas-deal").

>>> doc = nlp("Levi backed the gas deal.")  # doctest: +SKIP
>>> stances, pressures = find_stances(doc, doc._.entities, doc._.token_entity, doc._.quotes)  # doctest: +SKIP
>>> stances[0].actor.name, stances[0].polarity, stances[0].target, stances[0].issue  # doctest: +SKIP
('Levi', 'support', 'the gas deal', 'gas-deal')
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline import model
from storyline.pipeline.lexicon import ANONYMOUS_SOURCE_NOUNS, REPORTING_VERBS, SPEECH_VERBS, TITLE_NOUNS
from storyline.pipeline.quotes import (
    PRONOUN_GENDER,
    Resolver,
    cue_lemma_ids,
    inside,
    noun_phrase,
    quoted_spans,
    subject_of,
)
from storyline.pipeline.text import text_of

# --- vocabulary (lowercase lemmas) -----------------------------------------------------------------

SUPPORT_VERBS = frozenset(
    """
    back endorse praise welcome support favour favor defend tout cheer applaud hail embrace champion
    commend laud approve salute like love thank recommend
    """.split()
)
OPPOSE_VERBS = frozenset(
    """
    oppose reject criticize criticise condemn denounce slam blast assail decry deplore lambaste
    castigate rebuke censure protest veto boycott accuse blame vilify disparage refuse hate regret
    fight hammer attack
    """.split()
)
# Verbs that take a stance only when negated: "did not accept the offer", "will not tolerate".
NEGATED_OPPOSE_VERBS = frozenset({"accept", "tolerate", "condone"})
# Verb + preposition: "objected to", "voted against", "sided with".
PREP_VERBS: dict[tuple[str, str], model.Polarity] = {
    ("object", "to"): "oppose",
    ("balk", "at"): "oppose",
    ("balk", "on"): "oppose",
    ("disagree", "with"): "oppose",
    ("lash", "at"): "oppose",
    ("protest", "against"): "oppose",
    ("rail", "against"): "oppose",
    ("campaign", "against"): "oppose",
    ("campaign", "for"): "support",
    ("argue", "against"): "oppose",
    ("vote", "against"): "oppose",
    ("fight", "against"): "oppose",
    ("side", "with"): "support",
    ("rally", "behind"): "support",
    ("rally", "against"): "oppose",
    ("push", "against"): "oppose",
    ("hope", "for"): "support",
    ("cheer", "on"): "support",
    ("distance", "from"): "oppose",
    ("complain", "about"): "oppose",
    ("complain", "of"): "oppose",
    ("tangle", "with"): "oppose",
    ("clash", "with"): "oppose",
}
# Stance nouns and the prepositions that introduce their target.
STANCE_NOUNS: dict[str, tuple[model.Polarity, frozenset[str]]] = {
    "support": ("support", frozenset({"for"})),
    "backing": ("support", frozenset({"for", "of"})),
    "endorsement": ("support", frozenset({"of", "for"})),
    "praise": ("support", frozenset({"for", "of"})),
    "approval": ("support", frozenset({"of", "for"})),
    "opposition": ("oppose", frozenset({"to", "against"})),
    "criticism": ("oppose", frozenset({"of", "over"})),
    "condemnation": ("oppose", frozenset({"of"})),
    "rejection": ("oppose", frozenset({"of"})),
    "objection": ("oppose", frozenset({"to"})),
    "outrage": ("oppose", frozenset({"over", "at", "about"})),
    "frustration": ("oppose", frozenset({"with", "over", "at"})),
    "anger": ("oppose", frozenset({"over", "at", "about", "with"})),
    "hatred": ("oppose", frozenset({"for", "of", "toward", "towards"})),
    "contempt": ("oppose", frozenset({"for"})),
    "alarm": ("oppose", frozenset({"at", "over", "about"})),
    "reluctance": ("oppose", frozenset({"to"})),
    "eagerness": ("support", frozenset({"to"})),
}
# People defined by a stance: "a vocal critic of X", "X, a supporter of Y".
HOLDER_NOUNS: dict[str, model.Polarity] = {
    "critic": "oppose",
    "opponent": "oppose",
    "supporter": "support",
    "backer": "support",
    "proponent": "support",
    "advocate": "support",
    "champion": "support",
}
CRIMES = frozenset(
    """
    rape assault murder killing fraud theft corruption bribery abuse harassment misconduct
    terrorism espionage smuggling trafficking embezzlement manslaughter crime crimes
    """.split()
)
# What "attack" can be aimed at in words rather than arms.
ISSUE_NOUNS = frozenset(
    """
    policy plan proposal decision record remark comment statement idea bill law deal approach charge
    ruling order extradition case lawsuit measure tax tariff ban reform rule regulation sanction
    agreement investigation inquiry impeachment move program programme project merger call request
    base conduct behavior behaviour handling response strategy action campaign system process offer
    allegation claim vote election budget cut hike increase
    """.split()
)
GENERIC_TARGETS = frozenset("fact way thing idea time moment feeling sound look part kind sort lot".split())
# Verbs that make a stance noun someone's: "voiced opposition to", "expressed support for".
LIGHT_VERBS = frozenset(
    """
    express voice declare signal show reiterate give offer pledge throw lend extend announce state
    repeat register air raise sound
    """.split()
)
# "The plan drew criticism from unions": the holder is the from-phrase, the target the subject.
RECEIVING_VERBS = frozenset({"draw", "face", "receive", "attract", "win", "earn", "get"})
# Adjectives (and participles read as adjectives): polarity and the words introducing the target.
STANCE_ADJECTIVES: dict[str, tuple[model.Polarity, frozenset[str]]] = {
    "oppose": ("oppose", frozenset({"to"})),
    "commit": ("support", frozenset({"to"})),
    "committed": ("support", frozenset({"to"})),
    "supportive": ("support", frozenset({"of"})),
    "critical": ("oppose", frozenset({"of"})),
    "hostile": ("oppose", frozenset({"to", "toward", "towards"})),
    "reluctant": ("oppose", frozenset({"to"})),
    "eager": ("support", frozenset({"to"})),
    "keen": ("support", frozenset({"to", "on"})),
    "happy": ("support", frozenset({"with", "about"})),
    "unhappy": ("oppose", frozenset({"with", "about"})),
    "angry": ("oppose", frozenset({"at", "over", "about", "with"})),
    "furious": ("oppose", frozenset({"at", "over", "about", "with"})),
    "please": ("support", frozenset({"with", "at", "by", "about", "to"})),
    "pleased": ("support", frozenset({"with", "at", "by", "about", "to"})),
    "delight": ("support", frozenset({"with", "at", "by"})),
    "delighted": ("support", frozenset({"with", "at", "by"})),
    "frustrate": ("oppose", frozenset({"with", "by", "over", "at"})),
    "frustrated": ("oppose", frozenset({"with", "by", "over", "at"})),
    "disappoint": ("oppose", frozenset({"with", "by", "in", "at"})),
    "disappointed": ("oppose", frozenset({"with", "by", "in", "at"})),
    "dissatisfied": ("oppose", frozenset({"with"})),
    "outrage": ("oppose", frozenset({"by", "over", "at"})),
    "outraged": ("oppose", frozenset({"by", "over", "at"})),
    "anger": ("oppose", frozenset({"by", "over", "at"})),
    "angered": ("oppose", frozenset({"by", "over", "at"})),
    "relieved": ("support", frozenset({"at", "by"})),
    "alarmed": ("oppose", frozenset({"that", "by", "at"})),
    "alarm": ("oppose", frozenset({"that", "by", "at"})),
}
WANT_VERBS = frozenset({"want", "wish"})
COMMITMENT_VERBS = frozenset({"promise", "pledge", "vow", "commit", "resolve", "swear"})
# What a quoted speaker calls something: "the call was inappropriate", "called it a sham".
NEGATIVE_WORDS = frozenset(
    """
    inappropriate improper wrong illegal unlawful unacceptable unconstitutional unjust unfair
    outrageous disgraceful shameful dangerous reckless irresponsible absurd ridiculous ludicrous
    misleading terrible horrible awful disastrous harmful counterproductive appalling deplorable
    unworkable immoral racist corrupt adverse
    sham disgrace hoax farce travesty charade outrage scandal disaster mistake failure injustice
    indictment betrayal catastrophe insult embarrassment witch-hunt crisis problem
    """.split()
)
POSITIVE_WORDS = frozenset(
    """
    credible feasible helpful fair beneficial justified legitimate overdue welcome vital essential good
    achievement success victory triumph milestone breakthrough
    """.split()
)
# Labels that judge what they are compounded with: "this impeachment sham" (not "the email scandal").
LABELS = frozenset({"sham", "hoax", "farce", "charade", "travesty", "witch-hunt", "disgrace"})
# Words that judge only when someone calls a thing so ("called his death a crisis").
NAMING_ONLY_WORDS = frozenset({"problem", "crisis", "failure", "mistake", "disaster", "catastrophe"})
# Positive words that only count when negated ("not credible"): said plainly they are assessments.
NEGATED_ONLY_WORDS = frozenset({"credible", "feasible", "helpful", "fair", "justified", "legitimate", "good"})
NAMING_VERBS = frozenset({"call", "describe", "label", "brand", "dub", "characterize", "characterise", "term"})
EVALUATING_VERBS = frozenset("slam criticize criticise denounce blast dismiss reject see view consider assail".split())
OPINION_VERBS = frozenset({"think", "believe", "feel", "consider", "find"})
# Verbs whose subject holds the judgement in their clause: "X told lawmakers the call was improper".
JUDGING_VERBS = SPEECH_VERBS | frozenset("think believe feel consider recognize recognise agree find".split())
COPULAS = frozenset({"be", "remain", "seem", "become"})
# Verbs whose object a demand or a want opposes or keeps: "demand that the deal be abandoned".
STOP_VERBS = frozenset(
    """
    end stop halt abandon scrap drop cancel repeal revoke reverse suspend block ban lift shelve ditch
    dismantle
    """.split()
)
KEEP_VERBS = frozenset({"keep", "extend", "maintain", "continue", "preserve", "renew", "protect", "save"})
STOP_NOUNS = frozenset({"end", "halt", "stop", "withdrawal", "repeal", "removal", "resignation", "ouster"})
# "refused to comment" is no stance.
NEUTRAL_ACTS = frozenset(
    """
    comment speak say answer elaborate discuss confirm disclose identify name respond reveal provide
    give specify talk be know see hear understand learn ask thank tell make think believe feel
    """.split()
)
PRESSURE_VERBS = frozenset(
    """
    urge press pressure demand call ask push implore beg plead force coerce order tell instruct
    request threaten insist
    """.split()
)
PRESSURE_NOUNS = frozenset({"pressure", "demand", "call"})
ATTEMPTS = frozenset({"attempt", "effort", "bid", "campaign", "push", "drive"})
# Verbs whose infinitive is not done: "refused to endorse", "declined to back".
DECLINING = frozenset({"refuse", "decline", "fail", "hesitate", "reluctant", "unwilling", "avoid"})
# Verbs whose that-clause is a demand or a want, not a report.
CLAUSE_DEMANDS = frozenset({"demand", "insist", "urge", "request", "want", "wish", "ask", "propose", "recommend"})
# Verbs whose infinitive is done by their object: "urged the public not to tolerate ...".
OBJECT_CONTROL = frozenset(
    "urge press pressure ask push implore beg force coerce order tell instruct request persuade convince encourage allow".split()
)
PRESSING_LIGHT_VERBS = frozenset({"put", "exert", "apply", "increase", "pile", "step", "ramp", "keep", "mount"})
MODALS = frozenset({"must", "should", "ought"})
# Quotes whose "X must ..." is a finding, not a demand of the speaker's.
NON_DEMAND_CUES = frozenset("rule decide find conclude estimate predict forecast expect believe think suggest accord".split())
COGNITION = frozenset("know understand see hear learn realize realise remember recognize recognise".split())
# Predictions and perceptions are not positions.
HEDGES = frozenset({"may", "might", "could"})
PREDICTING = frozenset({"expect", "likely", "unlikely", "poised", "set", "seem", "appear", "try", "threaten"})
PERCEPTION_NOUNS = frozenset(
    """
    feeling sense impression perception belief fear suspicion sign signal indication speculation
    rumor rumour expectation concern worry hope view accusation allegation claim charge reason
    suggestion question fact way
    """.split()
)
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
THIRD_PERSON = frozenset({"he", "she", "it", "they"})
_PRONOUN_FORMS = {"him": "he", "his": "he", "her": "she", "hers": "she", "its": "it", "them": "they", "their": "they"}


PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
GENDERED_NOUNS = {
    "wife": "f", "mother": "f", "daughter": "f", "sister": "f", "widow": "f", "woman": "f", "girl": "f",
    "husband": "m", "father": "m", "son": "m", "brother": "m", "widower": "m", "man": "m", "boy": "m",
}  # fmt: skip
COLLECTIVE_NOUNS = frozenset("group coalition government administration party company union alliance team".split())
# Common nouns that can hold a position or press someone (beside named entities and titles).
ACTOR_NOUNS = (
    frozenset(
        """
        government administration regime authorities ministry department agency commission
        committee council court judge party coalition partner alliance union group organization
        organisation association federation movement campaigner activist protester protestor
        demonstrator student teacher worker employee staff doctor physician nurse advocate
        lawmaker legislator legislature parliament congress senate senator member leader
        leadership officer police military army forces troop rebel militant opposition critic
        supporter opponent resident citizen voter people public business company firm investor
        shareholder analyst expert economist observer diplomat negotiator minister president
        premier chancellor spokesman spokeswoman spokesperson office bank regulator watchdog
        board prosecutor lawyer attorney governor mayor state country nation ally neighbour
        neighbor community organiser organizer unionist farmer grower producer manufacturer
        automaker retailer lender creditor employer executive management owner landlord tenant
        patient family parent victim survivor official hardliner conservative liberal
        progressive moderate nationalist environmentalist scientist researcher delegation camp
        faction bloc caucus side user customer provider utility consumer citizen newspaper man men
        woman women person child children hostage prisoner detainee inmate migrant refugee immigrant
        population politician educator client outlet media team crew proponent backer guard agent defendant plaintiff accuser colleague rival
        protestor signatory
        """.split()
    )
    | ANONYMOUS_SOURCE_NOUNS
    | TITLE_NOUNS
)
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PEOPLE = frozenset("people person man men woman women client clients inmate inmates defendant defendants".split())
# Nouns that name actors only in the plural.
PLURAL_ACTOR_NOUNS = frozenset({"business", "force", "state", "side", "user", "customer", "consumer", "member"})
# Parts of a group that hold what the group holds: "many in Hong Kong".
PORTION_NOUNS = frozenset("many some most few proportion section part number half".split())
POLL_WORDS = frozenset({"poll", "survey", "study", "data", "figure", "number", "percent", "majority"})
# Things whose "X supports Y" is a claim made by a picture or a count, not a report of X.
CLAIMING_THINGS = POLL_WORDS | frozenset({"advertisement", "ad", "video", "footage", "spot", "commercial", "image", "photo"})
# Nouns that report or measure positions without holding one.
NON_ACTORS = frozenset(
    """
    poll survey study report data figure number statistic research analysis index resolution
    percent majority minority share document letter statement
    """.split()
)
MEMBER_PREPS = frozenset({"including", "like", "such"})
# Target words folded together for issue keys.
SYNONYMS = {
    "agreement": "deal", "accord": "deal", "pact": "deal", "treaty": "deal",
    "proposal": "plan", "scheme": "plan", "programme": "plan", "program": "plan", "initiative": "plan",
    "legislation": "bill", "law": "bill",
    "levy": "tariff", "duty": "tariff",
    "inquiry": "investigation", "probe": "investigation",
    "truce": "ceasefire",
    "walkout": "strike",
    "move": "decision", "step": "decision", "shift": "decision",
    "sanctions": "sanction",
}
GENERIC_MODIFIERS = frozenset(
    """
    new current existing proposed latest possible planned potential recent controversial so-called
    whole entire own other such first last next final big small major
    """.split()
)
PREP_VERB_LEMMAS = frozenset(lemma for lemma, _ in PREP_VERBS)
CUE_LEMMAS = frozenset(
    SUPPORT_VERBS
    | OPPOSE_VERBS
    | NEGATED_OPPOSE_VERBS
    | {lemma for lemma, _ in PREP_VERBS}
    | set(STANCE_NOUNS)
    | set(HOLDER_NOUNS)
    | set(STANCE_ADJECTIVES)
    | WANT_VERBS
    | COMMITMENT_VERBS
    | {"like", "apology"}
    | NEGATIVE_WORDS
    | POSITIVE_WORDS
    | NAMING_VERBS
    | MODALS
    | {"have", "need"}
    | PRESSURE_VERBS
    | PRESSURE_NOUNS
    | {"get"}
    | {"favor", "favour"}
)
MAX_TARGET_TOKENS = 14
_SLUG = re.compile(r"[^a-z0-9]+")
POSSESSIVE = re.compile(r"\s*['’]s?$")


# --- small helpers on the parse --------------------------------------------------------------------


def pronoun_form(token: Token) -> str:
    """'their' -> 'they', 'him' -> 'he': the subject form of a personal pronoun."""
    return _PRONOUN_FORMS.get(token.lower_, token.lower_)


def slug(text: str) -> str:
    """'Dana Levi' -> 'dana-levi'."""
    return _SLUG.sub("-", text.lower().replace("’", "").replace("'", "")).strip("-")


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def prep_object(token: Token, preps: Iterable[str]) -> Token | None:
    """The object of the first 'to/for/of ...' phrase on ``token`` whose preposition is one of ``preps``."""
    wanted = set(preps)
    for c in token.children:
        if c.dep_ in {"prep", "agent", "dative"} and c.lower_ in wanted:
            obj = child(c, "pobj", "pcomp")
            if obj is not None:
                return obj
    return None


def is_negated(token: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in {"never", "no"} and c.dep_ in {"advmod", "det"} for c in token.children):
        return True
    # "did not want to accept": the negation sits on the governing verb of an xcomp
    return token.dep_ == "xcomp" and any(c.dep_ == "neg" for c in token.head.children)


def clause_verb(token: Token) -> Token:
    """The verb (or copula) heading the clause a token sits in."""
    current = token
    for _ in range(8):
        if current.pos_ in {"VERB", "AUX"} and current.dep_ not in {"amod", "aux", "auxpass"}:
            return current
        if current.head.i == current.i:
            break
        current = current.head
    return current


def is_hedged(verb: Token) -> bool:
    """Predictions, conditions and questions: 'may back', 'is expected to back', 'if X backs',
    'would X back ...?'."""
    ancestor = verb
    for _ in range(8):  # inside a condition or an open question at any depth: "to establish whether X ..."
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in ancestor.children):
            return True
        if ancestor.head.i == ancestor.i:
            break
        ancestor = ancestor.head
    current = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in current.children):
            return True
        if current.dep_ in {"xcomp", "acomp"} and current.head.lemma_.lower() in PREDICTING:
            return True
        if current.dep_ not in {"xcomp", "conj", "acomp"} or current.head.i == current.i:
            break
        current = current.head
    sent_end = verb.sent[-1]
    while sent_end.i > verb.sent.start and sent_end.is_punct and sent_end.text in {'"', "”", "’", "'"}:
        sent_end = verb.doc[sent_end.i - 1]
    return sent_end.text == "?"


def under_perception(token: Token) -> bool:
    """'a nagging feeling that the president doesn't want ...' is someone's perception, and 'a poll
    shows ...' an aggregate (see :func:`polled`): neither is a position."""
    current = token
    for _ in range(8):
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ in {"acl", "ccomp", "relcl"} and head.pos_ == "NOUN" and head.lemma_.lower() in PERCEPTION_NOUNS:
            return True
        if current.dep_ == "ccomp" and head.lemma_.lower() in {"believe", "imagine"} and any(
            c.lower_ in {"can", "could", "ca"} for c in head.children
        ):
            return True  # "I cannot believe Martha would not want ...": disbelief
        current = head
    return False


def is_headline(sent: Span) -> bool:
    """'A Curious Plan to Fight Climate Change': a title-case line, which the parser reads badly."""
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    return len(words) >= 3 and sum(t.is_title or t.is_upper for t in words) >= 0.8 * len(words) and sent[-1].text not in {".", '"', "”"}


def polled(token: Token) -> bool:
    """'a poll shows that most Americans want ...', '70 percent say that ... was wrong': what a poll
    shows, tracks or has respondents say is an aggregate of respondents, not anyone's position."""
    current = token
    for _ in range(8):
        head = current.head
        if head.i == current.i:
            return False
        if head.pos_ in {"VERB", "AUX"}:
            reporter = subject_of(head)
            if reporter is not None and reporter.tag_ in {"WDT", "WP"} and reporter.head.dep_ == "relcl":
                reporter = reporter.head.head  # "the poll, which tracks Americans' support for ..."
            if reporter is not None and reporter.lemma_.lower() in POLL_WORDS:
                return True
        current = head
    return False


def phrase_bounds(head: Token, start_at: Token | None = None) -> tuple[int, int]:
    """Token range of the phrase ``head`` heads, cut before relative clauses, asides and long tails;
    a relative pronoun stands for the phrase it refers to ('the deal, which X backed' -> 'the deal')."""
    doc = head.doc
    if is_relative(head) and start_at is None:
        return phrase_bounds(head.head.head)
    start = (start_at or head.left_edge).i
    end = head.right_edge.i + 1
    for c in head.children:
        if c.i > head.i and c.dep_ in {"relcl", "advcl", "parataxis", "punct"} and c.i < end:
            if c.dep_ == "punct" and c.text not in {",", ";", ":", "—", "–", "("}:
                continue
            end = c.i if c.dep_ == "punct" else c.left_edge.i
    for t in doc[head.i + 1 : end]:  # "drop the gas deal, which X backed": a non-restrictive clause
        if t.dep_ == "relcl" and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ",":
            end = min(end, t.left_edge.i - 1)
    end = min(end, start + MAX_TARGET_TOKENS)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ in {"cc", "mark"}):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ in {"mark", "aux"} and doc[start].lower_ == "to"):
        start += 1
    return start, end


def is_relative(token: Token) -> bool:
    """'which' in 'the deal, which X backed' (also 'that' when the tagger calls it a conjunction)."""
    return token.head.dep_ == "relcl" and (
        token.tag_ in {"WDT", "WP"} or token.lower_ in {"that", "which", "who", "whom"} and token.dep_ in {"dobj", "nsubj", "pobj"}
    )


def verb_phrase_bounds(verb: Token) -> tuple[int, int]:
    """'keep the bases open' for the verb of 'We must keep the bases open': the verb and what
    follows it, without the subject, auxiliaries or the infinitive 'to'."""
    return phrase_bounds(verb, start_at=verb)


# --- what one cue yields before its actor is resolved ----------------------------------------------


@dataclass
class Draft:
    """A stance or pressure found at a cue, with the tokens its parts are read from."""

    kind: str  # "stance" or "pressure"
    cue: Token
    holder: Token | None  # the actor (stance) or source (pressure) token
    target: tuple[int, int] | None  # token range of the stance target or the demand
    target_head: Token | None = None
    polarity: model.Polarity = "support"
    pressed: Token | None = None  # the pressure target token
    cue_end: Token | None = None  # last token of a multi-word cue ("called on", "must")
    speaker_is_holder: bool = False  # the quote's speaker holds it ("the call was inappropriate")
    needs_target: bool = False  # a speaker's "X must ...": only when X is an actor and the quote a statement


@dataclass
class Holder:
    actor: model.Actor
    reported_by: model.Actor | None
    via: str | None


@dataclass
class Reader:
    """One doc's stance and pressure finding: the parse, its quotes and the speaker resolver."""

    doc: Doc
    entities: dict[str, model.Entity]
    token_entity: dict[int, str]
    quotes: list[model.Quote]
    text: str = ""
    resolver: Resolver = field(init=False)
    starts: list[int] = field(init=False)
    token_starts: list[int] = field(init=False)
    by_cue: dict[int, model.Quote] = field(init=False)

    def __post_init__(self) -> None:
        self.text = self.text or text_of(self.doc)
        self.resolver = Resolver(self.doc, self.entities, self.token_entity)
        self.quotes = sorted(self.quotes, key=lambda q: (q.start, q.end))
        self.starts = [q.start for q in self.quotes]
        self.token_starts = self.doc.to_array("IDX").tolist() if len(self.doc) else []
        self.by_cue = {q.cue.start: q for q in self.quotes if q.cue is not None}

    @functools.cached_property
    def marked(self) -> list[tuple[int, int]]:
        """Characters inside quotation marks (scanned only when a first-person holder needs it)."""
        return quoted_spans(self.text)

    # -- quotes --

    def quote_at(self, char: int) -> model.Quote | None:
        """The innermost quote whose content holds ``char``."""
        i = bisect.bisect_right(self.starts, char)
        holding = [q for q in self.quotes[:i] if q.start <= char < q.end]
        return min(holding, key=lambda q: q.end - q.start) if holding else None

    def earlier_quotes(self, char: int) -> list[model.Quote]:
        return [q for q in self.quotes if q.end <= char]

    def token_at(self, char: int) -> Token | None:
        i = bisect.bisect_right(self.token_starts, char) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    # -- actors --

    def entity_type(self, token: Token) -> str | None:
        eid = self.token_entity.get(token.i)
        return self.entities[eid].type if eid is not None else None

    def is_actor_token(self, token: Token) -> bool:
        """Whether a holder token can name someone who takes a position: a person, organisation,
        place or group, a personal pronoun, or a noun for people or institutions. Aggregates
        ("51 percent", "a poll") are not actors."""
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if token.i == token.sent.start and nxt is not None and nxt.text in {"–", "—", "-", "--"}:
            return False  # "Indianapolis – Several thousand teachers ...": a dateline
        kind = self.entity_type(token)
        if kind is not None:
            return kind in ACTOR_TYPES
        if token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            if token.tag_ == "WP" and token.i > 1 and self.entity_type(token.doc[token.i - 2]) in ACTOR_TYPES:
                return True  # "the Taliban, who ..."
            return self.is_actor_token(token.head.head)  # "the Authority, which has rejected ..."
        if token.like_num and token.pos_ == "NUM" and any(c.lower_ == "the" for c in token.children):
            return True  # "the two were prepared to fight the charges"
        if token.pos_ == "PRON":
            return token.lower_ in FIRST_PERSON or pronoun_form(token) in THIRD_PERSON
        lemma = token.lemma_.lower()
        if token.pos_ not in {"NOUN", "PROPN"} and lemma not in PORTION_NOUNS:
            return False
        if lemma in NON_ACTORS or token.like_num and not any(c.lower_ == "the" for c in token.children) or any(c.lower_ in {"percent", "%"} or c.like_num and c.tag_ == "CD" for c in token.subtree if c.i < token.i + 3):
            return False
        if token.ent_type_ in ACTOR_TYPES:
            return True
        if token.tag_ in {"NNP", "NNPS"} or (token.is_title or token.is_upper) and token.i > token.sent.start and not token.is_stop:
            return True  # a name the model did not tag: "Wikileaks welcomed ..."
        if any(c.dep_ == "appos" and self.entity_type(c) in ACTOR_TYPES for c in token.children):
            return True  # "his predecessor, Fiona Hill,"
        if token.tag_ == "NNS" and any(c.dep_ == "compound" and self.entity_type(c) in ACTOR_TYPES for c in token.children):
            return True  # "Key Security Council powers"
        if lemma in PLURAL_ACTOR_NOUNS:
            return token.tag_ in {"NNS", "NNPS"}  # "businesses" hold positions, "the business" is a trade
        if lemma in ACTOR_NOUNS or token.lower_ in ACTOR_NOUNS:
            return True
        if lemma in PORTION_NOUNS:  # "many in Hong Kong", "a large proportion of the population"
            of = prep_object(token, {"of", "in"})
            return of is not None and (self.is_actor_token(of) or self.entity_type(of) is not None)
        return False

    def resolve(self, token: Token) -> model.Actor | None:
        """The actor a holder token names, or None when it names nothing that can hold a position."""
        if not self.is_actor_token(token):
            return None
        if token.pos_ == "PRON" and token.lower_ not in FIRST_PERSON and token.tag_ not in {"WP", "WDT"}:
            return self.pronoun(token)
        if token.tag_ == "WP" and token.head.dep_ == "relcl" and not self.is_actor_token(token.head.head):
            # "the Taliban, who have refused ...", the clause misattached to a later noun
            left = token.doc[token.i - 1] if token.i > 0 else token
            while left.i > 0 and left.is_punct:
                left = token.doc[left.i - 1]
            if left.i != token.i and self.entity_type(left) in ACTOR_TYPES:
                return self.resolve(left)
            return None
        if token.pos_ in {"NOUN", "PROPN"} and token.i not in self.token_entity and actor_members_of(token, self.token_entity):
            np = noun_phrase(token)
            return model.Actor(np.text, None, model.Span(np.start_char, np.end_char, np.text))
        if token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl":
            antecedent = token.head.head
            if token.lower_ == "who" and self.entity_type(antecedent) in {"GPE", "LOC", "FAC"}:
                # "donors from around the country who want ...": people, not the place
                while antecedent.dep_ == "pobj" and antecedent.head.head.pos_ in {"NOUN", "PROPN"}:
                    antecedent = antecedent.head.head
                if self.entity_type(antecedent) in {"GPE", "LOC", "FAC"}:
                    return None
                return self.resolve(antecedent)
            while antecedent.dep_ == "conj" and antecedent.head.i != antecedent.i:
                antecedent = antecedent.head  # "X is a serial liar, rampant xenophobe ... who has pledged"
            if antecedent.dep_ == "attr" and antecedent.head.lemma_ == "be":
                # "Cooperman is the investor who tangled with Warren": Cooperman
                subject = child(antecedent.head, "nsubj")
                if subject is not None and subject.i in self.token_entity:
                    return self.resolve(subject)
        actor = self.resolver.speaker(token, self.earlier_quotes(token.idx))
        actor.name = POSSESSIVE.sub("", actor.name) or actor.name
        if actor.mention is not None and POSSESSIVE.search(actor.mention.text) and token.tag_ != "PRP$":
            text = POSSESSIVE.sub("", actor.mention.text)
            actor.mention = model.Span(actor.mention.start, actor.mention.start + len(text), text)
        if token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl" and actor.entity is None:
            # "officials who accused ...": the mention is the antecedent's phrase, not "who"
            np = noun_phrase(token.head.head)
            actor.mention = model.Span(np.start_char, np.end_char, np.text)
        return actor

    def pronoun(self, token: Token, depth: int = 0) -> model.Actor | None:
        """he/she/it/they (and his, their ...) as a holder, resolved in this order: the subject of the
        reporting verb whose clause it sits in ("X said it would object"), the speaker of the
        indirect speech it sits in, for a possessive the nearest fitting noun before it ("accused
        the Democrats of being blinded by their hatred"), a subject earlier in its sentence, a
        person named earlier in its sentence (he/she), a subject of the two sentences before. Gender
        shown in the article is respected; inside a direct quote the speaker is not "he" (they would
        say "I"). None when nothing fits: an unresolved pronoun names nobody."""
        mention = model.Span(token.idx, token.idx + len(token.text), token.text)
        quote = self.quote_at(token.idx)
        own_voice = quote.speaker.entity if quote is not None and quote.kind == "direct" and quote.speaker else None

        def found(cand: Token | None, gender: bool = True) -> model.Actor | None:
            if cand is None or cand.i == token.i or cand.pos_ == "PRON" or not self.fits(token, cand, gender):
                return None
            actor = self.resolve(cand)
            if actor is None or own_voice is not None and actor.entity == own_voice:
                return None
            actor.mention = mention
            return actor

        clause = token.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in REPORTING_VERBS:
            reporter = subject_of(clause.head)
            if reporter is not None and reporter.pos_ == "PRON" and pronoun_form(reporter) == pronoun_form(token) and depth < 3:
                actor = self.pronoun(reporter, depth + 1)  # "he said he pressed his team ..."
                if actor is not None:
                    actor.mention = mention
                    return actor
            if reporter is not None and reporter.pos_ != "PRON" and self.fits(token, reporter, gender=False):
                # "X said he would object": X, unless the article shows X is of the other gender
                return found(reporter)
            # "Sondland told visiting Ukraine officials they would need to deliver": the told
            actor = found(child(clause.head, "dobj", "dative"))
            if actor is not None:
                return actor
        if quote is not None and quote.kind != "direct" and quote.speaker is not None and quote.speaker.mention is not None:
            span = self.doc.char_span(quote.speaker.mention.start, quote.speaker.mention.end, alignment_mode="expand")
            if span is not None and self.fits(token, span.root, gender=False) and self.speaker_is_actor(quote.speaker):
                if not self.fits(token, span.root):
                    return None  # the speaker, but of the other gender: better no actor than a wrong one
                actor = _copy(quote.speaker)
                actor.mention = mention
                return actor
        sent = token.sent
        before = self.doc[sent.start : token.i]
        if token.tag_ == "PRP$":
            for cand in reversed(before):
                if cand.pos_ in {"NOUN", "PROPN"} and cand.dep_ != "compound" and (actor := found(cand)) is not None:
                    return actor
        first = sent.start
        for _ in range(2):
            if first == 0:
                break
            first = self.doc[first - 1].sent.start
        # subjects (or their owners: "Mr. Trump's embrace ... He has") before it, this sentence first
        subjects = [t for t in reversed(self.doc[first : token.i]) if t.dep_ in {"nsubj", "nsubjpass"}]
        in_sentence = [t for t in subjects if t.i >= sent.start]
        for cand in in_sentence:
            for option in (cand, child(cand, "poss")):
                if (actor := found(option)) is not None:
                    return actor
        if pronoun_form(token) in PERSONAL_PRONOUNS:
            for cand in reversed(before):
                if self.entity_type(cand) == "PERSON" and (actor := found(cand)) is not None:
                    return actor
        for cand in subjects[len(in_sentence) :]:
            if cand.pos_ == "PRON" and pronoun_form(cand) == pronoun_form(token) and cand.i < sent.start:
                # "He was able to ... . And he railed against ...": the same pronoun continues its referent
                actor = self.pronoun(cand, depth + 1) if depth < 3 else None
                if actor is not None:
                    actor.mention = mention
                return actor
            for option in (cand, child(cand, "poss")):
                if (actor := found(option)) is not None:
                    return actor
        if pronoun_form(token) in PERSONAL_PRONOUNS:
            actor = self.resolver.pronoun(token, self.earlier_quotes(token.idx))
            if actor.entity is not None and actor.entity != own_voice:
                return actor
        return None

    def fits(self, pronoun: Token, cand: Token, gender: bool = True) -> bool:
        """Whether ``cand`` can be what ``pronoun`` refers to: a person for he/she, one organisation
        or place for it, a group or several for they."""
        form = pronoun_form(pronoun)
        if cand.pos_ == "PRON":
            return pronoun_form(cand) in PERSONAL_PRONOUNS if form in PERSONAL_PRONOUNS else pronoun_form(cand) == form
        if not self.is_actor_token(cand):
            return False
        kind = self.entity_type(cand)
        lemma = cand.lemma_.lower()
        plural = cand.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in cand.children)
        if form in PERSONAL_PRONOUNS:
            eid = self.token_entity.get(cand.i)
            known = self.resolver.genders.get(eid) if eid is not None and gender else None
            if known is not None and known != PRONOUN_GENDER[form]:
                return False  # "Clinton ... he": the article shows Clinton is a woman
            # the token's own tag counts too: a person the entity stage outvoted into an organisation,
            # or a name the model did not tag at all ("Because Dempsey suspected ..., he told")
            person = kind == "PERSON" or cand.ent_type_ == "PERSON" or kind is None and cand.tag_ == "NNP" and not cand.ent_type_
            if lemma in GENDERED_NOUNS and GENDERED_NOUNS[lemma] != PRONOUN_GENDER[form]:
                return False
            return not plural and (person or kind is None and (lemma in TITLE_NOUNS or lemma in GENDERED_NOUNS))
        if kind == "PERSON" or kind is None and lemma in TITLE_NOUNS and not plural:
            return False
        if form == "it":
            return not plural and (kind is not None or lemma in ACTOR_NOUNS)
        return plural or kind in {"ORG", "NORP", "GPE"} or lemma in COLLECTIVE_NOUNS

    def joint(self, token: Token, actor: model.Actor, split: bool) -> model.Actor:
        """'Iran, Russia and Syria have been pressuring ...': one collective source named by the whole
        coordination (its members are the conjuncts, see :func:`actor_members_of`)."""
        conjuncts = [t for t in _conjoined(token)[1:] if self.is_actor_token(t)]
        if not conjuncts or token.pos_ == "PRON" or token.dep_ == "conj" or split and all(map(is_named, [token, *conjuncts])):
            return actor  # named conjuncts hold their stances one by one (a pressure is pressed jointly)
        start, end = token.left_edge.i, max(c.right_edge.i for c in conjuncts) + 1
        while end > start + 1 and self.doc[end - 1].is_punct:
            end -= 1
        span = self.span(start, end)
        return model.Actor(span.text, None, span)

    def speaks_for(self, speaker: model.Actor, actor: model.Actor) -> bool:
        """Whether a quoted speaker speaks for the institution holding a stance in the quote: 'The
        United States does not support ...' said by 'the U.S. commander'."""
        if actor.entity is None or speaker.entity is None or actor.entity == speaker.entity:
            return False
        institution = self.entities[actor.entity]
        if institution.type not in {"ORG", "GPE", "NORP"}:
            return False
        person = self.entities[speaker.entity]
        names = {n.lower() for n in [institution.name, *institution.aliases]}
        names.add("".join(w[0] for w in institution.name.split() if w[:1].isupper()).lower())
        described = " ".join([*person.roles, speaker.mention.text if speaker.mention else ""]).lower()
        words = set(re.findall(r"[\w.-]+", described)) | {w.replace(".", "") for w in re.findall(r"[\w.-]+", described)}
        return any(n in words or (" " in n and n in described) for n in names if len(n) > 1)

    def holder(self, draft: Draft) -> Holder | None:
        cue = draft.cue
        quote = self.quote_at(cue.idx)
        speaker = quote.speaker if quote is not None else None
        via = quote.id if quote is not None else None
        if via is None and cue.idx in self.by_cue:
            via = self.by_cue[cue.idx].id
        if draft.speaker_is_holder:
            if speaker is None or not self.speaker_is_actor(speaker):
                return None
            return Holder(_copy(speaker), None, via)
        token = draft.holder
        if token is None:
            return None
        if token.lower_ in FIRST_PERSON and token.pos_ == "PRON":
            if speaker is None or not self.speaker_is_actor(speaker) or not self.in_own_voice(token):
                return None
            own = _copy(speaker)
            own.mention = model.Span(token.idx, token.idx + len(token.text), token.text)
            return Holder(own, None, via)
        resolved = self.resolve(token)
        if resolved is None:
            return None
        actor = self.joint(token, resolved, split=draft.kind == "stance")
        mention = actor.mention
        if mention is not None and mention.start < cue.idx < mention.end:
            # "A union representing flight attendants endorsed ...", the verb misparsed into the phrase
            text = self.text[mention.start : cue.idx].rstrip(" ,")
            actor.mention = model.Span(mention.start, mention.start + len(text), text)
            if actor.entity is None:
                actor.name = text
        reported_by = None
        if draft.kind == "stance" and speaker is not None and not same_actor(actor, speaker) and not self.speaker_is_actor(speaker):
            span = self.doc.char_span(speaker.mention.start, speaker.mention.end, alignment_mode="expand") if speaker.mention else None
            if span is not None and len(span) and span.root.lemma_.lower() in CLAIMING_THINGS:
                return None  # "the advertisement suggests that Phoenix supports ...": a claim, not a report
        if speaker is not None and not same_actor(actor, speaker) and self.speaker_is_actor(speaker):
            if quote is not None and quote.kind != "indirect" and self.speaks_for(speaker, actor):
                actor = _copy(speaker)
            else:
                reported_by = _copy(speaker)
        return Holder(actor, reported_by, via)

    def in_own_voice(self, token: Token) -> bool:
        """Whether a first-person pronoun is the quoted speaker's: inside quotation marks ("I" in
        indirect speech is the writer), and not in words the speaker reports of someone else
        ('Customers began to say "we want you to ..."')."""
        if not inside(self.marked, token.idx):
            return False
        current = token.head
        for _ in range(8):
            if current.lemma_.lower() in SPEECH_VERBS and current.i != token.i:
                subject = subject_of(current)
                if subject is not None and subject.lower_ not in FIRST_PERSON and inside(self.marked, current.idx):
                    return False
            if current.head.i == current.i:
                break
            current = current.head
        return True

    def is_demand(self, draft: Draft) -> bool:
        """A speaker's 'X must ...' presses X only when X is an actor and the quote is said, not a
        ruling or a forecast ('a judge ruled that X should remain in jail')."""
        if draft.pressed is None or self.pressed_actor(draft.pressed) is None:
            return False
        quote = self.quote_at(draft.cue.idx)
        if quote is None or quote.cue is None:
            # said in a quote, or under a saying verb: "Sondland told officials they would need to"
            return quote is not None or draft.holder is not None
        cue = self.token_at(quote.cue.start)
        return cue is None or cue.lemma_.lower() not in NON_DEMAND_CUES

    def speaker_is_actor(self, speaker: model.Actor) -> bool:
        if speaker.entity is not None:
            return self.entities[speaker.entity].type in ACTOR_TYPES
        token = self.token_at(speaker.mention.start) if speaker.mention else None
        if token is None:
            return False
        span = self.doc.char_span(speaker.mention.start, speaker.mention.end, alignment_mode="expand") if speaker.mention else None
        return self.is_actor_token(span.root if span is not None else token)

    def pressed_actor(self, token: Token | None, lenient: bool = False) -> model.Actor | None:
        """The actor pressed. With ``lenient`` (the object of a pressing verb: "coerce the auditors
        into ..."), any noun is taken as someone; a modal demand ("X must ...") needs a real actor."""
        if token is None:
            return None
        if token.lower_ in FIRST_PERSON and token.pos_ == "PRON":
            quote = self.quote_at(token.idx)
            if quote is not None and quote.speaker is not None:
                speaker = _copy(quote.speaker)
                speaker.mention = model.Span(token.idx, token.idx + len(token.text), token.text)
                return speaker
            return None
        actor = self.resolve(token)
        if actor is None and lenient and token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in {"DATE", "TIME"}:
            np = noun_phrase(token)
            actor = model.Actor(np.text, None, model.Span(np.start_char, np.end_char, np.text))
        return actor

    # -- spans --

    def span(self, start: int, end: int) -> model.Span:
        """A grounded span for the token range [start, end)."""
        first, last = self.doc[start], self.doc[end - 1]
        s, e = first.idx, last.idx + len(last.text)
        return model.Span(s, e, self.text[s:e])

    def evidence(self, token: Token) -> model.Span:
        """The sentence a cue sits in, trimmed of surrounding white space."""
        sent = token.sent
        s, e = sent.start_char, sent.end_char
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return model.Span(s, e, self.text[s:e])


def _copy(actor: model.Actor) -> model.Actor:
    mention = actor.mention
    return model.Actor(actor.name, actor.entity, model.Span(mention.start, mention.end, mention.text) if mention else None)


def same_actor(a: model.Actor, b: model.Actor) -> bool:
    if a.entity is not None and a.entity == b.entity:
        return True
    if a.mention is not None and b.mention is not None and a.mention.start == b.mention.start:
        return True
    return a.name.lower() == b.name.lower()


def actor_key(actor: model.Actor) -> str:
    return actor.entity or actor.name.lower()


def actor_members_of(token: Token, token_entity: dict[int, str]) -> list[str]:
    """Entity ids of the named members of a collective actor: 'coalition partners, including the
    Green Party and the Farmers Union', 'two parties, the Greens and Labour', or a coordination
    of names ('Iran, Russia and Syria have been pressuring ...')."""
    conjuncts = _conjoined(token)
    if len(conjuncts) > 1 and all(t.i in token_entity for t in conjuncts):
        return list(dict.fromkeys(token_entity[t.i] for t in conjuncts))
    plural = token.tag_ in {"NNS", "NNPS"}
    if not plural and token.lemma_.lower() not in COLLECTIVE_NOUNS:
        return []
    heads: list[Token] = []
    for c in token.children:
        if c.dep_ == "appos" and plural:  # a singular group in apposition is the group itself: "The group, X,"
            heads.append(c)
        elif c.dep_ == "prep" and c.lower_ in MEMBER_PREPS:  # "including X", "like X", "such as X"
            obj = child(c, "pobj") or (child(child(c, "prep") or c, "pobj") if c.lower_ == "such" else None)
            if obj is not None:
                heads.append(obj)
    members = [token_entity.get(m.i) for head in heads for m in _conjoined(head)]
    return list(dict.fromkeys(m for m in members if m is not None))


def actor_members(doc: Doc, token_entity: dict[int, str], actors: Iterable[model.Actor]) -> dict[tuple[int, int], list[str]]:
    """Entity ids of the named members of the collective actors among ``actors``, keyed by their
    mention's (start, end) offsets: {(0, 19): ["e2", "e3"]} for "Coalition partners, including
    the Green Party and the Farmers Union, demanded ..."."""
    result: dict[tuple[int, int], list[str]] = {}
    for actor in actors:
        mention = actor.mention
        if mention is None or actor.entity is not None:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        members = actor_members_of(span.root, token_entity) if span is not None and len(span) else []
        if members:
            result[(mention.start, mention.end)] = members
    return result


# --- the cues ------------------------------------------------------------------------------------------


def looks_like_actor(token: Token) -> bool:
    """A parse-only guess (no entities at hand) that a token names someone."""
    if token.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}:
        return False  # "called on Wednesday"
    return token.pos_ == "PROPN" or token.ent_type_ in ACTOR_TYPES or token.lemma_.lower() in ACTOR_NOUNS or token.lower_ in ACTOR_NOUNS


def _subject(verb: Token) -> Token | None:
    """The holder of a verb: its subject (through conjuncts and xcomps), the agent of a passive,
    the noun a participle or a misparsed finite 'acl' hangs on ('partners called on ...')."""
    if verb.dep_ == "conj" and verb.tag_ in {"VB", "VBP", "VBZ", "VBD"} and verb.head.tag_ == "VBN" and child(verb, "nsubj") is None:
        # "Businesses agree that China has gained and support X": a finite verb conjoined to a
        # participle belongs to the clause above, not to the participle's subject
        clause = verb.head
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ == "ccomp" and clause.head.pos_ == "VERB":
            return subject_of(clause.head)
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL:
        return child(verb.head, "dobj")
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # "I said, 'Tell them ...'": an imperative, misparsed as a complement
    if sum(c.dep_ == "nsubj" for c in verb.children) > 1:
        return None  # "Trump, while 5 percent prefer X, Y and 1 percent support Z": a broken parse
    subject = subject_of(verb)
    if subject is not None and verb.dep_ == "acl" and subject.i == verb.head.i and subject.dep_ in {"pobj", "dobj"}:
        return None  # "posted on Twitter accusing X": the participle is not Twitter's
    if subject is not None:
        return subject
    head = verb.head
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp":
        return subject_of(head.head)  # "the two were prepared to fight the charges"
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ in {"in", "by"} and head.head.pos_ in {"VERB", "AUX"}:
        return child(head.head, "nsubj")  # "as Bevin did in lashing out at teachers"
    finite = verb.tag_ in {"VBD", "VBZ", "VBP"}
    if verb.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and (finite or verb.tag_ == "VBG" and head.dep_ in {"nsubj", "ROOT", "appos"}):
        return head
    if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _conjoined(token: Token) -> list[Token]:
    """'Egypt and Jordan': each named conjunct of a holder is its own holder."""
    found = [token]
    for c in token.children:
        if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN"}:
            found.extend(_conjoined(c))
    return found


def verb_stances(verb: Token) -> list[Draft]:
    """'X backed/condemned Y', 'X objected to Y', 'Y was criticised by X', 'X did not accept Y'."""
    if verb.pos_ != "VERB":
        return []
    lemma = verb.lemma_.lower()
    negated = is_negated(verb)
    polarity: model.Polarity | None = None
    target: Token | None = None
    passive = _is_passive(verb)
    preps = {p for (v, p) in PREP_VERBS if v == lemma}
    if lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        polarity, target = "oppose", child(verb, "dobj")  # "called out Trump for his lies"
    elif lemma in SUPPORT_VERBS or lemma in OPPOSE_VERBS or lemma in NEGATED_OPPOSE_VERBS:
        if lemma in SUPPORT_VERBS:
            if any(c.dep_ == "prt" and c.lower_ in {"down", "off", "away", "out"} for c in verb.children):
                return []  # "back down", "back off"
            if negated and any(c.dep_ == "aux" and c.lower_ in {"can", "could", "ca"} for c in verb.children):
                return []  # "he cannot defend his record": an inability, not a position
            polarity = "oppose" if negated else "support"
        elif lemma in OPPOSE_VERBS:
            if negated:
                return []
            polarity = "oppose"
        else:
            if not negated:
                return []
            polarity = "oppose"
        if lemma == "like" and any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in verb.children):
            return []  # "would like to" is a want
        if passive:
            target = child(verb, "nsubjpass")
        elif lemma == "refuse":
            act = child(verb, "xcomp")
            if act is not None and act.lemma_.lower() not in NEUTRAL_ACTS:
                return [_stance(verb, _subject(verb), verb_phrase_bounds(act), act, polarity)]
            target = child(verb, "dobj")
        else:
            target = child(verb, "dobj")
            if target is None and preps:
                target = prep_object(verb, preps)  # "cheered on the move"
            if target is None and lemma in {"recommend", "support", "back"}:
                target = child(verb, "ccomp")  # "recommends all individuals get a flu vaccine"
    elif preps:
        obj = prep_object(verb, preps)
        if obj is None:
            return []
        prep = obj.head.lower_
        polarity = PREP_VERBS[(lemma, prep)]
        if negated:
            if polarity == "oppose":
                return []
            polarity = "oppose"
        target = obj
    if polarity is None or target is None or target.lower_ == "what":
        return []  # "denounce what X called ...": no target to read
    if target.pos_ == "PRON" and target.lower_ in {"it", "this", "that"} and lemma in {"like", "love"}:
        return []
    if lemma in {"like", "love", "hate"} and target.pos_ == "PRON" and target.lower_ not in {"him", "her", "them"}:
        return []
    if lemma in {"like", "love"} and target.lemma_.lower() in GENERIC_TARGETS:
        return []  # "I like the fact that ...", "I love the way you ...": no issue
    if lemma == "fight" and not (target.lemma_.lower() in ISSUE_NOUNS or is_named(target)):
        return []  # "fought the charges", "fight ISIS"; not "fought with the man"
    if lemma in {"welcome", "defend"} and (
        target.ent_type_ in {"PERSON", "GPE", "LOC", "FAC"} or target.lemma_.lower() in PEOPLE or target.lower_ in PEOPLE
    ):
        return []  # "welcomed X to the White House", "defend the country", "defended people accused of ..."
    if lemma in {"accuse", "blame"}:
        charge = prep_object(verb, {"of", "for"})
        if charge is not None and charge.lemma_.lower() in CRIMES:
            return []  # "accused of rape": a criminal charge, not a position
        blamed = prep_object(verb, {"on"}) if lemma == "blame" else None
        if blamed is not None:
            target = blamed  # "problems that he blamed on the policies of X": against the policies
    if lemma == "attack" and not (child(target, "poss") is not None or target.lemma_.lower() in ISSUE_NOUNS):
        return []  # "attacked each other's policies" is a position; "attacked a checkpoint" is not
    holder: Token | None
    if passive:
        agent = prep_object(verb, {"by"})
        if agent is None:
            return []
        holder = agent
    else:
        holder = _subject(verb)
    return [_stance(verb, h, phrase_bounds(target), target, polarity) for h in _holders(holder)]


def is_named(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ACTOR_TYPES


def _holders(token: Token | None) -> list[Token | None]:
    """The holders a stance is split over: each named conjunct ('Egypt and Jordan criticised ...'),
    each named member in apposition ('two Arab states - Egypt and Jordan - criticised ...'), else the
    one token (a coordination of common nouns, 'businesses and residents', stays one actor)."""
    if token is None:
        return [None]
    conjuncts = _conjoined(token)
    if len(conjuncts) > 1 and all(is_named(t) for t in conjuncts):
        return list(conjuncts)
    fronted = next((c for c in token.children if c.dep_ == "nmod" and is_named(c) and any(g.dep_ == "cc" for g in c.children)), None)
    if fronted is not None:
        return [fronted, token]  # "Holcomb and GOP legislative leaders", parsed as a modifier
    if token.tag_ in {"NNS", "NNPS"} and not is_named(token):
        appos = next((c for c in token.children if c.dep_ == "appos"), None)
        if appos is not None and all(is_named(t) for t in _conjoined(appos)):
            return list(_conjoined(appos))
    return [token]


def _stance(cue: Token, holder: Token | None, target: tuple[int, int], head: Token, polarity: model.Polarity) -> Draft:
    return Draft("stance", cue, holder, target, head, polarity)


def noun_stances(noun: Token) -> list[Draft]:
    """'X's support for Y', 'X voiced opposition to Y', 'Y drew criticism from X', 'X is a critic of Y'."""
    if noun.pos_ != "NOUN":
        return []
    lemma = noun.lemma_.lower()
    if lemma == "apology" and noun.dep_ == "dobj" and any(c.lower_ == "no" for c in noun.children):
        # "We make no apology for having a rebuttal account": for it
        target = prep_object(noun, {"for"})
        if target is None:
            return []
        return [_stance(noun, h, phrase_bounds(target), target, "support") for h in _holders(_subject(noun.head))]
    if lemma in STANCE_NOUNS:
        polarity, preps = STANCE_NOUNS[lemma]
        target = prep_object(noun, preps)
        if target is None and "to" in preps:  # "Trump's reluctance to roll back tariffs"
            target = next((c for c in noun.children if c.dep_ in {"acl", "xcomp"} and c.pos_ in {"VERB", "AUX"}), None)
        owner = child(noun, "poss")
        if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() == "have" and polarity == "support":
            # "Matt has my Complete and Total Endorsement": the owner of the noun backs the subject
            owner, target = child(noun, "poss"), child(noun.head, "nsubj")
        if owner is not None and target is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() == "have":
            target = child(noun.head, "nsubj")
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in RECEIVING_VERBS:
            source = prep_object(noun.head, {"from"}) or prep_object(noun, {"from"})
            subject = child(noun.head, "nsubj")
            if source is None or subject is None:
                return []
            return [_stance(noun, h, phrase_bounds(subject), subject, polarity) for h in _holders(source)]
        if target is None and noun.dep_ == "dobj":
            # "raised alarm at the terms", "disguising their frustration with his focus": the phrase
            # hung on the verb, right after the noun
            obj = prep_object(noun.head, preps)
            if obj is not None and (noun.head.lemma_.lower() in LIGHT_VERBS or obj.head.i == noun.right_edge.i + 1):
                target = obj
        if target is None:
            return []
        if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
            if is_negated(noun.head) or is_hedged(noun.head):
                return []
            owner = _subject(noun.head)
        if owner is None:
            return []
        return [_stance(noun, h, phrase_bounds(target), target, polarity) for h in _holders(owner)]
    if lemma in HOLDER_NOUNS:
        target = prep_object(noun, {"of"})
        if target is None:
            return []
        polarity = HOLDER_NOUNS[lemma]
        frame = noun
        if noun.dep_ == "pobj" and noun.head.head.lower_ == "one":  # "one of the most vocal critics of"
            frame = noun.head.head
        if lemma == "opponent" and any(c.lower_ == "political" for c in noun.children):
            return []  # "a political opponent of the president": a rival, not a position
        holder: Token | None = None
        if frame.dep_ == "attr" and frame.head.lemma_ == "be":
            if is_negated(frame.head):
                return []
            holder = child(frame.head, "nsubj")
        elif frame.dep_ == "appos":
            holder = frame.head
        if holder is None:
            return []
        return [_stance(noun, h, phrase_bounds(target), target, polarity) for h in _holders(holder)]
    return []


def adjective_stances(word: Token) -> list[Draft]:
    """'X is opposed to Y', 'X is pleased with Y', 'X has been reluctant to commit', 'X, angered by Y'."""
    lemma = word.lemma_.lower()
    if lemma not in STANCE_ADJECTIVES or word.pos_ not in {"ADJ", "VERB"}:
        return []
    polarity, preps = STANCE_ADJECTIVES[lemma]
    that_clause = word.tag_ == "VBN" and "that" in preps and child(word, "ccomp") is not None
    if word.pos_ == "VERB" and not (_is_passive(word) or word.dep_ in {"acomp", "acl", "conj", "advcl"} or that_clause):
        return []
    if word.pos_ == "VERB" and word.dep_ == "conj" and not _is_passive(word) and word.head.dep_ != "acomp":
        return []
    if word.pos_ == "VERB" and lemma in {"oppose", "commit"} and not any(c.lower_ == "to" and c.dep_ == "prep" for c in word.children):
        return []
    target: Token | None = None
    bounds: tuple[int, int] | None = None
    if "to" in preps:
        act = child(word, "xcomp")
        if act is not None and act.lemma_.lower() == "see" and child(act, "ccomp") is not None:
            act = child(act, "ccomp")  # "pleased to see authorities investigate ..."
            if act is not None:
                target, bounds = act, phrase_bounds(act)
        elif act is not None and act.pos_ in {"VERB", "AUX"} and act.lemma_.lower() not in NEUTRAL_ACTS:
            target, bounds = act, verb_phrase_bounds(act)
    if target is None and "that" in preps:
        clause = child(word, "ccomp")
        if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            target, bounds = clause, phrase_bounds(clause, start_at=clause.doc[clause.left_edge.i + 1])
    if target is None:
        wanted = preps - {"to", "that"} if lemma in {"reluctant", "eager"} else preps - {"that"}
        # "pleased and relieved at the release": the phrase may hang on the last conjunct
        for word_or_conj in [word, *(c for c in word.children if c.dep_ == "conj")]:
            obj = prep_object(word_or_conj, wanted)
            if obj is not None:
                target, bounds = obj, phrase_bounds(obj)
                break
    if target is None or bounds is None:
        return []
    frame = word
    if word.dep_ in {"acomp", "conj"} and word.head.pos_ in {"AUX", "VERB"}:
        frame = word.head
    if is_negated(word) or is_negated(frame):
        if polarity == "oppose":
            return []
        polarity = "oppose"
    if word.dep_ in {"acl", "advcl"} and word.head.pos_ in {"NOUN", "PROPN"}:
        holder: Token | None = word.head
    elif _is_passive(word):
        holder = child(word, "nsubjpass") or _subject(word)
    else:
        holder = _subject(frame)
    return [_stance(word, h, bounds, target, polarity) for h in _holders(holder)]


def commitment_stances(verb: Token) -> list[Draft]:
    """'X promised to protect Medicaid' supports it, 'vowed to end the blockade' opposes it, 'pledged
    to take action against X' opposes X."""
    act = child(verb, "xcomp")
    if verb.pos_ != "VERB" or act is None or is_negated(verb):
        return []
    holders = _holders(_subject(verb))
    obj = child(act, "dobj")
    if obj is None or obj.pos_ == "PRON":
        return []
    act_lemma = act.lemma_.lower()
    if act_lemma in KEEP_VERBS or act_lemma in STOP_VERBS:
        polarity: model.Polarity = "support" if act_lemma in KEEP_VERBS else "oppose"
        return [_stance(verb, h, phrase_bounds(obj), obj, polarity) for h in holders]
    if act_lemma == "take" and obj.lemma_.lower() in {"action", "measure", "step"}:
        against = prep_object(obj, {"against"}) or prep_object(act, {"against"})
        if against is not None:
            return [_stance(verb, h, phrase_bounds(against), against, "oppose") for h in holders]
    return []


def want_stances(verb: Token) -> list[Draft]:
    """'X wants Y to go' supports Y going; 'X doesn't want the deal extended' opposes it; a wanted end
    ('want the deal scrapped') opposes the thing ended. 'X wants to ...' (a self-action) is no stance."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB":
        return []
    if lemma == "like":
        if not any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in verb.children):
            return []
    elif lemma not in WANT_VERBS:
        return []
    negated = is_negated(verb)
    comp = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i), None)
    obj = child(verb, "dobj")
    head: Token | None = None
    bounds: tuple[int, int] | None = None
    if comp is not None:
        own_subject = child(comp, "nsubj", "nsubjpass")
        if comp.lemma_.lower() == "see" and child(comp, "ccomp") is not None:  # "would like to see X do Y"
            comp = child(comp, "ccomp")
            assert comp is not None
            own_subject = child(comp, "nsubj", "nsubjpass")
        if is_question(comp):
            return []  # "I want to see how he translates that"
        if own_subject is None and obj is None:
            # "wants to ...", "did not want to interrupt": what the holder means to do, not a position
            return []
        if comp.lemma_.lower() in NEUTRAL_ACTS:
            return []
        start = (obj or own_subject or comp).left_edge.i if (obj or own_subject) is not None else comp.i
        head, bounds = comp, phrase_bounds(comp, start_at=verb.doc[start])
        ended = own_subject if own_subject is not None else obj
        if comp.lemma_.lower() in STOP_VERBS and ended is not None and ended.pos_ != "PRON":
            # "want the deal scrapped": against the deal
            head, bounds = ended, phrase_bounds(ended)
            return [_stance(verb, h, bounds, head, "support" if negated else "oppose") for h in _holders(_subject(verb))]
    elif obj is not None and negated and obj.pos_ in {"NOUN", "PROPN"}:
        # "We don't want those people": against them. A plain "wants a deal" is too often a wish
        # about the holder's own lot to read as a position.
        head, bounds = obj, phrase_bounds(obj)
    if head is None or bounds is None:
        return []
    return [_stance(verb, h, bounds, head, "oppose" if negated else "support") for h in _holders(_subject(verb))]


def evaluation_stances(word: Token) -> list[Draft]:
    """What a holder calls something: 'X called the process a sham', 'X described the call as
    improper', 'X said the call was inappropriate'; in a quote with no such verb, 'the call was
    inappropriate' and 'this impeachment sham' are held by the quote's speaker."""
    lemma = word.lemma_.lower()
    if lemma not in NEGATIVE_WORDS and lemma not in POSITIVE_WORDS or word.pos_ not in {"ADJ", "NOUN"}:
        return []
    positive = lemma in POSITIVE_WORDS
    frame = word
    while frame.dep_ == "conj" and frame.head.i != frame.i:
        frame = frame.head  # "self-serving and not credible": the first conjunct carries the frame
    if frame.dep_ == "amod" and frame.head.dep_ in {"attr", "oprd"}:  # "is not a very good deal"
        frame = frame.head
    while frame.head.lower_ == "as" and frame.head.i != frame.i:  # "slammed X as a disgrace"
        frame = frame.head
    verb = frame.head
    negated = is_negated(word) or is_negated(frame) or (verb.pos_ in {"AUX", "VERB"} and is_negated(verb))
    judging = _judging_verb(verb) if frame.dep_ in {"acomp", "attr"} else None
    if judging is not None and judging.lemma_.lower() in OPINION_VERBS and is_negated(judging):
        negated = not negated  # "she did not think a severe sentence would be helpful"
    if lemma in NEGATED_ONLY_WORDS and not negated or negated and not positive:
        return []
    polarity: model.Polarity = "support" if positive and not negated else "oppose"
    if verb.lemma_.lower() in NAMING_VERBS | EVALUATING_VERBS and frame.dep_ in {"oprd", "prep", "ccomp", "xcomp", "advmod", "attr", "dobj"}:
        obj = child(verb, "dobj")
        if obj is None or obj.i == frame.i:
            return []
        return [_stance(word, h, phrase_bounds(obj), obj, polarity) for h in _holders(_subject(verb))]
    if lemma in NAMING_ONLY_WORDS:
        return []  # "meth is a serious problem": a problem is named, no proposal judged
    if any(c.lower_ in {"less", "more", "as"} or c.lower_ == "than" for c in word.children):
        return []  # "less harmful than other drugs": a comparison, not a verdict
    if frame.dep_ in {"acomp", "attr"} and verb.lemma_.lower() in COPULAS:
        subject = child(verb, "nsubj", "csubj")
        if subject is None or subject.pos_ == "PRON" and not (subject.lower_ == "it" and verb.dep_ == "ccomp"):
            return []  # "it is important to ...", "we are wrong": no target to read
        if subject.pos_ == "PRON" and any(c.dep_ in {"xcomp", "ccomp", "csubj"} for c in verb.children):
            return []
        if any(t.lower_ in FIRST_PERSON for t in subject.subtree):
            return []  # "the first session I did was a disaster": the speaker's own doings
        if subject.pos_ == "PRON" and any(t.tag_ == "TO" and t.i > word.i for t in verb.subtree):
            return []  # "it would be improper for him to speak": an extraposed clause
        if subject.pos_ in {"NOUN", "PROPN"} and not judged(subject):
            return []  # "excessive bleeding would be dangerous": a fact of the world, not a proposal
        bounds = phrase_bounds(subject) if subject.dep_ != "csubj" else verb_phrase_bounds(subject)
        return [_evaluated(word, verb, bounds, subject, polarity)]
    if word.pos_ == "NOUN" and lemma in LABELS and frame is word:
        # "this impeachment sham": the compound names what is judged
        compound = next((c for c in word.children if c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"}), None)
        if compound is not None:
            return [_evaluated(word, clause_verb(word), (compound.left_edge.i, compound.i + 1), compound, polarity)]
    return []


def judged(noun: Token) -> bool:
    """Whether a noun names something a stance can be about: an act, a proposal or decision, an
    actor, or something an actor owns ('Trump's call')."""
    lemma = noun.lemma_.lower()
    if lemma in ISSUE_NOUNS or is_act(noun) or is_named(noun) or lemma in ACTOR_NOUNS:
        return True
    return any(c.dep_ in {"poss", "compound"} and (is_named(c) or c.lower_ in {"his", "her", "their", "its"}) for c in noun.children)


def _evaluated(word: Token, verb: Token, bounds: tuple[int, int], head: Token, polarity: model.Polarity) -> Draft:
    """A judgement held by the subject of the saying or thinking verb above it ('X said the call
    was inappropriate'), else by the speaker of the quote it sits in."""
    draft = _stance(word, _judge(verb), bounds, head, polarity)
    draft.speaker_is_holder = draft.holder is None
    return draft


def _judge(verb: Token) -> Token | None:
    """The subject of the saying or thinking verb whose clause ``verb`` heads, if any."""
    judging = _judging_verb(verb)
    return _subject(judging) if judging is not None else None


def _judging_verb(verb: Token) -> Token | None:
    """The saying or thinking verb whose clause ``verb`` heads: 'said' in 'X said the call was improper'."""
    current = verb
    for _ in range(4):
        if current.dep_ not in {"ccomp", "conj"} or current.head.i == current.i:
            return None
        current = current.head
        if current.lemma_.lower() in JUDGING_VERBS:
            return current
    return None


def modal_drafts(token: Token) -> list[Draft]:
    """What a quoted speaker says must be done. 'We must keep the bases open' supports keeping them
    open; 'The regime must end the crackdown' presses the regime (and opposes the crackdown); 'China
    is going to have to make a deal' and 'they would need to deliver' press too. The speaker and the
    pressed actor are resolved later (``Draft.speaker_is_holder``, ``Draft.needs_target``)."""
    lemma = token.lemma_.lower()
    verb: Token | None = None
    if token.tag_ == "MD" and lemma in MODALS:
        verb = token.head if token.dep_ == "aux" else None
    elif lemma in {"have", "need"} and token.pos_ in {"VERB", "AUX"}:
        act = child(token, "xcomp")
        before = {t.lower_ for t in token.doc[max(token.i - 3, 0) : token.i]}
        future = "going" in before or bool(before & {"will", "would", "'ll", "'d"})
        # "China is going to have to", "they would need to deliver", "X needs to start giving"
        stated = future or lemma == "need" and token.tag_ in {"VBP", "VBZ"}
        if act is not None and stated and _has_to(act):
            verb = act
    if verb is None or verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in {"be", "have"}:
        return []
    if verb.dep_ == "relcl" or token.dep_ == "relcl":
        return []  # "the Russians, who need to undertake an assessment": a description, not a demand
    if verb.lemma_.lower() in COGNITION:
        return []  # "the public needs to know": no act demanded
    subject = child(verb, "nsubj") or subject_of(token if verb is not token.head else verb)
    if subject is None or _is_passive(verb) or is_negated(verb) or is_negated(token):
        return []
    found: list[Draft] = []
    obj = child(verb, "dobj")
    ends = verb.lemma_.lower() in STOP_VERBS and obj is not None and obj.pos_ != "PRON"
    if subject.pos_ == "PRON" and subject.lower_ in FIRST_PERSON:
        if subject.lower_ != "we" or lemma != "must":
            return []  # "I have to say", "we should be doing": a speaker's own chores
        if ends and obj is not None:
            found.append(_stance(token, subject, phrase_bounds(obj), obj, "oppose"))
        elif verb.lemma_.lower() not in NEUTRAL_ACTS and any(c.dep_ in {"dobj", "xcomp", "oprd", "prep", "ccomp"} for c in verb.children):
            found.append(_stance(token, subject, verb_phrase_bounds(verb), verb, "support"))
        return found
    if subject.pos_ == "PRON" and subject.lower_ not in {"they", "he", "she"}:
        return []
    judge = _judge(verb)  # "X told teachers that the Legislature should direct money ..."
    pressure = Draft("pressure", token, judge, verb_phrase_bounds(verb), verb, pressed=subject)
    pressure.speaker_is_holder, pressure.needs_target = judge is None, True
    found.append(pressure)
    if ends and obj is not None:
        stance = _stance(token, judge, phrase_bounds(obj), obj, "oppose")
        stance.speaker_is_holder, stance.needs_target = judge is None, True
        stance.pressed = subject
        found.append(stance)
    return found


def _demand_after(token: Token) -> Token | None:
    """The infinitive a pressing verb (or its object) governs: 'urged X *to leave*', also where the
    parser hung it on a noun in between ('told by Bolton — Morrison's supervisor — *to go*')."""
    for c in token.children:
        if c.i < token.i or c.pos_ not in {"VERB", "AUX"}:
            continue
        if c.dep_ == "xcomp" or c.dep_ in {"advcl", "acl", "ccomp", "relcl"} and _has_to(c):
            return c
    if token.pos_ not in {"VERB", "AUX"}:
        return None
    # the parser may hang it on a noun of the pressed or the presser: take an infinitive whose "to"
    # comes right after one of them (asides in dashes or commas skipped)
    ends = {
        t.i
        for c in token.children
        if c.dep_ in {"dobj", "nsubjpass", "agent", "dative"} or c.dep_ == "prep" and c.lower_ in {"with", "on", "upon"}
        for t in c.subtree
    }
    for t in token.subtree:
        if t.i <= token.i or t.pos_ not in {"VERB", "AUX"} or not _has_to(t):
            continue
        head = t.head
        while head.i != token.i and head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
        if head.i != token.i:
            continue  # the infinitive of another clause: "tells lies that X could ... to check him"
        to = next(g for g in t.children if g.lower_ == "to" and g.dep_ == "aux")
        previous = to.i - 1
        while previous > token.i and token.doc[previous].is_punct:
            previous -= 1
        if previous in ends:
            return t
    return None


def is_act(noun: Token) -> bool:
    """A noun naming an act one can order or urge: 'investigations', 'an end', 'a withdrawal'."""
    lemma = noun.lemma_.lower()
    return lemma in STOP_NOUNS or lemma in ISSUE_NOUNS or lemma.endswith(("tion", "sion", "ment", "ance", "ence", "al", "ure"))


def is_question(clause: Token) -> bool:
    """'how he translates that', 'whether it works', 'what they want': an embedded question."""
    return any(
        t.tag_ in {"WRB", "WP", "WDT"} or t.dep_ == "mark" and t.lower_ in {"whether", "if"}
        for t in clause.doc[clause.left_edge.i : clause.i]
    )


def _has_to(verb: Token) -> bool:
    return any(g.lower_ == "to" and g.dep_ == "aux" for g in verb.children)


def pressure_drafts(verb: Token) -> list[Draft]:
    """'X urged Y to Z', 'X called on Y to Z', 'X called for Z', 'X demanded that Y Z', 'Y was told by X
    to Z', 'X asked Y for Z', 'X threatened Y with Z', 'X put pressure on Y to Z'."""
    lemma = verb.lemma_.lower()
    if verb.pos_ == "NOUN":
        return _pressure_noun(verb)
    if verb.pos_ != "VERB" or lemma not in PRESSURE_VERBS and not (lemma == "get" and verb.head.lemma_.lower() in ATTEMPTS):
        return []  # "get" presses only as someone's effort: "the president's efforts to get Ukraine to ..."
    if is_negated(verb) or is_hedged(verb):
        return []
    passive = _is_passive(verb)
    source = prep_object(verb, {"by"}) if passive else _subject(verb)
    if source is None and verb.dep_ in {"acl", "xcomp"} and verb.head.lemma_.lower() in ATTEMPTS:
        source = child(verb.head, "poss")  # "Trump's attempt to coerce Ukraine into ..."
    if source is None and verb.dep_ == "advcl" and _has_to(verb) and verb.head.pos_ in {"VERB", "AUX"}:
        source = subject_of(verb.head)  # "teachers surrounded the Statehouse to call for better pay"
    obj = child(verb, "nsubjpass") if passive else child(verb, "dobj", "dative")
    pressed: Token | None = None
    demand: Token | None = None
    demand_bounds: tuple[int, int] | None = None
    cue_end: Token | None = None
    comp = _demand_after(verb) or (_demand_after(obj) if obj is not None else None)
    if lemma == "call":
        if any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
            return []  # "calling out Trump for his lies" criticises; it presses no one
        if source is None and verb.dep_ == "acl" and not passive and verb.head.pos_ in {"NOUN", "PROPN"}:
            source = verb.head  # "The Authority - which ... - called for": a finite verb misparsed
        on = next(
            (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "upon"} and looks_like_actor(child(c, "pobj") or c)),
            None,
        )  # not "on Wednesday"
        for_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"), None)
        if on is not None:
            pressed = child(on, "pobj")
            comp = comp or (_demand_after(pressed) if pressed is not None else None)
            if comp is None and pressed is not None:
                comp = next((c for c in verb.children if c.dep_ in {"advcl", "xcomp"}), None)
            demand, cue_end = comp, on
        elif for_ is not None:
            demand, cue_end = child(for_, "pobj"), for_
            pressed = prep_object(verb, {"from"}) or (prep_object(demand, {"from"}) if demand is not None else None)
        else:
            return []
    elif lemma == "plead":
        pressed = prep_object(verb, {"with"})
        demand = comp or (_demand_after(pressed) if pressed is not None else None)
        clause = next((c for c in verb.children if c.dep_ == "advcl" and any(g.lower_ == "with" for g in c.children)), None)
        if pressed is None and clause is not None:
            # "pleaded with the administration to reconsider", parsed as a "with"-clause
            pressed, demand = child(clause, "nsubj"), clause
        if pressed is None or demand is None:
            return []
        cue_end = pressed.head
    elif lemma in {"ask", "press", "push"}:
        for_ = prep_object(verb, {"for"})
        if lemma == "ask" and any(c.dep_ in {"ccomp"} and any(g.dep_ == "mark" or g.tag_ in {"WP", "WRB", "WDT"} for g in c.children) for c in verb.children):
            return []  # "asked whether", "asked what"
        to = prep_object(verb, {"to"}) if lemma == "press" else None
        if obj is not None and comp is not None and comp.dep_ != "ccomp":
            pressed, demand = obj, comp
        elif obj is not None and to is not None and looks_like_actor(obj):
            pressed, demand = obj, to.head  # "pressed his team to more than triple that figure"
        elif for_ is not None and (obj is None or lemma == "ask") and not for_.like_num and for_.lemma_.lower() not in {"comment", "response", "reaction", "detail", "clarification", "name", "identity", "anonymity"}:
            pressed, demand = obj, for_
            cue_end = for_.head if obj is None else None
        else:
            return []
        if lemma == "push" and any(c.dep_ == "prt" for c in verb.children):
            return []  # "push back", "push ahead"
    elif lemma == "demand":
        comp_clause = child(verb, "ccomp")
        if comp_clause is not None and is_question(comp_clause):
            return []  # "demanded how Andrew could be so sure": a question
        from_ = prep_object(verb, {"from"})
        if comp_clause is not None:
            pressed = child(comp_clause, "nsubj")
            demand = comp_clause
        elif obj is not None:
            pressed, demand = from_ or (prep_object(obj, {"from"})), obj
        elif comp is not None:
            demand = comp
        else:
            return []
    elif lemma == "threaten":
        with_ = prep_object(verb, {"with"})
        if obj is not None and with_ is not None:
            pressed, demand = obj, with_
        elif comp is not None and comp.dep_ == "xcomp":
            demand = comp
        else:
            return []
    elif lemma == "insist":
        clause = child(verb, "ccomp")
        if clause is None or not any(c.tag_ == "MD" and c.lower_ in {"must", "should"} for c in clause.children):
            return []
        pressed, demand = child(clause, "nsubj"), clause
        if pressed is not None and source is not None and pressed.lower_ == source.lower_:
            return []
    elif lemma in {"urge", "request", "order"}:
        if obj is not None and comp is not None:
            pressed, demand = obj, comp
        elif obj is not None and looks_like_actor(obj):
            # "urged voters, 'Look what I have done'": the words after the pressed are the demand
            pressed, demand = obj, obj
            rest = [t for t in verb.doc[obj.right_edge.i + 1 : verb.sent.end] if not (t.is_punct or t.is_space)]
            if rest:
                demand_bounds = (rest[0].i, rest[-1].i + 1)
        elif obj is not None:
            if lemma == "order" and not is_act(obj):
                return []  # "ordered another set of mice": a purchase
            demand = obj  # "urged an end to the violence", "ordered multiple investigations"
        elif comp is not None:
            demand = comp
        else:
            return []
    else:  # pressure, implore, beg, force, coerce, tell, instruct: someone pressed to do something
        if obj is None and comp is not None and comp.dep_ == "ccomp" and _has_to(comp):
            obj = child(comp, "nsubj")  # "efforts to get Ukraine to investigate", parsed as a clause
        if obj is None:
            return []
        if comp is None:
            into = prep_object(verb, {"into"})
            if into is None or lemma not in {"force", "coerce", "pressure", "press"}:
                return []
            comp = into
        if lemma in {"tell", "instruct"} and (comp.pos_ not in {"VERB", "AUX"} or not looks_like_actor(obj) and obj.pos_ != "PRON"):
            return []  # "tells so many lies that ... to fact check him"
        pressed, demand = obj, comp
    if demand is None or source is None or demand.pos_ == "PRON":
        return []  # "he's asking for it"
    if pressed is not None and (pressed.pos_ == "PRON" and pressed.lower_ in {"it", "this", "that", "what"} or pressed.dep_ == "pobj" and pressed.head.lower_ == "for"):
        pressed = pressed if pressed.pos_ != "PRON" or pressed.lower_ not in {"it", "this", "that", "what"} else None
    if demand_bounds is not None:
        pass
    elif demand.pos_ in {"VERB", "AUX"}:
        demand_bounds = verb_phrase_bounds(demand) if demand.dep_ != "ccomp" else phrase_bounds(demand)
    else:
        demand_bounds = phrase_bounds(demand)
    found = [Draft("pressure", verb, source, demand_bounds, demand, pressed=pressed, cue_end=cue_end)]
    if lemma != "threaten":  # a threat to end something is leverage, not a position on it
        found.extend(_demanded_end(verb, source, demand))
    return found


def _pressure_noun(noun: Token) -> list[Draft]:
    """'X put pressure on Y (to Z)', 'X's demands to Z', 'X's call for Z'."""
    lemma = noun.lemma_.lower()
    if lemma == "pressure":
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in PRESSING_LIGHT_VERBS:
            return []
        light = noun.head
        on = next((c for c in [*noun.children, *light.children] if c.dep_ == "prep" and c.lower_ == "on"), None)
        if on is None:
            return []
        if is_negated(light) or is_hedged(light):
            return []
        pressed = child(on, "pobj")
        demand = _demand_after(noun) or _demand_after(light) or (_demand_after(pressed) if pressed is not None else None)
        bounds = verb_phrase_bounds(demand) if demand is not None else (noun.i, on.right_edge.i + 1)
        source = _subject(light)
        if source is None:
            return []
        return [Draft("pressure", light, h, bounds, demand or noun, pressed=pressed, cue_end=on) for h in _holders(source)]
    owner = child(noun, "poss")
    if owner is None:
        return []
    if lemma == "demand":
        demand = next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "xcomp"} and c.pos_ in {"VERB", "AUX"}), None)
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if demand is None and after is not None and after.lower_ == "to" and after.dep_ == "aux" and after.head.i > noun.i:
            demand = after.head  # "agrees to Beijing's demands to roll back tariffs", hung on the verb
        if demand is None:
            return []
        return [Draft("pressure", noun, h, verb_phrase_bounds(demand), demand) for h in _holders(owner)]
    if lemma == "call":
        for_ = prep_object(noun, {"for"})
        if for_ is None:
            return []
        return [Draft("pressure", noun, h, phrase_bounds(for_), for_, cue_end=for_.head) for h in _holders(owner)]
    return []


def _demanded_end(cue: Token, source: Token, demand: Token) -> list[Draft]:
    """A demand to end something opposes it: 'demanded that the deal be abandoned', 'called for an
    end to the strike', 'urged Y to scrap the plan'."""
    ended: Token | None = None
    lemma = demand.lemma_.lower()
    if demand.pos_ in {"VERB", "AUX"} and lemma in STOP_VERBS:
        ended = child(demand, "nsubjpass") if _is_passive(demand) else child(demand, "dobj")
    elif demand.pos_ == "NOUN" and lemma in STOP_NOUNS:
        ended = prep_object(demand, {"to", "of"})
    if ended is None or ended.pos_ == "PRON":
        return []
    return [_stance(cue, h, phrase_bounds(ended), ended, "oppose") for h in _holders(source)]


# --- issues ------------------------------------------------------------------------------------------


@dataclass
class Issues:
    """Issue keys for one article (see the module docstring), handed out in text order."""

    entities: dict[str, model.Entity]
    token_entity: dict[int, str]
    seen: dict[str, list[tuple[str | None, str]]] = field(default_factory=dict)  # word -> [(modifier, key)]
    last: tuple[int, str] | None = None  # (sentence start, key) of the last key handed out

    def parts(self, head: Token) -> tuple[str, str | None]:
        """(head word, modifier) of a noun target: ('deal', 'gas') for 'the gas agreement'."""
        lemma = head.lemma_.lower()
        word = SYNONYMS.get(lemma, SYNONYMS.get(head.lower_, lemma))
        for c in head.children:
            if c.i > head.i or c.dep_ not in {"compound", "amod", "nmod"} or c.pos_ not in {"NOUN", "PROPN", "ADJ"}:
                continue
            if c.i in self.token_entity:
                if c.dep_ == "compound":
                    return word, slug(self.entities[self.token_entity[c.i]].name)
            elif c.lemma_.lower() not in GENERIC_MODIFIERS:
                return word, c.lemma_.lower()
        return word, None

    def key(self, head: Token | None, fallback: str, register: bool = True) -> str:
        """The issue key of a target headed by ``head`` (``fallback``: its text). With ``register``
        the key joins the article's issues; without, it is only looked up (a pressure's demand)."""
        key = self._key(head, fallback, register)
        if register and head is not None:
            self.last = (head.sent.start, key)
        return key

    def _key(self, head: Token | None, fallback: str, register: bool) -> str:
        if head is None:
            return slug(fallback)[:60] or "issue"
        if is_relative(head):
            return self._key(head.head.head, fallback, register)  # "the deal, which X backed"
        if head.pos_ == "PRON":
            # "parliament approved it": the issue last spoken of in this sentence or the one before
            if self.last is not None and head.lower_ in {"it", "this", "that", "them"}:
                sent = head.sent
                previous = head.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
                if self.last[0] >= previous:
                    return self.last[1]
            return slug(fallback)[:60] or "issue"
        eid = self.token_entity.get(head.i)
        if eid is not None and head.pos_ == "PROPN":
            return slug(self.entities[eid].name)
        if head.pos_ in {"VERB", "AUX"}:
            obj = child(head, "dobj", "nsubjpass", "nsubj")
            if obj is None:
                obj = next((g for c in head.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"), None)
            verb = head.lemma_.lower()
            if obj is None or obj.pos_ == "PRON":
                return slug(verb)
            inner = self._key(obj, obj.text, register)
            return inner if verb in KEEP_VERBS or verb in STOP_VERBS else f"{slug(verb)}-{inner}"
        word, modifier = self.parts(head)
        entries = self.seen.setdefault(word, [])
        for entry_modifier, key in reversed(entries):
            if modifier is None or entry_modifier == modifier or entry_modifier is None:
                return key
        key = slug(f"{modifier} {word}" if modifier else word)
        if register:
            entries.append((modifier, key))
        return key


# --- assembling ----------------------------------------------------------------------------------------


def cue_tokens(doc: Doc) -> list[int]:
    """Indexes of the tokens whose lemma may cue a stance or a pressure (found on the lemma array)."""
    return [i for i in cue_lemma_ids(doc, CUE_LEMMAS) if doc[i].lemma_ != "accord"]


def drafts_at(token: Token) -> list[Draft]:
    """Every stance and pressure a cue token may start."""
    lemma = token.lemma_.lower()
    found: list[Draft] = []
    if lemma in PRESSURE_VERBS or lemma in PRESSURE_NOUNS or lemma == "get":
        found.extend(pressure_drafts(token))
    if lemma in STANCE_NOUNS or lemma in HOLDER_NOUNS or lemma == "apology":
        found.extend(noun_stances(token))
    if lemma in STANCE_ADJECTIVES:
        found.extend(adjective_stances(token))
    if lemma in WANT_VERBS or lemma == "like":
        found.extend(want_stances(token))
    if lemma in COMMITMENT_VERBS:
        found.extend(commitment_stances(token))
    if lemma in NEGATIVE_WORDS or lemma in POSITIVE_WORDS:
        found.extend(evaluation_stances(token))
    if lemma in MODALS or lemma in {"have", "need"}:
        found.extend(modal_drafts(token))
    verb_cue = lemma == "call" or lemma in SUPPORT_VERBS or lemma in OPPOSE_VERBS or lemma in NEGATED_OPPOSE_VERBS or lemma in PREP_VERB_LEMMAS
    if token.pos_ == "VERB" and verb_cue and not (lemma in STANCE_ADJECTIVES and token.dep_ in {"acomp", "acl", "amod"}):
        found.extend(verb_stances(token))
    return found


def inside_demand(verb: Token) -> bool:
    """A stance verb inside what someone is pressed or wants to do is not the holder's position:
    'urged the public not to tolerate X'."""
    head = verb.head.lemma_.lower()
    if verb.dep_ == "xcomp" and head in PRESSURE_VERBS | WANT_VERBS | OBJECT_CONTROL | DECLINING:
        return True  # "urged the public not to tolerate X", "refused to endorse X" (read as a refusal)
    current = verb
    for _ in range(4):  # "They don't want to think we're blaming Muslims": a wish, further down
        if current.dep_ not in {"xcomp", "ccomp", "conj"} or current.head.i == current.i:
            break
        current = current.head
        if current.lemma_.lower() in WANT_VERBS and verb.lemma_.lower() not in WANT_VERBS:
            return True
    if verb.dep_ == "ccomp" and head in CLAUSE_DEMANDS:  # "demanded that ...", not "told lawmakers that ..."
        return True
    # "they should support it", "should change the laws rather than criticize him": what someone
    # ought to do is not what they do
    clause = verb.head if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"} else verb
    subject = child(clause, "nsubj")
    first_person = subject is not None and subject.lower_ in FIRST_PERSON
    return not first_person and any(c.dep_ == "aux" and c.lower_ in MODALS for c in clause.children)


def find_stances(
    doc: Doc, entities: list[model.Entity], token_entity: dict[int, str], quotes: list[model.Quote]
) -> tuple[list[model.Stance], list[model.Pressure]]:
    """The stances and pressures of one parsed doc, in text order, with ids s1, s2, ... and p1, p2, ..."""
    reader = Reader(doc, {e.id: e for e in entities}, token_entity or {}, list(quotes or []))
    drafts: list[Draft] = []
    headlines: dict[int, bool] = {}
    for index in cue_tokens(doc):
        token = doc[index]
        sent = token.sent
        if sent.start not in headlines:
            headlines[sent.start] = is_headline(sent)
        if headlines[sent.start] or under_perception(token):
            continue
        in_poll = polled(token)
        for draft in drafts_at(token):
            if in_poll and draft.kind == "stance":
                continue  # a pressure the poll question names still happened: "Trump's attempt to coerce"
            verb = clause_verb(draft.cue)
            if draft.kind == "stance" and draft.cue.pos_ != "AUX" and inside_demand(verb):
                continue
            if is_hedged(verb) and not (draft.kind == "pressure" and draft.cue.pos_ == "NOUN"):
                continue  # a pressing noun is hedged or not by its own verb ("agrees to Beijing's demands")
            drafts.append(draft)
    return assemble(reader, drafts)


def assemble(reader: Reader, drafts: list[Draft]) -> tuple[list[model.Stance], list[model.Pressure]]:
    """Resolve each draft's actors, drop duplicates (one stance per actor, polarity and sentence; one
    pressure per source, target and sentence), key the issues and number what is left."""
    issues = Issues(reader.entities, reader.token_entity)
    stances: list[model.Stance] = []
    pressures: list[tuple[model.Pressure, Draft]] = []
    seen: set[tuple[str, ...]] = set()
    drafts.sort(key=lambda d: (d.cue.i, d.kind))
    for draft in drafts:
        holder = reader.holder(draft)
        if holder is None or draft.target is None:
            continue
        if draft.needs_target and not reader.is_demand(draft):
            continue
        evidence = reader.evidence(draft.cue)
        target = reader.span(*draft.target)
        if draft.kind == "stance":
            key: tuple[str, ...] = ("s", actor_key(holder.actor), str(evidence.start), draft.polarity)
            if key in seen or _is_self(holder.actor, draft.target_head, reader):
                continue
            seen.add(key)
            stances.append(
                model.Stance(
                    id=f"s{len(stances) + 1}",
                    actor=holder.actor,
                    target=target.text,
                    issue=issues.key(draft.target_head, target.text),
                    polarity=draft.polarity,
                    evidence=evidence,
                    via=holder.via,
                    reported_by=holder.reported_by,
                )
            )
            continue
        pressed = reader.pressed_actor(draft.pressed, lenient=not draft.needs_target)
        if pressed is not None and same_actor(pressed, holder.actor):
            continue
        key = ("p", actor_key(holder.actor), str(evidence.start), actor_key(pressed) if pressed else "")
        if key in seen:
            continue
        seen.add(key)
        first, last = sorted([draft.cue, draft.cue_end or draft.cue], key=lambda t: t.i)
        pressure = model.Pressure(
            id=f"p{len(pressures) + 1}",
            source=holder.actor,
            target=pressed,
            demand=target.text,
            cue=reader.span(first.i, last.i + 1),
            evidence=evidence,
        )
        pressures.append((pressure, draft))
    # A demand belongs to an issue when what it asks for is a stance's issue: "urged X to drop the gas deal"
    stance_issues = {s.issue for s in stances}
    for pressure, draft in pressures:
        demanded = issues.key(draft.target_head, pressure.demand, register=False)
        pressure.issue = demanded if demanded in stance_issues else None
    return stances, [p for p, _ in pressures]


def _is_self(actor: model.Actor, head: Token | None, reader: Reader) -> bool:
    """A holder never takes a stance on itself ('they hate themselves' is not what we report)."""
    if head is None:
        return False
    eid = reader.token_entity.get(head.i)
    return eid is not None and eid == actor.entity


# --- the component -------------------------------------------------------------------------------------

for _name in ("stances", "pressures", "actor_members"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "storyline_stances",
    assigns=["doc._.stances", "doc._.pressures", "doc._.actor_members"],
    requires=["doc._.entities", "doc._.token_entity", "doc._.quotes", "token.dep"],
)
def create_stances_component(nlp: Language, name: str) -> StancesComponent:
    return StancesComponent()


class StancesComponent:
    """spaCy component: sets ``doc._.stances`` and ``doc._.pressures`` from the parse, the entities
    and the quotes, and ``doc._.actor_members`` (named members of collective actors, by mention)."""

    def __call__(self, doc: Doc) -> Doc:
        token_entity = doc._.token_entity or {}
        stances, pressures = find_stances(doc, doc._.entities or [], token_entity, doc._.quotes or [])
        doc._.stances, doc._.pressures = stances, pressures
        actors = [s.actor for s in stances] + [p.source for p in pressures] + [p.target for p in pressures if p.target]
        doc._.actor_members = actor_members(doc, token_entity, actors)
        for actor in actors:
            if actor.mention is not None:
                actor.members = doc._.actor_members.get((actor.mention.start, actor.mention.end), [])
        return doc
