"""Rendering: the JSON contract, Markdown citations, and HTML that never trusts article content."""

from __future__ import annotations

import json

from newsfuse.models import (
    Article,
    Brief,
    Discrepancy,
    Evidence,
    Fact,
    Quote,
    QuoteVariant,
    Removed,
    Side,
    StoryBrief,
    SummarySentence,
    TimelineEntry,
)
from newsfuse.render import to_html, to_json, to_markdown

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def make_brief(text: str = "The mayor resigned on Monday.") -> Brief:
    a = Article("001_a", "in/001_a.txt", f"Title {EVIL}", "Outlet A", "2024-05-06", (text, f"Body {EVIL}"),
                (Removed("share", "Share this"), Removed("comment", f"Great {EVIL}")))
    b = Article("002_b", "in/002_b.txt", "Other title", None, None, ("The mayor quit on Monday.",))
    story = StoryBrief(
        id="s1", headline=f"Head {EVIL}", articles=("001_a", "002_b"), related=(), duplicates=(),
        summary=(SummarySentence(f"{text} {EVIL}", ("001_a", "002_b"), (Evidence("002_b", f"Quit {EVIL}", 0.87),)),),
        facts=(Fact("The mayor resigned.", ("001_a", "002_b"), 2, (Evidence("002_b", f"Gone {EVIL}", 0.6),)),),
        single_source=(Fact(f"Only A {EVIL}", ("001_a",), 1),),
        conflicts=(Discrepancy("age", "number", (Side("48", "aged 48", ("001_a",)), Side("47", "47", ("002_b",)))),),
        quotes=(Quote(f"Jo {EVIL}", "I am leaving", ("001_a", "002_b"), "mayor",
                      (QuoteVariant("I'm leaving", ("002_b",), "[-I am-] {+I'm+} leaving"),)),),
        timeline=(TimelineEntry("2024-05-06", "The mayor resigned", ("001_a", "002_b")),),
    )
    return Brief((a, b), (story,), summary=story.summary)


def test_json_contract_fields_and_lists():
    data = json.loads(to_json(make_brief()))
    article = data["articles"][0]
    assert article["removed"] == ["Share this", f"Great {EVIL}"]
    assert article["removed_kinds"] == ["share", "comment"]
    assert article["comments"] == [f"Great {EVIL}"]
    assert article["text"].startswith("The mayor resigned")
    story = data["stories"][0]
    assert story["summary"][0]["sources"] == ["001_a", "002_b"]
    assert story["facts"][0]["outlets"] == 2
    assert story["quotes"][0]["variants"][0]["diff"] == "[-I am-] {+I'm+} leaving"
    assert story["conflicts"][0]["sides"][1]["value"] == "47"
    assert data["summary"] == [{"text": f"The mayor resigned on Monday. {EVIL}", "sources": ["001_a", "002_b"],
                                "evidence": [{"article": "002_b", "text": f"Quit {EVIL}", "confidence": 0.87}],
                                "related": []}]
    assert story["summary"][0]["evidence"] == data["summary"][0]["evidence"]
    assert story["facts"][0]["evidence"] == [{"article": "002_b", "text": f"Gone {EVIL}", "confidence": 0.6}]


def test_markdown_shows_each_citations_evidence_under_its_sentence_and_fact():
    lines = to_markdown(make_brief()).splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("- The mayor resigned on Monday."))
    assert lines[at + 1] == f"  - 002 (0.87): “Quit {EVIL}”"
    at = next(i for i, line in enumerate(lines) if line.startswith("- (2 outlets) The mayor resigned."))
    assert lines[at + 1] == f"  - 002 (0.60): “Gone {EVIL}”"


def test_markdown_does_not_double_the_marks_of_a_quoted_passage():
    brief = make_brief()
    story = brief.stories[0]
    quoted = SummarySentence("A sentence.", ("001_a", "002_b"), (Evidence("002_b", "“We will rebuild,” she said.", 0.7),))
    brief = Brief(brief.articles, (StoryBrief(**{**story.__dict__, "summary": (quoted,)}),))
    assert "  - 002 (0.70): “We will rebuild,” she said." in to_markdown(brief).splitlines()


def test_markdown_shortens_long_evidence_at_a_word():
    long = " ".join(["word"] * 100)
    brief = make_brief()
    story = brief.stories[0]
    sentence = SummarySentence("A sentence.", ("001_a", "002_b"), (Evidence("002_b", long, 0.5),))
    brief = Brief(brief.articles, (StoryBrief(**{**story.__dict__, "summary": (sentence,)}),))
    line = next(x for x in to_markdown(brief).splitlines() if x.startswith("  - 002 (0.50)"))
    quoted = line.split("“", 1)[1].rstrip("”")
    assert quoted.endswith("word…") and len(quoted) <= 201


def test_markdown_cites_short_labels():
    md = to_markdown(make_brief())
    assert "[001, 002]" in md
    assert "## Conflicts" in md and "“48” [001]" in md


def test_html_escapes_every_article_string():
    page = to_html(make_brief())
    assert "<script>" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;") >= 7  # title, body, comment, headline, summary, evidence, fact, speaker
    assert "“Quit &lt;script&gt;" in page and "“Gone &lt;script&gt;" in page


def test_html_links_citations_to_articles():
    page = to_html(make_brief())
    assert 'href="#001_a"' in page and 'id="001_a"' in page
