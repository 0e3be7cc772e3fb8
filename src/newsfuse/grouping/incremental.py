"""New articles into an existing grouping, without regrouping the world (for the store and the desk).

`StoryState` holds the features of the articles grouped so far and each one's story. `assign` takes new
articles and:
1. flags copies of any kept article (MinHash containment, grouping.copies): a copy joins its original's story;
2. closes stories that no article joined for `story_quiet_days` before the newest date seen: closed
   stories take no new articles (a new event under an old name starts a new story);
3. lets each other new article join the open story whose members it is most like on average, when the
   average-linkage rule of stories.cluster_stories would merge it (the same thresholds, on the same
   blended similarity, against the story's own cohesion);
4. groups the rest among themselves (grouping.group_features) into new stories.
Pile statistics (IDF, the mean lead) are those of the open stories plus the new articles: memory and
time grow with the open window, not with everything ever grouped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from ..models import Article
from ..settings import DEFAULT, Settings
from .cluster import block_similarity, build_pile, group_features
from .copies import is_copy
from .features import ArticleFeatures, featurize


@dataclass
class StoryState:
    """Everything grouped so far: features in arrival order, each article's story, and copies."""

    features: list[ArticleFeatures] = field(default_factory=list)
    story_of: dict[str, str] = field(default_factory=dict)
    duplicate_of: dict[str, str] = field(default_factory=dict)
    next_story: int = 1

    def last_date(self, story: str) -> str | None:
        dates = [f.date for f in self.features if self.story_of[f.id] == story and f.date]
        return max(dates) if dates else None


@dataclass(frozen=True)
class Assignment:
    id: str
    story: str
    duplicate_of: str | None
    new_story: bool


def assign(new_articles: Sequence[Article], state: StoryState, settings: Settings = DEFAULT) -> list[Assignment]:
    """Assign new articles to stories (joining open ones or starting new ones); `state` is updated in place."""
    new = featurize(new_articles, settings)
    out: dict[str, Assignment] = {}
    kept = [f for f in state.features if f.id not in state.duplicate_of]
    for feature in new:
        original = next((k for k in kept if is_copy(feature, k, settings)), None)
        if original is not None:
            out[feature.id] = Assignment(feature.id, state.story_of[original.id], original.id, False)
    rest = [f for f in new if f.id not in out]
    open_stories = _open_stories(state, [*state.features, *new], settings)
    if rest and open_stories:
        for feature, story in zip(rest, _best_stories(state, rest, open_stories, settings)):
            if story is not None:
                out[feature.id] = Assignment(feature.id, story, None, False)
    _new_stories(state, [f for f in rest if f.id not in out], settings, out)
    for feature in new:
        state.features.append(feature)
        state.story_of[feature.id] = out[feature.id].story
        if out[feature.id].duplicate_of:
            state.duplicate_of[feature.id] = out[feature.id].duplicate_of  # type: ignore[assignment]
    return [out[f.id] for f in new]


def _open_stories(state: StoryState, everything: Sequence[ArticleFeatures], settings: Settings) -> list[str]:
    """Stories whose latest article is within `story_quiet_days` of the newest date seen (undated: open)."""
    dates = [f.date for f in everything if f.date]
    newest = _day(max(dates)) if dates else None
    stories = list(dict.fromkeys(state.story_of[f.id] for f in state.features))
    if newest is None:
        return stories
    cutoff = newest - timedelta(days=settings.story_quiet_days)
    return [s for s in stories if (last := state.last_date(s)) is None or (_day(last) or newest) >= cutoff]


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _best_stories(state: StoryState, rest: Sequence[ArticleFeatures], stories: Sequence[str],
                  settings: Settings) -> list[str | None]:
    """For each new article, the open story average linkage would merge it into (most similar), or None."""
    open_ids = set(stories)
    kept = [f for f in state.features if f.id not in state.duplicate_of and state.story_of[f.id] in open_ids]
    pile = build_pile([*kept, *rest], settings)
    similarity = block_similarity(pile, range(len(kept) + len(rest)))
    rule = pile.settings
    index = {f.id: k for k, f in enumerate(kept)}
    choices: list[str | None] = []
    for r in range(len(rest)):
        row = similarity[len(kept) + r]
        best, best_score = None, -1.0
        for story in stories:
            members = [index[f.id] for f in kept if state.story_of[f.id] == story]
            if not members:
                continue
            cross = float(np.mean(row[members]))
            if _merges(cross, similarity, members, rule) and cross > best_score:
                best, best_score = story, cross
        choices.append(best)
    return choices


def _merges(cross: float, similarity: np.ndarray, members: Sequence[int], rule: Settings) -> bool:
    """stories._best_merge's acceptance rule for one article against one story."""
    if cross >= rule.same_story_threshold:
        return True
    if len(members) == 1:
        return cross >= rule.story_pair_threshold and cross >= rule.story_floor
    block = similarity[np.ix_(members, members)]
    cohesion = (block.sum() - len(members)) / (len(members) * (len(members) - 1))
    return cross >= rule.story_cohesion_ratio * cohesion and cross >= rule.story_floor


def _new_stories(state: StoryState, rest: Sequence[ArticleFeatures], settings: Settings,
                 out: dict[str, Assignment]) -> None:
    """Group the articles that joined nothing among themselves; number their stories after the state's."""
    grouping = group_features(rest, settings)
    for group in grouping.groups:
        story = f"s{state.next_story}"
        state.next_story += 1
        for article_id in group.article_ids:
            out[article_id] = Assignment(article_id, story, grouping.duplicate_of.get(article_id), True)


def state_from(articles: Sequence[Article], settings: Settings = DEFAULT) -> StoryState:
    """A state holding a first pile, grouped as a whole (the same stories as group_stories)."""
    state = StoryState()
    assign(articles, state, settings)
    return state
