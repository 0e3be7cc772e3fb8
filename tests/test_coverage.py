"""Coverage: what each outlet adds and omits, and its loaded wording (seeds, AllSides round-ups)."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from conftest import DATA_DIR
from newsfuse.models import Article

ALLSIDES = DATA_DIR / "allsides-roundup-val.jsonl.gz"


@pytest.fixture(scope="session")
def seed_coverage(seed_brief):
    story = next(s for s in seed_brief.stories if len(s.articles) >= 3)
    return {c.article.split("_")[0]: c for c in story.coverage}


def test_seed_002_loaded_words_with_plain_wording(seed_coverage):
    loaded = {w.word.lower(): w for w in seed_coverage["002"].loaded}
    assert {"frenzied", "tragic"} <= set(loaded)
    assert loaded["frenzied"].neutral == "attack"
    assert "frenzied attack" in loaded["frenzied"].text


def test_seed_adds_and_omits(seed_coverage):
    assert any("let down" in x for x in seed_coverage["002"].adds)
    assert any("Cochran" in x for x in seed_coverage["003"].adds)
    assert all(len(x) <= 160 for c in seed_coverage.values() for x in c.adds + c.omits)
    # 002 never quotes the widow's "left alone, unarmed" statement that 000 and 003 both carry
    assert any("unarmed" in x or "open gate" in x for x in seed_coverage["002"].omits)
    # nothing 000 omits is a fact it states: every omitted fact is absent from its text
    text = " ".join(seed_coverage["000"].omits)
    assert "letter" not in text and "inquest" not in text.lower()


def test_quoted_words_are_the_speakers_not_the_outlets():
    from newsfuse.align.coverage import loaded_words

    assert [w for w, _ in loaded_words('He called it "a brutal, shocking attack" on Monday.')] == []
    assert [w for w, _ in loaded_words("The brutal attack left the town shocked.")] == ["brutal", "shocked"]


def _allsides(limit: int):
    if not ALLSIDES.exists():
        pytest.skip("allsides-roundup-val.jsonl.gz not available")
    with gzip.open(ALLSIDES, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for _, line in zip(range(limit), handle)]


def test_partisan_articles_are_more_loaded_than_the_neutral_summary():
    from newsfuse.align.coverage import loaded_rate

    records = _allsides(400)
    partisan = " ".join(a["text"] for r in records for a in r["articles"])
    neutral = " ".join(re.sub(r"(TITLE|ARTICLE)=>", " ", r["summary"]) for r in records)
    assert loaded_rate(partisan) > 1.5 * loaded_rate(neutral)


def test_coverage_on_allsides_clusters():
    from newsfuse.pipeline import brief_articles

    for record in _allsides(3)[:2]:
        articles = [Article(f"{record['id']}-{i}", None, a["title"], None, None, (a["text"],))
                    for i, a in enumerate(record["articles"])]
        brief = brief_articles(articles)
        for story in brief.stories:
            assert {c.article for c in story.coverage} == (set(story.articles) if len(story.articles) > 1 else set())
            for c in story.coverage:
                for word in c.loaded:
                    assert word.word in word.text


def test_adds_are_the_ranked_single_source_facts_and_omits_are_sentences(seed_brief, seed_coverage):
    from newsfuse.align.coverage import MAX_ADDS, _short

    story = next(s for s in seed_brief.stories if len(s.articles) >= 3)
    for coverage in story.coverage:
        own = [_short(f.text) for f in story.single_source if f.sources[0] == coverage.article]
        assert list(coverage.adds) == own[:MAX_ADDS]
        for line in coverage.omits:  # whole sentences (cut at the length limit), never bare fragments
            assert line[:1].isupper() or line[:1] in "“\"", line
            assert line.endswith(("…", ".", "?", "!", "”", '"')), line


def test_loaded_words_inside_a_running_quote_are_the_speakers(seed_coverage):
    # 000 ends with Basu's multi-sentence quote: "... we are deeply sorry." is his wording, not the Guardian's
    assert "deeply" not in {w.word.lower() for w in seed_coverage["000"].loaded}
    assert "grieving" in {w.word.lower() for w in seed_coverage["000"].loaded}  # the outlet's own word stays
