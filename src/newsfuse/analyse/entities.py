"""People and organisations in one article: spaCy's mentions repaired with rules, grouped by name.

The small spaCy model mislabels many names ("Pc Palmer" as WORK_OF_ART, "Lucraft" as ORG), so a
mention is re-classified by its title prefix (PC, Mr, Mrs, Sir, Dr ...), by a surname shared with a
known person, and by a data file of well-known organisation aliases. People are then grouped: full
names by (first, last); a lone surname or first name joins the matching full name (titles give a
gender that picks between "Keith Palmer" and "Michelle Palmer" for "Mrs Palmer"). The same grouping
(`cluster_people`) runs again across a story's articles in align/entities.py.

Roles come from appositions and pre-name titles: "the chief coroner, Mark Lucraft QC",
"Neil Basu, the assistant commissioner,", "assistant commissioner Neil Basu", "Palmer's widow, Michelle".
A family noun after a possessive ("Palmer's widow, Michelle", "His widow Michelle") also gives the
first name the possessor's surname ("Michelle Palmer").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..models import Article, Mention, Sentence
from .name_kinds import US_STATES, names_no_person, names_organisation

# -------------------------------------------------------------------- word lists
TITLE_GENDER: dict[str, str | None] = {
    "Mr": "m", "Sir": "m", "Lord": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "Lady": "f", "Dame": "f",
    "Dr": None, "Prof": None, "Professor": None, "PC": None, "Pc": None, "DC": None, "DS": None, "DI": None,
    "DCI": None, "Det": None, "Insp": None, "Inspector": None, "Sgt": None, "Sergeant": None, "Supt": None,
    "Superintendent": None, "Constable": None, "Rev": None, "Gen": None, "Col": None, "Capt": None,
    "Sen": None, "Senator": None, "Rep": None, "Gov": None, "Governor": None, "President": None,
    "Judge": None, "Justice": None, "Cllr": None, "Councillor": None, "Officer": None, "Commander": None,
    "Cmdr": None, "Commissioner": None, "Mayor": None, "Chancellor": None, "Secretary": None,
    "Representative": None, "Congressman": "m", "Congresswoman": "f", "Speaker": None,
}
NAME_SUFFIXES = frozenset("QC KC MP MSP MEP AM Jr Jr. Sr Sr. II III IV OBE MBE CBE PhD MD".split())
ROLE_WORDS = frozenset(
    """coroner commissioner widow widower wife husband spokesman spokeswoman spokesperson president minister
    secretary director chief officer lawyer attorney solicitor barrister professor researcher scientist senator
    governor mayor chairman chairwoman chair ceo executive founder leader judge prosecutor detective inspector
    constable sergeant superintendent analyst economist doctor mother father son daughter brother sister manager
    coach editor author representative congressman congresswoman ambassador official commander general captain
    spokesman policeman policewoman chancellor treasurer councillor aide adviser advisor counsel partner owner
    principal headteacher teacher dean administrator commentator correspondent candidate nominee premier
    strategist pollster economist investigator physician surgeon nurse psychiatrist psychologist epidemiologist
    boss president-elect deputy head clerk sheriff marshal trooper priest bishop pastor imam rabbi victim""".split()
)
ROLE_MODIFIERS = frozenset(
    """chief assistant deputy acting former senior junior vice executive general managing principal lead head
    associate interim retired prime foreign home health defence defense finance justice interior state police
    press medical legal national regional local federal district detective""".split()
)
FAMILY_WORDS = frozenset("widow widower wife husband son daughter mother father brother sister partner".split())
FEMALE_WORDS = frozenset(
    "widow wife mother daughter sister spokeswoman chairwoman policewoman congresswoman actress queen princess "
    "duchess girlfriend grandmother aunt niece businesswoman she her".split()
)
MALE_WORDS = frozenset(
    "widower husband father son brother spokesman chairman policeman congressman actor king prince duke "
    "boyfriend grandfather uncle nephew businessman he his him".split()
)
_NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "GPE", "NORP", "FAC", "PRODUCT", "LOC"})
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# titles that mark a person even where spaCy misses the name; weaker ones ("President") are only stripped
STRONG_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Sir", "Dame", "Lord", "Lady", "Dr", "Prof", "PC", "Pc", "DC", "DS",
                 "DI", "DCI", "Det", "Insp", "Sgt", "Supt", "Rev", "Cllr", "Sen", "Rep", "Gov", "Gen", "Col", "Capt")
_TITLE_NAME = re.compile(
    r"\b(" + "|".join(sorted(STRONG_TITLES, key=len, reverse=True)) + r")\.? ((?:[A-Z][a-zA-Z'’-]+ ?){1,3})"
)
HEADLINE_CASE_SHARE = 0.7  # a sentence with this share of capitalised words is a headline: no title matching
_FAMILY = re.compile(
    r"\b([A-Z][\w-]+(?:['’]s)|[Hh]is|[Hh]er) (" + "|".join(FAMILY_WORDS) + r"),? ([A-Z][a-z]+)\b(?! [A-Z])"
)


# -------------------------------------------------------------------- records
@dataclass(frozen=True)
class Span:
    """One person or organisation mention with its offsets in Article.text."""

    kind: str  # person | organisation
    text: str  # surface form, possessive dropped ("Mr Lucraft QC", "the Met")
    start: int
    end: int
    sentence: int
    possessive: bool = False


@dataclass(frozen=True)
class PersonForm:
    """One way a person is named, with what that naming tells (title gender, role)."""

    surface: str
    core: tuple[str, ...]  # name tokens without titles and suffixes
    full: str  # the name without titles, suffixes kept ("Mark Lucraft QC")
    gender: str | None = None
    role: str | None = None
    source: str = ""  # article id


@dataclass
class Named:
    """A person or organisation: the canonical name, every surface form, role, gender."""

    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def gender(self) -> str | None:
        counts = Counter(self.genders)
        return counts.most_common(1)[0][0] if counts else None

    @property
    def role(self) -> str | None:
        return best_role(self.roles)

    @property
    def first(self) -> str | None:
        core = parse_name(self.name)[0]
        return core[0] if len(core) > 1 else None

    @property
    def last(self) -> str:
        return parse_name(self.name)[0][-1]


# -------------------------------------------------------------------- names
@lru_cache(maxsize=65_536)
def parse_name(surface: str) -> tuple[tuple[str, ...], str | None, str]:
    """(core tokens, title gender, full name without titles) of a person's surface form (cached: name
    matching parses the same forms for every pair it compares)."""
    words = [w for w in _POSSESSIVE.sub("", surface.strip()).split() if w]
    gender: str | None = None
    while len(words) > 1 and words[0].rstrip(".") in TITLE_GENDER:
        gender = gender or TITLE_GENDER[words[0].rstrip(".")]
        words = words[1:]
    if words and words[0].lower() == "the":
        words = words[1:]
    core = tuple(w for w in words if w not in NAME_SUFFIXES) or tuple(words)
    return core, gender, " ".join(words)


def best_role(roles: Sequence[str]) -> str | None:
    """The role most supported, counting a role as support for every longer role containing it."""
    if not roles:
        return None
    distinct = sorted(set(roles), key=lambda r: (-len(r.split()), r))

    def support(role: str) -> int:
        return sum(1 for r in roles if r == role or re.search(rf"\b{re.escape(r)}\b", role))

    return max(distinct, key=lambda r: (support(r), len(r)))


def gender_of_words(words: str) -> str | None:
    tokens = set(words.lower().split())
    if tokens & FEMALE_WORDS:
        return "f"
    if tokens & MALE_WORDS:
        return "m"
    return None


# -------------------------------------------------------------------- organisations
@lru_cache(maxsize=1)
def org_aliases() -> dict[str, str]:
    """Alias -> canonical name, from data/organisations.json."""
    data = json.loads(resources.files("newsfuse").joinpath("data/organisations.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for group in data["groups"]:
        for alias in group:
            table.setdefault(_strip_the(alias), group[0])
    return table


@lru_cache(maxsize=1)
def _org_pattern() -> re.Pattern[str]:
    aliases = sorted(org_aliases(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:[Tt]he )?(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])")


def _strip_the(text: str) -> str:
    return re.sub(r"^[Tt]he\s+", "", _POSSESSIVE.sub("", text.strip()))


def org_key(name: str) -> str:
    """Canonical organisation name: the alias table, else the name without 'the' and possessive."""
    bare = _strip_the(name)
    return org_aliases().get(bare, bare)


def acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in {"of", "and", "the", "for"})


# -------------------------------------------------------------------- spans
def sentence_offsets(article: Article, sentences: Sequence[Sentence]) -> list[int]:
    """Offset of every sentence in Article.text (paragraphs joined by a blank line)."""
    starts, total = [], 0
    for paragraph in article.paragraphs:
        starts.append(total)
        total += len(paragraph) + 2
    offsets: list[int] = []
    cursor: dict[int, int] = {}
    for s in sentences:
        para = article.paragraphs[s.paragraph]
        found = para.find(s.text, cursor.get(s.paragraph, 0))
        found = max(found, 0)
        cursor[s.paragraph] = found + len(s.text)
        offsets.append(starts[s.paragraph] + found)
    return offsets


def entity_spans(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Span]:
    """Person and organisation mentions, spaCy's labels repaired, with offsets in Article.text."""
    offsets = sentence_offsets(article, sentences)
    raw: list[tuple[str, str, int, int, int]] = []  # (label, text, start, end, sentence)
    for m in mentions:
        if m.label in _NAME_LABELS:
            raw.append((m.label, m.text, offsets[m.sentence] + m.start, offsets[m.sentence] + m.end, m.sentence))
    for s, base in zip(sentences, offsets):
        for match in _TITLE_NAME.finditer("" if _headline_case(s.text) else s.text):
            text = match.group(0).rstrip()
            raw.append(("TITLED", text, base + match.start(), base + match.start() + len(text), s.index))
        for match in _org_pattern().finditer(s.text):
            if _bad_org_hit(s.text, match):
                continue
            raw.append(("ALIAS", match.group(0), base + match.start(), base + match.end(), s.index))
    raw = [_from_title(_with_initials(item, article.text)) for item in raw if not _in_compound(item, article.text)]
    surnames = _known_surnames(raw)
    spans = [span for item in _longest_first(raw) if (span := _classify(item, surnames)) is not None]
    spans = [_titled_by_role(span, article.text) for span in spans if not _place_before_state(span, article.text)]
    return sorted(spans, key=lambda sp: sp.start)


