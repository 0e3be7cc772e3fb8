"""`newsfuse bench facts`: fact support, conflicts and variants on a hand-labelled set, newsfuse beside
simple peers in the same run, plus the loaded-wording check on AllSides and (when present) quotes+speakers.

The labelled set (bench/data/facts-gold.jsonl) holds one story per line with the articles' text:
- facts: a snippet of one article and every article that states the same claim (its support);
- pairs: two snippets from two articles, labelled "conflict" (a value really differs) or "variant"
  (compatible: more specific, rounded, a title added, a subset). Constructed cases (one number or date
  edited in a copy of a real article) say so in "constructed".

Peers: support by exact sentence match, and by whole-sentence support (newsfuse.align.support, what
the summary's citations use); conflicts by "any differing number" between overlapping sentences.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import Article, ArticleAnalysis, Discrepancy, Side

REPO = Path(__file__).resolve().parents[3]
DEFAULT_GOLD = REPO / "bench" / "data" / "facts-gold.jsonl"
DEFAULT_HELDOUT = REPO / "bench" / "data" / "facts-heldout.jsonl"
DEFAULT_QUOTES_GOLD = REPO / "bench" / "data" / "quotes-gold.jsonl"
SNIPPET_MATCH = 0.5  # share of the snippet's words a claim or sentence must hold to stand for it
BASELINE_OVERLAP = 0.5  # the peers' word-overlap threshold (as the support baseline's default)
_WORD = re.compile(r"[a-z0-9]+")
_FUNCTION_WORDS = frozenset(
    "a an the and or but of to in on at for with by from as is was were are be been has had have it its this that "
    "he she they his her their who which said says would could may might not no".split())
_NUMBER = re.compile(r"\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                     r"twenty|thirty|forty|fifty|hundred|thousand|million|billion)\b", re.IGNORECASE)


def add_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = kinds.add_parser("facts", help="fact support, conflicts and variants on the labelled set")
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD), help="labelled stories (jsonl)")
    parser.add_argument("--allsides", default=None, help="allsides-roundup-val.jsonl.gz for the loaded-word check")
    parser.add_argument("--details", action="store_true", help="print every miss and false alarm")
    parser.add_argument("--threshold", type=float, default=None, help="fact alignment threshold (default: newsfuse's)")
    parser.set_defaults(handler=run)


# ------------------------------------------------------------------ data
@dataclass
class Story:
    record: dict[str, Any]
    analyses: list[ArticleAnalysis]


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    import json

    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def to_article(item: dict[str, Any]) -> Article:
    paragraphs = tuple(p.strip() for p in re.split(r"\n+", item["text"]) if p.strip())
    return Article(item["id"], None, None, item.get("outlet"), None, paragraphs)


def analyse_stories(records: Sequence[dict[str, Any]]) -> list[Story]:
    from ..analyse import analyse_many

    articles = [[to_article(a) for a in r["articles"]] for r in records]
    flat = analyse_many([a for group in articles for a in group])
    out, i = [], 0
    for record, group in zip(records, articles):
        out.append(Story(record, flat[i:i + len(group)]))
        i += len(group)
    return out


def words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def covers(snippet: str, text: str) -> float:
    """How well `text` stands for `snippet`: the larger of the two containment ratios."""
    a, b = words(snippet), words(text)
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return max(shared / len(a), shared / len(b) if len(b) >= 4 else 0.0)


# ------------------------------------------------------------------ support systems
SupportFn = Callable[[Story, str, str], set[str]]


def newsfuse_support(story: Story, article: str, snippet: str) -> set[str]:
    """Articles in the fact cluster of the anchor article's claim that best matches the snippet."""
    from ..align.facts import align_facts

    _facts, _single, clusters = _cached_facts(story, align_facts)
    best, best_score = None, 0.0
    for cluster in clusters:
        for ref in cluster.members:
            if ref.article == article:
                score = covers(snippet, ref.claim.text)
                if score > best_score:
                    best, best_score = cluster, score
    if best is None or best_score < SNIPPET_MATCH:
        return {article}
    return set(best.articles) | {article}


