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


# ----------------------------------------------------------------- what the reader sees
def _words(text):
    import re

    return re.findall(r"[a-z0-9]+", re.sub(r"\[[^\]]*\]", " ", text.lower()))


def test_shown_facts_are_source_sentences_with_a_subject_and_a_finite_verb(seed_story, seed_articles, nlp):
    from newsfuse.analyse.claims import FINITE_TAGS, SUBJECT_DEPS

    for fact in seed_story.facts + seed_story.single_source:
        assert fact.text[:1].isupper() or fact.text[:1] in "“\"", fact.text
        assert fact.text.rstrip("”\"’)")[-1:] in ".?!", fact.text
        source = set(_words(" ".join(seed_articles[fact.sources[0].split("_")[0]].paragraphs)))
        missing = [w for w in _words(fact.text) if w not in source]
        assert not missing, (fact.text, missing)  # the source's own words, nothing spliced in
        doc = nlp(fact.text)
        assert any(t.tag_ in FINITE_TAGS for t in doc) and any(t.dep_ in SUBJECT_DEPS for t in doc), fact.text
        assert fact.text.count("“") == fact.text.count("”"), fact.text


def test_quoted_speech_without_attribution_is_left_to_the_quotes(seed_story):
    # the widow's "He was left at a vulnerable location ... to die" continues a quote: hers, not a reported fact
    shown = " ".join(f.text for f in seed_story.facts + seed_story.single_source)
    assert "vulnerable location" not in shown
    assert "Amy wouldn" not in shown


def test_single_source_list_is_capped_ranked_and_apart_from_shared_facts(seed_story):
    from collections import Counter

    from newsfuse.align.single_source import MAX_SINGLE_PER_ARTICLE

    per_article = Counter(f.sources[0] for f in seed_story.single_source)
    assert max(per_article.values()) <= MAX_SINGLE_PER_ARTICLE
    assert len(seed_story.single_source) <= 3 * MAX_SINGLE_PER_ARTICLE
    assert "Cochran" in seed_story.single_source[0].text  # five names with ages: the most specific claim first
    fact_words = [set(_words(f.text)) for f in seed_story.facts]
    for single in seed_story.single_source:  # no single-source line repeats a shared fact
        assert all(len(set(_words(single.text)) ^ w) > 2 for w in fact_words), single.text


def test_fragment_clauses_are_marked_and_shown_as_their_sentence(nlp):
    from newsfuse.align.fact_text import display_text
    from newsfuse.analyse.claims import sentence_claims

    text = ("Had they been stationed there it is possible that they may have been able to prevent PC Palmer "
            "suffering fatal injuries.")
    claims = sentence_claims(nlp(text), 0)
    forms = {c.text: dict(c.values)["form"] for c in claims}
    fragment = next(t for t in forms if "suffering" in t and "possible" not in t)
    assert forms[fragment] == "fragment"
    shown = display_text(text, fragment, False, False)
    assert shown == text


def test_clean_sentence_balances_quotes_and_drops_a_leading_connective():
    from newsfuse.align.fact_text import clean_sentence

    assert clean_sentence("However, the widow said: “How could Keith be left alone?") == \
        "The widow said: “How could Keith be left alone?”"
    assert clean_sentence("but people are also more likely to fall ill") == "People are also more likely to fall ill."


def test_the_last_part_of_a_split_quote_stays_a_quote():
    """The sentence split cut '“He did not hear it. What he did see was …,” Deere said.' in two: the second
    half is still Deere's words, not the outlet's."""
    from newsfuse.align.fact_text import clean_sentence

    assert clean_sentence("What he did see was tremendous enthusiasm from his supporters,” spokesman Judd Deere said.") \
        == "“What he did see was tremendous enthusiasm from his supporters,” spokesman Judd Deere said."
    assert clean_sentence('What he did see was enthusiasm," Deere said.') == '"What he did see was enthusiasm," Deere said.'
    # a mark the sentence opens with keeps its capital on the first word
    assert clean_sentence('" he is not a monster, " the uncle said.') == '" He is not a monster, " the uncle said.'


def test_claims_reuse_the_paragraph_parse_when_given(nlp):
    from newsfuse.analyse.claims import find_claims
    from newsfuse.analyse.nlp import parse_article_docs

    article = Article("x", None, None, None, None,
                      ("Khalid Masood stabbed PC Keith Palmer. Masood was shot dead by a police officer.",))
    sentences, mentions, docs = parse_article_docs(nlp, article)
    claims = find_claims(article, sentences, mentions, None, docs)  # no pipeline: nothing is parsed again
    assert any("stabbed" in c.text for c in claims) and any("shot dead" in c.text for c in claims)


def test_paraphrased_verbs_align_through_synonyms():
    from newsfuse.align.facts import align_facts

    # the same people on both sides and nothing else in common but the verb: 'murdered' is 'killed'
    facts, _single, _ = align_facts(_story("John Kerr murdered Ann Price in Kita.",
                                           "Ann Price was killed by John Kerr in Kita."))
    assert [f.outlets for f in facts] == [2], facts
    facts, _single, _ = align_facts(_story("John Kerr praised Ann Price in Kita.",
                                           "Ann Price was killed by John Kerr in Kita."))
    assert not facts


