"""Start-up of the command line, in real processes: what `newsfuse extract` and `newsfuse --help` import, and
the disk cache of extraction/disk_cache.py (same output with it cold, warm and off). No timings here: speed
is in `newsfuse bench extract` (whole-process and in-process, beside trafilatura)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT
from newsfuse.bench import BENCHMARKS, _needed

HEAVY = ("spacy", "scipy", "torch", "sklearn", "transformers", "sentence_transformers")
# a news page that declares its publication date in its metadata and has an article box: no fallback runs
DECLARED_PAGE = FIXTURES / "extraction" / "html" / "ad9e9e596f21a6812fae27b5d9d622359826c368e471d7d5ff9ac4676eaac9cd.html.gz"
REPORT = ("import atexit, json, sys\n"
          "atexit.register(lambda: print(json.dumps(sorted(m for m in sys.modules if '.' not in m)), file=sys.stderr))\n")


def _env(cache: Path | str) -> dict[str, str]:
    env = dict(os.environ, NEWSFUSE_CACHE_DIR=str(cache))
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _run_cli(args: list[str], cache: Path | str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """`newsfuse ARGS` in a fresh interpreter; also the top-level modules it had imported at the end."""
    code = f"{REPORT}from newsfuse.cli import main\nsys.exit(main({args!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(cache), timeout=120)
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    return done, modules


def _page(tmp_path: Path, source: Path) -> Path:
    path = tmp_path / source.name.removesuffix(".gz")
    path.write_text(gzip.open(source, "rt", encoding="utf-8", errors="replace").read(), encoding="utf-8")
    return path


def test_extract_imports_no_nlp_stack_and_no_fallback_it_does_not_use(tmp_path):
    page = _page(tmp_path, DECLARED_PAGE)
    done, modules = _run_cli(["extract", str(page)], "off")
    article = json.loads(done.stdout)
    assert done.returncode == 0 and article["date"] == "2018-10-09" and len(article["paragraphs"]) > 10
    assert not modules & set(HEAVY), modules & set(HEAVY)
    # trafilatura (no-article fallback) and htmldate (pages without a declared date) load only when used
    assert "trafilatura" not in modules and "htmldate" not in modules
    # plainly English: told by its function words, without py3langid's model or NumPy
    assert article["lang"] == "en" and "py3langid" not in modules and "numpy" not in modules


def test_help_imports_no_benchmark():
    for args in (["--help"], ["extract", "--help"]):
        done, modules = _run_cli(args, "off")
        assert done.returncode == 0 and "extract" in done.stdout
        assert "numpy" not in modules and "httpx" not in modules, args


def test_bench_imports_only_the_named_benchmark():
    assert _needed(["extract", "a.html"]) == []
    assert _needed(["bench", "extract", "--limit", "3"]) == [BENCHMARKS["extract"]]
    assert _needed(["bench", "--help"]) == list(BENCHMARKS.values())
    assert _needed(["bench", "nosuch"]) == list(BENCHMARKS.values())  # argparse names the choices
    assert _needed(None) == list(BENCHMARKS.values())
    done, modules = _run_cli(["bench", "extract", "--help"], "off")
    assert done.returncode == 0 and "--process-pages" in done.stdout and "httpx" not in modules


def test_disk_cache_gives_the_same_articles_cold_warm_and_off(tmp_path):
    """Every fixture page (13 news pages in 8 languages, 20 WCXB pages, some without a declared date, so
    htmldate and dateparser run) through three processes: cache off, cold (it is written), warm (read)."""
    sources = sorted((FIXTURES / "extraction" / "html").glob("*.html.gz")) + sorted(
        (FIXTURES / "wcxb" / "html").glob("*.html.gz"))
    pages = [str(_page(tmp_path, source)) for source in sources]
    cache = tmp_path / "cache"
    outputs = []
    for setting in ("off", cache, cache):
        done, modules = _run_cli(["extract", *pages], setting)
        assert done.returncode in (0, 1), done.stderr[-500:]
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] == outputs[2] and len(outputs[0].splitlines()) >= 30
    assert {"dateparser", "py3langid"} <= modules
    langid = list(cache.glob("py3langid-*"))
    assert len(langid) == 1 and (langid[0] / "ptc.npy").stat().st_size > 1_000_000
    assert list(cache.glob("dateparser-*.pickle"))
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


def test_a_cache_file_others_can_write_is_not_read(tmp_path):
    """A pickle is code: one that another user could have written is ignored, and the output is the same."""
    from newsfuse.extraction import disk_cache

    path = tmp_path / "foreign.pickle"
    path.write_bytes(b"not a pickle at all")
    path.chmod(0o666)
    assert disk_cache._read_pickle(path) is None
    path.chmod(0o600)
    assert disk_cache._read_pickle(path) is None  # damaged: no cache, no error


ENGLISH = ("The council said on Tuesday that the new bridge would open in the spring, after two years of work "
           "and a budget that has grown by a third. Residents who live near the river told reporters that they "
           "were glad the work was nearly over, but some of them said the noise had been hard to bear.")
FRENCH = ("Le conseil municipal a annoncé mardi que le nouveau pont ouvrirait au printemps, après deux ans de "
          "travaux et un budget qui a augmenté d'un tiers. Les habitants qui vivent près de la rivière ont dit "
          "aux journalistes qu'ils étaient contents que les travaux soient presque finis.")
GERMAN = ("Der Stadtrat teilte am Dienstag mit, dass die neue Brücke im Frühjahr eröffnet werden soll, nach zwei "
          "Jahren Bauzeit und mit einem Budget, das um ein Drittel gewachsen ist. Anwohner sagten, sie seien froh.")


def test_function_words_tell_english_and_leave_other_languages_to_py3langid():
    from newsfuse.extraction.lang import language, plainly_english

    assert plainly_english(ENGLISH) and language(ENGLISH) == "en"
    assert not plainly_english(FRENCH) and language(FRENCH) == "fr"  # py3langid decides
    assert not plainly_english(GERMAN) and language(GERMAN) == "de"
    assert not plainly_english("The bridge opens in the spring.")  # too few words to tell
    names = " ".join(["Paris London Berlin Madrid Rome Vienna Prague Warsaw"] * 5)
    assert not plainly_english(names)  # English-looking ASCII without function words is not enough
