"""The fact-level findings of one story, gathered in one place so that facts, conflicts and coverage need
not import each other: facts (align.facts) come first, conflicts and coverage read its clusters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import ArticleAnalysis, Coverage, Discrepancy, Fact, SupportIndex
from .conflicts import find_discrepancies
from .coverage import story_coverage
from .fact_text import norm_words
from .facts import FACT_THRESHOLD, align_facts

MIN_SIDE_WORDS = 4  # a variant's side this long, word for word in a sentence, is what that sentence tells


@dataclass(frozen=True)
class FactFindings:
    """The StoryAlignment fields this layer fills."""

    facts: tuple[Fact, ...]
    single_source: tuple[Fact, ...]
    conflicts: tuple[Discrepancy, ...]
    variants: tuple[Discrepancy, ...]
    coverage: tuple[Coverage, ...]


def fact_findings(members: Sequence[ArticleAnalysis], threshold: float = FACT_THRESHOLD,
                  support: SupportIndex | None = None, by_structure: bool = True) -> FactFindings:
    """Facts, single-source facts, conflicts, variants and each outlet's coverage of the story; with
    `support`, facts and single-source facts agree with the citations (align.facts.align_facts)."""
    facts, singles, clusters = align_facts(members, threshold, support, by_structure)
    refs = [m for c in clusters for m in c.members]
    conflicts, variants = find_discrepancies(refs)
    outlet_of = {r.article: r.outlet for r in refs}
    singles = tuple(f for f in singles if not told_as_variant(f, variants, outlet_of))
    return FactFindings(facts, singles, tuple(conflicts), tuple(variants),
                        tuple(story_coverage(members, clusters, refs, threshold, singles)))


def told_as_variant(single: Fact, variants: Sequence[Discrepancy], outlet_of: Mapping[str, str]) -> bool:
    """The sentence is one side of a compatible variant whose other side another outlet tells ('more than
    15,000 new cases' / '15,300 new cases'): the claim is told by two outlets, so it is not one outlet's own."""
    article, text = single.sources[0], norm_words(single.text)
    own = outlet_of.get(article, article)
    for variant in variants:
        mine = any(article in side.sources and len(words := norm_words(side.text).split()) >= MIN_SIDE_WORDS
                   and f" {' '.join(words)} " in f" {text} " for side in variant.sides)
        if mine and any(outlet_of.get(a, a) != own for side in variant.sides for a in side.sources):
            return True
    return False
