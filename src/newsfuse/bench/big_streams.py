"""Streams larger than the real clusters allow (100k articles), with a truth that stays valid.

Multi-News val and DUC give about 14k usable articles, the scoring split about 10k. A larger stream is:
1. every cluster of the scoring split (bench.streams.story_pool), each one story;
2. every AllSides round-up (left, centre and right reports of one event: one story each);
3. single articles as stories of their own: WCXB pages typed "article" and the article-extraction
   benchmark's articles (sites and topics far apart, so a singleton truth holds). PolNeAR is left out:
   seven outlets covering the same weeks of the 2016 campaign write the same stories, so calling each of
   its articles a story of its own would be a wrong truth;
4. synthetic copies, until the stream reaches its size: each a copy of one real article, in its story, with
   that article as its original. Copies vary in kind (`COPY_KINDS`): other boilerplate, cut short and
   re-headlined (bench.streams.synthetic_copy), a middle paragraph dropped, an editor's note inserted, a
   wire dateline added to the first paragraph. Every copy keeps at least 80% of its original's text.
So every story is real text; only the copies are made, and each is labelled with its original.
Limits: above about 12k articles most of the stream is copies (100k: about 7 copies per real article),
so story grouping works on the ~12k originals the copy pass keeps; the grouping of distinct stories at
100k real articles is not measured by this stream.
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from ..models import Article
from .data import default_data_path, load_clusters
from .streams import COPY_SHARE, MIN_WORDS, Stream, add_copy, build_stream, shuffled, story_pool, synthetic_copy

NOTES = (
    "Editor's note: this story has been updated with additional reporting.",
    "Correction: an earlier version of this article misstated a date. It has been corrected.",
    "This report was produced in partnership with a regional news network.",
)
DATELINES = ("WASHINGTON (Wire) —", "NEW YORK (Wire) —", "LONDON (Wire) —", "(Wire) —")


def extended_pool(split: str) -> list[list[Article]]:
    """The split's Multi-News/DUC clusters, the AllSides round-ups and the singleton articles."""
    pool = story_pool(split)
    pool += [c for c in _allsides() if c]
    pool += [[a] for a in _singletons()]
    return pool


def _allsides() -> Iterator[list[Article]]:
    try:
        path = default_data_path("allsides-roundup-val.jsonl.gz")
    except Exception:  # noqa: BLE001 - a missing data set only makes the pool smaller
        return
    for position, cluster in enumerate(load_clusters(path)):
        yield [Article(f"as{position}d{d}", None, (cluster.titles[d] if cluster.titles else None),
                       (cluster.outlets[d] if cluster.outlets else None), (cluster.dates[d] if cluster.dates else None),
                       tuple(p for p in doc.split("\n") if p.strip()))
               for d, doc in enumerate(cluster.documents) if len(doc.split()) >= MIN_WORDS]


def _singletons() -> Iterator[Article]:
    """WCXB pages typed "article" and the article-extraction benchmark's bodies, one story each."""
    root = _data_root()
    if root is None:
        return
    for path in sorted((root / "wcxb-dev" / "ground-truth").glob("*.json")):
        row = json.loads(path.read_text(encoding="utf-8"))
        if row.get("_internal", {}).get("page_type", {}).get("primary") != "article":
            continue
        truth = row.get("ground_truth", {})
        yield from _article(f"wx{path.stem}", truth.get("title"), truth.get("main_content") or "")
    benchmark = root / "article-extraction-benchmark" / "ground-truth.json"
    if benchmark.exists():
        for key, row in sorted(json.loads(benchmark.read_text(encoding="utf-8")).items()):
            yield from _article(f"ae{key[:12]}", None, row.get("articleBody") or "")


def _data_root() -> Path | None:
    try:
        return Path(default_data_path("multinews-val.jsonl.gz")).parent
    except Exception:  # noqa: BLE001
        return None


def _article(article_id: str, title: str | None, body: str) -> Iterator[Article]:
    paragraphs = tuple(p.strip() for p in body.split("\n") if p.strip())
    if sum(len(p.split()) for p in paragraphs) >= MIN_WORDS:
        yield Article(article_id, None, title, None, None, paragraphs)


def capacity(pool: list[list[Article]]) -> int:
    """The largest stream build_stream makes from the pool alone (every article, COPY_SHARE copies)."""
    return int(sum(len(c) for c in pool) * (1 + COPY_SHARE))


def build_big_stream(pool: list[list[Article]], size: int, seed: int) -> Stream:
    """Every article of the pool plus build_stream's copies, then more copies of kinds in COPY_KINDS until
    `size`: each copy in its original's story, with that original (a real article) as its truth."""
    base = build_stream(pool, capacity(pool) + 1, seed)
    rng = random.Random(seed + 7)
    articles, story, copy_of = list(base.articles), list(base.story), dict(base.copy_of)
    real = [k for k, a in enumerate(base.articles) if a.id not in base.copy_of]
    while len(articles) < size:
        k = rng.choice(real)
        add_copy(articles, story, copy_of, k, COPY_KINDS[len(articles) % len(COPY_KINDS)], rng)
    return shuffled(articles, story, copy_of, rng)


def dropped_paragraph(article: Article, rng: random.Random, copy_id: str) -> Article:
    """A middle paragraph left out (a short one, so at least 80% of the words stay)."""
    paragraphs = list(article.paragraphs)
    words = sum(len(p.split()) for p in paragraphs)
    middle = [k for k in range(1, len(paragraphs) - 1) if len(paragraphs[k].split()) <= 0.2 * words]
    if middle:
        del paragraphs[rng.choice(middle)]
    return replace(article, id=copy_id, outlet=f"reposter{rng.randint(1, 50)}", paragraphs=tuple(paragraphs))


def inserted_note(article: Article, rng: random.Random, copy_id: str) -> Article:
    """An editor's note between two paragraphs."""
    paragraphs = list(article.paragraphs)
    paragraphs.insert(rng.randint(1, max(1, len(paragraphs))), rng.choice(NOTES))
    return replace(article, id=copy_id, outlet=f"reposter{rng.randint(1, 50)}", paragraphs=tuple(paragraphs))


def wire_dateline(article: Article, rng: random.Random, copy_id: str) -> Article:
    """A wire service's dateline before the first paragraph, and no headline."""
    first, *rest = article.paragraphs
    return replace(article, id=copy_id, title=None, outlet=f"wire{rng.randint(1, 20)}",
                   paragraphs=(f"{rng.choice(DATELINES)} {first}", *rest))


COPY_KINDS: tuple[Callable[[Article, random.Random, str], Article], ...] = (
    synthetic_copy, dropped_paragraph, inserted_note, wire_dateline)


def write_jsonl(stream: Stream, path: str) -> None:
    """The stream as a .jsonl(.gz) pile newsfuse reads (id, title, text, outlet, date), for `newsfuse stories`."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as handle:  # type: ignore[operator]
        for a in stream.articles:
            handle.write(json.dumps({"id": a.id, "title": a.title, "text": "\n\n".join(a.paragraphs),
                                     "outlet": a.outlet, "date": a.date}, ensure_ascii=False) + "\n")


__all__ = ["COPY_KINDS", "build_big_stream", "capacity", "extended_pool", "write_jsonl"]
