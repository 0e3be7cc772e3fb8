"""Main text and metadata from an HTML page."""

from __future__ import annotations

from ..models import Article, Removed
from ..settings import Settings


def extract_html(article_id: str, html: str, settings: Settings) -> Article:
    """Baseline: trafilatura for body and metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=settings.favor_precision
    )
    if doc is None:
        return Article(id=article_id, path=None, title=None, outlet=None, date=None, paragraphs=())
    text = doc.text or ""
    paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
    return Article(
        id=article_id,
        path=None,
        title=doc.title,
        outlet=doc.sitename,
        date=doc.date,
        paragraphs=paragraphs,
        removed=(),
        author=doc.author,
        lang=doc.language,
        url=doc.url,
    )
