"""TREC/LDC SGML news files (DUC, TAC, TDT, Gigaword): one `<DOC>` per article, read as Sources.

The format is SGML, not XML (unclosed tags, undeclared entities such as `&Cx1f;` or `&QL;` in the
typesetting headers), so it is read with patterns, not a parser. Each document's fields map onto a
Source: DOCNO (or the `id` attribute) is the id, HEADLINE the title, DATE_TIME/DATE or the date in the
document number the date, the agency code of the document number the outlet, and TEXT the body, one
paragraph per `<P>` (or per blank-line block), as plain text: the plain-text cleaner still removes what
is not article prose. Typesetting fields (HEADER, SLUG, TRAILER) are container metadata, not body.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime

from .extraction.decode import decode_text
from .models import Source

DOC = re.compile(r"<DOC(?P<attrs>\s[^>]*)?>(?P<body>.*?)</DOC>", re.IGNORECASE | re.DOTALL)
SNIFF = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?<DOC[\s>]", re.IGNORECASE)
DOC_ID_ATTR = re.compile(r"""\bid\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
PARAGRAPH = re.compile(r"<P>(.*?)(?=</P>|<P>|$)", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
ENTITY = re.compile(r"&[A-Za-z][A-Za-z0-9]*;")
# "APW19981016.0240", "NYT_ENG_20050101.0001", "XIE19960101.0001", "AP880212-0001", "FT921-3"
DOCNO_DATE = re.compile(r"^[A-Z]+_?(?:[A-Z]{3}_)?((?:19|20)\d{2})(\d{2})(\d{2})")
DOCNO_AGENCY = re.compile(r"^([A-Z]+?)(?:_[A-Z]{3}_|\d)")
AGENCIES = {  # LDC agency codes as DUC/TAC/Gigaword document numbers spell them
    "AP": "Associated Press", "APW": "Associated Press", "NYT": "The New York Times", "XIE": "Xinhua",
    "XIN": "Xinhua", "AFP": "Agence France-Presse", "LTW": "Los Angeles Times/Washington Post",
    "WPB": "Washington Post/Bloomberg", "CNA": "Central News Agency", "WSJ": "The Wall Street Journal",
    "FT": "Financial Times", "SJMN": "San Jose Mercury News", "LA": "Los Angeles Times", "FBIS": "FBIS",
}
DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%Y%m%d", "%B %d, %Y", "%d %B %Y", "%m/%d/%y")


def looks_like_trec(data: bytes) -> bool:
    """The file opens on a `<DOC>` element (after an optional XML declaration)."""
    return bool(SNIFF.match(data[:4096]))


def read_trec(name: str, data: bytes, stem: str) -> Iterator[Source]:
    """One plain-text Source per `<DOC>` with a TEXT body; ids from DOCNO, else `stem#n`.

    The file is decoded once, as plain text is (UTF-8, else the detected charset: the older
    collections are Latin-1), and each Source carries its body re-encoded as UTF-8."""
    for count, match in enumerate(DOC.finditer(decode_text(data)), start=1):
        doc = match.group("body")
        body = paragraphs(_field(doc, "TEXT") or "")
        if not body:
            continue
        docno = _plain(_field(doc, "DOCNO") or "") or _attr_id(match.group("attrs"))
        yield Source(
            id=docno or f"{stem}#{count}",
            path=name,
            data="\n\n".join(body).encode("utf-8"),
            media_type="text/plain",
            charset="utf-8",
            title=_plain(_field(doc, "HEADLINE") or "") or None,
            date=_date(doc, docno),
            outlet=AGENCIES.get(_agency(docno) or ""),
        )


def paragraphs(text: str) -> list[str]:
    """The body's paragraphs: `<P>` elements, else blank-line blocks; lines re-joined, quotes curled."""
    parts = [m.group(1) for m in PARAGRAPH.finditer(text)] or re.split(r"\n\s*\n", text)
    return [p for p in (_plain(part) for part in parts) if p]


def _plain(text: str) -> str:
    """Tags dropped, entities resolved (typesetting codes removed), whitespace collapsed, and the
    ``LaTeX'' quotes of the LDC tokenisation turned into curly ones."""
    text = ENTITY.sub(_entity, TAG.sub(" ", text)).replace("``", "“").replace("''", "”")
    return " ".join(text.split())


def _entity(match: re.Match[str]) -> str:
    """An HTML entity's character; a space for the typesetting codes (`&Cx1f;`, `&QL;`) it does not know."""
    char = html.unescape(match.group())
    return " " if char == match.group() else char


def _field(doc: str, tag: str) -> str | None:
    match = re.search(rf"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>", doc, re.IGNORECASE | re.DOTALL)
    return match.group(1) if match else None


def _attr_id(attrs: str | None) -> str | None:
    match = DOC_ID_ATTR.search(attrs) if attrs else None
    return match.group(1) if match else None


def _agency(docno: str | None) -> str | None:
    match = DOCNO_AGENCY.match(docno or "")
    return match.group(1) if match else None


def _date(doc: str, docno: str | None) -> str | None:
    """ISO date from DATE_TIME or DATE (first date-like run), else from the document number."""
    for tag in ("DATE_TIME", "DATE", "DATELINE"):
        value = _plain(_field(doc, tag) or "")
        for fmt in DATE_FORMATS:
            head = " ".join(value.split()[:3 if "%B" in fmt else 1]).rstrip(",")
            try:
                return datetime.strptime(head, fmt).date().isoformat()
            except ValueError:
                continue
    match = DOCNO_DATE.match(docno or "")
    if match:
        try:
            return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3))).date().isoformat()
        except ValueError:
            return None
    return None
