"""`newsfuse bench quotes`: direct quotes and their speakers on PolNeAR (political news, every attribution
annotated), newsfuse beside a nearest-name baseline, in one run. Matching rules: docs/quotes.md.

Gold: each attribution's Content span (brat .ann) is scanned for quotation marks; every quoted segment of
QUOTE_MIN_WORDS+ words is a gold direct quote, its speaker the attribution's Source span. A Source is
*named* when it holds a proper name (`source_names`); quotes with an unnamed Source ("he", "officials")
count for quote precision/recall only. A found quote matches the gold quote it overlaps most (at least
MIN_OVERLAP of the shorter of the two), one to one. A speaker is right when one of its name words is a
name word of the Source span's head (`speaker_right`).
"""

from __future__ import annotations

import argparse
import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NewsfuseError
from ..models import Article

MIN_OVERLAP = 0.5  # share of the shorter span two quotes must overlap by to match
DEFAULT_DIR = "polnear-dev"
OPEN_MARKS = "“\""
CLOSE_MARKS = "”\""
# Capitalised words that head an office, not a name: 'Secretary of State Hillary Clinton' keeps what follows 'of'.
TITLE_WORDS = frozenset(
    """secretary sen senator gov governor rep representative president former mayor chairman chairwoman speaker
    attorney general director minister vice mr mrs ms dr gen judge justice leader majority minority house senate
    democratic republican presidential candidate nominee chief executive spokesman spokeswoman press
    first lady lt col""".split()
)
PREPOSITIONS = frozenset("of from in at for with on by".split())
NOT_NAMES = frozenset(
    """he she it they we i you his her its their our my your the a an this that these those both all one some
    many most several another other each monday tuesday wednesday thursday friday saturday sunday""".split()
)


@dataclass(frozen=True)
class GoldQuote:
    start: int  # offsets in Article.text, inside the marks
    end: int
    source: str  # the Source span's text ('' when the attribution has none)
    names: frozenset[str]  # lower-cased name words of the Source's head; empty: not a named source


@dataclass
class Document:
    article: Article
    gold: list[GoldQuote] = field(default_factory=list)


# ------------------------------------------------------------------ data
def load_polnear(root: Path, split: str, limit: int | None = None) -> list[Document]:
    """The articles of one split with their gold direct quotes (first annotator's file when several)."""
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise NewsfuseError(f"{root / split}: no text/ and attributions/ folders (a PolNeAR split)")
    annotations: dict[str, Path] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        annotations.setdefault(re.sub(r"_[0-9a-f]{4}$", "", path.stem), path)
    paths = sorted(text_dir.glob("*.txt"))
    if limit is not None and 0 < limit < len(paths):  # spread over the split (files sort by outlet, then date)
        paths = [paths[i * len(paths) // limit] for i in range(limit)]
    documents = []
    for path in paths:
        if path.stem in annotations:
            documents.append(_document(path, annotations[path.stem]))
    return documents


def _document(text_path: Path, ann_path: Path) -> Document:
    raw = text_path.read_text(encoding="utf-8")
    paragraphs, origins = [], []
    for found in re.finditer(r"[^\n]+", raw):
        body = found.group().strip()
        if body:
            paragraphs.append(body)
            origins.append(found.start() + (len(found.group()) - len(found.group().lstrip())))
    article = Article(text_path.stem, str(text_path), None, text_path.stem.split("_")[0], None, tuple(paragraphs))
    starts = [0]
    for body in paragraphs[:-1]:
        starts.append(starts[-1] + len(body) + 2)

    def moved(pos: int) -> int:
        i = max(bisect.bisect_right(origins, pos) - 1, 0)
        return starts[i] + min(max(pos - origins[i], 0), len(paragraphs[i]))

    text = article.text
    return Document(article, [GoldQuote(moved(a), moved(b), source, source_names(source, raw, src_start))
                              for a, b, source, src_start in _gold_segments(raw, ann_path)
                              if len(text[moved(a):moved(b)].split()) >= _min_words()])


def _min_words() -> int:
    from ..analyse.quotes import QUOTE_MIN_WORDS

    return QUOTE_MIN_WORDS


def _gold_segments(raw: str, ann_path: Path) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, source text, source offset) of each quoted segment inside an attribution's Content."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            ranges = parts[1].split(" ", 1)[1]
            spans[parts[0]] = [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))]
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("E"):
            continue
        roles = dict(item.split(":", 1) for item in line.split("\t")[1].split() if ":" in item)
        content = spans.get(roles.get("Content", ""), [])
        source = spans.get(roles.get("Source", ""), [])
        source_text = " ".join(raw[a:b] for a, b in source)
        for a, b in content:
            for start, end in quoted_segments(raw, a, b):
                yield start, end, source_text, source[0][0] if source else -1


