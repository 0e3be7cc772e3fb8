"""The fast paths of the analysis stage give exactly what the plain ones give: the attribute ruler's indexed
matching, one batched parse for many articles, and NumPy's matrix product."""

from __future__ import annotations

import pytest

from newsfuse.analyse import load_nlp
from newsfuse.analyse.nlp import article_layers, parse_article_docs, parse_paragraphs
from newsfuse.models import Article
from newsfuse.settings import DEFAULT


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(DEFAULT.spacy_model)


def _annotations(docs):
    return [[(t.tag_, t.pos_, t.lemma_, str(t.morph), t.dep_, t.head.i) for t in doc] for doc in docs]


def test_fast_attribute_ruler_matches_the_stock_one(nlp, seed_articles):
    from spacy.pipeline import AttributeRuler

    ruler = nlp.get_pipe("attribute_ruler")
    assert type(ruler.match).__name__ == "_FastMatch"  # installed by load_nlp
    # the contractions, "there is" and "gonna" rules are multi-token: they must still fire
    texts = [p for a in seed_articles.values() for p in a.paragraphs] + [
        "There is no way they're gonna win, y'all, and I ain't sure there are reasons.",
        "C'mon, let's go: he gets what he got.\n\nSpaces  here."]
    fast = list(nlp.pipe(texts))
    stock_match = ruler.match
    try:
        del ruler.match  # the class's Matcher-based method again
        assert [ruler.match(d) for d in fast] == [stock_match(d) for d in fast]
        stock = list(nlp.pipe(texts))
    finally:
        ruler.match = stock_match
    assert _annotations(fast) == _annotations(stock)
    assert isinstance(ruler, AttributeRuler)
    lemmas = {t.text.lower(): t.lemma_ for t in fast[-2]}
    assert lemmas["gon"] == "go" and lemmas["ai"] == "be"


def test_one_parse_for_many_articles_equals_one_per_article(nlp, seed_articles):
    articles = list(seed_articles.values())
    copy = Article("copy", None, None, None, None, articles[0].paragraphs[:2] + articles[1].paragraphs[:1])
    together = parse_paragraphs(nlp, articles + [copy])
    for article, docs in zip(articles + [copy], together):
        alone = parse_article_docs(nlp, article)
        joint = article_layers(article, docs)
        assert joint[:2] == alone[:2]
        assert _annotations(joint[2]) == _annotations(alone[2])


def test_numpy_matrix_product_parses_as_blis_does(nlp, seed_articles):
    from thinc.backends.numpy_ops import NumpyOps

    nodes = [n for _, p in nlp.pipeline if getattr(p, "model", None) is not None for n in p.model.walk()]
    assert {type(n.ops).__name__ for n in nodes} == {"NumpyBlasOps"}  # installed by load_nlp
    texts = [p for a in seed_articles.values() for p in a.paragraphs]
    fast = parse_paragraphs(nlp, [Article("x", None, None, None, None, tuple(texts))])[0]
    ours = [n.ops for n in nodes]
    try:
        for node in nodes:
            node.ops = NumpyOps()  # thinc's own blis products
        stock = list(nlp.pipe(texts))
    finally:
        for node, ops in zip(nodes, ours):
            node.ops = ops
    ents = [[(e.start, e.end, e.label_) for e in d.ents] for d in fast]
    assert _annotations(fast) == _annotations(stock) and ents == [[(e.start, e.end, e.label_) for e in d.ents]
                                                                  for d in stock]


@pytest.mark.parametrize("dateline", [["SANTA", "ROSA", ",", "Calif.", "_"], ["SAN", "FRANCISCO", "(", "AP", ")", "--"]])
def test_a_dateline_split_off_on_its_own_opens_the_next_sentence(nlp, dateline):
    """The LDC wire texts' "SANTA ROSA, Calif. _" is split off by spaCy as a sentence of its own: it is joined
    to the sentence it opens, and the rest of the paragraph keeps its own sentences."""
    from spacy.tokens import Doc

    rest = ["Cartoonist", "Charles", "Schulz", "found", "a", "home", ".", "The", "museum", "opens", "soon", "."]
    words = dateline + rest
    starts = [True] + [False] * (len(dateline) - 1) + [True] + [False] * 6 + [True] + [False] * 4
    doc = Doc(nlp.vocab, words=words, sent_starts=starts)
    article = Article("a1", None, None, None, None, (doc.text,))
    sentences, _mentions, docs = article_layers(article, [doc])
    assert [s.text for s in sentences] == [doc[:len(dateline) + 7].text, "The museum opens soon ."]
    assert len(docs) == 2


def test_a_quotation_mark_split_off_on_its_own_joins_its_quote(nlp):
    """Multi-News pads marks with spaces ('for 2011. " i ' m really ...'), and spaCy then leaves a mark as a
    sentence of its own: an opening mark joins the quote it opens, a closing one the quote it closes."""
    from spacy.tokens import Doc

    words = ["She", "made", "plans", ".", '"', "I", "am", "looking", "forward", ",", '"', "she", "said", ".",
             '"', "I", "want", "to", "travel", ".", '"', "Fans", "cheered", "."]
    starts = [True, False, False, False, True, True] + [False] * 8 + [True] + [False] * 5 + [True, True] + [False] * 2
    doc = Doc(nlp.vocab, words=words, sent_starts=starts)
    article = Article("a1", None, None, None, None, (doc.text,))
    sentences, _mentions, docs = article_layers(article, [doc])
    assert [s.text for s in sentences] == ["She made plans .", '" I am looking forward , " she said .',
                                           '" I want to travel . "', "Fans cheered ."]
    assert len(docs) == 4


def test_a_mark_left_at_a_sentence_end_moves_to_the_quote_it_opens(nlp):
    """spaCy may end a sentence on the padded mark that opens the next one's quote ('... on april 15. "' then
    'i suspect ..., " said his father'): the mark moves to the quote it opens, so the first sentence no
    longer ends on a stray mark. A mark closing a quote open since an earlier sentence stays where it is."""
    from spacy.tokens import Doc

    words = ["He", "died", "on", "april", "15", ".", '"', "i", "suspect", "foul", "play", ",", '"', "said", "his",
             "father", ".", '"', "We", "are", "tired", ".", "We", "go", "home", ".", '"', "Fans", "wept", "."]
    starts = ([True] + [False] * 6 + [True] + [False] * 9 + [True] + [False] * 4 + [True] + [False] * 4
              + [True, False, False])
    doc = Doc(nlp.vocab, words=words, sent_starts=starts)
    sentences, _mentions, docs = article_layers(Article("a1", None, None, None, None, (doc.text,)), [doc])
    assert [s.text for s in sentences] == ["He died on april 15 .", '" i suspect foul play , " said his father .',
                                           '" We are tired .', 'We go home . "', "Fans wept ."]
    assert [d.text.strip() for d in docs] == [s.text for s in sentences]
