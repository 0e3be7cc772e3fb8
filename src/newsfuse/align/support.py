"""Which articles support each sentence (paraphrase included).

An article supports a sentence when one of its sentences, or two adjacent ones read together, covers
most of that sentence's content: IDF-weighted coverage of its content stems, of its content bigrams
(word order, so "Masood shot the officer" is not "the officer shot Masood") and of its names
(capitalised words) and numbers, in both directions. Numbers must not contradict: a sentence saying
"five people" is not supported by one saying "four people".

With sentence embeddings (newsfuse.embed, all-MiniLM-L6-v2) the score is EMBED_WEIGHT * cosine +
(1 - EMBED_WEIGHT) * the lexical score, so paraphrases with few shared words are found; a window of two
sentences is embedded as the normalised sum of their vectors. Cosine is symmetric and blind to figures,
so the lexical part keeps the direction (the supporter must cover the sentence) and contradictions still
veto: other numbers (none of the sentence's), another year, or other names where both sides name someone,
scale the combined score down. Coverage of the sentence's non-name content words (its event) is added
around a pivot, so a window about the same people but another event scores lower.
Without the model the lexical score alone is used (with its own threshold).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import numpy as np
from scipy import sparse

from ..analyse.datelines import strip_dateline
from ..models import ArticleAnalysis, Citation, Evidence
from ..settings import Settings
from ..text.lexical import (
    NUMBER,
    STOP,
    content_bigrams,
    content_stems,
    idf,
    numbers,
    stem,
    stems,
    tokens,
    word_count,
)
from ..text.rules import JUNK, TIMESTAMP, is_caption, unfinished
from .support_model import SentenceTraits, WindowScores, article_features, load_model

# weights of the parts of the similarity (they sum to 1)
UNIGRAM_WEIGHT = 0.55
BIGRAM_WEIGHT = 0.25
NAME_WEIGHT = 0.20
REVERSE_WEIGHT = 0.15  # how much the supporter's own coverage by the sentence counts (both directions)
NUMBER_CONFLICT = 0.5  # factor when the supporter gives other numbers than the sentence's
NUMBER_MISSING = 0.7  # factor when the supporter gives no number where the sentence has one
IDF_POWER = 2.0  # rare words decide support: coverage weighs each word by idf ** IDF_POWER
SHORT_CONTENT = 5  # sentences with fewer content stems need proportionally more evidence
MIN_CONTENT = 2  # sentences with fewer content stems are not compared (too little to match on)
EMBED_WEIGHT = 0.8  # share of the embedding cosine in the combined score (calibrated: bench --citations)
LEXICAL_GATE = 0.10  # below this lexical score a window is no support, whatever the cosine (direction)
EMBEDDED_WINDOWS = 2  # per sentence and article, only its best windows by lexical score are embedded (the cost)
CONFLICT_FACTOR = 0.6  # combined score factor when the window gives other numbers, or only other names
NUMBER_PARTIAL = 1.0  # factor when the supporter gives some of the sentence's numbers, not all (ages, dates
# beside the main figure are secondary: "some 80 followers died" supports "about 80 died ... April 19, 1993")
EVENT_WEIGHT = 0.3  # weight of the event coverage: the IDF-weighted share of the sentence's non-name content
# words (what happened, not who) that the window gives; the same participants doing something else is no support
EVENT_PIVOT = 0.233  # event coverage that neither raises nor lowers the score (calibrated: even half of the labels)
YEAR_PATTERN = re.compile(r"^(1[89]|20)\d\d$")  # years: a different year is another occurrence, never support
NUMBER_WORDS = {w: float(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {"dozen": 12.0, "dozens": 24.0, "hundreds": 200.0}
SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
MIN_CLAIM_WORDS = 4  # a line shorter than this is a fragment: it states no claim a sentence could rest on
HEADING_WORDS = 12  # a line shorter than this with no full stop is a heading (a longer one: text cut off)
QUANTITY_REACH = 2  # a count belongs to the first content word at most this many words after it
RELATED_SHARE = 0.6  # without the learned decision, related coverage reaches down to this share of the threshold
QUANTITY_TOLERANCE = 0.05  # counts of the same thing within 5% agree (rounding: "about 25,000" vs "24,800")


@dataclass(frozen=True)
class Bag:
    """The comparable content of one sentence (or two adjacent sentences)."""

    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    names: frozenset[str]
    numbers: frozenset[str]
    quantities: frozenset[tuple[str, float]] = frozenset()  # (counted thing, value): ("inhabit", 27200.0)
    rounded: frozenset[str] = frozenset()  # numbers and their coarser roundings: "19.3" -> "19"


def bag(text: str, known_names: frozenset[str] = frozenset()) -> Bag:
    """A sentence's comparable content. Capitalised words are names; the sentence's first word only when
    the story capitalises it mid-sentence too (`known_names`): "Kansas last year ..." names Kansas."""
    words = stems(text)
    names = {stem(t) for i, t in _capitalised(text) if i > 0 or stem(t) in known_names}
    figures = numbers(text)
    return Bag(frozenset(content_stems(text)), frozenset(content_bigrams(words)), frozenset(names),
               frozenset(figures), quantities(text), frozenset(r for n in figures for r in roundings(n)))


def name_stems(texts: Iterable[str]) -> frozenset[str]:
    """Stems of the words a story capitalises inside a sentence (not as its first word): its names."""
    return frozenset(stem(t) for text in texts for i, t in _capitalised(text) if i > 0)


def _capitalised(text: str) -> list[tuple[int, str]]:
    """(position, word) of the capitalised words of a sentence that are not stop words."""
    return [(i, t) for i, t in enumerate(tokens(text)) if t[:1].isupper() and t.lower() not in STOP]


def merged(a: Bag, b: Bag) -> Bag:
    return Bag(a.stems | b.stems, a.bigrams | b.bigrams, a.names | b.names, a.numbers | b.numbers,
               a.quantities | b.quantities, a.rounded | b.rounded)


ROUNDING_MAX_DIGITS = 24  # within decimal's default 28-digit precision


def roundings(number: str) -> set[str]:
    """The number and each coarser rounding of it that keeps two significant digits: "19.3" -> {"19.3",
    "19"}, "24813" -> {"24813", "24810", "24800", "25000"}. One outlet's "more than 19 percent" or "about
    25,000" rounds another's figure; it does not contradict it. Years are never rounded (2011 is not 2010)."""
    out = {number}
    if YEAR_PATTERN.match(number):
        return out
    try:
        value = Decimal(number)
    except InvalidOperation:
        return out
    if not value.is_finite() or abs(value.adjusted()) > ROUNDING_MAX_DIGITS:
        return out  # a 400-digit figure is no rounding of anything, and quantize would overflow (issue 17)
    exponent = value.as_tuple().exponent
    place = int(exponent) if isinstance(exponent, int) else 0  # the last digit written: 19.3 -> -1
    while True:
        place += 1
        rounded = value.quantize(Decimal(1).scaleb(place), rounding=ROUND_HALF_UP)
        if rounded == 0 or len(rounded.normalize().as_tuple().digits) < 2:
            return out
        out.add(format(rounded, "f"))


