"""Per-input bounds that keep time and memory linear in the input (issue 17, docs/errors.md).

Two cuts, each reported as a `Removed("truncated", ...)` record so that nothing is silently lost:
- before extraction, decoded text or markup past Settings.max_extract_chars (a 10 MB page of paragraphs is
  no article; extraction stays linear, but this bounds its time);
- after extraction, paragraphs longer than Settings.max_paragraph_chars are split at sentence ends (or at a
  space, or hard), and body text past Settings.max_article_chars is left out of the analysis. The analysis
  (spaCy, quotes, claims, alignment) costs far more per character than extraction, and spaCy refuses texts
  over nlp.max_length (E088); no real news article comes near these limits.
Deep HTML nesting is cut off before extraction too (html_depth_guard): the DOM walk is recursive.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Article, Removed
from ..settings import Settings

TRUNCATED = "truncated"  # the Removed kind of every cut made here
SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])[\"'”’)\]]*\s+")
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr", "p", "li", "option", "td", "tr", "th", "dt", "dd"})


def cut_input(text: str, settings: Settings) -> tuple[str, Removed | None]:
    """Text (or markup) cut to max_extract_chars at a line break near the limit, and the note saying so."""
    limit = settings.max_extract_chars
    if len(text) <= limit:
        return text, None
    cut = text.rfind("\n", limit - limit // 10, limit)
    cut = cut if cut > 0 else limit
    note = (f"{len(text) - cut:,} characters after the first {cut:,} of the input were not read "
            f"(Settings.max_extract_chars = {limit:,})")
    return text[:cut], Removed(TRUNCATED, note)


def html_depth_guard(html: str, settings: Settings) -> tuple[str, Removed | None]:
    """The markup up to where its element nesting passes max_html_depth, and a note when cut there.

    Counted with one linear scan of the tags (void and self-closing tags, and the elements HTML closes
    implicitly, do not deepen it), so a page nested 100,000 levels deep costs a scan, not a deep walk."""
    limit = settings.max_html_depth
    if html.count("<") <= limit:
        return html, None
    depth = 0
    for match in TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name not in VOID_TAGS:
            depth += 1
            if depth > limit:
                note = (f"markup nested deeper than {limit:,} elements was not read, from character "
                        f"{match.start():,} on (Settings.max_html_depth)")
                return html[: match.start()], Removed(TRUNCATED, note)
    return html, None


def bound_article(article: Article, settings: Settings) -> Article:
    """The article with long paragraphs split and its body cut to max_article_chars (noted in removed)."""
    paragraphs: list[str] = []
    for paragraph in article.paragraphs:
        paragraphs.extend(split_paragraph(paragraph, settings.max_paragraph_chars))
    kept, total = [], 0
    for paragraph in paragraphs:
        if total + len(paragraph) > settings.max_article_chars:
            break
        kept.append(paragraph)
        total += len(paragraph)
    if kept == list(article.paragraphs):
        return article
    removed = article.removed
    if len(kept) < len(paragraphs):
        left = sum(len(p) for p in paragraphs[len(kept):])
        removed += (Removed(TRUNCATED, f"{len(paragraphs) - len(kept):,} paragraphs ({left:,} characters) after "
                                       f"the first {total:,} characters of the body were not analysed "
                                       f"(Settings.max_article_chars = {settings.max_article_chars:,})"),)
    return replace(article, paragraphs=tuple(kept), removed=removed)


def split_paragraph(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters: at sentence ends where there are some, else at spaces, else hard."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = _last_break(window)
        pieces.append(window[:cut].strip())
        start += cut
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _last_break(window: str) -> int:
    """Where to end a piece: after the last sentence end in the window's second half, else its last space."""
    half = len(window) // 2
    ends = [m.end() for m in SENTENCE_BREAK.finditer(window, half)]
    if ends:
        return ends[-1]
    space = window.rfind(" ", half)
    return space + 1 if space > 0 else len(window)
