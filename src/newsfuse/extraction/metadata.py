"""Page metadata: title, outlet, date, author, language, canonical URL, and JSON-LD articleBody.

Structured data comes first (JSON-LD, then <meta> tags, then <link rel=canonical>), visible markup after
(<h1>, <time>, the URL's date path), and htmldate last because it parses the page again (slow).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

ARTICLE_TYPES = frozenset(
    "article newsarticle blogposting reportagenewsarticle analysisnewsarticle opinionnewsarticle "
    "reviewnewsarticle backgroundnewsarticle socialmediaposting liveblogposting techarticle scholarlyarticle "
    "report webpage posting".split()
)
TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "headline", "title")
OUTLET_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher", "apple-mobile-web-app-title")
DATE_KEYS = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
    "published_time", "date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "sailthru.date",
    "parsely-pub-date", "article.published", "article_date_original", "original-publish-date", "citation_date",
    "datecreated", "article:modified_time", "og:updated_time", "datemodified", "last-modified",
)  # fmt: skip
AUTHOR_KEYS = ("author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator")
LANG_KEYS = ("og:locale", "content-language", "language", "dc.language", "inlanguage")
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
ISO_DATE = re.compile(r"((?:19|20)\d{2})[-/.](0?[1-9]|1[0-2])[-/.](0?[1-9]|[12]\d|3[01])(?!\d)")
TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7\u2022-]\s+|:\s+")
LANGID_MIN_CHARS = 120  # shorter texts: trust the page's declared language
LANGID_SAMPLE_CHARS = 400  # enough for a sure call on running text; the cost grows with the sample
MAX_JSONLD_CHARS = 2_000_000
OUTLET_MAX_CHARS = 40
AUTHOR_LINKS_MAX = 5  # rel="author" links read (a byline names a few people at most)
AUTHOR_NAME_MAX_CHARS = 60
# a few words, no digits first
# elements that hold the author's name in blog and news templates (class names, author-page links)
AUTHOR_ELEMENTS = ", ".join(
    [f'[class*="{w}" i]' for w in ("author-name", "author__name", "authorname", "byline", "post-author",
                                   "entry-author", "article-author", "the-author", "author-meta", "writer")]
    + [f'a[href*="/{w}/"]' for w in ("author", "authors", "writers", "profile/author")]
)
AUTHOR_ELEMENTS_MAX = 40
AUTHOR_LABEL = re.compile(r"^\s*((written|posted|published|reviewed|words)\s+)?(by|von|par|por|di|door)\b[\s:]*", re.I)
AUTHOR_PART_SEP = "\x1f"
AUTHOR_NOT_NAMES = frozenset(
    ["author", "authors", "the author", "about the author", "admin", "editor", "editors", "staff", "team", "share",
     "more", "read more", "learn more", "view profile", "profile", "bio", "all posts", "anonymous", "guest",
     "follow", "follow the author", "contributor", "contributors"]
)
AUTHOR_LABEL_ENDS = frozenset({"by", "von", "par", "por", "di", "door", "author", "authors"})
# words of page furniture and sentences, never of a person's name ('This article was', 'Home', 'Shop')
AUTHOR_NOT_WORDS = frozenset("this was is are article articles posts home shop via guide menu search".split())
AUTHOR_NAME = re.compile(r"^(by\s+)?[^\W\d_][\w.'\u2019-]*(\s+[\w.'\u2019-]+){0,4}$", re.I)


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    author: str | None = None
    lang: str | None = None
    url: str | None = None
    article_body: str | None = None  # JSON-LD articleBody, a fallback for script-rendered pages
    date_declared: bool = False  # `date` is a declared publication date (not a <time>, URL or modified clue)
    # every JSON-LD @type on the page and the og:type ("og:article"), lower-cased: clues to the page type
    page_types: frozenset[str] = frozenset()


# --------------------------------------------------------------------------------------------- reading
def _meta_tags(tree: Any) -> dict[str, str]:
    """<meta name|property|itemprop|http-equiv=... content=...> as a lower-cased key -> first value."""
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = attrs.get("content")
        if not content or not content.strip():
            continue
        for key in ("property", "name", "itemprop", "http-equiv"):
            name = attrs.get(key)
            if name:
                found.setdefault(name.strip().lower(), " ".join(content.split()))
    return found


def _walk_json(obj: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every JSON-LD object (dicts inside lists and @graph) up to a sane depth."""
    if depth > 6:
        return []
    if isinstance(obj, list):
        return [d for item in obj for d in _walk_json(item, depth + 1)]
    if not isinstance(obj, dict):
        return []
    found = [obj]
    for key in ("@graph", "mainEntity", "itemListElement"):
        if key in obj:
            found += _walk_json(obj[key], depth + 1)
    return found


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds if k}


