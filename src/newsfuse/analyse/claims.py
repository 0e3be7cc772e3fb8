"""Atomic claims: one subject-predicate-object statement per clause, split from the dependency parse.

A sentence such as "Palmer was on duty on 22 March 2017 when Khalid Masood ran through a gate and stabbed him"
holds three claims; each keeps its own numbers, dates and names (`Claim.values`) so that the align stage can
match paraphrases across outlets and compare the values of claims about the same thing.

Values are `(kind, payload)` pairs; payloads carry an anchor after a "|" where the comparison needs one:
    ("date", "2017-03-22|22nd March 2017")  ISO date or a coarser prefix ("2018-10", "2017", "--03-22") | surface
    ("number", "5|people||five")      value | unit lemma | "~" when hedged ("about 500") | surface
    ("age", "48|palmer|48")           age | surname of the person it is given for | surface
    ("agent", "officer|a police officer")   head lemma (or surname) | phrase: who did it (passive "by X" or subject)
    ("patient", "masood")             lemma key of who/what it was done to
    ("entity", "mark lucraft|Mark Lucraft QC")  a named entity, titles dropped | surface
    ("pronoun", "palmer")             what a personal pronoun in the clause was resolved to
    ("referent", "michelle palmer")   the whole name a he/she subject was resolved to (for display)
    ("form", "statement")             "statement": the clause has a subject and a finite verb; else "fragment"
    ("lemmas", "inquest october 2018 conclude ...")  content lemmas of the clause, for alignment
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ..models import Article, Claim, Mention, Sentence
from ..text.dates import MONTHS, SCALES
from .datelines import dateline_end

# Dependency labels that start a clause of their own.
CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "relcl", "pcomp", "parataxis"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd", "acomp", "dative"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBORDINATE_DEPS = frozenset({"advcl", "pcomp"})
# Reporting verbs: "X said Y" yields the claim Y (attribution kept only when Y has no verb of its own).
REPORTING_VERBS = frozenset(
    "say tell add state claim report announce confirm insist argue explain note believe think write warn "
    "acknowledge admit suggest reveal allege accuse deny".split()
)
READER_WORDS = frozenset({"we", "our", "us", "you", "your", "ours", "yours"})
PERSONAL_SUBJECTS = frozenset({"i", "we", "you", "us", "me"})  # boilerplate and opinions, not story facts
HE_PRONOUNS = frozenset({"he", "him", "his"})
SHE_PRONOUNS = frozenset({"she", "her", "hers"})
FEMALE_CUES = frozenset(
    "widow wife mother daughter sister woman girl mrs ms miss lady queen actress grandmother aunt niece "
    "girlfriend businesswoman congresswoman chairwoman spokeswoman".split()
)
TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady pc dc ds dci sgt sergeant qc kc mp prof professor rev president "
    "senator sen rep gov governor chief officer constable inspector det judge justice gen lt col capt".split()
)
NAME_SUFFIXES = frozenset({"jr", "sr"})  # part of a name, not content; kept in name keys (Jr. is not Sr.)
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "a dozen": 12, "dozens": 24,
}
HEDGES = frozenset(
    "about around approximately roughly nearly almost some estimated over more than least up to close "
    "under less fewer upwards+ circa c. approx".split()
)
HEDGE_PHRASES = (
    ("more than", ">"), ("over", ">"), ("at least", ">"), ("upwards of", ">"), ("in excess of", ">"),
    ("less than", "<"), ("fewer than", "<"), ("under", "<"), ("up to", "<"), ("at most", "<"),
    ("nearly", "~"), ("almost", "~"), ("about", "~"), ("around", "~"), ("approximately", "~"), ("roughly", "~"),
    ("some", "~"), ("an estimated", "~"), ("estimated", "~"), ("close to", "~"), ("circa", "~"),
)
MIN_CLAIM_TOKENS = 3
NAME_STOP = frozenset({"the", "of", "and", "for", "in", "on", "at"})
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
Person = tuple[str, bool, int]  # name key, looks female, token offset (-1 when from an earlier sentence)


def find_claims(article: Article, sentences: Sequence[Sentence], mentions: Sequence[Mention],
                nlp: Any, docs: Sequence[Any] | None = None) -> list[Claim]:
    """Split every sentence into claims. `docs` (one per sentence, from analyse.nlp.parse_article_docs) reuses
    the paragraph parse; without them each sentence is parsed again."""
    claims: list[Claim] = []
    context: list[Person] = []  # recent sentence subjects that are people, for pronoun resolution
    if docs is None or len(docs) != len(sentences):
        docs = list(nlp.pipe([s.text for s in sentences], batch_size=64))
    known = known_people(mentions)
    for sentence, doc in zip(sentences, docs):
        people = _people(doc, known)
        for claim in sentence_claims(doc, sentence.index, context, article.date, known, people):
            claims.append(claim)
        context = [(k, f, -1) for k, f, _ in people][-3:] or context
    return claims


def known_people(mentions: Sequence[Mention]) -> frozenset[str]:
    """Words of the article's PERSON names: a later bare 'Masood' the tagger missed is still a person."""
    return frozenset(w for m in mentions if m.label == "PERSON" for w in name_key(m.text).split() if len(w) > 2)


