"""`newsfuse bench summary DATASET`: newsfuse's summary beside Lead, LexRank, TextRank, LSA and KL-Sum.

Every system sees the same sentences (newsfuse's own spaCy split) and its output is cut at the same
number of words before ROUGE-1/2/L (rouge-score, Porter stemming) is taken against each reference,
averaged over references and then over clusters. The sumy peers return their k best sentences in
document order; k is the smallest that reaches the length. newsfuse is run the same way (its last
sentence may pass the bound before the common cut) and also as the brief uses it (strict: whole
sentences, never past the bound). Two columns apply newsfuse's quality rules to every system's
sentences: "fragment %" (cannot stand alone: mid-quote, caption, cut off) and "dangling %" (opens with a
pronoun or connective; newsfuse allows one when the sentence before it is in the summary too).

`--citations` scores the support finder instead: precision and recall of the cited articles against
hand labels, the development set (bench/data/citations.jsonl, with the seed story) and the blind
held-out set (bench/data/citations-heldout.jsonl) as separate rows.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Article, ArticleAnalysis
from ..settings import DEFAULT, Settings
from .data import Cluster, load_clusters

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
METRICS = ("rouge1", "rouge2", "rougeL")
Summarizer = Callable[[Sequence[ArticleAnalysis], int], list[str]]


def add_parser(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = kinds.add_parser("summary", help="ROUGE of newsfuse's summary beside Lead/LexRank/TextRank/LSA/KL")
    parser.add_argument("dataset", nargs="?", help="jsonl(.gz) of Multi-News {documents, summary} or DUC "
                        "{articles, summaries} clusters (default ../shared/data/multinews-val.jsonl.gz)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="first N clusters only (after --skip)")
    parser.add_argument("--skip", type=int, default=0, metavar="N",
                        help="skip the first N clusters (e.g. --skip 2000 --limit 400: a tuning slice apart "
                        "from the reported ones)")
    parser.add_argument("--words", type=int, default=None, metavar="W",
                        help="length cut in words (default: 250 for Multi-News, 100 for DUC)")
    parser.add_argument("--systems", default=None, help="comma-separated subset of systems to run")
    parser.add_argument("--citations", action="store_true",
                        help="score citations (support) on the dev and held-out label sets instead")
    parser.add_argument("--labels", default=None,
                        help="one labelled citations file (default: the dev and held-out sets)")
    parser.add_argument("--details", action="store_true",
                        help="with --citations: print every disagreement between the labels and newsfuse")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.citations:
        from .citations import report

        return report(args.labels, details=args.details)
    from .data import default_data_path

    path = args.dataset or default_data_path("multinews-val.jsonl.gz")
    clusters = clusters_slice(path, args.skip, args.limit)
    words = args.words or (100 if _is_duc(clusters) else 250)
    analyses, parse_s = prepare(clusters)
    systems = all_systems()
    if args.systems:
        wanted = set(args.systems.split(","))
        systems = {k: v for k, v in systems.items() if k in wanted}
    rows = evaluate(clusters, analyses, systems, words)
    print(f"{path}: {len(clusters)} clusters, cut at {words} words; "
          f"spaCy parse {parse_s / max(1, len(clusters)):.3f} s/cluster (shared by all systems)")
    print(table(rows))
    return 0


def clusters_slice(path: str, skip: int = 0, limit: int | None = None) -> list[Cluster]:
    """Clusters `skip` .. `skip + limit` of the file: tuning and reporting use disjoint slices."""
    end = None if limit is None else max(0, skip) + max(0, limit)
    return list(itertools.islice(load_clusters(path, end), max(0, skip), None))


def _is_duc(clusters: Sequence[Cluster]) -> bool:
    return bool(clusters) and all(len(c.references) > 1 for c in clusters)


def cluster_articles(cluster: Cluster) -> list[Article]:
    """A benchmark cluster as newsfuse Articles (paragraphs split on blank lines)."""
    articles = []
    for i, text in enumerate(cluster.documents):
        paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())
        date = cluster.dates[i] if i < len(cluster.dates) else None
        outlet = cluster.outlets[i] if i < len(cluster.outlets) else None
        articles.append(Article(f"d{i}", None, None, outlet, date, paragraphs))
    return articles


def prepare(clusters: Sequence[Cluster], settings: Settings = DEFAULT) -> tuple[list[list[ArticleAnalysis]], float]:
    """Parse every cluster once with newsfuse's analysis stage; all systems share the sentences."""
    from ..analyse import analyse_many

    start = time.perf_counter()
    out = [analyse_many([a for a in cluster_articles(c) if a.paragraphs], settings) for c in clusters]
    return out, time.perf_counter() - start


