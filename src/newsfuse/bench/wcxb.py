"""`newsfuse bench extract --dataset wcxb`: main content and metadata on WCXB pages, newsfuse beside its peers.

WCXB (dev split: 1,497 pages, 1,295 sites, seven page types) gives per page the main content, title, author
and publication date. Every extractor is scored per page type and overall with two metrics on the same
outputs: the article-extraction-benchmark's 4-gram shingle F1 (bench/shingles.py) and WCXB's own word-level
F1 (bag of lower-cased `\\w+` words, averaged over pages, as in the set's evaluate.py). Metadata accuracy
is scored on the pages whose truth names that field. Peer outputs are cached under bench/out/wcxb/ (keyed
by peer and page id, with their timing) so a rerun only runs newsfuse; `--fresh` reruns them.
"""

from __future__ import annotations

import gzip
import json
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .shingles import page_f1, scores, shingle_match

DEFAULT_DIR = Path("..") / "shared" / "data" / "wcxb-dev"
CACHE_DIR = Path("bench") / "out" / "wcxb"
WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class WcxbPage:
    id: str
    html: str
    url: str | None
    page_type: str
    domain: str
    truth: str
    title: str | None
    author: str | None
    date: str | None


@dataclass
class Output:
    """What one extractor gave for one page."""

    text: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    seconds: float = 0.0  # CPU seconds
    error: bool = False


@dataclass
class PeerRun:
    name: str
    outputs: dict[str, Output] = field(default_factory=dict)
    cached: bool = False


Extractor = Callable[[str, str | None], Output]  # html, url -> output


def load_wcxb(folder: Path, limit: int | None = None, types: list[str] | None = None) -> list[WcxbPage]:
    """Pages of one WCXB split folder (html/<id>.html.gz, ground-truth/<id>.json, metadata.json)."""
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))["files"]
    pages = []
    for truth_path in sorted((folder / "ground-truth").glob("*.json")):
        page_id = truth_path.stem
        info = meta.get(page_id, {})
        page_type = info.get("page_type", "unknown")
        if types and page_type not in types:
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        gt = truth["ground_truth"]
        with gzip.open(folder / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8", errors="replace") as handle:
            html = handle.read()
        domain = info.get("domain", truth.get("url", ""))
        pages.append(WcxbPage(page_id, html, truth.get("url"), page_type, domain, gt.get("main_content") or "",
                              gt.get("title"), gt.get("author"), gt.get("publish_date")))
        if limit and len(pages) >= limit:
            break
    return pages


# ------------------------------------------------------------------------------------------- metrics
def word_f1(predicted: str, reference: str) -> float:
    """WCXB's word-level F1 (its README's reference implementation)."""
    pred = Counter(WORD_RE.findall(predicted.lower()))
    ref = Counter(WORD_RE.findall(reference.lower()))
    if not ref:
        return 1.0 if not pred else 0.0
    if not pred:
        return 0.0
    overlap = sum((pred & ref).values())
    p = overlap / sum(pred.values())
    r = overlap / sum(ref.values())
    return 2 * p * r / (p + r) if (p + r) > 0 else 0.0


def _words(text: str | None) -> list[str]:
    return WORD_RE.findall(unicodedata.normalize("NFKC", text or "").lower())


def title_ok(pred: str | None, truth: str) -> bool:
    """Same words, or the truth's words make up at least 90% of the prediction's (a ' | Site' tail aside)."""
    p, t = _words(pred), _words(truth)
    if not p or not t:
        return False
    return p == t or (len(t) >= 0.9 * len(p) and sum((Counter(p) & Counter(t)).values()) >= 0.9 * len(t))


def author_ok(pred: str | None, truth: str) -> bool:
    """Every word of the true name is in the prediction, which has at most twice as many words."""
    p, t = _words(pred), _words(truth)
    return bool(p and t) and set(t) <= set(p) and len(p) <= 2 * len(t)


def date_ok(pred: str | None, truth: str) -> bool:
    """Same calendar day (the truth's YYYY-MM-DD against the prediction's first ten characters)."""
    return bool(pred) and str(pred)[:10] == truth[:10]


# ----------------------------------------------------------------------------------------- extractors
def _timed(fn: Callable[[], Output]) -> Output:
    start = time.process_time()
    try:
        out = fn()
    except Exception:  # noqa: BLE001 - a failure counts as an empty output, reported in its row
        out = Output(error=True)
    out.seconds = time.process_time() - start
    return out


def newsfuse_extractor(precision: bool = False, routed: bool = False) -> Extractor:
    """newsfuse as shipped; `routed=True`: non-article pages routed by the page-type model (opt-in)."""
    from ..extraction.html import extract_html
    from ..settings import Settings

    settings = Settings(favor_precision=precision, route_non_articles=routed)

    def run(html: str, url: str | None) -> Output:
        article = extract_html("bench", html, settings)
        return Output(article.text, article.title, article.author, article.date)

    return run


def trafilatura_extractor(precision: bool) -> Extractor:
    import trafilatura

    def run(html: str, url: str | None) -> Output:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, favor_precision=precision,
                                          with_metadata=True)
        if doc is None or isinstance(doc, dict):  # a dict only when asked for with as_dict=True
            return Output()
        return Output(doc.text or "", doc.title, doc.author, doc.date)

    return run


