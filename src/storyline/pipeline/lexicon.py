"""Word lists the rule-based stages share. Lowercase lemmas unless said otherwise."""

from __future__ import annotations

# Verbs that introduce reported speech or a stated position. "say" covers only about a quarter
# of real attributions, so the list is long on purpose.
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add state warn insist claim argue deny urge note acknowledge announce explain reply
    respond answer write tweet post declare assert maintain contend suggest predict promise pledge
    vow threaten admit concede confirm report reveal disclose recall remark comment observe
    complain lament protest object charge allege accuse demand ask question wonder caution advise
    recommend propose counter retort quip joke boast brag stress emphasize emphasise underline
    reiterate repeat testify swear affirm mention indicate estimate forecast conclude describe
    acknowledge signal hint lash criticize criticise blast slam praise concede
    assure inform remind announce proclaim yell shout scream whisper mutter exclaim cry plead
    tout insist rule order instruct direct agree disagree dispute reject dismiss contest
    """.split()
)

# Verbs of belief and knowledge. News attributes positions with them too ("officials believe ...").
COGNITION_VERBS: frozenset[str] = frozenset(
    """
    believe think feel fear hope expect know learn understand suspect doubt worry consider
    assume figure reckon find see realize realise
    """.split()
)

REPORTING_VERBS: frozenset[str] = SPEECH_VERBS | COGNITION_VERBS

# Nouns that carry speech when they head "in a X" / "X that ...": "in a statement", "the claim that".
SPEECH_NOUNS: frozenset[str] = frozenset(
    """
    statement interview letter speech remarks post tweet briefing press conference
    """.split()
)

# Head words of titles and roles: "Finance Minister X", "spokesman X", "X, a professor at Y".
TITLE_NOUNS: frozenset[str] = frozenset(
    """
    president minister secretary senator sen. rep. representative governor gov. mayor chancellor
    premier king queen prince princess sheikh emir sultan ayatollah pope bishop archbishop cardinal
    rabbi imam chairman chairwoman chair chairperson ceo cfo coo cto director chief head leader
    commander general gen. admiral colonel col. lieutenant lt. major maj. captain capt. sergeant
    sgt. officer commissioner ambassador envoy diplomat spokesman spokeswoman spokesperson
    adviser advisor aide judge justice attorney prosecutor lawyer counsel inspector superintendent
    sheriff deputy speaker whip lawmaker legislator congressman congresswoman mp mep councillor
    councilor councilman councilwoman candidate nominee founder co-founder owner executive manager
    coach professor prof. dr. doctor analyst economist researcher scientist historian author
    editor correspondent reporter columnist journalist writer expert official negotiator mediator
    activist organizer organiser campaigner chairman president-elect vice-president treasurer
    administrator commissioner counselor counsellor principal dean rector provost partner
    strategist pollster consultant member resident witness survivor student teacher worker
    """.split()
)

# Words that precede or modify a title without being one: "former Defense Minister", "acting head".
TITLE_MODIFIERS: frozenset[str] = frozenset(
    """
    former acting deputy vice interim outgoing incoming then chief senior top assistant associate
    junior co lead principal general state federal national foreign prime
    """.split()
)

# Portfolio words the trained model often tags ORG on their own ("Finance" in "Finance Minister").
PORTFOLIO_WORDS: frozenset[str] = frozenset(
    """
    finance defense defence foreign interior health justice education energy economy economic
    treasury trade commerce labor labour agriculture transport transportation environment
    security national homeland home culture tourism housing welfare communications information
    intelligence immigration infrastructure industry science technology development sports
    strategic affairs public works water tourism religious heritage social services digital
    """.split()
)

# Collective and anonymous sources: kept as sources, never forced onto a named person.
ANONYMOUS_SOURCE_NOUNS: frozenset[str] = frozenset(
    """
    official officials source sources people person analyst analysts expert experts witness
    witnesses resident residents diplomat diplomats aide aides observer observers insider insiders
    critic critics supporter supporters opponent opponents leader leaders lawmaker lawmakers
    investigator investigators police authorities authority government spokesman spokeswoman
    spokesperson someone ministry military army report reports statement agency
    """.split()
)
