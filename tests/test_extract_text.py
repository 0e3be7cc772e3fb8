"""Plain-text cleaning (extract.text.clean_text) on the seeds, realistic fixtures and edge cases.

Expectations are derived from the inputs independently of the cleaner's rules: named real sentences
must be in the body, named noise lines must be out of the body and in `removed`, and every non-blank
input line must end up in the title, the body or a removed block.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from conftest import FIXTURES, seed_paths
from newsfuse.extraction.text import clean_text, resolve_references
from newsfuse.models import Article
from newsfuse.settings import DEFAULT, Settings

PLAIN = FIXTURES / "plaintext"
KINDS = {"share", "appeal", "comment", "related", "byline", "credit", "dateline", "navigation", "boilerplate"}


def _clean(path: Path, settings: Settings = DEFAULT) -> tuple[Article, str]:
    text = path.read_text(encoding="utf-8")
    return clean_text(path.stem, text, settings), text


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _uncovered(article: Article, text: str) -> list[str]:
    """Non-blank input lines found neither in the title, nor in a paragraph, nor in a removed block."""
    places = [_norm(p) for p in article.paragraphs] + [_norm(r.text) for r in article.removed]
    title = _norm(article.title or "")
    missing = []
    for line in re.split(r"\r\n|[\r\n\u2028]", resolve_references(text)):  # the cleaner's line breaks, U+2028 included
        line = _norm(line)
        if line and line != title and not any(line in place for place in places):
            missing.append(line)
    return missing


def _removed_text(article: Article) -> str:
    return "\n".join(r.text for r in article.removed)


def _seed(prefix: str) -> tuple[Article, str]:
    path = next((p for p in seed_paths() if p.name.startswith(prefix)), None)
    if path is None:
        pytest.skip(f"seed {prefix} not found")
    return _clean(path)


def _all_inputs() -> list[Path]:
    return seed_paths() + sorted(PLAIN.glob("*.txt"))


# ------------------------------------------------------------------- seeds
def test_seed_000_keeps_the_single_paragraph_and_drops_the_share_widget():
    article, text = _seed("000")
    first_line = text.split("\n")[0].strip()
    assert article.paragraphs == (first_line,)  # the whole one-paragraph article, untouched
    assert "مشاركة" not in article.text
    assert [(r.kind, r.text) for r in article.removed] == [("share", "مشاركة :")]
    assert article.lang == "en"


def test_seed_002_body_keeps_every_article_sentence():
    article, _ = _seed("002")
    for sentence in (
        "The Metropolitan Police Service (MPS) is facing legal action",
        "She said: “It was always of paramount importance that this matter remained private",
        "“I am disappointed that the Met have made it public that a claim is being brought.",
        "“Once more, I feel disappointed and let down.”",  # a short quote line, not a comment
        "Masood also murdered four members of the public during the attack.",
        "said the lost chance to save a “brave and courageous officer” was “unacceptable”.",
    ):
        assert sentence in article.text


def test_seed_002_promotion_appeal_and_comments_are_removed_with_kinds():
    article, _ = _seed("002")
    removed = _removed_text(article)
    for noise in ("CLICK here to join our", "Our social media group/community is open",
                  "contact our team via", "Before you go...", "We need your help.",
                  "you can buy advertising space", "Every contribution, however big or small",
                  "by becoming a supporter.", "Not sure why the widow thinks", "It will be taxpayers money"):
        assert noise not in article.text
        assert noise in removed
    appeal = [r.text for r in article.removed if r.kind == "appeal"]
    assert len(appeal) == 1 and appeal[0].startswith("Before you go") and appeal[0].endswith("becoming a supporter.")
    assert any(r.kind == "share" and r.text.startswith("CLICK here to join") for r in article.removed)
    assert len(article.comments) == 2
    assert article.comments[0].startswith("Not sure why the widow thinks")
    assert article.comments[1].startswith("It will be taxpayers money")
    assert [r.kind for r in article.removed][-2:] == ["comment", "comment"]


def test_seed_003_clean_article_keeps_all_paragraphs():
    article, text = _seed("003")
    blocks = [_norm(b) for b in re.split(r"\n\s*\n", text) if b.strip()]
    assert [_norm(p) for p in article.paragraphs] == blocks
    assert article.removed == ()


def test_seed_004_title_date_credit_and_sidebar():
    article, text = _seed("004")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    assert article.title == blocks[0]
    assert article.date == "2018-12-04"
    assert blocks[1] not in article.text
    assert any(r.kind == "dateline" and r.text == blocks[1] for r in article.removed)
    assert "Picture: LBC" not in article.text and "Nick Ferrari Cressida Dick" not in article.text
    assert any(r.kind == "credit" and "Picture: LBC" in r.text for r in article.removed)
    # the article: every block between the dateline and the sidebar, except the picture block
    sidebar = next(i for i, b in enumerate(blocks) if b.startswith("More "))
    expected = [b for b in blocks[2:sidebar] if "Picture:" not in b]
    assert list(article.paragraphs) == expected
    for block in blocks[sidebar:]:  # the whole sidebar, headlines printed twice included
        for line in block.split("\n"):
            assert line not in article.paragraphs
    related = [r for r in article.removed if r.kind == "related"]
    assert related and any("Caller Layla" == r.text for r in related)
    assert any("Exclusive" in r.text for r in related)


def test_seed_004_outlet_never_from_a_picture_credit():
    """Seed 004's only outlet cue is "Picture: LBC": a credit names who took the photo (issue 18)."""
    article, text = _seed("004")
    assert "Picture: LBC" in text and article.outlet != "LBC"


