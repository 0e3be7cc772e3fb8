"""Is this page an article? A learned page-type check that routes non-article pages to trafilatura.

The container rules (html_body) find one running-text body; that is right for articles and wrong for
listings, product pages, forums and service pages, whose main content is spread over many sections.
A small model reads page-level clues (JSON-LD / og:type types, URL words, how much of the page is
running text, the chosen container's share, repeated cards and prices) and gives P(article). Below
`threshold` the page's main text is trafilatura's when that is the longer text (see take_routed), which is
better than one container on such pages (figures in docs/extraction.md, site-grouped cross-validation by
bench/wcxb_pagekind.py).

The weights ship as JSON (data/page_kind_model.json): a gradient-boosted tree ensemble or a logistic
regression, evaluated in plain Python, no scikit-learn at run time. Without the file nothing is routed.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from . import html_rules as R
from .html_dom import Block, Box, Page

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "page_kind_model.json"
ARTICLE_LD = frozenset(
    "article newsarticle blogposting reportagenewsarticle analysisnewsarticle opinionnewsarticle "
    "reviewnewsarticle backgroundnewsarticle liveblogposting scholarlyarticle og:article".split()
)
PRODUCT_LD = frozenset("product offer aggregateoffer og:product og:product.item productgroup".split())
LIST_LD = frozenset("itemlist collectionpage searchresultspage og:product.group".split())
FORUM_LD = frozenset("discussionforumposting qapage question answer comment".split())
DOC_LD = frozenset("techarticle howto apireference faqpage".split())
SERVICE_LD = frozenset("service organization localbusiness softwareapplication og:website".split())
URL_WORDS = {
    "url_article": re.compile(r"blog|news|article|story|stories|post|/20\d\d/|opinion|feature"),
    "url_product": re.compile(r"product|/shop|/item|/p/|/dp/|buy|store"),
    "url_list": re.compile(r"categor|collection|/tag|/list|search|browse|/archive|directory|/c/|/all"),
    "url_forum": re.compile(r"forum|thread|topic|community|question|discuss|/t/|board|answers"),
    "url_doc": re.compile(r"docs?/|documentation|/api|reference|wiki|manual|/guide|tutorial|help|support"),
    "url_service": re.compile(r"pricing|features|solutions|services?|about|contact|platform|plans"),
}
PRICE = re.compile(r"(?:[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:€|EUR|USD|zł|kr)\b)")
URL_SLUG_WORDS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}")  # a long dashed slug: a headline in the URL
# a page read as a non-article takes trafilatura's text only when that text adds words the rules' text lacks:
# at least ROUTE_MIN_NEW_SHARE of the rules' word count (a title or a caption joining a full article is not
# worth a switch) and at least ROUTE_MIN_GAIN_PER_LOSS times the words of ours it drops. Compared by word
# overlap, not length: a longer trafilatura text that only repeats ours plus a heading no longer wins.
# Site-CV on WCXB dev (docs/extraction.md): all pages 0.8227 (length alone, refusals kept) -> 0.8230.
ROUTE_MIN_NEW_SHARE = 0.02
ROUTE_MIN_GAIN_PER_LOSS = 0.5
WORD_RE = re.compile(r"\w+")  # words as WCXB's word F1 counts them
# an <article>/<main> container whose kept text is at least this share prose is read as an article, whatever
# the model says (a metadata-less article beside a big menu or a related-stories section). Site-CV on WCXB dev:
# all pages 0.8230 -> 0.8229 word F1, articles unchanged (docs/extraction.md)
PROSE_CONTAINER_MIN_SHARE = 0.8
COUNTED_TAGS = ("article", "li", "td", "h2", "h3", "pre", "form", "section")


def _log(value: float) -> float:
    return math.log1p(max(value, 0.0)) / 8.0


def _url_features(url: str | None) -> list[float]:
    """Words and shape of the URL's path: listings and products name themselves, articles carry slugs."""
    path = urlparse(url).path.lower() if url else ""
    parts = [p for p in path.split("/") if p]
    last = parts[-1] if parts else ""
    words = [1.0 if pattern.search(path) else 0.0 for pattern in URL_WORDS.values()]
    return words + [
        1.0 if url else 0.0,
        min(len(parts), 8) / 8.0,
        1.0 if URL_SLUG_WORDS.fullmatch(last.split(".")[0]) else 0.0,
        min(len(last), 120) / 120.0,
        1.0 if path.endswith("/") else 0.0,
        1.0 if re.search(r"\d{4,}", path) else 0.0,
    ]


def _type_features(types: frozenset[str]) -> list[float]:
    groups = (ARTICLE_LD, PRODUCT_LD, LIST_LD, FORUM_LD, DOC_LD, SERVICE_LD)
    return [1.0 if types & group else 0.0 for group in groups] + [1.0 if types else 0.0]


def _walked_blocks(page: Page) -> list[Block]:
    """Blocks of the boxes walked so far (boilerplate subtrees never walked stay out)."""
    return [item for box in page.boxes for item in box.items if isinstance(item, Block)]


def _page_text_features(page: Page) -> list[float]:
    """How much of the page is running text, link text, short labels, prices; tag counts of cards."""
    blocks = _walked_blocks(page)
    chars = sum(b.chars for b in blocks) or 1
    prose = [b for b in blocks if b.chars >= R.PARAGRAPH_MIN_CHARS * 2 and R.SENTENCE_END.search(b.text)
             and b.link_density < R.LINK_DENSITY_MAX]
    short = sum(1 for b in blocks if b.chars < R.PARAGRAPH_MIN_CHARS)
    prices = sum(1 for b in blocks if b.chars < 60 and PRICE.search(b.text))
    tags: dict[str, int] = {}
    for box in page.boxes:
        tags[box.tag] = tags.get(box.tag, 0) + 1
    n = max(len(blocks), 1)
    return [
        _log(chars),
        _log(len(blocks)),
        sum(b.link_chars for b in blocks) / chars,
        sum(b.chars for b in prose) / chars,
        _log(len(prose)),
        short / n,
        _log(prices),
        sum(1 for b in blocks if b.heading) / n,
        max((b.chars for b in prose), default=0) / chars,
    ] + [_log(tags.get(tag, 0)) for tag in COUNTED_TAGS]


