"""Facts: the claims of every article of a story, aligned so that paraphrases of one claim become one Fact.

Two claims from different articles are the same fact when their content overlaps enough: a weighted Dice
coefficient over content lemmas, names, numbers and dates (names, numbers and dates weigh more; words that
every claim of the story uses weigh less). `newsfuse bench facts` compares this with exact-sentence matching
and with sentence-level word overlap on a hand-labelled set.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import ArticleAnalysis, Claim, Fact

FACT_THRESHOLD = 0.32  # weighted Dice at or above which two claims state the same fact
WORD_FLOOR = 0.25  # ... provided their words other than names overlap at least this much
LINK_FACTOR = 0.8  # average-link: a merged fact's members must agree on average at this share of the threshold
MIN_KEYS = 3  # claims with fewer content keys are too thin to stand as a fact of their own
NAME_WEIGHT = 1.6
VALUE_WEIGHT = 1.6
WORD_WEIGHT = 1.0
WEAK_LEMMAS = frozenset("say tell be have do make get go take report include also add".split())
WEAK_WEIGHT = 0.3
MAX_SINGLE_SOURCE = 40
PRONOUNS = frozenset("he she it they him her them this that these those".split())


@dataclass(frozen=True)
class ClaimRef:
    """A claim with where it comes from and its alignment keys."""

    article: str
    outlet: str
    claim: Claim
    keys: frozenset[str]
    position: int  # order of the claim within its article

    def values(self, kind: str) -> list[str]:
        return [v for k, v in self.claim.values if k == kind]


@dataclass
class FactCluster:
    members: list[ClaimRef] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article for m in self.members))

    @property
    def outlets(self) -> int:
        return len({m.outlet for m in self.members})


def claim_keys(claim: Claim) -> frozenset[str]:
    """Alignment keys: content lemmas and resolved pronouns, numbers ('#') and dates ('@')."""
    keys: set[str] = set()
    for kind, value in claim.values:
        if kind == "lemmas":
            keys.update(w for w in value.split() if not w.isdigit())
        elif kind == "pronoun":
            keys.add(value)
        elif kind == "entity":
            keys.update(value.split("|")[0].split())
        elif kind in ("number", "age"):
            keys.add("#" + value.split("|")[0])
        elif kind == "date":
            keys.add("@" + value.split("|")[0])
    return frozenset(keys)


def name_words(refs: Sequence[ClaimRef]) -> frozenset[str]:
    """Words that are part of a name anywhere in the story (weighted as names everywhere)."""
    words: set[str] = set()
    for ref in refs:
        for kind, value in ref.claim.values:
            if kind in ("entity", "pronoun"):
                words.update(value.split("|")[0].split())
    return frozenset(words)


def claim_refs(members: Sequence[ArticleAnalysis]) -> list[ClaimRef]:
    """Every claim of the story's articles; an article without an outlet counts as its own outlet."""
    refs = []
    for analysis in members:
        outlet = (analysis.article.outlet or "").strip().lower() or f"article:{analysis.article.id}"
        for position, claim in enumerate(analysis.claims):
            keys = claim_keys(claim)
            if len(keys) >= MIN_KEYS or (len(keys) >= 2 and any(k[:1] in "#@" for k in keys)):
                refs.append(ClaimRef(analysis.article.id, outlet, claim, keys, position))
    return refs


