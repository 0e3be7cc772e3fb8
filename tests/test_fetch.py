"""Safe fetching (issue 17): refusals, redirects, size and time limits, against real servers on loopback.

The servers listen on 127.0.0.1, which newsfuse refuses by default; tests that must reach them opt in with
allow_private_urls (or an address policy that allows only the test server), and the refusal itself is
tested both through a resolver stub and against the real loopback server (which must see no request).
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsfuse.cli import main
from newsfuse.fetch import USER_AGENT, FetchError, fetch, refused_reason
from newsfuse.ingest import read_inputs
from newsfuse.models import InputError, Source
from newsfuse.settings import Settings

ARTICLE = (b"<html><head><title>Flood in Carlisle</title></head><body><article><p>Flood waters forced 300 "
           b"families from their homes in Carlisle on Saturday, the council said.</p><p>The River Eden rose "
           b"two metres overnight after two days of heavy rain.</p></article></body></html>")
BOMB = gzip.compress(b"\0" * 20_000_000, compresslevel=9)  # 20 MB of zeros in about 20 KB
LIMIT = 1_000_000
OPEN = Settings(allow_private_urls=True, max_input_bytes=LIMIT, fetch_read_timeout=1.0, fetch_total_timeout=3.0)


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []
    agents: list[str] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.hits.append(self.path)
        Handler.agents.append(self.headers.get("User-Agent", ""))
        route = {
            "/article": self._article, "/big": self._big, "/bomb": self._bomb, "/slow": self._slow,
            "/to-metadata": lambda: self._redirect("http://169.254.169.254/latest/meta-data/"),
            "/to-loopback": lambda: self._redirect(f"http://127.0.0.1:{self.server.server_port}/article"),
            "/to-article": lambda: self._redirect("/article"),
            "/loop": lambda: self._redirect("/loop"),
        }.get(self.path.split("?")[0])
        if route is None:
            self.send_error(404)
        else:
            route()

    def _article(self) -> None:
        self._send(ARTICLE, [])

    def _big(self) -> None:  # no Content-Length: only the reader's own count can stop it
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(40):
            self.wfile.write(b"<p>" + b"x" * 65_536 + b"</p>")

    def _bomb(self) -> None:
        self._send(BOMB, [("Content-Encoding", "gzip")])

    def _slow(self) -> None:  # a byte every 0.2 s: each read is quick, the whole never ends
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(1000):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.2)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, body: bytes, headers: list[tuple[str, str]]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _clear_hits() -> None:
    Handler.hits.clear()


# ------------------------------------------------------------- the address policy
@pytest.mark.parametrize(("address", "what"), [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("192.168.0.7", "private"), ("172.16.5.4", "private"), ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"), ("224.0.0.251", "multicast"), ("0.0.0.0", "unspecified"),
    ("::ffff:127.0.0.1", "loopback"), ("100.64.0.1", "address"), ("240.0.0.1", "reserved"),
])
def test_non_public_addresses_are_refused(address, what):
    reason = refused_reason(address)
    assert reason is not None and what in reason


@pytest.mark.parametrize("address", ["93.184.216.34", "151.101.1.69", "2a04:4e42::81"])
def test_public_addresses_pass(address):
    assert refused_reason(address) is None


def test_a_name_resolving_to_a_private_address_is_refused_before_connecting():
    asked = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append((host, port))
        return ["93.184.216.34", "10.0.0.5"]  # one bad address among good ones is enough to refuse

    with pytest.raises(FetchError, match="private address 10.0.0.5"):
        fetch("https://news.example/story", Settings(), resolver=resolver)
    assert asked == [("news.example", 443)]


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.txt", "gopher://x/"])
def test_only_http_and_https(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, Settings())


# ------------------------------------------------------------- real loopback servers
def test_loopback_refused_by_default_and_never_contacted(server):
    with pytest.raises(FetchError, match="loopback address 127.0.0.1"):
        fetch(f"{server}/article")
    assert Handler.hits == []


def test_cli_refuses_loopback_in_one_line(server, capsys):
    status = main(["brief", f"{server}/article"])
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    [line] = err.strip().splitlines()
    assert line.startswith(f"newsfuse: error: {server}/article: refused") and "--allow-private" in line
    assert Handler.hits == []


def test_allow_private_fetches_the_article_with_our_user_agent(server):
    fetched = fetch(f"{server}/article", OPEN)
    assert fetched.body == ARTICLE and "text/html" in (fetched.content_type or "")
    [source] = list(read_inputs([f"{server}/to-article"], OPEN))
    assert isinstance(source, Source) and source.url == f"{server}/to-article" and source.data == ARTICLE
    assert USER_AGENT.startswith("newsfuse/") and set(Handler.agents) == {USER_AGENT}


def test_redirect_to_a_refused_address_is_refused(server):
    only_this_server = lambda address: None if address == "127.0.0.1" else refused_reason(address)  # noqa: E731
    with pytest.raises(FetchError, match="link-local address 169.254.169.254"):
        fetch(f"{server}/to-metadata", Settings(), refuse=only_this_server)
    assert Handler.hits == ["/to-metadata"]


def test_redirect_back_to_loopback_is_checked_again(server):
    allowed_once = iter([None])

    def policy(address: str) -> str | None:  # the first hop is allowed, the redirect's hop is checked anew
        return next(allowed_once, refused_reason(address))

    with pytest.raises(FetchError, match="loopback"):
        fetch(f"{server}/to-loopback", Settings(), refuse=policy)
    assert Handler.hits == ["/to-loopback"]


def test_redirect_loop_stops(server):
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(f"{server}/loop", OPEN)
    assert len(Handler.hits) == 6


def test_body_over_the_limit_stops_at_the_limit(server):
    with pytest.raises(FetchError, match="larger than the 1,000,000-byte limit"):
        fetch(f"{server}/big", OPEN)


def test_gzip_bomb_stops_at_the_limit(server):
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(FetchError, match="larger than the 1,000,000-byte limit"):
        fetch(f"{server}/bomb", OPEN)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 15  # the 20 MB inflation was never held


def test_slow_server_hits_the_total_time_limit(server):
    start = time.monotonic()
    with pytest.raises(FetchError, match="time limit|timed out"):
        fetch(f"{server}/slow", OPEN)
    assert time.monotonic() - start < OPEN.fetch_total_timeout + 1.5


def test_http_error_status_is_the_urls_error(server):
    [error] = list(read_inputs([f"{server}/missing"], OPEN))
    assert isinstance(error, InputError) and error.message == "HTTP 404 Not Found"