def sentence_claims(doc: Any, index: int, context: Sequence[Person] = (), article_date: str | None = None,
                    known: frozenset[str] = frozenset(), people: list[Person] | None = None) -> list[Claim]:
    """The claims of one parsed sentence, in reading order (`people`: its `_people`, when already known)."""
    heads = [t for t in doc if _is_clause_head(t)]
    if not heads:
        return []
    people = _people(doc, known) if people is None else people
    dateline = dateline_end(doc.text)
    heads = [t for t in heads if t.idx >= dateline]
    head_set = {t.i for t in heads}
    quoted = _quoted_tokens(doc)
    if any(word in READER_WORDS and i not in quoted for i, word in enumerate(_lower_words(doc))):
        return []  # "we need your help", "you can support us": the outlet talking to its readers
    claims = []
    for head in heads:
        if _is_reporting_shell(head, head_set):
            continue
        tokens = _clause_tokens(head, head_set)
        tokens = [t for t in tokens if not _dangling(t, head_set) and t.idx >= dateline]
        subject = _subject(head)
        text, subject_text = _clause_text(head, tokens, subject)
        inherited = 1 if subject is not None and subject.i not in {t.i for t in tokens} else 0
        if len([t for t in tokens if not t.is_punct]) + inherited < MIN_CLAIM_TOKENS:
            continue
        if subject is not None and subject.lower_ in PERSONAL_SUBJECTS:
            continue
        if subject is None and head.dep_ == "ROOT" and head.tag_ == "VB":  # imperative: "Click here"
            continue
        if all(t.i in quoted for t in tokens if not t.is_punct) and _first_person(tokens):
            continue
        values = _values(doc, head, tokens, subject, context, article_date, people)
        values += (("form", "statement" if is_statement(head, subject) else "fragment"),)
        if subject is not None and subject.lower_ in HE_PRONOUNS | SHE_PRONOUNS:
            referent = _resolve(subject, people, context, full=True)
            values += (("referent", referent),) if referent else ()
        claims.append(Claim(text, subject_text, _predicate(head), _object_text(head, head_set), index, values))
    return claims


# ----------------------------------------------------------------- clause split
def _is_clause_head(token: Any) -> bool:
    """A verb (or a copula's complement) that starts a clause: the root, a coordinated or subordinate verb."""
    if token.dep_ not in CLAUSE_DEPS:
        return False
    if token.dep_ == "ROOT":
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ == "conj" and token.head.pos_ not in ("VERB", "AUX"):
        return False
    if token.dep_ == "advcl" and token.i < token.head.i and token.tag_ in ("VBG", "VBN") and not any(
            c.dep_ in SUBJECT_DEPS or c.dep_ == "mark" for c in token.children):
        return False  # "Speaking after the inquest, Basu praised ...": a frame, not a claim of its own
    return True


