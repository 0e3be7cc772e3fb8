"""Property-based fuzzing (issue 17) of ingest, extract, analyse, the CLI and the JSON API: any input gives a
Source or a one-line InputError, a bounded Article, an analysis, a documented exit status, a 2xx/4xx answer;
never an exception. Bounded for CI (max_examples, no deadline); `newsfuse bench fuzz` runs for longer."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.bench.hostile import CASES, make, mutate
from newsfuse.cli import main
from newsfuse.extraction import extract
from newsfuse.ingest import read_inputs, source_from_text
from newsfuse.models import Article, InputError, Source
from newsfuse.settings import Settings

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
SLOW = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
SUFFIXES = ["", ".txt", ".html", ".gz", ".txt.gz", ".warc", ".rss", ".xml", ".sgml"]
SMALL = Settings(max_paragraph_chars=300, max_article_chars=2_000, max_extract_chars=20_000, max_html_depth=40,
                 max_feed_items=5)
# text that exercises the cleaner: controls, RTL and combining marks, quotes, digits, markup characters
PIECES = list("abc XYZ.,;:!?\"'“”«»()[]<>&#@/\\-_\n\t\r0123456789") + [
    "\n\n", "\x00", "\x07", "\u202e", "\u0301", "ب", "ש", "東", "\ufeff", "\u2028", "9" * 40, "http://", "www.",
    "&amp;", "<p>", "</div>", "©", "The council said ", "“We are safe,” she said. "]
API_TOKEN = "fuzz-token"
HOSTILE_TEXT = st.lists(st.sampled_from(PIECES), max_size=200).map("".join)


def _hostile_bytes() -> st.SearchStrategy[bytes]:
    cases = st.builds(lambda case, size, seed: make(case, size, seed)[1],
                      st.sampled_from(sorted(CASES)), st.integers(50, 30_000), st.integers(0, 10**6))
    mutated = st.builds(lambda data, seed: mutate(data, random.Random(seed)), cases, st.integers(0, 10**6))
    return st.one_of(st.binary(max_size=2_000), cases, mutated)


@FAST
@given(data=_hostile_bytes(), suffix=st.sampled_from(SUFFIXES))
def test_ingest_gives_sources_or_one_line_errors(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("in") / f"input{suffix}"
    path.write_bytes(data)
    for item in read_inputs([path], SMALL):
        assert isinstance(item, (Source, InputError))
        if isinstance(item, InputError):
            assert item.path == str(path) and item.message and "\n" not in item.message


@FAST
@given(text=HOSTILE_TEXT, html=st.booleans())
def test_extract_gives_a_bounded_article(text, html):
    article = extract(source_from_text(text, "t", "text/html" if html else "text/plain"), SMALL)
    assert isinstance(article, Article)
    assert all(p and len(p) <= SMALL.max_paragraph_chars for p in article.paragraphs)
    assert sum(len(p) for p in article.paragraphs) <= SMALL.max_article_chars


@SLOW
@given(text=HOSTILE_TEXT)
def test_analyse_never_raises(text):
    from newsfuse.analyse import analyse_many

    article = extract(source_from_text(text + "\nThe council said 300 families left on Monday.\n", "t"), SMALL)
    [analysis] = analyse_many([article])
    assert analysis.article is article


@SLOW
@given(data=_hostile_bytes(), command=st.sampled_from(["extract", "brief"]))
def test_cli_exit_status_and_one_line_errors(tmp_path_factory, capsys, data, command):
    path = tmp_path_factory.mktemp("cli") / "input.txt"
    path.write_bytes(data)
    status = main([command, str(path)])
    out, err = capsys.readouterr()
    assert status in (0, 1)
    assert all(line.startswith("newsfuse: ") for line in err.splitlines()), err
    assert (status == 0) == (err == "")


@pytest.fixture(scope="module")
def client():
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from newsfuse.store.memory import MemoryStore
    from newsfuse.web import create_app

    app = create_app(MemoryStore(), token=API_TOKEN)
    routes = getattr(app, "app", app).routes  # the FastAPI app inside the desk's host and body guard
    if not any(getattr(route, "path", None) == "/api/articles" and "POST" in getattr(route, "methods", ())
               for route in routes):
        pytest.skip("the web app has no POST /api/articles")
    # a loopback Host (the guard answers 421 to others) and the write token, so the text reaches the intake
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False,
                      headers={"Authorization": f"Bearer {API_TOKEN}"})


@SLOW
@given(text=HOSTILE_TEXT)
def test_json_api_answers_2xx_or_4xx(client, text):
    response = client.post("/api/articles", json={"text": text})
    assert response.status_code not in (401, 403, 421), response.text  # it reached the intake
    assert response.status_code < 500, response.text
