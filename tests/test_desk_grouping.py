"""The desk groups incrementally (store.grouping over grouping.incremental.assign), on a real SQLite file
(and PostgreSQL when NEWSFUSE_TEST_PG_URL is set): a pile added at once gets the batch grouping, later
articles join stories without regrouping the world, deleted ones leave, and a restart keeps the stories."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from newsfuse.grouping import incremental
from newsfuse.models import Article
from newsfuse.settings import DEFAULT
from newsfuse.store import StoryRow, open_store
from newsfuse.store.base import story_key
from newsfuse.store.grouping import update
from newsfuse.store.rebrief import Rebriefer
from newsfuse.stories import group_stories

LEXICAL = DEFAULT.with_(story_embeddings=False)
PG_URL = os.environ.get("NEWSFUSE_TEST_PG_URL") or os.environ.get("NEWSFUSE_TEST_POSTGRES_URL")

FLOOD = Article("flood", None, "Carlisle floods", "A", "2024-01-06", (
    "Floods forced 300 families from their homes in Carlisle after the River Eden burst its banks on Saturday.",
    "The Environment Agency issued six severe flood warnings for Cumbria, the most since 2015.",
    "Residents were evacuated to the Sands Centre as water rose two metres overnight in the city centre."))
FLOOD_OTHER = Article("flood-other", None, "Eden bursts its banks", "B", "2024-01-07", (
    "Hundreds of Carlisle residents spent Saturday night in an emergency shelter after the River Eden flooded.",
    "Cumbria was put under six severe flood warnings by the Environment Agency; families left their homes.",
    "Water rose two metres in the city centre and residents were evacuated to the Sands Centre."))
VOTE = Article("vote", None, "Senate passes budget", "C", "2024-01-05", (
    "The Senate passed the budget bill by 51 votes to 49 late on Thursday after a night of debate.",
    "Democrats said the bill would cut health spending; Republicans called it overdue.",
    "The House is expected to vote on the measure next week, and the President said he would sign it."))


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "postgres":
        if not PG_URL:
            pytest.skip("no PostgreSQL (set NEWSFUSE_TEST_PG_URL; .ci/run starts one)")
        from test_store import fresh_postgres

        location = fresh_postgres()
    else:
        location = str(tmp_path / "desk.db")
    with open_store(location) as opened:
        yield opened


def desk_update(store, desk=None):  # type: ignore[no-untyped-def]
    """One incremental update from what the store holds, written back as the stored grouping."""
    stored = [row.article_ids for row in store.stories()] if desk is None else []
    hashes = store.hashes()
    desk, groups = update(desk, stored, store.articles(), hashes, LEXICAL)
    rows = [StoryRow(story_key((i, hashes[i]) for i in ids), ids, k) for k, ids in enumerate(groups)]
    assert store.replace_stories(rows, store.revision())
    return desk, groups


def test_a_pile_added_at_once_gets_the_batch_grouping(store, seed_articles):
    pile = [*seed_articles.values(), FLOOD, VOTE, FLOOD_OTHER]
    store.add(pile)
    _, groups = desk_update(store)
    assert groups == [tuple(g.article_ids) for g in group_stories(store.articles(), LEXICAL)]
    assert [row.article_ids for row in store.stories()] == groups


def test_later_articles_join_stories_without_regrouping_the_world(store, seed_articles, monkeypatch):
    first = [seed_articles[k] for k in ("000", "002", "004")]
    store.add([*first, VOTE])
    desk, before = desk_update(store)
    grouped: list[int] = []  # how many articles each clustering call saw (a spy beside the real call)
    real = incremental.group_features
    monkeypatch.setattr(incremental, "group_features", lambda f, s: grouped.append(len(f)) or real(f, s))
    store.add([seed_articles["003"], FLOOD, FLOOD_OTHER])
    desk, after = desk_update(store, desk)
    assert grouped == [2]  # only the two flood reports, which joined nothing, were clustered
    main = next(ids for ids in before if seed_articles["000"].id in ids)
    assert set(main) | {seed_articles["003"].id} in [set(ids) for ids in after]  # 003 joined the seeds' story
    assert {"flood", "flood-other"} in [set(ids) for ids in after]
    untouched = [ids for ids in before if ids != main]
    assert all(ids in after for ids in untouched)  # other stories (the vote, the related 004) as they were


def test_a_deleted_article_leaves_its_story_and_the_rest_stays_together(store, seed_articles):
    store.add([*seed_articles.values(), VOTE])
    desk, before = desk_update(store)
    main = next(ids for ids in before if len(ids) >= 3)
    assert store.delete(main[0])
    _, after = desk_update(store, desk)
    assert main[1:] in after
    assert sorted(i for ids in after for i in ids) == sorted(a.id for a in store.articles())


def test_a_restart_seeds_the_stories_it_stored(store, seed_articles):
    first = [seed_articles[k] for k in ("000", "002", "004")]
    store.add([*first, VOTE])
    _, before = desk_update(store)
    store.add([seed_articles["003"]])  # stored while the desk was down
    desk, after = desk_update(store)  # a fresh process: no state but the store
    main = next(ids for ids in before if seed_articles["000"].id in ids)
    assert (*main, seed_articles["003"].id) in after
    assert all(ids in after for ids in before if ids != main)
    assert desk.state.next_story == len(before) + 1


def test_a_story_closes_after_the_quiet_days(tmp_path):
    with open_store(str(tmp_path / "desk.db")) as store:
        store.add([FLOOD])
        stored, hashes = [], store.hashes()
        desk, _ = update(None, stored, store.articles(), hashes, LEXICAL.with_(story_quiet_days=3))
        store.add([replace(FLOOD_OTHER, date="2024-01-20")])
        _, groups = update(desk, [], store.articles(), store.hashes(), LEXICAL.with_(story_quiet_days=3))
        assert sorted(groups) == [("flood",), ("flood-other",)]  # the flood story went quiet on the 6th


def test_the_rebriefer_briefs_only_the_story_a_new_article_joined(tmp_path):
    """End to end on a SQLite file: the vote's brief is kept (its article set did not change)."""
    with open_store(str(tmp_path / "desk.db")) as store:
        store.add([FLOOD, VOTE])
        worker = Rebriefer(store, LEXICAL)
        assert worker.step()
        vote_key = next(row.key for row in store.stories() if row.article_ids == ("vote",))
        vote_brief = store.brief(vote_key)
        store.add([FLOOD_OTHER])
        assert worker.step()
        rows = {row.article_ids: row.key for row in store.stories()}
        assert set(rows) == {("flood", "flood-other"), ("vote",)}
        assert rows[("vote",)] == vote_key and store.brief(vote_key) == vote_brief
        assert store.brief(rows[("flood", "flood-other")]) is not None
