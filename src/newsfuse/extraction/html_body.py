"""Find the article body in a box tree and split it into kept paragraphs and removed boilerplate.

Selection is one bottom-up pass: a box's value is the running text it holds (link text and short labels
count against it, subtrees hinted as boilerplate count against it harder), and the box with the highest
value is the article container. This picks the smallest element that holds nearly all the running text,
without the menus, link lists and comment threads around it. Filtering then walks the container in
document order and moves hinted subtrees, link lists and boilerplate wording to `Removed`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import Removed
from . import html_rules as R
from .html_dom import Block, Box, Page, compact_text

# kinds of hinted subtrees outside the container still worth reporting (content-adjacent boilerplate)
_NEARBY_KINDS = frozenset({"comment", "share", "appeal", "related", "byline", "credit", "dateline"})
# a judge turns the rules' verdicts on a container's blocks into final ones (None: keep, '': drop silently)
Judge = Callable[[Box, list[tuple[Block, str | None]]], list[str | None]]
_NEARBY_LEVELS = 2  # how many ancestors of the container are searched for nearby hinted blocks


@dataclass(frozen=True)
class Body:
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    container: Box | None


def block_value(block: Block) -> float:
    """What one block says about its container: running text is worth its length, links and labels cost."""
    chars = block.chars
    if block.heading or block.kind:
        return 0.0
    if block.link_chars > chars * R.LINK_DENSITY_MAX:
        return chars * R.LINK_BLOCK_WEIGHT
    if chars < R.PARAGRAPH_MIN_CHARS and not R.SENTENCE_END.search(block.text):
        return 0.0 if block.box.tag in R.TABLE_CELL_TAGS else chars * R.SHORT_BLOCK_WEIGHT  # data, not labels
    return chars - block.link_chars * R.LINK_CHAR_WEIGHT


def score(page: Page) -> None:
    """Fill Box.value and Box.chars bottom-up (children come after parents in page.boxes).

    A box that opens with a heading such as 'Related posts' or '12 comments' takes that kind first, so
    a list of teasers with long excerpts below such a heading does not win the page."""
    announced = _score_boxes(page.boxes)
    if announced:
        _set_zones(page, announced)


def _score_boxes(boxes: list[Box]) -> set[int]:
    """Value and chars of each box from its children (children after parents in `boxes`); the ids of
    boxes that took a kind from their own heading. A lazy box keeps its estimated size as its value: no
    box inside it can be worth more (see extract_body)."""
    announced: set[int] = set()
    for box in reversed(boxes):
        if box.lazy is not None:
            box.value = float(box.chars)
            continue
        if box.kind is None and box.items:
            kind = _announced_kind(box)
            if kind:
                box.kind = kind
                announced.add(id(box))
        value = 0.0
        chars = 0
        for item in box.items:
            if isinstance(item, Box):
                chars += item.chars
                value += item.chars * R.HINTED_SUBTREE_WEIGHT if item.boilerplate else item.value
            else:
                chars += item.chars
                value += block_value(item)
        box.value = value
        box.chars = chars
    return announced


def _announced_kind(box: Box) -> str | None:
    """Kind a box's first child announces: a short heading that reads (or is hinted) as a section label."""
    if len(box.items) < 2:
        return None
    first = box.items[0]
    if isinstance(first, Box):
        if first.tag not in R.HEADING_TAGS or first.kind is not None or not first.items:
            return first.kind if first.tag in R.HEADING_TAGS and first.kind in R.SECTION_HEADING_KINDS else None
        first = first.items[0]  # <h3>You may also like</h3>: the heading box's own text
        if not isinstance(first, Block):
            return None
    if first.heading and first.chars <= R.SECTION_HEADING_MAX_CHARS:
        kind = R.text_kind(first.text)
        return kind if kind in R.SECTION_HEADING_KINDS else None
    return None


def _set_zones(page: Page, announced: set[int]) -> None:
    """Recompute Box.zone after kinds changed (parents come before children in page.boxes); a box that
    announces itself as a section is a stronger sign than a class name, so it gets its own zone."""
    for box in page.boxes:
        parent = box.parent
        if id(box) in announced:
            box.zone = R.ANNOUNCED_ZONE
        else:
            box.zone = box.kind if box.boilerplate else (parent.zone if parent is not None else None)


def select(page: Page) -> tuple[Box | None, float]:
    """The box with the best value (an article-body hint gives a bonus) and that score; ancestors win ties.
    Lazy boxes are not candidates (their value is only a bound)."""
    best: Box | None = None
    best_score = R.MIN_ARTICLE_SCORE
    for box in reversed(page.boxes):
        if box.lazy is not None:
            continue
        value = box.value * (R.CONTENT_HINT_BONUS if box.kind == "content" else 1.0)
        if box.zone is not None:
            value *= R.ZONE_FACTORS.get(box.zone, R.ZONE_FACTOR_DEFAULT)
        if value >= best_score:
            best, best_score = box, value
    return best, best_score


