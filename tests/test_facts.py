"""Facts: atomic claims, alignment across outlets, single-source claims, on the seeds and small stories."""

from __future__ import annotations

import pytest

from newsfuse.models import Article

SEED_STORY = {"000", "002", "003"}


def _short(ids):
    return {i.split("_")[0] for i in ids}


@pytest.fixture(scope="session")
def seed_story(seed_brief):
    story = next(s for s in seed_brief.stories if SEED_STORY <= _short(s.articles))
    return story


@pytest.fixture(scope="session")
def nlp():
    from newsfuse.analyse import load_nlp
    from newsfuse.settings import DEFAULT

    return load_nlp(DEFAULT.spacy_model)


def _story(*texts, outlets=None):
    from newsfuse.analyse import analyse_many

    outlets = outlets or [None] * len(texts)
    return analyse_many([Article(f"t{i}", None, None, o, None, (t,)) for i, (t, o) in enumerate(zip(texts, outlets))])


def test_sentence_is_split_into_clauses_with_their_values(nlp):
    from newsfuse.analyse.claims import sentence_claims

    doc = nlp("PC Keith Palmer was on duty on 22 March 2017 when Khalid Masood ran through a gate and stabbed him.")
    claims = sentence_claims(doc, 0)
    texts = [c.text for c in claims]
    assert len(claims) == 3, texts
    assert ("date", "2017-03-22|22 March 2017") in claims[0].values
    stab = next(c for c in claims if "stabbed" in c.text)
    assert stab.text.startswith("Khalid Masood")  # the shared subject is carried into the second conjunct
    assert ("pronoun", "palmer") in stab.values  # "him" is Palmer, not the clause's own subject


def test_seed_single_source_claims(seed_story):
    single = {f.text: _short(f.sources) for f in seed_story.single_source}
    let_down = [t for t in single if "let down" in t]
    assert let_down and single[let_down[0]] == {"002"}
    victims = [t for t in single if "Cochran" in t and "Rhodes" in t]
    assert victims and single[victims[0]] == {"003"}
    seconds = [t for t in single if "82 seconds" in t]
    assert seconds and single[seconds[0]] == {"000"}


@pytest.mark.parametrize("words", [("letter",), ("October 2018",), ("stab", "Masood")])
def test_seed_multi_source_facts(seed_story, words):
    found = [f for f in seed_story.facts if all(w.lower() in f.text.lower() for w in words)]
    assert any(_short(f.sources) == SEED_STORY and f.outlets == 3 for f in found), [f.text for f in found]


def test_facts_sorted_by_support_and_single_source_apart(seed_story):
    outlets = [f.outlets for f in seed_story.facts]
    assert outlets == sorted(outlets, reverse=True) and min(outlets) >= 2
    assert all(f.outlets == 1 for f in seed_story.single_source)
    assert not {f.text for f in seed_story.facts} & {f.text for f in seed_story.single_source}


def test_outlets_are_counted_once_and_missing_outlets_count_per_article():
    from newsfuse.align.facts import align_facts

    texts = ("The council approved a new cycle bridge over the River Aire in Leeds on Tuesday.",
             "On Tuesday the council approved the new cycle bridge across the River Aire in Leeds.",
             "Leeds council approved a cycle bridge over the River Aire on Tuesday.")
    facts, _single, _ = align_facts(_story(*texts, outlets=["BBC", "BBC", "Yorkshire Post"]))
    bridge = next(f for f in facts if "bridge" in f.text)
    assert bridge.support == 3 and bridge.outlets == 2
    facts, _single, _ = align_facts(_story(*texts))
    assert next(f for f in facts if "bridge" in f.text).outlets == 3


def test_unrelated_claims_are_not_merged():
    from newsfuse.align.facts import align_facts

    facts, single, _ = align_facts(_story(
        "The council approved a new cycle bridge over the River Aire in Leeds on Tuesday.",
        "The mayor of Leeds said the council had cut the library budget by 12 percent.",
    ))
    assert not facts and len(single) >= 1
