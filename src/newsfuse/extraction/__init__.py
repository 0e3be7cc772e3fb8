"""Stage 2: turn a Source into a clean Article (title, outlet, date, author, body, removed boilerplate).

HTML goes through `html.extract_html`, plain text through `text.clean_text`; both report every block they
drop as a `Removed` record so that nothing is silently lost.
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Article, Source
from ..settings import DEFAULT, Settings
from .bounds import bound_article, cut_input, html_depth_guard
from .decode import decode_html, decode_text
from .html import extract_html

__all__ = ["extract", "decode_html", "decode_text"]


def extract(source: Source, settings: Settings = DEFAULT) -> Article:
    """Extract one article; never raises on odd input, an unusable page gives an Article with no paragraphs.
    Inputs and bodies past the per-input bounds (see bounds.py) are cut, with a `truncated` note in removed."""
    if source.media_type == "text/html":
        markup, cut = cut_input(decode_html(source.data, source.charset), settings)
        markup, deep = html_depth_guard(markup, settings)
        article = extract_html(source.id, markup, settings)
    else:
        from .text import clean_text  # the plain-text cleaner's rules load only for plain text

        text, cut = cut_input(decode_text(source.data, source.charset), settings)
        deep = None
        article = clean_text(source.id, text, settings)
    notes = tuple(note for note in (cut, deep) if note is not None)
    article = bound_article(replace(article, removed=article.removed + notes) if notes else article, settings)
    return replace(
        article,
        path=source.path,
        url=article.url or source.url,
        title=article.title or source.title,
        date=article.date or source.date,
        outlet=source.outlet or article.outlet,  # the container's word beats a guess from the text
    )
