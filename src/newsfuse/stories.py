"""Stage 3: group articles into stories, link related stories, flag near-duplicate copies.

Articles become unit vectors of content words weighted by sublinear term frequency times a *background*
inverse document frequency taken from wordfreq's word frequencies, so that four articles weigh "Masood"
and "said" as a newspaper archive would, not as four documents can. The title and lead count double:
a story is what its opening says. When the MiniLM model is available (newsfuse.embed), each article's
lead (title and opening sentences) is embedded too and the lead similarity above its background is
added to the lexical one (`blended`), so a story told in other words still groups; without the model
the lexical path runs unchanged. Stories are average-linkage clusters that split only where the pile
shows structure (see `cluster_stories`); two stories are related when some pair of their articles
reaches `related_story_threshold`.
Near-duplicate copies are articles whose word 5-gram shingles are mostly contained in another's (MinHash
LSH, datasketch; see grouping.copies). newsfuse.grouping applies these rules at corpus scale.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .models import Article, StoryGroup
from .settings import DEFAULT, Settings
from .stopwords import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|\d[\d,.]*\d|\d")
_MAX_RARITY = 8.0  # -log10 frequency cap: unseen words count like very rare ones
_LEAD_WEIGHT = 2.0
_PILE_IDF_FROM, _PILE_IDF_FULL = 20, 200  # pile sizes over which the pile's own IDF is phased in
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")
LEAD_SENTENCES = 3  # the embedded lead: title plus this many opening sentences ...
LEAD_WORDS = 80  # ... cut at this many words (about 100 MiniLM tokens: the cost per article stays fixed)
LEAD_BACKGROUND = 0.3  # MiniLM lead cosine that unrelated news reaches (99th percentile, Multi-News pools)
CENTRED_BACKGROUND = 0.2  # the same once a large pile's mean lead is taken out (97th percentile there)


def group_stories(articles: Sequence[Article], settings: Settings = DEFAULT) -> list[StoryGroup]:
    """Cluster articles into stories (largest first), with related links and near-duplicate pairs.

    The one grouping every path uses (brief, corpus, stories, the store): see newsfuse.grouping, which
    runs the rules of this module over features an article at a time, without all-pairs at scale.
    """
    from .grouping import group_articles

    return group_articles(articles, settings).groups


def article_similarity(articles: Sequence[Article]) -> np.ndarray:
    """Cosine similarity matrix of the articles' weighted content-word vectors."""
    vectors = [article_vector(a) for a in articles]
    vocabulary = {w: i for i, w in enumerate(sorted({w for v in vectors for w in v}))}
    matrix = np.zeros((len(vectors), max(1, len(vocabulary))))
    for row, vector in enumerate(vectors):
        for word, weight in vector.items():
            matrix[row, vocabulary[word]] = weight
    matrix = _with_pile_idf(matrix)
    return matrix @ matrix.T  # type: ignore[no-any-return]


def _with_pile_idf(matrix: np.ndarray) -> np.ndarray:
    """In a large pile, also weigh words by the pile's own IDF, phased in from 20 to 200 articles.

    Background rarity alone lets a pile of hundreds of stories chain through words common *in this
    pile* (an election, a pandemic); a hand-made pile of a few articles is left exactly as it was.
    """
    n = matrix.shape[0]
    strength = _pile_strength(n)
    if strength == 0.0:
        return matrix
    document_frequency = (matrix > 0).sum(axis=0)
    idf = np.log((1 + n) / (1 + document_frequency)) + 1
    weighted = matrix * idf**strength
    return weighted / (np.linalg.norm(weighted, axis=1, keepdims=True) + 1e-12)  # type: ignore[no-any-return]


def length_adjusted(similarity: np.ndarray, articles: Sequence[Article], settings: Settings) -> np.ndarray:
    """Raise the similarity of short articles, whose few words can only overlap so much.

    Cosine between two 70-word excerpts of one story is about half what it is between two full
    reports; dividing by sqrt(shorter length / `story_full_length_words`) (at least
    `story_min_length_factor`) puts both on one scale, so one set of thresholds serves both.
    """
    words = np.array([max(1, a.word_count) for a in articles], dtype=float)
    shorter = np.minimum.outer(words, words)
    factor = np.clip(np.sqrt(shorter / settings.story_full_length_words), settings.story_min_length_factor, 1.0)
    adjusted = np.minimum(1.0, similarity / factor)
    np.fill_diagonal(adjusted, 1.0)
    return adjusted  # type: ignore[no-any-return]