def numbers_agree(a: Bag, b: Bag) -> bool:
    """Some number of `a` appears in `b`, the one as a rounding of the other allowed."""
    return bool(a.numbers & b.rounded or a.rounded & b.numbers)


def quantities(text: str) -> frozenset[tuple[str, float]]:
    """Counts and the thing counted ("27,200 inhabitants", "three Israelis", "1.5 million people"), so
    that "27,200 inhabitants" and "25,000 inhabitants" read as a contradiction, not as shared content."""
    words = tokens(text)
    out = set()
    for i, word in enumerate(words):
        value = _count_value(word)
        if value is None or YEAR_PATTERN.match(word):
            continue
        for nxt in words[i + 1:i + 1 + QUANTITY_REACH]:
            low = nxt.lower()
            if low in SCALE_WORDS:
                value *= SCALE_WORDS[low]
            elif low not in STOP and not NUMBER.match(nxt) and low not in NUMBER_WORDS:
                out.add((stem(nxt), value))
                break
    return frozenset(out)


def _count_value(word: str) -> float | None:
    low = word.lower()
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low]
    if NUMBER.match(word):
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    return None


def counts_disagree(a: frozenset[tuple[str, float]], b: frozenset[tuple[str, float]]) -> bool:
    """True when both count the same thing and no count of it agrees (within QUANTITY_TOLERANCE)."""
    for thing in {t for t, _ in a} & {t for t, _ in b}:
        xs = [v for t, v in a if t == thing]
        ys = [v for t, v in b if t == thing]
        if not any(abs(x - y) <= QUANTITY_TOLERANCE * max(abs(x), abs(y)) for x in xs for y in ys):
            return True
    return False


