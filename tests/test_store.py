"""The store: articles persist, duplicates are skipped, a failed batch stores nothing; the same contract on
SQLite, PostgreSQL (NEWSFUSE_TEST_PG_URL, started by .ci/run) and memory; concurrent writers from threads and
processes; schema migrations; a SIGKILL mid-write loses nothing committed."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from newsfuse.cli import main
from newsfuse.models import Article, Removed
from newsfuse.store import MemoryStore, SQLiteStore, StoryRow, open_store
from newsfuse.store.schema import MIGRATIONS

A = Article("a", "a.txt", "Floods", "Outlet", "2024-01-02", ("Rivers rose.", "Homes flooded."),
            (Removed("share", "Share"),), "Jo Reporter", "en", "https://x/a")
B = Article("b", "b.txt", None, None, None, ("The vote passed.",))
PG_URL = os.environ.get("NEWSFUSE_TEST_PG_URL") or os.environ.get("NEWSFUSE_TEST_POSTGRES_URL")
SRC = str(Path(__file__).resolve().parents[1] / "src")
TABLES = ("articles", "meta", "stories", "briefs", "schema_version")


def fresh_postgres() -> str:
    """The test server's database with every newsfuse table dropped (each test starts empty)."""
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as connection:
        for table in TABLES:
            connection.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    return PG_URL  # type: ignore[return-value]


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "memory":
        yield MemoryStore()
        return
    if request.param == "postgres" and not PG_URL:
        pytest.skip("NEWSFUSE_TEST_PG_URL not set (.ci/run starts a PostgreSQL server and sets it)")
    location = str(tmp_path / "news.sqlite") if request.param == "sqlite" else fresh_postgres()
    opened = open_store(location)
    yield opened
    opened.close()


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path):
    """A location for SQL stores that tests open more than once (processes, reopening)."""
    if request.param == "postgres":
        if not PG_URL:
            pytest.skip("NEWSFUSE_TEST_PG_URL not set (.ci/run starts a PostgreSQL server and sets it)")
        return fresh_postgres()
    return str(tmp_path / "news.sqlite")


def test_round_trip_and_duplicates(store):
    first = store.add([A, B])
    assert first.added == ("a", "b") and first.skipped == ()
    again = store.add([Article("a2", None, None, None, None, ("rivers   ROSE.", "Homes flooded."))])
    assert again.added == () and again.skipped == ("a2",)  # same body, other whitespace and case
    assert store.articles() == [A, B]
    assert store.article("a") == A and store.article("zz") is None
    assert [i.id for i in store.article_infos()] == ["a", "b"] and store.article_infos()[0].added


def test_same_id_other_body_gets_new_id(store):
    store.add([A])
    result = store.add([Article("a", None, None, None, None, ("A different story.",))])
    assert result.added == ("a-2",)


def test_delete_raises_the_revision_and_readding_works(store):
    store.add([A, B])
    revision = store.revision()
    assert store.delete("a") is True and store.delete("a") is False
    assert [a.id for a in store.articles()] == ["b"] and store.revision() == revision + 1
    assert store.add([A]).added == ("a",)  # its body is free again


def test_story_grouping_is_written_only_at_its_revision(store):
    store.add([A, B])
    rows = [StoryRow("k1", ("a", "b"), 0)]
    assert store.replace_stories(rows, store.revision()) and store.stories() == rows
    stale = store.revision()
    store.delete("b")
    assert not store.replace_stories([StoryRow("k2", ("a",), 0)], stale)  # the articles changed meanwhile
    assert store.stories() == rows
    store.put_brief("k1", '{"x": 1}')
    store.put_brief("k1", '{"x": 2}')  # a key names one article set: the first brief stands
    assert store.brief("k1") == '{"x": 1}' and store.brief("k9") is None


def test_sqlite_persists_across_connections(tmp_path):
    path = str(tmp_path / "p.sqlite")
    with open_store(path) as store:
        store.add([A])
    with open_store(path) as store:
        assert store.articles() == [A]


def test_sqlite_is_wal_with_a_busy_timeout(tmp_path):
    store = SQLiteStore(str(tmp_path / "w.sqlite"))
    assert store.execute("PRAGMA journal_mode")[0][0] == "wal"
    assert store.execute("PRAGMA busy_timeout")[0][0] >= 5000


def test_a_store_from_before_versioning_is_migrated(tmp_path):
    """A file with only the original articles table (what newsfuse add wrote before) opens, keeps its rows
    and gains the later steps' tables and columns."""
    path = tmp_path / "old.sqlite"
    connection = sqlite3.connect(path)
    connection.execute(MIGRATIONS[0][0].format(serial="INTEGER PRIMARY KEY AUTOINCREMENT"))
    connection.execute("INSERT INTO articles (id, paragraphs, removed, hash) VALUES ('old', '[\"Kept.\"]', '[]', 'h')")
    connection.commit()
    connection.close()
    store = SQLiteStore(str(path))
    assert store.schema_version == len(MIGRATIONS)
    assert store.execute("SELECT version FROM schema_version") == [(len(MIGRATIONS),)]
    assert [a.paragraphs for a in store.articles()] == [("Kept.",)]
    assert store.revision() == 0 and store.stories() == []
    assert SQLiteStore(str(path)).schema_version == len(MIGRATIONS)  # reopening applies nothing twice


