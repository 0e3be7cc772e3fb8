"""What grouping needs of an article, computed one article at a time so any worker can compute it.

An `ArticleFeatures` is compact (a few KB) and depends on its article alone: a MinHash signature of
word 5-gram shingles (copies), a hashed sparse content-word vector weighted by background rarity
(stories, see stories.article_vector) and, when the MiniLM model is available, the lead embedding.
Statistics of the whole pile (its IDF, its mean lead) are applied later, on the gathered features, so
a pile split into partitions on a Dask cluster gives the same features as one process.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..models import Article
from ..settings import DEFAULT, Settings

SHINGLE_WORDS = 5  # words per shingle: long enough that shared shingles mean shared text
NUM_PERM = 128  # MinHash permutations: containment estimated within about +-0.04
HASH_SEED = 1
OPENING_WORDS = 16
MINHASH_CHUNK = 2048  # shingles per MinHash pass: a 2 MB temporary at most, whatever the text's length
_ROLL = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier that combines word hashes into a shingle hash


@dataclass(frozen=True, eq=False, slots=True)  # slots: no per-article __dict__ (a 100k pile holds 100k)
class ArticleFeatures:
    id: str
    title: str | None
    opening: str  # the first words of the body: a headline when there is no title
    date: str | None
    outlet: str | None
    words: int  # Article.word_count: the length the stages share
    shingles: int  # distinct shingles (for containment from a Jaccard estimate)
    signature: np.ndarray  # MinHash hash values, uint32 (datasketch's values fit), NUM_PERM of them
    columns: np.ndarray  # hashed word columns (crc32), uint32, sorted
    weights: np.ndarray  # unit-length float32 weights of those columns
    lead: np.ndarray | None  # unit-length MiniLM lead embedding (float32) or None


def featurize(articles: Sequence[Article], settings: Settings = DEFAULT) -> list[ArticleFeatures]:
    """Features of each article, in order; leads are embedded in one batch (the model loads once)."""
    from ..stories import lead_text

    leads = None
    if settings.story_embeddings and articles:
        from ..embed import embed

        leads = embed([lead_text(a) for a in articles])
    out = []
    for index, article in enumerate(articles):
        hashes = shingle_hashes(article.text)
        columns, weights = hashed_vector(article)
        lead = None if leads is None else np.asarray(leads[index], dtype=np.float32)
        opening = " ".join(article.text.split()[:OPENING_WORDS])
        out.append(ArticleFeatures(article.id, article.title, opening, article.date, article.outlet, article.word_count,
                                   len(hashes), minhash(hashes), columns, weights, lead))
    return out


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the lower-cased word 5-grams of a text (one gram if it is shorter)."""
    words = text.lower().split()
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(hashed))
    combined = np.zeros(len(hashed) - width + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(width):
            combined = combined * _ROLL + hashed[k : len(hashed) - width + 1 + k]
    return np.unique(combined >> np.uint64(32))


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, seed=HASH_SEED, scheme="legacy").permutations
    return np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64)


def minhash(hashes: np.ndarray) -> np.ndarray:
    """datasketch's MinHash (legacy scheme) of already-hashed values, computed in NumPy passes of
    MINHASH_CHUNK shingles (a long text's shingles x NUM_PERM array would take tens of MB); kept as uint32
    (datasketch masks its values to 32 bits): half the memory of its uint64."""
    from datasketch.minhash import _max_hash

    if not len(hashes):
        return np.full(NUM_PERM, _max_hash, dtype=np.uint32)
    least = np.minimum.reduce([_minhash_chunk(hashes[start : start + MINHASH_CHUNK])
                               for start in range(0, len(hashes), MINHASH_CHUNK)])
    return least.astype(np.uint32)


def _minhash_chunk(hashes: np.ndarray) -> np.ndarray:
    from datasketch.minhash import _max_hash, _mersenne_prime

    a, b = _permutations()
    prime = np.uint64(_mersenne_prime)
    with np.errstate(over="ignore"):
        permuted = hashes[:, None] * a + b  # wraps at 2^64, as datasketch's uint64 arithmetic does
    # x % (2^61 - 1) without a division: x = hi * 2^61 + lo is hi + lo modulo the prime, below twice it
    permuted = (permuted & prime) + (permuted >> np.uint64(61))
    permuted -= prime * (permuted >= prime)
    return np.bitwise_and(permuted, np.uint64(_max_hash)).min(axis=0)  # type: ignore[no-any-return]


def hashed_vector(article: Article) -> tuple[np.ndarray, np.ndarray]:
    """stories.article_vector with its words hashed to columns: no vocabulary to share across workers."""
    from ..stories import article_vector

    vector = article_vector(article)
    merged: dict[int, float] = {}
    for word, weight in vector.items():
        column = word_column(word)
        merged[column] = merged.get(column, 0.0) + weight
    columns = np.array(sorted(merged), dtype=np.uint32)  # crc32 columns: below 2^32
    weights = np.array([merged[c] for c in columns.tolist()], dtype=np.float32)
    return columns, weights


@lru_cache(maxsize=500_000)
def word_column(word: str) -> int:
    """A word's 32-bit column: the same in every process (Python's hash() is salted per process)."""
    return zlib.crc32(word.encode("utf-8"))