def lead_similarity(articles: Sequence[Article], settings: Settings = DEFAULT) -> np.ndarray | None:
    """Cosine matrix of MiniLM embeddings of the articles' leads, or None (embeddings off or unavailable).

    Word overlap misses a story told in other words (one report's "convicted" is another's "found
    guilty"); a sentence encoder does not, and the lead alone says what the story is at a fixed cost.
    """
    if not settings.story_embeddings:
        return None
    from .embed import embed

    vectors = embed([lead_text(a) for a in articles])
    if vectors is None:
        return None
    centred = _centred(vectors.astype(float))
    return np.clip(centred @ centred.T, -1.0, 1.0)  # type: ignore[no-any-return]


def _centred(vectors: np.ndarray) -> np.ndarray:
    """In a large pile, take out the pile's mean lead (phased in like the pile IDF), then renormalise.

    All news leads share a direction in MiniLM's space; in a pile of many stories the mean is that
    direction, and without it a lead is compared by what is its own. In a small pile the mean is the
    story itself, so there nothing is taken out.
    """
    strength = _pile_strength(vectors.shape[0])
    if strength == 0.0:
        return vectors
    centred = vectors - strength * vectors.mean(axis=0)
    return centred / (np.linalg.norm(centred, axis=1, keepdims=True) + 1e-12)  # type: ignore[no-any-return]


def _pile_strength(n: int) -> float:
    """0 for a pile of up to 20 articles, rising to 1 at 200: how far pile statistics are trusted."""
    return min(1.0, max(0.0, (n - _PILE_IDF_FROM) / (_PILE_IDF_FULL - _PILE_IDF_FROM)))


def on_scale(settings: Settings, with_leads: bool) -> Settings:
    """The clustering thresholds for the similarity in use: the blend adds up to 0.2, so it needs its own.

    The lexical path keeps its thresholds exactly; with lead embeddings, `same_story_blend_threshold`,
    `story_blend_cohesion_ratio` and `story_blend_floor` take the place of the lexical three.
    """
    if not with_leads or settings.story_embed_weight == 0.0:
        return settings
    return settings.with_(
        same_story_threshold=settings.same_story_blend_threshold,
        story_cohesion_ratio=settings.story_blend_cohesion_ratio,
        story_floor=settings.story_blend_floor,
    )


def blended(lexical: np.ndarray, leads: np.ndarray | None, settings: Settings = DEFAULT) -> np.ndarray:
    """Lexical similarity plus `story_embed_weight` times the lead similarity above its background.

    Unrelated news leads still score up to about 0.3 with MiniLM (0.2 once a large pile is centred,
    see `_centred`); only what lies above that background is evidence, so the blend never lowers a
    pair and leaves unrelated pairs on the lexical scale.
    """
    if leads is None or settings.story_embed_weight == 0.0:
        return lexical
    background = LEAD_BACKGROUND - _pile_strength(leads.shape[0]) * (LEAD_BACKGROUND - CENTRED_BACKGROUND)
    extra = settings.story_embed_weight * np.maximum(0.0, leads - background)
    combined = np.minimum(1.0, lexical + extra)
    np.fill_diagonal(combined, 1.0)
    return combined  # type: ignore[no-any-return]


def article_vector(article: Article) -> dict[str, float]:
    """Unit-length {word: weight}; title and first paragraph weigh double."""
    counts: dict[str, float] = defaultdict(float, Counter(content_words(article.text)))
    for word in content_words(" ".join(filter(None, [article.title, *article.paragraphs[:1]]))):
        counts[word] += _LEAD_WEIGHT - 1
    weights = {w: (1 + math.log(n)) * rarity(w) for w, n in counts.items() if n > 0}
    norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
    return {w: x / norm for w, x in weights.items()}


def lead_text(article: Article) -> str:
    """Title and opening sentences, cut at `LEAD_WORDS`: what a story is, at a fixed embedding cost."""
    sentences = _SENTENCE_END.split(" ".join(article.paragraphs[:LEAD_SENTENCES]))[:LEAD_SENTENCES]
    words = " ".join(filter(None, [article.title, *sentences])).split()
    return " ".join(words[:LEAD_WORDS])


