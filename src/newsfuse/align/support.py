"""Which articles support each sentence (paraphrase included).

An article supports a sentence when one of its sentences, or two adjacent ones read together, covers
most of that sentence's content: IDF-weighted coverage of its content stems, of its content bigrams
(word order, so "Masood shot the officer" is not "the officer shot Masood") and of its names
(capitalised words) and numbers, in both directions. Numbers must not contradict: a sentence saying
"five people" is not supported by one saying "four people".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ..models import ArticleAnalysis, Sentence
from ..settings import Settings
from ..summary.lexical import STOP, content_bigrams, content_stems, idf, numbers, stem, stems, tokens

# weights of the parts of the similarity (they sum to 1)
UNIGRAM_WEIGHT = 0.55
BIGRAM_WEIGHT = 0.25
NAME_WEIGHT = 0.20
REVERSE_WEIGHT = 0.15  # how much the supporter's own coverage by the sentence counts (both directions)
NUMBER_CONFLICT = 0.5  # factor when the supporter gives other numbers than the sentence's
NUMBER_MISSING = 0.7  # factor when the supporter gives no number where the sentence has one
IDF_POWER = 2.0  # rare words decide support: coverage weighs each word by idf ** IDF_POWER
SHORT_CONTENT = 5  # sentences with fewer content stems need proportionally more evidence
MIN_CONTENT = 2  # sentences with fewer content stems are not compared (too little to match on)


@dataclass(frozen=True)
class Bag:
    """The comparable content of one sentence (or two adjacent sentences)."""

    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    names: frozenset[str]
    numbers: frozenset[str]


def bag(text: str) -> Bag:
    words = stems(text)
    names = {stem(t) for i, t in enumerate(tokens(text)) if i > 0 and t[:1].isupper() and t.lower() not in STOP}
    return Bag(frozenset(content_stems(text)), frozenset(content_bigrams(words)), frozenset(names),
               frozenset(numbers(text)))


def merged(a: Bag, b: Bag) -> Bag:
    return Bag(a.stems | b.stems, a.bigrams | b.bigrams, a.names | b.names, a.numbers | b.numbers)


def coverage(part: frozenset, whole: frozenset, weights: dict) -> float:  # type: ignore[type-arg]
    """IDF-weighted share of `part` found in `whole` (1.0 when `part` is empty: nothing to miss)."""
    total = sum(weights.get(x, 1.0) for x in part)
    if total == 0:
        return 1.0
    return sum(weights.get(x, 1.0) for x in part & whole) / total


def similarity(s: Bag, t: Bag, weights: dict[str, float]) -> float:  # type: ignore[type-arg]
    """How far `t` says what `s` says: mostly s covered by t, a little t covered by s."""
    forward = _directed(s, t, weights)
    backward = _directed(t, s, weights)
    score = (1 - REVERSE_WEIGHT) * forward + REVERSE_WEIGHT * backward
    if s.numbers and not s.numbers <= t.numbers:
        score *= NUMBER_CONFLICT if t.numbers else NUMBER_MISSING
    if len(s.stems) < SHORT_CONTENT:
        score *= (len(s.stems) / SHORT_CONTENT) ** 0.5
    return score


def _directed(s: Bag, t: Bag, weights: dict[str, float]) -> float:
    uni = coverage(s.stems, t.stems, weights)
    bi_weights = {b: weights.get(b[0], 1.0) + weights.get(b[1], 1.0) for b in s.bigrams}
    bi = coverage(s.bigrams, t.bigrams, bi_weights)
    names = coverage(s.names, t.names, weights) if s.names else uni
    return UNIGRAM_WEIGHT * uni + BIGRAM_WEIGHT * bi + NAME_WEIGHT * names


def sentence_support(members: Sequence[ArticleAnalysis], settings: Settings) -> dict[str, tuple[str, ...]]:
    """{Sentence.key: (its own article id, then every other article that says the same)}."""
    bags = {a.article.id: [bag(s.text) for s in a.sentences] for a in members}
    weights = _weights(bags)
    windows = {aid: _windows(b) for aid, b in bags.items()}
    support: dict[str, tuple[str, ...]] = {}
    for analysis in members:
        own = analysis.article.id
        for sentence, s_bag in zip(analysis.sentences, bags[own]):
            sources = [own]
            if len(s_bag.stems) >= MIN_CONTENT:
                sources += [other for other in windows if other != own and
                            _best(s_bag, windows[other], weights) >= settings.support_threshold]
            support[sentence.key] = tuple(sources)
    return support


def _weights(bags: dict[str, list[Bag]]) -> dict[str, float]:
    """idf ** IDF_POWER over the story's sentences: shared topic words weigh little, specifics a lot."""
    base = idf(b.stems for article_bags in bags.values() for b in article_bags)
    return {w: v ** IDF_POWER for w, v in base.items()}


def _windows(bags: Sequence[Bag]) -> list[Bag]:
    """Each sentence alone, and each pair of adjacent sentences read together."""
    return list(bags) + [merged(a, b) for a, b in zip(bags, bags[1:])]


def _best(s: Bag, candidates: Sequence[Bag], weights: dict[str, float]) -> float:
    best = 0.0
    for t in candidates:
        if not (s.stems & t.stems):
            continue
        best = max(best, similarity(s, t, weights))
    return best


def support_scores(sentence: Sentence, members: Sequence[ArticleAnalysis]) -> dict[str, float]:
    """Best similarity of `sentence` in every other article (for inspection and labelling)."""
    bags = {a.article.id: [bag(s.text) for s in a.sentences] for a in members}
    weights = _weights(bags)
    s_bag = bag(sentence.text)
    return {aid: _best(s_bag, _windows(b), weights) for aid, b in bags.items() if aid != sentence.article_id}
