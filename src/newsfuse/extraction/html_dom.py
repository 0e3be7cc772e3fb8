"""One pass over a lexbor DOM into a light tree of block boxes holding text blocks.

A Box is a block-level element (div, p, li, section ...); a Block is one run of inline text inside it,
with its link text counted. Scoring and filtering then work on this small tree instead of the DOM, which
keeps the extractor fast (one walk over the DOM, no XPath). Everything is iterative: pages nest
tens of thousands of elements deep without hitting Python's recursion limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import html_rules as R

# rule sets read for every element, bound here once (a module global is one lookup, R.X is two)
_BLOCK_TAGS, _HEADING_TAGS = R.BLOCK_TAGS, R.HEADING_TAGS
_BREAK_TAGS, _SUMMARISED_TAGS = R.BREAK_TAGS, R.SUMMARISED_TAGS
_UNHINTED_TAGS, _TAG_KINDS, _LINK_TAG, _LAZY_KINDS = R.UNHINTED_TAGS, R.TAG_KINDS, R.LINK_TAG, R.LAZY_KINDS
_BREAK = "\x1e"
_EDGE = "\x1f"  # a link's start or end: a space there where the script changes (CJK text beside a Latin name)
_EDGE_SPACE = re.compile(
    rf"(?<=[{R.CJK_CHARS}]){_EDGE}+(?=[^\W_{R.CJK_CHARS}])|(?<=[^\W_{R.CJK_CHARS}]){_EDGE}+(?=[{R.CJK_CHARS}])"
)


class Block:
    """A run of inline text in one box; `kind` is set when inline markup names it as boilerplate."""

    __slots__ = ("text", "chars", "link_chars", "box", "order", "kind", "heading")

    def __init__(self, text: str, link_chars: int, box: Box, order: float, kind: str | None, heading: str | None):
        self.text = text
        self.chars = len(text)
        self.link_chars = min(link_chars, self.chars)
        self.box = box
        self.order = order
        self.kind = kind
        self.heading = heading

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


class Box:
    """A block-level element: its hint kind, children in document order, and subtree totals."""

    __slots__ = ("tag", "kind", "parent", "items", "order", "value", "chars", "attrs", "depth", "zone", "note", "lazy")

    def __init__(self, tag: str, kind: str | None, parent: Box | None, order: float, attrs: Any = None):
        self.tag = tag
        self.attrs = attrs  # the element's attributes, for metadata and debugging
        self.kind = kind
        self.parent = parent
        self.items: list[Block | Box] = []
        self.order = order
        self.value = 0.0
        self.chars = 0
        self.depth: int = parent.depth + 1 if parent is not None else 0
        # boilerplate kind of this box or its nearest hinted ancestor: where an article is unlikely to be
        inherited = parent.zone if parent is not None else None
        self.zone: str | None = kind if kind is not None and kind != "content" else inherited
        self.note: str | None = None  # compact text of a subtree summarised instead of walked (menus, footers)
        # a boilerplate subtree not walked yet: (element, heading, in-link, page); `chars` is then an estimate
        self.lazy: tuple[Any, str | None, bool, Page] | None = None

    @property
    def boilerplate(self) -> bool:
        return self.kind is not None and self.kind != "content"

    def expand(self) -> None:
        """Walk a lazy subtree now (its text or its inner boxes are needed after all)."""
        if self.lazy is not None:
            self.lazy[3].expand(self)

    def blocks(self) -> Iterator[Block]:
        """Every block of the subtree in document order (iterative; lazy subtrees are walked on the way)."""
        self.expand()
        stack: list[Iterator[Block | Box]] = [iter(self.items)]
        while stack:
            item = next(stack[-1], None)
            if item is None:
                stack.pop()
            elif isinstance(item, Box):
                item.expand()
                stack.append(iter(item.items))
            else:
                yield item

    def text(self) -> str:
        if self.note is not None:
            return self.note
        return "\n".join(b.text for b in self.blocks())


class Page:
    """The box tree of a page body: the root box and every box in document (pre)order."""

    def __init__(self, root: Box, boxes: list[Box], summarised: list[Box] | None = None):
        self.root = root
        self.boxes = boxes
        # boxes of subtrees summarised, not walked (see Box.note)
        self.summarised = summarised if summarised is not None else []
        self.top: Any = None  # the element walked

    def lazy_holders(self, selector: str) -> list[tuple[Box, Any]]:
        """(lazy box, element) for each element matching `selector` inside a subtree not walked yet, found
        with one query over the page instead of one per lazy box."""
        lazy = {box.lazy[0].mem_id: box for box in self.boxes if box.lazy is not None}
        if not lazy or self.top is None:
            return []
        found = []
        for node in self.top.css(selector):
            parent = node.parent
            while parent is not None and parent.mem_id not in lazy:
                parent = parent.parent
            if parent is not None:
                found.append((lazy[parent.mem_id], node))
        return found

    def expand(self, box: Box) -> None:
        """Walk the lazy subtree of `box` into it; its boxes join the page (after their ancestors, as needed)."""
        if box.lazy is None:
            return
        node, heading, in_link, _ = box.lazy
        box.lazy = None
        walker = _Walker(box.order, R.LAZY_ORDER_STEP, lazy=False)
        walker.walk_into(node, box, heading, in_link)
        self.boxes.extend(walker.boxes)
        self.summarised.extend(walker.summarised)

    def release(self) -> None:
        """Break the parent/child reference cycles so the tree is freed at once, not by a later collection."""
        for box in self.boxes:
            box.items.clear()
            box.lazy = None
        self.top = None


def _element_kind(tag: str, attrs: dict[str, Any]) -> str | None:
    """Hint kind of one element from its tag and attributes; 'hidden' for elements readers never see."""
    if not attrs:
        return None if tag in _UNHINTED_TAGS else _TAG_KINDS.get(tag)
    get = attrs.get
    if "hidden" in attrs or get("aria-hidden") == "true" or (get("style") and R.style_hidden(get("style") or "")):
        return "hidden"
    if tag in _UNHINTED_TAGS:
        return None
    itemprop = get("itemprop")
    if itemprop and itemprop.lower() in R.CONTENT_ITEMPROPS:
        return "content"
    role = get("role")
    if role and role.lower() in R.ROLE_KINDS:
        return R.ROLE_KINDS[role.lower()]
    kind = R.attribute_kind(get("class") or "", get("id") or "")
    return kind or _TAG_KINDS.get(tag)


class _Run:
    """Inline text collected since the last block boundary."""

    __slots__ = ("pieces", "link_chars", "hint_chars", "hint_kind")

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.link_chars = 0
        self.hint_chars = 0
        self.hint_kind: str | None = None


class _Walker:
    """Turns the DOM under one element into a Page.

    With `lazy`, subtrees hinted as boilerplate of the kinds in R.LAZY_KINDS (menus, related lists, ads,
    comment threads) are not walked: they become one Box with an estimated size, walked later only if the
    article could be inside one or their text is reported (see Page.expand). `step` numbers the items of
    such a later walk between the lazy box and its next sibling, so document order holds."""

    def __init__(self, order: float = 0, step: float = 1, lazy: bool = True) -> None:
        self.order = order
        self.step = step
        self.lazy = lazy
        self.page: Page | None = None
        self.run = _Run()
        self.boxes: list[Box] = []
        self.summarised: list[Box] = []

    def _next(self) -> float:
        self.order += self.step
        return self.order

    def flush(self, box: Box, heading: str | None) -> None:
        """Close the current inline run as a Block of `box`; the run is reset in place (the walk holds its list)."""
        run = self.run
        if not run.pieces:
            return
        raw = "".join(run.pieces)
        link_chars, hint_chars, hint_kind = run.link_chars, run.hint_chars, run.hint_kind
        run.pieces.clear()
        run.link_chars = run.hint_chars = 0
        run.hint_kind = None
        if raw.isspace():  # whitespace between block tags, the commonest run
            return
        if _EDGE in raw:
            raw = (raw if raw.isascii() else _EDGE_SPACE.sub(" ", raw)).replace(_EDGE, "")
        if _BREAK in raw:
            text = "\n".join(x for x in (" ".join(line.split()) for line in raw.split(_BREAK)) if x)
        else:
            text = " ".join(raw.split())
        if not text:
            return
        kind = hint_kind if hint_chars * 2 > len(text) else None
        block = Block(text, link_chars, box, self._next(), kind, heading)
        box.items.append(block)

    def walk(self, top: Any) -> Page:
        root = Box(top.tag or "body", None, None, self._next())
        self.boxes.append(root)
        self.page = Page(root, self.boxes, self.summarised)
        self.page.top = top
        self.walk_into(top, root, None, False)
        return self.page

    def walk_into(self, top: Any, root: Box, heading: str | None, in_link: bool) -> None:
        """Walk the children of element `top` into box `root`."""
        # frame: children iterator, box, is-block (None for a link), in-link, heading tag, inline hint kind
        stack: list[tuple[Any, Box, bool | None, bool, str | None, str | None]] = [
            (top.iter(include_text=True), root, True, in_link, heading, None)
        ]
        plain_inline, skip = R.PLAIN_INLINE_TAGS, R.SKIP_TAGS
        while stack:
            frame = stack[-1]
            children, box, is_block, in_link, heading, hint = frame
            plain = not in_link and not hint
            pieces = self.run.pieces  # the same list for the whole walk (flush empties it in place)
            for node in children:  # siblings are read here; a child element is pushed and walked first
                tag = node.tag
                if tag == "-text":
                    if plain:
                        text = node.text_content
                        if pieces or not text.isspace():  # whitespace opening a run is never read
                            pieces.append(text)
                    else:
                        self._add_text(node.text_content, in_link, hint)
                elif tag in plain_inline:  # formatting only (the commonest case): no attributes to read
                    stack.append((node.iter(include_text=True), box, False, in_link, heading, hint))
                    break
                elif tag[0] != "-" and tag not in skip and self._enter(node, tag, frame, stack):
                    break
            else:
                stack.pop()
                if is_block is None:  # the end of a link
                    self.run.pieces.append(_EDGE)
                elif is_block and self.run.pieces:
                    self.flush(box, heading)

    def _enter(self, node: Any, tag: str, frame: tuple[Any, ...], stack: list[Any]) -> bool:
        """Open one element: push a frame for it (True), or handle it in place (False)."""
        _, box, _, in_link, heading, hint = frame
        if tag == _LINK_TAG:  # links are the commonest element: only hidden ones matter
            if node.attrs.get("aria-hidden") == "true":
                return False
            self.run.pieces.append(_EDGE)
            stack.append((node.iter(include_text=True), box, None, True, heading, hint))
            return True
        if tag in _BREAK_TAGS:
            self.run.pieces.append(_BREAK)
            return False
        if tag in _SUMMARISED_TAGS:
            self._summarise(node, tag, box, heading)
            return False
        attrs = node.attributes
        kind = _element_kind(tag, attrs)
        if kind == "hidden":
            return False
        if tag in _BLOCK_TAGS:
            if self.run.pieces:
                self.flush(box, heading)
            child = Box(tag, kind, box, self._next(), attrs)
            box.items.append(child)
            self.boxes.append(child)
            inner_heading = tag if tag in _HEADING_TAGS else heading
            if kind in _LAZY_KINDS and self.lazy and self.page is not None:
                child.lazy = (node, inner_heading, in_link, self.page)
                child.chars = len(" ".join(node.text(deep=True).split()))  # about what the walk would count
                return False
            stack.append((node.iter(include_text=True), child, True, in_link, inner_heading, None))
        else:
            inline_hint = kind if kind is not None and kind != "content" else hint
            stack.append((node.iter(include_text=True), box, False, in_link, heading, inline_hint))
        return True

    def _summarise(self, node: Any, tag: str, box: Box, heading: str | None) -> None:
        """A menu or page footer: never article text, so its text is read in C for `removed`, not walked."""
        if self.run.pieces:
            self.flush(box, heading)
        child = Box(tag, R.TAG_KINDS.get(tag, "navigation"), box, self._next())
        child.note = compact_text(node.text(deep=True, separator=" "), R.SUMMARY_MAX_CHARS)
        box.items.append(child)
        self.summarised.append(child)

    def _add_text(self, text: str, in_link: bool, hint: str | None) -> None:
        if not text:
            return
        run = self.run
        run.pieces.append(text)
        if in_link or hint:
            size = len(text.strip())
            if in_link:
                run.link_chars += size
            if hint:
                run.hint_chars += size
                run.hint_kind = run.hint_kind or hint


def compact_text(text: str, limit: int) -> str:
    """Whitespace collapsed and cut after about `limit` characters at a word boundary (marked with an ellipsis)."""
    words = " ".join(text[: limit * 4].split())
    if len(words) <= limit:
        return words
    cut = words.rfind(" ", 0, limit)
    return words[: cut if cut > limit // 2 else limit] + " \u2026"


def build_page(top: Any) -> Page:
    """Box tree of the DOM under `top` (usually <body>)."""
    return _Walker().walk(top)


def strip_invisible(tree: Any) -> None:
    """Drop scripts, styles and other never-read subtrees in C before the Python walk (it is the slow part)."""
    tree.strip_tags(list(R.SKIP_TAGS - {"head", "title", "meta", "link"}))
