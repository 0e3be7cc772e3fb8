"""Facts confirmed by claim structure, the evidence a fact may be checked by, and the sentence rules of facts
and the timeline (issue 19: facts recall without losing precision; non-facts; whole sentences)."""

from __future__ import annotations

import pytest

from newsfuse.models import Article


def _refs(*texts):
    from newsfuse.align.facts import claim_refs
    from newsfuse.analyse import analyse_many

    analyses = analyse_many([Article(f"t{i}", None, None, f"outlet{i}", None, (t,)) for i, t in enumerate(texts)])
    refs = claim_refs(analyses)
    return [[r for r in refs if r.article == f"t{i}"] for i in range(len(texts))]


def _main(refs, word):
    return next(r for r in refs if word in r.claim.text)


def test_same_figures_and_names_state_one_fact_and_a_different_figure_does_not():
    from newsfuse.align.claim_match import same_structure, shared_specifics

    a, b, c, d = _refs(
        "Florida on Sunday reported more than 15,000 new coronavirus cases, officials said.",
        "The Florida Department of Health reported 15,300 new cases on Sunday.",
        "The Florida Department of Health reported 9,000 new cases on Sunday.",
        "Florida Governor Ron DeSantis visited a hospital in Miami on Sunday.",
    )
    florida = _main(a, "15,000")
    assert same_structure(florida, _main(b, "15,300"))  # a bound and a figure within it, same unit
    assert shared_specifics(florida, _main(c, "9,000")) is None  # below the stated minimum: a conflict
    assert not same_structure(florida, _main(d, "visited"))  # the same place, nothing else: another claim


def test_one_shared_name_is_enough_only_for_a_paraphrase():
    from newsfuse.align.claim_match import PARAPHRASE_SIMILARITY, same_structure

    a, b = _refs("Bernie Sanders soared to a landslide victory in Nevada.",
                 "Many Democrats fear that Bernie Sanders will win the nomination.")
    x, y = _main(a, "soared"), _main(b, "win")
    assert not same_structure(x, y, similarity=0.3)
    assert same_structure(x, y, similarity=PARAPHRASE_SIMILARITY)  # the threshold, not the name, decides


@pytest.mark.parametrize(("text", "statement"), [
    ("So with so many unexpected wins, why was the telecast such a bloated bore?", False),
    ("The low-carb group,", False),
    ("The telecast drew 13.3 million viewers, up from last year.", True),
    ("“Why now?” she asked, before the council voted 5-2 to approve the plan.", True),
    ('Mrs Palmer issued a statement, saying: "How could Keith have been left alone at an open gate?', True),
])
def test_fact_evidence_must_be_a_finished_statement(text, statement):
    from newsfuse.align.shown_facts import is_statement

    assert is_statement(text) is statement


@pytest.mark.parametrize(("sentence", "non_fact"), [
    ("“Dear Friends,” Schulz writes.", True),
    ('"We will rebuild," she said.', True),
    ('The sign in the window read "Closed for good" after the fire last week.', False),
    ('"We will rebuild," the mayor said on Tuesday after the storm destroyed 40 homes.', False),
    ("Schulz writes to his readers every week.", False),
])
def test_a_quotation_with_only_its_speaker_states_no_fact(sentence, non_fact):
    from newsfuse.align.fact_text import attribution_only, display_text

    assert attribution_only(sentence) is non_fact
    assert (display_text(sentence, sentence, True, False) is None) is non_fact


@pytest.mark.parametrize(("sentence", "link"), [
    ("( Results from the study of European relationships can be seen here ).", True),
    ("(The full report is linked below.)", True),
    ("(The company did not respond to a request for comment.)", False),
    ("Officials said the new rules are here to stay.", False),
])
def test_an_aside_pointing_at_a_lost_link_is_no_fact(sentence, link):
    from newsfuse.align.fact_text import points_to_link

    assert points_to_link(sentence) is link


