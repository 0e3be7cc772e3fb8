"""What a speaker candidate stands for: a full name, an organisation's canonical name, a pronoun's or party
epithet's antecedent, a role noun's holder or the passage's current speaker, a document's author, an
organisation noun's organisation (rules: the docstring of analyse/quotes.py).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from .entities import ROLE_WORDS, ArticleNames, Named, Span
from .quote_spans import QuoteSpan
from .speaker_cues import (
    _LEADING,
    _NOT_NAMES,
    _SPEECH,
    AUTHOR_VERBS,
    DISTINCT_RANKS,
    GENERIC_ORG_NOUNS,
    ORG_NOUNS,
    ORG_VOICES,
    STUDY_NOUNS,
    Candidate,
    _inside,
    _subject,
)


def _resolve(names: ArticleNames, text: str, cand: Candidate | None, quoted: Sequence[QuoteSpan],
             previous: tuple[str | None, str | None] | None = None) -> tuple[str | None, str | None]:
    """(speaker, role) for a candidate: full names, canonical organisations, pronouns, role nouns, documents
    and organisation nouns resolved."""
    if cand is None:
        return None, None
    if cand.kind == "pronoun":
        named = _antecedent(names, cand, quoted)
        return (named.name, named.role) if named else (None, None)
    if cand.kind == "epithet":  # "the Mattapan Democrat": the person the passage is about
        named = _antecedent(names, cand, quoted)
        return (named.name, named.role or cand.text) if named else (None, cand.text)
    if cand.kind == "role":
        return _resolve_role(names, text, cand, quoted, previous)
    if cand.kind == "document":
        author = _document_author(names, text, cand, quoted)
        if author is not None:
            return author.name, author.role if author.kind == "person" else None
        phrase = re.sub(r"^(?:The|A|An|This|That|a|an|this|that)\s+", "the ", cand.text)
        return ("the " + phrase if _OWNER_NOUN.match(phrase) and not phrase.startswith("the ") else phrase), None
    if cand.kind == "orgnoun":
        org = _org_antecedent(names, cand, quoted)
        return (org.name, None) if org else (None, None)
    named = names.named(cand.span) if cand.span else None
    if named is None:
        return cand.text, None
    return named.name, named.role if named.kind == "person" else None


def _antecedent(names: ArticleNames, pronoun: Candidate, quoted: Sequence[QuoteSpan]) -> Named | None:
    """The subject of the nearest earlier sentence naming someone who agrees with the pronoun (he/she: a
    person of that gender or unknown; it: an organisation; they: either), outside quotes; possessors skipped."""
    want = {"he": "m", "she": "f"}.get(pronoun.text)
    kinds = (("person",) if want or pronoun.kind == "epithet" else ("organisation", "person") if pronoun.text == "they"
             else ("organisation",))
    fits: list[tuple[Span, Named]] = []
    for span in names.spans:
        if span.start >= pronoun.start or span.kind not in kinds or _inside(span.start, quoted):
            continue
        named = names.named(span)
        if named is None or (want and named.gender not in (None, want)) or (span.possessive and want):
            continue
        fits.append((span, named))
    if not fits:
        return None
    sentence = fits[-1][0].sentence
    same = [_span_candidate(sp) for sp, _ in fits if sp.sentence == sentence]
    speaking = [c for c in same if _SPEAKS.match(names.text, c.start + len(c.text))]
    subject = (speaking[0] if speaking else None) or _subject(same, names.text) or same[-1]
    return next(n for sp, n in fits if sp.start == subject.start)


_SPEAKS = re.compile(r"(?:,[^,]{0,80},|,)?\s*" + _SPEECH.pattern, re.IGNORECASE)


def _span_candidate(span: Span) -> Candidate:
    return Candidate(span.kind, span.text, span.start, span)


def _role_key(role: str) -> tuple[str, frozenset[str]]:
    """(head noun, office-changing ranks) of a role: 'Met Police Commissioner' -> ('commissioner', {})."""
    words = re.findall(r"[a-z]+", role.lower())
    head = next((w for w in reversed(words) if w in ROLE_WORDS or w.rstrip("s") in ROLE_WORDS),
                words[-1] if words else "")
    return head, frozenset(words) & DISTINCT_RANKS


def _holds(person: Named, role: str) -> bool | None:
    """True: one of the person's roles is exactly that office; False: a different rank of it; None: no such role."""
    head, ranks = _role_key(role)
    same_head = [_role_key(r)[1] for r in person.roles if _role_key(r)[0] == head]
    if not same_head:
        return None
    return ranks in same_head


