"""Citation precision and recall of the support finder against hand labels.

Labelling criterion (applied to every label; also the "criterion" header row of the data file):
an article supports a summary sentence when it states the sentence's main claim -- the same event/fact,
with the same key participants, and no figure or date of the sentence contradicted -- possibly in other
words, in one sentence or two adjacent sentences (anywhere in the article, a subordinate clause included).
The main claim is the content of the sentence's main clause; attribution ("X said", "investigators
found"), appositives, relative/subordinate clauses, ages and extra list items are secondary.
Partial support: an article that states the main claim but not a secondary part supports; one that
states only a secondary part, or mentions the topic as background, does not; when the sentence joins
two main clauses ("X, but Y") the article must state both. A claim about a specific place or person is
not supported by one about a wider whole, and a recurring event (another flood crest, another year's
flood) must be the same occurrence. Truncated text counts only as far as it states the claim.
Labels changed by the audit against this criterion carry an "audit" field (old, new, quoted reason).

Each label names a sentence of one article of a benchmark cluster (or of the seed story) and every
article that supports it, checked by reading them. Only citations of *other* articles are scored (a
sentence's own article is always cited). The label sets (bench/data/):
- citations.jsonl, "dev": the seeds and 30 Multi-News/DUC clusters;
- citations-fresh.jsonl, "fresh": 32 other clusters (Multi-News, AllSides, DUC), labelled blind;
- citations-heldout.jsonl, "held-out": 10 clusters labelled blind, never used to fit or tune anything;
- citations-second.jsonl: a second, independent labelling of 85 dev/fresh sentences. Scored against the
  first labels, it is the "second labeller" row: how far two careful readers agree.
Six dev labels name a Wayback crawl note of a Multi-News document (a corpus artefact that bench/data.py
drops when it reads the corpus): they are not scored. The learned decision is fitted on dev + fresh; their
"leave-one-cluster-out" rows score each cluster with a model fitted without it. The word-overlap rule newsfuse
started from is scored beside it.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import NewsfuseError
from ..models import Article, ArticleAnalysis
from ..settings import DEFAULT, Settings
from .data import CRAWL_NOTE  # Wayback crawl notes: a corpus artefact the Multi-News reader drops, not scored

LABEL_DIR = Path(__file__).resolve().parents[3] / "bench" / "data"
LABELS = LABEL_DIR / "citations.jsonl"
LABEL_SETS = {"dev": LABELS, "fresh": LABEL_DIR / "citations-fresh.jsonl",
              "held-out": LABEL_DIR / "citations-heldout.jsonl"}
FIT_SETS = ("dev", "fresh")  # what the support decision is fitted on; "held-out" never is
SECOND_LABELS = LABEL_DIR / "citations-second.jsonl"
# probability thresholds the precision/recall trade is shown at
OPERATING_POINTS = (0.2, 0.35, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.9)
PRECISION_GOAL = 0.90  # issue 19's goal: citation precision at least this ...
RECALL_GOAL = 0.60  # ... at recall at least this, on labels the decision was not fitted on
SupportFn = Callable[[Sequence[ArticleAnalysis], Settings], Mapping[str, tuple[str, ...]]]


@dataclass(frozen=True)
class Label:
    dataset: str
    cluster: str
    article: str
    text: str
    sources: tuple[str, ...]
    split: str = "dev"  # which label file ("dev", "held-out"; "" for a file given by hand): its own set


def load_labels(path: str | Path | None = None, split: str = "dev") -> list[Label]:
    """Label rows; header rows (a "criterion" line, no "dataset") are skipped."""
    path = Path(path or LABELS)
    if not path.exists():
        raise NewsfuseError(f"{path}: no citation labels")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if "dataset" in r and not CRAWL_NOTE.search(r["text"])]  # the reader drops those
    return [Label(r["dataset"], r["cluster"], r["article"], r["text"], tuple(r["sources"]), split) for r in rows]


def load_label_sets(path: str | Path | None = None) -> list[Label]:
    """The given file alone, or by default the development and the held-out sets (each as its own split)."""
    if path is not None:
        return load_labels(path, "")
    return [label for split, file in LABEL_SETS.items() if file.exists() for label in load_labels(file, split)]


def report(path: str | None = None, settings: Settings = DEFAULT, details: bool = False) -> int:
    labels = load_label_sets(path)
    clusters = parse_clusters(labels, settings)
    if details:
        print_disagreements(labels, clusters, _newsfuse_support, settings)
    systems: dict[str, SupportFn] = {"newsfuse": _newsfuse_support, "newsfuse, blend threshold": _blend_support,
                                     "word overlap >= 0.5": word_overlap_support}
    print(f"{len(labels)} labelled sentences in {len(clusters)} clusters; scored: citations of other articles")
    print("| system | set | sentences | citations (gold) | precision | recall | F1 | s/cluster |")
    print("|---|---|---|---|---|---|---|---|")
    for name, fn in systems.items():
        for subset, counts, seconds in score(labels, clusters, fn, settings):
            print(_row(name, subset, counts, seconds))
    if path is None:
        for subset, counts in leave_one_cluster_out(labels, clusters, settings):
            print(_row("newsfuse, leave-one-cluster-out", subset, counts, None))
        if SECOND_LABELS.exists():
            print(_row("second labeller", "dev + fresh (85)", agreement(labels, load_labels(SECOND_LABELS, "")), None))
        print()
        print("\n".join(operating_points(labels, clusters, settings)))
    return 0


def _row(name: str, subset: str, counts: Sequence[int], seconds: float | None) -> str:
    tp, fp, fn, n = counts
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    timing = "" if seconds is None else f"{seconds:.3f}"
    return f"| {name} | {subset} | {n} | {tp + fn} | {p:.3f} | {r:.3f} | {f:.3f} | {timing} |"


def agreement(first: Sequence[Label], second: Sequence[Label]) -> tuple[int, int, int, int]:
    """(tp, fp, fn, sentences) of the second labelling against the first, on the sentences both label:
    the ceiling any system can be measured to by one labeller's judgement."""
    reference = {(lb.cluster, _norm(lb.text)): lb for lb in first}
    tp = fp = fn = n = 0
    for lb in second:
        ref = reference.get((lb.cluster, _norm(lb.text)))
        if ref is None:
            continue
        mine, theirs = set(lb.sources) - {lb.article}, set(ref.sources) - {ref.article}
        tp, fp, fn, n = tp + len(mine & theirs), fp + len(mine - theirs), fn + len(theirs - mine), n + 1
    return tp, fp, fn, n