def test_names_are_keyed_by_the_storys_canonical_form(seed_brief):
    from conftest import seed_paths
    from newsfuse.align.facts import name_resolver
    from newsfuse.analyse import analyse_many
    from newsfuse.pipeline import load_articles

    articles, _errors = load_articles([p for p in seed_paths() if p.name[:3] in SEED_STORY])
    resolve = name_resolver(analyse_many(articles))
    assert resolve("Scotland Yard") == resolve("the Met") == resolve("MPS") != ""
    assert resolve("Masood") == resolve("Khalid Masood") and resolve("Masood") != resolve("Palmer")


def _plain_similarity(weigher, a, b):
    """The weighted Dice as first written: every mass summed afresh, no cache, no shortcut."""
    import math

    from newsfuse.align.facts import CONTAIN_FLOOR, WORD_FLOOR

    def mass(keys):
        return math.fsum(weigher.compute_weight(k) for k in keys)

    total = mass(a) + mass(b)
    if not total:
        return 0.0
    words_a, words_b = a - weigher.names, b - weigher.names
    if a & b and (words_a or words_b):  # names, weak verbs and topic words alone make no fact
        if words_a & words_b <= weigher.plain:
            return 0.0
        if weigher.topics and len((a & b) - weigher.plain) < 2:
            return 0.0
    word_total = mass(words_a) + mass(words_b)
    if word_total:
        shared = mass(words_a & words_b)
        smaller = min(mass(words_a), mass(words_b))
        if 2 * shared / word_total < WORD_FLOOR and (not smaller or shared / smaller < CONTAIN_FLOOR):
            return 0.0
    return 2 * mass(a & b) / total


def test_fast_alignment_matches_the_plain_pairwise_computation(seed_articles):
    """Sparse candidate pairs, the Dice bound and the similarity caches change no edge and no value: checked
    against a loop over all pairs of the seed story's claims (and of a third of them: the small-story path)."""
    from newsfuse.align.facts import (
        FACT_THRESHOLD,
        MIN_SHARED,
        SMALL_STORY,
        Weigher,
        claim_refs,
        fact_edges,
    )
    from newsfuse.analyse import analyse_many

    story = claim_refs(analyse_many([seed_articles[k] for k in sorted(SEED_STORY)]))
    assert len(story) >= SMALL_STORY > len(story[::3])
    for refs in (story, story[::3]):
        weigher = Weigher(refs)
        edges, near = fact_edges(refs, weigher, FACT_THRESHOLD)
        plain, sharing = [], 0
        for i, a in enumerate(refs):
            for j in range(i + 1, len(refs)):
                b = refs[j]
                n = len(a.keys & b.keys) if a.article != b.article else 0
                assert (j in near[i]) == (i in near[j]) == (n > 0)
                if a.article == b.article:
                    continue
                sharing += n > 0
                sim = _plain_similarity(weigher, a.keys, b.keys)
                assert weigher.similarity(a.keys, b.keys) == sim and weigher.similarity(b.keys, a.keys) == \
                    _plain_similarity(weigher, b.keys, a.keys)
                if n >= MIN_SHARED and sim >= FACT_THRESHOLD:
                    plain.append((sim, i, j))
        assert sharing and plain  # the story has real candidates and real facts
        assert edges == sorted(plain, reverse=True)


