"""The page-type model that routes non-article pages to trafilatura, and author names read from template
markup (class names such as `author-name`, links to `/author/` pages)."""

from __future__ import annotations

import pytest

from conftest import DATA_DIR
from newsfuse.bench.wcxb import load_wcxb, word_f1
from newsfuse.extraction import page_kind
from newsfuse.extraction.html import extract_html
from newsfuse.settings import DEFAULT, Settings

DEV = DATA_DIR / "wcxb-dev"
ROUTED = Settings(route_non_articles=True)  # opt-in (see docs/extraction.md)
PROSE = (
    "The council voted on Tuesday to expand the bus network, adding four routes that will connect the "
    "northern estates with the hospital and the university campus by next spring."
)
MORE = (
    "Officials said the first of the new routes would open in March, once drivers had been hired and "
    "trained, and that fares would stay at the current level for at least two years."
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>T</title>{head}</head><body>{body}</body></html>"


# ------------------------------------------------------------------------------------------- authors
@pytest.mark.parametrize("markup, name", [
    ('<div class="author-name">By Jane Doe</div>', "Jane Doe"),
    ('<div class="wp-block-post-author"><p>Written by</p><p class="x">Dan Pantelo</p></div>', "Dan Pantelo"),
    ('<div class="author-meta"><span>Sofia Kondrat</span><span>Content writer</span></div>', "Sofia Kondrat"),
    ('<p class="meta">By <a href="/author/ann-lee/">Ann Lee</a></p>', "Ann Lee"),
])
def test_author_from_template_markup(markup, name):
    html = _page(f"<article><h1>Buses</h1>{markup}<p>{PROSE}</p><p>{MORE}</p></article>")
    assert extract_html("a", html, DEFAULT).author == name


@pytest.mark.parametrize("markup", [
    '<div class="byline">Read more from our team of reporters across the region</div>',  # a sentence
    '<div class="author-name">Author</div>',  # a label alone
    '<div class="post-author">This article was written by</div>',
    '<a href="/author/">Home</a>',  # page furniture
    '<div class="author-name">Posted 12 May 2024</div>',  # a date, no name
])
def test_author_markup_that_holds_no_name_gives_no_author(markup):
    html = _page(f"<article><h1>Buses</h1>{markup}<p>{PROSE}</p><p>{MORE}</p></article>")
    assert extract_html("a", html, DEFAULT).author is None


def test_structured_author_still_comes_first():
    head = '<meta name="author" content="Ann Lee">'
    html = _page(f'<article><div class="author-name">Jo Smith</div><p>{PROSE}</p></article>', head)
    assert extract_html("a", html, DEFAULT).author == "Ann Lee"


# ------------------------------------------------------------------------------------- page-type model
def _listing() -> str:
    cards = "".join(
        f'<li class="card"><a href="/p/{i}">Garden chair model {i}</a><span class="price">$ {20 + i}.99</span></li>'
        for i in range(30))
    head = '<meta property="og:type" content="website"><link rel="canonical" href="https://shop.example/category/chairs/">'
    return _page(f"<main><h1>Chairs</h1><ul>{cards}</ul><p>{PROSE}</p></main>", head)


def _article() -> str:
    head = ('<meta property="og:type" content="article"><meta name="author" content="Ann Lee">'
            '<meta property="article:published_time" content="2024-06-01T08:00:00Z">'
            '<link rel="canonical" href="https://news.example/2024/06/01/council-expands-bus-network">')
    body = "".join(f"<p>{PROSE} {MORE}</p>" for _ in range(6))
    return _page(f"<nav><a href='/'>Home</a></nav><article><h1>Buses</h1>{body}</article>", head)


def test_page_features_have_one_value_per_name():
    rows: list[list[float]] = []
    extract_html("a", _article(), DEFAULT, page_row=rows)
    assert len(rows) == 1 and len(rows[0]) == len(page_kind.FEATURE_NAMES)


@pytest.mark.skipif(page_kind.load_model() is None, reason="no page-type model shipped")
def test_a_news_article_is_an_article_and_a_product_grid_is_not():
    for html, expected in ((_article(), True), (_listing(), False)):
        rows: list[list[float]] = []
        extract_html("a", html, DEFAULT, page_row=rows)
        assert page_kind.is_article(rows[0]) is expected


def test_an_article_keeps_the_rules_text_with_routing_on():
    html = _article()
    routed, rules = extract_html("a", html, ROUTED), extract_html("a", html, DEFAULT)
    assert routed.paragraphs == rules.paragraphs and routed.text.count("The council voted") == 6


@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/data/wcxb-dev")
def test_routing_never_hurts_dev_articles_and_helps_listings():
    """A sample of dev pages of two types: routing leaves articles as good as the rules alone (within a
    hair), and lifts listings (in-sample for the shipped model: the site-CV figures are in docs/extraction.md)."""
    if page_kind.load_model() is None:
        pytest.skip("no page-type model shipped")
    rules = DEFAULT
    for page_type, floor, every in (("article", -0.005, 25), ("listing", 0.0, 10)):
        pages = load_wcxb(DEV, types=[page_type])[::every]
        gain = sum(word_f1(extract_html(p.id, p.html, ROUTED).text, p.truth)
                   - word_f1(extract_html(p.id, p.html, rules).text, p.truth) for p in pages) / len(pages)
        assert gain >= floor, (page_type, gain)


def test_routing_compares_words_not_length():
    """The routed text must add words the rules' text lacks: a heading joining a full article is no reason to
    switch, a product page's specs and reviews are; a refused page (no rules text) is never routed."""
    article = "\n".join(f"{PROSE} {MORE} Paragraph {i}." for i in range(5))
    assert not page_kind.take_routed(article, "Buses\n" + article)
    assert page_kind.take_routed(PROSE, PROSE + "\nWeight 2 kg, battery 10 hours, three colours.\nFour stars from 120 buyers.")
    assert not page_kind.take_routed("", "Section 1\nSection 2\nSection 3")
    assert not page_kind.take_routed(PROSE + " " + MORE, "Four stars.")
