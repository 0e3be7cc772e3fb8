"""The stage order, in one place: ingest -> extract -> stories -> analyse -> align -> brief."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .errors import InputRejected
from .extraction import extract
from .extraction.bounds import bound_article
from .ingest import Fetcher, read_inputs, source_from_text, with_given_fields
from .models import Article, Brief, InputError, Source
from .settings import DEFAULT, Settings

Input = str | Path | Source | Article


def load_articles(
    inputs: Iterable[Input], settings: Settings = DEFAULT, fetch: Fetcher | None = None
) -> tuple[list[Article], list[InputError]]:
    """Ingest and extract every input. A pile survives its bad members: each unusable input becomes an
    InputError and the others go on (Settings.keep_going, the default); with keep_going=False (--strict)
    the first one raises InputRejected. An unexpected failure on one input is that input's error too."""
    articles: list[Article] = []
    errors: list[InputError] = []
    for source in _sources(inputs, settings, fetch):
        if isinstance(source, Article):
            articles.append(bound_article(source, settings))
            continue
        if isinstance(source, InputError):
            errors.append(source)
        else:
            try:
                article = extract(source, settings)
            except (RecursionError, MemoryError, ValueError, TypeError, LookupError, UnicodeError) as error:
                errors.append(InputError(source.path or source.id, f"could not be extracted ({_reason(error)})"))
                article = None
            article = with_given_fields(article, source) if article is not None else None
            problem = _unusable(article, settings) if article is not None else None
            if problem:
                errors.append(InputError(source.path or source.id, problem))
            elif article is not None:
                articles.append(article)
        if errors and not settings.keep_going:
            raise InputRejected(errors[0].path, errors[0].message)
    return articles, errors


def _reason(error: BaseException) -> str:
    """An exception as a short reason: its type, and its message cut to one line."""
    text = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


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


def _sources(
    inputs: Iterable[Input], settings: Settings, fetch: Fetcher | None
) -> Iterator[Source | Article | InputError]:
    """Every input's Sources, in the order given (texts, paths and records interleaved as the caller put them)."""
    taken: set[str] = set()
    texts = 0
    for item in inputs:
        if isinstance(item, (Source, Article)):
            yield item
        elif isinstance(item, str) and "\n" in item:  # an article's text; one-line strings are paths or URLs
            texts += 1
            yield source_from_text(item, f"text{texts}")
        else:
            yield from read_inputs([item], settings, fetch, taken)


def brief_articles(articles: Sequence[Article], settings: Settings = DEFAULT,
                   errors: Sequence[InputError] = (), pile_summary: bool = True) -> Brief:
    """Group, analyse, align and summarise already-extracted articles. pile_summary=False skips the
    whole pile's summary when it holds several stories (the corpus runner keeps only the stories)."""
    # imported here: `newsfuse extract` loads articles without the analysis stages (start-up time)
    from .align import align
    from .analyse import analyse_many
    from .briefing import build_brief
    from .stories import group_stories

    articles = [bound_article(article, settings) for article in articles]  # Articles from a store or the API too
    groups = group_stories(articles, settings)
    analyses = analyse_many(articles, settings)
    alignments = [align(group, analyses, settings) for group in groups]
    return build_brief(analyses, alignments, settings, errors, pile_summary)


def run(inputs: Iterable[Input], settings: Settings = DEFAULT, fetch: Fetcher | None = None) -> Brief:
    articles, errors = load_articles(inputs, settings, fetch)
    return brief_articles(articles, settings, errors)
