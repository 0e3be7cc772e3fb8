"""Stage 7: the brief as JSON (the stable machine contract), Markdown and HTML.

Article content is untrusted: every string that reaches HTML goes through an autoescaping template.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from . import __version__
from .models import Article, Brief, Fact, StoryBrief

# 1.1: the top-level "summary" of the whole pile; 1.2: "evidence" of summary sentences and facts;
# 1.3: "related" (related coverage, weaker than a citation) of summary sentences and facts
SCHEMA_VERSION = "1.3"
EVIDENCE_CHARS = 200  # Markdown shows this much of each evidence passage (JSON and HTML show all of it)


def article_dict(article: Article) -> dict[str, Any]:
    """One article in the JSON contract (also the line format of `newsfuse extract --format jsonl`)."""
    return {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "title": article.title,
        "outlet": article.outlet,
        "author": article.author,
        "date": article.date,
        "lang": article.lang,
        "text": article.text,
        "paragraphs": list(article.paragraphs),
        "removed": [r.text for r in article.removed],
        "removed_kinds": [r.kind for r in article.removed],
        "comments": list(article.comments),
    }


def story_dict(story: StoryBrief) -> dict[str, Any]:
    plain = asdict(story)
    head = ("id", "headline", "articles", "related", "duplicates", "summary")
    ordered = {key: plain.pop(key) for key in head} | plain  # the story's identity first, then its findings
    return _lists(ordered)  # type: ignore[no-any-return]


def brief_dict(brief: Brief) -> dict[str, Any]:
    return {
        "newsfuse": __version__,
        "schema": SCHEMA_VERSION,
        "summary": [_lists(asdict(s)) for s in brief.summary],
        "articles": [article_dict(a) for a in brief.articles],
        "stories": [story_dict(s) for s in brief.stories],
        "errors": [{"path": e.path, "message": e.message} for e in brief.errors],
    }


def to_json(brief: Brief, indent: int | None = 2) -> str:
    return json.dumps(brief_dict(brief), ensure_ascii=False, indent=indent)


def _lists(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    return value


# ------------------------------------------------------------------- markdown
def to_markdown(brief: Brief) -> str:
    labels = _labels(brief)
    lines: list[str] = []
    for story in brief.stories:
        lines += _story_markdown(story, brief, labels)
    lines += ["# Articles", ""]
    for article in brief.articles:
        meta = ", ".join(x for x in (article.outlet, article.date, article.author) if x)
        lines.append(f"- [{labels[article.id]}] **{article.title or article.id}**" + (f" ({meta})" if meta else ""))
        lines.append(f"  `{article.path or article.id}`: {_count(len(article.paragraphs), 'paragraph')} kept, "
                     f"{_count(len(article.removed), 'block')} removed")
    if brief.errors:
        lines += ["", "# Inputs not read", ""] + [f"- {e}" for e in brief.errors]
    return "\n".join(lines).rstrip() + "\n"


def _told_by(fact: Fact) -> str:
    """"3 outlets", or "2 outlets, 3 articles" where one outlet ran several: outlets are counted once each."""
    told = _count(fact.outlets, "outlet")
    return told if len(fact.sources) == fact.outlets else f"{told}, {_count(len(fact.sources), 'article')}"


def _related_lines(related: Any, labels: dict[str, str]) -> list[str]:
    """Related coverage, apart from the citations: articles that tell something close, not counted."""
    if not related:
        return []
    return ["  - related coverage (not counted): " + "; ".join(
        f"{labels.get(e.article, e.article)} ({e.confidence:.2f}) {_quoted(_shorten(e.text))}" for e in related)]


def _evidence_lines(evidence: Any, labels: dict[str, str]) -> list[str]:
    """One indented line per cited article: its label, the confidence, and the passage that states it."""
    return [f"  - {labels.get(e.article, e.article)} ({e.confidence:.2f}): {_quoted(_shorten(e.text))}"
            for e in evidence]


def _quoted(text: str) -> str:
    """In quotation marks, unless the passage is itself a quotation (no doubled marks): Markdown and HTML."""
    return text if text[:1] in "“\"‘'" else f"“{text}”"


def _shorten(text: str, limit: int = EVIDENCE_CHARS) -> str:
    """At most `limit` characters, cut at a word with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _labels(brief: Brief) -> dict[str, str]:
    """Short citation labels: the article id up to its first underscore when that stays unique."""
    short = {a.id: a.id.split("_")[0] for a in brief.articles}
    if len(set(short.values())) == len(short):
        return short
    return {a.id: a.id for a in brief.articles}


