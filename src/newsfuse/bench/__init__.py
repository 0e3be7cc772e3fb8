"""`newsfuse bench ...`: newsfuse beside its peers, same process, same data, one table.

Each benchmark lives in its own module and registers a sub-command here.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

BENCHMARKS = {
    "extract": "newsfuse.bench.extract",
    "summary": "newsfuse.bench.summary",
    "facts": "newsfuse.bench.facts",
    "stories": "newsfuse.bench.stories",
    "plaintext": "newsfuse.bench.plaintext",
    "quotes": "newsfuse.bench.quotes",
    "fuzz": "newsfuse.bench.fuzz",
    "scale": "newsfuse.bench.scale",
    "web": "newsfuse.bench.web",
}


def add_bench_parser(commands: argparse._SubParsersAction,  # type: ignore[type-arg]
                     words: Sequence[str] | None = None) -> None:
    """`bench` and its benchmarks. Given the command line's `words`, only the modules it needs are imported
    (benchmarks import NumPy, httpx, rich...: start-up time of `newsfuse --help`): none without `bench`,
    just the named one with `bench NAME`, all otherwise."""
    bench = commands.add_parser("bench", help="benchmarks: newsfuse beside its peers on the same data")
    kinds = bench.add_subparsers(title="benchmarks", metavar="BENCHMARK")
    for module_name in _needed(words):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        module.add_parser(kinds)


def _needed(words: Sequence[str] | None) -> list[str]:
    """The benchmark modules to import for this command line (see add_bench_parser)."""
    if words is None:
        return list(BENCHMARKS.values())
    words = list(words)
    if "bench" not in words:
        return []
    after = words[words.index("bench") + 1:]
    named = [w for w in after if not w.startswith("-")][:1]
    if named and named[0] in BENCHMARKS and not any(w in ("-h", "--help") for w in after[:after.index(named[0])]):
        return [BENCHMARKS[named[0]]]
    return list(BENCHMARKS.values())
