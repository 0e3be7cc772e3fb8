"""newsfuse: many outlets, one story, one brief you can check.

    >>> import newsfuse
    >>> brief = newsfuse.brief(["a.html", "b.txt"])
    >>> print(newsfuse.to_markdown(brief))
"""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Iterable  # noqa: E402

# The stages live in modules whose names are not the API's: `newsfuse.extraction` (the extract stage) and
# `newsfuse.briefing` (the brief stage), so `newsfuse.brief` and `newsfuse.extract` are always the functions.
from .models import Article, Brief, Source, StoryBrief  # noqa: E402
from .settings import Settings  # noqa: E402


def brief(inputs: Iterable[object], settings: Settings | None = None, **options: object) -> Brief:
    """Brief a pile of articles: file paths, URLs, raw article texts, Sources or Articles.

    Keyword options override fields of `settings` (e.g. `summary_words=80`).
    """
    settings = (settings or Settings()).with_(**options)
    from . import pipeline  # imported on use: `import newsfuse` stays light

    return pipeline.run(inputs, settings)  # type: ignore[arg-type]


def extract(inputs: Iterable[object], settings: Settings | None = None, **options: object) -> list[Article]:
    """Clean articles (title, outlet, date, body, removed boilerplate) without grouping or briefing."""
    settings = (settings or Settings()).with_(**options)
    from . import pipeline

    return pipeline.load_articles(inputs, settings)[0]  # type: ignore[arg-type]


def to_json(b: Brief) -> str:
    """The brief as JSON: the versioned contract (docs and schema in the README)."""
    from .render import to_json as render

    return render(b)


def to_markdown(b: Brief) -> str:
    """The brief as Markdown, with numbered citations."""
    from .render import to_markdown as render

    return render(b)


def to_html(b: Brief) -> str:
    """The brief as one self-contained HTML page."""
    from .render import to_html as render

    return render(b)


__all__ = ["Article", "Brief", "Settings", "Source", "StoryBrief", "brief", "extract", "to_html", "to_json",
           "to_markdown", "__version__"]
