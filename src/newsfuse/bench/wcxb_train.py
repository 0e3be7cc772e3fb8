"""Fit the learned block classifier (extraction/html_learned.py) on WCXB dev pages, cross-validated by site.

    python -m newsfuse.bench.wcxb_train [--write]

Each page is extracted with the rules alone while its container's blocks, their features and the rules'
verdicts are recorded. A block is labelled content when most of its word trigrams (its words, for blocks
under three words) occur in the page's true main content. Pages are split into folds by site (domain), so
no site is both fitted and scored: every figure printed is from pages whose site the model never saw.
The text of a page under the model is rebuilt from the recorded blocks (lead + kept blocks), so the
decision thresholds are compared without re-extracting. `--write` fits on all pages and writes the
weights to src/newsfuse/data/block_model.json. Needs scikit-learn (the `bench` extra), never at run time.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..extraction import html_learned as learned
from .shingles import page_f1
from .wcxb import CACHE_DIR, DEFAULT_DIR, WcxbPage, load_wcxb, word_f1

FOLDS = 5
LINK_DENSITY_MAX = 0.5  # html_rules.LINK_DENSITY_MAX: link lists are never rescued
LABEL_MIN_COVERAGE = 0.5
DROP_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
RESCUE_GRID = (1.01, 0.95, 0.9, 0.85, 0.8, 0.7)
WORD = re.compile(r"\w+")


@dataclass
class PageBlocks:
    page: WcxbPage
    lead: list[str]
    texts: list[str]
    rules: list[bool]  # kept by the rules
    rescuable: list[bool]  # removed by a rule the model may overrule (see html_learned.decide)
    rows: list[list[float]]
    labels: list[int]
    fallback: str  # the extractor's text when no container was found (or JSON-LD replaced the body)
    counts: list[Counter[str]] = field(default_factory=list)
    truth_counts: Counter[str] = field(default_factory=Counter)


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def label(text: str, truth_words: set[str], truth_grams: set[tuple[str, ...]]) -> int:
    words = WORD.findall(text.lower())
    if not words:
        return 0
    if len(words) < 3:
        return int(all(w in truth_words for w in words))
    grams = _trigrams(words)
    return int(sum(g in truth_grams for g in grams) >= LABEL_MIN_COVERAGE * len(grams))


def record(page: WcxbPage) -> PageBlocks:
    """The page's container blocks, features and labels, extracted with the rules alone."""
    from ..extraction.html import extract_html
    from ..settings import Settings

    seen: list[tuple[list[tuple[object, str | None]], list[list[float]]]] = []

    def recorder(container, verdicts):  # type: ignore[no-untyped-def]
        seen.append((list(verdicts), learned.block_features(container, verdicts)))
        return [rule for _, rule in verdicts]

    article = extract_html(page.id, page.html, Settings(), judge=recorder)  # the rules alone, recorded
    truth_words = WORD.findall(page.truth.lower())
    truth_set, truth_grams = set(truth_words), _trigrams(truth_words)
    if not seen:
        return PageBlocks(page, [], [], [], [], [], [], article.text)
    verdicts, rows = seen[-1]
    texts = [block.text for block, _ in verdicts]  # type: ignore[attr-defined]
    rules = [rule is None for _, rule in verdicts]
    rescuable = [bool(rule) and not block.kind for block, rule in verdicts]  # type: ignore[attr-defined]
    kept_lines = [line for t, k in zip(texts, rules) if k for line in t.split("\n") if line]
    paragraphs = list(article.paragraphs)
    split = len(paragraphs) - len(kept_lines)
    lead = paragraphs[:split] if paragraphs[split:] == kept_lines else []
    fallback = "" if paragraphs[len(lead):] == kept_lines else article.text
    labels = [label(t, truth_set, truth_grams) for t in texts]
    return PageBlocks(page, lead, texts, rules, rescuable, rows, labels, fallback)


def page_text(pb: PageBlocks, keep: list[bool]) -> str:
    if pb.fallback:
        return pb.fallback
    return "\n".join(pb.lead + [t for t, k in zip(pb.texts, keep) if k])


def decisions(pb: PageBlocks, probs: list[float], drop: float, rescue: float) -> list[bool]:
    return [(p >= drop) if rule else (ok and row[1] <= LINK_DENSITY_MAX and p > rescue)
            for rule, ok, row, p in zip(pb.rules, pb.rescuable, pb.rows, probs)]


def fit(rows: list[list[float]], labels: list[int]):  # type: ignore[no-untyped-def]
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(rows)
    model = LogisticRegression(C=0.5, max_iter=2000).fit(scaler.transform(rows), labels)
    return scaler, model


