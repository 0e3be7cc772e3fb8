"""The fact-level findings of one story, gathered in one place so that facts, conflicts and coverage need
not import each other: facts (align.facts) come first, conflicts and coverage read its clusters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..models import ArticleAnalysis, Coverage, Discrepancy, Fact, SupportIndex
from .conflicts import find_discrepancies
from .coverage import story_coverage
from .facts import FACT_THRESHOLD, align_facts


@dataclass(frozen=True)
class FactFindings:
    """The StoryAlignment fields this layer fills."""

    facts: tuple[Fact, ...]
    single_source: tuple[Fact, ...]
    conflicts: tuple[Discrepancy, ...]
    variants: tuple[Discrepancy, ...]
    coverage: tuple[Coverage, ...]


def fact_findings(members: Sequence[ArticleAnalysis], threshold: float = FACT_THRESHOLD,
                  support: SupportIndex | None = None) -> FactFindings:
    """Facts, single-source facts, conflicts, variants and each outlet's coverage of the story; with
    `support`, facts and single-source facts agree with the citations (align.facts.align_facts)."""
    facts, singles, clusters = align_facts(members, threshold, support)
    refs = [m for c in clusters for m in c.members]
    conflicts, variants = find_discrepancies(refs)
    return FactFindings(facts, singles, tuple(conflicts), tuple(variants),
                        tuple(story_coverage(members, clusters, refs, threshold, singles)))