def confirmed_support(story: Story, article: str, snippet: str) -> set[str]:
    """What the brief shows: the fact cluster's articles that the brief's confirmation keeps for the anchor
    claim's sentence (align.shown_facts._confirm: the citation decision in either direction, or related
    coverage with the same figures, dates and names; the rest is related coverage)."""
    from ..align.facts import Weigher, align_facts
    from ..align.shown_facts import ShownFact, _confirm, passages

    _facts, _single, clusters = _cached_facts(story, align_facts)
    best, best_score = None, 0.0
    for cluster in clusters:
        for ref in cluster.members:
            if ref.article == article and (score := covers(snippet, ref.claim.text)) > best_score:
                best, best_score = (cluster, ref), score
    if best is None or best_score < SNIPPET_MATCH:
        return {article}
    cluster, anchor = best
    if "_weigher" not in story.record:
        story.record["_weigher"] = Weigher([m for c in clusters for m in c.members])
    sentences = {(a.article.id, s.index): s.text.strip() for a in story.analyses for s in a.sentences}
    outlet_of = {m.article: m.outlet for c in clusters for m in c.members}
    fact = ShownFact(anchor.shown, [article, *cluster.articles], {m.outlet for m in cluster.members},
                     anchor.keys, key=(article, anchor.claim.sentence))
    fact.passages = passages([(anchor, cluster)], story.record["_weigher"], sentences)
    _confirm([fact], _support(story), outlet_of)
    return set(fact.sources)


def _support(story: Story) -> Any:
    from ..align.support import sentence_support
    from ..settings import DEFAULT

    if "_support" not in story.record:
        story.record["_support"] = sentence_support(story.analyses, DEFAULT)
    return story.record["_support"]


def _cached_facts(story: Story, fn: Callable[..., Any]) -> Any:
    if "_facts" not in story.record:
        threshold = story.record.get("_threshold")
        story.record["_facts"] = fn(story.analyses, threshold) if threshold else fn(story.analyses)
    return story.record["_facts"]


def _anchor_sentence(story: Story, article: str, snippet: str) -> tuple[Any, Any] | None:
    analysis = next(a for a in story.analyses if a.article.id == article)
    scored = [(covers(snippet, s.text), s) for s in analysis.sentences]
    score, sentence = max(scored, key=lambda x: x[0], default=(0.0, None))
    return (analysis, sentence) if sentence is not None and score > 0 else None


def exact_support(story: Story, article: str, snippet: str) -> set[str]:
    """Peer: other articles holding the very same sentence (case and spacing aside)."""
    found = _anchor_sentence(story, article, snippet)
    if found is None:
        return {article}
    norm = " ".join(_WORD.findall(found[1].text.lower()))
    return {article} | {a.article.id for a in story.analyses
                        if any(" ".join(_WORD.findall(s.text.lower())) == norm for s in a.sentences)}


def sentence_support_peer(story: Story, article: str, snippet: str) -> set[str]:
    """Peer: newsfuse.align.support on the fact's whole sentence (what the summary's citations use)."""
    found = _anchor_sentence(story, article, snippet)
    if found is None:
        return {article}
    return {article} | set(_support(story).get(found[1].key, ()))


def score_support(stories: Sequence[Story], system: SupportFn, details: bool, name: str) -> dict[str, float]:
    """Micro precision/recall over support links (fact -> another article), and exact-count accuracy."""
    tp = fp = fn = exact = total = 0
    for story in stories:
        for fact in story.record["facts"]:
            gold = set(fact["sources"]) - {fact["article"]}
            pred = system(story, fact["article"], fact["snippet"]) - {fact["article"]}
            tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
            exact += len(gold) == len(pred)
            total += 1
            if details and gold != pred:
                print(f"  [{name}] {story.record['id']}: {fact['snippet'][:70]!r} gold={sorted(gold)} "
                      f"got={sorted(pred)}", file=sys.stderr)
    return _prf(tp, fp, fn) | {"count_acc": exact / total if total else 0.0}


# ------------------------------------------------------------------ conflict systems
ConflictFn = Callable[[Story], tuple[Sequence[Discrepancy], Sequence[Discrepancy]]]


def newsfuse_conflicts(story: Story) -> tuple[Sequence[Discrepancy], Sequence[Discrepancy]]:
    from ..align.conflicts import find_discrepancies
    from ..align.facts import align_facts

    _f, _s, clusters = _cached_facts(story, align_facts)
    return find_discrepancies([m for c in clusters for m in c.members])


