"""The decision "does article A support sentence S?", learned from hand labels over the support scores.

align.support scores every window (a sentence, or two adjacent ones) of every other article against a
summary sentence: embedding cosine, lexical coverage, event coverage, contradiction vetoes, and their
hand-weighted blend. One fixed threshold on the blend over-cites in big clusters, where ten articles on
one topic all score high, so the decision is a logistic regression over per-article features: the best
window's parts, the best cosine and lexical scores anywhere in the article, and where the article stands
among the other articles for the same sentence. The weights (data/support_model.json) are fitted on the
dev and fresh labels (bench/data/citations.jsonl, citations-fresh.jsonl) by
`python -m newsfuse.bench.citations --fit`; bench/data/citations-heldout.jsonl, never fitted on, measures them.
No model file, no learned decision: callers fall back to the blend's own threshold.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "support_model.json"
REGULARISATION = 0.3  # inverse L2 strength: best leave-one-cluster-out F1 on the dev labels of 0.03-3
FEATURES = (
    "blend", "cos_at_best", "lexical_at_best", "event_at_best", "conflict_at_best", "forward_at_best",
    "pair_window", "max_cos", "lexical_at_max_cos", "conflict_at_max_cos", "max_lexical", "max_forward",
    "max_event", "max_cos_no_conflict", "other_articles", "blend_rank", "blend_over_mean", "cos_over_mean",
    "content_words", "numbers", "names", "lower_case",
)


@dataclass(frozen=True)
class WindowScores:
    """Scores of some sentences (rows) against every window (columns) of the story."""

    blend: np.ndarray  # the hand-weighted combination (align.support)
    cosine: np.ndarray  # 0 where the lexical gate closed the window
    lexical: np.ndarray
    event: np.ndarray
    conflict: np.ndarray  # bool
    forward: np.ndarray  # coverage of the sentence by the window, without the reverse direction
    pair: np.ndarray  # per column: True for a two-sentence window


@dataclass(frozen=True)
class SentenceTraits:
    """What a sentence is, independent of any window: short, numeric, named, lower-cased text."""

    content_words: int
    numbers: int
    names: int
    lower_case: bool


def article_features(scores: WindowScores, row: int, columns: dict[str, np.ndarray],
                     traits: SentenceTraits) -> dict[str, np.ndarray]:
    """One feature vector per other article (those in `columns`) for sentence `row`."""
    per = {a: _window_features(scores, row, cols) for a, cols in columns.items() if len(cols)}
    if not per:
        return {}
    blends = np.array([f["blend"] for f in per.values()])
    cosines = np.array([f["max_cos"] for f in per.values()])
    out = {}
    for article, f in per.items():
        f.update(other_articles=len(per), blend_rank=float((blends > f["blend"]).sum()) / len(per),
                 blend_over_mean=f["blend"] - float(blends.mean()), cos_over_mean=f["max_cos"] - float(cosines.mean()),
                 content_words=traits.content_words, numbers=traits.numbers, names=traits.names,
                 lower_case=float(traits.lower_case))
        out[article] = np.array([f[name] for name in FEATURES], dtype=float)
    return out


def _window_features(s: WindowScores, row: int, cols: np.ndarray) -> dict[str, float]:
    """The article's best window by blend and by cosine, and its maxima over all windows."""
    best = cols[np.argmax(s.blend[row, cols])]
    top_cos = cols[np.argmax(s.cosine[row, cols])]
    clean = cols[~s.conflict[row, cols]]
    return {
        "blend": float(s.blend[row, best]), "cos_at_best": float(s.cosine[row, best]),
        "lexical_at_best": float(s.lexical[row, best]), "event_at_best": float(s.event[row, best]),
        "conflict_at_best": float(s.conflict[row, best]), "forward_at_best": float(s.forward[row, best]),
        "pair_window": float(s.pair[best]), "max_cos": float(s.cosine[row, top_cos]),
        "lexical_at_max_cos": float(s.lexical[row, top_cos]), "conflict_at_max_cos": float(s.conflict[row, top_cos]),
        "max_lexical": float(s.lexical[row, cols].max()), "max_forward": float(s.forward[row, cols].max()),
        "max_event": float(s.event[row, cols].max()),
        "max_cos_no_conflict": float(s.cosine[row, clean].max()) if len(clean) else 0.0,
    }


@dataclass(frozen=True)
class SupportModel:
    """Standardised logistic regression: P(support) = sigmoid(coef . (x - mean) / scale + intercept), with
    each feature first clipped to the range it had in training (`low`, `high`): a linear model extrapolates
    without bound, and one sentence with ten figures in it (a timestamp run into the lead) read as near-certain
    support from a three-word heading ("The unemployment rate") for its count of figures alone."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    low: np.ndarray | None = None
    high: np.ndarray | None = None

    def probability(self, x: np.ndarray) -> np.ndarray:
        x = np.atleast_2d(x)
        if self.low is not None and self.high is not None:
            x = np.clip(x, self.low, self.high)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))  # type: ignore[no-any-return]

    def to_json(self, trained_on: str) -> str:
        bounds = {} if self.low is None or self.high is None else {"low": self.low.tolist(), "high": self.high.tolist()}
        return json.dumps({"features": list(FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                           "coef": self.coef.tolist(), "intercept": self.intercept, **bounds,
                           "trained_on": trained_on}, indent=1)


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> SupportModel | None:
    """The fitted model, or None when the file is missing or was fitted on other features."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if tuple(data.get("features", ())) != FEATURES:
        return None
    bounds = [np.array(data[k]) if k in data else None for k in ("low", "high")]
    return SupportModel(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                        float(data["intercept"]), *bounds)


def fit(x: Sequence[np.ndarray], y: Sequence[bool], regularisation: float = REGULARISATION) -> SupportModel:
    """Fit on labelled (features, supports?) pairs; scikit-learn does the optimisation."""
    from sklearn.linear_model import LogisticRegression

    matrix = np.array(x, dtype=float)
    mean = matrix.mean(axis=0)
    scale = matrix.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=regularisation, max_iter=5000).fit((matrix - mean) / scale, np.array(y, dtype=bool))
    return SupportModel(mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]), matrix.min(axis=0),
                        matrix.max(axis=0))