def test_the_brief_does_not_depend_on_the_hash_seed(tmp_path):
    """Set order changes with PYTHONHASHSEED; sums of claim weights must not (a brief is reproducible)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    seeds = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "newsfuse.cli", "brief", "--format", "json", *map(str, seeds)],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_big_story_topic_words_alone_make_no_fact():
    """In a big story, claims that share only its topic words ("comic strip" in a Peanuts story) or a thin
    fragment ("drawing the comic strip") are not one fact; claims that share what they say still are."""
    from newsfuse.align.facts import FACT_THRESHOLD, TOPIC_MIN_CLAIMS, ClaimRef, Weigher
    from newsfuse.models import Claim

    def ref(article, *keys):
        claim = Claim(" ".join(keys), "", "", "", 0, values=(("lemmas", " ".join(keys)),))  # words, not names
        return ClaimRef(article, article, claim, frozenset(keys), 0)

    filler = [ref(f"a{i % 9}", "comic", "strip", f"w{i}", f"v{i}") for i in range(TOPIC_MIN_CLAIMS)]
    fragment = ref("a1", "draw", "comic", "strip")
    commercial = ref("a2", "go", "commercial", "comic", "strip")
    contract = ref("a3", "contract", "stipulate", "draw", "nobody", "else", "comic", "strip")
    swore = ref("a4", "swear", "nobody", "else", "draw", "comic", "strip")
    weigher = Weigher([*filler, fragment, commercial, contract, swore])
    assert {"comic", "strip"} <= weigher.topics
    assert weigher.similarity(fragment.keys, commercial.keys) == 0.0  # the topic alone
    assert weigher.similarity(fragment.keys, contract.keys) == 0.0  # a fragment with one word of its own
    assert weigher.similarity(contract.keys, swore.keys) >= FACT_THRESHOLD  # "no one else will draw it"
    small = Weigher([fragment, commercial, contract, swore])  # a small story has no topic words
    assert not small.topics and small.similarity(fragment.keys, contract.keys) > 0.0


def test_big_story_claims_sharing_one_word_beyond_the_topic_are_not_one_fact():
    """A death-penalty story of 14 articles chained "his support for capital punishment", "29 percent support
    capital punishment" and "support ... remains high" into one fact told by 7 outlets: beyond the topic
    they share one word. Two keys beyond the topic (a name and a word, two words) still make a fact."""
    from newsfuse.align.facts import FACT_THRESHOLD, TOPIC_MIN_CLAIMS, ClaimRef, Weigher
    from newsfuse.models import Claim

    def ref(article, *keys):
        claim = Claim(" ".join(keys), "", "", "", 0, values=(("lemmas", " ".join(keys)),))
        return ClaimRef(article, article, claim, frozenset(keys), 0)

    filler = [ref(f"a{i % 9}", "capital", "punishment", f"w{i}", f"v{i}") for i in range(2 * TOPIC_MIN_CLAIMS)]
    governor = ref("a1", "governor", "decision", "mean", "change", "support", "capital", "punishment")
    poll = ref("a2", "additional", "percent", "support", "capital", "punishment")
    high = ref("a3", "public", "support", "capital", "punishment", "remain", "high")
    still_high = ref("a4", "public", "support", "capital", "punishment", "remain", "strong")
    weigher = Weigher([*filler, governor, poll, high, still_high])
    assert {"capital", "punishment"} <= weigher.topics and "support" not in weigher.topics
    assert weigher.similarity(governor.keys, poll.keys) == 0.0
    assert weigher.similarity(poll.keys, high.keys) == 0.0
    assert weigher.similarity(high.keys, still_high.keys) >= FACT_THRESHOLD  # public support remains


def test_titles_and_initials_are_not_content_words(nlp):
    """'Gov. George W. Bush' in two claims about different things shares a name, not content."""
    from newsfuse.align.facts import claim_keys
    from newsfuse.analyse.claims import sentence_claims

    doc = nlp("Texas Gov. George W. Bush approved his first reprieve in a death penalty case.")
    keys = set().union(*(claim_keys(c) for c in sentence_claims(doc, 0)))
    assert {"approve", "reprieve", "bush"} <= keys
    assert not keys & {"gov", "gov.", "w."}


def test_each_other_source_of_a_fact_shows_how_it_tells_it(seed_story, seed_brief):
    """A fact's corroboration can be checked: every source beside the one it is shown from comes with the
    sentence, word for word, in which that article tells it (its claim most like the one shown)."""
    texts = {a.id: " ".join(a.text.split()) for a in seed_brief.articles}
    assert seed_story.facts
    for fact in seed_story.facts:
        assert [e.article for e in fact.evidence] == list(fact.sources[1:])
        for e in fact.evidence:
            assert " ".join(e.text.split()) in texts[e.article], e.text
            assert 0.0 < e.confidence <= 1.0
    legal = next(f for f in seed_story.facts if "legal action" in f.text)
    assert all("legal action" in e.text for e in legal.evidence)
    assert all(not f.evidence for f in seed_story.single_source)


def test_a_fact_keeps_the_case_of_a_word_cased_inside():
    """One capitalisation rule for summary and facts: the first letter is raised, 'iPhone' stays 'iPhone'."""
    from newsfuse.align.fact_text import clean_sentence

    assert clean_sentence("iPhone sales rose by a fifth in May") == "iPhone sales rose by a fifth in May."
    assert clean_sentence("however, the mayor resigned") == "The mayor resigned."


def test_a_sentence_another_outlet_supports_is_not_single_source(seed_story):
    """000's "His rampage ended when he was shot dead by a police officer." is told by 002 and 003 too (the
    citation decision cites them): it is no single-source fact, whatever the claim clusters say."""
    assert not any("rampage" in f.text for f in seed_story.single_source)
    shot = [f for f in seed_story.facts if "shot dead" in f.text]
    assert shot and all(f.outlets == len(f.sources) >= 2 for f in shot)  # the seeds' articles: one outlet each


def test_an_outlets_own_question_is_no_fact():
    from newsfuse.align.facts import align_facts

    facts, single, _ = align_facts(_story(
        "Interested in health care overhaul? The Senate voted 52 to 48 on Tuesday to pass the health care bill.",
        "The Senate passed the health care bill by 52 votes to 48 on Tuesday. Interested in health care overhaul?"))
    assert facts and not any(f.text.endswith("?") for f in facts + single)
