"""The desk's story grouping, kept up to date incrementally (grouping.incremental.assign).

A new article joins the open story average linkage would merge it into, or starts a new story with the
other newcomers; existing stories are never regrouped, and a story no article joined for
`story_quiet_days` is closed. So:
- articles added at once to an empty desk get the batch grouping (`group_stories`, as `brief` groups them);
- articles added later join stories or start new ones, and never split or merge the stories already
  shown: the desk's grouping of a pile added in several steps can differ from the batch grouping of
  the whole pile (a story split in two by arrival order stays split).
- a deleted article leaves its story (the rest stays together); an article whose id now holds other text
  is a deleted one plus a new one.
- after a restart the state is seeded from the stored grouping (features recomputed, no clustering), so
  the stories a reader saw survive it; articles stored meanwhile by another process are then assigned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..grouping.copies import duplicate_pairs, originals
from ..grouping.features import featurize
from ..grouping.incremental import StoryState, assign
from ..models import Article
from ..settings import Settings


@dataclass
class DeskGrouping:
    """The incremental state plus the content hash each grouped article had (to see replaced texts)."""

    state: StoryState = field(default_factory=StoryState)
    hashes: dict[str, str] = field(default_factory=dict)


def seeded(stored: Sequence[Sequence[str]], articles: Sequence[Article], hashes: dict[str, str],
           settings: Settings) -> DeskGrouping:
    """A state holding the stored stories (those of their articles still stored), story ids s1, s2, ...
    in stored order; copies within a story found again. No clustering: only features are computed."""
    by_id = {a.id: a for a in articles}
    desk = DeskGrouping()
    state = desk.state
    for number, members in enumerate(stored, 1):
        present = [by_id[i] for i in members if i in by_id]
        if not present:
            continue
        features = featurize(present, settings)
        for c, o in originals(features, duplicate_pairs(features, settings)).items():
            state.duplicate_of[features[c].id] = features[o].id
        for feature in features:
            state.features.append(feature)
            state.story_of[feature.id] = f"s{number}"
            desk.hashes[feature.id] = hashes.get(feature.id, "")
        state.next_story = number + 1
    return desk


def update(desk: DeskGrouping | None, stored: Sequence[Sequence[str]], articles: Sequence[Article],
           hashes: dict[str, str], settings: Settings) -> tuple[DeskGrouping, list[tuple[str, ...]]]:
    """Bring the grouping to the stored articles: drop the gone, assign the new; (state, stories' members).
    Module-level and returning the state, so a process pool can run it."""
    if desk is None:
        desk = seeded(stored, articles, hashes, settings)
    present = {a.id for a in articles}
    gone = {i for i in desk.state.story_of if i not in present or hashes.get(i, "") != desk.hashes.get(i)}
    if gone:
        _forget(desk, gone)
    new = [a for a in articles if a.id not in desk.state.story_of]
    if new:
        assign(new, desk.state, settings)
        desk.hashes.update((a.id, hashes.get(a.id, "")) for a in new)
    return desk, story_members(desk.state)


def _forget(desk: DeskGrouping, gone: set[str]) -> None:
    """Take articles out of the state; a copy whose original went becomes an original again."""
    state = desk.state
    state.features = [f for f in state.features if f.id not in gone]
    for article_id in gone:
        state.story_of.pop(article_id, None)
        desk.hashes.pop(article_id, None)
    state.duplicate_of = {c: o for c, o in state.duplicate_of.items() if c not in gone and o not in gone}


def story_members(state: StoryState) -> list[tuple[str, ...]]:
    """Each story's article ids in arrival order; stories largest first, then in the order they began
    (for a state grouped at once this is the batch grouping's order)."""
    members: dict[str, list[str]] = {}
    for feature in state.features:
        members.setdefault(state.story_of[feature.id], []).append(feature.id)
    ordered = sorted(members, key=lambda story: (-len(members[story]), int(story[1:])))
    return [tuple(members[story]) for story in ordered]


__all__ = ["DeskGrouping", "seeded", "story_members", "update"]
