"""Quote detection and attribution against a hand-labelled set (bench/data/quotes-gold.jsonl).

`evaluate_quotes(gold_path)` runs the analyse stage on every labelled article and reports precision and
recall of quote detection (a found quote of QUOTE_MIN_WORDS+ words matches a labelled one) and of
quote+speaker (the speaker must agree too). `newsfuse bench facts` prints these numbers.

Matching: on normalised text, ratio >= MATCH_RATIO, or the shorter inside the longer (partial ratio
>= MATCH_RATIO) while covering at least MATCH_COVER of it; one-to-one, best pairs first. Speakers agree
when both are absent, name the same organisation (alias table), or share the surname.
Articles come from ../shared/data (DUC, AllSides) and the seeds; articles whose data is missing are
skipped and counted in the result.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from ..analyse.entities import org_key, parse_name
from ..analyse.quotes import QUOTE_MIN_WORDS
from ..models import Article, RawQuote

MATCH_RATIO = 85.0
MATCH_COVER = 0.6
REPO = Path(__file__).resolve().parents[3]
SEED_DIRS = (REPO.parent / "shared" / "seeds", REPO / "tests" / "fixtures" / "seeds")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[\w']+", text.replace("’", "'").lower()))


def quotes_match(found: str, gold: str) -> float:
    """A match score (0 when no match) between a found and a labelled quote."""
    a, b = _norm(found), _norm(gold)
    if not a or not b:
        return 0.0
    full = fuzz.ratio(a, b)
    if full >= MATCH_RATIO:
        return full
    short, long_ = sorted((a, b), key=len)
    if len(short) >= MATCH_COVER * len(long_) and fuzz.partial_ratio(short, long_) >= MATCH_RATIO:
        return fuzz.partial_ratio(short, long_) - 1
    return 0.0


def speakers_match(found: str | None, gold: str | None) -> bool:
    if not found or not gold:
        return not found and not gold
    if org_key(found) == org_key(gold):
        return True
    fc, gc = parse_name(found.replace(",", " "))[0], parse_name(gold.replace(",", " "))[0]
    return bool(fc and gc) and fc[-1].lower().rstrip(".") == gc[-1].lower().rstrip(".")


def _load_articles(keys: Sequence[tuple[str, str, Any]], data_dir: Path | None) -> dict[tuple[str, str, str], Article]:
    """The labelled articles that can be found: seeds by file stem, data sets by cluster and index."""
    wanted = {(d, c, str(a)) for d, c, a in keys}
    found: dict[tuple[str, str, str], Article] = {}
    seeds = [k for k in wanted if k[0] == "seeds"]
    if seeds:
        from ..pipeline import load_articles

        folder = next((d for d in SEED_DIRS if d.is_dir()), None)
        paths = [folder / f"{k[2]}.txt" for k in seeds] if folder else []
        articles, _ = load_articles([p for p in paths if p.exists()])
        found.update({("seeds", "seeds", a.id): a for a in articles})
    for dataset in sorted({k[0] for k in wanted} - {"seeds"}):
        path = _data_path(f"{dataset}.jsonl.gz", data_dir)
        if path is None:
            continue
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                for i, item in enumerate(row.get("articles", [])):
                    key = (dataset, row["id"], str(i))
                    if key in wanted:
                        paragraphs = tuple(p.strip() for p in item["text"].split("\n\n") if p.strip())
                        found[key] = Article(f"{row['id']}-{i}", None, item.get("title"), item.get("outlet"),
                                             item.get("date"), paragraphs)
    return found


def _data_path(name: str, data_dir: Path | None) -> Path | None:
    if data_dir is not None:
        return data_dir / name if (data_dir / name).exists() else None
    from ..errors import NewsfuseError
    from .data import default_data_path

    try:
        return Path(default_data_path(name))
    except NewsfuseError:
        return None


def _pairs(found: Sequence[RawQuote], gold: Sequence[dict[str, Any]]) -> list[tuple[RawQuote, dict[str, Any]]]:
    """One-to-one matches, best scores first."""
    scored = sorted(((quotes_match(f.text, g["quote"]), i, j) for i, f in enumerate(found)
                     for j, g in enumerate(gold)), reverse=True)
    used_f: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score <= 0:
            break
        if i not in used_f and j not in used_g:
            used_f.add(i)
            used_g.add(j)
            pairs.append((found[i], gold[j]))
    return pairs


def evaluate_quotes(gold_path: str | Path, data_dir: str | Path | None = None,
                    details: bool = False) -> dict[str, Any]:
    """Precision/recall of quotes and quotes+speakers on the labelled articles that are available."""
    from ..analyse import analyse_many

    lines = Path(gold_path).read_text(encoding="utf-8").splitlines()
    header, gold = json.loads(lines[0]), [json.loads(x) for x in lines[1:] if x.strip()]
    keys = [tuple(k) for k in header["articles"]]
    articles = _load_articles(keys, Path(data_dir) if data_dir else None)  # type: ignore[arg-type]
    analyses = analyse_many(list(articles.values()))
    by_key = dict(zip(articles, analyses))
    n_found = n_gold = n_match = n_speaker = 0
    misses: list[dict[str, Any]] = []
    for key, analysis in by_key.items():
        labelled = [g for g in gold if (g["dataset"], g["cluster"], str(g["article"])) == key]
        found = [q for q in analysis.quotes if len(q.text.split()) >= QUOTE_MIN_WORDS]
        pairs = _pairs(found, labelled)
        n_found, n_gold, n_match = n_found + len(found), n_gold + len(labelled), n_match + len(pairs)
        n_speaker += sum(speakers_match(f.speaker, g["speaker"]) for f, g in pairs)
        if details:
            misses += _misses(key, found, labelled, pairs)
    result: dict[str, Any] = {
        "articles": len(by_key), "skipped_articles": len(keys) - len(by_key), "gold_quotes": n_gold,
        "found_quotes": n_found,
        "quote_precision": _ratio(n_match, n_found), "quote_recall": _ratio(n_match, n_gold),
        "speaker_precision": _ratio(n_speaker, n_found), "speaker_recall": _ratio(n_speaker, n_gold),
        "speaker_accuracy_on_matched": _ratio(n_speaker, n_match),
    }
    if details:
        result["errors"] = misses
    return result


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _misses(key: tuple[str, str, str], found: Sequence[RawQuote], gold: Sequence[dict[str, Any]],
            pairs: Sequence[tuple[RawQuote, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Every error, for reading: spurious and missed quotes, wrong speakers."""
    matched_f = {id(f) for f, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    out: list[dict[str, Any]] = [{"article": key, "kind": "spurious", "text": f.text[:90], "speaker": f.speaker}
                                 for f in found if id(f) not in matched_f]
    out += [{"article": key, "kind": "missed", "text": g["quote"][:90], "speaker": g["speaker"]}
            for g in gold if id(g) not in matched_g]
    out += [{"article": key, "kind": "speaker", "text": g["quote"][:60], "found": f.speaker, "gold": g["speaker"]}
            for f, g in pairs if not speakers_match(f.speaker, g["speaker"])]
    return out