def _is_reporting_shell(head: Any, head_set: set[int]) -> bool:
    """'He said: <parataxis clause>': the saying alone is attribution; the quoted clause is the claim."""
    if head.lemma_.lower() not in REPORTING_VERBS:
        return False
    return any(c.i in head_set and c.dep_ == "parataxis" for c in head.children)


def _clause_tokens(head: Any, head_set: set[int]) -> list[Any]:
    """The head's subtree minus the subtrees of nested clause heads."""
    out = []
    stack = [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.i in head_set and child is not head:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _dangling(token: Any, head_set: set[int]) -> bool:
    """Connectives left behind by a split: 'and', 'when', 'before' whose clause went elsewhere."""
    if token.dep_ in ("cc", "preconj"):
        return any(c.dep_ == "conj" and c.i in head_set for c in token.head.children)
    if token.dep_ == "mark" or (token.dep_ == "advmod" and token.tag_ == "WRB"):
        return token.head.i in head_set and token.head.dep_ != "ROOT"
    if token.dep_ == "prep" and any(c.i in head_set for c in token.children) and not any(
            c.i not in head_set and c.dep_ != "punct" for c in token.children):
        return True
    return False


def _subject(head: Any) -> Any | None:
    """The clause's subject token; inherited from the first conjunct or the governing clause when absent."""
    seen = 0
    token = head
    while token is not None and seen < 6:
        seen += 1
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
                if child.tag_ in ("WDT", "WP") or child.lower_ == "that":  # relative pronoun
                    return token.head if token.dep_ == "relcl" else child
                return child
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ in ("conj", "advcl", "pcomp", "xcomp") or (token.dep_ == "ccomp" and False):
            token = token.head if token.dep_ != "pcomp" else token.head.head
            continue
        return None
    return None


def _clause_text(head: Any, tokens: list[Any], subject: Any | None) -> tuple[str, str]:
    """Readable clause text; an inherited subject is put in front ("Masood stabbed him")."""
    token_ids = {t.i for t in tokens}
    subject_tokens: list[Any] = []
    if subject is not None:
        subject_tokens = [t for t in subject.subtree if not (t.dep_ == "relcl" or t.head.dep_ == "relcl")]
        subject_tokens = [t for t in _np_tokens(subject)]
    subject_text = _join(subject_tokens)
    # the relative pronoun of a relative clause gives way to its antecedent ("who stabbed him" -> "Masood
    # stabbed him"); any other "who" ("would not discuss who is making the claim") is part of the text
    words = [t for t in tokens if not (t.tag_ in ("WDT", "WP") and t.dep_ in SUBJECT_DEPS
                                       and t.head.i == head.i and head.dep_ == "relcl")]
    if subject is not None and subject.i not in token_ids:
        return _tidy(subject_text + " " + _join(words)), subject_text
    return _tidy(_join(words)), subject_text


def is_statement(head: Any, subject: Any | None) -> bool:
    """A clause a reader can take as a sentence: a subject and a finite verb. 'PC Palmer suffering fatal
    injuries' or 'Michelle to raise their daughter' are fragments of a larger sentence."""
    if subject is None or head.dep_ in SUBORDINATE_DEPS:
        return False  # "(if) they had been there", "(before) stabbing him": conditions and frames
    if head.tag_ in FINITE_TAGS:
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in head.children)


def _np_tokens(token: Any) -> list[Any]:
    """A noun phrase without its relative clauses and appositions' clauses."""
    out = []
    stack = [token]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "punct", "cc", "conj", "advcl")
                     or (c.dep_ == "conj" and t is token and c.pos_ in ("PROPN", "NOUN")))
    return sorted(out, key=lambda t: t.i)


def _core_np(token: Any) -> list[Any]:
    """The noun with its determiners, adjectives and compounds only: 'a close protection officer'."""
    return [t for t in token.subtree if t.i <= token.i and not t.is_punct]


def _join(tokens: Iterable[Any]) -> str:
    """Tokens back to text: original spacing between neighbours, one space across a gap."""
    out: list[str] = []
    previous = None
    for token in tokens:
        if previous is not None:
            out.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        out.append(token.text)
        previous = token
    return "".join(out).strip()