def _role_holder(names: ArticleNames, role: str) -> Named | None:
    """'the coroner' -> the one person of the article who holds that office (rank words must agree)."""
    holders = [p for p in names.people if _holds(p, role)]
    return holders[0] if len(holders) == 1 else None


def _resolve_role(names: ArticleNames, text: str, cand: Candidate, quoted: Sequence[QuoteSpan],
                  previous: tuple[str | None, str | None] | None) -> tuple[str | None, str | None]:
    """A role noun: its one holder in the article; else, for a singular office, the current speaker of the
    passage when nothing says they hold another rank of it ('the Met Police Commissioner said' after
    Cressida Dick spoke, while Craig Mackey is 'acting commissioner'); plural roles name a group."""
    label = _bare(cand.text)
    head = _role_key(label)[0]
    if head not in ROLE_WORDS and head[:-1] in ROLE_WORDS:  # a plural: 'the ministers said'
        return _group_phrase(text, cand) or label, None
    holder = _role_holder(names, label)
    if holder is not None:
        return holder.name, holder.role
    if head in ORG_VOICES or _indefinite(text, cand):
        return None, label
    current = _current_speaker(names, text, cand, quoted, previous)
    if current is not None and _holds(current, label) is not False and not _other_office(current, head):
        return current.name, current.role or label
    return None, label


def _indefinite(text: str, cand: Candidate) -> bool:
    """'a kindergarten teacher told him': an indefinite role brings in someone new, never the current speaker."""
    return bool(re.search(r"\b(?:a|an)\s+$", text[max(0, cand.start - 4):cand.start], re.IGNORECASE))


def _other_office(person: Named, head: str) -> bool:
    """A person known by a different office (a widow is not 'the coroner')."""
    return bool(person.roles) and all(_role_key(r)[0] != head for r in person.roles)


CURRENT_SPEAKER_PARAGRAPHS = 3  # how far back the speaker of a passage is looked for


def _current_speaker(names: ArticleNames, text: str, cand: Candidate, quoted: Sequence[QuoteSpan],
                     previous: tuple[str | None, str | None] | None) -> Named | None:
    """The person the passage is about as a speaker: the previous quote's speaker, else the nearest earlier
    person followed by a speech verb, within CURRENT_SPEAKER_PARAGRAPHS paragraphs."""
    if previous and previous[0]:
        person = names.person(previous[0])
        if person is not None:
            return person
    floor = cand.start
    for _ in range(CURRENT_SPEAKER_PARAGRAPHS):
        floor = max(text.rfind("\n\n", 0, floor), 0)
    for span in reversed([sp for sp in names.spans if floor <= sp.start < cand.start and sp.kind == "person"]):
        if not _inside(span.start, quoted) and _SPEAKS.match(text, span.end):
            return names.person(span.text)
    return None


_GROUP = r"((?:[A-Z][\w.&-]*\s+)+(?:[a-z][\w-]*\s+){0,2}%s)\b"


