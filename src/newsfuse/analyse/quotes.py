"""Direct quotes and their speakers.

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

The speaker is first the subject of the cue verb the quote hangs from in spaCy's dependency parse
(analyse/speaker_parse.py: "Trump said Duterte's comments showed “…”" -> Trump, "Mike Pence of Indiana told
Fox News “…”" -> Pence); failing that, the rules below (`attribute`); failing those, the subject of the main
clause above the quote when it names someone ("Sanders hopes to “win …”"). The rules read the sentence
around the quote, in this order:
1. the text before the quote ends in an introducer: "X said: “…”", "X said, “…”", "X said that “…”";
2. the text after it: "“…,” X said", "“…,” said X", "“…,” X, the chief coroner, said", "“…,” according to X";
3. a speech verb earlier in the sentence ("X said the chance was “unacceptable”"), or a colon after
   the subject without one ("Neil Basu accepted the findings: “…”");
4. a quote in a list item, or right after a paragraph that ends in a colon, takes the subject of that
   introducing sentence ("The report makes these assertions:" / "--Atlanta: “…”");
5. a quote that opens its sentence (or follows only "and"/"but", or is a list item) with no attribution
   continues the speaker of the previous quote when that one ends in the same or the previous paragraph
   ("“A,” said X, a lawyer. “B.”", "Dunford wrote, there “A,” and “B.”");
6. a quote with no attribution of its own in the same sentence as the previous quote shares its speaker
   ("“A,” said X, standing before legislators, “B”", "Tobin said “common ground” could be found because “B”").
A speech verb in the passive ("whose nomination must be confirmed by the Senate") starts no clause.
A quote inside a running clause ("said it was “forced to pull out” its doctors when officials told …")
takes a speaker after it only when that attribution is set off by a comma ("…, said Goemaere").
The subject of a speech verb is its first candidate (person, organisation, pronoun) that is neither a
possessor ("Palmer's widow") nor the object of a preposition ("at the Old Bailey"); failing that, the
object of "for" ("a spokesperson for the Met Police" -> the Met Police); failing that, the name right
after the verb ("said X"). Pronouns resolve to the nearest earlier person (he/she, gender-checked by
title and role) or organisation (it/they) outside quotes; so does a party epithet ("said the Mattapan
Democrat", "the Texas Republican said"), to a person, never to the place that qualifies it. Names resolve to the article's full name
(analyse/entities.py: "Mr Lucraft QC" -> "Mark Lucraft QC"); organisations to the canonical name.
Other subjects:
- a document (DOCUMENT_NOUNS: "the report says", "according to the indictment") speaks for its author,
  found at an earlier mention ("the report by X", "X's report", "X released a report"); else it is
  its own speaker ("the report");
- an organisation noun (ORG_NOUNS: "the organization", "the center") is the nearest earlier organisation
  (for a specific noun, one whose name has that word);
- a role noun ("the coroner", "the Met Police Commissioner") is the one person holding that office, rank
  words agreeing (DISTINCT_RANKS: "acting commissioner" is another office); else, for a singular office,
  the current speaker of the passage (previous quote's speaker or a nearby person followed by a speech
  verb) unless they are known by another office; a plural ("the ministers") is the group named earlier
  ("EU finance ministers"); a name right before a role word only qualifies it ("said Rochester Meats
  spokeswoman Joanne Randen").
An apposition that describes ("Raghunath, a former ambassador to Bangladesh, said") is skipped to reach
the name; spans in title case with no speaker ("Waco: A New Revelation") are titles, not quotes.

Spans of fewer than QUOTE_MIN_WORDS words are scare quotes or phrases: they are kept as RawQuotes
(at least FRAGMENT_MIN_WORDS words) only so align/quotes.py can count them as an extra source of a
longer quote from another outlet; they never stand alone as a story quote.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Article, Mention, RawQuote, Sentence
from .entities import (
    ROLE_MODIFIERS,
    ROLE_WORDS,
    ArticleNames,
    Named,
    Span,
    article_names,
)
from .speaker_parse import parse_candidate

QUOTE_MIN_WORDS = 4  # a quote with fewer words is a scare quote / phrase, never a standalone quote
FRAGMENT_MIN_WORDS = 2  # shorter spans are not kept at all
MAX_TAIL_WORDS = 12  # words allowed between a speech verb and the quote it introduces
MAX_THAT_TAIL_WORDS = 30  # ... when a 'that' clause carries the quote ('X argued that if …, “…”')
MAX_POST_WORDS = 14  # words allowed between a quote and the speech verb after it

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SPEECH_VERBS = (
    "said says say saying told tells telling added adds adding explained explains stated states wrote writes "
    "writing asked asks tweeted tweets posted insisted insists noted notes warned warns argued argues continued "
    "claimed claims declared replied replies announced commented comments recalled admitted admits acknowledged "
    "confirmed conceded suggested suggests urged stressed remarked observed responded testified concluded ruled "
    "cautioned predicted vowed promised pledged pledges joked quipped shouted exclaimed complained lamented countered retorted "
    "emphasised emphasized maintained pleaded begged recounted described reiterated reported reports contends contended "
    "contend asserted asserts accused accuses called calls"
).split()
# A capitalised verb mid-sentence is part of a name ('the United States are', 'Consumer Reports'), no cue.
_LOWER_OR_OPENING = r"(?:(?=(?-i:[a-z]))|(?<!(?-i:[A-Za-z,;]) ))"
_SPEECH = re.compile(r"\b" + _LOWER_OR_OPENING + r"(?:according to|pointed out|went on|wanted to know|wants to know|"
                     + "|".join(SPEECH_VERBS) + r")\b", re.IGNORECASE)
_MONTHS_DAYS = frozenset(
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday".split()
)
_PRONOUN = re.compile(r"\b(he|she|they|it|He|She|They|It)\b")
_PREPOSITIONS = frozenset("of for at in on by with from to about against into over under than after before".split())
_ROLE_NOUN = re.compile(
    r"\b(?:the|a|an)\s+((?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(ROLE_WORDS)) + r")s?)\b", re.IGNORECASE
)
# Speakers that are documents ("the report says") speak for their author ("the report by X", "X's report").
DOCUMENT_NOUNS = frozenset(
    """report statement study survey indictment complaint lawsuit letter memo memorandum ruling filing guidebook
    guidance document analysis audit review announcement motion judgment judgement verdict resolution communique
    communiqué declaration bulletin guidelines petition affidavit transcript warrant editorial manifesto proposal
    paper dossier assessment findings order press-release""".split()
)
# Nouns that stand for an organisation named earlier ("the organization", "the center").
ORG_NOUNS = frozenset(
    """organization organisation group agency company firm center centre charity union department ministry council
    committee board commission association institute foundation coalition campaign party watchdog regulator
    network bank""".split()
)
# Names for one piece of research: "a study released by the department" ... "the report said".
STUDY_NOUNS = frozenset("report study survey analysis review findings assessment audit paper".split())
GENERIC_ORG_NOUNS = frozenset("organization organisation group agency company firm charity".split())
# Rank words that make a different office: "acting commissioner" is not "the commissioner".
DISTINCT_RANKS = frozenset("acting deputy assistant vice former interim associate retired ex junior shadow".split())
AUTHOR_VERBS = r"(?:issued|released|published|filed|sent|put out|produced|wrote|unveiled|made public|prepared)"
_PLAIN_PREPOSITION = re.compile(r"\b(?:in|on|at|with|from|of|by|under|into|through|for|about)\s+$", re.IGNORECASE)
_DETERMINER = r"\b(?:the|a|an|this|that|its|their|his|her|[A-Za-z][\w-]*['’]s)\s+"
_DOCUMENT = re.compile(_DETERMINER + r"((?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(DOCUMENT_NOUNS)) + r"))\b(?!['’])",
                       re.IGNORECASE)
_ORG_NOUN = re.compile(r"\b(?:the|this|that)\s+(" + "|".join(sorted(ORG_NOUNS)) + r")\b(?!['’])", re.IGNORECASE)
# Party epithets of newswire copy: "said the Mattapan Democrat", "the Texas Republican said". They stand for
# the person the passage is about (like "he"), never for the place that qualifies them.
PARTY_NOUNS = ("Democrat", "Republican", "Independent", "Tory", "Conservative", "Liberal", "Socialist")
_EPITHET = re.compile(r"\bthe\s+((?:[A-Z][\w.'’-]*\s+){0,3}(?:" + "|".join(PARTY_NOUNS) + r"))\b"
                      r"(?=\s*(?:[,.;:!?)\"”]|$)|\s+(?:" + "|".join(SPEECH_VERBS) + r")\b)")
LIST_MARKER = r"(?:--|[-–—•*·])\s*"  # a paragraph opening with one of these is a list item
_ABBREV = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bNo)(?<!\bU\.S)(?<!\b[A-Z])"  # titles, initials ('Danny O. Coulson')
_SENTENCE_END = re.compile(_ABBREV + r"[.?!][\"”’']?\s+(?=[\"“‘'A-Z]|$)")
_INTRO_END = re.compile(r"(?::|\b(?:that|as|saying)|" + _SPEECH.pattern + r"\s*,?)\s*$", re.IGNORECASE)


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


# ------------------------------------------------------------------- attribution
@dataclass
class Candidate:
    kind: str  # person | organisation | pronoun | role | epithet | document | orgnoun
    text: str
    start: int
    span: Span | None = None


def _zone_bounds(text: str, span: QuoteSpan, spans: Sequence[QuoteSpan], k: int) -> tuple[int, int, int, int]:
    """(pre_start, pre_end, post_start, post_end): the sentence around the quote, cut at other quotes."""
    line_start = max(text.rfind("\n", 0, span.start) + 1, spans[k - 1].end if k > 0 else 0)
    pre = text[line_start:span.start]
    cuts = list(_SENTENCE_END.finditer(pre))
    pre_start = line_start + (cuts[-1].end() if cuts else 0)
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    if k + 1 < len(spans):
        line_end = min(line_end, spans[k + 1].start)
    post = text[span.end:line_end]
    cut = _SENTENCE_END.search(post)
    post_end = span.end + (cut.start() + 1 if cut else len(post))
    return pre_start, span.start, span.end, post_end


def _candidates(names: ArticleNames, text: str, start: int, end: int, quoted: Sequence[QuoteSpan]) -> list[Candidate]:
    """Names, subject pronouns and role nouns between start and end, outside quotes."""
    epithets = [Candidate("epithet", m.group(1), m.start(1)) for m in _EPITHET.finditer(text, start, end)
                if not _inside(m.start(), quoted)]
    found = [Candidate(sp.kind, sp.text, sp.start, sp) for sp in names.spans
             if start <= sp.start and sp.end <= end and not _inside(sp.start, quoted)
             and not any(e.start <= sp.start < e.start + len(e.text) for e in epithets)]
    found += epithets
    for m in _PRONOUN.finditer(text, start, end):
        if not _inside(m.start(), quoted):
            found.append(Candidate("pronoun", m.group(1).lower(), m.start()))
    taken = [(c.start, c.start + len(c.text)) for c in found]
    for m in _ROLE_NOUN.finditer(text, start, end):
        if not _inside(m.start(), quoted) and not any(a < m.end() and m.start() < b for a, b in taken):
            found.append(Candidate("role", m.group(1), m.start(1)))
    taken = [(c.start, c.start + len(c.text)) for c in found]
    for kind, pattern in (("document", _DOCUMENT), ("orgnoun", _ORG_NOUN)):
        for m in pattern.finditer(text, start, end):
            if _inside(m.start(), quoted) or any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if kind == "document" and _PLAIN_PREPOSITION.search(text, max(0, m.start() - 10), m.start()):
                continue  # 'said in a statement': the statement is how, not who
            found.append(Candidate(kind, m.group(0), m.start()))
    return sorted(found, key=lambda c: c.start)


def _inside(pos: int, quoted: Sequence[QuoteSpan]) -> bool:
    return any(q.start < pos < q.end for q in quoted)


def _subject(cands: Sequence[Candidate], text: str) -> Candidate | None:
    """First candidate that is no possessor and no prepositional object; else 'a spokesman for X'."""
    plain, objects = [], []
    voices = [c for c in cands if c.kind == "role" and c.text.lower().split()[-1] in ORG_VOICES]
    if len(voices) < len(cands):
        cands = [c for c in cands if c not in voices]  # 'a spokesperson for the Met' speaks for the Met
    for c in cands:
        if c.span is not None and c.span.possessive:
            continue
        before = re.findall(r"[A-Za-z]+", text[max(0, c.start - 30):c.start])
        last = [w.lower() for w in before[-2:]]
        if last and (last[-1] in _PREPOSITIONS or (len(last) == 2 and last[0] in _PREPOSITIONS and last[1] == "the")):
            objects.append(c)
        else:
            plain.append(c)
    if plain:
        return plain[0]
    voiced = [c for c in objects if re.search(r"\bfor\s+(?:the\s+)?$", text[max(0, c.start - 12):c.start])]
    return voiced[-1] if voiced else None


_LEADING = frozenset(
    """when while after before asked speaking in following during although though because if as since
    responding writing commenting addressing at on outside earlier later having""".split()
)
_ORG_ROLE = re.compile(r"\s+([A-Za-z]+)")
ORG_VOICES = frozenset("spokesman spokeswoman spokesperson spokespeople statement".split())


def _clause_start(text: str, a: int, verb_start: int, participle: bool = False) -> int:
    """Where the clause of the speech verb starts: after ';', ', and', an earlier 'X reported that' (not for
    a participle: 'X told Fox News, adding'), or a leading subordinate phrase ('When asked why he ..., the
    commissioner said')."""
    start = max(a, text.rfind(";", a, verb_start) + 1, text.rfind(", and ", a, verb_start) + 1)
    region = text[start:verb_start]
    words = region.split()
    comma = region.find(",")
    if words and words[0].lower() in _LEADING and comma > 0:
        rest = region[comma + 1:].split()
        if rest and rest[0].lower() not in _PREPOSITIONS:
            start += comma + 1
    if not participle:
        for earlier in _SPEECH.finditer(text, start, verb_start):
            if not _PASSIVE.search(text, max(0, earlier.start() - 12), earlier.start()):
                start = earlier.end()  # 'whose nomination must be confirmed by the Senate' starts no clause
    return start


_PASSIVE = re.compile(r"\b(?:be|been|being|is|are|was|were)\s+$", re.IGNORECASE)


_RELATIVE = re.compile(r",\s+(?:who|which|whose|whom)\b")
_APPOSITION_END = re.compile(r",[^,]{1,80},\s*$")
_DESCRIPTION = re.compile(r",\s*(?:[a-z0-9]|[A-Z][\w'’]*['’]s\b|R-|D-|I-)")
_CAPS_END = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)\s*$")
_CAPS_START = re.compile(r"^\s*((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)")
_NOT_NAMES = frozenset("the a an he she it they we i this that these those but and so then".split())