def readability_extractor() -> Extractor:
    from readability import Document

    def run(html: str, url: str | None) -> Output:
        import lxml.html

        doc = Document(html)
        fragment = doc.summary(html_partial=True)
        text = lxml.html.fromstring(fragment).text_content() if fragment.strip() else ""
        return Output(text, doc.short_title() or None)

    return run


def resiliparse_extractor() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html, url: Output(extract_plain_text(html, main_content=True))


def htmldate_extractor() -> Extractor:
    from htmldate import find_date

    return lambda html, url: Output("", date=find_date(html, url=url, original_date=True, extensive_search=True))


PEERS: dict[str, Callable[[], Extractor]] = {
    "newsfuse": newsfuse_extractor,
    # the page-type model (opt-in) is fitted on these dev pages: this row is in-sample, and
    # `python -m newsfuse.bench.wcxb_pagekind` prints the routed figures cross-validated by site
    "newsfuse (routed)": lambda: newsfuse_extractor(routed=True),
    "trafilatura": lambda: trafilatura_extractor(False),
    "trafilatura (precision)": lambda: trafilatura_extractor(True),
    "readability-lxml": readability_extractor,
    "resiliparse": resiliparse_extractor,
    "htmldate": htmldate_extractor,
}
UNCACHED = {"newsfuse", "newsfuse (routed)"}


# ------------------------------------------------------------------------------------------------ run
def _cache_path(name: str) -> Path:
    return CACHE_DIR / (re.sub(r"\W+", "_", name).strip("_") + ".json")


def _load_cache(name: str) -> dict[str, Output]:
    path = _cache_path(name)
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {key: Output(**value) for key, value in raw.items()}


def _save_cache(name: str, outputs: dict[str, Output]) -> None:
    path = _cache_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = _load_cache(name)
    old.update(outputs)
    path.write_text(json.dumps({k: vars(v) for k, v in old.items()}, ensure_ascii=False), encoding="utf-8")


def run_peers(pages: list[WcxbPage], names: list[str], fresh: bool = False,
              extractors: dict[str, Extractor] | None = None) -> tuple[list[PeerRun], list[str]]:
    """Outputs of every named extractor on every page, peers from the cache where it has them."""
    runs, notes = [], []
    for name in names:
        cache = {} if (fresh or name in UNCACHED) else _load_cache(name)
        missing = [p for p in pages if p.id not in cache]
        run = PeerRun(name, {p.id: cache[p.id] for p in pages if p.id in cache}, cached=not missing)
        if missing:
            try:
                extract = (extractors or {}).get(name) or PEERS[name]()
            except ImportError as error:
                notes.append(f"{name}: skipped, not installed ({error.name or error})")
                continue
            _timed(partial(extract, missing[0].html, missing[0].url))  # warm-up, untimed: lazy imports
            for page in missing:
                run.outputs[page.id] = _timed(partial(extract, page.html, page.url))
            if name not in UNCACHED:
                _save_cache(name, {p.id: run.outputs[p.id] for p in missing})
        runs.append(run)
    return runs, notes


@dataclass(frozen=True)
class Row:
    name: str
    group: str
    pages: int
    shingle_f1: float  # micro-averaged over pages as in the AEB metric
    word_f1: float  # mean of per-page word F1 (WCXB)
    empty: int
    pages_per_s: float


def content_rows(pages: list[WcxbPage], runs: list[PeerRun]) -> list[Row]:
    """Per page type and overall (`all`), for every extractor with text output."""
    groups: dict[str, list[WcxbPage]] = defaultdict(list)
    for page in pages:
        groups[page.page_type].append(page)
    groups["all"] = pages
    rows = []
    for run in runs:
        if run.name == "htmldate":
            continue
        for group, members in groups.items():
            outs = [run.outputs[p.id] for p in members]
            sh = scores(shingle_match(p.truth, o.text) for p, o in zip(members, outs))
            wf = sum(word_f1(o.text, p.truth) for p, o in zip(members, outs)) / len(members)
            seconds = sum(o.seconds for o in outs)
            rows.append(Row(run.name, group, len(members), sh.f1, wf, sum(not o.text.strip() for o in outs),
                            len(members) / max(seconds, 1e-9)))
    return rows


