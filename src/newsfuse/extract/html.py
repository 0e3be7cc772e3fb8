"""Main text and metadata from an HTML page."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ..models import Article
from ..settings import Settings
from .html_body import extract_body
from .html_dom import build_page, strip_invisible


def extract_html(article_id: str, html: str, settings: Settings) -> Article:
    """Article body (paragraphs, removed boilerplate) and metadata of one page."""
    tree = LexborHTMLParser(html)
    strip_invisible(tree)
    top = tree.body or tree.root
    body = extract_body(build_page(top)) if top is not None else None
    return Article(
        id=article_id,
        path=None,
        title=None,
        outlet=None,
        date=None,
        paragraphs=body.paragraphs if body else (),
        removed=body.removed if body else (),
    )
