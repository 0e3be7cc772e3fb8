"""`newsfuse bench summary` runs on both data formats and prints every system in one table."""

from __future__ import annotations

import gzip
import json

from newsfuse.cli import main

REFERENCE = ("The Metropolitan Police face legal action over the death of PC Keith Palmer, who was stabbed by "
             "Khalid Masood in the Westminster attack. An inquest found armed officers could have prevented it.")


def _write(path, row):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps(row) + "\n")


def test_bench_summary_both_formats(seeds, tmp_path, capsys):
    texts = [p.read_text(encoding="utf-8") for p in seeds[:3]]
    multinews = tmp_path / "mn.jsonl.gz"
    _write(multinews, {"id": "mn-1", "documents": texts, "summary": REFERENCE})
    duc = tmp_path / "duc.jsonl.gz"
    articles = [{"id": f"A{i}", "outlet": "X", "date": f"2019-01-0{i + 1}", "text": t} for i, t in enumerate(texts)]
    _write(duc, {"id": "duc-1", "articles": articles, "summaries": [REFERENCE, REFERENCE]})
    for path, words in ((multinews, "250"), (duc, "100")):
        assert main(["bench", "summary", str(path), "--limit", "1"]) == 0
        out = capsys.readouterr().out
        assert f"cut at {words} words" in out
        for system in ("newsfuse", "newsfuse (strict)", "Lead", "LexRank", "TextRank", "LSA", "KL-Sum"):
            assert f"| {system} |" in out


def test_bench_citations_on_the_seed_labels(tmp_path, capsys):
    from pathlib import Path

    labels = Path(__file__).resolve().parents[1] / "bench" / "data" / "citations.jsonl"
    seed_rows = [line for line in labels.read_text(encoding="utf-8").splitlines() if '"seeds"' in line]
    assert len(seed_rows) >= 20
    subset = tmp_path / "labels.jsonl"
    subset.write_text("\n".join(seed_rows) + "\n", encoding="utf-8")
    assert main(["bench", "summary", "--citations", "--labels", str(subset)]) == 0
    out = capsys.readouterr().out
    assert "| newsfuse | seeds |" in out and "| word overlap >= 0.5 | seeds |" in out


def test_skip_takes_a_slice_apart_from_the_first_clusters(tmp_path):
    from newsfuse.bench.summary import clusters_slice

    path = tmp_path / "mn.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for i in range(6):
            handle.write(json.dumps({"id": f"mn-{i}", "documents": ["Text."], "summary": REFERENCE}) + "\n")
    assert [c.id for c in clusters_slice(str(path), 2, 3)] == ["mn-2", "mn-3", "mn-4"]
    assert [c.id for c in clusters_slice(str(path), 4)] == ["mn-4", "mn-5"]
    assert [c.id for c in clusters_slice(str(path), 0, 2)] == ["mn-0", "mn-1"]


def test_second_labeller_agreement_counts_only_shared_sentences():
    """Agreement is scored like a system: the second labelling's citations against the first's, on the
    sentences both labelled (own article never counted)."""
    from newsfuse.bench.citations import Label, agreement

    first = [Label("d", "c1", "d0", "A fire  broke out.", ("d0", "d1", "d2")),
             Label("d", "c1", "d1", "Two died.", ("d1",)),
             Label("d", "c2", "d0", "Only here.", ("d0", "d3"))]
    second = [Label("d", "c1", "d0", "a fire broke out.", ("d0", "d1")),
              Label("d", "c1", "d1", "Two died.", ("d1", "d0")),
              Label("d", "c9", "d0", "Unknown sentence.", ("d0", "d5"))]
    assert agreement(first, second) == (1, 1, 1, 2)


def test_label_files_are_well_formed():
    """Every label names its own article first and only articles of the form the scorer resolves."""
    import re
    from pathlib import Path

    from newsfuse.bench.citations import LABEL_SETS, SECOND_LABELS, load_labels

    for path in [*LABEL_SETS.values(), SECOND_LABELS]:
        labels = load_labels(Path(path), "x")
        assert labels, path
        for label in labels:
            assert label.sources[0] == label.article, (path, label.text)
            assert len(set(label.sources)) == len(label.sources)
            assert all(re.fullmatch(r"d\d+|\d{3}", s) for s in label.sources), label.sources
