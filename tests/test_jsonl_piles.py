""".jsonl(.gz) piles (one article a line) read by `brief` with the reader `stories` and `corpus` use."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from newsfuse.ingest import read_jsonl
from newsfuse.models import InputError, Source
from newsfuse.pipeline import load_articles
from newsfuse.runners.stories import run_stories
from newsfuse.settings import DEFAULT

LEXICAL = DEFAULT.with_(story_embeddings=False)


def write_pile(path: Path, seeds: list[Path], bad_after: int = 1) -> None:
    """The seeds as JSON lines (plain text), with a broken line and a line without text after the second."""
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for k, seed in enumerate(seeds):
            handle.write(json.dumps({"id": seed.stem, "text": seed.read_text(encoding="utf-8")}) + "\n")
            if k == bad_after:
                handle.write('{"id": "broken", "text": "cut off\n')
                handle.write(json.dumps({"id": "no-body", "title": "A headline alone"}) + "\n")


def test_brief_reads_a_jsonl_pile_like_the_files_and_reports_bad_lines(tmp_path, seeds, seed_brief):
    from newsfuse.render import to_json

    pile = tmp_path / "pile.jsonl.gz"
    write_pile(pile, seeds)
    cli = [sys.executable, "-m", "newsfuse.cli", "brief", "-f", "json"]
    from_pile = subprocess.run([*cli, str(pile), "-o", str(tmp_path / "pile.json")], capture_output=True, text=True,
                               timeout=300)
    assert from_pile.returncode == 1  # bad lines were skipped: documented exit status 1
    assert "Traceback" not in from_pile.stderr
    pile_brief = json.loads((tmp_path / "pile.json").read_text(encoding="utf-8"))
    file_brief = json.loads(to_json(seed_brief))  # the seed files briefed as files
    assert [e["path"] for e in pile_brief["errors"]] == [f"{pile}:3", f"{pile}:4"]
    assert "bad JSON line" in pile_brief["errors"][0]["message"]
    assert "no 'text' or 'html'" in pile_brief["errors"][1]["message"]

    def members(brief: dict) -> list[list[str]]:  # type: ignore[type-arg]
        return [sorted(a["id"] if isinstance(a, dict) else a for a in story["articles"]) for story in brief["stories"]]

    assert members(pile_brief) == members(file_brief)  # one grouping whichever way the articles came


def test_a_line_gives_its_title_date_and_outlet(tmp_path):
    pile = tmp_path / "one.jsonl"
    text = ("Floods forced 300 families from their homes in Carlisle after the River Eden burst its banks.\n\n"
            "The Environment Agency issued six severe flood warnings for Cumbria on Saturday night.")
    pile.write_text(json.dumps({"id": "flood", "text": text, "title": "Carlisle floods", "date": "2015-12-05",
                                "outlet": "Cumbria Daily", "url": "https://example.org/flood"}) + "\n", "utf-8")
    [source] = list(read_jsonl(str(pile)))
    assert isinstance(source, Source) and source.path == f"{pile}:1"
    [article], errors = load_articles([str(pile)], LEXICAL)
    assert not errors
    assert (article.id, article.title, article.date, article.outlet) == ("flood", "Carlisle floods", "2015-12-05",
                                                                        "Cumbria Daily")
    assert article.paragraphs[0].startswith("Floods forced 300 families")


def test_a_pile_past_one_inputs_limit_is_read_line_by_line(tmp_path, seeds):
    """The byte limit bounds each line, not the pile: a pile of many articles is not one oversized input."""
    pile = tmp_path / "pile.jsonl"
    lines = [json.dumps({"id": s.stem, "text": s.read_text(encoding="utf-8")}) for s in seeds]
    pile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    longest = max(len(line) for line in lines)
    settings = LEXICAL.with_(max_input_bytes=longest + 10)
    assert pile.stat().st_size > settings.max_input_bytes
    articles, errors = load_articles([str(pile)], settings)
    assert [a.id for a in articles] == [s.stem for s in seeds] and not errors
    small = LEXICAL.with_(max_input_bytes=min(len(line) for line in lines) + 10)
    read = list(read_jsonl(str(pile), small))
    assert any(isinstance(r, InputError) and "byte limit" in r.message for r in read)
    assert any(isinstance(r, Source) for r in read)


def test_stories_and_brief_read_the_same_articles(tmp_path, seeds):
    pile = tmp_path / "pile.jsonl.gz"
    write_pile(pile, seeds)
    briefed, brief_errors = load_articles([str(pile)], LEXICAL)
    run = run_stories([str(pile)], LEXICAL, keep_articles=True)
    assert [(a.id, a.title, a.paragraphs) for a in briefed] == [
        (a.id, a.title, a.paragraphs) for a in run.articles.values()]
    assert [(e.path, e.message) for e in brief_errors] == [(e.path, e.message) for e in run.errors]
