"""Sentence rules shared by the summary, the citations and the facts: what is no sentence of the report
(site furniture, photo captions, timestamps, text cut off) and how a lifted sentence is made to read whole
(a capital first letter, a quotation closed). Each pattern names what it targets; tests/test_text.py holds
ordinary news sentences that every one of them must leave alone.
"""

from __future__ import annotations

import re

QUOTE_CHARS = "\"“”‘’'"
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


def unfinished(text: str) -> bool:
    """No terminal punctuation (or a teaser's "..." or a title's full stop): a heading or caption, or
    text cut off mid-sentence (truncated feeds and data sets stop there), so not a summary sentence."""
    text = text.rstrip()
    return not FINISHED.search(text) or bool(CUT_SHORT.search(text))


def straight_close(text: str) -> int:
    """Position of a straight quote that closes one begun in an earlier sentence (odd count, and the first one
    follows a word or a sentence's punctuation), else -1. The fact text (align.fact_text) reads marks by it too."""
    if text.count("\"") % 2 == 0:
        return -1
    i = text.find("\"")
    # (a mark padded with spaces, as Multi-News writes them, says nothing: after "reads, " it opens a quote)
    return i if i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".,!?") else -1


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