# ------------------------------------------------------------------ systems
def newsfuse_system(fill: bool, settings: Settings = DEFAULT) -> Summarizer:
    from ..align.support import sentence_support
    from ..summarize import summarize

    def run_one(members: Sequence[ArticleAnalysis], words: int) -> list[str]:
        support = sentence_support(members, settings)
        chosen = summarize(members, support, settings.with_(summary_words=words), fill=fill)
        return [s.text for s in chosen]

    return run_one


def lead_system(members: Sequence[ArticleAnalysis], words: int) -> list[str]:
    """Lead: opening sentences, round robin over the articles (first of each, then second ...)."""
    out, total, depth = [], 0, 0
    while total < words and any(depth < len(a.sentences) for a in members):
        for analysis in members:
            if depth < len(analysis.sentences) and total < words:
                text = analysis.sentences[depth].text
                out.append(text)
                total += len(text.split())
        depth += 1
    return out


class RegexTokenizer:
    """A sumy tokenizer that needs no nltk data: sentences are given, words by regex."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s for s in paragraph.split("\n") if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(WORD.findall(sentence))


def sumy_system(name: str) -> Summarizer:
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    kinds = {"LexRank": LexRankSummarizer, "TextRank": TextRankSummarizer, "LSA": LsaSummarizer,
             "KL-Sum": KLSummarizer}
    summarizer = kinds[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = RegexTokenizer()

    def run_one(members: Sequence[ArticleAnalysis], words: int) -> list[str]:
        document = sumy_document(members, tokenizer)
        if name == "KL-Sum":
            summarizer._compute_ratings = _kl_ratings_until(summarizer, words)  # type: ignore[attr-defined]

        def reach(infos):  # type: ignore[no-untyped-def]
            total = 0
            for k, info in enumerate(infos):
                total += len(str(info.sentence).split())
                if total >= words:
                    return infos[: k + 1]
            return infos

        return [str(s) for s in summarizer(document, reach)]

    return run_one


def _kl_ratings_until(summarizer: Any, words: int) -> Callable[[Sequence[Any]], dict[Any, int]]:
    """sumy's KL-Sum greedy loop, stopped once the picks reach `words` words.

    sumy ranks every sentence (quadratic in the sentence count times the summary length: hours on a
    DUC cluster); the first picks, which are all the benchmark keeps, are exactly sumy's own.
    """
    def ratings(sentences: Sequence[Any]) -> dict[Any, int]:  # sumy's sentences: untyped
        word_freq = summarizer.compute_tf(sentences)
        remaining = list(sentences)
        as_words = [summarizer._get_content_words_in_sentence(s) for s in sentences]
        summary: list[Any] = []
        out: dict[Any, int] = {}
        total = 0
        while remaining and total < words:
            summary_words = summarizer._get_all_words_in_doc(summary)
            kls = [summarizer._kl_divergence(summarizer._joint_freq(w, summary_words), word_freq) for w in as_words]
            best = kls.index(min(kls))
            sentence = remaining.pop(best)
            del as_words[best]
            summary.append(sentence)
            out[sentence] = -len(out)
            total += len(str(sentence).split())
        for sentence in remaining:  # unranked: below every pick, in document order
            out[sentence] = -len(sentences) - 1
        return out

    return ratings


def sumy_document(members: Sequence[ArticleAnalysis], tokenizer: RegexTokenizer):  # type: ignore[no-untyped-def]
    """One sumy document, one paragraph per article, from newsfuse's sentences."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    paragraphs = [Paragraph([SumySentence(s.text, tokenizer) for s in a.sentences]) for a in members if a.sentences]
    return ObjectDocumentModel(paragraphs)


