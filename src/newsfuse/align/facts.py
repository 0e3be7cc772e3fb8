"""Facts: the claims of every article of a story, aligned so that paraphrases of one claim become one Fact.

Two claims from different articles are the same fact when their content overlaps enough: a weighted Dice
coefficient over content lemmas, names, numbers and dates (names, numbers and dates weigh more; words that
every claim of the story uses weigh less; lemmas are folded through data/synonyms.txt, 'murder' -> 'kill').
`newsfuse bench facts` compares this with exact-sentence matching and with sentence-level word overlap on a
hand-labelled set and on held-out stories.

What a reader sees is a source sentence (fact_text): one fact per sentence, quoted speech left to the quotes.
Single-source facts are sentences mostly new to the story (half their weighted content told by no other
outlet), ranked by that new content, their names, numbers and dates, and their place in the article.

Speed: a story of ~600 claims has ~180,000 pairs. Sparse products of the claim x key matrix give every pair's
shared keys and a bound on its similarity at once, so only real candidates are compared one by one; a pair
that shares no key has similarity 0.0 and is never asked; masses, similarities and representatives are kept
per story (Weigher). Every value compared with a threshold is still summed exactly as the plain loop sums it,
so the output is the same to the last bit (tests/test_facts.py checks this against the plain loop).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
from scipy import sparse

from ..analyse.claim_values import ClaimValues, claim_values
from ..analyse.claims import name_key
from ..models import ArticleAnalysis, Claim, Fact, SupportIndex
from .fact_text import display_text, is_speech, starts_with_pronoun

FACT_THRESHOLD = 0.32  # weighted Dice at or above which two claims state the same fact
WORD_FLOOR = 0.2  # ... provided their words other than names overlap at least this much
MAX_UNRELATED = 0.5  # ... and at most this share of their cross pairs may have no similarity at all
CONTAIN_FLOOR = 0.75  # ... or the shorter claim's words are this much inside the longer one's
LINK_FACTOR = 0.8  # average-link: a merged fact's members must agree on average at this share of the threshold
MIN_SHARED = 2  # two claims sharing a single word (or number) are not one fact, however short they are
MIN_KEYS = 3  # claims with fewer content keys are too thin to stand as a fact of their own
NAME_WEIGHT = 1.6
VALUE_WEIGHT = 1.6
WORD_WEIGHT = 1.0
WEAK_LEMMAS = frozenset("say tell be have do make get go take report include also add call".split())
WEAK_WEIGHT = 0.3
TOPIC_SHARE = 0.03  # a word in this share of a big story's claims is its topic ("strip" in a Peanuts story) ...
TOPIC_MIN_CLAIMS = 100  # ... when the story has at least this many claims
THIN_WORDS = 10  # a shown sentence shorter than this says little: a longer member of its cluster is preferred
PRONOUNS = frozenset("he she it they him her them this that these those".split())


@dataclass(frozen=True)
class ClaimRef:
    """A claim with where it comes from and its alignment keys."""

    article: str
    outlet: str
    claim: Claim
    keys: frozenset[str]
    position: int  # order of the claim within its article
    text: str | None = None  # what a reader sees (fact_text.display_text); None: not shown on its own

    @property
    def typed(self) -> ClaimValues:
        """The claim's values as typed fields (parsed once per claim: conflicts asks for every pair)."""
        return claim_values(self.claim)

    @property
    def shown(self) -> str:
        return self.text or self.claim.text


@dataclass
class FactCluster:
    members: list[ClaimRef] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article for m in self.members))

    @property
    def outlets(self) -> int:
        return len({m.outlet for m in self.members})


@lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Lemma -> canonical lemma, from newsfuse/data/synonyms.txt ('murder' -> 'kill')."""
    text = resources.files("newsfuse").joinpath("data/synonyms.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            canonical, _, variants = line.partition("\t")
            out.update({v: canonical.strip() for v in variants.split()})
    return out


def name_resolver(members: Sequence[ArticleAnalysis]) -> Callable[[str], str]:
    """Surface name -> the story's canonical name key (align.entities groups the forms across articles);
    the surface's own key when the name is not one of the story's people or organisations."""
    from .entities import story_names

    names = story_names(members)
    cache: dict[str, str] = {}

    def resolve(surface: str) -> str:
        if surface not in cache:
            named = names.resolve(surface)
            cache[surface] = name_key(named.name) if named is not None else ""
        return cache[surface]

    return resolve


def claim_keys(claim: Claim, canonical_name: Callable[[str], str] | None = None) -> frozenset[str]:
    """Alignment keys: content lemmas (synonyms folded) and resolved pronouns, names (in their story-wide
    canonical form when a resolver is given), numbers ('#') and dates ('@')."""
    values = claim_values(claim)
    canonical = synonyms()
    keys = {canonical.get(w, w) for w in values.lemmas if not w.isdigit()} | set(values.pronouns)
    for entity in values.entities:
        keys.update(entity.key.split())
        if canonical_name is not None:
            keys.update(canonical_name(entity.surface).split())
    keys.update("#" + v.value for v in values.numbers)
    keys.update("#" + v.value for v in values.ages)
    keys.update("@" + d.iso for d in values.dates)
    return frozenset(keys)


def name_words(refs: Sequence[ClaimRef]) -> frozenset[str]:
    """Words that are part of a name anywhere in the story (weighted as names everywhere)."""
    words: set[str] = set()
    canonical = synonyms()
    for ref in refs:
        values = ref.typed
        lemmas = {canonical.get(w, w) for w in values.lemmas}
        words.update(k for k in ref.keys if k[:1] not in "#@" and k not in lemmas)  # names, canonical names
        for name in (*(e.key for e in values.entities), *values.pronouns):
            words.update(name.split())
    return frozenset(words)


def claim_refs(members: Sequence[ArticleAnalysis], aliases: bool = True) -> list[ClaimRef]:
    """Every claim of the story's articles; an article without an outlet counts as its own outlet. With
    `aliases`, a name is keyed by the story's canonical form of it ('Scotland Yard' -> the Met)."""
    refs = []
    canonical = name_resolver(members) if aliases and len(members) > 1 else None
    for analysis in members:
        outlet = (analysis.article.outlet or "").strip().lower() or f"article:{analysis.article.id}"
        speech: dict[int, bool] = {}
        for position, claim in enumerate(analysis.claims):
            keys = claim_keys(claim, canonical)
            if len(keys) >= MIN_KEYS or (len(keys) >= 2 and any(k[:1] in "#@" for k in keys)):
                refs.append(ClaimRef(analysis.article.id, outlet, claim, keys, position,
                                     _display(analysis, claim, speech)))
    return refs


def _display(analysis: ArticleAnalysis, claim: Claim, speech: dict[int, bool]) -> str | None:
    """The claim as a reader sees it: its sentence, or its clause when that is a statement (fact_text)."""
    sentence = analysis.sentences[claim.sentence].text if claim.sentence < len(analysis.sentences) else ""
    if claim.sentence not in speech:
        speech[claim.sentence] = is_speech(sentence, analysis.quotes)
    values = claim_values(claim)
    resolved = values.referent if claim.subject.lower() in ("he", "she") else ""
    return display_text(sentence, claim.text, values.form == "statement", speech[claim.sentence], resolved)


class _Weights(dict):  # type: ignore[type-arg]
    """Key -> weight, each computed on first use (a dict, so that masses sum through C-level lookups)."""

    def __init__(self, weigher: Weigher):
        super().__init__()
        self.weigher = weigher

    def __missing__(self, key: str) -> float:
        value = self[key] = self.weigher.compute_weight(key)
        return value


