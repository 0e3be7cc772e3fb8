"""Stories from gathered features, without all-pairs and without an n x n array over the pile.

1. Copies are set aside (each joins its original's story at the end): syndication adds no evidence.
2. Pile statistics: the pile's IDF (raised to `story_pile_idf_power`) reweighs the sparse word vectors,
   the pile's mean lead is taken out of the embeddings (both phased in with pile size, as
   stories._with_pile_idf / _centred do).
3. Candidate pairs: every pair in a pile of up to `story_exact_pile` articles; above that, each
   article's `story_neighbours` nearest by words (sparse products over pruned vectors, in chunks) and by
   lead embedding (dense products, in chunks). Their blended similarity (stories.blended's rule) is
   computed pair by pair.
4. Blocks: connected components of the candidate pairs at or above the merge floor. No two articles of
   different blocks could merge (average linkage never merges below its floor), so clustering each block
   alone gives what clustering the pile would. Components are built strongest edge first and never grow
   past `story_max_block` articles: chains through common words are cut at their weakest links.
5. Within a block: the exact similarity of its members and stories.cluster_stories.
Related stories: a candidate pair across two stories at `related_story_threshold` or more links them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from ..models import StoryGroup
from ..settings import DEFAULT, Settings
from .copies import duplicate_pairs, originals
from .features import ArticleFeatures

PRUNED_TERMS = 40  # heaviest words per article used to find neighbours (all words score the pair)
CHUNK_ROWS = 128  # rows per neighbour product: memory is CHUNK_ROWS x pile, not pile x pile


@dataclass(frozen=True)
class Grouping:
    """Stories (largest first) plus, for each copy, its original's id."""

    groups: list[StoryGroup]
    duplicate_of: dict[str, str]


@dataclass(frozen=True)
class Pile:
    """The articles being clustered (copies left out), with the pile's statistics applied."""

    matrix: sparse.csr_matrix  # unit rows
    leads: np.ndarray | None  # centred unit rows, or None
    words: np.ndarray
    background: float  # lead cosine that unrelated news reaches in a pile this size
    settings: Settings  # on the blend's scale when leads are in use
    offsets: np.ndarray | None = None  # per article, taken off each of its pairs (see with_density)


def group_features(features: Sequence[ArticleFeatures], settings: Settings = DEFAULT) -> Grouping:
    if not features:
        return Grouping([], {})
    pairs = duplicate_pairs(features, settings)
    copy_of = originals(features, pairs)
    duplicate_of = {features[c].id: features[o].id for c, o in copy_of.items()}
    if settings.single_story:
        dup_ids = tuple((features[i].id, features[j].id) for i, j in pairs)
        return Grouping([StoryGroup("s1", tuple(f.id for f in features), (), dup_ids)], duplicate_of)
    kept = [k for k in range(len(features)) if k not in copy_of]
    pile = build_pile([features[k] for k in kept], settings)
    pile, (edges_i, edges_j, edge_sim) = with_density(pile)
    labels = cluster_blocks(pile, edges_i, edges_j, edge_sim)
    label_of = {kept[k]: labels[k] for k in range(len(kept))}
    for copy, original in copy_of.items():
        label_of[copy] = label_of[original]
    return Grouping(_story_groups(features, label_of, pairs, _related_labels(labels, edges_i, edges_j, edge_sim,
                                                                                 settings)), duplicate_of)