def print_disagreements(labels: Sequence[Label], clusters: Mapping[tuple[str, str], list[ArticleAnalysis]],
                        support_fn: SupportFn, settings: Settings) -> None:
    """One line per citation where the system and the label disagree (what an audit reads first)."""
    print("| set | cluster | article | sentence | gold only (missed) | system only (extra) |")
    print("|---|---|---|---|---|---|")
    for key, members in clusters.items():
        support = support_fn(members, settings)
        for label in labels_of(labels, key):
            own = _full_id(members, label.article)
            predicted = set(support.get(find_sentence(members, label), ())) - {own}
            gold = {_full_id(members, s) for s in label.sources} - {own}
            if predicted != gold:
                missed, extra = (" ".join(sorted(_short(x) for x in ids)) for ids in (gold - predicted,
                                                                                       predicted - gold))
                print(f"| {_set_name(label)} | {label.cluster} | {label.article} | {label.text[:90]} "
                      f"| {missed} | {extra} |")


def _short(article_id: str) -> str:
    return article_id.split("_")[0]


def _newsfuse_support(members: Sequence[ArticleAnalysis], settings: Settings) -> Mapping[str, tuple[str, ...]]:
    from ..align.support import sentence_support

    return sentence_support(members, settings)


def _blend_support(members: Sequence[ArticleAnalysis], settings: Settings) -> Mapping[str, tuple[str, ...]]:
    """newsfuse without the learned decision: one threshold on the hand-weighted blend (the ablation)."""
    return _newsfuse_support(members, settings.with_(support_learned=False))


def word_overlap_support(members: Sequence[ArticleAnalysis], settings: Settings) -> dict[str, tuple[str, ...]]:
    """The starting rule: an article supports a sentence if one of its sentences has half its words."""
    def words(text: str) -> set[str]:
        return {w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)} - _OVERLAP_STOP

    bags = {a.article.id: [words(s.text) for s in a.sentences] for a in members}
    out: dict[str, tuple[str, ...]] = {}
    for a in members:
        for s in a.sentences:
            w = words(s.text)
            others = [o for o, ob in bags.items() if o != a.article.id and w and
                      max((len(w & b) / len(w) for b in ob), default=0.0) >= 0.5]
            out[s.key] = (a.article.id, *others)
    return out


