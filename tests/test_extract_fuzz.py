"""Fuzzing: random bytes and mutated real pages never make extraction raise."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from newsfuse.bench.extract import load_pages
from newsfuse.extraction import extract
from newsfuse.models import Article, Source

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAG_SNIPPETS = ["<div>", "</div>", "<p>", "</p>", "<script>", "<!--", "<table><tr><td>", "</article>", "<a href='", "&#x", "\x00", "<br>"]


@lru_cache(maxsize=1)
def _pages() -> list[str]:
    return [p.html for p in load_pages(FIXTURES / "extraction")]


def _check(article: Article) -> None:
    assert isinstance(article, Article)
    assert all(isinstance(p, str) and p for p in article.paragraphs)
    assert article.date is None or len(article.date) == 10


@FUZZ
@given(data=st.binary(min_size=0, max_size=4000), media=st.sampled_from(["text/html", "text/plain"]))
def test_random_bytes_never_raise(data: bytes, media: str) -> None:
    _check(extract(Source(id="fuzz", path=None, data=data, media_type=media)))


@FUZZ
@given(
    page=st.integers(min_value=0, max_value=12),
    cuts=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.sampled_from(TAG_SNIPPETS)), max_size=6),
    charset=st.sampled_from([None, "utf-8", "cp1252", "shift_jis", "bogus-charset"]),
)
def test_mutated_real_pages_never_raise(page: int, cuts: list[tuple[float, float, str]], charset: str | None) -> None:
    html = _pages()[page % len(_pages())]
    for start, length, snippet in cuts:  # delete a slice and insert a stray tag in its place
        at = int(start * len(html))
        html = html[:at] + snippet + html[at + int(length * 2000) :]
    data = html.encode(charset or "utf-8", errors="replace") if charset != "bogus-charset" else html.encode()
    _check(extract(Source(id="fuzz", path=None, data=data, media_type="text/html", charset=charset)))