def json_ld(tree: Any, seen_types: set[str] | None = None) -> dict[str, Any]:
    """The most article-like JSON-LD object on the page (an empty dict when there is none); every object's
    @type is added to `seen_types` when given."""
    best: dict[str, Any] = {}
    best_rank = -1
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True) or ""
        if len(raw) > MAX_JSONLD_CHARS:
            continue
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except (ValueError, RecursionError):
            continue
        for obj in _walk_json(data):
            types = _types(obj)
            if seen_types is not None:
                seen_types |= types
            rank = 2 if types & (ARTICLE_TYPES - {"webpage"}) else 1 if "webpage" in types else 0
            if rank > best_rank and ("headline" in obj or "articleBody" in obj or "datePublished" in obj):
                best, best_rank = obj, rank
    return best


def _names(value: Any) -> list[str]:
    """Names from a JSON-LD person/organisation value (string, dict, or list of either)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for item in value[:10] for n in _names(item)]
    return []


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


# ------------------------------------------------------------------------------------------- cleaning
def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO-like or free-form date string, None when it cannot be read."""
    if not value:
        return None
    match = ISO_DATE.search(value)
    if match:
        year, month, day = (int(x) for x in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    try:
        import warnings

        from dateutil import parser as date_parser

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = date_parser.parse(value[:100], fuzzy=False)
    except (ValueError, OverflowError, TypeError, ImportError):
        return None
    return parsed.date().isoformat() if 1990 <= parsed.year <= 2100 else None


def clean_author(value: str | None) -> str | None:
    """A readable author string: no URLs, no 'By ', no trailing separators."""
    if not value:
        return None
    value = re.sub(r"^\s*(by|von|par|por|di|door)\s+", "", value.strip(), flags=re.I)
    value = value.strip(" ,;|-\u2013\u2014")
    if not value or "://" in value or value.startswith("@") or len(value) > 200:
        return None
    return value


def clean_title(title: str | None, outlet: str | None) -> str | None:
    """Title without a trailing ' | Outlet' or ' - Outlet' suffix."""
    if not title:
        return None
    title = " ".join(title.split())
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        last = parts[-1].lower()
        if outlet and (last in outlet.lower() or outlet.lower() in last) or len(parts[-1]) < 25 and len(parts) > 1:
            head = TITLE_SEPARATORS.split(title, maxsplit=len(parts) - 2)
            candidate = " - ".join(head[:-1]) if len(head) > 1 else title
            title = title[: title.rfind(parts[-1])].rstrip(" |:\u2013\u2014\u00b7\u2022-") or candidate
    return title or None


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    host = re.sub(r"^(www\d?|m|amp|edition|mobile)\.", "", host)
    return host or None


def _outlet_from_title(title: str | None) -> str | None:
    """'Headline | Outlet' or 'Outlet: Headline': the short end of a separated <title>."""
    if not title:
        return None
    parts = [p for p in TITLE_SEPARATORS.split(title) if p]
    if len(parts) < 2:
        return None
    end = min((parts[-1], parts[0]), key=len)
    return end if len(end) <= OUTLET_MAX_CHARS else None


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_,;\s]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def detect_lang(text: str, declared: str | None) -> str | None:
    """Language of the body text (py3langid); the page's declared language for short texts."""
    if len(text) < LANGID_MIN_CHARS:
        return declared
    try:
        from .lang import language  # function words for plain English, else py3langid

        return language(text[:LANGID_SAMPLE_CHARS])
    except ImportError:
        return declared


# ---------------------------------------------------------------------------------------------- main
def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key]
    return None


def _first_text(tree: Any, selector: str) -> str | None:
    node = tree.css_first(selector)
    if node is None:
        return None
    text = " ".join((node.text(deep=True) or "").split())
    return text or None


def _url(tree: Any, meta: dict[str, str], ld: dict[str, Any]) -> str | None:
    link = tree.css_first('link[rel="canonical"]')
    href = link.attributes.get("href") if link is not None else None
    for candidate in (href, meta.get("og:url"), _text(ld.get("url")), _text(ld.get("mainEntityOfPage"))):
        if candidate and re.match(r"https?://", candidate):
            return candidate.strip()
    return None


MODIFIED_KEYS = frozenset({"article:modified_time", "og:updated_time", "datemodified", "last-modified"})


def _date(tree: Any, meta: dict[str, str], ld: dict[str, Any], url: str | None) -> tuple[str | None, bool]:
    """The publication date and whether it is declared as such (JSON-LD datePublished/dateCreated, a
    published-time meta tag). The other clues (the first <time>, the URL's date path, a modified date)
    are weaker: a sidebar's <time> or an 'Updated' stamp is not the publication date, so htmldate is
    asked before them (see html.extract_html)."""
    published = tuple(k for k in DATE_KEYS if k not in MODIFIED_KEYS)
    for value in (_text(ld.get("datePublished")), _text(ld.get("dateCreated")), _first(meta, published)):
        date = iso_date(value)
        if date:
            return date, True
    node = tree.css_first("time[datetime]")
    if node is not None:
        date = iso_date(node.attributes.get("datetime"))
        if date:
            return date, False
    match = URL_DATE.search(url or "")
    if match:
        return iso_date("-".join(match.groups())), False
    modified = _text(ld.get("dateModified")) or _first(meta, tuple(k for k in DATE_KEYS if k in MODIFIED_KEYS))
    return iso_date(modified), False


