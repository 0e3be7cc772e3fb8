"""What every brief must hold, whatever the pile (issue 19, "one consistent brief"). conftest.py runs
check_brief on every brief that newsfuse.pipeline builds during the test run."""

from __future__ import annotations

import re

from newsfuse.align.fact_text import opens_on_unresolved_person
from newsfuse.align.findings import told_as_variant
from newsfuse.align.shown_facts import is_statement
from newsfuse.models import Brief, StoryBrief
from newsfuse.text.rules import unfinished

_WORDS = re.compile(r"\w+")
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")  # "He [Palmer] was ...": the brief's own naming, not the source's words


def norm(text: str) -> str:
    return " ".join(_WORDS.findall(_BRACKETED.sub("", text).lower()))


def outlet_of(brief: Brief) -> dict[str, str]:
    """Article id -> its outlet as the facts count it (an article without one is its own outlet)."""
    return {a.id: (a.outlet or "").strip().lower() or f"article:{a.id}" for a in brief.articles}


def check_brief(brief: Brief) -> None:
    outlets = outlet_of(brief)
    bodies = {a.id: norm(a.text) for a in brief.articles}
    for story in brief.stories:
        check_counts(story, outlets)
        check_single_source(story)
        check_told_by_others(story, outlets)
        check_quote_sources(story, bodies)
        for text in [f.text for f in story.facts + story.single_source] + [t.text for t in story.timeline]:
            check_whole_sentence(text)
        for fact in story.facts:
            for evidence in fact.evidence:
                assert is_statement(evidence.text), (fact.text, evidence)
    for sentence in brief.summary:
        assert not {e.article for e in sentence.related} & set(sentence.sources), sentence


def check_counts(story: StoryBrief, outlets: dict[str, str]) -> None:
    """`outlets` counts distinct outlets among a fact's sources; related coverage is never a source."""
    for fact in story.facts:
        assert fact.outlets == len({outlets.get(s, s) for s in fact.sources}), fact
        assert fact.outlets >= 2, fact
        assert len(set(fact.sources)) == len(fact.sources), fact
        assert not {e.article for e in fact.related} & set(fact.sources), fact
    told = {(a, norm(t)): f for f in story.facts
            for a, t in [(f.sources[0], f.text), *((e.article, e.text) for e in f.evidence)]}
    for sentence in story.summary:
        assert not {e.article for e in sentence.related} & set(sentence.sources), sentence
        assert [e.article for e in sentence.evidence] == list(sentence.sources[1:]), sentence
        fact = told.get((sentence.sources[0], norm(sentence.text)))  # a fact's passage: it counts what the fact does
        assert fact is None or set(fact.sources) <= set(sentence.sources), (fact, sentence)


def check_single_source(story: StoryBrief) -> None:
    """A single-source sentence is no fact's evidence, not alone the evidence of a summary sentence (a window of
    two sentences may pair it with the one that states the claim), and no summary sentence citing others."""
    facts = [(e.article, norm(e.text)) for f in story.facts for e in f.evidence]
    summary = [(e.article, norm(e.text)) for s in story.summary for e in s.evidence]
    for single in story.single_source:
        assert len(single.sources) == 1 and single.outlets == 1, single
        own, body = single.sources[0], norm(single.text)
        assert not any(a == own and body in text for a, text in facts), single
        assert not any(a == own and body == text for a, text in summary), single
        for sentence in story.summary:
            if norm(sentence.text) == body:
                assert sentence.sources == (own,), (single, sentence)


def check_told_by_others(story: StoryBrief, outlets: dict[str, str]) -> None:
    """A single-source sentence is no fact's text and no side of a compatible variant another outlet tells
    ('more than 15,000 new cases' beside '15,300 new cases': two outlets tell that claim)."""
    facts = {norm(f.text) for f in story.facts}
    for single in story.single_source:
        assert norm(single.text) not in facts, single
        assert not told_as_variant(single, story.variants, outlets), single


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def check_quote_sources(story: StoryBrief, bodies: dict[str, str]) -> None:
    """A quote's sources are the articles that carry it: each of its sentences is in the text of every source
    not listed with a variant; a source that carries only a fragment or another wording of it is listed with
    that variant, and carries the variant's words."""
    for quote in story.quotes:
        with_variant = {a for v in quote.variants for a in v.sources}
        assert with_variant <= set(quote.sources), quote
        for source in quote.sources:
            texts = [v.text for v in quote.variants if source in v.sources] or [quote.text]
            assert any(_carries(bodies.get(source, ""), t) for t in texts), (source, quote.text)


def _carries(body: str, quote: str) -> bool:
    parts = [norm(p) for p in _SENTENCE_END.split(quote.replace("...", " ").replace("…", " "))]
    return all(p in body for p in parts if p)


def check_whole_sentence(text: str) -> None:
    """A fact or timeline text is a whole sentence: finished, not the outlet's question, not opening on an
    unresolved personal pronoun ("He said ...": who?)."""
    assert not unfinished(text), text
    assert not text.rstrip().endswith("?"), text
    assert not opens_on_unresolved_person(text), text
