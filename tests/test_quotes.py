"""Quotes: spans over paragraphs and marks, speakers by attribution pattern, merging across outlets."""

from __future__ import annotations

import pytest

from newsfuse.align.quotes import same_quote, word_diff
from newsfuse.models import Article, StoryGroup

MET = {"Metropolitan Police Service", "Metropolitan Police", "Met", "the Met", "Scotland Yard"}


def _quotes(*paragraphs: str, date: str | None = None):
    from newsfuse.analyse import analyse

    article = Article("t", None, None, None, date, tuple(paragraphs))
    return [q for q in analyse(article).quotes if len(q.text.split()) >= 4]


def _story(seed_brief):
    return next(s for s in seed_brief.stories if any(a.startswith("000") for a in s.articles))


def _quote(story, start: str):
    found = [q for q in story.quotes if q.text.startswith(start)]
    assert found, f"no quote starting {start!r}: {[q.text[:40] for q in story.quotes]}"
    return found[0]


def _ids(quote) -> set[str]:
    return {s.split("_")[0] for s in quote.sources}


# ------------------------------------------------------------------ seeds
def test_seed_coroner_quote_in_two_outlets(seed_brief):
    q = _quote(_story(seed_brief), "Due to shortcomings")
    assert {"000", "003"} <= _ids(q)
    assert q.speaker == "Mark Lucraft QC" and q.role == "chief coroner"
    assert "Had they been stationed there" in q.text  # the second paragraph of the quote


def test_seed_widow_quotes(seed_brief):
    story = _story(seed_brief)
    q = _quote(story, "How could Keith")
    assert {"000", "003"} <= _ids(q)
    assert q.speaker == "Michelle Palmer" and q.role == "widow"
    assert q.text.rstrip(".").endswith("lost her daddy")
    other = _quote(story, "It was always of paramount importance")
    assert other.speaker == "Michelle Palmer" and "002" in _ids(other)
    assert "let down" in other.text  # three paragraphs, one quote


def test_seed_met_statement(seed_brief):
    q = _quote(_story(seed_brief), "The Met has received a letter of claim")
    assert {"000", "002", "003"} <= _ids(q)  # 002 quotes a part of it
    assert q.speaker in MET


def test_seed_basu_quote(seed_brief):
    q = _quote(_story(seed_brief), "The chief coroner has plainly")
    assert "000" in _ids(q) and q.speaker == "Neil Basu" and q.role == "assistant commissioner"
    assert {"002", "003"} <= _ids(q)  # their "brave and courageous officer" is a fragment of it


def test_scare_quotes_never_stand_alone(seed_brief):
    for story in seed_brief.stories:
        assert all(len(q.text.split()) >= 4 for q in story.quotes)


# ------------------------------------------------------------------ attribution patterns
SAID = "We will appeal this ruling and we expect to win"


@pytest.mark.parametrize("paragraph", [
    f'Jane Doherty said: "{SAID}."',
    f'"{SAID}," Jane Doherty said.',
    f'"{SAID}," said Jane Doherty.',
    f'"{SAID}," according to Jane Doherty.',
    f'According to Jane Doherty, "{SAID}."',
    f'Jane Doherty, the chief executive, said: "{SAID}."',
    f'“{SAID},” said Jane Doherty, the chief executive of the firm.',
])
def test_attribution_patterns(paragraph):
    quotes = _quotes("The firm lost its case at the High Court on Monday.", paragraph)
    assert len(quotes) == 1 and quotes[0].text.startswith("We will appeal")
    assert quotes[0].speaker == "Jane Doherty"


def test_apposition_gives_role():
    q = _quotes(f'Jane Doherty, the chief executive, said: "{SAID}."')[0]
    assert q.role == "chief executive"


def test_organisation_statement():
    q = _quotes(f'Scotland Yard said in a statement: "{SAID}."')[0]
    assert q.speaker in MET


def test_spokesperson_speaks_for_organisation():
    q = _quotes(f'A spokesperson for the Met Police said that it had received "{SAID}".')[0]
    assert q.speaker in MET


def test_pronoun_resolves_to_nearest_person():
    quotes = _quotes("Mary Ellison spoke to reporters outside the court.", f'"{SAID}," she said.')
    assert quotes[0].speaker == "Mary Ellison"