def cross_validate(data: list[PageBlocks]) -> dict[str, list[float]]:
    """Out-of-fold P(content) for every block, folds grouped by site."""
    from sklearn.model_selection import GroupKFold

    groups = [pb.page.domain for pb in data]
    probs: dict[str, list[float]] = {}
    for train_idx, test_idx in GroupKFold(n_splits=FOLDS).split(data, groups=groups):
        rows = [r for i in train_idx for r in data[i].rows]
        labels = [y for i in train_idx for y in data[i].labels]
        scaler, model = fit(rows, labels)
        for i in test_idx:
            pb = data[i]
            probs[pb.page.id] = list(model.predict_proba(scaler.transform(pb.rows))[:, 1]) if pb.rows else []
    return probs


def _counts(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.lower()))


def _fast_word_f1(pred: Counter[str], ref: Counter[str]) -> float:
    """word_f1 on precomputed word counts (the grid search scores every page many times)."""
    if not ref:
        return 1.0 if not pred else 0.0
    overlap = sum((pred & ref).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return 2 * p * r / (p + r)


def evaluate(data: list[PageBlocks], probs: dict[str, list[float]], drop: float, rescue: float,
             shingles: bool = False) -> dict[str, tuple[float, float]]:
    """Mean per-page (4-gram F1 when `shingles`, else 0; word F1) by page type and overall."""
    by_type: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for pb in data:
        keep = decisions(pb, probs[pb.page.id], drop, rescue) if pb.rows else []
        if shingles:
            text = page_text(pb, keep)
            scores = (page_f1(pb.page.truth, text), word_f1(text, pb.page.truth))
        else:
            if pb.fallback or not pb.rows:
                pred = _counts(pb.fallback or "\n".join(pb.lead))
            else:
                pred = Counter()
                for counts in [_counts(t) for t in pb.lead] + [c for c, k in zip(pb.counts, keep) if k]:
                    pred.update(counts)
            scores = (0.0, _fast_word_f1(pred, pb.truth_counts))
        by_type[pb.page.page_type].append(scores)
        by_type["all"].append(scores)
    return {t: (statistics.fmean(s[0] for s in v), statistics.fmean(s[1] for s in v)) for t, v in by_type.items()}


def write_model(data: list[PageBlocks], drop: float, rescue: float, path: Path = learned.MODEL_PATH) -> None:
    rows = [r for pb in data for r in pb.rows]
    labels = [y for pb in data for y in pb.labels]
    scaler, model = fit(rows, labels)
    payload = {
        "about": "html_learned block classifier: logistic regression fitted on WCXB dev (bench/wcxb_train.py)",
        "features": list(learned.BASE_FEATURES) + [f"token_{i}" for i in range(learned.TOKEN_BUCKETS)],
        "mean": [round(float(x), 6) for x in scaler.mean_],
        "scale": [round(float(x), 6) if x > 0 else 1.0 for x in scaler.scale_],
        "coef": [round(float(x), 6) for x in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "drop": drop,
        "rescue": rescue,
    }
    path.write_text(json.dumps(payload, indent=0) + "\n", encoding="utf-8")


def _recorded(folder: Path, limit: int | None, fresh: bool) -> list[PageBlocks]:
    """Recorded blocks of every page, cached (features change only with html_learned or the rules)."""
    import pickle
    from dataclasses import replace

    cache = CACHE_DIR / f"blocks-{limit or 'all'}.pkl"
    if cache.exists() and not fresh:
        return pickle.loads(cache.read_bytes())  # noqa: S301 - our own file
    data = [record(p) for p in load_wcxb(folder, limit)]
    for pb in data:
        pb.page = replace(pb.page, html="")
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(data))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="re-extract instead of reading bench/out/wcxb/blocks.pkl")
    args = parser.parse_args()
    data = _recorded(Path(args.dir), args.limit, args.fresh)
    probs = cross_validate(data)
    for pb in data:
        pb.counts = [_counts(t) for t in pb.texts]
        pb.truth_counts = _counts(pb.page.truth)
    rules_only = evaluate(data, {pb.page.id: [0.5] * len(pb.rows) for pb in data}, 0.0, 1.01, shingles=True)
    print("rules alone:", {t: tuple(round(x, 3) for x in v) for t, v in sorted(rules_only.items())})
    best = None
    for drop in DROP_GRID:
        for rescue in RESCUE_GRID:
            result = evaluate(data, probs, drop, rescue)
            goal = (result["article"][1] + result["all"][1]) / 2
            print(f"drop {drop:.2f} rescue {rescue:.2f}: "
                  f"word F1 article {result['article'][1]:.3f} all {result['all'][1]:.3f}")
            if best is None or goal > best[0]:
                best = (goal, drop, rescue, result)
    assert best is not None
    chosen = evaluate(data, probs, best[1], best[2], shingles=True)
    print("best (site-grouped CV):", best[1], best[2],
          {t: tuple(round(x, 3) for x in v) for t, v in sorted(chosen.items())})
    if args.write:
        write_model(data, best[1], best[2])
        print(f"wrote {learned.MODEL_PATH}")


if __name__ == "__main__":
    main()
