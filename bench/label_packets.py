"""Write citation-labelling packets: for each chosen cluster, newsfuse's summary sentences and every
article's sentences, numbered, without the system's citations (labellers work blind).

    python bench/label_packets.py OUT_DIR DATASET:CLUSTER_ID ...
    python bench/label_packets.py OUT_DIR --from-labels LABELS.jsonl CLUSTER_ID ...

One text file per cluster. --from-labels writes packets of already-labelled sentences instead (a second,
independent labelling of them measures how far two labellers agree). A labeller reads each summary sentence,
checks every other article against the criterion (newsfuse.bench.citations) and writes one JSON line per sentence:
{"dataset", "cluster", "article", "text", "sources", "why"}.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsfuse.align.support import sentence_support
from newsfuse.analyse import analyse_many
from newsfuse.bench.citations import __doc__ as CRITERION_DOC
from newsfuse.bench.citations import load_labels
from newsfuse.bench.data import default_data_path, load_clusters
from newsfuse.bench.summary import cluster_articles
from newsfuse.settings import DEFAULT
from newsfuse.summarize import summarize

SENTENCES_PER_CLUSTER = 5


def packet(dataset: str, cluster_id: str, given: list[tuple[str, str]] | None = None) -> str:
    """The packet of one cluster: newsfuse's summary sentences, or the `given` (article, text) pairs."""
    cluster = next(c for c in load_clusters(default_data_path(dataset)) if c.id == cluster_id)
    members = analyse_many([a for a in cluster_articles(cluster) if a.paragraphs], DEFAULT)
    if given is None:
        words = 100 if dataset.startswith("duc") else 250
        support = sentence_support(members, DEFAULT)
        chosen = summarize(members, support, DEFAULT.with_(summary_words=words))[:SENTENCES_PER_CLUSTER]
        given = [(s.sources[0], s.text) for s in chosen]
    lines = [f"# dataset: {dataset}", f"# cluster: {cluster_id}", "", "## Summary sentences to label", ""]
    for i, (article, text) in enumerate(given, 1):
        lines.append(f"S{i} [article {article}]: {text}")
    for analysis in members:
        lines += ["", f"## Article {analysis.article.id}", ""]
        lines += [f"{analysis.article.id}.{k}: {s.text}" for k, s in enumerate(analysis.sentences)]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    (out / "CRITERION.txt").write_text(CRITERION_DOC or "", encoding="utf-8")
    if argv[1:2] == ["--from-labels"]:
        labels = load_labels(argv[2], "")
        for cluster_id in argv[3:]:
            mine = [lb for lb in labels if lb.cluster == cluster_id]
            text = packet(mine[0].dataset, cluster_id, [(lb.article, lb.text) for lb in mine])
            (out / f"{cluster_id}.txt").write_text(text, encoding="utf-8")
            print(cluster_id)
        return 0
    for spec in argv[1:]:
        dataset, cluster_id = spec.split(":", 1)
        (out / f"{cluster_id}.txt").write_text(packet(dataset, cluster_id), encoding="utf-8")
        print(cluster_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
