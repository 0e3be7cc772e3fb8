"""One grouping for every path (brief, corpus, stories, the store): articles -> features -> stories.

`featurize` runs per article (on any worker), `group_features` on the gathered features, and
`assign` adds new articles to an existing grouping without regrouping the world (see incremental).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article
from ..settings import DEFAULT, Settings
from .cluster import Grouping, group_features
from .copies import duplicate_pairs
from .features import ArticleFeatures, featurize


def group_articles(articles: Sequence[Article], settings: Settings = DEFAULT) -> Grouping:
    """Stories of a pile of articles, with each copy's original."""
    return group_features(featurize(articles, settings), settings)


__all__ = ["ArticleFeatures", "Grouping", "duplicate_pairs", "featurize", "group_articles", "group_features"]
