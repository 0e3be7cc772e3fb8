"""The command line: formats, output files, exit statuses, and bad input handling end to end."""

from __future__ import annotations

import gzip
import json

import pytest

from newsfuse.cli import main


def run_cli(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def good_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "good.txt"
    path.write_text(
        "Flood waters forced 300 families from their homes in Carlisle on Saturday, the council said.\n\n"
        "The River Eden rose two metres overnight after two days of heavy rain.\n",
        encoding="utf-8",
    )
    return path


def test_brief_markdown_on_seeds(capsys, seeds):
    status, out, err = run_cli(capsys, "brief", *seeds)
    assert status == 0, err
    assert out.startswith("# ") and "## Summary" in out and "# Articles" in out


def test_brief_json_is_the_documented_contract(capsys, seeds):
    status, out, _ = run_cli(capsys, "brief", "--format", "json", *seeds)
    assert status == 0
    data = json.loads(out)
    assert {"articles", "stories"} <= data.keys()
    for article in data["articles"]:
        assert {"id", "path", "title", "outlet", "date", "text", "removed"} <= article.keys()
    for story in data["stories"]:
        assert {"id", "headline", "articles", "related", "summary", "facts", "single_source", "quotes",
                "timeline"} <= story.keys()
        assert all({"text", "sources"} <= s.keys() for s in story["summary"])


def test_words_bounds_every_summary(capsys, seeds):
    status, out, _ = run_cli(capsys, "brief", "--format", "json", "--words", "40", *seeds)
    assert status == 0
    for story in json.loads(out)["stories"]:
        assert sum(len(s["text"].split()) for s in story["summary"]) <= 40


def test_html_output_to_file(capsys, seeds, tmp_path):
    target = tmp_path / "brief.html"
    status, out, _ = run_cli(capsys, "brief", "--format", "html", "-o", target, *seeds)
    assert status == 0 and out == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "Lucraft" in page


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("empty.txt", b"", "is empty"),
        ("binary.bin", bytes(range(256)) * 8, "binary"),
        ("bad.txt", b"caf\xe9 owners said the rent rose", "not valid UTF-8"),
        ("cut.txt.gz", gzip.compress(b"A long article. " * 400)[:40], "truncated"),
    ],
)
def test_bad_input_one_line_error_nonzero_exit(capsys, tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    status, out, err = run_cli(capsys, "brief", path)
    assert status == 1 and out == ""
    [line] = err.strip().splitlines()
    assert str(path) in line and needle in line


def test_missing_file_and_directory(capsys, tmp_path):
    for target, needle in ((tmp_path / "absent.txt", "no such file"), (tmp_path, "is a directory")):
        status, out, err = run_cli(capsys, "brief", target)
        assert status == 1 and out == ""
        assert len(err.strip().splitlines()) == 1 and needle in err


def test_keep_going_processes_the_rest_and_still_fails(capsys, tmp_path, good_file):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    status, out, err = run_cli(capsys, "brief", "--keep-going", "--format", "json", empty, tmp_path / "nope.txt",
                               good_file)
    assert status == 1
    assert len(err.strip().splitlines()) == 2
    data = json.loads(out)
    assert [a["id"] for a in data["articles"]] == ["good"]
    assert {e["path"] for e in data["errors"]} == {str(empty), str(tmp_path / "nope.txt")}


def test_strict_first_error_stops_before_output(capsys, tmp_path, good_file):
    target = tmp_path / "out.json"
    target.write_text("previous brief")
    status, _, err = run_cli(capsys, "brief", "--strict", "-o", target, tmp_path / "nope.txt", good_file)
    assert status == 1 and "nope.txt" in err
    assert target.read_text() == "previous brief"  # nothing half-written


def test_stdin_input(capsys, monkeypatch, good_file):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(good_file.read_bytes())))
    status, out, _ = run_cli(capsys, "brief", "--format", "json", "-")
    assert status == 0
    assert json.loads(out)["articles"][0]["id"] == "stdin"


def test_extract_jsonl_one_line_per_input(capsys, seeds):
    status, out, _ = run_cli(capsys, "extract", *seeds)
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(seeds)
    for row in lines:
        assert {"path", "title", "outlet", "date", "author", "lang", "text", "removed"} <= row.keys()