# words that make a capitalised run an organisation's name whatever precedes it
ORG_NAME_WORDS = frozenset(
    """inc inc. corp corp. co co. ltd ltd. llc plc group company corporation university college institute
    association foundation council committee party agency department ministry bank news times post press
    communications bureau service services systems technologies international media network office commission
    board authority court""".split()
)


def _titled_by_role(span: Span, text: str) -> Span:
    """'White House spokesman Judd Deere': a name right after a singular role word (no comma between) is a
    person, whatever spaCy's label ('Deere' reads like the tractor maker), unless its words name an organisation."""
    prefix = text[max(0, span.start - 80):span.start]
    if span.kind != "organisation" or prefix.rstrip().endswith(",") or role_before(prefix) is None:
        return span
    words = span.text.split()
    if (not 2 <= len(words) <= 3 or words[0].lower() == "the" or any(w.lower() in ORG_NAME_WORDS for w in words)
            or span.text in org_aliases()):
        return span
    return Span("person", span.text, span.start, span.end, span.sentence, span.possessive)


_STATE_AFTER = re.compile(rf",\s+(?:{US_STATES})\b")


def _place_before_state(span: Span, text: str) -> bool:
    """'at home in Santa Rosa, Calif.': a 'person' followed by a US state is the town (spaCy often says PERSON)."""
    return span.kind == "person" and bool(_STATE_AFTER.match(text, span.end))


