"""Hostile inputs: the files a careless or malicious web hands newsfuse, generated at any size.

One generator per case of issue 17 (and the usual suspects: binary, wrong encoding, damaged archives).
The table test, `bench fuzz` and `bench scale` all draw from here, so a case added once is checked
three ways. Each generator returns (file name, bytes); `size` is a rough target in bytes.
"""

from __future__ import annotations

import gzip
import io
import random
from collections.abc import Callable

SENTENCE = ("The council said on Monday that 300 families had left their homes in Carlisle after the river "
            "rose two metres overnight. ")
QUOTE = '"We have never seen anything like it," said Mayor Anne Hill, 52, of the flood. '
ITALIAN = ("Il governo ha annunciato lunedì un aumento delle tasse sul reddito per le famiglie più ricche, "
           "mentre i sindacati hanno proclamato uno sciopero per giovedì prossimo. ")

Generator = Callable[[int, random.Random], tuple[str, bytes]]


def article_text(size: int, rng: random.Random | None = None) -> str:
    """Plain news text of about `size` bytes: varied sentences in paragraphs of 2-5 sentences."""
    rng = rng or random.Random(0)
    names = ["Hill", "Khan", "Okafor", "Moreau", "Silva", "Novak", "Larsen", "Ito"]
    places = ["Carlisle", "Leeds", "Cork", "Lyon", "Porto", "Graz", "Bergen", "Osaka"]
    verbs = ["said", "told reporters", "announced", "warned", "confirmed"]
    out: list[str] = []
    length = 0
    while length < size:
        para = " ".join(
            f"{rng.choice(names)} {rng.choice(verbs)} that {rng.randint(2, 9000)} people in "
            f"{rng.choice(places)} had been affected by the {rng.choice(['flood', 'strike', 'fire', 'vote'])} "
            f"on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."
            for _ in range(rng.randint(2, 5))
        )
        out.append(para)
        length += len(para) + 2
    return "\n\n".join(out) + "\n"


def article_html(size: int, rng: random.Random | None = None) -> str:
    """An ordinary article page of about `size` bytes."""
    paragraphs = article_text(size, rng).strip().split("\n\n")
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<!doctype html><html><head><title>Flood in Carlisle</title></head><body><nav><a href='/'>Home</a>"
            f"</nav><article><h1>Flood in Carlisle</h1>{body}</article><footer>© 2019 News</footer></body></html>")