class Weigher:
    """Key weights for one story: names and values weigh more, words most claims share weigh less."""

    def __init__(self, refs: Sequence[ClaimRef]):
        self.names = name_words(refs)
        self.df = Counter(k for r in refs for k in r.keys)
        self.n = max(1, len(refs))
        self.cache: dict[str, float] = {}

    def weight(self, key: str) -> float:
        if key not in self.cache:
            base = NAME_WEIGHT if key in self.names else VALUE_WEIGHT if key[:1] in "#@" else WORD_WEIGHT
            if key in WEAK_LEMMAS:
                base = WEAK_WEIGHT
            idf = 1.0 + math.log(self.n / (1 + self.df[key])) / math.log(self.n + 1) if self.n > 1 else 1.0
            self.cache[key] = base * max(0.3, idf)
        return self.cache[key]

    def mass(self, keys: frozenset[str]) -> float:
        return sum(self.weight(k) for k in keys)

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Weighted Dice of two key sets, zero when only the names match."""
        total = self.mass(a) + self.mass(b)
        if not total:
            return 0.0
        words_a = a - self.names
        words_b = b - self.names
        word_total = self.mass(words_a) + self.mass(words_b)
        if word_total and 2 * self.mass(words_a & words_b) / word_total < WORD_FLOOR:
            return 0.0  # same people, different thing said about them
        return 2 * self.mass(a & b) / total


def cluster_claims(refs: Sequence[ClaimRef], threshold: float = FACT_THRESHOLD) -> list[FactCluster]:
    """Average-link merging of claims from different articles, strongest pairs first.

    Plain best-match linking chains unrelated claims through one broad sentence; average link keeps a
    cluster about one thing: two groups merge only when their members agree on average."""
    weigher = Weigher(refs)
    edges = []
    for i, a in enumerate(refs):
        for j in range(i + 1, len(refs)):
            b = refs[j]
            if a.article == b.article or not (a.keys & b.keys):
                continue
            sim = weigher.similarity(a.keys, b.keys)
            if sim >= threshold:
                edges.append((sim, i, j))
    edges.sort(reverse=True)
    cluster_of = {i: [i] for i in range(len(refs))}
    owner = list(range(len(refs)))
    for _sim, i, j in edges:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        left, right = cluster_of[ci], cluster_of[cj]
        pairs = [(x, y) for x in left for y in right if refs[x].article != refs[y].article]
        if not pairs:
            continue
        mean = sum(weigher.similarity(refs[x].keys, refs[y].keys) for x, y in pairs) / len(pairs)
        if mean < threshold * LINK_FACTOR:
            continue
        cluster_of[ci] = left + right
        for x in right:
            owner[x] = ci
        del cluster_of[cj]
    clusters = [FactCluster([refs[i] for i in sorted(members)]) for members in cluster_of.values()]
    return merge_twins(clusters, weigher, threshold)


def merge_twins(clusters: list[FactCluster], weigher: Weigher, threshold: float) -> list[FactCluster]:
    """Two multi-article clusters whose representatives say the same thing are one fact told twice."""
    out: list[FactCluster] = []
    for cluster in sorted(clusters, key=lambda c: -len(c.members)):
        rep = representative(cluster, weigher)
        twin = next((o for o in out if len(o.members) > 1 and len(cluster.members) > 1 and (
            weigher.similarity(representative(o, weigher).keys, rep.keys) >= threshold * LINK_FACTOR
            or _same_anchor(o, cluster, weigher))), None)
        if twin is None:
            out.append(cluster)
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
    """The member closest to all others (ties: the shorter text), so the fact reads like its sources."""
    if len(cluster.members) == 1:
        return cluster.members[0]

    def score(ref: ClaimRef) -> tuple[bool, float, int]:
        sim = sum(weigher.similarity(ref.keys, o.keys) for o in cluster.members if o is not ref)
        return (ref.claim.subject.lower() in PRONOUNS, -sim, len(ref.claim.text))

    return min(cluster.members, key=score)


def to_fact(cluster: FactCluster, weigher: Weigher) -> Fact:
    rep = representative(cluster, weigher)
    sources = [rep.article] + [a for a in cluster.articles if a != rep.article]
    return Fact(rep.claim.text, tuple(sources), cluster.outlets)


def relevant(ref: ClaimRef, story_keys: Counter[str]) -> bool:
    """A single-source claim worth listing: names, numbers or dates, and some words the story shares."""
    if not has_specifics(ref):
        return False
    return any(story_keys[k] >= 2 for k in ref.keys)


def has_specifics(ref: ClaimRef) -> bool:
    """Names, numbers, dates or a resolved pronoun: what makes a claim checkable."""
    return any(k in ("entity", "number", "age", "date", "pronoun") for k, _ in ref.claim.values)


def align_facts(members: Sequence[ArticleAnalysis], threshold: float = FACT_THRESHOLD
                ) -> tuple[tuple[Fact, ...], tuple[Fact, ...], list[FactCluster]]:
    """(facts told by two or more outlets, facts told by one outlet, the clusters behind them)."""
    refs = claim_refs(members)
    clusters = cluster_claims(refs, threshold)
    weigher = Weigher(refs)
    per_article: dict[str, set[str]] = {}
    for ref in refs:
        per_article.setdefault(ref.article, set()).update(ref.keys)
    story_keys = Counter(k for keys in per_article.values() for k in keys)
    multi = [c for c in clusters if c.outlets >= 2]
    single = [c for c in clusters if c.outlets == 1 and len(per_article) > 1
              and relevant(representative(c, weigher), story_keys)]
    multi.sort(key=lambda c: (-c.outlets, -len(c.articles), min(m.position for m in c.members)))
    order = {a.article.id: i for i, a in enumerate(members)}
    single.sort(key=lambda c: (order.get(c.members[0].article, 0), min(m.position for m in c.members)))
    facts = tuple(to_fact(c, weigher) for c in multi)
    singles = tuple(to_fact(c, weigher) for c in single[:MAX_SINGLE_SOURCE])
    return facts, singles, clusters


def fact_fields(members: Sequence[ArticleAnalysis], threshold: float = FACT_THRESHOLD) -> dict[str, object]:
    """The StoryAlignment fields this layer fills: facts, single_source, conflicts, variants, coverage."""
    from .conflicts import find_discrepancies
    from .coverage import story_coverage

    facts, singles, clusters = align_facts(members, threshold)
    refs = [m for c in clusters for m in c.members]
    conflicts, variants = find_discrepancies(refs)
    return {
        "facts": facts,
        "single_source": singles,
        "conflicts": conflicts,
        "variants": variants,
        "coverage": story_coverage(members, clusters, refs, threshold),
    }
