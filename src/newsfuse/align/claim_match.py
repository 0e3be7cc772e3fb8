"""Two claims that state the same fact by their structure: the same figures, dates and names.

The citation decision (align.support) compares whole sentences; two outlets often tell one claim in
different words ("Florida on Sunday reported more than 15,000 new cases" / "the last of which reported a
shattering 15,300 new cases on Sunday") and it rates them as related coverage only. Where the two claims
also give the same checkable specifics, and none that differ, they state one fact: the facts count such
an article as a source (align.shown_facts). The specifics are what a fact-checker compares: a figure of
the same thing (a count agreeing within its rounding or bound), a date, a named person or organisation.
"""

from __future__ import annotations

from .conflicts import dates_relation, figures_relation
from .facts import ClaimRef

MIN_SHARED_SPECIFICS = 2  # specifics two claims must share to count as one fact by structure ...
FIGURE_WEIGHT = 2  # ... where a figure of the same thing counts as two (a count is rarely shared by chance)
PARAPHRASE_SIMILARITY = 0.5  # or one shared specific where the claims' weighted content agrees this much


def shared_specifics(a: ClaimRef, b: ClaimRef) -> int | None:
    """How many specifics the two claims agree on (figures count FIGURE_WEIGHT); None when one differs: a
    figure of the same unit beyond its rounding or bound, or a date with a different calendar field."""
    shared = 0
    figures_b = {n.unit: n for n in b.typed.numbers if n.unit}
    for n in a.typed.numbers:
        other = figures_b.get(n.unit) if n.unit else None
        if other is None:
            continue
        if n.value != other.value and figures_relation(n.value, n.hedge, other.value, other.hedge)[1]:
            return None
        shared += FIGURE_WEIGHT
    dates_b = [d.iso for d in b.typed.dates]
    for d in a.typed.dates:
        relations = {dates_relation(d.iso, x) for x in dates_b}
        if relations and "conflict" in relations and not relations - {"conflict"}:
            return None
        shared += bool(relations - {"conflict"})
    names_b = b.keys
    shared += sum(1 for key in {e.key for e in a.typed.entities} if key and set(key.split()) <= names_b)
    return shared


def same_structure(a: ClaimRef, b: ClaimRef, similarity: float = 0.0) -> bool:
    """At least MIN_SHARED_SPECIFICS shared specifics and none that differ; or, for a paraphrase (the claims'
    weighted key similarity, align.facts.Weigher, at least PARAPHRASE_SIMILARITY), one."""
    shared = shared_specifics(a, b)
    if shared is None:
        return False
    return shared >= MIN_SHARED_SPECIFICS or (shared >= 1 and similarity >= PARAPHRASE_SIMILARITY)
