"""`newsfuse bench ...`: newsfuse beside its peers, same process, same data, one table.

Each benchmark lives in its own module and registers a sub-command here.
"""

from __future__ import annotations

import argparse
import importlib

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


def add_bench_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bench = commands.add_parser("bench", help="benchmarks: newsfuse beside its peers on the same data")
    kinds = bench.add_subparsers(title="benchmarks", metavar="BENCHMARK")
    for module_name in BENCHMARKS.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        module.add_parser(kinds)
