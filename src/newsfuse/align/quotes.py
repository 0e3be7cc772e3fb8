"""Quotes of a story: the same quote in several outlets merged into one Quote with every source.

Matching is on normalised text (lower case, straight apostrophes, punctuation dropped): two quotes are
the same when rapidfuzz's partial ratio of the shorter against the longer reaches SAME_QUOTE_RATIO (a
fragment of a longer quote matches it), or when any sentence of QUOTE_SENTENCE_WORDS+ words of one
matches a sentence of the other (outlets that quote different stretches of one statement).

- The canonical wording is the longest; the speaker is the one most sources give (ties: the longest
  quote's), resolved to the story's canonical person or organisation, with that entity's role.
- A wording that differs from the matching stretch of the canonical one becomes a QuoteVariant whose
  `diff` is a compact word diff against that stretch: "[-old words-] {+new words+}" with one word of
  context on each side, hunks joined by " … ". Case, punctuation and apostrophe style are not
  differences.
- Quoted phrases shorter than QUOTE_MIN_WORDS (scare quotes) never stand alone; one that occurs word for
  word inside a quote from another article counts as a source of that quote ("a “brave and courageous
  officer”"). A source that carries only a fragment or an excerpt of the canonical wording is listed with
  it as a variant (diff "" for a word-for-word excerpt: the variant's text shows what it carries), so a
  source without a variant carries the whole quote.
  Nor does a group whose longest wording is a fragment (lower-case start) or unattributed and shorter
  than PHRASE_MIN_WORDS: "a spray and a baton" is a phrase of the report, not a quote for the reader.
- A person with no role of their own takes the office a quote resolved them by ("the Met Police
  Commissioner said" -> Cressida Dick, Met Police Commissioner).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from ..analyse.quotes import QUOTE_MIN_WORDS
from ..models import ArticleAnalysis, Quote, QuoteVariant, RawQuote
from .entities import StoryNames, entity_records, story_names

SAME_QUOTE_RATIO = 90.0  # partial ratio (0-100) for two quotes to be one
QUOTE_SENTENCE_WORDS = 6  # sentences this long can tie two different stretches of one statement
EXCERPT_SHARE = 0.8  # a variant this much shorter than the canonical wording is an excerpt of it
DIFF_CONTEXT = 1  # words of context around each diff hunk
PHRASE_MIN_WORDS = 7  # a fragment or unattributed phrase shorter than this never stands alone in a brief

CACHED_TEXTS = 65_536  # quote texts whose normal form is kept per process
_WORD = re.compile(r"(?:[^\W_]|')+")  # AP's "_" dash is punctuation, not a word


@lru_cache(maxsize=CACHED_TEXTS)
def normalise(text: str) -> str:
    """Lower case, straight apostrophes, words only: the form quotes are compared in (cached: grouping
    compares each quote with many others)."""
    return " ".join(_WORD.findall(text.replace("’", "'").replace("‘", "'").lower()))


@dataclass
class _Group:
    members: list[tuple[str, RawQuote]] = field(default_factory=list)  # (article id, quote)

    @property
    def canonical(self) -> RawQuote:
        return max((q for _, q in self.members), key=lambda q: len(normalise(q.text)))


@lru_cache(maxsize=CACHED_TEXTS)
def _sentences(text: str) -> tuple[str, ...]:
    parts = re.split(r"(?<=[.?!])\s+", text)
    return tuple(n for p in parts if len((n := normalise(p)).split()) >= QUOTE_SENTENCE_WORDS)


def same_quote(a: str, b: str) -> bool:
    """Partial-ratio match of the shorter in the longer, or a shared long sentence."""
    na, nb = normalise(a), normalise(b)
    short, long_ = sorted((na, nb), key=len)
    if short and fuzz.partial_ratio(short, long_) >= SAME_QUOTE_RATIO:
        return True
    return any(fuzz.ratio(x, y) >= SAME_QUOTE_RATIO for x in _sentences(a) for y in _sentences(b))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.replace("’", "'").replace("‘", "'"))


def word_diff(canonical: str, variant: str) -> str:
    """Compact word diff of variant against the stretch of canonical it matches ('' when the same)."""
    old, new = _words(canonical), _words(variant)
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in old], b=[w.lower() for w in new], autojunk=False)
    excerpt = len(normalise(variant)) < EXCERPT_SHARE * len(normalise(canonical)) or len(new) < len(old)
    if excerpt:  # compare with the stretch it comes from
        first, last = _excerpt_window(matcher.get_matching_blocks()[:-1], len(old), len(new))
        old = old[first:last]
        matcher = difflib.SequenceMatcher(a=[w.lower() for w in old], b=[w.lower() for w in new], autojunk=False)
    hunks = []
    for tag, i1, i2, j1, j2 in _merged(matcher.get_opcodes()):
        if tag == "equal" or (excerpt and tag == "delete" and (i1 == 0 or i2 == len(old))):
            continue  # an excerpt: words it leaves out at either end are no wording difference
        removed = f"[-{' '.join(old[i1:i2])}-]" if i2 > i1 else ""
        added = f"{{+{' '.join(new[j1:j2])}+}}" if j2 > j1 else ""
        before = " ".join(old[max(0, i1 - DIFF_CONTEXT):i1])
        after = " ".join(old[i2:i2 + DIFF_CONTEXT])
        hunks.append(" ".join(x for x in (before, removed, added, after) if x))
    return " … ".join(hunks)


MERGE_GAP = 1  # changes this few equal words apart read as one rewording: "[-can think of it more as-] {+…+}"


def _merged(opcodes: Sequence[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Join two changes separated by at most MERGE_GAP equal words into one replacement."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in opcodes:
        if (op[0] != "equal" and len(out) >= 2 and out[-1][0] == "equal" and out[-2][0] != "equal"
                and out[-1][2] - out[-1][1] <= MERGE_GAP):
            first = out[-2]
            out[-2:] = [("replace", first[1], op[2], first[3], op[4])]
        else:
            out.append(op)
    return out


EXCERPT_GAP = 3  # canonical words an excerpt may skip between two matching stretches (more: another place)


def _excerpt_window(blocks: Sequence[difflib.Match], n_old: int, n_new: int) -> tuple[int, int]:
    """The stretch of the canonical words an excerpt comes from: the longest matching run, grown over
    neighbouring runs while the canonical skips at most EXCERPT_GAP words more than the excerpt does, then
    padded by the excerpt's unmatched words at either end (substitutions, not omissions)."""
    if not blocks:
        return 0, n_old
    k = max(range(len(blocks)), key=lambda i: blocks[i].size)
    lo = hi = k
    while lo > 0 and _close(blocks[lo - 1], blocks[lo]):
        lo -= 1
    while hi + 1 < len(blocks) and _close(blocks[hi], blocks[hi + 1]):
        hi += 1
    first, last = blocks[lo], blocks[hi]
    start = max(0, first.a - first.b)
    end = min(n_old, last.a + last.size + (n_new - last.b - last.size))
    return start, end


