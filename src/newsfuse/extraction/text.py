"""Boilerplate removal for plain text copied from web pages: share widgets, appeals, comments,
headline lists, credits, navigation; title, date, author, outlet and language from the text itself.

The text is cut into lines and each line is given a kind (None for article body). Signals, in order:
cue phrases on short lines (`text_rules.CUES`), the page head (short lines before the first prose are
menus; a headline-like line there is the title; date and byline lines), the end of the article (the
first terminal cue after enough article prose, unless real reporting follows it), after which
promotional blocks keep their kind while they speak in the publisher's voice and other prose is reader
comments, and a trailing run of headline-like lines (teaser lists). Every non-blank input line ends up
in the title, a body paragraph or a `Removed` record, in document order.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from ..models import Article, Removed
from ..settings import Settings
from . import text_rules as R

# the body's opening is sample enough for its language; py3langid on a whole 1 MB body says 'zxx'
LANG_SAMPLE_CHARS = 20_000
TITLE = "title"  # a line's kind when it is the headline (kept in Article.title, not in the body)
PROMO_KINDS = frozenset({"share", "appeal", "boilerplate"})
# character references left in text copied out of markup ("Rape, Abuse &amp; Incest", "it&#39;s"); only
# complete ones with their semicolon, so "AT&T" or "R&D" stay as written
CHAR_REFERENCE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass
class _Line:
    index: int
    text: str
    block: int  # lines with no blank line between them share a block
    words: int
    cue: R.Cue | None = None
    kind: str | None = None  # None: article body


def clean_text(article_id: str, text: str, settings: Settings) -> Article:
    """Split plain text into body paragraphs, removed blocks and metadata; never raises on odd input."""
    lines = _lines(text)
    for line in lines:
        line.cue = _match_cue(line)
    head_end = _first_prose(lines)
    end = _article_end(lines)
    _mark_head(lines, head_end)
    _mark_inline(lines, head_end, end)
    _mark_tail(lines, end)
    _mark_trailing_run(lines)
    _mark_list_runs(lines)
    if settings.favor_precision:
        _mark_doubtful(lines)
    body = _paragraphs([ln for ln in lines if ln.kind is None])
    title = next((ln.text for ln in lines if ln.kind == TITLE), None)
    return Article(
        id=article_id,
        path=None,
        title=title,
        outlet=_outlet(lines),
        date=_date(lines),
        paragraphs=tuple(body),
        removed=tuple(_removed(lines)),
        author=_author(lines),
        lang=_lang("\n".join(body)),
    )


# ---------------------------------------------------------------- line model
def _lines(text: str) -> list[_Line]:
    """Non-blank lines with their block number; CRLF, CR, odd spaces and character references normalised."""
    text = resolve_references(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\ufeff", "")
    lines: list[_Line] = []
    block = 0
    for raw in text.split("\n"):
        clean = re.sub(r"[ \t\u00a0\u200b]+", " ", raw).strip()
        if not clean:
            block += 1
            continue
        last = lines[-1] if lines else None
        if last is not None and last.block == block and _wrapped(last.text, clean):
            last.text = f"{last.text} {clean}"
            last.words = _count_words(last.text)
            continue
        lines.append(_Line(len(lines), clean, block, _count_words(clean)))
    return lines


def resolve_references(text: str) -> str:
    """'&amp;' -> '&', '&#39;' -> "'": markup a plain-text copy carried along; wire typesetting codes
    ('&QL;') become spaces."""
    return CHAR_REFERENCE.sub(_resolved, R.TYPESETTING_CODE.sub(" ", text))


def _resolved(reference: re.Match[str]) -> str:
    """The character a reference stands for; control characters and line breaks stay written out."""
    char = html.unescape(reference.group())
    return reference.group() if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in char) else char


def _wrapped(text: str, following: str) -> bool:
    """Hard-wrapped prose: a longish line stopping mid-sentence, the next one going on in lower case."""
    return (len(text.split()) >= R.WRAP_MIN_WORDS and not _ends_sentence(text)
            and not text.endswith((":", "|")) and following[:1].islower())


def _count_words(text: str) -> int:
    """Words, counting two characters of unspaced scripts (Chinese, Japanese, Thai ...) as one word."""
    unspaced = len(R.UNSPACED.findall(text))
    return len(text.split()) + unspaced // 2


def _match_cue(line: _Line) -> R.Cue | None:
    """The first cue whose pattern matches this line and whose word limit it keeps."""
    for cue in R.CUES:
        if line.words <= cue.max_words and cue.pattern.search(line.text):
            return cue
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip(R.CLOSERS + " ")[-1:] in R.SENTENCE_END


def _is_prose(line: _Line) -> bool:
    """Article-like running text: long, or a full sentence of some length, and no widget cue."""
    if line.cue is not None:
        return False
    if line.words >= R.PROSE_MIN_WORDS:
        return True
    return line.words >= R.SENTENCE_MIN_WORDS and (_ends_sentence(line.text) or line.text.endswith(":"))


def _is_sentence(line: _Line) -> bool:
    return _ends_sentence(line.text) and line.words >= 3 and not line.text.rstrip().endswith("...")


def _article_like(line: _Line) -> bool:
    """Third-person running text outside quotes: what articles are made of, and appeals and comments rarely are."""
    if not (_is_prose(line) and _is_sentence(line)) or line.words < R.CONTINUATION_LINE_WORDS:
        return False
    outside = R.QUOTED.sub(" ", line.text)
    return not (R.PUBLISHER_VOICE.search(outside) or R.FIRST_PERSON.search(outside)
                or line.text.rstrip(R.CLOSERS).endswith(("?", "!")))


def _first_prose(lines: list[_Line]) -> int:
    return next((ln.index for ln in lines if _is_prose(ln)), len(lines))


def _article_words_before(lines: list[_Line]) -> list[int]:
    total, out = 0, []
    for line in lines:
        out.append(total)
        if _article_like(line):
            total += line.words
    return out


# --------------------------------------------------------------- the article end
def _article_end(lines: list[_Line]) -> int:
    """Index of the first line after the article: a terminal cue after enough prose, not followed by more article."""
    before = _article_words_before(lines)
    after = _article_words_after(lines)
    for line in lines:
        cue = line.cue
        if (cue and cue.terminal and before[line.index] >= R.ARTICLE_MIN_WORDS
                and after[line.index] < R.CONTINUATION_MIN_WORDS):
            return line.index
    return len(lines)


def _article_words_after(lines: list[_Line]) -> list[int]:
    """Words of article-like lines after each line (a mid-article "Related" box has the article go on after it)."""
    total, out = 0, [0] * len(lines)
    for line in reversed(lines):
        out[line.index] = total
        if line.cue is not None and line.cue.kind == "comment" and line.cue.role == "header":
            total = 0  # reader comments begin here: what follows is no article
        if _article_like(line):
            total += line.words
    return out


# ------------------------------------------------------------------ the head
def _mark_head(lines: list[_Line], head_end: int) -> None:
    """Before the first prose line: cues, dates, bylines, the title, and menus (short non-sentences)."""
    head = lines[:head_end]
    for line in head:
        line.kind = _fixed_kind(line)
    title = _title_line(head)
    if title is not None:
        title.kind = TITLE
    for line in head:
        if line.kind is None and line.words <= R.NAV_MAX_WORDS and not _is_sentence(line):
            line.kind = "navigation"


def _fixed_kind(line: _Line) -> str | None:
    """Kinds a line has wherever it stands: cue lines, datelines, bylines, URL-only lines."""
    if line.cue is not None:
        return _cue_kind(line.cue)
    if _dateline(line.text) is not None:
        return "dateline"
    if _byline(line.text) is not None:
        return "byline"
    if line.words <= 3 and R.URL_OR_EMAIL.search(line.text) and not _is_sentence(line):
        return "boilerplate"
    return None


def _cue_kind(cue: R.Cue) -> str:
    """Comment widgets and headers are page furniture; only the comments' own text is kind "comment"."""
    return "boilerplate" if cue.kind == "comment" else cue.kind