def _tidy(text: str) -> str:
    """Clean the seams a split leaves: doubled or edge punctuation, unbalanced quotes, lower-case start."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(\s*[,;:])+", r"\1", text)
    text = re.sub(r"[,;:]\s*([.?!])", r"\1", text)
    if (text.count("“") + text.count("”")) % 2 or text.count('"') % 2:
        text = re.sub(r"[\"“”]", "", text)
    text = re.sub(r"[\"“”]\s*[\"“”]", "", text)
    text = text.strip(" ,;:-–—")
    if re.fullmatch(r"[\"“].*[\"”]", text):
        text = text[1:-1].strip()
    return text[:1].upper() + text[1:] if text else text


def _predicate(head: Any) -> str:
    """Head lemma plus particle and negation ('not discuss', 'run over'); for 'X told Y (that) Z', Z's."""
    if head.lemma_.lower() in REPORTING_VERBS:
        content = next((c for c in head.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if content is not None:
            return _predicate(content)
    parts = [head.lemma_.lower()]
    for child in head.children:
        if child.dep_ == "prt":
            parts.append(child.lower_)
        if child.dep_ == "neg":
            parts.insert(0, "not")
    if head.lemma_.lower() == "be":
        attr = [c for c in head.children if c.dep_ in ("attr", "acomp")]
        if attr:
            parts.append(attr[0].lemma_.lower())
    return " ".join(parts)


def _object_text(head: Any, head_set: set[int]) -> str:
    for child in head.children:
        if child.dep_ in OBJECT_DEPS:
            return _join(_np_tokens(child))
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return _join(_np_tokens(objs[0]))
    for child in head.children:
        if child.dep_ == "prep":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return _join([child] + _np_tokens(objs[0]))
    return ""


def _lower_words(doc: Any) -> list[str]:
    """Each token's lower-case form (Token.lower_), read without making a Token object per word."""
    from spacy.attrs import LOWER

    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(LOWER).tolist()]


def _quoted_tokens(doc: Any) -> set[int]:
    inside = False
    out: set[int] = set()
    for token in doc:
        if token.text in ('"', "“", "”"):
            inside = token.text != "”" and not (inside and token.text == '"')
            continue
        if inside:
            out.add(token.i)
    return out


def _first_person(tokens: Sequence[Any]) -> bool:
    return any(t.lower_ in ("i", "we", "me", "us", "my", "our") for t in tokens)


# ----------------------------------------------------------------- values
def _values(doc: Any, head: Any, tokens: list[Any], subject: Any | None, context: Sequence[Person],
            article_date: str | None, people: Sequence[Person]) -> tuple[tuple[str, str], ...]:
    """Dates, numbers, ages, agent/patient and names of one clause (see the module docstring)."""
    ids = {t.i for t in tokens}
    if subject is not None:
        ids |= {t.i for t in _np_tokens(subject)}  # an inherited subject's names and dates belong to the claim
    values: list[tuple[str, str]] = []
    for ent in doc.ents:
        if ent.start not in ids:
            continue
        if ent.label_ == "DATE":
            date = normalise_date(ent.text, article_date)
            if date:
                values.append(("date", f"{date}|{ent.text}"))
        elif ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT"):
            key = name_key(ent.text)
            if key:
                values.append(("entity", f"{key}|{ent.text}"))
    values += _numbers(doc, tokens, ids)
    values += _ages(doc, tokens, ids)
    content = _reported_content(head)
    values += _roles(content, _subject(content), people, context) if content is not None else \
        _roles(head, subject, people, context)
    values += _pronouns(tokens, people, context)
    ids_all = ids | ({t.i for t in _np_tokens(subject)} if subject is not None else set())
    ids_all -= _attribution(head, subject)
    values.append(("lemmas", " ".join(_lemmas([doc[i] for i in sorted(ids_all)]))))
    return tuple(dict.fromkeys(values))


def _reported_content(head: Any) -> Any | None:
    """'X told the paper (that) Y did Z': the verb of what was said, whose doer is the claim's agent (not X)."""
    if head.lemma_.lower() not in REPORTING_VERBS:
        return None
    return next((c for c in head.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in ("VERB", "AUX")),
                None)


def _attribution(head: Any, subject: Any | None) -> set[int]:
    """'Palmer's widow, Michelle, said (that) ...': the saying and the sayer are not what is claimed."""
    if head.lemma_.lower() not in REPORTING_VERBS:
        return set()
    if not any(c.dep_ in ("ccomp", "xcomp", "parataxis", "dobj") and c.pos_ in ("VERB", "AUX", "NOUN")
               for c in head.children):
        return set()
    out = {head.i}
    if subject is not None:
        out |= {t.i for t in subject.subtree}
    return out


def _lemmas(tokens: Sequence[Any]) -> list[str]:
    """Content lemmas (nouns, names, verbs, adjectives, numbers), lower-cased, titles and stop words out."""
    out = []
    for token in tokens:
        if token.pos_ not in CONTENT_POS or token.is_stop or len(token.text) < 2 or token.like_num \
                or token.ent_type_ in ("DATE", "TIME"):
            continue
        lemma = token.lemma_.lower() if token.pos_ != "PROPN" else token.lower_
        lemma = lemma[:-2] if lemma.endswith("'s") or lemma.endswith("’s") else lemma
        bare = lemma.rstrip(".")  # "Gov." and the initial "W." of "George W. Bush" are name parts too
        if bare in TITLES or bare in NAME_SUFFIXES or len(bare) < 2 or not any(ch.isalnum() for ch in lemma):
            continue  # a bare "’s" too
        out.append(lemma)
    return out


def name_key(text: str) -> str:
    """'PC Keith Palmer' -> 'keith palmer', 'Mark Lucraft QC' -> 'mark lucraft': names without titles."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", text.lower()) if w not in TITLES and w not in NAME_STOP]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return " ".join(words)


def _numbers(doc: Any, tokens: list[Any], ids: set[int]) -> list[tuple[str, str]]:
    out = []
    for token in tokens:
        if token.pos_ != "NUM" and token.like_num is False:
            continue
        if token.ent_type_ == "ORDINAL" or _is_age(token) or _in_calendar_date(token):
            continue
        if token.dep_ == "compound" and token.head.pos_ == "NUM":
            continue  # "2.7 million": handled at the head
        if token.lower_ == "one" and token.dep_ != "nummod":
            continue  # "one of five people", "no one knows", "the sham one": a pronoun, not a count
        tally = _tally(token)
        if tally:
            out.append(("number", f"{tally}|tally||{tally}"))
            continue
        if _in_tally(token):
            continue
        value = parse_number(_number_phrase(token))
        if value is None:
            continue
        unit = token.head.lemma_.lower() if token.dep_ in ("nummod", "quantmod") else ""
        if token.dep_ in ("pobj", "dobj", "nsubj", "attr") or not unit:
            unit = next((c.lemma_.lower() for c in token.children if c.dep_ == "prep"), unit)
        if token.ent_type_ in ("MONEY", "PERCENT"):
            unit = token.ent_type_.lower()
        hedged = _hedge(token)
        out.append(("number", f"{_fmt(value)}|{unit}|{hedged}|{_number_phrase(token)}"))
    return out


def _tally(token: Any) -> str:
    """'52-48' (a vote or a score), read at its first number."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text in ("-", "–", "to") and doc[token.i + 2].like_num \
            and token.text.isdigit() and doc[token.i + 2].text.isdigit():
        return f"{token.text}-{doc[token.i + 2].text}"
    return ""


def _in_tally(token: Any) -> bool:
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text in ("-", "–", "to") and bool(_tally(doc[token.i - 2]))


def _in_calendar_date(token: Any) -> bool:
    """A number inside '22 March 2017' is a date; inside '82 seconds' or 'four weeks' it is a number."""
    if token.ent_type_ not in ("DATE", "TIME"):
        return False
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    return ent is None or bool(normalise_date(ent.text)) or ent.label_ == "TIME" and ":" in ent.text


def _number_phrase(token: Any) -> str:
    parts = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NUM"]
    return " ".join(t.text for t in sorted(parts + [token], key=lambda t: t.i))


def _hedge(token: Any) -> str:
    """'>' for a lower bound ('more than 15,000'), '<' for an upper bound ('up to'), '~' for 'about', ''."""
    left = " ".join(t.lower_ for t in token.doc[max(0, token.i - 3):token.i])
    for phrase, mark in HEDGE_PHRASES:
        if left.endswith(phrase):
            return mark
    words = {c.lower_ for c in token.children if c.dep_ in ("advmod", "quantmod", "amod")}
    return "~" if words & HEDGES else ""


def parse_number(text: str) -> float | None:
    """'five' -> 5, '1,200' -> 1200, '2.7 million' -> 2.7e6, '500k' -> 5e5; None when not a number."""
    text = text.lower().replace(",", "").strip()
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    m = re.fullmatch(r"[£$€]?(\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|trillion|k|m|bn)?", text)
    if m:
        return float(m.group(1)) * SCALES.get(m.group(2) or "", 1)
    m = re.fullmatch(r"([a-z]+)[\s-]([a-z]+)", text)
    if m and m.group(1) in NUMBER_WORDS and m.group(2) in NUMBER_WORDS:
        return float(NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)])
    if m and m.group(1) in NUMBER_WORDS and m.group(2) in SCALES:
        return float(NUMBER_WORDS[m.group(1)] * SCALES[m.group(2)])
    return None


