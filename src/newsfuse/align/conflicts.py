"""Conflicts and compatible variants between outlets' accounts of the same thing.

Two claims from different outlets are about the same thing when they share their predicate and most of their
other content (names, words; the values themselves left out). Their values are then compared:

- number: same unit, different value -> conflict, unless one is hedged ("about 500") or round and close
  (rounded), or one side says "also"/"other" (a subset: "also murdered four" next to "five killed");
- date: incompatible calendar fields -> conflict; one more specific than the other -> variant;
- age: the same person given two ages anywhere in the story -> conflict;
- agent: who did it. Same head noun with more words on one side ("a police officer" / "a close protection
  officer") -> variant; two different named people, or two agents from different known groups (police /
  military / attacker ...) -> conflict; anything else is left alone: precision first.
- name: the same person with and without a title ("Mark Lucraft" / "Mark Lucraft QC") -> variant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..analyse.claims import HEDGES as HEDGE_WORDS
from ..analyse.claims import NUMBER_WORDS
from ..models import Discrepancy, Side
from .facts import ClaimRef, Weigher

FRAME_THRESHOLD = 0.5  # share of the smaller claim's non-value content found in the other claim
ROUND_TOLERANCE = 0.1  # a round or hedged number within 10% of the other is the same figure
HEDGED_TOLERANCE = 0.25
ADDITIVE = frozenset({"also", "other", "another", "additional", "further", "including", "among"})
PREDICATE_GROUPS = (
    frozenset({"kill", "murder", "slay"}),
    frozenset({"die", "perish"}),
    frozenset({"injure", "wound", "hurt"}),
    frozenset({"arrest", "detain"}),
    frozenset({"stab", "knife"}),
)
AGENT_GROUPS = {
    "police": "police officer policeman policewoman constable cop detective sergeant inspector pc "
              "marksman firearms".split(),
    "military": "soldier troops army marine serviceman paratrooper sniper military".split(),
    "attacker": "attacker assailant gunman terrorist shooter knifeman suspect perpetrator".split(),
    "civilian": "passer-by bystander tourist pedestrian civilian member".split(),
}
AGENT_GROUP_OF = {word: group for group, words in AGENT_GROUPS.items() for word in words}


@dataclass(frozen=True)
class Finding:
    """One compared pair: what differs, how, and the two claims."""

    kind: str
    subject: str
    conflict: bool
    note: str
    a: ClaimRef
    a_value: str
    b: ClaimRef
    b_value: str


def find_discrepancies(refs: Sequence[ClaimRef]) -> tuple[tuple[Discrepancy, ...], tuple[Discrepancy, ...]]:
    """(conflicts, variants) among the claims of one story."""
    weigher = Weigher(refs)
    findings: list[Finding] = []
    for i, j in predicate_pairs(refs):
        a, b = refs[i], refs[j]
        if a.outlet != b.outlet and same_frame(a, b, weigher):
            findings += compare(a, b)
    findings += age_findings(refs)
    return group_findings(findings)


def predicate_pairs(refs: Sequence[ClaimRef]) -> list[tuple[int, int]]:
    """The pairs (i < j, in loop order) that same_frame can accept: same head lemma, one predicate group,
    or two tallies. Bucketing by those keys skips the ~95% of a story's claim pairs that never share a
    predicate (a DUC story of ten articles has ~40,000 pairs)."""
    buckets: dict[tuple[str, object], list[int]] = {}
    for index, ref in enumerate(refs):
        lemma = head_lemma(ref)
        keys: list[tuple[str, object]] = [("lemma", lemma)]
        keys += [("group", g) for g, group in enumerate(PREDICATE_GROUPS) if lemma in group]
        if _has_tally(ref):
            keys.append(("tally", None))
        for key in keys:
            buckets.setdefault(key, []).append(index)
    pairs = {(i, j) for members in buckets.values() for k, i in enumerate(members) for j in members[k + 1:]}
    return sorted(pairs)


def frame_keys(ref: ClaimRef) -> frozenset[str]:
    return frozenset(k for k in ref.keys if k[:1] not in "#@")


def head_lemma(ref: ClaimRef) -> str:
    words = [w for w in ref.claim.predicate.split() if w != "not"]
    return words[0] if words else ""


def same_predicate(a: ClaimRef, b: ClaimRef) -> bool:
    pa, pb = head_lemma(a), head_lemma(b)
    if ("not" in a.claim.predicate.split()) != ("not" in b.claim.predicate.split()):
        return False
    return pa == pb or any(pa in g and pb in g for g in PREDICATE_GROUPS)


def same_frame(a: ClaimRef, b: ClaimRef, weigher: Weigher) -> bool:
    """Same predicate (any predicate for two tallies such as '52-48') and, values aside, the shorter claim's
    content mostly found in the longer one."""
    if not same_predicate(a, b) and not (_has_tally(a) and _has_tally(b)):
        return False
    ea, eb = _setting(a), _setting(b)
    if ea and eb and not ea & eb:
        return False  # "5,000 displaced in Namibia" and "two million displaced in Mozambique": two places
    fa, fb = frame_keys(a), frame_keys(b)
    smaller = min(weigher.mass(fa), weigher.mass(fb))
    return smaller > 0 and weigher.mass(fa & fb) / smaller >= FRAME_THRESHOLD


def _setting(ref: ClaimRef) -> frozenset[str]:
    """Names in the claim other than its agent's: the people, places and bodies it is about."""
    agent_of = _agent(ref)
    agent = set(agent_of[0].split()) if agent_of else set()
    words = {w for e in ref.typed.entities for w in e.key.split()}
    return frozenset(words - agent)