def quoted_segments(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Inner ranges of the double-quoted segments between a and b: an opening mark to its closing mark, the
    end of the paragraph, or b."""
    i = a
    while i < b:
        if text[i] in OPEN_MARKS and (text[i] == "“" or i == 0 or not text[i - 1].isalnum()):
            j = i + 1
            while j < b and text[j] != "\n" and not (text[j] in CLOSE_MARKS and (text[j] == "”" or j + 1 >= len(text)
                                                                                  or not text[j + 1].isalnum())):
                j += 1
            yield i + 1, j
            i = j + 1
        else:
            i += 1


def source_names(source: str, raw: str, offset: int) -> frozenset[str]:
    """Lower-cased name words of a Source span's head: capitalised words, less pronouns, determiners, titles
    and words in parentheses; less a capitalised word that only qualifies the lower-case noun after it
    ('the Florida senator', 'Trump spokeswoman Hope Hicks' -> {hope, hicks}, 'the school's Facebook post');
    less a place after a name ('Mike Pence of Indiana' -> {mike, pence}); less a sentence-initial word that
    the article never writes capitalised mid-sentence ('Officials said')."""
    source = re.sub(r"\([^)]*\)", " ", source)
    words = list(re.finditer(r"[A-Za-z][\w.’'-]*", source))
    names: list[str] = []
    seen_name = False
    after_preposition = dropped_run = False
    for k, found in enumerate(words):
        clean = re.sub(r"(?:['’]s?|\.)$", "", found.group())
        low = clean.lower()
        if not clean[:1].isupper() or low in NOT_NAMES:
            after_preposition = low in PREPOSITIONS or (after_preposition and low == "the")
            dropped_run = False
            continue
        if after_preposition:  # a run of capitalised words right after a preposition
            dropped_run, after_preposition = seen_name, False
        nxt = words[k + 1] if k + 1 < len(words) else None
        qualifies = (nxt is not None and nxt.group()[:1].islower() and nxt.group().lower() not in PREPOSITIONS
                     and nxt.group().lower() not in NOT_NAMES | {"and", "who", "said", "says"}
                     and not re.search(r"[,;:]", source[found.end():nxt.start()]))
        if qualifies or dropped_run or low in TITLE_WORDS:
            continue  # a qualifier, a place or employer after a name, or an office
        names.append(low)
        seen_name = True
    first = words[0].group() if words else ""
    if names and offset >= 0 and re.sub(r"(?:['’]s?|\.)$", "", first).lower() == names[0] \
            and _sentence_initial(raw, offset) and not re.search(r"(?<=[a-z,;] )" + re.escape(first) + r"\b", raw):
        names = names[1:]
    return frozenset(names)


def _sentence_initial(raw: str, offset: int) -> bool:
    before = raw[:offset].rstrip(" “\"")
    return not before or before[-1] in ".?!\n"


def speaker_right(found: str | None, gold: GoldQuote) -> bool:
    """Some name word of the found speaker (titles aside) is a name word of the gold Source's head."""
    if not found or not gold.names:
        return False
    words = {re.sub(r"(?:['’]s?|\.)$", "", w).lower() for w in re.findall(r"[A-Za-z][\w.’'-]*", found)}
    return bool((words - TITLE_WORDS) & gold.names)


# ------------------------------------------------------------------ systems
@dataclass(frozen=True)
class Found:
    start: int
    end: int
    speaker: str | None


def newsfuse_quotes(documents: Sequence[Document]) -> tuple[list[list[Found]], list[list[Found]]]:
    """newsfuse's quotes and the nearest-name baseline's speakers for the same quotes, per document."""
    from ..analyse.entities import article_names
    from ..analyse.nlp import article_layers, load_nlp, parse_paragraphs
    from ..analyse.quotes import QUOTE_MIN_WORDS, quote_records
    from ..settings import DEFAULT

    nlp = load_nlp(DEFAULT.spacy_model)
    ours, nearest = [], []
    for chunk_start in range(0, len(documents), 50):
        chunk = [d.article for d in documents[chunk_start:chunk_start + 50]]
        for article, paragraph_docs in zip(chunk, parse_paragraphs(nlp, chunk)):
            sentences, mentions, docs = article_layers(article, paragraph_docs)
            names = article_names(article, sentences, mentions)
            records = [(s, q) for s, q in quote_records(article, sentences, mentions, names, docs)
                       if len(q.text.split()) >= QUOTE_MIN_WORDS]
            ours.append([Found(s.parts[0][0], s.parts[-1][1], q.speaker) for s, q in records])
            people = [sp for sp in names.spans if sp.kind == "person"
                      and not any(s.start < sp.start < s.end for s, _ in records)]
            nearest.append([Found(s.parts[0][0], s.parts[-1][1], _nearest(people, s.start, s.end))
                            for s, _ in records])
    return ours, nearest


def _nearest(people: Sequence[Any], start: int, end: int) -> str | None:
    """The person named nearest the quote, before or after it."""
    if not people:
        return None
    best = min(people, key=lambda sp: start - sp.end if sp.end <= start else max(sp.start - end, 0))
    return str(best.text)


# ------------------------------------------------------------------ scoring
def match(found: Sequence[Found], gold: Sequence[GoldQuote]) -> dict[int, int]:
    """found index -> gold index, one to one, largest overlaps first."""
    scored = []
    for i, f in enumerate(found):
        for j, g in enumerate(gold):
            overlap = min(f.end, g.end) - max(f.start, g.start)
            shorter = min(f.end - f.start, g.end - g.start)
            if shorter > 0 and overlap >= MIN_OVERLAP * shorter:
                scored.append((overlap, i, j))
    pairs: dict[int, int] = {}
    for _, i, j in sorted(scored, reverse=True):
        if i not in pairs and j not in pairs.values():
            pairs[i] = j
    return pairs


def score(documents: Sequence[Document], found: Sequence[Sequence[Found]]) -> dict[str, float]:
    """Quote P/R, speaker accuracy on matched named-source quotes, quote+speaker P/R/F1 (docs/quotes.md)."""
    n_found = n_gold = n_match = n_named_gold = n_named_match = n_right = n_judged_found = n_none = 0
    for doc, quotes in zip(documents, found):
        pairs = match(quotes, doc.gold)
        n_found, n_gold, n_match = n_found + len(quotes), n_gold + len(doc.gold), n_match + len(pairs)
        n_named_gold += sum(1 for g in doc.gold if g.names)
        unnamed = {i for i, j in pairs.items() if not doc.gold[j].names}
        n_judged_found += len(quotes) - len(unnamed)
        named_pairs = [(quotes[i], doc.gold[j]) for i, j in pairs.items() if i not in unnamed]
        n_named_match += len(named_pairs)
        n_right += sum(speaker_right(f.speaker, g) for f, g in named_pairs)
        n_none += sum(1 for f in quotes if not f.speaker)
    p = n_right / n_judged_found if n_judged_found else 0.0
    r = n_right / n_named_gold if n_named_gold else 0.0
    return {
        "articles": len(documents), "gold_quotes": n_gold, "named_gold": n_named_gold, "found": n_found,
        "quote_p": n_match / n_found if n_found else 0.0, "quote_r": n_match / n_gold if n_gold else 0.0,
        "speaker_acc": n_right / n_named_match if n_named_match else 0.0,
        "qs_p": p, "qs_r": r, "qs_f1": 2 * p * r / (p + r) if p + r else 0.0, "no_speaker": n_none,
    }


def errors(documents: Sequence[Document], found: Sequence[Sequence[Found]]) -> Iterator[str]:
    """One line per wrong speaker on a named-source quote, for reading (train split only)."""
    for doc, quotes in zip(documents, found):
        text = doc.article.text
        for i, j in match(quotes, doc.gold).items():
            gold = doc.gold[j]
            if gold.names and not speaker_right(quotes[i].speaker, gold):
                said = text[gold.start:gold.end][:70]
                yield f"{doc.article.id}\t{quotes[i].speaker!r}\tgold={gold.source!r}\t{said!r}"


# ------------------------------------------------------------------ CLI
def add_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = kinds.add_parser("quotes", help="direct quotes and speakers on PolNeAR beside a nearest-name baseline")
    parser.add_argument("--data", default=None, help=f"PolNeAR folder (default ../shared/data/{DEFAULT_DIR})")
    parser.add_argument("--split", default="dev", help="train | dev (default dev)")
    parser.add_argument("--limit", type=int, default=None, help="N articles spread over the split")
    parser.add_argument("--errors", action="store_true", help="print each wrong speaker (never on dev when tuning)")
    parser.add_argument("--gold", action="store_true", help="also run the labelled quote set (bench/quotes_eval)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .data import default_data_path

    root = Path(args.data) if args.data else Path(default_data_path(DEFAULT_DIR))
    documents = load_polnear(root, args.split, args.limit)
    if not documents:
        raise NewsfuseError(f"{root / args.split}: no annotated articles")
    ours, nearest = newsfuse_quotes(documents)
    print(f"PolNeAR {args.split}: {len(documents)} articles")
    print(f"{'system':<14}{'quotes':>7}{'gold':>6}{'named':>6}{'quote P':>9}{'quote R':>9}{'spk acc':>9}"
          f"{'Q+S P':>8}{'Q+S R':>8}{'Q+S F1':>8}{'no spk':>8}")
    for name, found in (("newsfuse", ours), ("nearest-name", nearest)):
        s = score(documents, found)
        print(f"{name:<14}{s['found']:>7}{s['gold_quotes']:>6}{s['named_gold']:>6}{s['quote_p']:>9.3f}"
              f"{s['quote_r']:>9.3f}{s['speaker_acc']:>9.3f}{s['qs_p']:>8.3f}{s['qs_r']:>8.3f}{s['qs_f1']:>8.3f}"
              f"{s['no_speaker']:>8}")
    if args.errors:
        for line in errors(documents, ours):
            print(line)
    if args.gold:
        from .facts import DEFAULT_QUOTES_GOLD
        from .quotes_eval import evaluate_quotes

        result = evaluate_quotes(DEFAULT_QUOTES_GOLD)
        print(f"labelled quote set: quote P {result['quote_precision']:.3f} R {result['quote_recall']:.3f}, "
              f"quote+speaker P {result['speaker_precision']:.3f} R {result['speaker_recall']:.3f}")
    return 0