def _fmt(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):  # a 400-digit number parses as inf (issue 17)
        return str(value)
    return str(int(value)) if value == int(value) else f"{value:g}"


def _is_age(token: Any) -> bool:
    """'Palmer, 48,' (apposition to a name), '48 years old', 'aged 48', '48-year-old'."""
    if not token.like_num:
        return False
    if token.dep_ in ("appos", "npadvmod", "amod") and token.head.pos_ == "PROPN":
        return True
    nxt = token.doc[token.i + 1:token.i + 3]
    followed_by_old = any(t.lower_ == "old" for t in token.doc[token.i:token.i + 4])
    if any(t.lower_ in ("years", "year") for t in nxt[:1]) and followed_by_old:
        return True
    if token.i > 0 and token.doc[token.i - 1].lower_ == "aged":
        return True
    return bool(re.fullmatch(r"\d+-year-old", token.text))


def _ages(doc: Any, tokens: list[Any], ids: set[int]) -> list[tuple[str, str]]:
    out = []
    for token in tokens:
        if not _is_age(token):
            continue
        value = parse_number(token.text.split("-")[0])
        if value is None or not 0 < value < 130:
            continue
        person = _age_owner(token)
        if person:
            out.append(("age", f"{_fmt(value)}|{person}|{token.text}"))
    return out


