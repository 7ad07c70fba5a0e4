"""Who is who: named-entity mentions grouped into one entity per person, organisation or place,
with the titles and roles the article gives them.

The trained model tags each mention on its own; this stage reads them together:

* mentions of one name form one entity ("Dana Levi", "Levi", "Prime Minister Levi",
  "the prime minister"); the canonical name is the fullest form;
* the model's slips are outvoted by the cluster ("Levi" tagged ORG once and PERSON five times is a
  person) and title words ("Finance" in "Finance Minister") are not organisations;
* roles come from pre-nominal titles ("former Defense Minister X"), appositions
  ("X, a professor of politics at Y") and "Y's spokesman, X".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from storyline import model
from storyline.pipeline.lexicon import PORTFOLIO_WORDS, TITLE_MODIFIERS, TITLE_NOUNS

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
# Labels that may be the same thing under another tag: a person mis-tagged as an organisation.
CONFUSABLE = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "&"})


@dataclass
class Mention:
    """One named mention: a token range of the doc and the label the model gave it."""

    start: int  # token index
    end: int
    label: str

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    nominals: list[tuple[int, int]] = field(default_factory=list)  # token ranges: "the prime minister"
    roles: list[str] = field(default_factory=list)
    forced_label: str | None = None

    def label(self) -> str:
        if self.forced_label:
            return self.forced_label
        votes: Counter[str] = Counter()
        for m in self.mentions:
            # A multi-word name is stronger evidence of what the thing is than a lone surname.
            votes[m.label] += 2 if m.end - m.start > 1 else 1
        return votes.most_common(1)[0][0]


def name_key(span: Span) -> tuple[str, ...]:
    return tuple(t.text.lower().replace(".", "") for t in span if not t.is_punct or t.text == "&")


def acronym(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in ACRONYM_SKIP and w)


def clean_mention(doc: Doc, ent: Span) -> Mention | None:
    """Trim what the model wrapped into a name: a leading "the", a trailing possessive, and for
    people, leading title words ("Prime Minister Levi" is the name "Levi" with a title)."""
    start, end = ent.start, ent.end
    # A name never runs over a line break (a headline followed by a dateline).
    breaks = [t.i for t in ent if "\n" in t.text]
    if breaks:
        end = breaks[0]
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if ent.label_ == "PERSON":
        while end - start > 1 and is_title_word(doc[start]):
            start += 1
    if start >= end:
        return None
    if ent.label_ != "PERSON" and is_portfolio_of_title(doc, start, end):
        return None
    if not any(t.is_alpha for t in doc[start:end]):
        return None
    return Mention(start, end, ent.label_)


def is_title_word(token: Token) -> bool:
    return token.lower_ in TITLE_NOUNS or token.lower_ in TITLE_MODIFIERS


def is_portfolio_of_title(doc: Doc, start: int, end: int) -> bool:
    """'Finance' in 'Finance Minister', 'National Security' in 'National Security Adviser'."""
    if not all(t.lower_ in PORTFOLIO_WORDS or t.lower_ in TITLE_MODIFIERS for t in doc[start:end]):
        return False
    return end < len(doc) and doc[end].lower_ in TITLE_NOUNS


def cluster_mentions(doc: Doc, mentions: list[Mention]) -> list[Cluster]:
    """Group mentions that name the same thing, in order of first mention."""
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, ...], Cluster] = {}
    for mention in mentions:
        key = name_key(mention.span(doc))
        cluster = by_key.get(key)
        if cluster is None:
            cluster = Cluster()
            clusters.append(cluster)
            by_key[key] = cluster
        cluster.mentions.append(mention)
    return merge_short_forms(doc, clusters)


def merge_short_forms(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Fold "Levi" into "Dana Levi" and "UN" into "United Nations"; a short form shared by two full
    names goes to the nearest one mentioned before it (else the first after)."""
    keys = [name_key(c.mentions[0].span(doc)) for c in clusters]
    labels = [c.label() for c in clusters]
    merged_into: dict[int, int] = {}
    for i, (key, cluster) in enumerate(zip(keys, clusters, strict=False)):
        candidates = []
        for j, other in enumerate(keys):
            if j == i or len(other) <= len(key) or labels[j] not in CONFUSABLE:
                continue
            if labels[i] not in CONFUSABLE:
                continue
            if is_part_of_name(key, other, labels[j]) or (
                len(key) == 1 and key[0].isalpha() and len(key[0]) >= 2 and key[0] == acronym(other)
            ):
                candidates.append(j)
        if not candidates:
            continue
        first = cluster.mentions[0].start
        before = [j for j in candidates if clusters[j].mentions[0].start < first]
        target = max(before, key=lambda j: clusters[j].mentions[0].start) if before else candidates[0]
        merged_into[i] = target
    result: list[Cluster] = []
    for i, cluster in enumerate(clusters):
        target = i
        seen = set()
        while target in merged_into and target not in seen:
            seen.add(target)
            target = merged_into[target]
        if target != i:
            clusters[target].mentions.extend(cluster.mentions)
    for i, cluster in enumerate(clusters):
        if i not in merged_into:
            cluster.mentions.sort(key=lambda m: m.start)
            result.append(cluster)
    result.sort(key=lambda c: c.mentions[0].start)
    return result