def _name_words(phrase: str) -> str | None:
    """The name in a capitalised run, role words and titles dropped ('Census director Kenneth Prewitt')."""
    words = phrase.split()
    while words and (words[0].lower().rstrip(".") in ROLE_WORDS | ROLE_MODIFIERS or words[0].lower() in _NOT_NAMES
                     or words[0].rstrip(".") in _MONTHS_DAYS):
        words = words[1:]
    if not words or words[-1].lower() in _NOT_NAMES or words[-1].lower().rstrip("s") in ROLE_WORDS:
        return None
    return " ".join(words)


def _adjacent(names: ArticleNames, text: str, start: int, end: int, quoted: Sequence[QuoteSpan]) -> Candidate | None:
    """The name right before a finite speech verb, past an apposition ('Pena, 29,') or relative clause."""
    region = text[start:end]
    rel = _RELATIVE.search(region)
    if rel:
        region = region[:rel.start()]
    bare = _APPOSITION_END.sub("", region)
    describes = _DESCRIPTION.match(region[len(bare):])  # ', a former ambassador,' describes the name before it
    for attempt in ((bare, region) if describes else (region, bare)):
        stripped = attempt.rstrip(" ,")
        stop = start + len(stripped)
        spans = [c for c in _candidates(names, text, start, stop, quoted) if c.start + len(c.text) >= stop - 1]
        if spans and spans[-1].kind != "role":
            return spans[-1]
        caps = _CAPS_END.search(stripped)
        name = _name_words(caps.group(1)) if caps else None
        if name:
            return Candidate("person", name, stop - len(name))
    return None


