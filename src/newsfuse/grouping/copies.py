"""Near-duplicate copies: the same text under other boilerplate, cut short, or re-headlined.

Copies are found by MinHash LSH (datasketch) on word 5-gram shingles of the body (a headline is not
part of it) and confirmed by *containment*: the share of the shorter text's shingles found in the
longer one, estimated from the MinHash Jaccard J and the two shingle counts as
|A ∩ B| = J (|A| + |B|) / (1 + J). A copy cut to 80% of its original, or wrapped in other boilerplate,
keeps a containment near 1 while its Jaccard falls towards 0.6, so a fixed Jaccard misses it.
Each family of copies keeps one original: the earliest dated, then the longest (the longest first when a
member has no date), then the first given.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..settings import DEFAULT, Settings
from .features import NUM_PERM, ArticleFeatures

ALL_PAIRS_PILE = 64  # articles: up to this many every pair is compared (2,016 pairs); above, LSH finds candidates
PAIR_BUFFER = 4_000_000  # candidate pair keys (32 MB) gathered from LSH bands before they are merged
STAR_BUCKET = 50  # an LSH bucket this large (one text posted many times) links members to its first only


def duplicate_pairs(features: Sequence[ArticleFeatures], settings: Settings = DEFAULT) -> list[tuple[int, int]]:
    """Index pairs (i < j) of copies, sorted."""
    n = len(features)
    signatures = signature_matrix(features)
    if n <= ALL_PAIRS_PILE:
        i, j = np.triu_indices(n, 1)
    else:
        i, j = lsh_candidates(signatures, settings.duplicate_lsh_threshold,
                              np.array([f.shingles > 0 for f in features]))
    if not len(i):
        return []
    sizes = np.array([f.shingles for f in features], dtype=float)
    keep = copies_among(signatures, sizes, i, j, settings)
    return sorted(zip(i[keep].tolist(), j[keep].tolist()))


def signature_matrix(features: Sequence[ArticleFeatures]) -> np.ndarray:
    """The signatures as one array, built once: 32-bit when every value fits (datasketch's hash values are
    below 2^32), which halves the largest array of a big pile's copy pass."""
    wide = any(int(f.signature.max(initial=0)) > 0xFFFFFFFF for f in features)
    out = np.empty((len(features), NUM_PERM), dtype=np.uint64 if wide else np.uint32)
    for k, feature in enumerate(features):
        out[k] = feature.signature
    return out


def copies_among(signatures: np.ndarray, sizes: np.ndarray, i: np.ndarray, j: np.ndarray,
                 settings: Settings, chunk: int = 10_000) -> np.ndarray:
    """Which candidate pairs are copies (see is_copy), vectorised in chunks."""
    keep = np.zeros(len(i), dtype=bool)
    for start in range(0, len(i), chunk):
        a, b = i[start : start + chunk], j[start : start + chunk]
        jaccard = (signatures[a] == signatures[b]).sum(axis=1) / NUM_PERM
        smaller = np.minimum(sizes[a], sizes[b])
        shared = jaccard * (sizes[a] + sizes[b]) / (1.0 + jaccard)
        contained = np.minimum(1.0, shared / np.maximum(smaller, 1.0))
        keep[start : start + chunk] = ((smaller >= settings.duplicate_min_shingles)
                                       & (contained >= settings.duplicate_containment))
    return keep


def containment(a: ArticleFeatures, b: ArticleFeatures) -> float:
    """Estimated share of the smaller shingle set that lies in the other (0 when either is empty)."""
    if not a.shingles or not b.shingles:
        return 0.0
    jaccard = float(np.count_nonzero(a.signature == b.signature)) / NUM_PERM
    shared = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    return min(1.0, shared / min(a.shingles, b.shingles))


def is_copy(a: ArticleFeatures, b: ArticleFeatures, settings: Settings = DEFAULT) -> bool:
    """Most of the shorter text is in the longer, and the shorter is long enough for that to mean a copy."""
    if min(a.shingles, b.shingles) < settings.duplicate_min_shingles:
        return False
    return containment(a, b) >= settings.duplicate_containment


