"""Extractive multi-document summary where every sentence cites all the articles that support it.

Sentences are chosen by greedy budgeted concept coverage (summary/select.py), filtered for standalone
quality (summary/quality.py) and ordered by source date and position (summary/order.py). The length
bound is exact: the total never exceeds `settings.summary_words` words. With `settings.llm_endpoint`
and `llm_model` set, an LLM re-picks among a shortlist (summary/llm.py); the text stays extractive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .models import ArticleAnalysis, Citation, SummarySentence, SupportIndex
from .settings import Settings
from .summary.order import ordered
from .summary.select import Candidate, Params, candidates, select
from .text.lexical import word_count
from .text.rules import capitalised, close_quote

ELLIPSIS = "…"


def summarize(
    members: Sequence[ArticleAnalysis],
    support: SupportIndex,
    settings: Settings,
    *,
    fill: bool = False,
    params: Params | None = None,
) -> list[SummarySentence]:
    """The cited summary of one story within `settings.summary_words` words; `support` (the align stage's
    SupportIndex) decides each chosen sentence's citations.

    fill=True lets the last sentence run past the bound (for benchmarks that cut every system's text
    at the same word count); the default never exceeds it.
    """
    budget = settings.summary_words
    params = params or Params()
    backing = _backing(members, support) if params.support_bonus else None
    cands = candidates(members, backing)
    if budget < 1 or not cands:
        return []
    chosen = select(cands, budget, params, fill=fill)
    if settings.llm_endpoint and settings.llm_model and not fill:
        from .summary.llm import SHORTLIST_FACTOR, llm_select

        shortlist = select(cands, budget * SHORTLIST_FACTOR, params)
        chosen = llm_select(shortlist, budget, settings) or chosen
    if not chosen:
        return _truncated(cands, budget, support)
    citations = support.cite([c.key for c in chosen])  # all of them in one batch
    return [_cite(c, citations.get(c.key)) for c in ordered(chosen, members)]


class NoSupport:
    """A SupportIndex that cites nothing: every sentence is its own article's alone."""

    def cite(self, keys: Sequence[str]) -> Mapping[str, Citation]:
        return {}


def _backing(members: Sequence[ArticleAnalysis], support: SupportIndex) -> dict[str, tuple[str, ...]]:
    """Every sentence's supporting articles (costly: only for Params.support_bonus)."""
    keys = [s.key for a in members for s in a.sentences]
    return {k: c.sources for k, c in support.cite(keys).items()}


def _cite(cand: Candidate, citation: Citation | None) -> SummarySentence:
    text = capitalised(close_quote(cand.text))
    if citation is None:
        return SummarySentence(text, (cand.sentence.article_id,))
    return SummarySentence(text, citation.sources, citation.evidence, citation.related)


def _truncated(cands: Sequence[Candidate], budget: int, support: SupportIndex) -> list[SummarySentence]:
    """Last resort when no sentence fits the bound: the best opening sentence cut to `budget` words."""
    pool = sorted(cands, key=lambda c: (c.penalty >= 1.0, c.sentence.index, c.order))
    best = pool[0]
    words = best.text.split()[:budget]
    text = " ".join(words).rstrip(",;:") + ELLIPSIS
    assert word_count(text) <= budget
    citation = support.cite([best.key]).get(best.key)
    if citation is None:
        return [SummarySentence(text, (best.sentence.article_id,))]
    return [SummarySentence(text, citation.sources, citation.evidence, citation.related)]
