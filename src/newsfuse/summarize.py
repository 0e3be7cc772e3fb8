"""Extractive multi-document summary where every sentence cites all the articles that support it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .models import ArticleAnalysis, SummarySentence
from .settings import Settings


def summarize(
    members: Sequence[ArticleAnalysis], support: Mapping[str, tuple[str, ...]], settings: Settings
) -> list[SummarySentence]:
    """Baseline: the best-supported sentences, earliest first, within the word budget."""
    candidates = [s for a in members for s in a.sentences]
    ranked = sorted(candidates, key=lambda s: (-len(support.get(s.key, ())), s.index))
    chosen, words = [], 0
    for sentence in ranked:
        n = len(sentence.text.split())
        if words + n > settings.summary_words:
            continue
        chosen.append(sentence)
        words += n
    chosen.sort(key=lambda s: (s.index, s.article_id))
    return [SummarySentence(s.text, support.get(s.key, (s.article_id,))) for s in chosen]