def number_conflicts(story: Story) -> tuple[Sequence[Discrepancy], Sequence[Discrepancy]]:
    """Peer: two overlapping sentences from different articles whose numbers differ are a conflict."""
    out = []
    sentences = [(a.article.id, s.text) for a in story.analyses for s in a.sentences]
    for i, (art_a, text_a) in enumerate(sentences):
        for art_b, text_b in sentences[i + 1:]:
            if art_a == art_b:
                continue
            na, nb = _numbers(text_a), _numbers(text_b)
            if not na or not nb or na == nb:
                continue
            wa, wb = _content(text_a), _content(text_b)
            if wa and wb and len(wa & wb) / min(len(wa), len(wb)) >= BASELINE_OVERLAP:
                out.append(Discrepancy("", "number", (Side(" ".join(sorted(na)), text_a, (art_a,)),
                                                      Side(" ".join(sorted(nb)), text_b, (art_b,)))))
    return out, []


def _numbers(text: str) -> frozenset[str]:
    return frozenset(m.group(0).lower().strip(".,") for m in _NUMBER.finditer(text))


def _content(text: str) -> set[str]:
    """Lower-cased words minus function words: the peer's notion of two sentences being about one thing."""
    return {w for w in _WORD.findall(text.lower()) if w not in _FUNCTION_WORDS and not w.isdigit()}


def _matches(d: Discrepancy, pair: dict[str, Any]) -> bool:
    """A discrepancy stands for a labelled pair when two of its sides hold the pair's two snippets."""
    a, b = pair["a"], pair["b"]
    for i, x in enumerate(d.sides):
        for j, y in enumerate(d.sides):
            if i != j and a["article"] in x.sources and b["article"] in y.sources \
                    and _side_holds(x, a["snippet"]) and _side_holds(y, b["snippet"]):
                return True
    return False


def _side_holds(side: Side, snippet: str) -> bool:
    return covers(snippet, side.text) >= SNIPPET_MATCH or covers(snippet, side.value) >= 0.99


def score_conflicts(stories: Sequence[Story], system: ConflictFn, details: bool, name: str) -> dict[str, float]:
    """Conflict P/R (a reported conflict is right when it is a labelled conflict) and variant-vs-conflict."""
    tp_found = n_found = tp_gold = n_gold = right = n_pairs = variants_named = n_variants = 0
    for story in stories:
        pairs = story.record["pairs"]
        conflicts, variants = system(story)
        gold_conflicts = [p for p in pairs if p["label"] == "conflict"]
        for d in conflicts:
            hit = any(_matches(d, p) for p in gold_conflicts)
            tp_found, n_found = tp_found + hit, n_found + 1
            if details and not hit:
                print(f"  [{name}] false conflict in {story.record['id']}: "
                      + " | ".join(s.value for s in d.sides), file=sys.stderr)
        for p in pairs:
            said_conflict = any(_matches(d, p) for d in conflicts)
            said_variant = not said_conflict and any(_matches(d, p) for d in variants)
            if p["label"] == "conflict":
                tp_gold, n_gold = tp_gold + said_conflict, n_gold + 1
                if details and not said_conflict:
                    print(f"  [{name}] missed conflict in {story.record['id']}: {p['a']['snippet'][:50]!r} "
                          f"vs {p['b']['snippet'][:50]!r}", file=sys.stderr)
            else:
                n_variants += 1
                variants_named += said_variant
            right += said_conflict == (p["label"] == "conflict")
            n_pairs += 1
    return {
        "conflict_P": tp_found / n_found if n_found else 1.0,
        "conflict_R": tp_gold / n_gold if n_gold else 0.0,
        "reported": float(n_found),
        "pair_acc": right / n_pairs if n_pairs else 0.0,
        "variant_named": variants_named / n_variants if n_variants else 0.0,
    }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0}