def _has_tally(ref: ClaimRef) -> bool:
    return any(n.unit == "tally" for n in ref.typed.numbers)


def compare(a: ClaimRef, b: ClaimRef) -> list[Finding]:
    values = number_findings(a, b) + date_findings(a, b) if _agents_agree(a, b) else []
    return values + agent_findings(a, b) + name_findings(a, b)


def _agents_agree(a: ClaimRef, b: ClaimRef) -> bool:
    """Figures and dates are compared only for one doer: 'storms killed more than 100' and '12 were killed by
    the explosives' count different deaths. An unnamed side, one head noun or one known group agree."""
    ga, gb = _agent(a), _agent(b)
    if ga is None or gb is None or ga[0] == gb[0]:
        return True
    group_a, group_b = _agent_group(ga[1]), _agent_group(gb[1])
    return bool(group_a) and group_a == group_b


# ------------------------------------------------------------------ numbers
def _numbers(ref: ClaimRef) -> dict[str, tuple[str, str, str]]:
    """unit -> (value, hedge mark, surface); a claim's first figure per unit."""
    out = {}
    for n in ref.typed.numbers:
        if n.unit and n.unit not in out:
            out[n.unit] = (n.value, n.hedge, n.surface)
    return out


def is_round(value: float) -> bool:
    """500, 2,000, 1.5 million: figures people round to."""
    if value >= 1_000_000:
        return (value / 100_000) == int(value / 100_000)
    return value >= 10 and value % (10 if value < 100 else 50) == 0


def number_findings(a: ClaimRef, b: ClaimRef) -> list[Finding]:
    out = []
    na, nb = _numbers(a), _numbers(b)
    for unit in na.keys() & nb.keys():
        (va, ha, sa), (vb, hb, sb) = na[unit], nb[unit]
        if va == vb:
            continue
        note, conflict = figures_relation(va, ha, vb, hb)
        if conflict and (_additive(a) or _additive(b)):
            note, conflict = "one account counts a subset", False
        out.append(Finding("number", _subject(a, sa), conflict, note, a, sa, b, sb))
    return out


