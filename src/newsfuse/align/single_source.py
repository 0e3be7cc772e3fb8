"""Single-source facts: what one outlet alone reports, most salient first. Split from align/facts.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..models import ArticleAnalysis, Fact, SupportIndex
from .facts import ClaimRef, FactCluster, Weigher, relevant, representative

MAX_SINGLE_SOURCE = 24
MAX_SINGLE_PER_ARTICLE = 6  # single-source facts listed per article, most salient first
NOVEL_SHARE = 0.5  # a single-source sentence needs this share of its content told by no other outlet
SPECIFIC_BONUS = 0.6  # salience per name, number or date a single-source sentence gives (up to MAX_SPECIFICS)
MAX_SPECIFICS = 4
LEAD_BONUS = 2.0  # salience for a sentence at the top of its article, falling to 0 at the end


@dataclass
class SingleCandidate:
    """One sentence of one article shown as a single-source fact, with the claims it carries."""

    article: str
    outlet: str
    text: str
    sentence: int = 0  # its index in the article
    refs: list[ClaimRef] = field(default_factory=list)

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(k for r in self.refs for k in r.keys)


def single_source_facts(members: Sequence[ArticleAnalysis], clusters: Sequence[FactCluster],
                        refs: Sequence[ClaimRef], weigher: Weigher, shown: set[tuple[str, int]],
                        support: SupportIndex | None = None) -> tuple[Fact, ...]:
    """What one outlet alone reports, most salient first: sentences whose content is mostly told by no other
    outlet, rich in names, numbers and dates; at most MAX_SINGLE_PER_ARTICLE per article. `shown`: sentences
    already shown as facts or quoted as their evidence. With `support`, a sentence it cites another article
    for is not one outlet's alone."""
    if len({a.article.id for a in members}) < 2:
        return ()
    story_keys = _story_keys(refs)
    by_outlet: dict[str, set[str]] = {}
    for ref in refs:
        by_outlet.setdefault(ref.outlet, set()).update(ref.keys)
    candidates: dict[tuple[str, int], SingleCandidate] = {}
    for cluster in clusters:
        rep = representative(cluster, weigher)
        key = (rep.article, rep.claim.sentence)
        if cluster.outlets == 1 and rep.text is not None and key not in shown and relevant(rep, story_keys):
            candidates.setdefault(key, SingleCandidate(rep.article, rep.outlet, rep.text, key[1]))
    for ref in refs:  # every claim of a candidate sentence counts towards what it says
        cand = candidates.get((ref.article, ref.claim.sentence))
        if cand is not None:
            cand.refs.append(ref)
            cand.text = max(cand.text, ref.shown if ref.text else "", key=len)
    lengths = {a.article.id: max(1, len(a.sentences)) for a in members}
    scored = []
    for (article, sentence), cand in candidates.items():
        elsewhere = set().union(*(k for o, k in by_outlet.items() if o != cand.outlet))
        salience = _salience(cand, elsewhere, weigher)
        if salience is not None:  # news puts what matters first: earlier sentences weigh a little more
            scored.append((salience + LEAD_BONUS * (1 - sentence / lengths.get(article, 1)), cand))
    scored.sort(key=lambda x: -x[0])
    if support is not None:
        keys = [f"{c.article}:{i}" for (_, i), c in candidates.items()]
        cited = support.cite(keys)
        told_elsewhere = {k for k, c in cited.items() if len(c.sources) > 1}
        scored = [(v, c) for v, c in scored if f"{c.article}:{c.sentence}" not in told_elsewhere]
    out: list[Fact] = []
    per_article: Counter[str] = Counter()
    for _salience_value, cand in scored:
        if per_article[cand.article] < MAX_SINGLE_PER_ARTICLE and len(out) < MAX_SINGLE_SOURCE:
            per_article[cand.article] += 1
            out.append(Fact(cand.text, (cand.article,), 1))
    return tuple(out)


def _story_keys(refs: Sequence[ClaimRef]) -> Counter[str]:
    """In how many articles each key occurs."""
    per_article: dict[str, set[str]] = {}
    for ref in refs:
        per_article.setdefault(ref.article, set()).update(ref.keys)
    return Counter(k for keys in per_article.values() for k in keys)


def _salience(cand: SingleCandidate, elsewhere: set[str], weigher: Weigher) -> float | None:
    """Weight of what no other outlet says plus a bonus per name, number and date; None when most of the
    sentence is told elsewhere too (it is not really one outlet's own). Names the other outlets also use are
    who the sentence is about, not what it adds: they count on neither side."""
    keys = frozenset(k for k in cand.keys if not (k in weigher.names and k in elsewhere))
    total = weigher.mass(keys)
    novel = weigher.mass(frozenset(k for k in keys if k not in elsewhere))
    if not total or novel / total < NOVEL_SHARE:
        return None
    specifics = {v for r in cand.refs for v in r.typed.specifics}
    return novel + SPECIFIC_BONUS * min(MAX_SPECIFICS, len(specifics))
