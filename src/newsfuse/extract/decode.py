"""Bytes to str: BOM, declared charset (HTTP header, <meta>), then detection."""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _bom(data: bytes) -> tuple[str, bytes] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, data[len(bom) :]
    return None


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        codecs.lookup(encoding)
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        decoded = _try(data, best.encoding)
        if decoded is not None:
            return decoded
    return data.decode("utf-8", errors="replace")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode an HTML page: BOM, then HTTP charset, then <meta charset>, then UTF-8, then detection."""
    found = _bom(data)
    if found:
        return found[1].decode(found[0], errors="replace")
    meta = _META_CHARSET.search(data[:8192])
    candidates = [declared, meta.group(1).decode("ascii", "ignore") if meta else None, "utf-8"]
    for encoding in candidates:
        if encoding and encoding.lower() in {"iso-8859-1", "latin-1", "us-ascii", "ascii"}:
            encoding = "cp1252"  # what browsers do, per the WHATWG encoding standard
        decoded = _try(data, encoding)
        if decoded is not None:
            return decoded
    return _detect(data)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode plain text: BOM, declared charset, UTF-8, detection."""
    found = _bom(data)
    if found:
        return found[1].decode(found[0], errors="replace")
    for encoding in (declared, "utf-8"):
        decoded = _try(data, encoding)
        if decoded is not None:
            return decoded
    return _detect(data)