def _group_phrase(text: str, cand: Candidate) -> str | None:
    """'the ministers' -> the latest earlier 'EU finance ministers': a plural role with a proper qualifier."""
    noun = _bare(cand.text).split()[-1]
    for found in reversed(list(re.finditer(_GROUP % re.escape(noun), text[:cand.start]))):
        words = found.group(1).split()
        while words and words[0].lower() in _NOT_NAMES | _LEADING:
            words = words[1:]
        if len(words) > 1:
            return " ".join(words)
    return None


def _bare(phrase: str) -> str:
    return re.sub(r"^(?:the|a|an|this|that)\s+", "", phrase.strip(), flags=re.I)


_OWNER_NOUN = re.compile(r"(?:the\s+)?([a-z]+)['’]s\s", re.IGNORECASE)  # 'the firm's announcement'


def _document_author(names: ArticleNames, text: str, cand: Candidate, quoted: Sequence[QuoteSpan]) -> Named | None:
    """Who a document speaks for: the latest earlier mention of that document with an author ('the report by
    X', 'X's report', 'X released a report'), outside quotes; 'the firm's announcement' speaks for the
    organisation the firm is."""
    owner = _OWNER_NOUN.match(cand.text)
    if owner and owner.group(1).lower() in ORG_NOUNS:
        org = _org_antecedent(names, Candidate("orgnoun", owner.group(1), cand.start), quoted)
        if org is not None:
            return org
    noun = _bare(cand.text).split()[-1].lower()
    end = cand.start + len(cand.text)
    nouns = STUDY_NOUNS if noun in STUDY_NOUNS else frozenset({noun})
    pattern = r"\b(?:" + "|".join(sorted(nouns)) + r")s?\b"
    for m in reversed(list(re.finditer(pattern, text[:end], re.IGNORECASE))):
        if _inside(m.start(), quoted):
            continue
        author = _author_near(names, text, m.start(), m.end())
        if author is not None:
            return author
    return None


_BY = re.compile(r"\s+(?:\w+\s+)?(?:by|from|of)\s+(?:the\s+)?$")


_BY_ORG_NOUN = re.compile(r"\s+(?:\w+\s+)?(?:by|from|of)\s+the\s+(" + "|".join(sorted(ORG_NOUNS)) + r")\b", re.I)


def _author_near(names: ArticleNames, text: str, start: int, end: int) -> Named | None:
    """The author named around one mention of a document."""
    after = [sp for sp in names.spans if end <= sp.start <= end + 30 and _BY.match(text[end:sp.start])]
    if after:
        return names.named(after[0])
    by_noun = _BY_ORG_NOUN.match(text, end)
    if by_noun:  # 'a study released by the department'
        return _org_antecedent(names, Candidate("orgnoun", by_noun.group(1), by_noun.start(1)), ())
    owner = [sp for sp in names.spans if sp.possessive and 0 <= start - sp.end <= 30
             and re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,2}", text[sp.end:start])]
    if owner:
        return names.named(owner[-1])
    sentence = max(bisect.bisect_right(names.sentence_starts, start) - 1, 0)
    lead = names.sentence_starts[sentence] if names.sentence_starts else 0
    verb = re.search(AUTHOR_VERBS + r"\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,3}$", text[lead:start])
    if verb:
        subject = [sp for sp in names.spans if lead <= sp.start < lead + verb.start() and not sp.possessive]
        if subject:
            return names.named(subject[0])
    return None


def _org_antecedent(names: ArticleNames, cand: Candidate, quoted: Sequence[QuoteSpan]) -> Named | None:
    """'the organization' -> the nearest earlier organisation; 'the center' -> the nearest whose name has 'Center'."""
    noun = _bare(cand.text).lower()
    earlier = [sp for sp in names.spans if sp.kind == "organisation" and sp.end <= cand.start
               and not _inside(sp.start, quoted)]
    if noun not in GENERIC_ORG_NOUNS:
        earlier = [sp for sp in earlier if noun in (names.named(sp) or Named("", sp.text)).name.lower().split()]
    for span in reversed(earlier):
        named = names.named(span)
        if named is not None:
            return named
    return None
