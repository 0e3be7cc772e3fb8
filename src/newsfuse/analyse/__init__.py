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


def analyse(article: Article, settings: Settings = DEFAULT) -> ArticleAnalysis:
    return analyse_many([article], settings)[0]


def analyse_many(articles: Sequence[Article], settings: Settings = DEFAULT) -> list[ArticleAnalysis]:
    """Parse all articles in one batched spaCy call, then run the analysis components article by article."""
    from .events import find_events
    from .quotes import find_quotes
    from .claims import find_claims

    nlp = load_nlp(settings.spacy_model)
    results = []
    for article, paragraph_docs in zip(articles, parse_paragraphs(nlp, articles)):
        sentences, mentions, docs = article_layers(article, paragraph_docs)
        quotes = find_quotes(article, sentences, mentions)
        events = find_events(article, sentences, mentions)
        claims = find_claims(article, sentences, mentions, nlp, docs)
        results.append(ArticleAnalysis(article, tuple(sentences), tuple(mentions), tuple(quotes), tuple(claims),
                                       events=tuple(events)))
    return results
