"""Peak memory of newsfuse's grouping (words) and its copy pass alone on 1k / 10k / 100k streams, each system
in a forked child as `newsfuse bench stories` measures it (without the peers: a quick memory check).

nice -n 10 python bench/memory_streams.py 1000,10000,100000
"""

from __future__ import annotations

import sys

from newsfuse.bench.big_streams import build_big_stream, capacity, extended_pool
from newsfuse.bench.stories_streams import LEXICAL, copies_pass, measure, newsfuse_system
from newsfuse.bench.streams import build_stream, story_pool


def main(sizes: list[int], seed: int = 13) -> None:
    pool = story_pool("score")
    for size in sizes:
        stream = build_stream(pool, size, seed) if size <= capacity(pool) else \
            build_big_stream(extended_pool("score"), size, seed)
        for name, system in (("newsfuse (words)", newsfuse_system(LEXICAL)), ("copies pass only", copies_pass)):
            row = measure(system, stream)
            print(f"{len(stream.articles):>7} {name:<18} peak {row.get('peak MB', 0):6.0f} MB  "
                  f"{row.get('art/s', 0):6.0f} art/s  B3-F1 {row.get('B3-F1', 0):.3f}  "
                  f"copy-F1 {row.get('copy-F1', 0):.3f}"
                  f"{'  ' + row['error'] if 'error' in row else ''}", flush=True)


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1].split(",")])