def _after_verb(names: ArticleNames, text: str, start: int, end: int, quoted: Sequence[QuoteSpan]) -> Candidate | None:
    """'said X' / 'according to X' / 'Says Florida State defensive end Tony Bryant:' -> X, persons first."""
    stop = min(end, start + 80)
    comma = re.search(r"[,:;]", text[start:stop])
    phrase_end = start + comma.start() if comma else stop
    after = [c for c in _candidates(names, text, start, phrase_end, quoted)
             if c.kind != "role" and not _modifies_role(text, c)]
    people = [c for c in after if c.kind in ("person", "pronoun", "epithet")]
    if people or after:
        return (people or after)[0]
    caps = _CAPS_START.match(text[start:phrase_end])
    name = _name_words(caps.group(1)) if caps else None
    if name:
        return Candidate("person", name, start)
    rest = _candidates(names, text, start, stop, quoted)
    return rest[0] if rest else None


def _modifies_role(text: str, cand: Candidate) -> bool:
    """'Rochester Meats spokeswoman Joanne Randen': a name right before a role word qualifies that role."""
    follow = re.compile(r"[\s-]*([A-Za-z]+)").match(text, cand.start + len(cand.text))
    return follow is not None and follow.group(1).lower() in ROLE_WORDS


def _as_role(cand: Candidate, text: str) -> Candidate:
    """'the Met Police Commissioner' names a role holder, not the organisation ('Met spokesman' stays the Met)."""
    if cand.kind != "organisation" or cand.span is None:
        return cand
    follow = _ORG_ROLE.match(text, cand.span.end)
    if follow and follow.group(1).lower() in ROLE_WORDS - ORG_VOICES:
        return Candidate("role", f"{cand.text} {follow.group(1)}", cand.start)
    return cand