def is_part_of_name(short: tuple[str, ...], full: tuple[str, ...], full_label: str) -> bool:
    """'levi' or 'dana' in ('dana', 'levi'); ('health', 'ministry') in ('the', 'health', 'ministry')."""
    if full_label == "PERSON":
        # Surname (or a first name used alone, common in features); initials do not count.
        return (len(short) == 1 and len(short[0]) > 1 and short[0] in (full[-1], full[0])) or (
            full[-len(short) :] == short
        )
    n = len(short)
    return any(full[k : k + n] == short for k in range(len(full) - n + 1)) and full[-1] == short[-1]


def prenominal_title(doc: Doc, mention: Mention) -> str | None:
    """'former Defense Minister' before 'Dana Levi': a run of title words ending at the name.

    Read on the surface, not the parse: the small model often attaches a second title in a list
    ("X and Defense Minister Y") to the wrong name.
    """
    i = mention.start - 1
    if i < 0 or doc[i].lower_ not in TITLE_NOUNS:
        return None
    sent_start = mention.span(doc).sent.start
    first = i
    while i >= sent_start:
        token = doc[i]
        if token.text in {"-", "–"} and i > sent_start and first == i + 1:  # "vice-president"
            i -= 1
            continue
        if token.is_punct or token.pos_ in {"DET", "ADP", "VERB", "AUX", "PRON", "CCONJ", "SCONJ", "NUM"}:
            break
        if token.ent_type_ == "PERSON" and token.i < mention.start - 1:
            break
        lower = token.lower_
        known = lower in TITLE_NOUNS or lower in TITLE_MODIFIERS or lower in PORTFOLIO_WORDS
        if not (known or token.is_title or token.is_upper or (token.pos_ == "NOUN" and token.dep_ == "compound")):
            break
        first = i
        i -= 1
    return doc[first : mention.start].text.strip(" ,-–") or None


def appositive_role(doc: Doc, mention: Mention) -> str | None:
    """'a professor of politics at Y' in 'X, a professor of politics at Y,' (the leading article
    dropped), or 'Levi's spokesman' in 'Levi's spokesman, X'."""
    head = mention.span(doc).root
    for child in head.children:
        if child.dep_ == "appos" and child.i >= mention.end and child.pos_ in {"NOUN", "PROPN"}:
            if child.ent_type_ == "PERSON":
                continue
            if child.pos_ == "PROPN" and child.lower_ not in TITLE_NOUNS and not has_title_noun(child.subtree):
                continue
            return trimmed_phrase(doc, child)
    if head.dep_ == "appos" and head.head.i < mention.start and head.head.pos_ == "NOUN":
        noun = head.head
        if noun.lower_ in TITLE_NOUNS or noun.lemma_.lower() in TITLE_NOUNS:
            left = noun.left_edge.i
            words = [t for t in doc[left : noun.i + 1]]
            while words and words[0].pos_ == "DET":
                words = words[1:]
            if words:
                return doc[words[0].i : noun.i + 1].text
    return None


PERSON_TITLES = TITLE_NOUNS - {"head", "member", "partner", "owner", "chair", "candidate", "nominee"}


def has_title_noun_word(role: str) -> bool:
    words = [w.strip(",.'’").lower() for w in role.split()]
    cut = next((k for k, w in enumerate(words) if w in {"of", "at", "for", "in", "to", "with", "from"}), len(words))
    return any(w in PERSON_TITLES for w in words[:cut])


def has_title_noun(tokens: Iterable[Token]) -> bool:
    return any(t.lower_ in TITLE_NOUNS for t in tokens)


def trimmed_phrase(doc: Doc, token: Token) -> str | None:
    """The phrase a token heads, without a leading article, a relative clause or trailing commas."""
    start, end = token.left_edge.i, token.right_edge.i + 1
    for child in token.children:
        if child.dep_ in {"relcl", "acl"} and child.i > token.i:
            end = min(end, child.left_edge.i)
    while start < end and doc[start].pos_ == "DET" and doc[start].lower_ in {"a", "an", "the"}:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if end - start > 20 or start >= end:
        return None
    return doc[start:end].text