@pytest.mark.parametrize("path", _all_inputs(), ids=lambda p: p.name)
def test_every_input_line_is_kept_somewhere(path):
    article, text = _clean(path)
    assert _uncovered(article, text) == []
    assert {r.kind for r in article.removed} <= KINDS
    assert article.title is None or article.title not in article.paragraphs


def test_removed_blocks_are_in_document_order():
    article, text = _seed("002")
    positions = [text.index(r.text.split("\n")[0]) for r in article.removed]
    assert positions == sorted(positions)


# ---------------------------------------------------------------- fixtures
def test_cookie_banner_navigation_advert_and_newsletter():
    article, _ = _clean(PLAIN / "cookie_banner_newsletter.txt")
    assert article.title == "Council approves £40m plan to rebuild flood-hit bridge"
    assert article.author == "Jane Whitfield"
    assert article.date == "2018-12-04"
    assert article.outlet == "Riverside Gazette"
    assert article.paragraphs[0].startswith("Councillors have approved a £40 million plan")
    assert article.paragraphs[-1].startswith("Work on the new crossing is expected to begin")
    assert '"This bridge is a lifeline for the towns on both banks of the river' in article.text
    kinds = {r.text.split("\n")[0]: r.kind for r in article.removed}
    assert kinds["Advertisement"] == "boilerplate"
    assert kinds["Read more: Residents demand answers over bridge closure"] == "related"
    assert kinds["Published: Dec. 4, 2018, 7:45 am"] == "dateline"
    assert kinds["By Jane Whitfield | Local Democracy Reporter"] == "byline"
    assert kinds["Skip to main content"] == "navigation"
    assert any(k.startswith("We use cookies") for k in kinds)
    for noise in ("Accept all cookies", "Sign up for our daily newsletter", "straight to your inbox",
                  "Enter your email address", "All rights reserved", "Privacy policy"):
        assert noise not in article.text


def test_wire_story_with_usernames_timestamps_and_reply_buttons():
    article, _ = _clean(PLAIN / "wire_story_comments.txt")
    assert article.outlet == "Reuters"
    assert article.author == "Sarah Collins"
    assert len(article.paragraphs) == 4
    assert article.paragraphs[-1].startswith("The company said in a statement")
    assert [c.split(".")[0] for c in article.comments] == [
        "About time", "I fish that river every summer and it has been dead for years", "Who actually gets the money from the fine?"
        " I hope it goes to cleaning up the river"]
    removed = _removed_text(article)
    for chrome in ("riverwatcher", "2 hours ago", "Reply", "12 likes", "14 Comments", "Share this article"):
        assert chrome in removed and chrome not in article.text
    assert not any(c in ("Reply", "14 Comments") for c in article.comments)


def test_related_box_mid_article_does_not_end_the_article():
    article, _ = _clean(PLAIN / "related_box_mid_article.txt")
    assert article.date == "2021-03-12"
    assert "“We saw animals" in article.text or '"We saw animals' in article.text
    assert article.paragraphs[-1].startswith("Dr Santos said it could take several years")
    assert "Record number of whales" not in article.text and "Heatwave warning" not in article.text
    caption = [r for r in article.removed if r.kind == "credit"]
    assert caption and "A pale octopus on the sea floor" in caption[0].text
    assert article.comments == ()