def coverage(part: frozenset, whole: frozenset, weights: dict) -> float:  # type: ignore[type-arg]
    """IDF-weighted share of `part` found in `whole` (1.0 when `part` is empty: nothing to miss)."""
    total = sum(weights.get(x, 1.0) for x in part)
    if total == 0:
        return 1.0
    return sum(weights.get(x, 1.0) for x in part & whole) / total


def similarity(s: Bag, t: Bag, weights: dict[str, float]) -> float:  # type: ignore[type-arg]
    """How far `t` says what `s` says: mostly s covered by t, a little t covered by s."""
    forward = _directed(s, t, weights)
    backward = _directed(t, s, weights)
    score = (1 - REVERSE_WEIGHT) * forward + REVERSE_WEIGHT * backward
    if s.numbers and not s.numbers <= t.numbers:
        score *= NUMBER_PARTIAL if numbers_agree(s, t) else NUMBER_CONFLICT if t.numbers else NUMBER_MISSING
    if len(s.stems) < SHORT_CONTENT:
        score *= (len(s.stems) / SHORT_CONTENT) ** 0.5
    return score


def _directed(s: Bag, t: Bag, weights: dict[str, float]) -> float:
    uni = coverage(s.stems, t.stems, weights)
    bi_weights = {b: weights.get(b[0], 1.0) + weights.get(b[1], 1.0) for b in s.bigrams}
    bi = coverage(s.bigrams, t.bigrams, bi_weights)
    names = coverage(s.names, t.names, weights) if s.names else uni
    return UNIGRAM_WEIGHT * uni + BIGRAM_WEIGHT * bi + NAME_WEIGHT * names


def sentence_support(members: Sequence[ArticleAnalysis], settings: Settings) -> Support:
    """{Sentence.key: (its own article id, then every other article that says the same)}, computed lazily."""
    return Support(members, settings)


