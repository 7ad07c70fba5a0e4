"""Who said what: direct, indirect and mixed quotes with their speakers, cues and addressees.

Direct quotes are found on the text itself (quotation marks are characters, not syntax) by
:func:`quoted_spans`; indirect speech ("X said that ...", "according to X, ...") is read off
the dependency parse. A direct quote takes the reporting verb next to it as its cue; one with no
cue of its own continues the previous speaker's words unless someone else came in between.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections import Counter
from dataclasses import dataclass

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline import model
from storyline.pipeline.entities import is_title_word
from storyline.pipeline.lexicon import ANONYMOUS_SOURCE_NOUNS, REPORTING_VERBS, SPEECH_NOUNS, SPEECH_VERBS
from storyline.pipeline.text import text_of

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}
CLOSERS = {"”", "»", '"', "“"}
DASHES = {"—", "–", "-", "--"}
SUBJECTS = {"nsubj", "nsubjpass"}
PERSONAL = {"he", "she", "him", "her"}
COLLECTIVE = {"they", "them", "we", "it"}
MAX_SPEAKER_TOKENS = 14
_PARAGRAPH = re.compile(r"\n\s*")


@dataclass
class Candidate:
    kind: model.QuoteKind
    start: int  # characters
    end: int
    cue: Token | None = None
    cue_end: Token | None = None  # last token of a multi-word cue ("according to")
    speaker: Token | None = None  # the subject token the speaker is read from
    speaker_span: tuple[int, int] | None = None  # characters, when there is no subject token
    inherited: bool = False


# -- direct quotes: a pure function of the text ------------------------------------------------


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if e > s]


def _is_opening(text: str, i: int, width: int = 1) -> bool:
    """Whether a straight double quote (or a doubled apostrophe) at i opens, else it closes."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in "([{—–-:;/" or i == 0:
        return not after.isspace()
    return False


def _mark_at(text: str, i: int) -> tuple[str, int]:
    """The quotation mark at i and its width: two apostrophes or backticks stand for one double
    quote in some newsroom text (''like this'')."""
    pair = text[i : i + 2]
    if pair in ("''", "``"):
        return '"', 2
    return text[i], 1


# Every quotation mark, and the doubled apostrophes or backticks that stand for one (see _mark_at).
_MARKS = re.compile("''|``|[" + re.escape("".join(sorted(set(OPENERS) | CLOSERS))) + "]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside balanced quotation marks, marks excluded.

    A quote may run over paragraphs when each new paragraph reopens the mark and only the last
    closes it (the newswire convention). An unclosed mark yields nothing rather than a guess.

    >>> quoted_spans('He said: "No." Then “yes,” she said.')
    [(10, 13), (21, 25)]
    """
    spans: list[tuple[int, int]] = []
    paragraphs = paragraph_bounds(text)
    open_at: int | None = None  # index just after the opening mark
    closer = ""
    for p, (pstart, pend) in enumerate(paragraphs):
        for mark in _MARKS.finditer(text, pstart, pend):  # only the marks: most characters are none
            i, width = mark.start(), len(mark.group())
            ch = '"' if width == 2 else mark.group()
            if open_at is None:
                if ch in OPENERS and (ch != '"' or _is_opening(text, i, width)):
                    open_at, closer = i + width, OPENERS[ch]
                elif ch == "”" and _is_opening(text, i):  # a right mark typed where a left one belongs
                    open_at, closer = i + 1, "”"
            elif i == pstart and open_at < pstart and ch in OPENERS:
                pass  # the mark that reopens a quote continued from the last paragraph
            elif ch == closer:
                if i > open_at:
                    spans.append((open_at, i))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[p + 1] if p + 1 < len(paragraphs) else None
            if nxt is None or _mark_at(text, nxt[0])[0] not in OPENERS:
                open_at = None
    return spans


# -- helpers on the parse ------------------------------------------------------------------------


def inside(spans: list[tuple[int, int]], char: int) -> bool:
    """Whether ``char`` falls in one of ``spans`` (sorted, not overlapping)."""
    i = bisect.bisect_right(spans, (char, sys.maxsize)) - 1
    return i >= 0 and spans[i][0] <= char < spans[i][1]


def subject_of(verb: Token) -> Token | None:
    """The subject a reporting verb's speaker is read from, following conjuncts and auxiliaries:
    'He smiled and said ...' -> He."""
    current: Token | None = verb
    for _ in range(3):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in SUBJECTS and not child.is_punct:
                return child
            if child.dep_ == "agent":  # "it was said by X"
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return grand
        # "He smiled and said": the conjunct's subject. "He left, saying that ...": the main
        # clause's subject. Not "Asked whether ..., she said", where the asker is the reporter.
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in {"NOUN", "PROPN"}:
            return current.head  # "a statement saying that ..."
        participle = current.dep_ == "advcl" and current.tag_ == "VBG"
        if (current.dep_ in {"conj", "xcomp"} or participle) and current.head.i != current.i:
            current = current.head
        else:
            return None
    return None


def addressee_of(verb: Token) -> str | None:
    """'the BBC' in 'told the BBC', 'reporters' in 'said to reporters', 'X' in 'in a letter to X'."""
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"} and verb.lemma_ in {"tell", "inform", "assure", "remind", "warn", "brief"}:
            return phrase(child)
        if child.dep_ == "prep" and child.lower_ == "to":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return phrase(objects[0])
        if child.dep_ == "prep" and child.lower_ in {"in", "during"}:
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in SPEECH_NOUNS:
                    for prep in noun.children:
                        if prep.dep_ == "prep" and prep.lower_ in {"to", "with"}:
                            objects = [g for g in prep.children if g.dep_ == "pobj"]
                            if objects:
                                return phrase(objects[0])
    return None


def phrase(token: Token) -> str:
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    return doc[start:end].text


def noun_phrase(token: Token) -> Span:
    """The noun phrase a speaker token heads, cut short before a clause that only tells more."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    for child in token.children:
        if child.i > token.i and (child.dep_ in {"relcl", "appos", "punct"} or child.dep_ == "cc"):
            end = min(end, child.left_edge.i)
    end = min(end, start + MAX_SPEAKER_TOKENS)
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return doc[start:end]


# -- indirect speech ------------------------------------------------------------------------------


def clause_span(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    """Characters of the clause a token heads, minus trailing punctuation; when ``exclude`` (the
    cue's own subtree) sits at an edge it is cut off; in the middle it is cut off with what follows
    when the clause was complete before it ('X agreed to talks, officials said, the first step ...'),
    and kept when it splits the clause ('The deal, he said, is dead')."""
    doc = token.doc
    start, end = token.left_edge.i, token.right_edge.i + 1
    if exclude is not None:
        lo, hi = exclude.left_edge.i, exclude.right_edge.i + 1
        if lo <= start < hi:
            start = hi
        elif lo < end <= hi or (lo >= start and hi >= end) or start < lo and hi < end and token.i < lo:
            end = lo
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in "”\"»":
        end -= 1
    if start >= end:
        return (doc[start].idx if start < len(doc) else len(text_of(doc)), doc[start].idx if start < len(doc) else len(text_of(doc)))
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def cue_lemma_ids(doc: Doc, verbs: frozenset[str]) -> list[int]:
    """Indexes of tokens whose lemma may cue speech, found on the lemma array (a Python loop over
    every token costs more than all the rules after it)."""
    strings = doc.vocab.strings
    wanted = [strings.add(lemma) for lemma in verbs | OBJECT_SPEECH_VERBS | {"accord"}]
    if not len(doc):
        return []
    lemmas = doc.to_array("LEMMA")
    return [int(i) for i in numpy.nonzero(numpy.isin(lemmas, numpy.array(wanted, dtype=lemmas.dtype)))[0]]


def indirect_candidates(doc: Doc, direct: list[tuple[int, int]], verbs: frozenset[str] = SPEECH_VERBS) -> list[Candidate]:
    found: list[Candidate] = []
    for index in cue_lemma_ids(doc, verbs):
        token = doc[index]
        if inside(direct, token.idx):
            continue
        lemma = token.lemma_.lower()
        if lemma == "accord" and token.lower_ == "according":
            cand = according_to(token)
            if cand is not None:
                found.append(cand)
            continue
        if (lemma not in verbs and lemma not in OBJECT_SPEECH_VERBS) or token.pos_ not in {"VERB", "AUX"}:
            continue
        speaker = subject_of(token)
        complements = [c for c in token.children if c.dep_ == "ccomp"]
        content: tuple[int, int] | None = None
        if complements:
            content = clause_span(complements[0])
        elif token.dep_ == "parataxis" and token.head.i != token.i:
            content = clause_span(token.head, exclude=token)
        elif lemma in OBJECT_SPEECH_VERBS:
            content = object_span(token)
        if content is None or content[1] - content[0] < 8 or speaker is None:
            continue
        found.append(Candidate("indirect", content[0], content[1], cue=token, speaker=speaker))
    return found


# Speech acts whose content is an object rather than a clause: "accused the government of
# lying", "urged voters to stay home", "warned of a recession", "denied the report".
OBJECT_SPEECH_VERBS = frozenset(
    """
    accuse criticize criticise blast slam praise question deny confirm announce disclose reveal
    propose demand urge promise pledge vow stress emphasize emphasise acknowledge admit concede
    describe reject dismiss dispute threaten warn predict recommend brag boast complain ask
    tell call
    """.split()
)
OBJECT_PREPS = frozenset({"of", "about", "for", "against", "as", "over"})


# Verbs that carry speech only with an infinitive or a particle: "told aides to leave" (not "told
# the BBC"), "called on X to act", "called for talks".
INFINITIVE_SPEECH_VERBS = frozenset({"tell", "call"})


def object_span(verb: Token) -> tuple[int, int] | None:
    """The object, infinitive and 'of/about/for ...' phrases after a speech verb, as one span."""
    parts = []
    for child in verb.rights:
        is_object = child.dep_ in {"dobj", "xcomp", "oprd", "ccomp"} or (child.dep_ == "prep" and child.lower_ in OBJECT_PREPS)
        calls_on = verb.lemma_ == "call" and child.dep_ in {"prep", "prt"} and child.lower_ in {"on", "for", "upon"}
        if is_object or calls_on:
            parts.append(child)
        elif parts and child.dep_ in {"punct", "cc", "conj", "advcl", "npadvmod"}:
            break
    if not parts:
        return None
    if verb.lemma_ in INFINITIVE_SPEECH_VERBS:
        carries = any(p.dep_ in {"xcomp", "ccomp"} or p.lower_ in {"on", "for", "upon"} for p in parts)
        if not carries or (verb.lemma_ == "call" and any(p.dep_ == "oprd" for p in parts)):
            return None
    doc = verb.doc
    first, last = parts[0].left_edge, parts[-1].right_edge
    if last.i - first.i < 2:
        return None
    while last.i > first.i and last.is_punct and last.text not in "”\"»":
        last = doc[last.i - 1]
    return first.idx, last.idx + len(last.text)


def according_to(token: Token) -> Candidate | None:
    """'According to the ministry, 12,000 people died': content is the clause it modifies."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    source = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if to is None or source is None:
        return None
    head = token.head
    if head.i == token.i:
        # attached to nothing: the rest of the sentence is what is claimed
        sent = token.sent
        rest = [t for t in sent if t.i > source.right_edge.i and not t.is_punct]
        if not rest:
            return None
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
    else:
        start, end = clause_span(head, exclude=token)
    if end - start < 8:
        return None
    return Candidate("indirect", start, end, cue=token, cue_end=to, speaker=source)


TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "with", "and", "or", "for", "to", "in", "on", "at"})


# -- direct quotes: cues and speakers --------------------------------------------------------------


class Article:
    """A doc with its text and token offsets computed once (``Doc.text`` rebuilds the string on
    every access)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []

    def token_at(self, char: int) -> Token | None:
        """The token covering ``char``, or the next one when ``char`` is whitespace."""
        if not self.starts:
            return None
        i = bisect.bisect_right(self.starts, char) - 1
        i = max(i, 0)
        token = self.doc[i]
        if char >= token.idx + len(token.text) and i + 1 < len(self.doc):
            token = self.doc[i + 1]
        return token


def looks_like_speech(text: str) -> bool:
    """Scare quotes, titles and nicknames are short and end without punctuation of their own;
    a title keeps its capitals even with a comma inside the marks ("Face the Nation,")."""
    words = text.split()
    if len(words) >= 6:
        return True
    if all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words) and len(words) > 1:
        return False
    ends_like_utterance = text.rstrip()[-1:] in {",", ".", "!", "?", "…"}
    return ends_like_utterance and len(words) >= 2


def direct_cue(art: Article, quote: tuple[int, int], quotes: list[tuple[int, int]], paragraph: tuple[int, int]) -> Token | None:
    """The reporting verb that introduces or follows a direct quote in its paragraph, with no
    other quote between them; the nearest wins."""
    qs, qe = quote
    prev_end = max((e for s, e in quotes if e <= qs - 1 and s >= paragraph[0]), default=paragraph[0])
    next_start = min((s for s, e in quotes if s > qe and s < paragraph[1]), default=paragraph[1])
    best: tuple[int, Token] | None = None
    first = art.token_at(max(prev_end, paragraph[0]))
    if first is None:
        return None
    for token in art.doc[first.i :]:
        if token.idx >= next_start:
            break
        if token.idx < prev_end or inside(quotes, token.idx):
            continue
        if token.lemma_.lower() not in SPEECH_VERBS or token.pos_ not in {"VERB", "AUX"}:
            continue
        if token.idx < qs:
            between = art.text[token.idx : qs]
            # "X said on Monday: ..." / "X said, ..." introduce; a full stop between does not
            if "." in between[len(token.text) :].rstrip(' "“«') and not between.rstrip(' "“«').endswith(":"):
                continue
            distance = qs - token.idx
        else:
            between = art.text[qe : token.idx]
            if re.search(r"[.!?]\s", between.lstrip("”\"» ")) and not between.lstrip().startswith(("”", '"', "»")):
                continue
            distance = token.idx - qe
        if distance > 220:
            continue
        if best is None or distance < best[0]:
            best = (distance, token)
    return best[1] if best else None


def trailing_attribution(art: Article, quote: tuple[int, int], paragraph: tuple[int, int], token_entity: dict[int, str]) -> tuple[int, int] | None:
    """'"... we will," — Commissioner Ana Ruiz': the named person after a dash closing the quote."""
    after = art.text[quote[1] : paragraph[1]]
    match = re.match(r'^[”"»]?\s*(—|–|―|--|-)\s*', after)
    if not match:
        return None
    start = quote[1] + match.end()
    first = art.token_at(start)
    if first is None:
        return None
    for token in art.doc[first.i : first.i + 6]:
        if token.i in token_entity and token.ent_type_ in {"PERSON", "ORG"}:
            ent_tokens = [t for t in art.doc[token.i : token.i + 6] if token_entity.get(t.i) == token_entity[token.i]]
            return ent_tokens[0].idx, ent_tokens[-1].idx + len(ent_tokens[-1].text)
    # The model often misses a bare signature line: take the capitalised run, less its title words.
    run = []
    for token in art.doc[first.i : first.i + 6]:
        if token.idx >= paragraph[1] or not (token.pos_ == "PROPN" or token.is_title):
            break
        run.append(token)
    while run and is_title_word(run[0]):
        run = run[1:]
    if not run or (run[-1].i + 1 < len(art.doc) and art.doc[run[-1].i + 1].idx < paragraph[1] and not art.doc[run[-1].i + 1].is_punct):
        return None
    return run[0].idx, run[-1].idx + len(run[-1].text)


def colon_speaker(art: Article, quote: tuple[int, int], token_entity: dict[int, str]) -> tuple[int, int] | None:
    """'Levi: "We will not back down."' — a name and a colon right before the mark."""
    before = art.text[: quote[0] - 1].rstrip()
    if not before.endswith(":"):
        return None
    last = art.token_at(len(before) - 2)
    if last is None or last.i not in token_entity:
        return None
    first = last
    while first.i > 0 and token_entity.get(first.i - 1) == token_entity[last.i]:
        first = art.doc[first.i - 1]
    if first.i > 0 and not art.doc[first.i - 1].is_punct and art.doc[first.i - 1].text != "\n" and not art.doc[first.i - 1].is_space:
        return None  # "Levi said: ..." has a verb and is handled as a cue
    return first.idx, last.idx + len(last.text)


# -- speakers ----------------------------------------------------------------------------------------


@dataclass
class Resolver:
    doc: Doc
    entities: dict[str, model.Entity]
    token_entity: dict[int, str]

    def entity_span(self, token: Token) -> Span:
        """The whole name a token belongs to ('Dana Levi' for 'Levi')."""
        eid = self.token_entity[token.i]
        start, end = token.i, token.i + 1
        while start > 0 and self.token_entity.get(start - 1) == eid and not self.doc[start - 1].is_punct:
            start -= 1
        while end < len(self.doc) and self.token_entity.get(end) == eid and not self.doc[end].is_punct:
            end += 1
        return self.doc[start:end]

    def speaker(self, token: Token, previous: list[model.Quote]) -> model.Speaker:
        lower = token.lower_
        if token.i in self.token_entity:
            span = self.entity_span(token)
            entity = self.entities[self.token_entity[token.i]]
            return model.Speaker(entity.name, entity.id, model.Span(span.start_char, span.end_char, span.text))
        for child in token.children:
            # "a spokesman, Omer Dank, said": the name in apposition
            if child.dep_ == "appos" and child.i in self.token_entity:
                return self.speaker(child, previous)
        if token.tag_ in {"WP", "WDT"} and token.head.dep_ == "relcl" and token.head.head.i != token.i:
            # "Levi, who said ...": Levi, named through the pronoun the text uses
            antecedent = self.speaker(token.head.head, previous)
            antecedent.mention = model.Span(token.idx, token.idx + len(token.text), token.text)
            return antecedent
        if token.pos_ == "PRON" and (lower in PERSONAL or lower in COLLECTIVE):
            return self.pronoun(token, previous)
        np = noun_phrase(token)
        mention = model.Span(np.start_char, np.end_char, np.text)
        owner = next((c for c in token.children if c.dep_ == "poss" and c.i in self.token_entity), None)
        if owner is not None:  # "Levi's office said": the office speaks for Levi
            entity = self.entities[self.token_entity[owner.i]]
            return model.Speaker(np.text, entity.id, mention)
        return model.Speaker(np.text, None, mention)

    def pronoun(self, token: Token, previous: list[model.Quote]) -> model.Speaker:
        """he/she: the last quoted person if recent, else the nearest person named before, skipping
        people the article has shown to be of the other gender; they/it/we: the nearest earlier
        organisation, place or collective source."""
        mention = model.Span(token.idx, token.idx + len(token.text), token.text)
        personal = token.lower_ in PERSONAL
        wanted = {"PERSON"} if personal else {"ORG", "GPE", "NORP"}
        gender = PRONOUN_GENDER.get(token.lower_)

        def fits(entity_id: str) -> bool:
            entity = self.entities[entity_id]
            if entity.type not in wanted:
                return False
            known = self.genders.get(entity_id)
            return gender is None or known is None or known == gender

        window_start = max(0, token.sent.start_char - 600)
        for quote in reversed(previous):
            sp = quote.speaker
            if sp is None or quote.end < window_start:
                break
            if sp.entity is not None and sp.entity in self.entities and fits(sp.entity):
                return model.Speaker(self.entities[sp.entity].name, sp.entity, mention)
            if sp.entity is None and not personal:
                return model.Speaker(sp.name, None, mention)
            break
        for i in range(token.i - 1, -1, -1):
            eid = self.token_entity.get(i)
            if eid is not None and fits(eid):
                return model.Speaker(self.entities[eid].name, eid, mention)
        return model.Speaker(token.text, None, mention)

    @functools.cached_property
    def genders(self) -> dict[str, str]:
        """What the article itself shows of each person's gender: a sentence naming one person and
        using pronouns of one gender only ("Varga warned that her party ..."), or a gendered
        title ("Mr.", "spokeswoman")."""
        votes: dict[str, Counter[str]] = {}
        for sent in self.doc.sents:
            people = {self.token_entity[t.i] for t in sent if t.i in self.token_entity and t.ent_type_ == "PERSON"}
            people = {p for p in people if self.entities[p].type == "PERSON"}
            if len(people) != 1:
                continue
            seen = {PRONOUN_GENDER[t.lower_] for t in sent if t.lower_ in PRONOUN_GENDER and t.pos_ == "PRON"}
            if len(seen) == 1:
                votes.setdefault(people.pop(), Counter())[seen.pop()] += 1
        for entity in self.entities.values():
            for role in entity.roles:
                words = {w.strip(".,").lower() for w in role.split()}
                for word in words:
                    if word in TITLE_GENDER:
                        votes.setdefault(entity.id, Counter())[TITLE_GENDER[word]] += 2
        return {eid: c.most_common(1)[0][0] for eid, c in votes.items() if len(c) == 1 or c.most_common(2)[0][1] > c.most_common(2)[1][1]}


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
TITLE_GENDER = {
    "mr": "m", "spokesman": "m", "chairman": "m", "congressman": "m", "councilman": "m", "king": "m", "prince": "m",
    "mrs": "f", "ms": "f", "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "councilwoman": "f",
    "queen": "f", "princess": "f",
}


def is_anonymous(token: Token) -> bool:
    return token.lemma_.lower() in ANONYMOUS_SOURCE_NOUNS


# -- assembling -----------------------------------------------------------------------------------------


def find_quotes(
    doc: Doc, entities: list[model.Entity], token_entity: dict[int, str], beliefs: bool = False
) -> list[model.Quote]:
    """The quotes of one doc. With ``beliefs``, "X believes/thinks/fears that ..." count as
    indirect attributions too (PolNeAR annotates them; speech-only corpora do not)."""
    art = Article(doc)
    text = art.text
    spans = quoted_spans(text)
    paragraphs = paragraph_bounds(text)

    def paragraph_of(char: int) -> tuple[int, int]:
        return next(((s, e) for s, e in paragraphs if s <= char < e), (0, len(text)))

    candidates: list[Candidate] = []
    for span in spans:
        content = text[span[0] : span[1]]
        if not content.strip():
            continue
        paragraph = paragraph_of(span[0])
        verb = direct_cue(art, span, spans, paragraph)
        cand = Candidate("direct", span[0], span[1])
        if verb is not None:
            cand.cue, cand.speaker = verb, subject_of(verb)
        else:
            cand.speaker_span = trailing_attribution(art, span, paragraph_of(span[1] - 1), token_entity) or colon_speaker(
                art, span, token_entity
            )
        if not looks_like_speech(content):
            continue
        if cand.cue is None and cand.speaker_span is None and len(content.split()) < 4:
            continue
        candidates.append(cand)

    candidates = merge_split_quotes(text, candidates)
    candidates += headline_colon_candidates(doc, spans, token_entity)
    indirect = indirect_candidates(doc, spans, REPORTING_VERBS if beliefs else SPEECH_VERBS)
    candidates = combine(candidates, indirect)
    for cand in candidates:
        if cand.kind == "indirect" and any(cand.start <= s and e <= cand.end + 1 for s, e in spans):
            cand.kind = "mixed"
    candidates.sort(key=lambda c: (c.start, c.end))

    resolver = Resolver(doc, {e.id: e for e in entities}, token_entity)
    quotes: list[model.Quote] = []
    for cand in candidates:
        speaker: model.Speaker | None = None
        if cand.speaker is not None:
            speaker = resolver.speaker(cand.speaker, quotes)
        elif cand.speaker_span is not None:
            s, e = cand.speaker_span
            first = art.token_at(s)
            eid = token_entity.get(first.i) if first is not None else None
            name = resolver.entities[eid].name if eid else text[s:e]
            speaker = model.Speaker(name, eid, model.Span(s, e, text[s:e]))
        elif cand.kind == "direct":
            speaker = follow_on_speaker(art, cand, quotes, token_entity)
        cue: model.Span | None = None
        if cand.cue is not None:
            last = cand.cue_end or cand.cue
            cue = model.Span(cand.cue.idx, last.idx + len(last.text), text[cand.cue.idx : last.idx + len(last.text)])
        quotes.append(
            model.Quote(
                id="",
                kind=cand.kind,
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                speaker=speaker,
                cue=cue,
                addressee=addressee_of(cand.cue) if cand.cue is not None and cand.cue_end is None else None,
            )
        )
    for n, quote in enumerate(quotes, start=1):
        quote.id = f"q{n}"
    return quotes


def headline_colon_candidates(
    doc: Doc, quoted: list[tuple[int, int]], token_entity: dict[int, str]
) -> list[Candidate]:
    """'Levi: Budget will pass without cuts' — a sentence that opens with a short name and a colon
    gives that name's words (headline style), with or without quotation marks."""
    found = []
    for sent in doc.sents:
        colon = next((t for t in sent[:6] if t.text == ":"), None)
        if colon is None or colon.i == sent.start:
            continue
        name = sent[: colon.i - sent.start]
        named = all(t.i in token_entity for t in name) and len({token_entity[t.i] for t in name}) == 1
        # Outside the model's entities, a capitalised run standing alone on its line
        capitalised = all(t.pos_ == "PROPN" or t.is_title for t in name) and (
            sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws
        )
        if not (named or capitalised) or any(t.lower_ in {"note", "update", "editor", "correction"} for t in name):
            continue
        rest = [t for t in doc[colon.i + 1 : sent.end] if not t.is_space]
        while rest and rest[-1].is_punct:
            rest.pop()
        if len(rest) < 3 or inside(quoted, rest[0].idx) or inside(quoted, rest[0].idx + 1):
            continue
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
        found.append(Candidate("indirect", start, end, speaker_span=(name.start_char, name.end_char)))
    return found


def merge_split_quotes(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """One speaker's turn is one quote: '"A," she said, "B."' (two spans sharing the cue between
    them) and '"A," she said. "B."' (a quote with no cue of its own right after the cue's sentence,
    in the same paragraph)."""
    merged: list[Candidate] = []
    for cand in candidates:
        prev = merged[-1] if merged else None
        if prev is not None and prev.kind == "direct" and prev.cue is not None and prev.end <= prev.cue.idx < cand.start:
            gap = text[prev.end : cand.start]
            shares_cue = cand.cue is not None and prev.cue.i == cand.cue.i and text[prev.start : prev.end].rstrip()[-1:] == ","
            continues = cand.cue is None and cand.speaker_span is None and len(gap) < 200
            if "\n" not in gap and (shares_cue or continues):
                prev.end = cand.end
                continue
        merged.append(cand)
    return merged


def combine(direct: list[Candidate], indirect: list[Candidate]) -> list[Candidate]:
    """An indirect clause that is mostly a direct quote is that quote (it lends its cue); one that
    contains a quoted fragment is a mixed quote and absorbs it."""
    result = list(direct)
    for ind in indirect:
        absorbed = False
        for d in list(result):
            if d.kind != "direct":
                continue
            overlap = min(d.end, ind.end) - max(d.start, ind.start)
            if overlap <= 0:
                continue
            if overlap >= 0.8 * (ind.end - ind.start) or (d.start <= ind.start and d.end >= ind.end):
                if d.cue is None and d.speaker_span is None:
                    d.cue, d.speaker = ind.cue, ind.speaker
                absorbed = True
                break
            if ind.start <= d.start and d.end <= ind.end + 1:
                result.remove(d)
                ind.kind = "mixed"
        if not absorbed:
            result.append(ind)
    return result


def follow_on_speaker(art: Article, cand: Candidate, quotes: list[model.Quote], token_entity: dict[int, str]) -> model.Speaker | None:
    """A quote with no cue continues the last speaker's words, unless another person was named
    (outside quotes) in between."""
    previous = next((q for q in reversed(quotes) if q.speaker is not None), None)
    if previous is None or cand.start - previous.end > 1500 or previous.speaker is None:
        return None
    quoted = [(q.start, q.end) for q in quotes]
    first = art.token_at(previous.end)
    if first is None:
        return None
    for token in art.doc[first.i :]:
        if token.idx >= cand.start:
            break
        eid = token_entity.get(token.i)
        if eid is None or any(s <= token.idx < e for s, e in quoted) or token.ent_type_ != "PERSON":
            continue
        if eid != previous.speaker.entity:
            return None
    sp = previous.speaker
    return model.Speaker(sp.name, sp.entity, sp.mention)


@Language.factory(
    "storyline_quotes",
    assigns=["doc._.quotes"],
    requires=["doc._.entities", "token.dep"],
    default_config={"beliefs": False},
)
def create_quotes_component(nlp: Language, name: str, beliefs: bool) -> QuotesComponent:
    return QuotesComponent(beliefs)


class QuotesComponent:
    """spaCy component: sets ``doc._.quotes`` from the parse and ``doc._.entities``."""

    def __init__(self, beliefs: bool = False) -> None:
        self.beliefs = beliefs

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc, doc._.entities or [], doc._.token_entity or {}, self.beliefs)
        return doc