def _from_verb_zone(names: ArticleNames, text: str, a: int, b: int, quoted: Sequence[QuoteSpan],
                    verb: re.Match[str]) -> Candidate | None:
    """The subject of a speech verb: the name right before a finite verb, else the clause's first
    candidate, else the name right after the verb ('said X', 'according to X')."""
    word = verb.group(0).lower()
    if not word.startswith("according"):
        participle = word.endswith("ing")
        clause = _clause_start(text, a, verb.start(), participle)
        subject = None if participle else _adjacent(names, text, clause, verb.start(), quoted)
        subject = subject or _subject(_candidates(names, text, clause, verb.start(), quoted), text)
        if subject is not None:
            return _as_role(subject, text)
    after = _after_verb(names, text, verb.end(), b, quoted)
    return _as_role(after, text) if after else None


def _pre_speaker(names: ArticleNames, text: str, a: int, b: int, quoted: Sequence[QuoteSpan]) -> Candidate | None:
    verbs = list(_SPEECH.finditer(text, a, b))
    tail = text[verbs[-1].end():b] if verbs else ""
    limit = MAX_THAT_TAIL_WORDS if re.match(r"\s+that\b", tail) else MAX_TAIL_WORDS
    if verbs and len(tail.split()) <= limit:
        return _from_verb_zone(names, text, a, b, quoted, verbs[-1])
    if text[a:b].rstrip().endswith(":"):
        return _subject(_candidates(names, text, a, b, quoted), text)
    return None