def role_heads(roles: Iterable[str]) -> set[str]:
    """The nouns a later definite description may use: 'minister' for 'Finance Minister'."""
    heads = set()
    for role in roles:
        words = [w.strip(",.").lower() for w in role.split()]
        words = [w for w in words if w and w not in {"former", "acting", "then"}]
        if not words:
            continue
        # "professor of politics at Y" -> "professor"; "Finance Minister" -> "minister"
        cut = next((k for k, w in enumerate(words) if w in {"of", "at", "for", "in", "to", "with", "from"}), len(words))
        words = words[:cut]
        if words and words[-1] in TITLE_NOUNS:
            heads.add(words[-1])
            heads.add(" ".join(w for w in words if "'" not in w and "’" not in w))
    return heads


def definite_descriptions(doc: Doc, clusters: list[Cluster]) -> None:
    """Attach 'the prime minister', 'the professor' to the nearest earlier entity holding that role."""
    heads = [role_heads(c.roles) for c in clusters]
    head_words = {h for hs in heads for h in hs if " " not in h}
    if not head_words:
        return
    taken = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
    for noun in doc:
        if noun.lower_ not in head_words or noun.i in taken or noun.pos_ not in {"NOUN", "PROPN"}:
            continue
        det = noun.left_edge
        if det.lower_ != "the" or det.i == noun.i:
            continue
        # "the prime minister, Dana Levi" and "the minister's office" are not descriptions on their own
        nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.text in POSSESSIVE):
            continue
        if any(t.dep_ == "appos" and t.ent_type_ == "PERSON" for t in noun.children):
            continue
        if any(t.i in taken for t in doc[det.i : noun.i]):
            continue
        phrase = " ".join(t.lower_ for t in doc[det.i + 1 : noun.i + 1])
        best, best_pos = None, -1
        for ci, cluster in enumerate(clusters):
            if phrase not in heads[ci] and noun.lower_ not in heads[ci]:
                continue
            earlier = [m.start for m in cluster.mentions if m.start < det.i]
            if earlier and max(earlier) > best_pos:
                best, best_pos = ci, max(earlier)
        if best is not None:
            clusters[best].nominals.append((det.i, noun.i + 1))


def add_unique(values: list[str], value: str | None) -> None:
    if value and value.lower() not in {v.lower() for v in values}:
        values.append(value)


def find_entities(doc: Doc) -> tuple[list[model.Entity], dict[int, str]]:
    """The entities of one doc and a map from each mentioned token to its entity id."""
    mentions = []
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            mention = clean_mention(doc, ent)
            if mention is not None:
                mentions.append(mention)
    clusters = cluster_mentions(doc, mentions)
    for cluster in clusters:
        if cluster.label() not in CONFUSABLE:
            continue
        for mention in cluster.mentions:
            add_unique(cluster.roles, prenominal_title(doc, mention))
            add_unique(cluster.roles, appositive_role(doc, mention))
        if cluster.roles and cluster.label() != "PERSON":
            # Only people hold titles: "spokesman Omer Dank" tagged ORG is a person.
            if any(has_title_noun_word(role) for role in cluster.roles) and all(
                m.end - m.start <= 3 for m in cluster.mentions
            ):
                cluster.forced_label = "PERSON"
            else:
                cluster.roles.clear()
    definite_descriptions(doc, clusters)

    entities: list[model.Entity] = []
    token_entity: dict[int, str] = {}
    for n, cluster in enumerate(clusters, start=1):
        entity_id = f"e{n}"
        spans = [m.span(doc) for m in cluster.mentions] + [doc[s:e] for s, e in cluster.nominals]
        spans.sort(key=lambda s: s.start)
        names = [m.span(doc).text for m in cluster.mentions]
        canonical = max(names, key=lambda text: (len(text.split()), len(text)))
        aliases: list[str] = []
        for text in names + [doc[s:e].text for s, e in cluster.nominals]:
            if text != canonical:
                add_unique(aliases, text)
        entities.append(
            model.Entity(
                id=entity_id,
                name=canonical,
                type=cluster.label(),
                roles=list(cluster.roles),
                aliases=aliases,
                mentions=[model.Span(s.start_char, s.end_char, s.text) for s in spans],
            )
        )
        for span in spans:
            for token in span:
                token_entity[token.i] = entity_id
    return entities, token_entity


@Language.factory("storyline_entities", assigns=["doc._.entities", "doc._.token_entity"], requires=["doc.ents"])
def create_entities_component(nlp: Language, name: str) -> EntitiesComponent:
    return EntitiesComponent()


class EntitiesComponent:
    """spaCy component: sets ``doc._.entities`` and ``doc._.token_entity``."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.entities, doc._.token_entity = find_entities(doc)
        return doc