def test_invalid_words_rejected(capsys, good_file):
    status, _, err = run_cli(capsys, "brief", "--words", "0", good_file)
    assert status == 2 and "--words" in err  # a usage error (docs/errors.md)


def test_min_confidence_keeps_only_the_surer_citations(capsys, seeds):
    def brief(*extra):
        status, out, err = run_cli(capsys, "brief", "--format", "json", "--one-story", *extra, *seeds)
        assert status == 0, err
        return json.loads(out)

    def by_text(doc):
        return {s["text"]: s for s in doc["summary"]}

    strict_brief, default_brief = brief("--min-confidence", "0.9"), brief()
    default, strict = by_text(default_brief), by_text(strict_brief)
    # facts too count only what is cited at 0.9: never more outlets than at the default
    def counted(doc):
        return sum(f["outlets"] for f in doc["stories"][0]["facts"])
    assert counted(strict_brief) <= counted(default_brief)
    assert default.keys() == strict.keys()  # the same sentences: only what they cite changes
    assert sum(len(s["sources"]) for s in strict.values()) < sum(len(s["sources"]) for s in default.values())
    # a sentence that is a fact's passage also cites what the fact counts (one brief); anything else it cites,
    # the decision rated at 0.9 or more
    fact_sources = {}
    for fact in strict_brief["stories"][0]["facts"]:
        for article, text in [(fact["sources"][0], fact["text"])] + [(e["article"], e["text"]) for e in fact["evidence"]]:
            fact_sources.setdefault((article, text), set()).update(fact["sources"])
    for text, sentence in strict.items():
        assert set(sentence["sources"]) <= set(default[text]["sources"]) | fact_sources.get((sentence["sources"][0], text), set())
        counted = fact_sources.get((sentence["sources"][0], text), set())
        assert all(e["confidence"] >= 0.9 for e in sentence["evidence"] if e["article"] not in counted)
        assert [e["article"] for e in sentence["evidence"]] == sentence["sources"][1:]


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_min_confidence_outside_zero_to_one_rejected(capsys, good_file, value):
    status, _, err = run_cli(capsys, "brief", "--min-confidence", value, good_file)
    assert status == 2 and "--min-confidence" in err and len(err.strip().splitlines()) == 1


def test_no_command_prints_help(capsys):
    status, out, _ = run_cli(capsys)
    assert status == 2 and "brief" in out


FRENCH = ("Le gouvernement a annoncé lundi une hausse des impôts sur le revenu pour les ménages les plus riches. "
          "Les syndicats ont appelé à la grève jeudi prochain, selon le ministre du travail, qui a refusé de "
          "commenter les chiffres publiés par la presse régionale.\n")


def test_non_english_refused_by_brief_but_extracted(capsys, tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text(FRENCH, encoding="utf-8")
    status, out, err = run_cli(capsys, "brief", path)
    assert status == 1 and out == ""
    [line] = err.strip().splitlines()
    assert str(path) in line and "'fr'" in line
    status, out, _ = run_cli(capsys, "extract", path)
    assert status == 0 and json.loads(out)["lang"] == "fr"


def test_malformed_html_still_briefed(capsys, tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><p>Unclosed <b>bold <p>The mayor of Leeds resigned on Monday after the "
                    "council voted against her budget plan for a third time.</div></span><p>She said she was "
                    "proud of her record", encoding="utf-8")
    status, out, err = run_cli(capsys, "brief", "--format", "json", path)
    assert status == 0, err
    assert "mayor of Leeds resigned" in json.loads(out)["articles"][0]["text"]


def test_oversized_input_refused(capsys, tmp_path, good_file):
    status, out, err = run_cli(capsys, "brief", "--max-bytes", "100", good_file)
    assert status == 1 and "limit" in err and out == ""


def test_one_story_skips_grouping(capsys, seeds):
    status, out, _ = run_cli(capsys, "brief", "--format", "json", "--one-story", *seeds)
    assert status == 0
    [story] = json.loads(out)["stories"]
    assert len(story["articles"]) == 4 and story["related"] == []
