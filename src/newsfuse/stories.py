"""Stage 3: group articles into stories, link related stories, flag near-duplicate copies.

Articles are compared by TF-IDF cosine over content words; pairs above `same_story_threshold` are joined
(single link), pairs between the two thresholds link their stories as related. Near-duplicates are
found with MinHash over word shingles so the same test scales to large corpora through LSH.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Article, StoryGroup
from .settings import DEFAULT, Settings


def group_stories(articles: Sequence[Article], settings: Settings = DEFAULT) -> list[StoryGroup]:
    if not articles:
        return []
    similarity = article_similarity(articles)
    n = len(articles)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if similarity[i][j] >= settings.same_story_threshold:
                parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(n):
        clusters.setdefault(find(i), []).append(i)
    ordered = sorted(clusters.values(), key=lambda members: (-len(members), members[0]))
    ids = {root: f"s{k + 1}" for k, root in enumerate(find(m[0]) for m in ordered)}
    related: dict[str, set[str]] = {sid: set() for sid in ids.values()}
    for i in range(n):
        for j in range(i + 1, n):
            a, b = ids[find(i)], ids[find(j)]
            if a != b and similarity[i][j] >= settings.related_story_threshold:
                related[a].add(b)
                related[b].add(a)
    dupes = near_duplicates(articles, settings)
    groups = []
    for members in ordered:
        sid = ids[find(members[0])]
        member_ids = tuple(articles[m].id for m in members)
        pairs = tuple(p for p in dupes if p[0] in member_ids and p[1] in member_ids)
        groups.append(StoryGroup(sid, member_ids, tuple(sorted(related[sid])), pairs))
    return groups


def article_similarity(articles: Sequence[Article]) -> list[list[float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    texts = [" ".join(filter(None, [a.title or "", a.text])) or "empty" for a in articles]
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    return cosine_similarity(vectors).tolist()  # type: ignore[no-any-return]


def near_duplicates(articles: Sequence[Article], settings: Settings = DEFAULT) -> list[tuple[str, str]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=settings.duplicate_threshold, num_perm=128)
    hashes = {}
    for article in articles:
        words = article.text.lower().split()
        shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
        m = MinHash(num_perm=128)
        for s in shingles:
            m.update(s.encode("utf-8"))
        hashes[article.id] = m
        lsh.insert(article.id, m)
    pairs = set()
    for article_id, m in hashes.items():
        for other in lsh.query(m):
            if other != article_id:
                pairs.add(tuple(sorted((article_id, other))))
    return sorted(pairs)  # type: ignore[arg-type]
