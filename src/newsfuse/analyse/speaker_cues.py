"""Speaker candidates read from the words around a quote: the speech verbs (SPEECH_VERBS), the sentence
around the quote, and the name, pronoun, role noun, document or organisation noun that is the subject of a
speech verb before or after it. Which rule applies when is `attribute` in analyse/quotes.py; what a
candidate stands for (a full name, a pronoun's antecedent, a role's holder) is analyse/speaker_resolve.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .entities import ROLE_MODIFIERS, ROLE_WORDS, ArticleNames, Span
from .quote_spans import QuoteSpan

MAX_TAIL_WORDS = 12  # words allowed between a speech verb and the quote it introduces
MAX_THAT_TAIL_WORDS = 30  # ... when a 'that' clause carries the quote ('X argued that if …, “…”')
MAX_POST_WORDS = 14  # words allowed between a quote and the speech verb after it

SPEECH_VERBS = (
    "said says say saying told tells telling added adds adding explained explains stated states wrote writes "
    "writing asked asks tweeted tweets posted insisted insists noted notes warned warns argued argues continued "
    "claimed claims declared replied replies announced commented comments recalled admitted admits acknowledged "
    "confirmed conceded suggested suggests urged stressed remarked observed responded testified concluded ruled "
    "cautioned predicted vowed promised pledged pledges joked quipped shouted exclaimed complained lamented "
    "countered retorted emphasised emphasized maintained pleaded begged recounted described reiterated reported "
    "reports contends contended mused muses reacted snapped barked wondered wonders "
    "contend asserted asserts accused accuses called calls"
).split()
# A capitalised verb mid-sentence is part of a name ('the United States are', 'Consumer Reports'), no cue.
_LOWER_OR_OPENING = r"(?:(?=(?-i:[a-z]))|(?<!(?-i:[A-Za-z,;]) ))"
_SPEECH = re.compile(r"\b" + _LOWER_OR_OPENING + r"(?:according to|pointed out|went on|wanted to know|wants to know|"
                     r"shot back|fired back|chimed in|"
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
_ABBREV = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bNo)(?<!\bU\.S)(?<!\b[A-Z])"  # noqa: E501 titles, initials ('Danny O. Coulson')
_SENTENCE_END = re.compile(_ABBREV + r"[.?!][\"”’']?\s+(?=[\"“‘'A-Z]|$)")
_INTRO_END = re.compile(r"(?::|\b(?:that|as|saying)|" + _SPEECH.pattern + r"\s*,?)\s*$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:when|while|because|after|before|if|since|until|that|who|which|whom|whose)\b", re.I)


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
