"""Bytes to str: BOM, declared charset (HTTP header, <meta>, XML declaration), then detection.

Follows what browsers do (the WHATWG encoding standard) where it matters for news pages: a BOM wins,
latin-1 and ASCII labels mean windows-1252, Shift_JIS means its Windows superset cp932, and a page that
claims UTF-16 in its markup is really ASCII-compatible. Bytes that are valid UTF-8 are read as UTF-8
whatever the labels say (servers often send a default latin-1 header). A UTF-8 page with a few broken bytes (truncated
downloads, one bad paste) stays UTF-8 instead of being re-guessed as something else.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
HEAD_BYTES = 16_384  # where <meta charset> must be (browsers look at the first 1024; pages are sloppier)
DETECT_BYTES = 200_000
UTF8_MAX_BAD_SHARE = 0.001  # at most this share of undecodable bytes and a page is still taken as UTF-8

# detector guesses too close to tell apart on short texts; windows-1252 is what browsers fall back to
LATIN_GUESSES = frozenset(
    {"cp1250", "iso8859-2", "iso8859-15", "iso8859-1", "latin-1", "cp1252", "mac-roman", "mac-latin2", "cp850"}
)

# labels browsers map to another (wider) encoding
ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "tis-620": "cp874",
    "iso-8859-11": "cp874",
    "iso-8859-9": "cp1254",
    "big5": "big5hkscs",
    "utf8": "utf-8",
    "unicode": "utf-8",
    "utf-16": "utf-8",  # a UTF-16 label in ASCII-compatible markup is wrong (WHATWG)
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}


def normalise(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bom(data: bytes) -> tuple[str, bytes] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :]
    return None


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with replacement characters when only a few bytes are broken (truncated or damaged pages)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text[:DETECT_BYTES] if c > "\x7f") - bad  # real multi-byte characters decoded
    if bad <= max(1, len(data) * UTF8_MAX_BAD_SHARE) and good >= max(bad, 1):
        return text
    return None


def _detect(data: bytes) -> str:
    """charset_normalizer's best guess; windows-1252 when it has none (never fails)."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:DETECT_BYTES]).best()
    except Exception:  # noqa: BLE001 - detection is a best effort
        best = None
    if best is not None:
        name = normalise(best.encoding)
        if name in LATIN_GUESSES and _try(data, "cp1252") is not None:
            name = "cp1252"  # single-byte latin guesses are close calls: take the browsers' default
        decoded = _try(data, name)
        if decoded is not None:
            return decoded
    return data.decode("cp1252", errors="replace")


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares in its own markup (<meta> or the XML declaration)."""
    head = data[:HEAD_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML page: BOM, valid UTF-8, HTTP charset, <meta charset>, nearly-UTF-8, detection."""
    found = _bom(data)
    if found:
        return found[1].decode(found[0], errors="replace")
    decoded = _try(data, "utf-8") or _mostly_utf8(data)  # valid UTF-8 is never an accident
    if decoded is not None:
        return decoded
    for label in (declared, declared_charset(data)):
        decoded = _try(data, normalise(label))
        if decoded is not None:
            return decoded
    return _detect(data)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode plain text: BOM, valid UTF-8, declared charset, nearly-UTF-8, detection."""
    found = _bom(data)
    if found:
        return found[1].decode(found[0], errors="replace")
    decoded = _try(data, "utf-8") or _mostly_utf8(data) or _try(data, normalise(declared))
    return decoded if decoded is not None else _detect(data)
