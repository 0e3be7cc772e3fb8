"""Claim.values read into typed fields, in the one place that knows the payloads' "|"-joined form.

`Claim.values` keeps its documented `(kind, payload)` pairs (the records' stable form, analyse/claims.py);
the align stage reads them only through `claim_values(claim)`, so no other module splits a payload.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..models import Claim


@dataclass(frozen=True)
class DateValue:
    iso: str  # ISO date or a coarser prefix ("2018-10", "2017", "--03-22")
    surface: str


@dataclass(frozen=True)
class NumberValue:
    value: str  # the figure as a plain decimal ("500", "1500000"), or a tally ("52-48")
    unit: str  # lemma of what it counts ("people"); "tally" for a vote count
    hedge: str  # ">", "<", "~" or ""
    surface: str


@dataclass(frozen=True)
class AgeValue:
    value: str
    person: str  # surname of the person it is given for ("" when none was found)
    surface: str


@dataclass(frozen=True)
class NameValue:
    key: str  # lower-case key: a named entity with titles dropped, or an agent's head lemma or surname
    surface: str  # as the text writes it


@dataclass(frozen=True)
class ClaimValues:
    dates: tuple[DateValue, ...] = ()
    numbers: tuple[NumberValue, ...] = ()
    ages: tuple[AgeValue, ...] = ()
    agents: tuple[NameValue, ...] = ()  # who did it (passive "by X", or the subject)
    patients: tuple[str, ...] = ()  # lemma keys of who/what it was done to
    entities: tuple[NameValue, ...] = ()
    pronouns: tuple[str, ...] = ()  # what the clause's personal pronouns were resolved to
    referents: tuple[str, ...] = ()  # the whole name a he/she subject was resolved to (for display)
    forms: tuple[str, ...] = ()  # "statement" or "fragment"
    lemmas: tuple[str, ...] = ()  # content lemmas of the clause, in order

    @property
    def form(self) -> str:
        return self.forms[0] if self.forms else "statement"

    @property
    def referent(self) -> str:
        return self.referents[0] if self.referents else ""

    @property
    def specifics(self) -> frozenset[object]:
        """Its names, numbers, ages and dates: what makes a claim checkable."""
        return frozenset((*self.entities, *self.numbers, *self.ages, *self.dates))


def _fields(payload: str, n: int) -> list[str]:
    return (payload.split("|") + [""] * n)[:n]


@lru_cache(maxsize=65536)
def parse_values(values: tuple[tuple[str, str], ...]) -> ClaimValues:
    """The typed fields of a claim's `(kind, payload)` pairs (see analyse/claims.py for each kind)."""
    def plain(kind: str) -> tuple[str, ...]:
        return tuple(p for k, p in values if k == kind)

    def named(kind: str) -> tuple[NameValue, ...]:
        return tuple(NameValue(*p.partition("|")[::2]) for k, p in values if k == kind)

    return ClaimValues(
        dates=tuple(DateValue(*p.partition("|")[::2]) for k, p in values if k == "date"),
        numbers=tuple(NumberValue(*_fields(p, 4)) for k, p in values if k == "number"),
        ages=tuple(AgeValue(*_fields(p, 3)) for k, p in values if k == "age"),
        agents=named("agent"),
        patients=plain("patient"),
        entities=named("entity"),
        pronouns=plain("pronoun"),
        referents=plain("referent"),
        forms=plain("form"),
        lemmas=tuple(w for p in plain("lemmas") for w in p.split()),
    )


def claim_values(claim: Claim) -> ClaimValues:
    return parse_values(claim.values)
