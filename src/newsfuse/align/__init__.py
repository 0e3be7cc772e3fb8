"""Stage 5: line the articles of one story up against each other.

`support` finds, for every sentence, every article that says the same thing; the other components
merge per-article quotes, claims, entities and events into story-level records.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import ArticleAnalysis, StoryAlignment, StoryGroup
from ..settings import DEFAULT, Settings
from .facts import fact_fields
from .quotes import quote_fields
from .support import sentence_support
from .timeline import timeline_fields

__all__ = ["align"]


def align(group: StoryGroup, analyses: Sequence[ArticleAnalysis], settings: Settings = DEFAULT) -> StoryAlignment:
    members = [a for a in analyses if a.article.id in group.article_ids]
    support = sentence_support(members, settings)
    return StoryAlignment(group=group, support=support, **fact_fields(members),  # type: ignore[arg-type]
                          **quote_fields(members), **timeline_fields(members))  # type: ignore[arg-type]