def _headline_like(line: _Line) -> bool:
    text = line.text
    return (
        R.HEADLINE_MIN_WORDS <= line.words <= R.HEADLINE_MAX_WORDS
        and len(text) <= R.HEADLINE_MAX_CHARS
        and not text.rstrip(R.CLOSERS).endswith((".", ",", ":", ";"))
        and line.cue is None
    )


def _title_line(head: list[_Line]) -> _Line | None:
    """The headline: the last headline-like line before the first dateline/byline, else before the prose."""
    stop = next((ln.index for ln in head if ln.kind in ("dateline", "byline")), None)
    candidates = [ln for ln in head if ln.kind is None and _headline_like(ln) and (stop is None or ln.index < stop)]
    if not candidates:
        return None
    if stop is None:
        longer = [ln for ln in candidates if ln.words > R.HEADLINE_MIN_WORDS]
        candidates = longer or candidates
    return candidates[-1]


# ---------------------------------------------------------------- the middle
def _mark_inline(lines: list[_Line], head_end: int, end: int) -> None:
    """Inside the article: widget lines, captions beside credits, lists under a header, odd-script lines."""
    script = _main_script(lines)
    head_limit = max(head_end + 3, int(len(lines) * R.HEAD_FRACTION))
    listing = False
    for line in lines[head_end:end]:
        kind = _fixed_kind(line)
        if kind in ("dateline", "byline") and line.index > head_limit:
            kind = None
        if kind is None and listing and not _is_prose(line):
            kind = "related"
        if kind is None and line.words <= 4 and _script(line.text) not in (script, None):
            kind = "boilerplate"
        listing = (line.cue is not None and line.cue.role == "header") or (listing and kind == "related")
        line.kind = kind
    _mark_captions(lines)
    _mark_repeats(lines[head_end:end])
    _mark_sandwiched(lines)