_OVERLAP_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is was were are be been has had have it its this that "
    "he she they his her their who which said says would could may might not no".split()
)


def score(labels: Sequence[Label], clusters: Mapping[tuple[str, str], list[ArticleAnalysis]],
          support_fn: SupportFn, settings: Settings):  # type: ignore[no-untyped-def]
    """Yield (subset, (tp, fp, fn, sentences), seconds per cluster) per data set and overall."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    seconds = 0.0
    for key, members in clusters.items():
        cluster_labels = labels_of(labels, key)
        sentence_keys = [find_sentence(members, label) for label in cluster_labels]
        start = time.perf_counter()  # the finder and every labelled sentence's citations (Support is lazy)
        support = support_fn(members, settings)
        compute = getattr(support, "compute", None)
        if compute is not None:
            compute(sentence_keys)
        cited = [support.get(k, ()) for k in sentence_keys]
        seconds += time.perf_counter() - start
        for label, sources in zip(cluster_labels, cited):
            own = _full_id(members, label.article)
            predicted = set(sources) - {own}
            gold = {_full_id(members, s) for s in label.sources} - {own}
            for subset in (_set_name(label), f"{label.split} all".strip()):
                c = counts[subset]
                c[0] += len(predicted & gold)
                c[1] += len(predicted - gold)
                c[2] += len(gold - predicted)
                c[3] += 1
    per_cluster = seconds / max(1, len(clusters))
    for subset in sorted(counts, key=lambda s: (s.startswith("held-out"), s.endswith("all"), s)):
        yield subset, tuple(counts[subset]), per_cluster


def labels_of(labels: Sequence[Label], cluster: tuple[str, str]) -> list[Label]:
    """The labels of one (dataset, cluster)."""
    return [lb for lb in labels if (lb.dataset, lb.cluster) == cluster]


def _set_name(label: Label) -> str:
    """"held-out duc2003", "dev seeds", or just "seeds" for a label file given by hand."""
    return f"{label.split} {_subset(label.dataset)}".strip()


def _subset(dataset: str) -> str:
    return dataset.split(".")[0].split("-")[0]


def _full_id(members: Sequence[ArticleAnalysis], short: str) -> str:
    """Labels name articles by id or id prefix (the seeds: "000" for "000_d52296423ec0e441")."""
    for a in members:
        if a.article.id == short or a.article.id.startswith(short + "_"):
            return a.article.id
    raise NewsfuseError(f"labelled article {short} not in its cluster")


def find_sentence(members: Sequence[ArticleAnalysis], label: Label) -> str:
    """Key of the labelled sentence: the sentence of its article that contains the text (datelines aside)."""
    own = _full_id(members, label.article)
    target = _norm(label.text)
    analysis = next(a for a in members if a.article.id == own)
    for s in analysis.sentences:
        if target in _norm(s.text) or _norm(s.text) in target:
            return s.key
    raise NewsfuseError(f"labelled sentence not found in {label.cluster}/{label.article}: {label.text[:60]}")


def _norm(text: str) -> str:
    """Lower case, single spaces, no quotation mark at either end (a label keeps a mark the sentence split
    now gives to the quote it opens)."""
    return " ".join(text.split()).lower().strip(' "“”')


def parse_clusters(labels: Sequence[Label], settings: Settings) -> dict[tuple[str, str], list[ArticleAnalysis]]:
    """Parse every labelled cluster once, from the benchmark files (or the seeds)."""
    from ..analyse import analyse_many

    wanted: dict[str, set[str]] = defaultdict(set)
    for label in labels:
        wanted[label.dataset].add(label.cluster)
    out: dict[tuple[str, str], list[ArticleAnalysis]] = {}
    for dataset, ids in wanted.items():
        for cluster_id, articles in _articles(dataset, ids, labels):
            out[(dataset, cluster_id)] = analyse_many(articles, settings)
    return out


def _articles(dataset: str, ids: set[str], labels: Sequence[Label]):  # type: ignore[no-untyped-def]
    if dataset == "seeds":
        yield from _seed_articles(ids, labels)
        return
    from .data import default_data_path, load_clusters
    from .summary import cluster_articles

    for cluster in load_clusters(default_data_path(dataset)):
        if cluster.id in ids:
            yield cluster.id, [a for a in cluster_articles(cluster) if a.paragraphs]


def _seed_articles(ids: set[str], labels: Sequence[Label]):  # type: ignore[no-untyped-def]
    """The seed story: the seed articles that its labels name."""
    from ..pipeline import load_articles

    root = Path(__file__).resolve().parents[3]
    for folder in (root.parent / "shared" / "seeds", root / "tests" / "fixtures" / "seeds"):
        paths = sorted(folder.glob("*.txt"))
        if paths:
            break
    else:
        raise NewsfuseError("seed articles not found")
    articles, _ = load_articles(paths)
    for cluster_id in ids:
        named = {s for lb in labels if lb.cluster == cluster_id for s in lb.sources}
        members: list[Article] = [a for a in articles if a.id.split("_")[0] in named]
        yield cluster_id, members


def labelled_pairs(labels: Sequence[Label], clusters: Mapping[tuple[str, str], list[ArticleAnalysis]],
                   settings: Settings) -> tuple[list, list[bool], list[str]]:  # type: ignore[type-arg]
    """(features, supports?, cluster) for every labelled sentence and every other article of its cluster."""
    from ..align.support import Support

    x, y, groups = [], [], []
    for key, members in clusters.items():
        mine = labels_of(labels, key)
        keys = [find_sentence(members, lb) for lb in mine]
        features = Support(members, settings).article_features(keys)
        for label, sentence_key in zip(mine, keys):
            gold = {_full_id(members, s) for s in label.sources}
            for article, vector in features[sentence_key].items():
                x.append(vector)
                y.append(article in gold)
                groups.append(label.cluster)
    return x, y, groups


def leave_one_cluster_out(labels: Sequence[Label], clusters: Mapping[tuple[str, str], list[ArticleAnalysis]],
                          settings: Settings) -> list[tuple[str, tuple[int, int, int, int]]]:
    """(set, counts) per fitting set and overall: each cluster scored by a model fitted without it."""
    fitting = [lb for lb in labels if lb.split in FIT_SETS]
    probability, truth, groups = loco_probabilities(fitting, clusters, settings)
    if not len(truth):
        return []
    predicted = probability >= settings.support_probability
    split_of = {lb.cluster: lb.split for lb in fitting}
    sentences: dict[str, int] = defaultdict(int)
    for lb in fitting:
        sentences[lb.split] += 1
    out = []
    for subset in (*FIT_SETS, None):
        mask = np.array([subset is None or split_of[g] == subset for g in groups])
        counts = (*_confusion(predicted[mask], truth[mask]), sentences[subset] if subset else len(fitting))
        out.append((f"{subset or ' + '.join(FIT_SETS)}", counts))
    return out


def loco_probabilities(fitting: Sequence[Label], clusters: Mapping[tuple[str, str], list[ArticleAnalysis]],
                       settings: Settings) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(probability, supports?, cluster) of every labelled (sentence, other article) pair, each cluster's
    probability from a model fitted without that cluster."""
    from ..align.support_model import fit

    x, y, groups = labelled_pairs(fitting, {k: v for k, v in clusters.items() if labels_of(fitting, k)}, settings)
    probability = np.zeros(len(y))
    for cluster in sorted(set(groups)):
        held = np.array([g == cluster for g in groups])
        model = fit([v for v, h in zip(x, held) if not h], [t for t, h in zip(y, held) if not h])
        probability[held] = model.probability(np.array([v for v, h in zip(x, held) if h]))
    return probability, np.array(y, dtype=bool), groups