def lsh_candidates(signatures: np.ndarray, threshold: float, usable: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) sharing a band of their signatures: MinHash LSH with datasketch's band layout for the
    threshold (`_optimal_param`); each band's rows mixed into one 64-bit key and bucketed by sorting
    (a collision of two mixed keys only adds a candidate, which verification then drops).
    A bucket of more than STAR_BUCKET articles links each to its first (copies chain through the union)."""
    bands, rows = _band_layout(threshold)
    index = np.flatnonzero(usable)
    n = np.int64(max(1, len(signatures)))
    found = np.zeros(0, dtype=np.int64)  # pair keys i * n + j, sorted and distinct
    pending: list[np.ndarray] = []  # bands' keys not yet merged into found
    mix = np.array([0x9E3779B97F4A7C15 ^ (k * 0xBF58476D1CE4E5B9 & 0xFFFFFFFFFFFFFFFF) | 1 for k in range(rows)],
                   dtype=np.uint64)
    for band in range(bands):
        with np.errstate(over="ignore"):
            keys = (signatures[index, band * rows : (band + 1) * rows] * mix).sum(axis=1)
        _, bucket, counts = np.unique(keys, return_inverse=True, return_counts=True)
        shared = np.flatnonzero(counts[bucket] > 1)  # only articles whose bucket holds another
        if not len(shared):
            continue
        order = shared[np.argsort(bucket[shared], kind="stable")]
        a, b = _bucket_pairs(index[order], bucket[order])
        # the bands mostly find the same pairs: merged whenever PAIR_BUFFER keys wait, a big pile's copy pass
        # holds its distinct pairs once plus a bounded buffer, not every band's pairs at the same time
        pending.append(a.astype(np.int64) * n + b)
        if sum(len(keys) for keys in pending) > PAIR_BUFFER:
            found, pending = np.unique(np.concatenate([found, *pending])), []
    found = np.unique(np.concatenate([found, *pending]))
    return found // n, found % n


def _bucket_pairs(members: np.ndarray, bucket: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs within each bucket (members sorted by bucket, ascending within one): every pair (i < j) of a
    bucket of up to STAR_BUCKET members, its first with each other member above that. Without a Python
    loop over buckets: a stream of copies has tens of thousands of them per band."""
    starts = np.flatnonzero(np.r_[True, bucket[1:] != bucket[:-1]])
    sizes = np.diff(np.r_[starts, len(members)])
    group = np.repeat(np.arange(len(starts)), sizes)
    rank = np.arange(len(members)) - starts[group]  # position within its bucket
    size = sizes[group]
    later = np.where(size > STAR_BUCKET, 0, size - 1 - rank)  # partners after it in a small bucket
    first = np.repeat(np.arange(len(members)), later)
    offset = np.arange(len(first)) - np.repeat(np.cumsum(later) - later, later)
    star = np.flatnonzero((size > STAR_BUCKET) & (rank > 0))
    i = np.concatenate([members[first], members[starts[group[star]]]])
    j = np.concatenate([members[first + 1 + offset], members[star]])
    return i, j


@lru_cache(maxsize=8)
def _band_layout(threshold: float) -> tuple[int, int]:
    """datasketch's (bands, rows) for a threshold, false positives and negatives weighed alike."""
    from datasketch.lsh import _optimal_param

    return _optimal_param(threshold, NUM_PERM, 0.5, 0.5)  # type: ignore[no-any-return]


def originals(features: Sequence[ArticleFeatures], pairs: Sequence[tuple[int, int]]) -> dict[int, int]:
    """{copy index: its family's original index}; the original is earliest dated, then longest, then first."""
    parent = list(range(len(features)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[find(j)] = find(i)
    families: dict[int, list[int]] = {}
    for i, j in pairs:
        for k in (i, j):
            families.setdefault(find(k), [])
    for k in range(len(features)):
        if find(k) in families:
            families[find(k)].append(k)
    copy_of = {}
    for members in families.values():
        first = min(members, key=_original_order(features, members))
        copy_of.update({k: first for k in members if k != first})
    return copy_of


def _original_order(features: Sequence[ArticleFeatures], members: Sequence[int]):  # type: ignore[no-untyped-def]
    """Earliest date then longest when every copy is dated; else longest first (a cut copy is shorter)."""
    if all(features[k].date for k in members):
        return lambda k: (features[k].date, -features[k].words, k)
    return lambda k: (-features[k].words, features[k].date or "9999", k)
