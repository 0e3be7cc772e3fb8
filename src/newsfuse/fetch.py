"""Safe fetching of article URLs: the one way newsfuse reads the network (CLI, store and web all ingest).

A URL given to newsfuse is untrusted: it may point at the machine's own services (SSRF), redirect there,
answer with gigabytes, inflate a gzip bomb, or drip bytes forever. So:
- only http and https;
- the host is resolved once and every address is checked (loopback, private, link-local, multicast,
  reserved and unspecified addresses are refused unless Settings.allow_private_urls); the connection goes
  to the checked address, so a second DNS answer cannot swap it (DNS rebinding);
- redirects are followed by hand, at most Settings.fetch_max_redirects, each one checked again;
- the decoded body is read in chunks and refused past Settings.max_input_bytes (a gzip bomb stops there);
- connect, read and total time limits; a User-Agent naming newsfuse.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from . import __version__
from .errors import NewsfuseError
from .settings import DEFAULT, Settings

USER_AGENT = f"newsfuse/{__version__} (news brief tool; +https://pypi.org/project/newsfuse/)"
CHUNK_BYTES = 64 * 1024
REDIRECTS = {301, 302, 303, 307, 308}

Resolver = Callable[[str, int], list[str]]  # (host, port) -> IP addresses
Policy = Callable[[str], "str | None"]  # IP address -> why it is refused, or None


class FetchError(NewsfuseError):
    """A URL that was not fetched; str() is the reason, the ingest stage names the URL."""


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    body: bytes  # decoded (Content-Encoding undone)
    content_type: str | None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"host '{host}' cannot be resolved ({error})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refused_reason(address: str) -> str | None:
    """Why newsfuse will not connect to this IP address by default, or None when it is public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for test, what in (("is_loopback", "loopback"), ("is_link_local", "link-local"),
                       ("is_multicast", "multicast"), ("is_unspecified", "unspecified"),
                       ("is_reserved", "reserved"), ("is_private", "private")):
        if getattr(ip, test):
            return f"{what} address {ip}"
    if not ip.is_global:
        return f"non-public address {ip}"
    return None


def fetch(url: str, settings: Settings = DEFAULT, resolver: Resolver = system_resolver,
          refuse: Policy | None = None) -> Fetched:
    """GET url under every limit above; raises FetchError with a one-line reason. `resolver` and `refuse`
    (the address policy, refused_reason by default) can be swapped by an embedding application or a test."""
    deadline = time.monotonic() + settings.fetch_total_timeout
    policy = refuse or (lambda address: None if settings.allow_private_urls else refused_reason(address))
    for _ in range(settings.fetch_max_redirects + 1):
        host, port, address = _checked_target(url, policy, resolver)
        response, connection, sock = _request(url, host, port, address, settings, deadline)
        try:
            if response.status in REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location", ""))
                continue
            if response.status >= 400:
                raise FetchError(f"HTTP {response.status} {response.reason}".strip())
            body = _read_body(response, sock, settings, deadline)
            return Fetched(url, body, response.getheader("Content-Type"))
        finally:
            connection.close()
    raise FetchError(f"more than {settings.fetch_max_redirects} redirects")


def _checked_target(url: str, policy: Policy, resolver: Resolver) -> tuple[str, int, str]:
    """(host, port, the address to connect to) after the scheme and address checks."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not '{parts.scheme}:'")
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError("URL has an invalid port") from None
    addresses = resolver(host, port)
    if not addresses:
        raise FetchError(f"host '{host}' has no address")
    for address in addresses:
        reason = policy(address)
        if reason:
            raise FetchError(f"refused: '{host}' resolves to a {reason} (use --allow-private to allow)")
    return host, port, addresses[0]


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address already checked, with the Host header and TLS name of the URL."""

    def __init__(self, host: str, port: int, address: str, tls: bool, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address, self._tls = address, tls

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), timeout=self.timeout)
        if self._tls:
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)
        self.sock = sock


def _request(url: str, host: str, port: int, address: str, settings: Settings,
             deadline: float) -> tuple[http.client.HTTPResponse, _PinnedConnection, socket.socket]:
    """The response to GET, its connection, and the socket (the response may own it once the headers are read)."""
    parts = urlsplit(url)
    timeout = min(settings.fetch_connect_timeout, _left(deadline))
    connection = _PinnedConnection(host, port, address, parts.scheme == "https", timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.connect()
        sock = connection.sock
        sock.settimeout(min(settings.fetch_read_timeout, _left(deadline)))
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                                                 "Accept": "text/html,application/xhtml+xml,text/*;q=0.9,*/*;q=0.5"})
        return connection.getresponse(), connection, sock
    except FetchError:
        connection.close()
        raise
    except (OSError, http.client.HTTPException, ValueError) as error:
        connection.close()
        raise FetchError(_network_reason(error)) from None


def _read_body(response: http.client.HTTPResponse, sock: socket.socket, settings: Settings,
               deadline: float) -> bytes:
    """The body with its Content-Encoding undone, refused as soon as it passes the size limit."""
    limit = settings.max_input_bytes
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported Content-Encoding '{encoding}'")
    inflater = zlib.decompressobj(47) if encoding != "identity" else None  # 47: gzip or zlib header
    parts: list[bytes] = []
    total = 0
    try:
        while True:
            sock.settimeout(min(settings.fetch_read_timeout, _left(deadline)))
            chunk = response.read1(CHUNK_BYTES)  # one recv at most: the deadline is checked between them
            if not chunk:
                break
            if inflater is not None:
                chunk = inflater.decompress(chunk, limit - total + 1)
            total += len(chunk)
            if total > limit or (inflater is not None and inflater.unconsumed_tail):
                raise FetchError(f"response larger than the {limit:,}-byte limit (see --max-bytes)")
            parts.append(chunk)
    except FetchError:
        raise
    except zlib.error as error:
        raise FetchError(f"response body is not valid {encoding} ({error})") from None
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise FetchError(_network_reason(error)) from None
    return b"".join(parts)


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("took longer than the total time limit (Settings.fetch_total_timeout)")
    return left


def _network_reason(error: BaseException) -> str:
    if isinstance(error, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ssl.SSLError):
        return f"TLS error ({error.reason or error})"
    text = str(error) or type(error).__name__
    return f"network error ({text})"
