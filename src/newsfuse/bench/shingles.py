"""The article-extraction-benchmark metric (scrapinghub), replicated exactly.

Each page: 4-gram word shingles of the predicted and true body, tp/fp/fn counted over shingle
multisets and normalised to sum 1 so long pages weigh no more than short ones. Then mean precision
and mean recall over pages (pages with nothing to score are left out of that mean, as upstream does)
and F1 of the two means.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE_N = 4
_TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

TpFpFn = tuple[float, float, float]


def tokenize(text: str | None) -> list[str]:
    """Word tokens as the benchmark takes them (case kept, punctuation dropped)."""
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = SHINGLE_N) -> Counter[tuple[str, ...]]:
    """Multiset of n-word shingles; a text shorter than n gives one short shingle, as upstream."""
    tokens = tokenize(text)
    grams = (tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def shingle_match(true: str | None, pred: str | None, n: int = SHINGLE_N) -> TpFpFn:
    """Normalised (tp, fp, fn) of one page."""
    true_sh, pred_sh = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in true_sh.keys() | pred_sh.keys():
        t, p = true_sh.get(key, 0), pred_sh.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float


def scores(pages: Iterable[TpFpFn]) -> Scores:
    """Mean precision, mean recall and their F1 over pages, as the benchmark's evaluate.py."""
    pages = list(pages)
    precisions = [_precision(*p) for p in pages if p[0] + p[1] > 0]
    recalls = [_recall(*p) for p in pages if p[0] + p[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return Scores(precision, recall, f1)


def page_f1(true: str | None, pred: str | None) -> float:
    """F1 of one page, handy for finding the worst pages."""
    s = scores([shingle_match(true, pred)])
    return s.f1
