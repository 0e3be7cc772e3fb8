"""Fit the page-type model (extraction/page_kind.py) on WCXB dev pages, cross-validated by site.

    python -m newsfuse.bench.wcxb_pagekind [--write]

Each page is extracted once with the rules alone (no routing) while its page-type features are recorded,
and once by trafilatura (the text a routed page gets). The model learns "is this page an article" from
WCXB's page types. Pages are split into folds by site (domain, GroupKFold), so every routed figure
printed is from pages whose site the model never saw: per page type, the rules alone, trafilatura, and
the rules with non-articles routed to trafilatura, with the AEB 4-gram F1 and WCXB's word F1.
`--write` fits on all pages and writes src/newsfuse/data/page_kind_model.json (boosted trees as plain
JSON, no scikit-learn at run time). Needs scikit-learn (the `bench` extra).
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..extraction import page_kind
from .shingles import scores, shingle_match
from .wcxb import CACHE_DIR, DEFAULT_DIR, WcxbPage, load_wcxb, word_f1

FOLDS = 5
THRESHOLD = 0.5  # P(article) below it routes the page; fixed, not tuned (the grid below is printed for insight)
THRESHOLD_GRID = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
GBM_PARAMS = {"n_estimators": 150, "max_depth": 3, "learning_rate": 0.1, "subsample": 0.8, "random_state": 0}
RECORD_PATH = CACHE_DIR / "pagekind.pkl"


@dataclass
class PageRecord:
    page: WcxbPage
    row: list[float]
    rules: str  # the rules' text (no routing)
    routed: str  # the text a routed page gets (trafilatura's, or the rules' when trafilatura has none)


def record(page: WcxbPage) -> PageRecord:
    """The page's features, its rules-only text and its trafilatura text."""
    from ..extraction.html import _trafilatura_lines, extract_html
    from ..settings import Settings

    rows: list[list[float]] = []
    article = extract_html(page.id, page.html, Settings(route_non_articles=False), page_row=rows)
    row = rows[0] if rows else [0.0] * len(page_kind.FEATURE_NAMES)
    routed = "\n".join(_trafilatura_lines(page.html, article.url)) or article.text
    return PageRecord(page, row, article.text, routed)


def _recorded(folder: Path, limit: int | None, fresh: bool) -> list[PageRecord]:
    pages = load_wcxb(folder, limit)
    if not fresh and RECORD_PATH.exists():
        cached = pickle.loads(RECORD_PATH.read_bytes())  # (page id, row, rules, routed): no class pickled
        by_id = {c[0]: c for c in cached}
        if all(p.id in by_id for p in pages) and len(cached[0][1]) == len(page_kind.FEATURE_NAMES):
            return [PageRecord(p, *by_id[p.id][1:]) for p in pages]
    data = [record(p) for p in pages]
    RECORD_PATH.parent.mkdir(parents=True, exist_ok=True)
    RECORD_PATH.write_bytes(pickle.dumps([(d.page.id, d.row, d.rules, d.routed) for d in data]))
    return data


def _fit(kind: str, rows: list[list[float]], labels: list[int]) -> Any:
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if kind == "trees":
        return GradientBoostingClassifier(**GBM_PARAMS).fit(rows, labels)
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, C=1.0)).fit(rows, labels)


def cross_validate(data: list[PageRecord], kind: str) -> list[float]:
    """P(article) of every page from a model fitted on the other folds' sites."""
    from sklearn.model_selection import GroupKFold

    probs = [0.0] * len(data)
    groups = [d.page.domain for d in data]
    labels = [int(d.page.page_type == "article") for d in data]
    for train, test in GroupKFold(n_splits=FOLDS).split(data, groups=groups):
        model = _fit(kind, [data[i].row for i in train], [labels[i] for i in train])
        for i, p in zip(test, model.predict_proba([data[i].row for i in test])[:, 1]):
            probs[i] = float(p)
    return probs