def all_systems() -> dict[str, Summarizer]:
    systems: dict[str, Summarizer] = {"newsfuse": newsfuse_system(fill=True),
                                      "newsfuse (strict)": newsfuse_system(fill=False), "Lead": lead_system}
    for name in ("LexRank", "TextRank", "LSA", "KL-Sum"):
        systems[name] = sumy_system(name)
    return systems


# ------------------------------------------------------------------ scoring
@dataclass(frozen=True)
class Row:
    system: str
    recall: tuple[float, float, float]
    f1: tuple[float, float, float]
    seconds: float  # per cluster
    words: float  # mean words scored per cluster
    fragments: float = 0.0  # % of output sentences that cannot stand alone (mid-quote, caption, cut off ...)
    dangling: float = 0.0  # % of output sentences opening with a pronoun/connective


def cut(sentences: Sequence[str], words: int) -> str:
    return " ".join(" ".join(sentences).split()[:words])


def evaluate(clusters: Sequence[Cluster], analyses: Sequence[Sequence[ArticleAnalysis]],
             systems: dict[str, Summarizer], words: int) -> list[Row]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    rows = []
    for name, system in systems.items():
        recalls, f1s, lengths, seconds = [], [], [], 0.0
        flags = [0, 0, 0]
        for cluster, members in zip(clusters, analyses):
            start = time.perf_counter()
            sentences = system(members, words)
            seconds += time.perf_counter() - start
            _flag(sentences, flags)
            summary = cut(sentences, words)
            r, f = score(scorer, summary, cluster.references)
            recalls.append(r)
            f1s.append(f)
            lengths.append(len(summary.split()))
        n = max(1, len(clusters))
        total = max(1, flags[0])
        rows.append(Row(name, _mean3(recalls), _mean3(f1s), seconds / n, statistics.mean(lengths or [0]),
                        100 * flags[1] / total, 100 * flags[2] / total))
    return rows


def _flag(sentences: Sequence[str], flags: list[int]) -> None:
    """Count sentences, fragments and dangling openers (newsfuse's quality rules, applied to everyone)."""
    from ..analyse.datelines import strip_dateline
    from ..summary.quality import opener_penalty, penalty

    for text in sentences:
        text = strip_dateline(text.strip())
        flags[0] += 1
        flags[1] += penalty(text) >= 1.0
        flags[2] += opener_penalty(text) > 0


def score(scorer, summary: str, references: Sequence[str]) -> tuple[tuple[float, ...], tuple[float, ...]]:  # type: ignore[no-untyped-def]
    """Recall and F1 of each metric, averaged over the references."""
    results = [scorer.score(ref, summary) for ref in references if ref.strip()]
    recall = tuple(statistics.mean(r[m].recall for r in results) for m in METRICS)
    f1 = tuple(statistics.mean(r[m].fmeasure for r in results) for m in METRICS)
    return recall, f1


def _mean3(values: Sequence[tuple[float, ...]]) -> tuple[float, float, float]:
    return tuple(100 * statistics.mean(v[i] for v in values) for i in range(3))  # type: ignore[return-value]


def table(rows: Sequence[Row]) -> str:
    head = "| system | R1-R | R2-R | RL-R | R1-F | R2-F | RL-F | words | s/cluster | fragment % | dangling % |"
    lines = [head, "|" + "---|" * 11]
    for r in rows:
        nums = " | ".join(f"{x:.2f}" for x in (*r.recall, *r.f1))
        lines.append(f"| {r.system} | {nums} | {r.words:.0f} | {r.seconds:.3f} | {r.fragments:.1f} "
                     f"| {r.dangling:.1f} |")
    return "\n".join(lines)