def _in_compound(item: tuple[str, str, int, int, int], text: str) -> bool:
    """'Mar' of 'Mar-a-Lago', 'Trump' of 'a pro-Trump rally': a name cut out of a hyphenated word names no one."""
    start, end = item[2], item[3]
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    return (len(after) == 2 and after[0] == "-" and after[1].isalpha()) or (
        len(before) == 2 and before[1] == "-" and before[0].isalpha())


_INITIAL_TAIL = re.compile(r"(?:\s+[A-Z]\.)+\s+[A-Z][\w'’-]+")


def _with_initials(item: tuple[str, str, int, int, int], text: str) -> tuple[str, str, int, int, int]:
    """'Danny' + ' O. Coulson': spaCy often stops a PERSON at a middle initial."""
    label, surface, start, end, sentence = item
    tail = _INITIAL_TAIL.match(text, end) if label == "PERSON" else None
    if tail is None:
        return item
    return label, surface + tail.group(0), start, tail.end(), sentence


def _from_title(item: tuple[str, str, int, int, int]) -> tuple[str, str, int, int, int]:
    """'Later Mr Lucraft QC' -> 'Mr Lucraft QC': a mention starts at its title."""
    label, surface, start, end, sentence = item
    words = surface.split(" ")
    at = next((i for i, w in enumerate(words) if i > 0 and w.rstrip(".") in STRONG_TITLES and i + 1 < len(words)), 0)
    if not at:
        return item
    cut = len(" ".join(words[:at])) + 1
    return label, surface[cut:], start + cut, end, sentence