def figures_relation(va: str, ha: str, vb: str, hb: str) -> tuple[str, bool]:
    """(note, is_conflict) for two figures with their hedges ('>', '<', '~' or '')."""
    if "-" in va or "-" in vb:  # tallies ("52-48") are exact
        return "different tallies", True
    x, y = float(va), float(vb)
    for value, hedge, other in ((x, ha, y), (y, hb, x)):
        if hedge == ">" and other < value:
            return "below the stated minimum", True
        if hedge == "<" and other > value:
            return "above the stated maximum", True
        if hedge in (">", "<"):
            return "a bound and a figure within it", False
    diff = abs(x - y) / max(abs(x), abs(y))
    if (ha or hb) and diff <= HEDGED_TOLERANCE:
        return "approximate figure", False
    if (is_round(x) or is_round(y)) and diff <= ROUND_TOLERANCE:
        return "rounded figure", False
    return "different figures", True


def _additive(ref: ClaimRef) -> bool:
    return bool(set(re.findall(r"[a-z]+", ref.claim.text.lower())) & ADDITIVE)


# ------------------------------------------------------------------ dates
def _dates(ref: ClaimRef) -> list[tuple[str, str]]:
    return [(d.iso, d.surface) for d in ref.typed.dates]


def date_fields(iso: str) -> tuple[str | None, str | None, str | None]:
    """'2017-03-22' -> (2017, 03, 22); '--03-22' -> (None, 03, 22); '2018-10' -> (2018, 10, None)."""
    if iso.startswith("--"):
        month, day = iso[2:].split("-")
        return None, month, day
    parts = iso.split("-") + [None, None]  # type: ignore[list-item]
    return parts[0], parts[1], parts[2]


def dates_relation(x: str, y: str) -> str:
    """'same', 'variant' (one more specific) or 'conflict' (a calendar field differs)."""
    fx, fy = date_fields(x), date_fields(y)
    for u, v in zip(fx, fy):
        if u is not None and v is not None and u != v:
            return "conflict"
    return "same" if fx == fy else "variant"


def date_findings(a: ClaimRef, b: ClaimRef) -> list[Finding]:
    da, db = _dates(a), _dates(b)
    if len(da) != 1 or len(db) != 1:
        return []  # several dates in one clause: which pairs with which is a guess
    (xa, sa), (xb, sb) = da[0], db[0]
    relation = dates_relation(xa, xb)
    if relation == "same":
        return []
    conflict = relation == "conflict"
    note = "different dates" if conflict else "one date is more specific"
    return [Finding("date", _subject(a, sa), conflict, note, a, sa, b, sb)]


# ------------------------------------------------------------------ agents
def _agent(ref: ClaimRef) -> tuple[str, str] | None:
    agents = ref.typed.agents
    return (agents[0].key, agents[0].surface) if agents else None


def _patient(ref: ClaimRef) -> str:
    patients = ref.typed.patients
    return patients[0] if patients else ""


def _named(ref: ClaimRef, key: str, phrase: str) -> bool:
    """A named agent: an entity of the claim, or a phrase of capitalised words only ('Khalid Masood')."""
    words = phrase.split()
    return any(key in e.key.split() for e in ref.typed.entities) or (
        bool(words) and all(w[:1].isupper() for w in words) and words[0].lower() not in ("the", "a", "an"))


def agent_findings(a: ClaimRef, b: ClaimRef) -> list[Finding]:
    """Who did it: compared only when both name an agent and agree on whom it was done to."""
    ga, gb = _agent(a), _agent(b)
    if ga is None or gb is None or _patient(a) != _patient(b) or not _patient(a):
        return []
    (ka, pa), (kb, pb) = ga, gb
    if _plain(pa) == _plain(pb):
        return []  # the same agent, counted or hedged differently: the number finding covers it
    named_a, named_b = _named(a, ka, pa), _named(b, kb, pb)
    if ka == kb:
        if named_a and named_b:
            return []  # "Khalid Masood" / "Masood": the same name, shortened
        return [Finding("agent", _subject(a, pa), False, "one account is more specific", a, pa, b, pb)]
    if named_a and named_b:
        return [Finding("agent", _subject(a, pa), True, "different people named", a, pa, b, pb)]
    group_a, group_b = _agent_group(pa), _agent_group(pb)
    if group_a and group_b and group_a != group_b:
        return [Finding("agent", _subject(a, pa), True, f"{group_a} vs {group_b}", a, pa, b, pb)]
    if group_a and group_a == group_b:
        return [Finding("agent", _subject(a, pa), False, "same kind of agent, worded differently", a, pa, b, pb)]
    return []


