"""Mixed streams for `newsfuse bench stories`: real multi-outlet stories plus synthetic copies, with the truth.

Every Multi-News val cluster and every DUC cluster is one story. Clusters are split once, by a hash of
their position, into a *tuning* split (a third of Multi-News) and a *scoring* split (the rest of
Multi-News and all of DUC): thresholds are chosen on tuning streams only. A stream samples whole clusters
(seeded) and adds synthetic copies of some articles: other boilerplate above and below, cut to 80-100%
of its words, a new headline, a later date. Corpus artefacts are dropped: documents under 40 words and
texts found in more than one cluster, verbatim or mostly (Multi-News keeps archive-crawler notices, login
walls and e-mail-alert pages as documents).
"""

from __future__ import annotations

import random
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..models import Article
from .data import default_data_path, load_clusters

MIN_WORDS = 40
COPY_SHARE = 0.12  # synthetic copies per original article
TRUNCATE = (0.8, 1.0)  # a copy keeps this share of its original's words
ARTEFACT_CONTAINMENT = 0.5  # a text half contained in one of another cluster is not news of either
ARTEFACT_LSH_JACCARD = 0.2  # LSH Jaccard for those candidates (a contained half is Jaccard >= 1/3 or so)
TUNING_MODULUS = 3  # Multi-News clusters whose crc32(position) % 3 == 0 are for tuning
BOILERPLATE = (
    "Copyright 2019 All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Sign up for our daily newsletter to get the top stories delivered to your inbox every morning.",
    "This article originally appeared on our partner site and is republished here with permission.",
    "Follow us on Twitter and Facebook for the latest updates. Share this story with your friends.",
    "Advertisement. Continue reading the main story below. Related coverage and more news from the region.",
    "(Reporting by staff writers; Editing by the news desk.) Our standards: the Trust Principles.",
)


@dataclass(frozen=True)
class Stream:
    articles: list[Article]
    story: list[int]  # true story of each article
    copy_of: dict[str, str]  # true original of each synthetic copy


def story_pool(split: str) -> list[list[Article]]:
    """The clusters of a split ("tune" or "score") as lists of Articles, artefacts dropped."""
    clusters = []
    for name, tunable in (("multinews-val.jsonl.gz", True), ("duc2003-novelty.jsonl.gz", False)):
        for position, cluster in enumerate(load_clusters(default_data_path(name))):
            tune = tunable and zlib.crc32(f"{name}:{position}".encode()) % TUNING_MODULUS == 0
            if (split == "tune") != tune:
                continue
            articles = [Article(f"{name[:2]}{position}d{d}", None, (cluster.titles[d] if cluster.titles else None),
                                (cluster.outlets[d] if cluster.outlets else None),
                                (cluster.dates[d] if cluster.dates else None),
                                tuple(p for p in doc.split("\n") if p.strip()))
                        for d, doc in enumerate(cluster.documents) if len(doc.split()) >= MIN_WORDS]
            clusters.append(articles)
    return _without_artefacts(clusters)


def _without_artefacts(clusters: list[list[Article]]) -> list[list[Article]]:
    """Drop texts found in two or more clusters: crawler notices, login walls and archive pages, not news.

    A text is an artefact when it opens the same way as a text of another cluster, or when most of the
    shorter one's word 5-grams (ARTEFACT_CONTAINMENT, exact sets) lie in a text of another cluster: the
    same sign-in or e-mail-alert page under another station's or writer's name. Copies within one
    cluster are kept (syndication is part of a story).
    """
    def key(a: Article) -> str:
        return " ".join(a.text.split()[:30]).lower()

    seen = Counter(k for cluster in clusters for k in {key(a) for a in cluster})
    kept = [[a for a in cluster if seen[key(a)] == 1] for cluster in clusters]
    shared = _shared_across_clusters(kept)
    kept = [[a for a in cluster if a.id not in shared] for cluster in kept]
    return [c for c in kept if c]


def _shared_across_clusters(clusters: list[list[Article]]) -> set[str]:
    """Ids of texts mostly contained in (or containing) a text of another cluster: MinHash LSH candidates,
    confirmed on the exact shingle sets."""
    import numpy as np

    from ..grouping.copies import lsh_candidates
    from ..grouping.features import minhash, shingle_hashes

    articles = [a for cluster in clusters for a in cluster]
    owner = [c for c, cluster in enumerate(clusters) for _ in cluster]
    if len(articles) < 2:
        return set()
    shingles = [shingle_hashes(a.text) for a in articles]
    signatures = np.stack([minhash(h) for h in shingles])
    i, j = lsh_candidates(signatures, ARTEFACT_LSH_JACCARD, np.array([len(h) > 0 for h in shingles]))
    shared: set[str] = set()
    for a, b in zip(i.tolist(), j.tolist()):
        if owner[a] == owner[b]:
            continue
        common = len(np.intersect1d(shingles[a], shingles[b], assume_unique=True))
        if common >= ARTEFACT_CONTAINMENT * min(len(shingles[a]), len(shingles[b])):
            shared.update((articles[a].id, articles[b].id))
    return shared