def _headline_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= HEADLINE_CASE_SHARE * len(words)


def _bad_org_hit(sentence: str, match: re.Match[str]) -> bool:
    """A sentence-initial 'Met' is usually the verb; short aliases need a capital context."""
    alias = match.group(1)
    if alias == "Met" and match.start() == 0 and not re.match(r"Met (?:[Pp]olice|said|has|have|is)", sentence):
        return True
    return False


def _known_surnames(raw: Sequence[tuple[str, str, int, int, int]]) -> set[str]:
    """Surnames of names spaCy or a title marks as a person with at least two name tokens."""
    names: set[str] = set()
    for label, text, *_ in raw:
        if label in {"PERSON", "TITLED"} and org_key(text) == _strip_the(text):
            core = parse_name(text)[0]
            if len(core) >= 2 or label == "TITLED":
                names.add(core[-1])
    return names


def _longest_first(raw: Sequence[tuple[str, str, int, int, int]]) -> list[tuple[str, str, int, int, int]]:
    """Drop a mention that lies inside a longer one (a titled match covers spaCy's bare surname)."""
    priority = {"TITLED": 0, "ALIAS": 1}
    ordered = sorted(raw, key=lambda r: (-(r[3] - r[2]), priority.get(r[0], 2)))
    kept: list[tuple[str, str, int, int, int]] = []
    for item in ordered:
        if not any(k[2] <= item[2] and item[3] <= k[3] for k in kept):
            if not any(k[2] < item[3] and item[2] < k[3] for k in kept):
                kept.append(item)
    return kept


def _classify(item: tuple[str, str, int, int, int], surnames: set[str]) -> Span | None:
    """person | organisation | None for one mention, by alias table, title, surname and label."""
    label, text, start, end, sentence = item
    possessive = bool(_POSSESSIVE.search(text))
    if possessive:
        text = _POSSESSIVE.sub("", text)
        end = start + len(text)
    bare = _strip_the(text)
    if not bare or not bare[0].isupper() or "\n" in text:
        return None
    if bare in org_aliases() and label != "TITLED":
        return Span("organisation", text, start, end, sentence, possessive)
    if looks_like_product(bare) or (names_no_person(bare) and label != "TITLED"):
        return None
    core = parse_name(text)[0]
    if label in {"TITLED", "PERSON"} or (core and core[-1] in surnames and len(core) <= 3):
        if names_organisation(bare) and label != "TITLED":
            return Span("organisation", text, start, end, sentence, possessive)
        if label == "PERSON" or label == "TITLED" or core[-1] in surnames:
            return Span("person", text, start, end, sentence, possessive)
    if label == "ORG":
        return Span("organisation", text, start, end, sentence, possessive)
    return None


_MODEL_NUMBER = re.compile(r"\d")  # 'Ryzen 3 7320U', 'iPhone 15', 'Galaxy S23': no person's name has a digit


