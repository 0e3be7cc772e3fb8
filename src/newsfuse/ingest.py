"""Stage 1: turn user inputs (files, stdin, URLs, .gz, WARC archives, RSS/Atom feeds, TREC/LDC SGML
files) into Sources.

Inputs are validated here so that a bad one yields an InputError with a one-line reason
and never stops the others from being read.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .errors import InputRejected
from .models import Article, InputError, Source
from .settings import DEFAULT, Settings
from .trec import looks_like_trec, read_trec

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".arc"}
BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a zip archive",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
}

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_JSONL_LINE = re.compile(r"(?i)\.(jsonl|ndjson)(\.gz)?:\d+$")  # where a Source of one JSON line came from
Fetcher = Callable[[str], tuple[bytes, str | None]]  # url -> (body, content-type)


def read_inputs(
    inputs: Iterable[str | Path], settings: Settings = DEFAULT, fetch: Fetcher | None = None,
    taken: set[str] | None = None,
) -> Iterator[Source | InputError]:
    """Yield one Source per article found in the inputs, or an InputError per bad input. `taken` holds the
    ids already given out (shared across calls when a caller reads its inputs one at a time)."""
    taken = set() if taken is None else taken
    for item in inputs:
        name = str(item)
        try:
            for source in _read_one(name, settings, fetch):
                if isinstance(source, InputError):  # one bad line of a .jsonl pile
                    yield source
                    continue
                source_id = unique_id(source.id, taken)
                taken.add(source_id)
                yield source if source_id == source.id else replace(source, id=source_id)
        except InputRejected as error:
            yield InputError(error.path, error.reason)


def source_from_text(text: str, source_id: str = "text", media_type: str | None = None) -> Source:
    """Wrap an in-memory article (plain text or HTML) as a Source."""
    data = text.encode("utf-8")
    return Source(
        id=source_id, path=None, data=data, media_type=media_type or sniff_media_type(data), charset="utf-8"
    )


def unique_id(article_id: str, taken: set[str]) -> str:
    """The id, or id-2, id-3… when another input already has it (the one id scheme of every run and store)."""
    candidate, n = article_id, 1
    while candidate in taken:
        n += 1
        candidate = f"{article_id}-{n}"
    return candidate


def _read_one(name: str, settings: Settings, fetch: Fetcher | None) -> Iterator[Source | InputError]:
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", name):
        yield from _read_url(name, settings, fetch)
        return
    if is_jsonl(name):
        yield from read_jsonl(name, settings)
        return
    data = _read_bytes(name, settings)
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] in {".gz", ".gzip"}:
        data = _gunzip(name, data, settings)
        suffixes = suffixes[:-1]
    stem = _stem(name)
    kind = _kind(suffixes[-1] if suffixes else "", data)
    if kind == "warc":
        yield from _read_warc(name, data, stem)
    elif kind == "feed":
        yield from _read_feed(name, data, stem, settings)
    elif kind == "trec":
        yield from _read_trec(name, data, stem)
    else:
        _check_article_bytes(name, data, kind)
        yield Source(id=stem, path=name, data=data, media_type=kind)


def existing_file(name: str) -> Path:
    """The path of an input that must be a file: a missing one or a folder is a one-line rejection."""
    path = Path(name)
    if not path.exists():
        raise InputRejected(name, "no such file")
    if path.is_dir():
        raise InputRejected(name, "is a directory, not an article file")
    return path


def _read_bytes(name: str, settings: Settings) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
    else:
        path = existing_file(name)
        try:
            with path.open("rb") as handle:
                data = handle.read(settings.max_input_bytes + 1)
        except OSError as error:
            raise InputRejected(name, f"cannot be read ({error.strerror or error})") from None
    if len(data) > settings.max_input_bytes:
        raise InputRejected(name, f"larger than the {settings.max_input_bytes:,}-byte limit (see --max-bytes)")
    if not data.strip():
        raise InputRejected(name, "is empty")
    return data


def _gunzip(name: str, data: bytes, settings: Settings) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(settings.max_input_bytes + 1)
    except (EOFError, OSError, zlib.error) as error:
        reason = "truncated" if isinstance(error, EOFError) else f"corrupt ({error})"
        raise InputRejected(name, f"gzip file is {reason}") from None
    if len(out) > settings.max_input_bytes:
        raise InputRejected(name, "decompresses to more than the size limit")
    if not out.strip():
        raise InputRejected(name, "is empty once decompressed")
    return out


def _stem(name: str) -> str:
    """The file name without its extension; a numeric "extension" is part of the name (the LDC's
    "APW19981016.0240" would otherwise lose what tells it from the same day's other stories)."""
    if name == "-":
        return "stdin"
    base = Path(name).name
    for suffix in (".gz", ".gzip"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
    if re.fullmatch(r"\.\d+", Path(base).suffix):
        return base
    return Path(base).stem or base


def _kind(suffix: str, data: bytes) -> str:
    head = data[:2048].lstrip()
    if head.startswith(b"WARC/") or suffix in WARC_SUFFIXES:
        return "warc"
    if suffix in FEED_SUFFIXES or re.match(rb"(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)\b", head):
        if re.search(rb"<(rss|feed|rdf:RDF)\b", data[:4096]):
            return "feed"
    if looks_like_trec(data):
        return "trec"
    if suffix in HTML_SUFFIXES:
        return "text/html"
    if suffix == ".txt":
        return "text/plain"
    return sniff_media_type(data)


def sniff_media_type(data: bytes) -> str:
    """text/html when the bytes look like markup, else text/plain."""
    head = data[:4096].lower()
    if re.search(rb"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<(p|div|article)[\s>]", head):
        return "text/html"
    return "text/plain"


def _check_article_bytes(name: str, data: bytes, media_type: str) -> None:
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputRejected(name, f"is {what}, not an article")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 with a byte-order mark: decoded downstream
    sample = data[:65536]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if b"\x00" in sample or controls > len(sample) * 0.05:
        raise InputRejected(name, "is a binary file, not an article")
    if media_type == "text/plain":
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(sample) - 4:  # not just a character cut by the sample boundary
                raise InputRejected(
                    name, f"is not valid UTF-8 (byte 0x{sample[error.start]:02x} at offset {error.start})"
                ) from None


def _read_url(url: str, settings: Settings, fetch: Fetcher | None) -> Iterator[Source]:
    if fetch is None:
        data, content_type = _safe_fetch(url, settings)
    else:
        try:
            data, content_type = fetch(url)
        except Exception as error:  # noqa: BLE001 - a caller's fetcher may raise anything: one line per URL
            raise InputRejected(url, f"could not be fetched ({type(error).__name__}: {error})") from None
    if len(data) > settings.max_input_bytes:
        raise InputRejected(url, f"response larger than the {settings.max_input_bytes:,}-byte limit (see --max-bytes)")
    if not data.strip():
        raise InputRejected(url, "response is empty")
    charset = None
    if content_type and "charset=" in content_type:
        charset = content_type.split("charset=")[-1].split(";")[0].strip().strip('"') or None
    stem = re.sub(r"[^A-Za-z0-9]+", "-", url.split("://", 1)[-1]).strip("-")[:80]
    media = "text/plain" if content_type and "text/plain" in content_type else "text/html"
    kind = _kind("", data)
    if kind == "feed":
        yield from _read_feed(url, data, stem, settings)
        return
    _check_article_bytes(url, data, media)
    yield Source(id=stem, path=url, data=data, media_type=media, url=url, charset=charset)


def _safe_fetch(url: str, settings: Settings) -> tuple[bytes, str | None]:
    """newsfuse.fetch under the settings' limits; its refusals become the URL's one-line error."""
    from .fetch import FetchError, fetch

    try:
        fetched = fetch(url, settings)
    except FetchError as error:
        raise InputRejected(url, str(error)) from None
    return fetched.body, fetched.content_type


def _read_warc(name: str, data: bytes, stem: str) -> Iterator[Source]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if content_type and "html" not in content_type and "text" not in content_type:
                continue
            body = record.content_stream().read()
            if not body.strip():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            charset = content_type.split("charset=")[-1].strip() if "charset=" in content_type else None
            media = "text/plain" if "text/plain" in content_type else "text/html"
            count += 1
            yield Source(
                id=f"{stem}#{count}", path=name, data=body, media_type=media, url=url, charset=charset, date=date
            )
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as error:
        raise InputRejected(name, f"WARC archive is damaged after {count} records ({error})") from None
    except (AttributeError, TypeError, KeyError, IndexError):  # warcio trips on a record missing a header
        raise InputRejected(name, f"WARC archive is damaged after {count} records (a record lacks a required "
                                  "header such as WARC-Target-URI)") from None
    if count == 0:
        raise InputRejected(name, "WARC archive holds no HTML or text responses")


def _read_trec(name: str, data: bytes, stem: str) -> Iterator[Source]:
    count = 0
    for source in read_trec(name, data, stem):
        count += 1
        yield source
    if count == 0:
        raise InputRejected(name, "TREC/SGML file has no <DOC> with a <TEXT> body")


def _read_feed(name: str, data: bytes, stem: str, settings: Settings = DEFAULT) -> Iterator[Source]:
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise InputRejected(name, f"feed is not well-formed XML ({error})") from None
    if root is None:
        raise InputRejected(name, "feed is not well-formed XML")
    items = [el for el in root.iter() if isinstance(el.tag, str) and _localname(el.tag) in {"item", "entry"}]
    count = 0
    for item in items:
        if count >= settings.max_feed_items:
            raise InputRejected(name, f"feed has more than {settings.max_feed_items:,} items with text; the first "
                                      f"{settings.max_feed_items:,} were read (Settings.max_feed_items)")
        fields = _feed_fields(item)
        body = fields.get("content") or fields.get("description") or ""
        if not body.strip():
            continue
        count += 1
        text = body if "<" in body else "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
        title = _xml_escape(fields.get("title", ""))
        page = f"<html><head><title>{title}</title></head><body><article>{text}</article></body></html>"
        yield Source(
            id=f"{stem}#{count}",
            path=name,
            data=page.encode("utf-8"),
            media_type="text/html",
            url=fields.get("link"),
            charset="utf-8",
            title=fields.get("title"),
            date=_feed_date(fields.get("date")),
        )
    if count == 0:
        raise InputRejected(name, "feed has no items with text")


def _feed_fields(item: object) -> dict[str, str]:
    fields: dict[str, str] = {}
    for child in item:  # type: ignore[attr-defined]
        if not isinstance(child.tag, str):
            continue
        local = _localname(child.tag).lower()
        value = (child.text or "").strip()
        if local == "link" and not value:
            value = child.get("href", "")
        key = {
            "encoded": "content",
            "summary": "description",
            "pubdate": "date",
            "published": "date",
            "updated": "date",
            "date": "date",
        }.get(local, local)
        if value and key not in fields:
            fields[key] = value
    return fields


def _localname(tag: str) -> str:
    """'{namespace}item' or 'dc:date' -> 'item', 'date'; never raises on a damaged name such as 's:'
    (lxml's QName does, issue 17's fuzzing found it)."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _feed_date(value: str | None) -> str | None:
    if not value:
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        match = re.match(r"\d{4}-\d{2}-\d{2}", value)
        return match.group(0) if match else None


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_jsonl(path: str) -> bool:
    """A pile of one article a JSON line (.jsonl, .ndjson, gzipped or not)."""
    return path.lower().endswith(JSONL_SUFFIXES)


def read_jsonl(name: str, settings: Settings = DEFAULT) -> Iterator[Source | InputError]:
    """One Source per line of a .jsonl(.gz) pile, read as a stream (a pile may be far larger than one
    input's limit); a bad line is an InputError naming "FILE:LINE" and the pile goes on."""
    path = existing_file(name)
    try:
        with (gzip.open(path, "rt", encoding="utf-8") if name.lower().endswith(".gz")
              else open(path, encoding="utf-8")) as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{name}:{number}"
                if len(line) > settings.max_input_bytes:
                    yield InputError(where, f"line larger than the {settings.max_input_bytes:,}-byte limit")
                    continue
                try:
                    yield jsonl_source(where, line)[0]
                except ValueError as error:  # json.JSONDecodeError is a ValueError
                    yield InputError(where, f"bad JSON line ({error})")
    except (OSError, UnicodeDecodeError, EOFError, zlib.error) as error:
        yield InputError(name, f"cannot read the rest of the pile ({error})")


def jsonl_source(where: str, line: str) -> tuple[Source, dict[str, object]]:
    """A JSON line {id, text | html, title?, url?, date?, outlet?} as a Source (raises ValueError if unusable)."""
    row = json.loads(line)
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    body, media_type = (row.get("html"), "text/html") if row.get("html") else (row.get("text"), "text/plain")
    if not isinstance(body, str) or not body.strip():
        raise ValueError("no 'text' or 'html'")
    fields = {key: (str(row[key]) if row.get(key) is not None else None) for key in ("url", "title", "date", "outlet")}
    article_id = str(row.get("id") or where.rsplit("/", 1)[-1])
    source = Source(article_id, where, body.encode("utf-8"), media_type, url=fields["url"], charset="utf-8",
                    title=fields["title"], date=fields["date"], outlet=fields["outlet"])
    return source, row


def with_given_fields(article: Article, source: Source) -> Article:
    """A JSON line's own title and date beat what extraction guessed from its text (one rule for every reader)."""
    if not source.path or not _JSONL_LINE.search(source.path):
        return article
    return replace(article, title=source.title or article.title, date=source.date or article.date)
