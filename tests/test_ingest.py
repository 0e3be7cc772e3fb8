"""Ingest: every kind of input, and every kind of bad input giving one clear reason."""

from __future__ import annotations

import gzip
import io

import pytest

from newsfuse.ingest import read_inputs
from newsfuse.models import InputError, Source

ARTICLE = "A court ruled on Monday that the council must repay the fine.\n\nThe mayor said she would appeal.\n"


def read(*paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_plain_text_file_becomes_one_source_named_by_stem(tmp_path):
    path = tmp_path / "001_story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [source] = read(path)
    assert isinstance(source, Source)
    assert (source.id, source.media_type, source.path) == ("001_story", "text/plain", str(path))
    assert source.data.decode() == ARTICLE


def test_html_detected_by_suffix_and_by_content(tmp_path):
    (tmp_path / "a.html").write_text("<p>hello</p>")
    (tmp_path / "b.dat").write_text("<!DOCTYPE html><html><body><p>hi</p></body></html>")
    kinds = [s.media_type for s in read(tmp_path / "a.html", tmp_path / "b.dat")]
    assert kinds == ["text/html", "text/html"]


def test_gzip_input_is_decompressed_and_keeps_inner_stem(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>"))
    [source] = read(path)
    assert source.id == "page" and source.media_type == "text/html"
    assert source.data.startswith(b"<html>")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n \t\n", "is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("binary.txt", bytes(range(256)) * 20, "binary"),
        ("latin1.txt", "Café owners said the rent rose by 20%.".encode("latin-1"), "not valid UTF-8"),
        ("cut.txt.gz", gzip.compress(ARTICLE.encode() * 50)[:60], "gzip file is truncated"),
        ("notgzip.txt.gz", b"this is not gzip data at all", "gzip file is corrupt"),
    ],
)
def test_bad_inputs_give_one_line_reason_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert error.path == str(path)
    assert reason in error.message
    assert "\n" not in str(error) and str(error).startswith(str(path))


def test_missing_file_and_directory_are_errors(tmp_path):
    errors = read(tmp_path / "nope.txt", tmp_path)
    assert [e.message for e in errors] == ["no such file", "is a directory, not an article file"]


def test_size_limit(tmp_path):
    from newsfuse.settings import Settings

    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    [error] = read(path, settings=Settings(max_input_bytes=1000))
    assert isinstance(error, InputError) and "limit" in error.message


def test_bad_input_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    results = read(tmp_path / "missing.txt", good)
    assert isinstance(results[0], InputError) and isinstance(results[1], Source)


def test_duplicate_stems_get_unique_ids(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "story.txt").write_text(ARTICLE)
    ids = [s.id for s in read(tmp_path / "a" / "story.txt", tmp_path / "b" / "story.txt")]
    assert ids == ["story", "story-2"]


