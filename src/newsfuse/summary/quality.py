"""Which sentences make poor summary material, as a penalty in [0, 1] (1 = unusable).

Lifted sentences must stand on their own: no text that begins mid-quote, no opening pronoun or
connective whose antecedent stays behind, no datelines, captions, bylines or calls to action.
"""

from __future__ import annotations

import re

from ..analyse.datelines import DASH_CONTINUATION
from ..text.lexical import content_stems, tokens, word_count
from ..text.rules import JUNK, QUOTE_CHARS, TIMESTAMP, is_caption, straight_close, unfinished
from ..text.rules import capitalised as capitalised  # re-exported: moved to newsfuse.text.rules
from ..text.rules import close_quote as close_quote  # re-exported: moved to newsfuse.text.rules

MIN_WORDS = 6  # shorter lines are headings, captions or fragments
MIN_CONTENT = 3  # fewer distinct content words say nothing of their own ("There needs to be more than that.")
MAX_WORDS = 60  # longer "sentences" are usually run-on lists or mis-split paragraphs
# openings that point back at a sentence the summary may not include
DANGLING_OPENERS = frozenset(
    "he she they it him her them his hers its their theirs this these those that such there "
    "but and or so yet also however meanwhile still instead moreover furthermore besides then "
    "thus hence therefore nonetheless nevertheless otherwise likewise similarly again "
    "both neither either another".split()
)
DANGLING_PENALTY = 0.35
SOFT_OPENERS = frozenset("he she they it his her their".split())  # fine once their referent precedes
SOFT_PENALTY = 0.2
QUOTE_START_PENALTY = 0.15  # close_quote() closes it on display; outlets' quotes are often the story
UNATTRIBUTED_PENALTY = 1.0  # nothing but a quotation: the reader cannot tell who said it
QUOTED_SPAN = re.compile(r"“[^”]*(”|$)|\"[^\"]*(\"|$)")
FIRST_PERSON = frozenset("i me my we our us you your".split())
FIRST_PERSON_PENALTY = 0.3
QUESTION_PENALTY = 1.0  # a question states nothing a reader could take as the story's (a rhetorical one least of all)
def penalty(text: str) -> float:
    """How unfit a sentence is to stand alone in a summary: 0 fine, 1 never use."""
    words = word_count(text)
    if words < MIN_WORDS or len(set(content_stems(text))) < MIN_CONTENT:
        return 1.0  # a heading, a fragment, or a sentence with nothing of its own to say
    if JUNK.search(text) or is_caption(text) or TIMESTAMP.search(text):
        return 1.0
    if text.rstrip().endswith((":", ",", ";", "—", "-")):
        return 1.0  # introduces something the sentence split cut off
    stripped = text.lstrip()
    if _starts_midway(stripped) or stripped.startswith(("”", "’")) or _continues_quote(stripped) \
            or DASH_CONTINUATION.match(stripped):
        return 1.0  # a fragment: starts mid-sentence, mid-quote or after a dash the split cut at
    if unfinished(stripped):
        return 1.0  # a heading, a caption or a teaser cut off: not a sentence
    score = 0.0
    if words > MAX_WORDS:
        score += 0.3
    score += _quote_penalty(stripped)
    score += opener_penalty(stripped)
    toks = [t.lower() for t in tokens(stripped)]
    if sum(t in FIRST_PERSON for t in toks) >= 2 and stripped[:1] not in QUOTE_CHARS:
        score += FIRST_PERSON_PENALTY / 2
    if stripped.rstrip(QUOTE_CHARS + " ").endswith("?"):
        score += QUESTION_PENALTY
    return min(1.0, score)


def _starts_midway(text: str) -> bool:
    """Lower-case opening in cased text (some corpora are lower-cased throughout: no signal there)."""
    first = text[:1]
    if first.isupper() or first.isdigit() or first in QUOTE_CHARS or first in "([":
        return False
    return any(ch.isupper() for ch in text[1:])


def _continues_quote(text: str) -> bool:
    """A closing quote mark before any opening one: the sentence begins inside someone's quote."""
    close = min((i for i in (text.find("”"), straight_close(text)) if i >= 0), default=-1)
    opening = text.find("“")
    return close >= 0 and (opening < 0 or close < opening)


def _quote_penalty(text: str) -> float:
    """A quote that runs on past this sentence reads as cut off; a first-person quote needs its speaker."""
    if text[:1] in "\"“" and len(tokens(QUOTED_SPAN.sub(" ", text))) < 2:
        return UNATTRIBUTED_PENALTY  # the speaker is named in another sentence, or nowhere
    curly_unbalanced = text.count("“") != text.count("”")
    straight_odd = text.count("\"") % 2 == 1
    if curly_unbalanced or straight_odd:
        return QUOTE_START_PENALTY
    if text[:1] in "\"“":
        first_person = {t.lower() for t in tokens(text)} & FIRST_PERSON
        return FIRST_PERSON_PENALTY if first_person else 0.1
    return 0.0


def opener_penalty(text: str) -> float:
    """Penalty for an opening word that points back (pronoun, connective); lifted when the sentence
    before it in its article is in the summary too."""
    first = tokens(text[:40])
    if not first:
        return 0.5
    word = first[0].lower()
    if word in SOFT_OPENERS:
        return SOFT_PENALTY
    if word in DANGLING_OPENERS:
        return DANGLING_PENALTY
    return 0.0
