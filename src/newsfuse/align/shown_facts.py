"""The facts a brief shows: one Fact per source sentence that states a claim two or more outlets tell, its
other articles confirmed by the citation decision (align.support) or by the same claim structure, the rest
shown as related coverage. Split from align/facts.py (which clusters the claims)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..models import Citation, Evidence, Fact, SupportIndex
from ..text.rules import unfinished
from .claim_match import same_structure
from .fact_text import is_question
from .facts import ClaimRef, FactCluster, Weigher, representative

MAX_FACTS = 30  # facts shown per story, best supported first
NEAR_DUPLICATE = 0.7  # two shown facts whose smaller key set lies this much inside the other are one fact


def shown_facts(multi: Sequence[FactCluster], weigher: Weigher, sentences: Mapping[tuple[str, int], str],
                support: SupportIndex | None = None, outlet_of: Mapping[str, str] | None = None,
                by_structure: bool = True) -> tuple[tuple[Fact, ...], set[tuple[str, int]], set[tuple[str, int]]]:
    """One Fact per source sentence that reads as one; clusters shown from the same sentence become one fact
    (two clauses of one sentence that matched different outlets), and so do two facts that say the same thing
    in near the same words (one fact split in two clusters). Also returns the sentences used and the sentences
    the facts' evidence quotes. `sentences` ((article, index) -> text) gives each other source's evidence as
    its whole sentence, word for word. With `support`, sources are confirmed by it (see align_facts), and
    `by_structure` lets related coverage with the same specifics confirm too (Settings.fact_structure_match)."""
    by_sentence: dict[tuple[str, int], list[tuple[ClaimRef, FactCluster]]] = {}
    for cluster in multi:
        rep = representative(cluster, weigher)
        if rep.text is not None:
            by_sentence.setdefault((rep.article, rep.claim.sentence), []).append((rep, cluster))
    said: dict[tuple[str, int], set[str]] = {}  # everything each sentence says, over all its clauses
    for cluster in multi:
        for m in cluster.members:
            said.setdefault((m.article, m.claim.sentence), set()).update(m.keys)
    groups: list[ShownFact] = []
    for (article, sentence), members in by_sentence.items():
        fact = ShownFact(max((r.shown for r, _ in members), key=len), [article],
                         {m.outlet for _, c in members for m in c.members},
                         frozenset(said.get((article, sentence), set())), key=(article, sentence))
        fact.sources += [a for _, c in members for a in c.articles]
        fact.passages = passages(members, weigher, sentences)
        groups.append(fact)
    groups.sort(key=lambda g: -len(g.outlets))  # stable: first told first among equals
    kept: list[ShownFact] = []
    for group in groups:
        twin = next((k for k in kept if _near_duplicate(k.keys, group.keys, weigher)), None)
        if twin is None:
            kept.append(group)
        else:
            twin.sources += group.sources
            twin.outlets |= group.outlets
            twin.passages = {**group.passages, **twin.passages}
    if support is not None and outlet_of is not None:
        _confirm(kept, support, outlet_of, by_structure)
        kept = [g for g in kept if len(g.outlets) >= 2]
    pairs = [(g, g.fact()) for g in kept]
    pairs.sort(key=lambda p: (-p[1].outlets, -len(p[1].sources)))
    pairs = pairs[:MAX_FACTS]
    quoted = {g.passages[a].at for g, f in pairs for a in f.sources[1:] if a in g.passages}
    return tuple(f for _, f in pairs), set(by_sentence), quoted


def _confirm(facts: Sequence[ShownFact], support: SupportIndex, outlet_of: Mapping[str, str],
             by_structure: bool = True) -> None:
    """Each fact's other articles confirmed by the citation decision, in either direction: it cites the
    article for the fact's sentence, or it cites the fact's article for that article's passage (one batch);
    or it rates them related coverage in either direction and the two claims give the same specifics
    (align.claim_match: the same figures, dates and names, none differing). A passage that is no finished
    statement (a fragment, a question) confirms nothing by itself: where the decision cites its article,
    the decision's own passage is shown as the evidence instead."""
    def key(at: tuple[str, int]) -> str:
        return f"{at[0]}:{at[1]}"

    asked = [key(f.key) for f in facts] + [key(p.at) for f in facts for p in f.passages.values()]
    citations = support.cite(list(dict.fromkeys(asked)))

    def cited(at: tuple[str, int], article: str) -> bool:
        citation = citations.get(key(at))
        return citation is not None and article in citation.sources[1:]

    def related(at: tuple[str, int], article: str) -> bool:
        citation = citations.get(key(at))
        return citation is not None and any(e.article == article for e in citation.related)

    for fact in facts:
        confirmed = []
        for a in fact.sources[1:]:
            passage = fact.passages.get(a)
            statement = passage is not None and is_statement(passage.evidence.text)
            if cited(fact.key, a):
                confirmed.append(a)
                if passage is not None and not statement:
                    fact.passages[a] = passage.shown_as(_cited_evidence(citations.get(key(fact.key)), a))
            elif passage is not None and statement and (cited(passage.at, fact.key[0]) or (
                    by_structure and (related(fact.key, a) or related(passage.at, fact.key[0]))
                    and same_structure(passage.anchor, passage.ref, passage.evidence.confidence))):
                confirmed.append(a)
        fact.confirm(confirmed, outlet_of)


