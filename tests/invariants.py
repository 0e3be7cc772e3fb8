"""What every brief must hold, whatever the pile (issue 19, "one consistent brief"). conftest.py runs
check_brief on every brief that newsfuse.pipeline builds during the test run."""

from __future__ import annotations

import re

from newsfuse.align.fact_text import opens_on_unresolved_person
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
    for story in brief.stories:
        check_counts(story, outlets)
        check_single_source(story)
        for text in [f.text for f in story.facts + story.single_source] + [t.text for t in story.timeline]:
            check_whole_sentence(text)
    for sentence in brief.summary:
        assert not {e.article for e in sentence.related} & set(sentence.sources), sentence


def check_counts(story: StoryBrief, outlets: dict[str, str]) -> None:
    """`outlets` counts distinct outlets among a fact's sources; related coverage is never a source."""
    for fact in story.facts:
        assert fact.outlets == len({outlets.get(s, s) for s in fact.sources}), fact
        assert fact.outlets >= 2, fact
        assert len(set(fact.sources)) == len(fact.sources), fact
        assert not {e.article for e in fact.related} & set(fact.sources), fact
    for sentence in story.summary:
        assert not {e.article for e in sentence.related} & set(sentence.sources), sentence
        assert [e.article for e in sentence.evidence] == list(sentence.sources[1:]), sentence


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


def check_whole_sentence(text: str) -> None:
    """A fact or timeline text is a whole sentence: finished, not the outlet's question, not opening on an
    unresolved personal pronoun ("He said ...": who?)."""
    assert not unfinished(text), text
    assert not text.rstrip().endswith("?"), text
    assert not opens_on_unresolved_person(text), text