def _close(left: difflib.Match, right: difflib.Match) -> bool:
    gap_old = right.a - (left.a + left.size)
    gap_new = right.b - (left.b + left.size)
    return 0 <= gap_old <= gap_new + EXCERPT_GAP


def _group_quotes(items: Sequence[tuple[str, RawQuote]]) -> list[_Group]:
    """Greedy grouping, longest quotes first so fragments meet the full wording."""
    groups: list[_Group] = []
    for article_id, quote in sorted(items, key=lambda x: -len(x[1].text)):
        home = next((g for g in groups if same_quote(g.canonical.text, quote.text)), None)
        if home is None:
            groups.append(home := _Group())
        home.members.append((article_id, quote))
    return groups


def _attach_fragments(groups: Sequence[_Group], fragments: Sequence[tuple[str, RawQuote]]) -> None:
    """A short quoted phrase found inside another article's quote is one more source for it."""
    for article_id, quote in fragments:
        phrase = normalise(quote.text)
        for group in groups:
            if all(a == article_id for a, _ in group.members):
                continue
            if f" {phrase} " in f" {normalise(group.canonical.text)} ":  # whole words, word for word
                group.members.append((article_id, quote))
                break


def _speaker(group: _Group, names: StoryNames) -> tuple[str | None, str | None]:
    """Majority speaker over sources, as the story's canonical entity, with its role."""
    votes = Counter(q.speaker for _, q in group.members if q.speaker and len(q.text.split()) >= QUOTE_MIN_WORDS)
    if not votes:
        roles = [q.role for _, q in group.members if q.role]
        return None, roles[0] if roles else None
    top = max(votes.values())
    canonical = group.canonical.speaker
    speaker = canonical if canonical is not None and votes.get(canonical) == top else votes.most_common(1)[0][0]
    role = next((q.role for _, q in group.members if q.speaker == speaker and q.role), None)
    entity = names.resolve(speaker)
    if entity is None:
        return speaker, role
    return entity.name, (entity.role if entity.kind == "person" else None) or role


