"""`newsfuse bench extract [DIR]`: article-body extraction, newsfuse beside its peers on the same pages.

DIR holds the scrapinghub article-extraction-benchmark layout: html/<id>.html.gz and ground-truth.json with
an `articleBody` per id. Every extractor runs in this one process over the same decoded pages; quality is
the benchmark's own shingle metric (see bench/shingles.py), speed is pages per second of CPU time, so
other work on a shared machine does not skew the comparison (wall-clock pages/s is printed too), and the
extractors take turns page by page, so a busy spell slows all of them alike instead of one.
Each extractor first sees one page untimed, so one-off model and cache loading is not counted here; the
whole-process table after it counts them (start-up included, see bench/processes.py).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .shingles import Scores, scores, shingle_match

DEFAULT_DIR = Path("..") / "shared" / "data" / "article-extraction-benchmark"
Extractor = Callable[[str], str]
WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
    + "<p>This page has no date, no author and no structured data, so every fallback path is loaded once.</p>" * 5
    + "</article></body></html>"
)


@dataclass(frozen=True)
class Page:
    id: str
    html: str
    truth: str


@dataclass(frozen=True)
class Result:
    name: str
    scores: Scores
    pages_per_s: float  # CPU time
    wall_pages_per_s: float
    errors: int


def load_pages(folder: Path, limit: int | None = None) -> list[Page]:
    """Pages and their true article bodies, in id order, as the benchmark's own scripts read them."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        path = folder / "html" / f"{page_id}.html.gz"
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as handle:
            pages.append(Page(page_id, handle.read(), truth[page_id].get("articleBody") or ""))
    return pages


# ------------------------------------------------------------------------------------------ extractors
def _newsfuse(precision: bool = False) -> Extractor:
    from ..extraction.html import extract_html
    from ..settings import Settings

    settings = Settings(favor_precision=precision)
    return lambda html: extract_html("bench", html, settings).text


def _trafilatura(precision: bool) -> Extractor:
    import trafilatura

    return lambda html: trafilatura.extract(html, include_comments=False, favor_precision=precision) or ""


def _readability() -> Extractor:
    from readability import Document

    try:
        import html_text

        to_text: Callable[[str], str] = html_text.extract_text
    except ImportError:  # the benchmark uses html_text; lxml's text_content is the closest stand-in

        def to_text(fragment: str) -> str:
            import lxml.html

            return lxml.html.fromstring(fragment).text_content() if fragment.strip() else ""

    return lambda html: to_text(Document(html).summary(html_partial=True))


def _resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html: extract_plain_text(html, main_content=True)


PEERS: dict[str, Callable[[], Extractor]] = {
    "newsfuse": _newsfuse,
    "trafilatura": lambda: _trafilatura(False),
    "trafilatura (precision)": lambda: _trafilatura(True),
    "readability-lxml": _readability,
    "resiliparse": _resiliparse,
}


# ------------------------------------------------------------------------------------------------ run
def _warm_up(extract: Extractor, page: Page) -> None:
    """Untimed calls: lazy imports and model loading are not counted."""
    for html in (WARM_UP_PAGE, page.html):
        try:
            extract(html)
        except Exception:  # noqa: BLE001 - a peer's failure is reported in its row, never fatal
            pass


def run_all(extractors: dict[str, Extractor], pages: list[Page]) -> list[Result]:
    """Score and time every extractor, interleaved page by page so that load from other work on a shared
    machine falls on all of them alike; a page an extractor fails on counts as an empty prediction."""
    for extract in extractors.values():
        _warm_up(extract, pages[0])
    cpu = dict.fromkeys(extractors, 0.0)
    wall = dict.fromkeys(extractors, 0.0)
    errors = dict.fromkeys(extractors, 0)
    outputs: dict[str, list[str]] = {name: [] for name in extractors}
    for page in pages:
        for name, extract in extractors.items():
            c, w = time.process_time(), time.perf_counter()
            try:
                text = extract(page.html) or ""
            except Exception:  # noqa: BLE001
                text = ""
                errors[name] += 1
            cpu[name] += time.process_time() - c
            wall[name] += time.perf_counter() - w
            outputs[name].append(text)
    results = []
    for name in extractors:
        matches = [shingle_match(page.truth, text) for page, text in zip(pages, outputs[name])]
        n = len(pages)
        results.append(Result(name, scores(matches), n / max(cpu[name], 1e-9), n / max(wall[name], 1e-9), errors[name]))
    return results