def test_french_article():
    article, _ = _clean(PLAIN / "french_article.txt")
    assert article.lang == "fr"
    assert article.title == "Un incendie ravage un entrepôt près de Lyon"
    assert article.date == "2018-12-04"
    assert len(article.paragraphs) == 4
    for noise in ("Lire aussi", "Partager", "Abonnez-vous", "Accueil"):
        assert noise not in article.text and noise in _removed_text(article)


# -------------------------------------------------------------- edge cases
@pytest.mark.parametrize("text", ["", "   ", "\n\n\r\n  \n"])
def test_empty_text(text):
    article = clean_text("empty", text, DEFAULT)
    assert article.paragraphs == () and article.removed == () and article.title is None and article.lang is None


def test_single_line():
    line = "Police have arrested a man after a car was driven into a shop window in the town centre."
    article = clean_text("one", line, DEFAULT)
    assert article.paragraphs == (line,)
    assert article.title is None and article.removed == ()


def test_all_noise_text_gives_no_body():
    text = "Share\nFacebook\nTwitter\nAdvertisement\nSubscribe\nSign in\n© 2020 Example Media"
    article = clean_text("noise", text, DEFAULT)
    assert article.paragraphs == ()
    assert _uncovered(article, text) == []


def test_crlf_line_endings():
    raw = (PLAIN / "crlf_short.txt").read_bytes().decode("utf-8")
    text = raw.replace("\r\n", "\n").replace("\n", "\r\n")  # CRLF even if a checkout converted it
    article = clean_text("crlf", text, DEFAULT)
    assert article.title == "Town hall to reopen after repairs"
    assert len(article.paragraphs) == 2 and not any("\r" in p for p in article.paragraphs)
    assert [(r.kind, r.text) for r in article.removed] == [("share", "Share:")]


def test_japanese_text_is_not_taken_for_menus():
    text = ("東京都内で火曜日、大規模な停電が発生し、約三万世帯で電気が使えなくなった。\n"
            "電力会社によると、変電所の設備に不具合が見つかったという。\n"
            "停電は約二時間後に復旧したが、一部の信号機が止まり、交通が混乱した。\n")
    article = clean_text("ja", text, DEFAULT)
    assert len(article.paragraphs) == 3
    assert article.lang == "ja"


def test_date_inside_a_sentence_is_not_the_article_date():
    text = ("Inquest finds death could have been prevented\n"
            "The officer was killed on 22 March 2017 during an attack on parliament, an inquest heard.\n"
            "The coroner said on Friday that armed officers had not been near the gate for an hour.\n")
    assert clean_text("d", text, DEFAULT).date is None


def test_hard_wrapped_paragraphs_are_joined():
    text = ("The council said on Monday that the bridge would reopen to traffic\n"
            "next week, after repairs that took longer than expected because of\n"
            "the wet weather.\n\n"
            "Drivers have faced long detours since the closure in February.\n")
    article = clean_text("w", text, DEFAULT)
    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].endswith("because of the wet weather.")


def test_favor_precision_still_covers_every_line():
    article, text = _seed("004")
    strict = clean_text("004", text, DEFAULT.with_(favor_precision=True))
    assert _uncovered(strict, text) == []
    assert len(strict.paragraphs) <= len(article.paragraphs)


_FRAGMENTS = [
    "Share", "Advertisement", "Reply", "2 hours ago", "Read more: Something happened", "By Jane Smith",
    "4 December 2018, 09:12", "© 2019 Example News", "Before you go...", "Comments", "More Stories",
    "Picture: Getty Images", "Police said the man was arrested at the scene on Tuesday evening.",
    "The council confirmed that the road would stay closed until the end of the month, officials said.",
    "I think this is a disgrace.", "مشاركة :", "Home", "", "   ", "Man arrested after crash",
]


@hsettings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=40), max_size=30),
       st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_any_text_is_fully_accounted_for(lines, newline):
    text = newline.join(lines)
    article = clean_text("h", text, DEFAULT)
    assert _uncovered(article, text) == []
    assert {r.kind for r in article.removed} <= KINDS


def test_character_references_copied_from_markup_are_resolved():
    """'&amp;' and '&#39;' in a plain-text copy are the page's markup, not the article's words; a bare
    ampersand ('AT&T') and an unknown name are left as written."""
    text = ("Scott Berkowitz of the Rape, Abuse &amp; Incest National Network said it&#39;s a problem for "
            "AT&T and R&D teams &bogus; alike, and that the survey had surprised the researchers.")
    article = clean_text("a", text, DEFAULT)
    assert article.paragraphs == (
        ("Scott Berkowitz of the Rape, Abuse & Incest National Network said it's a problem for "
         "AT&T and R&D teams &bogus; alike, and that the survey had surprised the researchers."),)


