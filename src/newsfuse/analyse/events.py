"""Dated events: one Event per (sentence, date), the date normalised to ISO or an ISO prefix.

Absolute dates: "22 March 2017", "22nd March 2017", "March 22, 2017", "2017-03-22" -> 2017-03-22;
"October 2018", "August of 1996" -> 2018-10, 1996-08; "in 2017" -> 2017.

A date without a year ("March 22", "in August", "on Tuesday") follows the tense of its clause, as
dateparser's PREFER_DATES_FROM does against a RELATIVE_BASE: future ("will run on Feb. 13", "is set to",
"upcoming") -> the next occurrence on or after the article date; past ("was", "had", a verb in -ed) or no
tense marker -> the latest before it: the article's year, the year before when that would put it more than a
month after the article (a month of slack: article dates often trail the events by a day or two).

Relative dates are resolved against Article.date and skipped when the article has no date:
- "today"/"yesterday"/"tomorrow", "N days/weeks ago" -> a day;
- a weekday ("on Tuesday", "Tuesday night") -> the latest such day on or before the article date (an
  article dated Tuesday 2018-12-04 saying "on Tuesday" means that day); "last Tuesday" -> strictly
  before; "next Tuesday" -> strictly after;
- "last week" -> the month of the day a week earlier (a week has no ISO prefix); "last month",
  "N months ago", "earlier this month" -> a month; "last year", "N years ago", "this year" -> a year.

Dates inside direct quotes and in timestamp lines ("4 December 2018, 09:12 | Updated ...") are skipped.
The event text is the clause around the date (the sentence when short), see `event_text`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..models import Article, Event, Mention, Sentence
from ..text.dates import MONTHS, WEEKDAYS
from .entities import sentence_offsets
from .quotes import quote_spans

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0, "few": 0}
MIN_YEAR, MAX_YEAR = 1800, 2100
MIN_EVENT_WORDS = 4  # alphabetic words a sentence needs (beyond month names) to be an event, not a timestamp
SHORT_SENTENCE_WORDS = 22  # sentences up to this long are the event text as they are
MIN_CLAUSE_WORDS = 12  # an event text shorter than this takes in the neighbouring clauses
FUTURE_SLACK_DAYS = 31  # a year-less date this far past the article date belongs to the year before

_M = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>1[89]\d\d|20\d\d)"
_N = r"(?P<n>\d+|" + "|".join(NUMBER_WORDS) + r")"
_W = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("iso", r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b"),
        ("dmy", rf"\b{_D}(?: of)? {_M},? {_Y}\b"),
        ("mdy", rf"\b{_M} {_D}(?:,)? {_Y}\b"),
        ("my", rf"\b{_M},?(?: of)? {_Y}\b"),
        ("dm", rf"\b{_D}(?: of)? {_M}\b"),
        ("m", rf"\b(?:in|since|by|until|from|during|early|late|mid-|last|this) {_M}\b(?! \d)"),
        ("md", rf"\b{_M} {_D}\b(?!:)"),
        ("ago", rf"\b{_N} (?P<unit>day|week|month|year)s? ago\b"),
        ("rel_day", r"\b(?P<word>today|yesterday|tomorrow)\b"),
        ("last_unit", r"\b(?P<which>last|this|earlier this|later this) (?P<unit>week|month|year)\b"),
        ("weekday", rf"\b(?:(?P<which>last|next|this|on|since|by|until) )?{_W}\b"),
        ("year", rf"\b(?:in|since|by|of|until|from|during|early|late|mid-|before|after) {_Y}\b"),
    )
)
FUTURE_MARK = re.compile(
    r"\b(?:will|shall|won't|going to|upcoming|(?:is|are|am)\s+(?:\w+\s+)?"
    r"(?:set|scheduled|due|slated|expected|planned|poised|to)\b)|\w'll\b", re.IGNORECASE)
IRREGULAR_PAST = ("said|told|went|came|began|won|lost|made|took|gave|met|ran|wrote|saw|found|became|left|"
                  "held|fell|rose|got|sent|spent|paid|sold|built|led|kept|brought|thought|struck|died")
NOT_PAST_ED = "need|indeed|hundred|speed|feed|seed|breed|exceed|succeed|proceed|greed|bleed|embed"
PAST_MARK = re.compile(rf"\b(?:was|were|had|did|{IRREGULAR_PAST}|(?<!is )(?<!are )(?<!be )(?<!been )(?<!to )"
                       rf"(?!(?:{NOT_PAST_ED})\b)[a-z]{{3,}}ed)\b")
FUTURE_WEEKDAY_WORDS = {"", "on", "by", "until"}  # "will meet on Tuesday": the next Tuesday on or after
# "a final new Sunday strip", "every Monday meeting": a bare weekday after a determiner and before a noun
# names a kind of day, not a date ("on the Sunday before", "officials Tuesday said" stay dates)
WEEKDAY_ATTRIBUTE = re.compile(
    r"(?<!\bon )\b(?:a|an|the|every|each|its|their|his|her|our)\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|before|after|and|or)\b", re.IGNORECASE)
_QUOTED = re.compile(r'“[^”]*(?:”|$)|"[^"]*(?:"|$)')
_CLAUSE_CUT = re.compile(r"[,;:]\s+|\s+(?:when|while|but|whereas|although|after|before|because)\s+")


def find_dates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Every date expression in text: (start, end, kind, match), longest first where they overlap."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            if m.groupdict().get("month") == "may" or m.groupdict().get("month") == "mar":
                continue  # the verb "may", not the month
            if kind == "weekday" and not m.group("which") and _weekday_attribute(text, m):
                continue
            if not any(a <= m.start() < b or a < m.end() <= b for a, b, _, _ in found):
                found.append((m.start(), m.end(), kind, m))
    return sorted(found)


def clause_tense(sentence: str, start: int, end: int) -> str | None:
    """'future', 'past' or None for the clause (between commas, semicolons, 'when'...) holding a date."""
    sentence = _QUOTED.sub(lambda m: " " * len(m.group()), sentence)  # "We will all miss him," he said Saturday
    cuts = [0] + [m.end() for m in _CLAUSE_CUT.finditer(sentence) if m.end() <= start]
    after = [m.start() for m in _CLAUSE_CUT.finditer(sentence) if m.start() >= end]
    clause = sentence[max(cuts):min(after, default=len(sentence))]
    if FUTURE_MARK.search(clause):
        return "future"
    return "past" if PAST_MARK.search(clause) else None


def _weekday_attribute(text: str, m: re.Match[str]) -> bool:
    """A bare weekday used as an attribute ("the Sunday strip"): determiner before, a lower-case noun after."""
    after = text[m.end():]
    return (bool(WEEKDAY_ATTRIBUTE.search(text[:m.start()])) and bool(re.match(r"\s+[a-z]", after))
            and not TIME_OF_DAY.match(after))


def resolve(kind: str, m: re.Match[str], article_date: str | None, tense: str | None = None) -> str | None:
    """ISO date or ISO prefix for one match; relative dates need the article date (else None).

    tense ('future', 'past' or None, see clause_tense) picks the year of a year-less date and the week
    of a bare weekday."""
    g = m.groupdict()
    if kind in {"iso", "dmy", "mdy"}:
        return _ymd(int(g["year"]), _month(g["month"]), int(g["day"]))
    if kind == "my":
        return f"{int(g['year']):04d}-{_month(g['month']):02d}"
    if kind == "year":
        return g["year"]
    base = _base(article_date)
    if base is None:
        return None
    if kind in {"dm", "md"}:
        return _yearless(base, _month(g["month"]), int(g["day"]), tense)
    if kind == "m":
        iso = _yearless(base, _month(g["month"]), 1, tense)
        return iso[:7] if iso else None
    if kind == "ago":
        return _ago(base, g["n"].lower(), g["unit"].lower())
    if kind == "rel_day":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
        return (base + dt.timedelta(days=shift)).isoformat()
    if kind == "last_unit":
        return _last_unit(base, g["which"].lower(), g["unit"].lower())
    if kind == "weekday":
        which = (g["which"] or "").lower()
        if tense == "future" and which in FUTURE_WEEKDAY_WORDS:
            which = "on_or_after"
        return _weekday(base, WEEKDAYS.index(g["weekday"].lower()), which)
    return None


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat() if MIN_YEAR <= year <= MAX_YEAR else None
    except ValueError:
        return None


def _base(article_date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article_date[:10]) if article_date else None
    except ValueError:
        return None


def _yearless(base: dt.date, month: int, day: int, tense: str | None = None) -> str | None:
    """'March 22' in an article dated base: future tense -> the next such day on or after base; else this
    year, or last year when that lies more than a month after base (an article's date can trail the
    events it reports by a day or two, so a past-tense clause keeps that slack too)."""
    iso = _ymd(base.year, month, day)
    if not iso:
        return _ymd(base.year + (1 if tense == "future" else -1), month, day)  # 29 February
    ahead = dt.date.fromisoformat(iso) - base
    if tense == "future":
        return iso if ahead >= dt.timedelta(0) else _ymd(base.year + 1, month, day)
    return _ymd(base.year - 1, month, day) if ahead > dt.timedelta(days=FUTURE_SLACK_DAYS) else iso


def _ago(base: dt.date, n_word: str, unit: str) -> str | None:
    n = int(n_word) if n_word.isdigit() else NUMBER_WORDS.get(n_word, 0)
    if n <= 0:
        return None
    if unit in {"day", "week"}:
        return (base - dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    if unit == "month":
        total = base.year * 12 + base.month - 1 - n
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    return f"{base.year - n:04d}"


def _last_unit(base: dt.date, which: str, unit: str) -> str:
    back = which == "last"
    if unit == "week":
        day = base - dt.timedelta(days=7 if back else 0)
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "month":
        total = base.year * 12 + base.month - 1 - (1 if back else 0)
        return f"{total // 12:04d}-{total % 12 + 1:02d}"
    return f"{base.year - (1 if back else 0):04d}"


def _weekday(base: dt.date, weekday: int, which: str) -> str:
    """Latest such weekday on or before base; 'last' strictly before, 'next' strictly after,
    'on_or_after' (a future-tense clause) the next on or after."""
    if which in {"next", "on_or_after"}:
        ahead = (weekday - base.weekday()) % 7 or (7 if which == "next" else 0)
        return (base + dt.timedelta(days=ahead)).isoformat()
    back = (base.weekday() - weekday) % 7
    if which == "last" and back == 0:
        back = 7
    return (base - dt.timedelta(days=back)).isoformat()


def event_text(sentence: str, start: int, end: int) -> str:
    """The clause holding the date, widened with neighbouring clauses to a readable length."""
    if len(sentence.split()) <= SHORT_SENTENCE_WORDS:
        return sentence.strip()
    cuts = [(0, 0)] + [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(sentence)] + [(len(sentence),) * 2]
    i = max(k for k in range(len(cuts) - 1) if cuts[k][1] <= start)  # clause starts after cut i
    j = min(k for k in range(i + 1, len(cuts)) if cuts[k][0] >= end)  # and ends before cut j

    def size() -> int:
        return len(sentence[cuts[i][1]:cuts[j][0]].split())

    while size() < MIN_CLAUSE_WORDS and (i > 0 or j < len(cuts) - 1):
        if j < len(cuts) - 1:
            j += 1
        if size() < MIN_CLAUSE_WORDS and i > 0:
            i -= 1
    clause = sentence[cuts[i][1]:cuts[j][0]]
    marks = [k for k, ch in enumerate(clause) if ch in '"“”']
    if len(marks) % 2 and marks[0] < start - cuts[i][1]:
        clause = clause[marks[0] + 1:]  # do not open the event text halfway through a quote
    clause = re.sub(r"^\s*(?:when|while|but|and|whereas|although|because)\s+", "", clause)
    return clause.strip().rstrip(",;:")


def find_events(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Event]:
    """One Event per (sentence, normalised date), dates in quotes and timestamp lines skipped."""
    text = article.text
    quoted = [(q.start, q.end) for q in quote_spans(text)]
    offsets = sentence_offsets(article, sentences)
    events: list[Event] = []
    for sentence, base in zip(sentences, offsets):
        alpha = [w for w in re.findall(r"[A-Za-z]+", sentence.text) if w.lower() not in MONTHS]
        if len(alpha) < MIN_EVENT_WORDS:
            continue
        seen: set[str] = set()
        for start, end, kind, m in find_dates(sentence.text):
            if any(a < base + start < b for a, b in quoted):
                continue
            iso = resolve(kind, m, article.date, clause_tense(sentence.text, start, end))
            if iso and iso not in seen:
                seen.add(iso)
                events.append(Event(iso, event_text(sentence.text, start, end), sentence.index))
    return events