def _record(group: _Group, names: StoryNames, order: Sequence[str]) -> Quote:
    canonical = group.canonical
    sources = tuple(dict.fromkeys(a for a in order if any(m == a for m, _ in group.members)))
    variants: dict[str, list[str]] = {}
    whole = normalise(canonical.text)
    for article_id, quote in group.members:
        if normalise(quote.text) != whole:  # a fragment or excerpt is a variant: the reader sees what it carries
            variants.setdefault(quote.text, []).append(article_id)
    carriers = {a for a, q in group.members if normalise(q.text) == whole}
    variants = {text: [a for a in ids if a not in carriers] for text, ids in variants.items()}
    variants = {text: ids for text, ids in variants.items() if ids}
    speaker, role = _speaker(group, names)
    records = tuple(QuoteVariant(text, tuple(ids), word_diff(canonical.text, text)) for text, ids in variants.items())
    return Quote(speaker, canonical.text, sources, role, records)


def align_quotes(members: Sequence[ArticleAnalysis], names: StoryNames) -> tuple[Quote, ...]:
    """Story quotes, most widely quoted first, then in story order."""
    order = [a.article.id for a in members]
    items = [(a.article.id, q) for a in members for q in a.quotes]
    full = [x for x in items if len(x[1].text.split()) >= QUOTE_MIN_WORDS]
    groups = _group_quotes(full)
    _attach_fragments(groups, [x for x in items if len(x[1].text.split()) < QUOTE_MIN_WORDS])

    def rank(group: _Group) -> tuple[int, int]:
        first = min(order.index(a) * 10_000 + q.sentence for a, q in group.members)
        return (-len({a for a, _ in group.members}), first)

    return tuple(_record(g, names, order) for g in sorted(groups, key=rank) if _stands_alone(g))


def _stands_alone(group: _Group) -> bool:
    """A short phrase ('a spray and a baton', 'forced to pull out') is shown only as a source of a longer
    quote: alone it needs PHRASE_MIN_WORDS words, unless it is a sentence (capitalised) with a speaker."""
    quote = group.canonical
    words = len(quote.text.split())
    sentence = quote.text[:1].isupper() and any(q.speaker for _, q in group.members)
    return words >= PHRASE_MIN_WORDS or sentence


def _roles_from_quotes(members: Sequence[ArticleAnalysis], names: StoryNames) -> None:
    """A person with no role of their own takes the office a quote gave them ('the Met Police Commissioner
    said' resolved to Cressida Dick), so every quote and the people list show it."""
    for analysis in members:
        for quote in analysis.quotes:
            entity = names.resolve(quote.speaker) if quote.role else None
            if entity is not None and entity.kind == "person" and not entity.roles:
                entity.roles.append(quote.role)  # type: ignore[arg-type]


def quote_fields(members: Sequence[ArticleAnalysis]) -> dict[str, object]:
    """The StoryAlignment fields this module and align/entities.py fill: quotes, people, organisations."""
    names = story_names(members)
    _roles_from_quotes(members, names)
    quotes = align_quotes(members, names)
    people, organisations = entity_records(names, [q.speaker for q in quotes if q.speaker])
    return {"quotes": quotes, "people": people, "organisations": organisations}