def _marked_author(tree: Any) -> str | None:
    """Author names marked up in the page: links with rel="author" (the Guardian's bylines), then an
    itemprop="author" element (its itemprop="name" when it has one). Only short, name-like texts."""
    names = [" ".join((node.text(deep=True) or "").split()) for node in tree.css('a[rel~="author"]')[:AUTHOR_LINKS_MAX]]
    if not names:
        node = tree.css_first('[itemprop="author"] [itemprop="name"]') or tree.css_first('[itemprop="author"]')
        if node is not None and node.tag != "meta":
            names = [" ".join((node.text(deep=True) or "").split())]
    cleaned = [clean_author(n) for n in names if n and len(n) <= AUTHOR_NAME_MAX_CHARS and AUTHOR_NAME.match(n)]
    return ", ".join(dict.fromkeys(n for n in cleaned if n)) or None


def _classed_author(tree: Any) -> str | None:
    """An author name in an element whose class names it (`author-name`, `byline`, `post-author`...) or in a
    link to an author page (`/author/jane-doe`), as WordPress and most blog templates print it: the first
    short, name-like text, a leading 'By' or 'Written by' taken off; labels such as 'Author' alone are not
    names. Without structured data this is where a reader sees the author."""
    for node in tree.css(AUTHOR_ELEMENTS)[:AUTHOR_ELEMENTS_MAX]:
        if node.tag in ("meta", "img", "link", "script", "style"):
            continue
        name = _first_name_part(node.text(deep=True, separator=AUTHOR_PART_SEP) or "")
        if name:
            return clean_author(name)
    return None


def _first_name_part(text: str) -> str | None:
    """The first text part of an author element that reads as a name: labels ('By', 'Written by', 'The
    Author') are stepped over, and a job title in a later part ('Jane Doe | Staff Writer') is left out."""
    for part in text.split(AUTHOR_PART_SEP):
        part = AUTHOR_LABEL.sub("", " ".join(part.split())).strip(" :,|")
        lowered = part.lower()
        if not part or lowered in AUTHOR_NOT_NAMES or lowered.split()[-1] in AUTHOR_LABEL_ENDS:
            continue
        if AUTHOR_NOT_WORDS.intersection(lowered.split()):
            return None
        if len(part) <= AUTHOR_NAME_MAX_CHARS and AUTHOR_NAME.match(part) and not any(ch.isdigit() for ch in part):
            return part
        return None
    return None


def read_metadata(tree: Any) -> Metadata:
    """Metadata from structured data and the document head (call before scripts are stripped)."""
    meta = _meta_tags(tree)
    seen_types: set[str] = set()
    ld = json_ld(tree, seen_types)
    og_type = meta.get("og:type")
    if og_type:
        seen_types.add("og:" + og_type.lower())
    url = _url(tree, meta, ld)
    publisher = ld.get("publisher")
    outlet = _first(meta, OUTLET_KEYS[:1]) or next(iter(_names(publisher)), None) or _first(meta, OUTLET_KEYS[1:])
    if outlet and re.match(r"(https?://|www\.)", outlet):
        outlet = _outlet_from_url(outlet if "://" in outlet else f"http://{outlet}")
    page_title = _first_text(tree, "title")
    outlet = outlet or _outlet_from_url(url) or _outlet_from_title(page_title)
    if outlet and outlet.startswith("@"):
        outlet = outlet[1:] or None
    title = _text(ld.get("headline")) or _first(meta, TITLE_KEYS) or _first_text(tree, "h1")
    title = clean_title(title or page_title, outlet)
    authors = [a for a in (clean_author(n) for n in _names(ld.get("author"))) if a]
    author = ", ".join(dict.fromkeys(authors)) or clean_author(_first(meta, AUTHOR_KEYS)) or _marked_author(tree)
    author = author or _classed_author(tree)
    root = tree.root
    declared = _lang_code(root.attributes.get("lang") if root is not None else None)
    declared = declared or _lang_code(_text(ld.get("inLanguage")) or _first(meta, LANG_KEYS))
    body = ld.get("articleBody")
    date, date_declared = _date(tree, meta, ld, url)
    return Metadata(
        title=title,
        outlet=outlet,
        date=date,
        date_declared=date_declared,
        author=author or None,
        lang=declared,
        url=url,
        article_body=body if isinstance(body, str) else None,
        page_types=frozenset(seen_types),
    )


def htmldate_fallback(html: str, url: str | None) -> str | None:
    """Publication date by htmldate (original, not updated, dates), for pages without a declared date (it
    re-parses: slow). Its extensive search finds dates in running text that the fast mode misses."""
    try:
        import warnings

        from htmldate import find_date

        from .disk_cache import warm_dateparser

        warm_dateparser()  # dateparser's locale regexes, compiled once per machine, not per process

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = find_date(html, url=url, extensive_search=True, original_date=True)
    except Exception:  # htmldate raises on odd markup; a missing date is not an error
        return None
    return iso_date(found) if found else None
