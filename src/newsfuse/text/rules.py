"""Sentence rules shared by the summary, the citations and the facts: what is no sentence of the report
(site furniture, photo captions, timestamps, text cut off) and how a lifted sentence is made to read whole
(a capital first letter, a quotation closed). Each pattern names what it targets; tests/test_text.py holds
ordinary news sentences that every one of them must leave alone.
"""

from __future__ import annotations

import re

QUOTE_CHARS = "\"“”‘’'"
# Boilerplate that survives extraction, one named family per entry: what each targets is the page's own
# furniture, in the forms a page writes it, never a word an ordinary report uses ("hackers used stolen
# passwords to log in", "a sign in the shop window", "its web crawler", "the advertisement ran", "200 million
# subscribers"; tests/test_text.py). Corpus artefacts (Wayback crawl notes in Multi-News, LDC typesetting
# codes) are the corpus readers' to remove (bench/data.py, trec.py), not these rules'.
JUNK_FAMILIES: dict[str, str] = {
    # a call to action addressed to the reader: imperative at the start, or naming the site's own offer
    "call to action": r"click here|^(sign up|subscribe|log ?in|sign in|register|read more)\b|"
                      r"\b(sign up|subscribe) (now|today|here|for (our|the|a) (free|daily|weekly|newsletter))|"
                      r"\b(our|free|daily|weekly) newsletters?\b|newsletter sign|follow (us|him|her|them) on|"
                      r"share this|email us|sign me up|never miss a (local )?story|watch the (full )?video below|"
                      r"share your (thoughts|views|opinions?|stories)|(leave|post) a comment|comments? below|"
                      r"in the comments( section)? below|for more (news|information)|breaking news (emails|alerts)|"
                      r"(log ?in|sign in) (or|to) (register|sign up|subscribe|comment|continue)|free trial|free month|"
                      r"ad-free|create an account|your (subscriber|digital) (account|access)|"
                      r"sign up for digital access|continue reading the main story|select a newsletter|"
                      r"view all [\w ]*newsletters|"
                      # a teaser's "Read more" glued into the text, not "read more books" or "read more closely"
                      r"\bread more\b(?!\s+(books?|than|of|about|widely|slowly|carefully|closely|into|news))",
    # photo credits and caption furniture
    "credit": r"photo:|image:|image caption|media caption|caption:|photo credit|getty images|ap photo|reuters/|"
              r"\(photo|toggle caption|enlarge this image",
    # the site's legal and technical notices
    "notice": r"all rights reserved|copyright (\d{4}|©)|©|(we|this (site|website)) uses? cookies|accept cookies|"
              r"cookie policy|^(terms of (use|service)|privacy policy)\b|(enable|turn on) javascript|"
              r"javascript (is )?(required|disabled)|^advertisement\b|media playback|unsupported on your device|"
              r"(your|this) browser (does not|doesn['’]t|is not)|update your browser|loading\.\.\.|"
              r"(order|dow jones) reprints|reprints? tool|non-commercial use",
    # labels that head a block of links or media, and the outlet's notes on its own story
    "label": r"related:|watch:|video:|listen:|contributed to this report|this story has been (updated|corrected)|"
             r"this article (was|has been) (updated|amended|corrected|originally)|editor['’]?s note|story highlights|"
             r"text size|email notifications|cast &(amp;)? credits",
    # identifiers and widgets of social and content systems
    "widget": r"storyidforme|tmspicid|fileheaderid|pic\.twitter\.com|follow @\w+ on twitter|tweet with a location|"
              r"location information to your tweets|tweet location history",
}
JUNK = re.compile("(?i)" + "|".join(f"(?:{p})" for p in JUNK_FAMILIES.values())
                  + r"|(?i:toggle caption)")  # glued to the words before it in some feeds ("itoggle caption")
# photo captions: agency file-photo formulas, and a teaser cut at "..." followed by the photo credit
CAPTION = re.compile(r"(?i)\bfile photo\b|\bin this (\w+\.? \d{1,2}, \d{4},? |undated )(file )?photo\b|"
                     r"\w(\.\.\.|…)\s*\(|"
                     # "... are photographed in washington, thursday, april 19, 2018.": captions end on the date
                     r",\s*(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}\W*$|"
                     # or with the place after the date: "..., tuesday, may 3, 2016, in westfield, ind."
                     r"(,|\bon)\s+(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+[a-z]{3,9}\.?\s+\d{1,2},\s+\d{4},\s+"
                     r"(in|at|near)\s+[^.]{2,60}\.?[\"”]?$")
# captions without the weekday end on the place and the date: "... walks in kenema, sierra leone, june 25, 2014."
# A caption tells what the picture shows in the present tense; a report of the past ("The first Ebola case
# was confirmed in Kenema, Sierra Leone, May 25, 2014.") ends the same way and is kept (is_caption).
PLACE_DATE_CAPTION = re.compile(r"(?i)\bin [^.,]+(, [^.,]+)?,\s*"
                                r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
                                r"\s+\d{1,2},?\s+\d{4}\W*$")
PAST_TENSE = re.compile(r"(?i)\b(was|were|had|did|said|told)\b")
# a complete sentence ends on terminal punctuation, possibly inside closing quotes or brackets ...
FINISHED = re.compile(r"[.!?…][\s\"“”‘’')\]]*$")
# ... but not on a teaser's trailing dots or on a title the sentence split mistook for a full stop
# (titles that only ever precede a name: "... giving a bear hug to dr." was split from "Bryan Hodges")
CUT_SHORT = re.compile(r"(?i)(\w(\.\.\.|…)|\b(dr|sen|sens|rep|reps|gov|gen|lt|col|sgt|capt|cmdr|adm|mr|mrs|ms|"
                       r"prof|rev|ft|mt|vs|jan|feb|aug|sept|oct|nov|dec)\.)[\s\"“”‘’')\]]*$")
TIMESTAMP = re.compile(r"(?i)^(updated|posted|published|last updated)\b|"
                       r"\b\d{1,2}:\d{2}\s*(am|pm|[ap]\.m\.)?\s*(et|gmt|bst|edt|est|pt|utc)?\s*$")


def is_caption(text: str) -> bool:
    """A photo caption (CAPTION, or PLACE_DATE_CAPTION in a sentence with no past-tense verb)."""
    return bool(CAPTION.search(text)) or (bool(PLACE_DATE_CAPTION.search(text)) and not PAST_TENSE.search(text))


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
