"""Order chosen sentences so the summary reads like an article: by date, then source, then position."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import ArticleAnalysis
from .select import Candidate


def ordered(chosen: Sequence[Candidate], members: Sequence[ArticleAnalysis]) -> list[Candidate]:
    """Article-major order: articles by date (undated keep their place), sentences by position.

    Keeping each article's sentences together and in order preserves the discourse links between
    them (a pronoun follows its antecedent); articles go oldest first so events read chronologically.
    """
    rank = article_rank(members)
    return sorted(chosen, key=lambda c: (rank[c.sentence.article_id], c.sentence.index))


def article_rank(members: Sequence[ArticleAnalysis]) -> Mapping[str, int]:
    """Rank of each article: dated ones by date, each undated one keeps its slot among the members."""
    dated = sorted((a.article.date, i) for i, a in enumerate(members) if a.article.date)
    slots = iter(sorted(i for _, i in dated))
    order = {}
    by_date = iter(dated)
    for i, analysis in enumerate(members):
        if analysis.article.date:
            _, original = next(by_date)
            order[members[original].article.id] = next(slots)
        else:
            order[analysis.article.id] = i
    return order
