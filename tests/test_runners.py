"""Corpus scale: the Dask runner gives what the local runner gives; LSH blocking keeps stories together."""

from __future__ import annotations

import json

import pytest

from newsfuse.cli import main
from newsfuse.runners import LocalRunner, make_runner
from newsfuse.runners.corpus import block_stories, expand_inputs, run_corpus


def square(x: int) -> int:
    return x * x


def test_dask_runner_maps_in_order():
    pytest.importorskip("dask")
    assert make_runner("dask-threads", 2).map(square, list(range(20))) == [x * x for x in range(20)]
    assert make_runner("dask", 2).map(square, [3, 1, 2]) == [9, 1, 4]


def test_expand_inputs_walks_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "sub/a.html", "sub/skip.png"):
        (tmp_path / name).write_text("x")
    assert expand_inputs([str(tmp_path)]) == [str(tmp_path / "b.txt"), str(tmp_path / "sub" / "a.html")]


def test_blocking_keeps_seed_story_together(seed_articles):
    articles = list(seed_articles.values())
    components = block_stories(articles)
    main_story = {articles.index(seed_articles[k]) for k in ("000", "002", "003")}
    assert any(main_story <= set(c) for c in components)


def test_corpus_local_and_dask_agree(seeds, tmp_path):
    pytest.importorskip("dask")
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    inputs = [str(p) for p in seeds] + [str(bad)]
    local = list(run_corpus(inputs, runner=LocalRunner()))
    dask = list(run_corpus(inputs, runner=make_runner("dask-threads", 2)))
    assert local == dask
    stories = [r for r in local if "error" not in r]
    assert sorted(len(s["articles"]) for s in stories) == [1, 3]
    assert [r["error"]["path"] for r in local if "error" in r] == [str(bad)]


def test_cli_corpus_writes_jsonl(seeds, tmp_path, capsys):
    out = tmp_path / "stories.jsonl"
    assert main(["corpus", str(seeds[0].parent), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {len(r["articles"]) for r in rows} == {1, 3}
    assert all(r["summary"] for r in rows)
    assert "2 stories" in capsys.readouterr().err