def looks_like_product(name: str) -> bool:
    """A product or model, never a person: a digit in the name, or a maker's name (data/organisations.json)
    followed by a model name with no office in it ('Asus Vivobook Go', not 'Microsoft CEO Satya Nadella')."""
    if _MODEL_NUMBER.search(name):
        return True
    words = name.split()
    if len(words) < 2 or any(w.lower().rstrip(".") in ROLE_WORDS or w.rstrip(".") in TITLE_GENDER for w in words):
        return False
    return any(" ".join(words[:k]) in org_aliases() for k in range(1, len(words)))


# -------------------------------------------------------------------- roles
_ROLE_BEFORE = re.compile(
    r"(?:^|[\s(])((?:[A-Za-z][\w.-]*\s+){0,3}?)(" + "|".join(sorted(ROLE_WORDS)) + r"),?\s+$", re.IGNORECASE
)  # singular only: "before dozens of police officers, Cellucci said" gives Cellucci no role
RELATIVE_WORDS = frozenset("who whose whom which that where when".split())
ABBREVIATIONS = ("St", "Mt", "Ft", "Dr", "Gov", "Sen", "Rep", "Gen", "Lt", "Sgt", "Capt", "Rev", "Mr", "Mrs", "Ms",
                 "U.S", "U.N")  # words that end on a full stop inside a sentence
_NO_ABBREVIATION = "".join(rf"(?<!\b{a})" for a in ABBREVIATIONS)
_ROLE_AFTER = re.compile(
    r"^,\s+((?:the|a|an|his|her|its|their|[A-Z][\w-]*['’]s)\s+)?([^,;:()\"“”]{2,80}?)(?=,|" + _NO_ABBREVIATION
    + r"\.\s|\.$|$)"
)  # a role runs to the sentence's end, not to an abbreviation's full stop ('son of a barber in St. Paul')


def role_before(prefix: str) -> str | None:
    """'the chief coroner, ' / 'assistant commissioner ' / 'Palmer's widow, ' right before a name -> role."""
    match = _ROLE_BEFORE.search(prefix[-80:])
    if not match:
        return None
    words = match.group(1).split()
    kept: list[str] = []
    for word in reversed(words):
        proper = word[:1].isupper() and not _POSSESSIVE.search(word)
        if word.lower() in ROLE_MODIFIERS or (proper and word.lower() not in {"the", "a", "an", "his", "her"}):
            kept.insert(0, word)
        else:
            break
    return _tidy_role(" ".join(kept + [match.group(2)]))


def role_after(suffix: str) -> str | None:
    """', the chief coroner,' / ', deputy director of X,' right after a name -> role."""
    match = _ROLE_AFTER.match(suffix)
    if not match:
        return None
    phrase = match.group(2).strip()
    words = phrase.split()
    if not words or len(words) > 10 or words[0].lower() in RELATIVE_WORDS:
        return None  # "Ann Schiavina, whose son, a police officer, ...": a clause about someone else
    head_words = re.split(r"\s+(?:of|for|at|in|with|on)\s+", phrase, maxsplit=1)[0].lower().split()
    if not head_words or head_words[-1].rstrip("s") not in ROLE_WORDS and head_words[-1] not in ROLE_WORDS:
        return None
    return _tidy_role(phrase)


def _tidy_role(role: str) -> str:
    """Lower-case a role up to its head word, keep proper names ('former Bromley policeman', 'head of the FBI')."""
    words = role.split()
    head = next((i for i, w in enumerate(words) if w.lower().rstrip("s") in ROLE_WORDS or w.lower() in ROLE_WORDS),
                len(words) - 1)
    return " ".join(w.lower() if i <= head and (w.lower() in ROLE_WORDS | ROLE_MODIFIERS or w.lower().rstrip("s")
                                                 in ROLE_WORDS) else w for i, w in enumerate(words))