def _mark_captions(lines: list[_Line]) -> None:
    """A short non-sentence next to a credit line in the same block is its caption."""
    sizes: dict[int, int] = {}
    for line in lines:
        sizes[line.block] = sizes.get(line.block, 0) + 1
    for i, line in enumerate(lines):
        if line.kind != "credit":
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines):
                other = lines[j]
                alone = sizes[line.block] == 2  # caption and credit set apart by blank lines
                if (other.kind is None and other.block == line.block and other.words <= R.CAPTION_MAX_WORDS
                        and (alone or not _is_prose(other))):
                    other.kind = "credit"


def _mark_sandwiched(lines: list[_Line]) -> None:
    """A promotional line between two removed lines of one promotional kind belongs to that block; not one
    between two copies of one line: a footer printed above and below ("© 2019 All rights reserved.")
    frames the body, it is not one block around it (issue 21)."""
    for prev, line, nxt in zip(lines, lines[1:], lines[2:]):
        if (line.kind is None and prev.kind in PROMO_KINDS and nxt.kind == prev.kind
                and _norm(prev.text) != _norm(nxt.text)
                and _promotional(line, prev)):
            line.kind = prev.kind


def _mark_repeats(lines: list[_Line]) -> None:
    """A non-sentence printed twice in a row is a teaser (headline lists print headline and link text)."""
    for a, b in zip(lines, lines[1:]):
        if _norm(a.text) == _norm(b.text) and not _is_prose(a):
            for line in (a, b):
                if line.kind is None:
                    line.kind = "related"


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.casefold()).strip()


def _script(text: str) -> str | None:
    """The writing system of a text's letters (LATIN, ARABIC, CJK ...), by its first letter's Unicode name."""
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return name.split(" ")[0] if name else None
    return None


def _main_script(lines: list[_Line]) -> str | None:
    counts: dict[str, int] = {}
    for line in lines:
        script = _script(line.text)
        if script:
            counts[script] = counts.get(script, 0) + len(line.text)
    return max(counts, key=lambda k: counts[k]) if counts else None


