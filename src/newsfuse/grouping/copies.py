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

import numpy as np

from ..settings import DEFAULT, Settings
from .features import NUM_PERM, HASH_SEED, ArticleFeatures

ALL_PAIRS_PILE = 64  # articles: up to this many every pair is compared (2,016 pairs); above, LSH finds candidates


def duplicate_pairs(features: Sequence[ArticleFeatures], settings: Settings = DEFAULT) -> list[tuple[int, int]]:
    """Index pairs (i < j) of copies, sorted."""
    if len(features) <= ALL_PAIRS_PILE:
        candidates = [(i, j) for i in range(len(features)) for j in range(i + 1, len(features))]
    else:
        candidates = _lsh_candidates(features, settings.duplicate_lsh_threshold)
    return sorted(p for p in candidates if is_copy(features[p[0]], features[p[1]], settings))


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


def _lsh_candidates(features: Sequence[ArticleFeatures], threshold: float) -> list[tuple[int, int]]:
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    signatures = [LeanMinHash(seed=HASH_SEED, hashvalues=f.signature, scheme="legacy") for f in features]
    pairs: set[tuple[int, int]] = set()
    for index, signature in enumerate(signatures):
        if not features[index].shingles:
            continue
        for other in lsh.query(signature):
            pairs.add((other, index))
        lsh.insert(index, signature)
    return sorted(pairs)


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