# -------------------------------------------------------------------- grouping
def cluster_people(forms: Sequence[PersonForm]) -> list[Named]:
    """Group name forms: full names by (first, last), then lone tokens onto a matching full name."""
    groups: dict[tuple[str, str], list[PersonForm]] = {}
    for form in sorted(forms, key=lambda f: -len(f.core)):
        if len(form.core) >= 2:
            key = (form.core[0].lower(), form.core[-1].lower())
            key = next((k for k in groups if k[1] == key[1] and _same_first(k[0], key[0])), key)
            groups.setdefault(key, []).append(form)
    people = {key: _named(members) for key, members in groups.items()}
    for form in forms:
        if len(form.core) >= 2:
            continue
        home = _single_home(form, people)
        if home is None:
            home = ("", form.core[0].lower())
            people.setdefault(home, Named("person", form.full))
        _add(people[home], form)
    return list(people.values())


def _same_first(a: str, b: str) -> bool:
    """'keith' ~ 'keith'; an initial 'k.' ~ 'keith'; a short form 'ed' ~ 'edward' (the surnames already agree)."""
    short, long_ = sorted((a.rstrip("."), b.rstrip(".")), key=len)
    return bool(short) and long_.startswith(short)


def _single_home(form: PersonForm, people: dict[tuple[str, str], Named]) -> tuple[str, str] | None:
    """The full name a lone surname or first name belongs to; gender picks between namesakes."""
    home = match_single(form.core[0], form.gender, [p for k, p in people.items() if k[0]])
    return next((k for k, p in people.items() if p is home), None)


def match_single(token: str, gender: str | None, people: Sequence[Named]) -> Named | None:
    """A lone surname (else first name) -> the person with it; a title's gender picks between namesakes."""
    token = token.lower()
    for position in ("last", "first"):
        found = [p for p in people if (getattr(p, position) or "").lower() == token]
        found = [p for p in found if not gender or p.gender in (None, gender)]
        if found:
            return max(found, key=lambda p: (gender is not None and p.gender == gender,
                                             position == "first" or p.role not in FAMILY_WORDS,
                                             len(p.aliases) + len(p.sources)))
    return None


def match_person(surface: str, people: Sequence[Named]) -> Named | None:
    """The person a surface form names: same (first, last) for a full name, else `match_single`."""
    core, gender, _ = parse_name(surface)
    if not core:
        return None
    if len(core) >= 2:
        last, first = core[-1].lower(), core[0].lower()
        for person in people:
            if person.last.lower() == last and person.first and _same_first(person.first.lower(), first):
                return person
        return None
    exact = [p for p in people if p.first is None and p.last.lower() == core[0].lower()]
    return match_single(core[0], gender, [p for p in people if p.first]) or (exact[0] if exact else None)


def _named(members: Sequence[PersonForm]) -> Named:
    full = max((m.full for m in members), key=lambda n: (len(n.split()), len(n)))
    named = Named("person", full)
    for m in members:
        _add(named, m)
    return named


def _add(named: Named, form: PersonForm) -> None:
    named.aliases.append(form.surface)
    if form.role:
        named.roles.append(form.role)
    if form.gender:
        named.genders.append(form.gender)
    if form.source:
        named.sources.append(form.source)
    if len(form.full.split()) > len(named.name.split()) and len(form.core) >= 2:
        named.name = form.full


def cluster_orgs(surfaces: Sequence[tuple[str, str]]) -> list[Named]:
    """Group organisation surfaces (surface, source): alias table, acronyms, word-prefix forms."""
    groups: dict[str, Named] = {}
    for surface, source in sorted(surfaces, key=lambda s: -len(org_key(s[0]))):
        key = org_key(surface)
        home = next((k for k in groups if _same_org(k, key)), None)
        if home is None:
            groups[key] = home_named = Named("organisation", key)
        else:
            home_named = groups[home]
        home_named.aliases.append(_strip_the(surface) if surface[:4].lower() == "the " else surface)
        home_named.sources.append(source)
    return list(groups.values())


def _same_org(a: str, b: str) -> bool:
    """Same canonical name, an acronym of the other, or the other's leading words ('X Police' ~ 'X Police Service')."""
    if a == b:
        return True
    if b.isupper() and len(b) >= 2 and acronym(a) == b:
        return True
    aw, bw = a.lower().split(), b.lower().split()
    return len(bw) >= 2 and aw[: len(bw)] == bw


