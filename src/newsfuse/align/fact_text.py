"""How a fact reads in the brief: a real sentence of one of its sources, or a clean clause of it.

Claims are split clause by clause for alignment, and a split clause is often not a sentence ("PC Palmer
suffering fatal injuries", "Michelle to raise their daughter"). What a reader sees is the source sentence
itself when it is short enough, else the claim's clause when that clause is a statement of its own (a subject
and a finite verb), else the whole sentence up to a hard length limit. Sentences that are someone's quoted
words without attribution ("He was left at a vulnerable location, to die.") are speech, not the outlet's
reporting: they are shown in the quotes section, never as facts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..analyse.datelines import dateline_end
from ..models import RawQuote
from ..text.rules import capitalised, straight_close

MAX_SENTENCE_WORDS = 40  # a sentence up to this long is shown whole
MAX_LONG_SENTENCE_WORDS = 75  # a longer sentence is shown only when its clause is not a statement of its own
MIN_CLAUSE_WORDS = 5  # a clause shown instead of its sentence needs at least this many words
NEARLY_WHOLE = 0.7  # ... and fewer than this share of the sentence's words (else the sentence reads better)
LEADING_CONNECTIVES = ("however", "but", "and", "meanwhile", "yet", "still", "also", "so", "moreover")
PRONOUN_SUBJECTS = frozenset({"he", "she"})
RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "where", "when"})  # a clause cut mid-sentence
QUESTION_WORDS = frozenset("how what why who whom whose when where which is are was were do does did can could would "
                           "should will shall has have had may might must".split())
MINOR_WORDS = frozenset("a an the and or but of to in on at for with by from as is it its be".split())
ATTRIBUTION_WORDS = 4  # a sentence with at most this many words outside its quotation marks only says who said it
HEADLINE_MIN_WORDS = 4
HEADLINE_SHARE = 0.75  # this share of capitalised words (small words aside, the first word aside) marks a headline
_WORDS = re.compile(r"[^\W_]+")  # letters of any script and digits
_QUOTE_MARKS = re.compile(r"[\"“”]")
_OPEN = "“"
_CLOSE = "”"
CACHED_TEXTS = 8192  # sentences and quotes whose normal form is kept: a sentence is asked once per clause


@lru_cache(maxsize=CACHED_TEXTS)
def norm_words(text: str) -> str:
    """Lower-cased words joined by single spaces: for containment tests that ignore punctuation and quotes."""
    return " ".join(_WORDS.findall(text.lower()))


def is_speech(sentence: str, quotes: Sequence[RawQuote]) -> bool:
    """The whole sentence lies inside one of the article's direct quotes: the speaker's words, unattributed."""
    words = norm_words(sentence)
    if len(words.split()) < 3:
        return False
    return any(words in norm_words(q.text) for q in quotes)


@lru_cache(maxsize=CACHED_TEXTS)
def is_headline(sentence: str) -> bool:
    """Title Case text ('Trump Says He Doesn't Want to Waive It'): a headline, not a sentence of the report."""
    sentence = sentence[dateline_end(sentence):]
    words = [w for w in re.findall(r"[A-Za-z][\w'’\-]*", sentence)[1:] if w.lower() not in MINOR_WORDS]
    capitals = sum(w[0].isupper() for w in words)
    if len(words) < HEADLINE_MIN_WORDS or capitals < HEADLINE_SHARE * len(words):
        return False
    # a sentence full of names ("In 1949, Schulz married Joyce Halverson.") is a sentence: a Title Case line that
    # ends on a full stop is a headline only when none of its words is in lower case
    return capitals == len(words) or not sentence.rstrip().endswith(".")


def balance_quotes(text: str) -> str:
    """Close a quotation the sentence opens but does not close. A closing mark before any opening one ends a
    quote that began in an earlier sentence: the sentence is that quote's last part, so it opens at the start
    ('“What he did see was tremendous enthusiasm,” Deere said.'), never read as the outlet's own words.
    Straight quotes likewise."""
    opens, closes = text.count(_OPEN), text.count(_CLOSE)
    if opens > closes:
        text = text + _CLOSE
    elif closes > opens:
        first_open = text.find(_OPEN)
        if closes - opens == 1 and (first_open < 0 or text.find(_CLOSE) < first_open):
            text = _OPEN + text
        else:
            text = _drop_first(text, _CLOSE, closes - opens)
    if text.count('"') % 2:
        stripped = text.lstrip()
        if straight_close(stripped) >= 0:
            text = '"' + stripped  # a straight mark that closes a quote begun earlier
        else:
            text = text + '"' if not stripped.startswith('"') or stripped.count('"') > 1 else stripped[1:]
    return text


def _drop_first(text: str, mark: str, n: int) -> str:
    for _ in range(n):
        text = text.replace(mark, "", 1)
    return text


@lru_cache(maxsize=CACHED_TEXTS)
def clean_sentence(text: str) -> str:
    """A source sentence made self-contained: spacing tidied, a leading connective ('However,') dropped,
    quotation marks balanced, a closing full stop ensured."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text[dateline_end(text):]
    m = re.match(r"(?i)(" + "|".join(LEADING_CONNECTIVES) + r")\b,?\s+(?=[\w“\"])", text)
    if m:
        text = text[m.end():]
    text = balance_quotes(text)
    return finish(capitalised(text))


def finish(text: str) -> str:
    """End with sentence punctuation (inside a closing quote is fine)."""
    text = text.rstrip(" ,;:-–—")
    if not text or re.search(r"[.!?…][\"”’)]*$", text) or re.search(r"[\"”’][.!?]$", text):
        return text
    return text + "."


def resolve_subject(text: str, resolved: str) -> str:
    """'He was stabbed ...' -> 'He [Palmer] was stabbed ...': an opening personal pronoun named, in brackets
    so that the sentence stays the source's own words."""
    m = re.match(r"(He|She)\b", text)
    if not m or not resolved:
        return text
    return f"{m.group(1)} [{resolved.title()}]" + text[m.end():]


def display_text(sentence: str, clause: str, statement: bool, speech: bool, resolved: str = "") -> str | None:
    """What the reader sees for one claim (see the module docstring); None when nothing readable is left."""
    if speech or is_headline(sentence) or is_question(sentence) or attribution_only(sentence) or \
            points_to_link(sentence) or is_notice(sentence):
        return None
    whole = clean_sentence(sentence) if sentence else ""
    n = len(whole.split())
    if whole and n <= MAX_SENTENCE_WORDS:
        return _named(resolve_subject(whole, resolved))
    lost_quotes = bool(_QUOTE_MARKS.search(sentence)) and not _QUOTE_MARKS.search(clause)
    statement = statement and (_WORDS.findall(clause[:12].lower()) or [""])[0] not in RELATIVE_WORDS
    if statement and MIN_CLAUSE_WORDS <= len(clause.split()) < n * NEARLY_WHOLE and not lost_quotes:
        return _named(resolve_subject(finish(balance_quotes(_not_a_question(clause))), resolved))
    if whole and n <= MAX_LONG_SENTENCE_WORDS:
        return _named(resolve_subject(whole, resolved))
    return None


def _named(text: str) -> str | None:
    """The text, unless it still opens on an unresolved personal pronoun (then nothing is shown)."""
    return None if opens_on_unresolved_person(text) else text


def is_question(sentence: str) -> bool:
    """The outlet's own question ("Interested in health care overhaul?"): it states no fact. A question in
    quotation marks ('"Why now?" she asked.', 'He asked: "Why now?', its closing mark split off into the next
    sentence) is someone's words, reported."""
    return sentence.rstrip().endswith("?") and not _QUOTE_MARKS.search(sentence)


_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_LINK_ASIDE = re.compile(r"(?i)^\s*\(.*\b(?:here|below|above|link)\b.*\)\W*$")


def attribution_only(sentence: str) -> bool:
    """A quotation with only its speaker around it ('“Dear Friends,” Schulz writes.'): the speaker's words,
    shown with the quotes; the outlet's own words state no fact (quoted words must be there)."""
    if not _QUOTE_MARKS.search(sentence):
        return False
    outside = _QUOTED.sub(" ", sentence)
    quoted = len(_WORDS.findall(sentence)) - len(_WORDS.findall(outside))
    return quoted > 0 and len(_WORDS.findall(outside)) <= ATTRIBUTION_WORDS


_LABEL = re.compile(r"^[A-Z][\w ,'’-]{0,40}:\s")  # 'Disclosures: ', 'Requests for single reprints: '
_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.\S+|https?://\S+")


def is_notice(sentence: str) -> bool:
    """A labelled notice that gives an address ('Disclosures: can be viewed at www.acponline.org/...',
    'Requests for single reprints: ... e-mail, x@tulane.edu.'): a journal's or a page's furniture, no fact. A
    report that names a website keeps its sentence ('The agency's website, www.fema.gov, lists shelters.')."""
    return bool(_LABEL.match(sentence) and _ADDRESS.search(sentence))


def points_to_link(sentence: str) -> bool:
    """A bracketed aside pointing at a link ('( Results from the study can be seen here ).'): page furniture
    that lost its link, no fact."""
    return bool(_LINK_ASIDE.match(sentence))


def _not_a_question(clause: str) -> str:
    """A clause cut from a sentence that ends in a quoted question keeps that '?': a statement ends in '.'."""
    words = _WORDS.findall(clause.lower())
    if clause.endswith("?") and words and words[0] not in QUESTION_WORDS:
        return clause[:-1].rstrip() + "."
    return clause


# an opening personal pronoun that resolve_subject did not name ("He said ...", not "He [Palmer] said ..."); an
# opening "it" is left alone: it is as often the dummy subject of "It is unclear whether ..." as a reference
UNRESOLVED_PERSON = re.compile(r"(?i)^[\"“‘'(]*(he|she|they|him|his|her|them|their)\b(?!\s*\[)")


def opens_on_unresolved_person(text: str) -> bool:
    """The text opens on a personal pronoun with no name beside it: the reader cannot tell who."""
    return bool(UNRESOLVED_PERSON.match(text))


def starts_with_pronoun(text: str) -> bool:
    words = _WORDS.findall(text[:12].lower())
    return bool(words) and words[0] in PRONOUN_SUBJECTS | {"it", "they", "his", "her", "their", "its"}
