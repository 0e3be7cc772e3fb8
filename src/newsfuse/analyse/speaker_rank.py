"""A learned speaker ranker for the quotes the rules leave without a speaker: a logistic model scores the
people and organisations named around the quote and gives the quote the best of them when it is likely
enough (MIN_PROBABILITY, stored with the weights); otherwise the quote stays unattributed.

The rules (analyse/quotes.py) decide from one cue at a time: the parse's cue subject, a frame such as
"“…,” X said", the passage's current speaker. Where they disagree or fail, the words around the quote
still hold the evidence a reader uses: who is the subject of a speech verb nearby, who spoke last, who the
article is about. `rank_speaker` lists the candidates (every name within CONTEXT_SENTENCES sentences
before the quote and one after, outside quotes, one candidate per resolved name, plus the previous quote's
speaker) and describes each with `features` (which rule
chose it, dependency relation and head of its nearest mention, distance in sentences and characters,
paragraph, speech verb before or after, possessor, object of a preposition, entity label, salience).
The weights (data/speaker_ranker.json) were fitted by `python -m newsfuse.bench.quotes_train` on PolNeAR
train, checked leave-one-outlet-out; inference is a dot product in plain Python. The rules' own answers
are not re-ranked: fitted on every quote, the model never overrode one (leave-one-outlet-out on train).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .entities import ROLE_WORDS, ArticleNames, Named, Span
from .quote_spans import QuoteSpan
from .speaker_cues import _PREPOSITIONS, _SPEECH, _inside
from .speaker_parse import CUE_LEMMAS, sentence_docs_at

CONTEXT_SENTENCES = 3  # sentences before the quote's own whose names are candidates (one after, too)
WEIGHTS_FILE = "speaker_ranker.json"
_SPEECH_AFTER = re.compile(r"(?:,[^,]{0,60},|,)?\s*" + _SPEECH.pattern, re.IGNORECASE)
_SPEECH_BEFORE = re.compile(_SPEECH.pattern + r"\s*(?:[\w.-]+\s+){0,3}$", re.IGNORECASE)
_ADJACENT_AFTER = re.compile(r"[\s,—–-]{0,4}")  # '“…,” Trump barked': the name right after the quote
_ADJACENT_BEFORE = re.compile(r"[^.!?\n“”\"]{0,40}[:,]\s*")  # 'Trump went further: “…”', 'Hillary shot back, “…”'
# PolNeAR credits a nested report to its outer source: '…, according to a White House pool report', 'reports USA Today'
_ACCORDING = re.compile(r"\baccording to\b[^.!?\n“”\"]{0,40}$", re.IGNORECASE)
_REPORTS_AFTER = re.compile(r"\s+(?:has\s+)?report(?:s|ed)\b")
_REPORTS_BEFORE = re.compile(r"\breport(?:s|ed)\s+(?:the\s+)?$")
DEPS = ("nsubj", "nsubjpass", "poss", "pobj", "compound", "dobj", "appos", "conj")
LABELS = ("GPE", "LOC", "NORP", "FAC", "ORG", "PERSON")


@dataclass
class Candidate:
    name: str
    role: str | None
    features: dict[str, float] = field(default_factory=dict)


def candidates(names: ArticleNames, text: str, spans: Sequence[QuoteSpan], k: int, docs: Sequence[Any] | None,
               labels: dict[int, str], previous: str | None) -> list[Candidate]:
    """Every candidate speaker of quote k with its features (see the module docstring); none for a
    `running_phrase`."""
    span = spans[k]
    if running_phrase(text, span):
        return []
    starts = names.sentence_starts
    q_sentence = _sentence_of(starts, span.parts[0][0])
    q_end_sentence = _sentence_of(starts, max(span.parts[-1][1] - 1, span.parts[0][0]))
    q_paragraph = text.count("\n\n", 0, span.start)
    counts: dict[str, int] = {}
    for sp in names.spans:
        named = names.named(sp)
        key = named.name if named else sp.text
        counts[key] = counts.get(key, 0) + 1
    total = sum(counts.values()) or 1
    found: dict[str, Candidate] = {}
    best_distance: dict[str, float] = {}
    lo, hi = q_sentence - CONTEXT_SENTENCES, q_end_sentence + 1
    near = [(sp, names.named(sp), 0.0) for sp in names.spans if lo <= sp.sentence <= hi]
    near += [(sp, person, 1.0) for sp, person in surname_mentions(names, text, lo, hi)]
    any_flags: dict[str, dict[str, float]] = {}
    for sp, named, untagged in near:
        if _inside(sp.start, spans) or dateline_credit(text, sp):
            continue
        key = named.name if named else sp.text
        distance = (span.start - sp.end) if sp.end <= span.start else (sp.start - span.end)
        features = _mention_features(names, text, span, sp, docs, labels, q_sentence, q_end_sentence, q_paragraph)
        features["untagged"] = untagged
        cand = found.setdefault(key, Candidate(key, _role(named), {}))
        flags = any_flags.setdefault(key, {"mentions_near": 0.0})
        flags["mentions_near"] += 1.0
        for name in ("subject_of_cue", "speech_after", "speech_before"):  # any mention counts
            if features.get(name):
                flags[name + "_any"] = 1.0
        if key not in best_distance or abs(distance) < best_distance[key]:
            best_distance[key] = abs(distance)
            cand.features = features
    for key, flags in any_flags.items():
        found[key].features.update(flags)
    if previous and previous not in found:
        person = names.person(previous) or names.organisation(previous)
        found[previous] = Candidate(previous, _role(person), {"far": 1.0})
    for cand in found.values():
        f = cand.features
        f["is_previous"] = float(cand.name == previous)
        f["salience"] = counts.get(cand.name, 0) / total
        f["log_mentions"] = math.log1p(counts.get(cand.name, 0))
        f["bias"] = 1.0
    return list(found.values())


def surname_mentions(names: ArticleNames, text: str, lo: int, hi: int) -> list[tuple[Span, Named]]:
    """A person's family name in sentences lo..hi where the entity tagger saw no name ('“Go back,” Trump
    barked': spaCy tags no PERSON there), as mentions of that person; a name shared by two people is skipped."""
    starts = names.sentence_starts
    if not starts or not names.people:
        return []
    a = starts[max(lo, 0)] if lo < len(starts) else len(text)
    b = starts[hi + 1] if hi + 1 < len(starts) else len(text)
    taken = [(sp.start, sp.end) for sp in names.spans]
    by_last: dict[str, list[Named]] = {}
    for person in names.people:
        if len(person.last) >= 3 and person.last[:1].isupper():
            by_last.setdefault(person.last, []).append(person)
    out = []
    for last, people in by_last.items():
        if len(people) != 1:
            continue
        for m in re.finditer(r"\b" + re.escape(last) + r"\b(['’]s\b)?", text[a:b]):
            start, end = a + m.start(), a + m.start() + len(last)
            if not any(x < end and start < y for x, y in taken):
                out.append((Span("person", last, start, end, _sentence_of(starts, start), bool(m.group(1))),
                            people[0]))
    return out