def is_statement(text: str) -> bool:
    """A finished sentence that is not the outlet's own question (fact_text.is_question: a quoted question is
    someone's words, reported): what a fact's evidence must be to be checked by."""
    return not unfinished(text) and not is_question(text)


def _cited_evidence(citation: Citation | None, article: str) -> Evidence | None:
    return next((e for e in citation.evidence if e.article == article), None) if citation is not None else None


@dataclass(frozen=True)
class Passage:
    """Where another article tells a fact: its evidence, the sentence's key, and the two claims matched."""

    evidence: Evidence
    at: tuple[str, int]  # (article, sentence index)
    anchor: ClaimRef  # the fact's claim
    ref: ClaimRef  # the other article's claim

    def shown_as(self, evidence: Evidence | None) -> Passage:
        """The same passage shown with the citation decision's own evidence text (when it has one)."""
        if evidence is None:
            return self
        return Passage(Evidence(self.evidence.article, evidence.text, self.evidence.confidence),
                       self.at, self.anchor, self.ref)


def passages(members: Sequence[tuple[ClaimRef, FactCluster]], weigher: Weigher,
             sentences: Mapping[tuple[str, int], str]) -> dict[str, Passage]:
    """Where each other article of a fact's clusters tells it: the sentence of its claim most like the one the
    fact is shown from, with that similarity (the evidence a reader checks the fact by), and its key."""
    out: dict[str, Passage] = {}
    for rep, cluster in members:
        for ref in cluster.members:
            if ref.article == rep.article:
                continue
            similarity = round(min(1.0, weigher.similarity(ref.keys, rep.keys)), 3)
            if ref.article not in out or similarity > out[ref.article].evidence.confidence:
                text = sentences.get((ref.article, ref.claim.sentence), ref.shown)
                out[ref.article] = Passage(Evidence(ref.article, text, similarity),
                                           (ref.article, ref.claim.sentence), rep, ref)
    return out


@dataclass
class ShownFact:
    text: str
    sources: list[str]
    outlets: set[str]
    keys: frozenset[str]
    key: tuple[str, int] = ("", 0)  # (article, sentence index) the fact is shown from
    passages: dict[str, Passage] = field(default_factory=dict)
    related: list[str] = field(default_factory=list)  # articles the confirming decision did not cite

    def confirm(self, cited: Sequence[str], outlet_of: Mapping[str, str]) -> None:
        """Keep as sources the fact's own article and those of the others that `cited` holds too; the rest
        become related coverage. Outlets are counted again over the sources kept."""
        sources = list(dict.fromkeys(self.sources))
        self.sources = [a for i, a in enumerate(sources) if i == 0 or a in cited]
        self.related = [a for a in sources if a not in self.sources]
        self.outlets = {outlet_of.get(a, f"article:{a}") for a in self.sources}

    def fact(self) -> Fact:
        sources = tuple(dict.fromkeys(self.sources))
        evidence = tuple(self.passages[a].evidence for a in sources[1:] if a in self.passages)
        related = tuple(self.passages[a].evidence for a in self.related if a in self.passages)
        return Fact(self.text, sources, len(self.outlets), evidence, related)


def _near_duplicate(a: frozenset[str], b: frozenset[str], weigher: Weigher) -> bool:
    smaller = min(weigher.mass(a), weigher.mass(b))
    return smaller > 0 and weigher.mass(a & b) / smaller >= NEAR_DUPLICATE
