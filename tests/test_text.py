"""The shared text utilities (newsfuse.text): every sentence rule names what it targets and leaves ordinary
news sentences alone; tokens are Unicode words."""

from __future__ import annotations

import pytest

from newsfuse.align.fact_text import display_text, is_question
from newsfuse.align.support import states_a_claim
from newsfuse.bench.data import without_crawl_notes
from newsfuse.summary.quality import penalty
from newsfuse.text.lexical import content_stems, tokens
from newsfuse.text.rules import JUNK, JUNK_FAMILIES, TIMESTAMP, is_caption

# ordinary report sentences that share a word or a shape with page furniture, captions or crawl notes
ORDINARY = [
    "Hackers used stolen passwords to log in to the accounts of about 2,000 customers.",
    "A sign in the shop window said the store would close for good on Friday.",
    "Google said its web crawler had indexed more than a trillion pages by then.",
    "The first Ebola case was confirmed in Kenema, Sierra Leone, May 25, 2014.",
    "The advertisement ran during the Super Bowl and drew complaints from viewers.",
    "Netflix said it now has more than 200 million subscribers around the world.",
    "Millions of people rushed to sign up for health insurance before the deadline.",
    "The company said in its newsletter that profits had fallen by a third.",
    "Facebook changed its privacy policy after the regulator opened an inquiry.",
    "Researchers found a flaw in JavaScript engines used by most browsers.",
    "Americans read more books last year than in any year since 2010, the survey found.",
    "Van Linge, who goes by @arabthomness on Twitter, has amassed nearly 11,000 followers since 2013.",
]
FURNITURE = [
    "Click here to subscribe to our daily briefing.",
    "Sign up for our newsletter and never miss a story.",
    "Copyright 2018 The Associated Press. All rights reserved.",
    "This story has been updated to correct the spelling of a name.",
    "Please enable JavaScript to view the comments powered by Disqus.",
    "Advertisement Continue reading the main story below the video.",
    "On your next view you will be asked to log in to your subscriber account or create an account.",
    "You must select a newsletter to subscribe to.",
    "The contenders in quotes read more after a few quick puns about the associates.",
]


@pytest.mark.parametrize("sentence", ORDINARY)
def test_ordinary_sentences_pass_every_rule(sentence):
    assert not JUNK.search(sentence)
    assert not is_caption(sentence)
    assert not TIMESTAMP.search(sentence)
    assert penalty(sentence) < 1.0  # summary material
    assert states_a_claim(sentence)  # citation evidence


@pytest.mark.parametrize("line", FURNITURE)
def test_page_furniture_is_junk(line):
    assert JUNK.search(line) and penalty(line) == 1.0 and not states_a_claim(line)


def test_every_junk_family_is_named_and_matches_its_example():
    examples = {"call to action": "Click here for more.", "credit": "Photo: Getty Images",
                "notice": "All rights reserved.", "label": "Editor's note: an earlier version erred.",
                "widget": "pic.twitter.com/abc"}
    assert set(examples) == set(JUNK_FAMILIES)
    for family, example in examples.items():
        import re

        assert re.search("(?i)" + JUNK_FAMILIES[family], example), family


def test_present_tense_place_date_caption_is_a_caption_past_report_is_not():
    assert is_caption("A health worker in protective gear walks in Kenema, Sierra Leone, June 25, 2014.")
    assert not is_caption("The first Ebola case was confirmed in Kenema, Sierra Leone, May 25, 2014.")


def test_tokens_are_unicode_words():
    assert tokens("Thomas Müller scored in São Paulo") == ["Thomas", "Müller", "scored", "in", "São", "Paulo"]
    assert "müller" in content_stems("Thomas Müller scored")


def test_crawl_notes_belong_to_the_multinews_reader():
    note = "These crawls are part of an effort to archive pages as they are created."
    assert penalty(note) < 1.0  # the general rules no longer know the Wayback Machine ...
    text = f"The mayor resigned on Monday. {note} He had led the city for ten years.\n\nCrawl data donated by X."
    assert without_crawl_notes(text) == "The mayor resigned on Monday. He had led the city for ten years.\n\n"


def test_an_outlets_own_question_is_no_fact_a_reported_one_is_kept():
    assert is_question("Interested in health care overhaul?")
    assert display_text("Interested in health care overhaul?", "Interested in health care overhaul?", True, False) is None
    reported = 'The senator asked: "Why now?"'
    assert not is_question(reported) and not is_question("“Why now?” the senator asked.")
    assert not is_question("The widow said: “How could he have been left alone at the gate?")  # quote runs on