def _plain(phrase: str) -> str:
    words = re.findall(r"[a-z\-]+", phrase.lower())
    return " ".join(w for w in words if w not in HEDGE_WORDS and w not in NUMBER_WORDS and w not in ("a", "an", "the"))


def _agent_group(phrase: str) -> str:
    """The known group of an agent phrase, from its head word backwards ('police officer' -> police)."""
    for word in reversed(re.findall(r"[a-z\-]+", phrase.lower())):
        if word in AGENT_GROUP_OF:
            return AGENT_GROUP_OF[word]
    return ""


# ------------------------------------------------------------------ names and ages
def name_findings(a: ClaimRef, b: ClaimRef) -> list[Finding]:
    """The same name with and without a title or honorific: a variant, never a conflict."""
    out = []
    surfaces_b = {e.key: e.surface for e in b.typed.entities}
    for entity in a.typed.entities:
        key, surface = entity.key, entity.surface
        other = surfaces_b.get(key)
        if other and other != surface and len(key.split()) >= 2 and _strip_possessive(other) != \
                _strip_possessive(surface):
            out.append(Finding("name", key.title(), False, "title or form of the name differs", a, surface, b, other))
    return out


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s$", "", text).strip().lower()


def age_findings(refs: Sequence[ClaimRef]) -> list[Finding]:
    """One person, two ages, two outlets: a conflict wherever in the story the ages were given."""
    by_person: dict[str, list[tuple[ClaimRef, str, str]]] = {}
    for ref in refs:
        for age in ref.typed.ages:
            if age.person:
                by_person.setdefault(age.person.split()[-1], []).append((ref, age.value, age.surface))
    out = []
    for person, items in by_person.items():
        for i, (ra, va, _sa) in enumerate(items):
            for rb, vb, _sb in items[i + 1:]:
                if va != vb and ra.outlet != rb.outlet:
                    out.append(Finding("age", f"age of {person.title()}", True, "different ages", ra, va, rb, vb))
    return out


# ------------------------------------------------------------------ grouping
def _subject(ref: ClaimRef, surface: str) -> str:
    """The claim with the disputed value blanked: 'Masood was shot dead by …'."""
    text = ref.claim.text
    if surface and surface in text:
        return text.replace(surface, "…", 1)
    return text


def group_findings(findings: Sequence[Finding]) -> tuple[tuple[Discrepancy, ...], tuple[Discrepancy, ...]]:
    """Merge pair findings about one thing into one Discrepancy with a side per value."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.kind, _group_key(f)), []).append(f)
    conflicts: list[Discrepancy] = []
    variants: list[Discrepancy] = []
    for (kind, _), items in groups.items():
        sides: dict[str, tuple[str, list[str]]] = {}
        for f in items:
            for ref, value in ((f.a, f.a_value), (f.b, f.b_value)):
                text, sources = sides.setdefault(value, (ref.claim.text, []))
                if ref.article not in sources:
                    sources.append(ref.article)
        is_conflict = any(f.conflict for f in items)
        notes = list(dict.fromkeys(f.note for f in items if f.conflict == is_conflict))
        record = Discrepancy(items[0].subject, kind,
                             tuple(Side(v, t, tuple(s)) for v, (t, s) in sides.items()), "; ".join(notes))
        (conflicts if is_conflict else variants).append(record)
    return tuple(conflicts), tuple(variants)


def _group_key(f: Finding) -> str:
    if f.kind == "age":
        return f.subject
    if f.kind == "name":
        return f.subject.lower()
    return f"{head_lemma(f.a)}|{_patient(f.a) or _patient(f.b)}"