# ------------------------------------------------------------------ loaded wording on AllSides
def allsides_loaded(path: str | None) -> dict[str, float] | None:
    """Loaded words per 1,000 words in the partisan articles and in the neutral summaries."""
    import gzip
    import json

    from ..align.coverage import loaded_rate

    if path is None:
        from .data import default_data_path

        try:
            path = default_data_path("allsides-roundup-val.jsonl.gz")
        except Exception:
            return None
    articles, summaries = [], []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            articles += [a["text"] for a in record["articles"]]
            summaries.append(re.sub(r"(TITLE|ARTICLE)=>", " ", record["summary"]))
    rate_a = loaded_rate(" ".join(articles))
    rate_s = loaded_rate(" ".join(summaries))
    return {"clusters": float(len(summaries)), "partisan": rate_a, "neutral": rate_s,
            "ratio": rate_a / rate_s if rate_s else float("inf")}


# ------------------------------------------------------------------ report
def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    report(args.gold, args.threshold, args.details)
    if Path(args.gold).resolve() == DEFAULT_GOLD.resolve() and DEFAULT_HELDOUT.exists():
        print("\n--- held-out stories (labelled after the rules were set; never tuned on)")
        report(DEFAULT_HELDOUT, args.threshold, args.details)
    loaded = allsides_loaded(args.allsides)
    if loaded:
        print(f"\nLoaded wording on AllSides ({int(loaded['clusters'])} clusters): {loaded['partisan']:.2f} per 1,000 "
              f"words in partisan articles vs {loaded['neutral']:.2f} in the neutral summaries "
              f"(x{loaded['ratio']:.2f})")
    else:
        print("\nLoaded wording on AllSides: skipped (allsides-roundup-val.jsonl.gz not found)")
    _quotes_report()
    print(f"\n({time.perf_counter() - started:.1f}s)")
    return 0


def report(path: str | Path, threshold: float | None, details: bool) -> None:
    """Fact support and conflict tables for one labelled file, newsfuse beside its peers."""
    records = load_gold(path)
    for record in records:
        record["_threshold"] = threshold
    stories = analyse_stories(records)
    n_facts = sum(len(r["facts"]) for r in records)
    n_pairs = sum(len(r["pairs"]) for r in records)
    n_conf = sum(p["label"] == "conflict" for r in records for p in r["pairs"])
    print(f"facts bench: {len(records)} stories, {n_facts} labelled facts, {n_pairs} labelled pairs "
          f"({n_conf} conflicts, {n_pairs - n_conf} variants), gold {path}")
    print("\nFact support (links from a fact to the other articles that state it)")
    print(f"{'system':<28}{'P':>7}{'R':>7}{'F1':>7}{'count_acc':>11}")
    for name, fn in (("newsfuse (claims aligned)", newsfuse_support),
                     ("newsfuse (confirmed, shown)", confirmed_support),
                     ("exact sentence", exact_support), ("sentence support (citations)", sentence_support_peer)):
        s = score_support(stories, fn, details, name)
        print(f"{name:<28}{s['P']:7.3f}{s['R']:7.3f}{s['F1']:7.3f}{s['count_acc']:11.3f}")
    print("\nConflicts and variants (pair_acc: conflict-or-not right on labelled pairs; "
          "variant_named: variants reported as variants)")
    print(f"{'system':<28}{'P':>7}{'R':>7}{'reported':>10}{'pair_acc':>10}{'variant_named':>15}")
    for name, cfn in (("newsfuse", newsfuse_conflicts), ("any differing number", number_conflicts)):
        c = score_conflicts(stories, cfn, details, name)
        print(f"{name:<28}{c['conflict_P']:7.3f}{c['conflict_R']:7.3f}{int(c['reported']):>10}"
              f"{c['pair_acc']:10.3f}{c['variant_named']:15.3f}")


def _quotes_report() -> None:
    """Quotes+speakers P/R from the quotes benchmark, when that module and its labels are there."""
    try:
        from .quotes_eval import evaluate_quotes
    except ImportError:
        print("\nQuotes: skipped (newsfuse.bench.quotes_eval not available)")
        return
    if not DEFAULT_QUOTES_GOLD.exists():
        print(f"\nQuotes: skipped ({DEFAULT_QUOTES_GOLD} not found)")
        return
    r = evaluate_quotes(DEFAULT_QUOTES_GOLD)
    print(f"\nQuotes ({r.get('articles', 0)} articles, {r.get('gold_quotes', 0)} labelled): "
          f"quote P {r['quote_precision']:.3f} R {r['quote_recall']:.3f}; "
          f"quote+speaker P {r['speaker_precision']:.3f} R {r['speaker_recall']:.3f}")
