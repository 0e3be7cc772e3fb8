"""`newsfuse bench scale`: CPU time and peak memory of one input as it grows (10 KB ... 10 MB, plain text and
HTML), each run in a fresh process, and the fitted growth exponent (the log-log slope: 1 is linear, 2
quadratic, below 1 means the per-input bounds cut the work off).

Each size runs `newsfuse extract` and `newsfuse brief` on an ordinary article of that size
(bench.hostile.article_text / article_html), beside trafilatura's extraction of the same HTML. CPU seconds
(user + system, from wait4) are the measure: unlike wall time they do not depend on how busy the machine is.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

from .fuzz import _spawn, _wait
from .hostile import article_html, article_text

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
TRAFILATURA = "import sys, trafilatura; trafilatura.extract(open(sys.argv[1], encoding='utf-8').read())"


def add_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = kinds.add_parser("scale", help="CPU time and peak memory from 10 KB to 10 MB, and the growth exponent")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), metavar="BYTES")
    parser.add_argument("--kinds", nargs="+", default=["text", "html"], choices=["text", "html"])
    parser.add_argument("--commands", nargs="+", default=["extract", "brief", "trafilatura"],
                        choices=["extract", "brief", "trafilatura"])
    parser.add_argument("--cpu-seconds", type=int, default=600, help="CPU limit per run (600)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    rows: list[tuple[str, str, int, float, float, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="newsfuse-scale-") as tmp:
        for kind in args.kinds:
            for size in args.sizes:
                path = Path(tmp) / f"{kind}-{size}.{'html' if kind == 'html' else 'txt'}"
                path.write_text(article_html(size) if kind == "html" else article_text(size), encoding="utf-8")
                for command in args.commands:
                    if command == "trafilatura" and kind != "html":
                        continue
                    argv = ([sys.executable, "-c", TRAFILATURA, str(path)] if command == "trafilatura"
                            else [sys.executable, "-m", "newsfuse.cli", command, str(path), "-o", f"{path}.out"])
                    cpu, wall, peak, status = measure(argv, args.cpu_seconds)
                    rows.append((kind, command, size, cpu, wall, peak, status))
                    print(f"{kind:<5} {command:<12} {path.stat().st_size:>11,} B  {cpu:7.1f} CPU s  {wall:7.1f} s  "
                          f"{peak:7.0f} MB  exit {status}", flush=True)
    print_table(rows)
    return 0


def measure(argv: list[str], cpu_seconds: int) -> tuple[float, float, float, int]:
    """(CPU seconds, wall seconds, peak RSS in MB, exit status) of one fresh process."""
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        pid = _spawn(argv, err.fileno(), cpu_seconds, 16_000)
        status, usage = _wait(pid, start + cpu_seconds * 10)
    wall = time.monotonic() - start
    cpu = usage.ru_utime + usage.ru_stime if usage else float("nan")
    return cpu, wall, (usage.ru_maxrss / 1024 if usage else float("nan")), -1 if status is None else status


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(y) on log(x)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(max(y, 1e-3)) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var if var else float("nan")


def print_table(rows: list[tuple[str, str, int, float, float, float, int]]) -> None:
    sizes = sorted({row[2] for row in rows})
    print("\n| input | command | " + " | ".join(f"{s / 1e6:g} MB" for s in sizes)
          + " | CPU exponent | CPU exponent, last two sizes | memory exponent |")
    print("|---|---|" + "---|" * len(sizes) + "---|---|---|")
    for kind in dict.fromkeys(row[0] for row in rows):
        for command in dict.fromkeys(row[1] for row in rows if row[0] == kind):
            mine = {row[2]: row for row in rows if row[0] == kind and row[1] == command}
            cells = [f"{mine[s][3]:.1f} s / {mine[s][5]:.0f} MB" if s in mine else "" for s in sizes]
            cpu = slope([(s, r[3]) for s, r in mine.items()])
            mem = slope([(s, r[5]) for s, r in mine.items()])
            top = slope([(s, mine[s][3]) for s in sorted(mine)[-2:]]) if len(mine) > 1 else float("nan")
            print(f"| {kind} | {command} | " + " | ".join(cells) + f" | {cpu:.2f} | {top:.2f} | {mem:.2f} |")
    print("\ncells: CPU seconds (user+system) / peak RSS of the whole process, start-up included; "
          "exponent: log-log least-squares slope over the sizes (1 = linear); the last two sizes' slope is the growth "
          "where start-up no longer hides it")
