"""Bad inputs through the real command line (issue 17): each gives its documented exit status and one line
`newsfuse: error: <input>: <reason>`, never a traceback; big ones are cut with a `truncated` note.

The table is docs/errors.md's. Inputs come from newsfuse.bench.hostile (the fuzzer's generators), at the
sizes of the issue where the test stays fast: the big cases go through `extract` (linear, bounded) and a
few through `brief`, whose analysis is what the bounds keep in check.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from newsfuse.bench.hostile import article_text, make
from newsfuse.cli import main
from newsfuse.errors import InputRejected

# case, size, command, exit status, what the one stderr line says (None: no stderr line)
TABLE = [
    ("empty", 0, "brief", 1, "is empty"),
    ("blank", 0, "brief", 1, "is empty"),
    ("binary", 4096, "brief", 1, "is a binary file, not an article"),
    ("pdf", 0, "brief", 1, "is a PDF document, not an article"),
    ("latin1", 0, "brief", 1, "is not valid UTF-8 (byte 0xe9 at offset 6)"),
    ("nul-bytes", 0, "brief", 1, "is a binary file, not an article"),
    ("truncated-gz", 0, "brief", 1, "gzip file is truncated"),
    ("damaged-warc", 0, "brief", 1, "WARC archive holds no HTML or text responses"),
    ("warc-no-uri", 0, "brief", 1, "a record lacks a required header such as WARC-Target-URI"),
    ("damaged-feed", 0, "brief", 1, "feed has no items with text"),
    ("italian", 0, "brief", 1, "language detected as 'it', but briefs need en text"),
    ("no-text-html", 0, "brief", 1, "no article text found"),
    ("deep-html", 1_100_000, "brief", 1, "no article text found"),  # text below the depth bound is not read
    ("utf16", 0, "brief", 0, None),
    ("malformed-html", 0, "brief", 0, None),
    ("huge-number", 0, "brief", 0, None),
    ("control-chars", 0, "brief", 0, None),
    ("rtl-mixed", 0, "brief", 0, None),
    ("long-line", 1_000_000, "brief", 0, None),  # a 1M-character line: past spaCy's max_length before
    ("long-token", 200_000, "extract", 0, None),
    ("huge-paragraph", 3_000_000, "extract", 0, None),
    ("many-paragraphs", 5_800_000, "extract", 0, None),
    ("quotes", 1_100_000, "extract", 0, None),
    ("repetitive", 2_000_000, "extract", 0, None),
    ("big-feed", 1_400_000, "extract", 1, "feed has more than 300 items with text"),
]
TRUNCATED = {"long-line", "long-token", "huge-paragraph", "many-paragraphs", "quotes", "repetitive"}


def run_cli(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(("case", "size", "command", "status", "message"), TABLE, ids=[row[0] for row in TABLE])
def test_bad_input_table(capsys, tmp_path, case, size, command, status, message):
    name, data = make(case, size or 10_000)
    path = tmp_path / name
    path.write_bytes(data)
    got, out, err = run_cli(capsys, command, "--format", "json" if command == "brief" else "jsonl", path)
    assert "Traceback" not in err
    assert got == status, err
    lines = err.strip().splitlines()
    if message is None:
        assert lines == []
    else:
        assert lines == [f"newsfuse: error: {path}: {message}"] or (
            lines and lines[0].startswith(f"newsfuse: error: {path}: ") and message in lines[0] and len(lines) == 1)
    if status == 0:
        articles = json.loads(out)["articles"] if command == "brief" else [json.loads(x) for x in out.splitlines()]
        assert articles and all(a["text"] for a in articles)
        notes = [text for a in articles for text, kind in zip(a["removed"], a["removed_kinds"]) if kind == "truncated"]
        assert bool(notes) == (case in TRUNCATED)
        assert all("not" in note and "Settings.max_" in note for note in notes)
        assert all(len(a["text"]) <= 50_000 + 2 * len(a["paragraphs"]) for a in articles)
        assert all(len(p) <= 20_000 for a in articles for p in a["paragraphs"])


def test_a_pile_survives_its_bad_members(capsys, tmp_path):
    """Five inputs, one empty, one Italian, one with no text: the brief is still written from the other two,
    the three are named on stderr and listed under `errors`, and the status says some input failed."""
    paths = []
    for case in ("empty", "italian", "no-text-html"):
        name, data = make(case)
        paths.append(tmp_path / name)
        paths[-1].write_bytes(data)
    for n in (1, 2):
        paths.append(tmp_path / f"good{n}.txt")
        paths[-1].write_text(article_text(1500, __import__("random").Random(n)), encoding="utf-8")
    status, out, err = run_cli(capsys, "brief", "--format", "json", *paths)
    assert status == 1
    data = json.loads(out)
    assert sorted(a["id"] for a in data["articles"]) == ["good1", "good2"]
    assert {e["path"] for e in data["errors"]} == {str(p) for p in paths[:3]}
    assert len(err.strip().splitlines()) == 3 and all(ln.startswith("newsfuse: error: ") for ln in err.splitlines())
    strict, out, err = run_cli(capsys, "brief", "--strict", *paths)
    assert strict == 1 and out == "" and err.strip().splitlines() == [f"newsfuse: error: {paths[0]}: is empty"]


def test_extract_keeps_going_over_a_folder_with_a_bad_page(capsys, tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(article_text(800), encoding="utf-8")
    bad = tmp_path / "b.html"
    bad.write_bytes(make("no-text-html")[1])
    status, out, err = run_cli(capsys, "extract", good, bad)
    assert status == 1 and [json.loads(x)["id"] for x in out.splitlines()] == ["a"]
    assert err.strip() == f"newsfuse: error: {bad}: no article text found"


def test_python_api_keeps_going_and_reports_errors(tmp_path):
    import newsfuse

    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    brief = newsfuse.brief([article_text(1200), bad])
    assert [a.id for a in brief.articles] == ["text1"]
    assert [(e.path, e.message) for e in brief.errors] == [(str(bad), "is empty")]
    with pytest.raises(InputRejected, match="is empty"):
        newsfuse.brief([bad], keep_going=False)  # --strict


def test_output_into_a_missing_folder_or_onto_a_folder(capsys, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(article_text(800), encoding="utf-8")
    for target, reason in ((tmp_path / "nope" / "out.md", "does not exist"), (tmp_path, "is a directory")):
        status, out, err = run_cli(capsys, "extract", "-o", target, source)
        assert status == 3 and out == ""
        assert err.strip().splitlines() == [f"newsfuse: error: {target}: cannot write the output: "
                                            + (f"folder {tmp_path / 'nope'} does not exist" if "exist" in reason
                                               else "is a directory")]


def test_output_file_mode_follows_the_umask(capsys, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(article_text(800), encoding="utf-8")
    old = os.umask(0o022)
    try:
        status, _, _ = run_cli(capsys, "extract", "-o", tmp_path / "out.jsonl", source)
    finally:
        os.umask(old)
    assert status == 0 and stat.S_IMODE((tmp_path / "out.jsonl").stat().st_mode) == 0o644


def test_output_onto_a_pipe_is_written_into_it_not_replaced(capsys, tmp_path):
    """-o naming a FIFO (or a device such as /dev/null) writes into it; the atomic rename would have put a
    plain file in its place."""
    import threading

    source = tmp_path / "a.txt"
    source.write_text(article_text(800), encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    status, out, _ = run_cli(capsys, "extract", "-o", fifo, source)
    reader.join(timeout=30)
    assert status == 0 and out == "" and stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and json.loads(received[0].decode("utf-8").splitlines()[0])["id"] == "a"


def test_usage_errors_have_status_2(capsys, tmp_path):
    status, _, err = run_cli(capsys, "extract", "--max-bytes", "0", tmp_path)
    assert status == 2 and err.strip() == "newsfuse: error: --max-bytes must be at least 1"


def test_an_unexpected_exception_is_one_line_with_status_4(tmp_path):
    """The catch-all, in a real process: a bug deep in the pipeline (here a handler that raises) never
    prints a traceback unless NEWSFUSE_DEBUG=1 asks for it."""
    code = ("import sys, newsfuse.cli as c\n"
            "def boom(args): raise ZeroDivisionError('division by zero')\n"
            "p = c.build_parser\n"
            "def build(*args, **kwargs):\n    parser = p(*args, **kwargs)\n    parser.set_defaults(handler=boom)\n"
            "    return parser\n"
            "c.build_parser = build\nsys.exit(c.main([]))\n")
    env = dict(os.environ, NEWSFUSE_DEBUG="0")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 4 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "newsfuse: error: internal error (ZeroDivisionError: division by zero); please report it, and set "
        "NEWSFUSE_DEBUG=1 to see the traceback"]
    env["NEWSFUSE_DEBUG"] = "1"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 4 and "Traceback" in done.stderr


def test_corpus_lists_bad_inputs_and_strict_writes_nothing(capsys, tmp_path):
    folder = tmp_path / "pile"
    folder.mkdir()
    (folder / "a.txt").write_text(article_text(1500), encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    out = tmp_path / "stories.jsonl"
    status, _, err = run_cli(capsys, "corpus", folder, "-o", out)
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert status == 1 and f"newsfuse: error: {folder / 'b.txt'}: is empty" in err.splitlines()
    assert [r["error"] for r in records if "error" in r] == [{"path": str(folder / "b.txt"), "message": "is empty"}]
    assert any("headline" in r for r in records)
    strict_out = tmp_path / "strict.jsonl"
    status, _, err = run_cli(capsys, "corpus", "--strict", folder, "-o", strict_out)
    assert status == 1 and not strict_out.exists()
    assert f"newsfuse: error: {folder / 'b.txt'}: is empty" in err


def test_feed_with_a_damaged_tag_name_is_a_clean_error(capsys):
    """Found by `bench fuzz` (seed 18): lxml's QName raised ValueError on the tag 's:' (status 4 before)."""
    from conftest import FIXTURES

    path = FIXTURES / "hardening" / "damaged-tag-name.rss"
    status, out, err = run_cli(capsys, "extract", path)
    assert status == 1 and out == "" and err.strip() == f"newsfuse: error: {path}: feed has no items with text"


def test_library_warnings_never_reach_stderr(tmp_path):
    """warcio logs a warning when it repairs a target URI with spaces; through the CLI that is no stray
    line: the record is read and stderr stays empty (a real subprocess, so logging starts unconfigured)."""
    from newsfuse.bench.hostile import warc_bytes

    page = ("<html><head><title>Flood in Carlisle</title></head><body><article><h1>Flood in Carlisle</h1>"
            + "<p>Rivers burst their banks in Carlisle on Sunday and hundreds of homes were flooded overnight.</p>" * 6
            + "</article></body></html>").encode()
    path = tmp_path / "crawl.warc"
    path.write_bytes(warc_bytes([("https://example.org/flood story", page)]))
    done = subprocess.run([sys.executable, "-m", "newsfuse.cli", "extract", "--format", "txt", str(path)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NEWSFUSE_DEBUG": ""})
    assert done.returncode == 0, done.stderr
    assert "Rivers burst their banks" in done.stdout
    assert done.stderr == ""
