"""Lower-cased articles (Multi-News) re-cased from the pile's cased articles and a shipped lexicon."""

from __future__ import annotations

from newsfuse.analyse.truecase import is_lowercased, lexicon_counts, lexicon_from_counts, recase, truecased
from newsfuse.models import Article

LOWER = ("the senator said on monday that hillary clinton and donald trump would meet in washington before "
         "the vote. officials in the state had asked for the meeting since march, and the brown paper bags "
         "were handed out to everyone who came.")
CASED = ("The senator said on Monday that Hillary Clinton and Donald Trump would meet in Washington before the "
         "vote. Officials in the state had asked for the meeting since March, and the brown paper bags were "
         "handed out to everyone who came.")


def test_lowercased_detection():
    assert is_lowercased(Article("a", None, None, None, None, (LOWER,)))
    assert not is_lowercased(Article("b", None, None, None, None, (CASED,)))


def test_recase_keeps_length_and_common_words():
    lexicon = lexicon_from_counts(lexicon_counts([CASED] * 3))
    out = recase(LOWER, lexicon)
    assert len(out) == len(LOWER)
    assert "Hillary Clinton and Donald Trump would meet in Washington" in out
    assert "the brown paper bags" in out and "the senator said" in out  # ordinary words keep their case
    assert out.lower() == LOWER


def test_possessive_and_pile_names():
    cased = Article("c", None, None, None, None, ("Reporters asked Greta Nakamura about it. " * 3,))
    lower = Article("l", None, None, None, None, ((LOWER + " greta nakamura's office did not reply.").lower(),))
    fixed = truecased([cased, lower])
    assert fixed[0] is cased  # a cased article is never touched
    assert "Greta Nakamura's office" in fixed[1].text


def test_lowercased_article_gets_its_people():
    from newsfuse.analyse import analyse

    people = {m.text for m in analyse(Article("l", None, None, None, None, (LOWER,))).mentions
              if m.label == "PERSON"}
    assert {"Hillary Clinton", "Donald Trump"} <= people


def test_a_rare_word_after_a_recased_name_is_its_surname():
    lexicon = {"steven": "Steven", "dr": "Dr", "lydia": "Lydia", "chinese": "Chinese", "obama": "Obama",
               "cuba": "Cuba", "trump": "Trump"}
    text = "the show was created by steven levitan, said dr. lydia bazzano on tuesday."
    assert recase(text, lexicon) == "the show was created by Steven Levitan, said Dr. Lydia Bazzano on tuesday."
    # ordinary text keeps its case: common words, nationalities, possessives, plurals and -ment nouns
    for ordinary, expected in (("a chinese dissident met the obama administration.",
                                "a Chinese dissident met the Obama administration."),
                               ("cuba's easternmost province", "Cuba's easternmost province"),
                               ("the trump impeachment inquiry", "the Trump impeachment inquiry"),
                               ("trump supporters rallied", "Trump supporters rallied")):
        assert recase(ordinary, lexicon) == expected


def test_a_rare_name_seen_capitalised_once_in_the_pile():
    cased = Article("c", None, None, None, None, ("The coach, Tom Conley, won the league title this season.",))
    lower = Article("l", None, None, None, None, ((LOWER + " said conley, and the coach won.").lower(),))
    fixed = truecased([cased, lower])
    assert "said Conley, and the coach won" in fixed[1].text  # 'coach', 'won', 'the' are common words


def test_a_cased_article_only_gets_its_half_cased_names_completed():
    other = Article("o", None, None, None, None, ("Statistical code is available from dr. Bazzano on request.",))
    cased = Article("c", None, None, None, None, (CASED + " The diet is worth a try, said bazzano, and Steven levitan "
                                                  "agreed with the senator.",))
    fixed = truecased([other, cased])
    assert "said Bazzano, and Steven Levitan agreed with the senator." in fixed[1].text
    assert fixed[1].text.replace("Bazzano", "bazzano").replace("Levitan", "levitan") == cased.text