def content_words(text: str) -> list[str]:
    """Lower-cased words of more than two letters, neither stop words nor numbers (each token's answer cached:
    this runs on every article of a pile)."""
    cache = _CONTENT_WORD
    if len(cache) > _CONTENT_CACHE_MAX:
        cache.clear()  # bounded: memory stays flat on a stream of any length
    out = []
    for token in _WORD.findall(text):
        word = cache.get(token)
        if word is None:
            word = cache[token] = _content_word(token)
        if word:
            out.append(word)
    return out


def _content_word(token: str) -> str:
    """The token as a content word, or "" when it is not one."""
    word = token.lower().replace("’", "'")
    return word if len(word) > 2 and word not in ENGLISH_STOP_WORDS and not word.isdigit() else ""


_CONTENT_WORD: dict[str, str] = {}
_CONTENT_CACHE_MAX = 500_000  # distinct tokens remembered by content_words


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """-log10 of the word's frequency in general text (wordfreq), capped: a background IDF."""
    from wordfreq import zipf_frequency

    zipf = zipf_frequency(word, "en")
    return min(_MAX_RARITY, 9.0 - zipf) if zipf > 0 else _MAX_RARITY


def cluster_stories(similarity: np.ndarray, settings: Settings = DEFAULT) -> list[int]:
    """Average-linkage clustering that splits only where the pile shows structure.

    Two clusters merge when their mean cross similarity x reaches `same_story_threshold`, or, below it,
    when x >= `story_cohesion_ratio` times the cohesion (mean internal similarity) of the looser of the
    two. So a pile of loosely similar articles on one event stays one story, while an article that is
    clearly less like a group than the group is like itself (a related story) stays apart.
    Two single articles below the threshold merge at `story_pair_threshold`; nothing merges below
    `story_floor`.
    """
    n = similarity.shape[0]
    sums = similarity.astype(float).copy()  # sums[a, b]: total similarity between clusters a and b
    np.fill_diagonal(sums, 0.0)
    internal = np.zeros(n)  # total internal pairwise similarity of each cluster
    sizes = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members = [[i] for i in range(n)]
    while alive.sum() > 1:
        pair = _best_merge(sums, internal, sizes, alive, settings)
        if pair is None:
            break
        a, b = pair
        internal[a] += internal[b] + sums[a, b]
        sums[a, :] += sums[b, :]
        sums[:, a] += sums[:, b]
        sums[a, a] = 0.0
        sizes[a] += sizes[b]
        alive[b] = False
        members[a] += members[b]
    labels = [0] * n
    for label, cluster in enumerate(m for k, m in enumerate(members) if alive[k]):
        for index in cluster:
            labels[index] = label
    return labels


def _best_merge(
    sums: np.ndarray, internal: np.ndarray, sizes: np.ndarray, alive: np.ndarray, settings: Settings
) -> tuple[int, int] | None:
    """The most similar pair of live clusters that the merge rule accepts, or None."""
    pairs_within = sizes * (sizes - 1) / 2
    cohesion = np.where(pairs_within > 0, internal / np.maximum(pairs_within, 1), np.inf)
    cross = sums / np.outer(sizes, sizes)
    tighter = np.minimum.outer(cohesion, cohesion)
    relative = np.where(np.isinf(tighter), settings.story_pair_threshold, settings.story_cohesion_ratio * tighter)
    accept = (cross >= settings.same_story_threshold) | ((cross >= relative) & (cross >= settings.story_floor))
    accept &= np.outer(alive, alive)
    np.fill_diagonal(accept, False)
    if not accept.any():
        return None
    scored = np.where(accept, cross, -np.inf)
    a, b = np.unravel_index(int(np.argmax(scored)), scored.shape)
    return (int(min(a, b)), int(max(a, b)))


def near_duplicates(articles: Sequence[Article], settings: Settings = DEFAULT) -> list[tuple[str, str]]:
    """Id pairs (sorted) of near-duplicate copies: see grouping.copies (containment of 5-gram shingles)."""
    from .grouping import duplicate_pairs, featurize

    features = featurize(articles, settings.with_(story_embeddings=False))
    pairs = ((features[i].id, features[j].id) for i, j in duplicate_pairs(features, settings))
    return sorted((min(a, b), max(a, b)) for a, b in pairs)
