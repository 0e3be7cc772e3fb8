"""The public Python API: a curated surface, the same results as the CLI."""

from __future__ import annotations

import newsfuse


def test_public_names():
    assert set(newsfuse.__all__) == {"Article", "Brief", "Settings", "Source", "StoryBrief", "brief", "extract",
                                     "to_html", "to_json", "to_markdown", "__version__"}


def test_brief_accepts_texts_and_options():
    first = ("Flood waters forced 300 families from their homes in Carlisle on Saturday.\n\n"
             "The River Eden rose two metres overnight after heavy rain, the Environment Agency said.")
    second = ("Three hundred families left their homes in Carlisle on Saturday as floods hit.\n\n"
              "The Environment Agency said the River Eden rose two metres overnight.")
    brief = newsfuse.brief([first, second], summary_words=30)
    assert [a.id for a in brief.articles] == ["text1", "text2"]
    [story] = brief.stories
    assert sum(len(s.text.split()) for s in story.summary) <= 30
    assert any(set(s.sources) == {"text1", "text2"} for s in story.summary)


def test_extract_returns_clean_articles(seeds):
    articles = newsfuse.extract(seeds[:1])
    assert len(articles) == 1 and articles[0].paragraphs
