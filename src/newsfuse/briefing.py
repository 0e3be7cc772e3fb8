"""Stage 6: assemble the brief of each story: headline, cited summary and the aligned records.

In: the pile's ArticleAnalysis records and one StoryAlignment per story. Out: a Brief. The brief scores no
citation itself: it asks each story's SupportIndex (align.support) for the sentences its summary shows and
copies the frozen Citation records it gets back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .align.fact_text import norm_words
from .analyse.datelines import strip_dateline
from .models import (
    ArticleAnalysis,
    Brief,
    Citation,
    Evidence,
    Fact,
    InputError,
    StoryAlignment,
    StoryBrief,
    SummarySentence,
)
from .settings import DEFAULT, Settings
from .summarize import summarize
from .summary.quality import penalty


def build_brief(
    analyses: Sequence[ArticleAnalysis],
    alignments: Sequence[StoryAlignment],
    settings: Settings = DEFAULT,
    errors: Sequence[InputError] = (),
    pile_summary: bool = True,
) -> Brief:
    """The brief: one StoryBrief per alignment, and the pile's summary. With one story that is the story's
    summary; with several, one picked over every article (none with pile_summary=False)."""
    by_id = {a.article.id: a for a in analyses}
    stories = []
    for alignment in alignments:
        members = [by_id[i] for i in alignment.group.article_ids]
        stories.append(story_brief(members, alignment, settings))
    if len(stories) == 1:
        summary = stories[0].summary
    elif pile_summary and analyses:
        support = StorySupport(alignments)
        summary = by_story(summarize(analyses, support, settings), support)
    else:
        summary = ()
    return Brief(tuple(a.article for a in analyses), tuple(stories), tuple(errors), summary)


def by_story(summary: Sequence[SummarySentence], support: StorySupport) -> tuple[SummarySentence, ...]:
    """The pile summary told story by story, the main story first (the summary's own order within each)."""
    return tuple(sorted(summary, key=lambda s: support.story_of[s.sources[0]]))


class StorySupport:
    """Each sentence's support within its own story, for the pile's summary (a SupportIndex): articles of
    another story tell another event, where a shared name and topic look like support but seldom are."""

    def __init__(self, alignments: Sequence[StoryAlignment]) -> None:
        self._supports = [a.support for a in alignments]
        self.story_of = {article: k for k, a in enumerate(alignments) for article in a.group.article_ids}  # index

    def _story(self, key: str) -> int:
        return self.story_of[key.rsplit(":", 1)[0]]  # Sentence.key is "article id:index"

    def cite(self, keys: Sequence[str]) -> Mapping[str, Citation]:
        """One batch per story (a story's Support decides all its citations at once)."""
        by_story: dict[int, list[str]] = {}
        for key in keys:
            by_story.setdefault(self._story(key), []).append(key)
        out: dict[str, Citation] = {}
        for story, mine in by_story.items():
            out.update(self._supports[story].cite(mine))
        return out


def story_brief(members: Sequence[ArticleAnalysis], alignment: StoryAlignment, settings: Settings) -> StoryBrief:
    group = alignment.group
    summary = summarize(members, alignment.support, settings)
    return StoryBrief(
        id=group.id,
        headline=headline(members),
        articles=group.article_ids,
        related=group.related,
        duplicates=group.duplicates,
        summary=tuple(agree_with_facts(summary, alignment.facts)),
        **alignment.findings(),
    )


def agree_with_facts(summary: Sequence[SummarySentence], facts: Sequence[Fact]) -> list[SummarySentence]:
    """A summary sentence that is one of a fact's passages (its shown sentence, or an article's evidence for
    it) cites what the fact counts: an article the facts confirm by claim structure (align.claim_match)
    moves from its related coverage to its sources, so that one brief never counts a sentence's claim for
    the facts while showing it as mere related coverage in the summary. Its evidence keeps the decision's
    probability where the decision rated the pair (related coverage), else the fact's claim similarity."""
    passages: dict[tuple[str, str], list[Evidence]] = {}
    for fact in facts:
        passages.setdefault((fact.sources[0], norm_words(fact.text)), []).extend(fact.evidence)
        for own in fact.evidence:  # the fact's own sentence as its evidence, at the similarity of the two
            shown = Evidence(fact.sources[0], fact.text, own.confidence)
            others = [e for e in fact.evidence if e.article != own.article]
            passages.setdefault((own.article, norm_words(own.text)), []).extend([shown, *others])
    out = []
    for sentence in summary:
        found = passages.get((sentence.sources[0], norm_words(sentence.text)), [])
        extra = list({e.article: e for e in reversed(found) if e.article not in sentence.sources}.values())[::-1]
        if not extra:
            out.append(sentence)
            continue
        moved = {e.article for e in extra}
        rated = {e.article: e.confidence for e in sentence.related}  # the decision's own probability, where it has one
        extra = [replace(e, confidence=rated.get(e.article, e.confidence)) for e in extra]
        out.append(replace(sentence, sources=(*sentence.sources, *(e.article for e in extra)),
                           evidence=(*sentence.evidence, *extra),
                           related=tuple(e for e in sentence.related if e.article not in moved)))
    return out


def headline(members: Sequence[ArticleAnalysis]) -> str:
    """The title of the first titled article, else the first whole sentence of the first article without
    its dateline ("SAN FRANCISCO (AP) --", which the sentence split may leave on its own, heads no story)."""
    for analysis in members:
        if analysis.article.title:
            return analysis.article.title
    for analysis in members:
        texts = [strip_dateline(s.text.strip()) for s in analysis.sentences]
        if texts:
            return next((t for t in texts if penalty(t) < 1.0), texts[0])
    return "(untitled story)"