def choose(page: Page) -> Box | None:
    """Score and select; when a lazy subtree is big enough to hold something better than the choice, walk
    it and choose again, so the answer is the one a full walk gives."""
    while True:
        score(page)
        best, best_score = select(page)
        pending = [b for b in page.boxes if b.lazy is not None and b.chars * _zone_bound(b) >= best_score]
        if not pending:
            return best
        for box in pending:
            box.expand()


def _block_verdict(block: Block, started: bool) -> str | None:
    """Kind a block inside the container is removed as, '' to drop it silently, None to keep it.

    `started` tells whether body text was kept already: an h1 before it is the page title."""
    if block.kind:
        return block.kind
    kind = R.text_kind(block.text)
    if kind:
        return kind
    if block.heading:
        if (block.heading == "h1" and not started) or block.chars > R.HEADING_MAX_CHARS:
            return ""
        return "related" if block.link_density > R.LINK_DENSITY_MAX else None
    if block.link_density > R.LINK_DENSITY_MAX and not _linked_sentence(block):
        return "related" if block.box.tag == "li" else "navigation"
    return None


def _linked_sentence(block: Block) -> bool:
    """A sentence that links a long phrase is prose, not a link list."""
    plain = block.chars - block.link_chars
    if plain < R.LINKED_SENTENCE_MIN_PLAIN or "\n" in block.text:  # lines of links are a list
        return False
    return R.SENTENCE_END.search(block.text) is not None


def _link_share(box: Box) -> float:
    """Share of a subtree's text that is link text."""
    links = sum(b.link_chars for b in box.blocks())
    return links / box.chars if box.chars else 0.0


def _section_kind(box: Box) -> str | None:
    """Kind of a box introduced by a heading such as 'Related stories' or '12 comments'."""
    first: Box | Block | None = box
    for _ in range(4):  # the heading may sit a few wrappers down
        if isinstance(first, Box):
            first.expand()
        if not isinstance(first, Box) or not first.items:
            return None
        first = first.items[0]
        if isinstance(first, Block):
            break
    if not isinstance(first, Block) or not first.heading or first.box is box and len(box.items) == 1:
        return None
    kind = R.text_kind(first.text)
    return kind if kind in R.SECTION_HEADING_KINDS else None


def _zone_bound(box: Box) -> float:
    """What a box inside a lazy subtree can score per char of it: value <= chars, times the content bonus and
    the subtree's zone factor, with a margin for how its size is estimated."""
    factor = R.ZONE_FACTORS.get(box.zone or "", R.ZONE_FACTOR_DEFAULT)
    return R.CONTENT_HINT_BONUS * factor * R.LAZY_SIZE_MARGIN


def _walked_value(box: Box, page: Page) -> float:
    """The real value of a lazy box (walked and scored now); the value of any other box."""
    if box.lazy is not None:
        start = len(page.boxes)
        box.expand()
        _score_boxes([box] + page.boxes[start:])
    return box.value


def _filter(container: Box, page: Page, judge: Judge | None = None) -> tuple[list[str], list[tuple[float, Removed]]]:
    """Walk the container: keep running text, move boilerplate to removed (with document order). The
    rules give each block a verdict; a `judge` (such as html_learned.judge, the learned block classifier,
    opt-in: see docs/extraction.md) may then overrule them, seeing all the container's blocks at once."""
    removed: list[tuple[float, Removed]] = []
    verdicts = _rule_verdicts(container, page, removed)
    final = judge(container, verdicts) if judge is not None else [rule for _, rule in verdicts]
    kept: list[str] = []
    for (block, _rule), verdict in zip(verdicts, final):
        if verdict is None:
            kept.extend(block.text.split("\n"))
        elif verdict:
            removed.append((block.order, Removed(verdict, block.text)))
    return kept, removed


def _rule_verdicts(container: Box, page: Page, removed: list[tuple[float, Removed]]) -> list[tuple[Block, str | None]]:
    """Every block of the container that is not inside a removed subtree, with the rules' verdict (see
    _block_verdict); removed subtrees go straight to `removed`."""
    verdicts: list[tuple[Block, str | None]] = []
    started = False
    protect = container.value * R.PROTECT_SHARE
    stack = [iter(container.items)]
    section: str | None = None  # kind announced by the block just before ("More stories", "Comments")
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        announced, section = section, None
        if isinstance(item, Box):
            kind = item.kind if item.boilerplate else _section_kind(item)
            if kind is None and announced and (item.tag in R.LIST_TAGS or _link_share(item) > R.SECTION_LINK_SHARE):
                kind = announced
            if kind and (item.value <= protect or _walked_value(item, page) <= protect):
                text = item.text()
                if text:
                    removed.append((item.order, Removed(kind, text)))
            else:
                item.expand()
                stack.append(iter(item.items))
        else:
            verdict = _block_verdict(item, started)
            if verdict in R.SECTION_HEADING_KINDS and item.chars <= R.HEADING_MAX_CHARS:
                section = verdict
            started = started or verdict is None
            verdicts.append((item, verdict))
    return verdicts