def _post_speaker(names: ArticleNames, text: str, a: int, b: int, quoted: Sequence[QuoteSpan],
                  closes: bool = True) -> Candidate | None:
    """The speaker after the quote; a quote inside a running clause needs the attribution set off by a comma
    ('… once a second, said Dr Hoffman'), not a verb of a subordinate clause ('… when officials told')."""
    verb = _SPEECH.search(text, a, b)
    if verb is None or len(text[a:verb.start()].split()) > MAX_POST_WORDS:
        return None
    if not closes:
        gap = text[a:verb.start()]
        if "," not in gap or _SUBORDINATE.search(gap.rsplit(",", 1)[1]):
            return None
    return _from_verb_zone(names, text, a, b, quoted, verb)


def _resolve(names: ArticleNames, text: str, cand: Candidate | None, quoted: Sequence[QuoteSpan],
             previous: tuple[str | None, str | None] | None = None) -> tuple[str | None, str | None]:
    """(speaker, role) for a candidate: full names, canonical organisations, pronouns, role nouns, documents
    and organisation nouns resolved."""
    if cand is None:
        return None, None
    if cand.kind == "pronoun":
        named = _antecedent(names, cand, quoted)
        return (named.name, named.role) if named else (None, None)
    if cand.kind == "epithet":  # "the Mattapan Democrat": the person the passage is about
        named = _antecedent(names, cand, quoted)
        return (named.name, named.role or cand.text) if named else (None, cand.text)
    if cand.kind == "role":
        return _resolve_role(names, text, cand, quoted, previous)
    if cand.kind == "document":
        author = _document_author(names, text, cand, quoted)
        return (author.name, author.role if author.kind == "person" else None) if author else (
            re.sub(r"^(?:The|A|An|This|That|a|an|this|that)\s+", "the ", cand.text), None)
    if cand.kind == "orgnoun":
        org = _org_antecedent(names, cand, quoted)
        return (org.name, None) if org else (None, None)
    named = names.named(cand.span) if cand.span else None
    if named is None:
        return cand.text, None
    return named.name, named.role if named.kind == "person" else None


def _antecedent(names: ArticleNames, pronoun: Candidate, quoted: Sequence[QuoteSpan]) -> Named | None:
    """The subject of the nearest earlier sentence naming someone who agrees with the pronoun (he/she: a
    person of that gender or unknown; it: an organisation; they: either), outside quotes; possessors skipped."""
    want = {"he": "m", "she": "f"}.get(pronoun.text)
    kinds = (("person",) if want or pronoun.kind == "epithet" else ("organisation", "person") if pronoun.text == "they"
             else ("organisation",))
    fits: list[tuple[Span, Named]] = []
    for span in names.spans:
        if span.start >= pronoun.start or span.kind not in kinds or _inside(span.start, quoted):
            continue
        named = names.named(span)
        if named is None or (want and named.gender not in (None, want)) or (span.possessive and want):
            continue
        fits.append((span, named))
    if not fits:
        return None
    sentence = fits[-1][0].sentence
    same = [_span_candidate(sp) for sp, _ in fits if sp.sentence == sentence]
    speaking = [c for c in same if _SPEAKS.match(names.text, c.start + len(c.text))]
    subject = (speaking[0] if speaking else None) or _subject(same, names.text) or same[-1]
    return next(n for sp, n in fits if sp.start == subject.start)


_SPEAKS = re.compile(r"(?:,[^,]{0,80},|,)?\s*" + _SPEECH.pattern, re.IGNORECASE)


def _span_candidate(span: Span) -> Candidate:
    return Candidate(span.kind, span.text, span.start, span)


def _role_key(role: str) -> tuple[str, frozenset[str]]:
    """(head noun, office-changing ranks) of a role: 'Met Police Commissioner' -> ('commissioner', {})."""
    words = re.findall(r"[a-z]+", role.lower())
    head = next((w for w in reversed(words) if w in ROLE_WORDS or w.rstrip("s") in ROLE_WORDS), words[-1] if words else "")
    return head, frozenset(words) & DISTINCT_RANKS


def _holds(person: Named, role: str) -> bool | None:
    """True: one of the person's roles is exactly that office; False: a different rank of it; None: no such role."""
    head, ranks = _role_key(role)
    same_head = [_role_key(r)[1] for r in person.roles if _role_key(r)[0] == head]
    if not same_head:
        return None
    return ranks in same_head


def _role_holder(names: ArticleNames, role: str) -> Named | None:
    """'the coroner' -> the one person of the article who holds that office (rank words must agree)."""
    holders = [p for p in names.people if _holds(p, role)]
    return holders[0] if len(holders) == 1 else None