# ------------------------------------------------------------------ the tail
def _mark_tail(lines: list[_Line], end: int) -> None:
    """After the article: promotional blocks while the publisher speaks, lists, then reader comments."""
    if end >= len(lines):
        return
    cue = lines[end].cue
    mode = cue.kind if cue else "related"
    for i in range(end, len(lines)):
        line = lines[i]
        if line.cue is not None and line.cue.role == "chrome":
            line.kind = "boilerplate"
        elif line.cue is not None:
            mode = line.cue.kind
            line.kind = _cue_kind(line.cue)
        elif (kind := _fixed_kind(line)) is not None:
            line.kind = "boilerplate" if mode == "comment" else kind
        elif mode in PROMO_KINDS and line.words >= R.PROMO_MIN_WORDS and _promotional(line, lines[i - 1]):
            line.kind = mode
        elif not _is_sentence(line) and not _is_prose(line):
            line.kind = _tail_fragment_kind(lines, i, mode)
        elif mode == "related" and not _opinion(line):
            line.kind = "related"
        else:
            line.kind = mode = "comment"


def _tail_fragment_kind(lines: list[_Line], i: int, mode: str) -> str:
    """A short non-sentence after the article: a username over a comment, a list item, a menu entry."""
    if mode == "comment":
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if lines[i].words <= 3 and nxt is not None and nxt.cue is not None and nxt.cue.role == "chrome":
            return "boilerplate"
        return "comment"
    if mode == "related" or lines[i].words > 3:
        return "related"
    return "navigation"


def _promotional(line: _Line, previous: _Line) -> bool:
    """The publisher addressing readers: we/our/us, calls to act, or 'you' right after such a line."""
    text = R.QUOTED.sub(" ", line.text)
    if R.PUBLISHER_VOICE.search(text) or R.PROMO_WORDS.search(text):
        return True
    return bool(R.READER_ADDRESS.search(text)) and previous.kind in PROMO_KINDS


def _opinion(line: _Line) -> bool:
    """Reader-comment tone: first person, questions, exclamations."""
    return bool(R.FIRST_PERSON.search(line.text)) or line.text.rstrip().endswith(("?", "!"))


def _mark_trailing_run(lines: list[_Line]) -> None:
    """A run of headline-like lines closing the text, or one repeated line there, is a teaser list."""
    run: list[_Line] = []
    for line in reversed(lines):
        if line.kind is not None:
            if run or line.kind == TITLE:
                break
            continue
        if _is_sentence(line) or _is_prose(line):
            break
        run.append(line)
    repeated = len({_norm(ln.text) for ln in run}) < len(run)
    if len(run) >= R.TAIL_RUN_MIN or (run and repeated):
        for line in run:
            line.kind = "related" if line.words > 3 or len(run) > 1 else "navigation"


def _mark_list_runs(lines: list[_Line]) -> None:
    """Runs of headline-like lines are menus and teaser lists, wherever they stand, unless a line ending
    in a colon introduces them (an article's own list)."""
    run: list[_Line] = []
    intro = False
    for line in [*lines, None]:
        if line is not None and line.kind is not None:
            continue  # marked lines (chrome, duplicates) neither break nor lengthen a run
        if line is not None and _listy(line):
            run.append(line)
            continue
        if len(run) >= R.LIST_RUN_MIN and not intro:
            long = sum(ln.words > 3 for ln in run) * 2 >= len(run)
            for item in run:
                item.kind = "related" if long else "navigation"
        run = []
        intro = line is not None and line.text.endswith(":")


def _listy(line: _Line) -> bool:
    """A list item: no full stop at its end and shorter than running prose (questions and quotes allowed)."""
    return line.words < R.PROSE_MIN_WORDS and line.text.rstrip(R.CLOSERS)[-1:] not in ".;:。" and (
        line.words <= 3 or not _is_prose(line) or line.text.rstrip(R.CLOSERS).endswith(("?", "!")))


def _mark_doubtful(lines: list[_Line]) -> None:
    """favor_precision: also drop short non-sentences outside the article's prose (lone labels, teasers)."""
    for i, line in enumerate(lines):
        if line.kind is None and line.words <= R.NAV_MAX_WORDS and not _is_sentence(line):
            neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
            if all(n.kind is not None for n in neighbours):
                line.kind = "navigation"


# ---------------------------------------------------------------- assembling
def _paragraphs(body: list[_Line]) -> list[str]:
    """Body lines are the paragraphs (hard-wrapped lines were joined when the text was read)."""
    return [line.text for line in body]


