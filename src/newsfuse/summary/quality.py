"""Which sentences make poor summary material, as a penalty in [0, 1] (1 = unusable).

Lifted sentences must stand on their own: no text that begins mid-quote, no opening pronoun or
connective whose antecedent stays behind, no datelines, captions, bylines or calls to action.
"""

from __future__ import annotations

import re

from ..analyse.datelines import DASH_CONTINUATION
from .lexical import content_stems, tokens, word_count

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
QUOTE_CHARS = "\"“”‘’'"
QUOTE_START_PENALTY = 0.15  # close_quote() closes it on display; outlets' quotes are often the story
UNATTRIBUTED_PENALTY = 1.0  # nothing but a quotation: the reader cannot tell who said it
QUOTED_SPAN = re.compile(r"“[^”]*(”|$)|\"[^\"]*(\"|$)")
FIRST_PERSON = frozenset("i me my we our us you your".split())
FIRST_PERSON_PENALTY = 0.3
QUESTION_PENALTY = 1.0  # a question states nothing a reader could take as the story's (a rhetorical one least of all)
# boilerplate that survives extraction: captions, credits, calls to action, site furniture
JUNK = re.compile(
    r"(?i)\b(click here|sign up|subscribe|newsletter|follow (us|him|her|them) on|share this|"
    r"read more|photo:|image:|image caption|media caption|caption:|photo credit|getty images|ap photo|reuters/|\(photo|all rights reserved|"
    r"copyright (\d{4}|©)|©|(use|uses|accept) cookies|cookie policy|javascript|advertisement|related:|watch:|video:|listen:|email us|"
    r"contributed to this report|this story has been|this article (was|has been)|"
    r"for more (news|information)|log ?in|sign in|terms of (use|service)|privacy policy|"
    r"breaking news (emails|alerts)|news alerts|loading\.\.\.|ad-free|free trial|free month|(order|dow jones) reprints|reprints? tool|"
    r"non-commercial use|web archiv|web.wide crawl|wide crawls?|crawls? (of|are)|crawl (data|start|end)|the crawl\b|distributed crawling|crawler|archive(\.| dot )org|wayback|toggle caption|enlarge this image|internet archive|seedlist|"
    r"media playback|unsupported on your device|enable javascript|your browser|"
    r"story highlights|storyidforme|tmspicid|fileheaderid|pic\.twitter\.com|@\w+ on twitter|"
    r"text size|tweet with a location|location information to your tweets|tweet location history|"
    r"email notifications|cast &(amp;)? credits|"
    r"editor['’]?s note|share your (thoughts|views|opinions?|stories)|(leave|post) a comment|comments? below|in the comments( section)? below|"
    r"watch the (full )?video below|sign me up|never miss a (local )?story)"
    r"|toggle caption"  # glued to the words before it in some feeds ("itoggle caption")
)
# photo captions: agency file-photo formulas, and a teaser cut at "..." followed by the photo credit
CAPTION = re.compile(r"(?i)\bfile photo\b|\bin this (\w+\.? \d{1,2}, \d{4},? |undated )(file )?photo\b|"
                     r"\w(\.\.\.|…)\s*\(|"
                     # "... are photographed in washington, thursday, april 19, 2018.": captions end on the date
                     r",\s*(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}\W*$|"
                     # or without the weekday, after the place: "... in kenema, sierra leone, june 25, 2014."
                     r"\bin [^.,]+(, [^.,]+)?,\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                     r"\s+\d{1,2},?\s+\d{4}\W*$|"
                     # or with the place after the date: "..., tuesday, may 3, 2016, in westfield, ind."
                     r"(,|\bon)\s+(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+[a-z]{3,9}\.?\s+\d{1,2},\s+\d{4},\s+"
                     r"(in|at|near)\s+[^.]{2,60}\.?[\"”]?$")
# a complete sentence ends on terminal punctuation, possibly inside closing quotes or brackets ...
FINISHED = re.compile(r"[.!?…][\s\"“”‘’')\]]*$")
# ... but not on a teaser's trailing dots or on a title the sentence split mistook for a full stop
# (titles that only ever precede a name: "... giving a bear hug to dr." was split from "Bryan Hodges")
CUT_SHORT = re.compile(r"(?i)(\w(\.\.\.|…)|\b(dr|sen|sens|rep|reps|gov|gen|lt|col|sgt|capt|cmdr|adm|mr|mrs|ms|"
                       r"prof|rev|ft|mt|vs|jan|feb|aug|sept|oct|nov|dec)\.)[\s\"“”‘’')\]]*$")
TIMESTAMP = re.compile(r"(?i)^(updated|posted|published|last updated)\b|\b\d{1,2}:\d{2}\s*(am|pm|[ap]\.m\.)?\s*(et|gmt|bst|edt|est|pt|utc)?\s*$")


def penalty(text: str) -> float:
    """How unfit a sentence is to stand alone in a summary: 0 fine, 1 never use."""
    words = word_count(text)
    if words < MIN_WORDS or len(set(content_stems(text))) < MIN_CONTENT:
        return 1.0  # a heading, a fragment, or a sentence with nothing of its own to say
    if JUNK.search(text) or CAPTION.search(text) or TIMESTAMP.search(text):
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


def unfinished(text: str) -> bool:
    """No terminal punctuation (or a teaser's "..." or a title's full stop): a heading or caption, or
    text cut off mid-sentence (truncated feeds and data sets stop there), so not a summary sentence."""
    text = text.rstrip()
    return not FINISHED.search(text) or bool(CUT_SHORT.search(text))


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


def straight_close(text: str) -> int:
    """Position of a straight quote that closes one begun in an earlier sentence (odd count, and the first one
    follows a word or a sentence's punctuation), else -1. The fact text (align.fact_text) reads marks by it too."""
    if text.count("\"") % 2 == 0:
        return -1
    i = text.find("\"")
    # (a mark padded with spaces, as Multi-News writes them, says nothing: after "reads, " it opens a quote)
    return i if i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".,!?") else -1


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


def capitalised(text: str) -> str:
    """The first letter upper-cased, after any opening quotation mark: lower-cased corpora (Multi-News) and
    sentences the split began inside a quote ('so kotarac used a shovel ...') read as sentences."""
    first = re.match(r"([\"“‘'(\s]*)([^\W\d_][\w'’-]*)", text)
    if first is None or first.group(2) != first.group(2).lower():  # 'iPhone', 'eBay' keep their case
        return text
    return text[:first.start(2)] + text[first.start(2)].upper() + text[first.start(2) + 1:]


def close_quote(text: str) -> str:
    """Add the closing mark of a quotation that the sentence split left open (the quote runs on into
    the next sentence): the displayed sentence then reads as a whole quote. Words are never changed."""
    if text.count("“") > text.count("”"):
        return text + "”"
    if text.count("\"") % 2 == 1 and straight_close(text) < 0:
        return text + "\""
    return text
