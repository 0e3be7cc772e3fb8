"""Boilerplate removal for plain text: share widgets, appeals, comments, headline lists, credits."""

from __future__ import annotations

import re

from ..models import Article, Removed
from ..settings import Settings


def clean_text(article_id: str, text: str, settings: Settings) -> Article:
    """Baseline: paragraphs split on blank lines (or lines), no boilerplate detection yet."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) <= 1:
        blocks = [line.strip() for line in text.split("\n") if line.strip()]
    return Article(id=article_id, path=None, title=None, outlet=None, date=None, paragraphs=tuple(blocks))