def operating_points(labels: Sequence[Label], clusters: Mapping[tuple[str, str], list[ArticleAnalysis]],
                     settings: Settings, thresholds: Sequence[float] = OPERATING_POINTS) -> list[str]:
    """Precision and recall at other probability thresholds (Settings.support_probability): leave-one-
    cluster-out on dev + fresh, and the shipped model on held-out. What a reader trading recall for
    precision would get."""
    from ..align.support_model import load_model

    loco, loco_truth, _ = loco_probabilities([lb for lb in labels if lb.split in FIT_SETS], clusters, settings)
    held_out = [lb for lb in labels if lb.split == "held-out"]
    x, y, _ = labelled_pairs(held_out, {k: v for k, v in clusters.items() if labels_of(held_out, k)}, settings)
    model = load_model()
    held = model.probability(np.array(x)) if model is not None and x else np.zeros(0)
    lines = ["| probability >= | dev + fresh (leave-one-cluster-out) P | R | held-out P | R |", "|---|---|---|---|---|"]
    for threshold in thresholds:
        cells = []
        for probability, truth in ((loco, loco_truth), (held, np.array(y, dtype=bool))):
            tp, fp, fn = _confusion(probability >= threshold, truth)
            cells += [f"{tp / (tp + fp):.3f}" if tp + fp else "-", f"{tp / (tp + fn):.3f}" if tp + fn else "-"]
        lines.append(f"| {threshold:.2f} | " + " | ".join(cells) + " |")
    return [*lines, "", goal_line(loco, loco_truth, held, np.array(y, dtype=bool))]


