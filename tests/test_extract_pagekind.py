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