# -------------------------------------------------------------------- one article
@dataclass
class ArticleNames:
    """The people and organisations of one article, with every mention's offsets."""

    text: str
    spans: list[Span]
    people: list[Named]
    organisations: list[Named]
    sentence_starts: list[int]
    forms: list[PersonForm] = field(default_factory=list)  # every person form, for story-level grouping

    def person(self, surface: str) -> Named | None:
        return match_person(surface, self.people)

    def organisation(self, surface: str) -> Named | None:
        key = org_key(surface)
        return next((o for o in self.organisations if o.name == key or _same_org(o.name, key)), None)

    def named(self, span: Span) -> Named | None:
        return self.person(span.text) if span.kind == "person" else self.organisation(span.text)


def article_names(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> ArticleNames:
    """Spans, person forms with roles, family names inferred from 'X's widow, Michelle'; then grouping."""
    text = article.text
    starts = sentence_offsets(article, sentences)
    ends = [start + len(s.text) for start, s in zip(starts, sentences)]
    spans = entity_spans(article, sentences, mentions)
    forms = [_form(text, sp, starts[sp.sentence], ends[sp.sentence], article.id) for sp in spans if sp.kind == "person"]
    people = cluster_people(forms)
    extra = _family_forms(text, sentences, starts, spans, people, article.id)
    if extra:
        people = cluster_people(forms + extra)
    orgs = cluster_orgs([(sp.text, article.id) for sp in spans if sp.kind == "organisation"])
    return ArticleNames(text, spans, people, orgs, starts, forms + extra)


def _form(text: str, span: Span, sent_start: int, sent_end: int, source: str) -> PersonForm:
    """A person mention as a name form, with the role its apposition or pre-name title gives."""
    core, gender, full = parse_name(span.text)
    role = role_before(text[sent_start:span.start])
    if role is None and not span.possessive:
        role = role_after(text[span.end:sent_end])
    title = span.text.split()[0].rstrip(".") if len(span.text.split()) > 1 else ""
    if role is None and title in TITLE_GENDER and title.lower() in ROLE_WORDS:
        role = title.lower()
    gender = gender or (gender_of_words(role) if role else None)
    return PersonForm(span.text, core, full, gender, role, source)


def _in_quote(text: str, pos: int) -> bool:
    """Inside a direct quote of its paragraph: 'Lucy' in '"Charlie Brown, Snoopy, Linus, Lucy ..."' is no one
    a following 'His wife, Jeannie' can belong to."""
    para = text[text.rfind("\n", 0, pos) + 1:pos]
    return para.count("“") > para.count("”") or para.count('"') % 2 == 1


def _family_forms(text: str, sentences: Sequence[Sentence], starts: Sequence[int], spans: Sequence[Span],
                  people: Sequence[Named], source: str) -> list[PersonForm]:
    """'Palmer's widow, Michelle' / 'His widow Michelle' -> the form 'Michelle Palmer' (role widow)."""
    forms = []
    for sentence, base in zip(sentences, starts):
        for match in _FAMILY.finditer(sentence.text):
            owner_word, relation, first = match.groups()
            if owner_word.lower() in {"his", "her"}:
                gender = "m" if owner_word.lower() == "his" else "f"
                before = [cand for sp in spans if sp.kind == "person" and sp.end <= base + match.start()
                          and not _in_quote(text, sp.start) and (cand := match_person(sp.text, people))
                          and cand.gender in {None, gender}]
                owner = before[-1] if before else None
                if owner is not None:
                    owner.genders.append("m" if owner_word.lower() == "his" else "f")
            else:
                owner = match_person(_POSSESSIVE.sub("", owner_word), people)
            if owner is None or owner.first and owner.first.lower() == first.lower():
                continue
            surname = " ".join(parse_name(owner.name)[0][1:]) if owner.first else owner.last
            full = f"{first} {surname}"
            core = (first, *surname.split())
            forms.append(PersonForm(first, core, full, gender_of_words(relation), relation, source))
    return forms