def build_pile(features: Sequence[ArticleFeatures], settings: Settings) -> Pile:
    from ..stories import CENTRED_BACKGROUND, LEAD_BACKGROUND, _pile_strength, on_scale

    n = len(features)
    columns = np.concatenate([f.columns for f in features]) if n else np.zeros(0, dtype=np.int64)
    vocabulary, compact = np.unique(columns, return_inverse=True)
    indptr = np.cumsum([0] + [len(f.columns) for f in features])
    data = np.concatenate([f.weights for f in features]).astype(np.float64)
    matrix = sparse.csr_matrix((data, compact, indptr), shape=(n, max(1, len(vocabulary))))
    strength = _pile_strength(n)
    if strength > 0.0:
        document_frequency = np.bincount(compact, minlength=matrix.shape[1])
        idf = np.log((1 + n) / (1 + document_frequency)) + 1
        matrix = sparse.csr_matrix(matrix @ sparse.diags(idf ** (strength * settings.story_pile_idf_power)))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel()) + 1e-12
        matrix = sparse.csr_matrix(sparse.diags(1.0 / norms) @ matrix)
    leads = None
    if settings.story_embeddings and settings.story_embed_weight > 0.0 and all(f.lead is not None for f in features):
        vectors = np.stack([f.lead for f in features]).astype(float)  # type: ignore[misc]
        if strength > 0.0:
            vectors = vectors - strength * vectors.mean(axis=0)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
        leads = vectors
    background = LEAD_BACKGROUND - strength * (LEAD_BACKGROUND - CENTRED_BACKGROUND)
    words = np.array([max(1, f.words) for f in features], dtype=float)
    scale = at_pile_size(on_scale(settings, leads is not None), strength, leads is not None)
    return Pile(matrix, leads, words, background, scale)


def at_pile_size(settings: Settings, strength: float, with_leads: bool = False) -> Settings:
    """The merge rule for a pile this large: from the hand-made pile's (a few stories, where a related event
    must stay apart however loosely a story hangs together) to a crawl's, where the pile IDF and density
    scaling have already put pairs on a relative scale and the merge floor does the work. Phased in with
    the pile IDF (0 up to 20 articles, full at 200). With lead embeddings only the cohesion ratio moves (the
    blend's floor is already the large pile's)."""
    if strength == 0.0:
        return settings

    def toward(small: float, large: float) -> float:
        return small + strength * (large - small)

    ratio = toward(settings.story_cohesion_ratio, settings.story_pile_cohesion_ratio)
    if with_leads:
        return settings.with_(story_cohesion_ratio=ratio)
    return settings.with_(
        story_cohesion_ratio=ratio,
        story_pair_threshold=toward(settings.story_pair_threshold, settings.story_pile_pair_threshold),
        story_floor=toward(settings.story_floor, settings.story_pile_floor),
    )


def pair_similarity(pile: Pile, i: np.ndarray, j: np.ndarray, chunk: int = 4_000) -> np.ndarray:
    """The blended similarity of the pairs (i[k], j[k]), in chunks (sparse row products stay small)."""
    parts = [np.zeros(0)]
    for start in range(0, len(i), chunk):
        a, b = i[start : start + chunk], j[start : start + chunk]
        lexical = np.asarray(pile.matrix[a].multiply(pile.matrix[b]).sum(axis=1)).ravel()
        leads = None if pile.leads is None else np.einsum("ij,ij->i", pile.leads[a], pile.leads[b])
        blended = _blend(pile, lexical, np.minimum(pile.words[a], pile.words[b]), leads)
        parts.append(blended if pile.offsets is None else blended - pile.offsets[a] - pile.offsets[b])
    return np.concatenate(parts)


def block_similarity(pile: Pile, members: Sequence[int]) -> np.ndarray:
    """The exact blended similarity matrix of some articles (a block, or a whole small pile)."""
    index = np.asarray(members)
    rows = pile.matrix[index]
    lexical = (rows @ rows.T).toarray()
    leads = None if pile.leads is None else pile.leads[index] @ pile.leads[index].T
    similarity = _blend(pile, lexical, np.minimum.outer(pile.words[index], pile.words[index]), leads)
    if pile.offsets is not None:
        similarity = similarity - pile.offsets[index][:, None] - pile.offsets[index][None, :]
    np.fill_diagonal(similarity, 1.0)
    return similarity


def _blend(pile: Pile, lexical: np.ndarray, shorter: np.ndarray, leads: np.ndarray | None) -> np.ndarray:
    """stories.length_adjusted then stories.blended, on any shape of pairs."""
    settings = pile.settings
    factor = np.clip(np.sqrt(shorter / settings.story_full_length_words), settings.story_min_length_factor, 1.0)
    similarity = np.minimum(1.0, lexical / factor)
    if leads is not None:
        lead = np.clip(leads, -1.0, 1.0)
        similarity = np.minimum(1.0, similarity + settings.story_embed_weight * np.maximum(0.0, lead - pile.background))
    return similarity  # type: ignore[no-any-return]