def build_stream(pool: Sequence[list[Article]], size: int, seed: int, copy_share: float = COPY_SHARE) -> Stream:
    """About `size` articles: whole clusters sampled from the pool, plus copies, shuffled."""
    rng = random.Random(seed)
    order = list(range(len(pool)))
    rng.shuffle(order)
    articles: list[Article] = []
    story: list[int] = []
    for s, index in enumerate(order):
        if len(articles) * (1 + copy_share) >= size:
            break
        articles += pool[index]
        story += [s] * len(pool[index])
    copy_of: dict[str, str] = {}
    for k in rng.sample(range(len(articles)), int(len(articles) * copy_share)):
        add_copy(articles, story, copy_of, k, synthetic_copy, rng)
    return shuffled(articles, story, copy_of, rng)


def add_copy(articles: list[Article], story: list[int], copy_of: dict[str, str], k: int,
             make: Callable[[Article, random.Random, str], Article], rng: random.Random) -> None:
    """A labelled copy of article k (made by `make`), in k's story, its original recorded."""
    copy = make(articles[k], rng, f"{articles[k].id}-copy{len(copy_of)}")
    copy_of[copy.id] = articles[k].id
    articles.append(copy)
    story.append(story[k])


def shuffled(articles: list[Article], story: list[int], copy_of: dict[str, str], rng: random.Random) -> Stream:
    """The stream in a random order (a crawl does not arrive story by story)."""
    order = list(range(len(articles)))
    rng.shuffle(order)
    return Stream([articles[i] for i in order], [story[i] for i in order], copy_of)


def synthetic_copy(article: Article, rng: random.Random, copy_id: str) -> Article:
    """The article re-posted: cut to 80-100% of its words, other boilerplate around it, a new headline."""
    words = sum(len(p.split()) for p in article.paragraphs)
    keep = int(words * rng.uniform(*TRUNCATE))
    paragraphs, used = [], 0
    for paragraph in article.paragraphs:
        tokens = paragraph.split()
        if used + len(tokens) > keep:
            if keep - used > 0:
                paragraphs.append(" ".join(tokens[: keep - used]))
            break
        paragraphs.append(paragraph)
        used += len(tokens)
    above, below = rng.sample(BOILERPLATE, 2)
    first = (paragraphs or ["Report"])[0].split()
    headline = "UPDATE: " + " ".join(first[: rng.randint(6, 10)])
    return replace(article, id=copy_id, title=headline, outlet=f"reposter{rng.randint(1, 50)}",
                   paragraphs=(above, *paragraphs, below))


def bcubed(predicted: Sequence[object], truth: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 from cluster sizes (no n x n array: streams run to 100k)."""
    pairs = Counter(zip(predicted, truth))
    size_pred, size_true = Counter(predicted), Counter(truth)
    n = len(predicted)
    precision = sum(c * c / size_pred[p] for (p, _), c in pairs.items()) / n
    recall = sum(c * c / size_true[t] for (_, t), c in pairs.items()) / n
    return precision, recall, _f1(precision, recall)


def copy_scores(predicted: dict[str, str], stream: Stream) -> tuple[float, float, float]:
    """Pairwise P/R/F1 over pairs of articles in one family of copies (an original and its copies).

    Multi-News clusters hold real syndicated copies the data does not mark: a predicted pair whose two
    articles go back to two different original documents of the same true story (the originals
    themselves, or a synthetic copy of one) is left unscored, neither right nor wrong. Every other
    predicted pair counts, so copies claimed across stories are errors.
    """
    def pairs(copy_of: dict[str, str]) -> set[tuple[str, str]]:
        families: dict[str, list[str]] = {}
        for copy, original in copy_of.items():
            families.setdefault(original, [original]).append(copy)
        return {(min(a, b), max(a, b)) for f in families.values() for i, a in enumerate(f) for b in f[i + 1 :]}

    story = {a.id: s for a, s in zip(stream.articles, stream.story)}
    root = {a.id: stream.copy_of.get(a.id, a.id) for a in stream.articles}
    got = {p for p in pairs(predicted) if root[p[0]] == root[p[1]] or story[p[0]] != story[p[1]]}
    want = pairs(stream.copy_of)
    tp = len(got & want)
    precision, recall = tp / max(1, len(got)), tp / max(1, len(want))
    return precision, recall, _f1(precision, recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def labels_of(groups: Sequence[Sequence[str]], articles: Sequence[Article]) -> list[int]:
    """Story label per article from lists of member ids."""
    label = {i: k for k, members in enumerate(groups) for i in members}
    return [label[a.id] for a in articles]


__all__ = ["Stream", "bcubed", "build_stream", "copy_scores", "labels_of", "story_pool"]
