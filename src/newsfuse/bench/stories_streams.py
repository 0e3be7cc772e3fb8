"""`newsfuse bench stories` on mixed streams: newsfuse beside its peers, each system in its own process.

Systems (all on the same stream, in one run): newsfuse (words only, and with MiniLM leads on streams up to
--embed-max articles), datasketch's plain MinHashLSH at Jaccard 0.85 (copies; each family of copies a
story), and TF-IDF + average linkage (scipy) with copies from that MinHashLSH, its threshold chosen on a
tuning stream and scored on scoring streams. Each system runs in a forked child: articles per second of
wall time and per CPU-second of the child (one core's rate: the machine is shared), and peak memory above
what the stream itself takes (ru_maxrss of the child minus its size at the fork).
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..settings import DEFAULT, Settings
from .big_streams import build_big_stream, capacity, extended_pool
from .streams import Stream, bcubed, build_stream, copy_scores, labels_of, story_pool

if TYPE_CHECKING:
    from ..grouping.features import ArticleFeatures
    from ..models import Article

LEXICAL = DEFAULT.with_(story_embeddings=False)
TFIDF_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
TFIDF_MAX = 12_000  # articles: above, the TF-IDF peer's condensed distances (8 n^2 / 2 bytes) do not fit
PLAIN_JACCARD = 0.85  # datasketch MinHashLSH's threshold for the plain copy peer
Result = tuple[list[int], dict[str, str]]  # story label per article, {copy: original}


def newsfuse_system(settings: Settings) -> Callable[[Stream], Result]:
    def run(stream: Stream) -> Result:
        from ..grouping import featurize, group_features

        grouping = group_features(featurize(stream.articles, settings), settings)
        return labels_of([g.article_ids for g in grouping.groups], stream.articles), grouping.duplicate_of

    return run


def copy_features(articles: Sequence[Article]) -> list[ArticleFeatures]:
    """What the near-duplicate pass reads of each article (shingle count and MinHash), without word vectors."""
    import numpy as np

    from ..grouping.features import ArticleFeatures, minhash, shingle_hashes

    empty = np.zeros(0)
    features = []
    for a in articles:
        hashes = shingle_hashes(a.text)
        features.append(ArticleFeatures(a.id, None, "", a.date, None, a.word_count, len(hashes), minhash(hashes),
                                        empty, empty, None))
    return features


def copies_pass(stream: Stream) -> Result:
    """newsfuse's near-duplicate pass alone (shingles, MinHash, LSH, containment): its speed."""
    from ..grouping.copies import duplicate_pairs, originals

    features = copy_features(stream.articles)
    copy_of = originals(features, duplicate_pairs(features, LEXICAL))
    dup = {features[c].id: features[o].id for c, o in copy_of.items()}
    return _copy_families_as_stories(stream, dup), dup


def plain_minhash(stream: Stream) -> Result:
    """datasketch as documented: MinHash (SHA-1) of 5-gram shingles, MinHashLSH at Jaccard 0.85."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=PLAIN_JACCARD, num_perm=128)
    dup: dict[str, str] = {}
    for a in stream.articles:
        words = a.text.lower().split()
        signature = MinHash(num_perm=128)
        signature.update_batch([" ".join(words[i : i + 5]).encode() for i in range(max(1, len(words) - 4))])
        found = lsh.query(signature)
        if found:
            first = min(found)
            dup[a.id] = dup.get(first, first)
        lsh.insert(a.id, signature)
    return _copy_families_as_stories(stream, dup), dup


def _copy_families_as_stories(stream: Stream, dup: dict[str, str]) -> list[int]:
    return labels_of_ids([dup.get(a.id, a.id) for a in stream.articles])


def labels_of_ids(keys: Sequence[str]) -> list[int]:
    index: dict[str, int] = {}
    return [index.setdefault(k, len(index)) for k in keys]


def tfidf_system(threshold: float) -> Callable[[Stream], Result]:
    def run(stream: Stream) -> Result:
        import numpy as np
        from scipy.cluster.hierarchy import fcluster, linkage
        from sklearn.feature_extraction.text import TfidfVectorizer

        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
            [" ".join(filter(None, [a.title, a.text])) for a in stream.articles])
        n = matrix.shape[0]
        condensed = np.concatenate([1.0 - (matrix[i] @ matrix[i + 1 :].T).toarray().ravel() for i in range(n - 1)])
        tree = linkage(np.clip(condensed, 0.0, None), method="average")
        labels = [int(x) for x in fcluster(tree, t=1.0 - threshold, criterion="distance")]
        return labels, plain_minhash(stream)[1]

    return run


def measure(system: Callable[[Stream], Result], stream: Stream) -> dict[str, Any]:
    """Run a system in a forked child: its scores, articles/s and peak memory (MB) above the fork."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_child, args=(system, stream, queue))
    child.start()
    result = queue.get()
    child.join()
    if "error" in result:
        return result
    labels, dup, elapsed, peak_mb = result["labels"], result["dup"], result["elapsed"], result["peak_mb"]
    sp, sr, sf = bcubed(labels, stream.story)
    cp, cr, cf = copy_scores(dup, stream)
    return {"B3-P": sp, "B3-R": sr, "B3-F1": sf, "copy-P": cp, "copy-R": cr, "copy-F1": cf,
            "art/s": len(stream.articles) / elapsed, "art/cpu-s": len(stream.articles) / max(result["cpu"], 1e-9),
            "peak MB": peak_mb}


