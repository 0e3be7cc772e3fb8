"""Main text and metadata from an HTML page.

The page is parsed once with lexbor (selectolax): metadata is read from the head and JSON-LD, scripts and
other invisible subtrees are dropped in C, and one Python walk builds the box tree that `html_body` scores
and filters. Menus and page footers are read in C into one compact `Removed` each, and subtrees hinted as
boilerplate are walked only when needed (see html_dom._Walker). No XPath and no second parse (except
htmldate, and only for pages without a structured date).
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

from selectolax.lexbor import LexborHTMLParser

from ..models import Article, Removed
from ..settings import Settings
from . import html_rules as R
from . import page_kind
from .html_body import Body, Judge, extract_body
from .html_dom import build_page, strip_invisible
from .metadata import Metadata, clean_author, detect_lang, htmldate_fallback, read_metadata

MAX_HTML_CHARS = 30_000_000  # larger documents are cut (the article is near the top of any real page)
JSONLD_BODY_MIN_CHARS = 400  # a JSON-LD articleBody this long ...
JSONLD_BODY_RATIO = 2.0  # ... and this many times longer than the DOM text replaces it (script-rendered pages)
BYLINE_MAX_CHARS = 120


def extract_html(article_id: str, html: str, settings: Settings, judge: Judge | None = None,
                 page_row: list[list[float]] | None = None) -> Article:
    """Article body (paragraphs, removed boilerplate) and metadata of one page; never raises on bad markup.
    `judge` may overrule the rules' verdicts on the container's blocks (see html_body._filter); the page-type
    feature row is appended to `page_row` when given (bench/wcxb_pagekind.py fits on it)."""
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    with _collector_paused():
        tree = LexborHTMLParser(html)
        meta = read_metadata(tree)
        strip_invisible(tree)
        top = tree.body or tree.root
        page = build_page(top) if top is not None else None
        body = extract_body(page, judge) if page is not None else Body((), (), None)
        model = page_kind.load_model() if settings.route_non_articles else None
        row = None
        if page is not None and (model is not None or page_row is not None):
            row = page_kind.page_features(page, body.container, body.paragraphs, meta.page_types, meta.url,
                                          meta.date_declared, bool(meta.author))
            if page_row is not None:
                page_row.append(row)
        if page is not None:
            page.release()
    paragraphs = _with_jsonld_body(body.paragraphs, meta.article_body) or _fallback_paragraphs(html, meta.url)
    if model is not None and row is not None and not page_kind.is_article(row, model):
        paragraphs = _routed(html, meta.url, paragraphs)
    text = "\n".join(paragraphs)
    return Article(
        id=article_id,
        path=None,
        title=meta.title,
        outlet=meta.outlet,
        date=(meta.date if meta.date_declared
              else (htmldate_fallback(html, meta.url) if paragraphs else None) or meta.date),
        paragraphs=paragraphs,
        removed=body.removed,
        author=meta.author or _byline_author(body.removed),
        lang=detect_lang(text, meta.lang),
        url=meta.url,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one page's box tree is built and read: the walk allocates tens of
    thousands of small objects that all stay alive until it ends, so collecting in between finds nothing and
    costs 5-15% of the extraction time. The tree is released (its cycles broken) before the collector resumes."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _with_jsonld_body(paragraphs: tuple[str, ...], jsonld_body: str | None) -> tuple[str, ...]:
    """The JSON-LD articleBody when the DOM holds much less text (bodies rendered by scripts)."""
    if not jsonld_body or len(jsonld_body) < JSONLD_BODY_MIN_CHARS:
        return paragraphs
    if sum(len(p) for p in paragraphs) * JSONLD_BODY_RATIO > len(jsonld_body):
        return paragraphs
    if "<" in jsonld_body:  # some sites put markup there
        inner = LexborHTMLParser(jsonld_body)
        top = inner.body or inner.root
        jsonld_body = top.text(separator="\n") if top is not None else ""
    lines = tuple(" ".join(line.split()) for line in re.split(r"\n+", jsonld_body))
    return tuple(line for line in lines if line) or paragraphs


def _routed(html: str, url: str | None, paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """A page the page-type model reads as a non-article (listing, product, forum, service page): trafilatura's
    main text when it adds enough words to the rules' (page_kind.take_routed; a refused page stays refused)."""
    lines = _trafilatura_lines(html, url)
    return lines if page_kind.take_routed("\n".join(paragraphs), "\n".join(lines)) else paragraphs


def _trafilatura_lines(html: str, url: str | None) -> tuple[str, ...]:
    """trafilatura's main text as lines (imported only when asked, so article pages never pay its start-up)."""
    try:
        import trafilatura

        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True) or ""
    except Exception:  # noqa: BLE001 - trafilatura raises on some odd markup; the page then has no text
        return ()
    return tuple(line.strip() for line in text.split("\n") if line.strip())


def _fallback_paragraphs(html: str, url: str | None) -> tuple[str, ...]:
    """trafilatura's main text for a page where no box scores as an article (short articles, forums,
    listings, product grids: about one page in twelve on WCXB), figures in docs/extraction.md."""
    lines = _trafilatura_lines(html, url)
    # only running text makes a page worth keeping: a grid of links or labels alone stays refused
    prose = any(len(line) >= R.PARAGRAPH_MIN_CHARS and R.SENTENCE_END.search(line) for line in lines)
    return lines if prose else ()


def _byline_author(removed: tuple[Removed, ...]) -> str | None:
    """Author from a removed 'By ...' byline, for pages without author metadata."""
    for block in removed:
        if block.kind == "byline" and len(block.text) <= BYLINE_MAX_CHARS:
            match = re.match(r"^\s*(by|von|par|por|di|door)\s+(.+)$", block.text.split("\n")[0], re.I)
            if match:
                return clean_author(match.group(2))
    return None


__all__ = ["extract_html", "Metadata"]
