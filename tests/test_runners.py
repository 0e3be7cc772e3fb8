"""Corpus scale: `brief`, `corpus` and `stories` give one grouping; the stories command's inputs and outputs."""

from __future__ import annotations

import gzip
import json

import pytest

from newsfuse.cli import main
from newsfuse.pipeline import load_articles
from newsfuse.runners import make_runner
from newsfuse.runners.corpus import expand_inputs, run_corpus
from newsfuse.runners.stories import run_stories
from newsfuse.settings import DEFAULT
from newsfuse.stories import group_stories

LEXICAL = DEFAULT.with_(story_embeddings=False)

FLOOD = ("Floods forced 300 families from their homes in Carlisle after the River Eden burst its banks on Saturday. "
         "The Environment Agency issued six severe flood warnings for Cumbria, and residents were evacuated to the "
         "Sands Centre as water rose two metres overnight. Police closed the A595 and the West Coast main line was "
         "shut between Carlisle and Penrith. The mayor said the clean-up would take weeks and asked for volunteers.")
VOTE = ("The Senate passed the budget bill by 51 votes to 49 late on Thursday after a night of debate. Democrats "
        "said the bill would cut health spending for millions; Republicans called it overdue and fiscally sound. "
        "The House is expected to vote on the measure next week, and the President has said he will sign it.")


def square(x: int) -> int:
    return x * x


def partition(run):
    """Each article's story as the set of its story's members: comparable across runs whatever the ids."""
    return {a: frozenset(g.article_ids) for g in run for a in g.article_ids}


def mixed_pile(tmp_path, seeds):
    """Seeds as files, plus a .jsonl.gz pile: two flood reports, a vote, a truncated re-headlined copy of one
    seed under other boilerplate, and a bad line."""
    seed_000 = seeds[0].read_text(encoding="utf-8").split()
    copy = " ".join(seed_000[: int(len(seed_000) * 0.85)]) + "\n\nCopyright 2024 Wire Agency. All rights reserved."
    rows = [{"id": "flood", "text": FLOOD, "title": "Carlisle floods", "date": "2024-01-06", "outlet": "A"},
            {"id": "flood-html", "html": f"<html><body><article><h1>Eden bursts its banks</h1><p>{FLOOD}</p>"
                                         "</article></body></html>", "date": "2024-01-07", "outlet": "B"},
            {"id": "vote", "text": VOTE, "outlet": "C"},
            {"id": "copy-000", "text": copy, "title": "Another headline"}]
    pile = tmp_path / "pile.jsonl.gz"
    with gzip.open(pile, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
        handle.write("{not json\n")
    return [str(p) for p in seeds] + [str(pile)]


def test_brief_and_stories_group_the_seeds_alike(seeds, seed_brief):
    run = run_stories([str(p) for p in seeds])
    assert [(g.id, g.article_ids, g.related) for g in run.grouping.groups] == \
        [(s.id, s.articles, s.related) for s in seed_brief.stories]


def test_one_grouping_on_a_mixed_pile_whichever_path(seeds, tmp_path):
    inputs = mixed_pile(tmp_path, seeds)
    run = run_stories(inputs, LEXICAL, keep_articles=True)
    assert [e.path.rsplit(":", 1)[-1] for e in run.errors] == ["5"]
    brief_path = group_stories(list(run.articles.values()), LEXICAL)  # what brief_articles groups
    assert partition(run.grouping.groups) == partition(brief_path)
    corpus = [r for r in run_corpus(inputs, LEXICAL) if "error" not in r]
    assert {a: frozenset(r["article_ids"]) for r in corpus for a in r["article_ids"]} == partition(brief_path)
    story = partition(brief_path)
    assert story["flood"] == {"flood", "flood-html"} and story["vote"] == {"vote"}
    assert "copy-000" in story[seeds[0].stem]  # the copy joins its original's story
    # same text: the earlier dated is the original; an undated cut copy: the longer is the original
    assert run.grouping.duplicate_of == {"copy-000": seeds[0].stem, "flood-html": "flood"}
    files, _ = load_articles([str(p) for p in seeds], LEXICAL)
    assert partition(group_stories(files, LEXICAL)) == partition(run_stories([str(p) for p in seeds], LEXICAL).grouping.groups)


def test_stories_command_writes_assignments_and_stories(seeds, tmp_path, capsys):
    inputs = mixed_pile(tmp_path, seeds)
    out = tmp_path / "out"
    assert main(["stories", *inputs, "--out", str(out), "--no-embeddings"]) == 1  # one bad line: reported, skipped
    assert "pile.jsonl.gz:5: bad JSON line" in capsys.readouterr().err
    assignments = [json.loads(line) for line in (out / "assignments.jsonl").read_text().splitlines()]
    stories = {row["id"]: row for row in map(json.loads, (out / "stories.jsonl").read_text().splitlines())}
    assert len(assignments) == 8 and {a["id"] for a in assignments} >= {"flood", "vote", "copy-000"}
    by_id = {a["id"]: a for a in assignments}
    assert by_id["copy-000"]["duplicate_of"] == seeds[0].stem and by_id["flood"]["duplicate_of"] is None
    assert by_id["flood-html"]["duplicate_of"] == "flood"
    flood = stories[by_id["flood"]["story"]]
    assert flood["articles"] == ["flood", "flood-html"] and flood["outlets"] == ["A", "B"]
    assert flood["headline"] == "Carlisle floods" and flood["dates"] == ["2024-01-06", "2024-01-07"]
    main_story = stories[by_id[seeds[0].stem]["story"]]
    assert by_id["004_a865e2925cec1945"]["story"] in main_story["related"]


def test_stories_strict_stops_at_the_first_bad_input_and_writes_nothing(seeds, tmp_path, capsys):
    """--strict means the same for stories as for brief, extract and corpus: the bad line is fatal."""
    inputs = mixed_pile(tmp_path, seeds)
    out = tmp_path / "out"
    assert main(["stories", *inputs, "--out", str(out), "--no-embeddings", "--strict"]) == 1
    assert "pile.jsonl.gz:5: bad JSON line" in capsys.readouterr().err
    assert not (out / "assignments.jsonl").exists()


def test_corpus_briefs_only_on_request(seeds, tmp_path):
    out = tmp_path / "stories.jsonl"
    assert main(["corpus", str(seeds[0].parent), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(len(r["articles"]) for r in rows) == [1, 3] and not any("brief" in r for r in rows)
    assert main(["corpus", str(seeds[0].parent), "-o", str(out), "--briefs"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert all(r["brief"]["summary"] for r in rows)


def test_unknown_scheduler_is_one_line_error(seeds, capsys):
    assert main(["stories", str(seeds[0]), "--scheduler", "nowhere"]) == 1
    assert "unknown scheduler 'nowhere'" in capsys.readouterr().err


def test_dask_runner_maps_in_order():
    pytest.importorskip("dask")
    assert make_runner("dask-threads", 2).map(square, list(range(20))) == [x * x for x in range(20)]


def test_expand_inputs_walks_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "sub/a.html", "sub/c.jsonl", "sub/skip.png"):
        (tmp_path / name).write_text("x")
    assert expand_inputs([str(tmp_path)]) == [str(tmp_path / n) for n in ("b.txt", "sub/a.html", "sub/c.jsonl")]