class Weigher:
    """Key weights for one story: names and values weigh more, words most claims share weigh less.

    Similarity is asked for the same pairs of claims again and again (average link, twins, representatives,
    coverage), so the masses of every claim's keys and each pair's similarity are kept. Claims are known by
    their key sets, which the weigher keeps alive: an id is never reused while it is cached."""

    def __init__(self, refs: Sequence[ClaimRef]):
        self.names = name_words(refs)
        self.df = Counter(k for r in refs for k in r.keys)
        self.n = max(1, len(refs))
        # words that tell no fact from another: weak verbs, and in a big story its topic words
        self.topics = ({k for k, c in self.df.items() if c >= TOPIC_SHARE * self.n}
                       if self.n >= TOPIC_MIN_CLAIMS else set())
        self.plain = WEAK_LEMMAS | self.topics
        self.cache = _Weights(self)
        self._known: dict[int, frozenset[str]] = {id(r.keys): r.keys for r in refs}
        self._stats: dict[int, tuple[frozenset[str], float, frozenset[str], float]] = {}
        self._sims: dict[tuple[int, int], float] = {}
        self.reps: dict[int, tuple[FactCluster, list[ClaimRef], ClaimRef]] = {}

    def compute_weight(self, key: str) -> float:
        base = NAME_WEIGHT if key in self.names else VALUE_WEIGHT if key[:1] in "#@" else WORD_WEIGHT
        if key in WEAK_LEMMAS:
            base = WEAK_WEIGHT
        idf = 1.0 + math.log(self.n / (1 + self.df[key])) / math.log(self.n + 1) if self.n > 1 else 1.0
        return base * max(0.3, idf)

    def weight(self, key: str) -> float:
        return self.cache[key]

    def mass(self, keys: frozenset[str]) -> float:
        return math.fsum(map(self.cache.__getitem__, keys))  # exact: the same in any set order (hash seed)

    def _stat(self, keys: frozenset[str]) -> tuple[frozenset[str], float, frozenset[str], float] | None:
        """(keys, their mass, the non-name keys, their mass) of a claim's key set; None for other sets."""
        stat = self._stats.get(id(keys))
        if stat is None:
            if self._known.get(id(keys)) is not keys:
                return None
            words = keys - self.names
            stat = self._stats[id(keys)] = (keys, self.mass(keys), words, self.mass(words))
        return stat

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Dice of two key sets, zero when only the names match."""
        pair = (id(a), id(b))  # only claims' key sets are kept, and those stay alive: ids are not reused
        sim = self._sims.get(pair)
        if sim is None:
            sa, sb = self._stat(a), self._stat(b)
            if sa is None or sb is None:
                return self._similarity((a, self.mass(a), a - self.names, -1.0),
                                        (b, self.mass(b), b - self.names, -1.0))
            sim = self._sims[pair] = self._similarity(sa, sb)
        return sim

    def _similarity(self, sa: tuple[frozenset[str], float, frozenset[str], float],
                    sb: tuple[frozenset[str], float, frozenset[str], float]) -> float:
        """The weighted Dice from cached parts (a word mass below 0: not cached yet), summed as ever."""
        a, mass_a, words_a, word_mass_a = sa
        b, mass_b, words_b, word_mass_b = sb
        total = mass_a + mass_b
        if not total or a.isdisjoint(b):
            return 0.0  # nothing shared: both the word floor and the Dice give 0.0
        common = a & b
        common_words = common - self.names  # the same as words_a & words_b
        if (words_a or words_b) and (common_words <= self.plain or (
                self.topics and len(common - self.plain) < MIN_SHARED)):
            return 0.0  # only names, weak verbs and topic words in common ("drawing the comic strip" is not
            # "going commercial with a comic strip"), or, in a big story, fewer than two keys in common beyond
            # them (one shared word chained every "strip" of a Peanuts story, and every "support" of a death
            # penalty story, into one fact)
        if word_mass_a < 0:
            word_mass_a = self.mass(words_a)
        if word_mass_b < 0:
            word_mass_b = self.mass(words_b)
        word_total = word_mass_a + word_mass_b
        if word_total:
            shared = self.mass(common_words)
            smaller = min(word_mass_a, word_mass_b)
            if 2 * shared / word_total < WORD_FLOOR and (not smaller or shared / smaller < CONTAIN_FLOOR):
                return 0.0  # same people, different thing said about them
        return 2 * self.mass(common) / total


ROUNDING_MARGIN = 1e-9  # far above the rounding error of a sum of claim weights, far below any real difference
SMALL_STORY = 40  # claims below which a loop over all pairs costs less than building sparse matrices


def incidence(refs: Sequence[ClaimRef], weigher: Weigher
              ) -> tuple[sparse.csr_matrix, sparse.csr_matrix, sparse.csr_matrix]:
    """Claim x key matrices: 0/1, each key's weight, and each key's weight with names left out (0)."""
    vocab: dict[str, int] = {}
    cols = [vocab.setdefault(k, len(vocab)) for r in refs for k in r.keys]
    indptr = np.cumsum([0] + [len(r.keys) for r in refs])
    shape = (len(refs), len(vocab))
    weights = np.array([weigher.weight(k) for k in vocab], dtype=float)
    words = np.where([k in weigher.names for k in vocab], 0.0, weights) if vocab else weights
    cols_array = np.array(cols, dtype=np.int64)

    def matrix(values: np.ndarray) -> sparse.csr_matrix:
        return sparse.csr_matrix((values, cols_array, indptr), shape=shape)

    return matrix(np.ones(len(cols))), matrix(weights[cols_array]), matrix(words[cols_array])


def shared_keys(ones: sparse.csr_matrix, refs: Sequence[ClaimRef]) -> sparse.csr_matrix:
    """How many keys each two claims of different articles share (symmetric; none on the diagonal or within
    an article), for all pairs at once: a sparse product instead of a loop over all pairs."""
    shared = (ones @ ones.T).tocoo()
    article_ids: dict[str, int] = {}
    article = np.array([article_ids.setdefault(r.article, len(article_ids)) for r in refs], dtype=np.int64)
    keep = article[shared.row] != article[shared.col]
    return sparse.csr_matrix((shared.data[keep], (shared.row[keep], shared.col[keep])), shape=shared.shape)


def fact_edges(refs: Sequence[ClaimRef], weigher: Weigher, threshold: float
               ) -> tuple[list[tuple[float, int, int]], list[set[int]]]:
    """(sim, i, j) for the pairs i < j of claims from different articles that share MIN_SHARED keys and
    reach the threshold, strongest first; and per claim, the claims of other articles sharing a key with it."""
    candidates, near = (_few_candidates if len(refs) < SMALL_STORY else _candidates)(refs, weigher, threshold)
    edges = []
    for i, j in candidates:
        sim = weigher.similarity(refs[i].keys, refs[j].keys)
        if sim >= threshold:
            edges.append((sim, i, j))
    edges.sort(reverse=True)
    return edges, near


def _candidates(refs: Sequence[ClaimRef], weigher: Weigher, threshold: float
                ) -> tuple[list[tuple[int, int]], list[set[int]]]:
    """fact_edges' pairs to compute, from sparse products over all pairs at once. The similarity is the
    weighted Dice or 0.0 (the word floor), so pairs whose Dice falls short of the threshold, or that fail the
    word floor, each by more than any rounding, cannot be edges: only the others are computed exactly, one by
    one, as before."""
    ones, weighted, words = incidence(refs, weigher)
    shared = shared_keys(ones, refs)
    columns, starts = shared.indices.tolist(), shared.indptr.tolist()
    near = [set(columns[starts[i]:starts[i + 1]]) for i in range(len(refs))]
    pairs = sparse.triu(shared, k=1).tocoo()
    strong = pairs.data >= MIN_SHARED
    rows, cols = pairs.row[strong], pairs.col[strong]
    if not len(rows):
        return [], near
    dice = _ratio(2 * _at(ones @ weighted.T, rows, cols), _row_sums(weighted, rows, cols, np.add))
    word_shared = _at(ones @ words.T, rows, cols)
    word_total = _row_sums(words, rows, cols, np.add)
    smaller = _row_sums(words, rows, cols, np.minimum)
    floor_fails = (word_total > 0) & (_ratio(2 * word_shared, word_total) < WORD_FLOOR - ROUNDING_MARGIN) & (
        (smaller == 0) | (_ratio(word_shared, smaller) < CONTAIN_FLOOR - ROUNDING_MARGIN))
    close = (dice >= threshold - ROUNDING_MARGIN) & ~floor_fails
    return list(zip(rows[close].tolist(), cols[close].tolist())), near


def _at(matrix: sparse.spmatrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    return np.asarray(matrix.tocsr()[rows, cols]).ravel()


def _row_sums(matrix: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray, combine: np.ufunc) -> np.ndarray:
    sums = np.asarray(matrix.sum(axis=1)).ravel()
    return combine(sums[rows], sums[cols])


def _ratio(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    return np.divide(part, whole, out=np.zeros_like(part), where=whole > 0)


def _few_candidates(refs: Sequence[ClaimRef], _weigher: Weigher, _threshold: float
                    ) -> tuple[list[tuple[int, int]], list[set[int]]]:
    """_candidates for a small story by a loop over all pairs (cheaper than building the matrices)."""
    near: list[set[int]] = [set() for _ in refs]
    pairs = []
    for i, a in enumerate(refs):
        for j in range(i + 1, len(refs)):
            b = refs[j]
            if a.article != b.article and not a.keys.isdisjoint(b.keys):
                near[i].add(j)
                near[j].add(i)
                if len(a.keys & b.keys) >= MIN_SHARED:
                    pairs.append((i, j))
    return pairs, near


def cluster_claims(refs: Sequence[ClaimRef], threshold: float = FACT_THRESHOLD,
                   weigher: Weigher | None = None) -> list[FactCluster]:
    """Average-link merging of claims from different articles, strongest pairs first.

    Plain best-match linking chains unrelated claims through one broad sentence; average link keeps a
    cluster about one thing: two groups merge only when their members agree on average."""
    weigher = Weigher(refs) if weigher is None else weigher
    edges, near = fact_edges(refs, weigher, threshold)
    linker = _Linker(refs, weigher, near)
    cluster_of = {i: [i] for i in range(len(refs))}
    owner = list(range(len(refs)))
    for _sim, i, j in edges:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        left, right = cluster_of[ci], cluster_of[cj]
        if not linker.agree(left, right, threshold):
            continue
        cluster_of[ci] = left + right
        for x in right:
            owner[x] = ci
        del cluster_of[cj]
    clusters = [FactCluster([refs[i] for i in sorted(members)]) for members in cluster_of.values()]
    return merge_twins(clusters, weigher, threshold)


class _Linker:
    """The average-link test in claim indices. A pair that shares no key has similarity 0.0 (see
    Weigher._similarity), so only pairs that share one are asked; the others count as zeros."""

    def __init__(self, refs: Sequence[ClaimRef], weigher: Weigher, near: list[set[int]]):
        self.keys = [r.keys for r in refs]
        self.articles = [r.article for r in refs]
        self.weigher = weigher
        self.near = near  # per claim: the claims of other articles that share a key with it

    def agree(self, left: list[int], right: list[int], threshold: float) -> bool:
        """Members agree on average and few cross pairs (claims of different articles) share nothing. The
        sum runs over the same pairs in the same order as over all pairs: adding 0.0 changes no float."""
        on_right = Counter(self.articles[y] for y in right)
        cross = len(left) * len(right) - sum(on_right[self.articles[x]] for x in left)
        if not cross:
            return False
        keys, similarity = self.keys, self.weigher.similarity
        sims: list[float] = []
        for x in left:
            near = self.near[x]
            if near:
                sims += [similarity(keys[x], keys[y]) for y in right if y in near]
        zeros = cross - sum(1 for s in sims if s != 0.0)
        return not (sum(sims) / cross < threshold * LINK_FACTOR or zeros / cross > MAX_UNRELATED)


def _mostly_related(a: FactCluster, b: FactCluster, weigher: Weigher) -> bool:
    """At most MAX_UNRELATED of the pairs of members have nothing in common (similarity 0.0): a few strong
    pairs must not drag in unrelated claims. Pairs sharing no key are zeros without asking, and counting
    stops once the answer is known (the share only falls as related pairs are found)."""
    total = len(a.members) * len(b.members)
    related = 0
    for x in a.members:
        for y in b.members:
            if not x.keys.isdisjoint(y.keys) and weigher.similarity(x.keys, y.keys) != 0.0:
                related += 1
                if (total - related) / total <= MAX_UNRELATED:
                    return True
    return (total - related) / total <= MAX_UNRELATED


def merge_twins(clusters: list[FactCluster], weigher: Weigher, threshold: float) -> list[FactCluster]:
    """Two multi-article clusters whose representatives say the same thing are one fact told twice."""
    out: list[FactCluster] = []
    multi: list[FactCluster] = []  # the clusters of `out` with several members, in order (only they grow)
    for cluster in sorted(clusters, key=lambda c: -len(c.members)):
        twin = None
        if len(cluster.members) > 1:
            rep = representative(cluster, weigher)
            twin = next((o for o in multi if (
                weigher.similarity(representative(o, weigher).keys, rep.keys) >= threshold * LINK_FACTOR
                and _mostly_related(o, cluster, weigher) or _same_anchor(o, cluster, weigher))), None)
        if twin is None:
            out.append(cluster)
            if len(cluster.members) > 1:
                multi.append(cluster)
        else:
            twin.members.extend(cluster.members)
    return out


def _same_anchor(a: FactCluster, b: FactCluster, weigher: Weigher) -> bool:
    """Every member of both clusters gives the same date or number and shares a word: one event, two halves
    ('an inquest in October 2018 concluded ...' split into two clauses that matched different outlets)."""
    common = frozenset.intersection(*(m.keys for m in a.members + b.members))
    return any(k[:1] in "#@" for k in common) and any(k[:1] not in "#@" and k not in weigher.names
                                                       for k in common)


def representative(cluster: FactCluster, weigher: Weigher) -> ClaimRef:
    """The member that reads best and is closest to all others (ties: the shorter text), so the fact reads like
    its sources: a displayable sentence before a fragment, a named subject before a pronoun."""
    if len(cluster.members) == 1:
        return cluster.members[0]
    cached = weigher.reps.get(id(cluster))
    if cached is not None and cached[0] is cluster and len(cached[1]) == len(cluster.members) and all(
            x is y for x, y in zip(cached[1], cluster.members)):
        return cached[2]  # asked again (twins, shown facts, coverage) and not grown since
    n = len(cluster.members) - 1

    def score(ref: ClaimRef) -> tuple[bool, bool, float, bool, int]:
        sim = sum(weigher.similarity(ref.keys, o.keys) for o in cluster.members if o is not ref) / n
        pronoun = ref.claim.subject.lower() in PRONOUNS or starts_with_pronoun(ref.shown)
        thin = len(ref.shown.split()) < THIN_WORDS
        return (ref.text is None, pronoun, -round(sim, 1), thin, len(ref.shown))

    best = min(cluster.members, key=score)
    weigher.reps[id(cluster)] = (cluster, list(cluster.members), best)
    return best


def relevant(ref: ClaimRef, story_keys: Counter[str]) -> bool:
    """A single-source claim worth listing: names, numbers or dates, and some words the story shares."""
    if not has_specifics(ref):
        return False
    return any(story_keys[k] >= 2 for k in ref.keys)


def has_specifics(ref: ClaimRef) -> bool:
    """Names, numbers, dates or a resolved pronoun: what makes a claim checkable."""
    return bool(ref.typed.specifics or ref.typed.pronouns)


def align_facts(members: Sequence[ArticleAnalysis], threshold: float = FACT_THRESHOLD,
                support: SupportIndex | None = None, by_structure: bool = True
                ) -> tuple[tuple[Fact, ...], tuple[Fact, ...], list[FactCluster]]:
    """(facts told by two or more outlets, facts told by one outlet, the clusters behind them).

    With `support` (the citation decision the summary uses), one decision holds across the brief: a fact's
    other articles count only where that decision also cites them for the fact's sentence (the others are
    its related coverage), a fact left with one outlet is no fact, and a single-source fact is one that the
    decision cites no other article for and that is no other fact's evidence."""
    from .shown_facts import shown_facts  # they build on this module's claims and weights
    from .single_source import single_source_facts

    refs = claim_refs(members)
    weigher = Weigher(refs)
    clusters = cluster_claims(refs, threshold, weigher)
    multi = [c for c in clusters if c.outlets >= 2]
    multi.sort(key=lambda c: (-c.outlets, -len(c.articles), min(m.position for m in c.members)))
    sentences = {(a.article.id, s.index): s.text.strip() for a in members for s in a.sentences}
    outlet_of = {r.article: r.outlet for r in refs}
    facts, used, evidence_keys = shown_facts(multi, weigher, sentences, support, outlet_of, by_structure)
    singles = single_source_facts(members, clusters, refs, weigher, used | evidence_keys, support)
    return facts, singles, clusters
