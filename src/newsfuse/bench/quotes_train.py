"""Fit the speaker ranker (analyse/speaker_rank.py) on PolNeAR train, leave-one-outlet-out.

    python -m newsfuse.bench.quotes_train [--data DIR] [--limit N] [--out src/newsfuse/data/speaker_ranker.json]

Each quote of QUOTE_MIN_WORDS+ words that the rules leave without a speaker and that matches a gold quote
with a named source gives one row per candidate speaker, labelled by the benchmark's own test
(bench/quotes.py `speaker_right`). A logistic
regression (scikit-learn, a training-time dependency only) learns the weights; the ranker takes the
candidate with the highest score. The figures printed are out-of-fold: each outlet's articles are scored by
a model fitted on the other six, the rules' speakers beside them on the same quotes. Only train is read.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..analyse.speaker_rank import Candidate, rank_speaker
from .quotes import DEFAULT_DIR, Document, Found, load_polnear, match
from .quotes import score as bench_score

C = 1.0  # inverse L2 strength of the logistic regression
MAX_ITER = 2000
THRESHOLDS = (0.0, 0.3, 0.5, 0.6, 0.7)  # probabilities a pick needs, scored leave-one-outlet-out
MIN_PROBABILITY = 0.7  # the shipped threshold: the lowest that leaves the labelled quote set's unattributed quotes
# alone (docs/quotes.md); lower ones score higher on PolNeAR train, leave-one-outlet-out


@dataclass
class QuoteRows:
    start: int
    end: int
    rule: str | None
    cands: list[Candidate]


def collect(layers: Iterable[tuple[Document, Any, Any, Any, Any]]) -> list[tuple[Document, list[QuoteRows]]]:
    """(document, its quotes with candidates) from (document, sentences, mentions, names, docs) tuples."""
    from ..analyse.quotes import QUOTE_MIN_WORDS, quote_records

    out = []
    for doc, sentences, mentions, names, docs in layers:
        seen: list[list[Candidate]] = []

        def keep(cands: list[Candidate], seen: list[list[Candidate]] = seen) -> None:
            seen.append(cands)
            return None

        records = quote_records(doc.article, sentences, mentions, names, docs, ranker=keep)
        rows = []
        for span, quote in records:  # the ranker is asked about each quote the rules leave without a speaker
            if len(quote.text.split()) >= QUOTE_MIN_WORDS:
                cands = seen.pop(0) if quote.speaker is None and docs else []
                rows.append(QuoteRows(span.parts[0][0], span.parts[-1][1], quote.speaker, cands))
        out.append((doc, rows))
    return out


def outlet(doc: Document) -> str:
    return doc.article.id.split("_")[0]


def predict(data: Sequence[tuple[Document, list[QuoteRows]]], table: dict[str, float] | None,
            min_probability: float = 0.0) -> list[list[Found]]:
    """Found quotes per document: the rules' speaker, or the ranker's pick where the rules have none (the
    rules alone when `table` is None)."""
    out = []
    for _, rows in data:
        found = []
        for q in rows:
            best = rank_speaker(q.cands, table, min_probability) if table and q.rule is None else None
            found.append(Found(q.start, q.end, best.name if best else q.rule))
        out.append(found)
    return out


def training_groups(data: Sequence[tuple[Document, list[QuoteRows]]]) -> list[list[tuple[dict[str, float], int]]]:
    """Per quote the rules leave without a speaker that matches a gold quote of a named source: its
    candidates' features with 0/1 labels (right: the candidate names that source)."""
    from .quotes import speaker_right

    groups = []
    for doc, rows in data:
        for i, j in match([Found(q.start, q.end, q.rule) for q in rows], doc.gold).items():
            gold = doc.gold[j]
            if gold.names and rows[i].cands:
                groups.append([(c.features, int(speaker_right(c.name, gold))) for c in rows[i].cands])
    return groups


def fit(data: Sequence[tuple[Document, list[QuoteRows]]], c: float = C) -> dict[str, float]:
    """Weights by feature name from a logistic regression on candidates, right or wrong ('bias' is the
    intercept); no weights when the data hold no right and wrong candidates both."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    groups = training_groups(data)
    names = sorted({k for g in groups for f, _ in g for k in f})
    rows = [[f.get(n, 0.0) for n in names] for g in groups for f, _ in g]
    labels = [y for g in groups for _, y in g]
    if len(set(labels)) < 2:
        return {}
    model = LogisticRegression(C=c, max_iter=MAX_ITER, fit_intercept=False)
    model.fit(np.array(rows), np.array(labels))
    return {n: round(float(w), 5) for n, w in zip(names, model.coef_[0])}


def cross_validate(data: Sequence[tuple[Document, list[QuoteRows]]],
                   thresholds: Sequence[float] = THRESHOLDS) -> list[tuple[str, dict[str, float]]]:
    """Out-of-fold scores (leave one outlet out) of the ranker at each probability threshold, and the rules'
    scores on the same quotes."""
    tables = {held: fit([x for x in data if outlet(x[0]) != held]) for held in sorted({outlet(d) for d, _ in data})}
    documents = [d for d, _ in data]
    out = [("rules", bench_score(documents, predict(data, None)))]
    for threshold in thresholds:
        found = [predict([x], tables[outlet(x[0])], threshold)[0] for x in data]
        out.append((f"ranker p>={threshold:.2f}", bench_score(documents, found)))
    return out


def parsed_layers(documents: Sequence[Document]) -> Iterable[tuple[Document, Any, Any, Any, Any]]:
    """Parse each document (spaCy) into the layers quote_records reads."""
    from ..analyse.entities import article_names
    from ..analyse.nlp import article_layers, load_nlp, parse_paragraphs
    from ..settings import DEFAULT

    nlp = load_nlp(DEFAULT.spacy_model)
    for chunk_start in range(0, len(documents), 50):
        chunk = documents[chunk_start:chunk_start + 50]
        for doc, paragraph_docs in zip(chunk, parse_paragraphs(nlp, [d.article for d in chunk])):
            sentences, mentions, docs = article_layers(doc.article, paragraph_docs)
            yield doc, sentences, mentions, article_names(doc.article, sentences, mentions), docs


def report(data: Sequence[tuple[Document, list[QuoteRows]]]) -> dict[str, float]:
    """Print the leave-one-outlet-out table; return the weights fitted on all of `data`."""
    for name, s in cross_validate(data):
        print(f"{name:<16} quote P {s['quote_p']:.3f} R {s['quote_r']:.3f} speaker acc {s['speaker_acc']:.3f} "
              f"Q+S P {s['qs_p']:.3f} R {s['qs_r']:.3f} F1 {s['qs_f1']:.3f} no speaker {s['no_speaker']}")
    return fit(data)


def main(argv: Sequence[str] | None = None) -> int:
    from .data import default_data_path

    parser = argparse.ArgumentParser(prog="python -m newsfuse.bench.quotes_train", description=__doc__)
    parser.add_argument("--data", default=None, help=f"PolNeAR folder (default ../shared/data/{DEFAULT_DIR})")
    parser.add_argument("--limit", type=int, default=None, help="N train articles spread over the split")
    parser.add_argument("--out", default=None, help="where to write the weights (JSON)")
    args = parser.parse_args(argv)
    root = Path(args.data) if args.data else Path(default_data_path(DEFAULT_DIR))
    data = collect(parsed_layers(load_polnear(root, "train", args.limit)))
    weights = report(data)
    if args.out:
        Path(args.out).write_text(json.dumps({"fitted_on": "PolNeAR train", "min_probability": MIN_PROBABILITY,
                                               "weights": weights}, indent=1) + "\n",
                                  encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
