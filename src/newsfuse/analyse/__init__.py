"""Stage 4: per-article NLP. Sentences and entity mentions from spaCy, then the components
that read them: direct quotes with speakers, atomic claims, dated events.

Each component is a function `(Article, Doc-derived sentences, mentions) -> records`, run in order by
`analyse`; a component can be called on its own in tests.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, ArticleAnalysis
from ..settings import DEFAULT, Settings
from .nlp import article_layers, load_nlp, parse_paragraphs

__all__ = ["analyse", "analyse_many", "load_nlp"]

# Paragraphs parsed together at most: bounds the memory held by spaCy Docs on a pile of hundreds of articles.
CHUNK_PARAGRAPHS = 2000


def analyse(article: Article, settings: Settings = DEFAULT) -> ArticleAnalysis:
    return analyse_many([article], settings)[0]


def analyse_many(articles: Sequence[Article], settings: Settings = DEFAULT) -> list[ArticleAnalysis]:
    """Parse the articles in batched spaCy calls, then run the analysis components article by article."""
    from .claims import find_claims
    from .events import find_events
    from .quotes import find_quotes

    nlp = load_nlp(settings.spacy_model)
    if settings.truecase_lowercase:
        from .truecase import truecased

        articles = truecased(articles)
    results = []
    for chunk in _chunks(articles):
        for article, paragraph_docs in zip(chunk, parse_paragraphs(nlp, chunk)):
            sentences, mentions, docs = article_layers(article, paragraph_docs)
            quotes = find_quotes(article, sentences, mentions, docs=docs)
            events = find_events(article, sentences, mentions)
            claims = find_claims(article, sentences, mentions, nlp, docs)
            results.append(ArticleAnalysis(article, tuple(sentences), tuple(mentions), tuple(quotes),
                                           tuple(claims), events=tuple(events)))
    return results


def _chunks(articles: Sequence[Article]) -> list[list[Article]]:
    """Consecutive runs of articles with at most CHUNK_PARAGRAPHS paragraphs (one article may exceed it)."""
    chunks: list[list[Article]] = [[]]
    size = 0
    for article in articles:
        if chunks[-1] and size + len(article.paragraphs) > CHUNK_PARAGRAPHS:
            chunks.append([])
            size = 0
        chunks[-1].append(article)
        size += len(article.paragraphs)
    return chunks
