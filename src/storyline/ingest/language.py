"""A cheap "is this English?" check, good enough to turn away pages in other languages before the English
pipeline reads them.

Two signals, both counts over the text: the script (most letters outside the Latin alphabet means not
English), and function words (English prose is about a third "the", "of", "and", "said"...; other Latin-script
languages have their own "der", "que", "yang"...). A text is only rejected when the evidence is clear: short
texts, headlines and box scores have too few words to judge and pass.

>>> not_english_reason("Il governo ha annunciato che la legge sarà approvata " * 5) is not None
True
>>> not_english_reason("Dana Levi said on Monday that the budget would pass.") is None
True
"""

from __future__ import annotations

import re
import unicodedata

# Below this many words a ratio means little: leave the text to the pipeline.
MIN_WORDS = 30
# Below this many letters the script count means little.
MIN_LETTERS = 50
# English news runs at 0.15-0.50 of these words (AEB sample: lowest English page 0.11, a box score at 0.01).
MIN_ENGLISH_RATIO = 0.10
# ... and a low ratio only counts against a text when another language's function words outnumber them.
MIN_FOREIGN_WORDS = 3
# Share of letters that must be Latin for the text to be read as English at all.
MIN_LATIN_SHARE = 0.5
# Enough text to judge; keeps the check cheap on a 5 MB file.
_SAMPLE_CHARS = 50_000

ENGLISH_FUNCTION_WORDS = frozenset(
    (
        "about", "after", "against", "all", "also", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "does", "during",
        "each", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his", "how", "if",
        "into", "is", "it", "its", "just", "more", "most", "my", "nor", "not", "now", "of", "off", "once",
        "only", "or", "other", "our", "out", "over", "own", "same", "she", "should", "some", "such",
        "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
        "through", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
        "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "said", "says",
    )
)

# Frequent function words of other languages that English news hardly ever uses (words that are also
# English, like "a", "in", "die", "do", "no", "on", "to", are left out on purpose).
FOREIGN_FUNCTION_WORDS = (
    frozenset(
        (
            # German
            "der", "das", "und", "ist", "nicht", "mit", "dem", "des", "ein", "eine", "einer", "sich",
            "auch", "auf", "für", "von", "zu", "im", "werden", "wird", "sind", "wie", "bei", "aus", "nach",
            "oder", "noch",
            # French
            "le", "la", "les", "des", "du", "et", "est", "une", "un", "que", "qui", "dans", "pour", "pas",
            "sur", "au", "avec", "ce", "ces", "sont", "par", "il", "elle", "nous", "vous",
            # Spanish
            "el", "los", "las", "del", "es", "en", "por", "con", "para", "se", "su", "al", "lo", "como",
            "más", "pero", "sus", "fue",
            # Portuguese
            "os", "da", "das", "dos", "é", "em", "com", "uma", "não", "mais", "ao", "na", "pelo", "pela",
            "são",
            # Italian
            "di", "che", "è", "della", "delle", "una", "sono", "gli", "nel", "alla",
            # Dutch
            "het", "een", "en", "van", "dat", "op", "niet", "zijn", "voor",
            # Indonesian
            "yang", "dan", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan", "pada",
            "juga", "ke", "karena",
            # Swedish
            "och", "att", "det", "som", "är", "på", "för", "med",
            # Turkish
            "bir", "ve", "bu", "için", "ile",
            # Polish
            "że", "się", "jest",
        )
    )
    - ENGLISH_FUNCTION_WORDS
)

_WORD = re.compile(r"[^\W\d_]+")


def not_english_reason(text: str) -> str | None:
    """Why ``text`` is clearly not English, or None when it is (or might be) English."""
    sample = text[:_SAMPLE_CHARS]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= MIN_LETTERS:
        latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
        if latin < MIN_LATIN_SHARE * len(letters):
            return f"is not in English ({100 * latin // len(letters)}% of its letters are Latin)"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < MIN_WORDS:
        return None
    english = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS)
    foreign = sum(1 for w in words if w in FOREIGN_FUNCTION_WORDS)
    if english < MIN_ENGLISH_RATIO * len(words) and foreign >= MIN_FOREIGN_WORDS and foreign > english:
        return (
            f"does not look like English ({english} common English words among {len(words)}, "
            f"{foreign} of another language's)"
        )
    return None