def test_pronoun_gender_from_title():
    quotes = _quotes("Mrs Ellison arrived after Mr Hartley had left the building.", f'"{SAID}," she said.')
    assert quotes[0].speaker == "Mrs Ellison" or quotes[0].speaker == "Ellison"


def test_title_resolves_to_full_name():
    quotes = _quotes("The inquest was led by Mark Lucraft QC at the Old Bailey.",
                     f'Following the hearing, Mr Lucraft said: "{SAID}."')
    assert quotes[0].speaker == "Mark Lucraft QC"


def test_continuing_quote_keeps_speaker():
    quotes = _quotes(f'"{SAID}," said Jane Doherty, a lawyer. "We have done nothing wrong at any time."')
    assert [q.speaker for q in quotes] == ["Jane Doherty", "Jane Doherty"]


# ------------------------------------------------------------------ spans
def test_split_paragraph_quote_uk_style():
    quotes = _quotes('Jane Doherty said: "The first part of the statement is here.',
                     '"And the second part follows in this paragraph."', "The hearing continues.")
    assert len(quotes) == 1
    assert "first part" in quotes[0].text and "second part" in quotes[0].text
    assert quotes[0].speaker == "Jane Doherty"


def test_run_together_paragraphs_still_one_quote():
    quotes = _quotes('Jane Doherty said: “The first part of the statement is here. '
                     '“And the second part follows in this paragraph.” The hearing continues.')
    assert len(quotes) == 1 and "second part" in quotes[0].text


def test_curly_and_straight_marks_agree():
    straight = _quotes(f'Jane Doherty said: "{SAID}."')
    curly = _quotes(f"Jane Doherty said: “{SAID}.”")
    assert [(q.text, q.speaker) for q in straight] == [(q.text, q.speaker) for q in curly]


def test_nested_single_quotes_stay_inside():
    quotes = _quotes("Jane Doherty said: \"They called it 'a total disgrace' and then left the room.\"")
    assert len(quotes) == 1 and "'a total disgrace'" in quotes[0].text


def test_single_marks_when_no_double_marks():
    quotes = _quotes("Jane Doherty said: 'We will appeal this ruling and we expect to win.'")
    assert len(quotes) == 1 and quotes[0].speaker == "Jane Doherty"


# ------------------------------------------------------------------ merging
def test_fragment_matches_longer_quote():
    assert same_quote("alone, unarmed, guarding an open gate",
                      "How could Keith have been left alone, unarmed, guarding an open gate at one of the most")
    assert not same_quote("We will appeal this ruling", "The fact there were no firearms officers there")


def test_word_diff_shows_wording_change():
    diff = word_diff("it is possible that they may have been able to prevent Keith suffering fatal injuries",
                     "they may have been able to prevent Pc Palmer suffering fatal injuries")
    assert "[-Keith-]" in diff and "{+Pc Palmer+}" in diff and "possible" not in diff
    assert word_diff("It’s over, he said", "it's over he said") == ""


def test_variants_across_outlets():
    from newsfuse.align import align
    from newsfuse.analyse import analyse_many

    a = Article("a", None, None, "A", None, ('The coroner, Mark Lucraft QC, said: "Had they been there they might '
                                             'have been able to prevent Keith suffering fatal injuries."',))
    b = Article("b", None, None, "B", None, ('Mr Lucraft QC said: "Had they been there they might have been able '
                                             'to prevent Pc Palmer suffering fatal injuries."',))
    alignment = align(StoryGroup("s", ("a", "b")), analyse_many([a, b]))
    assert len(alignment.quotes) == 1
    quote = alignment.quotes[0]
    assert set(quote.sources) == {"a", "b"} and quote.speaker == "Mark Lucraft QC"
    assert len(quote.variants) == 1 and "{+" in quote.variants[0].diff


def test_labelled_set_gate():
    """Floors on the hand-labelled set (bench/data/quotes-gold.jsonl); articles missing from ../shared skip."""
    from pathlib import Path

    from newsfuse.bench.quotes_eval import evaluate_quotes

    gold = Path(__file__).resolve().parents[1] / "bench" / "data" / "quotes-gold.jsonl"
    result = evaluate_quotes(gold)
    assert result["articles"] >= 4  # the seeds are always there
    assert result["quote_precision"] >= 0.9 and result["quote_recall"] >= 0.9
    assert result["speaker_recall"] >= 0.75 and result["speaker_precision"] >= 0.75