def _cite(sources: Any, labels: dict[str, str]) -> str:
    return "[" + ", ".join(labels.get(s, s) for s in sources) + "]"


def _story_markdown(story: StoryBrief, brief: Brief, labels: dict[str, str]) -> list[str]:
    lines = [f"# {story.headline}", ""]
    lines.append(f"Story `{story.id}` · {len(story.articles)} article(s): {_cite(story.articles, labels)}")
    if story.related:
        lines.append(f"Related stories: {', '.join(story.related)}")
    if story.duplicates:
        lines.append("Near-duplicate copies: " + "; ".join(f"{labels[a]} = {labels[b]}" for a, b in story.duplicates))
    lines += ["", "## Summary", ""]
    for s in story.summary:
        lines.append(f"- {s.text} {_cite(s.sources, labels)}")
        lines += _evidence_lines(s.evidence, labels)
        lines += _related_lines(s.related, labels)
    if story.facts:
        lines += ["", "## Facts by support", ""]
        for f in story.facts:
            lines.append(f"- ({_told_by(f)}) {f.text} {_cite(f.sources, labels)}")
            lines += _evidence_lines(f.evidence, labels)
            lines += _related_lines(f.related, labels)
    if story.single_source:
        lines += ["", "## Reported by one outlet only", ""]
        lines += [f"- {f.text} {_cite(f.sources, labels)}" for f in story.single_source]
    for title, items in (("Conflicts", story.conflicts), ("Compatible variants", story.variants)):
        if items:
            lines += ["", f"## {title}", ""]
            for d in items:
                sides = "; ".join(f"“{s.value}” {_cite(s.sources, labels)}" for s in d.sides)
                lines.append(f"- **{d.subject}** ({d.kind}): {sides}" + (f". {d.note}" if d.note else ""))
    if story.quotes:
        lines += ["", "## Quotes", ""]
        for q in story.quotes:
            who = ", ".join(x for x in (q.speaker, q.role) if x) or "unattributed"
            lines.append(f"- **{who}**: “{q.text}” {_cite(q.sources, labels)}")
            lines += [f"  - variant {_cite(v.sources, labels)}: {v.diff or v.text}" for v in q.variants]
    for title, entities in (("People", story.people), ("Organisations", story.organisations)):
        if entities:
            lines += ["", f"## {title}", ""]
            for e in entities:
                extra = f", {e.role}" if e.role else ""
                aka = f" (also: {', '.join(e.aliases)})" if e.aliases else ""
                lines.append(f"- **{e.name}**{extra}{aka} {_cite(e.articles, labels)}")
    if story.timeline:
        lines += ["", "## Timeline", ""]
        lines += [f"- {t.date}: {t.text} {_cite(t.sources, labels)}" for t in story.timeline]
    if story.coverage:
        lines += ["", "## Coverage by outlet", ""]
        for c in story.coverage:
            lines.append(f"- **{c.outlet or c.article}** [{labels.get(c.article, c.article)}]")
            lines += [f"  - adds: {x}" for x in c.adds]
            lines += [f"  - omits: {x}" for x in c.omits]
            lines += [f"  - loaded: “{w.word}”" + (f" (others: “{w.neutral}”)" if w.neutral else "") for w in c.loaded]
    return lines + [""]


# ----------------------------------------------------------------------- html
def to_html(brief: Brief) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("newsfuse", "templates"), autoescape=select_autoescape(default=True))
    env.filters["quoted"] = _quoted  # autoescaping still applies to what the filter returns
    return env.get_template("brief.html").render(brief=brief, labels=_labels(brief))


RENDERERS = {"json": to_json, "md": to_markdown, "markdown": to_markdown, "html": to_html}
