"""Extractive multi-document summary where every sentence cites all the articles that support it.

Sentences are chosen by greedy budgeted concept coverage (summary/select.py), filtered for standalone
quality (summary/quality.py) and ordered by source date and position (summary/order.py). The length
bound is exact: the total never exceeds `settings.summary_words` words. With `settings.llm_endpoint`
and `llm_model` set, an LLM re-picks among a shortlist (summary/llm.py); the text stays extractive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .models import ArticleAnalysis, Evidence, SummarySentence
from .settings import Settings
from .summary.lexical import word_count
from .summary.order import ordered
from .summary.quality import capitalised, close_quote
from .summary.select import Candidate, Params, candidates, select

ELLIPSIS = "…"


def summarize(
    members: Sequence[ArticleAnalysis],
    support: Mapping[str, tuple[str, ...]],
    settings: Settings,
    *,
    fill: bool = False,
    params: Params | None = None,
) -> list[SummarySentence]:
    """The cited summary of one story within `settings.summary_words` words.

    fill=True lets the last sentence run past the bound (for benchmarks that cut every system's text
    at the same word count); the default never exceeds it.
    """
    budget = settings.summary_words
    params = params or Params()
    cands = candidates(members, support if params.support_bonus else None)
    if budget < 1 or not cands:
        return []
    chosen = select(cands, budget, params, fill=fill)
    if settings.llm_endpoint and settings.llm_model and not fill:
        from .summary.llm import SHORTLIST_FACTOR, llm_select

        shortlist = select(cands, budget * SHORTLIST_FACTOR, params)
        chosen = llm_select(shortlist, budget, settings) or chosen
    if not chosen:
        return _truncated(cands, budget, support)
    compute = getattr(support, "compute", None)  # a lazy Support: find all citations in one batch
    if compute is not None:
        compute([c.key for c in chosen])
    return [_cite(c, support) for c in ordered(chosen, members)]


def _cite(cand: Candidate, support: Mapping[str, tuple[str, ...]]) -> SummarySentence:
    sources = support.get(cand.key) or (cand.sentence.article_id,)
    return SummarySentence(capitalised(close_quote(cand.text)), tuple(sources), evidence(support, cand.key))


def evidence(support: Mapping[str, tuple[str, ...]], key: str) -> tuple[Evidence, ...]:
    """The support's evidence for a sentence's citations, when it keeps any (a plain mapping does not)."""
    find = getattr(support, "evidence", None)
    return tuple(find(key)) if find is not None and key in support else ()


def _truncated(
    cands: Sequence[Candidate], budget: int, support: Mapping[str, tuple[str, ...]]
) -> list[SummarySentence]:
    """Last resort when no sentence fits the bound: the best opening sentence cut to `budget` words."""
    pool = sorted(cands, key=lambda c: (c.penalty >= 1.0, c.sentence.index, c.order))
    best = pool[0]
    words = best.text.split()[:budget]
    text = " ".join(words).rstrip(",;:") + ELLIPSIS
    assert word_count(text) <= budget
    return [SummarySentence(text, tuple(support.get(best.key) or (best.sentence.article_id,)),
                            evidence(support, best.key))]