def _scores(data: list[PageRecord], texts: list[str]) -> dict[str, tuple[float, float, int]]:
    """(4-gram F1, word F1, pages) per page type and 'all'."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(data):
        groups[d.page.page_type].append(i)
        groups["all"].append(i)
    out = {}
    for group, idx in groups.items():
        sh = scores(shingle_match(data[i].page.truth, texts[i]) for i in idx).f1
        wf = sum(word_f1(texts[i], data[i].page.truth) for i in idx) / len(idx)
        out[group] = (sh, wf, len(idx))
    return out


def routed_texts(data: list[PageRecord], probs: list[float], threshold: float) -> list[str]:
    """What extract_html gives each page: the routed text on a non-article page when it adds enough words."""
    return [d.routed if p < threshold and not page_kind.never_routed(d.row) and page_kind.take_routed(d.rules, d.routed)
            else d.rules
            for d, p in zip(data, probs)]


def report(data: list[PageRecord], probs: dict[str, list[float]]) -> str:
    """Per page type: rules alone, trafilatura, routed by each CV'd model at THRESHOLD; then a threshold grid."""
    columns = {"rules alone": [d.rules for d in data], "trafilatura": [d.routed for d in data]}
    for kind, p in probs.items():
        columns[f"routed ({kind}, site-CV)"] = routed_texts(data, p, THRESHOLD)
    table = {name: _scores(data, texts) for name, texts in columns.items()}
    groups = sorted(table["rules alone"], key=lambda g: (g == "all", g))
    lines = ["site-grouped 5-fold CV (no page scored by a model that saw its site); 4-gram F1 / word F1"]
    lines.append(f"{'type (pages)':<20}" + "".join(f"{name:>30}" for name in columns))
    for g in groups:
        cells = "".join(f"{f'{t[g][0]:.3f} / {t[g][1]:.3f}':>30}" for t in table.values())
        label = f"{g} ({table['rules alone'][g][2]})"
        lines.append(f"{label:<20}{cells}")
    for kind, p in probs.items():
        labels = [d.page.page_type == "article" for d in data]
        for t in THRESHOLD_GRID:
            pred = [x >= t for x in p]
            acc = sum(a == b for a, b in zip(pred, labels)) / len(data)
            arts = [i for i, a in enumerate(labels) if a]
            missed = sum(1 for i in arts if not pred[i])
            s = _scores(data, routed_texts(data, p, t))
            lines.append(f"{kind} threshold {t:.1f}: page-type accuracy {acc:.3f}, "
                         f"articles routed {missed}/{len(arts)}, "
                         f"word F1 article {s['article'][1]:.3f} all {s['all'][1]:.3f}")
    return "\n".join(lines)


def export(model: Any, kind: str, data: list[PageRecord]) -> dict[str, Any]:
    """The fitted model as plain JSON for page_kind.article_probability."""
    if kind == "trees":
        trees = []
        for est in model.estimators_[:, 0]:
            t = est.tree_
            trees.append({"left": t.children_left.tolist(), "right": t.children_right.tolist(),
                          "feature": t.feature.tolist(), "threshold": [round(float(x), 6) for x in t.threshold],
                          "value": [round(float(v), 6) for v in t.value[:, 0, 0]]})
        init = float(model._raw_predict_init([data[0].row])[0, 0])  # noqa: SLF001 - the prior's log-odds
        body: dict[str, Any] = {"init": init, "learning_rate": model.learning_rate, "trees": trees}
    else:
        scaler, lr = model.steps[0][1], model.steps[1][1]
        body = {"mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist(), "coef": lr.coef_[0].tolist(),
                "intercept": float(lr.intercept_[0])}
    return {"kind": kind, "threshold": THRESHOLD, "features": page_kind.FEATURE_NAMES, **body}


def write_model(data: list[PageRecord], kind: str, path: Path = page_kind.MODEL_PATH) -> None:
    model = _fit(kind, [d.row for d in data], [int(d.page.page_type == "article") for d in data])
    shipped = export(model, kind, data)
    want = model.predict_proba([d.row for d in data])[:, 1]
    got = [page_kind.article_probability(shipped, d.row) for d in data]
    worst = max(abs(a - b) for a, b in zip(want, got))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(shipped, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size} bytes, {kind}; largest difference from scikit-learn {worst:.2e})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--kind", choices=["trees", "logistic"], default="trees", help="the model --write ships")
    parser.add_argument("--fresh", action="store_true", help=f"re-extract instead of reading {RECORD_PATH}")
    args = parser.parse_args()
    data = _recorded(Path(args.dir), args.limit, args.fresh)
    probs = {kind: cross_validate(data, kind) for kind in ("trees", "logistic")}
    print(report(data, probs))
    if args.write:
        write_model(data, args.kind)


if __name__ == "__main__":
    main()