def _resolve_role(names: ArticleNames, text: str, cand: Candidate, quoted: Sequence[QuoteSpan],
                  previous: tuple[str | None, str | None] | None) -> tuple[str | None, str | None]:
    """A role noun: its one holder in the article; else, for a singular office, the current speaker of the
    passage when nothing says they hold another rank of it ('the Met Police Commissioner said' after
    Cressida Dick spoke, while Craig Mackey is 'acting commissioner'); plural roles name a group."""
    label = _bare(cand.text)
    head = _role_key(label)[0]
    if head not in ROLE_WORDS and head[:-1] in ROLE_WORDS:  # a plural: 'the ministers said'
        return _group_phrase(text, cand) or label, None
    holder = _role_holder(names, label)
    if holder is not None:
        return holder.name, holder.role
    if head in ORG_VOICES or _indefinite(text, cand):
        return None, label
    current = _current_speaker(names, text, cand, quoted, previous)
    if current is not None and _holds(current, label) is not False and not _other_office(current, head):
        return current.name, current.role or label
    return None, label


def _indefinite(text: str, cand: Candidate) -> bool:
    """'a kindergarten teacher told him': an indefinite role brings in someone new, never the current speaker."""
    return bool(re.search(r"\b(?:a|an)\s+$", text[max(0, cand.start - 4):cand.start], re.IGNORECASE))


def _other_office(person: Named, head: str) -> bool:
    """A person known by a different office (a widow is not 'the coroner')."""
    return bool(person.roles) and all(_role_key(r)[0] != head for r in person.roles)


CURRENT_SPEAKER_PARAGRAPHS = 3  # how far back the speaker of a passage is looked for


def _current_speaker(names: ArticleNames, text: str, cand: Candidate, quoted: Sequence[QuoteSpan],
                     previous: tuple[str | None, str | None] | None) -> Named | None:
    """The person the passage is about as a speaker: the previous quote's speaker, else the nearest earlier
    person followed by a speech verb, within CURRENT_SPEAKER_PARAGRAPHS paragraphs."""
    if previous and previous[0]:
        person = names.person(previous[0])
        if person is not None:
            return person
    floor = cand.start
    for _ in range(CURRENT_SPEAKER_PARAGRAPHS):
        floor = max(text.rfind("\n\n", 0, floor), 0)
    for span in reversed([sp for sp in names.spans if floor <= sp.start < cand.start and sp.kind == "person"]):
        if not _inside(span.start, quoted) and _SPEAKS.match(text, span.end):
            return names.person(span.text)
    return None


_GROUP = r"((?:[A-Z][\w.&-]*\s+)+(?:[a-z][\w-]*\s+){0,2}%s)\b"


def _group_phrase(text: str, cand: Candidate) -> str | None:
    """'the ministers' -> the latest earlier 'EU finance ministers': a plural role with a proper qualifier."""
    noun = _bare(cand.text).split()[-1]
    for found in reversed(list(re.finditer(_GROUP % re.escape(noun), text[:cand.start]))):
        words = found.group(1).split()
        while words and words[0].lower() in _NOT_NAMES | _LEADING:
            words = words[1:]
        if len(words) > 1:
            return " ".join(words)
    return None


def _bare(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an|this|that)\s+", "", phrase.strip(), flags=re.I)


def _document_author(names: ArticleNames, text: str, cand: Candidate, quoted: Sequence[QuoteSpan]) -> Named | None:
    """Who a document speaks for: the latest earlier mention of that document with an author ('the report by
    X', 'X's report', 'X released a report'), outside quotes."""
    noun = _bare(cand.text).split()[-1].lower()
    end = cand.start + len(cand.text)
    nouns = STUDY_NOUNS if noun in STUDY_NOUNS else frozenset({noun})
    pattern = r"\b(?:" + "|".join(sorted(nouns)) + r")s?\b"
    for m in reversed(list(re.finditer(pattern, text[:end], re.IGNORECASE))):
        if _inside(m.start(), quoted):
            continue
        author = _author_near(names, text, m.start(), m.end())
        if author is not None:
            return author
    return None


_BY = re.compile(r"\s+(?:\w+\s+)?(?:by|from|of)\s+(?:the\s+)?$")


_BY_ORG_NOUN = re.compile(r"\s+(?:\w+\s+)?(?:by|from|of)\s+the\s+(" + "|".join(sorted(ORG_NOUNS)) + r")\b", re.I)


def _author_near(names: ArticleNames, text: str, start: int, end: int) -> Named | None:
    """The author named around one mention of a document."""
    after = [sp for sp in names.spans if end <= sp.start <= end + 30 and _BY.match(text[end:sp.start])]
    if after:
        return names.named(after[0])
    by_noun = _BY_ORG_NOUN.match(text, end)
    if by_noun:  # 'a study released by the department'
        return _org_antecedent(names, Candidate("orgnoun", by_noun.group(1), by_noun.start(1)), ())
    owner = [sp for sp in names.spans if sp.possessive and 0 <= start - sp.end <= 30
             and re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,2}", text[sp.end:start])]
    if owner:
        return names.named(owner[-1])
    sentence = max(bisect.bisect_right(names.sentence_starts, start) - 1, 0)
    lead = names.sentence_starts[sentence] if names.sentence_starts else 0
    verb = re.search(AUTHOR_VERBS + r"\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,3}$", text[lead:start])
    if verb:
        subject = [sp for sp in names.spans if lead <= sp.start < lead + verb.start() and not sp.possessive]
        if subject:
            return names.named(subject[0])
    return None