class Support(Mapping[str, tuple[str, ...]]):
    """Sentence key -> supporting article ids, each computed on first access.

    The brief only cites the few sentences its summary picks, so the costly part — embedding — is done
    only for them and for the windows of other articles that pass the lexical gate, not for the story.
    """

    def __init__(self, members: Sequence[ArticleAnalysis], settings: Settings) -> None:
        self._settings = settings
        known = name_stems(s.text for a in members for s in a.sentences)
        self._bags = {a.article.id: [bag(s.text, known) for s in a.sentences] for a in members}
        self._weights = _weights(self._bags)
        self._sentences = [s for a in members for s in a.sentences]
        self._row = {s.key: i for i, s in enumerate(self._sentences)}
        self._rows = [b for a in members for b in self._bags[a.article.id]]
        self._articles = [a.article.id for a in members]
        self._windows: list[Bag] = []
        owner: list[str] = []  # the article of each window
        self._window_parts: list[tuple[int, ...]] = []  # indices into self._sentences
        start = 0
        for a in members:
            n = len(a.sentences)
            self._windows += _windows(self._bags[a.article.id])
            owner += [a.article.id] * (n + max(0, n - 1))
            self._window_parts += [(start + i,) for i in range(n)] + [(start + i, start + i + 1) for i in range(n - 1)]
            start += n
        owners = np.array(owner)
        self._columns = {a: np.flatnonzero(owners == a) for a in self._articles}  # each article's windows
        stating = [states_a_claim(s.text) for s in self._sentences]
        self._stating = np.array([any(stating[p] for p in parts) for parts in self._window_parts], dtype=float)
        self._cache: dict[str, Citation] = {}

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self._citation(key).sources

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def cite(self, keys: Sequence[str]) -> dict[str, Citation]:
        """The Citation of each known key, all decided in one batch (the SupportIndex protocol)."""
        self.compute(keys)
        return {k: self._cache[k] for k in keys if k in self._cache}

    def compute(self, keys: Sequence[str]) -> None:
        """Fill the cache for `keys` in one batch."""
        rows = [self._row[k] for k in keys if k in self._row and k not in self._cache]
        if not rows:
            return
        decided, weaker = self._decide(rows)
        for i, row in enumerate(rows):
            sentence = self._sentences[row]
            own = sentence.article_id
            found: dict[str, Evidence] = {}
            related: dict[str, Evidence] = {}
            if len(self._rows[row].stems) >= MIN_CONTENT:
                found = {a: self._evidence_of(a, *decided[i][a]) for a in self._articles
                         if a != own and a in decided[i]}
                related = {a: self._evidence_of(a, *weaker[i][a]) for a in self._articles
                           if a != own and a in weaker[i] and a not in found}
            self._cache[sentence.key] = Citation(sentence.key, (own, *found), tuple(found.values()),
                                                 tuple(related.values()))

    def evidence(self, key: str) -> tuple[Evidence, ...]:
        """Where each cited article (beside the sentence's own) states the sentence's claim, with the
        decision's confidence: what a reader checks a citation against."""
        return self._citation(key).evidence

    def _citation(self, key: str) -> Citation:
        if key not in self._cache:
            if key not in self._row:
                raise KeyError(key)
            self.compute([key])
        return self._cache[key]

    def _evidence_of(self, article: str, window: int, confidence: float) -> Evidence:
        text = " ".join(self._sentences[p].text.strip() for p in self._window_parts[window])
        return Evidence(article, text, round(min(max(confidence, 0.0), 1.0), 3))

    def _decide(self, rows: Sequence[int]) -> tuple[list[dict[str, tuple[int, float]]],
                                                    list[dict[str, tuple[int, float]]]]:
        """For each row, (its supporting articles, the articles of weaker support: related coverage), each with
        its evidence window and confidence: the learned decision over the window scores (its probability),
        else a threshold on the blend, else (no embedding model) a threshold on the lexical score (the score as
        the confidence). Related coverage reaches down to RELATED_SHARE of the threshold (its own setting for
        the learned decision)."""
        lexical, forward = self._lexical(rows)
        scores = (self._window_scores(rows, lexical, forward) if self._settings.support_embeddings and self._windows
                  else None)
        if scores is None:
            return _split(_best_per_article(lexical, self._columns), self._settings.support_threshold,
                          RELATED_SHARE * self._settings.support_threshold)
        model = load_model() if self._settings.support_learned else None
        best = _best_per_article(scores.blend, self._columns)
        if model is None:
            return _split(best, self._settings.support_embed_threshold,
                          RELATED_SHARE * self._settings.support_embed_threshold)
        decided = []
        for i, row in enumerate(rows):
            features = self._features(scores, i, row)
            names = list(features)
            probability = model.probability(np.stack([features[a] for a in names])) if names else np.zeros(0)
            decided.append({a: (best[i][a][0], float(p)) for a, p in zip(names, probability)})
        return _split(decided, self._settings.support_probability, self._settings.support_related_probability)

    def article_features(self, keys: Sequence[str]) -> dict[str, dict[str, np.ndarray]]:
        """{sentence key: {other article: feature vector}}, what the learned decision reads (for fitting it)."""
        rows = [self._row[k] for k in keys]
        scores = self._window_scores(rows, *self._lexical(rows)) if self._windows else None
        if scores is None:
            raise RuntimeError("the support features need the sentence-embedding model")
        return {self._sentences[row].key: self._features(scores, i, row) for i, row in enumerate(rows)}

    def _lexical(self, rows: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Lexical score of each row against every window of the story, and its forward coverage part."""
        if not self._windows:
            return np.zeros((len(rows), 0)), np.zeros((len(rows), 0))
        lexical, forward = _lexical_parts([self._rows[i] for i in rows], self._windows, self._weights)
        return lexical * self._stating, forward * self._stating

    def _features(self, scores: WindowScores, i: int, row: int) -> dict[str, np.ndarray]:
        own = self._sentences[row].article_id
        b = self._rows[row]
        text = self._sentences[row].text
        traits = SentenceTraits(len(b.stems), len(b.numbers), len(b.names), text[:1].islower() or text == text.lower())
        columns = {a: cols for a, cols in self._columns.items() if a != own}
        return article_features(scores, i, columns, traits)

    def _open_windows(self, lexical: np.ndarray) -> np.ndarray:
        """Which (sentence, window) pairs get a cosine: past the lexical gate, and among the article's
        EMBEDDED_WINDOWS best by lexical score. Embedding is the costly part (~40 sentences/s a core): a
        story of ten long articles would otherwise embed most of its sentences."""
        opened = np.zeros(lexical.shape, dtype=bool)
        for cols in self._columns.values():
            if not len(cols):
                continue
            block = lexical[:, cols]
            keep = min(EMBEDDED_WINDOWS, len(cols))
            top = np.argpartition(-block, keep - 1, axis=1)[:, :keep]
            rows = np.arange(len(lexical))[:, None]
            opened[rows, cols[top]] = True
        return opened & (lexical >= LEXICAL_GATE)

    def _window_scores(self, rows: Sequence[int], lexical: np.ndarray, forward: np.ndarray) -> WindowScores | None:
        """Embedding cosine blended with the lexical score, vetoed by contradictions, with its parts; None
        without a model. Only the open windows (see _open_windows) are embedded: the rest score 0."""
        from ..embed import embed

        opened = self._open_windows(lexical)
        open_columns = np.flatnonzero(opened.any(axis=0))
        needed = sorted(set(rows) | {p for c in open_columns for p in self._window_parts[c]})
        vectors = embed([self._sentences[i].text for i in needed])
        if vectors is None:
            return None
        position = {sentence: k for k, sentence in enumerate(needed)}
        row_vectors = vectors[[position[r] for r in rows]]
        cosine = np.zeros_like(lexical)
        if len(open_columns):
            window_vectors = np.stack([_unit(vectors[[position[p] for p in self._window_parts[c]]].sum(axis=0))
                                       for c in open_columns])
            cosine[:, open_columns] = row_vectors @ window_vectors.T
        cosine[~opened] = 0.0
        row_bags = [self._rows[r] for r in rows]
        event = _event_coverage(row_bags, self._windows, self._weights)
        conflict = _conflicts(row_bags, self._windows)
        blend = EMBED_WEIGHT * cosine + (1 - EMBED_WEIGHT) * lexical + EVENT_WEIGHT * (event - EVENT_PIVOT)
        blend = np.minimum(blend, 1.0)  # a score, like the threshold, stays within [0, 1]
        blend[~opened] = 0.0
        blend = blend * np.where(conflict, CONFLICT_FACTOR, 1.0)
        pair = np.array([len(parts) == 2 for parts in self._window_parts])
        return WindowScores(blend, cosine, lexical, event, conflict, forward, pair)


def _split(best: list[dict[str, tuple[int, float]]], threshold: float, related: float
           ) -> tuple[list[dict[str, tuple[int, float]]], list[dict[str, tuple[int, float]]]]:
    """(the articles at or above `threshold`, those in [related, threshold)) of each row."""
    above = [{a: found for a, found in row.items() if found[1] >= threshold} for row in best]
    weaker = [{a: found for a, found in row.items() if related <= found[1] < threshold} for row in best]
    return above, weaker


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)  # type: ignore[no-any-return]


def _conflicts(rows: Sequence[Bag], cols: Sequence[Bag]) -> np.ndarray:
    """True where the window contradicts the sentence: it gives numbers but not the sentence's, or it
    names people/places but none of the sentence's (a high cosine cannot outvote that)."""
    numbers = (_number_factor(rows, cols) == NUMBER_CONFLICT) | _other_years(rows, cols) | _other_counts(rows, cols)
    shared_names = _product([b.names for b in rows], [b.names for b in cols], lambda x: 1.0)
    row_named = np.array([bool(b.names) for b in rows])
    col_named = np.array([bool(b.names) for b in cols])
    names = row_named[:, None] & col_named[None, :] & (shared_names == 0)
    return numbers | names


def _best_per_article(scores: np.ndarray, columns: Mapping[str, np.ndarray]
                      ) -> list[dict[str, tuple[int, float]]]:
    """For each sentence and each article (`columns`: its windows), the article's best window and its score."""
    out: list[dict[str, tuple[int, float]]] = [{} for _ in range(len(scores))]
    for a, cols in columns.items():
        if not len(cols):
            continue
        block = scores[:, cols]
        top = block.argmax(axis=1)
        for i in range(len(scores)):
            out[i][a] = (int(cols[top[i]]), float(block[i, top[i]]))
    return out


def score_matrix(rows: Sequence[Bag], cols: Sequence[Bag], weights: dict[str, float]) -> np.ndarray:
    """similarity(rows[i], cols[j]) for every pair at once (sparse products instead of set loops)."""
    return _lexical_parts(rows, cols, weights)[0]


def _lexical_parts(
    rows: Sequence[Bag], cols: Sequence[Bag], weights: dict[str, float]
) -> tuple[np.ndarray, np.ndarray]:
    """(score_matrix, the forward coverage it is built on): the learned decision reads both."""
    forward = _directed_matrix(rows, cols, weights)
    backward = _directed_matrix(cols, rows, weights).T
    score = (1 - REVERSE_WEIGHT) * forward + REVERSE_WEIGHT * backward
    score *= _number_factor(rows, cols)
    short = np.array([min(1.0, len(b.stems) / SHORT_CONTENT) ** 0.5 for b in rows])
    score *= short[:, None]
    overlap = _product([b.stems for b in rows], [b.stems for b in cols], lambda x: 1.0)
    score[overlap == 0] = 0.0  # nothing in common: no support, whatever empty parts say
    return score, forward


def _directed_matrix(s_bags: Sequence[Bag], t_bags: Sequence[Bag], weights: dict[str, float]) -> np.ndarray:
    def weight(x: str) -> float:
        return weights.get(x, 1.0)

    def bi_weight(b: tuple[str, str]) -> float:
        return weights.get(b[0], 1.0) + weights.get(b[1], 1.0)

    uni = _coverage_matrix([b.stems for b in s_bags], [b.stems for b in t_bags], weight)
    bi = _coverage_matrix([b.bigrams for b in s_bags], [b.bigrams for b in t_bags], bi_weight)
    names = _coverage_matrix([b.names for b in s_bags], [b.names for b in t_bags], weight)
    no_names = np.array([not b.names for b in s_bags])
    names[no_names] = uni[no_names]
    return UNIGRAM_WEIGHT * uni + BIGRAM_WEIGHT * bi + NAME_WEIGHT * names


def _coverage_matrix(parts: Sequence[frozenset], wholes: Sequence[frozenset], weight) -> np.ndarray:  # type: ignore[no-untyped-def,type-arg]
    """coverage(parts[i], wholes[j], weights) for all pairs; 1.0 where the part is empty."""
    shared = _product(parts, wholes, weight)
    total = np.array([sum(weight(x) for x in p) for p in parts])
    out = np.ones_like(shared)
    has = total > 0
    out[has] = shared[has] / total[has, None]
    return out


def _product(parts: Sequence[frozenset], wholes: Sequence[frozenset], weight) -> np.ndarray:  # type: ignore[no-untyped-def,type-arg]
    """Weighted size of parts[i] & wholes[j] for all pairs, as one sparse matrix product."""
    vocab: dict[object, int] = {}
    for group in (parts, wholes):
        for items in group:
            for x in items:
                vocab.setdefault(x, len(vocab))
    if not vocab:
        return np.zeros((len(parts), len(wholes)))
    left = _incidence(parts, vocab, weight)
    right = _incidence(wholes, vocab, lambda x: 1.0)
    return np.asarray((left @ right.T).todense(), dtype=float)


def _incidence(groups: Sequence[frozenset], vocab: dict[object, int], weight) -> sparse.csr_matrix:  # type: ignore[no-untyped-def,type-arg]
    data, indices, indptr = [], [], [0]
    for items in groups:
        for x in items:
            indices.append(vocab[x])
            data.append(weight(x))
        indptr.append(len(indices))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(groups), len(vocab)))