DATELINE_CHARS = 40  # how far into its paragraph a wire credit can sit: 'BEIJING (AP) _', 'LONDON (Reuters) -'
_DATELINE = re.compile(r"[A-Z][A-Z.,' -]*\(")  # the place in capitals before the credit


def dateline_credit(text: str, sp: Any) -> bool:
    """The agency credited in a dateline ('BEIJING (AP) _ China's military ...') wrote the article and
    speaks none of its quotes."""
    start = text.rfind("\n", 0, sp.start) + 1
    return (sp.start - start <= DATELINE_CHARS and bool(_DATELINE.fullmatch(text, start, sp.start))
            and text[sp.end:sp.end + 1] == ")")


def running_phrase(text: str, span: QuoteSpan) -> bool:
    """A quoted phrase set inside a sentence with no speech verb outside it ('The inquest heard how PC Palmer
    had “a spray and a baton” to protect himself'): more often a phrase the sentence talks about than a quote
    whose speaker the rules missed, so the ranker leaves it alone (as a mere feature it did not)."""
    inner = text[span.parts[0][0]:span.parts[-1][1]].strip()
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    lead = re.split(r"[.!?][\"”’']?\s", text[line_start:span.start])[-1]
    tail = re.split(r"[.!?][\"”’']?\s", text[span.end:len(text) if line_end < 0 else line_end])[0]
    return (inner[:1].islower() and bool(re.search(r"[a-z,]\s*$", lead))
            and not _SPEECH.search(lead) and not _SPEECH.search(tail))


def _role(named: Named | None) -> str | None:
    return named.role if named is not None and named.kind == "person" else None


def _sentence_of(starts: Sequence[int], pos: int) -> int:
    import bisect

    return max(bisect.bisect_right(starts, pos) - 1, 0) if starts else 0