def _org_antecedent(names: ArticleNames, cand: Candidate, quoted: Sequence[QuoteSpan]) -> Named | None:
    """'the organization' -> the nearest earlier organisation; 'the center' -> the nearest whose name has 'Center'."""
    noun = _bare(cand.text).lower()
    earlier = [sp for sp in names.spans if sp.kind == "organisation" and sp.end <= cand.start
               and not _inside(sp.start, quoted)]
    if noun not in GENERIC_ORG_NOUNS:
        earlier = [sp for sp in earlier if noun in (names.named(sp) or Named("", sp.text)).name.lower().split()]
    for span in reversed(earlier):
        named = names.named(span)
        if named is not None:
            return named
    return None


def attribute(names: ArticleNames, text: str, spans: Sequence[QuoteSpan], k: int,
              previous: tuple[str | None, str | None] | None, previous_is_last: bool = True) -> tuple[str | None, str | None]:
    """(speaker, role) of quote k, by the rules of the module docstring; `previous` is the speaker of the last
    kept quote, `previous_is_last` whether that quote is span k - 1 (not one before a skipped word or two)."""
    span = spans[k]
    pre_a, pre_b, post_a, post_b = _zone_bounds(text, span, spans, k)
    pre_text = text[pre_a:pre_b]
    cand = None
    if _INTRO_END.search(pre_text):
        cand = _pre_speaker(names, text, pre_a, pre_b, spans)
    if cand is None:
        cand = _post_speaker(names, text, post_a, post_b, spans, _closes_clause(text, span, post_a))
    if cand is None:
        cand = _pre_speaker(names, text, pre_a, pre_b, spans)
    if cand is None:
        cand = _introducer(names, text, span, spans)
    if cand is None and previous is not None and previous_is_last and k > 0 and _interrupted(text, spans[k - 1], span):
        return previous
    if cand is None and previous is not None and k > 0 and _CONTINUES.fullmatch(pre_text):
        between = text[spans[k - 1].end:span.start]
        if between.count("\n") <= 2 or _in_list(text, span.start):  # paragraphs are joined by a blank line
            return previous
    return _resolve(names, text, cand, spans, previous)


_SUBORDINATE = re.compile(r"\b(?:when|while|because|after|before|if|since|until|that|who|which|whom|whose)\b", re.I)
CONTINUATION_WORDS = "and but or then adding while however still yet also moreover instead indeed"
_CONTINUES = re.compile(r"[\s,;:]*(?:(?:" + "|".join(CONTINUATION_WORDS.split()) + r")\b[\s,;:]*)?|\s*" + LIST_MARKER
                        + r".*", re.S | re.I)


def _interrupted(text: str, before: QuoteSpan, span: QuoteSpan) -> bool:
    """'“If I can win here,” said Sen. John McCain, standing before legislators, “we will …”', 'Tobin said
    “common ground” could be found because “no one has argued …”': one sentence, one speaker."""
    between = text[before.parts[-1][1] - 1:span.start]  # from the quote's last character: '… Baron.” In 1967'
    return "\n" not in between and not _SENTENCE_END.search(between)


def _closes_clause(text: str, span: QuoteSpan, post_a: int) -> bool:
    """Only a quote that ends its clause takes a speaker from after it: '“…,” X said' but not
    'said it was “forced to pull out” its doctors when officials told …'; a quote ending on a nested one
    ('“… as simple as, ‘He’s the ringleader,’” Sexton said') ends where the nested one does."""
    inner_end = span.parts[-1][1]
    return bool(re.search(r"[,.?!…:;—–-][’']?\s*$", text[span.parts[-1][0]:inner_end])
                or re.match(r"\s*(?:[,.?!;:—–-]|$)", text[post_a:post_a + 3]))


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _in_list(text: str, pos: int) -> bool:
    return bool(re.match(r"\s*" + LIST_MARKER, text[_paragraph_start(text, pos):pos]))


def _introducer(names: ArticleNames, text: str, span: QuoteSpan, quoted: Sequence[QuoteSpan]) -> Candidate | None:
    """A quote in a list item or right after a paragraph ending in a colon ('The report makes these
    assertions:') takes the subject of that introducing sentence."""
    start = _paragraph_start(text, span.start)
    while start > 0:
        prev_start = _paragraph_start(text, start - 2)
        paragraph = text[prev_start:start].strip()
        if not re.match(LIST_MARKER, paragraph):
            break
        start = prev_start
    if start == 0 or (start != _paragraph_start(text, span.start) and not _in_list(text, span.start)):
        return None
    intro_start = _paragraph_start(text, start - 2)
    intro = text[intro_start:start].rstrip()
    if not intro.endswith(":") or any(intro_start <= q.start < start for q in quoted):
        return None
    cuts = list(_SENTENCE_END.finditer(intro[:-1]))
    a = intro_start + (cuts[-1].end() if cuts else 0)
    return _subject(_candidates(names, text, a, intro_start + len(intro), quoted), text)


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