def test_many_threads_share_one_store(location):
    """One store object used from many threads at once (what the web server does)."""
    store = open_store(location)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for k in range(5):
                store.add([Article(f"t{n}-{k}", None, None, None, None, (f"Thread {n} wrote line {k}.",))])
                store.articles()
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(store.articles()) == 40 and store.revision() == 40
    store.close()


def test_two_processes_adding_the_same_files_both_succeed(location, tmp_path, seeds):
    """Two `newsfuse add` at once on one store, several rounds: both exit 0, each body stored once."""
    env = dict(os.environ, PYTHONPATH=SRC)
    command = [sys.executable, "-m", "newsfuse.cli", "add", "--db", location, *map(str, seeds)]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [p.communicate(timeout=240) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    added = sorted(int(out.split("added ")[1].split(",")[0]) for out, _ in outputs)
    assert sum(added) == len(seeds)
    with open_store(location) as store:
        assert len(store.articles()) == len(seeds)


RACER = textwrap.dedent("""
    import sys
    from newsfuse.models import Article
    from newsfuse.store import open_store
    store = open_store(sys.argv[1])
    added = 0
    for n in range(150):  # the same articles in the same order as the other process: every add races
        added += len(store.add([Article(f"r{n}", None, None, None, None, (f"Race line {n}.",))]).added)
    print(added)
""")


def test_two_processes_racing_on_every_add_both_succeed(location):
    """Two writers adding the same 150 articles one transaction each, at the same moment: no UNIQUE error,
    each body stored once, under its own id."""
    env = dict(os.environ, PYTHONPATH=SRC)
    open_store(location).close()  # the schema exists before the race
    racers = [subprocess.Popen([sys.executable, "-c", RACER, location], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in racers]
    assert [p.returncode for p in racers] == [0, 0], outputs
    assert sum(int(out) for out, _ in outputs) == 150
    with open_store(location) as store:
        assert sorted(a.id for a in store.articles()) == sorted(f"r{n}" for n in range(150))


def test_failed_batch_stores_nothing(tmp_path, monkeypatch):
    path = str(tmp_path / "t.sqlite")
    store = SQLiteStore(path)
    store.add([A])
    original = store.execute
    calls = {"n": 0}

    def failing(sql, params=()):
        if sql.startswith("INSERT INTO articles"):
            calls["n"] += 1
            if calls["n"] == 2:
                raise sqlite3.OperationalError("disk I/O error")
        return original(sql, params)

    monkeypatch.setattr(store, "execute", failing)
    with pytest.raises(sqlite3.OperationalError):
        store.add([B, Article("c", None, None, None, None, ("Third.",))])
    monkeypatch.undo()
    assert [a.id for a in SQLiteStore(path).articles()] == ["a"]


WRITER = textwrap.dedent("""
    import sys
    from newsfuse.models import Article
    from newsfuse.store import open_store
    store = open_store(sys.argv[1])
    for n in range(100000):
        paragraphs = tuple(f"Paragraph {k} of article {n}, long enough to span pages. " * 20 for k in range(8))
        result = store.add([Article(f"k{n}", None, f"Article {n}", None, None, paragraphs)])
        print(result.added[0], flush=True)
""")


def test_sigkill_mid_ingest_keeps_every_committed_article(tmp_path):
    """A writer SIGKILLed while adding: the file passes integrity_check and holds every article whose add
    returned (each add is one transaction)."""
    path = str(tmp_path / "k.sqlite")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, path], env=dict(os.environ, PYTHONPATH=SRC),
                              stdout=subprocess.PIPE, text=True)
    committed = []
    assert writer.stdout is not None
    deadline = time.monotonic() + 60
    while len(committed) < 40 and time.monotonic() < deadline:
        committed.append(writer.stdout.readline().strip())
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = {row[0] for row in connection.execute("SELECT id FROM articles")}
    assert len(committed) == 40 and set(committed) <= stored


def test_cli_add_list_show_delete(tmp_path, capsys, seeds):
    db = str(tmp_path / "cli.sqlite")
    assert main(["add", "--db", db, str(seeds[0]), str(seeds[3])]) == 0
    capsys.readouterr()
    assert main(["list", "--db", db, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in listed] == [seeds[0].stem, seeds[3].stem]
    assert main(["show", "--db", db, seeds[3].stem]) == 0
    assert "Westminster" in capsys.readouterr().out
    assert main(["delete", "--db", db, seeds[3].stem, "nope"]) == 1
    captured = capsys.readouterr()
    assert f"deleted {seeds[3].stem}" in captured.out and "nope: no such article" in captured.err
    assert main(["show", "--db", db, seeds[3].stem]) == 1


def test_cli_add_then_brief_grows_the_story(tmp_path, capsys, seeds):
    db = str(tmp_path / "seeds.sqlite")
    assert main(["add", "--db", db, str(seeds[0]), str(seeds[2])]) == 0
    assert "added 2" in capsys.readouterr().out
    assert main(["add", "--db", db, str(seeds[0])]) == 0
    assert "added 0, already stored 1, 2 article(s)" in capsys.readouterr().out
    assert main(["brief", "--db", db, "--format", "json", str(seeds[1])]) == 0
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