def _warc_record(uri: str | None, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0>\r\nWARC-Date: 2019-03-01T00:00:00Z\r\n"
    if uri:
        head += f"WARC-Target-URI: {uri}\r\n"
    head += f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    return head.encode() + http + b"\r\n\r\n"


def _feed(items: int) -> bytes:
    entries = "".join(
        f"<item><title>Item {i}</title><link>https://example.org/{i}</link><description>{SENTENCE * 3}"
        f"</description></item>" for i in range(items))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>{entries}</channel></rss>".encode()


CASES: dict[str, Generator] = {
    "empty": lambda n, r: ("empty.txt", b""),
    "blank": lambda n, r: ("blank.txt", b" \n\t\n"),
    "binary": lambda n, r: ("binary.bin", bytes(r.randrange(256) for _ in range(min(n, 4096)))),
    "pdf": lambda n, r: ("paper.txt", b"%PDF-1.4\n" + b"x" * 100),
    "latin1": lambda n, r: ("latin1.txt", ("Le café de la gare a fermé. " * 20).encode("latin-1")),
    "utf16": lambda n, r: ("utf16.txt", (SENTENCE * 5).encode("utf-16")),
    "truncated-gz": lambda n, r: ("cut.txt.gz", gzip.compress(SENTENCE.encode() * 50)[:40]),
    "malformed-html": lambda n, r: ("broken.html", b"<html><body><div><p>Unclosed <b>" + SENTENCE.encode() * 3
                                    + b"</span></td><p>" + SENTENCE.encode()),
    "damaged-warc": lambda n, r: ("damaged.warc", _warc_record("https://x.org/a", SENTENCE.encode() * 20)[:150]),
    "warc-no-uri": lambda n, r: ("nouri.warc", _warc_record(None, article_html(2000, r).encode())),
    "damaged-feed": lambda n, r: ("damaged.rss", _feed(3)[:120]),
    "huge-number": lambda n, r: ("number.txt", (SENTENCE + "The debt rose to " + "9" * 400 + " dollars, "
                                                "officials said on Monday in a statement.\n") .encode() * 2),
    "control-chars": lambda n, r: ("control.txt", (SENTENCE + "\x01\x02\x1b[31m\x07" + SENTENCE).encode() * 3),
    "rtl-mixed": lambda n, r: ("rtl.txt", (SENTENCE + "قال المجلس يوم الاثنين إن 300 عائلة غادرت منازلها "
                                           "\u202e" + "Москва 東京 " + SENTENCE).encode() * 3),
    "nul-bytes": lambda n, r: ("nul.txt", (SENTENCE * 3).encode() + b"\x00" * 8 + SENTENCE.encode()),
    "italian": lambda n, r: ("italian.txt", (ITALIAN * 4).encode()),
    "no-text-html": lambda n, r: ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
    # size-driven: the slow and memory-hungry cases, scaled by n
    "long-line": lambda n, r: ("line.txt", (SENTENCE.strip() + " ") .encode() * (n // len(SENTENCE)) + b"\n"),
    "long-token": lambda n, r: ("token.txt", (SENTENCE + "\n\n" + "".join(r.choice("abcdefghij0123456789._-")
                                                                       for _ in range(n)) + "\n").encode()),
    "huge-paragraph": lambda n, r: ("para.txt", article_text(n, r).replace("\n\n", " ").encode()),
    "deep-html": lambda n, r: ("deep.html", (b"<html><body>" + b"<div>" * (n // 11) + SENTENCE.encode()
                                             + b"</div>" * (n // 11) + b"</body></html>")),
    "many-paragraphs": lambda n, r: ("paras.html", article_html(n, r).encode()),
    "big-feed": lambda n, r: ("big.rss", _feed(max(1, n // 450))),
    "quotes": lambda n, r: ("quotes.txt", "\n\n".join(QUOTE * 3 for _ in range(n // (len(QUOTE) * 3))).encode()),
    "big-article": lambda n, r: ("big.txt", article_text(n, r).encode()),
    "repetitive": lambda n, r: ("repeat.txt", ((SENTENCE * 4 + "\n\n") * (n // (len(SENTENCE) * 4))).encode()),
}


def make(case: str, size: int = 10_000, seed: int = 0) -> tuple[str, bytes]:
    """The named hostile input at about `size` bytes."""
    return CASES[case](size, random.Random(seed))


def mutate(data: bytes, rng: random.Random) -> bytes:
    """A random damage to real bytes: flips, cuts, splices of markup or control bytes, repeats."""
    ops = rng.randint(1, 4)
    buf = bytearray(data)
    snippets = [b"<div>" * 50, b"\x00", b"\xff\xfe", b"&#x", b"<![CDATA[", b"<!--", b"9" * 500, b"\"" * 200,
                b"@" * 100, b"http://" + b"a" * 300, b"\r" * 100, "\u202e\u0301".encode(), b"<p>" * 300]
    for _ in range(ops):
        if not buf:
            buf.extend(rng.choice(snippets))
            continue
        at = rng.randrange(len(buf))
        op = rng.randrange(4)
        if op == 0:
            buf[at] = rng.randrange(256)
        elif op == 1:
            del buf[at:at + rng.randint(1, 2000)]
        elif op == 2:
            buf[at:at] = rng.choice(snippets) * rng.randint(1, 20)
        else:
            chunk = bytes(buf[at:at + rng.randint(1, 200)])
            buf[at:at] = chunk * rng.randint(2, 200)
    return bytes(buf)


def random_input(rng: random.Random, max_size: int = 2_000_000) -> tuple[str, bytes]:
    """One hostile input: a case at a random size (log-uniform), mutated half the time."""
    case = rng.choice(sorted(CASES))
    size = int(10 ** rng.uniform(2, max(2.0, _log10(max_size))))
    name, data = CASES[case](size, rng)
    if rng.random() < 0.5:
        data = mutate(data, rng)
    if rng.random() < 0.1:
        data = gzip.compress(data, compresslevel=1)
        name += ".gz"
    return f"{case}-{name}", data


def _log10(x: int) -> float:
    import math

    return math.log10(x)


def warc_bytes(records: list[tuple[str | None, bytes]]) -> bytes:
    """A WARC file of response records (uri, body), for tests."""
    out = io.BytesIO()
    for uri, body in records:
        out.write(_warc_record(uri, body))
    return out.getvalue()