def _nearby(container: Box) -> list[tuple[float, Removed]]:
    """Hinted boilerplate next to the container (comments, share bars, related lists) for `removed`."""
    found: list[tuple[float, Removed]] = []
    child, parent = container, container.parent
    for _ in range(_NEARBY_LEVELS):
        if parent is None:
            break
        for item in parent.items:
            if isinstance(item, Box) and item is not child and item.kind in _NEARBY_KINDS:
                text = item.text()
                if text:
                    found.append((item.order, Removed(item.kind or "boilerplate", text)))
        child, parent = parent, parent.parent
    return found


def _comments(page: Page, container: Box, taken: set[float]) -> list[tuple[float, Removed]]:
    """Reader comment sections anywhere on the page (outermost only), so comments are never lost."""
    found: list[tuple[float, Removed]] = []
    inside: set[int] = set()
    for box, _ in page.lazy_holders(R.COMMENT_SELECTOR):
        if box.kind != "comment":
            box.expand()  # a thread inside a lazy subtree may be hinted: its boxes join the page and this loop
    for box in page.boxes:
        parent = box.parent
        if parent is not None and id(parent) in inside:
            inside.add(id(box))
            continue
        if box.kind == "comment" and not _is_ancestor(box, container):
            inside.add(id(box))
            text = box.text() if box.order not in taken else ""
            if text:
                found.append((box.order, Removed("comment", text)))
    return found


def _summarised(page: Page, taken: set[float]) -> list[tuple[float, Removed]]:
    """Menus and page footers (summarised, not walked) not reported yet, so they are never silently lost;
    those inside lazy subtrees that were never walked are read from the DOM."""
    found = [
        (box.order, Removed(box.kind or "navigation", box.note))
        for box in page.summarised
        if box.note and box.order not in taken
    ]
    count: dict[int, int] = {}
    for box, node in page.lazy_holders(R.SUMMARY_SELECTOR):
        if box.order in taken or _inside_menu(node, box.lazy[0] if box.lazy else None):
            continue  # reported with its box, or inside another menu, which reports it
        text = compact_text(node.text(deep=True, separator=" "), R.SUMMARY_MAX_CHARS)
        if text:
            count[id(box)] = count.get(id(box), 0) + 1
            order = box.order + count[id(box)] * R.LAZY_ORDER_STEP
            found.append((order, Removed(R.TAG_KINDS.get(node.tag or "", "navigation"), text)))
    return found


def _inside_menu(node: object, top: object) -> bool:
    """Whether a <nav>/<footer> element sits inside another one below `top`."""
    parent = node.parent  # type: ignore[attr-defined]
    while parent is not None and parent.mem_id != top.mem_id:  # type: ignore[attr-defined]
        if parent.tag in R.SUMMARISED_TAGS:
            return True
        parent = parent.parent
    return False


def _is_ancestor(box: Box, other: Box) -> bool:
    node: Box | None = other
    while node is not None:
        if node is box:
            return True
        node = node.parent
    return False


def _lead(container: Box) -> list[str]:
    """A standfirst just before the container: one plain prose block in a sibling box (share bars, images
    and bylines between them are stepped over). Templates often keep the lead outside the body element."""
    parent = container.parent
    if parent is None:
        return []
    at = next((i for i, item in enumerate(parent.items) if item is container), 0)
    for item in reversed(parent.items[max(0, at - R.LEAD_MAX_SIBLINGS) : at]):
        if isinstance(item, Box) and (item.boilerplate or not item.chars):
            continue  # media, share bars, bylines
        blocks = list(item.blocks()) if isinstance(item, Box) else [item]
        if len(blocks) == 1 and _lead_like(blocks[0]):
            return [blocks[0].text]
        return []
    return []


def _lead_like(block: Block) -> bool:
    """Plain running text: long enough, no links, ends a sentence, no heading or boilerplate wording."""
    if block.heading or block.kind or block.link_chars or block.chars < R.LEAD_MIN_CHARS or "\n" in block.text:
        return False
    return R.SENTENCE_END.search(block.text) is not None and R.text_kind(block.text) is None


def extract_body(page: Page, judge: Judge | None = None) -> Body:
    """Paragraphs of the article and the boilerplate removed around them."""
    container = choose(page)
    if container is None:
        return Body((), (), None)
    kept, removed = _filter(container, page, judge)
    kept = _lead(container) + kept
    nearby = _nearby(container)
    taken = {order for order, _ in removed} | {order for order, _ in nearby}
    removed += nearby + _comments(page, container, taken) + _summarised(page, taken)
    removed.sort(key=lambda pair: pair[0])
    paragraphs = tuple(p for p in kept if p)
    return Body(paragraphs, tuple(r for _, r in removed), container)