def metadata_table(pages: list[WcxbPage], runs: list[PeerRun]) -> str:
    """Title, author and date accuracy on the pages whose truth has the field."""
    checks = (("title", title_ok), ("author", author_ok), ("date", date_ok))
    counts = {n: sum(1 for p in pages if getattr(p, n)) for n, _ in checks}
    lines = [f"{'metadata accuracy':<26}" + "".join(f"{f'{n} (n={counts[n]})':>18}" for n, _ in checks)]
    for run in runs:
        if run.name in ("resiliparse", "trafilatura (precision)", "newsfuse (routed)"):
            continue
        cells = []
        for field_name, ok in checks:
            truth_pages = [p for p in pages if getattr(p, field_name)]
            if (run.name == "htmldate" and field_name != "date"
                    or run.name == "readability-lxml" and field_name != "title"):
                cells.append(f"{'-':>18}")
                continue
            hits = sum(ok(getattr(run.outputs[p.id], field_name), getattr(p, field_name)) for p in truth_pages)
            cells.append(f"{hits / max(len(truth_pages), 1):>18.3f}")
        lines.append(f"{run.name:<26}" + "".join(cells))
    return "\n".join(lines)


def content_table(rows: list[Row]) -> str:
    """One block per page type: extractors side by side with both metrics."""
    lines = []
    groups = list(dict.fromkeys(r.group for r in rows))
    base = {r.group: r.pages_per_s for r in rows if r.name == "trafilatura"}
    for group in sorted(groups, key=lambda g: (g == "all", g)):
        members = [r for r in rows if r.group == group]
        lines.append(f"{group} ({members[0].pages} pages)")
        lines.append(f"  {'extractor':<26}{'4-gram F1':>10}{'word F1':>9}{'empty':>7}{'pages/s':>9}{'x traf.':>8}")
        for r in members:
            ratio = f"{r.pages_per_s / base[group]:.2f}" if base.get(group) else "-"
            lines.append(f"  {r.name:<26}{r.shingle_f1:>10.3f}{r.word_f1:>9.3f}{r.empty:>7}"
                         f"{r.pages_per_s:>9.1f}{ratio:>8}")
    return "\n".join(lines)


def per_page_f1(pages: list[WcxbPage], run: PeerRun) -> dict[str, tuple[float, float]]:
    """(4-gram F1, word F1) per page id: for error analysis and cross-validation."""
    return {p.id: (page_f1(p.truth, run.outputs[p.id].text), word_f1(run.outputs[p.id].text, p.truth)) for p in pages}


# ------------------------------------------------------------------------------ whole-process speed
def process_speed(pages: list[WcxbPage], count: int, repeats: int = 3, per_page: int = 20) -> str:
    """Whole-process speed table (bench/processes.py) over `count` article pages spread over the set."""
    import tempfile

    from .processes import format_table, measure, write_files

    articles = [p for p in pages if p.page_type == "article"] or pages  # as AEB's: pages that hold an article
    step = max(1, len(articles) // max(count, 1))
    sample = articles[::step][:count]
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files([(p.id, p.html) for p in sample], Path(tmp) / "pages")
        return format_table(measure(files, Path(tmp), repeats, per_page), repeats)


def command(folder: Path, limit: int | None, names: list[str] | None, types: list[str] | None,
            fresh: bool, process_pages: int, per_page: int = 20, process_repeats: int = 3) -> int:
    """The whole `bench extract --dataset wcxb` report."""
    if not (folder / "metadata.json").exists() or not (folder / "ground-truth").is_dir():
        print(f"newsfuse: error: {folder} is not a WCXB split folder (metadata.json, ground-truth/, html/)")
        return 1
    pages = load_wcxb(folder, limit, types)
    if not pages:
        print(f"newsfuse: error: no pages in {folder}")
        return 1
    runs, notes = run_peers(pages, names or list(PEERS), fresh)
    print(f"WCXB {folder.name}: {len(pages)} pages, {len({p.domain for p in pages})} sites")
    print("4-gram F1: micro-averaged shingle F1 (AEB metric); word F1: mean per-page word F1 (WCXB metric)")
    print("pages/s: CPU time in this process, peers' from their cached run")
    print(content_table(content_rows(pages, runs)))
    print(metadata_table(pages, runs))
    if process_pages:
        print(process_speed(pages, process_pages, process_repeats, per_page))
    for note in notes:
        print(note)
    return 0
