"""The copy pass's pairs on a big stream with this tree's LSH and with another tree's copies.py (before a change).

python bench/same_copy_pairs.py SIZE /path/to/old/src/newsfuse/grouping/copies.py
"""

from __future__ import annotations

import importlib.util
import sys
import time


def main(size: int, old_path: str) -> int:
    from newsfuse.bench.big_streams import build_big_stream, extended_pool
    from newsfuse.bench.stories_streams import LEXICAL, copy_features
    from newsfuse.grouping import copies

    spec = importlib.util.spec_from_file_location("newsfuse.grouping._copies_before", old_path)
    old = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(old)  # type: ignore[union-attr]
    stream = build_big_stream(extended_pool("score"), size, 13)
    features = copy_features(stream.articles)
    found = {}
    for name, module in (("new", copies), ("old", old)):
        start = time.perf_counter()
        found[name] = module.duplicate_pairs(features, LEXICAL)
        print(f"{name}: {len(found[name])} pairs in {time.perf_counter() - start:.1f} s", flush=True)
    same = found["new"] == found["old"]
    print(f"{len(features)} articles: same pairs: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), sys.argv[2]))