def find_quotes(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                names: ArticleNames | None = None, docs: Sequence[Any] | None = None) -> list[RawQuote]:
    """Direct quotes of FRAGMENT_MIN_WORDS+ words with resolved speakers (see the module docstring); `docs`,
    one spaCy Doc per sentence, lets a quote inside a running clause take its subject (speaker_parse.py)."""
    return [quote for _, quote in quote_records(article, sentences, mentions, names, docs)]


def quote_records(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                  names: ArticleNames | None = None, docs: Sequence[Any] | None = None,
                  ) -> list[tuple[QuoteSpan, RawQuote]]:
    """`find_quotes` with each quote's span in Article.text (benchmarks match quotes by offsets)."""
    names = names or article_names(article, sentences, mentions)
    text = article.text
    spans = quote_spans(text)
    starts = names.sentence_starts
    quotes: list[tuple[QuoteSpan, RawQuote]] = []
    previous: tuple[str | None, str | None] | None = None
    last_kept = -1
    for k, span in enumerate(spans):
        body = span.text(text)
        if len(body.split()) < FRAGMENT_MIN_WORDS:
            continue
        speaker, role = _speaker(names, text, spans, k, previous, last_kept == k - 1, docs)
        if speaker is None and _stands_as_paragraph(text, span):
            speaker, role = _passage_speaker(names, text, span, spans, previous,
                                             spans[last_kept] if last_kept >= 0 else None)
        inner = text[span.parts[0][0]:span.parts[-1][1]].rstrip()
        if looks_like_title(body) and (speaker is None or not re.search(r"[,.?!…]$", inner)):
            continue  # a title; one with a speaker and its own punctuation is speech ('“Dear Friends,” he writes')
        sentence = max(bisect.bisect_right(starts, span.parts[0][0]) - 1, 0) if starts else 0
        quotes.append((span, RawQuote(body, speaker, sentence, role)))
        previous, last_kept = (speaker, role), k
    return quotes


def _speaker(names: ArticleNames, text: str, spans: Sequence[QuoteSpan], k: int,
             previous: tuple[str | None, str | None] | None, previous_is_last: bool,
             docs: Sequence[Any] | None) -> tuple[str | None, str | None]:
    """The subject of the cue verb the quote hangs from (speaker_parse.py); else the rules of `attribute`;
    else the subject of the nearest clause above the quote."""
    if docs:
        cand = parse_candidate(names, text, spans[k], spans, docs, cue_only=True)
        if cand is not None:
            speaker, role = _resolve(names, text, cand, spans, previous)
            if speaker:
                return speaker, role
    speaker, role = attribute(names, text, spans, k, previous, previous_is_last)
    if speaker is None and docs:
        speaker, role = _resolve(names, text, parse_candidate(names, text, spans[k], spans, docs), spans, previous)
    return speaker, role


def _stands_as_paragraph(text: str, span: QuoteSpan) -> bool:
    """The quote is its paragraph's whole text ('“We have to be a lot tougher.”' on a line of its own)."""
    start = _paragraph_start(text, span.start)
    end = text.find("\n", span.end)
    return not text[start:span.start].strip() and not text[span.end:len(text) if end < 0 else end].strip()


def _passage_speaker(names: ArticleNames, text: str, span: QuoteSpan, spans: Sequence[QuoteSpan],
                     previous: tuple[str | None, str | None] | None,
                     previous_span: QuoteSpan | None) -> tuple[str | None, str | None]:
    """A quote standing as a paragraph with no attribution is the passage's current speaker: the last
    quote's, when it ends within CURRENT_SPEAKER_PARAGRAPHS paragraphs; else the nearest earlier person
    followed by a speech verb that close ('Miller … said pleasantly into the phone.' … '“Well, thank you so
    much.”')."""
    signed = _sign_off(names, text, span)
    if signed is not None:
        return signed.name, signed.role if signed.kind == "person" else None
    if previous and previous[0] and previous_span is not None \
            and text.count("\n\n", previous_span.end, span.start) <= CURRENT_SPEAKER_PARAGRAPHS:
        return previous
    person = _current_speaker(names, text, Candidate("pronoun", "", span.start), spans, None)
    return (person.name, person.role) if person else (None, None)


_SIGN_OFF = re.compile(r"\s*[-–—]+\s*([^\n]{1,60}?)[.,]?\s*(?:\n|$)")


def _sign_off(names: ArticleNames, text: str, span: QuoteSpan) -> Named | None:
    """A quote paragraph signed in the next paragraph ('“I went to Wall Street …”' / '- Clinton.'), as fact
    checks and round-ups print them: the one name that paragraph holds."""
    found = _SIGN_OFF.match(text, span.end)
    if found is None or text[span.end:found.start(1)].count("\n") < 1:
        return None
    inside = [sp for sp in names.spans if found.start(1) <= sp.start and sp.end <= found.end(1)]
    return names.named(inside[0]) if len(inside) == 1 else None
