"""`newsfuse bench stories`: story grouping quality on pooled Multi-News / DUC clusters.

Documents of N clusters are pooled and shuffled; each grouper must recover the clusters. Reported:
pairwise precision/recall/F1 (a pair of documents in the same predicted story and the same true cluster)
and B-cubed F1. Peers run in the same process on the same pool: TF-IDF cosine (in-collection IDF, as
scikit-learn computes it) with the same average-linkage clustering, at the best of several thresholds
(an upper bound for the peer), and MinHash-LSH near-duplicate grouping. newsfuse-lexical is newsfuse
without lead embeddings (its fallback when the model is missing). --skip N pools clusters N+1 .. N+limit:
tune on one slice (e.g. --skip 2000), report on another.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time
from collections.abc import Callable, Sequence

import numpy as np

from ..models import Article
from ..settings import DEFAULT, Settings
from ..stories import group_stories
from .data import Cluster, default_data_path, load_clusters

LEXICAL = DEFAULT.with_(story_embeddings=False)  # newsfuse without lead embeddings, shown beside it


def add_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = kinds.add_parser("stories", help="stories and copies on mixed streams (B-cubed, copies F1, speed, memory)")
    parser.add_argument("dataset", nargs="?", default=None, help="with --pooled: jsonl.gz of clusters (multinews-val)")
    parser.add_argument("--sizes", default="1000,10000", help="stream sizes in articles (1000,10000)")
    parser.add_argument("--split", choices=["score", "tune"], default="score",
                        help="clusters streams are drawn from (score: never tuned on)")
    parser.add_argument("--embed-max", type=int, default=1500, metavar="N",
                        help="run newsfuse with MiniLM leads on streams of up to N articles (1500)")
    parser.add_argument("--tune-size", type=int, default=1000, metavar="N", help="tuning stream size (1000)")
    parser.add_argument("--pooled", action="store_true", help="the older pooled-cluster table (pairwise F1)")
    parser.add_argument("--limit", type=int, default=200, help="with --pooled: clusters pooled per run (200)")
    parser.add_argument("--skip", type=int, default=0, metavar="N",
                        help="skip the first N clusters (e.g. --skip 2000: a tuning pool apart from the reported one)")
    parser.add_argument("--seed", type=int, default=13)
    parser.set_defaults(handler=run)


def clusters_slice(dataset: str, skip: int, limit: int) -> list[Cluster]:
    """Clusters `skip` .. `skip + limit` of the file: tuning and reporting use disjoint pools."""
    return list(itertools.islice(load_clusters(dataset, max(0, skip) + max(0, limit)), max(0, skip), None))


def pooled_articles(dataset: str, limit: int, seed: int, skip: int = 0) -> tuple[list[Article], list[int]]:
    """Documents of clusters `skip` .. `skip + limit`, shuffled, with their cluster numbers."""
    articles, truth = [], []
    for c, cluster in enumerate(clusters_slice(dataset, skip, limit)):
        for d, doc in enumerate(cluster.documents):
            if len(doc.split()) < 40:
                continue  # Multi-News keeps some empty or error-page documents
            paragraphs = tuple(p for p in doc.split("\n") if p.strip())
            title = cluster.titles[d] if cluster.titles else None  # DUC and AllSides have titles
            articles.append(Article(f"c{c}d{d}", None, title, None, None, paragraphs))
            truth.append(c)
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    return [articles[i] for i in order], [truth[i] for i in order]


def scores(predicted: Sequence[int], truth: Sequence[int]) -> dict[str, float]:
    pred, true = np.asarray(predicted), np.asarray(truth)
    same_pred = pred[:, None] == pred[None, :]
    same_true = true[:, None] == true[None, :]
    off = ~np.eye(len(pred), dtype=bool)
    tp = float((same_pred & same_true & off).sum())
    precision = tp / max(1.0, float((same_pred & off).sum()))
    recall = tp / max(1.0, float((same_true & off).sum()))
    b_p = float(np.mean((same_pred & same_true).sum(1) / same_pred.sum(1)))
    b_r = float(np.mean((same_pred & same_true).sum(1) / same_true.sum(1)))
    return {
        "P": precision,
        "R": recall,
        "F1": _f1(precision, recall),
        "B3-F1": _f1(b_p, b_r),
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def newsfuse_grouper(articles: Sequence[Article], settings: Settings = DEFAULT) -> list[int]:
    index = {a.id: i for i, a in enumerate(articles)}
    labels = [0] * len(articles)
    for k, group in enumerate(group_stories(articles, settings)):
        for article_id in group.article_ids:
            labels[index[article_id]] = k
    return labels


def tfidf_grouper(threshold: float) -> Callable[[Sequence[Article]], list[int]]:
    def group(articles: Sequence[Article]) -> list[int]:
        from scipy.cluster.hierarchy import fcluster, linkage
        from sklearn.feature_extraction.text import TfidfVectorizer

        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform([a.text for a in articles])
        distance = 1.0 - (matrix @ matrix.T).toarray()[np.triu_indices(len(articles), 1)]
        tree = linkage(np.clip(distance, 0.0, None), method="average")
        return [int(x) for x in fcluster(tree, t=1.0 - threshold, criterion="distance")]

    return group


def minhash_grouper(articles: Sequence[Article]) -> list[int]:
    from ..stories import near_duplicates

    parent = {a.id: a.id for a in articles}
    for a, b in near_duplicates(articles, DEFAULT.with_(duplicate_containment=0.3)):
        parent[parent[b]] = parent[a]
    roots = {a.id: _root(parent, a.id) for a in articles}
    ids = {r: i for i, r in enumerate(dict.fromkeys(roots.values()))}
    return [ids[roots[a.id]] for a in articles]


def _root(parent: dict[str, str], key: str) -> str:
    while parent[key] != key:
        key = parent[key]
    return key


def kept_together(dataset: str, limit: int, skip: int = 0, settings: Settings = DEFAULT) -> tuple[int, float, float]:
    """Each cluster briefed alone: how often it stays one story, and the share of documents in its largest."""
    one, largest, n = 0, 0.0, 0
    for cluster in clusters_slice(dataset, skip, limit):
        articles = [
            Article(f"d{i}", None, (cluster.titles[i] if cluster.titles else None), None, None,
                    tuple(p for p in doc.split("\n") if p.strip()))
            for i, doc in enumerate(cluster.documents)
            if len(doc.split()) >= 40
        ]
        if len(articles) < 2:
            continue
        sizes = [len(g.article_ids) for g in group_stories(articles, settings)]
        n += 1
        one += len(sizes) == 1
        largest += max(sizes) / len(articles)
    return n, one / max(1, n), largest / max(1, n)


def print_kept_together(limit: int, skip: int = 0) -> None:
    """Kept-together rates with lead embeddings (when available) and lexical only, on the same clusters."""
    where = f"{skip + 1}..{skip + limit}" if skip else f"first {limit}"
    print(f"\nEach cluster alone ({where}): kept as one story / share of documents in the largest story")
    for name in ("multinews-val.jsonl.gz", "duc2003-novelty.jsonl.gz", "allsides-roundup-val.jsonl.gz"):
        for label, settings in (("", DEFAULT), (" lexical", LEXICAL)):
            try:
                n, one, largest = kept_together(default_data_path(name), limit, skip, settings)
            except Exception as error:  # noqa: BLE001 - a missing data set is reported, not fatal
                print(f"{name:<32} skipped ({error})")
                break
            print(f"{name + label:<40} {n:4d} clusters  one story {one:6.1%}  largest {largest:6.1%}")


def run(args: argparse.Namespace) -> int:
    if not args.pooled:
        from .stories_streams import run_streams

        sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
        return run_streams(sizes, args.seed, args.embed_max, args.tune_size, args.split)
    dataset = args.dataset or default_data_path("multinews-val.jsonl.gz")
    articles, truth = pooled_articles(dataset, args.limit, args.seed, args.skip)
    print(f"{len(articles)} documents from {len(set(truth))} clusters of {dataset}\n")
    peers: list[tuple[str, Callable[[Sequence[Article]], list[int]]]] = [
        ("newsfuse", newsfuse_grouper),
        ("newsfuse-lexical", lambda pile: newsfuse_grouper(pile, LEXICAL)),
    ]
    peers += [(f"tfidf-cosine@{t}", tfidf_grouper(t)) for t in (0.1, 0.15, 0.2, 0.3)]
    peers.append(("minhash-lsh@0.3", minhash_grouper))
    print(f"{'system':<20} {'P':>6} {'R':>6} {'F1':>6} {'B3-F1':>6} {'docs/s':>8}")
    for name, grouper in peers:
        start = time.perf_counter()
        labels = grouper(articles)
        elapsed = time.perf_counter() - start
        s = scores(labels, truth)
        print(f"{name:<20} {s['P']:6.3f} {s['R']:6.3f} {s['F1']:6.3f} {s['B3-F1']:6.3f} {len(articles) / elapsed:8.1f}")
    print_kept_together(args.limit, args.skip)
    return 0


__all__ = ["add_parser", "kept_together", "pooled_articles", "scores"]