def _number_factor(rows: Sequence[Bag], cols: Sequence[Bag]) -> np.ndarray:
    """1 where the row's numbers all appear in the column, NUMBER_PARTIAL where some do; where none do,
    NUMBER_CONFLICT if the column gives numbers of its own, else NUMBER_MISSING."""
    counts = np.array([len(b.numbers) for b in rows], dtype=float)
    shared = _product([b.numbers for b in rows], [b.numbers for b in cols], lambda x: 1.0)
    rounded = np.maximum(_product([b.rounded for b in rows], [b.numbers for b in cols], lambda x: 1.0),
                         _product([b.numbers for b in rows], [b.rounded for b in cols], lambda x: 1.0))
    col_has = np.array([bool(b.numbers) for b in cols])
    factor = np.where(col_has[None, :], NUMBER_CONFLICT, NUMBER_MISSING)
    factor = np.where(rounded > 0, NUMBER_PARTIAL, factor)  # "about 25,000" rounds "24,813": partial
    complete = shared >= counts[:, None]
    return np.where(complete, 1.0, factor)


def _event_coverage(rows: Sequence[Bag], cols: Sequence[Bag], weights: dict[str, float]) -> np.ndarray:
    """Share of each row's content stems that are not names (the claim's action and objects) in each column."""
    return _coverage_matrix([b.stems - b.names for b in rows], [b.stems for b in cols], lambda x: weights.get(x, 1.0))