def test_timeline_shows_no_fragment_but_keeps_dated_sentences():
    from newsfuse.align.timeline import align_timeline
    from newsfuse.analyse import analyse_many

    text = ("In 1949, Schulz married Joyce Halverson. The strip ran in Life magazine. In 1955 (and again in 1964). "
            "In 1967, a musical was produced Off-Broadway.")
    analysis = analyse_many([Article("t0", None, "1999-12-14", "outlet", None, (text,))])[0]
    texts = {e.date: e.text for e in align_timeline([analysis])}
    assert texts.get("1949", "").startswith("In 1949, Schulz married"), texts
    assert texts.get("1967", "").startswith("In 1967, a musical"), texts
    assert "1955" not in texts and "1964" not in texts, texts


@pytest.mark.parametrize(("sentence", "notice"), [
    ("Disclosures: disclosures can be viewed at www.acponline.org/authors/icmje/conflictofinterestforms.do.", True),
    ("Requests for single reprints: Lydia Bazzano, Tulane University, New Orleans; e-mail, lb@tulane.edu.", True),
    ("The agency's website, www.fema.gov, lists open shelters in every county.", False),
    ("Police said: the suspect fled on foot and was arrested two hours later.", False),
])
def test_a_labelled_notice_with_an_address_is_no_fact(sentence, notice):
    from newsfuse.align.fact_text import display_text, is_notice

    assert is_notice(sentence) is notice
    assert (display_text(sentence, sentence, True, False) is None) is notice


def test_a_sentence_another_outlet_tells_as_a_variant_is_not_single_source():
    from newsfuse.align.findings import told_as_variant
    from newsfuse.models import Discrepancy, Fact, Side

    florida = Fact("Florida on Sunday reported more than 15,000 new coronavirus cases, a record.", ("a0",), 1)
    variant = Discrepancy("new coronavirus cases", "number", (
        Side("15,000", "Florida on Sunday reported more than 15,000 new coronavirus cases", ("a0",)),
        Side("15,300", "The last of which reported a shattering 15,300 new cases on Sunday", ("a1",))))
    assert told_as_variant(florida, [variant], {"a0": "left", "a1": "center"})
    assert not told_as_variant(florida, [variant], {"a0": "left", "a1": "left"})  # one outlet tells both
    other = Fact("The Florida Department of Health received 135,992 results on Sunday.", ("a0",), 1)
    assert not told_as_variant(other, [variant], {"a0": "left", "a1": "center"})


def test_a_summary_sentence_that_is_a_fact_cites_what_the_fact_counts():
    from newsfuse.briefing import agree_with_facts
    from newsfuse.models import Evidence, Fact, SummarySentence

    text = "Florida on Sunday reported more than 15,000 new coronavirus cases."
    other = Evidence("a1", "The last of which reported a shattering 15,300 new cases on Sunday.", 0.33)
    sentence = SummarySentence(text, ("a0",), (), (Evidence("a1", other.text, 0.45),))
    fact = Fact(text, ("a0", "a1"), 2, (other,))
    agreed = agree_with_facts([sentence], [fact])[0]
    # the moved source keeps the decision's own probability for the pair (0.45), not the claims' similarity
    assert agreed.sources == ("a0", "a1") and agreed.evidence == (Evidence("a1", other.text, 0.45),)
    assert agreed.related == ()
    shown_from_a1 = Fact(other.text, ("a1", "a0"), 2, (Evidence("a0", text, 0.33),))  # a0's sentence as evidence
    agreed = agree_with_facts([sentence], [shown_from_a1])[0]
    assert agreed.sources == ("a0", "a1") and agreed.evidence[0].text == other.text and agreed.related == ()
    unrelated = SummarySentence("The governor urged residents to wear masks.", ("a0",))
    assert agree_with_facts([unrelated], [fact]) == [unrelated]  # a sentence that is no fact is left alone