NYT_WIRE_COPY = """(The following "separate buy" article from SLATE, the premier online magazine of politics and culture, is available from the New York Times Syndicate. Please contact syndicate sales representative JANE DOE at 732-390-4480)

(William Saletan is a Slate senior writer)

&UR; BY WILLIAM SALETAN &LR; &QL; &UR; (Distributed by New York Times Special Features) &LR; &QL;

The governor approved his first 30-day reprieve in a death penalty case on Thursday, to allow time for DNA testing, after permitting 131 executions.

Treatments that are known to work are woefully underused and support services &UR; &LR; are often non-existent, the report concluded.

(STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS.) &QL;

The state has executed 43 inmates by lethal injection since it reinstated the death penalty in 1989.
"""


def test_wire_service_notes_and_typesetting_codes_are_not_article_text():
    """NYT news-service copy (DUC/TAC and newsroom feeds): syndication notes, the author's note and the
    handling note are removed with their kinds; the LDC typesetting codes vanish even mid-sentence."""
    article = clean_text("nyt", NYT_WIRE_COPY, DEFAULT)
    assert article.paragraphs == (
        ("The governor approved his first 30-day reprieve in a death penalty case on Thursday, to allow time for "
         "DNA testing, after permitting 131 executions."),
        ("Treatments that are known to work are woefully underused and support services are often non-existent, "
         "the report concluded."),
        "The state has executed 43 inmates by lethal injection since it reinstated the death penalty in 1989.",
    )
    kinds = [(r.kind, r.text) for r in article.removed]
    assert ("byline", "(William Saletan is a Slate senior writer)") in kinds
    assert [k for k, text in kinds if "Syndicate" in text or "STORY CAN END" in text] == ["boilerplate", "boilerplate"]
    assert "&QL;" not in " ".join(r.text for r in article.removed)


def test_undated_wire_slug_is_a_dateline_not_the_title():
    text = ("UNDATED SIDEBAR TO CAPITAL-PUNISHMENT\n\nLast week's postponement of the execution slowed, but did not "
            "stop, the state's march to near the top of states with the most executions.")
    article = clean_text("slug", text, DEFAULT)
    assert article.title is None
    assert [(r.kind, r.text) for r in article.removed] == [("dateline", "UNDATED SIDEBAR TO CAPITAL-PUNISHMENT")]


# ---------------------------------------------------------------- issue 21 and issue 18
def _text_article(text: str) -> Article:
    return clean_text("t", text, Settings())


def test_body_line_between_two_copies_of_a_footer_is_kept():
    """A footer printed above and below a line frames it; the sandwich rule must not swallow the line (issue 21)."""
    lead = "Flood waters forced 300 families from their homes in Carlisle on Saturday, the council said."
    middle = "Residents were told to contact the council helpline if they needed shelter, officials said."
    tail = "The River Eden rose two metres overnight after two days of heavy rain, the agency said."
    article = _text_article(f"{lead}\n\n© 2019 All rights reserved.\n{middle}\n© 2019 All rights reserved.\n\n{tail}\n")
    assert middle in article.paragraphs
    assert [r.text for r in article.removed] == ["© 2019 All rights reserved."] * 2


def test_promotional_line_inside_a_promotional_block_is_still_removed():
    lead = ("Flood waters forced 300 families from their homes in Carlisle on Saturday, the council said. " * 2).strip()
    text = (f"{lead}\n\nSign up for our daily newsletter\nWe send the best of our journalism to your inbox.\n"
            "Subscribe\n")
    article = _text_article(text)
    assert article.paragraphs == (lead,)


def test_picture_credit_never_names_the_outlet():
    """In plain text "Picture: SWNS" or "Photo: BBC" names who took a photo, not the publisher (issue 18)."""
    body = "Flood waters forced 300 families from their homes in Carlisle on Saturday, the council said."
    for credit in ("Picture: SWNS", "Photo: BBC", "Image: LBC"):
        assert _text_article(f"{body}\n\n{credit}\n\n{body}\n").outlet is None
    assert _text_article(f"{body}\n\n© 2019 Riverside Gazette\n").outlet == "Riverside Gazette"
