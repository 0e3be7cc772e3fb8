"""Check that a change to grouping's internals keeps its output: dump a stream's grouping, compare two dumps.

python bench/same_grouping.py dump SIZE OUT.json   (build_stream, seed 13, words only)
python bench/same_grouping.py compare A.json B.json
"""

from __future__ import annotations

import json
import sys


def dump(size: int, out: str) -> None:
    from newsfuse.bench.stories_streams import LEXICAL
    from newsfuse.bench.streams import build_stream, story_pool
    from newsfuse.grouping import featurize, group_features
    from newsfuse.grouping.copies import duplicate_pairs

    stream = build_stream(story_pool("score"), size, 13)
    features = featurize(stream.articles, LEXICAL)
    grouping = group_features(features, LEXICAL)
    result = {"pairs": duplicate_pairs(features, LEXICAL),
              "groups": [[g.id, list(g.article_ids), list(g.related), [list(p) for p in g.duplicates]]
                         for g in grouping.groups],
              "duplicate_of": grouping.duplicate_of}
    with open(out, "w") as handle:
        json.dump(result, handle)
    print(f"{len(stream.articles)} articles: {len(grouping.groups)} stories, {len(grouping.duplicate_of)} copies")


def compare(a: str, b: str) -> int:
    with open(a) as left, open(b) as right:
        first, second = json.load(left), json.load(right)
    same = {key: first[key] == second[key] for key in first}
    print(same)
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
