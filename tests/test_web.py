"""The local web UI: pages escape article content, the API follows the JSON contract, articles can be added."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsfuse.store import MemoryStore  # noqa: E402
from newsfuse.web import create_app  # noqa: E402

FLOOD = ("Flood waters forced 300 families from their homes in Carlisle on Saturday, the council said.\n\n"
         "The River Eden rose two metres overnight after two days of heavy rain.")
EVIL = ("<script>alert(1)</script> The council said on Monday that the River Eden flood cost two million pounds.\n\n"
        "Engineers said the flood defences in Carlisle would be raised by a metre.")


@pytest.fixture()
def client():
    return TestClient(create_app(MemoryStore()))


def test_empty_store_page(client):
    response = client.get("/")
    assert response.status_code == 200 and "No articles yet" in response.text
    empty = client.get("/api/brief").json()
    assert empty["summary"] == empty["articles"] == empty["stories"] == [] and empty["schema"]


def test_add_article_then_brief(client):
    response = client.post("/api/articles", json={"text": FLOOD, "id": "flood"})
    assert response.status_code == 201 and response.json() == {"added": ["flood"], "skipped": []}
    assert client.post("/api/articles", json={"text": FLOOD}).json()["skipped"]
    brief = client.get("/api/brief").json()
    assert [a["id"] for a in brief["articles"]] == ["flood"]
    assert brief["stories"][0]["summary"][0]["sources"] == ["flood"]
    assert brief["summary"] == brief["stories"][0]["summary"]  # one story: the pile's summary is its own


def test_untrusted_article_is_escaped_on_the_page(client):
    client.post("/api/articles", json={"text": EVIL})
    page = client.get("/").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_bad_payloads_rejected(client):
    assert client.post("/api/articles", json={"text": "  "}).status_code == 422
    assert client.post("/api/articles", json={"nope": 1}).status_code == 422


def test_a_citation_comes_with_its_evidence_in_the_api_and_on_the_page(client):
    """Two outlets tell the same flood: the summary cites both, and the API and the page show the other
    outlet's passage that the citation rests on (escaped on the page like every article string)."""
    retold = ("Some 300 families in Carlisle were forced out of their homes by flood waters on Saturday, "
              "according to the council <b>officials</b>.\n\nResidents said the water rose very quickly.")
    client.post("/api/articles", json={"text": FLOOD, "id": "flood"})
    client.post("/api/articles", json={"text": retold, "id": "retold"})
    brief = client.get("/api/brief").json()
    cited = [s for s in brief["summary"] if len(s["sources"]) == 2]
    assert cited, brief["summary"]
    for sentence in cited:
        assert [e["article"] for e in sentence["evidence"]] == sentence["sources"][1:]
        assert all("300 families" in e["text"] for e in sentence["evidence"])
    page = client.get("/").text
    assert "where the other articles say it" in page and "&lt;b&gt;officials&lt;/b&gt;" in page
