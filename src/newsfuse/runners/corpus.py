"""`newsfuse corpus`: the stories path (runners.stories) with each story's clean articles, briefs on request.

It used to block stories by keyword MinHash and brief every block; now it groups exactly as `brief` and
`stories` do (newsfuse.grouping) and briefs a story only when asked (`--briefs`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..settings import DEFAULT, Settings
from .stories import corpus_records, expand_paths, run_stories


def run_corpus(inputs: Iterable[str], settings: Settings = DEFAULT, scheduler: str = "local",
               briefs: bool = False) -> Iterator[dict[str, Any]]:
    """One JSON-ready record per story (with its articles, and its brief when asked), then one per bad input."""
    run = run_stories(inputs, settings.with_(keep_going=True), scheduler, keep_articles=True)
    return corpus_records(run, settings, briefs)


expand_inputs = expand_paths  # the name earlier versions exported

__all__ = ["expand_inputs", "run_corpus"]
