"""The stage order, in one place: ingest -> extract -> stories -> analyse -> align -> brief."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import InputRejected
from .extract import extract
from .ingest import Fetcher, read_inputs, source_from_text
from .models import Article, Brief, InputError, Source
from .settings import DEFAULT, Settings

Input = str | Path | Source | Article


def load_articles(
    inputs: Iterable[Input], settings: Settings = DEFAULT, fetch: Fetcher | None = None
) -> tuple[list[Article], list[InputError]]:
    """Ingest and extract every input; unreadable ones become InputErrors (raised unless keep_going)."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for source in _sources(inputs, settings, fetch):
        if isinstance(source, Article):
            articles.append(source)
            continue
        if isinstance(source, InputError):
            errors.append(source)
        else:
            article = extract(source, settings)
            problem = _unusable(article, settings)
            if problem:
                errors.append(InputError(source.path or source.id, problem))
            else:
                articles.append(article)
        if errors and not settings.keep_going:
            raise InputRejected(errors[0].path, errors[0].message)
    return articles, errors


def _unusable(article: Article, settings: Settings) -> str | None:
    """Why an extracted article cannot be briefed, or None."""
    if not article.paragraphs:
        return "no article text found"
    languages = settings.languages
    if languages and article.lang and article.lang not in languages:
        if article.word_count >= settings.min_words_for_language:
            wanted = "/".join(languages)
            return (f"language detected as '{article.lang}', but briefs need {wanted} text "
                    "(newsfuse extract works in any language)")
    return None


def _sources(inputs: Iterable[Input], settings: Settings, fetch: Fetcher | None):  # type: ignore[no-untyped-def]
    paths: list[str] = []
    texts = 0
    for item in inputs:
        if isinstance(item, (Source, Article)):
            yield item
        elif isinstance(item, str) and "\n" in item:  # an article's text; one-line strings are paths or URLs
            texts += 1
            yield source_from_text(item, f"text{texts}")
        else:
            paths.append(str(item))
    yield from read_inputs(paths, settings, fetch)


def brief_articles(articles: Sequence[Article], settings: Settings = DEFAULT,
                   errors: Sequence[InputError] = (), pile_summary: bool = True) -> Brief:
    """Group, analyse, align and summarise already-extracted articles. pile_summary=False skips the
    whole pile's summary when it holds several stories (the corpus runner keeps only the stories)."""
    # imported here: `newsfuse extract` loads articles without the analysis stages (start-up time)
    from .align import align
    from .analyse import analyse_many
    from .brief import build_brief
    from .stories import group_stories

    groups = group_stories(articles, settings)
    analyses = analyse_many(articles, settings)
    alignments = [align(group, analyses, settings) for group in groups]
    return build_brief(analyses, alignments, settings, errors, pile_summary)


def run(inputs: Iterable[Input], settings: Settings = DEFAULT, fetch: Fetcher | None = None) -> Brief:
    articles, errors = load_articles(inputs, settings, fetch)
    return brief_articles(articles, settings, errors)