def _child(system: Callable[[Stream], Result], stream: Stream, queue: Any) -> None:
    try:
        start_rss = _rss_mb()
        start, cpu = time.perf_counter(), time.process_time()
        labels, dup = system(stream)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - start_rss
        queue.put({"labels": labels, "dup": dup, "elapsed": elapsed, "cpu": cpu, "peak_mb": max(0.0, peak)})
    except Exception as error:  # noqa: BLE001 - a failing peer is reported in its row
        queue.put({"error": f"{type(error).__name__}: {error}"})


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * resource.getpagesize() / 2**20


def tune_tfidf(size: int, seed: int) -> float:
    """The TF-IDF peer's best threshold (B-cubed F1) on a tuning stream."""
    stream = build_stream(story_pool("tune"), size, seed)
    scored = {t: measure(tfidf_system(t), stream).get("B3-F1", 0.0) for t in TFIDF_GRID}
    print("TF-IDF threshold on the tuning stream: " + ", ".join(f"{t}: {f:.3f}" for t, f in scored.items()))
    return max(scored, key=scored.__getitem__)


def run_streams(sizes: Sequence[int], seed: int, embed_max: int, tune_size: int, split: str) -> int:
    threshold = tune_tfidf(tune_size, seed + 1)
    pool = story_pool(split)
    big_pool: list[Any] | None = None
    columns = ("B3-P", "B3-R", "B3-F1", "copy-P", "copy-R", "copy-F1", "art/s", "art/cpu-s", "peak MB")
    for size in sizes:
        if size <= capacity(pool):
            stream = build_stream(pool, size, seed)
        else:  # more than the real clusters give: every real article plus labelled copies (bench.big_streams)
            big_pool = big_pool or extended_pool(split)
            stream = build_big_stream(big_pool, size, seed)
        print(f"\n{split} stream: {len(stream.articles)} articles, {len(set(stream.story))} stories, "
              f"{len(stream.copy_of)} synthetic copies (seed {seed})")
        print(f"{'system':<28}" + "".join(f"{c:>10}" for c in columns))
        systems: list[tuple[str, Callable[[Stream], Result]]] = [("newsfuse (words)", newsfuse_system(LEXICAL))]
        if len(stream.articles) <= embed_max:
            systems.append(("newsfuse (words + MiniLM)", newsfuse_system(DEFAULT)))
        systems += [("newsfuse copies pass only", copies_pass),
                    (f"datasketch MinHashLSH@{PLAIN_JACCARD}", plain_minhash)]
        if len(stream.articles) <= TFIDF_MAX:
            systems.append((f"tfidf+average@{threshold} (tuned)", tfidf_system(threshold)))
        for name, system in systems:
            row = measure(system, stream)
            if "error" in row:
                print(f"{name:<28} failed: {row['error']}")
                continue
            print(f"{name:<28}" + "".join(f"{row[c]:10.0f}" if c in ("art/s", "art/cpu-s", "peak MB")
                                           else f"{row[c]:10.3f}" for c in columns), flush=True)
        if len(stream.articles) > TFIDF_MAX:
            n = len(stream.articles)
            print(f"{'tfidf+average':<28} skipped: average linkage needs the n(n-1)/2 distances "
                  f"({n * (n - 1) / 2 * 8 / 2**30:.0f} GiB at {n:,} articles)", flush=True)
    return 0