def candidate_edges(pile: Pile) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (i < j) whose similarity reaches the lower of the merge floor and the related threshold."""
    i, j, similarity = candidate_pairs(pile)
    return _kept_edges(pile, i, j, similarity)


def candidate_pairs(pile: Pile) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair of a pile of up to `story_exact_pile` articles, else each article's nearest neighbours,
    with their similarity (none dropped yet)."""
    n = pile.matrix.shape[0]
    if n <= pile.settings.story_exact_pile:
        i, j = np.triu_indices(n, 1)
        similarity = block_similarity(pile, range(n))[i, j] if n > 1 else np.zeros(0)
    else:
        i, j = _neighbour_pairs(pile)
        similarity = pair_similarity(pile, i, j)
    return i, j, similarity


def _kept_edges(pile: Pile, i: np.ndarray, j: np.ndarray,
                similarity: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    settings = pile.settings
    keep = similarity >= min(settings.story_floor, settings.related_story_threshold)
    return i[keep], j[keep], similarity[keep]


def with_density(pile: Pile) -> tuple[Pile, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The pile with each article's *density* taken off its pairs, and its candidate edges on that scale.

    In a pile of thousands of stories an article that is loosely like everything (a background page, a
    roundup, a story on a busy topic) has many neighbours near the merge floor, and average linkage chains
    through it; a story's own members stand out from their neighbourhood instead. So each pair loses
    `story_density_weight` times the mean of its two articles' densities (the mean similarity of each
    one's `story_density_neighbours` nearest) above `story_density_baseline` (cross-domain similarity
    local scaling, as in hubness reduction), phased in with pile size like the pile IDF: a small pile is
    left exactly as it was. Articles in sparse neighbourhoods gain a little, so the threshold adapts to
    how crowded the pile is."""
    from ..stories import _pile_strength

    settings = pile.settings
    i, j, similarity = candidate_pairs(pile)
    strength = _pile_strength(pile.matrix.shape[0]) * settings.story_density_weight
    if strength == 0.0 or not len(i):
        return pile, _kept_edges(pile, i, j, similarity)
    density = neighbourhood_density(pile.matrix.shape[0], i, j, similarity, settings.story_density_neighbours)
    offsets = strength * (density - settings.story_density_baseline) / 2
    pile = replace(pile, offsets=offsets)
    return pile, _kept_edges(pile, i, j, similarity - offsets[i] - offsets[j])


def neighbourhood_density(n: int, i: np.ndarray, j: np.ndarray, similarity: np.ndarray, k: int) -> np.ndarray:
    """Mean similarity of each article's k most similar candidates (0 for an article with none)."""
    node = np.concatenate([i, j])
    value = np.concatenate([similarity, similarity])
    order = np.lexsort((-value, node))
    node, value = node[order], value[order]
    first = np.searchsorted(node, np.arange(n))
    rank = np.arange(len(node)) - first[node]
    top = rank < k
    totals = np.bincount(node[top], weights=value[top], minlength=n)
    counts = np.bincount(node[top], minlength=n)
    return totals / np.maximum(counts, 1)  # type: ignore[no-any-return]


def _neighbour_pairs(pile: Pile) -> tuple[np.ndarray, np.ndarray]:
    """Each article's nearest neighbours by pruned word vectors and by lead: pairs i < j, unique."""
    k = pile.settings.story_neighbours
    pruned = _pruned(pile.matrix, PRUNED_TERMS)
    transposed = pruned.T.tocsr()
    rows, cols = [], []
    for start in range(0, pruned.shape[0], CHUNK_ROWS):
        block = (pruned[start : start + CHUNK_ROWS] @ transposed).toarray()
        if pile.leads is not None:
            block = block + pile.leads[start : start + CHUNK_ROWS] @ pile.leads.T
        for offset, row in enumerate(block):
            row[start + offset] = -np.inf
            top = np.argpartition(-row, min(k, len(row) - 1))[:k].copy()  # a copy: a view keeps the whole row
            rows.append(np.full(len(top), start + offset))
            cols.append(top)
    i, j = np.concatenate(rows), np.concatenate(cols)
    pairs = np.unique(np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def _pruned(matrix: sparse.csr_matrix, terms: int) -> sparse.csr_matrix:
    """Each row's `terms` heaviest entries only: neighbour search on what an article is most about."""
    matrix = matrix.tocsr()
    rows, cols, vals = [], [], []
    for r in range(matrix.shape[0]):
        lo, hi = matrix.indptr[r], matrix.indptr[r + 1]
        data, index = matrix.data[lo:hi], matrix.indices[lo:hi]
        top = np.argsort(-data)[:terms]
        rows.append(np.full(len(top), r))
        cols.append(index[top])
        vals.append(data[top])
    return sparse.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=matrix.shape)


def cluster_blocks(pile: Pile, i: np.ndarray, j: np.ndarray, similarity: np.ndarray) -> list[int]:
    """Story label of each article: blocks of candidate edges at the floor, each clustered alone."""
    from ..stories import cluster_stories

    n = pile.matrix.shape[0]
    floor = pile.settings.story_floor
    labels = [-1] * n
    next_label = 0
    for block in _blocks(np.arange(n), i, j, similarity, floor, pile.settings.story_max_block):
        if len(block) == 1:
            block_labels = [0]
        else:
            block_labels = cluster_stories(block_similarity(pile, block), pile.settings)
        for member, label in zip(block, block_labels):
            labels[member] = next_label + label
        next_label += max(block_labels) + 1
    return labels


def _blocks(nodes: np.ndarray, i: np.ndarray, j: np.ndarray, similarity: np.ndarray, threshold: float,
            max_block: int) -> list[list[int]]:
    """Connected components over edges at `threshold` or more, built strongest edge first and never past
    `max_block` articles: a component that fits is exactly the connected component; one that would not
    is cut at its weakest links (size-bounded single linkage), so chains through common words break there."""
    parent = {int(v): int(v) for v in nodes}
    size = dict.fromkeys(parent, 1)

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    keep = np.flatnonzero(similarity >= threshold)
    for k in keep[np.argsort(-similarity[keep], kind="stable")].tolist():
        a, b = find(int(i[k])), find(int(j[k]))
        if a != b and size[a] + size[b] <= max_block:
            if b < a:
                a, b = b, a
            parent[b] = a
            size[a] += size[b]
    groups: dict[int, list[int]] = {}
    for v in parent:
        groups.setdefault(find(v), []).append(v)
    return sorted((sorted(m) for m in groups.values()), key=lambda m: m[0])


def _related_labels(labels: Sequence[int], i: np.ndarray, j: np.ndarray, similarity: np.ndarray,
                    settings: Settings) -> set[tuple[int, int]]:
    """Label pairs (a < b) of stories that a candidate pair links at the related threshold."""
    linked = set()
    for a, b, s in zip(i.tolist(), j.tolist(), similarity.tolist()):
        if s >= settings.related_story_threshold and labels[a] != labels[b]:
            linked.add((min(labels[a], labels[b]), max(labels[a], labels[b])))
    return linked


def _story_groups(features: Sequence[ArticleFeatures], label_of: dict[int, int], pairs: Sequence[tuple[int, int]],
                  related: set[tuple[int, int]]) -> list[StoryGroup]:
    """StoryGroups largest first (most articles, then most words, then first given), ids s1, s2, ..."""
    clusters: dict[int, list[int]] = {}
    for index in range(len(features)):
        clusters.setdefault(label_of[index], []).append(index)
    ordered = sorted(clusters, key=lambda c: (-len(clusters[c]), -sum(features[m].words for m in clusters[c]),
                                              clusters[c][0]))
    rank = {label: k for k, label in enumerate(ordered)}
    story_id = {label: f"s{k + 1}" for k, label in enumerate(ordered)}
    links: dict[int, list[int]] = {label: [] for label in ordered}
    for a, b in related:
        links[a].append(b)
        links[b].append(a)
    copies: dict[int, list[tuple[str, str]]] = {}
    for i, j in pairs:
        id_i, id_j = features[i].id, features[j].id
        copies.setdefault(label_of[i], []).append((min(id_i, id_j), max(id_i, id_j)))
    groups = []
    for label in ordered:
        linked = tuple(story_id[x] for x in sorted(links[label], key=rank.__getitem__))
        members = tuple(features[m].id for m in clusters[label])
        groups.append(StoryGroup(story_id[label], members, linked, tuple(sorted(copies.get(label, [])))))
    return groups
