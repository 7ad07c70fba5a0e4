"""Near-duplicate articles: wire copies, syndicated rewrites, light edits.

An article's text becomes a set of word 5-shingles, summarized by a MinHash (datasketch) of
:data:`NUM_PERM` values. Locality-sensitive hashing splits the signature into :data:`BANDS` bands of
:data:`ROWS` values; two articles that share a band are candidates, and a candidate whose estimated Jaccard
similarity is at least :data:`THRESHOLD` is a near-duplicate. With 16 bands of 4, a pair at similarity 0.5 is
a candidate with probability 1 - (1 - 0.5**4)**16 = 0.64, at 0.7 with 0.98, at 0.8 with 0.9999; a pair at 0.2
with 0.025 (and is then rejected by the similarity check).

>>> a = signature("Dockers at the port of Varena walked out on Monday over pay, the union said.")
>>> similarity(a, signature("Dockers at the port of Varena walked out on Monday over pay, the union said on Tuesday."))
0.8...

The bands are plain strings, kept in a table (``corpus_bands``), so candidates are found with one indexed
query and memory does not grow with the corpus.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import numpy.typing as npt

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
THRESHOLD = 0.5
SHINGLE = 5
# Same seed everywhere: signatures computed by different processes and runs must be comparable.
SEED = 1

_WORD = re.compile(r"\w+")

Signature = npt.NDArray[np.uint32]


def words(text: str) -> list[str]:
    """The text's words, lowercased and without accents: two copies differing in typography match."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def shingles(text: str) -> set[bytes]:
    """Every run of :data:`SHINGLE` consecutive words (the whole text when it is shorter)."""
    tokens = words(text)
    if len(tokens) <= SHINGLE:
        return {" ".join(tokens).encode()}
    return {" ".join(tokens[i : i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of ``text``: :data:`NUM_PERM` unsigned 32-bit values."""
    from datasketch import MinHash

    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(sorted(shingles(text)))
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def to_bytes(sig: Signature) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes | memoryview) -> Signature:
    return np.frombuffer(bytes(data), dtype="<u4").astype(np.uint32)


def bands(sig: Signature) -> list[str]:
    """The LSH band keys of a signature: ``"<band>:<values in hex>"``."""
    return [f"{b}:" + sig[b * ROWS : (b + 1) * ROWS].astype("<u4").tobytes().hex() for b in range(BANDS)]


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def is_near_duplicate(a: Signature, b: Signature) -> bool:
    return similarity(a, b) >= THRESHOLD