def _mention_features(names: ArticleNames, text: str, span: QuoteSpan, sp: Any, docs: Sequence[Any] | None,
                      labels: dict[int, str], q_sentence: int, q_end_sentence: int, q_paragraph: int,
                      ) -> dict[str, float]:
    """Features of one mention of a candidate relative to the quote."""
    f: dict[str, float] = {}
    before = sp.end <= span.start
    if sp.sentence < q_sentence:
        f[f"sent_before_{min(q_sentence - sp.sentence, 3)}"] = 1.0
    elif sp.sentence > q_end_sentence:
        f["sent_after"] = 1.0
    else:
        f["same_sentence_before" if before else "same_sentence_after"] = 1.0
    distance = (span.start - sp.end) if before else (sp.start - span.end)
    f["log_chars"] = math.log1p(max(distance, 0)) / 5.0
    paragraph = text.count("\n\n", 0, sp.start)
    f["same_paragraph"] = float(paragraph == q_paragraph)
    f["earlier_paragraph"] = float(paragraph < q_paragraph)
    f["person"] = float(sp.kind == "person")
    f["possessive"] = float(sp.possessive)
    f["speech_after"] = float(bool(_SPEECH_AFTER.match(text, sp.end)))
    f["speech_before"] = float(bool(_SPEECH_BEFORE.search(text, max(0, sp.start - 60), sp.start)))
    words = re.findall(r"[A-Za-z]+", text[max(0, sp.start - 20):sp.start])
    f["after_preposition"] = float(bool(words) and words[-1].lower() in _PREPOSITIONS)
    f["after_for"] = float(bool(words) and words[-1].lower() == "for")
    follow = re.match(r"[\s-]*([A-Za-z]+)", text[sp.end:sp.end + 30])
    f["adjacent_after"] = float(not before and sp.sentence <= q_end_sentence + 1
                                and bool(_ADJACENT_AFTER.fullmatch(text, span.end, sp.start)))
    f["adjacent_before"] = float(before and bool(_ADJACENT_BEFORE.fullmatch(text, sp.end, span.start)))
    f["according_to"] = float(bool(_ACCORDING.search(text, max(0, sp.start - 50), sp.start)))
    f["reports"] = float(bool(_REPORTS_AFTER.match(text, sp.end))
                         or bool(_REPORTS_BEFORE.search(text, max(0, sp.start - 30), sp.start)))
    f["before_role_word"] = float(follow is not None and follow.group(1).lower() in ROLE_WORDS)
    label = labels.get(sp.start)
    if label in LABELS:
        f["label_" + label] = 1.0
    f.update(_dependency_features(names, sp, docs, span))
    return f


def _dependency_features(names: ArticleNames, sp: Any, docs: Sequence[Any] | None, span: QuoteSpan,
                         ) -> dict[str, float]:
    """The dependency relation of the mention's head word; whether it heads the subject of a cue verb, or of
    any verb whose clause holds the quote ('“Go back to Univision,” Trump barked')."""
    if not docs:
        return {}
    located = sentence_docs_at(docs, names.sentence_starts, sp.start)
    if located is None:
        return {}
    doc, offset = located
    tokens = [t for t in doc if sp.start <= t.idx + offset < sp.end]
    heads = [t for t in tokens if not sp.start <= t.head.idx + offset < sp.end or t.head is t]
    if not heads:
        return {}
    head = heads[-1]
    f = {"dep_" + head.dep_: 1.0} if head.dep_ in DEPS else {"dep_other": 1.0}
    verb = head.head
    if head.dep_ in ("nsubj", "nsubjpass") and verb.lemma_.lower() in CUE_LEMMAS:
        f["subject_of_cue"] = 1.0
    if head.dep_ in ("nsubj", "nsubjpass"):
        inner = span.parts[0][0] - offset
        if any(t.idx == inner or t.idx == inner - 1 for t in verb.subtree):
            f["subject_of_quote_clause"] = 1.0
    if head.dep_ == "pobj" and head.head.head.dep_ == "agent":
        f["agent_of_passive"] = 1.0
    return f


@lru_cache(maxsize=1)
def model() -> tuple[dict[str, float], float]:
    """The fitted weights and the probability a pick needs (no weights when the file is absent: the rules'
    answer stands)."""
    try:
        raw = json.loads(resources.files("newsfuse.data").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, 1.0
    return {str(k): float(v) for k, v in raw["weights"].items()}, float(raw["min_probability"])


def score(cand: Candidate, table: dict[str, float]) -> float:
    return sum(table.get(name, 0.0) * value for name, value in cand.features.items())


def probability(cand: Candidate, table: dict[str, float]) -> float:
    return 1.0 / (1.0 + math.exp(-score(cand, table)))


def rank_speaker(cands: Sequence[Candidate], table: dict[str, float] | None = None,
                 min_probability: float | None = None) -> Candidate | None:
    """The best-scoring candidate when the model gives it at least `min_probability`; else None (the quote
    stays unattributed)."""
    if table is None:
        table, threshold = model()
    else:
        threshold = 0.0
    threshold = threshold if min_probability is None else min_probability
    if not cands or not table:
        return None
    best = max(cands, key=lambda c: score(c, table))
    return best if probability(best, table) >= threshold else None