def _other_counts(rows: Sequence[Bag], cols: Sequence[Bag]) -> np.ndarray:
    """True where the window counts something the sentence counts, and gets another number."""
    out = np.zeros((len(rows), len(cols)), dtype=bool)
    counted = [{t for t, _ in b.quantities} for b in rows]
    for j, col in enumerate(cols):
        if not col.quantities:
            continue
        col_things = {t for t, _ in col.quantities}
        for i, row in enumerate(rows):
            if counted[i] & col_things:
                out[i, j] = counts_disagree(row.quantities, col.quantities)
    return out


def _other_years(rows: Sequence[Bag], cols: Sequence[Bag]) -> np.ndarray:
    """True where both give years and share none: another year's event (a recurring flood, a later vote)."""
    row_years = [frozenset(n for n in b.numbers if YEAR_PATTERN.match(n)) for b in rows]
    col_years = [frozenset(n for n in b.numbers if YEAR_PATTERN.match(n)) for b in cols]
    shared = _product(row_years, col_years, lambda x: 1.0)
    both = np.array([bool(y) for y in row_years])[:, None] & np.array([bool(y) for y in col_years])[None, :]
    return both & (shared == 0)  # type: ignore[no-any-return]


def _weights(bags: dict[str, list[Bag]]) -> dict[str, float]:
    """idf ** IDF_POWER over the story's sentences: shared topic words weigh little, specifics a lot."""
    base = idf(b.stems for article_bags in bags.values() for b in article_bags)
    return {w: v ** IDF_POWER for w, v in base.items()}


def states_a_claim(text: str) -> bool:
    """Whether a sentence can be the passage a citation rests on: not a heading ("The unemployment rate",
    "Metropolitan police legal action": a short line with no full stop), a photo caption, a timestamp or
    site furniture. Windows made only of such lines score nothing: never cited, never shown as evidence."""
    text = strip_dateline(text.strip())
    words = word_count(text)
    if words < MIN_CLAIM_WORDS or (words < HEADING_WORDS and unfinished(text)):
        return False
    return not (is_caption(text) or TIMESTAMP.search(text) or JUNK.search(text))


def _windows(bags: Sequence[Bag]) -> list[Bag]:
    """Each sentence alone, and each pair of adjacent sentences read together."""
    return list(bags) + [merged(a, b) for a, b in zip(bags, bags[1:])]