def run_one(name: str, extract: Extractor, pages: list[Page]) -> Result:
    """One extractor alone (see run_all)."""
    return run_all({name: extract}, pages)[0]


def run(folder: Path, limit: int | None = None, names: list[str] | None = None) -> tuple[list[Result], list[str]]:
    """Every available extractor on the same pages; the notes say which peers were skipped and why."""
    pages = load_pages(folder, limit)
    if not pages:
        raise SystemExit(f"newsfuse: error: no pages in {folder}")
    extractors: dict[str, Extractor] = {}
    notes = []
    for name, factory in PEERS.items():
        if names and name not in names:
            continue
        try:
            extractors[name] = factory()
        except ImportError as error:
            notes.append(f"{name}: skipped, not installed ({error.name or error})")
    return run_all(extractors, pages), notes


def format_table(results: list[Result], pages: int) -> str:
    """One row per extractor; speed also as a multiple of trafilatura's (default settings)."""
    base = next((r.pages_per_s for r in results if r.name == "trafilatura"), None)
    lines = [
        f"{pages} pages",
        f"{'extractor':<26}{'precision':>10}{'recall':>9}{'F1':>8}{'pages/s':>10}{'wall p/s':>10}"
        f"{'x traf.':>9}{'errors':>8}",
    ]
    for r in results:
        ratio = f"{r.pages_per_s / base:.2f}" if base else "-"
        lines.append(
            f"{r.name:<26}{r.scores.precision:>10.3f}{r.scores.recall:>9.3f}{r.scores.f1:>8.3f}"
            f"{r.pages_per_s:>10.1f}{r.wall_pages_per_s:>10.1f}{ratio:>9}{r.errors:>8}"
        )
    return "\n".join(lines)


def _command(args: argparse.Namespace) -> int:
    if args.dataset == "wcxb":
        from . import wcxb

        folder = Path(args.dir) if args.dir else wcxb.DEFAULT_DIR
        process_pages = 100 if args.process_pages is None else args.process_pages
        return wcxb.command(folder, args.limit, args.only, args.type, args.fresh, process_pages,
                            args.per_page, args.process_repeats)
    folder = Path(args.dir) if args.dir else DEFAULT_DIR
    if not (folder / "ground-truth.json").exists():
        print(f"newsfuse: error: {folder} has no ground-truth.json (give the benchmark folder as DIR)")
        return 1
    results, notes = run(folder, args.limit, args.only)
    print(format_table(results, min(args.limit or 10**9, len(json.loads((folder / "ground-truth.json").read_text())))))
    if args.process_pages != 0:
        print(process_speed_table(load_pages(folder, args.process_pages or args.limit), args.per_page,
                                  args.process_repeats))
    for note in notes:
        print(note)
    return 0


def process_speed_table(pages: list[Page], per_page: int, repeats: int) -> str:
    """Whole-process speed of newsfuse and trafilatura over the same page files (see bench/processes.py)."""
    import tempfile

    from .processes import format_table as format_processes
    from .processes import measure, write_files

    with tempfile.TemporaryDirectory() as tmp:
        files = write_files([(p.id, p.html) for p in pages], Path(tmp) / "pages")
        return format_processes(measure(files, Path(tmp), repeats, per_page), repeats)


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "extract", help="article-body extraction: newsfuse vs trafilatura, readability, resiliparse")
    parser.add_argument("dir", nargs="?", metavar="DIR", help=f"benchmark folder (default {DEFAULT_DIR})")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N pages")
    parser.add_argument("--only", action="append", metavar="NAME",
                        help="run only this extractor (repeatable; wcxb also has 'htmldate' for dates)")
    parser.add_argument("--dataset", choices=["aeb", "wcxb"], default="aeb",
                        help="aeb: article-extraction-benchmark (default); wcxb: WCXB dev pages by page type")
    parser.add_argument("--type", action="append", metavar="TYPE", help="wcxb: only this page type (repeatable)")
    parser.add_argument("--fresh", action="store_true", help="wcxb: rerun the peers instead of reading bench/out/")
    parser.add_argument("--process-pages", type=int, default=None, metavar="N",
                        help="whole-process speed over N pages (0 to skip; default: aeb all pages, wcxb 100)")
    parser.add_argument("--per-page", type=int, default=20, metavar="N",
                        help="whole-process speed with one process per page, over N pages (0 to skip; 20)")
    parser.add_argument("--process-repeats", type=int, default=3, metavar="N",
                        help="runs of each whole-process measurement; the median is printed (3)")
    parser.set_defaults(handler=_command)
