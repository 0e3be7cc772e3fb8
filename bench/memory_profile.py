"""Where a big pile's grouping memory goes: per-structure sizes and tracemalloc peaks per stage.

python bench/memory_profile.py SIZE  (a big_streams stream, seed 13, words only)
"""

from __future__ import annotations

import sys
import time
import tracemalloc

import numpy as np

from newsfuse.bench.big_streams import build_big_stream, extended_pool
from newsfuse.bench.stories_streams import LEXICAL
from newsfuse.bench.streams import build_stream, story_pool


def deep_size(feature: object) -> int:
    """Bytes one ArticleFeatures holds (object, strings, arrays)."""
    fields = getattr(feature, "__slots__", None) or list(vars(feature))
    total = sys.getsizeof(feature) + (0 if hasattr(feature, "__slots__") else sys.getsizeof(feature.__dict__))
    for value in (getattr(feature, name) for name in fields):
        if isinstance(value, np.ndarray):
            total += value.nbytes + 112
        elif value is not None:
            total += sys.getsizeof(value)
    return total


def main(size: int) -> None:
    from newsfuse.grouping import featurize, group_features
    from newsfuse.grouping.copies import duplicate_pairs, originals

    pool = story_pool("score")
    stream = build_stream(pool, size, 13) if size <= 10_000 else build_big_stream(extended_pool("score"), size, 13)
    n = len(stream.articles)
    print(f"{n} articles; texts {sum(len(a.text) for a in stream.articles) / 2**20:.0f} MB of characters")
    tracemalloc.start()
    start = time.perf_counter()
    features = featurize(stream.articles, LEXICAL)
    current, peak = tracemalloc.get_traced_memory()
    print(f"featurize: held {current / 2**20:.0f} MB, peak {peak / 2**20:.0f} MB, {time.perf_counter() - start:.0f} s")
    sizes = [deep_size(f) for f in features]
    sig = sum(f.signature.nbytes for f in features)
    cols = sum(f.columns.nbytes for f in features)
    wts = sum(f.weights.nbytes for f in features)
    print(f"  per article {np.mean(sizes) / 1024:.1f} KB: signature {sig / n:.0f} B, columns {cols / n:.0f} B, "
          f"weights {wts / n:.0f} B, rest (objects, strings, array headers) "
          f"{(sum(sizes) - sig - cols - wts) / n:.0f} B")
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    pairs = duplicate_pairs(features, LEXICAL)
    copy_of = originals(features, pairs)
    peak = tracemalloc.get_traced_memory()[1]
    print(f"copy pass: {len(pairs)} pairs, {len(copy_of)} copies, peak {(peak - base) / 2**20:.0f} MB above features")
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    group_features(features, LEXICAL)
    peak = tracemalloc.get_traced_memory()[1]
    print(f"group_features (copy pass + stories): peak {(peak - base) / 2**20:.0f} MB above features")
    snapshot = tracemalloc.take_snapshot()
    for stat in snapshot.statistics("lineno")[:6]:
        print("  ", stat)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
