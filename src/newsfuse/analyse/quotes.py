"""Direct quotes and their speakers.

Where the quotes are (marks, UK-style continued paragraphs, tokenised text) is analyse.quote_spans.

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
from collections.abc import Callable, Sequence
from typing import Any

from ..models import Article, Mention, RawQuote, Sentence
from . import speaker_rank
from .entities import ArticleNames, Named, article_names
from .quote_spans import QuoteSpan, looks_like_title, quote_spans
from .speaker_cues import (
    _INTRO_END,
    _SENTENCE_END,
    LIST_MARKER,
    Candidate,
    _candidates,
    _post_speaker,
    _pre_speaker,
    _subject,
    _zone_bounds,
)
from .speaker_parse import parse_candidate
from .speaker_resolve import CURRENT_SPEAKER_PARAGRAPHS, _current_speaker, _resolve

__all__ = ["FRAGMENT_MIN_WORDS", "QUOTE_MIN_WORDS", "QuoteSpan", "attribute", "find_quotes", "looks_like_title",
           "quote_records", "quote_spans"]

QUOTE_MIN_WORDS = 4  # a quote with fewer words is a scare quote / phrase, never a standalone quote
FRAGMENT_MIN_WORDS = 2  # shorter spans are not kept at all


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



def find_quotes(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                names: ArticleNames | None = None, docs: Sequence[Any] | None = None) -> list[RawQuote]:
    """Direct quotes of FRAGMENT_MIN_WORDS+ words with resolved speakers (see the module docstring); `docs`,
    one spaCy Doc per sentence, lets a quote inside a running clause take its subject (speaker_parse.py)."""
    return [quote for _, quote in quote_records(article, sentences, mentions, names, docs)]


def quote_records(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                  names: ArticleNames | None = None, docs: Sequence[Any] | None = None,
                  ranker: Callable[[list[speaker_rank.Candidate]], speaker_rank.Candidate | None] | None = None,
                  ) -> list[tuple[QuoteSpan, RawQuote]]:
    """`find_quotes` with each quote's span in Article.text (benchmarks match quotes by offsets). With the
    parse, a quote of QUOTE_MIN_WORDS+ words that the rules leave without a speaker takes the one the learned
    ranker picks among the names around it, when likely enough (analyse/speaker_rank.py); `ranker` replaces
    that choice (training)."""
    names = names or article_names(article, sentences, mentions)
    text = article.text
    spans = quote_spans(text)
    starts = names.sentence_starts
    labels = {starts[m.sentence] + m.start: m.label for m in mentions if m.sentence < len(starts)}
    choose = ranker or speaker_rank.rank_speaker
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
        if looks_like_title(body.rstrip(",.")) and _TITLE_LEAD.search(text, max(0, span.start - 30), span.start):
            continue  # 'host of “The Nightly Show with Larry Wilmore.”': US style puts the sentence's period inside
        rule_speaker = (speaker, role)
        if speaker is None and docs and len(body.split()) >= QUOTE_MIN_WORDS:
            best = choose(speaker_rank.candidates(names, text, spans, k, docs, labels,
                                                  previous[0] if previous else None))
            if best is not None:
                speaker, role = best.name, best.role
        sentence = max(bisect.bisect_right(starts, span.parts[0][0]) - 1, 0) if starts else 0
        quotes.append((span, RawQuote(body, speaker, sentence, role)))
        previous, last_kept = rule_speaker, k
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


# A title-cased span right after a preposition or article names a work or body, whatever punctuation it holds.
_TITLE_LEAD = re.compile(r"\b(?:of|for|on|in|from|the|host of|star of|author of)\s+(?:the\s+)?$")


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
