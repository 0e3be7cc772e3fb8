"""Order chosen sentences so the summary reads like a news story: leads first, runs kept together.

Sentences are grouped into runs of consecutive sentences from one article (so a pronoun still follows
its antecedent); runs are ordered by the position of their first sentence in its article (the outlets'
leads first, as a news story opens on the core facts), ties broken by article date, then input order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import ArticleAnalysis
from .select import Candidate


def ordered(chosen: Sequence[Candidate], members: Sequence[ArticleAnalysis]) -> list[Candidate]:
    rank = article_rank(members)
    runs: list[list[Candidate]] = []
    for cand in sorted(chosen, key=lambda c: (rank[c.sentence.article_id], c.sentence.index)):
        last = runs[-1][-1] if runs else None
        if last and last.sentence.article_id == cand.sentence.article_id and \
                last.sentence.index + 1 == cand.sentence.index:
            runs[-1].append(cand)
        else:
            runs.append([cand])
    runs.sort(key=lambda run: (run[0].sentence.index, rank[run[0].sentence.article_id]))
    return [cand for run in runs for cand in run]


def article_rank(members: Sequence[ArticleAnalysis]) -> Mapping[str, int]:
    """Rank of each article: oldest first; undated articles after dated ones, in input order."""
    keyed = sorted(range(len(members)), key=lambda i: (members[i].article.date or "9999", i))
    return {members[i].article.id: r for r, i in enumerate(keyed)}
