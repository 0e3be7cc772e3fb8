"""`newsfuse bench web`'s measuring parts on real input: wrk's report parsed, the asyncio client against a
real loopback HTTP server (the numbers themselves live in the benchmark, not here)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from newsfuse.bench.web import _wrk_ms, run_python

WRK_REPORT = """Running 30s test @ http://127.0.0.1:41234/story/abc
  2 threads and 50 connections
  Latency Distribution
     50%   12.90ms
     75%   20.11ms
     90%   41.37ms
     99%  160.20ms
  82424 requests in 30.10s, 3.71GB read
  Non-2xx or 3xx responses: 3
Requests/sec:   2737.40
"""


def test_wrk_latencies_are_read_in_milliseconds():
    assert _wrk_ms(WRK_REPORT, "50%") == 12.9 and _wrk_ms(WRK_REPORT, "99%") == 160.2
    assert _wrk_ms("99%  1.50s", "99%") == 1500.0 and _wrk_ms("50%  250.00us", "50%") == 0.25


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the desk's server

    def do_GET(self) -> None:  # noqa: N802 - the http.server hook's name
        body = b"missing" if self.path == "/missing" else b"<p>a page</p>" * 50
        self.send_response(404 if self.path == "/missing" else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_the_asyncio_client_counts_requests_and_errors():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        requests, errors, p50, p99, seconds = run_python(f"{url}/page", 3, 0.5)
        assert requests > 10 and errors == 0 and 0 < p50 <= p99 and seconds >= 0.5
        requests, errors, *_ = run_python(f"{url}/missing", 2, 0.3)
        assert errors == requests > 0
    finally:
        server.shutdown()
