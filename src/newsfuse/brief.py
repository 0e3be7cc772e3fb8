"""Stage 6: assemble the brief of each story: headline, cited summary and the aligned records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .models import ArticleAnalysis, Brief, InputError, StoryAlignment, StoryBrief
from .settings import DEFAULT, Settings
from .summarize import summarize


def build_brief(
    analyses: Sequence[ArticleAnalysis],
    alignments: Sequence[StoryAlignment],
    settings: Settings = DEFAULT,
    errors: Sequence[InputError] = (),
    pile_support: Mapping[str, tuple[str, ...]] | None = None,
) -> Brief:
    """The brief: one StoryBrief per alignment, and the pile's summary. With one story that is the story's
    summary; with several, a summary over every article citing `pile_support` (support across the pile),
    or none when that is not given."""
    by_id = {a.article.id: a for a in analyses}
    stories = []
    for alignment in alignments:
        members = [by_id[i] for i in alignment.group.article_ids]
        stories.append(story_brief(members, alignment, settings))
    if len(stories) == 1:
        summary = stories[0].summary
    elif pile_support is not None and analyses:
        summary = tuple(summarize(analyses, pile_support, settings))
    else:
        summary = ()
    return Brief(tuple(a.article for a in analyses), tuple(stories), tuple(errors), summary)


def story_brief(members: Sequence[ArticleAnalysis], alignment: StoryAlignment, settings: Settings) -> StoryBrief:
    group = alignment.group
    return StoryBrief(
        id=group.id,
        headline=headline(members),
        articles=group.article_ids,
        related=group.related,
        duplicates=group.duplicates,
        summary=tuple(summarize(members, alignment.support, settings)),
        **alignment.findings(),
    )


def headline(members: Sequence[ArticleAnalysis]) -> str:
    """The title of the first titled article, else the first sentence of the first article."""
    for analysis in members:
        if analysis.article.title:
            return analysis.article.title
    for analysis in members:
        if analysis.sentences:
            return analysis.sentences[0].text
    return "(untitled story)"