def _age_owner(token: Any) -> str:
    """The surname the age is given for: the proper noun it is attached to or the clause subject."""
    node = token
    for _ in range(4):
        node = node.head
        if node.pos_ == "PROPN":
            return (name_key(node.text).split() or [""])[-1]
        if node.dep_ == "ROOT":
            break
    subj = _subject(node) if node is not None else None
    if subj is None or not (subj.pos_ == "PROPN" or subj.ent_type_ == "PERSON" or subj.is_title):
        return ""
    return name_key(subj.text).split()[-1] if name_key(subj.text) else ""


def _roles(head: Any, subject: Any | None, people: Sequence[Person], context: Sequence[Person]
           ) -> list[tuple[str, str]]:
    """Who did it (agent) and to whom (patient), from active or passive voice."""
    out: list[tuple[str, str]] = []
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    agent = None
    patient = None
    if passive:
        by = [t for t in head.subtree if t.dep_ == "agent"]  # "12 were killed and 48 injured by the explosives"
        if by:
            agent = next((c for c in by[0].children if c.dep_ == "pobj"), None)
        patient = subject
    else:
        agent = subject
        patient = next((c for c in head.children if c.dep_ == "dobj"), None)
    if agent is not None and agent.pos_ in ("NOUN", "PROPN", "PRON"):
        out.append(("agent", f"{_role_key(agent, people, context)}|{_join(_core_np(agent))}"))
    if patient is not None and patient.pos_ in ("NOUN", "PROPN", "PRON"):
        out.append(("patient", _role_key(patient, people, context)))
    return out