def goal_threshold(probability: np.ndarray, truth: np.ndarray, precision: float = PRECISION_GOAL) -> float | None:
    """The lowest probability threshold whose citations reach `precision` (so the most recall at that
    precision), or None when no threshold does."""
    for threshold in np.unique(probability):
        tp, fp, _ = _confusion(probability >= threshold, truth)
        if tp and tp / (tp + fp) >= precision:
            return float(threshold)
    return None


def goal_line(loco: np.ndarray, loco_truth: np.ndarray, held: np.ndarray, held_truth: np.ndarray) -> str:
    """Where the goal stands: the threshold at which leave-one-cluster-out precision first reaches
    PRECISION_GOAL, its recall there (RECALL_GOAL wanted), and the held-out precision and recall at that same
    threshold (chosen without looking at held-out)."""
    goal = f"goal: precision >= {PRECISION_GOAL:.2f} at recall >= {RECALL_GOAL:.2f}"
    threshold = goal_threshold(loco, loco_truth)
    if threshold is None:
        return f"{goal}: no threshold reaches that precision leave-one-cluster-out"
    (p_loco, r_loco), (p_held, r_held) = (_precision_recall(probability >= threshold, truth)
                                          for probability, truth in ((loco, loco_truth), (held, held_truth)))
    met = "met" if r_loco >= RECALL_GOAL else "not met"
    return (f"{goal}: {met}; leave-one-cluster-out precision first reaches it at probability >= {threshold:.3f} "
            f"(P / R {p_loco:.3f} / {r_loco:.3f}); held-out at that threshold: {p_held:.3f} / {r_held:.3f}")


def _precision_recall(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    """Precision and recall, each 1.0 when its denominator is empty."""
    tp, fp, fn = _confusion(predicted, truth)
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0


def _confusion(predicted: np.ndarray, truth: np.ndarray) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives)."""
    return int((predicted & truth).sum()), int((predicted & ~truth).sum()), int((~predicted & truth).sum())


def fit_support_model(settings: Settings = DEFAULT) -> int:
    """Fit align.support_model on the fitting sets (dev + fresh), never on held-out; print its
    leave-one-cluster-out scores first."""
    from ..align.support_model import MODEL_PATH, fit, load_model

    labels = [lb for split in FIT_SETS for lb in load_labels(LABEL_SETS[split], split)]
    clusters = parse_clusters(labels, settings)
    for subset, counts in leave_one_cluster_out(labels, clusters, settings):
        print(_row("leave-one-cluster-out", subset, counts, None))
    x, y, groups = labelled_pairs(labels, clusters, settings)
    print(f"{len(y)} labelled (sentence, other article) pairs, {sum(y)} supporting, {len(set(groups))} clusters")
    names = " + ".join(LABEL_SETS[split].name for split in FIT_SETS)
    tmp = MODEL_PATH.with_suffix(".tmp")
    tmp.write_text(fit(x, y).to_json(f"{names}: {len(y)} pairs"), encoding="utf-8")
    tmp.replace(MODEL_PATH)
    load_model.cache_clear()
    print(f"wrote {MODEL_PATH}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m newsfuse.bench.citations [--labels F] [--details] [--fit]`: the scorer, with the
    disagreements; --fit refits the support decision on the dev + fresh labels."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", default=None, help="labelled citations (default: the dev and held-out sets)")
    parser.add_argument("--details", action="store_true", help="list each label/system disagreement first")
    parser.add_argument("--fit", action="store_true", help="refit data/support_model.json on the dev + fresh labels")
    args = parser.parse_args(argv)
    if args.fit:
        return fit_support_model()
    return report(args.labels, details=args.details)


if __name__ == "__main__":
    raise SystemExit(main())
