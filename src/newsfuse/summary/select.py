"""Sentence selection: greedy budgeted maximisation of weighted concept coverage.

The score of a summary is the weight of the distinct concepts (content stems and content bigrams) it
covers, where a concept weighs more when more articles mention it (cross-document support) and when it
appears early in an article (news puts the core first); plus a per-sentence prior for lead position
and the number of articles that support the sentence, minus a penalty for poor standalone material.
Coverage is submodular, so repeated facts earn nothing twice: that is the redundancy control.
The greedy pass (gain per word ** length_power) is followed by a small local search that swaps or adds
sentences while the objective rises, which mostly spends the budget's last words better.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..analyse.datelines import strip_dateline
from ..models import ArticleAnalysis, Sentence
from ..text.lexical import content_bigrams, content_stems, stems, word_count
from .quality import opener_penalty, penalty

IMPROVE_EPS = 1e-9  # a swap must raise the objective by more than rounding noise


@dataclass(frozen=True)
class Params:
    """Weights of the objective. Defaults were tuned only on Multi-News validation clusters 2000-2400
    (`newsfuse bench summary --skip 2000 --limit 400`), apart from the reported slices and DUC."""

    bigram_weight: float = 2.0  # a content bigram counts this much relative to a content stem
    df_power: float = 1.0  # concept weight grows as (articles mentioning it) ** df_power
    position_decay: float = 0.05  # concept occurrences weigh 1 / (1 + decay * sentence index)
    lead_bonus: float = 0.0  # per-sentence prior for the opening sentences, in concept units per word
    support_bonus: float = 0.0  # per extra supporting article, in concept units per word
    penalty_weight: float = 0.5  # quality penalty, in concept units per word
    length_power: float = 0.5  # gain is divided by words ** length_power (cost-scaled greedy)
    tf_weight: float = 1.0  # concept weight also grows by tf_weight * log(occurrences in the story)
    duplicate_overlap: float = 0.6  # content-stem overlap above which a sentence repeats a chosen one
    swap_passes: int = 3  # local-search moves after the greedy pass


@dataclass
class Candidate:
    sentence: Sentence
    order: int  # rank of its article among the story's members
    text: str
    words: int
    concepts: frozenset[object]
    stem_set: frozenset[str]
    penalty: float
    support: int
    dangling: float = 0.0  # part of the penalty lifted when the previous sentence is chosen
    weights: dict[object, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.sentence.key


def candidates(members: Sequence[ArticleAnalysis], support: Mapping[str, tuple[str, ...]] | None) -> list[Candidate]:
    """Every sentence of the story with the features selection needs; support counts only when given
    (they are costly: pass None unless Params.support_bonus uses them)."""
    out = []
    for order, analysis in enumerate(members):
        for sentence in analysis.sentences:
            text = strip_dateline(sentence.text.strip())
            all_stems = stems(text)
            content = content_stems(text)
            concepts = frozenset(content) | frozenset(content_bigrams(all_stems))
            out.append(Candidate(sentence, order, text, word_count(text), concepts, frozenset(content),
                                 penalty(text), (len(support.get(sentence.key, ())) or 1) if support else 1,
                                 opener_penalty(text)))
    return out


def concept_weights(cands: Sequence[Candidate], params: Params) -> dict[object, float]:
    """Weight of each concept: how many articles mention it, scaled by how early it first appears."""
    articles: dict[object, set[int]] = defaultdict(set)
    early: dict[object, float] = defaultdict(float)
    count: dict[object, int] = defaultdict(int)
    for cand in cands:
        place = 1.0 / (1.0 + params.position_decay * cand.sentence.index)
        for concept in cand.concepts:
            articles[concept].add(cand.order)
            early[concept] = max(early[concept], place)
            count[concept] += 1
    weights = {}
    for concept, arts in articles.items():
        base = len(arts) ** params.df_power * early[concept] * (1.0 + params.tf_weight * math.log(count[concept]))
        weights[concept] = base * (params.bigram_weight if isinstance(concept, tuple) else 1.0)
    return weights


def prior(cand: Candidate, params: Params, chosen_keys: set[str]) -> float:
    """Per-sentence terms (lead position, support, quality), in concept units per word."""
    lead = params.lead_bonus / (1.0 + cand.sentence.index)
    backing = params.support_bonus * (cand.support - 1)
    bad = cand.penalty
    if cand.dangling and f"{cand.sentence.article_id}:{cand.sentence.index - 1}" in chosen_keys:
        bad = max(0.0, bad - cand.dangling)  # its antecedent is in the summary, right before it
    return (lead + backing - params.penalty_weight * bad) * cand.words


def select(cands: Sequence[Candidate], budget: int, params: Params = Params(), fill: bool = False) -> list[Candidate]:
    """Greedy cost-scaled selection within `budget` words, then a local search (`improve`).

    With fill=True more picks follow until the budget is reached, the last one possibly running past it
    (the caller cuts the text), as the sumy peers are run in the benchmark; otherwise every pick fits
    and the total never exceeds budget.
    """
    weights = concept_weights(cands, params)
    pool = [c for c in cands if c.penalty < 1.0 and c.words > 0] or [c for c in cands if c.words > 0]
    chosen = greedy(pool, weights, budget, params, [], fill=False)
    if params.swap_passes:
        chosen = improve(chosen, [c for c in pool if c.penalty < 1.0], weights, budget, params)
    if fill:
        chosen = greedy(pool, weights, budget, params, chosen, fill=True)
    return chosen


def greedy(pool: Sequence[Candidate], weights: Mapping[object, float], budget: int, params: Params,
           chosen: Sequence[Candidate], fill: bool) -> list[Candidate]:
    """Add the candidate with the best gain per word ** length_power until the budget is spent (with
    fill, the last pick may pass it); `chosen` are kept and counted."""
    chosen = list(chosen)
    covered: set[object] = set().union(*(c.concepts for c in chosen)) if chosen else set()
    keys = {c.key for c in chosen}
    used = sum(c.words for c in chosen)
    pool = [c for c in pool if c not in chosen and not repeats(c, chosen, params)]
    while pool and used < budget:
        best, best_gain = None, -math.inf
        for cand in pool:
            if not fill and used + cand.words > budget:
                continue
            gain = sum(weights[c] for c in cand.concepts if c not in covered) + prior(cand, params, keys)
            gain /= cand.words ** params.length_power
            if gain > best_gain:
                best, best_gain = cand, gain
        if best is None:
            break
        chosen.append(best)
        keys.add(best.key)
        used += best.words
        covered |= best.concepts
        pool = [c for c in pool if c is not best and not repeats(c, chosen, params)]
    return chosen


def objective(chosen: Sequence[Candidate], weights: Mapping[object, float], params: Params) -> float:
    """The budgeted objective the greedy pass approximates: covered concept weight plus sentence priors."""
    covered: set[object] = set().union(*(c.concepts for c in chosen)) if chosen else set()
    keys = {c.key for c in chosen}
    return sum(weights[c] for c in covered) + sum(prior(c, params, keys) for c in chosen)


def improve(chosen: list[Candidate], pool: Sequence[Candidate], weights: Mapping[object, float], budget: int,
            params: Params) -> list[Candidate]:
    """Local search after the greedy pass: swap one sentence for another (or add one) while the objective
    rises and the bound holds. Greedy by gain per word leaves the last words of the budget unused or
    spent on a weak short sentence; a swap can spend them on a better one."""
    best_value = objective(chosen, weights, params)
    for _ in range(params.swap_passes):
        used = sum(c.words for c in chosen)
        best_move: list[Candidate] | None = None
        for out in [None, *chosen]:
            rest = [c for c in chosen if c is not out]
            room = budget - used + (out.words if out else 0)
            for cand in pool:
                if cand.words > room or cand in chosen or repeats(cand, rest, params):
                    continue
                trial = [*rest, cand]
                value = objective(trial, weights, params)
                if value > best_value + IMPROVE_EPS:
                    best_value, best_move = value, trial
        if best_move is None:
            break
        chosen = best_move
    return chosen


def repeats(cand: Candidate, chosen: Sequence[Candidate], params: Params) -> bool:
    """True when the candidate and a chosen sentence are near-duplicates: most of the shorter one's content
    is in the other (either way round: a longer sentence that retells a chosen short one repeats it too)."""
    if not cand.stem_set:
        return False
    for other in chosen:
        shared = len(cand.stem_set & other.stem_set)
        if shared / (min(len(cand.stem_set), len(other.stem_set)) or 1) >= params.duplicate_overlap:
            return True
    return False