def _removed(lines: list[_Line]) -> list[Removed]:
    """Removed blocks in document order; neighbouring lines of one kind in one block make one record."""
    out: list[Removed] = []
    previous: _Line | None = None
    for line in lines:
        if line.kind is None or line.kind == TITLE:
            previous = None
            continue
        joinable = (previous is not None and previous.kind == line.kind and previous.block == line.block
                    and line.kind != "comment")
        if joinable and out:
            out[-1] = Removed(line.kind, f"{out[-1].text}\n{line.text}")
        else:
            out.append(Removed(line.kind, line.text))
        previous = line
    return out


# ------------------------------------------------------------------ metadata
def _dateline(text: str) -> str | None:
    """ISO date of a line that is a dateline (a date with labels, time, maybe a byline), else None."""
    words = len(text.split())
    if words > R.DATELINE_MAX_WORDS:
        return None
    for pattern in R.DATE_PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        iso = _iso(match)
        if iso is None:
            continue
        rest = text[: match.start()] + " " + text[match.end():]
        rest = R.DATELINE_WORDS.sub(" ", R.TIME.sub(" ", rest))
        rest = re.sub(r"^\W*(by|von|par|por)\s+", " ", re.sub(r"[^\w\s]", " ", rest), flags=re.I)
        leftover = [w for w in rest.split() if not w.isdigit()]
        labelled = bool(R.DATELINE_LABEL.search(text))
        if len(leftover) <= R.DATELINE_REST_MAX_WORDS or (labelled and len(leftover) <= 2 * R.DATELINE_REST_MAX_WORDS):
            return iso
        return None
    return None


def _iso(match: re.Match[str]) -> str | None:
    """YYYY-MM-DD from a date regex match, None when it is no calendar date."""
    import datetime

    groups = match.groupdict()
    month = R.MONTHS.get((groups.get("month") or "").lower().rstrip(".")) if groups.get("month") else None
    if month is None and groups.get("mnum"):
        month = int(groups["mnum"])
    try:
        return datetime.date(int(groups["year"]), month or 0, int(groups["day"])).isoformat()
    except (TypeError, ValueError):
        return None


def _byline(text: str) -> str | None:
    """The author's name when the line is a byline ("By Jane Smith", "Jane Smith | Reporter")."""
    if len(text.split()) > R.BYLINE_MAX_WORDS + 6:
        return None
    for pattern in R.BYLINE_PATTERNS:
        match = pattern.search(text)
        if match:
            name = re.split(r"\s*[|•·]\s*|\s+(?:on|at|published|updated)\b", match.group("name"))[0]
            return name.strip(" ,.-") or None
    return None


def _date(lines: list[_Line]) -> str | None:
    """Date of the first dateline in the head part of the text (comment timestamps come later)."""
    limit = max(8, int(len(lines) * R.HEAD_FRACTION))
    for line in lines[:limit]:
        if line.kind in ("dateline", "byline", TITLE, "navigation", None):
            iso = _dateline(line.text)
            if iso is not None:
                return iso
    return None


def _author(lines: list[_Line]) -> str | None:
    limit = max(8, int(len(lines) * R.HEAD_FRACTION))
    for line in lines[:limit]:
        if line.kind in ("byline", "dateline"):
            name = _byline(line.text)
            if name:
                return name
    for line in lines:  # a wire trailer: "Reporting by Jane Smith; Editing by ..."
        match = R.REPORTING_BY.search(line.text) if line.kind == "byline" else None
        if match:
            return match.group("name")
    return None


def _outlet(lines: list[_Line]) -> str | None:
    """The publisher where the text names it: copyright line, agency dateline, own picture credit, appeal."""
    for line in lines:
        for pattern, credit in R.OUTLET_PATTERNS:
            match = pattern.search(line.text)
            if match is None:
                continue
            name = match.group("name").strip(" .,'’")
            if name and not (credit and name.casefold() in R.AGENCIES) and name.casefold() != "all rights reserved":
                return name
    return None


def _lang(body: str) -> str | None:
    """ISO 639-1 code of the body by py3langid; None when there is too little text."""
    if len(body) < R.LANG_MIN_CHARS:
        return None
    from .lang import language  # function words for plain English, else py3langid

    return language(body[:LANG_SAMPLE_CHARS])
