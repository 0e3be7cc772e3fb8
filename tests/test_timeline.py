"""Dated events: date normalisation, relative dates against the article date, story timeline order."""

from __future__ import annotations

import pytest

from newsfuse.analyse.events import clause_tense, event_text, find_dates, resolve
from newsfuse.models import Article

TUESDAY = "2018-12-04"  # a Tuesday


def _date(text: str, article_date: str | None = TUESDAY) -> str | None:
    found = find_dates(text)
    assert found, text
    _, _, kind, match = found[0]
    return resolve(kind, match, article_date)


@pytest.mark.parametrize("text,iso", [
    ("on 22 March 2017", "2017-03-22"),
    ("on 22nd March 2017", "2017-03-22"),
    ("on March 22 2017", "2017-03-22"),
    ("on March 22, 2017", "2017-03-22"),
    ("on the 22nd of March 2017", "2017-03-22"),
    ("an inquest in October 2018", "2018-10"),
    ("since 2015 the rules", "2015"),
])
def test_absolute_dates(text, iso):
    assert _date(text, None) == iso


@pytest.mark.parametrize("text,iso", [
    ("on Tuesday", "2018-12-04"),  # the article's own day: "on Tuesday" in a Tuesday paper means that day
    ("last Tuesday", "2018-11-27"),  # strictly before
    ("next Tuesday", "2018-12-11"),
    ("on Monday", "2018-12-03"),  # the latest Monday on or before the article date
    ("on Friday", "2018-11-30"),
    ("yesterday", "2018-12-03"),
    ("three years ago", "2015"),
    ("two months ago", "2018-10"),
    ("last week", "2018-11"),  # a week has no ISO prefix: the month of the day a week earlier
    ("last month", "2018-11"),
    ("March 22", "2018-03-22"),
])
def test_relative_dates(text, iso):
    assert _date(text) == iso


DECEMBER_1999 = "1999-12-15"


def _dated(sentence: str, article_date: str = DECEMBER_1999) -> list[str | None]:
    """Every date of a sentence resolved with the tense of its clause, as find_events does."""
    return [resolve(kind, m, article_date, clause_tense(sentence, a, b)) for a, b, kind, m in find_dates(sentence)]


@pytest.mark.parametrize("sentence,iso", [
    # future tense: the next occurrence after the article date (dateparser's PREFER_DATES_FROM="future")
    ("A final new Sunday strip will run on Feb. 13.", ["2000-02-13"]),
    ("The company is scheduled to report earnings on Jan. 20, analysts said.", ["2000-01-20"]),
    ("The committee will meet on Tuesday to vote.", ["1999-12-21"]),
    # past tense: the latest on or before it
    ("The last daily strip ran on Feb. 13 in 2,600 papers.", ["1999-02-13"]),
    ("The suspect was arrested on Nov. 20 near the border.", ["1999-11-20"]),
    ("Mayor Norm Coleman said Saturday, \u201cWe will all miss him.\u201d", ["1999-12-11"]),
    # the explicit "of YEAR" form
    ("He retired in August of 1996 after a long illness.", ["1996-08"]),
    # ordinary text without a tense marker keeps the article's year
    ("Shoppers crowd the mall on Dec. 20 each year.", ["1999-12-20"]),
    ("Officials Tuesday said the plan failed.", ["1999-12-14"]),
    ("The attack on the Sunday before shocked the town.", ["1999-12-12"]),
])
def test_yearless_dates_follow_the_tense_of_their_clause(sentence, iso):
    assert _dated(sentence) == iso


def test_a_weekday_used_as_an_attribute_is_no_date():
    assert not find_dates("The final Sunday strip is a farewell.")
    assert find_dates("The Tuesday night vote was close.")


def test_relative_dates_need_an_article_date():
    assert _date("on Tuesday", None) is None
    assert _date("three years ago", None) is None


def test_event_text_is_the_clause_around_the_date():
    sentence = ("The officers, who had been told to patrol the grounds rather than guard the gate, were not near "
                "the entrance on 22 March 2017 when the attacker arrived, the inquest heard on Tuesday afternoon.")
    text = event_text(sentence, sentence.index("22 March"), sentence.index("2017") + 4)
    assert "22 March 2017" in text and len(text) < len(sentence)


def test_events_skip_quotes_and_timestamps():
    from newsfuse.analyse import analyse

    article = Article("t", None, None, None, TUESDAY, (
        "4 December 2018, 09:12 | Updated: 4 December 2018, 09:18",
        'The minister said on Monday: "We met them on 1 May 2015 and nothing came of it."',
    ))
    events = analyse(article).events
    assert [e.date for e in events] == ["2018-12-03"]


def test_seed_timeline(seed_brief):
    story = next(s for s in seed_brief.stories if any(a.startswith("000") for a in s.articles))
    dates = [t.date for t in story.timeline]
    assert dates == sorted(dates)
    by_date = {t.date: t for t in story.timeline}
    for date, word in (("2017-03-22", ""), ("2018-10", "inquest")):
        assert date in by_date, dates
        assert {s.split("_")[0] for s in by_date[date].sources} == {"000", "002", "003"}
        assert word in by_date[date].text.lower()
    assert dates.index("2017-03-22") < dates.index("2018-10")
    # the entry is its whole source sentence, not the clause around the date ("... Mark Lucraft QC")
    assert by_date["2018-10"].text.endswith("armed officers been closer.")


def test_timeline_merges_same_event_and_orders():
    from newsfuse.align import align
    from newsfuse.analyse import analyse_many
    from newsfuse.models import StoryGroup

    a = Article("a", None, None, "A", "2018-12-04", (
        "The inquest into the attack opened on Monday at the Old Bailey.",
        "The attack on parliament took place on 22 March 2017.",
    ))
    b = Article("b", None, None, "B", None, (
        "Khalid Masood's attack on parliament happened on March 22 2017.",
        "An inquest into the attack opened at the Old Bailey on 3 December 2018.",
    ))
    timeline = align(StoryGroup("s", ("a", "b")), analyse_many([a, b])).timeline
    assert [t.date for t in timeline] == ["2017-03-22", "2018-12-03"]
    assert all(set(t.sources) == {"a", "b"} for t in timeline)


def test_timeline_never_guesses_whom_a_pronoun_means(seed_brief):
    """Seed 004 says 'He is currently the deputy commissioner' of Craig Mackey; the nearest earlier man is
    Keith Palmer. The timeline shows no sentence opening on a pronoun and names nobody in brackets."""
    entries = [t.text for story in seed_brief.stories for t in story.timeline]
    assert entries, "the seed stories have dated events"
    for text in entries:
        assert text.split()[0].lower() not in {"he", "she", "they", "it"}, text
        assert "[" not in text, text
    assert not any("deputy commissioner" in text for text in entries)
