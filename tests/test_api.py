"""The public Python API: a curated surface, the same results as the CLI."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

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


def test_every_public_name_imports_and_is_documented():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in newsfuse.__all__:
        value = getattr(importlib.import_module("newsfuse"), name)
        if name == "__version__":
            assert re.fullmatch(r"\d+\.\d+\.\d+\S*", value)
            continue
        assert (value.__doc__ or "").strip(), f"newsfuse.{name} has no docstring"
        assert f"newsfuse.{name}" in readme or f"{name}(" in readme, f"newsfuse.{name} is not in the README"


def test_extract_keeps_the_order_given(seeds):
    """Texts and paths interleaved come back in the caller's order (paths were once read after all texts)."""
    text = ("Flood waters forced 300 families from their homes in Carlisle on Saturday, officials said.\n\n"
            "The River Eden rose two metres overnight after heavy rain, the Environment Agency said.")
    articles = newsfuse.extract([str(seeds[0]), text, str(seeds[1])])
    assert [a.id for a in articles] == [seeds[0].stem, "text1", seeds[1].stem]
    assert "River Eden" in articles[1].paragraphs[-1]


def test_api_functions_do_not_shadow_stage_modules():
    """`newsfuse.brief`/`newsfuse.extract` are the functions, and the stage modules are importable by name."""
    import importlib

    import newsfuse

    assert callable(newsfuse.brief) and callable(newsfuse.extract)
    assert importlib.import_module("newsfuse.extraction.html").extract_html
    assert importlib.import_module("newsfuse.briefing").build_brief
    assert callable(newsfuse.brief) and callable(newsfuse.extract)
