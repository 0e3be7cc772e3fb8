"""The desk's HTTP guard, as plain ASGI middleware (cheap on every request): the Host header must name an
allowed host (DNS rebinding), request bodies above a limit get a 413, and every response carries a strict
Content-Security-Policy and the usual hardening headers. Write authorisation lives in `WriteToken`."""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

MAX_BODY_BYTES = 10_000_000  # a larger request body or upload is answered 413 before it is read
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
TOKEN_COOKIE = "newsfuse_token"


def is_loopback(host: str) -> bool:
    """True for an interface only this machine can reach."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts_for(bind_host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Host names a browser may use to reach this server: loopback names, plus the bound address
    and any given names when bound beyond loopback. Anything else is a rebinding attempt."""
    hosts = set(LOOPBACK_NAMES) | {h.lower() for h in extra if h}
    if bind_host not in ("0.0.0.0", "::", ""):
        hosts.add(bind_host.lower())
    return frozenset(hosts)


def host_name(value: str) -> str:
    """The host part of a Host header ('example.org:8000' -> 'example.org', '[::1]:80' -> '[::1]')."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.find("]") + 1]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class WriteToken:
    """The secret every write must carry: NEWSFUSE_TOKEN, or one made up for this run (loopback only)."""

    def __init__(self, configured: str | None) -> None:
        self.configured = bool(configured)
        self.value = configured or secrets.token_urlsafe(24)

    def matches(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(str(given).encode(), self.value.encode())


async def _reply(send: Callable[[Message], Awaitable[None]], status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str], max_body: int = MAX_BODY_BYTES) -> None:
        self.app, self.allowed_hosts, self.max_body = app, allowed_hosts, max_body

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                       send: Callable[[Message], Awaitable[None]]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or ())
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if host not in self.allowed_hosts:
            allowed = ", ".join(sorted(self.allowed_hosts))
            await _reply(send, 421, f"host '{host}' is not served here (allowed: {allowed})")
            return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _reply(send, 413, f"request body over the limit of {self.max_body} bytes")
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:  # a chunked body: the app's exception handler answers 413
                    from starlette.exceptions import HTTPException

                    raise HTTPException(413, f"request body over the limit of {self.max_body} bytes")
            return message

        async def secured_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, limited_receive, secured_send)
