"""The store: articles persist, duplicates are skipped, a failed batch stores nothing."""

from __future__ import annotations

import os
import sqlite3

import pytest

from newsfuse.cli import main
from newsfuse.models import Article, Removed
from newsfuse.store import MemoryStore, SQLiteStore, open_store

A = Article("a", "a.txt", "Floods", "Outlet", "2024-01-02", ("Rivers rose.", "Homes flooded."),
            (Removed("share", "Share"),), "Jo Reporter", "en", "https://x/a")
B = Article("b", "b.txt", None, None, None, ("The vote passed.",))


def backends(tmp_path):
    yield MemoryStore()
    yield SQLiteStore(str(tmp_path / "news.sqlite"))
    url = os.environ.get("NEWSFUSE_TEST_POSTGRES_URL")
    if url:
        yield open_store(url)


@pytest.mark.parametrize("index", [0, 1])
def test_round_trip_and_duplicates(tmp_path, index):
    store = list(backends(tmp_path))[index]
    first = store.add([A, B])
    assert first.added == ("a", "b") and first.skipped == ()
    again = store.add([Article("a2", None, None, None, None, ("rivers   ROSE.", "Homes flooded."))])
    assert again.added == () and again.skipped == ("a2",)  # same body, other whitespace and case
    assert store.articles() == [A, B]


def test_same_id_other_body_gets_new_id(tmp_path):
    store = SQLiteStore(str(tmp_path / "s.sqlite"))
    store.add([A])
    result = store.add([Article("a", None, None, None, None, ("A different story.",))])
    assert result.added == ("a-2",)


def test_sqlite_persists_across_connections(tmp_path):
    path = str(tmp_path / "p.sqlite")
    with open_store(path) as store:
        store.add([A])
    with open_store(path) as store:
        assert store.articles() == [A]


def test_failed_batch_stores_nothing(tmp_path, monkeypatch):
    path = str(tmp_path / "t.sqlite")
    store = SQLiteStore(path)
    store.add([A])
    original = store.execute
    calls = {"n": 0}

    def failing(sql, params=()):
        if sql.startswith("INSERT"):
            calls["n"] += 1
            if calls["n"] == 2:
                raise sqlite3.OperationalError("disk I/O error")
        return original(sql, params)

    monkeypatch.setattr(store, "execute", failing)
    with pytest.raises(sqlite3.OperationalError):
        store.add([B, Article("c", None, None, None, None, ("Third.",))])
    monkeypatch.undo()
    assert [a.id for a in SQLiteStore(path).articles()] == ["a"]


def test_cli_add_then_brief_grows_the_story(tmp_path, capsys, seeds):
    db = str(tmp_path / "seeds.sqlite")
    assert main(["add", "--db", db, str(seeds[0]), str(seeds[2])]) == 0
    assert "added 2" in capsys.readouterr().out
    assert main(["add", "--db", db, str(seeds[0])]) == 0
    assert "added 0, already stored 1, 2 article(s)" in capsys.readouterr().out
    assert main(["brief", "--db", db, "--format", "json", str(seeds[1])]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert len(data["articles"]) == 3
    assert len(data["stories"][0]["articles"]) == 3


def test_cli_add_bad_input_leaves_store_untouched(tmp_path, capsys, seeds):
    db = str(tmp_path / "x.sqlite")
    main(["add", "--db", db, str(seeds[0])])
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert main(["add", "--strict", "--db", db, str(empty), str(seeds[1])]) == 1
    assert "is empty" in capsys.readouterr().err
    assert len(open_store(db).articles()) == 1
    # by default a pile survives its bad members (docs/errors.md): the good one is added, the status says 1
    assert main(["add", "--db", db, str(empty), str(seeds[1])]) == 1
    assert "is empty" in capsys.readouterr().err
    assert len(open_store(db).articles()) == 2
