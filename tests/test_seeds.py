"""The four seed articles: newsfuse's first, permanent end-to-end case (issue 3).

Gold labels below were read off the seed files by hand: which lines are noise, and what the brief must show.
"""

from __future__ import annotations

import re

import pytest

NOISE = {
    "000": ["مشاركة :"],
    "002": [
        "CLICK here to join our Emergency Services News community on Facebook.",
        "Before you go...",
        "We need your help.",
        "You can support emergency services news from as little as £1.",
        "Please help us to continue to highlight the life-saving work",
        "Not sure why the widow thinks this should be kept private.",
        "It will be taxpayers money so the public have a right to know.",
    ],
    "003": [],
    "004": [
        "4 December 2018, 09:12 | Updated: 4 December 2018, 09:18",
        "Picture: LBC",
        "More Nick Ferrari",
        "LBC callers react to Israel’s ‘risky’ strike on Iran",
        "Caller Layla fears for her daughters",
        "LBC caller ‘annoyed’ by reaction to UK-EU deal",
    ],
}
COMMENTS_002 = ["Not sure why the widow thinks", "It will be taxpayers money"]
BODY_END = {  # the last line of each article's real body
    "000": "we are deeply sorry.”",
    "002": "was “unacceptable”.",
    "003": "were unlawfully killed.",
    "004": "the whole of London was safe.\"",
}
BODY_SKIP = {"004": ["Met Commissioner Defends Deputy", "4 December 2018, 09:12", "Nick Ferrari Cressida Dick",
                     "Picture: LBC"]}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def gold_body_lines(path, key):
    """Every non-blank line up to the end of the real article, minus the head/credit lines named above."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not any(line.startswith(s) for s in BODY_SKIP.get(key, [])):
            lines.append(line.strip())
        if line.strip().endswith(BODY_END[key]):
            return lines
    raise AssertionError(f"end of body not found in {path}")


@pytest.fixture(scope="module")
def by_key(seed_brief):
    return {a.id.split("_")[0]: a for a in seed_brief.articles}


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_noise_removed_and_reported(by_key, key):
    article = by_key[key]
    for noise in NOISE[key]:
        assert noise not in article.text, noise
        assert any(noise in r.text for r in article.removed), noise


@pytest.mark.parametrize("key", ["000", "002", "003", "004"])
def test_every_sentence_of_the_article_kept(by_key, seeds, key):
    path = next(p for p in seeds if p.name.startswith(key))
    text = norm(by_key[key].text)
    for line in gold_body_lines(path, key):
        assert norm(line) in text, line


def test_reader_comments_kept_apart(by_key):
    comments = by_key["002"].comments
    assert len(comments) == 2
    assert all(any(c.startswith(start) for c in comments) for start in COMMENTS_002)


def test_004_title_and_date_from_the_text(by_key):
    article = by_key["004"]
    assert article.title == "Met Commissioner Defends Deputy Who Didn't Intervene In Westminster Terror Attack"
    assert article.date == "2018-12-04"


def test_main_story_and_related_story(seed_brief):
    stories = [(sorted(a.split("_")[0] for a in s.articles), s) for s in seed_brief.stories]
    assert [m for m, _ in stories] == [["000", "002", "003"], ["004"]]
    (_, main), (_, related) = stories
    assert main.related == (related.id,)


def sources(record):
    return {s.split("_")[0] for s in record.sources}


def test_summary_cites_every_agreeing_article(seed_brief):
    main = seed_brief.stories[0]
    assert main.summary
    assert all(sources(s) <= {"000", "002", "003"} for s in main.summary)
    fully_cited = [s.text for s in main.summary if sources(s) == {"000", "002", "003"}]
    assert fully_cited, [(s.text, s.sources) for s in main.summary]
    assert any(re.search(r"legal action|letter of claim|inquest", t) for t in fully_cited)


def test_each_citation_shows_where_the_cited_article_says_it(seed_brief):
    """A brief you can check: every article cited beside a sentence's own comes with its passage."""
    texts = {a.id: norm(a.text) for a in seed_brief.articles}
    for sentence in seed_brief.stories[0].summary + seed_brief.summary:
        assert [e.article for e in sentence.evidence] == list(sentence.sources[1:])
        for e in sentence.evidence:
            assert norm(e.text) in texts[e.article], e.text


def test_pile_summary_spans_both_stories_within_the_bound(seeds, seed_articles):
    """Two stories in the pile: its summary is picked over all four articles (at 300 words it reaches the
    related story too), sentences verbatim, each citing its own article first and only articles of its
    own story (004, about another event, never backs a sentence of the main story), told story by story
    with the main story first, within the bound."""
    import newsfuse
    from newsfuse.text.lexical import word_count

    brief = newsfuse.brief(seeds, summary_words=300)
    pile = brief.summary
    assert sum(word_count(s.text) for s in pile) <= 300
    assert len({s.text for s in pile}) == len(pile)
    bodies = {key: norm(a.text) for key, a in seed_articles.items()}
    story_order = []
    for sentence in pile:
        own = sentence.sources[0].split("_")[0]
        assert norm(sentence.text).rstrip(".”\"") in bodies[own], sentence.text
        story = next(k for k, st in enumerate(brief.stories) if sentence.sources[0] in st.articles)
        assert set(sentence.sources) <= set(brief.stories[story].articles), (sentence.text, sentence.sources)
        assert [e.article for e in sentence.evidence] == list(sentence.sources[1:])
        story_order.append(story)
    assert story_order[0] == 0 and 1 in story_order and story_order == sorted(story_order)


def test_pile_of_one_story_has_that_story_s_summary(seeds):
    import newsfuse

    brief = newsfuse.brief([p for p in seeds if not p.name.startswith("004")])
    assert len(brief.stories) == 1
    assert brief.summary == brief.stories[0].summary


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [("Due to shortcomings", "Mark Lucraft"), ("How could Keith", "Michelle Palmer")],
)
def test_shared_quotes_with_speakers(seed_brief, opening, speaker):
    quotes = [q for q in seed_brief.stories[0].quotes if opening in q.text]
    assert quotes, [q.text[:40] for q in seed_brief.stories[0].quotes]
    quote = quotes[0]
    assert {"000", "003"} <= sources(quote)
    assert quote.speaker and speaker in quote.speaker


def test_shared_facts_counted_across_outlets(seed_brief):
    facts = seed_brief.stories[0].facts
    assert any(sources(f) == {"000", "002", "003"} and "claim" in f.text for f in facts), [f.text for f in facts]