def test_utf16_with_bom_is_accepted(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    [source] = read(path)
    assert isinstance(source, Source)


RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed</title>
<item><title>First story</title><link>https://example.com/1</link><pubDate>Tue, 04 Dec 2018 09:12:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The council voted on Tuesday to close the library.</p><p>Residents protested.</p>]]></content:encoded></item>
<item><title>Empty</title><link>https://example.com/2</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Atom story</title><link href="https://example.org/a"/><updated>2020-05-01T10:00:00Z</updated>
<summary>The river burst its banks overnight, flooding forty homes.</summary></entry></feed>"""


def test_rss_items_with_text_become_sources(tmp_path):
    path = tmp_path / "news.rss"
    path.write_text(RSS)
    [source] = read(path)
    assert (source.id, source.title, source.date, source.url) == (
        "news#1", "First story", "2018-12-04", "https://example.com/1")
    assert b"close the library" in source.data


def test_atom_entries_detected_by_content(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(ATOM)
    [source] = read(path)
    assert source.title == "Atom story" and source.date == "2020-05-01"


def test_warc_response_records_become_sources(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in (1, 2):
            body = f"<html><body><p>Story number {n} about the flood.</p></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://example.com/{n}", "response", payload=io.BytesIO(body),
                                               http_headers=headers)
            writer.write_record(record)
    sources = read(path)
    assert [s.url for s in sources] == ["https://example.com/1", "https://example.com/2"]
    assert all(s.media_type == "text/html" and s.charset == "utf-8" for s in sources)


def test_url_fetch_uses_injected_fetcher():
    calls = []

    def fetch(url):
        calls.append(url)
        return b"<html><body><p>Fetched article text.</p></body></html>", "text/html; charset=utf-8"

    [source] = list(read_inputs(["https://news.example/story"], fetch=fetch))
    assert calls == ["https://news.example/story"]
    assert source.url == "https://news.example/story" and source.charset == "utf-8"


def test_url_fetch_failure_is_one_line_error():
    def fetch(url):
        raise ConnectionError("network unreachable")

    [error] = list(read_inputs(["https://news.example/x"], fetch=fetch))
    assert isinstance(error, InputError) and "could not be fetched" in error.message


TREC = b"""<DOC>
<DOCNO> APW19981016.0240 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 10/16/1998 10:10:00 </DATE_TIME>
<HEADER>
A3240 &Cx1f; taf-z u i &Cx13;  &Cx11; BC-Cambodia-Politics &QL;
</HEADER>
<BODY>
<SLUG> BC-Cambodia-Politics,0321 </SLUG>
<HEADLINE>
Cambodian leader rejects talks abroad
</HEADLINE>
<TEXT>
<P>
PHNOM PENH, Cambodia (AP) _ Cambodian leader Hun Sen on Friday rejected
opposition demands for talks abroad, accusing them of trying to ``internationalize'' the crisis.
</P>
<P>
Opposition leaders said they could not negotiate freely &amp; safely in Cambodia.
</P>
</TEXT>
<TRAILER> AP-NY-10-16-98 1010EDT </TRAILER>
</BODY>
</DOC>
<DOC id="XIN_ENG_20050101.0001" type="story">
<HEADLINE>Quake toll rises</HEADLINE>
<TEXT>
The death toll from the earthquake rose to 150 on Saturday, officials said.

Rescue teams reached the last villages cut off by the landslides.
</TEXT>
</DOC>
<DOC><DOCNO> NYT19981017.0001 </DOCNO><TEXT>   </TEXT></DOC>
"""


def test_trec_sgml_file_gives_one_source_per_document_with_its_fields(tmp_path):
    """DUC/TAC/Gigaword files: DOCNO, HEADLINE, DATE_TIME, agency and the TEXT paragraphs, nothing else."""
    path = tmp_path / "d30001t"
    path.write_bytes(TREC)
    ap, xinhua = read(path)  # the third document has no text
    assert (ap.id, ap.title, ap.date, ap.outlet) == (
        "APW19981016.0240", "Cambodian leader rejects talks abroad", "1998-10-16", "Associated Press")
    body = ap.data.decode()
    assert body.split("\n\n") == [
        ("PHNOM PENH, Cambodia (AP) _ Cambodian leader Hun Sen on Friday rejected opposition demands for talks "
         "abroad, accusing them of trying to “internationalize” the crisis."),
        "Opposition leaders said they could not negotiate freely & safely in Cambodia.",
    ]
    assert "Cx1f" not in body and "BC-Cambodia" not in body and "AP-NY" not in body
    assert (xinhua.id, xinhua.date, xinhua.outlet, xinhua.media_type) == (
        "XIN_ENG_20050101.0001", "2005-01-01", "Xinhua", "text/plain")
    assert xinhua.data.decode().count("\n\n") == 1


def test_trec_file_without_text_is_one_line_error(tmp_path):
    path = tmp_path / "empty.sgml"
    path.write_bytes(b"<DOC>\n<DOCNO> X1 </DOCNO>\n<HEADLINE> Only a headline </HEADLINE>\n</DOC>\n")
    [error] = read(path)
    assert isinstance(error, InputError) and "no <DOC> with a <TEXT> body" in error.message


def test_numeric_suffix_is_part_of_the_id(tmp_path):
    """Two LDC files of one day differ only after the dot: both names survive whole."""
    for name in ("NYT19981016.0100", "NYT19981016.0200"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    ids = [s.id for s in read(tmp_path / "NYT19981016.0100", tmp_path / "NYT19981016.0200")]
    assert ids == ["NYT19981016.0100", "NYT19981016.0200"]


def test_trec_fields_reach_the_clean_article(tmp_path):
    from newsfuse.extraction import extract

    path = tmp_path / "d30001t"
    path.write_bytes(TREC)
    article = extract(read(path)[0])
    assert (article.title, article.outlet, article.date) == (
        "Cambodian leader rejects talks abroad", "Associated Press", "1998-10-16")
    assert article.paragraphs[0].startswith("PHNOM PENH, Cambodia (AP) _ Cambodian leader Hun Sen")
    assert len(article.paragraphs) == 2


def test_latin1_trec_file_is_decoded_not_garbled(tmp_path):
    """Older LDC collections are Latin-1: accents survive into title and body, with no U+FFFD."""
    path = tmp_path / "APW19981016.0240"
    path.write_bytes(
        "<DOC>\n<DOCNO> APW19981016.0240 </DOCNO>\n<HEADLINE> Café owner wins </HEADLINE>\n<TEXT>\n"
        "<P> MEXICO CITY _ The café owner José Pérez won the prize on Friday, officials said. </P>\n"
        "</TEXT>\n</DOC>\n".encode("latin-1"))
    [source] = read(path)
    assert source.title == "Café owner wins"
    assert source.data.decode("utf-8") == "MEXICO CITY _ The café owner José Pérez won the prize on Friday, officials said."
