"""A learned second opinion on the blocks of the article container.

The rules (html_body._block_verdict) give each block of the chosen container a verdict; a logistic
regression over per-block features (length, link density, punctuation, tag, position, neighbours,
class/id tokens of the enclosing boxes, and the rules' own verdict) then keeps or drops it. It was fitted
on WCXB dev pages with site-grouped cross-validation (bench/wcxb_train.py) and ships as a small JSON file
of weights, applied here with plain Python arithmetic: no scikit-learn or NumPy at run time.
A block the rules removed is brought back only when the model is very sure (`rescue`), and a block the
rules kept is dropped only when the model is sure it is boilerplate (`drop`).

Opt-in (`extract_html(..., judge=html_learned.judge)`), not the default: cross-validated by site it adds
only +0.001 word F1 on WCXB articles and costs 25-35% of the extraction speed (docs/extraction.md).
"""

from __future__ import annotations

import json
import math
import re
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import html_rules as R
from .html_dom import Block, Box

MODEL_PATH = Path(__file__).resolve().parents[1] / "data" / "block_model.json"
TOKEN_BUCKETS = 64  # class/id tokens are hashed into this many features
TOKEN_SPLIT = re.compile(r"[^a-z]+")
PUNCT = re.compile(r"[.,;:!?]")
DIGIT = re.compile(r"\d")
UPPER = re.compile(r"[A-Z]")
LIST_MARK = re.compile(r"^\s*(\d{1,3}[.)]|[•·▪►–—-])\s")
ANCESTOR_LEVELS = 4  # boxes above a block whose class/id tokens are read
DEPTH_SCALE = 10.0
BASE_FEATURES = (
    "log_chars", "link_density", "sentence_end", "punct_per_100", "digit_share", "upper_share", "heading",
    "heading_top", "rule_removed", "inline_hint", "text_kind", "tag_li", "tag_cell", "tag_p", "in_zone",
    "position", "depth", "prev_log_chars", "next_log_chars", "prev_link_density", "next_link_density",
    "multiline", "few_words", "list_mark", "after_heading", "first", "last",
)


def _box_tokens(box: Box, container: Box) -> list[int]:
    """Hashed class/id tokens of the block's box and a few boxes above it (inside the container)."""
    buckets: list[int] = []
    node: Box | None = box
    for _ in range(ANCESTOR_LEVELS):
        if node is None or node is container:
            break
        attrs = node.attrs
        if attrs:
            words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
            for token in TOKEN_SPLIT.split(words):
                if len(token) > 2:
                    buckets.append(zlib.crc32(token.encode()) % TOKEN_BUCKETS)
        node = node.parent
    return buckets


def _log(chars: int) -> float:
    return math.log1p(chars) / 8.0


def block_features(container: Box, verdicts: list[tuple[Block, str | None]]) -> list[list[float]]:
    """One feature row per block (BASE_FEATURES, then TOKEN_BUCKETS hashed class/id counts)."""
    rows = []
    n = len(verdicts)
    for i, (block, rule) in enumerate(verdicts):
        text = block.text
        chars = max(block.chars, 1)
        prev = verdicts[i - 1][0] if i else None
        nxt = verdicts[i + 1][0] if i + 1 < n else None
        row = [
            _log(block.chars),
            block.link_density,
            1.0 if R.SENTENCE_END.search(text) else 0.0,
            min(len(PUNCT.findall(text)) * 100 / chars, 10.0) / 10.0,
            len(DIGIT.findall(text)) / chars,
            len(UPPER.findall(text)) / chars,
            1.0 if block.heading else 0.0,
            1.0 if block.heading in ("h1", "h2") else 0.0,
            1.0 if rule is not None else 0.0,
            1.0 if block.kind else 0.0,
            1.0 if R.text_kind(text) else 0.0,
            1.0 if block.box.tag == "li" else 0.0,
            1.0 if block.box.tag in R.TABLE_CELL_TAGS else 0.0,
            1.0 if block.box.tag == "p" else 0.0,
            1.0 if block.box.zone is not None else 0.0,
            i / n,
            min((block.box.depth - container.depth) / DEPTH_SCALE, 1.0),
            _log(prev.chars) if prev else 0.0,
            _log(nxt.chars) if nxt else 0.0,
            prev.link_density if prev else 0.0,
            nxt.link_density if nxt else 0.0,
            1.0 if "\n" in text else 0.0,
            1.0 if len(text.split()) < 5 else 0.0,
            1.0 if LIST_MARK.match(text) else 0.0,
            1.0 if prev is not None and prev.heading else 0.0,
            1.0 if i == 0 else 0.0,
            1.0 if i == n - 1 else 0.0,
        ]
        tokens = [0.0] * TOKEN_BUCKETS
        for bucket in _box_tokens(block.box, container):
            tokens[bucket] = 1.0
        rows.append(row + tokens)
    return rows


@lru_cache(maxsize=1)
def load_model() -> dict[str, Any] | None:
    """The shipped weights, or None when the file is missing (the rules then decide alone)."""
    if not MODEL_PATH.exists():
        return None
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def probabilities(model: dict[str, Any], rows: list[list[float]]) -> list[float]:
    """P(content) per row: standardised features, then the logistic regression's weights."""
    mean, scale, coef, bias = model["mean"], model["scale"], model["coef"], model["intercept"]
    weights = [c / s for c, s in zip(coef, scale)]
    offset = bias - sum(w * m for w, m in zip(weights, mean))
    out = []
    for row in rows:
        z = offset + sum(w * x for w, x in zip(weights, row))
        out.append(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))))
    return out


def decide(verdicts: list[tuple[Block, str | None]], probs: list[float], drop: float,
           rescue: float) -> list[str | None]:
    """Final verdicts: a kept block below `drop` is removed as boilerplate, a removed one above `rescue` is kept
    (not one hinted as boilerplate by its own markup, nor a link list, nor the h1 title above the body ('':
    the Article holds the title apart)."""
    final: list[str | None] = []
    for (block, rule), p in zip(verdicts, probs):
        if rule is None and p < drop:
            final.append("boilerplate")
        elif rule and p > rescue and not block.kind and block.link_density <= R.LINK_DENSITY_MAX:
            final.append(None)
        else:
            final.append(rule)
    return final


def judge(container: Box, verdicts: list[tuple[Block, str | None]]) -> list[str | None]:
    """The shipped model's verdicts on a container's blocks; the rules' alone when no model ships."""
    model = load_model()
    if model is None or not verdicts:
        return [rule for _, rule in verdicts]
    probs = probabilities(model, block_features(container, verdicts))
    return decide(verdicts, probs, model["drop"], model["rescue"])
