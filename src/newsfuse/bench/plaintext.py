"""`newsfuse bench plaintext`: the plain-text cleaner on browser-copied text of real news pages.

The article-extraction-benchmark pages are rendered to the text a reader gets by selecting the whole
page and copying it (every visible text node, one line per block element), then cleaned by
`extract.text.clean_text`. Scored with 4-gram word shingles against the benchmark's `articleBody`,
beside two baselines on the same text: the raw copied text, and jusText run on its lines.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

BENCH_DIR = "article-extraction-benchmark"
SHINGLE_N = 4
_TOKEN = re.compile(r"\w+")
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head", "select", "option", "canvas"}
# Elements a browser lays out as blocks: a copied page breaks lines around them.
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul", "br", "button", "label",
    "caption", "td", "th", "time",
}
# Blocks followed by an empty line when copied (paragraph margins).
_PARA_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "ul", "ol", "table", "pre"}


# ------------------------------------------------------------------ page text
def visible_text(html: str) -> str:
    """The page as a reader copies it from a browser: visible text, a line per block, blank after paragraphs."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - a broken page gives no text, never an abort
        return ""
    body = root.find("body")
    parts: list[str] = []
    _walk(body if body is not None else root, parts)
    text = "".join(parts)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def _hidden(element) -> bool:  # type: ignore[no-untyped-def]
    """Elements a browser does not show (hidden attribute, inline display:none, aria-hidden)."""
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or "display:none" in style or element.get("aria-hidden") == "true"


def _walk(element, parts: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Depth-first text with line breaks around block elements."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _SKIP_TAGS or not tag or _hidden(element):
        if element.tail:
            parts.append(element.tail.replace("\n", " "))
        return
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text.replace("\n", " "))
    for child in element:
        _walk(child, parts)
    if block:
        parts.append("\n\n" if tag in _PARA_TAGS else "\n")
    if element.tail:
        parts.append(element.tail.replace("\n", " "))


# --------------------------------------------------------------------- metric
def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + SHINGLE_N]) for i in range(max(1, len(tokens) - SHINGLE_N + 1)))


def prf(true: str, pred: str) -> tuple[float, float, float]:
    """Shingle-multiset precision, recall, F1 of one page."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(t.values()) if t else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# ---------------------------------------------------------------- extractors
def newsfuse_text(text: str) -> str:
    from ..extraction.text import clean_text
    from ..settings import DEFAULT

    return clean_text("bench", text, DEFAULT).text


def raw_text(text: str) -> str:
    return text


def justext_text(text: str) -> str:
    """jusText on the copied lines (each line wrapped as a paragraph), English stoplist."""
    import html as html_lib

    import justext

    markup = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.split("\n") if line.strip())
    if not markup:
        return ""
    paragraphs = justext.justext(markup, justext.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str], str]] = {"newsfuse": newsfuse_text, "raw": raw_text, "justext": justext_text}


# ----------------------------------------------------------------------- run
def pages(data_dir: Path, limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """(page id, copied text, true body) for each benchmark page."""
    truth = json.loads((data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    for n, (key, item) in enumerate(sorted(truth.items())):
        if limit is not None and n >= limit:
            return
        path = data_dir / "html" / f"{key}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield key, visible_text(html), item.get("articleBody") or ""


def evaluate(data_dir: Path, limit: int | None = None) -> dict[str, dict[str, float]]:
    """Mean P/R/F1 and seconds for every extractor over the pages."""
    scores: dict[str, list[tuple[float, float, float]]] = {name: [] for name in EXTRACTORS}
    seconds = dict.fromkeys(EXTRACTORS, 0.0)
    for _, text, true in pages(data_dir, limit):
        for name, fn in EXTRACTORS.items():
            start = time.perf_counter()
            pred = fn(text)
            seconds[name] += time.perf_counter() - start
            scores[name].append(prf(true, pred))
    table = {}
    for name, rows in scores.items():
        if rows:
            p, r, f = (statistics.fmean(col) for col in zip(*rows))
            table[name] = {"precision": p, "recall": r, "f1": f, "pages": len(rows), "seconds": seconds[name]}
    return table


def _run(args: argparse.Namespace) -> int:
    data_dir = Path(args.data) if args.data else _default_dir()
    if not (data_dir / "ground-truth.json").exists():
        print(f"newsfuse bench plaintext: no benchmark data under {data_dir}")
        return 1
    table = evaluate(data_dir, args.limit)
    print(f"{'extractor':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'pages':>6} {'seconds':>8}")
    for name, row in table.items():
        print(f"{name:<10} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1']:>6.3f} "
              f"{row['pages']:>6} {row['seconds']:>8.2f}")
    return 0


def _default_dir() -> Path:
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / BENCH_DIR


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("plaintext", help="plain-text cleaner on browser-copied news pages")
    parser.add_argument("--data", help=f"folder of the {BENCH_DIR} (ground-truth.json, html/)")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.set_defaults(handler=_run)
