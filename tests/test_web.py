"""The desk app in-process (TestClient over MemoryStore and SQLite): pages escape article content, the API
follows the JSON contract, writes need the token, the guard headers hold. tests/test_desk_server.py runs
the real server; tests/test_browser.py drives it in Chromium."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsfuse.store import MemoryStore, SQLiteStore, open_store  # noqa: E402
from newsfuse.web import create_app  # noqa: E402

TOKEN = "test-token-123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://127.0.0.1:8000"
FLOOD = ("Flood waters forced 300 families from their homes in Carlisle on Saturday, the council said.\n\n"
         "The River Eden rose two metres overnight after two days of heavy rain.")
EVIL = ("<script>alert(1)</script> The council said on Monday that the River Eden flood cost two million pounds.\n\n"
        "Engineers said the flood defences in Carlisle would be raised by a metre. <img src=x onerror=alert(2)>")
RETOLD = ("Some 300 families in Carlisle were forced out of their homes by flood waters on Saturday, "
          "according to the council <b>officials</b>.\n\nResidents said the water rose very quickly.")


@pytest.fixture(params=["memory", "sqlite", "postgres"])
def client(request, tmp_path):
    if request.param == "postgres":
        from test_store import PG_URL, fresh_postgres

        if not PG_URL:
            pytest.skip("NEWSFUSE_TEST_PG_URL not set (.ci/run starts a PostgreSQL server and sets it)")
        store = open_store(fresh_postgres())
    else:
        store = MemoryStore() if request.param == "memory" else SQLiteStore(str(tmp_path / "web.sqlite"))
    with TestClient(create_app(store, token=TOKEN, poll=0.1), base_url=BASE) as test_client:
        yield test_client
    store.close()


def brief(client):
    return client.get("/api/brief?wait=120").json()


def test_empty_store_page(client):
    response = client.get("/")
    assert response.status_code == 200 and "No articles yet" in response.text
    empty = brief(client)
    assert empty["summary"] == empty["articles"] == empty["stories"] == [] and empty["schema"]


def test_add_article_then_brief(client):
    response = client.post("/api/articles", json={"text": FLOOD, "id": "flood"}, headers=AUTH)
    assert response.status_code == 201 and response.json()["added"] == ["flood"]
    assert client.post("/api/articles", json={"text": FLOOD}, headers=AUTH).json()["skipped"]
    data = brief(client)
    assert [a["id"] for a in data["articles"]] == ["flood"]
    assert data["stories"][0]["summary"][0]["sources"] == ["flood"]
    assert data["summary"] == data["stories"][0]["summary"]  # one story: the pile's summary is its own
    [story] = client.get("/api/stories").json()
    assert story["articles"] == 1 and story["ready"]
    assert client.get(f"/api/stories/{story['key']}").json()["stories"][0]["summary"]


def test_writes_need_the_token(client):
    assert client.post("/api/articles", json={"text": FLOOD}).status_code == 401
    assert client.post("/api/articles", json={"text": FLOOD}, headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.delete("/api/articles/x").status_code == 401
    assert client.post("/add", data={"text": FLOOD}).status_code == 403  # the form without token or cookie
    assert client.get("/api/articles").json() == []
    assert client.post("/login", data={"token": "nope"}).status_code == 403
    assert client.post("/login", data={"token": TOKEN}, follow_redirects=False).status_code == 303
    added = client.post("/add", data={"text": FLOOD}, follow_redirects=False)  # now the cookie carries it
    assert added.status_code == 303 and "added+1" in added.headers["location"]


def test_untrusted_article_is_escaped_on_every_page(client):
    client.post("/api/articles", json={"text": EVIL, "id": "evil<i>"}, headers=AUTH)
    brief(client)
    [story] = client.get("/api/stories").json()
    pages = [client.get("/").text, client.get(f"/story/{story['key']}").text,
             client.get("/article/evil<i>?q=<script>alert(1)</script>").text, client.get("/api").text]
    for page in pages:
        assert "<script>alert" not in page and "<img src=x" not in page and "<i>" not in page
    assert "evil&lt;i&gt;" in pages[1] and "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[2]
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages[2]
    assert all(re.findall(r"<script[^>]*>", p) == ['<script src="/static/desk.js" defer>'] for p in pages)


def test_bad_payloads_rejected(client):
    assert client.post("/api/articles", json={"text": "  "}, headers=AUTH).status_code == 422
    assert client.post("/api/articles", json={"nope": 1}, headers=AUTH).status_code == 422
    assert client.post("/api/articles", json={"urls": ["/etc/passwd"]}, headers=AUTH).status_code == 422
    assert client.post("/add", data={"urls": "/etc/passwd", "token": TOKEN}).status_code == 422


def test_a_citation_opens_its_passage_highlighted(client):
    """Two outlets tell the same flood: the summary cites both, and each badge opens the article with the
    passage the citation rests on marked (the other outlet's wording for the second badge)."""
    client.post("/api/articles", json={"text": FLOOD, "id": "flood"}, headers=AUTH)
    client.post("/api/articles", json={"text": RETOLD, "id": "retold"}, headers=AUTH)
    data = brief(client)
    cited = [s for s in data["summary"] if len(s["sources"]) == 2]
    assert cited, data["summary"]
    for sentence in cited:
        assert [e["article"] for e in sentence["evidence"]] == sentence["sources"][1:]
    key = data["stories"][0]["key"]
    page = client.get(f"/story/{key}").text
    links = re.findall(r'href="(/article/retold\?q=[^"]+)"', page)
    assert links
    article = client.get(links[0].replace("&amp;", "&")).text
    marked = re.search(r'<mark id="hl" class="hl">(.*?)</mark>', article).group(1)
    assert "300 families" in marked and "&lt;b&gt;officials&lt;/b&gt;" in article


def test_highlight_leaves_an_unrelated_query_unmarked(client):
    client.post("/api/articles", json={"text": FLOOD, "id": "flood"}, headers=AUTH)
    page = client.get("/article/flood?q=The stock market closed higher on Tuesday in Tokyo.").text
    assert "<mark" not in page and "not found word for word" in page


def test_delete_shrinks_the_story(client):
    client.post("/api/articles", json={"texts": [FLOOD, RETOLD]}, headers=AUTH)
    assert brief(client)["stories"][0]["articles"].__len__() == 2
    [first, _] = [a["id"] for a in client.get("/api/articles").json()]
    assert client.delete(f"/api/articles/{first}", headers=AUTH).json() == {"deleted": first}
    assert client.delete(f"/api/articles/{first}", headers=AUTH).status_code == 404
    assert [len(s["articles"]) for s in brief(client)["stories"]] == [1]


def test_security_headers_host_check_and_size_limit(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff" and response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert client.get("/", headers={"Host": "attacker.example:8000"}).status_code == 421
    huge = client.post("/api/articles", content=b"x" * 10_000_001, headers=AUTH | {"Content-Type": "application/json"})
    assert huge.status_code == 413 and "limit" in huge.json()["detail"]
    chunked = client.post("/api/articles", content=iter([b"x" * 6_000_000, b"x" * 6_000_000]),
                          headers=AUTH | {"Content-Type": "application/json"})  # no Content-Length to refuse up front
    assert chunked.status_code == 413 and "limit" in chunked.json()["detail"]
    upload = client.post("/add", data={"token": TOKEN}, files={"files": ("big.html", b"<p>x</p>" * 1_500_000)})
    assert upload.status_code == 413


def test_docs_are_served_offline(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/brief", "/api/articles"} <= set(spec["paths"])
    page = client.get("/docs").text
    assert "/api/stories/{key}" in page and "swagger" not in page.lower()
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', page)  # nothing loaded from elsewhere


def test_host_names_and_binding_rules():
    from newsfuse.errors import NewsfuseError
    from newsfuse.web.security import allowed_hosts_for, host_name
    from newsfuse.web.serve import check_bind

    assert [host_name(h) for h in ("Example.org:8000", "[::1]:80", "localhost", "::1")] == \
        ["example.org", "[::1]", "localhost", "::1"]
    hosts = allowed_hosts_for("0.0.0.0", ["desk.lan"])
    assert {"desk.lan", "127.0.0.1", "localhost"} <= hosts and "0.0.0.0" not in hosts
    assert "192.168.1.5" in allowed_hosts_for("192.168.1.5")
    for loopback in ("127.0.0.1", "::1", "localhost", "127.0.0.2"):
        check_bind(loopback, None)
    check_bind("0.0.0.0", "a-token")
    with pytest.raises(NewsfuseError, match="NEWSFUSE_TOKEN"):
        check_bind("192.168.1.5", None)



def test_a_brief_written_after_its_story_is_served(tmp_path):
    """/api/brief asked while a story's brief is still being written (its story row stored, its brief not yet:
    a slow re-brief under load) must not cache that incomplete answer: the story keys do not change when the
    brief arrives, so the story would be missing for good (the real server's killed-worker test caught it)."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    release = threading.Event()

    class SlowBriefs(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
            if fn.__name__ == "brief_story_json":
                release.wait(60)
            return super().submit(fn, *args, **kwargs)

    store = SQLiteStore(str(tmp_path / "race.sqlite"))
    app = create_app(store, token=TOKEN, poll=0.1, executor=lambda: SlowBriefs(1))
    with TestClient(app, base_url=BASE) as client:
        assert client.post("/api/articles", json={"text": FLOOD, "id": "flood"}, headers=AUTH).status_code == 201
        deadline = time.monotonic() + 60
        while not store.stories():  # grouped and stored; its brief waits for `release`
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert client.get("/api/brief?wait=0.2").json()["stories"] == []
        release.set()
        assert [s["articles"] for s in brief(client)["stories"]] == [["flood"]]
    store.close()
