"""Stage 5: line the articles of one story up against each other.

In: the story's group and its articles' analyses (sentences, mentions, quotes, claims, events).
Out: a StoryAlignment: the story's findings (facts, single-source facts, conflicts, variants, quotes, people,
organisations, timeline, coverage) and its SupportIndex, which decides for any sentence which other articles
say the same (align.support): the brief asks it for the sentences it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from ..models import ArticleAnalysis, Entity, Quote, StoryAlignment, StoryGroup
from ..settings import DEFAULT, Settings
from .findings import fact_findings
from .quotes import quote_fields
from .support import sentence_support
from .timeline import align_timeline

__all__ = ["align"]


def align(group: StoryGroup, analyses: Sequence[ArticleAnalysis], settings: Settings = DEFAULT) -> StoryAlignment:
    members = [a for a in analyses if a.article.id in group.article_ids]
    support = sentence_support(members, settings)
    found = fact_findings(members, support=support, by_structure=settings.fact_structure_match)
    quoted = quote_fields(members)  # align.quotes hands its three fields over as a dict
    return StoryAlignment(
        group=group,
        support=support,
        facts=found.facts,
        single_source=found.single_source,
        conflicts=found.conflicts,
        variants=found.variants,
        coverage=found.coverage,
        quotes=cast(tuple[Quote, ...], quoted["quotes"]),
        people=cast(tuple[Entity, ...], quoted["people"]),
        organisations=cast(tuple[Entity, ...], quoted["organisations"]),
        timeline=align_timeline(members),
    )
