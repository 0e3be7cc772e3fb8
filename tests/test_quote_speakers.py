"""Speakers read from the dependency parse (analyse/speaker_parse.py) and the PolNeAR benchmark's gold reading
(bench/quotes.py): each rule with ordinary text it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA_DIR
from newsfuse.models import Article


def _speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    from newsfuse.analyse import analyse

    article = Article("t", None, None, None, None, tuple(paragraphs))
    return [(q.text, q.speaker) for q in analyse(article).quotes if len(q.text.split()) >= 4]


def test_speech_verb_subject_not_the_person_the_clause_is_about():
    found = _speakers("President Rodrigo Duterte spoke in Manila on Monday.",
                      "Donald Trump said Duterte's comments showed “a lack of respect for the office.”")
    assert found == [("a lack of respect for the office.", "Donald Trump")]


def test_place_after_a_name_is_not_the_speaker():
    found = _speakers("Gov. Mike Pence of Indiana told Fox News that the party had “the opportunity and the "
                      "obligation to bring us together.”")
    assert found[0][1] == "Mike Pence"


def test_subject_of_the_cue_verb_over_a_place_in_its_clause():
    found = _speakers("Donald Trump also said at the time that the United States has become a “dumping ground "
                      "for everybody else's problems.”")
    assert found[0][1] == "Donald Trump"


def test_office_before_a_name_is_not_the_speaker():
    found = _speakers("House Speaker Paul Ryan said Trump had “the opportunity and the obligation to unite us.”")
    assert found[0][1] == "Paul Ryan"


def test_participle_and_aside_share_the_subject():
    found = _speakers("Ted Cruz said that there is “only one strong conservative in a position to win,” adding "
                      "that Donald Trump “relentlessly attacks us and ignores the others.”",
                      "The move, Reince Priebus explained, was “the result of nearly three years of work.”")
    assert [s for _, s in found] == ["Ted Cruz", "Ted Cruz", "Reince Priebus"]


def test_main_clause_subject_for_a_quote_with_no_cue():
    found = _speakers("Bernie Sanders hopes to “win many hundreds of delegates” in the spring.")
    assert found[0][1] == "Bernie Sanders"


def test_a_subject_that_names_no_one_gives_no_speaker():
    """'The inquest heard how PC Palmer only had “a spray and a baton”': Palmer is what the inquest heard about."""
    found = _speakers("The inquest also heard how PC Keith Palmer only had “a spray and a baton” to protect himself.")
    assert found == [("a spray and a baton", None)]


def test_ordinary_attributions_unchanged():
    found = _speakers("“We will rebuild the bridge by the spring,” said Mayor Anne Hidalgo.",
                      "She added: “Nobody will be left without a way to work.”")
    assert [s for _, s in found] == ["Anne Hidalgo", "Anne Hidalgo"]


# ------------------------------------------------------------------ the benchmark's reading of PolNeAR
def test_source_names_keep_the_head_name():
    from newsfuse.bench.quotes import source_names

    raw = "Officials met. Gov. Mike Pence of Indiana said so. Secretary of State Hillary Clinton said it."
    assert source_names("Gov. Mike Pence of Indiana", raw, raw.index("Gov.")) == {"mike", "pence"}
    assert source_names("Secretary of State Hillary Clinton", raw, raw.index("Secretary")) == {"state", "hillary",
                                                                                                "clinton"}
    assert source_names("Officials", raw, 0) == frozenset()  # a sentence-initial common noun
    assert source_names("he", raw, 20) == frozenset()
    assert source_names("Sen. Ted Cruz (R-Texas)", raw, 20) == {"ted", "cruz"}


def test_quoted_segments_inside_a_content_span():
    from newsfuse.bench.quotes import quoted_segments

    text = 'He said the plan was “a disaster” and, “we will fight it.” Then "another one" ended.'
    assert [text[a:b] for a, b in quoted_segments(text, 0, len(text))] == [
        "a disaster", "we will fight it.", "another one"]


def test_speaker_right_by_name_overlap():
    from newsfuse.bench.quotes import GoldQuote, speaker_right

    gold = GoldQuote(0, 10, "Gov. Mike Pence of Indiana", frozenset({"mike", "pence"}))
    assert speaker_right("Mike Pence", gold) and speaker_right("Pence", gold)
    assert not speaker_right("Indiana", gold) and not speaker_right(None, gold)


def test_polnear_bench_on_a_few_train_articles():
    """The benchmark end to end on three train articles: gold read, both systems scored (skips without data)."""
    from newsfuse.bench.quotes import load_polnear, newsfuse_quotes, score

    root = DATA_DIR / "polnear-dev"
    if not (root / "train").is_dir():
        pytest.skip("polnear-dev not under ../shared/data")
    documents = load_polnear(Path(root), "train", limit=3)
    assert len(documents) == 3 and sum(len(d.gold) for d in documents) > 0
    ours, nearest = newsfuse_quotes(documents)
    mine, base = score(documents, ours), score(documents, nearest)
    assert mine["found"] == base["found"] and 0.0 <= mine["qs_f1"] <= 1.0
    assert mine["quote_r"] > 0.5


def test_a_capitalised_verb_inside_a_name_is_no_cue():
    """'the United States are' holds 'States', no speech verb: the quote keeps the speaker before it."""
    found = _speakers("Bernie Sanders delivered a snappy retort: “No one is tearing this up. We are going forward.” "
                      "He said costs in the United States are far greater than in Canada.")
    assert found[0][1] == "Bernie Sanders"
    assert _speakers("“The rules are clear and they will be applied,” States Attorney Kim Foxx said.")[0][1] == "Kim Foxx"


def test_source_names_drop_qualifiers_of_a_role():
    from newsfuse.bench.quotes import source_names

    raw = "x. The Florida senator said so, and Trump spokeswoman Hope Hicks agreed."
    assert source_names("The Florida senator", raw, raw.index("The Florida")) == frozenset()
    assert source_names("Trump spokeswoman Hope Hicks", raw, raw.index("Trump")) == {"hope", "hicks"}
    assert source_names("the school’s Facebook post", raw, 3) == frozenset()
    assert source_names("Former Arkansas Gov. Mike Huckabee", raw, 3) == {"arkansas", "mike", "huckabee"}


def test_a_quote_standing_as_a_paragraph_is_the_passage_speaker():
    found = _speakers("“I am calling from the campaign. How are you today?” Eva Miller, a retired worker, said into "
                      "the phone.", "She pauses.", "“Well, thank you so much for your time today.”")
    assert [s for _, s in found] == ["Eva Miller", "Eva Miller"]


def test_a_quote_paragraph_far_from_any_speaker_stays_unattributed():
    found = _speakers("Eva Miller said the campaign was busy.", "The office opened at nine.", "Lunch came late.",
                      "Volunteers left at six.", "The phones were quiet by then.",
                      "“Make America great again, and do it today.”")
    assert found == [("Make America great again, and do it today.", None)]


def test_a_quote_paragraph_signed_below_is_the_signers():
    found = _speakers("The silence has been deafening, Maria Lopez wrote.",
                      "“I went to Wall Street before the crash and told them what was coming.”", "- Hillary Clinton.",
                      "“A dash opens this line and it is not a sign-off at all.”", "- and so on, for pages.")
    assert found[0][1] == "Hillary Clinton"  # the signer, not the earlier writer
    assert found[1][1] == "Hillary Clinton"  # a dash line with no name signs nothing: the passage's speaker


# ------------------------------------------------------------------ the learned ranker (analyse/speaker_rank.py)
def _layers(*paragraphs: str):
    from newsfuse.analyse.entities import article_names
    from newsfuse.analyse.nlp import article_layers, load_nlp, parse_paragraphs
    from newsfuse.settings import DEFAULT

    article = Article("t", None, None, None, None, tuple(paragraphs))
    sentences, mentions, docs = article_layers(article, parse_paragraphs(load_nlp(DEFAULT.spacy_model), [article])[0])
    return article, mentions, article_names(article, sentences, mentions), docs


def test_ranker_features_describe_each_name_around_the_quote():
    """'“Go back to Univision,” Trump barked': the verb is no cue of the rules, but the ranker sees Trump as the
    subject right after the quote and Ramos as an object in the sentence before."""
    from newsfuse.analyse.quote_spans import quote_spans
    from newsfuse.analyse.speaker_rank import candidates

    article, mentions, names, docs = _layers(
        "Donald Trump would not let the anchor Jorge Ramos ask a question about immigration.",
        "“Go back to Univision,” Trump barked, and a security guard escorted Ramos out.")
    spans = quote_spans(article.text)
    cands = {c.name: c.features for c in candidates(names, article.text, spans, 0, docs, {}, None)}
    assert cands["Donald Trump"]["adjacent_after"] == 1.0 and cands["Donald Trump"]["same_sentence_after"] == 1.0
    assert cands["Donald Trump"].get("dep_nsubj") == 1.0
    assert cands["Jorge Ramos"]["adjacent_after"] == 0.0 and cands["Jorge Ramos"].get("dep_nsubj") is None


def test_ranker_picks_only_above_its_threshold():
    from newsfuse.analyse.speaker_rank import Candidate, model, rank_speaker

    table, threshold = model()
    assert table and 0.5 <= threshold < 1.0
    near = Candidate("Jane Doe", None, {"bias": 1.0, "same_paragraph": 1.0, "dep_nsubj": 1.0, "adjacent_after": 1.0})
    far = Candidate("John Roe", None, {"bias": 1.0, "sent_before_3": 1.0, "dep_pobj": 1.0, "earlier_paragraph": 1.0})
    assert rank_speaker([far, near], table, 0.0) is near
    assert rank_speaker([far, near], table, 1.0) is None
    assert rank_speaker([], table, 0.0) is None


def test_a_running_phrase_is_left_to_the_rules():
    from newsfuse.analyse.quote_spans import quote_spans
    from newsfuse.analyse.speaker_rank import running_phrase

    def first(text: str) -> bool:
        return running_phrase(text, quote_spans(text)[0])

    assert first("The inquest also heard how PC Keith Palmer only had “a spray and a baton” to protect himself.")
    assert not first("Warren said the plan “would raise taxes on every working family in the state.”")
    assert not first("“We will rebuild the bridge by the spring,” the mayor said.")
    assert not first("It was, the mayor told reporters, “a bridge too far for this council.”")


def test_a_firms_announcement_speaks_for_the_firm():
    found = _speakers("Acme Industries said on Monday it would close two plants in Ohio.",
                      "The firm's announcement called the decision “a painful but necessary step for our future.”")
    assert found[0][1] == "Acme Industries"
    alone = _speakers("The firm's announcement called the decision “a painful but necessary step for our future.”")
    assert alone[0][1] == "the firm's announcement"
    assert _speakers("The report says “the river will flood again within the next ten years.”")[0][1] == "the report"


def test_a_speaker_who_told_a_network_keeps_the_quote():
    found = _speakers("Senator Elizabeth Warren spoke to reporters in Boston on Tuesday.",
                      "Warren told CNN in the same interview that the plan “would raise taxes on every working family "
                      "in Massachusetts.”")
    assert found[0][1] == "Elizabeth Warren"


def test_ranker_training_on_a_few_train_articles(tmp_path, capsys):
    """The fitting script end to end on a small spread of PolNeAR train (skips without data)."""
    import json

    from newsfuse.bench.quotes_train import MIN_PROBABILITY, main

    if not (DATA_DIR / "polnear-dev" / "train").is_dir():
        pytest.skip("polnear-dev not under ../shared/data")
    out = tmp_path / "ranker.json"
    assert main(["--limit", "14", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "rules " in printed and f"ranker p>={MIN_PROBABILITY:.2f}" in printed
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert saved["min_probability"] == MIN_PROBABILITY and saved["weights"]


def test_retorts_and_musings_are_speech():
    """'shot back', 'barked', 'mused' introduce speech like 'said' does; 'snapped a losing streak' is no cue
    for a quote that has its own."""
    assert _speakers("“Go back to Univision, you were not called on,” Trump barked at the anchor.")[0][1] == "Trump"
    assert _speakers("“Jeb wants to be a tough guy tonight,” Donald Trump shot back.")[0][1] == "Donald Trump"
    assert _speakers("“Imagine him going up against both of them on the same stage,” mused host Stu Burguiere."
                     )[0][1] == "Stu Burguiere"
    found = _speakers("The Yankees snapped a three-game losing streak on Monday. “It was a huge relief for the whole "
                      "clubhouse,” manager Aaron Boone said.")
    assert found[0][1] == "Aaron Boone"


def test_a_dateline_credit_speaks_no_quote():
    from newsfuse.analyse.entities import Span
    from newsfuse.analyse.speaker_rank import dateline_credit

    text = "BEIJING (AP) _ China's military ordered soldiers to hold the dikes.\n\nThe AP (Associated Press) said so."
    ap = text.index("AP")
    assert dateline_credit(text, Span("organisation", "AP", ap, ap + 2, 0))
    later = text.index("Associated")
    assert not dateline_credit(text, Span("organisation", "Associated Press", later, later + 16, 1))
