"""Per-input bounds (issue 17): long paragraphs split where sentences end, bodies cut with a note, deep
markup cut before the DOM walk; ordinary articles and pages pass through untouched."""

from __future__ import annotations

from newsfuse.bench.hostile import article_html, article_text
from newsfuse.extraction import extract
from newsfuse.extraction.bounds import TRUNCATED, bound_article, html_depth_guard, split_paragraph
from newsfuse.extraction.text_rules import URL_OR_EMAIL
from newsfuse.ingest import source_from_text
from newsfuse.models import Article
from newsfuse.settings import Settings


def test_long_paragraph_splits_at_sentence_ends():
    sentence = "The council said 300 families left their homes on Monday. "
    pieces = split_paragraph(sentence * 100, 1000)
    assert all(len(p) <= 1000 and p.endswith("Monday.") for p in pieces)
    assert " ".join(pieces) == (sentence * 100).strip()


def test_text_without_sentence_ends_or_spaces_is_still_cut():
    assert [len(p) for p in split_paragraph("x" * 2500, 1000)] == [1000, 1000, 500]
    words = split_paragraph("word " * 500, 1000)
    assert all(len(p) <= 1000 for p in words) and sum(len(p.split()) for p in words) == 500


def test_ordinary_article_and_page_pass_untouched():
    settings = Settings()
    text = article_text(6000)
    article = extract(source_from_text(text, "a", "text/plain"), settings)
    assert bound_article(article, settings) is article
    assert not [r for r in article.removed if r.kind == TRUNCATED]
    page = article_html(6000)
    assert html_depth_guard(page, settings) == (page, None)


def test_body_past_the_limit_is_noted_in_removed():
    settings = Settings(max_article_chars=1000)
    article = Article("a", None, None, None, None, tuple(f"Paragraph {i} says the river rose." for i in range(100)))
    bounded = bound_article(article, settings)
    assert sum(len(p) for p in bounded.paragraphs) <= 1000 and bounded.paragraphs == article.paragraphs[:30]
    [note] = [r for r in bounded.removed if r.kind == TRUNCATED]
    assert note.text.startswith("70 paragraphs") and "max_article_chars" in note.text


def test_deep_markup_is_cut_at_the_depth_limit():
    settings = Settings(max_html_depth=50)
    page = "<html><body>" + "<div>" * 200 + "deep" + "</div>" * 200 + "</body></html>"
    cut, note = html_depth_guard(page, settings)
    assert note is not None and "deeper than 50" in note.text and "deep" not in cut
    flat = "<html><body>" + "<p>Line<br>one</p><img src=x>" * 200 + "</body></html>"  # wide, not deep
    assert html_depth_guard(flat, settings) == (flat, None)


def test_url_and_email_rule_still_finds_addresses():
    for found in ("write to jo.smith@bbc.co.uk", "see https://example.org/x", "www.example.org", "(jo@x.org)"):
        assert URL_OR_EMAIL.search(found), found
    for plain in ("The river rose 2.5 metres.", "user@ host", "a.b.c-d_e"):
        assert not URL_OR_EMAIL.search(plain), plain
