"""Quote spans: where an article's direct quotes are, before anyone is asked who said them.

Quote spans (`quote_spans`) come from a scan of the whole article text, so a quote may run over
several paragraphs:
- marks: curly “ ” „ « », straight " (an opener or a closer by the characters around it); single
  marks ‘ ’ ' only when an article has no double marks at all (some UK outlets quote with singles).
  Inside a double-quoted span single marks are content (nested quotes).
- UK style: a paragraph that opens with a mark while the previous quote paragraph is not closed
  continues that quote; so does an opening mark right after a sentence end inside an open quote
  (paragraphs that extraction ran together).
- a mark with spaces on both sides right after a word (the possessive in "1010 wins ' glenn schuck", the
  contraction in "you ' ll", as tokenised text such as Multi-News writes them) opens a quote only if a mark
  later in its paragraph closes it; after a sentence end or a comma it opens one (a quote cut off by a
  truncated text still is one).

`looks_like_title` tells a work's title in quote marks ("Waco: A New Revelation") from speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"


@dataclass
class QuoteSpan:
    """A quote in Article.text: inner ranges (one per paragraph) and the marks' positions."""

    parts: list[tuple[int, int]]
    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the end of the last part when never closed)

    def text(self, article_text: str) -> str:
        joined = " ".join(article_text[a:b].strip() for a, b in self.parts)
        joined = re.sub(r"\s+", " ", joined).strip()
        return re.sub(r"\s*[,;:]$", "", joined).strip()


# ------------------------------------------------------------------- spans
def _mark_kind(text: str, i: int, single: bool) -> str | None:
    """open | close | either | None for the character at i."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opener_ctx = prev.isspace() or prev in "([{—–-/:;" or i == 0
    closer_ctx = nxt.isspace() or nxt in ".,;:!?)]}—–-…" or i + 1 == len(text)
    if not single:
        if ch in DOUBLE_OPEN:
            return "open"
        if ch in DOUBLE_CLOSE:
            return "open" if opener_ctx and not closer_ctx else "close"
        if ch != '"':
            return None
    else:
        if ch not in "‘’'":
            return None
        if prev.isalnum() and nxt.isalnum():
            return None  # an apostrophe: don't, Keith's
        if ch == "‘":
            return "open"
    if opener_ctx and not closer_ctx:
        return "open"
    if closer_ctx and not opener_ctx:
        return "close"
    return "either"


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span of the text, multi-paragraph quotes joined (see the module docstring)."""
    single = not any(c in text for c in DOUBLE_OPEN + DOUBLE_CLOSE + '"')
    spans: list[QuoteSpan] = []
    cur: QuoteSpan | None = None
    ambiguous = False  # cur opened on a mark spaced on both sides: kept only if something closes it
    part_start: int | None = None  # None while waiting for the mark that opens a continuation paragraph
    marks = "‘’'" if single else DOUBLE_OPEN + DOUBLE_CLOSE + '"'
    for found in re.finditer(f"[\n{re.escape(marks)}]", text):  # other characters are never marks
        i, ch = found.start(), found.group()
        if ch == "\n" and cur is not None:
            if part_start is not None:
                cur.parts.append((part_start, i))
                cur.end = i
            part_start = None
            if not _next_opens(text, i, single):
                if not (ambiguous and len(cur.parts) == 1):
                    spans.append(cur)
                cur = None
            continue
        kind = _mark_kind(text, i, single)
        if kind is None:
            continue
        if cur is None:
            if kind != "close":
                cur, part_start = QuoteSpan([], i, i), i + 1
                ambiguous = (kind == "either" and text[i - 1:i].isspace() and text[i + 1:i + 2].isspace()
                             and text[:i].rstrip()[-1:].isalnum())
        elif part_start is None:
            part_start = i + 1 if kind != "close" else part_start
        elif kind == "open":
            cur.parts.append((part_start, i))
            if _SENTENCE_DONE.search(text, part_start, i):
                part_start = i + 1  # "... gates. “Had they ..." continues the quote
            else:
                cur.end = i
                spans.append(cur)
                cur, part_start = QuoteSpan([], i, i), i + 1
        else:
            cur.parts.append((part_start, i))
            cur.end = i + 1
            spans.append(cur)
            cur, part_start = None, None
    if cur is not None and not (ambiguous and len(cur.parts) <= 1):
        if part_start is not None:
            cur.parts.append((part_start, len(text)))
            cur.end = len(text)
        spans.append(cur)
    return [s for s in spans if s.parts]


_SENTENCE_DONE = re.compile(r"[.?!…][\"”’']?\s+$")


def _next_opens(text: str, newline: int, single: bool) -> bool:
    """Does the next paragraph open with a quote mark (a continuation of the open quote)?"""
    j = newline
    while j < len(text) and text[j].isspace():
        j += 1
    return j < len(text) and _mark_kind(text, j, single) in ("open", "either")


TITLE_MAX_WORDS = 10  # longer title-cased spans are more likely speech than a film or book title
_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from vs v".split())


def looks_like_title(body: str) -> bool:
    """'Waco: A New Revelation', 'The Adventures of Bill and Monica': every content word capitalised, no
    sentence punctuation at the end — a work's title, not something said."""
    words = re.findall(r"[\w'’-]+", body)
    if not 2 <= len(words) <= TITLE_MAX_WORDS or re.search(r"[.?!,;…]\W*$", body):
        return False
    content = [w for i, w in enumerate(words) if i == 0 or w.lower() not in _SMALL_WORDS]
    return all(w[0].isupper() or w[0].isdigit() for w in content) and any(w[0].isupper() for w in content)
