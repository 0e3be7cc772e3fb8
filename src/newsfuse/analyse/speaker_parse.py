"""The speaker of a quote read from spaCy's dependency parse: the subject of the clause the quote hangs from.

The rules of analyse/quotes.py read attribution from the words around a quote ("“…,” X said"); a quote
inside a running clause ("Trump called it “a hell of a lot worse”", "Sanders hopes to “win many hundreds
of delegates”", "Trump said Duterte's comments showed “a lack of respect”") has no such frame. Here the
quote's tokens are followed up the tree from where the quote attaches outside itself: the first ancestor
that is a cue verb (CUE_LEMMAS: say, call, describe, vow ...) with a subject gives the speaker, or a cue
verb set in the clause as an aside ("The move, Carr explained, was …"); failing that, the subject of the
main clause above the quote when it names someone ("Sanders hopes to “win …”"; "The inquest heard how
PC Palmer had “a spray and a baton”" names no one: the inquest is no name). The subject is the name, pronoun or role
noun at the subject's head word ("House Speaker Paul Ryan" -> Ryan, "Mike Pence of Indiana" -> Pence);
else the first of its words that is no possessor ("Duterte's comments" names no one).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

CUE_LEMMAS = frozenset(
    """say tell add explain state write ask tweet post insist note warn argue continue claim declare reply announce
    comment recall admit acknowledge confirm concede suggest urge stress remark observe respond testify conclude
    rule caution predict vow promise pledge joke quip shout exclaim complain lament counter retort emphasise
    emphasize maintain plead beg recount describe reiterate report contend assert accuse call label dub brand
    praise criticize criticise blast slam deride characterize characterise denounce hail tout mock decry dismiss
    attack charge question promise boast thank apologize apologise blame chant yell scream read quote cite
    proclaim insist lash deny muse react snap bark wonder""".split()
)
SUBJECT_DEPS = frozenset({"nsubj"})
SHARED_SUBJECT = frozenset({"conj", "xcomp"})  # 'X vowed to …', 'X spoke and called it …'
MAX_ANCESTORS = 8  # a quote further down the tree than this hangs from no one clause


def sentence_docs_at(docs: Sequence[Any], starts: Sequence[int], pos: int) -> tuple[Any, int] | None:
    """(sentence Doc, its offset in Article.text) for the sentence holding pos."""
    if not docs or not starts:
        return None
    i = max(bisect.bisect_right(starts, pos) - 1, 0)
    if i >= len(docs):
        return None
    doc = docs[i]
    return doc, starts[i] - (len(doc.text) - len(doc.text.lstrip()))


def parse_candidate(names: Any, text: str, span: Any, spans: Sequence[Any], docs: Sequence[Any],
                    cue_only: bool = False) -> Any:
    """The quotes.Candidate for the subject the quote hangs from, or None (see the module docstring);
    `cue_only`: only the subject of a cue verb."""
    located = sentence_docs_at(docs, names.sentence_starts, span.parts[0][0])
    if located is None:
        return None
    doc, offset = located
    a, b = span.start - offset, span.end - offset
    inside = [t for t in doc if a <= t.idx < b]
    roots = [t for t in inside if not a <= t.head.idx < b and not t.is_punct]
    if not roots:
        return None
    root = max(roots, key=lambda t: sum(1 for _ in t.subtree))  # where the quote's main clause attaches
    chain = [t for t in _ancestors(root.head) if t.pos_ in ("VERB", "AUX")]
    asides = [c for verb in chain for c in verb.children if c.dep_ == "parataxis"]  # 'The move, Carr explained, was'
    for verb in chain + asides:
        if verb.lemma_.lower() in CUE_LEMMAS:
            found = _subject_candidate(names, text, spans, verb, offset, strict=True)
            if found is not None:
                return found
    if cue_only:
        return None
    main = [verb for verb in chain if _subjects(verb)]
    return _subject_candidate(names, text, spans, main[-1], offset, strict=False) if main else None


def _subject_candidate(names: Any, text: str, spans: Sequence[Any], verb: Any, offset: int, strict: bool) -> Any:
    """The candidate at the head of the verb's subject; not `strict`: else its first non-possessor name."""
    from .speaker_cues import _candidates, _subject

    for subject in _subjects(verb):
        lo = subject.left_edge.idx + offset
        hi = subject.right_edge.idx + len(subject.right_edge.text) + offset
        cands = _candidates(names, text, lo, hi, spans)
        head = subject.idx + offset
        covering = [c for c in cands if c.start <= head < c.start + len(c.text)]
        found = covering[0] if covering else None if strict else _subject(cands, text)
        if found is not None:
            return found
    return None


def _ancestors(token: Any) -> list[Any]:
    chain = [token]
    while chain[-1].head is not chain[-1] and len(chain) < MAX_ANCESTORS:
        chain.append(chain[-1].head)
    return chain


def _subjects(verb: Any) -> list[Any]:
    """The verb's subjects; a verb sharing its subject ('X used to …, but now said', 'X said …, adding')
    takes the subject of the verb it hangs from."""
    for _ in range(MAX_ANCESTORS):
        own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if own or not (verb.dep_ in SHARED_SUBJECT or (verb.dep_ == "advcl" and verb.tag_ == "VBG")):
            return own
        verb = verb.head
    return []
