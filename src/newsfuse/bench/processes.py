"""Whole-process speed: each tool as fresh processes over the same page files, start-up included.

Two ways people run an extractor, both measured:
- one process over all the pages (`newsfuse extract *.html`, a script looping over files): start-up is paid
  once, so this is mostly the per-page speed;
- one process per page (a shell loop, a job per file): start-up is paid on every page.

Each tool: `newsfuse extract -f jsonl` (text, title, author, date, language: its whole output);
trafilatura with metadata (text, title, author, date: the same task, htmldate's extensive date search as
newsfuse's) and trafilatura's text alone (`extract()` defaults: less work than newsfuse does).
Fair conditions: every child gets the same environment, with bytecode in a private pycache (a normal install
has bytecode; PYTHONDONTWRITEBYTECODE would make only the package under test recompile each time) and
newsfuse's disk cache (extraction/disk_cache.py) in a private folder; one untimed run of each tool fills both,
as any machine's first run does. Speed is pages per CPU second of the child (user + system), the median of
`repeats` runs, the tools taking turns, so a busy spell on a shared machine falls on all of them alike.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BASELINE = "trafilatura (metadata)"  # the same task as newsfuse's: text and metadata
SCRIPTS = {
    "newsfuse": "import sys; from newsfuse.cli import main; "
                "sys.exit(main(['extract', '-f', 'jsonl', '-o', sys.argv[1]] + sys.argv[2:]))",
    "trafilatura (metadata)": (
        "import json, sys, trafilatura\n"
        "with open(sys.argv[1], 'w') as out:\n"
        "    for path in sys.argv[2:]:\n"
        "        doc = trafilatura.bare_extraction(open(path, encoding='utf-8', errors='replace').read(),\n"
        "                                          include_comments=False, with_metadata=True)\n"
        "        fields = ('text', 'title', 'author', 'date')\n"
        "        out.write(json.dumps({f: getattr(doc, f, None) for f in fields} if doc else {}) + '\\n')"
    ),
    # the least a trafilatura process can do: import it, extract each file's text, write it
    "trafilatura (text only)": (
        "import sys, trafilatura\n"
        "with open(sys.argv[1], 'w') as out:\n"
        "    for path in sys.argv[2:]:\n"
        "        out.write((trafilatura.extract(open(path, encoding='utf-8', errors='replace').read()) or '') + '\\n')"
    ),
}


@dataclass(frozen=True)
class ProcessSpeed:
    name: str
    mode: str  # "one process" or "process per page"
    pages: int
    cpu_s: float  # median CPU seconds of the child processes for all pages
    wall_s: float  # median wall seconds

    @property
    def pages_per_s(self) -> float:
        return self.pages / max(self.cpu_s, 1e-9)

    @property
    def wall_pages_per_s(self) -> float:
        return self.pages / max(self.wall_s, 1e-9)


def child_env(tmp: Path) -> dict[str, str]:
    """The environment every child gets: this checkout's newsfuse first, private bytecode and cache folders."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2]) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    env["NEWSFUSE_CACHE_DIR"] = str(tmp / "newsfuse-cache")
    return env


def _run(script: str, files: list[str], out: Path, env: dict[str, str]) -> tuple[float, float]:
    """CPU (user + system) and wall seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", script, str(out), *files], env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def measure(files: list[Path], tmp: Path, repeats: int = 3, per_page: int = 20,
            names: list[str] | None = None) -> list[ProcessSpeed]:
    """Both modes for every tool: one process over `files`, and one process for each of the first
    `per_page` files (0 skips that mode)."""
    env = child_env(tmp)
    paths = [str(f) for f in files]
    singles = paths[:per_page]
    tools = {name: script for name, script in SCRIPTS.items() if not names or name in names}
    for script in tools.values():  # untimed: bytecode and newsfuse's cache written, as after any first run
        _run(script, paths, tmp / "warm-up.out", env)
    runs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for _ in range(repeats):
        for name, script in tools.items():
            runs.setdefault((name, "one process"), []).append(_run(script, paths, tmp / "all.out", env))
            if singles:
                cpu = wall = 0.0
                for path in singles:
                    c, w = _run(script, [path], tmp / "one.out", env)
                    cpu, wall = cpu + c, wall + w
                runs.setdefault((name, "process per page"), []).append((cpu, wall))
    results = []
    for (name, mode), samples in runs.items():
        pages = len(paths) if mode == "one process" else len(singles)
        results.append(ProcessSpeed(name, mode, pages, statistics.median(c for c, _ in samples),
                                    statistics.median(w for _, w in samples)))
    return results


def format_table(results: list[ProcessSpeed], repeats: int) -> str:
    """One block per mode; x-columns are multiples of trafilatura's pages/s with metadata and text only."""
    lines = [f"whole processes, start-up included (pages per CPU second of the child, median of {repeats} runs)"]
    for mode in dict.fromkeys(r.mode for r in results):
        rows = [r for r in results if r.mode == mode]
        base = {r.name: r.pages_per_s for r in rows}
        lines.append(f"  {mode} ({rows[0].pages} pages)")
        lines.append(f"    {'tool':<26}{'pages/s':>9}{'wall p/s':>10}{'x traf.meta':>13}{'x traf.text':>13}")
        for r in rows:
            ratios = [f"{r.pages_per_s / base[b]:.2f}" if base.get(b) else "-"
                      for b in (BASELINE, "trafilatura (text only)")]
            lines.append(f"    {r.name:<26}{r.pages_per_s:>9.1f}{r.wall_pages_per_s:>10.1f}"
                         f"{ratios[0]:>13}{ratios[1]:>13}")
    return "\n".join(lines)


def write_files(pages: list[tuple[str, str]], folder: Path) -> list[Path]:
    """(id, html) pages as files in `folder`, for the child processes to read."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for page_id, html in pages:
        path = folder / f"{page_id}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(path)
    return paths
