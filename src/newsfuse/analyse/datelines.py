"""Wire datelines and credits before a sentence's first words: 'WASHINGTON (AP) -- ', '(CNN) - ',
'PHNOM PENH, Cambodia _ ', 'Zhengzhou, dec. 17 ( xinhua ) --'. They say where and when a story was filed,
not what happened, so the summary, the claims and the facts shown to a reader all start after them; the
sentence itself is kept whole in the article.
"""

from __future__ import annotations

import re

from ..stopwords import ENGLISH_STOP_WORDS
from .nlp import DATELINE_PLACE

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|\d+(?:[.,]\d+)*")
DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(\([A-Za-z .]+\))?\s*(--|—|–|-|:)\s*")
# "Zhengzhou, dec. 17 ( xinhua ) --", "( cnn )": a place/date run closed by a news agency in brackets
_AGENCY = r"\(\s*(?:ap|afp|upi|xinhua|reuters|cnn|bloomberg|dpa|efe|ians|pti)\s*\)\s*"
AGENCY_DATELINE = re.compile(
    rf"(?i)^(?:{_AGENCY}(?:--|—|–|-|:|_)?|[\w .,'’/-]{{1,50}}?(\([\w .]+\)\s*)?{_AGENCY}(?:--|—|–|-|:|_))\s*"
)
# "washington ( cnn ) a ship ...": some corpora drop the dash; then the place must look like one
DASHLESS_DATELINE = re.compile(rf"(?i)^(?P<place>[\w .,'’/-]{{2,30}}?){_AGENCY}(?=[^\W_])")
# "PHNOM PENH, Cambodia _ Prime Minister ...": the LDC wire texts (DUC, TAC) set the dateline off with " _ "
UNDERSCORE_DATELINE = re.compile(rf"^{DATELINE_PLACE}\s+_\s+")
# "WEST PALM BEACH, Fla.—President ...", "PALM BEACH, Fla. — ": a place with its state, then a long dash
STATE_DATELINE = re.compile(rf"^{DATELINE_PLACE}\s*(?:--|—|–)\s*")
# a dash before a conjunction or relative word opens no sentence: the split cut one after a dash ("next to
# gay tron – i knew he was real. – and some other dancers which ..."); it goes on from the one before
DASH_CONTINUATION = re.compile(r"^(?:--|—|–|-)+\s*(?:and|but|or|nor|which|who|whom|whose|so|because|while|plus)\b")
# any other bare dash before the first words is what is left where a corpus or a copy dropped the dateline
# itself ("- two men are under arrest ...", "— in a speech to thousands ...")
LEAD_DASH = re.compile(r"^(?:--|—|–|-)\s+(?=\w)")
MAX_PLACE_WORDS = 3
# a photo or outlet credit in brackets before the first words: "( associated press )", "( credit: ebay )"
LEAD_CREDIT = re.compile(r"^\(\s*[^()\d]{2,40}?\s*\)\s*(?=\w)")
MAX_CREDIT_WORDS = 6
# a lower-cased place dateline ("atlanta — "), trusted only right after a stripped credit
LOWER_DATELINE = re.compile(r"^[a-z][a-z .,'-]{2,30}\s(--|—|–)\s+")
MIN_REST_CHARS = 20  # never strip a prefix that leaves less than this


def strip_dateline(text: str) -> str:
    """'WASHINGTON (AP) -- Text' -> 'Text': credits and datelines before the first words are not summary
    content. The rest is a literal suffix of the sentence (only its first letter is capitalised); a prefix
    that would leave fewer than MIN_REST_CHARS is kept."""
    end = _prefixes_end(text, MIN_REST_CHARS)
    return text[end:][:1].upper() + text[end + 1:] if end else text


def dateline_end(text: str) -> int:
    """Where the datelines and credits before the first words end (0 when there are none); a sentence that
    is nothing but a dateline ('UNITED NATIONS, March 8 (Xinhua) --', split off on its own) ends there."""
    return _prefixes_end(text, None)


def _prefixes_end(text: str, min_rest: int | None) -> int:
    """The end of the run of strippable prefixes (and the spaces after them); with `min_rest`, a prefix is
    taken only when at least that many characters follow it."""
    end, stripped = 0, False
    while True:
        rest = text[end:]
        match = _prefix(rest, stripped)
        if not match or not match.end() or (min_rest is not None and match.end() >= len(rest) - min_rest):
            return end
        end += match.end()
        end += len(text[end:]) - len(text[end:].lstrip())
        stripped = True


def _prefix(text: str, after_credit: bool) -> re.Match[str] | None:
    """The first strippable prefix: a bracketed credit, an agency or upper-case dateline, or (after a
    credit) a lower-cased one."""
    credit = LEAD_CREDIT.match(text)
    if credit and len(credit.group().split()) <= MAX_CREDIT_WORDS + 2:
        return credit
    for pattern in (AGENCY_DATELINE, DATELINE, UNDERSCORE_DATELINE, STATE_DATELINE):
        match = pattern.match(text)
        if match:
            return match
    if not DASH_CONTINUATION.match(text) and (dash := LEAD_DASH.match(text)):
        return dash
    place = DASHLESS_DATELINE.match(text)
    if place and _looks_like_place(place.group("place")):
        return place
    return LOWER_DATELINE.match(text) if after_credit else None


def _looks_like_place(words: str) -> bool:
    """A few words, none of them a function word ("He told (CNN) ..." is no dateline)."""
    names = _WORD.findall(words)
    return 0 < len(names) <= MAX_PLACE_WORDS and not any(w.lower() in ENGLISH_STOP_WORDS for w in names)