def _role_key(token: Any, people: Sequence[Person], context: Sequence[Person]) -> str:
    if token.pos_ == "PRON":
        return _resolve(token, people, context) or token.lower_
    if token.pos_ == "PROPN" or token.ent_type_ == "PERSON":
        surname = name_key(token.text)
        return surname or token.lemma_.lower()
    return token.lemma_.lower()


def _pronouns(tokens: list[Any], people: Sequence[Person], context: Sequence[Person]) -> list[tuple[str, str]]:
    out = []
    for token in tokens:
        if token.lower_ in HE_PRONOUNS | SHE_PRONOUNS:
            resolved = _resolve(token, people, context)
            if resolved:
                out.append(("pronoun", resolved))
    return out


def _resolve(token: Any, people: Sequence[Person], context: Sequence[Person], full: bool = False) -> str:
    """Nearest earlier person of matching gender, never the clause's own subject for an object pronoun: the
    surname (an alignment key), or the whole name key with `full` (for display)."""
    if token.lower_ not in HE_PRONOUNS | SHE_PRONOUNS:
        return ""
    want_female = token.lower_ in SHE_PRONOUNS
    own_subject = _subject(token.head) if token.dep_ in ("dobj", "pobj") else None
    own = name_key(own_subject.text).split()[-1:] if own_subject is not None else []
    candidates = list(context) + [p for p in people if p[2] < token.i]
    for key, female, _start in reversed(candidates):
        if female != want_female or (own and key.split()[-1:] == own):
            continue
        return key if full else key.split()[-1]
    return ""


def _people(doc: Any, known: frozenset[str] = frozenset()) -> list[Person]:
    """People named in a sentence as (name key, looks female, token offset), in reading order."""
    out = []
    for ent in doc.ents:
        key = name_key(ent.text) if ent.label_ == "PERSON" else ""
        if not key:
            continue
        window = {t.lower_ for t in doc[max(0, ent.start - 3):ent.end + 2]}
        window |= {c.lower_ for t in ent for c in t.children} | {ent.root.head.lower_}
        out.append((key, bool(window & FEMALE_CUES), ent.start))
    named = {p[2] for p in out}
    for token in doc:  # the small model misses some names: a proper-noun subject is a person candidate too
        if token.dep_ in ("nsubj", "nsubjpass") and token.ent_type_ in ("", "PERSON") and (
                token.pos_ == "PROPN" or token.is_title and token.lower_ in known):
            span = [t for t in token.lefts if t.dep_ == "compound"] + [token]
            if span[0].i not in named and name_key(" ".join(t.text for t in span)):
                window = {t.lower_ for t in doc[max(0, span[0].i - 3):token.i + 2]}
                out.append((name_key(" ".join(t.text for t in span)), bool(window & FEMALE_CUES), span[0].i))
    return sorted(out, key=lambda p: p[2])


# ----------------------------------------------------------------- dates
def normalise_date(text: str, article_date: str | None = None) -> str:
    """'22 March 2017', 'March 22 2017', '22nd March', 'October 2018', '2017' -> ISO (or '--MM-DD')."""
    words = re.findall(r"[A-Za-z]+|\d+", text.lower())
    year = next((w for w in words if re.fullmatch(r"(19|20)\d\d", w)), None)
    month = next((MONTHS[w] for w in words if w in MONTHS and w != "may" or (w == "may" and len(words) > 1)), None)
    day = None
    if month:
        for w in re.findall(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text.lower()):
            if 1 <= int(w) <= 31:
                day = int(w)
                break
    if year and month and day:
        return f"{year}-{month:02d}-{day:02d}"
    if year and month:
        return f"{year}-{month:02d}"
    if month and day:
        return f"--{month:02d}-{day:02d}"
    if year and len(words) <= 2:
        return year
    return ""