def _container_features(page: Page, container: Box | None, paragraphs: tuple[str, ...]) -> list[float]:
    """The chosen container: its share of the page, and how much of what was kept reads as prose."""
    total = sum(b.chars for b in _walked_blocks(page)) or 1
    kept = sum(len(p) for p in paragraphs)
    prose = [p for p in paragraphs if len(p) >= R.PARAGRAPH_MIN_CHARS * 2 and R.SENTENCE_END.search(p)]
    return [
        1.0 if container is not None else 0.0,
        min(container.chars / total, 1.0) if container is not None else 0.0,
        min(kept / total, 1.0),
        _log(kept),
        _log(len(paragraphs)),
        len(prose) / max(len(paragraphs), 1),
        sum(len(p) for p in prose) / max(kept, 1),
        1.0 if container is not None and container.tag in ("article", "main") else 0.0,
        1.0 if container is not None and container.kind == "content" else 0.0,
    ]


def page_features(page: Page, container: Box | None, paragraphs: tuple[str, ...], types: frozenset[str],
                  url: str | None, has_date: bool, has_author: bool) -> list[float]:
    """One feature row for a page (see FEATURE_NAMES)."""
    return (_type_features(types) + _url_features(url) + _page_text_features(page)
            + _container_features(page, container, paragraphs) + [1.0 if has_date else 0.0, 1.0 if has_author else 0.0])


FEATURE_NAMES = (
    [f"ld_{n}" for n in ("article", "product", "list", "forum", "doc", "service", "any")]
    + list(URL_WORDS) + ["url_any", "url_depth", "url_slug", "url_last_len", "url_slash", "url_digits"]
    + ["log_chars", "log_blocks", "link_share", "prose_share", "log_prose", "short_share", "log_prices",
       "heading_share", "longest_prose_share"] + [f"tag_{t}" for t in COUNTED_TAGS]
    + ["has_container", "container_share", "kept_share", "log_kept", "log_paragraphs", "prose_paragraphs",
       "prose_kept_share", "container_main", "container_hinted", "has_date", "has_author"]
)


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any] | None:
    """The shipped model, or None when the file is missing (no page is then routed)."""
    if not MODEL_PATH.exists():
        return None
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def _tree_value(tree: dict[str, list[Any]], row: list[float]) -> float:
    node = 0
    left, right, feature = tree["left"], tree["right"], tree["feature"]
    threshold, value = tree["threshold"], tree["value"]
    while left[node] != -1:
        node = left[node] if row[feature[node]] <= threshold[node] else right[node]
    return float(value[node])


def article_probability(model: dict[str, Any], row: list[float]) -> float:
    """P(article) of one feature row under the shipped model (boosted trees or logistic regression)."""
    if model["kind"] == "trees":
        z = model["init"] + model["learning_rate"] * sum(_tree_value(t, row) for t in model["trees"])
    else:
        terms = zip(model["coef"], row, model["mean"], model["scale"])
        z = model["intercept"] + sum(c * (x - m) / s for c, x, m, s in terms)
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def take_routed(rules_text: str, routed_text: str) -> bool:
    """Whether a non-article page takes the routed (trafilatura) text over the rules': never when the rules
    refused the page (no running text: a page of menus stays refused), else when the routed text adds enough
    words the rules' lacks (ROUTE_MIN_NEW_SHARE, ROUTE_MIN_GAIN_PER_LOSS)."""
    if not rules_text or not routed_text:
        return False
    ours, theirs = _word_bag(rules_text), _word_bag(routed_text)
    gained, lost = sum((theirs - ours).values()), sum((ours - theirs).values())
    return gained >= ROUTE_MIN_NEW_SHARE * sum(ours.values()) and gained >= ROUTE_MIN_GAIN_PER_LOSS * lost


def _word_bag(text: str) -> Counter[str]:
    return Counter(WORD_RE.findall(text.lower()))


def declares_article(types: frozenset[str]) -> bool:
    """The page calls itself an article in its structured data (JSON-LD NewsArticle/BlogPosting..., og:type
    article): it is never routed, whatever the model says. News sites declare it; short news pages are the
    model's costliest misses (AEB: 0.983 -> 0.979 without this), at 0.004 word F1 on WCXB dev articles."""
    return bool(types & ARTICLE_LD)


def never_routed(row: list[float]) -> bool:
    """Pages kept on the rules' text whatever the model says: those declaring an article type (declares_article)
    and those whose container is an <article> or <main> element of running prose (PROSE_CONTAINER_MIN_SHARE)."""
    if row[FEATURE_NAMES.index("ld_article")] > 0:
        return True
    return (row[FEATURE_NAMES.index("container_main")] > 0
            and row[FEATURE_NAMES.index("prose_kept_share")] >= PROSE_CONTAINER_MIN_SHARE)


def is_article(row: list[float], model: dict[str, Any] | None = None) -> bool:
    """Whether the page reads as an article (True when no model ships: the rules' container is kept)."""
    model = model or load_model()
    if model is None or never_routed(row):
        return True
    return article_probability(model, row) >= model["threshold"]
